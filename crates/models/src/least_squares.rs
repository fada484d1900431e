//! The one least-squares engine behind OLS, ridge and each IRLS step of logistic
//! regression: column equilibration by powers of two, Householder QR (from
//! `mathlings-linalg`), and — for OLS — iterative refinement with residuals computed in
//! double-double arithmetic, which makes the fit as accurate as its data allow.
//!
//! # The algorithm (OLS, [`refined_least_squares`])
//! ```text
//! Aₛ = A S⁻¹            S = diag(2^round(log₂‖aⱼ‖))          exact: only exponents change
//! Aₛ = Q R              Householder QR                      rank test on R (unchanged)
//! z₀ = R⁻¹ Qᵀ b
//! zₖ₊₁ = zₖ + R⁻¹R⁻ᵀ Aₛᵀ (b − Aₛ zₖ)                         residual and Aₛᵀρ in double-double
//! β = S⁻¹ z,   SSE = Σ ρᵢ² (double-double)
//! (AₛᵀAₛ)⁻¹ ≈ X₁ = X₀ + X₀(I − G X₀),  X₀ = R⁻¹R⁻ᵀ,  G = AₛᵀAₛ (double-double)
//! ```
//! The refinement is the "corrected semi-normal equations" step: the normal equations
//! of the current residual, solved with the R that QR already computed.
//!
//! # Error analysis
//! - *QR alone.* Householder QR is column-wise backward stable: the computed R is the
//!   exact triangular factor of Aₛ + δA with ‖δaⱼ‖ ≲ c·m·p·ε·‖aⱼ‖. The least-squares
//!   solution then errs by ‖δz‖/‖z‖ ≲ c·ε·(κ + κ²·‖ρ‖/(‖Aₛ‖‖z‖)) (Wedin; Higham, *Accuracy
//!   and Stability of Numerical Algorithms*, §20.1), κ the condition number of Aₛ. The κ²
//!   term is what holds plain QR back on Wampler4/5 (residual sd 2.4·10⁵ and 2.4·10⁷)
//!   and on Filip (κ = 5.2·10⁹ after equilibration).
//! - *Equilibration.* Dividing each column by (a power of two near) its norm makes κ
//!   within √p of the best any column scaling can reach (van der Sluis): Filip's κ goes
//!   from 1.8·10¹⁵ to 5.2·10⁹, Longley's from 4.9·10⁹ to 4.3·10⁴. Powers of two scale
//!   without rounding, so the refinement works on exactly the problem it was given.
//! - *Refinement.* One step maps the error e = z − z* to (I − (RᵀR)⁻¹AₛᵀAₛ) e, and with R
//!   the exact factor of Aₛ + δA that matrix has norm ≲ c·κ·ε — not κ²: each step
//!   multiplies the error by about κ·ε (Filip: corrections of 7·10⁻⁸, then 9·10⁻¹⁴
//!   relative). The fixed point solves Aₛᵀ(b − Aₛz) = 0 as evaluated in double-double
//!   (≈ 32 digits), i.e. the exact normal equations of the data, so the κ² term is gone
//!   and what is left is the rounding of z itself (≈ ε) — as long as κ·ε < 1, which the
//!   rank test guarantees with room to spare. Refining with the correction solved by
//!   QR instead (Golub's z ← z + R⁻¹Qᵀρ) does not remove the κ² term: its fixed point
//!   is Qᵀρ = 0 for the Q of the backward-perturbed (and, for a polynomial, rounded)
//!   design, so Wampler4/5 do not improve at all (table below).
//! - *What is left is the data.* An f64 design is already a rounded design: Filip's x
//!   (10 digits in decimal) and Wampler2's y are not representable, and the exact
//!   least-squares solution of the f64 data has only the digits in the table below
//!   ("exact, f64 data"). For a polynomial the rounding of every power xʲ to f64 is a
//!   second perturbation: on Filip it leaves the exact solution of the rounded design
//!   7.9 correct digits, which is why `LinearRegression::fit_polynomial` keeps the
//!   powers in double-double (the low parts enter the residuals and G, the QR only sees
//!   the high parts).
//! - *Variance factors, SSE, R².* See `refined_variance_diagonal`: one Newton–Schulz
//!   step takes (AₛᵀAₛ)⁻¹ from κ·ε to (κ·ε)² + κ²ε² relative (Filip: 3·10⁻¹³). The SSE is
//!   Σρᵢ² of the double-double residual, R²'s denominator a compensated two-pass sum, and
//!   R² = (SST − SSE)/SST with the difference in double-double (Wampler5's R² = 0.0022
//!   keeps its digits).
//!
//! # Chosen by measurement
//! Coefficient LRE (correct digits against NIST's certified values) of the variants
//! tried on the sets that separate them (2026-12-02; prototype code, same arithmetic):
//!
//! | variant | Filip (f64 powers) | Filip (dd powers) | Longley | Norris | Wampler4 | Wampler5 |
//! |---|---|---|---|---|---|---|
//! | QR, columns scaled by their norms (before) | 8.2 | — | 10.6 | 12.0 | 9.3 | 7.3 |
//! | QR, scaled by powers of two | 7.8 | 7.1 | 10.6 | 11.9 | 7.9 | 5.9 |
//! | QR with column pivoting | 7.4 | 7.6 | 11.0 | 13.5 | 7.9 | 5.9 |
//! | + x-only refinement (Golub), 2 steps | 7.6 | 9.2 | 11.1 | 14.1 | 7.9 | 5.9 |
//! | + corrected semi-normal equations, 1 step | 7.9 | 13.1 | 14.6 | 14.1 | 15.0 | 15.0 |
//! | + corrected semi-normal equations, 2 steps (chosen) | 7.9 | 13.7 | 14.6 | 14.1 | 15.0 | 15.0 |
//! | + Björck's augmented-system refinement, 2 steps | 7.9 | 14.0 | 14.6 | 14.1 | 15.0 | 15.0 |
//! | column pivoting + semi-normal refinement, 2 steps | 7.9 | 14.5 | 14.6 | 14.1 | 15.0 | 15.0 |
//! | exact solution of the f64 data | 7.90 | 14.01 | 14.62 | 14.06 | 15.0 | 15.0 |
//!
//! Refinement is what closes the gap; equilibration by powers of two costs plain QR a
//! few tenths of a digit by luck of rounding but makes the refined problem exact.
//! Column pivoting helps plain QR (Norris, Longley) and nothing once refined, so it is
//! not used (and the rank rule stays the unpivoted one). Björck's refinement, which
//! also refines the residual, is as accurate within 0.3 digit of the data's own limit
//! but needs Q applied twice per step; the semi-normal step needs only R.
//!
//! # Result (the project's NIST test, `tests/linear_regression.rs`)
//! LRE before (plain QR, columns scaled by their norms) → after, as coefficients /
//! standard errors / residual sd / R²; polynomials after by `fit_polynomial`:
//!
//! | set | before | after | exact solution of the f64 data |
//! |---|---|---|---|
//! | Norris | 12.04 / 13.79 / 13.84 / 15.0 | 14.06 / 13.92 / 14.03 / 15.0 | 14.06 / 13.92 / 14.03 / 15.0 |
//! | Pontius | 13.23 / 13.31 / 13.33 / 15.0 | 13.51 / 13.77 / 13.78 / 15.0 | 13.51 / 13.76 / 13.78 / 15.0 |
//! | NoInt1 | 14.59 / 14.83 / 15.0 / 15.0 | 14.72 / 15.0 / 15.0 / 15.0 | 14.72 / 15.0 / 15.0 / 15.0 |
//! | NoInt2 | 15.0 / 14.70 / 14.82 / 15.0 | 15.0 / 14.94 / 15.0 / 15.0 | 15.0 / 14.94 / 15.0 / 15.0 |
//! | Filip | 8.16 / 7.95 / 8.23 / 10.41 | 13.87 / 12.81 / 14.98 / 15.0 | 14.01 / 14.82 / 14.77 / 15.0 |
//! | Longley | 10.63 / 12.39 / 12.58 / 14.70 | 14.62 / 14.89 / 15.0 / 15.0 | 14.62 / 14.89 / 15.0 / 15.0 |
//! | Wampler1 | 9.62 / 9.55 / 9.55 / 15.0 | 15.0 / 15.0 / 15.0 / 15.0 | 15.0 / 15.0 / 15.0 / 15.0 |
//! | Wampler2 | 13.39 / 14.27 / 14.27 / 15.0 | 13.20 / 14.90 / 14.91 / 15.0 | 13.20 / 15.0 / 15.0 / 15.0 |
//! | Wampler3 | 9.32 / 13.59 / 15.0 / 15.0 | 15.0 / 14.46 / 14.81 / 15.0 | 15.0 / 14.46 / 14.81 / 15.0 |
//! | Wampler4 | 9.26 / 13.60 / 14.87 / 15.0 | 15.0 / 14.47 / 14.83 / 15.0 | 15.0 / 14.47 / 14.83 / 15.0 |
//! | Wampler5 | 7.30 / 13.60 / 14.80 / 13.73 | 15.0 / 14.45 / 14.80 / 15.0 | 15.0 / 14.46 / 14.80 / 15.0 |
//!
//! numpy 2.4.6 (OpenBLAS) on the same f64 data, coefficients: `np.linalg.qr` +
//! back-substitution Norris 12.09, Pontius 12.21, Filip 8.10, Longley 10.90, Wampler1
//! 9.19, Wampler2 13.70, Wampler3 9.19, Wampler4 7.84, Wampler5 5.85; `np.linalg.lstsq`
//! (SVD) Filip 0.0 (its default cut-off drops Filip's smallest singular values),
//! Longley 10.93, Wampler5 5.86 (`tests/data/nist_reference_lre.py`). Where the refined
//! fit is below "before" or numpy (Wampler2 13.20 vs 13.39 and 13.70; `fit` on Filip's
//! f64-rounded powers, 7.90 vs 8.16 and 8.10) it sits on the exact solution of the f64
//! data: the others' extra digits are rounding errors that happen to cancel the data's.
//! Filip's standard errors stop at 12.8 (κ²ε², see above) below the data's 14.8.
//!
//! Cost: QR is 2mp² flops; a refinement step two passes over Aₛ (≈ 20mp flops), G one
//! (≈ 5mp², but vectorised, unlike QR's dot products), X₁ ≈ 10p³. Measured against the
//! plain QR fit in the same run (`benches/least_squares.rs`, BENCHMARKS.md): 1.4–1.6× on
//! Filip, 1.6–1.8× with the double-double powers, 1.0–1.3× on a 10,000 × 20 design.

