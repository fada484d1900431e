//! The manifest: one ordered list of exercises with their metadata.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

/// File name of the manifest at the root of the course.
pub const MANIFEST_FILE: &str = "course.toml";

/// The whole course, in teaching order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Version of this file's format; only `1` exists.
    pub format_version: u32,
    /// The exercises, in the order a learner meets them.
    #[serde(rename = "exercise", default)]
    pub exercises: Vec<Exercise>,
}

/// One exercise of the course.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Unique id, also the Rust module name and the file stem: `s<part>_<section>_<name>`,
    /// e.g. `s1_3_sample_variance`.
    pub id: String,
    /// Roadmap section, e.g. `"1.3"` (part 4, the models, uses `"4.1"`, `"4.2"`, …).
    pub section: String,
    /// Title shown to the learner.
    pub title: String,
    /// Path of the source file relative to `exercises/src` (and `solutions/src`, and
    /// `crates/checks/src`, which mirror it), e.g. `p1_stats/s1_3_sample_variance.rs`.
    pub file: String,
    /// Points the exercise is worth; split across its properties by their weights.
    pub points: u32,
    /// Progressive hints, revealed one at a time by `cargo xtask hint`.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Chapter-level further reading (3Blue1Brown, Imperial's MML course, Khan Academy,
    /// ISL, the MML book), shown after the last hint.
    #[serde(default)]
    pub reading: Vec<String>,
    /// Calls that would do the learner's work for them. An entry is a path prefix
    /// (`statrs`, `mathlings_linalg::determinant`) or a method name starting with a dot
    /// (`.determinant`). Every item of the reference crates except their error types is
    /// forbidden anyway unless listed in `allow`.
    #[serde(default)]
    pub forbidden: Vec<String>,
    /// Reference-crate items this exercise may use (e.g. `mathlings_linalg::svd` in PCA).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Wall-clock limit for running the exercise's checks, in seconds (default 10).
    #[serde(default)]
    pub timeout_secs: Option<u64>,
    /// rustc's optimisation level (0–3) for the learner's crate of this exercise, in every
    /// build. Unset: 0 when the exercise is built alone (`watch`, `check ID`: the fastest
    /// rebuild after an edit), [`GRADING_OPT_LEVEL`] when every exercise is built (`check
    /// --all`, `grade`, `verify`); see [`Exercise::grading_opt_level`]. Set it to 1 for an
    /// exercise whose checks run the learner's code heavily even in `watch` (training a
    /// model), and to 0 for one whose checks time the learner's code against a baseline
    /// compiled in the same crate, so that the threshold keeps the meaning it was measured
    /// with.
    #[serde(default)]
    pub opt_level: Option<u8>,
}

/// Why the manifest could not be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// The file could not be read.
    #[error("cannot read the manifest {path}: {source}")]
    Io {
        /// The path tried.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("malformed manifest: {0}")]
    Malformed(String),
    /// The contents are inconsistent.
    #[error("invalid manifest: {0}")]
    Invalid(String),
}

impl Manifest {
    /// Reads and validates `course.toml` in `root`.
    ///
    /// # Errors
    /// [`ManifestError::Io`] if unreadable, [`ManifestError::Malformed`] if not TOML of the
    /// right shape, [`ManifestError::Invalid`] if ids, files or sections are inconsistent.
    pub fn load(root: &Path) -> Result<Manifest, ManifestError> {
        let path = root.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| ManifestError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Manifest::parse(&text)
    }

    /// Parses and validates manifest text.
    ///
    /// # Errors
    /// As [`Manifest::load`], without the I/O.
    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| {
            ManifestError::Malformed(e.message().to_string() + &location(text, e.span()))
        })?;
        manifest.validate()?;
        Ok(manifest)
    }

    fn validate(&self) -> Result<(), ManifestError> {
        let invalid = |msg: String| Err(ManifestError::Invalid(msg));
        if self.format_version != 1 {
            return invalid(format!(
                "format_version {} is not supported (expected 1)",
                self.format_version
            ));
        }
        if self.exercises.is_empty() {
            return invalid("no [[exercise]] entries".into());
        }
        let mut ids = HashSet::new();
        for e in &self.exercises {
            if !is_identifier(&e.id) {
                return invalid(format!("id {:?} is not a Rust identifier", e.id));
            }
            if !ids.insert(e.id.as_str()) {
                return invalid(format!("id {:?} appears twice", e.id));
            }
            if e.opt_level.is_some_and(|level| level > 3) {
                return invalid(format!("exercise {}: opt_level must be 0–3", e.id));
            }
            if e.module() != e.id {
                return invalid(format!(
                    "exercise {}: file {:?} must be named {}.rs",
                    e.id, e.file, e.id
                ));
            }
            if e.part().is_none() || e.file.split('/').count() != 2 {
                return invalid(format!(
                    "exercise {}: file {:?} must be <part folder>/<id>.rs",
                    e.id, e.file
                ));
            }
            if !e
                .section
                .split('.')
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            {
                return invalid(format!(
                    "exercise {}: section {:?} is not like \"1.3\"",
                    e.id, e.section
                ));
            }
            if e.points == 0 {
                return invalid(format!("exercise {}: points must be > 0", e.id));
            }
            if e.title.trim().is_empty() {
                return invalid(format!("exercise {}: empty title", e.id));
            }
        }
        Ok(())
    }

    /// The exercise with this id.
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// Position of the exercise in teaching order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.exercises.iter().position(|e| e.id == id)
    }
}

/// rustc's optimisation level for the learner's crates of exercises that set none, when
/// every exercise is built (course grading, `check --all`).
///
/// 1, not 0: the checks spend much of their time in the learner's code, and generic code
/// (nalgebra's indexing, iterators, the adapter's encoding) monomorphised into an
/// unoptimised crate is several times slower. Measured with `cargo xtask bench` against 0,
/// alternately, twice each: `check --all` 2.09–2.18 → 1.79–1.84 s, the batch 2.14–2.17 →
/// 1.87–1.89 s per submission. Not when one exercise is built after an edit: optimising
/// makes that rebuild slower (s1_10_logistic_regression 0.40–0.45 → 0.68–0.74 s) by more
/// than its checks gain (0.08–0.10 → 0.04–0.05 s).
pub const GRADING_OPT_LEVEL: u8 = 1;

impl Exercise {
    /// rustc's optimisation level for this exercise's learner crate when every exercise is
    /// built.
    pub fn grading_opt_level(&self) -> u8 {
        self.opt_level.unwrap_or(GRADING_OPT_LEVEL)
    }

    /// The Rust module name (the file stem), equal to the id.
    pub fn module(&self) -> &str {
        let name = self.file.rsplit('/').next().unwrap_or(&self.file);
        name.strip_suffix(".rs").unwrap_or(name)
    }

    /// The part folder (`p1_stats`, …), which is also the parent module.
    pub fn part(&self) -> Option<&str> {
        self.file.split_once('/').map(|(part, _)| part)
    }

    /// The Rust module path below a crate root, e.g. `p1_stats::s1_3_sample_variance`.
    pub fn module_path(&self) -> String {
        format!("{}::{}", self.part().unwrap_or(""), self.module())
    }

    /// Wall-clock limit for one run of the checks.
    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout_secs.unwrap_or(10))
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(span) => {
            let line = text[..span.start.min(text.len())].lines().count().max(1);
            format!(" (line {line})")
        }
        None => String::new(),
    }
}
