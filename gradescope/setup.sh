#!/usr/bin/env bash
# Gradescope autograder setup (runs once when the autograder image is built).
# Gradescope unpacks the autograder zip into /autograder/source: make that zip from the
# course repository (see INSTRUCTORS.md), so the course's own checks grade every submission.
set -euo pipefail
AUTOGRADER_ROOT="${AUTOGRADER_ROOT:-/autograder}"
cd "$AUTOGRADER_ROOT/source"

if ! command -v cargo >/dev/null; then
  apt-get update -qq && apt-get install -y -qq curl build-essential git
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
# shellcheck disable=SC1091
. "$HOME/.cargo/env" 2>/dev/null || true

# Warm the build cache once, so that grading a submission only rebuilds the learner crate.
cargo build --quiet -p xtask -p mathlings-judge
# …and the learner process's dependencies (its own target directory), by grading the stubs once.
cargo xtask grade --submission exercises/src --only s1_3_sample_variance --cases 1 >/dev/null || true
