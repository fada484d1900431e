//! The hostile program (`src/bin/sandbox-hostile.rs`) attacks from inside the sandbox; each
//! test asserts the attack is denied and that the world outside is unchanged, and, where the
//! defence has layers, runs each layer alone (the others pretended missing) and a control run
//! without the defence, which shows that the attack is real and that the test can fail.
//!
//! When the tests run as root, the key ones run again as user 65534 (`nobody`), launcher
//! included, as learners and CI users are not root.
#![cfg(target_os = "linux")]

use mathlings_sandbox::{Feature, Policy, probe};
use std::io::{BufRead, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const HOSTILE: &str = env!("CARGO_BIN_EXE_sandbox-hostile");
const NOBODY: u32 = 65534;

/// Skips the test (with a note) where the sandbox cannot confine: no Landlock or no seccomp.
macro_rules! require_sandbox {
    () => {
        let support = probe();
        if !support.confines() {
            eprintln!("skipped: {support}");
            return;
        }
    };
}

fn is_root() -> bool {
    // SAFETY: no arguments.
    unsafe { libc::geteuid() == 0 }
}

/// Who runs the launcher (and so the program): the test's own user, or `nobody` (only when
/// the tests run as root).
#[derive(Clone, Copy, Debug, PartialEq)]
enum As {
    Me,
    Nobody,
}

/// Where the test folders go: `/tmp` when `nobody` must reach them (`TMPDIR` may be private).
fn temp_root() -> PathBuf {
    if is_root() {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    }
}

/// The hostile program as `who` can run it: for `nobody`, a copy in a world-readable folder
/// (the checkout may be under a private home directory).
fn hostile(who: As) -> &'static str {
    static COPY: OnceLock<String> = OnceLock::new();
    if who == As::Me {
        return HOSTILE;
    }
    COPY.get_or_init(|| {
        // One copy per test process; copies left by test processes that have ended are
        // removed.
        let dir = temp_root().join("mathlings-sandbox-bin");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().into_string().unwrap_or_default();
            let pid = name.strip_prefix("sandbox-hostile-").unwrap_or_default();
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let copy = dir.join(format!("sandbox-hostile-{}", std::process::id()));
        std::fs::copy(HOSTILE, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        copy.into_os_string().into_string().unwrap()
    })
}

/// A scratch folder, removed on drop; world-writable so that only the sandbox, never Unix
/// permissions, decides what `nobody` may do in it.
struct Dir(PathBuf);

impl Dir {
    fn new(label: &str) -> Dir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = temp_root().join(format!(
            "mathlings-sandbox-{}-{}-{label}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
        Dir(path)
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    /// The line the attack `name` printed (`name: ok …` or `name: denied: …`).
    fn line(&self, name: &str) -> &str {
        let prefix = format!("{name}: ");
        self.stdout
            .lines()
            .find(|line| line.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {name:?} line in {self:#?}"))
    }

    fn denied(&self, name: &str) -> bool {
        self.line(name).starts_with(&format!("{name}: denied"))
    }

    fn ok(&self, name: &str) -> bool {
        self.line(name).starts_with(&format!("{name}: ok"))
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "status: {:?}\n--- stdout\n{}--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// Runs `command` with a deadline, collecting its output; afterwards kills its process
/// group (the launcher's session) so that nothing it started survives the test.
fn run_command(mut command: Command, who: As, deadline: Duration) -> Run {
    if who == As::Nobody {
        command.uid(NOBODY).gid(NOBODY);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            // SAFETY: plain integers.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            let status = child.wait().unwrap();
            // SAFETY: plain integers.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            panic!(
                "timed out after {deadline:?} ({status:?}):\n{}{}",
                out.join().unwrap(),
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    // SAFETY: plain integers; the group may be gone already.
    unsafe { libc::kill(-pid, libc::SIGKILL) };
    Run {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed,
    }
}

/// Runs the hostile program with `args` under `policy`.
fn sandboxed(policy: &Policy, who: As, args: &[&str]) -> Run {
    run_command(
        policy.command_with_launcher(hostile(who), hostile(who), args),
        who,
        Duration::from_secs(30),
    )
}

/// Runs the hostile program under `policy` as the child of a throwaway parent (another
/// hostile process, run by `who`), for attacks on the parent: the test process survives
/// even if the defence fails.
fn run_under_parent(policy: &Policy, who: As, args: &[&str]) -> Run {
    let mut command = Command::new(hostile(who));
    command.arg("parent").arg(policy.to_token()).args(args);
    run_command(command, who, Duration::from_secs(20))
}

/// The usual policy: system paths, a scratch folder, no processes, no network.
fn base(scratch: &Dir) -> Policy {
    Policy::new()
        .system_paths()
        .write(&scratch.0)
        .no_fork()
        .no_network()
}

/// `policy` with only the layer `keep` (the others pretended missing, not required).
fn only(policy: &Policy, missing: &[Feature]) -> Policy {
    missing
        .iter()
        .fold(policy.clone().require(false), |p, &f| p.pretend_missing(f))
}

fn landlock_abi() -> u32 {
    probe().landlock_abi.unwrap_or(0)
}

fn whos() -> Vec<As> {
    if is_root() {
        vec![As::Me, As::Nobody]
    } else {
        vec![As::Me]
    }
}

#[test]
fn probe_describes_this_kernel() {
    let support = probe();
    eprintln!("{support}  ({support:?})");
    let line = support.to_string();
    assert!(line.starts_with("sandbox: "));
    if support.confines() {
        assert!(line.starts_with("sandbox: on (Landlock ABI "), "{line}");
        assert_eq!(support.signal_scoping, support.landlock_abi >= Some(6));
    }
}

#[test]
fn ordinary_work_succeeds() {
    require_sandbox!();
    for who in whos() {
        let scratch = Dir::new("scratch");
        let data = Dir::new("data");
        data.file("input.txt", "1 2 3");
        let policy = base(&scratch).read(&data.0).address_space(2 << 30);
        let out = scratch.path("out.txt");
        for (args, name) in [
            (vec!["hello"], "hello"),
            (vec!["threads", "16"], "threads"),
            (
                vec!["read", data.path("input.txt").to_str().unwrap()],
                "read",
            ),
            (vec!["list", data.0.to_str().unwrap()], "list"),
            (vec!["write", out.to_str().unwrap()], "write"),
            (vec!["signal-self"], "signal-self"),
        ] {
            let run = sandboxed(&policy, who, &args);
            assert!(run.ok(name), "{who:?} {args:?}: {run:#?}");
            assert!(run.status.success(), "{run:#?}");
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "pwned");
        let threads = sandboxed(&policy, who, &["threads", "16"]);
        assert!(
            threads.line("threads").contains("total 166666500"),
            "{threads:#?}"
        );
    }
}

#[test]
fn the_program_runs_in_its_own_session_and_process_group() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let run = sandboxed(&base(&scratch), As::Me, &["session"]);
    let line = run.line("session");
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(&format!("{k}=")))
            .unwrap()
            .to_string()
    };
    assert_eq!(field("pid"), field("sid"), "{line}");
    assert_eq!(field("pid"), field("pgid"), "{line}");
}

#[test]
fn a_rust_stack_overflow_is_still_reported_as_one() {
    // std finds the main thread's guard page through /proc/self/maps (system_paths grants
    // the program's own maps file): without it an overflow is a bare SIGSEGV.
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let run = sandboxed(&base(&scratch), As::Me, &["overflow"]);
    assert!(run.stderr.contains("has overflowed its stack"), "{run:#?}");
    assert_eq!(run.status.signal(), Some(libc::SIGABRT), "{run:#?}");
}

fn check_writes_outside_scratch_are_denied(who: As) {
    let scratch = Dir::new("scratch");
    let outside = Dir::new("outside");
    let readonly = Dir::new("readonly");
    let sentinel = outside.file("sentinel.txt", "original");
    let granted = readonly.file("granted.txt", "original");
    let policy = base(&scratch).read(&readonly.0);
    for target in [
        sentinel.clone(),
        outside.path("new.txt"),
        granted.clone(),
        readonly.path("new.txt"),
    ] {
        let run = sandboxed(&policy, who, &["write", target.to_str().unwrap()]);
        assert!(run.denied("write"), "{who:?} {target:?}: {run:#?}");
    }
    assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "original");
    assert_eq!(std::fs::read_to_string(&granted).unwrap(), "original");
    assert!(!outside.path("new.txt").exists());
    assert!(!readonly.path("new.txt").exists());
    // Control: without Landlock the same write goes through (the test can fail).
    let run = sandboxed(
        &only(&policy, &[Feature::Landlock]),
        who,
        &["write", sentinel.to_str().unwrap()],
    );
    assert!(run.ok("write"), "{run:#?}");
    assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "pwned");
}

#[test]
fn writes_outside_the_scratch_folder_are_denied() {
    require_sandbox!();
    check_writes_outside_scratch_are_denied(As::Me);
}

fn check_reads_outside_the_granted_paths_are_denied(who: As) {
    let scratch = Dir::new("scratch");
    let secret_dir = Dir::new("secret");
    let secret = secret_dir.file("answer-key.txt", "42");
    let policy = base(&scratch);
    let parent_cmdline = format!("/proc/{}/cmdline", std::process::id());
    for (attack, target) in [
        ("read", secret.to_str().unwrap()),
        ("list", secret_dir.0.to_str().unwrap()),
        ("read", "/etc/passwd"),
        ("read", "/proc/self/environ"),
        ("read", &parent_cmdline),
        ("list", "/"),
        ("list", "/usr/bin"),
    ] {
        let run = sandboxed(&policy, who, &[attack, target]);
        assert!(run.denied(attack), "{who:?} {attack} {target}: {run:#?}");
    }
    // Control: the same reads without Landlock.
    let run = sandboxed(
        &only(&policy, &[Feature::Landlock]),
        who,
        &["read", secret.to_str().unwrap()],
    );
    assert!(run.ok("read"), "{run:#?}");
}

#[test]
fn reads_outside_the_granted_paths_are_denied() {
    require_sandbox!();
    check_reads_outside_the_granted_paths_are_denied(As::Me);
}

#[test]
fn the_environment_holds_only_the_policys_variables() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch)
        .env("LANG", "C.UTF-8")
        .env("MATHLINGS_CASES", "8");
    let mut command = policy.command_with_launcher(HOSTILE, HOSTILE, ["env"]);
    command.env("MATHLINGS_SECRET_SEED", "1234");
    let run = run_command(command, As::Me, Duration::from_secs(30));
    let vars: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("env: "))
        .collect();
    assert_eq!(
        vars,
        ["LANG=C.UTF-8", "MATHLINGS_CASES=8", "end"],
        "{run:#?}"
    );
}

