//! Vector operations on slices: dot product, p-norms, cosine similarity, projection.

use crate::LinalgError;
use crate::validate::{check_slice, euclidean_norm};

/// `ShapeMismatch` unless both slices have the same length, then the usual slice checks.
fn check_pair(a: &[f64], b: &[f64]) -> Result<(), LinalgError> {
    if a.len() != b.len() {
        return Err(LinalgError::ShapeMismatch {
            left: (a.len(), 1),
            right: (b.len(), 1),
        });
    }
    check_slice(a)?;
    check_slice(b)
}

/// The dot (inner) product of two vectors of equal length.
///
/// # Formula
/// ```text
/// a · b = Σᵢ aᵢ bᵢ
/// ```
/// where i runs over the n entries.
///
/// # Errors
/// `ShapeMismatch` for different lengths, `Empty`, `NonFinite`.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{dot, LinalgError};
///
/// assert_relative_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0])?, 32.0);
/// assert!(matches!(dot(&[1.0], &[1.0, 2.0]), Err(LinalgError::ShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn dot(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    check_pair(a, b)?;
    Ok(a.iter().zip(b).map(|(x, y)| x * y).sum())
}

/// The p-norm of a vector, for p ≥ 1 or p = ∞.
///
/// Entries are divided by max|xᵢ| before being raised to the power p, so the result
/// does not overflow or underflow unless the norm itself does (‖[1e200, 1e200]‖₂ works).
///
/// # Formula
/// ```text
/// ‖x‖ₚ = (Σᵢ |xᵢ|ᵖ)^(1/p) = s · (Σᵢ (|xᵢ|/s)ᵖ)^(1/p),   ‖x‖_∞ = maxᵢ |xᵢ|
/// ```
/// where s = maxᵢ |xᵢ|.
///
/// # Errors
/// `Empty`, `NonFinite`, `InvalidParameter` when p < 1 or p is NaN (p < 1 is not a norm:
/// the triangle inequality fails).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{norm, LinalgError};
///
/// assert_relative_eq!(norm(&[3.0, -4.0], 2.0)?, 5.0);
/// assert_relative_eq!(norm(&[3.0, -4.0], 1.0)?, 7.0);
/// assert_relative_eq!(norm(&[3.0, -4.0], f64::INFINITY)?, 4.0);
/// assert!(matches!(norm(&[1.0], 0.5), Err(LinalgError::InvalidParameter { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn norm(x: &[f64], p: f64) -> Result<f64, LinalgError> {
    if p.is_nan() || p < 1.0 {
        return Err(LinalgError::InvalidParameter {
            name: "p",
            reason: "a p-norm needs p ≥ 1 (or p = ∞)",
        });
    }
    check_slice(x)?;
    let largest = x.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if p == f64::INFINITY || largest == 0.0 {
        return Ok(largest);
    }
    if p == 2.0 {
        return Ok(euclidean_norm(x));
    }
    if p == 1.0 {
        return Ok(x.iter().map(|v| v.abs()).sum());
    }
    let sum: f64 = x.iter().map(|v| (v.abs() / largest).powf(p)).sum();
    Ok(largest * sum.powf(1.0 / p))
}

/// The cosine of the angle between two non-zero vectors.
///
/// Both vectors are normalised first, so the result stays in [−1, 1] even for huge
/// entries (it is clamped there against the last rounding error).
///
/// # Formula
/// ```text
/// cos θ = (a · b) / (‖a‖₂ ‖b‖₂)
/// ```
/// where θ is the angle between a and b.
///
/// # Errors
/// `ShapeMismatch`, `Empty`, `NonFinite`, `ZeroVector` when either vector is all zeros.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{cosine_similarity, LinalgError};
///
/// assert_relative_eq!(cosine_similarity(&[1.0, 0.0], &[1.0, 1.0])?, 0.5_f64.sqrt(), epsilon = 1e-15);
/// assert_eq!(cosine_similarity(&[1.0, 0.0], &[0.0, 0.0]), Err(LinalgError::ZeroVector));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn cosine_similarity(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    check_pair(a, b)?;
    let (norm_a, norm_b) = (euclidean_norm(a), euclidean_norm(b));
    if norm_a == 0.0 || norm_b == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    let cosine: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x / norm_a) * (y / norm_b))
        .sum();
    Ok(cosine.clamp(-1.0, 1.0))
}

/// The orthogonal projection of `v` onto the line spanned by `onto`.
///
/// # Formula
/// ```text
/// proj_u(v) = ((v · u) / (u · u)) u = (v · û) û,   û = u / ‖u‖₂
/// ```
/// where u = `onto`; v − proj_u(v) is orthogonal to u.
///
/// # Errors
/// `ShapeMismatch`, `Empty`, `NonFinite`, `ZeroVector` when `onto` is all zeros.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{project, LinalgError};
///
/// let p = project(&[2.0, 3.0], &[1.0, 0.0])?;
/// assert_relative_eq!(p.as_slice(), [2.0, 0.0].as_slice());
/// assert_eq!(project(&[1.0, 2.0], &[0.0, 0.0]), Err(LinalgError::ZeroVector));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn project(v: &[f64], onto: &[f64]) -> Result<Vec<f64>, LinalgError> {
    check_pair(v, onto)?;
    let length = euclidean_norm(onto);
    if length == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    let unit: Vec<f64> = onto.iter().map(|u| u / length).collect();
    let coefficient: f64 = v.iter().zip(&unit).map(|(a, b)| a * b).sum();
    Ok(unit.iter().map(|u| coefficient * u).collect())
}
