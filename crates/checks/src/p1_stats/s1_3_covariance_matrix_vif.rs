//! Checks for 1.3 — the covariance matrix and variance inflation factors.

use mathlings_stats::StatsError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_3_covariance_matrix_vif::Impl;

/// Entries of C: a centred dot product of ≤ 12 terms of size ≤ 20² errs by ~1e-13 of the
/// largest variance; 1e-10·(1 + max Cⱼⱼ) keeps three digits of slack, and is absolute because an
/// off-diagonal covariance can be ≈ 0 while its terms are not.
fn cov_tol(want: &DMatrix<f64>) -> Tol {
    let largest = want.diagonal().iter().fold(0.0f64, |m, v| m.max(v.abs()));
    Tol { rel: 1e-10, abs: 1e-10 * (1.0 + largest) }
}
/// After a 1e9 shift a stable method errs by about ε·1e9·σ ≤ 1e-5 of σ² for σ ≥ 0.5; the raw
/// XᵀX/(n−1) − n·x̄x̄ᵀ errs by about ε·1e18 ≈ 200.
const SHIFT_REL: f64 = 1e-5;
/// How negative an eigenvalue of C may round: ~n·ε·trace, bounded by 1e-10·(1 + trace).
const PSD_SLACK: f64 = 1e-10;
/// VIFs: inverting R with cond(R) ≤ ~2·max VIF ≤ 200 loses ≤ 3 digits of 16, so 1e-8 relative.
const VIF_AGREE: Tol = Tol { rel: 1e-8, abs: 1e-10 };
/// Orthogonal columns: R = I up to ~1e-16 rounding, so VIF = 1 to 1e-9.
const ORTHOGONAL: Tol = Tol { rel: 0.0, abs: 1e-9 };

fn cov_call(a: &DMatrix<f64>) -> String {
    format!("covariance_matrix(&{})", show::matrix(a))
}

fn vif_call(a: &DMatrix<f64>) -> String {
    format!("variance_inflation_factors(&{})", show::matrix(a))
}

/// `got` must be `Ok` with the shape of `want` and every entry within `tol`.
fn matrix_close(got: &Result<DMatrix<f64>, StatsError>, want: &DMatrix<f64>, tol: Tol) -> Verdict {
    let (rows, cols) = want.shape();
    match got {
        Ok(m) if m.shape() != want.shape() => expect::fail(
            format!("a {}×{} matrix: {}", m.nrows(), m.ncols(), show::outcome(got)),
            format!("a {rows}×{cols} matrix (p × p for p columns): Ok({})", show::matrix(want)),
        ),
        Ok(m) if m.iter().zip(want).all(|(&g, &w)| tol.accepts(g, w)) => Ok(()),
        _ => {
            let each = show::rounded(tol.abs + tol.rel * want.amax(), 2);
            expect::fail(show::outcome(got), format!("Ok({}) (each ± {each})", show::matrix(want)))
        }
    }
}

/// n × p data with 2 ≤ n ≤ 12 and 1 ≤ p ≤ 4.
fn data() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (2..=12usize, 1..=4usize).prop_flat_map(|(n, p)| strategies::matrix(n, p))
}

/// Data whose every column has a standard deviation ≥ 0.5 (n ≥ 3).
fn spread_data() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    let spread = |c: Vec<f64>| mathlings_stats::standard_deviation(&c).is_ok_and(|s| s >= 0.5);
    (3..=12usize, 1..=4usize)
        .prop_flat_map(|(n, p)| strategies::matrix(n, p))
        .prop_filter("needs spread", move |a| {
            a.column_iter().all(|c| spread(c.iter().copied().collect()))
        })
}

/// Data with 2–4 columns, enough rows, and moderate VIFs (≤ 100), so R is well conditioned.
fn vif_data() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (2..=4usize)
        .prop_flat_map(|p| ((p + 3)..=12usize, Just(p)))
        .prop_flat_map(|(n, p)| strategies::matrix(n, p))
        .prop_filter("moderate VIFs", |a| {
            mathlings_stats::variance_inflation_factors(a)
                .is_ok_and(|v| v.iter().all(|&x| (1.0..=100.0).contains(&x)))
        })
}

