//! §1.4 Random variables: a discrete random variable, Simpson's rule for integrating a
//! density, and the empirical cdf of a sample.

use crate::StatsError;
use crate::summation::neumaier_sum;
use crate::validate;

/// A discrete random variable: finitely many values, each with its probability.
///
/// # Formula
/// ```text
/// P(X = xᵢ) = pᵢ,   pᵢ ≥ 0,   Σ pᵢ = 1
/// ```
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{DiscreteRandomVariable, StatsError};
/// // A fair die.
/// let die = DiscreteRandomVariable::new(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], vec![1.0 / 6.0; 6])?;
/// assert_relative_eq!(die.pmf(3.0), 1.0 / 6.0);
/// assert_relative_eq!(die.mean(), 3.5, max_relative = 1e-14);
/// assert_relative_eq!(die.variance(), 35.0 / 12.0, max_relative = 1e-14);
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DiscreteRandomVariable {
    values: Vec<f64>,
    probabilities: Vec<f64>,
}

impl DiscreteRandomVariable {
    /// Builds X with P(X = valuesᵢ) = probabilitiesᵢ (repeated values add up their probabilities).
    ///
    /// # Formula
    /// ```text
    /// pᵢ ≥ 0,   Σ pᵢ = 1
    /// ```
    /// where pᵢ = `probabilities[i]`; the sum must be 1 within 1e-9.
    ///
    /// # Errors
    /// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
    /// [`StatsError::InvalidProbabilities`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_stats::{DiscreteRandomVariable, StatsError};
    /// assert!(DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.7]).is_ok());
    /// assert_eq!(DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.3]),
    ///     Err(StatsError::InvalidProbabilities));
    /// ```
    pub fn new(values: Vec<f64>, probabilities: Vec<f64>) -> Result<Self, StatsError> {
        validate::finite_sample(&values)?;
        validate::same_length(values.len(), probabilities.len())?;
        validate::distribution(&probabilities)?;
        Ok(Self {
            values,
            probabilities,
        })
    }

    /// Probability mass function P(X = x).
    ///
    /// # Formula
    /// ```text
    /// p(x) = Σ_{i : xᵢ = x} pᵢ
    /// ```
    /// where xᵢ, pᵢ are the values and probabilities; p(x) = 0 for any other x.
    ///
    /// # Errors
    /// None (cannot fail once constructed).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::DiscreteRandomVariable;
    /// let x = DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.7]).unwrap();
    /// assert_relative_eq!(x.pmf(1.0), 0.7);
    /// assert_relative_eq!(x.pmf(0.5), 0.0);
    /// ```
    pub fn pmf(&self, x: f64) -> f64 {
        neumaier_sum(
            self.values
                .iter()
                .zip(&self.probabilities)
                .filter(|&(v, _)| *v == x)
                .map(|(_, p)| *p),
        )
    }

    /// Cumulative distribution function P(X ≤ x).
    ///
    /// # Formula
    /// ```text
    /// F(x) = Σ_{i : xᵢ ≤ x} pᵢ
    /// ```
    /// where xᵢ, pᵢ are the values and probabilities (clamped to [0, 1] against rounding).
    ///
    /// # Errors
    /// None (cannot fail once constructed).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::DiscreteRandomVariable;
    /// let x = DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.7]).unwrap();
    /// assert_relative_eq!(x.cdf(0.5), 0.3);
    /// assert_relative_eq!(x.cdf(-1.0), 0.0);
    /// ```
    pub fn cdf(&self, x: f64) -> f64 {
        neumaier_sum(
            self.values
                .iter()
                .zip(&self.probabilities)
                .filter(|&(v, _)| *v <= x)
                .map(|(_, p)| *p),
        )
        .clamp(0.0, 1.0)
    }

