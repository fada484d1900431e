//! The learner crate: the only code built from a learner's files. It holds their exercise
//! files, one generated adapter per exercise (from `mathlings_course::bindgen`) and a
//! `main` that serves the judge's calls (`mathlings_wire::learner::serve`).
//!
//! It is generated into a staging folder under the target directory and built into a
//! target directory of its own, so its dependency search path holds only what a learner
//! may use: std, nalgebra, rand, rand_chacha, rayon, the course's types, the protocol,
//! the bindings and the four facades that stand in for the reference crates (their types
//! and, answered by the judge, the items an exercise may be allowed to call). The checks,
//! the solutions, the reference algorithms, proptest and insta are not there to be named.
//!
//! **Invariant:** files are written only when their content changed, so cargo's
//! modification-time check sees exactly the content changes (never a stale build, and no
//! rebuild for an unchanged file).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mathlings_course::{Exercise, Manifest};

/// Largest exercise file accepted.
pub const MAX_FILE: u64 = 1 << 20;

/// Why one exercise's file is not compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Missing or unreadable.
    Missing(String),
    /// Over [`MAX_FILE`], or not a regular file.
    Refused(String),
    /// A link to a file outside the submission.
    Escapes(String),
}

/// One exercise file as staged.
#[derive(Debug, Clone)]
pub struct Staged {
    /// Its text (UTF-8; Latin-1 files are converted).
    pub text: String,
    /// A note for the learner about the conversion, if any.
    pub note: Option<String>,
}

