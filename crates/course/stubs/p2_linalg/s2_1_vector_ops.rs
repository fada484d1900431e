//! # 2.1 Scalars, vectors, matrices, tensors — dot product, norms, cosine, projection
//!
//! A vector is a list of n numbers: a point, or an arrow from the origin. The dot product
//! measures how much two arrows point the same way; a norm measures an arrow's length (the
//! p-norms differ in how they add up the coordinates: p = 1 "taxicab", p = 2 Euclidean,
//! p = ∞ the largest coordinate). The cosine similarity is the dot product of the two
//! arrows shrunk to length 1, and the projection of v onto u is the shadow v casts on the
//! line through u.
//!
//! ```text
//! a · b   = Σᵢ aᵢ bᵢ
//! ‖x‖ₚ    = (Σᵢ |xᵢ|ᵖ)^(1/p)          for p ≥ 1,      ‖x‖_∞ = maxᵢ |xᵢ|
//! cos θ   = (a · b) / (‖a‖₂ ‖b‖₂)     (a zero vector has no direction: no angle)
//! proj_u v = ((v · u) / (u · u)) u     (v − proj_u v is perpendicular to u)
//! ```
//!
//! Squaring 1e200 overflows to ∞ (the largest double is ≈ 1.8e308), so compute the
//! 2-norm (and any p-norm) with the entries divided by s = maxᵢ |xᵢ| first:
//!
//! ```text
//! ‖x‖ₚ = s · (Σᵢ (|xᵢ| / s)ᵖ)^(1/p)
//! ```
//!
//! Bad input is an error, never a panic or a NaN: two slices of different lengths, an
//! empty slice, a NaN or ±∞ entry, p < 1 (or p NaN), and a zero vector where a direction
//! is needed.

use mathlings_linalg::LinalgError;

/// Returns the dot product a · b = Σᵢ aᵢ bᵢ.
///
/// # Errors
/// - `LinalgError::ShapeMismatch { left: (a.len(), 1), right: (b.len(), 1) }` when the
///   lengths differ (checked first);
/// - `LinalgError::Empty` when the slices are empty;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn dot(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    // TODO: check the lengths, emptiness and finiteness, then sum the products aᵢ·bᵢ.
    todo!()
}

/// Returns the p-norm ‖x‖ₚ for p ≥ 1, or maxᵢ |xᵢ| when p = `f64::INFINITY`, without
/// overflowing or underflowing for huge or tiny entries (‖[1e200, 1e200]‖₂ ≈ 1.414e200).
///
/// # Errors
/// - `LinalgError::InvalidParameter { name: "p", .. }` when p < 1 or p is NaN;
/// - `LinalgError::Empty` when `x` is empty;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn norm(x: &[f64], p: f64) -> Result<f64, LinalgError> {
    // TODO: validate p and x; s = max |xᵢ| (return it for p = ∞ or s = 0);
    // otherwise s · (Σ (|xᵢ|/s)ᵖ)^(1/p).
    todo!()
}

/// Returns cos θ = (a · b) / (‖a‖₂ ‖b‖₂), a value in [−1, 1].
///
/// # Errors
/// - `LinalgError::ShapeMismatch`, `LinalgError::Empty`, `LinalgError::NonFinite` as [`dot`];
/// - `LinalgError::ZeroVector` when a or b is all zeros (it has no direction).
pub fn cosine_similarity(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    // TODO: validate; reject a zero vector; divide the dot product by both 2-norms
    // (dividing each vector by its norm first keeps huge entries finite).
    todo!()
}

/// Returns the orthogonal projection of `v` onto the line spanned by `onto`:
/// ((v · u) / (u · u)) u with u = `onto`.
///
/// # Errors
/// - `LinalgError::ShapeMismatch`, `LinalgError::Empty`, `LinalgError::NonFinite` as [`dot`];
/// - `LinalgError::ZeroVector` when `onto` is all zeros.
pub fn project(v: &[f64], onto: &[f64]) -> Result<Vec<f64>, LinalgError> {
    // TODO: validate; reject a zero `onto`; û = u/‖u‖₂, then (v · û) û.
    todo!()
}
