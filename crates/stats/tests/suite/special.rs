//! erf, erfc, ln Γ and the incomplete beta function against mpmath (50-digit literals) and statrs.

use crate::common::*;
use mathlings_stats::{beta_quantile, erf, erfc, ln_gamma, regularized_incomplete_beta};
use proptest::prelude::*;

/// (x, erf(x)) from mpmath 1.4.1 at 50 digits: `mpmath.erf(x)`.
const ERF_TABLE: [(f64, f64); 16] = [
    (-3.0, -0.9999779095030014),
    (-0.9, -0.7969082124228322),
    (-0.3, -0.3286267594591274),
    (1e-10, 1.1283791670955126e-10),
    (0.01, 0.011283415555849618),
    (0.1, 0.1124629160182849),
    (0.25, 0.27632639016823696),
    (0.5, 0.5204998778130465),
    (0.75, 0.7111556336535151),
    (0.99, 0.8385080695553698),
    (1.0, 0.8427007929497149),
    (1.3, 0.9340079449406524),
    (2.0, 0.9953222650189527),
    (3.5, 0.9999992569016276),
    (5.0, 0.9999999999984626),
    (6.0, 1.0),
];
/// (x, erfc(x)) from mpmath 1.4.1 at 50 digits: `mpmath.erfc(x)`.
const ERFC_TABLE: [(f64, f64); 14] = [
    (-2.0, 1.9953222650189528),
    (-0.5, 1.5204998778130465),
    (0.0, 1.0),
    (0.2, 0.7772974107895215),
    (0.7, 0.32219880616258156),
    (1.0, 0.15729920705028513),
    (1.5, 0.033894853524689274),
    (2.5, 0.0004069520174449589),
    (4.0, 1.541725790028002e-08),
    (6.0, 2.1519736712498913e-17),
    (10.0, 2.088487583762545e-45),
    (15.0, 7.212994172451207e-100),
    (20.0, 5.395865611607901e-176),
    (26.0, 5.663192408856143e-296),
];
/// (x, ln|Γ(x)|) from mpmath 1.4.1 at 50 digits: `mpmath.log(abs(mpmath.gamma(x)))`.
const LN_GAMMA_TABLE: [(f64, f64); 26] = [
    (1e-08, 18.42068073818021),
    (0.1, 2.252712651734206),
    (0.3, 1.0957979948180756),
    (0.5, 0.5723649429247001),
    (0.9, 0.06637623973474295),
    (0.99, 0.005854806764709781),
    (1.01, -0.005690307946069651),
    (1.3, -0.10817480950786047),
    (1.5, -0.12078223763524522),
    (1.9, -0.03898427592308336),
    (2.2, 0.09694746679063887),
    (2.5, 0.2846828704729192),
    (3.0, std::f64::consts::LN_2), // mpmath value 0.6931471805599453 = ln 2
    (3.7, 1.428072326665388),
    (5.5, 3.9578139676187165),
    (9.9, 12.57717990421988),
    (10.0, 12.801827480081469),
    (12.5, 18.734347511936445),
    (30.0, 71.25703896716801),
    (100.5, 361.4355404677776),
    (1000.0, 5905.220423209181),
    (100000.0, 1051287.7089736569),
    (10000000000.0, 220258509288.81058),
    (-0.5, 1.2655121234846454),
    (-2.5, -0.056243716497674054),
    (-10.3, -14.457515440024208),
];

#[test]
fn erf_erfc_match_mpmath() {
    let mut worst: f64 = 0.0;
    for (x, v) in ERF_TABLE {
        let e = rel_err(erf(x), v);
        worst = worst.max(e);
        assert!(e <= SPECIAL_REL, "erf({x}) = {} vs {v}", erf(x));
    }
    for (x, v) in ERFC_TABLE {
        let e = rel_err(erfc(x), v);
        worst = worst.max(e);
        assert!(e <= SPECIAL_REL, "erfc({x}) = {} vs {v}", erfc(x));
    }
    println!("erf/erfc worst relative error vs mpmath: {worst:.2e}");
}

#[test]
fn ln_gamma_matches_mpmath() {
    let mut worst: f64 = 0.0;
    for (x, v) in LN_GAMMA_TABLE {
        let got = ln_gamma(x);
        if v.abs() < 0.1 {
            assert!(
                (got - v).abs() <= LN_GAMMA_ABS_NEAR_ZERO,
                "ln_gamma({x}) = {got} vs {v}"
            );
        }
        let e = rel_err(got, v);
        worst = worst.max(e);
        assert!(e <= SPECIAL_REL, "ln_gamma({x}) = {got} vs {v}");
    }
    println!("ln_gamma worst relative error vs mpmath: {worst:.2e}");
    assert_eq!(ln_gamma(0.0), f64::INFINITY);
    assert_eq!(ln_gamma(-3.0), f64::INFINITY);
    assert!(ln_gamma(f64::NAN).is_nan());
}

