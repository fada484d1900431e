//! The grading engine shared by every exercise: properties, seeded generation with
//! shrinking, snapshots, misconception diagnosis and the instructor's verification.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use mathlings_course::report::{
    CheckDescription, Diagnosis, ExerciseReport, Failure, PropertyReport,
};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Result of checking one property: `Err` carries the (shrunk) failing case.
pub type Verdict = Result<(), Failure>;

/// How to run the checks.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Master seed: every generated input derives from it, so the same seed gives the
    /// same verdicts.
    pub seed: u64,
    /// Generated cases per property.
    pub cases: u32,
    /// Stop at the first failing property, report its case unshrunk and diagnose nothing:
    /// for `verify --mutants`, where only whether an implementation is rejected matters.
    pub first_failure: bool,
    /// Shrink a failing case without the time limit (the iteration cap still applies), so
    /// that the case reported does not depend on the machine's speed or load: for the
    /// verdict record (`cargo xtask verify --record`), which must be the same on every run.
    pub deterministic: bool,
}

/// How long shrinking one failing case may take, in milliseconds, unless
/// [`Options::deterministic`].
const SHRINK_TIME_MS: u32 = 3_000;

/// A named, weighted invariant that a correct implementation keeps.
pub struct Property<I> {
    /// Short stable id (`shift_invariant`), used in reports.
    pub id: &'static str,
    /// The property in words, shown to the learner.
    pub description: &'static str,
    /// Relative weight for partial credit.
    pub weight: u32,
    /// The check itself.
    pub check: fn(&I, &Ctx) -> Verdict,
}

impl<I> Property<I> {
    /// Declares a property in the order a reader wants it — its id and weight, what it
    /// says, then how it is checked:
    ///
    /// ```ignore
    /// Property::named("shift_invariant", 2)
    ///     .description("adding 1e9 to every value leaves the variance unchanged")
    ///     .check(|imp, ctx| ctx.forall(strategy, call, |x| …)),
    /// ```
    pub const fn named(id: &'static str, weight: u32) -> PropertyDraft<I> {
        PropertyDraft { id, weight, description: "", of: std::marker::PhantomData }
    }
}

/// A property being declared ([`Property::named`]): it becomes one with its check.
pub struct PropertyDraft<I> {
    id: &'static str,
    weight: u32,
    description: &'static str,
    of: std::marker::PhantomData<fn(&I)>,
}

impl<I> PropertyDraft<I> {
    /// The property in words, shown to the learner.
    pub const fn description(self, description: &'static str) -> PropertyDraft<I> {
        PropertyDraft { description, ..self }
    }

    /// The check, which makes the declaration a [`Property`].
    pub const fn check(self, check: fn(&I, &Ctx) -> Verdict) -> Property<I> {
        Property { id: self.id, description: self.description, weight: self.weight, check }
    }
}

/// A known wrong answer: an implementation the checks must reject, and the explanation a
/// learner sees when their answer behaves like it.
pub struct Misconception<I> {
    /// Short stable id (`divides_by_n`).
    pub id: &'static str,
    /// What the learner probably did and why it is wrong.
    pub explanation: &'static str,
    /// The wrong implementation.
    pub implementation: I,
}

impl<I> Misconception<I> {
    /// Declares a known wrong answer — its id, what the learner probably did, then the
    /// wrong implementation: `Misconception::named("divides_by_n").explanation("…")
    /// .implementation(Impl { covariance: |x, y| …, ..RIGHT })`.
    pub const fn named(id: &'static str) -> MisconceptionDraft<I> {
        MisconceptionDraft { id, explanation: "", of: std::marker::PhantomData }
    }
}

/// A misconception being declared ([`Misconception::named`]): it becomes one with its
/// implementation.
pub struct MisconceptionDraft<I> {
    id: &'static str,
    explanation: &'static str,
    of: std::marker::PhantomData<fn(&I)>,
}

