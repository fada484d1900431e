//! Comparisons that turn into learner-readable failures.

use std::fmt::Debug;

use mathlings_course::report::Failure;
use nalgebra::DMatrix;

use crate::framework::Verdict;
use crate::show;

/// A tolerance: `|got − want| ≤ abs + rel·|want|`.
#[derive(Debug, Clone, Copy)]
pub struct Tol {
    /// Relative part.
    pub rel: f64,
    /// Absolute part (for answers near zero).
    pub abs: f64,
}

impl Tol {
    /// An absolute tolerance only.
    pub const fn absolute(abs: f64) -> Tol {
        Tol { rel: 0.0, abs }
    }

    /// Whether `got` is within the tolerance of `want` (NaN never is; equal infinities are).
    pub fn accepts(&self, got: f64, want: f64) -> bool {
        if got == want {
            return true;
        }
        got.is_finite()
            && want.is_finite()
            && (got - want).abs() <= self.abs + self.rel * want.abs()
    }

    fn describe(&self, want: f64) -> String {
        format!("{} (± {})", show::float(want), show::rounded(self.abs + self.rel * want.abs(), 2))
    }
}

/// A failure without a call (the property's input generator fills it in).
pub fn failure(returned: impl Into<String>, expected: impl Into<String>) -> Failure {
    Failure { call: String::new(), returned: returned.into(), expected: expected.into() }
}

/// Fails with the two texts (see [`failure`]).
pub fn fail(returned: impl Into<String>, expected: impl Into<String>) -> Verdict {
    Err(failure(returned, expected))
}

/// The `Ok` value of `got`, or a failure showing its error where `Ok(what)` was expected;
/// inside a check, `let ab = expect::ok((imp.matmul)(a, b), "AB")?;`.
pub fn ok<T, E: Debug>(got: Result<T, E>, what: &str) -> Result<T, Failure> {
    got.map_err(|e| failure(format!("Err({e:?})"), format!("Ok({what})")))
}

/// Passes when `condition` holds, else fails with the two texts.
pub fn that(condition: bool, returned: impl Into<String>, expected: impl Into<String>) -> Verdict {
    if condition { Ok(()) } else { fail(returned, expected) }
}

/// `got` must be `Ok` and within `tol` of `want`.
pub fn close<E: Debug>(got: &Result<f64, E>, want: f64, tol: Tol) -> Verdict {
    match got {
        Ok(x) if tol.accepts(*x, want) => Ok(()),
        _ => fail(show::float_result(got), format!("Ok({})", tol.describe(want))),
    }
}

/// Every component of `got` within `tol` of `want`.
pub fn all_close<E: Debug>(got: &Result<Vec<f64>, E>, want: &[f64], tol: Tol) -> Verdict {
    match got {
        Ok(xs)
            if xs.len() == want.len() && xs.iter().zip(want).all(|(&g, &w)| tol.accepts(g, w)) =>
        {
            Ok(())
        }
        _ => fail(
            show::result(got),
            format!("Ok({}) (each ± {})", show::list(want), show::rounded(tol.abs.max(tol.rel), 2)),
        ),
    }
}

/// `got` must be `Ok`, of `want`'s shape, with every entry within `tol`.
pub fn matrix_close<E: Debug>(
    got: &Result<DMatrix<f64>, E>,
    want: &DMatrix<f64>,
    tol: Tol,
) -> Verdict {
    let ok = matches!(got, Ok(m) if m.shape() == want.shape()
        && m.iter().zip(want.iter()).all(|(&g, &w)| tol.accepts(g, w)));
    that(
        ok,
        show::outcome(got),
        format!(
            "Ok({}) ({}×{}, each ± {})",
            show::matrix(want),
            want.nrows(),
            want.ncols(),
            show::rounded(tol.abs.max(tol.rel), 2)
        ),
    )
}

/// `got` must be `Ok` and lie between the smallest and the largest of `values`, give or
/// take `slack` (an average of any kind, a weighted mean, an expected value…).
pub fn between_extremes<E: Debug>(got: &Result<f64, E>, values: &[f64], slack: f64) -> Verdict {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    that(
        matches!(got, Ok(v) if lo - slack <= *v && *v <= hi + slack),
        show::float_result(got),
        format!("Ok(a value in [{}, {}])", show::float(lo), show::float(hi)),
    )
}

/// `got` must be an `Err` matching `is_expected`; `expected` names it for the learner.
pub fn error<T: Debug, E: Debug>(
    got: &Result<T, E>,
    is_expected: impl Fn(&E) -> bool,
    expected: &str,
) -> Verdict {
    error_shown(got, is_expected, expected, show::result)
}

/// Like [`error`], showing an unexpected outcome with `shown` (for values whose `Debug`
/// is unreadable, such as matrices).
pub fn error_shown<T, E>(
    got: &Result<T, E>,
    is_expected: impl Fn(&E) -> bool,
    expected: &str,
    shown: impl Fn(&Result<T, E>) -> String,
) -> Verdict {
    match got {
        Err(e) if is_expected(e) => Ok(()),
        _ => fail(shown(got), format!("Err({expected})")),
    }
}

