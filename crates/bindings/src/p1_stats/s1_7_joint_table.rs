//! The interface of 1.7 — marginals and conditionals of a joint probability table.

use mathlings_types::StatsError;

/// The marginals (P(X), P(Y)), or the typed error.
pub type Marginals = Result<(Vec<f64>, Vec<f64>), StatsError>;

/// A probability vector, or the typed error.
pub type Distribution = Result<Vec<f64>, StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `marginals(table)`: (row sums, column sums).
    pub marginals: fn(&[Vec<f64>]) -> Marginals,
    /// `conditional_y_given_x(table, x)`: row x divided by its total.
    pub conditional_y_given_x: fn(&[Vec<f64>], usize) -> Distribution,
}
