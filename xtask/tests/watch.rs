//! `cargo xtask watch` without a terminal: it must not fail, but re-check on every save.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{exercises, root, scratch, submission};

#[test]
fn without_a_terminal_watch_rechecks_on_save() {
    let (id, file) = exercises()[0].clone();
    let dir = scratch("watch").join("src");
    submission(&dir, &[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "watch",
            &id,
            "--cases",
            "16",
            "--exercises-dir",
            dir.to_str().unwrap(),
        ])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0
                || tx
                    .send(String::from_utf8_lossy(&buf[..n]).to_string())
                    .is_err()
            {
                break;
            }
        }
    });
    let mut seen = String::new();
    let wait_for = |needle: &str, seen: &mut String| {
        let deadline = Instant::now() + Duration::from_secs(240);
        while !seen.contains(needle) && Instant::now() < deadline {
            if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
                seen.push_str(&chunk);
            }
        }
        seen.contains(needle)
    };
    assert!(
        wait_for("Watching exercises/src for changes", &mut seen),
        "first verdict: {seen}"
    );
    assert!(seen.contains("Not started yet"), "{seen}");
    // Save the solution into the watched file: watch must re-check and report a pass.
    let solution = std::fs::read_to_string(root().join("solutions/src").join(&file)).unwrap();
    std::fs::write(dir.join(&file), solution).unwrap();
    let passed = wait_for("Solved!", &mut seen);
    let _ = child.kill();
    let _ = child.wait();
    assert!(passed, "after saving the solution: {seen}");
}
