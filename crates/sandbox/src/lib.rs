//! Confines a child process on Linux, unprivileged: Landlock for files and TCP, seccomp for
//! processes, signals, sockets and kernel interfaces, resource limits, a new session.
//!
//! Key design decision: a re-exec launcher. The parent (possibly multi-threaded, so no code
//! may run between `fork` and `exec`) builds a [`Policy`] and runs
//! [`Policy::command`]: `<current exe> __mathlings_sandbox <token> -- <program> <args…>`.
//! Every binary that links this crate calls [`launch_if_requested`] first thing in `main`;
//! with that first argument it is a fresh, single-threaded process that applies the policy to
//! itself and `execve`s the program, which inherits every restriction. On failure to apply a
//! required part it writes one line `mathlings-sandbox: <reason>` to standard error and exits
//! with status [`EXIT_SANDBOX_FAILED`] (125).
//!
//! ```no_run
//! use mathlings_sandbox::{Policy, launch_if_requested, probe};
//!
//! fn main() {
//!     launch_if_requested(); // returns unless this process is a launcher
//!     println!("{}", probe()); // "sandbox: on (Landlock ABI 7, seccomp)"
//!     let scratch = std::env::temp_dir().join("scratch");
//!     let status = Policy::new()
//!         .system_paths()
//!         .write(&scratch)
//!         .no_fork()
//!         .no_network()
//!         .address_space(1 << 30)
//!         .cpu_seconds(10)
//!         .require(probe().confines())
//!         .command("/path/to/runner", ["grade", "s1_2_median"])
//!         .status()
//!         .unwrap();
//!     // To stop it and anything it started: kill(-pid, SIGKILL) (its own process group).
//! }
//! ```
//!
//! # What the launcher applies, in order
//!
//! 1. `setsid`: a new session and process group (the parent kills the whole group with
//!    `kill(-pid, SIGKILL)`), without a controlling terminal; then every file descriptor above
//!    2 is closed except those of [`Policy::inherit_fd`] (a descriptor the parent leaked would
//!    bypass Landlock).
//! 2. [`Policy::user`]: `setgroups([])`, `setresgid`, `setresuid` (root only).
//! 3. `PR_SET_PDEATHSIG(SIGKILL)`, then a check that the parent is still the process that
//!    built the command (it may have died before the signal was armed).
//! 4. Resource limits: no core dumps, and those of the policy (`RLIMIT_AS`, `RLIMIT_CPU`,
//!    `RLIMIT_FSIZE`, `RLIMIT_NOFILE`, `RLIMIT_NPROC`), soft = hard.
//! 5. `PR_SET_NO_NEW_PRIVS`: set-user-ID bits and file capabilities no longer apply.
//! 6. Landlock (the process is single-threaded, so restricting this thread restricts the
//!    process): the path rules, TCP if [`Policy::no_network`], signal and abstract-socket
//!    scoping.
//! 7. Capabilities (a root launcher without [`Policy::user`]): `SECBIT_NOROOT` locked, empty
//!    bounding, ambient, effective, permitted and inheritable sets: root keeps uid 0 but no
//!    privilege, so it cannot raise its limits again.
//! 8. seccomp filters.
//! 9. `execve(program)` with only the policy's environment; the program keeps the pid.
//!
//! # Threat model
//!
//! The adversary is the program (a learner's code): it runs arbitrary native code, as the
//! grader's user, and tries to change the grade or anything outside its scratch folder, to
//! read what it was not given, to disturb the grader, or to outlive it.
//!
//! | layer | stops | does not stop |
//! |---|---|---|
//! | Landlock, files (ABI ≥ 1) | opening, executing, creating, removing, renaming anything outside the granted paths, whatever the Unix permissions (root included); `ptrace`-like access (`/proc/<pid>/mem`, `environ`, `process_vm_*`) to processes outside the sandbox | `stat`/`access` of any path (metadata, existence), reading anything *under granted system paths* (all of `/usr/lib`), descriptors kept with [`Policy::inherit_fd`] |
//! | Landlock, TCP (ABI ≥ 4) | TCP `bind`/`connect` with [`Policy::no_network`] | UDP, raw sockets (seccomp's `socket` denial does) |
//! | Landlock, scoping (ABI ≥ 6) | signals to processes outside the sandbox (the parent, the grader, other sandboxes), including `SIGIO` through a file owner; connecting to abstract Unix sockets made outside | — |
//! | seccomp | `fork`, `vfork`, `clone` without `CLONE_THREAD`, `execve` ([`Policy::no_fork`]); `socket` of any family ([`Policy::no_network`]); `ptrace`, `process_vm_readv/writev`, `pidfd_getfd`, `kcmp`, mounts, `unshare`, `setns`, namespace flags of `clone`, `clone3` (`ENOSYS`), `io_uring` (`ENOSYS`: its operations bypass seccomp), keyrings, `bpf`, `perf_event_open`, `userfaultfd`, modules, kexec, `reboot`, swap, file handles, `acct`, `quotactl`, `syslog`, `setsid`/`setpgid` (no leaving the process group), changing the parent-death signal, `prlimit64`/`sched_set*`/`setpriority`/`ioprio_set`/`migrate_pages`/`move_pages` on other processes; without Landlock scoping: every signal except to itself or its own process group; x32 system calls and other architectures' calls | CPU side channels (Spectre-class, cache timing), reading the clock, `/proc` files that need no permission if `/proc` were granted (it is not by default) |
//! | rlimits | memory (address space), CPU time, file size, open files, core dumps; processes for non-root users | wall-clock time (the parent's timeout), disk space across many files below the size limit, `RLIMIT_NPROC` for root |
//! | session, parent-death signal | the program outliving the parent's `kill(-pid, SIGKILL)`, or the parent itself; `TIOCSTI` into the parent's terminal | — |
//! | closing descriptors | files, pipes and sockets the parent opened without `O_CLOEXEC` | — |
//! | capabilities dropped (root) | a root program raising its limits, or using any privilege Landlock and seccomp do not cover | root's ownership of root's files (Landlock still decides which paths) |
//!
//! No PID namespace is needed when [`Policy::no_fork`] is on: the program can create no
//! process, so there is nothing to hide it from or to reap, its one pid is in its own process
//! group, and Landlock (or the seccomp fallback) already keeps it from signalling or tracing
//! other pids. (A PID namespace would also need user namespaces, which GitHub's runners
//! block.) Without `no_fork`, children stay in the process group (`setsid`/`setpgid` are
//! denied) and are killed with it.
//!
//! `execve` under `no_fork`: the launcher's own exec must be allowed by the very filter it
//! installs, so the filter allows `execve` only when its path argument is at one address, a
//! page the launcher maps at a random place (about 2³⁵ possibilities) and that the program
//! cannot see. Even a lucky guess would gain nothing: an exec keeps the Landlock domain, the
//! seccomp filters, the limits and no-new-privileges, can only run files Landlock grants
//! execute on, and the program can already run any code it likes in its own process.
//! Without `no_fork`, exec is allowed for files with Landlock's execute right.
//!
//! # What each kernel gives
//!
//! | kernel | Landlock ABI | files | TCP | signals | `truncate(2)` |
//! |---|---|---|---|---|---|
//! | 5.13 | 1 | yes (renames across folders always denied) | seccomp `socket` only | seccomp | seccomp denies it |
//! | 5.19 | 2 | yes | seccomp only | seccomp | seccomp denies it |
//! | 6.2 | 3 | yes, truncate handled | seccomp only | seccomp | Landlock |
//! | 6.7–6.11 (GitHub's Ubuntu 24.04 runners: 6.8) | 4, 5 (`ioctl` on devices) | yes | Landlock + seccomp | seccomp | Landlock |
//! | 6.12–6.18 (this crate's test machine: 6.18) | 6, 7 | yes | Landlock + seccomp | Landlock scoping | Landlock |
//! | later, ABI ≥ 9 | 9 | also `connect` to Unix sockets bound to paths outside write paths | Landlock + seccomp | Landlock scoping | Landlock |
//!
//! The seccomp fallback for signals (ABI < 6) allows `kill` only to the program's own pid,
//! `0` and its own process group, `tgkill`/`tkill`/`rt_*sigqueueinfo`/`pidfd_open` only to its
//! own pid, and denies `pidfd_send_signal`, `F_SETOWN` to another pid and `F_SETOWN_EX`,
//! `FIOSETOWN`, `SIOCSPGRP`: a program that may fork (a build) can then signal its children
//! only through its process group (`kill(0, sig)`), not by pid.
//!
//! Without Landlock, [`Policy::require`]`(true)` (the default) refuses to run; with
//! `require(false)` the program runs with seccomp, the limits and the session only. seccomp
//! filters need x86_64 or aarch64. Not Linux: no confinement at all; the launcher only clears
//! the environment (or refuses, if required).
//!
//! Known gaps, by design: without [`Policy::no_network`], programs may open sockets (and
//! before ABI 9, connect to any Unix socket bound to a path that Unix permissions let the
//! user reach, such as a container runtime's or D-Bus); a program may still read anything
//! under the granted system paths and `stat` any path; without Landlock (`require(false)`)
//! files, including other same-user processes' `/proc/<pid>/mem`, are unprotected. Nesting
//! sandboxes is not supported (`setsid` is denied inside one). The tests (`tests/attacks.rs`)
//! run each layer alone with [`Policy::pretend_missing`], and a control run without it.
#![deny(missing_docs)]

