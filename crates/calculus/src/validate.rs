//! Small input checks shared by the public routines (private: each routine's docs list
//! the errors these produce).

use crate::CalculusError;

/// `Empty` for an empty point, `NonFinite` if a coordinate is NaN or ±∞.
pub(crate) fn check_point(x: &[f64]) -> Result<(), CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    Ok(())
}

/// `InvalidParameter` unless `value` is finite and strictly positive.
pub(crate) fn check_positive(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}

/// `InvalidParameter` unless `value` lies in [0, 1) (a decay rate such as β).
pub(crate) fn check_decay(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if (0.0..1.0).contains(&value) {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must lie in [0, 1)",
        })
    }
}

/// `InvalidParameter` unless `value` lies strictly between 0 and 1.
pub(crate) fn check_open_unit(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must lie strictly between 0 and 1",
        })
    }
}

/// `InvalidParameter` for an iteration budget of zero.
pub(crate) fn check_max_iter(max_iter: usize) -> Result<(), CalculusError> {
    if max_iter == 0 {
        Err(CalculusError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        })
    } else {
        Ok(())
    }
}

/// `DimensionMismatch` unless `got == expected`.
pub(crate) fn check_len(expected: usize, got: usize) -> Result<(), CalculusError> {
    if expected == got {
        Ok(())
    } else {
        Err(CalculusError::DimensionMismatch { expected, got })
    }
}

/// The two points `x + h` and `x − h` of a central difference in one coordinate, and the
/// distance between them as the floats actually represent it.
///
/// `x ± h` is rounded, so `(x + h) − (x − h)` can differ from `2h`; dividing by the distance
/// really travelled removes that error. `InvalidParameter` if the points coincide (h is below
/// the spacing of floats at x: the classic "h too small") or overflow.
pub(crate) fn central_points(x: f64, h: f64) -> Result<(f64, f64, f64), CalculusError> {
    let (plus, minus) = (x + h, x - h);
    let width = plus - minus;
    if !(width > 0.0 && width.is_finite()) {
        return Err(CalculusError::InvalidParameter {
            name: "h",
            reason: "x ± h rounds to x (h below the float spacing at x) or overflows",
        });
    }
    Ok((plus, minus, width))
}

/// `NonFinite` unless `value` is finite (used on function values).
pub(crate) fn finite(value: f64) -> Result<f64, CalculusError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(CalculusError::NonFinite)
    }
}

/// The Euclidean norm ‖v‖₂ = √(Σ vᵢ²).
pub(crate) fn norm(v: &[f64]) -> f64 {
    v.iter().map(|vi| vi * vi).sum::<f64>().sqrt()
}
