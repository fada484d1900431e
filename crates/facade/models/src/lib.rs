//! `mathlings_models` as the learner's code sees it in the learner process (the learner
//! crate depends on this crate under that name): its error type only; none of the
//! reference algorithms is linked here.
#![deny(missing_docs)]

pub use mathlings_types::ModelError;
