//! Content stamps: a build cargo would find fresh is not run at all.
//!
//! A `cargo build` that has nothing to do still costs 0.2–0.35 s (cargo's start-up, the
//! resolution of the workspace, a fingerprint check of every unit), and a save, a `check`
//! or a `plot` ran two of them: the judge's and the learner's. After a build that
//! succeeded, a stamp records a hash of the build's inputs — by content, never by
//! modification time — and the identity of the binary it made. When both are unchanged,
//! the binary is used as it is.
//!
//! The inputs of a binary:
//! - every file in cargo's dep-info of it (`<binary>.d`: the sources of every path crate it
//!   links, the files they include, the files their build scripts generated), and every
//!   file or folder those build scripts rerun for, with the environment variables they name;
//! - the manifests of the workspaces given (each `Cargo.toml`, member's included, and
//!   `Cargo.lock`), cargo's configuration files (in those folders' ancestors and in
//!   `$CARGO_HOME`), and any extra file the build reads (the method lint's `clippy.toml`);
//! - the toolchain: the identity of `$CARGO` and of the `rustc` beside it (an update
//!   replaces both), and the environment variables that change what cargo builds;
//! - the absolute paths of all of these, so a moved or copied checkout (whose dep-info
//!   still names the original's files) never takes the original's binary as its own.
//!
//! Any doubt is a rebuild: no `$CARGO` path, no dep-info, a file that cannot be read, a
//! stamp of another format. A stamp is written only when the inputs hashed before the build
//! (with the previous dep-info) equal those hashed after it, so a file edited while cargo
//! ran is never stamped as built.
//!
//! **Invariant:** stamps live in the course's `target/mathlings/stamps/`, outside every
//! target directory a learner's build may write to, and are written by xtask alone, under
//! the build lock.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// Environment variables that change what cargo builds (besides those a build script
/// names with `rerun-if-env-changed`).
const BUILD_ENV: &[&str] = &[
    "CARGO",
    "CARGO_HOME",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_INCREMENTAL",
    "CARGO_TARGET_DIR",
    "RUSTC",
    "RUSTC_BOOTSTRAP",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "RUSTFLAGS",
    "RUSTUP_HOME",
    "RUSTUP_TOOLCHAIN",
];

/// The format of a stamp file (a new one makes every old stamp stale).
const FORMAT: &str = "mathlings-stamp 1";

/// What a build is: its binary, and the workspaces and files besides its dep-info that
/// decide it.
pub struct Inputs<'a> {
    /// The binary cargo writes (its dep-info is `<binary>.d`).
    pub binary: &'a Path,
    /// Folders holding a workspace's `Cargo.toml` and `Cargo.lock`.
    pub workspaces: &'a [&'a Path],
    /// Other files the build reads.
    pub extra: &'a [&'a Path],
    /// Anything else that changes the build (the package and binary asked for).
    pub request: &'a str,
}

/// The inputs of a build as they were before it ran (`None`: unreadable).
pub struct Before(Option<(u64, Vec<PathBuf>)>);

/// A stamp file under `course_target/mathlings/stamps/`, named after the binary.
pub struct Stamp {
    file: PathBuf,
}

impl Stamp {
    /// The stamp of `binary`'s build in the course's target directory `course_target`.
    pub fn new(course_target: &Path, binary: &Path) -> Stamp {
        let name = binary
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The learner target and the course's hold binaries of different names, and the
        // path's hash keeps two of the same name apart.
        let mut h = DefaultHasher::new();
        binary.hash(&mut h);
        Stamp {
            file: course_target
                .join("mathlings/stamps")
                .join(format!("{name}-{:016x}", h.finish())),
        }
    }

