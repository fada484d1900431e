//! The build sandbox: what cargo and rustc may touch while compiling a learner's files.
//!
//! rustc reads the learner's files, so a learner decides what it reads
//! (`include_str!("…/solutions/…")`, `#[path = "/etc/…"] mod m;`) and what its error
//! messages quote. Confined by Landlock, the build may read only the staged learner crate,
//! the course crates the learner process is made of (protocol, bindings, types, facades —
//! never the checks, solutions, snapshots or reference crates), the toolchain, the
//! dependency sources and the system's libraries; it may write only the staged crate and its
//! own target directory; it opens no socket (`--offline`).

use std::path::{Path, PathBuf};
use std::process::Command;

use mathlings_sandbox::Policy;

use crate::engine::{GraderError, SandboxMode};
use crate::learner_crate::Layout;

/// The course crates the learner process is built from.
pub const LEARNER_CRATES: [&str; 5] = [
    "crates/wire",
    "crates/bindings",
    "crates/types",
    "crates/facade",
    // Features only, no code (see `dependency_seed`).
    "crates/workspace-hack",
];

/// The course's public data files the learner crate's dependencies include.
pub const LEARNER_DATA: [&str; 1] = ["data/anscombe.csv"];

/// The policy under which cargo builds the learner crate.
///
/// # Errors
/// When the toolchain cannot be located.
pub fn build_policy(
    root: &Path,
    layout: &Layout,
    mode: SandboxMode,
) -> Result<Policy, GraderError> {
    let cargo = cargo_path().ok_or_else(|| GraderError("cannot find cargo".into()))?;
    let sysroot = sysroot()?;
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or_else(|| GraderError("cannot find CARGO_HOME".into()))?;
    let tmp = layout.target.join("tmp");
    std::fs::create_dir_all(&tmp).map_err(|e| GraderError(format!("{}: {e}", tmp.display())))?;
    std::fs::create_dir_all(&layout.stage)
        .map_err(|e| GraderError(format!("{}: {e}", layout.stage.display())))?;
    let mut policy = Policy::new()
        .system_paths()
        // The linker (cc → collect2 → ld) and its libraries.
        .read_exec("/usr/bin")
        .read_exec("/bin")
        .read_exec("/usr/libexec")
        .read_exec(&sysroot)
        .read_exec(cargo.parent().unwrap_or(&cargo))
        .read(cargo_home.join("registry"))
        .read(cargo_home.join("git"))
        .read(root.join("Cargo.toml"))
        .read(root.join("Cargo.lock"))
        .write(&layout.stage)
        .write(&layout.target)
        // Build scripts of the (registry) dependencies run from the target directory; the
        // learner crate itself has no build script and no procedural macro.
        .read_exec(&layout.target)
        .no_network()
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", sysroot.join("bin").display()),
        )
        .env("HOME", &layout.target)
        .env("CARGO_HOME", &cargo_home)
        .env("RUSTC", sysroot.join("bin/rustc"))
        .env("TMPDIR", &tmp)
        .env("CARGO_TARGET_DIR", &layout.target)
        .env(
            "CARGO_TERM_COLOR",
            if crate::render::colour() {
                "always"
            } else {
                "never"
            },
        )
        .require(mode == SandboxMode::Required);
    for config in ["config.toml", "config"] {
        let path = cargo_home.join(config);
        if path.exists() {
            policy = policy.read(path);
        }
    }
    // cargo reads every `.cargo/config.toml` above the staged crate: the course's own.
    let course_config = root.join(".cargo");
    if course_config.exists() {
        policy = policy.read(course_config);
    }
    for dir in LEARNER_CRATES {
        policy = policy.read(root.join(dir));
    }
    // Public data the course's catalogued test functions are built from
    // (`mathlings_bindings::objectives`).
    for data in LEARNER_DATA {
        policy = policy.read(root.join(data));
    }
    Ok(policy)
}

/// Turns on the method lint (`crate::method_lint`) in `policy`: `clippy-driver`, next to
/// rustc in the toolchain's sysroot, wraps rustc for the learner crate only
/// (`RUSTC_WORKSPACE_WRAPPER`; its dependencies are compiled by rustc as before), reading
/// `clippy.toml` from `conf_dir` (granted for reading) and forcing its two lints to warn.
/// Returns `false`, and `policy` unchanged, when the toolchain has no `clippy-driver` (the
/// clippy component is not installed): the build then relies on the token scan alone.
///
/// # Errors
/// When the toolchain cannot be located.
pub fn with_method_lint(policy: Policy, conf_dir: &Path) -> Result<(Policy, bool), GraderError> {
    let driver = sysroot()?.join("bin/clippy-driver");
    if !driver.is_file() {
        return Ok((policy, false));
    }
    let policy = policy
        .read(conf_dir)
        .env("RUSTC_WORKSPACE_WRAPPER", &driver)
        .env("CLIPPY_CONF_DIR", conf_dir)
        .env("CLIPPY_ARGS", crate::method_lint::CLIPPY_ARGS);
    Ok((policy, true))
}

/// The command that builds the learner crate under `policy`.
pub fn cargo_command(policy: &Policy, args: &[&str]) -> Command {
    let cargo = cargo_path().unwrap_or_else(|| PathBuf::from("cargo"));
    policy.command(cargo, args)
}

/// The toolchain's sysroot (`rustc --print sysroot`), found once.
fn sysroot() -> Result<PathBuf, GraderError> {
    static SYSROOT: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    SYSROOT
        .get_or_init(|| {
            // Under `cargo xtask`, `$CARGO` is the toolchain's own cargo, `<sysroot>/bin/cargo`:
            // no need to start rustc (~50 ms through rustup's proxy) to ask.
            let beside_cargo = std::env::var_os("CARGO")
                .map(PathBuf::from)
                .filter(|cargo| cargo.is_absolute() && std::env::var_os("RUSTC").is_none())
                .and_then(|cargo| Some(cargo.parent()?.parent()?.to_path_buf()))
                .filter(|sysroot| sysroot.join("lib/rustlib").is_dir());
            if beside_cargo.is_some() {
                return beside_cargo;
            }
            let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
            let out = Command::new(rustc)
                .args(["--print", "sysroot"])
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })
        .clone()
        .ok_or_else(|| GraderError("cannot run `rustc --print sysroot`".into()))
}

/// The real cargo of the toolchain: `$CARGO` (set by `cargo xtask`), else the sysroot's,
/// else the first `cargo` in `PATH` (never rustup's proxy resolved to `rustup` itself).
fn cargo_path() -> Option<PathBuf> {
    if let Some(cargo) = std::env::var_os("CARGO") {
        return Some(PathBuf::from(cargo));
    }
    if let Ok(sysroot) = sysroot() {
        let cargo = sysroot.join("bin/cargo");
        if cargo.is_file() {
            return Some(cargo);
        }
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("cargo"))
        .find(|candidate| candidate.is_file())
}

/// One line for the learner when this machine cannot confine learner code (macOS,
/// Windows, an old kernel); `None` when it can.
pub fn unconfined_note() -> Option<String> {
    let support = mathlings_sandbox::probe();
    (!support.confines()).then(|| support.to_string())
}

/// `grade` refuses to run learner code unconfined unless told to.
///
/// # Errors
/// When the sandbox is required and this machine cannot provide it.
pub fn require(mode: SandboxMode) -> Result<(), String> {
    match (mode, unconfined_note()) {
        (SandboxMode::Required, Some(line)) => Err(format!(
            "{line}\nrefusing to grade untrusted submissions unconfined; pass --allow-unsandboxed to grade anyway"
        )),
        _ => Ok(()),
    }
}
