//! Checks for 2.1 — dot product, p-norms, cosine similarity, projection.

use mathlings_linalg::LinalgError;

use super::matrices::{iris_species_means, or_error, rounded_all, rows};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_1_vector_ops::{Impl, ProjectFn};

/// A dot product of n ≤ 8 terms summed in any order is within n·ε·Σ|aᵢbᵢ| ≈ 2e-15·Σ|aᵢbᵢ|
/// of the exact value; 1e-13·Σ|aᵢbᵢ| leaves a factor 50 of slack.
fn dot_tolerance(a: &[f64], b: &[f64]) -> Tol {
    Tol { rel: 0.0, abs: 1e-13 * a.iter().zip(b).map(|(x, y)| (x * y).abs()).sum::<f64>() }
}
/// Norms: a handful of roundings (powf, sqrt, a sum of ≤ 8 positive terms), each ≤ ε
/// relative; 1e-12 relative allows any stable ordering.
const NORM: Tol = Tol { rel: 1e-12, abs: 0.0 };
/// Cosines lie in [−1, 1] and are computed to a few ε; 1e-12 absolute.
const COSINE: Tol = Tol { rel: 0.0, abs: 1e-12 };
/// Projections: each component is within a few ε·‖v‖₂ of exact; 1e-12·‖v‖₂ per component
/// (the absolute part is set per case).
const PROJECTION_REL: f64 = 1e-12;
/// Inequalities (Cauchy–Schwarz, triangle) may be tight up to rounding: allow 1e-12
/// relative on the larger side.
const SLACK: f64 = 1e-12;
/// Exact powers of two that push the squares of entries ≤ 1e3 past the range of a double:
/// (1e3 · 2⁶⁰⁰)² ≈ 2e366 overflows, (1 · 2⁻⁶⁰⁰)² ≈ 2.4e-361 underflows to 0.
const HUGE: f64 = 4.149515568880993e180; // 2⁶⁰⁰
const TINY: f64 = 2.409919865102884e-181; // 2⁻⁶⁰⁰
/// The reference crate's functions (the wrong answers replace one or two).
const RIGHT: Impl = Impl {
    dot: mathlings_linalg::dot,
    norm: mathlings_linalg::norm,
    cosine_similarity: mathlings_linalg::cosine_similarity,
    project: mathlings_linalg::project,
};
/// The p values every norm property runs over.
const PS: [f64; 5] = [1.0, 1.5, 2.0, 3.0, f64::INFINITY];

fn call2(name: &str, a: &[f64], b: &[f64]) -> String {
    format!("{name}({}, {})", show::floats(a), show::floats(b))
}

fn call_norm(x: &[f64], p: f64) -> String {
    format!("norm({}, {})", show::floats(x), show::float(p))
}

/// Two vectors of the same length 1..=8.
fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    (1..=8usize).prop_flat_map(|n| (strategies::sample(n..n + 1), strategies::sample(n..n + 1)))
}

/// Like [`pair`], with neither vector all zeros.
fn nonzero_pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    pair().prop_filter("non-zero vectors", |(a, b)| {
        a.iter().any(|&x| x != 0.0) && b.iter().any(|&x| x != 0.0)
    })
}

fn l2(x: &[f64]) -> f64 {
    mathlings_linalg::norm(x, 2.0).expect("reference norm")
}

fn norm_of(imp: &Impl, x: &[f64], p: f64) -> Result<f64, Failure> {
    (imp.norm)(x, p)
        .map_err(|e| expect::failure(format!("{} = Err({e:?})", call_norm(x, p)), "Ok(the norm)"))
}

