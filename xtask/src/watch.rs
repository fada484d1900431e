//! `cargo xtask watch`: the course's main loop. Shows the current exercise, re-checks it on
//! every save, and takes single keys: h hint, n next, l list, r re-check, q quit. Without a
//! terminal it degrades to a plain loop that re-checks on every save.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use clap::Args;
use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use notify::{RecursiveMode, Watcher};

use crate::engine::Status;
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
    #[command(flatten)]
    pub run: RunOptions,
}

enum Event {
    Saved(PathBuf),
    Key(char),
}

/// Runs `watch`.
pub fn run(args: WatchArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
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
    let exercises_dir = match &args.exercises_dir {
        Some(dir) => dir
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?,
        None => course.root.join("exercises/src"),
    };
    watcher
        .watch(&exercises_dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", exercises_dir.display()))?;
    if interactive {
        terminal::enable_raw_mode().map_err(|e| e.to_string())?;
        std::thread::spawn(move || {
            loop {
                if let Ok(TermEvent::Key(key)) = event::read()
                    && key.kind == KeyEventKind::Press
                {
                    let c = match key.code {
                        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => 'q',
                        KeyCode::Char(c) => c,
                        KeyCode::Esc => 'q',
                        _ => continue,
                    };
                    if tx.send(Event::Key(c)).is_err() {
                        break;
                    }
                }
            }
        });
    }
    if let Some(line) = crate::sandboxing::unconfined_note() {
        print!("{line}\r\n");
    }
    let mut grader = course.grader(&args.run);
    grader.exercises_dir = exercises_dir;
    let result = main_loop(
        &course,
        &mut progress,
        &state_root,
        &grader,
        interactive,
        &rx,
    );
    if interactive {
        let _ = terminal::disable_raw_mode();
    }
    let _ = progress.save(&state_root);
    result
}

fn main_loop(
    course: &Course,
    progress: &mut Progress,
    state_root: &std::path::Path,
    grader: &crate::engine::Grader,
    interactive: bool,
    rx: &mpsc::Receiver<Event>,
) -> Result<ExitCode, String> {
    let mut current = crate::check::current(course, progress);
    let mut extra = String::new();
    let mut recheck = true;
    loop {
        progress.current = Some(current.clone());
        let ex = course.manifest.get(&current).expect("known id").clone();
        if recheck {
            show(
                interactive,
                &format!(
                    "{}Checking {} …\n",
                    if interactive { "\x1b[2J\x1b[H" } else { "" },
                    ex.id
                ),
            );
            let verdicts = grader
                .grade(std::slice::from_ref(&current))
                .map_err(|e| e.to_string())?;
            let v = &verdicts[0];
            progress.record(&v.id, v.status == Status::Pass);
            let _ = progress.save(state_root);
            let shown = progress.hints_shown.get(&v.id).copied().unwrap_or(0);
            let solved = course
                .manifest
                .exercises
                .iter()
                .filter(|e| progress.solved.contains_key(&e.id))
                .count();
            let mut screen = String::new();
            if interactive {
                screen += "\x1b[2J\x1b[H";
            }
            screen += &format!(
                "mathlings {}   seed {}\n\n",
                render::progress_bar(solved, course.manifest.exercises.len(), 30),
                grader.seed
            );
            screen += &format!("Edit exercises/src/{}\n\n", ex.file);
            screen += &render::verdict(&ex, v, shown, render::colour());
            if v.status == Status::Pass {
                screen += "\n🎉 Solved! Read the solution in solutions/src/ if you like; press n for the next exercise.\n";
            }
            screen += &extra;
            if interactive {
                screen += "\n[h] hint  [n] next  [l] list  [r] re-check  [q] quit\n";
            } else {
                screen += "\nWatching exercises/src for changes (Ctrl-C to stop)…\n";
            }
            show(interactive, &screen);
            extra.clear();
            recheck = false;
        }
        let Ok(event) = rx.recv() else {
            return Ok(ExitCode::SUCCESS);
        };
        // Editors write a file several times per save: take the burst as one.
        std::thread::sleep(Duration::from_millis(60));
        let mut events = vec![event];
        events.extend(rx.try_iter());
        for event in events {
            match event {
                Event::Saved(path) => {
                    if let Some(owner) = course
                        .manifest
                        .exercises
                        .iter()
                        .find(|e| path.ends_with(&e.file))
                    {
                        current = owner.id.clone();
                        recheck = true;
                    }
                }
                Event::Key('q') => return Ok(ExitCode::SUCCESS),
                Event::Key('r') => recheck = true,
                Event::Key('h') => {
                    show(
                        interactive,
                        &format!(
                            "\n{}",
                            crate::hint::next_hint(course, progress, &current, "press h again")
                        ),
                    );
                    let _ = progress.save(state_root);
                }
                Event::Key('l') => {
                    show(
                        interactive,
                        &format!(
                            "\n{}",
                            crate::list::render(course, progress, crate::list::Format::Text)
                        ),
                    );
                }
                Event::Key('n') => {
                    let position = course.manifest.position(&current).unwrap_or(0);
                    let next = course.manifest.exercises[position + 1..]
                        .iter()
                        .chain(&course.manifest.exercises[..=position])
                        .find(|e| !progress.solved.contains_key(&e.id));
                    match next {
                        Some(next) => {
                            current = next.id.clone();
                            recheck = true;
                        }
                        None => show(
                            interactive,
                            "\nEvery exercise is solved. Congratulations!\n",
                        ),
                    }
                }
                Event::Key(_) => {}
            }
        }
    }
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
