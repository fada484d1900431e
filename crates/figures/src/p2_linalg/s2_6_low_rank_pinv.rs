//! 2.6 — low-rank approximation: a photograph rebuilt from its first k singular triples.

use mathlings_bindings::p2_linalg::s2_6_low_rank_pinv::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Grid, Mark, REFERENCE, Series, Shading, figure};
use nalgebra::DMatrix;

use crate::yours;

/// NASA's portrait of Eileen Collins (scikit-image's `astronaut.png`), 48×48 grey levels:
/// `data/astronaut_48.pgm`, see `data/README.md`.
const ASTRONAUT: &str = include_str!("../../../../data/astronaut_48.pgm");

/// The photograph as a matrix of grey levels in [0, 1], first row at the top.
pub fn astronaut() -> DMatrix<f64> {
    let mut numbers = ASTRONAUT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .skip(1)
        .map(|n| n.parse::<f64>().expect("a number"));
    let mut next = || numbers.next().expect("a complete PGM file");
    let (columns, rows, max) = (next() as usize, next() as usize, next());
    DMatrix::from_fn(rows, columns, |_, _| next() / max)
}

/// The ranks drawn, and the points of the error curve: one learner call each (an SVD of a
/// 48×48 matrix in an unoptimised learner build costs a few hundredths of a second).
const RANKS: [usize; 3] = [1, 5, 20];

/// The photograph, its best rank-k approximations (k = 1, 5, 20: the reference's on top,
/// yours below) and the relative error ‖A − A_k‖_F / ‖A‖_F against k.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let a = astronaut();
    // `reason`: why yours is missing, when it is.
    let image = |title: String, m: Option<&DMatrix<f64>>, reason: &str| {
        let n = a.nrows() as f64;
        let chart = Chart::new(
            title,
            Axis::linear("column (pixels)", 0.0, n),
            Axis::linear("row from the bottom (pixels)", 0.0, n),
        );
        match m {
            Some(m) => {
                let values = (0..m.nrows())
                    .map(|i| (0..m.ncols()).map(|j| m[(i, j)].clamp(0.0, 1.0)).collect())
                    .collect();
                chart.behind(Grid {
                    x: (0.0, n),
                    y: (0.0, n),
                    values,
                    shading: Shading::Gray,
                })
            }
            None => chart.with(Series::yours("", Mark::Dots(1), Err(reason.to_string()))),
        }
    };
    let error = |m: &DMatrix<f64>| ((&a - m).norm() / a.norm()).max(1e-16);
    let reference: Vec<DMatrix<f64>> = RANKS
        .iter()
        .filter_map(|&k| mathlings_linalg::low_rank_approximation(&a, k).ok())
        .collect();
    let learner: Result<Vec<DMatrix<f64>>, String> = RANKS
        .iter()
        .map(|&k| yours(|| (imp.low_rank_approximation)(&a, k)))
        .collect();
    let at = |k: usize| RANKS.iter().position(|&r| r == k).expect("a plotted rank");
    let curve = |ms: &[DMatrix<f64>]| -> Vec<(f64, f64)> {
        RANKS
            .iter()
            .zip(ms)
            .map(|(&k, m)| (k as f64, error(m)))
            .collect()
    };
    let errors = Chart::new(
        "relative error ‖A − A_k‖ / ‖A‖",
        Axis::log("rank k", 0.8, 50.0),
        Axis::log("relative error (Frobenius)", 0.01, 1.0),
    )
    .legend_at(Corner::LowerLeft)
    .with(Series::reference(Mark::Line(4), curve(&reference)))
    .with(Series::new("", REFERENCE, Mark::Dots(4), curve(&reference)))
    .with(Series::yours(
        "",
        Mark::Dashed(2),
        learner.as_deref().map(curve).map_err(Clone::clone),
    ));
    let mut panels = vec![image(
        format!("the photograph (rank {})", a.nrows()),
        Some(&a),
        "",
    )];
    panels.extend(
        RANKS
            .iter()
            .map(|&k| image(format!("reference, k = {k}"), reference.get(at(k)), "")),
    );
    panels.push(errors);
    let reason = learner.as_ref().err().map_or("", String::as_str);
    panels.extend(RANKS.iter().map(|&k| {
        let mine = learner.as_ref().ok().map(|ms| &ms[at(k)]);
        image(format!("yours, k = {k}"), mine, reason)
    }));
    vec![figure(
        "astronaut",
        "Low-rank approximation: a photograph from its k largest singular values",
        "Rank 1 is a blur of rows times columns, rank 5 a face, rank 20 nearly the photograph; \
         your approximations (bottom row) should look like the reference's (top row).",
        seed,
        4,
        &panels,
    )]
}
