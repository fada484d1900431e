//! The public signatures of a source file, for checking that an exercise and its
//! solution expose exactly the same items.

use quote::ToTokens;
use syn::{Attribute, FnArg, ImplItem, Item, Pat, Signature, Visibility};
use thiserror::Error;

/// A file that could not be parsed.
#[derive(Debug, Error)]
#[error("cannot parse {file}: {message}")]
pub struct SignatureError {
    /// The file (as given by the caller).
    pub file: String,
    /// The parser's message.
    pub message: String,
}

/// The public items of `source`, each rendered as normalised tokens without doc comments
/// or bodies: function signatures (argument patterns replaced by `_`), structs, enums,
/// type aliases, traits, constants' types and public methods of inherent impls. Sorted.
///
/// # Errors
/// [`SignatureError`] when `source` is not valid Rust.
pub fn public_signatures(file: &str, source: &str) -> Result<Vec<String>, SignatureError> {
    let parsed = syn::parse_file(source).map_err(|e| SignatureError {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let mut out = Vec::new();
    for item in parsed.items {
        collect(item, &mut out);
    }
    out.sort();
    Ok(out)
}

fn collect(item: Item, out: &mut Vec<String>) {
    match item {
        Item::Fn(f) if is_public(&f.vis) => out.push(format!("fn {}", signature(f.sig))),
        Item::Struct(mut s) if is_public(&s.vis) => {
            strip_docs(&mut s.attrs);
            for field in s.fields.iter_mut() {
                strip_docs(&mut field.attrs);
            }
            out.push(tokens(&s));
        }
        Item::Enum(mut e) if is_public(&e.vis) => {
            strip_docs(&mut e.attrs);
            for variant in e.variants.iter_mut() {
                strip_docs(&mut variant.attrs);
                for field in variant.fields.iter_mut() {
                    strip_docs(&mut field.attrs);
                }
            }
            out.push(tokens(&e));
        }
        Item::Type(mut t) if is_public(&t.vis) => {
            strip_docs(&mut t.attrs);
            out.push(tokens(&t));
        }
        Item::Const(c) if is_public(&c.vis) => {
            out.push(format!("const {}: {}", c.ident, tokens(&c.ty)));
        }
        Item::Trait(mut t) if is_public(&t.vis) => {
            strip_docs(&mut t.attrs);
            for item in t.items.iter_mut() {
                if let syn::TraitItem::Fn(f) = item {
                    strip_docs(&mut f.attrs);
                    f.default = None;
                    f.sig = normalise(f.sig.clone());
                }
            }
            out.push(tokens(&t));
        }
        Item::Impl(imp) => {
            let header = match &imp.trait_ {
                Some((_, path, _)) => {
                    format!("impl {} for {}", tokens(path), tokens(&imp.self_ty))
                }
                None => format!("impl {}", tokens(&imp.self_ty)),
            };
            if imp.trait_.is_some() {
                out.push(header.clone());
            }
            for item in imp.items {
                if let ImplItem::Fn(f) = item
                    && (imp.trait_.is_some() || is_public(&f.vis))
                {
                    out.push(format!("{header} {{ fn {} }}", signature(f.sig)));
                }
            }
        }
        _ => {}
    }
}

fn is_public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn strip_docs(attrs: &mut Vec<Attribute>) {
    attrs.retain(|a| !a.path().is_ident("doc"));
}

fn normalise(mut sig: Signature) -> Signature {
    for arg in sig.inputs.iter_mut() {
        if let FnArg::Typed(pat) = arg {
            *pat.pat = Pat::Verbatim(quote::quote!(_));
        }
    }
    sig
}

fn signature(sig: Signature) -> String {
    tokens(&normalise(sig))
}

fn tokens(t: &impl ToTokens) -> String {
    t.to_token_stream().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_arguments_and_docs_and_bodies_do_not_matter() {
        let a = "/// Doc.\npub fn f(xs: &[f64]) -> f64 { todo!() }\nfn private() {}";
        let b = "pub fn f(values: &[f64]) -> f64 { values[0] }";
        assert_eq!(
            public_signatures("a", a).unwrap(),
            public_signatures("b", b).unwrap()
        );
    }

    #[test]
    fn a_changed_type_is_a_different_signature() {
        let a = "pub fn f(xs: &[f64]) -> f64 { 0.0 }";
        let b = "pub fn f(xs: &[f32]) -> f64 { 0.0 }";
        assert_ne!(
            public_signatures("a", a).unwrap(),
            public_signatures("b", b).unwrap()
        );
        assert!(public_signatures("c", "pub fn (").is_err());
    }
}
