//! # 1.7 Conditional probability — independence and the law of total probability
//!
//! Independence is a statement about every cell, not about the marginals:
//!
//! ```text
//! independent  ⇔  |P(X = i, Y = j) − P(X = i)·P(Y = j)| ≤ tol   for every cell (i, j)
//! P(A) = Σᵢ P(A | Bᵢ) · P(Bᵢ)
//! ```

use mathlings_stats::StatsError;

/// How far probabilities may sum from 1 and still form a distribution.
const SUM_TOLERANCE: f64 = 1e-9;

/// Checks that `table` is a joint distribution (rectangular, finite, ≥ 0, summing to 1).
fn validate_table(table: &[Vec<f64>]) -> Result<(), StatsError> {
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
    validate_distribution(&table.iter().flatten().copied().collect::<Vec<_>>())
}

/// Checks a probability vector: finite, ≥ 0, summing to 1.
fn validate_distribution(p: &[f64]) -> Result<(), StatsError> {
    if p.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if p.iter().any(|&v| v < 0.0) || (p.iter().sum::<f64>() - 1.0).abs() > SUM_TOLERANCE {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(())
}

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
    validate_table(table)?;
    if !(tol.is_finite() && tol >= 0.0) {
        return Err(StatsError::InvalidParameter {
            name: "tol",
            reason: "must be finite and ≥ 0",
        });
    }
    let p_x: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    let p_y: Vec<f64> = (0..table[0].len())
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    Ok(table.iter().zip(&p_x).all(|(row, px)| {
        row.iter()
            .zip(&p_y)
            .all(|(pxy, py)| (pxy - px * py).abs() <= tol)
    }))
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
    if conditionals.is_empty() || priors.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if conditionals.iter().chain(priors).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if conditionals.len() != priors.len() {
        return Err(StatsError::LengthMismatch {
            left: conditionals.len(),
            right: priors.len(),
        });
    }
    validate_distribution(priors)?;
    if conditionals.iter().any(|c| !(0.0..=1.0).contains(c)) {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(conditionals.iter().zip(priors).map(|(c, p)| c * p).sum())
}
