//! Softmax, log-softmax and the softmax Jacobian, computed without overflow.

use nalgebra::DMatrix;

use crate::CalculusError;
use crate::validate::check_point;

/// The largest entry of a non-empty, finite slice.
fn max_of(z: &[f64]) -> f64 {
    z.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

/// Turns scores (logits) into probabilities: exponentiate, then normalise.
///
/// Softmax is unchanged by adding a constant to every score, so the maximum is subtracted
/// first: every exponent is then ≤ 0, exp cannot overflow, and the largest term is exactly 1,
/// so the sum cannot underflow to 0. Scores of ±1000 are fine.
///
/// # Formula
/// ```text
/// softmax(z)ᵢ = exp(zᵢ − m) / Σⱼ exp(zⱼ − m)
/// ```
/// where m = maxⱼ zⱼ (mathematically any m gives the same result).
///
/// # Errors
/// - [`CalculusError::Empty`] if z is empty.
/// - [`CalculusError::NonFinite`] if a score is NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, softmax};
///
/// let p = softmax(&[1000.0, 1000.0, -1000.0]).unwrap();
/// assert_relative_eq!(p[0], 0.5);
/// assert_relative_eq!(p[1], 0.5);
/// assert_eq!(p[2], 0.0); // exp(−2000) underflows to 0, as it should
///
/// assert!(matches!(softmax(&[]), Err(CalculusError::Empty)));
/// ```
pub fn softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    check_point(z)?;
    let m = max_of(z);
    let exps: Vec<f64> = z.iter().map(|zi| (zi - m).exp()).collect();
    let total: f64 = exps.iter().sum();
    Ok(exps.into_iter().map(|e| e / total).collect())
}

/// The logarithm of [`softmax`], computed directly (log-sum-exp) so that very negative
/// log-probabilities stay finite instead of becoming ln 0 = −∞.
///
/// # Formula
/// ```text
/// log_softmax(z)ᵢ = zᵢ − m − ln Σⱼ exp(zⱼ − m) = zᵢ − m − ln(1 + r)
/// ```
/// where m = maxⱼ zⱼ = z_k and r = Σ_{j ≠ k} exp(zⱼ − m) (ln(1 + r) is computed with `ln_1p`).
///
/// # Errors
/// - [`CalculusError::Empty`] if z is empty.
/// - [`CalculusError::NonFinite`] if a score is NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, log_softmax};
///
/// let l = log_softmax(&[1000.0, -1000.0]).unwrap();
/// assert_relative_eq!(l[0], 0.0);
/// assert_relative_eq!(l[1], -2000.0); // softmax would give ln(0) = −∞ here
///
/// assert!(matches!(log_softmax(&[f64::NAN]), Err(CalculusError::NonFinite)));
/// ```
pub fn log_softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    check_point(z)?;
    let m = max_of(z);
    // The largest term of the sum is exp(m − m) = 1 exactly. Summing the others into r and
    // taking ln(1 + r) with ln_1p keeps full relative accuracy when r is small, where
    // ln(1 + r) computed as ln of the rounded sum would lose digits.
    let top = z.iter().position(|&zi| zi == m).unwrap_or(0);
    let rest: f64 = z
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != top)
        .map(|(_, zi)| (zi - m).exp())
        .sum();
    let log_sum = rest.ln_1p();
    Ok(z.iter().map(|zi| zi - m - log_sum).collect())
}

/// The Jacobian of [`softmax`] at z: how each probability moves with each score.
///
/// Each row sums to 0 (the probabilities always sum to 1, so their changes cancel), and the
/// matrix is symmetric and positive semidefinite.
///
/// # Formula
/// ```text
/// J = diag(s) − s sᵀ,   i.e.   Jᵢⱼ = sᵢ (δᵢⱼ − sⱼ)
/// ```
/// where s = softmax(z) and δᵢⱼ is 1 if i = j and 0 otherwise.
///
/// # Errors
/// - [`CalculusError::Empty`] if z is empty.
/// - [`CalculusError::NonFinite`] if a score is NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, softmax_jacobian};
///
/// let j = softmax_jacobian(&[0.0, 0.0]).unwrap();
/// assert_relative_eq!(j[(0, 0)], 0.25);
/// assert_relative_eq!(j[(0, 1)], -0.25);
///
/// assert!(matches!(softmax_jacobian(&[f64::INFINITY]), Err(CalculusError::NonFinite)));
/// ```
pub fn softmax_jacobian(z: &[f64]) -> Result<DMatrix<f64>, CalculusError> {
    let s = softmax(z)?;
    let n = s.len();
    Ok(DMatrix::from_fn(n, n, |i, j| {
        let diagonal = if i == j { s[i] } else { 0.0 };
        diagonal - s[i] * s[j]
    }))
}
