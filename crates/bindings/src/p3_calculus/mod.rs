//! Part 3 — Calculus and optimization: the exercises' interfaces.

pub mod s3_1_dual_numbers;
pub mod s3_1_finite_differences;
pub mod s3_1_gradient_descent;
pub mod s3_1_numerical_gradient;
pub mod s3_2_hessian;
pub mod s3_2_jacobian_chain_rule;
pub mod s3_2_reverse_mode;
pub mod s3_2_softmax;
pub mod s3_3_armijo;
pub mod s3_3_convexity;
pub mod s3_3_critical_points;
pub mod s3_3_momentum_adam;
pub mod s3_3_multistart;
pub mod s3_3_newton;
