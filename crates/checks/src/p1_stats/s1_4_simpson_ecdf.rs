//! Checks for 1.4 — Simpson's rule and the empirical cdf.

use std::cell::Cell;
use std::f64::consts::PI;

use mathlings_bindings::objectives::{exponential, lorentzian, sine, standard_normal_pdf};
use mathlings_stats::StatsError;

use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_4_simpson_ecdf::{Impl, SimpsonFn};

/// A function to integrate.
type Integrand = fn(f64) -> f64;

/// A generated case: the integrand (or what picks it), the bounds a and b, and n.
type Case<F> = (F, f64, f64, usize);

/// Simpson's rule on a cubic is exact in exact arithmetic; in floating point the weighted
/// sum of ≤ 41 values ≤ 200 in size over an interval ≤ 6 long is off by ~1e-12 at most.
const EXACT: Tol = Tol { rel: 1e-10, abs: 1e-9 };
/// The same rule with the same nodes as the reference: only the summation order may
/// differ, which changes the result by a few ulps of Σ|weights·f|.
const SAME_RULE: Tol = Tol { rel: 1e-11, abs: 1e-12 };
/// Doubling n divides Simpson's error by 2⁴ = 16 as h → 0; at n = 4…32 on ∫₀^π sin the
/// observed ratios are 15.8–16.0, so [12, 20] accepts Simpson and rejects any O(h²) rule
/// (ratio 4).
const H4_RATIO: (f64, f64) = (12.0, 20.0);
/// ∫ of the standard normal density over [−1.96, 1.96] with n = 100: Simpson's error bound
/// (b − a)h⁴·max|φ⁗|/180 is about 2e-9, so 1e-8 against erf's value.
const NORMAL_AREA: Tol = Tol { rel: 0.0, abs: 1e-8 };
/// Empirical cdf values are counts / n with n ≤ 40: exact up to one rounding.
const FRACTION: Tol = Tol { rel: 0.0, abs: 1e-12 };

thread_local! {
    /// Coefficients c₀…c₃ of the cubic that [`cubic`] evaluates (a fn pointer cannot capture).
    static COEFFICIENTS: Cell<[f64; 4]> = const { Cell::new([0.0; 4]) };
}

/// c₀ + c₁x + c₂x² + c₃x³ with the coefficients set in [`COEFFICIENTS`].
fn cubic(x: f64) -> f64 {
    let [c0, c1, c2, c3] = COEFFICIENTS.with(Cell::get);
    c0 + x * (c1 + x * (c2 + x * c3))
}

fn cubic_integral(c: [f64; 4], a: f64, b: f64) -> f64 {
    let antiderivative = |x: f64| x * (c[0] + x * (c[1] / 2.0 + x * (c[2] / 3.0 + x * c[3] / 4.0)));
    antiderivative(b) - antiderivative(a)
}

fn show_cubic(c: [f64; 4]) -> String {
    let [c0, c1, c2, c3] = c.map(show::float);
    format!("|x| {c0} + {c1} * x + {c2} * x * x + {c3} * x * x * x")
}

/// Smooth integrands with their names as the learner would write them (catalogued course
/// functions: the learner process calls its own copy, not back into the judge).
const SMOOTH: [(&str, Integrand); 4] = [
    ("f64::sin", sine),
    ("f64::exp", exponential),
    ("|x| (-0.5 * x * x).exp() / (2.0 * PI).sqrt()", standard_normal_pdf),
    ("|x| 1.0 / (1.0 + x * x)", lorentzian),
];

fn simpson_call(f: &str, a: f64, b: f64, n: usize) -> String {
    format!("simpson({f}, {}, {}, {n})", show::float(a), show::float(b))
}

fn ecdf_call(sample: &[f64], x: f64) -> String {
    format!("empirical_cdf({}, {})", show::floats(sample), show::float(x))
}

/// A bound of integration: a multiple of ½ in [−3, 3].
fn bound() -> impl Strategy<Value = f64> + Clone {
    (-6i32..=6).prop_map(|k| f64::from(k) / 2.0)
}

/// An even number of intervals, 2 to 40.
fn even() -> impl Strategy<Value = usize> + Clone {
    (1usize..=20).prop_map(|k| 2 * k)
}

