//! Helpers shared by several checks of part 4.

use crate::prelude::*;

/// The reference least-squares fit of y on [1 X]: the intercept, then the coefficients.
pub fn ols(x: &DMatrix<f64>, y: &DVector<f64>) -> Vec<f64> {
    let fit = mathlings_models::LinearRegression::default().fit(x, y).expect("reference fit");
    let mut beta = vec![fit.intercept.expect("intercept")];
    beta.extend(fit.coefficients.iter());
    beta
}

/// Iris sepal length (y) and the other three measurements (x), for the regressions.
pub fn iris_sepal_length() -> (DMatrix<f64>, DVector<f64>) {
    let iris = mathlings_models::datasets::iris();
    (iris.features.columns(1, 3).into_owned(), iris.features.column(0).into_owned())
}
