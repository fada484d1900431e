//! What the learner's code prints is shown under the property it printed in — all of it,
//! including a `print!` without a newline still in standard output's buffer when the call
//! returned, and never under the next property.

mod common;

use common::{Body, grade, scratch, submission};

const ID: &str = "s1_1_sample_without_replacement";

#[test]
fn prints_are_shown_under_the_property_that_made_them() {
    let dir = scratch("prints");
    let src = dir.join("src");
    // Wrong on purpose (every property fails) and chatty: one complete line on standard
    // error, and a last word without a newline on standard output.
    submission(
        &src,
        &[(
            ID,
            Body::Replace(
                r#"{ let _ = seed; eprintln!("called with n = {n}, k = {k}"); print!("returning zeros"); Ok(vec![0; k]) }"#,
            ),
        )],
    );
    let report = grade(&src, &dir.join("report.json"), &["--only", ID]);
    let exercise = &report["exercises"][0];
    let failed: Vec<&serde_json::Value> = exercise["properties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["passed"] == false && !p["counterexample"]["call"].is_null())
        .collect();
    assert!(failed.len() >= 2, "{exercise:#}");
    for p in failed {
        let output = p["output"].as_str().unwrap_or_default();
        assert!(
            output.contains("called with n = "),
            "{}: {output:?}",
            p["id"]
        );
        assert!(
            output.contains("returning zeros"),
            "{}: {output:?}",
            p["id"]
        );
        if output.contains("more bytes not shown") {
            continue;
        }
        // The counterexample's own call printed; a property shows its own calls' words.
        let call = p["counterexample"]["call"].as_str().unwrap();
        let n = call
            .split(['(', ','])
            .nth(1)
            .map(str::trim)
            .expect("a call with arguments");
        assert!(
            output.contains(&format!("called with n = {n},")),
            "{}: {call} / {output:?}",
            p["id"]
        );
        assert!(!output.contains("mathlings:flushed"), "{output:?}");
    }
}
