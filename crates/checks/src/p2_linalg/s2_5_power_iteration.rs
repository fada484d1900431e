//! Checks for 2.5 — the dominant eigenpair by power iteration.

use mathlings_linalg::LinalgError;

use super::matrices::{iris_covariance, or_error, rounded_all, square};
use super::spectral_common::{eigenvalues_by_magnitude, sign_fixed, symmetric_matrix};
use crate::prelude::*;
use Flaw::{LastIterate, NoRescale, NormRatio};
use nalgebra::dvector;

use mathlings_bindings::p2_linalg::s2_5_power_iteration::Eigenpair;
pub use mathlings_bindings::p2_linalg::s2_5_power_iteration::Impl;

/// The tolerance handed to the learner's iteration.
const TOL: f64 = 1e-12;
/// The iteration budget: with |λ₁/λ₀| ≤ 0.8 the change falls below 1e-12 in ~130 steps.
const MAX_ITER: usize = 10_000;
/// Largest |λ₁/λ₀| of the generated matrices: a gap that makes the iteration converge fast.
const MAX_RATIO: f64 = 0.8;
/// Residual bound, relative to ‖A‖_F: stopping at a change ≤ 1e-12 leaves a direction
/// error ≲ 1e-12/(1 − 0.8) = 5e-12, so ‖Av − λv‖ ≲ 1e-11·‖A‖; 1e-8 leaves 3 digits of slack.
const RESIDUAL: f64 = 1e-8;
/// Eigenvalue agreement, relative to ‖A‖_F: the Rayleigh quotient's error is quadratic in
/// the direction error (symmetric A), far below 1e-9.
const EIGENVALUE: f64 = 1e-9;
/// Eigenvector agreement (up to sign), entrywise: the direction error is ≲ 5e-12.
const EIGENVECTOR: f64 = 1e-7;
/// ‖v‖₂ must be 1 to rounding.
const UNIT: f64 = 1e-10;

fn call(a: &DMatrix<f64>) -> String {
    format!("power_iteration(&{}, {TOL:e}, {MAX_ITER})", show::matrix(a))
}

/// Symmetric matrices whose two largest |λ| are separated: |λ₁| ≤ 0.8·|λ₀|.
fn gapped_symmetric() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    symmetric_matrix(2..=6).prop_filter("needs a spectral gap", |a| {
        let l = eigenvalues_by_magnitude(a);
        l[0].abs() > 1e-3 && l[1].abs() <= MAX_RATIO * l[0].abs()
    })
}

/// The learner's `power_iteration(a, TOL, MAX_ITER)` and its pair, or a failure.
fn run(imp: &Impl, a: &DMatrix<f64>) -> Result<(Eigenpair, f64, DVector<f64>), Failure> {
    let got = (imp.power_iteration)(a, TOL, MAX_ITER);
    let ok = "Ok((λ, v)) — this matrix has a dominant eigenvalue";
    let (l, v) = expect::ok_where(&got, |_| true, ok)?;
    Ok((got, l, v))
}

