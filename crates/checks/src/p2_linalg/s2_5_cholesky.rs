//! Checks for 2.5 — the Cholesky factorisation and positive-definiteness.

use mathlings_linalg::LinalgError;

use super::matrices::{iris_covariance, square};
use super::spectral_common::{
    bracketed_rows, check_symmetry_edges, eigenvalues_descending, entries_within, rounded_words,
    symmetric_matrix,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_5_cholesky::Impl;

/// Backward error of Cholesky: |L Lᵀ − A| ≤ (n+1)·ε·√(aᵢᵢ aⱼⱼ) ≲ 1e-15·max|a| for n ≤ 6;
/// 1e-12·max|a| leaves 3 digits of slack.
const BACKWARD: f64 = 1e-12;
/// Agreement with the reference factor, relative to √max|a| (the scale of L's entries):
/// the factor is unique and its forward error is ≲ κ(A)·ε ≤ 4e3·ε for these matrices.
const FORWARD: f64 = 1e-9;

fn call(a: &DMatrix<f64>) -> String {
    format!("cholesky(&{})", show::matrix(a))
}

/// Symmetric positive-definite matrices M Mᵀ + I (eigenvalues ≥ 1), n ≤ 6.
fn spd_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    strategies::square_matrix(1..=6).prop_map(|m| {
        let n = m.nrows();
        &m * m.transpose() + DMatrix::<f64>::identity(n, n)
    })
}

/// Symmetric matrices with a clearly negative eigenvalue (not positive definite).
fn indefinite_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    symmetric_matrix(1..=6).prop_filter("needs a negative eigenvalue", |a| {
        eigenvalues_descending(a).last().is_some_and(|&l| l < -1e-3 * a.norm())
    })
}

/// The learner's L with the right shape, or a failure.
fn expect_factor(
    a: &DMatrix<f64>,
    got: &Result<DMatrix<f64>, LinalgError>,
) -> Result<DMatrix<f64>, Failure> {
    let expected = format!("Ok(L) with L of shape {}×{}", a.nrows(), a.ncols());
    expect::ok_where(got, |l| l.shape() == a.shape(), expected)
}

