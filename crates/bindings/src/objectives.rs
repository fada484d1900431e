//! The course's test functions that checks pass to a learner's function as callbacks
//! (objectives, gradients), compiled into both processes and named on the wire.
//!
//! A learner's optimiser calls its gradient thousands of times per call. When the checks
//! pass one of the functions catalogued here, the judge sends its *name* and the learner
//! process calls its own compiled copy directly, instead of asking the judge for every
//! value (a round trip each). They are plain course functions with no secret in them: the
//! learner could write them out from the checks' messages anyway, and what they return only
//! feeds the learner's computation, whose result the judge still checks.
//!
//! Any other callback (a closure written in a check, a function reading check state) is
//! still called back in the judge.
//!
//! Key invariant: every function here is deterministic and depends on nothing but its
//! arguments (and the course's public data), so both copies compute the same values.

use nalgebra::{DMatrix, DVector};

/// A callback type with catalogued functions: its table, by name.
pub trait Catalogued: Copy + 'static {
    /// The course's functions of this type, with the names they travel under.
    const TABLE: &'static [(&'static str, Self)];
    /// The function's address, to recognise it.
    fn address(self) -> usize;
}

macro_rules! catalogue {
    ($($ty:ty => [$($name:ident),* $(,)?];)*) => {$(
        impl Catalogued for $ty {
            const TABLE: &'static [(&'static str, Self)] = &[$((stringify!($name), $name as $ty)),*];
            fn address(self) -> usize {
                self as usize
            }
        }
    )*};
}

catalogue! {
    fn(&[f64]) -> f64 => [quadratic_1, quadratic_2, sin_chain, log_sum_exp, rosenbrock];
    fn(&[f64]) -> Vec<f64> => [
        descent_gradient_1, descent_gradient_2, anscombe_mse_gradient,
        anscombe_half_mse_gradient, valley_gradient, scaled_gradient,
        linear_map, chain_inner, chain_outer, chain_composed,
        rosenbrock_gradient, identity_gradient,
    ];
    fn(f64) -> f64 => [
        sine, exponential, standard_normal_pdf, lorentzian,
        uniform_cdf, logistic_cdf, exponential_cdf,
    ];
    fn(&[f64]) -> DMatrix<f64> => [rosenbrock_hessian];
    fn(&[f64]) -> Result<Vec<f64>, mathlings_types::CalculusError> => [];
}

/// The name `f` travels under, when it is one of the catalogued functions.
pub fn name_of<F: Catalogued>(f: F) -> Option<&'static str> {
    F::TABLE
        .iter()
        .find(|(_, g)| g.address() == f.address())
        .map(|(name, _)| *name)
}

/// The catalogued function called `name`.
pub fn by_name<F: Catalogued>(name: &str) -> Option<F> {
    F::TABLE.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The fixed, non-symmetric matrix A₁ of size n: aᵢⱼ = ((3i + 5j) mod 7) − 3, plus 4 on
/// the diagonal.
pub fn a1(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| {
        ((3 * i + 5 * j) % 7) as f64 - 3.0 + if i == j { 4.0 } else { 0.0 }
    })
}

/// The fixed, non-symmetric matrix A₂ of size n: an antisymmetric part i − j plus the
/// diagonal (i + 1)/2.
pub fn a2(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| {
        i as f64 - j as f64 + if i == j { (i as f64 + 1.0) / 2.0 } else { 0.0 }
    })
}

fn half_xtax(a: &DMatrix<f64>, x: &[f64]) -> f64 {
    let v = DVector::from_column_slice(x);
    0.5 * v.dot(&(a * &v))
}

/// ½ xᵀA₁x.
pub fn quadratic_1(x: &[f64]) -> f64 {
    half_xtax(&a1(x.len()), x)
}

/// ½ xᵀA₂x.
pub fn quadratic_2(x: &[f64]) -> f64 {
    half_xtax(&a2(x.len()), x)
}

/// Σᵢ sin(xᵢ)·xᵢ₊₁ (cyclically).
pub fn sin_chain(x: &[f64]) -> f64 {
    let n = x.len();
    (0..n).map(|i| x[i].sin() * x[(i + 1) % n]).sum()
}

/// ln Σᵢ exp(xᵢ).
pub fn log_sum_exp(x: &[f64]) -> f64 {
    x.iter().map(|v| v.exp()).sum::<f64>().ln()
}

/// Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² (Rosenbrock's function).
pub fn rosenbrock(x: &[f64]) -> f64 {
    x.windows(2)
        .map(|w| 100.0 * (w[1] - w[0] * w[0]).powi(2) + (1.0 - w[0]).powi(2))
        .sum()
}

/// S₁ = BBᵀ/n + I with B = A₁/4: symmetric positive definite, eigenvalues in [1, ~6].
pub fn descent_matrix_1(n: usize) -> DMatrix<f64> {
    let b = a1(n) / 4.0;
    &b * b.transpose() / n as f64 + DMatrix::identity(n, n)
}

/// S₂ = diag(1, 2, …, n) + ½·𝟙𝟙ᵀ: symmetric positive definite.
pub fn descent_matrix_2(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| 0.5 + if i == j { i as f64 + 1.0 } else { 0.0 })
}

/// b with bᵢ = (3i mod 5) − 2.
pub fn descent_rhs(n: usize) -> DVector<f64> {
    DVector::from_fn(n, |i, _| ((3 * i) % 5) as f64 - 2.0)
}

fn affine_gradient(s: DMatrix<f64>, x: &[f64]) -> Vec<f64> {
    let g = s * DVector::from_column_slice(x) - descent_rhs(x.len());
    g.iter().copied().collect()
}

/// ∇(½xᵀS₁x − bᵀx) = S₁x − b.
pub fn descent_gradient_1(x: &[f64]) -> Vec<f64> {
    affine_gradient(descent_matrix_1(x.len()), x)
}

/// ∇(½xᵀS₂x − bᵀx) = S₂x − b.
pub fn descent_gradient_2(x: &[f64]) -> Vec<f64> {
    affine_gradient(descent_matrix_2(x.len()), x)
}

/// Anscombe's first data set (x, y), read from the course's `data/anscombe.csv` (columns
/// `x1`, `y1`; Anscombe 1973).
pub fn anscombe_1() -> &'static (Vec<f64>, Vec<f64>) {
    static DATA: std::sync::OnceLock<(Vec<f64>, Vec<f64>)> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        include_str!("../../../data/anscombe.csv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.split(',').map(|c| c.trim().parse::<f64>());
                Some((cells.next()?.ok()?, cells.next()?.ok()?))
            })
            .unzip()
    })
}

/// ∇MSE(θ) = −(2/n) Σ (yᵢ − θ₀ − θ₁xᵢ)·(1, xᵢ) on Anscombe's first set.
pub fn anscombe_mse_gradient(theta: &[f64]) -> Vec<f64> {
    let (x, y) = anscombe_1();
    let n = x.len() as f64;
    let mut g = vec![0.0, 0.0];
    for (xi, yi) in x.iter().zip(y) {
        let r = yi - theta[0] - theta[1] * xi;
        g[0] -= 2.0 * r / n;
        g[1] -= 2.0 * r * xi / n;
    }
    g
}

/// ∇(MSE/2)(w) = (1/n) Σ (w₀ + w₁xᵢ − yᵢ)·(1, xᵢ) on Anscombe's first set.
pub fn anscombe_half_mse_gradient(w: &[f64]) -> Vec<f64> {
    let (xs, ys) = anscombe_1();
    let n = xs.len() as f64;
    let mut g = vec![0.0, 0.0];
    for (x, y) in xs.iter().zip(ys) {
        let r = w[0] + w[1] * x - y;
        g[0] += r / n;
        g[1] += r * x / n;
    }
    g
}

/// ∇ of the valley ½(x² + 100y²) (condition number 100).
pub fn valley_gradient(x: &[f64]) -> Vec<f64> {
    vec![x[0], 100.0 * x[1]]
}

/// ∇ of the badly scaled bowl x² + 1000y².
pub fn scaled_gradient(x: &[f64]) -> Vec<f64> {
    vec![2.0 * x[0], 2000.0 * x[1]]
}

/// The fixed 3×n matrix A of the Jacobian exercise: aᵢⱼ = ((2i + 3j) mod 5) − 2 + i/2.
pub fn jacobian_matrix(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(3, n, |i, j| {
        ((2 * i + 3 * j) % 5) as f64 - 2.0 + i as f64 / 2.0
    })
}

