//! Checks for 3.3 — Newton's method with a hand-written linear solve.

use std::cell::RefCell;

use mathlings_calculus::CalculusError;

use super::common::{self, quadratic_grad, quadratic_hess, rosenbrock_grad, rosenbrock_hess};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_3_newton::{Grad, Hess, Impl, Run};

/// Gradient tolerance handed to the method: well above the round-off of ∇f near the
/// solutions used here (≈ ε·‖H‖·‖x‖ ≤ 1e-13), so one exact Newton step always meets it.
const TOL: f64 = 1e-9;
/// Agreement of minimizers: the random quadratics have κ ≤ 20, so the solve's forward error
/// is ≤ κ·n·ε·‖x‖ ≈ 1e-13·‖x‖; Newton's fixed points elsewhere agree to ~TOL/λ_min ≤ 1e-8.
const SAME_POINT: Tol = Tol { rel: 1e-7, abs: 1e-7 };

thread_local! {
    /// Which of Anscombe's four sets `anscombe_grad`/`anscombe_hess` fit.
    static ANSCOMBE_SET: RefCell<usize> = const { RefCell::new(0) };
}

/// f = Σ eˣⁱ − 2xᵢ + ½(x₀ − x₁)²: convex, minimizer not in closed form for n ≥ 2.
fn exp_grad(x: &[f64]) -> Vec<f64> {
    let mut g: Vec<f64> = x.iter().map(|v| v.exp() - 2.0).collect();
    if x.len() > 1 {
        g[0] += x[0] - x[1];
        g[1] -= x[0] - x[1];
    }
    g
}
fn exp_hess(x: &[f64]) -> DMatrix<f64> {
    let mut h = DMatrix::from_fn(x.len(), x.len(), |i, j| if i == j { x[i].exp() } else { 0.0 });
    if x.len() > 1 {
        h[(0, 0)] += 1.0;
        h[(1, 1)] += 1.0;
        h[(0, 1)] -= 1.0;
        h[(1, 0)] -= 1.0;
    }
    h
}
/// f = xy + y² − x − 3y: H = [0 1; 1 2] needs a row swap; stationary point (1, 1).
fn zero_pivot_grad(x: &[f64]) -> Vec<f64> {
    vec![x[1] - 1.0, x[0] + 2.0 * x[1] - 3.0]
}
fn zero_pivot_hess(_: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 2.0])
}
/// ½·Σ(w₀ + w₁x − y)² on Anscombe's set `ANSCOMBE_SET`.
fn anscombe_grad(w: &[f64]) -> Vec<f64> {
    let quartet = mathlings_models::datasets::anscombe();
    let (xs, ys) = &quartet.sets[ANSCOMBE_SET.with(|s| *s.borrow())];
    let mut g = vec![0.0, 0.0];
    for (x, y) in xs.iter().zip(ys) {
        let r = w[0] + w[1] * x - y;
        g[0] += r;
        g[1] += r * x;
    }
    g
}
fn anscombe_hess(_: &[f64]) -> DMatrix<f64> {
    let quartet = mathlings_models::datasets::anscombe();
    let (xs, _) = &quartet.sets[ANSCOMBE_SET.with(|s| *s.borrow())];
    let (sx, sxx) = xs.iter().fold((0.0, 0.0), |(s, ss), x| (s + x, ss + x * x));
    DMatrix::from_row_slice(2, 2, &[xs.len() as f64, sx, sx, sxx])
}

fn call(name: &str, x0: &[f64], tol: f64, max_iter: usize) -> String {
    common::optimiser_call("newton_method", name, x0, &[tol], max_iter)
}

fn show_run(r: &Result<Run, CalculusError>) -> String {
    common::minimization(r.as_ref().map(|run| (&run.x[..], run.iterations)))
}

fn expect_point(
    got: &Result<Run, CalculusError>,
    want: &[f64],
    iterations: Option<usize>,
) -> Verdict {
    let ok = matches!(got, Ok(run)
        if run.x.len() == want.len()
            && run.x.iter().zip(want).all(|(&g, &w)| SAME_POINT.accepts(g, w))
            && iterations.is_none_or(|k| run.iterations == k));
    expect::that(
        ok,
        show_run(got),
        format!(
            "Ok(Minimization {{ x: {} (each ± {}), iterations: {}, .. }})",
            show::list(want),
            show::rounded(SAME_POINT.abs, 1),
            iterations.map_or("any".to_string(), |k| k.to_string())
        ),
    )
}