impl<I> MisconceptionDraft<I> {
    /// What the learner probably did and why it is wrong.
    pub const fn explanation(self, explanation: &'static str) -> MisconceptionDraft<I> {
        MisconceptionDraft { explanation, ..self }
    }

    /// The wrong implementation, which makes the declaration a [`Misconception`].
    pub fn implementation(self, implementation: I) -> Misconception<I> {
        Misconception { id: self.id, explanation: self.explanation, implementation }
    }
}

/// Everything the checks know about one exercise.
pub struct Spec<I> {
    /// The exercise's id.
    pub exercise: &'static str,
    /// Its properties, in the order they are reported.
    pub properties: Vec<Property<I>>,
    /// Its registered misconceptions.
    pub misconceptions: Vec<Misconception<I>>,
    /// Fixed inputs whose outputs fingerprint an implementation: a learner's answer that
    /// fails and whose fingerprint equals a misconception's is diagnosed as it.
    pub probe: fn(&I) -> Vec<String>,
}

/// Context handed to a property: the seed-derived randomness and the case budget.
pub struct Ctx {
    exercise: &'static str,
    property: &'static str,
    seed: u64,
    cases: u32,
    shrink: bool,
    /// Milliseconds shrinking may take (0: no limit).
    shrink_time: u32,
}

impl Ctx {
    /// Checks `test` on `cases` inputs generated from `strategy`; on failure, shrinks the
    /// input and reports it as the Rust call `call(input)`.
    pub fn forall<S>(
        &self,
        strategy: S,
        call: impl Fn(&S::Value) -> String,
        test: impl Fn(&S::Value) -> Verdict,
    ) -> Verdict
    where
        S: Strategy,
    {
        let config = Config {
            cases: self.cases,
            failure_persistence: None,
            max_shrink_iters: if self.shrink { 2048 } else { 0 },
            max_shrink_time: self.shrink_time,
            source_file: None,
            ..Config::default()
        };
        let seed = self.seed_bytes();
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        let last = RefCell::new(None::<Failure>);
        let outcome = runner.run(&strategy, |value| match test(&value) {
            Ok(()) => Ok(()),
            Err(failure) => {
                *last.borrow_mut() = Some(failure);
                Err(proptest::test_runner::TestCaseError::fail("property failed"))
            }
        });
        match outcome {
            Ok(()) => Ok(()),
            Err(TestError::Fail(reason, value)) => {
                // Re-run the shrunk input to report exactly its outcome.
                let failure = match catch_unwind(AssertUnwindSafe(|| test(&value))) {
                    Ok(Err(failure)) => failure,
                    Ok(Ok(())) => last.into_inner().unwrap_or_else(|| Failure {
                        call: String::new(),
                        returned: reason.message().to_string(),
                        expected: "no failure".into(),
                    }),
                    Err(panic) => Failure {
                        call: String::new(),
                        returned: format!("panicked: {}", panic_message(&*panic)),
                        expected: "a value or a typed error, never a panic".into(),
                    },
                };
                Err(Failure {
                    call: if failure.call.is_empty() { call(&value) } else { failure.call },
                    ..failure
                })
            }
            Err(TestError::Abort(reason)) => Err(Failure {
                call: String::new(),
                returned: format!("generation aborted: {}", reason.message()),
                expected: "the checks to generate inputs (a bug in the checks)".into(),
            }),
        }
    }

    /// A deterministic random generator for this property (for seeds handed to the
    /// learner's code, or data not worth shrinking).
    pub fn rng(&self) -> ChaCha8Rng {
        ChaCha8Rng::from_seed(self.seed_bytes())
    }

