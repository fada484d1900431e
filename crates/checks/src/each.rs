//! One function applied to many arguments, in few round trips to the learner process.
//!
//! A check that calls the learner's function in a loop (every k of a pmf, every point of
//! an ECDF, many seeds) would cross the process boundary once per call, ~15–20 µs each on
//! the course's 2-core machines. [`each!`](crate::each) sends the loop's calls together
//! instead (see `mathlings_wire::judge::call_each`) and yields their outcomes in order, as
//! the loop would have seen them: the k-th item is the k-th call's value, or that call's
//! panic, raised when the item is reached. The official solution and the misconceptions run
//! in the judge, where nothing is batched: their calls are made one by one as items are
//! taken, exactly as in a loop.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The outcomes of one function over many arguments, in order (see the module docs).
pub type Each<'a, R> = Box<dyn Iterator<Item = R> + 'a>;

/// The function at `address` applied to `items`: `args` turns an item into the argument
/// tuple sent to the learner process, `local` calls the function on it in this process. Use
/// [`each!`](crate::each), which writes both from one call expression.
pub fn each<'a, T, A, R>(
    address: usize,
    items: impl IntoIterator<Item = T> + 'a,
    args: impl Fn(T) -> A,
    local: impl Fn(T) -> R + 'a,
) -> Each<'a, R>
where
    T: Clone + 'a,
    A: Serialize + Debug,
    R: DeserializeOwned + 'a,
{
    let items: Vec<T> = items.into_iter().collect();
    let sent: Vec<A> = items.iter().cloned().map(args).collect();
    match mathlings_wire::judge::call_each::<A, R>(address, &sent) {
        Some(answers) => Box::new(answers.into_iter().map(|answer| match answer {
            Ok(value) => value,
            Err(message) => std::panic::panic_any(message),
        })),
        None => Box::new(items.into_iter().map(local)),
    }
}

/// `each!(f, (a, b, …) for pattern in items)`: the iterator of `f(a, b, …)` for every item,
/// with `f` a field of the exercise's `Impl`. Its calls reach a learner's function in few
/// round trips; see [`each`](crate::each::each).
///
/// ```ignore
/// for (k, p) in each!(imp.binomial_pmf, (k, n, p) for k in 0..=n).enumerate() { … }
/// ```
#[macro_export]
macro_rules! each {
    ($f:expr, ($($arg:expr),+ $(,)?) for $pat:pat in $items:expr) => {
        $crate::each::each($f as usize, $items, |$pat| ($($arg,)+), |$pat| ($f)($($arg),+))
    };
}
