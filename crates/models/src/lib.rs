//! Reference implementations (models) for the mathlings course. (Helper fills in the crate docs.)
#![deny(missing_docs)]

mod error;

pub use error::ModelError;
