//! # 3.3 Optimization — testing convexity through the Hessian
//!
//! A convex function has no bad local minima: every local minimum is global, which is why
//! least squares and logistic regression are easy to fit. A twice-differentiable f is convex
//! on a (convex) region exactly when its Hessian is positive semidefinite (PSD) everywhere
//! there: dᵀH d ≥ 0 for every direction d, i.e. every eigenvalue λ ≥ 0. Checking the Hessian
//! at sample points can refute convexity (one point with negative curvature is enough) but
//! never prove it; a quadratic ½xᵀAx has the same Hessian A everywhere, so it is convex iff A
//! is PSD.
//!
//! ```text
//! H PSD  ⇔  dᵀ H d ≥ 0 for all d  ⇔  λ_min(H) ≥ 0
//! numerically: PSD  ⇔  λ_min(H) ≥ −τ,   τ = n · √ε · maxᵢⱼ |hᵢⱼ|
//! ```
//!
//! Not enough: a non-negative diagonal ([1 2; 2 1] has eigenvalues 3 and −1), or non-negative
//! *leading* principal minors (diag(0, −1) has minors 0 and 0 but is not PSD).
//!
//! A test that works for any n without computing eigenvalues — a Cholesky factorization of
//! the shifted matrix H + τI. It exists (every pivot is > 0) exactly when H + τI is positive
//! definite, i.e. when λ_min(H) > −τ:
//!
//! ```text
//! for j = 0..n:   d = a_jj − Σ_{k<j} l_jk²          (fail ⇒ not PSD when d ≤ 0)
//!                 l_jj = √d,   l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj   for i > j
//! ```
//!
//! (A zero matrix has τ = 0: it is PSD, answer `true` directly.) Computing all eigenvalues
//! (Jacobi rotations) and comparing λ_min with −τ is also fine.
//!
//! Bad input is a typed error (see each function).

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// Whether the symmetric matrix `h` is positive semidefinite: λ_min(h) ≥ −τ with
/// τ = n · √ε · maxᵢⱼ|hᵢⱼ|.
///
/// # Errors
/// - `CalculusError::NotSquare { rows, cols }` if `h` is not square;
/// - `CalculusError::Empty` for a 0×0 matrix;
/// - `CalculusError::NonFinite` if an entry is NaN or ±∞;
/// - `CalculusError::NotSymmetric` if |hᵢⱼ − hⱼᵢ| > √ε · maxₖₗ|hₖₗ| for some i, j.
pub fn is_positive_semidefinite(h: &DMatrix<f64>) -> Result<bool, CalculusError> {
    // TODO: validate h; return true for a zero matrix; otherwise try a Cholesky
    // factorization of h + τI and report whether every pivot was > 0.
    todo!()
}

/// Whether f looks convex on `points`: its Hessian, given by `hessian(p)`, is positive
/// semidefinite at every point p (`true` means no point showed negative curvature).
///
/// # Errors
/// - `CalculusError::Empty` if there are no points or a point is empty;
/// - `CalculusError::NonFinite` if a point has a NaN or ±∞ coordinate;
/// - `CalculusError::DimensionMismatch { expected, got }` if a point's length differs from
///   the first point's, or `hessian(p)` is not n×n for points of length n;
/// - the errors of [`is_positive_semidefinite`] for a bad Hessian (NonFinite, NotSymmetric).
pub fn is_convex_on(
    hessian: fn(&[f64]) -> DMatrix<f64>,
    points: &[Vec<f64>],
) -> Result<bool, CalculusError> {
    // TODO: validate the points, then check the Hessian at each one; false at the first
    // point where it is not PSD.
    todo!()
}
