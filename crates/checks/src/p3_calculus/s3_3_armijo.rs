//! Checks for 3.3 — backtracking line search with the Armijo condition.

use mathlings_calculus::CalculusError;

use super::common::{self, Objective};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_3_armijo::Impl;

/// Agreement with the reference step: both return α₀·shrinkᵏ for the same k, computed by
/// repeated multiplication (or a power) — k ≤ 60 roundings of ≤ ½ ulp each, ≤ 1e-14 relative.
const SAME_STEP: Tol = Tol { rel: 1e-12, abs: 0.0 };

/// A test objective with its gradient and its name in calls.
struct TestFn {
    name: &'static str,
    f: Objective,
    grad: fn(&[f64]) -> Vec<f64>,
}

fn sphere(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum()
}
/// x² + 100y² (+ z² …): a narrow valley.
fn valley(x: &[f64]) -> f64 {
    x.iter().enumerate().map(|(i, v)| if i == 1 { 100.0 } else { 1.0 } * v * v).sum()
}
fn valley_grad(x: &[f64]) -> Vec<f64> {
    x.iter().enumerate().map(|(i, v)| if i == 1 { 200.0 } else { 2.0 } * v).collect()
}
fn rosenbrock(x: &[f64]) -> f64 {
    (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2)
}
/// Σ xᵢ² + 3 sin(2xᵢ): non-convex, with many local minima.
fn wavy(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v + 3.0 * (2.0 * v).sin()).sum()
}
/// The mean squared error ½·mean((w₀ + w₁x − y)²) of a line through Anscombe's set I.
fn anscombe_loss(w: &[f64]) -> f64 {
    let quartet = mathlings_models::datasets::anscombe();
    let (xs, ys) = &quartet.sets[0];
    let n = xs.len() as f64;
    xs.iter().zip(ys).map(|(x, y)| (w[0] + w[1] * x - y).powi(2)).sum::<f64>() / (2.0 * n)
}

const OBJECTIVES: [TestFn; 4] = [
    TestFn {
        name: "sphere /* Σ xᵢ² */", f: sphere, grad: |x| x.iter().map(|v| 2.0 * v).collect()
    },
    TestFn { name: "valley /* x₀² + 100x₁² + x₂² */", f: valley, grad: valley_grad },
    TestFn {
        name: "rosenbrock /* (1 − x₀)² + 100(x₁ − x₀²)² */",
        f: rosenbrock,
        grad: common::rosenbrock_grad,
    },
    TestFn {
        name: "wavy /* Σ xᵢ² + 3 sin(2xᵢ) */",
        f: wavy,
        grad: |x| x.iter().map(|v| 2.0 * v + 6.0 * (2.0 * v).cos()).collect(),
    },
];

/// The line search's signature.
type Search = fn(Objective, &[f64], &[f64], &[f64], f64, f64, f64) -> Result<f64, CalculusError>;

/// The reference line search.
const REFERENCE: Search =
    |f, g, x, d, a0, c, s| mathlings_calculus::armijo_backtracking(f, g, x, d, a0, c, s);

/// One line-search problem: objective (an index into `OBJECTIVES`), ∇f(x), x, direction d,
/// initial step α₀, c and shrink.
#[derive(Debug, Clone)]
struct Case {
    objective: usize,
    g: Vec<f64>,
    x: Vec<f64>,
    d: Vec<f64>,
    a0: f64,
    c: f64,
    shrink: f64,
}

impl Case {
    fn f(&self) -> Objective {
        OBJECTIVES[self.objective].f
    }
    fn call(&self) -> String {
        let Case { objective, g, x, d, a0, c, shrink } = self;
        call(OBJECTIVES[*objective].name, g, x, d, *a0, *c, *shrink)
    }
    fn run(&self, search: Search) -> Result<f64, CalculusError> {
        search(self.f(), &self.g, &self.x, &self.d, self.a0, self.c, self.shrink)
    }
    /// Whether `step` passes the Armijo test f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd.
    fn passes(&self, step: f64) -> bool {
        let slope: f64 = self.g.iter().zip(&self.d).map(|(g, d)| g * d).sum();
        let trial: Vec<f64> = self.x.iter().zip(&self.d).map(|(x, d)| x + step * d).collect();
        let value = self.f()(&trial);
        value.is_finite() && value <= self.f()(&self.x) + self.c * step * slope
    }
}

