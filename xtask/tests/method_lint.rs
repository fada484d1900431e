//! The method lint (`xtask/src/method_lint.rs`): forbidden methods and types that the token
//! scan cannot see — built by a macro from an identifier, named through a renamed import
//! without being called, under `allow`/`expect` attributes — are found by the compiler on
//! resolved names and cost the exercise (`forbidden_call`, naming the method), while an
//! exercise that does not forbid them may still use them, and the official solutions pass.
//!
//! Each fixture is first shown to escape the token scan (`find_forbidden_calls`), so that a
//! `forbidden_call` here can only come from the lint.

mod common;

use std::path::Path;

use common::{Body, root, scratch, status, submission};
use mathlings_course::{Manifest, find_forbidden_calls};

/// `(exercise, body replacing its `todo!()`, text the detail must contain)`: a forbidden
/// method or type each exercise's manifest entry names, hidden from the token scan.
const HIDDEN: &[(&str, &str, &[&str])] = &[
    // A macro builds the method call from an identifier.
    (
        "s2_3_determinant",
        "{ macro_rules! m { ($a:expr, $f:ident) => { $a.$f() }; } Ok(m!(a, determinant)) }",
        &["`.determinant()`", "nalgebra::Matrix::determinant"],
    ),
    // UFCS through a renamed import. (`M::lu(a.clone())` itself is a call the token scan
    // sees: the method is passed, not called.)
    (
        "s2_5_cholesky",
        "{ use nalgebra::Matrix as M; let _ = Some(a.clone()).map(M::lu); todo!() }",
        &["`.lu()`", "nalgebra::Matrix::lu"],
    ),
    // `#[allow]` and `#[expect]` on the functions that make the calls (and, see
    // `FILE_ALLOW`, `#![allow]` on the whole file of s2_5_jacobi_eigen).
    (
        "s2_6_svd",
        "{ macro_rules! m { ($a:expr, $f:ident) => { $a.$f() }; } \
           #[allow(clippy::disallowed_methods)] fn values(a: &DMatrix<f64>) -> DVector<f64> { m!(a.clone(), singular_values) } \
           #[expect(clippy::disallowed_methods)] fn vectors(a: &DMatrix<f64>) -> DMatrix<f64> { m!(a.tr_mul(a), symmetric_eigen).eigenvectors } \
           let _ = (values(a), vectors(a)); todo!() }",
        &[
            "`.singular_values()`",
            "`.symmetric_eigen()`",
            "nalgebra::Matrix::singular_values",
        ],
    ),
    (
        "s2_5_jacobi_eigen",
        "{ macro_rules! m { ($a:expr, $f:ident) => { $a.$f() }; } let e = m!(a.clone(), symmetric_eigen); Ok((e.eigenvalues, e.eigenvectors)) }",
        &["`.symmetric_eigen()`"],
    ),
    // A forbidden type (`nalgebra::SVD`, under `nalgebra::linalg`), its crate passed to a
    // macro.
    (
        "s4_5_pca_iris_2d",
        "{ macro_rules! p { ($k:ident) => { $k::SVD::new(x.clone(), true, true) }; } let _ = p!(nalgebra); todo!() }",
        &["nalgebra::linalg::SVD"],
    ),
];

/// The exercise whose file also starts with `#![allow(clippy::disallowed_methods)]`.
const FILE_ALLOW: &str = "s2_5_jacobi_eigen";

/// An exercise that forbids nothing, whose solution gets a function calling `.lu()`,
/// `.determinant()` and naming `nalgebra::linalg::SVD` (forbidden elsewhere): it is graded as
/// usual and passes.
const ALLOWED_HERE: &str = "s3_2_hessian";
const ALLOWED_CODE: &str = "\n/// Not part of the exercise: uses what other exercises forbid.\n\
     pub fn elsewhere_forbidden(a: &nalgebra::DMatrix<f64>) -> (f64, usize) {\n\
     \x20   macro_rules! m { ($a:expr, $f:ident) => { $a.$f() }; }\n\
     \x20   (m!(a.clone(), lu).determinant(), nalgebra::linalg::SVD::new(a.clone(), false, false).rank(1e-9))\n\
     }\n";

