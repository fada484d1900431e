//! # 3.3 Optimization — testing convexity through the Hessian
//!
//! ```text
//! PSD  ⇔  λ_min(H) ≥ −τ  ⇔  Cholesky of H + τI succeeds,   τ = n · √ε · maxᵢⱼ |hᵢⱼ|
//! ```
//!
//! The shift makes the test tolerant of round-off (a computed singular PSD matrix may have
//! λ_min = −1e-16) while any clearly negative curvature still makes a pivot ≤ 0. Cholesky is
//! backward stable for positive definite matrices, so no pivoting is needed.

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// Whether the symmetric matrix `h` is positive semidefinite: λ_min(h) ≥ −τ with
/// τ = n · √ε · maxᵢⱼ|hᵢⱼ|.
///
/// # Errors
/// - `CalculusError::NotSquare { rows, cols }` if `h` is not square;
/// - `CalculusError::Empty` for a 0×0 matrix;
/// - `CalculusError::NonFinite` if an entry is NaN or ±∞;
/// - `CalculusError::NotSymmetric` if |hᵢⱼ − hⱼᵢ| > √ε · maxₖₗ|hₖₗ| for some i, j.
pub fn is_positive_semidefinite(h: &DMatrix<f64>) -> Result<bool, CalculusError> {
    let (rows, cols) = h.shape();
    if rows != cols {
        return Err(CalculusError::NotSquare { rows, cols });
    }
    if h.is_empty() {
        return Err(CalculusError::Empty);
    }
    if h.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    let largest = h.amax();
    let n = rows;
    // |hᵢⱼ − hⱼᵢ| for all i, j at once: the largest |entry| of H − Hᵀ.
    if (h - h.transpose()).amax() > f64::EPSILON.sqrt() * largest {
        return Err(CalculusError::NotSymmetric);
    }
    if largest == 0.0 {
        return Ok(true);
    }

    let tau = n as f64 * f64::EPSILON.sqrt() * largest;
    // Cholesky of A = (H + Hᵀ)/2 + τI, reading only the lower triangle.
    let a = |i: usize, j: usize| 0.5 * (h[(i, j)] + h[(j, i)]) + if i == j { tau } else { 0.0 };
    let mut l = DMatrix::<f64>::zeros(n, n);
    for j in 0..n {
        let d = a(j, j) - (0..j).map(|k| l[(j, k)] * l[(j, k)]).sum::<f64>();
        if d <= 0.0 {
            return Ok(false);
        }
        l[(j, j)] = d.sqrt();
        for i in j + 1..n {
            let s = a(i, j) - (0..j).map(|k| l[(i, k)] * l[(j, k)]).sum::<f64>();
            l[(i, j)] = s / l[(j, j)];
        }
    }
    Ok(true)
}

/// Whether f looks convex on `points`: its Hessian, given by `hessian(p)`, is positive
/// semidefinite at every point p (`true` means no point showed negative curvature).
///
/// # Errors
/// - `CalculusError::Empty` if there are no points or a point is empty;
/// - `CalculusError::NonFinite` if a point has a NaN or ±∞ coordinate;
/// - `CalculusError::DimensionMismatch { expected, got }` if a point's length differs from
///   the first point's, or `hessian(p)` is not n×n for points of length n;
/// - the errors of [`is_positive_semidefinite`] for a bad Hessian (NonFinite, NotSymmetric).
pub fn is_convex_on(
    hessian: fn(&[f64]) -> DMatrix<f64>,
    points: &[Vec<f64>],
) -> Result<bool, CalculusError> {
    let n = points.first().ok_or(CalculusError::Empty)?.len();
    for p in points {
        if p.is_empty() {
            return Err(CalculusError::Empty);
        }
        if p.iter().any(|v| !v.is_finite()) {
            return Err(CalculusError::NonFinite);
        }
        if p.len() != n {
            return Err(CalculusError::DimensionMismatch {
                expected: n,
                got: p.len(),
            });
        }
    }
    for p in points {
        let h = hessian(p);
        if h.nrows() != n || h.ncols() != n {
            let got = if h.nrows() != n { h.nrows() } else { h.ncols() };
            return Err(CalculusError::DimensionMismatch { expected: n, got });
        }
        if !is_positive_semidefinite(&h)? {
            return Ok(false);
        }
    }
    Ok(true)
}
