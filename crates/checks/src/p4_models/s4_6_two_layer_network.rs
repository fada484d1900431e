//! Checks for 4.6 — a two-layer network: forward pass, backpropagation (with a gradient
//! check) and training on XOR and two moons.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::{FittedTwoLayerNetwork, ModelError};

use crate::prelude::*;
use crate::show::Literal;
use nalgebra::{dmatrix, dvector};

pub use mathlings_bindings::p4_models::s4_6_two_layer_network::{Impl, Params};

/// Probabilities and gradients of tiny networks (entries ≤ 3): both sides do the same few
/// operations, agreeing to ~1e-15; 1e-10 leaves ample slack.
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-10 };
/// Central differences with h = 1e-5: truncation O(h²) ≈ 1e-10 and rounding ε·L/h ≈ 1e-11,
/// so backpropagation and finite differences agree to ≲ 1e-9; 1e-6 rejects any wrong term.
const FD_STEP: f64 = 1e-5;
/// Tolerance of the gradient check, relative to 1 + max|∂L/∂θ|.
const FD_TOL: f64 = 1e-6;
/// Trained parameters after 50 epochs: the same arithmetic as the reference up to
/// summation order, amplified mildly by 50 steps.
const TRAINED: f64 = 1e-8;
/// Two moons (100 points, noise 0.1) are separable by a smooth curve: a network of 8 tanh
/// units reaches ≥ 95% training accuracy (the reference reaches 100%).
const MOONS_ACCURACY: f64 = 0.95;

fn reference_network(p: &Params) -> FittedTwoLayerNetwork {
    FittedTwoLayerNetwork {
        hidden_weights: p.0.clone(),
        hidden_biases: p.1.clone(),
        output_weights: p.2.clone(),
        output_biases: p.3.clone(),
        loss_history: Vec::new(),
    }
}

/// A fixed 1-input, 2-hidden, 2-class network with output bias `b2`, and three inputs
/// x = 1, 2, 3 (one per row).
fn small_network(b2: [f64; 2]) -> (Params, DMatrix<f64>) {
    let p: Params = (
        dmatrix![0.5; -0.5],
        dvector![0.0, 0.1],
        dmatrix![1.0, -1.0; 0.5, 0.5],
        DVector::from_vec(b2.to_vec()),
    );
    (p, dmatrix![1.0; 2.0; 3.0])
}

/// The parameters (or gradients) of a reference network, as `Params`.
macro_rules! params {
    ($n:expr) => {{
        let n = $n;
        (n.hidden_weights, n.hidden_biases, n.output_weights, n.output_biases)
    }};
}

fn flatten(p: &Params) -> Vec<f64> {
    p.0.iter().chain(p.1.iter()).chain(p.2.iter()).chain(p.3.iter()).copied().collect()
}

/// `theta` (as from `flatten`) in the shapes of `shape`.
fn unflatten(shape: &Params, theta: &[f64]) -> Params {
    let (mut p, mut rest) = (shape.clone(), theta);
    for block in [p.0.as_mut_slice(), p.1.as_mut_slice(), p.2.as_mut_slice(), p.3.as_mut_slice()] {
        let (head, tail) = rest.split_at(block.len());
        block.copy_from_slice(head);
        rest = tail;
    }
    p
}

fn call(name: &str, p: &Params, x: &DMatrix<f64>, labels: Option<&[usize]>) -> String {
    let labels = labels.map_or(String::new(), |l| format!(", {}", show::slice(l)));
    format!("{name}(&{}, &{}{labels})", p.literal(), show::matrix(x))
}

/// `loss_and_gradients(p, x, labels)` as Rust.
fn call_gradients((p, x, labels): &(Params, DMatrix<f64>, Vec<usize>)) -> String {
    call("loss_and_gradients", p, x, Some(labels))
}

/// A random network (inputs ≤ 3, hidden ≤ 4, classes 2..=3, weights in [−2, 2]) with a
/// batch of n ≤ 6 rows in [−3, 3] and labels.
fn problem() -> impl Strategy<Value = (Params, DMatrix<f64>, Vec<usize>)> + Clone {
    (1usize..=3, 1usize..=4, 2usize..=3, 1usize..=6).prop_flat_map(|(d, h, c, n)| {
        let w = move |r: usize, k: usize| {
            proptest::collection::vec(-2.0..2.0f64, r * k)
                .prop_map(move |v| DMatrix::from_row_slice(r, k, &v))
        };
        let v = |r: usize| proptest::collection::vec(-2.0..2.0f64, r).prop_map(DVector::from_vec);
        (
            (w(h, d), v(h), w(c, h), v(c)),
            proptest::collection::vec(-3.0..3.0f64, n * d)
                .prop_map(move |x| DMatrix::from_row_slice(n, d, &x)),
            proptest::collection::vec(0..c, n),
        )
    })
}

