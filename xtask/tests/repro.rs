//! `cargo xtask repro ID` end to end: the failing case of a wrong answer becomes a unit test
//! of the exercises crate that fails on that answer and passes on the solution.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Body, root, scratch, submission, xtask};

const ID: &str = "s1_3_sample_variance";
const FILE: &str = "p1_stats/s1_3_sample_variance.rs";

/// The textbook shortcut, which loses every digit near 1e9 (a registered misconception).
const TEXTBOOK: &str = "{ let n = xs.len() as f64; let m = xs.iter().sum::<f64>() / n; \
                        Ok((xs.iter().map(|x| x * x).sum::<f64>() - n * m * m) / (n - 1.0)) }";

/// Makes `dir` (holding the exercise files in `src/`) a copy of the exercises crate: its
/// module files, the same dependencies, from the course's crates and lock file, outside the
/// course's workspace.
fn exercises_crate(dir: &Path) {
    for part in std::fs::read_dir(root().join("exercises/src"))
        .unwrap()
        .flatten()
    {
        let path = part.path();
        let modules = if path.is_dir() {
            vec![path.join("mod.rs")]
        } else {
            vec![path]
        };
        for module in modules {
            let relative = module.strip_prefix(root().join("exercises/src")).unwrap();
            std::fs::copy(&module, dir.join("src").join(relative)).unwrap();
        }
    }
    let workspace: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    let package: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("exercises/Cargo.toml")).unwrap())
            .unwrap();
    let shared = &workspace["workspace"]["dependencies"];
    let mut dependencies = toml::Table::new();
    for name in package["dependencies"].as_table().unwrap().keys() {
        let mut spec = shared[name].clone();
        if let Some(table) = spec.as_table_mut()
            && let Some(path) = table.get("path").and_then(|p| p.as_str())
        {
            let absolute = root().join(path).display().to_string();
            table.insert("path".into(), absolute.into());
        }
        dependencies.insert(name.clone(), spec);
    }
    let mut manifest = toml::Table::new();
    manifest.insert(
        "package".into(),
        toml::toml! {
            name = "mathlings-exercises"
            version = "0.1.0"
            edition = "2024"
            publish = false
        }
        .into(),
    );
    manifest.insert("lib".into(), toml::toml! { name = "exercises" }.into());
    manifest.insert("dependencies".into(), dependencies.into());
    manifest.insert("workspace".into(), toml::Table::new().into());
    manifest.insert("profile".into(), workspace["profile"].clone());
    std::fs::write(dir.join("Cargo.toml"), toml::to_string(&manifest).unwrap()).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// `cargo xtask repro ID` on the submission in `dir/src`; its output.
fn repro(dir: &Path) -> String {
    let out = xtask(&[
        "repro",
        ID,
        "--seed",
        "2026",
        "--cases",
        "64",
        "--exercises-dir",
        dir.join("src").to_str().unwrap(),
    ]);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "repro failed: {text}");
    text
}

/// Runs the repro test; whether it passed, and its output.
fn run_test(dir: &Path) -> (bool, String) {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--offline", "--test", &format!("repro_{ID}")])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        // The course's own target directory: the copy has the course's profiles, so most of
        // its dependencies are already built there (a directory of its own cost a cold
        // build of them all, minutes in CI).
        .env("CARGO_TARGET_DIR", root().join("target"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn the_failing_case_becomes_a_test_that_fails_until_the_answer_is_right() {
    let dir = scratch("repro");
    submission(&dir.join("src"), &[(ID, Body::Replace(TEXTBOOK))]);
    exercises_crate(&dir);
    let test_file = dir.join(format!("tests/repro_{ID}.rs"));

    // A wrong answer: the test states the expected value with the checks' tolerance.
    let said = repro(&dir);
    assert!(said.contains("within the checks' tolerance"), "{said}");
    let written = std::fs::read_to_string(&test_file).unwrap();
    assert!(written.contains("let tolerance = "), "{written}");
    assert!(
        written.contains("cargo xtask reset` leaves it alone"),
        "{written}"
    );
    let (passed, output) = run_test(&dir);
    assert!(
        !passed,
        "the repro test passed on the textbook formula:\n{output}"
    );
    assert!(output.contains("expected Ok("), "{output}");

    // The solution in its place passes the same test.
    let solution = std::fs::read_to_string(root().join("solutions/src").join(FILE)).unwrap();
    std::fs::write(dir.join("src").join(FILE), solution).unwrap();
    let (passed, output) = run_test(&dir);
    assert!(passed, "the repro test failed on the solution:\n{output}");

    // The stub: its case is a panic, and the test fails on it.
    let stub = std::fs::read_to_string(root().join("exercises/src").join(FILE)).unwrap();
    std::fs::write(dir.join("src").join(FILE), stub).unwrap();
    let said = repro(&dir);
    assert!(said.contains("does not panic"), "{said}");
    assert!(
        said.contains("Your previous file is in"),
        "the previous test must be kept: {said}"
    );
    let (passed, output) = run_test(&dir);
    assert!(!passed, "the repro test passed on the stub:\n{output}");
    assert!(output.contains("not yet implemented"), "{output}");
}
