//! Forward-mode automatic differentiation with dual numbers.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A dual number a + b·ε with ε² = 0: a value together with its derivative.
///
/// Evaluating f on `Dual::variable(x)` carries the exact derivative f′(x) along with f(x):
/// every operation applies its own derivative rule (sum, product, quotient, chain rule) to
/// the `derivative` part. There is no truncation error, unlike finite differences; the only
/// error is the round-off of evaluating the rules themselves.
///
/// Operations follow f64: outside a function's domain (ln of a negative number, √ of a
/// negative number) the parts become NaN, which propagates; nothing panics.
///
/// # Formula
/// ```text
/// (a + bε) + (c + dε) = (a + c) + (b + d)ε
/// (a + bε) · (c + dε) = ac + (ad + bc)ε
/// g(a + bε)           = g(a) + g′(a)·b ε
/// ```
/// where a, c are values, b, d derivatives and ε² = 0.
///
/// # Errors
/// None: this is arithmetic; NaN and ±∞ propagate as in f64.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::Dual;
///
/// // f(x) = x² sin x at x = 2: f′(x) = 2x sin x + x² cos x.
/// let x = Dual::variable(2.0);
/// let y = x * x * x.sin();
/// assert_relative_eq!(y.value, 4.0 * 2f64.sin());
/// assert_relative_eq!(y.derivative, 4.0 * 2f64.sin() + 4.0 * 2f64.cos(), max_relative = 1e-15);
///
/// // Outside the domain the result is NaN, as in f64.
/// assert!(Dual::variable(-1.0).ln().value.is_nan());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    /// The value f(x).
    pub value: f64,
    /// The derivative f′(x) with respect to the chosen variable.
    pub derivative: f64,
}

impl Dual {
    /// A constant: its derivative with respect to the variable is 0.
    ///
    /// # Formula
    /// ```text
    /// c ↦ c + 0ε
    /// ```
    /// where c is the constant.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Dual;
    /// assert_eq!(Dual::constant(3.0), Dual { value: 3.0, derivative: 0.0 });
    /// ```
    pub fn constant(v: f64) -> Dual {
        Dual {
            value: v,
            derivative: 0.0,
        }
    }

    /// The variable we differentiate with respect to: dx/dx = 1.
    ///
    /// # Formula
    /// ```text
    /// x ↦ x + 1ε
    /// ```
    /// where x is the point of evaluation.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Dual;
    /// assert_eq!(Dual::variable(3.0), Dual { value: 3.0, derivative: 1.0 });
    /// ```
    pub fn variable(v: f64) -> Dual {
        Dual {
            value: v,
            derivative: 1.0,
        }
    }

    /// Sine, with (sin u)′ = cos u · u′.
    ///
    /// # Formula
    /// ```text
    /// sin(a + bε) = sin a + (cos a)·b ε
    /// ```
    /// where a is the value and b the derivative.
    ///
    /// # Errors
    /// None (NaN propagates).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(0.0).sin();
    /// assert_relative_eq!(y.derivative, 1.0);
    /// assert!(Dual::variable(f64::NAN).sin().value.is_nan());
    /// ```
    pub fn sin(self) -> Dual {
        Dual {
            value: self.value.sin(),
            derivative: self.value.cos() * self.derivative,
        }
    }

    /// Cosine, with (cos u)′ = −sin u · u′.
    ///
    /// # Formula
    /// ```text
    /// cos(a + bε) = cos a − (sin a)·b ε
    /// ```
    /// where a is the value and b the derivative.
    ///
    /// # Errors
    /// None (NaN propagates).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(std::f64::consts::FRAC_PI_2).cos();
    /// assert_relative_eq!(y.derivative, -1.0);
    /// assert!(Dual::variable(f64::INFINITY).cos().value.is_nan());
    /// ```
    pub fn cos(self) -> Dual {
        Dual {
            value: self.value.cos(),
            derivative: -self.value.sin() * self.derivative,
        }
    }

    /// Hyperbolic tangent, with (tanh u)′ = (1 − tanh² u) · u′.
    ///
    /// # Formula
    /// ```text
    /// tanh(a + bε) = tanh a + (1 − tanh² a)·b ε
    /// ```
    /// where a is the value and b the derivative.
    ///
    /// # Errors
    /// None (NaN propagates).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(0.0).tanh();
    /// assert_relative_eq!(y.derivative, 1.0);
    /// assert!(Dual::variable(f64::NAN).tanh().derivative.is_nan());
    /// ```
    pub fn tanh(self) -> Dual {
        let t = self.value.tanh();
        Dual {
            value: t,
            derivative: (1.0 - t * t) * self.derivative,
        }
    }

    /// Exponential, with (eᵘ)′ = eᵘ · u′.
    ///
    /// # Formula
    /// ```text
    /// exp(a + bε) = eᵃ + eᵃ·b ε
    /// ```
    /// where a is the value and b the derivative.
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(1.0).exp();
    /// assert_relative_eq!(y.derivative, std::f64::consts::E);
    /// assert!(Dual::variable(1000.0).exp().value.is_infinite());
    /// ```
    pub fn exp(self) -> Dual {
        let e = self.value.exp();
        Dual {
            value: e,
            derivative: e * self.derivative,
        }
    }

