//! Checks for 4.5 — PCA by the SVD of the centred data; Iris in two dimensions.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_models::ModelError;

use crate::prelude::*;
use nalgebra::dmatrix;

use mathlings_bindings::p4_models::s4_5_pca_iris_2d::Fit;
pub use mathlings_bindings::p4_models::s4_5_pca_iris_2d::Impl;

/// Both sides run the same SVD on the same centred matrix (entries ≤ 20): agreement to
/// ~1e-13; 1e-9 (relative to 1 + the largest entry) allows a different centring order.
const AGREE: f64 = 1e-9;
/// Orthonormality of the returned axes and centring of the scores, up to rounding.
const ROUNDING: f64 = 1e-10;

fn call(x: &DMatrix<f64>, k: usize) -> String {
    format!("pca(&{}, {k})", show::matrix(x))
}

/// n ∈ 3..=10 rows, d ∈ 1..=4 columns in [−10, 10], k ∈ 1..=min(n, d), with well-separated
/// singular values (so that the axes are well defined).
fn problem() -> impl Strategy<Value = (DMatrix<f64>, usize)> + Clone {
    (3usize..=10, 1usize..=4)
        .prop_flat_map(|(n, d)| (strategies::matrix(n, d), 1..=n.min(d)))
        .prop_filter("distinct singular values", |(x, _)| {
            let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
            let c = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - means[j]);
            mathlings_linalg::svd(&c).is_ok_and(|s| {
                let v = &s.singular_values;
                v[0] > 1e-6 && v.iter().zip(v.iter().skip(1)).all(|(a, b)| a - b > 1e-3 * v[0])
            })
        })
}

fn reference(x: &DMatrix<f64>, k: usize) -> (DMatrix<f64>, DMatrix<f64>, DVector<f64>) {
    let fit = mathlings_models::Pca { components: k }.fit(x).expect("reference PCA");
    let scores = fit.transform(x).expect("reference transform");
    (scores, fit.components, fit.explained_variance_ratio)
}

fn flatten(fit: &(DMatrix<f64>, DMatrix<f64>, DVector<f64>)) -> Vec<f64> {
    fit.0.iter().chain(fit.1.iter()).chain(fit.2.iter()).copied().collect()
}

fn check_shapes(got: &Fit, n: usize, d: usize, k: usize) -> Verdict {
    match got {
        Ok((s, c, r)) if s.shape() == (n, k) && c.shape() == (k, d) && r.len() == k => Ok(()),
        Ok((s, c, r)) => expect::fail(
            format!("scores {:?}, components {:?}, {} ratios", s.shape(), c.shape(), r.len()),
            format!("scores ({n}, {k}), components ({k}, {d}), {k} ratios"),
        ),
        Err(e) => expect::fail(format!("Err({e:?})"), "Ok((scores, components, ratios))"),
    }
}

fn show_fit(got: &Fit, rows: usize, digits: usize) -> String {
    match got {
        Ok((s, _, r)) => {
            let mut text = format!("ratios = [{}]\n", show::rounded_all(r.iter(), digits));
            for i in 0..rows.min(s.nrows()) {
                text += &format!("row {i}: [{}]\n", show::rounded_all(s.row(i).iter(), digits));
            }
            text
        }
        Err(e) => format!("{e:?}\n"),
    }
}

