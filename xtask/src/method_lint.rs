//! The method lint: the compiler, not a token scan, decides which forbidden methods and
//! types a learner's file uses.
//!
//! The token scan (`mathlings_course::find_forbidden_calls`) reads names as written, so a
//! macro that builds the call from an identifier (`m!(a, svd)`), a renamed import or a
//! method named without being called (`let f = M::lu;`) hides the call from it. Here, the
//! learner crate is compiled by `clippy-driver` (as `RUSTC_WORKSPACE_WRAPPER`: the learner
//! crate only, not its dependencies) with clippy's `disallowed_methods` and
//! `disallowed_types`, configured with a generated `clippy.toml` that is the union over all
//! exercises of their `forbidden` entries, mapped to def paths ([`METHOD_OWNERS`],
//! [`MODULES`]). The two lints are forced to warn (`--force-warn`, which no `allow`,
//! `expect`, `deny` or `forbid` in a learner's file overrides; warnings, so that what one
//! exercise forbids does not break another that may use it). Each finding is attributed to
//! every learner file on its span's macro-expansion chain, and is a forbidden call only if
//! that exercise forbids the entry it came from.
//!
//! What the lint sees is what is built: the binary the judge runs is the output of that
//! very compilation (`cfg(clippy)` included), so code cannot show the lint one thing and
//! run another.

use std::collections::{BTreeMap, BTreeSet};

use mathlings_course::{Exercise, Manifest};
use serde_json::Value;

/// The flags `clippy-driver` adds for the learner crate (its `CLIPPY_ARGS` variable, whose
/// separator is `__CLIPPY_HACKERY__`): both lints forced to warn, over the generated
/// `#![allow(warnings, clippy::all)]` and anything the learner writes.
pub const CLIPPY_ARGS: &str = "--force-warn__CLIPPY_HACKERY__clippy::disallowed_methods__CLIPPY_HACKERY__\
                               --force-warn__CLIPPY_HACKERY__clippy::disallowed_types__CLIPPY_HACKERY__";

/// Where the staged learner files live in the learner workspace (rustc names them
/// `ex/<id>/../../src/learner/<file>`; see `learner_crate::write`).
const LEARNER_DIR: &str = "src/learner/";

/// Every type or trait a forbidden `.name` entry may be a method of: each `.name` of the
/// manifest becomes `<owner>::<name>` for every owner here. Paths that name no method
/// (most pairs) are configured with `allow-invalid`, so they cost a lookup and nothing
/// else. Paths as clippy resolves them (checked against nalgebra 0.35, rand 0.9, Rust
/// 1.95): inherent methods through the type's public path (`nalgebra::Matrix::svd` covers
/// every alias, `DMatrix`, `DVector`, `Matrix3`…), trait methods through the trait
/// (`rand::seq::SliceRandom::shuffle`), std through `core` or a primitive's name
/// (`core::ops::Mul::mul`, `slice::sort_by`, `f64::sqrt`).
pub const METHOD_OWNERS: &[&str] = &[
    // nalgebra: the matrix, whose decompositions (`svd`, `lu`, `qr`, `cholesky`,
    // `symmetric_eigen`…), `try_inverse`, `determinant`, `pseudo_inverse`, products
    // (`tr_mul`, `gemm`, `kronecker`…) and statistics (`mean`, `variance`) are inherent…
    "nalgebra::Matrix",
    // …and the decompositions, whose `solve`, `determinant`, `rank`, `pseudo_inverse`,
    // `singular_values`, `try_inverse`… do the work as well.
    "nalgebra::linalg::Bidiagonal",
    "nalgebra::linalg::Cholesky",
    "nalgebra::linalg::ColPivQR",
    "nalgebra::linalg::FullPivLU",
    "nalgebra::linalg::Hessenberg",
    "nalgebra::linalg::LBLT",
    "nalgebra::linalg::LU",
    "nalgebra::linalg::QR",
    "nalgebra::linalg::Schur",
    "nalgebra::linalg::SVD",
    "nalgebra::linalg::SymmetricEigen",
    "nalgebra::linalg::SymmetricTridiagonal",
    "nalgebra::linalg::UDU",
    // rand 0.9: sampling from sequences and iterators (`shuffle`, `partial_shuffle`,
    // `choose`, `choose_multiple`…), the generator and distributions (`sample_iter`).
    "rand::seq::SliceRandom",
    "rand::seq::IndexedRandom",
    "rand::seq::IndexedMutRandom",
    "rand::seq::IteratorRandom",
    "rand::Rng",
    "rand::distr::Distribution",
    // std: operators called by name (`a.mul(b)`, `Add::add(a, b)`; never the operators
    // `a * b`, `a + b`), iterators, slices and `f64` (today no forbidden name is a method of
    // these three; listed so that one added to the manifest is caught).
    "core::ops::Mul",
    "core::ops::Add",
    "core::iter::Iterator",
    "slice",
    "f64",
];

