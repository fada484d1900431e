//! Deserializing a `&'static str` field (a parameter name, a reason) from owned data.
//!
//! The error enums hold `&'static str` so that the reference crates can build them from
//! literals at no cost; a deserializer cannot lend data for `'static`, so the text is
//! read as a `String`, cut to at most [`MAX_LEN`] bytes (on a char boundary) and leaked.
//! The bound keeps the leak small: a hostile peer can leak at most `MAX_LEN` bytes per
//! value it sends.
//!
//! Use it with `#[serde(deserialize_with = "mathlings_types::static_str::deserialize")]`
//! on a field whose type is spelled `&'static core::primitive::str` (the same type as
//! `&'static str`): serde's derive recognises a field written `&'static str` and borrows it
//! from the input whatever `deserialize_with` says, which would make the whole type
//! `Deserialize<'static>` only, unusable with owned input.

use serde::{Deserialize, Deserializer};

/// The longest text kept, in bytes; longer text is truncated to a char boundary below.
pub const MAX_LEN: usize = 256;

/// Deserializes a string, truncates it to at most [`MAX_LEN`] bytes on a char boundary,
/// and leaks it to obtain a `&'static str`.
///
/// # Errors
/// Whatever the deserializer reports when the value is not a string.
///
/// # Examples
/// ```
/// use mathlings_types::static_str;
/// use serde::de::IntoDeserializer;
/// use serde::de::value::{Error, StringDeserializer};
///
/// let d: StringDeserializer<Error> = "sigma".to_string().into_deserializer();
/// assert_eq!(static_str::deserialize(d), Ok("sigma"));
///
/// let long = "é".repeat(200); // 400 bytes
/// let d: StringDeserializer<Error> = long.into_deserializer();
/// let kept = static_str::deserialize(d).unwrap();
/// assert_eq!(kept.len(), 256);
/// assert!(kept.chars().all(|c| c == 'é'));
/// ```
pub fn deserialize<'de, D>(deserializer: D) -> Result<&'static str, D::Error>
where
    D: Deserializer<'de>,
{
    let mut text = String::deserialize(deserializer)?;
    let mut end = text.len().min(MAX_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    Ok(Box::leak(text.into_boxed_str()))
}
