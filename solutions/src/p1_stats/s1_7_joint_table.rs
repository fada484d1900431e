//! # 1.7 Conditional probability — marginals and conditionals of a joint table
//!
//! Rows are the values of X, columns the values of Y. Marginals sum a table out along one
//! axis; a conditional keeps one row and rescales it by the row's total.
//!
//! ```text
//! P(X = i) = Σⱼ pᵢⱼ,   P(Y = j) = Σᵢ pᵢⱼ,   P(Y = j | X = x) = pₓⱼ / P(X = x)
//! ```

use mathlings_stats::StatsError;

/// How far the cells may sum from 1 and still form a distribution.
const SUM_TOLERANCE: f64 = 1e-9;

/// Checks that `table` is a joint distribution (rectangular, finite, ≥ 0, summing to 1).
fn validate(table: &[Vec<f64>]) -> Result<(), StatsError> {
    let columns = table.first().map_or(0, Vec::len);
    if columns == 0 {
        return Err(StatsError::EmptyInput);
    }
    for row in table {
        if row.len() != columns {
            return Err(StatsError::LengthMismatch {
                left: columns,
                right: row.len(),
            });
        }
    }
    let cells = || table.iter().flatten().copied();
    if cells().any(|p| !p.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if cells().any(|p| p < 0.0) || (cells().sum::<f64>() - 1.0).abs() > SUM_TOLERANCE {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(())
}

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
    validate(table)?;
    let p_x = table.iter().map(|row| row.iter().sum()).collect();
    let p_y = (0..table[0].len())
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    Ok((p_x, p_y))
}

/// Returns the conditional distribution of Y given X = x: `P(Y = j | X = x)` for every
/// column j.
///
/// # Errors
/// - the errors of [`marginals`] for an invalid table;
/// - `StatsError::InvalidParameter { name: "x", .. }` when `x` is not a row index;
/// - `StatsError::ZeroProbabilityEvent` when P(X = x) = 0.
pub fn conditional_y_given_x(table: &[Vec<f64>], x: usize) -> Result<Vec<f64>, StatsError> {
    validate(table)?;
    let row = table.get(x).ok_or(StatsError::InvalidParameter {
        name: "x",
        reason: "row index out of range",
    })?;
    let p_x: f64 = row.iter().sum();
    if p_x <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(row.iter().map(|p| p / p_x).collect())
}
