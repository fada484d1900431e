//! Checks for 2.5 — the stationary distribution of a Markov chain.

use mathlings_linalg::LinalgError;

use super::matrices::{or_error, square};
use super::spectral_common::rounded_words;
use crate::prelude::*;
use nalgebra::dmatrix;

pub use mathlings_bindings::p2_linalg::s2_5_markov_stationary::Impl;

/// |πP − π| and |π − π_ref| per entry: every generated pᵢⱼ ≥ 0.05/1.05·n⁻¹, so M is well
/// conditioned (κ ≲ 1e3) and elimination is accurate to ~1e-13; 1e-10 leaves 3 digits of slack.
const STATIONARY: f64 = 1e-10;
/// |Σπᵢ − 1|: the normalisation is one of the equations solved, exact to rounding.
const SUM: f64 = 1e-12;

fn call(p: &DMatrix<f64>) -> String {
    format!("stationary_distribution(&{})", show::matrix(p))
}

/// Random row-stochastic matrices with every entry > 0 (one closed class, aperiodic).
fn stochastic_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (1..=6usize).prop_flat_map(|n| {
        proptest::collection::vec(0.0..1.0f64, n * n).prop_map(move |w| {
            let mut p = DMatrix::from_row_slice(n, n, &w).add_scalar(0.05);
            for mut row in p.row_iter_mut() {
                let total = row.sum();
                row /= total;
            }
            p
        })
    })
}

/// Random row-stochastic matrices with exact zeros (about a third of the transitions are
/// impossible; a state with no way out stays put), whose stationary distribution is
/// unique and well posed: σ_min(M) ≥ 1e-3 for M = Pᵀ − I with its last row set to ones.
/// Zeros in P are zeros in M, so a pivot search or zero-pivot test that reads the
/// transposed entry of M lands on a zero and calls a regular system singular.
fn sparse_stochastic_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (2..=6usize)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(0.05..1.05f64, n * n),
                proptest::collection::vec(0..3u8, n * n),
            )
                .prop_map(move |(w, dice)| {
                    let mut p = DMatrix::from_fn(n, n, |i, j| {
                        if dice[i * n + j] == 0 { 0.0 } else { w[i * n + j] }
                    });
                    for (i, mut row) in p.row_iter_mut().enumerate() {
                        if row.sum() == 0.0 {
                            row[i] = 1.0;
                        }
                        let total = row.sum();
                        row /= total;
                    }
                    p
                })
        })
        .prop_filter("a unique, well-posed π", |p| {
            let n = p.nrows();
            let mut m = p.transpose() - DMatrix::<f64>::identity(n, n);
            m.row_mut(n - 1).fill(1.0);
            m.singular_values().min() >= 1e-3
        })
}

/// `got` within [`STATIONARY`] of `want`, entry by entry.
fn close_to(got: &Result<DVector<f64>, LinalgError>, want: &[f64]) -> Verdict {
    let got = got.clone().map(|v| v.iter().copied().collect());
    expect::all_close(&got, want, Tol { rel: 0.0, abs: STATIONARY })
}

