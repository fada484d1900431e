//! A two-layer neural network (dense → tanh → dense → softmax) trained by
//! backpropagation, written out by hand: every gradient is one line of the chain rule.

use mathlings_calculus::{log_softmax, numerical_gradient};
use nalgebra::{DMatrix, DVector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::ModelError;
use crate::naive_bayes::argmax;
use crate::validate::{check_features, check_new_features, check_positive, check_rows};

/// Step h of the central differences in the gradient check: about ε^(1/3) ≈ 6·10⁻⁶,
/// which balances the O(h²) truncation error against the O(ε/h) rounding error.
const GRADIENT_CHECK_STEP: f64 = 1e-5;

/// A classifier with one hidden layer of tanh units and a softmax output, configured
/// by its size and its training schedule.
///
/// # Formula
/// ```text
/// H = tanh(X W₁ᵀ + 1 b₁ᵀ)              (n × hidden)
/// P = softmax_rows(H W₂ᵀ + 1 b₂ᵀ)      (n × classes)
/// L = −(1/n) Σᵢ ln P[i, yᵢ]            (mean cross-entropy)
/// ```
/// where softmax_rows normalises each row to probabilities. With two classes the
/// softmax output is the sigmoid of the difference of the two scores.
///
/// # Examples
/// ```
/// use mathlings_models::{datasets, ModelError, TwoLayerNetwork};
///
/// let (x, labels) = datasets::xor();
/// let network = TwoLayerNetwork { hidden: 4, learning_rate: 0.5, epochs: 2000, seed: 1 };
/// let fitted = network.fit(&x, &labels)?;
/// assert_eq!(fitted.predict(&x)?, labels);
///
/// let no_hidden = TwoLayerNetwork { hidden: 0, ..network };
/// assert!(matches!(no_hidden.fit(&x, &labels), Err(ModelError::InvalidParameter { name: "hidden", .. })));
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoLayerNetwork {
    /// Number of hidden tanh units (≥ 1).
    pub hidden: usize,
    /// Step size η of full-batch gradient descent (finite, > 0).
    pub learning_rate: f64,
    /// Number of full-batch gradient steps (≥ 1).
    pub epochs: usize,
    /// Seed of the ChaCha8 generator that draws the initial weights.
    pub seed: u64,
}

impl Default for TwoLayerNetwork {
    /// 8 hidden units, η = 0.5, 2000 epochs, seed 0.
    fn default() -> Self {
        TwoLayerNetwork {
            hidden: 8,
            learning_rate: 0.5,
            epochs: 2000,
            seed: 0,
        }
    }
}

/// The weights of a two-layer network (initial or trained) and its training losses.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{datasets, ModelError, TwoLayerNetwork};
///
/// let (x, labels) = datasets::xor();
/// let config = TwoLayerNetwork { hidden: 3, learning_rate: 0.5, epochs: 20, seed: 1 };
/// let fitted = config.fit(&x, &labels)?;
/// assert_eq!(fitted.hidden_weights.shape(), (3, 2)); // hidden × inputs
/// assert_eq!(fitted.output_weights.shape(), (2, 3)); // classes × hidden
/// assert_eq!(fitted.loss_history.len(), 20);
/// let p = fitted.predict_proba(&x)?;
/// assert_relative_eq!(p.row(0).sum(), 1.0, epsilon = 1e-12);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedTwoLayerNetwork {
    /// W₁, hidden × inputs.
    pub hidden_weights: DMatrix<f64>,
    /// b₁, one bias per hidden unit.
    pub hidden_biases: DVector<f64>,
    /// W₂, classes × hidden.
    pub output_weights: DMatrix<f64>,
    /// b₂, one bias per class.
    pub output_biases: DVector<f64>,
    /// Mean cross-entropy after each training epoch (empty for an untrained network).
    pub loss_history: Vec<f64>,
}

