//! Checks for 3.3 — gradient descent with momentum, and Adam.

use std::cell::RefCell;

use mathlings_calculus::{CalculusError, gradient_descent};

use super::common::{self, anscombe_half_mse_gradient, nan_grad, quadratic_grad, short_grad};
// Catalogued: the learner process calls its own copy of these (no round trip per step).
use crate::prelude::*;
use mathlings_bindings::objectives::{scaled_gradient, valley_gradient};

pub use mathlings_bindings::p3_calculus::s3_3_momentum_adam::{Grad, Impl, Run};

/// Steps of a trajectory compared with the reference: enough for the velocity / moments to
/// matter, few enough to stay cheap in unoptimised learner builds.
const STEPS: usize = 30;
/// Agreement of trajectories: the same arithmetic up to operation order, ≤ 30 steps of a
/// contraction (ηL ≤ 1) — each step adds a few ulps; 1e-9 leaves six digits of slack.
const SAME_ITERATE: Tol = Tol { rel: 1e-9, abs: 1e-12 };
/// The first Adam step is one division and one square root away from η·g/(|g| + ε).
const FIRST_STEP: Tol = Tol { rel: 1e-12, abs: 1e-15 };
/// Gradient tolerance of the convergence runs (the reference doc's choice for this valley).
const TOL: f64 = 1e-8;

