//! 2.5 — power iteration for the dominant eigenpair.

use mathlings_bindings::p2_linalg::s2_5_power_iteration::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, REFERENCE, Series, figure};
use nalgebra::{DMatrix, DVector, dmatrix};

use crate::{unzip, yours};

/// A symmetric 3×3 matrix with eigenvalues −4, 3 and 1 (the dominant one negative, so that
/// ‖Av‖/‖v‖ is not λ): the error of λ̂ and of v̂ as the tolerance shrinks.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let q = {
        let (c, s) = (0.6_f64, 0.8_f64);
        dmatrix![c, -s, 0.0; s * 0.6, c * 0.6, 0.8; -s * 0.8, -c * 0.8, 0.6]
    };
    let a: DMatrix<f64> =
        &q * DMatrix::from_diagonal(&DVector::from_vec(vec![-4.0, 3.0, 1.0])) * q.transpose();
    let (lambda, v) = (-4.0, q.column(0).into_owned());
    let tols: Vec<f64> = (1..=12).map(|j| 10f64.powi(-j)).collect();
    // Errors are floored at 10⁻¹⁶ so that an exact answer still shows on a log axis.
    let errors = |pair: &(f64, DVector<f64>)| {
        let (l, w) = pair;
        let value = ((l - lambda).abs() / lambda.abs()).max(1e-16);
        let vector = (1.0 - (w.dot(&v) / w.norm()).abs()).abs().max(1e-16);
        (value, vector)
    };
    // (tol, error of λ̂) and (tol, error of v̂) for each tolerance.
    let run = |f: &dyn Fn(f64) -> Result<(f64, f64), String>| {
        tols.iter()
            .map(|&t| f(t))
            .collect::<Result<Vec<_>, _>>()
            .map(|errs| {
                let value = tols.iter().zip(&errs).map(|(&t, e)| (t, e.0)).collect();
                let vector = tols.iter().zip(&errs).map(|(&t, e)| (t, e.1)).collect();
                (value, vector)
            })
    };
    let (ref_value, ref_vector) = run(&|t| {
        mathlings_linalg::power_iteration(&a, t, 10_000)
            .map(|p| errors(&(p.eigenvalue, p.eigenvector)))
            .map_err(|e| e.to_string())
    })
    .unwrap_or_default();
    let (your_value, your_vector) = unzip(run(&|t| {
        yours(|| (imp.power_iteration)(&a, t, 10_000)).map(|p| errors(&p))
    }));
    let panel = |title: &str, y: &str, reference: Vec<(f64, f64)>, learner| {
        Chart::new(
            title,
            Axis::log("tolerance tol", 1e-12, 0.1),
            Axis::log(y, 1e-17, 10.0),
        )
        .legend_at(Corner::LowerRight)
        .with(Series::reference(Mark::Line(4), reference.clone()))
        .with(Series::new("", REFERENCE, Mark::Dots(4), reference))
        .with(Series::yours("", Mark::Dashed(2), learner))
    };
    vec![figure(
        "convergence",
        "Power iteration: error against the tolerance asked for",
        "Both errors should fall with the tolerance — the eigenvalue's roughly as its square \
         — down to rounding (10⁻¹⁶); yours should follow the reference's, and a wrong sign of \
         λ (λ = −4 here) stays at the top.",
        seed,
        2,
        &[
            panel(
                "eigenvalue: |λ̂ − λ| / |λ|",
                "relative error of λ̂",
                ref_value,
                your_value,
            ),
            panel(
                "eigenvector: 1 − |cos(v̂, v)|",
                "angle error of v̂",
                ref_vector,
                your_vector,
            ),
        ],
    )]
}
