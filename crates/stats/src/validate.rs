//! Input checks shared by every module, so that each public function rejects bad data the same way.

use crate::StatsError;

/// How far a list of probabilities may sum from 1 and still be accepted.
pub(crate) const PROBABILITY_SUM_TOLERANCE: f64 = 1e-9;

/// `Err(EmptyInput)` for an empty slice, `Err(NonFinite)` if any value is NaN or ±∞.
pub(crate) fn finite_sample(x: &[f64]) -> Result<(), StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    Ok(())
}

/// `Err(TooFewValues)` unless the slice has at least `needed` values.
pub(crate) fn at_least(x: &[f64], needed: usize) -> Result<(), StatsError> {
    if x.len() < needed {
        return Err(StatsError::TooFewValues {
            needed,
            got: x.len(),
        });
    }
    Ok(())
}

/// `Err(LengthMismatch)` unless both slices have the same length.
pub(crate) fn same_length(left: usize, right: usize) -> Result<(), StatsError> {
    if left != right {
        return Err(StatsError::LengthMismatch { left, right });
    }
    Ok(())
}

/// `Err(NonFinite)` unless the single number is finite.
pub(crate) fn finite(value: f64) -> Result<(), StatsError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(StatsError::NonFinite)
    }
}

/// Checks a probability distribution: non-empty, finite, every pᵢ ≥ 0 and Σpᵢ = 1 (±1e-9).
pub(crate) fn distribution(p: &[f64]) -> Result<(), StatsError> {
    finite_sample(p)?;
    if p.iter().any(|&v| v < 0.0) {
        return Err(StatsError::InvalidProbabilities);
    }
    let total = crate::summation::neumaier_sum(p.iter().copied());
    if (total - 1.0).abs() > PROBABILITY_SUM_TOLERANCE {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(())
}

/// `Err(InvalidParameter)` unless `value` is a probability in [0, 1] (NaN is rejected too).
pub(crate) fn unit_interval(value: f64, name: &'static str) -> Result<(), StatsError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name,
            reason: "must lie in [0, 1]",
        })
    }
}

/// `Err(InvalidParameter)` unless `value` is finite and strictly positive.
pub(crate) fn positive(value: f64, name: &'static str) -> Result<(), StatsError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}

/// `Err(InvalidParameter)` unless `level` lies strictly between 0 and 1.
pub(crate) fn level(level: f64) -> Result<(), StatsError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name: "level",
            reason: "must lie strictly between 0 and 1",
        })
    }
}
