//! Helpers shared by the checks of 1.7 (joint and conditional probability tables).

use crate::prelude::*;

/// A list of probabilities, each rounded to 10 significant digits: `[0.3333333333, …]`.
pub fn rounded(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&p| show::rounded(p, 10)).collect();
    format!("[{}]", parts.join(", "))
}

/// P(species = s, petal length > 4.0 cm is j) over the 150 Iris flowers (j = 0: no, 1: yes).
pub fn iris_table() -> Vec<Vec<f64>> {
    let iris = mathlings_models::datasets::iris();
    let mut counts = vec![vec![0.0; 2]; 3];
    for (i, &s) in iris.species.iter().enumerate() {
        let long = usize::from(iris.features[(i, 2)] > 4.0);
        counts[s][long] += 1.0;
    }
    let n = iris.species.len() as f64;
    counts.into_iter().map(|row| row.into_iter().map(|c| c / n).collect()).collect()
}
