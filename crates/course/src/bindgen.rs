//! Generates both ends of an exercise's call path from its `Impl` (the struct of function
//! pointers in `crates/bindings`), so that nothing is written by hand per exercise:
//!
//! - the **judge's proxies**: functions with the exact types of `Impl`'s fields that
//!   encode their arguments and call the learner process ([`Generated::judge`]);
//! - the **learner's adapter**: `handle(field, args)`, which decodes the arguments, calls
//!   the learner's `Impl` (each field bound to the function of the same name, or by the
//!   exercise's own `bind_<id>!` macro where it adapts a learner's type) and encodes what it
//!   returns ([`Generated::learner`]).
//!
//! A parameter of function-pointer type (an objective, a gradient) travels as a name: when
//! the course's function is one of `mathlings_bindings::objectives`, the learner process
//! calls its own compiled copy; otherwise the name is empty, the judge keeps the function
//! and the learner side receives a trampoline that calls it back through the judge.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quote::ToTokens;
use syn::visit_mut::VisitMut;
use syn::{Fields, Item, Type, TypeBareFn, UseTree};

/// Why the generator could not bind an exercise.
#[derive(Debug, thiserror::Error)]
#[error("cannot generate the bindings of {exercise}: {message}")]
pub struct BindgenError {
    /// The exercise.
    pub exercise: String,
    /// What is wrong.
    pub message: String,
}

/// The generated code of one exercise.
#[derive(Debug, Clone)]
pub struct Generated {
    /// A module body for the judge: `pub fn proxy() -> Impl` and its proxy functions.
    pub judge: String,
    /// A module body for the learner process: `pub fn handle(field: u16, args: &[u8]) ->
    /// Result<Vec<u8>, String>` over the learner's module `learner_module`.
    pub learner: String,
    /// The field names, in field order.
    pub fields: Vec<String>,
    /// `mathlings_bindings::{module_path}`.
    module_path: String,
    /// The exercise's own `bind_<id>!` macro, when its bindings define one.
    bind_macro: Option<String>,
}

