//! The Jacobian: J of x ↦ Ax is A; the chain rule J(f∘g)(x) = J_f(g(x))·J_g(x); agreement
//! with a hand-derived Jacobian.

use crate::common::*;
use mathlings_calculus::{jacobian, optimal_central_step};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// g: ℝ² → ℝ³, g(x) = (sin(x₀x₁), exp(x₁), x₀²).
fn g(x: &[f64]) -> Vec<f64> {
    vec![(x[0] * x[1]).sin(), x[1].exp(), x[0] * x[0]]
}

fn g_jacobian(x: &[f64]) -> DMatrix<f64> {
    let c = (x[0] * x[1]).cos();
    DMatrix::from_row_slice(
        3,
        2,
        &[x[1] * c, x[0] * c, 0.0, x[1].exp(), 2.0 * x[0], 0.0],
    )
}

/// f: ℝ³ → ℝ², f(u) = (u₀ + u₁u₂, tanh(u₀)).
fn f(u: &[f64]) -> Vec<f64> {
    vec![u[0] + u[1] * u[2], u[0].tanh()]
}

fn f_jacobian(u: &[f64]) -> DMatrix<f64> {
    let t = u[0].tanh();
    DMatrix::from_row_slice(2, 3, &[1.0, u[2], u[1], 1.0 - t * t, 0.0, 0.0])
}

fn max_scaled_difference(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    scaled_error(a.as_slice(), b.as_slice())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn jacobian_of_a_linear_map_is_its_matrix(
        (a, x) in (1..=5_usize, 1..=5_usize).prop_flat_map(|(m, n)| (matrix(m, n, 3.0), vector(n, 3.0))),
    ) {
        let map = |p: &[f64]| (&a * DVector::from_column_slice(p)).iter().copied().collect::<Vec<_>>();
        let j = jacobian(map, &x, 1e-3).unwrap();
        prop_assert_eq!(j.shape(), a.shape());
        prop_assert!(max_scaled_difference(&j, &a) <= QUADRATIC_DIFFERENCE);
    }

    #[test]
    fn jacobians_match_the_hand_derived_ones(x in vector(2, 1.5)) {
        let h = optimal_central_step(1.5);
        let jg = jacobian(g, &x, h).unwrap();
        prop_assert!(max_scaled_difference(&jg, &g_jacobian(&x)) <= GRADIENT_CHECK);
        let u = g(&x);
        let jf = jacobian(f, &u, h).unwrap();
        prop_assert!(max_scaled_difference(&jf, &f_jacobian(&u)) <= GRADIENT_CHECK);
    }

    /// The chain rule: the Jacobian of the composition is the product of the Jacobians.
    #[test]
    fn chain_rule_holds(x in vector(2, 1.5)) {
        let h = optimal_central_step(1.5);
        let composite = jacobian(|p: &[f64]| f(&g(p)), &x, h).unwrap();
        let product = jacobian(f, &g(&x), h).unwrap() * jacobian(g, &x, h).unwrap();
        prop_assert!(max_scaled_difference(&composite, &product) <= GRADIENT_CHECK);
        let exact = f_jacobian(&g(&x)) * g_jacobian(&x);
        prop_assert!(max_scaled_difference(&composite, &exact) <= GRADIENT_CHECK);
    }
}
