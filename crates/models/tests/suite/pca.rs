//! PCA of Iris: explained-variance ratios vs numpy and scikit-learn's published values
//! and nalgebra's SVD; orthonormal, sign-normalised axes; exact reconstruction.

use crate::common::*;
use mathlings_models::{Pca, datasets};
use nalgebra::DMatrix;
use proptest::prelude::*;

// numpy 2.4.6: s = np.linalg.svd(X - X.mean(0), compute_uv=False); s**2 / (s**2).sum()
// on data/iris.csv (4 features). scikit-learn's documentation publishes the same to 8
// digits: [0.92461872, 0.05306648, 0.01710261, 0.00521218].
const NUMPY_RATIOS: [f64; 4] = [
    0.9246187232017271,
    0.05306648311706778,
    0.01710260980792977,
    0.00521218387327537,
];
// numpy 2.4.6: s**2 / (n − 1).
const NUMPY_VARIANCES: [f64; 4] = [
    4.228241706034864,
    0.24267074792863316,
    0.07820950004291939,
    0.02383509297344942,
];

#[test]
fn iris_explained_variance_ratios() {
    let iris = datasets::iris();
    let pca = Pca { components: 4 }.fit(&iris.features).unwrap();
    let published = [0.92461872, 0.05306648, 0.01710261, 0.00521218];
    for k in 0..4 {
        assert!((pca.explained_variance_ratio[k] - NUMPY_RATIOS[k]).abs() <= PCA_RATIO_ABS);
        assert!((pca.explained_variance_ratio[k] - published[k]).abs() <= 5e-9);
        assert!(lre(pca.explained_variance[k], NUMPY_VARIANCES[k]) >= 8.0);
    }
    let worst = (0..4)
        .map(|k| lre(pca.explained_variance_ratio[k], NUMPY_RATIOS[k]))
        .fold(f64::INFINITY, f64::min);
    eprintln!("iris PCA ratio digits vs numpy: {worst:.1}");
}

#[test]
fn iris_two_dimensional_projection_snapshot() {
    let iris = datasets::iris();
    let pca = Pca { components: 2 }.fit(&iris.features).unwrap();
    let z = pca.transform(&iris.features).unwrap();
    let mut lines = vec![format!(
        "ratios {:.6} {:.6}",
        pca.explained_variance_ratio[0], pca.explained_variance_ratio[1]
    )];
    for (k, axis) in pca.components.row_iter().enumerate() {
        lines.push(format!(
            "axis {k}: {:.6} {:.6} {:.6} {:.6}",
            axis[0], axis[1], axis[2], axis[3]
        ));
    }
    for i in [0, 50, 100] {
        lines.push(format!(
            "row {i:3} ({}): {:.6} {:.6}",
            iris.species_names[iris.species[i]],
            z[(i, 0)],
            z[(i, 1)]
        ));
    }
    insta::assert_snapshot!("iris_pca_2d", lines.join("\n"));
}

fn random_data(n: usize, d: usize, seed: u64) -> DMatrix<f64> {
    conditioned_design(n, d, 50.0, seed) * 3.0 + DMatrix::from_fn(n, d, |_, j| j as f64 * 10.0)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn agrees_with_nalgebra_svd(n in 3usize..20, d in 1usize..5, seed in any::<u64>()) {
        prop_assume!(n >= d);
        let x = random_data(n, d, seed);
        let pca = Pca { components: d }.fit(&x).unwrap();
        let means = DMatrix::from_fn(n, d, |_, j| x.column(j).mean());
        let oracle = (&x - means).svd(false, true);
        let mut sigma2: Vec<f64> = oracle.singular_values.iter().map(|s| s * s).collect();
        sigma2.sort_by(|a, b| b.partial_cmp(a).unwrap());
        let total: f64 = sigma2.iter().sum();
        for k in 0..d {
            prop_assert!((pca.explained_variance_ratio[k] - sigma2[k] / total).abs() <= PCA_RATIO_ABS);
            prop_assert!((pca.explained_variance[k] - sigma2[k] / (n - 1) as f64).abs() <= 1e-9 * sigma2[0]);
        }
        // Ratios descending and summing to 1 with every component kept.
        prop_assert!((pca.explained_variance_ratio.sum() - 1.0).abs() <= IDENTITY_ABS);
        for k in 1..d {
            prop_assert!(pca.explained_variance_ratio[k] <= pca.explained_variance_ratio[k - 1] + IDENTITY_ABS);
        }
    }

    #[test]
    fn axes_are_orthonormal_and_sign_normalised(n in 3usize..20, d in 1usize..5, seed in any::<u64>()) {
        prop_assume!(n >= d);
        let x = random_data(n, d, seed);
        let pca = Pca { components: d }.fit(&x).unwrap();
        let gram = &pca.components * pca.components.transpose();
        prop_assert!((gram - DMatrix::identity(d, d)).amax() <= IDENTITY_ABS);
        for axis in pca.components.row_iter() {
            let largest = axis.iter().fold(0.0f64, |b, &v| if v.abs() > b.abs() { v } else { b });
            prop_assert!(largest > 0.0);
        }
    }

    #[test]
    fn full_reconstruction_is_exact(n in 3usize..20, d in 1usize..5, seed in any::<u64>()) {
        prop_assume!(n >= d);
        let x = random_data(n, d, seed);
        let pca = Pca { components: d }.fit(&x).unwrap();
        let back = pca.inverse_transform(&pca.transform(&x).unwrap()).unwrap();
        prop_assert!((back - &x).amax() <= 1e-9 * x.amax().max(1.0));
    }

    #[test]
    fn truncated_reconstruction_error_is_the_dropped_variance(n in 4usize..20, d in 2usize..5, seed in any::<u64>()) {
        // Eckart–Young: ‖X_c − X̂_c‖²_F = Σ_{i>k} σᵢ² = (n − 1) Σ_{i>k} λᵢ.
        prop_assume!(n >= d);
        let x = random_data(n, d, seed);
        let full = Pca { components: d }.fit(&x).unwrap();
        let k = d - 1;
        let pca = Pca { components: k }.fit(&x).unwrap();
        let back = pca.inverse_transform(&pca.transform(&x).unwrap()).unwrap();
        let error = (back - &x).norm_squared();
        let dropped = full.explained_variance[d - 1] * (n - 1) as f64;
        prop_assert!((error - dropped).abs() <= 1e-9 * full.explained_variance[0] * n as f64);
    }
}