/// x ↦ Ax with A = [`jacobian_matrix`]: its Jacobian is A at every x.
pub fn linear_map(x: &[f64]) -> Vec<f64> {
    (jacobian_matrix(x.len()) * DVector::from_column_slice(x))
        .iter()
        .copied()
        .collect()
}

/// g(x) = (x₀·xₙ₋₁, sin x₀ + cos xₙ₋₁, Σxᵢ²/2), the inner function of the chain rule's checks.
pub fn chain_inner(x: &[f64]) -> Vec<f64> {
    let last = x[x.len() - 1];
    vec![
        x[0] * last,
        x[0].sin() + last.cos(),
        x.iter().map(|v| v * v).sum::<f64>() / 2.0,
    ]
}

/// f(y) = (y₀·y₁, sin y₂ + y₀), the outer function of the chain rule's checks.
pub fn chain_outer(y: &[f64]) -> Vec<f64> {
    vec![y[0] * y[1], y[2].sin() + y[0]]
}

/// f∘g ([`chain_outer`] after [`chain_inner`]).
pub fn chain_composed(x: &[f64]) -> Vec<f64> {
    chain_outer(&chain_inner(x))
}

/// ∇ of Rosenbrock's (1 − x)² + 100(y − x²)².
pub fn rosenbrock_gradient(x: &[f64]) -> Vec<f64> {
    vec![
        -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] * x[0]),
        200.0 * (x[1] - x[0] * x[0]),
    ]
}

/// The Hessian of Rosenbrock's function Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² (tridiagonal; in
/// two dimensions [[1200x² − 400y + 2, −400x], [−400x, 200]]).
pub fn rosenbrock_hessian(x: &[f64]) -> DMatrix<f64> {
    let n = x.len();
    let mut h = DMatrix::zeros(n, n);
    for i in 0..n.saturating_sub(1) {
        h[(i, i)] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
        h[(i + 1, i + 1)] += 200.0;
        h[(i, i + 1)] = -400.0 * x[i];
        h[(i + 1, i)] = -400.0 * x[i];
    }
    h
}

/// ∇(½‖x‖²) = x: at (3, 4) its norm is exactly 5, however it is computed, which puts a
/// stopping rule ‖∇f‖₂ ≤ tol exactly at its limit with tol = 5.
pub fn identity_gradient(x: &[f64]) -> Vec<f64> {
    x.to_vec()
}

/// sin x.
pub fn sine(x: f64) -> f64 {
    x.sin()
}

/// eˣ.
pub fn exponential(x: f64) -> f64 {
    x.exp()
}

/// φ(x) = e^(−x²/2)/√(2π), the standard normal density.
pub fn standard_normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// 1/(1 + x²), the Lorentzian (Cauchy's density times π).
pub fn lorentzian(x: f64) -> f64 {
    1.0 / (1.0 + x * x)
}

/// The cdf of Uniform(0, 1): x clamped to [0, 1].
pub fn uniform_cdf(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

/// The cdf of the standard logistic distribution, 1/(1 + e⁻ˣ).
pub fn logistic_cdf(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The cdf of Exponential(1): 1 − e⁻ˣ for x > 0 (computed as −expm1(−x)), else 0.
pub fn exponential_cdf(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { -(-x).exp_m1() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_functions_round_trip() {
        let f: fn(&[f64]) -> Vec<f64> = descent_gradient_2;
        assert_eq!(name_of(f), Some("descent_gradient_2"));
        let g: fn(&[f64]) -> Vec<f64> = by_name("descent_gradient_2").expect("catalogued");
        assert_eq!(g(&[1.0, 0.0]), f(&[1.0, 0.0]));
        let r: fn(&[f64]) -> f64 = by_name("rosenbrock").expect("catalogued");
        assert_eq!(r(&[1.0, 1.0]), 0.0);
    }

    #[test]
    fn an_uncatalogued_function_has_no_name() {
        let f: fn(&[f64]) -> Vec<f64> = |x| x.to_vec();
        assert_eq!(name_of(f), None);
        assert!(by_name::<fn(&[f64]) -> Vec<f64>>("rosenbrock").is_none());
    }

    #[test]
    fn anscombe_first_set_is_read_whole() {
        let (x, y) = anscombe_1();
        assert_eq!(x.len(), 11);
        assert_eq!((x[0], y[0]), (10.0, 8.04));
        assert_eq!((x[10], y[10]), (5.0, 5.68));
    }
}
