//! The protocol between the trusted judge and the sandboxed process that runs a learner's
//! functions.
//!
//! Key design decision: the judge never runs learner code. It calls the learner's
//! functions through proxies that serialise the arguments, send them to a separate,
//! sandboxed process (the *learner process*, built from the learner's files and the
//! generated adapters), and deserialise what comes back. Nothing the learner process says
//! is a verdict: only a return value, a panic message, or — observed by the judge itself —
//! a crash or a timeout of the call.
//!
//! ```text
//! judge (checks, strategies, shrinking, reference, snapshots)      learner process (sandboxed)
//!   proxy fn ── Call{field, args} ────────────────────────────────►  adapter → learner's fn
//!            ◄─ Callback{slot, args} ── (objective, gradient, …) ──  trampoline fn
//!               (not for the course's catalogued functions, sent by name: see [`Named`])
//!            ── CallbackReturn{value} ───────────────────────────►
//!            ◄─ Reference{item, args} ─ (allowed reference items) ─  facade fn (e.g. svd)
//!            ── CallbackReturn{value} | CallbackError{message} ─►
//!            ◄─ Return{value} | Panic{message} ──────────────────
//!   a batch ([`judge::call_each`]): a page of `Call`s written at once, answered in order
//!   (each answer written as soon as it is known, so a crash is blamed on its own call)
//!   end of a property:
//!            ── Flush ────────────────────────────────────────────►  flush prints, write a marker
//!            ◄─ Return{} ─────────────────────────────────────────
//! ```
//!
//! The learner's prints travel on its standard error, a pipe of their own; the marker that
//! follows a `Flush` tells the judge that it has read every byte printed before the end of
//! a property, so that prints are shown under the property they came from.
//!
//! Frames are `tag: u8, length: u32 (little endian), payload`; values are encoded with
//! postcard (floats keep their exact bits). The judge side reads with a deadline and a size
//! cap, so a learner process that hangs, floods or dies costs only the call it was in.
#![deny(missing_docs)]

use std::io::{self, Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod judge;
pub mod learner;

/// Judge → learner: call field `u16` of the exercise's `Impl` with the encoded arguments.
const CALL: u8 = 1;
/// Judge → learner: the encoded return value of a callback or reference call.
const CALLBACK_RETURN: u8 = 2;
/// Judge → learner: a callback or reference call failed (message); the learner side panics.
const CALLBACK_ERROR: u8 = 3;
/// Judge → learner: flush what your code printed, then write [`FLUSH_MARKER`] to standard
/// error and answer `RETURN` (so the judge knows it has every byte printed so far).
const FLUSH: u8 = 4;
/// Written to the learner's standard error after a `FLUSH`; never shown.
const FLUSH_MARKER: &[u8] = b"\0\x1b[mathlings:flushed]\0";
/// Learner → judge: the encoded return value of the current call.
const RETURN: u8 = 10;
/// Learner → judge: the current call panicked (message).
const PANIC: u8 = 11;
/// Learner → judge: evaluate callback slot `u16` of the current call.
const CALLBACK: u8 = 12;
/// Learner → judge: evaluate an allowed reference item (name, then arguments).
const REFERENCE: u8 = 13;

/// A callback argument on the wire: the name of a course function compiled into both
/// processes (`mathlings_bindings::objectives`), which the learner process then calls
/// directly, or `None` when it must call back into the judge (a trampoline).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Named(pub Option<String>);

impl std::fmt::Debug for Named {
    /// Shown in a call's description as the function's name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("<a course function>"))
    }
}

/// The largest frame either side accepts (a 4096 × 4096 matrix of f64 is 128 MiB).
pub const MAX_FRAME: usize = 256 << 20;

/// Keeps standard output for a channel of its own and points descriptor 1 at standard
/// error, so that nothing else this process prints (a library's summary, a stray
/// `println!`, a learner's prints) can reach the channel. Returns the kept descriptor.
///
/// # Errors
/// When the descriptors cannot be duplicated.
pub fn keep_stdout_for_channel() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: duplicating descriptors this process owns; the new descriptor is owned by the
    // returned `File` alone.
    unsafe {
        let kept = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 10);
        if kept < 0 {
            return Err(io::Error::last_os_error());
        }
        let file = std::fs::File::from_raw_fd(kept);
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(file)
    }
}

/// Encodes a value.
///
/// # Errors
/// When serde cannot serialise it (a map with non-string keys, say).
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    postcard::to_stdvec(value).map_err(|e| format!("cannot encode: {e}"))
}

/// Decodes a value.
///
/// # Errors
/// When the bytes are not an encoding of `T`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("cannot decode: {e}"))
}

fn write_frame(out: &mut impl Write, tag: u8, parts: &[&[u8]]) -> io::Result<()> {
    put_frame(out, tag, parts)?;
    out.flush()
}

/// [`write_frame`] without the flush: frames put one after the other leave in one write.
fn put_frame(out: &mut impl Write, tag: u8, parts: &[&[u8]]) -> io::Result<()> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let len = u32::try_from(len).map_err(|_| io::Error::other("frame too large"))?;
    let mut header = [0u8; 5];
    header[0] = tag;
    header[1..].copy_from_slice(&len.to_le_bytes());
    out.write_all(&header)?;
    for p in parts {
        out.write_all(p)?;
    }
    Ok(())
}

/// The most bytes of calls the judge puts in the pipe at once before reading answers: one
/// page, the least a pipe holds (Linux shrinks new pipes to one page for a user over the
/// soft limit), so that writing them never waits for the learner process, which may be
/// waiting for the judge to read its answers.
const PIPELINE_BYTES: usize = 4096;

fn read_frame(input: &mut impl Read) -> io::Result<(u8, Vec<u8>)> {
    let mut header = [0u8; 5];
    input.read_exact(&mut header)?;
    let len = u32::from_le_bytes([header[1], header[2], header[3], header[4]]) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::other(format!(
            "frame of {len} bytes is too large"
        )));
    }
    let mut payload = vec![0u8; len];
    input.read_exact(&mut payload)?;
    Ok((header[0], payload))
}

fn split_u16(payload: &[u8]) -> Option<(u16, &[u8])> {
    let (head, rest) = payload.split_first_chunk::<2>()?;
    Some((u16::from_le_bytes(*head), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_oversized_frames_are_refused() {
        let mut buf = Vec::new();
        write_frame(&mut buf, CALL, &[&7u16.to_le_bytes(), b"abc"]).unwrap();
        let (tag, payload) = read_frame(&mut buf.as_slice()).unwrap();
        assert_eq!(tag, CALL);
        assert_eq!(split_u16(&payload), Some((7, &b"abc"[..])));
        let mut huge = vec![RETURN];
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_frame(&mut huge.as_slice()).is_err());
    }

    #[test]
    fn floats_keep_their_bits() {
        let values = vec![f64::NAN, -0.0, f64::INFINITY, f64::MIN_POSITIVE / 2.0, 0.1];
        let back: Vec<f64> = decode(&encode(&values).unwrap()).unwrap();
        for (a, b) in values.iter().zip(&back) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
    }
}
