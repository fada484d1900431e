//! Multiple linear regression (ordinary least squares) by Householder QR with iterative
//! refinement: as accurate as the data allow (NIST StRD: see `least_squares.rs`).

use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::least_squares::{
    DoubleDouble, has_avx2_fma, refined_least_squares, two_product, two_sum,
};
use crate::validate::{check_features_and_target, check_new_features, check_rows, check_values};

/// Ordinary least squares, configured: with or without an intercept column.
///
/// # Formula
/// ```text
/// β̂ = argmin ‖y − Xβ‖₂ = R⁻¹ Qᵀ y,   X = Q R (Householder, columns equilibrated)
/// β̂ ← β̂ + R⁻¹R⁻ᵀ Xᵀ(y − Xβ̂)            (refinement, residual in double-double)
/// ```
/// where X is the n×p design (a leading column of ones when `fit_intercept`), Q is
/// n×p with orthonormal columns and R is p×p upper triangular. The normal equations
/// XᵀX β = Xᵀy are never solved: they square the condition number, and on the NIST
/// Filip problem (κ(X) ≈ 10¹⁵) they lose every digit (XᵀX is only accumulated, in
/// double-double, to refine the standard errors). QR alone keeps about
/// 16 − log₁₀ κ digits, less with a large residual; one or two refinement steps, whose
/// residuals are computed in double-double (≈ 32 digits), bring β̂ to the exact
/// least-squares solution of the data as given, rounded to f64.
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
    /// Fits y ≈ β₀ + Xβ by least squares through a Householder QR of the equilibrated
    /// design, refined.
    ///
    /// # Formula
    /// ```text
    /// β̂ = R⁻¹ Qᵀ y, then β̂ ← β̂ + R⁻¹R⁻ᵀ Xᵀ(y − Xβ̂) (1–3 times, residual in double-double)
    /// eᵢ = yᵢ − ŷᵢ,   s² = Σ eᵢ² / (n − p)
    /// se(β̂ⱼ) = s · √[(XᵀX)⁻¹]ⱼⱼ,   (XᵀX)⁻¹ ≈ X₀ + X₀(I − XᵀX X₀),  X₀ = R⁻¹R⁻ᵀ
    /// R² = 1 − Σ eᵢ² / Σ (yᵢ − ȳ)²          (with intercept; Σ yᵢ² without)
    /// ```
    /// where p counts the intercept. Columns are scaled by powers of two near their
    /// norms before the QR (exactly) and the estimates scaled back. The sums (Σ eᵢ², the
    /// Gram matrix XᵀX, Σ (yᵢ − ȳ)², ȳ) are compensated, in double-double. When y is
    /// constant and fitted exactly, R² is 1. On a polynomial, prefer
    /// [`fit_polynomial`](Self::fit_polynomial): it does not round the powers of x.
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
        self.fit_design(x, None, y)
    }

    /// Fits the polynomial y ≈ β₀ + β₁x + … + β_d x^d, with the powers of x kept to
    /// double-double precision (about 32 digits) instead of being rounded to f64.
    ///
    /// `fit(&polynomial_design(x, d)?, y)` solves the least-squares problem for the
    /// powers *rounded to f64*, and on a badly conditioned polynomial that rounding alone
    /// moves the solution: on NIST's Filip (degree 10) the exact least-squares solution
    /// of the rounded design has only 7.9 correct digits. Here every power is the
    /// unevaluated sum hi + lo of two f64 (built by TwoProduct from the previous power),
    /// the QR factorises the hi parts and the refinement's residuals use both, so the
    /// fit solves the problem for the data as given: Filip to 13.9 digits.
    ///
    /// # Formula
    /// ```text
    /// Xᵢⱼ = xᵢʲ = hiᵢⱼ + loᵢⱼ,   (hi, lo)ᵢⱼ = (hi, lo)ᵢⱼ₋₁ · xᵢ   (double-double)
    /// β̂ = argmin ‖y − β₀ − Xβ‖₂                                   (as in [`fit`](Self::fit))
    /// ```
    /// The returned `coefficients` are β₁ … β_d (the powers 1 to d), the intercept β₀
    /// when `fit_intercept`.
    ///
    /// # Errors
    /// `Empty`, `NonFinite` (also when a power overflows), `ShapeMismatch` (y length ≠
    /// x length), `InvalidParameter` when `degree` is 0, `TooFewRows` when n ≤ p,
    /// `RankDeficient` when the powers are numerically dependent (e.g. fewer distinct
    /// x than coefficients).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{LinearRegression, ModelError};
    /// use nalgebra::dvector;
    ///
    /// // y = 1 − 2x + 0.5x² exactly.
    /// let x = [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0];
    /// let y = dvector![7.0, 3.5, 1.0, -0.5, -1.0, -0.5];
    /// let fit = LinearRegression::default().fit_polynomial(&x, 2, &y)?;
    /// assert_relative_eq!(fit.intercept.unwrap(), 1.0, epsilon = 1e-14);
    /// assert_relative_eq!(fit.coefficients, dvector![-2.0, 0.5], epsilon = 1e-14);
    ///
    /// // Three distinct x cannot determine four coefficients.
    /// let x = [1.0, 1.0, 2.0, 2.0, 3.0];
    /// let err = LinearRegression::default().fit_polynomial(&x, 3, &dvector![1.0, 1.0, 2.0, 2.0, 3.0]);
    /// assert!(matches!(err, Err(ModelError::RankDeficient { rank: 3, columns: 4 })));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit_polynomial(
        &self,
        x: &[f64],
        degree: usize,
        y: &DVector<f64>,
    ) -> Result<FittedLinearRegression, ModelError> {
        let (high, low) = powers_in_double_double(x, degree)?;
        check_rows(&high, y.len(), "target")?;
        check_values(y.as_slice())?;
        self.fit_design(&high, Some(&low), y)
    }

    /// The fit proper, for a design `x` (+ `low`, its low-order part when it has one).
    fn fit_design(
        &self,
        x: &DMatrix<f64>,
        low: Option<&DMatrix<f64>>,
        y: &DVector<f64>,
    ) -> Result<FittedLinearRegression, ModelError> {
        let n = x.nrows();
        let design = if self.fit_intercept {
            x.clone().insert_column(0, 1.0)
        } else {
            x.clone()
        };
        let design_low = if self.fit_intercept {
            low.map(|low| low.clone().insert_column(0, 0.0))
        } else {
            low.cloned()
        };
        let p = design.ncols();
        if n <= p {
            return Err(ModelError::TooFewRows {
                needed: p + 1,
                got: n,
            });
        }

        let solution = refined_least_squares(design, design_low, y)?;
        let beta = solution.coefficients;
        let sse = solution.residual_sum_of_squares;
        let dof = n - p;
        let residual_standard_deviation = (sse.value() / dof as f64).sqrt();

        let total = total_sum_of_squares(y, self.fit_intercept);
        // 1 − SSE/SST as (SST − SSE)/SST, the difference in double-double: R² near 0
        // (Wampler5: 0.0022) keeps its digits.
        let r_squared = if total.value() > 0.0 {
            total.add_double(sse.neg()).value() / total.value()
        } else {
            1.0
        };

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

/// R²'s denominator in double-double: Σ (yᵢ − ȳ)² about the mean (itself a
/// compensated sum divided by n) with an intercept, Σ yᵢ² without one.
fn total_sum_of_squares(y: &DVector<f64>, centred: bool) -> DoubleDouble {
    if !centred {
        return y
            .iter()
            .fold(DoubleDouble::default(), |t, v| t.add_product(*v, *v));
    }
    let sum = y
        .iter()
        .fold(DoubleDouble::default(), |t, v| t.add(*v))
        .normalised();
    // ȳ = sum / n to double-double accuracy: the quotient's remainder, exactly.
    let n = y.len() as f64;
    let mean_high = sum.hi / n;
    let (product, product_error) = two_product(mean_high, n);
    let mean_low = ((sum.hi - product) - product_error + sum.lo) / n;
    y.iter().fold(DoubleDouble::default(), |t, v| {
        let deviation = DoubleDouble::new(*v)
            .add(-mean_high)
            .add(-mean_low)
            .normalised();
        t.add_double(deviation.square())
    })
}

/// The powers xᵢʲ (j = 1 … degree) as double-double: `high` is each power rounded to
/// f64 and `low` what the rounding lost, hi + lo = xᵢʲ to about 32 digits.
fn powers_in_double_double(
    x: &[f64],
    degree: usize,
) -> Result<(DMatrix<f64>, DMatrix<f64>), ModelError> {
    if has_avx2_fma() {
        // SAFETY: the CPU has AVX2 and FMA, as `has_avx2_fma` has just checked (it is
        // false off x86-64).
        #[cfg(target_arch = "x86_64")]
        return unsafe { powers_avx2_fma(x, degree) };
    }
    powers(x, degree)
}

/// [`powers`] compiled with AVX2 and FMA (TwoProduct as one instruction).
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn powers_avx2_fma(
    x: &[f64],
    degree: usize,
) -> Result<(DMatrix<f64>, DMatrix<f64>), ModelError> {
    powers(x, degree)
}

/// The body of [`powers_in_double_double`]: (hi + lo)ᵢⱼ = (hi + lo)ᵢⱼ₋₁ · xᵢ.
#[inline(always)]
fn powers(x: &[f64], degree: usize) -> Result<(DMatrix<f64>, DMatrix<f64>), ModelError> {
    check_values(x)?;
    if degree == 0 {
        return Err(ModelError::InvalidParameter {
            name: "degree",
            reason: "must be at least 1",
        });
    }
    // Column by column, every row independent (so the loop vectorises): the power so
    // far, (hi, lo), times xᵢ is hi·xᵢ exactly (TwoProduct) plus lo·xᵢ, whose own
    // rounding is ε² small; TwoSum then splits the sum into the nearest f64 and the rest.
    let n = x.len();
    let mut power_high = vec![1.0; n];
    let mut power_low = vec![0.0; n];
    let mut high = DMatrix::zeros(n, degree);
    let mut low = DMatrix::zeros(n, degree);
    for j in 0..degree {
        let mut high_column = high.column_mut(j);
        let mut low_column = low.column_mut(j);
        let columns = high_column
            .as_mut_slice()
            .iter_mut()
            .zip(low_column.as_mut_slice().iter_mut());
        let powers = power_high.iter_mut().zip(power_low.iter_mut());
        for (((h, l), xi), (column_h, column_l)) in powers.zip(x).zip(columns) {
            let (product, error) = two_product(*h, *xi);
            (*h, *l) = two_sum(product, error + *l * xi);
            (*column_h, *column_l) = (*h, *l);
        }
    }
    if high.iter().chain(low.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok((high, low))
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