/// ∂L/∂θ for every parameter θ of the network, in the shapes of the parameters.
///
/// # Examples
/// ```
/// use mathlings_models::{ModelError, TwoLayerNetwork};
/// use nalgebra::dmatrix;
///
/// let net = TwoLayerNetwork::default().initial_network(2, 2)?;
/// let (x, labels) = (dmatrix![1.0, 0.0; 0.0, 1.0], [0, 1]);
/// let g = net.gradients(&x, &labels)?;
/// // A small step against the gradient lowers the loss.
/// let mut stepped = net.clone();
/// stepped.hidden_weights -= 0.01 * &g.hidden_weights;
/// stepped.hidden_biases -= 0.01 * &g.hidden_biases;
/// stepped.output_weights -= 0.01 * &g.output_weights;
/// stepped.output_biases -= 0.01 * &g.output_biases;
/// assert!(stepped.loss(&x, &labels)? < net.loss(&x, &labels)?);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkGradients {
    /// ∂L/∂W₁ (hidden × inputs).
    pub hidden_weights: DMatrix<f64>,
    /// ∂L/∂b₁.
    pub hidden_biases: DVector<f64>,
    /// ∂L/∂W₂ (classes × hidden).
    pub output_weights: DMatrix<f64>,
    /// ∂L/∂b₂.
    pub output_biases: DVector<f64>,
}

