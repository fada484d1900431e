//! The static half of `verify`: manifest, files, signatures and snapshots agree.

use std::collections::BTreeSet;
use std::path::Path;

use crate::{Manifest, find_forbidden_calls, public_signatures};

/// Every disagreement between the manifest and the files of the course at `root`:
/// each exercise has a stub (with `todo!()` and a `// TODO:` edit point), a solution with
/// identical public signatures that makes no forbidden call, and a checks module; every
/// exercise file is in the manifest and declared in its part's `mod.rs`; every stored
/// snapshot belongs to an exercise; each part folder has a README.md.
pub fn layout_problems(root: &Path, manifest: &Manifest) -> Vec<String> {
    let mut problems = Vec::new();
    let read = |p: &Path| std::fs::read_to_string(p).ok();
    let mut parts = BTreeSet::new();
    for ex in &manifest.exercises {
        let part = ex.part().unwrap_or_default().to_string();
        parts.insert(part.clone());
        let stub_path = root.join("exercises/src").join(&ex.file);
        let solution_path = root.join("solutions/src").join(&ex.file);
        let checks_path = root.join("crates/checks/src").join(&ex.file);
        let (Some(stub), Some(solution)) = (read(&stub_path), read(&solution_path)) else {
            problems.push(format!(
                "{}: missing exercises/src/{} or solutions/src/{}",
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
    let listed: BTreeSet<String> = manifest.exercises.iter().map(|e| e.file.clone()).collect();
    for krate in ["exercises/src", "solutions/src"] {
        for part in &parts {
            let Ok(entries) = std::fs::read_dir(root.join(krate).join(part)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if name.ends_with(".rs")
                    && name != "mod.rs"
                    && !listed.contains(&format!("{part}/{name}"))
                {
                    problems.push(format!("{krate}/{part}/{name} is not in the manifest"));
                }
            }
        }
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
