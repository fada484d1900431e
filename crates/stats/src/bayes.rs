//! §1.8 Bayes' theorem: discrete posteriors, the diagnostic-test problem, and the conjugate
//! Beta–Binomial update with its credible interval.

use crate::StatsError;
use crate::special::beta_quantile;
use crate::summation::neumaier_sum;
use crate::validate;

/// Posterior over a finite set of hypotheses: prior × likelihood, normalised by the evidence.
///
/// # Formula
/// ```text
/// P(Hᵢ | D) = P(D | Hᵢ) P(Hᵢ) / Σⱼ P(D | Hⱼ) P(Hⱼ)
/// ```
/// where P(Hᵢ) is the prior, P(D | Hᵢ) the likelihood of the data under hypothesis i, and the
/// denominator is the evidence P(D).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
/// [`StatsError::InvalidProbabilities`] if the prior is not a distribution or a likelihood is
/// negative, [`StatsError::ZeroProbabilityEvent`] if the evidence is 0.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{discrete_posterior, StatsError};
/// let post = discrete_posterior(&[0.5, 0.5], &[0.8, 0.2]).unwrap();
/// assert_relative_eq!(post[0], 0.8, max_relative = 1e-15);
/// assert_eq!(discrete_posterior(&[1.0, 0.0], &[0.0, 0.7]), Err(StatsError::ZeroProbabilityEvent));
/// ```
pub fn discrete_posterior(prior: &[f64], likelihood: &[f64]) -> Result<Vec<f64>, StatsError> {
    validate::distribution(prior)?;
    validate::finite_sample(likelihood)?;
    validate::same_length(prior.len(), likelihood.len())?;
    if likelihood.iter().any(|&l| l < 0.0) {
        return Err(StatsError::InvalidProbabilities);
    }
    let joint: Vec<f64> = prior.iter().zip(likelihood).map(|(p, l)| p * l).collect();
    let evidence = neumaier_sum(joint.iter().copied());
    if evidence <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(joint.iter().map(|j| j / evidence).collect())
}

/// P(disease | positive test) from prevalence, sensitivity and specificity (the base-rate problem).
///
/// # Formula
/// ```text
/// P(D | +) = sens · prev / (sens · prev + (1 − spec)(1 − prev))
/// ```
/// where prev = P(D), sens = P(+ | D) and spec = P(− | not D).
///
/// # Errors
/// [`StatsError::InvalidParameter`] if any argument is NaN or outside [0, 1],
/// [`StatsError::ZeroProbabilityEvent`] if a positive test is impossible (P(+) = 0).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{diagnostic_posterior, StatsError};
/// // 1% prevalence, 99% sensitive, 95% specific: a positive test means only ≈ 16.7%.
/// assert_relative_eq!(diagnostic_posterior(0.01, 0.99, 0.95).unwrap(), 0.0099 / 0.0594, max_relative = 1e-14);
/// assert!(matches!(diagnostic_posterior(0.01, 1.2, 0.95), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn diagnostic_posterior(
    prevalence: f64,
    sensitivity: f64,
    specificity: f64,
) -> Result<f64, StatsError> {
    validate::unit_interval(prevalence, "prevalence")?;
    validate::unit_interval(sensitivity, "sensitivity")?;
    validate::unit_interval(specificity, "specificity")?;
    let true_positive = sensitivity * prevalence;
    let false_positive = (1.0 - specificity) * (1.0 - prevalence);
    let evidence = true_positive + false_positive;
    if evidence <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(true_positive / evidence)
}

/// A Beta(α, β) posterior for a success probability.
///
/// # Formula
/// ```text
/// p(θ | data) ∝ θ^(α − 1) (1 − θ)^(β − 1)
/// ```
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{beta_binomial_update, StatsError};
/// // Uniform Beta(1, 1) prior, then 7 successes and 3 failures.
/// let posterior = beta_binomial_update(1.0, 1.0, 7, 3)?;
/// assert_relative_eq!(posterior.alpha, 8.0);
/// assert_relative_eq!(posterior.beta, 4.0);
/// assert_relative_eq!(posterior.mean(), 8.0 / 12.0);
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetaPosterior {
    /// α: prior α plus the number of successes.
    pub alpha: f64,
    /// β: prior β plus the number of failures.
    pub beta: f64,
}

impl BetaPosterior {
    /// Posterior mean of the success probability.
    ///
    /// # Formula
    /// ```text
    /// E[θ] = α / (α + β)
    /// ```
    /// where α, β are the posterior parameters.
    ///
    /// # Errors
    /// None (NaN if the public fields were set to invalid values).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::BetaPosterior;
    /// assert_relative_eq!(BetaPosterior { alpha: 3.0, beta: 1.0 }.mean(), 0.75);
    /// ```
    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// Equal-tailed credible interval: the (1 − level)/2 and (1 + level)/2 quantiles of Beta(α, β).
    ///
    /// # Formula
    /// ```text
    /// [ I⁻¹((1 − L)/2; α, β),  I⁻¹((1 + L)/2; α, β) ]
    /// ```
    /// where I⁻¹ is the inverse regularized incomplete beta function ([`crate::beta_quantile`])
    /// and L = `level`.
    ///
    /// # Errors
    /// [`StatsError::InvalidParameter`] if `level` is not strictly between 0 and 1 or α, β are
    /// not finite and positive.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::{BetaPosterior, StatsError};
    /// let (lo, hi) = BetaPosterior { alpha: 1.0, beta: 1.0 }.credible_interval(0.9).unwrap();
    /// assert_relative_eq!(lo, 0.05, max_relative = 1e-12);
    /// assert_relative_eq!(hi, 0.95, max_relative = 1e-12);
    /// let bad = BetaPosterior { alpha: 1.0, beta: 1.0 }.credible_interval(0.0);
    /// assert!(matches!(bad, Err(StatsError::InvalidParameter { .. })));
    /// ```
    pub fn credible_interval(&self, level: f64) -> Result<(f64, f64), StatsError> {
        validate::level(level)?;
        let lower = beta_quantile((1.0 - level) / 2.0, self.alpha, self.beta)?;
        let upper = beta_quantile((1.0 + level) / 2.0, self.alpha, self.beta)?;
        Ok((lower, upper))
    }
}

/// Conjugate update of a Beta(α, β) prior after observing Bernoulli successes and failures.
///
/// # Formula
/// ```text
/// Beta(α, β)  →  Beta(α + successes, β + failures)
/// ```
/// where α, β > 0 are the prior parameters.
///
/// # Errors
/// [`StatsError::InvalidParameter`] if α or β is not finite and positive.
///
/// # Examples
/// ```
/// use mathlings_stats::{beta_binomial_update, BetaPosterior, StatsError};
/// assert_eq!(beta_binomial_update(1.0, 1.0, 7, 3).unwrap(), BetaPosterior { alpha: 8.0, beta: 4.0 });
/// assert!(matches!(beta_binomial_update(0.0, 1.0, 7, 3), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn beta_binomial_update(
    alpha: f64,
    beta: f64,
    successes: u64,
    failures: u64,
) -> Result<BetaPosterior, StatsError> {
    validate::positive(alpha, "alpha")?;
    validate::positive(beta, "beta")?;
    Ok(BetaPosterior {
        alpha: alpha + successes as f64,
        beta: beta + failures as f64,
    })
}
