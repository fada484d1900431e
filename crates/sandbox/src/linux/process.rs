//! Session, user, parent-death signal, resource limits, no-new-privileges, capabilities.

use crate::policy::Limits;
use std::io::Error;

fn check(rc: libc::c_int, what: &str) -> Result<(), String> {
    if rc < 0 {
        Err(format!("{what}: {}", Error::last_os_error()))
    } else {
        Ok(())
    }
}

/// A new session and process group led by this process, so that the parent can kill
/// everything the program starts with `kill(-pid, SIGKILL)`, and without a controlling
/// terminal (no `TIOCSTI` into the parent's terminal).
pub(super) fn new_session() -> Result<(), String> {
    // SAFETY: no arguments.
    check(unsafe { libc::setsid() }, "setsid (a new session)")
}

/// Closes every file descriptor above 2 except `keep`: descriptors the parent leaked (opened
/// without `O_CLOEXEC`) would give the program access that Landlock does not check.
pub(super) fn close_inherited_fds(keep: &[i32]) -> Result<(), String> {
    let mut keep: Vec<u32> = keep
        .iter()
        .filter_map(|&fd| u32::try_from(fd).ok())
        .filter(|&fd| fd > 2)
        .collect();
    keep.sort_unstable();
    keep.dedup();
    let mut first = 3u32;
    for fd in keep {
        if fd > first {
            close_range(first, fd - 1)?;
        }
        first = fd + 1;
    }
    close_range(first, u32::MAX)
}

fn close_range(first: u32, last: u32) -> Result<(), String> {
    // SAFETY: plain integers; the launcher holds no descriptor it still needs.
    if unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) } == 0 {
        return Ok(());
    }
    // Linux < 5.9: one by one, up to the descriptor limit.
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: a valid pointer to an rlimit.
    check(
        unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) },
        "getrlimit(RLIMIT_NOFILE)",
    )?;
    #[allow(clippy::unnecessary_cast)] // rlim_t is u32 on some targets
    let end = u64::from(last).min(limit.rlim_cur as u64).min(1 << 20);
    for fd in u64::from(first)..=end {
        // SAFETY: closing a descriptor number; EBADF for those not open.
        unsafe { libc::close(fd as libc::c_int) };
    }
    Ok(())
}

/// Drops to `uid`/`gid` with no supplementary groups; only for root.
pub(super) fn become_user(uid: u32, gid: u32) -> Result<(), String> {
    // SAFETY: no arguments.
    if unsafe { libc::geteuid() } != 0 {
        return Err(format!(
            "the policy runs the program as user {uid}:{gid}, which needs a launcher running as root"
        ));
    }
    // SAFETY: an empty group list; then plain integer arguments.
    unsafe {
        check(libc::setgroups(0, std::ptr::null()), "setgroups")?;
        check(libc::setresgid(gid, gid, gid), "setresgid")?;
        check(libc::setresuid(uid, uid, uid), "setresuid")?;
    }
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: three valid pointers.
    check(
        unsafe { libc::getresuid(&mut r, &mut e, &mut s) },
        "getresuid",
    )?;
    if (r, e, s) != (uid, uid, uid) {
        return Err(format!("could not become user {uid}"));
    }
    Ok(())
}

/// `SIGKILL` when the parent dies; then checks that the parent is still the one that built
/// the command (it may have died before the signal was armed).
pub(super) fn die_with_parent(parent_pid: u32) -> Result<(), String> {
    // SAFETY: plain integer arguments.
    check(
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) },
        "PR_SET_PDEATHSIG",
    )?;
    // SAFETY: no arguments.
    let parent = unsafe { libc::getppid() };
    if u32::try_from(parent).ok() != Some(parent_pid) {
        return Err(format!(
            "the parent process {parent_pid} exited before the sandbox started"
        ));
    }
    Ok(())
}

macro_rules! limit {
    ($resource:expr, $name:literal, $soft:expr, $hard:expr) => {{
        let mut current = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: a valid pointer to an rlimit.
        check(
            unsafe { libc::getrlimit($resource, &mut current) },
            concat!("getrlimit(", $name, ")"),
        )?;
        // An unprivileged process cannot raise its hard limit: keep the lower one.
        let hard: libc::rlim_t = ($hard as libc::rlim_t).min(current.rlim_max);
        let new = libc::rlimit {
            rlim_cur: ($soft as libc::rlim_t).min(hard),
            rlim_max: hard,
        };
        // SAFETY: a valid pointer to an rlimit.
        check(
            unsafe { libc::setrlimit($resource, &new) },
            concat!("setrlimit(", $name, ")"),
        )?;
    }};
}

