//! `cargo xtask bench`: measures the grader on this machine — save → verdict for one
//! exercise, `check --all`, and batch grading with the shared build cache against a fresh
//! build per submission, all in the same run (machines are noisy: compare the ratios).
//!
//! With `--class N --shards S` it measures a whole class instead: N synthetic submissions
//! graded by `grade --batch --shard K/S` (one run per shard, in turn, as S CI jobs would
//! each run one), then `gradebook merge`.
//!
//! Everything happens in scratch folders under `target/mathlings/bench/` (the class:
//! `bench-class/`, kept for a look at its class report); the working tree's exercises are
//! not touched.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Args;

use crate::{Course, RunOptions};

/// Arguments of `bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Submissions in the generated class (from the solutions; every third with a wrong
    /// exercise, every tenth with one that does not compile).
    #[arg(long, default_value_t = 100)]
    pub submissions: usize,
    /// Submissions graded with a fresh (cold) build each, as the baseline.
    #[arg(long, default_value_t = 1)]
    pub baseline: usize,
    /// Repetitions of the learner-loop measurements (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// The exercise whose figures are plotted (warm, the judge drawing and the whole `plot`).
    #[arg(long, value_name = "ID", default_value = "s2_6_low_rank_pinv")]
    pub plot: String,
    /// Measure a whole class instead: this many synthetic submissions graded in --shards
    /// shards, one `grade --batch --shard K/N` run after the other, then merged.
    #[arg(long, value_name = "SUBMISSIONS")]
    pub class: Option<usize>,
    /// Give every submission's files a line of their own (a comment naming the learner), as
    /// in a real class: then no submission finds its exercises already built by another's.
    #[arg(long)]
    pub distinct: bool,
    /// With --class: the number of shards.
    #[arg(long, default_value_t = 4, requires = "class", value_parser = clap::value_parser!(u16).range(1..))]
    pub shards: u16,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `bench`.
