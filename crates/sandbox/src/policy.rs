//! The policy builder and its encoding into the launcher's argument.

use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The first argument that makes [`launch_if_requested`](crate::launch_if_requested) act as
/// the sandbox launcher: `<exe> __mathlings_sandbox <token> -- <program> <args…>`.
pub const LAUNCH_ARG: &str = "__mathlings_sandbox";

/// The exit status of the launcher when it cannot apply a required part of the policy
/// (it then writes one line `mathlings-sandbox: <reason>` to standard error).
pub const EXIT_SANDBOX_FAILED: i32 = 125;

/// The exit status of the launcher when the program exists but cannot be executed
/// (for example: Landlock does not grant execute on it).
pub const EXIT_CANNOT_EXECUTE: i32 = 126;

/// The exit status of the launcher when the program is not found.
pub const EXIT_NOT_FOUND: i32 = 127;

/// What a path rule grants (see [`Policy::read`], [`Policy::read_exec`], [`Policy::write`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Grant {
    /// Read files, list directories.
    Read,
    /// Read, list and execute.
    ReadExec,
    /// Read, list, write, create, rename, remove (not execute).
    Write,
}

/// One path rule: the path (absolute when it was built) and what it grants beneath it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PathRule {
    pub(crate) path: Bytes,
    pub(crate) grant: Grant,
}

/// Resource limits (`setrlimit`); `None` keeps the inherited limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Limits {
    pub(crate) address_space: Option<u64>,
    pub(crate) cpu_seconds: Option<u64>,
    pub(crate) file_size: Option<u64>,
    pub(crate) open_files: Option<u64>,
    pub(crate) nproc: Option<u64>,
}

/// A kernel feature that [`Policy::pretend_missing`] can make the launcher act as if this
/// kernel did not have (to test the fallbacks and [`Policy::require`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Feature {
    /// Landlock as a whole (filesystem rules, TCP rules, scoping).
    Landlock,
    /// Landlock's scoping of signals and abstract Unix sockets (ABI ≥ 6): as on a kernel with
    /// Landlock ABI 4 or 5, signals are then confined by the seccomp fallback.
    LandlockScoping,
    /// seccomp filters as a whole.
    Seccomp,
}

/// OS strings as bytes, so that any path survives the encoding.
pub(crate) type Bytes = Vec<u8>;

pub(crate) fn to_bytes(s: &OsStr) -> Bytes {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        s.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned().into_bytes()
    }
}

pub(crate) fn to_os(b: &[u8]) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        OsStr::from_bytes(b).to_owned()
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(b).into_owned())
    }
}

/// What a child process may do: built by the parent, applied by the launcher to itself
/// just before it executes the program (see the [crate documentation](crate)).
///
/// Everything not granted is denied: no file is readable, writable or executable except under
/// the paths given to [`read`](Self::read), [`read_exec`](Self::read_exec) and
/// [`write`](Self::write) (plus the program itself, which is always granted read and
/// execute); the environment holds only the variables given to [`env`](Self::env).
///
/// ```
/// use mathlings_sandbox::Policy;
///
/// let policy = Policy::new()
///     .system_paths()
///     .read("/srv/course/data")
///     .write("/tmp/scratch-1234")
///     .env("LANG", "C.UTF-8")
///     .no_fork()
///     .no_network()
///     .address_space(1 << 30)
///     .cpu_seconds(10);
/// let command = policy.command("/srv/course/target/mathlings/learner/target/debug/mathlings-learner", ["s1_2_median"]);
/// assert_eq!(command.get_args().next().unwrap(), "__mathlings_sandbox");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub(crate) rules: Vec<PathRule>,
    pub(crate) env: Vec<(Bytes, Bytes)>,
    pub(crate) no_fork: bool,
    pub(crate) no_network: bool,
    pub(crate) limits: Limits,
    pub(crate) user: Option<(u32, u32)>,
    pub(crate) inherit_fds: Vec<i32>,
    pub(crate) required: bool,
    pub(crate) pretend_missing: Vec<Feature>,
}

impl Default for Policy {
    fn default() -> Self {
        Self::new()
    }
}

/// What the launcher receives: the policy and the pid of the process that built the command
/// (its parent, checked after `PR_SET_PDEATHSIG` is set).
#[derive(Serialize, Deserialize)]
pub(crate) struct Envelope {
    pub(crate) policy: Policy,
    pub(crate) parent_pid: u32,
}

