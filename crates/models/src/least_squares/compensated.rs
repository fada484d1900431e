//! Error-free transformations and a double-double accumulator: the extra precision the
//! refinement of [`super`] computes its residuals in.
//!
//! Two floating-point operations have an error that is itself a floating-point number
//! and can be computed exactly (barring overflow and underflow):
//!
//! ```text
//! TwoSum:      a + b = s + e,   s = fl(a + b)   (Knuth: 6 additions, no branch)
//! TwoProduct:  a · b = p + e,   p = fl(a · b),  e = fma(a, b, −p)
//! ```
//!
//! A sum of products accumulated this way — every product split exactly into p + e,
//! p added into the running sum s by TwoSum, both errors collected in a second number
//! (Ogita, Rump & Oishi's Dot2, "Accurate sum and dot product", SIAM J. Sci. Comput. 26,
//! 2005) — is as accurate as if computed in twice the working precision (≈ 32 digits)
//! and then rounded: its error is at most ε·|Σ| + γ²ₙ·Σ|aᵢbᵢ|, γₙ = nε/(1 − nε).
//! [`accumulate_exactly`] runs one such accumulator per entry of a vector (the
//! residual, Aᵀρ, the Gram matrix); [`DoubleDouble`] is the same pair for single sums.

/// Whether this CPU can run the `#[target_feature(enable = "avx2,fma")]` copies of the
/// accumulation loops.
///
/// Without FMA in the compiled instruction set (the default x86-64 target has none),
/// `f64::mul_add` — TwoProduct — is a call into the C library; in a function compiled
/// with `#[target_feature(enable = "avx2,fma")]` it is one instruction, and the
/// row-wise loops use 256-bit vectors. The arithmetic, hence every result, is
/// bit-for-bit the same either way. The callers keep two copies of their work: a
/// plain function with `#[inline(always)]` (and only `#[inline(always)]` kernels
/// inside, so that all of it is compiled into the caller) and a `#[target_feature]`
/// function that calls it.
#[inline(always)]
pub(crate) fn has_avx2_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        // `is_x86_feature_detected!` asks the CPU once and caches the answer.
        is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// s + e = a + b exactly, with s = fl(a + b) (Knuth's TwoSum, valid for any a, b).
#[inline(always)]
pub(crate) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let b_virtual = s - a;
    let a_virtual = s - b_virtual;
    (s, (a - a_virtual) + (b - b_virtual))
}

/// p + e = a · b exactly, with p = fl(a · b): the fused multiply-add computes a·b − p
/// with a single rounding, and that difference is representable.
#[inline(always)]
pub(crate) fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// A number kept as the unevaluated sum `hi + lo` (about 32 significant digits), used
/// as a compensated accumulator.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct DoubleDouble {
    /// The running sum as f64.
    pub hi: f64,
    /// The accumulated rounding errors of `hi`.
    pub lo: f64,
}

impl DoubleDouble {
    /// The exact value `x`.
    #[inline(always)]
    pub(crate) fn new(x: f64) -> Self {
        DoubleDouble { hi: x, lo: 0.0 }
    }

    /// self + x, with the rounding error of the addition kept in `lo`.
    #[inline(always)]
    pub(crate) fn add(self, x: f64) -> Self {
        let (hi, e) = two_sum(self.hi, x);
        DoubleDouble {
            hi,
            lo: self.lo + e,
        }
    }

    /// self + a·b, with the rounding errors of the product and the addition kept in `lo`.
    #[inline(always)]
    pub(crate) fn add_product(self, a: f64, b: f64) -> Self {
        let (p, product_error) = two_product(a, b);
        let (hi, sum_error) = two_sum(self.hi, p);
        DoubleDouble {
            hi,
            lo: self.lo + (sum_error + product_error),
        }
    }

