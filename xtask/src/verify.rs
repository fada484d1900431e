//! `cargo xtask verify [ID…]` (instructors): proves the curriculum sound — the given
//! exercises only, or all of them.
//!
//! 1. layout: manifest, shipped stubs, solutions, signatures, snapshots agree
//!    (`mathlings_course::layout_problems`), and `exercises/src` is the stubs the course
//!    ships (`mathlings_course::stub_drift`);
//! 2. soundness: in the judge, the solution passes every property and every misconception
//!    fails at least one property and is diagnosed as itself; through the real path (built
//!    in the build sandbox, run in the sandboxed learner process), every shipped stub
//!    (`crates/course/stubs`, not the working tree's files) fails every property and every
//!    solution passes every property, and so does every honest alternative solution
//!    (`solutions/alternatives/<id>/<name>.rs`);
//! 3. the solutions are rustfmt-formatted and clippy-clean.
//!
//! `--mutants` instead proves the checks against the solutions' mutants (`mutants.rs`);
//! `--record DIR` instead writes the verdict record (`record.rs`).
//!
//! What it prints carries no colour codes unless standard output is a terminal.

use std::process::{Command, ExitCode};

use clap::Args;
use rayon::prelude::*;

use crate::engine::RunFailure;
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
    /// First copy these exercises' files (default: all) from exercises/src into the stubs
    /// the course ships (crates/course/stubs), after you edited a stub in exercises/src.
    #[arg(long)]
    pub freeze_stubs: bool,
    /// Instead: grade every mutant of each solution (a flipped boundary or operator, a
    /// dropped ± 1, a deleted statement, swapped indices…) and list the survivors, which
    /// fail unless recorded as equivalent in crates/checks/mutants/<ID>.toml.
    #[arg(long)]
    pub mutants: bool,
    /// With --mutants: also re-run exercises already proven for their current contents.
    #[arg(long, requires = "mutants")]
    pub fresh: bool,
    /// With --mutants: only the exercises with a proof on record, re-proving those whose
    /// solution, checks or snapshots changed since (what CI runs).
    #[arg(long, requires = "mutants", conflicts_with = "fresh")]
    pub proven: bool,
    /// With --mutants: only list each mutant and its diff.
    #[arg(long, requires = "mutants")]
    pub list: bool,
    /// Instead: write the verdict record into DIR — at seeds 1 and 2, the judge's report on
    /// each exercise's solution, shipped stub and every misconception, one canonical JSON
    /// file each (DIR/<ID>/<target>.seed<N>.json, nothing time-dependent) — to prove a
    /// change of the checks verdict-neutral (`diff -r` two records, or --against).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["mutants", "bless", "freeze_stubs"])]
    pub record: Option<std::path::PathBuf>,
    /// With --record: then compare with that earlier record; exit status 1, listing every
    /// file that differs, unless identical.
    #[arg(long, value_name = "DIR", requires = "record")]
    pub against: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `verify`.
