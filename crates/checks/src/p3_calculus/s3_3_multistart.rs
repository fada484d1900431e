//! Checks for 3.3 — multi-start search: keep the best of several local runs.

use mathlings_calculus::{CalculusError, Minimization, gradient_descent};

use super::common;
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_3_multistart::{Impl, Local, Objective};

/// Same local runs, same f: the learner's answer is one of the runs the reference saw, so it
/// must equal the reference's choice exactly (a tiny slack for nothing but printing).
const SAME: Tol = Tol { rel: 1e-12, abs: 1e-12 };

/// Tilted double well (x² − 1)² + 0.3x: local minimum near 0.96, global near −1.04.
fn double_well(x: &[f64]) -> f64 {
    (x[0] * x[0] - 1.0).powi(2) + 0.3 * x[0]
}
fn double_well_grad(x: &[f64]) -> Vec<f64> {
    vec![4.0 * x[0] * (x[0] * x[0] - 1.0) + 0.3]
}
fn double_well_local(x0: &[f64]) -> Result<Vec<f64>, CalculusError> {
    gradient_descent(double_well_grad, x0, 0.05, 1e-10, 10_000).map(|m| m.x)
}
/// Two tilted wells in two coordinates: four local minima with four different values.
fn four_wells(x: &[f64]) -> f64 {
    (x[0] * x[0] - 1.0).powi(2) + (x[1] * x[1] - 1.0).powi(2) + 0.3 * x[0] + 0.1 * x[1]
}
fn four_wells_grad(x: &[f64]) -> Vec<f64> {
    vec![4.0 * x[0] * (x[0] * x[0] - 1.0) + 0.3, 4.0 * x[1] * (x[1] * x[1] - 1.0) + 0.1]
}
/// Rastrigin in 1-D, x² + 10(1 − cos 2πx): a local minimum near every integer.
fn rastrigin(x: &[f64]) -> f64 {
    x[0] * x[0] + 10.0 * (1.0 - (2.0 * std::f64::consts::PI * x[0]).cos())
}
fn rastrigin_grad(x: &[f64]) -> Vec<f64> {
    let tau = 2.0 * std::f64::consts::PI;
    vec![2.0 * x[0] + 10.0 * tau * (tau * x[0]).sin()]
}
/// The double-well descent, failing for starts with |x| > 3.
fn fragile_local(x0: &[f64]) -> Result<Vec<f64>, CalculusError> {
    if x0[0].abs() > 3.0 {
        Err(CalculusError::NoConvergence { iterations: 7 })
    } else {
        double_well_local(x0)
    }
}
/// The double well, undefined (NaN) for x < 0.
fn half_defined_well(x: &[f64]) -> f64 {
    if x[0] < 0.0 { f64::NAN } else { double_well(x) }
}
/// k-means with k = 2 on the Iris petal lengths: mean of min((x − c₀)², (x − c₁)²).
fn petal_kmeans(c: &[f64]) -> f64 {
    let iris = mathlings_models::datasets::iris();
    let xs = iris.features.column(2);
    xs.iter().map(|x| ((x - c[0]).powi(2)).min((x - c[1]).powi(2))).sum::<f64>() / xs.len() as f64
}
fn petal_kmeans_grad(c: &[f64]) -> Vec<f64> {
    let iris = mathlings_models::datasets::iris();
    let xs = iris.features.column(2);
    let n = xs.len() as f64;
    let mut g = vec![0.0, 0.0];
    for x in xs.iter() {
        let k = if (x - c[0]).abs() <= (x - c[1]).abs() { 0 } else { 1 };
        g[k] += 2.0 * (c[k] - x) / n;
    }
    g
}
fn petal_kmeans_local(c0: &[f64]) -> Result<Vec<f64>, CalculusError> {
    gradient_descent(petal_kmeans_grad, c0, 0.25, 1e-10, 10_000).map(|m| m.x)
}