#[test]
fn ln_gamma_factorials_exact() {
    // ln n! for n ≤ 20 from exact integer factorials.
    let mut f: u64 = 1;
    for n in 1..=20u64 {
        f *= n;
        assert!(rel_err(ln_gamma(n as f64 + 1.0), (f as f64).ln()) <= SPECIAL_REL || n == 1);
    }
}

/// Dense random grid of mpmath values (tests/data/special_mpmath.txt).
#[test]
fn dense_grid_matches_mpmath() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/special_mpmath.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut worst = [0.0f64; 3];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let (x, v): (f64, f64) = (parts[1].parse().unwrap(), parts[2].parse().unwrap());
        let (got, slot) = match parts[0] {
            "erf" => (erf(x), 0),
            "erfc" => (erfc(x), 1),
            _ => (ln_gamma(x), 2),
        };
        let e = if v.abs() < 0.1 && slot == 2 {
            (got - v).abs()
        } else {
            rel_err(got, v)
        };
        worst[slot] = worst[slot].max(e);
        assert!(e <= SPECIAL_REL, "{} {x}: {got} vs {v}", parts[0]);
    }
    println!(
        "worst vs mpmath: erf {:.1e}, erfc {:.1e}, ln_gamma {:.1e}",
        worst[0], worst[1], worst[2]
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn erf_agrees_with_statrs(x in -6.0f64..6.0) {
        let ours = erf(x);
        let theirs = statrs::function::erf::erf(x);
        prop_assert!((ours - theirs).abs() <= STATRS_ERF_REL * theirs.abs().max(1e-300), "{x}: {ours} vs {theirs}");
    }

    #[test]
    fn erfc_agrees_with_statrs(x in -5.0f64..26.0) {
        let ours = erfc(x);
        let theirs = statrs::function::erf::erfc(x);
        prop_assert!(rel_err(ours, theirs) <= STATRS_ERF_REL, "{x}: {ours} vs {theirs}");
    }

    #[test]
    fn erf_plus_erfc_is_one(x in -6.0f64..6.0) {
        prop_assert!((erf(x) + erfc(x) - 1.0).abs() <= 4.0 * f64::EPSILON);
    }

    #[test]
    fn ln_gamma_agrees_with_statrs(x in 0.01f64..200.0) {
        let ours = ln_gamma(x);
        let theirs = statrs::function::gamma::ln_gamma(x);
        let ok = if theirs.abs() < 0.1 {
            (ours - theirs).abs() <= VS_STATRS_REL
        } else {
            rel_err(ours, theirs) <= VS_STATRS_REL
        };
        prop_assert!(ok, "{x}: {ours} vs {theirs}");
    }

    #[test]
    fn ln_gamma_recurrence(x in 0.01f64..50.0) {
        // ln Γ(x + 1) = ln Γ(x) + ln x
        let lhs = ln_gamma(x + 1.0);
        let rhs = ln_gamma(x) + x.ln();
        prop_assert!((lhs - rhs).abs() <= IDENTITY_ABS * lhs.abs().max(1.0));
    }

    #[test]
    fn incomplete_beta_agrees_with_statrs(x in 0.0f64..=1.0, a in 0.1f64..200.0, b in 0.1f64..200.0) {
        let ours = regularized_incomplete_beta(x, a, b).unwrap();
        let theirs = statrs::function::beta::beta_reg(a, b, x);
        prop_assert!((ours - theirs).abs() <= BETA_REL * theirs.max(1e-300) || (ours - theirs).abs() < 1e-300,
            "I({x}; {a}, {b}) = {ours} vs {theirs}");
    }

    #[test]
    fn beta_quantile_inverts_the_cdf(p in 0.001f64..0.999, a in 0.5f64..100.0, b in 0.5f64..100.0) {
        use statrs::distribution::{Beta, ContinuousCDF};
        let q = beta_quantile(p, a, b).unwrap();
        let oracle = Beta::new(a, b).unwrap().inverse_cdf(p);
        prop_assert!(rel_err(q, oracle) <= BETA_REL * 100.0, "q({p}; {a}, {b}) = {q} vs {oracle}");
        prop_assert!(rel_err(regularized_incomplete_beta(q, a, b).unwrap(), p) <= BETA_REL);
    }
}
