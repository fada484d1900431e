//! Gaussian naive Bayes: Bayes' theorem with per-class, per-feature normal likelihoods.

use nalgebra::DMatrix;

use crate::ModelError;
use crate::validate::{check_features, check_new_features, check_positive, check_rows};

/// Gaussian naive Bayes, configured by its variance smoothing.
///
/// # Formula
/// ```text
/// P(c | x) ∝ P(c) · Πⱼ N(xⱼ; μ_cj, σ²_cj)
/// ```
/// where features are assumed independent within a class ("naive"), P(c) is the
/// class's share of the training rows and μ_cj, σ²_cj are maximum-likelihood estimates.
///
/// # Examples
/// ```
/// use mathlings_models::{GaussianNaiveBayes, ModelError};
/// use nalgebra::dmatrix;
///
/// let x = dmatrix![1.0; 1.2; 0.8; 5.0; 5.3; 4.9];
/// let fit = GaussianNaiveBayes::default().fit(&x, &[0, 0, 0, 1, 1, 1])?;
/// assert_eq!(fit.predict(&dmatrix![0.9; 5.1])?, vec![0, 1]);
///
/// let bad = GaussianNaiveBayes { var_smoothing: -1.0 }.fit(&x, &[0, 0, 0, 1, 1, 1]);
/// assert!(matches!(bad, Err(ModelError::InvalidParameter { name: "var_smoothing", .. })));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussianNaiveBayes {
    /// Fraction of the largest feature variance added to every variance (≥ 0), so a
    /// feature that is constant within a class does not give a zero variance.
    pub var_smoothing: f64,
}

impl Default for GaussianNaiveBayes {
    /// `var_smoothing` = 10⁻⁹, as in scikit-learn.
    fn default() -> Self {
        GaussianNaiveBayes {
            var_smoothing: 1e-9,
        }
    }
}

/// A fitted Gaussian naive Bayes classifier.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{GaussianNaiveBayes, ModelError};
/// use nalgebra::dmatrix;
///
/// let x = dmatrix![1.0; 3.0; 10.0; 14.0; 12.0];
/// let fit = GaussianNaiveBayes { var_smoothing: 0.0 }.fit(&x, &[0, 0, 1, 1, 1])?;
/// assert_relative_eq!(fit.class_priors[1], 0.6);
/// assert_relative_eq!(fit.means[(0, 0)], 2.0);
/// assert_relative_eq!(fit.variances[(1, 0)], 8.0 / 3.0, epsilon = 1e-12); // MLE, divide by n_c = 3
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedGaussianNaiveBayes {
    /// P(c) for c = 0, 1, …: the share of training rows with label c.
    pub class_priors: Vec<f64>,
    /// μ_cj: row c holds the mean of every feature over the rows of class c.
    pub means: DMatrix<f64>,
    /// σ²_cj: the MLE (divide by n_c) variance plus the smoothing ε.
    pub variances: DMatrix<f64>,
}

