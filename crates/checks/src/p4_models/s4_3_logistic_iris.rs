//! Checks for 4.3 — a logistic-regression pipeline on Iris: probabilities, decision rule,
//! confusion matrix and held-out deviance.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::ModelError;

use crate::prelude::*;
use nalgebra::{dmatrix, dvector};

use mathlings_bindings::p4_models::s4_3_logistic_iris::Confusion;
pub use mathlings_bindings::p4_models::s4_3_logistic_iris::Impl;

/// σ is accurate to a few ulps in either stable form; η itself carries ~k·ε·|terms|.
const PROBA: Tol = Tol { rel: 1e-12, abs: 1e-15 };
/// The deviance sums ≤ 30 terms each accurate to a few ulps of |η| ≤ 100.
const DEVIANCE: Tol = Tol { rel: 1e-10, abs: 1e-10 };
/// Agreement with the reference fit's own −2ℓ on Iris (both sum 80 softplus terms).
const IRIS_DEVIANCE: Tol = Tol { rel: 1e-9, abs: 1e-9 };

fn args(beta: &DVector<f64>, x: &DMatrix<f64>) -> String {
    format!("&{}, &{}", show::vector(beta), show::matrix(x))
}

/// `name(&β, &x, &y)` as Rust.
fn call(name: &str, beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> String {
    format!("{name}({}, {})", args(beta, x), show::slice(y))
}

/// The learner's deviance within [`DEVIANCE`] of the reference's.
fn deviance_close(imp: &Impl, beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> Verdict {
    expect::close(&(imp.deviance)(beta, x, y), reference_deviance(beta, x, y), DEVIANCE)
}

fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

fn eta(beta: &DVector<f64>, x: &DMatrix<f64>) -> DVector<f64> {
    (x * beta.rows(1, x.ncols())).add_scalar(beta[0])
}

fn reference_deviance(beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> f64 {
    let eta = eta(beta, x);
    2.0 * eta.iter().zip(y).map(|(&z, &t)| softplus(z) - if t { z } else { 0.0 }).sum::<f64>()
}

/// β, x and labels.
type Problem = (DVector<f64>, DMatrix<f64>, Vec<bool>);

/// β (k + 1 values in [−3, 3]), x (n ∈ 1..=20 rows, k ∈ 1..=3 columns in [−10, 10]) and labels.
fn problem() -> impl Strategy<Value = Problem> + Clone {
    (1usize..=3, 1usize..=20).prop_flat_map(|(k, n)| {
        (
            proptest::collection::vec(-3.0..3.0f64, k + 1).prop_map(DVector::from_vec),
            strategies::matrix(n, k),
            proptest::collection::vec(proptest::bool::ANY, n),
        )
    })
}

/// Iris versicolor (false) / virginica (true); every fifth row held out.
fn iris_split() -> ((DMatrix<f64>, Vec<bool>), (DMatrix<f64>, Vec<bool>)) {
    let (x, y) = crate::p1_stats::s1_10_logistic_regression::iris_two_species();
    let pick = |keep: fn(usize) -> bool| {
        let rows: Vec<usize> = (0..y.len()).filter(|&r| keep(r)).collect();
        (x.select_rows(&rows), rows.iter().map(|&r| y[r]).collect())
    };
    (pick(|r| r % 5 != 0), pick(|r| r % 5 == 0))
}

fn iris_fit(x: &DMatrix<f64>, y: &[bool]) -> (DVector<f64>, f64) {
    let fit = mathlings_models::LogisticRegression::default()
        .fit(x, y)
        .expect("reference fit on the Iris training rows");
    (fit.coefficients.insert_row(0, fit.intercept), fit.log_likelihood)
}

fn show_confusion(c: &Result<Confusion, ModelError>) -> String {
    show::ok_or_debug(c, |m| format!("{m:?}"))
}

fn confusion_is(got: &Result<Confusion, ModelError>, want: Confusion) -> Verdict {
    expect::that(
        got.as_ref().is_ok_and(|g| *g == want),
        show_confusion(got),
        format!("Ok({want:?})"),
    )
}

fn reference_confusion(beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> Confusion {
    let actual: Vec<usize> = y.iter().map(|&t| usize::from(t)).collect();
    let predicted: Vec<usize> = eta(beta, x).iter().map(|&z| usize::from(z >= 0.0)).collect();
    let m =
        mathlings_models::confusion_matrix(&actual, &predicted, 2).expect("reference confusion");
    [[m[0][0], m[0][1]], [m[1][0], m[1][1]]]
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_3_logistic_iris",
        properties: vec![
            Property::named("probabilities_match_reference", 2)
                .description("predict_proba equals σ(β₀ + xᵢᵀβ) (reference sigmoid) for every row, each in [0, 1]")
                .check(|imp, ctx| {
                    let call = |(b, x, _): &Problem| format!("predict_proba({})", args(b, x));
                    ctx.forall(problem(), call, |(b, x, _)| {
                        let want: Vec<f64> = eta(b, x).map(mathlings_models::sigmoid).as_slice().to_vec();
                        let got = (imp.predict_proba)(b, x).map(|p| p.as_slice().to_vec());
                        expect::all_close(&got, &want, PROBA)
                    })
                }),
            Property::named("deviance_matches_reference", 2)
                .description("deviance equals −2ℓ(β) = 2Σ[ln(1 + e^ηᵢ) − yᵢηᵢ] on random data, and −2 × the reference fit's log-likelihood on the Iris training rows")
                .check(|imp, ctx| {
                    ctx.forall(problem(), |(b, x, y)| call("deviance", b, x, y), |(b, x, y)| {
                        deviance_close(imp, b, x, y)
                    })?;
                    let ((x, y), _) = iris_split();
                    let (beta, log_likelihood) = iris_fit(&x, &y);
                    let want = -2.0 * log_likelihood;
                    let b = show::vector(&beta);
                    let call = format!("deviance(&β̂, &iris_train_x, &iris_train_y) with β̂ = {b}");
                    ctx.once(&call, || {
                        expect::close(&(imp.deviance)(&beta, &x, &y), want, IRIS_DEVIANCE)
                    })
                }),
            Property::named("deviance_finite_at_extreme_scores", 2)
                .description("confidently wrong predictions (scores ±800) give a large but finite deviance (2 × 800 per wrong row), never ∞ or NaN")
                .check(|imp, ctx| {
                    let beta = dvector![0.0, 400.0];
                    let x = dmatrix![-2.0; -1.0; 1.0; 2.0];
                    let y = [true, false, true, false];
                    ctx.once(&call("deviance", &beta, &x, &y), || {
                        deviance_close(imp, &beta, &x, &y)
                    })
                }),
            Property::named("confusion_matrix_counts", 2)
                .description("the confusion matrix counts rows by (actual, predicted) with predicted true ⇔ β₀ + xᵢᵀβ ≥ 0; its entries sum to n")
                .check(|imp, ctx| {
                    ctx.forall(problem(), |(b, x, y)| call("confusion_matrix", b, x, y), |(b, x, y)| {
                        confusion_is(&(imp.confusion_matrix)(b, x, y), reference_confusion(b, x, y))
                    })
                }),
            Property::named("score_zero_predicts_true", 1)
                .description("a row exactly on the decision boundary (η = 0, p = ½) is predicted true: β = 0 predicts true everywhere, β = (−2, 1) on x = 2, 3, 1 predicts true, true, false")
                .check(|imp, ctx| {
                    // η is exactly 0 here in any summation order (0·x, and −2 + 1·2), so the
                    // documented rule "true ⇔ η ≥ 0" decides, not rounding.
                    let x = dmatrix![2.0; 3.0; 1.0];
                    let y = [false, true, false];
                    let cases = [
                        (dvector![0.0, 0.0], [[0, 2], [0, 1]]),
                        (dvector![-2.0, 1.0], [[1, 1], [0, 1]]),
                    ];
                    cases.iter().try_for_each(|(beta, want)| {
                        ctx.once(&call("confusion_matrix", beta, &x, &y), || {
                            confusion_is(&(imp.confusion_matrix)(beta, &x, &y), *want)
                        })
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty matrix, a β of the wrong length, a label count ≠ rows or NaN/±∞ give the typed error, never a panic")
                .check(|imp, ctx| {
                    let beta = dvector![0.5, 1.0];
                    let x = dmatrix![1.0; 2.0; 3.0];
                    let y = [true, false, true];
                    let empty = DMatrix::<f64>::zeros(0, 1);
                    let long = dvector![0.5, 1.0, 2.0];
                    let mut nan = x.clone();
                    nan[(1, 0)] = f64::NAN;
                    let inf = dvector![f64::INFINITY, 1.0];
                    // One case: deviance and confusion_matrix, then predict_proba when the
                    // labels fit the rows.
                    macro_rules! case {
                        ($b:expr, $x:expr, $y:expr => $error:pat) => {
                            rejects!(ctx, |b, x, y| call("deviance", b, x, y)
                                => (imp.deviance)(b, x, y); ($b, $x, $y) => $error)?;
                            rejects!(ctx, |b, x, y| call("confusion_matrix", b, x, y)
                                => (imp.confusion_matrix)(b, x, y); ($b, $x, $y) => $error)?;
                            let (y, x): (&[bool], &DMatrix<f64>) = ($y, $x);
                            if y.len() == x.nrows() {
                                rejects!(ctx, |b, x| format!("predict_proba({})", args(b, x))
                                    => (imp.predict_proba)(b, x), shown show::outcome; ($b, $x) => $error)?;
                            }
                        };
                    }
                    case!(&beta, &empty, &[] => ModelError::Empty);
                    case!(&long, &x, &y => ModelError::ShapeMismatch(_));
                    case!(&beta, &x, &y[..2] => ModelError::ShapeMismatch(_));
                    case!(&beta, &nan, &y => ModelError::NonFinite);
                    case!(&inf, &x, &y => ModelError::NonFinite);
                    Ok(())
                }),
            Property::named("iris_holdout", 2)
                .description("fitted on 80 Iris versicolor/virginica rows, the 20 held-out rows get the stored probabilities, confusion matrix and deviance")
                .check(|imp, ctx| {
                    let call = "predict_proba / confusion_matrix / deviance on the held-out Iris rows (every 5th versicolor/virginica row), β̂ fitted on the other 80";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let ((train_x, train_y), (test_x, test_y)) = iris_split();
                        let (beta, _) = iris_fit(&train_x, &train_y);
                        let probabilities = show::ok_or_debug(&(imp.predict_proba)(&beta, &test_x), |p| show::rounded_all(p.iter(), 5));
                        format!(
                            "β̂ (train) = [{}]\nheld-out P(virginica) = [{}]\nheld-out confusion = {}\ntraining confusion = {}\nheld-out deviance = {}\n",
                            show::rounded_all(beta.iter(), 6),
                            probabilities,
                            show_confusion(&(imp.confusion_matrix)(&beta, &test_x, &test_y)),
                            show_confusion(&(imp.confusion_matrix)(&beta, &train_x, &train_y)),
                            show::ok_or_debug(&(imp.deviance)(&beta, &test_x, &test_y), |d| show::rounded(*d, 6)),
                        )
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("log_of_probabilities")
                .explanation("Your deviance is ∞ (or NaN) when the model is confidently wrong: it computes \
                    ln(pᵢ) and ln(1 − pᵢ) from the probabilities, and at η = 800 p rounds to exactly 1, so \
                    ln(1 − p) = ln 0 = −∞. Work with the scores: −ln pᵢ = ln(1 + e^−ηᵢ) and \
                    −ln(1 − pᵢ) = ln(1 + e^ηᵢ), with ln(1 + eᶻ) = max(z, 0) + ln_1p(e^−|z|).")
                .implementation(Impl {
                    deviance: |beta, x, y| {
                        let p = validate(beta, x, Some(y))?.map(mathlings_models::sigmoid);
                        let ln = |(&p, &t): (&f64, &bool)| if t { p.ln() } else { (1.0 - p).ln() };
                        Ok(-2.0 * p.iter().zip(y).map(ln).sum::<f64>())
                    },
                    ..RIGHT
                }),
            Misconception::named("confusion_transposed")
                .explanation("Your confusion matrix is transposed: rows should be the *actual* label and columns \
                    the *predicted* one, [[TN, FP], [FN, TP]]. Count matrix[actual as usize][predicted as usize].")
                .implementation(Impl {
                    confusion_matrix: |beta, x, y| {
                        let m = (RIGHT.confusion_matrix)(beta, x, y)?;
                        Ok([[m[0][0], m[1][0]], [m[0][1], m[1][1]]])
                    },
                    ..RIGHT
                }),
            Misconception::named("intercept_ignored")
                .explanation("Your scores ignore the intercept (or treat β₀ as the coefficient of the first column). \
                    β holds the intercept first: ηᵢ = β[0] + Σⱼ β[j + 1]·xᵢⱼ.")
                .implementation(Impl {
                    predict_proba: |beta, x| {
                        validate(beta, x, None)?;
                        Ok((x * beta.rows(1, x.ncols())).map(mathlings_models::sigmoid))
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let beta = dvector![-1.0, 2.0];
            let x = dmatrix![0.0; 0.25; 1.0; 2.0];
            let y = [false, true, true, true];
            let extreme = dvector![0.0, 400.0];
            let ex = dmatrix![-2.0; 2.0];
            let finite = show::ok_or_debug(&(imp.deviance)(&extreme, &ex, &[true, false]), |d| {
                if d.is_finite() { "finite" } else { "infinite" }.to_string()
            });
            vec![
                show::ok_or_debug(&(imp.predict_proba)(&beta, &x), |p| show::rounded_all(p.iter(), 6)),
                show::float_result(&(imp.deviance)(&beta, &x, &y).map(|d| (d * 1e6).round() / 1e6)),
                show_confusion(&(imp.confusion_matrix)(&beta, &x, &y)),
                finite,
            ]
        },
    }
}

fn validate(
    beta: &DVector<f64>,
    x: &DMatrix<f64>,
    y: Option<&[bool]>,
) -> Result<DVector<f64>, ModelError> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ModelError::Empty);
    }
    if beta.len() != x.ncols() + 1 || y.is_some_and(|y| y.len() != x.nrows()) {
        return Err(ModelError::ShapeMismatch("shapes".into()));
    }
    if beta.iter().chain(x.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok(eta(beta, x))
}

/// The reference implementation, validated like the exercise's.
const RIGHT: Impl = Impl {
    predict_proba: |beta, x| Ok(validate(beta, x, None)?.map(mathlings_models::sigmoid)),
    deviance: |beta, x, y| validate(beta, x, Some(y)).map(|_| reference_deviance(beta, x, y)),
    confusion_matrix: |beta, x, y| {
        validate(beta, x, Some(y)).map(|_| reference_confusion(beta, x, y))
    },
};
