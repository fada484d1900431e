//! The kind of a critical point (`mathlings_calculus::classify_critical_point`).

use serde::{Deserialize, Serialize};

/// The kind of a critical point, as the second-derivative test tells it.
///
/// # Formula
/// ```text
/// f(x* + d) ≈ f(x*) + ½ dᵀ H d   (∇f(x*) = 0),   dᵀ H d = Σᵢ λᵢ (vᵢᵀd)²
/// ```
/// where λᵢ, vᵢ are the eigenvalues and eigenvectors of the Hessian H at x*.
///
/// # Errors
/// None: a plain enum.
///
/// # Examples
/// ```
/// use mathlings_types::CriticalPoint;
///
/// // f = xy at 0: H has eigenvalues 1 and −1, one of each sign.
/// let kind = CriticalPoint::Saddle;
/// assert_ne!(kind, CriticalPoint::Minimum);
/// assert_eq!(format!("{kind:?}"), "Saddle");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CriticalPoint {
    /// All Hessian eigenvalues > 0: f curves up in every direction (e.g. x² + y² at 0).
    Minimum,
    /// All Hessian eigenvalues < 0: f curves down in every direction (e.g. −x² − y² at 0).
    Maximum,
    /// Eigenvalues of both signs: up in some directions, down in others (e.g. x² − y² at 0).
    Saddle,
    /// Some eigenvalues are 0 and the others share one sign: the test is inconclusive
    /// (e.g. x⁴ + y⁴ at 0 is a minimum, x³ at 0 is not an extremum; both have H = 0).
    Degenerate,
}