/// `pca(x, k)` has the right shapes and equals the reference to `AGREE` relative to the
/// largest value.
fn matches_reference(imp: &Impl, x: &DMatrix<f64>, k: usize) -> Verdict {
    let got = (imp.pca)(x, k);
    check_shapes(&got, x.nrows(), x.ncols(), k)?;
    expect::all_close_scaled(&got.map(|f| flatten(&f)), &flatten(&reference(x, k)), AGREE)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s4_5_pca_iris_2d",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("scores, components and explained-variance ratios equal the reference PCA (same sign convention)")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, k)| call(x, *k),
                        |(x, k)| matches_reference(imp, x, *k),
                    )
                }),
            Property::named("two_rows_are_enough", 1)
                .description("the smallest valid data, two rows, is fitted like any other: k = 1 on a 2×3 and a 2×1 matrix equals the reference")
                .check(|imp, ctx| {
                    // The documented minimum is 2 rows (TooFewRows only below): a `≤ 2` slip
                    // rejects exactly this case. Two centred rows span one direction, so only
                    // k = 1 has a well-defined axis.
                    for x in [dmatrix![1.0, 2.0, 0.5; 3.0, -1.0, 2.5], dmatrix![1.0; 4.0]] {
                        ctx.once(&call(&x, 1), || matches_reference(imp, &x, 1))?;
                    }
                    Ok(())
                }),
            Property::named("components_orthonormal", 1)
                .description("the principal axes have unit length and are mutually orthogonal (W Wᵀ = I)")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, k)| call(x, *k),
                        |(x, k)| {
                            let got = (imp.pca)(x, *k);
                            check_shapes(&got, x.nrows(), x.ncols(), *k)?;
                            let (_, w, _) = got.expect("checked");
                            let gram = &w * w.transpose();
                            let error = (gram - DMatrix::identity(*k, *k)).amax();
                            expect::that(
                                error <= ROUNDING,
                                format!(
                                    "W Wᵀ − I has an entry of size {}",
                                    show::rounded(error, 3)
                                ),
                                "W Wᵀ = I",
                            )
                        },
                    )
                }),
            Property::named("scores_centred_and_ratios_sum_to_one", 2)
                .description("every column of scores has mean 0 (the data were centred); with all components the ratios are descending and sum to 1")
                .check(|imp, ctx| {
                    ctx.forall(
                        problem(),
                        |(x, _)| call(x, x.nrows().min(x.ncols())),
                        |(x, _)| {
                            let k = x.nrows().min(x.ncols());
                            let got = (imp.pca)(x, k);
                            check_shapes(&got, x.nrows(), x.ncols(), k)?;
                            let (s, _, r) = got.expect("checked");
                            let scale = 1.0 + x.amax();
                            let worst_mean =
                                s.column_iter().map(|c| c.mean().abs()).fold(0.0, f64::max);
                            expect::that(
                                worst_mean <= ROUNDING * scale,
                                format!(
                                    "a column of scores with mean {}",
                                    show::rounded(worst_mean, 3)
                                ),
                                "scores whose columns have mean 0",
                            )?;
                            let descending = r.iter().zip(r.iter().skip(1)).all(|(a, b)| a >= b);
                            expect::that(
                                descending && (r.sum() - 1.0).abs() <= ROUNDING,
                                format!("ratios {}", show::vector(&r)),
                                "descending ratios summing to 1",
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty or non-finite matrix, a single row, k = 0 or k > min(n, d), or constant data give the typed error")
                .check(|imp, ctx| {
                    let x = dmatrix![1.0, 2.0; 3.0, 5.0; 4.0, 1.0];
                    let mut nan = x.clone();
                    nan[(1, 1)] = f64::NAN;
                    rejects!(ctx, |x, k| call(x, k) => (imp.pca)(x, k), shown show::outcome;
                        (&DMatrix::zeros(0, 2), 1) => ModelError::Empty,
                        (&nan, 1) => ModelError::NonFinite,
                        (&dmatrix![1.0, 2.0], 1) => ModelError::TooFewRows { needed: 2, got: 1 },
                        (&x, 0) => ModelError::InvalidParameter { name: "k", .. },
                        (&x, 3) => ModelError::InvalidParameter { name: "k", .. },
                        (&dmatrix![1.0, 2.0; 1.0, 2.0; 1.0, 2.0], 1) => ModelError::InvalidParameter { name: "x", .. },
                    )
                }),
            Property::named("iris_2d", 2)
                .description("Iris projected on its first two principal axes: the explained-variance ratios (≈ 0.925, 0.053) and the first rows' coordinates match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "pca(&iris.features, 2)";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let text = show_fit(&(imp.pca)(&iris.features, 2), 5, 6);
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("not_centred")
                .explanation("Your axes come from the raw data: without subtracting the column means first, the \
                    first 'component' mostly points at the mean of the data instead of along its spread, and \
                    the scores are not centred. Compute X_c = X − 1x̄ᵀ and take the SVD of X_c.")
                .implementation(Impl { pca: |x, k| variant(x, k, false, true, false) }),
            Misconception::named("columns_of_v_transpose")
                .explanation("Your axes are columns of Vᵀ (rows of V), not rows of Vᵀ. In X_c = UΣVᵀ the \
                    principal directions are the columns of V, i.e. the ROWS of Vᵀ: W = first k rows of v_t, \
                    scores Z = X_c Wᵀ.")
                .implementation(Impl { pca: |x, k| variant(x, k, true, false, false) }),
            Misconception::named("ratios_of_kept_only")
                .explanation("Your explained-variance ratios divide by the variance of the kept components \
                    only, so they always sum to 1. A ratio is a share of the TOTAL variance: divide σᵢ² by \
                    the sum of all σⱼ², including the components you drop.")
                .implementation(Impl { pca: |x, k| variant(x, k, true, true, true) }),
        ],
        probe: |imp| {
            let x =
                dmatrix![2.0, 0.0, 1.0; 3.0, 1.0, 0.0; 5.0, 1.0, 2.0; 8.0, 3.0, 1.0; 9.0, 2.0, 4.0];
            vec![show_fit(&(imp.pca)(&x, 2), 5, 6), show_fit(&(imp.pca)(&x, 1), 5, 6)]
        },
    }
}

fn variant(x: &DMatrix<f64>, k: usize, centre: bool, rows: bool, kept_only: bool) -> Fit {
    // The reference rejects empty, non-finite and one-row data (and constant data, like below).
    mathlings_models::Pca { components: 1 }.fit(x)?;
    let (n, d) = x.shape();
    if k == 0 || k > n.min(d) {
        return Err(ModelError::InvalidParameter { name: "k", reason: "out of range" });
    }
    let means: Vec<f64> = x.column_iter().map(|c| if centre { c.mean() } else { 0.0 }).collect();
    let data = DMatrix::from_fn(n, d, |i, j| x[(i, j)] - means[j]);
    let s = mathlings_linalg::svd(&data)?;
    let all: f64 = s.singular_values.iter().map(|v| v * v).sum();
    if all == 0.0 || x.column_iter().all(|c| c.iter().all(|v| *v == c[0])) {
        return Err(ModelError::InvalidParameter { name: "x", reason: "constant" });
    }
    let mut w = if rows {
        s.v_t.rows(0, k).into_owned()
    } else {
        DMatrix::from_fn(k, d, |i, j| {
            if j < s.v_t.nrows() && i < s.v_t.ncols() { s.v_t[(j, i)] } else { 0.0 }
        })
    };
    for mut axis in w.row_iter_mut() {
        let largest = axis.iter().fold(0.0_f64, |b, &v| if v.abs() > b.abs() { v } else { b });
        if largest < 0.0 {
            axis.neg_mut();
        }
    }
    let kept: f64 = s.singular_values.rows(0, k).iter().map(|v| v * v).sum();
    let total = if kept_only { kept } else { all };
    Ok((&data * w.transpose(), w, s.singular_values.rows(0, k).map(|v| v * v / total)))
}
