//! # 2.4 Rank & independence — null space and linear independence
//!
//! The null space of A is every x with A x = 0: the directions A squashes to nothing. Its
//! dimension (the nullity) and the rank add up to the number of columns: rank + nullity
//! = n. The reduced row echelon form R (see s2_4_rref_rank) hands you a basis: each
//! column without a pivot is a *free* variable; set it to 1, the other free variables to 0,
//! and read the pivot variables off R.
//!
//! ```text
//! for each free column f:   x_f = 1,   x_{pivot col of row i} = −R[i, f],   other x = 0
//! A x = 0  for every such x;  they are independent;  there are n − rank of them
//!
//! v₁, …, v_k independent  ⇔  rank [v₁ v₂ … v_k] = k     (the vᵢ as columns)
//! ```
//!
//! Use the same relative tolerance as in s2_4_rref_rank: an entry with
//! |entry| ≤ 1e-10 · max(m, n) · max|aᵢⱼ| counts as zero. (Independence is about the whole
//! set: three vectors in a plane are dependent even if no two are parallel.)

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns a basis of the null space {x : A x = 0} as the columns of an
/// n × (n − rank A) matrix (n × 0 when A has full column rank). Any basis is accepted.
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn null_space(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate; row-reduce A with the relative tolerance; build one basis vector
    // per free (non-pivot) column.
    todo!()
}

/// Returns whether the vectors (all of the same length) are linearly independent.
///
/// # Errors
/// - `LinalgError::Empty` when there are no vectors or they are empty;
/// - `LinalgError::ShapeMismatch { left: (first.len(), 1), right: (v.len(), 1) }` for the
///   first vector v whose length differs from the first vector's;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn is_linearly_independent(vectors: &[Vec<f64>]) -> Result<bool, LinalgError> {
    // TODO: validate; put the vectors into the columns of a matrix; compare its rank with
    // the number of vectors.
    todo!()
}
