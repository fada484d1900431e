//! Every public function on empty, NaN, ±∞, mismatched, non-square, singular and
//! invalid-parameter input returns the specific error variant (never a panic).

use mathlings_linalg::*;
use nalgebra::{DMatrix, DVector, dmatrix, dvector};

/// A function of one matrix, its result reduced to success or the error.
type MatrixCheck = fn(&DMatrix<f64>) -> Result<(), LinalgError>;

fn empty() -> DMatrix<f64> {
    DMatrix::zeros(0, 0)
}

/// Matrices with a NaN, +∞ and −∞ entry.
fn non_finite() -> [DMatrix<f64>; 3] {
    [f64::NAN, f64::INFINITY, f64::NEG_INFINITY].map(|v| dmatrix![1.0, v; 0.5, 2.0])
}

macro_rules! assert_err {
    ($call:expr, $pattern:pat) => {
        let result = $call;
        assert!(
            matches!(result, Err($pattern)),
            "{}: {:?}",
            stringify!($call),
            result.err()
        );
    };
}

#[test]
fn vectors() {
    for f in [dot, cosine_similarity] {
        assert_err!(f(&[], &[]), LinalgError::Empty);
        assert_err!(f(&[1.0], &[1.0, 2.0]), LinalgError::ShapeMismatch { .. });
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_err!(f(&[v], &[1.0]), LinalgError::NonFinite);
        }
    }
    assert_err!(project(&[], &[]), LinalgError::Empty);
    assert_err!(project(&[1.0], &[f64::NAN]), LinalgError::NonFinite);
    assert_err!(
        project(&[1.0], &[1.0, 1.0]),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(project(&[1.0], &[0.0]), LinalgError::ZeroVector);
    assert_err!(cosine_similarity(&[0.0], &[1.0]), LinalgError::ZeroVector);
    assert_err!(norm(&[], 2.0), LinalgError::Empty);
    assert_err!(norm(&[f64::INFINITY], 2.0), LinalgError::NonFinite);
    for p in [0.5, 0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
        assert_err!(
            norm(&[1.0], p),
            LinalgError::InvalidParameter { name: "p", .. }
        );
    }
}

#[test]
fn tensors() {
    assert_err!(Tensor::from_vec(vec![], &[0]), LinalgError::Empty);
    assert_err!(
        Tensor::from_vec(vec![f64::NAN], &[1]),
        LinalgError::NonFinite
    );
    assert_err!(
        Tensor::from_vec(vec![1.0; 5], &[2, 3]),
        LinalgError::TensorShapeMismatch { .. }
    );
    let t = Tensor::from_vec(vec![1.0; 6], &[2, 3]).unwrap();
    assert_err!(
        t.offset_of(&[0]),
        LinalgError::InvalidParameter { name: "index", .. }
    );
    assert_err!(
        t.get(&[0, 3]),
        LinalgError::IndexOutOfBounds {
            axis: 1,
            index: 3,
            len: 3
        }
    );
    assert_err!(t.reshape(&[5]), LinalgError::TensorShapeMismatch { .. });
    assert_err!(
        t.permute(&[0]),
        LinalgError::InvalidParameter { name: "axes", .. }
    );
    assert_err!(
        t.permute(&[1, 1]),
        LinalgError::InvalidParameter { name: "axes", .. }
    );
    assert_err!(
        t.permute(&[0, 2]),
        LinalgError::InvalidParameter { name: "axes", .. }
    );
    assert_err!(
        broadcast_shapes(&[2, 3], &[3, 2]),
        LinalgError::TensorShapeMismatch { .. }
    );
}