/// The toolchain has clippy (else the grader falls back to the token scan alone, and these
/// tests cannot show anything).
fn has_clippy() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
    else {
        return false;
    };
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Path::new(&sysroot).join("bin/clippy-driver").is_file()
}

fn file_of(manifest: &Manifest, id: &str) -> String {
    manifest.get(id).unwrap().file.clone()
}

fn grade(src: &Path, json: &Path, ids: &[&str]) -> serde_json::Value {
    let mut args = vec!["--cases", "16", "--only"];
    args.extend_from_slice(ids);
    common::grade(src, json, &args)
}

fn detail(report: &serde_json::Value, id: &str) -> String {
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()["detail"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn forbidden_calls_hidden_from_the_token_scan_are_found_on_resolved_names() {
    if !has_clippy() {
        eprintln!("skipped: this toolchain has no clippy-driver (the lint is off)");
        return;
    }
    let manifest = Manifest::load(&root()).unwrap();
    let single: Vec<String> = common::single_todo_exercises()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for (id, _, _) in HIDDEN {
        assert!(single.contains(&id.to_string()), "{id}: needs one todo!()");
    }
    let dir = scratch("method-lint-hidden");
    let src = dir.join("src");
    let mut bodies: Vec<(&str, Body)> = HIDDEN
        .iter()
        .map(|(id, code, _)| (*id, Body::Replace(code)))
        .collect();
    bodies.push((ALLOWED_HERE, Body::Solution));
    submission(&src, &bodies);
    let jacobi = src.join(file_of(&manifest, FILE_ALLOW));
    let text = std::fs::read_to_string(&jacobi).unwrap();
    std::fs::write(
        &jacobi,
        format!("#![allow(clippy::disallowed_methods)]\n{text}"),
    )
    .unwrap();
    let hessian = src.join(file_of(&manifest, ALLOWED_HERE));
    let text = std::fs::read_to_string(&hessian).unwrap();
    std::fs::write(&hessian, text + ALLOWED_CODE).unwrap();

    // The token scan sees none of it: whatever is found below, the compiler found.
    for (id, _, _) in HIDDEN {
        let ex = manifest.get(id).unwrap();
        let text = std::fs::read_to_string(src.join(&ex.file)).unwrap();
        let seen = find_forbidden_calls(&text, ex);
        assert!(
            seen.is_empty(),
            "{id}: the fixture must escape the token scan: {seen:?}"
        );
    }

    let mut ids: Vec<&str> = HIDDEN.iter().map(|(id, _, _)| *id).collect();
    ids.push(ALLOWED_HERE);
    let report = grade(&src, &dir.join("report.json"), &ids);
    for (id, _, needles) in HIDDEN {
        let detail = detail(&report, id);
        assert_eq!(status(&report, id), "forbidden_call", "{id}: {detail}");
        for needle in *needles {
            assert!(detail.contains(needle), "{id}: {needle} in {detail:?}");
        }
        assert!(detail.starts_with("line "), "{id}: {detail:?}");
    }
    // The same methods and type, in an exercise that does not forbid them: graded as usual.
    assert_eq!(
        status(&report, ALLOWED_HERE),
        "pass",
        "{}",
        detail(&report, ALLOWED_HERE)
    );
}

#[test]
fn the_official_solutions_still_pass() {
    let dir = scratch("method-lint-solutions");
    let mut ids: Vec<&str> = HIDDEN.iter().map(|(id, _, _)| *id).collect();
    ids.push(ALLOWED_HERE);
    let report = grade(
        &root().join("solutions/src"),
        &dir.join("report.json"),
        &ids,
    );
    for id in ids {
        assert_eq!(status(&report, id), "pass", "{id}: {}", detail(&report, id));
    }
}