    /// Runs a check on one fixed input (`call` is its Rust form), turning a panic into a
    /// failure.
    pub fn once(&self, call: &str, test: impl FnOnce() -> Verdict) -> Verdict {
        match catch_unwind(AssertUnwindSafe(test)) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(failure)) => Err(Failure {
                call: if failure.call.is_empty() { call.to_string() } else { failure.call },
                ..failure
            }),
            Err(panic) => Err(Failure {
                call: call.to_string(),
                returned: format!("panicked: {}", panic_message(&*panic)),
                expected: "a value or a typed error, never a panic".into(),
            }),
        }
    }

    /// Compares `actual` with the stored insta snapshot `<exercise>__<name>.snap` in
    /// `crates/checks/snapshots/`. `call` is the Rust form of what produced it.
    pub fn snapshot(&self, name: &str, call: &str, actual: &str) -> Verdict {
        let snapshot_name = format!("{}__{}", self.exercise, name);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(snapshot_dir());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        let matched = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(snapshot_name.as_str(), actual));
        }));
        match matched {
            Ok(()) => Ok(()),
            Err(_) => Err(Failure {
                call: call.to_string(),
                returned: actual.to_string(),
                expected: stored_snapshot(&snapshot_name)
                    .unwrap_or_else(|| format!("(no stored snapshot {snapshot_name}.snap)")),
            }),
        }
    }

    /// Runs `f` on another thread and waits at most `limit` for it: `Err` with a
    /// description when it takes longer (an exponential algorithm, say) or panics. A late
    /// thread is left to finish on its own; the runner process ends after the checks.
    pub fn within<T: Send + 'static>(
        &self,
        limit: std::time::Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(f));
            let _ = tx.send(result);
        });
        match rx.recv_timeout(limit) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(panic)) => Err(format!("panicked: {}", panic_message(&*panic))),
            Err(_) => Err(format!("still running after {:.1} s", limit.as_secs_f64())),
        }
    }

    fn seed_bytes(&self) -> [u8; 32] {
        let mut state = self.seed ^ fnv1a(self.exercise) ^ fnv1a(self.property).rotate_left(17);
        let mut bytes = [0u8; 32];
        for chunk in bytes.chunks_mut(8) {
            chunk.copy_from_slice(&crate::strategies::splitmix64(&mut state).to_le_bytes());
        }
        bytes
    }
}

