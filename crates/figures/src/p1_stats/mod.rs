//! Figures of part 1, statistics and probability.

pub mod s1_5_normal_distribution;