impl TwoLayerNetwork {
    /// The untrained network: Glorot-uniform weights drawn from the seed, zero biases.
    ///
    /// # Formula
    /// ```text
    /// Wᵢⱼ ~ Uniform(−a, a),   a = √(6 / (fan_in + fan_out)),   b = 0
    /// ```
    /// where fan_in and fan_out are the layer's input and output sizes; this keeps the
    /// variance of the signal roughly constant from layer to layer, so tanh starts in
    /// its responsive (non-saturated) range.
    ///
    /// # Errors
    /// `InvalidParameter` when `hidden` or `inputs` is 0, `InvalidLabel` when `classes` < 2.
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    ///
    /// let net = TwoLayerNetwork { hidden: 3, ..TwoLayerNetwork::default() }.initial_network(2, 2)?;
    /// assert_eq!(net.hidden_weights.shape(), (3, 2));
    /// assert_eq!(net.output_weights.shape(), (2, 3));
    /// assert!(net.hidden_weights.iter().all(|w| w.abs() <= (6.0f64 / 5.0).sqrt()));
    ///
    /// let one_class = TwoLayerNetwork::default().initial_network(2, 1);
    /// assert!(matches!(one_class, Err(ModelError::InvalidLabel(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn initial_network(
        &self,
        inputs: usize,
        classes: usize,
    ) -> Result<FittedTwoLayerNetwork, ModelError> {
        if self.hidden == 0 {
            return Err(ModelError::InvalidParameter {
                name: "hidden",
                reason: "must be at least 1",
            });
        }
        if inputs == 0 {
            return Err(ModelError::InvalidParameter {
                name: "inputs",
                reason: "must be at least 1",
            });
        }
        if classes < 2 {
            return Err(ModelError::InvalidLabel(format!(
                "a classifier needs at least 2 classes, got {classes}"
            )));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut glorot = |rows: usize, cols: usize| {
            let limit = (6.0 / (rows + cols) as f64).sqrt();
            DMatrix::from_fn(rows, cols, |_, _| rng.random_range(-limit..limit))
        };
        let hidden_weights = glorot(self.hidden, inputs);
        let output_weights = glorot(classes, self.hidden);
        Ok(FittedTwoLayerNetwork {
            hidden_weights,
            hidden_biases: DVector::zeros(self.hidden),
            output_weights,
            output_biases: DVector::zeros(classes),
            loss_history: Vec::new(),
        })
    }

    /// Trains the network by full-batch gradient descent on the mean cross-entropy,
    /// with gradients from [`FittedTwoLayerNetwork::gradients`] (backpropagation).
    ///
    /// The number of classes is the largest label + 1.
    ///
    /// # Formula
    /// ```text
    /// θ ← θ − η ∂L/∂θ     for θ ∈ {W₁, b₁, W₂, b₂}, once per epoch
    /// ```
    /// where η is the learning rate and L the mean cross-entropy over all rows.
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch` (labels ≠ rows), `InvalidParameter` for
    /// `hidden` = 0, `epochs` = 0 or a learning rate that is not finite and > 0,
    /// `InvalidLabel` when all labels are 0 (one class), `NoConvergence` when the loss
    /// overflows or ends higher than it started (the learning rate is too large).
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let x = dmatrix![0.0; 1.0; 2.0; 3.0];
    /// let fitted = TwoLayerNetwork { epochs: 300, ..TwoLayerNetwork::default() }.fit(&x, &[0, 0, 1, 1])?;
    /// assert!(fitted.loss_history.last() < fitted.loss_history.first());
    ///
    /// let err = TwoLayerNetwork::default().fit(&x, &[0, 1]);
    /// assert!(matches!(err, Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn fit(
        &self,
        x: &DMatrix<f64>,
        labels: &[usize],
    ) -> Result<FittedTwoLayerNetwork, ModelError> {
        check_positive(self.learning_rate, "learning_rate", false)?;
        if self.epochs == 0 {
            return Err(ModelError::InvalidParameter {
                name: "epochs",
                reason: "must be at least 1",
            });
        }
        let classes = check_training_data(x, labels)?;
        let mut network = self.initial_network(x.ncols(), classes)?;
        for epoch in 0..self.epochs {
            let (loss, gradients) = network.loss_and_gradients(x, labels)?;
            if !loss.is_finite() {
                return Err(ModelError::NoConvergence { iterations: epoch });
            }
            network.loss_history.push(loss);
            network.hidden_weights -= self.learning_rate * gradients.hidden_weights;
            network.hidden_biases -= self.learning_rate * gradients.hidden_biases;
            network.output_weights -= self.learning_rate * gradients.output_weights;
            network.output_biases -= self.learning_rate * gradients.output_biases;
            if network.parameters().iter().any(|p| !p.is_finite()) {
                return Err(ModelError::NoConvergence {
                    iterations: epoch + 1,
                });
            }
        }
        // Gradient descent with a workable step never ends above where it started.
        if network.loss_history.last() > network.loss_history.first() {
            return Err(ModelError::NoConvergence {
                iterations: self.epochs,
            });
        }
        Ok(network)
    }

    /// Gradient check of the untrained network (see
    /// [`FittedTwoLayerNetwork::gradient_check`]): backpropagation against central
    /// differences at the seeded initial weights.
    ///
    /// # Formula
    /// ```text
    /// error = ‖g − ĝ‖∞ / max(‖g‖∞, ‖ĝ‖∞)
    /// ```
    /// where g is the backpropagated gradient and ĝ the central-difference estimate.
    ///
    /// # Errors
    /// As [`TwoLayerNetwork::fit`] for the data and `hidden`.
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{datasets, ModelError, TwoLayerNetwork};
    ///
    /// let (x, labels) = datasets::xor();
    /// let error = TwoLayerNetwork::default().gradient_check(&x, &labels)?;
    /// assert!(error < 1e-6);
    /// assert!(matches!(TwoLayerNetwork::default().gradient_check(&x, &[0, 1]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn gradient_check(&self, x: &DMatrix<f64>, labels: &[usize]) -> Result<f64, ModelError> {
        let classes = check_training_data(x, labels)?;
        self.initial_network(x.ncols(), classes)?
            .gradient_check(x, labels)
    }
}

/// Checks features and labels; returns the number of classes (largest label + 1, ≥ 2).
fn check_training_data(x: &DMatrix<f64>, labels: &[usize]) -> Result<usize, ModelError> {
    check_features(x)?;
    check_rows(x, labels.len(), "label")?;
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    if classes < 2 {
        return Err(ModelError::InvalidLabel(
            "all labels are 0: a classifier needs at least 2 classes".to_string(),
        ));
    }
    Ok(classes)
}

