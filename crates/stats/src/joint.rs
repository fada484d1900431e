//! §1.7 Conditional probability: a joint probability table of two discrete variables, its
//! marginals and conditionals, independence, and the law of total probability.

use crate::StatsError;
use crate::summation::neumaier_sum;
use crate::validate;

/// The joint distribution P(X = i, Y = j) of two discrete variables, stored row by row
/// (row i is X = i, column j is Y = j).
///
/// # Formula
/// ```text
/// pᵢⱼ = P(X = i, Y = j),   pᵢⱼ ≥ 0,   Σᵢ Σⱼ pᵢⱼ = 1
/// ```
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{JointTable, StatsError};
/// let table = JointTable::new(vec![vec![0.1, 0.2], vec![0.3, 0.4]])?;
/// let px = table.marginal_x();
/// assert_relative_eq!(px[0], 0.3, max_relative = 1e-14);
/// assert_relative_eq!(px[1], 0.7, max_relative = 1e-14);
/// assert!(!table.is_independent(1e-9));
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct JointTable {
    p: Vec<Vec<f64>>,
}

impl JointTable {
    /// Builds a table from its rows; entries must be non-negative and sum to 1.
    ///
    /// # Formula
    /// ```text
    /// pᵢⱼ ≥ 0,   Σᵢ Σⱼ pᵢⱼ = 1
    /// ```
    /// where pᵢⱼ = P(X = i, Y = j); the sum must be 1 within 1e-9.
    ///
    /// # Errors
    /// [`StatsError::EmptyInput`] for no rows or an empty row, [`StatsError::LengthMismatch`] for
    /// ragged rows, [`StatsError::NonFinite`], [`StatsError::InvalidProbabilities`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_stats::{JointTable, StatsError};
    /// assert!(JointTable::new(vec![vec![0.1, 0.2], vec![0.3, 0.4]]).is_ok());
    /// assert_eq!(JointTable::new(vec![vec![0.1, 0.2], vec![0.3]]),
    ///     Err(StatsError::LengthMismatch { left: 2, right: 1 }));
    /// ```
    pub fn new(p: Vec<Vec<f64>>) -> Result<Self, StatsError> {
        let columns = p.first().map_or(0, Vec::len);
        if columns == 0 {
            return Err(StatsError::EmptyInput);
        }
        for row in &p {
            validate::same_length(columns, row.len())?;
        }
        let all: Vec<f64> = p.iter().flatten().copied().collect();
        validate::distribution(&all)?;
        Ok(Self { p })
    }

    /// Marginal distribution of X: the row sums.
    ///
    /// # Formula
    /// ```text
    /// P(X = i) = Σⱼ P(X = i, Y = j)
    /// ```
    /// where the sum runs over the columns j.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::JointTable;
    /// let t = JointTable::new(vec![vec![0.1, 0.2], vec![0.3, 0.4]]).unwrap();
    /// assert_relative_eq!(t.marginal_x()[1], 0.7, max_relative = 1e-15);
    /// ```
    pub fn marginal_x(&self) -> Vec<f64> {
        self.p
            .iter()
            .map(|row| neumaier_sum(row.iter().copied()))
            .collect()
    }

    /// Marginal distribution of Y: the column sums.
    ///
    /// # Formula
    /// ```text
    /// P(Y = j) = Σᵢ P(X = i, Y = j)
    /// ```
    /// where the sum runs over the rows i.
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::JointTable;
    /// let t = JointTable::new(vec![vec![0.1, 0.2], vec![0.3, 0.4]]).unwrap();
    /// assert_relative_eq!(t.marginal_y()[0], 0.4, max_relative = 1e-15);
    /// ```
    pub fn marginal_y(&self) -> Vec<f64> {
        (0..self.p[0].len())
            .map(|j| neumaier_sum(self.p.iter().map(|row| row[j])))
            .collect()
    }

    /// Conditional distribution of Y given X = x: row x divided by P(X = x).
    ///
    /// # Formula
    /// ```text
    /// P(Y = j | X = x) = P(X = x, Y = j) / P(X = x)
    /// ```
    /// where P(X = x) is the marginal of X and must be positive.
    ///
    /// # Errors
    /// [`StatsError::InvalidParameter`] if `x` is not a row index,
    /// [`StatsError::ZeroProbabilityEvent`] if P(X = x) = 0.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::{JointTable, StatsError};
    /// let t = JointTable::new(vec![vec![0.1, 0.3], vec![0.0, 0.6]]).unwrap();
    /// assert_relative_eq!(t.conditional_y_given_x(0).unwrap()[1], 0.75, max_relative = 1e-15);
    /// assert!(matches!(t.conditional_y_given_x(2), Err(StatsError::InvalidParameter { .. })));
    /// ```
    pub fn conditional_y_given_x(&self, x: usize) -> Result<Vec<f64>, StatsError> {
        let row = self.p.get(x).ok_or(StatsError::InvalidParameter {
            name: "x",
            reason: "row index out of range",
        })?;
        let px = neumaier_sum(row.iter().copied());
        if px <= 0.0 {
            return Err(StatsError::ZeroProbabilityEvent);
        }
        Ok(row.iter().map(|v| v / px).collect())
    }

