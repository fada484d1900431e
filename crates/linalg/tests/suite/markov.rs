//! Stationary distributions: πP = π, Σπ = 1, against the eigenvector of Pᵀ for
//! eigenvalue 1 (nalgebra's eigen-decomposition of symmetric chains) and known chains.

use crate::common::*;
use mathlings_linalg::stationary_distribution;
use nalgebra::{DMatrix, dmatrix, dvector};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

proptest! {
    #![proptest_config(config())]

    /// Random positive chains: πP = π, entries > 0, sum 1, and π equals the limit of πPᵗ.
    #[test]
    fn is_fixed_point_and_limit(n in 1usize..=8, seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut p = DMatrix::from_fn(n, n, |_, _| rng.random_range(0.1..1.0));
        for mut row in p.row_iter_mut() {
            let s = row.sum();
            row /= s;
        }
        let pi = stationary_distribution(&p).unwrap();
        prop_assert!((pi.transpose() * &p - pi.transpose()).amax() <= BACKWARD);
        prop_assert!((pi.sum() - 1.0).abs() <= BACKWARD);
        prop_assert!(pi.iter().all(|&x| x > 0.0));
        // Oracle: the rows of Pᵗ converge to π for a positive chain (Perron–Frobenius).
        let mut power = p.clone();
        for _ in 0..200 { power = &power * &p; }
        prop_assert!((power.row(0).transpose() - &pi).amax() <= BACKWARD);
    }
}

#[test]
fn known_chains() {
    // Two-state chain: π = (b, a)/(a + b) for P = [1−a a; b 1−b].
    let pi = stationary_distribution(&dmatrix![0.7, 0.3; 0.2, 0.8]).unwrap();
    assert!((pi - dvector![0.4, 0.6]).amax() <= ULPS * 4.0);
    // Periodic chain (iteration would oscillate): uniform.
    let pi = stationary_distribution(&dmatrix![0.0, 1.0; 1.0, 0.0]).unwrap();
    assert!((pi - dvector![0.5, 0.5]).amax() <= ULPS);
}
