//! JointTable and total_probability: marginals vs nalgebra row/column sums, marginals and every
//! conditional sum to 1, P(Y | X)·P(X) rebuilds the table, outer-product tables are independent
//! (and a correlated table is not), and Σₓ P(Y = j | x) P(x) = P(Y = j) through total_probability.

use crate::common::*;
use mathlings_stats::{JointTable, StatsError, total_probability};
use nalgebra::DMatrix;
use proptest::prelude::*;

/// A random r × c joint table (some cells exactly zero), normalised to sum to 1.
fn table() -> impl Strategy<Value = DMatrix<f64>> {
    (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
        proptest::collection::vec(prop_oneof![1 => Just(0.0), 4 => 0.0f64..1.0], r * c)
            .prop_filter_map("all cells zero", move |w| {
                let total: f64 = w.iter().sum();
                (total > 1e-3).then(|| DMatrix::from_row_slice(r, c, &w) / total)
            })
    })
}

fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter().map(|r| r.iter().copied().collect()).collect()
}

/// A random probability vector of the given length range.
fn distribution(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(0.01f64..1.0, len).prop_map(|w| {
        let total: f64 = w.iter().sum();
        w.iter().map(|v| v / total).collect()
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn marginals_are_row_and_column_sums(m in table()) {
        let t = JointTable::new(rows(&m)).unwrap();
        let (px, py) = (t.marginal_x(), t.marginal_y());
        let (row_sums, column_sums) = (m.column_sum(), m.row_sum());
        prop_assert_eq!(px.len(), m.nrows());
        prop_assert_eq!(py.len(), m.ncols());
        for (ours, oracle) in px.iter().zip(row_sums.iter()).chain(py.iter().zip(column_sums.iter())) {
            prop_assert!((ours - oracle).abs() <= IDENTITY_ABS);
        }
        prop_assert!((px.iter().sum::<f64>() - 1.0).abs() <= IDENTITY_ABS);
        prop_assert!((py.iter().sum::<f64>() - 1.0).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn conditionals_sum_to_one_and_rebuild_the_table(m in table()) {
        let t = JointTable::new(rows(&m)).unwrap();
        let (px, py) = (t.marginal_x(), t.marginal_y());
        for (i, &p) in px.iter().enumerate() {
            match t.conditional_y_given_x(i) {
                Ok(cond) => {
                    prop_assert!((cond.iter().sum::<f64>() - 1.0).abs() <= IDENTITY_ABS);
                    for (j, c) in cond.iter().enumerate() {
                        // Definition of conditional probability: P(x, y) = P(y | x) P(x).
                        prop_assert!((c * p - m[(i, j)]).abs() <= IDENTITY_ABS);
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e, StatsError::ZeroProbabilityEvent);
                    prop_assert_eq!(p, 0.0);
                }
            }
        }
        for (j, &p) in py.iter().enumerate() {
            match t.conditional_x_given_y(j) {
                Ok(cond) => {
                    prop_assert!((cond.iter().sum::<f64>() - 1.0).abs() <= IDENTITY_ABS);
                    for (i, c) in cond.iter().enumerate() {
                        prop_assert!((c * p - m[(i, j)]).abs() <= IDENTITY_ABS);
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e, StatsError::ZeroProbabilityEvent);
                    prop_assert_eq!(p, 0.0);
                }
            }
        }
    }

    #[test]
    fn total_probability_recovers_the_marginal_of_y(m in table()) {
        // Σᵢ P(Y = j | X = i) P(X = i) = P(Y = j), over the rows with P(X = i) > 0.
        let t = JointTable::new(rows(&m)).unwrap();
        let px = t.marginal_x();
        let py = m.row_sum();
        let support: Vec<usize> = (0..px.len()).filter(|&i| px[i] > 0.0).collect();
        let priors: Vec<f64> = support.iter().map(|&i| px[i]).collect();
        for j in 0..m.ncols() {
            let conditionals: Vec<f64> = support.iter().map(|&i| t.conditional_y_given_x(i).unwrap()[j]).collect();
            let ours = total_probability(&conditionals, &priors).unwrap();
            prop_assert!((ours - py[j]).abs() <= IDENTITY_ABS, "{ours} vs {}", py[j]);
        }
    }

    #[test]
    fn outer_product_tables_are_independent(px in distribution(1..6), py in distribution(1..6)) {
        let cells: Vec<Vec<f64>> = px.iter().map(|a| py.iter().map(|b| a * b).collect()).collect();
        let t = JointTable::new(cells).unwrap();
        prop_assert!(t.is_independent(IDENTITY_ABS));
        for (ours, oracle) in t.marginal_x().iter().zip(&px).chain(t.marginal_y().iter().zip(&py)) {
            prop_assert!((ours - oracle).abs() <= IDENTITY_ABS);
        }
        // Conditioning on X changes nothing: P(Y | X = i) = P(Y).
        for i in 0..px.len() {
            for (c, p) in t.conditional_y_given_x(i).unwrap().iter().zip(&py) {
                prop_assert!((c - p).abs() <= IDENTITY_ABS);
            }
        }
    }

    #[test]
    fn moving_mass_onto_the_diagonal_breaks_independence(px in distribution(2..6), shift in 0.01f64..0.5) {
        // Start from px ⊗ px and move mass δ from cell (0, 1) onto (0, 0): the marginal of X is
        // unchanged but the table now differs from the product of its marginals.
        let mut cells: Vec<Vec<f64>> = px.iter().map(|a| px.iter().map(|b| a * b).collect()).collect();
        let delta = shift * cells[0][1];
        cells[0][1] -= delta;
        cells[0][0] += delta;
        prop_assume!(delta > 1e-6);
        let t = JointTable::new(cells).unwrap();
        prop_assert!(!t.is_independent(IDENTITY_ABS));
    }
}

#[test]
fn textbook_table() {
    // P(X, Y) = [[0.1, 0.3], [0.2, 0.4]]: P(Y = 1 | X = 0) = 0.75, P(X = 1 | Y = 1) = 4/7.
    let t = JointTable::new(vec![vec![0.1, 0.3], vec![0.2, 0.4]]).unwrap();
    assert!((t.conditional_y_given_x(0).unwrap()[1] - 0.75).abs() <= IDENTITY_ABS);
    assert!((t.conditional_x_given_y(1).unwrap()[1] - 4.0 / 7.0).abs() <= IDENTITY_ABS);
    // Not the reverse conditional: P(X = 1 | Y = 1) ≠ P(Y = 1 | X = 1) = 2/3.
    assert!((t.conditional_y_given_x(1).unwrap()[1] - 2.0 / 3.0).abs() <= IDENTITY_ABS);
}
