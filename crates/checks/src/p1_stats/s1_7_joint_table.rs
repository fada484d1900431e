//! Checks for 1.7 — marginals and conditionals of a joint probability table.

use mathlings_stats::{JointTable, StatsError};

use super::common::{joint, normalised, show_table};
use super::tables::{iris_table, rounded};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_7_joint_table::{Distribution, Impl, Marginals};

/// Sums and quotients of at most 16 probabilities in [0, 1]: any summation order is exact
/// to a few ulps (≤ 1e-15); 1e-12 leaves a wide margin and still rejects any wrong axis or
/// missing normalisation, which are off by ≥ 1e-3 on these tables.
const AGREE: Tol = Tol { rel: 1e-12, abs: 1e-12 };

fn marginals_call(t: &[Vec<f64>]) -> String {
    format!("marginals({})", show_table(t))
}

fn conditional_call(t: &[Vec<f64>], x: usize) -> String {
    format!("conditional_y_given_x({}, {x})", show_table(t))
}

/// A random joint table, 1–4 rows × 1–4 columns: integer weights 0..9 (zeros are common, so
/// some rows have probability 0) divided by their total.
fn table() -> impl Strategy<Value = Vec<Vec<f64>>> + Clone {
    (1..=4usize, 1..=4usize)
        .prop_flat_map(|(rows, cols)| {
            proptest::collection::vec(prop_oneof![1 => Just(0u32), 4 => 1..10u32], rows * cols)
                .prop_map(move |w| (cols, w))
        })
        .prop_filter("some mass", |(_, w)| w.iter().any(|&v| v > 0))
        .prop_map(|(cols, w)| normalised(&w).chunks(cols).map(<[f64]>::to_vec).collect())
}

/// A random table and a row index x with P(X = x) > 0.
fn table_and_row() -> impl Strategy<Value = (Vec<Vec<f64>>, usize)> + Clone {
    table()
        .prop_flat_map(|t| (Just(t.clone()), 0..t.len()))
        .prop_filter("P(X = x) > 0", |(t, x)| t[*x].iter().any(|&p| p > 0.0))
}

