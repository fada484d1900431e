//! Checks for 1.10 — a stable sigmoid and logistic regression by Newton/IRLS.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::ModelError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_10_logistic_regression::Impl;

/// σ agrees with the reference to a few ulps: both forms are accurate to ~2ε relative.
const SIGMOID: Tol = Tol {
    rel: 1e-14,
    abs: 1e-300,
};
/// Newton converges quadratically and both fits stop at a step ≤ 1e-10·(1 + ‖β‖∞); the MLE
/// is then known to ~1e-10 relative, so 1e-7 (relative to 1 + ‖β‖∞) leaves ample slack.
const AGREE: f64 = 1e-7;
/// ‖Aᵀ(y − p)‖∞ at the fit, relative to n·(1 + max|aᵢⱼ|): ~1e-10 after convergence; 1e-6
/// still rejects any β that is not a stationary point.
const GRADIENT: f64 = 1e-6;
/// Iris coefficients are stored to 6 significant digits (the fit is exact to ~10).
const DIGITS: usize = 6;

fn call(x: &DMatrix<f64>, y: &[bool], max_iter: usize) -> String {
    format!(
        "logistic_regression(&{}, {}, {max_iter})",
        show::matrix(x),
        show::slice(y)
    )
}

fn reference(x: &DMatrix<f64>, y: &[bool]) -> Result<Vec<f64>, ModelError> {
    let fit = mathlings_models::LogisticRegression::default().fit(x, y)?;
    let mut beta = vec![fit.intercept];
    beta.extend(fit.coefficients.iter());
    Ok(beta)
}

/// Overlapping two-class data: n ∈ 12..=30 rows, k ∈ 1..=2 features in [−3, 3], labels
/// drawn from a logistic model, kept only when the reference finds an MLE.
fn problem() -> impl Strategy<Value = (DMatrix<f64>, Vec<bool>)> + Clone {
    (1usize..=2, 12usize..=30)
        .prop_flat_map(|(k, n)| {
            (
                proptest::collection::vec(-3.0..3.0f64, n * k),
                proptest::collection::vec(0.0..1.0f64, n),
                proptest::collection::vec(-1.5..1.5f64, k + 1),
            )
                .prop_map(move |(v, u, b)| {
                    let x = DMatrix::from_row_slice(n, k, &v);
                    let y = (0..n)
                        .map(|i| {
                            let eta = b[0] + (0..k).map(|j| b[j + 1] * x[(i, j)]).sum::<f64>();
                            u[i] < mathlings_models::sigmoid(eta)
                        })
                        .collect::<Vec<bool>>();
                    (x, y)
                })
        })
        .prop_filter("the MLE exists", |(x, y)| reference(x, y).is_ok())
}

fn close_to(got: &Result<DVector<f64>, ModelError>, want: &[f64], rel: f64) -> Verdict {
    let scale = 1.0 + want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let got = got.clone().map(|b| b.iter().copied().collect::<Vec<f64>>());
    expect::all_close(
        &got,
        want,
        Tol {
            rel: 0.0,
            abs: rel * scale,
        },
    )
}

