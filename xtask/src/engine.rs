//! The grading pipeline: static scan → build the runner (leaving out exercises that do
//! not compile) → run each exercise in its own limited process → verdicts.
//!
//! **Invariant:** nothing here writes into the learner's exercise folder; the runner
//! compiles those files in place, and all scratch files live under the target directory.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mathlings_course::report::ExerciseReport;
use mathlings_course::{Exercise, Manifest, find_forbidden_calls};
use rayon::prelude::*;
use serde_json::Value;

/// How one exercise fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every property passed.
    Pass,
    /// At least one property failed.
    Fail,
    /// The file does not compile.
    CompileError,
    /// The checks did not finish within the exercise's time limit.
    Timeout,
    /// The process died (panic outside a property, stack overflow, abort, early exit,
    /// memory or output limit).
    Crashed,
    /// The file calls a routine that does the exercise's work.
    ForbiddenCall,
    /// The file is missing.
    Missing,
}

impl Status {
    /// Lower-case words for humans.
    pub fn words(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::CompileError => "compile error",
            Status::Timeout => "timeout",
            Status::Crashed => "crashed",
            Status::ForbiddenCall => "forbidden call",
            Status::Missing => "missing",
        }
    }
}

/// The verdict on one exercise.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The exercise's id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// Per-property results, when the checks ran to the end.
    pub report: Option<ExerciseReport>,
    /// Compiler output, crash details or the forbidden calls found.
    pub detail: Option<String>,
}

impl Verdict {
    /// Fraction of the exercise's property weight that passed (0 unless checks ran).
    pub fn fraction(&self) -> f64 {
        match &self.report {
            Some(r) => {
                let (passed, total) = r.weight_passed();
                if total == 0 {
                    0.0
                } else {
                    f64::from(passed) / f64::from(total)
                }
            }
            None => 0.0,
        }
    }
}

/// Where and how to grade.
#[derive(Debug, Clone)]
pub struct Grader {
    /// The course root (workspace with `course.toml`).
    pub root: PathBuf,
    /// The course manifest.
    pub manifest: Manifest,
    /// The learner's `src` folder being graded.
    pub exercises_dir: PathBuf,
    /// Cargo's target directory for the runner build.
    pub target_dir: PathBuf,
    /// Master seed.
    pub seed: u64,
    /// Cases per property.
    pub cases: u32,
    /// Limits for each run.
    pub limits: Limits,
    /// Grade a copy: under the build lock, copy the manifest's files from
    /// `exercises_dir` into one staging folder (fresh modification times, and their
    /// content hash passed to the build so that no stale build is ever reused), and build
    /// from there. Used for submissions, which are never written to or built in place.
    pub stage: bool,
    /// Exercises run at once.
    pub jobs: usize,
    /// Let the solution's runs write missing or changed snapshots (instructors only).
    pub bless: bool,
}

/// Resource limits of one exercise run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Address-space limit in bytes.
    pub memory: u64,
    /// Cap on everything the run writes (its output included), in bytes.
    pub output: u64,
    /// Overrides every exercise's own timeout when set.
    pub timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory: 2 << 30,
            output: 8 << 20,
            timeout: None,
        }
    }
}

/// A failure of the grader itself (not of the learner's code).
#[derive(Debug)]
pub struct GraderError(pub String);

impl std::fmt::Display for GraderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The runner build: its binary and the exercises left out.
pub struct Build {
    runner: PathBuf,
    compile_errors: BTreeMap<String, String>,
    /// The private copy of the runner this build owns (deleted on drop).
    private: Option<PathBuf>,
}

