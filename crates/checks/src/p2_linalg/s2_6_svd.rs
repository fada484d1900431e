//! Checks for 2.6 — the SVD by one-sided Jacobi.

use mathlings_linalg::LinalgError;
use rand::SeedableRng;

use super::matrices::{or_error, rounded_all, square};
use super::spectral_common::{
    centred, descending_order, orthonormality_error, random_orthonormal, rounded_words, sign_fixed,
    singular_values_descending,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_6_svd::Impl;
use mathlings_bindings::p2_linalg::s2_6_svd::{Decomposition, Triple};

/// Backward error of one-sided Jacobi: ~10 sweeps of n²/2 rotations, each exact to a few ε,
/// give ‖UΣVᵀ − A‖ ≲ 1e-14·‖A‖_F for n ≤ 6; 1e-10 leaves 4 digits of slack. The same bound
/// serves for σ against nalgebra's SVD (both backward stable: |Δσ| ≤ ‖ΔA‖₂).
const BACKWARD: f64 = 1e-10;
/// UᵀU = I and VᵀV = I to this: rotations keep V orthonormal to ~sweeps·n·ε, and the
/// normalised columns of W are orthogonal to the stopping test m·ε.
const ORTHONORMAL: f64 = 1e-10;
/// Relative accuracy of every σ of the graded matrix (σ from 1 down to 1e-10): forming
/// A = UΣVᵀ perturbs it by ~ε‖A‖, i.e. σ_min = 1e-10 by ≲ 1e-6 relative; 1e-4 accepts that
/// and rejects AᵀA, whose eigenvalue 1e-20 drowns in an error of ε‖A‖² ≈ 1e-16.
const GRADED: f64 = 1e-4;

fn call(a: &DMatrix<f64>) -> String {
    format!("svd(&{})", show::matrix(a))
}

/// Random m×n matrices, 1 ≤ m, n ≤ 6.
fn any_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n))
}

/// The learner's (U, σ, Vᵀ) with thin shapes, or a failure.
fn expect_thin(a: &DMatrix<f64>, got: &Decomposition) -> Result<Triple, Failure> {
    let ((m, n), k) = (a.shape(), a.nrows().min(a.ncols()));
    let expected = format!("Ok((U {m}×{k}, σ with {k} entries, Vᵀ {k}×{n}))");
    expect::ok_where(
        got,
        |(u, s, v_t)| u.shape() == (m, k) && s.len() == k && v_t.shape() == (k, n),
        expected,
    )
}

/// U diag(σ) Vᵀ = A to [`BACKWARD`]·‖A‖_F, with thin shapes.
fn reconstructs(a: &DMatrix<f64>, got: &Decomposition) -> Verdict {
    let (u, s, v_t) = expect_thin(a, got)?;
    let error = (&u * DMatrix::from_diagonal(&s) * &v_t - a).amax();
    expect::that(
        error <= BACKWARD * a.norm(),
        format!("{} with max|UΣVᵀ − A| = {}", show::outcome(got), show::rounded(error, 3)),
        format!("max|UΣVᵀ − A| ≤ {}", show::rounded(BACKWARD * a.norm(), 2)),
    )
}

/// UᵀU = I and VᵀV = I to [`ORTHONORMAL`], with thin shapes.
fn orthonormal(a: &DMatrix<f64>, got: &Decomposition) -> Verdict {
    let (u, _, v_t) = expect_thin(a, got)?;
    let (eu, ev) = (orthonormality_error(&u), orthonormality_error(&v_t.transpose()));
    let (shown_u, shown_v) = (show::rounded(eu, 3), show::rounded(ev, 3));
    expect::that(
        eu <= ORTHONORMAL && ev <= ORTHONORMAL,
        format!(
            "{} with max|UᵀU − I| = {shown_u} and max|VᵀV − I| = {shown_v}",
            show::outcome(got)
        ),
        format!("both ≤ {ORTHONORMAL:e}"),
    )
}

