//! 4.5 — Iris projected on its first two principal components.

use mathlings_bindings::p4_models::s4_5_pca_iris_2d::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, OTHERS, Series, figure};
use nalgebra::DMatrix;

use crate::yours;

/// The points of `scores` (n × 2) whose row is in `rows`.
fn points(scores: &DMatrix<f64>, rows: impl Iterator<Item = usize>) -> Vec<(f64, f64)> {
    rows.map(|i| (scores[(i, 0)], scores[(i, 1)])).collect()
}

/// Your 2-D projection coloured by species, and yours over the reference's.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let iris = mathlings_models::datasets::iris();
    let all = || 0..iris.species.len();
    let reference = mathlings_models::Pca { components: 2 }
        .fit(&iris.features)
        .and_then(|fit| fit.transform(&iris.features))
        .map(|z| points(&z, all()))
        .unwrap_or_default();
    let learner = yours(|| (imp.pca)(&iris.features, 2)).map(|(z, _, _)| z);
    let axes = |title: &str| {
        Chart::new(
            title,
            Axis::linear("principal component 1 (cm)", -4.5, 4.5),
            Axis::linear("principal component 2 (cm)", -1.6, 1.6),
        )
    };
    let by_species = (0..3).fold(axes("yours, by species"), |chart, s| {
        let rows = all().filter(|&i| iris.species[i] == s);
        chart.with(Series::new(
            iris.species_names[s],
            OTHERS[s],
            Mark::Dots(3),
            learner
                .as_ref()
                .map(|z| points(z, rows))
                .unwrap_or_default(),
        ))
    });
    let overlay = axes("yours over the reference")
        .with(Series::reference(Mark::Dots(3), reference))
        .with(Series::yours(
            "",
            Mark::Rings(4),
            learner.map(|z| points(&z, all())),
        ));
    vec![figure(
        "species",
        "Iris on two principal components",
        "Setosa stands apart along the first component, versicolor and virginica overlap a \
         little; your points should fall on the reference's (mirrored if a component's sign \
         is flipped).",
        seed,
        2,
        &[by_species, overlay],
    )]
}