mod compensated;

use mathlings_linalg::{
    LinalgError, Qr, householder_qr, solve_lower_triangular, solve_upper_triangular,
};
use nalgebra::{DMatrix, DVector};

use crate::ModelError;
pub(crate) use compensated::{DoubleDouble, has_avx2_fma, two_product, two_sum};
use compensated::{accumulate, accumulate_exactly};

/// Most refinement steps taken. Each step multiplies the error by about κ·ε (κ the
/// condition number of the equilibrated design) and the loop stops as soon as the next
/// correction would be below one ulp: every NIST set stops after two (Filip, κ·ε ≈
/// 6·10⁻⁷: corrections of 7·10⁻⁸ then 9·10⁻¹⁴ relative). A third step is for designs
/// near the rank test's limit, κ·ε ≈ 10⁻⁴, where a step gains only four digits.
const MAX_REFINEMENT_STEPS: usize = 3;

/// A least-squares solution and what is needed for its standard errors.
#[derive(Debug, Clone)]
pub(crate) struct QrSolution {
    /// β = argmin ‖Aβ − b‖₂.
    pub coefficients: DVector<f64>,
    /// √[(AᵀA)⁻¹]ᵢᵢ for every coefficient: multiply by the residual standard deviation
    /// to get a standard error.
    pub variance_factors: DVector<f64>,
}

