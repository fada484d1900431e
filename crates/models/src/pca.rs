//! Principal component analysis through the SVD of the centred data.

use mathlings_linalg::svd;
use nalgebra::{DMatrix, DVector};

use crate::ModelError;
use crate::validate::{check_features, check_new_features};

/// Principal component analysis, configured by how many components to keep.
///
/// # Formula
/// ```text
/// X_c = X − 1x̄ᵀ = U Σ Vᵀ,   components = first k rows of Vᵀ
/// ```
/// where x̄ is the vector of column means. The SVD of X_c is used rather than the
/// eigen-decomposition of the covariance X_cᵀX_c/(n − 1), which would square the
/// condition number and lose the small components.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{ModelError, Pca};
/// use nalgebra::dmatrix;
///
/// // Points on the line y = x: one component carries all the variance.
/// let x = dmatrix![0.0, 0.0; 1.0, 1.0; 2.0, 2.0; 3.0, 3.0];
/// let pca = Pca { components: 1 }.fit(&x)?;
/// assert_relative_eq!(pca.explained_variance_ratio[0], 1.0, epsilon = 1e-12);
/// assert_relative_eq!(pca.components[(0, 0)], 0.5f64.sqrt(), epsilon = 1e-12);
///
/// assert!(matches!(Pca { components: 3 }.fit(&x), Err(ModelError::InvalidParameter { .. })));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pca {
    /// Number k of principal components to keep (1 ≤ k ≤ min(n, features)).
    pub components: usize,
}

/// A fitted PCA: the mean, the principal axes and the variance along each.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{ModelError, Pca};
/// use nalgebra::dmatrix;
///
/// let x = dmatrix![2.0, 1.0; -2.0, 1.0; 0.0, 2.0; 0.0, 0.0];
/// let pca = Pca { components: 1 }.fit(&x)?;
/// assert_relative_eq!(pca.mean[1], 1.0);
/// // The first axis is the x-axis, with variance (4 + 4) / 3 and 80% of the total.
/// assert_relative_eq!(pca.components[(0, 0)], 1.0, epsilon = 1e-12);
/// assert_relative_eq!(pca.explained_variance[0], 8.0 / 3.0, epsilon = 1e-12);
/// assert_relative_eq!(pca.explained_variance_ratio[0], 0.8, epsilon = 1e-12);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedPca {
    /// Column means x̄ of the training data.
    pub mean: DVector<f64>,
    /// k × features: row i is the i-th principal axis (unit length, orthogonal to the
    /// others), sign-normalised so that its largest-magnitude entry is positive.
    pub components: DMatrix<f64>,
    /// Variance of the data along each kept axis, σᵢ² / (n − 1), descending.
    pub explained_variance: DVector<f64>,
    /// Each kept axis's share of the total variance (sums to 1 when every component is kept).
    pub explained_variance_ratio: DVector<f64>,
}

impl Pca {
    /// Fits the principal axes by the SVD of the centred data (from `mathlings-linalg`).
    ///
    /// Singular vectors are defined only up to sign; each axis is flipped so that its
    /// largest-magnitude entry is positive, which makes the result reproducible.
    ///
    /// # Formula
    /// ```text
    /// X_c = U Σ Vᵀ,   λᵢ = σᵢ² / (n − 1),   ratioᵢ = σᵢ² / Σⱼ σⱼ²
    /// ```
    /// where the sum in the ratio runs over all min(n, features) singular values, so the
    /// denominator is the total variance Σⱼ Var(x·ⱼ).
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `TooFewRows` for fewer than 2 rows, `InvalidParameter` when
    /// `components` is 0 or exceeds min(n, features), `InvalidParameter` when every
    /// column is constant (no variance to explain).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, Pca};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![2.0, 0.0; -2.0, 0.0; 0.0, 1.0; 0.0, -1.0];
    /// let pca = Pca { components: 2 }.fit(&x)?;
    /// assert_relative_eq!(pca.explained_variance[0], 8.0 / 3.0, epsilon = 1e-12);
    /// assert_relative_eq!(pca.explained_variance_ratio[1], 0.2, epsilon = 1e-12);
    ///
    /// assert!(matches!(Pca { components: 1 }.fit(&dmatrix![1.0, 2.0]), Err(ModelError::TooFewRows { .. })));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(&self, x: &DMatrix<f64>) -> Result<FittedPca, ModelError> {
        check_features(x)?;
        let (n, d) = x.shape();
        if n < 2 {
            return Err(ModelError::TooFewRows { needed: 2, got: n });
        }
        if self.components == 0 || self.components > n.min(d) {
            return Err(ModelError::InvalidParameter {
                name: "components",
                reason: "must be between 1 and min(rows, columns)",
            });
        }

