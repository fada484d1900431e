//! 3.3 — classifying critical points: a landscape with a minimum, a maximum and two saddles.

use std::f64::consts::SQRT_2;

use mathlings_bindings::p3_calculus::s3_3_critical_points::{Impl, Kind};
use mathlings_plot::{Axis, Chart, Colour, Corner, Figure, Mark, REFERENCE, Series, YOURS, figure};
use nalgebra::DMatrix;

use crate::plane::bands;
use crate::yours;

const R: (f64, f64) = (-2.4, 2.4);

/// The landscape's own coordinates, turned 45°: u = (x + y)/√2, v = (y − x)/√2.
fn turned(x: f64, y: f64) -> (f64, f64) {
    ((x + y) / SQRT_2, (y - x) / SQRT_2)
}

/// f = (u³ − 3u) − 2(v³ − 3v): critical where u = ±1 and v = ±1.
fn landscape(x: f64, y: f64) -> f64 {
    let (u, v) = turned(x, y);
    (u.powi(3) - 3.0 * u) - 2.0 * (v.powi(3) - 3.0 * v)
}

/// The Hessian in x and y: Rᵀ diag(6u, −12v) R for the rotation R, so that the axes'
/// curvatures (the diagonal) are averages of the two eigenvalues.
fn hessian(x: f64, y: f64) -> DMatrix<f64> {
    let (u, v) = turned(x, y);
    let (a, b) = (6.0 * u, -12.0 * v);
    DMatrix::from_row_slice(
        2,
        2,
        &[(a + b) / 2.0, (a - b) / 2.0, (a - b) / 2.0, (a + b) / 2.0],
    )
}

/// The four critical points, (u, v) = (±1, ±1), in x and y.
fn critical_points() -> Vec<(f64, f64)> {
    [(1.0, -1.0), (-1.0, 1.0), (1.0, 1.0), (-1.0, -1.0)]
        .iter()
        .map(|&(u, v)| ((u - v) / SQRT_2, (u + v) / SQRT_2))
        .collect()
}

/// Each kind's marker: a pit, a peak, a cross, a ring (large for the reference, small for
/// yours, drawn over it).
fn mark(kind: Kind, large: bool) -> Mark {
    let r = if large { 11 } else { 6 };
    match kind {
        Kind::Minimum => Mark::Pits(r),
        Kind::Maximum => Mark::Peaks(r),
        Kind::Saddle => Mark::Crosses(r),
        Kind::Degenerate => Mark::Rings(r),
    }
}

const KINDS: [(Kind, &str); 4] = [
    (Kind::Minimum, "minimum"),
    (Kind::Maximum, "maximum"),
    (Kind::Saddle, "saddle"),
    (Kind::Degenerate, "degenerate"),
];

/// One series per kind that occurs among `classified`.
fn by_kind(
    who: &str,
    colour: Colour,
    large: bool,
    classified: &[((f64, f64), Kind)],
) -> Vec<Series> {
    KINDS
        .iter()
        .filter_map(|&(kind, name)| {
            let points: Vec<(f64, f64)> = classified
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(p, _)| *p)
                .collect();
            (!points.is_empty())
                .then(|| Series::new(format!("{who} {name}"), colour, mark(kind, large), points))
        })
        .collect()
}

/// The level bands of a cubic landscape, its four critical points marked by the kind the
/// reference's `classify_critical_point` gives their Hessian, and the kind yours gives.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let points = critical_points();
    let reference: Vec<((f64, f64), Kind)> = points
        .iter()
        .filter_map(|&(x, y)| {
            mathlings_calculus::classify_critical_point(&hessian(x, y))
                .ok()
                .map(|k| ((x, y), k))
        })
        .collect();
    let learner = yours(|| {
        points
            .iter()
            .map(|&(x, y)| (imp.classify_critical_point)(&hessian(x, y)).map(|k| ((x, y), k)))
            .collect::<Result<Vec<_>, _>>()
    });
    let mut chart = Chart::new(
        "",
        Axis::linear("x (no unit)", R.0, R.1),
        Axis::linear("y (no unit)", R.0, R.1),
    )
    .legend_at(Corner::UpperLeft)
    // asinh spaces the bands evenly near the critical values and keeps the cubic's steep
    // corners from taking every band.
    .behind(bands(R, R, |x, y| landscape(x, y).asinh()));
    for series in by_kind("reference", REFERENCE, true, &reference) {
        chart = chart.with(series);
    }
    match learner {
        Ok(classified) => {
            for series in by_kind("yours", YOURS, false, &classified) {
                chart = chart.with(series);
            }
        }
        Err(reason) => chart = chart.with(Series::yours("", Mark::Dots(5), Err(reason))),
    }
    vec![figure(
        "landscape",
        "Critical points, classified by the Hessian",
        "f = (u³ − 3u) − 2(v³ − 3v) with u = (x + y)/√2, v = (y − x)/√2. Darker bands are lower: the minimum sits in a dark pit, the maximum on a light peak, \
         and at each saddle the bands cross like an X — where the x and y axes both curve the \
         same way although the point is a saddle, only the eigenvalues of the whole Hessian tell; \
         your small marker should match the reference's large one at every point.",
        seed,
        1,
        &[chart],
    )]
}
