//! Part 2 — linear algebra. See README.md in this folder.

pub mod s2_3_determinant;
