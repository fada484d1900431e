//! Part 1 — statistics and probability.

pub mod s1_1_bootstrap_ci;
pub mod s1_1_ipw_mean;
pub mod s1_1_sample_without_replacement;
pub mod s1_2_expected_value;
pub mod s1_2_mean_median;
pub mod s1_2_modes_quantile;
pub mod s1_3_correlation;
pub mod s1_3_covariance_matrix_vif;
pub mod s1_3_sample_variance;
pub mod s1_4_discrete_random_variable;
pub mod s1_4_simpson_ecdf;
pub mod s1_5_binomial_pmf;
pub mod s1_5_normal_distribution;
pub mod s1_5_sampling;
pub mod s1_6_clt_simulation;
pub mod s1_6_ks_statistic;
pub mod s1_7_independence_total_probability;
pub mod s1_7_joint_table;
pub mod s1_8_beta_binomial;
pub mod s1_8_diagnostic_test;
pub mod s1_8_discrete_posterior;
pub mod s1_9_cross_entropy_logits;
pub mod s1_9_gaussian_nll_mse;
pub mod s1_9_mle;
