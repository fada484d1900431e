//! `cargo xtask list`: every exercise with its section, title and status.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::Course;
use crate::progress::Progress;

/// Output format of `list`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// A table for people.
    Text,
    /// A JSON array: `[{"id", "section", "title", "file", "points", "status"}]`, with
    /// status `solved` or `pending` (from the last check).
    Json,
}

/// Arguments of `list`.
#[derive(Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Runs `list`.
pub fn run(args: ListArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    let progress = Progress::load(&course.root);
    print!("{}", render(&course, &progress, args.format));
    Ok(ExitCode::SUCCESS)
}

/// The listing as text or JSON.
pub fn render(course: &Course, progress: &Progress, format: Format) -> String {
    let current = crate::check::current(course, progress);
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = course
                .manifest
                .exercises
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "id": e.id,
                        "section": e.section,
                        "title": e.title,
                        "file": format!("exercises/src/{}", e.file),
                        "points": e.points,
                        "status": if progress.solved.contains_key(&e.id) { "solved" } else { "pending" },
                    })
                })
                .collect();
            serde_json::to_string_pretty(&items).expect("serializable") + "\n"
        }
        Format::Text => {
            let mut out = String::new();
            for e in &course.manifest.exercises {
                let mark = if progress.solved.contains_key(&e.id) {
                    "✓"
                } else {
                    " "
                };
                let here = if e.id == current { "▶" } else { " " };
                out += &format!("{here}{mark} {:<5} {:<34} {}\n", e.section, e.id, e.title);
            }
            let done = course
                .manifest
                .exercises
                .iter()
                .filter(|e| progress.solved.contains_key(&e.id))
                .count();
            out += &format!(
                "\n{}\n",
                crate::render::progress_bar(done, course.manifest.exercises.len(), 30)
            );
            out
        }
    }
}
