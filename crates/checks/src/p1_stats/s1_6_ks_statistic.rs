//! Checks for 1.6 — the Kolmogorov–Smirnov statistic.

use mathlings_bindings::objectives;
use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_6_ks_statistic::{Cdf, Impl};

/// D is a maximum of differences of numbers in [0, 1]: any correct order of operations agrees
/// to a few ulps, so 1e-12 absolute.
const AGREE: Tol = Tol { rel: 0.0, abs: 1e-12 };
/// Dvoretzky–Kiefer–Wolfowitz: P(D > ε) ≤ 2·exp(−2nε²); the bound for probability 1e-7.
fn dkw(n: usize) -> f64 {
    ((2.0f64 / 1e-7).ln() / (2.0 * n as f64)).sqrt()
}

/// The cdfs used, with the Rust a learner would write for them. All but the normal one are
/// catalogued course functions, which the learner process calls in its own copy (the normal
/// cdf is the reference's, so it is called back into the judge).
const CDFS: [(&str, Cdf); 4] = [
    ("|x| normal_cdf(x, 0.0, 1.0)", |x| {
        mathlings_stats::normal_cdf(x, 0.0, 1.0).unwrap_or(f64::NAN)
    }),
    ("|x| x.clamp(0.0, 1.0)", objectives::uniform_cdf),
    ("|x| 1.0 / (1.0 + (-x).exp())", objectives::logistic_cdf),
    ("|x| if x <= 0.0 { 0.0 } else { 1.0 - (-x).exp() }", objectives::exponential_cdf),
];
const STANDARD_NORMAL: Cdf = CDFS[0].1;

fn call(xs: &[f64], cdf: &str) -> String {
    format!("ks_statistic({}, {cdf})", show::floats(xs))
}

fn reference(xs: &[f64], cdf: Cdf) -> f64 {
    mathlings_stats::ks_statistic(xs, cdf).expect("reference KS")
}

