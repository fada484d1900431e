//! `cargo xtask watch`: the course's main loop. Shows the current exercise at once (its
//! statement, the file to edit, the progress), checks it in the background — with the
//! course's build progress and an estimate of the time left on a first start — and
//! re-checks it on every save. Keys: h hint, n next, l list (a scrollable menu: arrows or
//! j/k, Enter switches exercise, r resets), t repro (the failing case as a unit test),
//! p plot (`cargo xtask plot`: the exercise's figures; the path is shown), r re-check,
//! q or Ctrl-C quit — stopping a running check at once.
//!
//! Each check runs in a child process (`watch ID --grade-child`, in its own process group)
//! that prints cargo's built units and then the verdict as JSON lines, so that a check can
//! be stopped by killing that child and everything it started (the builds, the judge, the
//! learner processes; [`stop`]) without the grading pipeline knowing about it.
//!
//! Without a terminal it degrades to a plain loop that re-checks on every save; keys can
//! then be typed as lines on standard input (`q`, `r`, `n`, `h`, `t`, `p`).

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Args;
use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use mathlings_course::Exercise;
use mathlings_course::report::ExerciseReport;
use notify::{RecursiveMode, Watcher};
use serde::{Deserialize, Serialize};

use crate::engine::{Status, Verdict};
use crate::list::Menu;
use crate::progress::Progress;
use crate::{Course, RunOptions, render};

/// Arguments of `watch`.
#[derive(Args)]
pub struct WatchArgs {
    /// Start at this exercise instead of the current one.
    pub id: Option<String>,
    /// Watch the exercise files in this folder instead of the working tree's; used by the
    /// grader's own tests.
    #[arg(long, hide = true, value_name = "DIR")]
    pub exercises_dir: Option<PathBuf>,
    /// Check exercise ID once and print the build's units and the verdict as JSON lines
    /// (the child process a watch runs each check in).
    #[arg(long, hide = true, requires = "id")]
    pub grade_child: bool,
    #[command(flatten)]
    pub run: RunOptions,
}

/// A key, as watch understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Char(char),
    Up,
    Down,
    Enter,
    Esc,
    /// Ctrl-C (a key in raw mode, SIGINT or SIGTERM otherwise).
    Interrupt,
}

enum Event {
    Saved(PathBuf),
    Key(Key),
    /// Check `job`'s build reported a unit, compiled or (`fresh`) up to date.
    Unit {
        job: u64,
        name: String,
        fresh: bool,
    },
    /// A second passed (the check's status line shows its time).
    Tick,
    /// Check `job` finished.
    Graded {
        job: u64,
        verdict: Result<Verdict, String>,
    },
}

/// One line of the grading child's output.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ChildLine {
    /// A unit of the build (cargo's `compiler-artifact`).
    Unit { name: String, fresh: bool },
    /// The verdict.
    Verdict {
        status: Status,
        report: Option<ExerciseReport>,
        detail: Option<String>,
    },
}