fn check_processes_cannot_be_created(who: As) {
    let scratch = Dir::new("scratch");
    // Landlock would let /bin/true run: only seccomp stands in the way.
    let policy = base(&scratch).read_exec("/usr/bin").read_exec("/bin");
    let run = sandboxed(&policy, who, &["spawn", "/bin/true"]);
    assert!(run.denied("spawn"), "{who:?}: {run:#?}");
    assert!(run.line("spawn").contains("os error 1"), "EPERM: {run:#?}");
    let run = sandboxed(&policy, who, &["forkbomb", "50"]);
    assert_eq!(
        run.line("forkbomb").split(' ').nth(1),
        Some("0"),
        "{who:?}: {run:#?}"
    );
    // Control: the same policy without seccomp.
    let run = sandboxed(
        &only(&policy, &[Feature::Seccomp]),
        who,
        &["spawn", "/bin/true"],
    );
    assert!(run.ok("spawn"), "{run:#?}");
}

#[test]
fn processes_cannot_be_created_with_no_fork() {
    require_sandbox!();
    check_processes_cannot_be_created(As::Me);
}

#[test]
fn threads_still_work_with_no_fork() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    // glibc reserves 64 MiB of address space per malloc arena, up to 8 arenas per core:
    // with an address-space limit and many threads, cap the arenas (see `address_space`).
    let policy = base(&scratch)
        .address_space(1 << 30)
        .env("MALLOC_ARENA_MAX", "2");
    let run = sandboxed(&policy, As::Me, &["threads", "32"]);
    assert!(run.ok("threads"), "{run:#?}");
    assert!(
        run.line("threads").contains("32 threads, total 166666500"),
        "{run:#?}"
    );
}

