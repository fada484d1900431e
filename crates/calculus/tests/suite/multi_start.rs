//! Multi-start search is never worse than any single start (each start's local result is
//! recomputed independently as the oracle), finds the global minimum of a tilted double well
//! when some start lies in its basin, and skips failed runs.

use crate::common::*;
use mathlings_calculus::{CalculusError, Minimization, gradient_descent, multi_start};
use proptest::prelude::*;

/// A tilted double well in x plus a bowl in y: global minimum near (−1.04, 0), a local one
/// near (0.96, 0).
fn f(p: &[f64]) -> f64 {
    (p[0] * p[0] - 1.0).powi(2) + 0.3 * p[0] + p[1] * p[1]
}

fn grad(p: &[f64]) -> Vec<f64> {
    vec![4.0 * p[0] * (p[0] * p[0] - 1.0) + 0.3, 2.0 * p[1]]
}

fn local(x0: &[f64]) -> Result<Minimization, CalculusError> {
    gradient_descent(grad, x0, 0.02, GRADIENT_TOL, 100_000)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn multi_start_is_never_worse_than_any_single_start(starts in prop::collection::vec(vector(2, 2.0), 1..=6)) {
        let best = multi_start(f, local, &starts).unwrap();
        prop_assert_eq!(best.value, f(&best.x));
        for start in &starts {
            if let Ok(single) = local(start) {
                prop_assert!(best.value <= f(&single.x));
            }
        }
    }
}

#[test]
fn multi_start_finds_the_global_minimum_with_a_start_in_its_basin() {
    let starts = vec![vec![2.0, 1.0], vec![0.5, -1.0], vec![-0.5, 0.5]];
    let best = multi_start(f, local, &starts).unwrap();
    assert!(best.x[0] < -1.0, "{:?}", best.x);
    // From the first two starts alone only the local minimum is found.
    let local_only = multi_start(f, local, &starts[..2]).unwrap();
    assert!(local_only.x[0] > 0.9 && local_only.value > best.value);
}

#[test]
fn failed_runs_are_skipped_and_all_failures_are_reported() {
    // GD with a huge learning rate diverges from x = 3 but stays at a start that is already
    // a minimizer.
    let diverging = |x0: &[f64]| gradient_descent(grad, x0, 10.0, GRADIENT_TOL, 1_000);
    let x_star = local(&[-2.0, 0.0]).unwrap().x;
    let best = multi_start(f, diverging, &[vec![3.0, 0.0], x_star.clone()]).unwrap();
    assert_eq!(best.x, x_star);
    assert!(matches!(
        multi_start(f, diverging, &[vec![3.0, 0.0]]),
        Err(CalculusError::NoConvergence { .. })
    ));
}
