//! Checks for 3.2 — stable softmax, log-softmax and the softmax Jacobian.

use mathlings_calculus::{CalculusError, log_softmax, softmax, softmax_jacobian};

use super::common::{self, rounded_list_or_debug};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_2_softmax::{Impl, JacobianFn, VectorFn};

/// Probabilities (each in [0, 1]) computed by any stable method differ from the reference
/// only in the rounding of n ≤ 8 exponentials, a sum and a division: a few ε relative;
/// 1e-12 relative leaves ample room, 1e-15 absolute forgives values that underflow.
const PROBABILITY: Tol = Tol { rel: 1e-12, abs: 1e-15 };
/// Log-probabilities of scores |zᵢ| ≤ 30: a stable method rounds zᵢ − m (≤ 60) and the
/// log-sum, an absolute error of a few ε·60 ≈ 1e-14; 1e-12 absolute leaves room.
const LOG_PROBABILITY: Tol = Tol { rel: 1e-12, abs: 1e-12 };
/// Jacobian entries sᵢ(δᵢⱼ − sⱼ) lie in [−¼, ¼]; the diagonal sᵢ − sᵢ² may cancel, so its
/// error is a few ε absolute: 1e-14 absolute.
const JACOBIAN: Tol = Tol { rel: 1e-12, abs: 1e-14 };
/// Σ sᵢ = 1 up to the rounding of n ≤ 8 divisions and additions: ≤ 2n·ε ≈ 4e-15.
const SUM: f64 = 1e-14;
/// Row sums of J: sᵢ(1 − Σⱼ sⱼ) plus the rounding of n products, ≤ 2n·ε·sᵢ; 1e-14.
const ROW_SUM: f64 = 1e-14;
/// The answers at ±1000 are exact numbers (0, 1, ½, −1000, ln 2 …): 2 ulps of room for the
/// rounding of ln 2 and of −2000 − ln 2; 1e-300 absolute accepts an underflowed subnormal.
const EXTREME: Tol = Tol { rel: 4.5e-16, abs: 1e-300 };
/// Central differences of softmax at h = 1e-5 for |zᵢ| ≤ 5: truncation h²/6·|s‴| ≲ 2e-11
/// (|s‴| ≤ 1) plus round-off ε/h ≈ 2e-11; 1e-8 is generous and still rejects a Jacobian
/// with a wrong or missing term (entries of size ≥ 1e-3).
const DIFFERENCE: Tol = Tol { rel: 1e-8, abs: 1e-8 };
/// The step of the central differences (≈ ε^(1/3), the best step for central differences).
const H: f64 = 1e-5;

fn call(name: &str, z: &[f64]) -> String {
    format!("{name}({})", show::floats(z))
}

/// Scores k/16 with |zᵢ| ≤ 30 (exactly representable, so z + c is exact for integer c).
fn logits(
    len: std::ops::RangeInclusive<usize>,
    bound: i32,
) -> impl Strategy<Value = Vec<f64>> + Clone {
    let score = (-16 * bound..=16 * bound).prop_map(|k| f64::from(k) / 16.0);
    len.prop_flat_map(move |n| proptest::collection::vec(score.clone(), n))
}

fn reference_softmax(z: &[f64]) -> Vec<f64> {
    softmax(z).expect("reference softmax of finite scores")
}

