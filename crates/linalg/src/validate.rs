//! Input checks shared by every routine: empty, non-finite, square, symmetric.
//!
//! Each check returns the `LinalgError` variant that names the problem, so a public
//! function can open with a few `?` lines and then do only mathematics.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;

/// `Err(Empty)` for a matrix with no entries, `Err(NonFinite)` for a NaN or ±∞ entry.
pub(crate) fn check_matrix(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// `Err(Empty)` / `Err(NonFinite)` for a slice, as `check_matrix`.
pub(crate) fn check_slice(x: &[f64]) -> Result<(), LinalgError> {
    if x.is_empty() {
        return Err(LinalgError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// `check_matrix`, then `Err(NotSquare)` unless the matrix is n×n.
pub(crate) fn check_square(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    check_matrix(a)?;
    if a.nrows() != a.ncols() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    Ok(())
}

/// `Err(ShapeMismatch)` unless the right-hand side has as many entries as `a` has rows,
/// then `Err(Empty)` / `Err(NonFinite)` for the right-hand side itself.
pub(crate) fn check_rhs(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<(), LinalgError> {
    if b.len() != a.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: (b.len(), 1),
        });
    }
    check_slice(b.as_slice())
}

/// Relative tolerance of the symmetry test: |aᵢⱼ − aⱼᵢ| ≤ 1e-10 · max|a|.
///
/// Matrices built as XᵀX or as a covariance are symmetric up to rounding; a
/// genuinely unsymmetric input differs by far more than 10 digits.
pub(crate) const SYMMETRY_TOLERANCE: f64 = 1e-10;

/// `check_square`, then `Err(NotSymmetric)` if some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|a|.
pub(crate) fn check_symmetric(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    check_square(a)?;
    let scale = a.amax();
    let n = a.nrows();
    for j in 0..n {
        for i in (j + 1)..n {
            if (a[(i, j)] - a[(j, i)]).abs() > SYMMETRY_TOLERANCE * scale {
                return Err(LinalgError::NotSymmetric);
            }
        }
    }
    Ok(())
}

/// Euclidean length of `x`, scaled so that squaring neither overflows nor underflows.
///
/// ```text
/// ‖x‖₂ = s · √Σ(xᵢ / s)²   with s = max|xᵢ|
/// ```
pub(crate) fn euclidean_norm(x: &[f64]) -> f64 {
    let scale = x.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return scale;
    }
    let sum: f64 = x.iter().map(|v| (v / scale) * (v / scale)).sum();
    scale * sum.sqrt()
}

/// The power of two nearest below max|a| (1 for a zero matrix).
///
/// Dividing by a power of two is exact, so iterative methods can work on a matrix of
/// size ≈ 1 (no overflow when squaring entries) and multiply back without rounding.
pub(crate) fn power_of_two_scale(max_abs: f64) -> f64 {
    if max_abs == 0.0 || !max_abs.is_finite() {
        return 1.0;
    }
    2.0_f64.powi(max_abs.log2().floor() as i32)
}

/// Partial pivoting: the row index i ≥ k of the largest |aᵢₖ| in column k.
pub(crate) fn largest_below(a: &DMatrix<f64>, k: usize) -> usize {
    let mut best = k;
    for i in (k + 1)..a.nrows() {
        if a[(i, k)].abs() > a[(best, k)].abs() {
            best = i;
        }
    }
    best
}
