//! `cargo xtask gradebook merge`: brings the outputs of `grade --batch` (one folder per
//! shard of a class, e.g. one per job of a CI matrix) back together into one gradebook and
//! one class report.
//!
//! Every `grade --batch --out DIR` writes, beside the per-submission JSON reports, a shard
//! manifest ([`SHARD_FILE`]): which shard it was (K/N, 1/1 when unsharded), the seed, the
//! case count, the course identity, the exercises graded and every submission it took (with
//! the reason when one was not gradable). Merge refuses to mix: the shards must agree on
//! N, seed, cases, course identity and exercises, and each report with its shard; every
//! shard 1…N must be given exactly once, and no submission may appear twice. The output is
//! a function of the inputs alone (sorted by submission name, no timestamps), so merging
//! the same shards twice gives byte-identical files; its `gradebook.csv` is written by the
//! same function as an unsharded batch's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};

use crate::class_report::ClassReport;
use crate::engine::Status;
use crate::grade::Graded;
use crate::report::GradeReport;

/// The shard manifest's file name in a batch's output folder.
pub const SHARD_FILE: &str = "mathlings-shard.json";

/// The gradebook's file name (written by a batch and by a merge).
pub const GRADEBOOK_FILE: &str = "gradebook.csv";
/// The class report, Markdown.
pub const CLASS_MARKDOWN_FILE: &str = "class-report.md";
/// The class report, a self-contained HTML page.
pub const CLASS_HTML_FILE: &str = "class-report.html";

/// Arguments of `gradebook`.
#[derive(Args)]
pub struct GradebookArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Merge the output folders of `grade --batch --shard K/N --out DIR` into one
    /// gradebook.csv and a class report (class-report.md, class-report.html).
    Merge(MergeArgs),
}

