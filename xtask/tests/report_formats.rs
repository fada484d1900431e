//! Every report format of `cargo xtask grade`, pinned with insta on a fixed seed: a
//! submission with a correct exercise, a wrong one (diagnosed as a misconception), one
//! that does not compile and one not started (the stub untouched).

mod common;

use common::{Body, scratch, submission, xtask};

const TEXTBOOK: &str = "{ let n = xs.len() as f64; let m = xs.iter().sum::<f64>() / n; \
                        Ok((xs.iter().map(|x| x * x).sum::<f64>() - n * m * m) / (n - 1.0)) }";

#[test]
fn every_report_format_is_pinned() {
    let dir = scratch("formats");
    let src = dir.join("alice/exercises/src");
    submission(
        &src,
        &[
            ("s1_3_sample_variance", Body::Replace(TEXTBOOK)),
            ("s2_3_determinant", Body::Solution),
        ],
    );
    // Make one more exercise fail to compile (the first one that is neither of the above).
    let other = common::exercises()
        .into_iter()
        .find(|(id, _)| id != "s1_3_sample_variance" && id != "s2_3_determinant");
    let mut only = vec![
        "s1_3_sample_variance".to_string(),
        "s2_3_determinant".to_string(),
    ];
    if let Some((id, file)) = &other {
        let path = src.join(file);
        let text = std::fs::read_to_string(&path).unwrap().replacen(
            "todo!()",
            "{ let broken: u8 = 0.5; todo!() }",
            1,
        );
        std::fs::write(&path, text).unwrap();
        only.push(id.clone());
    }
    // And one more left untouched: "not started".
    let untouched = common::exercises()
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| !only.contains(id));
    only.extend(untouched);
    let out_dir = dir.join("out");
    let path = |name: &str| out_dir.join(name).to_str().unwrap().to_string();
    let mut args: Vec<String> = [
        "grade",
        "--submission",
        dir.join("alice").to_str().unwrap(),
        "--seed",
        "7",
        "--cases",
        "32",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push("--only".into());
    args.extend(only.iter().cloned());
    for (flag, file) in [
        ("--json", "report.json"),
        ("--junit", "junit.xml"),
        ("--markdown", "summary.md"),
        ("--gradescope", "results.json"),
        ("--classroom", "classroom.json"),
    ] {
        args.push(flag.into());
        args.push(path(file));
    }
    let out = xtask(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let alice = dir.join("alice/exercises/src").display().to_string();
    // The course's fingerprint changes with every edit of its checks, and wall times with
    // the machine: both are redacted (the keys stay pinned).
    let clean = |text: String| {
        text.replace(&alice, "[SUBMISSION]")
            .lines()
            .map(|line| match line.split_once(": ") {
                Some((key, _)) if key.trim() == "\"fingerprint\"" => {
                    format!("{key}: \"[FINGERPRINT]\"")
                }
                Some((key, value)) if key.trim() == "\"seconds\"" => {
                    let comma = if value.ends_with(',') { "," } else { "" };
                    format!("{key}: \"[SECONDS]\"{comma}")
                }
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    insta::assert_snapshot!(
        "summary",
        clean(String::from_utf8_lossy(&out.stdout).to_string())
    );
    for file in [
        "report.json",
        "junit.xml",
        "summary.md",
        "results.json",
        "classroom.json",
    ] {
        insta::assert_snapshot!(
            file,
            clean(std::fs::read_to_string(out_dir.join(file)).unwrap())
        );
    }
}