/// A refined least-squares solution: [`QrSolution`]'s fields computed to (nearly) full
/// precision, and the residual sum of squares.
#[derive(Debug, Clone)]
pub(crate) struct RefinedSolution {
    /// β = argmin ‖Aβ − b‖₂, refined.
    pub coefficients: DVector<f64>,
    /// √[(AᵀA)⁻¹]ᵢᵢ, refined against AᵀA accumulated in double-double.
    pub variance_factors: DVector<f64>,
    /// Σ (bᵢ − aᵢᵀβ)² at the returned β, in double-double.
    pub residual_sum_of_squares: DoubleDouble,
    /// Refinement steps taken after the plain QR solve (1 to [`MAX_REFINEMENT_STEPS`]).
    #[cfg_attr(not(test), expect(dead_code, reason = "checked by the unit tests"))]
    pub refinement_steps: usize,
}

/// The design divided column by column by powers of two, and its QR factorisation.
struct Equilibrated {
    /// sⱼ = 2^round(log₂ ‖aⱼ‖) (1 for a zero column, so the rank test sees it).
    scales: Vec<f64>,
    /// A S⁻¹, exact: dividing by a power of two only changes the exponent.
    high: DMatrix<f64>,
    /// The low-order part of the design, divided by the same scales (exact as well).
    low: Option<DMatrix<f64>>,
    /// Householder QR of `high`.
    qr: Qr,
    /// Its triangular factor R.
    r: DMatrix<f64>,
}

