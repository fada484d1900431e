//! §1.1 Populations and sampling: drawing samples, the bootstrap, standard errors and
//! inverse-probability weighting.

use crate::StatsError;
use crate::descriptive::{mean, quantile_of_sorted, sorted};
use crate::summation::neumaier_sum;
use crate::validate;
use crate::variance::standard_deviation;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Draws `k` distinct indices from `0..n`, uniformly, by a partial Fisher–Yates shuffle.
///
/// Step i swaps position i with a uniformly chosen position in i..n; after k steps the first k
/// positions are a uniform random k-subset in random order. Every index has inclusion
/// probability k/n.
///
/// # Formula
/// ```text
/// for i = 0, 1, …, k − 1:  j ~ Uniform{i, …, n − 1};  swap(a[i], a[j])
/// ```
/// where a = [0, 1, …, n − 1] initially and the sample is a[0..k].
///
/// # Errors
/// [`StatsError::InvalidParameter`] if `k > n`.
///
/// # Examples
/// ```
/// use mathlings_stats::{sample_without_replacement, StatsError};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
/// let s = sample_without_replacement(10, 4, &mut rng).unwrap();
/// assert_eq!(s.len(), 4);
/// assert!(matches!(sample_without_replacement(3, 4, &mut rng), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn sample_without_replacement(
    n: usize,
    k: usize,
    rng: &mut impl Rng,
) -> Result<Vec<usize>, StatsError> {
    if k > n {
        return Err(StatsError::InvalidParameter {
            name: "k",
            reason: "cannot draw more items than the population holds",
        });
    }
    let mut items: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = rng.random_range(i..n);
        items.swap(i, j);
    }
    items.truncate(k);
    Ok(items)
}

/// A bootstrap resample: n values drawn from `data` with replacement.
///
/// # Formula
/// ```text
/// x*ᵢ = x_J,   J ~ Uniform{1, …, n},   i = 1, …, n
/// ```
/// where n is the size of the original sample (a resample has the same size).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`].
///
/// # Examples
/// ```
/// use mathlings_stats::{bootstrap_resample, StatsError};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
/// let r = bootstrap_resample(&[1.0, 2.0, 3.0], &mut rng).unwrap();
/// assert_eq!(r.len(), 3);
/// assert!(r.iter().all(|v| [1.0, 2.0, 3.0].contains(v)));
/// assert_eq!(bootstrap_resample(&[], &mut rng), Err(StatsError::EmptyInput));
/// ```
pub fn bootstrap_resample(data: &[f64], rng: &mut impl Rng) -> Result<Vec<f64>, StatsError> {
    validate::finite_sample(data)?;
    Ok((0..data.len())
        .map(|_| data[rng.random_range(0..data.len())])
        .collect())
}

/// A confidence interval around a point estimate.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{bootstrap_mean_ci, StatsError};
/// let ci = bootstrap_mean_ci(&[2.0, 4.0, 3.0, 5.0, 1.0, 6.0], 500, 0.9, 7)?;
/// assert_relative_eq!(ci.estimate, 3.5);
/// assert!(ci.lower < ci.estimate && ci.estimate < ci.upper);
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceInterval {
    /// Lower end of the interval.
    pub lower: f64,
    /// Upper end of the interval.
    pub upper: f64,
    /// The point estimate computed from the original sample.
    pub estimate: f64,
}

