//! The interface of 2.2 (challenge) — a cache-blocked, parallel matrix product.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// A matrix, or the typed error.
pub type MatrixResult = Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature, plus the speed baseline.
pub struct Impl {
    /// `matmul_blocked(a, b)`: AB, blocked and parallel.
    pub matmul_blocked: fn(&DMatrix<f64>, &DMatrix<f64>) -> MatrixResult,
    /// The naive i-j-k baseline, compiled where the implementation is bound (so at the
    /// same optimisation level as the learner's code).
    pub naive: fn(&DMatrix<f64>, &DMatrix<f64>) -> DMatrix<f64>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_2_blocked_matmul {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_2_blocked_matmul::Impl {
            matmul_blocked: $($m::)+matmul_blocked,
            naive: |a, b| {
                let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
                let mut c = $crate::nalgebra::DMatrix::<f64>::zeros(m, n);
                for i in 0..m {
                    for j in 0..n {
                        let mut sum = 0.0;
                        for k in 0..p {
                            sum += a[(i, k)] * b[(k, j)];
                        }
                        c[(i, j)] = sum;
                    }
                }
                c
            },
        }
    };
}