/// The learner's π for P is a distribution fixed by P.
fn is_stationary(imp: &Impl, p: &DMatrix<f64>) -> Verdict {
    let (got, n) = (&(imp.stationary_distribution)(p), p.nrows());
    let Ok(pi) = got else {
        return expect::fail(
            show::outcome(got),
            "Ok(π) — this chain has a unique stationary distribution",
        );
    };
    expect::that(pi.len() == n, show::outcome(got), format!("a vector of length {n}"))?;
    let moved = (pi.transpose() * p - pi.transpose()).amax();
    let sum = pi.sum();
    expect::that(
        moved <= STATIONARY && (sum - 1.0).abs() <= SUM && pi.iter().all(|&x| x >= -STATIONARY),
        format!(
            "{} with max|πP − π| = {} and Σπ = {}",
            show::outcome(got),
            show::rounded(moved, 3),
            show::float(sum)
        ),
        format!("πP = π (± {STATIONARY:e}), Σπ = 1 (± {SUM:e}), π ≥ 0"),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_5_markov_stationary",
        properties: vec![
            Property::named("is_stationary", 3)
                .description("π is a probability vector (π ≥ 0, Σπ = 1) fixed by one step: πP = π, on random chains n ≤ 6")
                .check(|imp, ctx| {
                    ctx.forall(stochastic_matrix(), call, |p| is_stationary(imp, p))
                }),
            Property::named("matches_reference", 2)
                .description("π equals the reference stationary distribution (to 1e-10 per entry)")
                .check(|imp, ctx| {
                    ctx.forall(stochastic_matrix(), call, |p| {
                        let want = mathlings_linalg::stationary_distribution(p)
                            .expect("reference stationary distribution");
                        close_to(&(imp.stationary_distribution)(p), want.as_slice())
                    })
                }),
            Property::named("row_convention", 1)
                .description("pᵢⱼ is the probability of going from i TO j: [[0.9, 0.1], [0.5, 0.5]] gives π = [5/6, 1/6]")
                .check(|imp, ctx| {
                    let p = square(&[0.9, 0.1, 0.5, 0.5]);
                    ctx.once(&call(&p), || {
                        close_to(&(imp.stationary_distribution)(&p), &[5.0 / 6.0, 1.0 / 6.0])
                    })
                }),
            Property::named("periodic_chain", 1)
                .description("periodic chains, where π ← πP cycles forever, still get their stationary distribution ([[0, 1], [1, 0]] → [½, ½])")
                .check(|imp, ctx| {
                    let cases = [
                        (dmatrix![0.0, 1.0; 1.0, 0.0], vec![0.5, 0.5]),
                        (
                            dmatrix![0.0, 0.5, 0.5; 1.0, 0.0, 0.0; 1.0, 0.0, 0.0],
                            vec![0.5, 0.25, 0.25],
                        ),
                        (dmatrix![0.0, 1.0, 0.0; 0.0, 0.0, 1.0; 1.0, 0.0, 0.0], vec![1.0 / 3.0; 3]),
                    ];
                    cases.iter().try_for_each(|(p, want)| {
                        ctx.once(&call(p), || close_to(&(imp.stationary_distribution)(p), want))
                    })
                }),
            Property::named("sparse_chains", 1)
                .description("chains with impossible transitions (exact zeros in P, so the elimination needs row swaps), e.g. one whose state 0 absorbs everything (π = (1, 0, 0, 0)), get their stationary distribution")
                .check(|imp, ctx| {
                    // State 0 absorbs everything: π = (1, 0, 0, 0). After the first step the
                    // pivot column holds −½, ½ and 0 while row 1 holds a 0 and ½ beside the
                    // diagonal: a pivot search that compares entries of row k with entries of
                    // column k ([(k, i)] for [(i, k)]) ends on the 0 and reports Singular.
                    let absorbing = dmatrix![1.0, 0.0, 0.0, 0.0; 0.0, 0.5, 0.5, 0.0;
                                             0.5, 0.0, 0.5, 0.0; 0.5, 0.5, 0.0, 0.0];
                    ctx.once(&call(&absorbing), || is_stationary(imp, &absorbing))?;
                    ctx.forall(sparse_stochastic_matrix(), call, |p| is_stationary(imp, p))
                }),
            Property::named("singular_threshold", 1)
                .description("a pivot exactly at n·ε·max|mᵢⱼ| counts as zero: [[1 − ε, ε], [ε, 1 − ε]] (second pivot 2ε = the threshold) is Singular, [[1 − 2ε, 2ε], [2ε, 1 − 2ε]] (pivot 4ε) gives [½, ½]")
                // Catches `|pivot| < threshold` for the documented `≤`. M = [[−a, b], [1, 1]]
                // (max|mᵢⱼ| = 1): partial pivoting takes the row of ones first, and the
                // second pivot is exactly a + b; every value here is exact in binary.
                .check(|imp, ctx| {
                    let eps = f64::EPSILON;
                    let p = square(&[1.0 - eps, eps, eps, 1.0 - eps]);
                    ctx.once(&call(&p), || {
                        let got = (imp.stationary_distribution)(&p);
                        expect::that(
                            matches!(got, Err(LinalgError::Singular)),
                            show::outcome(&got),
                            "Err(LinalgError::Singular): the second pivot, a + b = 2ε, equals n·ε·max|mᵢⱼ| = 2ε, and a pivot ≤ that counts as zero",
                        )
                    })?;
                    let d = 2.0 * eps;
 let p = square(&[1.0 - d, d, d, 1.0 - d]);
                    ctx.once(&call(&p), || is_stationary(imp, &p))
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square or non-finite matrix, a negative entry or a row not summing to 1, and a chain with two closed classes (no unique π) give the typed error")
                .check(|imp, ctx| {
                    let reducible = dmatrix![0.5, 0.5, 0.0, 0.0; 0.25, 0.75, 0.0, 0.0;
                                             0.0, 0.0, 0.5, 0.5; 0.0, 0.0, 1.0, 0.0];
                    rejects!(ctx, |p| call(p) => (imp.stationary_distribution)(p), shown show::outcome;
                        (&DMatrix::zeros(0, 0)) => LinalgError::Empty,
                        (&DMatrix::from_row_slice(2, 3, &[0.5, 0.5, 0.0, 0.5, 0.5, 0.0])) => LinalgError::NotSquare { rows: 2, cols: 3 },
                        (&square(&[f64::NAN, 0.5, 0.5, 0.5])) => LinalgError::NonFinite,
                        (&square(&[-0.1, 1.1, 0.5, 0.5])) => LinalgError::InvalidParameter { name: "p", .. },
                        (&square(&[0.9, 0.2, 0.5, 0.5])) => LinalgError::InvalidParameter { name: "p", .. },
                        (&square(&[1.0, 0.0, 0.0, 1.0])) => LinalgError::Singular,
                        (&reducible) => LinalgError::Singular,
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("column_convention")
                .explanation("You solved P π = π (π as a column, a RIGHT eigenvector of P). For a row-stochastic P \
                    that eigenvector is always the constant vector — every row sums to 1 — so you get the uniform \
                    distribution whatever the chain. A distribution is a row vector that moves by π ← πP, so the \
                    condition is πP = π, i.e. Pᵀ πᵀ = πᵀ: build the system from Pᵀ − I, not P − I.")
                .implementation(Impl { stationary_distribution: column_convention }),
            Misconception::named("iterates_pi_p")
                .explanation("You iterate π ← πP until it stops moving. That converges for aperiodic chains, but a \
                    periodic chain (one that alternates between groups of states, like [[0, 1], [1, 0]] started \
                    from [1, 0]) cycles forever and you return wherever the last step landed. Solve the linear \
                    system (Pᵀ − I)π = 0 with Σπ = 1 instead: it does not care about periodicity.")
                .implementation(Impl { stationary_distribution: iterates_pi_p }),
        ],
        probe: |imp| {
            let describe = |p: &DMatrix<f64>| {
                or_error((imp.stationary_distribution)(p), |v| rounded_words(&v))
            };
            vec![
                describe(&square(&[0.9, 0.1, 0.5, 0.5])),
                describe(&square(&[0.0, 0.5, 0.5, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0])),
            ]
        },
    }
}

/// The reference's input checks: its errors other than `Singular`.
fn validate(p: &DMatrix<f64>) -> Result<(), LinalgError> {
    match mathlings_linalg::stationary_distribution(p) {
        Err(e) if e != LinalgError::Singular => Err(e),
        _ => Ok(()),
    }
}

/// Solves (P − I) π = 0 with Σπ = 1: the right eigenvector (column convention).
fn column_convention(p: &DMatrix<f64>) -> Result<DVector<f64>, LinalgError> {
    validate(p)?;
    let n = p.nrows();
    let mut m = p - DMatrix::<f64>::identity(n, n);
    m.row_mut(n - 1).fill(1.0);
    let e = DVector::from_fn(n, |i, _| if i == n - 1 { 1.0 } else { 0.0 });
    // The checks may use nalgebra's solver: this is a wrong answer, not a reference.
    m.lu().solve(&e).ok_or(LinalgError::Singular)
}

/// π ← πP from the first state until the change is ≤ 1e-15, at most 10 000 steps; returns
/// the last iterate either way.
fn iterates_pi_p(p: &DMatrix<f64>) -> Result<DVector<f64>, LinalgError> {
    validate(p)?;
    let n = p.nrows();
    let mut pi = DVector::from_fn(n, |i, _| if i == 0 { 1.0 } else { 0.0 });
    for _ in 0..10_000 {
        let next = (pi.transpose() * p).transpose();
        let change = (&next - &pi).amax();
        pi = next;
        if change <= 1e-15 {
            break;
        }
    }
    Ok(pi)
}