    /// self + other (both double-double).
    #[inline(always)]
    pub(crate) fn add_double(self, other: DoubleDouble) -> Self {
        let (hi, e) = two_sum(self.hi, other.hi);
        DoubleDouble {
            hi,
            lo: self.lo + other.lo + e,
        }
    }

    /// −self.
    #[inline(always)]
    pub(crate) fn neg(self) -> Self {
        DoubleDouble {
            hi: -self.hi,
            lo: -self.lo,
        }
    }

    /// The same value with |lo| ≤ ½ ulp(hi): hi is then the correctly rounded value.
    #[inline(always)]
    pub(crate) fn normalised(self) -> Self {
        let (hi, lo) = two_sum(self.hi, self.lo);
        DoubleDouble { hi, lo }
    }

    /// The value rounded to f64.
    #[inline(always)]
    pub(crate) fn value(self) -> f64 {
        self.hi + self.lo
    }

    /// self², to double-double accuracy (the lo·lo term is below the precision kept).
    #[inline(always)]
    pub(crate) fn square(self) -> Self {
        let (p, e) = two_product(self.hi, self.hi);
        DoubleDouble {
            hi: p,
            lo: e + 2.0 * self.hi * self.lo,
        }
    }
}

/// (sᵢ, eᵢ) += aᵢ·x for every i: the double-double "axpy" every accumulation of the
/// refinement is made of. Each product goes exactly into `sum` (TwoProduct, TwoSum)
/// and both rounding errors into `errors`, so sᵢ + eᵢ is a Dot2 accumulator per entry.
/// The entries are independent, so the loop vectorises.
#[inline(always)]
pub(crate) fn accumulate_exactly(sum: &mut [f64], errors: &mut [f64], a: &[f64], x: f64) {
    for ((s, e), a) in sum.iter_mut().zip(errors.iter_mut()).zip(a) {
        let (product, product_error) = two_product(*a, x);
        let (total, sum_error) = two_sum(*s, product);
        *s = total;
        *e += sum_error + product_error;
    }
}

/// eᵢ += aᵢ·x in plain f64: for the terms that are already ε times smaller than the
/// leading ones (a low-order part times a high one), whose own rounding is at ε².
#[inline(always)]
pub(crate) fn accumulate(errors: &mut [f64], a: &[f64], x: f64) {
    for (e, a) in errors.iter_mut().zip(a) {
        *e += a * x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sum_and_two_product_are_exact() {
        // 1 + 2⁻⁶⁰ is not representable: the lost part comes back as the error.
        let tiny = 2f64.powi(-60);
        assert_eq!(two_sum(1.0, tiny), (1.0, tiny));
        assert_eq!(two_sum(tiny, 1.0), (1.0, tiny));
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰.
        let x = 1.0 + 2f64.powi(-30);
        assert_eq!(two_product(x, x), (1.0 + 2f64.powi(-29), 2f64.powi(-60)));
    }

    #[test]
    fn accumulators_survive_cancellation() {
        // 1e16 + 1 − 1e16 is 0 in f64 and 1 in double-double.
        let sum = DoubleDouble::new(1e16).add(1.0).add(-1e16);
        assert_eq!(sum.value(), 1.0);
        let (mut high, mut low) = (vec![1e16, 0.0], vec![0.0, 0.0]);
        accumulate_exactly(&mut high, &mut low, &[1.0, 0.1], 1.0);
        accumulate_exactly(&mut high, &mut low, &[-1e16, -0.1], 1.0);
        assert_eq!((high[0] + low[0], high[1] + low[1]), (1.0, 0.0));
        // 0.1 · 3 = 0.30000000000000004 in f64; the exact product of the f64 0.1 and 3
        // differs from it by −2.8e-17, which TwoProduct keeps.
        let (mut high, mut low) = (vec![0.0], vec![0.0]);
        accumulate_exactly(&mut high, &mut low, &[0.1], 3.0);
        assert_eq!(low[0], 0.1f64.mul_add(3.0, -high[0]));
        assert!(low[0] != 0.0);
    }
}
