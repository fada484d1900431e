//! # 3.3 Optimization — classifying a critical point
//!
//! At a critical point x* the gradient is zero, so the first-order term of the Taylor
//! expansion vanishes and the Hessian H (the matrix of second derivatives) decides what f
//! does nearby. Writing a small move d in H's eigenvectors vᵢ, the change is a sum of
//! curvatures λᵢ (the eigenvalues) times squares: all λᵢ > 0 means f rises in every
//! direction (a minimum), all λᵢ < 0 a maximum, mixed signs a saddle, and a zero eigenvalue
//! leaves the second-order test undecided (degenerate). A zero gradient alone says nothing
//! about which it is.
//!
//! ```text
//! f(x* + d) ≈ f(x*) + ½ dᵀ H d,     dᵀ H d = Σᵢ λᵢ (vᵢᵀ d)²
//!
//! τ = √ε · maxᵢ |λᵢ|       (ε = f64::EPSILON; λ counts as 0 when |λ| ≤ τ)
//! some λ > τ and some λ < −τ      ⇒ Saddle
//! otherwise some |λ| ≤ τ          ⇒ Degenerate
//! otherwise all λ > τ             ⇒ Minimum
//! otherwise (all λ < −τ)          ⇒ Maximum
//! ```
//!
//! Examples at the origin: x² + y² (H = diag(2, 2)) is a minimum, x² − y² a saddle,
//! −x² − y² a maximum, x⁴ + y⁴ (H = 0) degenerate. The diagonal of H is not enough:
//! H = [1 2; 2 1] has a positive diagonal but eigenvalues 3 and −1.
//!
//! Computing the eigenvalues of a symmetric matrix: repeat Jacobi rotations, each of which
//! zeroes one off-diagonal pair (p, q) while keeping the eigenvalues, until the off-diagonal
//! part is negligible; the diagonal is then the eigenvalues.
//!
//! ```text
//! θ = (a_qq − a_pp) / (2 a_pq),   t = sign(θ) / (|θ| + √(θ² + 1)),   c = 1/√(t² + 1),  s = t·c
//! A ← Jᵀ A J,  where J is the identity except J_pp = J_qq = c, J_pq = s, J_qp = −s
//! ```
//!
//! Bad input: an empty, non-square, non-finite or non-symmetric matrix is a typed error.

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// The kind of a critical point, as the second-derivative test tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriticalPoint {
    /// Every eigenvalue of H is positive: f curves up in every direction.
    Minimum,
    /// Every eigenvalue of H is negative: f curves down in every direction.
    Maximum,
    /// Eigenvalues of both signs: up in some directions, down in others.
    Saddle,
    /// Some eigenvalue is 0 (and the others share one sign): the test cannot decide.
    Degenerate,
}

/// Classifies the critical point whose Hessian is `hessian`, by the signs of its
/// eigenvalues (an eigenvalue with |λ| ≤ √ε · maxᵢ|λᵢ| counts as zero).
///
/// # Errors
/// - `CalculusError::NotSquare { rows, cols }` if the matrix is not square;
/// - `CalculusError::Empty` for a 0×0 matrix;
/// - `CalculusError::NonFinite` if an entry is NaN or ±∞;
/// - `CalculusError::NotSymmetric` if |hᵢⱼ − hⱼᵢ| > √ε · maxₖₗ|hₖₗ| for some i, j.
pub fn classify_critical_point(hessian: &DMatrix<f64>) -> Result<CriticalPoint, CalculusError> {
    // TODO: validate the matrix, compute its eigenvalues (Jacobi rotations), count the
    // positive, negative and zero ones with the tolerance τ, and return the kind.
    todo!()
}
