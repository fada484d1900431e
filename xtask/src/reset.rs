//! `cargo xtask reset ID`: restores the stub the course ships (`crates/course/stubs`, no git
//! needed), keeping the current text in a backup. Only the exercise's own file is written:
//! anything else in `exercises/` (such as `exercises/tests/repro_*.rs`) is left alone.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mathlings_course::Exercise;

use crate::Course;
use crate::progress::Progress;

/// Arguments of `reset`.
#[derive(Args)]
pub struct ResetArgs {
    /// The exercise whose stub to restore.
    pub id: String,
}

/// What [`restore`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Restored {
    /// The file already was the stub.
    AlreadyStub,
    /// The stub was written; the previous text (if there was a file) is in this backup,
    /// relative to the course root.
    Written {
        /// Where the previous text was saved.
        backup: Option<PathBuf>,
    },
}

/// Runs `reset`.
pub fn run(args: ResetArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(std::slice::from_ref(&args.id))?;
    let ex = course.manifest.get(&args.id).expect("known id");
    let relative = format!("exercises/src/{}", ex.file);
    match restore(&course.root, ex)? {
        Restored::AlreadyStub => println!("{relative} is already the stub; nothing to do."),
        Restored::Written { backup } => {
            if let Some(backup) = backup {
                println!("Your previous text is saved in {}", backup.display());
            }
            println!("Restored the stub of {} ({relative}).", ex.id);
        }
    }
    let mut progress = Progress::load(&course.root);
    progress.solved.remove(&ex.id);
    progress
        .save(&course.root)
        .map_err(|e| format!("cannot save progress: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Restores the shipped stub of `ex` into `exercises/src` of the course at `root`, first
/// saving a differing current text in `.mathlings/backups/<id>-<unix seconds>.rs`.
///
/// # Errors
/// A one-line message when the shipped stub cannot be read or a file cannot be written.
pub fn restore(root: &Path, ex: &Exercise) -> Result<Restored, String> {
    let stub = mathlings_course::read_stub(root, ex).map_err(|e| e.to_string())?;
    let relative = format!("exercises/src/{}", ex.file);
    let path = root.join(&relative);
    let mut backup = None;
    if let Ok(current) = std::fs::read(&path) {
        if current == stub.as_bytes() {
            return Ok(Restored::AlreadyStub);
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let saved = PathBuf::from(format!(".mathlings/backups/{}-{stamp}.rs", ex.id));
        let absolute = root.join(&saved);
        std::fs::create_dir_all(absolute.parent().expect("has parent"))
            .map_err(|e| format!("cannot create the backup folder: {e}"))?;
        std::fs::write(&absolute, current).map_err(|e| format!("cannot write the backup: {e}"))?;
        backup = Some(saved);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {relative}: {e}"))?;
    }
    std::fs::write(&path, stub).map_err(|e| format!("cannot write {relative}: {e}"))?;
    Ok(Restored::Written { backup })
}