impl FittedTwoLayerNetwork {
    /// The forward pass: hidden activations H and log-probabilities ln P.
    fn forward(&self, x: &DMatrix<f64>) -> Result<(DMatrix<f64>, DMatrix<f64>), ModelError> {
        let n = x.nrows();
        let mut hidden = x * self.hidden_weights.transpose();
        for mut row in hidden.row_iter_mut() {
            row += self.hidden_biases.transpose();
        }
        hidden.apply(|z| *z = z.tanh());

        let scores = &hidden * self.output_weights.transpose();
        let mut log_proba = DMatrix::zeros(n, self.output_biases.len());
        for i in 0..n {
            let row: Vec<f64> = (0..scores.ncols())
                .map(|c| scores[(i, c)] + self.output_biases[c])
                .collect();
            let log_p = log_softmax(&row)?;
            for (c, value) in log_p.into_iter().enumerate() {
                log_proba[(i, c)] = value;
            }
        }
        Ok((hidden, log_proba))
    }

    /// Checks that every label names an output of this network.
    fn check_labels(&self, x: &DMatrix<f64>, labels: &[usize]) -> Result<(), ModelError> {
        check_new_features(x, self.hidden_weights.ncols())?;
        if x.nrows() == 0 {
            return Err(ModelError::Empty);
        }
        check_rows(x, labels.len(), "label")?;
        let classes = self.output_biases.len();
        if let Some(bad) = labels.iter().find(|&&l| l >= classes) {
            return Err(ModelError::InvalidLabel(format!(
                "label {bad} but the network has {classes} outputs"
            )));
        }
        Ok(())
    }

