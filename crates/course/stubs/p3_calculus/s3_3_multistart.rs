//! # 3.3 Optimization — multi-start search for a global minimum
//!
//! A local method (gradient descent, Newton) finds the bottom of the basin it starts in; on a
//! non-convex function that may be a poor local minimum. The simplest global strategy: run the
//! local method from several starting points and keep the best result — the one with the lowest
//! f. It can never do worse than any single one of the starts, and with starts spread over the
//! region it finds the global basin with high probability.
//!
//! ```text
//! xᵣ = local(startᵣ)          for every start r (skip runs that fail or end where f is NaN/±∞)
//! best = argmin over those runs of f(xᵣ)     (ties: keep the earliest start)
//! ```
//!
//! Not the last run, not the first: compare the values. A failing run (the local method
//! returns an error) is skipped, not fatal — only when every run fails is the search an error.

use mathlings_calculus::CalculusError;

/// Runs `local` from every start and returns the best point found and f there.
///
/// # Errors
/// - `CalculusError::Empty` if there are no starts;
/// - if no run succeeds: the first failure in start order — the local method's error, or
///   `CalculusError::NonFinite` for a run that ended where f is NaN or ±∞.
pub fn multi_start(
    f: fn(&[f64]) -> f64,
    local: fn(&[f64]) -> Result<Vec<f64>, CalculusError>,
    starts: &[Vec<f64>],
) -> Result<(Vec<f64>, f64), CalculusError> {
    // TODO: for each start run `local`; keep the successful run with the lowest finite f
    // (remember the first failure), and return (x, f(x)) of the best.
    todo!()
}
