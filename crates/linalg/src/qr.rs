//! Householder QR factorisation and linear least squares.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::triangular::solve_upper_triangular;
use crate::validate::{check_matrix, check_rhs, euclidean_norm};

/// Relative size below which a column counts as numerically dependent on the columns
/// before it: |rₖₖ| ≤ `RANK_TOLERANCE_FACTOR` · max(m, n) · ε · ‖aₖ‖.
///
/// |rₖₖ| is the length of the part of column k orthogonal to the earlier columns;
/// Householder QR computes it with an error of a few max(m, n)·ε·‖aₖ‖, so anything
/// smaller than that is indistinguishable from zero.
const RANK_TOLERANCE_FACTOR: f64 = 1.0;

/// The QR factorisation `A = Q R` of an m×n matrix (m ≥ n) by Householder reflections.
///
/// Q is never formed while factorising: it is kept as the n reflections
/// Hₖ = I − 2 vₖ vₖᵀ that turned A into R, which is cheaper and more accurate than
/// storing Q. [`Qr::q`] builds the thin Q on request.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{householder_qr, LinalgError};
/// use nalgebra::{dmatrix, DMatrix};
///
/// let a = dmatrix![1.0, 1.0; 1.0, 2.0; 1.0, 3.0];
/// let qr = householder_qr(&a)?;
/// assert_relative_eq!(qr.q().transpose() * qr.q(), DMatrix::identity(2, 2), epsilon = 1e-14);
/// assert_relative_eq!(qr.q() * qr.r(), a, epsilon = 1e-14);
/// # Ok::<(), LinalgError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Qr {
    /// Unit Householder vectors: `reflectors[k]` acts on rows k..m (length m − k);
    /// an all-zero vector stands for the identity (column already reduced).
    reflectors: Vec<DVector<f64>>,
    /// The n×n upper-triangular factor.
    r: DMatrix<f64>,
    /// Euclidean norm of each column of A, for the rank test.
    column_norms: Vec<f64>,
    /// Number of rows m of A.
    rows: usize,
}

/// Factorises an m×n matrix (m ≥ n) as `A = Q R` with Householder reflections.
///
/// Column k is reflected onto a multiple of the k-th unit vector; the sign of the
/// reflection is chosen opposite to the leading entry so that no cancellation occurs.
///
/// # Formula
/// ```text
/// vₖ = x − α e₁,  α = −sign(x₁) ‖x‖,  Hₖ = I − 2 vₖvₖᵀ / (vₖᵀvₖ)
/// R = Hₙ₋₁ ⋯ H₁ H₀ A,   Q = H₀ H₁ ⋯ Hₙ₋₁ (first n columns)
/// ```
/// where x is column k of the partly reduced matrix, from row k down.
///
/// # Errors
/// `Empty`, `NonFinite`, and `ShapeMismatch { left: (m, n), right: (n, n) }` when m < n
/// (a thin QR needs at least as many rows as columns). A rank-deficient A still
/// factorises; [`Qr::solve_least_squares`] reports `RankDeficient`.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{householder_qr, LinalgError};
/// use nalgebra::dmatrix;
///
/// let a = dmatrix![3.0, 1.0; 4.0, 2.0; 0.0, 2.0];
/// let qr = householder_qr(&a)?;
/// assert_relative_eq!(qr.q() * qr.r(), a, epsilon = 1e-12);
/// assert_relative_eq!(qr.r()[(0, 0)].abs(), 5.0, epsilon = 1e-12);
///
/// let wide = dmatrix![1.0, 2.0, 3.0];
/// assert!(matches!(householder_qr(&wide), Err(LinalgError::ShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn householder_qr(a: &DMatrix<f64>) -> Result<Qr, LinalgError> {
    check_matrix(a)?;
    let (m, n) = a.shape();
    if m < n {
        return Err(LinalgError::ShapeMismatch {
            left: (m, n),
            right: (n, n),
        });
    }
    let column_norms: Vec<f64> = (0..n)
        .map(|j| euclidean_norm(a.column(j).as_slice()))
        .collect();

    let mut w = a.clone();
    let mut reflectors = Vec::with_capacity(n);
    for k in 0..n {
        let column = w.column(k);
        let x = &column.as_slice()[k..];
        let x_norm = euclidean_norm(x);
        if x_norm == 0.0 {
            // Nothing to reduce: the reflection is the identity and rₖₖ = 0.
            reflectors.push(DVector::zeros(m - k));
            continue;
        }
        let alpha = if x[0] >= 0.0 { -x_norm } else { x_norm };
        let mut v = DVector::from_column_slice(x);
        v[0] -= alpha;
        let v_norm = euclidean_norm(v.as_slice());
        v /= v_norm;

        // Apply Hₖ = I − 2vvᵀ to the remaining columns k..n, rows k..m.
        for j in k..n {
            let column = &mut w.column_mut(j);
            let column = &mut column.as_mut_slice()[k..];
            let d = 2.0 * dot_slices(v.as_slice(), column);
            for (c, vi) in column.iter_mut().zip(v.iter()) {
                *c -= d * vi;
            }
        }
        // Exactly what the reflection produces in exact arithmetic.
        w[(k, k)] = alpha;
        for i in (k + 1)..m {
            w[(i, k)] = 0.0;
        }
        reflectors.push(v);
    }
    let r = w.rows(0, n).upper_triangle();
    Ok(Qr {
        reflectors,
        r,
        column_norms,
        rows: m,
    })
}

