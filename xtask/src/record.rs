//! `cargo xtask verify --record DIR [ID…]` (instructors): the verdict record, which proves
//! a change of the checks verdict-neutral.
//!
//! For each exercise (the given ones, or all) and each seed of [`SEEDS`], it writes the
//! judge's report of grading the official solution (the judge's `solution` target, in
//! process), the shipped stub (`crates/course/stubs`, through the learner's path: build
//! sandbox, learner process) and every registered misconception (`misconception:N`, in
//! process): one pretty-printed JSON file per (exercise, target, seed),
//! `DIR/<ID>/<target>.seed<N>.json`, with the target `solution`, `stub` or
//! `misconception.<misconception id>`. Nothing in it depends on time: wall times are left
//! out, and measured times and speed-ups in a failure's text (the blocked product's
//! `faster_than_naive`: "3.1× the speed of the naive loop (yours: 1.2 ms, …)") are masked as
//! `…`; failing cases are shrunk without shrinking's time limit (so the case reported does not
//! depend on the machine's load), and a failing implementation is graded twice, masking
//! what differs between the two runs (a misconception whose threads race for one generator).
//! So two records of one commit are byte-identical (`diff -r`), and a refactoring of
//! the checks that changes a verdict, a shrunk input or a word shows up as a differing
//! file; `--against BEFORE` does that comparison itself and lists the files that differ.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mathlings_course::Exercise;
use mathlings_course::report::ExerciseReport;
use rayon::prelude::*;
use serde::Serialize;

use crate::Course;
use crate::engine::{Build, Grader, RunFailure, Status};

/// The record's seeds: fixed, so that records taken on two commits compare.
pub const SEEDS: [u64; 2] = [1, 2];

/// What the record holds for one (exercise, target, seed).
#[derive(Serialize)]
struct Entry {
    exercise: String,
    /// `solution` or `misconception:N` (the judge's target, graded in the judge), or `stub`
    /// (graded as the learner, in the learner process).
    target: String,
    /// The misconception's id, for a misconception.
    #[serde(skip_serializing_if = "Option::is_none")]
    misconception: Option<String>,
    seed: u64,
    cases: u32,
    status: Status,
    /// What the grader adds to the report (a timeout, a crash, a build note).
    detail: Option<String>,
    /// Reference items called without the exercise allowing them.
    forbidden: Vec<String>,
    report: Option<ExerciseReport>,
}

/// One implementation to grade.
#[derive(Clone)]
enum Target {
    Solution,
    Stub,
    Misconception(usize, String),
}

impl Target {
    /// The file name's stem: `solution`, `stub`, `misconception.<id>`.
    fn stem(&self) -> String {
        match self {
            Target::Solution => "solution".into(),
            Target::Stub => "stub".into(),
            Target::Misconception(_, id) => format!("misconception.{id}"),
        }
    }
}

