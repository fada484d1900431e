//! Helpers shared by the matrix exercises of part 2: showing matrix results, comparing
//! matrices entry by entry, product-sized tolerances and panic-proof probes.

use std::fmt::Debug;

use mathlings_linalg::LinalgError;

use crate::prelude::*;
use crate::show::Literal;
pub use crate::show::rounded_all;

/// A matrix with every entry rounded to `digits` significant digits (for probes).
pub fn rounded_matrix(m: &DMatrix<f64>, digits: usize) -> String {
    let rows: Vec<String> = m.row_iter().map(|row| rounded_all(row.iter(), digits)).collect();
    format!("[{}]", rows.join("; "))
}

/// A matrix as lines of [`rounded_all`] rows, each ending in a newline (for snapshots).
pub fn rounded_rows(m: &DMatrix<f64>, digits: usize) -> String {
    m.row_iter().map(|row| rounded_all(row.iter(), digits) + "\n").collect()
}

/// `shown(value)` for `Ok`, the error's `Debug` for `Err` (for probes and snapshots).
pub fn or_error<T, E: Debug>(r: Result<T, E>, shown: impl FnOnce(T) -> String) -> String {
    r.map_or_else(|e| format!("{e:?}"), shown)
}

/// `got` must be `Ok`, of `want`'s shape, with |gotᵢⱼ − wantᵢⱼ| ≤ `tol(i, j)` everywhere.
pub fn matrix_close(
    got: &Result<DMatrix<f64>, LinalgError>,
    want: &DMatrix<f64>,
    tol: impl Fn(usize, usize) -> f64,
) -> Verdict {
    let worst = match got {
        Ok(m) if m.shape() == want.shape() => {
            (0..m.nrows()).flat_map(|i| (0..m.ncols()).map(move |j| (i, j))).find(|&(i, j)| {
                let (g, w) = (m[(i, j)], want[(i, j)]);
                !(g.is_finite() && (g - w).abs() <= tol(i, j))
            })
        }
        Ok(_) => Some((usize::MAX, usize::MAX)),
        Err(_) => Some((usize::MAX, usize::MAX)),
    };
    match worst {
        None => Ok(()),
        Some((i, j)) => {
            let at = if i == usize::MAX {
                String::new()
            } else {
                format!(" (entry ({i}, {j}) is off by more than {})", show::rounded(tol(i, j), 2))
            };
            expect::fail(
                format!("{}{at}", show::outcome(got)),
                format!("Ok({})", show::matrix(want)),
            )
        }
    }
}

/// The n×n matrix with these n² entries, row by row.
pub fn square(entries: &[f64]) -> DMatrix<f64> {
    let n = entries.len().isqrt();
    DMatrix::from_row_slice(n, n, entries)
}

/// ‖A‖∞: the largest absolute row sum.
pub fn inf_norm(a: &DMatrix<f64>) -> f64 {
    a.row_iter().map(|r| r.abs().sum()).fold(0.0, f64::max)
}

/// |A|·|B| entrywise: the natural scale of the rounding error of each entry of AB.
pub fn product_scale(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    a.abs() * b.abs()
}

/// Runs a probe step, turning a panic into the text "panic".
pub fn guarded(f: impl FnOnce() -> String) -> String {
    expect::probe_entry(f, "panic".into())
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
        .prop_filter("rank r by the reference, pivots ≥ 1e-3 max|a|", |(a, r)| {
            mathlings_linalg::rank(a).ok() == Some(*r) && well_separated(a, *r)
        })
}

/// The reference's r-th pivot (with its tolerance) is clearly above the noise.
pub fn well_separated(a: &DMatrix<f64>, r: usize) -> bool {
    let Ok(s) = mathlings_linalg::svd(a) else {
        return false;
    };
    let sigma = &s.singular_values;
    sigma[r - 1] >= 1e-3 * sigma[0]
}

/// A random n×n matrix (n in `sizes`) with exact zeros: its top-left entry, about half of
/// its diagonal and a quarter of its other entries. Elimination on it needs row swaps,
/// and a pivot search or zero-pivot test that reads the transposed entry `[(k, i)]` for
/// `[(i, k)]` lands on (or tests) a zero and calls a regular matrix singular: on a dense
/// random matrix that slip only picks a smaller non-zero pivot, the same answer up to
/// rounding.
pub fn with_zeros(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (strategies::square_matrix(sizes), proptest::collection::vec(0..4u8, 64)).prop_map(
        |(mut a, dice)| {
            let n = a.nrows();
            for (k, die) in dice.into_iter().enumerate().take(n * n) {
                let (i, j) = (k / n, k % n);
                let zero = if i == j { die < 2 } else { die == 0 };
                if k == 0 || zero {
                    a[(i, j)] = 0.0;
                }
            }
            a
        },
    )
}

