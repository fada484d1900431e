//! Logistic regression fitted by Newton's method, each step a weighted least-squares
//! solve by QR (iteratively reweighted least squares, IRLS).

use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::least_squares::equilibrated_least_squares;
use crate::sigmoid::{sigmoid, softplus};
use crate::validate::{check_features, check_new_features, check_positive, check_rows};

/// Halvings of a Newton step tried before accepting it anyway (2⁻³⁰ ≈ 10⁻⁹).
const MAX_STEP_HALVINGS: usize = 30;

/// A drop in ℓ smaller than this (relative to 1 + |ℓ|) is rounding noise, not a bad
/// step: ℓ sums n terms, each with its own rounding error.
const LOG_LIKELIHOOD_NOISE: f64 = 1e-12;

/// Binary logistic regression with an intercept, configured by its stopping rule.
///
/// # Formula
/// ```text
/// P(yᵢ = 1 | xᵢ) = σ(β₀ + xᵢᵀβ),   σ(z) = 1 / (1 + e⁻ᶻ)
/// ℓ(β) = Σᵢ yᵢηᵢ − ln(1 + e^ηᵢ),     ηᵢ = β₀ + xᵢᵀβ
/// ```
/// where β̂ maximises the log-likelihood ℓ. The maximum exists only when the classes
/// overlap; for separable data ℓ → 0 as ‖β‖ → ∞ and `fit` reports `PerfectSeparation`.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{LogisticRegression, ModelError};
/// use nalgebra::dmatrix;
///
/// let x = dmatrix![1.0; 2.0; 3.0; 4.0; 5.0; 6.0];
/// let y = [false, false, true, false, true, true];
/// let fit = LogisticRegression::default().fit(&x, &y)?;
/// // At the maximum the fitted probabilities sum to the number of positives.
/// let p = fit.predict_proba(&x)?;
/// assert_relative_eq!(p.sum(), 3.0, epsilon = 1e-9);
///
/// let separable = LogisticRegression::default().fit(&x, &[false, false, false, true, true, true]);
/// assert!(matches!(separable, Err(ModelError::PerfectSeparation)));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogisticRegression {
    /// Maximum number of Newton steps (≥ 1).
    pub max_iter: usize,
    /// Convergence tolerance on the step: stop when ‖Δβ‖∞ ≤ tol · (1 + ‖β‖∞). Must be > 0.
    pub tol: f64,
}

impl Default for LogisticRegression {
    /// 100 Newton steps, tolerance 10⁻¹⁰ (Newton converges quadratically: about ten
    /// steps reach full precision on well-posed data).
    fn default() -> Self {
        LogisticRegression {
            max_iter: 100,
            tol: 1e-10,
        }
    }
}

/// A fitted logistic-regression model.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{LogisticRegression, ModelError};
/// use nalgebra::dmatrix;
///
/// // One binary feature: P(y = 1) is 1/4 when x = 0 and 3/4 when x = 1.
/// let x = dmatrix![0.0; 0.0; 0.0; 0.0; 1.0; 1.0; 1.0; 1.0];
/// let y = [true, false, false, false, true, true, true, false];
/// let fit = LogisticRegression::default().fit(&x, &y)?;
/// assert_relative_eq!(fit.coefficients[0], 9.0f64.ln(), epsilon = 1e-10); // log-odds ratio
/// // se(β̂₀) = 1 / √(n₀ p₀ (1 − p₀)) = 1 / √(4 · 3/16).
/// assert_relative_eq!(fit.standard_errors[0], (4.0f64 / 3.0).sqrt(), epsilon = 1e-8);
/// assert_relative_eq!(fit.log_likelihood, 2.0 * (0.25f64.ln() + 3.0 * 0.75f64.ln()), epsilon = 1e-10);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedLogisticRegression {
    /// β₀, the log-odds when every feature is 0.
    pub intercept: f64,
    /// One log-odds ratio per feature column.
    pub coefficients: DVector<f64>,
    /// Asymptotic standard errors √[(XᵀWX)⁻¹]ⱼⱼ at β̂, the intercept's first.
    pub standard_errors: DVector<f64>,
    /// The maximised log-likelihood ℓ(β̂) (≤ 0).
    pub log_likelihood: f64,
    /// Newton steps taken.
    pub iterations: usize,
}