/// Arguments of `gradebook merge`.
#[derive(Args)]
struct MergeArgs {
    /// The shards' output folders (each written by `grade --batch --out DIR`).
    #[arg(required = true, value_name = "SHARD_DIR")]
    shards: Vec<PathBuf>,
    /// Where to write gradebook.csv, class-report.md and class-report.html.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `gradebook`.
pub fn run(args: GradebookArgs) -> Result<ExitCode, String> {
    match args.action {
        Action::Merge(merge_args) => {
            let started = std::time::Instant::now();
            let merged = merge(&merge_args.shards)?;
            merged.write(&merge_args.out)?;
            println!(
                "merged {} shard(s): {} submission(s) ({} not gradable) in {:.2} s · {}",
                merge_args.shards.len(),
                merged.results.len(),
                merged.results.iter().filter(|(_, r)| r.is_err()).count(),
                started.elapsed().as_secs_f64(),
                merge_args.out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What determined a report's verdicts: the grader's version and a fingerprint of the
/// course's content. Reports that differ in either are never merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseIdentity {
    /// The grader's version.
    pub version: String,
    /// 16 hex digits: [`mathlings_course::fingerprint`] of the files in [`FINGERPRINTED`],
    /// by relative path and content, in sorted order.
    pub fingerprint: String,
}

/// The course's files and folders (relative to its root) whose content determines a
/// verdict: the manifest, the checks and their snapshots, the interface, the solutions
/// (a diagnosis compares with their fingerprint), the reference crates and the data.
pub const FINGERPRINTED: [&str; 9] = [
    "course.toml",
    "crates/checks",
    "crates/bindings/src",
    "solutions/src",
    "crates/stats/src",
    "crates/linalg/src",
    "crates/calculus/src",
    "crates/models/src",
    "data",
];

impl CourseIdentity {
    /// The identity of the course at `root`.
    pub fn of(root: &Path) -> Result<CourseIdentity, String> {
        let mut files = Vec::new();
        for entry in FINGERPRINTED {
            collect_files(root, Path::new(entry), &mut files)?;
        }
        files.sort();
        let mut contents = Vec::with_capacity(files.len());
        for relative in &files {
            let bytes = std::fs::read(root.join(relative))
                .map_err(|e| format!("cannot read {}: {e}", relative.display()))?;
            contents.push((relative.to_string_lossy().into_owned(), bytes));
        }
        let fingerprint = mathlings_course::fingerprint(
            contents
                .iter()
                .map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
        );
        Ok(CourseIdentity {
            version: env!("CARGO_PKG_VERSION").to_string(),
            fingerprint,
        })
    }
}

/// Every regular file under `root/relative` (or that file), as paths relative to `root`;
/// nothing when it does not exist.
fn collect_files(root: &Path, relative: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let path = root.join(relative);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(());
    };
    if meta.is_file() {
        files.push(relative.to_path_buf());
    } else if meta.is_dir() {
        let entries =
            std::fs::read_dir(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for entry in entries.flatten() {
            collect_files(root, &relative.join(entry.file_name()), files)?;
        }
    }
    Ok(())
}

/// What a batch's output folder says about itself ([`SHARD_FILE`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// Which shard, 1-based.
    pub shard: usize,
    /// Of how many.
    pub shards: usize,
    /// The master seed.
    pub seed: u64,
    /// Cases per property.
    pub cases: u32,
    /// The course the verdicts come from.
    pub course: CourseIdentity,
    /// The exercises graded, in teaching order (the gradebook's columns).
    pub exercises: Vec<String>,
    /// Every submission of the shard, by name; `error` says why one was not gradable (it
    /// then has no report).
    pub submissions: Vec<ShardEntry>,
}

/// One submission of a shard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardEntry {
    /// The submission's name (its report is `<name>.json`).
    pub name: String,
    /// Why it could not be graded.
    pub error: Option<String>,
}

impl ShardManifest {
    /// The manifest of a batch that graded `results`.
    pub fn new(
        (shard, shards): (usize, usize),
        seed: u64,
        cases: u32,
        course: CourseIdentity,
        exercises: &[String],
        results: &[Graded],
    ) -> ShardManifest {
        let mut submissions: Vec<ShardEntry> = results
            .iter()
            .map(|(name, result)| ShardEntry {
                name: name.clone(),
                error: result.as_ref().err().cloned(),
            })
            .collect();
        submissions.sort_by(|a, b| a.name.cmp(&b.name));
        ShardManifest {
            shard,
            shards,
            seed,
            cases,
            course,
            exercises: exercises.to_vec(),
            submissions,
        }
    }

    /// As written to [`SHARD_FILE`].
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serializable") + "\n"
    }
}

/// The gradebook: per submission (sorted by name) its score, maximum, percentage, `graded`
/// or `error: <first line of the reason>`, then each exercise's score, then each exercise's
/// status in `status:<id>` columns (so that `not_started` stays apart from `fail`). The one
/// writer of `gradebook.csv`, for a batch and for a merge.
pub fn csv(ids: &[String], results: &[Graded]) -> String {
    // Scores first (numbers a spreadsheet sums), then each exercise's status.
    let mut csv = String::from("submission,score,max_score,percent,status");
    for id in ids {
        csv += &format!(",{id}");
    }
    for id in ids {
        csv += &format!(",status:{id}");
    }
    csv += "\n";
    let mut sorted: Vec<&Graded> = results.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, result) in sorted {
        match result {
            Ok(report) => {
                csv += &format!(
                    "{},{:.2},{:.2},{:.1},graded",
                    csv_field(name),
                    report.score,
                    report.max_score,
                    report.percent()
                );
                let graded = |id: &String| report.exercises.iter().find(|e| &e.id == id);
                for id in ids {
                    csv += &format!(",{:.2}", graded(id).map_or(0.0, |e| e.score));
                }
                for id in ids {
                    csv += ",";
                    csv += &graded(id).map_or(String::new(), |e| status_id(e.status));
                }
            }
            Err(message) => {
                let reason = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                csv += &format!(
                    "{},0,0,0,{}",
                    csv_field(name),
                    csv_field(&format!("error: {}", reason.trim()))
                );
                for _ in ids {
                    csv += ",0";
                }
                for _ in ids {
                    csv += ",";
                }
            }
        }
        csv += "\n";
    }
    csv
}

/// A status as the JSON report and the gradebook spell it (`not_started`).
pub fn status_id(status: Status) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("a status serializes to a string"),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\"").replace('\n', " "))
    } else {
        s.to_string()
    }
}

/// A merged class: what every shard agreed on, and every submission's result.
pub struct Merged {
    /// The shards' common manifest data (its `submissions` are all of the class's).
    pub manifest: ShardManifest,
    /// Every submission's report or reason, sorted by name.
    pub results: Vec<Graded>,
}

impl Merged {
    /// Writes the gradebook and the class report into `out`.
    pub fn write(&self, out: &Path) -> Result<(), String> {
        let class = ClassReport::new(&self.manifest, &self.results);
        crate::grade::write_file(
            &out.join(GRADEBOOK_FILE),
            &csv(&self.manifest.exercises, &self.results),
        )?;
        crate::grade::write_file(&out.join(CLASS_MARKDOWN_FILE), &class.markdown())?;
        crate::grade::write_file(&out.join(CLASS_HTML_FILE), &class.html())
    }
}

