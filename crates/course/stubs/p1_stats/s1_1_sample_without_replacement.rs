//! # 1.1 Populations & sampling — sampling without replacement
//!
//! A survey picks k members of a population of n, each member at most once, so that every
//! k-subset is equally likely. The partial Fisher–Yates shuffle does this in k steps: keep
//! the list 0, 1, …, n − 1; at step i swap position i with a uniformly chosen position in
//! i..n. After k steps the first k positions hold the sample, and every index has the same
//! chance k/n of being in it.
//!
//! ```text
//! a = [0, 1, …, n − 1]
//! for i = 0, 1, …, k − 1:   j ~ Uniform{i, …, n − 1};   swap(a[i], a[j])
//! sample = a[0..k]
//! ```
//!
//! Drawing k times from 0..n independently is sampling *with* replacement: an index can come
//! out twice. Use a `rand_chacha::ChaCha8Rng` seeded with `seed`, so the same seed always gives
//! the same sample.

use mathlings_stats::StatsError;

/// Returns `k` distinct indices from `0..n`, every k-subset equally likely (in random order).
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "k", .. }` when `k > n` (a population of n cannot
///   give more than n distinct members).
pub fn sample_without_replacement(n: usize, k: usize, seed: u64) -> Result<Vec<usize>, StatsError> {
    // TODO: reject k > n, seed a ChaCha8Rng, then do k steps of the partial Fisher–Yates shuffle.
    todo!()
}
