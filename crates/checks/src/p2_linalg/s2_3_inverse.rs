//! Checks for 2.3 — the inverse by Gauss–Jordan elimination with partial pivoting.

use mathlings_linalg::LinalgError;

use super::matrices::{
    AT_THRESHOLD, NOISE, copy_row, guarded, inf_norm, iris_covariance, largest_pivot_matters,
    matrix_close, named_matrices, noisy_singular, or_error, pivot_row, pivots_at_threshold,
    rounded_matrix, rounded_rows, singular, square, with_zeros,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_3_inverse::Impl;
use mathlings_bindings::p2_linalg::s2_3_inverse::MatrixResult;

/// Residuals of a computed inverse X: ‖AX − I‖∞ and ‖XA − I‖∞ are ≲ c·n·ε·‖A‖∞‖X‖∞ for
/// Gauss–Jordan with partial pivoting; n ≤ 8 gives ≈ 2e-15 per unit of c; 1e-13 leaves a
/// factor ~50.
const RESIDUAL: f64 = 1e-13;
/// Forward error: ‖X − A⁻¹‖ ≲ κ(A)·(residual); 1e-12·κ·max|A⁻¹| per entry.
const FORWARD_PER_KAPPA: f64 = 1e-12;

fn call(a: &DMatrix<f64>) -> String {
    format!("inverse(&{})", show::matrix(a))
}

fn invertible(a: &DMatrix<f64>) -> bool {
    mathlings_linalg::inverse(a).is_ok()
}

/// Random matrices up to 8×8 that the reference can invert.
fn invertible_matrices() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    strategies::square_matrix(1..=8).prop_filter("invertible", invertible)
}

