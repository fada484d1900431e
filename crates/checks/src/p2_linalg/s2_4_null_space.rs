//! Checks for 2.4 — a null-space basis and the linear-independence test.
//!
//! Any basis of the null space is accepted: N is checked by A·N ≈ 0, by having exactly
//! n − rank A columns, and by those columns being independent — together these say that
//! N spans the null space.

use mathlings_linalg::LinalgError;

use super::matrices::{
    clear_rank, dependent_columns, guarded, inf_norm, iris_with_sum_column, low_rank, rank_probes,
    rank_tolerance, rows, two_pivots, well_separated, zero_corner,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_4_null_space::Impl;
use mathlings_bindings::p2_linalg::s2_4_null_space::MatrixResult;

/// ‖A nⱼ‖∞ ≤ 1e-9 · ‖A‖∞ · ‖nⱼ‖∞ for every basis vector: elimination on matrices whose rank
/// is well separated (σᵣ ≥ 1e-3 σ₀) leaves residuals ≲ 1e-13 of that scale.
const RESIDUAL: f64 = 1e-9;

/// The reference crate's functions (the wrong answers replace one or both).
const RIGHT: Impl = Impl {
    null_space: mathlings_linalg::null_space,
    is_linearly_independent: mathlings_linalg::is_linearly_independent,
};

fn call(a: &DMatrix<f64>) -> String {
    format!("null_space(&{})", show::matrix(a))
}

fn call_independent(vectors: &[Vec<f64>]) -> String {
    let inner: Vec<String> = vectors.iter().map(|v| show::vec(v)).collect();
    format!("is_linearly_independent(&[{}])", inner.join(", "))
}

/// Matrices of clear rank, full or deficient; some need a row swap for their first pivot,
/// some have a column without a pivot before pivot columns (pivot row ≠ pivot column).
fn matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    prop_oneof![
        (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n)),
        low_rank().prop_map(|(a, _)| a),
        low_rank().prop_map(|(a, _)| a),
        dependent_columns(),
        zero_corner(),
    ]
    .prop_filter("clear rank", clear_rank)
}

fn basis(imp: &Impl, a: &DMatrix<f64>) -> Result<DMatrix<f64>, Failure> {
    let got = (imp.null_space)(a);
    match got {
        Ok(n) if n.nrows() == a.ncols() && n.iter().all(|v| v.is_finite()) => Ok(n),
        other => Err(expect::failure(
            show::outcome(&other),
            format!("Ok(a finite matrix with {} rows, one per column of A)", a.ncols()),
        )),
    }
}

/// k vectors of length n, each a random vector or (when `dependent`) the last one a
/// combination of the others with coefficients in [−3, 3].
fn vector_set(dependent: bool) -> impl Strategy<Value = Vec<Vec<f64>>> + Clone {
    (2..=6usize, 2..=5usize)
        .prop_flat_map(move |(n, k)| {
            let k = if dependent { k } else { k.min(n) };
            (
                proptest::collection::vec(proptest::collection::vec(-10.0..10.0f64, n), k),
                proptest::collection::vec(-3.0..3.0f64, k),
            )
        })
        .prop_map(move |(mut vs, coefficients)| {
            if dependent {
                let k = vs.len();
                let n = vs[0].len();
                let combination: Vec<f64> =
                    (0..n).map(|i| (0..k - 1).map(|j| coefficients[j] * vs[j][i]).sum()).collect();
                vs[k - 1] = combination;
            }
            vs
        })
}

fn reference_independent(vs: &[Vec<f64>]) -> Option<bool> {
    mathlings_linalg::is_linearly_independent(vs).ok()
}

