//! Checks for 1.7 — independence test and the law of total probability.

use mathlings_stats::{JointTable, StatsError};

use super::common::{joint, normalised, show_table};
use super::tables::{iris_table, rounded};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_7_independence_total_probability::Impl;

/// The tolerance handed to `is_independent` for outer products: rebuilding a marginal from
/// at most 4 products and multiplying again moves a cell by a few ulps (≤ 1e-15), so 1e-12
/// accepts every correct summation order.
const OUTER_TOL: f64 = 1e-12;
/// The tolerance handed to `is_independent` for dependent tables: their cells are ≥ 3e-4 away
/// from the product of the marginals, far above it.
const DEPENDENT_TOL: f64 = 1e-9;
/// A sum of at most 4 products of probabilities is exact to a few ulps; 1e-12 leaves a wide
/// margin and rejects any unweighted or misweighted sum (off by ≥ 1e-3 on these inputs).
const AGREE: Tol = Tol { rel: 1e-12, abs: 1e-12 };

fn independent_call(t: &[Vec<f64>], tol: f64) -> String {
    format!("is_independent({}, {})", show_table(t), show::float(tol))
}

fn total_call(conditionals: &[f64], priors: &[f64]) -> String {
    format!("total_probability({}, {})", show::floats(conditionals), show::floats(priors))
}

/// A distribution over 1–4 (or `len`) outcomes: integer weights 1..9 divided by their total.
fn distribution(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<f64>> + Clone {
    proptest::collection::vec(1..10u32, len).prop_map(|w| normalised(&w))
}

fn outer(px: &[f64], py: &[f64]) -> Vec<Vec<f64>> {
    px.iter().map(|a| py.iter().map(|b| a * b).collect()).collect()
}

/// An outer product P(X)·P(Y)ᵀ: the joint table of two independent variables.
fn outer_table() -> impl Strategy<Value = Vec<Vec<f64>>> + Clone {
    (distribution(1..=4), distribution(1..=4)).prop_map(|(px, py)| outer(&px, &py))
}

/// An outer product with ε moved around a 2×2 rectangle of cells (+ε, −ε / −ε, +ε): the
/// marginals are unchanged, but X and Y are no longer independent.
fn dependent_table() -> impl Strategy<Value = Vec<Vec<f64>>> + Clone {
    (distribution(2..=4), distribution(2..=4))
        .prop_flat_map(|(px, py)| {
            let (r, c) = (px.len(), py.len());
            (Just(outer(&px, &py)), 0..r, 1..r, 0..c, 1..c)
        })
        .prop_map(|(mut t, i, di, j, dj)| {
            let (r, c) = (t.len(), t[0].len());
            let (i2, j2) = ((i + di) % r, (j + dj) % c);
            let eps = 0.5 * t[i][j2].min(t[i2][j]);
            for (a, b, moved) in [(i, j, eps), (i2, j2, eps), (i, j2, -eps), (i2, j, -eps)] {
                t[a][b] += moved;
            }
            t
        })
}

/// A random joint table with positive cells, 1–4 × 1–4.
fn positive_table() -> impl Strategy<Value = Vec<Vec<f64>>> + Clone {
    (1..=4usize, 1..=4usize).prop_flat_map(|(rows, cols)| {
        distribution(rows * cols..=rows * cols)
            .prop_map(move |cells| cells.chunks(cols).map(<[f64]>::to_vec).collect())
    })
}

/// Conditionals in [0, 1] (multiples of 0.05 after shrinking) and priors of the same length.
fn conditionals_and_priors() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    let conditional = prop_oneof![(0..=20u32).prop_map(|v| f64::from(v) / 20.0), 0.0..=1.0f64];
    (1..=5usize).prop_flat_map(move |k| {
        (proptest::collection::vec(conditional.clone(), k), distribution(k..=k))
    })
}

