//! Checks for 1.6 — a seeded, parallel simulation of the central limit theorem.

use std::sync::Mutex;

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_6_clt_simulation::Impl;

/// The same draws as the reference: x̄ differs only by summation order (≲ n·ε relative), so Z
/// agrees to ≲ √n·n·ε ≈ 1e-13 for n ≤ 64; 1e-9 absolute leaves ample room.
const AGREE: Tol = Tol { rel: 0.0, abs: 1e-9 };
/// Replicates for the distributional checks: the KS noise is then ≤ 0.046 (DKW, p = 1e-7).
const REPLICATES: usize = 4000;
/// Mean and variance of the Z's within Z_BAND standard errors (p ≈ 4e-8 each).
const Z_BAND: f64 = 5.5;
/// Attempts at catching a thread-count dependence: scheduling-dependent code differs from the
/// single-threaded result in nearly every attempt; a correct one never does.
const ATTEMPTS: usize = 4;
/// (sample_size, replicates) big enough (2·10⁵ draws, several ms) that all threads of a pool
/// get to work even on a busy machine, so a shared generator is really contended.
const CONTENDED: (usize, usize) = (50, 4000);

/// The result of one simulation.
type Simulation = Result<Vec<f64>, StatsError>;

fn call(n: usize, r: usize, seed: u64) -> String {
    format!("standardized_means({n}, {r}, {seed})")
}