/// Reads exercise `ex` from the submission folder `src`, refusing links that leave it,
/// files over 1 MiB and anything but a regular file.
pub fn read_exercise(src: &Path, ex: &Exercise) -> Result<Staged, FileProblem> {
    let path = src.join(&ex.file);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Err(FileProblem::Missing(format!(
            "{} is missing or unreadable",
            path.display()
        )));
    };
    if meta.file_type().is_symlink() {
        let inside = match (path.canonicalize(), src.canonicalize()) {
            (Ok(target), Ok(root)) => target.starts_with(&root),
            _ => false,
        };
        if !inside {
            return Err(FileProblem::Escapes(format!(
                "{} is a link to a file outside your exercises folder; it is not read",
                path.display()
            )));
        }
    }
    let meta = std::fs::metadata(&path)
        .map_err(|e| FileProblem::Missing(format!("{}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(FileProblem::Refused(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    if meta.len() > MAX_FILE {
        return Err(FileProblem::Refused(format!(
            "{} is {} bytes; an exercise file may hold at most 1 MiB",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| FileProblem::Missing(format!("{}: {e}", path.display())))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Staged { text, note: None },
        Err(e) => {
            // Not UTF-8: read it as Latin-1 (every byte is a character), which keeps code
            // (ASCII) intact and comments legible.
            let text: String = e.into_bytes().iter().map(|&b| char::from(b)).collect();
            Staged {
                text,
                note: Some(format!(
                    "{} is not UTF-8; it was read as Latin-1 (save it as UTF-8 to silence this)",
                    ex.file
                )),
            }
        }
    })
}

/// Where the learner crate lives.
pub struct Layout {
    /// The crate's folder (Cargo.toml, src/).
    pub stage: PathBuf,
    /// Its own target directory.
    pub target: PathBuf,
}

impl Layout {
    /// The layout under the course's target directory.
    pub fn new(target_dir: &Path) -> Layout {
        let base = target_dir.join("mathlings/learner");
        Layout {
            stage: base.join("crate"),
            target: base.join("target"),
        }
    }

    /// The staged path of an exercise file, relative to the crate folder.
    pub fn relative_file(ex: &Exercise) -> String {
        format!("src/learner/{}", ex.file)
    }
}

/// Writes the learner crate for `files` (the exercises to compile) into `layout.stage`: a
/// workspace with one small crate per exercise (`ex/<id>/lib.rs`: the learner's file as
/// module `learner`, and its adapter), so that an edit recompiles one exercise, and the
/// binary that serves them all (`src/main.rs`).
///
/// # Errors
/// When a file cannot be written, or an exercise's bindings cannot be generated (a bug in
/// the course).
pub fn write(
    root: &Path,
    manifest: &Manifest,
    files: &BTreeMap<String, String>,
    layout: &Layout,
) -> Result<(), String> {
    let stage = &layout.stage;
    let mut lookup = String::from(
        "//! The learner process (generated by `cargo xtask`; edits are overwritten).\n\
         #![forbid(unsafe_code)]\n\n\
         fn lookup(id: &str) -> Option<mathlings_wire::learner::Handler> {\n    match id {\n",
    );
    let mut members = Vec::new();
    let mut wanted = vec![
        stage.join("Cargo.toml"),
        stage.join("Cargo.lock"),
        stage.join("src/main.rs"),
    ];
    for ex in &manifest.exercises {
        let Some(text) = files.get(&ex.id) else {
            continue;
        };
        let id = &ex.id;
        let file = stage.join(Layout::relative_file(ex));
        write_if_changed(&file, text.as_bytes())?;
        wanted.push(file);
        let source_path = root.join("crates/bindings/src").join(&ex.file);
        let source = std::fs::read_to_string(&source_path)
            .map_err(|e| format!("{}: {e}", source_path.display()))?;
        let generated =
            mathlings_course::bindgen::generate(id, &ex.module_path(), &source, "crate::learner")
                .map_err(|e| e.to_string())?;
        let dir = stage.join("ex").join(id);
        let lib = format!(
            "//! Exercise `{id}` (generated by `cargo xtask`; edits are overwritten).\n\
             #![forbid(unsafe_code)]\n\
             #![allow(warnings, clippy::all)]\n\n\
             /// The learner's file.\n#[path = \"../../{}\"]\npub mod learner;\n\n\
             /// Its adapter.\npub mod adapter {{\n{}}}\n",
            Layout::relative_file(ex),
            generated.learner
        );
        write_if_changed(&dir.join("lib.rs"), lib.as_bytes())?;
        write_if_changed(&dir.join("Cargo.toml"), exercise_toml(id).as_bytes())?;
        writeln!(lookup, "        {id:?} => Some(ex_{id}::adapter::handle),").unwrap();
        members.push(id.clone());
    }
    lookup.push_str("        _ => None,\n    }\n}\n\n");
    lookup.push_str("fn main() {\n    mathlings_wire::learner::serve(lookup)\n}\n");
    write_if_changed(&stage.join("src/main.rs"), lookup.as_bytes())?;
    write_if_changed(
        &stage.join("Cargo.toml"),
        cargo_toml(root, &members)?.as_bytes(),
    )?;
    let lock = std::fs::read(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    if !stage.join("Cargo.lock").exists() {
        write_if_changed(&stage.join("Cargo.lock"), &lock)?;
    }
    remove_unwanted(&stage.join("src"), &wanted);
    Ok(())
}

/// The manifest of one exercise's crate: every dependency from the workspace.
fn exercise_toml(id: &str) -> String {
    let mut out = format!(
        "[package]\nname = \"ex_{id}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\n\n[dependencies]\n"
    );
    for dep in LEARNER_DEPENDENCIES {
        writeln!(out, "{dep}.workspace = true").unwrap();
    }
    out
}

/// What a learner's file may use (the four reference-crate names are the facades).
const LEARNER_DEPENDENCIES: [&str; 11] = [
    "nalgebra",
    "rand",
    "rand_chacha",
    "rayon",
    "mathlings-wire",
    "mathlings-bindings",
    "mathlings-types",
    "mathlings-stats",
    "mathlings-linalg",
    "mathlings-calculus",
    "mathlings-models",
];

fn cargo_toml(root: &Path, members: &[String]) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let workspace: toml::Table = text.parse().map_err(|e| format!("Cargo.toml: {e}"))?;
    let deps = workspace
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table())
        .ok_or("Cargo.toml has no [workspace.dependencies]")?;
    let mut out = String::from(
        "# The learner process (generated by `cargo xtask`; edits are overwritten).\n\
         [package]\nname = \"mathlings-learner\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nmathlings-wire.workspace = true\n",
    );
    for id in members {
        writeln!(out, "ex_{id} = {{ path = \"ex/{id}\" }}").unwrap();
    }
    out.push_str("\n[workspace]\nmembers = [\n");
    for id in members {
        writeln!(out, "    \"ex/{id}\",").unwrap();
    }
    out.push_str("]\n\n[workspace.dependencies]\n");
    for name in ["nalgebra", "rand", "rand_chacha", "rayon"] {
        let spec = deps
            .get(name)
            .ok_or_else(|| format!("no workspace dependency {name}"))?;
        writeln!(out, "{name} = {spec}").unwrap();
    }
    let path = |p: &str| toml::Value::String(root.join(p).display().to_string());
    for (name, dir) in [
        ("mathlings-wire", "crates/wire"),
        ("mathlings-bindings", "crates/bindings"),
        ("mathlings-types", "crates/types"),
    ] {
        writeln!(out, "{name} = {{ path = {} }}", path(dir)).unwrap();
    }
    for part in ["stats", "linalg", "calculus", "models"] {
        writeln!(
            out,
            "mathlings-{part} = {{ package = \"mathlings-facade-{part}\", path = {} }}",
            path(&format!("crates/facade/{part}"))
        )
        .unwrap();
    }
    out.push_str("\n[profile.dev]\ndebug = false\n\n[profile.dev.package.\"*\"]\nopt-level = 2\n");
    Ok(out)
}

/// Writes `bytes` to `path` unless it already holds exactly them.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes files under `dir` that are not in `wanted` (exercises no longer compiled).
fn remove_unwanted(dir: &Path, wanted: &[PathBuf]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_unwanted(&path, wanted);
        } else if !wanted.contains(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}
