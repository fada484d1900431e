//! # 3.2 Vector & matrix calculus — stable softmax, log-softmax and the softmax Jacobian
//!
//! Subtracting the largest score first keeps every exponent ≤ 0 (no overflow) and the
//! largest term equal to 1 (the sum is ≥ 1, never 0); log-softmax is computed directly
//! from the shifted scores, so it stays finite where softmax underflows.
//!
//! ```text
//! softmax(z)ᵢ     = exp(zᵢ − m) / Σⱼ exp(zⱼ − m)
//! log_softmax(z)ᵢ = zᵢ − m − ln Σⱼ exp(zⱼ − m)
//! J               = diag(s) − s sᵀ
//! ```

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// Checks z and returns its largest entry.
fn largest(z: &[f64]) -> Result<f64, CalculusError> {
    if z.is_empty() {
        return Err(CalculusError::Empty);
    }
    if z.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    Ok(z.iter().copied().fold(f64::NEG_INFINITY, f64::max))
}

/// The probabilities softmax(z), computed without overflow (subtract the maximum first).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    let m = largest(z)?;
    let exps: Vec<f64> = z.iter().map(|zi| (zi - m).exp()).collect();
    // The largest term is exp(0) = 1, so the sum is ≥ 1.
    let sum: f64 = exps.iter().sum();
    Ok(exps.iter().map(|e| e / sum).collect())
}

/// The log-probabilities ln softmax(z), computed directly: zᵢ − m − ln Σⱼ exp(zⱼ − m). They
/// stay finite where softmax itself underflows to 0 (log_softmax(&[0.0, -1000.0]) is
/// [0.0, -1000.0]).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn log_softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    let m = largest(z)?;
    let log_sum = z.iter().map(|zi| (zi - m).exp()).sum::<f64>().ln();
    Ok(z.iter().map(|zi| zi - m - log_sum).collect())
}

/// The n×n Jacobian of softmax at z: Jᵢⱼ = ∂sᵢ/∂zⱼ = sᵢ (δᵢⱼ − sⱼ), i.e. diag(s) − s sᵀ.
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax_jacobian(z: &[f64]) -> Result<DMatrix<f64>, CalculusError> {
    let s = softmax(z)?;
    let n = s.len();
    Ok(DMatrix::from_fn(n, n, |i, j| {
        let diagonal = if i == j { s[i] } else { 0.0 };
        diagonal - s[i] * s[j]
    }))
}
