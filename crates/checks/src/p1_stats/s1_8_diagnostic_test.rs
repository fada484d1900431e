//! Checks for 1.8 — the diagnostic test (base-rate problem).

use mathlings_stats::StatsError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_8_diagnostic_test::Impl;

/// Two products, a sum of two non-negative terms and a quotient: ≤ 4 roundings, so a few
/// ulps of relative error; 1e-12 (plus 1e-15 absolute for answers near 0) leaves a wide
/// margin and rejects every wrong formula (off by ≥ 1e-3 on these inputs).
const AGREE: Tol = Tol { rel: 1e-12, abs: 1e-15 };
/// Evidence P(+) or P(−) below this is treated as "nearly impossible" and not generated, so
/// that the answer is not a ratio of two rounding errors.
const MIN_EVIDENCE: f64 = 1e-6;

/// Either function: P(disease | ±) from (prevalence, sensitivity, specificity).
type Posterior = fn(f64, f64, f64) -> Result<f64, StatsError>;

fn call(name: &str, (prev, sens, spec): (f64, f64, f64)) -> String {
    format!("{name}({}, {}, {})", show::float(prev), show::float(sens), show::float(spec))
}

fn positive_call(args: &(f64, f64, f64)) -> String {
    call("p_disease_given_positive", *args)
}

fn negative_call(args: &(f64, f64, f64)) -> String {
    call("p_disease_given_negative", *args)
}

/// A probability: a whole percentage (shrinks to readable values) or any value in [0, 1].
fn probability() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![(0..=100u32).prop_map(|v| f64::from(v) / 100.0), 0.0..=1.0f64]
}

fn triple() -> impl Strategy<Value = (f64, f64, f64)> + Clone {
    (probability(), probability(), probability())
}

fn p_positive((prev, sens, spec): (f64, f64, f64)) -> f64 {
    sens * prev + (1.0 - spec) * (1.0 - prev)
}

fn p_negative((prev, sens, spec): (f64, f64, f64)) -> f64 {
    (1.0 - sens) * prev + spec * (1.0 - prev)
}

/// `posterior(prev, sens, spec)` (either function) is within AGREE of `want`.
fn gives(posterior: Posterior, (prev, sens, spec): (f64, f64, f64), want: f64) -> Verdict {
    expect::close(&posterior(prev, sens, spec), want, AGREE)
}

