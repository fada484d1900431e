//! # 1.4 Random variables — a discrete random variable
//!
//! Validated once in `new`; pmf and cdf add up the probabilities of the matching entries.
//!
//! ```text
//! pmf(x) = Σ_{xᵢ = x} pᵢ,   cdf(x) = Σ_{xᵢ ≤ x} pᵢ,   Var(X) = Σ pᵢ (xᵢ − E[X])²
//! ```

use mathlings_stats::StatsError;

/// How far the probabilities may sum from 1 and still be accepted (rounding in their sum).
const SUM_TOLERANCE: f64 = 1e-9;

/// A discrete random variable: P(X = `values[i]`) = `probabilities[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscreteRandomVariable {
    values: Vec<f64>,
    probabilities: Vec<f64>,
}

impl DiscreteRandomVariable {
    /// Builds X from its values and their probabilities.
    ///
    /// # Errors
    /// - `StatsError::EmptyInput` when `values` is empty;
    /// - `StatsError::NonFinite` when a value or a probability is NaN or ±∞;
    /// - `StatsError::LengthMismatch { left, right }` when the lengths differ
    ///   (`left` = number of values, `right` = number of probabilities);
    /// - `StatsError::InvalidProbabilities` when a probability is negative or they do not
    ///   sum to 1 within 1e-9.
    pub fn new(values: Vec<f64>, probabilities: Vec<f64>) -> Result<Self, StatsError> {
        if values.is_empty() {
            return Err(StatsError::EmptyInput);
        }
        if values.iter().chain(&probabilities).any(|v| !v.is_finite()) {
            return Err(StatsError::NonFinite);
        }
        if values.len() != probabilities.len() {
            return Err(StatsError::LengthMismatch {
                left: values.len(),
                right: probabilities.len(),
            });
        }
        let total: f64 = probabilities.iter().sum();
        if probabilities.iter().any(|&p| p < 0.0) || (total - 1.0).abs() > SUM_TOLERANCE {
            return Err(StatsError::InvalidProbabilities);
        }
        Ok(Self {
            values,
            probabilities,
        })
    }

    /// The probabilities of the entries whose value satisfies `keep`, added up.
    fn total_where(&self, keep: impl Fn(f64) -> bool) -> f64 {
        self.values
            .iter()
            .zip(&self.probabilities)
            .filter(|&(&v, _)| keep(v))
            .map(|(_, p)| p)
            .sum()
    }

    /// P(X = x): the sum of the probabilities of every entry equal to x (0 if there is none).
    pub fn pmf(&self, x: f64) -> f64 {
        self.total_where(|v| v == x)
    }

    /// P(X ≤ x): the sum of the probabilities of every entry ≤ x.
    pub fn cdf(&self, x: f64) -> f64 {
        // Rounding in the sum must not push a probability above 1.
        self.total_where(|v| v <= x).min(1.0)
    }

    /// E[X] = Σ pᵢ·xᵢ.
    pub fn mean(&self) -> f64 {
        self.values
            .iter()
            .zip(&self.probabilities)
            .map(|(x, p)| p * x)
            .sum()
    }

    /// Var(X) = Σ pᵢ·(xᵢ − E[X])².
    pub fn variance(&self) -> f64 {
        let mu = self.mean();
        self.values
            .iter()
            .zip(&self.probabilities)
            .map(|(x, p)| p * (x - mu) * (x - mu))
            .sum()
    }
}
