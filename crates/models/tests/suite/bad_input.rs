//! Every public function, fed empty input, NaN, ±∞, mismatched shapes, dependent
//! columns and invalid parameters, returns the specific typed error (never panics).

use mathlings_models::*;
use nalgebra::{DMatrix, DVector, dmatrix, dvector};

fn good_x() -> DMatrix<f64> {
    dmatrix![1.0, 0.5; 2.0, -1.0; 3.0, 2.0; 4.0, 0.0; 5.0, 1.5; 6.0, -0.5]
}
fn good_y() -> DVector<f64> {
    dvector![1.0, 2.5, 2.0, 4.5, 5.0, 6.5]
}
fn with_nan() -> DMatrix<f64> {
    let mut x = good_x();
    x[(2, 1)] = f64::NAN;
    x
}
fn with_inf() -> DMatrix<f64> {
    let mut x = good_x();
    x[(0, 0)] = f64::NEG_INFINITY;
    x
}
fn empty() -> DMatrix<f64> {
    DMatrix::zeros(0, 2)
}
fn duplicated() -> DMatrix<f64> {
    let c = good_x().column(0).into_owned();
    let mut d = good_x().insert_column(2, 0.0);
    d.set_column(2, &c);
    d
}
const LABELS: [bool; 6] = [false, true, false, true, true, false];
const CLASSES: [usize; 6] = [0, 1, 0, 1, 1, 0];

