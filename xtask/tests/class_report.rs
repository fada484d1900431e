//! A whole class, graded in shards and merged: a synthetic class whose answers are a known
//! mix of official solutions, untouched shipped stubs and registered misconceptions (the
//! learner files in `fixtures/misconceptions/`, each a real implementation of one
//! misconception the checks register), restricted to three cheap exercises.
//!
//! The class report must count exactly that mix; merging the shards must give the
//! unsharded gradebook byte for byte, and the same files twice; shards graded with another
//! seed, case count or course, a submission given twice and a missing shard are refused
//! with a one-line error; the HTML page is well-formed XML and loads nothing from outside.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{root, scratch, xtask};

/// The graded exercises: (id, file under `src/`).
const EXERCISES: [(&str, &str); 3] = [
    ("s1_3_sample_variance", "p1_stats/s1_3_sample_variance.rs"),
    ("s1_8_diagnostic_test", "p1_stats/s1_8_diagnostic_test.rs"),
    (
        "s1_9_cross_entropy_logits",
        "p1_stats/s1_9_cross_entropy_logits.rs",
    ),
];

/// One learner's answer to one exercise.
#[derive(Clone, Copy, PartialEq)]
enum Answer {
    /// The official solution.
    Solution,
    /// The stub as the course ships it.
    Stub,
    /// The fixture implementing this registered misconception.
    Wrong(&'static str),
}

use Answer::{Solution, Stub, Wrong};

/// The class: per learner, the answer to each of [`EXERCISES`].
const CLASS: [(&str, [Answer; 3]); 8] = [
    ("ada", [Solution, Solution, Solution]),
    ("ben", [Solution, Solution, Solution]),
    ("cleo", [Stub, Stub, Stub]),
    ("dan", [Wrong("divides_by_n"), Solution, Stub]),
    (
        "eve",
        [Wrong("divides_by_n"), Wrong("ignores_base_rate"), Solution],
    ),
    (
        "fay",
        [
            Wrong("textbook_formula"),
            Wrong("ignores_base_rate"),
            Wrong("sum_not_mean"),
        ],
    ),
    ("gus", [Solution, Stub, Wrong("sum_not_mean")]),
    ("hal", [Wrong("divides_by_n"), Stub, Solution]),
];

const SEED: &str = "7";
const CASES: &str = "16";

fn fixture(file: &str, misconception: &str) -> PathBuf {
    let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/misconceptions")
        .join(format!("{stem}.{misconception}.rs"))
}

/// Writes the class: one folder per learner holding `exercises/src/<file>` for each
/// exercise.
fn write_class(dir: &Path) {
    for (name, answers) in CLASS {
        for ((_, file), answer) in EXERCISES.iter().zip(answers) {
            let from = match answer {
                Solution => root().join("solutions/src").join(file),
                Stub => common::stub(file),
                Wrong(m) => fixture(file, m),
            };
            let to = dir.join(name).join("exercises/src").join(file);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        }
    }
}

/// `grade --batch CLASS --out OUT [ARGS…]` on the three exercises, which must succeed.
fn grade(class: &Path, out: &Path, args: &[&str]) {
    let mut all = vec![
        "grade",
        "--batch",
        class.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--cases",
        CASES,
        "--only",
    ];
    all.extend(EXERCISES.iter().map(|(id, _)| *id));
    if !args.contains(&"--seed") {
        all.extend(["--seed", SEED]);
    }
    all.extend_from_slice(args);
    let output = xtask(&all);
    assert!(output.status.success(), "{}", text(&output));
}

fn merge(shards: &[&Path], out: &Path) -> Output {
    let mut args = vec!["gradebook", "merge"];
    args.extend(shards.iter().map(|s| s.to_str().unwrap()));
    args.extend(["--out", out.to_str().unwrap()]);
    xtask(&args)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Asserts that merging `shards` is refused with one line, exit status 2, naming `what`.
fn assert_refused(shards: &[&Path], out: &Path, what: &str) {
    let output = merge(shards, out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("error: cannot merge") && stderr.contains(what),
        "the error must name {what:?}: {stderr}"
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of the shard folder `from`, with `edit` applied to its manifest and to every
/// report in it (each as JSON).
fn tampered(from: &Path, to: &Path, edit: impl Fn(&mut serde_json::Value)) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name().to_str().unwrap().to_string();
        let mut text = read(&entry.path());
        if name.ends_with(".json") {
            let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
            edit(&mut value);
            text = serde_json::to_string_pretty(&value).unwrap();
        }
        std::fs::write(to.join(name), text).unwrap();
    }
}

/// The counts in the class report's Markdown exercise table: the number before " (" in the
/// column headed `column`, on the row of exercise `id`.
fn table_count(markdown: &str, id: &str, column: &str) -> usize {
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = markdown
        .lines()
        .find(|l| l.starts_with("| section | exercise |"))
        .expect("the exercise table");
    let index = cells(header)
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column:?} in {header}"));
    let row = markdown
        .lines()
        .find(|l| l.starts_with('|') && l.contains(&format!("`{id}`")))
        .unwrap_or_else(|| panic!("no row for {id}"));
    cells(row)[index]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The misconceptions listed under exercise `id` in the Markdown, with their counts, in
/// the report's order.
fn misconceptions(markdown: &str, id: &str) -> Vec<(String, usize)> {
    let section = markdown
        .split("### What the class misunderstood")
        .nth(1)
        .unwrap()
        .split("\n### ")
        .next()
        .unwrap();
    let Some(start) = section.find(&format!("**`{id}`**")) else {
        return Vec::new();
    };
    section[start..]
        .lines()
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|l| {
            let (_, rest) = l.split_once(". *").unwrap();
            let (name, rest) = rest.split_once("* — ").unwrap();
            let count = rest.split(' ').next().unwrap().parse().unwrap();
            (name.to_string(), count)
        })
        .collect()
}

/// What the mix says: per exercise, passes, not started, and each misconception's count
/// (most frequent first, then by id).
fn expected(column: usize) -> (usize, usize, Vec<(String, usize)>) {
    let answers: Vec<Answer> = CLASS.iter().map(|(_, a)| a[column]).collect();
    let passes = answers.iter().filter(|a| **a == Solution).count();
    let stubs = answers.iter().filter(|a| **a == Stub).count();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for a in &answers {
        if let Wrong(m) = a {
            match counts.iter_mut().find(|(id, _)| id == m) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.to_string(), 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (passes, stubs, counts)
}

/// The name of a start tag, after asserting that it loads nothing (no script, no linked
/// resource, no `src`/`href`) and that its attributes are well-formed.
fn checked_tag(tag: &quick_xml::events::BytesStart) -> String {
    let name = String::from_utf8(tag.name().as_ref().to_vec()).unwrap();
    assert_ne!(name, "script", "no script");
    assert_ne!(name, "link", "no linked resource");
    for attribute in tag.attributes() {
        let attribute = attribute.expect("a well-formed attribute");
        let key = String::from_utf8(attribute.key.as_ref().to_vec()).unwrap();
        assert!(
            !matches!(key.as_str(), "src" | "href" | "xlink:href" | "srcset"),
            "<{name} {key}=…> references a resource"
        );
    }
    name
}

/// Asserts that `html` is well-formed XML (one root, every tag closed, attributes and
/// entities valid) and references nothing outside itself.
fn assert_self_contained_xml(html: &str) {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                open.push(checked_tag(&e));
            }
            Event::Empty(e) => {
                checked_tag(&e);
            }
            Event::End(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert_eq!(open.pop().as_deref(), Some(name.as_str()));
            }
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap().to_string();
                assert!(
                    r.is_char_ref() || ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str()),
                    "&{name}; is not an XML entity"
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert_eq!(roots, 1, "one root element");
    let lower = html.to_lowercase();
    for needle in ["http:", "https:", "url(", "@import", "<script"] {
        assert!(!lower.contains(needle), "the page contains {needle:?}");
    }
}

#[test]
fn a_class_graded_in_shards_merges_into_the_report_of_its_mix() {
    let dir = scratch("class_report");
    let class = dir.join("class");
    write_class(&class);
    let (all, s1, s2, s2_seed) = (
        dir.join("all"),
        dir.join("shard1"),
        dir.join("shard2"),
        dir.join("shard2-seed"),
    );
    grade(&class, &all, &[]);
    grade(&class, &s1, &["--shard", "1/2"]);
    grade(&class, &s2, &["--shard", "2/2"]);
    grade(&class, &s2_seed, &["--shard", "2/2", "--seed", "8"]);

    // The judge diagnoses every fixture as the misconception it implements.
    for (name, answers) in CLASS {
        let report = common::read_json(&all.join(format!("{name}.json")));
        for ((id, _), answer) in EXERCISES.iter().zip(answers) {
            let exercise = report["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == *id)
                .unwrap();
            let (status, diagnosis) = match answer {
                Solution => ("pass", serde_json::Value::Null),
                Stub => ("not_started", serde_json::Value::Null),
                Wrong(m) => ("fail", serde_json::Value::from(m)),
            };
            assert_eq!(exercise["status"], status, "{name} {id}");
            assert_eq!(exercise["misconception"]["id"], diagnosis, "{name} {id}");
        }
    }

    // Merging the shards equals grading the class at once, and is idempotent.
    let (m1, m2) = (dir.join("merged"), dir.join("merged-again"));
    for out in [&m1, &m2] {
        let output = merge(&[&s1, &s2], out);
        assert!(output.status.success(), "{}", text(&output));
    }
    assert_eq!(
        read(&m1.join("gradebook.csv")),
        read(&all.join("gradebook.csv")),
        "the merged gradebook is the unsharded one"
    );
    for file in ["gradebook.csv", "class-report.md", "class-report.html"] {
        assert_eq!(read(&m1.join(file)), read(&m2.join(file)), "{file} twice");
    }
    let gradebook = read(&m1.join("gradebook.csv"));
    assert_eq!(gradebook.lines().count(), CLASS.len() + 1, "{gradebook}");

    // The class report counts exactly the mix.
    let markdown = read(&m1.join("class-report.md"));
    for (column, (id, _)) in EXERCISES.iter().enumerate() {
        let (passes, stubs, wrong) = expected(column);
        assert_eq!(table_count(&markdown, id, "pass"), passes, "{id} passes");
        assert_eq!(
            table_count(&markdown, id, "not started"),
            stubs,
            "{id} not started"
        );
        let fails: usize = wrong.iter().map(|(_, n)| n).sum();
        assert_eq!(table_count(&markdown, id, "fail"), fails, "{id} fails");
        assert_eq!(misconceptions(&markdown, id), wrong, "{id} misconceptions");
    }
    assert!(
        markdown.contains(&format!(
            "{} submission(s), {} graded",
            CLASS.len(),
            CLASS.len()
        )),
        "{markdown}"
    );

    // The HTML page: well-formed, self-contained, with the same misconceptions.
    let html = read(&m1.join("class-report.html"));
    assert_self_contained_xml(&html);
    assert!(
        html.contains("<strong>divides_by_n</strong> — 3 submissions"),
        "{html}"
    );
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "the score histogram and the status panels, inline"
    );

    // Refusals: another seed, another case count, another course, a report that disagrees
    // with its shard, a submission twice, a shard missing or given twice.
    let refused = dir.join("refused");
    assert_refused(&[&s1, &s2_seed], &refused, "seed");
    let s2_cases = dir.join("shard2-cases");
    tampered(&s2, &s2_cases, |v| v["cases"] = serde_json::json!(17));
    assert_refused(&[&s1, &s2_cases], &refused, "cases");
    let s2_course = dir.join("shard2-course");
    tampered(&s2, &s2_course, |v| {
        v["course"]["fingerprint"] = serde_json::json!("0123456789abcdef")
    });
    assert_refused(&[&s1, &s2_course], &refused, "course");
    let s2_report = dir.join("shard2-report");
    tampered(&s2, &s2_report, |v| {
        if v.get("submission").is_some() {
            v["course"]["version"] = serde_json::json!("0.0.1");
        }
    });
    assert_refused(&[&s1, &s2_report], &refused, "course");
    let s2_twice = dir.join("shard2-twice");
    tampered(&s2, &s2_twice, |_| {});
    let first = CLASS[0].0; // in shard 1
    std::fs::copy(
        s1.join(format!("{first}.json")),
        s2_twice.join(format!("{first}.json")),
    )
    .unwrap();
    let manifest = s2_twice.join("mathlings-shard.json");
    let mut value: serde_json::Value = serde_json::from_str(&read(&manifest)).unwrap();
    value["submissions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": first, "error": null}));
    std::fs::write(&manifest, value.to_string()).unwrap();
    assert_refused(&[&s1, &s2_twice], &refused, "appears twice");
    assert_refused(&[&s1], &refused, "2/2 missing");
    assert_refused(&[&s1, &s1], &refused, "given twice");
    assert_refused(&[&s1, &all], &refused, "shard 1/1");
    assert!(!refused.exists(), "a refused merge writes nothing");
}
