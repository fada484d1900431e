//! # 1.1 Populations & sampling — standard error and the bootstrap
//!
//! SE = s/√n with the sample standard deviation; the percentile bootstrap interval takes
//! quantiles of the means of B same-size resamples drawn with replacement.
//!
//! ```text
//! SE = s / √n,   CI = [ Q((1 − L)/2), Q((1 + L)/2) ] of the B resample means
//! ```

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn check_sample(data: &[f64]) -> Result<(), StatsError> {
    if data.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if data.iter().any(|x| !x.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    Ok(())
}

fn mean(data: &[f64]) -> f64 {
    data.iter().sum::<f64>() / data.len() as f64
}

/// Returns the standard error of the mean, s/√n, with the sample standard deviation s.
///
/// # Errors
/// - `StatsError::EmptyInput` when `data` is empty;
/// - `StatsError::TooFewValues { needed: 2, got: 1 }` for a single value;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn standard_error_of_mean(data: &[f64]) -> Result<f64, StatsError> {
    if data.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if data.len() < 2 {
        return Err(StatsError::TooFewValues {
            needed: 2,
            got: data.len(),
        });
    }
    check_sample(data)?;
    let n = data.len() as f64;
    let m = mean(data);
    // Two passes: centre first, so no large numbers cancel.
    let sample_variance = data.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    Ok(sample_variance.sqrt() / n.sqrt())
}

/// The q-quantile of sorted values by linear interpolation (R type 7).
fn quantile_of_sorted(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let j = h.floor() as usize;
    if j + 1 >= sorted.len() {
        return sorted[sorted.len() - 1];
    }
    sorted[j] + (h - j as f64) * (sorted[j + 1] - sorted[j])
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
    check_sample(data)?;
    // Written so that NaN is rejected too.
    if !(level > 0.0 && level < 1.0) {
        return Err(StatsError::InvalidParameter {
            name: "level",
            reason: "must lie strictly between 0 and 1",
        });
    }
    if resamples == 0 {
        return Err(StatsError::InvalidParameter {
            name: "resamples",
            reason: "must be at least 1",
        });
    }
    let n = data.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            // A resample has the same size n as the data.
            let total: f64 = (0..n).map(|_| data[rng.random_range(0..n)]).sum();
            total / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    Ok((
        quantile_of_sorted(&means, (1.0 - level) / 2.0),
        quantile_of_sorted(&means, (1.0 + level) / 2.0),
    ))
}
