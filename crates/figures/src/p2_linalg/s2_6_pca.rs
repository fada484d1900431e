//! 2.6 — principal component analysis.

use mathlings_bindings::p2_linalg::s2_6_pca::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, Series, figure};
use nalgebra::{DMatrix, DVector};

use crate::yours;

/// Iris's four measurements projected on their first two principal axes (yours as rings
/// over the reference's dots), and the explained-variance ratio of each.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let x = mathlings_models::datasets::iris().features;
    let mean = DVector::from_fn(x.ncols(), |j, _| x.column(j).mean());
    let scores = |w: &DMatrix<f64>| -> Vec<(f64, f64)> {
        let centred = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - mean[j]);
        let z = centred * w.rows(0, 2).transpose();
        (0..z.nrows()).map(|i| (z[(i, 0)], z[(i, 1)])).collect()
    };
    let fitted = mathlings_models::Pca { components: 4 }.fit(&x).ok();
    let reference_scores = fitted
        .as_ref()
        .map(|f| scores(&f.components))
        .unwrap_or_default();
    let reference_ratios: Vec<(f64, f64)> = fitted
        .as_ref()
        .map(|f| {
            (0..2)
                .map(|k| (k as f64 + 0.8, f.explained_variance_ratio[k]))
                .collect()
        })
        .unwrap_or_default();
    // Two axes kept: their ratios are of the total variance, not of the kept part.
    let learner = yours(|| (imp.pca)(&x, 2));
    let your_scores = learner.clone().and_then(|(w, _)| {
        let z = yours(|| (imp.transform)(&x, &mean, &w.rows(0, 2).into_owned()))?;
        Ok((0..z.nrows()).map(|i| (z[(i, 0)], z[(i, 1)])).collect())
    });
    let your_ratios = learner.map(|(_, r)| {
        r.iter()
            .enumerate()
            .map(|(k, &v)| (k as f64 + 1.2, v))
            .collect()
    });
    let projection = Chart::new(
        "Iris on its first two principal axes",
        Axis::linear("score on axis 1 (cm)", -4.5, 4.5),
        Axis::linear("score on axis 2 (cm)", -1.6, 1.6),
    )
    .with(Series::reference(Mark::Dots(3), reference_scores))
    .with(Series::yours("", Mark::Rings(4), your_scores));
    let ratios = Chart::new(
        "variance explained by each of two kept axes",
        Axis::linear("principal axis", 0.4, 2.6),
        Axis::linear("fraction of the total variance", 0.0, 1.0),
    )
    .with(Series::reference(Mark::Bars(0.4), reference_ratios))
    .with(Series::yours("", Mark::Bars(0.4), your_ratios));
    vec![figure(
        "projection",
        "PCA: the directions of greatest variance",
        "The first axis carries 92 % of Iris's variance and separates the species; your \
         points should sit in the reference's (mirrored if an axis has the opposite sign).",
        seed,
        2,
        &[projection, ratios],
    )]
}