/// A sample of 1–40 values in [−4, 4] (often half-integers, with ties) and one of the cdfs.
fn input() -> impl Strategy<Value = (Vec<f64>, usize)> + Clone {
    (
        proptest::collection::vec(
            prop_oneof![3 => -4.0..4.0f64, 1 => (-8i32..=8).prop_map(|i| f64::from(i) / 2.0)],
            1..40,
        ),
        0..CDFS.len(),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_6_ks_statistic",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("ks_statistic(sample, cdf) equals the reference D = maxᵢ max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n) (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        input(),
                        |(xs, c)| call(xs, CDFS[*c].0),
                        |(xs, c)| {
                            let cdf = CDFS[*c].1;
                            expect::close(&(imp.ks_statistic)(xs, cdf), reference(xs, cdf), AGREE)
                        },
                    )
                }),
            Property::named("between_half_step_and_one", 1)
                .description("D lies in [1/(2n), 1]: a staircase with steps of 1/n cannot follow a continuous cdf more closely than half a step")
                .check(|imp, ctx| {
                    ctx.forall(
                        input(),
                        |(xs, c)| call(xs, CDFS[*c].0),
                        |(xs, c)| {
                            let got = (imp.ks_statistic)(xs, CDFS[*c].1);
                            let low = 1.0 / (2.0 * xs.len() as f64);
                            expect::that(
                                matches!(got, Ok(d) if d >= low - 1e-12 && d <= 1.0),
                                show::float_result(&got),
                                format!("Ok(a value in [{}, 1])", show::rounded(low, 4)),
                            )
                        },
                    )
                }),
            Property::named("order_does_not_matter", 1)
                .description("shuffling the sample does not change D (the empirical cdf only depends on the sorted values)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (input(), proptest::num::u64::ANY),
                        |((xs, c), _)| call(xs, CDFS[*c].0),
                        |((xs, c), shuffle_seed)| {
                            let cdf = CDFS[*c].1;
                            let mut shuffled = xs.clone();
                            let mut rng = ChaCha8Rng::seed_from_u64(*shuffle_seed);
                            for i in (1..shuffled.len()).rev() {
                                shuffled.swap(i, rng.random_range(0..=i));
                            }
                            let original = (imp.ks_statistic)(xs, cdf);
                            let Ok(want) = original else {
                                return expect::fail(
                                    show::float_result(&original),
                                    "Ok(D) for the sample as given",
                                );
                            };
                            let (original, want_shown) = (show::floats(xs), show::float(want));
                            let shuffle_call = format!(
                                "{} (a shuffle of {original}, for which you returned {want_shown})",
                                call(&shuffled, CDFS[*c].0)
                            );
                            expect::close(&(imp.ks_statistic)(&shuffled, cdf), want, AGREE)
                                .map_err(|f| Failure { call: shuffle_call, ..f })
                        },
                    )
                }),
            Property::named("shrinks_for_larger_samples", 2)
                .description("for samples really drawn from N(0, 1), D stays below √(ln(2·10⁷)/(2n)) (the DKW bound), which shrinks like 1/√n for n = 25 … 1600; a sample from N(1, 1) stays far (D > 0.2)")
                .check(|imp, ctx| {
                    let mut rng = ctx.rng();
                    for (n, mu) in [(25usize, 0.0), (100, 0.0), (400, 0.0), (1600, 0.0), (400, 1.0)]
                    {
                        let seed: u64 = rng.random_range(0..1_000_000);
                        let what = format!(
                            "ks_statistic(&sample_normal({}, 1.0, {n}, &mut ChaCha8Rng::seed_from_u64({seed})), |x| normal_cdf(x, 0.0, 1.0))",
                            show::float(mu)
                        );
                        ctx.once(&what, || {
                            let xs = mathlings_stats::sample_normal(mu, 1.0, n, &mut ChaCha8Rng::seed_from_u64(seed)).expect("reference sampler");
                            let got = (imp.ks_statistic)(&xs, STANDARD_NORMAL);
                            if mu != 0.0 {
                                let far = "Ok(D > 0.2): the population distance is 2Φ(½) − 1 ≈ 0.38";
                                return expect::that(matches!(got, Ok(d) if d > 0.2), show::float_result(&got), far);
                            }
                            let want = reference(&xs, STANDARD_NORMAL);
                            expect::that(
                                matches!(got, Ok(d) if d <= dkw(n) && (d - want).abs() <= AGREE.abs),
                                show::float_result(&got),
                                format!("Ok({}), below {}", show::float(want), show::rounded(dkw(n), 3)),
                            )
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty sample, NaN or ±∞ in it, or a cdf returning values outside [0, 1] give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |xs, name, cdf| call(xs, name) => (imp.ks_statistic)(xs, cdf);
                        (&[], CDFS[0].0, STANDARD_NORMAL) => StatsError::EmptyInput,
                        (&[0.5, f64::NAN, 1.0], CDFS[0].0, STANDARD_NORMAL) => StatsError::NonFinite,
                        (&[0.5, f64::INFINITY, 1.0], CDFS[0].0, STANDARD_NORMAL) => StatsError::NonFinite,
                        (&[0.5, f64::NEG_INFINITY, 1.0], CDFS[0].0, STANDARD_NORMAL) => StatsError::NonFinite,
                        (&[0.5, 1.0], "|_| 2.0", |_| 2.0) => StatsError::InvalidParameter { name: "cdf", .. },
                        (&[0.5, 1.0], "|_| f64::NAN", |_| f64::NAN) => StatsError::InvalidParameter { name: "cdf", .. },
                    )
                }),
            Property::named("iris_normality_snapshot", 2)
                .description("the KS distance of each standardized Iris measurement (z = (x − x̄)/s) to N(0, 1) matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "ks_statistic(&z, |x| normal_cdf(x, 0.0, 1.0)) with z the standardized column, for each Iris feature";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let names = ["sepal length", "sepal width", "petal length", "petal width"];
                        let mut text = String::new();
                        for (name, column) in names.iter().zip(iris.features.column_iter()) {
                            let x = column.as_slice();
                            let mean = mathlings_stats::mean(x).expect("mean");
                            let sd = mathlings_stats::standard_deviation(x).expect("sd");
                            let z: Vec<f64> = x.iter().map(|v| (v - mean) / sd).collect();
                            let d = (imp.ks_statistic)(&z, STANDARD_NORMAL);
                            text += &format!(
                                "{name}: D = {}\n",
                                show::ok_or_debug(&d, |d| show::rounded(*d, 6))
                            );
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("upper_side_only")
                .explanation("Your D only measures where the staircase lies *above* the cdf: maxᵢ (i/n − F(x₍ᵢ₎)), \
                    i.e. D⁺. Just before each sorted value the staircase is still at (i − 1)/n, and the cdf can \
                    rise above it there; take D = max(D⁺, D⁻) with D⁻ = maxᵢ (F(x₍ᵢ₎) − (i − 1)/n).")
                .implementation(Impl {
                    ks_statistic: |xs, cdf| steps(xs, cdf, true, |_, hi, f| hi - f),
                }),
            Misconception::named("right_limits_only")
                .explanation("Your D is maxᵢ |i/n − F(x₍ᵢ₎)|: you compare the cdf with the staircase only at the top \
                    of each step. The gap can be larger at the bottom of a step, just before x₍ᵢ₎, where the \
                    staircase is (i − 1)/n: also take F(x₍ᵢ₎) − (i − 1)/n into account.")
                .implementation(Impl {
                    ks_statistic: |xs, cdf| steps(xs, cdf, true, |_, hi, f| (hi - f).abs()),
                }),
            Misconception::named("not_sorted")
                .explanation("Your D changes when the sample is shuffled: the i-th value is paired with the step i/n \
                    in the order given. The empirical cdf at x₍ᵢ₎ is i/n only for the i-th *smallest* value: sort \
                    a copy of the sample first (`v.sort_by(f64::total_cmp)`).")
                .implementation(Impl {
                    ks_statistic: |xs, cdf| steps(xs, cdf, false, |lo, hi, f| (hi - f).max(f - lo)),
                }),
        ],
        probe: |imp| {
            let shown = |xs: &[f64]| match (imp.ks_statistic)(xs, CDFS[1].1) {
                Ok(d) => show::rounded(d, 6),
                Err(e) => show::error_kind(&e),
            };
            vec![shown(&[0.9, 0.6, 0.8]), shown(&[0.1, 0.5, 0.2])]
        },
    }
}

/// maxᵢ gap(i/n, (i + 1)/n, F(xᵢ)) over the sample (sorted when `sort`), from 0.
fn steps(
    sample: &[f64],
    cdf: Cdf,
    sort: bool,
    gap: fn(f64, f64, f64) -> f64,
) -> Result<f64, StatsError> {
    mathlings_stats::ks_statistic(sample, cdf)?;
    let mut xs = sample.to_vec();
    if sort {
        xs.sort_by(f64::total_cmp);
    }
    let n = xs.len() as f64;
    Ok(xs
        .iter()
        .enumerate()
        .fold(0.0, |d: f64, (i, &x)| d.max(gap(i as f64 / n, (i + 1) as f64 / n, cdf(x)))))
}
