//! Generates the judge's registry from the course manifest: per exercise, the proxies that
//! reach the learner's functions in the learner process (from the exercise's `Impl` in
//! `crates/bindings`, by `mathlings_course::bindgen`), and the glue that grades a target
//! with the exercise's checks, and draws its figures (`crates/figures`, for the exercises
//! that have a module there). No learner file is read: the judge builds once per course.

use std::fmt::Write as _;
use std::path::PathBuf;

use mathlings_course::Manifest;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.join("../..");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let manifest_file = root.join(mathlings_course::MANIFEST_FILE);
    println!("cargo:rerun-if-changed={}", manifest_file.display());
    let manifest = Manifest::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let figures_dir = root.join("crates/figures/src");
    // A new figures module changes the folder (cargo watches every file under it).
    println!("cargo:rerun-if-changed={}", figures_dir.display());
    let mut glue = String::from("/// One module per exercise.\npub mod glue {\n");
    let mut registry = String::from(
        "/// Every exercise, in teaching order.\npub static EXERCISES: &[Entry] = &[\n",
    );
    for ex in &manifest.exercises {
        let id = &ex.id;
        let module_path = ex.module_path();
        let source_path = root.join("crates/bindings/src").join(&ex.file);
        println!("cargo:rerun-if-changed={}", source_path.display());
        let source = std::fs::read_to_string(&source_path)
            .unwrap_or_else(|e| panic!("{}: {e}", source_path.display()));
        let generated = mathlings_course::bindgen::generate(id, &module_path, &source, "unused")
            .unwrap_or_else(|e| panic!("{e}"));
        let file = out.join(format!("{id}.rs"));
        let solution = generated.bind(&format!("mathlings_solutions::{module_path}"));
        let figures = figures_dir
            .join(&ex.file)
            .is_file()
            .then(|| format!("mathlings_figures::{module_path}"));
        std::fs::write(
            &file,
            glue_module(
                id,
                &module_path,
                &generated.judge,
                &solution,
                figures.as_deref(),
            ),
        )
        .unwrap();
        writeln!(glue, "    include!({:?});", file.display().to_string()).unwrap();
        writeln!(
            registry,
            "    Entry {{ id: {id:?}, allow: &{:?}, grade: glue::{id}::grade, verify: glue::{id}::verify, describe: glue::{id}::describe, figures: glue::{id}::figures }},",
            ex.allow
        )
        .unwrap();
    }
    glue.push_str("}\n");
    registry.push_str("];\n");
    std::fs::write(out.join("registry.rs"), glue + &registry).unwrap();
}

/// `figures`: the path of the exercise's figures module, if it has one.
fn glue_module(
    id: &str,
    module_path: &str,
    proxies: &str,
    solution: &str,
    figures: Option<&str>,
) -> String {
    let draw = match figures {
        Some(module) => format!("{module}::figures(imp, options.seed)"),
        None => "{ let _ = (imp, options); Vec::new() }".to_string(),
    };
    format!(
        r#"/// Glue for `{id}`.
pub mod {id} {{
    use mathlings_checks::{module_path} as checks;
    use mathlings_checks::Options;
    use mathlings_course::report::{{CheckDescription, ExerciseReport}};

    /// Proxies to the learner's functions (generated from the exercise's `Impl`, whose
    /// types they repeat verbatim).
    #[allow(clippy::type_complexity, clippy::too_many_arguments)]
    mod proxies {{
{proxies}
    }}

    fn solution() -> checks::Impl {{
        {solution}
    }}

    /// Grades one implementation of `{id}`.
    pub fn grade(target: crate::Target, options: &Options) -> Option<ExerciseReport> {{
        let spec = checks::spec();
        match target {{
            crate::Target::Learner => Some(spec.grade(&proxies::proxy(), &solution(), options)),
            crate::Target::Solution => Some(spec.grade(&solution(), &solution(), options)),
            crate::Target::Misconception(i) => spec.grade_misconception(i, &solution(), options),
        }}
    }}

    /// Proves the checks of `{id}` sound on the solution and the misconceptions (the
    /// stub's failures are proven through the learner process, by the grader).
    pub fn verify(options: &Options) -> Vec<String> {{
        checks::spec().verify(&solution(), None, options)
    }}

    /// The figures of one implementation of `{id}` (none when the exercise has no figures
    /// module); `None` when the target does not exist.
    pub fn figures(target: crate::Target, options: &Options) -> Option<Vec<mathlings_plot::Figure>> {{
        let draw = |imp: &checks::Impl| -> Vec<mathlings_plot::Figure> {{ {draw} }};
        match target {{
            crate::Target::Learner => Some(draw(&proxies::proxy())),
            crate::Target::Solution => Some(draw(&solution())),
            crate::Target::Misconception(i) => {{
                checks::spec().misconceptions.get(i).map(|m| draw(&m.implementation))
            }}
        }}
    }}

    /// Describes the checks of `{id}`.
    pub fn describe() -> CheckDescription {{
        checks::spec().describe()
    }}
}}
"#
    )
}
