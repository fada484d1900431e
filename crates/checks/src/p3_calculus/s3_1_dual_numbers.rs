//! Checks for 3.1 — forward-mode automatic differentiation with dual numbers.
//!
//! The learner defines a type; the bind macro turns it into one plain function,
//! [`Impl::evaluate`], which evaluates an expression tree ([`Expr`]) built here on
//! `Dual::variable(x)` and returns the value and ε part of the result.

use std::fmt;

use super::common;
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_1_dual_numbers::{Expr, Impl, Ops, evaluate_with};

/// An [`Expr`] shown as Rust code on dual numbers (x is `Dual::variable(…)`).
struct Rust<'a>(&'a Expr);

impl fmt::Display for Rust<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Expr::X => write!(f, "x"),
            Expr::Const(c) => write!(f, "Dual::constant({})", show::float(*c)),
            Expr::Add(a, b) => write!(f, "({} + {})", Rust(a), Rust(b)),
            Expr::Sub(a, b) => write!(f, "({} - {})", Rust(a), Rust(b)),
            Expr::Mul(a, b) => write!(f, "({} * {})", Rust(a), Rust(b)),
            Expr::Div(a, b) => write!(f, "({} / {})", Rust(a), Rust(b)),
            Expr::Sin(a) => write!(f, "{}.sin()", Rust(a)),
            Expr::Cos(a) => write!(f, "{}.cos()", Rust(a)),
            Expr::Exp(a) => write!(f, "{}.exp()", Rust(a)),
            Expr::Ln(a) => write!(f, "{}.ln()", Rust(a)),
        }
    }
}

/// The reference's `Dual` has the exercise's shape: the bind macro adapts it like a learner's.
fn reference(expr: &Expr, x: f64) -> (f64, f64) {
    (mathlings_bindings::bind_s3_1_dual_numbers!(mathlings_calculus).evaluate)(expr, x)
}

fn call(expr: &Expr, x: f64) -> String {
    format!("{{ let x = Dual::variable({}); {} }}", show::float(x), Rust(expr))
}

fn dual(v: (f64, f64)) -> String {
    format!("Dual {{ value: {}, derivative: {} }}", show::float(v.0), show::float(v.1))
}

/// Compares (value, derivative) pairs.
fn close_pair(got: (f64, f64), want: (f64, f64), tol: Tol) -> Verdict {
    expect::that(
        tol.accepts(got.0, want.0) && tol.accepts(got.1, want.1),
        dual(got),
        format!("{} (each ± {} relative)", dual(want), show::rounded(tol.rel, 2)),
    )
}

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// e² + 1 (never below 1: a safe denominator and a safe argument of ln).
fn square_plus_one(e: Expr) -> Expr {
    Expr::Add(b(Expr::Mul(b(e.clone()), b(e))), b(Expr::Const(1.0)))
}

fn horner(coefficients: &[i32]) -> Expr {
    let mut e = Expr::Const(f64::from(coefficients[0]));
    for &c in &coefficients[1..] {
        e = Expr::Add(b(Expr::Mul(b(e), b(Expr::X))), b(Expr::Const(f64::from(c))));
    }
    e
}

/// p′(x) for p given by its coefficients, highest degree first.
fn polynomial_derivative(coefficients: &[i32], x: f64) -> f64 {
    let n = coefficients.len() - 1;
    (0..n).map(|i| (n - i) as f64 * f64::from(coefficients[i]) * x.powi((n - i - 1) as i32)).sum()
}

/// Random compositions of + − · / sin cos exp ln (denominators and arguments of ln are
/// kept ≥ 1 by the e² + 1 construction).
fn expression(depth: u32) -> impl Strategy<Value = Expr> + Clone {
    let leaf = prop_oneof![
        3 => Just(Expr::X),
        1 => (-4i32..=4).prop_map(|c| Expr::Const(f64::from(c) / 2.0)),
    ];
    leaf.prop_recursive(depth, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, c)| Expr::Add(b(a), b(c))),
            (inner.clone(), inner.clone()).prop_map(|(a, c)| Expr::Sub(b(a), b(c))),
            (inner.clone(), inner.clone()).prop_map(|(a, c)| Expr::Mul(b(a), b(c))),
            (inner.clone(), inner.clone())
                .prop_map(|(a, c)| Expr::Div(b(a), b(square_plus_one(c)))),
            inner.clone().prop_map(|a| Expr::Sin(b(a))),
            inner.clone().prop_map(|a| Expr::Cos(b(a))),
            inner.clone().prop_map(|a| Expr::Exp(b(a))),
            inner.prop_map(|a| Expr::Ln(b(square_plus_one(a)))),
        ]
    })
}

