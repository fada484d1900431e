//! Sampling without replacement (subset, distinct, uniform inclusion and uniform k-subsets by
//! chi-square tests over seeds, critical values from statrs' ChiSquared), bootstrap resampling and
//! its percentile CI (contains the estimate, statrs mean, narrows like 1/√n, width ≈ normal
//! theory), the standard error vs statrs std_dev/√n, and inverse-probability weighting recovering a
//! population mean (exactly on a stratified sample, within 5 SE on a Poisson sample).

use crate::common::*;
use mathlings_stats::{
    bootstrap_mean_ci, bootstrap_resample, inverse_probability_weighted_mean,
    sample_without_replacement, standard_error_of_mean,
};
use proptest::prelude::*;
use rand::Rng;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::statistics::Statistics;

/// Pearson's X² = Σ (Oᵢ − E)² / E for equal expected counts E.
fn chi_square(observed: &[usize], expected: f64) -> f64 {
    observed
        .iter()
        .map(|&o| (o as f64 - expected).powi(2) / expected)
        .sum()
}

/// The CHI_SQUARE_QUANTILE critical value of χ² with `df` degrees of freedom, from statrs.
fn critical_value(df: usize) -> f64 {
    ChiSquared::new(df as f64)
        .unwrap()
        .inverse_cdf(CHI_SQUARE_QUANTILE)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn without_replacement_is_a_distinct_subset(n in 0usize..300, frac in 0.0f64..=1.0, seed in any::<u64>()) {
        let k = (frac * n as f64).round() as usize;
        let s = sample_without_replacement(n, k, &mut rng(seed)).unwrap();
        prop_assert_eq!(s.len(), k);
        prop_assert!(s.iter().all(|&i| i < n));
        let mut sorted = s.clone();
        sorted.sort_unstable();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), k, "indices repeat: {:?}", s);
    }

    #[test]
    fn bootstrap_resample_draws_from_the_data(data in proptest::collection::vec(-1e3f64..1e3, 1..100), seed in any::<u64>()) {
        let r = bootstrap_resample(&data, &mut rng(seed)).unwrap();
        prop_assert_eq!(r.len(), data.len());
        prop_assert!(r.iter().all(|v| data.contains(v)));
    }

    #[test]
    fn bootstrap_ci_contains_the_estimate(data in proptest::collection::vec(-1e3f64..1e3, 5..50), level in 0.5f64..0.99, seed in any::<u64>()) {
        let ci = bootstrap_mean_ci(&data, 200, level, seed).unwrap();
        let scale = data.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        prop_assert!((ci.estimate - data.iter().mean()).abs() <= WELFORD_REL * scale);
        prop_assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper, "{ci:?}");
        let lo = data.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = data.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(lo <= ci.lower && ci.upper <= hi);
        // Same seed, same interval.
        prop_assert_eq!(bootstrap_mean_ci(&data, 200, level, seed).unwrap(), ci);
    }

    #[test]
    fn standard_error_matches_statrs(data in proptest::collection::vec(-1e3f64..1e3, 2..300), offset in -1e3f64..1e3) {
        let x: Vec<f64> = data.iter().map(|v| v + offset).collect();
        let theirs = x.iter().std_dev() / (x.len() as f64).sqrt();
        let ours = standard_error_of_mean(&x).unwrap();
        // Welford's error is relative to the data's scale, not to s (s may be tiny).
        let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs())) / (x.len() as f64).sqrt();
        prop_assert!((ours - theirs).abs() <= WELFORD_REL * scale, "{ours} vs {theirs}");
    }

    #[test]
    fn ipw_recovers_the_mean_of_a_stratified_population(
        groups in proptest::collection::vec((-1e3f64..1e3, 1usize..50, 0.0f64..=1.0), 1..10)
    ) {
        // Stratum g: value v_g, N_g population units, m_g = ⌈f·N_g⌉ of them sampled, so each
        // sampled unit had inclusion probability π_g = m_g / N_g. The Hájek estimate must equal
        // the population mean exactly (up to rounding): Σ m_g v_g/π_g / Σ m_g/π_g = Σ N_g v_g / Σ N_g.
        let mut population = Vec::new();
        let (mut values, mut probabilities) = (Vec::new(), Vec::new());
        for &(v, size, f) in &groups {
            let sampled = ((f * size as f64).ceil() as usize).max(1);
            population.extend(std::iter::repeat_n(v, size));
            values.extend(std::iter::repeat_n(v, sampled));
            probabilities.extend(std::iter::repeat_n(sampled as f64 / size as f64, sampled));
        }
        let truth = population.iter().mean();
        let ours = inverse_probability_weighted_mean(&values, &probabilities).unwrap();
        let scale = groups.iter().fold(1.0f64, |m, g| m.max(g.0.abs()));
        prop_assert!((ours - truth).abs() <= IDENTITY_REL * scale, "{ours} vs {truth}");
    }
}

