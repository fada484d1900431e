//! `cargo xtask new SECTION NAME` (instructors): scaffolds an exercise — stub, solution,
//! interface (`Impl` and `bind_<id>!` in `mathlings-bindings`), checks skeleton, `mod`
//! declarations and manifest entry — such that `verify` fails until every part is filled in.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use crate::Course;

/// Arguments of `new`.
#[derive(Args)]
pub struct NewArgs {
    /// Roadmap section, e.g. 2.4 (its first number picks the part: 1 stats, 2 linalg,
    /// 3 calculus, 4 models).
    pub section: String,
    /// snake_case name of the function the learner writes, e.g. gram_schmidt.
    pub name: String,
}

const PARTS: [(&str, &str, &str); 4] = [
    ("1", "p1_stats", "mathlings_stats::StatsError"),
    ("2", "p2_linalg", "mathlings_linalg::LinalgError"),
    ("3", "p3_calculus", "mathlings_calculus::CalculusError"),
    ("4", "p4_models", "mathlings_models::ModelError"),
];

/// Runs `new`.
pub fn run(args: NewArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    let section = args.section.trim();
    if section.is_empty()
        || !section
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!(
            "`{section}` is not a section: use the roadmap's numbering, e.g. 2.4"
        ));
    }
    let name = args.name.trim();
    let valid_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_name {
        return Err(format!(
            "`{name}` is not a snake_case Rust identifier (e.g. gram_schmidt)"
        ));
    }
    let part_number = section.split('.').next().unwrap_or_default();
    let (_, part, error) = PARTS
        .iter()
        .find(|(n, _, _)| *n == part_number)
        .ok_or_else(|| format!("section {section} is in no part of the roadmap (parts are 1–4)"))?;
    let id = format!("s{}_{name}", section.replace('.', "_"));
    if course.manifest.get(&id).is_some() {
        return Err(format!("exercise {id} already exists"));
    }
    let file = format!("{part}/{id}.rs");
    let error_type = error.rsplit("::").next().unwrap_or(error);
    let files = [
        (
            format!("exercises/src/{file}"),
            stub(section, name, error, error_type),
        ),
        (
            format!("solutions/src/{file}"),
            solution(section, name, error, error_type),
        ),
        (
            format!("crates/bindings/src/{file}"),
            bindings(&id, part, name, error_type),
        ),
        (format!("crates/checks/src/{file}"), checks(&id, part, name)),
    ];
    for (path, _) in &files {
        if course.root.join(path).exists() {
            return Err(format!("{path} already exists"));
        }
    }
    for (path, text) in &files {
        let path = course.root.join(path);
        std::fs::create_dir_all(path.parent().expect("has parent")).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for krate in [
        "exercises/src",
        "solutions/src",
        "crates/bindings/src",
        "crates/checks/src",
    ] {
        declare(&course.root.join(krate), part, &id)?;
    }
    insert_manifest_entry(&course.root, section, &id, &file)?;
    println!("Created exercise {id} (section {section}):");
    for (path, _) in &files {
        println!("  {path}");
    }
    println!(
        "and its [[exercise]] entry in course.toml. `cargo xtask verify {id}` fails until you:\n\
         1. write the concept, formula and signature in the stub (keep the `// TODO:` and `todo!()`);\n\
         2. write the solution (same signatures);\n\
         3. in the bindings, make `Impl` and `bind_{id}!` match the signature; in the checks, add ≥ 3 weighted\n\
            properties (one comparing with a reference crate, one for bad input), ≥ 1 misconception with its\n\
            explanation, and a probe that tells the misconceptions apart;\n\
         4. replace the TODO hints and reading in course.toml;\n\
         5. run `cargo xtask verify --bless {id}` to store real-data snapshots, review them, and commit.\n\
         See INSTRUCTORS.md."
    );
    Ok(ExitCode::SUCCESS)
}

fn stub(section: &str, name: &str, error: &str, error_type: &str) -> String {
    format!(
        r#"//! # {section} TODO: roadmap section title — TODO: topic
//!
//! TODO: the concept in a few sentences, and its formula in plain Unicode:
//!
//! ```text
//! TODO: formula
//! ```

use {error};

/// TODO: what `{name}` returns.
///
/// # Errors
/// TODO: each `{error_type}` variant and when it is returned.
pub fn {name}(x: &[f64]) -> Result<f64, {error_type}> {{
    // TODO: describe what the learner should do here.
    todo!()
}}
"#
    )
}

