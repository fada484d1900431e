//! The launcher where there is no Landlock nor seccomp (not Linux): runs the program
//! unconfined, with the policy's environment, unless the policy requires confinement.

use crate::policy::{Envelope, to_os};
use crate::{EXIT_CANNOT_EXECUTE, EXIT_NOT_FOUND, EXIT_SANDBOX_FAILED, Failure};
use std::ffi::OsString;
use std::process::Command;

/// Runs the program; returns only on failure (on Unix it replaces this process, elsewhere it
/// waits for the program and exits with its status).
pub(crate) fn launch(envelope: Envelope, program: OsString, args: Vec<OsString>) -> Failure {
    if envelope.policy.required {
        return Failure {
            status: EXIT_SANDBOX_FAILED,
            reason: "this platform has no Landlock nor seccomp, which the policy requires".into(),
        };
    }
    let shown = program.to_string_lossy().into_owned();
    let mut command = Command::new(&program);
    command.args(&args).env_clear();
    for (key, value) in &envelope.policy.env {
        command.env(to_os(key), to_os(value));
    }
    let error = run(command);
    Failure {
        status: if error.kind() == std::io::ErrorKind::NotFound {
            EXIT_NOT_FOUND
        } else {
            EXIT_CANNOT_EXECUTE
        },
        reason: format!("cannot execute {shown}: {error}"),
    }
}

#[cfg(unix)]
fn run(mut command: Command) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    command.exec()
}

#[cfg(not(unix))]
fn run(mut command: Command) -> std::io::Error {
    match command.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(error) => error,
    }
}
