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
    /// How many mutants did not compile when the contents were last proven (so that a
    /// proven exercise, skipped, still counts in the curriculum's tally).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unviable: Option<usize>,
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
#[derive(Debug, Default)]
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

impl Proof {
    /// An exercise skipped because its contents are proven: its counts come from `record`.
    fn from_record(id: &str, total: usize, record: &Record) -> Proof {
        let equivalent = record.equivalents.len();
        let unviable = record.unviable.unwrap_or(0);
        Proof {
            id: id.to_string(),
            total,
            killed: total.saturating_sub(equivalent + unviable),
            unviable,
            equivalent,
            skipped: true,
            ..Proof::default()
        }
    }
}

/// The curriculum's totals over some proofs.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    exercises: usize,
    skipped: usize,
    total: usize,
    killed: usize,
    unviable: usize,
    equivalent: usize,
    survived: usize,
    stale: usize,
}

impl Tally {
    fn of(proofs: &[Proof]) -> Tally {
        proofs.iter().fold(Tally::default(), |t, p| Tally {
            exercises: t.exercises + 1,
            skipped: t.skipped + usize::from(p.skipped),
            total: t.total + p.total,
            killed: t.killed + p.killed,
            unviable: t.unviable + p.unviable,
            equivalent: t.equivalent + p.equivalent,
            survived: t.survived + p.survivors.len(),
            stale: t.stale + p.stale.len(),
        })
    }

    /// The percentage of non-equivalent mutants that compile and are killed
    /// (100 when there are none).
    fn score(&self) -> f64 {
        let viable = self.killed + self.survived;
        if viable == 0 {
            100.0
        } else {
            100.0 * self.killed as f64 / viable as f64
        }
    }

    /// Whether `verify --mutants` succeeds: no unrecorded survivor, no stale record.
    fn passed(&self) -> bool {
        self.survived == 0 && self.stale == 0
    }
}

/// Which exercises `verify --mutants` proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every given exercise (proven ones are skipped when unchanged).
    All,
    /// Only those with a proof on record: re-proves the ones whose solution, checks or
    /// snapshots changed since (what CI runs), and names the unproven others.
    Proven,
    /// Every given exercise, even when unchanged since its proof.
    Fresh,
}

