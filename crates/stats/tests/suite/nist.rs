//! NIST StRD univariate summary statistics: mean, sample sd and lag-1 autocorrelation against
//! the certified values (tests/data/nist, see the README there).

use crate::common::*;
use mathlings_stats::{autocorrelation, mean, standard_deviation};

const ALL: [&str; 8] = [
    "Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4",
];

#[test]
fn certified_digits() {
    for name in ALL {
        let d = load_nist(name);
        let m = lre(mean(&d.data).unwrap(), d.mean);
        let s = lre(standard_deviation(&d.data).unwrap(), d.sd);
        let r = lre(autocorrelation(&d.data, 1).unwrap(), d.r1);
        println!("{:9} LRE mean {m:5.2}  sd {s:5.2}  r1 {r:5.2}", d.name);
        assert!(m >= NIST_MIN_DIGITS, "{name}: mean has {m} digits");
        // Where the decimal data are not representable in binary, fewer digits are attainable.
        let needed = match name {
            "NumAcc3" | "NumAcc4" => NIST_NUMACC4_SD_MIN_DIGITS,
            "Mavro" | "Michelso" => NIST_DECIMAL_DATA_MIN_DIGITS,
            _ => NIST_MIN_DIGITS,
        };
        assert!(s >= needed, "{name}: sd has {s} digits");
        let r_needed = needed.min(NIST_MIN_DIGITS - 1.0);
        assert!(r >= r_needed, "{name}: r1 has {r} digits");
    }
}

/// The algorithm itself, separated from NIST's decimal data: the exact sd of the *stored binary*
/// NumAcc data, computed with Python 3.11 `fractions.Fraction` over the f64 values
/// (`sqrt(float(Σ(x − x̄)²/(n − 1)))`).
#[test]
fn numacc_sd_of_the_binary_data() {
    let exact = [
        ("NumAcc2", 0.09999999999999998),
        ("NumAcc3", 0.1000000000349246),
        ("NumAcc4", 0.10000000055879354),
        ("Mavro", 0.0004291234540030854),
        ("Michelso", 0.07901054781905066),
    ];
    for (name, sd) in exact {
        let got = standard_deviation(&load_nist(name).data).unwrap();
        println!("{name}: sd of binary data LRE {:.2}", lre(got, sd));
        assert!(rel_err(got, sd) <= VARIANCE_REL, "{name}: {got} vs {sd}");
    }
}

/// Lag-1 autocorrelation of the stored binary data (Python 3.11 `fractions.Fraction`, NIST's
/// definition r(1) = Σ(xᵢ − x̄)(xᵢ₊₁ − x̄) / Σ(xᵢ − x̄)²).
#[test]
fn autocorrelation_of_the_binary_data() {
    for (name, r1) in [
        ("Mavro", 0.9379891834382589),
        ("Michelso", 0.5351996686212636),
    ] {
        let got = autocorrelation(&load_nist(name).data, 1).unwrap();
        assert!(rel_err(got, r1) <= VARIANCE_REL, "{name}: {got} vs {r1}");
    }
}
