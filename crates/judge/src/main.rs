//! `mathlings-judge`: see the crate docs of `mathlings_judge` for the protocol.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Duration;

use mathlings_checks::Options;
use mathlings_judge::{EXERCISES, LearnerProcess, Request, Response, Target, find};

fn main() -> ExitCode {
    // The judge re-executes itself as the sandbox launcher of the learner process.
    mathlings_sandbox::launch_if_requested();
    // Panics are caught per property and reported as data; the default hook would print
    // every one of them.
    std::panic::set_hook(Box::new(|_| {}));
    // Standard output carries the JSON answer alone.
    let mut answer = match mathlings_wire::keep_stdout_for_channel() {
        Ok(file) => file,
        Err(e) => {
            eprintln!("mathlings-judge: cannot set up the answer channel: {e}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).and_then(|json| writeln!(answer, "{json}").map_err(|e| e.to_string())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mathlings-judge: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs one verb; the JSON answer to print.
fn run(args: &[String]) -> Result<String, String> {
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["describe"] => {
            let all: Vec<_> = EXERCISES.iter().map(|e| (e.id, (e.describe)())).collect();
            serde_json::to_string(&all).map_err(|e| e.to_string())
        }
        [verb @ ("grade" | "plot"), id, target] => {
            let entry = find(id).ok_or_else(|| format!("unknown exercise {id}"))?;
            let target = parse_target(target)?;
            let request = read_request()?;
            let options = Options {
                seed: request.seed,
                cases: request.cases,
                first_failure: request.first_failure,
                deterministic: request.deterministic,
            };
            if target == Target::Learner {
                let learner = request
                    .learner
                    .clone()
                    .ok_or("grading the learner needs `learner` in the request")?;
                connect(entry.id, entry.allow, &learner, request.budget_ms);
            }
            let no_target = || format!("{id}: no such target");
            let answer = if *verb == "grade" {
                let report = (entry.grade)(target, &options).ok_or_else(no_target)?;
                serde_json::to_string(&Response {
                    report: Some(report),
                    forbidden: mathlings_wire::judge::forbidden_calls(),
                    problems: Vec::new(),
                    learner_starts: mathlings_wire::judge::starts(),
                })
            } else {
                let figures = (entry.figures)(target, &options).ok_or_else(no_target)?;
                serde_json::to_string(&mathlings_plot::PlotResponse {
                    figures,
                    forbidden: mathlings_wire::judge::forbidden_calls(),
                    learner_starts: mathlings_wire::judge::starts(),
                })
            };
            mathlings_wire::judge::shutdown();
            answer.map_err(|e| e.to_string())
        }
        ["verify", id] => {
            let entry = find(id).ok_or_else(|| format!("unknown exercise {id}"))?;
            let request = read_request()?;
            let options = Options {
                seed: request.seed,
                cases: request.cases,
                first_failure: request.first_failure,
                deterministic: request.deterministic,
            };
            let response = Response {
                problems: (entry.verify)(&options),
                ..Response::default()
            };
            serde_json::to_string(&response).map_err(|e| e.to_string())
        }
        _ => Err(
            "usage: mathlings-judge describe | grade ID TARGET | plot ID TARGET | verify ID \
             (request on stdin)"
                .into(),
        ),
    }
}

fn read_request() -> Result<Request, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&line).map_err(|e| format!("bad request: {e}"))
}

/// Points the generated proxies at a sandboxed learner process for exercise `id`.
fn connect(
    id: &'static str,
    allow: &'static [&'static str],
    learner: &LearnerProcess,
    budget_ms: u64,
) {
    let learner = learner.clone();
    let policy = learner_policy(&learner);
    let output_limit = learner.output;
    mathlings_wire::judge::configure(mathlings_wire::judge::Config {
        command: Box::new(move || policy.command(&learner.program, [id])),
        reference: Box::new(move |item, args| mathlings_judge::reference_call(allow, item, args)),
        budget: Duration::from_millis(budget_ms),
        output_limit: 16 << 10,
        flood_limit: output_limit,
    });
}

/// The learner process may read and execute its own binary (and the system libraries it
/// is linked against), write only in its scratch folder, start no process, open no socket,
/// and signal nobody but itself; its environment is empty. Run by root (CI runners, a
/// container), it also drops to the unprivileged user `nobody` when that user can reach
/// its binary.
fn learner_policy(learner: &LearnerProcess) -> mathlings_sandbox::Policy {
    let cpu = 600;
    let policy = mathlings_sandbox::Policy::new()
        .system_paths()
        .read_exec(&learner.program)
        .write(&learner.scratch)
        .env("HOME", &learner.scratch)
        .env("TMPDIR", &learner.scratch)
        // glibc reserves 64 MiB of address space per malloc arena (up to 8 per core): with
        // an address-space limit, a learner's threads would fail to start.
        .env("MALLOC_ARENA_MAX", "2")
        .no_fork()
        .no_network()
        .address_space(learner.memory)
        .file_size(learner.output)
        .cpu_seconds(cpu)
        .require(learner.require_sandbox);
    if running_as_root()
        && reachable_by_others(&learner.program)
        && std::os::unix::fs::chown(&learner.scratch, Some(NOBODY), Some(NOBODY)).is_ok()
    {
        policy.user(NOBODY, NOBODY)
    } else {
        policy
    }
}

/// The conventional uid and gid of `nobody`.
const NOBODY: u32 = 65534;

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // Our own process's files are created with our effective uid.
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Whether a user other than the owner can execute `path` (every folder above it searchable
/// and the file itself readable and executable by others).
fn reachable_by_others(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.permissions().mode());
    mode(path).is_ok_and(|m| m & 0o005 == 0o005)
        && path
            .ancestors()
            .skip(1)
            .all(|dir| dir.as_os_str().is_empty() || mode(dir).is_ok_and(|m| m & 0o001 != 0))
}

fn parse_target(text: &str) -> Result<Target, String> {
    match text {
        "learner" => Ok(Target::Learner),
        "solution" => Ok(Target::Solution),
        other => other
            .strip_prefix("misconception:")
            .and_then(|i| i.parse().ok())
            .map(Target::Misconception)
            .ok_or_else(|| format!("bad target {other}")),
    }
}
