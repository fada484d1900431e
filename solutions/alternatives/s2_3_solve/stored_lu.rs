//! Factor first, solve afterwards: P A = L U is stored (multipliers below the diagonal, a permutation vector), then L y = P b is solved by forward substitution and U x = y by back substitution.
//!
//! ```text
//! P A = L U,      L y = P b   (forward substitution),      U x = y   (back substitution)
//! ```

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns the solution x of A x = b.
///
/// # Errors
/// Checked in this order:
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry of A is NaN or ±∞;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: (b.len(), 1) }` when b does not
///   have one entry per row of A;
/// - `LinalgError::NonFinite` when an entry of b is NaN or ±∞;
/// - `LinalgError::Singular` when a pivot is ≤ n · ε · max|aᵢⱼ| in absolute value.
pub fn solve(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    if b.len() != a.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: (b.len(), 1),
        });
    }
    if b.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let (lu, order) = factor(a)?;
    let n = a.nrows();
    // L y = P b, L unit lower-triangular.
    let mut y = DVector::<f64>::zeros(n);
    for i in 0..n {
        let known: f64 = (0..i).map(|j| lu[(i, j)] * y[j]).sum();
        y[i] = b[order[i]] - known;
    }
    // U x = y.
    let mut x = DVector::<f64>::zeros(n);
    for i in (0..n).rev() {
        let known: f64 = (i + 1..n).map(|j| lu[(i, j)] * x[j]).sum();
        x[i] = (y[i] - known) / lu[(i, i)];
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::Singular);
    }
    Ok(x)
}

/// P A = L U packed in one matrix (U on and above the diagonal, L's multipliers below),
/// with `order[i]` the row of A that ended up in row i.
fn factor(a: &DMatrix<f64>) -> Result<(DMatrix<f64>, Vec<usize>), LinalgError> {
    let n = a.nrows();
    let threshold = n as f64 * f64::EPSILON * a.amax();
    let mut lu = a.clone();
    let mut order: Vec<usize> = (0..n).collect();
    for k in 0..n {
        let p = (k..n)
            .reduce(|best, i| {
                if lu[(i, k)].abs() > lu[(best, k)].abs() {
                    i
                } else {
                    best
                }
            })
            .expect("k < n");
        if lu[(p, k)].abs() <= threshold {
            return Err(LinalgError::Singular);
        }
        lu.swap_rows(p, k);
        order.swap(p, k);
        for i in k + 1..n {
            let multiplier = lu[(i, k)] / lu[(k, k)];
            lu[(i, k)] = multiplier;
            for j in k + 1..n {
                lu[(i, j)] -= multiplier * lu[(k, j)];
            }
        }
    }
    Ok((lu, order))
}