#[test]
fn exec_is_denied_after_the_launch() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let with_bin = base(&scratch).read_exec("/usr/bin").read_exec("/bin");
    // seccomp alone (Landlock grants /bin/true): EPERM.
    let run = sandboxed(&with_bin, As::Me, &["exec", "/bin/true"]);
    assert!(run.line("exec").contains("os error 1"), "{run:#?}");
    // Landlock alone (no execute right on /usr/bin): EACCES.
    let no_bin = only(&base(&scratch), &[Feature::Seccomp]);
    let run = sandboxed(&no_bin, As::Me, &["exec", "/bin/true"]);
    assert!(run.line("exec").contains("os error 13"), "{run:#?}");
    // Control: without no_fork, exec of a granted program works (the process becomes
    // /bin/true, which prints nothing).
    let allowed = Policy::new()
        .system_paths()
        .read_exec("/usr/bin")
        .read_exec("/bin");
    let run = sandboxed(&allowed, As::Me, &["exec", "/bin/true"]);
    assert!(run.status.success() && run.stdout.is_empty(), "{run:#?}");
}

#[test]
fn a_child_cannot_escape_into_its_own_session() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let marker = scratch.path("escaped");
    let marker_arg = marker.to_str().unwrap();
    let run = sandboxed(&base(&scratch), As::Me, &["escape", marker_arg]);
    assert!(run.denied("escape"), "{run:#?}");
    // Without no_fork, setsid is still denied.
    let forking = Policy::new().system_paths().write(&scratch.0);
    let run = sandboxed(&forking, As::Me, &["escape", marker_arg]);
    assert!(run.denied("escape"), "{run:#?}");
    std::thread::sleep(Duration::from_millis(2500));
    assert!(!marker.exists());
    // Control: without seccomp the child escapes the process group kill and writes later.
    let run = sandboxed(
        &only(&forking, &[Feature::Seccomp]),
        As::Me,
        &["escape", marker_arg],
    );
    assert!(run.ok("escape"), "{run:#?}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !marker.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(marker.exists(), "the control child did not escape");
}

