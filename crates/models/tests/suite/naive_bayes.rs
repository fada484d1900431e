//! Gaussian naive Bayes on Iris: class moments vs statrs, the training confusion
//! matrix (insta snapshot, equal to scikit-learn's), posterior laws.

use crate::common::*;
use mathlings_models::{GaussianNaiveBayes, confusion_matrix, datasets};
use nalgebra::DMatrix;
use proptest::prelude::*;
use statrs::statistics::Statistics;

#[test]
fn class_moments_match_statrs() {
    let iris = datasets::iris();
    let fit = GaussianNaiveBayes { var_smoothing: 0.0 }
        .fit(&iris.features, &iris.species)
        .unwrap();
    for c in 0..3 {
        assert_eq!(fit.class_priors[c], 50.0 / 150.0);
        for j in 0..4 {
            let values: Vec<f64> = (0..150)
                .filter(|&i| iris.species[i] == c)
                .map(|i| iris.features[(i, j)])
                .collect();
            let mean = values.as_slice().mean();
            let variance = values.as_slice().population_variance();
            assert!((fit.means[(c, j)] - mean).abs() <= CLOSED_FORM_REL * mean.abs());
            assert!((fit.variances[(c, j)] - variance).abs() <= CLOSED_FORM_REL * variance);
        }
    }
}

#[test]
fn smoothing_adds_a_fraction_of_the_largest_variance() {
    // scikit-learn 1.9.1 GaussianNB().var_ (var_smoothing = 1e-9) for setosa, sepal length.
    let iris = datasets::iris();
    let fit = GaussianNaiveBayes::default()
        .fit(&iris.features, &iris.species)
        .unwrap();
    assert!((fit.variances[(0, 0)] - 0.12176400309550259).abs() <= 1e-15);
}

#[test]
fn iris_training_confusion_matrix() {
    // scikit-learn 1.9.1: confusion_matrix(y, GaussianNB().fit(X, y).predict(X)) =
    // [[50, 0, 0], [0, 47, 3], [0, 3, 47]].
    let iris = datasets::iris();
    let fit = GaussianNaiveBayes::default()
        .fit(&iris.features, &iris.species)
        .unwrap();
    let predicted = fit.predict(&iris.features).unwrap();
    let matrix = confusion_matrix(&iris.species, &predicted, 3).unwrap();
    assert_eq!(matrix, vec![vec![50, 0, 0], vec![0, 47, 3], vec![0, 3, 47]]);
    let text: Vec<String> = matrix
        .iter()
        .zip(iris.species_names)
        .map(|(row, name)| format!("{name:>10}: {row:?}"))
        .collect();
    insta::assert_snapshot!("iris_naive_bayes_confusion", text.join("\n"));
}

#[test]
fn posterior_rows_sum_to_one_far_from_the_data() {
    let iris = datasets::iris();
    let fit = GaussianNaiveBayes::default()
        .fit(&iris.features, &iris.species)
        .unwrap();
    let far = DMatrix::from_row_slice(2, 4, &[100.0, -50.0, 80.0, 30.0, 0.0, 0.0, 0.0, 0.0]);
    let log_proba = fit.predict_log_proba(&far).unwrap();
    for row in log_proba.row_iter() {
        assert!((row.map(f64::exp).sum() - 1.0).abs() <= IDENTITY_ABS);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn posterior_is_bayes_rule_on_one_feature(x0 in -5.0f64..5.0) {
        // Oracle: Bayes' theorem with statrs' normal pdf.
        use statrs::distribution::{Continuous, Normal};
        let x = DMatrix::from_column_slice(6, 1, &[-1.0, 0.0, 1.0, 2.0, 4.0, 6.0]);
        let labels = [0, 0, 0, 1, 1, 1];
        let fit = GaussianNaiveBayes { var_smoothing: 0.0 }.fit(&x, &labels).unwrap();
        let like0 = Normal::new(0.0, (2.0f64 / 3.0).sqrt()).unwrap().pdf(x0);
        let like1 = Normal::new(4.0, (8.0f64 / 3.0).sqrt()).unwrap().pdf(x0);
        let posterior0 = like0 / (like0 + like1);
        let log_proba = fit.predict_log_proba(&DMatrix::from_element(1, 1, x0)).unwrap();
        prop_assert!((log_proba[(0, 0)].exp() - posterior0).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn confusion_matrix_counts_every_row_once(labels in proptest::collection::vec((0usize..4, 0usize..4), 1..60)) {
        let actual: Vec<usize> = labels.iter().map(|l| l.0).collect();
        let predicted: Vec<usize> = labels.iter().map(|l| l.1).collect();
        let matrix = confusion_matrix(&actual, &predicted, 4).unwrap();
        prop_assert_eq!(matrix.iter().flatten().sum::<usize>(), labels.len());
        for (c, row) in matrix.iter().enumerate() {
            prop_assert_eq!(row.iter().sum::<usize>(), actual.iter().filter(|&&a| a == c).count());
        }
    }
}
