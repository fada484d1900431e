//! `cargo xtask new SECTION NAME` (instructors): scaffolds an exercise — stub (in
//! `exercises/src` and as the stub the course ships, `crates/course/stubs`), solution,
//! interface (`Impl` in `mathlings-bindings`), checks skeleton, `mod`
//! declarations (in sorted place) and the manifest entry (at the end of its section, under
//! the section's header) — rustfmt-formatted, such that `verify` fails until every part is
//! filled in.

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
            format!("{}/{file}", mathlings_course::STUBS_DIR),
            stub(section, name, error, error_type),
        ),
        (
            format!("solutions/src/{file}"),
            solution(section, name, error, error_type),
        ),
        (
            format!("crates/bindings/src/{file}"),
            bindings(&id, name, error_type),
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
    let mut written: Vec<String> = files.iter().map(|(path, _)| path.clone()).collect();
    for krate in [
        "exercises/src",
        "solutions/src",
        "crates/bindings/src",
        "crates/checks/src",
    ] {
        written.extend(declare(&course.root, krate, part, &id)?);
    }
    insert_manifest_entry(&course.root, section, &id, &file)?;
    println!("Created exercise {id} (section {section}):");
    for (path, _) in &files {
        println!("  {path}");
    }
    if let Err(e) = rustfmt(&course.root, &written) {
        println!("warning: {e}; run `cargo fmt` before committing.");
    }
    println!(
        "and its [[exercise]] entry in course.toml. `cargo xtask verify {id}` fails until you:\n\
         1. write the concept, formula and signature in the stub (keep the `// TODO:` and `todo!()`);\n\
         2. write the solution (same signatures);\n\
         3. in the bindings, make `Impl` match the signature (each field is bound to the function of its name); in the checks, add ≥ 3 weighted\n\
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

fn bindings(id: &str, name: &str, error_type: &str) -> String {
    format!(
        r#"//! The interface of {id}.

use mathlings_types::{error_type};

/// The exercise's signature.
pub struct Impl {{
    /// `{name}(x)`.
    pub {name}: fn(&[f64]) -> Result<f64, {error_type}>,
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

/// Formats the files (relative to `root`) the way `cargo fmt` would.
fn rustfmt(root: &Path, files: &[String]) -> Result<(), String> {
    let out = std::process::Command::new("rustfmt")
        .current_dir(root)
        .args(["--edition", crate::verify::EDITION])
        .args(files)
        .output()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Declares `part::id` in `krate` (relative to `root`): `pub mod <id>;` among the part's
/// sorted `pub mod` lines, and `pub mod <part>;` in `lib.rs` if missing. Returns the files
/// it wrote.
fn declare(root: &Path, krate: &str, part: &str, id: &str) -> Result<Vec<String>, String> {
    let mut written = Vec::new();
    let mod_rs = format!("{krate}/{part}/mod.rs");
    let text = std::fs::read_to_string(root.join(&mod_rs)).unwrap_or_default();
    if let Some(new_text) = with_module(&text, id) {
        std::fs::write(root.join(&mod_rs), new_text)
            .map_err(|e| format!("cannot write {mod_rs}: {e}"))?;
        written.push(mod_rs);
    }
    let lib = format!("{krate}/lib.rs");
    let lib_text =
        std::fs::read_to_string(root.join(&lib)).map_err(|e| format!("cannot read {lib}: {e}"))?;
    if let Some(new_text) = with_module(&lib_text, part) {
        std::fs::write(root.join(&lib), new_text)
            .map_err(|e| format!("cannot write {lib}: {e}"))?;
        written.push(lib);
    }
    Ok(written)
}

/// `text` with `pub mod <name>;` inserted where rustfmt's sorting puts it (before the first
/// `pub mod` line that sorts after it, else after the last), or `None` if declared already.
fn with_module(text: &str, name: &str) -> Option<String> {
    let line = format!("pub mod {name};");
    if text.lines().any(|l| l.trim() == line) {
        return None;
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let declared = |l: &&str| l.starts_with("pub mod ") && l.ends_with(';');
    let at = match lines
        .iter()
        .position(|l| declared(l) && **l > *line.as_str())
    {
        Some(at) => at,
        None => lines
            .iter()
            .rposition(declared)
            .map_or(lines.len(), |last| last + 1),
    };
    lines.insert(at, &line);
    Some(lines.join("\n") + "\n")
}

/// Inserts the entry after the last exercise of the same or an earlier section, above the
/// comment headers of the next section (`# --- 1.4 ---`, `# ── Part 2 …`); a new section
/// gets its own header.
fn insert_manifest_entry(root: &Path, section: &str, id: &str, file: &str) -> Result<(), String> {
    let path = root.join(mathlings_course::MANIFEST_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    std::fs::write(&path, with_manifest_entry(&text, section, id, file))
        .map_err(|e| format!("cannot write course.toml: {e}"))
}

/// `text` (a manifest) with the new exercise's entry in place (see [`insert_manifest_entry`]).
fn with_manifest_entry(text: &str, section: &str, id: &str, file: &str) -> String {
    let key = |s: &str| {
        s.split('.')
            .map(|p| p.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    let entry = format!(
        "[[exercise]]\nid = \"{id}\"\nsection = \"{section}\"\ntitle = \"TODO: title\"\nfile = \"{file}\"\npoints = 10\nhints = [\"TODO: a conceptual first hint\", \"TODO: a hint that is nearly the code\"]\nreading = [\"TODO: chapter-level pointer (3Blue1Brown, Imperial MML, Khan Academy, ISL, MML book)\"]\nforbidden = []\n"
    );
    // Byte offsets of each [[exercise]] block, its section, and where its own lines end
    // (before the blank and comment lines that head the next block).
    let starts: Vec<usize> = text.match_indices("[[exercise]]").map(|(i, _)| i).collect();
    let mut after: Option<(usize, &str)> = None;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let block = &text[start..end];
        let block_section = block
            .lines()
            .find_map(|l| l.strip_prefix("section = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or("");
        if key(block_section) <= key(section) {
            let own: Vec<&str> = block.lines().collect();
            let kept = own
                .iter()
                .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .map_or(0, |i| i + 1);
            let length: usize = own[..kept].iter().map(|l| l.len() + 1).sum();
            after = Some(((start + length).min(text.len()), block_section));
        }
    }
    match after {
        Some((at, previous)) => {
            let header = if previous == section {
                String::new()
            } else {
                format!("# --- {section} ---\n")
            };
            let head = &text[..at];
            let separator = if head.ends_with('\n') { "\n" } else { "\n\n" };
            format!("{head}{separator}{header}{entry}{}", &text[at..])
        }
        None => match starts.first() {
            Some(&first) => format!(
                "{}# --- {section} ---\n{entry}\n{}",
                &text[..first],
                &text[first..]
            ),
            None => format!("{}\n\n# --- {section} ---\n{entry}", text.trim_end()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "format_version = 1\n\n# ── Part 1 ──\n\n# --- 1.1 ---\n[[exercise]]\nid = \"a\"\nsection = \"1.1\"\n\n[[exercise]]\nid = \"b\"\nsection = \"1.1\"\n\n# --- 1.2 ---\n[[exercise]]\nid = \"c\"\nsection = \"1.2\"\n\n# ── Part 2 ──\n\n# --- 2.1 ---\n[[exercise]]\nid = \"d\"\nsection = \"2.1\"\n";

    fn ids_under_headers(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut header = String::new();
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("# --- ") {
                header = h.trim_end_matches(" ---").to_string();
            }
            if let Some(id) = line.strip_prefix("id = ") {
                out.push(format!("{header}:{}", id.trim_matches('"')));
            }
        }
        out
    }

    #[test]
    fn the_manifest_entry_goes_under_its_section() {
        let text = with_manifest_entry(MANIFEST, "1.1", "s1_1_new", "p1_stats/s1_1_new.rs");
        assert_eq!(
            ids_under_headers(&text),
            ["1.1:a", "1.1:b", "1.1:s1_1_new", "1.2:c", "2.1:d"]
        );
        assert!(text.contains("section = \"1.1\"\n\n[[exercise]]\nid = \"s1_1_new\""));
        assert!(text.contains("forbidden = []\n\n# --- 1.2 ---"), "{text}");
        // The last section of a part, and a new section, each under their own header.
        let text = with_manifest_entry(MANIFEST, "1.2", "s1_2_new", "p1_stats/s1_2_new.rs");
        let text = with_manifest_entry(&text, "1.3", "s1_3_new", "p1_stats/s1_3_new.rs");
        let text = with_manifest_entry(&text, "2.2", "s2_2_new", "p2_linalg/s2_2_new.rs");
        assert_eq!(
            ids_under_headers(&text),
            [
                "1.1:a",
                "1.1:b",
                "1.2:c",
                "1.2:s1_2_new",
                "1.3:s1_3_new",
                "2.1:d",
                "2.2:s2_2_new"
            ]
        );
        assert!(text.contains("forbidden = []\n\n# ── Part 2 ──"), "{text}");
        assert!(text.ends_with("forbidden = []\n"), "{text}");
    }

    #[test]
    fn modules_are_declared_in_sorted_place_once() {
        let text = "//! Part.\n\npub mod s1_1_a;\npub mod s1_3_c;\n";
        let text = with_module(text, "s1_2_b").unwrap();
        assert_eq!(
            text,
            "//! Part.\n\npub mod s1_1_a;\npub mod s1_2_b;\npub mod s1_3_c;\n"
        );
        assert_eq!(with_module(&text, "s1_2_b"), None);
        assert_eq!(
            with_module("#![allow(x)]\n\npub mod p1_stats;\n", "p2_linalg").unwrap(),
            "#![allow(x)]\n\npub mod p1_stats;\npub mod p2_linalg;\n"
        );
    }

    /// The scaffolding is rustfmt-clean as generated (rustfmt then runs on it anyway).
    #[test]
    fn the_scaffolding_is_rustfmt_clean() {
        let error = "mathlings_linalg::LinalgError";
        for (what, text) in [
            ("stub", stub("2.4", "gram_schmidt", error, "LinalgError")),
            (
                "solution",
                solution("2.4", "gram_schmidt", error, "LinalgError"),
            ),
            (
                "bindings",
                bindings("s2_4_gram_schmidt", "gram_schmidt", "LinalgError"),
            ),
            (
                "checks",
                checks("s2_4_gram_schmidt", "p2_linalg", "gram_schmidt"),
            ),
        ] {
            let mut child = std::process::Command::new("rustfmt")
                .args(["--edition", crate::verify::EDITION, "--check"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("rustfmt runs");
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{what} is not rustfmt-clean:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}
