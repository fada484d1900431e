//! The grading pipeline: read and stage the learner's files (content-keyed) → build the
//! learner crate in the build sandbox, leaving out exercises that do not compile → for each
//! exercise, run the trusted judge, which reaches the learner's functions only through the
//! sandboxed learner process → verdicts.
//!
//! **Invariant:** nothing here writes into the learner's exercise folder; the files are
//! staged under the target directory, and all scratch files live there too.
//!
//! **Invariant (trust boundary):** the verdict comes from the judge, a process built from
//! the course alone that never runs learner code; the learner's code runs only in the
//! learner process (see `mathlings_wire` and `mathlings_sandbox`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use mathlings_course::report::ExerciseReport;
use mathlings_course::{Exercise, Manifest, find_forbidden_calls};
use rayon::prelude::*;
use serde_json::Value;

use crate::dependency_seed;
use crate::fresh;
use crate::learner_crate::{self, FileProblem, Layout};
use crate::method_lint::{Finding, MethodLint};

/// How one exercise fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every property passed.
    Pass,
    /// At least one property failed.
    Fail,
    /// The stub's `todo!()` is still in place: every property failed on it.
    NotStarted,
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
    /// The file was not read: over 1 MiB, or not a regular file.
    Refused,
    /// The submission tried to reach outside its own files (a link to a file elsewhere).
    SandboxViolation,
}

impl Status {
    /// The status a report of the checks gives, and for a timeout or a crash the failure
    /// that shows it (`property (call): what came back`).
    pub fn of(report: &ExerciseReport) -> (Status, Option<String>) {
        let failing = |needle: &str| {
            report.properties.iter().find_map(|p| {
                p.failure
                    .as_ref()
                    .filter(|f| f.returned.contains(needle))
                    .map(|f| format!("{} ({}): {}", p.id, f.call, f.returned))
            })
        };
        if report.passed() {
            (Status::Pass, None)
        } else if report.not_started() {
            (Status::NotStarted, None)
        } else if let Some(t) = failing("did not return within") {
            (Status::Timeout, Some(t))
        } else if let Some(c) = failing("crashed the process running it") {
            (Status::Crashed, Some(c))
        } else {
            (Status::Fail, None)
        }
    }

    /// Lower-case words for humans.
    pub fn words(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotStarted => "not started",
            Status::CompileError => "compile error",
            Status::Timeout => "timeout",
            Status::Crashed => "crashed",
            Status::ForbiddenCall => "forbidden call",
            Status::Missing => "missing",
            Status::Refused => "refused",
            Status::SandboxViolation => "sandbox violation",
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
    /// Wall time of the exercise's run by the judge (0 when it was not run: excluded from
    /// the build, or graded elsewhere).
    pub seconds: f64,
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
    /// The learner's `src` folder being graded (never written to).
    pub exercises_dir: PathBuf,
    /// Cargo's target directory of the course (the judge's build; the learner crate
    /// lives under `mathlings/learner/`).
    pub target_dir: PathBuf,
    /// Master seed.
    pub seed: u64,
    /// Cases per property.
    pub cases: u32,
    /// Limits for each run.
    pub limits: Limits,
    /// Exercises run at once.
    pub jobs: usize,
    /// Let the solution's runs write missing or changed snapshots (instructors only).
    pub bless: bool,
    /// Whether learner code may run where the sandbox is unavailable.
    pub sandbox: SandboxMode,
    /// Stop each exercise at its first failing property, unshrunk and undiagnosed
    /// (`verify --mutants`: only whether an implementation is rejected matters).
    pub first_failure: bool,
    /// Shrink failing cases without the time limit, so that a report does not depend on the
    /// machine's speed (`verify --record`).
    pub deterministic: bool,
    /// The judge, when already built for every grading of this process (a batch: the
    /// judge depends on the course alone, so one build serves every submission).
    pub judge: Option<Arc<PrivateCopy>>,
}

/// A private copy of a binary (taken under the build lock, so that no later build can
/// replace a binary a grading is about to run), deleted when dropped.
#[derive(Debug)]
pub struct PrivateCopy(PathBuf);

impl Drop for PrivateCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What to do where the kernel cannot confine learner code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxMode {
    /// Refuse (course grading, unless `--allow-unsandboxed`).
    Required,
    /// Run unconfined and say so in one line (a learner's own machine).
    BestEffort,
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

/// Why an exercise was not compiled into the learner process.
#[derive(Debug, Clone)]
pub struct Excluded {
    /// The status it gets.
    pub status: Status,
    /// What to tell the learner.
    pub detail: String,
}

/// A build for one submission: the judge, the learner process and what was left out.
pub struct Build {
    judge: Arc<PrivateCopy>,
    learner: Option<PrivateCopy>,
    excluded: BTreeMap<String, Excluded>,
    notes: BTreeMap<String, String>,
}

impl Build {
    /// The judge binary.
    pub fn judge(&self) -> &Path {
        &self.judge.0
    }

