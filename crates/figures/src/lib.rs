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

#[cfg(test)]
mod tests {
    use super::*;

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