fn check_fork_bomb_is_bounded_by_nproc(who: As) {
    // Without no_fork, RLIMIT_NPROC bounds an unprivileged user (never root).
    let scratch = Dir::new("scratch");
    let policy = Policy::new().system_paths().write(&scratch.0).nproc(8);
    let run = sandboxed(&policy, who, &["forkbomb", "40"]);
    let forked: usize = run
        .line("forkbomb")
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(forked < 8, "{who:?}: {run:#?}");
}

#[test]
fn a_fork_bomb_is_stopped() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let run = sandboxed(&base(&scratch), As::Me, &["forkbomb", "40"]);
    assert_eq!(
        run.line("forkbomb"),
        "forkbomb: 0 forked (first error: Operation not permitted (os error 1))"
    );
    // Control: without no_fork (bounded: 10 children that exit after 3 s, killed with the
    // group).
    let forking = Policy::new().system_paths().write(&scratch.0);
    let run = sandboxed(&forking, As::Me, &["forkbomb", "10"]);
    assert_eq!(run.line("forkbomb"), "forkbomb: 10 forked", "{run:#?}");
    if is_root() {
        check_fork_bomb_is_bounded_by_nproc(As::Nobody);
    } else {
        check_fork_bomb_is_bounded_by_nproc(As::Me);
    }
}

fn check_tcp_is_denied(who: As) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch);
    let mut layers = vec![
        ("both", policy.clone()),
        ("seccomp alone", only(&policy, &[Feature::Landlock])),
    ];
    if landlock_abi() >= 4 {
        layers.push(("Landlock alone", only(&policy, &[Feature::Seccomp])));
    }
    for (layer, policy) in layers {
        let run = sandboxed(&policy, who, &["connect", &address]);
        assert!(run.denied("connect"), "{who:?} {layer}: {run:#?}");
        assert!(listener.accept().is_err(), "{layer}: a connection arrived");
    }
    // Control: without no_network.
    let open = Policy::new().system_paths();
    let run = sandboxed(&open, who, &["connect", &address]);
    assert!(run.ok("connect"), "{run:#?}");
}

#[test]
fn tcp_to_localhost_is_denied() {
    require_sandbox!();
    check_tcp_is_denied(As::Me);
}

