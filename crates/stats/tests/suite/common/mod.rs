//! Shared tolerances and helpers for the statistics tests. Every tolerance lives here, with the
//! reason it is as tight (or as loose) as it is.

use std::path::PathBuf;

/// Compensated mean: error ≈ 1 rounding of the sum + 1 of the division; 4 ulps leaves margin.
pub const MEAN_REL: f64 = 4.0 * f64::EPSILON;
/// Two-pass variance vs an exact rational oracle: ~n·ε² growth plus a few roundings; 1e-14
/// leaves >10× margin at n ≤ 1001 on well-scaled data.
pub const VARIANCE_REL: f64 = 1e-14;
/// erf/erfc/ln Γ vs mpmath (50 digits): the brief asks ≲ 1e-14; measured worst ≈ 3e-15 (erfc
/// at x = 26 is ~1e-15 because e^(−x²) is split exactly).
pub const SPECIAL_REL: f64 = 1e-14;
/// ln Γ near its zeros (x ≈ 1, 2) where relative error is meaningless: absolute 1e-16·scale.
pub const LN_GAMMA_ABS_NEAR_ZERO: f64 = 1e-15;
/// Our functions vs statrs: statrs itself is ~1e-15 accurate for erf and Lanczos ln Γ; 1e-13
/// covers the sum of both errors.
pub const VS_STATRS_REL: f64 = 1e-13;
/// erf/erfc vs statrs: statrs is the less accurate side here (erf(−1.922) off by 3e-13 and
/// erfc(15.47) by 7e-11 relative, ours exact per mpmath), so it can only confirm ~9 digits.
pub const STATRS_ERF_REL: f64 = 1e-9;
/// Normal pdf/cdf vs statrs in the body (|z| ≤ 8): same as the special functions, plus the
/// rounding of (x − μ)/σ amplified by 2z² in the tail.
pub const NORMAL_REL: f64 = 1e-12;
/// Binomial/Poisson pmf in log space: ln Γ(n + 1) ≈ 6000 at n = 1000 loses ~6000·ε ≈ 1.3e-12
/// absolutely to cancellation, so pmf values agree to ~1e-12 relative; 1e-10 is safe.
pub const PMF_REL: f64 = 1e-10;
/// Incomplete beta / Beta quantile vs statrs: the continued-fraction front factor goes through
/// ln B(a, b), losing ~|ln B|·ε; 1e-10 leaves margin for a, b ≤ 1000.
pub const BETA_REL: f64 = 1e-10;
/// Beta quantiles vs statrs' `Beta::inverse_cdf`: statrs stops its inversion at ≈ 1e-10 relative
/// (Beta(0.71, 192.65) at p = 0.612: statrs is off by 3.2e-10, ours agrees with scipy 1.17.1 to
/// 1e-13), so statrs can only confirm ~8 digits; scipy literals check the rest at BETA_REL.
pub const STATRS_BETA_QUANTILE_REL: f64 = 1e-8;
/// Simpson on smooth integrands with ≥ 1000 intervals: error ~h⁴ ≈ 1e-12.
pub const SIMPSON_ABS: f64 = 1e-10;
/// Identities that hold exactly in real arithmetic and lose only a handful of roundings in
/// floating point (sums of probabilities, posterior normalisation, E[aX + b] = aE[X] + b).
pub const IDENTITY_ABS: f64 = 1e-12;
/// Relative version of [`IDENTITY_ABS`] for values far from 1.
pub const IDENTITY_REL: f64 = 1e-12;
/// NIST StRD: certified values are 15 significant digits; we require ≥ 14 correct digits (LRE)
/// on data that is exactly representable or well-conditioned.
pub const NIST_MIN_DIGITS: f64 = 14.0;
/// NumAcc3/NumAcc4 data (1000000.1, 10000000.3, …) are not representable in binary: the stored
/// data's true sd differs from the certified 0.1 by 3.5e-10 / 5.6e-9 relative, so only ~8 digits
/// of the certified sd are attainable by ANY algorithm on f64 data.
pub const NIST_NUMACC4_SD_MIN_DIGITS: f64 = 8.0;
/// Mavro, Michelso (small spread on an offset): rounding the decimal data to binary alone moves
/// the sd by ~1e-13 relative (shown exactly in nist.rs), so 12.5 certified digits is the floor.
pub const NIST_DECIMAL_DATA_MIN_DIGITS: f64 = 12.5;
/// Quantile by interpolation lo + f·(hi − lo): ≈ 3 roundings, each ≤ ε·max|x|; 4ε·max|x| covers
/// it (numpy's own lerp rounds differently in the last bit, e.g. 0.6250000000000003).
pub const QUANTILE_REL_TO_SCALE: f64 = 4.0 * f64::EPSILON;
/// statrs' mean/variance use Welford's running update, which loses ~n·ε·(|x̄| + s) over n ≤ 300
/// values; 1e-12 relative to that scale leaves > 10× margin.
pub const WELFORD_REL: f64 = 1e-12;
/// Covariance-matrix entries vs nalgebra's centred XᵀX/(n − 1): both sum n ≤ 40 centred products
/// (≈ n·ε relative to √(Cⱼⱼ·Cₖₖ)); 1e-12 leaves margin.
pub const COVARIANCE_MATRIX_REL: f64 = 1e-12;
/// PSD check: symmetric_eigen's backward error is ≈ p·ε·‖C‖, so the smallest eigenvalue of a
/// singular covariance matrix may come out as −1e-15·λ_max; −1e-12·λ_max is the floor.
pub const PSD_REL: f64 = 1e-12;
/// VIF of orthogonal columns: off-diagonal correlations are O(ε), so R⁻¹ = I + O(ε) and every VIF
/// is 1 within a few ε.
pub const VIF_ORTHOGONAL_ABS: f64 = 1e-12;
/// VIF vs 1/(1 − R²) from nalgebra's SVD least squares, for VIF ≤ 1e3: both sides carry an error
/// ≈ κ(R)·ε ≲ 1e3·ε relative, amplified by VIF in 1/(1 − R²); measured worst 6e-11 over 3000
/// random designs with VIF ≤ 1e3, so 1e-9 leaves > 10× margin.
pub const VIF_REL: f64 = 1e-9;
/// The largest VIF for which [`VIF_REL`] is claimed (beyond it R is too ill-conditioned).
pub const VIF_REL_VALID_UP_TO: f64 = 1e3;
/// Log-likelihood sums vs sums of statrs' ln_pdf/ln_pmf terms: each term is within a few ulps,
/// so the sums agree to ≈ n·ε relative to Σ|termᵢ|; 1e-13 for n ≤ 200.
pub const LOG_LIKELIHOOD_REL: f64 = 1e-13;
/// Poisson ln_pmf: statrs' ln k! comes from a table (k < 170) or its own ln Γ; ours from our ln Γ
/// (≈ 1e-15 relative): 1e-12 relative to Σ|termᵢ| covers both.
pub const POISSON_LOG_LIKELIHOOD_REL: f64 = 1e-12;
/// Stable BCE vs mpmath at 60 digits: max(z, 0) − z·y cancels for soft labels (z = 3, y = 0.9
/// loses ≈ 8ε), otherwise ≤ 2 roundings; 1e-14 relative.
pub const BCE_MPMATH_REL: f64 = 1e-14;
/// Stable BCE vs the direct f64 formula −[y ln σ(z) + (1 − y) ln(1 − σ(z))] for |z| ≤ 5: the
/// DIRECT side loses ε/(1 − σ(5)) ≈ 150ε in ln(1 − σ); 1e-12 relative (+ 1e-15 absolute).
pub const BCE_DIRECT_REL: f64 = 1e-12;
/// log-sum-exp vs naive ln Σ eˣ for |x| ≤ 50, n ≤ 30: the naive sum has ≈ n·ε relative error,
/// i.e. ≈ n·ε absolute after ln, plus ε·|LSE| from the final addition; 1e-13 × max(1, |LSE|).
pub const LOG_SUM_EXP_ABS: f64 = 1e-13;
/// Simpson on a cubic is exact in real arithmetic; in f64 it is off by a few roundings of the
/// weighted sum, i.e. ≈ ε·(b − a)·max|f|; 1e-13 relative to that scale.
pub const SIMPSON_EXACT_REL: f64 = 1e-13;
/// Simpson's error is C·h⁴ + O(h⁶): halving h divides it by 16, ±2 once h is small enough.
pub const SIMPSON_ORDER_RATIO: (f64, f64) = (14.0, 18.0);
/// Significance level of the chi-square goodness-of-fit tests on sampling (one fixed seed set,
/// so the test is deterministic; a correct sampler exceeds the 0.999 quantile 1 time in 1000).
pub const CHI_SQUARE_QUANTILE: f64 = 0.999;
/// Bootstrap CI width ∝ 1/√n: 4× the data should halve it. With 2000 resamples each end point
/// has ≈ 3% Monte Carlo error, so the ratio is 2 ± 0.25.
pub const BOOTSTRAP_WIDTH_RATIO: (f64, f64) = (1.75, 2.25);
/// Bootstrap 95% CI width vs the normal approximation 2·1.96·s/√n at n = 400: agree within 10%
/// (Monte Carlo error ≈ 3% per end point, skewness of the bootstrap distribution O(1/√n)).
pub const BOOTSTRAP_WIDTH_VS_NORMAL_REL: f64 = 0.1;
/// Monte-Carlo checks of an unbiased estimator: |estimate − truth| within this many standard
/// errors (5 SE: a correct estimator fails with probability < 1e-6 for a given seed).
pub const MONTE_CARLO_SE: f64 = 5.0;

