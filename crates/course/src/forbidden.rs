//! Finds calls an exercise must not make, by scanning its tokens before it is compiled.
//!
//! The scan is token-based rather than AST-based so that code inside macro invocations
//! (`println!("{}", mathlings_stats::mean(&x)?)`) is seen too.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::Exercise;

/// The reference crates: their error types may be named, nothing else unless allowed.
const REFERENCE_CRATES: &[&str] = &[
    "mathlings_stats",
    "mathlings_linalg",
    "mathlings_calculus",
    "mathlings_models",
];

/// Crates that hold the answers or the grader. The learner process cannot even name them
/// (they are not in its build); the scan only says so sooner and in words.
const OFF_LIMITS: &[&str] = &[
    "mathlings_solutions",
    "mathlings_checks",
    "mathlings_judge",
    "mathlings_wire",
    "mathlings_bindings",
    "statrs",
];

/// One forbidden call found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForbiddenCall {
    /// 1-based line of the offending tokens.
    pub line: usize,
    /// The offending path or method, e.g. `mathlings_stats::sample_variance` or `.determinant()`.
    pub call: String,
    /// Why it is not allowed, in words for the learner.
    pub reason: String,
}

/// Scans `source` (the text of an exercise's file) for calls that the exercise `exercise`
/// must not make: every item of the reference crates except their error types (unless
/// listed in `allow`), the solutions and the grader, the manifest's `forbidden` entries,
/// and ways of leaving the file (`crate::`, `include!`, `#[path]`, file modules).
///
/// A file that does not tokenize yields no findings: the compiler will report it.
pub fn find_forbidden_calls(source: &str, exercise: &Exercise) -> Vec<ForbiddenCall> {
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    scan(tokens, exercise, &mut found);
    found.sort_by_key(|f| f.line);
    found.dedup();
    found
}