#[test]
fn abstract_unix_sockets_outside_are_unreachable() {
    require_sandbox!();
    use std::os::linux::net::SocketAddrExt;
    let name = format!("mathlings-sandbox-test-{}", std::process::id());
    let addr = std::os::unix::net::SocketAddr::from_abstract_name(&name).unwrap();
    let listener = std::os::unix::net::UnixListener::bind_addr(&addr).unwrap();
    listener.set_nonblocking(true).unwrap();
    let scratch = Dir::new("scratch");
    // no_network: socket() itself is denied.
    let run = sandboxed(&base(&scratch), As::Me, &["abstract", &name]);
    assert!(run.denied("abstract"), "{run:#?}");
    if landlock_abi() >= 6 {
        // Sockets allowed, but Landlock's scoping keeps abstract sockets made outside away.
        let sockets = Policy::new().system_paths().no_fork();
        let run = sandboxed(&sockets, As::Me, &["abstract", &name]);
        assert!(run.denied("abstract"), "{run:#?}");
        // Control: without scoping (as on ABI < 6, a known gap without no_network).
        let run = sandboxed(
            &only(&sockets, &[Feature::LandlockScoping]),
            As::Me,
            &["abstract", &name],
        );
        assert!(run.ok("abstract"), "{run:#?}");
    }
}

fn parent_alive(run: &Run) -> bool {
    run.status.success() && run.stdout.contains("parent: alive")
}

fn check_signals_to_the_parent_are_denied(who: As) {
    let scratch = Dir::new("scratch");
    let policy = base(&scratch);
    let mut layers = vec![
        ("both", policy.clone()),
        (
            "seccomp fallback alone",
            only(&policy, &[Feature::LandlockScoping]),
        ),
    ];
    if landlock_abi() >= 6 {
        layers.push(("Landlock scoping alone", only(&policy, &[Feature::Seccomp])));
    }
    for (layer, policy) in &layers {
        for signal in [libc::SIGKILL, libc::SIGSTOP, libc::SIGTERM] {
            let run = run_under_parent(policy, who, &["kill-parent", &signal.to_string()]);
            assert!(
                run.denied("kill-parent"),
                "{who:?} {layer} {signal}: {run:#?}"
            );
            assert!(parent_alive(&run), "{who:?} {layer} {signal}: {run:#?}");
        }
        let run = run_under_parent(policy, who, &["sigio-parent"]);
        assert!(parent_alive(&run), "{who:?} {layer} SIGIO: {run:#?}");
    }
    // Control: with neither layer the throwaway parent is killed.
    let open = only(&policy, &[Feature::LandlockScoping, Feature::Seccomp]);
    let run = run_under_parent(&open, who, &["kill-parent", &libc::SIGKILL.to_string()]);
    assert_eq!(run.status.signal(), Some(libc::SIGKILL), "{run:#?}");
}

#[test]
fn signals_to_the_parent_are_denied() {
    require_sandbox!();
    check_signals_to_the_parent_are_denied(As::Me);
}

fn yama_restricts_ptrace() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope").is_ok_and(|s| s.trim() != "0")
}

fn check_the_parent_cannot_be_traced(who: As) {
    let scratch = Dir::new("scratch");
    let policy = base(&scratch);
    for (layer, policy) in [
        ("both", policy.clone()),
        ("seccomp alone", only(&policy, &[Feature::Landlock])),
        ("Landlock alone", only(&policy, &[Feature::Seccomp])),
    ] {
        let run = run_under_parent(&policy, who, &["ptrace-parent"]);
        assert!(run.denied("ptrace-parent"), "{who:?} {layer}: {run:#?}");
        assert!(parent_alive(&run), "{run:#?}");
        // /proc/<pid>/mem is a file: only Landlock keeps it closed.
        if layer != "seccomp alone" {
            let run = run_under_parent(&policy, who, &["read-parent-memory"]);
            assert!(
                run.denied("read-parent-memory"),
                "{who:?} {layer}: {run:#?}"
            );
        }
    }
    // Control, for a user whose parent runs as the same user with the same (no)
    // capabilities: without both layers the attach succeeds. (A root parent is also out of
    // reach of a child without capabilities.)
    if who == As::Nobody || (!is_root() && !yama_restricts_ptrace()) {
        let open = only(&policy, &[Feature::Landlock, Feature::Seccomp]);
        if !yama_restricts_ptrace() {
            let run = run_under_parent(&open, who, &["ptrace-parent"]);
            assert!(run.ok("ptrace-parent"), "{run:#?}");
        }
    }
}

