//! Checks for 2.6 — PCA through the SVD of the centred data.

use mathlings_linalg::LinalgError;
use mathlings_models::Pca;

use super::matrices::{or_error, rounded_all, square};
use super::spectral_common::{
    bracketed_rows, centred, descending_order, orthonormality_error, rounded_words,
    singular_values_descending,
};
use crate::prelude::*;
use nalgebra::dmatrix;

use mathlings_bindings::p2_linalg::s2_6_pca::Fit;
pub use mathlings_bindings::p2_linalg::s2_6_pca::{Impl, MatrixMap};

/// Components against the reference, entrywise: both come from a backward-stable SVD of the
/// centred data (error ~1e-15·‖X‖), divided by a relative gap between σ's of ≥ 1e-2 (the
/// generated data are filtered for it): ≲ 1e-12; 1e-8 leaves 4 digits of slack.
const COMPONENTS: f64 = 1e-8;
/// Ratios are squared singular values over their sum: relative error ≲ 1e-14; 1e-10 is slack.
const RATIOS: f64 = 1e-10;
/// Round trip and transform, relative to max(max|x|, 1): two products with an orthogonal
/// matrix, exact to a few ε·d.
const ROUND_TRIP: f64 = 1e-10;
/// After a shift of every column by 100 the centred data carry a rounding error of ~1e-14
/// relative to 100, i.e. ~1e-12 absolute; divided by the σ gap that is ≲ 1e-9.
const SHIFTED: f64 = 1e-6;

fn call(x: &DMatrix<f64>, k: usize) -> String {
    format!("pca(&{}, {k})", show::matrix(x))
}

fn show_fit(r: &Fit) -> String {
    show::ok_or_err(r, |(w, ratios)| {
        format!("Ok(({}, vec!{}))", show::matrix(w), show::list(ratios))
    })
}

/// n×d data (1 ≤ d ≤ 5, d + 2 ≤ n ≤ 12) whose centred singular values are well separated
/// (relative gaps ≥ 1e-2) and whose components have a clear largest-|entry| coordinate, so
/// that the components are well determined; with a k in 1..=d.
fn data_and_k() -> impl Strategy<Value = (DMatrix<f64>, usize)> + Clone {
    (1..=5usize)
        .prop_flat_map(|d| {
            (d + 2..=12usize).prop_flat_map(move |n| (strategies::matrix(n, d), 1..=d))
        })
        .prop_filter("well-separated principal axes", |(x, _)| {
            let s = singular_values_descending(&centred(x));
            let separated = s[0] > 1e-6
                && s.windows(2).all(|w| w[0] - w[1] >= 1e-2 * s[0])
                && s[s.len() - 1] >= 1e-2 * s[0];
            separated
                && Pca { components: x.ncols() }.fit(x).is_ok_and(|f| {
                    f.components.row_iter().all(|row| {
                        let mut a: Vec<f64> = row.iter().map(|v| v.abs()).collect();
                        a.sort_by(|p, q| q.total_cmp(p));
                        a.len() < 2 || a[0] - a[1] >= 1e-6
                    })
                })
        })
}

fn reference(x: &DMatrix<f64>, k: usize) -> (DMatrix<f64>, Vec<f64>) {
    let fit = Pca { components: k }.fit(x).expect("reference PCA");
    (fit.components, fit.explained_variance_ratio.iter().copied().collect())
}

/// The learner's `pca(x, k)` and its (W, ratios) with the right shapes, or a failure.
fn fit(imp: &Impl, x: &DMatrix<f64>, k: usize) -> Result<(Fit, DMatrix<f64>, Vec<f64>), Failure> {
    match (imp.pca)(x, k) {
        Ok((w, r)) if w.shape() == (k, x.ncols()) && r.len() == k => {
            Ok((Ok((w.clone(), r.clone())), w, r))
        }
        got => Err(expect::failure(
            show_fit(&got),
            format!("Ok((components {k}×{}, {k} ratios))", x.ncols()),
        )),
    }
}

/// Checks `test(x, k)` on [`data_and_k`], a failing case shown as `pca(x, k)`.
fn forall_data(ctx: &Ctx, test: impl Fn(&DMatrix<f64>, usize) -> Verdict) -> Verdict {
    ctx.forall(data_and_k(), |(x, k)| call(x, *k), |(x, k)| test(x, *k))
}

/// Components and ratios within tolerance of `want`.
fn same_fit(got: &Fit, want: &(DMatrix<f64>, Vec<f64>), tol: f64) -> Verdict {
    let ok = matches!(got, Ok((w, r)) if w.shape() == want.0.shape()
        && (w - &want.0).amax() <= tol
        && r.len() == want.1.len()
        && r.iter().zip(&want.1).all(|(a, b)| (a - b).abs() <= tol.max(RATIOS)));
    expect::that(
        ok,
        show_fit(got),
        format!("Ok(({}, vec!{})) (each ± {tol:e})", show::matrix(&want.0), show::list(&want.1)),
    )
}