    /// Conditional distribution of X given Y = y: column y divided by P(Y = y).
    ///
    /// # Formula
    /// ```text
    /// P(X = i | Y = y) = P(X = i, Y = y) / P(Y = y)
    /// ```
    /// where P(Y = y) is the marginal of Y and must be positive.
    ///
    /// # Errors
    /// [`StatsError::InvalidParameter`] if `y` is not a column index,
    /// [`StatsError::ZeroProbabilityEvent`] if P(Y = y) = 0.
    ///
    /// # Examples
    /// ```
    /// use approx::assert_relative_eq;
    /// use mathlings_stats::{JointTable, StatsError};
    /// let t = JointTable::new(vec![vec![0.0, 0.3], vec![0.0, 0.7]]).unwrap();
    /// assert_relative_eq!(t.conditional_x_given_y(1).unwrap()[0], 0.3, max_relative = 1e-15);
    /// assert_eq!(t.conditional_x_given_y(0), Err(StatsError::ZeroProbabilityEvent));
    /// ```
    pub fn conditional_x_given_y(&self, y: usize) -> Result<Vec<f64>, StatsError> {
        if y >= self.p[0].len() {
            return Err(StatsError::InvalidParameter {
                name: "y",
                reason: "column index out of range",
            });
        }
        let py = neumaier_sum(self.p.iter().map(|row| row[y]));
        if py <= 0.0 {
            return Err(StatsError::ZeroProbabilityEvent);
        }
        Ok(self.p.iter().map(|row| row[y] / py).collect())
    }

    /// Whether X and Y are independent: every cell equals the product of its marginals (± `tol`).
    ///
    /// # Formula
    /// ```text
    /// independent ⇔ |P(X = i, Y = j) − P(X = i)·P(Y = j)| ≤ tol  for all i, j
    /// ```
    /// where tol is an absolute tolerance (a NaN tolerance never reports independence).
    ///
    /// # Errors
    /// None.
    ///
    /// # Examples
    /// ```
    /// use mathlings_stats::JointTable;
    /// let outer = JointTable::new(vec![vec![0.12, 0.28], vec![0.18, 0.42]]).unwrap();
    /// assert!(outer.is_independent(1e-12));
    /// let diagonal = JointTable::new(vec![vec![0.5, 0.0], vec![0.0, 0.5]]).unwrap();
    /// assert!(!diagonal.is_independent(1e-12));
    /// ```
    pub fn is_independent(&self, tol: f64) -> bool {
        let (px, py) = (self.marginal_x(), self.marginal_y());
        self.p.iter().enumerate().all(|(i, row)| {
            row.iter()
                .enumerate()
                .all(|(j, &pij)| (pij - px[i] * py[j]).abs() <= tol)
        })
    }
}

/// Law of total probability: P(A) from P(A | Bᵢ) and a partition B₁, …, Bₖ with priors P(Bᵢ).
///
/// # Formula
/// ```text
/// P(A) = Σᵢ P(A | Bᵢ) P(Bᵢ)
/// ```
/// where the Bᵢ partition the sample space (Σ P(Bᵢ) = 1).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
/// [`StatsError::InvalidProbabilities`] if the priors are not a distribution or a conditional
/// lies outside [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{total_probability, StatsError};
/// assert_relative_eq!(total_probability(&[0.9, 0.2], &[0.1, 0.9]).unwrap(), 0.27, max_relative = 1e-15);
/// assert_eq!(total_probability(&[0.9, 0.2], &[0.5, 0.6]), Err(StatsError::InvalidProbabilities));
/// ```
pub fn total_probability(conditionals: &[f64], priors: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(conditionals)?;
    validate::same_length(conditionals.len(), priors.len())?;
    validate::distribution(priors)?;
    if conditionals.iter().any(|c| !(0.0..=1.0).contains(c)) {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(neumaier_sum(
        conditionals.iter().zip(priors).map(|(c, p)| c * p),
    ))
}
