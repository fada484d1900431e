//! Compensated (Neumaier) summation, the accurate sum every other module builds on.

/// Sums `values` with Neumaier's compensated summation.
///
/// A running correction `c` collects the low-order bits that plain `+` rounds away, so the
/// result is as accurate as if it had been accumulated in (roughly) twice the precision:
/// its error is about one rounding of the true sum, independent of `n`.
pub(crate) fn neumaier_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = 0.0;
    let mut correction = 0.0;
    for x in values {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            // The low bits of `x` were lost in `t`: recover them.
            correction += (sum - t) + x;
        } else {
            // The low bits of `sum` were lost in `t`: recover them.
            correction += (x - t) + sum;
        }
        sum = t;
    }
    sum + correction
}