/// `got` (the learner's `name`) against `want` (the reference's) on non-zero pairs.
fn agrees<T>(
    ctx: &Ctx,
    name: &str,
    got: fn(&[f64], &[f64]) -> Result<T, LinalgError>,
    want: fn(&[f64], &[f64]) -> Result<T, LinalgError>,
    close: impl Fn(&Result<T, LinalgError>, T, &[f64], &[f64]) -> Verdict,
) -> Verdict {
    ctx.forall(
        nonzero_pair(),
        |(a, b)| call2(name, a, b),
        |(a, b)| close(&got(a, b), want(a, b).expect("reference"), a, b),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_1_vector_ops",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("dot, norm (p = 1, 1.5, 2, 3, ∞), cosine_similarity and project equal the reference crate on random vectors")
                .check(|imp, ctx| {
                    agrees(ctx, "dot", imp.dot, mathlings_linalg::dot, |got, want, a, b| {
                        expect::close(got, want, dot_tolerance(a, b))
                    })?;
                    for p in PS {
                        ctx.forall(strategies::sample(1..9), |x| call_norm(x, p), |x| {
                            expect::close(&(imp.norm)(x, p), mathlings_linalg::norm(x, p).expect("reference norm"), NORM)
                        })?;
                    }
                    let cosine = mathlings_linalg::cosine_similarity;
                    agrees(ctx, "cosine_similarity", imp.cosine_similarity, cosine, |got, want, _, _| {
                        expect::close(got, want, COSINE)
                    })?;
                    agrees(ctx, "project", imp.project, mathlings_linalg::project, |got, want, v, _| {
                        expect::all_close(got, &want, Tol { rel: 0.0, abs: PROJECTION_REL * l2(v) })
                    })
                }),
            Property::named("cauchy_schwarz", 1)
                .description("|a · b| ≤ ‖a‖₂ ‖b‖₂, and the cosine similarity lies in [−1, 1]")
                .check(|imp, ctx| {
                    ctx.forall(nonzero_pair(), |(a, b)| format!("{} vs norm(a, 2.0) · norm(b, 2.0)", call2("dot", a, b)), |(a, b)| {
                        let d = (imp.dot)(a, b);
                        let (na, nb) = (norm_of(imp, a, 2.0)?, norm_of(imp, b, 2.0)?);
                        expect::that(
                            matches!(d, Ok(d) if d.abs() <= na * nb * (1.0 + SLACK)),
                            show::float_result(&d),
                            format!("Ok(a value with |a · b| ≤ ‖a‖₂‖b‖₂ = {})", show::float(na * nb)),
                        )?;
                        let c = (imp.cosine_similarity)(a, b);
                        expect::that(
                            matches!(c, Ok(c) if (-1.0..=1.0).contains(&c)),
                            format!("{} = {}", call2("cosine_similarity", a, b), show::float_result(&c)),
                            "Ok(a value in [−1, 1])",
                        )
                    })
                }),
            Property::named("triangle_inequality", 1)
                .description("‖a + b‖ₚ ≤ ‖a‖ₚ + ‖b‖ₚ for p = 1, 1.5, 2, 3, ∞")
                .check(|imp, ctx| {
                    for p in PS {
                        let sum = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<f64>>();
                        ctx.forall(
                            pair(),
                            |(a, b)| format!("{} vs norm(a, p) + norm(b, p) with a = {}, b = {}", call_norm(&sum(a, b), p), show::floats(a), show::floats(b)),
                            |(a, b)| {
                                let (na, nb) = (norm_of(imp, a, p)?, norm_of(imp, b, p)?);
                                let got = (imp.norm)(&sum(a, b), p);
                                expect::that(
                                    matches!(got, Ok(n) if n >= 0.0 && n <= (na + nb) * (1.0 + SLACK)),
                                    show::float_result(&got),
                                    format!("Ok(a value in [0, ‖a‖ₚ + ‖b‖ₚ = {}])", show::float(na + nb)),
                                )
                            },
                        )?;
                    }
                    Ok(())
                }),
            Property::named("projection_idempotent", 2)
                .description("projecting twice changes nothing, and v − proj(v) is perpendicular to the line")
                .check(|imp, ctx| {
                    ctx.forall(nonzero_pair(), |(v, u)| call2("project", v, u), |(v, u)| {
                        let p = expect::ok((imp.project)(v, u), "the projection")?;
                        let scale = l2(v);
                        let tol = Tol { rel: 0.0, abs: 1e-10 * scale };
                        expect::all_close(&(imp.project)(&p, u), &p, tol).map_err(|f| Failure {
                            call: format!("project(project(v, u)?, u) with {}", call2("project", v, u)),
                            expected: format!("the same projection again: {}", f.expected),
                            ..f
                        })?;
                        let residual: Vec<f64> = v.iter().zip(&p).map(|(a, b)| a - b).collect();
                        let along = mathlings_linalg::dot(&residual, u).expect("finite");
                        expect::that(
                            along.abs() <= 1e-10 * scale * l2(u),
                            format!("Ok({}), whose residual v − p has (v − p) · u = {}", show::list(&p), show::float(along)),
                            "a projection p with (v − p) · u ≈ 0",
                        )
                    })
                }),
            Property::named("no_overflow", 2)
                .description("norms and cosines of vectors with huge (×2⁶⁰⁰) or tiny (×2⁻⁶⁰⁰) entries are scaled exactly, never ∞ or 0")
                .check(|imp, ctx| {
                    ctx.once("norm(&[1e200, 1e200], 2.0)", || {
                        expect::close(&(imp.norm)(&[1e200, 1e200], 2.0), 1e200 * 2f64.sqrt(), NORM)
                    })?;
                    let input = (nonzero_pair(), proptest::bool::ANY.prop_map(|huge| if huge { HUGE } else { TINY }));
                    for p in [2.0, 3.0] {
                        ctx.forall(input.clone(), |((a, _), s)| call_norm(&scaled(a, *s), p), |((a, _), s)| {
                            let want = s * mathlings_linalg::norm(a, p).expect("reference");
                            expect::close(&(imp.norm)(&scaled(a, *s), p), want, NORM)
                        })?;
                    }
                    ctx.forall(input, |((a, b), s)| call2("cosine_similarity", &scaled(a, *s), b), |((a, b), s)| {
                        let want = mathlings_linalg::cosine_similarity(a, b).expect("reference");
                        expect::close(&(imp.cosine_similarity)(&scaled(a, *s), b), want, COSINE)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("different lengths, empty vectors, NaN/±∞, p < 1 and zero vectors (cosine, projection) give the typed error, never a panic or NaN")
                .check(|imp, ctx| {
                    let shown = |name: &'static str| move |a: &[f64], b: &[f64]| call2(name, a, b);
                    let (dot, cosine) = ((shown("dot"), imp.dot), (shown("cosine_similarity"), imp.cosine_similarity));
                    let (project, norm) = ((shown("project"), imp.project), (call_norm, imp.norm));
                    let (two, three, zero) = ([1.0, 2.0], [1.0, 2.0, 3.0], [0.0, 0.0]);
                    rejects!(ctx, |f, a, b| (f.0)(a, b) => (f.1)(a, b);
                        (dot, &two, &three) => LinalgError::ShapeMismatch { left: (2, 1), right: (3, 1) },
                        (cosine, &two, &three) => LinalgError::ShapeMismatch { left: (2, 1), right: (3, 1) },
                        (project, &two, &three) => LinalgError::ShapeMismatch { left: (2, 1), right: (3, 1) },
                        (dot, &[], &[]) => LinalgError::Empty,
                        (norm, &[], 2.0) => LinalgError::Empty,
                    )?;
                    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                        let x = [1.0, bad];
                        rejects!(ctx, |f, a, b| (f.0)(a, b) => (f.1)(a, b);
                            (dot, &two, &x) => LinalgError::NonFinite,
                            (norm, &x, 2.0) => LinalgError::NonFinite,
                            (cosine, &x, &two) => LinalgError::NonFinite,
                        )?;
                    }
                    rejects!(ctx, |f, a, b| (f.0)(a, b) => (f.1)(a, b);
                        (norm, &two, 0.5) => LinalgError::InvalidParameter { name: "p", .. },
                        (norm, &two, 0.0) => LinalgError::InvalidParameter { name: "p", .. },
                        (norm, &two, -1.0) => LinalgError::InvalidParameter { name: "p", .. },
                        (norm, &two, f64::NAN) => LinalgError::InvalidParameter { name: "p", .. },
                        (cosine, &two, &zero) => LinalgError::ZeroVector,
                        (cosine, &zero, &two) => LinalgError::ZeroVector,
                        (project, &two, &zero) => LinalgError::ZeroVector,
                    )
                }),
            Property::named("iris_species_means", 1)
                .description("norms, cosines and a projection of the Iris species' mean feature vectors match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "norm, cosine_similarity and project on the mean feature vectors of the three Iris species";
                    ctx.once(call, || ctx.snapshot("iris", call, &iris_text(imp)))
                }),
        ],
        misconceptions: vec![
            Misconception::named("cosine_of_zero_vector")
                .explanation("Your cosine_similarity divides by ‖a‖₂‖b‖₂ without checking it: for a zero vector \
                    that is 0/0 = NaN, which then spreads silently through every later computation. A zero \
                    vector has no direction, so there is no angle: return Err(LinalgError::ZeroVector) when \
                    either norm is 0 (and likewise in project when `onto` is zero).")
                .implementation(Impl { cosine_similarity: cosine_unchecked, ..RIGHT }),
            Misconception::named("norm_overflows")
                .explanation("Your norm raises the entries to the power p as they are: (1e200)² = ∞ in floating \
                    point (and (1e-200)² = 0), so ‖[1e200, 1e200]‖₂ comes out ∞ although the answer, 1.41e200, \
                    is an ordinary double. Divide by s = max|xᵢ| first: ‖x‖ₚ = s · (Σ(|xᵢ|/s)ᵖ)^(1/p).")
                .implementation(Impl {
                    norm: |x, p| naive_norm(x, p, true),
                    cosine_similarity: cosine_unscaled,
                    ..RIGHT
                }),
            Misconception::named("norm_without_abs")
                .explanation("Your p-norm sums xᵢᵖ instead of |xᵢ|ᵖ: negative entries then subtract (‖[3, −4]‖₁ \
                    comes out −1) or give NaN (a negative number to a fractional power). Take absolute values \
                    first.")
                .implementation(Impl { norm: |x, p| naive_norm(x, p, false), ..RIGHT }),
            Misconception::named("projection_divides_by_length")
                .explanation("Your projection is ((v · u)/‖u‖) u: it is right only when u has length 1. The \
                    coefficient must be (v · u)/(u · u) = (v · u)/‖u‖², or normalise first: û = u/‖u‖, \
                    proj = (v · û) û. A projection must not change when applied twice.")
                .implementation(Impl { project: project_by_length, ..RIGHT }),
        ],
        probe: |imp| {
            let f = |r: Result<f64, LinalgError>| show::ok_or_debug(&r, |v| show::rounded(*v, 6));
            let huge = match (imp.norm)(&[1e200, 1e200], 2.0) {
                Ok(v) if (v / 1e200 - 2f64.sqrt()).abs() < 1e-9 => "scaled".to_string(),
                Ok(v) if v.is_infinite() => "overflow".to_string(),
                other => f(other),
            };
            vec![
                f((imp.dot)(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0])),
                f((imp.norm)(&[3.0, -4.0], 1.0)),
                f((imp.norm)(&[3.0, -4.0], 2.0)),
                huge,
                f((imp.cosine_similarity)(&[1.0, 0.0], &[0.0, 0.0])),
                show::result(&(imp.project)(&[2.0, 3.0], &[2.0, 0.0])),
            ]
        },
    }
}

