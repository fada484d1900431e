//! # mathlings — the official solutions
//!
//! The same paths and signatures as `exercises/`, filled in. Read a solution after you
//! have solved an exercise: it shows one clear way, with the numerical care the checks
//! demand.

// Brackets in these docs are maths (E[X], A[i][k]), not links.
#![allow(rustdoc::broken_intra_doc_links)]

pub mod p1_stats;
pub mod p2_linalg;
pub mod p3_calculus;
pub mod p4_models;
