//! `cargo xtask plot [ID] [--format svg|png] [--open]`: draw an exercise's figures — the
//! learner's answer against the reference — into `.mathlings/plots/`, and keep the gallery
//! `.mathlings/plots/index.html` of every exercise plotted so far.
//!
//! The learner's exercise is built exactly as `check ID` builds it (`Grader::build_one`),
//! and the figures are drawn by the judge's `plot` verb, which reaches the learner's
//! functions only through the sandboxed learner process: no learner code runs here. PNG
//! files are rasterised from the judge's SVG by the course's `mathlings-png` binary, built
//! the first time a PNG is asked for (resvg is too large a build to make every learner's
//! first start pay for it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use mathlings_course::Manifest;
use mathlings_plot::{Figure, PlotResponse};
use serde::{Deserialize, Serialize};

use crate::engine::{Build, Grader, RunFailure};
use crate::progress::Progress;
use crate::{Course, RunOptions};

/// Arguments of `plot`.
#[derive(Args)]
pub struct PlotArgs {
    /// The exercise to plot (default: the current exercise).
    pub id: Option<String>,
    /// The files' format: SVG (any browser) or PNG (terminals and editors that show images).
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// Open the figure with the system's opener (xdg-open, open).
    #[arg(long)]
    pub open: bool,
    /// Plot the exercise files in this folder (laid out like exercises/src) instead of the
    /// working tree's; used by the grader's own tests.
    #[arg(long, hide = true, value_name = "DIR")]
    pub exercises_dir: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunOptions,
}

/// The format of the written figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Scalable vector graphics, as the judge draws them.
    Svg,
    /// Portable network graphics, rasterised with resvg (built the first time).
    Png,
}

/// What the gallery knows of one written figure (kept beside the figures, one file per
/// exercise: `<id>.json`).
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    file: String,
    title: String,
    caption: String,
}

/// Runs `plot`.
pub fn run(args: PlotArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    let ids: Vec<String> = args.id.iter().cloned().collect();
    course.known_ids(&ids)?;
    let state_root = crate::check::state_root(&course, args.exercises_dir.as_deref());
    let id = match args.id {
        Some(id) => id,
        None => crate::check::current(&course, &Progress::load(&state_root)),
    };
    let grader = crate::check::grader(&course, &args.run, args.exercises_dir.as_deref())?;
    if let Some(line) = crate::sandboxing::unconfined_note() {
        eprintln!("{line}");
    }
    let figures = learner_figures(&grader, &id)?;
    let dir = plots_dir(&state_root);
    let written = write_figures(&dir, &id, &figures)?;
    let written = match args.format {
        Format::Svg => written,
        Format::Png => to_png(&grader, &written)?,
    };
    let index = write_index(&dir, &course.manifest)?;
    if written.is_empty() {
        println!("{id} has no figures yet.");
    }
    for file in &written {
        println!("{}", file.display());
    }
    println!("{}", index.display());
    if args.open
        && let Some(first) = written.first()
    {
        open(first)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The plots folder of the learner whose state lives in `state_root`.
pub fn plots_dir(state_root: &Path) -> PathBuf {
    state_root.join(".mathlings/plots")
}

/// Builds the learner's exercise `id` as `check ID` does and asks the judge for its
/// figures, drawn from what the learner process returns.
///
/// # Errors
/// When the course cannot be built, the learner's file is left out of the build (it does
/// not compile, is missing, calls what it may not…), or the judge fails.
pub fn learner_figures(grader: &Grader, id: &str) -> Result<Vec<Figure>, String> {
    let build = grader.build_one(id).map_err(|e| e.to_string())?;
    judge_figures(grader, &build, id)
}

/// Asks the judge for the figures of exercise `id` of an existing `build` (the part of a
/// plot that draws: the judge, and the learner process it calls).
///
/// # Errors
/// As [`learner_figures`].
pub fn judge_figures(grader: &Grader, build: &Build, id: &str) -> Result<Vec<Figure>, String> {
    let ex = grader
        .manifest
        .get(id)
        .ok_or_else(|| format!("unknown exercise `{id}`"))?;
    if let Some(excluded) = build.excluded(id) {
        return Err(format!(
            "cannot plot {id}: {} (run `cargo xtask check {id}` to see why)",
            excluded.status.words()
        ));
    }
    let learner = build
        .learner()
        .ok_or_else(|| format!("cannot plot {id}: nothing was built"))?;
    let answer: PlotResponse = grader
        .judge_answer(build, "plot", id, "learner", Some(learner), ex)
        .map_err(|failure| match failure {
            RunFailure::Timeout(t) => {
                format!(
                    "cannot plot {id}: the judge did not finish within {} s",
                    t.as_secs()
                )
            }
            RunFailure::Crashed(detail) => format!("cannot plot {id}: {detail}"),
        })?;
    Ok(answer.figures)
}

/// The file name of figure `index` of exercise `id`: `<id>.svg` for the first,
/// `<id>-<figure id>.svg` for the others.
fn file_name(id: &str, index: usize, figure: &Figure) -> String {
    if index == 0 {
        format!("{id}.svg")
    } else {
        format!("{id}-{}.svg", figure.id)
    }
}

/// Writes the figures of `id` into `dir` as SVG (and the gallery's record of them); their
/// paths.
fn write_figures(dir: &Path, id: &str, figures: &[Figure]) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let mut entries = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        let name = file_name(id, i, figure);
        let path = dir.join(&name);
        std::fs::write(&path, &figure.svg)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
        entries.push(Entry {
            file: name,
            title: figure.title.clone(),
            caption: figure.caption.clone(),
        });
    }
    let record = dir.join(format!("{id}.json"));
    let text = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?;
    std::fs::write(&record, text).map_err(|e| format!("cannot write {}: {e}", record.display()))?;
    Ok(written)
}