fn show_beta(got: &Result<DVector<f64>, ModelError>) -> String {
    match got {
        Ok(b) => format!(
            "β = [{}]",
            b.iter()
                .map(|v| show::rounded(*v, DIGITS))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Err(e) => format!("{e:?}"),
    }
}

fn separable() -> (DMatrix<f64>, Vec<bool>) {
    (
        DMatrix::from_row_slice(6, 1, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        vec![false, false, false, true, true, true],
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_10_logistic_regression",
        properties: vec![
            Property {
                id: "sigmoid_stable",
                description: "σ(z) is a number in [0, 1] for every z, also ±1000 and ±1e300 (no NaN), with σ(0) = ½ and σ(−z) = 1 − σ(z)",
                weight: 2,
                check: |imp, ctx| {
                    for z in [1000.0, -1000.0, 1e300, -1e300, 710.0, -710.0, 0.0] {
                        ctx.once(&format!("sigmoid({})", show::float(z)), || {
                            let want = mathlings_models::sigmoid(z);
                            plain_close((imp.sigmoid)(z), want, SIGMOID)
                        })?;
                    }
                    ctx.forall(
                        -40.0..40.0f64,
                        |z| {
                            format!(
                                "sigmoid({}) + sigmoid({})",
                                show::float(*z),
                                show::float(-z)
                            )
                        },
                        |z| {
                            let s = (imp.sigmoid)(*z) + (imp.sigmoid)(-z);
                            plain_close(
                                s,
                                1.0,
                                Tol {
                                    rel: 1e-15,
                                    abs: 2e-16,
                                },
                            )
                        },
                    )
                },
            },
            Property {
                id: "sigmoid_matches_reference",
                description: "σ(z) equals the reference 1/(1 + e⁻ᶻ) to 1e-14 relative, also far in the tails (|z| up to 700)",
                weight: 1,
                check: |imp, ctx| {
                    ctx.forall(
                        prop_oneof![-40.0..40.0f64, -700.0..700.0f64],
                        |z| format!("sigmoid({})", show::float(*z)),
                        |z| plain_close((imp.sigmoid)(*z), mathlings_models::sigmoid(*z), SIGMOID),
                    )
                },
            },
            Property {
                id: "matches_reference",
                description: "the coefficients (intercept first) equal the reference maximum-likelihood fit (to 1e-7 relative)",
                weight: 3,
                check: |imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| call(x, y, 100),
                        |(x, y)| {
                            let want = reference(x, y).expect("filtered");
                            close_to(&(imp.logistic_regression)(x, y, 100), &want, AGREE)
                        },
                    )
                },
            },
            Property {
                id: "gradient_zero_at_fit",
                description: "at the returned β the log-likelihood is flat: Aᵀ(y − p) ≈ 0 (the fitted probabilities sum to the number of trues)",
                weight: 2,
                check: |imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| call(x, y, 100),
                        |(x, y)| {
                            let got = (imp.logistic_regression)(x, y, 100);
                            let Ok(beta) = &got else {
                                return expect::fail(show::outcome(&got), "Ok(β)");
                            };
                            let a = x.clone().insert_column(0, 1.0);
                            if beta.len() != a.ncols() {
                                return expect::fail(
                                    show::outcome(&got),
                                    format!("{} coefficients, the intercept first", a.ncols()),
                                );
                            }
                            let eta = &a * beta;
                            let r = DVector::from_fn(a.nrows(), |i, _| {
                                f64::from(u8::from(y[i])) - mathlings_models::sigmoid(eta[i])
                            });
                            let g = a.transpose() * r;
                            let scale = a.nrows() as f64 * (1.0 + a.amax());
                            expect::that(
                                g.amax() <= GRADIENT * scale,
                                format!(
                                    "{} where max |Aᵀ(y − p)| = {}",
                                    show::outcome(&got),
                                    show::rounded(g.amax(), 3)
                                ),
                                "a β where the gradient vanishes",
                            )
                        },
                    )
                },
            },
            Property {
                id: "separation_reported",
                description: "perfectly separable classes (or a single class) give ModelError::PerfectSeparation instead of huge coefficients",
                weight: 2,
                check: |imp, ctx| {
                    let (x, y) = separable();
                    let x2 = DMatrix::from_row_slice(
                        6,
                        2,
                        &[0.0, 0.0, 1.0, 0.5, 0.5, 1.0, 3.0, 2.0, 2.5, 3.0, 4.0, 3.5],
                    );
                    let y2 = vec![false, false, false, true, true, true];
                    let one_class = vec![true; 6];
                    for (x, y) in [(&x, &y), (&x2, &y2), (&x, &one_class)] {
                        ctx.once(&call(x, y, 100), || {
                            expect_err!(
                                &(imp.logistic_regression)(x, y, 100),
                                ModelError::PerfectSeparation,
                                shown show::outcome
                            )
                        })?;
                    }
                    Ok(())
                },
            },
            Property {
                id: "rejects_bad_input",
                description: "max_iter = 0, an empty matrix, a label count ≠ rows or NaN/±∞ give the typed error, never a panic",
                weight: 1,
                check: |imp, ctx| {
                    let x = DMatrix::from_row_slice(4, 1, &[1.0, 2.0, 3.0, 4.0]);
                    let y = vec![false, true, false, true];
                    let empty = DMatrix::<f64>::zeros(0, 1);
                    let mut nan = x.clone();
                    nan[(1, 0)] = f64::NAN;
                    let mut inf = x.clone();
                    inf[(2, 0)] = f64::NEG_INFINITY;
                    rejects!(ctx, |x, y, m| call(x, y, m) => (imp.logistic_regression)(x, y, m), shown show::outcome;
                        (&x, &y, 0) => ModelError::InvalidParameter { name: "max_iter", .. },
                        (&empty, &[], 100) => ModelError::Empty,
                        (&x, &y[..3], 100) => ModelError::ShapeMismatch(_),
                        (&nan, &y, 100) => ModelError::NonFinite,
                        (&inf, &y, 100) => ModelError::NonFinite,
                    )
                },
            },
            Property {
                id: "iris_versicolor_virginica",
                description: "on Iris versicolor (false) vs virginica (true), all four measurements, the coefficients match the stored snapshot",
                weight: 2,
                check: |imp, ctx| {
                    let call = "logistic_regression(&iris.features[versicolor and virginica rows], &is_virginica, 100)";
                    ctx.once(call, || {
                        let (x, y) = iris_two_species();
                        let text =
                            format!("{}\n", show_beta(&(imp.logistic_regression)(&x, &y, 100)));
                        ctx.snapshot("iris", call, &text)
                    })
                },
            },
        ],
        misconceptions: vec![
            Misconception {
                id: "sigmoid_overflows",
                explanation: "Your sigmoid returns NaN for large z: it computes eᶻ/(1 + eᶻ), and at z = 1000 \
                    eᶻ overflows to ∞, so you divide ∞ by ∞. The two forms 1/(1 + e⁻ᶻ) and eᶻ/(1 + eᶻ) are \
                    equal in algebra; pick the one whose exponent is ≤ 0: 1/(1 + e⁻ᶻ) for z ≥ 0 and \
                    eᶻ/(1 + eᶻ) for z < 0.",
                implementation: Impl {
                    sigmoid: |z| z.exp() / (1.0 + z.exp()),
                    logistic_regression: correct_fit,
                },
            },
            Misconception {
                id: "separation_not_reported",
                explanation: "On separable data your fit returns (huge) coefficients instead of \
                    ModelError::PerfectSeparation. When a line puts every true on one side and every false \
                    on the other, the likelihood keeps rising as ‖β‖ → ∞: there is no maximum, and whatever \
                    β you stop at is arbitrary. After each Newton step, test whether every row is on its \
                    own side (ηᵢ > 0 exactly for the trues) and report the separation; also report when \
                    only one class is present.",
                implementation: Impl {
                    sigmoid: stable_sigmoid,
                    logistic_regression: |x, y, max_iter| newton(x, y, max_iter, false),
                },
            },
        ],
        probe: |imp| {
            let category = |z: f64| {
                let s = (imp.sigmoid)(z);
                if s.is_nan() {
                    "NaN".to_string()
                } else {
                    show::rounded(s, 6)
                }
            };
            let x = DMatrix::from_row_slice(6, 1, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
            let y = [false, false, true, false, true, true];
            let (sx, sy) = separable();
            let separated = match (imp.logistic_regression)(&sx, &sy, 100) {
                Err(ModelError::PerfectSeparation) => "separation reported".to_string(),
                Err(e) => format!("{e:?}"),
                Ok(_) => "coefficients returned".to_string(),
            };
            vec![
                category(1000.0),
                category(-1000.0),
                category(0.5),
                show_beta(&(imp.logistic_regression)(&x, &y, 100)),
                separated,
            ]
        },
    }
}