/// Directory of the stored snapshots of graded real-data checks.
///
/// Found at run time from `MATHLINGS_COURSE_ROOT` (set by the grader for the judge), so a
/// moved or copied checkout reads its own snapshots; the build-time path is the fallback
/// for `cargo test`.
pub fn snapshot_dir() -> PathBuf {
    match std::env::var_os("MATHLINGS_COURSE_ROOT") {
        Some(root) => PathBuf::from(root).join("crates/checks/snapshots"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots"),
    }
}

fn stored_snapshot(name: &str) -> Option<String> {
    let text = std::fs::read_to_string(snapshot_dir().join(format!("{name}.snap"))).ok()?;
    // An insta file is a `---`-delimited YAML header followed by the contents.
    let body = text.splitn(3, "---\n").nth(2)?;
    Some(body.trim_end_matches('\n').to_string())
}

impl<I> Spec<I> {
    /// Grades `implementation`: every property, then, if any failed, a diagnosis against
    /// `reference` (the official solution; see [`Spec::diagnose`]).
    pub fn grade(&self, implementation: &I, reference: &I, options: &Options) -> ExerciseReport {
        let mut properties: Vec<PropertyReport> = Vec::new();
        for property in &self.properties {
            if options.first_failure && properties.iter().any(|p| !p.passed) {
                break;
            }
            properties.push({
                let ctx = Ctx {
                    exercise: self.exercise,
                    property: property.id,
                    seed: options.seed,
                    cases: options.cases,
                    shrink: !options.first_failure,
                    shrink_time: if options.deterministic { 0 } else { SHRINK_TIME_MS },
                };
                // Learner calls (through the judge's proxies) share one time budget per
                // property; outside a judge these are no-ops.
                mathlings_wire::judge::begin_property();
                let verdict =
                    catch_unwind(AssertUnwindSafe(|| (property.check)(implementation, &ctx)))
                        .unwrap_or_else(|panic| {
                            Err(Failure {
                                call: String::new(),
                                returned: format!("panicked: {}", panic_message(&*panic)),
                                expected: "a value or a typed error, never a panic".into(),
                            })
                        });
                // A call that hung is the property's failure, whatever shrinking did after.
                let verdict = match (verdict, mathlings_wire::judge::timed_out()) {
                    (Err(_), Some((call, budget))) => Err(Failure {
                        call,
                        returned: format!(
                            "did not return within {:.1} s (an infinite loop, or far too slow)",
                            budget.as_secs_f64()
                        ),
                        expected: "a result within the property's time budget".into(),
                    }),
                    (verdict, _) => verdict,
                };
                let printed = mathlings_wire::judge::take_output();
                PropertyReport {
                    id: property.id.to_string(),
                    description: property.description.to_string(),
                    weight: property.weight,
                    passed: verdict.is_ok(),
                    output: (verdict.is_err() && !printed.trim().is_empty()).then_some(printed),
                    failure: verdict.err(),
                }
            });
        }
        let failed = properties.iter().any(|p| !p.passed);
        mathlings_wire::judge::begin_property();
        ExerciseReport {
            exercise: self.exercise.to_string(),
            properties,
            diagnosis: if failed && !options.first_failure {
                self.diagnose(implementation, reference)
            } else {
                None
            },
        }
    }

    /// The misconception `implementation` behaves like, if any.
    ///
    /// A misconception is characterised by the probe entries where its fingerprint differs
    /// from the reference's (the solution's). `implementation` behaves like it when it
    /// shows every one of those differences, whatever it does elsewhere (a learner may
    /// make one registered mistake and an unrelated one). When several match, the most
    /// specific — the one with the most differences — wins.
    pub fn diagnose(&self, implementation: &I, reference: &I) -> Option<Diagnosis> {
        let fingerprint = self.fingerprint(implementation)?;
        let reference = self.fingerprint(reference)?;
        self.misconceptions
            .iter()
            .filter_map(|m| {
                let theirs = self.fingerprint(&m.implementation)?;
                let differences: Vec<usize> =
                    (0..theirs.len()).filter(|&i| reference.get(i) != theirs.get(i)).collect();
                let shows_all = !differences.is_empty()
                    && differences.iter().all(|&i| fingerprint.get(i) == theirs.get(i));
                shows_all.then_some((differences.len(), m))
            })
            .fold(None, |best: Option<(usize, &Misconception<I>)>, (n, m)| match best {
                Some((k, _)) if k >= n => best,
                _ => Some((n, m)),
            })
            .map(|(_, m)| Diagnosis {
                id: m.id.to_string(),
                explanation: m.explanation.to_string(),
            })
    }

    fn fingerprint(&self, implementation: &I) -> Option<Vec<String>> {
        catch_unwind(AssertUnwindSafe(|| (self.probe)(implementation))).ok()
    }

    /// Grades the misconception at `index` (diagnosed against `reference`).
    pub fn grade_misconception(
        &self,
        index: usize,
        reference: &I,
        options: &Options,
    ) -> Option<ExerciseReport> {
        let m = self.misconceptions.get(index)?;
        Some(self.grade(&m.implementation, reference, options))
    }

    /// The static description of these checks.
    pub fn describe(&self) -> CheckDescription {
        CheckDescription {
            exercise: self.exercise.to_string(),
            properties: self
                .properties
                .iter()
                .map(|p| (p.id.to_string(), p.description.to_string(), p.weight))
                .collect(),
            misconceptions: self
                .misconceptions
                .iter()
                .map(|m| (m.id.to_string(), m.explanation.to_string()))
                .collect(),
        }
    }

    /// The instructor's proof that these checks are sound: the solution passes every
    /// property, the stub fails every property, every misconception fails at least one
    /// property and is diagnosed as itself, and the spec is well-formed. Returns the
    /// problems found (empty when sound).
    pub fn verify(&self, solution: &I, stub: Option<&I>, options: &Options) -> Vec<String> {
        let mut problems = Vec::new();
        if self.properties.len() < 3 {
            problems
                .push(format!("has {} properties; at least 3 are required", self.properties.len()));
        }
        if self.misconceptions.is_empty() {
            problems.push("registers no misconception; at least 1 is required".into());
        }
        let mut ids: Vec<&str> = self.properties.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != self.properties.len() {
            problems.push("property ids are not unique".into());
        }
        for p in self.properties.iter().filter(|p| p.description.trim().is_empty()) {
            problems.push(format!("property {} has no description", p.id));
        }
        if self.properties.iter().any(|p| p.weight == 0) {
            problems.push("a property has weight 0".into());
        }
        let report = self.grade(solution, solution, options);
        for p in report.properties.iter().filter(|p| !p.passed) {
            problems.push(format!(
                "the solution fails `{}`: {:?}",
                p.id,
                p.failure.as_ref().map(|f| (&f.call, &f.returned, &f.expected))
            ));
        }
        if let Some(stub) = stub {
            let report = self.grade(stub, solution, options);
            for p in report.properties.iter().filter(|p| p.passed) {
                problems.push(format!("the stub passes `{}`", p.id));
            }
        }
        let solution_print = self.fingerprint(solution);
        for m in &self.misconceptions {
            let report = self.grade(&m.implementation, solution, options);
            if report.passed() {
                problems.push(format!("misconception `{}` passes every property", m.id));
            }
            if self.fingerprint(&m.implementation) == solution_print {
                problems.push(format!(
                    "misconception `{}` has the same probe fingerprint as the solution",
                    m.id
                ));
            } else if report.diagnosis.as_ref().map(|d| d.id.as_str()) != Some(m.id) {
                problems.push(format!(
                    "misconception `{}` is diagnosed as {:?}",
                    m.id,
                    report.diagnosis.map(|d| d.id)
                ));
            }
        }
        problems
    }
}

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-text panic payload)".into()
    }
}

