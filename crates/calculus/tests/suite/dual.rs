//! Dual numbers: exact on integer polynomials, equal to hand-derived derivatives of
//! compositions of sin/cos/exp/ln/sqrt/tanh, and agreeing with central differences.

use crate::common::*;
use mathlings_calculus::{Dual, central_difference, derivative, optimal_central_step};
use proptest::prelude::*;
use quickcheck::{TestResult, quickcheck};

/// Σ cₖ xᵏ by Horner's rule, for any number type.
fn horner<T>(coefficients: &[i32], x: T, zero: T) -> T
where
    T: Copy + std::ops::Mul<Output = T> + std::ops::Add<f64, Output = T>,
{
    coefficients
        .iter()
        .rev()
        .fold(zero, |acc, &c| acc * x + f64::from(c))
}

/// The composition f(x) = exp(sin(a x)) · ln(b + x²) + c x³ / (1 + x²) + √(1 + x²) · tanh(x) · cos(x).
fn composition(a: f64, b: f64, c: f64) -> impl Fn(Dual) -> Dual {
    move |x: Dual| {
        let x2 = x.powi(2);
        (a * x).sin().exp() * (b + x2).ln()
            + c * x.powi(3) / (1.0 + x2)
            + (1.0 + x2).sqrt() * x.tanh() * x.cos()
    }
}

/// Its derivative, by hand (the oracle).
fn composition_derivative(a: f64, b: f64, c: f64, x: f64) -> f64 {
    let x2 = x * x;
    let s = (a * x).sin().exp();
    let term1 = s * a * (a * x).cos() * (b + x2).ln() + s * 2.0 * x / (b + x2);
    let term2 = c * (3.0 * x2 * (1.0 + x2) - x.powi(3) * 2.0 * x) / (1.0 + x2).powi(2);
    let r = (1.0 + x2).sqrt();
    let (t, co) = (x.tanh(), x.cos());
    let term3 = (x / r) * t * co + r * (1.0 - t * t) * co - r * t * x.sin();
    term1 + term2 + term3
}

proptest! {
    #![proptest_config(config())]

    /// With integer coefficients and a small integer x every intermediate is an exactly
    /// representable integer, so "exact" means bit-for-bit equal to Σ k cₖ xᵏ⁻¹.
    #[test]
    fn dual_numbers_are_exact_on_integer_polynomials(
        coefficients in prop::collection::vec(-10..=10_i32, 1..=7),
        x in -5..=5_i32,
    ) {
        let x = f64::from(x);
        let d = derivative(|t| horner(&coefficients, t, Dual::constant(0.0)), x);
        let exact: f64 = coefficients.iter().enumerate().skip(1)
            .map(|(k, &c)| k as f64 * f64::from(c) * x.powi(k as i32 - 1)).sum();
        prop_assert_eq!(d, exact);
        let value = horner(&coefficients, Dual::variable(x), Dual::constant(0.0)).value;
        prop_assert_eq!(value, horner(&coefficients, x, 0.0));
    }

    #[test]
    fn dual_numbers_match_the_hand_derived_derivative_of_a_composition(
        a in real(2.0), b in 0.5..3.0_f64, c in real(2.0), x in real(2.0),
    ) {
        let d = derivative(composition(a, b, c), x);
        let exact = composition_derivative(a, b, c, x);
        prop_assert!((d - exact).abs() <= ROUND_OFF * (1.0 + exact.abs()), "{d} vs {exact}");
    }

    #[test]
    fn dual_numbers_agree_with_central_differences(
        a in real(2.0), b in 0.5..3.0_f64, c in real(2.0), x in real(2.0),
    ) {
        let f = composition(a, b, c);
        let d = derivative(&f, x);
        let numeric = central_difference(|t| f(Dual::constant(t)).value, x, optimal_central_step(x)).unwrap();
        prop_assert!((d - numeric).abs() <= GRADIENT_CHECK * (1.0 + d.abs()), "{d} vs {numeric}");
    }
}

quickcheck! {
    /// d/dx (sin² x + cos² x) = 0.
    fn pythagoras_has_zero_derivative(x: f64) -> TestResult {
        if !x.is_finite() || x.abs() > 1e3 {
            return TestResult::discard();
        }
        let d = derivative(|t| t.sin().powi(2) + t.cos().powi(2), x);
        TestResult::from_bool(d.abs() <= ROUND_OFF)
    }

    /// d/dx ln(eˣ) = 1 and d/dx (√x)² = 1 (x > 0).
    fn inverse_functions_have_unit_derivative(x: f64) -> TestResult {
        if !x.is_finite() || x <= 1e-3 || x > 500.0 {
            return TestResult::discard();
        }
        let d1 = derivative(|t| t.exp().ln(), x);
        let d2 = derivative(|t| t.sqrt().powi(2), x);
        TestResult::from_bool((d1 - 1.0).abs() <= ROUND_OFF && (d2 - 1.0).abs() <= ROUND_OFF)
    }

    /// Quotient rule against product rule: (u / v)·v = u, so d/dx[(u/v)·v] = u′.
    fn quotient_times_denominator_is_numerator(x: f64) -> TestResult {
        if !x.is_finite() || x.abs() > 10.0 {
            return TestResult::discard();
        }
        let d = derivative(|t| (t.sin() / (2.0 + t.cos())) * (2.0 + t.cos()), x);
        TestResult::from_bool((d - x.cos()).abs() <= ROUND_OFF)
    }
}

#[test]
fn powi_zero_and_negative_powers() {
    assert_eq!(derivative(|t| t.powi(0), 0.0), 0.0);
    assert_eq!(derivative(|t| t.powi(-2), 2.0), -2.0 / 8.0);
    assert_eq!(
        Dual::variable(3.0) - 1.0,
        Dual {
            value: 2.0,
            derivative: 1.0
        }
    );
    assert_eq!(
        1.0 - Dual::variable(3.0),
        Dual {
            value: -2.0,
            derivative: -1.0
        }
    );
    assert_eq!(
        6.0 / Dual::variable(3.0),
        Dual {
            value: 2.0,
            derivative: -6.0 / 9.0
        }
    );
    assert_eq!(
        -Dual::variable(3.0),
        Dual {
            value: -3.0,
            derivative: -1.0
        }
    );
}
