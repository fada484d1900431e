//! # 4.6 Tying it together — a two-layer neural network and backpropagation
//!
//! The forward pass keeps the hidden activations H, which the backward pass needs for the
//! tanh derivative 1 − H². Softmax and cross-entropy go through log-softmax, so no
//! probability is ever exponentiated into overflow or logged at 0.
//!
//! ```text
//! Δ₂ = (P − Y)/n,  ∂W₂ = Δ₂ᵀH,  ∂b₂ = Σᵢ Δ₂ᵢ,  Δ₁ = (Δ₂W₂) ⊙ (1 − H²),  ∂W₁ = Δ₁ᵀX,  ∂b₁ = Σᵢ Δ₁ᵢ
//! ```

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The parameters (W₁: hidden × inputs, b₁: hidden, W₂: classes × hidden, b₂: classes);
/// gradients come in the same shapes.
pub type Params = (DMatrix<f64>, DVector<f64>, DMatrix<f64>, DVector<f64>);

/// The class probabilities P (n × classes) of every row of `x`.
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows;
/// - `ModelError::ShapeMismatch(_)` when the parameter shapes do not fit together or `x`
///   has a number of columns other than W₁'s;
/// - `ModelError::NonFinite` when a parameter or `x` holds a NaN or ±∞.
pub fn forward(params: &Params, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
    let (_, log_proba) = forward_pass(params, x)?;
    Ok(log_proba.map(f64::exp))
}

/// The mean cross-entropy L and its gradients (∂L/∂W₁, ∂L/∂b₁, ∂L/∂W₂, ∂L/∂b₂) by
/// backpropagation.
///
/// # Errors
/// As [`forward`], plus `ModelError::ShapeMismatch(_)` when `labels.len()` ≠ rows of `x` and
/// `ModelError::InvalidLabel(_)` when a label is ≥ the number of classes.
pub fn loss_and_gradients(
    params: &Params,
    x: &DMatrix<f64>,
    labels: &[usize],
) -> Result<(f64, Params), ModelError> {
    let (hidden, log_proba) = forward_pass(params, x)?;
    let (n, classes) = log_proba.shape();
    if labels.len() != n {
        return Err(ModelError::ShapeMismatch(format!(
            "{n} rows but {} labels",
            labels.len()
        )));
    }
    if let Some(bad) = labels.iter().find(|&&l| l >= classes) {
        return Err(ModelError::InvalidLabel(format!(
            "label {bad} but only {classes} classes"
        )));
    }
    let nf = n as f64;
    let loss = -labels
        .iter()
        .enumerate()
        .map(|(i, &y)| log_proba[(i, y)])
        .sum::<f64>()
        / nf;

    // Output layer: Δ₂ = (P − Y) / n.
    let mut output_delta = log_proba.map(f64::exp);
    for (i, &y) in labels.iter().enumerate() {
        output_delta[(i, y)] -= 1.0;
    }
    output_delta /= nf;
    let grad_w2 = output_delta.transpose() * &hidden;
    let grad_b2 = column_sums(&output_delta);

    // Hidden layer: Δ₁ = (Δ₂ W₂) ⊙ (1 − H²).
    let mut hidden_delta = &output_delta * &params.2;
    hidden_delta.zip_apply(&hidden, |delta, h| *delta *= 1.0 - h * h);
    let grad_w1 = hidden_delta.transpose() * x;
    let grad_b1 = column_sums(&hidden_delta);

    Ok((loss, (grad_w1, grad_b1, grad_w2, grad_b2)))
}

