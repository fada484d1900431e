//! The hostile-submission suite: one fixture per attack a determined learner has tried (or
//! might), each graded through the real path (`cargo xtask grade`: build sandbox, learner
//! process, judge). Every fixture must get no points and a clear status; afterwards the
//! course tree and a bystander submission are byte-identical, no learner process survives,
//! and the secret seed appears in nothing the learner's code produced. The other direction
//! too: honest answers without doc comments, or with a Latin-1 comment, pass.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Body, root, scratch, submission};

/// The seed of these gradings: a secret a learner must never see in its own output.
const SEED: &str = "424242424242";

/// A marker in every process a fixture tries to leave behind.
const MARKER: &str = "mathlings-hostile-marker";

/// What a fixture does instead of the stub's `todo!()`, and the statuses it may get.
struct Fixture {
    name: &'static str,
    code: String,
    statuses: &'static [&'static str],
}

fn fixtures(course: &Path, bystander: &Path) -> Vec<Fixture> {
    let course = course.display();
    let bystander = bystander.display();
    let f = |name, code: String, statuses| Fixture {
        name,
        code,
        statuses,
    };
    vec![
        f(
            "writes into the course's checks and a bystander's submission",
            format!(
                "{{ let a = std::fs::write(\"{course}/crates/checks/src/pwned.rs\", \"pub fn x() {{}}\"); \
                   let b = std::fs::write(\"{bystander}/pwned.rs\", \"x\"); \
                   let c = std::fs::create_dir_all(\"{course}/target/mathlings/pwned\"); \
                   panic!(\"{{a:?}} {{b:?}} {{c:?}}\") }}"
            ),
            &["fail"],
        ),
        f(
            "reads the solution, the snapshots and the judge's command line",
            format!(
                "{{ let a = std::fs::read_to_string(\"{course}/solutions/src/p1_stats/s1_3_sample_variance.rs\"); \
                   let b = std::fs::read_dir(\"{course}/crates/checks/snapshots\").map(|d| d.count()); \
                   let c = std::fs::read_to_string(format!(\"/proc/{{}}/cmdline\", std::os::unix::process::parent_id())); \
                   let d = std::fs::read_to_string(\"/proc/self/environ\"); \
                   let e = std::fs::read_to_string(\"/etc/passwd\"); \
                   panic!(\"{{a:?}} {{b:?}} {{c:?}} {{d:?}} {{e:?}} {{:?}} {{:?}}\", std::env::args().collect::<Vec<_>>(), std::env::vars().collect::<Vec<_>>()) }}"
            ),
            &["fail"],
        ),
        f(
            "starts a process that outlives the grader (setsid), and a fork bomb",
            format!(
                "{{ let a = std::process::Command::new(\"/bin/sh\").args([\"-c\", \"setsid sleep 300 {MARKER} &\"]).spawn().map(|_| ()); \
                   let b = (0..64).map(|_| std::process::Command::new(\"/proc/self/exe\").arg(\"{MARKER}\").spawn().is_ok()).filter(|ok| *ok).count(); \
                   panic!(\"{{a:?}} {{b}}\") }}"
            ),
            &["fail"],
        ),
        f(
            "opens sockets",
            "{ let a = std::net::TcpStream::connect(\"127.0.0.1:9\").map(|_| ()); \
               let b = std::net::UdpSocket::bind(\"127.0.0.1:0\").map(|_| ()); \
               let c = std::os::unix::net::UnixStream::connect(\"/run/systemd/private\").map(|_| ()); \
               panic!(\"{a:?} {b:?} {c:?}\") }"
                .into(),
            &["fail"],
        ),
        f(
            "sets INSTA_FORCE_PASS and INSTA_UPDATE for the judge",
            "{ unsafe { std::env::set_var(\"INSTA_FORCE_PASS\", \"1\"); std::env::set_var(\"INSTA_UPDATE\", \"always\"); } todo!() }"
                .into(),
            &["compile_error"],
        ),
        f(
            "runs code before main (.init_array) and replaces libc's write",
            "{ #[used] #[unsafe(link_section = \".init_array\")] static I: extern \"C\" fn() = { extern \"C\" fn f() { std::process::exit(0) } f }; \
               #[unsafe(no_mangle)] pub extern \"C\" fn write(_: i32, _: *const u8, n: usize) -> isize { n as isize } \
               todo!() }"
                .into(),
            &["compile_error"],
        ),
        f(
            "links the solutions or the checks",
            "{ extern crate mathlings_solutions; extern crate mathlings_checks; todo!() }".into(),
            &["compile_error", "forbidden_call"],
        ),
        f(
            // The learner target is seeded with the judge build's registry dependencies
            // (xtask/src/dependency_seed.rs): they lie in its dependency folder, where rustc
            // looks for a dependency's dependencies only, never for a name in the code.
            "names a library seeded into its build's target",
            "{ extern crate proptest; extern crate insta; todo!() }".into(),
            &["compile_error"],
        ),
        f(
            "reaches its own crate's root",
            "{ extern crate self as runner; use super::super as root; let _ = root::learner::s1_3_sample_variance::sample_variance(&[1.0, 2.0]); todo!() }"
                .into(),
            &["fail", "compile_error", "forbidden_call"],
        ),
        f(
            "calls a reference routine through a raw identifier",
            "{ let v = r#mathlings_stats::r#sample_variance(&[1.0, 2.0]); panic!(\"{v:?}\") }".into(),
            &["forbidden_call"],
        ),
        f(
            "calls the reference SVD through a nested use group where it is not allowed",
            "{ use mathlings_linalg::{LinalgError, {svd as g}}; let s = g(&nalgebra::DMatrix::<f64>::identity(2, 2)); panic!(\"{}\", s.is_ok()) }"
                .into(),
            &["forbidden_call"],
        ),
        // Built by macros so that the token scan misses them: only the build sandbox
        // stands between rustc and the solution.
        f(
            "includes the solution's text at compile time (macro-built include_str!)",
            format!(
                "{{ macro_rules! grab {{ ($m:ident, $p:expr) => {{ $m!($p) }} }} \
                   let s: &str = grab!(include_str, \"{course}/solutions/src/p1_stats/s1_3_sample_variance.rs\"); panic!(\"{{s}}\") }}"
            ),
            &["compile_error"],
        ),
        f(
            "compiles the solution as a module (macro-built mod with cfg_attr(path))",
            format!(
                "{{ macro_rules! load {{ ($i:ident) => {{ #[cfg_attr(all(), path = \"{course}/solutions/src/p1_stats/s1_3_sample_variance.rs\")] mod $i; }} }} \
                   load!(s); todo!() }}"
            ),
            &["compile_error"],
        ),
        f(
            "leaves a thread printing after the call returns",
            "{ std::thread::spawn(|| loop { println!(\"still here\"); }); std::thread::sleep(std::time::Duration::from_millis(50)); todo!() }"
                .into(),
            &["fail", "crashed"],
        ),
    ]
}

