//! Checks for 1.4 — a discrete random variable (pmf, cdf, mean, variance).
//!
//! The learner defines a type, `DiscreteRandomVariable`; the bind macro adapts its
//! constructor and methods into plain functions over (values, probabilities).

use mathlings_stats::{DiscreteRandomVariable, StatsError};

use super::{common, tables};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_4_discrete_random_variable::{Impl, PointFn};

/// Probabilities (pmf, cdf) are sums of ≤ 30 numbers in [0, 1]: any summation order is
/// accurate to ~1e-15, so 1e-12 is loose for them and tight enough to catch a missing term.
const PROBABILITY: Tol = Tol { rel: 0.0, abs: 1e-12 };
/// Mean and variance: sums of ≤ 30 terms with |x| ≤ 20 here; the rounding error is below
/// 1e-13 relative to the largest term (x² ≤ 400), so 1e-10 relative + 1e-10 absolute.
const MOMENT: Tol = Tol { rel: 1e-10, abs: 1e-10 };
/// Var(X + 1e8) against Var(X): the integers xᵢ + 1e8 are exact, E[X] is off by at most
/// n·ε·1e8 ≈ 3e-7 in any summation order, and a centred sum Σpᵢ(xᵢ − μ̂)² = Var + (μ̂ − μ)²
/// is then off by ~1e-13; 1e-6 is loose for every centred method (two passes, Welford)
/// and tight for E[X²] − E[X]², whose terms near 1e16 round by ~1 each.
const SHIFTED: Tol = Tol { rel: 1e-6, abs: 1e-6 };
/// The offset of [`SHIFTED`]'s property.
const OFFSET: f64 = 1e8;

/// Values from a small range (so that repeats are common) with probabilities wᵢ/Σw.
fn variable() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    common::distribution((-6i32..=6).prop_map(f64::from), 10, 1..12)
}

fn reference(v: &[f64], p: &[f64]) -> DiscreteRandomVariable {
    DiscreteRandomVariable::new(v.to_vec(), p.to_vec()).expect("reference variable")
}

fn new_call(v: &[f64], p: &[f64]) -> String {
    format!("DiscreteRandomVariable::new(vec!{}, vec!{})", show::list(v), show::list(p))
}

fn call(v: &[f64], p: &[f64], method: &str) -> String {
    format!("{}?.{method}", new_call(v, p))
}

/// [`call`] of a generated variable.
fn call_of((v, p): &(Vec<f64>, Vec<f64>), method: &str) -> String {
    call(v, p, method)
}

fn distinct(v: &[f64]) -> Vec<f64> {
    let mut d = common::sorted(v);
    d.dedup();
    d
}

/// The reference's `pmf` or `cdf`.
type ReferenceAt = fn(&DiscreteRandomVariable, f64) -> f64;