/// Runs `watch`.
pub fn run(args: WatchArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    if args.grade_child {
        return grade_child(&course, &args);
    }
    // A watched folder other than the working tree keeps its own progress beside it.
    let state_root = match &args.exercises_dir {
        Some(dir) => dir
            .parent()
            .map_or_else(|| dir.clone(), |p| p.to_path_buf()),
        None => course.root.clone(),
    };
    let mut progress = Progress::load(&state_root);
    if let Some(id) = &args.id {
        course.known_ids(std::slice::from_ref(id))?;
        progress.current = Some(id.clone());
    }
    let exercises_dir = match &args.exercises_dir {
        Some(dir) => dir
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?,
        None => course.root.join("exercises/src"),
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let (tx, rx) = mpsc::channel();
    let file_tx = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && (event.kind.is_modify() || event.kind.is_create())
        {
            for path in event.paths {
                if path.extension().is_some_and(|e| e == "rs") {
                    let _ = file_tx.send(Event::Saved(path));
                }
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&exercises_dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", exercises_dir.display()))?;
    if interactive {
        terminal::enable_raw_mode().map_err(|e| e.to_string())?;
        read_terminal_keys(tx.clone());
    } else {
        read_line_keys(tx.clone());
    }
    forward_interrupts(tx.clone());
    let ticks = tx.clone();
    std::thread::spawn(move || {
        while ticks.send(Event::Tick).is_ok() {
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let mut session = Session {
        course: &course,
        progress,
        state_root,
        exercises_dir,
        run: args.run.clone(),
        interactive,
        events: tx,
        current: String::new(),
        verdict: None,
        check: None,
        jobs: 0,
        note: String::new(),
        menu: None,
        confirm_reset: false,
    };
    session.current = crate::check::current(&course, &session.progress);
    if let Some(line) = crate::sandboxing::unconfined_note() {
        session.note = line;
    }
    let result = session.main_loop(&rx);
    if let Some(check) = session.check.take() {
        stop(check.child);
    }
    if interactive {
        let _ = terminal::disable_raw_mode();
        show(true, "\n");
    }
    let _ = session.progress.save(&session.state_root);
    result
}

/// The grading child: checks `args.id` once, printing each built unit and then the
/// verdict as one JSON line each ([`ChildLine`]).
fn grade_child(course: &Course, args: &WatchArgs) -> Result<ExitCode, String> {
    let id = args.id.clone().expect("clap requires the id");
    course.known_ids(std::slice::from_ref(&id))?;
    let mut grader = course.grader(&args.run);
    if let Some(dir) = &args.exercises_dir {
        grader.exercises_dir = dir.clone();
    }
    crate::engine::observe_builds(|msg| {
        emit(&ChildLine::Unit {
            name: msg["target"]["name"].as_str().unwrap_or("?").to_string(),
            fresh: msg["fresh"].as_bool().unwrap_or(false),
        });
    });
    let verdict = grader
        .grade(std::slice::from_ref(&id))
        .map_err(|e| e.to_string())?
        .remove(0);
    emit(&ChildLine::Verdict {
        status: verdict.status,
        report: verdict.report,
        detail: verdict.detail,
    });
    Ok(ExitCode::SUCCESS)
}

fn emit(line: &ChildLine) {
    let text = serde_json::to_string(line).expect("serializable");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

/// A check running in its child process.
struct Check {
    job: u64,
    child: Child,
    started: Instant,
    /// Units built so far, and how many of them were compiled (not fresh).
    units: usize,
    compiled: usize,
    /// When the first unit was compiled (the rate of the build counts from there).
    first_compiled: Option<Instant>,
    last_unit: String,
}

/// The state of one `watch`.
struct Session<'a> {
    course: &'a Course,
    progress: Progress,
    state_root: PathBuf,
    exercises_dir: PathBuf,
    run: RunOptions,
    interactive: bool,
    events: mpsc::Sender<Event>,
    /// The exercise shown.
    current: String,
    /// Its last verdict, once checked.
    verdict: Option<Verdict>,
    check: Option<Check>,
    /// Checks started so far (numbers the checks, so that a stopped one's late events are
    /// ignored).
    jobs: u64,
    /// A message under the verdict (a hint, the repro file written…), until the next check.
    note: String,
    /// The list (`l`), when open.
    menu: Option<Menu>,
    /// The list asks whether to reset the highlighted exercise.
    confirm_reset: bool,
}

impl Session<'_> {
    fn exercise(&self) -> &Exercise {
        self.course.manifest.get(&self.current).expect("known id")
    }

    fn main_loop(&mut self, rx: &mpsc::Receiver<Event>) -> Result<ExitCode, String> {
        self.start_check()?;
        loop {
            let Ok(event) = rx.recv() else {
                return Ok(ExitCode::SUCCESS);
            };
            let mut events = vec![event];
            if matches!(events[0], Event::Saved(_)) {
                // Editors write a file several times per save: take the burst as one.
                std::thread::sleep(Duration::from_millis(60));
            }
            events.extend(rx.try_iter());
            let mut recheck = false;
            for event in events {
                match event {
                    Event::Saved(path) => {
                        if let Some(owner) = self
                            .course
                            .manifest
                            .exercises
                            .iter()
                            .find(|e| path.ends_with(&e.file))
                        {
                            self.switch_to(owner.id.clone());
                            recheck = true;
                        }
                    }
                    Event::Key(Key::Interrupt) => return Ok(ExitCode::SUCCESS),
                    Event::Key(key) if self.menu.is_some() => recheck |= self.menu_key(key),
                    Event::Key(key) => match self.exercise_key(key) {
                        Some(action) => recheck |= action,
                        None => return Ok(ExitCode::SUCCESS),
                    },
                    Event::Tick => {
                        if self.interactive {
                            self.redraw_status();
                        }
                    }
                    Event::Unit { job, name, fresh } => self.unit(job, name, fresh),
                    Event::Graded { job, verdict } => self.graded(job, verdict)?,
                }
            }
            if recheck {
                self.start_check()?;
            }
        }
    }

    /// Shows exercise `id` (its verdict is unknown until checked).
    fn switch_to(&mut self, id: String) {
        if id != self.current {
            self.verdict = None;
        }
        self.current = id;
        self.progress.current = Some(self.current.clone());
    }

    /// A key on the exercise's screen: `Some(true)` to re-check, `None` to quit.
    fn exercise_key(&mut self, key: Key) -> Option<bool> {
        match key {
            Key::Char('q') | Key::Esc => return None,
            Key::Char('r') => return Some(true),
            Key::Char('h') => {
                let current = self.current.clone();
                self.note = crate::hint::next_hint(
                    self.course,
                    &mut self.progress,
                    &current,
                    "press h again",
                );
                let _ = self.progress.save(&self.state_root);
                self.draw();
            }
            Key::Char('t') => {
                self.note = self.write_repro();
                self.draw();
            }
            Key::Char('p') => {
                self.note = self.plot();
                self.draw();
            }
            Key::Char('l') => {
                if self.interactive {
                    self.menu = Some(Menu::at(self.course, &self.current));
                    self.draw();
                } else {
                    show(
                        false,
                        &crate::list::render(
                            self.course,
                            &self.progress,
                            crate::list::Format::Text,
                        ),
                    );
                }
            }
            Key::Char('n') => {
                let exercises = &self.course.manifest.exercises;
                let position = self.course.manifest.position(&self.current).unwrap_or(0);
                let next = exercises[position + 1..]
                    .iter()
                    .chain(&exercises[..=position])
                    .find(|e| !self.progress.solved.contains_key(&e.id));
                match next {
                    Some(next) => {
                        self.switch_to(next.id.clone());
                        return Some(true);
                    }
                    None => {
                        self.note = "Every exercise is solved. Congratulations!\n".into();
                        self.draw();
                    }
                }
            }
            _ => {}
        }
        Some(false)
    }

    /// A key in the list: `true` to check the exercise switched to.
    fn menu_key(&mut self, key: Key) -> bool {
        let Some(mut menu) = self.menu else {
            return false;
        };
        if self.confirm_reset {
            self.confirm_reset = false;
            let ex = &self.course.manifest.exercises[menu.selected];
            self.note = if key == Key::Char('y') {
                self.reset(ex)
            } else {
                format!("{} was not reset.", ex.id)
            };
            self.draw();
            return false;
        }
        match key {
            Key::Up | Key::Char('k') => {
                menu.step(self.course, -1);
                self.note.clear();
            }
            Key::Down | Key::Char('j') => {
                menu.step(self.course, 1);
                self.note.clear();
            }
            Key::Enter => {
                self.menu = None;
                let id = self.course.manifest.exercises[menu.selected].id.clone();
                self.switch_to(id);
                self.note.clear();
                return true;
            }
            Key::Char('r') => {
                self.confirm_reset = true;
                self.note.clear();
            }
            Key::Esc | Key::Char('q') => {
                self.menu = None;
                self.note.clear();
                self.draw();
                return false;
            }
            _ => {}
        }
        self.menu = Some(menu);
        self.draw();
        false
    }

    /// Restores the stub of `ex` (the learner confirmed), and says what happened.
    fn reset(&mut self, ex: &Exercise) -> String {
        if self.exercises_dir != self.course.root.join("exercises/src") {
            return "reset works on the course's own exercises/src only.".into();
        }
        match crate::reset::restore(&self.course.root, ex) {
            Ok(crate::reset::Restored::AlreadyStub) => {
                format!("{} is already the stub; nothing to do.", ex.id)
            }
            Ok(crate::reset::Restored::Written { backup }) => {
                self.progress.solved.remove(&ex.id);
                let _ = self.progress.save(&self.state_root);
                let kept = backup
                    .map(|b| format!(" Your previous text is in {}.", b.display()))
                    .unwrap_or_default();
                format!("Restored the stub of {}.{kept}", ex.id)
            }
            Err(e) => format!("Could not reset {}: {e}", ex.id),
        }
    }

    /// Writes the last verdict's failing case as a unit test (`t`), and says where.
    fn write_repro(&self) -> String {
        let Some(report) = self.verdict.as_ref().and_then(|v| v.report.as_ref()) else {
            return "No failing case to reproduce yet: wait for the check.\n".into();
        };
        let tests = self
            .exercises_dir
            .parent()
            .unwrap_or(&self.exercises_dir)
            .join("tests");
        match crate::repro::write(self.exercise(), report, &self.exercises_dir, &tests) {
            Ok(written) => written.summary(),
            Err(e) => format!("{e}\n"),
        }
    }

    /// Plots the current exercise (`cargo xtask plot`, in a child process): the paths
    /// written, or why not.
    fn plot(&self) -> String {
        let mut cmd = match std::env::current_exe() {
            Ok(exe) => Command::new(exe),
            Err(e) => return format!("cannot find xtask: {e}\n"),
        };
        cmd.args(["plot", &self.current, "--seed", &self.run.seed.to_string()]);
        if self.state_root != self.course.root {
            cmd.arg("--exercises-dir").arg(&self.exercises_dir);
        }
        match cmd.stdin(Stdio::null()).output() {
            Ok(out) if out.status.success() => {
                format!("Plotted:\n{}", String::from_utf8_lossy(&out.stdout))
            }
            Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
            Err(e) => format!("cannot plot: {e}\n"),
        }
    }

    /// Starts checking the current exercise in a child process, stopping a check that
    /// is still running.
    fn start_check(&mut self) -> Result<(), String> {
        if let Some(check) = self.check.take() {
            stop(check.child);
        }
        self.jobs += 1;
        let job = self.jobs;
        let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask: {e}"))?;
        let mut cmd = Command::new(exe);
        cmd.args(["watch", &self.current, "--grade-child"])
            .args(["--seed", &self.run.seed.to_string()])
            .args(["--cases", &self.run.cases.to_string()])
            .arg("--exercises-dir")
            .arg(&self.exercises_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(jobs) = self.run.jobs {
            cmd.args(["--jobs", &jobs.to_string()]);
        }
        if crate::render::colour() {
            cmd.env(crate::render::FORCE_COLOUR, "1");
        }
        // Its own process group: `stop` kills the group, and a terminal's Ctrl-C reaches
        // this process only (raw mode reads it as a key).
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start a check: {e}"))?;
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let events = self.events.clone();
        std::thread::spawn(move || {
            let errors = std::thread::spawn(move || {
                let mut text = String::new();
                let _ = stderr.read_to_string(&mut text);
                text
            });
            let mut verdict = None;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                match serde_json::from_str(&line) {
                    Ok(ChildLine::Unit { name, fresh }) => {
                        let _ = events.send(Event::Unit { job, name, fresh });
                    }
                    Ok(ChildLine::Verdict {
                        status,
                        report,
                        detail,
                    }) => verdict = Some((status, report, detail)),
                    Err(_) => {}
                }
            }
            let errors = errors.join().unwrap_or_default();
            let verdict = match verdict {
                Some((status, report, detail)) => Ok(Verdict {
                    id: String::new(),
                    status,
                    report,
                    detail,
                    seconds: 0.0,
                }),
                None => Err(errors.trim().trim_start_matches("error: ").to_string()),
            };
            let _ = events.send(Event::Graded { job, verdict });
        });
        self.check = Some(Check {
            job,
            child,
            started: Instant::now(),
            units: 0,
            compiled: 0,
            first_compiled: None,
            last_unit: String::new(),
        });
        if self.verdict.is_none() || self.interactive {
            self.draw();
        } else {
            show(false, &format!("Checking {} …\n", self.current));
        }
        Ok(())
    }

    fn unit(&mut self, job: u64, name: String, fresh: bool) {
        let Some(check) = self.check.as_mut().filter(|c| c.job == job) else {
            return;
        };
        check.units += 1;
        if !fresh {
            check.compiled += 1;
            check.first_compiled.get_or_insert_with(Instant::now);
        }
        check.last_unit = name;
        if fresh {
            return;
        }
        if self.interactive {
            self.redraw_status();
        } else if check.compiled == 1 || check.compiled.is_multiple_of(20) {
            let line = build_line(check, expected_units(self.course));
            show(false, &format!("{line}\n"));
        }
    }

    /// Rewrites the check's status line (the screen's last) in place.
    fn redraw_status(&self) {
        let Some(check) = self.check.as_ref().filter(|_| self.menu.is_none()) else {
            return;
        };
        let (cols, _) = terminal::size().unwrap_or((80, 24));
        let line: String = build_line(check, expected_units(self.course))
            .chars()
            .take(usize::from(cols).saturating_sub(1))
            .collect();
        show(true, &format!("\r\x1b[K{line}"));
    }

    fn graded(&mut self, job: u64, verdict: Result<Verdict, String>) -> Result<(), String> {
        let Some(mut check) = self.check.take_if(|c| c.job == job) else {
            return Ok(());
        };
        let _ = check.child.wait();
        let mut verdict = verdict?;
        verdict.id = self.current.clone();
        if check.compiled > 0 {
            remember_units(self.course, check.units);
        }
        self.progress
            .record(&verdict.id, verdict.status == Status::Pass);
        let _ = self.progress.save(&self.state_root);
        self.verdict = Some(verdict);
        self.note.clear();
        self.draw();
        Ok(())
    }

    /// Shows the current screen: the list when open, else the exercise with its verdict (or
    /// the check's progress).
    fn draw(&mut self) {
        if let Some(mut menu) = self.menu {
            let (cols, rows) = terminal::size().unwrap_or((80, 24));
            let status = if self.confirm_reset {
                let ex = &self.course.manifest.exercises[menu.selected];
                format!(
                    "Reset {} to its stub? Your text is kept in .mathlings/backups/. [y/n]",
                    ex.id
                )
            } else if !self.note.is_empty() {
                self.note.trim_end().to_string()
            } else {
                "↑/↓ or j/k move · Enter switch · r reset · Esc or q back".into()
            };
            let lines = menu.render(
                self.course,
                &self.progress,
                &self.current,
                usize::from(rows),
                usize::from(cols),
                &status,
            );
            self.menu = Some(menu);
            show(true, &format!("\x1b[2J\x1b[H{}", lines.join("\n")));
            return;
        }
        let ex = self.exercise().clone();
        let solved = self
            .course
            .manifest
            .exercises
            .iter()
            .filter(|e| self.progress.solved.contains_key(&e.id))
            .count();
        let mut screen = String::new();
        if self.interactive {
            screen += "\x1b[2J\x1b[H";
        }
        screen += &format!(
            "mathlings {}   seed {}\n\n",
            render::progress_bar(solved, self.course.manifest.exercises.len(), 30),
            self.run.seed
        );
        screen += &format!("Edit exercises/src/{}\n\n", ex.file);
        // Until the first verdict; a verdict lists what to do (the properties to keep).
        if self.verdict.is_none() {
            screen += &statement(&self.exercises_dir.join(&ex.file), 10);
            screen += "\n";
        }
        if let Some(v) = &self.verdict {
            let shown = self.progress.hints_shown.get(&v.id).copied().unwrap_or(0);
            screen += &render::verdict_asking(&ex, v, shown, render::colour(), "press h");
            if v.status == Status::Pass {
                screen += "\n🎉 Solved! Read the solution in solutions/src/ if you like; press n for the next exercise.\n";
            }
        }
        if !self.note.is_empty() {
            screen += "\n";
            screen += &self.note;
        }
        if self.interactive {
            screen += "\n[h] hint  [n] next  [l] list  [t] repro test  [p] plot  [r] re-check  [q] quit\n";
        } else if self.verdict.is_some() {
            screen += "\nWatching exercises/src for changes (Ctrl-C to stop)…\n";
        }
        show(self.interactive, &screen);
        if self.interactive {
            self.redraw_status();
        } else if let Some(check) = &self.check {
            show(
                false,
                &format!("{}\n", build_line(check, expected_units(self.course))),
            );
        }
    }
}

/// The exercise's statement: the module docs (`//!`) at the top of its file, at most
/// `max_lines` of them.
fn statement(file: &Path, max_lines: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let docs: Vec<&str> = text
        .lines()
        .map_while(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .filter(|l| !l.starts_with("```"))
        .collect();
    if docs.len() <= max_lines {
        return docs.iter().map(|l| format!("{l}\n")).collect();
    }
    // Whole paragraphs only, when a paragraph ends after the title.
    let end = docs[..max_lines]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .filter(|&i| i > 1)
        .unwrap_or(max_lines);
    let mut out: String = docs[..end].iter().map(|l| format!("{l}\n")).collect();
    out += "… (the rest is at the top of the file)\n";
    out
}

/// The check's status line: what it is doing and, while the course builds, how far the
/// build is and about how long it will take.
fn build_line(check: &Check, expected: Option<usize>) -> String {
    let elapsed = check.started.elapsed().as_secs();
    if check.compiled == 0 {
        return format!("Checking … {elapsed} s");
    }
    let mut line = match expected {
        Some(total) if total > check.units => format!(
            "Building the course {} ≈{total} units",
            render::progress_bar(check.units, total, 20),
        ),
        _ => format!("Building the course: {} units", check.units),
    };
    if let (Some(total), Some(first)) = (expected, check.first_compiled) {
        let building = first.elapsed().as_secs_f64();
        if check.compiled >= 5 && building >= 3.0 && total > check.units {
            let left = building / check.compiled as f64 * (total - check.units) as f64;
            line += &format!(" · about {} left", duration_words(left));
        }
    }
    line + &format!(" · {elapsed} s · {}", check.last_unit)
}

fn duration_words(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{} s", (seconds / 5.0).ceil() as u64 * 5)
    } else {
        format!("{} min", (seconds / 60.0).round() as u64)
    }
}

/// Where the number of units of the last full build is kept.
fn units_file(course: &Course) -> PathBuf {
    crate::target_dir(&course.root).join("mathlings/watch-build-units")
}

/// How many units a build reports: the last build's count, or before any build, an
/// estimate (see [`first_build_units`]), worked out once.
fn expected_units(course: &Course) -> Option<usize> {
    if let Some(n) = std::fs::read_to_string(units_file(course))
        .ok()
        .and_then(|t| t.trim().parse().ok())
    {
        return Some(n);
    }
    static ESTIMATE: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *ESTIMATE.get_or_init(|| first_build_units(&course.root))
}

/// The units a first check reports, counted in `cargo metadata`'s graph for this machine:
/// the judge's packages and the learner workspace's (compiled, or found in the seeded
/// target: cargo reports both), each once more for its build script, plus the judge's
/// binary and the exercise's crate and binary. (Counting every package of the lock file
/// said 323 where a fresh clone's first check reported 202; this says 218.)
fn first_build_units(root: &Path) -> Option<usize> {
    let rustc = Command::new("rustc").arg("-vV").output().ok()?;
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))?;
    let out = Command::new(crate::engine::cargo())
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--filter-platform",
        ])
        .arg(host)
        .current_dir(root)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let judge = units_in_graph(&metadata, &["mathlings-judge".to_string()])?;
    let learner = units_in_graph(&metadata, &crate::learner_crate::dependency_packages())?;
    Some(judge + 1 + learner + 2)
}

/// The packages reachable from the packages named `roots` (every version) through normal
/// and build dependencies in `cargo metadata`'s output, plus one for each that has a build
/// script: the units a build of them reports.
fn units_in_graph(metadata: &serde_json::Value, roots: &[String]) -> Option<usize> {
    let packages = metadata["packages"].as_array()?;
    let mut edges = std::collections::HashMap::new();
    for node in metadata["resolve"]["nodes"].as_array()? {
        let deps: Vec<&str> = node["deps"]
            .as_array()?
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k["kind"] != "dev"))
            })
            .filter_map(|d| d["pkg"].as_str())
            .collect();
        edges.insert(node["id"].as_str()?, deps);
    }
    let mut stack: Vec<&str> = packages
        .iter()
        .filter(|p| {
            p["name"]
                .as_str()
                .is_some_and(|n| roots.iter().any(|r| r == n))
        })
        .filter_map(|p| p["id"].as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(edges.get(id).into_iter().flatten().copied());
        }
    }
    let build_scripts = packages
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| seen.contains(id)))
        .filter(|p| {
            p["targets"].as_array().is_some_and(|targets| {
                targets.iter().any(|t| {
                    t["kind"]
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == "custom-build"))
                })
            })
        })
        .count();
    Some(seen.len() + build_scripts)
}

