//! The course as data: the manifest (`course.toml`), the pristine stubs it ships, and the
//! static checks made on exercise sources before anything is compiled.
//!
//! Key design decision: everything here is pure and compiled without the learner's code,
//! so the grader (`xtask`) and the runner's build script can use it even when an exercise
//! does not compile.
//!
//! ```
//! let manifest = mathlings_course::Manifest::parse(r#"
//!     format_version = 1
//!     [[exercise]]
//!     id = "s1_2_median"
//!     section = "1.2"
//!     title = "Median"
//!     file = "p1_stats/s1_2_median.rs"
//!     points = 10
//!     hints = ["Sort a copy.", "Even length: average the two middle values."]
//!     reading = ["Khan Academy: Statistics and probability, Summarizing quantitative data"]
//! "#).unwrap();
//! assert_eq!(manifest.exercises[0].module(), "s1_2_median");
//! ```
#![deny(missing_docs)]

pub mod bindgen;
mod fingerprint;
mod forbidden;
mod layout;
mod manifest;
pub mod mutants;
pub mod report;
mod signatures;
mod stubs;

pub use fingerprint::fingerprint;
pub use forbidden::{ForbiddenCall, find_forbidden_calls};
pub use layout::layout_problems;
pub use manifest::{Exercise, MANIFEST_FILE, Manifest, ManifestError};
pub use signatures::{SignatureError, public_signatures};
pub use stubs::{STUBS_DIR, StubError, read_stub, stub_drift, stub_path};