pub fn run(args: BenchArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(std::slice::from_ref(&args.plot))?;
    if let Some(size) = args.class {
        // A folder of its own, so that the two benchmarks can run at the same time; kept
        // until the next run, for a look at the class report (`merged/`).
        let scratch = crate::target_dir(&course.root).join("mathlings/bench-class");
        let _ = std::fs::remove_dir_all(&scratch);
        return class_bench(&course, &args, &scratch, size);
    }
    let scratch = crate::target_dir(&course.root).join("mathlings/bench");
    let _ = std::fs::remove_dir_all(&scratch);
    let ids: Vec<String> = course
        .manifest
        .exercises
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let solutions = course.root.join("solutions/src");

    // 1. The learner's loop, on a copy of the solutions.
    let learner = scratch.join("learner/src");
    copy_exercises(&course, &solutions, &learner, None, None)?;
    let mut grader = course.grader(&args.run);
    grader.exercises_dir = learner.clone();
    grader.grade(&ids).map_err(|e| e.to_string())?; // warm
    let first = &course.manifest.exercises[0];
    let file = learner.join(&first.file);
    let mut save_to_verdict = Vec::new();
    let original = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    for i in 0..args.repeat {
        std::fs::write(&file, edited(&original, i)).map_err(|e| e.to_string())?;
        let t = Instant::now();
        grader
            .grade(std::slice::from_ref(&first.id))
            .map_err(|e| e.to_string())?;
        save_to_verdict.push(t.elapsed());
    }
    let mut check_all = Vec::new();
    for _ in 0..args.repeat.min(3) {
        let t = Instant::now();
        grader.grade(&ids).map_err(|e| e.to_string())?;
        check_all.push(t.elapsed());
    }

    // The figures of one exercise, warm: the judge drawing them from the learner process's
    // answers, and the whole `plot` (with its no-op build).
    // By default the low-rank figure, among the heaviest: three 48×48 SVDs in the learner's
    // build.
    let plotted = args.plot.as_str();
    let build = grader.build_one(plotted).map_err(|e| e.to_string())?;
    crate::plot::judge_figures(&grader, &build, plotted)?; // warm
    let (mut plot_judge, mut plot_total) = (Vec::new(), Vec::new());
    for _ in 0..args.repeat {
        let t = Instant::now();
        crate::plot::judge_figures(&grader, &build, plotted)?;
        plot_judge.push(t.elapsed());
        let t = Instant::now();
        crate::plot::learner_figures(&grader, plotted)?;
        plot_total.push(t.elapsed());
    }
    drop(build);

    // 2. A class, graded with the shared cache.
    let submissions = synthetic_class(
        &course,
        &scratch.join("class"),
        args.submissions,
        args.distinct,
    )?;
    let template = course.grader(&args.run);
    let workers = args.run.jobs.unwrap_or(2);
    let t = Instant::now();
    let results = crate::grade::grade_many(&course, &template, &ids, &submissions, workers, None)?;
    let shared = t.elapsed();
    let graded = results.iter().filter(|(_, r)| r.is_ok()).count();

    // 3. The baseline: a fresh target directory per submission.
    let mut fresh = Vec::new();
    for (k, dir) in submissions.iter().take(args.baseline).enumerate() {
        let mut cold = template.clone();
        cold.target_dir = scratch.join(format!("cold-target-{k}"));
        let t = Instant::now();
        crate::grade::grade_many(&course, &cold, &ids, std::slice::from_ref(dir), 1, None)?;
        fresh.push(t.elapsed());
        let _ = std::fs::remove_dir_all(&cold.target_dir);
    }

    let per_submission = shared.as_secs_f64() / args.submissions.max(1) as f64;
    let fresh_median = median(&mut fresh);
    println!(
        "mathlings grader benchmark — {} exercises, {} cases/property, {} CPUs",
        ids.len(),
        args.run.cases,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| measurement | result |");
    println!("|---|---|");
    println!(
        "| save → verdict, one exercise, a statement added to a function (median of {}) | {:.2} s |",
        save_to_verdict.len(),
        secs(median(&mut save_to_verdict))
    );
    println!(
        "| `check --all` warm (median of {}) | {:.2} s |",
        check_all.len(),
        secs(median(&mut check_all))
    );
    println!(
        "| plot `{plotted}` warm: the judge drawing / with the build check (median of {}) | {:.2} s / {:.2} s |",
        plot_judge.len(),
        secs(median(&mut plot_judge)),
        secs(median(&mut plot_total))
    );
    println!(
        "| batch of {} submissions{}, shared cache, {workers} in flight | {:.1} s total, {:.2} s per submission ({graded} graded) |",
        args.submissions,
        if args.distinct {
            " (distinct files)"
        } else {
            ""
        },
        shared.as_secs_f64(),
        per_submission
    );
    if !fresh.is_empty() {
        println!(
            "| fresh build per submission (median of {}) | {:.1} s per submission |",
            fresh.len(),
            secs(fresh_median)
        );
        println!(
            "| speed-up of the shared cache | {:.1}× |",
            secs(fresh_median) / per_submission
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(ExitCode::SUCCESS)
}

/// Writes `size` submissions into `class` (`learner000/exercises/src/…`), from the
/// solutions: every third with one exercise left as its stub, every tenth with one that
/// does not compile; with `distinct`, every file ends with a comment naming its learner.
fn synthetic_class(
    course: &Course,
    class: &Path,
    size: usize,
    distinct: bool,
) -> Result<Vec<PathBuf>, String> {
    let solutions = course.root.join("solutions/src");
    let stubs = course.root.join(mathlings_course::STUBS_DIR);
    let exercises = &course.manifest.exercises;
    let mut submissions = Vec::new();
    for k in 0..size {
        let dir = class.join(format!("learner{k:03}"));
        let id = exercises[k % exercises.len()].id.as_str();
        let mistake = if k % 10 == 7 {
            Some((id, Mistake::CompileError, stubs.as_path()))
        } else if k % 3 == 1 {
            Some((id, Mistake::Stub, stubs.as_path()))
        } else {
            None
        };
        let signed = distinct.then(|| format!("\n// learner{k:03}\n"));
        copy_exercises(
            course,
            &solutions,
            &dir.join("exercises/src"),
            mistake,
            signed.as_deref(),
        )?;
        submissions.push(dir);
    }
    Ok(submissions)
}

/// `bench --class SIZE --shards N`: grades a synthetic class shard by shard with the real
/// command, then merges, and prints the times.
fn class_bench(
    course: &Course,
    args: &BenchArgs,
    scratch: &Path,
    size: usize,
) -> Result<ExitCode, String> {
    let class = scratch.join("class");
    let submissions = synthetic_class(course, &class, size, args.distinct)?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask: {e}"))?;
    let workers = args.run.jobs.unwrap_or(2).to_string();
    let (seed, cases) = (args.run.seed.to_string(), args.run.cases.to_string());
    let run = |what: &str, args: &[&std::ffi::OsStr]| -> Result<Duration, String> {
        let t = Instant::now();
        let status = Command::new(&exe)
            .args(args)
            .args(["--seed", &seed, "--cases", &cases, "--jobs", &workers])
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {what}: {e}"))?;
        match status.code() {
            // 2: a submission was not gradable (recorded in its shard).
            Some(0 | 2) => Ok(t.elapsed()),
            _ => Err(format!("{what} failed ({status})")),
        }
    };
    // Untimed: what a CI matrix's build job does once (the judge and the dependencies).
    let first = submissions.first().ok_or("an empty class")?;
    run(
        "the warm-up grade",
        &["grade".as_ref(), "--submission".as_ref(), first.as_os_str()],
    )?;
    let shards = usize::from(args.shards);
    let mut dirs = Vec::new();
    let mut times = Vec::new();
    for k in 1..=shards {
        let out = scratch.join(format!("shard-{k}"));
        let shard = format!("{k}/{shards}");
        times.push(run(
            &format!("shard {shard}"),
            &[
                "grade".as_ref(),
                "--batch".as_ref(),
                class.as_os_str(),
                "--shard".as_ref(),
                shard.as_ref(),
                "--out".as_ref(),
                out.as_os_str(),
            ],
        )?);
        dirs.push(out);
    }
    let t = Instant::now();
    let merged = crate::gradebook::merge(&dirs)?;
    merged.write(&scratch.join("merged"))?;
    let merge = t.elapsed();
    let total: f64 = times.iter().map(Duration::as_secs_f64).sum();
    let not_gradable = merged.results.iter().filter(|(_, r)| r.is_err()).count();
    println!(
        "mathlings class benchmark — {size} submissions × {} exercises, {} cases/property, {shards} shards run in turn, {workers} submissions in flight, {} CPUs",
        course.manifest.exercises.len(),
        args.run.cases,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| measurement | result |");
    println!("|---|---|");
    for (k, t) in times.iter().enumerate() {
        println!(
            "| shard {}/{shards} (`grade --batch --shard`) | {:.1} s |",
            k + 1,
            secs(*t)
        );
    }
    println!(
        "| all shards | {total:.1} s, {:.2} s per submission ({} graded, {not_gradable} not gradable) |",
        total / size.max(1) as f64,
        merged.results.len() - not_gradable
    );
    println!(
        "| `gradebook merge` of {shards} shards | {:.2} s |",
        merge.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy)]
enum Mistake {
    Stub,
    CompileError,
}

/// Copies every exercise file from `from` to `to`, replacing one exercise by its stub or
/// by a non-compiling stub, and appending `signature` to each.
fn copy_exercises(
    course: &Course,
    from: &Path,
    to: &Path,
    mistake: Option<(&str, Mistake, &Path)>,
    signature: Option<&str>,
) -> Result<(), String> {
    for ex in &course.manifest.exercises {
        let mut text = match mistake {
            Some((id, Mistake::Stub, stubs)) if id == ex.id => read(&stubs.join(&ex.file))?,
            Some((id, Mistake::CompileError, stubs)) if id == ex.id => read(&stubs.join(&ex.file))?
                .replacen("todo!()", "{ let oops: u8 = 0.5; todo!() }", 1),
            _ => read(&from.join(&ex.file))?,
        };
        text.push_str(signature.unwrap_or_default());
        let target: PathBuf = to.join(&ex.file);
        std::fs::create_dir_all(target.parent().expect("has parent")).map_err(|e| e.to_string())?;
        std::fs::write(&target, text).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `text` with edit number `i` made the way a learner edits: a statement added to the body
/// of its first public function, so the rebuild compiles that function again (a comment
/// alone gives incremental compilation nothing to redo). Without a `pub fn … {` line, a
/// comment at the end.
fn edited(text: &str, i: usize) -> String {
    let body = text
        .find("\npub fn ")
        .and_then(|f| text[f..].find("{\n").map(|b| f + b + 2));
    match body {
        Some(at) => format!(
            "{}    let _ = std::hint::black_box({i}u64);\n{}",
            &text[..at],
            &text[at..]
        ),
        None => format!("{text}\n// edit {i}\n"),
    }
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::edited;

    #[test]
    fn an_edit_adds_a_statement_to_the_first_public_function() {
        let text = "//! doc\nfn helper() {}\n\npub fn f(x: u64) -> u64 {\n    x\n}\n";
        assert_eq!(
            edited(text, 3),
            "//! doc\nfn helper() {}\n\npub fn f(x: u64) -> u64 {\n    let _ = std::hint::black_box(3u64);\n    x\n}\n"
        );
        assert_eq!(edited("fn g() {}\n", 1), "fn g() {}\n\n// edit 1\n");
    }
}