fn columns(vs: &[Vec<f64>]) -> DMatrix<f64> {
    DMatrix::from_fn(vs[0].len(), vs.len(), |i, j| vs[j][i])
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_4_null_space",
        properties: vec![
            Property::named("annihilated_by_a", 3)
                .description("A·N ≈ 0: every basis vector n satisfies ‖A n‖∞ ≤ 1e-9·‖A‖∞‖n‖∞, and none is zero")
                .check(|imp, ctx| {
                    ctx.forall(matrix(), call, |a| {
                        let n = basis(imp, a)?;
                        for (j, column) in n.column_iter().enumerate() {
                            let size = column.amax();
                            let residual = (a * column).amax();
                            expect::that(
                                size > 0.0 && residual <= RESIDUAL * inf_norm(a) * size,
                                format!("Ok({}), whose column {j} has ‖A n‖∞ = {}", show::matrix(&n), show::rounded(residual, 3)),
                                "a basis N with A·N ≈ 0 and no zero column",
                            )?;
                        }
                        Ok(())
                    })
                }),
            Property::named("rank_plus_nullity", 2)
                .description("N has n − rank A columns (rank + nullity = n), and they are linearly independent")
                .check(|imp, ctx| {
                    ctx.forall(matrix(), call, |a| {
                        let n = basis(imp, a)?;
                        let rank = mathlings_linalg::rank(a).expect("reference rank");
                        let nullity = a.ncols() - rank;
                        expect::that(
                            n.ncols() == nullity,
                            format!("Ok({}) with {} columns", show::matrix(&n), n.ncols()),
                            format!("{} columns: n − rank A = {} − {rank}", nullity, a.ncols()),
                        )?;
                        let independent = nullity == 0 || mathlings_linalg::rank(&n).ok() == Some(nullity);
                        expect::that(independent, format!("Ok({})", show::matrix(&n)), "independent columns (a basis)")
                    })
                }),
            Property::named("full_column_rank_has_trivial_null_space", 1)
                .description("an invertible or tall full-column-rank A gives an n×0 matrix")
                .check(|imp, ctx| {
                    let tall = (1..=5usize, 0..=3usize)
                        .prop_flat_map(|(n, extra)| strategies::matrix(n + extra, n))
                        .prop_filter("full column rank", |a| mathlings_linalg::rank(a).is_ok_and(|r| r == a.ncols() && well_separated(a, r)));
                    ctx.forall(tall, call, |a| {
                        let got = (imp.null_space)(a);
                        expect::that(
                            matches!(&got, Ok(n) if n.shape() == (a.ncols(), 0)),
                            show::outcome(&got),
                            format!("Ok(a {}×0 matrix): only x = 0 solves A x = 0", a.ncols()),
                        )
                    })
                }),
            Property::named("independence_matches_reference", 2)
                .description("is_linearly_independent agrees with the reference on random independent sets and on sets whose last vector is a combination of the others")
                .check(|imp, ctx| {
                    let sets = prop_oneof![vector_set(false), vector_set(true)]
                        .prop_filter("clear rank", |vs| reference_independent(vs).is_some() && clear_rank(&columns(vs)));
                    ctx.forall(sets, |vs| call_independent(vs), |vs| {
                        let want = reference_independent(vs).expect("reference");
                        let got = (imp.is_linearly_independent)(vs);
                        expect::that(got == Ok(want), show::result(&got), format!("Ok({want})"))
                    })
                }),
            Property::named("dependent_sets_without_parallel_pairs", 1)
                .description("{e₁, e₂, e₁ + e₂} and more vectors than dimensions are dependent even though no two vectors are parallel")
                .check(|imp, ctx| {
                    let cases = [
                        vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0], vec![1.0, 1.0, 0.0]],
                        vec![vec![1.0, 2.0], vec![3.0, -1.0], vec![0.5, 7.0]],
                        vec![vec![0.1, 0.2, 0.3], vec![0.4, 0.5, 0.6], vec![0.7, 0.8, 0.9]],
                    ];
                    for vs in cases {
                        ctx.once(&call_independent(&vs), || {
                            let got = (imp.is_linearly_independent)(&vs);
                            expect::that(got == Ok(false), show::result(&got), "Ok(false)")
                        })?;
                    }
                    Ok(())
                }),
            Property::named("tolerance_boundaries", 1)
                .description("an entry equal to tol = 1e-10·max(m, n)·max|aᵢⱼ| counts as zero (diag(1, 2e-10) has nullity 1), the zero matrix has a full null space, and tol grows with max(m, n) and max|aᵢⱼ|: the 2×6 s·[e₁ | 3e-10·e₂ | 0…] has nullity 5, with 7e-10 nullity 4, for s = 1 and 1e6 (likewise for the independence of its transpose's columns)")
                // Catches `<` for the documented `≤` (which also divides by the zero pivot
                // of the zero matrix), and a tolerance not scaled by max(m, n) (or by
                // min(m, n), 1/max(m, n)) or by max|aᵢⱼ|.
                .check(|imp, ctx| {
                    let mut cases = vec![
                        (DMatrix::from_diagonal(&DVector::from_vec(vec![1.0, 2e-10])), 1),
                        (DMatrix::zeros(2, 3), 3),
                    ];
                    for s in [1.0, 1e6] {
                        cases.extend([(two_pivots(s, 3e-10), 5), (two_pivots(s, 7e-10), 4)]);
                    }
                    for (a, nullity) in &cases {
                        ctx.once(&call(a), || {
                            let got = (imp.null_space)(a);
                            expect::that(
                                matches!(&got, Ok(n) if n.shape() == (a.ncols(), *nullity)
                                    && n.iter().all(|v| v.is_finite())),
                                show::outcome(&got),
                                format!("Ok(a finite {}×{nullity} basis): entries ≤ tol = 1e-10·{}·{} count as zero", a.ncols(), a.nrows().max(a.ncols()), show::float(a.amax())),
                            )
                        })?;
                        let vectors = rows(a);
                        let want = *nullity == a.ncols() - a.nrows();
                        ctx.once(&call_independent(&vectors), || {
                            let got = (imp.is_linearly_independent)(&vectors);
                            let why = "entries ≤ tol = 1e-10·max(m, n)·max|aᵢⱼ| count as zero";
                            expect::that(got == Ok(want), show::result(&got), format!("Ok({want}): {why}"))
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite input and vectors of different lengths give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |a| call(a) => (imp.null_space)(a), shown show::outcome;
                        (&DMatrix::<f64>::zeros(0, 2)) => LinalgError::Empty,
                        (&DMatrix::from_row_slice(1, 2, &[1.0, f64::INFINITY])) => LinalgError::NonFinite,
                    )?;
                    rejects!(ctx, |vs| call_independent(vs) => (imp.is_linearly_independent)(vs);
                        (&vec![]) => LinalgError::Empty,
                        (&vec![vec![], vec![]]) => LinalgError::Empty,
                        (&vec![vec![1.0, 2.0], vec![1.0, 2.0, 3.0]]) => LinalgError::ShapeMismatch { left: (2, 1), right: (3, 1) },
                        (&vec![vec![1.0, f64::NAN], vec![1.0, 2.0]]) => LinalgError::NonFinite,
                    )
                }),
            Property::named("iris_dependency", 1)
                .description("the null space of [Iris features | sepal length + petal length] is the single direction (1, 0, 1, 0, −1)/√3, and the four feature columns are independent (snapshot)")
                .check(|imp, ctx| {
                    let call = "null_space(&xa) and is_linearly_independent(columns of x / of xa) for the Iris features x and xa = [x | x₀ + x₂]";
                    ctx.once(call, || ctx.snapshot("iris", call, &iris_text(imp)))
                }),
        ],
        misconceptions: vec![
            Misconception::named("exact_zero_tests")
                .explanation("Your elimination treats only exact 0.0 as zero. Rounding leaves noise like 1e-17 where \
                    exact arithmetic gives 0, so dependent columns look independent: the null space comes out too \
                    small (often empty) and is_linearly_independent says true for vectors like v₃ = 2v₁ − v₂. \
                    Count |entry| ≤ 1e-10·max(m, n)·max|aᵢⱼ| as zero.")
                .implementation(Impl {
                    null_space: |a| basis_from_rref(a, 0.0, -1.0),
                    is_linearly_independent: |vs| Ok(mathlings_linalg::rref(&check_vectors(vs)?, 0.0)?.1.len() == vs.len()),
                }),
            Misconception::named("pivot_sign")
                .explanation("Your basis vectors use +R[i, f] for the pivot variables. Row i of R says \
                    x_{pivot} + R[i, f]·x_f + … = 0, so with x_f = 1 the pivot variable is −R[i, f]. Check: A·x must be 0.")
                .implementation(Impl { null_space: |a| basis_from_rref(a, rank_tolerance(a), 1.0), ..RIGHT }),
            Misconception::named("pairwise_independence")
                .explanation("Your test only checks that no two vectors are parallel. Independence is about the whole \
                    set: e₁, e₂ and e₁ + e₂ are pairwise non-parallel but dependent (the third is the sum of the \
                    others), and any 3 vectors in the plane are dependent. Compare the rank of the matrix with the \
                    vectors as columns with their number.")
                .implementation(Impl { is_linearly_independent: pairwise_only, ..RIGHT }),
        ],
        probe: |imp| {
            let [a, outer] = rank_probes();
            let check = |m: &DMatrix<f64>| {
                guarded(|| match (imp.null_space)(m) {
                    Ok(n) if n.nrows() == m.ncols() => {
                        let annihilated = n
                            .column_iter()
                            .all(|c| (m * c).amax() <= 1e-9 * m.amax() * c.amax().max(1e-300));
                        format!("{} columns, {}", n.ncols(), if annihilated { "A·N ≈ 0" } else { "A·N ≠ 0" })
                    }
                    other => show::outcome(&other),
                })
            };
            let independent =
                |vs: Vec<Vec<f64>>| guarded(|| show::result(&(imp.is_linearly_independent)(&vs)));
            vec![
                check(&a),
                check(&outer),
                independent(vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0], vec![1.0, 1.0, 0.0]]),
                independent(vec![vec![0.1, 0.2, 0.3], vec![0.4, 0.5, 0.6], vec![0.7, 0.8, 0.9]]),
            ]
        },
    }
}