#[cfg(target_os = "linux")]
mod linux;
mod policy;
mod probe;
#[cfg(any(not(target_os = "linux"), test))]
#[cfg_attr(test, allow(dead_code))]
mod unconfined;

pub use policy::{
    EXIT_CANNOT_EXECUTE, EXIT_NOT_FOUND, EXIT_SANDBOX_FAILED, Feature, LAUNCH_ARG, Policy,
};
pub use probe::{Support, probe};

use std::ffi::OsString;

/// Why the launcher could not run the program, and its exit status.
pub(crate) struct Failure {
    pub(crate) status: i32,
    pub(crate) reason: String,
}

/// Acts as the sandbox launcher if this process was started by [`Policy::command`]
/// (`argv[1] == "__mathlings_sandbox"`): applies the policy and executes the program, never
/// returning (status 125 with one line `mathlings-sandbox: <reason>` on standard error if a
/// required part cannot be applied, 126 if the program cannot be executed, 127 if it is not
/// found). Otherwise returns at once and `main` continues.
///
/// Call it first thing in `main`, before starting any thread.
pub fn launch_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_none_or(|first| first != LAUNCH_ARG) {
        return;
    }
    let rest: Vec<OsString> = args.collect();
    let failure = match parse(rest) {
        Ok((envelope, program, args)) => launch(envelope, program, args),
        Err(reason) => Failure {
            status: EXIT_SANDBOX_FAILED,
            reason,
        },
    };
    eprintln!("mathlings-sandbox: {}", failure.reason);
    std::process::exit(failure.status);
}

