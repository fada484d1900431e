//! The types shared by the reference crates, the learner's code and the judge: the error
//! enum of each reference crate ([`StatsError`], [`LinalgError`], [`CalculusError`],
//! [`ModelError`]), the thin SVD ([`Svd`]) and the kind of a critical point
//! ([`CriticalPoint`]).
//!
//! Key design decision: these types live in a crate of their own, with no algorithm in
//! it, so that the untrusted learner binary can link them (through `mathlings-bindings`)
//! without linking the reference implementations. The reference crates re-export them, so
//! `mathlings_stats::StatsError`, `mathlings_linalg::Svd`, … keep working. Every type is
//! `Serialize + Deserialize` (values cross the process boundary between the sandboxed
//! learner code and the judge); `&'static str` fields are deserialized with
//! [`static_str::deserialize`].
//!
//! ```
//! use mathlings_types::{CalculusError, LinalgError, ModelError};
//!
//! let e = ModelError::from(LinalgError::Singular);
//! assert_eq!(e.to_string(), "matrix is singular");
//! assert_eq!(CalculusError::from(LinalgError::Singular), CalculusError::Singular);
//! ```
#![deny(missing_docs)]

mod calculus_error;
mod critical_point;
mod linalg_error;
mod model_error;
pub mod static_str;
mod stats_error;
mod svd;

pub use calculus_error::CalculusError;
pub use critical_point::CriticalPoint;
pub use linalg_error::LinalgError;
pub use model_error::ModelError;
pub use stats_error::StatsError;
pub use svd::Svd;
