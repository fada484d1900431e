//! Figures of part 3, calculus and optimisation.

pub mod s3_1_finite_differences;
pub mod s3_3_critical_points;
pub mod s3_3_momentum_adam;
pub mod s3_3_newton;