#[test]
fn every_index_has_inclusion_probability_k_over_n() {
    // 3000 seeds, n = 10, k = 3: each index is expected 900 times. (The counts are negatively
    // correlated, so X² has mean n − k = 7 < 9 = df: the χ²₉ bound is conservative.)
    let (n, k, draws) = (10, 3, 3000);
    let mut counts = vec![0usize; n];
    for seed in 0..draws {
        for i in sample_without_replacement(n, k, &mut rng(seed)).unwrap() {
            counts[i] += 1;
        }
    }
    let expected = draws as f64 * k as f64 / n as f64;
    let x2 = chi_square(&counts, expected);
    assert!(x2 <= critical_value(n - 1), "X² = {x2}, counts {counts:?}");
}

#[test]
fn every_k_subset_is_equally_likely() {
    // n = 5, k = 2: the C(5, 2) = 10 unordered subsets are multinomial cells with p = 1/10.
    let (n, k, draws) = (5, 2, 5000);
    let mut counts = [0usize; 25];
    for seed in 0..draws {
        let s = sample_without_replacement(n, k, &mut rng(1_000_000 + seed)).unwrap();
        let (a, b) = (s[0].min(s[1]), s[0].max(s[1]));
        counts[a * n + b] += 1;
    }
    let cells: Vec<usize> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .map(|(a, b)| counts[a * n + b])
        .collect();
    assert_eq!(cells.len(), 10);
    assert_eq!(cells.iter().sum::<usize>(), draws as usize);
    let x2 = chi_square(&cells, draws as f64 / 10.0);
    assert!(x2 <= critical_value(9), "X² = {x2}, cells {cells:?}");
}

#[test]
fn bootstrap_resample_picks_positions_uniformly() {
    // 500 resamples of 0, 1, …, 9: 5000 independent uniform draws, a multinomial with 10 cells.
    let data: Vec<f64> = (0..10).map(f64::from).collect();
    let mut counts = vec![0usize; 10];
    let mut r = rng(77);
    for _ in 0..500 {
        for v in bootstrap_resample(&data, &mut r).unwrap() {
            counts[v as usize] += 1;
        }
    }
    let x2 = chi_square(&counts, 500.0);
    assert!(x2 <= critical_value(9), "X² = {x2}, counts {counts:?}");
}

#[test]
fn bootstrap_ci_narrows_like_one_over_root_n() {
    let mut r = rng(2024);
    let small: Vec<f64> = (0..400).map(|_| r.random::<f64>()).collect();
    let large: Vec<f64> = (0..1600).map(|_| r.random::<f64>()).collect();
    let width = |d: &[f64]| {
        let ci = bootstrap_mean_ci(d, 2000, 0.95, 5).unwrap();
        ci.upper - ci.lower
    };
    let (w_small, w_large) = (width(&small), width(&large));
    let ratio = w_small / w_large;
    assert!(
        BOOTSTRAP_WIDTH_RATIO.0 <= ratio && ratio <= BOOTSTRAP_WIDTH_RATIO.1,
        "4× the data should halve the width: {w_small} / {w_large} = {ratio}"
    );
    // Normal theory: the 95% interval for a mean is ≈ 2 · 1.96 · s/√n (s from statrs).
    let z = statrs::distribution::Normal::standard().inverse_cdf(0.975);
    let normal_width = 2.0 * z * small.iter().std_dev() / (small.len() as f64).sqrt();
    assert!(
        rel_err(w_small, normal_width) <= BOOTSTRAP_WIDTH_VS_NORMAL_REL,
        "{w_small} vs {normal_width}"
    );
}

#[test]
fn ipw_corrects_a_biased_poisson_sample() {
    // Population yᵢ = i/N; unit i enters the sample with πᵢ = 0.05 + 0.9·yᵢ (large values are
    // over-represented: the plain sample mean is ≈ 0.65, the population mean is ≈ 0.5).
    let n = 20_000;
    let y: Vec<f64> = (0..n).map(|i| i as f64 / n as f64).collect();
    let pi: Vec<f64> = y.iter().map(|v| 0.05 + 0.9 * v).collect();
    let truth = y.iter().mean();
    let mut r = rng(9);
    let (mut values, mut probabilities) = (Vec::new(), Vec::new());
    for (v, p) in y.iter().zip(&pi) {
        if r.random::<f64>() < *p {
            values.push(*v);
            probabilities.push(*p);
        }
    }
    // Linearised standard error of the Hájek estimator under Poisson sampling:
    // SE² ≈ Σ (1 − πᵢ)/πᵢ · (yᵢ − ȳ)² / N².
    let se = (y
        .iter()
        .zip(&pi)
        .map(|(v, p)| (1.0 - p) / p * (v - truth).powi(2))
        .sum::<f64>()
        .sqrt())
        / n as f64;
    let ipw = inverse_probability_weighted_mean(&values, &probabilities).unwrap();
    let naive = values.iter().mean();
    assert!(
        (ipw - truth).abs() <= MONTE_CARLO_SE * se,
        "IPW {ipw} vs {truth} (SE {se})"
    );
    assert!(
        (naive - truth).abs() > MONTE_CARLO_SE * se,
        "the naive mean {naive} should be visibly biased"
    );
}
