//! The shipped data sets parse completely and match published summaries; the
//! synthetic ones are reproducible from their seed.

use crate::common::*;
use mathlings_models::datasets;
use statrs::statistics::Statistics;

#[test]
fn iris_matches_published_summaries() {
    let iris = datasets::iris();
    assert_eq!(iris.features.shape(), (150, 4));
    assert_eq!(iris.species.len(), 150);
    for c in 0..3 {
        assert_eq!(iris.species.iter().filter(|&&s| s == c).count(), 50);
    }
    // R's summary(iris): column means 5.843333, 3.057333, 3.758, 1.199333.
    let means = [
        5.843333333333333,
        3.0573333333333332,
        3.758,
        1.1993333333333334,
    ];
    for (j, expected) in means.iter().enumerate() {
        let mean = iris.features.column(j).iter().copied().mean();
        assert!(
            (mean - expected).abs() < CLOSED_FORM_REL,
            "column {j}: {mean}"
        );
    }
    // The R / scikit-learn version, not UCI's: sample 35 (row 34) has petal width 0.2
    // and sample 38 (row 37) has sepal width 3.6.
    assert_eq!(iris.features[(34, 3)], 0.2);
    assert_eq!(iris.features[(37, 1)], 3.6);
    assert_eq!(iris.species_names, ["setosa", "versicolor", "virginica"]);
}

#[test]
fn anscombe_sets_share_their_summaries() {
    // Anscombe (1973): mean x = 9, sample variance x = 11, mean y ≈ 7.50.
    for (x, y) in datasets::anscombe().sets {
        assert_eq!(x.len(), 11);
        assert!((x.iter().copied().mean() - 9.0).abs() < 1e-12);
        assert!((x.iter().copied().variance() - 11.0).abs() < 1e-12);
        assert!((y.iter().copied().mean() - 7.50).abs() < 5e-3);
    }
}

#[test]
fn two_moons_is_reproducible_and_balanced() {
    let (a, la) = datasets::two_moons(101, 0.2, 3).unwrap();
    let (b, lb) = datasets::two_moons(101, 0.2, 3).unwrap();
    let (c, _) = datasets::two_moons(101, 0.2, 4).unwrap();
    assert_eq!(a, b);
    assert_eq!(la, lb);
    assert_ne!(a, c);
    assert_eq!(la.iter().filter(|&&l| l == 0).count(), 50);
    assert_eq!(la.iter().filter(|&&l| l == 1).count(), 51);
}

#[test]
fn noiseless_moons_lie_on_their_circles() {
    let (x, labels) = datasets::two_moons(40, 0.0, 0).unwrap();
    for (i, &label) in labels.iter().enumerate() {
        let (cx, cy) = if label == 0 { (0.0, 0.0) } else { (1.0, 0.5) };
        let radius = ((x[(i, 0)] - cx).powi(2) + (x[(i, 1)] - cy).powi(2)).sqrt();
        assert!((radius - 1.0).abs() < IDENTITY_ABS);
    }
}

#[test]
fn xor_truth_table() {
    let (x, labels) = datasets::xor();
    for (i, &label) in labels.iter().enumerate() {
        let expected = usize::from((x[(i, 0)] == 1.0) != (x[(i, 1)] == 1.0));
        assert_eq!(label, expected);
    }
}
