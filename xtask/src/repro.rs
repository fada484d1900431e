//! `cargo xtask repro [ID]`: writes the shrunk failing case of the exercise's first failing
//! property as an ordinary unit test, `exercises/tests/repro_<id>.rs`, so that
//! `cargo test -p mathlings-exercises --test repro_<id>` reproduces it under a debugger or
//! with prints.
//!
//! The judge reports a failing case as text (`Failure`: the call as Rust, what came back,
//! what was expected), so the test is derived from that text, and says honestly what it
//! checks: an exact value, a value within the tolerance the checks stated, an error
//! variant, no panic — or, for an expectation that is a relation the text cannot state
//! (a bound, a property of several calls), only that the answer is no longer the failing
//! one. A case that is not a single Rust call (a timing, several calls, a data set
//! described in words) is skipped for the next failing property.
//!
//! The file is the learner's to keep, edit or delete; a previous, different one is moved
//! to `.mathlings/backups/` first, and `reset` never touches it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mathlings_course::Exercise;
use mathlings_course::report::{ExerciseReport, Failure, PropertyReport};
use syn::visit::Visit;

use crate::engine::Status;
use crate::progress::Progress;
use crate::{Course, RunOptions};

/// Arguments of `repro`.
#[derive(Args)]
pub struct ReproArgs {
    /// The exercise (default: the current one).
    pub id: Option<String>,
    /// Use the exercise files in this folder (laid out like exercises/src) instead of the
    /// working tree's, and write the test into `tests/` beside it; used by the grader's own
    /// tests.
    #[arg(long, hide = true, value_name = "DIR")]
    pub exercises_dir: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `repro`: checks the exercise, then writes its failing case as a test.
pub fn run(args: ReproArgs) -> Result<ExitCode, String> {
    let course = Course::load()?;
    let mut grader = course.grader(&args.run);
    let (exercises_dir, state_root) = match &args.exercises_dir {
        Some(dir) => {
            let dir = dir
                .canonicalize()
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let state = dir.parent().map_or_else(|| dir.clone(), Path::to_path_buf);
            (dir, state)
        }
        None => (course.root.join("exercises/src"), course.root.clone()),
    };
    grader.exercises_dir = exercises_dir.clone();
    let id = match args.id {
        Some(id) => {
            course.known_ids(std::slice::from_ref(&id))?;
            id
        }
        None => crate::check::current(&course, &Progress::load(&state_root)),
    };
    let ex = course.manifest.get(&id).expect("known id");
    let verdict = grader
        .grade(std::slice::from_ref(&id))
        .map_err(|e| e.to_string())?
        .remove(0);
    if verdict.status == Status::Pass {
        println!("{id} keeps every property: there is no failing case to reproduce.");
        return Ok(ExitCode::SUCCESS);
    }
    let Some(report) = &verdict.report else {
        return Err(format!(
            "{id} has no failing case to reproduce ({}); `cargo xtask check {id}` says why",
            verdict.status.words()
        ));
    };
    let tests = exercises_dir
        .parent()
        .unwrap_or(&exercises_dir)
        .join("tests");
    let written = write(ex, report, &exercises_dir, &tests)?;
    print!("{}", written.summary());
    Ok(ExitCode::SUCCESS)
}

/// What a generated test asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assertion {
    /// That the call does not panic (the check failed on a panic).
    NoPanic,
    /// The exact value (compared as `Debug` text) or error variant the checks expected.
    Exact,
    /// The value, or every element, within the tolerance the checks stated.
    Tolerance,
    /// Only that the answer differs from the failing one: the checks' expectation is a
    /// relation the report states in words.
    DiffersOnly,
    /// Nothing: the call is run and its answer printed.
    PrintOnly,
}

/// A test written by [`write`].
#[derive(Debug)]
pub struct Written {
    /// The exercise.
    pub id: String,
    /// The file written.
    pub path: PathBuf,
    /// The property it reproduces.
    pub property: String,
    /// What it asserts.
    pub assertion: Assertion,
    /// Failing properties before it whose case is not a single Rust call.
    pub skipped: Vec<String>,
    /// Where a previous, different file was moved.
    pub backup: Option<PathBuf>,
}

