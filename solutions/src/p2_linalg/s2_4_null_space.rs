//! # 2.4 Rank & independence — null space and linear independence
//!
//! ```text
//! free column f of R:  x_f = 1,  x_{pivot col of row i} = −R[i, f]     (A x = 0)
//! independent ⇔ rank [v₁ … v_k] = k
//! ```
//!
//! Both come from one row reduction with the relative tolerance of s2_4_rref_rank.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Relative zero tolerance, per unit of max(m, n) · max|aᵢⱼ|.
const RANK_TOLERANCE: f64 = 1e-10;

/// `Empty` / `NonFinite` for a matrix.
fn check(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// The reduced row echelon form of a checked matrix and its pivot columns, with the
/// relative tolerance.
fn reduce(a: &DMatrix<f64>) -> (DMatrix<f64>, Vec<usize>) {
    let (m, n) = a.shape();
    let tol = RANK_TOLERANCE * m.max(n) as f64 * a.amax();
    let mut r = a.clone();
    let mut pivots = Vec::new();
    let mut row = 0;
    for col in 0..n {
        if row == m {
            break;
        }
        let p = (row..m)
            .max_by(|&i, &j| r[(i, col)].abs().total_cmp(&r[(j, col)].abs()))
            .unwrap_or(row);
        if r[(p, col)].abs() <= tol {
            for i in row..m {
                r[(i, col)] = 0.0;
            }
            continue;
        }
        r.swap_rows(p, row);
        // pivot / pivot is exactly 1, so each eliminated entry becomes exactly 0.
        let pivot = r[(row, col)];
        for j in 0..n {
            r[(row, j)] /= pivot;
        }
        for i in 0..m {
            let factor = r[(i, col)];
            if i == row || factor == 0.0 {
                continue;
            }
            for j in 0..n {
                r[(i, j)] -= factor * r[(row, j)];
            }
        }
        pivots.push(col);
        row += 1;
    }
    (r, pivots)
}

/// Returns a basis of the null space {x : A x = 0} as the columns of an
/// n × (n − rank A) matrix (n × 0 when A has full column rank). Any basis is accepted.
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn null_space(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check(a)?;
    let n = a.ncols();
    let (r, pivots) = reduce(a);
    let free: Vec<usize> = (0..n).filter(|c| !pivots.contains(c)).collect();
    let mut basis = DMatrix::zeros(n, free.len());
    for (k, &f) in free.iter().enumerate() {
        basis[(f, k)] = 1.0;
        for (i, &p) in pivots.iter().enumerate() {
            basis[(p, k)] = -r[(i, f)];
        }
    }
    Ok(basis)
}

/// Returns whether the vectors (all of the same length) are linearly independent.
///
/// # Errors
/// - `LinalgError::Empty` when there are no vectors or they are empty;
/// - `LinalgError::ShapeMismatch { left: (first.len(), 1), right: (v.len(), 1) }` for the
///   first vector v whose length differs from the first vector's;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
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
    let columns = DMatrix::from_fn(first.len(), vectors.len(), |i, j| vectors[j][i]);
    check(&columns)?;
    Ok(reduce(&columns).1.len() == vectors.len())
}