/// The learner's pair on `a` has A v ≈ λ v and ‖v‖ = 1; returns its λ.
fn check_eigenpair(imp: &Impl, a: &DMatrix<f64>) -> Result<f64, Failure> {
    let ((got, l, v), n) = (run(imp, a)?, a.nrows());
    expect::that(v.len() == n, show::outcome(&got), format!("a vector of length {n}"))?;
    let residual = (a * &v - &v * l).norm();
    let (norm, r) = (show::rounded(v.norm(), 6), show::rounded(residual, 3));
    expect::that(
        (v.norm() - 1.0).abs() <= UNIT && residual <= RESIDUAL * a.norm(),
        format!("{} with ‖v‖ = {norm} and ‖Av − λv‖ = {r}", show::outcome(&got)),
        format!("a unit v with ‖Av − λv‖ ≤ {}", show::rounded(RESIDUAL * a.norm(), 2)),
    )?;
    Ok(l)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_5_power_iteration",
        properties: vec![
            Property::named("is_eigenpair", 3)
                .description("returns a unit vector v with Av ≈ λv (‖Av − λv‖ ≤ 1e-8·‖A‖_F) on symmetric matrices with a spectral gap")
                .check(|imp, ctx| {
                    ctx.forall(gapped_symmetric(), call, |a| check_eigenpair(imp, a).map(drop))
                }),
            Property::named("matches_reference", 3)
                .description("λ is the reference's dominant eigenvalue, sign included (to 1e-9·‖A‖_F), and v its eigenvector up to sign")
                .check(|imp, ctx| {
                    ctx.forall(gapped_symmetric(), call, |a| {
                        let reference = mathlings_linalg::power_iteration(a, 1e-14, 100_000)
                            .expect("reference power iteration on a gapped matrix");
                        let (got, l, v) = run(imp, a)?;
                        let (want, tol) = (&reference.eigenvector, EIGENVALUE * a.norm());
                        let same_vector =
                            v.len() == want.len() && (sign_fixed(&v) - want).amax() <= EIGENVECTOR;
                        let (lambda, vector) = (show::float(reference.eigenvalue), show::vector(want));
                        let bounds = format!("(λ ± {}, v ± {EIGENVECTOR:e})", show::rounded(tol, 2));
                        expect::that(
                            (l - reference.eigenvalue).abs() <= tol && same_vector,
                            show::outcome(&got),
                            format!("Ok(({lambda}, ±{vector})) {bounds}"),
                        )
                    })
                }),
            Property::named("negative_dominant_eigenvalue", 2)
                .description("a negative dominant eigenvalue keeps its sign (λ = −4 for [[−3, 2], [2, 0]]; −5 for diag(1, −5, 2))")
                .check(|imp, ctx| {
                    let cases = [
                        (square(&[-3.0, 2.0, 2.0, 0.0]), -4.0),
                        (DMatrix::from_diagonal(&dvector![1.0, -5.0, 2.0]), -5.0),
                    ];
                    cases.iter().try_for_each(|(a, want)| {
                        ctx.once(&call(a), || {
                            let l = check_eigenpair(imp, a)?;
                            expect::close(&Ok::<f64, ()>(l), *want, Tol { rel: EIGENVALUE, abs: 0.0 })
                        })
                    })
                }),
            Property::named("no_overflow", 1)
                .description("each iterate is rescaled to unit length: entries of 1e150 give λ = 3e150 and a unit v, not ∞ or NaN")
                .check(|imp, ctx| {
                    let a = square(&[2e150, 1e150, 1e150, 2e150]);
                    ctx.once(&call(&a), || {
                        let (got, l, v) = run(imp, &a)?;
                        let h = 0.5f64.sqrt();
                        expect::that(
                            (l / 3e150 - 1.0).abs() <= EIGENVALUE
                                && v.len() == 2
                                && (sign_fixed(&v) - dvector![h, h]).amax() <= EIGENVECTOR,
                            show::outcome(&got),
                            format!("Ok((3e150, ±dvector![{h}, {h}]))"),
                        )
                    })
                }),
            Property::named("zero_matrix", 1)
                .description("the zero matrix (A x = 0 for every x) gives λ = 0 with a unit v, not NaN from dividing by ‖A x‖ = 0")
                // Also catches a start vector that is never normalised: the first A x = 0
                // returns it as it is, not as a unit vector.
                .check(|imp, ctx| {
                    let zero = DMatrix::zeros(3, 3);
                    ctx.once(&call(&zero), || check_eigenpair(imp, &zero).map(drop))
                }),
            Property::named("reports_no_convergence", 1)
                .description("a rotation (no real eigenvector) gives Err(NoConvergence { iterations: max_iter }), not the last iterate")
                .check(|imp, ctx| {
                    let (c, s) = (1.0f64.cos(), 1.0f64.sin());
                    let rotation = square(&[c, -s, s, c]);
                    rejects!(ctx, |a| format!("power_iteration(&{}, 1e-12, 100)", show::matrix(a))
                        => (imp.power_iteration)(a, TOL, 100);
                        (&rotation) => LinalgError::NoConvergence { iterations: 100 })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square or non-finite matrix, tol ≤ 0 or NaN, and max_iter = 0 give the typed error")
                .check(|imp, ctx| {
                    let good = square(&[2.0, 1.0, 1.0, 2.0]);
                    rejects!(ctx,
                        |a, tol, max_iter| format!("power_iteration(&{}, {}, {max_iter})", show::matrix(a), show::float(tol))
                            => (imp.power_iteration)(a, tol, max_iter), shown show::outcome;
                        (&DMatrix::zeros(0, 0), TOL, 100) => LinalgError::Empty,
                        (&DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), TOL, 100) => LinalgError::NotSquare { rows: 2, cols: 3 },
                        (&square(&[1.0, f64::NAN, 3.0, 4.0]), TOL, 100) => LinalgError::NonFinite,
                        (&square(&[1.0, f64::INFINITY, 3.0, 4.0]), TOL, 100) => LinalgError::NonFinite,
                        (&good, 0.0, 100) => LinalgError::InvalidParameter { name: "tol", .. },
                        (&good, -1e-9, 100) => LinalgError::InvalidParameter { name: "tol", .. },
                        (&good, f64::NAN, 100) => LinalgError::InvalidParameter { name: "tol", .. },
                        (&good, TOL, 0) => LinalgError::InvalidParameter { name: "max_iter", .. },
                    )
                }),
            Property::named("iris_first_principal_axis", 1)
                .description("the dominant eigenpair of the Iris covariance matrix (the first principal axis) matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "power_iteration(&covariance_matrix(&iris.features), 1e-12, 10000)";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let got = (imp.power_iteration)(&iris_covariance(), TOL, MAX_ITER);
                        got.map_or_else(|e| format!("{e:?}\n"), |(l, v)| {
                            let v = rounded_all(sign_fixed(&v).iter(), 6);
                            format!("λ = {}\nv = ±[{v}]\n", show::rounded(l, 8))
                        })
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("not_normalised")
                .explanation("Your iterate is multiplied by A again and again without being rescaled, so its \
                    length grows like |λ|ᵗ: the returned v is not a unit vector, and with large entries (or many \
                    steps) it overflows to ∞/NaN. After each product divide by its length, x ← Ax / ‖Ax‖₂, and \
                    return that unit vector.")
                .implementation(Impl { power_iteration: |a, t, n| flawed(a, t, n, NoRescale) }),
            Misconception::named("norm_ratio")
                .explanation("You return ‖Ax‖/‖x‖ as the eigenvalue. That is |λ|: the sign is lost, so a dominant \
                    eigenvalue of −4 comes back as 4. Use the Rayleigh quotient λ = xᵀAx / xᵀx (= xᵀAx for a \
                    unit x), which keeps the sign.")
                .implementation(Impl { power_iteration: |a, t, n| flawed(a, t, n, NormRatio) }),
            Misconception::named("returns_last_iterate")
                .explanation("When the budget of max_iter steps runs out you return the last iterate as if it \
                    were an eigenvector. If the direction has not settled (here: a rotation, which has no real \
                    eigenvector) that vector means nothing; return Err(LinalgError::NoConvergence { iterations: \
                    max_iter }) instead.")
                .implementation(Impl { power_iteration: |a, t, n| flawed(a, t, n, LastIterate) }),
        ],
        probe: |imp| {
            let eigenvalue = |a: &DMatrix<f64>| match (imp.power_iteration)(a, TOL, MAX_ITER) {
                Ok((l, _)) if l.is_finite() => show::rounded(l, 6),
                Ok(_) => "non-finite".into(),
                Err(e) => format!("{e:?}"),
            };
            let length = match (imp.power_iteration)(&square(&[2.0, 1.0, 1.0, 2.0]), TOL, MAX_ITER) {
                Ok((_, v)) if (v.norm() - 1.0).abs() <= UNIT => "unit".to_string(),
                Ok((_, v)) if v.norm().is_finite() => "not unit".to_string(),
                Ok(_) => "non-finite".to_string(),
                Err(e) => format!("{e:?}"),
            };
            let (c, s) = (1.0f64.cos(), 1.0f64.sin());
            let rotation = square(&[c, -s, s, c]);
            let budget = or_error((imp.power_iteration)(&rotation, TOL, 100), |_| "Ok".into());
            vec![eigenvalue(&square(&[-3.0, 2.0, 2.0, 0.0])), length, budget]
        },
    }
}

/// How the misconceptions go wrong.
#[derive(Clone, Copy, PartialEq)]
enum Flaw {
    NoRescale,
    NormRatio,
    LastIterate,
}

/// Power iteration with one flaw.
fn flawed(a: &DMatrix<f64>, tol: f64, max_iter: usize, flaw: Flaw) -> Eigenpair {
    // The reference's input checks: its errors other than `NoConvergence`.
    match mathlings_linalg::power_iteration(a, tol, max_iter) {
        Err(e) if !matches!(e, LinalgError::NoConvergence { .. }) => return Err(e),
        _ => {}
    }
    let mut x = DVector::from_fn(a.nrows(), |i, _| 1.0 + 0.1 * i as f64);
    if flaw != NoRescale {
        x /= x.norm();
    }
    let mut converged = false;
    for _ in 0..max_iter {
        let y = a * &x;
        if y.norm() == 0.0 {
            return Ok((0.0, x));
        }
        let next = if flaw == NoRescale { sign_fixed(&y) } else { sign_fixed(&(&y / y.norm())) };
        // The change of direction (the iterates themselves are unit vectors unless NoRescale).
        let change = (&next / next.norm() - &x / x.norm()).norm();
        x = next;
        if change <= tol {
            converged = true;
            break;
        }
    }
    if !converged && flaw != LastIterate {
        return Err(LinalgError::NoConvergence { iterations: max_iter });
    }
    let ax = a * &x;
    let lambda = if flaw == NormRatio { ax.norm() / x.norm() } else { x.dot(&ax) / x.dot(&x) };
    Ok((lambda, x))
}
