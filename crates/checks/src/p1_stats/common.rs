//! Helpers shared by several checks of part 1.

use mathlings_stats::JointTable;

use super::tables;
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

/// Checks `line(name, column)` for each Iris measurement, one after the other, against the
/// snapshot `iris`.
pub fn iris_lines(ctx: &Ctx, call: &str, line: impl Fn(&str, &[f64]) -> String) -> Verdict {
    ctx.once(call, || {
        let text: String = tables::iris_columns().iter().map(|(n, c)| line(n, c)).collect();
        ctx.snapshot("iris", call, &text)
    })
}

/// A sorted copy of `x`.
pub fn sorted(x: &[f64]) -> Vec<f64> {
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    s
}

/// `len` values from `values` with probabilities wᵢ/Σw for integer weights wᵢ ∈ 0..=`most`
/// (not all 0): their sum is 1 up to rounding, as real probabilities are.
pub fn distribution(
    values: impl Strategy<Value = f64> + Clone,
    most: u32,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    proptest::collection::vec((values, 0u32..=most), len)
        .prop_filter("some weight > 0", |pairs| pairs.iter().any(|p| p.1 > 0))
        .prop_map(|pairs| {
            let total: u32 = pairs.iter().map(|p| p.1).sum();
            pairs.into_iter().map(|(x, w)| (x, f64::from(w) / f64::from(total))).unzip()
        })
}

/// A value rounded to `digits`, or the error's variant (fingerprints ignore a reason's wording).
pub fn rounded_or_kind<E: std::fmt::Debug>(r: &Result<f64, E>, digits: usize) -> String {
    r.as_ref().map_or_else(show::error_kind, |v| show::rounded(*v, digits))
}

/// Checks `set i: line(xᵢ, yᵢ)` for each of Anscombe's four sets, one after the other,
/// against the snapshot `anscombe`.
pub fn anscombe_lines(ctx: &Ctx, call: &str, line: impl Fn(&[f64], &[f64]) -> String) -> Verdict {
    ctx.once(call, || {
        let sets = mathlings_models::datasets::anscombe().sets;
        let text: String = sets
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("set {}: {}\n", i + 1, line(x, y)))
            .collect();
        ctx.snapshot("anscombe", call, &text)
    })
}

/// a·xᵢ + b for every xᵢ (integer a and b, as generated).
pub fn affine(x: &[f64], a: i32, b: i32) -> Vec<f64> {
    x.iter().map(|v| f64::from(a) * v + f64::from(b)).collect()
}
