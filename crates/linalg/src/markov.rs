//! The stationary distribution of a Markov chain.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::lu::solve;
use crate::validate::check_square;

/// How far a row sum may be from 1: n · 1e-12 allows for probabilities typed with
/// 12+ digits or computed by division, while catching a wrong matrix.
const ROW_SUM_TOLERANCE: f64 = 1e-12;

/// The stationary distribution π of a row-stochastic transition matrix P.
///
/// Solves the linear system πP = π, Σπ = 1 directly (one equation of (Pᵀ − I)π = 0 is
/// redundant and is replaced by Σπᵢ = 1), instead of iterating π ← πP, which can
/// converge slowly or oscillate for periodic chains.
///
/// # Formula
/// ```text
/// π P = π,  Σᵢ πᵢ = 1   ⇔   [(Pᵀ − I) with its last row replaced by 1ᵀ] π = eₙ
/// ```
/// where pᵢⱼ is the probability of moving from state i to state j.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, `InvalidParameter` when an entry is negative or a
/// row does not sum to 1 (within n · 1e-12), `Singular` when the chain has several
/// stationary distributions (more than one closed class of states).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{stationary_distribution, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let p = dmatrix![0.9, 0.1; 0.5, 0.5];
/// assert_relative_eq!(stationary_distribution(&p)?, dvector![5.0 / 6.0, 1.0 / 6.0], epsilon = 1e-14);
///
/// let two_closed_classes = dmatrix![1.0, 0.0; 0.0, 1.0];
/// assert_eq!(stationary_distribution(&two_closed_classes), Err(LinalgError::Singular));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn stationary_distribution(p: &DMatrix<f64>) -> Result<DVector<f64>, LinalgError> {
    check_square(p)?;
    let n = p.nrows();
    if p.iter().any(|&x| x < 0.0) {
        return Err(LinalgError::InvalidParameter {
            name: "p",
            reason: "transition probabilities must be ≥ 0",
        });
    }
    for row in p.row_iter() {
        if (row.sum() - 1.0).abs() > n as f64 * ROW_SUM_TOLERANCE {
            return Err(LinalgError::InvalidParameter {
                name: "p",
                reason: "each row of a transition matrix must sum to 1",
            });
        }
    }
    let mut system = p.transpose() - DMatrix::<f64>::identity(n, n);
    system.row_mut(n - 1).fill(1.0);
    let mut rhs = DVector::<f64>::zeros(n);
    rhs[n - 1] = 1.0;
    solve(&system, &rhs)
}
