//! The interface of 3.1 — forward-mode automatic differentiation with dual numbers.
//!
//! The learner defines a type; the bind macro turns it into one plain function,
//! [`Impl::evaluate`], which evaluates an expression tree ([`Expr`]) built here on
//! `Dual::variable(x)` and returns the value and ε part of the result.

use serde::{Deserialize, Serialize};

/// An expression in one variable x, evaluated on dual numbers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Expr {
    /// The variable x.
    X,
    /// A constant.
    Const(f64),
    /// a + b.
    Add(Box<Expr>, Box<Expr>),
    /// a − b.
    Sub(Box<Expr>, Box<Expr>),
    /// a · b.
    Mul(Box<Expr>, Box<Expr>),
    /// a / b.
    Div(Box<Expr>, Box<Expr>),
    /// sin a.
    Sin(Box<Expr>),
    /// cos a.
    Cos(Box<Expr>),
    /// eᵃ.
    Exp(Box<Expr>),
    /// ln a.
    Ln(Box<Expr>),
}

/// The operations of a dual-number type, as plain function pointers (filled in by the bind
/// macro from the learner's type).
pub struct Ops<T> {
    /// `Dual::variable`.
    pub variable: fn(f64) -> T,
    /// `Dual::constant`.
    pub constant: fn(f64) -> T,
    /// `a + b`.
    pub add: fn(T, T) -> T,
    /// `a - b`.
    pub sub: fn(T, T) -> T,
    /// `a * b`.
    pub mul: fn(T, T) -> T,
    /// `a / b`.
    pub div: fn(T, T) -> T,
    /// `a.sin()`.
    pub sin: fn(T) -> T,
    /// `a.cos()`.
    pub cos: fn(T) -> T,
    /// `a.exp()`.
    pub exp: fn(T) -> T,
    /// `a.ln()`.
    pub ln: fn(T) -> T,
    /// `(a.value, a.derivative)`.
    pub parts: fn(&T) -> (f64, f64),
}

/// Evaluates `expr` on `variable(x)` with the operations `ops`; returns (value, derivative).
pub fn evaluate_with<T: Clone>(expr: &Expr, x: f64, ops: &Ops<T>) -> (f64, f64) {
    fn go<T: Clone>(e: &Expr, x: &T, ops: &Ops<T>) -> T {
        match e {
            Expr::X => x.clone(),
            Expr::Const(c) => (ops.constant)(*c),
            Expr::Add(a, b) => (ops.add)(go(a, x, ops), go(b, x, ops)),
            Expr::Sub(a, b) => (ops.sub)(go(a, x, ops), go(b, x, ops)),
            Expr::Mul(a, b) => (ops.mul)(go(a, x, ops), go(b, x, ops)),
            Expr::Div(a, b) => (ops.div)(go(a, x, ops), go(b, x, ops)),
            Expr::Sin(a) => (ops.sin)(go(a, x, ops)),
            Expr::Cos(a) => (ops.cos)(go(a, x, ops)),
            Expr::Exp(a) => (ops.exp)(go(a, x, ops)),
            Expr::Ln(a) => (ops.ln)(go(a, x, ops)),
        }
    }
    let variable = (ops.variable)(x);
    (ops.parts)(&go(expr, &variable, ops))
}

/// The exercise's signature (the learner's `Dual` adapted by the bind macro).
pub struct Impl {
    /// Evaluates an expression on `Dual::variable(x)`: (value, derivative).
    pub evaluate: fn(&Expr, f64) -> (f64, f64),
}

/// Binds a module that defines the exercise's `Dual` type to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_1_dual_numbers {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_1_dual_numbers::Impl {
            evaluate: |expr, x| {
                type D = $($m::)+Dual;
                $crate::p3_calculus::s3_1_dual_numbers::evaluate_with(
                    expr,
                    x,
                    &$crate::p3_calculus::s3_1_dual_numbers::Ops::<D> {
                        variable: D::variable,
                        constant: D::constant,
                        add: |a, b| a + b,
                        sub: |a, b| a - b,
                        mul: |a, b| a * b,
                        div: |a, b| a / b,
                        sin: D::sin,
                        cos: D::cos,
                        exp: D::exp,
                        ln: D::ln,
                        parts: |d| (d.value, d.derivative),
                    },
                )
            },
        }
    };
}
