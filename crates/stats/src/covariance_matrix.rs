//! §1.3 The covariance matrix of multivariate data and variance inflation factors
//! (how much multicollinearity inflates each coefficient's variance in a regression).

use crate::StatsError;
use crate::variance::{covariance, pearson_correlation};
use nalgebra::DMatrix;

/// Checks a data matrix (rows = observations) and returns its columns as vectors.
fn columns(data: &DMatrix<f64>) -> Result<Vec<Vec<f64>>, StatsError> {
    if data.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if data.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if data.nrows() < 2 {
        return Err(StatsError::TooFewValues {
            needed: 2,
            got: data.nrows(),
        });
    }
    Ok(data
        .column_iter()
        .map(|c| c.iter().copied().collect())
        .collect())
}

/// Sample covariance matrix of a data matrix whose rows are observations and columns variables.
///
/// Entry (j, k) is the sample covariance of columns j and k (each computed by the corrected
/// two-pass algorithm), so the result is p × p, symmetric, positive semi-definite, with the
/// column variances on its diagonal. It is XᶜᵀXᶜ/(n − 1) for the column-centred Xᶜ (not XXᵀ).
///
/// # Formula
/// ```text
/// Cⱼₖ = Σᵢ (xᵢⱼ − x̄ⱼ)(xᵢₖ − x̄ₖ) / (n − 1)
/// ```
/// where n is the number of rows (observations) and x̄ⱼ the mean of column j.
///
/// # Errors
/// [`StatsError::EmptyInput`] for a matrix with no entries, [`StatsError::NonFinite`],
/// [`StatsError::TooFewValues`] for fewer than two rows.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{covariance_matrix, StatsError};
/// use nalgebra::{dmatrix, DMatrix};
/// let data = dmatrix![1.0, 2.0; 2.0, 4.0; 3.0, 6.0];
/// assert_relative_eq!(covariance_matrix(&data).unwrap(), dmatrix![1.0, 2.0; 2.0, 4.0]);
/// assert_eq!(covariance_matrix(&DMatrix::zeros(0, 2)), Err(StatsError::EmptyInput));
/// ```
pub fn covariance_matrix(data: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    let cols = columns(data)?;
    let p = cols.len();
    let mut c = DMatrix::zeros(p, p);
    for j in 0..p {
        for k in j..p {
            let value = covariance(&cols[j], &cols[k])?;
            c[(j, k)] = value;
            c[(k, j)] = value;
        }
    }
    Ok(c)
}

/// Variance inflation factor of every column: VIFⱼ = 1/(1 − Rⱼ²), read off the inverse of the
/// correlation matrix.
///
/// Rⱼ² is the R² of regressing column j on all the other columns. VIF = 1 means column j is
/// uncorrelated with the rest; large values (say > 10) signal multicollinearity.
///
/// # Formula
/// ```text
/// VIFⱼ = 1 / (1 − Rⱼ²) = [R⁻¹]ⱼⱼ
/// ```
/// where R is the p × p Pearson correlation matrix of the columns (inverted with
/// `mathlings_linalg::inverse`).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::TooFewValues`] for fewer
/// than two rows, [`StatsError::Undefined`] for a constant column or perfectly collinear
/// columns (singular R).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{variance_inflation_factors, StatsError};
/// use nalgebra::dmatrix;
/// // Orthogonal centred columns: no inflation.
/// let data = dmatrix![1.0, 1.0; -1.0, 1.0; 1.0, -1.0; -1.0, -1.0];
/// let vif = variance_inflation_factors(&data).unwrap();
/// assert_relative_eq!(vif[0], 1.0, max_relative = 1e-14);
/// let collinear = dmatrix![1.0, 2.0; 2.0, 4.0; 3.0, 6.0];
/// assert!(matches!(variance_inflation_factors(&collinear), Err(StatsError::Undefined(_))));
/// ```
pub fn variance_inflation_factors(data: &DMatrix<f64>) -> Result<Vec<f64>, StatsError> {
    let cols = columns(data)?;
    let p = cols.len();
    let mut r = DMatrix::identity(p, p);
    for j in 0..p {
        for k in j..p {
            let value = pearson_correlation(&cols[j], &cols[k])?;
            r[(j, k)] = value;
            r[(k, j)] = value;
        }
    }
    let r_inverse = mathlings_linalg::inverse(&r)
        .map_err(|_| StatsError::Undefined("columns are perfectly collinear"))?;
    Ok((0..p).map(|j| r_inverse[(j, j)]).collect())
}
