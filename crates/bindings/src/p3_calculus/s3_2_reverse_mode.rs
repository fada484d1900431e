//! The interface of 3.2 — reverse-mode automatic differentiation on a tape (a Wengert list).
//!
//! The learner defines `Tape` and `Var`; the bind macro turns them into one plain function,
//! [`Impl::run`], which records a straight-line program ([`Op`]s, built here) on a fresh
//! tape with the variables x and y, and returns the output's value and the adjoint
//! ∂output/∂entry of every entry of the program.

use serde::{Deserialize, Serialize};

/// One instruction of a straight-line program in two variables. Operands are indices of
/// earlier entries: entry 0 is x, entry 1 is y, entry k + 2 is instruction k. Entries may
/// be used any number of times (shared sub-expressions).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub enum Op {
    /// A constant.
    Const(f64),
    /// a + b.
    Add(usize, usize),
    /// a − b.
    Sub(usize, usize),
    /// a · b.
    Mul(usize, usize),
    /// sin a.
    Sin(usize),
    /// exp a.
    Exp(usize),
}

/// The operations of a tape type, as plain function pointers (filled in by the bind macro
/// from the learner's `Tape` and `Var`).
pub struct Ops<T, V> {
    /// `Tape::new`.
    pub new: fn() -> T,
    /// `Tape::var`.
    pub var: fn(&mut T, f64) -> V,
    /// `Tape::constant`.
    pub constant: fn(&mut T, f64) -> V,
    /// `Tape::add`.
    pub add: fn(&mut T, V, V) -> V,
    /// `Tape::sub`.
    pub sub: fn(&mut T, V, V) -> V,
    /// `Tape::mul`.
    pub mul: fn(&mut T, V, V) -> V,
    /// `Tape::sin`.
    pub sin: fn(&mut T, V) -> V,
    /// `Tape::exp`.
    pub exp: fn(&mut T, V) -> V,
    /// `Tape::value`.
    pub value: fn(&T, V) -> f64,
    /// `Tape::gradient`.
    pub gradient: fn(&T, V) -> Vec<f64>,
    /// The node index of a `Var` (`v.0`).
    pub index: fn(V) -> usize,
}

/// Records `program` on a new tape with x and y, and returns (value of the last entry,
/// adjoint of every entry). A gradient too short for an entry gives NaN there.
pub fn run_with<T, V: Copy>(program: &[Op], x: f64, y: f64, ops: &Ops<T, V>) -> Run {
    let mut tape = (ops.new)();
    let mut vars = vec![(ops.var)(&mut tape, x), (ops.var)(&mut tape, y)];
    for op in program {
        let v = match *op {
            Op::Const(c) => (ops.constant)(&mut tape, c),
            Op::Add(a, b) => (ops.add)(&mut tape, vars[a], vars[b]),
            Op::Sub(a, b) => (ops.sub)(&mut tape, vars[a], vars[b]),
            Op::Mul(a, b) => (ops.mul)(&mut tape, vars[a], vars[b]),
            Op::Sin(a) => (ops.sin)(&mut tape, vars[a]),
            Op::Exp(a) => (ops.exp)(&mut tape, vars[a]),
        };
        vars.push(v);
    }
    let output = *vars.last().expect("x and y are always recorded");
    let value = (ops.value)(&tape, output);
    let gradient = (ops.gradient)(&tape, output);
    let adjoints = vars
        .iter()
        .map(|&v| gradient.get((ops.index)(v)).copied().unwrap_or(f64::NAN))
        .collect();
    (value, adjoints)
}

/// What a run returns: the output's value and the adjoint ∂output/∂entry of every entry.
pub type Run = (f64, Vec<f64>);

/// The exercise's signature (the learner's `Tape` adapted by the bind macro).
pub struct Impl {
    /// Runs a program on x and y: (value of the output, adjoint of every entry).
    pub run: fn(&[Op], f64, f64) -> Run,
}

/// Binds a module that defines the exercise's `Tape` and `Var` types to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_2_reverse_mode {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_2_reverse_mode::Impl {
            run: |program, x, y| {
                type T = $($m::)+Tape;
                type V = $($m::)+Var;
                $crate::p3_calculus::s3_2_reverse_mode::run_with(
                    program,
                    x,
                    y,
                    &$crate::p3_calculus::s3_2_reverse_mode::Ops::<T, V> {
                        new: T::new,
                        var: T::var,
                        constant: T::constant,
                        add: T::add,
                        sub: T::sub,
                        mul: T::mul,
                        sin: T::sin,
                        exp: T::exp,
                        value: T::value,
                        gradient: T::gradient,
                        index: |v: V| v.0,
                    },
                )
            },
        }
    };
}
