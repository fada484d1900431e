//! # 1.7 Conditional probability — independence and the law of total probability
//!
//! X and Y are *independent* when knowing X tells you nothing about Y: every cell of their
//! joint table equals the product of its row and column marginals. Equal-looking marginals
//! prove nothing — two very different tables can share the same marginals — so the test
//! must look at every cell. With floating-point tables, "equal" means "within `tol`".
//!
//! ```text
//! independent  ⇔  |P(X = i, Y = j) − P(X = i)·P(Y = j)| ≤ tol   for every cell (i, j)
//! ```
//!
//! The *law of total probability* rebuilds the probability of an event A from how likely
//! it is in each case Bᵢ of a partition, weighted by how likely each case is:
//!
//! ```text
//! P(A) = Σᵢ P(A | Bᵢ) · P(Bᵢ)
//! ```
//!
//! A table is valid when it has at least one row and one column, all rows have the same
//! length, every cell is finite and ≥ 0, and the cells sum to 1 within 1e-9.

use mathlings_stats::StatsError;

/// Returns whether X and Y are independent under the joint table
/// `table[i][j] = P(X = i, Y = j)`: every cell within `tol` (absolute) of P(X = i)·P(Y = j).
///
/// # Errors
/// - `StatsError::EmptyInput` when the table has no rows or its first row is empty;
/// - `StatsError::LengthMismatch { left, right }` when a row's length `right` differs from the
///   first row's length `left`;
/// - `StatsError::NonFinite` when a cell is NaN or ±∞;
/// - `StatsError::InvalidProbabilities` when a cell is negative or the cells do not sum to 1
///   (within 1e-9);
/// - `StatsError::InvalidParameter { name: "tol", .. }` when `tol` is NaN, infinite or negative.
pub fn is_independent(table: &[Vec<f64>], tol: f64) -> Result<bool, StatsError> {
    // TODO: validate, compute both marginals, then compare every cell with P(X = i)·P(Y = j).
    todo!()
}

/// Returns P(A) = Σᵢ P(A | Bᵢ)·P(Bᵢ) from `conditionals[i] = P(A | Bᵢ)` and
/// `priors[i] = P(Bᵢ)` of a partition B₁, …, Bₖ.
///
/// # Errors
/// - `StatsError::EmptyInput` when either slice is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = conditionals.len()`, `right = priors.len()`);
/// - `StatsError::InvalidProbabilities` when the priors are negative or do not sum to 1
///   (within 1e-9), or a conditional lies outside [0, 1].
pub fn total_probability(conditionals: &[f64], priors: &[f64]) -> Result<f64, StatsError> {
    // TODO: validate, then sum P(A | Bᵢ)·P(Bᵢ).
    todo!()
}
