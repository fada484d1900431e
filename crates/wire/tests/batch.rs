//! Batched calls (`judge::call_each`) through a real learner process
//! (`src/bin/wire_test_learner.rs`): answers come back in order and attributed to their
//! call, a panic costs its own call only, a crash the calls from it on, and reference
//! calls made in the middle of a batch are answered.

use std::process::Command;
use std::time::Duration;

use mathlings_wire::judge;

fn squares(k: u64) -> u64 {
    judge::call(0, "square", &(k,), &[])
}

fn doubles(k: u64) -> u64 {
    judge::call(1, "double", &(k,), &[])
}

/// One judge per test binary: the tests share its state, so they run in one test.
#[test]
fn batches_answer_in_order_and_failures_stay_with_their_call() {
    judge::configure(judge::Config {
        command: Box::new(|| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_wire-test-learner"));
            cmd.arg("any");
            cmd
        }),
        reference: Box::new(|item, args| {
            (item == "double").then(|| {
                let (k,): (u64,) = mathlings_wire::decode(args)?;
                mathlings_wire::encode(&(2 * k))
            })
        }),
        budget: Duration::from_secs(20),
        output_limit: 1 << 10,
        flood_limit: 1 << 20,
    });
    let square = squares as fn(u64) -> u64 as usize;
    let double = doubles as fn(u64) -> u64 as usize;
    // Not registered: the caller must call it itself.
    assert!(judge::call_each::<(u64,), u64>(square, &[(1,)]).is_none());
    judge::register(square, 0, "square");
    judge::register(double, 1, "double");

    // Many pages of calls, in order, from one learner process.
    let args: Vec<(u64,)> = (0..2000)
        .filter(|k| *k != 13 && *k != 21)
        .map(|k| (k,))
        .collect();
    let got = judge::call_each::<(u64,), u64>(square, &args).unwrap();
    let want: Vec<Result<u64, String>> = args.iter().map(|(k,)| Ok(k * k)).collect();
    assert_eq!(got, want);
    assert_eq!(judge::starts(), 1);

    // A panic is that call's answer; the calls after it are answered.
    let got = judge::call_each::<(u64,), u64>(square, &[(12,), (13,), (14,)]).unwrap();
    assert_eq!(got, [Ok(144), Err("thirteen".to_string()), Ok(196)]);

    // Reference calls answered in the middle of a batch, the rest of it waiting.
    let args: Vec<(u64,)> = (0..500).map(|k| (k,)).collect();
    let got = judge::call_each::<(u64,), u64>(double, &args).unwrap();
    assert!(got.iter().zip(0..).all(|(g, k)| *g == Ok(2 * k)), "{got:?}");
    assert_eq!(judge::starts(), 1);

    // A crash: that call is blamed, the later ones were not run, and the next call starts
    // a new learner process.
    let got = judge::call_each::<(u64,), u64>(square, &[(20,), (21,), (22,)]).unwrap();
    assert_eq!(got[0], Ok(400));
    assert!(
        got[1]
            .as_ref()
            .unwrap_err()
            .contains("exited during the call"),
        "{got:?}"
    );
    assert!(
        got[2].as_ref().unwrap_err().starts_with("not run"),
        "{got:?}"
    );
    assert_eq!(squares(3), 9);
    assert_eq!(judge::starts(), 2);
    judge::shutdown();
}