/// A test problem: objective, local method and their names in calls.
struct Problem {
    f: Objective,
    local: Local,
    f_name: &'static str,
    local_name: &'static str,
    dim: usize,
}

const PROBLEMS: [Problem; 3] = [
    Problem {
        f: double_well,
        local: double_well_local,
        f_name: "double_well /* (x² − 1)² + 0.3x */",
        local_name: "|s| gradient_descent(∇double_well, s, 0.05, 1e-10, 10_000)",
        dim: 1,
    },
    Problem {
        f: four_wells,
        local: |x0| gradient_descent(four_wells_grad, x0, 0.05, 1e-10, 10_000).map(|m| m.x),
        f_name: "four_wells /* (x² − 1)² + (y² − 1)² + 0.3x + 0.1y */",
        local_name: "|s| gradient_descent(∇four_wells, s, 0.05, 1e-10, 10_000)",
        dim: 2,
    },
    Problem {
        f: rastrigin,
        local: |x0| gradient_descent(rastrigin_grad, x0, 0.002, 1e-10, 10_000).map(|m| m.x),
        f_name: "rastrigin /* x² + 10(1 − cos 2πx) */",
        local_name: "|s| gradient_descent(∇rastrigin, s, 0.002, 1e-10, 10_000)",
        dim: 1,
    },
];

fn call(f: &str, local: &str, starts: &[Vec<f64>]) -> String {
    format!("multi_start({f}, {local}, {})", common::points(starts))
}

/// The best point and its value, or the error.
type Best = Result<(Vec<f64>, f64), CalculusError>;

fn reference(f: Objective, local: Local, starts: &[Vec<f64>]) -> Best {
    let wrapped = |s: &[f64]| {
        let x = local(s)?;
        Ok(Minimization { x, value: f64::NAN, iterations: 0, gradient_norm: f64::NAN })
    };
    mathlings_calculus::multi_start(f, wrapped, starts).map(|m| (m.x, m.value))
}

/// A problem index and 1–8 starts in [−3, 3]ⁿ.
fn case() -> impl Strategy<Value = (usize, Vec<Vec<f64>>)> + Clone {
    (0..PROBLEMS.len()).prop_flat_map(|k| {
        let start = proptest::collection::vec(-3.0..3.0f64, PROBLEMS[k].dim);
        (Just(k), proptest::collection::vec(start, 1..=8))
    })
}

