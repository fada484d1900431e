//! Shared tolerances and matrix strategies of the linalg tests.
//!
//! Every tolerance used by a test lives here with the reason for its size. ε = 2⁻⁵² ≈
//! 2.2e-16; test matrices are at most 8×8 (n·ε ≈ 1.8e-15) with entries of order 1.

use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Backward-stable methods (LU with partial pivoting, Householder QR, Jacobi) leave a
/// residual ‖A x − b‖ ≲ c·n·ε·‖A‖‖x‖ with small c; 1e-12 leaves a factor ≈ 500 over
/// n·ε at n ≤ 8; the matrix-product tests (n up to 481) stay ~4 orders below it.
pub const BACKWARD: f64 = 1e-12;

/// Forward error per unit of condition number: ‖x − x_oracle‖/‖x‖ ≲ κ·n·ε for both
/// methods, so their difference is below κ · 1e-12 (two estimates of c·n·ε each).
pub const FORWARD_PER_CONDITION: f64 = 1e-12;

/// Least squares with a non-zero residual: the solution's sensitivity grows with κ²
/// (Wedin); per unit of κ² we allow 1e-13 (κ ≤ 1e4 in those tests ⇒ ≤ 1e-5).
pub const LEAST_SQUARES_PER_CONDITION_SQUARED: f64 = 1e-13;

/// Exactly orthonormal factors: ‖QᵀQ − I‖ is a few n·ε for Householder and Jacobi.
pub const ORTHONORMAL: f64 = 1e-13;

/// Symmetric eigenvalues and singular values are perfectly conditioned in absolute
/// terms (Weyl): |λ − λ_oracle| ≲ n·ε·‖A‖ for both methods; 1e-12·‖A‖ is 500× that.
pub const SPECTRUM: f64 = 1e-12;

/// Identities on products of a few exact-input matrices (det(AB) = det A det B,
/// AA⁺A = A, Eckart–Young): relative to the sizes involved, κ·1e-12 as FORWARD.
pub const IDENTITY: f64 = 1e-11;

/// Power iteration converges linearly: tolerance 1e-12 on the vector change leaves the
/// eigenvalue within ≈ 1e-10 when the gap ratio is ≤ 0.5 as in our test matrices.
pub const POWER_ITERATION: f64 = 1e-9;

/// Exact-arithmetic-friendly results (integers, small dyadic fractions) must match to
/// the last couple of ulps.
pub const ULPS: f64 = 4.0 * f64::EPSILON;

/// The synthetic polynomial fit of condition number ≈ 1e12 (tests/qr.rs): the
/// backward-error bound κ·ε ≈ 2e-4 is pessimistic; measured worst coefficient error is
/// 2.2e-6 (nalgebra's SVD solve: 9.7e-6), so 1e-5 asserts we keep ≥ 5 digits everywhere.
pub const ILL_CONDITIONED_COEFFICIENTS: f64 = 1e-5;

/// The degree-8 fit (κ₂ ≈ 3.2e9, κ·ε ≈ 7e-7): measured worst coefficient error 1.7e-7.
pub const MODERATELY_CONDITIONED_COEFFICIENTS: f64 = 1e-6;

/// The residual sum of squares of the same fit must reach the 7 significant digits the
/// brief asks for (measured 2.4e-8).
pub const ILL_CONDITIONED_RSS: f64 = 1e-7;

/// Proptest case count: PROPTEST_CASES if set, else 64 (the machine has 2 shared cores).
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Proptest configuration used by every property test.
pub fn config() -> ProptestConfig {
    ProptestConfig::with_cases(cases())
}

/// A matrix with entries uniform in [−1, 1] from a seeded ChaCha8 generator.
pub fn random_matrix(rows: usize, cols: usize, seed: u64) -> DMatrix<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    DMatrix::from_fn(rows, cols, |_, _| rng.random_range(-1.0..1.0))
}

/// A vector with entries uniform in [−1, 1].
pub fn random_vector(len: usize, seed: u64) -> DVector<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    DVector::from_fn(len, |_, _| rng.random_range(-1.0..1.0))
}

/// A random orthogonal n×n matrix: the Q of a random matrix (nalgebra's QR, test-only).
pub fn random_orthogonal(n: usize, seed: u64) -> DMatrix<f64> {
    random_matrix(n, n, seed).qr().q()
}

/// A rows×cols matrix U·diag(σ)·Vᵀ with random orthogonal U, V and singular values
/// spaced geometrically from 1 down to 1/condition (so κ₂ = condition).
pub fn conditioned_matrix(rows: usize, cols: usize, condition: f64, seed: u64) -> DMatrix<f64> {
    let k = rows.min(cols);
    let u = random_orthogonal(rows, seed);
    let v = random_orthogonal(cols, seed.wrapping_add(1));
    let mut sigma = DMatrix::zeros(rows, cols);
    for i in 0..k {
        let t = if k == 1 {
            0.0
        } else {
            i as f64 / (k - 1) as f64
        };
        sigma[(i, i)] = condition.powf(-t);
    }
    u * sigma * v.transpose()
}

/// A random symmetric n×n matrix with eigenvalues spread over [−1, 1].
pub fn random_symmetric(n: usize, seed: u64) -> DMatrix<f64> {
    let a = random_matrix(n, n, seed);
    (&a + a.transpose()) * 0.5
}

/// Strategy: (n, condition number, seed) for a square matrix of size 1..=8 and
/// condition number 1..=1e6.
pub fn square_case() -> impl Strategy<Value = (usize, f64, u64)> {
    (1usize..=8, 0.0f64..6.0, any::<u64>())
        .prop_map(|(n, log_c, seed)| (n, 10f64.powf(log_c), seed))
}

/// Strategy: (rows, cols, seed) with 1 ≤ rows, cols ≤ 8.
pub fn shape_case() -> impl Strategy<Value = (usize, usize, u64)> {
    (1usize..=8, 1usize..=8, any::<u64>())
}

/// Relative distance ‖x − y‖ / max(‖y‖, tiny).
pub fn relative_error(x: &DMatrix<f64>, y: &DMatrix<f64>) -> f64 {
    (x - y).norm() / y.norm().max(f64::MIN_POSITIVE)
}

/// Relative distance between vectors.
pub fn relative_error_vector(x: &DVector<f64>, y: &DVector<f64>) -> f64 {
    (x - y).norm() / y.norm().max(f64::MIN_POSITIVE)
}
