//! Checks for 2.2 — a batched dense layer Y = X Wᵀ + 1 bᵀ.

use mathlings_linalg::LinalgError;

use super::matrices::{guarded, iris_species_means, matrix_close, rounded_matrix, square};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_2_dense_layer::Impl;
use mathlings_bindings::p2_linalg::s2_2_dense_layer::MatrixResult;

/// Each yᵣⱼ is bⱼ plus k ≤ 6 products; summed in any order the rounding error is
/// ≤ (k + 1)·ε·(|b|ⱼ + Σₖ|xᵣₖ||wⱼₖ|) ≈ 1.6e-15 of that scale; 1e-13 leaves a factor ~60.
const LAYER_REL: f64 = 1e-13;

type Layer = (DMatrix<f64>, DMatrix<f64>, DVector<f64>);

fn call((x, w, b): &Layer) -> String {
    format!("dense_layer(&{}, &{}, &{})", show::matrix(x), show::matrix(w), show::vector(b))
}

/// A batch of 1–6 samples with 1–6 inputs, a layer with 1–6 outputs.
fn layer() -> impl Strategy<Value = Layer> + Clone {
    (1..=6usize, 1..=6usize, 1..=6usize).prop_flat_map(|(batch, inputs, outputs)| {
        (
            strategies::matrix(batch, inputs),
            strategies::matrix(outputs, inputs),
            proptest::collection::vec(-10.0..10.0f64, outputs).prop_map(DVector::from_vec),
        )
    })
}

/// The error scale of every entry: |X||W|ᵀ + 1|b|ᵀ.
fn tolerance((x, w, b): &Layer) -> impl Fn(usize, usize) -> f64 {
    let scale = x.abs() * w.abs().transpose();
    let b = b.abs();
    move |r, j| LAYER_REL * (scale[(r, j)] + b[j]) + 1e-300
}