/// One entry of a probe that survives a panic: `f()`, or `on_panic` when it panics (a
/// function still `todo!()`, a crash on one input), so that one entry cannot erase the whole
/// fingerprint a misconception is recognised by.
pub fn probe_entry<T>(f: impl FnOnce() -> T, on_panic: T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(on_panic)
}

/// A table of bad inputs and the typed error each must give, checked in order, each case
/// once (a panic is a failure): the first case that fails is the property's failure.
///
/// ```ignore
/// rejects!(ctx, |xs| call(xs) => (imp.sample_variance)(xs);
///     (&[]) => StatsError::EmptyInput,
///     (&[3.0]) => StatsError::TooFewValues { needed: 2, got: 1 },
/// )
/// ```
///
/// Each row binds the arguments (`xs` above) to its values, shows the call with the
/// expression before the first `=>` and makes it with the one after; the result must be an
/// `Err` matching the row's pattern, and the learner reads the expected error as that very
/// pattern (`stringify!`), so the check and its text cannot drift apart. Errors that carry
/// vectors, which no pattern matches, are compared with `==` instead:
/// `(args) == LinalgError::TensorShapeMismatch { left: vec![6], right: vec![2, 2] }`.
/// `shown f` after the call shows an unexpected outcome with `f` instead of its `Debug`
/// (for matrices). Evaluates to the [`Verdict`].
#[macro_export]
macro_rules! rejects {
    (
        $ctx:expr, |$($arg:ident),+| $call:expr => $got:expr $(, shown $shown:expr)?;
        $( ($($value:expr),+ $(,)?) => $pattern:pat ),+ $(,)?
    ) => {
        $crate::rejects!(@rows $ctx, ($($arg,)+), $call, $got,
            $crate::rejects!(@shown $($shown)?);
            $( ($($value,)+), |e| matches!(e, $pattern), stringify!($pattern); )+)
    };
    (
        $ctx:expr, |$($arg:ident),+| $call:expr => $got:expr $(, shown $shown:expr)?;
        $( ($($value:expr),+ $(,)?) == $expected:expr ),+ $(,)?
    ) => {
        $crate::rejects!(@rows $ctx, ($($arg,)+), $call, $got,
            $crate::rejects!(@shown $($shown)?);
            $( ($($value,)+), |e| *e == $expected, stringify!($expected); )+)
    };
    (@rows $ctx:expr, $args:tt, $call:expr, $got:expr, $shown:expr;
        $( $values:tt, $is_expected:expr, $expected:expr; )+) => {
        $crate::Verdict::Ok(())
            $(.and_then(|()| {
                let $args = $values;
                $ctx.once(&$call, || {
                    $crate::expect::error_shown(&$got, $is_expected, $expected, $shown)
                })
            }))+
    };
    (@shown) => { $crate::show::result };
    (@shown $shown:expr) => { $shown };
}

/// `got` must be an `Err` matching the pattern, which is also the text the learner reads
/// (`stringify!`), as in [`rejects!`]: `expect_err!(&got, CalculusError::NonFinite)`.
/// `note "…"` adds a remark in parentheses after it; `shown f` shows an unexpected outcome
/// with `f` instead of its `Debug`.
#[macro_export]
macro_rules! expect_err {
    ($got:expr, $pattern:pat $(, note $note:literal)? $(, shown $shown:expr)?) => {
        $crate::expect::error_shown(
            $got,
            |e| matches!(e, $pattern),
            concat!(stringify!($pattern) $(, " (", $note, ")")?),
            $crate::rejects!(@shown $($shown)?),
        )
    };
}

/// Every component of `got` within `rel · (1 + max|want|)` of `want`: coefficients of any
/// size, compared relative to the largest of them.
pub fn all_close_scaled<E: Debug>(got: &Result<Vec<f64>, E>, want: &[f64], rel: f64) -> Verdict {
    let scale = 1.0 + want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    all_close(got, want, Tol { rel: 0.0, abs: rel * scale })
}

/// A plain float (not a `Result`) within `tol` of `want`, shown as `1.5` against
/// `2.0 (± 1e-12)`.
pub fn near(got: f64, want: f64, tol: Tol) -> Verdict {
    that(tol.accepts(got, want), show::float(got), tol.describe(want))
}

/// Compares the text `text()` makes with the stored snapshot `name`, once (a panic is a
/// failure); `call` names what produced it (an exercise's real-data property).
pub fn snapshot_once(
    ctx: &crate::framework::Ctx,
    name: &str,
    call: &str,
    text: impl FnOnce() -> String,
) -> Verdict {
    ctx.once(call, || ctx.snapshot(name, call, &text()))
}

/// The `Ok` value of `got` when `fits` accepts it, else a failure showing `got` (as
/// [`show::outcome`]) where `expected` was: `let l = expect::ok_where(&got, |l| …, "…")?;`.
pub fn ok_where<T: Clone + show::Literal, E: Debug>(
    got: &Result<T, E>,
    fits: impl FnOnce(&T) -> bool,
    expected: impl Into<String>,
) -> Result<T, Failure> {
    match got {
        Ok(v) if fits(v) => Ok(v.clone()),
        _ => Err(failure(show::outcome(got), expected)),
    }
}
