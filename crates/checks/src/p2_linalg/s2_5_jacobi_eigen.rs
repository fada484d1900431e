//! Checks for 2.5 — symmetric eigendecomposition by cyclic Jacobi.

use mathlings_linalg::LinalgError;

use super::matrices::{iris_covariance, square};
use super::spectral_common::{
    check_symmetry_edges, eigenvalues_descending, orthonormality_error, symmetric_matrix,
};
use crate::prelude::*;

use mathlings_bindings::p2_linalg::s2_5_jacobi_eigen::Eigen;
pub use mathlings_bindings::p2_linalg::s2_5_jacobi_eigen::Impl;

/// Backward error of Jacobi: ~10 sweeps of n² rotations (n ≤ 6), each exact to a few ε·‖A‖,
/// accumulate ≲ 1e-13·‖A‖_F; 1e-10·‖A‖_F leaves 3 digits of slack for A V − V Λ and for the
/// eigenvalues against nalgebra's (another backward-stable method).
const BACKWARD: f64 = 1e-10;
/// VᵀV = I to this many units: orthogonal rotations keep V orthonormal to ~n·sweeps·ε.
const ORTHONORMAL: f64 = 1e-10;

fn call(a: &DMatrix<f64>) -> String {
    format!("symmetric_eigen(&{})", show::matrix(a))
}

/// The learner's result on `a` and its (λ, V) with the right shapes, or a failure.
fn eigen(imp: &Impl, a: &DMatrix<f64>) -> Result<(Eigen, DVector<f64>, DMatrix<f64>), Failure> {
    let (got, n) = ((imp.symmetric_eigen)(a), a.nrows());
    let expected = format!("Ok((λ with {n} entries, V of shape {n}×{n}))");
    let (l, v) = expect::ok_where(&got, |(l, v)| l.len() == n && v.shape() == (n, n), expected)?;
    Ok((got, l, v))
}

