//! Verified reference implementations of the statistics and probability taught in part 1 of
//! the mathlings course (sampling, descriptive statistics, variance, random variables,
//! distributions, the central limit theorem, conditional probability, Bayes and maximum
//! likelihood).
//!
//! Key design decision: accuracy first, with plain `f64` code a learner can read top to
//! bottom. Sums use compensated (Neumaier) summation, variances the corrected two-pass
//! algorithm, distributions work in log space, and the special functions (erf, erfc, ln Γ,
//! the incomplete beta function) are written here from their series and continued fractions
//! rather than borrowed. Every function validates its input and returns a [`StatsError`]
//! instead of panicking; randomness always comes from a caller's generator or a `u64` seed.
//!
//! ```
//! use approx::assert_relative_eq;
//! use mathlings_stats::{mean, normal_cdf, sample_variance, StatsError};
//!
//! let x = [1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0];
//! assert_relative_eq!(mean(&x)?, 1e9 + 10.0);
//! assert_relative_eq!(sample_variance(&x)?, 30.0); // exact despite the 1e9 offset
//! assert_relative_eq!(normal_cdf(0.0, 0.0, 1.0)?, 0.5);
//! assert_eq!(sample_variance(&[]), Err(StatsError::EmptyInput));
//! # Ok::<(), StatsError>(())
//! ```
#![deny(missing_docs)]

mod bayes;
mod binomial;
mod clt;
mod covariance_matrix;
mod descriptive;
mod error;
mod exponential;
mod joint;
mod losses;
mod mle;
mod normal;
mod poisson;
mod random_variable;
mod sampling;
mod special;
mod summation;
mod uniform;
mod validate;
mod variance;

pub use bayes::{BetaPosterior, beta_binomial_update, diagnostic_posterior, discrete_posterior};
pub use binomial::{binomial_pmf, ln_binomial_pmf};
pub use clt::{clt_standardized_means, ks_statistic};
pub use covariance_matrix::{covariance_matrix, variance_inflation_factors};
pub use descriptive::{expected_value, mean, median, modes, quantile};
pub use error::StatsError;
pub use exponential::{exponential_cdf, sample_exponential};
pub use joint::{JointTable, total_probability};
pub use losses::{binary_cross_entropy_with_logits, gaussian_nll, log_sum_exp, mean_squared_error};
pub use mle::{
    NormalMle, bernoulli_log_likelihood, bernoulli_mle, normal_log_likelihood, normal_mle,
    poisson_log_likelihood, poisson_mle,
};
pub use normal::{normal_cdf, normal_pdf, sample_normal};
pub use poisson::poisson_pmf;
pub use random_variable::{DiscreteRandomVariable, empirical_cdf, simpson};
pub use sampling::{
    ConfidenceInterval, bootstrap_mean_ci, bootstrap_resample, inverse_probability_weighted_mean,
    sample_without_replacement, standard_error_of_mean,
};
pub use special::{beta_quantile, erf, erfc, ln_gamma, regularized_incomplete_beta};
pub use uniform::{sample_uniform, uniform_cdf, uniform_pdf};
pub use variance::{
    autocorrelation, covariance, pearson_correlation, population_variance, sample_variance,
    standard_deviation,
};
