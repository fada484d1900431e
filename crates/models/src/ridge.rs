//! Ridge regression: least squares with an L2 penalty, solved as an augmented least-squares problem.

use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::least_squares::equilibrated_least_squares;
use crate::validate::{check_features_and_target, check_new_features, check_positive};

/// Ridge regression, configured by its penalty λ and whether to fit an (unpenalised) intercept.
///
/// # Formula
/// ```text
/// β̂ = argmin ‖y − β₀ − Xβ‖₂² + λ ‖β‖₂²
/// ```
/// where λ ≥ 0 and the intercept β₀ is not penalised (shrinking it would make the fit
/// depend on where the origin of y is).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{ModelError, Ridge};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = dmatrix![1.0; 2.0; 3.0];
/// let y = dvector![2.0, 4.0, 6.0];
/// // One centred feature: β = Sxy / (Sxx + λ) = 4 / (2 + 2) = 1.
/// let fit = Ridge { lambda: 2.0, fit_intercept: true }.fit(&x, &y)?;
/// assert_relative_eq!(fit.coefficients[0], 1.0, epsilon = 1e-12);
/// assert_relative_eq!(fit.intercept.unwrap(), 2.0, epsilon = 1e-12);
///
/// let bad = Ridge { lambda: -1.0, fit_intercept: true }.fit(&x, &y);
/// assert!(matches!(bad, Err(ModelError::InvalidParameter { name: "lambda", .. })));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ridge {
    /// Penalty weight λ ≥ 0 (λ = 0 is ordinary least squares).
    pub lambda: f64,
    /// Fit an unpenalised intercept β₀ (by centring X and y).
    pub fit_intercept: bool,
}

/// A fitted ridge-regression model.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{ModelError, Ridge};
/// use nalgebra::{dmatrix, dvector};
///
/// let (x, y) = (dmatrix![1.0; 2.0; 3.0], dvector![2.0, 4.0, 6.0]);
/// let ols = Ridge { lambda: 0.0, fit_intercept: true }.fit(&x, &y)?;
/// let ridge = Ridge { lambda: 2.0, fit_intercept: true }.fit(&x, &y)?;
/// // The penalty shrinks the slope from Sxy / Sxx = 4 / 2 to 4 / (2 + 2).
/// assert_relative_eq!(ols.coefficients[0], 2.0, epsilon = 1e-12);
/// assert_relative_eq!(ridge.coefficients[0], 1.0, epsilon = 1e-12);
/// assert_relative_eq!(ridge.intercept.unwrap(), 2.0, epsilon = 1e-12); // ȳ − x̄ β̂
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedRidge {
    /// β₀ when fitted with an intercept, else `None`.
    pub intercept: Option<f64>,
    /// One (shrunk) coefficient per feature column.
    pub coefficients: DVector<f64>,
}

impl Ridge {
    /// Fits ridge regression by QR of the augmented matrix [X; √λ I].
    ///
    /// The penalty λ‖β‖² equals the squared residual of p extra "observations"
    /// √λ·βⱼ ≈ 0, so ridge is ordinary least squares on a taller matrix: no normal
    /// equations, no (XᵀX + λI)⁻¹. With an intercept, X and y are centred first; the
    /// intercept is then recovered from the means, which leaves it unpenalised.
    ///
    /// # Formula
    /// ```text
    /// β̂ = argmin ‖ [X_c; √λ I] β − [y_c; 0] ‖₂     (= (X_cᵀX_c + λI)⁻¹ X_cᵀ y_c)
    /// β̂₀ = ȳ − x̄ᵀ β̂
    /// ```
    /// where X_c = X − 1x̄ᵀ and y_c = y − ȳ are centred (uncentred without intercept).
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch`, `InvalidParameter` when λ is negative or not
    /// finite, `RankDeficient` when λ = 0 and the columns are dependent.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, Ridge};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// // Without intercept, one column: β = Σxy / (Σx² + λ) = 28 / (14 + 0) = 2.
    /// let fit = Ridge { lambda: 0.0, fit_intercept: false }
    ///     .fit(&dmatrix![1.0; 2.0; 3.0], &dvector![2.0, 4.0, 6.0])?;
    /// assert_relative_eq!(fit.coefficients[0], 2.0, epsilon = 1e-12);
    ///
    /// let nan = Ridge { lambda: 1.0, fit_intercept: true }
    ///     .fit(&dmatrix![f64::NAN], &dvector![1.0]);
    /// assert!(matches!(nan, Err(ModelError::NonFinite)));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(&self, x: &DMatrix<f64>, y: &DVector<f64>) -> Result<FittedRidge, ModelError> {
        check_positive(self.lambda, "lambda", true)?;
        check_features_and_target(x, y)?;
        let (n, p) = x.shape();

        let (x_means, y_mean) = if self.fit_intercept {
            let mut means = DVector::zeros(p);
            for j in 0..p {
                means[j] = mathlings_stats::mean(x.column(j).as_slice())?;
            }
            (means, mathlings_stats::mean(y.as_slice())?)
        } else {
            (DVector::zeros(p), 0.0)
        };

        // [X_c; √λ I] and [y_c; 0].
        let root_lambda = self.lambda.sqrt();
        let augmented = DMatrix::from_fn(n + p, p, |i, j| {
            if i < n {
                x[(i, j)] - x_means[j]
            } else if i - n == j {
                root_lambda
            } else {
                0.0
            }
        });
        let target = DVector::from_fn(n + p, |i, _| if i < n { y[i] - y_mean } else { 0.0 });

        let coefficients = equilibrated_least_squares(&augmented, &target)?.coefficients;
        let intercept = self
            .fit_intercept
            .then(|| y_mean - x_means.dot(&coefficients));
        Ok(FittedRidge {
            intercept,
            coefficients,
        })
    }
}

impl FittedRidge {
    /// Predictions ŷ = β₀ + Xβ for new rows.
    ///
    /// # Formula
    /// ```text
    /// ŷᵢ = β₀ + Σⱼ xᵢⱼ βⱼ
    /// ```
    /// where β₀ = 0 for a model fitted without intercept.
    ///
    /// # Errors
    /// `ShapeMismatch` for a different number of columns than in training, `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, Ridge};
    /// use nalgebra::{dmatrix, dvector};
    ///
    /// let fit = Ridge { lambda: 0.0, fit_intercept: true }
    ///     .fit(&dmatrix![0.0; 1.0; 2.0], &dvector![1.0, 3.0, 5.0])?;
    /// assert_relative_eq!(fit.predict(&dmatrix![3.0])?[0], 7.0, epsilon = 1e-12);
    /// assert!(matches!(fit.predict(&dmatrix![1.0, 1.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
        check_new_features(x, self.coefficients.len())?;
        let intercept = self.intercept.unwrap_or(0.0);
        Ok(x * &self.coefficients + DVector::from_element(x.nrows(), intercept))
    }
}
