//! Classifying a critical point (∇f = 0) by the signs of the Hessian's eigenvalues.

use mathlings_linalg::symmetric_eigen;
use nalgebra::DMatrix;

use crate::CalculusError;

/// The result of [`classify_critical_point`]; defined in `mathlings-types` (shared with
/// the learner's code and the judge) and re-exported here.
///
/// # Examples with this crate
/// ```
/// use mathlings_calculus::{CriticalPoint, classify_critical_point};
/// use nalgebra::DMatrix;
/// let saddle = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 0.0]); // f = xy
/// assert_eq!(classify_critical_point(&saddle), Ok(CriticalPoint::Saddle));
/// ```
pub use mathlings_types::CriticalPoint;

/// The default tolerance, relative to the largest |eigenvalue|, below which an eigenvalue
/// counts as 0: √ε ≈ 1.5e-8. A Hessian from finite differences
/// ([`hessian`](crate::hessian) with the step of [`optimal_hessian_step`](crate::optimal_hessian_step))
/// carries about 8 correct digits, so smaller eigenvalues cannot be told from 0.
///
/// # Formula
/// ```text
/// τ_rel = √ε ≈ 1.49e-8
/// ```
/// where ε = 2.22e-16 is the machine epsilon of f64.
///
/// # Errors
/// None.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::default_eigenvalue_tolerance;
/// assert_relative_eq!(default_eigenvalue_tolerance(), f64::EPSILON.sqrt());
/// ```
pub fn default_eigenvalue_tolerance() -> f64 {
    f64::EPSILON.sqrt()
}

/// Classifies a critical point from the Hessian there, using eigenvalue signs with a relative
/// tolerance: λ counts as 0 when |λ| ≤ √ε · maxᵢ|λᵢ| (see [`default_eigenvalue_tolerance`]).
///
/// A zero-gradient point is not necessarily a minimum: the Hessian's eigenvalues are the
/// curvatures along its eigenvectors, and their signs decide. The relative tolerance makes
/// the answer independent of the scale of f (H and 1000·H classify alike). Use
/// [`classify_critical_point_with_tolerance`] to set an absolute tolerance instead, e.g. to
/// call the tiny positive eigenvalues of a finite-difference Hessian of x⁴ + y⁴ "zero".
///
/// # Formula
/// ```text
/// H = V Λ Vᵀ;   λ > τ ⇒ positive,   λ < −τ ⇒ negative,   |λ| ≤ τ ⇒ zero;   τ = √ε · maxᵢ|λᵢ|
/// some positive and some negative ⇒ Saddle;  otherwise any zero ⇒ Degenerate;
/// otherwise all positive ⇒ Minimum, all negative ⇒ Maximum
/// ```
/// where λᵢ are the eigenvalues of the symmetric matrix H (by `mathlings_linalg::symmetric_eigen`).
///
/// # Errors
/// - [`CalculusError::Empty`] for a 0×0 matrix.
/// - [`CalculusError::NotSquare`] if the matrix is not square.
/// - [`CalculusError::NonFinite`] if an entry is NaN or ±∞.
/// - [`CalculusError::NotSymmetric`] if |Hᵢⱼ − Hⱼᵢ| > √ε · maxₖₗ|Hₖₗ| for some i, j (within
///   that, (H + Hᵀ)/2 is used).
/// - [`CalculusError::NoConvergence`] if the eigenvalue iteration fails (not expected).
///
/// # Examples
/// ```
/// use mathlings_calculus::{CalculusError, CriticalPoint, classify_critical_point};
/// use nalgebra::DMatrix;
///
/// // Hessians at the origin of x² + y², x² − y², −x² − y², x⁴ + y⁴.
/// let h = |a: f64, b: f64| DMatrix::from_row_slice(2, 2, &[a, 0.0, 0.0, b]);
/// assert_eq!(classify_critical_point(&h(2.0, 2.0)), Ok(CriticalPoint::Minimum));
/// assert_eq!(classify_critical_point(&h(2.0, -2.0)), Ok(CriticalPoint::Saddle));
/// assert_eq!(classify_critical_point(&h(-2.0, -2.0)), Ok(CriticalPoint::Maximum));
/// assert_eq!(classify_critical_point(&h(0.0, 0.0)), Ok(CriticalPoint::Degenerate));
///
/// let skew = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 0.0, 1.0]);
/// assert_eq!(classify_critical_point(&skew), Err(CalculusError::NotSymmetric));
/// ```
pub fn classify_critical_point(hessian: &DMatrix<f64>) -> Result<CriticalPoint, CalculusError> {
    let eigenvalues = checked_eigenvalues(hessian)?;
    let largest = eigenvalues.iter().fold(0.0_f64, |m, l| m.max(l.abs()));
    Ok(classify_eigenvalues(
        &eigenvalues,
        default_eigenvalue_tolerance() * largest,
    ))
}