#[test]
fn the_parent_cannot_be_traced() {
    require_sandbox!();
    check_the_parent_cannot_be_traced(As::Me);
}

#[test]
fn kernel_interfaces_and_other_processes_are_out_of_reach() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    // Without no_fork, so that it is not what denies clone(CLONE_NEWUSER).
    let policy = Policy::new().system_paths().write(&scratch.0);
    for attack in [
        "unshare",
        "clone-newuser",
        "io-uring",
        "renice-parent",
        "prlimit-parent",
        "pdeathsig-reset",
    ] {
        let run = run_under_parent(&policy, As::Me, &[attack]);
        assert!(run.denied(attack), "{attack}: {run:#?}");
    }
    let run = sandboxed(&policy, As::Me, &["io-uring"]);
    assert!(
        run.line("io-uring").contains("os error 38"),
        "ENOSYS: {run:#?}"
    );
    // Control: prlimit on the parent without seccomp.
    let run = run_under_parent(
        &only(&policy, &[Feature::Seccomp]),
        As::Me,
        &["prlimit-parent"],
    );
    assert!(run.ok("prlimit-parent"), "{run:#?}");
}

#[test]
fn memory_beyond_the_address_space_limit_fails() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch).address_space(512 << 20);
    let run = sandboxed(&policy, As::Me, &["alloc", &(1u64 << 30).to_string()]);
    assert!(run.denied("alloc"), "{run:#?}");
    let run = sandboxed(&policy, As::Me, &["alloc", &(64u64 << 20).to_string()]);
    assert!(run.ok("alloc"), "{run:#?}");
}

#[test]
fn cpu_time_is_limited() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let run = sandboxed(&base(&scratch).cpu_seconds(1), As::Me, &["spin"]);
    assert_eq!(run.status.signal(), Some(libc::SIGXCPU), "{run:#?}");
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

#[test]
fn limits_and_privileges_cannot_be_raised_again() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch).cpu_seconds(5).address_space(1 << 30);
    let run = sandboxed(&policy, As::Me, &["raise-limit"]);
    assert!(run.denied("raise-limit"), "{run:#?}");
    let run = sandboxed(&policy, As::Me, &["ids"]);
    assert!(
        run.line("ids").ends_with("cap_effective=000000000"),
        "{run:#?}"
    );
}

#[test]
fn file_size_and_open_files_are_limited() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch).file_size(1 << 20).open_files(32);
    let big = scratch.path("big");
    let run = sandboxed(
        &policy,
        As::Me,
        &["fsize", big.to_str().unwrap(), &(2 << 20).to_string()],
    );
    assert!(run.line("fsize").contains("os error 27"), "EFBIG: {run:#?}");
    let run = sandboxed(
        &policy,
        As::Me,
        &["fsize", big.to_str().unwrap(), &(1 << 19).to_string()],
    );
    assert!(run.ok("fsize"), "{run:#?}");
    let run = sandboxed(&policy, As::Me, &["open-files", "100"]);
    assert!(
        run.line("open-files").contains("os error 24"),
        "EMFILE: {run:#?}"
    );
}

#[test]
fn the_sandbox_dies_with_its_parent() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let mut parent = Command::new(HOSTILE)
        .arg("parent-linger")
        .arg(base(&scratch).to_token())
        .args(["sleep", "60"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // The child writes to the same pipe: skip its line if it comes first.
    let mut stdout = std::io::BufReader::new(parent.stdout.take().unwrap());
    let child: libc::pid_t = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the parent said nothing"
        );
        if let Some(pid) = line.trim_end().strip_prefix("parent: child ") {
            break pid.parse().unwrap();
        }
    };
    std::thread::sleep(Duration::from_millis(300));
    let alive = |pid: libc::pid_t| {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap()
                .trim_start()
                .starts_with('Z')
        })
    };
    assert!(alive(child), "the sandboxed child did not start");
    parent.kill().unwrap();
    parent.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(child) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let survived = alive(child);
    // SAFETY: plain integers (cleanup if the test failed).
    unsafe { libc::kill(-child, libc::SIGKILL) };
    assert!(!survived, "the sandboxed child outlived its parent");
}

