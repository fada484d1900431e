//! Alternative: softmax as exp(log-softmax), the Jacobian as nalgebra's diag(s) − s sᵀ.
//!
//! Correct but written differently from the official solution: log-softmax comes first,
//! as (zᵢ − m) − ln Σⱼ exp(zⱼ − m), and softmax exponentiates it (so the probabilities sum
//! to 1 up to rounding, not by a final division). The Jacobian is assembled from matrices
//! rather than entry by entry.
//!
//! (Writing log-softmax as zᵢ − lse with lse = m + ln Σ… would be wrong in the last
//! digits: at z = [−1000, −1000], lse ≈ −999.307 carries an absolute error of ε·1000, which
//! the subtraction keeps, and softmax would give 0.50000000000003 for ½. The checks catch
//! that.)

use mathlings_calculus::CalculusError;
use nalgebra::{DMatrix, DVector};

/// The largest score m and ln Σⱼ exp(zⱼ − m) (no exponent is positive).
fn shifted_log_sum(z: &[f64]) -> Result<(f64, f64), CalculusError> {
    let m = z
        .iter()
        .copied()
        .reduce(f64::max)
        .ok_or(CalculusError::Empty)?;
    if !z.iter().all(|v| v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    Ok((m, z.iter().map(|zi| (zi - m).exp()).sum::<f64>().ln()))
}

/// The probabilities softmax(z)ᵢ = exp(log_softmax(z)ᵢ).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    Ok(log_softmax(z)?.into_iter().map(f64::exp).collect())
}

/// The log-probabilities (zᵢ − m) − ln Σⱼ exp(zⱼ − m).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn log_softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    let (m, log_sum) = shifted_log_sum(z)?;
    Ok(z.iter().map(|zi| (zi - m) - log_sum).collect())
}

/// The Jacobian diag(s) − s sᵀ of softmax at z.
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax_jacobian(z: &[f64]) -> Result<DMatrix<f64>, CalculusError> {
    let s = DVector::from_vec(softmax(z)?);
    Ok(DMatrix::from_diagonal(&s) - &s * s.transpose())
}
