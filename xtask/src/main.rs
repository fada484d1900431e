//! `cargo xtask`: the mathlings course tool (learners), grader (courses) and
//! curriculum checker (instructors). `main` only parses the command line and dispatches
//! to one module per verb.

mod bench;
mod check;
mod class_charts;
mod class_report;
mod dependency_seed;
mod engine;
mod fresh;
mod grade;
mod gradebook;
mod hint;
mod learner_crate;
mod list;
mod method_lint;
mod mutants;
mod new;
mod plot;
mod progress;
mod record;
mod render;
mod report;
mod repro;
mod reset;
mod sandboxing;
mod verify;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use mathlings_course::Manifest;

/// The mathlings course: learn the maths behind AI/ML by implementing it.
#[derive(Parser)]
#[command(name = "cargo xtask", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(Subcommand)]
enum Verb {
    /// Start (or resume) the course: shows the current exercise and re-checks it every time
    /// you save. Keys: h hint, n next, l list, t repro test, p plot, r re-check, q quit.
    Watch(watch::WatchArgs),
    /// List every exercise with its section and status.
    List(list::ListArgs),
    /// Check exercises (the given ids, or --all); exits 0 only when all pass.
    Check(check::CheckArgs),
    /// Draw an exercise's figures (your answer against the reference) into
    /// .mathlings/plots/, with a gallery of every exercise plotted: index.html.
    Plot(plot::PlotArgs),
    /// Show the next hint for an exercise (then its further reading).
    Hint(hint::HintArgs),
    /// Restore an exercise's stub; your current text is kept in .mathlings/backups/.
    Reset(reset::ResetArgs),
    /// Write an exercise's failing case as a unit test, exercises/tests/repro_<ID>.rs, for
    /// `cargo test -p mathlings-exercises --test repro_<ID>` (a debugger, prints).
    Repro(repro::ReproArgs),
    /// (Courses) Grade a submission or a whole class: score, reports (JSON, JUnit,
    /// Markdown, Gradescope, GitHub Classroom), exit status.
    Grade(Box<grade::GradeArgs>),
    /// (Courses) Merge the outputs of `grade --batch --shard K/N` into one gradebook and a
    /// class report (Markdown and HTML): scores, statuses, failed properties, misconceptions.
    Gradebook(gradebook::GradebookArgs),
    /// (Developers) Measure the grader: save → verdict, check --all, batch grading with a
    /// shared cache against a fresh build per submission.
    Bench(bench::BenchArgs),
    /// (Instructors) Scaffold a new exercise: stub, solution, checks skeleton, manifest
    /// entry; `verify` fails until they are completed.
    New(new::NewArgs),
    /// (Instructors) Prove the curriculum sound: solutions pass, stubs and misconceptions
    /// fail, signatures and files agree, solutions formatted and clippy-clean.
    Verify(verify::VerifyArgs),
}

/// Options shared by the verbs that run checks.
#[derive(Args, Clone, Debug)]
pub struct RunOptions {
    /// Seed for every generated input (the same seed gives the same verdicts).
    #[arg(long, default_value_t = 2026, value_parser = parse_seed)]
    pub seed: u64,
    /// Generated cases per property.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub cases: u32,
    /// Exercises checked at once (default: the number of CPUs).
    #[arg(long)]
    pub jobs: Option<usize>,
}

fn parse_seed(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let parsed = match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| format!("`{s}` is not a seed: use an integer from 0 to {}", u64::MAX))
}

/// The course being worked on.
pub struct Course {
    /// Workspace root.
    pub root: PathBuf,
    /// The manifest.
    pub manifest: Manifest,
}

impl Course {
    /// Loads the course from the workspace that holds this tool.
    pub fn load() -> Result<Course, String> {
        let root = project_root()?;
        let manifest = Manifest::load(&root).map_err(|e| e.to_string())?;
        Ok(Course { root, manifest })
    }

    /// A grader for the learner's working tree.
    pub fn grader(&self, run: &RunOptions) -> engine::Grader {
        engine::Grader {
            root: self.root.clone(),
            manifest: self.manifest.clone(),
            exercises_dir: self.root.join("exercises/src"),
            target_dir: target_dir(&self.root),
            seed: run.seed,
            cases: run.cases,
            limits: engine::Limits::default(),
            sandbox: engine::SandboxMode::BestEffort,
            bless: false,
            first_failure: false,
            deterministic: false,
            judge: None,
            jobs: run
                .jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        }
    }

    /// Checks that every id exists, in the manifest's words if not.
    pub fn known_ids(&self, ids: &[String]) -> Result<(), String> {
        for id in ids {
            if self.manifest.get(id).is_none() {
                let close: Vec<&str> = self
                    .manifest
                    .exercises
                    .iter()
                    .map(|e| e.id.as_str())
                    .filter(|e| e.contains(id.as_str()) || id.contains(*e))
                    .take(3)
                    .collect();
                let suggestion = if close.is_empty() {
                    "run `cargo xtask list` to see every id".to_string()
                } else {
                    format!("did you mean {}?", close.join(", "))
                };
                return Err(format!("unknown exercise `{id}`: {suggestion}"));
            }
        }
        Ok(())
    }
}

/// The course root, found at run time so that a moved or copied checkout (even with its
/// `target/`) grades, builds and writes itself: `MATHLINGS_COURSE_ROOT` when set (the
/// grader's own tests point it at a damaged copy of the course); else the parent of the
/// `CARGO_MANIFEST_DIR` that `cargo xtask` (`cargo run`) sets at run time; else the nearest
/// folder holding `course.toml` above the current directory, then above this executable.
pub fn project_root() -> Result<PathBuf, String> {
    if let Some(root) = std::env::var_os("MATHLINGS_COURSE_ROOT") {
        return Ok(PathBuf::from(root));
    }
    let is_course = |dir: &std::path::Path| dir.join(mathlings_course::MANIFEST_FILE).is_file();
    if let Some(xtask) = std::env::var_os("CARGO_MANIFEST_DIR")
        && let Some(root) = std::path::Path::new(&xtask).parent()
        && is_course(root)
    {
        return Ok(root.to_path_buf());
    }
    let from_cwd = std::env::current_dir().ok();
    let from_exe = std::env::current_exe().ok();
    [from_cwd, from_exe]
        .into_iter()
        .flatten()
        .find_map(|start| start.ancestors().find(|d| is_course(d)).map(PathBuf::from))
        .ok_or_else(|| {
            format!(
                "cannot find the course: run `cargo xtask` inside the course's folder (the one \
                 with {}), or set MATHLINGS_COURSE_ROOT",
                mathlings_course::MANIFEST_FILE
            )
        })
}

/// The cargo target directory in use.
pub fn target_dir(root: &std::path::Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn main() -> ExitCode {
    // `xtask` re-executes itself as the sandbox launcher of the learner crate's build.
    mathlings_sandbox::launch_if_requested();
    let cli = Cli::parse();
    let result = match cli.verb {
        Verb::Watch(a) => watch::run(a),
        Verb::List(a) => list::run(a),
        Verb::Check(a) => check::run(a),
        Verb::Plot(a) => plot::run(a),
        Verb::Hint(a) => hint::run(a),
        Verb::Reset(a) => reset::run(a),
        Verb::Repro(a) => repro::run(a),
        Verb::Verify(a) => verify::run(a),
        Verb::Grade(a) => grade::run(*a),
        Verb::Gradebook(a) => gradebook::run(a),
        Verb::New(a) => new::run(a),
        Verb::Bench(a) => bench::run(a),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