    /// The learner process's binary (none when nothing compiled).
    pub fn learner(&self) -> Option<&Path> {
        self.learner.as_ref().map(|l| l.0.as_path())
    }

    /// Why an exercise was left out of the learner process, if it was.
    pub fn excluded(&self, id: &str) -> Option<&Excluded> {
        self.excluded.get(id)
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
        let build = match ids {
            [id] => self.build_learner_for(Some(id)),
            _ => self.build(),
        }?;
        Ok(self.run_exercises(&exercises, &build))
    }

    /// Grades one text as exercise `ex`'s file: writes it into the scratch folder `dir` (an
    /// exercises folder holding that file alone) and grades it there through the normal
    /// path. For texts that are not a learner's working tree: mutants of a solution, an
    /// alternative solution.
    ///
    /// # Errors
    /// When the folder cannot be written, or the course itself cannot be built or run.
    pub fn grade_source(
        &self,
        ex: &Exercise,
        dir: &Path,
        source: &str,
    ) -> Result<Verdict, GraderError> {
        let file = dir.join(&ex.file);
        std::fs::create_dir_all(file.parent().expect("a file in a folder"))
            .and_then(|()| std::fs::write(&file, source))
            .map_err(|e| GraderError(format!("cannot write {}: {e}", file.display())))?;
        let mut grader = self.clone();
        grader.exercises_dir = dir.to_path_buf();
        grader
            .grade(std::slice::from_ref(&ex.id))?
            .pop()
            .ok_or_else(|| GraderError(format!("no verdict for {}", ex.id)))
    }

