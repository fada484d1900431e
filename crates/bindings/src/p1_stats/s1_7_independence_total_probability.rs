//! The interface of 1.7 — independence test and the law of total probability.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `is_independent(table, tol)`: every cell within tol of P(X = i)·P(Y = j).
    pub is_independent: fn(&[Vec<f64>], f64) -> Result<bool, StatsError>,
    /// `total_probability(conditionals, priors)`: Σᵢ P(A | Bᵢ)·P(Bᵢ).
    pub total_probability: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
