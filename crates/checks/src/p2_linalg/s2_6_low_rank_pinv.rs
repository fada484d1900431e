//! Checks for 2.6 — low-rank approximation, pseudo-inverse and condition number.

use mathlings_linalg::LinalgError;

use super::matrices::{or_error, square};
use super::spectral_common::{entries_within, rounded_words, singular_values_descending};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_6_low_rank_pinv::Impl;

/// Eckart–Young and A_k: the SVD is backward stable (‖ΔA‖ ≲ 1e-14·‖A‖_F at n ≤ 6), so the
/// squared error Σ_{i≥k} σᵢ² is right to ~1e-13·‖A‖²_F; 1e-9 leaves 4 digits of slack.
const ECKART_YOUNG: f64 = 1e-9;
/// Penrose conditions, relative to ‖A‖_F (resp. ‖A⁺‖_F): the generated matrices have
/// σ_min/σ₀ ≥ 1e-4 among their non-zero σ, so the errors are ≲ κ·ε ≈ 1e-12; 1e-8 is slack.
const PENROSE: f64 = 1e-8;
/// κ against nalgebra's σ₀/σ_min: σ_min carries an absolute error ~ε‖A‖, i.e. a relative
/// error of ~ε·κ; 1e-10·κ is far above it.
const CONDITION: f64 = 1e-10;

/// The reference crate's functions (the wrong answers replace one).
const RIGHT: Impl = Impl {
    low_rank_approximation: mathlings_linalg::low_rank_approximation,
    pseudo_inverse: mathlings_linalg::pseudo_inverse,
    condition_number: mathlings_linalg::condition_number,
};

fn call_low_rank(a: &DMatrix<f64>, k: usize) -> String {
    format!("low_rank_approximation(&{}, {k})", show::matrix(a))
}

fn call_pinv(a: &DMatrix<f64>) -> String {
    format!("pseudo_inverse(&{})", show::matrix(a))
}

fn call_cond(a: &DMatrix<f64>) -> String {
    format!("condition_number(&{})", show::matrix(a))
}

/// A random m×n matrix (1 ≤ m, n ≤ 6) and a rank 1 ≤ k ≤ min(m, n).
fn matrix_and_rank() -> impl Strategy<Value = (DMatrix<f64>, usize)> + Clone {
    (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| (strategies::matrix(m, n), 1..=m.min(n)))
}

/// Random m×n matrices of rank r ≤ min(m, n) (a product B C with inner dimension r), whose
/// non-zero singular values are within a factor 1e4 of each other.
fn rank_deficient_or_full() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (1..=6usize, 1..=6usize, 1..=6usize)
        .prop_flat_map(|(m, n, r)| {
            let r = r.min(m).min(n);
            (strategies::matrix(m, r), strategies::matrix(r, n))
        })
        .prop_map(|(b, c)| b * c)
        .prop_filter("non-zero σ within a factor 1e4", |a| {
            let s = singular_values_descending(a);
            let nonzero: Vec<f64> = s.iter().copied().filter(|&x| x > 1e-10 * s[0]).collect();
            s[0] > 0.0 && nonzero.last().is_some_and(|&x| x >= 1e-4 * s[0])
        })
}

fn expect_shape(
    got: &Result<DMatrix<f64>, LinalgError>,
    (m, n): (usize, usize),
) -> Result<DMatrix<f64>, Failure> {
    let fits = |a: &DMatrix<f64>| a.shape() == (m, n) && a.iter().all(|x| x.is_finite());
    expect::ok_where(got, fits, format!("Ok(a finite {m}×{n} matrix)"))
}

