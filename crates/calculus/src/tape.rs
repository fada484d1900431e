//! Reverse-mode automatic differentiation on a tape (a Wengert list).

/// A handle to one value recorded on a [`Tape`]: the index of its node.
///
/// Handles are only meaningful on the tape that made them.
///
/// # Formula
/// ```text
/// v = node number index() of the Wengert list
/// ```
/// where nodes are numbered in the order they were recorded.
///
/// # Errors
/// None.
///
/// # Examples
/// ```
/// use mathlings_calculus::Tape;
/// let mut tape = Tape::new();
/// let x = tape.var(2.0);
/// let y = tape.exp(x);
/// assert_eq!(y.index(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var {
    index: usize,
}

impl Var {
    /// The position of this node on its tape, which is also its position in the vector
    /// returned by [`Tape::gradient`].
    ///
    /// # Formula
    /// ```text
    /// gradient[v.index()] = ∂output/∂v
    /// ```
    /// where v is this variable.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(1.0);
    /// let y = tape.var(2.0);
    /// assert_eq!((x.index(), y.index()), (0, 1));
    /// ```
    pub fn index(self) -> usize {
        self.index
    }
}

/// One recorded operation: its value and, for each input, the input's index and the local
/// partial derivative ∂(this node)/∂(input). Leaves (variables, constants) have no inputs.
#[derive(Clone, Debug)]
struct Node {
    value: f64,
    inputs: Vec<(usize, f64)>,
}

/// A tape for reverse-mode automatic differentiation.
///
/// Each operation appends a node holding its value and the local derivatives with respect to
/// its inputs. [`Tape::gradient`] then walks the tape backwards once, applying the chain rule:
/// every node passes its adjoint (∂output/∂node) times each local derivative to its inputs,
/// *adding* to what they already hold. The adding matters: in x·x the node x is used twice and
/// must receive both contributions (2x), not just the last one. One backward pass gives the
/// derivative of one output with respect to every node, which is why backpropagation uses
/// reverse mode for a loss with many parameters.
///
/// Values follow f64 (ln of a negative number is NaN, and NaN propagates); nothing panics
/// except when a [`Var`] from another, longer tape is used (a caller bug).
///
/// # Formula
/// ```text
/// v̄ₙ = 1 for the output n;   v̄ᵢ = Σ over nodes k using vᵢ of v̄ₖ · ∂vₖ/∂vᵢ
/// ```
/// where v̄ᵢ = ∂output/∂vᵢ is the adjoint of node i.
///
/// # Errors
/// None: recording is arithmetic.
///
/// # Panics
/// The methods taking a [`Var`] panic if it indexes past the end of this tape, which only
/// happens when a handle from another tape is used.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::Tape;
///
/// // f(x, y) = x·x + sin(x·y) at (3, 0.5).
/// let mut tape = Tape::new();
/// let x = tape.var(3.0);
/// let y = tape.var(0.5);
/// let xx = tape.mul(x, x);
/// let xy = tape.mul(x, y);
/// let s = tape.sin(xy);
/// let f = tape.add(xx, s);
/// let grad = tape.gradient(f);
/// assert_relative_eq!(grad[x.index()], 2.0 * 3.0 + 0.5 * 1.5f64.cos());
/// assert_relative_eq!(grad[y.index()], 3.0 * 1.5f64.cos());
///
/// // Outside the domain values become NaN, never a panic.
/// let minus_one = tape.constant(-1.0);
/// let bad = tape.ln(minus_one);
/// assert!(tape.value(bad).is_nan());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tape {
    nodes: Vec<Node>,
}

impl Tape {
    /// An empty tape.
    ///
    /// # Formula
    /// ```text
    /// (no nodes)
    /// ```
    /// where nothing has been recorded yet.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// assert!(Tape::new().is_empty());
    /// ```
    pub fn new() -> Tape {
        Tape { nodes: Vec::new() }
    }

    /// The number of recorded nodes (the length of [`Tape::gradient`]'s result).
    ///
    /// # Formula
    /// ```text
    /// len = number of variables + constants + operations recorded
    /// ```
    /// where each call that returns a [`Var`] records one node.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(1.0);
    /// tape.exp(x);
    /// assert_eq!(tape.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether nothing has been recorded.
    ///
    /// # Formula
    /// ```text
    /// is_empty ⇔ len = 0
    /// ```
    /// where len is [`Tape::len`].
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// assert!(tape.is_empty());
    /// tape.var(1.0);
    /// assert!(!tape.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Records a node and returns its handle.
    fn push(&mut self, value: f64, inputs: Vec<(usize, f64)>) -> Var {
        self.nodes.push(Node { value, inputs });
        Var {
            index: self.nodes.len() - 1,
        }
    }

