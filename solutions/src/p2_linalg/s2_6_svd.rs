//! # 2.6 SVD & PCA — the singular value decomposition by one-sided Jacobi
//!
//! ```text
//! α = ‖w_p‖²,  β = ‖w_q‖²,  γ = w_p · w_q,  ζ = (β − α) / (2γ),  t = sign(ζ) / (|ζ| + √(1 + ζ²))
//! c = 1/√(1 + t²),  s = c t:   (w_p, w_q) ← (c w_p − s w_q,  s w_p + c w_q)   (same on V)
//! until every |γ| ≤ m ε √(αβ) or ≤ ε² ‖A‖²_F;   σᵢ = ‖wᵢ‖,  uᵢ = wᵢ / σᵢ
//! ```
//!
//! AᵀA is never formed, so small singular values keep their relative accuracy.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Sweeps before giving up; one-sided Jacobi typically needs 5–10.
const MAX_SWEEPS: usize = 100;

/// A thin SVD (U, σ, Vᵀ): U m×k, σ with k entries, Vᵀ k×n, k = min(m, n).
pub type Svd = (DMatrix<f64>, DVector<f64>, DMatrix<f64>);

/// Returns (U, σ, Vᵀ) with A = U diag(σ) Vᵀ: U m×k and V n×k with orthonormal columns,
/// σ₀ ≥ σ₁ ≥ … ≥ σ_{k−1} ≥ 0, k = min(m, n).
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries (0 rows or 0 columns);
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NoConvergence { iterations: 100 }` if 100 sweeps do not suffice.
pub fn svd(a: &DMatrix<f64>) -> Result<Svd, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    if a.nrows() < a.ncols() {
        // A = (Aᵀ)ᵀ = (U' Σ V'ᵀ)ᵀ = V' Σ U'ᵀ.
        let (u, sigma, v_t) = svd_tall(&a.transpose())?;
        return Ok((v_t.transpose(), sigma, u.transpose()));
    }
    svd_tall(a)
}

/// One-sided Jacobi for m ≥ n.
fn svd_tall(a: &DMatrix<f64>) -> Result<Svd, LinalgError> {
    let (m, n) = a.shape();
    let mut w = a.clone();
    let mut v = DMatrix::<f64>::identity(n, n);
    let frobenius_squared = a.norm_squared();
    // Below this |γ| the two columns are rounding noise relative to A: leave them alone.
    let negligible = f64::EPSILON * f64::EPSILON * frobenius_squared;

    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..n {
            for q in (p + 1)..n {
                let alpha = w.column(p).norm_squared();
                let beta = w.column(q).norm_squared();
                let gamma = w.column(p).dot(&w.column(q));
                if gamma.abs() <= m as f64 * f64::EPSILON * (alpha * beta).sqrt()
                    || gamma.abs() <= negligible
                {
                    continue;
                }
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                rotate_columns(&mut w, p, q, c, s);
                rotate_columns(&mut v, p, q, c, s);
                rotated = true;
            }
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(LinalgError::NoConvergence {
            iterations: MAX_SWEEPS,
        });
    }

    // Longest column first.
    let lengths: Vec<f64> = (0..n).map(|j| w.column(j).norm()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| lengths[j].total_cmp(&lengths[i]));

    let sigma = DVector::from_iterator(n, order.iter().map(|&j| lengths[j]));
    let mut u = DMatrix::<f64>::zeros(m, n);
    let mut v_t = DMatrix::<f64>::zeros(n, n);
    let mut zero_columns = Vec::new();
    for (k, &j) in order.iter().enumerate() {
        v_t.set_row(k, &v.column(j).transpose());
        if lengths[j] > f64::EPSILON * frobenius_squared.sqrt() {
            u.set_column(k, &(w.column(j) / lengths[j]));
        } else {
            zero_columns.push(k);
        }
    }
    complete_orthonormal(&mut u, &zero_columns);
    Ok((u, sigma, v_t))
}

/// (x_p, x_q) ← (c x_p − s x_q, s x_p + c x_q) for columns p and q of x.
fn rotate_columns(x: &mut DMatrix<f64>, p: usize, q: usize, c: f64, s: f64) {
    for i in 0..x.nrows() {
        let (xp, xq) = (x[(i, p)], x[(i, q)]);
        x[(i, p)] = c * xp - s * xq;
        x[(i, q)] = s * xp + c * xq;
    }
}

/// Fills the `missing` (zero) columns of u with unit vectors orthogonal to every other
/// column: for each, the basis vector eᵢ whose residual after Gram–Schmidt (twice, for
/// accuracy) against the other columns is longest. The squared lengths of the m residuals
/// add up to the number of directions still missing (≥ 1), so the longest is ≥ 1/√m, far
/// above rounding. (A fixed threshold can fail: when U's other columns span everything
/// orthogonal to (1, 1, …, 1), as for the centring matrix I − J/m, every eᵢ leaves a
/// residual of length exactly 1/√m.)
fn complete_orthonormal(u: &mut DMatrix<f64>, missing: &[usize]) {
    let m = u.nrows();
    for &k in missing {
        let residual = |i: usize| {
            let mut e = DVector::<f64>::zeros(m);
            e[i] = 1.0;
            for _ in 0..2 {
                for j in (0..u.ncols()).filter(|&j| j != k) {
                    let projection = u.column(j).dot(&e);
                    e -= u.column(j) * projection;
                }
            }
            e
        };
        let longest = (0..m)
            .map(residual)
            .max_by(|x, y| x.norm().total_cmp(&y.norm()))
            .expect("U has at least one row");
        let length = longest.norm();
        u.set_column(k, &(longest / length));
    }
}
