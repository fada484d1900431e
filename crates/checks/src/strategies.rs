//! Input generators shared by the exercises' properties. Values are "nice" (moderate
//! magnitude, often small integers after shrinking) so that counterexamples read well.

use nalgebra::DMatrix;
use proptest::prelude::*;

/// A finite float in [−1000, 1000], shrinking towards 0.
pub fn value() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        3 => -1000.0..1000.0f64,
        1 => (-20i32..20).prop_map(f64::from),
    ]
}

/// A sample of `len` finite values.
pub fn sample(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> + Clone {
    proptest::collection::vec(value(), len)
}

/// A `rows × cols` matrix of values in [−10, 10].
pub fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = DMatrix<f64>> + Clone {
    proptest::collection::vec(-10.0..10.0f64, rows * cols)
        .prop_map(move |v| DMatrix::from_row_slice(rows, cols, &v))
}

/// A square matrix of size in `sizes`.
pub fn square_matrix(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = DMatrix<f64>> + Clone {
    sizes.prop_flat_map(|n| matrix(n, n))
}

/// The next number of SplitMix64 (Steele, Lea and Flood, 2014), a small deterministic
/// generator: z ← state + 0x9e3779b97f4a7c15, then two xor-shift-multiply rounds. Turns one
/// seed into a stream of well-mixed 64-bit values (the property seeds, one shrinkable seed
/// into an operation).
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
