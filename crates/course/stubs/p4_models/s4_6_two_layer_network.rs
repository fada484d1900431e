//! # 4.6 Tying it together — a two-layer neural network and backpropagation
//!
//! A network with one hidden layer of tanh units and a softmax output turns each input row
//! into class probabilities. Training minimises the mean cross-entropy by gradient descent;
//! backpropagation computes every gradient with the chain rule, from the output back to the
//! input. A gradient check (compare with central finite differences) proves your
//! backpropagation right; the network then learns XOR, which no linear model can.
//!
//! ```text
//! forward:   H = tanh(X W₁ᵀ + 1b₁ᵀ)   (n × hidden),   S = H W₂ᵀ + 1b₂ᵀ   (n × classes)
//!            P[i, ·] = softmax(S[i, ·]),   softmax(s)_c = e^(s_c − m) / Σ_c' e^(s_c' − m),  m = max s
//! loss:      L = −(1/n) Σᵢ ln P[i, yᵢ]     (ln P by log-softmax: s_c − m − ln Σ e^(s_c' − m))
//! backward:  Δ₂ = (P − Y) / n              (Y one-hot, n × classes)
//!            ∂L/∂W₂ = Δ₂ᵀ H,    ∂L/∂b₂ = Σᵢ Δ₂[i, ·]       (sum over the batch)
//!            Δ₁ = (Δ₂ W₂) ⊙ (1 − H²)       (⊙ elementwise; tanh′ = 1 − tanh²)
//!            ∂L/∂W₁ = Δ₁ᵀ X,    ∂L/∂b₁ = Σᵢ Δ₁[i, ·]
//! training:  θ ← θ − η ∂L/∂θ for every parameter, `epochs` times (full batch)
//! ```
//!
//! Initialisation (so that runs are reproducible): `let mut rng = ChaCha8Rng::seed_from_u64(seed);`
//! then W₁ = `DMatrix::from_fn(hidden, inputs, |_, _| rng.random_range(-a₁..a₁))` with
//! a₁ = √(6 / (hidden + inputs)), then W₂ = `DMatrix::from_fn(classes, hidden, …)` with
//! a₂ = √(6 / (classes + hidden)); both biases start at 0. classes = max(label) + 1.

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

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
    // TODO: H = tanh(X W₁ᵀ + b₁), S = H W₂ᵀ + b₂, then a stable softmax of each row of S.
    todo!()
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
    // TODO: forward pass keeping H; Δ₂ = (P − Y)/n; gradients of layer 2; Δ₁ = (Δ₂W₂) ⊙ (1 − H²);
    // gradients of layer 1. Bias gradients sum Δ over ALL rows.
    todo!()
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
    // TODO: validate, initialise from the seed, then repeat: gradients, update every parameter.
    todo!()
}
