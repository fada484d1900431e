//! Linear regression fitted by batch gradient descent on the mean squared error.

use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::validate::{check_features_and_target, check_positive};

/// The result of [`linear_regression_gradient_descent`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{linear_regression_gradient_descent, ModelError};
/// use nalgebra::{dmatrix, dvector};
///
/// // y = 1 + 2x exactly.
/// let x = dmatrix![-1.0; 0.0; 1.0];
/// let fit = linear_regression_gradient_descent(&x, &dvector![-1.0, 1.0, 3.0], 0.5, 200)?;
/// assert_relative_eq!(fit.intercept, 1.0, epsilon = 1e-9);
/// assert_relative_eq!(fit.coefficients[0], 2.0, epsilon = 1e-9);
/// assert_eq!(fit.loss_history.len(), 200);
/// assert!(fit.loss_history[199] < fit.loss_history[0]);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GradientDescentRegression {
    /// β₀ after the last epoch.
    pub intercept: f64,
    /// One coefficient per feature column after the last epoch.
    pub coefficients: DVector<f64>,
    /// The loss L(β₀, β) after each epoch (length `epochs`): it should fall.
    pub loss_history: Vec<f64>,
}

/// Fits y ≈ β₀ + Xβ by full-batch gradient descent on half the mean squared error,
/// starting from β₀ = 0, β = 0.
///
/// This is the iterative road to the same minimiser that
/// [`LinearRegression`](crate::LinearRegression) reaches in closed form; with a
/// learning rate below 2/L (L the largest eigenvalue of the loss's Hessian
/// [1 X]ᵀ[1 X] / n) it converges to the least-squares solution, at a speed set by the
/// condition number of that Hessian (standardise features to make it fast).
///
/// # Formula
/// ```text
/// L(β₀, β) = (1 / 2n) Σᵢ (β₀ + xᵢᵀβ − yᵢ)²
/// ∂L/∂β₀ = (1/n) Σᵢ rᵢ,   ∇_β L = (1/n) Xᵀ r,   rᵢ = β₀ + xᵢᵀβ − yᵢ
/// β₀ ← β₀ − η ∂L/∂β₀,     β ← β − η ∇_β L
/// ```
/// where η is the learning rate and one epoch is one update using all n rows.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch`, `InvalidParameter` for a learning rate that is
/// not a finite number > 0 or for zero epochs, `NoConvergence { iterations }` when the
/// loss overflows (learning rate too large: the iteration diverges).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{linear_regression_gradient_descent, ModelError};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = dmatrix![-1.0; 0.0; 1.0];
/// let fit = linear_regression_gradient_descent(&x, &dvector![-1.0, 1.0, 3.0], 0.5, 200)?;
/// assert_relative_eq!(fit.intercept, 1.0, epsilon = 1e-9);
/// assert_relative_eq!(fit.coefficients[0], 2.0, epsilon = 1e-9);
///
/// let diverges = linear_regression_gradient_descent(&x, &dvector![-1.0, 1.0, 3.0], 100.0, 1000);
/// assert!(matches!(diverges, Err(ModelError::NoConvergence { .. })));
/// # Ok::<(), ModelError>(())
/// ```
pub fn linear_regression_gradient_descent(
    x: &DMatrix<f64>,
    y: &DVector<f64>,
    learning_rate: f64,
    epochs: usize,
) -> Result<GradientDescentRegression, ModelError> {
    check_positive(learning_rate, "learning_rate", false)?;
    if epochs == 0 {
        return Err(ModelError::InvalidParameter {
            name: "epochs",
            reason: "must be at least 1",
        });
    }
    check_features_and_target(x, y)?;
    let n = x.nrows() as f64;

    let mut intercept = 0.0;
    let mut coefficients = DVector::zeros(x.ncols());
    let mut loss_history = Vec::with_capacity(epochs);
    for epoch in 0..epochs {
        let residuals = x * &coefficients + DVector::from_element(x.nrows(), intercept) - y;
        let intercept_gradient = residuals.sum() / n;
        let gradient = x.transpose() * &residuals / n;
        intercept -= learning_rate * intercept_gradient;
        coefficients -= learning_rate * gradient;

        let after = x * &coefficients + DVector::from_element(x.nrows(), intercept) - y;
        let loss = after.norm_squared() / (2.0 * n);
        if !loss.is_finite() {
            return Err(ModelError::NoConvergence {
                iterations: epoch + 1,
            });
        }
        loss_history.push(loss);
    }
    Ok(GradientDescentRegression {
        intercept,
        coefficients,
        loss_history,
    })
}
