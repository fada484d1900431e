//! Triangular solves against nalgebra's solve_upper/lower_triangular.

use crate::common::*;
use mathlings_linalg::{solve_lower_triangular, solve_upper_triangular};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn upper_matches_nalgebra(n in 1usize..=8, seed in any::<u64>()) {
        // Diagonal kept away from 0 so the system is well conditioned.
        let mut r = random_matrix(n, n, seed).upper_triangle();
        for i in 0..n { r[(i, i)] += if r[(i, i)] >= 0.0 { 2.0 } else { -2.0 }; }
        let b = random_vector(n, seed ^ 3);
        let x = solve_upper_triangular(&r, &b).unwrap();
        let oracle = r.solve_upper_triangular(&b).unwrap();
        prop_assert!(relative_error_vector(&x, &oracle) <= BACKWARD);
        // Entries below the diagonal are ignored.
        let mut junk = r.clone();
        if n > 1 { junk[(n - 1, 0)] = 99.0; }
        prop_assert_eq!(solve_upper_triangular(&junk, &b).unwrap(), x);
    }

    #[test]
    fn lower_matches_nalgebra(n in 1usize..=8, seed in any::<u64>()) {
        let mut l = random_matrix(n, n, seed).lower_triangle();
        for i in 0..n { l[(i, i)] += if l[(i, i)] >= 0.0 { 2.0 } else { -2.0 }; }
        let b = random_vector(n, seed ^ 3);
        let x = solve_lower_triangular(&l, &b).unwrap();
        let oracle = l.solve_lower_triangular(&b).unwrap();
        prop_assert!(relative_error_vector(&x, &oracle) <= BACKWARD);
    }
}
