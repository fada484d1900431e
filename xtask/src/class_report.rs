//! The class report written by `gradebook merge`: what a whole class scored, which
//! exercises it passed, skipped or crashed, which properties it failed, which registered
//! misconceptions it holds (ranked by how many submissions were diagnosed with each, with
//! the explanation learners read) and which exercises took longest to check.
//!
//! Two renderings of the same numbers: Markdown (for `$GITHUB_STEP_SUMMARY`) and a
//! self-contained HTML page (inline CSS and SVG charts, no script, no external resource;
//! well-formed XML). Both are functions of the merged reports alone: no timestamps.

use std::collections::BTreeMap;

use crate::engine::Status;
use crate::grade::Graded;
use crate::gradebook::ShardManifest;
use crate::report::GradeReport;

/// Every status, in the order the report's columns show them.
const STATUSES: [Status; 10] = [
    Status::Pass,
    Status::Fail,
    Status::NotStarted,
    Status::Crashed,
    Status::Timeout,
    Status::CompileError,
    Status::ForbiddenCall,
    Status::Missing,
    Status::Refused,
    Status::SandboxViolation,
];

/// Statuses shown even when no submission has them.
const ALWAYS_SHOWN: [Status; 4] = [
    Status::Pass,
    Status::Fail,
    Status::NotStarted,
    Status::Crashed,
];

/// Score bins of the distribution: 0–10 %, …, 90–100 % (100 % in the last).
const BINS: usize = 10;

/// The longest bar of the Markdown histogram, in characters.
const BAR: usize = 40;

/// How many exercises the "slowest" table lists.
const SLOWEST: usize = 10;

/// The class, summarised.
pub struct ClassReport<'a> {
    manifest: &'a ShardManifest,
    /// Percentages of the graded submissions.
    percents: Vec<f64>,
    /// Submissions that could not be graded, with the first line of the reason.
    not_gradable: Vec<(&'a str, &'a str)>,
    /// Per exercise, in the gradebook's order.
    exercises: Vec<ExerciseStats<'a>>,
}

/// One exercise across the class.
struct ExerciseStats<'a> {
    id: &'a str,
    section: &'a str,
    title: &'a str,
    /// Submissions graded on this exercise.
    graded: usize,
    /// Count per status (index into [`STATUSES`]).
    statuses: [usize; STATUSES.len()],
    /// Per property, in the checks' order: failures among the submissions whose checks
    /// ran on it (not started, compile errors and the like have no properties).
    properties: Vec<PropertyStats<'a>>,
    /// Diagnosed misconceptions, most frequent first (then by id).
    misconceptions: Vec<MisconceptionStats<'a>>,
    /// Mean and largest wall time of the checks, over the submissions whose checks ran.
    seconds: Option<(f64, f64)>,
}

struct PropertyStats<'a> {
    id: &'a str,
    description: &'a str,
    failed: usize,
    checked: usize,
}

struct MisconceptionStats<'a> {
    id: &'a str,
    explanation: &'a str,
    submissions: usize,
}