#[test]
fn require_refuses_a_missing_feature_and_otherwise_runs() {
    let scratch = Dir::new("scratch");
    if !probe().confines() {
        // A kernel that really lacks a feature.
        let run = sandboxed(&base(&scratch), As::Me, &["hello"]);
        assert_eq!(run.status.code(), Some(125), "{run:#?}");
        assert!(
            run.stderr.starts_with("mathlings-sandbox: this "),
            "{run:#?}"
        );
        let run = sandboxed(&base(&scratch).require(false), As::Me, &["hello"]);
        assert!(run.ok("hello"), "{run:#?}");
        return;
    }
    let outside = Dir::new("outside");
    let sentinel = outside.file("sentinel.txt", "original");
    for (feature, message) in [
        (
            Feature::Landlock,
            "mathlings-sandbox: this kernel has no Landlock, which the policy requires\n",
        ),
        (
            Feature::Seccomp,
            "mathlings-sandbox: this kernel has no seccomp filters, which the policy requires\n",
        ),
    ] {
        let policy = base(&scratch).pretend_missing(feature);
        let run = sandboxed(&policy, As::Me, &["write", sentinel.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(125), "{run:#?}");
        assert_eq!(run.stderr, message);
        assert_eq!(run.stdout, "", "the program must not run");
        let run = sandboxed(&policy.require(false), As::Me, &["hello"]);
        assert!(run.ok("hello"), "{run:#?}");
    }
    assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "original");
}

#[test]
fn launcher_errors_exit_with_their_own_statuses() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch);
    // Not found: 127; found but not executable under Landlock: 126.
    let run = run_command(
        policy.command_with_launcher(HOSTILE, "/nonexistent/program", ["x"]),
        As::Me,
        Duration::from_secs(10),
    );
    assert_eq!(run.status.code(), Some(127), "{run:#?}");
    assert!(
        run.stderr
            .starts_with("mathlings-sandbox: cannot execute /nonexistent/program")
    );
    let run = run_command(
        policy.command_with_launcher(HOSTILE, "true", Vec::<&str>::new()),
        As::Me,
        Duration::from_secs(10),
    );
    assert_eq!(
        run.status.code(),
        Some(127),
        "no PATH in the policy: {run:#?}"
    );
    let run = run_command(
        policy
            .clone()
            .env("PATH", "/usr/bin:/bin")
            .command_with_launcher(HOSTILE, "true", Vec::<&str>::new()),
        As::Me,
        Duration::from_secs(10),
    );
    assert!(
        run.status.success(),
        "found in PATH and granted automatically: {run:#?}"
    );
    // A bad token: 125.
    let run = run_command(
        {
            let mut c = Command::new(HOSTILE);
            c.args(["__mathlings_sandbox", "zz", "--", "x"]);
            c
        },
        As::Me,
        Duration::from_secs(10),
    );
    assert_eq!(run.status.code(), Some(125), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
}

#[test]
fn user_drops_root_or_is_refused() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = base(&scratch).user(NOBODY, NOBODY);
    let run = sandboxed(&policy, As::Me, &["ids"]);
    if is_root() {
        assert_eq!(
            run.line("ids"),
            format!("ids: uid={NOBODY} gid={NOBODY} cap_effective=000000000")
        );
        let outside = Dir::new("outside");
        let sentinel = outside.file("sentinel.txt", "original");
        let run = run_under_parent(&policy, As::Me, &["write", sentinel.to_str().unwrap()]);
        assert!(run.denied("write"), "{run:#?}");
        let run = sandboxed(&policy, As::Me, &["setuid-root"]);
        assert!(run.denied("setuid-root"), "{run:#?}");
        let run = sandboxed(&policy, As::Me, &["overflow"]);
        assert!(run.stderr.contains("has overflowed its stack"), "{run:#?}");
    } else {
        assert_eq!(run.status.code(), Some(125), "{run:#?}");
        assert!(
            run.stderr.contains("needs a launcher running as root"),
            "{run:#?}"
        );
    }
}