/// The paths any dynamically linked program needs to start (the dynamic loader, the shared
/// libraries and their cache; `/dev/null` and the random devices), measured with
/// `strace -f -e trace=%file` on a Rust binary (std threads, stack overflow report) and on C
/// programs from coreutils (Debian 12, glibc 2.36). Paths that do not exist are skipped.
const SYSTEM_READ_EXEC: &[&str] = &[
    "/lib",
    "/lib64",
    "/lib32",
    "/usr/lib",
    "/usr/lib64",
    "/usr/lib32",
];
const SYSTEM_READ: &[&str] = &[
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/ld.so.preload",
    "/dev/zero",
    "/dev/urandom",
    "/dev/random",
    // The program's own memory map (the launcher keeps its pid across exec): Rust's std
    // reads it to find the main thread's stack guard and report a stack overflow as one.
    "/proc/self/maps",
];
const SYSTEM_WRITE: &[&str] = &["/dev/null", "/dev/full"];

impl Policy {
    /// An empty policy: nothing granted, an empty environment, no extra limits,
    /// [required](Self::require).
    pub fn new() -> Self {
        Policy {
            rules: Vec::new(),
            env: Vec::new(),
            no_fork: false,
            no_network: false,
            limits: Limits::default(),
            user: None,
            inherit_fds: Vec::new(),
            required: true,
            pretend_missing: Vec::new(),
        }
    }

    fn rule(mut self, path: impl AsRef<Path>, grant: Grant) -> Self {
        let path = path.as_ref();
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.rules.push(PathRule {
            path: to_bytes(path.as_os_str()),
            grant,
        });
        self
    }

    /// Grants reading files and listing directories at or beneath `path` (a file or a
    /// directory; relative paths are made absolute now).
    pub fn read(self, path: impl AsRef<Path>) -> Self {
        self.rule(path, Grant::Read)
    }

    /// Grants reading, listing and executing at or beneath `path`.
    pub fn read_exec(self, path: impl AsRef<Path>) -> Self {
        self.rule(path, Grant::ReadExec)
    }

    /// Grants reading, writing, truncating, creating, renaming and removing files and
    /// directories at or beneath `path` (not executing them).
    pub fn write(self, path: impl AsRef<Path>) -> Self {
        self.rule(path, Grant::Write)
    }

    /// Grants what any dynamically linked program needs: read and execute under `/lib`,
    /// `/lib64`, `/lib32`, `/usr/lib`, `/usr/lib64`, `/usr/lib32`; read of `/etc/ld.so.cache`,
    /// `/etc/ld.so.conf`, `/etc/ld.so.conf.d`, `/etc/ld.so.preload`, `/dev/zero`,
    /// `/dev/urandom`, `/dev/random`, and the program's own `/proc/self/maps` (Rust's std
    /// reads it to report a stack overflow in the main thread); read and write of `/dev/null`
    /// and `/dev/full`.
    ///
    /// Not granted, on purpose: the rest of `/proc` (other processes' command lines, the
    /// program's environment), `/sys`, `/etc`
    /// beyond the loader's files, `/usr/bin`, `/usr/share`, home directories. Rust's
    /// `available_parallelism` then falls back from cgroup quotas to the CPU affinity mask.
    pub fn system_paths(mut self) -> Self {
        for path in SYSTEM_READ_EXEC {
            self = self.read_exec(path);
        }
        for path in SYSTEM_READ {
            self = self.read(path);
        }
        for path in SYSTEM_WRITE {
            self = self.write(path);
        }
        self
    }