/// Rasterises the SVG files `svgs` into PNG files beside them (`x.svg` → `x.png`) with the
/// course's `mathlings-png` binary, built the first time; the PNG files' paths. The gallery
/// keeps linking the SVG files, which every browser shows.
///
/// # Errors
/// When the rasteriser cannot be built or fails on a file.
fn to_png(grader: &Grader, svgs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if svgs.is_empty() {
        return Ok(Vec::new());
    }
    let tool = grader
        .build_course_binary(PNG_TOOL)
        .map_err(|e| format!("cannot build the PNG rasteriser: {e}"))?;
    let pngs: Vec<PathBuf> = svgs.iter().map(|p| p.with_extension("png")).collect();
    let out = std::process::Command::new(&tool)
        .args(svgs.iter().zip(&pngs).flat_map(|(s, p)| [s, p]))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tool.display()))?;
    if !out.status.success() {
        return Err(format!(
            "the PNG rasteriser failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(pngs)
}

/// The course's PNG rasteriser (`crates/png`).
const PNG_TOOL: &str = "mathlings-png";

/// Rewrites `dir/index.html`: every figure of every exercise with a record in `dir`, in
/// the course's order, linking only files that exist. Well-formed XHTML, self-contained.
fn write_index(dir: &Path, manifest: &Manifest) -> Result<PathBuf, String> {
    let mut body = String::new();
    for ex in &manifest.exercises {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{}.json", ex.id))) else {
            continue;
        };
        let entries: Vec<Entry> = serde_json::from_str(&text).unwrap_or_default();
        let shown: Vec<&Entry> = entries
            .iter()
            .filter(|e| !e.file.contains('/') && dir.join(&e.file).is_file())
            .collect();
        if shown.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "<section id=\"{}\">\n<h2>{} — {}</h2>\n",
            escape(&ex.id),
            escape(&ex.section),
            escape(&ex.title)
        ));
        for e in shown {
            body.push_str(&format!(
                "<figure>\n<a href=\"{file}\"><img src=\"{file}\" alt=\"{title}\"/></a>\n\
                 <figcaption><strong>{title}</strong> — {caption}</figcaption>\n</figure>\n",
                file = escape(&e.file),
                title = escape(&e.title),
                caption = escape(&e.caption),
            ));
        }
        body.push_str("</section>\n");
    }
    if body.is_empty() {
        body.push_str("<p>No figures yet: run <code>cargo xtask plot</code>.</p>\n");
    }
    let html = format!(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n<title>mathlings — your figures</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 2em; color: #222; }}\n\
         figure {{ margin: 1em 0 2em; }}\n\
         img {{ max-width: 100%; border: 1px solid #ddd; }}\n\
         figcaption {{ max-width: 60em; }}\n\
         </style>\n</head>\n<body>\n<h1>mathlings — your answers, seen</h1>\n\
         <p>Each figure draws your functions (vermillion, “yours”) against the reference \
         (blue). Re-plot with <code>cargo xtask plot ID</code>.</p>\n{body}</body>\n</html>\n"
    );
    let path = dir.join("index.html");
    std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// `text` with XML's special characters escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Opens `path` with the system's opener.
fn open(path: &Path) -> Result<(), String> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let on_path = std::env::var_os("PATH")
        .is_some_and(|dirs| std::env::split_paths(&dirs).any(|d| d.join(opener).is_file()));
    if !on_path {
        return Err(format!(
            "cannot open {}: no `{opener}` on this system (open the file yourself)",
            path.display()
        ));
    }
    std::process::Command::new(opener)
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot open {}: {opener}: {e}", path.display()))
}
