//! Checks for 4.2 — ridge regression with an unpenalised intercept.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::ModelError;

use super::common::{iris_sepal_length, ols};
use crate::prelude::*;
use nalgebra::{dmatrix, dvector};

pub use mathlings_bindings::p4_models::s4_2_ridge::Impl;

/// Random designs (n ≥ k + 3, entries in [−10, 10]) are well conditioned; even through the
/// normal equations (κ² ε ≲ 1e-10) the fits agree far below 1e-8 relative to 1 + ‖β‖∞.
const AGREE: f64 = 1e-8;
/// ‖β(λ)‖ may "grow" with λ by rounding only.
const MONOTONE_SLACK: f64 = 1e-9;

fn call(x: &DMatrix<f64>, y: &DVector<f64>, lambda: f64) -> String {
    format!("ridge(&{}, &{}, {})", show::matrix(x), show::vector(y), show::float(lambda))
}

/// The reference fit, intercept first.
fn reference(x: &DMatrix<f64>, y: &DVector<f64>, lambda: f64) -> Result<Vec<f64>, ModelError> {
    let fit = mathlings_models::Ridge { lambda, fit_intercept: true }.fit(x, y)?;
    Ok([vec![fit.intercept.expect("intercept")], fit.coefficients.as_slice().to_vec()].concat())
}

/// k ∈ 1..=4 columns, n ∈ k+3..=12 rows, of full rank (the reference OLS fit exists).
fn problem() -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    (1usize..=4, 0usize..=6)
        .prop_flat_map(|(k, extra)| {
            let n = k + 3 + extra;
            (strategies::matrix(n, k), proptest::collection::vec(-50.0..50.0f64, n))
        })
        .prop_map(|(x, y)| (x, DVector::from_vec(y)))
        .prop_filter("full column rank", |(x, y)| {
            mathlings_models::LinearRegression::default().fit(x, y).is_ok()
        })
}

fn lambda() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![Just(0.0), 0.0..50.0f64, (0i32..=20).prop_map(f64::from)]
}

fn agrees(got: &Result<DVector<f64>, ModelError>, want: &[f64]) -> Verdict {
    expect::all_close_scaled(&got.clone().map(|b| b.as_slice().to_vec()), want, AGREE)
}

