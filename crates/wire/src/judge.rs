//! The judge's side: start the learner process (through a command the judge builds, which
//! puts it in the sandbox), call its functions with a deadline, answer its callbacks, and
//! turn a hang or a crash into a panic *of the judge's proxy*, attributed to the call.
//!
//! One judge process grades one exercise, so the state is process-wide: [`configure`]
//! once, then the generated proxies call [`call`]. A learner process that dies is
//! restarted on the next call, so a crash or a timeout costs one call (and the property
//! that made it), never the other properties.

use std::fmt::Debug;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::fd::AsRawFd;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::learner::panic_message;
use crate::{
    CALL, CALLBACK, CALLBACK_ERROR, CALLBACK_RETURN, FLUSH, FLUSH_MARKER, PANIC, PIPELINE_BYTES,
    REFERENCE, RETURN, decode, encode, put_frame, read_frame, split_u16, write_frame,
};

/// Answers a learner's call of a reference item: `None` when the exercise does not allow
/// the item, else its encoded result (or an error message).
pub type ReferenceHandler = Box<dyn Fn(&str, &[u8]) -> Option<Result<Vec<u8>, String>> + Send>;

/// One callback of a call: decodes its arguments, runs the course's function, encodes the
/// result.
pub type Callback<'a> = &'a dyn Fn(&[u8]) -> Result<Vec<u8>, String>;

/// How to reach the learner's code.
pub struct Config {
    /// Builds the command that starts the learner process (already wrapped in the sandbox).
    pub command: Box<dyn Fn() -> Command + Send>,
    /// Answers allowed reference calls.
    pub reference: ReferenceHandler,
    /// Time budget of one property (every call made while checking it).
    pub budget: Duration,
    /// Bytes of the learner's own output kept for the report.
    pub output_limit: usize,
    /// Bytes of output after which the learner process is killed (a flood).
    pub flood_limit: u64,
}

struct Running {
    child: Child,
    input: BufWriter<ChildStdin>,
    /// The learner's answers, buffered: a frame's header and payload usually come in one
    /// read (one `poll` and one `read` per answer instead of two of each).
    output: BufReader<DeadlineReader>,
}

#[derive(Default)]
struct Output {
    text: Vec<u8>,
    dropped: usize,
    total: u64,
    flooded: bool,
    /// Flush markers read from the current learner process.
    markers: u64,
    /// Bytes that may be the beginning of a marker, not yet kept or dropped.
    carry: Vec<u8>,
}

impl Output {
    /// Takes in bytes the learner printed: markers are counted and left out, the rest kept
    /// up to `limit` bytes (and counted as dropped beyond).
    fn absorb(&mut self, bytes: &[u8], limit: usize) {
        self.carry.extend_from_slice(bytes);
        while let Some(at) = self
            .carry
            .windows(FLUSH_MARKER.len())
            .position(|w| w == FLUSH_MARKER)
        {
            let before: Vec<u8> = self.carry.drain(..at + FLUSH_MARKER.len()).collect();
            self.keep(&before[..at], limit);
            self.markers += 1;
        }
        // Hold back the longest tail that could still become a marker.
        let held = (1..FLUSH_MARKER.len().min(self.carry.len() + 1))
            .rev()
            .find(|&k| self.carry.ends_with(&FLUSH_MARKER[..k]))
            .unwrap_or(0);
        let ready: Vec<u8> = self.carry.drain(..self.carry.len() - held).collect();
        self.keep(&ready, limit);
    }

    /// The learner process's standard error closed: nothing held back is a marker.
    fn close(&mut self, limit: usize) {
        let rest = std::mem::take(&mut self.carry);
        self.keep(&rest, limit);
    }

    fn keep(&mut self, bytes: &[u8], limit: usize) {
        let room = limit.saturating_sub(self.text.len()).min(bytes.len());
        self.text.extend_from_slice(&bytes[..room]);
        self.dropped += bytes.len() - room;
    }
}

