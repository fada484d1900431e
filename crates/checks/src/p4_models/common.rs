//! Readable rendering of results that hold nalgebra vectors and matrices (their `Debug`
//! form shows `VecStorage { .. }`), for the checks of 1.10 and part 4.

use std::fmt::Debug;

use nalgebra::{DMatrix, DVector};

use crate::prelude::*;

/// A value shown as Rust a learner can read: `dvector![..]`, `dmatrix![..]`, tuples of them.
pub(crate) trait Readable {
    /// The value as Rust source.
    fn readable(&self) -> String;
}

impl Readable for f64 {
    fn readable(&self) -> String {
        show::float(*self)
    }
}

impl Readable for Vec<f64> {
    fn readable(&self) -> String {
        show::list(self)
    }
}

impl Readable for DVector<f64> {
    fn readable(&self) -> String {
        show::vector(self)
    }
}

impl Readable for DMatrix<f64> {
    fn readable(&self) -> String {
        show::matrix(self)
    }
}

impl<A: Readable, B: Readable> Readable for (A, B) {
    fn readable(&self) -> String {
        format!("({}, {})", self.0.readable(), self.1.readable())
    }
}

impl<A: Readable, B: Readable, C: Readable> Readable for (A, B, C) {
    fn readable(&self) -> String {
        format!(
            "({}, {}, {})",
            self.0.readable(),
            self.1.readable(),
            self.2.readable()
        )
    }
}

impl<A: Readable, B: Readable, C: Readable, D: Readable> Readable for (A, B, C, D) {
    fn readable(&self) -> String {
        format!(
            "({}, {}, {}, {})",
            self.0.readable(),
            self.1.readable(),
            self.2.readable(),
            self.3.readable()
        )
    }
}

/// `Ok(<readable value>)` or `Err(<Debug error>)`.
pub(crate) fn result<T: Readable, E: Debug>(r: &Result<T, E>) -> String {
    match r {
        Ok(v) => format!("Ok({})", v.readable()),
        Err(e) => format!("Err({e:?})"),
    }
}
