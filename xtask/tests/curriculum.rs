//! The curriculum through the real path (`cargo xtask grade`: build sandbox, learner
//! process, judge): every official solution passes every property, and every stub fails
//! every property. (The solution and misconceptions in the judge itself are proven by
//! `crates/judge/tests/verify.rs`.)

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
    let stubs = grade(&root().join("exercises/src"), &dir.join("stubs.json"));
    for e in stubs["exercises"].as_array().unwrap() {
        for p in e["properties"].as_array().into_iter().flatten() {
            if p["passed"] == true {
                problems.push(format!("{}: the stub passes `{}`", e["id"], p["id"]));
            }
        }
        if e["properties"].as_array().is_none_or(|p| p.is_empty()) {
            problems.push(format!(
                "{}: the stub was not graded: {}",
                e["id"], e["status"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