/// Proptest case count: PROPTEST_CASES if set, else 64 (2-core machine).
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

/// Proptest configuration: [`cases`] cases, no failure-persistence files.
pub fn config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: cases(),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// Relative error |a − b| / |b| (absolute when b = 0).
pub fn rel_err(actual: f64, expected: f64) -> f64 {
    if expected == 0.0 {
        actual.abs()
    } else {
        ((actual - expected) / expected).abs()
    }
}

/// NIST's log relative error: the number of correct significant digits (capped at 15).
pub fn lre(actual: f64, certified: f64) -> f64 {
    let e = rel_err(actual, certified);
    if e == 0.0 {
        15.0
    } else {
        (-e.log10()).min(15.0)
    }
}

/// A NIST StRD univariate dataset from tests/data/nist.
pub struct NistDataset {
    pub name: &'static str,
    pub data: Vec<f64>,
    pub mean: f64,
    pub sd: f64,
    pub r1: f64,
}

/// Loads `tests/data/nist/<name>.dat` (certified values in `# certified …:` header lines).
pub fn load_nist(name: &'static str) -> NistDataset {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "data",
        "nist",
        &format!("{name}.dat"),
    ]
    .iter()
    .collect();
    let text = std::fs::read_to_string(&path).expect("NIST data file present");
    let mut certified = Vec::new();
    let mut data = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# certified") {
            let value = rest.split(':').nth(1).expect("value").trim();
            certified.push(value.parse::<f64>().expect("number"));
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            data.push(line.trim().parse::<f64>().expect("number"));
        }
    }
    NistDataset {
        name,
        data,
        mean: certified[0],
        sd: certified[1],
        r1: certified[2],
    }
}

/// Deterministic generator for tests.
pub fn rng(seed: u64) -> rand_chacha::ChaCha8Rng {
    use rand::SeedableRng;
    rand_chacha::ChaCha8Rng::seed_from_u64(seed)
}

/// Runs a quickcheck law with [`cases`] tests (so PROPTEST_CASES governs quickcheck too).
pub fn quickcheck_law<A: quickcheck::Testable>(law: A) {
    quickcheck::QuickCheck::new()
        .tests(u64::from(cases()))
        .quickcheck(law);
}

/// Integers from quickcheck mapped to exactly representable, well-scaled f64 (multiples of ⅛).
pub fn dyadic(v: &[i32]) -> Vec<f64> {
    v.iter().map(|&a| f64::from(a) / 8.0).collect()
}
