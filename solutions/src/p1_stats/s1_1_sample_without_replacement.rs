//! # 1.1 Populations & sampling — sampling without replacement
//!
//! The partial Fisher–Yates shuffle: step i picks the i-th member uniformly among those not
//! yet chosen (positions i..n) and moves it to position i.
//!
//! ```text
//! for i = 0, 1, …, k − 1:   j ~ Uniform{i, …, n − 1};   swap(a[i], a[j])
//! ```

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Returns `k` distinct indices from `0..n`, every k-subset equally likely (in random order).
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "k", .. }` when `k > n` (a population of n cannot
///   give more than n distinct members).
pub fn sample_without_replacement(n: usize, k: usize, seed: u64) -> Result<Vec<usize>, StatsError> {
    if k > n {
        return Err(StatsError::InvalidParameter {
            name: "k",
            reason: "cannot draw more members than the population holds",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut items: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = rng.random_range(i..n);
        items.swap(i, j);
    }
    items.truncate(k);
    Ok(items)
}
