//! # 3.1 Derivatives & gradients — forward-mode autodiff with dual numbers
//!
//! A dual number a + bε carries a value a and a derivative b, with the rule ε² = 0. Start
//! from the variable x + 1ε (dx/dx = 1) and constants c + 0ε, and let every operation
//! apply its own derivative rule to the ε part: at the end the ε part is exactly f′(x),
//! with no step size and no truncation error — only the rounding of the arithmetic itself.
//!
//! ```text
//! (a + bε) ± (c + dε) = (a ± c) + (b ± d)ε
//! (a + bε) · (c + dε) = ac + (ad + bc)ε                       product rule: both terms!
//! (a + bε) / (c + dε) = a/c + ((bc − ad) / c²)ε               quotient rule
//! g(a + bε)           = g(a) + g′(a)·b ε                      chain rule: times b!
//!     sin: g′ = cos a    cos: g′ = −sin a    exp: g′ = eᵃ    ln: g′ = 1/a
//! ```
//!
//! The checks build random expressions out of your type (`x.sin() * Dual::constant(2.0)`, …)
//! and compare the ε part with the true derivative.
//!
//! Bad input: there is no error type here; as with f64, operations outside their domain
//! (ln of a negative number, division by 0) give NaN or ±∞ and never panic.

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
        // TODO: dx/dx = 1.
        todo!()
    }

    /// A constant c + 0ε.
    ///
    /// # Errors
    /// None.
    pub fn constant(c: f64) -> Dual {
        // TODO: a constant does not change with x.
        todo!()
    }

    /// sin(u), with (sin u)′ = cos u · u′.
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn sin(self) -> Dual {
        // TODO: value sin a, derivative cos a times the inner derivative.
        todo!()
    }

    /// cos(u), with (cos u)′ = −sin u · u′.
    ///
    /// # Errors
    /// None (NaN propagates).
    pub fn cos(self) -> Dual {
        // TODO: value cos a, derivative −sin a times the inner derivative.
        todo!()
    }

    /// exp(u), with (eᵘ)′ = eᵘ · u′.
    ///
    /// # Errors
    /// None (overflow gives +∞ as in f64).
    pub fn exp(self) -> Dual {
        // TODO: value eᵃ, derivative eᵃ times the inner derivative.
        todo!()
    }

    /// ln(u), with (ln u)′ = u′ / u.
    ///
    /// # Errors
    /// None (u ≤ 0 gives NaN or −∞ as in f64).
    pub fn ln(self) -> Dual {
        // TODO: value ln a, derivative (inner derivative) / a.
        todo!()
    }
}

/// Sum rule: (u + v)′ = u′ + v′.
impl Add for Dual {
    type Output = Dual;
    fn add(self, rhs: Dual) -> Dual {
        // TODO: add values and derivatives.
        todo!()
    }
}

/// Difference rule: (u − v)′ = u′ − v′.
impl Sub for Dual {
    type Output = Dual;
    fn sub(self, rhs: Dual) -> Dual {
        // TODO: subtract values and derivatives.
        todo!()
    }
}

/// Product rule: (u·v)′ = u′·v + u·v′.
impl Mul for Dual {
    type Output = Dual;
    fn mul(self, rhs: Dual) -> Dual {
        // TODO: multiply values; the derivative has two terms.
        todo!()
    }
}

/// Quotient rule: (u/v)′ = (u′·v − u·v′) / v².
impl Div for Dual {
    type Output = Dual;
    fn div(self, rhs: Dual) -> Dual {
        // TODO: divide values; derivative (u′v − uv′)/v².
        todo!()
    }
}