/// For each `(a, want)`, once: `pseudo_inverse(a)` = `want` to 1e-12 (`note` follows it).
fn pinv_is<const N: usize>(
    imp: &Impl,
    ctx: &Ctx,
    cases: [(DMatrix<f64>, DMatrix<f64>); N],
    note: &str,
) -> Verdict {
    cases.iter().try_for_each(|(a, want)| {
        ctx.once(&call_pinv(a), || {
            let got = (imp.pseudo_inverse)(a);
            let p = expect_shape(&got, want.shape())?;
            expect::that(
                (&p - want).amax() <= 1e-12,
                show::outcome(&got),
                format!("Ok({}){note}", show::matrix(want)),
            )
        })
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_6_low_rank_pinv",
        properties: vec![
            Property::named("eckart_young", 3)
                .description("‖A − A_k‖²_F = Σ_{i≥k} σᵢ² (the dropped singular values, by nalgebra), and A_k = A when k = min(m, n)")
                .check(|imp, ctx| {
                    ctx.forall(matrix_and_rank(), |(a, k)| call_low_rank(a, *k), |(a, k)| {
                        let got = (imp.low_rank_approximation)(a, *k);
                        let ak = expect_shape(&got, a.shape())?;
                        let sigma = singular_values_descending(a);
                        let want: f64 = sigma[*k..].iter().map(|s| s * s).sum();
                        let (error, tol) = ((a - &ak).norm_squared(), ECKART_YOUNG * a.norm_squared());
                        let (shown, tol_shown) = (show::float(want), show::rounded(tol, 2));
                        let returned = format!("{} with ‖A − A_k‖²_F = {}", show::outcome(&got), show::float(error));
                        expect::that(
                            (error - want).abs() <= tol,
                            returned,
                            format!("‖A − A_k‖²_F = Σ_(i≥{k}) σᵢ² = {shown} (± {tol_shown})"),
                        )
                    })
                }),
            Property::named("low_rank_matches_reference", 1)
                .description("A_k equals the reference low-rank approximation entrywise (to 1e-8·‖A‖_F)")
                .check(|imp, ctx| {
                    ctx.forall(matrix_and_rank(), |(a, k)| call_low_rank(a, *k), |(a, k)| {
                        let want = mathlings_linalg::low_rank_approximation(a, *k).expect("reference A_k");
                        let got = (imp.low_rank_approximation)(a, *k);
                        let ak = expect_shape(&got, a.shape())?;
                        entries_within(&got, &ak, &want, 1e-8 * a.norm())
                    })
                }),
            Property::named("penrose_conditions", 3)
                .description("A⁺ satisfies AA⁺A = A, A⁺AA⁺ = A⁺ and AA⁺, A⁺A symmetric — also for rank-deficient A (zero σ are not inverted)")
                .check(|imp, ctx| {
                    let test = |a: &DMatrix<f64>| {
                        let got = (imp.pseudo_inverse)(a);
                        let p = expect_shape(&got, (a.ncols(), a.nrows()))?;
                        let (ap, pa) = (a * &p, &p * a);
                        let e1 = (&ap * a - a).amax() / a.norm();
                        let e2 = (&pa * &p - &p).amax() / p.norm().max(f64::MIN_POSITIVE);
                        let e3 = (&ap - ap.transpose()).amax().max((&pa - pa.transpose()).amax());
                        let errors = [e1, e2, e3].map(|e| show::rounded(e, 2)).join(", ");
                        expect::that(
                            e1 <= PENROSE && e2 <= PENROSE && e3 <= PENROSE,
                            format!("{} with relative errors {errors}", show::outcome(&got)),
                            format!("AA⁺A = A, A⁺AA⁺ = A⁺, AA⁺ and A⁺A symmetric (each to {PENROSE:e})"),
                        )
                    };
                    let fixed = [square(&[1.0, 2.0, 2.0, 4.0]), DMatrix::from_element(3, 2, 1.0)];
                    fixed.iter().try_for_each(|a| ctx.once(&call_pinv(a), || test(a)))?;
                    ctx.forall(rank_deficient_or_full(), call_pinv, test)
                }),
            Property::named("pseudo_inverse_known_values", 1)
                .description("[[1, 2], [2, 4]]⁺ = [[1, 2], [2, 4]]/25, and for an invertible matrix A⁺ = A⁻¹")
                .check(|imp, ctx| {
                    let a = square(&[1.0, 2.0, 2.0, 4.0]);
                    let cases = [
                        (a.clone(), &a / 25.0),
                        (square(&[2.0, 1.0, 1.0, 3.0]), square(&[0.6, -0.2, -0.2, 0.4])),
                    ];
                    pinv_is(imp, ctx, cases, "")
                }),
            Property::named("pseudo_inverse_cutoff", 1)
                .description("σᵢ is inverted only when σᵢ > max(m, n)·ε·σ₀: diag(1, 2ε) (σ₁ exactly at the cutoff 2ε) gives diag(1, 0), and the 2×6 [e₀ᵀ; 4ε·e₁ᵀ] (cutoff 6ε, not min(m, n)·ε·σ₀ = 2ε) gives [e₀ 0]")
                // Catches `σ ≥ cutoff` for the documented `>` and a cutoff scaled by
                // min(m, n) instead of max(m, n). These matrices have orthogonal rows, so
                // any SVD finds their σ exactly (1 and 2ε or 4ε), and A⁺ has exact entries.
                .check(|imp, ctx| {
                    let eps = f64::EPSILON;
                    let mut wide = DMatrix::zeros(2, 6);
                    (wide[(0, 0)], wide[(1, 1)]) = (1.0, 4.0 * eps);
                    // Only σ₀ = 1 is inverted: A⁺ = e₀ e₀ᵀ (n×m).
                    let cases = [square(&[1.0, 0.0, 0.0, 2.0 * eps]), wide].map(|a| {
                        let mut want = DMatrix::zeros(a.ncols(), a.nrows());
                        want[(0, 0)] = 1.0;
                        (a, want)
                    });
                    let note = ": σ₁ ≤ max(m, n)·ε·σ₀ counts as zero and is not inverted";
                    pinv_is(imp, ctx, cases, note)
                }),
            Property::named("condition_number", 2)
                .description("κ = σ_max/σ_min (nalgebra's σ, to 1e-10·κ relative); κ(diag(10, 0.1)) = 100; a singular matrix gives ∞ (or ≥ 1e15)")
                .check(|imp, ctx| {
                    let d = square(&[10.0, 0.0, 0.0, 0.1]);
                    ctx.once(&call_cond(&d), || {
                        expect::close(&(imp.condition_number)(&d), 100.0, Tol { rel: 1e-12, abs: 0.0 })
                    })?;
                    let singular = square(&[1.0, 2.0, 2.0, 4.0]);
                    ctx.once(&call_cond(&singular), || {
                        let got = (imp.condition_number)(&singular);
                        expect::that(
                            matches!(got, Ok(k) if k >= 1e15),
                            show::float_result(&got),
                            "Ok(f64::INFINITY) (or at least 1e15)",
                        )
                    })?;
                    let any = (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n));
                    ctx.forall(any, call_cond, |a| {
                        let s = singular_values_descending(a);
                        let smallest = s[s.len() - 1];
                        if smallest <= 1e-12 * s[0] {
                            return Ok(()); // numerically singular: κ is not meaningful here
                        }
                        let want = s[0] / smallest;
                        let tol = Tol { rel: CONDITION * want.max(1.0), abs: 0.0 };
                        expect::close(&(imp.condition_number)(a), want, tol)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty or non-finite matrix gives the typed error in all three functions; k = 0 or k > min(m, n) gives InvalidParameter { name: \"k\" }")
                .check(|imp, ctx| {
                    let good = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
                    rejects!(ctx, |k| call_low_rank(&good, k) => (imp.low_rank_approximation)(&good, k), shown show::outcome;
                        (0) => LinalgError::InvalidParameter { name: "k", .. },
                        (3) => LinalgError::InvalidParameter { name: "k", .. },
                    )?;
                    let empty = DMatrix::zeros(0, 0);
                    let nan = square(&[1.0, f64::NAN, 3.0, 4.0]);
                    let low_rank = |a: &DMatrix<f64>| (imp.low_rank_approximation)(a, 1);
                    let low_rank_call = |a: &DMatrix<f64>| call_low_rank(a, 1);
                    let pinv = imp.pseudo_inverse;
                    rejects!(ctx, |shown, f, a| shown(a) => f(a), shown show::outcome;
                        (low_rank_call, low_rank, &empty) => LinalgError::Empty,
                        (call_pinv, pinv, &empty) => LinalgError::Empty,
                    )?;
                    rejects!(ctx, |a| call_cond(a) => (imp.condition_number)(a); (&empty) => LinalgError::Empty)?;
                    rejects!(ctx, |shown, f, a| shown(a) => f(a), shown show::outcome;
                        (low_rank_call, low_rank, &nan) => LinalgError::NonFinite,
                        (call_pinv, pinv, &nan) => LinalgError::NonFinite,
                    )?;
                    rejects!(ctx, |a| call_cond(a) => (imp.condition_number)(a); (&nan) => LinalgError::NonFinite)
                }),
            Property::named("iris_low_rank", 1)
                .description("the condition number of the Iris features and their rank-k approximation errors ‖X − X_k‖_F match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "condition_number(&iris.features), low_rank_approximation(&iris.features, k) for k = 1, 2, 3";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let x = mathlings_models::datasets::iris().features;
                        let cond = (imp.condition_number)(&x);
                        let mut text = show::ok_or_debug(&cond, |k| {
                            format!("κ(X) = {}", show::rounded(*k, 8))
                        });
                        for k in 1..=3 {
                            text += &(imp.low_rank_approximation)(&x, k).map_or_else(
                                |e| format!("\n{e:?}"),
                                |xk| {
                                    let error = show::rounded((&x - xk).norm(), 8);
                                    format!("\n‖X − X_{k}‖_F = {error}")
                                },
                            );
                        }
                        text + "\n"
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("inverts_zero_singular_values")
                .explanation("Your pseudo-inverse divides by every singular value. A rank-deficient matrix has σ = 0 \
                    — or, after rounding, something like 1e-16 — and 1/σ is ∞ (then NaN) or 1e16, which swamps \
                    everything. Σ⁺ inverts only the singular values above a cutoff (max(m, n)·ε·σ₀) and puts 0 \
                    for the rest: that is what makes A⁺ the minimum-norm least-squares inverse.")
                .implementation(Impl { pseudo_inverse: inverts_zero_singular_values, ..RIGHT }),
            Misconception::named("keeps_smallest")
                .explanation("Your A_k keeps the last k singular triplets — the smallest ones. The SVD returns σ in \
                    DESCENDING order, and Eckart–Young says the best rank-k approximation keeps the k LARGEST: \
                    the first k columns of U, the first k values of σ, the first k rows of Vᵀ.")
                .implementation(Impl { low_rank_approximation: keeps_smallest, ..RIGHT }),
        ],
        probe: |imp| {
            let a = square(&[1.0, 2.0, 2.0, 4.0]);
            let entries = |m: DMatrix<f64>| rounded_words(&m);
            let pinv = match (imp.pseudo_inverse)(&a) {
                Ok(p) if p.iter().all(|x| x.is_finite()) && p.amax() < 1e6 => entries(p),
                Ok(p) if p.iter().all(|x| x.is_finite()) => "huge".into(),
                Ok(_) => "non-finite".into(),
                Err(e) => format!("{e:?}"),
            };
            let low_rank =
                or_error((imp.low_rank_approximation)(&square(&[3.0, 0.0, 0.0, 1.0]), 1), entries);
            let cond = or_error((imp.condition_number)(&square(&[10.0, 0.0, 0.0, 0.1])), |k| {
                show::rounded(k, 6)
            });
            vec![pinv, low_rank, cond]
        },
    }
}

/// A⁺ = V Σ⁻¹ Uᵀ inverting every σ, zero or not.
fn inverts_zero_singular_values(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    let s = mathlings_linalg::svd(a)?;
    let inverted = s.singular_values.map(|sigma| 1.0 / sigma);
    Ok(s.v_t.transpose() * DMatrix::from_diagonal(&inverted) * s.u.transpose())
}

/// A_k from the LAST k singular triplets.
fn keeps_smallest(a: &DMatrix<f64>, k: usize) -> Result<DMatrix<f64>, LinalgError> {
    mathlings_linalg::low_rank_approximation(a, k)?; // the reference's input checks
    let s = mathlings_linalg::svd(a)?;
    let start = s.singular_values.len() - k;
    let sigma = DMatrix::from_diagonal(&s.singular_values.rows(start, k).into_owned());
    Ok(s.u.columns(start, k) * sigma * s.v_t.rows(start, k))
}
