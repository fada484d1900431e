//! Part 2 — linear algebra: the exercises' interfaces.

pub mod s2_1_broadcasting;
pub mod s2_1_strided_tensor;
pub mod s2_1_vector_ops;
pub mod s2_2_blocked_matmul;
pub mod s2_2_dense_layer;
pub mod s2_2_matmul;
pub mod s2_3_determinant;
pub mod s2_3_inverse;
pub mod s2_3_solve;
pub mod s2_4_null_space;
pub mod s2_4_rref_rank;
pub mod s2_5_cholesky;
pub mod s2_5_jacobi_eigen;
pub mod s2_5_markov_stationary;
pub mod s2_5_power_iteration;
pub mod s2_6_low_rank_pinv;
pub mod s2_6_pca;
pub mod s2_6_svd;
