//! §1.5 The continuous uniform distribution on [a, b].

use crate::StatsError;
use crate::validate;
use rand::Rng;

/// Checks a < b, both finite.
fn check_bounds(a: f64, b: f64) -> Result<(), StatsError> {
    validate::finite(a)?;
    validate::finite(b)?;
    if a < b && (b - a).is_finite() {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name: "b",
            reason: "must be greater than a (with b − a finite)",
        })
    }
}

/// Density of the uniform distribution U(a, b) at x.
///
/// # Formula
/// ```text
/// f(x) = 1 / (b − a)   for a ≤ x ≤ b,   0 otherwise
/// ```
/// where a < b are the bounds.
///
/// # Errors
/// [`StatsError::NonFinite`] for NaN/±∞ x, a or b; [`StatsError::InvalidParameter`] unless a < b.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{uniform_pdf, StatsError};
/// assert_relative_eq!(uniform_pdf(0.5, 0.0, 4.0).unwrap(), 0.25);
/// assert_relative_eq!(uniform_pdf(5.0, 0.0, 4.0).unwrap(), 0.0);
/// assert!(matches!(uniform_pdf(0.5, 1.0, 1.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn uniform_pdf(x: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    validate::finite(x)?;
    check_bounds(a, b)?;
    Ok(if (a..=b).contains(&x) {
        1.0 / (b - a)
    } else {
        0.0
    })
}

/// Cumulative distribution function of U(a, b).
///
/// # Formula
/// ```text
/// F(x) = 0 (x < a),   (x − a) / (b − a) (a ≤ x ≤ b),   1 (x > b)
/// ```
/// where a < b are the bounds.
///
/// # Errors
/// [`StatsError::NonFinite`] for NaN/±∞ x, a or b; [`StatsError::InvalidParameter`] unless a < b.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{uniform_cdf, StatsError};
/// assert_relative_eq!(uniform_cdf(1.0, 0.0, 4.0).unwrap(), 0.25);
/// assert!(matches!(uniform_cdf(1.0, 4.0, 0.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn uniform_cdf(x: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    validate::finite(x)?;
    check_bounds(a, b)?;
    Ok(((x - a) / (b - a)).clamp(0.0, 1.0))
}

/// Draws `n` values from U(a, b).
///
/// # Formula
/// ```text
/// xᵢ = a + (b − a) uᵢ
/// ```
/// where uᵢ are independent uniform random numbers in [0, 1).
///
/// # Errors
/// [`StatsError::NonFinite`] for NaN/±∞ a or b; [`StatsError::InvalidParameter`] unless a < b.
/// `n = 0` returns an empty vector.
///
/// # Examples
/// ```
/// use mathlings_stats::{sample_uniform, StatsError};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
/// let x = sample_uniform(2.0, 3.0, 100, &mut rng).unwrap();
/// assert!(x.iter().all(|&v| (2.0..3.0).contains(&v)));
/// assert!(matches!(sample_uniform(3.0, 2.0, 1, &mut rng), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn sample_uniform(
    a: f64,
    b: f64,
    n: usize,
    rng: &mut impl Rng,
) -> Result<Vec<f64>, StatsError> {
    check_bounds(a, b)?;
    Ok((0..n)
        .map(|_| {
            let u: f64 = rng.random();
            // Rounding could land exactly on b when b − a is large relative to a; keep [a, b).
            let x = a + (b - a) * u;
            if x < b { x } else { a }
        })
        .collect())
}