#[test]
fn matrix_operations() {
    let a = dmatrix![1.0, 2.0; 3.0, 4.0];
    let wide = dmatrix![1.0, 2.0, 3.0];
    for f in [add, matmul_naive, matmul_blocked] {
        assert_err!(f(&empty(), &a), LinalgError::Empty);
        assert_err!(f(&a, &empty()), LinalgError::Empty);
        for bad in non_finite() {
            assert_err!(f(&bad, &a), LinalgError::NonFinite);
            assert_err!(f(&a, &bad), LinalgError::NonFinite);
        }
        assert_err!(f(&a, &wide), LinalgError::ShapeMismatch { .. });
    }
    assert_eq!(transpose(&empty()).shape(), (0, 0));
    let b = dvector![0.0, 0.0];
    assert_err!(dense_layer(&empty(), &a, &b), LinalgError::Empty);
    assert_err!(
        dense_layer(&a, &wide, &b),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(
        dense_layer(&a, &a, &dvector![0.0]),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(
        dense_layer(&a, &a, &dvector![0.0, f64::NAN]),
        LinalgError::NonFinite
    );
    for bad in non_finite() {
        assert_err!(dense_layer(&a, &bad, &b), LinalgError::NonFinite);
    }
}

/// Functions of one square matrix share the same empty/non-finite/non-square checks.
#[test]
fn square_matrix_functions() {
    let checks: Vec<(&str, MatrixCheck)> = vec![
        ("lu", |a| lu(a).map(drop)),
        ("determinant", |a| determinant(a).map(drop)),
        ("inverse", |a| inverse(a).map(drop)),
        ("symmetric_eigen", |a| symmetric_eigen(a).map(drop)),
        ("cholesky", |a| cholesky(a).map(drop)),
        ("stationary_distribution", |a| {
            stationary_distribution(a).map(drop)
        }),
        ("power_iteration", |a| {
            power_iteration(a, 1e-10, 100).map(drop)
        }),
        ("solve", |a| solve(a, &DVector::zeros(a.nrows())).map(drop)),
        ("solve_upper_triangular", |a| {
            solve_upper_triangular(a, &DVector::zeros(a.nrows())).map(drop)
        }),
        ("solve_lower_triangular", |a| {
            solve_lower_triangular(a, &DVector::zeros(a.nrows())).map(drop)
        }),
    ];
    for (name, f) in checks {
        assert_eq!(f(&empty()), Err(LinalgError::Empty), "{name}");
        for bad in non_finite() {
            assert_eq!(f(&bad), Err(LinalgError::NonFinite), "{name}");
        }
        assert_eq!(
            f(&dmatrix![1.0, 2.0, 3.0]),
            Err(LinalgError::NotSquare { rows: 1, cols: 3 }),
            "{name}"
        );
    }
}

#[test]
fn singular_and_structure() {
    let singular = dmatrix![1.0, 2.0; 2.0, 4.0];
    let b = dvector![1.0, 1.0];
    assert_err!(lu(&singular), LinalgError::Singular);
    assert_err!(solve(&singular, &b), LinalgError::Singular);
    assert_err!(inverse(&singular), LinalgError::Singular);
    assert_eq!(determinant(&singular), Ok(0.0));
    // Numerically singular (pivot at rounding level) is Singular for lu/solve/inverse.
    let nearly = dmatrix![1.0, 1.0; 1.0, 1.0 + 1e-17];
    assert_err!(inverse(&nearly), LinalgError::Singular);
    assert_err!(
        solve_upper_triangular(&dmatrix![1.0, 1.0; 0.0, 0.0], &b),
        LinalgError::Singular
    );
    assert_err!(
        solve_lower_triangular(&dmatrix![0.0, 0.0; 1.0, 1.0], &b),
        LinalgError::Singular
    );
    let unsymmetric = dmatrix![1.0, 2.0; 0.0, 1.0];
    assert_err!(symmetric_eigen(&unsymmetric), LinalgError::NotSymmetric);
    assert_err!(cholesky(&unsymmetric), LinalgError::NotSymmetric);
    assert_err!(cholesky(&singular), LinalgError::NotPositiveDefinite);
    assert_err!(
        cholesky(&dmatrix![-2.0, 0.0; 0.0, 1.0]),
        LinalgError::NotPositiveDefinite
    );
    // Right-hand sides of the wrong length or with bad values.
    let a = dmatrix![2.0, 0.0; 0.0, 2.0];
    for f in [
        solve,
        solve_upper_triangular,
        solve_lower_triangular,
        least_squares,
    ] {
        assert_err!(f(&a, &dvector![1.0]), LinalgError::ShapeMismatch { .. });
        assert_err!(f(&a, &dvector![1.0, f64::NAN]), LinalgError::NonFinite);
        assert_err!(f(&a, &dvector![f64::INFINITY, 1.0]), LinalgError::NonFinite);
    }
    let factor = lu(&a).unwrap();
    assert_err!(
        factor.solve(&dvector![1.0]),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(
        factor.solve(&dvector![1.0, f64::NAN]),
        LinalgError::NonFinite
    );
}

#[test]
fn qr_and_least_squares() {
    assert_err!(householder_qr(&empty()), LinalgError::Empty);
    for bad in non_finite() {
        assert_err!(householder_qr(&bad), LinalgError::NonFinite);
        assert_err!(
            least_squares(&bad, &dvector![1.0, 1.0]),
            LinalgError::NonFinite
        );
    }
    assert_err!(
        householder_qr(&dmatrix![1.0, 2.0, 3.0]),
        LinalgError::ShapeMismatch {
            left: (1, 3),
            right: (3, 3)
        }
    );
    let qr = householder_qr(&dmatrix![1.0; 1.0]).unwrap();
    assert_err!(
        qr.q_transpose_mul(&dvector![1.0]),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(
        qr.q_transpose_mul(&dvector![1.0, f64::NAN]),
        LinalgError::NonFinite
    );
    assert_err!(
        qr.solve_least_squares(&dvector![1.0, 2.0, 3.0]),
        LinalgError::ShapeMismatch { .. }
    );
    assert_err!(
        least_squares(
            &dmatrix![1.0, 1.0; 1.0, 1.0; 1.0, 1.0],
            &dvector![1.0, 2.0, 3.0]
        ),
        LinalgError::RankDeficient { rank: 1, needed: 2 }
    );
}

#[test]
fn svd_family_and_rank() {
    let checks: Vec<(&str, MatrixCheck)> = vec![
        ("svd", |a| svd(a).map(drop)),
        ("pseudo_inverse", |a| pseudo_inverse(a).map(drop)),
        ("condition_number", |a| condition_number(a).map(drop)),
        ("low_rank_approximation", |a| {
            low_rank_approximation(a, 1).map(drop)
        }),
        ("rank", |a| rank(a).map(drop)),
        ("null_space", |a| null_space(a).map(drop)),
        ("rref", |a| rref(a, 1e-12).map(drop)),
        ("householder_qr", |a| householder_qr(a).map(drop)),
    ];
    for (name, f) in checks {
        assert_eq!(f(&empty()), Err(LinalgError::Empty), "{name}");
        assert_eq!(f(&DMatrix::zeros(0, 3)), Err(LinalgError::Empty), "{name}");
        for bad in non_finite() {
            assert_eq!(f(&bad), Err(LinalgError::NonFinite), "{name}");
        }
    }
    let a = dmatrix![1.0, 2.0; 3.0, 4.0];
    assert_err!(
        low_rank_approximation(&a, 0),
        LinalgError::InvalidParameter { name: "k", .. }
    );
    assert_err!(
        low_rank_approximation(&a, 3),
        LinalgError::InvalidParameter { name: "k", .. }
    );
    for tol in [-1.0, f64::NAN, f64::INFINITY] {
        assert_err!(
            rref(&a, tol),
            LinalgError::InvalidParameter { name: "tol", .. }
        );
    }
    assert_eq!(condition_number(&DMatrix::zeros(2, 2)), Ok(f64::INFINITY));
    assert_err!(is_linearly_independent(&[]), LinalgError::Empty);
    assert_err!(is_linearly_independent(&[vec![]]), LinalgError::Empty);
    assert_err!(
        is_linearly_independent(&[vec![f64::NAN]]),
        LinalgError::NonFinite
    );
    assert_err!(
        is_linearly_independent(&[vec![1.0], vec![1.0, 2.0]]),
        LinalgError::ShapeMismatch { .. }
    );
}

#[test]
fn iterations_and_parameters() {
    let a = dmatrix![2.0, 0.0; 0.0, 1.0];
    for tol in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_err!(
            power_iteration(&a, tol, 10),
            LinalgError::InvalidParameter { name: "tol", .. }
        );
    }
    assert_err!(
        power_iteration(&a, 1e-10, 0),
        LinalgError::InvalidParameter {
            name: "max_iter",
            ..
        }
    );
    // ±1 eigenvalues: no dominant one.
    assert_err!(
        power_iteration(&dmatrix![0.0, 1.0; 1.0, 0.0], 1e-12, 50),
        LinalgError::NoConvergence { iterations: 50 }
    );
    // Not a transition matrix: negative entry, rows not summing to 1.
    assert_err!(
        stationary_distribution(&dmatrix![1.5, -0.5; 0.5, 0.5]),
        LinalgError::InvalidParameter { name: "p", .. }
    );
    assert_err!(
        stationary_distribution(&dmatrix![0.5, 0.6; 0.5, 0.5]),
        LinalgError::InvalidParameter { name: "p", .. }
    );
    assert_err!(
        stationary_distribution(&DMatrix::identity(2, 2)),
        LinalgError::Singular
    );
}
