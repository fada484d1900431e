//! Figures of part 1, statistics and probability.

pub mod s1_10_logistic_regression;
pub mod s1_10_simple_regression;
pub mod s1_1_ipw_mean;
pub mod s1_4_simpson_ecdf;
pub mod s1_5_binomial_pmf;
pub mod s1_5_normal_distribution;
pub mod s1_6_clt_simulation;
pub mod s1_6_ks_statistic;
pub mod s1_8_beta_binomial;
pub mod s1_9_mle;
