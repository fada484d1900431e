//! Checks for 3.1 — gradient descent with a fixed learning rate.

use mathlings_calculus::CalculusError;

use super::common;
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_1_gradient_descent::{Descent, Impl};

use mathlings_bindings::objectives::{
    descent_gradient_1, descent_gradient_2, descent_matrix_1, descent_matrix_2, descent_rhs,
};

struct Problem {
    name: &'static str,
    grad: fn(&[f64]) -> Vec<f64>,
    matrix: fn(usize) -> DMatrix<f64>,
}

const PROBLEMS: [Problem; 2] = [
    Problem {
        name: "grad_1 /* x ↦ S₁x − b, S₁ = BBᵀ/n + I */",
        grad: descent_gradient_1,
        matrix: descent_matrix_1,
    },
    Problem {
        name: "grad_2 /* x ↦ S₂x − b, S₂ = diag(1..n) + ½𝟙𝟙ᵀ */",
        grad: descent_gradient_2,
        matrix: descent_matrix_2,
    },
];

/// The largest eigenvalue L of the problem's matrix.
fn lipschitz(p: &Problem, n: usize) -> f64 {
    (p.matrix)(n).symmetric_eigen().eigenvalues.max()
}

/// The minimiser S⁻¹b (the oracle, by nalgebra's LU).
fn minimiser(p: &Problem, n: usize) -> Vec<f64> {
    let x = (p.matrix)(n).lu().solve(&descent_rhs(n)).expect("S is positive definite");
    x.as_slice().to_vec()
}

fn call(p: &Problem, x0: &[f64], eta: f64, tol: f64, max_iter: usize) -> String {
    format!(
        "gradient_descent({}, {}, {}, {}, {max_iter})",
        p.name,
        show::floats(x0),
        show::rounded(eta, 6),
        show::float(tol)
    )
}

/// The call of gradient descent on a case of [`setup`] with this tolerance.
fn setup_call(case: &(usize, Vec<f64>, f64), tol: f64) -> String {
    let (p, eta) = problem(case);
    call(p, &case.1, eta, tol, BUDGET)
}

/// A case of [`setup`]: its problem and learning rate η = c/L.
fn problem((k, x0, c): &(usize, Vec<f64>, f64)) -> (&'static Problem, f64) {
    let p = &PROBLEMS[*k];
    (p, c / lipschitz(p, x0.len()))
}

/// A problem, a start and a learning rate η = c/L.
fn setup(c: std::ops::Range<f64>) -> impl Strategy<Value = (usize, Vec<f64>, f64)> + Clone {
    (0..2usize, common::point(1..=5, -5.0, 5.0), c)
}

