//! Checks for 3.2 — reverse-mode automatic differentiation on a tape (a Wengert list).
//!
//! The learner defines `Tape` and `Var`; the bind macro turns them into one plain function,
//! [`Impl::run`], which records a straight-line program ([`Op`]s, built here) on a fresh
//! tape with the variables x and y, and returns the output's value and the adjoint
//! ∂output/∂entry of every entry of the program.

use std::fmt::Write;

use super::common;
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_2_reverse_mode::{Impl, Op, Ops, Run, run_with};

fn reference(program: &[Op], x: f64, y: f64) -> Run {
    type T = mathlings_calculus::Tape;
    type V = mathlings_calculus::Var;
    let ops = Ops::<T, V> {
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
        index: V::index,
    };
    run_with(program, x, y, &ops)
}

/// The value of every entry, in plain f64 (no tape).
fn evaluate(program: &[Op], x: f64, y: f64) -> Vec<f64> {
    let mut v = vec![x, y];
    for op in program {
        let next = match *op {
            Op::Const(c) => c,
            Op::Add(a, b) => v[a] + v[b],
            Op::Sub(a, b) => v[a] - v[b],
            Op::Mul(a, b) => v[a] * v[b],
            Op::Sin(a) => v[a].sin(),
            Op::Exp(a) => v[a].exp(),
        };
        v.push(next);
    }
    v
}

/// The output (last entry) of the plain evaluation.
fn output(program: &[Op], x: f64, y: f64) -> f64 {
    *evaluate(program, x, y).last().expect("output")
}

fn name(i: usize) -> String {
    match i {
        0 => "x".into(),
        1 => "y".into(),
        _ => format!("v{i}"),
    }
}

/// The program as the Rust code that records it on a tape.
fn call(program: &[Op], x: f64, y: f64) -> String {
    let (x, y) = (show::float(x), show::float(y));
    let mut s = format!("{{ let mut t = Tape::new(); let x = t.var({x}); let y = t.var({y});");
    for (k, op) in program.iter().enumerate() {
        let rhs = match *op {
            Op::Const(c) => format!("t.constant({})", show::float(c)),
            Op::Add(a, b) => format!("t.add({}, {})", name(a), name(b)),
            Op::Sub(a, b) => format!("t.sub({}, {})", name(a), name(b)),
            Op::Mul(a, b) => format!("t.mul({}, {})", name(a), name(b)),
            Op::Sin(a) => format!("t.sin({})", name(a)),
            Op::Exp(a) => format!("t.exp({})", name(a)),
        };
        let _ = write!(s, " let {} = {rhs};", name(k + 2));
    }
    let out = name(program.len() + 1);
    let _ = write!(s, " (t.value({out}), t.gradient({out})) }}");
    s
}

/// The call of a generated (program, x, y).
fn case_call((p, x, y): &(Vec<Op>, f64, f64)) -> String {
    call(p, *x, *y)
}

/// A run shown as the value and the adjoint of each entry, by name.
fn shown(run: &Run) -> String {
    let adjoints: Vec<String> = run
        .1
        .iter()
        .enumerate()
        .map(|(i, a)| format!("g[{}.0] = {}", name(i), show::float(*a)))
        .collect();
    format!("value {}, {}", show::float(run.0), adjoints.join(", "))
}

/// Value and every adjoint within `tol`.
fn runs_close(got: &Run, want: &Run, tol: Tol) -> Verdict {
    let ok = tol.accepts(got.0, want.0)
        && got.1.len() == want.1.len()
        && got.1.iter().zip(&want.1).all(|(&g, &w)| tol.accepts(g, w));
    expect::that(
        ok,
        shown(got),
        format!("{} (each ± {} relative)", shown(want), show::rounded(tol.rel, 2)),
    )
}

/// A run's value and adjoints of x and y (NaN where missing, which no tolerance accepts).
fn xy(run: &Run) -> [f64; 3] {
    let adjoint = |i: usize| run.1.get(i).copied().unwrap_or(f64::NAN);
    [run.0, adjoint(0), adjoint(1)]
}