/// Columns of the 8 × 8 Sylvester–Hadamard matrix (±1 entries; columns 1..7 are centred and
/// mutually orthogonal), each scaled by a non-zero factor and shifted by an offset.
fn orthogonal_data() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (
        proptest::sample::subsequence((1..8usize).collect::<Vec<_>>(), 1..=4),
        proptest::collection::vec((prop_oneof![-5.0..-0.5f64, 0.5..5.0f64], -20i32..=20), 4),
    )
        .prop_map(|(columns, scales)| {
            DMatrix::from_fn(8, columns.len(), |i, j| {
                let sign = if (i & columns[j]).count_ones() % 2 == 0 { 1.0 } else { -1.0 };
                scales[j].0 * sign + f64::from(scales[j].1)
            })
        })
}

fn shifted(a: &DMatrix<f64>) -> DMatrix<f64> {
    a.add_scalar(1e9)
}

fn reference_cov(a: &DMatrix<f64>) -> DMatrix<f64> {
    mathlings_stats::covariance_matrix(a).expect("reference covariance matrix")
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_3_covariance_matrix_vif",
        properties: vec![
            Property::named("covariance_matches_reference", 3)
                .description("covariance_matrix(X) equals the reference XᶜᵀXᶜ/(n − 1) on random n × p data (to 1e-10 of the largest variance)")
                .check(|imp, ctx| {
                    ctx.forall(data(), cov_call, |a| {
                        let want = reference_cov(a);
                        matrix_close(&(imp.covariance_matrix)(a), &want, cov_tol(&want))
                    })
                }),
            Property::named("symmetric_psd_with_variances", 2)
                .description("the covariance matrix is p × p, symmetric, positive semi-definite, and has the column variances on its diagonal")
                .check(|imp, ctx| {
                    ctx.forall(data(), cov_call, |a| {
                        let p = a.ncols();
                        let got = (imp.covariance_matrix)(a);
                        let c = expect::ok(got.as_ref(), "a p × p matrix")?;
                        let shape = format!("a {}×{} matrix", c.nrows(), c.ncols());
                        let square = format!("a {p}×{p} matrix (one row and column per variable)");
                        expect::that(c.shape() == (p, p), shape, square)?;
                        let symmetric = "a symmetric matrix: C[(j, k)] == C[(k, j)]";
                        expect::that(c == &c.transpose(), show::outcome(&got), symmetric)?;
                        for (j, column) in a.column_iter().enumerate() {
                            let column: Vec<f64> = column.iter().copied().collect();
                            let var = mathlings_stats::sample_variance(&column).expect("reference");
                            let shown = format!("C[({j}, {j})] = {}", show::float(c[(j, j)]));
                            let want = format!("the sample variance of column {j}: {}", show::float(var));
                            let close = (Tol { rel: 1e-10, abs: 1e-10 }).accepts(c[(j, j)], var);
                            expect::that(close, shown, want)?;
                        }
                        let smallest = c.clone().symmetric_eigen().eigenvalues.min();
                        expect::that(
                            smallest >= -PSD_SLACK * (1.0 + c.trace().abs()),
                            format!(
                                "{} with an eigenvalue {}",
                                show::outcome(&got),
                                show::float(smallest)
                            ),
                            "a positive semi-definite matrix (every eigenvalue ≥ 0)",
                        )
                    })
                }),
            Property::named("shift_invariant_at_1e9", 1)
                .description("adding 1e9 to every entry leaves the covariance matrix unchanged (centre the columns first)")
                .check(|imp, ctx| {
                    ctx.forall(spread_data(), |a| cov_call(&shifted(a)), |a| {
                        let want = reference_cov(a);
                        let tol = Tol { rel: 0.0, abs: SHIFT_REL * want.diagonal().max() };
                        matrix_close(&(imp.covariance_matrix)(&shifted(a)), &want, tol)
                    })
                }),
            Property::named("vif_matches_reference", 2)
                .description("variance_inflation_factors(X) equals the reference [R⁻¹]ⱼⱼ on random data (to 1e-8 relative), every VIF ≥ 1")
                .check(|imp, ctx| {
                    ctx.forall(vif_data(), vif_call, |a| {
                        let want =
                            mathlings_stats::variance_inflation_factors(a).expect("reference VIF");
                        expect::all_close(&(imp.variance_inflation_factors)(a), &want, VIF_AGREE)
                    })
                }),
            Property::named("vif_one_for_orthogonal_columns", 2)
                .description("uncorrelated (orthogonal, centred) columns have VIF = 1, whatever their scale and offset")
                .check(|imp, ctx| {
                    ctx.forall(orthogonal_data(), vif_call, |a| {
                        let ones = vec![1.0; a.ncols()];
                        expect::all_close(&(imp.variance_inflation_factors)(a), &ones, ORTHOGONAL)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty matrix, NaN or ±∞, or a single row give the typed error; so do a constant or perfectly collinear column for the VIFs; never a panic")
                .check(|imp, ctx| {
                    let empty = DMatrix::<f64>::zeros(0, 2);
                    let one_row = DMatrix::from_row_slice(1, 2, &[1.0, 2.0]);
                    let nan = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, f64::NAN, 4.0, 5.0, 7.0]);
                    let inf =
                        DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, f64::INFINITY, 5.0, 7.0]);
                    let constant = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 2.0, 2.0, 4.0, 2.0]);
                    let collinear =
                        DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 4.0, 3.0, 6.0, 5.0, 10.0]);
                    let (cov, vif) = (imp.covariance_matrix, imp.variance_inflation_factors);
                    rejects!(ctx, |shown, f, a| shown(a) => f(a);
                        (cov_call, cov, &empty) => StatsError::EmptyInput,
                        (vif_call, vif, &empty) => StatsError::EmptyInput,
                        (cov_call, cov, &one_row) => StatsError::TooFewValues { needed: 2, got: 1 },
                        (vif_call, vif, &one_row) => StatsError::TooFewValues { needed: 2, got: 1 },
                        (cov_call, cov, &nan) => StatsError::NonFinite,
                        (vif_call, vif, &nan) => StatsError::NonFinite,
                        (cov_call, cov, &inf) => StatsError::NonFinite,
                        (vif_call, vif, &inf) => StatsError::NonFinite,
                        (vif_call, vif, &constant) => StatsError::Undefined(_),
                        (vif_call, vif, &collinear) => StatsError::Undefined(_),
                    )
                }),
            Property::named("iris_snapshot", 2)
                .description("the covariance matrix and the VIFs of the four Iris measurements match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "covariance_matrix(&iris.features) and variance_inflation_factors(&iris.features)";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let line = |row| format!("C: {}\n", show::rounded_all(row, 8));
                        let mut text = match (imp.covariance_matrix)(&iris.features) {
                            Ok(c) if c.shape() != (4, 4) => {
                                format!("C: a {}×{} matrix\n", c.nrows(), c.ncols())
                            }
                            Ok(c) => c.row_iter().map(line).collect(),
                            Err(e) => format!("C: {e:?}\n"),
                        };
                        let vif = (imp.variance_inflation_factors)(&iris.features);
                        let vif = show::ok_or_debug(&vif, |v| show::rounded_all(v, 8));
                        text += &format!("VIF: {vif}\n");
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("x_x_transpose")
                .explanation("Your covariance matrix is n × n (one row per observation): you computed XXᵀ \
                    instead of XᵀX. With rows = observations, entry (j, k) must pair column j with column k: \
                    C = XᶜᵀXᶜ/(n − 1) is p × p, one row and column per variable.")
                .implementation(Impl {
                    covariance_matrix: x_x_transpose,
                    variance_inflation_factors: |a| vif_from(x_x_transpose(a)?, true),
                }),
            Misconception::named("not_centred")
                .explanation("Your covariance matrix equals XᵀX/(n − 1): the columns were not centred. \
                    Subtract each column's mean from that column first, so that entry (j, k) sums \
                    (xᵢⱼ − x̄ⱼ)(xᵢₖ − x̄ₖ).")
                .implementation(Impl {
                    covariance_matrix: not_centred,
                    variance_inflation_factors: |a| vif_from(not_centred(a)?, true),
                }),
            Misconception::named("divides_by_n")
                .explanation("Your covariance matrix equals XᶜᵀXᶜ/n, the population covariance. For a \
                    sample divide by n − 1 (Bessel's correction), so that the diagonal holds the sample \
                    variances.")
                .implementation(Impl {
                    covariance_matrix: divides_by_n,
                    variance_inflation_factors: |a| vif_from(divides_by_n(a)?, true),
                }),
            Misconception::named("vif_from_covariance")
                .explanation("Your VIFs are the diagonal of C⁻¹, the inverse *covariance* matrix, so they \
                    change with the units of the columns (and are not 1 for uncorrelated columns unless \
                    their variance is 1). Rescale first: Rⱼₖ = Cⱼₖ/√(CⱼⱼCₖₖ), then VIFⱼ = [R⁻¹]ⱼⱼ.")
                .implementation(Impl {
                    covariance_matrix: correct_covariance,
                    variance_inflation_factors: |a| vif_from(correct_covariance(a)?, false),
                }),
        ],
        probe: |imp| {
            let a = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 1.0, 4.0, 3.0, 5.0, 6.0]);
            let b = [1.0, 2.0, 0.0, 2.0, 1.0, 1.0, 3.0, 5.0, 0.0, 4.0, 3.0, 2.0, 6.0, 4.0, 1.0];
            let b = DMatrix::from_row_slice(5, 3, &b);
            let cov = match (imp.covariance_matrix)(&a) {
                Ok(c) => format!("{}×{}: {}", c.nrows(), c.ncols(), show::rounded_all(&c, 6)),
                Err(e) => show::error_kind(&e),
            };
            // Anything but three VIFs for three columns is one category: how a wrong-shaped
            // covariance matrix fails its inversion depends on the learner's inverse.
            let vif = match (imp.variance_inflation_factors)(&b) {
                Ok(v) if v.len() == 3 => show::rounded_all(&v, 6),
                _ => "not three VIFs".into(),
            };
            vec![cov, vif]
        },
    }
}

