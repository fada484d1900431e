//! DiscreteRandomVariable against statrs' Binomial and DiscreteUniform (pmf, cdf, mean, variance),
//! pmf sums to 1 and cdf rises monotonically from 0 to 1 on random distributions, Var = E[X²] − E[X]²;
//! Simpson exact on cubics (exact antiderivative) with error ~h⁴ and ∫ of statrs' normal pdf vs its
//! cdf; empirical_cdf vs statrs' Empirical and a direct count.

use crate::common::*;
use mathlings_stats::{DiscreteRandomVariable, empirical_cdf, simpson};
use proptest::prelude::*;
use statrs::distribution::{
    Binomial, Continuous, ContinuousCDF, Discrete, DiscreteCDF, DiscreteUniform, Empirical, Normal,
};
use statrs::statistics::Distribution;

/// A random distribution on random (possibly repeated) values.
fn random_variable() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    proptest::collection::vec((-20i32..20, 0.0f64..1.0), 1..30).prop_filter_map(
        "weights must not all vanish",
        |v| {
            let total: f64 = v.iter().map(|(_, w)| w).sum();
            (total > 1e-3).then(|| {
                let values = v.iter().map(|(x, _)| f64::from(*x) / 4.0).collect();
                let p = v.iter().map(|(_, w)| w / total).collect();
                (values, p)
            })
        },
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn binomial_as_a_discrete_random_variable_matches_statrs(n in 1u64..60, p in 0.01f64..0.99) {
        let oracle = Binomial::new(p, n).unwrap();
        let values: Vec<f64> = (0..=n).map(|k| k as f64).collect();
        let probabilities: Vec<f64> = (0..=n).map(|k| oracle.pmf(k)).collect();
        let x = DiscreteRandomVariable::new(values, probabilities).unwrap();
        for k in 0..=n {
            prop_assert!((x.cdf(k as f64) - oracle.cdf(k)).abs() <= PMF_REL, "cdf({k})");
            prop_assert_eq!(x.pmf(k as f64), oracle.pmf(k));
        }
        prop_assert!(rel_err(x.mean(), oracle.mean().unwrap()) <= PMF_REL);
        prop_assert!(rel_err(x.variance(), oracle.variance().unwrap()) <= PMF_REL);
    }

    #[test]
    fn discrete_uniform_matches_statrs(a in -50i64..50, width in 0i64..60) {
        let b = a + width;
        let oracle = DiscreteUniform::new(a, b).unwrap();
        let count = (width + 1) as usize;
        let values: Vec<f64> = (a..=b).map(|k| k as f64).collect();
        let x = DiscreteRandomVariable::new(values, vec![1.0 / count as f64; count]).unwrap();
        for k in a - 1..=b + 1 {
            prop_assert!((x.pmf(k as f64) - oracle.pmf(k)).abs() <= IDENTITY_ABS);
            prop_assert!((x.cdf(k as f64) - oracle.cdf(k)).abs() <= IDENTITY_ABS);
        }
        let scale = a.abs().max(b.abs()) as f64 + 1.0;
        prop_assert!((x.mean() - oracle.mean().unwrap()).abs() <= IDENTITY_REL * scale);
        prop_assert!((x.variance() - oracle.variance().unwrap()).abs() <= IDENTITY_REL * scale * scale);
    }

    #[test]
    fn pmf_sums_to_one_and_cdf_rises_from_zero_to_one((values, p) in random_variable()) {
        let x = DiscreteRandomVariable::new(values.clone(), p).unwrap();
        let mut support = values.clone();
        support.sort_by(f64::total_cmp);
        support.dedup();
        let total: f64 = support.iter().map(|&v| x.pmf(v)).sum();
        prop_assert!((total - 1.0).abs() <= IDENTITY_ABS);
        prop_assert_eq!(x.cdf(support[0] - 1.0), 0.0);
        prop_assert!((x.cdf(support[support.len() - 1]) - 1.0).abs() <= IDENTITY_ABS);
        // Monotone, and each jump is the pmf at that point.
        let mut previous = 0.0;
        for &v in &support {
            let f = x.cdf(v);
            prop_assert!(f >= previous);
            prop_assert!((f - previous - x.pmf(v)).abs() <= IDENTITY_ABS);
            prop_assert!(x.cdf(v + 0.1) == f, "no mass strictly between support points 0.25 apart");
            previous = f;
        }
        prop_assert_eq!(x.pmf(0.1), 0.0);
    }

    #[test]
    fn variance_equals_second_moment_minus_squared_mean((values, p) in random_variable()) {
        let x = DiscreteRandomVariable::new(values.clone(), p.clone()).unwrap();
        // Textbook identity evaluated independently (plain sums; |values| ≤ 5, so no cancellation
        // worth worrying about at IDENTITY_ABS).
        let e1: f64 = values.iter().zip(&p).map(|(v, q)| v * q).sum();
        let e2: f64 = values.iter().zip(&p).map(|(v, q)| v * v * q).sum();
        prop_assert!((x.mean() - e1).abs() <= IDENTITY_ABS * 5.0);
        prop_assert!((x.variance() - (e2 - e1 * e1)).abs() <= IDENTITY_ABS * 25.0);
        prop_assert!(x.variance() >= 0.0);
    }

    #[test]
    fn simpson_is_exact_on_cubics(
        c in proptest::array::uniform4(-10.0f64..10.0),
        a in -5.0f64..5.0,
        length in -5.0f64..5.0,
        half_intervals in 1usize..50,
    ) {
        let b = a + length;
        let f = |x: f64| c[0] + x * (c[1] + x * (c[2] + x * c[3]));
        let antiderivative = |x: f64| x * (c[0] + x * (c[1] / 2.0 + x * (c[2] / 3.0 + x * c[3] / 4.0)));
        let exact = antiderivative(b) - antiderivative(a);
        let ours = simpson(f, a, b, 2 * half_intervals).unwrap();
        let max_f = (0..=100).map(|i| f(a + length * f64::from(i) / 100.0).abs()).fold(0.0, f64::max);
        let scale = length.abs() * max_f + antiderivative(a).abs() + antiderivative(b).abs();
        prop_assert!((ours - exact).abs() <= SIMPSON_EXACT_REL * scale.max(f64::MIN_POSITIVE), "{ours} vs {exact}");
    }

    #[test]
    fn simpson_integrates_the_normal_pdf_to_its_cdf(mu in -5.0f64..5.0, sigma in 0.2f64..5.0, lo in -4.0f64..0.0, hi in 0.0f64..4.0) {
        let oracle = Normal::new(mu, sigma).unwrap();
        let (a, b) = (mu + lo * sigma, mu + hi * sigma);
        let ours = simpson(|x| oracle.pdf(x), a, b, 1000).unwrap();
        prop_assert!((ours - (oracle.cdf(b) - oracle.cdf(a))).abs() <= SIMPSON_ABS);
    }

    #[test]
    fn empirical_cdf_matches_statrs_and_a_count(sample in proptest::collection::vec(-100i32..100, 1..200), x in -220i32..220) {
        // Half-integer data and quarter-integer x: x hits sample values and falls between them.
        let sample: Vec<f64> = sample.iter().map(|&v| f64::from(v) / 2.0).collect();
        let x = f64::from(x) / 4.0;
        let oracle: Empirical = sample.iter().copied().collect();
        let ours = empirical_cdf(&sample, x).unwrap();
        let count = sample.iter().filter(|&&v| v <= x).count();
        prop_assert_eq!(ours, oracle.cdf(x));
        prop_assert_eq!(ours, count as f64 / sample.len() as f64);
    }
}

