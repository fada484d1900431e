//! Grade reports and their output formats.
//!
//! # JSON schema, version 1 (`--json FILE`)
//!
//! ```text
//! {
//!   "schema_version": 1,                  // integer; bumped on any incompatible change
//!   "tool": "mathlings-grade 0.1.0",      // string: grader name and version
//!   "course": {                           // what determined the verdicts: reports with a
//!                                         // different course are never merged
//!     "version": "0.1.0",                 // string: the grader's version
//!     "fingerprint": "9c1d0b6e2f4a7358"   // string: 16 hex digits, a hash of the manifest,
//!                                         // the checks (sources, snapshots), bindings,
//!                                         // solutions, reference crates and data
//!   },
//!   "submission": "alice",                // string: the submission's name (its folder name)
//!   "seed": 2026,                         // integer: master seed of every generated input
//!   "cases": 64,                          // integer: generated cases per property
//!   "score": 42.5,                        // number: points earned (sum over exercises)
//!   "max_score": 650.0,                   // number: points available
//!   "exercises": [                        // in the manifest's teaching order
//!     {
//!       "id": "s1_3_sample_variance",     // string: exercise id
//!       "section": "1.3",                 // string: roadmap section
//!       "title": "…",                     // string
//!       "status": "fail",                 // "pass" | "fail" | "not_started" |
//!                                         // "compile_error" | "timeout" | "crashed" |
//!                                         // "forbidden_call" | "missing" | "refused" |
//!                                         // "sandbox_violation"
//!       "score": 7.0,                     // number: points earned (partial credit per property)
//!       "max_score": 10.0,                // number: the exercise's points
//!       "seconds": 0.42,                  // number: wall time of the exercise's checks
//!                                         // (0 when they did not run; excludes the build)
//!       "detail": null,                   // string|null: compiler output, crash cause or
//!                                         // forbidden calls (statuses other than pass/fail)
//!       "misconception": null,            // {"id": string, "explanation": string}|null
//!       "properties": [                   // empty unless the checks ran on a started
//!                                         // exercise ("not_started": the stub's todo!()
//!                                         // is still in place, so there is nothing to show)
//!         {
//!           "id": "shift_invariant_at_1e9",  // string
//!           "description": "…",              // string: the property in words
//!           "weight": 2,                     // integer
//!           "passed": false,                 // boolean
//!           "score": 0.0,                    // number: points earned for this property
//!           "max_score": 2.0,                // number: points / total weight × weight
//!           "counterexample": {              // object|null (null when passed)
//!             "call": "sample_variance(&[…])", // string: the shrunk input as a Rust call
//!             "returned": "Ok(0.0)",         // string
//!             "expected": "Ok(2.0 (± 2e-5))" // string
//!           },
//!           "output": "…"                    // string, only when the property failed and the
//!                                            // learner's code printed (bounded: 16 KiB)
//!         }
//!       ]
//!     }
//!   ]
//! }
//! ```
//!
//! Scores and seconds are rounded to 0.01. An exercise's points are split across its properties in
//! proportion to their weights; any status other than pass/fail earns 0.
//!
//! "not_started" is its own status in every format: the terminal summary (`○`), the
//! Markdown table (`⬜`, and a "Not started" line instead of its failures), JUnit (its
//! test case is skipped, not failed), Gradescope and GitHub Classroom (failed, with the
//! words "not started") and the batch gradebook (a `status:<id>` column per exercise).

use mathlings_course::report::{Diagnosis, Failure};
use mathlings_course::{Exercise, Manifest};
use serde::{Deserialize, Serialize};

use crate::engine::{Status, Verdict};
use crate::gradebook::CourseIdentity;

/// The version of the JSON schema above.
pub const SCHEMA_VERSION: u32 = 1;