impl Drop for Build {
    fn drop(&mut self) {
        if let Some(p) = &self.private {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Build {
    /// The runner binary.
    pub fn runner(&self) -> &Path {
        &self.runner
    }

    /// The compiler's message for an exercise left out of the build.
    pub fn compile_error(&self, id: &str) -> Option<&str> {
        self.compile_errors.get(id).map(String::as_str)
    }
}

impl Grader {
    /// Grades `ids` (in the given order).
    ///
    /// # Errors
    /// A [`GraderError`] when the course itself cannot be built or run.
    pub fn grade(&self, ids: &[String]) -> Result<Vec<Verdict>, GraderError> {
        let exercises: Vec<&Exercise> = ids
            .iter()
            .map(|id| {
                self.manifest
                    .get(id)
                    .ok_or_else(|| GraderError(format!("unknown exercise {id}")))
            })
            .collect::<Result<_, _>>()?;
        let build = self.build()?;
        Ok(self.run_exercises(&exercises, &build))
    }

    /// Runs already-built exercises `ids` (all known ids) with `build`'s runner.
    pub fn run_all(&self, ids: &[String], build: &Build) -> Vec<Verdict> {
        let exercises: Vec<&Exercise> = ids.iter().filter_map(|id| self.manifest.get(id)).collect();
        self.run_exercises(&exercises, build)
    }

    fn run_exercises(&self, exercises: &[&Exercise], build: &Build) -> Vec<Verdict> {
        let pool = match rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.max(1))
            .build()
        {
            Ok(pool) => pool,
            Err(_) => {
                return exercises
                    .iter()
                    .map(|ex| self.grade_one(ex, build))
                    .collect();
            }
        };
        pool.install(|| {
            exercises
                .par_iter()
                .map(|ex| self.grade_one(ex, build))
                .collect()
        })
    }

    fn grade_one(&self, ex: &Exercise, build: &Build) -> Verdict {
        let verdict = |status, report, detail| Verdict {
            id: ex.id.clone(),
            status,
            report,
            detail,
        };
        let path = self.exercises_dir.join(&ex.file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            return verdict(
                Status::Missing,
                None,
                Some(format!("{} is missing or unreadable", path.display())),
            );
        };
        if let Some(message) = build.compile_errors.get(&ex.id) {
            return verdict(Status::CompileError, None, Some(message.clone()));
        }
        let forbidden = find_forbidden_calls(&source, ex);
        if !forbidden.is_empty() {
            let detail = forbidden
                .iter()
                .map(|f| format!("line {}: {} — {}", f.line, f.call, f.reason))
                .collect::<Vec<_>>()
                .join("\n");
            return verdict(Status::ForbiddenCall, None, Some(detail));
        }
        match self.run(
            &build.runner,
            "grade",
            &ex.id,
            "learner",
            self.limits.timeout.unwrap_or(ex.timeout()),
        ) {
            Ok(RunOutput::Report(report)) => {
                let status = if report.passed() {
                    Status::Pass
                } else {
                    Status::Fail
                };
                verdict(status, Some(report), None)
            }
            Ok(RunOutput::Problems(_)) => verdict(
                Status::Crashed,
                None,
                Some("unexpected runner output".into()),
            ),
            Err(RunFailure::Timeout(t)) => verdict(
                Status::Timeout,
                None,
                Some(format!(
                    "the checks did not finish within {} s (an infinite loop?)",
                    t.as_secs()
                )),
            ),
            Err(RunFailure::Crashed(detail)) => verdict(Status::Crashed, None, Some(detail)),
        }
    }

    /// Builds the runner, leaving out every exercise whose file does not compile.
    ///
    /// # Errors
    /// When the course's own crates do not build.
    pub fn build(&self) -> Result<Build, GraderError> {
        // Several graders may share one target directory (two terminals, a batch, tests):
        // build and take a private copy of the runner under one lock, so that no build can
        // replace the binary another grader is about to run.
        let scratch = self.target_dir.join("mathlings");
        std::fs::create_dir_all(&scratch)
            .map_err(|e| GraderError(format!("cannot create {}: {e}", scratch.display())))?;
        let lock = std::fs::File::create(scratch.join("build.lock"))
            .map_err(|e| GraderError(e.to_string()))?;
        // SAFETY: flock on a file descriptor we own; released when `lock` is dropped.
        unsafe {
            use std::os::fd::AsRawFd;
            libc::flock(lock.as_raw_fd(), libc::LOCK_EX);
        }
        let (compile_dir, stamp) = if self.stage {
            let dir = scratch.join("stage/src");
            let stamp = stage_files(&self.manifest, &self.exercises_dir, &dir)?;
            (dir, Some(stamp))
        } else {
            (self.exercises_dir.clone(), None)
        };
        let mut build = self.build_locked(&compile_dir, stamp.as_deref())?;
        let runners = scratch.join("runners");
        std::fs::create_dir_all(&runners).map_err(|e| GraderError(e.to_string()))?;
        let private = runners.join(format!(
            "mathlings-runner-{}-{}",
            std::process::id(),
            nonce()
        ));
        std::fs::copy(&build.runner, &private)
            .map_err(|e| GraderError(format!("cannot copy the runner: {e}")))?;
        build.runner = private.clone();
        build.private = Some(private);
        drop(lock);
        Ok(build)
    }

    fn build_locked(&self, compile_dir: &Path, stamp: Option<&str>) -> Result<Build, GraderError> {
        let mut excluded: BTreeMap<String, String> = BTreeMap::new();
        for ex in &self.manifest.exercises {
            if !self.exercises_dir.join(&ex.file).is_file() {
                excluded.insert(ex.id.clone(), "missing".into());
            }
        }
        let missing: Vec<String> = excluded.keys().cloned().collect();
        loop {
            let outcome = self.cargo_build(compile_dir, stamp, &excluded)?;
            match outcome {
                BuildOutcome::Built(runner) => {
                    for id in &missing {
                        excluded.remove(id);
                    }
                    return Ok(Build {
                        runner,
                        compile_errors: excluded,
                        private: None,
                    });
                }
                BuildOutcome::Errors {
                    by_exercise,
                    unattributed,
                } => {
                    if by_exercise.is_empty() {
                        return Err(GraderError(format!(
                            "the course's own code does not build (this is not your fault):\n{unattributed}"
                        )));
                    }
                    for (id, message) in by_exercise {
                        excluded.entry(id).or_default().push_str(&message);
                    }
                }
            }
        }
    }

    fn cargo_build(
        &self,
        compile_dir: &Path,
        stamp: Option<&str>,
        excluded: &BTreeMap<String, String>,
    ) -> Result<BuildOutcome, GraderError> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&self.root)
            .args([
                "build",
                "--package",
                "mathlings-runner",
                "--bin",
                "mathlings-runner",
            ])
            .arg(if crate::render::colour() {
                "--message-format=json-diagnostic-rendered-ansi"
            } else {
                "--message-format=json"
            })
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if compile_dir != self.root.join("exercises/src") {
            cmd.env("MATHLINGS_EXERCISES_DIR", compile_dir);
        } else {
            cmd.env_remove("MATHLINGS_EXERCISES_DIR");
        }
        if excluded.is_empty() {
            cmd.env_remove("MATHLINGS_EXCLUDE");
        } else {
            cmd.env(
                "MATHLINGS_EXCLUDE",
                excluded.keys().cloned().collect::<Vec<_>>().join(","),
            );
        }
        match stamp {
            Some(stamp) => cmd.env("MATHLINGS_SUBMISSION_STAMP", stamp),
            None => cmd.env_remove("MATHLINGS_SUBMISSION_STAMP"),
        };
        let mut child = cmd
            .spawn()
            .map_err(|e| GraderError(format!("cannot run cargo: {e}")))?;
        let stderr = child.stderr.take().expect("piped");
        let stderr_thread = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(stderr).read_to_string(&mut text);
            text
        });
        let mut runner = None;
        let mut by_exercise: BTreeMap<String, String> = BTreeMap::new();
        let mut unattributed = String::new();
        for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
            let Ok(line) = line else { break };
            let Ok(msg) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            match msg["reason"].as_str() {
                Some("compiler-artifact") => {
                    if let Some(exe) = msg["executable"].as_str()
                        && msg["target"]["name"] == "mathlings-runner"
                    {
                        runner = Some(PathBuf::from(exe));
                    }
                }
                Some("compiler-message") if msg["message"]["level"] == "error" => {
                    // Show the learner's own paths, not the staging folder's.
                    let rendered = msg["message"]["rendered"]
                        .as_str()
                        .unwrap_or_default()
                        .replace(
                            &compile_dir.display().to_string(),
                            &self.exercises_dir.display().to_string(),
                        );
                    let mut files = Vec::new();
                    collect_files(&msg["message"]["spans"], &mut files);
                    match files.iter().find_map(|f| self.exercise_of(f)) {
                        Some(id) => by_exercise.entry(id).or_default().push_str(&rendered),
                        None if files.is_empty() => {}
                        None => unattributed.push_str(&rendered),
                    }
                }
                _ => {}
            }
        }
        let status = child.wait().map_err(|e| GraderError(e.to_string()))?;
        let stderr = stderr_thread.join().unwrap_or_default();
        if status.success() {
            return runner
                .map(BuildOutcome::Built)
                .ok_or_else(|| GraderError("cargo built no mathlings-runner binary".into()));
        }
        if by_exercise.is_empty() && unattributed.is_empty() {
            unattributed = stderr;
        }
        Ok(BuildOutcome::Errors {
            by_exercise,
            unattributed,
        })
    }

    /// The exercise a source path (learner file or generated glue) belongs to.
    fn exercise_of(&self, file: &str) -> Option<String> {
        let path = Path::new(file);
        if let Ok(relative) = path
            .strip_prefix(&self.exercises_dir)
            .or_else(|_| path.strip_prefix(self.target_dir.join("mathlings/stage/src")))
        {
            let relative = relative.to_string_lossy();
            return self
                .manifest
                .exercises
                .iter()
                .find(|e| e.file == relative)
                .map(|e| e.id.clone());
        }
        let is_glue = path
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "glue");
        if is_glue {
            let stem = path.file_stem()?.to_string_lossy();
            return self.manifest.get(&stem).map(|e| e.id.clone());
        }
        None
    }

    /// Runs one verb of the runner in a limited child process and reads its verdict file.
    pub fn run(
        &self,
        runner: &Path,
        verb: &str,
        id: &str,
        target: &str,
        timeout: Duration,
    ) -> Result<RunOutput, RunFailure> {
        let scratch = self.target_dir.join("mathlings/results");
        std::fs::create_dir_all(&scratch).map_err(|e| RunFailure::Crashed(e.to_string()))?;
        let nonce = nonce();
        let result_path = scratch.join(format!("{id}-{nonce}.json"));
        let log_path = scratch.join(format!("{id}-{nonce}.log"));
        let log =
            std::fs::File::create(&log_path).map_err(|e| RunFailure::Crashed(e.to_string()))?;
        let mut cmd = Command::new(runner);
        cmd.args([
            verb,
            id,
            target,
            &self.seed.to_string(),
            &self.cases.to_string(),
        ])
        .current_dir(&scratch)
        .env(
            "INSTA_UPDATE",
            if self.bless && target == "solution" {
                "always"
            } else {
                "no"
            },
        )
        .env("INSTA_WORKSPACE_ROOT", &self.root)
        .env_remove("INSTA_FORCE_PASS")
        .stdin(Stdio::piped())
        .stdout(
            log.try_clone()
                .map_err(|e| RunFailure::Crashed(e.to_string()))?,
        )
        .stderr(log);
        limit(&mut cmd, self.limits);
        let started = Instant::now();
        let mut child = cmd
            .spawn()
            .map_err(|e| RunFailure::Crashed(format!("cannot start the runner: {e}")))?;
        {
            let mut stdin = child.stdin.take().expect("piped");
            let _ = writeln!(stdin, "{nonce} {}", result_path.display());
        }
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > timeout => {
                    kill_group(&child);
                    let _ = child.wait();
                    cleanup(&[&result_path, &log_path]);
                    return Err(RunFailure::Timeout(timeout));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(3)),
                Err(e) => return Err(RunFailure::Crashed(e.to_string())),
            }
        };
        kill_group(&child);
        let output = std::fs::read_to_string(&log_path).unwrap_or_default();
        let result = std::fs::read_to_string(&result_path).ok();
        cleanup(&[&result_path, &log_path]);
        let parsed = result.and_then(|text| serde_json::from_str::<Value>(&text).ok());
        match parsed {
            Some(value) if status.success() && value["nonce"] == nonce.as_str() => {
                if let Ok(report) =
                    serde_json::from_value::<ExerciseReport>(value["report"].clone())
                {
                    Ok(RunOutput::Report(report))
                } else if let Ok(problems) =
                    serde_json::from_value::<Vec<String>>(value["problems"].clone())
                {
                    Ok(RunOutput::Problems(problems))
                } else {
                    Err(RunFailure::Crashed(
                        "the runner wrote an unreadable verdict".into(),
                    ))
                }
            }
            _ => Err(RunFailure::Crashed(describe_crash(status, &output))),
        }
    }
}

