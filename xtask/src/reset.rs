//! `cargo xtask reset ID`: restores the stub, keeping the current text in a backup.

use std::process::ExitCode;

use clap::Args;

use crate::Course;
use crate::progress::{Progress, git};

/// Arguments of `reset`.
#[derive(Args)]
pub struct ResetArgs {
    /// The exercise whose stub to restore.
    pub id: String,
}

/// Runs `reset`.
pub fn run(args: ResetArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    course.known_ids(std::slice::from_ref(&args.id))?;
    let mut progress = Progress::load(&course.root);
    let ex = course.manifest.get(&args.id).expect("known id");
    let relative = format!("exercises/src/{}", ex.file);
    let commit = progress.course_commit.clone().ok_or(
        "reset needs the course's git history (clone the course with git) to find the stub",
    )?;
    let stub = git(&course.root, &["show", &format!("{commit}:{relative}")])
        .ok_or_else(|| format!("cannot find the stub of {} at commit {commit}", ex.id))?;
    let path = course.root.join(&relative);
    if let Ok(current) = std::fs::read_to_string(&path) {
        if current.trim_end() == stub.trim_end() {
            println!("{} is already the stub; nothing to do.", relative);
            return Ok(ExitCode::SUCCESS);
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let backup = course
            .root
            .join(format!(".mathlings/backups/{}-{stamp}.rs", ex.id));
        std::fs::create_dir_all(backup.parent().expect("has parent")).map_err(|e| e.to_string())?;
        std::fs::write(&backup, current).map_err(|e| format!("cannot write the backup: {e}"))?;
        println!(
            "Your previous text is saved in {}",
            backup
                .strip_prefix(&course.root)
                .unwrap_or(&backup)
                .display()
        );
    }
    std::fs::write(&path, stub + "\n").map_err(|e| format!("cannot write {relative}: {e}"))?;
    progress.solved.remove(&ex.id);
    progress
        .save(&course.root)
        .map_err(|e| format!("cannot save progress: {e}"))?;
    println!("Restored the stub of {} ({relative}).", ex.id);
    Ok(ExitCode::SUCCESS)
}
