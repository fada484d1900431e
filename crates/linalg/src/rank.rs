//! Row reduction, rank, null space and linear independence.

use nalgebra::DMatrix;

use crate::LinalgError;
use crate::svd::svd;
use crate::validate::check_matrix;

/// Reduced row echelon form by Gauss–Jordan elimination with partial pivoting.
///
/// An entry with |value| ≤ `tol` counts as zero: the column gets no pivot and its
/// remaining entries are set to exactly 0. Exact arithmetic would need tol = 0; with
/// rounding, a tolerance such as `max(m, n) · ε · max|aᵢⱼ|` is the usual choice.
///
/// # Formula
/// ```text
/// for each column: pick the largest |entry| at or below the current row; if > tol,
/// swap it up, divide its row by it, subtract multiples of it from every other row
/// ```
/// where the result R has leading 1s, zeros above and below each, and the pivot
/// columns listed in order.
///
/// # Errors
/// `Empty`, `NonFinite`, `InvalidParameter` when `tol` is negative or not finite.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{rref, LinalgError};
/// use nalgebra::dmatrix;
///
/// let (r, pivots) = rref(&dmatrix![1.0, 2.0, 3.0; 2.0, 4.0, 7.0], 1e-12)?;
/// assert_eq!(pivots, vec![0, 2]);
/// assert_relative_eq!(r, dmatrix![1.0, 2.0, 0.0; 0.0, 0.0, 1.0], epsilon = 1e-12);
/// assert!(matches!(rref(&dmatrix![1.0], -1.0), Err(LinalgError::InvalidParameter { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn rref(a: &DMatrix<f64>, tol: f64) -> Result<(DMatrix<f64>, Vec<usize>), LinalgError> {
    check_matrix(a)?;
    if !tol.is_finite() || tol < 0.0 {
        return Err(LinalgError::InvalidParameter {
            name: "tol",
            reason: "the zero tolerance must be finite and ≥ 0",
        });
    }
    let (m, n) = a.shape();
    let mut r = a.clone();
    let mut pivots = Vec::new();
    let mut row = 0;
    for col in 0..n {
        if row == m {
            break;
        }
        let p = largest_below_in(&r, row, col);
        if r[(p, col)].abs() <= tol {
            for i in row..m {
                r[(i, col)] = 0.0;
            }
            continue;
        }
        r.swap_rows(p, row);
        let pivot = r[(row, col)];
        for j in 0..n {
            r[(row, j)] /= pivot;
        }
        r[(row, col)] = 1.0;
        for i in 0..m {
            let factor = r[(i, col)];
            if i == row || factor == 0.0 {
                continue;
            }
            for j in 0..n {
                r[(i, j)] -= factor * r[(row, j)];
            }
            r[(i, col)] = 0.0;
        }
        pivots.push(col);
        row += 1;
    }
    Ok((r, pivots))
}

/// Row index i ≥ `row` of the largest |entry| in column `col`.
fn largest_below_in(a: &DMatrix<f64>, row: usize, col: usize) -> usize {
    let mut best = row;
    for i in (row + 1)..a.nrows() {
        if a[(i, col)].abs() > a[(best, col)].abs() {
            best = i;
        }
    }
    best
}

/// The default rank tolerance: singular values ≤ max(m, n) · ε · σ₀ count as zero
/// (the convention of NumPy's `matrix_rank` and MATLAB's `rank`).
fn rank_tolerance(rows: usize, cols: usize, largest_singular_value: f64) -> f64 {
    rows.max(cols) as f64 * f64::EPSILON * largest_singular_value
}

