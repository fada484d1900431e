//! The learner process's side: serve calls from the judge, and forward callbacks and
//! allowed reference calls back to it.
//!
//! The protocol travels on the file descriptors the process was started with as standard
//! input and output; [`serve`] moves them to private descriptors first and points standard
//! input at `/dev/null` and standard output at standard error, so that whatever the
//! learner's code reads or prints never touches the protocol (the judge shows what it
//! printed, bounded, as output).

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::os::fd::FromRawFd;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{
    CALL, CALLBACK, CALLBACK_ERROR, CALLBACK_RETURN, FLUSH, FLUSH_MARKER, PANIC, REFERENCE, RETURN,
    decode, encode, read_frame, split_u16, write_frame,
};

/// Runs one field of an exercise's `Impl` on encoded arguments: the generated adapter of
/// each exercise. `Err` means the arguments could not be decoded.
pub type Handler = fn(field: u16, args: &[u8]) -> Result<Vec<u8>, String>;

struct Channel {
    input: BufReader<File>,
    output: BufWriter<File>,
    /// Frames of a batch read while waiting for a callback's answer, served next.
    pending: VecDeque<(u8, Vec<u8>)>,
}

impl Channel {
    /// The next frame from the judge: a pending one first.
    fn next(&mut self) -> std::io::Result<(u8, Vec<u8>)> {
        match self.pending.pop_front() {
            Some(frame) => Ok(frame),
            None => read_frame(&mut self.input),
        }
    }
}

static CHANNEL: Mutex<Option<Channel>> = Mutex::new(None);

/// The learner process's `main`: `PROGRAM EXERCISE_ID`; serves calls until the judge
/// closes the channel. Exit status 3: unknown exercise (its file was left out of the build).
pub fn serve(lookup: fn(&str) -> Option<Handler>) -> ! {
    let id = std::env::args().nth(1).unwrap_or_default();
    let Some(handler) = lookup(&id) else {
        eprintln!("mathlings: exercise `{id}` is not in this build");
        std::process::exit(3);
    };
    take_protocol_descriptors();
    std::panic::set_hook(Box::new(|_| {}));
    loop {
        let frame = {
            let mut guard = CHANNEL.lock().unwrap_or_else(|e| e.into_inner());
            let Some(channel) = guard.as_mut() else {
                std::process::exit(0)
            };
            channel.next()
        };
        let Ok((tag, payload)) = frame else {
            std::process::exit(0)
        };
        if tag == FLUSH {
            flush_output();
            continue;
        }
        if tag != CALL {
            std::process::exit(4);
        }
        let Some((field, args)) = split_u16(&payload) else {
            std::process::exit(4);
        };
        let (tag, body) = match catch_unwind(AssertUnwindSafe(|| handler(field, args))) {
            Ok(Ok(value)) => (RETURN, value),
            Ok(Err(message)) => (PANIC, format!("mathlings adapter: {message}").into_bytes()),
            Err(panic) => (PANIC, panic_message(&*panic).into_bytes()),
        };
        let mut guard = CHANNEL.lock().unwrap_or_else(|e| e.into_inner());
        let Some(channel) = guard.as_mut() else {
            std::process::exit(0)
        };
        if write_frame(&mut channel.output, tag, &[&body]).is_err() {
            std::process::exit(0);
        }
    }
}

/// Answers a `FLUSH`: what the learner's code printed (standard output is buffered by
/// line) reaches standard error, then the marker, then the answer on the channel.
fn flush_output() {
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(FLUSH_MARKER);
    let mut guard = CHANNEL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(channel) = guard.as_mut() else {
        std::process::exit(0)
    };
    if write_frame(&mut channel.output, RETURN, &[]).is_err() {
        std::process::exit(0);
    }
}

/// Calls callback `slot` of the current call in the judge (an objective or gradient the
/// checks passed to the learner's function) and returns its value.
///
/// # Panics
/// When the judge reports that the callback failed, or the channel is gone.
pub fn callback<A: Serialize, R: DeserializeOwned>(slot: u16, args: &A) -> R {
    round_trip(CALLBACK, &slot.to_le_bytes(), args)
}

/// Calls an allowed reference item (e.g. `mathlings_linalg::svd`) in the judge. The judge
/// answers only for items the exercise allows; for any other it records a forbidden call.
///
/// # Panics
/// When the item is not allowed in this exercise, or the channel is gone.
pub fn reference<A: Serialize, R: DeserializeOwned>(item: &str, args: &A) -> R {
    let mut head = Vec::with_capacity(item.len() + 2);
    let len = u16::try_from(item.len()).expect("short item name");
    head.extend_from_slice(&len.to_le_bytes());
    head.extend_from_slice(item.as_bytes());
    round_trip(REFERENCE, &head, args)
}

fn round_trip<A: Serialize, R: DeserializeOwned>(tag: u8, head: &[u8], args: &A) -> R {
    let body = encode(args).unwrap_or_else(|e| panic!("{e}"));
    let mut guard = CHANNEL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(channel) = guard.as_mut() else {
        panic!("mathlings: no channel to the judge")
    };
    if write_frame(&mut channel.output, tag, &[head, &body]).is_err() {
        std::process::exit(0);
    }
    // The rest of a batch may come first: it is served after this call.
    let (reply, payload) = loop {
        match read_frame(&mut channel.input) {
            Ok(frame @ (CALL | FLUSH, _)) => channel.pending.push_back(frame),
            Ok(frame) => break frame,
            Err(_) => std::process::exit(0),
        }
    };
    drop(guard);
    match reply {
        CALLBACK_RETURN => decode(&payload).unwrap_or_else(|e| panic!("{e}")),
        CALLBACK_ERROR => panic!("{}", String::from_utf8_lossy(&payload)),
        _ => std::process::exit(4),
    }
}

/// Moves the protocol off descriptors 0 and 1: the learner's reads see `/dev/null`, its
/// prints go to standard error (which the judge captures, bounded).
fn take_protocol_descriptors() {
    let Ok(output) = crate::keep_stdout_for_channel() else {
        std::process::exit(5);
    };
    // SAFETY: plain descriptor duplication on descriptors this process owns, before any
    // other thread exists; the new descriptor is owned by the `File` created from it.
    let input = unsafe {
        let input = libc::fcntl(0, libc::F_DUPFD_CLOEXEC, 10);
        if input < 0 {
            std::process::exit(5);
        }
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY);
        if null >= 0 {
            libc::dup2(null, 0);
            libc::close(null);
        } else {
            libc::close(0);
        }
        File::from_raw_fd(input)
    };
    *CHANNEL.lock().unwrap_or_else(|e| e.into_inner()) = Some(Channel {
        input: BufReader::new(input),
        output: BufWriter::new(output),
        pending: VecDeque::new(),
    });
}

/// The text of a panic payload.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-text payload".to_string()
    }
}