    /// Records an input variable: a leaf we want the derivative with respect to.
    ///
    /// # Formula
    /// ```text
    /// x = value
    /// ```
    /// where value is the point of evaluation.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.5);
    /// assert_eq!(tape.value(x), 2.5);
    /// assert_eq!(tape.gradient(x)[x.index()], 1.0);
    /// ```
    pub fn var(&mut self, value: f64) -> Var {
        self.push(value, Vec::new())
    }

    /// Records a constant. On the tape it is a leaf like [`Tape::var`]; the name says that its
    /// entry of the gradient is not of interest.
    ///
    /// # Formula
    /// ```text
    /// c = v
    /// ```
    /// where v is the constant.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let three = tape.constant(3.0);
    /// let y = tape.mul(three, x);
    /// assert_eq!(tape.gradient(y)[x.index()], 3.0);
    /// ```
    pub fn constant(&mut self, v: f64) -> Var {
        self.push(v, Vec::new())
    }

    /// The value recorded at a node.
    ///
    /// # Formula
    /// ```text
    /// value(v) = the number computed when v was recorded
    /// ```
    /// where v is a handle from this tape.
    ///
    /// # Errors
    /// None.
    ///
    /// # Panics
    /// If `v` comes from another tape and indexes past the end of this one.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let y = tape.powi(x, 3);
    /// assert_eq!(tape.value(y), 8.0);
    /// ```
    pub fn value(&self, v: Var) -> f64 {
        self.nodes[v.index].value
    }

