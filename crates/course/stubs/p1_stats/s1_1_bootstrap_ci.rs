//! # 1.1 Populations & sampling — standard error and the bootstrap
//!
//! A sample mean x̄ varies from sample to sample. Its standard error estimates that spread
//! from one sample, with the *sample* standard deviation s (divisor n − 1):
//!
//! ```text
//! SE = s / √n,   s² = Σᵢ (xᵢ − x̄)² / (n − 1)
//! ```
//!
//! The bootstrap estimates the same variability by simulation: treat the sample as the
//! population, draw B resamples of the SAME size n *with replacement*, and take the mean of
//! each. The percentile confidence interval at level L (e.g. 0.95) cuts off (1 − L)/2 of
//! those B means on each side:
//!
//! ```text
//! x*_b = (x_J₁, …, x_Jₙ),  J ~ Uniform{0, …, n − 1}     (b = 1, …, B)
//! CI   = [ Q((1 − L)/2),  Q((1 + L)/2) ]  of the sorted means m₍₀₎ ≤ … ≤ m₍B−1₎
//! Q(q) = m₍ⱼ₎ + (h − j)·(m₍ⱼ₊₁₎ − m₍ⱼ₎),   h = (B − 1)·q,  j = ⌊h⌋   (linear interpolation)
//! ```
//!
//! Use a `rand_chacha::ChaCha8Rng` seeded with `seed`, so the same call gives the same interval.

use mathlings_stats::StatsError;

/// Returns the standard error of the mean, s/√n, with the sample standard deviation s.
///
/// # Errors
/// - `StatsError::EmptyInput` when `data` is empty;
/// - `StatsError::TooFewValues { needed: 2, got: 1 }` for a single value;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn standard_error_of_mean(data: &[f64]) -> Result<f64, StatsError> {
    // TODO: compute the sample standard deviation (divide by n − 1) and divide it by √n.
    todo!()
}

/// Returns the percentile bootstrap confidence interval `(lower, upper)` for the mean of
/// `data`, from `resamples` resamples at confidence `level`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `data` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "level", .. }` unless 0 < level < 1;
/// - `StatsError::InvalidParameter { name: "resamples", .. }` when `resamples` is 0.
pub fn bootstrap_mean_ci(
    data: &[f64],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Result<(f64, f64), StatsError> {
    // TODO: check the input; draw `resamples` resamples of size n with replacement, keep their
    // means, sort them and interpolate the (1 − level)/2 and (1 + level)/2 quantiles.
    todo!()
}