struct State {
    config: Config,
    running: Option<Running>,
    deadline: Option<Instant>,
    timed_out: Option<String>,
    forbidden: Vec<String>,
    output: Arc<Mutex<Output>>,
    starts: u32,
    /// Flushes answered by the current learner process.
    flushes: u64,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn state() -> std::sync::MutexGuard<'static, Option<State>> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sets how the learner's code is reached; call once before any proxy is used.
pub fn configure(config: Config) {
    *state() = Some(State {
        config,
        running: None,
        deadline: None,
        timed_out: None,
        forbidden: Vec::new(),
        output: Arc::default(),
        starts: 0,
        flushes: 0,
    });
}

/// Starts a property: its calls share one time budget from now.
pub fn begin_property() {
    if let Some(s) = state().as_mut() {
        s.deadline = Some(Instant::now() + s.config.budget);
        s.timed_out = None;
    }
}

/// The call that exceeded the current property's budget, with the budget, if any.
pub fn timed_out() -> Option<(String, Duration)> {
    let guard = state();
    let s = guard.as_ref()?;
    s.timed_out.clone().map(|call| (call, s.config.budget))
}

/// Reference items the learner's code called although the exercise does not allow them.
pub fn forbidden_calls() -> Vec<String> {
    state()
        .as_ref()
        .map(|s| s.forbidden.clone())
        .unwrap_or_default()
}

/// What the learner's code printed since the last call of this function (bounded).
///
/// Everything printed before this call is in it: the learner process is asked to flush and
/// mark the end of its output, and the marker is awaited (briefly: a process that does not
/// answer is ended, its output so far shown).
pub fn take_output() -> String {
    let (output, expected) = {
        let mut guard = state();
        let Some(s) = guard.as_mut() else {
            return String::new();
        };
        (s.output.clone(), s.flush())
    };
    if let Some(expected) = expected {
        let until = Instant::now() + Duration::from_millis(250);
        while Instant::now() < until
            && output.lock().unwrap_or_else(|e| e.into_inner()).markers < expected
        {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
    let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
    let mut text = String::from_utf8_lossy(&out.text).into_owned();
    if out.dropped > 0 {
        text.push_str(&format!("\n… ({} more bytes not shown)", out.dropped));
    }
    out.text.clear();
    out.dropped = 0;
    text
}

/// How many learner processes were started (for tests).
pub fn starts() -> u32 {
    state().as_ref().map_or(0, |s| s.starts)
}

/// Ends the learner process, if running.
pub fn shutdown() {
    if let Some(s) = state().as_mut()
        && let Some(running) = s.running.take()
    {
        stop(running);
    }
}

/// Calls field `field` (named `name`) of the learner's `Impl` with `args`, answering its
/// callbacks with `callbacks` (indexed by slot). Returns what the learner's function
/// returned.
///
/// # Panics
/// With the learner's own panic message when its function panicked, and with a
/// description when it crashed the learner process or exceeded the property's time budget
/// (the checks catch panics per case and report them as the call's outcome).
pub fn call<A: Serialize + Debug, R: DeserializeOwned>(
    field: u16,
    name: &str,
    args: &A,
    callbacks: &[Callback<'_>],
) -> R {
    let outcome = {
        let mut guard = state();
        match guard.as_mut() {
            None => Err(NOT_CONFIGURED.to_string()),
            Some(s) => s.call(field, name, args, callbacks),
        }
    };
    match decoded(outcome) {
        Ok(value) => value,
        Err(message) => std::panic::panic_any(message),
    }
}

/// Why a proxy was called in a process that does not reach a learner.
const NOT_CONFIGURED: &str = "the judge was not configured to reach the learner's code";

/// An answer's value, or why there is none.
fn decoded<R: DeserializeOwned>(answer: Result<Vec<u8>, String>) -> Result<R, String> {
    answer.and_then(|bytes| {
        decode(&bytes).map_err(|e| format!("the learner process returned a value that {e}"))
    })
}

/// The learner proxies without callbacks, by address: (field, name). Registered by the
/// generated proxies, so that [`call_each`] can recognise them.
static PROXIES: Mutex<Vec<(usize, u16, &'static str)>> = Mutex::new(Vec::new());

/// Registers the generated proxy at `address` as field `field` (named `name`) of the
/// learner's `Impl`: [`call_each`] then batches its calls.
pub fn register(address: usize, field: u16, name: &'static str) {
    let mut proxies = PROXIES.lock().unwrap_or_else(|e| e.into_inner());
    if !proxies.iter().any(|&(a, ..)| a == address) {
        proxies.push((address, field, name));
    }
}

/// Calls the learner's function at `address` (a registered proxy) on each of `args`, in
/// order, in few round trips: the calls are written together (a page at a time) and
/// answered together. `None` when `address` is not a learner proxy (then call it yourself).
///
/// Each element is what that call gave: its return value, or the message its proxy would
/// have panicked with. The calls are all made, so a call that hangs after one that failed
/// still uses up the property's time budget.
pub fn call_each<A: Serialize + Debug, R: DeserializeOwned>(
    address: usize,
    args: &[A],
) -> Option<Vec<Result<R, String>>> {
    let (field, name) = {
        let proxies = PROXIES.lock().unwrap_or_else(|e| e.into_inner());
        proxies
            .iter()
            .find(|&&(a, ..)| a == address)
            .map(|&(_, f, n)| (f, n))?
    };
    let answers = {
        let mut guard = state();
        match guard.as_mut() {
            None => vec![Err(NOT_CONFIGURED.to_string()); args.len()],
            Some(s) => s.call_each(field, name, args),
        }
    };
    Some(answers.into_iter().map(decoded).collect())
}

impl State {
    fn call<A: Serialize + Debug>(
        &mut self,
        field: u16,
        name: &str,
        args: &A,
        callbacks: &[Callback<'_>],
    ) -> Result<Vec<u8>, String> {
        let body = encode(args)?;
        self.send(&[(field, body)])?;
        self.answer(name, args, callbacks)
    }

    /// Makes the calls of a batch: a page of calls at a time is written, then its answers
    /// read. After a crash or a timeout the rest is not run and has that error.
    fn call_each<A: Serialize + Debug>(
        &mut self,
        field: u16,
        name: &str,
        args: &[A],
    ) -> Vec<Result<Vec<u8>, String>> {
        let encoded: Result<Vec<(u16, Vec<u8>)>, String> = args
            .iter()
            .map(|a| encode(a).map(|body| (field, body)))
            .collect();
        let calls = match encoded {
            Ok(calls) => calls,
            Err(e) => return vec![Err(e); args.len()],
        };
        let mut answers = Vec::with_capacity(args.len());
        let mut next = 0;
        while next < calls.len() {
            // A page: at least one call, and no more than PIPELINE_BYTES of frames (a
            // frame is 5 bytes of header, 2 of field, then the arguments).
            let mut end = next + 1;
            let mut bytes = calls[next].1.len() + 7;
            while let Some((_, body)) = calls.get(end) {
                bytes += body.len() + 7;
                if bytes > PIPELINE_BYTES {
                    break;
                }
                end += 1;
            }
            if let Err(e) = self.send(&calls[next..end]) {
                answers.resize(args.len(), Err(e));
                return answers;
            }
            for arg in &args[next..end] {
                answers.push(self.answer(name, arg, &[]));
                if self.running.is_none() {
                    // Crashed or timed out: the calls after it were never answered.
                    let not_run = "not run: the learner process ended at an earlier call";
                    answers.resize(args.len(), Err(not_run.into()));
                    return answers;
                }
            }
            next = end;
        }
        answers
    }

    /// Writes calls (field, encoded arguments), starting the learner process if needed.
    fn send(&mut self, calls: &[(u16, Vec<u8>)]) -> Result<(), String> {
        if let Some(call) = &self.timed_out {
            return Err(format!(
                "not run: `{call}` already used up this property's time budget"
            ));
        }
        if self.running.is_none() {
            self.running = Some(self.start()?);
        }
        let running = self.running.as_mut().expect("started");
        let written = calls
            .iter()
            .try_for_each(|(field, body)| {
                put_frame(&mut running.input, CALL, &[&field.to_le_bytes(), body])
            })
            .and_then(|()| running.input.flush());
        written.map_err(|_| self.died())
    }

    /// Reads the answer to the oldest call not yet answered (`name(args)`), answering its
    /// callbacks and reference calls meanwhile.
    fn answer<A: Debug>(
        &mut self,
        name: &str,
        args: &A,
        callbacks: &[Callback<'_>],
    ) -> Result<Vec<u8>, String> {
        let deadline = self
            .deadline
            .unwrap_or_else(|| Instant::now() + self.config.budget);
        loop {
            let Some(running) = self.running.as_mut() else {
                return Err(self.died());
            };
            running.output.get_mut().deadline = deadline;
            let frame = read_frame(&mut running.output);
            let (tag, payload) = match frame {
                Ok(frame) => frame,
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    let call = describe(name, args);
                    self.kill();
                    self.timed_out = Some(call.clone());
                    return Err(format!(
                        "did not return within {:.1} s (an infinite loop, or far too slow): {call}",
                        self.config.budget.as_secs_f64()
                    ));
                }
                Err(_) => return Err(self.died()),
            };
            match tag {
                RETURN => return Ok(payload),
                PANIC => return Err(String::from_utf8_lossy(&payload).into_owned()),
                CALLBACK => {
                    let reply = match split_u16(&payload) {
                        Some((slot, args)) => match callbacks.get(usize::from(slot)) {
                            Some(cb) => {
                                catch_unwind(AssertUnwindSafe(|| cb(args))).unwrap_or_else(|p| {
                                    Err(format!(
                                        "the course's function panicked: {}",
                                        panic_message(&*p)
                                    ))
                                })
                            }
                            None => Err(format!("this call has no callback {slot}")),
                        },
                        None => Err("malformed callback".into()),
                    };
                    self.reply(reply)?;
                }
                REFERENCE => {
                    let reply = match split_u16(&payload) {
                        Some((len, rest)) if rest.len() >= usize::from(len) => {
                            let (item, args) = rest.split_at(usize::from(len));
                            let item = String::from_utf8_lossy(item).into_owned();
                            match (self.config.reference)(&item, args) {
                                Some(result) => result,
                                None => {
                                    let message = format!(
                                        "`{item}` does the work of this exercise: it may not be called here"
                                    );
                                    if !self.forbidden.contains(&item) {
                                        self.forbidden.push(item);
                                    }
                                    Err(message)
                                }
                            }
                        }
                        _ => Err("malformed reference call".into()),
                    };
                    self.reply(reply)?;
                }
                _ => {
                    self.kill();
                    return Err("the learner process broke the protocol".into());
                }
            }
        }
    }

    fn reply(&mut self, reply: Result<Vec<u8>, String>) -> Result<(), String> {
        let running = self.running.as_mut().expect("started");
        let sent = match reply {
            Ok(value) => write_frame(&mut running.input, CALLBACK_RETURN, &[&value]),
            Err(message) => write_frame(&mut running.input, CALLBACK_ERROR, &[message.as_bytes()]),
        };
        sent.map_err(|_| self.died())
    }

    fn start(&mut self) -> Result<Running, String> {
        self.starts += 1;
        let mut cmd = (self.config.command)();
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = spawn_from_lasting_thread(cmd)
            .map_err(|e| format!("cannot start the learner process: {e}"))?;
        let input = BufWriter::new(child.stdin.take().expect("piped"));
        let output = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let sink = self.output.clone();
        {
            // The flood limit counts per process.
            let mut out = sink.lock().unwrap_or_else(|e| e.into_inner());
            out.total = 0;
            out.flooded = false;
            out.markers = 0;
            out.carry.clear();
        }
        self.flushes = 0;
        let limit = self.config.output_limit;
        let flood = self.config.flood_limit;
        let pid = child.id();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stderr.read(&mut buf) {
                let mut out = sink.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    out.close(limit);
                    break;
                }
                out.absorb(&buf[..n], limit);
                out.total += n as u64;
                if out.total > flood && !out.flooded {
                    out.flooded = true;
                    kill_pid_group(pid);
                }
            }
        });
        Ok(Running {
            child,
            input,
            output: BufReader::new(DeadlineReader {
                pipe: output,
                deadline: Instant::now(),
            }),
        })
    }

    /// Asks the running learner process to flush what it printed and mark the end; the
    /// number of markers to wait for, or `None` when no process is running (or it does not
    /// answer within a second, and is ended).
    fn flush(&mut self) -> Option<u64> {
        if self.timed_out.is_some() {
            return None;
        }
        let running = self.running.as_mut()?;
        let answered = write_frame(&mut running.input, FLUSH, &[]).is_ok() && {
            running.output.get_mut().deadline = Instant::now() + Duration::from_secs(1);
            matches!(read_frame(&mut running.output), Ok((RETURN, _)))
        };
        if answered {
            self.flushes += 1;
            Some(self.flushes)
        } else {
            self.kill();
            None
        }
    }

    /// The learner process ended during a call: reap it and say why.
    fn died(&mut self) -> String {
        let Some(mut running) = self.running.take() else {
            return "the learner process is gone".into();
        };
        drop(running.input);
        let status = wait_briefly(&mut running.child);
        kill_group(&running.child);
        let _ = running.child.wait();
        // Give the output thread a moment to collect the last words.
        std::thread::sleep(Duration::from_millis(20));
        let (said, flooded) = {
            let out = self.output.lock().unwrap_or_else(|e| e.into_inner());
            (String::from_utf8_lossy(&out.text).into_owned(), out.flooded)
        };
        if flooded {
            return format!(
                "your code crashed the process running it: it printed more than {} bytes (an output flood)",
                self.config.flood_limit
            );
        }
        crash_cause(status, &said)
    }

    fn kill(&mut self) {
        if let Some(running) = self.running.take() {
            stop(running);
        }
    }
}

/// Spawns `cmd` from one thread that lives as long as the judge: the learner process's
/// parent-death signal fires when the *thread* that started it ends, and proxies may be
/// called from short-lived threads (a check's own worker thread, say).
fn spawn_from_lasting_thread(cmd: Command) -> io::Result<Child> {
    type Request = (Command, std::sync::mpsc::Sender<io::Result<Child>>);
    static SPAWNER: std::sync::OnceLock<Mutex<std::sync::mpsc::Sender<Request>>> =
        std::sync::OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Request>();
        std::thread::spawn(move || {
            for (mut cmd, reply) in rx {
                let _ = reply.send(cmd.spawn());
            }
        });
        Mutex::new(tx)
    });
    let (reply, answer) = std::sync::mpsc::channel();
    spawner
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send((cmd, reply))
        .map_err(|_| io::Error::other("the spawner thread is gone"))?;
    answer
        .recv()
        .map_err(|_| io::Error::other("the spawner thread is gone"))?
}

fn stop(mut running: Running) {
    kill_group(&running.child);
    let _ = running.child.kill();
    let _ = running.child.wait();
}

fn wait_briefly(child: &mut Child) -> Option<ExitStatus> {
    let until = Instant::now() + Duration::from_millis(500);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(2)),
            _ => return None,
        }
    }
}

