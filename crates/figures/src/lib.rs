//! The course's figures: for each exercise where a picture teaches, a module mirroring the
//! exercise's path (`p1_stats/s1_5_normal_distribution.rs`) whose
//! `figures(imp: &Impl, seed: u64) -> Vec<Figure>` draws what `imp` computes (the learner's
//! functions through the judge's proxies, the solution or a misconception) against the
//! reference crates' values.
//!
//! Key design decision: a figure never loses the reference because the learner's call
//! failed. Every call of `imp` goes through [`yours`], which turns a panic (the stub's
//! `todo!()`, a crash or a timeout that the proxy reports as a panic) or an `Err` into a
//! short reason, and the figure draws the reference alone with "yours: not available —
//! reason" in its legend. Learner calls are few and small: one figure is a few hundred
//! calls at most, so plotting one exercise stays well under a third of a second.
//!
//! Linked only into the trusted judge (`crates/judge/build.rs` generates, per exercise with
//! a module here, the glue that calls it), never into the learner process.
#![deny(missing_docs)]

use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

pub use mathlings_plot::Figure;

pub mod p1_stats;
pub mod p2_linalg;
pub mod p3_calculus;
pub mod p4_models;
pub mod plane;

/// The learner's values (or any `imp`'s): `f`'s result, or why there is none — its panic's
/// message or its error, in one short line.
pub fn yours<T, E: Debug>(f: impl FnOnce() -> Result<T, E>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(short(&format!("returned Err({e:?})"))),
        Err(payload) => Err(short(&mathlings_checks::panic_message(payload.as_ref()))),
    }
}

/// The first line of `text`, at most 60 characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line.to_string()
    }
}

/// `n` evenly spaced values from `low` to `high`, both included.
pub fn linspace(low: f64, high: f64, n: usize) -> Vec<f64> {
    let steps = n.max(2) - 1;
    (0..=steps)
        .map(|i| low + (high - low) * i as f64 / steps as f64)
        .collect()
}

/// `f` at each x, as points; the first failure stops and is returned (as [`yours`] says it).
pub fn curve<E: Debug>(
    xs: &[f64],
    f: impl Fn(f64) -> Result<f64, E>,
) -> Result<Vec<(f64, f64)>, String> {
    yours(|| xs.iter().map(|&x| f(x).map(|y| (x, y))).collect())
}

/// A pair of the learner's results as two results (both failing alike): one per series.
pub fn unzip<A, B>(pair: Result<(A, B), String>) -> (Result<A, String>, Result<B, String>) {
    match pair {
        Ok((a, b)) => (Ok(a), Ok(b)),
        Err(e) => (Err(e.clone()), Err(e)),
    }
}

/// The figures' random numbers: a ChaCha8 stream from the seed shown in the footer.
pub fn rng(seed: u64) -> rand_chacha::ChaCha8Rng {
    rand::SeedableRng::seed_from_u64(seed)
}

/// The density histogram of `values` over `bins` equal bins of `[low, high]`, as the outline
/// of its bars (a step line from 0 at `low` to 0 at `high`); values outside are left out.
pub fn histogram(values: &[f64], low: f64, high: f64, bins: usize) -> Vec<(f64, f64)> {
    let width = (high - low) / bins as f64;
    let mut counts = vec![0usize; bins];
    for &v in values {
        let b = ((v - low) / width).floor();
        if b >= 0.0 && (b as usize) < bins {
            counts[b as usize] += 1;
        }
    }
    let scale = 1.0 / (values.len().max(1) as f64 * width);
    let mut outline = vec![(low, 0.0)];
    for (i, &c) in counts.iter().enumerate() {
        let (left, height) = (low + i as f64 * width, c as f64 * scale);
        outline.extend([(left, height), (left + width, height)]);
    }
    outline.push((high, 0.0));
    outline
}

/// A vertical segment at `x` from `low` to `high` (for [`mathlings_plot::Mark::Segments`]).
pub fn vline(x: f64, low: f64, high: f64) -> Vec<(f64, f64)> {
    vec![(x, low), (x, high)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_has_unit_area() {
        let outline = histogram(&[0.1, 0.2, 0.6, 0.9], 0.0, 1.0, 4);
        let area: f64 = outline.windows(2).map(|w| (w[1].0 - w[0].0) * w[0].1).sum();
        assert!((area - 1.0).abs() < 1e-12, "{area}");
    }

    #[test]
    fn a_panic_or_an_error_becomes_a_short_reason() {
        let todo = yours::<f64, ()>(|| todo!());
        assert_eq!(todo, Err("not yet implemented".to_string()));
        let err = yours::<f64, &str>(|| Err("bad"));
        assert_eq!(err, Err("returned Err(\"bad\")".to_string()));
        let long = yours::<f64, ()>(|| panic!("{}", "x".repeat(100)));
        assert_eq!(long.unwrap_err().chars().count(), 60);
    }
}
