//! Helpers shared by the checks of §2.5 and §2.6 (eigenvalues, SVD, PCA): generators of
//! symmetric and graded matrices, nalgebra's values as oracles, a sign convention.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

use crate::prelude::{Ctx, Verdict, expect, show, strategies};
use crate::show::Literal;

/// A random symmetric n×n matrix, n in `sizes`, entries in [−10, 10]: (M + Mᵀ)/2.
pub fn symmetric_matrix(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = DMatrix<f64>> + Clone {
    strategies::square_matrix(sizes).prop_map(|m| (&m + m.transpose()) * 0.5)
}

/// Eigenvalues of a symmetric matrix by nalgebra (the independent oracle), sorted by
/// decreasing magnitude.
pub fn eigenvalues_by_magnitude(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().symmetric_eigenvalues().iter().copied().collect();
    values.sort_by(|x, y| y.abs().total_cmp(&x.abs()));
    values
}

/// Eigenvalues of a symmetric matrix by nalgebra (the independent oracle), descending.
pub fn eigenvalues_descending(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().symmetric_eigenvalues().iter().copied().collect();
    values.sort_by(|x, y| y.total_cmp(x));
    values
}

/// Singular values by nalgebra (the independent oracle), descending.
pub fn singular_values_descending(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().singular_values().iter().copied().collect();
    values.sort_by(|x, y| y.total_cmp(x));
    values
}

/// ‖QᵀQ − I‖_max: how far the columns of Q are from orthonormal.
pub fn orthonormality_error(q: &DMatrix<f64>) -> f64 {
    let k = q.ncols();
    (q.transpose() * q - DMatrix::<f64>::identity(k, k)).amax()
}

/// A matrix with orthonormal columns (m×k, k ≤ m) built from a seeded random matrix by
/// Gram–Schmidt (applied twice), independent of the code under test.
pub fn random_orthonormal(m: usize, k: usize, rng: &mut impl rand::Rng) -> DMatrix<f64> {
    let mut q = DMatrix::<f64>::zeros(m, k);
    let mut j = 0;
    while j < k {
        let mut v = DVector::from_fn(m, |_, _| rng.random_range(-1.0..1.0f64));
        for _ in 0..2 {
            for i in 0..j {
                let p = q.column(i).dot(&v);
                v -= q.column(i) * p;
            }
        }
        let len = v.norm();
        if len > 0.1 {
            q.set_column(j, &(v / len));
            j += 1;
        }
    }
    q
}

/// A vector flipped so that its largest-|entry| component is positive.
pub fn sign_fixed(v: &DVector<f64>) -> DVector<f64> {
    if v.is_empty() {
        return v.clone();
    }
    let at = v.iamax();
    if v[at] < 0.0 { -v } else { v.clone() }
}

/// Checks positive-definite 2×2 matrices at the edge of the contract's symmetry test
/// |aᵢⱼ − aⱼᵢ| ≤ 1e-10·max|aₖₗ|, each once: `symmetric` judges those that pass it, the
/// others must give Err(NotSymmetric). A difference exactly at the tolerance passes (`≤`,
/// not `<`); the tolerance scales with max|aₖₗ| (a difference of 1e-4 passes at max|a| =
/// 2e6, one of 1e-12 fails at max|a| = 2e-6); 3e-10 at max|a| = 1 fails. Catches a strict
/// `<`, a tolerance divided by max|a| or not scaled at all.
pub fn check_symmetry_edges<T: Literal>(
    ctx: &Ctx,
    call: fn(&DMatrix<f64>) -> String,
    run: impl Fn(&DMatrix<f64>) -> Result<T, LinalgError>,
    symmetric: impl Fn(&DMatrix<f64>) -> Verdict,
) -> Verdict {
    let edges = [
        ([1.0, 1e-10, 0.0, 1.0], true),
        ([1.0, 3e-10, 0.0, 1.0], false),
        ([2e6, 1e6 + 1e-4, 1e6, 2e6], true),
        ([2e-6, 1e-6 + 1e-12, 1e-6, 2e-6], false),
    ];
    for (entries, passes) in edges {
        let a = DMatrix::from_row_slice(2, 2, &entries);
        ctx.once(&call(&a), || {
            if passes {
                return symmetric(&a);
            }
            let got = run(&a);
            expect::that(
                matches!(got, Err(LinalgError::NotSymmetric)),
                show::outcome(&got),
                "Err(LinalgError::NotSymmetric): |a₀₁ − a₁₀| > 1e-10·max|aₖₗ|",
            )
        })?;
    }
    Ok(())
}

/// Floats rounded to 6 significant digits, separated by spaces (probe entries).
pub fn rounded_words<'a>(xs: impl IntoIterator<Item = &'a f64>) -> String {
    xs.into_iter().map(|&x| show::rounded(x, 6)).collect::<Vec<_>>().join(" ")
}

/// A matrix as lines `[row]`, entries rounded to `digits` significant digits (snapshots).
pub fn bracketed_rows(m: &DMatrix<f64>, digits: usize) -> String {
    m.row_iter().map(|row| format!("[{}]\n", show::rounded_all(row.iter(), digits))).collect()
}

/// `got`, whose matrix `m` has the right shape, within `tol` of `want` in every entry.
pub fn entries_within(
    got: &Result<DMatrix<f64>, LinalgError>,
    m: &DMatrix<f64>,
    want: &DMatrix<f64>,
    tol: f64,
) -> Verdict {
    expect::that(
        (m - want).amax() <= tol,
        show::outcome(got),
        format!("Ok({}) (each ± {})", show::matrix(want), show::rounded(tol, 2)),
    )
}

/// The indices of `values` from the largest value to the smallest (stable on ties).
pub fn descending_order(values: &DVector<f64>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[j].total_cmp(&values[i]));
    order
}

/// X with its column means subtracted from every row.
pub fn centred(x: &DMatrix<f64>) -> DMatrix<f64> {
    let means = x.row_mean();
    DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - means[j])
}
