//! # 2.5 Eigenvalues & eigenvectors — Cholesky factorisation and positive-definiteness
//!
//! ```text
//! lⱼⱼ = √(aⱼⱼ − Σ_{k<j} lⱼₖ²)
//! lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ        for i > j
//! ```
//!
//! A non-positive number under the square root proves that A is not positive definite.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Relative tolerance of the symmetry test.
const SYMMETRY_TOLERANCE: f64 = 1e-10;

/// Returns the lower-triangular L with a positive diagonal such that L Lᵀ = A.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSymmetric` when some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|aₖₗ|;
/// - `LinalgError::NotPositiveDefinite` when some aⱼⱼ − Σ_{k<j} lⱼₖ² ≤ 0 (never take the
///   square root of it: that gives NaN).
pub fn cholesky(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let n = a.nrows();
    let largest = a.amax();
    for i in 0..n {
        for j in 0..i {
            if (a[(i, j)] - a[(j, i)]).abs() > SYMMETRY_TOLERANCE * largest {
                return Err(LinalgError::NotSymmetric);
            }
        }
    }

    let mut l = DMatrix::<f64>::zeros(n, n);
    for j in 0..n {
        let diagonal = a[(j, j)] - (0..j).map(|k| l[(j, k)] * l[(j, k)]).sum::<f64>();
        if diagonal <= 0.0 {
            return Err(LinalgError::NotPositiveDefinite);
        }
        let ljj = diagonal.sqrt();
        l[(j, j)] = ljj;
        for i in (j + 1)..n {
            let dot: f64 = (0..j).map(|k| l[(i, k)] * l[(j, k)]).sum();
            l[(i, j)] = (a[(i, j)] - dot) / ljj;
        }
    }
    Ok(l)
}
