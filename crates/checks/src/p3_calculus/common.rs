//! Test functions and helpers shared by the part-3 checks (fn pointers cannot capture, so
//! every test function is a plain `fn` with its data built inside).

use std::cell::RefCell;
use std::fmt::Debug;

use mathlings_calculus::CalculusError;

pub use crate::p2_linalg::matrices::square;
use crate::prelude::*;

/// A scalar function of a point.
pub type Objective = fn(&[f64]) -> f64;

/// A scalar function of a point, with the name shown in calls.
pub struct ScalarFn {
    /// How it is shown in a call (a Rust closure or a named function with a comment).
    pub name: &'static str,
    /// The function.
    pub f: Objective,
}

// Catalogued course functions: passed as callbacks, the learner process calls its own copy.
pub use mathlings_bindings::objectives::{
    a1, a2, anscombe_1, anscombe_half_mse_gradient, anscombe_mse_gradient, identity_gradient,
    log_sum_exp, quadratic_1, quadratic_2, rosenbrock, rosenbrock_gradient as rosenbrock_grad,
    rosenbrock_hessian as rosenbrock_hess, sin_chain,
};

/// The functions used for comparisons with the reference.
pub const SCALAR_FNS: [ScalarFn; 5] = [
    ScalarFn { name: "quadratic_1 /* ½xᵀA₁x */", f: quadratic_1 },
    ScalarFn { name: "quadratic_2 /* ½xᵀA₂x */", f: quadratic_2 },
    ScalarFn {
        name: "|x| (0..x.len()).map(|i| x[i].sin() * x[(i + 1) % x.len()]).sum()",
        f: sin_chain,
    },
    ScalarFn { name: "|x| x.iter().map(|v| v.exp()).sum::<f64>().ln()", f: log_sum_exp },
    ScalarFn {
        name: "rosenbrock /* Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² */", f: rosenbrock
    },
];

/// The mean squared error of the line y = θ₀ + θ₁x on Anscombe's first set.
pub fn anscombe_mse(theta: &[f64]) -> f64 {
    let (x, y) = anscombe_1();
    let n = x.len() as f64;
    x.iter().zip(y).map(|(xi, yi)| (yi - theta[0] - theta[1] * xi).powi(2)).sum::<f64>() / n
}

/// A point of dimension in `dims` with coordinates in [lo, hi).
pub fn point(
    dims: std::ops::RangeInclusive<usize>,
    lo: f64,
    hi: f64,
) -> impl Strategy<Value = Vec<f64>> + Clone {
    dims.prop_flat_map(move |n| proptest::collection::vec(lo..hi, n))
}

/// The largest |value| in a slice (0 for an empty one).
pub fn max_abs(xs: &[f64]) -> f64 {
    xs.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

/// Floats rounded to `digits` significant digits ([`show::rounded_all`]) in brackets.
pub fn rounded_list(xs: &[f64], digits: usize) -> String {
    format!("[{}]", show::rounded_all(xs, digits))
}

/// A result of floats as [`rounded_list`], or the error's `Debug` (probes and snapshots).
pub fn rounded_list_or_debug<E: Debug>(r: &Result<Vec<f64>, E>, digits: usize) -> String {
    show::ok_or_debug(r, |v| rounded_list(v, digits))
}

/// A random convex quadratic ½xᵀAx − bᵀx in 1–4 dimensions, with a starting point:
/// A = Q·diag(λ)·Qᵀ with λ ∈ [0.5, 10] (so cond A ≤ 20) and Q orthogonal.
pub fn spd_quadratic() -> impl Strategy<Value = (DMatrix<f64>, Vec<f64>, Vec<f64>)> + Clone {
    (1..=4usize).prop_flat_map(|n| {
        (
            proptest::collection::vec(0.5..10.0f64, n),
            proptest::collection::vec(-1.0..1.0f64, n * n),
            proptest::collection::vec(-5.0..5.0f64, n),
            proptest::collection::vec(-5.0..5.0f64, n),
        )
            .prop_map(move |(eigenvalues, entries, b, x0)| {
                let m = DMatrix::from_fn(n, n, |i, j| {
                    entries[i * n + j] + if i == j { 0.5 } else { 0.0 }
                });
                let q = m.qr().q();
                let a =
                    &q * DMatrix::from_diagonal(&DVector::from_vec(eigenvalues)) * q.transpose();
                ((&a + a.transpose()) * 0.5, b, x0)
            })
    })
}

/// A "Hessian" with one column too many for a point in ℝ² (2×3): a callback that returns
/// the wrong shape, for `DimensionMismatch { expected: 2, got: 3 }`.
pub fn wide_hessian(_: &[f64]) -> DMatrix<f64> {
    DMatrix::identity(2, 3)
}

/// A "Hessian" with one row too many for a point in ℝ² (3×2).
pub fn tall_hessian(_: &[f64]) -> DMatrix<f64> {
    DMatrix::identity(3, 2)
}

/// The input checks of the finite-difference estimates (gradient, hessian), for their
/// wrong implementations: x non-empty and finite, and a step h > 0 that moves every
/// coordinate (xᵢ + h ≠ xᵢ and xᵢ − h ≠ xᵢ).
pub fn checked_step(x: &[f64], h: f64) -> Result<(), CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    if !(h.is_finite() && h > 0.0) || x.iter().any(|&v| v + h == v || v - h == v) {
        return Err(CalculusError::InvalidParameter { name: "h", reason: "bad step" });
    }
    Ok(())
}

