//! The static half of `verify`: manifest, files, signatures and snapshots agree.

use std::collections::BTreeSet;
use std::path::Path;

use crate::stubs::{STUBS_DIR, stub_path, unlisted_files};
use crate::{Manifest, find_forbidden_calls, public_signatures};

/// Every disagreement between the manifest and the files of the course at `root`, for the
/// exercises `only` (all when empty): each exercise has a stub the course ships (in
/// [`STUBS_DIR`], with `todo!()` and a `// TODO:` edit point), a solution with identical
/// public signatures that makes no forbidden call, and a checks module, and is declared in
/// its part's `mod.rs`. When checking all: every shipped stub and solution file is in the
/// manifest, every stored snapshot belongs to an exercise, each part folder has a README.md.
///
/// The learner's `exercises/src` is not read except for its `mod.rs` declarations and
/// READMEs, so a learner's edits never make this fail (whether `exercises/src` still
/// equals the shipped stubs is [`crate::stub_drift`]'s question, asked in the course's
/// own repository only).
pub fn layout_problems(root: &Path, manifest: &Manifest, only: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let read = |p: &Path| std::fs::read_to_string(p).ok();
    let mut parts = BTreeSet::new();
    let selected = manifest
        .exercises
        .iter()
        .filter(|e| only.is_empty() || only.contains(&e.id));
    for ex in selected {
        let part = ex.part().unwrap_or_default().to_string();
        parts.insert(part.clone());
        let solution_path = root.join("solutions/src").join(&ex.file);
        let checks_path = root.join("crates/checks/src").join(&ex.file);
        let (Some(stub), Some(solution)) = (read(&stub_path(root, ex)), read(&solution_path))
        else {
            problems.push(format!(
                "{}: missing {STUBS_DIR}/{} or solutions/src/{}",
                ex.id, ex.file, ex.file
            ));
            continue;
        };
        if !checks_path.is_file() {
            problems.push(format!("{}: missing crates/checks/src/{}", ex.id, ex.file));
        }
        if !stub.contains("todo!()") || !stub.contains("// TODO:") {
            problems.push(format!(
                "{}: the stub needs `todo!()` and a `// TODO:` at the edit point",
                ex.id
            ));
        }
        match (
            public_signatures(&ex.file, &stub),
            public_signatures(&ex.file, &solution),
        ) {
            (Ok(a), Ok(b)) if a != b => {
                let only_stub: Vec<_> = a.iter().filter(|s| !b.contains(s)).collect();
                let only_solution: Vec<_> = b.iter().filter(|s| !a.contains(s)).collect();
                problems.push(format!(
                    "{}: stub and solution signatures differ: stub only {only_stub:?}, solution only {only_solution:?}",
                    ex.id
                ));
            }
            (Err(e), _) | (_, Err(e)) => problems.push(format!("{}: {e}", ex.id)),
            _ => {}
        }
        for f in find_forbidden_calls(&solution, ex) {
            problems.push(format!(
                "{}: the solution makes a forbidden call at line {}: {}",
                ex.id, f.line, f.call
            ));
        }
        if [&ex.title]
            .into_iter()
            .chain(&ex.hints)
            .chain(&ex.reading)
            .any(|t| t.contains("TODO"))
        {
            problems.push(format!(
                "{}: the manifest entry still has TODO placeholders",
                ex.id
            ));
        }
        if ex.hints.len() < 2 || ex.reading.is_empty() {
            problems.push(format!(
                "{}: needs ≥ 2 hints and ≥ 1 reading pointer",
                ex.id
            ));
        }
        for krate in ["exercises/src", "solutions/src", "crates/checks/src"] {
            let mod_rs = root.join(krate).join(&part).join("mod.rs");
            let declared =
                read(&mod_rs).is_some_and(|t| t.contains(&format!("pub mod {};", ex.id)));
            let lib = root.join(krate).join("lib.rs");
            let declared_inline =
                read(&lib).is_some_and(|t| t.contains(&format!("pub mod {};", ex.id)));
            if !declared && !declared_inline {
                problems.push(format!(
                    "{}: not declared as `pub mod {};` in {krate}/{part}",
                    ex.id, ex.id
                ));
            }
        }
    }
    if !only.is_empty() {
        return problems;
    }
    for part in &parts {
        if !root
            .join("exercises/src")
            .join(part)
            .join("README.md")
            .is_file()
        {
            problems.push(format!("exercises/src/{part}/README.md is missing"));
        }
    }
    for dir in [STUBS_DIR, "solutions/src"] {
        problems.extend(unlisted_files(root, manifest, dir));
    }
    if let Ok(entries) = std::fs::read_dir(root.join("crates/checks/snapshots")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let owner = name.split("__").next().unwrap_or_default();
            if name.ends_with(".snap") && manifest.get(owner).is_none() {
                problems.push(format!("snapshot {name} belongs to no exercise"));
            }
            if name.ends_with(".snap.new") {
                problems.push(format!("unreviewed snapshot {name}"));
            }
        }
    }
    problems
}