/// n and the centred columns, after the reference's validation.
fn checked(a: &DMatrix<f64>) -> Result<(f64, DMatrix<f64>), StatsError> {
    mathlings_stats::covariance_matrix(a)?;
    Ok((a.nrows() as f64, centred(a)))
}

fn centred(a: &DMatrix<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)] - a.column(j).mean())
}

fn correct_covariance(a: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    checked(a).map(|(n, x)| x.transpose() * x / (n - 1.0))
}

fn x_x_transpose(a: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    checked(a).map(|(n, x)| &x * x.transpose() / (n - 1.0))
}

fn not_centred(a: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    checked(a).map(|(n, _)| a.transpose() * a / (n - 1.0))
}

fn divides_by_n(a: &DMatrix<f64>) -> Result<DMatrix<f64>, StatsError> {
    checked(a).map(|(n, x)| x.transpose() * x / n)
}

/// VIFs as a learner would derive them from their own covariance matrix `c`.
fn vif_from(c: DMatrix<f64>, standardise: bool) -> Result<Vec<f64>, StatsError> {
    let p = c.nrows();
    if (0..p).any(|j| c[(j, j)] <= 0.0) {
        return Err(StatsError::Undefined("a column is constant"));
    }
    let r = if standardise {
        DMatrix::from_fn(p, p, |j, k| c[(j, k)] / (c[(j, j)] * c[(k, k)]).sqrt())
    } else {
        c
    };
    let inverse = mathlings_linalg::inverse(&r)
        .map_err(|_| StatsError::Undefined("the columns are perfectly collinear"))?;
    Ok((0..p).map(|j| inverse[(j, j)]).collect())
}
