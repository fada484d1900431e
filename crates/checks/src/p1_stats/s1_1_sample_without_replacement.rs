//! Checks for 1.1 — sampling k of n without replacement (partial Fisher–Yates).

use mathlings_stats::StatsError;
use proptest::prelude::any;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_1_sample_without_replacement::Impl;

/// Samples drawn (one per seed) for each goodness-of-fit test.
const DRAWS: usize = 2000;
/// Bound on Pearson's χ² for the inclusion counts of n = 10, k = 3. Under uniform sampling
/// the statistic has mean n(1 − k/n) = 7 and behaves like 0.78·χ²₉, so it exceeds 40 with
/// probability below 10⁻⁶; a sampler that favours some indices by a few percent lands far
/// above it.
const INCLUSION_CHI2: f64 = 40.0;
/// Bound on Pearson's χ² over the 10 pairs of a 2-of-5 sample: χ²₉ exceeds 40 with
/// probability about 10⁻⁵ (p-value of a fair sampler), while leaving out a pair or
/// favouring some by 20 % gives hundreds.
const PAIR_CHI2: f64 = 40.0;

fn call(n: usize, k: usize, seed: u64) -> String {
    format!("sample_without_replacement({n}, {k}, {seed})")
}

/// [`call`] of a generated (n, k, seed).
fn call_of(&(n, k, seed): &(usize, usize, u64)) -> String {
    call(n, k, seed)
}

/// (n, k ≤ n, seed) with n < 40.
fn valid_input() -> impl Strategy<Value = (usize, usize, u64)> + Clone {
    (0usize..40).prop_flat_map(|n| (Just(n), 0..=n, any::<u64>()))
}

/// Pearson's χ² of `counts` against equal expected counts `expected`.
fn chi_square(counts: &[usize], expected: f64) -> f64 {
    counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum()
}

/// A goodness-of-fit test over `DRAWS` consecutive seeds from a random base: `counts(base)`
/// tallies what `sample_without_replacement(n, k, seed)` drew (or says what was invalid:
/// the property then expects `valid`); each tally is expected `expected` times, and the
/// property holds when Pearson's χ² ≤ `limit`. `shown(counts)` says what was tallied,
/// `about` how often each should come up.
fn fits_over_seeds(
    ctx: &Ctx,
    (n, k): (usize, usize),
    counts: impl FnOnce(u64) -> Result<Vec<usize>, String>,
    valid: &str,
    (expected, limit): (f64, f64),
    shown: impl FnOnce(&[usize]) -> String,
    about: &str,
) -> Verdict {
    let base: u64 = ctx.rng().random_range(0..1_000_000);
    let what = format!(
        "sample_without_replacement({n}, {k}, seed) for seed = {base}, {base} + 1, …, {base} + {}",
        DRAWS - 1
    );
    ctx.once(&what, || {
        let counts = counts(base).map_err(|bad| expect::failure(bad, valid))?;
        let chi2 = chi_square(&counts, expected);
        expect::that(
            chi2 <= limit,
            format!("{}: χ² = {}", shown(&counts), show::rounded(chi2, 4)),
            format!("{about}: χ² ≤ {limit}"),
        )
    })
}

/// `slots` tallies over `DRAWS` seeds from `base`: each sample of `sample_without_replacement(n,
/// k, seed)` adds 1 to the tallies `hits(sample)`, or is invalid (`None`: the call and its result).
fn tally(
    imp: &Impl,
    (n, k): (usize, usize),
    base: u64,
    slots: usize,
    hits: impl Fn(&[usize]) -> Option<Vec<usize>>,
) -> Result<Vec<usize>, String> {
    let mut counts = vec![0; slots];
    let seeds = (0..DRAWS as u64).map(|s| base.wrapping_add(s));
    for (seed, got) in
        seeds.clone().zip(each!(imp.sample_without_replacement, (n, k, s) for s in seeds))
    {
        let Some(hit) = got.as_deref().ok().and_then(&hits) else {
            return Err(format!("{} = {}", call(n, k, seed), show::result(&got)));
        };
        hit.into_iter().for_each(|i| counts[i] += 1);
    }
    Ok(counts)
}

/// How often each index of 0..n is in the sample, over `DRAWS` seeds from `base`.
fn inclusion_counts(imp: &Impl, n: usize, k: usize, base: u64) -> Result<Vec<usize>, String> {
    tally(imp, (n, k), base, n, |v| v.iter().all(|&i| i < n).then(|| v.to_vec()))
}

