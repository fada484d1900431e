//! LU factorisation with partial pivoting, and what it gives: solve and determinant.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::validate::{check_rhs, check_square, largest_below};

/// A pivot counts as zero when |pivot| ≤ n · ε · max|aᵢⱼ|: below that size it is
/// indistinguishable from the rounding error of the elimination, and dividing by it
/// amplifies that error past 1.
pub(crate) fn singular_pivot_tolerance(a: &DMatrix<f64>) -> f64 {
    a.nrows() as f64 * f64::EPSILON * a.amax()
}

/// The factorisation `P A = L U` of a square matrix by Gaussian elimination with
/// partial pivoting (the largest |entry| of each column is brought to the diagonal).
///
/// L (unit lower triangular) and U (upper triangular) are stored packed in one n×n
/// matrix, L's unit diagonal implied, as LAPACK does.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{lu, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let f = lu(&dmatrix![4.0, 3.0; 6.0, 3.0])?;
/// assert_relative_eq!(f.determinant(), -6.0, epsilon = 1e-14);
/// assert_relative_eq!(f.solve(&dvector![10.0, 12.0])?, dvector![1.0, 2.0], epsilon = 1e-14);
/// # Ok::<(), LinalgError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Lu {
    /// Strictly lower part: the multipliers of L; upper part with diagonal: U.
    packed: DMatrix<f64>,
    /// Row i of P·A is row `permutation[i]` of A.
    permutation: Vec<usize>,
    /// det(P) = (−1)^(number of row swaps).
    sign: f64,
}

/// Factorises a square matrix as `P A = L U` with partial pivoting.
///
/// # Formula
/// ```text
/// for k = 0..n:  p = argmax_{i≥k} |aᵢₖ|,  swap rows k and p,
///                lᵢₖ = aᵢₖ / aₖₖ,  aᵢⱼ ← aᵢⱼ − lᵢₖ aₖⱼ   (i, j > k)
/// ```
/// where the final upper triangle is U and the multipliers lᵢₖ form L.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, and `Singular` when a pivot is exactly 0 or
/// |pivot| ≤ n · ε · max|aᵢⱼ| (numerically singular).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{lu, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let a = dmatrix![1.0, 2.0; 3.0, 4.0];
/// let f = lu(&a)?;
/// assert_eq!(f.permutation(), &[1, 0]); // row 1 holds the larger pivot 3
/// assert_relative_eq!(f.l() * f.u(), dmatrix![3.0, 4.0; 1.0, 2.0], epsilon = 1e-15);
/// assert_relative_eq!(f.determinant(), -2.0, epsilon = 1e-14);
/// assert_relative_eq!(f.solve(&dvector![5.0, 11.0])?, dvector![1.0, 2.0], epsilon = 1e-14);
///
/// assert_eq!(lu(&dmatrix![1.0, 2.0; 2.0, 4.0]), Err(LinalgError::Singular));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn lu(a: &DMatrix<f64>) -> Result<Lu, LinalgError> {
    check_square(a)?;
    factorise(a, singular_pivot_tolerance(a))
}

/// Elimination with partial pivoting; `Singular` as soon as |pivot| ≤ `tolerance`.
///
/// Works column by column on the column-major storage: the pivot search, the
/// multipliers and every update `a[k+1.., j] −= aₖⱼ · l[k+1..]` run down contiguous columns.
fn factorise(a: &DMatrix<f64>, tolerance: f64) -> Result<Lu, LinalgError> {
    let n = a.nrows();
    let mut packed = a.clone();
    let mut permutation: Vec<usize> = (0..n).collect();
    let mut sign = 1.0;
    for k in 0..n {
        let p = largest_below(&packed, k);
        if packed[(p, k)].abs() <= tolerance {
            return Err(LinalgError::Singular);
        }
        if p != k {
            packed.swap_rows(p, k);
            permutation.swap(p, k);
            sign = -sign;
        }
        let pivot = packed[(k, k)];
        let data = packed.as_mut_slice();
        let (left, right) = data.split_at_mut((k + 1) * n);
        let multipliers = &mut left[k * n + k + 1..(k + 1) * n];
        for l in multipliers.iter_mut() {
            *l /= pivot;
        }
        for column in right.chunks_exact_mut(n) {
            let akj = column[k];
            if akj != 0.0 {
                for (c, l) in column[k + 1..].iter_mut().zip(multipliers.iter()) {
                    *c -= akj * l;
                }
            }
        }
    }
    Ok(Lu {
        packed,
        permutation,
        sign,
    })
}

