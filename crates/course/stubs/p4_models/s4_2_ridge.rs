//! # 4.2 Tying it together — ridge regression
//!
//! Ridge regression adds a penalty λ‖β‖² to the least-squares loss: large coefficients cost
//! something, so the fit trades a little bias for much less variance, and it stays defined
//! even when the columns of X are (nearly) dependent. The intercept β₀ is *not* penalised:
//! shifting every y by a constant should shift β₀ and nothing else. The clean way is to
//! centre X and y (which removes β₀ from the problem), solve for β, then recover β₀.
//!
//! ```text
//! β̂ = argmin Σᵢ (yᵢ − β₀ − xᵢᵀβ)² + λ Σⱼ βⱼ²          (j = 1..k: β₀ is not penalised)
//! X_c = X − 1x̄ᵀ,  y_c = y − ȳ:   (X_cᵀX_c + λI) β = X_cᵀ y_c,   β₀ = ȳ − x̄ᵀβ
//! Cholesky: M = LLᵀ,  Lⱼⱼ = √(Mⱼⱼ − Σ_{t<j} Lⱼₜ²),  Lᵢⱼ = (Mᵢⱼ − Σ_{t<j} LᵢₜLⱼₜ) / Lⱼⱼ (i > j)
//!           then solve L u = b (forward) and Lᵀ β = u (backward)
//! ```
//!
//! For λ > 0 the matrix X_cᵀX_c + λI is positive definite, so Cholesky always succeeds;
//! for λ = 0 it is ordinary least squares and fails when the columns are dependent.

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// Fits ridge regression with penalty `lambda` on the coefficients (not on the intercept)
/// and returns `(β₀, β₁, …, βₖ)`, the intercept first.
///
/// # Errors
/// - `ModelError::InvalidParameter { name: "lambda", .. }` unless `lambda` is finite and ≥ 0;
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` or `y` holds a NaN or ±∞;
/// - `ModelError::RankDeficient { .. }` when λ = 0 and the centred columns are dependent
///   (a Cholesky pivot is ≤ 0 or tiny).
pub fn ridge(x: &DMatrix<f64>, y: &DVector<f64>, lambda: f64) -> Result<DVector<f64>, ModelError> {
    // TODO: validate; centre X and y; form M = X_cᵀX_c + λI and b = X_cᵀy_c; factor M = LLᵀ
    // with your own Cholesky; solve the two triangular systems; β₀ = ȳ − x̄ᵀβ.
    todo!()
}
