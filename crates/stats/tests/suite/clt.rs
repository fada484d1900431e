//! CLT simulation: identical for 1 and 4 threads; KS distance to N(0, 1) shrinks with n.

use mathlings_stats::{clt_standardized_means, ks_statistic, normal_cdf};

fn run_with_threads(threads: usize) -> Vec<f64> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(|| clt_standardized_means(20, 2000, 99).unwrap())
}

#[test]
fn identical_for_any_thread_count() {
    assert_eq!(run_with_threads(1), run_with_threads(4));
}

#[test]
fn ks_distance_to_normal_shrinks() {
    let phi = |z: f64| normal_cdf(z, 0.0, 1.0).unwrap();
    let d2 = ks_statistic(&clt_standardized_means(2, 4000, 5).unwrap(), phi).unwrap();
    let d50 = ks_statistic(&clt_standardized_means(50, 4000, 5).unwrap(), phi).unwrap();
    assert!((0.0..=1.0).contains(&d2) && d50 < d2, "{d2} vs {d50}");
}
