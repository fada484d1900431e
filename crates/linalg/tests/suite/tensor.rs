//! Strided tensors: offsets by hand, permute/reshape laws, NumPy broadcasting examples
//! (from the NumPy broadcasting documentation).

use crate::common::*;
use mathlings_linalg::{LinalgError, Tensor, broadcast_shapes, row_major_strides};
use proptest::prelude::*;

/// Shapes with 1–4 axes of length 1–4.
fn shape() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..=4, 1..=4)
}

fn iota(shape: &[usize]) -> Tensor {
    let n: usize = shape.iter().product();
    Tensor::from_vec((0..n).map(|i| i as f64).collect(), shape).unwrap()
}

proptest! {
    #![proptest_config(config())]

    /// In a row-major iota tensor the element at an index equals its flat position.
    #[test]
    fn offsets_are_row_major(shape in shape(), seed in any::<u64>()) {
        let t = iota(&shape);
        let index: Vec<usize> = shape.iter().enumerate().map(|(a, &len)| (seed as usize >> (a * 8)) % len).collect();
        let flat: usize = index.iter().zip(row_major_strides(&shape)).map(|(i, s)| i * s).sum();
        prop_assert_eq!(t.offset_of(&index).unwrap(), flat);
        prop_assert_eq!(t.get(&index).unwrap(), flat as f64);
    }

    /// Permuting by a permutation then by its inverse gives back the tensor's values;
    /// permuted get(ix) = original get(ix permuted back).
    #[test]
    fn permute_moves_axes(shape in shape(), rotate in 0usize..4) {
        let k = shape.len();
        let axes: Vec<usize> = (0..k).map(|a| (a + rotate) % k).collect();
        let mut inverse = vec![0; k];
        for (a, &b) in axes.iter().enumerate() { inverse[b] = a; }
        let t = iota(&shape);
        let p = t.permute(&axes).unwrap();
        let back = p.permute(&inverse).unwrap();
        prop_assert_eq!(back.to_vec(), t.to_vec());
        let index: Vec<usize> = p.shape().iter().map(|len| len - 1).collect();
        let original: Vec<usize> = (0..k).map(|a| index[inverse[a]]).collect();
        prop_assert_eq!(p.get(&index).unwrap(), t.get(&original).unwrap());
    }

    /// Reshape keeps the row-major order of elements, even of a permuted view.
    #[test]
    fn reshape_keeps_logical_order(shape in shape()) {
        let t = iota(&shape).permute(&(0..shape.len()).rev().collect::<Vec<_>>()).unwrap();
        let n: usize = shape.iter().product();
        let r = t.reshape(&[n]).unwrap();
        prop_assert_eq!(r.to_vec(), t.to_vec());
        prop_assert_eq!(r.strides(), &[1]);
    }

    /// Broadcasting is symmetric and a shape broadcasts with itself and with [1].
    #[test]
    fn broadcast_laws(a in shape(), b in shape()) {
        prop_assert_eq!(broadcast_shapes(&a, &b).is_ok(), broadcast_shapes(&b, &a).is_ok());
        if let Ok(s) = broadcast_shapes(&a, &b) {
            prop_assert_eq!(broadcast_shapes(&b, &a).unwrap(), s);
        }
        prop_assert_eq!(broadcast_shapes(&a, &a).unwrap(), a.clone());
        prop_assert_eq!(broadcast_shapes(&a, &[1]).unwrap(), a.clone());
    }
}

#[test]
fn numpy_documentation_examples() {
    // numpy.org/doc/stable/user/basics.broadcasting.html
    assert_eq!(
        broadcast_shapes(&[256, 256, 3], &[3]).unwrap(),
        vec![256, 256, 3]
    );
    assert_eq!(
        broadcast_shapes(&[8, 1, 6, 1], &[7, 1, 5]).unwrap(),
        vec![8, 7, 6, 5]
    );
    assert_eq!(broadcast_shapes(&[5, 4], &[1]).unwrap(), vec![5, 4]);
    assert_eq!(
        broadcast_shapes(&[15, 3, 5], &[15, 1, 5]).unwrap(),
        vec![15, 3, 5]
    );
    assert_eq!(
        broadcast_shapes(&[15, 3, 5], &[3, 1]).unwrap(),
        vec![15, 3, 5]
    );
    assert!(matches!(
        broadcast_shapes(&[2, 1], &[8, 4, 3]),
        Err(LinalgError::TensorShapeMismatch { .. })
    ));
    assert!(matches!(
        broadcast_shapes(&[3], &[4]),
        Err(LinalgError::TensorShapeMismatch { .. })
    ));
    assert_eq!(broadcast_shapes(&[], &[]).unwrap(), Vec::<usize>::new());
    // Strides of a (2, 3, 4) float array in elements (NumPy reports bytes: 96, 32, 8).
    assert_eq!(row_major_strides(&[2, 3, 4]), vec![12, 4, 1]);
}