/// Path entries that name a module, as the items clippy can resolve in it: `(module,
/// types and traits, functions)`, each relative to the module. A path entry that is not
/// here is configured as itself, both as a type and as a function, unless its crate's
/// module here holds a type of the same name (`nalgebra::SVD` is `nalgebra::linalg::SVD`:
/// one configuration path per item, so that a finding maps back to every entry naming it).
/// A whole crate (`statrs`, `nalgebra`) cannot be configured: it is left to the token scan
/// (and to the build, which cannot name a crate that is not a dependency).
pub const MODULES: &[(&str, &[&str], &[&str])] = &[
    (
        "nalgebra::linalg",
        &[
            "Bidiagonal",
            "Cholesky",
            "ColPivQR",
            "FullPivLU",
            "Hessenberg",
            "LBLT",
            "LU",
            "PermutationSequence",
            "QR",
            "Schur",
            "SVD",
            "SymmetricEigen",
            "SymmetricTridiagonal",
            "UDU",
            "givens::GivensRotation",
        ],
        &[
            "try_invert_to",
            "gauss_step",
            "gauss_step_swap",
            "svd_ordered2",
            "svd_ordered3",
            "wilkinson_shift",
            "balancing::balance_parlett_reinsch",
            "balancing::unbalance",
            "householder::reflection_axis_mut",
            "householder::clear_column_unchecked",
            "householder::clear_row_unchecked",
            "householder::assemble_q",
        ],
    ),
    (
        "rand::seq",
        &[
            "SliceRandom",
            "IndexedRandom",
            "IndexedMutRandom",
            "IteratorRandom",
            "SliceChooseIter",
            "index::IndexVec",
        ],
        &[
            "index::sample",
            "index::sample_weighted",
            "index::sample_array",
        ],
    ),
    (
        "rand::distr",
        &[
            "Distribution",
            "StandardUniform",
            "Uniform",
            "Bernoulli",
            "Open01",
            "OpenClosed01",
            "Alphabetic",
            "Alphanumeric",
            "Iter",
            "Map",
            "SampleString",
            "uniform::SampleUniform",
            "uniform::SampleRange",
            "weighted::WeightedIndex",
            "slice::Choose",
        ],
        // A unit struct used as a value (`StandardUniform.sample(rng)`) is not a type
        // path: its use shows only through these.
        &[
            "Distribution::sample",
            "Distribution::sample_iter",
            "Distribution::map",
        ],
    ),
];

/// Which of the two lints a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `clippy::disallowed_methods` (methods and free functions).
    Method,
    /// `clippy::disallowed_types` (types and traits).
    Type,
}

impl Kind {
    fn from_code(code: &str) -> Option<Kind> {
        match code {
            "clippy::disallowed_methods" => Some(Kind::Method),
            "clippy::disallowed_types" => Some(Kind::Type),
            _ => None,
        }
    }
}

/// The lint's configuration for a course: which def paths are configured, and which
/// manifest entries each one stands for.
#[derive(Debug, Clone)]
pub struct MethodLint {
    targets: BTreeMap<(Kind, String), BTreeSet<String>>,
}

impl MethodLint {
    /// The configuration for every exercise of `manifest` (the union of their entries).
    pub fn new(manifest: &Manifest) -> MethodLint {
        let mut targets: BTreeMap<(Kind, String), BTreeSet<String>> = BTreeMap::new();
        let mut add = |kind, path: String, entry: &str| {
            targets
                .entry((kind, path))
                .or_default()
                .insert(entry.to_string());
        };
        let entries: BTreeSet<&str> = manifest
            .exercises
            .iter()
            .flat_map(|e| e.forbidden.iter().map(String::as_str))
            .collect();
        for entry in entries {
            if let Some(method) = entry.strip_prefix('.') {
                for owner in METHOD_OWNERS {
                    add(Kind::Method, format!("{owner}::{method}"), entry);
                }
            } else if let Some((module, types, functions)) =
                MODULES.iter().find(|(m, _, _)| *m == entry)
            {
                for item in *types {
                    add(Kind::Type, format!("{module}::{item}"), entry);
                }
                for item in *functions {
                    add(Kind::Method, format!("{module}::{item}"), entry);
                }
            } else if entry.contains("::") {
                match canonical_type(entry) {
                    Some(path) => add(Kind::Type, path, entry),
                    None => {
                        add(Kind::Type, entry.to_string(), entry);
                        add(Kind::Method, entry.to_string(), entry);
                    }
                }
            }
        }
        MethodLint { targets }
    }

    /// The text of `clippy.toml`: every configured path, with `allow-invalid` (a path that
    /// names nothing in this build is skipped, not an error).
    pub fn clippy_toml(&self) -> String {
        let mut out = String::from(
            "# The method lint's configuration (generated by `cargo xtask` from course.toml;\n\
             # edits are overwritten). See xtask/src/method_lint.rs.\n",
        );
        for (kind, key) in [
            (Kind::Method, "disallowed-methods"),
            (Kind::Type, "disallowed-types"),
        ] {
            out.push_str(key);
            out.push_str(" = [\n");
            for ((k, path), entries) in &self.targets {
                if *k != kind {
                    continue;
                }
                let reason = format!(
                    "forbidden in some exercises of this course ({})",
                    entries.iter().cloned().collect::<Vec<_>>().join(", ")
                );
                out.push_str(&format!(
                    "  {{ path = {}, reason = {}, allow-invalid = true }},\n",
                    toml::Value::String(path.clone()),
                    toml::Value::String(reason)
                ));
            }
            out.push_str("]\n");
        }
        out
    }