    /// Mean (expected value) E\[X\].
    ///
    /// # Formula
    /// ```text
    /// E[X] = Σ xᵢ pᵢ
    /// ```
    /// where xᵢ, pᵢ are the values and probabilities.
    ///
    /// # Errors
    /// None (cannot fail once constructed).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::DiscreteRandomVariable;
    /// let x = DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.7]).unwrap();
    /// assert_relative_eq!(x.mean(), 0.7);
    /// ```
    pub fn mean(&self) -> f64 {
        neumaier_sum(
            self.values
                .iter()
                .zip(&self.probabilities)
                .map(|(v, p)| v * p),
        )
    }

    /// Variance Var(X) = E\[(X − E\[X\])²\], computed from centred values (not E\[X²\] − E\[X\]²).
    ///
    /// # Formula
    /// ```text
    /// Var(X) = Σ pᵢ (xᵢ − μ)²
    /// ```
    /// where μ = E\[X\] and xᵢ, pᵢ are the values and probabilities.
    ///
    /// # Errors
    /// None (cannot fail once constructed).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::DiscreteRandomVariable;
    /// let x = DiscreteRandomVariable::new(vec![0.0, 1.0], vec![0.3, 0.7]).unwrap();
    /// assert_relative_eq!(x.variance(), 0.21, max_relative = 1e-15);
    /// ```
    pub fn variance(&self) -> f64 {
        let mu = self.mean();
        neumaier_sum(
            self.values
                .iter()
                .zip(&self.probabilities)
                .map(|(v, p)| p * (v - mu) * (v - mu)),
        )
    }
}

/// Composite Simpson's rule: ∫ₐᵇ f(x) dx with an even number of subintervals.
///
/// Exact for polynomials up to degree 3; the error falls like h⁴ as the intervals shrink.
///
/// # Formula
/// ```text
/// ∫ₐᵇ f ≈ (h/3) [f(x₀) + 4f(x₁) + 2f(x₂) + 4f(x₃) + … + 4f(xₙ₋₁) + f(xₙ)]
/// ```
/// where n = `intervals` (even), h = (b − a)/n and xᵢ = a + i·h.
///
/// # Errors
/// [`StatsError::NonFinite`] if a or b is NaN/±∞ or f returns a non-finite value,
/// [`StatsError::InvalidParameter`] if `intervals` is odd or smaller than 2.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{simpson, StatsError};
/// assert_relative_eq!(simpson(|x| x * x * x, 0.0, 2.0, 2).unwrap(), 4.0); // exact on cubics
/// assert!(matches!(simpson(|x| x, 0.0, 1.0, 3), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn simpson(
    f: impl Fn(f64) -> f64,
    a: f64,
    b: f64,
    intervals: usize,
) -> Result<f64, StatsError> {
    validate::finite(a)?;
    validate::finite(b)?;
    if intervals < 2 || !intervals.is_multiple_of(2) {
        return Err(StatsError::InvalidParameter {
            name: "intervals",
            reason: "must be even and at least 2",
        });
    }
    let h = (b - a) / intervals as f64;
    let mut terms = Vec::with_capacity(intervals + 1);
    for i in 0..=intervals {
        let x = if i == intervals { b } else { a + i as f64 * h };
        let weight = if i == 0 || i == intervals {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        let y = f(x);
        validate::finite(y)?;
        terms.push(weight * y);
    }
    Ok(h / 3.0 * neumaier_sum(terms))
}

/// Empirical cdf of a sample at x: the fraction of observations ≤ x.
///
/// # Formula
/// ```text
/// Fₙ(x) = #{i : xᵢ ≤ x} / n
/// ```
/// where x₁, …, xₙ is the sample.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`] for NaN/±∞ in the sample or x.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{empirical_cdf, StatsError};
/// assert_relative_eq!(empirical_cdf(&[3.0, 1.0, 2.0, 2.0], 2.0).unwrap(), 0.75);
/// assert_eq!(empirical_cdf(&[], 0.0), Err(StatsError::EmptyInput));
/// ```
pub fn empirical_cdf(sample: &[f64], x: f64) -> Result<f64, StatsError> {
    validate::finite_sample(sample)?;
    validate::finite(x)?;
    let count = sample.iter().filter(|&&v| v <= x).count();
    Ok(count as f64 / sample.len() as f64)
}