    /// The class probabilities of each row (rows × classes; each row sums to 1).
    ///
    /// # Formula
    /// ```text
    /// P = softmax_rows(tanh(X W₁ᵀ + 1 b₁ᵀ) W₂ᵀ + 1 b₂ᵀ)
    /// ```
    /// where the softmax is computed from `mathlings_calculus::log_softmax` (max-shifted).
    ///
    /// # Errors
    /// `ShapeMismatch` for a different number of columns than the network's inputs,
    /// `NonFinite`.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let net = TwoLayerNetwork::default().initial_network(2, 3)?;
    /// let p = net.predict_proba(&dmatrix![0.5, -1.0])?;
    /// assert_relative_eq!(p.row(0).sum(), 1.0, epsilon = 1e-12);
    /// assert!(matches!(net.predict_proba(&dmatrix![0.5]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict_proba(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
        check_new_features(x, self.hidden_weights.ncols())?;
        Ok(self.forward(x)?.1.map(f64::exp))
    }

    /// The most probable class of each row.
    ///
    /// # Formula
    /// ```text
    /// ĉᵢ = argmax_c P[i, c]
    /// ```
    /// where ties go to the smaller label.
    ///
    /// # Errors
    /// As [`FittedTwoLayerNetwork::predict_proba`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let net = TwoLayerNetwork::default().initial_network(1, 2)?;
    /// assert_eq!(net.predict(&dmatrix![0.0; 1.0])?.len(), 2);
    /// assert!(matches!(net.predict(&dmatrix![f64::NAN]), Err(ModelError::NonFinite)));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn predict(&self, x: &DMatrix<f64>) -> Result<Vec<usize>, ModelError> {
        let proba = self.predict_proba(x)?;
        Ok(proba
            .row_iter()
            .map(|row| argmax(row.iter().copied()))
            .collect())
    }

    /// The mean cross-entropy of the network on labelled data.
    ///
    /// # Formula
    /// ```text
    /// L = −(1/n) Σᵢ ln P[i, yᵢ]
    /// ```
    /// where ln P comes from a max-shifted log-softmax, finite even for scores of ±1000.
    ///
    /// # Errors
    /// `Empty`, `NonFinite`, `ShapeMismatch`, `InvalidLabel` for a label ≥ the number of outputs.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let mut net = TwoLayerNetwork::default().initial_network(1, 2)?;
    /// net.output_weights.fill(0.0); // both classes equally likely
    /// assert_relative_eq!(net.loss(&dmatrix![1.0; 2.0], &[0, 1])?, 2.0f64.ln(), epsilon = 1e-12);
    /// assert!(matches!(net.loss(&dmatrix![1.0], &[2]), Err(ModelError::InvalidLabel(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn loss(&self, x: &DMatrix<f64>, labels: &[usize]) -> Result<f64, ModelError> {
        self.check_labels(x, labels)?;
        let (_, log_proba) = self.forward(x)?;
        Ok(mean_cross_entropy(&log_proba, labels))
    }

    /// The gradient of the mean cross-entropy with respect to every weight and bias, by
    /// backpropagation (reverse-mode differentiation written out by hand).
    ///
    /// # Formula
    /// ```text
    /// δ₂ = (P − Y) / n                 (n × classes; Y one-hot labels)
    /// ∂L/∂W₂ = δ₂ᵀ H,   ∂L/∂b₂ = δ₂ᵀ 1
    /// δ₁ = (δ₂ W₂) ⊙ (1 − H ⊙ H)        (tanh′(z) = 1 − tanh²(z))
    /// ∂L/∂W₁ = δ₁ᵀ X,   ∂L/∂b₁ = δ₁ᵀ 1
    /// ```
    /// where ⊙ is the element-wise product; softmax followed by cross-entropy has the
    /// famously simple gradient P − Y with respect to the scores.
    ///
    /// # Errors
    /// As [`FittedTwoLayerNetwork::loss`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let net = TwoLayerNetwork::default().initial_network(2, 2)?;
    /// let g = net.gradients(&dmatrix![1.0, 0.0; 0.0, 1.0], &[0, 1])?;
    /// assert_eq!(g.hidden_weights.shape(), net.hidden_weights.shape());
    /// // The output-bias gradients of a softmax sum to zero.
    /// assert!(g.output_biases.sum().abs() < 1e-15);
    /// assert!(matches!(net.gradients(&dmatrix![1.0, 0.0], &[0, 1]), Err(ModelError::ShapeMismatch(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn gradients(
        &self,
        x: &DMatrix<f64>,
        labels: &[usize],
    ) -> Result<NetworkGradients, ModelError> {
        self.check_labels(x, labels)?;
        Ok(self.loss_and_gradients(x, labels)?.1)
    }

    /// Loss and backpropagated gradients in one forward and one backward pass.
    fn loss_and_gradients(
        &self,
        x: &DMatrix<f64>,
        labels: &[usize],
    ) -> Result<(f64, NetworkGradients), ModelError> {
        let n = x.nrows() as f64;
        let (hidden, log_proba) = self.forward(x)?;
        let loss = mean_cross_entropy(&log_proba, labels);

        // Output layer: δ₂ = (P − Y) / n.
        let mut output_delta = log_proba.map(f64::exp);
        for (i, &label) in labels.iter().enumerate() {
            output_delta[(i, label)] -= 1.0;
        }
        output_delta /= n;
        let output_weights = output_delta.transpose() * &hidden;
        let output_biases = column_sums(&output_delta);

        // Hidden layer: δ₁ = (δ₂ W₂) ⊙ (1 − H²).
        let mut hidden_delta = &output_delta * &self.output_weights;
        hidden_delta.zip_apply(&hidden, |delta, h| *delta *= 1.0 - h * h);
        let hidden_weights = hidden_delta.transpose() * x;
        let hidden_biases = column_sums(&hidden_delta);

        Ok((
            loss,
            NetworkGradients {
                hidden_weights,
                hidden_biases,
                output_weights,
                output_biases,
            },
        ))
    }

    /// Compares the backpropagated gradient with central differences of the loss and
    /// returns the largest discrepancy relative to the size of the gradient.
    ///
    /// A correct backward pass gives an error near 10⁻¹⁰ (the finite-difference error);
    /// a wrong one (a missing tanh′ factor, a transposed weight) gives errors of order 1.
    ///
    /// # Formula
    /// ```text
    /// ĝₖ = (L(θ + h eₖ) − L(θ − h eₖ)) / 2h,   h = 10⁻⁵
    /// error = ‖g − ĝ‖∞ / max(‖g‖∞, ‖ĝ‖∞)       (0 when both are 0)
    /// ```
    /// where θ lists every weight and bias and g is [`FittedTwoLayerNetwork::gradients`].
    /// The central differences come from `mathlings_calculus::numerical_gradient`.
    ///
    /// # Errors
    /// As [`FittedTwoLayerNetwork::loss`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    /// use nalgebra::dmatrix;
    ///
    /// let net = TwoLayerNetwork { hidden: 5, ..TwoLayerNetwork::default() }.initial_network(2, 3)?;
    /// let x = dmatrix![0.5, -1.0; 1.5, 0.3; -0.7, 0.8];
    /// assert!(net.gradient_check(&x, &[0, 2, 1])? < 1e-6);
    /// assert!(matches!(net.gradient_check(&x, &[0, 3, 1]), Err(ModelError::InvalidLabel(_))));
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn gradient_check(&self, x: &DMatrix<f64>, labels: &[usize]) -> Result<f64, ModelError> {
        self.check_labels(x, labels)?;
        let backprop = self.loss_and_gradients(x, labels)?.1;
        let analytic: Vec<f64> = [
            backprop.hidden_weights.as_slice(),
            backprop.hidden_biases.as_slice(),
            backprop.output_weights.as_slice(),
            backprop.output_biases.as_slice(),
        ]
        .concat();

        let loss_at = |theta: &[f64]| {
            let network = self.with_parameters(theta);
            network
                .forward(x)
                .map(|(_, log_proba)| mean_cross_entropy(&log_proba, labels))
                .unwrap_or(f64::NAN)
        };
        let numeric = numerical_gradient(loss_at, &self.parameters(), GRADIENT_CHECK_STEP)?;

        let largest_difference = analytic
            .iter()
            .zip(&numeric)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let scale = analytic
            .iter()
            .chain(&numeric)
            .map(|g| g.abs())
            .fold(0.0, f64::max);
        Ok(if scale == 0.0 {
            0.0
        } else {
            largest_difference / scale
        })
    }

    /// Every weight and bias in one vector: W₁, b₁, W₂, b₂ (matrices column by column).
    ///
    /// # Formula
    /// ```text
    /// θ = (vec W₁, b₁, vec W₂, b₂)
    /// ```
    /// where vec stacks a matrix's columns.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_models::{ModelError, TwoLayerNetwork};
    ///
    /// let net = TwoLayerNetwork { hidden: 4, ..TwoLayerNetwork::default() }.initial_network(2, 3)?;
    /// assert_eq!(net.parameters().len(), 4 * 2 + 4 + 3 * 4 + 3);
    /// # Ok::<(), ModelError>(())
    /// ```
    pub fn parameters(&self) -> Vec<f64> {
        [
            self.hidden_weights.as_slice(),
            self.hidden_biases.as_slice(),
            self.output_weights.as_slice(),
            self.output_biases.as_slice(),
        ]
        .concat()
    }

    /// A copy of this network with its weights and biases replaced by `theta`
    /// (in the order of [`FittedTwoLayerNetwork::parameters`]).
    fn with_parameters(&self, theta: &[f64]) -> FittedTwoLayerNetwork {
        let mut network = self.clone();
        let mut offset = 0;
        for block in [
            network.hidden_weights.as_mut_slice(),
            network.hidden_biases.as_mut_slice(),
            network.output_weights.as_mut_slice(),
            network.output_biases.as_mut_slice(),
        ] {
            block.copy_from_slice(&theta[offset..offset + block.len()]);
            offset += block.len();
        }
        network
    }
}

/// −(1/n) Σᵢ ln P[i, yᵢ].
fn mean_cross_entropy(log_proba: &DMatrix<f64>, labels: &[usize]) -> f64 {
    let total: f64 = labels
        .iter()
        .enumerate()
        .map(|(i, &label)| log_proba[(i, label)])
        .sum();
    -total / labels.len() as f64
}

/// δᵀ1: the sum of each column of δ, as a vector.
fn column_sums(delta: &DMatrix<f64>) -> DVector<f64> {
    DVector::from_fn(delta.ncols(), |c, _| delta.column(c).sum())
}
