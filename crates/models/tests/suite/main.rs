//! The integration tests of `mathlings-models`, one test binary (one link instead of one per
//! file): each module checks one topic against an independent oracle or asserts the typed
//! error of bad input. Run one topic with `cargo test -p mathlings-models --test suite <module>::`.

mod bad_input;
mod common;
mod datasets;
mod gradient_descent;
mod linear_regression;
mod logistic;
mod naive_bayes;
mod network;
mod pca;
mod ridge;
mod sigmoid;
mod simple_regression;
