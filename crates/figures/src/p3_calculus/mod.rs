//! Figures of part 3, calculus and optimisation.

pub mod s3_1_finite_differences;
