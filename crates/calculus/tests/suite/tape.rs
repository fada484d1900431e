//! The reverse-mode tape: gradients of random expressions in two variables against dual
//! numbers (forward mode, one pass per variable) and against central differences; gradient
//! accumulation when a node is used several times.

use crate::common::*;
use mathlings_calculus::{Dual, Tape, Var, numerical_gradient, optimal_central_step};
use proptest::prelude::*;

/// A random expression in x and y, built from every operation the tape records. Divisions
/// and logarithms are guarded (1 + v², ln(1 + v²)) so the expression is smooth everywhere.
#[derive(Clone, Debug)]
enum Expr {
    X,
    Y,
    Const(f64),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    /// u / (1 + v²)
    Div(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Sin(Box<Expr>),
    Cos(Box<Expr>),
    Tanh(Box<Expr>),
    Exp(Box<Expr>),
    /// ln(1 + u²)
    LnSquare(Box<Expr>),
    /// √(1 + u²)
    SqrtSquare(Box<Expr>),
    Powi(Box<Expr>, i32),
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        Just(Expr::X),
        Just(Expr::Y),
        (-2.0..2.0_f64).prop_map(Expr::Const)
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        let b = |e: Expr| Box::new(e);
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(move |(u, v)| Expr::Add(b(u), b(v))),
            (inner.clone(), inner.clone()).prop_map(move |(u, v)| Expr::Sub(b(u), b(v))),
            (inner.clone(), inner.clone()).prop_map(move |(u, v)| Expr::Mul(b(u), b(v))),
            (inner.clone(), inner.clone()).prop_map(move |(u, v)| Expr::Div(b(u), b(v))),
            inner.clone().prop_map(move |u| Expr::Neg(b(u))),
            inner.clone().prop_map(move |u| Expr::Sin(b(u))),
            inner.clone().prop_map(move |u| Expr::Cos(b(u))),
            inner.clone().prop_map(move |u| Expr::Tanh(b(u))),
            inner.clone().prop_map(move |u| Expr::Exp(b(u))),
            inner.clone().prop_map(move |u| Expr::LnSquare(b(u))),
            inner.clone().prop_map(move |u| Expr::SqrtSquare(b(u))),
            (inner, 0..4_i32).prop_map(move |(u, n)| Expr::Powi(b(u), n)),
        ]
    })
}

/// Evaluates with dual numbers (x, y given as duals: one of them is the variable).
fn eval_dual(e: &Expr, x: Dual, y: Dual) -> Dual {
    let one = Dual::constant(1.0);
    match e {
        Expr::X => x,
        Expr::Y => y,
        Expr::Const(c) => Dual::constant(*c),
        Expr::Add(u, v) => eval_dual(u, x, y) + eval_dual(v, x, y),
        Expr::Sub(u, v) => eval_dual(u, x, y) - eval_dual(v, x, y),
        Expr::Mul(u, v) => eval_dual(u, x, y) * eval_dual(v, x, y),
        Expr::Div(u, v) => eval_dual(u, x, y) / (one + eval_dual(v, x, y).powi(2)),
        Expr::Neg(u) => -eval_dual(u, x, y),
        Expr::Sin(u) => eval_dual(u, x, y).sin(),
        Expr::Cos(u) => eval_dual(u, x, y).cos(),
        Expr::Tanh(u) => eval_dual(u, x, y).tanh(),
        Expr::Exp(u) => eval_dual(u, x, y).exp(),
        Expr::LnSquare(u) => (one + eval_dual(u, x, y).powi(2)).ln(),
        Expr::SqrtSquare(u) => (one + eval_dual(u, x, y).powi(2)).sqrt(),
        Expr::Powi(u, n) => eval_dual(u, x, y).powi(*n),
    }
}

/// Records the expression on a tape. The guards use mul (u·u), not powi, so that a node is
/// used twice and accumulation is exercised.
fn record(e: &Expr, tape: &mut Tape, x: Var, y: Var) -> Var {
    match e {
        Expr::X => x,
        Expr::Y => y,
        Expr::Const(c) => tape.constant(*c),
        Expr::Add(u, v) => {
            let (a, b) = (record(u, tape, x, y), record(v, tape, x, y));
            tape.add(a, b)
        }
        Expr::Sub(u, v) => {
            let (a, b) = (record(u, tape, x, y), record(v, tape, x, y));
            tape.sub(a, b)
        }
        Expr::Mul(u, v) => {
            let (a, b) = (record(u, tape, x, y), record(v, tape, x, y));
            tape.mul(a, b)
        }
        Expr::Div(u, v) => {
            let a = record(u, tape, x, y);
            let b = record(v, tape, x, y);
            let denominator = one_plus_square(tape, b);
            tape.div(a, denominator)
        }
        Expr::Neg(u) => {
            let a = record(u, tape, x, y);
            tape.neg(a)
        }
        Expr::Sin(u) => {
            let a = record(u, tape, x, y);
            tape.sin(a)
        }
        Expr::Cos(u) => {
            let a = record(u, tape, x, y);
            tape.cos(a)
        }
        Expr::Tanh(u) => {
            let a = record(u, tape, x, y);
            tape.tanh(a)
        }
        Expr::Exp(u) => {
            let a = record(u, tape, x, y);
            tape.exp(a)
        }
        Expr::LnSquare(u) => {
            let a = record(u, tape, x, y);
            let s = one_plus_square(tape, a);
            tape.ln(s)
        }
        Expr::SqrtSquare(u) => {
            let a = record(u, tape, x, y);
            let s = one_plus_square(tape, a);
            tape.sqrt(s)
        }
        Expr::Powi(u, n) => {
            let a = record(u, tape, x, y);
            tape.powi(a, *n)
        }
    }
}

