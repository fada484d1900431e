//! `cargo xtask verify --record DIR ID`, the verdict record that proves a change of the
//! checks verdict-neutral: one file per target and seed, two records of one commit
//! byte-identical, and `--against` naming a file whose verdict changed.

mod common;

use std::path::Path;

use common::{scratch, xtask};

const ID: &str = "s1_3_sample_variance";

/// `verify --record <dir>/<name> ID` (then `--against` `against`): exit code and output.
fn record(dir: &Path, name: &str, against: Option<&Path>) -> (Option<i32>, String) {
    let to = dir.join(name);
    let mut args = vec![
        "verify",
        "--record",
        to.to_str().unwrap(),
        ID,
        "--cases",
        "16",
    ];
    if let Some(before) = against {
        args.extend(["--against", before.to_str().unwrap()]);
    }
    let out = xtask(&args);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(ID))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_record_is_reproducible_and_a_changed_verdict_is_named() {
    let dir = scratch("record");
    let (code, text) = record(&dir, "first", None);
    assert_eq!(code, Some(0), "{text}");
    let names = files(&dir.join("first"));
    for seed in [1, 2] {
        for target in ["solution", "stub", "misconception.divides_by_n"] {
            let name = format!("{target}.seed{seed}.json");
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
    }
    let stub: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("first").join(ID).join("stub.seed2.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        (&stub["status"], &stub["seed"], &stub["cases"]),
        (&"not_started".into(), &2.into(), &16.into()),
        "{stub}"
    );

    // The same commit again: byte for byte the same files, and `--against` agrees.
    let (code, text) = record(&dir, "second", Some(&dir.join("first")));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("identical to"), "{text}");
    assert_eq!(files(&dir.join("second")), names);
    for name in &names {
        let read = |run: &str| std::fs::read(dir.join(run).join(ID).join(name)).unwrap();
        assert!(read("first") == read("second"), "{name} differs");
        assert!(
            !String::from_utf8(read("first"))
                .unwrap()
                .contains("seconds"),
            "{name} holds a wall time"
        );
    }

    // An earlier record where the solution failed a property, and one file fewer: both
    // are named, and the exit status is 1.
    let solution = dir.join("first").join(ID).join("solution.seed1.json");
    let text = std::fs::read_to_string(&solution).unwrap();
    assert!(text.contains("\"passed\": true"), "{text}");
    std::fs::write(
        &solution,
        text.replacen("\"passed\": true", "\"passed\": false", 1),
    )
    .unwrap();
    std::fs::remove_file(dir.join("first").join(ID).join("stub.seed2.json")).unwrap();
    let (code, text) = record(&dir, "third", Some(&dir.join("first")));
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(&format!("{ID}/solution.seed1.json: line "))
            && text.contains("\"passed\": false")
            && text.contains(&format!("{ID}/stub.seed2.json: only in this record"))
            && text.contains("2 file(s) differ"),
        "{text}"
    );
}
