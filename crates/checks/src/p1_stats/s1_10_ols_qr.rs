//! Checks for 1.10 — multiple least squares by Householder QR.

use mathlings_models::ModelError;

use super::tables::{at_most, intercept_first};
use crate::prelude::*;
use nalgebra::{dmatrix, dvector};

pub use mathlings_bindings::p1_stats::s1_10_ols_qr::Impl;

/// What `ols` returns: the coefficients (intercept first) and R².
type Fit = Result<(DVector<f64>, f64), ModelError>;

/// Random designs (entries in [−10, 10], n ≥ p + 2) have modest condition numbers, so two
/// backward-stable solvers agree to ~κ·ε ≲ 1e-12 relative to ‖β‖; 1e-8 leaves ample slack.
const AGREE: f64 = 1e-8;
/// Xᵀe = 0 at the least-squares solution: a backward-stable solver leaves |aⱼᵀe| ≲ n·ε·‖aⱼ‖·‖y‖;
/// 1e-9 relative is thousands of ulps of slack.
const ORTHOGONAL: f64 = 1e-9;
/// Six significant digits (relative to the largest coefficient) on the degree-8 polynomial
/// design, κ([1 X]) ≈ 6e8 after column scaling: a backward-stable QR solve errs by a modest
/// multiple of κ·ε ≈ 7e-8 (the official solution by 2.9e-7 against the reference, exact to
/// rounding by iterative refinement), so 1e-6 leaves 3× slack; the normal equations work
/// with κ² ≈ 4e17 > 1/ε and lose every digit.
const ILL_CONDITIONED: f64 = 1e-6;
/// Absolute agreement on the sign-sensitive design of `householder_sign_stable`: κ ≈ 2.4 and
/// ‖y‖ = √2 bound a backward-stable solver's error by ~1e-16, while the wrong Householder
/// sign loses the whole answer (≈ 1.5e-8).
const SIGN_SENSITIVE: f64 = 1e-12;

fn call(x: &DMatrix<f64>, y: &DVector<f64>) -> String {
    format!("ols(&{}, &{})", show::matrix(x), show::vector(y))
}

fn reference(x: &DMatrix<f64>, y: &DVector<f64>) -> (Vec<f64>, f64) {
    let fit = mathlings_models::LinearRegression::default().fit(x, y).expect("reference fit");
    let mut beta = vec![fit.intercept.expect("intercept")];
    beta.extend(fit.coefficients.iter());
    (beta, fit.r_squared)
}

/// A design of k ∈ 1..=4 columns and n ∈ k+3..=12 rows with its target.
fn problem() -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    (1usize..=4, 0usize..=6)
        .prop_flat_map(|(k, extra)| {
            let n = k + 3 + extra;
            (strategies::matrix(n, k), proptest::collection::vec(-10.0..10.0f64, n))
        })
        .prop_map(|(x, y)| (x, DVector::from_vec(y)))
        .prop_filter("full column rank", |(x, y)| {
            mathlings_models::LinearRegression::default().fit(x, y).is_ok()
        })
}

/// `got` within `rel · (1 + max|want|)` of `want`, componentwise (R² appended last).
fn agrees(got: &Fit, want: &[f64], r_squared: Option<f64>, rel: f64) -> Verdict {
    let scale = 1.0 + want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let got = got
        .clone()
        .map(|(b, r)| b.iter().copied().chain(r_squared.map(|_| r)).collect::<Vec<f64>>());
    let want: Vec<f64> = want.iter().copied().chain(r_squared).collect();
    expect::all_close(&got, &want, Tol { rel: 0.0, abs: rel * scale })
}

/// Degree-8 polynomial design on x ∈ [1, 2] (26 points) and a smooth target with wiggles.
fn polynomial_problem() -> (DMatrix<f64>, DVector<f64>) {
    let n = 26;
    let t: Vec<f64> = (0..n).map(|i| 1.0 + i as f64 / (n - 1) as f64).collect();
    let x = DMatrix::from_fn(n, 8, |i, j| t[i].powi(j as i32 + 1));
    let y = DVector::from_fn(n, |i, _| t[i].exp() + 0.01 * (17.0 * i as f64).sin());
    (x, y)
}

