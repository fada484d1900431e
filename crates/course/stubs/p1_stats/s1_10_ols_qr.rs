//! # 1.10 Linear & logistic regression — multiple least squares by QR
//!
//! Ordinary least squares fits y ≈ β₀ + β₁x₁ + … + βₖxₖ by minimising ‖y − Aβ‖², where the
//! design A is X with a column of ones in front (for the intercept β₀). The textbook answer
//! β = (AᵀA)⁻¹Aᵀy squares the condition number of A and loses every digit on designs such
//! as polynomial powers. Instead factor A = QR with Householder reflections: Q has
//! orthonormal columns (it preserves lengths), R is upper triangular, and β solves the
//! triangular system Rβ = Qᵀy by back substitution.
//!
//! ```text
//! A = [1 X] = Q R,    ‖Aβ − y‖² = ‖Rβ − Qᵀy‖² + const   ⇒   R β = (Qᵀy)[0..p]
//! Householder step k:  v = a − α e₁,  α = −sign(a₁)‖a‖,  H = I − 2vvᵀ/(vᵀv),  H a = α e₁
//! R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²     (R² = 1 when y is constant)
//! ```
//!
//! Tip: scale every column of A to unit length before factorising (and divide βⱼ by the
//! scale afterwards); then a column is "dependent" when |rₖₖ| ≤ max(n, p)·ε.

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// Fits y ≈ β₀ + Xβ by least squares through a Householder QR of [1 X]; returns the
/// coefficients `(β₀, β₁, …, βₖ)` (intercept first, k = number of columns of `x`) and R².
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` or `y` holds a NaN or ±∞;
/// - `ModelError::TooFewRows { needed: k + 2, got: n }` when n ≤ k + 1 (no residual left);
/// - `ModelError::RankDeficient { rank, columns: k + 1 }` when a column of [1 X] is
///   (numerically) a combination of the others, e.g. a duplicated or constant column.
pub fn ols(x: &DMatrix<f64>, y: &DVector<f64>) -> Result<(DVector<f64>, f64), ModelError> {
    // TODO: validate, build A = [1 X], reduce A to R with Householder reflections applied to
    // y as well, report a tiny |rₖₖ|, back-substitute, then compute R² from the residuals.
    todo!()
}
