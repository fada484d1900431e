//! Checks for 2.3 — solving A x = b by LU with partial pivoting.
//!
//! What discriminates solving through an explicit inverse: the *backward error*
//! η = ‖b − A x̂‖∞ / (‖A‖∞ ‖x̂‖∞ + ‖b‖∞). LU with partial pivoting keeps η ≈ n·ε for any A;
//! x̂ = A⁻¹b only bounds the residual by ≈ n·ε·κ(A)·‖b‖, so when b = A x for a moderate x
//! (‖A‖‖x‖ ≈ ‖b‖) its η grows like ε·κ(A) — about 1e-6 for a Hilbert matrix of order 8.
//! Both methods have similar *forward* errors, so comparing x̂ with the exact solution
//! would not tell them apart.

use mathlings_linalg::LinalgError;

use super::matrices::{
    AT_THRESHOLD, NOISE, copy_row, guarded, inf_norm, largest_pivot_matters, noisy_singular,
    pivot_row, pivots_at_threshold, singular, square, with_zeros,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_3_solve::Impl;
use mathlings_bindings::p2_linalg::s2_3_solve::VectorResult;

/// Backward error bound: partial pivoting gives η ≲ c·n·ε·(growth) with growth small in
/// practice; n ≤ 9 makes that ≲ 1e-14. 1e-12 leaves a factor ~100 and is still 10⁶ below
/// what x = A⁻¹b reaches on the ill-conditioned systems.
const BACKWARD: f64 = 1e-12;
/// Forward error relative to ‖x‖∞, per unit of condition number: κ·n·ε ≈ κ·2e-15 for n ≤ 8;
/// 1e-13·κ leaves a factor 50.
const FORWARD_PER_KAPPA: f64 = 1e-13;

fn call(a: &DMatrix<f64>, b: &DVector<f64>) -> String {
    format!("solve(&{}, &{})", show::matrix(a), show::vector(b))
}

/// η = ‖b − A x‖∞ / (‖A‖∞ ‖x‖∞ + ‖b‖∞).
fn backward_error(a: &DMatrix<f64>, b: &DVector<f64>, x: &DVector<f64>) -> f64 {
    let r = b - a * x;
    r.amax() / (inf_norm(a) * x.amax() + b.amax())
}

/// `got` must be Ok with backward error ≤ [`BACKWARD`].
fn small_residual(a: &DMatrix<f64>, b: &DVector<f64>, got: &VectorResult) -> Verdict {
    match got {
        Ok(x) if x.len() == b.len() => {
            let eta = backward_error(a, b, x);
            let (shown, eta_shown) = (show::outcome(got), show::rounded(eta, 3));
            let returned =
                format!("{shown} with backward error ‖b − Ax‖∞/(‖A‖∞‖x‖∞ + ‖b‖∞) = {eta_shown}");
            let expected = format!("an x with backward error ≤ {BACKWARD:e}");
            expect::that(eta <= BACKWARD, returned, expected)
        }
        _ => expect::fail(show::outcome(got), "Ok(x) with one entry per row of A"),
    }
}

/// A random system of size 1–8.
fn system() -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    (1..=8usize).prop_flat_map(|n| {
        (
            strategies::matrix(n, n),
            proptest::collection::vec(-10.0..10.0f64, n).prop_map(DVector::from_vec),
        )
    })
}

/// A system whose matrix needs row swaps (exact zeros, see [`with_zeros`]).
fn zero_pivot_system() -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    with_zeros(2..=8).prop_flat_map(|a| {
        let n = a.nrows();
        (Just(a), proptest::collection::vec(-10.0..10.0f64, n).prop_map(DVector::from_vec))
    })
}

fn hilbert(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| 1.0 / (i + j + 1) as f64)
}

