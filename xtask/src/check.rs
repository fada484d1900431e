//! `cargo xtask check [ID…|--all]`: grade exercises once and show the feedback.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::engine::Grader;
use crate::progress::Progress;
use crate::{Course, RunOptions, render};

/// Arguments of `check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Exercise ids to check (default: the current exercise).
    pub ids: Vec<String>,
    /// Check every exercise.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// Check the exercise files in this folder (laid out like exercises/src) instead of
    /// the working tree's; used by the grader's own tests.
    #[arg(long, hide = true, value_name = "DIR")]
    pub exercises_dir: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `check`.
pub fn run(args: CheckArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(&args.ids)?;
    let state_root = state_root(&course, args.exercises_dir.as_deref());
    let mut progress = Progress::load(&state_root);
    let ids: Vec<String> = if args.all {
        course
            .manifest
            .exercises
            .iter()
            .map(|e| e.id.clone())
            .collect()
    } else if args.ids.is_empty() {
        vec![current(&course, &progress)]
    } else {
        args.ids.clone()
    };
    let grader = grader(&course, &args.run, args.exercises_dir.as_deref())?;
    if let Some(line) = crate::sandboxing::unconfined_note() {
        eprintln!("{line}");
    }
    let verdicts = grader.grade(&ids).map_err(|e| e.to_string())?;
    let colour = render::colour();
    let mut all_pass = true;
    for v in &verdicts {
        let ex = course.manifest.get(&v.id).expect("known id");
        let passed = v.status == crate::engine::Status::Pass;
        all_pass &= passed;
        progress.record(&v.id, passed);
        let shown = progress.hints_shown.get(&v.id).copied().unwrap_or(0);
        if args.all && passed {
            println!(
                "{}",
                render::verdict(ex, v, shown, colour)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
        } else {
            print!("{}", render::verdict(ex, v, shown, colour));
        }
    }
    let solved = verdicts
        .iter()
        .filter(|v| v.status == crate::engine::Status::Pass)
        .count();
    println!(
        "{solved}/{} passed · seed {}",
        verdicts.len(),
        args.run.seed
    );
    progress
        .save(&state_root)
        .map_err(|e| format!("cannot save progress: {e}"))?;
    Ok(if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Where the learner's state (`.mathlings/`) lives: the course root, or beside a checked
/// folder other than the working tree (`--exercises-dir`), which keeps its own.
pub fn state_root(course: &Course, exercises_dir: Option<&Path>) -> PathBuf {
    match exercises_dir {
        Some(dir) => dir
            .parent()
            .map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
        None => course.root.clone(),
    }
}

/// A grader of the working tree's exercises, or of `exercises_dir`'s.
pub fn grader(
    course: &Course,
    run: &RunOptions,
    exercises_dir: Option<&Path>,
) -> Result<Grader, String> {
    let mut grader = course.grader(run);
    if let Some(dir) = exercises_dir {
        grader.exercises_dir = dir
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    }
    Ok(grader)
}

/// The current exercise: the one recorded, else the first unsolved.
pub fn current(course: &Course, progress: &Progress) -> String {
    progress
        .current
        .clone()
        .filter(|id| course.manifest.get(id).is_some())
        .or_else(|| {
            course
                .manifest
                .exercises
                .iter()
                .find(|e| !progress.solved.contains_key(&e.id))
                .map(|e| e.id.clone())
        })
        .unwrap_or_else(|| course.manifest.exercises[0].id.clone())
}