fn reference_negative((prev, sens, spec): (f64, f64, f64)) -> f64 {
    mathlings_stats::discrete_posterior(&[prev, 1.0 - prev], &[1.0 - sens, spec])
        .expect("reference posterior")[0]
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_8_diagnostic_test",
        properties: vec![
            Property::named("positive_matches_reference", 3)
                .description("P(disease | +) = sens·prev / (sens·prev + (1 − spec)(1 − prev)), as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    let input =
                        triple().prop_filter("P(+) not ≈ 0", |t| p_positive(*t) >= MIN_EVIDENCE);
                    ctx.forall(input, positive_call, |&t| {
                        let want = mathlings_stats::diagnostic_posterior(t.0, t.1, t.2);
                        gives(imp.p_disease_given_positive, t, want.expect("reference"))
                    })
                }),
            Property::named("negative_matches_reference", 2)
                .description("P(disease | −) = (1 − sens)·prev / ((1 − sens)·prev + spec·(1 − prev)), as the reference posterior (to 1e-12)")
                .check(|imp, ctx| {
                    let input = triple()
                        .prop_filter("P(−) not ≈ 0", |t| p_negative(*t) >= MIN_EVIDENCE);
                    ctx.forall(input, negative_call, |&t| {
                        gives(imp.p_disease_given_negative, t, reference_negative(t))
                    })
                }),
            Property::named("base_rate_example", 2)
                .description("1% prevalence, 99% sensitivity, 95% specificity: a positive test means only ≈ 16.7% (0.0099/0.0594), a negative one ≈ 0.0106%")
                .check(|imp, ctx| {
                    let (pos, neg) = (imp.p_disease_given_positive, imp.p_disease_given_negative);
                    let t = (0.01, 0.99, 0.95);
                    ctx.once(&positive_call(&t), || gives(pos, t, 0.0099 / 0.0594))?;
                    ctx.once(&negative_call(&t), || gives(neg, t, 0.0001 / 0.9406))
                }),
            Property::named("informative_test_moves_belief", 1)
                .description("for a test with sens + spec > 1, P(disease | −) ≤ prevalence ≤ P(disease | +)")
                .check(|imp, ctx| {
                    let input = triple().prop_filter("informative test, evidence not ≈ 0", |t| {
                        t.1 + t.2 > 1.0
                            && p_positive(*t) >= MIN_EVIDENCE
                            && p_negative(*t) >= MIN_EVIDENCE
                    });
                    ctx.forall(
                        input,
                        |t| format!("{} and {}", positive_call(t), negative_call(t)),
                        |&(prev, sens, spec)| {
                            let pos = (imp.p_disease_given_positive)(prev, sens, spec);
                            let neg = (imp.p_disease_given_negative)(prev, sens, spec);
                            let slack = 1e-15;
                            expect::that(
                                matches!((&pos, &neg), (Ok(p), Ok(n)) if *n <= prev + slack && prev <= *p + slack),
                                format!("P(D|+) = {}, P(D|−) = {}", show::float_result(&pos), show::float_result(&neg)),
                                format!("P(D|−) ≤ {} ≤ P(D|+)", show::float(prev)),
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("a NaN or out-of-range argument gives InvalidParameter naming it; an impossible test result gives ZeroProbabilityEvent; never a panic")
                .check(|imp, ctx| {
                    let (pos, neg) = (imp.p_disease_given_positive, imp.p_disease_given_negative);
                    for (i, name) in
                        ["prevalence", "sensitivity", "specificity"].into_iter().enumerate()
                    {
                        let expected =
                            format!("StatsError::InvalidParameter {{ name: {name:?}, .. }}");
                        let named = |e: &StatsError| matches!(e, StatsError::InvalidParameter { name: n, .. } if *n == name);
                        for bad in [f64::NAN, -0.1, 1.1] {
                            let mut a = [0.5, 0.9, 0.8];
                            a[i] = bad;
                            let t = (a[0], a[1], a[2]);
                            for (shown, f) in
                                [(positive_call as fn(&_) -> _, pos), (negative_call, neg)]
                            {
                                ctx.once(&shown(&t), || {
                                    expect::error(&f(t.0, t.1, t.2), named, &expected)
                                })?;
                            }
                        }
                    }
                    rejects!(ctx, |shown, f, t| shown(&t) => f(t.0, t.1, t.2);
                        (positive_call, pos, (0.0, 0.9, 1.0)) => StatsError::ZeroProbabilityEvent,
                        (negative_call, neg, (1.0, 1.0, 0.3)) => StatsError::ZeroProbabilityEvent,
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("returns_sensitivity")
                .explanation("Your P(disease | +) equals the sensitivity P(+ | disease): the two \
                    conditionals are swapped. With a rare disease most positives are false positives \
                    from the large healthy group; Bayes: P(D | +) = sens·prev / (sens·prev + \
                    (1 − spec)(1 − prev)).")
                .implementation(Impl { p_disease_given_positive: returns_sensitivity, ..RIGHT }),
            Misconception::named("ignores_base_rate")
                .explanation("Your answer does not depend on the prevalence: it is sens / (sens + (1 − spec)), \
                    which assumes half the population is ill. Weight each branch by how common it is: \
                    sens·prev for the ill, (1 − spec)(1 − prev) for the healthy.")
                .implementation(Impl { p_disease_given_positive: ignores_base_rate, ..RIGHT }),
            Misconception::named("specificity_as_false_positive_rate")
                .explanation("Your false-positive branch uses spec·(1 − prev). The specificity is \
                    P(− | healthy), the chance a healthy person tests NEGATIVE; the false-positive rate \
                    is 1 − spec.")
                .implementation(Impl {
                    p_disease_given_positive: specificity_as_false_positive_rate,
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let show = |r: Result<f64, StatsError>| show::ok_or_debug(&r, |v| show::rounded(*v, 6));
            vec![
                show((imp.p_disease_given_positive)(0.01, 0.99, 0.95)),
                show((imp.p_disease_given_positive)(0.3, 0.8, 0.9)),
                show((imp.p_disease_given_negative)(0.3, 0.8, 0.9)),
            ]
        },
    }
}

/// The reference implementation (P(D | −) validated by the reference P(D | +)).
const RIGHT: Impl = Impl {
    p_disease_given_positive: mathlings_stats::diagnostic_posterior,
    p_disease_given_negative: |prev, sens, spec| {
        mathlings_stats::diagnostic_posterior(prev, sens, spec)?;
        let evidence = p_negative((prev, sens, spec));
        if evidence <= 0.0 {
            return Err(StatsError::ZeroProbabilityEvent);
        }
        Ok((1.0 - sens) * prev / evidence)
    },
};

fn returns_sensitivity(prev: f64, sens: f64, spec: f64) -> Result<f64, StatsError> {
    mathlings_stats::diagnostic_posterior(prev, sens, spec)?;
    Ok(sens)
}

fn ignores_base_rate(prev: f64, sens: f64, spec: f64) -> Result<f64, StatsError> {
    mathlings_stats::diagnostic_posterior(prev, sens, spec)?;
    Ok(sens / (sens + (1.0 - spec)))
}

fn specificity_as_false_positive_rate(prev: f64, sens: f64, spec: f64) -> Result<f64, StatsError> {
    mathlings_stats::diagnostic_posterior(prev, sens, spec)?;
    Ok(sens * prev / (sens * prev + spec * (1.0 - prev)))
}
