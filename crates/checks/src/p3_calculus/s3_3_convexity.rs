//! Checks for 3.3 — convexity through positive semidefinite Hessians.

// Signatures and tables of test cases are fn pointers over slices; spelling each as a named
// type would not make them clearer.
#![allow(clippy::type_complexity)]

use mathlings_calculus::CalculusError;

use super::common::{self, diag, points, rosenbrock_hess, square};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_3_convexity::Impl;

/// Smallest |λ| of a non-zero eigenvalue in the random matrices (the largest is ≤ 10):
/// a ratio of 1e-2, six orders above the n·√ε tolerance, while a "zero" eigenvalue of the
/// computed Q·diag(λ)·Qᵀ is ~1e-15 relative — any sensible tolerance separates them.
const MIN_NONZERO_EIGENVALUE: f64 = 0.1;
/// Step of the reference's finite-difference Hessian of ½xᵀAx: a quadratic has no
/// truncation error, and the round-off ε·|f|/h² ≈ 2e-16·10³/1e-6 = 2e-7 is far below 0.1.
const REFERENCE_STEP: f64 = 1e-3;

/// Hessian of x⁴ + y⁴ + …: diag(12xᵢ²), PSD everywhere but singular at 0.
fn quartic_hessian(p: &[f64]) -> DMatrix<f64> {
    DMatrix::from_fn(p.len(), p.len(), |i, j| if i == j { 12.0 * p[i] * p[i] } else { 0.0 })
}

/// Hessian of log Σ exp(xᵢ): diag(s) − ssᵀ with s = softmax(x); PSD and always singular.
fn log_sum_exp_hessian(p: &[f64]) -> DMatrix<f64> {
    let m = p.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
    let e: Vec<f64> = p.iter().map(|&x| (x - m).exp()).collect();
    let total: f64 = e.iter().sum();
    let s: Vec<f64> = e.iter().map(|x| x / total).collect();
    DMatrix::from_fn(p.len(), p.len(), |i, j| if i == j { s[i] } else { 0.0 } - s[i] * s[j])
}

/// A Hessian: x ↦ H(x).
type Hessian = fn(&[f64]) -> DMatrix<f64>;

/// Hessian of x² − y².
fn saddle_hessian(_: &[f64]) -> DMatrix<f64> {
    diag(&[2.0, -2.0])
}

/// Hessian of x³.
fn cubic_hessian(p: &[f64]) -> DMatrix<f64> {
    DMatrix::from_element(1, 1, 6.0 * p[0])
}

/// Hessian of the logistic loss Σ log(1 + e^{−yᵢ xᵢᵀw}) on Iris versicolor vs virginica with
/// x = [1, petal length, petal width]: Σ pᵢ(1 − pᵢ) xᵢxᵢᵀ.
fn iris_logistic_hessian(w: &[f64]) -> DMatrix<f64> {
    let iris = mathlings_models::datasets::iris();
    let mut h = DMatrix::zeros(3, 3);
    for (i, &species) in iris.species.iter().enumerate() {
        if species == 0 {
            continue;
        }
        let x = DVector::from_column_slice(&[1.0, iris.features[(i, 2)], iris.features[(i, 3)]]);
        let z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
        let p = 1.0 / (1.0 + (-z).exp());
        h += &x * x.transpose() * (p * (1.0 - p));
    }
    h
}

/// Hessian in (μ, σ) of the Gaussian negative log-likelihood n·ln σ + Σ(xᵢ − μ)²/(2σ²) of
/// the Iris sepal lengths.
fn iris_gaussian_nll_hessian(p: &[f64]) -> DMatrix<f64> {
    let (mu, sigma) = (p[0], p[1]);
    let iris = mathlings_models::datasets::iris();
    let xs = iris.features.column(0);
    let n = xs.len() as f64;
    let s1: f64 = xs.iter().map(|x| x - mu).sum();
    let s2: f64 = xs.iter().map(|x| (x - mu) * (x - mu)).sum();
    let cross = 2.0 * s1 / sigma.powi(3);
    square(&[n / (sigma * sigma), cross, cross, -n / (sigma * sigma) + 3.0 * s2 / sigma.powi(4)])
}