impl<'a> ClassReport<'a> {
    /// Summarises `results` (every submission of the class) graded as `manifest` says.
    pub fn new(manifest: &'a ShardManifest, results: &'a [Graded]) -> ClassReport<'a> {
        let reports: Vec<&GradeReport> = results
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .collect();
        let not_gradable = results
            .iter()
            .filter_map(|(name, r)| {
                r.as_ref().err().map(|reason| {
                    let line = reason.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    (name.as_str(), line.trim())
                })
            })
            .collect();
        let exercises = manifest
            .exercises
            .iter()
            .map(|id| ExerciseStats::new(id, &reports))
            .collect();
        ClassReport {
            manifest,
            percents: reports.iter().map(|r| r.percent()).collect(),
            not_gradable,
            exercises,
        }
    }

    /// Submissions per score bin.
    fn histogram(&self) -> [usize; BINS] {
        let mut bins = [0; BINS];
        for p in &self.percents {
            let bin = ((p / (100.0 / BINS as f64)).floor() as usize).min(BINS - 1);
            bins[bin] += 1;
        }
        bins
    }

    /// The statuses that get a column: the usual four, and any other some submission has.
    fn columns(&self) -> Vec<usize> {
        (0..STATUSES.len())
            .filter(|&i| {
                ALWAYS_SHOWN.contains(&STATUSES[i])
                    || self.exercises.iter().any(|e| e.statuses[i] > 0)
            })
            .collect()
    }

    /// Exercises whose checks ran, slowest (by mean) first.
    fn slowest(&self) -> Vec<(&ExerciseStats<'a>, f64, f64)> {
        let mut timed: Vec<_> = self
            .exercises
            .iter()
            .filter_map(|e| e.seconds.map(|(mean, max)| (e, mean, max)))
            .collect();
        timed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.id.cmp(b.0.id)));
        timed.truncate(SLOWEST);
        timed
    }

    /// One line: the class's size, seed, cases and course.
    fn heading_line(&self) -> String {
        let m = self.manifest;
        format!(
            "{} submission(s), {} graded, {} not gradable · {} exercise(s) · seed {} · {} cases per property · course {} (fingerprint {})",
            m.submissions.len(),
            self.percents.len(),
            self.not_gradable.len(),
            m.exercises.len(),
            m.seed,
            m.cases,
            m.course.version,
            m.course.fingerprint
        )
    }

    /// Mean, median, lowest and highest score, in words.
    fn score_line(&self) -> String {
        if self.percents.is_empty() {
            return "No submission was graded.".into();
        }
        let mut sorted = self.percents.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        format!(
            "Mean {:.1} %, median {:.1} %, lowest {:.1} %, highest {:.1} %.",
            sorted.iter().sum::<f64>() / n as f64,
            median,
            sorted[0],
            sorted[n - 1]
        )
    }

    /// Markdown, e.g. for `$GITHUB_STEP_SUMMARY`.
    pub fn markdown(&self) -> String {
        let mut out = format!("## mathlings class report\n\n{}\n", self.heading_line());

        out += &format!(
            "\n### Scores\n\n{}\n\n| score | submissions | |\n|---|---:|---|\n",
            self.score_line()
        );
        let bins = self.histogram();
        let highest = bins.iter().copied().max().unwrap_or(0).max(1);
        for (i, count) in bins.iter().enumerate() {
            let bar = "█".repeat((count * BAR).div_ceil(highest));
            out += &format!("| {} | {count} | {bar} |\n", bin_label(i));
        }

        let columns = self.columns();
        out += "\n### Exercises\n\n| section | exercise |";
        for &c in &columns {
            out += &format!(" {} |", STATUSES[c].words());
        }
        out += "\n|---|---|";
        out += &"---:|".repeat(columns.len());
        out += "\n";
        for e in &self.exercises {
            out += &format!("| {} | `{}` {} |", e.section, e.id, md_escape(e.title));
            for &c in &columns {
                out += &format!(" {} |", share(e.statuses[c], e.graded));
            }
            out += "\n";
        }

        out += "\n### What the class misunderstood\n\nRegistered misconceptions, by the number of submissions diagnosed with each.\n";
        let mut any = false;
        for e in self
            .exercises
            .iter()
            .filter(|e| !e.misconceptions.is_empty())
        {
            any = true;
            out += &format!("\n**`{}`** {}\n\n", e.id, md_escape(e.title));
            for (rank, m) in e.misconceptions.iter().enumerate() {
                out += &format!(
                    "{}. *{}* — {} — {}\n",
                    rank + 1,
                    m.id,
                    submissions(m.submissions, e.graded),
                    md_escape(m.explanation)
                );
            }
        }
        if !any {
            out += "\nNo submission was diagnosed with a registered misconception.\n";
        }

        out += "\n### Properties\n\nThe failure rate of each property that some submission failed, among the submissions whose checks ran on it.\n";
        let mut rows = String::new();
        let mut never_failed = 0;
        for e in &self.exercises {
            for p in &e.properties {
                if p.failed == 0 {
                    never_failed += 1;
                    continue;
                }
                rows += &format!(
                    "| `{}` | `{}` {} | {} of {} | {} |\n",
                    e.id,
                    p.id,
                    md_escape(p.description),
                    p.failed,
                    p.checked,
                    percent(p.failed, p.checked)
                );
            }
        }
        if !rows.is_empty() {
            out += "\n| exercise | property | failed | |\n|---|---|---:|---|\n";
            out += &rows;
        }
        if never_failed > 0 {
            out += &format!(
                "\n{never_failed} {}propert{} failed for no submission (the HTML page lists every property).\n",
                if rows.is_empty() { "" } else { "other " },
                if never_failed == 1 { "y" } else { "ies" }
            );
        }

        out += "\n### Slowest exercises\n\nWall time of the checks per submission (the build excluded).\n\n| exercise | mean | slowest |\n|---|---:|---:|\n";
        for (e, mean, max) in self.slowest() {
            out += &format!("| `{}` | {mean:.2} s | {max:.2} s |\n", e.id);
        }

        if !self.not_gradable.is_empty() {
            out += "\n### Not gradable\n\n";
            for (name, reason) in &self.not_gradable {
                out += &format!("- `{name}`: {}\n", md_escape(reason));
            }
        }
        out
    }

    /// A self-contained HTML page (inline CSS and SVG, no script, no external resource).
    pub fn html(&self) -> String {
        let mut out = String::from(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
             <title>mathlings class report</title>\n<style>\n",
        );
        out += CSS;
        out += "</style>\n</head>\n<body>\n<h1>mathlings class report</h1>\n";
        out += &format!("<p class=\"meta\">{}</p>\n", esc(&self.heading_line()));

        out += &format!("<h2>Scores</h2>\n<p>{}</p>\n", esc(&self.score_line()));
        out += "<figure>\n";
        out += &crate::class_charts::score_histogram(&self.histogram(), self.manifest.seed);
        out += "<figcaption>Submissions per score band.</figcaption>\n</figure>\n";

        let columns = self.columns();
        out += "<h2>Exercises</h2>\n<figure>\n";
        let shares: Vec<(&str, Vec<f64>)> = columns
            .iter()
            .map(|&c| {
                let share = self.exercises.iter().map(|e| {
                    if e.graded == 0 {
                        0.0
                    } else {
                        100.0 * e.statuses[c] as f64 / e.graded as f64
                    }
                });
                (STATUSES[c].words(), share.collect())
            })
            .collect();
        out += &crate::class_charts::status_panels(&shares, self.manifest.seed);
        out += "<figcaption>Per status, the share of the class in it for each exercise (numbered as in the table).</figcaption>\n</figure>\n";
        out += "<table>\n<thead><tr><th class=\"num\">#</th><th>section</th><th>exercise</th>";
        for &c in &columns {
            out += &format!("<th class=\"num\">{}</th>", STATUSES[c].words());
        }
        out += "</tr></thead>\n<tbody>\n";
        for (i, e) in self.exercises.iter().enumerate() {
            out += &format!(
                "<tr><td class=\"num\">{}</td><td>{}</td><td><code>{}</code> {}</td>",
                i + 1,
                esc(e.section),
                esc(e.id),
                esc(e.title)
            );
            for &c in &columns {
                out += &format!("<td class=\"num\">{}</td>", share(e.statuses[c], e.graded));
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";

        out += "<h2>What the class misunderstood</h2>\n<p>Registered misconceptions, by the number of submissions diagnosed with each.</p>\n";
        let mut any = false;
        for e in self
            .exercises
            .iter()
            .filter(|e| !e.misconceptions.is_empty())
        {
            any = true;
            out += &format!(
                "<h3><code>{}</code> {}</h3>\n<ol>\n",
                esc(e.id),
                esc(e.title)
            );
            for m in &e.misconceptions {
                out += &format!(
                    "<li><strong>{}</strong> — {}<p>{}</p></li>\n",
                    esc(m.id),
                    submissions(m.submissions, e.graded),
                    esc(m.explanation)
                );
            }
            out += "</ol>\n";
        }
        if !any {
            out += "<p>No submission was diagnosed with a registered misconception.</p>\n";
        }

        out += "<h2>Properties</h2>\n<p>The failure rate of each property among the submissions whose checks ran on it.</p>\n\
                <table>\n<thead><tr><th>exercise</th><th>property</th><th class=\"num\">failed</th><th class=\"num\">rate</th></tr></thead>\n<tbody>\n";
        for e in &self.exercises {
            for p in &e.properties {
                let rate = if p.checked == 0 {
                    0.0
                } else {
                    p.failed as f64 / p.checked as f64
                };
                out += &format!(
                    "<tr><td><code>{}</code></td><td><code>{}</code> {}</td><td class=\"num\">{} of {}</td>\
                     <td class=\"num\"><span class=\"rate\" style=\"width: {:.0}px\"></span> {}</td></tr>\n",
                    esc(e.id),
                    esc(p.id),
                    esc(p.description),
                    p.failed,
                    p.checked,
                    rate * 60.0,
                    percent(p.failed, p.checked)
                );
            }
        }
        out += "</tbody>\n</table>\n";

        out += "<h2>Slowest exercises</h2>\n<p>Wall time of the checks per submission (the build excluded).</p>\n\
                <table>\n<thead><tr><th>exercise</th><th class=\"num\">mean</th><th class=\"num\">slowest</th></tr></thead>\n<tbody>\n";
        for (e, mean, max) in self.slowest() {
            out += &format!(
                "<tr><td><code>{}</code></td><td class=\"num\">{mean:.2} s</td><td class=\"num\">{max:.2} s</td></tr>\n",
                esc(e.id)
            );
        }
        out += "</tbody>\n</table>\n";

        if !self.not_gradable.is_empty() {
            out += "<h2>Not gradable</h2>\n<ul>\n";
            for (name, reason) in &self.not_gradable {
                out += &format!("<li><code>{}</code>: {}</li>\n", esc(name), esc(reason));
            }
            out += "</ul>\n";
        }
        out += "</body>\n</html>\n";
        out
    }
}

impl<'a> ExerciseStats<'a> {
    fn new(id: &'a str, reports: &[&'a GradeReport]) -> ExerciseStats<'a> {
        let graded: Vec<_> = reports
            .iter()
            .filter_map(|r| r.exercises.iter().find(|e| e.id == id))
            .collect();
        let mut statuses = [0; STATUSES.len()];
        let mut properties: Vec<PropertyStats<'a>> = Vec::new();
        let mut misconceptions: BTreeMap<&'a str, MisconceptionStats<'a>> = BTreeMap::new();
        let mut times = Vec::new();
        for e in &graded {
            if let Some(i) = STATUSES.iter().position(|s| *s == e.status) {
                statuses[i] += 1;
            }
            for p in &e.properties {
                let stats = match properties.iter_mut().find(|s| s.id == p.id) {
                    Some(stats) => stats,
                    None => {
                        properties.push(PropertyStats {
                            id: &p.id,
                            description: &p.description,
                            failed: 0,
                            checked: 0,
                        });
                        properties.last_mut().expect("just pushed")
                    }
                };
                stats.checked += 1;
                stats.failed += usize::from(!p.passed);
            }
            if let Some(d) = &e.misconception {
                misconceptions
                    .entry(&d.id)
                    .or_insert(MisconceptionStats {
                        id: &d.id,
                        explanation: &d.explanation,
                        submissions: 0,
                    })
                    .submissions += 1;
            }
            if !e.properties.is_empty() || e.seconds > 0.0 {
                times.push(e.seconds);
            }
        }
        let mut misconceptions: Vec<_> = misconceptions.into_values().collect();
        misconceptions.sort_by(|a, b| b.submissions.cmp(&a.submissions).then(a.id.cmp(b.id)));
        let seconds = (!times.is_empty()).then(|| {
            (
                times.iter().sum::<f64>() / times.len() as f64,
                times.iter().copied().fold(0.0, f64::max),
            )
        });
        let first = graded.first();
        ExerciseStats {
            id,
            section: first.map_or("", |e| e.section.as_str()),
            title: first.map_or("", |e| e.title.as_str()),
            graded: graded.len(),
            statuses,
            properties,
            misconceptions,
            seconds,
        }
    }
}