    /// `Ok` when `inputs.binary` was built from exactly these inputs and is still the file
    /// that build made; otherwise the inputs as they are before the build (hashed with the
    /// dep-info the previous build left), to hand to [`Stamp::record`] after it.
    pub fn check(&self, inputs: &Inputs) -> Result<(), Before> {
        let now = Before(hash_inputs(inputs));
        let recorded = std::fs::read_to_string(&self.file).unwrap_or_default();
        let mut lines = recorded.lines();
        match (&now.0, lines.next(), lines.next(), lines.next()) {
            (Some((hash, _)), Some(FORMAT), Some(stamped), Some(identity))
                if stamped == format!("{hash:016x}")
                    && Some(identity) == file_identity(inputs.binary).as_deref() =>
            {
                Ok(())
            }
            _ => Err(now),
        }
    }

    /// After a build that succeeded: records the stamp when the inputs did not change
    /// while it ran (`before`, from [`Stamp::check`]); otherwise removes any old stamp.
    pub fn record(&self, inputs: &Inputs, before: Before) {
        let before = before.0;
        let _ = std::fs::remove_file(&self.file);
        let (Some(before), Some(after), Some(identity)) =
            (before, hash_inputs(inputs), file_identity(inputs.binary))
        else {
            return;
        };
        if before != after {
            return;
        }
        let text = format!("{FORMAT}\n{:016x}\n{identity}\n", after.0);
        if let Some(dir) = self.file.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            // Written whole then renamed: a reader never sees half a stamp.
            let partial = self.file.with_extension("partial");
            if std::fs::write(&partial, text).is_ok() {
                let _ = std::fs::rename(&partial, &self.file);
            }
        }
    }
}

/// The hash of everything `inputs` names, and the list of files read (so that a build
/// that changed the list is not stamped); `None` when something cannot be read.
fn hash_inputs(inputs: &Inputs) -> Option<(u64, Vec<PathBuf>)> {
    let mut h = DefaultHasher::new();
    FORMAT.hash(&mut h);
    inputs.request.hash(&mut h);
    inputs.binary.hash(&mut h);
    // The toolchain: cargo's own binary (an absolute path, or no stamp) and its rustc.
    let cargo = PathBuf::from(std::env::var_os("CARGO")?);
    if !cargo.is_absolute() {
        return None;
    }
    for tool in [cargo.clone(), cargo.with_file_name("rustc")] {
        tool.hash(&mut h);
        file_identity(&tool).hash(&mut h);
    }
    let (deps, build_outputs) = dep_info(inputs.binary)?;
    let mut env: BTreeSet<String> = BUILD_ENV.iter().map(|v| (*v).to_string()).collect();
    let mut files: BTreeSet<PathBuf> = deps.into_iter().collect();
    for output in build_outputs {
        let text = std::fs::read_to_string(&output).ok()?;
        for line in text.lines() {
            let directive = line
                .strip_prefix("cargo::")
                .or_else(|| line.strip_prefix("cargo:"));
            match directive.and_then(|d| d.split_once('=')) {
                Some(("rerun-if-changed", path)) => {
                    files.insert(PathBuf::from(path));
                }
                Some(("rerun-if-env-changed", var)) => {
                    env.insert(var.to_string());
                }
                _ => {}
            }
            // The output itself: what the build script told cargo (cfgs, link flags).
            line.hash(&mut h);
        }
    }
    for workspace in inputs.workspaces {
        files.extend(manifests(workspace)?);
        for dir in workspace.ancestors() {
            files.insert(dir.join(".cargo/config.toml"));
            files.insert(dir.join(".cargo/config"));
        }
    }
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        files.insert(Path::new(&home).join("config.toml"));
        files.insert(Path::new(&home).join("config"));
    }
    files.extend(inputs.extra.iter().map(|p| p.to_path_buf()));
    for var in &env {
        var.hash(&mut h);
        std::env::var_os(var).hash(&mut h);
    }
    for file in &files {
        hash_path(file, &mut h)?;
    }
    Some((h.finish(), files.into_iter().collect()))
}

