//! The grader's rules, each proven with a fixture: hostile code never passes and never
//! stops the others; a compile error costs one exercise; forbidden calls are named; the
//! same seed gives the same verdicts; stale file times cannot fool the build; the
//! submission is never written to; bad input gets a one-line error and a non-zero exit.

mod common;

use std::collections::BTreeMap;

use common::{Body, exercises, read_json, root, scratch, status, submission, xtask};

/// One pathology per exercise, in teaching order, and the status each must get.
const HOSTILE: &[(&str, &str)] = &[
    ("loop {}", "timeout"),
    (
        "{ fn deep(n: u64) -> u64 { if n == u64::MAX { 0 } else { 1 + deep(std::hint::black_box(n + 1)) } } let _ = std::hint::black_box(deep(0)); unreachable!() }",
        "crashed",
    ),
    ("std::process::abort()", "crashed"),
    ("std::process::exit(0)", "crashed"),
    (
        "{ println!(\"test result: ok. 6 passed; 0 failed\"); println!(\"{{\\\"nonce\\\":\\\"0\\\",\\\"report\\\":{{}}}}\"); std::process::exit(0) }",
        "crashed",
    ),
    (
        "loop { println!(\"{}\", \"spam \".repeat(1000)); }",
        "crashed",
    ),
    (
        "{ let v = vec![7u8; 1 << 34]; std::hint::black_box(&v); unreachable!() }",
        "crashed",
    ),
    (
        "{ let _ = mathlings_stats::mean(&[1.0]); todo!() }",
        "forbidden_call",
    ),
    (
        "{ let x: u32 = \"not a number\"; todo!() }",
        "compile_error",
    ),
];

#[test]
fn hostile_code_never_passes_and_never_stops_the_others() {
    let all = common::single_todo_exercises();
    assert!(
        all.len() > HOSTILE.len() + 1,
        "needs more single-todo!() exercises than fixtures"
    );
    let dir = scratch("hostile");
    let src = dir.join("src");
    let mut bodies: Vec<(&str, Body)> = HOSTILE
        .iter()
        .zip(&all)
        .map(|((code, _), (id, _))| (id.as_str(), Body::Replace(code)))
        .collect();
    let solved = &all[HOSTILE.len()].0;
    bodies.push((solved.as_str(), Body::Solution));
    submission(&src, &bodies);
    let json = dir.join("report.json");
    let out = xtask(&[
        "grade",
        "--submission",
        src.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--timeout",
        "4",
        "--memory",
        "1024",
        "--output-limit",
        "512",
        "--cases",
        "16",
    ]);
    assert!(
        out.status.success(),
        "grading itself must work: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = read_json(&json);
    for ((code, expected), (id, _)) in HOSTILE.iter().zip(&all) {
        assert_eq!(status(&report, id), *expected, "{id} with `{code}`");
    }
    assert_eq!(
        status(&report, solved),
        "pass",
        "a correct exercise next to hostile ones still passes"
    );
    for (id, _) in &all[HOSTILE.len() + 1..] {
        assert_eq!(
            status(&report, id),
            "not_started",
            "{id}: an untouched stub is graded, and reported not started"
        );
    }
    assert_eq!(
        report["exercises"].as_array().unwrap().len(),
        exercises().len(),
        "every exercise is reported"
    );

    let forbidden = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "forbidden_call")
        .unwrap();
    assert!(
        forbidden["detail"]
            .as_str()
            .unwrap()
            .contains("mathlings_stats::mean"),
        "the forbidden call is named"
    );
    let compile = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "compile_error")
        .unwrap();
    assert!(
        compile["detail"]
            .as_str()
            .unwrap()
            .contains("mismatched types"),
        "rustc's message is shown"
    );
}

#[test]
fn same_seed_same_verdicts_and_the_seed_is_recorded() {
    let dir = scratch("seed");
    let src = dir.join("src");
    submission(&src, &[]);
    let run = |seed: &str, name: &str| {
        let json = dir.join(name);
        let out = xtask(&[
            "grade",
            "--submission",
            src.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
            "--seed",
            seed,
            "--cases",
            "16",
        ]);
        assert!(out.status.success());
        let mut report = read_json(&json);
        // Wall time is the one field a seed cannot fix; everything else must match to the byte.
        for e in report["exercises"].as_array_mut().unwrap() {
            let seconds = e.as_object_mut().unwrap().remove("seconds");
            assert!(seconds.is_some_and(|s| s.as_f64().is_some_and(|s| s >= 0.0)));
        }
        report.to_string()
    };
    let (a, b) = (run("7", "a.json"), run("7", "b.json"));
    assert_eq!(a, b, "same seed, same report (but for wall time)");
    assert_eq!(read_json(&dir.join("a.json"))["seed"], 7);
}