const CSS: &str = "\
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; } h3 { font-size: 1rem; }
.meta { color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th.num, td.num { text-align: right; white-space: nowrap; }
code { font-size: 0.85em; }
figure { margin: 1rem 0; } figcaption { color: #555; font-size: 0.85rem; }
svg { max-width: 100%; height: auto; }
.rate { display: inline-block; height: 0.7em; background: #D55E00; }
li p { margin: 0.2rem 0 0.6rem; }
";

fn bin_label(i: usize) -> String {
    let width = 100 / BINS;
    format!("{}–{} %", i * width, (i + 1) * width)
}

/// "3 (43%)", or "0" for none.
fn share(count: usize, total: usize) -> String {
    if count == 0 {
        "0".into()
    } else {
        format!("{count} ({})", percent(count, total))
    }
}

/// "43%".
fn percent(count: usize, total: usize) -> String {
    if total == 0 {
        "–".into()
    } else {
        format!("{:.0}%", 100.0 * count as f64 / total as f64)
    }
}

/// "2 submissions (29%)".
fn submissions(count: usize, total: usize) -> String {
    format!(
        "{count} submission{} ({})",
        if count == 1 { "" } else { "s" },
        percent(count, total)
    )
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Escapes text for HTML and XML alike.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradebook::status_id;

    #[test]
    fn scores_fall_in_their_bins_and_100_in_the_last() {
        assert_eq!(bin_label(0), "0–10 %");
        let manifest: ShardManifest = serde_json::from_value(serde_json::json!({
            "shard": 1, "shards": 1, "seed": 1, "cases": 1,
            "course": {"version": "0", "fingerprint": "0"},
            "exercises": [], "submissions": []
        }))
        .unwrap();
        let report = ClassReport {
            manifest: &manifest,
            percents: vec![0.0, 9.99, 10.0, 55.0, 100.0],
            not_gradable: Vec::new(),
            exercises: Vec::new(),
        };
        assert_eq!(report.histogram(), [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(esc("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
    }

    #[test]
    fn status_ids_are_the_json_spelling() {
        assert_eq!(status_id(STATUSES[2]), "not_started");
    }
}
