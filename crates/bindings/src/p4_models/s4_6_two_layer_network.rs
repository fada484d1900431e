//! The interface of 4.6 — a two-layer network: forward pass, backpropagation (with a gradient
//! check) and training on XOR and two moons.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// (W₁, b₁, W₂, b₂).
pub type Params = (DMatrix<f64>, DVector<f64>, DMatrix<f64>, DVector<f64>);

/// The exercise's signature.
pub struct Impl {
    /// `forward(params, x)`: class probabilities.
    pub forward: fn(&Params, &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError>,
    /// `loss_and_gradients(params, x, labels)`: mean cross-entropy and its gradients.
    pub loss_and_gradients:
        fn(&Params, &DMatrix<f64>, &[usize]) -> Result<(f64, Params), ModelError>,
    /// `train(x, labels, hidden, learning_rate, epochs, seed)`.
    pub train: fn(&DMatrix<f64>, &[usize], usize, f64, usize, u64) -> Result<Params, ModelError>,
}