/// Runs `verify --mutants` for `ids` (all when empty); with `list`, only lists mutants.
pub fn run(
    course: &Course,
    mut grader: Grader,
    ids: &[String],
    scope: Scope,
    list: bool,
) -> Result<ExitCode, String> {
    let mut exercises: Vec<&Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id))
        .collect();
    if scope == Scope::Proven {
        let mut unproven = Vec::new();
        let mut proven = Vec::new();
        for ex in exercises {
            if read_record(&course.root, &ex.id)?.proven.is_some() {
                proven.push(ex);
            } else {
                unproven.push(ex.id.as_str());
            }
        }
        if !unproven.is_empty() {
            println!(
                "verify --mutants: {} exercise(s) without a proof on record, not run: {}",
                unproven.len(),
                unproven.join(", ")
            );
        }
        exercises = proven;
    }
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
        let proof = prove(course, &mut grader, ex, scope == Scope::Fresh)?;
        print_proof(&proof);
        proofs.push(proof);
    }
    let t = Tally::of(&proofs);
    println!(
        "verify --mutants: {} exercise(s) ({} unchanged since proven), {} mutants: {} killed, \
         {} survived, {} equivalent, {} unviable — {:.1} % of non-equivalent viable mutants \
         killed; {:.0} s",
        t.exercises,
        t.skipped,
        t.total,
        t.killed,
        t.survived,
        t.equivalent,
        t.unviable,
        t.score(),
        started.elapsed().as_secs_f64()
    );
    Ok(if t.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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

/// Proves `ex` (or skips it, unless `fresh`, when its contents are proven); builds the
/// judge first if `grader` has none yet.
fn prove(
    course: &Course,
    grader: &mut Grader,
    ex: &Exercise,
    fresh: bool,
) -> Result<Proof, String> {
    let started = Instant::now();
    let mut record = read_record(&course.root, &ex.id)?;
    let key = fingerprint(&course.root, ex)?;
    let (source, found) = solution_mutants(course, ex)?;
    if !fresh && record.proven.as_deref() == Some(key.as_str()) {
        return Ok(Proof::from_record(&ex.id, found.len(), &record));
    }
    if !grader.has_judge() {
        grader.prepare_judge().map_err(|e| e.to_string())?;
    }
    let mut proof = Proof {
        id: ex.id.clone(),
        total: found.len(),
        ..Proof::default()
    };
    // A scratch exercises folder holding this exercise's file alone.
    let work = grader.target_dir.join("mathlings/mutants").join(&ex.id);
    let file = work.join(&ex.file);
    let mut grader = grader.clone();
    grader.limits.timeout = Some(ex.timeout().min(MUTANT_TIMEOUT));
    grader.first_failure = true;
    // The solution itself must pass under these limits, or no mutant's verdict means much.
    let baseline = grader
        .grade_source(ex, &work, &source)
        .map_err(|e| format!("{}: {e}", ex.id))?;
    grader.exercises_dir = work.clone();
    if outcome(baseline.status) != Outcome::Survived {
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
        record.unviable = Some(proof.unviable);
        write_record(&course.root, ex, &record)?;
    }
    proof.seconds = started.elapsed().as_secs_f64();
    Ok(proof)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn graded(
        id: &str,
        killed: usize,
        unviable: usize,
        equivalent: usize,
        survivors: usize,
    ) -> Proof {
        Proof {
            id: id.into(),
            total: killed + unviable + equivalent + survivors,
            killed,
            unviable,
            equivalent,
            survivors: (0..survivors)
                .map(|i| (format!("m{i}"), String::new()))
                .collect(),
            ..Proof::default()
        }
    }

    #[test]
    fn the_score_counts_killed_among_viable_non_equivalent_mutants() {
        let t = Tally::of(&[graded("a", 97, 5, 2, 0), graded("b", 0, 0, 0, 3)]);
        assert_eq!(
            (t.exercises, t.total, t.killed, t.survived),
            (2, 107, 97, 3)
        );
        // 97 of the 100 viable, non-equivalent mutants: unviable and equivalent ones aside.
        assert!((t.score() - 97.0).abs() < 1e-12);
        assert!(!t.passed());
        assert!(Tally::of(&[graded("a", 10, 1, 1, 0)]).passed());
    }

    #[test]
    fn nothing_graded_scores_full_and_passes_but_a_stale_record_fails() {
        assert_eq!(Tally::of(&[]).score(), 100.0);
        assert!(Tally::of(&[]).passed());
        let mut p = graded("a", 4, 0, 0, 0);
        p.stale.push("`x` is now killed".into());
        assert!(!Tally::of(&[p]).passed());
    }

    #[test]
    fn a_skipped_exercise_counts_from_its_record() {
        let record: Record = toml::from_str(
            "proven = \"00ff\"\nunviable = 2\n\n[[equivalent]]\nmutant = \"fn f: `<` → `<=`\"\nreason = \"ties\"\n",
        )
        .unwrap();
        let p = Proof::from_record("a", 20, &record);
        assert!(p.skipped);
        assert_eq!((p.killed, p.unviable, p.equivalent), (17, 2, 1));
        let t = Tally::of(&[p]);
        assert_eq!((t.skipped, t.total), (1, 20));
        assert!(t.passed());
        // A record written before unviable mutants were counted: they count as killed.
        let old: Record = toml::from_str("proven = \"00ff\"\nequivalent = []\n").unwrap();
        assert_eq!(Proof::from_record("a", 5, &old).killed, 5);
    }

    #[test]
    fn a_record_round_trips_and_omits_what_it_does_not_know() {
        let record = Record {
            proven: None,
            unviable: None,
            equivalents: vec![Equivalent {
                mutant: "fn f: `a` → `b`".into(),
                reason: "dead code".into(),
            }],
        };
        let text = toml::to_string(&record).unwrap();
        assert!(
            !text.contains("proven") && !text.contains("unviable"),
            "{text}"
        );
        let back: Record = toml::from_str(&text).unwrap();
        assert_eq!(back.equivalents[0].mutant, "fn f: `a` → `b`");
    }
}
