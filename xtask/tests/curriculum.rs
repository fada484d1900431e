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
