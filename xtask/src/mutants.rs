//! `cargo xtask verify --mutants [ID…]` (instructors): proves that an exercise's checks
//! reject every plausible slip in its official solution.
//!
//! Each mutant (`mathlings_course::mutants`: a flipped boundary or operator, a dropped
//! `± 1` or negation, `max` ↔ `min`, a deleted statement, swapped indices) is written into
//! a scratch copy of the solution and graded through the normal path — built in the build
//! sandbox, run by the judge in the sandboxed learner process — so a mutant is *killed*
//! exactly when a learner's file with that slip would lose points. A mutant that does not
//! compile is *unviable* (the compiler catches that slip). A mutant that gets full marks
//! *survives*: either the checks miss a slip that breaks the exercise's contract (strengthen
//! them), or it is truly equivalent (say why in the exercise's record).
//!
//! Records, one per exercise, reviewed in code review: `crates/checks/mutants/<id>.toml`
//! holds the equivalent mutants, each with a one-line reason, and `proven`, the
//! fingerprint of the contents last proven (the solution, the exercise's checks module and
//! its snapshots). `verify --mutants` skips an exercise whose fingerprint equals `proven`
//! (unless `--fresh`), and writes `proven` when no unrecorded mutant survives. The shared
//! helpers of the checks (`framework.rs`, `expect.rs`, …) and the reference crates are not
//! in the fingerprint: after changing them, run `verify --mutants --fresh`.
//!
//! Builds take turns (one learner workspace), while the judge grades earlier mutants on
//! the other cores.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use mathlings_course::Exercise;
use mathlings_course::mutants::Mutant;
use serde::{Deserialize, Serialize};

use crate::Course;
use crate::engine::{Grader, Status};

/// Where the records live, relative to the course root.
pub const RECORDS_DIR: &str = "crates/checks/mutants";

/// The longest a mutant's property may run: a mutant that loops forever (a deleted
/// increment) costs this much per property, not the exercise's full budget.
const MUTANT_TIMEOUT: Duration = Duration::from_secs(5);

/// An exercise's record of its mutants.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Record {
    /// Fingerprint of the contents last proven to have no unrecorded survivor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proven: Option<String>,
    /// Mutants judged equivalent, each with its reason.
    #[serde(default, rename = "equivalent")]
    pub equivalents: Vec<Equivalent>,
}

/// A mutant judged equivalent to the solution.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Equivalent {
    /// The mutant's name, as `verify --mutants` prints it.
    pub mutant: String,
    /// Why no correct check can tell it from the solution (one line).
    pub reason: String,
}

/// What grading a mutant showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Killed,
    Unviable,
    Survived,
}

/// One exercise's result.
struct Proof {
    id: String,
    total: usize,
    killed: usize,
    unviable: usize,
    equivalent: usize,
    /// Unrecorded survivors: name and diff.
    survivors: Vec<(String, String)>,
    /// Recorded equivalents that no longer survive or no longer exist.
    stale: Vec<String>,
    skipped: bool,
    seconds: f64,
}

