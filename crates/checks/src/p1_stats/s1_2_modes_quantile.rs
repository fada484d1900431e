//! Checks for 1.2 — all the modes, and quantiles by linear interpolation (type 7).

use mathlings_stats::StatsError;

use super::common::{self, sorted};
use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_2_modes_quantile::Impl;

/// Quantile agreement: one interpolation s[j] + f·(s[j+1] − s[j]) has a rounding error of a
/// few ulps of max|x| (≤ 1e3 here); 1e-12·max|x| allows the algebraically equal form
/// (1 − f)·s[j] + f·s[j+1] too.
fn tolerance(x: &[f64]) -> Tol {
    Tol { rel: 1e-12, abs: 1e-12 * tables::scale(x) }
}

fn modes_call<X: AsRef<[f64]> + ?Sized>(x: &X) -> String {
    format!("modes({})", show::floats(x.as_ref()))
}

fn quantile_call(x: &[f64], q: f64) -> String {
    format!("quantile({}, {})", show::floats(x), show::float(q))
}

/// A sample of small integers, so that values repeat and several modes are common.
fn tied_sample() -> impl Strategy<Value = Vec<f64>> + Clone {
    proptest::collection::vec((-4i32..=4).prop_map(f64::from), 1..25)
}

/// q in [0, 1]: a random float, or a round value such as 0.25.
fn level() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![0.0..=1.0f64, (0u32..=20).prop_map(|k| f64::from(k) / 20.0)]
}

/// The signatures of `modes` and `quantile`, the learner's or the right answer's.
type Modes = fn(&[f64]) -> Result<Vec<f64>, StatsError>;
type Quantile = fn(&[f64], f64) -> Result<f64, StatsError>;

/// modes(x) is exactly `want(x)` on samples x from `xs`.
fn modes_are(ctx: &Ctx, got: Modes, xs: impl Strategy<Value = Vec<f64>>, want: Modes) -> Verdict {
    ctx.forall(xs, modes_call, |x| {
        let (want, got) = (want(x).expect("reference"), got(x));
        expect::that(got.as_ref() == Ok(&want), show::result(&got), format!("Ok({want:?})"))
    })
}

