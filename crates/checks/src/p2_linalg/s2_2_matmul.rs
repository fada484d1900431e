//! Checks for 2.2 — matrix sum, transpose and product (shape-checked).

use mathlings_linalg::LinalgError;

use super::matrices::{
    guarded, matrix_close, matrix_error, named_matrices, product_pair, product_scale, rounded_rows,
    square,
};
use crate::prelude::*;

pub use mathlings_bindings::p2_linalg::s2_2_matmul::Impl;
use mathlings_bindings::p2_linalg::s2_2_matmul::MatrixResult;

/// Each entry of AB is a sum of p ≤ 6 products; summed in any order its rounding error is
/// ≤ p·ε·(|A||B|)ᵢⱼ ≈ 1.3e-15·(|A||B|)ᵢⱼ. 1e-13 leaves a factor ~75 of slack.
const PRODUCT_REL: f64 = 1e-13;
/// Three-factor products ((AB)C vs A(BC)) round twice; 1e-12·(|A||B||C|)ᵢⱼ.
const TRIPLE_REL: f64 = 1e-12;

fn call(name: &str, a: &DMatrix<f64>, b: &DMatrix<f64>) -> String {
    format!("{name}(&{}, &{})", show::matrix(a), show::matrix(b))
}

/// A random m×n matrix, m, n ≤ 6.
fn any_matrix() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    (1..=6usize, 1..=6usize).prop_flat_map(|(m, n)| strategies::matrix(m, n))
}

/// `got` must be `ShapeMismatch { left: a.shape(), right: b.shape() }`.
fn mismatch(got: &MatrixResult, a: &DMatrix<f64>, b: &DMatrix<f64>) -> Verdict {
    let want = LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() };
    matrix_error(got, |e| *e == want, &format!("LinalgError::{want:?}"))
}

/// The reference crate's functions (the wrong answers replace one or two).
const RIGHT: Impl = Impl {
    add: mathlings_linalg::add,
    transpose: mathlings_linalg::transpose,
    matmul: mathlings_linalg::matmul_naive,
};

