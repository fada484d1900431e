//! What a learner sees and does from the command line: snapshots of `cargo xtask check` (a
//! passing, a failing — with its misconception — and a non-compiling exercise, on a fixed
//! seed); `reset` without git; a copied checkout that grades itself.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Body, root, scratch, submission, xtask};

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

/// Learner 2: `watch` checks in a child process whose output is a pipe, and tells it to
/// colour rustc's errors for watch's terminal (`MATHLINGS_FORCE_COLOUR`); without it, and
/// always under `NO_COLOR`, a pipe gets plain text.
#[test]
fn a_check_for_watch_colours_rustc_errors() {
    let id = "s1_3_sample_variance";
    let dir = scratch("cli-colour").join("src");
    let broken = "{ let total: f64 = xs.len(); todo!() }";
    submission(&dir, &[(id, Body::Replace(broken))]);
    let run = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.args(["check", id, "--cases", "16", "--exercises-dir"])
            .arg(&dir)
            .env_remove("NO_COLOR")
            .env_remove("MATHLINGS_FORCE_COLOUR")
            .env_remove("MATHLINGS_COURSE_ROOT");
        for (key, value) in env {
            cmd.env(key, value);
        }
        String::from_utf8_lossy(&cmd.output().unwrap().stdout).into_owned()
    };
    let plain = run(&[]);
    assert!(
        plain.contains("mismatched types") && !plain.contains('\u{1b}'),
        "{plain}"
    );
    let coloured = run(&[("MATHLINGS_FORCE_COLOUR", "1")]);
    assert!(
        coloured.contains("mismatched types") && coloured.contains("\u{1b}[1m"),
        "{coloured}"
    );
    let no_colour = run(&[("MATHLINGS_FORCE_COLOUR", "1"), ("NO_COLOR", "1")]);
    assert!(!no_colour.contains('\u{1b}'), "{no_colour}");
}

/// Copies the course's sources at `root` (without `target/`, `.git/`, `.mathlings/`) into
/// `to`, keeping modification times, and its build (`target/debug` and the learner crate's
/// target, without incremental caches) as hard links: a built checkout, copied.
fn copy_built_checkout(root: &Path, to: &Path) {
    fn walk(from: &Path, to: &Path, skip: &[&str], file: &dyn Fn(&Path, &Path)) {
        std::fs::create_dir_all(to).unwrap();
        // A folder a concurrent build removes meanwhile (cargo's temporary ones) is skipped.
        let entries = match std::fs::read_dir(from) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => panic!("cannot read {}: {e}", from.display()),
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if skip.iter().any(|s| name == *s) {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                walk(&entry.path(), &to.join(&name), skip, file);
            } else if kind.is_file() {
                file(&entry.path(), &to.join(&name));
            }
        }
    }
    // A file another test removes meanwhile (a snapshot's `.snap.new`, say) is not copied.
    let copy = |from: &Path, to: &Path| {
        let Ok(modified) = std::fs::metadata(from).and_then(|m| m.modified()) else {
            return;
        };
        match std::fs::copy(from, to) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => panic!("cannot copy {}: {e}", from.display()),
        }
        let f = std::fs::File::options().write(true).open(to).unwrap();
        f.set_modified(modified).unwrap();
    };
    walk(root, to, &["target", ".git", ".mathlings"], &copy);
    // A file a concurrent build removes meanwhile is simply not linked.
    let link = |from: &Path, to: &Path| match std::fs::hard_link(from, to) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!(
            "cannot hard-link the build into {} ({e}): the temporary folder must be on the \
             course's file system (set TMPDIR)",
            to.display()
        ),
    };
    for build in ["target/debug", "target/mathlings/learner/target"] {
        walk(&root.join(build), &to.join(build), &["incremental"], &link);
    }
}