#[test]
fn key_attacks_are_denied_to_an_unprivileged_user() {
    require_sandbox!();
    if !is_root() {
        eprintln!("skipped: the other tests already run unprivileged");
        return;
    }
    check_writes_outside_scratch_are_denied(As::Nobody);
    check_reads_outside_the_granted_paths_are_denied(As::Nobody);
    check_processes_cannot_be_created(As::Nobody);
    check_tcp_is_denied(As::Nobody);
    check_signals_to_the_parent_are_denied(As::Nobody);
    check_the_parent_cannot_be_traced(As::Nobody);
}

#[test]
fn granted_paths_may_be_files_or_missing() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let data = Dir::new("data");
    let one = data.file("one.txt", "1");
    let other = data.file("other.txt", "2");
    let policy = base(&scratch).read(&one).read(data.path("missing"));
    let run = sandboxed(&policy, As::Me, &["read", one.to_str().unwrap()]);
    assert!(run.ok("read"), "{run:#?}");
    let run = sandboxed(&policy, As::Me, &["read", other.to_str().unwrap()]);
    assert!(run.denied("read"), "{run:#?}");
}

#[test]
fn descriptors_leaked_by_the_parent_are_closed() {
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let outside = Dir::new("outside");
    let grades = outside.file("grades.txt", "original");
    // Opened without O_CLOEXEC, as a careless library in the grader might.
    let path = std::ffi::CString::new(grades.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    let fd = unsafe { libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_APPEND) };
    assert!(fd > 2);
    let fd_arg = fd.to_string();
    let closed = sandboxed(&base(&scratch), As::Me, &["write-fd", &fd_arg]);
    // Control: the same descriptor, kept on purpose.
    let kept = sandboxed(
        &base(&scratch).inherit_fd(fd),
        As::Me,
        &["write-fd", &fd_arg],
    );
    // SAFETY: the descriptor opened above.
    unsafe { libc::close(fd) };
    assert!(
        closed.line("write-fd").contains("os error 9"),
        "EBADF: {closed:#?}"
    );
    assert!(kept.ok("write-fd"), "{kept:#?}");
    assert_eq!(std::fs::read_to_string(&grades).unwrap(), "originalpwned");
}

#[test]
fn a_shell_pipeline_runs_when_forking_is_allowed() {
    // What a build does (xtask runs cargo this way): fork, exec, pipes, wait, signals to
    // its own children — with the always-on filters, and with either kind of signal
    // confinement.
    require_sandbox!();
    let scratch = Dir::new("scratch");
    let policy = Policy::new()
        .system_paths()
        .read_exec("/usr/bin")
        .read_exec("/bin")
        .write(&scratch.0)
        .no_network();
    let out = scratch.path("out.txt");
    let script = format!(
        "echo hello | tr a-z A-Z > {out}; ls /usr/bin | wc -l >> {out}; \
         trap 'echo trapped' TERM; sleep 5 & sleep 1; kill -TERM 0; wait; echo done",
        out = out.display()
    );
    let mut modes = vec![(
        "seccomp fallback",
        only(&policy, &[Feature::LandlockScoping]),
    )];
    if landlock_abi() >= 6 {
        modes.push(("Landlock scoping", policy.clone()));
    }
    for (mode, policy) in modes {
        let _ = std::fs::remove_file(&out);
        let run = run_command(
            policy.command_with_launcher(HOSTILE, "/bin/sh", ["-c", &script]),
            As::Me,
            Duration::from_secs(30),
        );
        assert!(
            run.status.success() || run.stdout.contains("done"),
            "{mode}: {run:#?}"
        );
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.starts_with("HELLO\n"), "{mode}: {written:?}");
        assert!(
            run.elapsed < Duration::from_secs(4),
            "{mode}: the background sleep was not killed"
        );
    }
    if landlock_abi() >= 6 {
        // Landlock scoping lets a program signal its own children by pid.
        let run = run_command(
            policy.command_with_launcher(
                HOSTILE,
                "/bin/sh",
                ["-c", "sleep 5 & sleep 1; kill $!; wait; echo killed"],
            ),
            As::Me,
            Duration::from_secs(30),
        );
        assert!(
            run.stdout.contains("killed") && run.elapsed < Duration::from_secs(4),
            "{run:#?}"
        );
    }
}