pub fn run(args: VerifyArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(&args.ids)?;
    if args.mutants {
        let scope = match (args.fresh, args.proven) {
            (true, _) => crate::mutants::Scope::Fresh,
            (_, true) => crate::mutants::Scope::Proven,
            _ => crate::mutants::Scope::All,
        };
        let grader = course.grader(&args.run);
        return crate::mutants::run(&course, grader, &args.ids, scope, args.list);
    }
    if let Some(dir) = &args.record {
        let grader = course.grader(&args.run);
        return crate::record::run(&course, grader, &args.ids, dir, args.against.as_deref());
    }
    if args.freeze_stubs {
        freeze_stubs(&course, &args.ids)?;
    }
    let mut problems = mathlings_course::layout_problems(&course.root, &course.manifest, &args.ids);
    problems.extend(mathlings_course::stub_drift(
        &course.root,
        &course.manifest,
        &args.ids,
    ));
    problems.extend(stray_alternatives(&course));
    let mut grader = course.grader(&args.run);
    grader.bless = args.bless;
    // The stubs the course ships, not the working tree's (which an instructor trying an
    // exercise may have edited).
    grader.exercises_dir = course.root.join(mathlings_course::STUBS_DIR);
    let ids: Vec<&mathlings_course::Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| args.ids.is_empty() || args.ids.contains(&e.id))
        .collect();
    let id_list: Vec<String> = ids.iter().map(|e| e.id.clone()).collect();
    // The stubs, through the real path: built in the build sandbox, run in the learner
    // process; every property must fail.
    let build = grader.build().map_err(|e| e.to_string())?;
    if args.bless {
        ids.par_iter().for_each(|ex| {
            let _ = grader.judge(&build, "grade", &ex.id, "solution", None, ex);
        });
    }
    let mut soundness: Vec<String> = ids
        .par_iter()
        .flat_map(|ex| {
            // The solution and the misconceptions, in the judge (trusted code).
            let mut problems = match grader.judge(&build, "verify", &ex.id, "", None, ex) {
                Ok(response) => response
                    .problems
                    .into_iter()
                    .map(|p| format!("{}: {p}", ex.id))
                    .collect(),
                Err(RunFailure::Timeout(t)) => vec![format!(
                    "{}: verification timed out after {} s",
                    ex.id,
                    t.as_secs()
                )],
                Err(RunFailure::Crashed(d)) => {
                    vec![format!("{}: verification crashed: {d}", ex.id)]
                }
            };
            if let Some(e) = build.excluded(&ex.id) {
                problems.push(format!(
                    "{}: the stub is not gradable ({}):\n{}",
                    ex.id,
                    e.status.words(),
                    e.detail
                ));
            }
            problems
        })
        .collect();
    for v in grader.run_all(&id_list, &build) {
        if let Some(report) = &v.report {
            for p in report.properties.iter().filter(|p| p.passed) {
                soundness.push(format!("{}: the stub passes `{}`", v.id, p.id));
            }
        } else if build.excluded(&v.id).is_none() {
            soundness.push(format!(
                "{}: the stub could not be graded ({}): {}",
                v.id,
                v.status.words(),
                v.detail.unwrap_or_default()
            ));
        }
    }
    // The solutions, through the same real path: every property must pass.
    let mut solutions = grader.clone();
    solutions.exercises_dir = course.root.join("solutions/src");
    let verdicts = solutions.grade(&id_list).map_err(|e| e.to_string())?;
    soundness.extend(verdicts.iter().filter_map(|v| failing("the solution", v)));
    // The honest alternatives, each graded alone: a correct answer written differently
    // must pass too, or a check demands more than the contract.
    for ex in &ids {
        for path in alternatives(&course.root, ex)? {
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let scratch = grader
                .target_dir
                .join("mathlings/alternatives")
                .join(&ex.id)
                .join(&*name);
            let verdict = grader
                .grade_source(ex, &scratch, &text)
                .map_err(|e| e.to_string())?;
            soundness.extend(failing(&format!("the alternative `{name}`"), &verdict));
        }
    }
    problems.extend(soundness);
    if !args.no_lint {
        problems.extend(lint(&course, &ids));
    }
    if problems.is_empty() {
        println!(
            "verify: {} exercise(s) sound; layout, signatures and lints agree.",
            ids.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        let colour = crate::render::colour();
        for p in &problems {
            if colour {
                println!("✗ {p}");
            } else {
                println!("✗ {}", crate::render::without_colour(p));
            }
        }
        println!("verify: {} problem(s)", problems.len());
        Ok(ExitCode::FAILURE)
    }
}

/// Where honest alternative solutions live: `solutions/alternatives/<id>/<name>.rs`, each
/// a complete replacement for the exercise's file, correct but written differently from
/// the official solution (another algorithm or order of operations). `verify` and the
/// curriculum test require each to pass.
pub const ALTERNATIVES_DIR: &str = "solutions/alternatives";

