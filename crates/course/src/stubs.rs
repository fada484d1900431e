//! The pristine stubs the course ships, in `crates/course/stubs/` (mirroring
//! `exercises/src` path for path): what `reset` restores without git, and what the course
//! proves fails every property, whatever the learner has done to `exercises/src`.
//!
//! In the course's own repository, `exercises/src` must equal them ([`stub_drift`]:
//! `cargo xtask verify`, and the ignored test `crates/course/tests/curriculum.rs` that the
//! course's CI runs with `--include-ignored`); in a learner's checkout they differ as soon
//! as the learner starts, and nothing a learner runs depends on them being equal.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::{Exercise, Manifest};

/// Where the pristine stubs live, relative to the course root.
pub const STUBS_DIR: &str = "crates/course/stubs";

/// Why a pristine stub could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StubError {
    /// The course ships no readable stub for the exercise.
    #[error("cannot read the stub of {id} the course ships ({path}): {source}")]
    Unreadable {
        /// The exercise's id.
        id: String,
        /// The path tried.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The path of the pristine stub of `ex` in the course at `root`.
pub fn stub_path(root: &Path, ex: &Exercise) -> PathBuf {
    root.join(STUBS_DIR).join(&ex.file)
}

/// The text of the pristine stub of `ex`.
///
/// # Errors
/// [`StubError::Unreadable`] when the course has no readable stub for it.
pub fn read_stub(root: &Path, ex: &Exercise) -> Result<String, StubError> {
    let path = stub_path(root, ex);
    std::fs::read_to_string(&path).map_err(|source| StubError::Unreadable {
        id: ex.id.clone(),
        path,
        source,
    })
}

/// Every way `exercises/src` differs from the pristine stubs, for the exercises `only`
/// (all when empty): a file that differs or is missing on either side and, when checking
/// all, an exercise file the manifest does not list. Empty in the course's repository;
/// a learner's checkout differs by design.
pub fn stub_drift(root: &Path, manifest: &Manifest, only: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let selected = manifest
        .exercises
        .iter()
        .filter(|e| only.is_empty() || only.contains(&e.id));
    for ex in selected {
        let working = root.join("exercises/src").join(&ex.file);
        match (std::fs::read(&working), std::fs::read(stub_path(root, ex))) {
            (Ok(a), Ok(b)) if a == b => {}
            (Ok(_), Ok(_)) => problems.push(format!(
                "{}: exercises/src/{} differs from the stub the course ships ({STUBS_DIR}/{}): \
                 ship your edit with `cargo xtask verify --freeze-stubs {}`, or restore the \
                 shipped stub with `cargo xtask reset {}`",
                ex.id, ex.file, ex.file, ex.id, ex.id
            )),
            (Err(_), _) => problems.push(format!("{}: missing exercises/src/{}", ex.id, ex.file)),
            (_, Err(_)) => problems.push(format!(
                "{}: the course ships no stub {STUBS_DIR}/{} (copy it with `cargo xtask verify \
                 --freeze-stubs {}`)",
                ex.id, ex.file, ex.id
            )),
        }
    }
    if only.is_empty() {
        problems.extend(unlisted_files(root, manifest, "exercises/src"));
    }
    problems
}

/// Files `<dir>/<part>/*.rs` (other than `mod.rs`) that the manifest does not list.
pub(crate) fn unlisted_files(root: &Path, manifest: &Manifest, dir: &str) -> Vec<String> {
    let parts: std::collections::BTreeSet<&str> =
        manifest.exercises.iter().filter_map(|e| e.part()).collect();
    let mut problems = Vec::new();
    for part in parts {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(part)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        for name in names {
            let listed = manifest
                .exercises
                .iter()
                .any(|e| e.file == format!("{part}/{name}"));
            if name.ends_with(".rs") && name != "mod.rs" && !listed {
                problems.push(format!("{dir}/{part}/{name} is not in the manifest"));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(stub: &str, working: &str) -> (PathBuf, Manifest) {
        let root = std::env::temp_dir().join(format!(
            "mathlings-stubs-{}-{}",
            std::process::id(),
            working.len()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for (dir, text) in [(STUBS_DIR, stub), ("exercises/src", working)] {
            let path = root.join(dir).join("p1_stats/s1_2_median.rs");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let manifest = Manifest::parse(
            r#"format_version = 1
            [[exercise]]
            id = "s1_2_median"
            section = "1.2"
            title = "Median"
            file = "p1_stats/s1_2_median.rs"
            points = 10
            "#,
        )
        .unwrap();
        (root, manifest)
    }

    #[test]
    fn an_edited_exercise_is_drift_and_the_stub_reads_back() {
        let (root, manifest) = course("todo!()\n", "todo!()\n");
        assert!(stub_drift(&root, &manifest, &[]).is_empty());
        std::fs::write(root.join("exercises/src/p1_stats/stray.rs"), "").unwrap();
        let problems = stub_drift(&root, &manifest, &[]);
        assert_eq!(
            problems,
            ["exercises/src/p1_stats/stray.rs is not in the manifest"]
        );
        // Checking one exercise leaves the rest of the folder alone.
        assert!(stub_drift(&root, &manifest, &["s1_2_median".into()]).is_empty());
        let (root, manifest) = course("todo!()\n", "solved()\n");
        let problems = stub_drift(&root, &manifest, &[]);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("differs from the stub"),
            "{problems:?}"
        );
        let ex = &manifest.exercises[0];
        assert_eq!(read_stub(&root, ex).unwrap(), "todo!()\n");
        std::fs::remove_file(stub_path(&root, ex)).unwrap();
        assert!(matches!(
            read_stub(&root, ex),
            Err(StubError::Unreadable { .. })
        ));
        let _ = std::fs::remove_dir_all(&root);
    }
}