impl Written {
    /// What to tell the learner: where the test is, what it checks, how to run it.
    pub fn summary(&self) -> String {
        let what = match self.assertion {
            Assertion::NoPanic => "that the call does not panic",
            Assertion::Exact => "the exact answer the checks expected",
            Assertion::Tolerance => "the expected value within the checks' tolerance",
            Assertion::DiffersOnly => {
                "only that the answer is no longer the failing one (the expectation is a relation; see the file)"
            }
            Assertion::PrintOnly => "nothing: it prints the answer (see the file)",
        };
        let mut out = format!(
            "Wrote {} (property `{}`); it asserts {what}.\n",
            self.path.display(),
            self.property
        );
        if !self.skipped.is_empty() {
            out += &format!(
                "Skipped the failing properties {} (their case is not a single call).\n",
                self.skipped.join(", ")
            );
        }
        if let Some(backup) = &self.backup {
            out += &format!("Your previous file is in {}.\n", backup.display());
        }
        out += &format!(
            "Run it with: cargo test -p mathlings-exercises --test repro_{} -- --nocapture\n",
            self.id
        );
        out
    }
}

/// Writes the first failing property of `report` whose case is a single Rust call as
/// `tests_dir/repro_<id>.rs`, reading the exercise's public names from its file in
/// `exercises_dir`.
///
/// # Errors
/// When no failing property has a case that is a Rust call, or a file cannot be written.
pub fn write(
    ex: &Exercise,
    report: &ExerciseReport,
    exercises_dir: &Path,
    tests_dir: &Path,
) -> Result<Written, String> {
    let learner = std::fs::read_to_string(exercises_dir.join(&ex.file)).unwrap_or_default();
    let names = public_names(&learner);
    let mut skipped = Vec::new();
    let mut chosen = None;
    for p in report.properties.iter().filter(|p| !p.passed) {
        match &p.failure {
            Some(f) if runnable(&f.call, &names) => {
                chosen = Some((p, f));
                break;
            }
            _ => skipped.push(p.id.clone()),
        }
    }
    let Some((property, failure)) = chosen else {
        return Err(format!(
            "no failing property of {} has a case that is a single Rust call ({}): \
             `cargo xtask check {}` shows them",
            ex.id,
            skipped.join(", "),
            ex.id
        ));
    };
    let (source, assertion) = test_source(ex, property, failure);
    let path = tests_dir.join(format!("repro_{}.rs", ex.id));
    let mut backup = None;
    if let Ok(old) = std::fs::read_to_string(&path)
        && old != source
    {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        // `exercises/tests` → the course root, where `.mathlings/` is.
        let state = tests_dir
            .parent()
            .and_then(Path::parent)
            .unwrap_or(tests_dir);
        let to = state.join(format!(".mathlings/backups/repro_{}-{stamp}.rs", ex.id));
        std::fs::create_dir_all(to.parent().expect("has parent"))
            .map_err(|e| format!("cannot create the backup folder: {e}"))?;
        std::fs::rename(&path, &to)
            .map_err(|e| format!("cannot move {} aside: {e}", path.display()))?;
        backup = Some(to);
    }
    std::fs::create_dir_all(tests_dir)
        .map_err(|e| format!("cannot create {}: {e}", tests_dir.display()))?;
    std::fs::write(&path, source).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(Written {
        id: ex.id.clone(),
        path,
        property: property.id.clone(),
        assertion,
        skipped,
        backup,
    })
}

/// Names a test file can use besides the exercise's own: its imports, the prelude.
const KNOWN: &[&str] = &[
    "Ok",
    "Err",
    "Some",
    "None",
    "f64",
    "f32",
    "usize",
    "u32",
    "u64",
    "i32",
    "i64",
    "std",
    "vec",
    "dmatrix",
    "dvector",
    "DMatrix",
    "DVector",
    "PI",
    "StatsError",
    "LinalgError",
    "CalculusError",
    "ModelError",
];