fn psd_call(h: &DMatrix<f64>) -> String {
    format!("is_positive_semidefinite(&{})", show::matrix(h))
}

fn convex_call(name: &str, ps: &[Vec<f64>]) -> String {
    format!("is_convex_on({name}, {})", points(ps))
}

/// A symmetric Q·diag(λ)·Qᵀ (n ≤ 5, each λ 0 or ±[0.1, 10]) and whether it is PSD.
fn symmetric(
    n: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (DMatrix<f64>, bool)> + Clone {
    common::symmetric_with_eigenvalues(n, MIN_NONZERO_EIGENVALUE, [3, 1, 2])
        .prop_map(|(h, eigenvalues)| (h, eigenvalues.iter().all(|&l| l >= 0.0)))
}

fn expect_bool(got: &Result<bool, CalculusError>, want: bool) -> Verdict {
    expect::that(matches!(got, Ok(b) if *b == want), show::result(got), format!("Ok({want})"))
}

/// Whether the learner finds `h` PSD is `want`.
fn psd_is(imp: &Impl, h: &DMatrix<f64>, want: bool) -> Verdict {
    expect_bool(&(imp.is_positive_semidefinite)(h), want)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_convexity",
        properties: vec![
            Property::named("psd_iff_eigenvalues_nonnegative", 3)
                .description("a random symmetric Q·diag(λ)·Qᵀ (n ≤ 5, each λ zero or |λ| ≥ 0.1) is PSD exactly when every λ ≥ 0")
                .check(|imp, ctx| {
                    ctx.forall(symmetric(1..=5), |(h, _)| psd_call(h), |(h, want)| psd_is(imp, h, *want))
                }),
            Property::named("quadratic_matches_reference", 2)
                .description("½xᵀAx is convex on random points exactly when A is PSD, as the reference's finite-difference test says")
                .check(|imp, ctx| {
                    let case = (1..=4usize).prop_flat_map(|n| {
                        let points = proptest::collection::vec(proptest::collection::vec(-3.0..3.0f64, n), 1..4);
                        (symmetric(n..=n), points)
                    });
                    ctx.forall(
                        case,
                        |((a, _), ps)| convex_call(&format!("hessian of ½xᵀAx with A = {}", show::matrix(a)), ps),
                        |((a, _), ps)| {
                            let f = |x: &[f64]| {
                                let v = DVector::from_column_slice(x);
                                0.5 * v.dot(&(a * &v))
                            };
                            let want = mathlings_calculus::is_convex_on(f, ps, REFERENCE_STEP)
                                .expect("reference convexity test");
                            common::set_quadratic(a, &[]);
                            expect_bool(&(imp.is_convex_on)(common::quadratic_hess, ps), want)
                        },
                    )
                }),
            Property::named("semidefinite_is_enough", 2)
                .description("flat directions are allowed: [1 1; 1 1] and 0 are PSD; x⁴ + y⁴ (H = 0 at the origin) and log(eˣ + eʸ + eᶻ) are convex")
                .check(|imp, ctx| {
                    let psd = [
                        (square(&[1.0, 1.0, 1.0, 1.0]), true),
                        (DMatrix::zeros(3, 3), true),
                        (diag(&[0.0, 5.0]), true),
                    ];
                    common::each_case(ctx, &psd, psd_call, |h, want| psd_is(imp, h, want))?;
                    let quartic = vec![vec![0.0, 0.0], vec![1.0, 0.0], vec![-2.0, 0.5]];
                    ctx.once(&convex_call("hessian of x⁴ + y⁴", &quartic), || {
                        expect_bool(&(imp.is_convex_on)(quartic_hessian, &quartic), true)
                    })?;
                    ctx.forall(
                        proptest::collection::vec(proptest::collection::vec(-5.0..5.0f64, 3), 1..5),
                        |ps| convex_call("hessian of log(eˣ + eʸ + eᶻ)", ps),
                        |ps| expect_bool(&(imp.is_convex_on)(log_sum_exp_hessian, ps), true),
                    )
                }),
            Property::named("negative_curvature_found", 2)
                .description("[1 2; 2 1] and diag(0, −1) are not PSD; x² − y², Rosenbrock at (0, 1) and x³ at −0.5 are not convex (x³ on positive points is)")
                .check(|imp, ctx| {
                    let not_psd = [
                        (square(&[1.0, 2.0, 2.0, 1.0]), false),
                        (diag(&[0.0, -1.0]), false),
                        (diag(&[0.0, 1.0, -1.0]), false),
                    ];
                    common::each_case(ctx, &not_psd, psd_call, |h, want| psd_is(imp, h, want))?;
                    let saddle = ("hessian of x² − y²", saddle_hessian as Hessian);
                    let rosenbrock = ("hessian of rosenbrock", rosenbrock_hess as Hessian);
                    let cubic = ("hessian of x³", cubic_hessian as Hessian);
                    let cases = [
                        ((saddle, vec![vec![0.0, 0.0]]), false),
                        ((rosenbrock, vec![vec![1.0, 1.0]]), true),
                        ((rosenbrock, vec![vec![1.0, 1.0], vec![0.0, 1.0]]), false),
                        ((cubic, vec![vec![0.5], vec![1.0], vec![2.0]]), true),
                        ((cubic, vec![vec![1.0], vec![-0.5], vec![2.0]]), false),
                    ];
                    common::each_case(ctx, &cases, |((name, _), ps)| convex_call(name, ps), |((_, hessian), ps), want| {
                        expect_bool(&(imp.is_convex_on)(*hessian, ps), want)
                    })
                }),
            Property::named("tolerances_scale_with_h", 1)
                .description("for c from 1e-8 to 1e8: c·diag(1, −1) is not PSD, c·diag(1, −√ε) is (λ_min = −τ/2) and c·diag(1, −4√ε) is not (−2τ); c·[2 1+δ; 1 2] is PSD for δ = 1e-10 and NotSymmetric for δ = 1e-6")
                .check(|imp, ctx| {
                    // τ = n·√ε·max|hᵢⱼ| = 2√ε·c here and the symmetry tolerance √ε·max|hᵢⱼ| ≈
                    // 3e-8·c: both scale with H, so each case sits a factor ≥ 2 inside or
                    // outside at every c. Eigenvalue or Cholesky errors are ≈ ε·c, far below.
                    let sqrt_eps = f64::EPSILON.sqrt();
                    for c in [1e-8, 1.0, 1e8] {
                        // Some(PSD?), or None for NotSymmetric.
                        let cases = [
                            (diag(&[1.0, -1.0]) * c, Some(false)),
                            (diag(&[1.0, -sqrt_eps]) * c, Some(true)),
                            (diag(&[1.0, -4.0 * sqrt_eps]) * c, Some(false)),
                            (square(&[2.0, 1.0 + 1e-10, 1.0, 2.0]) * c, Some(true)),
                            (square(&[2.0, 1.0 + 1e-6, 1.0, 2.0]) * c, None),
                        ];
                        common::each_case(ctx, &cases, psd_call, |h, want| match want {
                            Some(b) => psd_is(imp, h, b),
                            None => expect_err!(&(imp.is_positive_semidefinite)(h), CalculusError::NotSymmetric),
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("bad matrices (empty, non-square, NaN, non-symmetric) and bad points (none, empty, NaN, mixed lengths, wrong Hessian size) give the typed error")
                .check(|imp, ctx| {
                    rejects!(ctx, |h| psd_call(h) => (imp.is_positive_semidefinite)(h);
                        (&DMatrix::zeros(0, 0)) => CalculusError::Empty,
                        (&DMatrix::zeros(2, 3)) => CalculusError::NotSquare { rows: 2, cols: 3 },
                        (&DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, f64::INFINITY])) => CalculusError::NonFinite,
                        (&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 0.0, 1.0])) => CalculusError::NotSymmetric,
                    )?;
                    let saddle = "hessian of x² − y²";
                    let nan_hessian: Hessian = |_| square(&[1.0, f64::NAN, f64::NAN, 1.0]);
                    rejects!(ctx, |name, hessian, ps| convex_call(name, ps) => (imp.is_convex_on)(hessian, ps);
                        (saddle, saddle_hessian, &vec![]) => CalculusError::Empty,
                        (saddle, saddle_hessian, &vec![vec![]]) => CalculusError::Empty,
                        (saddle, saddle_hessian, &vec![vec![1.0, f64::NAN]]) => CalculusError::NonFinite,
                        ("hessian of x⁴ + y⁴", quartic_hessian, &vec![vec![1.0, 2.0], vec![1.0, 2.0, 3.0]]) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                        (saddle, saddle_hessian, &vec![vec![1.0, 2.0, 3.0]]) => CalculusError::DimensionMismatch { expected: 3, got: 2 },
                        // Only one dimension of the Hessian is wrong: `got` is that one.
                        ("a 2×3 hessian", common::wide_hessian, &vec![vec![1.0, 2.0]]) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                        ("a 3×2 hessian", common::tall_hessian, &vec![vec![1.0, 2.0]]) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                        ("a hessian with NaN entries", nan_hessian, &vec![vec![1.0, 2.0]]) => CalculusError::NonFinite,
                    )
                }),
            Property::named("iris_losses", 1)
                .description("on Iris, the logistic loss is convex while the Gaussian negative log-likelihood is not convex in σ far from the MLE (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let call = "is_convex_on(hessian of the logistic loss / of the Gaussian NLL in (μ, σ), points) on Iris";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let xs = iris.features.column(0);
                        let n = xs.len() as f64;
                        let mu = xs.sum() / n;
                        let sigma = (xs.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / n).sqrt();
                        let logistic = vec![vec![0.0, 0.0, 0.0], vec![-20.0, 2.0, 3.0], vec![-45.0, 5.0, 10.0]];
                        let near = vec![vec![mu, sigma], vec![mu - 0.5, sigma], vec![mu + 0.5, sigma]];
                        let far = vec![vec![mu, sigma], vec![mu, 2.0 * sigma]];
                        let text = format!(
                            "logistic loss, versicolor vs virginica, x = [1, petal length, petal width], at w ∈ {}: {}\n\
                             Gaussian NLL of sepal length at (μ̂, σ̂), (μ̂ ± 0.5, σ̂): {}\n\
                             Gaussian NLL of sepal length at (μ̂, σ̂), (μ̂, 2σ̂): {}\n",
                            points(&logistic),
                            show::result(&(imp.is_convex_on)(iris_logistic_hessian, &logistic)),
                            show::result(&(imp.is_convex_on)(iris_gaussian_nll_hessian, &near)),
                            show::result(&(imp.is_convex_on)(iris_gaussian_nll_hessian, &far)),
                        );
                        ctx.snapshot("iris_losses", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("diagonal_only")
                .explanation("You check that the diagonal entries of the Hessian are ≥ 0. They are the curvatures \
                    along the coordinate axes only: [1 2; 2 1] has diagonal 1, 1 but curves down along (1, −1) \
                    (eigenvalues 3 and −1). PSD means dᵀHd ≥ 0 for every d: test all eigenvalues, or try a Cholesky \
                    factorization of H + τI.")
                .implementation(Impl {
                    is_positive_semidefinite: wrong_psd::<DIAGONAL_ONLY>,
                    is_convex_on: wrong_convex::<DIAGONAL_ONLY>,
                }),
            Misconception::named("leading_minors_only")
                .explanation("You use Sylvester's criterion (leading principal minors) for semidefiniteness. \
                    Positive leading minors do prove positive *definiteness*, but non-negative ones do not prove \
                    semidefiniteness: diag(0, −1) has leading minors 0 and 0 and is not PSD. For PSD, *all* principal \
                    minors must be ≥ 0 — simpler: λ_min ≥ −τ, or Cholesky of H + τI.")
                .implementation(Impl {
                    is_positive_semidefinite: wrong_psd::<LEADING_MINORS_ONLY>,
                    is_convex_on: wrong_convex::<LEADING_MINORS_ONLY>,
                }),
            Misconception::named("requires_definite")
                .explanation("You demand positive definiteness (a plain Cholesky that fails on a zero pivot, or \
                    λ > 0). Convexity only needs semidefiniteness: flat directions are allowed (x⁴ at 0, \
                    log-sum-exp along (1, 1, 1), any linear part). Shift by the tolerance: factor H + τI, \
                    τ = n·√ε·max|hᵢⱼ|.")
                .implementation(Impl {
                    is_positive_semidefinite: wrong_psd::<REQUIRES_DEFINITE>,
                    is_convex_on: wrong_convex::<REQUIRES_DEFINITE>,
                }),
        ],
        probe: |imp| {
            let (mixed, flat) = (square(&[1.0, 2.0, 2.0, 1.0]), square(&[1.0, 1.0, 1.0, 1.0]));
            let matrices = [mixed, diag(&[0.0, -1.0]), flat, square(&[2.0, -1.0, -1.0, 2.0])];
            let mut out: Vec<String> =
                matrices.iter().map(|h| show::result(&(imp.is_positive_semidefinite)(h))).collect();
            let valley = [vec![1.0, 1.0], vec![0.0, 1.0]];
            out.push(show::result(&(imp.is_convex_on)(rosenbrock_hess, &valley)));
            out
        },
    }
}

/// The wrong answers' slips: only the diagonal's signs, only the leading minors, a plain
/// Cholesky (positive definiteness).
const DIAGONAL_ONLY: u8 = 1;
const LEADING_MINORS_ONLY: u8 = 2;
const REQUIRES_DEFINITE: u8 = 3;

/// A PSD test with one slip (input checked like the solution's).
fn wrong_psd<const SLIP: u8>(h: &DMatrix<f64>) -> Result<bool, CalculusError> {
    common::checked_hessian(h)?;
    let tolerance = h.nrows() as f64 * f64::EPSILON.sqrt() * h.amax();
    Ok(match SLIP {
        DIAGONAL_ONLY => h.diagonal().iter().all(|&d| d >= -tolerance),
        LEADING_MINORS_ONLY => (1..=h.nrows()).all(|k| {
            let minor = h.view((0, 0), (k, k)).clone_owned();
            let d = mathlings_linalg::determinant(&minor).unwrap_or(0.0);
            d >= -f64::EPSILON.sqrt() * h.amax().powi(k as i32)
        }),
        _ => mathlings_linalg::cholesky(h).is_ok(),
    })
}

/// The convexity loop of the solution around the slipped PSD test; the points are checked by
/// the reference (on f = 0, whose Hessian is 0 everywhere).
fn wrong_convex<const SLIP: u8>(hessian: Hessian, ps: &[Vec<f64>]) -> Result<bool, CalculusError> {
    mathlings_calculus::is_convex_on(|_| 0.0, ps, 1.0)?;
    let n = ps[0].len();
    for p in ps {
        let h = hessian(p);
        if h.nrows() != n || h.ncols() != n {
            let got = if h.nrows() != n { h.nrows() } else { h.ncols() };
            return Err(CalculusError::DimensionMismatch { expected: n, got });
        }
        if !wrong_psd::<SLIP>(&h)? {
            return Ok(false);
        }
    }
    Ok(true)
}
