//! Checks for 3.2 — the Hessian by central second differences.

use mathlings_calculus::CalculusError;

use super::common::{self, Objective, SCALAR_FNS};
use crate::prelude::*;
use mathlings_bindings::objectives::rosenbrock_hessian;

pub use mathlings_bindings::p3_calculus::s3_2_hessian::{HessianFn, Impl};

fn call(name: &str, x: &[f64], h: f64) -> String {
    format!("hessian({name}, {}, {})", show::floats(x), show::float(h))
}

/// The scale of f and of H at x, for tolerances: max(1, |f(x)|, max|Hᵢⱼ|).
fn scale(f: Objective, x: &[f64], h: &DMatrix<f64>) -> f64 {
    1f64.max(f(x).abs()).max(h.amax())
}

/// `hessian(f, x, h)` equals `want` to `rel`·scale.
fn hessian_close(
    imp: &Impl,
    f: Objective,
    x: &[f64],
    h: f64,
    want: &DMatrix<f64>,
    rel: f64,
) -> Verdict {
    expect::matrix_close(&(imp.hessian)(f, x, h), want, Tol::absolute(rel * scale(f, x, want)))
}

/// Central second differences: truncation h²·|f⁗|/12 and round-off ≈ 4ε·|f|/h². For
/// Rosenbrock at h = 1e-4·max(1, |x|) (|f⁗| ≤ 2400, |f| ≤ 1.5e4) both are ≤ 1e-4, far
/// below 1e-6·scale (scale ≥ 200). A one-sided mixed difference errs by O(h·|f‴|) ≈ 0.05.
const ANALYTIC: f64 = 1e-6;
/// Symmetry: a symmetric formula (or mirroring) gives Hᵢⱼ = Hⱼᵢ up to the rounding of
/// evaluating the same four points in another order, ≲ 16ε·|f|/h² ≤ 1e-9·scale at h = 1e-3.
const SYMMETRIC: f64 = 1e-9;

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_2_hessian",
        properties: vec![
            Property::named("symmetric", 2)
                .description("the Hessian is symmetric: |Hᵢⱼ − Hⱼᵢ| ≤ 1e-9·scale, on Σ sin(xᵢ)xᵢ₊₁, log-sum-exp and Rosenbrock (n ≤ 4, |xᵢ| ≤ 2, h = 1e-3)")
                .check(|imp, ctx| {
                    let input = (2..SCALAR_FNS.len(), common::point(2..=4, -2.0, 2.0));
                    ctx.forall(
                        input,
                        |(k, x)| call(SCALAR_FNS[*k].name, x, 1e-3),
                        |(k, x)| {
                            let f = SCALAR_FNS[*k].f;
                            let got = (imp.hessian)(f, x, 1e-3);
                            let ok = matches!(&got, Ok(m) if m.is_square() && m.nrows() == x.len()
                                && (m - m.transpose()).amax() <= SYMMETRIC * scale(f, x, m));
                            expect::that(
                                ok,
                                show::outcome(&got),
                                "Ok(a symmetric n×n matrix: Hᵢⱼ = Hⱼᵢ)",
                            )
                        },
                    )
                }),
            Property::named("quadratic_hessian", 2)
                .description("the Hessian of ½xᵀAx (fixed non-symmetric A₁, A₂) is ½(A + Aᵀ) at any x (n ≤ 5, |xᵢ| ≤ 5, h = 1e-3)")
                .check(|imp, ctx| {
                    let input = (0..2usize, common::point(1..=5, -5.0, 5.0));
                    ctx.forall(
                        input,
                        |(k, x)| call(SCALAR_FNS[*k].name, x, 1e-3),
                        |(k, x)| {
                            let a = if *k == 0 { common::a1(x.len()) } else { common::a2(x.len()) };
                            let want = (&a + a.transpose()) * 0.5;
                            // Exact up to round-off 4ε·|f|/h² ≤ 1e-7 here.
                            hessian_close(imp, SCALAR_FNS[*k].f, x, 1e-3, &want, 1e-6)
                        },
                    )
                }),
            Property::named("rosenbrock_hessian", 2)
                .description("on Rosenbrock's function (n ≤ 4, |xᵢ| ≤ 2, h = 1e-4·max(1, |x|)) the Hessian matches the analytic one to 1e-6·scale")
                .check(|imp, ctx| {
                    ctx.forall(
                        common::point(2..=4, -2.0, 2.0),
                        |x| call(SCALAR_FNS[4].name, x, 1e-4 * common::max_abs(x).max(1.0)),
                        |x| {
                            let (want, h) = (rosenbrock_hessian(x), 1e-4 * common::max_abs(x).max(1.0));
                            hessian_close(imp, common::rosenbrock, x, h, &want, ANALYTIC)
                        },
                    )
                }),
            Property::named("matches_reference", 2)
                .description("equals the reference hessian on quadratics, Σ sin(xᵢ)xᵢ₊₁, log-sum-exp and Rosenbrock (n ≤ 4, |xᵢ| ≤ 2, h ∈ [1e-4, 3e-4]) to 1e-5·scale")
                .check(|imp, ctx| {
                    let input =
                        (0..SCALAR_FNS.len(), common::point(1..=4, -2.0, 2.0), 1e-4..3e-4f64);
                    // Same formula: the difference is round-off (≈ 16ε·|f|/h² ≤ 1e-6·scale);
                    // 1e-5 also forgives an equivalent formula's O(h²) truncation.
                    matches_reference_hessian(imp, ctx, input, 1e-5)
                }),
            Property::named("documented_formulas_at_large_h", 1)
                .description("with a large step (h ∈ [0.05, 0.2]) on Σ sin(xᵢ)xᵢ₊₁ and log-sum-exp (n ≤ 3) the estimate is exactly the documented 3-point and 4-point formulas, as the reference computes them (to 1e-9·scale)")
                .check(|imp, ctx| {
                    // At h = 0.1 the formulas' own truncation (h²·|f⁗|/12 ≈ 1e-3) is what is
                    // compared, so another stencil shows: the mixed 4-point formula applied
                    // with i = j is a 3-point one with step 2h (four times the truncation).
                    // Round-off is ≈ 16ε·|f|/h² ≤ 1e-12·scale, far inside 1e-9.
                    let input = (2..=3usize, common::point(1..=3, -2.0, 2.0), 0.05..0.2f64);
                    matches_reference_hessian(imp, ctx, input, 1e-9)
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty x → Empty; NaN in x or a NaN value of f → NonFinite; h ≤ 0, NaN or so small that xᵢ + h == xᵢ or xᵢ − h == xᵢ → InvalidParameter { name: \"h\", .. }")
                .check(|imp, ctx| {
                    let (f, name) = (SCALAR_FNS[3].f, SCALAR_FNS[3].name);
                    let ln_first: fn(&[f64]) -> f64 = |x| x[0].ln();
                    rejects!(ctx, |name, f, x, h| call(name, x, h) => (imp.hessian)(f, x, h);
                        (name, f, &[], 1e-3) => CalculusError::Empty,
                        (name, f, &[1.0, f64::NAN], 1e-3) => CalculusError::NonFinite,
                        ("|x| x[0].ln()", ln_first, &[-1.0, 1.0], 1e-3) => CalculusError::NonFinite,
                        (name, f, &[1.0, 2.0], 0.0) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[1.0, 2.0], -1e-3) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[1.0, 2.0], f64::NAN) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[0.5, 3.0], 1e-20) => CalculusError::InvalidParameter { name: "h", .. },
                        // 1 + 8e-17 == 1 but 1 − 8e-17 ≠ 1, and the other way round at −1 (the
                        // float spacing is ε above |x| = 1, ε/2 below); 0.5 ± 8e-17 ≠ 0.5.
                        // Either side rounding to xᵢ makes h too small.
                        (name, f, &[1.0, 0.5], 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[-1.0, 0.5], 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                    )
                }),
            Property::named("anscombe_mse_snapshot", 1)
                .description("the Hessian of the mean squared error of a line on Anscombe's first set is (2/n)·XᵀX = [[2, 18], [18, 182]] (stored snapshot)")
                .check(|imp, ctx| {
                    let call = "hessian(anscombe_mse, &[3.0, 0.5], 1e-3)";
                    ctx.once(call, || {
                        let got = (imp.hessian)(common::anscombe_mse, &[3.0, 0.5], 1e-3);
                        let text = show::ok_or_debug(&got, |m| {
                            let rows = m.row_iter().map(|r| {
                                r.iter().map(|v| show::rounded(*v, 6)).collect::<Vec<_>>().join("  ")
                            });
                            rows.collect::<Vec<_>>().join("\n")
                        });
                        ctx.snapshot("anscombe", call, &(text + "\n"))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("one_sided_mixed")
                .explanation("Your Hessian is not symmetric: its mixed entries look one-sided, e.g. a forward difference \
                    of a central gradient, (gⱼ(x + h·eᵢ) − gⱼ(x))/h. That has an O(h) error which differs between \
                    Hᵢⱼ and Hⱼᵢ. Use the central 4-point formula (moving xᵢ and xⱼ both ways) once for i < j and copy \
                    it to (j, i).")
                .implementation(Impl { hessian: |f, x, h| wrong_hessian(true, f, x, h) }),
            Misconception::named("mixed_over_h_squared")
                .explanation("Your off-diagonal entries are 4× too large: the 4-point mixed difference spans 2h in \
                    each of the two directions, so divide by (2h)·(2h) = 4h², not by h².")
                .implementation(Impl { hessian: |f, x, h| wrong_hessian(false, f, x, h) }),
        ],
        probe: |imp| {
            let got = (imp.hessian)(common::sin_chain, &[0.5, -1.0, 0.3], 1e-3);
            match got {
                Ok(m) => vec![
                    if (&m - m.transpose()).amax() <= 1e-9 { "symmetric" } else { "asymmetric" }
                        .to_string(),
                    m.iter().map(|v| show::rounded(*v, 5)).collect::<Vec<_>>().join(" "),
                ],
                Err(e) => vec![format!("{e:?}")],
            }
        },
    }
}

/// On the inputs `input` generates — (index into `SCALAR_FNS`, x, h) — the hessian equals
/// the reference's to `rel`·scale.
fn matches_reference_hessian(
    imp: &Impl,
    ctx: &Ctx,
    input: impl Strategy<Value = (usize, Vec<f64>, f64)>,
    rel: f64,
) -> Verdict {
    ctx.forall(
        input,
        |(k, x, h)| call(SCALAR_FNS[*k].name, x, *h),
        |(k, x, h)| {
            let f = SCALAR_FNS[*k].f;
            let want = mathlings_calculus::hessian(f, x, *h).expect("reference hessian");
            hessian_close(imp, f, x, *h, &want, rel)
        },
    )
}

fn at(f: Objective, x: &[f64], moves: &[(usize, f64)]) -> Result<f64, CalculusError> {
    let mut p = x.to_vec();
    for &(i, d) in moves {
        p[i] += d;
    }
    let v = f(&p);
    if v.is_finite() { Ok(v) } else { Err(CalculusError::NonFinite) }
}

/// The documented 3-point formula on the diagonal, but off it either (`one_sided`)
/// Hᵢⱼ = (gⱼ(x + h·eᵢ) − gⱼ(x)) / h with g the central gradient, not symmetric, or the
/// 4-point formula divided by h² instead of 4h².
fn wrong_hessian(
    one_sided: bool,
    f: Objective,
    x: &[f64],
    h: f64,
) -> Result<DMatrix<f64>, CalculusError> {
    common::checked_step(x, h)?;
    let g = |base: &[(usize, f64)], j: usize| -> Result<f64, CalculusError> {
        Ok((at(f, x, &[base, &[(j, h)]].concat())? - at(f, x, &[base, &[(j, -h)]].concat())?)
            / (2.0 * h))
    };
    let n = x.len();
    let f_x = at(f, x, &[])?;
    let mut m = DMatrix::zeros(n, n);
    for i in 0..n {
        for j in 0..n {
            m[(i, j)] = if i == j {
                (at(f, x, &[(i, h)])? - 2.0 * f_x + at(f, x, &[(i, -h)])?) / (h * h)
            } else if one_sided {
                (g(&[(i, h)], j)? - g(&[], j)?) / h
            } else if i > j {
                m[(j, i)]
            } else {
                (at(f, x, &[(i, h), (j, h)])?
                    - at(f, x, &[(i, h), (j, -h)])?
                    - at(f, x, &[(i, -h), (j, h)])?
                    + at(f, x, &[(i, -h), (j, -h)])?)
                    / (h * h)
            };
        }
    }
    Ok(m)
}