/// The snapshot of `iris_dependency`.
fn iris_text(imp: &Impl) -> String {
    let (x, xa) = iris_with_sum_column();
    let cols = |m: &DMatrix<f64>| rows(&m.transpose());
    let text = match (imp.null_space)(&xa) {
        Ok(n) if n.nrows() == 5 => {
            let mut text = format!("nullity of xa: {}\n", n.ncols());
            if n.ncols() == 1 {
                // Normalise: unit length, first non-zero entry positive.
                let v = n.column(0).into_owned();
                let sign = v.iter().find(|x| x.abs() > 1e-9).map_or(1.0, |x| x.signum());
                let unit = v * (sign / n.column(0).norm());
                let entries: Vec<String> = unit
                    .iter()
                    .map(|&x| if x.abs() < 1e-9 { "0".into() } else { show::rounded(x, 6) })
                    .collect();
                text += &format!("unit basis vector: [{}]\n", entries.join(", "));
            }
            text
        }
        other => format!("{}\n", show::outcome(&other).chars().take(200).collect::<String>()),
    };
    let [ix, ixa] = [&x, &xa].map(|m| show::result(&(imp.is_linearly_independent)(&cols(m))));
    text + &format!("columns of x independent: {ix}\ncolumns of xa independent: {ixa}\n")
}

