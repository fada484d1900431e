//! Checks for 1.5 — seeded sampling from the uniform, normal and exponential distributions.

use std::sync::atomic::{AtomicU64, Ordering};

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_5_sampling::Impl;

/// Draws per distributional check: enough to see a wrong transformation, quick unoptimised.
const N: usize = 2000;
/// Parameter sets tried per distribution.
const TRIALS: usize = 6;
/// Sample mean and variance must lie within Z standard errors of the truth: a correct sampler
/// leaves that band with probability ≈ 4e-8 per statistic (normal approximation).
const Z: f64 = 5.5;
/// Kolmogorov–Smirnov bound from the Dvoretzky–Kiefer–Wolfowitz inequality
/// P(Dₙ > ε) ≤ 2·exp(−2nε²): with ε = √(ln(2/1e-7)/(2n)) a correct sampler exceeds it with
/// probability ≤ 1e-7 (ε ≈ 0.065 for n = 2000).
fn ks_bound() -> f64 {
    ((2.0f64 / 1e-7).ln() / (2.0 * N as f64)).sqrt()
}

/// What a distribution predicts for a sample of size N.
struct Truth {
    mean: f64,
    variance: f64,
    /// The fourth central moment μ₄, for the standard error of s²: √((μ₄ − σ⁴)/n).
    fourth: f64,
    cdf: Box<dyn Fn(f64) -> f64>,
}

/// Checks a sample's size, mean, variance and KS distance against `truth`.
fn looks_like(got: &Sample, truth: &Truth) -> Verdict {
    let xs = expect::ok(got.as_ref(), &format!("{N} values"))?;
    let finite = xs.iter().filter(|x| x.is_finite()).count();
    let shown = format!("{} values, {finite} of them finite", xs.len());
    expect::that(xs.len() == N && finite == N, shown, format!("{N} finite values"))?;
    let n = N as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let variance = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let mean_band = Z * (truth.variance / n).sqrt();
    let variance_band = Z * ((truth.fourth - truth.variance.powi(2)) / n).sqrt();
    for (what, got, want, band) in [
        ("mean", mean, truth.mean, mean_band),
        ("variance", variance, truth.variance, variance_band),
    ] {
        if (got - want).abs() > band {
            return expect::fail(
                format!("a sample with {what} {}", show::rounded(got, 5)),
                format!("a {what} within {} of {}", show::rounded(band, 3), show::rounded(want, 5)),
            );
        }
    }
    let ks = mathlings_stats::ks_statistic(xs, &truth.cdf).expect("KS of a finite sample");
    let r = |x: f64| show::rounded(x, 3);
    expect::that(
        ks <= ks_bound(),
        format!("a sample at Kolmogorov–Smirnov distance {} from the distribution", r(ks)),
        format!(
            "a KS distance ≤ {} (the shape of the distribution, not just its moments)",
            r(ks_bound())
        ),
    )
}

impl Truth {
    /// The prediction from the mean, the variance, μ₄ and the cdf.
    fn new(mean: f64, variance: f64, fourth: f64, cdf: impl Fn(f64) -> f64 + 'static) -> Truth {
        Truth { mean, variance, fourth, cdf: Box::new(cdf) }
    }
}

fn uniform_truth(a: f64, b: f64) -> Truth {
    let w = b - a;
    let cdf = move |x| mathlings_stats::uniform_cdf(x, a, b).expect("reference cdf");
    Truth::new((a + b) / 2.0, w * w / 12.0, w.powi(4) / 80.0, cdf)
}

fn normal_truth(mu: f64, sigma: f64) -> Truth {
    let cdf = move |x| mathlings_stats::normal_cdf(x, mu, sigma).expect("reference cdf");
    Truth::new(mu, sigma * sigma, 3.0 * sigma.powi(4), cdf)
}

fn exponential_truth(lambda: f64) -> Truth {
    let cdf = move |x| mathlings_stats::exponential_cdf(x, lambda).expect("reference cdf");
    Truth::new(1.0 / lambda, 1.0 / (lambda * lambda), 9.0 / lambda.powi(4), cdf)
}

