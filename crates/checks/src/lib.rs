//! The graded checks of every exercise, written once and runnable against any
//! implementation of the exercise's signature: the learner's, the official solution,
//! the stub, and each registered misconception.
//!
//! Key design decision: an exercise's signature is a struct of function pointers
//! (`Impl`), so the checks are compiled once, here, and never need the learner's code to
//! build; the runner binds a concrete module to an `Impl` with the exercise's
//! `bind_<id>!` macro. `Impl`, the macro and the plain data they exchange live in
//! `mathlings-bindings` (which the untrusted learner binary may link); each exercise
//! module here re-exports its `Impl`.
//!
//! ```
//! use mathlings_checks::{Options, p1_stats::s1_3_sample_variance as ex};
//! let spec = ex::spec();
//! let solution = ex::Impl { sample_variance: mathlings_stats::sample_variance };
//! let reference = ex::Impl { sample_variance: mathlings_stats::sample_variance };
//! let report = spec.grade(&solution, &reference, &Options { seed: 1, cases: 16, first_failure: false, deterministic: false });
//! assert!(report.passed());
//! ```
#![deny(missing_docs)]

pub mod each;
pub mod expect;
mod framework;
pub mod show;
pub mod strategies;

pub use framework::{
    Ctx, Misconception, MisconceptionDraft, Options, Property, PropertyDraft, Spec, Verdict, fnv1a,
    panic_message, snapshot_dir,
};

/// What an exercise's checks module needs, in one import.
pub mod prelude {
    pub use crate::expect::{self, Tol};
    pub use crate::framework::{Ctx, Misconception, Property, Spec, Verdict};
    pub use crate::show;
    pub use crate::strategies;
    pub use crate::{each, expect_err, rejects};
    pub use mathlings_course::report::Failure;
    pub use nalgebra::{DMatrix, DVector};
    pub use proptest::prelude::{Just, Strategy, prop_oneof};
}

pub mod p1_stats;
pub mod p2_linalg;
pub mod p3_calculus;
pub mod p4_models;