impl Lu {
    /// Solves `A x = b` by `L y = P b` (forward) then `U x = y` (back substitution).
    ///
    /// # Formula
    /// ```text
    /// P A = L U  ⇒  A x = b  ⇔  L (U x) = P b
    /// ```
    /// where P is the row permutation found while pivoting.
    ///
    /// # Errors
    /// `ShapeMismatch` when `b.len() ≠ n`, `Empty`/`NonFinite` for a bad `b`,
    /// `Singular` when the solution overflows.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_linalg::{lu, LinalgError};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// let f = lu(&dmatrix![2.0, 0.0; 0.0, 4.0])?;
    /// assert_relative_eq!(f.solve(&dvector![2.0, 2.0])?, dvector![1.0, 0.5]);
    /// assert!(matches!(f.solve(&dvector![1.0]), Err(LinalgError::ShapeMismatch { .. })));
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn solve(&self, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
        check_rhs(&self.packed, b)?;
        let n = self.packed.nrows();
        let mut x = DVector::from_iterator(n, self.permutation.iter().map(|&i| b[i]));
        // Forward substitution with the unit lower triangle, column-oriented.
        for k in 0..n {
            let xk = x[k];
            for i in (k + 1)..n {
                x[i] -= self.packed[(i, k)] * xk;
            }
        }
        // Back substitution with U, column-oriented.
        for k in (0..n).rev() {
            x[k] /= self.packed[(k, k)];
            let xk = x[k];
            for i in 0..k {
                x[i] -= self.packed[(i, k)] * xk;
            }
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(LinalgError::Singular);
        }
        Ok(x)
    }

    /// det A = det(P) · Π uᵢᵢ.
    ///
    /// # Formula
    /// ```text
    /// det A = (−1)^s · u₀₀ · u₁₁ ⋯ uₙ₋₁ₙ₋₁
    /// ```
    /// where s is the number of row swaps. May overflow to ±∞ for huge entries.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_linalg::lu;
    /// use nalgebra::dmatrix;
    ///
    /// assert_relative_eq!(lu(&dmatrix![0.0, 1.0; 1.0, 0.0]).unwrap().determinant(), -1.0);
    /// ```
    pub fn determinant(&self) -> f64 {
        self.sign * self.packed.diagonal().iter().product::<f64>()
    }

    /// The unit lower-triangular factor L.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::lu;
    /// use nalgebra::dmatrix;
    ///
    /// let l = lu(&dmatrix![2.0, 1.0; 4.0, 1.0]).unwrap().l();
    /// assert_eq!(l, dmatrix![1.0, 0.0; 0.5, 1.0]);
    /// ```
    pub fn l(&self) -> DMatrix<f64> {
        let mut l = self.packed.lower_triangle();
        l.fill_diagonal(1.0);
        l
    }

    /// The upper-triangular factor U.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::lu;
    /// use nalgebra::dmatrix;
    ///
    /// let u = lu(&dmatrix![2.0, 1.0; 4.0, 1.0]).unwrap().u();
    /// assert_eq!(u, dmatrix![4.0, 1.0; 0.0, 0.5]);
    /// ```
    pub fn u(&self) -> DMatrix<f64> {
        self.packed.upper_triangle()
    }

    /// The row permutation: row i of `P A` is row `permutation()[i]` of A.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::lu;
    /// use nalgebra::dmatrix;
    ///
    /// assert_eq!(lu(&dmatrix![1.0, 0.0; 5.0, 1.0]).unwrap().permutation(), &[1, 0]);
    /// ```
    pub fn permutation(&self) -> &[usize] {
        &self.permutation
    }
}

/// The determinant of a square matrix, via LU with partial pivoting.
///
/// Unlike [`lu`], no tolerance is applied: a nearly singular matrix gets its (tiny)
/// determinant, and `Ok(0.0)` is returned only when elimination meets an exactly
/// zero pivot column. May overflow to ±∞ for matrices with huge entries.
///
/// # Formula
/// ```text
/// det A = (−1)^s · Π uᵢᵢ,   P A = L U
/// ```
/// where s is the number of row swaps.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{determinant, LinalgError};
/// use nalgebra::dmatrix;
///
/// assert_relative_eq!(determinant(&dmatrix![1.0, 2.0; 3.0, 4.0])?, -2.0, epsilon = 1e-14);
/// assert_eq!(determinant(&dmatrix![1.0, 2.0; 2.0, 4.0])?, 0.0);
/// assert!(matches!(determinant(&dmatrix![1.0, 2.0]), Err(LinalgError::NotSquare { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn determinant(a: &DMatrix<f64>) -> Result<f64, LinalgError> {
    check_square(a)?;
    match factorise(a, 0.0) {
        Ok(f) => Ok(f.determinant()),
        Err(LinalgError::Singular) => Ok(0.0),
        Err(e) => Err(e),
    }
}

/// Solves the square system `A x = b` by LU with partial pivoting.
///
/// # Formula
/// ```text
/// P A = L U,   L y = P b,   U x = y
/// ```
/// where P permutes rows, L is unit lower and U upper triangular.
///
/// # Errors
/// `Empty`, `NonFinite` (in `a` or `b`), `NotSquare`, `ShapeMismatch` when `b.len() ≠ n`,
/// `Singular` (see [`lu`]).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{solve, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = solve(&dmatrix![2.0, 1.0; 1.0, 3.0], &dvector![3.0, 5.0])?;
/// assert_relative_eq!(x, dvector![0.8, 1.4], epsilon = 1e-14);
/// assert_eq!(solve(&dmatrix![1.0, 1.0; 1.0, 1.0], &dvector![1.0, 2.0]), Err(LinalgError::Singular));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn solve(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
    check_square(a)?;
    check_rhs(a, b)?;
    lu(a)?.solve(b)
}
