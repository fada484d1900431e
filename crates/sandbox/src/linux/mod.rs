//! The launcher on Linux: applies a policy to the current (single-threaded, freshly
//! executed) process, then executes the program.

mod exec;
mod landlock;
mod process;
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
mod seccomp;

/// Other architectures: no seccomp filters (`probe` says so; a required policy refuses).
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod seccomp {
    pub(super) const ARCH_SUPPORTED: bool = false;

    pub(super) struct Plan {
        pub(super) no_fork: bool,
        pub(super) no_network: bool,
        pub(super) signal_fallback: bool,
        pub(super) deny_truncate: bool,
        pub(super) self_pid: i32,
        pub(super) exec_path: u64,
    }

    pub(super) fn install(_: &Plan) -> Result<(), String> {
        Err("no seccomp filters for this architecture".into())
    }
}

use crate::policy::{Envelope, Feature};
use crate::{EXIT_SANDBOX_FAILED, Failure};
use std::ffi::OsString;

/// The Landlock ABI version of the running kernel, `None` without Landlock.
pub(crate) fn landlock_abi() -> Option<u32> {
    const LANDLOCK_CREATE_RULESET_VERSION: libc::c_uint = 1;
    // SAFETY: with a null attribute, size 0 and this flag the call only returns the version.
    let version = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<libc::c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    u32::try_from(version).ok().filter(|&v| v > 0)
}

/// Whether seccomp filters can be installed here.
pub(crate) fn seccomp_available() -> bool {
    if !seccomp::ARCH_SUPPORTED {
        return false;
    }
    // SAFETY: PR_GET_SECCOMP only reads this thread's mode.
    let mode = unsafe { libc::prctl(libc::PR_GET_SECCOMP, 0, 0, 0, 0) };
    let errno = libc::SECCOMP_RET_ERRNO;
    // SAFETY: SECCOMP_GET_ACTION_AVAIL reads one u32 through the pointer, which is valid.
    let errno_available = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_GET_ACTION_AVAIL,
            0,
            &errno as *const u32,
        )
    } == 0;
    mode >= 0 && errno_available
}

/// Applies the policy to this process and executes the program; returns only on failure.
pub(crate) fn launch(envelope: Envelope, program: OsString, args: Vec<OsString>) -> Failure {
    match confine_and_exec(envelope, program, args) {
        Ok(never) => match never {},
        Err(failure) => failure,
    }
}

fn confine_and_exec(
    envelope: Envelope,
    program: OsString,
    args: Vec<OsString>,
) -> Result<std::convert::Infallible, Failure> {
    let sandbox = |reason: String| Failure {
        status: EXIT_SANDBOX_FAILED,
        reason,
    };
    let policy = &envelope.policy;

    // Process controls that need no kernel feature: always applied, never optional.
    process::new_session().map_err(sandbox)?;
    process::close_inherited_fds(&policy.inherit_fds).map_err(sandbox)?;
    if let Some((uid, gid)) = policy.user {
        process::become_user(uid, gid).map_err(sandbox)?;
    }
    // After the user change, which clears the parent-death signal.
    process::die_with_parent(envelope.parent_pid).map_err(sandbox)?;
    process::set_limits(&policy.limits).map_err(sandbox)?;
    let exec = exec::Exec::prepare(&program, &args, &policy.env)?;

    let landlock_abi = landlock_abi().filter(|_| !policy.pretends(Feature::Landlock));
    let seccomp = seccomp_available() && !policy.pretends(Feature::Seccomp);
    if policy.required {
        if landlock_abi.is_none() {
            return Err(sandbox(
                "this kernel has no Landlock, which the policy requires".into(),
            ));
        }
        if !seccomp {
            return Err(sandbox(
                "this kernel has no seccomp filters, which the policy requires".into(),
            ));
        }
    }
    let scoping =
        landlock_abi.is_some_and(|abi| abi >= 6) && !policy.pretends(Feature::LandlockScoping);

    process::no_new_privs().map_err(sandbox)?;
    if landlock_abi.is_some() {
        landlock::restrict(policy, exec.path(), scoping).map_err(sandbox)?;
    }
    process::drop_capabilities().map_err(sandbox)?;
    let mut secret_path = None;
    if seccomp {
        let path = exec::SecretPath::new(exec.c_path());
        seccomp::install(&seccomp::Plan {
            no_fork: policy.no_fork,
            no_network: policy.no_network,
            signal_fallback: !scoping,
            deny_truncate: landlock_abi.is_some_and(|abi| abi < 3),
            self_pid: std::process::id() as i32,
            exec_path: path.address(),
        })
        .map_err(sandbox)?;
        secret_path = Some(path);
    }
    Err(exec.run(secret_path.as_ref()))
}