/// 3×3 matrices s·diag(1, 1, d) whose last pivot sits at the singularity threshold
/// n·ε·max|aᵢⱼ| = 3ε·s (d = 3ε: singular, since the contract counts |pivot| ≤ threshold
/// as zero) or just above it (d = 4ε: regular), for s = 1, 2⁻³⁰, 2³⁰ (the threshold
/// scales with A). Every value is exact in binary, and elimination on a diagonal matrix
/// does no arithmetic that rounds, so any correct method sees exactly these pivots.
pub fn pivots_at_threshold() -> Vec<(DMatrix<f64>, bool)> {
    let mut cases = Vec::new();
    for s in [1.0, 2f64.powi(-30), 2f64.powi(30)] {
        for (d, singular) in [(3.0, true), (4.0, false)] {
            let diagonal = [s, s, s * d * f64::EPSILON];
            cases.push((
                DMatrix::from_diagonal(&nalgebra::DVector::from_row_slice(&diagonal)),
                singular,
            ));
        }
    }
    cases
}

/// An m×n matrix (m, n ≤ 6) whose columns are random or combinations of the columns
/// before them, in a random order: a column without a pivot can come first or between
/// pivot columns, so pivot rows and pivot columns part ways (row r holds the pivot of a
/// column c > r), and the rows below each skipped column hold rounding noise.
pub fn dependent_columns() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (1..=6usize, 2..=6usize)
        .prop_flat_map(|(m, n)| {
            (
                strategies::matrix(m, n),
                proptest::collection::vec(proptest::bool::ANY, n),
                proptest::collection::vec(-3.0..3.0f64, n * n),
            )
        })
        .prop_map(|(mut a, dependent, weights)| {
            let n = a.ncols();
            for c in 0..n {
                if dependent[c] {
                    // A combination of the earlier columns (the zero column when c = 0).
                    let mut column = DMatrix::zeros(a.nrows(), 1);
                    for j in 0..c {
                        column += a.column(j) * weights[c * n + j];
                    }
                    a.set_column(c, &column.column(0));
                }
            }
            a
        })
}

/// A random matrix whose top-left entry is 0: the first pivot must come from a row swap.
pub fn zero_corner() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (2..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n)).prop_map(|mut a| {
        a[(0, 0)] = 0.0;
        a
    })
}

/// A regular 3×3 matrix on which taking a pivot that is merely larger than the current
/// candidate — not the largest of the column — ends on the tiny 1e-10: column 0 is
/// (1, 2, 1e-10) and row 0 holds a 0 to the right, so a search that compares each |aᵢ₀|
/// with a wrong entry of row 0 (`[(k, p)]` for `[(p, k)]`) after moving to row 1 picks
/// row 2. Eliminating with that pivot multiplies by 1e10 and loses ten digits.
pub fn largest_pivot_matters() -> DMatrix<f64> {
    DMatrix::from_row_slice(3, 3, &[1.0, 0.0, 1.0, 2.0, 1.0, 1.0, 1e-10, 1.0, 2.0])
}

/// The mean feature vectors of the three Iris species (3×4, row s for species s; the data
/// hold 50 flowers of each, in order).
pub fn iris_species_means() -> DMatrix<f64> {
    let iris = mathlings_models::datasets::iris();
    let x = &iris.features;
    DMatrix::from_fn(3, 4, |s, j| {
        (0..150).filter(|&r| iris.species[r] == s).map(|r| x[(r, j)]).sum::<f64>() / 50.0
    })
}

/// The covariance matrix of the four Iris features (4×4, symmetric positive definite), by
/// the reference: the real-data input of the part-2 snapshots.
pub fn iris_covariance() -> DMatrix<f64> {
    let iris = mathlings_models::datasets::iris();
    mathlings_stats::covariance_matrix(&iris.features).expect("reference covariance")
}

