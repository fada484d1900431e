//! Poisson pmf against statrs.

use crate::common::*;
use mathlings_stats::poisson_pmf;
use proptest::prelude::*;
use statrs::distribution::{Discrete, Poisson};

proptest! {
    #![proptest_config(config())]
    #[test]
    fn agrees_with_statrs(k in 0u64..500, lambda in 0.01f64..300.0) {
        let theirs = Poisson::new(lambda).unwrap().pmf(k);
        if theirs > 1e-300 {
            prop_assert!(rel_err(poisson_pmf(k, lambda).unwrap(), theirs) <= PMF_REL);
        }
    }
}
