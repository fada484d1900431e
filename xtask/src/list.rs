//! `cargo xtask list`: every exercise with its section, title and status.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use mathlings_course::Exercise;

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
                out += &row(e, progress, &current);
                out += "\n";
            }
            out += &format!("\n{}\n", solved_bar(course, progress));
            out
        }
    }
}

/// One exercise as a line: `▶✓ 1.3   s1_3_sample_variance   Sample variance…` (▶ the
/// current exercise, ✓ solved).
fn row(e: &Exercise, progress: &Progress, current: &str) -> String {
    let mark = if progress.solved.contains_key(&e.id) {
        "✓"
    } else {
        " "
    };
    let here = if e.id == current { "▶" } else { " " };
    format!("{here}{mark} {:<5} {:<34} {}", e.section, e.id, e.title)
}

fn solved_bar(course: &Course, progress: &Progress) -> String {
    let done = course
        .manifest
        .exercises
        .iter()
        .filter(|e| progress.solved.contains_key(&e.id))
        .count();
    crate::render::progress_bar(done, course.manifest.exercises.len(), 30)
}

/// The list inside `watch` (`l`): where its cursor is and which rows it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Menu {
    /// Index of the highlighted exercise in the manifest.
    pub selected: usize,
    /// Index of the first exercise shown.
    pub first: usize,
}

impl Menu {
    /// The list opened on exercise `current`.
    pub fn at(course: &Course, current: &str) -> Menu {
        let selected = course.manifest.position(current).unwrap_or(0);
        Menu { selected, first: 0 }
    }

    /// Moves the cursor by `delta` rows, staying on the list.
    pub fn step(&mut self, course: &Course, delta: isize) {
        let last = course.manifest.exercises.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The screen for a terminal of `rows` × `cols`: a title, as many exercises as fit
    /// (scrolled so that the cursor is visible), the progress bar and `status` (the keys,
    /// or a question). Never more than `rows` lines, none wider than `cols` characters.
    pub fn render(
        &mut self,
        course: &Course,
        progress: &Progress,
        current: &str,
        rows: usize,
        cols: usize,
        status: &str,
    ) -> Vec<String> {
        // Title, blank line, progress bar, status: four rows around the exercises.
        let visible = rows.saturating_sub(4).max(1);
        if self.selected < self.first {
            self.first = self.selected;
        } else if self.selected >= self.first + visible {
            self.first = self.selected + 1 - visible;
        }
        let exercises = &course.manifest.exercises;
        let mut lines = vec![format!(
            "Exercises {}–{} of {}",
            self.first + 1,
            (self.first + visible).min(exercises.len()),
            exercises.len()
        )];
        for (i, e) in exercises.iter().enumerate().skip(self.first).take(visible) {
            let cursor = if i == self.selected { "›" } else { " " };
            lines.push(format!("{cursor}{}", row(e, progress, current)));
        }
        lines.push(String::new());
        lines.push(solved_bar(course, progress));
        lines.push(status.to_string());
        lines
            .into_iter()
            .take(rows)
            .map(|line| line.chars().take(cols.saturating_sub(1)).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_fits_a_24_row_terminal_and_follows_the_cursor() {
        let course = Course::load().unwrap();
        let progress = Progress::default();
        let total = course.manifest.exercises.len();
        assert!(
            total > 24,
            "the course must be longer than a screen for this test"
        );
        let current = course.manifest.exercises[0].id.clone();
        let mut menu = Menu::at(&course, &current);
        for _ in 0..total + 5 {
            let lines = menu.render(&course, &progress, &current, 24, 80, "keys");
            assert!(lines.len() <= 24, "{} lines", lines.len());
            assert!(lines.iter().all(|l| l.chars().count() < 80));
            let selected = &course.manifest.exercises[menu.selected].id;
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with('›') && l.contains(selected.as_str())),
                "the cursor's row is not shown: {lines:#?}"
            );
            menu.step(&course, 1);
        }
        assert_eq!(
            menu.selected,
            total - 1,
            "the cursor stops at the last exercise"
        );
        menu.step(&course, -1000);
        assert_eq!(menu.selected, 0, "and at the first");
    }
}
