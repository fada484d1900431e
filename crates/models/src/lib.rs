//! Reference models for the mathlings course: regression, classification and PCA
//! built on the course's own statistics, linear-algebra and calculus crates.
//!
//! **Key design decision:** every least-squares problem here (OLS, ridge, each Newton
//! step of logistic regression) goes through one path: column equilibration, then the
//! Householder QR of `mathlings-linalg`, with standard errors read off R⁻¹. The normal
//! equations XᵀXβ = Xᵀy are never solved, so the fits keep their accuracy on
//! ill-conditioned designs. OLS then refines its solution with residuals computed in
//! double-double arithmetic, which makes it as accurate as its data allow: on every
//! NIST StRD linear regression set the coefficients are within 0.2 digit of the exact
//! solution of the f64 data (Filip, κ ≈ 10¹⁵, to 13.9 digits by
//! `LinearRegression::fit_polynomial`), the other statistics to ≥ 12.8 digits.
//!
//! Models follow one pattern: a small struct of validated parameters whose
//! `fit(..) -> Result<Fitted…, ModelError>` returns a separate fitted type that can
//! `predict`. Data sets live in [`datasets`].
//!
//! # Example
//! ```
//! use approx::assert_relative_eq;
//! use mathlings_models::{datasets, simple_linear_regression, ModelError};
//!
//! // Anscombe's quartet: four very different data sets, one regression line.
//! for (x, y) in datasets::anscombe().sets {
//!     let fit = simple_linear_regression(&x, &y)?;
//!     assert_relative_eq!(fit.intercept, 3.0, epsilon = 5e-3);
//!     assert_relative_eq!(fit.slope, 0.5, epsilon = 5e-4);
//! }
//! # Ok::<(), ModelError>(())
//! ```
#![deny(missing_docs)]

pub mod datasets;
mod error;
mod gradient_descent;
mod least_squares;
mod linear_regression;
mod logistic;
mod naive_bayes;
mod network;
mod pca;
mod ridge;
mod sigmoid;
mod simple_regression;
mod validate;

pub use error::ModelError;
pub use gradient_descent::{GradientDescentRegression, linear_regression_gradient_descent};
pub use linear_regression::{FittedLinearRegression, LinearRegression, polynomial_design};
pub use logistic::{FittedLogisticRegression, LogisticRegression};
pub use naive_bayes::{FittedGaussianNaiveBayes, GaussianNaiveBayes, confusion_matrix};
pub use network::{FittedTwoLayerNetwork, NetworkGradients, TwoLayerNetwork};
pub use pca::{FittedPca, Pca};
pub use ridge::{FittedRidge, Ridge};
pub use sigmoid::sigmoid;
pub use simple_regression::{SimpleLinearRegression, simple_linear_regression};