/// Percentile bootstrap confidence interval for the mean.
///
/// Draws `resamples` bootstrap resamples (ChaCha8 generator seeded with `seed`, so the result is
/// reproducible), computes each resample's mean, and returns the (1 − level)/2 and (1 + level)/2
/// quantiles (type 7) of those means. The estimate is the mean of `data`.
///
/// # Formula
/// ```text
/// CI = [ Q_{(1−L)/2}(x̄*₁, …, x̄*_B),  Q_{(1+L)/2}(x̄*₁, …, x̄*_B) ]
/// ```
/// where x̄*_b is the mean of the b-th resample, B = `resamples` and L = `level`.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::InvalidParameter`] if
/// `resamples` is 0 or `level` is not strictly between 0 and 1.
///
/// # Examples
/// ```
/// use mathlings_stats::{bootstrap_mean_ci, StatsError};
/// let ci = bootstrap_mean_ci(&[2.0, 4.0, 3.0, 5.0, 1.0, 6.0], 2000, 0.95, 7).unwrap();
/// assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
/// assert!(matches!(bootstrap_mean_ci(&[1.0, 2.0], 100, 1.0, 7), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn bootstrap_mean_ci(
    data: &[f64],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Result<ConfidenceInterval, StatsError> {
    validate::finite_sample(data)?;
    validate::level(level)?;
    if resamples == 0 {
        return Err(StatsError::InvalidParameter {
            name: "resamples",
            reason: "must be at least 1",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut means = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        means.push(mean(&bootstrap_resample(data, &mut rng)?)?);
    }
    let means = sorted(&means);
    Ok(ConfidenceInterval {
        lower: quantile_of_sorted(&means, (1.0 - level) / 2.0),
        upper: quantile_of_sorted(&means, (1.0 + level) / 2.0),
        estimate: mean(data)?,
    })
}

/// Standard error of the mean, using the *sample* standard deviation.
///
/// # Formula
/// ```text
/// SE = s / √n
/// ```
/// where s is the sample standard deviation (denominator n − 1) and n the sample size.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::TooFewValues`] for one value.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{standard_error_of_mean, StatsError};
/// assert_relative_eq!(standard_error_of_mean(&[1.0, 2.0, 3.0, 4.0]).unwrap(),
///     (5.0f64 / 3.0).sqrt() / 2.0, max_relative = 1e-15);
/// assert_eq!(standard_error_of_mean(&[1.0]), Err(StatsError::TooFewValues { needed: 2, got: 1 }));
/// ```
pub fn standard_error_of_mean(data: &[f64]) -> Result<f64, StatsError> {
    Ok(standard_deviation(data)? / (data.len() as f64).sqrt())
}

/// Inverse-probability-weighted (Hájek) estimate of a population mean from a biased sample.
///
/// A unit that had probability πᵢ of entering the sample stands for 1/πᵢ population units, so
/// it gets weight 1/πᵢ; dividing by the total weight makes the estimate a weighted mean.
///
/// # Formula
/// ```text
/// μ̂ = Σ(yᵢ / πᵢ) / Σ(1 / πᵢ)
/// ```
/// where yᵢ are the sampled values and πᵢ ∈ (0, 1] their inclusion probabilities.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`], and
/// [`StatsError::InvalidParameter`] if an inclusion probability is not in (0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{inverse_probability_weighted_mean, StatsError};
/// // The value 10 was sampled with probability ½, the value 0 with probability 1.
/// assert_relative_eq!(inverse_probability_weighted_mean(&[10.0, 0.0], &[0.5, 1.0]).unwrap(), 20.0 / 3.0);
/// assert!(matches!(inverse_probability_weighted_mean(&[1.0], &[0.0]), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn inverse_probability_weighted_mean(
    values: &[f64],
    inclusion_probabilities: &[f64],
) -> Result<f64, StatsError> {
    validate::finite_sample(values)?;
    validate::finite_sample(inclusion_probabilities)?;
    validate::same_length(values.len(), inclusion_probabilities.len())?;
    if inclusion_probabilities
        .iter()
        .any(|&p| !(p > 0.0 && p <= 1.0))
    {
        return Err(StatsError::InvalidParameter {
            name: "inclusion_probabilities",
            reason: "each must lie in (0, 1]",
        });
    }
    let weighted = neumaier_sum(
        values
            .iter()
            .zip(inclusion_probabilities)
            .map(|(y, p)| y / p),
    );
    let total_weight = neumaier_sum(inclusion_probabilities.iter().map(|p| 1.0 / p));
    Ok(weighted / total_weight)
}
