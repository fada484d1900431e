//! # 3.2 Vector & matrix calculus — reverse-mode autodiff on a tape
//!
//! Forward mode (dual numbers) gives the derivative of every output with respect to ONE
//! input per pass. Reverse mode gives the derivative of ONE output with respect to EVERY
//! input in a single backward pass — exactly what training needs (one loss, millions of
//! parameters), and what backpropagation is. While you compute, record each operation on a
//! *tape* (a Wengert list): its value and, for each of its inputs, the local partial
//! derivative. Then walk the tape backwards from the output, carrying the *adjoint*
//! v̄ = ∂output/∂v of each node and passing adjoint × local derivative to its inputs.
//!
//! ```text
//! recording     c = a + b     ∂c/∂a = 1       ∂c/∂b = 1
//!               c = a − b     ∂c/∂a = 1       ∂c/∂b = −1
//!               c = a · b     ∂c/∂a = b       ∂c/∂b = a
//!               c = sin a     ∂c/∂a = cos a
//!               c = exp a     ∂c/∂a = exp a
//!
//! backward      v̄[output] = 1, every other v̄ = 0
//!               for k = output, output − 1, …, 0:
//!                   for each input i of node k:   v̄[i] += v̄[k] · ∂vₖ/∂vᵢ
//! ```
//!
//! Two things matter. ADD (+=), never overwrite: in x·x the node x is an input twice and
//! must receive both contributions, x̄ = x + x = 2x. Go BACKWARDS: nodes are recorded after
//! their inputs, so by the time you reach node k every node that uses it has already
//! passed its share, and v̄[k] is complete.
//!
//! Bad input: there is no error type; as with f64, values outside the domain (exp(1000) is
//! +∞, ∞ − ∞ is NaN) propagate and nothing panics.

/// A handle to a value recorded on a [`Tape`]: the index of its node (and of its entry in
/// the vector returned by [`Tape::gradient`]: `gradient[v.0]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var(pub usize);

/// One recorded operation: its value and, for each input, (index of the input node, local
/// partial derivative ∂(this node)/∂(input)). Variables and constants have no inputs.
/// (A suggestion: you may change this private type.)
#[derive(Clone, Debug)]
struct Node {
    value: f64,
    inputs: Vec<(usize, f64)>,
}

/// A tape (Wengert list) for reverse-mode automatic differentiation.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    nodes: Vec<Node>,
}

impl Tape {
    /// An empty tape.
    ///
    /// # Errors
    /// None.
    pub fn new() -> Tape {
        // TODO: no nodes yet.
        todo!()
    }

    /// Records an input variable with the given value (a node without inputs).
    ///
    /// # Errors
    /// None.
    pub fn var(&mut self, value: f64) -> Var {
        // TODO: push a node with this value and no inputs; return its index.
        todo!()
    }

    /// Records a constant (also a node without inputs; its adjoint is simply unused).
    ///
    /// # Errors
    /// None.
    pub fn constant(&mut self, value: f64) -> Var {
        // TODO: like var.
        todo!()
    }

    /// The value recorded for v.
    ///
    /// # Errors
    /// None.
    pub fn value(&self, v: Var) -> f64 {
        // TODO: the value of node v.0.
        todo!()
    }

    /// Records a + b (local derivatives 1 and 1).
    ///
    /// # Errors
    /// None.
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        // TODO: value a + b, inputs [(a, 1), (b, 1)].
        todo!()
    }

    /// Records a − b (local derivatives 1 and −1).
    ///
    /// # Errors
    /// None.
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        // TODO: value a − b, inputs [(a, 1), (b, −1)].
        todo!()
    }

    /// Records a · b (local derivatives b and a).
    ///
    /// # Errors
    /// None.
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        // TODO: value a·b, inputs [(a, value of b), (b, value of a)].
        todo!()
    }

    /// Records sin a (local derivative cos a).
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn sin(&mut self, a: Var) -> Var {
        // TODO: value sin a, inputs [(a, cos a)].
        todo!()
    }

    /// Records exp a (local derivative exp a).
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    pub fn exp(&mut self, a: Var) -> Var {
        // TODO: value exp a, inputs [(a, exp a)].
        todo!()
    }

    /// ∂output/∂(node i) for EVERY node i of the tape, by one backward pass that
    /// accumulates: entry v.0 of the result is ∂output/∂v. Nodes recorded after `output`
    /// cannot influence it and get 0.
    ///
    /// # Errors
    /// None.
    pub fn gradient(&self, output: Var) -> Vec<f64> {
        // TODO: adjoints = zeros, adjoints[output] = 1; for k from output down to 0, add
        // adjoints[k] · local derivative to the adjoint of each input of node k.
        todo!()
    }
}
