//! The integration tests of `mathlings-linalg`, one test binary (one link instead of one per
//! file): each module checks one topic against an independent oracle or asserts the typed
//! error of bad input. Run one topic with `cargo test -p mathlings-linalg --test suite <module>::`.

mod bad_input;
mod cholesky;
mod common;
mod inverse;
mod lu;
mod markov;
mod matrix_ops;
mod power_iteration;
mod qr;
mod rank;
mod svd;
mod symmetric_eigen;
mod tensor;
mod triangular;
mod vector;