#[test]
fn simpson_error_falls_like_h_to_the_fourth() {
    // ∫₀¹ eˣ dx = e − 1 and ∫₀^π sin = 2: halving h divides the error by ≈ 16.
    type Case = (fn(f64) -> f64, f64, f64);
    let cases: [Case; 2] = [
        (f64::exp, 1.0, std::f64::consts::E - 1.0),
        (f64::sin, std::f64::consts::PI, 2.0),
    ];
    for (f, b, exact) in cases {
        let errors: Vec<f64> = [4, 8, 16, 32]
            .iter()
            .map(|&n| (simpson(f, 0.0, b, n).unwrap() - exact).abs())
            .collect();
        for pair in errors.windows(2) {
            let ratio = pair[0] / pair[1];
            assert!(
                SIMPSON_ORDER_RATIO.0 <= ratio && ratio <= SIMPSON_ORDER_RATIO.1,
                "error ratio {ratio} (errors {errors:?})"
            );
        }
    }
}

#[test]
fn repeated_values_add_their_probabilities() {
    let x = DiscreteRandomVariable::new(vec![1.0, 2.0, 1.0], vec![0.25, 0.5, 0.25]).unwrap();
    assert_eq!(x.pmf(1.0), 0.5);
    assert_eq!(x.cdf(1.5), 0.5);
    assert_eq!(x.mean(), 1.5);
}
