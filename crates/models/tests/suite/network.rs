//! The two-layer network: backprop vs central differences (gradient check), training
//! accuracy on XOR and two moons with fixed seeds, and loss decrease.

use crate::common::*;
use mathlings_models::{TwoLayerNetwork, datasets};
use nalgebra::DMatrix;
use proptest::prelude::*;

fn accuracy(predicted: &[usize], labels: &[usize]) -> f64 {
    predicted.iter().zip(labels).filter(|(p, l)| p == l).count() as f64 / labels.len() as f64
}

#[test]
fn xor_is_learned_perfectly() {
    let (x, labels) = datasets::xor();
    let network = TwoLayerNetwork {
        hidden: 4,
        learning_rate: 0.5,
        epochs: 2000,
        seed: 1,
    };
    let fitted = network.fit(&x, &labels).unwrap();
    assert_eq!(fitted.predict(&x).unwrap(), labels);
}

#[test]
fn two_moons_reach_95_percent_training_accuracy() {
    let (x, labels) = datasets::two_moons(200, 0.1, 7).unwrap();
    let network = TwoLayerNetwork {
        hidden: 16,
        learning_rate: 0.5,
        epochs: 3000,
        seed: 3,
    };
    let fitted = network.fit(&x, &labels).unwrap();
    let acc = accuracy(&fitted.predict(&x).unwrap(), &labels);
    eprintln!("two moons training accuracy {acc}");
    assert!(acc >= 0.95, "accuracy {acc}");
}

#[test]
fn gradient_check_of_a_trained_network() {
    let (x, labels) = datasets::two_moons(40, 0.2, 11).unwrap();
    let network = TwoLayerNetwork {
        hidden: 6,
        learning_rate: 0.5,
        epochs: 200,
        seed: 5,
    };
    let fitted = network.fit(&x, &labels).unwrap();
    let error = fitted.gradient_check(&x, &labels).unwrap();
    eprintln!("gradient check (trained, two moons): {error:.1e}");
    assert!(error < GRADIENT_CHECK_MAX);
}

#[test]
fn gradients_depend_on_the_weights() {
    // Guards against a backward pass that ignores the current weights (a constant
    // gradient would pass a loose check on a flat loss).
    let (x, labels) = datasets::xor();
    let network = TwoLayerNetwork::default().initial_network(2, 2).unwrap();
    let mut moved = network.clone();
    moved.hidden_weights[(0, 0)] += 0.5;
    let a = network.gradients(&x, &labels).unwrap();
    let b = moved.gradients(&x, &labels).unwrap();
    assert!((a.hidden_weights - b.hidden_weights).amax() > 1e-3);
}

proptest! {
    #![proptest_config(config_with_cases(cases().min(32)))]

    #[test]
    fn backprop_equals_central_differences(n in 2usize..12, d in 1usize..4, hidden in 1usize..6, classes in 2usize..4, seed in any::<u64>()) {
        let x = DMatrix::from_column_slice(n, d, gaussian_vector(n * d, seed).as_slice());
        let labels: Vec<usize> = (0..n).map(|i| (i * 7 + seed as usize) % classes).collect();
        let network = TwoLayerNetwork { hidden, seed, ..TwoLayerNetwork::default() }
            .initial_network(d, classes)
            .unwrap();
        prop_assert!(network.gradient_check(&x, &labels).unwrap() < GRADIENT_CHECK_MAX);
    }

    #[test]
    fn probabilities_are_rows_summing_to_one(n in 1usize..10, seed in any::<u64>()) {
        let x = DMatrix::from_column_slice(n, 2, gaussian_vector(n * 2, seed).map(|v| v * 100.0).as_slice());
        let network = TwoLayerNetwork { seed, ..TwoLayerNetwork::default() }.initial_network(2, 3).unwrap();
        let p = network.predict_proba(&x).unwrap();
        for row in p.row_iter() {
            prop_assert!((row.sum() - 1.0).abs() <= IDENTITY_ABS);
            prop_assert!(row.iter().all(|&q| (0.0..=1.0).contains(&q)));
        }
    }
}

#[test]
fn training_lowers_the_loss() {
    let (x, labels) = datasets::two_moons(60, 0.1, 2).unwrap();
    let fitted = TwoLayerNetwork {
        hidden: 8,
        learning_rate: 0.3,
        epochs: 300,
        seed: 9,
    }
    .fit(&x, &labels)
    .unwrap();
    assert!(fitted.loss_history[299] < 0.5 * fitted.loss_history[0]);
    assert!((fitted.loss(&x, &labels).unwrap() - fitted.loss_history[299]).abs() < 0.05);
}
