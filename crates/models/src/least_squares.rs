//! The one least-squares engine behind OLS, ridge and each IRLS step of logistic
//! regression: column equilibration, Householder QR (from `mathlings-linalg`), and the
//! coefficient-variance factors read off R⁻¹.

use mathlings_linalg::{LinalgError, householder_qr, solve_upper_triangular};
use nalgebra::{DMatrix, DVector};

use crate::ModelError;

/// A least-squares solution and what is needed for its standard errors.
#[derive(Debug, Clone)]
pub(crate) struct QrSolution {
    /// β = argmin ‖Aβ − b‖₂.
    pub coefficients: DVector<f64>,
    /// √[(AᵀA)⁻¹]ᵢᵢ for every coefficient: multiply by the residual standard deviation
    /// to get a standard error.
    pub variance_factors: DVector<f64>,
}

/// Solves min ‖Aβ − b‖₂ for a tall A of full column rank, with column equilibration.
///
/// Each column of A is divided by its Euclidean norm before the QR factorisation and
/// the solution is scaled back afterwards. Equilibration leaves β unchanged in exact
/// arithmetic but makes the rank test and the triangular solves insensitive to columns
/// of wildly different size (Longley mixes 1 with 5·10⁵; Filip mixes 1 with 9¹⁰).
///
/// ```text
/// A = Aₛ D,  D = diag(‖a₁‖, …, ‖aₚ‖),  Aₛ = Q R
/// β = D⁻¹ R⁻¹ Qᵀ b,   (AᵀA)⁻¹ = D⁻¹ R⁻¹ R⁻ᵀ D⁻¹
/// ```
/// so √[(AᵀA)⁻¹]ᵢᵢ = ‖row i of R⁻¹‖ / ‖aᵢ‖: the normal equations and (AᵀA)⁻¹ are
/// never formed.
///
/// Errors: `RankDeficient` when a column is numerically dependent on the others
/// (decided by `mathlings_linalg::Qr::solve_least_squares`), other linear-algebra
/// failures as `ModelError::Linalg`.
pub(crate) fn equilibrated_least_squares(
    a: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<QrSolution, ModelError> {
    let p = a.ncols();
    // A zero column keeps scale 1 so that the QR rank test sees it and reports it.
    let scales: Vec<f64> = a
        .column_iter()
        .map(|column| {
            let norm = column.norm();
            if norm > 0.0 { norm } else { 1.0 }
        })
        .collect();
    let mut scaled = a.clone();
    for (j, scale) in scales.iter().enumerate() {
        scaled.column_mut(j).unscale_mut(*scale);
    }

    let qr = householder_qr(&scaled).map_err(rank_error)?;
    let scaled_coefficients = qr.solve_least_squares(b).map_err(rank_error)?;
    let r = qr.r();

    // R⁻¹ column by column: R · (column j of R⁻¹) = eⱼ.
    let mut r_inverse = DMatrix::zeros(p, p);
    for j in 0..p {
        let mut unit = DVector::zeros(p);
        unit[j] = 1.0;
        let column = solve_upper_triangular(&r, &unit).map_err(rank_error)?;
        r_inverse.set_column(j, &column);
    }

    let coefficients = DVector::from_fn(p, |i, _| scaled_coefficients[i] / scales[i]);
    let variance_factors = DVector::from_fn(p, |i, _| r_inverse.row(i).norm() / scales[i]);
    Ok(QrSolution {
        coefficients,
        variance_factors,
    })
}

/// Reports linear dependence among the model's columns as the model's own error.
fn rank_error(error: LinalgError) -> ModelError {
    match error {
        LinalgError::RankDeficient { rank, needed } => ModelError::RankDeficient {
            rank,
            columns: needed,
        },
        other => ModelError::Linalg(other),
    }
}