/// The snapshot of `iris_species_means`.
fn iris_text(imp: &Impl) -> String {
    let names = mathlings_models::datasets::iris().species_names;
    let means = rows(&iris_species_means());
    let fmt = |r: Result<f64, LinalgError>| or_error(r, |v| show::rounded(v, 10));
    let mut text = String::new();
    for (name, m) in names.iter().zip(&means) {
        let [n1, n2, n_inf] = [1.0, 2.0, f64::INFINITY].map(|p| fmt((imp.norm)(m, p)));
        text += &format!("{name}: ‖m‖₁ = {n1}, ‖m‖₂ = {n2}, ‖m‖∞ = {n_inf}\n");
    }
    for (s, t) in [(0, 1), (0, 2), (1, 2)] {
        let cos = fmt((imp.cosine_similarity)(&means[s], &means[t]));
        let dot = fmt((imp.dot)(&means[s], &means[t]));
        text += &format!("cos({}, {}) = {cos}, dot = {dot}\n", names[s], names[t]);
    }
    let projection = or_error((imp.project)(&means[2], &means[0]), |p| rounded_all(&p, 10));
    text + &format!("project({}, {}) = [{projection}]\n", names[2], names[0])
}

fn scaled(x: &[f64], s: f64) -> Vec<f64> {
    x.iter().map(|v| v * s).collect()
}