/// The call `name(parameters…, n, seed)`.
fn call<const K: usize>(name: &str, parameters: [f64; K], n: usize, seed: u64) -> String {
    format!("{name}({}, {n}, {seed})", parameters.map(show::float).join(", "))
}

/// What a sampler returns.
type Sample = Result<Vec<f64>, StatsError>;

/// One sampler with its parameters fixed, as a function of n and the seed.
type Sampler<'a> = &'a dyn Fn(usize, u64) -> Sample;

/// A parameter rounded to two decimals so that calls read well.
fn nice(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `TRIALS` checks `check(parameters, seed)` of the sampler `name` with N values, with the
/// parameters `draw(rng, trial)` and then the seed drawn from the property's generator.
fn trials<const K: usize>(
    ctx: &Ctx,
    name: &str,
    draw: impl Fn(&mut ChaCha8Rng, usize) -> [f64; K],
    check: impl Fn([f64; K], u64) -> Verdict,
) -> Verdict {
    let mut rng = ctx.rng();
    for trial in 0..TRIALS {
        let parameters = draw(&mut rng, trial);
        let seed: u64 = rng.random_range(0..1_000_000);
        ctx.once(&call(name, parameters, N, seed), || check(parameters, seed))?;
    }
    Ok(())
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_5_sampling",
        properties: vec![
            Property::named("reproducible_from_seed", 2)
                .description("each sampler returns exactly n values, the same values for the same seed, and different values for another seed")
                .check(|imp, ctx| {
                    let samplers: [(&str, Sampler); 3] = [
                        ("sample_uniform(-1.0, 2.0", &|n, s| (imp.sample_uniform)(-1.0, 2.0, n, s)),
                        ("sample_normal(1.0, 2.0", &|n, s| (imp.sample_normal)(1.0, 2.0, n, s)),
                        ("sample_exponential(0.5", &|n, s| (imp.sample_exponential)(0.5, n, s)),
                    ];
                    let mut rng = ctx.rng();
                    for n in 0..=9usize {
                        let seed: u64 = rng.random_range(0..1000);
                        for (name, sampler) in samplers {
                            ctx.once(&format!("{name}, {n}, {seed})"), || {
                                let first = sampler(n, seed);
                                let xs = expect::ok(first.as_ref(), &format!("{n} values"))?;
                                expect::that(xs.len() == n, format!("{} values", xs.len()), format!("{n} values"))?;
                                let again = sampler(n, seed);
                                expect::that(
                                    again.as_ref().ok() == Some(xs),
                                    format!("{} and then {}", show::result(&first), show::result(&again)),
                                    "the same values for the same seed (one generator per call, seeded with `seed`)",
                                )?;
                                let same = n >= 2 && sampler(n, seed + 1).as_ref().ok() == Some(xs);
                                expect::that(
                                    !same,
                                    format!("the same values {} for seeds {seed} and {}", show::result(&first), seed + 1),
                                    "different values for a different seed",
                                )
                            })?;
                        }
                    }
                    Ok(())
                }),
            Property::named("uniform_distribution", 2)
                .description("sample_uniform(a, b, 2000, seed) stays in [a, b] and has the mean (a + b)/2, variance (b − a)²/12 and cdf of U(a, b) (within 5.5 standard errors; KS ≤ 0.065)")
                .check(|imp, ctx| {
                    let draw = |rng: &mut ChaCha8Rng, _| {
                        let a = nice(rng.random_range(-10.0..10.0));
                        [a, a + nice(rng.random_range(0.5..20.0))]
                    };
                    trials(ctx, "sample_uniform", draw, |[a, b], seed| {
                        let got = (imp.sample_uniform)(a, b, N, seed);
                        if let Ok(xs) = &got
                            && let Some(x) = xs.iter().find(|x| !(a..=b).contains(*x))
                        {
                            return expect::fail(
                                format!("a value {}", show::float(*x)),
                                format!("values in [{a}, {b}]"),
                            );
                        }
                        looks_like(&got, &uniform_truth(a, b))
                    })
                }),
            Property::named("normal_distribution", 3)
                .description("sample_normal(μ, σ, 2000, seed) has mean μ, variance σ² and the normal cdf (within 5.5 standard errors; KS ≤ 0.065)")
                .check(|imp, ctx| {
                    let draw = |rng: &mut ChaCha8Rng, _| {
                        [nice(rng.random_range(-10.0..10.0)), nice(rng.random_range(0.1..10.0))]
                    };
                    trials(ctx, "sample_normal", draw, |[mu, s], seed| {
                        looks_like(&(imp.sample_normal)(mu, s, N, seed), &normal_truth(mu, s))
                    })
                }),
            Property::named("exponential_distribution", 2)
                .description("sample_exponential(λ, 2000, seed) has mean 1/λ, variance 1/λ² and the cdf 1 − e^(−λx) (within 5.5 standard errors; KS ≤ 0.065)")
                .check(|imp, ctx| {
                    // Rates well away from 1, where a rate/scale mix-up would go unnoticed.
                    let draw = |rng: &mut ChaCha8Rng, i: usize| {
                        let rate = if i.is_multiple_of(2) { 0.1..0.5 } else { 2.0..10.0 };
                        [nice(rng.random_range(rate))]
                    };
                    trials(ctx, "sample_exponential", draw, |[lambda], seed| {
                        let got = (imp.sample_exponential)(lambda, N, seed);
                        looks_like(&got, &exponential_truth(lambda))
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("a ≥ b, σ ≤ 0, λ ≤ 0 or NaN/±∞ parameters give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |a, b| call("sample_uniform", [a, b], 3, 1) => (imp.sample_uniform)(a, b, 3, 1);
                        (1.0, 1.0) => StatsError::InvalidParameter { name: "b", .. },
                        (2.0, 1.0) => StatsError::InvalidParameter { name: "b", .. },
                        (f64::NAN, 1.0) => StatsError::NonFinite,
                        (0.0, f64::INFINITY) => StatsError::NonFinite,
                    )?;
                    rejects!(ctx, |mu, sigma| call("sample_normal", [mu, sigma], 3, 1) => (imp.sample_normal)(mu, sigma, 3, 1);
                        (0.0, 0.0) => StatsError::InvalidParameter { name: "sigma", .. },
                        (0.0, -1.0) => StatsError::InvalidParameter { name: "sigma", .. },
                        (0.0, f64::NAN) => StatsError::InvalidParameter { name: "sigma", .. },
                        (0.0, f64::INFINITY) => StatsError::InvalidParameter { name: "sigma", .. },
                        (f64::NAN, 1.0) => StatsError::NonFinite,
                    )?;
                    rejects!(ctx, |lambda| call("sample_exponential", [lambda], 3, 1) => (imp.sample_exponential)(lambda, 3, 1);
                        (0.0) => StatsError::InvalidParameter { name: "lambda", .. },
                        (-2.0) => StatsError::InvalidParameter { name: "lambda", .. },
                        (f64::NAN) => StatsError::InvalidParameter { name: "lambda", .. },
                        (f64::INFINITY) => StatsError::InvalidParameter { name: "lambda", .. },
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("box_muller_one_uniform")
                .explanation("Your normal samples have the wrong shape: it looks like Box–Muller with one uniform \
                    used twice, r = √(−2 ln u) and θ = 2πu. Radius and angle must be independent: draw two \
                    uniforms per pair, r = √(−2 ln u₁), θ = 2π u₂, and return r cos θ and r sin θ.")
                .implementation(Impl { sample_normal: box_muller_one_uniform, ..RIGHT }),
            Misconception::named("lambda_as_scale")
                .explanation("Your exponential samples have mean λ instead of 1/λ: you multiplied −ln(1 − u) by λ. \
                    λ is a rate (events per unit time); inverting F(x) = 1 − e^(−λx) gives x = −ln(1 − u)/λ.")
                .implementation(Impl {
                    sample_exponential: |lambda, n, seed| {
                        let xs = exponential_ok(lambda, n, seed)?;
                        Ok(xs.into_iter().map(|x| x * lambda * lambda).collect())
                    },
                    ..RIGHT
                }),
            Misconception::named("seed_ignored")
                .explanation("Your samplers return different values when called twice with the same seed: the \
                    generator does not come (only) from `seed` — a thread-local or global generator, or one \
                    shared between calls. Create it inside each call with \
                    `ChaCha8Rng::seed_from_u64(seed)` so that results can be reproduced.")
                .implementation(Impl {
                    sample_uniform: |a, b, n, seed| uniform_ok(a, b, n, fresh(seed)),
                    sample_normal: |mu, sigma, n, seed| normal_ok(mu, sigma, n, fresh(seed)),
                    sample_exponential: |lambda, n, seed| exponential_ok(lambda, n, fresh(seed)),
                }),
        ],
        probe: |imp| {
            let same = (imp.sample_uniform)(0.0, 1.0, 5, 3) == (imp.sample_uniform)(0.0, 1.0, 5, 3)
                && (imp.sample_normal)(0.0, 1.0, 5, 3) == (imp.sample_normal)(0.0, 1.0, 5, 3)
                && (imp.sample_exponential)(2.0, 5, 3) == (imp.sample_exponential)(2.0, 5, 3);
            let normal = match (imp.sample_normal)(0.0, 1.0, N, 11) {
                Ok(xs) if xs.len() == N && xs.iter().all(|x| x.is_finite()) => {
                    let ks = mathlings_stats::ks_statistic(&xs, &normal_truth(0.0, 1.0).cdf);
                    let ks = ks.expect("KS");
                    if ks <= ks_bound() { "normal" } else { "not normal" }.to_string()
                }
                Ok(_) => "wrong length or non-finite".into(),
                Err(e) => show::error_kind(&e),
            };
            let exponential = match (imp.sample_exponential)(4.0, N, 5) {
                Ok(xs) if !xs.is_empty() => match xs.iter().sum::<f64>() / xs.len() as f64 {
                    m if (m - 0.25).abs() < 0.05 => "mean 1/λ".into(),
                    m if (m - 4.0).abs() < 0.8 => "mean λ".into(),
                    _ => "other mean".into(),
                },
                Ok(_) => "empty".into(),
                Err(e) => show::error_kind(&e),
            };
            vec![if same { "reproducible" } else { "not reproducible" }.into(), normal, exponential]
        },
    }
}

/// The right answers: the reference's samplers, seeded with `seed`.
const RIGHT: Impl = Impl {
    sample_uniform: uniform_ok,
    sample_normal: normal_ok,
    sample_exponential: exponential_ok,
};

fn uniform_ok(a: f64, b: f64, n: usize, seed: u64) -> Sample {
    mathlings_stats::sample_uniform(a, b, n, &mut ChaCha8Rng::seed_from_u64(seed))
}

fn normal_ok(mu: f64, sigma: f64, n: usize, seed: u64) -> Sample {
    mathlings_stats::sample_normal(mu, sigma, n, &mut ChaCha8Rng::seed_from_u64(seed))
}

fn exponential_ok(lambda: f64, n: usize, seed: u64) -> Sample {
    mathlings_stats::sample_exponential(lambda, n, &mut ChaCha8Rng::seed_from_u64(seed))
}

fn box_muller_one_uniform(mu: f64, sigma: f64, n: usize, seed: u64) -> Sample {
    normal_ok(mu, sigma, 0, seed)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    while out.len() < n {
        let u: f64 = 1.0 - rng.random::<f64>();
        let r = (-2.0 * u.ln()).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u;
        out.push(mu + sigma * r * theta.cos());
        out.push(mu + sigma * r * theta.sin());
    }
    out.truncate(n);
    Ok(out)
}

/// A generator that advances between calls, as a global or thread-local one would.
static CALLS: AtomicU64 = AtomicU64::new(1);

fn fresh(seed: u64) -> u64 {
    seed ^ CALLS.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}
