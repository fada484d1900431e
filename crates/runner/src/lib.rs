//! The runner: the one binary that links the learner's exercises, the official solutions
//! and the checks, and grades one exercise per process so that a crash, a hang or an
//! early `exit` costs only that exercise.
//!
//! Key design decision: the learner's files are compiled *in place* as `#[path]` modules of
//! this crate (see `build.rs`), never copied and never edited; an exercise that does not
//! compile is left out by the grader through `MATHLINGS_EXCLUDE`, and every other exercise
//! is still graded.
//!
//! Protocol (used by `cargo xtask`): `mathlings-runner grade ID TARGET SEED CASES` reads
//! one line `NONCE PATH` from standard input *before* any learner code runs, and writes
//! `{"nonce": NONCE, "report": …}` to PATH. The grader trusts only that file, and only
//! with the nonce it chose; nothing the program prints can forge a verdict, and an early
//! `exit(0)` leaves no file, which counts as a crash.
#![deny(missing_docs)]

use mathlings_checks::Options;
use mathlings_course::report::{CheckDescription, ExerciseReport};

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// Which implementation of an exercise to grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The learner's file.
    Learner,
    /// The official solution.
    Solution,
    /// The registered misconception with this index.
    Misconception(usize),
}

/// One exercise in the registry.
pub struct Entry {
    /// The exercise's id.
    pub id: &'static str,
    /// Whether the learner's file was compiled into this build.
    pub learner_compiled: bool,
    /// Grades a target; `None` when the target does not exist in this build.
    pub grade: fn(Target, &Options) -> Option<ExerciseReport>,
    /// The instructor's soundness proof (solution passes, stub and misconceptions fail).
    pub verify: fn(&Options) -> Vec<String>,
    /// The static description of the checks.
    pub describe: fn() -> CheckDescription,
}

/// The registry entry of `id`.
pub fn find(id: &str) -> Option<&'static Entry> {
    EXERCISES.iter().find(|e| e.id == id)
}
