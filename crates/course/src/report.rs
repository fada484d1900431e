//! What the judge reports about one exercise, and the request it answers: shared by the
//! judge (which writes the report) and the grader (which reads it), as JSON between them.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The verdict of one run of an exercise's checks against one implementation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseReport {
    /// The exercise's id.
    pub exercise: String,
    /// One entry per property, in the order the checks define them.
    pub properties: Vec<PropertyReport>,
    /// The registered misconception this implementation behaves like, if any.
    pub diagnosis: Option<Diagnosis>,
}

/// The verdict of one property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyReport {
    /// Short stable id, e.g. `shift_invariant`.
    pub id: String,
    /// The property in words, e.g. "adding a constant to every value leaves the variance unchanged".
    pub description: String,
    /// Relative weight of the property within the exercise.
    pub weight: u32,
    /// Whether the implementation kept the property on every generated input.
    pub passed: bool,
    /// The smallest failing case found, when the property failed.
    pub failure: Option<Failure>,
    /// What the learner's code printed (standard output and error, bounded) while this
    /// property was checked, when it failed and anything was printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

/// A failing case, shrunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    /// The call as Rust, e.g. `sample_variance(&[1.0, 1.0])`.
    pub call: String,
    /// What the implementation returned (or `panicked: …`).
    pub returned: String,
    /// What a correct implementation returns, or the condition it must meet.
    pub expected: String,
}

/// A registered misconception that the implementation behaves like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// Stable id of the misconception.
    pub id: String,
    /// The explanation shown to the learner.
    pub explanation: String,
}

impl ExerciseReport {
    /// Whether every property passed.
    pub fn passed(&self) -> bool {
        self.properties.iter().all(|p| p.passed)
    }

    /// Whether the implementation is still the stub: every property failed because it
    /// panicked with `todo!()`'s "not yet implemented".
    pub fn not_started(&self) -> bool {
        !self.properties.is_empty()
            && self.properties.iter().all(|p| {
                p.failure
                    .as_ref()
                    .is_some_and(|f| f.returned.starts_with("panicked: not yet implemented"))
            })
    }

    /// Sum of the weights of the passed properties, and of all.
    pub fn weight_passed(&self) -> (u32, u32) {
        let total = self.properties.iter().map(|p| p.weight).sum();
        let passed = self
            .properties
            .iter()
            .filter(|p| p.passed)
            .map(|p| p.weight)
            .sum();
        (passed, total)
    }
}

/// The static description of an exercise's checks (`mathlings-judge describe`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckDescription {
    /// The exercise's id.
    pub exercise: String,
    /// `(id, description, weight)` of every property.
    pub properties: Vec<(String, String, u32)>,
    /// `(id, explanation)` of every registered misconception.
    pub misconceptions: Vec<(String, String)>,
}

/// What the grader asks of the judge (one JSON line on standard input).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Master seed (secret in a course's grading: never on a command line).
    pub seed: u64,
    /// Generated cases per property.
    pub cases: u32,
    /// Time budget of one property, in milliseconds.
    pub budget_ms: u64,
    /// How to start the learner process (grading the learner's target only).
    pub learner: Option<LearnerProcess>,
    /// Stop at the first failing property, unshrunk, without a diagnosis
    /// (`verify --mutants`).
    #[serde(default)]
    pub first_failure: bool,
    /// Shrink failing cases without the time limit, so that the same request always gives
    /// the same report (`verify --record`).
    #[serde(default)]
    pub deterministic: bool,
}

/// How to start and confine the learner process.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LearnerProcess {
    /// The learner binary (built from the staged files and the generated adapters).
    pub program: PathBuf,
    /// Its private scratch folder: the only place it may write.
    pub scratch: PathBuf,
    /// Refuse to run it when the sandbox cannot be applied.
    pub require_sandbox: bool,
    /// Address-space limit in bytes.
    pub memory: u64,
    /// Cap on what it writes, in bytes.
    pub output: u64,
}

/// What the judge answers (one JSON object on standard output).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Response {
    /// The verdict, when grading.
    pub report: Option<ExerciseReport>,
    /// Reference items the learner's code called without the exercise allowing them.
    #[serde(default)]
    pub forbidden: Vec<String>,
    /// The instructor's proof's problems, when verifying.
    #[serde(default)]
    pub problems: Vec<String>,
    /// How many learner processes were started (1 unless one crashed or hung).
    #[serde(default)]
    pub learner_starts: u32,
}