/// quantile(x, q) is `want(x, q)` for samples x and levels q from `qs`.
fn quantile_is(
    ctx: &Ctx,
    got: Quantile,
    qs: impl Strategy<Value = f64>,
    want: Quantile,
) -> Verdict {
    ctx.forall(
        (strategies::sample(1..30), qs),
        |(x, q)| quantile_call(x, *q),
        |(x, q)| expect::close(&got(x, *q), want(x, *q).expect("reference"), tolerance(x)),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_2_modes_quantile",
        properties: vec![
            Property::named("modes_match_reference", 3)
                .description("modes returns every most frequent value, ascending (as the reference crate) on samples with many ties")
                .check(|imp, ctx| modes_are(ctx, imp.modes, tied_sample(), mathlings_stats::modes)),
            Property::named("all_distinct_all_modes", 1)
                .description("when every value occurs once, every value is a mode (returned sorted)")
                .check(|imp, ctx| {
                    let distinct = proptest::collection::btree_set(-50i32..50, 1..12)
                        .prop_map(|s| s.into_iter().rev().map(f64::from).collect::<Vec<f64>>())
                        .prop_shuffle();
                    modes_are(ctx, imp.modes, distinct, |x| Ok(sorted(x)))
                }),
            Property::named("quantile_matches_reference", 3)
                .description("quantile equals the reference's linear interpolation between order statistics (R type 7)")
                .check(|imp, ctx| {
                    quantile_is(ctx, imp.quantile, level(), mathlings_stats::quantile)
                }),
            Property::named("quantile_endpoints", 1)
                .description("Q(0) = min, Q(1) = max and Q(0.5) = median")
                .check(|imp, ctx| {
                    let endpoints = prop_oneof![Just(0.0), Just(0.5), Just(1.0)];
                    quantile_is(ctx, imp.quantile, endpoints, |x, q| match q {
                        0.0 => Ok(x.iter().copied().fold(f64::INFINITY, f64::min)),
                        1.0 => Ok(x.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
                        _ => mathlings_stats::median(x),
                    })
                }),
            Property::named("quantile_monotone", 1)
                .description("a larger q never gives a smaller quantile, and the quantile moves continuously with q")
                .check(|imp, ctx| {
                    let level = |k: u32| f64::from(k) / 100.0;
                    ctx.forall(
                        (strategies::sample(2..20), 0u32..100),
                        |(x, k)| {
                            format!(
                                "{} and {}",
                                quantile_call(x, level(*k)),
                                quantile_call(x, level(k + 1))
                            )
                        },
                        |(x, k)| {
                            let (q1, q2) = (level(*k), level(k + 1));
                            let (a, b) = ((imp.quantile)(x, q1), (imp.quantile)(x, q2));
                            let (a, b) = tables::both(&a, &b, "two Ok values")?;
                            // A step of 0.01 in q moves h by (n − 1)/100 < 1 position, so the
                            // quantile moves by at most (n − 1)/100 of the largest gap.
                            let gap = sorted(x).windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max);
                            let step = (x.len() - 1) as f64 / 100.0 * gap;
                            let slack = tolerance(x).abs;
                            let expected = format!(
                                "Q({q1}) ≤ Q({q2}) ≤ Q({q1}) + {} (interpolation moves smoothly)",
                                show::rounded(step, 4)
                            );
                            let shown = format!(
                                "Q({q1}) = {} and Q({q2}) = {}",
                                show::float(a),
                                show::float(b)
                            );
                            expect::that(a <= b + slack && b - a <= step + slack, shown, expected)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty sample, NaN/±∞ or q outside [0, 1] give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |x| modes_call(x) => (imp.modes)(x); (&[]) => StatsError::EmptyInput)?;
                    rejects!(ctx, |x| quantile_call(x, 0.5) => (imp.quantile)(x, 0.5); (&[]) => StatsError::EmptyInput)?;
                    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                        let x = [1.0, bad, 1.0];
                        rejects!(ctx, |x| modes_call(x) => (imp.modes)(x); (&x) => StatsError::NonFinite)?;
                        rejects!(ctx, |x| quantile_call(x, 0.5) => (imp.quantile)(x, 0.5); (&x) => StatsError::NonFinite)?;
                    }
                    rejects!(ctx, |q| quantile_call(&[1.0, 2.0, 3.0], q) => (imp.quantile)(&[1.0, 2.0, 3.0], q);
                        (-0.1) => StatsError::InvalidParameter { name: "q", .. },
                        (1.5) => StatsError::InvalidParameter { name: "q", .. },
                        (f64::NAN) => StatsError::InvalidParameter { name: "q", .. },
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("the modes and quartiles of the four Iris measurements match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "modes(&column) and quantile(&column, q) for q = 0.25, 0.5, 0.75, for each column of iris.features";
                    common::iris_lines(ctx, call, |name, column| {
                        let modes = show::ok_or_err(&(imp.modes)(column), |m| format!("{m:?}"));
                        let quartile = |q| tables::value(&(imp.quantile)(column, q), 10);
                        let quartiles = [0.25, 0.5, 0.75].map(quartile);
                        format!("{name}: modes = {modes}, quartiles = {}\n", quartiles.join(", "))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("first_mode_only")
                .explanation("Your modes returns a single value when several values tie for the highest count. \
                    A sample can have several modes ([1, 1, 2, 2, 3] has two): keep every value whose count \
                    equals the maximum, in ascending order.")
                .implementation(Impl {
                    modes: |x| Ok(mathlings_stats::modes(x)?.into_iter().take(1).collect()),
                    quantile: mathlings_stats::quantile,
                }),
            Misconception::named("modes_unsorted")
                .explanation("Your modes are right but listed in the order they first appear (or a hash map's \
                    order). Return them in ascending order, e.g. by walking the runs of a sorted copy.")
                .implementation(Impl {
                    modes: modes_in_order_of_appearance,
                    quantile: mathlings_stats::quantile,
                }),
            Misconception::named("quantile_no_interpolation")
                .explanation("Your quantile returns one of the sample's values, s[⌊(n − 1)·q⌋], even when \
                    (n − 1)·q falls between two positions. Interpolate: with h = (n − 1)·q and j = ⌊h⌋, \
                    Q = s[j] + (h − j)·(s[j + 1] − s[j]); e.g. quantile([1, 2, 3, 4], 0.25) = 1.75, not 1.")
                .implementation(Impl {
                    modes: mathlings_stats::modes,
                    quantile: |x, q| {
                        mathlings_stats::quantile(x, q)?;
                        let s = sorted(x);
                        Ok(s[((s.len() - 1) as f64 * q).floor() as usize])
                    },
                }),
        ],
        probe: |imp| {
            // A call that panics (a function still `todo!()`) counts as correct, so that a
            // mistake in one function is recognised while the other is unfinished.
            let mode = |x: &[f64], right: &str| {
                expect::probe_entry(|| format!("{:?}", (imp.modes)(x)), right.into())
            };
            let quantile = |x: &[f64], q: f64, right: f64| {
                tables::value(&expect::probe_entry(|| (imp.quantile)(x, q), Ok(right)), 6)
            };
            vec![
                mode(&[2.0, 1.0, 2.0, 3.0, 1.0], "Ok([1.0, 2.0])"),
                mode(&[3.0, 1.0, 3.0, 1.0, 2.0], "Ok([1.0, 3.0])"),
                quantile(&[4.0, 1.0, 3.0, 2.0], 0.25, 1.75),
                quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.4, 2.6),
            ]
        },
    }
}

fn modes_in_order_of_appearance(x: &[f64]) -> Result<Vec<f64>, StatsError> {
    let modes = mathlings_stats::modes(x)?;
    let mut out: Vec<f64> = Vec::new();
    for v in x {
        if modes.contains(v) && !out.contains(v) {
            out.push(*v);
        }
    }
    Ok(out)
}