/// Writes the record of `ids` (all when empty) into `dir`, replacing the folders of those
/// exercises there; with `against`, then compares it with that earlier record.
///
/// # Errors
/// When the course cannot be built or the judge run, or a file cannot be written.
pub fn run(
    course: &Course,
    mut grader: Grader,
    ids: &[String],
    dir: &Path,
    against: Option<&Path>,
) -> Result<ExitCode, String> {
    let exercises: Vec<&Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id))
        .collect();
    grader.exercises_dir = course.root.join(mathlings_course::STUBS_DIR);
    grader.deterministic = true;
    let build = match ids {
        [one] => grader.build_one(one),
        _ => grader.build(),
    }
    .map_err(|e| e.to_string())?;
    let described = grader.describe(&build).map_err(|e| e.to_string())?;
    let mut tasks: Vec<(&Exercise, Target, u64)> = Vec::new();
    for ex in &exercises {
        let misconceptions = described
            .iter()
            .find(|(id, _)| *id == ex.id)
            .map(|(_, d)| d.misconceptions.clone())
            .ok_or_else(|| format!("the judge does not describe {}", ex.id))?;
        for seed in SEEDS {
            tasks.push((ex, Target::Stub, seed));
            tasks.push((ex, Target::Solution, seed));
            for (i, (id, _)) in misconceptions.iter().enumerate() {
                tasks.push((ex, Target::Misconception(i, id.clone()), seed));
            }
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(grader.jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let entries: Vec<(PathBuf, Entry)> = pool.install(|| {
        tasks
            .par_iter()
            .map(|(ex, target, seed)| {
                let mut grader = grader.clone();
                grader.seed = *seed;
                let path = Path::new(&ex.id).join(format!("{}.seed{seed}.json", target.stem()));
                (path, grade(&grader, &build, ex, target))
            })
            .collect()
    });
    for ex in &exercises {
        let folder = dir.join(&ex.id);
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot replace {}: {e}", folder.display())),
        }
    }
    for (path, entry) in &entries {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("in a folder"))
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        std::fs::write(&file, canonical(entry))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    println!(
        "verify --record: {} report(s) of {} exercise(s) at seeds {SEEDS:?} in {}",
        entries.len(),
        exercises.len(),
        dir.display()
    );
    let Some(before) = against else {
        return Ok(ExitCode::SUCCESS);
    };
    let ids: Vec<&str> = exercises.iter().map(|e| e.id.as_str()).collect();
    let differences = compare(before, dir, &ids)?;
    if differences.is_empty() {
        println!(
            "verify --record: identical to {} for these exercises",
            before.display()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for d in &differences {
            println!("✗ {d}");
        }
        println!(
            "verify --record: {} file(s) differ from {}",
            differences.len(),
            before.display()
        );
        Ok(ExitCode::FAILURE)
    }
}

/// Grades `target` of `ex` at the grader's seed: the stub through the learner's path, the
/// solution and the misconceptions in the judge.
fn grade(grader: &Grader, build: &Build, ex: &Exercise, target: &Target) -> Entry {
    let entry = |target: &str, misconception: Option<&String>| Entry {
        exercise: ex.id.clone(),
        target: target.to_string(),
        misconception: misconception.cloned(),
        seed: grader.seed,
        cases: grader.cases,
        status: Status::Crashed,
        detail: None,
        forbidden: Vec::new(),
        report: None,
    };
    let (judge_target, misconception) = match target {
        Target::Stub => {
            let verdict = grader
                .run_all(std::slice::from_ref(&ex.id), build)
                .pop()
                .expect("one verdict per exercise");
            return Entry {
                status: verdict.status,
                detail: verdict.detail,
                report: verdict.report.map(masked),
                ..entry("stub", None)
            };
        }
        Target::Solution => ("solution".to_string(), None),
        Target::Misconception(i, id) => (format!("misconception:{i}"), Some(id)),
    };
    let base = entry(&judge_target, misconception);
    let judge = || {
        grader
            .judge(build, "grade", &ex.id, &judge_target, None, ex)
            .map(|mut response| {
                response.report = response.report.map(masked);
                response
            })
    };
    // A failing implementation is graded twice: where it is not deterministic (threads
    // racing for one generator), what differs between the two runs is masked.
    let judged = match judge() {
        Ok(mut first) if first.report.as_ref().is_some_and(|r| !r.passed()) => {
            if let (Some(report), Ok(Some(second))) =
                (first.report.as_mut(), judge().map(|r| r.report))
            {
                mask_varying(report, &second);
            }
            Ok(first)
        }
        judged => judged,
    };
    match judged {
        Ok(response) => Entry {
            status: response
                .report
                .as_ref()
                .map_or(Status::Crashed, |r| Status::of(r).0),
            forbidden: response.forbidden,
            report: response.report,
            ..base
        },
        Err(RunFailure::Timeout(t)) => Entry {
            status: Status::Timeout,
            detail: Some(format!("the judge did not finish within {} s", t.as_secs())),
            ..base
        },
        Err(RunFailure::Crashed(detail)) => Entry {
            detail: Some(detail),
            ..base
        },
    }
}

/// The entry as the record stores it: pretty-printed JSON, fields in a fixed order, a final
/// newline.
fn canonical(entry: &Entry) -> String {
    let mut text = serde_json::to_string_pretty(entry).expect("plain data serialises");
    text.push('\n');
    text
}

/// `report` with every measured quantity in its failures' texts masked (see
/// [`mask_measured`]).
fn masked(mut report: ExerciseReport) -> ExerciseReport {
    for failure in report
        .properties
        .iter_mut()
        .filter_map(|p| p.failure.as_mut())
    {
        failure.returned = mask_measured(&failure.returned);
    }
    report
}

/// What a failure's text says where two runs of one implementation on one seed differ.
const VARIES: &str = "(varies from run to run: the implementation is not deterministic)";

/// Masks in `report` every failure (its call, what was returned and expected) that differs
/// in `second`, a second run of the same implementation on the same seed: where one text
/// varies, the shrunk case and the others vary too, from one run to the next.
fn mask_varying(report: &mut ExerciseReport, second: &ExerciseReport) {
    for (p, q) in report.properties.iter_mut().zip(&second.properties) {
        if let (Some(f), Some(g)) = (p.failure.as_mut(), q.failure.as_ref())
            && f != g
        {
            f.call = VARIES.into();
            f.returned = VARIES.into();
            f.expected = VARIES.into();
        }
    }
}

/// Units after which a number in a failure's text is a measurement of this run (a time,
/// a timed speed-up), not a verdict.
const MEASURED: [&str; 2] = [" ms", "× the speed"];

/// `text` with every number followed by a unit of [`MEASURED`] replaced by `…`:
/// "3.1× the speed of the naive loop (yours: 1.2 ms)" → "…× the speed of the naive loop
/// (yours: … ms)".
fn mask_measured(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let end = from
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(from.len());
        let (number, after) = from.split_at(end);
        let measured = MEASURED.iter().any(|unit| {
            after
                .strip_prefix(unit)
                .is_some_and(|tail| !tail.starts_with(|c: char| c.is_alphanumeric()))
        });
        out.push_str(if measured { "…" } else { number });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The files of exercises `ids` that differ between the records `before` and `after`
/// (missing on one side, or with other contents: the first differing line is shown).
///
/// # Errors
/// When a folder or file cannot be read.
pub fn compare(before: &Path, after: &Path, ids: &[&str]) -> Result<Vec<String>, String> {
    let mut differences = Vec::new();
    for id in ids {
        let names = |root: &Path| -> Result<BTreeSet<String>, String> {
            let folder = root.join(id);
            match std::fs::read_dir(&folder) {
                Ok(entries) => Ok(entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
                Err(e) => Err(format!("cannot read {}: {e}", folder.display())),
            }
        };
        let (old, new) = (names(before)?, names(after)?);
        for name in old.union(&new) {
            let path = format!("{id}/{name}");
            let read = |root: &Path| {
                std::fs::read_to_string(root.join(&path))
                    .map_err(|e| format!("cannot read {}: {e}", root.join(&path).display()))
            };
            match (old.contains(name), new.contains(name)) {
                (true, false) => differences.push(format!("{path}: only in the earlier record")),
                (false, true) => differences.push(format!("{path}: only in this record")),
                _ => {
                    let (a, b) = (read(before)?, read(after)?);
                    if a != b {
                        differences.push(first_difference(&path, &a, &b));
                    }
                }
            }
        }
    }
    Ok(differences)
}

/// `path: line N: `old` → `new`` for the first line where `a` and `b` differ.
fn first_difference(path: &str, a: &str, b: &str) -> String {
    let (mut a_lines, mut b_lines) = (a.lines(), b.lines());
    for n in 1.. {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => break,
            (x, y) => {
                return format!(
                    "{path}: line {n}: `{}` → `{}`",
                    x.unwrap_or("(end)").trim(),
                    y.unwrap_or("(end)").trim()
                );
            }
        }
    }
    format!("{path}: differs")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mathlings_course::report::{Failure, PropertyReport};

    fn report(passed: bool, returned: &str) -> ExerciseReport {
        ExerciseReport {
            exercise: "s2_2_blocked_matmul".into(),
            properties: vec![PropertyReport {
                id: "faster_than_naive".into(),
                description: "at n = 128 it is ≥ 2× faster".into(),
                weight: 2,
                passed,
                failure: (!passed).then(|| Failure {
                    call: "matmul_blocked(&a, &b)".into(),
                    returned: returned.into(),
                    expected: "≥ 2× the speed of the naive loop".into(),
                }),
                output: None,
            }],
            diagnosis: None,
        }
    }

    fn entry(report: ExerciseReport) -> Entry {
        Entry {
            exercise: report.exercise.clone(),
            target: "misconception:0".into(),
            misconception: Some("naive_order".into()),
            seed: 1,
            cases: 64,
            status: if report.passed() {
                Status::Pass
            } else {
                Status::Fail
            },
            detail: None,
            forbidden: Vec::new(),
            report: Some(masked(report)),
        }
    }

    #[test]
    fn measured_times_and_speedups_are_masked_and_nothing_else() {
        assert_eq!(
            mask_measured(
                "1.3× the speed of the naive loop (yours: 12.5 ms, naive: 16.1 ms, best of 3 or 6)"
            ),
            "…× the speed of the naive loop (yours: … ms, naive: … ms, best of 3 or 6)"
        );
        for kept in [
            "Ok([[1.0, 2.5], [3.0, 4.0]])",
            "128×128 matrices",
            "12 msb",
            "still running after 5.0 s",
            "",
        ] {
            assert_eq!(mask_measured(kept), kept);
        }
    }

    #[test]
    fn two_runs_timed_differently_give_the_same_file() {
        let a = entry(report(
            false,
            "1.3× the speed of the naive loop (yours: 12.5 ms, naive: 16.1 ms, best of 3 or 6)",
        ));
        let b = entry(report(
            false,
            "1.1× the speed of the naive loop (yours: 14.0 ms, naive: 15.2 ms, best of 3 or 6)",
        ));
        assert_eq!(canonical(&a), canonical(&b));
        assert!(canonical(&a).ends_with("}\n"));
    }

    #[test]
    fn what_varies_between_two_runs_is_masked_and_nothing_else() {
        let mut first = report(false, "value #150: -0.1 with 1 thread, 1.7 with 3 threads");
        let second = report(false, "value #175: -0.7 with 1 thread, -0.8 with 3 threads");
        mask_varying(&mut first, &second);
        let f = first.properties[0].failure.as_ref().unwrap();
        assert_eq!([&f.call, &f.returned, &f.expected], [VARIES; 3]);
        // Measured times are masked before the runs are compared.
        let mut timed = masked(report(false, "1.3× the speed (yours: 12.5 ms)"));
        mask_varying(
            &mut timed,
            &masked(report(false, "1.1× the speed (yours: 9.0 ms)")),
        );
        assert_eq!(
            timed.properties[0].failure.as_ref().unwrap().returned,
            "…× the speed (yours: … ms)"
        );
        let mut same = report(false, "Ok(1.0)");
        mask_varying(&mut same, &report(false, "Ok(1.0)"));
        assert_eq!(same, report(false, "Ok(1.0)"));
    }

    #[test]
    fn a_changed_verdict_or_text_is_a_difference() {
        let dir = std::env::temp_dir().join(format!("mathlings-record-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |side: &str, name: &str, e: &Entry| {
            let file = dir.join(side).join("s2_2_blocked_matmul").join(name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, canonical(e)).unwrap();
        };
        let failing = entry(report(false, "1.3× the speed of the naive loop"));
        write("before", "misconception.naive_order.seed1.json", &failing);
        write("after", "misconception.naive_order.seed1.json", &failing);
        write("before", "solution.seed1.json", &entry(report(true, "")));
        write("before", "stub.seed1.json", &failing);
        let ids = ["s2_2_blocked_matmul"];
        let (before, after) = (dir.join("before"), dir.join("after"));
        // Identical files compare equal; a file on one side only is named.
        assert_eq!(
            compare(&before, &after, &ids).unwrap(),
            [
                "s2_2_blocked_matmul/solution.seed1.json: only in the earlier record",
                "s2_2_blocked_matmul/stub.seed1.json: only in the earlier record",
            ]
        );
        // A verdict that flips, and a reworded failure, are named with the first line that
        // differs.
        write("after", "solution.seed1.json", &entry(report(false, "x")));
        write(
            "after",
            "stub.seed1.json",
            &entry(report(false, "1.3× as fast")),
        );
        let differences = compare(&before, &after, &ids).unwrap();
        assert_eq!(differences.len(), 2, "{differences:?}");
        assert!(
            differences[0].starts_with("s2_2_blocked_matmul/solution.seed1.json: line 7:")
                && differences[0].contains("\"status\": \"pass\""),
            "{differences:?}"
        );
        assert!(
            differences[1].starts_with("s2_2_blocked_matmul/stub.seed1.json: line ")
                && differences[1].contains("1.3× as fast"),
            "{differences:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