fn kill_group(child: &Child) {
    kill_pid_group(child.id());
}

fn kill_pid_group(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: signalling the process group the sandbox launcher created with setsid (its
    // id is the child's pid); a no-op when it is already gone.
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
    }
}

/// Why the learner process died, in words.
fn crash_cause(status: Option<ExitStatus>, said: &str) -> String {
    use std::os::unix::process::ExitStatusExt;
    let cause = if said.contains("has overflowed its stack") {
        "stack overflow (unbounded recursion?)".to_string()
    } else {
        match status {
            None => "it stopped answering".to_string(),
            Some(s) => match (s.code(), s.signal()) {
                (Some(125), _) => format!(
                    "the sandbox could not start it: {}",
                    said.lines().last().unwrap_or("")
                ),
                (Some(0), _) => "it exited during the call (std::process::exit?)".to_string(),
                (Some(code), _) => format!("it exited with status {code} during the call"),
                (_, Some(libc::SIGABRT)) => {
                    "it aborted (std::process::abort, or a panic while panicking)".into()
                }
                (_, Some(libc::SIGSEGV | libc::SIGBUS)) => {
                    "segmentation fault (stack overflow or memory limit)".into()
                }
                (_, Some(libc::SIGKILL)) => "it was killed (memory limit?)".into(),
                (_, Some(libc::SIGXCPU)) => "it used up its CPU time limit".into(),
                (_, Some(libc::SIGXFSZ)) => "it wrote more than allowed".into(),
                (_, Some(libc::SIGSYS)) => "it made a system call the sandbox forbids".into(),
                (_, Some(signal)) => format!("it was killed by signal {signal}"),
                _ => format!("it ended ({s})"),
            },
        }
    };
    format!("your code crashed the process running it: {cause}")
}

