//! Part 3 — Calculus and optimization.

pub mod s3_3_armijo;
pub mod s3_3_convexity;
pub mod s3_3_critical_points;
pub mod s3_3_momentum_adam;
pub mod s3_3_multistart;
pub mod s3_3_newton;
