//! # mathlings — the exercises
//!
//! This crate is yours: every file under `src/` is an exercise with a stub to complete.
//! Run `cargo xtask watch` from the repository root to work through them in order; each
//! save is graded in about a second. The functions' doc comments state what to compute,
//! the formula, and what to return on bad input.
//!
//! Exercises are self-contained: each file uses only the standard library, nalgebra,
//! rand and the reference crates' *error types*.
#![allow(unused_variables, unused_imports, dead_code)]
// Brackets in these docs are maths (E[X], A[i][k]), not links.
#![allow(rustdoc::broken_intra_doc_links)]

pub mod p1_stats;
pub mod p2_linalg;
pub mod p3_calculus;
pub mod p4_models;
