//! Seeding a new learner target with the course build's compiled dependencies.
//!
//! The learner workspace is built into a target directory of its own (see
//! `learner_crate`), so on a fresh clone its dependencies (nalgebra, rayon, rand, serde …)
//! would be compiled a second time: ~50 s of a cold first verdict on 2 cores. The learner
//! workspace resolves them with the course's features (through the workspace-hack crate)
//! and the course's per-package profile, so cargo gives each of them the very unit hash it
//! has in the course's target directory. The judge's build lists its units (cargo's JSON
//! messages); once, before the first learner build, the units of registry packages among
//! them — and only those: public code a learner may build anyway, never a course crate —
//! are copied into the learner target, with their fingerprints and modification times, so
//! that cargo finds them fresh.
//!
//! Nothing depends on it for correctness: a unit that does not match (another feature, a
//! changed profile) is simply compiled, as before.

use std::collections::BTreeSet;
use std::fs::FileTimes;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The file under the course's target directory that lists the judge build's registry
/// units (written after each judge build).
fn record_file(course_target: &Path) -> PathBuf {
    course_target.join("mathlings/judge-dependencies.txt")
}

/// The files and folders a cargo JSON message names for a unit of a registry package
/// (`compiler-artifact`: its outputs; `build-script-executed`: its `OUT_DIR`); nothing for
/// any other message or package.
pub fn registry_outputs(message: &Value) -> Vec<PathBuf> {
    let id = message["package_id"].as_str().unwrap_or_default();
    if !(id.starts_with("registry+") || id.starts_with("sparse+")) {
        return Vec::new();
    }
    match message["reason"].as_str() {
        Some("compiler-artifact") => message["filenames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(PathBuf::from)
            .collect(),
        Some("build-script-executed") => message["out_dir"]
            .as_str()
            .map(PathBuf::from)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

/// Records the judge build's registry outputs for [`seed`], relative to the course's target
/// directory (a checkout moved with its `target/` still seeds).
///
/// # Errors
/// When the record cannot be written.
pub fn record(course_target: &Path, outputs: &[PathBuf]) -> Result<(), String> {
    let text: String = outputs
        .iter()
        .filter_map(|p| p.strip_prefix(course_target).ok())
        .map(|p| format!("{}\n", p.display()))
        .collect();
    crate::learner_crate::write_if_changed(&record_file(course_target), text.as_bytes())
}

/// Whether the learner target at `learner_target` has never been built: the only time
/// [`seed`] is worth its copy.
pub fn wanted(learner_target: &Path) -> bool {
    !learner_target.join("debug/.fingerprint").exists()
}

/// The unit hashes (cargo's 16 hex digits) of the recorded outputs (relative to the target
/// directory) that lie in its `debug/deps` or `debug/build` folders.
fn unit_hashes(outputs: &str) -> BTreeSet<String> {
    outputs
        .lines()
        .filter_map(|line| {
            let relative = Path::new(line).strip_prefix("debug").ok()?;
            let mut parts = relative.components();
            let folder = parts.next()?.as_os_str().to_str()?;
            let name = parts.next()?.as_os_str().to_str()?;
            // `deps/libserde-<hash>.rlib` or `build/serde-<hash>/out`.
            let stem = match folder {
                "deps" => name.split('.').next()?,
                "build" => name,
                _ => return None,
            };
            let hash = stem.rsplit_once('-')?.1;
            (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| hash.to_string())
        })
        .collect()
}

/// Copies the recorded registry units of the course's build (outputs, build-script folders
/// and cargo's fingerprints) from `course_target` into the new learner target
/// `learner_target`; returns how many entries were copied (0 when nothing is recorded).
///
/// # Errors
/// When a copy fails; the learner build then compiles what is missing.
pub fn seed(course_target: &Path, learner_target: &Path) -> Result<usize, String> {
    let Ok(outputs) = std::fs::read_to_string(record_file(course_target)) else {
        return Ok(0);
    };
    let from = course_target.join("debug");
    let hashes = unit_hashes(&outputs);
    if hashes.is_empty() {
        return Ok(0);
    }
    let to = learner_target.join("debug");
    let mut copied = 0;
    for folder in ["deps", "build", ".fingerprint"] {
        let Ok(entries) = std::fs::read_dir(from.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.split('.').next()) else {
                continue;
            };
            if stem
                .rsplit_once('-')
                .is_some_and(|(_, hash)| hashes.contains(hash))
            {
                copy_preserving_times(&entry.path(), &to.join(folder).join(&name))?;
                copied += 1;
            }
        }
    }
    Ok(copied)
}

/// Copies a file or a folder tree, keeping the files' permissions (build scripts are
/// executables) and modification times (cargo compares them to decide what is fresh;
/// folders' times it ignores).
fn copy_preserving_times(from: &Path, to: &Path) -> Result<(), String> {
    let fail =
        |e: std::io::Error| format!("cannot copy {} to {}: {e}", from.display(), to.display());
    let meta = std::fs::symlink_metadata(from).map_err(fail)?;
    if meta.is_dir() {
        std::fs::create_dir_all(to).map_err(fail)?;
        for entry in std::fs::read_dir(from).map_err(fail)?.flatten() {
            copy_preserving_times(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    if !meta.is_file() {
        // No links in a target directory's units; nothing else is copied.
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::copy(from, to).map_err(fail)?;
    let times = FileTimes::new()
        .set_accessed(meta.accessed().map_err(fail)?)
        .set_modified(meta.modified().map_err(fail)?);
    std::fs::File::options()
        .write(true)
        .open(to)
        .and_then(|f| f.set_times(times))
        .map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_hashes_come_from_deps_and_build_outputs_only() {
        let outputs = "debug/deps/libserde-e3cef11dbb187aa5.rlib\n\
                       debug/deps/libserde-e3cef11dbb187aa5.rmeta\n\
                       debug/build/serde-f3e12d4ca5c69e3e/out\n\
                       debug/build/serde-b99677ede2ceb0ef/build-script-build\n\
                       debug/mathlings-judge\n\
                       release/deps/libx-0123456789abcdef.rlib\n\
                       debug/deps/libshort-abc.rlib\n";
        let hashes: Vec<String> = unit_hashes(outputs).into_iter().collect();
        assert_eq!(
            hashes,
            ["b99677ede2ceb0ef", "e3cef11dbb187aa5", "f3e12d4ca5c69e3e"]
        );
    }

    #[test]
    fn only_registry_packages_are_recorded() {
        let artifact = |id: &str| {
            serde_json::json!({
                "reason": "compiler-artifact",
                "package_id": id,
                "filenames": ["/t/debug/deps/liba-0123456789abcdef.rlib"],
            })
        };
        let registry = "registry+https://github.com/rust-lang/crates.io-index#a@1.0.0";
        assert_eq!(registry_outputs(&artifact(registry)).len(), 1);
        assert_eq!(
            registry_outputs(&artifact("sparse+https://index.crates.io/#a@1.0.0")).len(),
            1
        );
        // The course's own crates are never copied into the learner's target.
        assert!(registry_outputs(&artifact("path+file:///course/crates/checks#0.1.0")).is_empty());
        let executed = serde_json::json!({
            "reason": "build-script-executed",
            "package_id": registry,
            "out_dir": "/t/debug/build/a-0123456789abcdef/out",
        });
        assert_eq!(
            registry_outputs(&executed),
            [PathBuf::from("/t/debug/build/a-0123456789abcdef/out")]
        );
    }

    #[test]
    fn seeding_copies_matching_units_with_their_times() {
        let dir = std::env::temp_dir().join(format!("mathlings-seed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let course = dir.join("course");
        let learner = dir.join("learner");
        let debug = course.join("debug");
        let keep = "0123456789abcdef";
        let skip = "fedcba9876543210";
        for file in [
            format!("deps/liba-{keep}.rlib"),
            format!("deps/a-{keep}.d"),
            format!(".fingerprint/a-{keep}/lib-a"),
            format!("build/b-{keep}/out/gen.rs"),
            format!("deps/libcourse-{skip}.rlib"),
            format!(".fingerprint/course-{skip}/lib-course"),
        ] {
            let path = debug.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(debug.join(format!("deps/liba-{keep}.rlib")))
            .unwrap()
            .set_modified(old)
            .unwrap();
        record(
            &course,
            &[
                debug.join(format!("deps/liba-{keep}.rlib")),
                debug.join(format!("build/b-{keep}/out")),
                // Outside the course's target directory: not recorded.
                dir.join(format!("elsewhere/deps/libcourse-{skip}.rlib")),
            ],
        )
        .unwrap();
        // `record` writes under the course target's `mathlings/`.
        assert!(wanted(&learner));
        assert_eq!(seed(&course, &learner).unwrap(), 4);
        let to = learner.join("debug");
        assert!(to.join(format!(".fingerprint/a-{keep}/lib-a")).is_file());
        assert!(to.join(format!("build/b-{keep}/out/gen.rs")).is_file());
        assert!(to.join(format!("deps/a-{keep}.d")).is_file());
        assert!(!to.join(format!("deps/libcourse-{skip}.rlib")).exists());
        assert!(!to.join(format!(".fingerprint/course-{skip}")).exists());
        let copied = std::fs::metadata(to.join(format!("deps/liba-{keep}.rlib"))).unwrap();
        assert_eq!(copied.modified().unwrap(), old);
        assert!(!wanted(&learner));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
