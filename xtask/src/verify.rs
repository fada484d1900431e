//! `cargo xtask verify` (instructors): proves the curriculum sound.
//!
//! 1. layout: manifest, files, signatures, snapshots agree (`mathlings_course::layout_problems`);
//! 2. soundness, per exercise in its own limited process: the solution passes every
//!    property, the stub fails every property, every misconception fails at least one
//!    property and is diagnosed as itself;
//! 3. the solutions are rustfmt-formatted and clippy-clean.

use std::process::{Command, ExitCode};

use clap::Args;
use rayon::prelude::*;

use crate::engine::{RunFailure, RunOutput};
use crate::{Course, RunOptions};

/// Arguments of `verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// Only these exercises (default: all).
    pub ids: Vec<String>,
    /// Skip rustfmt and clippy on the solutions.
    #[arg(long)]
    pub no_lint: bool,
    /// First (re)write the real-data snapshots from the solutions; review them with
    /// `git diff crates/checks/snapshots` before committing.
    #[arg(long)]
    pub bless: bool,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `verify`.
pub fn run(args: VerifyArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(&args.ids)?;
    let mut problems = mathlings_course::layout_problems(&course.root, &course.manifest);
    let mut grader = course.grader(&args.run);
    grader.bless = args.bless;
    let build = grader.build().map_err(|e| e.to_string())?;
    let ids: Vec<&mathlings_course::Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| args.ids.is_empty() || args.ids.contains(&e.id))
        .collect();
    let runner = build.runner();
    if args.bless {
        ids.par_iter().for_each(|ex| {
            let _ = grader.run(runner, "grade", &ex.id, "solution", ex.timeout());
        });
    }
    let soundness: Vec<String> = ids
        .par_iter()
        .flat_map(|ex| {
            if let Some(message) = build.compile_error(&ex.id) {
                return vec![format!("{}: the stub does not compile:\n{message}", ex.id)];
            }
            // Four implementations per exercise are graded in one run: allow for that.
            let timeout = ex.timeout() * 4;
            match grader.run(runner, "verify", &ex.id, "learner", timeout) {
                Ok(RunOutput::Problems(p)) => {
                    p.into_iter().map(|p| format!("{}: {p}", ex.id)).collect()
                }
                Ok(RunOutput::Report(_)) => vec![format!("{}: unexpected runner output", ex.id)],
                Err(RunFailure::Timeout(t)) => vec![format!(
                    "{}: verification timed out after {} s",
                    ex.id,
                    t.as_secs()
                )],
                Err(RunFailure::Crashed(d)) => {
                    vec![format!("{}: verification crashed: {d}", ex.id)]
                }
            }
        })
        .collect();
    problems.extend(soundness);
    if !args.no_lint {
        problems.extend(lint(&course));
    }
    if problems.is_empty() {
        println!(
            "verify: {} exercise(s) sound; layout, signatures and lints agree.",
            ids.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &problems {
            println!("✗ {p}");
        }
        println!("verify: {} problem(s)", problems.len());
        Ok(ExitCode::FAILURE)
    }
}

fn lint(course: &Course) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut problems = Vec::new();
    let fmt = Command::new(&cargo)
        .current_dir(&course.root)
        .args(["fmt", "--package", "mathlings-solutions", "--", "--check"])
        .output();
    match fmt {
        Ok(out) if out.status.success() => {}
        Ok(out) => problems.push(format!(
            "solutions are not rustfmt-formatted:\n{}",
            String::from_utf8_lossy(&out.stdout)
        )),
        Err(e) => problems.push(format!("cannot run cargo fmt: {e}")),
    }
    let clippy = Command::new(&cargo)
        .current_dir(&course.root)
        .args([
            "clippy",
            "--quiet",
            "--package",
            "mathlings-solutions",
            "--",
            "-D",
            "warnings",
        ])
        .output();
    match clippy {
        Ok(out) if out.status.success() => {}
        Ok(out) => problems.push(format!(
            "solutions are not clippy-clean:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => problems.push(format!("cannot run cargo clippy: {e}")),
    }
    problems
}