fn case_call((k, starts): &(usize, Vec<Vec<f64>>)) -> String {
    call(PROBLEMS[*k].f_name, PROBLEMS[*k].local_name, starts)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_multistart",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("on a double well, four wells and Rastrigin with 1–8 random starts, returns the same best point and value as the reference")
                .check(|imp, ctx| {
                    ctx.forall(case(), case_call, |(k, starts)| {
                        let p = &PROBLEMS[*k];
                        let (want_x, want_value) =
                            reference(p.f, p.local, starts).expect("reference multi-start");
                        let got = (imp.multi_start)(p.f, p.local, starts);
                        let ok = matches!(&got, Ok((x, v))
                            if SAME.accepts(*v, want_value)
                                && x.len() == want_x.len()
                                && x.iter().zip(&want_x).all(|(&a, &b)| SAME.accepts(a, b)));
                        let from = starts.iter().find(|s| (p.local)(s).is_ok_and(|x| x == want_x));
                        let from = from.map_or(String::new(), |s| {
                            format!(" — the run from {}, whose f is the lowest of all runs", show::floats(s))
                        });
                        let (want_x, want_value) = (show::list(&want_x), show::float(want_value));
                        expect::that(ok, show::outcome(&got), format!("Ok(({want_x}, {want_value})){from}"))
                    })
                }),
            Property::named("never_worse_than_any_start", 2)
                .description("the value returned is f at the point returned, and no single start's local run reaches a lower f")
                .check(|imp, ctx| {
                    ctx.forall(case(), case_call, |(k, starts)| {
                        let p = &PROBLEMS[*k];
                        let got = (imp.multi_start)(p.f, p.local, starts);
                        let Ok((x, value)) = &got else {
                            return expect::fail(show::outcome(&got), "Ok((x, f(x)))");
                        };
                        let f_x = (p.f)(x);
                        let expected = format!("the value f(x) = {} of the point returned", show::float(f_x));
                        expect::that(f_x == *value, show::outcome(&got), expected)?;
                        for start in starts {
                            let Ok(run) = (p.local)(start) else { continue };
                            let run_value = (p.f)(&run);
                            if run_value < *value {
                                let [start, run] = [start, &run].map(|v| show::floats(v));
                                let expected = format!("a value ≤ {} (the start {start} alone reaches {run})", show::float(run_value));
                                return expect::fail(show::outcome(&got), expected);
                            }
                        }
                        Ok(())
                    })
                }),
            Property::named("finds_global_basin", 2)
                .description("on the tilted double well, starts on both sides find the global minimum near x = −1.04 whatever their order")
                .check(|imp, ctx| {
                    let p = &PROBLEMS[0];
                    let orders = [vec![vec![2.0], vec![-2.0]], vec![vec![-2.0], vec![2.0]], vec![vec![2.0], vec![-2.0], vec![1.5]]];
                    orders.iter().try_for_each(|starts| {
                        ctx.once(&call(p.f_name, p.local_name, starts), || {
                            let got = (imp.multi_start)(p.f, p.local, starts);
                            let want = "Ok((x, f(x))) with x ≈ −1.04 (the global minimum)";
                            expect::that(matches!(&got, Ok((x, _)) if x[0] < -1.0), show::outcome(&got), want)
                        })
                    })
                }),
            Property::named("skips_failed_runs", 2)
                .description("a run whose local method fails, or that ends where f is NaN, is skipped; only if every run fails is the first failure returned")
                .check(|imp, ctx| {
                    let fragile = "|s| if s[0].abs() > 3.0 { Err(NoConvergence { iterations: 7 }) } else { gradient_descent(…) }";
                    let (fragile, local) = ((fragile, fragile_local as Local), (PROBLEMS[0].local_name, double_well_local as Local));
                    let well = (PROBLEMS[0].f_name, double_well as Objective);
                    let half = ("half_defined_well /* NaN for x < 0 */", half_defined_well as Objective);
                    type Named<T> = (&'static str, T);
                    let run = |(f_name, f): Named<Objective>,
                               (local_name, local): Named<Local>,
                               starts: &[Vec<f64>],
                               check: &dyn Fn(&Best) -> Verdict| {
                        ctx.once(&call(f_name, local_name, starts), || check(&(imp.multi_start)(f, local, starts)))
                    };
                    let finds = |found: fn(&[f64], f64) -> bool, want: &'static str| {
                        move |got: &Best| expect::that(matches!(got, Ok((x, v)) if found(x, *v)), show::outcome(got), want)
                    };
                    run(well, fragile, &[vec![5.0], vec![-2.0], vec![9.0]], &finds(|x, _| x[0] < -1.0,
                        "Ok((x, f(x))) with x ≈ −1.04, from the start −2 (the others fail)"))?;
                    run(well, fragile, &[vec![5.0], vec![-9.0]], &|got| {
                        expect_err!(got, CalculusError::NoConvergence { iterations: 7 }, note "the first failure")
                    })?;
                    run(half, local, &[vec![-2.0], vec![2.0]], &finds(|x, v| x[0] > 0.9 && v.is_finite(),
                        "Ok((x, f(x))) with x ≈ 0.96 (the run from −2 ends where f is NaN)"))?;
                    run(half, local, &[vec![-2.0]], &|got| expect_err!(got, CalculusError::NonFinite))?;
                    // A run ending where f is NaN is a failure too, and it comes first in
                    // start order: its NonFinite, not the later run's error, is returned.
                    run(half, fragile, &[vec![-2.0], vec![5.0]], &|got| {
                        expect_err!(got, CalculusError::NonFinite, note "the first failure: the run from −2 ends where f is NaN")
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("no starts at all gives CalculusError::Empty")
                .check(|imp, ctx| {
                    let p = &PROBLEMS[0];
                    rejects!(ctx, |starts| call(p.f_name, p.local_name, starts) => (imp.multi_start)(p.f, p.local, starts);
                        (&[]) => CalculusError::Empty,
                    )
                }),
            Property::named("iris_kmeans", 1)
                .description("2-means of the Iris petal lengths by gradient descent from three starts: the best run escapes the dead-centre local minimum (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let starts = vec![vec![0.0, 0.2], vec![1.0, 5.0], vec![10.0, 11.0]];
                    let call = call(
                        "petal_kmeans /* mean of min((x − c₀)², (x − c₁)²) over Iris petal lengths */",
                        "|s| gradient_descent(∇petal_kmeans, s, 0.25, 1e-10, 10_000)",
                        &starts,
                    );
                    ctx.once(&call, || {
                        let got = (imp.multi_start)(petal_kmeans, petal_kmeans_local, &starts);
                        let text = show::ok_or_err(&got, |(c, v)| {
                            let [c0, c1, v] = [c[0], c[1], *v].map(|v| show::rounded(v, 6));
                            format!("centres = [{c0}, {c1}], mean squared distance = {v}")
                        });
                        ctx.snapshot("iris_kmeans", &call, &(text + "\n"))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("returns_last_run")
                .explanation("You return the result of the last start. Each run only finds the minimum of its own \
                    basin; the point of several starts is to compare them. Evaluate f at every run's end point and \
                    keep the lowest.")
                .implementation(Impl { multi_start: |f, local, starts| run_from(f, local, starts.last()) }),
            Misconception::named("returns_first_run")
                .explanation("You return the result of the first start (or stop at the first run that succeeds). \
                    Later starts may reach a deeper basin: run all of them, evaluate f at each end point and keep \
                    the lowest.")
                .implementation(Impl { multi_start: |f, local, starts| run_from(f, local, starts.first()) }),
            Misconception::named("stops_at_first_failure")
                .explanation("One failing local run aborts your whole search (an early `?`). Local methods fail \
                    for bad starts all the time — that is one reason to use several. Skip the failed run, remember \
                    its error, and return it only if no run succeeded.")
                .implementation(Impl {
                    multi_start: |f, local, starts| {
                        if starts.is_empty() {
                            return Err(CalculusError::Empty);
                        }
                        let mut best = None::<(Vec<f64>, f64)>;
                        for start in starts {
                            let (x, value) = run_from(f, local, Some(start))?;
                            if !value.is_finite() {
                                return Err(CalculusError::NonFinite);
                            }
                            if best.as_ref().is_none_or(|(_, b)| value < *b) {
                                best = Some((x, value));
                            }
                        }
                        best.ok_or(CalculusError::NonFinite)
                    },
                }),
        ],
        probe: |imp| {
            let runs = [
                (double_well as Objective, double_well_local as Local, vec![vec![-2.0], vec![2.0]]),
                (double_well, double_well_local, vec![vec![2.0], vec![-2.0]]),
                (double_well, fragile_local, vec![vec![5.0], vec![-2.0]]),
            ];
            let shown = |(x, v): &(Vec<f64>, f64)| format!("x = {}, f = {}", show::rounded(x[0], 6), show::rounded(*v, 6));
            runs.iter().map(|(f, local, starts)| show::ok_or_debug(&(imp.multi_start)(*f, *local, starts), shown)).collect()
        },
    }
}

/// The local run from `start`, with f at its end.
fn run_from(f: Objective, local: Local, start: Option<&Vec<f64>>) -> Best {
    let x = local(start.ok_or(CalculusError::Empty)?)?;
    let value = f(&x);
    Ok((x, value))
}
