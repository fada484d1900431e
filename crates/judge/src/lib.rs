//! The trusted judge: grades one exercise per process with the exercise's checks, reaching
//! the learner's functions only through the learner process (see `mathlings_wire`).
//!
//! Key design decision: this crate never links learner code. Its registry is generated
//! from the course manifest and the exercises' `Impl`s in `crates/bindings` (`build.rs`),
//! so the judge builds once per course and no submission can change it. What crosses back
//! from the learner process is data — return values, panic messages — and the judge itself
//! observes crashes and timeouts; the verdict is computed and written here.
//!
//! Protocol (used by `cargo xtask`): `mathlings-judge grade ID TARGET` reads one JSON
//! [`Request`] line on standard input (the seed is never on a command line) and prints one
//! JSON [`Response`]; `mathlings-judge plot ID TARGET` reads the same request and prints a
//! [`mathlings_plot::PlotResponse`] (the target's figures, drawn here from values the
//! learner process returns); `mathlings-judge verify ID` the same with the instructor's proof;
//! `mathlings-judge describe` prints every exercise's check description.
#![deny(missing_docs)]

use mathlings_checks::Options;
use mathlings_course::report::{CheckDescription, ExerciseReport};

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// Which implementation of an exercise to grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The learner's functions, in the learner process.
    Learner,
    /// The official solution (trusted, in this process).
    Solution,
    /// The registered misconception with this index (trusted, in this process).
    Misconception(usize),
}

/// One exercise in the registry.
pub struct Entry {
    /// The exercise's id.
    pub id: &'static str,
    /// Reference items the exercise may call (`mathlings_linalg::svd`, …).
    pub allow: &'static [&'static str],
    /// Grades a target; `None` when the target does not exist.
    pub grade: fn(Target, &Options) -> Option<ExerciseReport>,
    /// The instructor's proof on the solution and the misconceptions.
    pub verify: fn(&Options) -> Vec<String>,
    /// The static description of the checks.
    pub describe: fn() -> CheckDescription,
    /// Draws a target's figures; `None` when the target does not exist.
    pub figures: fn(Target, &Options) -> Option<Vec<mathlings_plot::Figure>>,
}

/// The registry entry of `id`.
pub fn find(id: &str) -> Option<&'static Entry> {
    EXERCISES.iter().find(|e| e.id == id)
}

pub use mathlings_course::report::{LearnerProcess, Request, Response};

/// Answers a learner's call of reference item `item`, if `allow` lists it.
pub fn reference_call(allow: &[&str], item: &str, args: &[u8]) -> Option<Result<Vec<u8>, String>> {
    use mathlings_wire::{decode, encode};
    if !allow.contains(&item) {
        return None;
    }
    Some(match item {
        "mathlings_linalg::svd" => decode::<(nalgebra::DMatrix<f64>,)>(args)
            .and_then(|(a,)| encode(&mathlings_linalg::svd(&a))),
        "mathlings_linalg::inverse" => decode::<(nalgebra::DMatrix<f64>,)>(args)
            .and_then(|(a,)| encode(&mathlings_linalg::inverse(&a))),
        "mathlings_stats::regularized_incomplete_beta" => decode::<(f64, f64, f64)>(args)
            .and_then(|(x, a, b)| encode(&mathlings_stats::regularized_incomplete_beta(x, a, b))),
        other => Err(format!("the judge cannot serve reference item `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_allowed_reference_item_is_served() {
        for e in EXERCISES {
            for item in e.allow {
                let args = match *item {
                    "mathlings_stats::regularized_incomplete_beta" => {
                        mathlings_wire::encode(&(0.5, 2.0, 3.0))
                    }
                    _ => mathlings_wire::encode(&(nalgebra::DMatrix::<f64>::identity(2, 2),)),
                }
                .unwrap();
                let reply = reference_call(e.allow, item, &args);
                assert!(
                    matches!(reply, Some(Ok(_))),
                    "{}: {item} is not served: {reply:?}",
                    e.id
                );
            }
            assert!(reference_call(e.allow, "mathlings_linalg::lu", &[]).is_none());
        }
    }
}
