//! covariance_matrix vs nalgebra's centred XᵀX/(n − 1), diagonal vs statrs' variance, symmetric
//! and positive semi-definite by nalgebra's symmetric_eigen (also when n < p); VIFs = 1 for
//! orthogonal columns (built with nalgebra's QR) and = SS_tot / SS_res = 1/(1 − R²) from nalgebra's
//! SVD least-squares regression of each column on the others.

use crate::common::*;
use mathlings_stats::{covariance_matrix, variance_inflation_factors};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use statrs::statistics::Statistics;

/// An n × p data matrix with entries in ±100 around per-column offsets up to ±1000.
fn data_matrix(rows: std::ops::Range<usize>) -> impl Strategy<Value = DMatrix<f64>> {
    (rows, 1usize..7).prop_flat_map(|(n, p)| {
        (
            proptest::collection::vec(-100.0f64..100.0, n * p),
            proptest::collection::vec(-1e3f64..1e3, p),
        )
            .prop_map(move |(entries, offsets)| {
                DMatrix::from_fn(n, p, |i, j| entries[i * p + j] + offsets[j])
            })
    })
}

/// Columns minus their means.
fn centred(x: &DMatrix<f64>) -> DMatrix<f64> {
    let means = x.row_mean();
    DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - means[j])
}

/// VIFⱼ = SS_tot / SS_res of the least-squares regression of column j on the other columns
/// (with an intercept), solved with nalgebra's SVD.
///
/// The intercept is handled by centring every column first (same residuals as regressing on
/// [1, other columns]). Centring is not optional here: with the raw columns (offsets ≈ 1e3 next
/// to the column of ones) nalgebra 0.35's SVD recomposes the design with relative errors up to
/// 1e-3 (cf. dimforge/nalgebra#1172), which made this oracle, not the VIF, wrong in the 4th digit.
fn vif_by_regression(x: &DMatrix<f64>, j: usize) -> f64 {
    let (n, p) = x.shape();
    let xc = centred(x);
    let y: DVector<f64> = xc.column(j).into_owned();
    let others: Vec<usize> = (0..p).filter(|&k| k != j).collect();
    let design = DMatrix::from_fn(n, p - 1, |i, c| xc[(i, others[c])]);
    let beta = design.clone().svd(true, true).solve(&y, 0.0).unwrap();
    let residual = &y - &design * beta;
    y.norm_squared() / residual.norm_squared()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_centred_cross_product(x in data_matrix(2..40)) {
        let ours = covariance_matrix(&x).unwrap();
        let xc = centred(&x);
        let oracle = xc.transpose() * &xc / (x.nrows() as f64 - 1.0);
        let p = x.ncols();
        prop_assert_eq!(ours.shape(), (p, p));
        for j in 0..p {
            for k in 0..p {
                let scale = (oracle[(j, j)] * oracle[(k, k)]).sqrt().max(f64::MIN_POSITIVE);
                prop_assert!((ours[(j, k)] - oracle[(j, k)]).abs() <= COVARIANCE_MATRIX_REL * scale,
                    "({j}, {k}): {} vs {}", ours[(j, k)], oracle[(j, k)]);
            }
            // The diagonal holds the column variances (statrs, Welford).
            let column: Vec<f64> = x.column(j).iter().copied().collect();
            let scale = column.iter().fold(0.0f64, |m, v| m.max(v.abs())).powi(2);
            prop_assert!((ours[(j, j)] - column.iter().variance()).abs() <= WELFORD_REL * scale);
        }
    }

    #[test]
    fn is_symmetric_positive_semidefinite(x in data_matrix(2..12)) {
        // With n ≤ p the matrix is singular (rank ≤ n − 1): its zero eigenvalues must not go
        // meaningfully negative.
        let c = covariance_matrix(&x).unwrap();
        prop_assert_eq!(&c, &c.transpose());
        let eigenvalues = c.symmetric_eigen().eigenvalues;
        let largest = eigenvalues.max();
        prop_assert!(eigenvalues.min() >= -PSD_REL * largest, "{eigenvalues}");
    }

    #[test]
    fn orthogonal_columns_have_unit_vif(x in data_matrix(8..40), scales in proptest::collection::vec(0.01f64..100.0, 6), offsets in proptest::collection::vec(-1e3f64..1e3, 6)) {
        // Q from the QR of the centred data spans centred vectors, so its columns are centred and
        // orthonormal; rescaling and shifting them changes no correlation.
        let q = centred(&x).qr().q();
        prop_assume!(q.ncols() == x.ncols());
        let data = DMatrix::from_fn(q.nrows(), q.ncols(), |i, j| scales[j] * q[(i, j)] + offsets[j]);
        for vif in variance_inflation_factors(&data).unwrap() {
            prop_assert!((vif - 1.0).abs() <= VIF_ORTHOGONAL_ABS, "{vif}");
        }
    }

    #[test]
    fn vif_matches_least_squares_r_squared(x in data_matrix(10..40).prop_filter("needs another column", |m| m.ncols() >= 2), mixing in proptest::collection::vec(-1.0f64..1.0, 36), strength in 0.0f64..3.0) {
        // Introduce collinearity: X·(I + strength·M) for a random p × p matrix M.
        let p = x.ncols();
        let m = DMatrix::from_fn(p, p, |i, j| f64::from(u8::from(i == j)) + strength * mixing[i * 6 + j]);
        let data = &x * m;
        let Ok(ours) = variance_inflation_factors(&data) else {
            return Err(TestCaseError::reject("singular mixing"));
        };
        prop_assume!(ours.iter().all(|&v| v <= VIF_REL_VALID_UP_TO));
        for (j, &vif) in ours.iter().enumerate() {
            let oracle = vif_by_regression(&data, j);
            prop_assert!(rel_err(vif, oracle) <= VIF_REL, "column {j}: {vif} vs {oracle}");
            prop_assert!(vif >= 1.0 - VIF_ORTHOGONAL_ABS);
        }
    }
}

#[test]
fn textbook_example_and_xxt_misconception() {
    // Rows are observations: three observations of two variables give a 2 × 2 matrix, not the
    // 3 × 3 XXᵀ.
    let x = nalgebra::dmatrix![2.0, 8.0; 4.0, 6.0; 6.0, 1.0];
    let c = covariance_matrix(&x).unwrap();
    assert_eq!(c.shape(), (2, 2));
    assert_eq!(c, nalgebra::dmatrix![4.0, -7.0; -7.0, 13.0]);
}