#[test]
fn simple_linear_regression_rejects_bad_input() {
    use ModelError::*;
    assert!(matches!(simple_linear_regression(&[], &[]), Err(Empty)));
    assert!(matches!(
        simple_linear_regression(&[1.0, f64::NAN], &[1.0, 2.0]),
        Err(NonFinite)
    ));
    assert!(matches!(
        simple_linear_regression(&[1.0, 2.0], &[1.0, f64::INFINITY]),
        Err(NonFinite)
    ));
    assert!(matches!(
        simple_linear_regression(&[1.0, 2.0], &[1.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        simple_linear_regression(&[3.0], &[1.0]),
        Err(RankDeficient { .. })
    ));
}

#[test]
fn linear_regression_rejects_bad_input() {
    use ModelError::*;
    let ols = LinearRegression::default();
    assert!(matches!(ols.fit(&empty(), &DVector::zeros(0)), Err(Empty)));
    assert!(matches!(ols.fit(&with_nan(), &good_y()), Err(NonFinite)));
    assert!(matches!(ols.fit(&with_inf(), &good_y()), Err(NonFinite)));
    assert!(matches!(
        ols.fit(&good_x(), &good_y().map(|v| v / 0.0)),
        Err(NonFinite)
    ));
    assert!(matches!(
        ols.fit(&good_x(), &dvector![1.0, 2.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        ols.fit(&duplicated(), &good_y()),
        Err(RankDeficient {
            rank: 3,
            columns: 4
        })
    ));
    assert!(matches!(
        ols.fit(&good_x().rows(0, 3).into_owned(), &dvector![1.0, 2.0, 3.0]),
        Err(TooFewRows { needed: 4, got: 3 })
    ));
    let zero_column = good_x().insert_column(1, 0.0);
    assert!(matches!(
        ols.fit(&zero_column, &good_y()),
        Err(RankDeficient { .. })
    ));

    let fit = ols.fit(&good_x(), &good_y()).unwrap();
    assert!(matches!(fit.predict(&dmatrix![1.0]), Err(ShapeMismatch(_))));
    assert!(matches!(fit.predict(&with_nan()), Err(NonFinite)));
    assert_eq!(fit.predict(&empty()).unwrap().len(), 0);
}

#[test]
fn polynomial_design_rejects_bad_input() {
    use ModelError::*;
    assert!(matches!(polynomial_design(&[], 2), Err(Empty)));
    assert!(matches!(polynomial_design(&[f64::NAN], 2), Err(NonFinite)));
    assert!(matches!(
        polynomial_design(&[1.0], 0),
        Err(InvalidParameter { name: "degree", .. })
    ));
    assert!(matches!(polynomial_design(&[1e200], 3), Err(NonFinite)));
}

#[test]
fn fit_polynomial_rejects_bad_input() {
    use ModelError::*;
    let ols = LinearRegression::default();
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    assert!(matches!(
        ols.fit_polynomial(&[], 2, &DVector::zeros(0)),
        Err(Empty)
    ));
    assert!(matches!(
        ols.fit_polynomial(&[0.0, f64::NAN, 2.0, 3.0, 4.0, 5.0], 2, &good_y()),
        Err(NonFinite)
    ));
    assert!(matches!(
        ols.fit_polynomial(&x, 2, &good_y().map(|v| v / 0.0)),
        Err(NonFinite)
    ));
    // x⁵ = 10³⁰⁰·… overflows.
    assert!(matches!(
        ols.fit_polynomial(&[1e100, 1.0, 2.0, 3.0, 4.0, 5.0], 5, &good_y()),
        Err(NonFinite)
    ));
    assert!(matches!(
        ols.fit_polynomial(&x, 0, &good_y()),
        Err(InvalidParameter { name: "degree", .. })
    ));
    assert!(matches!(
        ols.fit_polynomial(&x, 2, &dvector![1.0, 2.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        ols.fit_polynomial(&x, 5, &good_y()),
        Err(TooFewRows { needed: 7, got: 6 })
    ));
    // Three distinct x cannot fix four coefficients.
    assert!(matches!(
        ols.fit_polynomial(&[1.0, 1.0, 2.0, 2.0, 3.0, 3.0], 3, &good_y()),
        Err(RankDeficient {
            rank: 3,
            columns: 4
        })
    ));
}

#[test]
fn ridge_rejects_bad_input() {
    use ModelError::*;
    let ridge = Ridge {
        lambda: 1.0,
        fit_intercept: true,
    };
    assert!(matches!(
        ridge.fit(&empty(), &DVector::zeros(0)),
        Err(Empty)
    ));
    assert!(matches!(ridge.fit(&with_nan(), &good_y()), Err(NonFinite)));
    assert!(matches!(ridge.fit(&with_inf(), &good_y()), Err(NonFinite)));
    assert!(matches!(
        ridge.fit(&good_x(), &dvector![1.0]),
        Err(ShapeMismatch(_))
    ));
    for lambda in [-1.0, f64::NAN, f64::INFINITY] {
        let bad = Ridge {
            lambda,
            fit_intercept: true,
        };
        assert!(matches!(
            bad.fit(&good_x(), &good_y()),
            Err(InvalidParameter { name: "lambda", .. })
        ));
    }
    let unpenalised = Ridge {
        lambda: 0.0,
        fit_intercept: true,
    };
    assert!(matches!(
        unpenalised.fit(&duplicated(), &good_y()),
        Err(RankDeficient { .. })
    ));
    // A penalty makes even dependent columns solvable.
    assert!(ridge.fit(&duplicated(), &good_y()).is_ok());

    let fit = ridge.fit(&good_x(), &good_y()).unwrap();
    assert!(matches!(
        fit.predict(&dmatrix![1.0, 2.0, 3.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fit.predict(&with_inf()), Err(NonFinite)));
}

#[test]
fn gradient_descent_rejects_bad_input() {
    use ModelError::*;
    let gd = linear_regression_gradient_descent;
    assert!(matches!(
        gd(&empty(), &DVector::zeros(0), 0.1, 10),
        Err(Empty)
    ));
    assert!(matches!(
        gd(&with_nan(), &good_y(), 0.1, 10),
        Err(NonFinite)
    ));
    assert!(matches!(
        gd(&good_x(), &dvector![1.0], 0.1, 10),
        Err(ShapeMismatch(_))
    ));
    for rate in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            gd(&good_x(), &good_y(), rate, 10),
            Err(InvalidParameter {
                name: "learning_rate",
                ..
            })
        ));
    }
    assert!(matches!(
        gd(&good_x(), &good_y(), 0.1, 0),
        Err(InvalidParameter { name: "epochs", .. })
    ));
    assert!(matches!(
        gd(&good_x(), &good_y(), 10.0, 1000),
        Err(NoConvergence { .. })
    ));
}

#[test]
fn logistic_regression_rejects_bad_input() {
    use ModelError::*;
    let logit = LogisticRegression::default();
    assert!(matches!(logit.fit(&empty(), &[]), Err(Empty)));
    assert!(matches!(logit.fit(&with_nan(), &LABELS), Err(NonFinite)));
    assert!(matches!(logit.fit(&with_inf(), &LABELS), Err(NonFinite)));
    assert!(matches!(
        logit.fit(&good_x(), &LABELS[..3]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        logit.fit(&good_x(), &[true; 6]),
        Err(PerfectSeparation)
    ));
    assert!(matches!(
        logit.fit(&duplicated(), &LABELS),
        Err(RankDeficient { .. })
    ));
    assert!(matches!(
        logit.fit(&good_x().rows(0, 2).into_owned(), &[true, false]),
        Err(TooFewRows { .. })
    ));
    let bad_iter = LogisticRegression {
        max_iter: 0,
        tol: 1e-8,
    };
    assert!(matches!(
        bad_iter.fit(&good_x(), &LABELS),
        Err(InvalidParameter {
            name: "max_iter",
            ..
        })
    ));
    for tol in [0.0, -1.0, f64::NAN] {
        let bad_tol = LogisticRegression { max_iter: 10, tol };
        assert!(matches!(
            bad_tol.fit(&good_x(), &LABELS),
            Err(InvalidParameter { name: "tol", .. })
        ));
    }
    let too_few_steps = LogisticRegression {
        max_iter: 1,
        tol: 1e-12,
    };
    assert!(matches!(
        too_few_steps.fit(&good_x(), &LABELS),
        Err(NoConvergence { iterations: 1 })
    ));

    let fit = logit.fit(&good_x(), &LABELS).unwrap();
    assert!(matches!(
        fit.predict_proba(&dmatrix![1.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fit.predict_proba(&with_nan()), Err(NonFinite)));
    assert!(matches!(fit.predict(&dmatrix![1.0]), Err(ShapeMismatch(_))));
    assert!(matches!(fit.predict(&with_inf()), Err(NonFinite)));
}

#[test]
fn naive_bayes_rejects_bad_input() {
    use ModelError::*;
    let nb = GaussianNaiveBayes::default();
    assert!(matches!(nb.fit(&empty(), &[]), Err(Empty)));
    assert!(matches!(nb.fit(&with_nan(), &CLASSES), Err(NonFinite)));
    assert!(matches!(nb.fit(&with_inf(), &CLASSES), Err(NonFinite)));
    assert!(matches!(
        nb.fit(&good_x(), &CLASSES[..2]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        nb.fit(&good_x(), &[0, 2, 0, 2, 2, 0]),
        Err(InvalidLabel(_))
    ));
    for var_smoothing in [-1.0, f64::NAN, f64::INFINITY] {
        let bad = GaussianNaiveBayes { var_smoothing };
        assert!(matches!(
            bad.fit(&good_x(), &CLASSES),
            Err(InvalidParameter {
                name: "var_smoothing",
                ..
            })
        ));
    }
    let constant_in_class = dmatrix![1.0; 1.0; 5.0; 6.0];
    let unsmoothed = GaussianNaiveBayes { var_smoothing: 0.0 };
    assert!(matches!(
        unsmoothed.fit(&constant_in_class, &[0, 0, 1, 1]),
        Err(InvalidParameter { .. })
    ));

    let fit = nb.fit(&good_x(), &CLASSES).unwrap();
    assert!(matches!(
        fit.predict_log_proba(&dmatrix![1.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fit.predict_log_proba(&with_nan()), Err(NonFinite)));
    assert!(matches!(
        fit.predict(&dmatrix![1.0, 2.0, 3.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fit.predict(&with_inf()), Err(NonFinite)));
}

#[test]
fn confusion_matrix_rejects_bad_input() {
    use ModelError::*;
    assert!(matches!(confusion_matrix(&[], &[], 2), Err(Empty)));
    assert!(matches!(
        confusion_matrix(&[0, 1], &[0], 2),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        confusion_matrix(&[0], &[0], 0),
        Err(InvalidParameter {
            name: "classes",
            ..
        })
    ));
    assert!(matches!(
        confusion_matrix(&[0], &[5], 2),
        Err(InvalidLabel(_))
    ));
}

#[test]
fn pca_rejects_bad_input() {
    use ModelError::*;
    assert!(matches!(Pca { components: 1 }.fit(&empty()), Err(Empty)));
    assert!(matches!(
        Pca { components: 1 }.fit(&with_nan()),
        Err(NonFinite)
    ));
    assert!(matches!(
        Pca { components: 1 }.fit(&with_inf()),
        Err(NonFinite)
    ));
    assert!(matches!(
        Pca { components: 1 }.fit(&dmatrix![1.0, 2.0]),
        Err(TooFewRows { needed: 2, got: 1 })
    ));
    assert!(matches!(
        Pca { components: 0 }.fit(&good_x()),
        Err(InvalidParameter {
            name: "components",
            ..
        })
    ));
    assert!(matches!(
        Pca { components: 3 }.fit(&good_x()),
        Err(InvalidParameter {
            name: "components",
            ..
        })
    ));
    assert!(matches!(
        Pca { components: 1 }.fit(&DMatrix::from_element(4, 2, 7.0)),
        Err(InvalidParameter { name: "x", .. })
    ));

    let fit = Pca { components: 1 }.fit(&good_x()).unwrap();
    assert!(matches!(
        fit.transform(&dmatrix![1.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fit.transform(&with_nan()), Err(NonFinite)));
    assert!(matches!(
        fit.inverse_transform(&dmatrix![1.0, 2.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        fit.inverse_transform(&dmatrix![f64::INFINITY]),
        Err(NonFinite)
    ));
}

#[test]
fn network_rejects_bad_input() {
    use ModelError::*;
    let net = TwoLayerNetwork {
        epochs: 10,
        ..TwoLayerNetwork::default()
    };
    assert!(matches!(net.fit(&empty(), &[]), Err(Empty)));
    assert!(matches!(net.fit(&with_nan(), &CLASSES), Err(NonFinite)));
    assert!(matches!(net.fit(&with_inf(), &CLASSES), Err(NonFinite)));
    assert!(matches!(
        net.fit(&good_x(), &CLASSES[..4]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(net.fit(&good_x(), &[0; 6]), Err(InvalidLabel(_))));
    assert!(matches!(
        TwoLayerNetwork { hidden: 0, ..net }.fit(&good_x(), &CLASSES),
        Err(InvalidParameter { name: "hidden", .. })
    ));
    assert!(matches!(
        TwoLayerNetwork { epochs: 0, ..net }.fit(&good_x(), &CLASSES),
        Err(InvalidParameter { name: "epochs", .. })
    ));
    for learning_rate in [0.0, -1.0, f64::NAN] {
        let bad = TwoLayerNetwork {
            learning_rate,
            ..net
        };
        assert!(matches!(
            bad.fit(&good_x(), &CLASSES),
            Err(InvalidParameter {
                name: "learning_rate",
                ..
            })
        ));
    }
    let huge = TwoLayerNetwork {
        learning_rate: 1e300,
        epochs: 50,
        ..net
    };
    let big_x = good_x() * 1e3;
    assert!(matches!(
        huge.fit(&big_x, &CLASSES),
        Err(NoConvergence { .. })
    ));
    assert!(matches!(net.gradient_check(&empty(), &[]), Err(Empty)));
    assert!(matches!(
        net.gradient_check(&good_x(), &[0; 6]),
        Err(InvalidLabel(_))
    ));
    assert!(matches!(
        net.initial_network(0, 2),
        Err(InvalidParameter { name: "inputs", .. })
    ));
    assert!(matches!(net.initial_network(2, 1), Err(InvalidLabel(_))));

    let fitted = net.fit(&good_x(), &CLASSES).unwrap();
    assert!(matches!(
        fitted.predict_proba(&dmatrix![1.0]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(fitted.predict(&with_nan()), Err(NonFinite)));
    assert!(matches!(
        fitted.loss(&good_x(), &[0, 1, 2, 0, 1, 0]),
        Err(InvalidLabel(_))
    ));
    assert!(matches!(fitted.loss(&empty(), &[]), Err(Empty)));
    assert!(matches!(
        fitted.gradients(&good_x(), &CLASSES[..1]),
        Err(ShapeMismatch(_))
    ));
    assert!(matches!(
        fitted.gradient_check(&with_inf(), &CLASSES),
        Err(NonFinite)
    ));
}

#[test]
fn datasets_reject_bad_parameters() {
    use ModelError::*;
    for noise in [-0.1, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            datasets::two_moons(10, noise, 0),
            Err(InvalidParameter { name: "noise", .. })
        ));
    }
    assert!(matches!(
        datasets::two_moons(1, 0.1, 0),
        Err(InvalidParameter { name: "n", .. })
    ));
}

#[test]
fn sigmoid_never_panics() {
    assert!(sigmoid(f64::NAN).is_nan());
    assert_eq!(sigmoid(f64::INFINITY), 1.0);
    assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
}
