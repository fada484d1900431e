//! # 2.5 Eigenvalues & eigenvectors — the stationary distribution of a Markov chain
//!
//! A Markov chain on n states moves from state i to state j with probability pᵢⱼ: row i of
//! the transition matrix P is a probability distribution (entries ≥ 0, summing to 1). A
//! distribution over the states is a ROW vector π, and one step of the chain maps it to
//! πP. A stationary distribution is left unchanged by a step: πP = π — a LEFT eigenvector
//! of P for eigenvalue 1, i.e. an ordinary (right) eigenvector of Pᵀ. Find it by solving
//! the linear system below (n − 1 of the equations (Pᵀ − I)π = 0 are independent; the last
//! one is replaced by the normalisation), rather than by iterating π ← πP, which never
//! settles for a periodic chain such as [[0, 1], [1, 0]].
//!
//! ```text
//! π P = π,   Σᵢ πᵢ = 1    ⇔    M π = (0, …, 0, 1)ᵀ
//! M = Pᵀ − I with its last row replaced by (1, 1, …, 1)
//! ```
//!
//! Solve M π = e by Gaussian elimination with partial pivoting. If some pivot is
//! (numerically) zero, |pivot| ≤ n·ε·max|mᵢⱼ|, the chain has several stationary
//! distributions (more than one closed class of states) and there is no single answer.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

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
    // TODO: validate P; build M = Pᵀ − I with its last row set to ones and e = (0, …, 0, 1);
    // solve M π = e by elimination with partial pivoting (Singular on a zero pivot).
    todo!()
}
