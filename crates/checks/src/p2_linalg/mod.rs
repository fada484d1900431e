//! Part 2 — linear algebra.

pub mod s2_3_determinant;
pub mod s2_5_cholesky;
pub mod s2_5_jacobi_eigen;
pub mod s2_5_markov_stationary;
pub mod s2_5_power_iteration;
pub mod s2_6_low_rank_pinv;
pub mod s2_6_pca;
pub mod s2_6_svd;
pub mod spectral_common;
