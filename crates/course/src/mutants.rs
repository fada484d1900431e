//! Mutants of a solution: the small slips a learner makes, applied one at a time to a
//! correct file, so that `cargo xtask verify --mutants` can prove the checks reject each.
//!
//! Operators (inside function bodies and constants; never in tests or macro arguments):
//! - boundaries: `<` ↔ `<=`, `>` ↔ `>=`, `==` ↔ `!=`;
//! - arithmetic: `+` ↔ `-`, `*` ↔ `/` (and `+=` ↔ `-=`, `*=` ↔ `/=`), `&&` ↔ `||`;
//! - `± 1` dropped: `e + 1` and `e - 1` (integer or float one) become `e`;
//! - a negation dropped: `-e` and `!e` become `e`;
//! - scaling: `.max(…)` ↔ `.min(…)`;
//! - a statement deleted (an expression statement ending in `;`);
//! - indices swapped: `m[(i, j)]` → `m[(j, i)]`, `a[i][j]` → `a[j][i]`.
//!
//! A mutant is named by the function it is in, what it changes and, when the same change
//! occurs more than once in that function, its occurrence (`#2`): stable under edits
//! elsewhere in the file, so an instructor's record of an equivalent mutant survives them.

use proc_macro2::{LineColumn, Span};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// One mutant of a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// Stable name, e.g. "fn rank: `a < b` → `a <= b`" (with " #2" for a repeat).
    pub name: String,
    /// 1-based line of the change.
    pub line: usize,
    /// Byte range of the original text that is replaced.
    pub range: std::ops::Range<usize>,
    /// The replacement text.
    pub replacement: String,
}

impl Mutant {
    /// The mutated source.
    pub fn apply(&self, source: &str) -> String {
        let mut text = String::with_capacity(source.len() + self.replacement.len());
        text.push_str(&source[..self.range.start]);
        text.push_str(&self.replacement);
        text.push_str(&source[self.range.end..]);
        text
    }

    /// A two-line diff of the changed line: `- before` and `+ after`.
    pub fn diff(&self, source: &str) -> String {
        let start = source[..self.range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = source[self.range.end..]
            .find('\n')
            .map_or(source.len(), |i| self.range.end + i);
        let before = &source[start..end];
        let after = format!(
            "{}{}{}",
            &source[start..self.range.start],
            self.replacement,
            &source[self.range.end..end]
        );
        let show = |prefix: &str, text: &str| {
            text.lines()
                .map(|l| format!("{prefix} {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        format!("{}\n{}", show("-", before), show("+", &after))
    }
}

/// Every mutant of `source`, in source order.
///
/// # Errors
/// When the source does not parse.
pub fn mutants(source: &str) -> Result<Vec<Mutant>, syn::Error> {
    let file = syn::parse_file(source)?;
    let mut finder = Finder {
        offsets: Offsets::new(source),
        source,
        function: String::from("(top level)"),
        found: Vec::new(),
    };
    finder.visit_file(&file);
    let mut found = finder.found;
    found.sort_by_key(|m| (m.range.start, m.range.end));
    // Number repeated names within a file.
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for m in &mut found {
        let n = seen.entry(m.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            m.name = format!("{} #{n}", m.name);
        }
    }
    found.dedup_by(|a, b| a.range == b.range && a.replacement == b.replacement);
    Ok(found)
}

/// Byte offsets of line starts, to turn spans (line, character column) into byte ranges.
struct Offsets {
    lines: Vec<usize>,
}

impl Offsets {
    fn new(source: &str) -> Self {
        let mut lines = vec![0];
        lines.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Offsets { lines }
    }

    fn byte(&self, source: &str, at: LineColumn) -> usize {
        let start = self.lines[at.line - 1];
        source[start..]
            .char_indices()
            .nth(at.column)
            .map_or(source.len(), |(i, _)| start + i)
    }
}

struct Finder<'s> {
    offsets: Offsets,
    source: &'s str,
    function: String,
    found: Vec<Mutant>,
}

impl Finder<'_> {
    fn range(&self, span: Span) -> std::ops::Range<usize> {
        self.offsets.byte(self.source, span.start())..self.offsets.byte(self.source, span.end())
    }

    fn text(&self, span: Span) -> &str {
        &self.source[self.range(span)]
    }

    /// Records replacing the text of `span` with `replacement`; `shown` is the change in
    /// words (the mutant's name after the function).
    fn push(&mut self, span: Span, replacement: String, shown: String) {
        self.found.push(Mutant {
            name: format!("fn {}: {shown}", self.function),
            line: span.start().line,
            range: self.range(span),
            replacement,
        });
    }

    /// Records replacing `whole` by the text of `part` (dropping an operand or operator).
    fn keep_only(&mut self, whole: Span, part: Span) {
        let before = short(self.text(whole));
        let after = self.text(part).to_string();
        let shown = format!("`{before}` → `{}`", short(&after));
        self.push(whole, after, shown);
    }
}

/// The text of an expression on one line, shortened for a mutant's name.
fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        one_line.chars().take(57).collect::<String>() + "…"
    } else {
        one_line
    }
}

