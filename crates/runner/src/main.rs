//! `mathlings-runner`: see the crate docs of `mathlings_runner` for the protocol.

use std::io::BufRead;
use std::process::ExitCode;

use mathlings_checks::Options;
use mathlings_runner::{EXERCISES, Target, find};

fn main() -> ExitCode {
    // Panics are caught per property and reported as data; the default hook would print
    // every one of them.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mathlings-runner: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("describe") => {
            let all: Vec<_> = EXERCISES
                .iter()
                .map(|e| (e.id, e.learner_compiled, (e.describe)()))
                .collect();
            println!("{}", serde_json::to_string(&all).map_err(|e| e.to_string())?);
            Ok(())
        }
        Some(verb @ ("grade" | "verify")) => {
            let [_, id, target, seed, cases] = args else {
                return Err(format!("usage: {verb} ID TARGET SEED CASES"));
            };
            let entry = find(id).ok_or_else(|| format!("unknown exercise {id}"))?;
            let target = parse_target(target)?;
            let options = Options {
                seed: seed.parse().map_err(|_| format!("bad seed {seed}"))?,
                cases: cases.parse().map_err(|_| format!("bad case count {cases}"))?,
            };
            // Read the nonce and the result path before any learner code runs.
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            let (nonce, path) = line
                .trim_end()
                .split_once(' ')
                .ok_or("expected `NONCE PATH` on standard input")?;
            let (nonce, path) = (nonce.to_string(), path.to_string());
            drop(line);
            let body = if verb == "grade" {
                let report = (entry.grade)(target, &options)
                    .ok_or_else(|| format!("{id}: no such target in this build"))?;
                serde_json::json!({ "nonce": nonce, "report": report })
            } else {
                serde_json::json!({ "nonce": nonce, "problems": (entry.verify)(&options) })
            };
            std::fs::write(&path, body.to_string()).map_err(|e| format!("{path}: {e}"))
        }
        _ => Err("usage: mathlings-runner describe | grade ID TARGET SEED CASES | verify ID TARGET SEED CASES".into()),
    }
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
