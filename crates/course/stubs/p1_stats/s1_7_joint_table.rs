//! # 1.7 Conditional probability — marginals and conditionals of a joint table
//!
//! Two discrete variables X and Y are described completely by their *joint table*
//! pᵢⱼ = P(X = i, Y = j): row i is the event X = i, column j the event Y = j, and all cells
//! together sum to 1. Summing out one variable gives the *marginal* of the other, and
//! dividing a row by its total gives the distribution of Y once you know that X = x.
//!
//! ```text
//! P(X = i) = Σⱼ pᵢⱼ            (row sums)
//! P(Y = j) = Σᵢ pᵢⱼ            (column sums)
//! P(Y = j | X = x) = pₓⱼ / P(X = x)      (row x, rescaled to sum to 1)
//! ```
//!
//! Mind the direction: P(Y | X = x) divides by the total of *row x*; dividing by the column
//! totals gives P(X = x | Y = j), a different quantity. Conditioning on an event of
//! probability zero (a row of zeros) is undefined: report it instead of dividing by 0.
//!
//! A table is valid when it has at least one row and one column, all rows have the same
//! length, every cell is finite and ≥ 0, and the cells sum to 1 within 1e-9.

use mathlings_stats::StatsError;

/// Returns the marginal distributions `(P(X), P(Y))` of the joint table
/// `table[i][j] = P(X = i, Y = j)`: the row sums and the column sums.
///
/// # Errors
/// - `StatsError::EmptyInput` when the table has no rows or its first row is empty;
/// - `StatsError::LengthMismatch { left, right }` when a row's length `right` differs from the
///   first row's length `left`;
/// - `StatsError::NonFinite` when a cell is NaN or ±∞;
/// - `StatsError::InvalidProbabilities` when a cell is negative or the cells do not sum to 1
///   (within 1e-9).
pub fn marginals(table: &[Vec<f64>]) -> Result<(Vec<f64>, Vec<f64>), StatsError> {
    // TODO: validate the table, then return (row sums, column sums).
    todo!()
}

/// Returns the conditional distribution of Y given X = x: `P(Y = j | X = x)` for every
/// column j.
///
/// # Errors
/// - the errors of [`marginals`] for an invalid table;
/// - `StatsError::InvalidParameter { name: "x", .. }` when `x` is not a row index;
/// - `StatsError::ZeroProbabilityEvent` when P(X = x) = 0.
pub fn conditional_y_given_x(table: &[Vec<f64>], x: usize) -> Result<Vec<f64>, StatsError> {
    // TODO: validate, find P(X = x) (the total of row x), reject 0, divide row x by it.
    todo!()
}