/// The numerical rank: the number of singular values above max(m, n) · ε · σ₀.
///
/// Counting pivots of a row reduction depends on a tolerance that ignores how the
/// matrix is scaled; singular values measure the distance to the nearest matrix of
/// lower rank, so the SVD is the reliable way.
///
/// # Formula
/// ```text
/// rank(A) = #{ i : σᵢ > max(m, n) · ε · σ₀ }
/// ```
/// where σ₀ ≥ σ₁ ≥ … are the singular values and ε = 2⁻⁵².
///
/// # Errors
/// `Empty`, `NonFinite`, `NoConvergence` (from the SVD).
///
/// # Examples
/// ```
/// use mathlings_linalg::{rank, LinalgError};
/// use nalgebra::dmatrix;
///
/// assert_eq!(rank(&dmatrix![1.0, 2.0; 2.0, 4.0])?, 1);
/// assert_eq!(rank(&dmatrix![1.0, 0.0; 0.0, 1.0])?, 2);
/// assert_eq!(rank(&dmatrix![f64::INFINITY]), Err(LinalgError::NonFinite));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn rank(a: &DMatrix<f64>) -> Result<usize, LinalgError> {
    check_matrix(a)?;
    let s = svd(a)?;
    let tol = rank_tolerance(a.nrows(), a.ncols(), s.singular_values[0]);
    Ok(s.singular_values
        .iter()
        .filter(|&&sigma| sigma > tol)
        .count())
}

/// An orthonormal basis of the null space {x : A x = 0}, as the columns of an
/// n × (n − rank) matrix (n × 0 when A has full column rank).
///
/// # Formula
/// ```text
/// A = U Σ Vᵀ  ⇒  null(A) = span{ vᵢ : σᵢ ≤ max(m, n) · ε · σ₀ }  (plus vᵢ for i ≥ m)
/// ```
/// where vᵢ are the right singular vectors (A is padded with zero rows to n×n when
/// m < n, which changes neither the null space nor the non-zero singular values).
///
/// # Errors
/// `Empty`, `NonFinite`, `NoConvergence` (from the SVD).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{null_space, LinalgError};
/// use nalgebra::{dmatrix, DMatrix};
///
/// let a = dmatrix![1.0, 1.0];
/// let z = null_space(&a)?;
/// assert_eq!(z.shape(), (2, 1));
/// assert_relative_eq!(&a * &z, DMatrix::zeros(1, 1), epsilon = 1e-15);
/// assert_eq!(null_space(&dmatrix![1.0, 0.0; 0.0, 1.0])?.shape(), (2, 0));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn null_space(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_matrix(a)?;
    let (m, n) = a.shape();
    let square_or_tall = if m < n {
        a.clone().resize(n, n, 0.0)
    } else {
        a.clone()
    };
    let s = svd(&square_or_tall)?;
    let tol = rank_tolerance(m, n, s.singular_values[0]);
    let r = s
        .singular_values
        .iter()
        .filter(|&&sigma| sigma > tol)
        .count();
    Ok(s.v_t.rows(r, n - r).transpose())
}

/// Whether the given vectors (all of the same length) are linearly independent.
///
/// # Formula
/// ```text
/// independent ⇔ rank([v₁ v₂ … vₖ]) = k
/// ```
/// where the vᵢ are placed as the columns of a matrix and rank is [`rank`].
///
/// # Errors
/// `Empty` for no vectors or empty vectors, `NonFinite`, `ShapeMismatch` when the
/// lengths differ.
///
/// # Examples
/// ```
/// use mathlings_linalg::{is_linearly_independent, LinalgError};
///
/// assert!(is_linearly_independent(&[vec![1.0, 0.0], vec![1.0, 1.0]])?);
/// assert!(!is_linearly_independent(&[vec![1.0, 2.0], vec![2.0, 4.0]])?);
/// assert!(matches!(
///     is_linearly_independent(&[vec![1.0], vec![1.0, 2.0]]),
///     Err(LinalgError::ShapeMismatch { .. })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn is_linearly_independent(vectors: &[Vec<f64>]) -> Result<bool, LinalgError> {
    let first = vectors.first().ok_or(LinalgError::Empty)?;
    for v in vectors {
        if v.len() != first.len() {
            return Err(LinalgError::ShapeMismatch {
                left: (first.len(), 1),
                right: (v.len(), 1),
            });
        }
    }
    let k = vectors.len();
    let matrix = DMatrix::from_fn(first.len(), k, |i, j| vectors[j][i]);
    Ok(rank(&matrix)? == k)
}