/// A graded submission.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GradeReport {
    /// See the module docs.
    pub schema_version: u32,
    /// Grader name and version.
    pub tool: String,
    /// What determined the verdicts.
    pub course: CourseIdentity,
    /// The submission's name.
    pub submission: String,
    /// Master seed.
    pub seed: u64,
    /// Cases per property.
    pub cases: u32,
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max_score: f64,
    /// Per exercise, in teaching order.
    pub exercises: Vec<ExerciseGrade>,
}

/// One exercise of a graded submission.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExerciseGrade {
    /// Exercise id.
    pub id: String,
    /// Roadmap section.
    pub section: String,
    /// Title.
    pub title: String,
    /// Outcome.
    pub status: Status,
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max_score: f64,
    /// Wall time of the exercise's checks.
    pub seconds: f64,
    /// Compiler output, crash cause or forbidden calls.
    pub detail: Option<String>,
    /// The misconception the answer behaves like.
    pub misconception: Option<Diagnosis>,
    /// Per property.
    pub properties: Vec<PropertyGrade>,
}

/// One property of one exercise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PropertyGrade {
    /// Property id.
    pub id: String,
    /// The property in words.
    pub description: String,
    /// Weight within the exercise.
    pub weight: u32,
    /// Whether it held.
    pub passed: bool,
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max_score: f64,
    /// The shrunk failing case.
    pub counterexample: Option<Failure>,
    /// What the learner's code printed while this property was checked (failed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl GradeReport {
    /// Builds the report of `verdicts` (any order) for `submission`.
    pub fn new(
        manifest: &Manifest,
        course: &CourseIdentity,
        submission: &str,
        seed: u64,
        cases: u32,
        verdicts: &[Verdict],
    ) -> GradeReport {
        let exercises: Vec<ExerciseGrade> = manifest
            .exercises
            .iter()
            .filter_map(|ex| {
                verdicts
                    .iter()
                    .find(|v| v.id == ex.id)
                    .map(|v| grade_exercise(ex, v))
            })
            .collect();
        GradeReport {
            schema_version: SCHEMA_VERSION,
            tool: format!("mathlings-grade {}", env!("CARGO_PKG_VERSION")),
            course: course.clone(),
            submission: submission.to_string(),
            seed,
            cases,
            score: round2(exercises.iter().map(|e| e.score).sum()),
            max_score: round2(exercises.iter().map(|e| e.max_score).sum()),
            exercises,
        }
    }

    /// Score as a percentage of the maximum.
    pub fn percent(&self) -> f64 {
        if self.max_score == 0.0 {
            0.0
        } else {
            100.0 * self.score / self.max_score
        }
    }

    /// The terminal summary.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "Grade for {} — {:.2}/{:.2} ({:.1}%) · seed {} · {} cases/property\n",
            self.submission,
            self.score,
            self.max_score,
            self.percent(),
            self.seed,
            self.cases
        );
        for e in &self.exercises {
            let mark = match e.status {
                Status::Pass => "✓",
                Status::NotStarted => "○",
                _ => "✗",
            };
            let passed = e.properties.iter().filter(|p| p.passed).count();
            let props = if e.properties.is_empty() {
                String::new()
            } else {
                format!(" ({passed}/{} properties)", e.properties.len())
            };
            out += &format!(
                "{mark} {:<5} {:<36} {:>6.2}/{:<6.2} {}{props}\n",
                e.section,
                e.id,
                e.score,
                e.max_score,
                e.status.words()
            );
        }
        out
    }

    /// The versioned JSON report (schema in the module docs).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serializable") + "\n"
    }

    /// Markdown, e.g. for `$GITHUB_STEP_SUMMARY`.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "## mathlings grade: {} — {:.2} / {:.2} ({:.1}%)\n\nSeed `{}`, {} cases per property.\n\n| | section | exercise | status | score |\n|---|---|---|---|---|\n",
            self.submission,
            self.score,
            self.max_score,
            self.percent(),
            self.seed,
            self.cases
        );
        for e in &self.exercises {
            let mark = match e.status {
                Status::Pass => "✅",
                Status::NotStarted => "⬜",
                _ => "❌",
            };
            out += &format!(
                "| {mark} | {} | `{}` {} | {} | {:.2} / {:.2} |\n",
                e.section,
                e.id,
                md_escape(&e.title),
                e.status.words(),
                e.score,
                e.max_score
            );
        }
        let failing: Vec<&ExerciseGrade> = self
            .exercises
            .iter()
            .filter(|e| !matches!(e.status, Status::Pass | Status::NotStarted))
            .collect();
        let not_started: Vec<String> = self
            .exercises
            .iter()
            .filter(|e| e.status == Status::NotStarted)
            .map(|e| format!("`{}`", e.id))
            .collect();
        if !not_started.is_empty() {
            out += &format!(
                "\n**Not started** (the stub's `todo!()` is still in place): {}\n",
                not_started.join(", ")
            );
        }
        if !failing.is_empty() {
            out += "\n### What failed\n";
            for e in failing {
                out += &format!("\n**`{}`** — {}\n", e.id, e.status.words());
                if let Some(detail) = &e.detail {
                    out += &format!("\n```text\n{}\n```\n", first_lines(detail, 12));
                }
                for p in e.properties.iter().filter(|p| !p.passed) {
                    out += &format!("- {}", md_escape(&p.description));
                    if let Some(c) = &p.counterexample {
                        out += &format!(
                            ": `{}` returned `{}`, expected `{}`",
                            c.call, c.returned, c.expected
                        );
                    }
                    out += "\n";
                }
                if let Some(m) = &e.misconception {
                    out += &format!(
                        "- looks like misconception *{}*: {}\n",
                        m.id,
                        md_escape(&m.explanation)
                    );
                }
            }
        }
        out
    }

    /// JUnit XML: one test suite per exercise, one test case per property (or one case for
    /// an exercise whose checks did not run: an error, or skipped when not started).
    pub fn junit(&self) -> String {
        use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
        let mut report = Report::new(format!("mathlings: {}", self.submission));
        for e in &self.exercises {
            let mut suite = TestSuite::new(e.id.clone());
            if e.status == Status::NotStarted {
                let mut status = TestCaseStatus::skipped();
                status.set_message(NOT_STARTED);
                let mut case = TestCase::new(e.id.clone(), status);
                case.set_classname(e.id.clone());
                suite.add_test_case(case);
            } else if e.properties.is_empty() {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(e.status.words());
                if let Some(d) = &e.detail {
                    status.set_description(d.clone());
                }
                let mut case = TestCase::new(e.id.clone(), status);
                case.set_classname(e.id.clone());
                suite.add_test_case(case);
            }
            for p in &e.properties {
                let status = if p.passed {
                    TestCaseStatus::success()
                } else {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(p.description.clone());
                    if let Some(c) = &p.counterexample {
                        s.set_description(format!(
                            "call: {}\nreturned: {}\nexpected: {}",
                            c.call, c.returned, c.expected
                        ));
                    }
                    s
                };
                let mut case = TestCase::new(p.id.clone(), status);
                case.set_classname(e.id.clone());
                suite.add_test_case(case);
            }
            report.add_test_suite(suite);
        }
        report.to_string().expect("serializable")
    }

    /// Gradescope's `results.json` (autograder specification: top-level score, output and
    /// one test per exercise with its own score and max_score).
    pub fn gradescope(&self) -> String {
        let tests: Vec<serde_json::Value> = self
            .exercises
            .iter()
            .map(|e| {
                serde_json::json!({
                    "name": format!("{} {} — {}", e.section, e.id, e.title),
                    "number": e.section,
                    "score": e.score,
                    "max_score": e.max_score,
                    "status": if e.status == Status::Pass { "passed" } else { "failed" },
                    "output": exercise_text(e),
                    "visibility": "visible",
                })
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({
            "score": self.score,
            "output": format!("seed {} · {} cases per property", self.seed, self.cases),
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": tests,
        }))
        .expect("serializable")
            + "\n"
    }

    /// GitHub Classroom's autograding result (version 1, as the autograding graders emit it
    /// and `autograding-grading-reporter` reads it, base64-encoded, from `<RUNNER>_RESULTS`).
    pub fn classroom(&self) -> String {
        let tests: Vec<serde_json::Value> = self
            .exercises
            .iter()
            .map(|e| {
                serde_json::json!({
                    "name": format!("{} {}", e.section, e.id),
                    "status": if e.status == Status::Pass { "pass" } else { "fail" },
                    "score": e.score,
                    "message": exercise_text(e),
                    "test_code": format!("cargo xtask check {}", e.id),
                    "filename": "",
                    "line_no": 0,
                    "execution_time": "",
                })
            })
            .collect();
        let all_pass = self.exercises.iter().all(|e| e.status == Status::Pass);
        serde_json::to_string(&serde_json::json!({
            "version": 1,
            "status": if all_pass { "pass" } else { "fail" },
            "max_score": self.max_score,
            "tests": tests,
        }))
        .expect("serializable")
            + "\n"
    }
}

