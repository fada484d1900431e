//! Content fingerprints: one stable hash of named byte strings, for keys that must not
//! change between runs, machines or Rust versions (records committed to the repository,
//! caches keyed by content).

/// A stable 64-bit FNV-1a fingerprint of `parts` (each a name and its bytes, in the given
/// order), as 16 hex digits. Names and contents are length-prefixed, so no two different
/// lists of parts share a fingerprint by concatenation.
///
/// ```
/// use mathlings_course::fingerprint;
/// let a = fingerprint([("a.rs", &b"fn f() {}"[..])]);
/// assert_eq!(a.len(), 16);
/// assert_ne!(a, fingerprint([("a.rs", &b"fn f() { }"[..])]));
/// assert_ne!(fingerprint([("ab", &b""[..])]), fingerprint([("a", &b"b"[..])]));
/// ```
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    };
    for (name, bytes) in parts {
        feed(&(name.len() as u64).to_le_bytes());
        feed(name.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(bytes);
    }
    format!("{hash:016x}")
}
