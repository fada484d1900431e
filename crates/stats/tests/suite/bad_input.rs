//! Every public function fed empty input, NaN, ±∞, mismatched lengths and invalid parameters
//! returns the specific `StatsError` variant, never a panic.

use crate::common::rng;
use mathlings_stats::*;
use nalgebra::{DMatrix, dmatrix};

const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

macro_rules! is {
    ($e:expr, $p:pat) => {
        assert!(matches!($e, Err($p)), "{} gave {:?}", stringify!($e), $e)
    };
}

#[test]
fn sampling() {
    let mut r = rng(1);
    is!(
        sample_without_replacement(3, 4, &mut r),
        StatsError::InvalidParameter { .. }
    );
    is!(bootstrap_resample(&[], &mut r), StatsError::EmptyInput);
    is!(bootstrap_resample(&[NAN], &mut r), StatsError::NonFinite);
    is!(bootstrap_mean_ci(&[], 10, 0.9, 1), StatsError::EmptyInput);
    is!(
        bootstrap_mean_ci(&[1.0, INF], 10, 0.9, 1),
        StatsError::NonFinite
    );
    is!(
        bootstrap_mean_ci(&[1.0, 2.0], 0, 0.9, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        bootstrap_mean_ci(&[1.0, 2.0], 10, 0.0, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        bootstrap_mean_ci(&[1.0, 2.0], 10, NAN, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(standard_error_of_mean(&[]), StatsError::EmptyInput);
    is!(
        standard_error_of_mean(&[1.0]),
        StatsError::TooFewValues { needed: 2, got: 1 }
    );
    is!(standard_error_of_mean(&[1.0, NAN]), StatsError::NonFinite);
    is!(
        inverse_probability_weighted_mean(&[], &[]),
        StatsError::EmptyInput
    );
    is!(
        inverse_probability_weighted_mean(&[1.0], &[0.5, 0.5]),
        StatsError::LengthMismatch { left: 1, right: 2 }
    );
    is!(
        inverse_probability_weighted_mean(&[NAN], &[0.5]),
        StatsError::NonFinite
    );
    is!(
        inverse_probability_weighted_mean(&[1.0], &[0.0]),
        StatsError::InvalidParameter { .. }
    );
    is!(
        inverse_probability_weighted_mean(&[1.0], &[1.5]),
        StatsError::InvalidParameter { .. }
    );
}

#[test]
fn descriptive() {
    for f in [mean, median] {
        is!(f(&[]), StatsError::EmptyInput);
        is!(f(&[1.0, NAN]), StatsError::NonFinite);
        is!(f(&[-INF]), StatsError::NonFinite);
    }
    is!(modes(&[]), StatsError::EmptyInput);
    is!(modes(&[NAN]), StatsError::NonFinite);
    is!(quantile(&[], 0.5), StatsError::EmptyInput);
    is!(quantile(&[INF], 0.5), StatsError::NonFinite);
    is!(quantile(&[1.0], -0.1), StatsError::InvalidParameter { .. });
    is!(quantile(&[1.0], NAN), StatsError::InvalidParameter { .. });
    is!(expected_value(&[], &[]), StatsError::EmptyInput);
    is!(
        expected_value(&[1.0], &[0.5, 0.5]),
        StatsError::LengthMismatch { .. }
    );
    is!(expected_value(&[NAN], &[1.0]), StatsError::NonFinite);
    is!(
        expected_value(&[1.0, 2.0], &[1.5, -0.5]),
        StatsError::InvalidProbabilities
    );
    is!(
        expected_value(&[1.0, 2.0], &[0.5, 0.4]),
        StatsError::InvalidProbabilities
    );
}

#[test]
fn variance_family() {
    for f in [sample_variance, standard_deviation] {
        is!(f(&[]), StatsError::EmptyInput);
        is!(f(&[1.0]), StatsError::TooFewValues { needed: 2, got: 1 });
        is!(f(&[1.0, NAN]), StatsError::NonFinite);
    }
    is!(population_variance(&[]), StatsError::EmptyInput);
    is!(population_variance(&[INF]), StatsError::NonFinite);
    for f in [covariance, pearson_correlation] {
        is!(f(&[], &[]), StatsError::EmptyInput);
        is!(
            f(&[1.0, 2.0], &[1.0]),
            StatsError::LengthMismatch { left: 2, right: 1 }
        );
        is!(f(&[1.0], &[1.0]), StatsError::TooFewValues { .. });
        is!(f(&[1.0, NAN], &[1.0, 2.0]), StatsError::NonFinite);
    }
    is!(
        pearson_correlation(&[1.0, 1.0], &[1.0, 2.0]),
        StatsError::Undefined(_)
    );
    is!(autocorrelation(&[], 1), StatsError::EmptyInput);
    is!(autocorrelation(&[1.0], 0), StatsError::TooFewValues { .. });
    is!(
        autocorrelation(&[1.0, 2.0], 2),
        StatsError::InvalidParameter { .. }
    );
    is!(
        autocorrelation(&[3.0, 3.0, 3.0], 1),
        StatsError::Undefined(_)
    );
    is!(autocorrelation(&[1.0, NAN], 1), StatsError::NonFinite);
}

#[test]
fn matrices() {
    let empty = DMatrix::<f64>::zeros(0, 3);
    let one_row = dmatrix![1.0, 2.0];
    let with_nan = dmatrix![1.0, NAN; 2.0, 3.0];
    is!(covariance_matrix(&empty), StatsError::EmptyInput);
    is!(
        covariance_matrix(&one_row),
        StatsError::TooFewValues { needed: 2, got: 1 }
    );
    is!(covariance_matrix(&with_nan), StatsError::NonFinite);
    is!(variance_inflation_factors(&empty), StatsError::EmptyInput);
    is!(
        variance_inflation_factors(&one_row),
        StatsError::TooFewValues { .. }
    );
    is!(variance_inflation_factors(&with_nan), StatsError::NonFinite);
    is!(
        variance_inflation_factors(&dmatrix![1.0, 5.0; 2.0, 5.0; 3.0, 5.0]),
        StatsError::Undefined(_)
    );
    is!(
        variance_inflation_factors(
            &dmatrix![1.0, 2.0, 1.0; 2.0, 4.0, 0.0; 3.0, 6.0, 2.0; 4.0, 8.0, 1.0]
        ),
        StatsError::Undefined(_)
    );
}

#[test]
fn random_variables() {
    is!(
        DiscreteRandomVariable::new(vec![], vec![]),
        StatsError::EmptyInput
    );
    is!(
        DiscreteRandomVariable::new(vec![1.0], vec![0.5, 0.5]),
        StatsError::LengthMismatch { .. }
    );
    is!(
        DiscreteRandomVariable::new(vec![NAN], vec![1.0]),
        StatsError::NonFinite
    );
    is!(
        DiscreteRandomVariable::new(vec![1.0], vec![NAN]),
        StatsError::NonFinite
    );
    is!(
        DiscreteRandomVariable::new(vec![1.0, 2.0], vec![0.7, 0.7]),
        StatsError::InvalidProbabilities
    );
    is!(
        simpson(|x| x, 0.0, 1.0, 0),
        StatsError::InvalidParameter { .. }
    );
    is!(
        simpson(|x| x, 0.0, 1.0, 7),
        StatsError::InvalidParameter { .. }
    );
    is!(simpson(|x| x, NAN, 1.0, 2), StatsError::NonFinite);
    is!(simpson(|x| 1.0 / x, 0.0, 1.0, 2), StatsError::NonFinite);
    is!(empirical_cdf(&[], 0.0), StatsError::EmptyInput);
    is!(empirical_cdf(&[1.0], NAN), StatsError::NonFinite);
}

#[test]
fn distributions() {
    let mut r = rng(2);
    for f in [normal_pdf, normal_cdf] {
        is!(f(NAN, 0.0, 1.0), StatsError::NonFinite);
        is!(f(0.0, INF, 1.0), StatsError::NonFinite);
        is!(f(0.0, 0.0, 0.0), StatsError::InvalidParameter { .. });
        is!(f(0.0, 0.0, -1.0), StatsError::InvalidParameter { .. });
        is!(f(0.0, 0.0, INF), StatsError::InvalidParameter { .. });
    }
    is!(
        ln_binomial_pmf(1, 2, -0.1),
        StatsError::InvalidParameter { .. }
    );
    is!(binomial_pmf(1, 2, NAN), StatsError::InvalidParameter { .. });
    is!(poisson_pmf(1, 0.0), StatsError::InvalidParameter { .. });
    is!(poisson_pmf(1, INF), StatsError::InvalidParameter { .. });
    for f in [uniform_pdf, uniform_cdf] {
        is!(f(NAN, 0.0, 1.0), StatsError::NonFinite);
        is!(f(0.5, 0.0, INF), StatsError::NonFinite);
        is!(f(0.5, 1.0, 1.0), StatsError::InvalidParameter { .. });
        is!(f(0.5, 2.0, 1.0), StatsError::InvalidParameter { .. });
    }
    is!(
        sample_uniform(1.0, 1.0, 3, &mut r),
        StatsError::InvalidParameter { .. }
    );
    is!(sample_uniform(NAN, 1.0, 3, &mut r), StatsError::NonFinite);
    is!(
        sample_normal(0.0, 0.0, 3, &mut r),
        StatsError::InvalidParameter { .. }
    );
    is!(sample_normal(NAN, 1.0, 3, &mut r), StatsError::NonFinite);
    is!(
        sample_exponential(-1.0, 3, &mut r),
        StatsError::InvalidParameter { .. }
    );
    is!(exponential_cdf(NAN, 1.0), StatsError::NonFinite);
    is!(
        exponential_cdf(1.0, 0.0),
        StatsError::InvalidParameter { .. }
    );
    is!(
        regularized_incomplete_beta(1.5, 1.0, 1.0),
        StatsError::InvalidParameter { .. }
    );
    is!(
        regularized_incomplete_beta(NAN, 1.0, 1.0),
        StatsError::NonFinite
    );
    is!(
        regularized_incomplete_beta(0.5, -1.0, 1.0),
        StatsError::InvalidParameter { .. }
    );
    is!(
        beta_quantile(0.5, 1.0, 0.0),
        StatsError::InvalidParameter { .. }
    );
    is!(beta_quantile(INF, 1.0, 1.0), StatsError::NonFinite);
}

#[test]
fn clt() {
    is!(ks_statistic(&[], |x| x), StatsError::EmptyInput);
    is!(ks_statistic(&[NAN], |x| x), StatsError::NonFinite);
    is!(
        ks_statistic(&[0.5], |_| NAN),
        StatsError::InvalidParameter { .. }
    );
    is!(
        ks_statistic(&[0.5], |_| -0.1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        clt_standardized_means(0, 10, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        clt_standardized_means(10, 0, 1),
        StatsError::InvalidParameter { .. }
    );
}

#[test]
fn joint_and_bayes() {
    is!(JointTable::new(vec![]), StatsError::EmptyInput);
    is!(JointTable::new(vec![vec![]]), StatsError::EmptyInput);
    is!(
        JointTable::new(vec![vec![0.5, 0.5], vec![0.0]]),
        StatsError::LengthMismatch { .. }
    );
    is!(JointTable::new(vec![vec![NAN, 0.5]]), StatsError::NonFinite);
    is!(
        JointTable::new(vec![vec![0.7, 0.7]]),
        StatsError::InvalidProbabilities
    );
    is!(
        JointTable::new(vec![vec![1.5, -0.5]]),
        StatsError::InvalidProbabilities
    );
    let t = JointTable::new(vec![vec![0.5, 0.0], vec![0.5, 0.0]]).unwrap();
    is!(t.conditional_x_given_y(1), StatsError::ZeroProbabilityEvent);
    is!(
        t.conditional_x_given_y(2),
        StatsError::InvalidParameter { .. }
    );
    is!(
        t.conditional_y_given_x(2),
        StatsError::InvalidParameter { .. }
    );
    let z = JointTable::new(vec![vec![1.0, 0.0], vec![0.0, 0.0]]).unwrap();
    is!(z.conditional_y_given_x(1), StatsError::ZeroProbabilityEvent);
    is!(total_probability(&[], &[]), StatsError::EmptyInput);
    is!(
        total_probability(&[0.5], &[0.5, 0.5]),
        StatsError::LengthMismatch { .. }
    );
    is!(
        total_probability(&[1.5, 0.5], &[0.5, 0.5]),
        StatsError::InvalidProbabilities
    );
    is!(
        total_probability(&[NAN, 0.5], &[0.5, 0.5]),
        StatsError::NonFinite
    );
    is!(discrete_posterior(&[], &[]), StatsError::EmptyInput);
    is!(
        discrete_posterior(&[0.5, 0.5], &[1.0]),
        StatsError::LengthMismatch { .. }
    );
    is!(
        discrete_posterior(&[0.5, 0.6], &[1.0, 1.0]),
        StatsError::InvalidProbabilities
    );
    is!(
        discrete_posterior(&[0.5, 0.5], &[-1.0, 1.0]),
        StatsError::InvalidProbabilities
    );
    is!(
        discrete_posterior(&[0.5, 0.5], &[NAN, 1.0]),
        StatsError::NonFinite
    );
    is!(
        discrete_posterior(&[0.5, 0.5], &[0.0, 0.0]),
        StatsError::ZeroProbabilityEvent
    );
    is!(
        diagnostic_posterior(NAN, 0.9, 0.9),
        StatsError::InvalidParameter { .. }
    );
    is!(
        diagnostic_posterior(0.1, 0.9, -0.1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        diagnostic_posterior(0.0, 0.9, 1.0),
        StatsError::ZeroProbabilityEvent
    );
    is!(
        beta_binomial_update(-1.0, 1.0, 1, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        beta_binomial_update(1.0, NAN, 1, 1),
        StatsError::InvalidParameter { .. }
    );
    is!(
        BetaPosterior {
            alpha: 1.0,
            beta: 1.0
        }
        .credible_interval(1.0),
        StatsError::InvalidParameter { .. }
    );
    is!(
        BetaPosterior {
            alpha: 0.0,
            beta: 1.0
        }
        .credible_interval(0.9),
        StatsError::InvalidParameter { .. }
    );
}

#[test]
fn mle_and_losses() {
    is!(normal_mle(&[]), StatsError::EmptyInput);
    is!(normal_mle(&[NAN]), StatsError::NonFinite);
    is!(bernoulli_mle(&[]), StatsError::EmptyInput);
    is!(poisson_mle(&[]), StatsError::EmptyInput);
    is!(normal_log_likelihood(&[], 0.0, 1.0), StatsError::EmptyInput);
    is!(
        normal_log_likelihood(&[1.0], NAN, 1.0),
        StatsError::NonFinite
    );
    is!(
        normal_log_likelihood(&[1.0], 0.0, -1.0),
        StatsError::InvalidParameter { .. }
    );
    is!(bernoulli_log_likelihood(&[], 0.5), StatsError::EmptyInput);
    is!(
        bernoulli_log_likelihood(&[true], NAN),
        StatsError::InvalidParameter { .. }
    );
    is!(poisson_log_likelihood(&[], 1.0), StatsError::EmptyInput);
    is!(
        poisson_log_likelihood(&[1], 0.0),
        StatsError::InvalidParameter { .. }
    );
    is!(gaussian_nll(&[], &[], 1.0), StatsError::EmptyInput);
    is!(
        gaussian_nll(&[1.0], &[1.0, 2.0], 1.0),
        StatsError::LengthMismatch { .. }
    );
    is!(
        gaussian_nll(&[1.0], &[1.0], 0.0),
        StatsError::InvalidParameter { .. }
    );
    is!(gaussian_nll(&[INF], &[1.0], 1.0), StatsError::NonFinite);
    is!(mean_squared_error(&[], &[]), StatsError::EmptyInput);
    is!(
        mean_squared_error(&[1.0], &[1.0, 2.0]),
        StatsError::LengthMismatch { .. }
    );
    is!(mean_squared_error(&[NAN], &[1.0]), StatsError::NonFinite);
    is!(log_sum_exp(&[]), StatsError::EmptyInput);
    is!(log_sum_exp(&[INF]), StatsError::NonFinite);
    is!(
        binary_cross_entropy_with_logits(&[], &[]),
        StatsError::EmptyInput
    );
    is!(
        binary_cross_entropy_with_logits(&[0.0], &[1.0, 0.0]),
        StatsError::LengthMismatch { .. }
    );
    is!(
        binary_cross_entropy_with_logits(&[NAN], &[1.0]),
        StatsError::NonFinite
    );
    is!(
        binary_cross_entropy_with_logits(&[0.0], &[-0.5]),
        StatsError::InvalidParameter { .. }
    );
}