/// `method` (`pmf` or `cdf`) equals the reference's at a point x (half-integers fall between
/// the values).
fn matches_at_points(ctx: &Ctx, method: &str, got: PointFn, want: ReferenceAt) -> Verdict {
    ctx.forall(
        (variable(), (-16i32..=16).prop_map(|k| f64::from(k) / 2.0)),
        |((v, p), x)| call(v, p, &format!("{method}({})", show::float(*x))),
        |((v, p), x)| expect::close(&got(v, p, *x), want(&reference(v, p), *x), PROBABILITY),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_4_discrete_random_variable",
        properties: vec![
            Property::named("pmf_matches_reference", 2)
                .description("pmf(x) = P(X = x) equals the reference, including values listed twice (their probabilities add up) and x that is not a value (0)")
                .check(|imp, ctx| matches_at_points(ctx, "pmf", imp.pmf, |r, x| r.pmf(x))),
            Property::named("cdf_matches_reference", 2)
                .description("cdf(x) = P(X ≤ x) equals the reference")
                .check(|imp, ctx| matches_at_points(ctx, "cdf", imp.cdf, |r, x| r.cdf(x))),
            Property::named("mean_variance_match_reference", 2)
                .description("mean() = Σ pᵢxᵢ and variance() = Σ pᵢ(xᵢ − μ)² equal the reference")
                .check(|imp, ctx| {
                    let what = |vp: &_| format!("{} and .variance()", call_of(vp, "mean()"));
                    ctx.forall(variable(), what, |(v, p)| {
                        let r = reference(v, p);
                        expect::close(&(imp.mean)(v, p), r.mean(), MOMENT)?;
                        expect::close(&(imp.variance)(v, p), r.variance(), MOMENT)
                    })
                }),
            Property::named("variance_shift_invariant", 1)
                .description("Var(X + 1e8) = Var(X): centring on E[X] first keeps every digit (E[X²] − E[X]² would cancel catastrophically)")
                .check(|imp, ctx| {
                    // Catches the uncentred shortcut Σpᵢxᵢ² − μ² and Σpᵢ(xᵢ + μ)(xᵢ − μ), its
                    // algebraic twin: with values near 1e8 both subtract two numbers near 1e16,
                    // whose rounding (ulp 2) is of the size of the answer.
                    let input = variable()
                        .prop_filter("Var(X) ≥ 1/4", |(v, p)| reference(v, p).variance() >= 0.25);
                    let shifted = |v: &[f64]| v.iter().map(|x| x + OFFSET).collect::<Vec<f64>>();
                    ctx.forall(input, |(v, p)| call(&shifted(v), p, "variance()"), |(v, p)| {
                        let want = reference(v, p).variance();
                        expect::close(&(imp.variance)(&shifted(v), p), want, SHIFTED)
                    })
                }),
            Property::named("pmf_sums_to_one", 1)
                .description("the pmf over the distinct values sums to 1")
                .check(|imp, ctx| {
                    let what =
                        |vp: &_| format!("Σ {} over the distinct values x", call_of(vp, "pmf(x)"));
                    ctx.forall(variable(), what, |(v, p)| {
                        let mut total = 0.0;
                        for x in distinct(v) {
                            let q = (imp.pmf)(v, p, x);
                            let shown = format!("pmf({}) = {}", show::float(x), show::float_result(&q));
                            total += q.map_err(|_| expect::failure(shown, "Ok(…)"))?;
                        }
                        expect::close(&Ok::<f64, StatsError>(total), 1.0, Tol::absolute(1e-9))
                    })
                }),
            Property::named("cdf_steps_from_0_to_1", 2)
                .description("the cdf is 0 below the smallest value, 1 at the largest, never decreases, and jumps by pmf(x) at each value x")
                .check(|imp, ctx| {
                    let what = |vp: &_| {
                        format!("{} and .pmf(x) at and between the values", call_of(vp, "cdf(x)"))
                    };
                    ctx.forall(variable(), what, |(v, p)| {
                        let get = |f: PointFn, x: f64| f(v, p, x).unwrap_or(f64::NAN);
                        let f = show::float;
                        let values = distinct(v);
                        let (low, last) = (values[0] - 1.0, values[values.len() - 1]);
                        let (below, top) = (get(imp.cdf, low), get(imp.cdf, last));
                        let shown = format!("cdf({}) = {}, cdf({}) = {}", f(low), f(below), f(last), f(top));
                        let ends = PROBABILITY.accepts(below, 0.0) && (top - 1.0).abs() <= 1e-9;
                        expect::that(ends, shown, "0 below the smallest value and 1 at the largest")?;
                        let mut previous = below;
                        for &x in &values {
                            // Just below x (values are integers) the cdf equals the previous level.
                            let (before, at, jump) = (get(imp.cdf, x - 0.5), get(imp.cdf, x), get(imp.pmf, x));
                            expect::that(
                                PROBABILITY.accepts(before, previous) && PROBABILITY.accepts(at - before, jump),
                                format!("cdf({}) = {}, cdf({}) = {}, pmf({}) = {}", f(x - 0.5), f(before), f(x), f(at), f(x), f(jump)),
                                format!("cdf({}) − cdf({}) = pmf({}), and a cdf that never decreases", f(x), f(x - 0.5), f(x)),
                            )?;
                            previous = at;
                        }
                        Ok(())
                    })
                }),
            Property::named("variance_identity", 1)
                .description("Var(X) = E[X²] − E[X]² (E[X²] from the variable with squared values), and Var(X) ≥ 0")
                .check(|imp, ctx| {
                    let what = |vp: &_| format!("{} vs E[X²] − E[X]²", call_of(vp, "variance()"));
                    ctx.forall(variable(), what, |(v, p)| {
                        let squares: Vec<f64> = v.iter().map(|x| x * x).collect();
                        let (Ok(m), Ok(m2)) = ((imp.mean)(v, p), (imp.mean)(&squares, p)) else {
                            return expect::fail("mean() returned an error", "Ok(E[X]) and Ok(E[X²])");
                        };
                        let got = (imp.variance)(v, p);
                        expect::close(&got, m2 - m * m, MOMENT)?;
                        let ok = matches!(got, Ok(var) if var >= 0.0);
                        expect::that(ok, show::float_result(&got), "Ok(a value ≥ 0)")
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("new rejects empty input, NaN/±∞, different lengths, negative probabilities and probabilities not summing to 1, never panicking")
                .check(|imp, ctx| {
                    let shown = |got: &Result<(), StatsError>| {
                        show::result(got).replace("Ok(())", "Ok(DiscreteRandomVariable { .. })")
                    };
                    rejects!(ctx, |v, p| new_call(v, p) => (imp.new)(v, p), shown shown;
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[1.0, f64::NAN], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, 2.0], &[0.5, f64::INFINITY]) => StatsError::NonFinite,
                        (&[1.0, 2.0, 3.0], &[0.5, 0.5]) => StatsError::LengthMismatch { left: 3, right: 2 },
                        (&[1.0, 2.0], &[1.5, -0.5]) => StatsError::InvalidProbabilities,
                        (&[1.0, 2.0], &[0.5, 0.6]) => StatsError::InvalidProbabilities,
                        (&[1.0, 2.0, 3.0], &[0.3, 0.3, 0.3]) => StatsError::InvalidProbabilities,
                    )
                }),
            Property::named("iris_petal_width", 1)
                .description("the petal width of a random Iris flower (150 values, 1/150 each) has the snapshot's pmf, cdf, mean and variance")
                .check(|imp, ctx| {
                    let call = "DiscreteRandomVariable::new(petal_widths, vec![1.0 / 150.0; 150]) for the Iris petal widths";
                    ctx.once(call, || {
                        let (v, p) = (tables::iris_columns().swap_remove(3).1, vec![1.0 / 150.0; 150]);
                        let text = format!(
                            "pmf(0.2) = {}\npmf(0.25) = {}\ncdf(1.0) = {}\ncdf(1.75) = {}\nmean = {}\nvariance = {}\n",
                            tables::value(&(imp.pmf)(&v, &p, 0.2), 10),
                            tables::value(&(imp.pmf)(&v, &p, 0.25), 10),
                            tables::value(&(imp.cdf)(&v, &p, 1.0), 10),
                            tables::value(&(imp.cdf)(&v, &p, 1.75), 10),
                            tables::value(&(imp.mean)(&v, &p), 10),
                            tables::value(&(imp.variance)(&v, &p), 10),
                        );
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("pmf_cdf_swapped")
                .explanation("Your pmf and cdf are swapped: pmf(x) is the probability of exactly x, P(X = x) — \
                    only the entries EQUAL to x; cdf(x) is the probability of at most x, P(X ≤ x) — every entry \
                    ≤ x. The cdf climbs to 1; the pmf of one value is usually much smaller.")
                .implementation(Impl { pmf: RIGHT.cdf, cdf: RIGHT.pmf, ..RIGHT }),
            Misconception::named("cdf_is_pmf")
                .explanation("Your cdf returns P(X = x), the pmf. The cdf is the probability of AT MOST x, \
                    P(X ≤ x): add the probabilities of every entry ≤ x, so that it climbs from 0 to 1.")
                .implementation(Impl { cdf: RIGHT.pmf, ..RIGHT }),
            Misconception::named("pmf_is_cdf")
                .explanation("Your pmf returns P(X ≤ x), the cdf. The pmf is the probability of EXACTLY x, \
                    P(X = x): add only the probabilities of the entries equal to x (0 when x is not a value).")
                .implementation(Impl { pmf: RIGHT.cdf, ..RIGHT }),
            Misconception::named("cdf_strict")
                .explanation("Your cdf computes P(X < x): it leaves out the probability of x itself. The cdf is \
                    P(X ≤ x), so cdf(x) includes pmf(x), and cdf(largest value) = 1.")
                .implementation(Impl { cdf: cdf_strict, ..RIGHT }),
            Misconception::named("pmf_first_match")
                .explanation("Your pmf returns the probability of the first entry equal to x. A value can be listed \
                    more than once ([1, 2, 1] with [0.2, 0.5, 0.3]): P(X = 1) = 0.2 + 0.3. Add up the probabilities \
                    of every matching entry.")
                .implementation(Impl { pmf: pmf_first_match, ..RIGHT }),
            Misconception::named("variance_not_centred")
                .explanation("Your variance is Σ pᵢxᵢ² = E[X²]: the deviations are measured from 0 instead of from the \
                    mean. Var(X) = Σ pᵢ(xᵢ − μ)² with μ = E[X] (equivalently E[X²] − μ²).")
                .implementation(Impl { variance: variance_not_centred, ..RIGHT }),
        ],
        probe: |imp| {
            let (v, p): (&[f64], &[f64]) = (&[0.0, 1.0, 2.0, 1.0], &[0.2, 0.3, 0.3, 0.2]);
            let r = reference(v, p);
            let attempt = |got: &dyn Fn() -> Result<f64, StatsError>, right: f64| {
                tables::value(&expect::probe_entry(got, Ok(right)), 6)
            };
            vec![
                attempt(&|| (imp.pmf)(v, p, 1.0), r.pmf(1.0)),
                attempt(&|| (imp.cdf)(v, p, 1.0), r.cdf(1.0)),
                attempt(&|| (imp.mean)(v, p), r.mean()),
                attempt(&|| (imp.variance)(v, p), r.variance()),
            ]
        },
    }
}

/// The right answers, through the reference.
const RIGHT: Impl = Impl {
    new: |v, p| variable_of(v, p).map(|_| ()),
    pmf: |v, p, x| Ok(variable_of(v, p)?.pmf(x)),
    cdf: |v, p, x| Ok(variable_of(v, p)?.cdf(x)),
    mean: |v, p| Ok(variable_of(v, p)?.mean()),
    variance: |v, p| Ok(variable_of(v, p)?.variance()),
};

fn variable_of(v: &[f64], p: &[f64]) -> Result<DiscreteRandomVariable, StatsError> {
    DiscreteRandomVariable::new(v.to_vec(), p.to_vec())
}

fn cdf_strict(v: &[f64], p: &[f64], x: f64) -> Result<f64, StatsError> {
    variable_of(v, p).map(|_| v.iter().zip(p).filter(|&(&xi, _)| xi < x).map(|(_, q)| q).sum())
}

fn pmf_first_match(v: &[f64], p: &[f64], x: f64) -> Result<f64, StatsError> {
    variable_of(v, p).map(|_| v.iter().position(|&xi| xi == x).map_or(0.0, |i| p[i]))
}

fn variance_not_centred(v: &[f64], p: &[f64]) -> Result<f64, StatsError> {
    variable_of(v, p).map(|_| v.iter().zip(p).map(|(x, q)| q * x * x).sum())
}