/// Whether each row's first largest-|entry| coordinate is positive.
fn follows_sign_convention(w: &DMatrix<f64>) -> bool {
    w.row_iter()
        .all(|row| row.iter().fold(0.0_f64, |b, &v| if v.abs() > b.abs() { v } else { b }) >= 0.0)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_6_pca",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("components and explained-variance ratios equal the reference PCA's (mathlings_models::Pca) on random data (to 1e-8)")
                .check(|imp, ctx| {
                    forall_data(ctx, |x, k| {
                        same_fit(&(imp.pca)(x, k), &reference(x, k), COMPONENTS)
                    })
                }),
            Property::named("orthonormal_components", 1)
                .description("the components (rows) are unit vectors, mutually orthogonal: W Wᵀ = I")
                .check(|imp, ctx| {
                    forall_data(ctx, |x, k| {
                        let (got, w, _) = fit(imp, x, k)?;
                        let error = orthonormality_error(&w.transpose());
                        let shown = show::rounded(error, 3);
                        expect::that(
                            error <= ROUND_TRIP,
                            format!("{} with max|WWᵀ − I| = {shown}", show_fit(&got)),
                            format!("max|WWᵀ − I| ≤ {ROUND_TRIP:e}"),
                        )
                    })
                }),
            Property::named("variance_ratios", 2)
                .description("ratios are descending, in [0, 1], sum to 1 with all components, and are shares of the TOTAL variance (keeping fewer components does not change them)")
                .check(|imp, ctx| {
                    forall_data(ctx, |x, k| {
                        let d = x.ncols();
                        let (_, _, all) = fit(imp, x, d)?;
                        let (_, _, some) = fit(imp, x, k)?;
                        let sum: f64 = all.iter().sum();
                        let ok = all.windows(2).all(|w| w[0] >= w[1])
                            && all.iter().all(|&r| (0.0..=1.0).contains(&r))
                            && (sum - 1.0).abs() <= RATIOS
                            && some.iter().zip(&all).all(|(a, b)| (a - b).abs() <= RATIOS);
                        let (some, all, sum) = (show::list(&some), show::list(&all), show::float(sum));
                        expect::that(
                            ok,
                            format!("ratios {some} with k = {k}, {all} with all {d} components (sum {sum})"),
                            format!("descending ratios in [0, 1] summing to 1 with all {d}, the first {k} of them with k = {k}"),
                        )
                    })
                }),
            Property::named("round_trip", 2)
                .description("transform gives (X − 1x̄ᵀ)Wᵀ, and with all components inverse_transform(transform(X)) = X exactly (to 1e-10·max|x|)")
                .check(|imp, ctx| {
                    let call = |x: &DMatrix<f64>| {
                        let (d, x) = (x.ncols(), show::matrix(x));
                        format!("let w = pca(&x, {d})?.0; inverse_transform(&transform(&x, &mean, &w)?, &mean, &w) with x = {x}")
                    };
                    ctx.forall(data_and_k().prop_map(|(x, _)| x), call, |x| {
                        let (_, w, _) = fit(imp, x, x.ncols())?;
                        let mean = x.row_mean().transpose();
                        let scale = x.amax().max(1.0);
                        let want_scores = centred(x) * w.transpose();
                        let scores = (imp.transform)(x, &mean, &w);
                        let close = |z: &DMatrix<f64>, want: &DMatrix<f64>| {
                            z.shape() == want.shape() && (z - want).amax() <= ROUND_TRIP * scale
                        };
                        expect::that(
                            matches!(&scores, Ok(z) if close(z, &want_scores)),
                            format!("transform: {}", show::outcome(&scores)),
                            format!("Ok({})", show::matrix(&want_scores)),
                        )?;
                        let back = (imp.inverse_transform)(&scores.expect("checked"), &mean, &w);
                        expect::that(
                            matches!(&back, Ok(b) if close(b, x)),
                            format!("inverse_transform: {}", show::outcome(&back)),
                            format!("Ok({}) — the original data", show::matrix(x)),
                        )
                    })
                }),
            Property::named("centres_data", 1)
                .description("the data are centred: adding 100 to every entry changes neither the components nor the ratios")
                .check(|imp, ctx| {
                    ctx.forall(
                        data_and_k(),
                        |(x, k)| format!("{} vs {}", call(x, *k), call(&x.add_scalar(100.0), *k)),
                        |(x, k)| {
                            let (_, w, r) = fit(imp, x, *k)?;
                            same_fit(&(imp.pca)(&x.add_scalar(100.0), *k), &(w, r), SHIFTED)
                        },
                    )
                }),
            Property::named("stable_signs", 1)
                .description("each component's largest-|entry| coordinate is positive, so pca(−X) gives the same components as pca(X)")
                .check(|imp, ctx| {
                    ctx.forall(
                        data_and_k(),
                        |(x, k)| format!("{} vs {}", call(x, *k), call(&-x, *k)),
                        |(x, k)| {
                            let (got, w, r) = fit(imp, x, *k)?;
                            expect::that(
                                follows_sign_convention(&w),
                                show_fit(&got),
                                "components whose largest-|entry| coordinate is positive",
                            )?;
                            same_fit(&(imp.pca)(&-x, *k), &(w, r), COMPONENTS)
                        },
                    )
                }),
            Property::named("two_rows", 1)
                .description("two samples are enough (the contract rejects only fewer than 2 rows): pca([[0, 0], [3, 4]], 1) gives the axis (0.6, 0.8) explaining all the variance")
                // Catches `n ≤ 2` for the documented `n < 2`.
                .check(|imp, ctx| {
                    let x = square(&[0.0, 0.0, 3.0, 4.0]);
                    ctx.once(&call(&x, 1), || {
                        same_fit(&(imp.pca)(&x, 1), &reference(&x, 1), COMPONENTS)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or non-finite data, fewer than 2 rows, constant data, k = 0 or k > min(n, d), and mismatched shapes in transform/inverse_transform give the typed error")
                .check(|imp, ctx| {
                    let good = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 5.0, 4.0, 4.0]);
                    rejects!(ctx, |x, k| call(x, k) => (imp.pca)(x, k), shown show_fit;
                        (&DMatrix::zeros(0, 0), 1) => LinalgError::Empty,
                        (&square(&[1.0, f64::NAN, 3.0, 4.0]), 1) => LinalgError::NonFinite,
                        (&DMatrix::from_row_slice(1, 3, &[1.0, 2.0, 3.0]), 1) => LinalgError::InvalidParameter { name: "data", .. },
                        (&DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 1.0, 2.0, 1.0, 2.0]), 1) => LinalgError::InvalidParameter { name: "data", .. },
                        (&good, 0) => LinalgError::InvalidParameter { name: "k", .. },
                        (&good, 3) => LinalgError::InvalidParameter { name: "k", .. },
                    )?;
                    let (mean, w) = (DVector::zeros(2), DMatrix::from_row_slice(1, 2, &[1.0, 0.0]));
                    let rest = format!("&{}, &{})", show::vector(&mean), show::matrix(&w));
                    let map_call =
                        |name: &str, x: &DMatrix<f64>| format!("{name}(&{}, {rest}", show::matrix(x));
                    rejects!(ctx, |name, f, x| map_call(name, x) => f(x, &mean, &w), shown show::outcome;
                        ("transform", imp.transform, &DMatrix::from_row_slice(1, 3, &[1.0, 2.0, 3.0])) => LinalgError::ShapeMismatch { .. },
                        ("inverse_transform", imp.inverse_transform, &DMatrix::from_row_slice(1, 2, &[1.0, 2.0])) => LinalgError::ShapeMismatch { .. },
                        // Data (scores) of the right shape but empty or non-finite.
                        ("transform", imp.transform, &DMatrix::zeros(0, 2)) => LinalgError::Empty,
                        ("transform", imp.transform, &DMatrix::from_row_slice(1, 2, &[1.0, f64::NAN])) => LinalgError::NonFinite,
                        ("inverse_transform", imp.inverse_transform, &DMatrix::zeros(0, 1)) => LinalgError::Empty,
                        ("inverse_transform", imp.inverse_transform, &square(&[f64::INFINITY])) => LinalgError::NonFinite,
                    )
                }),
            Property::named("iris", 1)
                .description("the principal axes and explained-variance ratios of the Iris features match the stored snapshot (≈ 0.9246, 0.0531, 0.0171, 0.0052)")
                .check(|imp, ctx| {
                    let call = "pca(&iris.features, 4)";
                    expect::snapshot_once(ctx, "iris", call, || {
                        let got = (imp.pca)(&mathlings_models::datasets::iris().features, 4);
                        got.map_or_else(|e| format!("{e:?}\n"), |(w, r)| {
                            format!("ratios = [{}]\n", rounded_all(&r, 8)) + &bracketed_rows(&w, 6)
                        })
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("not_centred")
                .explanation("You took the SVD of the raw data. Without subtracting the column means the first \
                    \"principal axis\" points from the origin towards the centre of the cloud, and the ratios \
                    measure distance from 0, not variance. Subtract x̄ (the column means) from every row first: \
                    X_c = X − 1x̄ᵀ, and transform must subtract the same x̄.")
                .implementation(Impl { pca: |x, k| from_svd(x, k, false, false), ..CORRECT_MAPS }),
            Misconception::named("unstable_signs")
                .explanation("Your components carry whatever sign the decomposition happened to produce (v and −v \
                    are equally good singular/eigen-vectors), so two runs — or X and −X — can disagree. Fix a \
                    convention: flip each component so that its largest-|entry| coordinate is positive.")
                .implementation(Impl { pca: unstable_signs, ..CORRECT_MAPS }),
            Misconception::named("ratio_of_kept_only")
                .explanation("Your ratios divide by the variance of the k KEPT components, so they always sum to 1 — \
                    even with k = 1. The explained-variance ratio is the share of the TOTAL variance: \
                    σᵢ² / Σⱼ σⱼ² with j over all singular values, not just the first k.")
                .implementation(Impl { pca: |x, k| from_svd(x, k, true, true), ..CORRECT_MAPS }),
        ],
        probe: |imp| {
            let x = dmatrix![2.0, 0.5, -1.0; -1.0, 1.5, 2.0; 3.0, -2.0, 0.0;
                             0.5, 1.0, 4.0; -2.5, 0.0, 1.0; 1.0, 3.0, -0.5];
            let describe =
                |k: usize| or_error((imp.pca)(&x, k), |(w, r)| rounded_words(r.iter().chain(&w)));
            vec![describe(1), describe(3)]
        },
    }
}

/// Right transform and inverse_transform (`pca` is replaced by each wrong answer).
const CORRECT_MAPS: Impl = Impl {
    pca: unstable_signs,
    transform: |x, mean, w| {
        map_checks(x, w, x.ncols() == mean.len() && w.ncols() == mean.len())?;
        Ok(shifted(x, mean, -1.0) * w.transpose())
    },
    inverse_transform: |z, mean, w| {
        map_checks(z, w, z.ncols() == w.nrows() && w.ncols() == mean.len())?;
        Ok(shifted(&(z * w), mean, 1.0))
    },
};

fn validate(x: &DMatrix<f64>, k: usize) -> Result<(), LinalgError> {
    mathlings_linalg::svd(x)?; // the reference's checks of the data (Empty, NonFinite)
    if x.nrows() < 2 {
        return Err(LinalgError::InvalidParameter { name: "data", reason: "at least 2 rows" });
    }
    if k == 0 || k > x.nrows().min(x.ncols()) {
        return Err(LinalgError::InvalidParameter { name: "k", reason: "1 ≤ k ≤ min(n, d)" });
    }
    Ok(())
}

/// x with `sign`·mean added to every row.
fn shifted(x: &DMatrix<f64>, mean: &DVector<f64>, sign: f64) -> DMatrix<f64> {
    DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] + sign * mean[j])
}