/// Trains a network with `hidden` tanh units by `epochs` steps of full-batch gradient
/// descent with step `learning_rate`, from the seeded initialisation above.
///
/// # Errors
/// - `ModelError::InvalidParameter { name, .. }` for `hidden` = 0 (`"hidden"`), `epochs` = 0
///   (`"epochs"`) or a learning rate that is not finite and > 0 (`"learning_rate"`);
/// - `ModelError::Empty`, `ModelError::NonFinite`, `ModelError::ShapeMismatch(_)` for bad data;
/// - `ModelError::InvalidLabel(_)` when every label is 0 (fewer than 2 classes);
/// - `ModelError::NoConvergence { iterations }` when the loss or a parameter stops being
///   finite, or the last loss is higher than the first (the step is too large).
pub fn train(
    x: &DMatrix<f64>,
    labels: &[usize],
    hidden: usize,
    learning_rate: f64,
    epochs: usize,
    seed: u64,
) -> Result<Params, ModelError> {
    let invalid = |name, reason| Err(ModelError::InvalidParameter { name, reason });
    if hidden == 0 {
        return invalid("hidden", "must be at least 1");
    }
    if epochs == 0 {
        return invalid("epochs", "must be at least 1");
    }
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return invalid("learning_rate", "must be a finite number > 0");
    }
    let (n, inputs) = x.shape();
    if n == 0 || inputs == 0 {
        return Err(ModelError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if labels.len() != n {
        return Err(ModelError::ShapeMismatch(format!(
            "{n} rows but {} labels",
            labels.len()
        )));
    }
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    if classes < 2 {
        return Err(ModelError::InvalidLabel(
            "all labels are 0: a classifier needs at least 2 classes".into(),
        ));
    }

    // Glorot-uniform initial weights from the seed, zero biases.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let a1 = (6.0 / (hidden + inputs) as f64).sqrt();
    let w1 = DMatrix::from_fn(hidden, inputs, |_, _| rng.random_range(-a1..a1));
    let a2 = (6.0 / (classes + hidden) as f64).sqrt();
    let w2 = DMatrix::from_fn(classes, hidden, |_, _| rng.random_range(-a2..a2));
    let mut params: Params = (w1, DVector::zeros(hidden), w2, DVector::zeros(classes));

    let mut first_loss = None;
    let mut last_loss = f64::NAN;
    for epoch in 0..epochs {
        let (loss, (g_w1, g_b1, g_w2, g_b2)) = loss_and_gradients(&params, x, labels)?;
        if !loss.is_finite() {
            return Err(ModelError::NoConvergence { iterations: epoch });
        }
        first_loss.get_or_insert(loss);
        last_loss = loss;
        params.0 -= learning_rate * g_w1;
        params.1 -= learning_rate * g_b1;
        params.2 -= learning_rate * g_w2;
        params.3 -= learning_rate * g_b2;
        let all = params.0.iter().chain(params.1.iter());
        if all
            .chain(params.2.iter())
            .chain(params.3.iter())
            .any(|v| !v.is_finite())
        {
            return Err(ModelError::NoConvergence {
                iterations: epoch + 1,
            });
        }
    }
    if first_loss.is_some_and(|first| last_loss > first) {
        return Err(ModelError::NoConvergence { iterations: epochs });
    }
    Ok(params)
}

/// Validates shapes and values; returns H and ln P.
fn forward_pass(
    params: &Params,
    x: &DMatrix<f64>,
) -> Result<(DMatrix<f64>, DMatrix<f64>), ModelError> {
    let (w1, b1, w2, b2) = params;
    if x.nrows() == 0 {
        return Err(ModelError::Empty);
    }
    if x.ncols() != w1.ncols()
        || b1.len() != w1.nrows()
        || w2.ncols() != w1.nrows()
        || b2.len() != w2.nrows()
    {
        return Err(ModelError::ShapeMismatch(format!(
            "x {:?}, W₁ {:?}, b₁ {}, W₂ {:?}, b₂ {}",
            x.shape(),
            w1.shape(),
            b1.len(),
            w2.shape(),
            b2.len()
        )));
    }
    let values = w1.iter().chain(b1.iter()).chain(w2.iter()).chain(b2.iter());
    if values.chain(x.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }

    let mut hidden = x * w1.transpose();
    for mut row in hidden.row_iter_mut() {
        row += b1.transpose();
    }
    hidden.apply(|z| *z = z.tanh());
    let mut log_proba = &hidden * w2.transpose();
    for mut row in log_proba.row_iter_mut() {
        row += b2.transpose();
        // Log-softmax: s − m − ln Σ e^(s − m).
        let m = row.max();
        let log_sum = row.iter().map(|s| (s - m).exp()).sum::<f64>().ln();
        row.apply(|s| *s = *s - m - log_sum);
    }
    Ok((hidden, log_proba))
}

/// Σᵢ Δ[i, ·]: the gradient of a bias accumulates over every row of the batch.
fn column_sums(delta: &DMatrix<f64>) -> DVector<f64> {
    DVector::from_fn(delta.ncols(), |j, _| delta.column(j).sum())
}
