//! Checks for 1.9 — binary cross-entropy from logits, computed stably.

use mathlings_stats::StatsError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_9_cross_entropy_logits::Impl;

/// The stable form has a few ulps of error per term; the mean of ≤ 30 terms of size ≤ 1e3 is
/// exact to ~1e-13 absolute. 1e-10 relative + 1e-12 absolute accepts any stable evaluation and
/// rejects sigmoid-then-log, which loses ~ε·e^|z| (≥ 1e-6 relative) once |z| ≳ 20.
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-12 };

fn call(logits: &[f64], labels: &[f64]) -> String {
    format!("binary_cross_entropy_with_logits({}, {})", show::floats(logits), show::floats(labels))
}

/// A logit: an integer in [−40, 40] (shrinks to readable values) or any value in [−40, 40].
fn logit() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![(-40i32..=40).prop_map(f64::from), -40.0..40.0f64]
}

/// A label: 0 or 1 (hard) or a soft label in [0, 1].
fn label() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![2 => (0..=1u32).prop_map(f64::from), 1 => 0.0..=1.0f64]
}

/// n ∈ `lengths` logits drawn from `z` and as many labels from `y`.
fn pairs(
    lengths: std::ops::Range<usize>,
    z: impl Strategy<Value = f64> + Clone,
    y: impl Strategy<Value = f64> + Clone,
) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    use proptest::collection::vec;
    lengths.prop_flat_map(move |n| (vec(z.clone(), n), vec(y.clone(), n)))
}

