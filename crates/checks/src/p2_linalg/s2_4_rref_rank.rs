//! Checks for 2.4 — reduced row echelon form with a tolerance, and rank.

use mathlings_linalg::LinalgError;

use super::matrices::{
    clear_rank, dependent_columns, guarded, iris_with_sum_column, low_rank, matrix_close,
    named_matrices, pivot_row, rank_probes, rank_tolerance as tolerance, rounded_matrix, square,
    two_pivots, zero_corner,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_4_rref_rank::Impl;
use mathlings_bindings::p2_linalg::s2_4_rref_rank::Rref;

/// R's entries: Gauss–Jordan with partial pivoting on matrices ≤ 6×6 whose pivots are
/// ≥ 1e-3·max|a| computes R to ≲ 1e-12 relative; 1e-9·max(1, max|R|) is generous.
const R_ENTRIES: f64 = 1e-9;
/// A structural zero or leading one of R may carry rounding noise up to this.
const STRUCTURE: f64 = 1e-12;

fn call_rref(a: &DMatrix<f64>, tol: f64) -> String {
    format!("rref(&{}, {})", show::matrix(a), show::float(tol))
}

fn call_rank(a: &DMatrix<f64>) -> String {
    format!("rank(&{})", show::matrix(a))
}

/// The reference crate's functions (the wrong answers replace one).
const RIGHT: Impl = Impl { rref: mathlings_linalg::rref, rank: mathlings_linalg::rank };

fn show_rref(r: &Rref) -> String {
    show::ok_or_err(r, |(m, p)| format!("Ok(({}, {p:?}))", show::matrix(m)))
}

/// Any matrix of the kinds above, full rank or not.
fn matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    prop_oneof![
        (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n)),
        low_rank().prop_map(|(a, _)| a),
        dependent_columns(),
        zero_corner(),
    ]
    .prop_filter("clear rank", clear_rank)
}