/// The public items of the learner's file (functions, types, constants).
fn public_names(source: &str) -> BTreeSet<String> {
    let Ok(file) = syn::parse_file(source) else {
        return BTreeSet::new();
    };
    let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(f) if public(&f.vis) => Some(f.sig.ident.to_string()),
            syn::Item::Struct(s) if public(&s.vis) => Some(s.ident.to_string()),
            syn::Item::Enum(e) if public(&e.vis) => Some(e.ident.to_string()),
            syn::Item::Type(t) if public(&t.vis) => Some(t.ident.to_string()),
            syn::Item::Const(c) if public(&c.vis) => Some(c.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// Whether `call` is a Rust expression naming only what a test file can reach: the
/// exercise's public items, the file's imports and what the expression itself binds.
fn runnable(call: &str, exercise: &BTreeSet<String>) -> bool {
    let Ok(expr) = syn::parse_str::<syn::Expr>(call) else {
        return false;
    };
    let mut names = Names::default();
    names.visit_expr(&expr);
    names
        .used
        .iter()
        .all(|n| exercise.contains(n) || names.bound.contains(n) || KNOWN.contains(&n.as_str()))
}

/// The first segments of the paths an expression uses, and the names it binds.
#[derive(Default)]
struct Names {
    used: BTreeSet<String>,
    bound: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for Names {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if let Some(first) = path.segments.first() {
            self.used.insert(first.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        self.bound.insert(pat.ident.to_string());
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // `dmatrix![…]`, `vec![…]`: the macro's name, and the paths in its arguments.
        self.visit_path(&mac.path);
        if let Ok(args) = mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }
}

/// The test file for `failure` of `property`, and what it asserts.
fn test_source(ex: &Exercise, property: &PropertyReport, failure: &Failure) -> (String, Assertion) {
    let module = ex.file.trim_end_matches(".rs").replace('/', "::");
    let (check, assertion) = assertion(failure);
    let mut out = String::new();
    let about = format!("Property `{}`: {}", property.id, property.description);
    out += &format!(
        "//! Reproduces the failing case of `{}` that `cargo xtask repro` found, as an\n\
         //! ordinary test.\n",
        ex.id
    );
    for line in crate::render::wrap(&about, 88) {
        out += &format!("//! {line}\n");
    }
    out += &format!(
        "//!\n\
         //! Run it (it builds the whole exercises crate, so every exercise file must compile):\n\
         //!     cargo test -p mathlings-exercises --test repro_{id} -- --nocapture\n\
         //!\n\
         //! When the check failed, your function returned:\n{returned}\
         //! and the checks expected:\n{expected}\
         //!\n\
         //! This file is yours to keep, change or delete; `cargo xtask reset` leaves it alone.\n\
         //! It checks one case only: `cargo xtask check {id}` is the verdict.\n\n",
        id = ex.id,
        returned = doc_block(&failure.returned),
        expected = doc_block(&failure.expected),
    );
    out += "#![allow(unused_imports, clippy::all)]\n\n";
    out += &format!("use exercises::{module}::*;\n");
    out += "use mathlings_calculus::CalculusError;\n";
    out += "use mathlings_linalg::LinalgError;\n";
    out += "use mathlings_models::ModelError;\n";
    out += "use mathlings_stats::StatsError;\n";
    out += "use nalgebra::{DMatrix, DVector, dmatrix, dvector};\n";
    out += "use std::f64::consts::PI;\n\n";
    out += "#[test]\n";
    out += &format!("fn {}() {{\n", test_name(&property.id));
    if failure.returned.contains("did not return within") {
        out += "    // This call did not return within the checks' time budget: the test runs\n";
        out += "    // until it returns or you stop it.\n";
    }
    out += &format!("    let got = {};\n", failure.call);
    out += "    println!(\"returned: {got:?}\");\n";
    out += &check;
    out += "}\n";
    (out, assertion)
}

fn doc_block(text: &str) -> String {
    text.lines().map(|l| format!("//!     {l}\n")).collect()
}

fn test_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("case_{name}")
    } else {
        name
    }
}

/// The assertion lines for `failure`'s expectation (after `let got = …;`), and its kind.
fn assertion(failure: &Failure) -> (String, Assertion) {
    let expected = failure.expected.trim();
    if expected == "a value or a typed error, never a panic" {
        return (
            "    // The check failed because the call panicked: reaching this line is the test.\n"
                .into(),
            Assertion::NoPanic,
        );
    }
    if let Some((want, tolerance)) = float_within(expected) {
        return (
            format!(
                "    // Within the tolerance the checks stated (rounded to two significant digits).\n\
                 \x20   let want = {want};\n\
                 \x20   let tolerance = {tolerance};\n\
                 \x20   assert!(\n\
                 \x20       matches!(got, Ok(v) if v == want || (v - want).abs() <= tolerance),\n\
                 \x20       \"expected Ok({{want}} ± {{tolerance}}), got {{got:?}}\"\n\
                 \x20   );\n"
            ),
            Assertion::Tolerance,
        );
    }
    if let Some((want, tolerance)) = each_within(expected) {
        let shape = if want.starts_with("dmatrix!") || want.starts_with("dvector!") {
            "v.shape() == want.shape()"
        } else {
            "v.len() == want.len()"
        };
        return (
            format!(
                "    // Every element within the tolerance the checks stated (rounded to two\n\
                 \x20   // significant digits).\n\
                 \x20   let want = {want};\n\
                 \x20   let tolerance = {tolerance};\n\
                 \x20   let Ok(v) = &got else {{\n\
                 \x20       panic!(\"expected Ok({{want:?}}) (each ± {{tolerance}}), got {{got:?}}\")\n\
                 \x20   }};\n\
                 \x20   assert!({shape}, \"expected {{want:?}}, got {{v:?}}\");\n\
                 \x20   for (g, w) in v.iter().zip(want.iter()) {{\n\
                 \x20       assert!(\n\
                 \x20           g == w || (g - w).abs() <= tolerance,\n\
                 \x20           \"expected {{want:?}} (each ± {{tolerance}}), got {{v:?}}\"\n\
                 \x20       );\n\
                 \x20   }}\n"
            ),
            Assertion::Tolerance,
        );
    }
    if let Some(pattern) = error_pattern(expected) {
        return (
            format!(
                "    assert!(\n\
                 \x20       matches!(got, Err({pattern})),\n\
                 \x20       \"expected Err({}), got {{got:?}}\"\n\
                 \x20   );\n",
                pattern
                    .replace('{', "{{")
                    .replace('}', "}}")
                    .replace('"', "\\\"")
            ),
            Assertion::Exact,
        );
    }
    if exact_debug(expected) {
        return (
            format!(
                "    // The checks expected exactly this value (compared as printed by `{{:?}}`).\n\
                 \x20   assert_eq!(format!(\"{{got:?}}\"), {:?});\n",
                debug_text(expected)
            ),
            Assertion::Exact,
        );
    }
    let mut lines = String::from(
        "    // The checks' expectation is a relation this file cannot state as an assert\n\
         \x20   // (see the top of the file).\n",
    );
    if failure.returned.starts_with("Ok(") || failure.returned.starts_with("Err(") {
        lines += &format!(
            "    // It only fails while your function returns exactly what it returned when\n\
             \x20   // the check failed: a different answer is not necessarily right.\n\
             \x20   assert_ne!(format!(\"{{got:?}}\"), {:?});\n",
            debug_text(&failure.returned)
        );
        (lines, Assertion::DiffersOnly)
    } else {
        lines += "    // It asserts nothing: read what it prints.\n";
        (lines, Assertion::PrintOnly)
    }
}

/// `Ok(<float> (± <tolerance>))`, as Rust literals.
fn float_within(expected: &str) -> Option<(String, String)> {
    let inner = expected.strip_prefix("Ok(")?.strip_suffix("))")?;
    let (want, tolerance) = inner.split_once(" (± ")?;
    Some((float_literal(want)?, float_literal(tolerance)?))
}

/// `Ok(<array or matrix literal>) (each ± <tolerance>)` (also `(r×c, each ± …)`).
fn each_within(expected: &str) -> Option<(String, String)> {
    let rest = expected.strip_prefix("Ok(")?;
    let (want, tail) = rest.rsplit_once(") (")?;
    let tolerance = tail
        .strip_suffix(')')?
        .rsplit_once("each ± ")
        .map(|(_, t)| t)?;
    let literal = syn::parse_str::<syn::Expr>(want).ok()?;
    let want = match literal {
        syn::Expr::Array(_) => format!("vec!{want}"),
        syn::Expr::Macro(m) if m.mac.path.is_ident("dmatrix") || m.mac.path.is_ident("dvector") => {
            want.to_string()
        }
        _ => return None,
    };
    Some((want, float_literal(tolerance)?))
}

/// A float as the checks print it (`1.5`, `1e-9`, `f64::NAN`), as a Rust `f64` literal.
fn float_literal(text: &str) -> Option<String> {
    let text = text.trim();
    if text.starts_with("f64::") {
        return matches!(text, "f64::NAN" | "f64::INFINITY" | "f64::NEG_INFINITY")
            .then(|| text.to_string());
    }
    let value: f64 = text.parse().ok()?;
    Some(format!("{value:?}_f64"))
}

/// `Err(<pattern>)` naming a variant of one of the reference crates' error types.
fn error_pattern(expected: &str) -> Option<String> {
    let inner = expected.strip_prefix("Err(")?.strip_suffix(')')?;
    let qualified = [
        "StatsError::",
        "LinalgError::",
        "CalculusError::",
        "ModelError::",
    ]
    .iter()
    .any(|t| inner.starts_with(t));
    let parses = syn::parse::Parser::parse_str(syn::Pat::parse_single, inner).is_ok();
    (qualified && parses).then(|| inner.to_string())
}

/// Whether `expected` is a plain `Ok(…)` or `Err(…)` value, without tolerance or words.
fn exact_debug(expected: &str) -> bool {
    let inner = expected
        .strip_prefix("Ok(")
        .or_else(|| expected.strip_prefix("Err("))
        .and_then(|i| i.strip_suffix(')'));
    inner.is_some_and(|inner| {
        !inner.contains('!') && syn::parse_str::<syn::Expr>(inner).is_ok_and(|e| literal_like(&e))
    })
}

/// Literals, paths (`Saddle`), arrays, tuples and struct literals of those.
fn literal_like(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(_) | syn::Expr::Path(_) => true,
        syn::Expr::Unary(u) => literal_like(&u.expr),
        syn::Expr::Array(a) => a.elems.iter().all(literal_like),
        syn::Expr::Tuple(t) => t.elems.iter().all(literal_like),
        syn::Expr::Struct(s) => s.fields.iter().all(|f| literal_like(&f.expr)),
        syn::Expr::Call(c) => c.args.iter().all(literal_like),
        _ => false,
    }
}

/// The checks' rendering of a value, as `{:?}` prints it (`f64::NAN` is `NaN`).
fn debug_text(shown: &str) -> String {
    shown
        .replace("f64::NEG_INFINITY", "-inf")
        .replace("f64::INFINITY", "inf")
        .replace("f64::NAN", "NaN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_become_the_right_assertion() {
        let kind = |expected: &str, returned: &str| {
            assertion(&Failure {
                call: String::new(),
                returned: returned.into(),
                expected: expected.into(),
            })
            .1
        };
        use Assertion::*;
        assert_eq!(kind("Ok(70387.7392072363 (± 0.70))", "Ok(1.0)"), Tolerance);
        assert_eq!(kind("Ok([1.0, 2.0]) (each ± 1e-9)", "Ok([])"), Tolerance);
        assert_eq!(
            kind(
                "Ok(dmatrix![1.0, 2.0; 3.0, 4.0]) (2×2, each ± 1e-9)",
                "Ok(…)"
            ),
            Tolerance
        );
        assert_eq!(
            kind(
                "Err(StatsError::InvalidParameter { name: \"p\", .. })",
                "Ok(1.0)"
            ),
            Exact
        );
        assert_eq!(kind("Ok(true)", "Ok(false)"), Exact);
        assert_eq!(kind("Ok([0, 1])", "Ok([1, 0])"), Exact);
        assert_eq!(
            kind("a value or a typed error, never a panic", "panicked: x"),
            NoPanic
        );
        assert_eq!(kind("Ok(a value ≥ 0)", "Ok(-1.0)"), DiffersOnly);
        assert_eq!(kind("both ≤ 0.5", "0.7 and 0.9"), PrintOnly);
    }

    #[test]
    fn only_single_calls_of_reachable_names_are_runnable() {
        let names: BTreeSet<String> = ["sample_variance", "Dual", "matmul"]
            .into_iter()
            .map(String::from)
            .collect();
        assert!(runnable("sample_variance(&[1.0, f64::NAN])", &names));
        assert!(runnable(
            "{ let x = Dual::variable(0.5); (x * x).sin() }",
            &names
        ));
        assert!(runnable(
            "matmul(&dmatrix![1.0; 2.0], &dmatrix![PI])",
            &names
        ));
        assert!(!runnable(
            "sample_variance(&xᵢ) for Anscombe's sets",
            &names
        ));
        assert!(!runnable("matmul(&a, &b) with a = dmatrix![0.0]", &names));
        assert!(!runnable(
            "gradient_descent(grad_1 /* x ↦ S₁x − b */, &[0.0], 2.0)",
            &names
        ));
        assert!(!runnable(
            "matmul(&dmatrix![secret], &dmatrix![1.0])",
            &names
        ));
    }
}