thread_local! {
    /// The points at which `recording_grad` was evaluated.
    static VISITED: RefCell<Vec<Vec<f64>>> = const { RefCell::new(Vec::new()) };
    /// (x0, g) for `first_step_grad`.
    static FIRST: RefCell<(Vec<f64>, Vec<f64>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// The reference, bound like a learner's answer.
fn right() -> Impl {
    mathlings_bindings::bind_s3_3_momentum_adam!(mathlings_calculus)
}

/// The quadratic's gradient, remembering where it was evaluated.
fn recording_grad(x: &[f64]) -> Vec<f64> {
    VISITED.with(|v| v.borrow_mut().push(x.to_vec()));
    quadratic_grad(x)
}
/// g at x0 exactly, 0 elsewhere: the method stops right after its first step.
fn first_step_grad(x: &[f64]) -> Vec<f64> {
    FIRST.with(|f| {
        let (x0, g) = &*f.borrow();
        if x == x0.as_slice() { g.clone() } else { vec![0.0; x.len()] }
    })
}

/// `momentum(name, x0, η, β, tol, max_iter)`.
fn momentum_call(name: &str, x0: &[f64], [lr, beta, tol]: [f64; 3], max_iter: usize) -> String {
    common::optimiser_call("momentum", name, x0, &[lr, beta, tol], max_iter)
}

/// `adam(name, x0, η, β₁, β₂, ε, tol, max_iter)`.
fn adam_call(name: &str, x0: &[f64], params: [f64; 5], max_iter: usize) -> String {
    common::optimiser_call("adam", name, x0, &params, max_iter)
}

fn show_run(r: &Result<Run, CalculusError>) -> String {
    common::minimization(r.as_ref().map(|run| (&run.x[..], run.iterations)))
}

fn quadratic(a: &DMatrix<f64>, b: &[f64]) -> String {
    format!("grad of ½xᵀAx − bᵀx with A = {}, b = {}", show::matrix(a), show::floats(b))
}

/// Runs `f` with the recording gradient on the quadratic (a, b) and returns its outcome and
/// the distinct consecutive points it visited.
fn record(
    a: &DMatrix<f64>,
    b: &[f64],
    f: impl FnOnce() -> Result<Run, CalculusError>,
) -> Trajectory {
    common::set_quadratic(a, b);
    VISITED.with(|v| v.borrow_mut().clear());
    let outcome = f();
    let mut visited = VISITED.with(|v| std::mem::take(&mut *v.borrow_mut()));
    visited.dedup();
    (outcome, visited)
}

/// An outcome and the points visited on the way.
type Trajectory = (Result<Run, CalculusError>, Vec<Vec<f64>>);

/// The learner's trajectory equals the reference's (same points, same outcome kind).
fn same_trajectory(
    (got_result, got_path): Trajectory,
    (want_result, want_path): Trajectory,
) -> Verdict {
    for (k, (g, w)) in got_path.iter().zip(&want_path).enumerate() {
        if !(g.len() == w.len() && g.iter().zip(w).all(|(&a, &b)| SAME_ITERATE.accepts(a, b))) {
            return expect::fail(
                format!("iterate x{k} = {}", show::list(g)),
                format!("x{k} = {} (each ± 1e-9 relative)", show::list(w)),
            );
        }
    }
    let shown = |r: Result<Run, CalculusError>, path: &[Vec<f64>]| {
        format!("{} after {} gradient evaluations", show::result(&r.map(|r| r.x)), path.len())
    };
    expect::that(
        got_path.len() == want_path.len() && got_result.is_ok() == want_result.is_ok(),
        shown(got_result, &got_path),
        shown(want_result, &want_path),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_momentum_adam",
        properties: vec![
            Property::named("momentum_matches_reference", 2)
                .description("momentum's first 30 iterates on a random quadratic (n ≤ 4, η = 0.1, β ∈ [0, 0.95)) equal the reference's")
                .check(|imp, ctx| {
                    ctx.forall(
                        (common::spd_quadratic(), 0.0..0.95f64),
                        |((a, b, x0), beta)| momentum_call(&quadratic(a, b), x0, [0.1, *beta, 1e-12], STEPS),
                        |((a, b, x0), beta)| {
                            let run = |m: &Impl| record(a, b, || (m.momentum)(recording_grad, x0, 0.1, *beta, 1e-12, STEPS));
                            let want = run(&right());
                            same_trajectory(run(imp), want)
                        },
                    )
                }),
            Property::named("momentum_beats_gradient_descent", 2)
                .description("on ½(x² + 100y²) from (1, 1) with η = 0.01, β = 0.9 needs fewer steps than plain gradient descent, and β = 0 is plain gradient descent")
                .check(|imp, ctx| {
                    let plain = gradient_descent(valley_gradient, &[1.0, 1.0], 0.01, TOL, 10_000)
                        .expect("reference gradient descent")
                        .iterations;
                    let name = "grad of ½(x² + 100y²)";
                    let run =
                        |beta| (imp.momentum)(valley_gradient, &[1.0, 1.0], 0.01, beta, TOL, 10_000);
                    ctx.once(&momentum_call(name, &[1.0, 1.0], [0.01, 0.9, TOL], 10_000), || {
                        let got = run(0.9);
                        expect::that(
                            matches!(&got, Ok(run) if run.iterations < plain / 2
                                && run.x.iter().all(|v| v.abs() <= 1e-6)),
                            show_run(&got),
                            format!("Ok near (0, 0) in fewer than {} steps (plain gradient descent takes {plain})", plain / 2),
                        )
                    })?;
                    ctx.once(&momentum_call(name, &[1.0, 1.0], [0.01, 0.0, TOL], 10_000), || {
                        let got = run(0.0);
                        expect::that(
                            matches!(&got, Ok(run) if run.iterations.abs_diff(plain) <= 1),
                            show_run(&got),
                            format!("Ok after {plain} steps (± 1), like plain gradient descent"),
                        )
                    })
                }),
            Property::named("adam_first_step", 2)
                .description("Adam's first step is exactly η·g/(|g| + ε) per coordinate, whatever the scale of g (bias correction)")
                .check(|imp, ctx| {
                    let g = (prop_oneof![Just(-1.0), Just(1.0)], -3.0..3.0f64)
                        .prop_map(|(s, e)| s * 10f64.powf(e));
                    let case = (
                        proptest::collection::vec(g, 1..=4),
                        prop_oneof![Just(0.1), Just(0.01), Just(0.5)],
                        prop_oneof![Just((0.9, 0.999)), Just((0.5, 0.9)), Just((0.0, 0.99))],
                    );
                    ctx.forall(
                        case,
                        |(g, lr, (b1, b2))| {
                            let name = format!("a gradient that is {} at x0 and 0 elsewhere", show::floats(g));
                            adam_call(&name, &vec![1.0; g.len()], [*lr, *b1, *b2, 1e-8, 1e-12], 10)
                        },
                        |(g, lr, (b1, b2))| {
                            let x0 = vec![1.0; g.len()];
                            FIRST.with(|f| *f.borrow_mut() = (x0.clone(), g.clone()));
                            let got = (imp.adam)(first_step_grad, &x0, *lr, *b1, *b2, 1e-8, 1e-12, 10);
                            let want: Vec<f64> = g.iter().map(|gi| 1.0 - lr * gi / (gi.abs() + 1e-8)).collect();
                            expect::all_close(&got.map(|run| run.x), &want, FIRST_STEP)
                        },
                    )
                }),
            Property::named("adam_matches_reference", 2)
                .description("Adam's first 30 iterates on a random quadratic equal the reference's, and it solves the badly scaled x² + 1000y²")
                .check(|imp, ctx| {
                    let params = [0.05, 0.9, 0.999, 1e-8, 1e-6];
                    ctx.once(&adam_call("grad of x² + 1000y²", &[1.0, 1.0], params, 20_000), || {
                        let run = |m: &Impl| (m.adam)(scaled_gradient, &[1.0, 1.0], 0.05, 0.9, 0.999, 1e-8, 1e-6, 20_000);
                        let (got, want) = (run(imp), run(&right()).expect("reference Adam"));
                        expect::that(
                            matches!(&got, Ok(run) if run.iterations.abs_diff(want.iterations) <= 1
                                && run.x.iter().all(|v| v.abs() <= 1e-5)),
                            show_run(&got),
                            format!("Ok near (0, 0) after {} steps (± 1)", want.iterations),
                        )
                    })?;
                    let case = (common::spd_quadratic(), prop_oneof![Just((0.9, 0.999)), Just((0.5, 0.9))]);
                    ctx.forall(
                        case,
                        |((a, b, x0), (b1, b2))| adam_call(&quadratic(a, b), x0, [0.1, *b1, *b2, 1e-8, 1e-12], STEPS),
                        |((a, b, x0), (b1, b2))| {
                            let run = |m: &Impl| record(a, b, || (m.adam)(recording_grad, x0, 0.1, *b1, *b2, 1e-8, 1e-12, STEPS));
                            let want = run(&right());
                            same_trajectory(run(imp), want)
                        },
                    )
                }),
            Property::named("stop_when_gradient_norm_equals_tol", 1)
                .description("the stopping rule is ‖∇f‖₂ ≤ tol: for f = ½‖x‖² from (3, 4) with tol = 5 neither momentum nor Adam takes a step")
                .check(|imp, ctx| {
                    // ‖(3, 4)‖₂ = 5 exactly (however it is computed), so `<` takes a step.
                    let (x0, name, grad) = ([3.0, 4.0], "grad of ½‖x‖²", common::identity_gradient);
                    let stopped = |got: &Result<Run, CalculusError>| {
                        expect::that(
                            matches!(got, Ok(run) if run.iterations == 0 && run.x == x0),
                            show_run(got),
                            "Ok(Minimization { x: [3.0, 4.0], iterations: 0, .. })",
                        )
                    };
                    ctx.once(&momentum_call(name, &x0, [0.1, 0.9, 5.0], 10), || {
                        stopped(&(imp.momentum)(grad, &x0, 0.1, 0.9, 5.0, 10))
                    })?;
                    ctx.once(&adam_call(name, &x0, [0.1, 0.9, 0.999, 1e-8, 5.0], 10), || {
                        stopped(&(imp.adam)(grad, &x0, 0.1, 0.9, 0.999, 1e-8, 5.0, 10))
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite x0, η ≤ 0, β outside [0, 1), ε ≤ 0, tol ≤ 0, max_iter = 0, a gradient of the wrong length and a too small budget give the typed error")
                .check(|imp, ctx| {
                    let valley = "grad of ½(x² + 100y²)";
                    rejects!(ctx,
                        |name, grad, x0, lr, beta, tol, max_iter|
                            momentum_call(name, x0, [lr, beta, tol], max_iter)
                            => (imp.momentum)(grad, x0, lr, beta, tol, max_iter);
                        (valley, valley_gradient, &[], 0.01, 0.9, TOL, 10) => CalculusError::Empty,
                        (valley, valley_gradient, &[1.0, f64::INFINITY], 0.01, 0.9, TOL, 10) => CalculusError::NonFinite,
                        ("a NaN gradient", nan_grad, &[1.0, 1.0], 0.01, 0.9, TOL, 10) => CalculusError::NonFinite,
                        (valley, valley_gradient, &[1.0, 1.0], 0.0, 0.9, TOL, 10) => CalculusError::InvalidParameter { name: "learning_rate", .. },
                        (valley, valley_gradient, &[1.0, 1.0], 0.01, 1.0, TOL, 10) => CalculusError::InvalidParameter { name: "beta", .. },
                        (valley, valley_gradient, &[1.0, 1.0], 0.01, 0.9, 0.0, 10) => CalculusError::InvalidParameter { name: "tol", .. },
                        (valley, valley_gradient, &[1.0, 1.0], 0.01, 0.9, TOL, 0) => CalculusError::InvalidParameter { name: "max_iter", .. },
                        ("a gradient of length 1", short_grad, &[1.0, 1.0], 0.01, 0.9, TOL, 10) => CalculusError::DimensionMismatch { expected: 2, got: 1 },
                        (valley, valley_gradient, &[1.0, 1.0], 0.01, 0.9, TOL, 3) => CalculusError::NoConvergence { iterations: 3 },
                    )?;
                    rejects!(ctx,
                        |x0, lr, b1, b2, eps, tol, max_iter|
                            adam_call("grad of x² + 1000y²", x0, [lr, b1, b2, eps, tol], max_iter)
                            => (imp.adam)(scaled_gradient, x0, lr, b1, b2, eps, tol, max_iter);
                        (&[], 0.05, 0.9, 0.999, 1e-8, 1e-6, 10) => CalculusError::Empty,
                        (&[1.0, 1.0], -0.05, 0.9, 0.999, 1e-8, 1e-6, 10) => CalculusError::InvalidParameter { name: "learning_rate", .. },
                        (&[1.0, 1.0], 0.05, -0.1, 0.999, 1e-8, 1e-6, 10) => CalculusError::InvalidParameter { name: "beta1", .. },
                        (&[1.0, 1.0], 0.05, 0.9, 1.0, 1e-8, 1e-6, 10) => CalculusError::InvalidParameter { name: "beta2", .. },
                        (&[1.0, 1.0], 0.05, 0.9, 0.999, 0.0, 1e-6, 10) => CalculusError::InvalidParameter { name: "epsilon", .. },
                        (&[1.0, 1.0], 0.05, 0.9, 0.999, 1e-8, f64::NAN, 10) => CalculusError::InvalidParameter { name: "tol", .. },
                        (&[1.0, 1.0], 0.05, 0.9, 0.999, 1e-8, 1e-6, 0) => CalculusError::InvalidParameter { name: "max_iter", .. },
                        (&[1.0, 1.0], 0.05, 0.9, 0.999, 1e-8, 1e-6, 3) => CalculusError::NoConvergence { iterations: 3 },
                    )
                }),
            Property::named("anscombe_fits", 1)
                .description("momentum and Adam fit the line through Anscombe's set I by least squares: y ≈ 3.00 + 0.500x (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let call = "momentum(grad of ½·mean((w₀ + w₁x − y)²) on Anscombe I, &[0.0, 0.0], 0.01, 0.9, 1e-8, 100000) and adam(…, &[0.0, 0.0], 0.1, 0.9, 0.999, 1e-8, 1e-8, 100000)";
                    ctx.once(call, || {
                        let show_fit = |r: Result<Run, CalculusError>| {
                            show::ok_or_err(&r, |run| {
                                let [w0, w1] = [0, 1].map(|i| show::rounded(run.x[i], 5));
                                format!("intercept = {w0}, slope = {w1}")
                            })
                        };
                        let momentum = (imp.momentum)(anscombe_half_mse_gradient, &[0.0, 0.0], 0.01, 0.9, TOL, 100_000);
                        let adam = (imp.adam)(anscombe_half_mse_gradient, &[0.0, 0.0], 0.1, 0.9, 0.999, 1e-8, TOL, 100_000);
                        let text = format!("momentum: {}\nadam: {}\n", show_fit(momentum), show_fit(adam));
                        ctx.snapshot("anscombe_fits", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("momentum_forgets_velocity")
                .explanation("Your velocity does not carry over between steps (it is recomputed from the current \
                    gradient alone, or reset to 0 every step), so your \"momentum\" is plain gradient descent and \
                    still zig-zags down a narrow valley. Keep v outside the loop and update it in place: v ← βv + ∇f(x), \
                    then x ← x − ηv.")
                .implementation(Impl {
                    momentum: |grad, x0, lr, beta, tol, max_iter| {
                        mathlings_calculus::momentum(common::zero_grad, x0, lr, beta, tol, max_iter)?;
                        descend(grad, x0, tol, max_iter, |x, g, _| {
                            for (xi, gi) in x.iter_mut().zip(g) {
                                *xi -= lr * (0.0 + gi);
                            }
                        })
                    },
                    adam: right().adam,
                }),
            Misconception::named("adam_without_bias_correction")
                .explanation("You use m and v directly. Both start at 0, so early on they are far too small: after \
                    the first step m = (1 − β₁)g and v = (1 − β₂)g², and your step is about 3η instead of η. Divide by \
                    (1 − β₁ᵗ) and (1 − β₂ᵗ), t = the step number starting at 1: then the first step is exactly \
                    η·g/(|g| + ε).")
                .implementation(Impl { momentum: right().momentum, adam: wrong_adam::<NO_BIAS_CORRECTION> }),
            Misconception::named("adam_without_square_root")
                .explanation("You divide by v̂ + ε instead of √v̂ + ε. v̂ estimates g², so the step becomes η/g: huge \
                    for small gradients, tiny for large ones. The square root turns v̂ into the size |g|, and \
                    m̂/√v̂ is about ±1 per coordinate.")
                .implementation(Impl { momentum: right().momentum, adam: wrong_adam::<NO_SQUARE_ROOT> }),
        ],
        probe: |imp| {
            let heavy = (imp.momentum)(valley_gradient, &[1.0, 1.0], 0.01, 0.9, TOL, 10_000);
            FIRST.with(|f| *f.borrow_mut() = (vec![1.0, 1.0], vec![2.0, -0.001]));
            let first = (imp.adam)(first_step_grad, &[1.0, 1.0], 0.1, 0.9, 0.999, 1e-8, 1e-12, 10);
            let rounded = |run: &Run| format!("{:?}", run.x.iter().map(|v| show::rounded(*v, 6)).collect::<Vec<_>>());
            vec![show::ok_or_debug(&heavy, |run| format!("{} steps", run.iterations)), show::ok_or_debug(&first, rounded)]
        },
    }
}

/// The shared loop of the wrong optimisers (`common::descend`), as a `Run`.
fn descend(
    grad: Grad,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
    mut update: impl FnMut(&mut [f64], &[f64], usize),
) -> Result<Run, CalculusError> {
    common::descend(grad, x0, tol, max_iter, |x, g, t| {
        update(x, g, t);
        Ok(())
    })
    .map(|(x, iterations, gradient_norm)| Run { x, iterations, gradient_norm })
}

/// The wrong Adams' slips: no bias correction, no square root of v̂.
const NO_BIAS_CORRECTION: u8 = 1;
const NO_SQUARE_ROOT: u8 = 2;

/// Adam with one slip (input checked by the reference).
#[allow(clippy::too_many_arguments)]
fn wrong_adam<const SLIP: u8>(
    grad: Grad,
    x0: &[f64],
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Run, CalculusError> {
    let (corrected, root) = (SLIP != NO_BIAS_CORRECTION, SLIP != NO_SQUARE_ROOT);
    mathlings_calculus::adam(common::zero_grad, x0, lr, b1, b2, eps, tol, max_iter)?;
    let (mut m, mut v) = (vec![0.0; x0.len()], vec![0.0; x0.len()]);
    descend(grad, x0, tol, max_iter, |x, g, t| {
        let t = i32::try_from(t).unwrap_or(i32::MAX);
        let (c1, c2) = if corrected { (1.0 - b1.powi(t), 1.0 - b2.powi(t)) } else { (1.0, 1.0) };
        for i in 0..x.len() {
            m[i] = b1 * m[i] + (1.0 - b1) * g[i];
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
            let scale = if root { (v[i] / c2).sqrt() } else { v[i] / c2 };
            x[i] -= lr * (m[i] / c1) / (scale + eps);
        }
    })
}
