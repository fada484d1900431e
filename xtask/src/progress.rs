//! The learner's progress: one small, human-readable TOML file,
//! `.mathlings/progress.toml`, written only by the course tool.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What the course tool remembers between sessions.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    /// The exercise `watch` shows.
    #[serde(default)]
    pub current: Option<String>,
    /// Solved exercises and when they were last seen passing.
    #[serde(default)]
    pub solved: BTreeMap<String, String>,
    /// How many hints of each exercise were shown.
    #[serde(default)]
    pub hints_shown: BTreeMap<String, usize>,
}

/// The progress file's path.
pub fn path(root: &Path) -> PathBuf {
    root.join(".mathlings/progress.toml")
}

impl Progress {
    /// Reads the progress file; a missing one is a fresh start; an unreadable one is
    /// reported and replaced by a fresh start (never a crash).
    pub fn load(root: &Path) -> Progress {
        let path = path(root);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
                eprintln!(
                    "warning: ignoring unreadable {}: {}",
                    path.display(),
                    e.message()
                );
                Progress::default()
            }),
            Err(_) => Progress::default(),
        }
    }

    /// Writes the progress file.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let path = path(root);
        std::fs::create_dir_all(path.parent().expect("has parent"))?;
        let text = toml::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(
            path,
            format!(
                "# mathlings progress — written by `cargo xtask`; safe to read, edit or delete.\n\n{text}"
            ),
        )
    }

    /// Records verdicts: passing exercises are solved, failing ones no longer are.
    pub fn record(&mut self, id: &str, passed: bool) {
        if passed {
            self.solved.insert(id.to_string(), today());
        } else {
            self.solved.remove(id);
        }
    }
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