/// What a successful run produced.
pub enum RunOutput {
    /// A grade report.
    Report(ExerciseReport),
    /// Problems found by `verify` (empty when sound).
    Problems(Vec<String>),
}

/// Why a run produced no verdict.
pub enum RunFailure {
    /// It exceeded its time limit.
    Timeout(Duration),
    /// It died or exited without a valid verdict.
    Crashed(String),
}

enum BuildOutcome {
    Built(PathBuf),
    Errors {
        by_exercise: BTreeMap<String, String>,
        unattributed: String,
    },
}

fn collect_files(spans: &Value, out: &mut Vec<String>) {
    for span in spans.as_array().into_iter().flatten() {
        if let Some(f) = span["file_name"].as_str() {
            out.push(f.to_string());
        }
        if span["expansion"].is_object() {
            collect_files(&Value::Array(vec![span["expansion"]["span"].clone()]), out);
        }
    }
}

fn describe_crash(status: std::process::ExitStatus, output: &str) -> String {
    use std::os::unix::process::ExitStatusExt;
    let tail: String = {
        let lines: Vec<&str> = output.lines().collect();
        lines[lines.len().saturating_sub(8)..].join("\n")
    };
    let cause = if output.contains("has overflowed its stack") {
        "stack overflow (unbounded recursion?)".to_string()
    } else if let Some(signal) = status.signal() {
        match signal {
            libc::SIGXFSZ => "it wrote more output than allowed".into(),
            libc::SIGKILL => "it was killed (memory limit?)".into(),
            libc::SIGABRT => "it aborted".into(),
            libc::SIGSEGV => "segmentation fault (stack overflow or memory limit)".into(),
            other => format!("killed by signal {other}"),
        }
    } else if status.success() {
        "it exited before the checks finished (std::process::exit?)".into()
    } else if output.contains("memory allocation") {
        "it ran out of memory (memory limit)".into()
    } else {
        format!("it exited with {status}")
    };
    if tail.trim().is_empty() {
        cause
    } else {
        format!("{cause}\nlast output:\n{tail}")
    }
}

