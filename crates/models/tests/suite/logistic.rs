//! Logistic regression by IRLS/QR: statsmodels' Logit on Iris (independent
//! computation, pasted with provenance), an insta snapshot, separation detection, and
//! properties against a test-local Newton solver built on nalgebra's Cholesky.

use crate::common::*;
use mathlings_models::{LogisticRegression, ModelError, datasets, sigmoid};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// Iris rows of two species (features, is-second-species).
fn two_species(first: usize, second: usize) -> (DMatrix<f64>, Vec<bool>) {
    let iris = datasets::iris();
    let rows: Vec<usize> = (0..150)
        .filter(|&i| iris.species[i] == first || iris.species[i] == second)
        .collect();
    let x = DMatrix::from_fn(rows.len(), 4, |i, j| iris.features[(rows[i], j)]);
    let y = rows.iter().map(|&i| iris.species[i] == second).collect();
    (x, y)
}

// statsmodels 0.15.0 (numpy 2.4.6, Python 3.11), computed for this test with
//   import statsmodels.api as sm
//   res = sm.Logit(y, sm.add_constant(X)).fit(method="newton", tol=1e-14, maxiter=100)
// where X = the 100 versicolor + virginica rows of data/iris.csv (4 features, file
// order) and y = 1 for virginica. |score| ≤ 2e-16 at the solution; a run with
// tol=1e-10 converged in 12 steps and agrees to 3e-13 relative.
const STATSMODELS_PARAMS: [f64; 5] = [
    -42.6378038130215,
    -2.465220195186665,
    -6.680887014078495,
    9.429385153926573,
    18.28613688785081,
];
const STATSMODELS_BSE: [f64; 5] = [
    25.707660833172156,
    2.3943010185350126,
    4.479564566601258,
    4.73720770031787,
    9.7426121398282,
];
const STATSMODELS_LLF: f64 = -5.949273395679411;

#[test]
fn iris_versicolor_virginica_matches_statsmodels() {
    let (x, y) = two_species(1, 2);
    let fit = LogisticRegression::default().fit(&x, &y).unwrap();
    let estimates: Vec<f64> = std::iter::once(fit.intercept)
        .chain(fit.coefficients.iter().copied())
        .collect();
    let coefficient_digits = estimates
        .iter()
        .zip(STATSMODELS_PARAMS)
        .map(|(a, b)| lre(*a, b))
        .fold(f64::INFINITY, f64::min);
    let se_digits = fit
        .standard_errors
        .iter()
        .zip(STATSMODELS_BSE)
        .map(|(a, b)| lre(*a, b))
        .fold(f64::INFINITY, f64::min);
    let ll_digits = lre(fit.log_likelihood, STATSMODELS_LLF);
    eprintln!(
        "iris logit digits: coefficients {coefficient_digits:.1}, standard errors {se_digits:.1}, \
         log-likelihood {ll_digits:.1}, iterations {}",
        fit.iterations
    );
    assert!(coefficient_digits >= LOGISTIC_MIN_DIGITS);
    assert!(se_digits >= LOGISTIC_MIN_DIGITS);
    assert!(ll_digits >= LOGISTIC_MIN_DIGITS);
}

#[test]
fn iris_coefficients_snapshot() {
    let (x, y) = two_species(1, 2);
    let fit = LogisticRegression::default().fit(&x, &y).unwrap();
    let names = [
        "intercept",
        "sepal_length",
        "sepal_width",
        "petal_length",
        "petal_width",
    ];
    let estimates: Vec<f64> = std::iter::once(fit.intercept)
        .chain(fit.coefficients.iter().copied())
        .collect();
    let lines: Vec<String> = names
        .iter()
        .zip(estimates.iter().zip(fit.standard_errors.iter()))
        .map(|(name, (b, se))| format!("{name:13} {b:>12.6} (se {se:.6})"))
        .collect();
    insta::assert_snapshot!(
        "iris_versicolor_virginica_logit",
        format!(
            "{}\nlog-likelihood {:.6}",
            lines.join("\n"),
            fit.log_likelihood
        )
    );
}