/// The operator a binary operator is flipped to, if any.
fn flipped(op: &syn::BinOp) -> Option<&'static str> {
    use syn::BinOp::*;
    Some(match op {
        Lt(_) => "<=",
        Le(_) => "<",
        Gt(_) => ">=",
        Ge(_) => ">",
        Eq(_) => "!=",
        Ne(_) => "==",
        Add(_) => "-",
        Sub(_) => "+",
        Mul(_) => "/",
        Div(_) => "*",
        And(_) => "||",
        Or(_) => "&&",
        AddAssign(_) => "-=",
        SubAssign(_) => "+=",
        MulAssign(_) => "/=",
        DivAssign(_) => "*=",
        _ => return None,
    })
}

fn is_one(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit, .. }) => match lit {
            syn::Lit::Int(i) => i.base10_digits() == "1",
            syn::Lit::Float(f) => f.base10_parse::<f64>().is_ok_and(|v| v == 1.0),
            _ => false,
        },
        _ => false,
    }
}

/// `#[test]` or `#[cfg(test)]` (and any `cfg` naming `test`).
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().contains("test"))
    })
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if is_test(&f.attrs) {
            return;
        }
        let outer = std::mem::replace(&mut self.function, f.sig.ident.to_string());
        self.visit_block(&f.block);
        self.function = outer;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if is_test(&f.attrs) {
            return;
        }
        let outer = std::mem::replace(&mut self.function, f.sig.ident.to_string());
        self.visit_block(&f.block);
        self.function = outer;
    }

    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        let outer = std::mem::replace(&mut self.function, format!("(const {})", c.ident));
        self.visit_expr(&c.expr);
        self.function = outer;
    }

    // Signatures, types and attributes hold nothing to mutate.
    fn visit_signature(&mut self, _: &'ast syn::Signature) {}
    fn visit_type(&mut self, _: &'ast syn::Type) {}
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_expr_binary(&mut self, e: &'ast syn::ExprBinary) {
        if let Some(to) = flipped(&e.op) {
            let from = self.text(e.op.span()).to_string();
            let shown = format!(
                "`{}` → `{}`",
                short(self.text(e.span())),
                short(&format!(
                    "{} {to} {}",
                    self.text(e.left.span()),
                    self.text(e.right.span())
                ))
            );
            debug_assert!(!from.is_empty());
            self.push(e.op.span(), to.to_string(), shown);
        }
        if matches!(e.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) && is_one(&e.right) {
            self.keep_only(e.span(), e.left.span());
        }
        syn::visit::visit_expr_binary(self, e);
    }

    fn visit_expr_unary(&mut self, e: &'ast syn::ExprUnary) {
        if matches!(e.op, syn::UnOp::Neg(_) | syn::UnOp::Not(_)) {
            self.keep_only(e.span(), e.expr.span());
        }
        syn::visit::visit_expr_unary(self, e);
    }

    fn visit_expr_method_call(&mut self, e: &'ast syn::ExprMethodCall) {
        let to = match e.method.to_string().as_str() {
            "max" => Some("min"),
            "min" => Some("max"),
            _ => None,
        };
        if let Some(to) = to {
            let shown = format!("`.{}(…)` → `.{to}(…)`", e.method);
            self.push(e.method.span(), to.to_string(), shown);
        }
        syn::visit::visit_expr_method_call(self, e);
    }

    fn visit_expr_index(&mut self, e: &'ast syn::ExprIndex) {
        if let syn::Expr::Tuple(t) = &*e.index
            && t.elems.len() == 2
        {
            let (i, j) = (&t.elems[0], &t.elems[1]);
            let (ti, tj) = (
                self.text(i.span()).to_string(),
                self.text(j.span()).to_string(),
            );
            if ti != tj {
                let shown = format!("`[({ti}, {tj})]` → `[({tj}, {ti})]`");
                self.push(t.span(), format!("({tj}, {ti})"), shown);
            }
        }
        if let syn::Expr::Index(inner) = &*e.expr {
            let (ti, tj) = (
                self.text(inner.index.span()).to_string(),
                self.text(e.index.span()).to_string(),
            );
            if ti != tj {
                let whole = e.span();
                let base = self.text(inner.expr.span()).to_string();
                let shown = format!("`[{ti}][{tj}]` → `[{tj}][{ti}]`");
                self.push(whole, format!("{base}[{tj}][{ti}]"), shown);
            }
        }
        syn::visit::visit_expr_index(self, e);
    }

    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        if let syn::Stmt::Expr(e, Some(semi)) = s
            && !matches!(
                e,
                syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_)
            )
        {
            let whole = e.span().join(semi.span).unwrap_or_else(|| e.span());
            let shown = format!("delete `{};`", short(self.text(e.span())));
            self.push(whole, String::new(), shown);
        }
        syn::visit::visit_stmt(self, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
/// Doc with ≤ and é.
const TOL: f64 = 1e-10 * 2.0;
pub fn f(a: &DMatrix<f64>, xs: &[Vec<f64>]) -> f64 {
    let n = xs.len() - 1;
    let mut s = 0.0; // é
    for i in 0..n {
        if xs[i][0] < TOL.max(1.0) && !xs.is_empty() {
            s += a[(i, 0)];
            v.push(1);
        }
    }
    -s
}
#[cfg(test)]
mod tests { fn g() { let x = 1 + 1; } }
"#;

    fn names() -> Vec<String> {
        mutants(SOURCE)
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn finds_each_operator() {
        let names = names();
        for expected in [
            "fn (const TOL): `1e-10 * 2.0` → `1e-10 / 2.0`",
            "fn f: `xs.len() - 1` → `xs.len() + 1`",
            "fn f: `xs.len() - 1` → `xs.len()`",
            "fn f: `xs[i][0] < TOL.max(1.0)` → `xs[i][0] <= TOL.max(1.0)`",
            "fn f: `.max(…)` → `.min(…)`",
            "fn f: `!xs.is_empty()` → `xs.is_empty()`",
            "fn f: `s += a[(i, 0)]` → `s -= a[(i, 0)]`",
            "fn f: `[(i, 0)]` → `[(0, i)]`",
            "fn f: `[i][0]` → `[0][i]`",
            "fn f: delete `v.push(1);`",
            "fn f: `-s` → `s`",
        ] {
            assert!(
                names.contains(&expected.to_string()),
                "{expected} not in {names:#?}"
            );
        }
        assert!(
            names.iter().all(|n| !n.contains("fn g")),
            "tests are not mutated"
        );
    }

    #[test]
    fn applying_a_mutant_changes_exactly_its_text() {
        let all = mutants(SOURCE).unwrap();
        let m = all
            .iter()
            .find(|m| m.name == "fn f: `[(i, 0)]` → `[(0, i)]`")
            .unwrap();
        let mutated = m.apply(SOURCE);
        assert!(mutated.contains("s += a[(0, i)];"));
        assert_eq!(mutated.len(), SOURCE.len());
        assert_eq!(
            m.diff(SOURCE),
            "-             s += a[(i, 0)];\n+             s += a[(0, i)];"
        );
        // Every mutant's range lies on character boundaries (the file has non-ASCII text).
        for m in &all {
            assert!(SOURCE.is_char_boundary(m.range.start) && SOURCE.is_char_boundary(m.range.end));
            assert_ne!(m.apply(SOURCE), SOURCE, "{}", m.name);
        }
    }

    #[test]
    fn repeated_changes_are_numbered() {
        let source = "fn f(a: f64, b: f64) -> f64 { let x = a + b; let y = a + b; x * y }";
        let names: Vec<String> = mutants(source)
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(
            names.iter().filter(|n| n.ends_with("#2")).count(),
            1,
            "{names:#?}"
        );
    }
}
