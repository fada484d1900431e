//! The curriculum through the real path (`cargo xtask grade`: build sandbox, learner
//! process, judge): every official solution passes every property, and every stub the
//! course ships (`crates/course/stubs`, not the learner's edited `exercises/src`, so this
//! holds at any stage of a learner's progress) fails every property, is "not started", and
//! its report stays small. (The solution and misconceptions in the judge itself are proven
//! by `crates/judge/tests/verify.rs`.)

mod common;

use common::{root, scratch};

fn grade(src: &std::path::Path, json: &std::path::Path) -> serde_json::Value {
    let cases = std::env::var("MATHLINGS_CASES").unwrap_or_else(|_| "16".into());
    common::grade(src, json, &["--cases", &cases])
}

#[test]
fn every_solution_passes_and_every_stub_fails_through_the_learner_process() {
    let dir = scratch("curriculum");
    let solutions = grade(&root().join("solutions/src"), &dir.join("solutions.json"));
    let mut problems = Vec::new();
    for e in solutions["exercises"].as_array().unwrap() {
        if e["status"] != "pass" {
            problems.push(format!(
                "{}: the solution is `{}`: {e}",
                e["id"], e["status"]
            ));
        }
    }
    // An untouched submission: every exercise is "not started" (every property failed on
    // the stub's `todo!()`), and its report carries no per-property detail.
    let stubs_json = dir.join("stubs.json");
    let stubs = grade(&root().join(mathlings_course::STUBS_DIR), &stubs_json);
    for e in stubs["exercises"].as_array().unwrap() {
        if e["status"] != "not_started" {
            problems.push(format!(
                "{}: the stub is `{}`, not `not_started`: {e}",
                e["id"], e["status"]
            ));
        }
    }
    let size = std::fs::metadata(&stubs_json).unwrap().len();
    if size > 30_000 {
        problems.push(format!(
            "the report of an untouched submission is {size} bytes (at most 30 kB)"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The honest alternative solutions (`solutions/alternatives/<id>/<name>.rs`): correct
/// answers written differently from the official ones, so a check that demands more than
/// the contract fails here. Round k grades, in one submission, every exercise's k-th
/// alternative (the official solutions elsewhere).
#[test]
fn every_honest_alternative_solution_passes() {
    let mut by_id: Vec<(String, String, Vec<std::path::PathBuf>)> = Vec::new();
    for (id, file) in common::exercises() {
        let dir = root().join("solutions/alternatives").join(&id);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        paths.sort();
        if !paths.is_empty() {
            by_id.push((id, file, paths));
        }
    }
    let rounds = by_id.iter().map(|(_, _, p)| p.len()).max().unwrap_or(0);
    assert!(
        by_id.iter().map(|(_, _, p)| p.len()).sum::<usize>() >= 1,
        "the course ships honest alternatives"
    );
    let dir = scratch("alternatives");
    let mut problems = Vec::new();
    for k in 0..rounds {
        let src = dir.join(format!("round-{k}"));
        common::submission(&src, &[]);
        let mut only = Vec::new();
        for (id, file, paths) in by_id.iter().filter(|(_, _, p)| p.len() > k) {
            std::fs::copy(&paths[k], src.join(file)).unwrap();
            only.push(id.as_str());
        }
        let mut args = vec!["--only"];
        args.extend(&only);
        let report = common::grade(&src, &dir.join(format!("round-{k}.json")), &args);
        for (id, _, paths) in by_id.iter().filter(|(_, _, p)| p.len() > k) {
            let status = common::status(&report, id);
            if status != "pass" {
                problems.push(format!("{}: {status}", paths[k].display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
