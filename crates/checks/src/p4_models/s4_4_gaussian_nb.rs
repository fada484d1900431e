//! Checks for 4.4 — Gaussian naive Bayes (Bayes' theorem + maximum likelihood).
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::{
    FittedGaussianNaiveBayes, GaussianNaiveBayes, ModelError, confusion_matrix,
};

use crate::prelude::*;
use nalgebra::dmatrix;

pub use mathlings_bindings::p4_models::s4_4_gaussian_nb::Impl;
use mathlings_bindings::p4_models::s4_4_gaussian_nb::Model;

/// Means and variances of ≤ 30 values in [−10, 10]: both sides sum the same few terms,
/// agreeing to ~1e-14; 1e-10 relative leaves ample slack (an n − 1 variance differs by ≥ 3%).
const FIT: Tol = Tol { rel: 1e-10, abs: 1e-12 };
/// Log posteriors: sums of ≤ 400 terms of size ≤ 1e3, each to a few ulps: 1e-8 absolute.
const LOG_POSTERIOR: Tol = Tol { rel: 1e-10, abs: 1e-8 };

/// The reference model, without variance smoothing.
const REFERENCE: GaussianNaiveBayes = GaussianNaiveBayes { var_smoothing: 0.0 };

fn reference_model(x: &DMatrix<f64>, labels: &[usize]) -> FittedGaussianNaiveBayes {
    REFERENCE.fit(x, labels).expect("reference naive Bayes")
}

/// x (n ∈ 6..=30 rows, d ∈ 1..=3 features in [−10, 10]) with labels i mod k, k ∈ 2..=3,
/// no feature (nearly) constant within a class.
fn problem() -> impl Strategy<Value = (DMatrix<f64>, Vec<usize>)> + Clone {
    (1usize..=3, 6usize..=30, 2usize..=3)
        .prop_flat_map(|(d, n, k)| {
            (strategies::matrix(n, d), Just((0..n).map(|i| i % k).collect::<Vec<usize>>()))
        })
        .prop_filter("no feature constant within a class", |(x, labels)| {
            REFERENCE.fit(x, labels).is_ok_and(|m| m.variances.iter().all(|&v| v > 1e-6))
        })
}

fn fit_call(x: &DMatrix<f64>, labels: &[usize]) -> String {
    format!("fit_gaussian_nb(&{}, {})", show::matrix(x), show::slice(labels))
}

fn flatten(m: &Model) -> Vec<f64> {
    m.0.iter().chain(m.1.iter()).chain(m.2.iter()).copied().collect()
}

/// The learner's log posteriors of `x` under the parameters of `model`.
fn log_posterior(
    imp: &Impl,
    model: &FittedGaussianNaiveBayes,
    x: &DMatrix<f64>,
) -> Result<DMatrix<f64>, ModelError> {
    (imp.predict_log_proba)(&model.class_priors, &model.means, &model.variances, x)
}

/// The learner's log posteriors of `x` under `model`'s parameters equal the reference's.
fn log_proba_matches(imp: &Impl, model: &FittedGaussianNaiveBayes, x: &DMatrix<f64>) -> Verdict {
    let want = model.predict_log_proba(x).expect("reference log posterior");
    let got = log_posterior(imp, model, x).and_then(|m| match m.shape() == want.shape() {
        true => Ok(m.as_slice().to_vec()),
        false => {
            let shapes = format!("returned shape {:?}, expected {:?}", m.shape(), want.shape());
            Err(ModelError::ShapeMismatch(shapes))
        }
    });
    expect::all_close(&got, want.as_slice(), LOG_POSTERIOR)
}

