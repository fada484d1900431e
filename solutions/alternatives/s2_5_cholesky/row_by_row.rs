//! Cholesky–Banachiewicz: L is filled ROW by row (each lᵢⱼ, j ≤ i, from the rows above), not column by column, and the symmetry test scans the lower triangle.
//!
//! ```text
//! for i = 0, 1, …:   lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ   (j < i),   lᵢᵢ = √(aᵢᵢ − Σ_{k<i} lᵢₖ²)
//! ```

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Relative tolerance of the symmetry test.
const SYMMETRY_TOLERANCE: f64 = 1e-10;

/// Returns the lower-triangular L with a positive diagonal such that L Lᵀ = A.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSymmetric` when some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|aₖₗ|;
/// - `LinalgError::NotPositiveDefinite` when some aⱼⱼ − Σ_{k<j} lⱼₖ² ≤ 0.
pub fn cholesky(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
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
    let limit = SYMMETRY_TOLERANCE * a.amax();
    let asymmetric = (0..n).any(|i| (0..i).any(|j| (a[(i, j)] - a[(j, i)]).abs() > limit));
    if asymmetric {
        return Err(LinalgError::NotSymmetric);
    }

    let mut l = DMatrix::<f64>::zeros(n, n);
    for i in 0..n {
        for j in 0..i {
            let dot: f64 = (0..j).map(|k| l[(i, k)] * l[(j, k)]).sum();
            l[(i, j)] = (a[(i, j)] - dot) / l[(j, j)];
        }
        let diagonal = a[(i, i)] - (0..i).map(|k| l[(i, k)].powi(2)).sum::<f64>();
        if diagonal <= 0.0 {
            return Err(LinalgError::NotPositiveDefinite);
        }
        l[(i, i)] = diagonal.sqrt();
    }
    Ok(l)
}