fn scan(tokens: TokenStream, exercise: &Exercise, found: &mut Vec<ForbiddenCall>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().take(2).collect();
                if group.delimiter() == Delimiter::Bracket
                    && matches!(inner.first(), Some(TokenTree::Ident(p)) if p == "path")
                    && matches!(inner.get(1), Some(t) if is_punct(t, '='))
                {
                    found.push(ForbiddenCall {
                        line: group.span().start().line,
                        call: "#[path]".into(),
                        reason: "an exercise must be self-contained: no #[path] modules".into(),
                    });
                }
                scan(group.stream(), exercise, found)
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let line = ident.span().start().line;
                let mut report =
                    |call: String, reason: String| found.push(ForbiddenCall { line, call, reason });
                let after_separator = continues_path(&tokens, i);
                let after_dot = i > 0 && is_punct(&tokens[i - 1], '.');
                if OFF_LIMITS.contains(&name.as_str()) && !after_separator {
                    report(
                        name.clone(),
                        format!("`{name}` is not available to exercises"),
                    );
                } else if REFERENCE_CRATES.contains(&name.as_str()) && !after_separator {
                    for path in paths_from(&tokens, i) {
                        if let Some(reason) = reference_path_verdict(&path, exercise) {
                            report(path, reason);
                        }
                    }
                } else if name == "crate" && is_path_separator(&tokens, i + 1) {
                    report(
                        "crate::".into(),
                        "an exercise must be self-contained: `crate::` paths reach outside \
                         its file"
                            .into(),
                    );
                } else if name == "super"
                    && is_path_separator(&tokens, i + 1)
                    && matches!(tokens.get(i + 3), Some(TokenTree::Ident(s)) if s == "super")
                {
                    report(
                        "super::super".into(),
                        "an exercise must be self-contained: `super::super` reaches outside \
                         its file"
                            .into(),
                    );
                } else if matches!(name.as_str(), "include" | "include_str" | "include_bytes")
                    && matches!(tokens.get(i + 1), Some(t) if is_punct(t, '!'))
                {
                    report(
                        format!("{name}!"),
                        "an exercise must be self-contained: no including other files".into(),
                    );
                } else if name == "mod" && matches!(tokens.get(i + 2), Some(t) if is_punct(t, ';'))
                {
                    report(
                        "mod …;".into(),
                        "an exercise must be one file: no file modules".into(),
                    );
                }
                for entry in &exercise.forbidden {
                    if let Some(method) = entry.strip_prefix('.') {
                        // A call: `x.method(…)`, `Type::method(…)` or with a turbofish;
                        // not a field (`s.method`) and not a reference-crate path, which
                        // the reference-crate rule judges (it knows the `allow` list).
                        let called = matches!(tokens.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
                            || is_path_separator(&tokens, i + 1);
                        let in_reference_path = after_separator
                            && matches!(&tokens[i - 3], TokenTree::Ident(c) if REFERENCE_CRATES.contains(&c.to_string().as_str()));
                        if name == method
                            && (after_dot || after_separator)
                            && called
                            && !in_reference_path
                        {
                            report(
                                format!(".{method}()"),
                                format!("`{method}` does the work this exercise asks you to do"),
                            );
                        }
                    } else if !after_separator && entry.split("::").next() == Some(&name) {
                        for path in paths_from(&tokens, i) {
                            if path_has_prefix(&path, entry) {
                                report(
                                    path,
                                    format!("`{entry}` does the work this exercise asks you to do"),
                                );
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The verdict on a path into a reference crate: `None` when allowed.
fn reference_path_verdict(path: &str, exercise: &Exercise) -> Option<String> {
    let segments: Vec<&str> = path.split("::").collect();
    let crate_name = segments[0];
    if exercise.allow.iter().any(|a| path_has_prefix(path, a)) {
        return None;
    }
    match segments.get(1) {
        Some(item) if item.ends_with("Error") => None,
        Some(&"*") => Some(format!(
            "a glob import of `{crate_name}` would bring in the reference answers; import \
             only its error type"
        )),
        Some(_) => Some(format!(
            "`{path}` is the course's reference implementation: exercises may use only \
             `{crate_name}`'s error type"
        )),
        None => Some(format!(
            "`{crate_name}` may not be renamed or used whole; import only its error type"
        )),
    }
}

fn path_has_prefix(path: &str, prefix: &str) -> bool {
    path == prefix || path.starts_with(&format!("{prefix}::"))
}

/// Every path starting at `tokens[start]`, expanding one level of `{a, b::c}` groups.
fn paths_from(tokens: &[TokenTree], start: usize) -> Vec<String> {
    let mut path = tokens[start].to_string();
    let mut i = start + 1;
    while is_path_separator(tokens, i) {
        match tokens.get(i + 2) {
            Some(TokenTree::Ident(next)) => {
                path.push_str("::");
                path.push_str(&next.to_string());
                i += 3;
            }
            Some(TokenTree::Punct(p)) if p.as_char() == '*' => return vec![path + "::*"],
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                return group_items(g.stream())
                    .into_iter()
                    .map(|item| format!("{path}::{item}"))
                    .collect();
            }
            _ => break,
        }
    }
    vec![path]
}

/// The first path segment of every comma-separated item of a use group.
fn group_items(stream: TokenStream) -> Vec<String> {
    let mut items = Vec::new();
    let mut expect_item = true;
    for token in stream {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => expect_item = true,
            TokenTree::Ident(ident) if expect_item => {
                items.push(ident.to_string());
                expect_item = false;
            }
            TokenTree::Punct(p) if p.as_char() == '*' && expect_item => {
                items.push("*".into());
                expect_item = false;
            }
            _ => {}
        }
    }
    items
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == c)
}

/// Whether `tokens[i]` is a later segment of a path (`a::<here>`), as opposed to the
/// first segment of a path, possibly absolute (`::<here>`).
fn continues_path(tokens: &[TokenTree], i: usize) -> bool {
    i >= 3 && is_path_separator(tokens, i - 2) && matches!(&tokens[i - 3], TokenTree::Ident(_))
        || i >= 3 && is_path_separator(tokens, i - 2) && is_punct(&tokens[i - 3], '>')
}

/// Whether `tokens[i]` and `tokens[i + 1]` form `::`.
fn is_path_separator(tokens: &[TokenTree], i: usize) -> bool {
    matches!(
        (tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && b.as_char() == ':'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(forbidden: &[&str], allow: &[&str]) -> Exercise {
        Exercise {
            id: "s2_3_determinant".into(),
            section: "2.3".into(),
            title: "Determinant".into(),
            file: "p2_linalg/s2_3_determinant.rs".into(),
            points: 10,
            hints: vec![],
            reading: vec![],
            forbidden: forbidden.iter().map(|s| s.to_string()).collect(),
            allow: allow.iter().map(|s| s.to_string()).collect(),
            timeout_secs: None,
            opt_level: None,
        }
    }

    fn calls(src: &str, ex: &Exercise) -> Vec<String> {
        find_forbidden_calls(src, ex)
            .into_iter()
            .map(|f| f.call)
            .collect()
    }

    #[test]
    fn error_types_are_allowed_everything_else_is_not() {
        let ex = exercise(&[], &[]);
        let src = "use mathlings_linalg::LinalgError;\n\
                   fn f() -> Result<f64, LinalgError> { Err(mathlings_linalg::LinalgError::Empty) }";
        assert!(calls(src, &ex).is_empty());
        let src = "fn f(a: &M) -> f64 { mathlings_linalg::determinant(a).unwrap() }";
        assert_eq!(calls(src, &ex), ["mathlings_linalg::determinant"]);
    }

    #[test]
    fn groups_globs_renames_and_macros_are_seen() {
        let ex = exercise(&[], &[]);
        let src = "use mathlings_linalg::{LinalgError, determinant};";
        assert_eq!(calls(src, &ex), ["mathlings_linalg::determinant"]);
        assert_eq!(
            calls("use mathlings_linalg::*;", &ex),
            ["mathlings_linalg::*"]
        );
        assert_eq!(
            calls("use mathlings_linalg as l;", &ex),
            ["mathlings_linalg"]
        );
        let src = "fn f() { println!(\"{}\", ::mathlings_stats::mean(&[1.0]).unwrap()); }";
        assert_eq!(calls(src, &ex), ["mathlings_stats::mean"]);
    }

    #[test]
    fn manifest_entries_and_escapes_are_forbidden() {
        let ex = exercise(&[".determinant", "nalgebra::linalg"], &[]);
        assert_eq!(
            calls("fn f(m: M) -> f64 { m.determinant() }", &ex),
            [".determinant()"]
        );
        assert_eq!(
            calls("fn f(m: M) -> f64 { M::determinant(&m) }", &ex),
            [".determinant()"]
        );
        assert_eq!(
            calls("use nalgebra::linalg::LU;", &ex),
            ["nalgebra::linalg::LU"]
        );
        assert!(calls("use nalgebra::DMatrix;", &ex).is_empty());
        assert_eq!(calls("fn f() { crate::x() }", &ex), ["crate::"]);
        assert_eq!(
            calls("const S: &str = include_str!(\"x\");", &ex),
            ["include_str!"]
        );
        assert_eq!(
            calls("#[path = \"x.rs\"] mod y;", &ex),
            ["#[path]", "mod …;"]
        );
        assert_eq!(
            calls("fn f() { mathlings_solutions::p() }", &ex),
            ["mathlings_solutions"]
        );
        assert!(calls("mod tests { use super::*; }", &ex).is_empty());
    }

    #[test]
    fn allowed_items_pass() {
        let ex = exercise(&[".svd", ".singular_values"], &["mathlings_linalg::svd"]);
        assert!(
            calls(
                "let s = mathlings_linalg::svd(&a)?; let v = s.singular_values;",
                &ex
            )
            .is_empty()
        );
        assert_eq!(calls("let s = a.clone().svd(true, true);", &ex), [".svd()"]);
        assert!(calls("let s = mathlings_linalg::svd(&a)?;", &ex).is_empty());
        assert!(calls("use mathlings_linalg::{svd, Svd};", &ex).len() == 1);
    }

    #[test]
    fn line_numbers_point_at_the_call() {
        let ex = exercise(&[".determinant"], &[]);
        let found = find_forbidden_calls("fn f() {\n\n  m.determinant()\n}", &ex);
        assert_eq!(found[0].line, 3);
    }
}