    /// Sets the environment variable `key` to `value` for the program. The environment is
    /// otherwise empty (not even `PATH`, which is also where the launcher looks up a program
    /// given without a `/`).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        let key = to_bytes(key.as_ref());
        self.env.retain(|(k, _)| *k != key);
        self.env.push((key, to_bytes(value.as_ref())));
        self
    }

    /// Denies creating processes: `fork`, `vfork` and `clone` without `CLONE_THREAD` fail
    /// with `EPERM` (threads still work: `clone3` fails with `ENOSYS`, so glibc's
    /// `pthread_create` falls back to `clone`, which seccomp can inspect), and `execve` /
    /// `execveat` fail with `EPERM` once the launcher has executed the program.
    pub fn no_fork(mut self) -> Self {
        self.no_fork = true;
        self
    }

    /// Denies networking: `socket` fails with `EACCES` for every address family (Unix, IP,
    /// netlink…), and, with Landlock ABI ≥ 4, TCP bind and connect are denied as well.
    pub fn no_network(mut self) -> Self {
        self.no_network = true;
        self
    }

    /// Limits the address space to `bytes` (`RLIMIT_AS`; allocations beyond it fail).
    ///
    /// This counts reservations, not memory used: each thread's stack (2 MiB for Rust's), and
    /// 64 MiB per glibc malloc arena, of which a multi-threaded program creates up to 8 per
    /// core. With many threads, allow for it or set `MALLOC_ARENA_MAX` (e.g. `2`) with
    /// [`env`](Self::env); otherwise thread creation fails with `EAGAIN`.
    pub fn address_space(mut self, bytes: u64) -> Self {
        self.limits.address_space = Some(bytes);
        self
    }

    /// Limits CPU time to `seconds` (`RLIMIT_CPU`: `SIGXCPU` at `seconds`, `SIGKILL` one
    /// second later).
    pub fn cpu_seconds(mut self, seconds: u64) -> Self {
        self.limits.cpu_seconds = Some(seconds);
        self
    }

    /// Limits the size of a file the program writes to `bytes` (`RLIMIT_FSIZE`: `SIGXFSZ`,
    /// or `EFBIG` if the program ignores that signal).
    pub fn file_size(mut self, bytes: u64) -> Self {
        self.limits.file_size = Some(bytes);
        self
    }

    /// Limits the number of open file descriptors to `n` (`RLIMIT_NOFILE`).
    pub fn open_files(mut self, n: u64) -> Self {
        self.limits.open_files = Some(n);
        self
    }

    /// Limits the number of processes of the user to `n` (`RLIMIT_NPROC`). The kernel ignores
    /// it for root (uid 0) and counts every process of the same user, sandboxed or not:
    /// [`no_fork`](Self::no_fork) is the real limit on process creation.
    pub fn nproc(mut self, n: u64) -> Self {
        self.limits.nproc = Some(n);
        self
    }

    /// Runs the program as `uid`/`gid` with no supplementary groups (`setgroups`, `setgid`,
    /// `setuid`, applied before every other restriction). Only for a launcher that runs as
    /// root; otherwise the launcher fails with status 125.
    pub fn user(mut self, uid: u32, gid: u32) -> Self {
        self.user = Some((uid, gid));
        self
    }

    /// Keeps the file descriptor `fd` open in the program. The launcher closes every other
    /// descriptor above 2 (standard input, output and error are always kept), since an
    /// inherited descriptor bypasses Landlock: a file opened without `O_CLOEXEC` by any thread
    /// of the parent would otherwise stay open, read- or writable, in the program.
    pub fn inherit_fd(mut self, fd: i32) -> Self {
        if !self.inherit_fds.contains(&fd) {
            self.inherit_fds.push(fd);
        }
        self
    }

    /// Whether a missing kernel feature (no Landlock, no seccomp, not Linux) makes the launcher
    /// fail with status 125 (`true`, the default) or run the program with whatever this kernel
    /// offers (`false`; [`probe`](crate::probe) says what that is). A Landlock ABI older than
    /// the newest is never fatal: each missing part has a seccomp fallback or is listed in the
    /// crate documentation.
    pub fn require(mut self, yes: bool) -> Self {
        self.required = yes;
        self
    }

    /// Makes the launcher act as if this kernel lacked `feature`: for tests of
    /// [`require`](Self::require) and of the fallbacks.
    pub fn pretend_missing(mut self, feature: Feature) -> Self {
        if !self.pretend_missing.contains(&feature) {
            self.pretend_missing.push(feature);
        }
        self
    }

    /// Whether [`pretend_missing`](Self::pretend_missing) was called with `feature`.
    pub(crate) fn pretends(&self, feature: Feature) -> bool {
        self.pretend_missing.contains(&feature)
    }

    /// The command that runs `program` with `args` under this policy, through the current
    /// executable as launcher: `<current exe> __mathlings_sandbox <token> -- <program>
    /// <args…>`. The current executable must call
    /// [`launch_if_requested`](crate::launch_if_requested) first thing in `main`.
    ///
    /// On Linux the launcher is `/proc/self/exe`, the very binary that is running even if its
    /// file was replaced since. The program's environment is the policy's, not the command's:
    /// set variables with [`env`](Self::env), not [`Command::env`]. Do not call
    /// `process_group` on the command (the launcher starts its own session). The command must
    /// be spawned by a thread that outlives the child (for example the thread that waits for
    /// it): `PR_SET_PDEATHSIG` fires when the spawning *thread* exits.
    pub fn command<I, S>(&self, program: impl AsRef<OsStr>, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command_with_launcher(current_exe(), program, args)
    }

    /// Like [`command`](Self::command), with another binary as launcher (one whose `main`
    /// calls [`launch_if_requested`](crate::launch_if_requested) first), for callers whose own
    /// `main` is not theirs, such as test harnesses.
    pub fn command_with_launcher<I, S>(
        &self,
        launcher: impl AsRef<OsStr>,
        program: impl AsRef<OsStr>,
        args: I,
    ) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let envelope = Envelope {
            policy: self.clone(),
            parent_pid: std::process::id(),
        };
        let mut command = Command::new(launcher);
        command
            .arg(LAUNCH_ARG)
            .arg(encode(&envelope))
            .arg("--")
            .arg(program)
            .args(args);
        command
    }

    /// The policy as one printable token (hex of JSON): what
    /// [`from_token`](Self::from_token) reads back.
    pub fn to_token(&self) -> String {
        hex_encode(&serde_json::to_vec(self).expect("a policy always serializes"))
    }

    /// Reads a policy written by [`to_token`](Self::to_token).
    pub fn from_token(token: &str) -> Result<Policy, String> {
        let bytes = hex_decode(token)?;
        serde_json::from_slice(&bytes).map_err(|e| format!("bad policy token: {e}"))
    }
}