/// Iris rows 50..150: versicolor (false) and virginica (true).
pub(crate) fn iris_two_species() -> (DMatrix<f64>, Vec<bool>) {
    let iris = mathlings_models::datasets::iris();
    let rows: Vec<usize> = (0..150).filter(|&i| iris.species[i] != 0).collect();
    let x = DMatrix::from_fn(rows.len(), 4, |i, j| iris.features[(rows[i], j)]);
    let y = rows.iter().map(|&i| iris.species[i] == 2).collect();
    (x, y)
}

fn stable_sigmoid(z: f64) -> f64 {
    mathlings_models::sigmoid(z)
}

/// A correct fit (the overflowing sigmoid does not show on the moderate scores of a fit).
fn correct_fit(x: &DMatrix<f64>, y: &[bool], max_iter: usize) -> Result<DVector<f64>, ModelError> {
    newton(x, y, max_iter, true)
}

/// Plain Newton from β = 0; with `report` false it never reports separation and returns
/// whatever β it reached after `max_iter` steps.
fn newton(
    x: &DMatrix<f64>,
    y: &[bool],
    max_iter: usize,
    report: bool,
) -> Result<DVector<f64>, ModelError> {
    if max_iter == 0 {
        return Err(ModelError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        });
    }
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ModelError::Empty);
    }
    if y.len() != x.nrows() {
        return Err(ModelError::ShapeMismatch("labels".into()));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if report {
        return reference(x, y).map(DVector::from_vec);
    }
    let a = x.clone().insert_column(0, 1.0);
    let mut beta = DVector::zeros(a.ncols());
    for _ in 0..max_iter {
        let eta = &a * &beta;
        let p = eta.map(stable_sigmoid);
        let w = p.map(|v| v * (1.0 - v));
        let r = DVector::from_fn(a.nrows(), |i, _| f64::from(u8::from(y[i])) - p[i]);
        let g = a.transpose() * r;
        let h = a.transpose() * DMatrix::from_diagonal(&w) * &a;
        match h.lu().solve(&g) {
            Some(step) if step.iter().all(|v| v.is_finite()) => {
                beta += &step;
                if step.amax() <= 1e-10 * (1.0 + beta.amax()) {
                    break;
                }
            }
            _ => break,
        }
    }
    Ok(beta)
}

/// `got` (a plain f64, not a Result) within `tol` of `want`.
fn plain_close(got: f64, want: f64, tol: Tol) -> Verdict {
    expect::that(
        tol.accepts(got, want),
        show::float(got),
        format!(
            "{} (± {})",
            show::float(want),
            show::rounded(tol.abs + tol.rel * want.abs(), 2)
        ),
    )
}