#[test]
fn stale_file_times_cannot_make_the_grader_reuse_an_old_build() {
    let all = exercises();
    let (id, file) = &common::single_todo_exercises()[0];
    let dir = scratch("mtime");
    let (good, bad) = (dir.join("good"), dir.join("bad"));
    submission(&good, &[(id.as_str(), Body::Solution)]);
    // A wrong answer that compiles: always Ok-or-panics differently from the solution.
    submission(
        &bad,
        &[(id.as_str(), Body::Replace("loop { std::process::abort() }"))],
    );
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for (_, f) in &all {
        std::fs::File::options()
            .write(true)
            .open(bad.join(f))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let grade = |src: &std::path::Path, name: &str| {
        let json = dir.join(name);
        let out = xtask(&[
            "grade",
            "--submission",
            src.to_str().unwrap(),
            "--only",
            id,
            "--json",
            json.to_str().unwrap(),
            "--cases",
            "16",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        status(&read_json(&json), id)
    };
    assert_eq!(grade(&good, "good.json"), "pass");
    assert_eq!(
        grade(&bad, "bad.json"),
        "crashed",
        "{file}: the old-dated wrong file must be rebuilt and graded"
    );
}

fn snapshot_of(dir: &std::path::Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let meta = std::fs::metadata(&p).unwrap();
                files.insert(
                    p.display().to_string(),
                    (std::fs::read(&p).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    files
}

#[test]
fn bad_input_gets_one_clear_line_and_a_nonzero_exit_and_nothing_is_written() {
    let dir = scratch("bad-input");
    let src = dir.join("sub/exercises/src");
    submission(&src, &[]);
    let before = snapshot_of(&dir.join("sub"));
    let sub = dir.join("sub");
    let sub = sub.to_str().unwrap();
    let missing = dir.join("nope");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let a_file = dir.join("file.txt");
    std::fs::write(&a_file, "not a folder").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["grade", "--submission", sub, "--only", "no_such_exercise"],
            "unknown exercise",
        ),
        (vec!["check", "no_such_exercise"], "unknown exercise"),
        (vec!["hint", "no_such_exercise"], "unknown exercise"),
        (
            vec!["grade", "--submission", missing.to_str().unwrap()],
            "cannot read submission",
        ),
        (
            vec!["grade", "--submission", empty.to_str().unwrap()],
            "contains no exercises",
        ),
        (
            vec!["grade", "--submission", a_file.to_str().unwrap()],
            "is not a directory",
        ),
        (
            vec!["grade", "--submission", sub, "--sections", "9.9"],
            "no exercise in section",
        ),
        (
            vec!["grade", "--batch", dir.to_str().unwrap(), "--shard", "3/2"],
            "is not a shard",
        ),
        (
            vec!["grade", "--batch", dir.to_str().unwrap(), "--shard", "x"],
            "is not a shard",
        ),
        (
            vec!["grade", "--submission", sub, "--seed", "minus-one"],
            "is not a seed",
        ),
        (
            vec!["grade", "--submission", sub, "--min-score", "140"],
            "is not a percentage",
        ),
        (
            vec!["grade", "--batch", missing.to_str().unwrap()],
            "cannot read batch folder",
        ),
    ];
    for (args, message) in cases {
        let out = xtask(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(
            stderr.contains(message),
            "{args:?}: expected `{message}` in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    }
    assert_eq!(
        before,
        snapshot_of(&dir.join("sub")),
        "the submission was not touched"
    );
    // A missing or malformed manifest.
    for (name, manifest) in [
        ("no-manifest", None),
        (
            "bad-manifest",
            Some("format_version = 1\n[[exercise]]\nid = 3\n"),
        ),
    ] {
        let course = dir.join(name);
        std::fs::create_dir_all(&course).unwrap();
        if let Some(text) = manifest {
            std::fs::write(course.join("course.toml"), text).unwrap();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["list"])
            .env("MATHLINGS_COURSE_ROOT", &course)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(stderr.lines().count(), 1, "{name}: one line, got {stderr}");
        assert!(stderr.contains("manifest"), "{name}: {stderr}");
    }
    let _ = root();
}

#[test]
fn a_batch_is_sharded_and_gets_a_gradebook() {
    let dir = scratch("batch");
    let first = common::exercises()[0].0.clone();
    for (name, body) in [
        ("amy", Body::Solution),
        ("bo", Body::Stub),
        ("cat", Body::Solution),
    ] {
        submission(
            &dir.join("class").join(name).join("src"),
            &[(first.as_str(), body)],
        );
    }
    let out_dir = dir.join("grades");
    let out = xtask(&[
        "grade",
        "--batch",
        dir.join("class").to_str().unwrap(),
        "--shard",
        "2/2",
        "--out",
        out_dir.to_str().unwrap(),
        "--only",
        &first,
        "--cases",
        "16",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gradebook = std::fs::read_to_string(out_dir.join("gradebook.csv")).unwrap();
    let rows: Vec<&str> = gradebook.lines().collect();
    assert_eq!(
        rows.len(),
        2,
        "header + the one submission of shard 2/2: {gradebook}"
    );
    assert!(rows[0].starts_with("submission,score,max_score,percent,status,"));
    assert!(rows[1].starts_with("bo,0.00,"), "{}", rows[1]);
    assert_eq!(
        status(&read_json(&out_dir.join("bo.json")), &first),
        "not_started"
    );
    assert!(
        rows[0].ends_with(&format!(",status:{first}")) && rows[1].ends_with(",not_started"),
        "{gradebook}"
    );
    assert!(!out_dir.join("amy.json").exists() && !out_dir.join("cat.json").exists());
}

#[test]
fn a_batch_writes_each_requested_format_per_submission_and_fails_on_an_ungradable_one() {
    let dir = scratch("batch-formats");
    let first = common::exercises()[0].0.clone();
    let class = dir.join("class");
    submission(
        &class.join("amy/exercises/src"),
        &[(first.as_str(), Body::Solution)],
    );
    std::fs::create_dir_all(class.join("zed")).unwrap();
    std::fs::write(class.join("zed/notes.txt"), "no exercises here").unwrap();
    let out_dir = dir.join("grades");
    let batch = |extra: &[&str]| {
        let mut args = vec![
            "grade",
            "--batch",
            class.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--only",
            &first,
            "--cases",
            "16",
        ];
        args.extend_from_slice(extra);
        xtask(&args)
    };
    // A file name cannot hold a class: refused before anything is graded.
    let out = batch(&["--markdown", "summary.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("with --batch, --markdown writes OUT/<name>.md"),
        "{stderr}"
    );
    let out = batch(&["--markdown", "--junit"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an ungradable submission fails the batch"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("1 submission(s) not gradable: zed"),
        "{stderr}"
    );
    let report = read_json(&out_dir.join("amy.json"));
    assert_eq!(report["submission"], "amy");
    assert_eq!(status(&report, &first), "pass");
    let markdown = std::fs::read_to_string(out_dir.join("amy.md")).unwrap();
    assert!(
        markdown.starts_with("## mathlings grade: amy"),
        "{markdown}"
    );
    let junit = std::fs::read_to_string(out_dir.join("amy.junit.xml")).unwrap();
    assert!(junit.contains("mathlings: amy"), "{junit}");
    assert!(!out_dir.join("zed.md").exists());
    let gradebook = std::fs::read_to_string(out_dir.join("gradebook.csv")).unwrap();
    let zed = gradebook.lines().find(|l| l.starts_with("zed,")).unwrap();
    assert!(
        zed.starts_with("zed,0,0,0,\"error: submission ") && zed.contains("contains no exercises"),
        "one line, with the reason: {gradebook}"
    );
    assert_eq!(gradebook.lines().count(), 3, "{gradebook}");
}

/// A learner may evaluate the checks' callback from rayon's threads: the course function
/// behind it runs in the judge, on the thread that made the call (where the checks set the
/// state it reads: `s1_4_simpson_ecdf`'s cubic keeps its coefficients in a thread-local),
/// never on the learner's thread. Run in the learner's process, the cubic would read the
/// default coefficients on a rayon thread and the honest answer would fail.
#[test]
fn a_callback_evaluated_on_rayon_threads_sees_the_checks_state() {
    let dir = scratch("rayon-callback");
    let src = dir.join("src");
    let (id, file) = ("s1_4_simpson_ecdf", "p1_stats/s1_4_simpson_ecdf.rs");
    submission(&src, &[(id, Body::Solution)]);
    let solution = std::fs::read_to_string(src.join(file)).unwrap();
    let serial = "let y = f(x);";
    assert_eq!(
        solution.matches(serial).count(),
        1,
        "the fixture edits one line"
    );
    // Every node's value computed on rayon's pool (the sum keeps its order).
    let parallel = solution.replace(serial, "let y = rayon::join(|| f(x), || ()).0;");
    std::fs::write(src.join(file), parallel).unwrap();
    let report = common::grade(
        &src,
        &dir.join("report.json"),
        &["--only", id, "--cases", "16"],
    );
    assert_eq!(status(&report, id), "pass", "{report:#}");
}