/// Reads and checks the shards' folders (see the module docs for what is refused).
pub fn merge(dirs: &[PathBuf]) -> Result<Merged, String> {
    let mut first: Option<(&Path, ShardManifest)> = None;
    let mut seen_shards: BTreeMap<usize, &Path> = BTreeMap::new();
    let mut seen_names: BTreeMap<String, &Path> = BTreeMap::new();
    let mut results: Vec<Graded> = Vec::new();
    for dir in dirs {
        let manifest = read_manifest(dir)?;
        if let Some((first_dir, expected)) = &first {
            agree(first_dir, expected, dir, &manifest)?;
        }
        if let Some(other) = seen_shards.insert(manifest.shard, dir) {
            return Err(format!(
                "cannot merge: shard {}/{} is given twice ({} and {})",
                manifest.shard,
                manifest.shards,
                other.display(),
                dir.display()
            ));
        }
        for entry in &manifest.submissions {
            if let Some(other) = seen_names.insert(entry.name.clone(), dir) {
                return Err(format!(
                    "cannot merge: submission `{}` appears twice (in {} and {})",
                    entry.name,
                    other.display(),
                    dir.display()
                ));
            }
            let result = match &entry.error {
                Some(reason) => Err(reason.clone()),
                None => Ok(read_report(dir, &entry.name, &manifest)?),
            };
            results.push((entry.name.clone(), result));
        }
        if first.is_none() {
            first = Some((dir, manifest));
        }
    }
    let (_, mut manifest) = first.ok_or("cannot merge: no shard folder given")?;
    let missing: Vec<String> = (1..=manifest.shards)
        .filter(|k| !seen_shards.contains_key(k))
        .map(|k| format!("{k}/{}", manifest.shards))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "cannot merge: shard(s) {} missing (each of the {} shards must be given once)",
            missing.join(", "),
            manifest.shards
        ));
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    manifest.shard = 1;
    manifest.shards = 1;
    manifest.submissions = results
        .iter()
        .map(|(name, result)| ShardEntry {
            name: name.clone(),
            error: result.as_ref().err().cloned(),
        })
        .collect();
    Ok(Merged { manifest, results })
}

fn read_manifest(dir: &Path) -> Result<ShardManifest, String> {
    let path = dir.join(SHARD_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot merge: {} is not the output of `grade --batch --out` (no {SHARD_FILE}: {e})",
            dir.display()
        )
    })?;
    let manifest: ShardManifest = serde_json::from_str(&text)
        .map_err(|e| format!("cannot merge: {} is malformed: {e}", path.display()))?;
    if manifest.shard == 0 || manifest.shard > manifest.shards {
        return Err(format!(
            "cannot merge: {} names shard {}/{}, which does not exist",
            path.display(),
            manifest.shard,
            manifest.shards
        ));
    }
    Ok(manifest)
}

/// Refuses to mix shards graded differently.
fn agree(a_dir: &Path, a: &ShardManifest, b_dir: &Path, b: &ShardManifest) -> Result<(), String> {
    let differ = |what: &str, x: String, y: String| {
        Err(format!(
            "cannot merge: {} was graded with {what} {x}, {} with {what} {y}",
            a_dir.display(),
            b_dir.display()
        ))
    };
    if a.shards != b.shards {
        return Err(format!(
            "cannot merge: {} is shard {}/{}, {} is shard {}/{} (different splits of the class)",
            a_dir.display(),
            a.shard,
            a.shards,
            b_dir.display(),
            b.shard,
            b.shards
        ));
    }
    if a.seed != b.seed {
        return differ("seed", a.seed.to_string(), b.seed.to_string());
    }
    if a.cases != b.cases {
        return differ("cases", a.cases.to_string(), b.cases.to_string());
    }
    if a.course != b.course {
        return differ("course", course_words(&a.course), course_words(&b.course));
    }
    if a.exercises != b.exercises {
        return differ("exercises", a.exercises.join(" "), b.exercises.join(" "));
    }
    Ok(())
}

fn course_words(c: &CourseIdentity) -> String {
    format!("{} (fingerprint {})", c.version, c.fingerprint)
}

/// Reads `<name>.json` of a shard and checks that it agrees with the shard's manifest.
fn read_report(dir: &Path, name: &str, manifest: &ShardManifest) -> Result<GradeReport, String> {
    let path = dir.join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot merge: cannot read {}: {e}", path.display()))?;
    let report: GradeReport = serde_json::from_str(&text).map_err(|e| {
        format!(
            "cannot merge: {} is not a grade report: {e}",
            path.display()
        )
    })?;
    let differ = |what: &str, x: String, y: String| {
        Err(format!(
            "cannot merge: {} was graded with {what} {x}, its shard {} with {what} {y}",
            path.display(),
            dir.display()
        ))
    };
    if report.seed != manifest.seed {
        return differ("seed", report.seed.to_string(), manifest.seed.to_string());
    }
    if report.cases != manifest.cases {
        return differ(
            "cases",
            report.cases.to_string(),
            manifest.cases.to_string(),
        );
    }
    if report.course != manifest.course {
        return differ(
            "course",
            course_words(&report.course),
            course_words(&manifest.course),
        );
    }
    if report.submission != name {
        return Err(format!(
            "cannot merge: {} is the report of `{}`, not of `{name}`",
            path.display(),
            report.submission
        ));
    }
    Ok(report)
}
