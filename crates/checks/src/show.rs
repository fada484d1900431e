//! Shows inputs and outputs as Rust a learner could paste: `&[1.0, 2.5]`,
//! `dmatrix![1.0, 2.0; 3.0, 4.0]`, `Ok(0.5)`, `Err(StatsError::EmptyInput)`.

use std::fmt::Debug;

use nalgebra::{DMatrix, DVector};

/// A float as Rust source (`1.0`, `-0.25`, `1e-300`, `f64::NAN`, `f64::INFINITY`).
pub fn float(x: f64) -> String {
    if x.is_nan() {
        "f64::NAN".into()
    } else if x == f64::INFINITY {
        "f64::INFINITY".into()
    } else if x == f64::NEG_INFINITY {
        "f64::NEG_INFINITY".into()
    } else {
        format!("{x:?}")
    }
}

/// A slice of floats as a borrowed array literal: `&[1.0, 2.5]`.
pub fn floats(xs: &[f64]) -> String {
    format!("&{}", list(xs))
}

/// Floats as an array literal: `[1.0, 2.5]`.
pub fn list(xs: &[f64]) -> String {
    format!("[{}]", xs.iter().map(|&x| float(x)).collect::<Vec<_>>().join(", "))
}

/// Floats as a `vec!` literal: `vec![1.0, 2.5]`.
pub fn vec(xs: &[f64]) -> String {
    format!("vec!{}", list(xs))
}

/// Any slice of `Debug` values as a borrowed array literal.
pub fn slice<T: Debug>(xs: &[T]) -> String {
    format!("&{xs:?}")
}

/// A matrix as nalgebra's `dmatrix!` macro (rows separated by `;`).
pub fn matrix(m: &DMatrix<f64>) -> String {
    let rows: Vec<String> = m
        .row_iter()
        .map(|row| row.iter().map(|&x| float(x)).collect::<Vec<_>>().join(", "))
        .collect();
    format!("dmatrix![{}]", rows.join("; "))
}

/// A vector as nalgebra's `dvector!` macro.
pub fn vector(v: &DVector<f64>) -> String {
    format!("dvector![{}]", v.iter().map(|&x| float(x)).collect::<Vec<_>>().join(", "))
}

/// A value as the Rust literal a learner can read: `1.5`, `[1.0, 2.0]`, `dvector![…]`,
/// `dmatrix![…]`, tuples of them (nalgebra's own `Debug` shows `VecStorage { .. }`).
pub trait Literal {
    /// The value as Rust source.
    fn literal(&self) -> String;
}

impl Literal for f64 {
    fn literal(&self) -> String {
        float(*self)
    }
}

impl Literal for Vec<f64> {
    fn literal(&self) -> String {
        list(self)
    }
}

impl Literal for DVector<f64> {
    fn literal(&self) -> String {
        vector(self)
    }
}

impl Literal for DMatrix<f64> {
    fn literal(&self) -> String {
        matrix(self)
    }
}

impl<A: Literal, B: Literal> Literal for (A, B) {
    fn literal(&self) -> String {
        format!("({}, {})", self.0.literal(), self.1.literal())
    }
}

impl<A: Literal, B: Literal, C: Literal> Literal for (A, B, C) {
    fn literal(&self) -> String {
        format!("({}, {}, {})", self.0.literal(), self.1.literal(), self.2.literal())
    }
}

impl<A: Literal, B: Literal, C: Literal, D: Literal> Literal for (A, B, C, D) {
    fn literal(&self) -> String {
        format!(
            "({}, {}, {}, {})",
            self.0.literal(),
            self.1.literal(),
            self.2.literal(),
            self.3.literal()
        )
    }
}

/// `Ok(<literal>)` or `Err(<Debug of the error>)`.
pub fn outcome<T: Literal, E: Debug>(r: &Result<T, E>) -> String {
    match r {
        Ok(v) => format!("Ok({})", v.literal()),
        Err(e) => format!("Err({e:?})"),
    }
}

/// A result whose `Ok` is a float.
pub fn float_result<E: Debug>(r: &Result<f64, E>) -> String {
    match r {
        Ok(x) => format!("Ok({})", float(*x)),
        Err(e) => format!("Err({e:?})"),
    }
}

/// Any `Debug` result.
pub fn result<T: Debug, E: Debug>(r: &Result<T, E>) -> String {
    match r {
        Ok(x) => format!("Ok({x:?})"),
        Err(e) => format!("Err({e:?})"),
    }
}

/// A float rounded to `digits` significant digits, for snapshots and probes: stable
/// across tiny rounding differences that do not matter to the verdict. Plain decimal
/// notation between 1e-4 and 1e9, scientific outside.
pub fn rounded(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return float(x);
    }
    let digits = digits.max(1);
    let sci = format!("{:.*e}", digits - 1, x);
    let (mantissa, exponent) = sci.split_once('e').expect("scientific notation");
    let exponent: i32 = exponent.parse().expect("integer exponent");
    if mantissa.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        return "0".into();
    }
    if (-4..9).contains(&exponent) {
        let decimals = (digits as i32 - 1 - exponent).max(0) as usize;
        let rounded: f64 = sci.parse().expect("valid float");
        format!("{rounded:.decimals$}")
    } else {
        sci
    }
}

/// Floats rounded to `digits` significant digits ([`rounded`]), separated by commas:
/// `1.5, 0.25` (snapshot and probe lines).
pub fn rounded_all<'a>(xs: impl IntoIterator<Item = &'a f64>, digits: usize) -> String {
    xs.into_iter().map(|&x| rounded(x, digits)).collect::<Vec<_>>().join(", ")
}

/// An error's variant without its payload (`Undefined`), so that a probe's fingerprint does
/// not depend on the wording of a reason.
pub fn error_kind<E: Debug>(e: &E) -> String {
    format!("{e:?}").split(['(', ' ']).next().unwrap_or_default().to_string()
}

/// `ok(value)` for `Ok`, the error's bare `Debug` for `Err` (probe entries, snapshot lines).
pub fn ok_or_debug<T, E: Debug>(r: &Result<T, E>, ok: impl FnOnce(&T) -> String) -> String {
    match r {
        Ok(v) => ok(v),
        Err(e) => format!("{e:?}"),
    }
}

/// `ok(value)` for `Ok`, `Err(<Debug>)` for `Err` (snapshot lines).
pub fn ok_or_err<T, E: Debug>(r: &Result<T, E>, ok: impl FnOnce(&T) -> String) -> String {
    match r {
        Ok(v) => ok(v),
        Err(e) => format!("Err({e:?})"),
    }
}

/// A float result rounded to `digits` significant digits: `0.25` or `Err(<Debug>)`.
pub fn rounded_result<E: Debug>(r: &Result<f64, E>, digits: usize) -> String {
    ok_or_err(r, |x| rounded(*x, digits))
}
