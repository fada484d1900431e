//! Checks for 1.5 — the binomial pmf in log space.

use mathlings_stats::StatsError;

use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_5_binomial_pmf::Impl;

/// n ≤ 60: ln P is a sum of ≤ 60 terms of size ≤ 250, so its absolute error is ≲ 60·ε·250 ≈
/// 3e-12, which exp turns into the same relative error; 1e-9 relative leaves ample slack.
const AGREE: Tol = Tol { rel: 1e-9, abs: 1e-300 };
/// n = 1000: ln-factorial sums of ~1000 terms up to ~6000 err by ≲ 1000·ε·6000 ≈ 1.3e-9 in ln P;
/// 1e-7 relative accepts every log-space method and rejects NaN/∞/0 from overflowing factorials.
const LARGE_N: Tol = Tol { rel: 1e-7, abs: 1e-300 };
/// n = 10⁶ with min(k, n − k) = 3: ln C(n, k) ≈ 40 is a sum of 3 terms and cancels against
/// k·ln p ≈ −38 to ln P ≈ −1.5, so ln P errs by a few ε·40 ≈ 2e-14; 1e-12 relative leaves
/// 50× slack and rejects a sum over all ~10⁶ terms (≈ 2e-11 of rounding).
const FEW_TERMS: Tol = Tol { rel: 1e-12, abs: 0.0 };
/// The n of [`FEW_TERMS`].
const MILLION: u64 = 1_000_000;
/// P(X = 3) for X ~ Binomial(10⁶, 3e-6), exactly (0.2240421437187993587…).
const P_THREE: f64 = 0.224_042_143_718_799_36;
/// Σₖ P(X = k) over n + 1 terms, each with relative error ≲ 1e-11: 1e-9 absolute.
const TOTAL: Tol = Tol { rel: 0.0, abs: 1e-9 };

fn call(k: u64, n: u64, p: f64) -> String {
    format!("binomial_pmf({k}, {n}, {})", show::float(p))
}

/// A success probability, sometimes exactly 0, ½ or 1.
fn probability() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        6 => 0.0..=1.0f64,
        1 => Just(0.5),
        1 => Just(0.0),
        1 => Just(1.0),
    ]
}

/// (k, n, p) with 0 ≤ k ≤ n ≤ 60.
fn triple() -> impl Strategy<Value = (u64, u64, f64)> + Clone {
    (0u64..=60).prop_flat_map(|n| (0..=n, Just(n), probability()))
}

/// binomial_pmf(k, n, p) equals the reference's, to `tol`.
fn agrees(imp: &Impl, (k, n, p): (u64, u64, f64), tol: Tol) -> Verdict {
    let want = mathlings_stats::binomial_pmf(k, n, p).expect("reference pmf");
    expect::close(&(imp.binomial_pmf)(k, n, p), want, tol)
}

