//! A hostile program for the sandbox's tests: each subcommand attempts one attack (or one
//! piece of ordinary work) and prints one line, `<name>: ok <detail>` or
//! `<name>: denied: <error>`. It is also a launcher (it calls `launch_if_requested` first),
//! and, with `parent`, a throwaway parent for the sandboxed attacks on a parent process.

use mathlings_sandbox::{Policy, launch_if_requested};
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    launch_if_requested();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: sandbox-hostile <attack> [args…]");
        return ExitCode::from(2);
    };
    #[cfg(target_os = "linux")]
    {
        linux::run(command, rest)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (
            command,
            rest,
            Policy::new(),
            Duration::ZERO,
            io::stdout().flush(),
        );
        ExitCode::from(2)
    }
}

#[cfg(target_os = "linux")]
fn report(name: &str, result: io::Result<String>) {
    match result {
        Ok(detail) => println!("{name}: ok {detail}"),
        Err(error) => println!("{name}: denied: {error}"),
    }
    let _ = io::stdout().flush();
}

#[cfg(target_os = "linux")]
mod linux {
    use super::*;
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    /// `rc` of a libc call as an io::Result.
    fn os(rc: libc::c_long) -> io::Result<libc::c_long> {
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(rc)
        }
    }

    fn parent_pid() -> libc::pid_t {
        // SAFETY: no arguments.
        unsafe { libc::getppid() }
    }

    fn arg(rest: &[String], i: usize) -> &str {
        rest.get(i).map(String::as_str).unwrap_or_default()
    }

    pub(super) fn run(command: &str, rest: &[String]) -> ExitCode {
        match command {
            "write" => report(
                "write",
                std::fs::write(arg(rest, 0), "pwned").map(|()| String::new()),
            ),
            "read" => report(
                "read",
                std::fs::read(arg(rest, 0)).map(|bytes| format!("{} bytes", bytes.len())),
            ),
            "list" => report(
                "list",
                std::fs::read_dir(arg(rest, 0)).map(|dir| format!("{} entries", dir.count())),
            ),
            "spawn" => report(
                "spawn",
                Command::new(arg(rest, 0)).status().map(|s| s.to_string()),
            ),
            "exec" => report("exec", Err(Command::new(arg(rest, 0)).exec())),
            "escape" => {
                // A child in its own session that would outlive the sandbox and write later.
                let mut child = Command::new("/proc/self/exe");
                child.args(["late-write", arg(rest, 0)]);
                // SAFETY: setsid is async-signal-safe.
                unsafe {
                    child.pre_exec(|| os(libc::setsid() as libc::c_long).map(drop));
                }
                report("escape", child.spawn().map(|c| format!("pid {}", c.id())));
            }
            "late-write" => {
                std::thread::sleep(Duration::from_millis(1500));
                let _ = std::fs::write(arg(rest, 0), "outlived the sandbox");
            }
            "connect" => report(
                "connect",
                std::net::TcpStream::connect(arg(rest, 0)).map(|s| format!("{s:?}")),
            ),
            "abstract" => {
                use std::os::linux::net::SocketAddrExt;
                let result = std::os::unix::net::SocketAddr::from_abstract_name(arg(rest, 0))
                    .and_then(|addr| std::os::unix::net::UnixStream::connect_addr(&addr));
                report("abstract", result.map(|_| "connected".into()));
            }
            "kill-parent" => {
                let signal: libc::c_int = arg(rest, 0).parse().unwrap_or(libc::SIGKILL);
                // SAFETY: plain integers.
                let rc = unsafe { libc::kill(parent_pid(), signal) };
                report("kill-parent", os(rc.into()).map(|_| String::new()));
            }
            "signal-self" => {
                // SAFETY: signal 0 only checks permission; own pid, own group, own thread.
                let result = unsafe {
                    let pid = libc::getpid();
                    os(libc::kill(pid, 0).into())
                        .and_then(|_| os(libc::kill(0, 0).into()))
                        .and_then(|_| os(libc::kill(-pid, 0).into()))
                        .and_then(|_| os(libc::syscall(libc::SYS_tgkill, pid, libc::gettid(), 0)))
                        .and_then(|_| os(libc::raise(libc::SIGWINCH).into()))
                };
                report("signal-self", result.map(|_| String::new()));
            }
            "sigio-parent" => {
                // SIGIO (default action: terminate) to the parent through a pipe's owner.
                let mut fds = [0; 2];
                // SAFETY: a valid array of two ints, then plain integer arguments.
                let result = unsafe {
                    os(libc::pipe(fds.as_mut_ptr()).into())
                        .and_then(|_| os(libc::fcntl(fds[0], libc::F_SETOWN, parent_pid()).into()))
                        .and_then(|_| {
                            os(
                                libc::fcntl(
                                    fds[0],
                                    libc::F_SETFL,
                                    libc::O_ASYNC | libc::O_NONBLOCK,
                                )
                                .into(),
                            )
                        })
                        .and_then(|_| os(libc::write(fds[1], b"x".as_ptr().cast(), 1) as _))
                };
                std::thread::sleep(Duration::from_millis(100));
                report(
                    "sigio-parent",
                    result.map(|_| "owner set, data written".into()),
                );
            }
            "ptrace-parent" => {
                // SAFETY: attach, then detach at once if it worked.
                let result = unsafe {
                    let parent = parent_pid();
                    let rc = libc::ptrace(libc::PTRACE_ATTACH, parent, 0, 0);
                    if rc == 0 {
                        libc::waitpid(parent, std::ptr::null_mut(), libc::__WALL);
                        libc::ptrace(libc::PTRACE_DETACH, parent, 0, 0);
                    }
                    os(rc)
                };
                report("ptrace-parent", result.map(|_| "attached".into()));
            }
            "read-parent-memory" => {
                let path = format!("/proc/{}/mem", parent_pid());
                report(
                    "read-parent-memory",
                    std::fs::File::open(path).map(|_| "opened".into()),
                );
            }
            "forkbomb" => {
                // Bounded: at most N children, each sleeping 3 s then exiting.
                let n: usize = arg(rest, 0).parse().unwrap_or(100);
                let mut forked = 0;
                let mut first_error = None;
                for _ in 0..n {
                    // SAFETY: the child only sleeps and _exits.
                    match unsafe { libc::fork() } {
                        0 => unsafe {
                            libc::sleep(3);
                            libc::_exit(0)
                        },
                        pid if pid > 0 => forked += 1,
                        _ => {
                            first_error.get_or_insert_with(io::Error::last_os_error);
                        }
                    }
                }
                let detail = first_error
                    .map(|e| format!(" (first error: {e})"))
                    .unwrap_or_default();
                println!("forkbomb: {forked} forked{detail}");
            }
            "threads" => {
                // A pool of worker threads fed through a channel, as rayon's pool works
                // (pthread_create → clone3, ENOSYS, then clone with CLONE_THREAD; futexes).
                let n: usize = arg(rest, 0).parse().unwrap_or(8);
                let (jobs_tx, jobs_rx) = std::sync::mpsc::channel::<u64>();
                let jobs_rx = std::sync::Arc::new(std::sync::Mutex::new(jobs_rx));
                let (results_tx, results_rx) = std::sync::mpsc::channel::<u64>();
                let workers: io::Result<Vec<_>> = (0..n)
                    .map(|i| {
                        let jobs = jobs_rx.clone();
                        let results = results_tx.clone();
                        std::thread::Builder::new()
                            .name(format!("worker-{i}"))
                            .spawn(move || {
                                loop {
                                    let job = jobs.lock().unwrap().recv();
                                    match job {
                                        Ok(k) => results.send((0..=k).sum()).unwrap(),
                                        Err(_) => break,
                                    }
                                }
                            })
                    })
                    .collect();
                drop(results_tx);
                match workers {
                    Ok(workers) => {
                        for k in 0..1000u64 {
                            jobs_tx.send(k).unwrap();
                        }
                        drop(jobs_tx);
                        let total: u64 = results_rx.iter().sum();
                        for worker in workers {
                            worker.join().unwrap();
                        }
                        let parallelism =
                            std::thread::available_parallelism().map_or(0, |n| n.get());
                        report(
                            "threads",
                            Ok(format!(
                                "{n} threads, total {total}, parallelism {parallelism}"
                            )),
                        );
                    }
                    Err(error) => report("threads", Err(error)),
                }
            }
            "alloc" => {
                let bytes: usize = arg(rest, 0).parse().unwrap_or(1 << 31);
                let mut v: Vec<u8> = Vec::new();
                let result = v
                    .try_reserve_exact(bytes)
                    .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e.to_string()))
                    .map(|()| {
                        // Touch every page.
                        v.resize(bytes, 1);
                        format!("{} bytes", v.len())
                    });
                report("alloc", result);
            }
            "spin" => {
                let mut x = 0u64;
                loop {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            }
            "raise-limit" => {
                let unlimited = libc::rlimit {
                    rlim_cur: libc::RLIM_INFINITY,
                    rlim_max: libc::RLIM_INFINITY,
                };
                // SAFETY: a valid rlimit.
                let result = unsafe {
                    os(libc::setrlimit(libc::RLIMIT_CPU, &unlimited).into())
                        .and_then(|_| os(libc::setrlimit(libc::RLIMIT_AS, &unlimited).into()))
                };
                report("raise-limit", result.map(|_| String::new()));
            }
            "fsize" => {
                // SAFETY: ignoring SIGXFSZ turns the limit into EFBIG.
                unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
                let bytes: usize = arg(rest, 1).parse().unwrap_or(1 << 20);
                report(
                    "fsize",
                    std::fs::write(arg(rest, 0), vec![b'x'; bytes])
                        .map(|()| format!("{bytes} bytes")),
                );
            }
            "open-files" => {
                let n: usize = arg(rest, 0).parse().unwrap_or(100);
                let files: io::Result<Vec<_>> =
                    (0..n).map(|_| std::fs::File::open("/dev/null")).collect();
                report("open-files", files.map(|f| format!("{} open", f.len())));
            }
            "env" => {
                for (key, value) in std::env::vars_os() {
                    println!("env: {}={}", key.to_string_lossy(), value.to_string_lossy());
                }
                println!("env: end");
            }
            "session" => {
                // SAFETY: no pointers.
                let (pid, sid, pgid) =
                    unsafe { (libc::getpid(), libc::getsid(0), libc::getpgrp()) };
                println!("session: pid={pid} sid={sid} pgid={pgid}");
            }
            "ids" => {
                // SAFETY: no pointers.
                let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
                let mut header = [0x2008_0522u32, 0];
                let mut data = [0u32; 6];
                // SAFETY: a version-3 header and room for its two data structs.
                unsafe { libc::syscall(libc::SYS_capget, header.as_mut_ptr(), data.as_mut_ptr()) };
                println!(
                    "ids: uid={uid} gid={gid} cap_effective={:x}{:08x}",
                    data[3], data[0]
                );
            }
            "setuid-root" => {
                // SAFETY: plain integers.
                let rc = unsafe { libc::setuid(0) };
                report("setuid-root", os(rc.into()).map(|_| String::new()));
            }
            "unshare" => {
                // SAFETY: plain integers.
                let rc = unsafe { libc::unshare(libc::CLONE_NEWUSER) };
                report("unshare", os(rc.into()).map(|_| String::new()));
            }
            "clone-newuser" => {
                // SAFETY: the raw clone without a new stack behaves like fork: the child
                // only _exits.
                let result = unsafe {
                    let flags = (libc::CLONE_NEWUSER | libc::SIGCHLD) as libc::c_ulong;
                    let rc = libc::syscall(libc::SYS_clone, flags, 0, 0, 0, 0);
                    if rc == 0 {
                        libc::_exit(0);
                    }
                    if rc > 0 {
                        libc::waitpid(rc as libc::pid_t, std::ptr::null_mut(), 0);
                    }
                    os(rc)
                };
                report("clone-newuser", result.map(|pid| format!("child {pid}")));
            }
            "io-uring" => {
                let mut params = [0u8; 120];
                // SAFETY: a zeroed io_uring_params of the right size.
                let rc = unsafe { libc::syscall(libc::SYS_io_uring_setup, 1, params.as_mut_ptr()) };
                if rc >= 0 {
                    // SAFETY: closing the ring just made.
                    unsafe { libc::close(rc as libc::c_int) };
                }
                report("io-uring", os(rc).map(|_| "ring created".into()));
            }
            "renice-parent" => {
                // SAFETY: plain integers; sets the parent's current niceness again.
                let result = unsafe {
                    let parent = parent_pid() as libc::id_t;
                    let nice = libc::getpriority(libc::PRIO_PROCESS, parent);
                    os(libc::setpriority(libc::PRIO_PROCESS, parent, nice).into())
                };
                report("renice-parent", result.map(|_| String::new()));
            }
            "prlimit-parent" => {
                // SAFETY: reads the parent's core limit and sets the same value again.
                let result = unsafe {
                    let mut current = libc::rlimit {
                        rlim_cur: 0,
                        rlim_max: 0,
                    };
                    os(libc::prlimit(
                        parent_pid(),
                        libc::RLIMIT_CORE,
                        std::ptr::null(),
                        &mut current,
                    )
                    .into())
                    .and_then(|_| {
                        os(libc::prlimit(
                            parent_pid(),
                            libc::RLIMIT_CORE,
                            &current,
                            std::ptr::null_mut(),
                        )
                        .into())
                    })
                };
                report("prlimit-parent", result.map(|_| String::new()));
            }
            "pdeathsig-reset" => {
                // SAFETY: plain integers.
                let rc = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, 0, 0, 0, 0) };
                report("pdeathsig-reset", os(rc.into()).map(|_| String::new()));
            }
            "sleep" => {
                // SAFETY: no arguments.
                println!("sleep: pid {}", unsafe { libc::getpid() });
                let _ = io::stdout().flush();
                std::thread::sleep(Duration::from_secs(arg(rest, 0).parse().unwrap_or(30)));
            }
            "hello" => report("hello", Ok(String::new())),
            "write-fd" => {
                // A descriptor the parent leaked (opened without O_CLOEXEC).
                let fd: libc::c_int = arg(rest, 0).parse().unwrap_or(3);
                // SAFETY: writing from a valid buffer to a descriptor number.
                let rc = unsafe { libc::write(fd, b"pwned".as_ptr().cast(), 5) };
                report("write-fd", os(rc as _).map(|n| format!("{n} bytes")));
            }
            "overflow" => {
                fn recurse(n: u64) -> u64 {
                    if n == u64::MAX {
                        return 0;
                    }
                    let frame = std::hint::black_box([n; 64]);
                    recurse(n + 1).wrapping_add(frame[7])
                }
                println!("overflow: {}", recurse(0));
            }
            "parent" | "parent-linger" => {
                // A throwaway parent: runs the sandboxed attack as its own child, then says
                // whether it is still alive (or, lingering, waits to be killed).
                let policy = match Policy::from_token(arg(rest, 0)) {
                    Ok(policy) => policy,
                    Err(error) => {
                        eprintln!("{error}");
                        return ExitCode::from(2);
                    }
                };
                // Policy::command: this very binary (/proc/self/exe) is the launcher.
                let mut child = policy.command("/proc/self/exe", &rest[1..]);
                if command == "parent-linger" {
                    let mut child = child.spawn().expect("spawn the sandboxed child");
                    println!("parent: child {}", child.id());
                    let _ = io::stdout().flush();
                    std::thread::sleep(Duration::from_secs(60));
                    let _ = child.kill();
                    let _ = child.wait();
                    return ExitCode::SUCCESS;
                }
                let output = child.output().expect("run the sandboxed child");
                io::stdout().write_all(&output.stdout).unwrap();
                io::stderr().write_all(&output.stderr).unwrap();
                println!("parent: child exited: {}", output.status);
                std::thread::sleep(Duration::from_millis(300));
                println!("parent: alive");
            }
            other => {
                eprintln!("unknown attack {other:?}");
                return ExitCode::from(2);
            }
        }
        ExitCode::SUCCESS
    }
}