        let mut mean = DVector::zeros(d);
        for j in 0..d {
            mean[j] = mathlings_stats::mean(x.column(j).as_slice())?;
        }
        let centred = DMatrix::from_fn(n, d, |i, j| x[(i, j)] - mean[j]);
        let decomposition = svd(&centred)?;

        let total: f64 = decomposition.singular_values.iter().map(|s| s * s).sum();
        if total == 0.0 {
            return Err(ModelError::InvalidParameter {
                name: "x",
                reason: "every column is constant: there is no variance to explain",
            });
        }

        let k = self.components;
        let mut components = decomposition.v_t.rows(0, k).into_owned();
        for mut axis in components.row_iter_mut() {
            let largest = axis.iter().fold(
                0.0_f64,
                |best, &v| if v.abs() > best.abs() { v } else { best },
            );
            if largest < 0.0 {
                axis.neg_mut();
            }
        }
        let squared = decomposition.singular_values.rows(0, k).map(|s| s * s);
        Ok(FittedPca {
            mean,
            components,
            explained_variance: &squared / (n - 1) as f64,
            explained_variance_ratio: &squared / total,
        })
    }
}

impl FittedPca {
    /// Coordinates of each row along the principal axes (rows × k).
    ///
    /// # Formula
    /// ```text
    /// Z = (X − 1x̄ᵀ) Wᵀ
    /// ```
    /// where W is the k × features matrix [`FittedPca::components`].
    ///
    /// # Errors
    /// `ShapeMismatch` for a different number of columns than in training, `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, Pca};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![0.0, 0.0; 2.0, 2.0];
    /// let pca = Pca { components: 1 }.fit(&x)?;
    /// assert_relative_eq!(pca.transform(&x)?[(1, 0)], 2.0f64.sqrt(), epsilon = 1e-12);
    /// assert!(matches!(pca.transform(&dmatrix![1.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn transform(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
        check_new_features(x, self.mean.len())?;
        let centred = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - self.mean[j]);
        Ok(centred * self.components.transpose())
    }

    /// Maps coordinates along the axes back to the original feature space.
    ///
    /// With every component kept this undoes [`FittedPca::transform`] exactly; with
    /// fewer it gives the best rank-k approximation of the centred data (plus the mean).
    ///
    /// # Formula
    /// ```text
    /// X̂ = Z W + 1x̄ᵀ
    /// ```
    /// where W is the k × features matrix of components and Z is rows × k.
    ///
    /// # Errors
    /// `ShapeMismatch` when `z` does not have k columns, `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, Pca};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![1.0, 2.0; 3.0, 1.0; 0.0, 0.0];
    /// let pca = Pca { components: 2 }.fit(&x)?;
    /// let back = pca.inverse_transform(&pca.transform(&x)?)?;
    /// assert_relative_eq!(back, x, epsilon = 1e-12);
    /// assert!(matches!(pca.inverse_transform(&dmatrix![1.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn inverse_transform(&self, z: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
        check_new_features(z, self.components.nrows())?;
        let projected = z * &self.components;
        Ok(DMatrix::from_fn(z.nrows(), self.mean.len(), |i, j| {
            projected[(i, j)] + self.mean[j]
        }))
    }
}
