//! # 1.3 Variance & covariance — the covariance matrix and variance inflation factors
//!
//! Centre every column first (two passes, stable at any offset), then each entry is a dot
//! product of two centred columns. The VIFs are the diagonal of the inverse correlation matrix.
//!
//! ```text
//! Cⱼₖ = Σᵢ (xᵢⱼ − x̄ⱼ)(xᵢₖ − x̄ₖ) / (n − 1)
//! Rⱼₖ = Cⱼₖ / √(Cⱼⱼ · Cₖₖ),   VIFⱼ = [R⁻¹]ⱼⱼ
//! ```

use mathlings_stats::StatsError;
use nalgebra::DMatrix;

/// Returns the p × p sample covariance matrix of `data` (rows = observations, columns = variables).
///
/// # Errors
/// - `StatsError::EmptyInput` when `data` has no entries (0 rows or 0 columns);
/// - `StatsError::NonFinite` when an entry is NaN or ±∞;
/// - `StatsError::TooFewValues { needed: 2, got: data.nrows() }` when there are fewer than two rows.
pub fn covariance_matrix(data: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    if data.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if data.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let (n, p) = data.shape();
    if n < 2 {
        return Err(StatsError::TooFewValues { needed: 2, got: n });
    }
    let mut centred = data.clone();
    for mut column in centred.column_iter_mut() {
        let mean = column.sum() / n as f64;
        column.add_scalar_mut(-mean);
    }
    let mut c = DMatrix::zeros(p, p);
    for j in 0..p {
        for k in j..p {
            let value = centred.column(j).dot(&centred.column(k)) / (n - 1) as f64;
            c[(j, k)] = value;
            c[(k, j)] = value;
        }
    }
    Ok(c)
}

/// Returns the variance inflation factor of every column of `data`: VIFⱼ = [R⁻¹]ⱼⱼ.
///
/// # Errors
/// The same as [`covariance_matrix`], plus `StatsError::Undefined(_)` (with a short reason of
/// your choice) when a column is constant or the columns are perfectly collinear.
pub fn variance_inflation_factors(data: &DMatrix<f64>) -> Result<Vec<f64>, StatsError> {
    let c = covariance_matrix(data)?;
    let p = c.nrows();
    if (0..p).any(|j| c[(j, j)] == 0.0) {
        return Err(StatsError::Undefined("a column is constant"));
    }
    let sd: Vec<f64> = (0..p).map(|j| c[(j, j)].sqrt()).collect();
    let r = DMatrix::from_fn(p, p, |j, k| {
        if j == k {
            1.0
        } else {
            c[(j, k)] / (sd[j] * sd[k])
        }
    });
    let r_inverse = mathlings_linalg::inverse(&r)
        .map_err(|_| StatsError::Undefined("the columns are perfectly collinear"))?;
    Ok((0..p).map(|j| r_inverse[(j, j)]).collect())
}