    /// The line of detail for `finding` in exercise `ex` when it is a call `ex` forbids
    /// (`line 12: `.svd()` (nalgebra::Matrix::svd) — `svd` does the work…`), `None` when
    /// `ex` does not forbid what the finding names.
    pub fn judge(&self, ex: &Exercise, finding: &Finding) -> Option<String> {
        let entries = self.entries(finding.kind, &finding.path);
        let entry = ex.forbidden.iter().find(|e| entries.contains(e.as_str()))?;
        let (call, name) = match entry.strip_prefix('.') {
            Some(method) => (format!("`.{method}()`"), method),
            None => (format!("`{entry}`"), entry.as_str()),
        };
        Some(format!(
            "line {}: {call} ({}) — `{name}` does the work this exercise asks you to do",
            finding.line, finding.path
        ))
    }

    /// The manifest entries a configured path stands for; a path clippy reports under
    /// another name than configured (a re-export) is matched by crate and item name.
    fn entries(&self, kind: Kind, path: &str) -> BTreeSet<&str> {
        if let Some(entries) = self.targets.get(&(kind, path.to_string())) {
            return entries.iter().map(String::as_str).collect();
        }
        let crate_and_item = |p: &str| {
            let mut segments = p.split("::");
            (
                segments.next().map(str::to_string),
                p.rsplit("::").next().map(str::to_string),
            )
        };
        let wanted = crate_and_item(path);
        self.targets
            .iter()
            .filter(|((k, p), _)| *k == kind && crate_and_item(p) == wanted)
            .flat_map(|(_, entries)| entries.iter().map(String::as_str))
            .collect()
    }

    /// Every forbidden call among `findings`, by exercise id: the exercise whose file a
    /// finding is in, if it forbids what the finding names (one line each, by line).
    pub fn forbidden(&self, manifest: &Manifest, findings: &[Finding]) -> BTreeMap<String, String> {
        let mut lines: BTreeMap<String, BTreeSet<(u64, String)>> = BTreeMap::new();
        for finding in findings {
            let Some(ex) = manifest.exercises.iter().find(|e| e.file == finding.file) else {
                continue;
            };
            if let Some(line) = self.judge(ex, finding) {
                lines
                    .entry(ex.id.clone())
                    .or_default()
                    .insert((finding.line, line));
            }
        }
        lines
            .into_iter()
            .map(|(id, lines)| {
                let detail = lines
                    .into_iter()
                    .map(|(_, line)| line)
                    .collect::<Vec<_>>()
                    .join("\n");
                (id, detail)
            })
            .collect()
    }
}

/// `krate::Name` as the path of the type of that name listed under a module of the same
/// crate in [`MODULES`] (`nalgebra::SVD` → `nalgebra::linalg::SVD`).
fn canonical_type(entry: &str) -> Option<String> {
    let (krate, name) = entry.split_once("::")?;
    MODULES
        .iter()
        .filter(|(module, _, _)| module.split("::").next() == Some(krate))
        .find_map(|(module, types, _)| {
            types
                .iter()
                .find(|t| t.rsplit("::").next() == Some(name))
                .map(|t| format!("{module}::{t}"))
        })
}

/// One finding of the lint in a learner's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The exercise file, relative to the exercises' `src` (as `Exercise::file`).
    pub file: String,
    /// 1-based line in that file.
    pub line: u64,
    /// Which lint.
    pub kind: Kind,
    /// The configured path it matched, as clippy reports it.
    pub path: String,
}

impl Finding {
    /// The findings a compiler message (cargo's `message` object) stands for: none unless it
    /// is one of the two lints; else one per learner file on the chain from its primary span
    /// out through the macro expansions that produced it (a macro defined in one file and
    /// used in another names both).
    pub fn read(message: &Value) -> Vec<Finding> {
        let Some(kind) = message["code"]["code"].as_str().and_then(Kind::from_code) else {
            return Vec::new();
        };
        let Some(path) = message["message"]
            .as_str()
            .and_then(|m| m.split('`').nth(1))
            .map(str::to_string)
        else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for span in message["spans"].as_array().into_iter().flatten() {
            if span["is_primary"] != true {
                continue;
            }
            let mut span = span;
            loop {
                if let (Some(file), Some(line)) =
                    (span["file_name"].as_str(), span["line_start"].as_u64())
                    && let Some((_, file)) = file.split_once(LEARNER_DIR)
                {
                    let finding = Finding {
                        file: file.to_string(),
                        line,
                        kind,
                        path: path.clone(),
                    };
                    if !found.contains(&finding) {
                        found.push(finding);
                    }
                }
                if !span["expansion"].is_object() {
                    break;
                }
                span = &span["expansion"]["span"];
            }
        }
        found
    }
}
