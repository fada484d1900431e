//! add, transpose, matmul (naive and blocked) and dense_layer against nalgebra's
//! operators.

use crate::common::*;
use mathlings_linalg::{LinalgError, add, dense_layer, matmul_blocked, matmul_naive, transpose};
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

/// Sizes on both sides of every block boundary of `matmul_blocked` (tiles of 16 rows ×
/// 6 columns, depth blocks of 128, at most 240 columns per task, so 481 columns make
/// three tasks), vectors (1×n, n×1), outer products (depth 1) and single entries.
#[test]
fn blocked_matches_nalgebra_across_block_edges() {
    let shapes = [
        (15, 127, 5),
        (16, 128, 6),
        (17, 129, 7),
        (33, 257, 481),
        (257, 129, 37),
        (300, 300, 33),
        (5, 260, 3),
        (1, 300, 250),
        (250, 300, 1),
        (1, 300, 1),
        (300, 1, 300),
        (1, 1, 300),
        (300, 1, 1),
        (1, 1, 1),
    ];
    for (m, p, n) in shapes {
        let a = random_matrix(m, p, 11);
        let b = random_matrix(p, n, 12);
        let c = matmul_blocked(&a, &b).unwrap();
        assert!(relative_error(&c, &(&a * &b)) <= BACKWARD, "{m}×{p}×{n}");
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random shapes up to 150, crossing the 16-row, 6-column and 128-depth blocks.
    #[test]
    fn blocked_matches_nalgebra_on_random_shapes(
        m in 1usize..=150,
        p in 1usize..=150,
        n in 1usize..=150,
        seed in any::<u64>(),
    ) {
        let a = random_matrix(m, p, seed);
        let b = random_matrix(p, n, seed ^ 1);
        prop_assert!(relative_error(&matmul_blocked(&a, &b).unwrap(), &(&a * &b)) <= BACKWARD);
    }
}

/// Small integers multiply and add without rounding (every partial sum is an integer
/// far below 2⁵³), so in any summation order the product must equal nalgebra's exactly.
#[test]
fn blocked_is_exact_on_integer_matrices() {
    let a = DMatrix::from_fn(131, 97, |i, j| ((i * 7 + j * 3) % 19) as f64 - 9.0);
    let b = DMatrix::from_fn(97, 250, |i, j| ((i * 5 + j * 11) % 23) as f64 - 11.0);
    assert_eq!(matmul_blocked(&a, &b).unwrap(), &a * &b);
}

/// The packing space is reused between calls: a product after a larger one must not
/// see the larger one's leftovers in its zero padding.
#[test]
fn blocked_reuses_packing_space_without_leftovers() {
    let big = DMatrix::from_element(200, 200, 7.0);
    matmul_blocked(&big, &big).unwrap();
    for (m, p, n) in [(3, 5, 2), (17, 9, 13), (40, 129, 1)] {
        let a = random_matrix(m, p, 21);
        let b = random_matrix(p, n, 22);
        let c = matmul_blocked(&a, &b).unwrap();
        assert!(relative_error(&c, &(&a * &b)) <= BACKWARD, "{m}×{p}×{n}");
    }
}

/// Products computed inside rayon tasks (nested parallelism, several products on one
/// worker thread) agree with nalgebra.
#[test]
fn blocked_inside_rayon_tasks_matches_nalgebra() {
    use rayon::prelude::*;
    let errors: Vec<f64> = (0..8u64)
        .into_par_iter()
        .map(|seed| {
            let a = random_matrix(120, 90, seed);
            let b = random_matrix(90, 110, seed ^ 1);
            relative_error(&matmul_blocked(&a, &b).unwrap(), &(&a * &b))
        })
        .collect();
    assert!(errors.iter().all(|&e| e <= BACKWARD), "{errors:?}");
}

/// Empty factors with compatible shapes, and a non-finite value in the last entry of a
/// large factor (the check must scan all of it), are errors.
#[test]
fn blocked_rejects_empty_and_non_finite_factors() {
    let a = random_matrix(3, 4, 1);
    assert!(matches!(
        matmul_blocked(&DMatrix::zeros(0, 3), &a),
        Err(LinalgError::Empty)
    ));
    assert!(matches!(
        matmul_blocked(&a, &DMatrix::zeros(4, 0)),
        Err(LinalgError::Empty)
    ));
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut big = random_matrix(150, 150, 2);
        big[(149, 149)] = bad;
        let good = random_matrix(150, 150, 3);
        assert!(matches!(
            matmul_blocked(&big, &good),
            Err(LinalgError::NonFinite)
        ));
        assert!(matches!(
            matmul_blocked(&good, &big),
            Err(LinalgError::NonFinite)
        ));
    }
}