impl GaussianNaiveBayes {
    /// Estimates class priors, means and variances by maximum likelihood.
    ///
    /// Labels must be 0, 1, …, k − 1 with every class present.
    ///
    /// # Formula
    /// ```text
    /// P(c) = n_c / n,   μ_cj = (1/n_c) Σ_{i∈c} xᵢⱼ
    /// σ²_cj = (1/n_c) Σ_{i∈c} (xᵢⱼ − μ_cj)² + ε,   ε = var_smoothing · maxⱼ Var(x·ⱼ)
    /// ```
    /// where n_c is the number of rows of class c and Var(x·ⱼ) the population variance of
    /// feature j over all rows.
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch` (labels ≠ rows), `InvalidParameter` for a
    /// negative or non-finite `var_smoothing`, or when a variance is still 0 after
    /// smoothing, `InvalidLabel` when a class in 0..k has no rows.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{GaussianNaiveBayes, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![1.0; 3.0; 10.0; 14.0];
    /// let fit = GaussianNaiveBayes { var_smoothing: 0.0 }.fit(&x, &[0, 0, 1, 1])?;
    /// assert_relative_eq!(fit.means[(1, 0)], 12.0);
    /// assert_relative_eq!(fit.variances[(0, 0)], 1.0); // MLE: divide by n_c = 2
    /// assert_eq!(fit.class_priors, vec![0.5, 0.5]);
    ///
    /// let gap = GaussianNaiveBayes::default().fit(&x, &[0, 0, 2, 2]);
    /// assert!(matches!(gap, Err(ModelError::InvalidLabel(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(
        &self,
        x: &DMatrix<f64>,
        labels: &[usize],
    ) -> Result<FittedGaussianNaiveBayes, ModelError> {
        check_positive(self.var_smoothing, "var_smoothing", true)?;
        check_features(x)?;
        check_rows(x, labels.len(), "label")?;
        let (n, d) = x.shape();
        let classes = labels.iter().max().map_or(0, |m| m + 1);

        let mut largest_variance: f64 = 0.0;
        for j in 0..d {
            let variance = mathlings_stats::population_variance(x.column(j).as_slice())?;
            largest_variance = largest_variance.max(variance);
        }
        let epsilon = self.var_smoothing * largest_variance;

        let mut class_priors = Vec::with_capacity(classes);
        let mut means = DMatrix::zeros(classes, d);
        let mut variances = DMatrix::zeros(classes, d);
        for c in 0..classes {
            let rows: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
            if rows.is_empty() {
                return Err(ModelError::InvalidLabel(format!(
                    "class {c} has no training rows (labels must be 0..k with every class present)"
                )));
            }
            class_priors.push(rows.len() as f64 / n as f64);
            for j in 0..d {
                let values: Vec<f64> = rows.iter().map(|&i| x[(i, j)]).collect();
                means[(c, j)] = mathlings_stats::mean(&values)?;
                variances[(c, j)] = mathlings_stats::population_variance(&values)? + epsilon;
                if variances[(c, j)] <= 0.0 {
                    return Err(ModelError::InvalidParameter {
                        name: "var_smoothing",
                        reason: "a feature is constant within a class; use var_smoothing > 0",
                    });
                }
            }
        }
        Ok(FittedGaussianNaiveBayes {
            class_priors,
            means,
            variances,
        })
    }
}

impl FittedGaussianNaiveBayes {
    /// The log posterior ln P(c | xᵢ) of every class for every row (rows × classes).
    ///
    /// The joint log-likelihoods are normalised with `mathlings_stats::log_sum_exp`,
    /// which subtracts the largest before exponentiating, so nothing underflows even
    /// when every likelihood is far below the smallest positive f64.
    ///
    /// # Formula
    /// ```text
    /// jᵢc = ln P(c) − ½ Σⱼ [ ln(2π σ²_cj) + (xᵢⱼ − μ_cj)² / σ²_cj ]
    /// ln P(c | xᵢ) = jᵢc − (m + ln Σ_c' e^(jᵢc' − m)),   m = max_c' jᵢc'
    /// ```
    /// where each row of the exponentiated result sums to 1.
    ///
    /// # Errors
    /// `ShapeMismatch` for a different number of columns than in training, `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{GaussianNaiveBayes, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![1.0; 2.0; 8.0; 9.0];
    /// let fit = GaussianNaiveBayes::default().fit(&x, &[0, 0, 1, 1])?;
    /// let log_p = fit.predict_log_proba(&dmatrix![1000.0])?;
    /// assert_relative_eq!(log_p.row(0).map(f64::exp).sum(), 1.0, epsilon = 1e-12);
    /// assert!(matches!(fit.predict_log_proba(&dmatrix![1.0, 2.0]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict_log_proba(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
        check_new_features(x, self.means.ncols())?;
        let classes = self.class_priors.len();
        let mut log_proba = DMatrix::zeros(x.nrows(), classes);
        for i in 0..x.nrows() {
            for c in 0..classes {
                let mut joint = self.class_priors[c].ln();
                for j in 0..x.ncols() {
                    let variance = self.variances[(c, j)];
                    let deviation = x[(i, j)] - self.means[(c, j)];
                    joint -= 0.5
                        * ((2.0 * std::f64::consts::PI * variance).ln()
                            + deviation * deviation / variance);
                }
                log_proba[(i, c)] = joint;
            }
            let joints: Vec<f64> = log_proba.row(i).iter().copied().collect();
            let log_evidence = mathlings_stats::log_sum_exp(&joints)?;
            for c in 0..classes {
                log_proba[(i, c)] -= log_evidence;
            }
        }
        Ok(log_proba)
    }

    /// The most probable class of every row (ties go to the smaller label).
    ///
    /// # Formula
    /// ```text
    /// ĉᵢ = argmax_c ln P(c | xᵢ)
    /// ```
    /// where the log posterior is [`FittedGaussianNaiveBayes::predict_log_proba`].
    ///
    /// # Errors
    /// As [`FittedGaussianNaiveBayes::predict_log_proba`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{GaussianNaiveBayes, ModelError};
    /// use nalgebra::dmatrix;
    ///
    /// let fit = GaussianNaiveBayes::default().fit(&dmatrix![0.0; 1.0; 9.0; 10.0], &[0, 0, 1, 1])?;
    /// assert_eq!(fit.predict(&dmatrix![-3.0; 12.0])?, vec![0, 1]);
    /// assert!(matches!(fit.predict(&dmatrix![f64::INFINITY]), Err(ModelError::NonFinite)));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<Vec<usize>, ModelError> {
        let log_proba = self.predict_log_proba(x)?;
        Ok(log_proba
            .row_iter()
            .map(|row| argmax(row.iter().copied()))
            .collect())
    }
}