fn mean_and_variance(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let variance = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

/// The Z's as finite values of the right count, or a failure.
fn finite(got: &Simulation, r: usize) -> Result<Vec<f64>, Failure> {
    match got {
        Ok(z) if z.len() == r && z.iter().all(|v| v.is_finite()) => Ok(z.clone()),
        Ok(z) => {
            let finite = z.iter().filter(|v| v.is_finite()).count();
            Err(expect::failure(
                format!("{} values (finite ones: {finite})", z.len()),
                format!("{r} finite values"),
            ))
        }
        Err(e) => Err(expect::failure(format!("Err({e:?})"), format!("Ok({r} values)"))),
    }
}

/// Where two results first differ, for the learner: "value #i: a with 1 thread, b with 3 threads".
fn first_difference(one: &Simulation, three: &Simulation) -> String {
    match (one, three) {
        (Ok(a), Ok(b)) if a.len() == b.len() => {
            let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0);
            format!(
                "value #{i}: {} with 1 thread, {} with 3 threads",
                show::float(a[i]),
                show::float(b[i])
            )
        }
        _ => format!("{} with 1 thread, {} with 3 threads", show::result(one), show::result(three)),
    }
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_6_clt_simulation",
        properties: vec![
            Property::named("same_for_any_thread_count", 3)
                .description("the result depends on the seed only: the same in a 1-thread and a 3-thread rayon pool, and again on a second call")
                .check(|imp, ctx| {
                    let (mut rng, f) = (ctx.rng(), imp.standardized_means);
                    // Runs the simulation in a local rayon pool of `threads` threads.
                    let run = |threads, n, r, seed| {
                        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
                        pool.expect("a local rayon pool").install(|| f(n, r, seed))
                    };
                    for (n, r) in [(1usize, 50usize), (20, 300), CONTENDED] {
                        let seed: u64 = rng.random_range(0..1_000_000);
                        ctx.once(&format!("{} in 1-thread and 3-thread pools", call(n, r, seed)), || {
                            let one = run(1, n, r, seed);
                            for _ in 0..ATTEMPTS {
                                let three = run(3, n, r, seed);
                                if three != one {
                                    return expect::fail(
                                        first_difference(&one, &three),
                                        "the same values for any number of threads (one generator per replicate, derived from (seed, i))",
                                    );
                                }
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                }),
            Property::named("matches_reference", 2)
                .description("with replicate i drawn from ChaCha8Rng::seed_from_u64(seed) on stream i, the Z's equal the reference simulation's (to 1e-9)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (1usize..=64, 1usize..=40, 0u64..1000),
                        |&(n, r, s)| call(n, r, s),
                        |&(n, r, seed)| {
                            let want = mathlings_stats::clt_standardized_means(n, r, seed)
                                .expect("reference");
                            expect::all_close(&(imp.standardized_means)(n, r, seed), &want, AGREE)
                        },
                    )
                }),
            Property::named("standardized_mean_zero_variance_one", 2)
                .description("for n = 30 the 4000 Z's have mean ≈ 0 and variance ≈ 1 (within 5.5 standard errors): the standard error of x̄ is σ/√n, not σ")
                .check(|imp, ctx| {
                    let seed: u64 = ctx.rng().random_range(0..1_000_000);
                    let (n, r) = (30usize, REPLICATES);
                    ctx.once(&call(n, r, seed), || {
                        let z = finite(&(imp.standardized_means)(n, r, seed), r)?;
                        let (mean, variance) = mean_and_variance(&z);
                        let rf = r as f64;
                        // Var(s²) ≈ (μ₄ − 1)/r with μ₄ = 3 + 6/n for means of exponentials.
                        let variance_band = Z_BAND * ((2.0 + 6.0 / n as f64) / rf).sqrt();
                        expect::that(
                            mean.abs() <= Z_BAND / rf.sqrt()
                                && (variance - 1.0).abs() <= variance_band,
                            format!(
                                "Z's with mean {} and variance {}",
                                show::rounded(mean, 4),
                                show::rounded(variance, 4)
                            ),
                            format!(
                                "mean 0 ± {} and variance 1 ± {}",
                                show::rounded(Z_BAND / rf.sqrt(), 2),
                                show::rounded(variance_band, 2)
                            ),
                        )
                    })
                }),
            Property::named("ks_distance_shrinks_with_n", 2)
                .description("the KS distance of the Z's to N(0, 1) is large for n = 1 (the skewed exponential itself, D > 0.1) and small for n = 64 (D < 0.08)")
                .check(|imp, ctx| {
                    let seed: u64 = ctx.rng().random_range(0..1_000_000);
                    for n in [1, 64] {
                        ctx.once(&call(n, REPLICATES, seed), || {
                            let z = finite(&(imp.standardized_means)(n, REPLICATES, seed), REPLICATES)?;
                            let cdf = |x| mathlings_stats::normal_cdf(x, 0.0, 1.0).expect("reference cdf");
                            let d = mathlings_stats::ks_statistic(&z, cdf).expect("KS of finite values");
                            let (passes, expected) = match n {
                                1 => (d > 0.1, "a KS distance > 0.1 (for n = 1, Z = x − 1 is a shifted exponential, ≥ 0.159 away from N(0, 1))"),
                                _ => (d < 0.08, "a KS distance < 0.08 (≈ 0.017 from the remaining skew, plus ≤ 0.046 sampling noise)"),
                            };
                            expect::that(passes, format!("Z's at KS distance {} from N(0, 1)", show::rounded(d, 3)), expected)
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("sample_size = 0 or replicates = 0 gives StatsError::InvalidParameter naming the parameter, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |n, r| call(n, r, 1) => (imp.standardized_means)(n, r, 1);
                        (0, 10) => StatsError::InvalidParameter { name: "sample_size", .. },
                        (10, 0) => StatsError::InvalidParameter { name: "replicates", .. },
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("shared_rng")
                .explanation("Your results change with the number of threads (and from run to run): all replicates \
                    draw from one shared generator (behind a Mutex, say), so which numbers a replicate gets depends \
                    on which thread asks first. Give each replicate its own generator derived from (seed, i): \
                    `let mut rng = ChaCha8Rng::seed_from_u64(seed); rng.set_stream(i as u64);` inside the map.")
                .implementation(Impl {
                    standardized_means: |n, r, seed| simulate(n, r, seed, (false, true), f64::sqrt),
                }),
            Misconception::named("divides_by_sigma")
                .explanation("Your Z's have variance ≈ 1/n instead of 1: you standardized with σ instead of the \
                    standard error σ/√n. The mean of n draws varies √n times less than one draw: \
                    Z = (x̄ − μ)/(σ/√n) = (x̄ − μ)·√n/σ.")
                .implementation(Impl {
                    standardized_means: |n, r, seed| simulate(n, r, seed, (true, false), |_| 1.0),
                }),
            Misconception::named("same_stream_for_every_replicate")
                .explanation("All your replicates are identical: each one seeds its generator with `seed` alone, so \
                    they all draw the same numbers. Give replicate i its own stream: \
                    `rng.set_stream(i as u64)` after `ChaCha8Rng::seed_from_u64(seed)`.")
                .implementation(Impl {
                    standardized_means: |n, r, s| simulate(n, r, s, (false, false), f64::sqrt),
                }),
        ],
        probe: |imp| {
            // Deterministic on any machine: whether the replicates' generators are the
            // per-replicate streams (then the output equals the reference bit for bit).
            // A shared generator gives statistically fine but different numbers.
            let got = (imp.standardized_means)(25, 400, 3);
            let want = mathlings_stats::clt_standardized_means(25, 400, 3).expect("reference");
            let streams = match (&got, expect::all_close(&got, &want, AGREE)) {
                (Ok(_), Ok(())) => "per-replicate streams",
                (Ok(_), Err(_)) => "other random streams",
                (Err(_), _) => "error",
            };
            let spread = match (finite(&got, 400), &got) {
                (Ok(z), _) => match mean_and_variance(&z).1 {
                    v if v < 1e-12 => "all equal".into(),
                    v if (0.6..1.5).contains(&v) => "variance ≈ 1".into(),
                    v if (0.01..0.1).contains(&v) => "variance ≈ 1/n".into(),
                    _ => "other variance".into(),
                },
                (Err(_), Ok(_)) => "wrong length or non-finite".into(),
                (Err(_), Err(e)) => show::error_kind(e),
            };
            vec![streams.to_string(), spread]
        },
    }
}

/// Z = (x̄ − 1)·scale(n) per replicate (√n is right), the draws from a generator per replicate
/// seeded with `seed` (on stream i when `streams`) or, when `shared`, from one generator behind
/// a Mutex that the replicates ask in turn.
fn simulate(
    sample_size: usize,
    replicates: usize,
    seed: u64,
    (streams, shared): (bool, bool),
    scale: fn(f64) -> f64,
) -> Result<Vec<f64>, StatsError> {
    mathlings_stats::clt_standardized_means(sample_size, replicates, seed)?;
    let (n, common) = (sample_size as f64, Mutex::new(ChaCha8Rng::seed_from_u64(seed)));
    Ok((0..replicates)
        .into_par_iter()
        .map(|i| {
            let mut own = ChaCha8Rng::seed_from_u64(seed);
            if streams {
                own.set_stream(i as u64);
            }
            let mut draw = || {
                let u: f64 =
                    if shared { common.lock().expect("unpoisoned").random() } else { own.random() };
                -(-u).ln_1p()
            };
            let total: f64 = (0..sample_size).map(|_| draw()).sum();
            (total / n - 1.0) * scale(n)
        })
        .collect())
}
