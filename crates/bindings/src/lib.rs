//! The interface of every exercise, and nothing else: what the learner's code and the
//! trusted judge agree on, small enough to be linked into the untrusted learner binary.
//!
//! For every exercise, a module mirroring its path (`p1_stats::s1_3_sample_variance`) with:
//! `Impl`, the exercise's signature as a struct of function pointers; the type aliases of
//! `Impl`'s fields; and, only where a learner writes a type of their own (a dual number, a
//! tape, a tensor, an optimiser's state), a `bind_<id>!` macro (exported at the crate root)
//! that adapts a module defining it to `Impl`, with the plain data it adapts to (expression
//! trees, tape programs, tensor layouts, optimiser runs), all `Serialize + Deserialize` so
//! that a call can cross a process boundary. Every other exercise is bound field by field
//! to the functions of the same name, by code generated from `Impl`
//! (`mathlings_course::bindgen`): nothing is written by hand for it.
//!
//! Key design decision: this crate depends only on `mathlings-types` (the error enums and
//! shared results), nalgebra and serde — never on the reference implementations, the
//! checks or the solutions — so linking it gives learner code nothing to call but its own
//! functions. The checks (`mathlings-checks`) re-export each `Impl` and keep the
//! properties, reference comparisons and misconceptions.
//!
//! Every `Impl` field is `fn(ARGS) -> RET`, or a `pub type` alias of one defined in the same
//! module, where ARGS and RET are built only from primitives, `&[T]`, `&T`, `Vec<T>`,
//! tuples, arrays, `Result`, `Option`, `DMatrix<f64>`, `DVector<f64>`, aliases of the same
//! module, types of this crate or of `mathlings-types`, and `fn` pointers following the
//! same rules: no generics, lifetimes, `&mut`, `impl Trait` or `dyn`, so that a code
//! generator can read the signatures with `syn`.
//!
//! ```
//! use mathlings_bindings::p1_stats::s1_3_sample_variance::Impl;
//! use mathlings_types::StatsError;
//!
//! mod learner {
//!     use mathlings_types::StatsError;
//!     pub fn sample_variance(xs: &[f64]) -> Result<f64, StatsError> {
//!         if xs.len() < 2 {
//!             return Err(StatsError::TooFewValues { needed: 2, got: xs.len() });
//!         }
//!         let mean = xs.iter().sum::<f64>() / xs.len() as f64;
//!         Ok(xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64)
//!     }
//! }
//!
//! let imp = Impl { sample_variance: learner::sample_variance };
//! assert_eq!((imp.sample_variance)(&[1.0, 3.0]), Ok(2.0));
//! assert_eq!(
//!     (imp.sample_variance)(&[1.0]),
//!     Err(StatsError::TooFewValues { needed: 2, got: 1 })
//! );
//! ```
#![deny(missing_docs)]

/// The nalgebra crate the signatures are written in, for the bind macros' expansions.
#[doc(hidden)]
pub use nalgebra;

pub mod objectives;
pub mod p1_stats;
pub mod p2_linalg;
pub mod p3_calculus;
pub mod p4_models;