    /// Records a + b (both local derivatives are 1).
    ///
    /// # Formula
    /// ```text
    /// ∂(a + b)/∂a = 1,   ∂(a + b)/∂b = 1
    /// ```
    /// where a and b are recorded values.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let y = tape.add(x, x); // x used twice: gradients accumulate
    /// assert_eq!(tape.gradient(y)[x.index()], 2.0);
    /// ```
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        let value = self.value(a) + self.value(b);
        self.push(value, vec![(a.index, 1.0), (b.index, 1.0)])
    }

    /// Records a − b.
    ///
    /// # Formula
    /// ```text
    /// ∂(a − b)/∂a = 1,   ∂(a − b)/∂b = −1
    /// ```
    /// where a and b are recorded values.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let y = tape.var(5.0);
    /// let d = tape.sub(x, y);
    /// let g = tape.gradient(d);
    /// assert_eq!((tape.value(d), g[x.index()], g[y.index()]), (-3.0, 1.0, -1.0));
    /// ```
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        let value = self.value(a) - self.value(b);
        self.push(value, vec![(a.index, 1.0), (b.index, -1.0)])
    }

    /// Records a · b.
    ///
    /// # Formula
    /// ```text
    /// ∂(a·b)/∂a = b,   ∂(a·b)/∂b = a
    /// ```
    /// where a and b are recorded values.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(3.0);
    /// let y = tape.mul(x, x); // x² : the two uses of x add up to 2x
    /// assert_eq!(tape.gradient(y)[x.index()], 6.0);
    /// ```
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        let (va, vb) = (self.value(a), self.value(b));
        self.push(va * vb, vec![(a.index, vb), (b.index, va)])
    }

    /// Records a / b.
    ///
    /// # Formula
    /// ```text
    /// ∂(a/b)/∂a = 1/b,   ∂(a/b)/∂b = −a/b²
    /// ```
    /// where a and b are recorded values (b = 0 gives ±∞ or NaN, as in f64).
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(1.0);
    /// let y = tape.var(2.0);
    /// let q = tape.div(x, y);
    /// let g = tape.gradient(q);
    /// assert_eq!((g[x.index()], g[y.index()]), (0.5, -0.25));
    /// ```
    pub fn div(&mut self, a: Var, b: Var) -> Var {
        let (va, vb) = (self.value(a), self.value(b));
        self.push(
            va / vb,
            vec![(a.index, 1.0 / vb), (b.index, -va / (vb * vb))],
        )
    }

    /// Records −a.
    ///
    /// # Formula
    /// ```text
    /// ∂(−a)/∂a = −1
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(1.0);
    /// let y = tape.neg(x);
    /// assert_eq!(tape.gradient(y)[x.index()], -1.0);
    /// ```
    pub fn neg(&mut self, a: Var) -> Var {
        let value = -self.value(a);
        self.push(value, vec![(a.index, -1.0)])
    }

    /// Records sin a.
    ///
    /// # Formula
    /// ```text
    /// ∂ sin a / ∂a = cos a
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(0.0);
    /// let y = tape.sin(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 1.0);
    /// ```
    pub fn sin(&mut self, a: Var) -> Var {
        let va = self.value(a);
        self.push(va.sin(), vec![(a.index, va.cos())])
    }

    /// Records cos a.
    ///
    /// # Formula
    /// ```text
    /// ∂ cos a / ∂a = −sin a
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(0.0);
    /// let y = tape.cos(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 0.0);
    /// ```
    pub fn cos(&mut self, a: Var) -> Var {
        let va = self.value(a);
        self.push(va.cos(), vec![(a.index, -va.sin())])
    }

    /// Records eᵃ.
    ///
    /// # Formula
    /// ```text
    /// ∂ eᵃ / ∂a = eᵃ
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(0.0);
    /// let y = tape.exp(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 1.0);
    /// ```
    pub fn exp(&mut self, a: Var) -> Var {
        let e = self.value(a).exp();
        self.push(e, vec![(a.index, e)])
    }

    /// Records ln a.
    ///
    /// # Formula
    /// ```text
    /// ∂ ln a / ∂a = 1/a
    /// ```
    /// where a > 0 is a recorded value (a ≤ 0 gives NaN or −∞ as in f64).
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(4.0);
    /// let y = tape.ln(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 0.25);
    /// ```
    pub fn ln(&mut self, a: Var) -> Var {
        let va = self.value(a);
        self.push(va.ln(), vec![(a.index, 1.0 / va)])
    }

    /// Records aⁿ for an integer n.
    ///
    /// # Formula
    /// ```text
    /// ∂ aⁿ / ∂a = n·aⁿ⁻¹   (and 0 for n = 0)
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let y = tape.powi(x, 3);
    /// assert_eq!(tape.gradient(y)[x.index()], 12.0);
    /// ```
    pub fn powi(&mut self, a: Var, n: i32) -> Var {
        let va = self.value(a);
        let local = if n == 0 {
            0.0
        } else {
            f64::from(n) * va.powi(n - 1)
        };
        self.push(va.powi(n), vec![(a.index, local)])
    }

    /// Records √a.
    ///
    /// # Formula
    /// ```text
    /// ∂ √a / ∂a = 1 / (2√a)
    /// ```
    /// where a ≥ 0 is a recorded value (a < 0 gives NaN as in f64).
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(4.0);
    /// let y = tape.sqrt(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 0.25);
    /// ```
    pub fn sqrt(&mut self, a: Var) -> Var {
        let r = self.value(a).sqrt();
        self.push(r, vec![(a.index, 1.0 / (2.0 * r))])
    }

    /// Records tanh a.
    ///
    /// # Formula
    /// ```text
    /// ∂ tanh a / ∂a = 1 − tanh² a
    /// ```
    /// where a is a recorded value.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Tape;
    /// let mut tape = Tape::new();
    /// let x = tape.var(0.0);
    /// let y = tape.tanh(x);
    /// assert_eq!(tape.gradient(y)[x.index()], 1.0);
    /// ```
    pub fn tanh(&mut self, a: Var) -> Var {
        let t = self.value(a).tanh();
        self.push(t, vec![(a.index, 1.0 - t * t)])
    }

    /// The derivative of `output` with respect to every node of the tape, by one backward
    /// pass that ACCUMULATES contributions (a node used twice receives both).
    ///
    /// Entry i of the result is ∂output/∂(node i), read with `gradient[v.index()]`. Nodes
    /// recorded after `output` cannot influence it and get 0.
    ///
    /// # Formula
    /// ```text
    /// ādj[output] = 1
    /// for k = output, output − 1, …, 0:   for each input i of node k:   ādj[i] += ādj[k] · ∂vₖ/∂vᵢ
    /// ```
    /// where ādj\[i\] = ∂output/∂vᵢ is the adjoint of node i.
    ///
    /// # Errors
    /// None.
    ///
    /// # Panics
    /// If `output` comes from another tape and indexes past the end of this one.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Tape;
    ///
    /// // f(x) = x·x·x: three uses of x, df/dx = 3x².
    /// let mut tape = Tape::new();
    /// let x = tape.var(2.0);
    /// let xx = tape.mul(x, x);
    /// let xxx = tape.mul(xx, x);
    /// assert_relative_eq!(tape.gradient(xxx)[x.index()], 12.0);
    /// ```
    pub fn gradient(&self, output: Var) -> Vec<f64> {
        let mut adjoint = vec![0.0; self.nodes.len()];
        adjoint[output.index] = 1.0;
        for k in (0..=output.index).rev() {
            let node_adjoint = adjoint[k];
            for &(input, local) in &self.nodes[k].inputs {
                adjoint[input] += node_adjoint * local;
            }
        }
        adjoint
    }
}
