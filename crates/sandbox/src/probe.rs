//! What this kernel offers.

use std::fmt;

/// The confinement this machine offers, from [`probe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Support {
    /// The Landlock ABI version of the running kernel, `None` without Landlock (not built in,
    /// disabled at boot, or not Linux).
    pub landlock_abi: Option<u32>,
    /// Whether seccomp filters can be installed (Linux on x86_64 or aarch64 with
    /// `CONFIG_SECCOMP_FILTER`).
    pub seccomp: bool,
    /// Whether Landlock scopes signals and abstract Unix sockets (ABI ≥ 6). Without it the
    /// launcher confines signals with seccomp instead.
    pub signal_scoping: bool,
    /// Whether an unprivileged process may create a user namespace (not used by this crate;
    /// reported because GitHub's runners block it, which rules out namespace-based designs).
    pub user_namespaces: bool,
}

impl Support {
    /// Whether both layers are there: Landlock (files, TCP) and seccomp (processes, signals,
    /// sockets, kernel interfaces).
    pub fn confines(&self) -> bool {
        self.landlock_abi.is_some() && self.seccomp
    }
}

impl fmt::Display for Support {
    /// One line for the grader to print, for example `sandbox: on (Landlock ABI 7, seccomp)`
    /// or `sandbox: off — this kernel has no Landlock; learner code runs unconfined`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let system = if cfg!(target_os = "linux") {
            "this kernel"
        } else {
            "this platform"
        };
        match (self.landlock_abi, self.seccomp) {
            (Some(abi), true) => {
                write!(f, "sandbox: on (Landlock ABI {abi}, seccomp")?;
                if !self.signal_scoping {
                    write!(f, "; signals confined by seccomp")?;
                }
                write!(f, ")")
            }
            (Some(abi), false) => write!(
                f,
                "sandbox: partial (Landlock ABI {abi}) — {system} has no seccomp; learner code \
                 may start processes, signal and open sockets"
            ),
            (None, true) => write!(
                f,
                "sandbox: partial (seccomp) — {system} has no Landlock; learner code may read \
                 and write any file the user can"
            ),
            (None, false) => write!(
                f,
                "sandbox: off — {system} has no Landlock; learner code runs unconfined"
            ),
        }
    }
}

/// What this machine offers; cheap (a few system calls and `/proc/sys` reads), safe to call
/// from a multi-threaded program.
pub fn probe() -> Support {
    imp::probe()
}

#[cfg(target_os = "linux")]
mod imp {
    use super::Support;

    pub(super) fn probe() -> Support {
        let landlock_abi = crate::linux::landlock_abi();
        Support {
            landlock_abi,
            seccomp: crate::linux::seccomp_available(),
            signal_scoping: landlock_abi.is_some_and(|abi| abi >= 6),
            user_namespaces: user_namespaces(),
        }
    }

    /// Whether an unprivileged user may create a user namespace: the limit is positive, and
    /// neither Debian's `unprivileged_userns_clone` nor Ubuntu's AppArmor restriction (what
    /// GitHub's runners use) forbids it.
    fn user_namespaces() -> bool {
        let read =
            |path: &str| -> Option<i64> { std::fs::read_to_string(path).ok()?.trim().parse().ok() };
        read("/proc/sys/user/max_user_namespaces").unwrap_or(0) > 0
            && read("/proc/sys/kernel/unprivileged_userns_clone") != Some(0)
            && read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") != Some(1)
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::Support;

    pub(super) fn probe() -> Support {
        Support {
            landlock_abi: None,
            seccomp: false,
            signal_scoping: false,
            user_namespaces: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_on_partial_or_off() {
        let mut support = Support {
            landlock_abi: Some(7),
            seccomp: true,
            signal_scoping: true,
            user_namespaces: true,
        };
        assert_eq!(support.to_string(), "sandbox: on (Landlock ABI 7, seccomp)");
        support.signal_scoping = false;
        support.landlock_abi = Some(5);
        assert_eq!(
            support.to_string(),
            "sandbox: on (Landlock ABI 5, seccomp; signals confined by seccomp)"
        );
        support.landlock_abi = None;
        assert!(
            support
                .to_string()
                .starts_with("sandbox: partial (seccomp) — ")
        );
        support.seccomp = false;
        assert_eq!(
            support.to_string(),
            "sandbox: off — this kernel has no Landlock; learner code runs unconfined"
        );
        assert!(!support.confines());
    }
}