    /// Natural logarithm, with (ln u)′ = u′ / u.
    ///
    /// # Formula
    /// ```text
    /// ln(a + bε) = ln a + (b / a) ε
    /// ```
    /// where a > 0 is the value and b the derivative.
    ///
    /// # Errors
    /// None: a ≤ 0 gives NaN or −∞ as in f64.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(4.0).ln();
    /// assert_relative_eq!(y.derivative, 0.25);
    /// assert!(Dual::variable(-4.0).ln().value.is_nan());
    /// ```
    pub fn ln(self) -> Dual {
        Dual {
            value: self.value.ln(),
            derivative: self.derivative / self.value,
        }
    }

    /// Integer power, with (uⁿ)′ = n·uⁿ⁻¹ · u′ (and u⁰ = 1 has derivative 0).
    ///
    /// # Formula
    /// ```text
    /// (a + bε)ⁿ = aⁿ + n·aⁿ⁻¹·b ε
    /// ```
    /// where a is the value, b the derivative and n an integer.
    ///
    /// # Errors
    /// None: 0 to a negative power gives ±∞ as in f64.
    ///
    /// # Examples
    /// ```
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(2.0).powi(3);
    /// assert_eq!(y, Dual { value: 8.0, derivative: 12.0 });
    /// assert!(Dual::variable(0.0).powi(-1).value.is_infinite());
    /// ```
    pub fn powi(self, n: i32) -> Dual {
        if n == 0 {
            // d/dx x⁰ = 0 everywhere, also at x = 0 where 0·0⁻¹ would be NaN.
            return Dual::constant(1.0);
        }
        Dual {
            value: self.value.powi(n),
            derivative: f64::from(n) * self.value.powi(n - 1) * self.derivative,
        }
    }

    /// Square root, with (√u)′ = u′ / (2√u).
    ///
    /// # Formula
    /// ```text
    /// √(a + bε) = √a + (b / (2√a)) ε
    /// ```
    /// where a ≥ 0 is the value and b the derivative.
    ///
    /// # Errors
    /// None: a < 0 gives NaN, and at a = 0 the derivative is +∞ (the slope is vertical).
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_calculus::Dual;
    /// let y = Dual::variable(4.0).sqrt();
    /// assert_relative_eq!(y.derivative, 0.25);
    /// assert!(Dual::variable(-4.0).sqrt().value.is_nan());
    /// ```
    pub fn sqrt(self) -> Dual {
        let r = self.value.sqrt();
        Dual {
            value: r,
            derivative: self.derivative / (2.0 * r),
        }
    }
}

/// Sum rule: (u + v)′ = u′ + v′.
impl Add for Dual {
    type Output = Dual;
    fn add(self, rhs: Dual) -> Dual {
        Dual {
            value: self.value + rhs.value,
            derivative: self.derivative + rhs.derivative,
        }
    }
}

/// Difference rule: (u − v)′ = u′ − v′.
impl Sub for Dual {
    type Output = Dual;
    fn sub(self, rhs: Dual) -> Dual {
        Dual {
            value: self.value - rhs.value,
            derivative: self.derivative - rhs.derivative,
        }
    }
}

/// Product rule: (u·v)′ = u′·v + u·v′.
impl Mul for Dual {
    type Output = Dual;
    fn mul(self, rhs: Dual) -> Dual {
        Dual {
            value: self.value * rhs.value,
            derivative: self.derivative * rhs.value + self.value * rhs.derivative,
        }
    }
}

/// Quotient rule: (u / v)′ = (u′·v − u·v′) / v².
impl Div for Dual {
    type Output = Dual;
    fn div(self, rhs: Dual) -> Dual {
        Dual {
            value: self.value / rhs.value,
            derivative: (self.derivative * rhs.value - self.value * rhs.derivative)
                / (rhs.value * rhs.value),
        }
    }
}

/// (−u)′ = −u′.
impl Neg for Dual {
    type Output = Dual;
    fn neg(self) -> Dual {
        Dual {
            value: -self.value,
            derivative: -self.derivative,
        }
    }
}

/// Mixed arithmetic with a plain f64, which acts as a constant (derivative 0).
macro_rules! dual_with_f64 {
    ($trait:ident, $method:ident) => {
        impl $trait<f64> for Dual {
            type Output = Dual;
            fn $method(self, rhs: f64) -> Dual {
                $trait::$method(self, Dual::constant(rhs))
            }
        }
        impl $trait<Dual> for f64 {
            type Output = Dual;
            fn $method(self, rhs: Dual) -> Dual {
                $trait::$method(Dual::constant(self), rhs)
            }
        }
    };
}

dual_with_f64!(Add, add);
dual_with_f64!(Sub, sub);
dual_with_f64!(Mul, mul);
dual_with_f64!(Div, div);

/// The derivative f′(x) by forward-mode automatic differentiation.
///
/// Evaluates f once on the dual number x + 1ε and returns the ε part. Exact up to the
/// round-off of evaluating f itself: no step size to choose.
///
/// # Formula
/// ```text
/// f(x + 1ε) = f(x) + f′(x) ε
/// ```
/// where ε² = 0.
///
/// # Errors
/// None: outside f's domain the result is NaN (or ±∞), as in f64.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{Dual, derivative};
///
/// // d/dx (x³ + 2x) at x = 2 is 3·4 + 2 = 14, exactly.
/// assert_eq!(derivative(|x| x.powi(3) + 2.0 * x, 2.0), 14.0);
/// // d/dx ln(x) at 0.5 is 2.
/// assert_relative_eq!(derivative(Dual::ln, 0.5), 2.0);
/// // Outside the domain: NaN, never a panic.
/// assert!(derivative(Dual::sqrt, -1.0).is_nan());
/// ```
pub fn derivative(f: impl Fn(Dual) -> Dual, x: f64) -> f64 {
    f(Dual::variable(x)).derivative
}