/// What a not-started exercise is told, in every format.
const NOT_STARTED: &str = "not started: the stub's todo!() is still in place";

fn grade_exercise(ex: &Exercise, v: &Verdict) -> ExerciseGrade {
    let points = f64::from(ex.points);
    let (properties, misconception) = match &v.report {
        // Every property failed on `todo!()`: nothing to report per property (this keeps
        // the report of an untouched submission small).
        Some(_) if v.status == Status::NotStarted => (Vec::new(), None),
        Some(report) => {
            let total: u32 = report.properties.iter().map(|p| p.weight).sum();
            let props = report
                .properties
                .iter()
                .map(|p| {
                    let max = if total == 0 {
                        0.0
                    } else {
                        points * f64::from(p.weight) / f64::from(total)
                    };
                    PropertyGrade {
                        id: p.id.clone(),
                        description: p.description.clone(),
                        weight: p.weight,
                        passed: p.passed,
                        score: round2(if p.passed { max } else { 0.0 }),
                        max_score: round2(max),
                        counterexample: p.failure.clone(),
                        output: p.output.clone(),
                    }
                })
                .collect();
            (props, report.diagnosis.clone())
        }
        None => (Vec::new(), None),
    };
    let score = if matches!(v.status, Status::Pass | Status::Fail) {
        points * v.fraction()
    } else {
        0.0
    };
    ExerciseGrade {
        id: ex.id.clone(),
        section: ex.section.clone(),
        title: ex.title.clone(),
        status: v.status,
        score: round2(score),
        max_score: points,
        seconds: round2(v.seconds),
        detail: v.detail.clone(),
        misconception,
        properties,
    }
}

fn exercise_text(e: &ExerciseGrade) -> String {
    if e.status == Status::NotStarted {
        return format!("{NOT_STARTED} — {:.2}/{:.2}\n", e.score, e.max_score);
    }
    let mut out = format!("{} — {:.2}/{:.2}\n", e.status.words(), e.score, e.max_score);
    if let Some(d) = &e.detail {
        out += &first_lines(d, 20);
        out += "\n";
    }
    for p in &e.properties {
        out += &format!("{} {}\n", if p.passed { "✓" } else { "✗" }, p.description);
        if let Some(c) = &p.counterexample {
            out += &format!(
                "    call: {}\n    returned: {}\n    expected: {}\n",
                c.call, c.returned, c.expected
            );
        }
    }
    if let Some(m) = &e.misconception {
        out += &format!(
            "Looks like a known misconception ({}): {}\n",
            m.id, m.explanation
        );
    }
    out
}

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = lines[..lines.len().min(n)].join("\n");
    if lines.len() > n {
        out += &format!("\n… ({} more lines)", lines.len() - n);
    }
    out
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|")
}
