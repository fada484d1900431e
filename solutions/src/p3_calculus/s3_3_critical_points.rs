//! # 3.3 Optimization — classifying a critical point
//!
//! ```text
//! τ = √ε · maxᵢ |λᵢ|;   mixed signs ⇒ Saddle, a |λ| ≤ τ ⇒ Degenerate, all > 0 ⇒ Minimum,
//! all < 0 ⇒ Maximum
//! ```
//!
//! The eigenvalues come from cyclic Jacobi rotations on H + Hᵀ (twice the symmetric part):
//! each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is
//! round-off. The tolerance is relative, so H and 1000·H classify alike.

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
    let (rows, cols) = hessian.shape();
    if rows != cols {
        return Err(CalculusError::NotSquare { rows, cols });
    }
    if hessian.is_empty() {
        return Err(CalculusError::Empty);
    }
    if hessian.iter().any(|h| !h.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    // |hᵢⱼ − hⱼᵢ| for all i, j at once: the largest |entry| of H − Hᵀ.
    if (hessian - hessian.transpose()).amax() > f64::EPSILON.sqrt() * hessian.amax() {
        return Err(CalculusError::NotSymmetric);
    }

    // H + Hᵀ is twice the symmetric part: the factor 2 changes no sign and, the zero test
    // being relative, no classification.
    let eigenvalues = jacobi_eigenvalues(hessian + hessian.transpose());
    let largest = eigenvalues.iter().fold(0.0_f64, |m, l| m.max(l.abs()));
    let tau = f64::EPSILON.sqrt() * largest;
    let positive = eigenvalues.iter().any(|&l| l > tau);
    let negative = eigenvalues.iter().any(|&l| l < -tau);
    let zero = eigenvalues.iter().any(|&l| l.abs() <= tau);
    Ok(if positive && negative {
        CriticalPoint::Saddle
    } else if zero {
        CriticalPoint::Degenerate
    } else if positive {
        CriticalPoint::Minimum
    } else {
        CriticalPoint::Maximum
    })
}

/// The eigenvalues of a symmetric matrix by cyclic Jacobi rotations.
fn jacobi_eigenvalues(mut a: DMatrix<f64>) -> Vec<f64> {
    let n = a.nrows();
    let total: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[(i, j)] * a[(i, j)])
            .sum();
        if off <= f64::EPSILON * f64::EPSILON * total {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[(p, q)] == 0.0 {
                    continue;
                }
                let theta = (a[(q, q)] - a[(p, p)]) / (2.0 * a[(p, q)]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // A ← Jᵀ A J: first the columns p and q, then the rows p and q.
                for k in 0..n {
                    let (akp, akq) = (a[(k, p)], a[(k, q)]);
                    a[(k, p)] = c * akp - s * akq;
                    a[(k, q)] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[(p, k)], a[(q, k)]);
                    a[(p, k)] = c * apk - s * aqk;
                    a[(q, k)] = s * apk + c * aqk;
                }
            }
        }
    }
    (0..n).map(|i| a[(i, i)]).collect()
}