/// `is_independent(t, tol)` returns `Ok(want)`.
fn says(imp: &Impl, t: &[Vec<f64>], tol: f64, want: bool) -> Verdict {
    let got = (imp.is_independent)(t, tol);
    expect::that(matches!(got, Ok(b) if b == want), show::result(&got), format!("Ok({want})"))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_7_independence_total_probability",
        properties: vec![
            Property::named("outer_products_are_independent", 2)
                .description("a table built as P(X)·P(Y)ᵀ (an outer product) is independent, allowing for rounding within tol = 1e-12")
                .check(|imp, ctx| {
                    let fixed = outer(&[0.1, 0.3, 0.6], &[0.7, 0.2, 0.1]);
                    let call = |t: &[Vec<f64>]| independent_call(t, OUTER_TOL);
                    ctx.once(&call(&fixed), || says(imp, &fixed, OUTER_TOL, true))?;
                    ctx.forall(outer_table(), |t| call(t), |t| says(imp, t, OUTER_TOL, true))
                }),
            Property::named("same_marginals_can_be_dependent", 2)
                .description("moving probability around a rectangle of cells keeps both marginals but breaks independence, and the test notices")
                .check(|imp, ctx| {
                    ctx.forall(
                        dependent_table(),
                        |t| independent_call(t, DEPENDENT_TOL),
                        |t| says(imp, t, DEPENDENT_TOL, false),
                    )
                }),
            Property::named("tolerance_is_inclusive", 1)
                .description("tol = 0 is a valid tolerance, and a cell exactly tol away from P(X = i)·P(Y = j) still counts as independent (≤ tol, not < tol)")
                .check(|imp, ctx| {
                    // Dyadic cells: every marginal and product is exact in any summation
                    // order, so |pᵢⱼ − pₓ·p_y| is exactly 0 (first table) or exactly 1/4
                    // (second). Catches `tol > 0.0` in the validation (rejecting tol = 0) and
                    // a strict `< tol`.
                    let exact = outer(&[0.5, 0.5], &[0.25, 0.75]);
                    let diagonal = vec![vec![0.5, 0.0], vec![0.0, 0.5]];
                    for (t, tol) in [(&exact, 0.0), (&diagonal, 0.25)] {
                        ctx.once(&independent_call(t, tol), || says(imp, t, tol, true))?;
                    }
                    Ok(())
                }),
            Property::named("independence_matches_reference", 2)
                .description("on random tables and tolerances, the verdict agrees with the reference crate")
                .check(|imp, ctx| {
                    let input = (
                        prop_oneof![positive_table(), outer_table(), dependent_table()],
                        prop_oneof![Just(1e-9), Just(0.01), Just(0.05)],
                    )
                        .prop_filter("not within rounding of the tolerance", far_from_boundary);
                    ctx.forall(
                        input,
                        |(t, tol)| independent_call(t, *tol),
                        |(t, tol)| says(imp, t, *tol, joint(t).is_independent(*tol)),
                    )
                }),
            Property::named("total_probability_matches_reference", 2)
                .description("P(A) = Σᵢ P(A | Bᵢ)·P(Bᵢ), as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        conditionals_and_priors(),
                        |(c, p)| total_call(c, p),
                        |(c, p)| {
                            let want = mathlings_stats::total_probability(c, p).expect("reference");
                            expect::close(&(imp.total_probability)(c, p), want, AGREE)
                        },
                    )
                }),
            Property::named("total_probability_recovers_marginal", 2)
                .description("for a joint table, Σₓ P(Y = j | X = x)·P(X = x) equals the column total P(Y = j)")
                .check(|imp, ctx| {
                    let input =
                        positive_table().prop_flat_map(|t| (Just(t.clone()), 0..t[0].len()));
                    ctx.forall(
                        input,
                        |(t, j)| {
                            let (c, p) = column_conditionals(t, *j);
                            format!("{} for column {j} of {}", total_call(&c, &p), show_table(t))
                        },
                        |(t, j)| {
                            let (c, p) = column_conditionals(t, *j);
                            let p_y: f64 = t.iter().map(|row| row[*j]).sum();
                            expect::close(&(imp.total_probability)(&c, &p), p_y, AGREE)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("invalid tables, a NaN or negative tol, empty or mismatched slices, priors not summing to 1 or conditionals outside [0, 1] give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |t, tol| independent_call(t, tol) => (imp.is_independent)(t, tol);
                        (&vec![], 0.01) => StatsError::EmptyInput,
                        (&vec![vec![0.5, 0.25], vec![0.25]], 0.01) => StatsError::LengthMismatch { left: 2, right: 1 },
                        (&vec![vec![0.5, f64::NAN]], 0.01) => StatsError::NonFinite,
                        (&vec![vec![0.6, 0.6]], 0.01) => StatsError::InvalidProbabilities,
                        (&vec![vec![0.5, 0.5]], f64::NAN) => StatsError::InvalidParameter { name: "tol", .. },
                        (&vec![vec![0.5, 0.5]], -1.0) => StatsError::InvalidParameter { name: "tol", .. },
                    )?;
                    rejects!(ctx, |c, p| total_call(c, p) => (imp.total_probability)(c, p);
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[], &[1.0]) => StatsError::EmptyInput,
                        (&[1.0], &[]) => StatsError::EmptyInput,
                        (&[0.5, f64::NAN], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[0.5, 0.5], &[1.0]) => StatsError::LengthMismatch { left: 2, right: 1 },
                        (&[0.5, 0.5], &[0.5, 0.6]) => StatsError::InvalidProbabilities,
                        (&[0.5, 0.5], &[1.5, -0.5]) => StatsError::InvalidProbabilities,
                        (&[1.5, 0.5], &[0.5, 0.5]) => StatsError::InvalidProbabilities,
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("on Iris, species and (petal length > 4 cm) are dependent, and Σ P(long | species)·P(species) gives the stored P(long)")
                .check(|imp, ctx| {
                    let call = "is_independent(&t, 0.01) and total_probability(&P(long | species), &P(species)), \
                        where t[s][j] = P(species = s, petal length ≤ 4 cm (j = 0) or > 4 cm (j = 1)) on Iris";
                    ctx.once(call, || {
                        let t = iris_table();
                        let (c, p) = column_conditionals(&t, 1);
                        let text = format!(
                            "is_independent = {}\nP(long | species) = {}\nP(species) = {}\nP(long) = {}\n",
                            show::result(&(imp.is_independent)(&t, 0.01)),
                            rounded(&c),
                            rounded(&p),
                            show::rounded_result(&(imp.total_probability)(&c, &p), 10)
                        );
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("compares_marginals_only")
                .explanation("Your test says \"independent\" for tables that are not: it only looks at \
                    the marginals (for instance, that Σᵢⱼ P(X = i)·P(Y = j) = 1, which holds for every \
                    table). Many tables share the same marginals; independence is a claim about every \
                    cell: |P(X = i, Y = j) − P(X = i)·P(Y = j)| ≤ tol for all i, j.")
                .implementation(Impl { is_independent: compares_marginals_only, ..RIGHT }),
            Misconception::named("exact_equality")
                .explanation("Your test calls an independent table dependent: it compares \
                    P(X = i, Y = j) == P(X = i)·P(Y = j) exactly. The marginals are sums of rounded \
                    products, so the two sides differ in the last bits. Compare with the tolerance: \
                    (pᵢⱼ − pₓ·p_y).abs() <= tol.")
                .implementation(Impl { is_independent: exact_equality, ..RIGHT }),
            Misconception::named("unweighted_average")
                .explanation("Your total probability is the plain average of the conditionals P(A | Bᵢ). \
                    The cases Bᵢ are not equally likely: weight each conditional by its prior, \
                    P(A) = Σᵢ P(A | Bᵢ)·P(Bᵢ).")
                .implementation(Impl {
                    total_probability: |c, p| {
                        mathlings_stats::total_probability(c, p)?;
                        Ok(c.iter().sum::<f64>() / c.len() as f64)
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let outer_t = outer(&[0.1, 0.3, 0.6], &[0.7, 0.2, 0.1]);
            let dependent = vec![vec![0.3, 0.2], vec![0.2, 0.3]];
            vec![
                show::result(&(imp.is_independent)(&outer_t, OUTER_TOL)),
                show::result(&(imp.is_independent)(&dependent, DEPENDENT_TOL)),
                show::ok_or_debug(&(imp.total_probability)(&[0.9, 0.2], &[0.1, 0.9]), |v| {
                    show::rounded(*v, 6)
                }),
            ]
        },
    }
}

/// Whether no cell's |pᵢⱼ − P(X = i)·P(Y = j)| lies within 1e-12 of `tol` (where the verdict
/// would depend on rounding).
fn far_from_boundary((t, tol): &(Vec<Vec<f64>>, f64)) -> bool {
    let r = joint(t);
    let (px, py) = (r.marginal_x(), r.marginal_y());
    t.iter()
        .zip(&px)
        .all(|(row, a)| row.iter().zip(&py).all(|(p, b)| ((p - a * b).abs() - tol).abs() > 1e-12))
}

/// The conditionals P(Y = j | X = x) over x and the priors P(X = x), for column j.
fn column_conditionals(t: &[Vec<f64>], j: usize) -> (Vec<f64>, Vec<f64>) {
    let priors: Vec<f64> = t.iter().map(|row| row.iter().sum()).collect();
    let conditionals = t.iter().zip(&priors).map(|(row, p)| (row[j] / p).min(1.0)).collect();
    (conditionals, priors)
}

/// The reference implementation, through the reference crate.
const RIGHT: Impl = Impl {
    is_independent: |t, tol| Ok(checked(t, tol)?.is_independent(tol)),
    total_probability: mathlings_stats::total_probability,
};

fn checked(table: &[Vec<f64>], tol: f64) -> Result<JointTable, StatsError> {
    let t = JointTable::new(table.to_vec())?;
    let invalid = StatsError::InvalidParameter { name: "tol", reason: "must be finite and ≥ 0" };
    if tol.is_finite() && tol >= 0.0 { Ok(t) } else { Err(invalid) }
}

fn compares_marginals_only(table: &[Vec<f64>], tol: f64) -> Result<bool, StatsError> {
    let t = checked(table, tol)?;
    let (px, py) = (t.marginal_x(), t.marginal_y());
    let total: f64 = px.iter().flat_map(|a| py.iter().map(move |b| a * b)).sum();
    Ok((total - 1.0).abs() <= tol.max(1e-9))
}

fn exact_equality(table: &[Vec<f64>], tol: f64) -> Result<bool, StatsError> {
    checked(table, tol)?;
    let px: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    let py: Vec<f64> = (0..table[0].len()).map(|j| table.iter().map(|row| row[j]).sum()).collect();
    Ok(table.iter().zip(&px).all(|(row, a)| row.iter().zip(&py).all(|(p, b)| *p == a * b)))
}
