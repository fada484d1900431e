//! The integration tests of `mathlings-calculus`, one test binary (one link instead of one per
//! file): each module checks one topic against an independent oracle or asserts the typed
//! error of bad input. Run one topic with `cargo test -p mathlings-calculus --test suite <module>::`.

mod adam;
mod bad_input;
mod common;
mod convexity;
mod critical_point;
mod difference;
mod dual;
mod gradient;
mod gradient_descent;
mod hessian;
mod jacobian;
mod line_search;
mod momentum;
mod multi_start;
mod newton;
mod softmax;
mod tape;
