//! 4.6 — a two-layer network on two moons: its training loss and its decision boundary.

use mathlings_bindings::p4_models::s4_6_two_layer_network::{Impl, Params};
use mathlings_models::{FittedTwoLayerNetwork, TwoLayerNetwork};
use mathlings_plot::{Axis, Chart, Corner, Figure, Grid, Mark, OTHERS, Series, Shading, figure};
use nalgebra::DMatrix;

use crate::plane::{level_curve, nodes};
use crate::yours;

/// The exercise's own two-moons network (`learns_two_moons`): 8 tanh units, η = 1, seed 3…
const HIDDEN: usize = 8;
const ETA: f64 = 1.0;
const SEED: u64 = 3;
/// …trained for 500 epochs instead of its 1500: the loss has made its fast drop by 300
/// (0.26 → 0.04) and the training accuracy is 100 % from 300 on, and every epoch of the
/// learner's is paid again in each run of the curve below (1500 epochs drew in ~0.5 s).
const EPOCHS: usize = 500;
/// Epochs after which your network's loss is measured (each a fresh `train` run, since
/// training is deterministic for its seed): a few early ones for the first fall and the
/// plateau, more through the fast drop (100 to 300), 1 320 epochs in all.
const CHECKPOINTS: [usize; 9] = [1, 4, 15, 50, 100, 150, 200, 300, EPOCHS];
const X: (f64, f64) = (-1.6, 2.6);
const Y: (f64, f64) = (-1.1, 1.6);
/// Grid nodes along each axis for the boundary.
const NODES: usize = 70;

fn network(p: &Params) -> FittedTwoLayerNetwork {
    FittedTwoLayerNetwork {
        hidden_weights: p.0.clone(),
        hidden_biases: p.1.clone(),
        output_weights: p.2.clone(),
        output_biases: p.3.clone(),
        loss_history: Vec::new(),
    }
}

/// Left: the mean cross-entropy during training, the reference's every epoch and your
/// network's after each checkpoint (the reference's loss of your `train`'s parameters).
/// Right: the moons, the reference's P(class 1) behind them, and where the reference's and
/// your network (your `train`, then your `forward` on a grid) cross P = ½.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let Ok((x, labels)) = mathlings_models::datasets::two_moons(100, 0.1, SEED) else {
        return Vec::new();
    };
    let config = TwoLayerNetwork {
        hidden: HIDDEN,
        learning_rate: ETA,
        epochs: EPOCHS,
        seed: SEED,
    };
    let fitted = config.fit(&x, &labels).ok();
    // loss_history[k] is the loss after k steps; the fitted network's own, after all.
    let reference_loss: Vec<(f64, f64)> = fitted.as_ref().map_or_else(Vec::new, |f| {
        let last = f.loss(&x, &labels).unwrap_or(f64::NAN);
        f.loss_history
            .iter()
            .copied()
            .chain([last])
            .enumerate()
            .skip(1)
            .map(|(k, l)| (k as f64, l))
            .collect()
    });
    let trained: Result<Vec<(usize, Params)>, String> = yours(|| {
        CHECKPOINTS
            .iter()
            .map(|&k| (imp.train)(&x, &labels, HIDDEN, ETA, k, SEED).map(|p| (k, p)))
            .collect::<Result<Vec<_>, _>>()
    });
    let learner_loss = trained.as_ref().map_err(Clone::clone).map(|runs| {
        runs.iter()
            .map(|(k, p)| {
                let loss = network(p).loss(&x, &labels).unwrap_or(f64::NAN);
                (*k as f64, loss)
            })
            .collect::<Vec<_>>()
    });
    let loss = Chart::new(
        "training loss",
        Axis::log("epoch (full-batch steps)", 1.0, EPOCHS as f64),
        Axis::fit(
            "mean cross-entropy (nats)",
            reference_loss
                .iter()
                .chain(learner_loss.as_deref().unwrap_or_default())
                .map(|p| p.1)
                .chain([0.0]),
        ),
    )
    .legend_at(Corner::UpperRight)
    .with(Series::reference(Mark::Line(4), reference_loss))
    .with(Series::yours(
        "(each a train run)",
        Mark::Dots(5),
        learner_loss,
    ));

    // The boundary: P(class 1) on the grid's nodes, crossing ½.
    let grid = nodes(X, Y, NODES);
    let inputs = DMatrix::from_fn(
        grid.len(),
        2,
        |i, j| if j == 0 { grid[i].0 } else { grid[i].1 },
    );
    let class_one = |p: DMatrix<f64>| p.column(1).iter().copied().collect::<Vec<f64>>();
    let reference_p = fitted
        .as_ref()
        .and_then(|f| f.predict_proba(&inputs).ok())
        .map_or_else(Vec::new, class_one);
    let learner_boundary = trained.and_then(|runs| {
        let last = runs.last().map(|(_, p)| p.clone()).ok_or("no run")?;
        yours(|| (imp.forward)(&last, &inputs))
            .map(|p| level_curve(X, Y, NODES, &class_one(p), 0.5))
    });
    // The background: the reference's probability, rows from the top.
    let background = Grid {
        x: X,
        y: Y,
        values: reference_p
            .chunks(NODES)
            .rev()
            .map(<[f64]>::to_vec)
            .collect(),
        shading: Shading::Diverging,
    };
    let moon = |class: usize| -> Vec<(f64, f64)> {
        (0..labels.len())
            .filter(|&i| labels[i] == class)
            .map(|i| (x[(i, 0)], x[(i, 1)]))
            .collect()
    };
    let boundary = Chart::new(
        format!("decision boundary after {EPOCHS} epochs"),
        Axis::linear("x₁ (no unit)", X.0, X.1),
        Axis::linear("x₂ (no unit)", Y.0, Y.1),
    )
    .legend_at(Corner::LowerLeft)
    .behind(background)
    .with(Series::new("class 0", OTHERS[0], Mark::Dots(4), moon(0)))
    .with(Series::new("class 1", OTHERS[2], Mark::Dots(4), moon(1)))
    .with(Series::reference(
        Mark::Segments(4),
        level_curve(X, Y, NODES, &reference_p, 0.5),
    ))
    .with(Series::yours("P = ½", Mark::Segments(2), learner_boundary));
    vec![figure(
        "training",
        "A two-layer network on two moons (8 tanh units, η = 1, seed 3)",
        "The loss falls slowly, then fast once the hidden units bend the boundary around the \
         moons, then levels off; the boundary is a curve no straight line could be — your dots \
         should sit on the reference's loss curve and your boundary on the reference's.",
        seed,
        2,
        &[loss, boundary],
    )]
}