/// Trained on `(x, labels)` with `(hidden, η, epochs, seed)` (`call`, run once), the training
/// accuracy is ≥ `least`.
fn learns(
    imp: &Impl,
    ctx: &Ctx,
    call: &str,
    (x, labels): &(DMatrix<f64>, Vec<usize>),
    (hidden, eta, epochs, seed): (usize, f64, usize, u64),
    least: f64,
    expected: &str,
) -> Verdict {
    ctx.once(call, || {
        let p = (imp.train)(x, labels, hidden, eta, epochs, seed);
        let p = expect::ok(p, "trained parameters")?;
        let predicted = reference_network(&p).predict(x).expect("reference prediction");
        let right = predicted.iter().zip(labels).filter(|(a, b)| a == b).count();
        let acc = right as f64 / labels.len() as f64;
        expect::that(acc >= least, format!("accuracy {}", show::rounded(acc, 3)), expected)
    })
}

fn show_gradients(got: &Result<(f64, Params), ModelError>) -> String {
    show::ok_or_debug(got, |(loss, g)| {
        let (loss, g) = (show::rounded(*loss, 6), show::rounded_all(&flatten(g), 6));
        format!("loss {loss}, gradients [{g}]")
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_6_two_layer_network",
        properties: vec![
            Property::named("forward_matches_reference", 2)
                .description("the class probabilities softmax(tanh(XW₁ᵀ + b₁)W₂ᵀ + b₂) equal the reference network's")
                .check(|imp, ctx| {
                    ctx.forall(problem(), |(p, x, _)| call("forward", p, x, None), |(p, x, _)| {
                        let want = reference_network(p).predict_proba(x).expect("reference forward");
                        let got = (imp.forward)(p, x).and_then(|m| match m.shape() == want.shape() {
                            true => Ok(m.as_slice().to_vec()),
                            false => {
                                Err(ModelError::ShapeMismatch(format!("returned shape {:?}", m.shape())))
                            }
                        });
                        expect::all_close(&got, want.as_slice(), AGREE)
                    })
                }),
            Property::named("gradients_match_reference", 3)
                .description("the loss and the backpropagated gradients (W₁, b₁, W₂, b₂) equal the reference network's")
                .check(|imp, ctx| {
                    ctx.forall(problem(), call_gradients, |(p, x, l)| {
                        let net = reference_network(p);
                        let g = net.gradients(x, l).expect("reference gradients");
                        let loss = net.loss(x, l).expect("reference loss");
                        let want = [vec![loss], flatten(&params!(g))].concat();
                        let got = (imp.loss_and_gradients)(p, x, l);
                        let got = got.map(|(loss, g)| [vec![loss], flatten(&g)].concat());
                        expect::all_close(&got, &want, AGREE)
                    })
                }),
            Property::named("gradient_check", 2)
                .description("each gradient entry agrees with the central difference (L(θ + h) − L(θ − h)) / 2h of your own loss, h = 1e-5")
                .check(|imp, ctx| {
                    ctx.forall(problem(), call_gradients, |(p, x, l)| {
                        let got = (imp.loss_and_gradients)(p, x, l);
                        let Ok((_, g)) = &got else {
                            return expect::fail(show_gradients(&got), "Ok((loss, gradients))");
                        };
                        let (analytic, theta) = (flatten(g), flatten(p));
                        if analytic.len() != theta.len() {
                            return expect::fail(
                                format!("{} gradient entries", analytic.len()),
                                format!("{} (one per parameter)", theta.len()),
                            );
                        }
                        // θ + h·eₖ then θ − h·eₖ for every k, the losses there in few round trips.
                        let perturbed: Vec<Params> = (0..theta.len())
                            .flat_map(|k| {
                                [FD_STEP, -FD_STEP].map(|h| {
                                    let mut t = theta.clone();
                                    t[k] += h;
                                    unflatten(p, &t)
                                })
                            })
                            .collect();
                        let mut loss = each!(imp.loss_and_gradients, (q, x, l) for q in &perturbed)
                            .map(|r| r.map(|(loss, _)| loss));
                        let mut next = || loss.next().expect("two losses per parameter");
                        let numeric: Result<Vec<f64>, ModelError> = (0..theta.len())
                            .map(|_| Ok((next()? - next()?) / (2.0 * FD_STEP)))
                            .collect();
                        let Ok(numeric) = numeric else {
                            return expect::fail("an error from a perturbed loss", "a loss at θ ± h");
                        };
                        expect::all_close_scaled(&Ok::<Vec<f64>, ()>(analytic), &numeric, FD_TOL)
                    })
                }),
            Property::named("training_matches_reference", 1)
                .description("train(xor, 4 hidden units, η = 0.5, 50 epochs, seed 1) gives the reference's parameters (same seeded start, same steps)")
                .check(|imp, ctx| trains_like_the_reference(imp, ctx, 50)),
            Property::named("learns_xor", 2)
                .description("trained on XOR (4 hidden units, η = 0.5, 2000 epochs, seed 1) the network classifies all four points correctly")
                .check(|imp, ctx| {
                    let data = mathlings_models::datasets::xor();
                    let call = "train(&xor_x, &[0, 1, 1, 0], 4, 0.5, 2000, 1)";
                    learns(imp, ctx, call, &data, (4, 0.5, 2000, 1), 1.0, "accuracy 1 (all four points)")
                }),
            Property::named("learns_two_moons", 1)
                .description("trained on two moons (100 points, noise 0.1; 8 hidden units, η = 1, 1500 epochs, seed 3) the training accuracy is ≥ 95%")
                .check(|imp, ctx| {
                    let data = mathlings_models::datasets::two_moons(100, 0.1, 3).expect("two moons");
                    let call = "train(&moons_x, &moons_labels, 8, 1.0, 1500, 3) with two_moons(100, 0.1, 3)";
                    learns(imp, ctx, call, &data, (8, 1.0, 1500, 3), MOONS_ACCURACY, "accuracy ≥ 0.95")
                }),
            Property::named("stable_softmax", 1)
                .description("scores 1000 apart (b₂ = (0, 1000)) give probabilities (0, 1), not NaN: the softmax subtracts each row's largest score before exponentiating")
                .check(|imp, ctx| {
                    // e^(s − max) ≤ 1 never overflows; shifting by anything smaller (the
                    // minimum, 0) meets e^1000 = ∞ and ∞/∞ = NaN.
                    let (p, x) = small_network([0.0, 1000.0]);
                    ctx.once(&call("forward", &p, &x, None), || {
                        let got = (imp.forward)(&p, &x).map(|m| m.as_slice().to_vec());
                        let want = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0];
                        expect::all_close(&got, &want, Tol::absolute(1e-12))
                    })
                }),
            Property::named("one_epoch_is_never_a_loss_increase", 1)
                .description("train(xor, 4 hidden units, η = 0.5, 1 epoch, seed 1) returns the reference's parameters: with one step the last loss is the first, so it cannot have risen")
                .check(|imp, ctx| trains_like_the_reference(imp, ctx, 1)),
            Property::named("rising_loss_is_no_convergence", 1)
                .description("train(xor, 4 hidden units, η = 10, 3 epochs, seed 1) overshoots: the last loss is above the first, so the result is NoConvergence, not the parameters")
                .check(|imp, ctx| {
                    // η = 10 is far beyond the stable step for this loss: from the seeded start
                    // the reference's loss rises at every η ≥ 5 tried (2 to 50 epochs), with
                    // finite parameters, so only the first-versus-last comparison reports it.
                    let (x, labels) = mathlings_models::datasets::xor();
                    ctx.once("train(&xor_x, &[0, 1, 1, 0], 4, 10.0, 3, 1)", || {
                        expect_err!(
                            &(imp.train)(&x, &labels, 4, 10.0, 3, 1),
                            ModelError::NoConvergence { .. },
                            note "the last loss is higher than the first",
                            shown |r: &Result<Params, ModelError>| show::outcome(&r.clone().map(|p| flatten(&p)))
                        )
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("mismatched shapes, NaN, bad labels or bad hyper-parameters give the typed error, never a panic")
                .check(|imp, ctx| {
                    let (p, x) = small_network([0.0, 0.0]);
                    let mut nan = x.clone();
                    nan[(0, 0)] = f64::NAN;
                    rejects!(ctx, |x| call("forward", &p, x, None) => (imp.forward)(&p, x), shown show::outcome;
                        (&dmatrix![1.0, 2.0]) => ModelError::ShapeMismatch(_),
                        (&nan) => ModelError::NonFinite,
                        (&DMatrix::zeros(0, 1)) => ModelError::Empty,
                    )?;
                    rejects!(ctx,
                        |labels| call("loss_and_gradients", &p, &x, Some(labels))
                            => (imp.loss_and_gradients)(&p, &x, labels), shown show::outcome;
                        (&[0, 1]) => ModelError::ShapeMismatch(_),
                        (&[0, 1, 2]) => ModelError::InvalidLabel(_),
                    )?;
                    rejects!(ctx,
                        |h, eta, epochs, l| format!("train(&{}, {}, {h}, {}, {epochs}, 1)", show::matrix(&x), show::slice(l), show::float(eta))
                            => (imp.train)(&x, l, h, eta, epochs, 1), shown show::outcome;
                        (0, 0.5, 10, &[0, 1, 1]) => ModelError::InvalidParameter { name: "hidden", .. },
                        (2, 0.5, 0, &[0, 1, 1]) => ModelError::InvalidParameter { name: "epochs", .. },
                        (2, -1.0, 10, &[0, 1, 1]) => ModelError::InvalidParameter { name: "learning_rate", .. },
                        (2, 0.0, 10, &[0, 1, 1]) => ModelError::InvalidParameter { name: "learning_rate", .. },
                        (2, 0.5, 10, &[0, 0, 0]) => ModelError::InvalidLabel(_),
                        (2, 0.5, 10, &[0, 1]) => ModelError::ShapeMismatch(_),
                    )?;
                    rejects!(ctx,
                        |x| format!("train(&{}, &[0, 1, 1], 2, 0.5, 10, 1)", show::matrix(x))
                            => (imp.train)(x, &[0, 1, 1], 2, 0.5, 10, 1), shown show::outcome;
                        (&DMatrix::zeros(3, 0)) => ModelError::Empty,
                    )?;
                    // Each layer's shapes checked on their own: W₂ with a column per hidden
                    // unit, b₂ with an entry per row of W₂.
                    let wide_w2 =
                        (p.0.clone(), p.1.clone(), DMatrix::from_element(2, 3, 0.5), p.3.clone());
                    let long_b2 =
                        (p.0.clone(), p.1.clone(), p.2.clone(), DVector::from_element(3, 0.0));
                    rejects!(ctx, |q| call("forward", q, &x, None) => (imp.forward)(q, &x), shown show::outcome;
                        (&wide_w2) => ModelError::ShapeMismatch(_),
                        (&long_b2) => ModelError::ShapeMismatch(_),
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("no_tanh_derivative")
                .explanation("Your hidden-layer gradients miss the derivative of tanh: Δ₁ must be \
                    (Δ₂W₂) ⊙ (1 − H²), not Δ₂W₂. The chain rule multiplies by the derivative of every \
                    function on the way back, and tanh′(z) = 1 − tanh²(z), computed from the stored \
                    activations H. The gradient check shows the mismatch on W₁ and b₁.")
                .implementation(Impl {
                    forward: reference_forward,
                    loss_and_gradients: backprop::<false, true>,
                    train: train_with::<false, true>,
                }),
            Misconception::named("bias_gradient_overwritten")
                .explanation("Your bias gradients come from a single row: in the loop over the batch they are \
                    assigned (=) instead of accumulated (+=), so only the last row survives. A bias is used by \
                    every row, so its gradient is the SUM of Δ over all rows: ∂L/∂b = Σᵢ Δ[i, ·].")
                .implementation(Impl {
                    forward: reference_forward,
                    loss_and_gradients: backprop::<true, false>,
                    train: train_with::<true, false>,
                }),
        ],
        probe: |imp| {
            let p: Params = (
                dmatrix![0.5, -0.3; 0.8, 0.2],
                dvector![0.1, -0.2],
                dmatrix![1.0, -0.7; -0.4, 0.9],
                dvector![0.05, -0.05],
            );
            let x = dmatrix![1.0, 0.0; 0.0, 1.0; 1.0, 1.0];
            vec![show_gradients(&(imp.loss_and_gradients)(&p, &x, &[0, 1, 1]))]
        },
    }
}

/// `train(xor, 4 hidden units, η = 0.5, epochs, seed 1)` against the reference network
/// trained the same way (same seeded start, same steps), parameter by parameter.
fn trains_like_the_reference(imp: &Impl, ctx: &Ctx, epochs: usize) -> Verdict {
    let (x, labels) = mathlings_models::datasets::xor();
    ctx.once(&format!("train(&xor_x, &[0, 1, 1, 0], 4, 0.5, {epochs}, 1)"), || {
        let fit =
            mathlings_models::TwoLayerNetwork { hidden: 4, learning_rate: 0.5, epochs, seed: 1 }
                .fit(&x, &labels)
                .expect("reference training");
        let want = flatten(&params!(fit));
        let got = (imp.train)(&x, &labels, 4, 0.5, epochs, 1).map(|p| flatten(&p));
        expect::all_close(&got, &want, Tol { rel: TRAINED, abs: TRAINED })
    })
}

fn reference_forward(p: &Params, x: &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError> {
    if x.nrows() == 0 {
        return Err(ModelError::Empty);
    }
    if x.ncols() != p.0.ncols()
        || p.1.len() != p.0.nrows()
        || p.2.ncols() != p.0.nrows()
        || p.3.len() != p.2.nrows()
    {
        return Err(ModelError::ShapeMismatch("shapes".into()));
    }
    if flatten(p).iter().chain(x.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    reference_network(p).predict_proba(x)
}

/// Backpropagation with switchable mistakes: whether it multiplies by tanh′ and whether it
/// accumulates the bias gradients.
fn backprop<const TANH_DERIVATIVE: bool, const ACCUMULATE: bool>(
    p: &Params,
    x: &DMatrix<f64>,
    labels: &[usize],
) -> Result<(f64, Params), ModelError> {
    let proba = reference_forward(p, x)?;
    let loss = reference_network(p).loss(x, labels)?;
    let mut hidden = x * p.0.transpose();
    for mut row in hidden.row_iter_mut() {
        row += p.1.transpose();
    }
    hidden.apply(|z| *z = z.tanh());
    let mut d2 = proba;
    for (i, &y) in labels.iter().enumerate() {
        d2[(i, y)] -= 1.0;
    }
    d2 /= x.nrows() as f64;
    let mut d1 = &d2 * &p.2;
    if TANH_DERIVATIVE {
        d1.zip_apply(&hidden, |d, h| *d *= 1.0 - h * h);
    }
    let bias = |d: &DMatrix<f64>| {
        if ACCUMULATE {
            DVector::from_fn(d.ncols(), |j, _| d.column(j).sum())
        } else {
            d.row(d.nrows() - 1).transpose()
        }
    };
    Ok((loss, (d1.transpose() * x, bias(&d1), d2.transpose() * &hidden, bias(&d2))))
}

/// Gradient descent from the reference's seeded start, with `backprop`'s mistakes.
fn train_with<const TANH_DERIVATIVE: bool, const ACCUMULATE: bool>(
    x: &DMatrix<f64>,
    labels: &[usize],
    hidden: usize,
    eta: f64,
    epochs: usize,
    seed: u64,
) -> Result<Params, ModelError> {
    if !(eta.is_finite() && eta > 0.0) {
        return Err(ModelError::InvalidParameter { name: "learning_rate", reason: "must be > 0" });
    }
    if epochs == 0 {
        return Err(ModelError::InvalidParameter { name: "epochs", reason: "must be ≥ 1" });
    }
    if labels.len() != x.nrows() {
        return Err(ModelError::ShapeMismatch("labels".into()));
    }
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    let start = mathlings_models::TwoLayerNetwork { hidden, learning_rate: eta, epochs, seed }
        .initial_network(x.ncols(), classes)?;
    let mut p: Params = params!(start);
    for epoch in 0..epochs {
        let (_, g) = backprop::<TANH_DERIVATIVE, ACCUMULATE>(&p, x, labels)?;
        p.0 -= eta * g.0;
        p.1 -= eta * g.1;
        p.2 -= eta * g.2;
        p.3 -= eta * g.3;
        if flatten(&p).iter().any(|v| !v.is_finite()) {
            return Err(ModelError::NoConvergence { iterations: epoch + 1 });
        }
    }
    Ok(p)
}
