//! Multiple linear regression (ordinary least squares) by Householder QR.

use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::least_squares::equilibrated_least_squares;
use crate::validate::{check_features_and_target, check_new_features, check_values};

/// Ordinary least squares, configured: with or without an intercept column.
///
/// # Formula
/// ```text
/// β̂ = argmin ‖y − Xβ‖₂ = R⁻¹ Qᵀ y,   X = Q R (Householder, columns equilibrated)
/// ```
/// where X is the n×p design (a leading column of ones when `fit_intercept`), Q is
/// n×p with orthonormal columns and R is p×p upper triangular. The normal equations
/// XᵀX β = Xᵀy are never formed: they square the condition number, and on the NIST
/// Filip problem (κ(X) ≈ 10¹⁵) they lose every digit.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{LinearRegression, ModelError};
/// use nalgebra::{dmatrix, dvector};
///
/// // y = 1 + 2x exactly.
/// let x = dmatrix![0.0; 1.0; 2.0; 3.0];
/// let fit = LinearRegression { fit_intercept: true }.fit(&x, &dvector![1.0, 3.0, 5.0, 7.0])?;
/// assert_relative_eq!(fit.intercept.unwrap(), 1.0, epsilon = 1e-12);
/// assert_relative_eq!(fit.coefficients[0], 2.0, epsilon = 1e-12);
/// assert_relative_eq!(fit.r_squared, 1.0, epsilon = 1e-12);
///
/// // A duplicated column is reported, never silently dropped.
/// let duplicated = dmatrix![0.0, 0.0; 1.0, 1.0; 2.0, 2.0; 3.0, 3.0];
/// let err = LinearRegression::default().fit(&duplicated, &dvector![1.0, 3.0, 5.0, 8.0]);
/// assert!(matches!(err, Err(ModelError::RankDeficient { .. })));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinearRegression {
    /// Prepend a column of ones to X (estimate an intercept β₀).
    pub fit_intercept: bool,
}

impl Default for LinearRegression {
    /// With an intercept, as almost every model needs.
    fn default() -> Self {
        LinearRegression {
            fit_intercept: true,
        }
    }
}

/// A fitted ordinary-least-squares model with its inference statistics.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{LinearRegression, ModelError};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = dmatrix![0.0; 1.0; 2.0; 3.0];
/// let fit = LinearRegression::default().fit(&x, &dvector![1.0, 3.0, 5.0, 8.0])?;
/// assert_relative_eq!(fit.intercept.unwrap(), 0.8, epsilon = 1e-12);
/// assert_relative_eq!(fit.coefficients[0], 2.3, epsilon = 1e-12);
/// assert_eq!(fit.residual_degrees_of_freedom, 2); // n − p = 4 − 2
/// assert_eq!(fit.standard_errors.len(), 2); // intercept first
/// // The t-statistic of the slope: estimate / standard error.
/// assert!(fit.coefficients[0] / fit.standard_errors[1] > 10.0);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedLinearRegression {
    /// β₀ when fitted with an intercept, else `None`.
    pub intercept: Option<f64>,
    /// One coefficient per feature column (the intercept excluded).
    pub coefficients: DVector<f64>,
    /// Standard error of every estimate, the intercept's first when there is one.
    pub standard_errors: DVector<f64>,
    /// s = √(SSE / (n − p)), the estimate of the noise standard deviation.
    pub residual_standard_deviation: f64,
    /// R², centred (1 − SSE/Σ(yᵢ − ȳ)²) with an intercept, uncentred (1 − SSE/Σyᵢ²)
    /// without one.
    pub r_squared: f64,
    /// n − p, with p counting the intercept.
    pub residual_degrees_of_freedom: usize,
}