/// `<token> -- <program> <args…>`.
fn parse(rest: Vec<OsString>) -> Result<(policy::Envelope, OsString, Vec<OsString>), String> {
    let mut rest = rest.into_iter();
    let usage = "usage: __mathlings_sandbox <token> -- <program> <args…>";
    let token = rest.next().ok_or(usage)?;
    let token = token.to_str().ok_or("bad policy token: not UTF-8")?;
    let envelope = policy::decode(token)?;
    if rest.next().is_none_or(|separator| separator != "--") {
        return Err(usage.into());
    }
    let program = rest.next().ok_or(usage)?;
    Ok((envelope, program, rest.collect()))
}

#[cfg(target_os = "linux")]
fn launch(envelope: policy::Envelope, program: OsString, args: Vec<OsString>) -> Failure {
    linux::launch(envelope, program, args)
}

#[cfg(not(target_os = "linux"))]
fn launch(envelope: policy::Envelope, program: OsString, args: Vec<OsString>) -> Failure {
    unconfined::launch(envelope, program, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_launcher_arguments_are_token_separator_program_args() {
        let command = Policy::new().command_with_launcher("launcher", "prog", ["a", "--", "b"]);
        let rest: Vec<OsString> = command.get_args().skip(1).map(OsString::from).collect();
        let (envelope, program, program_args) = parse(rest).unwrap();
        assert_eq!(envelope.policy, Policy::new());
        assert_eq!(program, "prog");
        assert_eq!(program_args, args(&["a", "--", "b"]));
        let token = command.get_args().nth(1).unwrap().to_str().unwrap();
        assert!(parse(args(&[token, "--", "prog"])).is_ok());
        assert!(parse(args(&[])).is_err());
        assert!(parse(args(&["zz", "--", "prog"])).is_err());
        assert!(parse(args(&[token, "prog"])).is_err());
        assert!(parse(args(&[token, "--"])).is_err());
    }
}
