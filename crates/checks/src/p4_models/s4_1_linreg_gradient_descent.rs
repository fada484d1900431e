//! Checks for 4.1 — linear regression by batch gradient descent on standardised features.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::ModelError;

use super::common::{iris_sepal_length, ols};
use crate::prelude::*;
use Slip::{InterceptFixed, NotConverted, NotDivided};
use nalgebra::{dmatrix, dvector};

use mathlings_bindings::p4_models::s4_1_linreg_gradient_descent::Fit;
pub use mathlings_bindings::p4_models::s4_1_linreg_gradient_descent::Impl;

/// The safe step used by the properties: with standardised features the Hessian of L is
/// diag(1, C) with C a correlation matrix of ≤ 3 features (λmax ≤ 3 < 2/η = 4).
const SAFE_STEP: f64 = 0.5;
/// Epochs for the agreement check: the generated features have pairwise |r| ≤ 0.3, so
/// λmin(C) ≥ 0.4 and the error shrinks by ≤ (1 − η·λmin) = 0.8 per epoch: 0.8²⁰⁰ ≈ 4e-20.
const EPOCHS: usize = 200;
/// After 200 epochs the remaining optimisation error is far below rounding; coefficients
/// then agree with the closed form to ~1e-12 relative. 1e-7 (relative to 1 + ‖β‖∞) leaves
/// slack for the ≤ 1/sⱼ amplification when converting back to original units.
const AGREE: f64 = 1e-7;
/// A step 20× the safe one: the error grows by |1 − η| = 9 per epoch along the intercept
/// direction alone, so the loss overflows f64 well within 1000 epochs.
const DIVERGENT_STEP: f64 = 10.0;
/// A loss may "increase" by rounding only: 1e-12 relative.
const MONOTONE_SLACK: f64 = 1e-12;

fn call(x: &DMatrix<f64>, y: &DVector<f64>, eta: f64, epochs: usize) -> String {
    let (x, y, eta) = (show::matrix(x), show::vector(y), show::float(eta));
    format!("linreg_gradient_descent(&{x}, &{y}, {eta}, {epochs})")
}

/// n ∈ 20..=40 rows, k ∈ 1..=3 features in [−10, 10], each of variance ≥ 1, with pairwise
/// |correlation| ≤ 0.3, y in [−100, 100].
fn problem() -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    (1usize..=3, 20usize..=40)
        .prop_flat_map(|(k, n)| {
            (strategies::matrix(n, k), proptest::collection::vec(-100.0..100.0f64, n))
        })
        .prop_map(|(x, y)| (x, DVector::from_vec(y)))
        .prop_filter("spread-out, weakly correlated features", |(x, _)| {
            let c: Vec<&[f64]> = x.as_slice().chunks(x.nrows()).collect(); // the columns
            let weakly = |a: usize, b: usize| {
                mathlings_stats::pearson_correlation(c[a], c[b]).is_ok_and(|r| r.abs() <= 0.3)
            };
            c.iter().all(|c| mathlings_stats::population_variance(c).is_ok_and(|v| v >= 1.0))
                && (0..c.len()).all(|a| (a + 1..c.len()).all(|b| weakly(a, b)))
        })
}

fn show_fit(got: &Fit, digits: usize) -> String {
    show::ok_or_debug(got, |(b, losses)| {
        let last = losses.last().map_or("none".into(), |l| show::rounded(*l, digits));
        format!("β = [{}], final loss {last}", show::rounded_all(b.iter(), digits))
    })
}

