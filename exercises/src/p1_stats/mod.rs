//! Part 1 — statistics and probability. See README.md in this folder.

pub mod s1_3_sample_variance;