/// How often each pair {i < j} of 0..5 is the sample of `sample(5, 2, seed)`.
fn pair_counts(imp: &Impl, base: u64) -> Result<Vec<usize>, String> {
    tally(imp, (5, 2), base, 10, |v| {
        let &[a, b] = v else { return None };
        let (i, j) = (a.min(b), a.max(b));
        // Index of the pair (i, j) among the 10 pairs in lexicographic order.
        (j < 5 && i != j).then(|| vec![(0..i).map(|r| 4 - r).sum::<usize>() + (j - i - 1)])
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_1_sample_without_replacement",
        properties: vec![
            Property::named("length_and_range", 1)
                .description("returns exactly k indices, each in 0..n")
                .check(|imp, ctx| {
                    ctx.forall(valid_input(), call_of, |&(n, k, seed)| {
                        let got = (imp.sample_without_replacement)(n, k, seed);
                        expect::that(
                            matches!(&got, Ok(v) if v.len() == k && v.iter().all(|&i| i < n)),
                            show::result(&got),
                            format!("Ok(a Vec of {k} indices, each < {n})"),
                        )
                    })
                }),
            Property::named("distinct", 2)
                .description("no index is drawn twice (k = n gives a permutation of 0..n)")
                .check(|imp, ctx| {
                    let distinct = |v: &[usize]| sorted(v).windows(2).all(|w| w[0] != w[1]);
                    for seed in 0..20 {
                        ctx.once(&call(8, 8, seed), || {
                            let got = (imp.sample_without_replacement)(8, 8, seed);
                            expect::that(
                                sorted(got.as_deref().unwrap_or_default()) == Vec::from_iter(0..8),
                                show::result(&got),
                                "Ok(a permutation of 0..8: every index exactly once)",
                            )
                        })?;
                    }
                    ctx.forall(valid_input(), call_of, |&(n, k, seed)| {
                        let got = (imp.sample_without_replacement)(n, k, seed);
                        let ok = matches!(&got, Ok(v) if distinct(v));
                        expect::that(ok, show::result(&got), format!("Ok({k} distinct indices)"))
                    })
                }),
            Property::named("uniform_inclusion", 2)
                .description("over 2000 seeds, every index of 0..10 is in a 3-sample about 600 times (Pearson χ² ≤ 40)")
                .check(|imp, ctx| {
                    fits_over_seeds(
                        ctx,
                        (10, 3),
                        |base| inclusion_counts(imp, 10, 3, base),
                        "Ok(3 indices, each < 10)",
                        ((DRAWS * 3) as f64 / 10.0, INCLUSION_CHI2),
                        |counts| format!("index i was drawn {counts:?} times (i = 0..10)"),
                        "about 600 times each (inclusion probability k/n = 3/10)",
                    )
                }),
            Property::named("uniform_subsets", 2)
                .description("over 2000 seeds, each of the 10 pairs of 0..5 is the 2-sample about 200 times (Pearson χ² ≤ 40)")
                .check(|imp, ctx| {
                    fits_over_seeds(
                        ctx,
                        (5, 2),
                        |base| pair_counts(imp, base),
                        "Ok(2 distinct indices, each < 5)",
                        (DRAWS as f64 / 10.0, PAIR_CHI2),
                        |counts| {
                            format!(
                                "the pairs {{0,1}}, {{0,2}}, {{0,3}}, {{0,4}}, {{1,2}}, {{1,3}}, {{1,4}}, {{2,3}}, {{2,4}}, {{3,4}} came up {counts:?} times"
                            )
                        },
                        "about 200 times each (every subset equally likely)",
                    )
                }),
            Property::named("reproducible", 1)
                .description("the same seed gives the same sample; different seeds give different samples")
                .check(|imp, ctx| {
                    ctx.forall(
                        valid_input(),
                        |&(n, k, seed)| format!("{} called twice", call(n, k, seed)),
                        |&(n, k, seed)| {
                            let first = (imp.sample_without_replacement)(n, k, seed);
                            let second = (imp.sample_without_replacement)(n, k, seed);
                            expect::that(
                                first == second,
                                format!("{} then {}", show::result(&first), show::result(&second)),
                                "the same sample both times",
                            )
                        },
                    )?;
                    let what = "sample_without_replacement(20, 5, seed) for seed = 0..30";
                    ctx.once(what, || {
                        let mut samples: Vec<Vec<usize>> = (0..30)
                            .filter_map(|s| (imp.sample_without_replacement)(20, 5, s).ok())
                            .collect();
                        samples.sort();
                        samples.dedup();
                        expect::that(
                            samples.len() >= 25,
                            format!("only {} different samples", samples.len()),
                            "(almost) 30 different samples: 15504 subsets are possible",
                        )
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("k > n gives StatsError::InvalidParameter (like the reference), never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |n, k| call(n, k, 7) => (imp.sample_without_replacement)(n, k, 7);
                        (3, 4) => StatsError::InvalidParameter { name: "k", .. },
                        (0, 1) => StatsError::InvalidParameter { name: "k", .. },
                        (10, 11) => StatsError::InvalidParameter { name: "k", .. },
                    )?;
                    ctx.once(&call(0, 0, 7), || {
                        let got = (imp.sample_without_replacement)(0, 0, 7);
                        expect::that(
                            matches!(&got, Ok(v) if v.is_empty()),
                            show::result(&got),
                            "Ok([]) (an empty sample of an empty population is fine)",
                        )
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("with_replacement")
                .explanation("Your sample contains the same index twice: you draw k times from 0..n \
                    independently, which is sampling WITH replacement. Remove each drawn member from the \
                    pool: keep the list 0..n and at step i swap position i with a random position in i..n \
                    (partial Fisher–Yates); the sample is the first k positions.")
                .implementation(Impl { sample_without_replacement: with_replacement }),
            Misconception::named("naive_shuffle")
                .explanation("Your indices are distinct but some subsets come up more often than others: \
                    at step i you swap with a random position in the WHOLE list 0..n. Then positions already \
                    filled can be disturbed and the n^k equally likely swap sequences do not map evenly \
                    onto the subsets. Choose j uniformly in i..n (only the members not chosen yet).")
                .implementation(Impl {
                    sample_without_replacement: |n, k, s| partial_shuffle(n, k, s, |_, n| 0..n),
                }),
            Misconception::named("ignores_seed")
                .explanation("Your answer gives the same sample whatever the seed, so one subset is \
                    certain and every other impossible: the seed must choose the sample. Seed the \
                    generator from the argument (ChaCha8Rng::seed_from_u64(seed)) — not from a constant, \
                    and not leaving the order 0..n as it is — and draw every random position from it.")
                // The partial Fisher–Yates shuffle seeded with a constant: the seed is ignored.
                .implementation(Impl {
                    sample_without_replacement: |n, k, _| partial_shuffle(n, k, 42, |i, n| i..n),
                }),
            Misconception::named("contiguous_block")
                .explanation("Your samples are always k consecutive indices (a random start, wrapping \
                    around). Every index is included equally often, but most subsets can never occur: a \
                    simple random sample must make every k-subset equally likely. Use the partial \
                    Fisher–Yates shuffle.")
                .implementation(Impl { sample_without_replacement: contiguous_block }),
        ],
        probe: |imp| {
            let draw = |n, k, s| sorted(&(imp.sample_without_replacement)(n, k, s).unwrap_or_default());
            let duplicates = (0..20).any(|s| draw(10, 10, s).windows(2).any(|w| w[0] == w[1]));
            let fit = |counts: Result<Vec<usize>, String>, expected, limit| match counts {
                Ok(c) if chi_square(&c, expected) <= limit => "uniform",
                Ok(_) => "biased",
                Err(_) => "invalid",
            };
            let inclusion = fit(inclusion_counts(imp, 6, 2, 11), (DRAWS * 2) as f64 / 6.0, INCLUSION_CHI2);
            let pairs = fit(pair_counts(imp, 11), DRAWS as f64 / 10.0, PAIR_CHI2);
            let contiguous = (0..50).all(|s| {
                let v = draw(10, 3, s);
                v.len() == 3
                    && (v == [v[0], v[0] + 1, v[0] + 2] || v == [0, 1, 9] || v == [0, 8, 9])
            });
            let first = (imp.sample_without_replacement)(10, 3, 0).ok();
            let fixed = (1..20).all(|s| (imp.sample_without_replacement)(10, 3, s).ok() == first);
            vec![
                if duplicates { "duplicates" } else { "distinct" }.into(),
                if fixed { "the same for every seed" } else { "varies with the seed" }.into(),
                inclusion.into(),
                pairs.into(),
                if contiguous { "contiguous" } else { "scattered" }.into(),
                match (imp.sample_without_replacement)(3, 4, 7) {
                    Ok(_) => "accepts k > n".into(),
                    Err(StatsError::InvalidParameter { .. }) => "rejects k > n".into(),
                    Err(e) => format!("{e:?}"),
                },
            ]
        },
    }
}

/// A sorted copy of `v`.
fn sorted(v: &[usize]) -> Vec<usize> {
    let mut s = v.to_vec();
    s.sort_unstable();
    s
}

/// The reference's rejection of k > n.
fn check_k(n: usize, k: usize) -> Result<(), StatsError> {
    mathlings_stats::sample_without_replacement(n, k, &mut ChaCha8Rng::seed_from_u64(0)).map(|_| ())
}

/// What a sampler returns.
type Sample = Result<Vec<usize>, StatsError>;

/// The positions a shuffle step may swap with.
type Positions = std::ops::Range<usize>;

/// k draws from 0..n (none when n = 0, hence k = 0).
fn with_replacement(n: usize, k: usize, seed: u64) -> Sample {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    check_k(n, k).map(|()| (0..k).map(|_| rng.random_range(0..n)).collect())
}

/// k steps of a shuffle of 0..n that swaps position i with a position drawn `from(i, n)`;
/// the first k positions.
fn partial_shuffle(n: usize, k: usize, seed: u64, from: fn(usize, usize) -> Positions) -> Sample {
    check_k(n, k)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut items: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = rng.random_range(from(i, n));
        items.swap(i, j);
    }
    items.truncate(k);
    Ok(items)
}

/// k consecutive indices from a random start, wrapping around (none when n = 0, hence k = 0).
fn contiguous_block(n: usize, k: usize, seed: u64) -> Sample {
    check_k(n, k)?;
    let start = if n == 0 { 0 } else { ChaCha8Rng::seed_from_u64(seed).random_range(0..n) };
    Ok((0..k).map(|i| (start + i) % n).collect())
}
