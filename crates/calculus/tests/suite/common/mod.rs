//! Shared tolerances, proptest configuration and strategies for the calculus tests.
//!
//! Every tolerance used by a test lives here, with the reason for its size. ε = 2.22e-16.
#![allow(dead_code)] // each test file uses a different subset

use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Tolerances
// ---------------------------------------------------------------------------------------

/// Dual numbers / the tape against a hand-derived derivative: both evaluate the same rules
/// in a different order, a few dozen roundings of ε each; relative to the size of the terms.
pub const ROUND_OFF: f64 = 1e-12;

/// Central difference at h = ε^(1/3)·max(1,|x|): error ≈ ε^(2/3)·(|f‴|/6 + |f|) ≈ 4e-11 per
/// unit of scale; the test functions have |f|, |f‴| ≤ ~100, so 1e-7 leaves ≥ 25× margin.
pub const CENTRAL_AT_OPTIMAL_STEP: f64 = 1e-7;

/// Forward difference at h = √ε·max(1,|x|): error ≈ √ε·(|f″|/2 + 2|f|) ≈ 1.5e-8 per unit of
/// scale; with scale ≤ ~20 that is 3e-7, so 1e-5 leaves 30× margin.
pub const FORWARD_AT_OPTIMAL_STEP: f64 = 1e-5;

/// Ratio of errors when halving h: 2 (forward) and 4 (central) up to the next term of the
/// Taylor series, which at h = 1e-2 and |f⁽ᵏ⁺¹⁾/f⁽ᵏ⁾| ≤ 2 shifts the ratio by a few percent.
pub const ORDER_RATIO_SLACK: f64 = 0.15;

/// Finite differences of a quadratic have no truncation error; only round-off remains,
/// ≈ ε·|f|/h ≈ 2e-16·50/1e-3 = 1e-11 for the test sizes (n ≤ 6, entries ≤ 2); relative to
/// 1 + |exact|, 1e-8 leaves 1000× margin.
pub const QUADRATIC_DIFFERENCE: f64 = 1e-8;

/// Gradients, Jacobians of smooth non-quadratic test functions with h = ε^(1/3): as
/// CENTRAL_AT_OPTIMAL_STEP, but the functions are compositions with scales up to ~1e3.
pub const GRADIENT_CHECK: f64 = 1e-6;

/// Second differences at h = ε^(1/4)·scale: round-off ε·|f|/h² ≈ 1.5e-8·|f| and truncation
/// h²·|f⁗|/12 ≈ 1.2e-9·|f⁗|; the test functions have |f|, |f⁗| ≤ ~100, so 1e-5 is 6× margin
/// at the worst and usually 100×.
pub const HESSIAN_CHECK: f64 = 1e-5;

/// A minimizer found with gradient tolerance g_tol on a quadratic with smallest eigenvalue
/// μ ≥ 1 is within g_tol/μ of the true one: with g_tol = 1e-10, 1e-8 leaves 100× margin.
pub const MINIMIZER: f64 = 1e-8;

/// Gradient tolerance for Newton's method on quadratics with κ ≤ 1e4, ‖A‖ ≤ 1e4, ‖x‖ ≤ 50:
/// after the one exact step the residual Ax − b is the LU solve's backward error,
/// ≈ n·ε·‖A‖·‖x‖ ≈ 6·2e-16·1e4·50 ≈ 7e-10; 1e-8 leaves 10× margin.
pub const NEWTON_GRADIENT_TOL: f64 = 1e-8;

/// Counting an oracle eigenvalue as 0 when the test matrices have eigenvalues either exactly
/// 0 (computed as ≈ n·ε·‖H‖ ≈ 1e-14 relative) or at least 1% of the largest: any threshold
/// in between works; 1e-8 relative is far from both.
pub const ORACLE_ZERO_EIGENVALUE: f64 = 1e-8;

/// Gradient tolerance handed to the optimizers in the tests.
pub const GRADIENT_TOL: f64 = 1e-10;

/// Softmax sums and identities: n ≤ 20 terms, each rounded once: 20·ε ≈ 4e-15; 1e-14.
pub const SOFTMAX_ROUND_OFF: f64 = 1e-14;

/// softmax(z + c) against softmax(z) with |c| ≤ 1000: each zᵢ + c is rounded by up to
/// ulp(1000)/2 ≈ 6e-14, which enters each probability as a relative error of about twice that
/// (its own score and the normaliser): 1e-12 leaves ~5× margin.
pub const SHIFTED_SOFTMAX: f64 = 1e-12;

/// Values copied from an independent high-precision computation (Python decimal, 40
/// digits) as the nearest f64: a handful of roundings in our result; the worst measured is
/// 0.9ε relative (log_softmax uses ln_1p), so 4ε leaves 4× margin.
pub const PUBLISHED: f64 = 4.0 * f64::EPSILON;

// ---------------------------------------------------------------------------------------
// Proptest configuration
// ---------------------------------------------------------------------------------------

/// Number of proptest cases: PROPTEST_CASES if set, else 64 (the machine is small).
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