fn expect_not_pd(got: &Result<DMatrix<f64>, LinalgError>) -> Verdict {
    expect_err!(got, LinalgError::NotPositiveDefinite, shown show::outcome)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_5_cholesky",
        properties: vec![
            Property::named("reconstructs", 3)
                .description("L Lᵀ = A on random positive-definite matrices n ≤ 6 (to 1e-12·max|a|)")
                .check(|imp, ctx| {
                    ctx.forall(spd_matrix(), call, |a| {
                        let got = (imp.cholesky)(a);
                        let l = expect_factor(a, &got)?;
                        let error = (&l * l.transpose() - a).amax();
                        expect::that(
                            error <= BACKWARD * a.amax(),
                            format!(
                                "{} with max|L Lᵀ − A| = {}",
                                show::outcome(&got),
                                show::rounded(error, 3)
                            ),
                            format!("max|L Lᵀ − A| ≤ {}", show::rounded(BACKWARD * a.amax(), 2)),
                        )
                    })
                }),
            Property::named("lower_triangular", 1)
                .description("L is lower triangular (zeros above the diagonal) with a positive diagonal")
                .check(|imp, ctx| {
                    ctx.forall(spd_matrix(), call, |a| {
                        let got = (imp.cholesky)(a);
                        let l = expect_factor(a, &got)?;
                        let n = l.nrows();
                        let upper_zero = (0..n).all(|i| (i + 1..n).all(|j| l[(i, j)] == 0.0));
                        let positive = (0..n).all(|i| l[(i, i)] > 0.0);
                        expect::that(
                            upper_zero && positive,
                            show::outcome(&got),
                            "a lower-triangular L (lᵢⱼ = 0 for i < j) with lᵢᵢ > 0",
                        )
                    })
                }),
            Property::named("matches_reference", 2)
                .description("L equals the reference Cholesky factor (it is unique) entrywise, to 1e-9·√max|a|")
                .check(|imp, ctx| {
                    ctx.forall(spd_matrix(), call, |a| {
                        let want = mathlings_linalg::cholesky(a)
                            .expect("reference Cholesky of an SPD matrix");
                        let got = (imp.cholesky)(a);
                        let l = expect_factor(a, &got)?;
                        entries_within(&got, &l, &want, FORWARD * a.amax().sqrt())
                    })
                }),
            Property::named("rejects_not_positive_definite", 2)
                .description("a symmetric matrix that is not positive definite (indefinite, negative, or singular like [[1, 1], [1, 1]]) gives Err(NotPositiveDefinite), not NaN")
                .check(|imp, ctx| {
                    for a in [
                        square(&[1.0, 2.0, 2.0, 1.0]),
                        square(&[1.0, 1.0, 1.0, 1.0]),
                        square(&[-1.0, 0.0, 0.0, -1.0]),
                    ] {
                        ctx.once(&call(&a), || expect_not_pd(&(imp.cholesky)(&a)))?;
                    }
                    ctx.forall(indefinite_matrix(), call, |a| expect_not_pd(&(imp.cholesky)(a)))
                }),
            Property::named("symmetry_tolerance", 1)
                .description("|aᵢⱼ − aⱼᵢ| exactly 1e-10·max|aₖₗ| still counts as symmetric, the tolerance scales with max|aₖₗ| (2×2 cases at max|a| = 1, 2e6, 2e-6), and the zero matrix is symmetric but not positive definite")
                // Catches `≥` for the documented `>` in the symmetry test (it calls the
                // zero matrix, whose tolerance is 0, non-symmetric) and a tolerance
                // divided by max|a|.
                .check(|imp, ctx| {
                    check_symmetry_edges(ctx, call, imp.cholesky, |a| {
                        let got = (imp.cholesky)(a);
                        expect::that(
                            got.is_ok(),
                            show::outcome(&got),
                            "Ok(L): this positive-definite A is symmetric to within 1e-10·max|aₖₗ|",
                        )
                    })?;
                    let zero = DMatrix::zeros(2, 2);
                    ctx.once(&call(&zero), || expect_not_pd(&(imp.cholesky)(&zero)))
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square, non-finite or non-symmetric matrix gives the typed error")
                .check(|imp, ctx| {
                    rejects!(ctx, |a| call(a) => (imp.cholesky)(a), shown show::outcome;
                        (&DMatrix::zeros(0, 0)) => LinalgError::Empty,
                        (&DMatrix::from_row_slice(2, 3, &[4.0, 2.0, 0.0, 2.0, 5.0, 0.0])) => LinalgError::NotSquare { rows: 2, cols: 3 },
                        (&square(&[4.0, f64::INFINITY, f64::INFINITY, 5.0])) => LinalgError::NonFinite,
                        (&square(&[4.0, 2.0, 0.0, 5.0])) => LinalgError::NotSymmetric,
                    )
                }),
            Property::named("iris_covariance_factor", 1)
                .description("the Cholesky factor of the Iris covariance matrix matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "cholesky(&covariance_matrix(&iris.features))";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let got = (imp.cholesky)(&iris_covariance());
                        got.map_or_else(|e| format!("{e:?}\n"), |l| bracketed_rows(&l, 8))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("not_rejected")
                .explanation("You take the square root without looking at its argument. For a matrix that is not \
                    positive definite some aⱼⱼ − Σ lⱼₖ² is ≤ 0, and its square root is NaN (or the division by \
                    0 gives ∞), which then spreads through L. That number being ≤ 0 is exactly the proof \
                    that A is not positive definite: return Err(LinalgError::NotPositiveDefinite) there.")
                .implementation(Impl { cholesky: |a| flawed(a, Flaw::NoCheck) }),
            Misconception::named("abs_under_root")
                .explanation("You take √|aⱼⱼ − Σ lⱼₖ²| to avoid the NaN. That hides the problem instead of \
                    reporting it: the L you return does not satisfy L Lᵀ = A, because no real L does. A \
                    non-positive value there means A is not positive definite: return \
                    Err(LinalgError::NotPositiveDefinite).")
                .implementation(Impl { cholesky: |a| flawed(a, Flaw::Abs) }),
            Misconception::named("upper_factor")
                .explanation("You return the upper-triangular factor R = Lᵀ (the one with Rᵀ R = A). The exercise \
                    asks for the lower-triangular L with L Lᵀ = A: lᵢⱼ for i > j below the diagonal, zeros \
                    above it.")
                .implementation(Impl { cholesky: |a| flawed(a, Flaw::Upper) }),
        ],
        probe: |imp| {
            let describe = |a: &DMatrix<f64>| match (imp.cholesky)(a) {
                Ok(l) if l.iter().all(|x| x.is_finite()) => rounded_words(&l),
                Ok(_) => "non-finite".into(),
                Err(e) => format!("{e:?}"),
            };
            vec![describe(&square(&[4.0, 2.0, 2.0, 5.0])), describe(&square(&[1.0, 2.0, 2.0, 1.0]))]
        },
    }
}

/// How the misconceptions go wrong.
#[derive(Clone, Copy, PartialEq)]
enum Flaw {
    NoCheck,
    Abs,
    Upper,
}

fn flawed(a: &DMatrix<f64>, flaw: Flaw) -> Result<DMatrix<f64>, LinalgError> {
    // The reference's input checks: its errors other than NotPositiveDefinite.
    match mathlings_linalg::cholesky(a) {
        Err(e) if e != LinalgError::NotPositiveDefinite => return Err(e),
        _ => {}
    }
    let n = a.nrows();
    let mut l = DMatrix::<f64>::zeros(n, n);
    for j in 0..n {
        let mut d = a[(j, j)];
        for k in 0..j {
            d -= l[(j, k)] * l[(j, k)];
        }
        if flaw == Flaw::Upper && d <= 0.0 {
            return Err(LinalgError::NotPositiveDefinite);
        }
        l[(j, j)] = if flaw == Flaw::Abs { d.abs().sqrt() } else { d.sqrt() };
        for i in (j + 1)..n {
            let mut s = a[(i, j)];
            for k in 0..j {
                s -= l[(i, k)] * l[(j, k)];
            }
            l[(i, j)] = s / l[(j, j)];
        }
    }
    Ok(if flaw == Flaw::Upper { l.transpose() } else { l })
}
