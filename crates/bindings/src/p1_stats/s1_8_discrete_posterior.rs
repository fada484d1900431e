//! The interface of 1.8 — the discrete posterior (Bayes' theorem).

use mathlings_types::StatsError;

/// A posterior distribution, or the typed error.
pub type Posterior = Result<Vec<f64>, StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `posterior(prior, likelihood)`: prior × likelihood / evidence.
    pub posterior: fn(&[f64], &[f64]) -> Posterior,
}
