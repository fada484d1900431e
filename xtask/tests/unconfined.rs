//! On a machine that cannot confine learner code, `grade` refuses to run unless told to,
//! and `check` says in one line that the sandbox is off, end to end through the real tool.
//!
//! The machine is simulated faithfully: the tool runs under a seccomp filter that makes
//! every Landlock system call fail with `ENOSYS`, exactly what a kernel without Landlock
//! answers (and what its probe, its build sandbox and its learner process all see).

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{Body, read_json, root, scratch, status, submission};

const ID: &str = "s1_1_sample_without_replacement";

/// Runs the built `xtask` with `args` on a kernel that, as far as it can tell, has no
/// Landlock.
fn xtask_without_landlock(args: &[&str]) -> Output {
    // landlock_create_ruleset, landlock_add_rule, landlock_restrict_self (x86_64 and
    // aarch64 share these numbers).
    let rules = [444i64, 445, 446]
        .into_iter()
        .map(|nr| (nr, Vec::new()))
        .collect();
    let filter = seccompiler::SeccompFilter::new(
        rules,
        seccompiler::SeccompAction::Allow,
        seccompiler::SeccompAction::Errno(libc::ENOSYS as u32),
        std::env::consts::ARCH
            .try_into()
            .expect("a seccomp architecture"),
    )
    .expect("a valid filter");
    let program: seccompiler::BpfProgram = filter.try_into().expect("compiles to BPF");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("MATHLINGS_COURSE_ROOT");
    // SAFETY: between fork and exec the closure only makes two system calls (prctl and
    // seccomp, through `apply_filter` on an already built program); it allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            seccompiler::apply_filter(&program).map_err(std::io::Error::other)
        });
    }
    cmd.output().expect("xtask runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn solved_submission(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("src");
    submission(&src, &[(ID, Body::Solution)]);
    src
}

#[test]
fn grade_refuses_to_run_unconfined_unless_told_to() {
    let dir = scratch("unconfined-grade");
    let src = solved_submission(&dir);
    let json = dir.join("report.json");
    let args = [
        "grade",
        "--submission",
        src.to_str().unwrap(),
        "--only",
        ID,
        "--json",
        json.to_str().unwrap(),
    ];

    let refused = xtask_without_landlock(&args);
    let said = text(&refused);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(said.contains("has no Landlock"), "{said}");
    assert!(said.contains("--allow-unsandboxed"), "{said}");
    assert!(!json.exists(), "a refused grading writes no report");

    let mut allowed = args.to_vec();
    allowed.push("--allow-unsandboxed");
    let graded = xtask_without_landlock(&allowed);
    assert_eq!(graded.status.code(), Some(0), "{}", text(&graded));
    assert_eq!(status(&read_json(&json), ID), "pass");
}

#[test]
fn check_says_in_one_line_that_the_sandbox_is_off() {
    let dir = scratch("unconfined-check");
    let src = solved_submission(&dir);
    let out = xtask_without_landlock(&["check", ID, "--exercises-dir", src.to_str().unwrap()]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let notes: Vec<&str> = said
        .lines()
        .filter(|l| l.starts_with("sandbox: "))
        .collect();
    assert_eq!(notes.len(), 1, "{said}");
    assert!(notes[0].contains("has no Landlock"), "{said}");
}