fn solution(section: &str, name: &str, error: &str, error_type: &str) -> String {
    format!(
        r#"//! # {section} TODO: roadmap section title — TODO: topic

use {error};

/// TODO: what `{name}` returns.
///
/// # Errors
/// TODO: each `{error_type}` variant and when it is returned.
pub fn {name}(x: &[f64]) -> Result<f64, {error_type}> {{
    todo!("the official solution")
}}
"#
    )
}

fn bindings(id: &str, part: &str, name: &str, error_type: &str) -> String {
    format!(
        r#"//! The interface of {id}.

use mathlings_types::{error_type};

/// The exercise's signature.
pub struct Impl {{
    /// `{name}(x)`.
    pub {name}: fn(&[f64]) -> Result<f64, {error_type}>,
}}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_{id} {{
    ($($m:ident)::+) => {{
        $crate::{part}::{id}::Impl {{ {name}: $($m::)+{name} }}
    }};
}}
"#
    )
}

fn checks(id: &str, part: &str, name: &str) -> String {
    format!(
        r#"//! Checks for {id}.

use crate::prelude::*;

pub use mathlings_bindings::{part}::{id}::Impl;

/// The checks. TODO: ≥ 3 properties, ≥ 1 misconception, a probe.
pub fn spec() -> Spec<Impl> {{
    Spec {{
        exercise: "{id}",
        properties: vec![],
        misconceptions: vec![],
        probe: |imp| vec![format!("{{:?}}", (imp.{name})(&[1.0, 2.0]))],
    }}
}}
"#
    )
}

fn declare(krate: &Path, part: &str, id: &str) -> Result<(), String> {
    let mod_rs = krate.join(part).join("mod.rs");
    let line = format!("pub mod {id};\n");
    let text = std::fs::read_to_string(&mod_rs).unwrap_or_default();
    if !text.contains(&line) {
        std::fs::write(&mod_rs, text + &line)
            .map_err(|e| format!("cannot write {}: {e}", mod_rs.display()))?;
    }
    let lib = krate.join("lib.rs");
    let lib_text =
        std::fs::read_to_string(&lib).map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
    let decl = format!("pub mod {part};");
    if !lib_text.contains(&decl) {
        std::fs::write(&lib, format!("{lib_text}{decl}\n")).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Inserts the entry after the last exercise of the same or an earlier section.
fn insert_manifest_entry(root: &Path, section: &str, id: &str, file: &str) -> Result<(), String> {
    let path = root.join(mathlings_course::MANIFEST_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let key = |s: &str| {
        s.split('.')
            .map(|p| p.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    let entry = format!(
        "[[exercise]]\nid = \"{id}\"\nsection = \"{section}\"\ntitle = \"TODO: title\"\nfile = \"{file}\"\npoints = 10\nhints = [\"TODO: a conceptual first hint\", \"TODO: a hint that is nearly the code\"]\nreading = [\"TODO: chapter-level pointer (3Blue1Brown, Imperial MML, Khan Academy, ISL, MML book)\"]\nforbidden = []\n\n"
    );
    // Byte offsets of each [[exercise]] block and its section.
    let starts: Vec<usize> = text.match_indices("[[exercise]]").map(|(i, _)| i).collect();
    let mut insert_at = None;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let block = &text[start..end];
        let block_section = block
            .lines()
            .find_map(|l| l.strip_prefix("section = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or("");
        if key(block_section) <= key(section) {
            insert_at = Some(end);
        }
    }
    let new_text = match insert_at {
        Some(at) if at == text.len() => {
            format!("{}\n\n{}", text.trim_end(), entry.trim_end()) + "\n"
        }
        Some(at) => format!("{}{entry}{}", &text[..at], &text[at..]),
        None => match starts.first() {
            Some(&first) => format!("{}{entry}{}", &text[..first], &text[first..]),
            None => format!("{}\n\n{}", text.trim_end(), entry),
        },
    };
    std::fs::write(&path, new_text).map_err(|e| format!("cannot write course.toml: {e}"))
}
