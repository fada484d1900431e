//! Generates the runner's registry from the course manifest: one `#[path]` module per
//! learner exercise (so a broken file can be left out without touching it) and one glue
//! module per exercise binding the learner's module and the solution to the exercise's
//! checks with its `mathlings_bindings::bind_<id>!` macro.
//!
//! Environment (set by `cargo xtask`, all optional):
//! - `MATHLINGS_EXERCISES_DIR`: the learner's `src` folder (default: `exercises/src`);
//! - `MATHLINGS_EXCLUDE`: comma-separated ids whose learner file is left out (it does not
//!   compile, or is missing);
//! - `MATHLINGS_SUBMISSION_STAMP`: a content hash of the learner's files, so that a
//!   submission written with old modification times is still rebuilt.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mathlings_course::Manifest;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.join("../..").canonicalize().unwrap();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!(
        "cargo:rerun-if-changed={}",
        root.join(mathlings_course::MANIFEST_FILE).display()
    );
    for var in [
        "MATHLINGS_EXERCISES_DIR",
        "MATHLINGS_EXCLUDE",
        "MATHLINGS_SUBMISSION_STAMP",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let manifest = match Manifest::load(&root) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    let exercises_dir = std::env::var("MATHLINGS_EXERCISES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("exercises/src"));
    let excluded: Vec<String> = std::env::var("MATHLINGS_EXCLUDE")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();

    let glue_dir = out.join("glue");
    std::fs::create_dir_all(&glue_dir).unwrap();
    let mut learner = String::from(
        "/// The learner's exercises, compiled from their files in place.\npub mod learner {\n",
    );
    let mut glue = String::from(
        "/// One module per exercise binding implementations to its checks.\npub mod glue {\n",
    );
    let mut registry = String::from(
        "/// Every exercise, in teaching order.\npub static EXERCISES: &[Entry] = &[\n",
    );
    for ex in &manifest.exercises {
        let id = &ex.id;
        let file = exercises_dir.join(&ex.file);
        let compiled = !excluded.contains(id) && file.exists();
        if compiled {
            writeln!(
                learner,
                "    #[allow(unused_variables, unused_imports, unused_mut, dead_code, clippy::all, rustdoc::broken_intra_doc_links)]\n    #[path = {:?}]\n    pub mod {id};",
                path_str(&file)
            )
            .unwrap();
        }
        let glue_file = glue_dir.join(format!("{id}.rs"));
        std::fs::write(&glue_file, glue_module(id, &ex.module_path(), compiled)).unwrap();
        writeln!(glue, "    include!({:?});", path_str(&glue_file)).unwrap();
        writeln!(
            registry,
            "    Entry {{ id: {id:?}, learner_compiled: {compiled}, grade: glue::{id}::grade, verify: glue::{id}::verify, describe: glue::{id}::describe }},"
        )
        .unwrap();
    }
    learner.push_str("}\n");
    glue.push_str("}\n");
    registry.push_str("];\n");
    std::fs::write(out.join("registry.rs"), learner + &glue + &registry).unwrap();
}

fn glue_module(id: &str, module_path: &str, compiled: bool) -> String {
    let learner = if compiled {
        format!("{{ use crate::learner::{id} as m; Some(mathlings_bindings::bind_{id}!(m)) }}")
    } else {
        "None".to_string()
    };
    format!(
        r#"/// Glue for `{id}`.
pub mod {id} {{
    use mathlings_checks::{module_path} as checks;
    use mathlings_checks::Options;
    use mathlings_course::report::{{CheckDescription, ExerciseReport}};

    fn learner() -> Option<checks::Impl> {{
        {learner}
    }}

    fn solution() -> checks::Impl {{
        use mathlings_solutions::{module_path} as m;
        mathlings_bindings::bind_{id}!(m)
    }}

    /// Grades one implementation of `{id}`.
    pub fn grade(target: crate::Target, options: &Options) -> Option<ExerciseReport> {{
        let spec = checks::spec();
        match target {{
            crate::Target::Learner => learner().map(|imp| spec.grade(&imp, &solution(), options)),
            crate::Target::Solution => Some(spec.grade(&solution(), &solution(), options)),
            crate::Target::Misconception(i) => spec.grade_misconception(i, &solution(), options),
        }}
    }}

    /// Proves the checks of `{id}` sound, with the learner's module as the stub.
    pub fn verify(options: &Options) -> Vec<String> {{
        checks::spec().verify(&solution(), learner().as_ref(), options)
    }}

    /// Describes the checks of `{id}`.
    pub fn describe() -> CheckDescription {{
        checks::spec().describe()
    }}
}}
"#
    )
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}
