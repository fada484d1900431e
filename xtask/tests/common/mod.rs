//! Shared helpers of the grader's tests: build submissions from the stubs the course ships
//! (`crates/course/stubs`, never the learner's edited `exercises/src`) and its solutions,
//! with chosen exercises replaced by hostile or wrong code, and run the tool.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The course root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `(id, file)` of every exercise whose stub has exactly one `todo!()` (so that a fixture
/// replacing it controls everything the exercise does), in teaching order.
pub fn single_todo_exercises() -> Vec<(String, String)> {
    exercises()
        .into_iter()
        .filter(|(_, file)| {
            let stub = std::fs::read_to_string(stub(file)).unwrap();
            stub.matches("todo!()").count() == 1
        })
        .collect()
}

/// The path of the stub the course ships for the exercise file `file`.
pub fn stub(file: &str) -> PathBuf {
    root().join(mathlings_course::STUBS_DIR).join(file)
}

/// `(id, file)` of every exercise, in teaching order.
pub fn exercises() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("course.toml")).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    value["exercise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// What to put in a submission's file for one exercise.
pub enum Body<'a> {
    /// The stub as shipped.
    Stub,
    /// The official solution.
    Solution,
    /// The stub with its `todo!()` replaced by this expression (of type `!` or the return type).
    Replace(&'a str),
}

/// Writes a submission (an exercises `src` folder) into `dir`: every exercise's stub,
/// except those listed in `bodies`.
pub fn submission(dir: &Path, bodies: &[(&str, Body)]) {
    let _ = std::fs::remove_dir_all(dir);
    for (id, file) in exercises() {
        let body = bodies
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, b)| b)
            .unwrap_or(&Body::Stub);
        let stub = std::fs::read_to_string(stub(&file)).unwrap();
        let text = match body {
            Body::Stub => stub,
            Body::Solution => {
                std::fs::read_to_string(root().join("solutions/src").join(&file)).unwrap()
            }
            Body::Replace(code) => {
                assert_eq!(
                    stub.matches("todo!()").count(),
                    1,
                    "{id}: fixture needs one todo!()"
                );
                stub.replace("todo!()", code)
            }
        };
        let path = dir.join(&file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Runs `cargo xtask ARGS` (the built binary), without colours.
pub fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("MATHLINGS_COURSE_ROOT")
        .output()
        .unwrap()
}

/// A fresh scratch folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/mathlings-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The JSON report written by `grade --json`.
pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The status of exercise `id` in a JSON report.
pub fn status(report: &serde_json::Value, id: &str) -> String {
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in report"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Grades the submission `src` with `cargo xtask grade --submission SRC --json JSON ARGS…`,
/// asserts that grading itself worked (exit 0, or 1 for `--min-score`), and returns the
/// JSON report.
pub fn grade(src: &Path, json: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec![
        "grade",
        "--submission",
        src.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = xtask(&all);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "grading itself must work: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    read_json(json)
}