/// The systems of `systems` whose matrix the reference can solve with.
fn invertible(
    systems: impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone,
) -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> + Clone {
    systems.prop_filter("invertible", |(a, _)| {
        mathlings_linalg::solve(a, &DVector::from_element(a.nrows(), 1.0)).is_ok()
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_3_solve",
        properties: vec![
            Property::named("small_residual", 3)
                .description("the backward error ‖b − Ax‖∞/(‖A‖∞‖x‖∞ + ‖b‖∞) is ≤ 1e-12 on random systems up to 8×8")
                .check(|imp, ctx| {
                    ctx.forall(invertible(system()), |(a, b)| call(a, b), |(a, b)| small_residual(a, b, &(imp.solve)(a, b)))
                }),
            Property::named("matches_reference", 2)
                .description("x equals the reference solution to 1e-13·κ(A)·‖x‖∞")
                .check(|imp, ctx| {
                    ctx.forall(invertible(system()), |(a, b)| call(a, b), |(a, b)| {
                        let want = mathlings_linalg::solve(a, b).expect("reference solve");
                        let kappa = mathlings_linalg::condition_number(a).expect("reference condition number");
                        let tol = FORWARD_PER_KAPPA * kappa * want.amax() + 1e-300;
                        let got = (imp.solve)(a, b);
                        expect::that(
                            matches!(&got, Ok(x) if x.len() == want.len() && (x - &want).amax() <= tol),
                            show::outcome(&got),
                            format!("Ok({}) (each ± {})", show::vector(&want), show::rounded(tol, 2)),
                        )
                    })
                }),
            Property::named("zero_pivots", 2)
                .description("systems with exact zeros on and off the diagonal (which need row swaps), and one whose column holds 1, 2 and 1e-10 (the pivot must be the largest, 2), are solved accurately")
                .check(|imp, ctx| {
                    let swap = square(&[0.0, 1.0, 1.0, 0.0]);
                    let tiny = largest_pivot_matters();
                    let tiny_b = &tiny * DVector::from_element(3, 1.0);
                    for (a, b) in [(swap, DVector::from_vec(vec![2.0, 3.0])), (tiny, tiny_b)] {
                        ctx.once(&call(&a, &b), || small_residual(&a, &b, &(imp.solve)(&a, &b)))?;
                    }
                    ctx.forall(invertible(zero_pivot_system()), |(a, b)| call(a, b), |(a, b)| small_residual(a, b, &(imp.solve)(a, b)))
                }),
            Property::named("ill_conditioned_backward_stable", 2)
                .description("on Hilbert systems H x = b (orders 6–9, κ up to 5e11) with b = H·x₀, the backward error stays ≤ 1e-12 (solving through H⁻¹ gives ≈ ε·κ)")
                .check(|imp, ctx| {
                    let input = (6..=9usize).prop_flat_map(|n| {
                        proptest::collection::vec(-10i32..=10, n)
                            .prop_filter("x₀ ≠ 0", |x| x.iter().any(|&v| v != 0))
                            .prop_map(move |x| DVector::from_iterator(n, x.into_iter().map(f64::from)))
                    });
                    ctx.forall(
                        input,
                        |x0| {
                            let (n, x, b) = (x0.len(), show::vector(x0), show::vector(&(hilbert(x0.len()) * x0)));
                            format!("solve(&h, &(&h * {x})) with h = DMatrix::from_fn({n}, {n}, |i, j| 1.0 / (i + j + 1) as f64) (Hilbert), b = {b}")
                        },
                        |x0| {
                            let h = hilbert(x0.len());
                            let b = &h * x0;
                            small_residual(&h, &b, &(imp.solve)(&h, &b))
                        },
                    )
                }),
            Property::named("singular_rejected", 1)
                .description("singular matrices (a row that is a power-of-two multiple of another, [1 2 3; 4 5 6; 7 8 9], a rank-1 uvᵀ) give LinalgError::Singular")
                .check(|imp, ctx| {
                    let input = (system(), 0..8usize, 0..8usize, -2i32..=2, proptest::bool::ANY)
                        .prop_filter("n ≥ 2", |((a, _), ..)| a.nrows() >= 2)
                        .prop_map(|((mut a, b), i, j, s, negative)| {
                            copy_row(&mut a, i, j, 2f64.powi(s) * if negative { -1.0 } else { 1.0 });
                            (a, b)
                        });
                    ctx.forall(input, |(a, b)| call(a, b), |(a, b)| singular(&(imp.solve)(a, b), ""))?;
                    for a in noisy_singular() {
                        let b = DVector::from_element(a.nrows(), 1.0);
                        ctx.once(&call(&a, &b), || singular(&(imp.solve)(&a, &b), NOISE))?;
                    }
                    Ok(())
                }),
            Property::named("singular_threshold", 1)
                .description("a pivot exactly at n·ε·max|aᵢⱼ| counts as zero and one just above does not: s·diag(1, 1, 3ε) is singular, s·diag(1, 1, 4ε) is solved, for s = 1, 2⁻³⁰, 2³⁰")
                // Catches `|pivot| < threshold` for the documented `≤` (and a threshold
                // that does not scale with A).
                .check(|imp, ctx| {
                    for (a, is_singular) in pivots_at_threshold() {
                        let b = DVector::from_element(3, 1.0);
                        ctx.once(&call(&a, &b), || {
                            let got = (imp.solve)(&a, &b);
                            if is_singular { singular(&got, AT_THRESHOLD) } else { small_residual(&a, &b, &got) }
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square or non-finite A, a b of the wrong length or with NaN/±∞ give the typed error, never a panic")
                .check(|imp, ctx| {
                    let a = square(&[2.0, 1.0, 1.0, 3.0]);
                    let b = DVector::from_vec(vec![1.0, 2.0]);
                    let mut nan_a = a.clone();
                    nan_a[(0, 1)] = f64::NAN;
                    rejects!(ctx, |a, b| call(a, b) => (imp.solve)(a, b), shown show::outcome;
                        (&DMatrix::zeros(0, 0), &DVector::zeros(0)) => LinalgError::Empty,
                        (&nan_a, &b) => LinalgError::NonFinite,
                        (&DMatrix::from_element(2, 3, 1.0), &b) => LinalgError::NotSquare { rows: 2, cols: 3 },
                        (&a, &DVector::from_vec(vec![1.0, 2.0, 3.0])) => LinalgError::ShapeMismatch { left: (2, 2), right: (3, 1) },
                        (&a, &DVector::from_vec(vec![1.0, f64::INFINITY])) => LinalgError::NonFinite,
                    )
                }),
            Property::named("iris_normal_equations", 1)
                .description("the least-squares fit of Iris petal width on the other three features, from the normal equations (XᵀX) β = Xᵀy, matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "solve(&(xᵀx), &(xᵀy)) with x = [1, sepal length, sepal width, petal length], y = petal width (Iris)";
                    ctx.once(call, || {
                        let f = mathlings_models::datasets::iris().features;
                        let x = DMatrix::from_fn(150, 4, |i, j| if j == 0 { 1.0 } else { f[(i, j - 1)] });
                        let y = f.column(3).into_owned();
                        let (xtx, xty) = (x.transpose() * &x, x.transpose() * y);
                        let text = match (imp.solve)(&xtx, &xty) {
                            Ok(beta) if beta.len() == 4 => {
                                let [b0, b1, b2, b3] = [0, 1, 2, 3].map(|i| show::rounded(beta[i], 8));
                                format!("intercept {b0}, sepal length {b1}, sepal width {b2}, petal length {b3}\n")
                            }
                            other => format!("{}\n", show::outcome(&other)),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("no_pivoting")
                .explanation("Your elimination divides by whatever is on the diagonal. A zero pivot (A = [0 1; 1 0]) \
                    gives ∞/NaN, and a tiny one destroys the accuracy. Partial pivoting: before eliminating \
                    column k, swap up the row (i ≥ k) with the largest |aᵢₖ| — in A and in b.")
                .implementation(Impl { solve: |a, b| eliminate(a, b, false) }),
            Misconception::named("solve_via_inverse")
                .explanation("Your x has a large residual ‖b − Ax‖ on ill-conditioned systems: it looks computed as \
                    A⁻¹·b. Forming the inverse costs 3× the work and is not backward stable: its residual grows \
                    with the condition number κ(A) (≈ 1e-6 relative for a Hilbert matrix of order 8), while \
                    elimination with partial pivoting followed by back substitution keeps it at rounding level. \
                    Never invert to solve: eliminate on [A | b] and back-substitute.")
                .implementation(Impl { solve: |a, b| validate(a, b).and_then(|()| Ok(mathlings_linalg::inverse(a)? * b)) }),
            Misconception::named("singular_by_exact_zero")
                .explanation("Your solver only calls a matrix singular when a pivot is exactly 0.0. After rounding, \
                    a singular matrix such as [1 2 3; 4 5 6; 7 8 9] leaves a last pivot of about 1e-16 instead of \
                    0, and dividing by it returns a meaningless, huge x. Treat |pivot| ≤ n·ε·max|aᵢⱼ| \
                    (ε = f64::EPSILON) as zero and return Err(LinalgError::Singular).")
                .implementation(Impl { solve: |a, b| eliminate(a, b, true) }),
        ],
        probe: |imp| {
            let outcome = |a: &DMatrix<f64>, b: &DVector<f64>| {
                guarded(|| match (imp.solve)(a, b) {
                    Ok(x) if !x.iter().all(|v| v.is_finite()) => "non-finite".into(),
                    Ok(x) if backward_error(a, b, &x) <= BACKWARD => "accurate".into(),
                    Ok(_) => "inaccurate".into(),
                    Err(e) => format!("{e:?}"),
                })
            };
            let swap = square(&[0.0, 1.0, 1.0, 0.0]);
            let h = hilbert(8);
            let b = &h * DVector::from_fn(8, |i, _| (i % 3) as f64 - 1.0);
            let nine = square(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
            vec![
                outcome(&swap, &DVector::from_vec(vec![2.0, 3.0])),
                outcome(&h, &b),
                outcome(&nine, &DVector::from_element(3, 1.0)),
            ]
        },
    }
}

/// The reference's input checks: its errors other than `Singular`.
fn validate(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<(), LinalgError> {
    match mathlings_linalg::solve(a, b) {
        Err(e) if e != LinalgError::Singular => Err(e),
        _ => Ok(()),
    }
}

/// Elimination on [A | b], back substitution; with `pivot`, row swaps and exact-0 singularity.
fn eliminate(a: &DMatrix<f64>, b: &DVector<f64>, pivot: bool) -> VectorResult {
    validate(a, b)?;
    let n = a.nrows();
    let (mut u, mut y) = (a.clone(), b.clone());
    for k in 0..n {
        if pivot {
            let p = pivot_row(&u, k, k);
            if u[(p, k)] == 0.0 {
                return Err(LinalgError::Singular);
            }
            u.swap_rows(p, k);
            y.swap_rows(p, k);
        }
        for i in k + 1..n {
            let factor = u[(i, k)] / u[(k, k)];
            for j in k..n {
                u[(i, j)] -= factor * u[(k, j)];
            }
            y[i] -= factor * y[k];
        }
    }
    let mut x = DVector::zeros(n);
    for i in (0..n).rev() {
        let tail: f64 = (i + 1..n).map(|j| u[(i, j)] * x[j]).sum();
        x[i] = (y[i] - tail) / u[(i, i)];
    }
    Ok(x)
}