/// A = U Σ Vᵀ with σ = 1, 1e-2, …, 1e-10 and seeded random orthonormal U (6×6), V (6×6).
fn graded_matrix(rng: &mut impl rand::Rng) -> (DMatrix<f64>, Vec<f64>) {
    let sigma: Vec<f64> = (0..6).map(|i| 10f64.powi(-2 * i)).collect();
    let (u, v) = (random_orthonormal(6, 6, rng), random_orthonormal(6, 6, rng));
    let a = &u * DMatrix::from_diagonal(&DVector::from_row_slice(&sigma)) * v.transpose();
    (a, sigma)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_6_svd",
        properties: vec![
            Property::named("reconstructs", 3)
                .description("U diag(σ) Vᵀ = A with thin shapes (U m×k, σ k, Vᵀ k×n, k = min(m, n)) on random m×n matrices (to 1e-10·‖A‖_F)")
                .check(|imp, ctx| {
                    ctx.forall(any_matrix(), call, |a| reconstructs(a, &(imp.svd)(a)))
                }),
            Property::named("orthonormal", 2)
                .description("the columns of U and of V are orthonormal (UᵀU = I, VᵀV = I), also for rank-deficient A such as [[1, 2], [2, 4], [3, 6]] and the centring matrix I − J/4")
                .check(|imp, ctx| {
                    let test = |a: &DMatrix<f64>| orthonormal(a, &(imp.svd)(a));
                    let fixed = [
                        DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 2.0, 4.0, 3.0, 6.0]),
                        DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 2.0, 4.0, 6.0]),
                        DMatrix::zeros(2, 2),
                        // The centring matrix I − J/4 (rank 3, null vector (1, 1, 1, 1)/2):
                        // completing U by the first eᵢ whose residual is longer than some
                        // fixed threshold like 0.5 fails, as every residual is exactly 0.5.
                        DMatrix::from_fn(4, 4, |i, j| if i == j { 0.75 } else { -0.25 }),
                    ];
                    fixed.iter().try_for_each(|a| ctx.once(&call(a), || test(a)))?;
                    ctx.forall(any_matrix(), call, test)
                }),
            Property::named("scale_invariant", 1)
                .description("s·A for s = 1e-8 and 1e8, full rank or rank-deficient (a product B C with inner dimension r): U diag(σ) Vᵀ = s·A to 1e-10·‖sA‖_F and U, V orthonormal")
                // The skip test |γ| ≤ ε²·‖A‖²_F and the zero-σ test σ ≤ ε·‖A‖_F are
                // relative to A: written as ε²/‖A‖²_F or ε/‖A‖_F they skip real rotations
                // or drop real directions of a small matrix (and keep rounding noise of a
                // large one).
                .check(|imp, ctx| {
                    let input = (
                        (1..=6usize, 1..=6usize, 1..=6usize).prop_flat_map(|(m, n, r)| {
                            (strategies::matrix(m, r), strategies::matrix(r, n))
                        }),
                        prop_oneof![Just(1e-8), Just(1e8)],
                    );
                    ctx.forall(input, |((b, c), s)| call(&(b * c * *s)), |((b, c), s)| {
                        let a = b * c * *s;
                        let got = (imp.svd)(&a);
                        reconstructs(&a, &got)?;
                        orthonormal(&a, &got)
                    })
                }),
            Property::named("matches_nalgebra", 3)
                .description("σ is sorted descending, ≥ 0, and equals nalgebra's singular values (to 1e-10·‖A‖_F)")
                .check(|imp, ctx| {
                    ctx.forall(any_matrix(), call, |a| {
                        let want = singular_values_descending(a);
                        let got = (imp.svd)(a).map(|(_, s, _)| s.as_slice().to_vec());
                        expect::all_close(&got, &want, Tol { rel: 0.0, abs: BACKWARD * a.norm() })?;
                        let s = got.unwrap_or_default();
                        expect::that(
                            s.windows(2).all(|w| w[0] >= w[1]) && s.iter().all(|&x| x >= 0.0),
                            show::floats(&s),
                            "σ₀ ≥ σ₁ ≥ … ≥ 0",
                        )
                    })
                }),
            Property::named("small_singular_values", 2)
                .description("on a graded 6×6 matrix with σ = 1, 1e-2, …, 1e-10 every σ (even 1e-10) is found to 1e-4 relative — which working on AᵀA cannot do")
                .check(|imp, ctx| {
                    let (a, want) = graded_matrix(&mut ctx.rng());
                    ctx.once(&call(&a), || {
                        let got = (imp.svd)(&a).map(|(_, s, _)| s.as_slice().to_vec());
                        expect::all_close(&got, &want, Tol { rel: GRADED, abs: 0.0 })
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty (0×0 or 0×n) or non-finite matrix gives the typed error")
                .check(|imp, ctx| {
                    rejects!(ctx, |a| call(a) => (imp.svd)(a), shown show::outcome;
                        (&DMatrix::zeros(0, 0)) => LinalgError::Empty,
                        (&DMatrix::zeros(0, 3)) => LinalgError::Empty,
                        (&square(&[1.0, f64::NAN, 3.0, 4.0])) => LinalgError::NonFinite,
                        (&DMatrix::from_row_slice(1, 3, &[1.0, 2.0, f64::NEG_INFINITY])) => LinalgError::NonFinite,
                    )
                }),
            Property::named("iris_centred", 1)
                .description("the singular values and right singular vectors (up to sign) of the centred Iris data match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "svd(&centred(iris.features))";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let got = (imp.svd)(&centred(&mathlings_models::datasets::iris().features));
                        got.map_or_else(|e| format!("{e:?}\n"), |(_, s, v_t)| {
                            let rows = v_t.row_iter().map(|row| {
                                let v = rounded_all(&sign_fixed(&row.transpose()), 6);
                                format!("v = ±[{v}]\n")
                            });
                            format!("σ = [{}]\n", rounded_all(&s, 8)) + &rows.collect::<String>()
                        })
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("via_gram_matrix")
                .explanation("You computed the eigen-decomposition of AᵀA and took σᵢ = √λᵢ. Mathematically right, \
                    numerically not: AᵀA squares the condition number, so its eigenvalues carry an error of about \
                    ε·‖A‖² ≈ 1e-16·σ₀², and any σ below ~1e-8·σ₀ (σ² below that error) comes out as noise or 0. \
                    Orthogonalise the columns of A itself with one-sided Jacobi rotations: σ = the lengths of \
                    the rotated columns.")
                .implementation(Impl { svd: via_gram_matrix }),
            Misconception::named("unsorted")
                .explanation("Your singular values come out in column order, not sorted. The convention (and every \
                    use of the SVD: low-rank approximation, PCA) needs σ₀ ≥ σ₁ ≥ …: sort the indices by column \
                    length, largest first, and permute the columns of U and of V (rows of Vᵀ) the same way.")
                .implementation(Impl {
                    svd: |a| either_way(a, jacobi_unsorted).map(|(u, s, v)| (u, s, v.transpose())),
                }),
            Misconception::named("v_not_transposed")
                .explanation("You return V where Vᵀ is expected. The rotations accumulate V = J₁J₂⋯ with the right \
                    singular vectors as its COLUMNS; A = U Σ Vᵀ needs them as the ROWS of the third matrix: \
                    return v.transpose().")
                .implementation(Impl { svd: |a| either_way(a, |x| sorted(jacobi_unsorted(x))) }),
        ],
        probe: |imp| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
            let (graded, want) = graded_matrix(&mut rng);
            let accuracy = match (imp.svd)(&graded) {
                Ok((_, s, _)) if s.len() == 6 => {
                    if (s[5] / want[5] - 1.0).abs() <= GRADED { "accurate" } else { "inaccurate" }
                }
                Ok(_) => "wrong shape",
                Err(_) => "error",
            };
            let d = DMatrix::from_diagonal(&DVector::from_vec(vec![1.0, 3.0, 2.0]));
            let order = or_error((imp.svd)(&d), |(_, s, _)| rounded_words(&s));
            let a = square(&[3.0, 0.0, 1.0, 4.0, 5.0, 2.0, -1.0, 2.0, 0.5]);
            let layout = match (imp.svd)(&a) {
                Ok((u, s, w)) if u.ncols() == s.len() && s.len() == w.nrows() => {
                    let product = &u * DMatrix::from_diagonal(&s) * &w;
                    if (product - &a).amax() <= 1e-9 { "U Σ Vᵀ" } else { "other" }
                }
                Ok(_) => "wrong shape",
                Err(_) => "error",
            };
            vec![accuracy.into(), order, layout.into()]
        },
    }
}

/// One-sided Jacobi, columns left in their final (unsorted) order; (U, σ, V) for m ≥ n.
fn jacobi_unsorted(a: &DMatrix<f64>) -> Triple {
    let (m, n) = a.shape();
    let mut w = a.clone();
    let mut v = DMatrix::<f64>::identity(n, n);
    let negligible = f64::EPSILON * f64::EPSILON * a.norm_squared();
    for _ in 0..100 {
        let mut rotated = false;
        for p in 0..n {
            for q in (p + 1)..n {
                let (alpha, beta) = (w.column(p).norm_squared(), w.column(q).norm_squared());
                let gamma = w.column(p).dot(&w.column(q));
                if gamma.abs() <= m as f64 * f64::EPSILON * (alpha * beta).sqrt()
                    || gamma.abs() <= negligible
                {
                    continue;
                }
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for x in [&mut w, &mut v] {
                    for i in 0..x.nrows() {
                        let (xp, xq) = (x[(i, p)], x[(i, q)]);
                        x[(i, p)] = c * xp - s * xq;
                        x[(i, q)] = s * xp + c * xq;
                    }
                }
                rotated = true;
            }
        }
        if !rotated {
            break;
        }
    }
    let sigma = DVector::from_iterator(n, (0..n).map(|j| w.column(j).norm()));
    let u = DMatrix::from_fn(m, n, |i, j| if sigma[j] > 0.0 { w[(i, j)] / sigma[j] } else { 0.0 });
    (u, sigma, v)
}

/// Sorts (U, σ, V) by descending σ.
fn sorted((u, sigma, v): Triple) -> Triple {
    let order = descending_order(&sigma);
    (u.select_columns(&order), sigma.select_rows(&order), v.select_columns(&order))
}

/// After the reference's input checks, runs `tall` on A or Aᵀ: (U, σ, V) of A itself.
fn either_way(a: &DMatrix<f64>, tall: fn(&DMatrix<f64>) -> Triple) -> Decomposition {
    mathlings_linalg::svd(a)?;
    if a.nrows() < a.ncols() {
        let (u, s, v) = tall(&a.transpose());
        Ok((v, s, u))
    } else {
        Ok(tall(a))
    }
}

/// σ² = eigenvalues of AᵀA (nalgebra's symmetric eigensolver), V its eigenvectors, U = AV/σ.
fn via_gram_matrix(a: &DMatrix<f64>) -> Decomposition {
    let tall = |x: &DMatrix<f64>| {
        let e = (x.transpose() * x).symmetric_eigen();
        let sigma = e.eigenvalues.map(|l| l.max(0.0).sqrt());
        let w = x * &e.eigenvectors;
        let u = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| {
            if sigma[j] > 0.0 { w[(i, j)] / sigma[j] } else { 0.0 }
        });
        sorted((u, sigma, e.eigenvectors))
    };
    either_way(a, tall).map(|(u, s, v)| (u, s, v.transpose()))
}
