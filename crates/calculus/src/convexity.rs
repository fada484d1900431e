//! A numerical convexity test: is the Hessian positive semidefinite at sample points?

use crate::CalculusError;
use crate::critical_point::checked_eigenvalues;
use crate::hessian;
use crate::validate::{check_len, check_point, check_positive, finite};

/// Safety factor on the round-off estimate of a finite-difference Hessian entry (it assumes f
/// itself is evaluated with an absolute error of a few ε·max(1, |f|)).
const ROUND_OFF_FACTOR: f64 = 16.0;

/// Tests whether f looks convex on a region by checking that its finite-difference Hessian is
/// positive semidefinite (all eigenvalues ≥ 0, up to a tolerance) at every sample point.
///
/// A twice-differentiable f is convex on a convex region exactly when its Hessian is PSD
/// everywhere there; sampling can only refute convexity, never prove it, so `true` means "no
/// sample point showed negative curvature". The tolerance allows for the errors of the
/// numerical Hessian: its round-off (about ε·|f|/h² per entry) and √ε relative to its largest
/// eigenvalue. Choose h ≈ [`optimal_hessian_step`](crate::optimal_hessian_step).
///
/// # Formula
/// ```text
/// convex  ⇔  for every sample p:  λ_min(H(p)) ≥ −τ(p),
/// τ(p) = 16 · n · ε · F(p) / h²  +  √ε · maxᵢ|λᵢ(H(p))|
/// ```
/// where H(p) is [`hessian`](crate::hessian)(f, p, h), n the dimension and
/// F(p) = max(1, |f(p)|, |f(p ± h·eᵢ)|) the size of the values the differences subtract (at
/// least 1: a value near 0 is usually computed from intermediate values of size ~1, as in
/// ln(eˣ) at x = 0, so its absolute round-off is ~ε, not ε·|f|).
///
/// # Errors
/// - [`CalculusError::Empty`] if there are no points or a point is empty.
/// - [`CalculusError::NonFinite`] if a point or a value of f is NaN or ±∞.
/// - [`CalculusError::DimensionMismatch`] if the points differ in length.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or pᵢ ± h rounds to pᵢ.
///
/// # Examples
/// ```
/// use mathlings_calculus::{CalculusError, is_convex_on};
///
/// let points = vec![vec![-1.0, 2.0], vec![0.0, 0.0], vec![3.0, -0.5]];
/// let bowl = |p: &[f64]| p[0] * p[0] + p[0] * p[1] + p[1] * p[1];
/// let saddle = |p: &[f64]| p[0] * p[0] - p[1] * p[1];
/// assert_eq!(is_convex_on(bowl, &points, 1e-4), Ok(true));
/// assert_eq!(is_convex_on(saddle, &points, 1e-4), Ok(false));
///
/// assert!(matches!(is_convex_on(bowl, &[], 1e-4), Err(CalculusError::Empty)));
/// ```
pub fn is_convex_on(
    f: impl Fn(&[f64]) -> f64,
    points: &[Vec<f64>],
    h: f64,
) -> Result<bool, CalculusError> {
    let first = points.first().ok_or(CalculusError::Empty)?;
    let n = first.len();
    for p in points {
        check_point(p)?;
        check_len(n, p.len())?;
    }
    check_positive("h", h)?;

    for p in points {
        let hessian_at_p = hessian(&f, p, h)?;
        let eigenvalues = checked_eigenvalues(&hessian_at_p)?;
        let largest = eigenvalues.iter().fold(0.0_f64, |m, l| m.max(l.abs()));
        let smallest = eigenvalues.iter().copied().fold(f64::INFINITY, f64::min);

        let scale = largest_value_near(&f, p, h)?;
        let round_off = ROUND_OFF_FACTOR * n as f64 * f64::EPSILON * scale / (h * h);
        let tolerance = round_off + f64::EPSILON.sqrt() * largest;
        if smallest < -tolerance {
            return Ok(false);
        }
    }
    Ok(true)
}

/// max(1, |f(p)|, |f(p ± h·eᵢ)|): the size of the values a second difference at p subtracts.
fn largest_value_near(f: &impl Fn(&[f64]) -> f64, p: &[f64], h: f64) -> Result<f64, CalculusError> {
    let mut largest = finite(f(p))?.abs().max(1.0);
    let mut point = p.to_vec();
    for i in 0..p.len() {
        for shifted in [p[i] + h, p[i] - h] {
            point[i] = shifted;
            largest = largest.max(finite(f(&point))?.abs());
        }
        point[i] = p[i];
    }
    Ok(largest)
}