fn limit(cmd: &mut Command, limits: Limits) {
    use std::os::unix::process::CommandExt;
    let Limits { memory, output, .. } = limits;
    // SAFETY: only async-signal-safe libc calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            let set = |resource, value: u64| {
                let lim = libc::rlimit {
                    rlim_cur: value as libc::rlim_t,
                    rlim_max: value as libc::rlim_t,
                };
                libc::setrlimit(resource, &lim);
            };
            set(libc::RLIMIT_AS, memory);
            set(libc::RLIMIT_FSIZE, output);
            set(libc::RLIMIT_CORE, 0);
            Ok(())
        });
    }
}

fn kill_group(child: &std::process::Child) {
    // SAFETY: sending a signal to the process group we created with setsid.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
}

fn cleanup(paths: &[&Path]) {
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

fn nonce() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = f.read_exact(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Copies the manifest's exercise files from `src` into `stage` (freshly written, so
/// their modification times are now) and returns a hash of their contents.
fn stage_files(manifest: &Manifest, src: &Path, stage: &Path) -> Result<String, GraderError> {
    let fail = |e: std::io::Error| GraderError(format!("cannot stage the submission: {e}"));
    if stage.exists() {
        std::fs::remove_dir_all(stage).map_err(fail)?;
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for ex in &manifest.exercises {
        feed(ex.file.as_bytes());
        let Ok(text) = std::fs::read(src.join(&ex.file)) else {
            feed(b"<missing>");
            continue;
        };
        feed(&text);
        let target = stage.join(&ex.file);
        std::fs::create_dir_all(target.parent().expect("has parent")).map_err(fail)?;
        std::fs::write(&target, &text).map_err(fail)?;
    }
    Ok(format!("{hash:016x}"))
}