fn one_plus_square(tape: &mut Tape, a: Var) -> Var {
    let one = tape.constant(1.0);
    let square = tape.mul(a, a);
    tape.add(one, square)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tape_gradient_equals_forward_mode(e in expr(), x0 in real(1.5), y0 in real(1.5)) {
        let dx = eval_dual(&e, Dual::variable(x0), Dual::constant(y0));
        let dy = eval_dual(&e, Dual::constant(x0), Dual::variable(y0));
        prop_assume!(dx.value.is_finite() && dx.value.abs() < 1e6);
        prop_assume!(dx.derivative.abs() < 1e6 && dy.derivative.abs() < 1e6);

        let mut tape = Tape::new();
        let (x, y) = (tape.var(x0), tape.var(y0));
        let out = record(&e, &mut tape, x, y);
        let grad = tape.gradient(out);
        let scale = 1.0 + dx.derivative.abs().max(dy.derivative.abs());
        prop_assert!((tape.value(out) - dx.value).abs() <= ROUND_OFF * (1.0 + dx.value.abs()));
        prop_assert!((grad[x.index()] - dx.derivative).abs() <= ROUND_OFF * scale,
            "∂/∂x: tape {} vs dual {}", grad[x.index()], dx.derivative);
        prop_assert!((grad[y.index()] - dy.derivative).abs() <= ROUND_OFF * scale,
            "∂/∂y: tape {} vs dual {}", grad[y.index()], dy.derivative);
    }

    #[test]
    fn tape_gradient_passes_the_gradient_check(e in expr(), x0 in real(1.5), y0 in real(1.5)) {
        let value = |p: &[f64]| eval_dual(&e, Dual::constant(p[0]), Dual::constant(p[1])).value;
        let v = value(&[x0, y0]);
        prop_assume!(v.is_finite() && v.abs() < 1e3);

        let mut tape = Tape::new();
        let (x, y) = (tape.var(x0), tape.var(y0));
        let out = record(&e, &mut tape, x, y);
        let grad = tape.gradient(out);
        prop_assume!(grad.iter().all(|g| g.abs() < 1e3));
        let numeric = numerical_gradient(value, &[x0, y0], optimal_central_step(1.5)).unwrap();
        let error = scaled_error(&[grad[x.index()], grad[y.index()]], &numeric);
        prop_assert!(error <= GRADIENT_CHECK * (1.0 + v.abs()), "error {error}: {grad:?} vs {numeric:?}");
    }
}

#[test]
fn gradients_accumulate_over_every_use_of_a_node() {
    // f(x, y) = (x·y)·(x·y) + x·x·x: ∂f/∂x = 2xy² + 3x², ∂f/∂y = 2x²y.
    let mut tape = Tape::new();
    let (x, y) = (tape.var(1.5), tape.var(-2.0));
    let xy = tape.mul(x, y);
    let xy2 = tape.mul(xy, xy);
    let xx = tape.mul(x, x);
    let xxx = tape.mul(xx, x);
    let f = tape.add(xy2, xxx);
    let g = tape.gradient(f);
    assert_eq!(g[x.index()], 2.0 * 1.5 * 4.0 + 3.0 * 2.25);
    assert_eq!(g[y.index()], 2.0 * 2.25 * -2.0);
    // Intermediate adjoints: ∂f/∂(xy) = 2xy, ∂f/∂(x·x) = x.
    assert_eq!(g[xy.index()], 2.0 * -3.0);
    assert_eq!(g[xx.index()], 1.5);
}

#[test]
fn nodes_that_do_not_reach_the_output_get_zero() {
    let mut tape = Tape::new();
    let (x, y) = (tape.var(1.0), tape.var(2.0));
    let sx = tape.sin(x);
    let later = tape.exp(sx); // recorded after the output we differentiate
    let g = tape.gradient(sx);
    assert_eq!(g.len(), tape.len());
    assert_eq!(g[y.index()], 0.0);
    assert_eq!(g[later.index()], 0.0);
    assert_eq!(g[x.index()], 1f64.cos());
}
