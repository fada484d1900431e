//! The matrix inverse by Gauss–Jordan elimination.

use nalgebra::DMatrix;

use crate::LinalgError;
use crate::lu::singular_pivot_tolerance;
use crate::validate::{check_square, largest_below};

/// The inverse of a square matrix by Gauss–Jordan elimination with partial pivoting.
///
/// The row operations that turn `[A | I]` into `[I | A⁻¹]` are applied to both halves.
///
/// # Formula
/// ```text
/// [A | I]  →(row swaps, scalings, eliminations)→  [I | A⁻¹],   A A⁻¹ = A⁻¹ A = I
/// ```
/// where each step divides the pivot row by the largest |entry| available in its column.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, and `Singular` when a pivot is exactly 0 or
/// |pivot| ≤ n · ε · max|aᵢⱼ|.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{inverse, LinalgError};
/// use nalgebra::dmatrix;
///
/// let inv = inverse(&dmatrix![4.0, 7.0; 2.0, 6.0])?;
/// assert_relative_eq!(inv, dmatrix![0.6, -0.7; -0.2, 0.4], epsilon = 1e-14);
/// assert_eq!(inverse(&dmatrix![1.0, 2.0; 2.0, 4.0]), Err(LinalgError::Singular));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_square(a)?;
    let n = a.nrows();
    let tolerance = singular_pivot_tolerance(a);
    let mut left = a.clone();
    let mut right = DMatrix::<f64>::identity(n, n);
    for k in 0..n {
        let p = largest_below(&left, k);
        if left[(p, k)].abs() <= tolerance {
            return Err(LinalgError::Singular);
        }
        left.swap_rows(p, k);
        right.swap_rows(p, k);

        let pivot = left[(k, k)];
        for j in 0..n {
            left[(k, j)] /= pivot;
            right[(k, j)] /= pivot;
        }
        for i in 0..n {
            let factor = left[(i, k)];
            if i == k || factor == 0.0 {
                continue;
            }
            for j in 0..n {
                left[(i, j)] -= factor * left[(k, j)];
                right[(i, j)] -= factor * right[(k, j)];
            }
        }
    }
    if right.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::Singular);
    }
    Ok(right)
}