/// Index of the largest value; the first one on ties.
pub(crate) fn argmax(values: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (index, value) in values.enumerate() {
        if value > best.1 {
            best = (index, value);
        }
    }
    best.0
}

/// The confusion matrix: entry (a, p) counts the rows of actual class a predicted as p.
///
/// # Formula
/// ```text
/// C[a][p] = #{ i : actualᵢ = a and predictedᵢ = p }
/// ```
/// where the diagonal counts the correct predictions and each row sums to the size of
/// its actual class.
///
/// # Errors
/// `Empty`, `ShapeMismatch` when the two label slices differ in length,
/// `InvalidParameter` when `classes` is 0, `InvalidLabel` for a label ≥ `classes`.
///
/// # Examples
/// ```
/// use mathlings_models::{confusion_matrix, ModelError};
///
/// let c = confusion_matrix(&[0, 0, 1, 1], &[0, 1, 1, 1], 2)?;
/// assert_eq!(c, vec![vec![1, 1], vec![0, 2]]);
/// assert!(matches!(confusion_matrix(&[0, 3], &[0, 1], 2), Err(ModelError::InvalidLabel(_))));
/// # Ok::<(), ModelError>(())
/// ```
pub fn confusion_matrix(
    actual: &[usize],
    predicted: &[usize],
    classes: usize,
) -> Result<Vec<Vec<usize>>, ModelError> {
    if actual.is_empty() {
        return Err(ModelError::Empty);
    }
    if actual.len() != predicted.len() {
        return Err(ModelError::ShapeMismatch(format!(
            "{} actual labels but {} predicted labels",
            actual.len(),
            predicted.len()
        )));
    }
    if classes == 0 {
        return Err(ModelError::InvalidParameter {
            name: "classes",
            reason: "must be at least 1",
        });
    }
    let mut counts = vec![vec![0; classes]; classes];
    for (&a, &p) in actual.iter().zip(predicted) {
        if a >= classes || p >= classes {
            return Err(ModelError::InvalidLabel(format!(
                "label {} is not below the number of classes {classes}",
                a.max(p)
            )));
        }
        counts[a][p] += 1;
    }
    Ok(counts)
}
