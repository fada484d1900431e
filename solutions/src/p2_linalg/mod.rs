//! Part 2 — linear algebra.

pub mod s2_3_determinant;