/// The fixed linear class scores of the Iris snapshot: zₖ = μₖ·x − ‖μₖ‖²/2 with the class
/// means μₖ rounded to one decimal (the posterior of isotropic Gaussians with equal priors).
const IRIS_MEANS: [[f64; 4]; 3] =
    [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
/// Rows of the snapshot: the first flower of each species and two known hard cases.
const IRIS_ROWS: [usize; 5] = [0, 50, 70, 100, 133];

fn iris_scores(x: &[f64]) -> Vec<f64> {
    IRIS_MEANS
        .iter()
        .map(|mu| {
            let dot: f64 = mu.iter().zip(x).map(|(a, b)| a * b).sum();
            let norm2: f64 = mu.iter().map(|a| a * a).sum();
            dot - norm2 / 2.0
        })
        .collect()
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_2_softmax",
        properties: vec![
            Property::named("probabilities_sum_to_one", 2)
                .description("for random scores (|zᵢ| ≤ 30, n ≤ 8) every softmax(z)ᵢ lies in [0, 1] and they sum to 1; the exp(log_softmax(z)ᵢ) sum to 1 too (to 1e-14)")
                .check(|imp, ctx| {
                    ctx.forall(logits(1..=8, 30), |z| call("softmax", z), |z| {
                        let (s, n) = ((imp.softmax)(z), z.len());
                        let ok = matches!(&s, Ok(s) if s.len() == n
                            && s.iter().all(|p| (0.0..=1.0).contains(p))
                            && (s.iter().sum::<f64>() - 1.0).abs() <= SUM);
                        let expected = format!("Ok(vec of {n} probabilities in [0, 1] summing to 1 ± {SUM:e})");
                        expect::that(ok, show::result(&s), expected)?;
                        let l = (imp.log_softmax)(z);
                        let ok = matches!(&l, Ok(l) if l.len() == n
                            && (l.iter().map(|v| v.exp()).sum::<f64>() - 1.0).abs() <= SUM);
                        let shown = format!("{} from {}", show::result(&l), call("log_softmax", z));
                        let expected = format!("Ok(vec of {n} log-probabilities whose exps sum to 1 ± {SUM:e})");
                        expect::that(ok, shown, expected)
                    })
                }),
            Property::named("shift_invariant", 2)
                .description("adding the same constant c (|c| ≤ 1000) to every score changes neither softmax nor log_softmax")
                .check(|imp, ctx| {
                    let input = (logits(1..=6, 30), -1000i32..=1000);
                    ctx.forall(
                        input,
                        |(z, c)| {
                            let shifted: Vec<f64> = z.iter().map(|v| v + f64::from(*c)).collect();
                            format!("{} vs {}", call("softmax", &shifted), call("softmax", z))
                        },
                        |(z, c)| {
                            let shifted: Vec<f64> = z.iter().map(|v| v + f64::from(*c)).collect();
                            let unshifted = |f: VectorFn, name: &str| {
                                let expected = format!("Ok({name}(z)) for the unshifted scores");
                                f(z).map_err(|e| expect::failure(format!("Err({e:?})"), expected))
                            };
                            let want = unshifted(imp.softmax, "softmax")?;
                            expect::all_close(&(imp.softmax)(&shifted), &want, PROBABILITY)?;
                            let want = unshifted(imp.log_softmax, "log_softmax")?;
                            let versus = format!("{} vs {}", call("log_softmax", &shifted), call("log_softmax", z));
                            expect::all_close(&(imp.log_softmax)(&shifted), &want, LOG_PROBABILITY)
                                .map_err(|f| Failure { call: versus, ..f })
                        },
                    )
                }),
            Property::named("extreme_logits", 2)
                .description("scores of ±1000 give finite, exact answers: softmax(&[1000.0, 0.0]) = [1, 0], log_softmax(&[0.0, -1000.0]) = [0, −1000], softmax(&[-1000.0, -1000.0]) = [½, ½], …")
                .check(|imp, ctx| {
                    let ln2 = std::f64::consts::LN_2;
                    let softmax_cases: [(&[f64], &[f64]); 3] = [
                        (&[1000.0, 0.0], &[1.0, 0.0]),
                        (&[-1000.0, -1000.0], &[0.5, 0.5]),
                        (&[1000.0, 1000.0, -1000.0], &[0.5, 0.5, 0.0]),
                    ];
                    common::each_case(ctx, &softmax_cases, |z| call("softmax", z), |z, want| {
                        expect::all_close(&(imp.softmax)(z), want, EXTREME)
                    })?;
                    let log_cases: [(&[f64], &[f64]); 3] = [
                        (&[1000.0, 0.0], &[0.0, -1000.0]),
                        (&[0.0, -1000.0], &[0.0, -1000.0]),
                        (&[1000.0, 1000.0, -1000.0], &[-ln2, -ln2, -2000.0 - ln2]),
                    ];
                    common::each_case(ctx, &log_cases, |z| call("log_softmax", z), |z, want| {
                        expect::all_close(&(imp.log_softmax)(z), want, EXTREME)
                    })?;
                    let (zero, quarters) = (DMatrix::zeros(2, 2), common::square(&[0.25, -0.25, -0.25, 0.25]));
                    let jacobian_cases: [(&[f64], &DMatrix<f64>); 2] =
                        [(&[1000.0, 0.0], &zero), (&[-1000.0, -1000.0], &quarters)];
                    common::each_case(ctx, &jacobian_cases, |z| call("softmax_jacobian", z), |z, want| {
                        expect::matrix_close(&(imp.softmax_jacobian)(z), want, EXTREME)
                    })
                }),
            Property::named("matches_reference", 3)
                .description("softmax, log_softmax and softmax_jacobian equal mathlings_calculus::{softmax, log_softmax, softmax_jacobian} on random scores (|zᵢ| ≤ 30, n ≤ 8)")
                .check(|imp, ctx| {
                    ctx.forall(logits(1..=8, 30), |z| call("softmax", z), |z| {
                        expect::all_close(&(imp.softmax)(z), &reference_softmax(z), PROBABILITY)
                    })?;
                    ctx.forall(logits(1..=8, 30), |z| call("log_softmax", z), |z| {
                        let want = log_softmax(z).expect("reference log_softmax");
                        expect::all_close(&(imp.log_softmax)(z), &want, LOG_PROBABILITY)
                    })?;
                    ctx.forall(logits(1..=8, 30), |z| call("softmax_jacobian", z), |z| {
                        let want = softmax_jacobian(z).expect("reference Jacobian");
                        expect::matrix_close(&(imp.softmax_jacobian)(z), &want, JACOBIAN)
                    })
                }),
            Property::named("jacobian_is_derivative", 2)
                .description("column j of softmax_jacobian(z) equals the central difference (softmax(z + h·eⱼ) − softmax(z − h·eⱼ)) / 2h, h = 1e-5 (|zᵢ| ≤ 5, to 1e-8)")
                .check(|imp, ctx| {
                    ctx.forall(logits(1..=6, 5), |z| call("softmax_jacobian", z), |z| {
                        let n = z.len();
                        let mut want = DMatrix::zeros(n, n);
                        for j in 0..n {
                            let (mut plus, mut minus) = (z.to_vec(), z.to_vec());
                            plus[j] += H;
                            minus[j] -= H;
                            let (sp, sm) = (reference_softmax(&plus), reference_softmax(&minus));
                            for i in 0..n {
                                want[(i, j)] = (sp[i] - sm[i]) / (2.0 * H);
                            }
                        }
                        expect::matrix_close(&(imp.softmax_jacobian)(z), &want, DIFFERENCE)
                    })
                }),
            Property::named("jacobian_rows_sum_to_zero", 1)
                .description("every row of softmax_jacobian(z) sums to 0 (the probabilities always sum to 1) and the matrix is symmetric (|zᵢ| ≤ 30, n ≤ 8)")
                .check(|imp, ctx| {
                    ctx.forall(logits(1..=8, 30), |z| call("softmax_jacobian", z), |z| {
                        let (got, n) = ((imp.softmax_jacobian)(z), z.len());
                        let shown = show::outcome(&got);
                        let Ok(j) = &got else {
                            return expect::fail(shown, "Ok(an n×n matrix)");
                        };
                        expect::that(j.shape() == (n, n), &shown, format!("Ok(a {n}×{n} matrix)"))?;
                        let sums: Vec<f64> = j.row_iter().map(|r| r.sum()).collect();
                        let with_sums = format!("{shown} with row sums {}", show::floats(&sums));
                        let expected = format!("rows summing to 0 (± {ROW_SUM:e})");
                        expect::that(sums.iter().all(|s| s.abs() <= ROW_SUM), with_sums, expected)?;
                        let asymmetry = (j - j.transpose()).abs().max();
                        let with_asymmetry = format!("{shown} with max |Jᵢⱼ − Jⱼᵢ| = {}", show::float(asymmetry));
                        let expected = format!("a symmetric matrix (Jᵢⱼ = Jⱼᵢ ± {:e})", JACOBIAN.abs);
                        expect::that(asymmetry <= JACOBIAN.abs, with_asymmetry, expected)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty z gives CalculusError::Empty and a NaN or ±∞ score CalculusError::NonFinite, in all three functions, never a panic")
                .check(|imp, ctx| {
                    for (name, f) in [("softmax", imp.softmax), ("log_softmax", imp.log_softmax)] {
                        rejects!(ctx, |z| call(name, z) => f(z);
                            (&[]) => CalculusError::Empty,
                            (&[1.0, f64::NAN]) => CalculusError::NonFinite,
                            (&[f64::INFINITY, 0.0]) => CalculusError::NonFinite,
                            (&[0.0, f64::NEG_INFINITY]) => CalculusError::NonFinite,
                        )?;
                    }
                    rejects!(ctx, |z| call("softmax_jacobian", z) => (imp.softmax_jacobian)(z);
                        (&[]) => CalculusError::Empty,
                        (&[1.0, f64::NAN]) => CalculusError::NonFinite,
                        (&[f64::INFINITY, 0.0]) => CalculusError::NonFinite,
                        (&[0.0, f64::NEG_INFINITY]) => CalculusError::NonFinite,
                    )
                }),
            Property::named("iris_class_probabilities", 1)
                .description("softmax and log_softmax of fixed linear class scores zₖ = μₖ·x − ‖μₖ‖²/2 for five Iris flowers match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "softmax(&scores) and log_softmax(&scores) with scores[k] = μₖ·x − ‖μₖ‖²/2 for iris rows [0, 50, 70, 100, 133]";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let mut text = String::from(
                            "row species: scores → softmax | log_softmax (classes setosa, versicolor, virginica)\n",
                        );
                        for row in IRIS_ROWS {
                            let x: Vec<f64> = iris.features.row(row).iter().copied().collect();
                            let z = iris_scores(&x);
                            let species = iris.species_names[iris.species[row]];
                            let [s, l] = [imp.softmax, imp.log_softmax].map(|f| rounded_list_or_debug(&f(&z), 6));
                            text += &format!("{row} {species}: [{:.3}, {:.3}, {:.3}] → {s} | {l}\n", z[0], z[1], z[2]);
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("exp_overflow")
                .explanation("You exponentiate the raw scores: exp(1000) is +∞ in f64 (and exp(−1000) is 0), so \
                    you get ∞/∞ or 0/0 = NaN for large scores. Softmax does not change when the same constant \
                    is added to every score, so subtract the largest score m first: exp(zᵢ − m) ≤ 1 never \
                    overflows, and the largest term is exactly 1, so the sum is never 0. Same for log_softmax: \
                    zᵢ − m − ln Σⱼ exp(zⱼ − m).")
                .implementation(Impl {
                    softmax: naive_softmax,
                    log_softmax: |z| {
                        softmax(z)?;
                        let log_sum = z.iter().map(|v| v.exp()).sum::<f64>().ln();
                        Ok(z.iter().map(|v| v - log_sum).collect())
                    },
                    softmax_jacobian: |z| Ok(jacobian_from(&naive_softmax(z)?, true, true)),
                }),
            Misconception::named("log_of_softmax")
                .explanation("Your log_softmax takes ln of softmax(z). A probability like e^(−1000) underflows \
                    to 0 and ln 0 = −∞, although the log-probability −1000 is a perfectly ordinary number. \
                    Compute it directly from the scores: log_softmax(z)ᵢ = zᵢ − m − ln Σⱼ exp(zⱼ − m), with m \
                    the largest score.")
                .implementation(Impl {
                    softmax,
                    log_softmax: |z| Ok(softmax(z)?.iter().map(|s| s.ln()).collect()),
                    softmax_jacobian,
                }),
            Misconception::named("jacobian_missing_diagonal")
                .explanation("Your Jacobian is −s sᵀ: it forgets that sᵢ also depends on zᵢ through its own \
                    numerator exp(zᵢ). By the quotient rule ∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ), so J = diag(s) − s sᵀ: \
                    add sᵢ on the diagonal. (Check: each row must sum to 0, since Σ sᵢ = 1 always.)")
                .implementation(Impl {
                    softmax,
                    log_softmax,
                    softmax_jacobian: |z| Ok(jacobian_from(&softmax(z)?, false, true)),
                }),
            Misconception::named("jacobian_diagonal_only")
                .explanation("Your Jacobian is diagonal, diag(sᵢ(1 − sᵢ)), as if softmax acted on each score \
                    separately like the logistic function. But every sᵢ shares the denominator Σⱼ exp(zⱼ), so \
                    raising zⱼ lowers all the other probabilities: ∂sᵢ/∂zⱼ = −sᵢsⱼ for i ≠ j, i.e. J = \
                    diag(s) − s sᵀ.")
                .implementation(Impl {
                    softmax,
                    log_softmax,
                    softmax_jacobian: |z| Ok(jacobian_from(&softmax(z)?, true, false)),
                }),
        ],
        probe: |imp| {
            let jacobian = (imp.softmax_jacobian)(&[0.0, 1.0, 2.0]).map(|j| j.as_slice().to_vec());
            vec![
                rounded_list_or_debug(&(imp.softmax)(&[1000.0, 0.0]), 6),
                rounded_list_or_debug(&(imp.log_softmax)(&[0.0, -1000.0]), 6),
                rounded_list_or_debug(&jacobian, 6),
            ]
        },
    }
}

/// diag(s) − s sᵀ with the diagonal or the off-diagonal terms left out.
fn jacobian_from(s: &[f64], diagonal: bool, off_diagonal: bool) -> DMatrix<f64> {
    let n = s.len();
    DMatrix::from_fn(n, n, |i, j| {
        let d = if i == j && diagonal { s[i] } else { 0.0 };
        let o = if i == j || off_diagonal { s[i] * s[j] } else { 0.0 };
        d - o
    })
}

/// exp(zᵢ) / Σ exp(zⱼ), without subtracting the maximum (input checked by the reference).
fn naive_softmax(z: &[f64]) -> Result<Vec<f64>, CalculusError> {
    softmax(z)?;
    let exps: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let sum: f64 = exps.iter().sum();
    Ok(exps.iter().map(|e| e / sum).collect())
}