/// The p-norm without rescaling by max|xᵢ| (and with or without absolute values).
fn naive_norm(x: &[f64], p: f64, abs: bool) -> Result<f64, LinalgError> {
    mathlings_linalg::norm(x, p)?; // the reference's input checks
    if p == f64::INFINITY {
        return Ok(x.iter().fold(0.0_f64, |m, v| m.max(v.abs())));
    }
    let power = |v: f64| if abs { v.abs().powf(p) } else { v.powf(p) };
    Ok(x.iter().map(|&v| power(v)).sum::<f64>().powf(1.0 / p))
}

fn cosine_unscaled(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    let d = mathlings_linalg::dot(a, b)?;
    let (na, nb) = (naive_norm(a, 2.0, true)?, naive_norm(b, 2.0, true)?);
    if na == 0.0 || nb == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    Ok(d / (na * nb))
}

fn cosine_unchecked(a: &[f64], b: &[f64]) -> Result<f64, LinalgError> {
    let d = mathlings_linalg::dot(a, b)?;
    Ok(d / (mathlings_linalg::norm(a, 2.0)? * mathlings_linalg::norm(b, 2.0)?))
}

fn project_by_length(v: &[f64], onto: &[f64]) -> Result<Vec<f64>, LinalgError> {
    let d = mathlings_linalg::dot(v, onto)?;
    let length = mathlings_linalg::norm(onto, 2.0)?;
    if length == 0.0 {
        return Err(LinalgError::ZeroVector);
    }
    Ok(onto.iter().map(|u| d / length * u).collect())
}
