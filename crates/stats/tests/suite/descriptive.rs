//! mean, median, modes, quantile and expected_value against statrs (mean, median, min/max,
//! Categorical), an exact integer oracle, a textbook type-7 quantile written here, numpy literals
//! and a count-based mode oracle; quickcheck for the equivariance laws.

use crate::common::*;
use mathlings_stats::{expected_value, mean, median, modes, quantile};
use proptest::prelude::*;
use quickcheck::TestResult;
use statrs::distribution::Categorical;
use statrs::statistics::{Data, Distribution, OrderStatistics, Statistics};
use std::collections::HashMap;

/// Hyndman & Fan (1996) type 7, written from the definition with 1-based order statistics:
/// h = (n − 1)q + 1, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), with x₍ₙ₊₁₎ := x₍ₙ₎.
fn textbook_type7(x: &[f64], q: f64) -> f64 {
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let h = (s.len() as f64 - 1.0) * q + 1.0;
    let lower = h.floor() as usize; // 1-based
    let upper = (lower + 1).min(s.len());
    s[lower - 1] + (h - h.floor()) * (s[upper - 1] - s[lower - 1])
}

fn max_abs(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |m, v| m.max(v.abs()))
}

/// Sample from numpy 2.4.6: `np.quantile(x, q)` (default method "linear" = R type 7).
const NUMPY_SAMPLE: [f64; 11] = [3.1, -2.0, 7.5, 0.25, 4.0, 4.0, -11.0, 9.75, 1.5, 6.0, -0.5];
/// (q, np.quantile(NUMPY_SAMPLE, q)) from numpy 2.4.6.
const NUMPY_QUANTILES: [(f64, f64); 10] = [
    (0.0, -11.0),
    (0.05, -6.5),
    (0.1, -2.0),
    (0.25, -0.125),
    (0.33, 0.6250000000000003),
    (0.5, 3.1),
    (0.7, 4.0),
    (0.9, 7.5),
    (0.99, 9.525),
    (1.0, 9.75),
];
/// (q, np.quantile([10, 20, 30, 40], q)) from numpy 2.4.6.
const NUMPY_EVEN_QUANTILES: [(f64, f64); 5] = [
    (0.1, 13.0),
    (0.25, 17.5),
    (0.5, 25.0),
    (0.6, 28.0),
    (0.75, 32.5),
];

#[test]
fn quantile_matches_numpy() {
    let scale = max_abs(&NUMPY_SAMPLE);
    for (q, expected) in NUMPY_QUANTILES {
        let ours = quantile(&NUMPY_SAMPLE, q).unwrap();
        assert!(
            (ours - expected).abs() <= QUANTILE_REL_TO_SCALE * scale,
            "q = {q}: {ours} vs numpy {expected}"
        );
    }
    let even = [10.0, 20.0, 30.0, 40.0];
    for (q, expected) in NUMPY_EVEN_QUANTILES {
        let ours = quantile(&even, q).unwrap();
        assert!((ours - expected).abs() <= QUANTILE_REL_TO_SCALE * 40.0);
    }
}