fn dot_slices(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Qr {
    /// The n×n upper-triangular factor R.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::householder_qr;
    /// use nalgebra::dmatrix;
    ///
    /// let r = householder_qr(&dmatrix![1.0, 2.0; 3.0, 4.0; 5.0, 6.0]).unwrap().r();
    /// assert_eq!(r.shape(), (2, 2));
    /// assert_eq!(r[(1, 0)], 0.0);
    /// ```
    pub fn r(&self) -> DMatrix<f64> {
        self.r.clone()
    }

    /// The thin m×n factor Q with orthonormal columns, `A = Q R`.
    ///
    /// # Formula
    /// ```text
    /// Q = H₀ H₁ ⋯ Hₙ₋₁ [Iₙ; 0]
    /// ```
    /// where Hₖ are the stored reflections.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_linalg::householder_qr;
    /// use nalgebra::{dmatrix, DMatrix};
    ///
    /// let q = householder_qr(&dmatrix![1.0, 2.0; 3.0, 4.0; 5.0, 6.0]).unwrap().q();
    /// assert_relative_eq!(q.transpose() * &q, DMatrix::identity(2, 2), epsilon = 1e-12);
    /// ```
    pub fn q(&self) -> DMatrix<f64> {
        let m = self.rows;
        let n = self.r.ncols();
        let mut q = DMatrix::identity(m, n);
        for (k, v) in self.reflectors.iter().enumerate().rev() {
            for j in 0..n {
                let column = &mut q.column_mut(j);
                let column = &mut column.as_mut_slice()[k..];
                let d = 2.0 * dot_slices(v.as_slice(), column);
                for (c, vi) in column.iter_mut().zip(v.iter()) {
                    *c -= d * vi;
                }
            }
        }
        q
    }

    /// Computes `Qᵀ b` for the thin Q (an n-vector) without forming Q.
    ///
    /// # Formula
    /// ```text
    /// Qᵀb = first n entries of Hₙ₋₁ ⋯ H₁ H₀ b
    /// ```
    /// where Hₖ are the stored reflections.
    ///
    /// # Errors
    /// `ShapeMismatch` when `b.len() ≠ m`, `Empty`/`NonFinite` for a bad `b`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_linalg::{householder_qr, LinalgError};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// let qr = householder_qr(&dmatrix![1.0, 0.0; 0.0, 1.0; 0.0, 0.0])?;
    /// let qtb = qr.q_transpose_mul(&dvector![1.0, 2.0, 3.0])?;
    /// assert_relative_eq!(qtb.abs(), dvector![1.0, 2.0], epsilon = 1e-12);
    /// assert!(qr.q_transpose_mul(&dvector![1.0]).is_err());
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn q_transpose_mul(&self, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
        let n = self.r.ncols();
        if b.len() != self.rows {
            return Err(LinalgError::ShapeMismatch {
                left: (self.rows, n),
                right: (b.len(), 1),
            });
        }
        if b.iter().any(|x| !x.is_finite()) {
            return Err(LinalgError::NonFinite);
        }
        let mut y = b.clone();
        for (k, v) in self.reflectors.iter().enumerate() {
            let tail = &mut y.as_mut_slice()[k..];
            let d = 2.0 * dot_slices(v.as_slice(), tail);
            for (c, vi) in tail.iter_mut().zip(v.iter()) {
                *c -= d * vi;
            }
        }
        Ok(y.rows(0, n).into_owned())
    }

    /// Numerical rank: the number of columns whose part orthogonal to the earlier
    /// columns is not negligible, |rₖₖ| > max(m, n) · ε · ‖aₖ‖.
    fn numerical_rank(&self) -> usize {
        let n = self.r.ncols();
        let size = self.rows.max(n) as f64;
        (0..n)
            .filter(|&k| {
                self.r[(k, k)].abs()
                    > RANK_TOLERANCE_FACTOR * size * f64::EPSILON * self.column_norms[k]
            })
            .count()
    }

    /// The least-squares solution `x = argmin ‖A x − b‖₂` by `R x = Qᵀ b`.
    ///
    /// Never forms the normal equations AᵀA, whose condition number is cond(A)²: QR
    /// keeps about twice as many correct digits on ill-conditioned designs.
    ///
    /// # Formula
    /// ```text
    /// A = Q R  ⇒  ‖Ax − b‖² = ‖Rx − Qᵀb‖² + ‖(I − QQᵀ)b‖²  ⇒  x = R⁻¹ Qᵀ b
    /// ```
    /// where Q is m×n with orthonormal columns and R is n×n upper triangular.
    ///
    /// # Errors
    /// `ShapeMismatch` when `b.len() ≠ m`, `Empty`/`NonFinite` for a bad `b`,
    /// `RankDeficient { rank, needed: n }` when some |rₖₖ| ≤ max(m, n)·ε·‖aₖ‖ (column k is
    /// numerically a combination of the columns before it).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_linalg::{householder_qr, LinalgError};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// // Fit y = c₀ + c₁ t through (0, 1), (1, 3), (2, 5): exactly y = 1 + 2t.
    /// let a = dmatrix![1.0, 0.0; 1.0, 1.0; 1.0, 2.0];
    /// let x = householder_qr(&a)?.solve_least_squares(&dvector![1.0, 3.0, 5.0])?;
    /// assert_relative_eq!(x, dvector![1.0, 2.0], epsilon = 1e-12);
    ///
    /// let dependent = dmatrix![1.0, 2.0; 1.0, 2.0; 1.0, 2.0];
    /// assert!(matches!(
    ///     householder_qr(&dependent)?.solve_least_squares(&dvector![1.0, 2.0, 3.0]),
    ///     Err(LinalgError::RankDeficient { rank: 1, needed: 2 })
    /// ));
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn solve_least_squares(&self, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
        let qtb = self.q_transpose_mul(b)?;
        let n = self.r.ncols();
        let rank = self.numerical_rank();
        if rank < n {
            return Err(LinalgError::RankDeficient { rank, needed: n });
        }
        solve_upper_triangular(&self.r, &qtb)
    }
}

/// The least-squares solution of `A x ≈ b` (m ≥ n, full column rank) via Householder QR.
///
/// # Formula
/// ```text
/// x = argmin ‖A x − b‖₂ = R⁻¹ Qᵀ b,   A = Q R
/// ```
/// where Q (m×n) has orthonormal columns and R (n×n) is upper triangular.
///
/// # Errors
/// `Empty`, `NonFinite` (in `a` or `b`), `ShapeMismatch` when m < n or `b.len() ≠ m`,
/// `RankDeficient` when a column is numerically dependent on the others.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{least_squares, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// // Mean of 1, 2, 6 as the least-squares fit of a constant.
/// let x = least_squares(&dmatrix![1.0; 1.0; 1.0], &dvector![1.0, 2.0, 6.0])?;
/// assert_relative_eq!(x[0], 3.0, epsilon = 1e-12);
///
/// let short_b = dvector![1.0];
/// assert!(matches!(
///     least_squares(&dmatrix![1.0; 1.0], &short_b),
///     Err(LinalgError::ShapeMismatch { .. })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn least_squares(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
    check_matrix(a)?;
    check_rhs(a, b)?;
    householder_qr(a)?.solve_least_squares(b)
}
