//! `cargo xtask watch` without a terminal: it must not fail, but show the exercise before
//! its check ends, re-check on every save, and stop a running check at once on `q` or
//! Ctrl-C, leaving no process behind. Also the hint texts' follow-ups.

mod common;

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{exercises, root, scratch, submission};

#[test]
fn without_a_terminal_watch_rechecks_on_save() {
    let (id, file) = exercises()[0].clone();
    let dir = scratch("watch").join("src");
    submission(&dir, &[]);
    let mut child = watch(&id, &dir, Stdio::null(), true);
    let mut screen = Screen::of(&mut child);
    assert!(
        screen.wait_for("Watching exercises/src for changes"),
        "first verdict: {}",
        screen.seen
    );
    let seen = screen.seen.clone();
    assert!(seen.contains("Not started yet"), "{seen}");
    // The exercise (file to edit, statement) is shown before the check's verdict.
    let edit = seen
        .find(&format!("Edit exercises/src/{file}"))
        .expect("file");
    let statement = std::fs::read_to_string(dir.join(&file)).unwrap();
    let title = statement.lines().next().unwrap().trim_start_matches("//! ");
    let shown = seen
        .find(title)
        .unwrap_or_else(|| panic!("statement: {seen}"));
    let verdict = seen.find("Not started yet").unwrap();
    assert!(edit < verdict && shown < verdict, "{seen}");
    // Inside watch, the way to a hint is a key, not a shell command.
    assert!(seen.contains("Stuck? press h"), "{seen}");
    assert!(!seen.contains("cargo xtask hint"), "{seen}");
    // Save the solution into the watched file: watch must re-check and report a pass.
    let solution = std::fs::read_to_string(root().join("solutions/src").join(&file)).unwrap();
    std::fs::write(dir.join(&file), solution).unwrap();
    let passed = screen.wait_for("Solved!");
    let _ = child.kill();
    let _ = child.wait();
    assert!(passed, "after saving the solution: {}", screen.seen);
}

/// What a watch without a terminal has printed so far, read on another thread.
struct Screen {
    chunks: std::sync::mpsc::Receiver<String>,
    seen: String,
}

impl Screen {
    /// Starts reading `child`'s standard output.
    fn of(child: &mut Child) -> Screen {
        let mut stdout = child.stdout.take().unwrap();
        let (tx, chunks) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0
                    || tx
                        .send(String::from_utf8_lossy(&buf[..n]).to_string())
                        .is_err()
                {
                    break;
                }
            }
        });
        Screen {
            chunks,
            seen: String::new(),
        }
    }

    /// Whether `needle` is printed within 240 s (a cold build included).
    fn wait_for(&mut self, needle: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(240);
        while !self.seen.contains(needle) && Instant::now() < deadline {
            if let Ok(chunk) = self.chunks.recv_timeout(Duration::from_millis(200)) {
                self.seen.push_str(&chunk);
            }
        }
        self.seen.contains(needle)
    }
}

/// `p` in watch draws the current exercise's figure and shows where it went.
#[test]
fn p_plots_the_current_exercise_and_shows_the_path() {
    let id = "s1_5_normal_distribution";
    let base = scratch("watch-plot");
    let dir = base.join("src");
    submission(&dir, &[]);
    let mut child = watch(id, &dir, Stdio::piped(), true);
    let mut screen = Screen::of(&mut child);
    assert!(screen.wait_for("Watching exercises/src"), "{}", screen.seen);
    child.stdin.as_mut().unwrap().write_all(b"p\n").unwrap();
    let svg = format!("{id}.svg");
    let plotted = screen.wait_for(&svg);
    let _ = child.kill();
    let _ = child.wait();
    assert!(plotted, "after p: {}", screen.seen);
    assert!(screen.seen.contains("Plotted:"), "{}", screen.seen);
    let path = screen
        .seen
        .lines()
        .map(str::trim)
        .find(|l| l.ends_with(&svg))
        .expect("the figure's path is shown");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        text.contains("yours: not available"),
        "a stub draws the reference alone"
    );
}

/// Starts `cargo xtask watch ID` (16 cases) on the exercises in `dir`, without a terminal;
/// its standard output and error piped when `capture`, else discarded.
fn watch(id: &str, dir: &std::path::Path, stdin: Stdio, capture: bool) -> Child {
    let output = || {
        if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "watch",
            id,
            "--cases",
            "16",
            "--exercises-dir",
            dir.to_str().unwrap(),
        ])
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .stdout(output())
        .stderr(output())
        .spawn()
        .unwrap()
}

/// Every process below `pid`, from `/proc`.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(p) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Ok(stat) = std::fs::read_to_string(entry.path().join("stat"))
            && let Some(after) = stat.rfind(')').map(|i| stat[i + 1..].to_string())
            && let Some(ppid) = after.split_whitespace().nth(1).and_then(|x| x.parse().ok())
        {
            parents.push((p, ppid));
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Whether process `pid` still runs (a zombie does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let after = stat[stat.rfind(')')? + 1..].to_string();
            after
                .split_whitespace()
                .next()
                .map(|s| s != "Z" && s != "X")
        })
        .unwrap_or(false)
}

/// Starts watch on an exercise whose answer never returns, waits until the judge is
/// checking it, stops watch with `stop`, and asserts that watch exits well before the
/// check could have ended and that no process of the check is left.
fn stopping_a_running_check(name: &str, stop: impl FnOnce(&mut Child)) {
    let (id, _) = common::single_todo_exercises()[0].clone();
    let dir = scratch(name).join("src");
    submission(&dir, &[(&id, common::Body::Replace("loop {}"))]);
    let mut child = watch(&id, &dir, Stdio::piped(), false);
    // Wait for the judge to be running the learner's endless loop.
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut seen = Vec::new();
    loop {
        assert!(
            Instant::now() < deadline,
            "the check never reached the judge"
        );
        let now = descendants(child.id());
        let judging = now.iter().any(|p| {
            std::fs::read_to_string(format!("/proc/{p}/cmdline"))
                .is_ok_and(|c| c.contains("grade") && c.contains("learner"))
        });
        for p in now {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        if judging {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the learner process start too.
    std::thread::sleep(Duration::from_millis(500));
    seen.extend(descendants(child.id()));
    let stopped = Instant::now();
    stop(&mut child);
    let exited = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(5),
            "watch still runs 5 s after being stopped (the check's budget is 10 s per property)"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(exited.success(), "{exited}");
    std::thread::sleep(Duration::from_millis(200));
    let left: Vec<u32> = seen.into_iter().filter(|&p| alive(p)).collect();
    assert!(left.is_empty(), "processes left behind: {left:?}");
}

#[test]
fn q_stops_a_running_check_and_leaves_no_process() {
    stopping_a_running_check("watch-q", |child| {
        child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    });
}

#[test]
fn ctrl_c_stops_a_running_check_and_leaves_no_process() {
    stopping_a_running_check("watch-ctrl-c", |child| {
        let pid = i32::try_from(child.id()).unwrap();
        // SAFETY: a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    });
}

#[test]
fn a_hint_names_the_exercise_to_ask_again() {
    let root = scratch("hint-follow-up");
    std::fs::copy(common::root().join("course.toml"), root.join("course.toml")).unwrap();
    let (id, _) = exercises()[2].clone();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["hint", &id])
        .env("MATHLINGS_COURSE_ROOT", &root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!("run `cargo xtask hint {id}` again")),
        "{text}"
    );
}