impl Generated {
    /// An expression of type `Impl` binding the functions of `module`: each field to the
    /// function of the same name, or — where the exercise's bindings define a
    /// `bind_<id>!` macro, to adapt a learner's own types — that macro's expansion.
    pub fn bind(&self, module: &str) -> String {
        match &self.bind_macro {
            Some(name) => format!("mathlings_bindings::{name}!({module})"),
            None => format!(
                "mathlings_bindings::{}::Impl {{ {} }}",
                self.module_path,
                self.fields
                    .iter()
                    .map(|f| format!("{f}: {module}::{f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// One parameter of a field's function type.
enum Param {
    /// Sent by value: decoded into `owned`, passed as `&x` when `by_ref`.
    Data {
        ty: Type,
        owned: String,
        by_ref: bool,
    },
    /// A callback: sent by name when catalogued, else kept by the judge and reached
    /// through a trampoline on the learner's side.
    Callback(TypeBareFn),
}

/// Generates the judge's and the learner's ends of exercise `id`, whose bindings module is
/// `mathlings_bindings::{module_path}` with source `source`; the learner's module is
/// reached as `learner_module` (e.g. `crate::learner::s1_3_sample_variance`).
///
/// # Errors
/// When `Impl` is missing or a field's type is outside the supported shapes (see
/// `crates/bindings` docs).
pub fn generate(
    id: &str,
    module_path: &str,
    source: &str,
    learner_module: &str,
) -> Result<Generated, BindgenError> {
    let fail = |message: String| BindgenError {
        exercise: id.to_string(),
        message,
    };
    let file = syn::parse_file(source).map_err(|e| fail(e.to_string()))?;
    let part = module_path.split("::").next().unwrap_or_default();
    let mut aliases = BTreeMap::new();
    let mut uses = String::new();
    let mut fields = None;
    let macro_name = format!("bind_{id}");
    let mut bind_macro = None;
    for item in &file.items {
        match item {
            Item::Macro(m) if m.ident.as_ref().is_some_and(|i| *i == macro_name) => {
                bind_macro = Some(macro_name.clone());
            }
            Item::Type(t) if t.generics.params.is_empty() => {
                aliases.insert(t.ident.to_string(), (*t.ty).clone());
            }
            // Only what both ends can name: std, nalgebra, the course's types and the
            // bindings themselves (serde is for the derives of the bindings' own types).
            Item::Use(u) if use_root(&u.tree).is_some_and(|r| r == "serde") => {}
            Item::Use(u) => {
                let mut tree = u.tree.clone();
                absolutise(&mut tree, part);
                writeln!(
                    uses,
                    "    #[allow(unused_imports)] use {};",
                    tree.to_token_stream()
                )
                .unwrap();
            }
            Item::Struct(s) if s.ident == "Impl" => {
                let Fields::Named(named) = &s.fields else {
                    return Err(fail("Impl must have named fields".into()));
                };
                fields = Some(
                    named
                        .named
                        .iter()
                        .map(|f| (f.ident.as_ref().expect("named").to_string(), f.ty.clone()))
                        .collect::<Vec<_>>(),
                );
            }
            _ => {}
        }
    }
    let fields = fields.ok_or_else(|| fail("no `pub struct Impl`".into()))?;
    let mut judge = String::new();
    let mut learner = String::new();
    let mut arms = String::new();
    let mut inits = String::new();
    let mut registrations = String::new();
    let prelude =
        format!("{uses}    #[allow(unused_imports)] use mathlings_bindings::{module_path}::*;\n");
    for (index, (name, ty)) in fields.iter().enumerate() {
        let ty = resolve(ty.clone(), &aliases);
        let Type::BareFn(f) = ty else {
            return Err(fail(format!("field `{name}` is not a function pointer")));
        };
        let params = f
            .inputs
            .iter()
            .map(|a| classify(&a.ty).map_err(|m| fail(format!("field `{name}`: {m}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let ret = match &f.output {
            syn::ReturnType::Default => "()".to_string(),
            syn::ReturnType::Type(_, t) => t.to_token_stream().to_string(),
        };
        let field = u16::try_from(index).map_err(|_| fail("too many fields".into()))?;
        // Judge: fn proxy_NAME(a0: T0, …) -> R
        let sig: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, p)| match p {
                Param::Data { ty, .. } => format!("a{i}: {}", ty.to_token_stream()),
                Param::Callback(f) => format!("a{i}: {}", f.to_token_stream()),
            })
            .collect();
        // Data is sent as it is; a callback as its catalogued name (or none).
        let sent: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, p)| match p {
                Param::Data { .. } => format!("a{i}"),
                Param::Callback(_) => format!("n{i}"),
            })
            .collect();
        let mut callbacks = String::new();
        let mut slots = Vec::new();
        for (i, p) in params.iter().enumerate() {
            if let Param::Callback(cb) = p {
                let (decls, pass) =
                    decode_params(cb).map_err(|m| fail(format!("field `{name}`: {m}")))?;
                writeln!(
                    callbacks,
                    "        let n{i} = mathlings_wire::Named(mathlings_bindings::objectives::name_of(a{i}).map(String::from));\n        let c{i} = |bytes: &[u8]| -> Result<Vec<u8>, String> {{ let {decls} = mathlings_wire::decode(bytes)?; mathlings_wire::encode(&(a{i})({pass})) }};"
                )
                .unwrap();
                slots.push(format!("&c{i}"));
            }
        }
        writeln!(
            judge,
            "    fn proxy_{name}({}) -> {ret} {{\n{callbacks}        mathlings_wire::judge::call({field}, {name:?}, &{}, &[{}])\n    }}",
            sig.join(", "),
            tuple(&sent),
            slots.join(", ")
        )
        .unwrap();
        writeln!(inits, "        {name}: proxy_{name},").unwrap();
        // Calls without callbacks can be batched (`mathlings_wire::judge::call_each`).
        if slots.is_empty() {
            writeln!(
                registrations,
                "        mathlings_wire::judge::register(proxy_{name} as *const () as usize, {field}, {name:?});"
            )
            .unwrap();
        }
        // Learner: decode, substitute trampolines, call, encode.
        let mut decls = Vec::new();
        let mut args = Vec::new();
        let mut choices = Vec::new();
        let mut slot = 0u16;
        for (i, p) in params.iter().enumerate() {
            match p {
                Param::Data { owned, by_ref, .. } => {
                    decls.push((format!("a{i}"), owned.clone()));
                    args.push(if *by_ref {
                        format!("&a{i}")
                    } else {
                        format!("a{i}")
                    });
                }
                Param::Callback(cb) => {
                    let tramp = format!("trampoline_{name}_{i}");
                    // A catalogued course function runs here; any other is called back.
                    decls.push((format!("n{i}"), "mathlings_wire::Named".into()));
                    choices.push(format!(
                        "let f{i}: {} = match &n{i}.0 {{ Some(n) => mathlings_bindings::objectives::by_name(n).ok_or_else(|| format!(\"no course function {{n}}\"))?, None => {tramp} }};",
                        cb.to_token_stream()
                    ));
                    let inputs: Vec<String> = cb
                        .inputs
                        .iter()
                        .enumerate()
                        .map(|(j, a)| format!("p{j}: {}", a.ty.to_token_stream()))
                        .collect();
                    let names: Vec<String> =
                        (0..cb.inputs.len()).map(|j| format!("p{j}")).collect();
                    let cb_ret = match &cb.output {
                        syn::ReturnType::Default => "()".to_string(),
                        syn::ReturnType::Type(_, t) => t.to_token_stream().to_string(),
                    };
                    writeln!(
                        learner,
                        "    fn {tramp}({}) -> {cb_ret} {{ mathlings_wire::learner::callback({slot}, &({})) }}",
                        inputs.join(", "),
                        tuple(&names)
                    )
                    .unwrap();
                    args.push(format!("f{i}"));
                    slot += 1;
                }
            }
        }
        let pattern = tuple(&decls.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>());
        let types = tuple(&decls.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>());
        writeln!(
            arms,
            "            {field} => {{ let {pattern}: {types} = mathlings_wire::decode(args)?; {}mathlings_wire::encode(&(imp.{name})({})) }}",
            choices.iter().map(|c| format!("{c} ")).collect::<String>(),
            args.join(", ")
        )
        .unwrap();
    }
    let judge = format!(
        "{prelude}{judge}    /// The learner's functions, reached through the learner process.\n    pub fn proxy() -> Impl {{\n{registrations}        Impl {{\n{inits}        }}\n    }}\n"
    );
    let mut generated = Generated {
        judge,
        learner: String::new(),
        fields: fields.into_iter().map(|(n, _)| n).collect(),
        module_path: module_path.to_string(),
        bind_macro,
    };
    let bind = generated.bind(learner_module);
    generated.learner = format!(
        "{prelude}{learner}    /// Runs field `field` of the learner's `Impl` on encoded arguments.\n    pub fn handle(field: u16, args: &[u8]) -> Result<Vec<u8>, String> {{\n        let imp: Impl = {bind};\n        match field {{\n{arms}            other => Err(format!(\"no field {{other}}\")),\n        }}\n    }}\n"
    );
    Ok(generated)
}

/// `(a, b)`, `(a,)` or `()`.
fn tuple(items: &[String]) -> String {
    match items {
        [] => "()".into(),
        [one] => format!("({one},)"),
        many => format!("({})", many.join(", ")),
    }
}

/// The decoding pattern and the call arguments for a callback's parameters.
fn decode_params(cb: &TypeBareFn) -> Result<(String, String), String> {
    let mut decls = Vec::new();
    let mut pass = Vec::new();
    for (j, a) in cb.inputs.iter().enumerate() {
        match classify(&a.ty)? {
            Param::Data { owned, by_ref, .. } => {
                decls.push((format!("p{j}"), owned));
                pass.push(if by_ref {
                    format!("&p{j}")
                } else {
                    format!("p{j}")
                });
            }
            Param::Callback(_) => return Err("a callback may not take a callback".into()),
        }
    }
    let pattern = tuple(&decls.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>());
    let types = tuple(&decls.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>());
    Ok((format!("{pattern}: {types}"), pass.join(", ")))
}

fn classify(ty: &Type) -> Result<Param, String> {
    match ty {
        Type::BareFn(f) => Ok(Param::Callback(f.clone())),
        Type::Reference(r) => {
            if r.mutability.is_some() {
                return Err("`&mut` parameters cannot cross the process boundary".into());
            }
            let owned = match &*r.elem {
                Type::Slice(s) => format!("Vec<{}>", s.elem.to_token_stream()),
                Type::Path(p) if p.path.is_ident("str") => "String".into(),
                other => other.to_token_stream().to_string(),
            };
            Ok(Param::Data {
                ty: ty.clone(),
                owned,
                by_ref: true,
            })
        }
        Type::ImplTrait(_) | Type::TraitObject(_) => {
            Err("trait objects cannot cross the process boundary".into())
        }
        other => Ok(Param::Data {
            ty: other.clone(),
            owned: other.to_token_stream().to_string(),
            by_ref: false,
        }),
    }
}

/// Replaces every alias defined in the bindings module by its definition.
fn resolve(mut ty: Type, aliases: &BTreeMap<String, Type>) -> Type {
    struct Expand<'a>(&'a BTreeMap<String, Type>, u32);
    impl VisitMut for Expand<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(p) = ty
                && p.qself.is_none()
                && let Some(ident) = p.path.get_ident()
                && let Some(def) = self.0.get(&ident.to_string())
                && self.1 < 32
            {
                *ty = def.clone();
                self.1 += 1;
                self.visit_type_mut(ty);
                self.1 -= 1;
                return;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    Expand(aliases, 0).visit_type_mut(&mut ty);
    ty
}

/// The first segment of a `use` tree.
fn use_root(tree: &UseTree) -> Option<String> {
    match tree {
        UseTree::Path(p) => Some(p.ident.to_string()),
        UseTree::Name(n) => Some(n.ident.to_string()),
        UseTree::Rename(r) => Some(r.ident.to_string()),
        _ => None,
    }
}

/// Rewrites `crate::…`/`super::…` imports of a bindings module so that they work from a
/// generated module elsewhere.
fn absolutise(tree: &mut UseTree, part: &str) {
    if let UseTree::Path(p) = tree {
        if p.ident == "crate" {
            p.ident = syn::Ident::new("mathlings_bindings", p.ident.span());
        } else if p.ident == "super" {
            let inner = (*p.tree).clone();
            let part_ident = syn::Ident::new(part, p.ident.span());
            *tree = syn::parse_quote!(mathlings_bindings::#part_ident::#inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
        use mathlings_types::CalculusError;
        use super::common::Thing;
        pub type Grad = fn(&[f64]) -> Vec<f64>;
        type Out = Result<Vec<f64>, CalculusError>;
        pub struct Impl {
            pub descend: fn(Grad, &[f64], f64, usize) -> Out,
            pub norm: fn(&[f64]) -> f64,
        }
    "#;

    #[test]
    fn generates_proxies_adapters_and_trampolines() {
        let g = generate(
            "s3_1_gd",
            "p3_calculus::s3_1_gd",
            SOURCE,
            "crate::learner::s3_1_gd",
        )
        .unwrap();
        assert_eq!(g.fields, ["descend", "norm"]);
        assert!(g.judge.contains("fn proxy_descend"), "{}", g.judge);
        assert!(
            g.judge
                .contains("judge::call(0, \"descend\", &(n0, a1, a2, a3), &[&c0])"),
            "{}",
            g.judge
        );
        assert!(
            g.judge
                .contains("let (p0,): (Vec<f64>,) = mathlings_wire::decode(bytes)?"),
            "{}",
            g.judge
        );
        assert!(g.judge.contains("&[&c0]"), "{}", g.judge);
        // Only the call without a callback is registered for batches.
        assert!(
            g.judge
                .contains("judge::register(proxy_norm as *const () as usize, 1, \"norm\");"),
            "{}",
            g.judge
        );
        assert!(!g.judge.contains("register(proxy_descend"), "{}", g.judge);
        assert!(
            g.judge.contains(
                "let n0 = mathlings_wire::Named(mathlings_bindings::objectives::name_of(a0)"
            ),
            "{}",
            g.judge
        );
        assert!(
            g.judge
                .contains("use mathlings_bindings :: p3_calculus :: common :: Thing"),
            "{}",
            g.judge
        );
        assert!(
            g.learner
                .contains("fn trampoline_descend_0(p0: & [f64]) -> Vec < f64 >"),
            "{}",
            g.learner
        );
        assert!(
            g.learner
                .contains("let (n0, a1, a2, a3): (mathlings_wire::Named, Vec<f64>, f64, usize)"),
            "{}",
            g.learner
        );
        assert!(
            g.learner
                .contains("None => trampoline_descend_0 }; mathlings_wire::encode(&(imp.descend)(f0, &a1, a2, a3))"),
            "{}",
            g.learner
        );
        assert!(
            g.learner.contains(
                "let imp: Impl = mathlings_bindings::p3_calculus::s3_1_gd::Impl { descend: crate::learner::s3_1_gd::descend, norm: crate::learner::s3_1_gd::norm };"
            ),
            "{}",
            g.learner
        );
    }

    #[test]
    fn an_exercise_with_its_own_bind_macro_is_bound_by_it() {
        let source = format!(
            "{SOURCE}\n#[macro_export]\nmacro_rules! bind_s3_1_gd {{ ($($m:ident)::+) => {{ todo!() }}; }}"
        );
        let g = generate("s3_1_gd", "p3_calculus::s3_1_gd", &source, "crate::learner").unwrap();
        assert_eq!(
            g.bind("mathlings_solutions::x"),
            "mathlings_bindings::bind_s3_1_gd!(mathlings_solutions::x)"
        );
        assert!(g.learner.contains("bind_s3_1_gd!(crate::learner)"));
    }

    #[test]
    fn refuses_shapes_that_cannot_cross() {
        let bad = "pub struct Impl { pub f: fn(&mut Vec<f64>) }";
        assert!(generate("x", "p1::x", bad, "m").is_err());
        assert!(generate("x", "p1::x", "pub struct Nope;", "m").is_err());
    }
}
