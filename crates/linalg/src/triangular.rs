//! Forward and back substitution for triangular systems.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::validate::{check_rhs, check_square};

/// Solves `R x = b` for upper-triangular `R` by back substitution.
///
/// Only the upper triangle (diagonal included) of `r` is read; entries below the
/// diagonal are ignored, so the packed output of a factorisation can be passed as is.
///
/// # Formula
/// ```text
/// xᵢ = (bᵢ − Σ_{j>i} rᵢⱼ xⱼ) / rᵢᵢ      for i = n−1, …, 0
/// ```
/// where n is the size of R.
///
/// # Errors
/// `Empty`, `NonFinite` (in `r` or `b`), `NotSquare`, `ShapeMismatch` when `b.len() ≠ n`,
/// `Singular` when a diagonal entry is exactly 0 or the solution overflows.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{solve_upper_triangular, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let r = dmatrix![2.0, 1.0; 0.0, 4.0];
/// let x = solve_upper_triangular(&r, &dvector![4.0, 8.0])?;
/// assert_relative_eq!(x, dvector![1.0, 2.0]);
///
/// let singular = dmatrix![1.0, 1.0; 0.0, 0.0];
/// assert_eq!(solve_upper_triangular(&singular, &dvector![1.0, 1.0]), Err(LinalgError::Singular));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn solve_upper_triangular(
    r: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<DVector<f64>, LinalgError> {
    check_square(r)?;
    check_rhs(r, b)?;
    let n = r.nrows();
    let mut x = b.clone();
    for i in (0..n).rev() {
        if r[(i, i)] == 0.0 {
            return Err(LinalgError::Singular);
        }
        let mut sum = x[i];
        for j in (i + 1)..n {
            sum -= r[(i, j)] * x[j];
        }
        x[i] = sum / r[(i, i)];
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::Singular);
    }
    Ok(x)
}

/// Solves `L x = b` for lower-triangular `L` by forward substitution.
///
/// Only the lower triangle (diagonal included) of `l` is read.
///
/// # Formula
/// ```text
/// xᵢ = (bᵢ − Σ_{j<i} lᵢⱼ xⱼ) / lᵢᵢ      for i = 0, …, n−1
/// ```
/// where n is the size of L.
///
/// # Errors
/// `Empty`, `NonFinite` (in `l` or `b`), `NotSquare`, `ShapeMismatch` when `b.len() ≠ n`,
/// `Singular` when a diagonal entry is exactly 0 or the solution overflows.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{solve_lower_triangular, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let l = dmatrix![2.0, 0.0; 1.0, 4.0];
/// let x = solve_lower_triangular(&l, &dvector![2.0, 9.0])?;
/// assert_relative_eq!(x, dvector![1.0, 2.0]);
///
/// let wrong_length = dvector![1.0, 2.0, 3.0];
/// assert!(matches!(
///     solve_lower_triangular(&l, &wrong_length),
///     Err(LinalgError::ShapeMismatch { .. })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn solve_lower_triangular(
    l: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<DVector<f64>, LinalgError> {
    check_square(l)?;
    check_rhs(l, b)?;
    let n = l.nrows();
    let mut x = b.clone();
    for i in 0..n {
        if l[(i, i)] == 0.0 {
            return Err(LinalgError::Singular);
        }
        let mut sum = x[i];
        for j in 0..i {
            sum -= l[(i, j)] * x[j];
        }
        x[i] = sum / l[(i, i)];
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::Singular);
    }
    Ok(x)
}