/// Divides every column by a power of two near its norm and factorises the result.
///
/// The scales are powers of two so that A S⁻¹ is computed without a single rounding
/// error: the refinement then works on exactly the problem it was given. Scaling leaves
/// β unchanged in exact arithmetic (β = S⁻¹ z) but makes the rank test and the condition
/// number that governs the errors (κ(A S⁻¹) instead of κ(A)) insensitive to columns of
/// wildly different size (Longley mixes 1 with 5·10⁵; Filip mixes 1 with 9¹⁰).
fn equilibrate(
    mut high: DMatrix<f64>,
    mut low: Option<DMatrix<f64>>,
) -> Result<Equilibrated, ModelError> {
    let scales: Vec<f64> = high
        .column_iter()
        .map(|column| power_of_two_near(safe_norm(column.as_slice())))
        .collect();
    for (j, scale) in scales.iter().enumerate() {
        let inverse = scale.recip();
        high.column_mut(j).scale_mut(inverse);
        if let Some(low) = low.as_mut() {
            low.column_mut(j).scale_mut(inverse);
        }
    }
    let qr = householder_qr(&high).map_err(rank_error)?;
    let r = qr.r();
    Ok(Equilibrated {
        scales,
        high,
        low,
        qr,
        r,
    })
}

/// ‖x‖₂ without overflow or underflow in the squares: max|xᵢ| · ‖x / max|xᵢ|‖₂.
fn safe_norm(x: &[f64]) -> f64 {
    let largest = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if largest == 0.0 {
        return 0.0;
    }
    largest * x.iter().map(|v| (v / largest).powi(2)).sum::<f64>().sqrt()
}

/// 2^round(log₂ x), within the normal range; 1 for 0 (and for a non-finite x).
fn power_of_two_near(x: f64) -> f64 {
    if x > 0.0 && x.is_finite() {
        2f64.powi(x.log2().round().clamp(-1022.0, 1023.0) as i32)
    } else {
        1.0
    }
}

/// R⁻¹ column by column: R · (column j of R⁻¹) = eⱼ, by back substitution (column j
/// of R⁻¹ is zero below row j). `Singular` for a zero on R's diagonal (which the rank
/// test has already excluded).
fn r_inverse(r: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
    let p = r.ncols();
    let mut inverse = DMatrix::zeros(p, p);
    for j in 0..p {
        for i in (0..=j).rev() {
            let mut sum = if i == j { 1.0 } else { 0.0 };
            for k in (i + 1)..=j {
                sum -= r[(i, k)] * inverse[(k, j)];
            }
            if r[(i, i)] == 0.0 {
                return Err(ModelError::Linalg(LinalgError::Singular));
            }
            inverse[(i, j)] = sum / r[(i, i)];
        }
    }
    Ok(inverse)
}

