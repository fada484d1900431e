//! Helpers shared by several checks of part 1.

use mathlings_stats::JointTable;

use crate::prelude::*;

/// A table as a borrowed array of `vec!` rows: `&[vec![0.5, 0.5], vec![0.0, 0.0]]`.
pub fn show_table(t: &[Vec<f64>]) -> String {
    format!("&[{}]", t.iter().map(|row| show::vec(row)).collect::<Vec<_>>().join(", "))
}

/// The reference joint table of a valid `t`.
pub fn joint(t: &[Vec<f64>]) -> JointTable {
    JointTable::new(t.to_vec()).expect("reference accepts a valid table")
}

/// Integer weights divided by their total: a distribution.
pub fn normalised(weights: &[u32]) -> Vec<f64> {
    let total: u32 = weights.iter().sum();
    weights.iter().map(|&w| f64::from(w) / f64::from(total)).collect()
}
