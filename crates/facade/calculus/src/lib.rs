//! `mathlings_calculus` as the learner's code sees it in the learner process (the learner
//! crate depends on this crate under that name): its types only; none of the reference
//! algorithms is linked here.
#![deny(missing_docs)]

pub use mathlings_types::{CalculusError, CriticalPoint};