/// The loop shared by the wrong optimisers (momentum, Adam, Newton): from x₀, evaluate
/// g = ∇f(x); stop with `DimensionMismatch` when g has another length, `NonFinite` when x
/// or g is not finite at the start (`NoConvergence` later), success when ‖g‖₂ ≤ `tol`,
/// `NoConvergence` after `max_iter` steps; else `update(x, g, t)` takes step t = 1, 2, …
/// in place (or fails). Returns (x, iterations, ‖g‖₂).
pub fn descend(
    grad: fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
    mut update: impl FnMut(&mut [f64], &[f64], usize) -> Result<(), CalculusError>,
) -> Result<(Vec<f64>, usize, f64), CalculusError> {
    let mut x = x0.to_vec();
    let mut iterations = 0;
    loop {
        let g = grad(&x);
        if g.len() != x.len() {
            return Err(CalculusError::DimensionMismatch { expected: x.len(), got: g.len() });
        }
        if !x.iter().chain(&g).all(|v| v.is_finite()) {
            return Err(if iterations == 0 {
                CalculusError::NonFinite
            } else {
                CalculusError::NoConvergence { iterations }
            });
        }
        let gradient_norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
        if gradient_norm <= tol {
            return Ok((x, iterations, gradient_norm));
        }
        if iterations == max_iter {
            return Err(CalculusError::NoConvergence { iterations });
        }
        iterations += 1;
        update(&mut x, &g, iterations)?;
    }
}

thread_local! {
    /// (A, b) of the quadratic ½xᵀAx − bᵀx of [`quadratic_grad`] and [`quadratic_hess`].
    static QUADRATIC: RefCell<(DMatrix<f64>, Vec<f64>)> =
        RefCell::new((DMatrix::identity(1, 1), vec![0.0]));
}

/// Makes ½xᵀAx − bᵀx the quadratic of [`quadratic_grad`] and [`quadratic_hess`].
pub fn set_quadratic(a: &DMatrix<f64>, b: &[f64]) {
    QUADRATIC.with(|q| *q.borrow_mut() = (a.clone(), b.to_vec()));
}

/// ∇(½xᵀAx − bᵀx) = Ax − b for the (A, b) of [`set_quadratic`].
pub fn quadratic_grad(x: &[f64]) -> Vec<f64> {
    QUADRATIC.with(|q| {
        let (a, b) = &*q.borrow();
        let ax = a * DVector::from_column_slice(x);
        ax.iter().zip(b).map(|(ax, b)| ax - b).collect()
    })
}

/// The Hessian A of the quadratic of [`set_quadratic`].
pub fn quadratic_hess(_: &[f64]) -> DMatrix<f64> {
    QUADRATIC.with(|q| q.borrow().0.clone())
}

/// A gradient of the wrong length (1) for any point.
pub fn short_grad(_: &[f64]) -> Vec<f64> {
    vec![1.0]
}

/// A gradient that is NaN everywhere.
pub fn nan_grad(x: &[f64]) -> Vec<f64> {
    x.iter().map(|_| f64::NAN).collect()
}