/// The proptest configuration of every property in this crate.
pub fn config() -> ProptestConfig {
    ProptestConfig::with_cases(cases())
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

/// A moderate real number.
pub fn real(bound: f64) -> impl Strategy<Value = f64> {
    -bound..bound
}

/// A vector of length n with entries in (−bound, bound).
pub fn vector(n: usize, bound: f64) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-bound..bound, n)
}

/// An m×n matrix with entries in (−bound, bound).
pub fn matrix(m: usize, n: usize, bound: f64) -> impl Strategy<Value = DMatrix<f64>> {
    prop::collection::vec(-bound..bound, m * n).prop_map(move |v| DMatrix::from_row_slice(m, n, &v))
}

/// A random orthogonal n×n matrix: the Q factor of a random matrix (nalgebra's QR, a test
/// oracle only); random matrices are singular with probability 0, and the diagonal shift
/// keeps them safely away from it.
pub fn orthogonal(n: usize) -> impl Strategy<Value = DMatrix<f64>> {
    matrix(n, n, 1.0).prop_map(move |m| (m + DMatrix::identity(n, n) * 3.0).qr().q())
}

/// A symmetric matrix Q·diag(λ)·Qᵀ with the given eigenvalues and a random orthogonal Q.
pub fn with_eigenvalues(q: &DMatrix<f64>, eigenvalues: &[f64]) -> DMatrix<f64> {
    let lambda = DMatrix::from_diagonal(&DVector::from_column_slice(eigenvalues));
    let a = q * lambda * q.transpose();
    (&a + a.transpose()) * 0.5
}

/// (A, b) for a convex quadratic ½xᵀAx − bᵀx with n in 1..=max_n, A symmetric positive
/// definite with eigenvalues in [1, condition], b entries in (−5, 5).
pub fn spd_problem(
    max_n: usize,
    condition: f64,
) -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> {
    (1..=max_n).prop_flat_map(move |n| {
        (
            orthogonal(n),
            prop::collection::vec(1.0..condition, n),
            vector(n, 5.0),
        )
            .prop_map(|(q, lambda, b)| {
                (
                    with_eigenvalues(&q, &lambda),
                    DVector::from_column_slice(&b),
                )
            })
    })
}

/// The largest eigenvalue of a symmetric matrix (nalgebra's symmetric_eigen: a test oracle).
pub fn largest_eigenvalue(a: &DMatrix<f64>) -> f64 {
    a.clone().symmetric_eigen().eigenvalues.max()
}

/// The smallest eigenvalue of a symmetric matrix (nalgebra's symmetric_eigen: a test oracle).
pub fn smallest_eigenvalue(a: &DMatrix<f64>) -> f64 {
    a.clone().symmetric_eigen().eigenvalues.min()
}

/// The gradient x ↦ Ax − b of ½xᵀAx − bᵀx, as a closure over slices.
pub fn quadratic_gradient(
    a: &DMatrix<f64>,
    b: &DVector<f64>,
) -> impl Fn(&[f64]) -> Vec<f64> + Clone {
    let (a, b) = (a.clone(), b.clone());
    move |x: &[f64]| {
        (&a * DVector::from_column_slice(x) - &b)
            .iter()
            .copied()
            .collect()
    }
}

/// The objective ½xᵀAx − bᵀx, as a closure over slices.
pub fn quadratic(a: &DMatrix<f64>, b: &DVector<f64>) -> impl Fn(&[f64]) -> f64 + Clone {
    let (a, b) = (a.clone(), b.clone());
    move |x: &[f64]| {
        let x = DVector::from_column_slice(x);
        0.5 * x.dot(&(&a * &x)) - b.dot(&x)
    }
}

/// The exact minimizer A⁻¹b of ½xᵀAx − bᵀx by nalgebra's LU (the oracle).
pub fn oracle_minimizer(a: &DMatrix<f64>, b: &DVector<f64>) -> DVector<f64> {
    a.clone()
        .lu()
        .solve(b)
        .expect("test matrices are positive definite")
}

/// max |aᵢ − bᵢ| / (1 + |bᵢ|): the relative-or-absolute error used throughout.
pub fn scaled_error(actual: &[f64], expected: &[f64]) -> f64 {
    assert_eq!(actual.len(), expected.len());
    actual
        .iter()
        .zip(expected)
        .map(|(a, e)| (a - e).abs() / (1.0 + e.abs()))
        .fold(0.0, f64::max)
}

/// Rosenbrock's valley f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1).
pub fn rosenbrock(p: &[f64]) -> f64 {
    (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2)
}

/// ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)), by hand.
pub fn rosenbrock_gradient(p: &[f64]) -> Vec<f64> {
    let (x, y) = (p[0], p[1]);
    vec![
        -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
        200.0 * (y - x * x),
    ]
}

/// The Hessian [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]], by hand.
pub fn rosenbrock_hessian(p: &[f64]) -> DMatrix<f64> {
    let (x, y) = (p[0], p[1]);
    DMatrix::from_row_slice(
        2,
        2,
        &[
            2.0 - 400.0 * (y - x * x) + 800.0 * x * x,
            -400.0 * x,
            -400.0 * x,
            200.0,
        ],
    )
}