#[test]
fn statrs_quantile_is_a_different_definition() {
    // statrs 0.19 uses R type 8 (h = (n + ⅓)q + ⅓), so it is only an oracle at q ∈ {0, ½, 1};
    // this pins the difference so that nobody "fixes" our type 7 towards it.
    let x = [10.0, 20.0, 30.0, 40.0];
    let type8 = Data::new(x.to_vec()).quantile(0.25);
    assert!((type8 - (10.0 + 10.0 * 5.0 / 12.0)).abs() <= IDENTITY_ABS);
    assert_eq!(quantile(&x, 0.25).unwrap(), 17.5);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mean_matches_statrs(x in proptest::collection::vec(-1e3f64..1e3, 1..300), offset in -1e3f64..1e3) {
        let x: Vec<f64> = x.iter().map(|v| v + offset).collect();
        let theirs = x.iter().mean();
        let scale = max_abs(&x);
        prop_assert!((mean(&x).unwrap() - theirs).abs() <= WELFORD_REL * scale, "{} vs {theirs}", mean(&x).unwrap());
    }

    #[test]
    fn mean_is_the_correctly_rounded_exact_mean(v in proptest::collection::vec(-1_000_000i64..1_000_000, 1..300), offset in -1_000_000_000i64..1_000_000_000) {
        // Integer data: Σ is exact in i128 and |Σ| < 2⁵³, so the exact mean rounded once is Σ/n.
        let x: Vec<f64> = v.iter().map(|&a| (a + offset) as f64).collect();
        let total: i128 = v.iter().map(|&a| i128::from(a + offset)).sum();
        let exact = total as f64 / v.len() as f64;
        prop_assert!(rel_err(mean(&x).unwrap(), exact) <= MEAN_REL);
    }

    #[test]
    fn median_matches_statrs_and_ignores_order(x in proptest::collection::vec(-1e6f64..1e6, 1..100).prop_shuffle(), seed in any::<u64>()) {
        let theirs = Data::new(x.clone()).median();
        let ours = median(&x).unwrap();
        prop_assert_eq!(ours, theirs);
        // A different permutation of the same data.
        let mut shuffled = x.clone();
        rand::seq::SliceRandom::shuffle(shuffled.as_mut_slice(), &mut rng(seed));
        prop_assert_eq!(median(&shuffled).unwrap(), ours);
    }

    #[test]
    fn median_is_robust_to_one_huge_outlier(x in proptest::collection::vec(-1e3f64..1e3, 2..100), sign in prop_oneof![Just(-1.0), Just(1.0)]) {
        let mut with_outlier = x.clone();
        with_outlier.push(sign * 1e300);
        let (lo, hi) = (x.iter().copied().fold(f64::INFINITY, f64::min), x.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        let m = median(&with_outlier).unwrap();
        // The median stays inside the clean data's range; the mean is dragged to ±1e298.
        prop_assert!(lo <= m && m <= hi, "{m} outside [{lo}, {hi}]");
        prop_assert!((m - median(&x).unwrap()).abs() <= hi - lo);
        prop_assert!(mean(&with_outlier).unwrap().abs() > 1e297);
    }

    #[test]
    fn quantile_matches_textbook_type7(x in proptest::collection::vec(-1e6f64..1e6, 1..100), q in 0.0f64..=1.0) {
        let ours = quantile(&x, q).unwrap();
        let oracle = textbook_type7(&x, q);
        prop_assert!((ours - oracle).abs() <= QUANTILE_REL_TO_SCALE * max_abs(&x), "{ours} vs {oracle}");
    }

    #[test]
    fn quantile_ends_and_middle_match_statrs(x in proptest::collection::vec(-1e6f64..1e6, 1..100)) {
        // At q = 0, ½, 1 every Hyndman–Fan definition (statrs uses type 8) gives min, median, max.
        let mut data = Data::new(x.clone());
        prop_assert_eq!(quantile(&x, 0.0).unwrap(), data.quantile(0.0));
        prop_assert_eq!(quantile(&x, 1.0).unwrap(), data.quantile(1.0));
        // lo + ½(hi − lo) and (lo + hi)/2 may differ in the last bit.
        let tol = QUANTILE_REL_TO_SCALE * max_abs(&x);
        prop_assert!((quantile(&x, 0.5).unwrap() - data.median()).abs() <= tol);
        prop_assert!((data.quantile(0.5) - median(&x).unwrap()).abs() <= tol);
    }

    #[test]
    fn quantile_is_monotone_in_q(x in proptest::collection::vec(-1e6f64..1e6, 1..60), q1 in 0.0f64..=1.0, q2 in 0.0f64..=1.0) {
        let (a, b) = if q1 <= q2 { (q1, q2) } else { (q2, q1) };
        prop_assert!(quantile(&x, a).unwrap() <= quantile(&x, b).unwrap());
    }

    #[test]
    fn expected_value_matches_statrs_categorical(w in proptest::collection::vec(0.0f64..1.0, 1..40)) {
        prop_assume!(w.iter().sum::<f64>() > 1e-3);
        let total: f64 = w.iter().sum();
        let p: Vec<f64> = w.iter().map(|v| v / total).collect();
        let values: Vec<f64> = (0..p.len()).map(|i| i as f64).collect();
        let theirs = Categorical::new(&w).unwrap().mean().unwrap();
        let ours = expected_value(&values, &p).unwrap();
        prop_assert!((ours - theirs).abs() <= IDENTITY_REL * p.len() as f64, "{ours} vs {theirs}");
    }

    #[test]
    fn expected_value_is_affine(
        v in proptest::collection::vec((-1e3f64..1e3, 0.0f64..1.0), 1..40),
        a in -100.0f64..100.0,
        b in -1e3f64..1e3,
    ) {
        let total: f64 = v.iter().map(|(_, w)| w).sum();
        prop_assume!(total > 1e-3);
        let p: Vec<f64> = v.iter().map(|(_, w)| w / total).collect();
        let x: Vec<f64> = v.iter().map(|(x, _)| *x).collect();
        let ax_b: Vec<f64> = x.iter().map(|x| a * x + b).collect();
        let lhs = expected_value(&ax_b, &p).unwrap();
        let rhs = a * expected_value(&x, &p).unwrap() + b;
        let scale = a.abs() * max_abs(&x) + b.abs();
        prop_assert!((lhs - rhs).abs() <= IDENTITY_REL * scale.max(1.0), "{lhs} vs {rhs}");
    }
}

#[test]
fn mean_and_median_are_shift_and_scale_equivariant() {
    // Dyadic data, integer a and b: a·x + b is exact, so the median commutes exactly and the mean
    // within a few roundings of the scale.
    fn law(v: Vec<i32>, a: i8, b: i16) -> TestResult {
        if v.is_empty() || a == 0 {
            return TestResult::discard();
        }
        let x = dyadic(&v);
        let (a, b) = (f64::from(a), f64::from(b));
        let y: Vec<f64> = x.iter().map(|x| a * x + b).collect();
        let scale = a.abs() * max_abs(&x) + b.abs();
        let mean_ok = (mean(&y).unwrap() - (a * mean(&x).unwrap() + b)).abs() <= MEAN_REL * scale;
        let median_ok = median(&y).unwrap() == a * median(&x).unwrap() + b;
        TestResult::from_bool(mean_ok && median_ok)
    }
    quickcheck_law(law as fn(Vec<i32>, i8, i16) -> TestResult);
}

#[test]
fn quantile_is_shift_and_scale_equivariant() {
    // Positive a keeps the order (Q(q) of a·x + b = a·Q(q) + b); negative a mirrors q → 1 − q.
    fn law(v: Vec<i32>, a: i8, b: i16, q: u16) -> TestResult {
        if v.is_empty() || a == 0 {
            return TestResult::discard();
        }
        let q = f64::from(q) / f64::from(u16::MAX);
        let x = dyadic(&v);
        let (a, b) = (f64::from(a), f64::from(b));
        let y: Vec<f64> = x.iter().map(|x| a * x + b).collect();
        let q_mirrored = if a > 0.0 { q } else { 1.0 - q };
        let lhs = quantile(&y, q_mirrored).unwrap();
        let rhs = a * quantile(&x, q).unwrap() + b;
        let scale = a.abs() * max_abs(&x) + b.abs();
        // The mirrored q is 1 − q rounded, which moves h = (n − 1)q by ≤ n·ε.
        let tol = QUANTILE_REL_TO_SCALE * scale * (1.0 + v.len() as f64);
        TestResult::from_bool((lhs - rhs).abs() <= tol)
    }
    quickcheck_law(law as fn(Vec<i32>, i8, i16, u16) -> TestResult);
}

#[test]
fn mean_lies_between_min_and_max() {
    // Any finite f64 (quickcheck includes ±f64::MAX, whose sum overflows): min ≤ x̄ ≤ max, up to
    // the one rounding of the final division.
    fn law(x: Vec<f64>) -> TestResult {
        if x.is_empty() || x.iter().any(|v| !v.is_finite()) {
            return TestResult::discard();
        }
        let m = mean(&x).unwrap();
        let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        TestResult::from_bool(
            m.is_finite() && lo - MEAN_REL * lo.abs() <= m && m <= hi + MEAN_REL * hi.abs(),
        )
    }
    quickcheck_law(law as fn(Vec<f64>) -> TestResult);
}

#[test]
fn modes_share_the_maximum_count() {
    // Oracle: a HashMap of counts (keys are the bit patterns of v + 0.0, so −0 and +0 merge).
    fn law(v: Vec<i8>) -> TestResult {
        if v.is_empty() {
            return TestResult::discard();
        }
        let x: Vec<f64> = v.iter().map(|&a| f64::from(a / 8) / 2.0).collect();
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for value in &x {
            *counts.entry((value + 0.0).to_bits()).or_default() += 1;
        }
        let best = *counts.values().max().unwrap();
        let mut expected: Vec<f64> = counts
            .iter()
            .filter(|&(_, &c)| c == best)
            .map(|(&bits, _)| f64::from_bits(bits))
            .collect();
        expected.sort_by(f64::total_cmp);
        TestResult::from_bool(modes(&x).unwrap() == expected)
    }
    quickcheck_law(law as fn(Vec<i8>) -> TestResult);
}

#[test]
fn modes_of_textbook_examples() {
    assert_eq!(modes(&[1.0, 2.0, 2.0, 3.0]).unwrap(), vec![2.0]);
    assert_eq!(
        modes(&[3.0, 1.0, 3.0, 1.0, 2.0]).unwrap(),
        vec![1.0, 3.0],
        "every tied value, not just the first"
    );
    assert_eq!(modes(&[-0.0, 0.0, 5.0]).unwrap().len(), 1);
}