impl LogisticRegression {
    /// Fits the model by Newton–Raphson / IRLS from β = 0.
    ///
    /// Each Newton step Δ solves the weighted least-squares problem below by
    /// Householder QR of √W·X (never forming XᵀWX), and is halved while it would lower
    /// the log-likelihood. After each step, if the current β puts every training
    /// point strictly on its own side (yᵢ = 1 ⇔ ηᵢ > 0), the data are linearly
    /// separable, which proves that no maximum exists: `PerfectSeparation`. The same
    /// error is reported for quasi-complete separation, recognised when fitted
    /// probabilities saturate at 0 or 1 so that √W X loses rank although X has full rank.
    ///
    /// # Formula
    /// ```text
    /// pᵢ = σ(ηᵢ),  wᵢ = pᵢ(1 − pᵢ),  W = diag(w)
    /// Δ = argmin ‖ √W X Δ − √W⁻¹ (y − p) ‖₂     (= (XᵀWX)⁻¹ Xᵀ(y − p), the Newton step)
    /// β ← β + t Δ,  t ∈ {1, ½, ¼, …}
    /// se(β̂ⱼ) = √[(XᵀWX)⁻¹]ⱼⱼ                   (from R⁻¹ of √W X = QR)
    /// ```
    /// where X carries a leading column of ones for β₀, and y is 1 for `true`.
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch` (labels ≠ rows), `InvalidParameter` for
    /// `max_iter` = 0 or `tol` not finite > 0, `TooFewRows` when there are fewer rows than
    /// coefficients, `PerfectSeparation` (including when only one class is present),
    /// `RankDeficient` for dependent columns, `NoConvergence` after `max_iter` steps.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{LogisticRegression, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// // One binary feature: the MLE reproduces the observed log-odds in each group.
    /// let x = dmatrix![0.0; 0.0; 0.0; 0.0; 1.0; 1.0; 1.0; 1.0];
    /// let y = [true, false, false, false, true, true, true, false];
    /// let fit = LogisticRegression::default().fit(&x, &y)?;
    /// assert_relative_eq!(fit.intercept, (1.0f64 / 3.0).ln(), epsilon = 1e-10);
    /// assert_relative_eq!(fit.intercept + fit.coefficients[0], 3.0f64.ln(), epsilon = 1e-10);
    ///
    /// let one_class = LogisticRegression::default().fit(&x, &[true; 8]);
    /// assert!(matches!(one_class, Err(ModelError::PerfectSeparation)));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(
        &self,
        x: &DMatrix<f64>,
        y: &[bool],
    ) -> Result<FittedLogisticRegression, ModelError> {
        if self.max_iter == 0 {
            return Err(ModelError::InvalidParameter {
                name: "max_iter",
                reason: "must be at least 1",
            });
        }
        check_positive(self.tol, "tol", false)?;
        check_features(x)?;
        check_rows(x, y.len(), "label")?;
        let design = x.clone().insert_column(0, 1.0);
        let (n, p) = design.shape();
        if n < p {
            return Err(ModelError::TooFewRows { needed: p, got: n });
        }
        if y.iter().all(|&yi| yi) || y.iter().all(|&yi| !yi) {
            return Err(ModelError::PerfectSeparation);
        }

        // Dependent columns of X itself are a real rank deficiency; afterwards, a
        // singular √W X can only come from weights collapsing to 0 (separation).
        equilibrated_least_squares(&design, &DVector::zeros(n))?;
        let separation = |error: ModelError| match error {
            ModelError::RankDeficient { .. } => ModelError::PerfectSeparation,
            other => other,
        };

        let mut beta = DVector::zeros(p);
        let mut log_likelihood = log_likelihood_at(&design, y, &beta);
        for iteration in 1..=self.max_iter {
            let (weighted_design, working_response) = newton_system(&design, y, &beta)?;
            let step = equilibrated_least_squares(&weighted_design, &working_response)
                .map_err(separation)?
                .coefficients;

            // Damped Newton: halve the step while it lowers the log-likelihood by more
            // than rounding noise (near the optimum ℓ changes by less than its own ulp).
            let noise = LOG_LIKELIHOOD_NOISE * (1.0 + log_likelihood.abs());
            let mut scale = 1.0;
            let mut candidate = &beta + &step;
            let mut candidate_log_likelihood = log_likelihood_at(&design, y, &candidate);
            for _ in 0..MAX_STEP_HALVINGS {
                if candidate_log_likelihood >= log_likelihood - noise {
                    break;
                }
                scale *= 0.5;
                candidate = &beta + &step * scale;
                candidate_log_likelihood = log_likelihood_at(&design, y, &candidate);
            }
            beta = candidate;
            log_likelihood = candidate_log_likelihood;

            if separates(&design, y, &beta) {
                return Err(ModelError::PerfectSeparation);
            }
            // Converged when the full Newton step is negligible.
            if step.amax() <= self.tol * (1.0 + beta.amax()) {
                // Standard errors from R⁻¹ of √W X at the solution.
                let (weighted_design, working_response) = newton_system(&design, y, &beta)?;
                let standard_errors =
                    equilibrated_least_squares(&weighted_design, &working_response)
                        .map_err(separation)?
                        .variance_factors;
                return Ok(FittedLogisticRegression {
                    intercept: beta[0],
                    coefficients: beta.rows(1, p - 1).into_owned(),
                    standard_errors,
                    log_likelihood,
                    iterations: iteration,
                });
            }
        }
        Err(ModelError::NoConvergence {
            iterations: self.max_iter,
        })
    }
}

/// The weighted least-squares problem of one Newton step: (√W X, (y − p)/√w).
///
/// pᵢ and 1 − pᵢ are both computed as sigmoids (σ(ηᵢ) and σ(−ηᵢ)), so neither
/// suffers cancellation when pᵢ is close to 1. A weight that underflows to 0 means a
/// fitted probability of exactly 0 or 1: the estimates are running off to infinity.
fn newton_system(
    design: &DMatrix<f64>,
    y: &[bool],
    beta: &DVector<f64>,
) -> Result<(DMatrix<f64>, DVector<f64>), ModelError> {
    let eta = design * beta;
    let mut weighted = design.clone();
    let mut response = DVector::zeros(design.nrows());
    for (i, (&eta_i, &y_i)) in eta.iter().zip(y).enumerate() {
        let p = sigmoid(eta_i);
        let one_minus_p = sigmoid(-eta_i);
        let w = p * one_minus_p;
        if w == 0.0 {
            return Err(ModelError::PerfectSeparation);
        }
        let root_w = w.sqrt();
        weighted.row_mut(i).scale_mut(root_w);
        let residual = if y_i { one_minus_p } else { -p };
        response[i] = residual / root_w;
    }
    Ok((weighted, response))
}

/// ℓ(β) = Σ yᵢηᵢ − ln(1 + e^ηᵢ), with the softplus evaluated without overflow.
fn log_likelihood_at(design: &DMatrix<f64>, y: &[bool], beta: &DVector<f64>) -> f64 {
    let eta = design * beta;
    eta.iter()
        .zip(y)
        .map(|(&eta_i, &y_i)| if y_i { eta_i } else { 0.0 } - softplus(eta_i))
        .sum()
}

/// Whether β classifies every row strictly correctly (a separating hyperplane).
fn separates(design: &DMatrix<f64>, y: &[bool], beta: &DVector<f64>) -> bool {
    let eta = design * beta;
    eta.iter()
        .zip(y)
        .all(|(&eta_i, &y_i)| if y_i { eta_i > 0.0 } else { eta_i < 0.0 })
}

impl FittedLogisticRegression {
    /// The fitted probability P(y = 1 | x) for each row.
    ///
    /// # Formula
    /// ```text
    /// p̂ᵢ = σ(β₀ + xᵢᵀβ)
    /// ```
    /// where σ is the stable [`sigmoid`](crate::sigmoid): every p̂ᵢ is in [0, 1].
    ///
    /// # Errors
    /// `ShapeMismatch` for a different number of columns than in training, `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{LogisticRegression, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![1.0; 2.0; 3.0; 4.0];
    /// let fit = LogisticRegression::default().fit(&x, &[false, true, false, true])?;
    /// let p = fit.predict_proba(&dmatrix![2.5])?;
    /// assert!(p[0] > 0.0 && p[0] < 1.0);
    /// assert!(matches!(fit.predict_proba(&dmatrix![1.0, 2.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict_proba(&self, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
        check_new_features(x, self.coefficients.len())?;
        let eta = x * &self.coefficients;
        Ok(eta.map(|e| sigmoid(e + self.intercept)))
    }

    /// The predicted class: `true` when P(y = 1 | x) ≥ ½ (the linear score is ≥ 0).
    ///
    /// # Formula
    /// ```text
    /// ŷᵢ = [ β₀ + xᵢᵀβ ≥ 0 ]
    /// ```
    /// where [·] is 1 when the condition holds.
    ///
    /// # Errors
    /// As [`FittedLogisticRegression::predict_proba`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{LogisticRegression, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![1.0; 2.0; 3.0; 4.0; 5.0];
    /// let fit = LogisticRegression::default().fit(&x, &[false, false, true, false, true])?;
    /// assert_eq!(fit.predict(&dmatrix![-10.0; 20.0])?, vec![false, true]);
    /// assert!(matches!(fit.predict(&dmatrix![f64::NAN]), Err(ModelError::NonFinite)));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<Vec<bool>, ModelError> {
        check_new_features(x, self.coefficients.len())?;
        let eta = x * &self.coefficients;
        Ok(eta.iter().map(|e| e + self.intercept >= 0.0).collect())
    }
}
