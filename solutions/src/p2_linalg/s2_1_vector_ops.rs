//! # 2.1 Scalars, vectors, matrices, tensors — dot product, norms, cosine, projection
//!
//! ```text
//! a · b = Σᵢ aᵢ bᵢ,   ‖x‖ₚ = s · (Σᵢ (|xᵢ| / s)ᵖ)^(1/p) with s = maxᵢ |xᵢ|
//! cos θ = (a · b) / (‖a‖₂ ‖b‖₂),   proj_u v = (v · û) û with û = u / ‖u‖₂
//! ```
//!
//! Every length is computed with the entries scaled by their largest magnitude, so no
//! intermediate square overflows or underflows.

use mathlings_linalg::LinalgError;

/// `Empty` / `NonFinite` for one slice.
fn check(x: &[f64]) -> Result<(), LinalgError> {
    if x.is_empty() {
        return Err(LinalgError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// `ShapeMismatch` for different lengths, then the checks of both slices.
fn check_pair(a: &[f64], b: &[f64]) -> Result<(), LinalgError> {
    if a.len() != b.len() {
        return Err(LinalgError::ShapeMismatch {
            left: (a.len(), 1),
            right: (b.len(), 1),
        });
    }
    check(a)?;
    check(b)
}

/// ‖x‖₂ of a checked slice, scaled by max |xᵢ| against overflow and underflow.
fn euclidean(x: &[f64]) -> f64 {
    let scale = x.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if scale == 0.0 {
        return 0.0;
    }
    let sum: f64 = x.iter().map(|v| (v / scale) * (v / scale)).sum();
    scale * sum.sqrt()
}

/// Returns the dot product a · b = Σᵢ aᵢ bᵢ.
///
/// # Errors
/// - `LinalgError::ShapeMismatch { left: (a.len(), 1), right: (b.len(), 1) }` when the
///   lengths differ (checked first);
/// - `LinalgError::Empty` when the slices are empty;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn dot(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    check_pair(a, b)?;
    Ok(a.iter().zip(b).map(|(x, y)| x * y).sum())
}

/// Returns the p-norm ‖x‖ₚ for p ≥ 1, or maxᵢ |xᵢ| when p = `f64::INFINITY`, without
/// overflowing or underflowing for huge or tiny entries (‖[1e200, 1e200]‖₂ ≈ 1.414e200).
///
/// # Errors
/// - `LinalgError::InvalidParameter { name: "p", .. }` when p < 1 or p is NaN;
/// - `LinalgError::Empty` when `x` is empty;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn norm(x: &[f64], p: f64) -> Result<f64, LinalgError> {
    if p.is_nan() || p < 1.0 {
        return Err(LinalgError::InvalidParameter {
            name: "p",
            reason: "a p-norm needs p ≥ 1 (or p = ∞)",
        });
    }
    check(x)?;
    let scale = x.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if p == f64::INFINITY || scale == 0.0 {
        return Ok(scale);
    }
    if p == 1.0 {
        return Ok(x.iter().map(|v| v.abs()).sum());
    }
    if p == 2.0 {
        return Ok(euclidean(x));
    }
    let sum: f64 = x.iter().map(|v| (v.abs() / scale).powf(p)).sum();
    Ok(scale * sum.powf(1.0 / p))
}

/// Returns cos θ = (a · b) / (‖a‖₂ ‖b‖₂), a value in [−1, 1].
///
/// # Errors
/// - `LinalgError::ShapeMismatch`, `LinalgError::Empty`, `LinalgError::NonFinite` as [`dot`];
/// - `LinalgError::ZeroVector` when a or b is all zeros (it has no direction).
pub fn cosine_similarity(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    check_pair(a, b)?;
    let (norm_a, norm_b) = (euclidean(a), euclidean(b));
    if norm_a == 0.0 || norm_b == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    let cosine: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x / norm_a) * (y / norm_b))
        .sum();
    // Rounding can push |cos θ| a hair above 1.
    Ok(cosine.clamp(-1.0, 1.0))
}

/// Returns the orthogonal projection of `v` onto the line spanned by `onto`:
/// ((v · u) / (u · u)) u with u = `onto`.
///
/// # Errors
/// - `LinalgError::ShapeMismatch`, `LinalgError::Empty`, `LinalgError::NonFinite` as [`dot`];
/// - `LinalgError::ZeroVector` when `onto` is all zeros.
pub fn project(v: &[f64], onto: &[f64]) -> Result<Vec<f64>, LinalgError> {
    check_pair(v, onto)?;
    let length = euclidean(onto);
    if length == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    let unit: Vec<f64> = onto.iter().map(|u| u / length).collect();
    let coefficient: f64 = v.iter().zip(&unit).map(|(x, u)| x * u).sum();
    Ok(unit.iter().map(|u| coefficient * u).collect())
}
