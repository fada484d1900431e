//! # 1.4 Random variables — a discrete random variable
//!
//! A discrete random variable X takes finitely many values xᵢ with probabilities pᵢ. Four
//! functions describe it. The probability mass function (pmf) is the probability of ONE
//! value; the cumulative distribution function (cdf) is the probability of being AT MOST
//! x, so it climbs from 0 to 1 in jumps of pmf(xᵢ) at each value. The same value may be
//! listed twice: its probabilities add up.
//!
//! ```text
//! pmf(x) = P(X = x) = Σ_{i : xᵢ = x} pᵢ
//! cdf(x) = P(X ≤ x) = Σ_{i : xᵢ ≤ x} pᵢ
//! E[X]   = Σᵢ pᵢ·xᵢ
//! Var(X) = Σᵢ pᵢ·(xᵢ − E[X])²   ( = E[X²] − E[X]², but centring first is more accurate)
//! ```
//!
//! `new` validates once (every pᵢ ≥ 0, |Σpᵢ − 1| ≤ 1e-9), so the other methods cannot fail.

use mathlings_stats::StatsError;

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
        // TODO: validate, then store the two vectors.
        todo!()
    }

    /// P(X = x): the sum of the probabilities of every entry equal to x (0 if there is none).
    pub fn pmf(&self, x: f64) -> f64 {
        // TODO: add up pᵢ over the i with xᵢ == x.
        todo!()
    }

    /// P(X ≤ x): the sum of the probabilities of every entry ≤ x.
    pub fn cdf(&self, x: f64) -> f64 {
        // TODO: add up pᵢ over the i with xᵢ <= x.
        todo!()
    }

    /// E[X] = Σ pᵢ·xᵢ.
    pub fn mean(&self) -> f64 {
        // TODO: the probability-weighted sum of the values.
        todo!()
    }

    /// Var(X) = Σ pᵢ·(xᵢ − E[X])².
    pub fn variance(&self) -> f64 {
        // TODO: compute the mean, then the weighted sum of squared deviations from it.
        todo!()
    }
}