/// Checks `test(x, y, linreg_gradient_descent(x, y, eta, epochs))` on random [`problem`]s.
fn on_problems(
    imp: &Impl,
    ctx: &Ctx,
    (eta, epochs): (f64, usize),
    test: impl Fn(&DMatrix<f64>, &DVector<f64>, Fit) -> Verdict,
) -> Verdict {
    let fit = |x: &DMatrix<f64>, y: &DVector<f64>| (imp.linreg_gradient_descent)(x, y, eta, epochs);
    ctx.forall(problem(), |(x, y)| call(x, y, eta, epochs), |(x, y)| test(x, y, fit(x, y)))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_1_linreg_gradient_descent",
        properties: vec![
            Property::named("agrees_with_closed_form", 3)
                .description("after 200 epochs with η = 0.5 the coefficients (intercept first, original units) equal the closed-form least-squares fit (to 1e-7 relative)")
                .check(|imp, ctx| {
                    on_problems(imp, ctx, (SAFE_STEP, EPOCHS), |x, y, got| {
                        let beta = got.map(|(b, _)| b.as_slice().to_vec());
                        expect::all_close_scaled(&beta, &ols(x, y), AGREE)
                    })
                }),
            Property::named("loss_never_increases", 2)
                .description("with a safe step (η = 0.5 or 0.1) there is one loss per epoch and it never goes up")
                .check(|imp, ctx| {
                    let input = (problem(), prop_oneof![Just(SAFE_STEP), Just(0.1)], 1usize..=30);
                    ctx.forall(input, |((x, y), eta, n)| call(x, y, *eta, *n), |((x, y), eta, n)| {
                        let got = (imp.linreg_gradient_descent)(x, y, *eta, *n);
                        let (_, losses) = expect::ok(got.as_ref(), "(β, losses)")?;
                        let count = losses.len();
                        let one_per_epoch = format!("{n} losses, one per epoch");
                        expect::that(count == *n, format!("{count} losses"), one_per_epoch)?;
                        let rises = |w: &[f64]| w[1].is_nan() || w[1] > w[0] * (1.0 + MONOTONE_SLACK);
                        let Some(e) = losses.windows(2).position(rises) else {
                            return Ok(());
                        };
                        let (a, b) = (show::float(losses[e]), show::float(losses[e + 1]));
                        let rise = format!("losses[{e}] = {a} then losses[{}] = {b}", e + 1);
                        expect::fail(rise, "a non-increasing loss")
                    })
                }),
            Property::named("first_epoch_loss", 1)
                .description("the first recorded loss is L after one step from 0, where γ₀ = η·ȳ and γ = η·Zᵀy/n")
                .check(|imp, ctx| {
                    on_problems(imp, ctx, (SAFE_STEP, 1), |x, y, got| {
                        let (_, losses) = expect::ok(got.as_ref(), "(β, [loss])")?;
                        let want = first_loss(x, y, SAFE_STEP);
                        let first = losses.first().copied().ok_or(());
                        expect::close(&first, want, Tol { rel: 1e-9, abs: 1e-9 })
                    })
                }),
            Property::named("diverges_for_large_step", 2)
                .description("a far too large step (η = 10) makes the iteration blow up: ModelError::NoConvergence, not ∞ or NaN")
                .check(|imp, ctx| {
                    on_problems(imp, ctx, (DIVERGENT_STEP, 1000), |_, _, got| {
                        expect_err!(&got, ModelError::NoConvergence { .. }, shown show::outcome)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("a bad learning rate or epoch count, empty or non-finite data, mismatched lengths or a constant column give the typed error; a step that overflows at once gives NoConvergence { iterations: 1 }")
                .check(|imp, ctx| {
                    let x = dmatrix![1.0; 2.0; 3.0; 5.0];
                    let y = dvector![1.0, 2.0, 2.0, 4.0];
                    let mut nan = x.clone();
                    nan[(1, 0)] = f64::NAN;
                    let constant = dmatrix![1.0, 3.0; 2.0, 3.0; 3.0, 3.0; 5.0, 3.0];
                    rejects!(ctx,
                        |x, y, eta, epochs| call(x, y, eta, epochs)
                            => (imp.linreg_gradient_descent)(x, y, eta, epochs), shown show::outcome;
                        (&x, &y, 0.0, 10) => ModelError::InvalidParameter { name: "learning_rate", .. },
                        (&x, &y, -0.1, 10) => ModelError::InvalidParameter { name: "learning_rate", .. },
                        (&x, &y, f64::NAN, 10) => ModelError::InvalidParameter { name: "learning_rate", .. },
                        (&x, &y, 0.1, 0) => ModelError::InvalidParameter { name: "epochs", .. },
                        (&DMatrix::zeros(0, 1), &DVector::zeros(0), 0.1, 10) => ModelError::Empty,
                        (&x, &dvector![1.0, 2.0], 0.1, 10) => ModelError::ShapeMismatch(_),
                        (&nan, &y, 0.1, 10) => ModelError::NonFinite,
                        (&constant, &y, 0.1, 10) => ModelError::RankDeficient { .. },
                        // η = 1e300: the very first step sends the loss to ∞ (epoch 1).
                        (&x, &y, 1e300, 10) => ModelError::NoConvergence { iterations: 1 },
                    )
                }),
            Property::named("iris_sepal_length", 1)
                .description("Iris sepal length from the other three measurements, η = 0.5, 3000 epochs: the stored fit (≈ the closed form 1.856, 0.651, 0.709, −0.556)")
                .check(|imp, ctx| {
                    let call = "linreg_gradient_descent(&[sepal width, petal length, petal width], &sepal length, 0.5, 3000) on Iris";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let (x, y) = iris_sepal_length();
                        show_fit(&(imp.linreg_gradient_descent)(&x, &y, 0.5, 3000), 6) + "\n"
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("gradient_not_divided_by_n")
                .explanation("Your iteration blows up at a step that should be safe: the gradient looks like \
                    Zᵀr instead of Zᵀr/n. The loss is a *mean*, (1/2n)Σrᵢ², so its gradient is an average \
                    too; summing makes the effective step n times larger (η·n ≫ 2/L) and every epoch \
                    overshoots further. Divide both gradients (intercept and coefficients) by n.")
                .implementation(Impl {
                    linreg_gradient_descent: |x, y, eta, n| descend(x, y, eta, n, NotDivided),
                }),
            Misconception::named("intercept_not_updated")
                .explanation("Your intercept is never learned: it stays at its starting value while the other \
                    coefficients move. The intercept is a parameter like any other, with gradient \
                    ∂L/∂γ₀ = (1/n)Σrᵢ; update it in every epoch (γ₀ ← γ₀ − η·mean(r)), from the same \
                    residuals as the other coefficients.")
                .implementation(Impl {
                    linreg_gradient_descent: |x, y, eta, n| descend(x, y, eta, n, InterceptFixed),
                }),
            Misconception::named("not_converted_back")
                .explanation("Your coefficients are those of the standardised features zⱼ = (xⱼ − x̄ⱼ)/sⱼ, \
                    not of x. Convert them back before returning: βⱼ = γⱼ/sⱼ and \
                    β₀ = γ₀ − Σⱼ γⱼ x̄ⱼ/sⱼ.")
                .implementation(Impl {
                    linreg_gradient_descent: |x, y, eta, n| descend(x, y, eta, n, NotConverted),
                }),
        ],
        probe: |imp| {
            let x = dmatrix![1.0, 4.0; 2.0, 1.0; 3.0, 5.0; 4.0, 2.0; 5.0, 6.0; 6.0, 1.0];
            let y = dvector![3.0, 2.0, 7.0, 6.0, 11.0, 8.0];
            let fit = |epochs| show_fit(&(imp.linreg_gradient_descent)(&x, &y, SAFE_STEP, epochs), 6);
            vec![fit(300), fit(1)]
        },
    }
}

/// The loss after one step from 0: the intercept moves to η·ȳ, γ to η·Zᵀy/n.
fn first_loss(x: &DMatrix<f64>, y: &DVector<f64>, eta: f64) -> f64 {
    let (z, n) = (standardised(x).0, x.nrows() as f64);
    let (intercept, gamma) = (eta * y.mean(), z.transpose() * y * (eta / n));
    ((&z * gamma).add_scalar(intercept) - y).norm_squared() / (2.0 * n)
}

fn standardised(x: &DMatrix<f64>) -> (DMatrix<f64>, Vec<f64>, Vec<f64>) {
    let n = x.nrows() as f64;
    let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
    let sds: Vec<f64> = x
        .column_iter()
        .zip(&means)
        .map(|(c, m)| (c.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n).sqrt())
        .collect();
    let z = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| (x[(i, j)] - means[j]) / sds[j]);
    (z, means, sds)
}

/// The mistake a wrong answer makes.
#[derive(PartialEq)]
enum Slip {
    NotDivided,
    InterceptFixed,
    NotConverted,
}

/// Gradient descent with one slip.
fn descend(x: &DMatrix<f64>, y: &DVector<f64>, eta: f64, epochs: usize, slip: Slip) -> Fit {
    // The reference validates the step, the epochs and the data (one epoch is enough).
    mathlings_models::linear_regression_gradient_descent(x, y, eta, epochs.min(1))?;
    let (z, means, sds) = standardised(x);
    if sds.contains(&0.0) {
        return Err(ModelError::RankDeficient { rank: x.ncols(), columns: x.ncols() + 1 });
    }
    let n = x.nrows() as f64;
    let scale = if slip == NotDivided { eta } else { eta / n };
    let (mut intercept, mut gamma, mut losses) = (0.0, DVector::zeros(x.ncols()), Vec::new());
    for epoch in 0..epochs {
        let r = (&z * &gamma).add_scalar(intercept) - y;
        if slip != InterceptFixed {
            intercept -= scale * r.sum();
        }
        gamma -= z.transpose() * &r * scale;
        let loss = ((&z * &gamma).add_scalar(intercept) - y).norm_squared() / (2.0 * n);
        if !loss.is_finite() {
            return Err(ModelError::NoConvergence { iterations: epoch + 1 });
        }
        losses.push(loss);
    }
    let mut beta = DVector::zeros(x.ncols() + 1);
    beta[0] = intercept;
    for j in 0..x.ncols() {
        if slip != NotConverted {
            beta[j + 1] = gamma[j] / sds[j];
            beta[0] -= gamma[j] * means[j] / sds[j];
        } else {
            beta[j + 1] = gamma[j];
        }
    }
    Ok((beta, losses))
}