fn sums_to_one(name: &str, v: &[f64]) -> Verdict {
    let total: f64 = v.iter().sum();
    expect::that(
        v.iter().all(|&p| p >= 0.0) && (total - 1.0).abs() <= 1e-12,
        format!("{name} = {} (sum {})", show::floats(v), show::float(total)),
        format!("{name}: entries ≥ 0 summing to 1 (± 1e-12)"),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_7_joint_table",
        properties: vec![
            Property::named("marginals_match_reference", 3)
                .description("P(X) are the row sums and P(Y) the column sums, as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        table(),
                        |t| marginals_call(t),
                        |t| {
                            let (got, r) = ((imp.marginals)(t), joint(t));
                            let (px, py) = (got.clone().map(|m| m.0), got.map(|m| m.1));
                            labelled("P(X): ", expect::all_close(&px, &r.marginal_x(), AGREE))?;
                            labelled("P(Y): ", expect::all_close(&py, &r.marginal_y(), AGREE))
                        },
                    )
                }),
            Property::named("marginals_sum_to_one", 1)
                .description("each marginal is a distribution: entries ≥ 0 summing to 1")
                .check(|imp, ctx| {
                    ctx.forall(
                        table(),
                        |t| marginals_call(t),
                        |t| {
                            let (px, py) = expect::ok((imp.marginals)(t), "(P(X), P(Y))")?;
                            sums_to_one("P(X)", &px)?;
                            sums_to_one("P(Y)", &py)
                        },
                    )
                }),
            Property::named("conditional_matches_reference", 3)
                .description("P(Y = j | X = x) = P(X = x, Y = j) / P(X = x), as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        table_and_row(),
                        |(t, x)| conditional_call(t, *x),
                        |(t, x)| {
                            let want = joint(t).conditional_y_given_x(*x).expect("reference");
                            expect::all_close(&(imp.conditional_y_given_x)(t, *x), &want, AGREE)
                        },
                    )
                }),
            Property::named("conditional_sums_to_one", 1)
                .description("each conditional row P(Y | X = x) sums to 1, and times P(X = x) gives back row x of the table")
                .check(|imp, ctx| {
                    ctx.forall(
                        table_and_row(),
                        |(t, x)| conditional_call(t, *x),
                        |(t, x)| {
                            let got = (imp.conditional_y_given_x)(t, *x);
                            let c = expect::ok(got, "P(Y | X = x)")?;
                            sums_to_one("P(Y | X = x)", &c)?;
                            let px: f64 = t[*x].iter().sum();
                            let back: Vec<f64> = c.iter().map(|p| p * px).collect();
                            let back = expect::all_close::<StatsError>(&Ok(back), &t[*x], AGREE);
                            labelled("P(Y | X = x)·P(X = x) vs row x: ", back)
                        },
                    )
                }),
            Property::named("rejects_zero_probability_event", 2)
                .description("conditioning on a row of zeros (P(X = x) = 0) gives Err(StatsError::ZeroProbabilityEvent), not NaN")
                .check(|imp, ctx| {
                    let fixed = vec![vec![0.5, 0.5], vec![0.0, 0.0]];
                    rejects!(ctx, |t, x| conditional_call(t, x) => (imp.conditional_y_given_x)(t, x);
                        (&fixed, 1) => StatsError::ZeroProbabilityEvent,
                    )?;
                    let with_zero_row = table_and_row().prop_map(|(mut t, x)| {
                        // Row x (now all zeros) has no mass; a new last row carries it.
                        let mut last = vec![0.0; t[0].len()];
                        last[0] = t[x].iter().sum();
                        t[x].iter_mut().for_each(|p| *p = 0.0);
                        t.push(last);
                        (t, x)
                    });
                    ctx.forall(
                        with_zero_row,
                        |(t, x)| conditional_call(t, *x),
                        |(t, x)| {
                            let got = (imp.conditional_y_given_x)(t, *x);
                            expect_err!(&got, StatsError::ZeroProbabilityEvent)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty or ragged table, NaN/±∞ cells, negative cells, cells not summing to 1 or a row index out of range give the typed error, never a panic")
                .check(|imp, ctx| {
                    // Each bad table to both functions, in turn; the error's text is its Debug.
                    let ragged = vec![vec![0.25, 0.25], vec![0.5]];
                    let bad = [
                        (vec![], StatsError::EmptyInput),
                        (vec![vec![]], StatsError::EmptyInput),
                        (ragged, StatsError::LengthMismatch { left: 2, right: 1 }),
                        (vec![vec![0.5, f64::NAN]], StatsError::NonFinite),
                        (vec![vec![f64::INFINITY, 0.5]], StatsError::NonFinite),
                        (vec![vec![1.5, -0.5]], StatsError::InvalidProbabilities),
                        (vec![vec![0.2, 0.2], vec![0.2, 0.2]], StatsError::InvalidProbabilities),
                    ];
                    for (t, want) in &bad {
                        let is_want = |e: &StatsError| e == want;
                        let text = format!("StatsError::{want:?}");
                        let (m, c) = (|| (imp.marginals)(t), || (imp.conditional_y_given_x)(t, 0));
                        ctx.once(&marginals_call(t), || expect::error(&m(), is_want, &text))?;
                        ctx.once(&conditional_call(t, 0), || expect::error(&c(), is_want, &text))?;
                    }
                    rejects!(ctx, |t, x| conditional_call(t, x) => (imp.conditional_y_given_x)(t, x);
                        (&vec![vec![0.25, 0.25], vec![0.25, 0.25]], 2) => StatsError::InvalidParameter { name: "x", .. },
                    )
                }),
            Property::named("iris_snapshot", 2)
                .description("on Iris, species × (petal length > 4 cm): the marginals and P(long petal | species) match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "marginals(&t) and conditional_y_given_x(&t, s) for s = 0, 1, 2, where \
                        t[s][j] = P(species = s, petal length ≤ 4 cm (j = 0) or > 4 cm (j = 1)) on Iris";
                    ctx.once(call, || {
                        let t = iris_table();
                        let rows: Vec<String> = t.iter().map(|r| rounded(r)).collect();
                        let mut text = format!("table = [{}]\n", rows.join(", "));
                        match (imp.marginals)(&t) {
                            Ok((px, py)) => {
                                text += &format!("P(species) = {}\n", rounded(&px));
                                text += &format!("P(short, long petal) = {}\n", rounded(&py));
                            }
                            Err(e) => text += &format!("marginals: Err({e:?})\n"),
                        }
                        let iris = mathlings_models::datasets::iris();
                        for (s, name) in iris.species_names.iter().enumerate() {
                            let got = (imp.conditional_y_given_x)(&t, s);
                            let line = show::ok_or_err(&got, |c| rounded(c));
                            text += &format!("P(short, long petal | {name}) = {line}\n");
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("wrong_axis")
                .explanation("Your conditional divides row x by the column totals P(Y = j): that is \
                    P(X = x | Y = j), the reverse conditional. P(A | B) ≠ P(B | A): to condition on \
                    X = x, divide every cell of row x by that row's own total P(X = x) = Σⱼ pₓⱼ.")
                .implementation(Impl { conditional_y_given_x: wrong_axis, ..RIGHT }),
            Misconception::named("zero_event_not_rejected")
                .explanation("Conditioning on a row of zeros makes you divide 0 by 0, and your answer \
                    is NaN. P(Y | X = x) is undefined when P(X = x) = 0: check the row total first \
                    and return Err(StatsError::ZeroProbabilityEvent).")
                .implementation(Impl { conditional_y_given_x: zero_event_not_rejected, ..RIGHT }),
            Misconception::named("not_normalised")
                .explanation("Your conditional returns row x of the joint table unchanged: those are \
                    P(X = x, Y = j), which sum to P(X = x), not to 1. Divide each of them by \
                    P(X = x) (the row total).")
                .implementation(Impl { conditional_y_given_x: not_normalised, ..RIGHT }),
            Misconception::named("marginals_swapped")
                .explanation("Your marginals come back in the wrong order: rows are the values of X, \
                    so P(X) is the vector of row sums and P(Y) the vector of column sums; return \
                    (P(X), P(Y)).")
                .implementation(Impl {
                    marginals: |t| solution_marginals(t).map(|(px, py)| (py, px)),
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let t = vec![vec![0.1, 0.2, 0.1], vec![0.3, 0.0, 0.3]];
            let zero = vec![vec![0.5, 0.5], vec![0.0, 0.0]];
            vec![
                show::ok_or_debug(&(imp.marginals)(&t), |(px, py)| {
                    format!("{} {}", rounded(px), rounded(py))
                }),
                show::ok_or_debug(&(imp.conditional_y_given_x)(&t, 0), |c| rounded(c)),
                match (imp.conditional_y_given_x)(&zero, 1) {
                    Ok(c) if c.iter().any(|p| p.is_nan()) => "NaN".into(),
                    Ok(c) => rounded(&c),
                    Err(e) => format!("{e:?}"),
                },
            ]
        },
    }
}

/// `verdict` with `label` in front of both texts of its failure.
fn labelled(label: &str, verdict: Verdict) -> Verdict {
    let text = |t: String| format!("{label}{t}");
    verdict.map_err(|f| Failure { returned: text(f.returned), expected: text(f.expected), ..f })
}

/// The reference implementation, through the reference crate.
const RIGHT: Impl = Impl {
    marginals: solution_marginals,
    conditional_y_given_x: |t, x| JointTable::new(t.to_vec())?.conditional_y_given_x(x),
};

fn solution_marginals(table: &[Vec<f64>]) -> Result<(Vec<f64>, Vec<f64>), StatsError> {
    let t = JointTable::new(table.to_vec())?;
    Ok((t.marginal_x(), t.marginal_y()))
}

fn checked_row(table: &[Vec<f64>], x: usize) -> Result<&Vec<f64>, StatsError> {
    JointTable::new(table.to_vec())?;
    table.get(x).ok_or(StatsError::InvalidParameter { name: "x", reason: "row index out of range" })
}

fn wrong_axis(table: &[Vec<f64>], x: usize) -> Result<Vec<f64>, StatsError> {
    let row = checked_row(table, x)?;
    let (_, py) = solution_marginals(table)?;
    Ok(row.iter().zip(&py).map(|(p, q)| p / q).collect())
}

fn zero_event_not_rejected(table: &[Vec<f64>], x: usize) -> Result<Vec<f64>, StatsError> {
    let row = checked_row(table, x)?;
    let px: f64 = row.iter().sum();
    Ok(row.iter().map(|p| p / px).collect())
}

fn not_normalised(table: &[Vec<f64>], x: usize) -> Result<Vec<f64>, StatsError> {
    let row = checked_row(table, x)?;
    if row.iter().sum::<f64>() <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(row.clone())
}
