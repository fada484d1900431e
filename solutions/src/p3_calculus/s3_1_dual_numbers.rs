//! # 3.1 Derivatives & gradients — forward-mode autodiff with dual numbers
//!
//! Every operation computes its value and applies its derivative rule to the ε part; the
//! ε part of f(x + 1ε) is f′(x), exact up to the rounding of the arithmetic.
//!
//! ```text
//! (a + bε) · (c + dε) = ac + (ad + bc)ε,    g(a + bε) = g(a) + g′(a)·b ε
//! ```

use std::ops::{Add, Div, Mul, Sub};

/// A dual number `value + derivative·ε`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    /// The value f(x).
    pub value: f64,
    /// The derivative f′(x).
    pub derivative: f64,
}

impl Dual {
    /// The variable we differentiate with respect to, at the point x: x + 1ε.
    ///
    /// # Errors
    /// None.
    pub fn variable(x: f64) -> Dual {
        Dual {
            value: x,
            derivative: 1.0,
        }
    }

    /// A constant c + 0ε.
    ///
    /// # Errors
    /// None.
    pub fn constant(c: f64) -> Dual {
        Dual {
            value: c,
            derivative: 0.0,
        }
    }

    /// sin(u), with (sin u)′ = cos u · u′.
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn sin(self) -> Dual {
        Dual {
            value: self.value.sin(),
            derivative: self.value.cos() * self.derivative,
        }
    }

    /// cos(u), with (cos u)′ = −sin u · u′.
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn cos(self) -> Dual {
        Dual {
            value: self.value.cos(),
            derivative: -self.value.sin() * self.derivative,
        }
    }

    /// exp(u), with (eᵘ)′ = eᵘ · u′.
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    pub fn exp(self) -> Dual {
        let e = self.value.exp();
        Dual {
            value: e,
            derivative: e * self.derivative,
        }
    }

    /// ln(u), with (ln u)′ = u′ / u.
    ///
    /// # Errors
    /// None (u ≤ 0 gives NaN or −∞ as in f64).
    pub fn ln(self) -> Dual {
        Dual {
            value: self.value.ln(),
            derivative: self.derivative / self.value,
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

/// Quotient rule: (u/v)′ = (u′·v − u·v′) / v².
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
