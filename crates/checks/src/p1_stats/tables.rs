//! Helpers shared by the checks of part 1 (1.7's joint and conditional probability tables,
//! Iris columns, printed values).

use crate::prelude::*;

/// A list of probabilities, each rounded to 10 significant digits: `[0.3333333333, …]`.
pub fn rounded(v: &[f64]) -> String {
    format!("[{}]", show::rounded_all(v, 10))
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

/// A float result as snapshots and probes print it: `show::rounded(v, digits)`, or the error's
/// `Debug`.
pub fn value<E: std::fmt::Debug>(r: &Result<f64, E>, digits: usize) -> String {
    show::ok_or_debug(r, |v| show::rounded(*v, digits))
}

/// The four Iris measurements, each as a column of 150 values with its name.
pub fn iris_columns() -> Vec<(&'static str, Vec<f64>)> {
    let iris = mathlings_models::datasets::iris();
    ["sepal length", "sepal width", "petal length", "petal width"]
        .into_iter()
        .enumerate()
        .map(|(j, name)| (name, iris.features.column(j).iter().copied().collect()))
        .collect()
}

/// The largest |xᵢ|, at least 1: the scale of absolute tolerances on averages of `x`, which may
/// cancel to ≈ 0.
pub fn scale(x: &[f64]) -> f64 {
    x.iter().fold(1.0f64, |m, v| m.max(v.abs()))
}

/// The `Ok` values of two results, or a failure showing both outcomes where `expected` (“two
/// Ok values”) was expected.
pub fn both<T: show::Literal + Clone, E: std::fmt::Debug>(
    a: &Result<T, E>,
    b: &Result<T, E>,
    expected: &str,
) -> Result<(T, T), Failure> {
    match (a, b) {
        (Ok(x), Ok(y)) => Ok((x.clone(), y.clone())),
        _ => {
            Err(expect::failure(format!("{} and {}", show::outcome(a), show::outcome(b)), expected))
        }
    }
}

/// Fails, showing `got`, unless `beta` holds the `p` coefficients of [1 X], the intercept
/// first.
pub fn intercept_first<T: show::Literal, E: std::fmt::Debug>(
    got: &Result<T, E>,
    beta: &DVector<f64>,
    p: usize,
) -> Verdict {
    let expected = format!("{p} coefficients, the intercept first");
    expect::that(beta.len() == p, show::outcome(got), expected)
}

/// `got` is `Ok((a, b))` with each within `tol` of `want`; a failure shows the pair wanted,
/// and the tolerance when `with_tol`.
pub fn pair_close<E: std::fmt::Debug>(
    got: &Result<(f64, f64), E>,
    want: (f64, f64),
    tol: Tol,
    with_tol: bool,
) -> Verdict {
    let (x, y) = (show::float(want.0), show::float(want.1));
    let tol_shown = show::rounded(tol.abs.max(tol.rel), 2);
    let note = if with_tol { format!(" (each ± {tol_shown})") } else { String::new() };
    let ok = matches!(got, Ok((a, b)) if tol.accepts(*a, want.0) && tol.accepts(*b, want.1));
    expect::that(ok, show::result(got), format!("Ok(({x}, {y})){note}"))
}

/// Passes when the `size` of `(what, size)` is at most `bound`; a failure shows `got`, then
/// "`what` = size" (3 digits), against `expected`.
pub fn at_most<T: show::Literal, E: std::fmt::Debug>(
    got: &Result<T, E>,
    (what, size): (&str, f64),
    bound: f64,
    expected: &str,
) -> Verdict {
    let returned = format!("{} {what} = {}", show::outcome(got), show::rounded(size, 3));
    expect::that(size <= bound, returned, expected)
}
