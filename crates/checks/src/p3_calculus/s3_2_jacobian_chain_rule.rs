//! Checks for 3.2 — the Jacobian by central differences and the chain rule.

use mathlings_calculus::CalculusError;

use super::common;
use crate::prelude::*;
// The functions differentiated: catalogued course functions, which the learner process
// calls in its own copy (A, x ↦ Ax, g: ℝⁿ → ℝ³, f: ℝ³ → ℝ², f∘g).
use mathlings_bindings::objectives::{
    chain_composed as f_of_g, chain_inner as g, chain_outer as f, jacobian_matrix as a,
    linear_map as linear,
};

pub use mathlings_bindings::p3_calculus::s3_2_jacobian_chain_rule::{ComposeFn, Impl, JacobianFn};

const G_NAME: &str = "g /* x ↦ (x₀·xₙ₋₁, sin x₀ + cos xₙ₋₁, Σxᵢ²/2) */";
const F_NAME: &str = "f /* y ↦ (y₀·y₁, sin y₂ + y₀) */";

fn call(name: &str, x: &[f64], h: f64) -> String {
    format!("jacobian({name}, {}, {})", show::floats(x), show::float(h))
}

/// J of a linear map by central differences is exact up to round-off: ε·|Ax|/h ≲ 1e-11
/// for |x| ≤ 5, h = 1e-3; 1e-8 leaves room and rejects any O(h) scheme (error ~1e-3 · 0).
/// (A linear map has no curvature, so here shape and orientation are what is tested.)
const LINEAR: Tol = Tol { rel: 0.0, abs: 1e-8 };
/// Same function, points and h as the reference: only the rounding of the quotient and of
/// its denominator differ, a few ε·(|f| + |x|·|J|)/h; 16ε·(that) with scale ≤ 100 here.
fn same_h(h: f64) -> Tol {
    Tol { rel: 1e-10, abs: 16.0 * f64::EPSILON * 100.0 / h }
}
/// Chain rule with three central-difference Jacobians at h = 1e-5: each has error
/// ≲ h²·|f‴| + ε·|f|/h ≈ 1e-9 for |x| ≤ 2; products of ≤ 3 terms of size ≤ 10: 1e-6.
const CHAIN: Tol = Tol { rel: 1e-6, abs: 1e-6 };
/// compose_jacobians on exact inputs is one matrix product: a few ε·Σ|aᵢₖbₖⱼ| ≤ 1e-12.
const PRODUCT: Tol = Tol { rel: 1e-12, abs: 1e-12 };

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_2_jacobian_chain_rule",
        properties: vec![
            Property::named("linear_map_jacobian_is_a", 3)
                .description("the Jacobian of x ↦ Ax (A fixed, 3×n) is A itself: 3 rows (outputs) × n columns (inputs), at any x")
                .check(|imp, ctx| {
                    ctx.forall(
                        common::point(1..=5, -5.0, 5.0),
                        |x| call("linear /* x ↦ A·x, A = 3×n */", x, 1e-3),
                        |x| {
                            expect::matrix_close(
                                &(imp.jacobian)(linear, x, 1e-3),
                                &a(x.len()),
                                LINEAR,
                            )
                        },
                    )
                }),
            Property::named("matches_reference", 2)
                .description("equals the reference jacobian of g(x) = (x₀·xₙ₋₁, sin x₀ + cos xₙ₋₁, Σxᵢ²/2) for n ≤ 5, |xᵢ| ≤ 2, h ∈ [1e-5, 1e-2]")
                .check(|imp, ctx| {
                    let input = (
                        common::point(1..=5, -2.0, 2.0),
                        (-5.0..-2.0f64).prop_map(|e| 10f64.powf(e)),
                    );
                    ctx.forall(
                        input,
                        |(x, h)| call(G_NAME, x, *h),
                        |(x, h)| {
                            let want =
                                mathlings_calculus::jacobian(g, x, *h).expect("reference jacobian");
                            expect::matrix_close(&(imp.jacobian)(g, x, *h), &want, same_h(*h))
                        },
                    )
                }),
            Property::named("chain_rule", 3)
                .description("compose_jacobians(J_f(g(x)), J_g(x)) equals J_{f∘g}(x) (all three by your jacobian, h = 1e-5), and on exact matrices it is the product J_f·J_g (2×3 times 3×n)")
                .check(|imp, ctx| {
                    ctx.forall(
                        common::point(1..=5, -2.0, 2.0),
                        |x| {
                            format!(
                                "compose_jacobians(&jacobian({F_NAME}, &g({}), 1e-5)?, &jacobian({G_NAME}, {}, 1e-5)?) vs jacobian(|x| f(&g(x)), {}, 1e-5)",
                                show::list(x),
                                show::floats(x),
                                show::floats(x)
                            )
                        },
                        |x| {
                            let h = 1e-5;
                            let (jf, jg, jfg) = (
                                (imp.jacobian)(f, &g(x), h),
                                (imp.jacobian)(g, x, h),
                                (imp.jacobian)(f_of_g, x, h),
                            );
                            let (Ok(jf), Ok(jg), Ok(jfg)) = (&jf, &jg, &jfg) else {
                                return expect::fail(
                                    format!("{}, {}, {}", show::outcome(&jf), show::outcome(&jg), show::outcome(&jfg)),
                                    "three Ok Jacobians",
                                );
                            };
                            expect::matrix_close(&(imp.compose_jacobians)(jf, jg), jfg, CHAIN)?;
                            let exact_f = mathlings_calculus::jacobian(f, &g(x), h).expect("reference");
                            let exact_g = mathlings_calculus::jacobian(g, x, h).expect("reference");
                            expect::matrix_close(&(imp.compose_jacobians)(&exact_f, &exact_g), &(&exact_f * &exact_g), PRODUCT)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty x → Empty; NaN in x → NonFinite; h ≤ 0, NaN or so small that xⱼ + h == xⱼ or xⱼ − h == xⱼ → InvalidParameter { name: \"h\", .. }; compose_jacobians of shapes that do not chain → DimensionMismatch, with an empty factor → Empty")
                .check(|imp, ctx| {
                    rejects!(ctx, |x, h| call(G_NAME, x, h) => (imp.jacobian)(g, x, h);
                        (&[], 1e-3) => CalculusError::Empty,
                        (&[1.0, f64::NAN], 1e-3) => CalculusError::NonFinite,
                        (&[1.0, 2.0], 0.0) => CalculusError::InvalidParameter { name: "h", .. },
                        (&[1.0, 2.0], -1e-3) => CalculusError::InvalidParameter { name: "h", .. },
                        (&[1.0, 2.0], f64::NAN) => CalculusError::InvalidParameter { name: "h", .. },
                        // 1 + 8e-17 == 1 but 1 − 8e-17 ≠ 1; −1 − 8e-17 == −1 but −1 + 8e-17 ≠ −1:
                        // in each coordinate only one of xⱼ ± h rounds to xⱼ, and either is bad.
                        (&[1.0, -1.0], 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                    )?;
                    rejects!(ctx,
                        |a, b| format!("compose_jacobians(&{}, &{})", show::matrix(a), show::matrix(b))
                            => (imp.compose_jacobians)(a, b);
                        (&DMatrix::from_element(2, 3, 1.0), &DMatrix::from_element(2, 2, 1.0)) => CalculusError::DimensionMismatch { expected: 3, got: 2 },
                        // Shapes that chain, but one factor has no entries: Empty, not an
                        // empty product.
                        (&DMatrix::zeros(0, 2), &DMatrix::from_element(2, 3, 1.0)) => CalculusError::Empty,
                        (&DMatrix::from_element(2, 3, 1.0), &DMatrix::zeros(3, 0)) => CalculusError::Empty,
                    )?;
                    rejects!(ctx,
                        |empty| "compose_jacobians(&DMatrix::zeros(0, 0), &DMatrix::zeros(0, 0))"
                            => (imp.compose_jacobians)(empty, empty);
                        (&DMatrix::zeros(0, 0)) => CalculusError::Empty,
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("transposed_jacobian")
                .explanation("Your Jacobian is transposed: n rows × m columns. The convention is one ROW per output \
                    fᵢ (its gradient) and one COLUMN per input xⱼ, so J is m×n and f(x + d) ≈ f(x) + J·d; for \
                    x ↦ Ax this gives exactly A.")
                .implementation(Impl {
                    jacobian: |f, x, h| {
                        mathlings_calculus::jacobian(f, x, h).map(|j| j.transpose())
                    },
                    compose_jacobians: |a, b| compose_with(a, b, false),
                }),
            Misconception::named("wrong_order")
                .explanation("Your compose_jacobians multiplies in the wrong order. g acts first and f second, so \
                    J_{f∘g}(x) = J_f(g(x)) · J_g(x): the outer Jacobian on the LEFT (k×m times m×n gives k×n).")
                .implementation(Impl {
                    jacobian: |f, x, h| mathlings_calculus::jacobian(f, x, h),
                    compose_jacobians: |a, b| compose_with(a, b, true),
                }),
        ],
        probe: |imp| {
            let shape = |r: Result<DMatrix<f64>, CalculusError>| {
                let entries = |m: &DMatrix<f64>| {
                    m.iter().map(|v| show::rounded(*v, 6)).collect::<Vec<_>>().join(" ")
                };
                r.map_or_else(
                    |e| format!("{e:?}"),
                    |m| format!("{}×{} {}", m.nrows(), m.ncols(), entries(&m)),
                )
            };
            let jf = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 0.0, 0.0, 1.0, -1.0]);
            let jg = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.5, 1.0, 2.0, 3.0]);
            vec![
                shape((imp.jacobian)(linear, &[1.0, 2.0], 1e-3)),
                shape((imp.compose_jacobians)(&jf, &jg)),
            ]
        },
    }
}

/// J_a·J_b (or J_b·J_a when `reversed`) after the checks of compose_jacobians.
fn compose_with(
    a: &DMatrix<f64>,
    b: &DMatrix<f64>,
    reversed: bool,
) -> Result<DMatrix<f64>, CalculusError> {
    if a.is_empty() || b.is_empty() {
        return Err(CalculusError::Empty);
    }
    let (first, second) = if reversed { (b, a) } else { (a, b) };
    if first.ncols() != second.nrows() {
        return Err(CalculusError::DimensionMismatch {
            expected: first.ncols(),
            got: second.nrows(),
        });
    }
    Ok(first * second)
}
