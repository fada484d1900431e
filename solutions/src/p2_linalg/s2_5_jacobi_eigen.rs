//! # 2.5 Eigenvalues & eigenvectors — symmetric eigendecomposition by Jacobi rotations
//!
//! ```text
//! τ = (a_qq − a_pp) / (2 a_pq),   t = sign(τ) / (|τ| + √(1 + τ²)),   c = 1/√(1 + t²),   s = t c
//! A ← Jᵀ A J,   V ← V J,   until Σ_{i≠j} aᵢⱼ² ≤ (ε ‖A‖_F)²
//! ```
//!
//! The smaller of the two possible angles (|θ| ≤ π/4) is taken, which keeps the iteration
//! stable; the rotation is applied to columns p, q and then rows p, q of the working copy.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Sweeps before giving up: cyclic Jacobi converges quadratically, typically in 5–10.
const MAX_SWEEPS: usize = 100;
/// Relative tolerance of the symmetry test.
const SYMMETRY_TOLERANCE: f64 = 1e-10;

/// Returns (λ, V): the eigenvalues λ₀ ≥ λ₁ ≥ … ≥ λₙ₋₁ of the symmetric matrix A and an
/// orthonormal V whose column i is an eigenvector for λᵢ (A V = V diag(λ)).
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSymmetric` when some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|aₖₗ|;
/// - `LinalgError::NoConvergence { iterations: 100 }` if 100 sweeps do not suffice.
pub fn symmetric_eigen(a: &DMatrix<f64>) -> Result<(DVector<f64>, DMatrix<f64>), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let n = a.nrows();
    let largest = a.amax();
    for i in 0..n {
        for j in 0..i {
            if (a[(i, j)] - a[(j, i)]).abs() > SYMMETRY_TOLERANCE * largest {
                return Err(LinalgError::NotSymmetric);
            }
        }
    }

    // Work on the exactly symmetric (A + Aᵀ)/2.
    let mut w = (a + a.transpose()) * 0.5;
    let mut v = DMatrix::<f64>::identity(n, n);
    let target = (f64::EPSILON * w.norm()).powi(2);
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| w[(i, j)] * w[(i, j)])
            .sum();
        if off <= target {
            converged = true;
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                rotate(&mut w, &mut v, p, q);
            }
        }
    }
    if !converged {
        return Err(LinalgError::NoConvergence {
            iterations: MAX_SWEEPS,
        });
    }

    // Sort the eigenpairs by descending eigenvalue, moving each column with its value.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| w[(j, j)].total_cmp(&w[(i, i)]));
    let values = DVector::from_iterator(n, order.iter().map(|&i| w[(i, i)]));
    let vectors = DMatrix::from_fn(n, n, |row, k| v[(row, order[k])]);
    Ok((values, vectors))
}

/// One Jacobi rotation in the (p, q) plane that zeroes w[(p, q)] and w[(q, p)].
fn rotate(w: &mut DMatrix<f64>, v: &mut DMatrix<f64>, p: usize, q: usize) {
    let apq = w[(p, q)];
    if apq == 0.0 {
        return;
    }
    let tau = (w[(q, q)] - w[(p, p)]) / (2.0 * apq);
    let t = tau.signum() / (tau.abs() + (1.0 + tau * tau).sqrt());
    let c = 1.0 / (1.0 + t * t).sqrt();
    let s = t * c;
    let n = w.nrows();
    // W ← W J (columns p and q) …
    for k in 0..n {
        let (wkp, wkq) = (w[(k, p)], w[(k, q)]);
        w[(k, p)] = c * wkp - s * wkq;
        w[(k, q)] = s * wkp + c * wkq;
    }
    // … then W ← Jᵀ W (rows p and q).
    for k in 0..n {
        let (wpk, wqk) = (w[(p, k)], w[(q, k)]);
        w[(p, k)] = c * wpk - s * wqk;
        w[(q, k)] = s * wpk + c * wqk;
    }
    w[(p, q)] = 0.0;
    w[(q, p)] = 0.0;
    // V ← V J.
    for k in 0..n {
        let (vkp, vkq) = (v[(k, p)], v[(k, q)]);
        v[(k, p)] = c * vkp - s * vkq;
        v[(k, q)] = s * vkp + c * vkq;
    }
}