fn reference((x, w, b): &Layer) -> DMatrix<f64> {
    mathlings_linalg::dense_layer(x, w, b).expect("reference dense layer")
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_2_dense_layer",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("equals the reference X Wᵀ + 1 bᵀ on random batches, layers and biases (to 1e-13 of |X||W|ᵀ + |b|)")
                .check(|imp, ctx| {
                    ctx.forall(layer(), call, |l| {
                        matrix_close(&(imp.dense_layer)(&l.0, &l.1, &l.2), &reference(l), tolerance(l))
                    })
                }),
            Property::named("samples_independent", 1)
                .description("row r of the batched output equals the layer applied to sample r alone")
                .check(|imp, ctx| {
                    ctx.forall(layer(), call, |l| {
                        let (x, w, b) = l;
                        let batched = expect::ok((imp.dense_layer)(x, w, b), "Y")?;
                        let tol = tolerance(l);
                        for r in 0..x.nrows() {
                            let row = x.rows(r, 1).into_owned();
                            let alone = DMatrix::from_fn(1, w.nrows(), |_, j| batched[(r, j)]);
                            matrix_close(&(imp.dense_layer)(&row, w, b), &alone, |_, j| {
                                2.0 * tol(r, j)
                            })
                            .map_err(|f| Failure {
                                call: format!(
                                    "{} vs row {r} of {}",
                                    call(&(row.clone(), w.clone(), b.clone())),
                                    call(l)
                                ),
                                ..f
                            })?;
                        }
                        Ok(())
                    })
                }),
            Property::named("bias_broadcast", 1)
                .description("with zero weights every row of Y is bᵀ; with a zero bias Y = X Wᵀ")
                .check(|imp, ctx| {
                    ctx.forall(
                        layer(),
                        |(x, w, b)| {
                            format!(
                                "{} and {}",
                                call(&(x.clone(), DMatrix::zeros(w.nrows(), w.ncols()), b.clone())),
                                call(&(x.clone(), w.clone(), DVector::zeros(b.len())))
                            )
                        },
                        |l| {
                            let (x, w, b) = l;
                            let zero_w = DMatrix::zeros(w.nrows(), w.ncols());
                            let rows_of_b = DMatrix::from_fn(x.nrows(), b.len(), |_, j| b[j]);
                            matrix_close(&(imp.dense_layer)(x, &zero_w, b), &rows_of_b, |_, _| 0.0)?;
                            let zero_b = DVector::zeros(b.len());
                            matrix_close(&(imp.dense_layer)(x, w, &zero_b), &(x * w.transpose()), tolerance(l))
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite inputs, X and W with different input counts, and a bias of the wrong length give the typed error, never a panic")
                .check(|imp, ctx| {
                    let x = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
                    let w = DMatrix::from_row_slice(2, 3, &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
                    let b = DVector::from_vec(vec![0.5, -0.5]);
                    let w_wrong = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
                    let b3 = DVector::from_vec(vec![1.0, 2.0, 3.0]);
                    let mut nan_x = x.clone();
                    nan_x[(1, 1)] = f64::NAN;
                    let mut inf_w = w.clone();
                    inf_w[(0, 2)] = f64::NEG_INFINITY;
                    let nan_b = DVector::from_vec(vec![0.5, f64::NAN]);
                    rejects!(ctx, |l| call(&l) => (imp.dense_layer)(&l.0, &l.1, &l.2), shown show::outcome;
                        ((DMatrix::zeros(0, 3), w.clone(), b.clone())) => LinalgError::Empty,
                        ((x.clone(), DMatrix::zeros(0, 0), DVector::zeros(0))) => LinalgError::Empty,
                        ((nan_x.clone(), w.clone(), b.clone())) => LinalgError::NonFinite,
                        ((x.clone(), inf_w.clone(), b.clone())) => LinalgError::NonFinite,
                        ((x.clone(), w.clone(), nan_b.clone())) => LinalgError::NonFinite,
                        ((x.clone(), w_wrong.clone(), b3.clone())) => LinalgError::ShapeMismatch { left: (2, 3), right: (3, 2) },
                        ((x.clone(), w.clone(), b3.clone())) => LinalgError::ShapeMismatch { left: (2, 3), right: (3, 1) },
                    )
                }),
            Property::named("iris_nearest_mean_scores", 1)
                .description("a linear layer scoring each Iris flower against the species means (wₛ = mₛ, bₛ = −½‖mₛ‖²) matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "dense_layer(&iris.features, &species_means, &(−½‖mₛ‖²)ₛ)";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let x = &iris.features;
                        let w = iris_species_means();
                        let b = DVector::from_fn(3, |s, _| -0.5 * w.row(s).norm_squared());
                        let text = match (imp.dense_layer)(x, &w, &b) {
                            Ok(y) if y.shape() == (150, 3) => {
                                let mut confusion = [[0usize; 3]; 3];
                                for r in 0..150 {
                                    let predicted = (0..3).max_by(|&p, &q| y[(r, p)].total_cmp(&y[(r, q)])).unwrap_or(0);
                                    confusion[iris.species[r]][predicted] += 1;
                                }
                                let mut text = String::new();
                                for r in [0, 50, 100, 149] {
                                    text += &format!("scores of flower {r:3}: {}\n", rounded_matrix(&y.rows(r, 1).into_owned(), 9));
                                }
                                text += &format!("confusion (rows: true species, columns: highest score): {confusion:?}\n");
                                text
                            }
                            other => format!("{}\n", show::outcome(&other).chars().take(300).collect::<String>()),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("x_times_w")
                .explanation("You computed X W instead of X Wᵀ. Row j of W holds the weights of output unit j, \
                    so output j of sample r is row r of X dotted with ROW j of W: yᵣⱼ = bⱼ + Σₖ x[(r, k)]·w[(j, k)]. \
                    X W pairs the inputs with a column of W instead (and only has the right shape when W is square).")
                .implementation(Impl { dense_layer: x_times_w }),
            Misconception::named("bias_per_sample")
                .explanation("Your bias is indexed by the sample (row r gets b[r]) instead of by the output unit. \
                    Each output unit j has one bias bⱼ, added to column j of Y for every sample: Y = X Wᵀ + 1 bᵀ, \
                    yᵣⱼ = … + bⱼ.")
                .implementation(Impl { dense_layer: bias_per_sample }),
            Misconception::named("bias_ignored")
                .explanation("Your layer never adds the bias: Y must be X Wᵀ + 1 bᵀ, i.e. bⱼ is added to every \
                    entry of column j.")
                .implementation(Impl {
                    dense_layer: |x, w, b| {
                        mathlings_linalg::dense_layer(x, w, b)?; // the reference's input checks
                        Ok(x * w.transpose())
                    },
                }),
        ],
        probe: |imp| {
            let x = square(&[1.0, 2.0, 3.0, 4.0]);
            let w = square(&[1.0, 10.0, 100.0, 1000.0]);
            let b = DVector::from_vec(vec![0.5, -0.5]);
            let x3 = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
            let w3 = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
            let b3 = DVector::from_vec(vec![10.0, 20.0, 30.0]);
            // A value, or "no result" for an error or a panic: a learner computing X W may
            // report the shape problem of a non-square W either way.
            let outcome = |f: &dyn Fn() -> MatrixResult| {
                let text = guarded(|| show::outcome(&f()));
                if text.starts_with("Ok(") { text } else { "no result".into() }
            };
            vec![
                outcome(&|| (imp.dense_layer)(&x, &w, &b)),
                outcome(&|| (imp.dense_layer)(&x3, &w3, &b3)),
                outcome(&|| (imp.dense_layer)(&x3, &w3.transpose(), &b)),
                guarded(|| show::outcome(&(imp.dense_layer)(&x, &w, &b3))),
            ]
        },
    }
}

fn validate(x: &DMatrix<f64>, w: &DMatrix<f64>, b: &DVector<f64>) -> Result<(), LinalgError> {
    for m in [x, w] {
        if m.is_empty() {
            return Err(LinalgError::Empty);
        }
        if m.iter().any(|v| !v.is_finite()) {
            return Err(LinalgError::NonFinite);
        }
    }
    if b.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

fn x_times_w(x: &DMatrix<f64>, w: &DMatrix<f64>, b: &DVector<f64>) -> MatrixResult {
    validate(x, w, b)?;
    if x.ncols() != w.nrows() {
        return Err(LinalgError::ShapeMismatch { left: x.shape(), right: w.shape() });
    }
    if b.len() != w.ncols() {
        return Err(LinalgError::ShapeMismatch { left: w.shape(), right: (b.len(), 1) });
    }
    let mut y = x * w;
    for (j, mut column) in y.column_iter_mut().enumerate() {
        column.add_scalar_mut(b[j]);
    }
    Ok(y)
}

fn bias_per_sample(x: &DMatrix<f64>, w: &DMatrix<f64>, b: &DVector<f64>) -> MatrixResult {
    validate(x, w, b)?;
    if x.ncols() != w.ncols() {
        return Err(LinalgError::ShapeMismatch { left: x.shape(), right: w.shape() });
    }
    if b.len() != x.nrows() {
        return Err(LinalgError::ShapeMismatch { left: w.shape(), right: (b.len(), 1) });
    }
    let mut y = x * w.transpose();
    for (r, mut row) in y.row_iter_mut().enumerate() {
        row.add_scalar_mut(b[r]);
    }
    Ok(y)
}