/// A null-space basis from the reference rref at `tol`, pivot entries times `sign` (−1 is right).
fn basis_from_rref(a: &DMatrix<f64>, tol: f64, sign: f64) -> MatrixResult {
    let (r, pivots) = mathlings_linalg::rref(a, tol)?;
    let n = a.ncols();
    let free: Vec<usize> = (0..n).filter(|c| !pivots.contains(c)).collect();
    let mut basis = DMatrix::zeros(n, free.len());
    for (k, &f) in free.iter().enumerate() {
        basis[(f, k)] = 1.0;
        for (i, &p) in pivots.iter().enumerate() {
            basis[(p, k)] = sign * r[(i, f)];
        }
    }
    Ok(basis)
}

/// The vectors as the columns of a matrix, after the reference's input checks.
fn check_vectors(vectors: &[Vec<f64>]) -> Result<DMatrix<f64>, LinalgError> {
    mathlings_linalg::is_linearly_independent(vectors)?;
    Ok(columns(vectors))
}

/// "No two vectors are parallel" (and none is zero), with a relative tolerance.
fn pairwise_only(vectors: &[Vec<f64>]) -> Result<bool, LinalgError> {
    let a = check_vectors(vectors)?;
    for i in 0..a.ncols() {
        if a.column(i).amax() == 0.0 {
            return Ok(false);
        }
        for j in i + 1..a.ncols() {
            let pair = DMatrix::from_columns(&[a.column(i), a.column(j)]);
            if mathlings_linalg::rank(&pair)? < 2 {
                return Ok(false);
            }
        }
    }
    Ok(true)
}