/// `name(args…)` from the Debug form of the argument tuple, shortened.
fn describe<A: Debug>(name: &str, args: &A) -> String {
    let mut text = format!("{args:?}");
    if text.ends_with(",)") {
        text.replace_range(text.len() - 2.., ")");
    }
    if !text.starts_with('(') {
        text = format!("({text})");
    }
    let mut call = format!("{name}{text}");
    if call.len() > 300 {
        let cut = (0..=300)
            .rev()
            .find(|&i| call.is_char_boundary(i))
            .unwrap_or(0);
        call.truncate(cut);
        call.push_str(" …");
    }
    call
}

/// Reads from a pipe, failing with `TimedOut` once `deadline` has passed.
struct DeadlineReader {
    pipe: ChildStdout,
    deadline: Instant,
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            let fd = self.pipe.as_raw_fd();
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
            // SAFETY: one valid pollfd for the duration of the call.
            let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
            if ready < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if ready == 0 {
                continue;
            }
            // SAFETY: reading into a buffer we own, of its length.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            return Ok(usize::try_from(n).unwrap_or(0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absorbed(chunks: &[&[u8]], limit: usize) -> Output {
        let mut out = Output::default();
        for chunk in chunks {
            out.absorb(chunk, limit);
        }
        out
    }

    #[test]
    fn markers_are_counted_and_left_out_even_when_split() {
        let (a, b) = FLUSH_MARKER.split_at(5);
        let out = absorbed(&[b"one\n", a, b, b"two", FLUSH_MARKER], 100);
        assert_eq!(out.text, b"one\ntwo");
        assert_eq!(out.markers, 2);
        assert!(out.carry.is_empty());
    }

    #[test]
    fn a_possible_marker_prefix_waits_and_a_false_one_is_kept() {
        let mut out = absorbed(&[b"x\0"], 100);
        assert_eq!(out.text, b"x");
        out.absorb(b"y", 100);
        assert_eq!(out.text, b"x\0y");
        out.absorb(b"\0", 100);
        out.close(100);
        assert_eq!(out.text, b"x\0y\0");
        assert_eq!(out.markers, 0);
    }

    #[test]
    fn beyond_the_limit_bytes_are_dropped_but_markers_still_seen() {
        let out = absorbed(&[b"0123456789", FLUSH_MARKER], 4);
        assert_eq!(out.text, b"0123");
        assert_eq!(out.dropped, 6);
        assert_eq!(out.markers, 1);
    }
}