/// A V = V Λ to [`BACKWARD`]·`scale` and VᵀV = I to [`ORTHONORMAL`] for the learner's (λ, V).
fn decomposes(imp: &Impl, a: &DMatrix<f64>, scale: f64) -> Verdict {
    let (got, l, v) = eigen(imp, a)?;
    let residual = (a * &v - &v * DMatrix::from_diagonal(&l)).amax();
    let orthogonality = orthonormality_error(&v);
    let (r, o, bound) =
        (show::rounded(residual, 3), show::rounded(orthogonality, 3), BACKWARD * scale);
    expect::that(
        residual <= bound && orthogonality <= ORTHONORMAL,
        format!("{} with max|AV − VΛ| = {r} and max|VᵀV − I| = {o}", show::outcome(&got)),
        format!("max|AV − VΛ| ≤ {} and max|VᵀV − I| ≤ {ORTHONORMAL:e}", show::rounded(bound, 2)),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_5_jacobi_eigen",
        properties: vec![
            Property::named("decomposes", 3)
                .description("A V = V Λ (column i of V is an eigenvector for λᵢ) and VᵀV = I, on random symmetric matrices n ≤ 6 (to 1e-10·‖A‖_F)")
                .check(|imp, ctx| {
                    ctx.forall(symmetric_matrix(1..=6), call, |a| {
                        decomposes(imp, a, a.norm().max(1.0))
                    })
                }),
            Property::named("scale_invariant", 1)
                .description("A V = V Λ and VᵀV = I also for s·A with s = 1e-8 and 1e8, to 1e-10·‖sA‖_F (relative to the matrix, however small or large)")
                // The stopping test Σ_{i≠j} aᵢⱼ² ≤ (ε·‖A‖_F)² is relative: a threshold like
                // (ε/‖A‖_F)² or an absolute ε² stops far too early on a small matrix
                // (leaving off-diagonal entries of its own size) or never on a large one.
                .check(|imp, ctx| {
                    let input = (
                        symmetric_matrix(1..=6).prop_filter("non-zero", |a| a.norm() > 0.0),
                        prop_oneof![Just(1e-8), Just(1e8)],
                    );
                    ctx.forall(
                        input,
                        |(a, s)| call(&(a * *s)),
                        |(a, s)| {
                            let a = a * *s;
                            decomposes(imp, &a, a.norm())
                        },
                    )
                }),
            Property::named("symmetry_tolerance", 1)
                .description("|aᵢⱼ − aⱼᵢ| exactly 1e-10·max|aₖₗ| still counts as symmetric, the tolerance scales with max|aₖₗ| (2×2 cases at max|a| = 1, 2e6, 2e-6), and the zero matrix (tolerance 0, off-diagonal sum 0 ≤ (ε·0)²) decomposes at once")
                // Catches `≥` for the documented `>` in the symmetry test, a tolerance
                // divided by max|a|, and `<` for `≤` in the stopping test (the zero matrix
                // then never converges).
                .check(|imp, ctx| {
                    check_symmetry_edges(ctx, call, imp.symmetric_eigen, |a| {
                        decomposes(imp, a, a.norm())
                    })?;
                    let zero = DMatrix::zeros(3, 3);
                    ctx.once(&call(&zero), || decomposes(imp, &zero, 0.0))
                }),
            Property::named("matches_nalgebra", 3)
                .description("the eigenvalues equal nalgebra's symmetric_eigen's, sorted descending (to 1e-10·‖A‖_F)")
                .check(|imp, ctx| {
                    ctx.forall(symmetric_matrix(1..=6), call, |a| {
                        let want = eigenvalues_descending(a);
                        let tol = Tol { rel: 0.0, abs: BACKWARD * a.norm().max(1.0) };
                        let got =
                            (imp.symmetric_eigen)(a).map(|(l, _)| l.iter().copied().collect());
                        expect::all_close(&got, &want, tol)
                    })
                }),
            Property::named("sorted_descending", 1)
                .description("λ₀ ≥ λ₁ ≥ … ≥ λₙ₋₁ (e.g. diag(1, 3, 2) gives [3, 2, 1] with V's columns permuted to match)")
                .check(|imp, ctx| {
                    let d = DMatrix::from_diagonal(&nalgebra::dvector![1.0, 3.0, 2.0]);
                    ctx.once(&call(&d), || {
                        let (got, l, v) = eigen(imp, &d)?;
                        let columns_match =
                            (&d * &v - &v * DMatrix::from_diagonal(&l)).amax() <= 1e-12;
                        expect::that(
                            (&l - nalgebra::dvector![3.0, 2.0, 1.0]).amax() <= 1e-12
                                && columns_match,
                            show::outcome(&got),
                            "Ok((dvector![3.0, 2.0, 1.0], V)) with V's columns ±e₁, ±e₂, ±e₀",
                        )
                    })?;
                    ctx.forall(symmetric_matrix(2..=6), call, |a| {
                        let (_, l, _) = eigen(imp, a)?;
                        expect::that(
                            l.as_slice().windows(2).all(|w| w[0] >= w[1]),
                            format!("Ok(({}, _))", show::vector(&l)),
                            "eigenvalues in descending order",
                        )
                    })
                }),
            Property::named("trace_and_determinant", 1)
                .description("Σλᵢ = trace A and Πλᵢ = det A")
                .check(|imp, ctx| {
                    ctx.forall(symmetric_matrix(1..=6), call, |a| {
                        let (got, l, _) = eigen(imp, a)?;
                        let scale = a.norm().max(1.0);
                        let n = a.nrows() as i32;
                        let (sum, product) = (l.sum(), l.product());
                        let (trace, det) = (a.trace(), a.determinant());
                        // Each λ is off by ≤ δ = 1e-10‖A‖, so Π is off by ≲ n·δ·‖A‖ⁿ⁻¹.
                        let (s, p) = (show::float(sum), show::float(product));
                        let (t, d) = (show::float(trace), show::float(det));
                        expect::that(
                            (sum - trace).abs() <= BACKWARD * scale * f64::from(n)
                                && (product - det).abs() <= BACKWARD * f64::from(n) * scale.powi(n),
                            format!("Σλ = {s}, Πλ = {p} from {}", show::outcome(&got)),
                            format!("Σλ = trace A = {t}, Πλ = det A = {d}"),
                        )
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square, non-finite or non-symmetric matrix gives the typed error")
                .check(|imp, ctx| {
                    rejects!(ctx, |a| call(a) => (imp.symmetric_eigen)(a), shown show::outcome;
                        (&DMatrix::zeros(0, 0)) => LinalgError::Empty,
                        (&DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 2.0, 5.0, 6.0])) => LinalgError::NotSquare { rows: 2, cols: 3 },
                        (&square(&[1.0, f64::NAN, f64::NAN, 4.0])) => LinalgError::NonFinite,
                        (&square(&[1.0, 2.0, 0.0, 1.0])) => LinalgError::NotSymmetric,
                    )
                }),
            Property::named("iris_covariance_spectrum", 1)
                .description("the eigenvalues of the Iris covariance matrix (the principal variances) match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "symmetric_eigen(&covariance_matrix(&iris.features))";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let got = (imp.symmetric_eigen)(&iris_covariance());
                        got.map_or_else(|e| format!("{e:?}\n"), |(l, _)| {
                            format!("λ = [{}]\n", show::rounded_all(&l, 8))
                        })
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("unsorted")
                .explanation("Your eigenvalues come out in whatever order the rotations left them on the diagonal. \
                    The exercise (like PCA after it) needs them in descending order: sort the indices by \
                    eigenvalue, largest first, and reorder the columns of V the same way.")
                .implementation(Impl { symmetric_eigen: rotated }),
            Misconception::named("eigenvectors_as_rows")
                .explanation("Your eigenvectors are the ROWS of the returned matrix. The convention (A V = V Λ, \
                    as in A = V Λ Vᵀ) puts eigenvector i in COLUMN i: the accumulated product of rotations \
                    V = J₁J₂⋯ already has them as columns — return it as it is, not transposed.")
                .implementation(Impl {
 symmetric_eigen: |a| rotated(a).map(sorted).map(|(l, v)| (l, v.transpose())),
 }),
            Misconception::named("vectors_not_permuted")
                .explanation("You sorted the eigenvalues but left the columns of V where they were, so column i \
                    no longer belongs to λᵢ and A V ≠ V Λ. Sort the index order once and use it for both: \
                    λ[k] = d[order[k]] and column k of V = old column order[k].")
                .implementation(Impl {
 symmetric_eigen: |a| rotated(a).map(|(d, v)| (sorted((d, v.clone())).0, v)),
 }),
        ],
        probe: |imp| {
            // Nearly diagonal with an ascending diagonal: unsorted values stay ascending.
            let nearly_diagonal = square(&[1.0, 0.1, 0.0, 0.1, 2.0, 0.1, 0.0, 0.1, 3.0]);
            let mut out: Vec<String> = match (imp.symmetric_eigen)(&nearly_diagonal) {
                Ok((l, _)) => l.iter().map(|&x| show::rounded(x, 6)).collect(),
                Err(e) => vec![format!("{e:?}")],
            };
            // Well mixed: V is far from symmetric, so rows and columns differ.
            let mixed = square(&[1.0, 0.0, 2.0, 0.0, 3.0, 1.0, 2.0, 1.0, 4.0]);
            out.push(match (imp.symmetric_eigen)(&mixed) {
                Ok((l, v)) if l.len() == 3 && v.shape() == (3, 3) => {
                    let lambda = DMatrix::from_diagonal(&l);
                    let pairs = |m: &DMatrix<f64>| (&mixed * m - m * &lambda).amax() <= 1e-9;
                    match (pairs(&v), pairs(&v.transpose())) {
                        (true, _) => "columns".into(),
                        (_, true) => "rows".into(),
                        _ => "mismatched".into(),
                    }
                }
                Ok(_) => "wrong shape".into(),
                Err(e) => format!("{e:?}"),
            });
            out
        },
    }
}

/// Cyclic Jacobi, after the reference's input checks: the diagonal as the rotations leave
/// it (unsorted) and V = J₁J₂⋯.
fn rotated(a: &DMatrix<f64>) -> Eigen {
    mathlings_linalg::symmetric_eigen(a)?;
    let (n, mut w) = (a.nrows(), a.clone());
    let mut v = DMatrix::<f64>::identity(n, n);
    for _sweep in 0..100 {
        let entry = |k: usize| w[(k / n, k % n)];
        let off: f64 = (0..n * n).filter(|k| k / n != k % n).map(|k| entry(k) * entry(k)).sum();
        if off <= (f64::EPSILON * a.norm()).powi(2) {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = w[(p, q)];
                if apq == 0.0 {
                    continue;
                }
                let tau = (w[(q, q)] - w[(p, p)]) / (2.0 * apq);
                let t = tau.signum() / (tau.abs() + (1.0 + tau * tau).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let mut j = DMatrix::<f64>::identity(n, n);
                (j[(p, p)], j[(q, q)], j[(p, q)], j[(q, p)]) = (c, c, t * c, -t * c);
                w = j.transpose() * &w * &j;
                v *= &j;
            }
        }
    }
    Ok((w.diagonal(), v))
}

/// (λ, V) sorted by descending λ, the columns of V permuted alike.
fn sorted((d, v): (DVector<f64>, DMatrix<f64>)) -> (DVector<f64>, DMatrix<f64>) {
    let order = super::spectral_common::descending_order(&d);
    (d.select_rows(&order), v.select_columns(&order))
}
