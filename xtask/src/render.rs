//! Turns verdicts into what a learner reads: the property in words, the shrunk call, what
//! came back and what was expected, the misconception it looks like, and where to go next.

use crossterm::style::Stylize;
use mathlings_course::Exercise;

use crate::engine::{Status, Verdict};

/// Whether to colour output (a terminal, and `NO_COLOR` unset).
pub fn colour() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none()
        && (std::env::var_os(FORCE_COLOUR).is_some() || std::io::stdout().is_terminal())
}

/// Set by `watch` for the check it runs in a child process whose output is a pipe: the
/// compile errors it passes on are shown on watch's terminal, so rustc colours them.
pub const FORCE_COLOUR: &str = "MATHLINGS_FORCE_COLOUR";

/// `text` without terminal escape sequences (colours from rustc, rustfmt, clippy or insta
/// captured by a tool that thought it had a terminal).
pub fn without_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        // CSI: ESC [ parameters… final byte in @..=~; any other escape: ESC and one char.
        if chars.next_if_eq(&'[').is_some() {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out
}

fn paint(text: &str, colour: bool, f: fn(&str) -> String) -> String {
    if colour { f(text) } else { text.to_string() }
}

fn green(t: &str) -> String {
    t.green().to_string()
}
fn red(t: &str) -> String {
    t.red().to_string()
}
fn yellow(t: &str) -> String {
    t.yellow().to_string()
}
fn bold(t: &str) -> String {
    t.bold().to_string()
}
fn dim(t: &str) -> String {
    t.dim().to_string()
}

/// The full feedback for one exercise.
pub fn verdict(ex: &Exercise, v: &Verdict, hints_shown: usize, colour: bool) -> String {
    let ask = format!("`cargo xtask hint {}`", ex.id);
    verdict_asking(ex, v, hints_shown, colour, &ask)
}

/// [`verdict`], where `ask` says how to get the next hint (`press h` inside `watch`).
pub fn verdict_asking(
    ex: &Exercise,
    v: &Verdict,
    hints_shown: usize,
    colour: bool,
    ask: &str,
) -> String {
    let mut out = String::new();
    let mark = match v.status {
        Status::Pass => paint("✓", colour, green),
        Status::NotStarted => paint("○", colour, yellow),
        _ => paint("✗", colour, red),
    };
    let points = f64::from(ex.points) * v.fraction();
    out += &format!(
        "{mark} {} {} — {}  {}\n",
        paint(&ex.section, colour, bold),
        ex.id,
        ex.title,
        paint(
            &format!(
                "[{} · {:.1}/{} points]",
                v.status.words(),
                points,
                ex.points
            ),
            colour,
            dim
        ),
    );
    if let Some(detail) = &v.detail {
        let heading = match v.status {
            Status::CompileError => "It does not compile yet; rustc says:",
            Status::ForbiddenCall => {
                "It calls a routine that does this exercise's work — write it yourself:"
            }
            Status::Timeout => "It did not finish:",
            Status::Crashed => "It crashed:",
            Status::Missing => "The file is missing:",
            Status::Refused => "The file was not read:",
            Status::SandboxViolation => "It reaches outside your exercises folder:",
            Status::Pass | Status::Fail | Status::NotStarted => "Note:",
        };
        out += &format!("  {}\n", paint(heading, colour, yellow));
        for line in detail.lines() {
            out += &format!("    {line}\n");
        }
    }
    if let (Status::NotStarted, Some(report)) = (v.status, &v.report) {
        out += &format!(
            "  {} replace the `todo!()` in exercises/src/{} — your answer must keep these properties:\n",
            paint("Not started yet:", colour, yellow),
            ex.file
        );
        for p in &report.properties {
            out += &format!("  {} {}\n", paint("·", colour, dim), p.description);
        }
    } else if let Some(report) = &v.report {
        for p in &report.properties {
            let mark = if p.passed {
                paint("✓", colour, green)
            } else {
                paint("✗", colour, red)
            };
            out += &format!("  {mark} {}\n", p.description);
            if let Some(f) = &p.failure {
                out += &format!("      {}  {}\n", paint("call:    ", colour, dim), f.call);
                out += &format!(
                    "      {}  {}\n",
                    paint("returned:", colour, dim),
                    indent(&f.returned)
                );
                out += &format!(
                    "      {}  {}\n",
                    paint("expected:", colour, dim),
                    indent(&f.expected)
                );
            }
            if let Some(printed) = &p.output {
                out += &format!("      {}\n", paint("your code printed:", colour, dim));
                let lines: Vec<&str> = printed.lines().collect();
                for line in lines.iter().take(12) {
                    out += &format!("        │ {line}\n");
                }
                if lines.len() > 12 {
                    out += &format!("        │ … ({} more lines)\n", lines.len() - 12);
                }
            }
        }
        if let Some(d) = &report.diagnosis {
            out += &format!(
                "  {} ({}):\n",
                paint("This looks like a known misconception", colour, yellow),
                d.id
            );
            for line in wrap(&d.explanation, 84) {
                out += &format!("    {line}\n");
            }
        }
    }
    if v.status != Status::Pass {
        let next = if hints_shown < ex.hints.len() {
            format!("hint {} of {}", hints_shown + 1, ex.hints.len())
        } else {
            "further reading".into()
        };
        out += &format!("  {} {ask} ({next})\n", paint("Stuck?", colour, dim));
    }
    out
}

fn indent(text: &str) -> String {
    text.replace('\n', "\n                 ")
}

/// Greedy word wrap.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("non-empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// A progress bar: `▕██████░░░░░░░░▏ 12/64`.
pub fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "▕{}{}▏ {done}/{total}",
        "█".repeat(filled),
        "░".repeat(width - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_removed_and_the_text_kept() {
        let painted = format!("{} {}\n+ added", "error".red().bold(), "ok".green());
        assert_ne!(painted, "error ok\n+ added");
        assert_eq!(without_colour(&painted), "error ok\n+ added");
        assert_eq!(without_colour("plain ✓ text"), "plain ✓ text");
    }
}
