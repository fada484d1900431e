//! `cargo xtask hint ID`: the next hint each time, then the further reading.

use std::process::ExitCode;

use clap::Args;

use crate::Course;
use crate::progress::Progress;

/// Arguments of `hint`.
#[derive(Args)]
pub struct HintArgs {
    /// The exercise (default: the current one).
    pub id: Option<String>,
}

/// Runs `hint`.
pub fn run(args: HintArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    let mut progress = Progress::load(&course.root);
    let id = match args.id {
        Some(id) => {
            course.known_ids(std::slice::from_ref(&id))?;
            id
        }
        None => crate::check::current(&course, &progress),
    };
    let again = format!("run `cargo xtask hint {id}` again");
    print!("{}", next_hint(&course, &mut progress, &id, &again));
    progress
        .save(&course.root)
        .map_err(|e| format!("cannot save progress: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Reveals the next hint of `id` (recording it) and returns the text to show; `again`
/// says how to ask for the following one.
pub fn next_hint(course: &Course, progress: &mut Progress, id: &str, again: &str) -> String {
    let ex = course.manifest.get(id).expect("known id");
    let shown = progress.hints_shown.entry(id.to_string()).or_insert(0);
    let mut out = String::new();
    if *shown < ex.hints.len() {
        *shown += 1;
        out += &format!(
            "Hint {} of {} for {} ({}):\n",
            shown,
            ex.hints.len(),
            ex.id,
            ex.title
        );
        for line in crate::render::wrap(&ex.hints[*shown - 1], 88) {
            out += &format!("  {line}\n");
        }
        if *shown < ex.hints.len() {
            out += &format!("({again} for the next hint)\n");
        }
    } else {
        out += &format!("No more hints for {}. Further reading:\n", ex.id);
        for r in &ex.reading {
            out += &format!("  • {r}\n");
        }
    }
    out
}