fn permuted(x: &DMatrix<f64>, y: &DVector<f64>) -> (DMatrix<f64>, DVector<f64>) {
    let n = x.nrows();
    // i ↦ 7i + 3 (mod n) is a permutation exactly when 7 does not divide n.
    let order: Vec<usize> = if !n.is_multiple_of(7) {
        (0..n).map(|i| (i * 7 + 3) % n).collect()
    } else {
        (0..n).rev().collect()
    };
    (x.select_rows(&order), y.select_rows(&order))
}

fn show_fit(got: &Fit, digits: usize) -> String {
    show::ok_or_debug(got, |(b, r)| {
        format!("β = [{}], R² = {}", show::rounded_all(b.iter(), digits), show::rounded(*r, digits))
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_10_ols_qr",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("coefficients (intercept first) and R² equal the reference OLS fit on random designs (to 1e-8 relative)")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| call(x, y),
                        |(x, y)| {
                            let (beta, r2) = reference(x, y);
                            agrees(&(imp.ols)(x, y), &beta, Some(r2), AGREE)
                        },
                    )
                }),
            Property::named("residuals_orthogonal", 2)
                .description("the residuals e = y − β₀ − Xβ are orthogonal to the column of ones and to every column of X")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| call(x, y),
                        |(x, y)| {
                            let got = (imp.ols)(x, y);
                            let (beta, _) = expect::ok(got.as_ref(), "(β, R²)")?;
                            let a = x.clone().insert_column(0, 1.0);
                            intercept_first(&got, beta, a.ncols())?;
                            let e = y - &a * beta;
                            let worst = a
                                .column_iter()
                                .map(|c| c.dot(&e).abs() / (c.norm() * y.norm() + 1e-300))
                                .fold(0.0f64, f64::max);
                            let what = "with max |aⱼᵀe| / (‖aⱼ‖‖y‖)";
                            let expected = "residuals orthogonal to every column of [1 X]";
                            at_most(&got, (what, worst), ORTHOGONAL, expected)
                        },
                    )
                }),
            Property::named("exact_on_noiseless_data", 2)
                .description("y = β₀ + Xβ exactly (integer β) gives back β and R² = 1")
                .check(|imp, ctx| {
                    let input = problem().prop_flat_map(|(x, _)| {
                        let k = x.ncols();
                        (Just(x), proptest::collection::vec(-9i32..=9, k + 1))
                    });
                    ctx.forall(
                        input,
                        |(x, b)| call(x, &noiseless(x, b)),
                        |(x, b)| {
                            let want: Vec<f64> = b.iter().map(|v| f64::from(*v)).collect();
                            agrees(&(imp.ols)(x, &noiseless(x, b)), &want, Some(1.0), AGREE)
                        },
                    )
                }),
            Property::named("row_order_irrelevant", 1)
                .description("shuffling the rows of (X, y) together leaves the fit unchanged")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, y)| {
                            let (px, py) = permuted(x, y);
                            format!("{} vs {}", call(&px, &py), call(x, y))
                        },
                        |(x, y)| {
                            let got = (imp.ols)(x, y);
                            let (beta, r2) = expect::ok(got.as_ref(), "(β, R²)")?;
                            let (px, py) = permuted(x, y);
                            let want: Vec<f64> = beta.iter().copied().collect();
                            agrees(&(imp.ols)(&px, &py), &want, Some(*r2), AGREE)
                        },
                    )
                }),
            Property::named("ill_conditioned_polynomial", 2)
                .description("a degree-8 polynomial fit on x ∈ [1, 2] (κ ≈ 1e9) matches the reference to 6 significant digits")
                .check(|imp, ctx| {
                    let (x, y) = polynomial_problem();
                    ctx.once(
                        "ols(&x, &y) with xᵢⱼ = tᵢ^j (j = 1..8), tᵢ = 1 + i/25, yᵢ = e^tᵢ + 0.01·sin(17i), i = 0..25",
                        || {
                            let (beta, _) = reference(&x, &y);
                            agrees(&(imp.ols)(&x, &y), &beta, None, ILL_CONDITIONED)
                        },
                    )
                }),
            Property::named("householder_sign_stable", 1)
                .description("x₁ = (1, 1, −1 + 2⁻²⁶, −1 − 2⁻²⁶), x₂ = (1, 0, 0, 0), y = (0, 0, 1, −1): the fit (β ≈ 1e-8) matches the reference to 1e-12 absolute — v = a − α·e₁ with α = −sign(a₁)‖a‖ never cancels")
                .check(|imp, ctx| {
                    // Catches α of the wrong sign: its first reflection sends the ones to
                    // +e₁ and x₁ to (·, ‖x₁‖, ±2⁻²⁶·…), nearly along e₁ for the second step,
                    // where v = a − ‖a‖e₁ then cancels to rounding noise; the tail of x₁ is
                    // left behind and β (all of it of size 2⁻²⁶, from that tail) comes back
                    // ≈ 0 (see SIGN_SENSITIVE for the tolerance).
                    let d = 2f64.powi(-26);
                    let x = dmatrix![1.0, 1.0; 1.0, 0.0; -1.0 + d, 0.0; -1.0 - d, 0.0];
                    let y = dvector![0.0, 0.0, 1.0, -1.0];
                    ctx.once(&call(&x, &y), || {
                        let (beta, _) = reference(&x, &y);
                        let got = (imp.ols)(&x, &y).map(|(b, _)| b.as_slice().to_vec());
                        expect::all_close(&got, &beta, Tol::absolute(SIGN_SENSITIVE))
                    })
                }),
            Property::named("rank_deficiency_reported", 1)
                .description("a duplicated column, a constant column (a copy of the intercept), a combination of columns or a column of zeros gives ModelError::RankDeficient (for the zeros, with rank 2 of 3 columns)")
                .check(|imp, ctx| {
                    let base = [1.0, 2.0, 4.0, 7.0, 11.0, 3.0];
                    let other = [2.0, -1.0, 0.5, 3.0, 1.0, -2.0];
                    let y = dvector![1.0, 3.0, 2.0, 5.0, 4.0, 6.0];
                    let combination = DMatrix::from_fn(6, 3, |i, j| match j {
                        0 => base[i],
                        1 => other[i],
                        _ => 2.0 * base[i] - other[i] + 3.0,
                    });
                    let duplicated = DMatrix::from_fn(6, 2, |i, _| base[i]);
                    let flat = DMatrix::from_fn(6, 2, |i, j| if j == 0 { base[i] } else { 5.0 });
                    rejects!(ctx, |x| call(x, &y) => (imp.ols)(x, &y), shown show::outcome;
                        (&duplicated) => ModelError::RankDeficient { .. },
                        (&flat) => ModelError::RankDeficient { .. },
                        (&combination) => ModelError::RankDeficient { .. },
                    )?;
                    // A column of zeros between two good ones: its scale ‖a‖ = 0 must not be
                    // divided by (0/0 = NaN would spread to the next column and hide its rank).
                    let x = DMatrix::from_fn(6, 2, |i, j| if j == 0 { 0.0 } else { base[i] });
                    ctx.once(&call(&x, &y), || {
                        expect_err!(
                            &(imp.ols)(&x, &y),
                            ModelError::RankDeficient { rank: 2, columns: 3 },
                            note "[1 0 x] has rank 2",
                            shown show::outcome
                        )
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty design, mismatched lengths, NaN/±∞ or too few rows give the typed error, never a panic")
                .check(|imp, ctx| {
                    let x = dmatrix![1.0; 2.0; 3.0; 5.0];
                    let y = dvector![1.0, 2.0, 2.0, 4.0];
                    let nan = dmatrix![1.0; 2.0; f64::NAN; 5.0];
                    let inf = dvector![1.0, f64::INFINITY, 2.0, 4.0];
                    rejects!(ctx, |x, y| call(x, y) => (imp.ols)(x, y), shown show::outcome;
                        (&DMatrix::zeros(0, 1), &DVector::zeros(0)) => ModelError::Empty,
                        (&x, &dvector![1.0, 2.0, 3.0]) => ModelError::ShapeMismatch(_),
                        (&nan, &y) => ModelError::NonFinite,
                        (&x, &inf) => ModelError::NonFinite,
                        (&dmatrix![1.0; 2.0], &dvector![1.0, 3.0]) => ModelError::TooFewRows { needed: 3, got: 2 },
                    )
                }),
            Property::named("iris_sepal_length", 1)
                .description("regressing Iris sepal length on the other three measurements gives the stored fit (β ≈ 1.856, 0.651, 0.709, −0.556; R² ≈ 0.859)")
                .check(|imp, ctx| {
                    let call =
                        "ols(&[sepal width, petal length, petal width], &sepal length) on Iris";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let x = iris.features.columns(1, 3).into_owned();
                        let y = iris.features.column(0).into_owned();
                        let text = format!("{}\n", show_fit(&(imp.ols)(&x, &y), 8));
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("normal_equations_inverse")
                .explanation("Your fit is right on friendly data but loses its digits on the polynomial design: \
                    it looks like β = (AᵀA)⁻¹Aᵀy. Forming AᵀA squares the condition number (1e9 → 1e18, \
                    beyond the 16 digits of an f64), and an explicit inverse adds its own error. Factor \
                    A = QR with Householder reflections and solve Rβ = Qᵀy by back substitution.")
                .implementation(Impl { ols: normal_equations_inverse }),
            Misconception::named("missing_intercept")
                .explanation("Your fit has no intercept: the line is forced through the origin (β₀ = 0). Put a \
                    column of ones in front of X (A = [1 X]) so that β₀ is estimated like every other \
                    coefficient; without it the residuals do not sum to zero and a constant column is not \
                    recognised as a copy of the intercept.")
                .implementation(Impl { ols: missing_intercept }),
        ],
        probe: |imp| {
            let x = dmatrix![1.0, 0.0; 2.0, 1.0; 3.0, 1.0; 4.0, 3.0; 5.0, 2.0];
            let y = dvector![3.0, 5.0, 8.0, 8.0, 12.0];
            let (px, py) = polynomial_problem();
            let (want, _) = reference(&px, &py);
            let accurate = agrees(&(imp.ols)(&px, &py), &want, None, ILL_CONDITIONED).is_ok();
            let accuracy = if accurate { "accurate" } else { "inaccurate" };
            vec![show_fit(&(imp.ols)(&x, &y), 6), accuracy.into()]
        },
    }
}

fn noiseless(x: &DMatrix<f64>, b: &[i32]) -> DVector<f64> {
    DVector::from_fn(x.nrows(), |i, _| {
        f64::from(b[0]) + (0..x.ncols()).map(|j| f64::from(b[j + 1]) * x[(i, j)]).sum::<f64>()
    })
}

fn validate(x: &DMatrix<f64>, y: &DVector<f64>) -> Result<(), ModelError> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ModelError::Empty);
    }
    if y.len() != x.nrows() {
        return Err(ModelError::ShapeMismatch("rows".into()));
    }
    if x.iter().chain(y.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if x.nrows() <= x.ncols() + 1 {
        return Err(ModelError::TooFewRows { needed: x.ncols() + 2, got: x.nrows() });
    }
    Ok(())
}

/// β with the R² of the fit A·β of y.
fn with_r_squared(a: &DMatrix<f64>, y: &DVector<f64>, beta: DVector<f64>) -> Fit {
    let e = y - a * &beta;
    let mean = y.mean();
    let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    Ok((beta, if total > 0.0 { 1.0 - e.norm_squared() / total } else { 1.0 }))
}

fn normal_equations_inverse(x: &DMatrix<f64>, y: &DVector<f64>) -> Fit {
    validate(x, y)?;
    let a = x.clone().insert_column(0, 1.0);
    let p = a.ncols();
    let inverse = (a.transpose() * &a)
        .try_inverse()
        .filter(|m| m.iter().all(|v| v.is_finite()))
        .ok_or(ModelError::RankDeficient { rank: p - 1, columns: p })?;
    with_r_squared(&a, y, inverse * a.transpose() * y)
}

fn missing_intercept(x: &DMatrix<f64>, y: &DVector<f64>) -> Fit {
    validate(x, y)?;
    let k = x.ncols();
    let qr = x.clone().qr();
    let r = qr.r();
    if (0..k).any(|j| r[(j, j)].abs() <= 1e-12 * x.column(j).norm()) {
        return Err(ModelError::RankDeficient { rank: k - 1, columns: k });
    }
    let qty = qr.q().transpose() * y;
    let b = r
        .solve_upper_triangular(&qty)
        .ok_or(ModelError::RankDeficient { rank: k - 1, columns: k })?;
    with_r_squared(&x.clone().insert_column(0, 1.0), y, b.insert_row(0, 0.0))
}