/// Runs `verify --mutants` for `ids` (all when empty); with `list`, only lists mutants.
pub fn run(
    course: &Course,
    grader: &Grader,
    ids: &[String],
    fresh: bool,
    list: bool,
) -> Result<ExitCode, String> {
    let exercises: Vec<&Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id))
        .collect();
    if list {
        for ex in exercises {
            let (source, found) = solution_mutants(course, ex)?;
            for m in found {
                println!("{}\t{}\n{}", ex.id, m.name, m.diff(&source));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let started = Instant::now();
    let mut proofs = Vec::new();
    for ex in exercises {
        let proof = prove(course, grader, ex, fresh)?;
        print_proof(&proof);
        proofs.push(proof);
    }
    let total: usize = proofs.iter().map(|p| p.total).sum();
    let killed: usize = proofs.iter().map(|p| p.killed).sum();
    let unviable: usize = proofs.iter().map(|p| p.unviable).sum();
    let equivalent: usize = proofs.iter().map(|p| p.equivalent).sum();
    let survived: usize = proofs.iter().map(|p| p.survivors.len()).sum();
    let viable = killed + survived;
    let graded: Vec<&Proof> = proofs.iter().filter(|p| !p.skipped).collect();
    println!(
        "verify --mutants: {} exercise(s) ({} already proven), {total} mutants: {killed} killed, \
         {survived} survived, {equivalent} equivalent, {unviable} unviable — {:.1} % of \
         non-equivalent viable mutants killed; {:.0} s",
        proofs.len(),
        proofs.len() - graded.len(),
        if viable == 0 {
            100.0
        } else {
            100.0 * killed as f64 / viable as f64
        },
        started.elapsed().as_secs_f64()
    );
    Ok(
        if survived == 0 && proofs.iter().all(|p| p.stale.is_empty()) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

fn print_proof(p: &Proof) {
    if p.skipped {
        println!("✓ {}: proven (unchanged since; --fresh re-runs it)", p.id);
        return;
    }
    let mark = if p.survivors.is_empty() && p.stale.is_empty() {
        "✓"
    } else {
        "✗"
    };
    println!(
        "{mark} {}: {} mutants — {} killed, {} unviable, {} equivalent, {} survived ({:.0} s)",
        p.id,
        p.total,
        p.killed,
        p.unviable,
        p.equivalent,
        p.survivors.len(),
        p.seconds
    );
    for (name, diff) in &p.survivors {
        println!("  survived: {name}\n{}", indent(diff));
    }
    for name in &p.stale {
        println!(
            "  recorded as equivalent but {name}: remove it from {RECORDS_DIR}/{}.toml",
            p.id
        );
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn solution_path(course: &Course, ex: &Exercise) -> PathBuf {
    course.root.join("solutions/src").join(&ex.file)
}

fn solution_mutants(course: &Course, ex: &Exercise) -> Result<(String, Vec<Mutant>), String> {
    let path = solution_path(course, ex);
    let source = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let found = mathlings_course::mutants::mutants(&source)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((source, found))
}

/// The record of `id`, or an empty one.
pub fn read_record(root: &Path, id: &str) -> Result<Record, String> {
    let path = root.join(RECORDS_DIR).join(format!("{id}.toml"));
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Record::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn write_record(root: &Path, ex: &Exercise, record: &Record) -> Result<(), String> {
    let dir = root.join(RECORDS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let body = toml::to_string(record).map_err(|e| e.to_string())?;
    let text = format!(
        "# Mutants of solutions/src/{} — written by `cargo xtask verify --mutants {}`.\n\
         # `proven`: fingerprint of the solution, checks module and snapshots last proven.\n\
         # Each [[equivalent]] is a mutant no correct check can tell from the solution, with\n\
         # the reason (reviewed in code review; see INSTRUCTORS.md, \"Mutants\").\n\n{body}",
        ex.file, ex.id
    );
    let path = dir.join(format!("{}.toml", ex.id));
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The fingerprint of what decides whether `ex`'s mutants are killed: its solution, its
/// checks module and its snapshots.
pub fn fingerprint(root: &Path, ex: &Exercise) -> Result<String, String> {
    let mut files = vec![
        PathBuf::from("solutions/src").join(&ex.file),
        PathBuf::from("crates/checks/src").join(&ex.file),
    ];
    let snapshots = root.join("crates/checks/snapshots");
    if let Ok(entries) = std::fs::read_dir(&snapshots) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(&format!("{}__", ex.id)))
            .collect();
        names.sort();
        files.extend(
            names
                .into_iter()
                .map(|n| PathBuf::from("crates/checks/snapshots").join(n)),
        );
    }
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            std::fs::read(root.join(f))
                .map(|bytes| (f.display().to_string(), bytes))
                .map_err(|e| format!("{}: {e}", f.display()))
        })
        .collect::<Result<_, _>>()?;
    Ok(mathlings_course::fingerprint(
        contents.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
    ))
}

fn prove(course: &Course, grader: &Grader, ex: &Exercise, fresh: bool) -> Result<Proof, String> {
    let started = Instant::now();
    let mut record = read_record(&course.root, &ex.id)?;
    let key = fingerprint(&course.root, ex)?;
    let (source, found) = solution_mutants(course, ex)?;
    let mut proof = Proof {
        id: ex.id.clone(),
        total: found.len(),
        killed: 0,
        unviable: 0,
        equivalent: 0,
        survivors: Vec::new(),
        stale: Vec::new(),
        skipped: false,
        seconds: 0.0,
    };
    if !fresh && record.proven.as_deref() == Some(key.as_str()) {
        proof.skipped = true;
        return Ok(proof);
    }
    // A scratch exercises folder holding this exercise's file alone.
    let work = grader.target_dir.join("mathlings/mutants").join(&ex.id);
    let file = work.join(&ex.file);
    std::fs::create_dir_all(file.parent().expect("a file in a folder"))
        .map_err(|e| e.to_string())?;
    let mut grader = grader.clone();
    grader.exercises_dir = work.clone();
    grader.limits.timeout = Some(ex.timeout().min(MUTANT_TIMEOUT));
    grader.first_failure = true;
    // The solution itself must pass under these limits, or no mutant's verdict means much.
    std::fs::write(&file, &source).map_err(|e| e.to_string())?;
    let baseline = grade_file(&grader, &ex.id).map_err(|e| format!("{}: {e}", ex.id))?;
    if baseline != Outcome::Survived {
        return Err(format!(
            "{}: the solution does not pass under the mutants' limits ({} s per property); \
             mutants cannot be judged",
            ex.id,
            MUTANT_TIMEOUT.as_secs()
        ));
    }
    let outcomes = grade_mutants(&grader, ex, &file, &source, &found)?;
    let recorded: BTreeMap<&str, &Equivalent> = record
        .equivalents
        .iter()
        .map(|e| (e.mutant.as_str(), e))
        .collect();
    for (m, outcome) in found.iter().zip(&outcomes) {
        match outcome {
            Outcome::Killed => proof.killed += 1,
            Outcome::Unviable => proof.unviable += 1,
            Outcome::Survived if recorded.contains_key(m.name.as_str()) => proof.equivalent += 1,
            Outcome::Survived => proof.survivors.push((m.name.clone(), m.diff(&source))),
        }
    }
    for e in &record.equivalents {
        match found.iter().position(|m| m.name == e.mutant) {
            None => proof
                .stale
                .push(format!("`{}` is no longer a mutant", e.mutant)),
            Some(i) if outcomes[i] != Outcome::Survived => {
                proof.stale.push(format!("`{}` is now killed", e.mutant));
            }
            Some(_) => {}
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    if proof.survivors.is_empty() && proof.stale.is_empty() {
        record.proven = Some(key);
        write_record(&course.root, ex, &record)?;
    }
    proof.seconds = started.elapsed().as_secs_f64();
    Ok(proof)
}

/// Grades the file now in the grader's exercises folder.
fn grade_file(grader: &Grader, id: &str) -> Result<Outcome, String> {
    let verdict = grader
        .grade(&[id.to_string()])
        .map_err(|e| e.to_string())?
        .pop()
        .ok_or("no verdict")?;
    Ok(outcome(verdict.status))
}

fn outcome(status: Status) -> Outcome {
    match status {
        Status::Pass => Outcome::Survived,
        Status::CompileError | Status::ForbiddenCall => Outcome::Unviable,
        _ => Outcome::Killed,
    }
}

/// Grades every mutant: one thread builds them in turn (writing each into `file`), the
/// others run the judge on what was built.
fn grade_mutants(
    grader: &Grader,
    ex: &Exercise,
    file: &Path,
    source: &str,
    found: &[Mutant],
) -> Result<Vec<Outcome>, String> {
    let progress = std::io::stderr().is_terminal();
    let results = Mutex::new(vec![Outcome::Killed; found.len()]);
    let done = Mutex::new(0usize);
    let workers = grader.jobs.max(1);
    let (send, receive) = mpsc::sync_channel(workers);
    let receive = Mutex::new(receive);
    let ids = [ex.id.clone()];
    std::thread::scope(|scope| -> Result<(), String> {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = receive.lock().expect("not poisoned").recv();
                    let Ok((i, build)) = next else { break };
                    let status = grader
                        .run_all(&ids, &build)
                        .pop()
                        .map_or(Status::Crashed, |v| v.status);
                    results.lock().expect("not poisoned")[i] = outcome(status);
                    let mut n = done.lock().expect("not poisoned");
                    *n += 1;
                    if progress {
                        eprint!("\r\x1b[2K  {} [{}/{}]", ex.id, *n, found.len());
                    }
                }
            });
        }
        for (i, m) in found.iter().enumerate() {
            std::fs::write(file, m.apply(source)).map_err(|e| e.to_string())?;
            let build = grader.build_one(&ex.id).map_err(|e| e.to_string())?;
            if send.send((i, build)).is_err() {
                break;
            }
        }
        drop(send);
        Ok(())
    })?;
    if progress {
        eprint!("\r\x1b[2K");
    }
    Ok(results.into_inner().expect("not poisoned"))
}