/// The gradient 0: a reference optimiser given it only validates its input (it stops at
/// once), so the wrong optimisers check their input through the reference with it.
pub fn zero_grad(x: &[f64]) -> Vec<f64> {
    vec![0.0; x.len()]
}

/// An optimiser's outcome from its point and step count: `Ok(Minimization { x: […],
/// iterations: k, .. })` or `Err(…)`.
pub fn minimization<E: Debug>(r: Result<(&[f64], usize), &E>) -> String {
    match r {
        Ok((x, iterations)) => {
            format!("Ok(Minimization {{ x: {}, iterations: {iterations}, .. }})", show::list(x))
        }
        Err(e) => format!("Err({e:?})"),
    }
}

/// An optimiser's call: `name(args…, max_iter)` with each float shown as Rust.
pub fn optimiser_call(
    name: &str,
    callbacks: &str,
    x0: &[f64],
    floats: &[f64],
    max_iter: usize,
) -> String {
    let floats: Vec<String> = floats.iter().map(|&v| show::float(v)).collect();
    format!("{name}({callbacks}, {}, {}, {max_iter})", show::floats(x0), floats.join(", "))
}

/// The diagonal matrix with these entries.
pub fn diag(values: &[f64]) -> DMatrix<f64> {
    DMatrix::from_diagonal(&DVector::from_column_slice(values))
}

/// A random orthogonal n×n matrix: the Q factor of a random matrix.
pub fn orthogonal(n: usize, entries: &[f64]) -> DMatrix<f64> {
    let a = DMatrix::from_fn(n, n, |i, j| entries[i * n + j] + if i == j { 0.5 } else { 0.0 });
    a.qr().q()
}

/// Q·diag(λ)·Qᵀ, made exactly symmetric.
pub fn with_eigenvalues(eigenvalues: &[f64], q: &DMatrix<f64>) -> DMatrix<f64> {
    let h = q * diag(eigenvalues) * q.transpose();
    (&h + h.transpose()) * 0.5
}

/// A random symmetric Q·diag(λ)·Qᵀ of size n in `sizes` (Q [`orthogonal`]) and its λ, each
/// drawn from [min, 10), (−10, −min] or {0} with the weights `[positive, negative, zero]`.
pub fn symmetric_with_eigenvalues(
    sizes: std::ops::RangeInclusive<usize>,
    min: f64,
    [positive, negative, zero]: [u32; 3],
) -> impl Strategy<Value = (DMatrix<f64>, Vec<f64>)> + Clone {
    sizes.prop_flat_map(move |n| {
        let eigenvalue =
            prop_oneof![positive => min..10.0f64, negative => -10.0..-min, zero => Just(0.0)];
        (proptest::collection::vec(eigenvalue, n), proptest::collection::vec(-1.0..1.0f64, n * n))
            .prop_map(move |(eigenvalues, entries)| {
                (with_eigenvalues(&eigenvalues, &orthogonal(n, &entries)), eigenvalues)
            })
    })
}

/// The input checks of a Hessian (square, non-empty, finite, symmetric to √ε·max|hᵢⱼ|), for
/// the wrong implementations: the reference's classification makes exactly these.
pub fn checked_hessian(h: &DMatrix<f64>) -> Result<(), CalculusError> {
    mathlings_calculus::classify_critical_point(h).map(drop)
}

/// Checks each (input, expected) of a table once, in order: the call shown is `call(input)`,
/// the verdict `check(input, expected)`; the first failure is the property's.
pub fn each_case<T, W: Copy>(
    ctx: &Ctx,
    cases: &[(T, W)],
    call: impl Fn(&T) -> String,
    check: impl Fn(&T, W) -> Verdict,
) -> Verdict {
    cases.iter().try_for_each(|(input, want)| ctx.once(&call(input), || check(input, *want)))
}

/// A test of a float and the text that tells the learner what it expects.
pub type FloatTest = (fn(f64) -> bool, &'static str);

/// Points as a borrowed array of `vec!` literals: `&[vec![1.0], vec![2.0]]`.
pub fn points(ps: &[Vec<f64>]) -> String {
    let inner: Vec<String> = ps.iter().map(|p| show::vec(p)).collect();
    format!("&[{}]", inner.join(", "))
}

/// ‖v‖₂.
pub fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}
