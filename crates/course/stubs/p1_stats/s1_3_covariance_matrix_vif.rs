//! # 1.3 Variance & covariance — the covariance matrix and variance inflation factors
//!
//! A data matrix X has one row per observation and one column per variable (n × p). Its
//! covariance matrix C is p × p: entry (j, k) is the sample covariance of columns j and k, so
//! the variances sit on the diagonal, C is symmetric, and it is positive semi-definite
//! (vᵀCv is the variance of the combination Xv, never negative). In matrix form it is XᶜᵀXᶜ
//! for the column-centred Xᶜ — not XXᵀ, which is n × n and compares observations, not variables.
//!
//! ```text
//! Cⱼₖ = Σᵢ (xᵢⱼ − x̄ⱼ)(xᵢₖ − x̄ₖ) / (n − 1)        C = XᶜᵀXᶜ / (n − 1)
//! ```
//!
//! When predictors are correlated (multicollinearity), a regression cannot tell their effects
//! apart and the variance of each coefficient is inflated. The variance inflation factor of
//! column j is 1/(1 − Rⱼ²), where Rⱼ² is the R² of regressing column j on all the others. All
//! of them at once come from the inverse of the correlation matrix R (C rescaled to unit
//! diagonal):
//!
//! ```text
//! Rⱼₖ = Cⱼₖ / √(Cⱼⱼ · Cₖₖ)        VIFⱼ = 1 / (1 − Rⱼ²) = [R⁻¹]ⱼⱼ ≥ 1
//! ```
//!
//! VIF = 1 means column j is uncorrelated with the others; values above ~10 signal trouble.
//! You write matrix inverses yourself in §2.3; here you may call `mathlings_linalg::inverse`
//! (allowed for this exercise only; it returns `Err(LinalgError::Singular)` for a singular
//! matrix), or solve the p small regressions yourself if you prefer.
//!
//! Bad input gives a typed error: a matrix with no entries, NaN or ±∞, fewer than two rows;
//! for the VIFs also a constant column (its correlation is 0/0) or perfectly collinear columns
//! (R has no inverse).

use mathlings_stats::StatsError;
use nalgebra::DMatrix;

/// Returns the p × p sample covariance matrix of `data` (rows = observations, columns = variables).
///
/// # Errors
/// - `StatsError::EmptyInput` when `data` has no entries (0 rows or 0 columns);
/// - `StatsError::NonFinite` when an entry is NaN or ±∞;
/// - `StatsError::TooFewValues { needed: 2, got: data.nrows() }` when there are fewer than two rows.
pub fn covariance_matrix(data: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    // TODO: check the input, subtract each column's mean, then fill entry (j, k) with the dot
    // product of centred columns j and k divided by n − 1.
    todo!()
}

/// Returns the variance inflation factor of every column of `data`: VIFⱼ = [R⁻¹]ⱼⱼ.
///
/// # Errors
/// The same as [`covariance_matrix`], plus `StatsError::Undefined(_)` (with a short reason of
/// your choice) when a column is constant or the columns are perfectly collinear.
pub fn variance_inflation_factors(data: &DMatrix<f64>) -> Result<Vec<f64>, StatsError> {
    // TODO: build the correlation matrix from the covariance matrix, invert it, and return its
    // diagonal.
    todo!()
}