/// After the input checks, components from the SVD of X (`centre`d or not), with ratios
/// over the `kept_only` or all σ.
fn from_svd(x: &DMatrix<f64>, k: usize, centre: bool, kept_only: bool) -> Fit {
    validate(x, k)?;
    let s = mathlings_linalg::svd(&if centre { centred(x) } else { x.clone() })?;
    let squares: Vec<f64> = s.singular_values.iter().map(|v| v * v).collect();
    let total: f64 = if kept_only { squares[..k].iter().sum() } else { squares.iter().sum() };
    if total == 0.0 {
        return Err(LinalgError::InvalidParameter { name: "data", reason: "no variance" });
    }
    Ok((s.v_t.rows(0, k).into_owned(), squares[..k].iter().map(|v| v / total).collect()))
}

/// Eigenvectors of the covariance (nalgebra's symmetric eigensolver), signs as they come.
fn unstable_signs(x: &DMatrix<f64>, k: usize) -> Fit {
    validate(x, k)?;
    let c = centred(x);
    let e = (c.transpose() * &c).symmetric_eigen();
    let order = descending_order(&e.eigenvalues);
    let total: f64 = e.eigenvalues.iter().map(|v| v.max(0.0)).sum();
    if total == 0.0 {
        return Err(LinalgError::InvalidParameter { name: "data", reason: "no variance" });
    }
    let w = DMatrix::from_fn(k, x.ncols(), |r, j| e.eigenvectors[(j, order[r])]);
    let ratios = order[..k].iter().map(|&i| e.eigenvalues[i].max(0.0) / total).collect();
    Ok((w, ratios))
}

/// Err(Empty) without data, Err(ShapeMismatch) when the shapes do not `fit`.
fn map_checks(x: &DMatrix<f64>, w: &DMatrix<f64>, fit: bool) -> Result<(), LinalgError> {
    if x.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !fit {
        return Err(LinalgError::ShapeMismatch { left: x.shape(), right: w.shape() });
    }
    Ok(())
}