/// The first row i ≥ `from` with the largest |m[(i, col)]|: the pivot search of the
/// wrong answers' eliminations.
pub fn pivot_row(m: &DMatrix<f64>, col: usize, from: usize) -> usize {
    (from + 1..m.nrows())
        .fold(from, |p, i| if m[(i, col)].abs() > m[(p, col)].abs() { i } else { p })
}

/// Singular matrices whose last pivot is rounding noise, not 0: [1 2 3; 4 5 6; 7 8 9] and
/// a 4×4 rank-1 uvᵀ.
pub fn noisy_singular() -> [DMatrix<f64>; 2] {
    let u = DVector::from_vec(vec![0.1, 0.2, 0.3, 0.7]);
    let v = DVector::from_vec(vec![0.3, 0.7, 1.1, 1.3]);
    [square(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]), &u * v.transpose()]
}

/// The rank tolerance of §2.4, 1e-10·max(m, n)·max|aᵢⱼ| (stated in the stubs).
pub fn rank_tolerance(a: &DMatrix<f64>) -> f64 {
    1e-10 * a.nrows().max(a.ncols()) as f64 * a.amax()
}

/// The reference sees a clear rank: 0, or a last pivot well above the noise.
pub fn clear_rank(a: &DMatrix<f64>) -> bool {
    mathlings_linalg::rank(a).is_ok_and(|r| r == 0 || well_separated(a, r))
}

/// The probe matrices of §2.4: [1 2 3; 2 4 7] (rank 2) and the 3×3 rank-1 uvᵀ.
pub fn rank_probes() -> [DMatrix<f64>; 2] {
    let u = DMatrix::from_column_slice(3, 1, &[0.1, 0.2, 0.3]);
    let v = DMatrix::from_column_slice(3, 1, &[0.3, 0.7, 1.1]);
    [DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 2.0, 4.0, 7.0]), &u * v.transpose()]
}

/// The Iris features x and xa = [x | x₀ + x₂], whose last column depends on the others.
pub fn iris_with_sum_column() -> (DMatrix<f64>, DMatrix<f64>) {
    let x = mathlings_models::datasets::iris().features;
    let xa = DMatrix::from_fn(150, 5, |i, j| if j < 4 { x[(i, j)] } else { x[(i, 0)] + x[(i, 2)] });
    (x, xa)
}

/// Matrices named a, b, c… in a failing call: `a = dmatrix![…], b = dmatrix![…]`.
pub fn named_matrices(ms: &[&DMatrix<f64>]) -> String {
    let shown = ms.iter().zip('a'..).map(|(m, name)| format!("{name} = {}", show::matrix(m)));
    shown.collect::<Vec<_>>().join(", ")
}

/// Makes the n×n `a` singular: row (i + 1 + j mod (n − 1)) mod n, never row i mod n itself,
/// becomes `factor` times row i mod n.
pub fn copy_row(a: &mut DMatrix<f64>, i: usize, j: usize, factor: f64) {
    let n = a.nrows();
    let (i, j) = (i % n, (i % n + 1 + j % (n - 1)) % n);
    for c in 0..n {
        a[(j, c)] = factor * a[(i, c)];
    }
}

/// Why a singular matrix's last pivot must count as zero, after `Err(LinalgError::Singular)`.
pub const NOISE: &str = ": the last pivot is only rounding noise (≤ n·ε·max|aᵢⱼ|)";
/// The same at the threshold itself (see [`pivots_at_threshold`]).
pub const AT_THRESHOLD: &str =
    ": the last pivot equals n·ε·max|aᵢⱼ|, and a pivot ≤ that counts as zero";

/// `got` must be `Err(Singular)`; `why` follows that in the expected text.
pub fn singular<T: Literal>(got: &Result<T, LinalgError>, why: &str) -> Verdict {
    let is_singular = matches!(got, Err(LinalgError::Singular));
    expect::that(is_singular, show::outcome(got), format!("Err(LinalgError::Singular){why}"))
}

/// The 2×6 matrix s·[e₁ | pivot·e₂ | 0…]: at the edge of the rank tolerance, which grows
/// with max(m, n) = 6 (and with s).
pub fn two_pivots(s: f64, pivot: f64) -> DMatrix<f64> {
    let mut a = DMatrix::zeros(2, 6);
    a[(0, 0)] = s;
    a[(1, 1)] = s * pivot;
    a
}

/// The rows of `m` as vectors (the vector-valued functions' inputs).
pub fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter().map(|row| row.iter().copied().collect()).collect()
}
