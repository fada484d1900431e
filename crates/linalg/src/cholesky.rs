//! The Cholesky factorisation of a symmetric positive-definite matrix.

use nalgebra::DMatrix;

use crate::LinalgError;
use crate::validate::check_symmetric;

/// The lower-triangular L with positive diagonal such that `A = L Lᵀ`.
///
/// Exists exactly when A is symmetric positive definite; the algorithm discovers
/// that on the way (a non-positive number under a square root).
///
/// # Formula
/// ```text
/// lⱼⱼ = √(aⱼⱼ − Σ_{k<j} lⱼₖ²),    lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ   (i > j)
/// ```
/// where only the lower triangle of A is read (after the symmetry check).
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, `NotSymmetric` (|aᵢⱼ − aⱼᵢ| > 1e-10·max|a|),
/// `NotPositiveDefinite` when some aⱼⱼ − Σ lⱼₖ² ≤ 0.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{cholesky, LinalgError};
/// use nalgebra::dmatrix;
///
/// let l = cholesky(&dmatrix![4.0, 2.0; 2.0, 5.0])?;
/// assert_relative_eq!(l, dmatrix![2.0, 0.0; 1.0, 2.0], epsilon = 1e-15);
/// assert_eq!(cholesky(&dmatrix![1.0, 2.0; 2.0, 1.0]), Err(LinalgError::NotPositiveDefinite));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn cholesky(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_symmetric(a)?;
    let n = a.nrows();
    let mut l = DMatrix::<f64>::zeros(n, n);
    for j in 0..n {
        let mut diagonal = a[(j, j)];
        for k in 0..j {
            diagonal -= l[(j, k)] * l[(j, k)];
        }
        if diagonal <= 0.0 || !diagonal.is_finite() {
            return Err(LinalgError::NotPositiveDefinite);
        }
        let ljj = diagonal.sqrt();
        l[(j, j)] = ljj;
        for i in (j + 1)..n {
            let mut sum = a[(i, j)];
            for k in 0..j {
                sum -= l[(i, k)] * l[(j, k)];
            }
            l[(i, j)] = sum / ljj;
        }
    }
    Ok(l)
}