/// The learner-visible text of a JSON report: every counterexample, output and detail.
fn learner_visible(report: &serde_json::Value) -> String {
    let mut text = String::new();
    for e in report["exercises"].as_array().unwrap() {
        text += &e["detail"].to_string();
        for p in e["properties"].as_array().into_iter().flatten() {
            text += &p["counterexample"].to_string();
            text += &p["output"].to_string();
        }
    }
    text
}

fn tree(dir: &Path, skip: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if skip.iter().any(|s| p.ends_with(s)) {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                files.insert(p.clone(), std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    files
}

fn survivors() -> Vec<String> {
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(cmdline) = std::fs::read(e.path().join("cmdline"))
            && String::from_utf8_lossy(&cmdline).contains(MARKER)
        {
            found.push(String::from_utf8_lossy(&cmdline).replace('\0', " "));
        }
    }
    found
}

#[test]
fn hostile_submissions_get_nothing_and_change_nothing() {
    let course = root();
    let dir = scratch("hostile-suite");
    let bystander = dir.join("bystander/src");
    submission(&bystander, &[]);
    let all = common::single_todo_exercises();
    let fixtures = fixtures(&course, &bystander);
    assert!(
        all.len() >= fixtures.len() + 2,
        "needs more single-todo!() exercises"
    );
    // s1_3_sample_variance is read by fixtures: give the attacks other exercises.
    let targets: Vec<&(String, String)> = all
        .iter()
        .filter(|(id, _)| id != "s1_3_sample_variance" && id != "s2_6_svd")
        .collect();
    let src = dir.join("attacker/src");
    let bodies: Vec<(&str, Body)> = fixtures
        .iter()
        .zip(&targets)
        .map(|(f, (id, _))| (id.as_str(), Body::Replace(&f.code)))
        .collect();
    submission(&src, &bodies);
    // A link to the solution and a link to /etc/passwd, and a file over 1 MiB.
    let linked = &targets[fixtures.len()];
    let linked_to_etc = &targets[fixtures.len() + 1];
    let too_large = &targets[fixtures.len() + 2];
    for ((_, file), target) in [
        (linked, course.join("solutions/src").join(&linked.1)),
        (linked_to_etc, PathBuf::from("/etc/passwd")),
    ] {
        std::fs::remove_file(src.join(file)).unwrap();
        std::os::unix::fs::symlink(target, src.join(file)).unwrap();
    }
    let big =
        std::fs::read_to_string(src.join(&too_large.1)).unwrap() + &"// padding\n".repeat(120_000);
    std::fs::write(src.join(&too_large.1), big).unwrap();

    let skip = ["target", ".git", ".mathlings"];
    let course_before = tree(&course, &skip);
    let bystander_before = tree(&dir.join("bystander"), &[]);
    let report = common::grade(
        &src,
        &dir.join("report.json"),
        &[
            "--seed",
            SEED,
            "--cases",
            "8",
            "--timeout",
            "5",
            "--output-limit",
            "256",
        ],
    );
    let entry = |id: &str| -> serde_json::Value {
        report["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    for (f, (id, _)) in fixtures.iter().zip(&targets) {
        let e = entry(id);
        let status = e["status"].as_str().unwrap();
        assert!(
            f.statuses.contains(&status),
            "{}: {id} got `{status}`, expected one of {:?}: {e}",
            f.name,
            f.statuses
        );
        assert_eq!(e["score"], 0.0, "{}: no points", f.name);
    }
    for (id, _) in [linked, linked_to_etc] {
        let e = entry(id);
        assert_eq!(e["status"], "sandbox_violation", "{e}");
        assert_eq!(e["score"], 0.0);
    }
    assert_eq!(entry(&too_large.0)["status"], "refused");

    let visible = learner_visible(&report);
    assert!(
        !visible.contains(SEED),
        "the seed leaked into learner-visible output"
    );
    assert!(!visible.contains("root:x:0:0"), "/etc/passwd leaked");
    let solution =
        std::fs::read_to_string(course.join("solutions/src/p1_stats/s1_3_sample_variance.rs"))
            .unwrap();
    let telling_line = solution
        .lines()
        .find(|l| l.contains("fn sample_variance"))
        .unwrap();
    assert!(
        !visible.contains(telling_line.trim()),
        "the solution's text leaked"
    );
    assert!(visible.contains("Permission denied") || visible.contains("Operation not permitted"));

    assert!(survivors().is_empty(), "survivors: {:?}", survivors());
    assert_eq!(
        course_before,
        tree(&course, &skip),
        "the course tree changed"
    );
    assert_eq!(
        bystander_before,
        tree(&dir.join("bystander"), &[]),
        "the bystander changed"
    );
    assert!(!course.join("target/mathlings/pwned").exists());
}

#[test]
fn honest_answers_never_fail_for_form() {
    let dir = scratch("honest-form");
    let src = dir.join("src");
    let id = "s1_3_sample_variance";
    let file = "p1_stats/s1_3_sample_variance.rs";
    submission(&src, &[(id, Body::Solution)]);
    // No `//!` header, no doc comment anywhere, a helper `pub fn` without docs, and a
    // Latin-1 byte (é = 0xE9) in a comment.
    let solution = std::fs::read_to_string(src.join(file)).unwrap();
    let mut stripped: String = solution
        .lines()
        .filter(|l| !l.trim_start().starts_with("//!") && !l.trim_start().starts_with("///"))
        .map(|l| format!("{l}\n"))
        .collect();
    stripped.push_str("pub fn helper_without_docs() -> u8 { 1 }\n");
    let mut bytes = stripped.into_bytes();
    bytes.extend_from_slice(b"// caf\xe9\n");
    std::fs::write(src.join(file), bytes).unwrap();
    let report = common::grade(
        &src,
        &dir.join("report.json"),
        &["--only", id, "--cases", "16"],
    );
    assert_eq!(common::status(&report, id), "pass");
}