/// Learner 1: a copied checkout, with its build, grades and writes itself, not the
/// original (the course root is found at run time, not fixed at compile time).
#[test]
fn a_copied_checkout_grades_and_records_the_copy() {
    let id = "s1_3_sample_variance";
    let file = "exercises/src/p1_stats/s1_3_sample_variance.rs";
    // Outside the course's folder, as a learner's copy would be (cargo reads the
    // configuration of every folder above it).
    let copy =
        std::env::temp_dir().join(format!("mathlings-copied-checkout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_built_checkout(&root(), &copy);
    let progress = |root: &Path| std::fs::read(root.join(".mathlings/progress.toml")).ok();
    let original_progress = progress(&root());
    let original_file = std::fs::read(root().join(file)).unwrap();
    std::fs::copy(
        root().join("solutions/src/p1_stats/s1_3_sample_variance.rs"),
        copy.join(file),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["check", id, "--cases", "16"])
        .current_dir(&copy)
        .env("NO_COLOR", "1")
        .env_remove("MATHLINGS_COURSE_ROOT")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(&format!("✓ 1.3 {id}")),
        "the copy's solved exercise is graded: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copied_progress =
        String::from_utf8(progress(&copy).expect("progress in the copy")).unwrap();
    assert!(copied_progress.contains(id), "{copied_progress}");
    assert_eq!(
        progress(&root()),
        original_progress,
        "the original's progress is untouched"
    );
    assert_eq!(std::fs::read(root().join(file)).unwrap(), original_file);
    // The same copy (a copied checkout rebuilds the course's own crates once: their paths
    // changed) serves the instructor's `verify ID`.
    verify_id_proves_that_exercise_only_from_the_shipped_stubs(&copy);
    let _ = std::fs::remove_dir_all(&copy);
}

/// Learner 8: `reset` restores every exercise's shipped stub without git (this course copy
/// has no history), including an exercise the course added after the learner started,
/// keeps a backup, and leaves the learner's repro tests alone.
#[test]
fn reset_restores_every_shipped_stub_offline_and_keeps_repro_tests() {
    let course = scratch("reset");
    for dir in ["exercises/src", mathlings_course::STUBS_DIR] {
        copy_tree(&root().join(dir), &course.join(dir));
    }
    std::fs::copy(root().join("course.toml"), course.join("course.toml")).unwrap();
    // A learner who started long ago, at a commit that no longer exists anywhere, with
    // every exercise solved in place, one of them (added later by the course) never seen.
    std::fs::create_dir_all(course.join(".mathlings")).unwrap();
    std::fs::write(
        course.join(".mathlings/progress.toml"),
        "course_commit = \"0000000000000000000000000000000000000000\"\n[solved]\ns1_3_sample_variance = \"2026-01-01\"\n",
    )
    .unwrap();
    let repro = course.join("exercises/tests/repro_s1_3_sample_variance.rs");
    std::fs::create_dir_all(repro.parent().unwrap()).unwrap();
    std::fs::write(&repro, "#[test]\nfn kept() {}\n").unwrap();
    let exercises = common::exercises();
    let (added_later, _) = exercises.last().unwrap();
    for (id, file) in &exercises {
        let working = course.join("exercises/src").join(file);
        if id == added_later {
            std::fs::remove_file(&working).unwrap();
        } else {
            std::fs::copy(root().join("solutions/src").join(file), &working).unwrap();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["reset", id])
            .env("MATHLINGS_COURSE_ROOT", &course)
            .env("PATH", "/nonexistent")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read(&working).unwrap(),
            std::fs::read(root().join(mathlings_course::STUBS_DIR).join(file)).unwrap(),
            "{id} is the shipped stub again"
        );
    }
    let backups = std::fs::read_dir(course.join(".mathlings/backups"))
        .unwrap()
        .count();
    assert_eq!(
        backups,
        exercises.len() - 1,
        "one backup per solved exercise"
    );
    assert_eq!(
        std::fs::read_to_string(&repro).unwrap(),
        "#[test]\nfn kept() {}\n"
    );
    let progress = std::fs::read_to_string(course.join(".mathlings/progress.toml")).unwrap();
    assert!(!progress.contains("s1_3_sample_variance"), "{progress}");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Instructor 1: `verify ID` proves that exercise only, from the stubs the course ships: a
/// copied checkout whose learner solved another exercise in place verifies ID; verifying
/// the solved exercise names the drift from the shipped stub. No colour codes off a
/// terminal, even when cargo is told to colour.
fn verify_id_proves_that_exercise_only_from_the_shipped_stubs(copy: &Path) {
    let exercises = common::exercises();
    let (id, _) = &exercises[0];
    let (solved, solved_file) = &exercises[1];
    std::fs::copy(
        root().join("solutions/src").join(solved_file),
        copy.join("exercises/src").join(solved_file),
    )
    .unwrap();
    let verify = |id: &str| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["verify", id, "--no-lint", "--cases", "8"])
            .current_dir(copy)
            .env("CARGO_TERM_COLOR", "always")
            .env_remove("NO_COLOR")
            .env_remove("MATHLINGS_COURSE_ROOT")
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap()
    };
    let out = verify(id);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 exercise(s) sound"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = verify(solved);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "✗ {solved}: exercises/src/{solved_file} differs from the stub"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "no colour codes: {stdout:?}");
}
