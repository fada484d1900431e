//! Checks for 3.1 — the numerical gradient by central differences.

use mathlings_calculus::CalculusError;

use super::common::{self, SCALAR_FNS};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_1_numerical_gradient::{GradientFn, Impl};

fn call(name: &str, x: &[f64], h: f64) -> String {
    format!("numerical_gradient({name}, {}, {})", show::floats(x), show::float(h))
}

/// Same f, same points, same h as the reference: the two differ only in the rounding of
/// the quotient and of its denominator (2h or the float distance between xᵢ ± h), a few
/// ε·(|f| + |xᵢ|·|∂ᵢf|)/h; 16ε leaves slack, while a forward difference or a wrong
/// perturbation is off by O(h) ≥ 1e-5 here.
fn same_h_tolerance(f: fn(&[f64]) -> f64, x: &[f64], h: f64, want: &[f64]) -> Tol {
    let scale = (f)(x).abs().max(1.0) * 2.0 + common::max_abs(x) * common::max_abs(want);
    Tol { rel: 1e-10, abs: 16.0 * f64::EPSILON * scale / h + 1e-12 }
}

/// ∇(½xᵀAx) by a central difference is exact up to round-off for any h (the third
/// derivatives vanish): the error is about ε·|f|/h ≤ 1e-10 for |x| ≤ 5, n ≤ 6, h = 1e-3.
/// 1e-7 (relative to max(1, ‖∇f‖∞)) has room; a forward difference errs by h·aᵢᵢ/2 ≥ 5e-4.
const QUADRATIC: f64 = 1e-7;

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_1_numerical_gradient",
        properties: vec![
            Property::named("quadratic_form_gradient", 3)
                .description("for ½xᵀAx with fixed non-symmetric A₁, A₂ the gradient is ½(A + Aᵀ)x (n ≤ 6, |xᵢ| ≤ 5, h = 1e-3)")
                .check(|imp, ctx| {
                    let input = (0..2usize, common::point(1..=6, -5.0, 5.0));
                    let h = 1e-3;
                    ctx.forall(
                        input,
                        |(k, x)| call(SCALAR_FNS[*k].name, x, h),
                        |(k, x)| {
                            let a = if *k == 0 { common::a1(x.len()) } else { common::a2(x.len()) };
                            let v = DVector::from_column_slice(x);
                            let want: Vec<f64> =
                                ((&a + a.transpose()) * &v * 0.5).iter().copied().collect();
                            let tol = QUADRATIC * common::max_abs(&want).max(1.0);
                            expect::all_close(
                                &(imp.numerical_gradient)(SCALAR_FNS[*k].f, x, h),
                                &want,
                                Tol { rel: 0.0, abs: tol },
                            )
                        },
                    )
                }),
            Property::named("matches_reference", 3)
                .description("equals the reference numerical_gradient on quadratics, Σ sin(xᵢ)xᵢ₊₁, log-sum-exp and Rosenbrock (n ≤ 6, |xᵢ| ≤ 2, h ∈ [1e-5, 1e-2])")
                .check(|imp, ctx| {
                    let input = (
                        0..SCALAR_FNS.len(),
                        common::point(1..=6, -2.0, 2.0),
                        (-5.0..-2.0f64).prop_map(|e| 10f64.powf(e)),
                    );
                    ctx.forall(
                        input,
                        |(k, x, h)| call(SCALAR_FNS[*k].name, x, *h),
                        |(k, x, h)| {
                            let f = SCALAR_FNS[*k].f;
                            let want = mathlings_calculus::numerical_gradient(f, x, *h)
                                .expect("reference numerical gradient");
                            expect::all_close(
                                &(imp.numerical_gradient)(f, x, *h),
                                &want,
                                same_h_tolerance(f, x, *h, &want),
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty x → Empty; a NaN coordinate or NaN value of f → NonFinite; h ≤ 0, NaN, ∞ or below the float spacing at xᵢ → InvalidParameter { name: \"h\", .. }")
                .check(|imp, ctx| {
                    let f = SCALAR_FNS[3].f;
                    let name = SCALAR_FNS[3].name;
                    let ln_first: fn(&[f64]) -> f64 = |x| x[0].ln();
                    rejects!(ctx, |name, f, x, h| call(name, x, h) => (imp.numerical_gradient)(f, x, h);
                        (name, f, &[], 1e-3) => CalculusError::Empty,
                        (name, f, &[1.0, f64::NAN], 1e-3) => CalculusError::NonFinite,
                        (name, f, &[f64::INFINITY, 0.0], 1e-3) => CalculusError::NonFinite,
                        ("|x| x[0].ln()", ln_first, &[-1.0, 2.0], 1e-3) => CalculusError::NonFinite,
                        (name, f, &[1.0, 2.0], 0.0) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[1.0, 2.0], -1e-3) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[1.0, 2.0], f64::NAN) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[1.0, 2.0], f64::INFINITY) => CalculusError::InvalidParameter { name: "h", .. },
                        (name, f, &[0.5, 3.0], 1e-20) => CalculusError::InvalidParameter { name: "h", .. },
                        // 1 + 8e-17 == 1 but 1 − 8e-17 ≠ 1; −1 − 8e-17 == −1 but −1 + 8e-17 ≠ −1:
                        // in each coordinate only one of xᵢ ± h rounds to xᵢ, and either is bad.
                        (name, f, &[1.0, -1.0], 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                    )
                }),
            Property::named("anscombe_mse_snapshot", 1)
                .description("the gradient of the mean squared error of a line on Anscombe's first set, at θ = (0, 0) and near the least-squares fit θ = (3, 0.5), matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "numerical_gradient(anscombe_mse, θ, 1e-5) for θ = [0, 0], [3, 0.5]";
                    ctx.once(call, || {
                        let mut text = String::new();
                        for theta in [[0.0, 0.0], [3.0, 0.5]] {
                            let g = (imp.numerical_gradient)(common::anscombe_mse, &theta, 1e-5);
                            // 6 decimals: the central difference of a quadratic is exact up to ~1e-10 here.
                            let six = |v: &f64| match format!("{:.6}", v + 0.0) {
                                s if s == "-0.000000" => "0.000000".to_string(),
                                s => s,
                            };
                            let shown = g.map_or_else(
                                |e| format!("{e:?}"),
                                |g| {
                                    format!(
                                        "[{}]",
                                        g.iter().map(six).collect::<Vec<_>>().join(", ")
                                    )
                                },
                            );
                            text += &format!("∇MSE({}) = {shown}\n", show::list(&theta));
                        }
                        ctx.snapshot("anscombe", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("all_coordinates_at_once")
                .explanation("Every component of your gradient is the same number: you moved all coordinates at \
                    once (x + h·(1, …, 1)). That measures the slope along the diagonal, not ∂f/∂xᵢ. A partial \
                    derivative moves only xᵢ: copy x, change coordinate i alone, and put it back before the next.")
                .implementation(Impl { numerical_gradient: all_at_once }),
            Misconception::named("forward_differences")
                .explanation("Your components look like forward differences (f(x + h·eᵢ) − f(x))/h: their error is \
                    O(h) (h·∂²f/∂xᵢ²/2), so even ∇(½xᵀAx) comes out wrong. Use central differences \
                    (f(x + h·eᵢ) − f(x − h·eᵢ))/(2h): the O(h) terms cancel.")
                .implementation(Impl { numerical_gradient: forward }),
            Misconception::named("coordinate_not_restored")
                .explanation("After perturbing xᵢ you do not put it back, so the later partial derivatives are \
                    taken at a shifted point (x − h·eᵢ − …). Restore point[i] = x[i] after the two evaluations \
                    (or work on a fresh copy of x for each i).")
                .implementation(Impl { numerical_gradient: not_restored }),
        ],
        probe: |imp| {
            let gradient = imp.numerical_gradient;
            vec![
                common::rounded_list_or_debug(&gradient(common::quadratic_1, &[1.0, 2.0, -1.0], 1e-3), 6),
                common::rounded_list_or_debug(&gradient(common::sin_chain, &[0.5, -1.0], 1e-2), 6),
            ]
        },
    }
}

fn finite(v: f64) -> Result<f64, CalculusError> {
    if v.is_finite() { Ok(v) } else { Err(CalculusError::NonFinite) }
}

fn all_at_once(f: fn(&[f64]) -> f64, x: &[f64], h: f64) -> Result<Vec<f64>, CalculusError> {
    common::checked_step(x, h)?;
    let plus: Vec<f64> = x.iter().map(|v| v + h).collect();
    let minus: Vec<f64> = x.iter().map(|v| v - h).collect();
    let slope = finite((finite(f(&plus))? - finite(f(&minus))?) / (2.0 * h))?;
    Ok(vec![slope; x.len()])
}

fn forward(f: fn(&[f64]) -> f64, x: &[f64], h: f64) -> Result<Vec<f64>, CalculusError> {
    common::checked_step(x, h)?;
    let f_x = finite(f(x))?;
    let mut point = x.to_vec();
    let mut g = Vec::new();
    for i in 0..x.len() {
        point[i] = x[i] + h;
        g.push(finite((finite(f(&point))? - f_x) / h)?);
        point[i] = x[i];
    }
    Ok(g)
}

fn not_restored(f: fn(&[f64]) -> f64, x: &[f64], h: f64) -> Result<Vec<f64>, CalculusError> {
    common::checked_step(x, h)?;
    let mut point = x.to_vec();
    let mut g = Vec::new();
    for i in 0..x.len() {
        point[i] += h;
        let f_plus = finite(f(&point))?;
        point[i] -= 2.0 * h;
        let f_minus = finite(f(&point))?;
        g.push(finite((f_plus - f_minus) / (2.0 * h))?);
    }
    Ok(g)
}