fn product_tolerance(scale: DMatrix<f64>, rel: f64) -> impl Fn(usize, usize) -> f64 {
    move |i, j| rel * scale[(i, j)] + 1e-300
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s2_2_matmul",
        properties: vec![
            Property::named("matches_nalgebra", 3)
                .description("matmul equals nalgebra's product (to 1e-13·(|A||B|)ᵢⱼ), add and transpose equal nalgebra's exactly, on random shapes up to 6×6")
                .check(|imp, ctx| {
                    ctx.forall(product_pair(1..=6), |(a, b)| call("matmul", a, b), |(a, b)| {
                        let tol = product_tolerance(product_scale(a, b), PRODUCT_REL);
                        matrix_close(&(imp.matmul)(a, b), &(a * b), tol)
                    })?;
                    let same_shape = (1..=6usize, 1..=6usize)
                        .prop_flat_map(|(m, n)| (strategies::matrix(m, n), strategies::matrix(m, n)));
                    ctx.forall(same_shape, |(a, b)| call("add", a, b), |(a, b)| {
                        matrix_close(&(imp.add)(a, b), &(a + b), |_, _| 0.0)
                    })?;
                    ctx.forall(any_matrix(), |a| format!("transpose(&{})", show::matrix(a)), |a| {
                        matrix_close(&Ok((imp.transpose)(a)), &a.transpose(), |_, _| 0.0)
                    })
                }),
            Property::named("associative", 1)
                .description("(AB)C = A(BC)")
                .check(|imp, ctx| {
                    let triple = (1..=5usize, 1..=5usize, 1..=5usize, 1..=5usize)
                        .prop_flat_map(|(m, p, q, n)| {
                            (strategies::matrix(m, p), strategies::matrix(p, q), strategies::matrix(q, n))
                        });
                    ctx.forall(
                        triple,
                        |(a, b, c)| format!("matmul(&matmul(&a, &b)?, &c) vs matmul(&a, &matmul(&b, &c)?) with {}", named_matrices(&[a, b, c])),
                        |(a, b, c)| {
                            let ab = expect::ok((imp.matmul)(a, b), "AB")?;
                            let bc = expect::ok((imp.matmul)(b, c), "BC")?;
                            let left = expect::ok((imp.matmul)(&ab, c), "(AB)C")?;
                            let scale = a.abs() * b.abs() * c.abs();
                            matrix_close(&(imp.matmul)(a, &bc), &left, product_tolerance(scale, TRIPLE_REL))
                        },
                    )
                }),
            Property::named("transpose_of_product", 1)
                .description("(AB)ᵀ = BᵀAᵀ, and (Aᵀ)ᵀ = A")
                .check(|imp, ctx| {
                    ctx.forall(
                        product_pair(1..=6),
                        |(a, b)| format!("transpose(&matmul(&a, &b)?) vs matmul(&transpose(&b), &transpose(&a)) with {}", named_matrices(&[a, b])),
                        |(a, b)| {
                            let ab = expect::ok((imp.matmul)(a, b), "AB")?;
                            let want = (imp.transpose)(&ab);
                            let got = (imp.matmul)(&(imp.transpose)(b), &(imp.transpose)(a));
                            matrix_close(&got, &want, product_tolerance(product_scale(a, b).transpose(), PRODUCT_REL))?;
                            matrix_close(&Ok((imp.transpose)(&(imp.transpose)(a))), a, |_, _| 0.0)
                        },
                    )
                }),
            Property::named("identity", 1)
                .description("AI = A and IA = A exactly")
                .check(|imp, ctx| {
                    ctx.forall(
                        any_matrix(),
                        |a| format!("matmul(&a, &DMatrix::identity({n}, {n})) and matmul(&DMatrix::identity({m}, {m}), &a) with a = {}", show::matrix(a), n = a.ncols(), m = a.nrows()),
                        |a| {
                            let right = DMatrix::identity(a.ncols(), a.ncols());
                            let left = DMatrix::identity(a.nrows(), a.nrows());
                            matrix_close(&(imp.matmul)(a, &right), a, |_, _| 0.0)?;
                            matrix_close(&(imp.matmul)(&left, a), a, |_, _| 0.0)
                        },
                    )
                }),
            Property::named("distributive", 1)
                .description("A(B + C) = AB + AC")
                .check(|imp, ctx| {
                    let triple = (1..=5usize, 1..=5usize, 1..=5usize).prop_flat_map(|(m, p, n)| {
                        (strategies::matrix(m, p), strategies::matrix(p, n), strategies::matrix(p, n))
                    });
                    ctx.forall(
                        triple,
                        |(a, b, c)| format!("matmul(&a, &add(&b, &c)?) vs add(&matmul(&a, &b)?, &matmul(&a, &c)?) with {}", named_matrices(&[a, b, c])),
                        |(a, b, c)| {
                            let sum = expect::ok((imp.add)(b, c), "B + C")?;
                            let (ab, ac) = (expect::ok((imp.matmul)(a, b), "AB")?, expect::ok((imp.matmul)(a, c), "AC")?);
                            let want = expect::ok((imp.add)(&ab, &ac), "AB + AC")?;
                            let scale = a.abs() * (b.abs() + c.abs());
                            matrix_close(&(imp.matmul)(a, &sum), &want, product_tolerance(scale, 4.0 * PRODUCT_REL))
                        },
                    )
                }),
            Property::named("shape_mismatch_is_an_error", 2)
                .description("a product of m×p and q×n with p ≠ q, or a sum of different shapes, gives ShapeMismatch { left, right }, never a panic")
                .check(|imp, ctx| {
                    let pair = (1..=5usize, 1..=5usize, 1..=5usize, 1..=5usize)
                        .prop_filter("p ≠ q", |(_, p, q, _)| p != q)
                        .prop_flat_map(|(m, p, q, n)| (strategies::matrix(m, p), strategies::matrix(q, n)));
                    ctx.forall(pair, |(a, b)| call("matmul", a, b), |(a, b)| mismatch(&(imp.matmul)(a, b), a, b))?;
                    let different = (1..=4usize, 1..=4usize, 1..=4usize, 1..=4usize)
                        .prop_filter("different shapes", |(m, n, r, s)| (m, n) != (r, s))
                        .prop_flat_map(|(m, n, r, s)| (strategies::matrix(m, n), strategies::matrix(r, s)));
                    ctx.forall(different, |(a, b)| call("add", a, b), |(a, b)| mismatch(&(imp.add)(a, b), a, b))
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty matrices and NaN/±∞ entries (in either operand) give the typed error, never a panic")
                .check(|imp, ctx| {
                    let one = DMatrix::from_element(1, 1, 2.0);
                    for (name, f) in [("matmul", imp.matmul), ("add", imp.add)] {
                        rejects!(ctx, |a, b| call(name, a, b) => f(a, b), shown show::outcome;
                            (&DMatrix::zeros(0, 0), &DMatrix::zeros(0, 0)) => LinalgError::Empty,
                            (&one, &DMatrix::from_element(1, 1, f64::NAN)) => LinalgError::NonFinite,
                            (&one, &DMatrix::from_element(1, 1, f64::INFINITY)) => LinalgError::NonFinite,
                            // A bad left operand with a good right one: each operand is validated.
                            (&DMatrix::from_element(1, 1, f64::NAN), &one) => LinalgError::NonFinite,
                        )?;
                    }
                    Ok(())
                }),
            Property::named("iris_scatter_matrix", 1)
                .description("the covariance matrix of the Iris features as XcᵀXc/(n − 1), with Xc the centred data, matches the stored snapshot")
                .check(|imp, ctx| {
                    let call =
                        "matmul(&transpose(&xc), &xc) / 149 for the centred Iris features xc";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let x = &iris.features;
                        let means = x.row_mean();
                        let xc =
                            DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - means[j]);
                        let text = match (imp.matmul)(&(imp.transpose)(&xc), &xc) {
                            Ok(s) => rounded_rows(&(s / 149.0), 9),
                            Err(e) => format!("Err({e:?})\n"),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("transposed_indexing")
                .explanation("Your product reads A down a column instead of along a row: Σₖ aₖᵢ bₖⱼ is (AᵀB)ᵢⱼ, \
                    not (AB)ᵢⱼ. Entry (i, j) of AB pairs ROW i of A with COLUMN j of B: sum a[(i, k)] * b[(k, j)] \
                    over k = 0..A's column count.")
                .implementation(Impl { matmul: transposed_indexing, ..RIGHT }),
            Misconception::named("shape_errors_panic")
                .explanation("Your functions panic (an assert!, or an index out of bounds) when the shapes do not \
                    fit. A caller cannot recover from a panic; a shape mismatch is an ordinary, expected error. \
                    Check the shapes first and return Err(LinalgError::ShapeMismatch { left: a.shape(), right: \
                    b.shape() }).")
                .implementation(Impl { add: |a, b| validate(a, b).map(|()| a + b), matmul: matmul_panics, ..RIGHT }),
            Misconception::named("elementwise_product")
                .explanation("Your \"product\" multiplies entry by entry (aᵢⱼ·bᵢⱼ, the Hadamard product — what `*` \
                    does on NumPy arrays). The matrix product composes the two maps: (AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ, \
                    defined when A's column count equals B's row count.")
                // The reference's input and shape checks (of a sum), then the entrywise product.
                .implementation(Impl { matmul: |a, b| mathlings_linalg::add(a, b).map(|_| a.component_mul(b)), ..RIGHT }),
        ],
        probe: |imp| {
            let a = square(&[1.0, 2.0, 3.0, 4.0]);
            let b = square(&[5.0, 6.0, 7.0, 8.0]);
            let wide = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
            vec![
                guarded(|| show::outcome(&(imp.matmul)(&a, &b))),
                guarded(|| show::outcome(&(imp.matmul)(&wide, &wide))),
                guarded(|| show::outcome(&(imp.matmul)(&wide.transpose(), &wide.transpose()))),
                guarded(|| show::outcome(&(imp.add)(&a, &wide))),
                guarded(|| show::matrix(&(imp.transpose)(&wide))),
            ]
        },
    }
}

/// The reference's checks of each operand (`Empty`, `NonFinite`), but not of the shapes.
fn validate(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<(), LinalgError> {
    mathlings_linalg::add(a, a)?;
    mathlings_linalg::add(b, b).map(drop)
}

fn matmul_panics(a: &DMatrix<f64>, b: &DMatrix<f64>) -> MatrixResult {
    validate(a, b)?;
    assert_eq!(a.ncols(), b.nrows(), "inner dimensions must agree");
    Ok(a * b)
}

fn transposed_indexing(a: &DMatrix<f64>, b: &DMatrix<f64>) -> MatrixResult {
    mathlings_linalg::matmul_naive(a, b)?; // the reference's input and shape checks
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    // Indexes a[(k, i)]: panics out of bounds when p > m, like the learner's loop would.
    Ok(DMatrix::from_fn(m, n, |i, j| (0..p).map(|k| a[(k, i)] * b[(k, j)]).sum()))
}