/// The 64-bit FNV-1a hash of `text`: mixes the exercise and property names into each
/// property's seed, and names a figure's contents in the judge's figure snapshot.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Halve {
        f: fn(f64) -> f64,
    }

    fn spec(description: &'static str) -> Spec<Halve> {
        let exact: fn(&Halve, &Ctx) -> Verdict =
            |imp, _| crate::expect::that((imp.f)(3.0) == 1.5, "", "1.5");
        Spec {
            exercise: "halve",
            properties: vec![
                Property::named("exact", 2).description(description).check(exact),
                Property::named("zero", 1)
                    .description("0 / 2 = 0")
                    .check(|imp, _| crate::expect::that((imp.f)(0.0) == 0.0, "", "0")),
                Property::named("sign", 1)
                    .description("keeps the sign")
                    .check(|imp, _| crate::expect::that((imp.f)(-2.0) < 0.0, "", "< 0")),
            ],
            misconceptions: vec![
                Misconception::named("doubles")
                    .explanation("times two")
                    .implementation(Halve { f: |x| 2.0 * x }),
            ],
            probe: |imp| vec![(imp.f)(3.0).to_string()],
        }
    }

    #[test]
    fn a_declared_property_is_the_struct_it_describes() {
        let p = &spec("3 / 2 = 1.5").properties[0];
        assert_eq!((p.id, p.weight, p.description), ("exact", 2, "3 / 2 = 1.5"));
        let ctx = Ctx {
            exercise: "halve",
            property: "exact",
            seed: 1,
            cases: 1,
            shrink: false,
            shrink_time: 0,
        };
        assert!((p.check)(&Halve { f: |x| x / 2.0 }, &ctx).is_ok());
        assert!((p.check)(&Halve { f: |x| x }, &ctx).is_err());
    }

    #[test]
    fn verify_names_a_property_without_description() {
        let options = Options { seed: 1, cases: 1, first_failure: false, deterministic: true };
        let solution = Halve { f: |x| x / 2.0 };
        assert_eq!(spec("3 / 2 = 1.5").verify(&solution, None, &options), Vec::<String>::new());
        let problems = spec(" ").verify(&solution, None, &options);
        assert_eq!(problems, vec!["property exact has no description".to_string()]);
    }
}