/// `got` must be an inverse of `a` up to rounding: both residuals ≤ [`RESIDUAL`]·‖A‖‖X‖.
fn is_inverse(a: &DMatrix<f64>, got: &MatrixResult) -> Verdict {
    let n = a.nrows();
    match got {
        Ok(x) if x.shape() == a.shape() && x.iter().all(|v| v.is_finite()) => {
            let scale = inf_norm(a) * inf_norm(x);
            let identity = DMatrix::<f64>::identity(n, n);
            let right = inf_norm(&(a * x - &identity));
            let left = inf_norm(&(x * a - &identity));
            expect::that(
                right <= RESIDUAL * scale && left <= RESIDUAL * scale,
                format!(
                    "{}, with ‖AX − I‖∞ = {} and ‖XA − I‖∞ = {}",
                    show::outcome(got),
                    show::rounded(right, 3),
                    show::rounded(left, 3)
                ),
                format!(
                    "an X with ‖AX − I‖∞ and ‖XA − I‖∞ ≤ {RESIDUAL:e}·‖A‖∞‖X‖∞ = {}",
                    show::rounded(RESIDUAL * scale, 3)
                ),
            )
        }
        _ => expect::fail(show::outcome(got), "Ok(A⁻¹), finite, of A's shape"),
    }
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_3_inverse",
        properties: vec![
            Property::named("times_inverse_is_identity", 3)
                .description("AX = I and XA = I up to rounding: ‖AX − I‖∞, ‖XA − I‖∞ ≤ 1e-13·‖A‖∞‖X‖∞, on random matrices up to 8×8")
                .check(|imp, ctx| {
                    ctx.forall(invertible_matrices(), call, |a| is_inverse(a, &(imp.inverse)(a)))
                }),
            Property::named("matches_reference", 2)
                .description("equals the reference inverse to 1e-12·κ(A)·max|A⁻¹| per entry")
                .check(|imp, ctx| {
                    ctx.forall(invertible_matrices(), call, |a| {
                        let want = mathlings_linalg::inverse(a).expect("reference inverse");
                        let kappa = mathlings_linalg::condition_number(a).expect("reference condition number");
                        let tol = FORWARD_PER_KAPPA * kappa * want.amax() + 1e-300;
                        matrix_close(&(imp.inverse)(a), &want, |_, _| tol)
                    })
                }),
            Property::named("zero_pivots", 2)
                .description("permutation matrices (P⁻¹ = Pᵀ exactly), matrices with exact zeros on and off the diagonal, and one whose column holds 1, 2 and 1e-10 (the pivot must be the largest, 2) are inverted correctly")
                .check(|imp, ctx| {
                    let permutations = (2..=6usize)
                        .prop_flat_map(|n| Just((0..n).collect::<Vec<usize>>()).prop_shuffle());
                    ctx.forall(permutations, |p| call(&permutation_matrix(p)), |p| {
                        let a = permutation_matrix(p);
                        matrix_close(&(imp.inverse)(&a), &a.transpose(), |_, _| 0.0)
                    })?;
                    let tiny = largest_pivot_matters();
                    ctx.once(&call(&tiny), || is_inverse(&tiny, &(imp.inverse)(&tiny)))?;
                    let matrices = with_zeros(2..=6).prop_filter("invertible", invertible);
                    ctx.forall(matrices, call, |a| is_inverse(a, &(imp.inverse)(a)))
                }),
            Property::named("inverse_of_product", 1)
                .description("(AB)⁻¹ = B⁻¹A⁻¹")
                .check(|imp, ctx| {
                    let pair = (2..=5usize)
                        .prop_flat_map(|n| (strategies::matrix(n, n), strategies::matrix(n, n)))
                        .prop_filter("invertible", |(a, b)| invertible(a) && invertible(b) && invertible(&(a * b)));
                    ctx.forall(
                        pair,
                        |(a, b)| format!("inverse(&(a * b)) vs inverse(&b)? * inverse(&a)? with {}", named_matrices(&[a, b])),
                        |(a, b)| {
                            let (ia, ib) = ((imp.inverse)(a), (imp.inverse)(b));
                            let (Ok(ia), Ok(ib)) = (&ia, &ib) else {
                                return expect::fail(format!("{} and {}", show::outcome(&ia), show::outcome(&ib)), "Ok(A⁻¹) and Ok(B⁻¹)");
                            };
                            let (want, ab) = (ib * ia, a * b);
                            let kappa = mathlings_linalg::condition_number(&ab).expect("condition number");
                            let tol = 10.0 * FORWARD_PER_KAPPA * kappa * want.amax() + 1e-300;
                            matrix_close(&(imp.inverse)(&ab), &want, |_, _| tol)
                        },
                    )
                }),
            Property::named("singular_rejected", 1)
                .description("singular matrices (a row that is a power-of-two multiple of another, [1 2 3; 4 5 6; 7 8 9], a rank-1 uvᵀ) give LinalgError::Singular")
                .check(|imp, ctx| {
                    let input = (strategies::square_matrix(2..=6), 0..8usize, 0..8usize, -2i32..=2)
                        .prop_map(|(mut a, i, j, s)| {
                            copy_row(&mut a, i, j, 2f64.powi(s));
                            a
                        });
                    // A 2×2 elimination leaves an exact 0; larger ones may leave noise.
                    let singular = |a: &DMatrix<f64>| singular(&(imp.inverse)(a), if a.nrows() == 2 { "" } else { NOISE });
                    ctx.forall(input, call, |a| singular(a))?;
                    for a in noisy_singular() {
                        ctx.once(&call(&a), || singular(&a))?;
                    }
                    Ok(())
                }),
            Property::named("singular_threshold", 1)
                .description("a pivot exactly at n·ε·max|aᵢⱼ| counts as zero and one just above does not: s·diag(1, 1, 3ε) is singular, s·diag(1, 1, 4ε) is inverted, for s = 1, 2⁻³⁰, 2³⁰")
                // Catches `|pivot| < threshold` for the documented `≤` (and a threshold
                // that does not scale with A).
                .check(|imp, ctx| {
                    for (a, is_singular) in pivots_at_threshold() {
                        ctx.once(&call(&a), || {
                            let got = (imp.inverse)(&a);
                            if is_singular { singular(&got, AT_THRESHOLD) } else { is_inverse(&a, &got) }
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square or non-finite matrix gives the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |a| call(a) => (imp.inverse)(a), shown show::outcome;
                        (&DMatrix::zeros(0, 0)) => LinalgError::Empty,
                        (&square(&[1.0, f64::NAN, 0.0, 1.0])) => LinalgError::NonFinite,
                        (&square(&[f64::INFINITY])) => LinalgError::NonFinite,
                        (&DMatrix::from_element(2, 3, 1.0)) => LinalgError::NotSquare { rows: 2, cols: 3 },
                    )
                }),
            Property::named("iris_precision_matrix", 1)
                .description("the precision matrix Σ⁻¹ of the Iris features matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "inverse(&covariance_matrix(&iris.features))";
                    ctx.once(call, || {
                        let sigma = iris_covariance();
                        let text = match (imp.inverse)(&sigma) {
                            Ok(p) if p.shape() == (4, 4) => rounded_rows(&p, 8),
                            other => format!("{}\n", show::outcome(&other)),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("no_pivoting")
                .explanation("Your elimination divides by whatever is on the diagonal: a zero pivot (A = [0 1; 1 0]) \
                    gives ∞/NaN, and a tiny one destroys the accuracy. Before clearing column k, swap up the row \
                    (i ≥ k) with the largest |aᵢₖ| — in both halves of [A | I].")
                .implementation(Impl { inverse: |a| gauss_jordan(a, false, true, false) }),
            Misconception::named("swap_left_half_only")
                .explanation("You swap rows of A but not the same rows of the identity beside it. Every row \
                    operation — swaps included — must be applied to both halves of [A | I], otherwise the right \
                    half ends up as A⁻¹ with its columns permuted.")
                .implementation(Impl { inverse: |a| gauss_jordan(a, true, false, true) }),
            Misconception::named("singular_by_exact_zero")
                .explanation("You only call a matrix singular when a pivot is exactly 0.0. After rounding, a singular \
                    matrix such as [1 2 3; 4 5 6; 7 8 9] leaves a pivot of about 1e-16 instead of 0, and dividing \
                    by it returns a huge, meaningless \"inverse\". Treat |pivot| ≤ n·ε·max|aᵢⱼ| (ε = \
                    f64::EPSILON) as zero and return Err(LinalgError::Singular).")
                .implementation(Impl { inverse: |a| gauss_jordan(a, true, true, false) }),
        ],
        probe: |imp| {
            let show_inv = |a: DMatrix<f64>| {
                guarded(|| {
                    or_error((imp.inverse)(&a), |x| {
                        let finite = x.iter().all(|v| v.is_finite());
                        if finite { rounded_matrix(&x, 6) } else { "non-finite".into() }
                    })
                })
            };
            vec![
                show_inv(square(&[0.0, 1.0, 1.0, 0.0])),
                show_inv(square(&[1.0, 2.0, 3.0, 4.0])),
                show_inv(square(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])),
            ]
        },
    }
}

fn permutation_matrix(p: &[usize]) -> DMatrix<f64> {
    DMatrix::from_fn(p.len(), p.len(), |i, j| if p[i] == j { 1.0 } else { 0.0 })
}

/// Gauss–Jordan with switches for the misconceptions.
fn gauss_jordan(
    a: &DMatrix<f64>,
    pivot: bool,
    swap_right: bool,
    with_tolerance: bool,
) -> MatrixResult {
    mathlings_linalg::determinant(a)?; // the reference's input checks (not singularity)
    let n = a.nrows();
    let tolerance = if with_tolerance { n as f64 * f64::EPSILON * a.amax() } else { 0.0 };
    let mut left = a.clone();
    let mut right = DMatrix::<f64>::identity(n, n);
    for k in 0..n {
        if pivot {
            let p = pivot_row(&left, k, k);
            if left[(p, k)].abs() <= tolerance {
                return Err(LinalgError::Singular);
            }
            left.swap_rows(p, k);
            if swap_right {
                right.swap_rows(p, k);
            }
        }
        let pivot_value = left[(k, k)];
        for j in 0..n {
            left[(k, j)] /= pivot_value;
            right[(k, j)] /= pivot_value;
        }
        for i in 0..n {
            let factor = left[(i, k)];
            if i == k {
                continue;
            }
            for j in 0..n {
                left[(i, j)] -= factor * left[(k, j)];
                right[(i, j)] -= factor * right[(k, j)];
            }
        }
    }
    Ok(right)
}