/// Σₖ P(X = k) and Σₖ k·P(X = k) over k = 0..=n, or the first failing call.
fn moments(imp: &Impl, n: u64, p: f64) -> Result<(f64, f64), (u64, Result<f64, StatsError>)> {
    let (mut total, mut mean) = (0.0, 0.0);
    for (k, got) in (0..=n).zip(each!(imp.binomial_pmf, (k, n, p) for k in 0..=n)) {
        match got {
            Ok(v) if v.is_finite() => {
                total += v;
                mean += k as f64 * v;
            }
            other => return Err((k, other)),
        }
    }
    Ok((total, mean))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_5_binomial_pmf",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("binomial_pmf(k, n, p) equals C(n, k)·pᵏ·(1 − p)ⁿ⁻ᵏ from the reference for n ≤ 60 (to 1e-9 relative)")
                .check(|imp, ctx| {
                    ctx.forall(triple(), |&(k, n, p)| call(k, n, p), |&t| agrees(imp, t, AGREE))
                }),
            Property::named("sums_to_one_with_mean_np", 2)
                .description("for n ≤ 200 the probabilities of k = 0..=n sum to 1 and their mean Σ k·P(X = k) is n·p")
                .check(|imp, ctx| {
                    ctx.forall(
                        (0u64..=200, probability()),
                        |&(n, p)| {
                            format!("binomial_pmf(k, {n}, {}) for k in 0..={n}", show::float(p))
                        },
                        |&(n, p)| match moments(imp, n, p) {
                            Err((k, got)) => expect::fail(
                                format!("{} = {}", call(k, n, p), show::float_result(&got)),
                                "a finite probability for every k",
                            ),
                            Ok((total, mean)) => {
                                expect::that(
                                    TOTAL.accepts(total, 1.0),
                                    format!("Σ P(X = k) = {}", show::float(total)),
                                    "Σ P(X = k) = 1 (± 1e-9)",
                                )?;
                                let np = n as f64 * p;
                                let tol = Tol { rel: 1e-9, abs: 1e-9 };
                                expect::that(
                                    tol.accepts(mean, np),
                                    format!("Σ k·P(X = k) = {}", show::float(mean)),
                                    format!("n·p = {}", show::float(np)),
                                )
                            }
                        },
                    )
                }),
            Property::named("no_overflow_at_n_1000", 2)
                .description("at n = 1000 every probability is finite and equals the reference (to 1e-7 relative): 1000! overflows, its logarithm does not")
                .check(|imp, ctx| {
                    ctx.once(&call(500, 1000, 0.5), || agrees(imp, (500, 1000, 0.5), LARGE_N))?;
                    ctx.forall(
                        (0u64..=1000, probability()),
                        |&(k, p)| call(k, 1000, p),
                        |&(k, p)| agrees(imp, (k, 1000, p), LARGE_N),
                    )
                }),
            Property::named("few_terms_at_a_million", 1)
                .description("at n = 10⁶, P(X = 3) and P(X = n − 3) (np = 3 and n(1 − p) = 3) equal their exact value to 1e-12 relative: ln C(n, k) sums only m = min(k, n − k) = 3 terms")
                .check(|imp, ctx| {
                    // Catches m = k or m = max(k, n − k): the same C(n, k) by symmetry, but a
                    // sum of ~10⁶ logarithm differences whose rounding piles up to ≈ 2e-11
                    // relative in P (measured), where the stub's 3 terms are exact to ~1e-14.
                    // The reference crate's ln Γ(10⁶ + 1) ≈ 1.3e7 is itself off by ~1e-9, so
                    // the expected value is exact: C(10⁶, 3)·pᵏ·(1 − p)ⁿ⁻ᵏ for the f64 p, in
                    // 60-digit decimal arithmetic (the same to 17 digits for both cases).
                    let n = MILLION;
                    for (k, p) in [(3, 3.0 / n as f64), (n - 3, 1.0 - 3.0 / n as f64)] {
                        ctx.once(&call(k, n, p), || {
                            expect::close(&(imp.binomial_pmf)(k, n, p), P_THREE, FEW_TERMS)
                        })?;
                    }
                    Ok(())
                }),
            Property::named("certain_and_impossible_outcomes", 1)
                .description("k > n has probability 0; with p = 0 only k = 0 happens, with p = 1 only k = n (no 0·ln 0 = NaN)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (0u64..=30, 0u64..=30),
                        |&(k, n)| {
                            format!(
                                "{}, {} and {}",
                                call(k, n, 0.0),
                                call(k, n, 1.0),
                                call(n + 1 + k, n, 0.5)
                            )
                        },
                        |&(k, n)| {
                            let k = k.min(n);
                            let zero = if k == 0 { 1.0 } else { 0.0 };
                            let one = if k == n { 1.0 } else { 0.0 };
                            let exact = Tol { rel: 0.0, abs: 1e-12 };
                            expect::close(&(imp.binomial_pmf)(k, n, 0.0), zero, exact)?;
                            expect::close(&(imp.binomial_pmf)(k, n, 1.0), one, exact)?;
                            expect::close(&(imp.binomial_pmf)(n + 1 + k, n, 0.5), 0.0, exact)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("p < 0, p > 1 or NaN gives StatsError::InvalidParameter { name: \"p\", .. }, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |p| call(1, 3, p) => (imp.binomial_pmf)(1, 3, p);
                        (-0.1) => StatsError::InvalidParameter { name: "p", .. },
                        (1.5) => StatsError::InvalidParameter { name: "p", .. },
                        (f64::NAN) => StatsError::InvalidParameter { name: "p", .. },
                        (f64::INFINITY) => StatsError::InvalidParameter { name: "p", .. },
                    )
                }),
            Property::named("table_snapshot", 1)
                .description("1024 × Binomial(10, ½) for k = 0..=10 (Pascal's row 1, 10, 45, …), Binomial(20, 0.3) at k = 6 and Binomial(1000, ½) at k = 500 match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "binomial_pmf(k, 10, 0.5) for k in 0..=10, binomial_pmf(6, 20, 0.3), binomial_pmf(500, 1000, 0.5)";
                    ctx.once(call, || {
                        let fmt = |r: Result<f64, StatsError>| tables::value(&r, 8);
                        let mut text = String::new();
                        // 1024·P = C(10, k): whole numbers, far from any rounding boundary.
                        for k in 0..=10 {
                            let scaled = fmt((imp.binomial_pmf)(k, 10, 0.5).map(|v| 1024.0 * v));
                            text += &format!("1024·P(X = {k:>2} | n = 10, p = 0.5) = {scaled}\n");
                        }
                        let (six, half) =
                            ((imp.binomial_pmf)(6, 20, 0.3), (imp.binomial_pmf)(500, 1000, 0.5));
                        text += &format!("P(X = 6 | n = 20, p = 0.3) = {}\n", fmt(six));
                        text += &format!("P(X = 500 | n = 1000, p = 0.5) = {}\n", fmt(half));
                        ctx.snapshot("table", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("factorials_overflow")
                .explanation("Your answer is NaN or ∞ for large n: it looks like n!/(k!(n − k)!) computed \
                    directly. 171! is already beyond the largest double (≈ 1.8e308), so the quotient becomes \
                    ∞/∞ = NaN (and pᵏ underflows to 0). Work with logarithms: ln C(n, k) = Σ ln(n − m + i) − \
                    Σ ln i for i = 1..m, add k·ln p + (n − k)·ln(1 − p), and exponentiate once at the end.")
                .implementation(Impl { binomial_pmf: factorials }),
            Misconception::named("zero_times_log_zero")
                .explanation("Your answer is NaN when p = 0 or p = 1: in log space the term k·ln p becomes \
                    0·(−∞) = NaN for k = 0. These outcomes are certain or impossible: for p = 0 return 1 when \
                    k = 0 and 0 otherwise; for p = 1 return 1 when k = n and 0 otherwise.")
                .implementation(Impl { binomial_pmf: log_space_no_edge_cases }),
            Misconception::named("p_not_checked")
                .explanation("Your function returns a number for p outside [0, 1] (or NaN). A probability \
                    must lie in [0, 1]: return Err(StatsError::InvalidParameter { name: \"p\", .. }) otherwise.")
                .implementation(Impl { binomial_pmf: unchecked_p }),
        ],
        probe: |imp| {
            let shown = |r: Result<f64, StatsError>| {
                r.as_ref().map_or_else(show::error_kind, |v| show::rounded(*v, 6))
            };
            vec![
                shown((imp.binomial_pmf)(2, 4, 0.5)),
                shown((imp.binomial_pmf)(100, 200, 0.5)),
                shown((imp.binomial_pmf)(0, 5, 0.0)),
                match (imp.binomial_pmf)(1, 2, 1.5) {
                    Ok(_) => "accepts p > 1".into(),
                    Err(e) => shown(Err(e)),
                },
            ]
        },
    }
}

fn factorials(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    mathlings_stats::binomial_pmf(k, n, p)?;
    if k > n {
        return Ok(0.0);
    }
    let factorial = |m: u64| (1..=m).map(|i| i as f64).product::<f64>();
    let choose = factorial(n) / (factorial(k) * factorial(n - k));
    Ok(choose * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32))
}

fn ln_pmf(k: u64, n: u64, p: f64) -> f64 {
    let ln_choose: f64 = (1..=k).map(|i| ((n - k + i) as f64).ln() - (i as f64).ln()).sum();
    ln_choose + k as f64 * p.ln() + (n - k) as f64 * (1.0 - p).ln()
}

fn log_space_no_edge_cases(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    mathlings_stats::binomial_pmf(k, n, p)?;
    Ok(if k > n { 0.0 } else { ln_pmf(k, n, p).exp() })
}

fn unchecked_p(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    let only = |happens: bool| if happens { 1.0 } else { 0.0 };
    Ok(match p {
        _ if k > n => 0.0,
        0.0 => only(k == 0),
        1.0 => only(k == n),
        _ => ln_pmf(k, n, p).exp(),
    })
}
