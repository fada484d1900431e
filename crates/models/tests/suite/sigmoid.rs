//! The stable sigmoid: published identities, extreme arguments, monotonicity.

use crate::common::*;
use mathlings_models::sigmoid;
use proptest::prelude::*;

#[test]
fn extreme_arguments_are_finite() {
    assert_eq!(sigmoid(1000.0), 1.0);
    assert_eq!(sigmoid(-1000.0), 0.0);
    assert_eq!(sigmoid(f64::INFINITY), 1.0);
    assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
    // Far in the left tail the value is e^z, not 0 from cancellation.
    assert!((sigmoid(-700.0) / (-700.0f64).exp() - 1.0).abs() < 1e-12);
}

#[test]
fn known_values() {
    // σ(ln 3) = 3/4 exactly; σ(1) = e/(1+e).
    assert!((sigmoid(3.0f64.ln()) - 0.75).abs() < 1e-15);
    let e = std::f64::consts::E;
    assert!((sigmoid(1.0) - e / (1.0 + e)).abs() < 1e-15);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn symmetric_and_in_unit_interval(z in -800.0f64..800.0) {
        let s = sigmoid(z);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert!((s + sigmoid(-z) - 1.0).abs() <= 1e-15);
    }

    #[test]
    fn matches_the_textbook_form_where_it_is_safe(z in -30.0f64..30.0) {
        let textbook = 1.0 / (1.0 + (-z).exp());
        prop_assert!((sigmoid(z) - textbook).abs() <= 1e-15);
    }

    #[test]
    fn monotone(a in -50.0f64..50.0, b in -50.0f64..50.0) {
        if a <= b {
            prop_assert!(sigmoid(a) <= sigmoid(b));
        }
    }

    #[test]
    fn derivative_is_s_times_one_minus_s(z in -20.0f64..20.0) {
        let h = 1e-5;
        let numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2.0 * h);
        let s = sigmoid(z);
        prop_assert!((numeric - s * (1.0 - s)).abs() <= 1e-9);
    }
}