fn show_beta(got: &Result<DVector<f64>, ModelError>, digits: usize) -> String {
    show::ok_or_debug(got, |b| format!("β = [{}]", show::rounded_all(b.iter(), digits)))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_2_ridge",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("(β₀, β) equal the reference ridge fit for λ ∈ [0, 50] (to 1e-8 relative)")
                .check(|imp, ctx| {
                    ctx.forall((problem(), lambda()), |((x, y), l)| call(x, y, *l), |((x, y), l)| {
                        agrees(&(imp.ridge)(x, y, *l), &reference(x, y, *l).expect("reference ridge"))
                    })
                }),
            Property::named("lambda_zero_is_ols", 2)
                .description("with λ = 0 ridge is ordinary least squares: the coefficients equal the OLS fit")
                .check(|imp, ctx| {
                    ctx.forall(problem(), |(x, y)| call(x, y, 0.0), |(x, y)| {
                        let want = ols(x, y);
                        agrees(&(imp.ridge)(x, y, 0.0), &want)
                    })
                }),
            Property::named("shrinks_as_lambda_grows", 2)
                .description("the coefficients shrink as λ grows: ‖β‖ (intercept excluded) never increases over λ = 0, 1, 10, 100, 10⁴, 10⁸")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| format!("ridge(&x, &y, λ) for λ = 0, 1, 10, 100, 1e4, 1e8 with x = {}, y = {}", show::matrix(x), show::vector(y)),
                        |(x, y)| {
                            let mut previous = f64::INFINITY;
                            for l in [0.0, 1.0, 10.0, 100.0, 1e4, 1e8] {
                                let got = (imp.ridge)(x, y, l);
                                let Ok(beta) = &got else {
                                    return expect::fail(format!("λ = {}: {}", show::float(l), show::outcome(&got)), "Ok(β)");
                                };
                                let norm = beta.rows(1, beta.len().saturating_sub(1)).norm();
                                if norm.is_nan() || norm > previous * (1.0 + MONOTONE_SLACK) {
                                    return expect::fail(
                                        format!("‖β‖ = {} at λ = {} after {} at the previous λ", show::rounded(norm, 6), show::float(l), show::rounded(previous, 6)),
                                        "a norm that never grows with λ",
                                    );
                                }
                                previous = norm;
                            }
                            Ok(())
                        },
                    )
                }),
            Property::named("intercept_not_penalised", 2)
                .description("adding a constant c to every y changes only the intercept (by c); with a huge λ the intercept tends to ȳ")
                .check(|imp, ctx| {
                    let input = (problem(), 1.0..50.0f64, -1000.0..1000.0f64);
                    ctx.forall(
                        input,
                        |((x, y), l, c)| {
                            format!("{} vs {}", call(x, &y.add_scalar(*c), *l), call(x, y, *l))
                        },
                        |((x, y), l, c)| {
                            let base = expect::ok((imp.ridge)(x, y, *l), "β")?;
                            let mut want: Vec<f64> = base.iter().copied().collect();
                            if let Some(first) = want.first_mut() {
                                *first += c;
                            }
                            agrees(&(imp.ridge)(x, &y.add_scalar(*c), *l), &want)?;
                            let huge = (imp.ridge)(x, y, 1e12);
                            let intercept = huge.map(|b| b.get(0).copied().unwrap_or(f64::NAN));
                            expect::close(&intercept, y.mean(), Tol { rel: 1e-6, abs: 1e-6 })
                        },
                    )
                }),
            Property::named("centres_a_huge_offset", 1)
                .description("adding 1e14 to integer y values changes only the intercept: the slopes equal those of the unshifted fit (to 1e-8 relative), for λ = 0 and λ = 5")
                .check(|imp, ctx| {
                    // Integers + 1e14 are exact in binary, and ȳ's rounding (≤ 0.016) is a
                    // common shift that X_cᵀ annihilates (its columns sum to 0): centring y
                    // keeps every digit of b = X_cᵀy_c. Without it (X_cᵀy, or X_cᵀ(y + ȳ)),
                    // products of size 1e14·|x| lose ≈ 0.02 each, ≈ 1e-5 of b: the slopes
                    // drift a thousand times past the tolerance.
                    let input = (problem(), prop_oneof![Just(0.0), Just(5.0)]);
                    let shift = 1e14;
                    ctx.forall(
                        input,
                        |((x, y), l)| call(x, &y.map(f64::round).add_scalar(shift), *l),
                        |((x, y), l)| {
                            let y = y.map(f64::round);
                            let base = (imp.ridge)(x, &y, *l);
                            let base = expect::ok_where(&base, |_| true, "Ok(β) for the unshifted y")?;
                            let slopes = |b: DVector<f64>| b.rows(1, b.len() - 1).into_owned();
                            let shifted = (imp.ridge)(x, &y.add_scalar(shift), *l);
                            let want: Vec<f64> = slopes(base).iter().copied().collect();
                            agrees(&shifted.map(slopes), &want)
                        },
                    )
                }),
            Property::named("rank_test_is_relative", 1)
                .description("with λ = 0, c·X for c = 1e-6 and 1e6 is fitted like X (slopes ÷ c), and dependent columns [x₁, x₂, x₁ + x₂]·c are RankDeficient at every c")
                .check(|imp, ctx| {
                    // The pivot tolerance n·ε·max Mⱼⱼ scales with c²·X_cᵀX_c, so a well-
                    // conditioned design stays regular and a dependent one stays singular at
                    // any scale; a tolerance that does not scale (or scales the wrong way)
                    // calls tiny designs singular or misses dependence in huge ones.
                    let x = dmatrix![0.1, 0.7, 0.3; 1.3, -0.2, 0.9; 2.9, 0.4, -1.1;
                                     -0.7, 1.9, 0.2; 0.6, -1.3, 1.7; 1.1, 0.3, -0.4];
                    let dependent = DMatrix::from_fn(6, 3, |i, j| {
                        if j < 2 { x[(i, j)] } else { x[(i, 0)] + x[(i, 1)] }
                    });
                    let y = dvector![1.0, 2.5, -0.5, 3.0, 0.7, 1.9];
                    let base = (imp.ridge)(&x, &y, 0.0);
                    for c in [1e-6, 1.0, 1e6] {
                        let scaled = &x * c;
                        ctx.once(&call(&scaled, &y, 0.0), || {
                            let base = expect::ok_where(&base, |_| true, "Ok(β) for c = 1")?;
                            let slope = |(j, b): (usize, &f64)| if j == 0 { *b } else { b / c };
                            let want: Vec<f64> = base.iter().enumerate().map(slope).collect();
                            agrees(&(imp.ridge)(&scaled, &y, 0.0), &want)
                        })?;
                        let scaled = &dependent * c;
                        ctx.once(&call(&scaled, &y, 0.0), || {
                            let got = (imp.ridge)(&scaled, &y, 0.0);
                            expect_err!(&got, ModelError::RankDeficient { .. },
                                note "column 3 = column 1 + column 2", shown show::outcome)
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("a negative or non-finite λ, empty or non-finite data, mismatched lengths, or dependent columns with λ = 0 give the typed error")
                .check(|imp, ctx| {
                    let x = dmatrix![1.0; 2.0; 3.0; 5.0];
                    let y = dvector![1.0, 2.0, 2.0, 4.0];
                    let mut nan = x.clone();
                    nan[(1, 0)] = f64::NAN;
                    let duplicated = dmatrix![1.0, 1.0; 2.0, 2.0; 3.0, 3.0; 5.0, 5.0];
                    rejects!(ctx, |x, y, l| call(x, y, l) => (imp.ridge)(x, y, l), shown show::outcome;
                        (&x, &y, -1.0) => ModelError::InvalidParameter { name: "lambda", .. },
                        (&x, &y, f64::NAN) => ModelError::InvalidParameter { name: "lambda", .. },
                        (&x, &y, f64::INFINITY) => ModelError::InvalidParameter { name: "lambda", .. },
                        (&DMatrix::zeros(0, 1), &DVector::zeros(0), 1.0) => ModelError::Empty,
                        (&x, &dvector![1.0, 2.0], 1.0) => ModelError::ShapeMismatch(_),
                        (&nan, &y, 1.0) => ModelError::NonFinite,
                        (&duplicated, &y, 0.0) => ModelError::RankDeficient { .. },
                        // A constant column centres to 0: M = 0, pivot 0 ≤ tolerance 0.
                        (&DMatrix::from_element(4, 1, 3.0), &y, 0.0) => ModelError::RankDeficient { .. },
                    )?;
                    let ok = (imp.ridge)(&duplicated, &y, 1.0);
                    ctx.once(&call(&duplicated, &y, 1.0), || {
                        expect::that(
                            ok.is_ok(),
                            show::outcome(&ok),
                            "Ok(β): with λ > 0 dependent columns are fine",
                        )
                    })
                }),
            Property::named("iris_sepal_length", 1)
                .description("Iris sepal length from the other three measurements with λ = 10 gives the stored coefficients")
                .check(|imp, ctx| {
                    let call = "ridge(&[sepal width, petal length, petal width], &sepal length, 10.0) on Iris";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let (x, y) = iris_sepal_length();
                        show_beta(&(imp.ridge)(&x, &y, 10.0), 8) + "\n"
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("penalises_intercept")
                .explanation("Your intercept is shrunk towards 0 along with the other coefficients: it looks like \
                you solved (AᵀA + λI)β = Aᵀy with the column of ones inside A, so λ also lands on β₀. \
                Then the fit depends on where the origin of y is — adding 1000 to every y no longer just \
                adds 1000 to β₀. Centre X and y first, penalise only β₁..βₖ, and recover β₀ = ȳ − x̄ᵀβ.")
                .implementation(Impl { ridge: penalises_intercept }),
        ],
        probe: |imp| {
            let x = dmatrix![1.0, 0.0; 2.0, 1.0; 3.0, 1.0; 4.0, 3.0; 5.0, 2.0];
            let y = dvector![13.0, 15.0, 18.0, 18.0, 22.0];
            vec![show_beta(&(imp.ridge)(&x, &y, 0.0), 6), show_beta(&(imp.ridge)(&x, &y, 5.0), 6)]
        },
    }
}

fn penalises_intercept(
    x: &DMatrix<f64>,
    y: &DVector<f64>,
    lambda: f64,
) -> Result<DVector<f64>, ModelError> {
    reference(x, y, lambda)?; // the reference's input checks
    let a = x.clone().insert_column(0, 1.0);
    let p = a.ncols();
    let m = a.transpose() * &a + DMatrix::identity(p, p) * lambda;
    let chol = m
        .cholesky()
        .filter(|c| c.l().diagonal().amin() > 1e-7 * c.l().diagonal().amax())
        .ok_or(ModelError::RankDeficient { rank: p - 1, columns: p })?;
    Ok(chol.solve(&(a.transpose() * y)))
}
