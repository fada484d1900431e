//! The instructor's proof, in the judge, run by `cargo test`: for every exercise in the
//! manifest, the official solution passes every property, and every registered
//! misconception fails at least one property and is diagnosed as itself. (That every stub
//! the course ships — `crates/course/stubs`, whatever the learner did to `exercises/src` —
//! fails every property and every solution also passes through the real path — built in
//! the build sandbox, run in the learner process — is proven by `xtask/tests/curriculum.rs`.)
//!
//! Set `MATHLINGS_VERIFY_ONLY=id1,id2` to verify a subset while writing exercises.

use mathlings_checks::Options;
use mathlings_judge::EXERCISES;

/// Cases per property: enough to exercise every property's generator on each of the
/// ~4 implementations per exercise while keeping the whole course under a minute in CI.
fn cases() -> u32 {
    std::env::var("MATHLINGS_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48)
}

#[test]
fn every_exercise_is_sound() {
    // Misconceptions fail snapshot checks on purpose: never let insta write `.snap.new`
    // files for them (the grader sets the same for its runs).
    // SAFETY: set before this test starts any thread; it is the only test in this binary.
    unsafe { std::env::set_var("INSTA_UPDATE", "no") };
    std::panic::set_hook(Box::new(|_| {}));
    let only = std::env::var("MATHLINGS_VERIFY_ONLY").unwrap_or_default();
    let options = Options {
        seed: 20261125,
        cases: cases(),
        first_failure: false,
        deterministic: false,
    };
    let selected: Vec<_> = EXERCISES
        .iter()
        .filter(|e| only.is_empty() || only.split(',').any(|id| id == e.id))
        .collect();
    // Workers take the next exercise as they finish one (the exercises' costs differ by
    // two orders of magnitude, so fixed halves left one core idle for most of the run).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(e) = selected.get(i) else { break };
                        found.extend(
                            (e.verify)(&options)
                                .into_iter()
                                .map(|p| format!("{}: {p}", e.id)),
                        );
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    problems.sort();
    let _ = std::panic::take_hook();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
