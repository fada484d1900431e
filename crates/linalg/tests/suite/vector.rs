//! Vector operations: algebraic laws (quickcheck) and nalgebra's dot/norm/lp_norm.

use crate::common::*;
use mathlings_linalg::{cosine_similarity, dot, norm, project};
use nalgebra::DVector;
use proptest::prelude::*;
use quickcheck::{QuickCheck, TestResult};

/// Small finite inputs only (quickcheck's f64 includes NaN/∞, which are bad_input's job).
fn usable(x: &[f64]) -> bool {
    !x.is_empty() && x.iter().all(|v| v.is_finite() && v.abs() < 1e100)
}

#[test]
fn dot_is_symmetric() {
    fn law(a: Vec<f64>, b: Vec<f64>) -> TestResult {
        let n = a.len().min(b.len());
        if !usable(&a[..n]) || !usable(&b[..n]) {
            return TestResult::discard();
        }
        TestResult::from_bool(dot(&a[..n], &b[..n]) == dot(&b[..n], &a[..n]))
    }
    QuickCheck::new()
        .tests(cases().into())
        .quickcheck(law as fn(Vec<f64>, Vec<f64>) -> TestResult);
}

#[test]
fn norm_is_absolutely_homogeneous() {
    fn law(x: Vec<f64>, k: i8) -> TestResult {
        if !usable(&x) {
            return TestResult::discard();
        }
        let k = f64::from(k);
        let scaled: Vec<f64> = x.iter().map(|v| k * v).collect();
        let lhs = norm(&scaled, 2.0).unwrap();
        let rhs = k.abs() * norm(&x, 2.0).unwrap();
        TestResult::from_bool((lhs - rhs).abs() <= BACKWARD * rhs.max(f64::MIN_POSITIVE))
    }
    QuickCheck::new()
        .tests(cases().into())
        .quickcheck(law as fn(Vec<f64>, i8) -> TestResult);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_nalgebra(n in 1usize..=16, seed in any::<u64>(), p in 1.0f64..6.0) {
        let a = random_vector(n, seed);
        let b = random_vector(n, seed ^ 1);
        prop_assert!((dot(a.as_slice(), b.as_slice()).unwrap() - a.dot(&b)).abs() <= BACKWARD);
        prop_assert!((norm(a.as_slice(), 2.0).unwrap() - a.norm()).abs() <= BACKWARD * a.norm());
        prop_assert!((norm(a.as_slice(), 1.0).unwrap() - a.lp_norm(1)).abs() <= BACKWARD * a.lp_norm(1));
        prop_assert!((norm(a.as_slice(), f64::INFINITY).unwrap() - a.amax()).abs() == 0.0);
        let direct: f64 = a.iter().map(|v| v.abs().powf(p)).sum::<f64>().powf(1.0 / p);
        prop_assert!((norm(a.as_slice(), p).unwrap() - direct).abs() <= BACKWARD * direct);
    }

    /// Cosine similarity in [−1, 1] and equal to a·b/(‖a‖‖b‖); v − proj(v) ⟂ u.
    #[test]
    fn cosine_and_projection(n in 1usize..=16, seed in any::<u64>()) {
        let a = random_vector(n, seed);
        let b = random_vector(n, seed ^ 1);
        let c = cosine_similarity(a.as_slice(), b.as_slice()).unwrap();
        prop_assert!((-1.0..=1.0).contains(&c));
        prop_assert!((c - a.dot(&b) / (a.norm() * b.norm())).abs() <= BACKWARD);
        let p = DVector::from_vec(project(a.as_slice(), b.as_slice()).unwrap());
        prop_assert!((&a - &p).dot(&b).abs() <= BACKWARD * a.norm() * b.norm());
        let oracle = &b * (a.dot(&b) / b.dot(&b));
        prop_assert!(relative_error_vector(&p, &oracle) <= BACKWARD.max(BACKWARD * a.norm() / p.norm().max(1e-300)));
    }
}

#[test]
fn no_overflow_for_huge_entries() {
    let x = [1e200, 1e200];
    assert_eq!(norm(&x, 2.0).unwrap(), 1e200 * 2f64.sqrt());
    assert!((cosine_similarity(&x, &[1e200, 0.0]).unwrap() - 0.5f64.sqrt()).abs() <= ULPS);
    assert!(
        (norm(&[1e-300, 1e-300], 3.0).unwrap() - 1e-300 * 2f64.powf(1.0 / 3.0)).abs()
            <= 1e-300 * ULPS * 4.0
    );
}
