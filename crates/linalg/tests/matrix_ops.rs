//! add, transpose, matmul (naive and blocked) and dense_layer against nalgebra's
//! operators.

mod common;

use common::*;
use mathlings_linalg::{add, dense_layer, matmul_blocked, matmul_naive, transpose};
use nalgebra::DMatrix;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_nalgebra_operators((m, p, seed) in shape_case(), n in 1usize..=8) {
        let a = random_matrix(m, p, seed);
        let b = random_matrix(p, n, seed ^ 1);
        let c = random_matrix(m, p, seed ^ 2);
        let oracle = &a * &b;
        prop_assert!(relative_error(&matmul_naive(&a, &b).unwrap(), &oracle) <= BACKWARD);
        prop_assert!(relative_error(&matmul_blocked(&a, &b).unwrap(), &oracle) <= BACKWARD);
        prop_assert_eq!(add(&a, &c).unwrap(), &a + &c);
        prop_assert_eq!(transpose(&a), a.transpose());
        let bias = random_vector(n, seed ^ 3);
        let w = random_matrix(n, p, seed ^ 4);
        let y = dense_layer(&a, &w, &bias).unwrap();
        let expected = &a * w.transpose() + DMatrix::from_fn(m, n, |_, j| bias[j]);
        prop_assert!(relative_error(&y, &expected) <= BACKWARD);
    }
}

/// Sizes that cross every block boundary (32 columns, 128 depth, 256 rows) and the
/// 4-column grouping, so that remainder paths are exercised.
#[test]
fn blocked_matches_nalgebra_across_block_edges() {
    for &(m, p, n) in &[(257, 129, 37), (300, 300, 33), (5, 260, 3), (1, 1, 1)] {
        let a = random_matrix(m, p, 11);
        let b = random_matrix(p, n, 12);
        let c = matmul_blocked(&a, &b).unwrap();
        assert!(relative_error(&c, &(&a * &b)) <= BACKWARD, "{m}×{p}×{n}");
    }
}
