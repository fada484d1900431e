//! Reference implementations (calculus) for the mathlings course. (Helper fills in the crate docs.)
#![deny(missing_docs)]

mod error;

pub use error::CalculusError;
