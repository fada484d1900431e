//! `cargo xtask grade`: grades a submission (or a whole class) with the course's own
//! checks, reference crates, snapshots and manifest, and writes the reports a course's
//! platform reads.
//!
//! **Invariant:** a submission is never written to. Its exercise files (only the ones the
//! manifest lists) are staged, by content, into the learner crate under the target
//! directory (see `learner_crate`), so cargo can never mistake a submission for the
//! previous one; its code runs only in the sandboxed learner process, and the verdict is
//! the judge's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use rayon::prelude::*;

use crate::engine::{Grader, Limits, SandboxMode, Verdict};
use crate::gradebook::{CourseIdentity, SHARD_FILE, ShardManifest};
use crate::report::GradeReport;
use crate::{Course, RunOptions};

/// Arguments of `grade`.
#[derive(Args)]
pub struct GradeArgs {
    /// A submission: a learner's repository (with exercises/src), exercises folder (with
    /// src/) or src folder. Default: this working tree.
    #[arg(long, conflicts_with = "batch")]
    pub submission: Option<PathBuf>,
    /// Grade every submission (sub-folder) of DIR in parallel, sharing one build cache.
    #[arg(long, value_name = "DIR")]
    pub batch: Option<PathBuf>,
    /// With --batch: grade only shard K of N (1-based), e.g. 2/4.
    #[arg(long, value_name = "K/N", requires = "batch", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// With --batch: where to write the gradebook and the per-submission reports.
    #[arg(long, value_name = "DIR", requires = "batch")]
    pub out: Option<PathBuf>,
    /// Only these exercises (ids).
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub only: Vec<String>,
    /// Only these roadmap sections (e.g. 1.3 2.6) or parts (e.g. 2).
    #[arg(long, value_name = "SECTION", num_args = 1..)]
    pub sections: Vec<String>,
    /// Write the versioned JSON report here (with --batch, always written, as
    /// OUT/<name>.json: give no FILE).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub json: Option<Option<PathBuf>>,
    /// Write a JUnit XML report here (with --batch: OUT/<name>.junit.xml per submission;
    /// give no FILE).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub junit: Option<Option<PathBuf>>,
    /// Write a Markdown report here, e.g. $GITHUB_STEP_SUMMARY (with --batch: OUT/<name>.md
    /// per submission; give no FILE).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub markdown: Option<Option<PathBuf>>,
    /// Write Gradescope's results.json here (with --batch: OUT/<name>.gradescope.json per
    /// submission; give no FILE).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub gradescope: Option<Option<PathBuf>>,
    /// Write GitHub Classroom's autograding result here (with --batch:
    /// OUT/<name>.classroom.json per submission; give no FILE).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub classroom: Option<Option<PathBuf>>,
    /// Exit with status 1 when the score is below this percentage (the reports are still written).
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub min_score: Option<f64>,
    /// Wall-clock limit per exercise run, in seconds (default: each exercise's own).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,
    /// Memory (address-space) limit per exercise run, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048, value_parser = clap::value_parser!(u64).range(64..=65536))]
    pub memory: u64,
    /// Grade even where this machine cannot confine learner code (no Landlock or seccomp):
    /// only for submissions you trust.
    #[arg(long)]
    pub allow_unsandboxed: bool,
    /// Output limit per exercise run, in KiB.
    #[arg(long, value_name = "KIB", default_value_t = 8192, value_parser = clap::value_parser!(u64).range(16..=1_048_576))]
    pub output_limit: u64,
    #[command(flatten)]
    pub run: RunOptions,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{s}` is not a shard: use K/N with 1 ≤ K ≤ N, e.g. 2/4");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
}

/// Runs `grade`.
pub fn run(args: GradeArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(&args.only)?;
    let ids = selected_ids(&course, &args)?;
    let limits = Limits {
        memory: args.memory << 20,
        output: args.output_limit << 10,
        timeout: args.timeout.map(std::time::Duration::from_secs),
    };
    crate::sandboxing::require(if args.allow_unsandboxed {
        SandboxMode::BestEffort
    } else {
        SandboxMode::Required
    })?;
    let formats = formats(&args)?;
    if let Some(batch) = &args.batch {
        return grade_batch(&course, &args, &ids, limits, batch, &formats);
    }
    let (name, grader) = match &args.submission {
        Some(dir) => {
            let mut grader = base_grader(&course, &args, limits);
            grader.exercises_dir = resolve_submission(dir)?;
            (submission_name(dir), grader)
        }
        None => (
            "working tree".to_string(),
            base_grader(&course, &args, limits),
        ),
    };
    let verdicts = grader.grade(&ids).map_err(|e| e.to_string())?;
    let report = GradeReport::new(
        &course.manifest,
        &CourseIdentity::of(&course.root)?,
        &name,
        args.run.seed,
        args.run.cases,
        &verdicts,
    );
    for (format, path) in &formats {
        let path = path
            .as_ref()
            .expect("a FILE outside --batch (see `formats`)");
        write_file(path, &(format.render)(&report))?;
    }
    print!("{}", report.summary());
    Ok(exit_for(&report, args.min_score))
}

fn base_grader(course: &Course, args: &GradeArgs, limits: Limits) -> Grader {
    let mut grader = course.grader(&args.run);
    grader.limits = limits;
    grader.sandbox = if args.allow_unsandboxed {
        SandboxMode::BestEffort
    } else {
        SandboxMode::Required
    };
    grader
}

fn exit_for(report: &GradeReport, min_score: Option<f64>) -> ExitCode {
    match min_score {
        Some(min) if report.percent() < min => {
            eprintln!("score {:.1}% is below --min-score {min}%", report.percent());
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn selected_ids(course: &Course, args: &GradeArgs) -> Result<Vec<String>, String> {
    for s in &args.sections {
        let known = course
            .manifest
            .exercises
            .iter()
            .any(|e| e.section == *s || e.section.starts_with(&format!("{s}.")));
        if !known {
            return Err(format!(
                "no exercise in section `{s}`: sections look like 1.3 (or a part: 2)"
            ));
        }
    }
    Ok(course
        .manifest
        .exercises
        .iter()
        .filter(|e| args.only.is_empty() || args.only.contains(&e.id))
        .filter(|e| {
            args.sections.is_empty()
                || args
                    .sections
                    .iter()
                    .any(|s| e.section == *s || e.section.starts_with(&format!("{s}.")))
        })
        .map(|e| e.id.clone())
        .collect())
}

/// One output format of a report.
pub struct Format {
    /// Its option, e.g. `--junit`.
    flag: &'static str,
    /// The file name ending of a submission's report in a batch's OUT folder.
    batch_suffix: &'static str,
    /// Renders a report.
    render: fn(&GradeReport) -> String,
}

const FORMATS: [Format; 5] = [
    Format {
        flag: "--json",
        batch_suffix: ".json",
        render: GradeReport::json,
    },
    Format {
        flag: "--junit",
        batch_suffix: ".junit.xml",
        render: GradeReport::junit,
    },
    Format {
        flag: "--markdown",
        batch_suffix: ".md",
        render: GradeReport::markdown,
    },
    Format {
        flag: "--gradescope",
        batch_suffix: ".gradescope.json",
        render: GradeReport::gradescope,
    },
    Format {
        flag: "--classroom",
        batch_suffix: ".classroom.json",
        render: GradeReport::classroom,
    },
];

/// The requested formats, each with its FILE: required for one submission, refused with
/// --batch (which writes OUT/<name><suffix> per submission, and always the JSON).
fn formats(args: &GradeArgs) -> Result<Vec<(&'static Format, Option<PathBuf>)>, String> {
    let given = [
        &args.json,
        &args.junit,
        &args.markdown,
        &args.gradescope,
        &args.classroom,
    ];
    let mut chosen = Vec::new();
    for (format, option) in FORMATS.iter().zip(given) {
        let batch = args.batch.is_some();
        match option {
            None if batch && format.flag == "--json" => chosen.push((format, None)),
            None => {}
            Some(Some(path)) if batch => {
                return Err(format!(
                    "with --batch, {} writes OUT/<name>{} for every submission: give it no file (not {})",
                    format.flag,
                    format.batch_suffix,
                    path.display()
                ));
            }
            Some(None) if !batch => {
                return Err(format!(
                    "{} needs a FILE (only --batch writes one per submission)",
                    format.flag
                ));
            }
            Some(path) => chosen.push((format, path.clone())),
        }
    }
    Ok(chosen)
}

/// A submission's name and its report (or why it could not be graded).
pub type Graded = (String, Result<GradeReport, String>);

/// Writes `text` to `path`, creating its folder.
pub fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The folder holding the part folders (`p1_stats/…`) of a submission.
pub fn resolve_submission(dir: &Path) -> Result<PathBuf, String> {
    let meta = std::fs::metadata(dir)
        .map_err(|e| format!("cannot read submission {}: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!("submission {} is not a directory", dir.display()));
    }
    std::fs::read_dir(dir).map_err(|e| format!("cannot read submission {}: {e}", dir.display()))?;
    for candidate in [
        dir.join("exercises/src"),
        dir.join("src"),
        dir.to_path_buf(),
    ] {
        if has_part_folder(&candidate) {
            return Ok(candidate);
        }
    }
    Err(format!(
        "submission {} contains no exercises (expected exercises/src/p*_*/, src/p*_*/ or p*_*/ folders)",
        dir.display()
    ))
}

fn has_part_folder(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            e.path().is_dir() && name.starts_with('p') && name.contains('_')
        })
    })
}

/// A submission's name: its folder's, skipping the course's own folder names
/// (`alice/exercises/src` is "alice").
fn submission_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .ancestors()
        .filter_map(|d| d.file_name())
        .map(|n| n.to_string_lossy().to_string())
        .find(|n| n != "src" && n != "exercises")
        .unwrap_or_else(|| canonical.display().to_string())
}

fn grade_batch(
    course: &Course,
    args: &GradeArgs,
    ids: &[String],
    limits: Limits,
    batch: &Path,
    formats: &[(&'static Format, Option<PathBuf>)],
) -> Result<ExitCode, String> {
    let entries = std::fs::read_dir(batch)
        .map_err(|e| format!("cannot read batch folder {}: {e}", batch.display()))?;
    let mut submissions: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    submissions.sort();
    if submissions.is_empty() {
        return Err(format!(
            "batch folder {} has no submission folders",
            batch.display()
        ));
    }
    if let Some((k, n)) = args.shard {
        submissions = submissions
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, p)| p)
            .collect();
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| crate::target_dir(&course.root).join("mathlings/grades"));
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let workers = args.run.jobs.unwrap_or(2).max(1);
    let template = base_grader(course, args, limits);
    let formats: Vec<&Format> = formats.iter().map(|(f, _)| *f).collect();
    let results = grade_many(
        course,
        &template,
        ids,
        &submissions,
        workers,
        Some((&out, &formats)),
    )?;
    let mut failed = Vec::new();
    for (name, result) in &results {
        match result {
            Ok(report) => println!(
                "{:<24} {:>8.2}/{:<8.2} {:>5.1}%",
                name,
                report.score,
                report.max_score,
                report.percent()
            ),
            Err(message) => {
                failed.push(name.as_str());
                println!("{name:<24} not graded: {message}");
            }
        }
    }
    let shard = ShardManifest::new(
        args.shard.unwrap_or((1, 1)),
        args.run.seed,
        args.run.cases,
        CourseIdentity::of(&course.root)?,
        ids,
        &results,
    );
    write_file(&out.join(SHARD_FILE), &shard.json())?;
    write_file(
        &out.join(crate::gradebook::GRADEBOOK_FILE),
        &crate::gradebook::csv(ids, &results),
    )?;
    println!(
        "{} submission(s) graded, {} not gradable · reports in {}",
        results.len() - failed.len(),
        failed.len(),
        out.display()
    );
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        // Every gradable submission's reports are written; the gradebook says why the others
        // are not.
        Err(format!(
            "{} submission(s) not gradable: {} (see gradebook.csv)",
            failed.len(),
            failed.join(", ")
        ))
    }
}

/// Grades `submissions` with `workers` submissions in flight: their builds take turns on
/// `template`'s one shared target directory (each build leaves a private copy of its
/// runner), while their exercise runs overlap. Writes `<name><suffix>` in each of the
/// formats into the folder of `out` if given.
pub fn grade_many(
    course: &Course,
    template: &Grader,
    ids: &[String],
    submissions: &[PathBuf],
    workers: usize,
    out: Option<(&Path, &[&Format])>,
) -> Result<Vec<Graded>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    // The judge depends on the course alone: one build serves every submission.
    let mut template = template.clone();
    template.prepare_judge().map_err(|e| e.to_string())?;
    let template = &template;
    let identity = &CourseIdentity::of(&course.root)?;
    Ok(pool.install(|| {
        submissions
            .par_iter()
            .map(|dir| {
                let name = submission_name(dir);
                let result = (|| {
                    let mut grader = template.clone();
                    grader.exercises_dir = resolve_submission(dir)?;
                    grader.jobs = 1;
                    // Builds take turns on the one shared target directory (the build
                    // lock; each leaves a private copy of its runner); runs overlap.
                    let build = grader.build().map_err(|e| e.to_string())?;
                    let verdicts: Vec<Verdict> = grader.run_all(ids, &build);
                    let report = GradeReport::new(
                        &course.manifest,
                        identity,
                        &name,
                        grader.seed,
                        grader.cases,
                        &verdicts,
                    );
                    if let Some((out, formats)) = out {
                        for format in formats {
                            let file = out.join(format!("{name}{}", format.batch_suffix));
                            write_file(&file, &(format.render)(&report))?;
                        }
                    }
                    Ok(report)
                })();
                (name, result)
            })
            .collect()
    }))
}