#[test]
fn setosa_versicolor_is_perfectly_separable() {
    let (x, y) = two_species(0, 1);
    assert!(matches!(
        LogisticRegression::default().fit(&x, &y),
        Err(ModelError::PerfectSeparation)
    ));
}

#[test]
fn quasi_separated_data_is_not_silently_fitted() {
    // Classes touch at x = 2 (one point of each): quasi-complete separation, no MLE.
    let x = DMatrix::from_column_slice(6, 1, &[0.0, 1.0, 2.0, 2.0, 3.0, 4.0]);
    let y = [false, false, false, true, true, true];
    let result = LogisticRegression::default().fit(&x, &y);
    assert!(
        matches!(result, Err(ModelError::PerfectSeparation)),
        "{result:?}"
    );
}

/// Oracle: plain Newton on the normal equations XᵀWX Δ = Xᵀ(y − p) with nalgebra's
/// Cholesky (fine for these well-conditioned problems).
fn newton_oracle(x: &DMatrix<f64>, y: &[bool]) -> DVector<f64> {
    let design = x.clone().insert_column(0, 1.0);
    let mut beta = DVector::zeros(design.ncols());
    for _ in 0..100 {
        let eta = &design * &beta;
        let p = eta.map(sigmoid);
        let w = p.map(|pi| pi * (1.0 - pi));
        let gradient =
            design.transpose() * DVector::from_fn(y.len(), |i, _| f64::from(u8::from(y[i])) - p[i]);
        let mut hessian = design.transpose() * DMatrix::from_diagonal(&w) * &design;
        hessian.fill_upper_triangle_with_lower_triangle();
        let step = hessian.cholesky().unwrap().solve(&gradient);
        beta += &step;
        if step.amax() < 1e-13 * (1.0 + beta.amax()) {
            break;
        }
    }
    beta
}

/// Overlapping two-class data: labels drawn from the logistic model itself.
fn overlapping(n: usize, p: usize, seed: u64) -> (DMatrix<f64>, Vec<bool>) {
    let x = DMatrix::from_column_slice(n, p, gaussian_vector(n * p, seed).as_slice());
    let beta = gaussian_vector(p, seed ^ 11);
    let u =
        gaussian_vector(n, seed ^ 12).map(|g| mathlings_stats::normal_cdf(g, 0.0, 1.0).unwrap());
    let eta = &x * beta;
    let y = (0..n).map(|i| u[i] < sigmoid(eta[i])).collect();
    (x, y)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn agrees_with_cholesky_newton_and_zeroes_the_score(n in 40usize..80, p in 1usize..4, seed in any::<u64>()) {
        let (x, y) = overlapping(n, p, seed);
        let fit = match LogisticRegression::default().fit(&x, &y) {
            Err(ModelError::PerfectSeparation) => return Ok(()), // rare for n ≥ 40; nothing to compare
            other => other.unwrap(),
        };
        let oracle = newton_oracle(&x, &y);
        prop_assert!((fit.intercept - oracle[0]).abs() <= 1e-8 * oracle.amax().max(1.0));
        for j in 0..p {
            prop_assert!((fit.coefficients[j] - oracle[j + 1]).abs() <= 1e-8 * oracle.amax().max(1.0));
        }
        // Score equations Xᵀ(y − p) = 0 at the MLE.
        let proba = fit.predict_proba(&x).unwrap();
        let residual = DVector::from_fn(n, |i, _| f64::from(u8::from(y[i])) - proba[i]);
        prop_assert!(residual.sum().abs() <= 1e-8);
        for j in 0..p {
            prop_assert!(x.column(j).dot(&residual).abs() <= 1e-8);
        }
        // Probabilities, never NaN. Open (0, 1) holds only in exact arithmetic: in f64,
        // σ(η) rounds to exactly 1 once η > 36.7 (1 − σ(η) < ε/2), which a generated point
        // can reach (seen: n = 41, p = 3).
        prop_assert!(proba.iter().all(|&q| (0.0..=1.0).contains(&q)));
        prop_assert!(fit.log_likelihood < 0.0);
    }
}
