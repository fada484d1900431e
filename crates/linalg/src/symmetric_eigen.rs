//! Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::validate::{check_symmetric, power_of_two_scale};

/// Sweeps allowed before giving up. Jacobi converges quadratically: 6–12 sweeps is
/// typical up to n = 300, so 100 only stops a pathological case.
const MAX_SWEEPS: usize = 100;

/// The eigenvalues and orthonormal eigenvectors of a symmetric matrix, `A = V Λ Vᵀ`.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{symmetric_eigen, LinalgError};
/// use nalgebra::{dmatrix, DMatrix};
///
/// let a = dmatrix![2.0, 1.0; 1.0, 2.0];
/// let e = symmetric_eigen(&a)?;
/// let v = &e.eigenvectors;
/// assert_relative_eq!(v * DMatrix::from_diagonal(&e.eigenvalues) * v.transpose(), a, epsilon = 1e-14);
/// # Ok::<(), LinalgError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SymmetricEigen {
    /// Eigenvalues λ₀ ≥ λ₁ ≥ … ≥ λₙ₋₁ (descending).
    pub eigenvalues: DVector<f64>,
    /// Orthonormal eigenvectors as columns, column i belonging to `eigenvalues[i]`;
    /// each is sign-normalised so that its largest-|entry| component is positive.
    pub eigenvectors: DMatrix<f64>,
}

/// Eigenvalues (descending) and eigenvectors of a symmetric matrix by cyclic Jacobi.
///
/// Each Jacobi rotation J(p, q, θ) zeroes the off-diagonal pair aₚq = a_qp; sweeping
/// over all pairs repeatedly drives the off-diagonal part to zero, leaving the
/// eigenvalues on the diagonal and the product of rotations as eigenvectors. Slower
/// than tridiagonal QR but simple, and accurate to high relative precision.
///
/// # Formula
/// ```text
/// τ = (a_qq − a_pp) / (2 a_pq),  t = sign(τ) / (|τ| + √(1 + τ²)),  c = 1/√(1 + t²),  s = t c
/// A ← Jᵀ A J,  V ← V J,  until every |a_pq| ≤ ε √|a_pp a_qq|;  then A = V diag(a₀₀ … aₙ₋₁ₙ₋₁) Vᵀ
/// ```
/// where J is the identity except J_pp = J_qq = c, J_pq = s, J_qp = −s.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, `NotSymmetric` (|aᵢⱼ − aⱼᵢ| > 1e-10·max|a|; the
/// average (A + Aᵀ)/2 is decomposed otherwise), `NoConvergence` after 100 sweeps.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{symmetric_eigen, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let e = symmetric_eigen(&dmatrix![2.0, 1.0; 1.0, 2.0])?;
/// assert_relative_eq!(e.eigenvalues, dvector![3.0, 1.0], epsilon = 1e-14);
/// let h = 0.5_f64.sqrt();
/// assert_relative_eq!(e.eigenvectors.column(0).into_owned(), dvector![h, h], epsilon = 1e-14);
///
/// assert_eq!(symmetric_eigen(&dmatrix![1.0, 2.0; 0.0, 1.0]), Err(LinalgError::NotSymmetric));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn symmetric_eigen(a: &DMatrix<f64>) -> Result<SymmetricEigen, LinalgError> {
    check_symmetric(a)?;
    let n = a.nrows();
    // Work on (A + Aᵀ)/2 divided by a power of two (exact), so squares cannot overflow.
    let scale = power_of_two_scale(a.amax());
    let mut w = (a + a.transpose()) * (0.5 / scale);
    let mut v = DMatrix::<f64>::identity(n, n);

    let mut converged = false;
    for _sweep in 0..MAX_SWEEPS {
        let mut rotations = 0;
        for p in 0..n {
            for q in (p + 1)..n {
                if jacobi_rotate(&mut w, &mut v, p, q) {
                    rotations += 1;
                }
            }
        }
        if rotations == 0 {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(LinalgError::NoConvergence {
            iterations: MAX_SWEEPS,
        });
    }

    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| w[(j, j)].total_cmp(&w[(i, i)]));
    let eigenvalues = DVector::from_iterator(n, order.iter().map(|&i| w[(i, i)] * scale));
    let mut eigenvectors = DMatrix::<f64>::zeros(n, n);
    for (k, &i) in order.iter().enumerate() {
        let mut column = v.column(i).into_owned();
        normalise_sign(column.as_mut_slice());
        eigenvectors.set_column(k, &column);
    }
    Ok(SymmetricEigen {
        eigenvalues,
        eigenvectors,
    })
}

/// Applies one Jacobi rotation in the (p, q) plane if aₚq is not yet negligible;
/// returns whether it rotated.
fn jacobi_rotate(w: &mut DMatrix<f64>, v: &mut DMatrix<f64>, p: usize, q: usize) -> bool {
    let apq = w[(p, q)];
    let (app, aqq) = (w[(p, p)], w[(q, q)]);
    if apq.abs() <= f64::EPSILON * (app * aqq).abs().sqrt() || apq.abs() < f64::MIN_POSITIVE {
        return false;
    }
    let tau = (aqq - app) / (2.0 * apq);
    let t = if tau >= 0.0 {
        1.0 / (tau + tau.hypot(1.0))
    } else {
        -1.0 / (-tau + tau.hypot(1.0))
    };
    let c = 1.0 / t.hypot(1.0);
    let s = t * c;

    let n = w.nrows();
    // Columns p and q of A·J (contiguous in column-major storage) …
    for k in 0..n {
        if k == p || k == q {
            continue;
        }
        let (akp, akq) = (w[(k, p)], w[(k, q)]);
        w[(k, p)] = c * akp - s * akq;
        w[(k, q)] = s * akp + c * akq;
    }
    // … and rows p and q of Jᵀ·(A·J) by symmetry.
    for k in 0..n {
        if k == p || k == q {
            continue;
        }
        w[(p, k)] = w[(k, p)];
        w[(q, k)] = w[(k, q)];
    }
    w[(p, p)] = app - t * apq;
    w[(q, q)] = aqq + t * apq;
    w[(p, q)] = 0.0;
    w[(q, p)] = 0.0;

    for k in 0..n {
        let (vkp, vkq) = (v[(k, p)], v[(k, q)]);
        v[(k, p)] = c * vkp - s * vkq;
        v[(k, q)] = s * vkp + c * vkq;
    }
    true
}

/// Flips the sign of `x` so that its largest-|entry| component (first one on ties) is
/// positive: eigen- and singular vectors are only defined up to sign, this picks one.
pub(crate) fn normalise_sign(x: &mut [f64]) -> bool {
    let mut largest = 0.0_f64;
    let mut at = 0;
    for (i, v) in x.iter().enumerate() {
        if v.abs() > largest {
            largest = v.abs();
            at = i;
        }
    }
    if x.get(at).is_some_and(|&v| v < 0.0) {
        for v in x.iter_mut() {
            *v = -*v;
        }
        return true;
    }
    false
}
