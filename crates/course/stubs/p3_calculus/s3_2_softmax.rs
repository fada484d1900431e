//! # 3.2 Vector & matrix calculus — stable softmax, log-softmax and the softmax Jacobian
//!
//! Softmax turns a vector of scores (logits) z into probabilities: exponentiate, then
//! normalise. It is the last layer of every classifier, and its log is what the
//! cross-entropy loss uses. Adding the same constant c to every score changes nothing (the
//! factor eᶜ cancels), so subtract the largest score m first: every exponent is then ≤ 0,
//! exp cannot overflow, and the largest term is exactly 1, so the sum cannot be 0.
//! Scores of ±1000 must work (e¹⁰⁰⁰ is +∞ in f64, and ∞/∞ is NaN).
//!
//! ```text
//! softmax(z)ᵢ     = exp(zᵢ − m) / Σⱼ exp(zⱼ − m)              where m = maxⱼ zⱼ
//! log_softmax(z)ᵢ = zᵢ − m − ln Σⱼ exp(zⱼ − m)                (never ln of softmax: ln 0 = −∞)
//! J = ∂softmax/∂z = diag(s) − s sᵀ,   Jᵢⱼ = sᵢ (δᵢⱼ − sⱼ)     where s = softmax(z)
//! ```
//!
//! δᵢⱼ is 1 when i = j and 0 otherwise. Each row of J sums to 0 (the probabilities always
//! sum to 1, so their changes cancel) and J is symmetric.
//!
//! Bad input: an empty z and a NaN or ±∞ score are errors (for all three functions).

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// The probabilities softmax(z), computed without overflow (subtract the maximum first).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    // TODO: validate; m = the largest score; eᵢ = exp(zᵢ − m); return eᵢ / Σ e.
    todo!()
}

/// The log-probabilities ln softmax(z), computed directly: zᵢ − m − ln Σⱼ exp(zⱼ − m). They
/// stay finite where softmax itself underflows to 0 (log_softmax(&[0.0, -1000.0]) is
/// [0.0, -1000.0]).
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn log_softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    // TODO: validate; m = the largest score; lse = ln Σ exp(zⱼ − m); return zᵢ − m − lse.
    todo!()
}

/// The n×n Jacobian of softmax at z: Jᵢⱼ = ∂sᵢ/∂zⱼ = sᵢ (δᵢⱼ − sⱼ), i.e. diag(s) − s sᵀ.
///
/// # Errors
/// - `CalculusError::Empty` when z is empty;
/// - `CalculusError::NonFinite` when a score is NaN or ±∞.
pub fn softmax_jacobian(z: &[f64]) -> Result<DMatrix<f64>, CalculusError> {
    // TODO: s = softmax(z)?; build the matrix with entries sᵢ·(δᵢⱼ − sⱼ).
    todo!()
}
