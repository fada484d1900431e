//! Figures of part 2, linear algebra.

pub mod s2_5_power_iteration;
pub mod s2_6_low_rank_pinv;
pub mod s2_6_pca;
pub mod s2_6_svd;
