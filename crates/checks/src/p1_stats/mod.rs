//! Part 1 — statistics and probability.

pub mod s1_3_sample_variance;