/// A sample with ties (small integers) or without (floats), and a point.
fn sample_and_point() -> impl Strategy<Value = (Vec<f64>, f64)> + Clone {
    let sample = prop_oneof![
        proptest::collection::vec((-5i32..=5).prop_map(f64::from), 1..30),
        strategies::sample(1..30),
    ];
    sample.prop_flat_map(|s| {
        let pick = proptest::sample::select(s.clone());
        (Just(s), prop_oneof![pick, (-6i32..=6).prop_map(|k| f64::from(k) + 0.5)])
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_4_simpson_ecdf",
        properties: vec![
            Property::named("exact_on_cubics", 3)
                .description("Simpson's rule is exact for every cubic c₀ + c₁x + c₂x² + c₃x³, with any even number of intervals")
                .check(|imp, ctx| {
                    let coefficient = || (-10i32..=10).prop_map(|k| f64::from(k) / 2.0);
                    let input = ([(); 4].map(|()| coefficient()), bound(), bound(), even());
                    let call = |&(c, a, b, n): &Case<[f64; 4]>| simpson_call(&show_cubic(c), a, b, n);
                    ctx.forall(input, call, |&(c, a, b, n)| {
                        COEFFICIENTS.with(|cell| cell.set(c));
                        expect::close(&(imp.simpson)(cubic, a, b, n), cubic_integral(c, a, b), EXACT)
                    })
                }),
            Property::named("matches_reference", 2)
                .description("on smooth functions (sin, exp, the normal density, 1/(1 + x²)) the result equals the reference's Simpson's rule with the same n")
                .check(|imp, ctx| {
                    let input = (0usize..SMOOTH.len(), bound(), bound(), even());
                    let call = |&(k, a, b, n): &Case<usize>| simpson_call(SMOOTH[k].0, a, b, n);
                    ctx.forall(input, call, |&(k, a, b, n)| {
                        let f = SMOOTH[k].1;
                        let want = mathlings_stats::simpson(f, a, b, n).expect("reference");
                        expect::close(&(imp.simpson)(f, a, b, n), want, SAME_RULE)
                    })
                }),
            Property::named("error_falls_like_h4", 2)
                .description("on ∫₀^π sin x dx = 2, doubling the number of intervals divides the error by about 16 (h⁴)")
                .check(|imp, ctx| {
                    for n in [4usize, 8, 16] {
                        let sin = |n| simpson_call("f64::sin", 0.0, PI, n);
                        let what = format!("{} and {}", sin(n), sin(2 * n));
                        ctx.once(&what, || {
                            let coarse = (imp.simpson)(sine, 0.0, PI, n);
                            let fine = (imp.simpson)(sine, 0.0, PI, 2 * n);
                            let (c, f) = tables::both(&coarse, &fine, "two Ok values")?;
                            let ratio = (c - 2.0).abs() / (f - 2.0).abs();
                            let r = |x: f64| show::rounded(x, 3);
                            expect::that(
                                (H4_RATIO.0..=H4_RATIO.1).contains(&ratio),
                                format!("errors {} (n = {n}) and {} (n = {}): ratio {}", r(c - 2.0), r(f - 2.0), 2 * n, r(ratio)),
                                format!("an error ratio of about 2⁴ = 16 (between {} and {})", H4_RATIO.0, H4_RATIO.1),
                            )
                        })?;
                    }
                    Ok(())
                }),
            Property::named("normal_probability", 1)
                .description("integrating the standard normal density over [−1.96, 1.96] with 100 intervals gives 0.9500042 (to 1e-8)")
                .check(|imp, ctx| {
                    let what = simpson_call(SMOOTH[2].0, -1.96, 1.96, 100);
                    ctx.once(&what, || {
                        let want = mathlings_stats::normal_cdf(1.96, 0.0, 1.0).expect("cdf")
                            - mathlings_stats::normal_cdf(-1.96, 0.0, 1.0).expect("cdf");
                        let got = (imp.simpson)(standard_normal_pdf, -1.96, 1.96, 100);
                        expect::close(&got, want, NORMAL_AREA)
                    })
                }),
            Property::named("ecdf_matches_reference", 2)
                .description("empirical_cdf(sample, x) equals the reference's fraction of values ≤ x, ties included")
                .check(|imp, ctx| {
                    ctx.forall(sample_and_point(), |(s, x)| ecdf_call(s, *x), |(s, x)| {
                        let want = mathlings_stats::empirical_cdf(s, *x).expect("reference");
                        expect::close(&(imp.empirical_cdf)(s, *x), want, FRACTION)
                    })
                }),
            Property::named("ecdf_steps_from_0_to_1", 1)
                .description("the empirical cdf is 0 below the smallest value, 1 at the largest, never decreases, and is always a multiple of 1/n")
                .check(|imp, ctx| {
                    let sample = proptest::collection::vec((-5i32..=5).prop_map(f64::from), 1..30);
                    let what = |s: &Vec<f64>| format!("empirical_cdf({}, x) for x from −6 to 6 in steps of 0.5", show::floats(s));
                    ctx.forall(sample, what, |s| {
                        let (n, f) = (s.len() as f64, show::float);
                        let mut previous = 0.0;
                        let xs = (-12..=12).map(|k| f64::from(k) / 2.0);
                        for (x, got) in xs.clone().zip(each!(imp.empirical_cdf, (s, x) for x in xs)) {
                            let shown = format!("at x = {}: {}", f(x), show::float_result(&got));
                            let v = got.map_err(|_| expect::failure(shown, "Ok(…)"))?;
                            let below_all = x < -5.0 && v.abs() > FRACTION.abs;
                            let above_all = x >= 5.0 && (v - 1.0).abs() > FRACTION.abs;
                            let not_fraction = (v * n - (v * n).round()).abs() > 1e-9;
                            let wrong = below_all || above_all || not_fraction || v < previous - FRACTION.abs;
                            expect::that(
                                !wrong,
                                format!("at x = {}: {} (after {} at the previous x)", f(x), f(v), f(previous)),
                                "a non-decreasing count/n: 0 below the smallest value, 1 from the largest value on",
                            )?;
                            previous = v;
                        }
                        Ok(())
                    })
                }),
            Property::named("rejects_bad_input", 2)
                .description("an odd or zero number of intervals, non-finite bounds or f values, an empty sample or NaN give the typed error, never a panic")
                .check(|imp, ctx| {
                    let one: fn(f64) -> f64 = |_| 1.0;
                    rejects!(ctx, |name, f, a, b, n| simpson_call(name, a, b, n) => (imp.simpson)(f, a, b, n);
                        ("f64::exp", f64::exp, 0.0, 1.0, 1) => StatsError::InvalidParameter { name: "intervals", .. },
                        ("f64::exp", f64::exp, 0.0, 1.0, 3) => StatsError::InvalidParameter { name: "intervals", .. },
                        ("f64::exp", f64::exp, 0.0, 1.0, 7) => StatsError::InvalidParameter { name: "intervals", .. },
                        ("f64::exp", f64::exp, 0.0, 1.0, 0) => StatsError::InvalidParameter { name: "intervals", .. },
                        ("f64::exp", f64::exp, f64::NAN, 1.0, 2) => StatsError::NonFinite,
                        ("f64::exp", f64::exp, 0.0, f64::INFINITY, 2) => StatsError::NonFinite,
                        // A constant f stays finite even at NaN and ±∞ nodes: only the bound
                        // check itself can see that one bound alone is not finite.
                        ("|_| 1.0", one, f64::NAN, 1.0, 2) => StatsError::NonFinite,
                        ("|_| 1.0", one, 0.0, f64::NEG_INFINITY, 2) => StatsError::NonFinite,
                        ("f64::ln", f64::ln, -1.0, 1.0, 2) => StatsError::NonFinite,
                        ("f64::recip", f64::recip, -1.0, 1.0, 2) => StatsError::NonFinite,
                    )?;
                    rejects!(ctx, |s, x| ecdf_call(s, x) => (imp.empirical_cdf)(s, x);
                        (&[], 0.0) => StatsError::EmptyInput,
                        (&[1.0, f64::NAN], 0.0) => StatsError::NonFinite,
                        (&[1.0, 2.0], f64::NAN) => StatsError::NonFinite,
                        (&[f64::INFINITY], 1.0) => StatsError::NonFinite,
                    )
                }),
            Property::named("iris_ecdf", 1)
                .description("the empirical cdf of the Iris petal lengths at 2, 4, 5 and 6 cm matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "empirical_cdf(&petal_lengths, x) for x = 2.0, 4.0, 5.0, 6.0";
                    ctx.once(call, || {
                        let lengths = tables::iris_columns().swap_remove(2).1;
                        let mut text = String::new();
                        for x in [2.0, 4.0, 5.0, 6.0] {
                            let v = tables::value(&(imp.empirical_cdf)(&lengths, x), 10);
                            text += &format!("F(petal length ≤ {x:.1} cm) = {v}\n");
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("odd_intervals_accepted")
                .explanation("Your simpson accepts an odd number of intervals. Simpson's rule fits one parabola \
                    through each PAIR of strips, so n must be even; with odd n the weights 1, 4, 2, …, 4, 1 do not \
                    fit and the answer is wrong. Return Err(StatsError::InvalidParameter { name: \"intervals\", .. }) \
                    when n is odd or 0.")
                .implementation(Impl {
                    simpson: |f, a, b, n| rule(f, a, b, n, (false, 1.0 / 3.0, [2.0, 4.0])),
                    ..RIGHT
                }),
            Misconception::named("trapezoid_rule")
                .explanation("Your answer is the trapezoid rule (weights 1, 2, 2, …, 2, 1 times h/2): it joins the \
                    points with straight lines, is exact only for straight lines and its error falls like h², \
                    not h⁴. Simpson fits parabolas: weights 1, 4, 2, 4, …, 2, 4, 1 times h/3.")
                .implementation(Impl {
                    simpson: |f, a, b, n| rule(f, a, b, n, (true, 0.5, [2.0, 2.0])),
                    ..RIGHT
                }),
            Misconception::named("weights_swapped")
                .explanation("Your Simpson weights are 1, 2, 4, 2, …, 4, 2, 1: the 4s and 2s are swapped. The \
                    midpoint of each pair of strips (odd i) gets weight 4, the shared ends (even i) get 2.")
                .implementation(Impl {
                    simpson: |f, a, b, n| rule(f, a, b, n, (true, 1.0 / 3.0, [4.0, 2.0])),
                    ..RIGHT
                }),
            Misconception::named("ecdf_strict")
                .explanation("Your empirical cdf counts the values strictly below x. A cdf is P(X ≤ x): values \
                    equal to x count too, so Fₙ(largest value) = 1.")
                .implementation(Impl {
                    empirical_cdf: |sample, x| {
                        mathlings_stats::empirical_cdf(sample, x)?;
                        Ok(sample.iter().filter(|&&v| v < x).count() as f64 / sample.len() as f64)
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            // A call that panics (a function still `todo!()`) counts as correct, so that a
            // mistake in one function is recognised while the other is unfinished.
            let attempt = |got: &dyn Fn() -> Result<f64, StatsError>,
                           right: Result<f64, StatsError>| {
                tables::value(&expect::probe_entry(got, right), 6)
            };
            let square: fn(f64) -> f64 = |x| x * x;
            let cube: fn(f64) -> f64 = |x| x * x * x;
            vec![
                attempt(&|| (imp.simpson)(cube, 0.0, 2.0, 2), Ok(4.0)),
                attempt(
                    &|| (imp.simpson)(f64::sin, 0.0, PI, 4),
                    (RIGHT.simpson)(f64::sin, 0.0, PI, 4),
                ),
                attempt(&|| (imp.simpson)(square, 0.0, 1.0, 3), (RIGHT.simpson)(square, 0.0, 1.0, 3)),
                attempt(&|| (imp.empirical_cdf)(&[3.0, 1.0, 2.0, 2.0], 2.0), Ok(0.75)),
            ]
        },
    }
}

/// A rule scale·h·Σ wᵢ·f(xᵢ) over the n + 1 nodes: whether n must be even, the scale, and the
/// weights wᵢ of the inner nodes at even and odd i (both ends weigh 1).
type Rule = (bool, f64, [f64; 2]);

/// [`Rule`] applied to f on [a, b] with n intervals.
fn rule(
    f: Integrand,
    a: f64,
    b: f64,
    n: usize,
    (check_even, scale, inner): Rule,
) -> Result<f64, StatsError> {
    if !a.is_finite() || !b.is_finite() {
        return Err(StatsError::NonFinite);
    }
    if n == 0 || (check_even && n % 2 == 1) {
        return Err(StatsError::InvalidParameter {
            name: "intervals",
            reason: "must be even and at least 2",
        });
    }
    let h = (b - a) / n as f64;
    let mut total = 0.0;
    for i in 0..=n {
        let y = f(if i == n { b } else { a + i as f64 * h });
        if !y.is_finite() {
            return Err(StatsError::NonFinite);
        }
        let weight = if i == 0 || i == n { 1.0 } else { inner[i % 2] };
        total += weight * y;
    }
    Ok(scale * h * total)
}

/// The right answers.
const RIGHT: Impl = Impl {
    simpson: |f, a, b, n| rule(f, a, b, n, (true, 1.0 / 3.0, [2.0, 4.0])),
    empirical_cdf: mathlings_stats::empirical_cdf,
};