fn remember_units(course: &Course, units: usize) {
    let _ = std::fs::write(units_file(course), format!("{units}\n"));
}

/// Stops a check: kills its child and every process the child started (its process group,
/// and the sandboxed builds and learner processes, which run in sessions of their own),
/// then reaps the child. Every process found is stopped first, so none can start another
/// while the tree is walked.
pub fn stop(mut child: Child) {
    let root = i32::try_from(child.id()).unwrap_or(i32::MAX);
    let mut seen = vec![root];
    loop {
        let mut fresh = Vec::new();
        for pid in descendants(root) {
            if !seen.contains(&pid) {
                fresh.push(pid);
            }
        }
        for &pid in seen.iter().chain(&fresh) {
            // SAFETY: plain signals to processes this watch started (their ids were just
            // read as descendants of its own child, which is stopped and not yet reaped).
            unsafe {
                libc::kill(pid, libc::SIGSTOP);
            }
        }
        if fresh.is_empty() {
            break;
        }
        seen.extend(fresh);
    }
    let mut groups: Vec<i32> = seen
        .iter()
        // SAFETY: getpgid only reads.
        .map(|&pid| unsafe { libc::getpgid(pid) })
        .filter(|&g| g > 0)
        .collect();
    // SAFETY: as above; this watch's own group is never one of them.
    let own = unsafe { libc::getpgrp() };
    groups.retain(|&g| g != own);
    groups.sort_unstable();
    groups.dedup();
    for &group in &groups {
        // SAFETY: each group was started by a process of this check.
        unsafe {
            libc::killpg(group, libc::SIGKILL);
        }
    }
    for &pid in &seen {
        // SAFETY: as above.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
    let _ = child.wait();
}

/// Every process below `root`, read from `/proc` (none where there is no `/proc`).
fn descendants(root: i32) -> Vec<i32> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`: comm may hold spaces and parentheses.
        let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        if let Some(ppid) = after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<i32>().ok())
        {
            parents.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    found.remove(0);
    found
}

fn read_terminal_keys(tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            let Ok(TermEvent::Key(key)) = event::read() else {
                continue;
            };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            let key = match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Key::Interrupt
                }
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                _ => continue,
            };
            if tx.send(Event::Key(key)).is_err() {
                break;
            }
        }
    });
}

/// Without a terminal, a line on standard input is a key (its first character).
fn read_line_keys(tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if let Some(c) = line.trim().chars().next()
                && tx.send(Event::Key(Key::Char(c))).is_err()
            {
                break;
            }
        }
    });
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Turns SIGINT and SIGTERM into [`Key::Interrupt`], so that a running check is stopped
/// before `watch` exits.
fn forward_interrupts(tx: mpsc::Sender<Event>) {
    let handler = on_interrupt as extern "C" fn(libc::c_int);
    // SAFETY: the handler only stores into an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(20));
            if INTERRUPTED.swap(false, Ordering::SeqCst)
                && tx.send(Event::Key(Key::Interrupt)).is_err()
            {
                break;
            }
        }
    });
}

fn show(interactive: bool, text: &str) {
    let mut out = std::io::stdout().lock();
    if interactive {
        let _ = out.write_all(text.replace('\n', "\r\n").as_bytes());
    } else {
        let _ = out.write_all(text.as_bytes());
    }
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_build_counts_normal_and_build_dependencies_and_build_scripts() {
        let package = |id: &str, kinds: &[&str]| {
            serde_json::json!({
                "id": id,
                "name": id,
                "targets": kinds.iter().map(|k| serde_json::json!({ "kind": [k] })).collect::<Vec<_>>(),
            })
        };
        let dep = |pkg: &str, kind: Option<&str>| serde_json::json!({ "pkg": pkg, "dep_kinds": [{ "kind": kind }] });
        let metadata = serde_json::json!({
            "packages": [
                package("a", &["lib"]),
                package("b", &["lib"]),
                package("dev-only", &["lib"]),
                package("d", &["lib", "custom-build"]),
                package("unrelated", &["lib"]),
            ],
            "resolve": { "nodes": [
                { "id": "a", "deps": [dep("b", None), dep("dev-only", Some("dev"))] },
                { "id": "b", "deps": [dep("d", Some("build"))] },
                { "id": "dev-only", "deps": [] },
                { "id": "d", "deps": [] },
                { "id": "unrelated", "deps": [] },
            ]},
        });
        // a, b, d, and d's build script; not the dev-dependency, not the unrelated package.
        assert_eq!(units_in_graph(&metadata, &["a".to_string()]), Some(4));
        assert_eq!(
            units_in_graph(&metadata, &["unrelated".to_string()]),
            Some(1)
        );
    }
}