/// The policy's resource limits, and no core dumps.
pub(super) fn set_limits(limits: &Limits) -> Result<(), String> {
    limit!(libc::RLIMIT_CORE, "RLIMIT_CORE", 0, 0);
    if let Some(bytes) = limits.address_space {
        limit!(libc::RLIMIT_AS, "RLIMIT_AS", bytes, bytes);
    }
    if let Some(seconds) = limits.cpu_seconds {
        // SIGXCPU at the soft limit (the default action ends the process), SIGKILL a second
        // later for a program that catches it.
        limit!(
            libc::RLIMIT_CPU,
            "RLIMIT_CPU",
            seconds,
            seconds.saturating_add(1)
        );
    }
    if let Some(bytes) = limits.file_size {
        limit!(libc::RLIMIT_FSIZE, "RLIMIT_FSIZE", bytes, bytes);
    }
    if let Some(n) = limits.open_files {
        limit!(libc::RLIMIT_NOFILE, "RLIMIT_NOFILE", n, n);
    }
    if let Some(n) = limits.nproc {
        limit!(libc::RLIMIT_NPROC, "RLIMIT_NPROC", n, n);
    }
    Ok(())
}

/// `PR_SET_NO_NEW_PRIVS`: no set-user-ID, set-group-ID or file capabilities on exec.
pub(super) fn no_new_privs() -> Result<(), String> {
    // SAFETY: plain integer arguments.
    check(
        unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) },
        "PR_SET_NO_NEW_PRIVS",
    )
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: libc::c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const CAPABILITY_VERSION_3: u32 = 0x2008_0522;

fn capget() -> Result<[CapData; 2], String> {
    let mut header = CapHeader {
        version: CAPABILITY_VERSION_3,
        pid: 0,
    };
    let mut data = [CapData::default(); 2];
    // SAFETY: a version-3 header and room for the two data structs version 3 uses.
    let rc = unsafe { libc::syscall(libc::SYS_capget, &mut header, data.as_mut_ptr()) };
    check(rc as libc::c_int, "capget")?;
    Ok(data)
}

/// Without capabilities a root launcher cannot raise the limits it set, signal or trace
/// other users' processes, bypass file permissions, load modules or change the clock. For a
/// process that has capabilities (root without [`Policy::user`](crate::Policy::user)): lock
/// `SECBIT_NOROOT` (executing as uid 0 grants none), empty the bounding and ambient sets,
/// then the effective, permitted and inheritable sets. A process without capabilities has
/// nothing to drop: `PR_SET_NO_NEW_PRIVS` keeps exec from granting any.
pub(super) fn drop_capabilities() -> Result<(), String> {
    if capget()? == [CapData::default(); 2] {
        return Ok(());
    }
    let securebits = libc::SECBIT_NOROOT
        | libc::SECBIT_NOROOT_LOCKED
        | libc::SECBIT_NO_CAP_AMBIENT_RAISE
        | libc::SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
    // SAFETY: plain integer arguments.
    check(
        unsafe { libc::prctl(libc::PR_SET_SECUREBITS, securebits, 0, 0, 0) },
        "PR_SET_SECUREBITS (needs CAP_SETPCAP)",
    )?;
    for cap in 0..64 {
        // SAFETY: plain integer arguments.
        if unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) } < 0 {
            let error = Error::last_os_error();
            if error.raw_os_error() == Some(libc::EINVAL) {
                break; // past the last capability this kernel knows
            }
            return Err(format!("PR_CAPBSET_DROP: {error}"));
        }
    }
    // SAFETY: plain integer arguments.
    unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL,
            0,
            0,
            0,
        )
    };
    let mut header = CapHeader {
        version: CAPABILITY_VERSION_3,
        pid: 0,
    };
    let data = [CapData::default(); 2];
    // SAFETY: a version-3 header and the two data structs version 3 uses.
    let rc = unsafe { libc::syscall(libc::SYS_capset, &mut header, data.as_ptr()) };
    check(rc as libc::c_int, "capset")?;
    if capget()? != [CapData::default(); 2] {
        return Err("capabilities are still set after capset".into());
    }
    Ok(())
}