    /// Runs already-built exercises `ids` (all known ids) with `build`.
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
        let started = Instant::now();
        let verdict = |status, report, detail| Verdict {
            id: ex.id.clone(),
            status,
            report,
            detail,
            seconds: started.elapsed().as_secs_f64(),
        };
        if let Some(e) = build.excluded.get(&ex.id) {
            return verdict(e.status, None, Some(e.detail.clone()));
        }
        let Some(PrivateCopy(learner)) = &build.learner else {
            return verdict(Status::CompileError, None, Some("nothing was built".into()));
        };
        let note = build.notes.get(&ex.id).cloned();
        let judged = trace(&format!("judge {}", ex.id), || {
            self.judge(build, "grade", &ex.id, "learner", Some(learner), ex)
        });
        match judged {
            Ok(response) => {
                let Some(report) = response.report else {
                    return verdict(
                        Status::Crashed,
                        None,
                        Some("the judge gave no report".into()),
                    );
                };
                if !response.forbidden.is_empty() {
                    let detail = response
                        .forbidden
                        .iter()
                        .map(|item| format!("{item} — the course's reference does this exercise's work; it may not be called here"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    return verdict(Status::ForbiddenCall, Some(report), Some(detail));
                }
                let (status, failing) = Status::of(&report);
                let detail = failing.or(note);
                verdict(status, Some(report), detail)
            }
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

    /// Builds the judge and the learner process, leaving out every exercise whose file is
    /// missing, refused, calls a forbidden routine or does not compile.
    ///
    /// # Errors
    /// When the course's own crates do not build, or the sandbox is required and missing.
    pub fn build(&self) -> Result<Build, GraderError> {
        self.build_learner_for(None)
    }

    /// Builds the judge and exercise `id`'s own small learner binary alone (what a save in
    /// `watch` costs; `verify --mutants` builds each mutant so).
    ///
    /// # Errors
    /// As [`Grader::build`].
    pub fn build_one(&self, id: &str) -> Result<Build, GraderError> {
        self.build_learner_for(Some(id))
    }

    /// [`Grader::build`], or with `only`, for that exercise alone: only its crate is
    /// compiled and its own small binary linked (what a save in `watch` costs); see
    /// `build_learner_crate` for what is staged.
    fn build_learner_for(&self, only: Option<&str>) -> Result<Build, GraderError> {
        let (scratch, _lock) = self.build_lock()?;
        let judge_copy = |built: PathBuf| private_copy(&scratch, &built, "judge").map(Arc::new);
        // A learner target never built is first seeded with the dependencies the judge's
        // build compiled (see `dependency_seed`), so the judge is built first then.
        let target = Layout::new(&self.target_dir).target;
        let mut judge = self.judge.clone();
        if dependency_seed::wanted(&target) {
            if judge.is_none() {
                judge = Some(trace("judge build", || self.build_judge()).and_then(judge_copy)?);
            }
            let seeded = trace("dependency seed", || {
                dependency_seed::seed(&self.target_dir, &target)
            });
            // Not fatal: the learner build compiles what was not copied.
            if let (Err(problem), Some(_)) = (seeded, std::env::var_os("MATHLINGS_TRACE")) {
                eprintln!("[trace] dependency seed failed: {problem}");
            }
        }
        // The judge depends on the course only: build it (usually a no-op) while the
        // learner crate builds, unless this process built it already.
        std::thread::scope(|scope| {
            let judge = scope.spawn(|| match judge {
                Some(judge) => Ok(judge),
                None => trace("judge build", || self.build_judge()).and_then(judge_copy),
            });
            let learner = trace("learner build", || self.build_learner_crate(only));
            let judge = judge
                .join()
                .unwrap_or_else(|_| Err(GraderError("the judge's build panicked".into())))?;
            let (learner, excluded, notes) = learner?;
            Ok(Build {
                judge,
                learner: learner
                    .map(|l| private_copy(&scratch, &l, "learner"))
                    .transpose()?,
                excluded,
                notes,
            })
        })
    }

    /// Whether [`Grader::prepare_judge`] has built this grader's judge.
    pub fn has_judge(&self) -> bool {
        self.judge.is_some()
    }

    /// Builds the judge once for every later grading of this grader and its clones (a
    /// batch).
    ///
    /// # Errors
    /// When the course's own crates do not build.
    pub fn prepare_judge(&mut self) -> Result<(), GraderError> {
        let (scratch, _lock) = self.build_lock()?;
        let built = trace("judge build", || self.build_judge())?;
        self.judge = Some(Arc::new(private_copy(&scratch, &built, "judge")?));
        Ok(())
    }

    /// Takes the build lock: several graders may share one target directory (two
    /// terminals, a batch, tests), so each builds and takes its private copies under it, and
    /// no build can replace a binary another grader is about to run. Returns the scratch
    /// folder and the lock (released when dropped).
    fn build_lock(&self) -> Result<(PathBuf, std::fs::File), GraderError> {
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
        Ok((scratch, lock))
    }

    /// Stages and builds the learner crate, leaving out what cannot be compiled.
    #[allow(clippy::type_complexity)]
    fn build_learner_crate(
        &self,
        only: Option<&str>,
    ) -> Result<
        (
            Option<PathBuf>,
            BTreeMap<String, Excluded>,
            BTreeMap<String, String>,
        ),
        GraderError,
    > {
        let mut excluded = BTreeMap::new();
        let mut notes = BTreeMap::new();
        let mut files = BTreeMap::new();
        let layout = Layout::new(&self.target_dir);
        // A save (one exercise, already in the staged workspace) reads, scans and stages
        // that exercise alone; the other staged files are left as they are, since only its
        // crate is built.
        let alone =
            only.filter(|id| learner_crate::is_member(&self.root, &self.manifest, &layout, id));
        for ex in self
            .manifest
            .exercises
            .iter()
            .filter(|ex| alone.is_none_or(|id| ex.id == id))
        {
            match learner_crate::read_exercise(&self.exercises_dir, ex) {
                Err(FileProblem::Missing(detail)) => {
                    excluded.insert(
                        ex.id.clone(),
                        Excluded {
                            status: Status::Missing,
                            detail,
                        },
                    );
                }
                Err(FileProblem::Refused(detail)) => {
                    excluded.insert(
                        ex.id.clone(),
                        Excluded {
                            status: Status::Refused,
                            detail,
                        },
                    );
                }
                Err(FileProblem::Escapes(detail)) => {
                    excluded.insert(
                        ex.id.clone(),
                        Excluded {
                            status: Status::SandboxViolation,
                            detail,
                        },
                    );
                }
                Ok(staged) => {
                    // The token scan is only the fast, early message; the learner process
                    // cannot name what it may not use (see `learner_crate`).
                    let forbidden = find_forbidden_calls(&staged.text, ex);
                    if forbidden.is_empty() {
                        files.insert(ex.id.clone(), staged.text);
                    } else {
                        let detail = forbidden
                            .iter()
                            .map(|f| format!("line {}: {} — {}", f.line, f.call, f.reason))
                            .collect::<Vec<_>>()
                            .join("\n");
                        excluded.insert(
                            ex.id.clone(),
                            Excluded {
                                status: Status::ForbiddenCall,
                                detail,
                            },
                        );
                    }
                    if let Some(note) = staged.note {
                        notes.insert(ex.id.clone(), note);
                    }
                }
            }
        }
        let learner = loop {
            if files.is_empty() || only.is_some_and(|id| !files.contains_key(id)) {
                break None;
            }
            match alone.and_then(|id| Some((self.manifest.get(id)?, files.get(id)?))) {
                Some((ex, text)) => {
                    learner_crate::write_exercise(&self.root, ex, text, &layout.stage).map(drop)
                }
                None => learner_crate::write(&self.root, &self.manifest, &files, &layout),
            }
            .map_err(GraderError)?;
            match self.build_learner(&layout, only)? {
                BuildOutcome::Built(program) => break Some(program),
                BuildOutcome::Forbidden(by_exercise) => {
                    for (id, detail) in by_exercise {
                        files.remove(&id);
                        excluded.insert(
                            id,
                            Excluded {
                                status: Status::ForbiddenCall,
                                detail,
                            },
                        );
                    }
                }
                BuildOutcome::Errors {
                    by_exercise,
                    unattributed,
                } => {
                    if by_exercise.is_empty() {
                        return Err(GraderError(format!(
                            "the learner process does not build, and no exercise is to blame (this is not your fault):\n{unattributed}"
                        )));
                    }
                    for (id, message) in by_exercise {
                        files.remove(&id);
                        let status = if names_reference_item(&message) {
                            Status::ForbiddenCall
                        } else {
                            Status::CompileError
                        };
                        excluded.insert(
                            id,
                            Excluded {
                                status,
                                detail: message,
                            },
                        );
                    }
                }
            }
        };
        Ok((learner, excluded, notes))
    }

    /// Builds the judge (the course only; no learner file is involved), and records the
    /// registry dependencies its build holds, which seed a new learner target
    /// (`dependency_seed`).
    fn build_judge(&self) -> Result<PathBuf, GraderError> {
        let (judge, dependencies) = self.build_course("mathlings-judge")?;
        // A judge found fresh by its stamp ran no cargo: the record of its last build stands.
        if let Some(dependencies) = dependencies {
            dependency_seed::record(&self.target_dir, &dependencies).map_err(GraderError)?;
        }
        Ok(judge)
    }

    /// Builds the course's own binary `bin` (trusted code: the judge, the PNG rasteriser);
    /// its path.
    ///
    /// # Errors
    /// When the course's own crates do not build.
    pub fn build_course_binary(&self, bin: &str) -> Result<PathBuf, GraderError> {
        self.build_course(bin).map(|(binary, _)| binary)
    }

    /// [`Grader::build_course_binary`], with the outputs of the registry packages its build
    /// holds (compiled now or found fresh), or `None` when its stamp showed that nothing
    /// changed since its last build and cargo was not run (see `fresh`).
    fn build_course(&self, bin: &str) -> Result<(PathBuf, Option<Vec<PathBuf>>), GraderError> {
        let expected = self
            .target_dir
            .join("debug")
            .join(format!("{bin}{}", std::env::consts::EXE_SUFFIX));
        let workspaces = [self.root.as_path()];
        let request = format!("course binary {bin}");
        let inputs = fresh::Inputs {
            binary: &expected,
            workspaces: &workspaces,
            extra: &[],
            request: &request,
        };
        let stamp = fresh::Stamp::new(&self.target_dir, &expected);
        let Err(before) = stamp.check(&inputs) else {
            return Ok((expected, None));
        };
        let mut cmd = Command::new(cargo());
        // `--workspace … --examples` resolves features as `cargo test --workspace` does (every
        // member, dev-dependencies included; the course has no examples to build), so the
        // binary reuses the README's test build instead of building the course again with
        // other features (measured on a fresh clone: 344 s → 0.3 s after the test build).
        cmd.current_dir(&self.root)
            .args(["build", "--workspace", "--bin", bin, "--examples"])
            .env("CARGO_TARGET_DIR", &self.target_dir);
        let mut dependencies = Vec::new();
        match cargo_json(
            cmd,
            bin,
            |_| None,
            |message| {
                dependencies.extend(dependency_seed::registry_outputs(message));
            },
        )? {
            BuildOutcome::Built(binary) => {
                if binary == expected {
                    stamp.record(&inputs, before);
                }
                Ok((binary, Some(dependencies)))
            }
            // Only the learner crate's build is linted.
            BuildOutcome::Forbidden(_) => Err(GraderError(format!(
                "the build of {bin} was linted as a learner's (a bug in xtask)"
            ))),
            BuildOutcome::Errors {
                by_exercise,
                unattributed,
            } => Err(GraderError(format!(
                "the course's own code does not build (this is not your fault):\n{unattributed}{}",
                by_exercise.into_values().collect::<String>()
            ))),
        }
    }

    /// Builds the learner crate in the build sandbox.
    ///
    /// With the method lint (`method_lint`) when the toolchain has clippy: the compiler
    /// then also judges, on resolved names, the forbidden methods and types the token scan
    /// cannot see through macros, renames and paths.
    /// `only`: build exercise `only`'s crate and its own binary instead of every exercise.
    fn build_learner(
        &self,
        layout: &Layout,
        only: Option<&str>,
    ) -> Result<BuildOutcome, GraderError> {
        let policy = crate::sandboxing::build_policy(&self.root, layout, self.sandbox)?;
        let lint = MethodLint::new(&self.manifest);
        let conf_dir = layout.target.join("method-lint");
        // Without clippy (`false`), the token scan alone judges, as before.
        let (policy, linted) = crate::sandboxing::with_method_lint(policy, &conf_dir)?;
        // Written only when changed: clippy names it as an input of the build.
        learner_crate::write_if_changed(
            &conf_dir.join("clippy.toml"),
            lint.clippy_toml().as_bytes(),
        )
        .map_err(GraderError)?;
        let manifest = layout.stage.join("Cargo.toml").display().to_string();
        let mut args = vec![
            "build",
            "--offline",
            "--keep-going",
            "--manifest-path",
            &manifest,
        ];
        let package = only.map(|id| format!("ex_{id}"));
        let binary = only.map_or_else(
            || "mathlings-learner".into(),
            learner_crate::exercise_binary,
        );
        // A build of every exercise compiles them at their grading level (`grading_profile`).
        let grading = layout.stage.join("grading.toml");
        let grading_arg = grading.display().to_string();
        match &package {
            Some(package) => args.extend(["--package", package, "--bin", &binary]),
            None => {
                let profile = learner_crate::grading_profile(&self.manifest);
                learner_crate::write_if_changed(&grading, profile.as_bytes())
                    .map_err(GraderError)?;
                args.extend(["--config", &grading_arg]);
            }
        }
        // Built before from exactly these staged files, with nothing to exclude: nothing to do.
        let expected = layout
            .target
            .join("debug")
            .join(format!("{binary}{}", std::env::consts::EXE_SUFFIX));
        let clippy_toml = conf_dir.join("clippy.toml");
        let workspaces = [layout.stage.as_path(), self.root.as_path()];
        let extra = [clippy_toml.as_path(), grading.as_path()];
        let request = format!(
            "learner {args:?} {linted} {}",
            crate::method_lint::CLIPPY_ARGS
        );
        let inputs = fresh::Inputs {
            binary: &expected,
            workspaces: &workspaces,
            extra: &extra,
            request: &request,
        };
        let stamp = fresh::Stamp::new(&self.target_dir, &expected);
        let Err(before) = stamp.check(&inputs) else {
            if std::env::var_os("MATHLINGS_TRACE").is_some() {
                eprintln!("[trace] learner build: its inputs are as last built (cargo not run)");
            }
            return Ok(BuildOutcome::Built(expected));
        };
        let mut cmd = crate::sandboxing::cargo_command(&policy, &args);
        cmd.current_dir(&layout.stage);
        let learner_dir = format!("{}/", self.exercises_dir.display());
        let mut findings = Vec::new();
        // Dependencies compiled rather than found fresh: none after a seeding that worked
        // (`.ci/run` checks it through the trace).
        let mut compiled = 0;
        let outcome = cargo_json(
            cmd,
            &binary,
            |file| {
                // `ex/<id>/../../src/learner/<file>` (the learner's file) or
                // `ex/<id>/lib.rs` (its adapter).
                if let Some((_, relative)) = file.split_once("src/learner/") {
                    return self
                        .manifest
                        .exercises
                        .iter()
                        .find(|e| e.file == relative)
                        .map(|e| e.id.clone());
                }
                let id = file.strip_prefix("ex/")?.split('/').next()?;
                self.manifest.get(id).map(|e| e.id.clone())
            },
            |message| {
                if message["reason"] == "compiler-message" {
                    findings.extend(Finding::read(&message["message"]));
                }
                if message["fresh"] == false
                    && !dependency_seed::registry_outputs(message).is_empty()
                {
                    compiled += 1;
                }
            },
        );
        if std::env::var_os("MATHLINGS_TRACE").is_some() {
            eprintln!("[trace] learner build compiled {compiled} dependencies");
        }
        outcome.map(|outcome| match outcome {
            // It compiled: an exercise whose file the method lint flags for a method or type
            // that exercise forbids is left out all the same.
            BuildOutcome::Built(program) => {
                let forbidden = lint.forbidden(&self.manifest, &findings);
                if forbidden.is_empty() {
                    if program == expected {
                        stamp.record(&inputs, before);
                    }
                    BuildOutcome::Built(program)
                } else {
                    BuildOutcome::Forbidden(forbidden)
                }
            }
            BuildOutcome::Errors {
                by_exercise,
                unattributed,
            } => BuildOutcome::Errors {
                // Show the learner's own paths, not the staging folder's.
                by_exercise: by_exercise
                    .into_iter()
                    .map(|(id, m)| {
                        let staged = format!("ex/{id}/../../src/learner/");
                        let m = m.replace(&staged, &learner_dir);
                        (id, m)
                    })
                    .collect(),
                unattributed,
            },
            built => built,
        })
    }

    /// Runs one verb of the judge for exercise `ex` and reads its answer.
    pub fn judge(
        &self,
        build: &Build,
        verb: &str,
        id: &str,
        target: &str,
        learner: Option<&Path>,
        ex: &Exercise,
    ) -> Result<mathlings_course::report::Response, RunFailure> {
        self.judge_answer(build, verb, id, target, learner, ex)
    }

    /// [`Grader::judge`], reading an answer of type `T` (the `plot` verb's figures).
    pub fn judge_answer<T: serde::de::DeserializeOwned>(
        &self,
        build: &Build,
        verb: &str,
        id: &str,
        target: &str,
        learner: Option<&Path>,
        ex: &Exercise,
    ) -> Result<T, RunFailure> {
        let budget = self.budget(ex);
        let scratch = self
            .target_dir
            .join("mathlings/scratch")
            .join(format!("{id}-{}", nonce()));
        std::fs::create_dir_all(&scratch).map_err(|e| RunFailure::Crashed(e.to_string()))?;
        let request = mathlings_course::report::Request {
            seed: self.seed,
            cases: self.cases,
            budget_ms: u64::try_from(budget.as_millis()).unwrap_or(u64::MAX),
            learner: learner.map(|program| mathlings_course::report::LearnerProcess {
                program: program.to_path_buf(),
                scratch: scratch.clone(),
                require_sandbox: self.sandbox == SandboxMode::Required,
                memory: self.limits.memory,
                output: self.limits.output,
            }),
            first_failure: self.first_failure,
            deterministic: self.deterministic,
        };
        let mut cmd = Command::new(build.judge());
        let mut args = vec![verb, id];
        if verb == "grade" || verb == "plot" {
            args.push(target);
        }
        cmd.args(&args)
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
            .env("MATHLINGS_COURSE_ROOT", &self.root)
            .env_remove("INSTA_FORCE_PASS")
            .env_remove("CI")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = cmd
            .spawn()
            .map_err(|e| RunFailure::Crashed(format!("cannot start the judge: {e}")))?;
        {
            let mut stdin = child.stdin.take().expect("piped");
            let line =
                serde_json::to_string(&request).map_err(|e| RunFailure::Crashed(e.to_string()))?;
            let _ = writeln!(stdin, "{line}");
        }
        let mut stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let out_thread = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stdout.read_to_string(&mut text);
            text
        });
        let err_thread = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        // The judge enforces each property's budget itself; this is the backstop.
        let limit = budget * 24 + Duration::from_secs(30);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > limit => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = std::fs::remove_dir_all(&scratch);
                    return Err(RunFailure::Timeout(limit));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                Err(e) => return Err(RunFailure::Crashed(e.to_string())),
            }
        };
        let output = out_thread.join().unwrap_or_default();
        let errors = err_thread.join().unwrap_or_default();
        let _ = std::fs::remove_dir_all(&scratch);
        if !status.success() {
            return Err(RunFailure::Crashed(format!(
                "the judge failed ({status}), which is not your fault: {}",
                errors.trim()
            )));
        }
        serde_json::from_str(&output)
            .map_err(|e| RunFailure::Crashed(format!("the judge's answer is unreadable: {e}")))
    }

