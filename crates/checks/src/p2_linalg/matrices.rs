//! Helpers shared by the matrix exercises of part 2: showing matrix results, comparing
//! matrices entry by entry, product-sized tolerances and panic-proof probes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use mathlings_linalg::LinalgError;

use crate::prelude::*;

/// A matrix with every entry rounded to `digits` significant digits (for probes).
pub fn rounded_matrix(m: &DMatrix<f64>, digits: usize) -> String {
    let rows: Vec<String> = m
        .row_iter()
        .map(|row| {
            row.iter()
                .map(|&x| show::rounded(x, digits))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    format!("[{}]", rows.join("; "))
}

/// `got` must be `Ok`, of `want`'s shape, with |gotᵢⱼ − wantᵢⱼ| ≤ `tol(i, j)` everywhere.
pub fn matrix_close(
    got: &Result<DMatrix<f64>, LinalgError>,
    want: &DMatrix<f64>,
    tol: impl Fn(usize, usize) -> f64,
) -> Verdict {
    let worst = match got {
        Ok(m) if m.shape() == want.shape() => (0..m.nrows())
            .flat_map(|i| (0..m.ncols()).map(move |j| (i, j)))
            .find(|&(i, j)| {
                let (g, w) = (m[(i, j)], want[(i, j)]);
                !(g.is_finite() && (g - w).abs() <= tol(i, j))
            }),
        Ok(_) => Some((usize::MAX, usize::MAX)),
        Err(_) => Some((usize::MAX, usize::MAX)),
    };
    match worst {
        None => Ok(()),
        Some((i, j)) => {
            let at = if i == usize::MAX {
                String::new()
            } else {
                format!(
                    " (entry ({i}, {j}) is off by more than {})",
                    show::rounded(tol(i, j), 2)
                )
            };
            expect::fail(
                format!("{}{at}", show::outcome(got)),
                format!("Ok({})", show::matrix(want)),
            )
        }
    }
}

/// |A|·|B| entrywise: the natural scale of the rounding error of each entry of AB.
pub fn product_scale(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    a.abs() * b.abs()
}

/// Runs a probe step, turning a panic into the text "panic".
pub fn guarded(f: impl FnOnce() -> String) -> String {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| "panic".into())
}

/// Two matrices whose product is defined: m×p and p×n with m, p, n in `sizes`.
pub fn product_pair(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (DMatrix<f64>, DMatrix<f64>)> + Clone {
    (sizes.clone(), sizes.clone(), sizes)
        .prop_flat_map(|(m, p, n)| (strategies::matrix(m, p), strategies::matrix(p, n)))
}

/// `got` must be an `Err` matching `is_expected`; `expected` names it for the learner.
pub fn matrix_error(
    got: &Result<DMatrix<f64>, LinalgError>,
    is_expected: impl Fn(&LinalgError) -> bool,
    expected: &str,
) -> Verdict {
    expect::error_shown(got, is_expected, expected, show::outcome)
}

/// A random m×n matrix (m, n ≤ 6) of known rank r: a product of m×r and r×n factors.
pub fn low_rank() -> impl Strategy<Value = (DMatrix<f64>, usize)> + Clone {
    (1..=6usize, 1..=6usize, 0..=6usize)
        .prop_flat_map(|(m, n, r)| {
            let r = r.clamp(1, m.min(n));
            (strategies::matrix(m, r), strategies::matrix(r, n), Just(r))
        })
        .prop_map(|(b, c, r)| (b * c, r))
        .prop_filter(
            "rank r by the reference, pivots ≥ 1e-3 max|a|",
            |(a, r)| mathlings_linalg::rank(a).ok() == Some(*r) && well_separated(a, *r),
        )
}

/// The reference's r-th pivot (with its tolerance) is clearly above the noise.
pub fn well_separated(a: &DMatrix<f64>, r: usize) -> bool {
    let Ok(s) = mathlings_linalg::svd(a) else {
        return false;
    };
    let sigma = &s.singular_values;
    sigma[r - 1] >= 1e-3 * sigma[0]
}