/// Hashes a path and its content: a file's bytes, a folder's entries (recursively, in
/// order), or that nothing is there. `None` when it exists but cannot be read.
fn hash_path(path: &Path, h: &mut DefaultHasher) -> Option<()> {
    path.hash(h);
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0u8.hash(h),
        Err(_) => return None,
        Ok(meta) if meta.is_dir() => {
            1u8.hash(h);
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .ok()?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()
                .ok()?;
            entries.sort();
            for entry in entries {
                hash_path(&entry, h)?;
            }
        }
        Ok(_) => {
            2u8.hash(h);
            std::fs::read(path).ok()?.hash(h);
        }
    }
    Some(())
}

/// The manifests of the workspace in `dir`: its `Cargo.toml`, `Cargo.lock` and every
/// member's `Cargo.toml` (members as listed; the course and the learner workspace use no
/// globs).
fn manifests(dir: &Path) -> Option<Vec<PathBuf>> {
    let root = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&root).ok()?;
    let manifest: toml::Table = toml::from_str(&text).ok()?;
    let members = manifest
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut files = vec![root, dir.join("Cargo.lock")];
    for member in members {
        let member = member.as_str()?;
        if member.contains('*') {
            return None;
        }
        files.push(dir.join(member).join("Cargo.toml"));
    }
    Some(files)
}

/// The files `binary`'s dep-info lists, and the `output` files of the build scripts whose
/// generated files are among them. `None` without a dep-info naming this very binary.
fn dep_info(binary: &Path) -> Option<(Vec<PathBuf>, BTreeSet<PathBuf>)> {
    let text = std::fs::read_to_string(binary.with_extension("d")).ok()?;
    let line = text.lines().next()?;
    let mut words = split_escaped(line);
    let target = words.first()?.strip_suffix(':')?.to_string();
    if Path::new(&target) != binary {
        return None;
    }
    let deps: Vec<PathBuf> = words.drain(1..).map(PathBuf::from).collect();
    let outputs = deps
        .iter()
        .filter_map(|dep| {
            // `…/build/<package>-<hash>/out/…`: the script's output is `…/<package>-<hash>/output`.
            let out = dep
                .ancestors()
                .find(|a| a.file_name() == Some("out".as_ref()))?;
            let script = out.parent()?;
            (script.parent()?.file_name() == Some("build".as_ref())).then(|| script.join("output"))
        })
        .collect();
    Some((deps, outputs))
}

