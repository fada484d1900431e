//! Softmax, log-softmax and the softmax Jacobian: published values, sums to 1, shift
//! invariance, finiteness at ±1000, Jacobian rows summing to 0 and agreeing with a
//! numerical Jacobian.

use crate::common::*;
use approx::assert_relative_eq;
use mathlings_calculus::{jacobian, log_softmax, optimal_central_step, softmax, softmax_jacobian};
use proptest::prelude::*;

/// Reference values computed with Python 3.11.7's `decimal` module at 40 digits:
/// `getcontext().prec = 40; m = max(z); e = [(Decimal(v) - m).exp() for v in z];
/// p = [x / sum(e) for x in e]; l = [(Decimal(v) - m) - sum(e).ln() for v in z]`,
/// printed with `repr(float(x))` (the shortest string that round-trips).
#[allow(clippy::type_complexity)]
const PUBLISHED_VALUES: [(&[f64], &[f64], &[f64]); 3] = [
    (
        &[1.0, 2.0, 3.0],
        &[0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
        &[-2.40760596444438, -1.4076059644443804, -0.4076059644443803],
    ),
    (
        &[1000.0, 999.0, -1000.0],
        &[0.7310585786300049, 0.2689414213699951, 0.0],
        &[
            -0.3132616875182228,
            -1.3132616875182228,
            -2000.3132616875182,
        ],
    ),
    (
        &[-0.5, 0.0, 0.25, 4.0],
        &[
            0.010550431567495891,
            0.017394720940396572,
            0.02233526380365969,
            0.9497195836884479,
        ],
        &[
            -4.551588513025076,
            -4.051588513025076,
            -3.8015885130250764,
            -0.05158851302507631,
        ],
    ),
];

#[test]
fn softmax_and_log_softmax_match_published_values() {
    for (z, p, l) in PUBLISHED_VALUES {
        let ours = softmax(z).unwrap();
        let ours_log = log_softmax(z).unwrap();
        for i in 0..z.len() {
            assert_relative_eq!(ours[i], p[i], max_relative = PUBLISHED);
            assert_relative_eq!(ours_log[i], l[i], max_relative = PUBLISHED);
        }
    }
}

fn scores() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-50.0..50.0_f64, 1..=20)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn softmax_is_a_probability_vector(z in scores()) {
        let p = softmax(&z).unwrap();
        prop_assert!(p.iter().all(|&pi| (0.0..=1.0).contains(&pi)));
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() <= SOFTMAX_ROUND_OFF);
    }

    #[test]
    fn softmax_is_shift_invariant(z in scores(), c in real(1000.0)) {
        let shifted: Vec<f64> = z.iter().map(|zi| zi + c).collect();
        let (p, q) = (softmax(&z).unwrap(), softmax(&shifted).unwrap());
        for (pi, qi) in p.iter().zip(&q) {
            prop_assert!((pi - qi).abs() <= SHIFTED_SOFTMAX * pi.max(*qi));
        }
    }

    #[test]
    fn softmax_and_log_softmax_stay_finite_at_plus_minus_1000(
        signs in prop::collection::vec(prop::bool::ANY, 1..=10),
    ) {
        let z: Vec<f64> = signs.iter().map(|&s| if s { 1000.0 } else { -1000.0 }).collect();
        let p = softmax(&z).unwrap();
        let l = log_softmax(&z).unwrap();
        prop_assert!(p.iter().chain(&l).all(|v| v.is_finite()));
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() <= SOFTMAX_ROUND_OFF);
        // The winners are the +1000 scores (or all of them if none is +1000).
        let k = signs.iter().filter(|&&s| s).count();
        let (winners, all_equal) = if k == 0 { (signs.len(), true) } else { (k, false) };
        let ln_winners = (winners as f64).ln();
        for (&s, &li) in signs.iter().zip(&l) {
            let expected = if s || all_equal { -ln_winners } else { -2000.0 - ln_winners };
            prop_assert!((li - expected).abs() <= SOFTMAX_ROUND_OFF * (1.0 + expected.abs()));
        }
    }

    #[test]
    fn log_softmax_is_the_log_of_softmax(z in scores()) {
        let (p, l) = (softmax(&z).unwrap(), log_softmax(&z).unwrap());
        for (pi, li) in p.iter().zip(&l) {
            // ln has condition number 1/|ln p|; the scores span ≤ 100, so p ≥ e⁻¹⁰⁰ is normal.
            prop_assert!((pi.ln() - li).abs() <= SOFTMAX_ROUND_OFF * (1.0 + li.abs()));
        }
    }

    #[test]
    fn softmax_jacobian_rows_sum_to_zero_and_match_differences(
        z in prop::collection::vec(-5.0..5.0_f64, 1..=8),
    ) {
        let j = softmax_jacobian(&z).unwrap();
        prop_assert_eq!(&j, &j.transpose());
        for row in j.row_iter() {
            prop_assert!(row.sum().abs() <= SOFTMAX_ROUND_OFF);
        }
        let numeric = jacobian(|x: &[f64]| softmax(x).unwrap(), &z, optimal_central_step(5.0)).unwrap();
        prop_assert!(scaled_error(j.as_slice(), numeric.as_slice()) <= GRADIENT_CHECK);
    }
}
