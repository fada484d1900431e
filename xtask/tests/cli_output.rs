//! Snapshots of what a learner sees from `cargo xtask check`: a passing, a failing
//! (with its misconception) and a non-compiling exercise, on a fixed seed.

mod common;

use common::{Body, scratch, submission, xtask};

fn check(name: &str, body: Body) -> String {
    let id = "s1_3_sample_variance";
    let dir = scratch(name).join("src");
    submission(&dir, &[(id, body)]);
    let out = xtask(&[
        "check",
        id,
        "--seed",
        "2026",
        "--cases",
        "64",
        "--exercises-dir",
        dir.to_str().unwrap(),
    ]);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    text.replace(
        &dir.canonicalize().unwrap().display().to_string(),
        "[EXERCISES]",
    )
}

#[test]
fn a_passing_exercise() {
    insta::assert_snapshot!(check("cli-pass", Body::Solution));
}

#[test]
fn a_failing_exercise_names_the_property_the_call_and_the_misconception() {
    let textbook = "{ let n = xs.len() as f64; let m = xs.iter().sum::<f64>() / n; \
                    Ok((xs.iter().map(|x| x * x).sum::<f64>() - n * m * m) / (n - 1.0)) }";
    insta::assert_snapshot!(check("cli-fail", Body::Replace(textbook)));
}

#[test]
fn a_non_compiling_exercise_shows_rustc() {
    insta::assert_snapshot!(check(
        "cli-compile",
        Body::Replace("{ let total: f64 = xs.len(); todo!() }")
    ));
}