fn current_exe() -> PathBuf {
    if cfg!(target_os = "linux") {
        PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe()
            .ok()
            .or_else(|| std::env::args_os().next().map(PathBuf::from))
            .unwrap_or_default()
    }
}

pub(crate) fn encode(envelope: &Envelope) -> String {
    hex_encode(&serde_json::to_vec(envelope).expect("a policy always serializes"))
}

pub(crate) fn decode(token: &str) -> Result<Envelope, String> {
    let bytes = hex_decode(token)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("bad policy token: {e}"))
}

fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn hex_decode(text: &str) -> Result<Vec<u8>, String> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        _ => Err(format!(
            "bad policy token: {:?} is not a hex digit",
            c as char
        )),
    };
    let text = text.as_bytes();
    if !text.len().is_multiple_of(2) {
        return Err("bad policy token: odd length".to_string());
    }
    text.chunks(2)
        .map(|pair| Ok(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_round_trips() {
        let policy = Policy::new()
            .system_paths()
            .read("relative/dir")
            .write("/tmp/x")
            .env("A", "1")
            .env("A", "2")
            .no_fork()
            .no_network()
            .cpu_seconds(3)
            .user(65534, 65534)
            .inherit_fd(7)
            .require(false)
            .pretend_missing(Feature::Landlock);
        assert_eq!(Policy::from_token(&policy.to_token()).unwrap(), policy);
        assert_eq!(policy.env, vec![(b"A".to_vec(), b"2".to_vec())]);
        let relative =
            &policy.rules[SYSTEM_READ_EXEC.len() + SYSTEM_READ.len() + SYSTEM_WRITE.len()];
        assert!(Path::new(&to_os(&relative.path)).is_absolute());
        let envelope = decode(&encode(&Envelope {
            policy: policy.clone(),
            parent_pid: 42,
        }))
        .unwrap();
        assert_eq!((envelope.policy, envelope.parent_pid), (policy, 42));
    }

    #[test]
    fn bad_tokens_are_errors() {
        assert!(Policy::from_token("abc").is_err());
        assert!(Policy::from_token("zz").is_err());
        assert!(Policy::from_token("7b7d").is_err()); // "{}": fields missing
    }

    #[test]
    fn the_command_is_launcher_token_separator_program_args() {
        let command = Policy::new().command_with_launcher("/bin/launcher", "prog", ["a", "b"]);
        assert_eq!(command.get_program(), "/bin/launcher");
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(args[0], LAUNCH_ARG);
        assert_eq!(
            decode(args[1].to_str().unwrap()).unwrap().parent_pid,
            std::process::id()
        );
        assert_eq!(&args[2..], ["--", "prog", "a", "b"]);
    }
}
