//! 2.6 — the singular value decomposition of a 2×2 matrix, seen as a map of the plane.

use mathlings_bindings::p2_linalg::s2_6_svd::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, OTHERS, Series, figure};
use nalgebra::{DMatrix, dmatrix};

use crate::{unzip, yours};

/// The segments from the origin to sᵢ·(column i of `m`), widest first.
fn arrows(m: &DMatrix<f64>, scales: &[f64]) -> Vec<(f64, f64)> {
    scales
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [(0.0, 0.0), (s * m[(0, i)], s * m[(1, i)])])
        .collect()
}

/// A = [[0.5, 2], [1, 1]]: the unit circle with the right singular vectors v₁, v₂, and
/// its image, an ellipse, with σ₁u₁ and σ₂u₂ along its axes.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let a = dmatrix![0.5, 2.0; 1.0, 1.0];
    let circle: Vec<(f64, f64)> = (0..=120)
        .map(|i| f64::from(i) * std::f64::consts::TAU / 120.0)
        .map(|t| (t.cos(), t.sin()))
        .collect();
    let ellipse: Vec<(f64, f64)> = circle
        .iter()
        .map(|&(x, y)| (a[(0, 0)] * x + a[(0, 1)] * y, a[(1, 0)] * x + a[(1, 1)] * y))
        .collect();
    // v₁ drawn long (1) and v₂ short (0.6) so that their order shows.
    let pictures = |u: &DMatrix<f64>, s: &[f64], v_t: &DMatrix<f64>| {
        (arrows(&v_t.transpose(), &[1.0, 0.6]), arrows(u, s))
    };
    let (ref_v, ref_u) = mathlings_linalg::svd(&a)
        .map(|d| pictures(&d.u, d.singular_values.as_slice(), &d.v_t))
        .unwrap_or_default();
    let (your_v, your_u) =
        unzip(yours(|| (imp.svd)(&a)).map(|(u, s, v_t)| pictures(&u, s.as_slice(), &v_t)));
    // A panel's plotting area is about 1.5 times as wide as it is high: the same scale on
    // both axes keeps the circle round.
    let square = |title: &str, r: f64| {
        Chart::new(
            title,
            Axis::linear("first coordinate", -1.5 * r, 1.5 * r),
            Axis::linear("second coordinate", -r, r),
        )
    };
    let input = square("input: the unit circle and v₁ (long), v₂ (short)", 1.6)
        .with(Series::new("unit circle", OTHERS[4], Mark::Line(1), circle))
        .with(Series::reference(Mark::Segments(5), ref_v))
        .with(Series::yours("v₁, v₂", Mark::Segments(2), your_v));
    let output = square("output: A maps it to an ellipse with axes σ₁u₁, σ₂u₂", 3.2)
        .with(Series::new("A · circle", OTHERS[0], Mark::Line(2), ellipse))
        .with(Series::reference(Mark::Segments(5), ref_u))
        .with(Series::yours("σ₁u₁, σ₂u₂", Mark::Segments(2), your_u));
    vec![figure(
        "circle-ellipse",
        "The SVD of A = [[0.5, 2], [1, 1]]: a rotation, a stretch, a rotation",
        "A sends v₁ to σ₁u₁, the ellipse's longest semi-axis, and v₂ to σ₂u₂, the shortest: \
         your vectors should lie on the reference's (their signs may differ: ± both).",
        seed,
        2,
        &[input, output],
    )]
}