/// Stopping at ‖∇f‖ ≤ TOL puts x within TOL/λ_min ≤ TOL of the minimiser (λ_min ≥ 1 for
/// S₁, S₂); 1e-9 + 1e-7·‖x*‖ on top allows for the rounding of the oracle's solve.
const TOL: f64 = 1e-10;
const NEAR: Tol = Tol { rel: 1e-7, abs: 1e-9 };
/// Plenty of steps: with η ≥ 0.2/L and condition numbers ≤ 10, ~3000 steps suffice.
const BUDGET: usize = 100_000;

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_1_gradient_descent",
        properties: vec![
            Property::named("reaches_minimiser", 3)
                .description("on convex quadratics ½xᵀSx − bᵀx (n ≤ 5) with η = c/L, c ∈ [0.2, 1.8], the result is the minimiser S⁻¹b (solved by nalgebra) to 1e-7")
                .check(|imp, ctx| {
                    ctx.forall(setup(0.2..1.8), |case| setup_call(case, TOL), |case @ (_, x0, _)| {
                        let (p, eta) = problem(case);
                        let got = (imp.gradient_descent)(p.grad, x0, eta, TOL, BUDGET);
                        expect::all_close(&got, &minimiser(p, x0.len()), NEAR)
                    })
                }),
            Property::named("matches_reference", 2)
                .description("agrees with the reference gradient_descent (same problem, start, η, tol = 1e-6) to 1e-6")
                .check(|imp, ctx| {
                    ctx.forall(setup(0.2..1.8), |case| setup_call(case, 1e-6), |case @ (_, x0, _)| {
                        let (p, eta) = problem(case);
                        let want = mathlings_calculus::gradient_descent(p.grad, x0, eta, 1e-6, BUDGET)
                            .expect("reference converges");
                        let got = (imp.gradient_descent)(p.grad, x0, eta, 1e-6, BUDGET);
                        // Both stop within 1e-6/λ_min ≤ 1e-6 of the minimiser.
                        expect::all_close(&got, &want.x, Tol { rel: 0.0, abs: 2e-6 })
                    })
                }),
            Property::named("diverges_above_2_over_l", 2)
                .description("with η = c/L, c ∈ [2.2, 3] (above 2/L) the iterates blow up: the answer is Err(NoConvergence { .. }), never a NaN/∞ point as Ok")
                .check(|imp, ctx| {
                    let away = setup(2.2..3.0).prop_filter(
                        "start away from the minimiser",
                        |(k, x0, _)| {
                            let m = minimiser(&PROBLEMS[*k], x0.len());
                            x0.iter().zip(&m).any(|(a, b)| (a - b).abs() > 0.1)
                        },
                    );
                    ctx.forall(away, |case| setup_call(case, TOL), |case @ (_, x0, _)| {
                        let (p, eta) = problem(case);
                        let got = (imp.gradient_descent)(p.grad, x0, eta, TOL, BUDGET);
                        expect_err!(&got, CalculusError::NoConvergence { .. })
                    })
                }),
            Property::named("stops_when_gradient_norm_equals_tol", 1)
                .description("the stopping rule is ‖∇f‖₂ ≤ tol: for f = ½‖x‖² from (3, 4) with tol = 5 no step is taken")
                .check(|imp, ctx| {
                    // ‖(3, 4)‖₂ = 5 exactly (however it is computed), so `<` takes a step.
                    let x0 = [3.0, 4.0];
                    ctx.once(
                        "gradient_descent(|x| x.to_vec() /* ∇ of ½‖x‖² */, &[3.0, 4.0], 0.5, 5.0, 10)",
                        || {
                            let got =
                                (imp.gradient_descent)(common::identity_gradient, &x0, 0.5, 5.0, 10);
                            expect::that(
                                matches!(&got, Ok(x) if x.as_slice() == x0),
                                show::result(&got),
                                "Ok([3.0, 4.0]) (the start, untouched)",
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty x0 → Empty; NaN in x0 → NonFinite; η or tol ≤ 0 / NaN → InvalidParameter naming it; max_iter = 0 → InvalidParameter; a gradient of the wrong length → DimensionMismatch; too few steps → NoConvergence")
                .check(|imp, ctx| {
                    let p = &PROBLEMS[1];
                    let gd = imp.gradient_descent;
                    rejects!(ctx, |x0, eta, tol, max_iter| call(p, x0, eta, tol, max_iter) => gd(p.grad, x0, eta, tol, max_iter);
                        (&[], 0.1, 1e-8, 100) => CalculusError::Empty,
                        (&[1.0, f64::NAN], 0.1, 1e-8, 100) => CalculusError::NonFinite,
                        (&[1.0, 1.0], 0.0, 1e-8, 100) => CalculusError::InvalidParameter { name: "learning_rate", .. },
                        (&[1.0, 1.0], f64::NAN, 1e-8, 100) => CalculusError::InvalidParameter { name: "learning_rate", .. },
                        (&[1.0, 1.0], 0.1, -1.0, 100) => CalculusError::InvalidParameter { name: "tol", .. },
                        (&[1.0, 1.0], 0.1, 1e-8, 0) => CalculusError::InvalidParameter { name: "max_iter", .. },
                        (&[1.0, 1.0], 0.01, 1e-12, 3) => CalculusError::NoConvergence { .. },
                    )?;
                    let wrong_length: fn(&[f64]) -> Vec<f64> = |x| vec![0.5; x.len() + 1];
                    rejects!(ctx,
                        |grad| "gradient_descent(|x| vec![0.5; x.len() + 1], &[1.0, 1.0], 0.1, 1e-8, 100)"
                            => gd(grad, &[1.0, 1.0], 0.1, 1e-8, 100);
                        (wrong_length) => CalculusError::DimensionMismatch { expected: 2, got: 3 },
                    )
                }),
            Property::named("anscombe_line_snapshot", 1)
                .description("minimising the mean squared error of a line on Anscombe's first set from θ = (0, 0) with η = 0.005 finds y ≈ 3.0001 + 0.50009x (stored snapshot)")
                .check(|imp, ctx| {
                    let call =
                        "gradient_descent(anscombe_mse_gradient, &[0.0, 0.0], 0.005, 1e-9, 100000)";
                    ctx.once(call, || {
                        let got = (imp.gradient_descent)(common::anscombe_mse_gradient, &[0.0, 0.0], 0.005, 1e-9, 100_000);
                        let text = show::ok_or_debug(&got, |theta| {
                            let [w0, w1] = [0, 1].map(|i| show::rounded(theta[i], 7));
                            format!("intercept = {w0}, slope = {w1}")
                        });
                        ctx.snapshot("anscombe", call, &(text + "\n"))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("gradient_ascent")
                .explanation("Your iterates move uphill: x ← x + η·∇f is gradient *ascent*. The gradient points in \
                    the direction of steepest increase, so step against it: x ← x − η·∇f(x).")
                .implementation(Impl {
                    // Correct loop and checks (input checked by the reference), but x ← x + η·∇f.
                    gradient_descent: |grad, x0, eta, tol, max_iter| {
                        mathlings_calculus::gradient_descent(common::zero_grad, x0, eta, tol, max_iter)?;
                        let mut x = x0.to_vec();
                        for iterations in 0..=max_iter {
                            let g = gradient(grad, &x)?;
                            if x.iter().chain(&g).any(|v| !v.is_finite()) {
                                return Err(CalculusError::NoConvergence { iterations });
                            }
                            if common::norm(&g) <= tol {
                                return Ok(x);
                            }
                            x.iter_mut().zip(&g).for_each(|(xi, gi)| *xi += eta * gi);
                        }
                        Err(CalculusError::NoConvergence { iterations: max_iter })
                    },
                }),
            Misconception::named("no_divergence_detection")
                .explanation("With a learning rate above 2/L your function returned Ok with NaN/∞ coordinates. The \
                    iterates overflowed, and a loop like `while norm > tol` stops on NaN because NaN > tol is \
                    false. Check every iterate and gradient with is_finite() and return \
                    Err(CalculusError::NoConvergence { iterations }) when the method diverges.")
                .implementation(Impl {
                    // `while norm > tol { step }` then Ok(x): NaN ends the loop as if converged.
                    gradient_descent: |grad, x0, eta, tol, max_iter| {
                        mathlings_calculus::gradient_descent(common::zero_grad, x0, eta, tol, max_iter)?;
                        let mut x = x0.to_vec();
                        let mut g = gradient(grad, &x)?;
                        let mut iterations = 0;
                        while common::norm(&g) > tol {
                            if iterations == max_iter {
                                return Err(CalculusError::NoConvergence { iterations });
                            }
                            x.iter_mut().zip(&g).for_each(|(xi, gi)| *xi -= eta * gi);
                            g = grad(&x);
                            iterations += 1;
                        }
                        Ok(x)
                    },
                }),
        ],
        probe: |imp| {
            let p = &PROBLEMS[0];
            let outcome = |r: Result<Vec<f64>, CalculusError>| match r {
                Ok(x) if x.iter().all(|v| v.is_finite()) => common::rounded_list(&x, 6),
                Ok(_) => "Ok(non-finite)".into(),
                Err(CalculusError::NoConvergence { .. }) => "NoConvergence".into(),
                Err(e) => format!("{e:?}"),
            };
            let l = lipschitz(p, 3);
            vec![
                outcome((imp.gradient_descent)(p.grad, &[1.0, 0.0, -1.0], 1.0 / l, 1e-10, 10_000)),
                outcome((imp.gradient_descent)(p.grad, &[1.0, 0.0, -1.0], 2.5 / l, 1e-10, 10_000)),
            ]
        },
    }
}

/// A gradient of x's length, or `DimensionMismatch`.
fn gradient(grad: fn(&[f64]) -> Vec<f64>, x: &[f64]) -> Result<Vec<f64>, CalculusError> {
    let g = grad(x);
    if g.len() != x.len() {
        return Err(CalculusError::DimensionMismatch { expected: x.len(), got: g.len() });
    }
    Ok(g)
}