fn rank_of(imp: &Impl, a: &DMatrix<f64>) -> Result<usize, Failure> {
    (imp.rank)(a)
        .map_err(|e| expect::failure(format!("{} = Err({e:?})", call_rank(a)), "Ok(the rank)"))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_4_rref_rank",
        properties: vec![
            Property::named("rref_matches_reference", 3)
                .description("rref(a, 1e-10·max(m, n)·max|aᵢⱼ|) equals the reference (same pivot columns, entries to 1e-9)")
                .check(|imp, ctx| {
                    ctx.forall(matrix(), |a| call_rref(a, tolerance(a)), |a| {
                        let tol = tolerance(a);
                        let (want, want_pivots) = mathlings_linalg::rref(a, tol).expect("reference rref");
                        let got = (imp.rref)(a, tol);
                        match &got {
                            Ok((r, pivots)) if *pivots == want_pivots => {
                                let scale = R_ENTRIES * want.amax().max(1.0);
                                matrix_close(&Ok(r.clone()), &want, |_, _| scale)
                            }
                            _ => expect::fail(show_rref(&got), show_rref(&Ok((want, want_pivots)))),
                        }
                    })
                }),
            Property::named("rref_is_reduced", 1)
                .description("R is in reduced row echelon form: pivots strictly to the right, each a leading 1 alone in its column, zero rows at the bottom, exact zeros in a column without a pivot from its row down")
                .check(|imp, ctx| {
                    ctx.forall(matrix(), |a| call_rref(a, tolerance(a)), |a| {
                        let got = (imp.rref)(a, tolerance(a));
                        let Ok((r, pivots)) = &got else {
                            return expect::fail(show_rref(&got), "Ok((R, pivots))");
                        };
                        let problem = why_not_reduced(r, pivots, a.shape());
                        let expected = format!("a reduced row echelon form ({})", problem.clone().unwrap_or_default());
                        expect::that(problem.is_none(), show_rref(&got), expected)
                    })
                }),
            Property::named("rank_matches_reference", 2)
                .description("rank equals the reference (SVD) rank on random matrices of known rank, also when scaled by 1e-12 or 1e12")
                .check(|imp, ctx| {
                    let input = (low_rank(), prop_oneof![Just(1.0), Just(1e-12), Just(1e12)]);
                    ctx.forall(input, |((a, _), s)| call_rank(&(a * *s)), |((a, r), s)| {
                        let got = (imp.rank)(&(a * *s));
                        expect::that(got == Ok(*r), show::result(&got), format!("Ok({r})"))
                    })
                }),
            Property::named("rank_one_outer_product", 2)
                .description("rank(u vᵀ) = 1 for non-zero u, v (their product is rank 1 up to rounding noise)")
                .check(|imp, ctx| {
                    let input = (2..=6usize, 2..=6usize)
                        .prop_flat_map(|(m, n)| (strategies::matrix(m, 1), strategies::matrix(n, 1)))
                        .prop_filter("non-zero", |(u, v)| u.amax() > 1e-3 && v.amax() > 1e-3);
                    ctx.forall(
                        input,
                        |(u, v)| format!("rank(&(u * v.transpose())) with u = {}, v = {}, i.e. {}", show::matrix(u), show::matrix(v), call_rank(&(u * v.transpose()))),
                        |(u, v)| {
                            let got = (imp.rank)(&(u * v.transpose()));
                            expect::that(got == Ok(1), show::result(&got), "Ok(1)")
                        },
                    )
                }),
            Property::named("rank_of_transpose", 1)
                .description("rank Aᵀ = rank A")
                .check(|imp, ctx| {
                    ctx.forall(matrix(), |a| format!("{} vs {}", call_rank(a), call_rank(&a.transpose())), |a| {
                        let r = rank_of(imp, a)?;
                        let got = (imp.rank)(&a.transpose());
                        expect::that(got == Ok(r), show::result(&got), format!("Ok({r}), the rank of A"))
                    })
                }),
            Property::named("rank_of_product", 1)
                .description("rank(AB) ≤ min(rank A, rank B)")
                .check(|imp, ctx| {
                    let input = (1..=5usize, 1..=5usize, 1..=5usize, 1..=5usize, 1..=5usize)
                        .prop_flat_map(|(m, p, n, r1, r2)| {
                            let (a1, a2) = (strategies::matrix(m, r1), strategies::matrix(r1, p));
                            (a1, a2, strategies::matrix(p, r2), strategies::matrix(r2, n))
                        })
                        .prop_map(|(a1, a2, b1, b2)| (a1 * a2, b1 * b2))
                        .prop_filter("clear ranks", |(a, b)| clear_rank(a) && clear_rank(b) && clear_rank(&(a * b)));
                    ctx.forall(
                        input,
                        |(a, b)| format!("rank(&(a * b)) with {}", named_matrices(&[a, b])),
                        |(a, b)| {
                            let (ra, rb) = (rank_of(imp, a)?, rank_of(imp, b)?);
                            let got = (imp.rank)(&(a * b));
                            expect::that(
                                matches!(got, Ok(r) if r <= ra.min(rb)),
                                show::result(&got),
                                format!("Ok(a rank ≤ min(rank A, rank B) = {})", ra.min(rb)),
                            )
                        },
                    )
                }),
            Property::named("tolerance_boundaries", 1)
                .description("|entry| = tol counts as zero, tol = 0 is allowed (exact arithmetic), and rank's tolerance grows with max(m, n): a 2×6 matrix with pivots 1 and 3e-10 has rank 1 (3e-10 ≤ 6e-10), with 1 and 7e-10 rank 2")
                .check(|imp, ctx| {
                    ctx.once("rref and rank at the edges of their tolerances", || {
                        let edge = square(&[1e-3, 0.0, 0.0, 1.0]);
                        let exact = square(&[1.0, 2.0, 2.0, 4.0]);
                        let pivots = |a: &DMatrix<f64>, tol: f64| (imp.rref)(a, tol).map(|(_, p)| p);
                        let cases = [
                            (call_rref(&edge, 1e-3), pivots(&edge, 1e-3), vec![1]),
                            (call_rref(&exact, 0.0), pivots(&exact, 0.0), vec![0]),
                        ];
                        for (call, got, want) in cases {
                            expect::that(got.as_ref() == Ok(&want), show::result(&got), format!("Ok({want:?})"))
                                .map_err(|f| Failure { call: format!("{call}.1"), ..f })?;
                        }
                        for (pivot, want) in [(3e-10, 1), (7e-10, 2)] {
                            let a = two_pivots(1.0, pivot);
                            let got = (imp.rank)(&a);
                            expect::that(got == Ok(want), show::result(&got), format!("Ok({want}), since tol = 1e-10 · 6 · 1 = 6e-10"))
                                .map_err(|f| Failure { call: call_rank(&a), ..f })?;
                        }
                        Ok(())
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty or non-finite matrix and a negative, NaN or infinite tolerance give the typed error, never a panic")
                .check(|imp, ctx| {
                    let empty = DMatrix::<f64>::zeros(0, 3);
                    let nan = DMatrix::from_row_slice(1, 2, &[1.0, f64::NAN]);
                    let ok = square(&[1.0, 2.0, 3.0, 4.0]);
                    rejects!(ctx, |a| call_rank(a) => (imp.rank)(a); (&empty) => LinalgError::Empty)?;
                    rejects!(ctx, |a| call_rref(a, 1e-12) => (imp.rref)(a, 1e-12), shown show_rref;
                        (&empty) => LinalgError::Empty,
                    )?;
                    rejects!(ctx, |a| call_rank(a) => (imp.rank)(a); (&nan) => LinalgError::NonFinite)?;
                    rejects!(ctx, |a, tol| call_rref(a, tol) => (imp.rref)(a, tol), shown show_rref;
                        (&nan, 1e-12) => LinalgError::NonFinite,
                        (&ok, -1e-12) => LinalgError::InvalidParameter { name: "tol", .. },
                        (&ok, f64::NAN) => LinalgError::InvalidParameter { name: "tol", .. },
                        (&ok, f64::INFINITY) => LinalgError::InvalidParameter { name: "tol", .. },
                    )
                }),
            Property::named("iris_dependent_column", 1)
                .description("the Iris features have rank 4; appending sepal length + petal length keeps rank 4, and rref exposes that column as 1·col₀ + 1·col₂ (snapshot)")
                .check(|imp, ctx| {
                    let call = "rank(&x), rank(&xa) and rref(&xa, tol) for the Iris features x and xa = [x | x₀ + x₂]";
                    ctx.once(call, || ctx.snapshot("iris", call, &iris_text(imp)))
                }),
        ],
        misconceptions: vec![
            Misconception::named("exact_zero_tests")
                .explanation("Your rank tests pivots with == 0.0 (no tolerance). In floating point, a column that is \
                    zero in exact arithmetic keeps rounding noise like 1e-17 after elimination, and every speck \
                    of noise becomes a pivot: the rank of the rank-1 matrix u vᵀ comes out 2 or 3. Count an entry \
                    as zero when |entry| ≤ tol with tol = 1e-10·max(m, n)·max|aᵢⱼ|.")
                .implementation(Impl { rank: |a| Ok(mathlings_linalg::rref(a, 0.0)?.1.len()), ..RIGHT }),
            Misconception::named("absolute_tolerance")
                .explanation("Your rank uses a fixed tolerance (like 1e-10) whatever the size of the entries: scale \
                    A by 1e-12 and every entry looks like zero, scale it by 1e12 and rounding noise looks like a \
                    pivot. Rank does not change when A is scaled, so the tolerance must scale with A: \
                    tol = 1e-10·max(m, n)·max|aᵢⱼ|.")
                .implementation(Impl { rank: |a| Ok(mathlings_linalg::rref(a, 1e-10)?.1.len()), ..RIGHT }),
            Misconception::named("row_echelon_not_reduced")
                .explanation("Your R is a row echelon form but not the REDUCED one: the entries above each pivot are \
                    not cleared (or the pivot rows are not divided by the pivot). In the reduced form every \
                    pivot is a 1 and is the only non-zero entry of its column — eliminate above the pivot too.")
                .implementation(Impl { rref: row_echelon, ..RIGHT }),
        ],
        probe: |imp| {
            let [a, outer] = rank_probes();
            vec![
                guarded(|| show::result(&(imp.rank)(&outer))),
                guarded(|| show::result(&(imp.rank)(&(DMatrix::<f64>::identity(3, 3) * 1e-12)))),
                guarded(|| show::ok_or_debug(&(imp.rref)(&a, 1e-12), |(r, p)| format!("{} {p:?}", rounded_matrix(r, 6)))),
            ]
        },
    }
}

/// The snapshot of `iris_dependent_column`.
fn iris_text(imp: &Impl) -> String {
    let (x, xa) = iris_with_sum_column();
    let [rx, rxa] = [&x, &xa].map(|m| show::result(&(imp.rank)(m)));
    let mut text = format!("rank(x) = {rx}\nrank(xa) = {rxa}\n");
    match (imp.rref)(&xa, tolerance(&xa)) {
        Ok((r, pivots)) if r.shape() == (150, 5) => {
            text += &format!("pivot columns of xa: {pivots:?}\n");
            // Entries below 1e-9 are rounding noise: shown as 0 so any stable method matches.
            let top =
                rounded_matrix(&r.rows(0, 5).map(|v| if v.abs() < 1e-9 { 0.0 } else { v }), 6);
            text += &format!("top of R (rows 0–4, |entries| < 1e-9 shown as 0): {top}\n");
            text += &format!("rows 5–149 are zero: {}\n", r.rows(5, 145).amax() < 1e-9);
        }
        other => text += &format!("{}\n", show_rref(&other).chars().take(200).collect::<String>()),
    }
    text
}

/// Why `r` is not a reduced row echelon form of an m×n matrix with these pivots, if it is not.
fn why_not_reduced(r: &DMatrix<f64>, pivots: &[usize], shape: (usize, usize)) -> Option<String> {
    if r.shape() != shape {
        return Some(format!("R must have A's shape {shape:?}"));
    }
    if pivots.windows(2).any(|w| w[0] >= w[1])
        || pivots.len() > shape.0
        || pivots.iter().any(|&c| c >= shape.1)
    {
        return Some("pivot columns strictly increasing, at most one per row".into());
    }
    for (row, &col) in pivots.iter().enumerate() {
        if (r[(row, col)] - 1.0).abs() > STRUCTURE {
            return Some(format!("R[({row}, {col})] must be the leading 1"));
        }
        if (0..col).any(|j| r[(row, j)].abs() > STRUCTURE) {
            return Some(format!("row {row} must be 0 left of its pivot"));
        }
        if (0..shape.0).any(|i| i != row && r[(i, col)].abs() > STRUCTURE) {
            return Some(format!("column {col} must be 0 above and below its pivot"));
        }
    }
    if (pivots.len()..shape.0).any(|i| r.row(i).amax() > STRUCTURE) {
        return Some(format!("rows {}.. must be zero", pivots.len()));
    }
    // A column without a pivot holds exact zeros from the row its pivot would have had.
    for c in (0..shape.1).filter(|c| !pivots.contains(c)) {
        let row = pivots.iter().filter(|&&p| p < c).count();
        if let Some(i) = (row..shape.0).find(|&i| r[(i, c)] != 0.0) {
            return Some(format!(
                "column {c} has no pivot, so R[({i}, {c})] must be exactly 0, not rounding noise"
            ));
        }
    }
    None
}

/// Forward elimination only (entries above the pivots stay, pivots stay unscaled).
fn row_echelon(a: &DMatrix<f64>, tol: f64) -> Rref {
    let (_, pivots) = mathlings_linalg::rref(a, tol)?;
    let (m, n) = a.shape();
    let mut r = a.clone();
    let mut row = 0;
    for col in 0..n {
        if row == m {
            break;
        }
        let p = pivot_row(&r, col, row);
        if r[(p, col)].abs() <= tol {
            for i in row..m {
                r[(i, col)] = 0.0;
            }
            continue;
        }
        r.swap_rows(p, row);
        for i in row + 1..m {
            let factor = r[(i, col)] / r[(row, col)];
            for j in 0..n {
                r[(i, j)] -= factor * r[(row, j)];
            }
            r[(i, col)] = 0.0;
        }
        row += 1;
    }
    Ok((r, pivots))
}