/// Solves min ‖Aβ − b‖₂ for a tall A of full column rank: equilibration, then
/// Householder QR, no refinement (ridge and the IRLS steps of logistic regression).
///
/// ```text
/// A = Aₛ S,  S = diag(s₁, …, sₚ) (powers of two),  Aₛ = Q R
/// β = S⁻¹ R⁻¹ Qᵀ b,   (AᵀA)⁻¹ = S⁻¹ R⁻¹ R⁻ᵀ S⁻¹
/// ```
/// so √[(AᵀA)⁻¹]ᵢᵢ = ‖row i of R⁻¹‖ / sᵢ: the normal equations and (AᵀA)⁻¹ are
/// never formed.
///
/// Errors: `RankDeficient` when a column is numerically dependent on the others
/// (decided by `mathlings_linalg::Qr::solve_least_squares`), other linear-algebra
/// failures as `ModelError::Linalg`.
pub(crate) fn equilibrated_least_squares(
    a: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<QrSolution, ModelError> {
    let p = a.ncols();
    let equilibrated = equilibrate(a.clone(), None)?;
    let z = equilibrated.qr.solve_least_squares(b).map_err(rank_error)?;
    let r_inverse = r_inverse(&equilibrated.r)?;
    let scales = &equilibrated.scales;
    Ok(QrSolution {
        coefficients: DVector::from_fn(p, |i, _| z[i] / scales[i]),
        variance_factors: DVector::from_fn(p, |i, _| r_inverse.row(i).norm() / scales[i]),
    })
}

/// Solves min ‖Aβ − b‖₂ for A = `high` + `low` (the low-order part, when given, carries
/// the digits of a design that f64 cannot hold, e.g. the powers of a polynomial fit),
/// then refines β, the variance factors and the residual sum of squares.
///
/// ```text
/// z₀ = R⁻¹ Qᵀ b                                   (QR of Aₛ = high · S⁻¹, as above)
/// repeat:  ρ = b − Aₛ zₖ                           (double-double)
///          g = Aₛᵀ ρ                               (double-double, then rounded)
///          zₖ₊₁ = zₖ + R⁻¹ R⁻ᵀ g                   (two triangular solves)
/// until the correction is below one ulp of z, stops shrinking, or after 3 steps
/// (AᵀA)⁻¹ ≈ X₀ = R⁻¹R⁻ᵀ,   X₁ = X₀ + X₀ (I − G X₀),   G = AₛᵀAₛ (double-double)
/// β = S⁻¹ z,   √[(AᵀA)⁻¹]ᵢᵢ = √(X₁)ᵢᵢ / sᵢ,   SSE = Σ ρᵢ² (double-double)
/// ```
///
/// Errors: as [`equilibrated_least_squares`]; the rank decision is the same.
pub(crate) fn refined_least_squares(
    high: DMatrix<f64>,
    low: Option<DMatrix<f64>>,
    b: &DVector<f64>,
) -> Result<RefinedSolution, ModelError> {
    if has_avx2_fma() {
        // SAFETY: `refine_avx2_fma` is safe to call on any CPU with AVX2 and FMA, which
        // `has_avx2_fma` has just checked (it is false off x86-64).
        #[cfg(target_arch = "x86_64")]
        return unsafe { refine_avx2_fma(high, low, b) };
    }
    refine(high, low, b)
}

/// [`refine`] compiled with AVX2 and FMA (see [`has_avx2_fma`]).
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn refine_avx2_fma(
    high: DMatrix<f64>,
    low: Option<DMatrix<f64>>,
    b: &DVector<f64>,
) -> Result<RefinedSolution, ModelError> {
    refine(high, low, b)
}

/// The body of [`refined_least_squares`]. `#[inline(always)]` (here and on the kernels
/// it calls) copies it into each caller, which compiles it for its instruction set.
#[inline(always)]
fn refine(
    high: DMatrix<f64>,
    low: Option<DMatrix<f64>>,
    b: &DVector<f64>,
) -> Result<RefinedSolution, ModelError> {
    let p = high.ncols();
    let equilibrated = equilibrate(high, low)?;
    let Equilibrated {
        scales,
        high,
        low,
        qr,
        r,
    } = &equilibrated;
    let low = low.as_ref();
    let rows = Rows::of(high, low);
    let r_transpose = r.transpose();

    let mut z = qr.solve_least_squares(b).map_err(rank_error)?;
    let mut residual = Residual::of(high, low, b, &z);
    let mut previous_correction = f64::INFINITY;
    let mut steps = 0;
    while steps < MAX_REFINEMENT_STEPS {
        // The correction solves the normal equations of the residual with the computed
        // factor: RᵀR δ = Aₛᵀρ (the "corrected semi-normal equations").
        let gradient = rows.transpose_times(&residual);
        let h = solve_lower_triangular(&r_transpose, &gradient).map_err(rank_error)?;
        let correction = solve_upper_triangular(r, &h).map_err(rank_error)?;
        let size = correction.amax();
        if !size.is_finite() || size > 0.5 * previous_correction {
            // Not contracting (κ·ε too close to 1 for refinement to help), or the
            // double-double products overflowed (data near f64::MAX): keep zₖ.
            break;
        }
        z += &correction;
        residual = Residual::of(high, low, b, &z);
        steps += 1;
        // The corrections shrink by a factor ≈ κ·ε per step; stop when the next one
        // would be below one ulp of z (the first step has no factor yet: it stops only
        // when its own correction is that small).
        let contraction = if steps == 1 {
            1.0
        } else {
            size / previous_correction
        };
        previous_correction = size;
        if size * contraction <= f64::EPSILON * z.amax() {
            break;
        }
    }

    let variance = refined_variance_diagonal(&rows, r)?;
    Ok(RefinedSolution {
        coefficients: DVector::from_fn(p, |i, _| z[i] / scales[i]),
        variance_factors: DVector::from_fn(p, |i, _| variance[i].sqrt() / scales[i]),
        residual_sum_of_squares: residual.sum_of_squares(),
        refinement_steps: steps,
    })
}

/// The residual b − Aₛz in double-double, one accumulator per row, stored as two
/// vectors so that the column sweep runs over contiguous memory.
struct Residual {
    high: Vec<f64>,
    low: Vec<f64>,
}

impl Residual {
    /// ρ = b − (high + low) z, column by column: ρ −= aⱼ zⱼ exactly, the low-order part
    /// of the design in plain f64.
    #[inline(always)]
    fn of(
        high: &DMatrix<f64>,
        low: Option<&DMatrix<f64>>,
        b: &DVector<f64>,
        z: &DVector<f64>,
    ) -> Residual {
        let mut sum = b.as_slice().to_vec();
        let mut errors = vec![0.0; b.len()];
        for (j, zj) in z.iter().enumerate() {
            accumulate_exactly(&mut sum, &mut errors, high.column(j).as_slice(), -zj);
            if let Some(low) = low {
                accumulate(&mut errors, low.column(j).as_slice(), -zj);
            }
        }
        // Renormalise each pair so that ρᵢ's high part is ρᵢ rounded to f64.
        for (s, e) in sum.iter_mut().zip(errors.iter_mut()) {
            (*s, *e) = two_sum(*s, *e);
        }
        Residual {
            high: sum,
            low: errors,
        }
    }

    /// Σ ρᵢ² in double-double.
    #[inline(always)]
    fn sum_of_squares(&self) -> DoubleDouble {
        let mut total = DoubleDouble::default();
        for (h, l) in self.high.iter().zip(&self.low) {
            total = total.add_double(DoubleDouble { hi: *h, lo: *l }.square());
        }
        total
    }
}

/// The equilibrated design row by row (Aₛᵀ stored column-major, so row i of Aₛ is
/// contiguous). Aₛᵀρ and AₛᵀAₛ are sums over rows; sweeping the rows and updating one
/// double-double accumulator per column (per entry of G) makes every inner loop an
/// independent update over contiguous memory, which the compiler vectorises — a dot
/// product per column would be one long chain of dependent additions instead.
struct Rows {
    high: DMatrix<f64>,
    low: Option<DMatrix<f64>>,
}

impl Rows {
    #[inline(always)]
    fn of(high: &DMatrix<f64>, low: Option<&DMatrix<f64>>) -> Rows {
        Rows {
            high: high.transpose(),
            low: low.map(|low| low.transpose()),
        }
    }

    /// Aₛᵀρ in double-double, rounded to f64: g += aᵢ ρᵢ row by row, the products with
    /// ρᵢ's high part exactly, the terms with a low part (ε times smaller) in plain f64.
    #[inline(always)]
    fn transpose_times(&self, residual: &Residual) -> DVector<f64> {
        let p = self.high.nrows();
        let mut sum = vec![0.0; p];
        let mut errors = vec![0.0; p];
        for (i, (rho_high, rho_low)) in residual.high.iter().zip(&residual.low).enumerate() {
            let row = self.high.column(i);
            accumulate_exactly(&mut sum, &mut errors, row.as_slice(), *rho_high);
            accumulate(&mut errors, row.as_slice(), *rho_low);
            if let Some(low) = &self.low {
                accumulate(&mut errors, low.column(i).as_slice(), *rho_high);
            }
        }
        DVector::from_iterator(p, sum.iter().zip(&errors).map(|(s, e)| s + e))
    }

    /// G = AₛᵀAₛ in double-double, as its high and low parts: G += aᵢaᵢᵀ row by row,
    /// into the lower triangle (column k holds Gₖₖ … Gₚ₋₁ₖ, contiguous), then mirrored.
    #[inline(always)]
    fn gram(&self) -> (DMatrix<f64>, DMatrix<f64>) {
        let p = self.high.nrows();
        let mut gram_high = DMatrix::zeros(p, p);
        let mut gram_low = DMatrix::zeros(p, p);
        for i in 0..self.high.ncols() {
            let row = self.high.column(i);
            let row = row.as_slice();
            for k in 0..p {
                let mut high_column = gram_high.column_mut(k);
                let mut low_column = gram_low.column_mut(k);
                accumulate_exactly(
                    &mut high_column.as_mut_slice()[k..],
                    &mut low_column.as_mut_slice()[k..],
                    &row[k..],
                    row[k],
                );
            }
        }
        if let Some(low) = &self.low {
            // The cross terms HᵀL + LᵀH (H, L the high and low parts of Aₛ) are ε times
            // smaller than G: a plain f64 matrix product is enough. The stored
            // transposes give HᵀL as `high` · `low`ᵀ.
            let cross = &self.high * low.transpose();
            gram_low += &cross + cross.transpose();
        }
        for k in 0..p {
            for l in k..p {
                let entry = DoubleDouble {
                    hi: gram_high[(l, k)],
                    lo: gram_low[(l, k)],
                }
                .normalised();
                for (a, b) in [(l, k), (k, l)] {
                    gram_high[(a, b)] = entry.hi;
                    gram_low[(a, b)] = entry.lo;
                }
            }
        }
        (gram_high, gram_low)
    }
}

/// The diagonal of (AₛᵀAₛ)⁻¹ after one Newton–Schulz step from X₀ = R⁻¹R⁻ᵀ:
/// X₁ = X₀ + X₀ E with E = I − G X₀ computed in double-double from the Gram matrix
/// G = AₛᵀAₛ accumulated in double-double.
///
/// With X₀ = G⁻¹ + D, exactly X₁ = G⁻¹ − D G D: the error becomes quadratic in D,
/// measured in G's norm. D has two parts: R's own error (R is the exact factor of a
/// design within ε of Aₛ, so D ≈ κ·ε·‖G⁻¹‖) and the rounding of X₀'s entries to f64
/// (≈ ε·|X₀|, of no particular structure). Both give ‖DGD‖ ≲ (κ·ε)²·‖G⁻¹‖, and the
/// double-double G (32 digits, condition κ²) adds the same κ²ε²: on Filip (κ = 5·10⁹)
/// 3·10⁻¹³, 12.5 digits, against κ·ε ≈ 6·10⁻⁷ without the step. A second step would not
/// help: E itself is ≈ ε·κ² (≈ 300 on Filip, from the unstructured rounding), and the
/// rounding of X₀E then enters X₁ unsquared — measured, it drops Filip to 8.9 digits.
#[inline(always)]
fn refined_variance_diagonal(rows: &Rows, r: &DMatrix<f64>) -> Result<Vec<f64>, ModelError> {
    let p = r.ncols();
    let r_inverse = r_inverse(r)?;
    let x0 = &r_inverse * r_inverse.transpose();
    let (gram_high, gram_low) = rows.gram();

    let mut diagonal = Vec::with_capacity(p);
    let mut e_high = vec![0.0; p];
    let mut e_low = vec![0.0; p];
    for i in 0..p {
        // Column i of E = I − G X₀ = eᵢ − Σₖ gₖ (X₀)ₖᵢ, in double-double.
        e_high.fill(0.0);
        e_low.fill(0.0);
        e_high[i] = 1.0;
        for k in 0..p {
            let minus_x = -x0[(k, i)];
            accumulate_exactly(
                &mut e_high,
                &mut e_low,
                gram_high.column(k).as_slice(),
                minus_x,
            );
            accumulate(&mut e_low, gram_low.column(k).as_slice(), minus_x);
        }
        // (X₀ E)ᵢᵢ = Σₖ (X₀)ᵢₖ Eₖᵢ, X₀ being symmetric: row i = column i.
        let correction: f64 = x0
            .column(i)
            .iter()
            .zip(e_high.iter().zip(&e_low))
            .map(|(x, (h, l))| x * (h + l))
            .sum();
        let refined = x0[(i, i)] + correction;
        // Keep X₀'s entry if the step produced nonsense (an overflow in G, say).
        diagonal.push(if refined.is_finite() && refined > 0.0 {
            refined
        } else {
            x0[(i, i)]
        });
    }
    Ok(diagonal)
}

/// Reports linear dependence among the model's columns as the model's own error.
fn rank_error(error: LinalgError) -> ModelError {
    match error {
        LinalgError::RankDeficient { rank, needed } => ModelError::RankDeficient {
            rank,
            columns: needed,
        },
        other => ModelError::Linalg(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A degree-8 polynomial on 26 points of [1, 2] with an intercept: κ ≈ 6·10⁸ after
    /// equilibration, so plain QR keeps only about 8 digits.
    fn ill_conditioned() -> (DMatrix<f64>, DVector<f64>) {
        let n = 26;
        let t: Vec<f64> = (0..n).map(|i| 1.0 + i as f64 / (n - 1) as f64).collect();
        let x = DMatrix::from_fn(n, 9, |i, j| t[i].powi(j as i32));
        let y = DVector::from_fn(n, |i, _| t[i].exp() + 0.01 * (17.0 * i as f64).sin());
        (x, y)
    }

    #[test]
    fn scales_are_powers_of_two_and_norms_do_not_overflow() {
        assert_eq!(power_of_two_near(3.0), 4.0);
        assert_eq!(power_of_two_near(0.7), 0.5);
        assert_eq!(power_of_two_near(0.0), 1.0);
        assert_eq!(power_of_two_near(f64::INFINITY), 1.0);
        assert_eq!(power_of_two_near(1e-320), 2f64.powi(-1022));
        // (3² + 4²)·10⁴⁰⁰ overflows; the scaled form gives 5·10²⁰⁰ to an ulp or two.
        assert!((safe_norm(&[3e200, 4e200]) - 5e200).abs() <= 2.0 * f64::EPSILON * 5e200);
        assert_eq!(safe_norm(&[0.0, 0.0]), 0.0);
    }

    #[test]
    fn refinement_agrees_with_plain_qr_where_plain_qr_is_accurate() {
        // Orthogonal-ish columns (κ ≈ 3): both are accurate to a few ulps.
        let x = DMatrix::from_fn(12, 3, |i, j| ((i * (j + 2)) as f64).sin() + (j as f64));
        let y = DVector::from_fn(12, |i, _| (i as f64).cos());
        let plain = equilibrated_least_squares(&x, &y).unwrap();
        let refined = refined_least_squares(x, None, &y).unwrap();
        // 1e-14 relative: κ·ε with κ ≈ 3 and a few ulps of rounding on each side.
        for (a, b) in plain.coefficients.iter().zip(&refined.coefficients) {
            assert!((a - b).abs() <= 1e-14 * b.abs().max(1.0), "{a} vs {b}");
        }
        for (a, b) in plain.variance_factors.iter().zip(&refined.variance_factors) {
            assert!((a - b).abs() <= 1e-14 * b, "{a} vs {b}");
        }
        assert!((1..=2).contains(&refined.refinement_steps));
    }

    #[test]
    fn refinement_recovers_exact_coefficients_that_plain_qr_misses() {
        // Wampler1's kind of problem: y = Σ βⱼ xʲ exactly for x = 0 … 20, degree 5, all
        // in integers (exact in f64); κ ≈ 2·10³ after equilibration but κ ≈ 6·10⁶
        // componentwise. The exact solution is β itself.
        let x = DMatrix::from_fn(21, 6, |i, j| (i as f64).powi(j as i32));
        let beta = DVector::from_vec(vec![1.0, -2.0, 3.0, -1.0, 2.0, 1.0]);
        let y = &x * &beta;
        let plain = equilibrated_least_squares(&x, &y).unwrap();
        let refined = refined_least_squares(x, None, &y).unwrap();
        assert!((1..=MAX_REFINEMENT_STEPS).contains(&refined.refinement_steps));
        let worst = |b: &DVector<f64>| (b - &beta).amax();
        // Refined: within 4 ulps of the coefficients' size; plain QR: 4·10⁻¹⁰ measured.
        assert!(
            worst(&refined.coefficients) <= 4.0 * f64::EPSILON * 3.0,
            "{}",
            worst(&refined.coefficients)
        );
        assert!(
            worst(&plain.coefficients) > 1e3 * f64::EPSILON,
            "{}",
            worst(&plain.coefficients)
        );
    }

    #[test]
    fn fma_and_portable_paths_give_identical_bits() {
        let (x, y) = ill_conditioned();
        let low = x.map(|v| v * 1e-17);
        let portable = refine(x.clone(), Some(low.clone()), &y).unwrap();
        if has_avx2_fma() {
            #[cfg(target_arch = "x86_64")]
            {
                // SAFETY: has_avx2_fma() was checked.
                let fast = unsafe { refine_avx2_fma(x, Some(low), &y) }.unwrap();
                assert_eq!(fast.coefficients, portable.coefficients);
                assert_eq!(fast.variance_factors, portable.variance_factors);
                assert_eq!(
                    fast.residual_sum_of_squares,
                    portable.residual_sum_of_squares
                );
            }
        }
    }

    #[test]
    fn dependent_columns_are_still_rank_deficient() {
        // Column 2 = column 0 + column 1.
        let x = DMatrix::from_fn(6, 3, |i, j| match j {
            0 => (i * i) as f64,
            1 => i as f64 + 1.0,
            _ => (i * i + i + 1) as f64,
        });
        let y = DVector::from_fn(6, |i, _| i as f64);
        assert!(matches!(
            refined_least_squares(x, None, &y),
            Err(ModelError::RankDeficient {
                rank: 2,
                columns: 3
            })
        ));
    }
}