/// Folders of alternatives named after no exercise (a typo would silently test nothing).
fn stray_alternatives(course: &Course) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(course.root.join(ALTERNATIVES_DIR)) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| course.manifest.get(name).is_none())
        .map(|name| format!("{ALTERNATIVES_DIR}/{name}: no exercise has this id"))
        .collect()
}

/// The alternative solutions of `ex`, sorted by name.
fn alternatives(
    root: &std::path::Path,
    ex: &mathlings_course::Exercise,
) -> Result<Vec<std::path::PathBuf>, String> {
    let dir = root.join(ALTERNATIVES_DIR).join(&ex.id);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The problem with `what` (the solution, an alternative) when its verdict is not a pass:
/// the properties it failed, with the call and what came back.
fn failing(what: &str, v: &crate::engine::Verdict) -> Option<String> {
    if v.status == crate::engine::Status::Pass {
        return None;
    }
    let failed: Vec<String> = v
        .report
        .iter()
        .flat_map(|r| r.properties.iter().filter(|p| !p.passed))
        .map(|p| {
            format!(
                "`{}` ({:?})",
                p.id,
                p.failure.as_ref().map(|f| (&f.call, &f.returned))
            )
        })
        .collect();
    Some(format!(
        "{}: {what} is {} through the learner process: {}{}",
        v.id,
        v.status.words(),
        failed.join(", "),
        v.detail
            .as_ref()
            .map(|d| format!("\n{d}"))
            .unwrap_or_default()
    ))
}

/// Copies the working tree's files of `ids` (all when empty) into the shipped stubs.
fn freeze_stubs(course: &Course, ids: &[String]) -> Result<(), String> {
    for ex in &course.manifest.exercises {
        if !ids.is_empty() && !ids.contains(&ex.id) {
            continue;
        }
        let from = course.root.join("exercises/src").join(&ex.file);
        let to = mathlings_course::stub_path(&course.root, ex);
        let text = std::fs::read(&from)
            .map_err(|e| format!("cannot read exercises/src/{}: {e}", ex.file))?;
        if std::fs::read(&to).ok().as_ref() != Some(&text) {
            std::fs::create_dir_all(to.parent().expect("has parent"))
                .map_err(|e| format!("cannot create {}: {e}", to.display()))?;
            std::fs::write(&to, text).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
            println!(
                "Shipped exercises/src/{} as the stub of {}.",
                ex.file, ex.id
            );
        }
    }
    Ok(())
}

/// The workspace's edition (`[workspace.package]` in Cargo.toml), for rustfmt run on files.
pub const EDITION: &str = "2024";

/// rustfmt on the solutions of `ids`, clippy on the solutions crate; colour only on a
/// terminal.
fn lint(course: &Course, ids: &[&mathlings_course::Exercise]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let colour = if crate::render::colour() {
        "always"
    } else {
        "never"
    };
    let mut problems = Vec::new();
    let mut files: Vec<String> = ids
        .iter()
        .map(|e| format!("solutions/src/{}", e.file))
        .collect();
    for ex in ids {
        match alternatives(&course.root, ex) {
            Ok(paths) => files.extend(paths.iter().map(|p| p.display().to_string())),
            Err(e) => problems.push(e),
        }
    }
    let fmt = Command::new("rustfmt")
        .current_dir(&course.root)
        .args(["--check", "--edition", EDITION, "--color", colour])
        .args(&files)
        .output();
    match fmt {
        Ok(out) if out.status.success() => {}
        Ok(out) => problems.push(format!(
            "solutions are not rustfmt-formatted:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => problems.push(format!("cannot run rustfmt: {e}")),
    }
    let clippy = Command::new(&cargo)
        .current_dir(&course.root)
        .args([
            "clippy",
            "--quiet",
            "--color",
            colour,
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