/// A line search on the sphere Σ xᵢ² with shrink ½.
fn on_sphere(g: &[f64], x: &[f64], d: &[f64], a0: f64, c: f64) -> Case {
    Case { objective: 0, g: g.to_vec(), x: x.to_vec(), d: d.to_vec(), a0, c, shrink: 0.5 }
}

fn call(name: &str, g: &[f64], x: &[f64], d: &[f64], a0: f64, c: f64, shrink: f64) -> String {
    let [a0, c, shrink] = [a0, c, shrink].map(show::float);
    let [g, x, d] = [g, x, d].map(show::floats);
    format!("armijo_backtracking({name}, {g}, {x}, {d}, {a0}, {c}, {shrink})")
}

/// Random problems: a test function, a point, a descent direction (steepest descent, or it
/// bent by a random vector while still pointing downhill), and the three parameters.
fn case() -> impl Strategy<Value = Case> + Clone {
    (0..OBJECTIVES.len(), 1..=3usize)
        .prop_flat_map(|(objective, n)| {
            let n = if objective == 2 { 2 } else { n };
            (
                Just(objective),
                proptest::collection::vec(-2.0..2.0f64, n),
                proptest::collection::vec(-1.0..1.0f64, n),
                prop_oneof![Just(1.0), Just(2.0), Just(0.5), Just(0.1)],
                prop_oneof![Just(1e-4), Just(0.1), Just(0.5), Just(0.9)],
                prop_oneof![Just(0.5), Just(0.3), Just(0.8)],
            )
        })
        .prop_filter_map("needs a non-zero gradient", |(objective, x, bend, a0, c, shrink)| {
            let grad = (OBJECTIVES[objective].grad)(&x);
            let norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
            if norm < 1e-3 {
                return None;
            }
            let bent: Vec<f64> = grad.iter().zip(&bend).map(|(g, b)| -g + norm * b).collect();
            let slope: f64 = grad.iter().zip(&bent).map(|(g, d)| g * d).sum();
            let direction =
                if slope < -1e-3 * norm * norm { bent } else { grad.iter().map(|g| -g).collect() };
            Some(Case { objective, g: grad, x, d: direction, a0, c, shrink })
        })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_armijo",
        properties: vec![
            Property::named("armijo_condition_holds", 2)
                .description("the returned step satisfies f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd (random functions, points, descent directions, c up to 0.9)")
                .check(|imp, ctx| {
                    ctx.forall(case(), Case::call, |case| match case.run(imp.armijo_backtracking) {
                        Ok(step) => expect::that(
                            case.passes(step),
                            format!("Ok({}), which fails the Armijo condition", show::float(step)),
                            "a step with f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd",
                        ),
                        got => expect::fail(show::result(&got), "Ok(a step)"),
                    })
                }),
            Property::named("matches_reference", 3)
                .description("returns the first step of α₀, α₀·shrink, α₀·shrink², … that passes, as the reference does (to 1e-12 relative)")
                .check(|imp, ctx| {
                    ctx.forall(case(), Case::call, |case| {
                        let want = case.run(REFERENCE).expect("reference line search");
                        expect::close(&case.run(imp.armijo_backtracking), want, SAME_STEP)
                    })
                }),
            Property::named("first_passing_step", 2)
                .description("on f = x² at 1 with d = −2: α₀ = 1 (lands on −1, no decrease) gives ½; α₀ = 0.99, c = ½ gives 0.495; α₀ = 0.4 passes at once")
                .check(|imp, ctx| {
                    let cases = [
                        (on_sphere(&[2.0], &[1.0], &[-2.0], 1.0, 1e-4), 0.5),
                        (on_sphere(&[2.0], &[1.0], &[-2.0], 1.0, 0.5), 0.5),
                        (on_sphere(&[2.0], &[1.0], &[-2.0], 0.99, 0.5), 0.495),
                        (on_sphere(&[2.0], &[1.0], &[-2.0], 0.4, 1e-4), 0.4),
                    ];
                    common::each_case(ctx, &cases, Case::call, |case, want| {
                        expect::close(&case.run(imp.armijo_backtracking), want, SAME_STEP)
                    })
                }),
            Property::named("rejects_non_descent_direction", 2)
                .description("a direction with ∇f(x)ᵀd ≥ 0 (uphill, or along a contour) gives CalculusError::NotDescentDirection")
                .check(|imp, ctx| {
                    let rejected = |case: &Case, ()| {
                        expect_err!(&case.run(imp.armijo_backtracking), CalculusError::NotDescentDirection)
                    };
                    let fixed = [
                        (on_sphere(&[2.0, 4.0], &[1.0, 2.0], &[1.0, 1.0], 1.0, 1e-4), ()),
                        (on_sphere(&[2.0, 4.0], &[1.0, 2.0], &[2.0, -1.0], 1.0, 1e-4), ()),
                    ];
                    common::each_case(ctx, &fixed, Case::call, rejected)?;
                    let uphill = case().prop_map(|mut case| {
                        case.d = case.d.iter().map(|d| -d).collect();
                        case
                    });
                    ctx.forall(uphill, Case::call, |case| rejected(case, ()))
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite input, mismatched lengths, and initial_step ≤ 0, c or shrink outside (0, 1) give the typed error")
                .check(|imp, ctx| {
                    let sphere_name = "sphere /* Σ xᵢ² */";
                    let nan_everywhere: fn(&[f64]) -> f64 = |_| f64::NAN;
                    rejects!(ctx,
                        |f, name, g, x, d, a0, c, shrink| call(name, g, x, d, a0, c, shrink)
                            => (imp.armijo_backtracking)(f, g, x, d, a0, c, shrink);
                        (sphere, sphere_name, &[], &[], &[], 1.0, 1e-4, 0.5) => CalculusError::Empty,
                        (sphere, sphere_name, &[2.0], &[f64::NAN], &[-2.0], 1.0, 1e-4, 0.5) => CalculusError::NonFinite,
                        (nan_everywhere, "nan_everywhere", &[2.0], &[1.0], &[-2.0], 1.0, 1e-4, 0.5) => CalculusError::NonFinite,
                        (sphere, sphere_name, &[2.0, 2.0], &[1.0], &[-2.0], 1.0, 1e-4, 0.5) => CalculusError::DimensionMismatch { expected: 1, got: 2 },
                        (sphere, sphere_name, &[2.0], &[1.0], &[-2.0], 0.0, 1e-4, 0.5) => CalculusError::InvalidParameter { name: "initial_step", .. },
                        (sphere, sphere_name, &[2.0], &[1.0], &[-2.0], 1.0, 0.0, 0.5) => CalculusError::InvalidParameter { name: "c", .. },
                        (sphere, sphere_name, &[2.0], &[1.0], &[-2.0], 1.0, 1.0, 0.5) => CalculusError::InvalidParameter { name: "c", .. },
                        (sphere, sphere_name, &[2.0], &[1.0], &[-2.0], 1.0, 1e-4, 1.0) => CalculusError::InvalidParameter { name: "shrink", .. },
                        (sphere, sphere_name, &[2.0], &[1.0], &[-2.0], f64::INFINITY, 1e-4, 0.5) => CalculusError::InvalidParameter { name: "initial_step", .. },
                    )
                }),
            Property::named("anscombe_descent", 1)
                .description("five steps of gradient descent with this line search on the least-squares loss of Anscombe's set I (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let call = "repeat 5×: α = armijo_backtracking(anscombe_loss, ∇, w, −∇, 1.0, 1e-4, 0.5); w += α·(−∇), from w = [0, 0]";
                    ctx.once(call, || {
                        let (search, mut w) = (imp.armijo_backtracking, vec![0.0, 0.0]);
                        let mut text = format!("start: loss = {}\n", show::rounded(anscombe_loss(&w), 8));
                        for k in 1..=5 {
                            let g = common::anscombe_half_mse_gradient(&w);
                            let d: Vec<f64> = g.iter().map(|v| -v).collect();
                            let step = match search(anscombe_loss, &g, &w, &d, 1.0, 1e-4, 0.5) {
                                Ok(step) => step,
                                Err(e) => {
                                    text += &format!("step {k}: Err({e:?})\n");
                                    break;
                                }
                            };
                            w.iter_mut().zip(&d).for_each(|(wi, di)| *wi += step * di);
                            let [step, loss] = [step, anscombe_loss(&w)].map(|v| show::rounded(v, 8));
                            text += &format!("step {k}: α = {step}, loss = {loss}\n");
                        }
                        ctx.snapshot("anscombe_descent", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("any_decrease")
                .explanation("You accept the first step that decreases f at all (f(x + αd) < f(x)), as if c were 0. \
                    Such steps can shave off almost nothing, and the method stalls far from the minimum. The Armijo \
                    condition asks for a fraction c of the promised decrease: f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd.")
                .implementation(Impl { armijo_backtracking: wrong::<ANY_DECREASE> }),
            Misconception::named("wrong_sign")
                .explanation("Your condition reads f(x + αd) ≤ f(x) − c·α·∇f(x)ᵀd (or uses |∇f(x)ᵀd| with a plus). Since \
                    ∇f(x)ᵀd < 0 for a descent direction, that bound lies *above* f(x) and accepts steps that increase f. \
                    The slope is negative and must be added: f(x) + c·α·slope < f(x).")
                .implementation(Impl { armijo_backtracking: wrong::<WRONG_SIGN> }),
            Misconception::named("starts_tiny")
                .explanation("You start from a tiny step (or shrink before the first test). Every small enough step \
                    passes the Armijo test, so the search returns a uselessly small step and the optimizer crawls. \
                    Backtracking tries the full initial_step first and shrinks only while the test fails.")
                .implementation(Impl { armijo_backtracking: wrong::<STARTS_TINY> }),
            Misconception::named("no_descent_check")
                .explanation("You never check that d points downhill. If ∇f(x)ᵀd ≥ 0 no step can pass and your loop \
                    shrinks until it gives up; report it at once as CalculusError::NotDescentDirection.")
                .implementation(Impl { armijo_backtracking: wrong::<NO_DESCENT_CHECK> }),
        ],
        probe: |imp| {
            let run = |a0, c, d| {
                let got = (imp.armijo_backtracking)(sphere, &[2.0], &[1.0], &[d], a0, c, 0.5);
                got.map_or_else(|e| format!("{e:?}"), |step| show::rounded(step, 8))
            };
            vec![run(0.99, 0.5, -2.0), run(1.0, 0.5, -2.0), run(1.0, 1e-4, 2.0)]
        },
    }
}

/// The wrong answers' slips: accepting any decrease, the bound f(x) − c·α·slope, starting
/// from α₀·shrink³⁰, no descent test.
const ANY_DECREASE: u8 = 1;
const WRONG_SIGN: u8 = 2;
const STARTS_TINY: u8 = 3;
const NO_DESCENT_CHECK: u8 = 4;

/// Backtracking with one slip: inputs checked by the reference (its result ignored; its
/// descent test too for `NO_DESCENT_CHECK`), then steps from α₀ tested by the slipped rule.
fn wrong<const SLIP: u8>(
    f: Objective,
    g: &[f64],
    x: &[f64],
    d: &[f64],
    a0: f64,
    c: f64,
    shrink: f64,
) -> Result<f64, CalculusError> {
    match REFERENCE(f, g, x, d, a0, c, shrink) {
        Err(CalculusError::NotDescentDirection) if SLIP == NO_DESCENT_CHECK => {}
        Ok(_) | Err(CalculusError::NoConvergence { .. }) => {}
        Err(e) => return Err(e),
    }
    let (fx, slope): (f64, f64) = (f(x), g.iter().zip(d).map(|(g, d)| g * d).sum());
    let mut step = if SLIP == STARTS_TINY { a0 * shrink.powi(30) } else { a0 };
    for shrinks in 0..1000 {
        let trial: Vec<f64> = x.iter().zip(d).map(|(x, d)| x + step * d).collect();
        if trial == x {
            return Err(CalculusError::NoConvergence { iterations: shrinks });
        }
        let value = f(&trial);
        let accepted = match SLIP {
            ANY_DECREASE => value < fx,
            WRONG_SIGN => value <= fx - c * step * slope,
            _ => value <= fx + c * step * slope,
        };
        if value.is_finite() && accepted {
            return Ok(step);
        }
        step *= shrink;
    }
    Err(CalculusError::NoConvergence { iterations: 1000 })
}