fn quadratic_name(a: &DMatrix<f64>, b: &[f64]) -> String {
    format!("grad/hess of ½xᵀAx − bᵀx with A = {}, b = {}", show::matrix(a), show::floats(b))
}

/// Newton's method on `f` (its name, gradient and Hessian) from x0 must reach `want`, in
/// `steps` iterations if given.
fn reaches(
    imp: &Impl,
    ctx: &Ctx,
    (name, grad, hess): (&str, Grad, Hess),
    (x0, tol, max_iter): (&[f64], f64, usize),
    want: &[f64],
    steps: Option<usize>,
) -> Verdict {
    ctx.once(&call(name, x0, tol, max_iter), || {
        expect_point(&(imp.newton_method)(grad, hess, x0, tol, max_iter), want, steps)
    })
}

/// Newton's method from x0 on ½xᵀAx − bᵀx, with its call: the outcome must pass `check`.
fn on_quadratic(
    imp: &Impl,
    ctx: &Ctx,
    (a, b): (DMatrix<f64>, Vec<f64>),
    x0: &[f64],
    tol: f64,
    check: impl FnOnce(&Result<Run, CalculusError>) -> Verdict,
) -> Verdict {
    ctx.once(&call(&quadratic_name(&a, &b), x0, tol, 50), || {
        common::set_quadratic(&a, &b);
        check(&(imp.newton_method)(quadratic_grad, quadratic_hess, x0, tol, 50))
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_newton",
        properties: vec![
            Property::named("quadratic_in_one_step", 3)
                .description("on a random positive definite quadratic ½xᵀAx − bᵀx (n ≤ 4) one step lands on the minimizer A⁻¹b (iterations = 1)")
                .check(|imp, ctx| {
                    ctx.forall(
                        common::spd_quadratic(),
                        |(a, b, x0)| call(&quadratic_name(a, b), x0, TOL, 50),
                        |(a, b, x0)| {
                            let want = mathlings_linalg::solve(a, &DVector::from_column_slice(b))
                                .expect("reference solve of an SPD system");
                            common::set_quadratic(a, b);
                            let got = (imp.newton_method)(quadratic_grad, quadratic_hess, x0, TOL, 50);
                            let steps = if common::norm(&quadratic_grad(x0)) <= TOL { 0 } else { 1 };
                            expect_point(&got, want.as_slice(), Some(steps))
                        },
                    )
                }),
            Property::named("matches_reference", 2)
                .description("on Σ(eˣⁱ − 2xᵢ) + ½(x₀ − x₁)² and on Rosenbrock from random starts, the same point (to 1e-7), step count (± 1) or error as the reference")
                .check(|imp, ctx| {
                    let case = prop_oneof![
                        (Just(0usize), proptest::collection::vec(-2.0..3.0f64, 1..=4)),
                        (Just(1usize), proptest::collection::vec(-2.0..2.0f64, 2)),
                    ];
                    let functions: [(&str, Grad, Hess); 2] = [
                        ("grad/hess of Σ(eˣⁱ − 2xᵢ) + ½(x₀ − x₁)²", exp_grad, exp_hess),
                        ("grad/hess of rosenbrock", rosenbrock_grad, rosenbrock_hess),
                    ];
                    ctx.forall(
                        case,
                        |(k, x0)| call(functions[*k].0, x0, TOL, 100),
                        |(k, x0)| {
                            let (_, grad, hess) = functions[*k];
                            let want = mathlings_calculus::newton_method(grad, hess, x0, TOL, 100);
                            let got = (imp.newton_method)(grad, hess, x0, TOL, 100);
                            let same = match (&want, &got) {
                                (Ok(w), Ok(g)) => g.iterations.abs_diff(w.iterations) <= 1
                                    && g.x.iter().zip(&w.x).all(|(&a, &b)| SAME_POINT.accepts(a, b)),
                                (Err(w), Err(g)) => std::mem::discriminant(w) == std::mem::discriminant(g),
                                _ => false,
                            };
                            let expected = show::ok_or_err(&want, |w| {
                                format!("Ok(Minimization {{ x: {}, iterations: {} (± 1), .. }})", show::list(&w.x), w.iterations)
                            });
                            expect::that(same, show_run(&got), expected)
                        },
                    )
                }),
            Property::named("rosenbrock_converges", 2)
                .description("from the classic start (−1.2, 1) Newton's method reaches Rosenbrock's minimum (1, 1)")
                .check(|imp, ctx| {
                    let rosenbrock = ("grad/hess of rosenbrock", rosenbrock_grad as Grad, rosenbrock_hess as Hess);
                    reaches(imp, ctx, rosenbrock, (&[-1.2, 1.0], TOL, 100), &[1.0, 1.0], None)
                }),
            Property::named("stops_when_gradient_norm_equals_tol", 1)
                .description("the stopping rule is ‖∇f‖₂ ≤ tol: for f = ½‖x‖² from (3, 4) with tol = 5 no step is taken")
                .check(|imp, ctx| {
                    // ‖(3, 4)‖₂ = 5 exactly (however it is computed), so `<` takes a step.
                    let identity_hess: Hess = |x| DMatrix::identity(x.len(), x.len());
                    let half_norm = ("grad/hess of ½‖x‖²", common::identity_gradient as Grad, identity_hess);
                    reaches(imp, ctx, half_norm, (&[3.0, 4.0], 5.0, 10), &[3.0, 4.0], Some(0))
                }),
            Property::named("pivots_when_needed", 1)
                .description("a Hessian with 0 in its top-left corner (f = xy + y² − x − 3y, H = [0 1; 1 2]) is solved with a row swap: (1, 1) in one step")
                .check(|imp, ctx| {
                    let f = ("grad/hess of xy + y² − x − 3y", zero_pivot_grad as Grad, zero_pivot_hess as Hess);
                    reaches(imp, ctx, f, (&[5.0, -3.0], TOL, 50), &[1.0, 1.0], Some(1))
                }),
            Property::named("pivots_at_every_step", 1)
                .description("a symmetric 4×4 Hessian with zeros where the pivots would be needs row swaps at several steps: one step reaches A⁻¹b = (4, −7, 2, −1)")
                .check(|imp, ctx| {
                    // After the first swap the remaining block is no longer symmetric, so
                    // reading a column as a row (in the pivot search or the update) picks a
                    // zero pivot or subtracts into the wrong entry; found by search over
                    // small integer matrices. The answer is exact in binary.
                    #[rustfmt::skip]
                    let a = common::square(&[
                        0.0, 0.0, 1.0, 1.0,
                        0.0, 0.0, 0.0, 1.0,
                        1.0, 0.0, 0.0, 3.0,
                        1.0, 1.0, 3.0, 2.0,
                    ]);
                    on_quadratic(imp, ctx, (a, vec![1.0, -1.0, 1.0, 1.0]), &[0.0; 4], TOL, |got| {
                        expect_point(got, &[4.0, -7.0, 2.0, -1.0], Some(1))
                    })
                }),
            Property::named("singular_threshold_is_relative", 1)
                .description("c·[2 1; 1 1] is solved in one step for c from 1e-10 to 1e10 (tol = 1e-9·c), while c·[1 0.1; 0.1 0.01], singular up to the rounding of 0.1, is Singular")
                .check(|imp, ctx| {
                    // The documented threshold n·ε·maxᵢⱼ|hᵢⱼ| scales with H: a regular but
                    // tiny Hessian is not singular, and the elimination of [1 0.1; 0.1 0.01]
                    // leaves a pivot 0.01 − 0.1·0.1 ≈ −1.7e-18·c, far below 2ε·c ≈ 4.4e-16·c
                    // (but not exactly 0, so a `pivot == 0.0` test misses it).
                    for c in [1e-10, 1.0, 1e10] {
                        let regular = DMatrix::from_row_slice(2, 2, &[2.0, 1.0, 1.0, 1.0]) * c;
                        on_quadratic(imp, ctx, (regular, vec![c, 2.0 * c]), &[0.0, 0.0], TOL * c, |got| {
                            expect_point(got, &[-1.0, 3.0], Some(1))
                        })?;
                        let singular = DMatrix::from_row_slice(2, 2, &[1.0, 0.1, 0.1, 0.01]) * c;
                        on_quadratic(imp, ctx, (singular, vec![c, c]), &[0.0, 0.0], TOL * c, |got| {
                            expect_err!(got, CalculusError::Singular, shown show_run)
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite x0, tol ≤ 0, max_iter = 0, a gradient of the wrong length, a singular Hessian and a too small budget give the typed error")
                .check(|imp, ctx| {
                    let rosenbrock = "grad/hess of rosenbrock";
                    let flat_grad: Grad = |x| vec![2.0 * x[0], 0.0 * x[1]];
                    let flat_hess: Hess = |_| DMatrix::from_row_slice(2, 2, &[2.0, 0.0, 0.0, 0.0]);
                    let zero_hess: Hess = |_| DMatrix::zeros(2, 2);
                    rejects!(ctx,
                        |name, grad, hess, x0, tol, max_iter| call(name, x0, tol, max_iter)
                            => (imp.newton_method)(grad, hess, x0, tol, max_iter);
                        (rosenbrock, rosenbrock_grad, rosenbrock_hess, &[], TOL, 10) => CalculusError::Empty,
                        (rosenbrock, rosenbrock_grad, rosenbrock_hess, &[f64::NAN, 1.0], TOL, 10) => CalculusError::NonFinite,
                        ("a NaN gradient, hess of rosenbrock", common::nan_grad, rosenbrock_hess, &[1.0, 2.0], TOL, 10) => CalculusError::NonFinite,
                        (rosenbrock, rosenbrock_grad, rosenbrock_hess, &[0.0, 0.0], 0.0, 10) => CalculusError::InvalidParameter { name: "tol", .. },
                        (rosenbrock, rosenbrock_grad, rosenbrock_hess, &[0.0, 0.0], TOL, 0) => CalculusError::InvalidParameter { name: "max_iter", .. },
                        ("a gradient of length 1, hess of rosenbrock", common::short_grad, rosenbrock_hess, &[0.0, 0.0], TOL, 10) => CalculusError::DimensionMismatch { expected: 2, got: 1 },
                        ("grad of rosenbrock, a 2×3 hess", rosenbrock_grad, common::wide_hessian, &[0.0, 0.0], TOL, 10) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                        ("grad of rosenbrock, a 3×2 hess", rosenbrock_grad, common::tall_hessian, &[0.0, 0.0], TOL, 10) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                        ("grad/hess of x² on ℝ²", flat_grad, flat_hess, &[1.0, 1.0], TOL, 10) => CalculusError::Singular,
                        ("grad of rosenbrock, hess = 0 (|pivot| = 0 ≤ n·ε·0)", rosenbrock_grad, zero_hess, &[0.0, 0.0], TOL, 10) => CalculusError::Singular,
                        (rosenbrock, rosenbrock_grad, rosenbrock_hess, &[-1.2, 1.0], TOL, 1) => CalculusError::NoConvergence { iterations: 1 },
                    )
                }),
            Property::named("anscombe_least_squares", 1)
                .description("least squares ½Σ(w₀ + w₁x − y)² on each of Anscombe's four sets is solved in one step: y ≈ 3.00 + 0.500x (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let call = "newton_method(grad/hess of ½Σ(w₀ + w₁x − y)² on Anscombe set k, &[0.0, 0.0], 1e-9, 10) for k = 0..4";
                    ctx.once(call, || {
                        let mut text = String::new();
                        for set in 0..4 {
                            ANSCOMBE_SET.with(|s| *s.borrow_mut() = set);
                            let got = (imp.newton_method)(anscombe_grad, anscombe_hess, &[0.0, 0.0], TOL, 10);
                            let fit = show::ok_or_err(&got, |run| {
                                let [w0, w1] = [0, 1].map(|i| show::rounded(run.x[i], 8));
                                format!("intercept = {w0}, slope = {w1}, iterations = {}", run.iterations)
                            });
                            text += &format!("set {}: {fit}\n", set + 1);
                        }
                        ctx.snapshot("anscombe_least_squares", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("plus_step")
                .explanation("You step to x + H⁻¹∇f. The Newton step is the stationary point of the quadratic \
                    model, ∇f + H d = 0, so d = −H⁻¹∇f: with the plus sign every step goes the wrong way and on a \
                    quadratic the distance to the minimizer doubles each time. Solve H d = ∇f and set x ← x − d.")
                .implementation(Impl { newton_method: wrong::<PLUS_STEP> }),
            Misconception::named("inverse_diagonal_only")
                .explanation("You divide each gradient component by the matching diagonal entry of H \
                    (xᵢ −= gᵢ/hᵢᵢ). That ignores how the coordinates are coupled (the off-diagonal entries), so it is \
                    not Newton's method: it needs many steps on a quadratic that Newton solves in one, and it can \
                    diverge. Solve the full system H d = ∇f.")
                .implementation(Impl { newton_method: wrong::<DIAGONAL_ONLY> }),
            Misconception::named("no_pivoting")
                .explanation("Your elimination divides by whatever is on the diagonal. A perfectly invertible \
                    Hessian such as [0 1; 1 2] (from f = xy + y² − x − 3y) has a zero there, and you divide by 0. \
                    Before eliminating column k, swap up the row with the largest |entry| in that column.")
                .implementation(Impl { newton_method: wrong::<NO_PIVOTING> }),
        ],
        probe: |imp| {
            common::set_quadratic(&DMatrix::from_row_slice(2, 2, &[4.0, 1.0, 1.0, 3.0]), &[1.0, 2.0]);
            let coupled = (imp.newton_method)(quadratic_grad, quadratic_hess, &[0.0, 0.0], TOL, 50);
            let pivot = (imp.newton_method)(zero_pivot_grad, zero_pivot_hess, &[5.0, -3.0], TOL, 50);
            let x = |run: &Run| run.x.iter().map(|v| show::rounded(*v, 6)).collect::<Vec<_>>();
            let shown = |run: &Run| format!("{} steps to {:?}", run.iterations, x(run));
            [coupled, pivot].iter().map(|r| show::ok_or_debug(r, shown)).collect()
        },
    }
}

/// The wrong answers' steps: +H⁻¹g, −gᵢ/hᵢᵢ, −H⁻¹g by elimination without row swaps.
const PLUS_STEP: u8 = 1;
const DIAGONAL_ONLY: u8 = 2;
const NO_PIVOTING: u8 = 3;

/// Newton's loop (input checked by the reference) taking the slipped step.
fn wrong<const SLIP: u8>(
    grad: Grad,
    hess: Hess,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
) -> Result<Run, CalculusError> {
    mathlings_calculus::newton_method(common::zero_grad, hess, x0, tol, max_iter)?;
    let n = x0.len();
    common::descend(grad, x0, tol, max_iter, |x, g, _| {
        let h = hess(x);
        if h.nrows() != n || h.ncols() != n {
            let got = if h.nrows() != n { h.nrows() } else { h.ncols() };
            return Err(CalculusError::DimensionMismatch { expected: n, got });
        }
        let step: Vec<f64> = match SLIP {
            PLUS_STEP => {
                let d = mathlings_linalg::solve(&h, &DVector::from_column_slice(g));
                d.map_err(CalculusError::from)?.iter().copied().collect()
            }
            DIAGONAL_ONLY => g.iter().enumerate().map(|(i, gi)| -gi / h[(i, i)]).collect(),
            _ => unpivoted_step(&h, g),
        };
        for (xi, di) in x.iter_mut().zip(&step) {
            *xi += di;
        }
        Ok(())
    })
    .map(|(x, iterations, gradient_norm)| Run { x, iterations, gradient_norm })
}

/// −H⁻¹g by Gaussian elimination without row swaps.
fn unpivoted_step(h: &DMatrix<f64>, g: &[f64]) -> Vec<f64> {
    let n = g.len();
    let (mut a, mut b) = (h.clone(), g.to_vec());
    for k in 0..n {
        for i in k + 1..n {
            let factor = a[(i, k)] / a[(k, k)];
            for j in k..n {
                a[(i, j)] -= factor * a[(k, j)];
            }
            b[i] -= factor * b[k];
        }
    }
    let mut d = vec![0.0; n];
    for i in (0..n).rev() {
        let tail: f64 = (i + 1..n).map(|j| a[(i, j)] * d[j]).sum();
        d[i] = (b[i] - tail) / a[(i, i)];
    }
    d.iter().map(|v| -v).collect()
}