/// Two classes over `d` features: means 0 and 1, unit variances; the row sits at 0.4 in
/// every feature. Each density is ≤ 0.4, so Πⱼ underflows to 0 for d ≳ 800/0.9; the log
/// posterior is still perfectly defined.
fn many_features(d: usize) -> (FittedGaussianNaiveBayes, DMatrix<f64>) {
    let means = DMatrix::from_fn(2, d, |c, _| c as f64);
    let variances = DMatrix::from_element(2, d, 1.0);
    let x = DMatrix::from_element(1, d, 0.4);
    (validated(&[0.5, 0.5], &means, &variances, &x).expect("a valid model"), x)
}

fn show_model(got: &Result<Model, ModelError>, digits: usize) -> String {
    got.as_ref().map_or_else(
        |e| format!("{e:?}\n"),
        |(priors, means, variances)| {
            let mut text = format!("priors = [{}]\n", show::rounded_all(priors, digits));
            for c in 0..means.nrows() {
                let m = show::rounded_all(means.row(c).iter(), digits);
                let v = show::rounded_all(variances.row(c).iter(), digits);
                text += &format!("class {c}: means = [{m}], variances = [{v}]\n");
            }
            text
        },
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_4_gaussian_nb",
        properties: vec![
            Property::named("fit_matches_reference", 3)
                .description("priors n_c/n, class means and MLE variances (÷ n_c) equal the reference fit")
                .check(|imp, ctx| {
                    ctx.forall(problem(), |(x, l)| fit_call(x, l), |(x, l)| {
                        let r = reference_model(x, l);
                        let classes = r.class_priors.len();
                        let want = flatten(&(r.class_priors, r.means, r.variances));
                        let got = (imp.fit_gaussian_nb)(x, l);
                        let shapes_ok = got
                            .as_ref()
                            .is_ok_and(|m| m.0.len() == classes && m.1.shape() == m.2.shape());
                        let got = got.map(|m| flatten(&m));
                        let shapes = "priors, means and variances with one row per class";
                        expect::that(shapes_ok, show::outcome(&got), shapes)?;
                        expect::all_close(&got, &want, FIT)
                    })
                }),
            Property::named("log_posterior_matches_reference", 2)
                .description("ln P(c | xᵢ) equals the reference naive-Bayes log posterior for every row and class")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, l)| format!("predict_log_proba(priors, means, variances, &x) with the model fitted on x = {}, labels = {}", show::matrix(x), show::slice(l)),
                        |(x, l)| log_proba_matches(imp, &reference_model(x, l), x),
                    )
                }),
            Property::named("posteriors_sum_to_one", 1)
                .description("for every row, Σ_c P(c | xᵢ) = 1 (exp of the log posteriors)")
                .check(|imp, ctx| {
                    let call = |(x, l): &(DMatrix<f64>, Vec<usize>)| {
                        let (x, l) = (show::matrix(x), show::slice(l));
                        format!("predict_log_proba(..) on x = {x} fitted with labels {l}")
                    };
                    ctx.forall(problem(), call, |(x, l)| {
                        let got = log_posterior(imp, &reference_model(x, l), x);
                        let m = expect::ok(got.as_ref(), "log posteriors")?;
                        m.row_iter().try_for_each(|row| {
                            let total: f64 = row.iter().map(|v| v.exp()).sum();
                            expect::close(&Ok::<f64, ()>(total), 1.0, Tol { rel: 0.0, abs: 1e-12 })
                        })
                    })
                }),
            Property::named("no_underflow_with_many_features", 2)
                .description("with 2000 features every density product underflows to 0, yet the log posterior is finite and correct (log-sum-exp)")
                .check(|imp, ctx| {
                    let (model, x) = many_features(2000);
                    ctx.once(
                        "predict_log_proba(&[0.5, 0.5], &means, &variances, &x) with 2000 features: means 0 (class 0) and 1 (class 1), variances 1, x = 0.4 everywhere",
                        || log_proba_matches(imp, &model, &x),
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite data, a label count ≠ rows, a missing class, a zero variance or mismatched shapes give the typed error")
                .check(|imp, ctx| {
                    let x = dmatrix![1.0; 2.0; 3.0; 5.0];
                    let labels = [0, 1, 0, 1];
                    let mut nan = x.clone();
                    nan[(1, 0)] = f64::NAN;
                    let constant = dmatrix![1.0; 2.0; 1.0; 5.0];
                    rejects!(ctx, |x, l| fit_call(x, l) => (imp.fit_gaussian_nb)(x, l), shown show::outcome;
                        (&DMatrix::zeros(0, 1), &[]) => ModelError::Empty,
                        (&x, &labels[..3]) => ModelError::ShapeMismatch(_),
                        (&nan, &labels) => ModelError::NonFinite,
                        (&x, &[0, 2, 0, 2]) => ModelError::InvalidLabel(_),
                        (&constant, &labels) => ModelError::InvalidParameter { .. },
                    )?;
                    let means = dmatrix![1.0; 2.0];
                    let one = dmatrix![1.0];
                    let ok_var = dmatrix![1.0; 1.0];
                    rejects!(ctx, |text, priors, variances, x| text => (imp.predict_log_proba)(priors, &means, variances, x), shown show::outcome;
                        ("predict_log_proba(&[0.5, 0.5], &dmatrix![1.0; 2.0], &dmatrix![1.0; 0.0], &dmatrix![1.0])",
                            &[0.5, 0.5], &dmatrix![1.0; 0.0], &one) => ModelError::InvalidParameter { .. },
                        ("predict_log_proba(&[0.5, 0.5], &dmatrix![1.0; 2.0], &dmatrix![1.0; 1.0], &dmatrix![1.0, 2.0])",
                            &[0.5, 0.5], &ok_var, &dmatrix![1.0, 2.0]) => ModelError::ShapeMismatch(_),
                        ("predict_log_proba(&[1.0], &dmatrix![1.0; 2.0], &dmatrix![1.0; 1.0], &dmatrix![1.0])",
                            &[1.0], &ok_var, &one) => ModelError::ShapeMismatch(_),
                    )
                }),
            Property::named("iris_confusion_matrix", 2)
                .description("fitted on all of Iris, the model and its training confusion matrix (rows actual, columns predicted) match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "fit_gaussian_nb(&iris.features, &iris.species), then argmax of predict_log_proba on the same rows";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let iris = mathlings_models::datasets::iris();
                        let fit = (imp.fit_gaussian_nb)(&iris.features, &iris.species);
                        let mut text = show_model(&fit, 6);
                        if let Ok((priors, means, variances)) = &fit {
                            let log_posteriors =
                                (imp.predict_log_proba)(priors, means, variances, &iris.features);
                            text += &show::ok_or_debug(&log_posteriors, |lp| {
                                let predicted: Vec<usize> =
                                    lp.row_iter().map(|r| argmax(r.iter().copied())).collect();
                                let confusion =
                                    confusion_matrix(&iris.species, &predicted, 3);
                                format!("training confusion = {}", show::result(&confusion))
                            });
                            text += "\n";
                        }
                        text
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("multiplies_densities")
                .explanation("Your posterior breaks down with many features: it multiplies the densities \
                    P(c)·Πⱼ N(xⱼ; μ_cj, σ²_cj) and normalises afterwards. Each factor is below 1, so with \
                    thousands of features the product underflows to 0 for every class and 0/0 = NaN (its \
                    log is −∞). Add logs instead, and normalise with log-sum-exp: subtract the largest log \
                    joint before exponentiating.")
                .implementation(Impl {
                    fit_gaussian_nb: |x, labels| fit_with(x, labels, false),
                    predict_log_proba: multiplies_densities,
                }),
            Misconception::named("sample_variance")
                .explanation("Your variances divide by n_c − 1 (the unbiased sample variance). The model's \
                    parameters are maximum-likelihood estimates, and the MLE of a normal variance divides \
                    by n_c: σ²_cj = (1/n_c) Σ_{i∈c} (xᵢⱼ − μ_cj)².")
                .implementation(Impl {
                    fit_gaussian_nb: |x, labels| fit_with(x, labels, true),
                    predict_log_proba: |priors, means, variances, x| {
                        validated(priors, means, variances, x)?.predict_log_proba(x)
                    },
                }),
        ],
        probe: |imp| {
            let x = dmatrix![1.0; 2.0; 4.0; 7.0; 8.0; 12.0];
            let fit = (imp.fit_gaussian_nb)(&x, &[0, 0, 0, 1, 1, 1]);
            let (model, many) = many_features(2000);
            let underflow = show::ok_or_debug(&log_posterior(imp, &model, &many), |m| {
                if m.iter().all(|v| v.is_finite()) { "finite" } else { "non-finite" }.to_string()
            });
            vec![show_model(&fit, 6), underflow]
        },
    }
}

fn fit_with(x: &DMatrix<f64>, labels: &[usize], bessel: bool) -> Result<Model, ModelError> {
    REFERENCE.fit(x, labels)?;
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    let (n, d) = x.shape();
    let mut priors = Vec::new();
    let mut means = DMatrix::zeros(classes, d);
    let mut variances = DMatrix::zeros(classes, d);
    for c in 0..classes {
        let rows: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
        let n_c = rows.len() as f64;
        priors.push(n_c / n as f64);
        for j in 0..d {
            let mean = rows.iter().map(|&i| x[(i, j)]).sum::<f64>() / n_c;
            let ss = rows.iter().map(|&i| (x[(i, j)] - mean).powi(2)).sum::<f64>();
            let divisor = if bessel && n_c > 1.0 { n_c - 1.0 } else { n_c };
            (means[(c, j)], variances[(c, j)]) = (mean, ss / divisor);
        }
    }
    Ok((priors, means, variances))
}

/// After the exercise's input checks, the parameters as a reference model.
fn validated(
    priors: &[f64],
    means: &DMatrix<f64>,
    variances: &DMatrix<f64>,
    x: &DMatrix<f64>,
) -> Result<FittedGaussianNaiveBayes, ModelError> {
    if priors.is_empty()
        || means.nrows() != priors.len()
        || variances.shape() != means.shape()
        || x.ncols() != means.ncols()
    {
        return Err(ModelError::ShapeMismatch("shapes".into()));
    }
    let all = [priors, means.as_slice(), variances.as_slice(), x.as_slice()].concat();
    if all.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if priors.iter().chain(variances.iter()).any(|&v| v <= 0.0) {
        return Err(ModelError::InvalidParameter { name: "variances", reason: "must be > 0" });
    }
    let (class_priors, means, variances) = (priors.to_vec(), means.clone(), variances.clone());
    Ok(FittedGaussianNaiveBayes { class_priors, means, variances })
}

fn multiplies_densities(
    priors: &[f64],
    means: &DMatrix<f64>,
    variances: &DMatrix<f64>,
    x: &DMatrix<f64>,
) -> Result<DMatrix<f64>, ModelError> {
    validated(priors, means, variances, x)?;
    let classes = priors.len();
    let density = |i: usize, c: usize, j: usize| {
        let v = variances[(c, j)];
        (-(x[(i, j)] - means[(c, j)]).powi(2) / (2.0 * v)).exp()
            / (2.0 * std::f64::consts::PI * v).sqrt()
    };
    let mut out = DMatrix::zeros(x.nrows(), classes);
    for i in 0..x.nrows() {
        let joint: Vec<f64> = (0..classes)
            .map(|c| priors[c] * (0..x.ncols()).map(|j| density(i, c, j)).product::<f64>())
            .collect();
        let evidence: f64 = joint.iter().sum();
        for c in 0..classes {
            out[(i, c)] = (joint[c] / evidence).ln();
        }
    }
    Ok(out)
}

/// Index of the largest value, the first on ties.
fn argmax(values: impl Iterator<Item = f64>) -> usize {
    values
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, v)| if v > best.1 { (i, v) } else { best })
        .0
}