impl LinearRegression {
    /// Fits y ≈ β₀ + Xβ by least squares through a Householder QR of the equilibrated design.
    ///
    /// # Formula
    /// ```text
    /// β̂ = R⁻¹ Qᵀ y,   eᵢ = yᵢ − ŷᵢ,   s² = Σ eᵢ² / (n − p)
    /// se(β̂ⱼ) = s · ‖row j of R⁻¹‖          (= s √[(XᵀX)⁻¹]ⱼⱼ, without forming XᵀX)
    /// R² = 1 − Σ eᵢ² / Σ (yᵢ − ȳ)²          (with intercept; Σ yᵢ² without)
    /// ```
    /// where p counts the intercept. Columns are scaled to unit norm before the QR and
    /// the estimates scaled back. When y is constant and fitted exactly, R² is 1.
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch` (y length ≠ rows), `TooFewRows` when
    /// n ≤ p (no residual degrees of freedom), `RankDeficient` when a column is
    /// numerically dependent on the others (e.g. duplicated).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{LinearRegression, ModelError};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// // Through the origin: y = 2x + noise, no intercept.
    /// let x = dmatrix![1.0; 2.0; 3.0];
    /// let fit = LinearRegression { fit_intercept: false }.fit(&x, &dvector![2.0, 4.5, 5.5])?;
    /// assert!(fit.intercept.is_none());
    /// assert_relative_eq!(fit.coefficients[0], 27.5 / 14.0, epsilon = 1e-12);
    /// assert_eq!(fit.residual_degrees_of_freedom, 2);
    ///
    /// let err = LinearRegression::default().fit(&x, &dvector![1.0, 2.0]);
    /// assert!(matches!(err, Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(
        &self,
        x: &DMatrix<f64>,
        y: &DVector<f64>,
    ) -> Result<FittedLinearRegression, ModelError> {
        check_features_and_target(x, y)?;
        let n = x.nrows();
        let design = if self.fit_intercept {
            x.clone().insert_column(0, 1.0)
        } else {
            x.clone()
        };
        let p = design.ncols();
        if n <= p {
            return Err(ModelError::TooFewRows {
                needed: p + 1,
                got: n,
            });
        }

        let solution = equilibrated_least_squares(&design, y)?;
        let beta = solution.coefficients;

        let fitted = &design * &beta;
        let sse: f64 = y
            .iter()
            .zip(fitted.iter())
            .map(|(yi, fi)| (yi - fi).powi(2))
            .sum();
        let dof = n - p;
        let residual_standard_deviation = (sse / dof as f64).sqrt();

        let total = if self.fit_intercept {
            let mean = mathlings_stats::mean(y.as_slice())?;
            y.iter().map(|yi| (yi - mean).powi(2)).sum::<f64>()
        } else {
            y.iter().map(|yi| yi * yi).sum::<f64>()
        };
        let r_squared = if total > 0.0 { 1.0 - sse / total } else { 1.0 };

        let (intercept, coefficients) = if self.fit_intercept {
            (Some(beta[0]), beta.rows(1, p - 1).into_owned())
        } else {
            (None, beta)
        };
        Ok(FittedLinearRegression {
            intercept,
            coefficients,
            standard_errors: solution.variance_factors * residual_standard_deviation,
            residual_standard_deviation,
            r_squared,
            residual_degrees_of_freedom: dof,
        })
    }
}

impl FittedLinearRegression {
    /// Predictions ŷ = β₀ + Xβ for new rows.
    ///
    /// # Formula
    /// ```text
    /// ŷᵢ = β₀ + Σⱼ xᵢⱼ βⱼ
    /// ```
    /// where β₀ = 0 for a model fitted without intercept.
    ///
    /// # Errors
    /// `ShapeMismatch` when `x` has a different number of columns than the training
    /// data, `NonFinite` for a NaN/±∞ entry. An `x` with zero rows gives an empty vector.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{LinearRegression, ModelError};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// let fit = LinearRegression::default().fit(&dmatrix![0.0; 1.0; 2.0], &dvector![1.0, 3.0, 5.0])?;
    /// assert_relative_eq!(fit.predict(&dmatrix![10.0])?[0], 21.0, epsilon = 1e-10);
    /// assert!(matches!(fit.predict(&dmatrix![1.0, 2.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
        check_new_features(x, self.coefficients.len())?;
        let intercept = self.intercept.unwrap_or(0.0);
        Ok(x * &self.coefficients + DVector::from_element(x.nrows(), intercept))
    }
}

/// The polynomial design matrix [x, x², …, x^degree] (no column of ones: the
/// intercept is added by [`LinearRegression`]).
///
/// # Formula
/// ```text
/// Xᵢⱼ = xᵢʲ,   j = 1, …, degree
/// ```
/// where each power is built from the previous one, xᵢʲ = xᵢʲ⁻¹ · xᵢ.
///
/// # Errors
/// `Empty`, `NonFinite` (also when a power overflows), `InvalidParameter` when `degree` is 0.
///
/// # Examples
/// ```
/// use mathlings_models::{polynomial_design, ModelError};
/// use nalgebra::dmatrix;
///
/// assert_eq!(polynomial_design(&[2.0, 3.0], 3)?, dmatrix![2.0, 4.0, 8.0; 3.0, 9.0, 27.0]);
/// assert!(matches!(polynomial_design(&[1.0], 0), Err(ModelError::InvalidParameter { .. })));
/// # Ok::<(), ModelError>(())
/// ```
pub fn polynomial_design(x: &[f64], degree: usize) -> Result<DMatrix<f64>, ModelError> {
    check_values(x)?;
    if degree == 0 {
        return Err(ModelError::InvalidParameter {
            name: "degree",
            reason: "must be at least 1",
        });
    }
    let mut design = DMatrix::zeros(x.len(), degree);
    for (i, xi) in x.iter().enumerate() {
        let mut power = 1.0;
        for j in 0..degree {
            power *= xi;
            design[(i, j)] = power;
        }
    }
    if design.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok(design)
}
