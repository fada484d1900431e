//! `cargo xtask plot` end to end: the learner's figure is drawn from what the learner
//! process returns (a deliberately wrong file draws a different figure), PNG output, the
//! gallery is well-formed XHTML that links only existing files, and bad input is refused
//! like `check` refuses it.

mod common;

use std::path::Path;

use common::{Body, scratch, submission};

const ID: &str = "s1_5_normal_distribution";
const FILE: &str = "p1_stats/s1_5_normal_distribution.rs";

/// Plots `ID` from the submission in `dir/src` with `args`; its standard output.
fn plot(dir: &Path, args: &[&str]) -> String {
    let src = dir.join("src");
    let mut all = vec!["plot", ID, "--exercises-dir", src.to_str().unwrap()];
    all.extend(args);
    let out = common::xtask(&all);
    assert!(
        out.status.success(),
        "plot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A submission with the official solution of `ID`, edited by `edit`.
fn learner(name: &str, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let dir = scratch(name);
    submission(&dir.join("src"), &[(ID, Body::Solution)]);
    let file = dir.join("src").join(FILE);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(text)).unwrap();
    dir
}

#[test]
fn the_learners_figure_comes_from_the_learner_process() {
    let right = learner("plot-right", |t| t);
    // σ used as a variance: the learner's density is wrong, the reference's is not.
    let wrong = learner("plot-wrong", |t| {
        let correct = "Ok((-0.5 * z * z).exp() / (sigma * (2.0 * PI).sqrt()))";
        assert!(
            t.contains(correct),
            "the solution changed: update this test"
        );
        t.replace(
            correct,
            "Ok((-0.5 * z * z).exp() / (sigma * sigma * (2.0 * PI).sqrt()))",
        )
    });
    plot(&right, &[]);
    plot(&wrong, &[]);
    let svg = |dir: &Path| {
        std::fs::read_to_string(dir.join(format!(".mathlings/plots/{ID}.svg"))).unwrap()
    };
    let (right_svg, wrong_svg) = (svg(&right), svg(&wrong));
    assert!(right_svg.contains("yours") && right_svg.contains("reference"));
    assert!(!right_svg.contains("not available"));
    assert_ne!(
        right_svg, wrong_svg,
        "a wrong density must draw a different figure"
    );
}

#[test]
fn a_stub_draws_the_reference_alone_and_the_gallery_links_what_exists() {
    let dir = scratch("plot-stub");
    submission(&dir.join("src"), &[]);
    let printed = plot(&dir, &["--format", "png"]);
    let plots = dir.join(".mathlings/plots");
    let png = plots.join(format!("{ID}.png"));
    assert!(printed.contains(png.to_str().unwrap()), "{printed}");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let index = std::fs::read_to_string(plots.join("index.html")).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        &index,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("index.html is well-formed XML");
    let links: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("src").or_else(|| n.attribute("href")))
        .collect();
    // The gallery links the SVG beside each PNG: every browser shows it.
    assert!(links.contains(&format!("{ID}.svg").as_str()), "{links:?}");
    for link in links {
        assert!(
            plots.join(link).is_file(),
            "index.html links a missing {link}"
        );
    }
    let record = std::fs::read_to_string(plots.join(format!("{ID}.json"))).unwrap();
    assert!(record.contains("The normal distribution"), "{record}");
    plot(&dir, &[]);
    let svg = std::fs::read_to_string(plots.join(format!("{ID}.svg"))).unwrap();
    assert!(svg.contains("yours: not available — not yet implemented"));
}

#[test]
fn an_unknown_exercise_is_refused_like_check_refuses_it() {
    let plot = common::xtask(&["plot", "no_such_exercise"]);
    let check = common::xtask(&["check", "no_such_exercise"]);
    assert_eq!(plot.status.code(), Some(2));
    assert_eq!(plot.status.code(), check.status.code());
    assert_eq!(plot.stderr, check.stderr);
    assert_eq!(String::from_utf8_lossy(&plot.stderr).lines().count(), 1);
}