/// Classifies a critical point from the Hessian there, counting an eigenvalue λ as 0 when
/// |λ| ≤ `tolerance` (an absolute tolerance, in the units of the Hessian).
///
/// # Formula
/// ```text
/// λ > τ ⇒ positive,   λ < −τ ⇒ negative,   |λ| ≤ τ ⇒ zero   (then as in classify_critical_point)
/// ```
/// where τ = tolerance ≥ 0 and λ are the eigenvalues of H.
///
/// # Errors
/// As [`classify_critical_point`], plus [`CalculusError::InvalidParameter`] if tolerance is
/// negative or not finite.
///
/// # Examples
/// ```
/// use mathlings_calculus::{
///     CalculusError, CriticalPoint, classify_critical_point_with_tolerance, hessian,
/// };
///
/// // The finite-difference Hessian of x⁴ + y⁴ at 0 is about 2h²·I, not exactly 0.
/// let f = |p: &[f64]| p[0].powi(4) + p[1].powi(4);
/// let h = hessian(f, &[0.0, 0.0], 1e-4).unwrap();
/// assert_eq!(classify_critical_point_with_tolerance(&h, 1e-6), Ok(CriticalPoint::Degenerate));
///
/// assert!(matches!(
///     classify_critical_point_with_tolerance(&h, -1.0),
///     Err(CalculusError::InvalidParameter { name: "tolerance", .. })
/// ));
/// ```
pub fn classify_critical_point_with_tolerance(
    hessian: &DMatrix<f64>,
    tolerance: f64,
) -> Result<CriticalPoint, CalculusError> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(CalculusError::InvalidParameter {
            name: "tolerance",
            reason: "must be finite and ≥ 0",
        });
    }
    let eigenvalues = checked_eigenvalues(hessian)?;
    Ok(classify_eigenvalues(&eigenvalues, tolerance))
}

/// Checks that `h` is a finite, square, symmetric (to √ε relative) matrix and returns the
/// eigenvalues of its symmetric part (H + Hᵀ)/2.
pub(crate) fn checked_eigenvalues(h: &DMatrix<f64>) -> Result<Vec<f64>, CalculusError> {
    if h.nrows() != h.ncols() {
        return Err(CalculusError::NotSquare {
            rows: h.nrows(),
            cols: h.ncols(),
        });
    }
    if h.is_empty() {
        return Err(CalculusError::Empty);
    }
    if h.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    let tolerance = f64::EPSILON.sqrt() * h.amax();
    let n = h.nrows();
    for i in 0..n {
        for j in (i + 1)..n {
            if (h[(i, j)] - h[(j, i)]).abs() > tolerance {
                return Err(CalculusError::NotSymmetric);
            }
        }
    }
    let symmetric = (h + h.transpose()) * 0.5;
    let eigen = symmetric_eigen(&symmetric)?;
    Ok(eigen.eigenvalues.iter().copied().collect())
}

/// The second-derivative test on eigenvalues, |λ| ≤ `tolerance` counting as 0.
fn classify_eigenvalues(eigenvalues: &[f64], tolerance: f64) -> CriticalPoint {
    let positive = eigenvalues.iter().any(|&l| l > tolerance);
    let negative = eigenvalues.iter().any(|&l| l < -tolerance);
    let zero = eigenvalues.iter().any(|&l| l.abs() <= tolerance);
    match (positive, negative, zero) {
        (true, true, _) => CriticalPoint::Saddle,
        (_, _, true) => CriticalPoint::Degenerate,
        (true, false, false) => CriticalPoint::Minimum,
        (false, true, false) => CriticalPoint::Maximum,
        // Every eigenvalue is positive, negative or zero, so this arm is never reached.
        (false, false, false) => CriticalPoint::Degenerate,
    }
}
