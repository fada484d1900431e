//! # 3.2 Vector & matrix calculus — reverse-mode autodiff on a tape
//!
//! Each operation records its value and the local derivatives with respect to its inputs;
//! [`Tape::gradient`] walks the tape backwards once, adding adjoint × local derivative to
//! each input's adjoint.
//!
//! ```text
//! v̄[output] = 1;   for k = output, …, 0:   for each input i of node k:   v̄[i] += v̄[k] · ∂vₖ/∂vᵢ
//! ```

/// A handle to a value recorded on a [`Tape`]: the index of its node (and of its entry in
/// the vector returned by [`Tape::gradient`]: `gradient[v.0]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var(pub usize);

/// One recorded operation: its value and, for each input, (index of the input node, local
/// partial derivative ∂(this node)/∂(input)). Variables and constants have no inputs.
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
        Tape { nodes: Vec::new() }
    }

    /// Appends a node and returns its handle.
    fn push(&mut self, value: f64, inputs: Vec<(usize, f64)>) -> Var {
        self.nodes.push(Node { value, inputs });
        Var(self.nodes.len() - 1)
    }

    /// Records an input variable with the given value (a node without inputs).
    ///
    /// # Errors
    /// None.
    pub fn var(&mut self, value: f64) -> Var {
        self.push(value, Vec::new())
    }

    /// Records a constant (also a node without inputs; its adjoint is simply unused).
    ///
    /// # Errors
    /// None.
    pub fn constant(&mut self, value: f64) -> Var {
        self.push(value, Vec::new())
    }

    /// The value recorded for v.
    ///
    /// # Errors
    /// None.
    pub fn value(&self, v: Var) -> f64 {
        self.nodes[v.0].value
    }

    /// Records a + b (local derivatives 1 and 1).
    ///
    /// # Errors
    /// None.
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        let value = self.value(a) + self.value(b);
        self.push(value, vec![(a.0, 1.0), (b.0, 1.0)])
    }

    /// Records a − b (local derivatives 1 and −1).
    ///
    /// # Errors
    /// None.
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        let value = self.value(a) - self.value(b);
        self.push(value, vec![(a.0, 1.0), (b.0, -1.0)])
    }

    /// Records a · b (local derivatives b and a).
    ///
    /// # Errors
    /// None.
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        let (va, vb) = (self.value(a), self.value(b));
        self.push(va * vb, vec![(a.0, vb), (b.0, va)])
    }

    /// Records sin a (local derivative cos a).
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn sin(&mut self, a: Var) -> Var {
        let va = self.value(a);
        self.push(va.sin(), vec![(a.0, va.cos())])
    }

    /// Records exp a (local derivative exp a).
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    pub fn exp(&mut self, a: Var) -> Var {
        let e = self.value(a).exp();
        self.push(e, vec![(a.0, e)])
    }

    /// ∂output/∂(node i) for EVERY node i of the tape, by one backward pass that
    /// accumulates: entry v.0 of the result is ∂output/∂v. Nodes recorded after `output`
    /// cannot influence it and get 0.
    ///
    /// # Errors
    /// None.
    pub fn gradient(&self, output: Var) -> Vec<f64> {
        let mut adjoints = vec![0.0; self.nodes.len()];
        adjoints[output.0] = 1.0;
        // Backwards: every node using node k was recorded after it, so adjoints[k] is
        // complete when we reach k.
        for k in (0..=output.0).rev() {
            let adjoint = adjoints[k];
            for &(input, local) in &self.nodes[k].inputs {
                // ADD: a node used several times receives every contribution.
                adjoints[input] += adjoint * local;
            }
        }
        adjoints
    }
}