/// A make rule's words (`\ ` is a space inside a path).
fn split_escaped(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            ' ' => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A file's identity: size, modification time and (on Unix) device and inode — a rebuilt
/// or replaced binary is a new file.
fn file_identity(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    #[cfg(unix)]
    let place = {
        use std::os::unix::fs::MetadataExt;
        format!("{} {}", m.dev(), m.ino())
    };
    #[cfg(not(unix))]
    let place = String::new();
    Some(format!("{place} {} {}", m.len(), modified.as_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace with one source file, a build script's output naming a folder, and a
    /// "binary" with its dep-info, under a fresh temporary folder.
    fn fixture(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mathlings-fresh-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |rel: &str, text: &str| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("ws/Cargo.toml", "[workspace]\nmembers = [\"a\"]\n");
        write("ws/Cargo.lock", "lock\n");
        write("ws/a/Cargo.toml", "[package]\nname = \"a\"\n");
        write("ws/a/src/my lib.rs", "pub fn f() {}\n");
        write("ws/data/table.csv", "1,2\n");
        write("target/build/a-0123/out/gen.rs", "// generated\n");
        write(
            "target/build/a-0123/output",
            &format!("cargo:rerun-if-changed={}\n", dir.join("ws/data").display()),
        );
        write("target/bin", "binary v1");
        let escaped = |p: PathBuf| p.display().to_string().replace(' ', "\\ ");
        write(
            "target/bin.d",
            &format!(
                "{}: {} {}\n",
                dir.join("target/bin").display(),
                escaped(dir.join("ws/a/src/my lib.rs")),
                escaped(dir.join("target/build/a-0123/out/gen.rs")),
            ),
        );
        dir
    }

    /// Runs `test` on a fresh fixture (its folder, the inputs of its binary, and the
    /// binary's stamp), then removes the fixture.
    fn in_fixture(name: &str, test: impl FnOnce(&Path, &Inputs, &Stamp)) {
        // Tests run under `cargo test`, which sets an absolute `$CARGO`: without it every
        // stamp would be stale and these tests would prove nothing.
        let cargo = std::env::var_os("CARGO").expect("cargo test sets $CARGO");
        assert!(Path::new(&cargo).is_absolute());
        let dir = fixture(name);
        let binary = dir.join("target/bin");
        let ws = dir.join("ws");
        let workspaces = [ws.as_path()];
        let inputs = Inputs {
            binary: &binary,
            workspaces: &workspaces,
            extra: &[],
            request: "bin",
        };
        test(&ws, &inputs, &Stamp::new(&dir.join("target"), &binary));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_make_rule_keeps_escaped_spaces() {
        assert_eq!(
            split_escaped("/t/bin: /a/my\\ lib.rs /b/c.rs"),
            ["/t/bin:", "/a/my lib.rs", "/b/c.rs"]
        );
    }

    #[test]
    fn a_stamp_holds_until_a_source_a_rerun_folder_or_the_binary_changes() {
        in_fixture("holds", |ws, inputs, stamp| {
            let fresh = |inputs: &Inputs| stamp.check(inputs).is_ok();
            let rebuild = |inputs: &Inputs| {
                if let Err(before) = stamp.check(inputs) {
                    stamp.record(inputs, before);
                }
            };
            assert!(!fresh(inputs), "no stamp yet");
            rebuild(inputs);
            assert!(fresh(inputs));

            // A source's content, whatever its modification time.
            let source = ws.join("a/src/my lib.rs");
            let mtime = std::fs::metadata(&source).unwrap().modified().unwrap();
            std::fs::write(&source, "pub fn g() {}\n").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&source)
                .unwrap()
                .set_modified(mtime)
                .unwrap();
            assert!(!fresh(inputs), "an edited source");
            rebuild(inputs);
            assert!(fresh(inputs));

            // A file in a folder the build script reruns for, and a member's manifest.
            std::fs::write(ws.join("data/new.csv"), "3\n").unwrap();
            assert!(!fresh(inputs), "a new file in a rerun folder");
            rebuild(inputs);
            std::fs::write(ws.join("a/Cargo.toml"), "[package]\nname = \"b\"\n").unwrap();
            assert!(!fresh(inputs), "a member's manifest");
            rebuild(inputs);
            assert!(fresh(inputs));

            // Another request, and a binary replaced by another build.
            let other = Inputs {
                request: "another bin",
                ..*inputs
            };
            assert!(!fresh(&other), "another package or binary");
            std::fs::remove_file(inputs.binary).unwrap();
            std::fs::write(inputs.binary, "binary v2").unwrap();
            assert!(!fresh(inputs), "a replaced binary");
        });
    }

    #[test]
    fn inputs_that_change_while_cargo_runs_are_not_stamped() {
        in_fixture("racing", |ws, inputs, stamp| {
            let Err(before) = stamp.check(inputs) else {
                panic!("no stamp yet")
            };
            std::fs::write(ws.join("a/src/my lib.rs"), "edited during the build\n").unwrap();
            stamp.record(inputs, before);
            assert!(stamp.check(inputs).is_err());
        });
    }

    #[test]
    fn a_dep_info_naming_another_binary_is_no_stamp() {
        // A copied checkout: its dep-info still names the original's binary and files.
        let dir = fixture("copied");
        let moved = dir.join("target/bin-elsewhere");
        std::fs::copy(dir.join("target/bin.d"), moved.with_extension("d")).unwrap();
        std::fs::write(&moved, "binary v1").unwrap();
        assert!(dep_info(&moved).is_none());
        assert!(dep_info(&dir.join("target/bin")).is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
