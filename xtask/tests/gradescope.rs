//! Gradescope's run_autograder, run as Gradescope would (as far as this machine allows):
//! an /autograder-like folder with the course as `source/` and a learner's upload as
//! `submission/`; results.json must appear with a score and one test per exercise.

mod common;

use common::{Body, exercises, root, scratch, submission};

#[test]
fn run_autograder_writes_results_json() {
    let autograder = scratch("gradescope");
    std::os::unix::fs::symlink(root(), autograder.join("source")).unwrap();
    let first = exercises()[0].0.clone();
    submission(
        &autograder.join("submission/exercises/src"),
        &[(first.as_str(), Body::Solution)],
    );
    let out = std::process::Command::new(root().join("gradescope/run_autograder"))
        .env("AUTOGRADER_ROOT", &autograder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(autograder.join("results/results.json")).unwrap(),
    )
    .unwrap();
    let tests = results["tests"].as_array().unwrap();
    assert_eq!(tests.len(), exercises().len());
    assert_eq!(tests[0]["status"], "passed");
    assert_eq!(tests[0]["score"], tests[0]["max_score"]);
    assert!(results["score"].as_f64().unwrap() > 0.0);
}