    /// The static description of every exercise's checks — properties and registered
    /// misconceptions, in order — by the judge's `describe` verb.
    ///
    /// # Errors
    /// When the judge cannot be run or its answer read.
    pub fn describe(
        &self,
        build: &Build,
    ) -> Result<Vec<(String, mathlings_course::report::CheckDescription)>, GraderError> {
        let out = Command::new(build.judge())
            .arg("describe")
            .env("MATHLINGS_COURSE_ROOT", &self.root)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| GraderError(format!("cannot start the judge: {e}")))?;
        if !out.status.success() {
            return Err(GraderError(format!(
                "the judge's describe failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        serde_json::from_slice(&out.stdout)
            .map_err(|e| GraderError(format!("the judge's description is unreadable: {e}")))
    }

    /// The time budget of one property of `ex`: its timeout, scaled with the case count.
    pub fn budget(&self, ex: &Exercise) -> Duration {
        let base = self.limits.timeout.unwrap_or_else(|| ex.timeout());
        let scale = f64::from(self.cases.max(64)) / 64.0;
        base.mul_f64(scale)
    }
}

/// Takes a private copy of the binary `from` in `scratch` (under the build lock).
fn private_copy(scratch: &Path, from: &Path, name: &str) -> Result<PrivateCopy, GraderError> {
    let copies = scratch.join("private");
    std::fs::create_dir_all(&copies).map_err(|e| GraderError(e.to_string()))?;
    let to = copies.join(format!("{name}-{}-{}", std::process::id(), nonce()));
    // A hard link is a snapshot too: cargo and the linker replace a binary by writing a new
    // file and renaming it, never by rewriting it in place. Copy where linking is not
    // possible (another file system).
    std::fs::hard_link(from, &to)
        .or_else(|_| std::fs::copy(from, &to).map(|_| ()))
        .map_err(|e| GraderError(format!("cannot copy {}: {e}", from.display())))?;
    Ok(PrivateCopy(to))
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
    /// It built, but these exercises (id → detail) call what they may not (the method lint,
    /// `method_lint`): they are left out like a file that does not compile.
    Forbidden(BTreeMap<String, String>),
    Errors {
        by_exercise: BTreeMap<String, String>,
        unattributed: String,
    },
}

/// Runs `f`; with `MATHLINGS_TRACE` set, prints how long it took (where a grading's time
/// goes: `MATHLINGS_TRACE=1 cargo xtask check ID`).
fn trace<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    if std::env::var_os("MATHLINGS_TRACE").is_some() {
        eprintln!("[trace] {what}: {:.3} s", started.elapsed().as_secs_f64());
    }
    out
}

/// Shown cargo's `compiler-artifact` message of every unit the builds compile or find
/// fresh: the progress of `watch`'s background build. Process-wide, set once, by the
/// process that grades for `watch` (see [`observe_builds`]).
static BUILD_OBSERVER: OnceLock<BuildObserver> = OnceLock::new();

type BuildObserver = Box<dyn Fn(&Value) + Send + Sync>;

/// Makes `observer` see every unit this process's builds compile or find fresh (cargo's
/// `compiler-artifact` messages); the first call wins.
pub fn observe_builds(observer: impl Fn(&Value) + Send + Sync + 'static) {
    let _ = BUILD_OBSERVER.set(Box::new(observer));
}

/// The cargo that runs this xtask (`$CARGO`), else the first in `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs a cargo build with JSON messages; `attribute` names the exercise a source file
/// (as rustc reports it) belongs to. Shows `observe` every message but the compiler's
/// errors: warnings
/// (among them the method lint's findings, fresh or replayed from cargo's cache), so that a
/// build that succeeds can still exclude exercises, and the units built or found fresh.
fn cargo_json(
    mut cmd: Command,
    binary: &str,
    attribute: impl Fn(&str) -> Option<String>,
    mut observe: impl FnMut(&Value),
) -> Result<BuildOutcome, GraderError> {
    cmd.arg(if crate::render::colour() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| GraderError(format!("cannot run cargo: {e}")))?;
    let stderr = child.stderr.take().expect("piped");
    let stderr_thread = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut text);
        text
    });
    let mut built = None;
    let mut by_exercise: BTreeMap<String, String> = BTreeMap::new();
    let mut unattributed = String::new();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let Ok(line) = line else { break };
        let Ok(msg) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        match msg["reason"].as_str() {
            Some("compiler-artifact") => {
                if let Some(observe) = BUILD_OBSERVER.get() {
                    observe(&msg);
                }
                observe(&msg);
                if let Some(exe) = msg["executable"].as_str()
                    && msg["target"]["name"] == binary
                {
                    built = Some(PathBuf::from(exe));
                }
            }
            Some("compiler-message") if msg["message"]["level"] == "error" => {
                let rendered = msg["message"]["rendered"].as_str().unwrap_or_default();
                let mut files = Vec::new();
                collect_files(&msg["message"]["spans"], &mut files);
                match files.iter().find_map(|f| attribute(f)) {
                    Some(id) => by_exercise.entry(id).or_default().push_str(rendered),
                    None if files.is_empty() => {}
                    None => unattributed.push_str(rendered),
                }
            }
            _ => observe(&msg),
        }
    }
    let status = child.wait().map_err(|e| GraderError(e.to_string()))?;
    let stderr = stderr_thread.join().unwrap_or_default();
    if status.success() {
        return built
            .map(BuildOutcome::Built)
            .ok_or_else(|| GraderError(format!("cargo built no {binary} binary")));
    }
    if status.code() == Some(125) {
        return Err(GraderError(stderr.trim().to_string()));
    }
    if by_exercise.is_empty() && unattributed.is_empty() {
        unattributed = stderr;
    }
    Ok(BuildOutcome::Errors {
        by_exercise,
        unattributed,
    })
}

/// Whether a compile error is a learner naming an item of a reference crate that its facade
/// does not offer (the reference's own algorithm): that is a forbidden call, not a typo.
fn names_reference_item(message: &str) -> bool {
    let first = message.lines().next().unwrap_or_default();
    (first.contains("cannot find") || first.contains("unresolved import"))
        && [
            "mathlings_stats",
            "mathlings_linalg",
            "mathlings_calculus",
            "mathlings_models",
        ]
        .iter()
        .any(|c| first.contains(c))
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

fn nonce() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = f.read_exact(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
