//! The integration tests of `mathlings-stats`, one test binary (one link instead of one per
//! file): each module checks one topic against an independent oracle or asserts the typed
//! error of bad input. Run one topic with `cargo test -p mathlings-stats --test suite <module>::`.

mod bad_input;
mod bayes;
mod binomial;
mod clt;
mod common;
mod covariance;
mod descriptive;
mod exponential;
mod joint;
mod losses;
mod mle;
mod nist;
mod normal;
mod poisson;
mod random_variable;
mod sampling;
mod special;
mod uniform;
mod variance;
