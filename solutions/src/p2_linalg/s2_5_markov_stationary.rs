//! # 2.5 Eigenvalues & eigenvectors — the stationary distribution of a Markov chain
//!
//! ```text
//! π P = π,   Σᵢ πᵢ = 1    ⇔    M π = (0, …, 0, 1)ᵀ
//! M = Pᵀ − I with its last row replaced by (1, 1, …, 1)
//! ```
//!
//! π is a left eigenvector of P (a right eigenvector of Pᵀ) for eigenvalue 1; solving the
//! linear system directly also works for periodic chains, where iterating π ← πP cycles.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// How far a row sum may be from 1, per state.
const ROW_SUM_TOLERANCE: f64 = 1e-12;

/// Returns the stationary distribution π (πP = π, Σπᵢ = 1) of the row-stochastic matrix P,
/// where pᵢⱼ is the probability of moving from state i to state j.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when P is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "p", .. }` when an entry is negative or a row
///   does not sum to 1 (within n · 1e-12);
/// - `LinalgError::Singular` when the stationary distribution is not unique (a pivot of
///   the elimination is ≤ n·ε·max|mᵢⱼ| in absolute value).
pub fn stationary_distribution(p: &DMatrix<f64>) -> Result<DVector<f64>, LinalgError> {
    if p.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !p.is_square() {
        return Err(LinalgError::NotSquare {
            rows: p.nrows(),
            cols: p.ncols(),
        });
    }
    if p.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let n = p.nrows();
    if p.iter().any(|&x| x < 0.0) {
        return Err(LinalgError::InvalidParameter {
            name: "p",
            reason: "transition probabilities must be ≥ 0",
        });
    }
    if p.row_iter()
        .any(|row| (row.sum() - 1.0).abs() > n as f64 * ROW_SUM_TOLERANCE)
    {
        return Err(LinalgError::InvalidParameter {
            name: "p",
            reason: "each row of a transition matrix must sum to 1",
        });
    }

    // M π = e: the equations of (Pᵀ − I) π = 0, the last one replaced by Σ πᵢ = 1.
    let mut m = p.transpose() - DMatrix::<f64>::identity(n, n);
    m.row_mut(n - 1).fill(1.0);
    let mut e = DVector::<f64>::zeros(n);
    e[n - 1] = 1.0;
    solve(m, e)
}

/// Solves M x = b by Gaussian elimination with partial pivoting and back substitution.
fn solve(mut m: DMatrix<f64>, mut b: DVector<f64>) -> Result<DVector<f64>, LinalgError> {
    let n = m.nrows();
    let tolerance = n as f64 * f64::EPSILON * m.amax();
    for k in 0..n {
        let pivot_row = (k..n)
            .max_by(|&i, &j| m[(i, k)].abs().total_cmp(&m[(j, k)].abs()))
            .expect("k < n");
        if m[(pivot_row, k)].abs() <= tolerance {
            return Err(LinalgError::Singular);
        }
        m.swap_rows(pivot_row, k);
        b.swap_rows(pivot_row, k);
        for i in (k + 1)..n {
            let factor = m[(i, k)] / m[(k, k)];
            for j in k..n {
                m[(i, j)] -= factor * m[(k, j)];
            }
            b[i] -= factor * b[k];
        }
    }
    let mut x = DVector::<f64>::zeros(n);
    for i in (0..n).rev() {
        let tail: f64 = ((i + 1)..n).map(|j| m[(i, j)] * x[j]).sum();
        x[i] = (b[i] - tail) / m[(i, i)];
    }
    Ok(x)
}