/// Polynomials at x = k/8 with integer coefficients are evaluated without any rounding by
/// any correct ordering of the rules, so the derivative must be exact; 1e-14 relative only
/// forgives a rounded intermediate in an unusual but correct formula.
const EXACT: Tol = Tol { rel: 1e-14, abs: 1e-14 };
/// Compositions of depth ≤ 4: a correct implementation that orders its operations
/// differently from the reference loses at most a few ε per operation, amplified by the
/// condition of the expression (values kept below 1e8); 1e-9 relative leaves ample room.
const AGREE: Tol = Tol { rel: 1e-9, abs: 1e-9 };
/// The rule checks recombine the learner's own parts with one or two operations: a few ε.
const RULE: Tol = Tol { rel: 1e-12, abs: 1e-12 };

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_1_dual_numbers",
        properties: vec![
            Property::named("exact_on_polynomials", 3)
                .description("on random polynomials (integer coefficients, degree ≤ 5, x = k/8) the derivative part equals the analytic derivative Σ k·cₖ·xᵏ⁻¹ exactly")
                .check(|imp, ctx| {
                    // Small integer coefficients (highest degree first), in Horner form, and a
                    // point x = k/8: every intermediate value is exactly representable.
                    let coefficients = proptest::collection::vec(-5i32..=5, 2..=6);
                    let input = (coefficients, (-16i32..=16).prop_map(|k| f64::from(k) / 8.0));
                    ctx.forall(input, |(c, x)| call(&horner(c), *x), |(c, x)| {
                        let value = c.iter().fold(0.0, |acc, &ci| acc * x + f64::from(ci));
                        let want = (value, polynomial_derivative(c, *x));
                        close_pair((imp.evaluate)(&horner(c), *x), want, EXACT)
                    })
                }),
            Property::named("matches_reference", 3)
                .description("on random compositions of + − · / sin cos exp ln (depth ≤ 4, x ∈ [−2, 2]) value and derivative equal the reference mathlings_calculus::Dual (to 1e-9 relative)")
                .check(|imp, ctx| {
                    // Points where the reference value and derivative are moderate.
                    let input = (expression(4), -2.0..2.0f64).prop_filter("moderate values", |(e, x)| {
                        let (v, d) = reference(e, *x);
                        v.abs() < 1e8 && d.abs() < 1e8
                    });
                    ctx.forall(input, |(e, x)| call(e, *x), |(e, x)| {
                        close_pair((imp.evaluate)(e, *x), reference(e, *x), AGREE)
                    })
                }),
            Property::named("product_and_quotient_rules", 2)
                .description("for random u and w ≥ 1: (u·w)′ = u′·w + u·w′ and (u/w)′ = (u′·w − u·w′)/w², using your own u and w")
                .check(|imp, ctx| {
                    let input = (expression(2), expression(2), -2.0..2.0f64);
                    ctx.forall(
                        input,
                        |(u, w, x)| {
                            let w = square_plus_one(w.clone());
                            let [p, q] = [Expr::Mul, Expr::Div].map(|op| call(&op(b(u.clone()), b(w.clone())), *x));
                            format!("{p} and {q}")
                        },
                        |(u, w, x)| {
                            let w = square_plus_one(w.clone());
                            let (uv, ud) = (imp.evaluate)(u, *x);
                            let (wv, wd) = (imp.evaluate)(&w, *x);
                            let rule = |e: Expr, want| close_pair((imp.evaluate)(&e, *x), want, RULE);
                            rule(Expr::Mul(b(u.clone()), b(w.clone())), (uv * wv, ud * wv + uv * wd))?;
                            rule(Expr::Div(b(u.clone()), b(w)), (uv / wv, (ud * wv - uv * wd) / (wv * wv)))
                        },
                    )
                }),
            Property::named("chain_rule", 2)
                .description("for a random polynomial u: sin(u)′ = cos(u)·u′, cos(u)′ = −sin(u)·u′, exp(u)′ = exp(u)·u′ and ln(w)′ = w′/w (w = u² + 1), using your own u")
                .check(|imp, ctx| {
                    let input = (proptest::collection::vec(-3i32..=3, 2..=4), -1.5..1.5f64)
                        .prop_filter("u′ ≠ 0", |(c, x)| polynomial_derivative(c, *x) != 0.0);
                    ctx.forall(input, |(c, x)| call(&Expr::Sin(b(horner(c))), *x), |(c, x)| {
                        let u = horner(c);
                        let (uv, ud) = (imp.evaluate)(&u, *x);
                        let rule = |e: Expr, want| close_pair((imp.evaluate)(&e, *x), want, RULE);
                        rule(Expr::Sin(b(u.clone())), (uv.sin(), uv.cos() * ud))?;
                        rule(Expr::Cos(b(u.clone())), (uv.cos(), -uv.sin() * ud))?;
                        rule(Expr::Exp(b(u.clone())), (uv.exp(), uv.exp() * ud))?;
                        let w = square_plus_one(u);
                        let (wv, wd) = (imp.evaluate)(&w, *x);
                        rule(Expr::Ln(b(w)), (wv.ln(), wd / wv))
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("outside the domain the result follows f64, never a panic: ln(−1) has a NaN value, 1/(x − x) an infinite one")
                .check(|imp, ctx| {
                    let ln = Expr::Ln(b(Expr::X));
                    let pole = Expr::Div(b(Expr::Const(1.0)), b(Expr::Sub(b(Expr::X), b(Expr::X))));
                    let cases: [(_, common::FloatTest); 2] = [
                        ((ln, -1.0), (f64::is_nan, "a NaN value (ln of a negative number)")),
                        ((pole, 1.0), (|v| v == f64::INFINITY, "value f64::INFINITY (1/0 as in f64)")),
                    ];
                    common::each_case(ctx, &cases, |(e, x)| call(e, *x), |(e, x), (ok, expected)| {
                        let got = (imp.evaluate)(e, *x);
                        expect::that(ok(got.0), dual(got), expected)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("product_rule_one_term")
                .explanation("Your product keeps only one term of the product rule (derivative a′·b). Both factors \
                    change with x: (a·b)′ = a′·b + a·b′, i.e. (a + a′ε)(b + b′ε) = ab + (a′b + ab′)ε.")
                .implementation(Impl { evaluate: |e, x| evaluate_with(e, x, &Wrong::<1>::OPS) }),
            Misconception::named("chain_rule_missing_inner")
                .explanation("Your sin returns cos(a) as the derivative, forgetting the chain rule: sin(u)′ = \
                    cos(u)·u′. The ε part of the argument must multiply the outer derivative (the same for cos, \
                    exp, ln: g(a + bε) = g(a) + g′(a)·b ε). It only looked right for sin(x), where u′ = 1.")
                .implementation(Impl { evaluate: |e, x| evaluate_with(e, x, &Wrong::<2>::OPS) }),
            Misconception::named("quotient_rule_sign")
                .explanation("Your quotient rule adds the two terms: (u/v)′ = (u′·v − u·v′)/v², with a minus — \
                    increasing the denominator decreases the quotient.")
                .implementation(Impl { evaluate: |e, x| evaluate_with(e, x, &Wrong::<3>::OPS) }),
            Misconception::named("constant_has_derivative")
                .explanation("Your Dual::constant has a non-zero ε part. A constant does not change when x does: \
                    constant(c) = c + 0ε; only the variable gets 1ε.")
                .implementation(Impl { evaluate: |e, x| evaluate_with(e, x, &Wrong::<4>::OPS) }),
        ],
        probe: |imp| {
            let d = |e: Expr, x: f64| show::rounded((imp.evaluate)(&e, x).1, 8);
            vec![
                d(Expr::Mul(b(Expr::X), b(Expr::Sin(b(Expr::X)))), 1.0),
                d(Expr::Sin(b(Expr::Mul(b(Expr::X), b(Expr::X)))), 1.5),
                d(Expr::Div(b(Expr::X), b(Expr::Add(b(Expr::X), b(Expr::Const(1.0))))), 1.0),
                d(Expr::Mul(b(Expr::Const(3.0)), b(Expr::X)), 2.0),
            ]
        },
    }
}

/// A dual number (value, derivative) with one rule wrong, chosen by `MODE`: 1 product rule
/// with one term, 2 sin without the inner derivative, 3 quotient rule with a plus, 4 constants
/// with ε part 1.
struct Wrong<const MODE: u8>;

impl<const MODE: u8> Wrong<MODE> {
    const OPS: Ops<(f64, f64)> = Ops {
        variable: |x| (x, 1.0),
        constant: |c| (c, if MODE == 4 { 1.0 } else { 0.0 }),
        add: |a, b| (a.0 + b.0, a.1 + b.1),
        sub: |a, b| (a.0 - b.0, a.1 - b.1),
        mul: |a, b| (a.0 * b.0, if MODE == 1 { a.1 * b.0 } else { a.1 * b.0 + a.0 * b.1 }),
        div: |a, b| {
            let sign = if MODE == 3 { 1.0 } else { -1.0 };
            (a.0 / b.0, (a.1 * b.0 + sign * a.0 * b.1) / (b.0 * b.0))
        },
        sin: |a| (a.0.sin(), a.0.cos() * if MODE == 2 { 1.0 } else { a.1 }),
        cos: |a| (a.0.cos(), -a.0.sin() * a.1),
        exp: |a| (a.0.exp(), a.0.exp() * a.1),
        ln: |a| (a.0.ln(), a.1 / a.0),
        parts: |d| *d,
    };
}