/// The loss on (z, y) equals the reference's (to AGREE).
fn agrees(imp: &Impl, z: &[f64], y: &[f64]) -> Verdict {
    let got = (imp.binary_cross_entropy_with_logits)(z, y);
    let want = mathlings_stats::binary_cross_entropy_with_logits(z, y).expect("reference");
    expect::close(&got, want, AGREE)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_9_cross_entropy_logits",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("equals the mean of −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))], as in the reference crate (to 1e-10 relative), for logits in [−40, 40]")
                .check(|imp, ctx| {
                    let input = pairs(1..30, logit(), label());
                    ctx.forall(input, |(z, y)| call(z, y), |(z, y)| agrees(imp, z, y))
                }),
            Property::named("non_negative", 1)
                .description("with hard labels (0 or 1) the cross-entropy is a negative log of a probability, so ≥ 0")
                .check(|imp, ctx| {
                    let hard = pairs(1..30, logit(), (0..=1u32).prop_map(f64::from));
                    ctx.forall(
                        hard,
                        |(z, y)| call(z, y),
                        |(z, y)| {
                            let got = (imp.binary_cross_entropy_with_logits)(z, y);
                            expect::that(
                                matches!(got, Ok(v) if v >= 0.0),
                                show::float_result(&got),
                                "Ok(a value ≥ 0)",
                            )
                        },
                    )
                }),
            Property::named("finite_at_extreme_logits", 2)
                .description("logits of ±1000 give the exact, finite loss (0 when confidently right, 1000 when confidently wrong), never NaN or ∞")
                .check(|imp, ctx| {
                    let cases: [(&[f64], &[f64]); 6] = [
                        (&[1000.0], &[1.0]),
                        (&[-1000.0], &[0.0]),
                        (&[1000.0], &[0.0]),
                        (&[-1000.0], &[1.0]),
                        (&[1000.0, -1000.0], &[0.5, 0.5]),
                        (&[1000.0, -1000.0, 3.0], &[1.0, 0.0, 1.0]),
                    ];
                    for (z, y) in cases {
                        ctx.once(&call(z, y), || agrees(imp, z, y))?;
                    }
                    let z = prop_oneof![Just(-1000.0), Just(1000.0), -1000.0..1000.0f64];
                    let extreme = pairs(1..10, z, label());
                    ctx.forall(extreme, |(z, y)| call(z, y), |(z, y)| agrees(imp, z, y))
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or mismatched slices, NaN/±∞ values and labels outside [0, 1] give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |z, y| call(z, y) => (imp.binary_cross_entropy_with_logits)(z, y);
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[], &[1.0]) => StatsError::EmptyInput,
                        (&[0.5], &[]) => StatsError::EmptyInput,
                        (&[0.5, f64::NAN], &[1.0, 0.0]) => StatsError::NonFinite,
                        (&[f64::INFINITY], &[1.0]) => StatsError::NonFinite,
                        (&[0.5, 1.0], &[1.0]) => StatsError::LengthMismatch { left: 2, right: 1 },
                        (&[0.5], &[2.0]) => StatsError::InvalidParameter { name: "labels", .. },
                        (&[0.5], &[-0.5]) => StatsError::InvalidParameter { name: "labels", .. },
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("on Iris versicolor (0) vs virginica (1), with logits z = 2·(petal length − 4.8) and z = 200·(petal length − 4.8), the loss matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "binary_cross_entropy_with_logits(&z, &y), y = 1 for virginica, 0 for versicolor, \
                        z = k·(petal length − 4.8) for k = 2 and k = 200";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let (mut lengths, mut y) = (Vec::new(), Vec::new());
                        for (i, &s) in iris.species.iter().enumerate() {
                            if s > 0 {
                                lengths.push(iris.features[(i, 2)]);
                                y.push(if s == 2 { 1.0 } else { 0.0 });
                            }
                        }
                        let mut text = String::new();
                        for k in [2.0, 200.0] {
                            let z: Vec<f64> = lengths.iter().map(|l| k * (l - 4.8)).collect();
                            let line = show::rounded_result(
                                &(imp.binary_cross_entropy_with_logits)(&z, &y),
                                10,
                            );
                            text += &format!("k = {k}: BCE = {line}\n");
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("sigmoid_then_log")
                .explanation("You compute p = σ(z) and then −[y·ln p + (1 − y)·ln(1 − p)]. For large |z|, p rounds \
                    to exactly 0 or 1, ln 0 = −∞ and 0·(−∞) = NaN; even at z = 30, 1 − p keeps only a few \
                    correct digits. Rewrite the loss in z: max(z, 0) − z·y + ln(1 + e^(−|z|)).")
                .implementation(Impl {
                    binary_cross_entropy_with_logits: |z, y| {
                        let total = terms(z, y, |z, y| {
                            let p = 1.0 / (1.0 + (-z).exp());
                            -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
                        })?;
                        Ok(total / z.len() as f64)
                    },
                }),
            Misconception::named("unshifted_softplus")
                .explanation("You use ln(1 + e^z) − z·y. It is the right formula, but e^z overflows to ∞ for \
                    z > 709. Shift by max(z, 0): ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)), where the \
                    exponent is never positive.")
                .implementation(Impl {
                    binary_cross_entropy_with_logits: |z, y| {
                        Ok(terms(z, y, |z, y| z.exp().ln_1p() - z * y)? / z.len() as f64)
                    },
                }),
            Misconception::named("sum_not_mean")
                .explanation("Your loss is the sum over the observations; this function returns the mean: \
                    divide by n.")
                .implementation(Impl {
                    binary_cross_entropy_with_logits: |z, y| {
                        terms(z, y, |z, y| z.max(0.0) - z * y + (-z.abs()).exp().ln_1p())
                    },
                }),
        ],
        probe: |imp| {
            let show = |r: Result<f64, StatsError>| match r {
                Ok(v) if v.is_nan() => "NaN".to_string(),
                Ok(v) if v.is_infinite() => "infinite".to_string(),
                Ok(v) => show::rounded(v, 8),
                Err(e) => format!("{e:?}"),
            };
            vec![
                show((imp.binary_cross_entropy_with_logits)(&[0.5, -1.2], &[1.0, 0.0])),
                show((imp.binary_cross_entropy_with_logits)(&[1000.0], &[1.0])),
            ]
        },
    }
}

/// Σ term(zᵢ, yᵢ), for arguments the reference accepts.
fn terms(logits: &[f64], labels: &[f64], term: fn(f64, f64) -> f64) -> Result<f64, StatsError> {
    mathlings_stats::binary_cross_entropy_with_logits(logits, labels)?;
    Ok(logits.iter().zip(labels).map(|(&z, &y)| term(z, y)).sum())
}