fn show_xy([value, gx, gy]: [f64; 3]) -> String {
    let [value, gx, gy] = [value, gx, gy].map(show::float);
    format!("value {value}, g[x.0] = {gx}, g[y.0] = {gy}")
}

/// Value, g[x] and g[y] (see [`xy`]) each within its tolerance of `want`, which `expected`
/// describes.
fn xy_close(got: [f64; 3], want: [f64; 3], tols: [Tol; 3], expected: String) -> Verdict {
    expect::that((0..3).all(|i| tols[i].accepts(got[i], want[i])), show_xy(got), expected)
}

/// Random straight-line programs of `len` instructions whose operands are random earlier
/// entries (so entries are often shared). The output (last entry) is never a constant.
fn program(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<Op>> + Clone {
    proptest::collection::vec((0u8..6, 0usize..64, 0usize..64, -4i32..=4), len).prop_map(|raw| {
        let last = raw.len() - 1;
        raw.iter()
            .enumerate()
            .map(|(k, &(kind, a, b, c))| {
                let entries = k + 2;
                let (a, b) = (a % entries, b % entries);
                match if k == last { kind % 5 } else { kind } {
                    0 => Op::Mul(a, b),
                    1 => Op::Add(a, b),
                    2 => Op::Sin(a),
                    3 => Op::Sub(a, b),
                    4 => Op::Exp(a),
                    _ => Op::Const(f64::from(c) / 2.0),
                }
            })
            .collect()
    })
}

/// A coordinate k/16 in [−2, 2].
fn coordinate() -> impl Strategy<Value = f64> + Clone {
    (-32i32..=32).prop_map(|k| f64::from(k) / 16.0)
}

/// Whether the reference value and adjoints of `program` at (x, y) are moderate (≤ 1e6).
fn moderate(program: &[Op], x: f64, y: f64) -> bool {
    let (v, adjoints) = reference(program, x, y);
    v.abs() <= 1e6 && adjoints.iter().all(|a| a.abs() <= 1e6)
}

/// A program and a point where the reference value and adjoints are moderate.
fn moderate_program() -> impl Strategy<Value = (Vec<Op>, f64, f64)> + Clone {
    (program(1..=10), coordinate(), coordinate())
        .prop_filter("moderate values", |(p, x, y)| moderate(p, *x, *y))
}

/// Central difference of the plain evaluation along x (`along_x`) or y.
fn central(program: &[Op], x: f64, y: f64, along_x: bool, h: f64) -> f64 {
    let (dx, dy) = if along_x { (h, 0.0) } else { (0.0, h) };
    (output(program, x + dx, y + dy) - output(program, x - dx, y - dy)) / (2.0 * h)
}

/// The step of the gradient check (≈ ε^(1/3), the best step for central differences).
const H: f64 = 1e-5;
/// Same operations as the reference in the same order up to rounding: a correct tape may
/// order its additions differently, a few ε per node, amplified by at most 10 nodes of
/// moderate (≤ 1e6) values; 1e-9 relative leaves ample room.
const AGREE: Tol = Tol { rel: 1e-9, abs: 1e-9 };
/// The analytic checks recombine a handful of operations: a few ε.
const RULE: Tol = Tol { rel: 1e-12, abs: 1e-13 };
/// Central differences are only used where D(h) and D(h/2) agree to 1e-7·(1 + |D|) (so
/// their error, ≈ 4/3 of that gap plus round-off ε·|f|/h, is below ~2e-7·(1 + |D|));
/// 1e-6·(1 + |D|) then accepts every correct gradient and rejects any wrong term.
fn gradient_check_tol(d: f64) -> Tol {
    Tol { rel: 0.0, abs: 1e-6 * (1.0 + d.abs()) }
}

/// f = u·u + u with u = sin(x·y): u is used three times.
const SHARED: [Op; 4] = [Op::Mul(0, 1), Op::Sin(2), Op::Mul(3, 3), Op::Add(4, 3)];

/// The programs f and g run together: f's entries, then g's (its x and y are f's), then
/// `combine(last of f, last of g)`.
fn joined(f: &[Op], g: &[Op], combine: fn(usize, usize) -> Op) -> Vec<Op> {
    let offset = f.len();
    let shift = |i: usize| if i < 2 { i } else { i + offset };
    let mut out = f.to_vec();
    out.extend(g.iter().map(|op| match *op {
        Op::Const(c) => Op::Const(c),
        Op::Add(a, c) => Op::Add(shift(a), shift(c)),
        Op::Sub(a, c) => Op::Sub(shift(a), shift(c)),
        Op::Mul(a, c) => Op::Mul(shift(a), shift(c)),
        Op::Sin(a) => Op::Sin(shift(a)),
        Op::Exp(a) => Op::Exp(shift(a)),
    }));
    out.push(combine(f.len() + 1, f.len() + g.len() + 1));
    out
}

/// mse(θ) = (1/n) Σ (yᵢ − (θ₀ + θ₁xᵢ))² on Anscombe's first set, with θ₀ = x and θ₁ = y:
/// each θ is used n times, each residual twice.
fn anscombe_mse_program() -> Vec<Op> {
    let (xs, ys) = common::anscombe_1();
    let mut p = Vec::new();
    let mut total = None;
    for (xi, yi) in xs.iter().zip(ys) {
        // Entries k.. : xᵢ, θ₁·xᵢ, θ₀ + θ₁·xᵢ, yᵢ, the residual, its square.
        let k = p.len() + 2;
        p.extend([Op::Const(*xi), Op::Mul(1, k), Op::Add(0, k + 1), Op::Const(*yi)]);
        p.extend([Op::Sub(k + 3, k + 2), Op::Mul(k + 4, k + 4)]);
        total = Some(match total {
            None => k + 5,
            Some(t) => {
                p.push(Op::Add(t, k + 5));
                k + 6
            }
        });
    }
    p.push(Op::Const(1.0 / xs.len() as f64));
    p.push(Op::Mul(total.expect("11 points"), p.len() + 1));
    p
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_2_reverse_mode",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("on random programs of ≤ 10 operations (+ − · sin exp, operands shared at random, x, y ∈ [−2, 2]) the value and the gradient entry of EVERY node equal the reference mathlings_calculus::Tape (to 1e-9 relative)")
                .check(|imp, ctx| {
                    ctx.forall(moderate_program(), case_call, |(p, x, y)| {
                        runs_close(&(imp.run)(p, *x, *y), &reference(p, *x, *y), AGREE)
                    })
                }),
            Property::named("gradient_check", 2)
                .description("on random programs, ∂/∂x and ∂/∂y from your tape agree with central differences (f(x + h) − f(x − h))/2h of the plain f64 evaluation, h = 1e-5 (to 1e-6·(1 + |∂|)), and the value with the plain evaluation")
                .check(|imp, ctx| {
                    let input = moderate_program().prop_filter("finite differences reliable", |(p, x, y)| {
                        output(p, *x, *y).abs() <= 1e3
                            && [true, false].iter().all(|&along_x| {
                                let d = central(p, *x, *y, along_x, H);
                                (d - central(p, *x, *y, along_x, H / 2.0)).abs() <= 1e-7 * (1.0 + d.abs())
                            })
                    });
                    ctx.forall(input, case_call, |(p, x, y)| {
                        let value = output(p, *x, *y);
                        let (dx, dy) = (central(p, *x, *y, true, H), central(p, *x, *y, false, H));
                        let [tx, ty] = [gradient_check_tol(dx), gradient_check_tol(dy)];
                        let got = xy(&(imp.run)(p, *x, *y));
                        let [v, gx, gy] = [value, dx, dy].map(show::float);
                        let [ex, ey] = [tx.abs, ty.abs].map(|t| show::rounded(t, 2));
                        let expected = format!("value {v}, g[x.0] ≈ {gx} (± {ex}), g[y.0] ≈ {gy} (± {ey}) by central differences");
                        xy_close(got, [value, dx, dy], [AGREE, tx, ty], expected)
                    })
                }),
            Property::named("accumulates_shared_uses", 2)
                .description("a node used several times receives every contribution: x·x gives g[x] = 2x, x·x·x gives 3x², x + x gives 2, and for u = sin(x·y), f = u·u + u: g[u] = 2u + 1 and g[x] = (2u + 1)·cos(x·y)·y")
                .check(|imp, ctx| {
                    ctx.forall((coordinate(), coordinate()), |(x, y)| call(&SHARED, *x, *y), |&(x, y)| {
                        let cases: [(Vec<Op>, Run); 3] = [
                            (vec![Op::Mul(0, 0)], (x * x, vec![2.0 * x, 0.0, 1.0])),
                            (vec![Op::Mul(0, 0), Op::Mul(2, 0)], (x * x * x, vec![3.0 * x * x, 0.0, x, 1.0])),
                            (vec![Op::Add(0, 0)], (x + x, vec![2.0, 0.0, 1.0])),
                        ];
                        for (p, want) in &cases {
                            runs_close(&(imp.run)(p, x, y), want, RULE)
                                .map_err(|f| Failure { call: call(p, x, y), ..f })?;
                        }
                        let u = (x * y).sin();
                        let gu = 2.0 * u + 1.0;
                        let gxy = gu * (x * y).cos();
                        let want = (u * u + u, vec![gxy * y, gxy * x, gxy, gu, 1.0, 1.0]);
                        runs_close(&(imp.run)(&SHARED, x, y), &want, RULE)
                    })
                }),
            Property::named("long_chains", 2)
                .description("chains of 2–8 sin/exp applied to x·y get the full chain rule g[x] = y·Π f′ (each node passes its adjoint on only once it is complete, i.e. in reverse order)")
                .check(|imp, ctx| {
                    let sins = proptest::collection::vec(proptest::bool::ANY, 2..=8);
                    let input = (sins, coordinate(), coordinate())
                        .prop_map(|(sins, x, y)| {
                            let chain = sins.iter().enumerate().map(|(k, &sin)| if sin { Op::Sin(k + 2) } else { Op::Exp(k + 2) });
                            (std::iter::once(Op::Mul(0, 1)).chain(chain).collect::<Vec<_>>(), x, y)
                        })
                        .prop_filter("moderate values", |(p, x, y)| moderate(p, *x, *y));
                    ctx.forall(input, case_call, |(p, x, y)| {
                        // Analytic: d = Π f′(vₖ) along the chain, forwards.
                        let (mut v, mut d) = (x * y, 1.0);
                        for op in &p[1..] {
                            (v, d) = match op {
                                Op::Sin(_) => (v.sin(), d * v.cos()),
                                _ => (v.exp(), d * v.exp()),
                            };
                        }
                        let (got, want) = (xy(&(imp.run)(p, *x, *y)), [v, d * y, d * x]);
                        xy_close(got, want, [RULE; 3], format!("{} (chain rule, ± 1e-12 relative)", show_xy(want)))
                    })
                }),
            Property::named("linearity", 1)
                .description("gradients are linear, using your own runs: ∇(f + g) = ∇f + ∇g and ∇(c·f) = c·∇f for random programs f, g and constants c")
                .check(|imp, ctx| {
                    let input = (moderate_program(), program(1..=6), (-8i32..=8).prop_map(|k| f64::from(k) / 4.0))
                        .prop_filter("moderate g", |((_, x, y), g, _)| moderate(g, *x, *y));
                    ctx.forall(
                        input,
                        |((f, x, y), g, _)| call(&joined(f, g, Op::Add), *x, *y),
                        |((f, x, y), g, c)| {
                            let (rf, rg) = ((imp.run)(f, *x, *y), (imp.run)(g, *x, *y));
                            let entries = rf.1.len() >= 2 && rg.1.len() >= 2;
                            expect::that(entries, format!("{} and {}", shown(&rf), shown(&rg)), "a gradient entry for x and y")?;
                            let (xf, xg) = (xy(&rf), xy(&rg));
                            let got = xy(&(imp.run)(&joined(f, g, Op::Add), *x, *y));
                            let want = [0, 1, 2].map(|i| xf[i] + xg[i]);
                            let tols = [0, 1, 2].map(|i| Tol { rel: 1e-12, abs: 1e-12 * (1.0 + xf[i].abs() + xg[i].abs()) });
                            xy_close(got, want, tols, format!("the sums of your runs of f and g: {}", show_xy(want)))?;
                            let mut scaled = f.clone();
                            scaled.push(Op::Const(*c));
                            scaled.push(Op::Mul(f.len() + 2, f.len() + 1));
                            let got = xy(&(imp.run)(&scaled, *x, *y));
                            let want = xf.map(|v| c * v);
                            let expected = format!("{} times your run of f: {}", show::float(*c), show_xy(want));
                            xy_close(got, want, [RULE; 3], expected)
                                .map_err(|f| Failure { call: call(&scaled, *x, *y), ..f })
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("outside f64’s range values follow f64, never a panic: exp(x) − exp(x) at x = 1000 has a NaN value, exp(exp(x)) at x = 10 an infinite one; and the gradient of a plain variable y is 1 for y and 0 for x")
                .check(|imp, ctx| {
                    let (nan, inf) = (vec![Op::Exp(0), Op::Exp(0), Op::Sub(2, 3)], vec![Op::Exp(0), Op::Exp(2)]);
                    let cases: [(_, common::FloatTest); 2] = [
                        ((nan, 1000.0), (f64::is_nan, "a NaN value (∞ − ∞ as in f64)")),
                        ((inf, 10.0), (|v| v == f64::INFINITY, "value f64::INFINITY (exp(22026.5) overflows)")),
                    ];
                    common::each_case(ctx, &cases, |(p, x)| call(p, *x, 0.0), |(p, x), (ok, expected)| {
                        let got = (imp.run)(p, *x, 0.0);
                        expect::that(ok(got.0), shown(&got), expected)
                    })?;
                    ctx.once(&call(&[], 0.5, 2.0), || {
                        runs_close(&(imp.run)(&[], 0.5, 2.0), &(2.0, vec![0.0, 1.0]), RULE)
                    })
                }),
            Property::named("anscombe_loss_gradient", 1)
                .description("the value and gradient of the mean squared error (1/n) Σ (yᵢ − θ₀ − θ₁xᵢ)² on Anscombe's first set at θ = (0, 0), recorded on your tape, match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "mse(θ) = (1/11) Σ (yᵢ − (θ₀ + θ₁·xᵢ))² recorded on a Tape over Anscombe's first set with θ₀ = t.var(0.0), θ₁ = t.var(0.0): (t.value(mse), g[θ₀.0], g[θ₁.0])";
                    ctx.once(call, || {
                        let [v, g0, g1] = xy(&(imp.run)(&anscombe_mse_program(), 0.0, 0.0))
                            .map(|v| show::rounded(v, 10));
                        let text = format!("mse = {v}\n∂mse/∂θ₀ = {g0}\n∂mse/∂θ₁ = {g1}\n");
                        ctx.snapshot("anscombe", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("overwrites_gradients")
                .explanation("Your backward pass SETS the adjoint of an input (adjoint[i] = adjoint[k] · local) \
                    instead of ADDING to it. A node used more than once — x in x·x, a shared \
                    sub-expression, a weight used for every data point — must receive the sum of all \
                    contributions: adjoint[i] += adjoint[k] · local. With =, x·x gives x instead of 2x.")
                .implementation(Impl { run: |p, x, y| run_with(p, x, y, &WrongTape::<1>::OPS) }),
            Misconception::named("forward_order")
                .explanation("Your backward pass walks the tape from the first node to the last. A node may only \
                    pass its adjoint on once it is complete, i.e. after every node that uses it has added its \
                    share — and those are all recorded AFTER it. Walk backwards: for k in (0..=output.0).rev(). \
                    Going forwards, sin(sin(x)) gets derivative 0.")
                .implementation(Impl { run: |p, x, y| run_with(p, x, y, &WrongTape::<2>::OPS) }),
            Misconception::named("product_rule_swapped")
                .explanation("Your mul records ∂(a·b)/∂a = a: the local derivative with respect to a is the OTHER \
                    factor, ∂(a·b)/∂a = b and ∂(a·b)/∂b = a. (It only looked right for x·x, where both \
                    factors are equal.)")
                .implementation(Impl { run: |p, x, y| run_with(p, x, y, &WrongTape::<3>::OPS) }),
            Misconception::named("derivative_at_output")
                .explanation("Your sin records cos of its OUTPUT, cos(sin a), as the local derivative. The derivative \
                    of sin at its input a is cos a: compute it from the input's value when you record the node. \
                    (exp hides this mistake, because exp′(a) = exp(a) is the output.)")
                .implementation(Impl { run: |p, x, y| run_with(p, x, y, &WrongTape::<4>::OPS) }),
        ],
        probe: |imp| {
            let adjoint = |p: &[Op], x: f64, y: f64, i: usize| {
                show::rounded((imp.run)(p, x, y).1.get(i).copied().unwrap_or(f64::NAN), 8)
            };
            vec![
                adjoint(&[Op::Mul(0, 0)], 3.0, 0.0, 0),
                adjoint(&[Op::Sin(0), Op::Sin(2)], 1.0, 0.0, 0),
                adjoint(&[Op::Mul(0, 1)], 2.0, 5.0, 0),
                adjoint(&[Op::Mul(0, 1)], 2.0, 5.0, 1),
                adjoint(&[Op::Sin(0)], 1.0, 0.0, 0),
            ]
        },
    }
}

/// A tape with one mistake, chosen by `MODE`: 1 overwrites adjoints, 2 walks forwards,
/// 3 swaps the local derivatives of mul, 4 takes sin's derivative at its output. Each node
/// is its value and its (input, local derivative) pairs; a variable is a node's index.
struct WrongTape<const MODE: u8>(Vec<(f64, Vec<(usize, f64)>)>);

impl<const MODE: u8> WrongTape<MODE> {
    const OPS: Ops<Self, usize> = Ops {
        new: || WrongTape(Vec::new()),
        var: |t, v| t.push(v, vec![]),
        constant: |t, v| t.push(v, vec![]),
        add: |t, a, b| t.push(t.0[a].0 + t.0[b].0, vec![(a, 1.0), (b, 1.0)]),
        sub: |t, a, b| t.push(t.0[a].0 - t.0[b].0, vec![(a, 1.0), (b, -1.0)]),
        mul: |t, a, b| {
            let (va, vb) = (t.0[a].0, t.0[b].0);
            let locals = if MODE == 3 { (va, vb) } else { (vb, va) };
            t.push(va * vb, vec![(a, locals.0), (b, locals.1)])
        },
        sin: |t, a| {
            let va = t.0[a].0;
            t.push(va.sin(), vec![(a, if MODE == 4 { va.sin().cos() } else { va.cos() })])
        },
        exp: |t, a| {
            let e = t.0[a].0.exp();
            t.push(e, vec![(a, e)])
        },
        value: |t, v| t.0[v].0,
        gradient: Self::gradient,
        index: |v| v,
    };

    fn push(&mut self, value: f64, inputs: Vec<(usize, f64)>) -> usize {
        self.0.push((value, inputs));
        self.0.len() - 1
    }

    fn gradient(&self, output: usize) -> Vec<f64> {
        let mut adjoints = vec![0.0; self.0.len()];
        adjoints[output] = 1.0;
        let order: Vec<usize> =
            if MODE == 2 { (0..=output).collect() } else { (0..=output).rev().collect() };
        for k in order {
            let adjoint = adjoints[k];
            for &(input, local) in &self.0[k].1 {
                if MODE == 1 {
                    adjoints[input] = adjoint * local;
                } else {
                    adjoints[input] += adjoint * local;
                }
            }
        }
        adjoints
    }
}
