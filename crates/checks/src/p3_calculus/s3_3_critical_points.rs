//! Checks for 3.3 — classifying a critical point from the Hessian's eigenvalues.

use mathlings_calculus::CalculusError;

use super::common::{self, diag, orthogonal, square, with_eigenvalues};
use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_3_critical_points::{Impl, Kind};

/// Smallest |λ| of a non-zero eigenvalue in the random Hessians, relative to the largest
/// (≤ 10): 0.1/10 = 1e-2 is six orders above the √ε ≈ 1.5e-8 threshold, while the round-off
/// of Q·diag(λ)·Qᵀ (≈ 1e-15 relative) makes a "zero" eigenvalue seven orders below it, so any
/// sensible relative tolerance classifies these matrices alike.
const MIN_NONZERO_EIGENVALUE: f64 = 0.1;

fn call(h: &DMatrix<f64>) -> String {
    format!("classify_critical_point(&{})", show::matrix(h))
}

fn reference(h: &DMatrix<f64>) -> Kind {
    mathlings_calculus::classify_critical_point(h)
        .expect("reference classification of a valid Hessian")
}

/// Symmetric matrices with chosen eigenvalue signs: each λ is 0 or ±[0.1, 10].
fn hessian() -> impl Strategy<Value = DMatrix<f64>> + Clone {
    common::symmetric_with_eigenvalues(1..=5, MIN_NONZERO_EIGENVALUE, [2, 2, 1])
        .prop_map(|(h, _)| h)
}

/// The learner classifies `h` as `want`.
fn kind_is(imp: &Impl, h: &DMatrix<f64>, want: Kind) -> Verdict {
    let got = (imp.classify_critical_point)(h);
    expect::that(matches!(got, Ok(k) if k == want), show::result(&got), format!("Ok({want:?})"))
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_3_critical_points",
        properties: vec![
            Property::named("textbook_examples", 2)
                .description("at the origin, x² + y² is a Minimum, x² − y² and xy Saddles, −x² − y² a Maximum, x⁴ + y⁴ (H = 0) Degenerate")
                .check(|imp, ctx| {
                    let cases = [
                        (diag(&[2.0, 2.0]), Kind::Minimum),
                        (diag(&[2.0, -2.0]), Kind::Saddle),
                        (diag(&[-2.0, -2.0]), Kind::Maximum),
                        (diag(&[0.0, 0.0]), Kind::Degenerate),
                        (square(&[0.0, 1.0, 1.0, 0.0]), Kind::Saddle),
                        (diag(&[6.0]), Kind::Minimum),
                    ];
                    common::each_case(ctx, &cases, call, |h, want| kind_is(imp, h, want))
                }),
            Property::named("matches_reference", 3)
                .description("on random symmetric Q·diag(λ)·Qᵀ (n ≤ 5, each λ zero or |λ| ≥ 0.1) the kind follows the signs of λ, as the reference says")
                .check(|imp, ctx| ctx.forall(hessian(), call, |h| kind_is(imp, h, reference(h)))),
            Property::named("uses_the_whole_matrix", 2)
                .description("the off-diagonal entries count: [1 2; 2 1] is a Saddle, [1 1; 1 1] Degenerate, diag(−1, −1, 1) and [2 3 −4; 3 1 3; −4 3 2] Saddles")
                .check(|imp, ctx| {
                    let cases = [
                        (square(&[1.0, 2.0, 2.0, 1.0]), Kind::Saddle),
                        (square(&[1.0, 1.0, 1.0, 1.0]), Kind::Degenerate),
                        (square(&[2.0, -1.0, -1.0, 2.0]), Kind::Minimum),
                        (diag(&[-1.0, -1.0, 1.0]), Kind::Saddle),
                        (diag(&[-1.0, 2.0, -3.0, 4.0]), Kind::Saddle),
                        // Eigenvalues 6, −5, 4 and ≈ 5.2, −3.8, −5.3: rotations by a wrong
                        // angle leave large off-diagonal entries and a diagonal of one sign.
                        (square(&[2.0, 3.0, -4.0, 3.0, 1.0, 3.0, -4.0, 3.0, 2.0]), Kind::Saddle),
                        (
                            square(&[4.0, -1.0, -3.0, -1.0, -4.0, 1.0, -3.0, 1.0, -4.0]),
                            Kind::Saddle,
                        ),
                    ];
                    common::each_case(ctx, &cases, call, |h, want| kind_is(imp, h, want))
                }),
            Property::named("scale_invariant", 1)
                .description("c·H is classified like H for c from 1e-60 to 1e60 (the zero test and the stopping rule are relative to the matrix's size)")
                .check(|imp, ctx| {
                    let scaled = (
                        hessian(),
                        // 1e±60 catches a stopping rule or tolerance with an absolute term
                        // (off-diagonal mass ≤ ε², a count of entries): it stops at once on
                        // tiny matrices or never on huge ones. Squares of entries stay far
                        // from over/underflow (1e±120), so every honest method copes.
                        prop_oneof![Just(1e-60), Just(1e-9), Just(1e-3), Just(1e3), Just(1e9), Just(1e60)],
                    );
                    ctx.forall(scaled, |(h, c)| call(&(h * *c)), |(h, c)| kind_is(imp, &(h * *c), reference(h)))
                }),
            Property::named("zero_test_at_the_threshold", 1)
                .description("an eigenvalue with |λ| equal to τ = √ε·maxᵢ|λᵢ| counts as zero: diag(−1, 2⁻²⁶) and diag(1, −2⁻²⁶) are Degenerate, not Saddles")
                .check(|imp, ctx| {
                    // √ε = 2⁻²⁶ exactly, and the eigenvalues of a diagonal matrix are its
                    // entries exactly, so |λ| = τ is hit on the nose: the documented `≤`
                    // (not `<`) decides, on either side of zero.
                    let sqrt_eps = f64::EPSILON.sqrt();
                    let cases = [
                        (diag(&[-1.0, sqrt_eps]), Kind::Degenerate),
                        (diag(&[1.0, -sqrt_eps]), Kind::Degenerate),
                        (diag(&[-4.0, 4.0 * sqrt_eps, -2.0]), Kind::Degenerate),
                    ];
                    common::each_case(ctx, &cases, call, |h, want| kind_is(imp, h, want))
                }),
            Property::named("zero_test_near_the_threshold", 1)
                .description("on random Q·diag(λ)·Qᵀ with one eigenvalue at 2τ (not zero) or τ/2 (zero), τ = √ε·maxᵢ|λᵢ|, and the others of one sign, the kind is Minimum/Maximum or Degenerate")
                .check(|imp, ctx| {
                    // Any eigenvalue method is accurate to ≈ n·ε·maxᵢ|λᵢ| ≈ 1e-15·max,
                    // seven orders below the margin τ/2 ≈ 7e-9·max, so every honest answer
                    // agrees. A method that keeps only the signs of a diagonal it reaches
                    // by non-orthogonal transformations (a congruence: Sylvester's law
                    // keeps the signs, not the magnitudes) misjudges the small one.
                    let input = (2..=5usize).prop_flat_map(|n| {
                        let (sign, ratio) = (prop_oneof![Just(1.0), Just(-1.0)], prop_oneof![Just(2.0), Just(0.5)]);
                        let entries = proptest::collection::vec(-1.0..1.0f64, n * n);
                        (proptest::collection::vec(1.0..10.0f64, n - 1), sign, ratio, entries)
                            .prop_map(move |(mut eigenvalues, sign, ratio, entries)| {
                                let largest = eigenvalues.iter().fold(0.0_f64, |m, l| m.max(*l));
                                eigenvalues.push(ratio * f64::EPSILON.sqrt() * largest);
                                let eigenvalues: Vec<f64> = eigenvalues.iter().map(|l| sign * l).collect();
                                let want = if ratio < 1.0 { Kind::Degenerate } else if sign > 0.0 { Kind::Minimum } else { Kind::Maximum };
                                (with_eigenvalues(&eigenvalues, &orthogonal(n, &entries)), want)
                            })
                    });
                    ctx.forall(input, |(h, _)| call(h), |(h, want)| kind_is(imp, h, *want))
                }),
            Property::named("symmetry_tolerance_is_relative", 1)
                .description("c·[2 1+δ; 1 2] for c from 1e-8 to 1e8 is a Minimum when δ = 1e-10 (within √ε·max|hᵢⱼ|) and NotSymmetric when δ = 1e-6")
                .check(|imp, ctx| {
                    // The documented tolerance √ε·max|hᵢⱼ| ≈ 3e-8·c here: δ = 1e-10 is 300×
                    // inside it, δ = 1e-6 is 30× outside, at every scale c.
                    for c in [1e-8, 1.0, 1e8] {
                        for (delta, symmetric) in [(1e-10, true), (1e-6, false)] {
                            let h = DMatrix::from_row_slice(2, 2, &[2.0, 1.0 + delta, 1.0, 2.0]) * c;
                            ctx.once(&call(&h), || match symmetric {
                                true => kind_is(imp, &h, Kind::Minimum),
                                false => expect_err!(&(imp.classify_critical_point)(&h), CalculusError::NotSymmetric),
                            })?;
                        }
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty, non-square, non-finite or non-symmetric matrix gives the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |h| call(h) => (imp.classify_critical_point)(h);
                        (&DMatrix::zeros(0, 0)) => CalculusError::Empty,
                        (&DMatrix::from_row_slice(2, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0])) => CalculusError::NotSquare { rows: 2, cols: 3 },
                        (&DMatrix::from_row_slice(2, 2, &[1.0, f64::NAN, f64::NAN, 1.0])) => CalculusError::NonFinite,
                        (&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 0.0, 1.0])) => CalculusError::NotSymmetric,
                    )
                }),
            Property::named("iris_least_squares", 1)
                .description("the Hessian XᵀX of a least-squares fit on Iris is a Minimum, and Degenerate once a feature is repeated (matches the stored snapshot)")
                .check(|imp, ctx| {
                    let call = "classify_critical_point(&(x.transpose() * &x)) for x = [1, sepal length, sepal width, petal length] of Iris, then with petal length twice";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let f = &iris.features;
                        let design = |columns: &[usize]| {
                            DMatrix::from_fn(f.nrows(), columns.len() + 1, |i, j| if j == 0 { 1.0 } else { f[(i, columns[j - 1])] })
                        };
                        let mut text = String::new();
                        let one = ("[1, sepal length, sepal width, petal length]", &[0, 1, 2][..]);
                        let twice = ("[1, sepal length, sepal width, petal length, petal length]", &[0, 1, 2, 2][..]);
                        for (name, columns) in [one, twice] {
                            let x = design(columns);
                            let kind = (imp.classify_critical_point)(&(x.transpose() * &x));
                            text += &format!("Hessian of ½‖Xw − y‖² with X = {name}: {}\n", show::result(&kind));
                        }
                        ctx.snapshot("iris_least_squares", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("zero_gradient_is_minimum")
                .explanation("You call every critical point a minimum. ∇f = 0 only says the tangent plane is flat: \
                    x² − y² and −x² − y² have zero gradient at the origin too, and are a saddle and a maximum. \
                    The Hessian's eigenvalues decide: all > 0 minimum, all < 0 maximum, mixed signs saddle, a zero one \
                    degenerate.")
                .implementation(Impl {
                    classify_critical_point: |h| common::checked_hessian(h).map(|()| Kind::Minimum),
                }),
            Misconception::named("diagonal_only")
                .explanation("You read the signs of the Hessian's diagonal. Those are the curvatures along the axes \
                    only: H = [1 2; 2 1] curves up along x and along y but down along (1, −1) — its eigenvalues are 3 and \
                    −1, a saddle. Use the eigenvalues of the whole symmetric matrix (Jacobi rotations).")
                .implementation(Impl {
                    classify_critical_point: |h| {
                        common::checked_hessian(h)?;
                        let diagonal: Vec<f64> = h.diagonal().iter().copied().collect();
                        Ok(from_signs(&diagonal, f64::EPSILON.sqrt() * common::max_abs(&diagonal)))
                    },
                }),
            Misconception::named("exact_zero_test")
                .explanation("You test `λ == 0.0`. Computed eigenvalues of a singular Hessian come out as ±1e-16, \
                    not 0, so flat directions are missed and a degenerate point is called a minimum or a saddle. \
                    Count λ as zero when |λ| ≤ √ε · maxᵢ|λᵢ|.")
                .implementation(Impl {
                    classify_critical_point: |h| {
                        common::checked_hessian(h)?;
                        let eigen = mathlings_linalg::symmetric_eigen(&((h + h.transpose()) * 0.5)).map_err(CalculusError::from)?;
                        Ok(from_signs(eigen.eigenvalues.as_slice(), 0.0))
                    },
                }),
            Misconception::named("two_by_two_rule")
                .explanation("You use the two-variable test (D = f_xx·f_yy − f_xy² > 0 and f_xx > 0 ⇒ minimum) with \
                    the determinant of a larger Hessian. For n > 2 a positive determinant only says the number of \
                    negative eigenvalues is even: diag(−1, −1, 1) has det 1 and h₁₁ < 0, yet it is a saddle. Classify \
                    by the signs of all n eigenvalues.")
                .implementation(Impl { classify_critical_point: two_by_two_rule }),
        ],
        probe: |imp| {
            let q = orthogonal(3, &[0.3, -0.2, 0.7, 0.1, 0.9, -0.4, -0.6, 0.2, 0.5]);
            let rotated = with_eigenvalues(&[0.0, 1.0, 2.0], &q);
            let (saddle, mixed) = (square(&[0.0, 1.0, 1.0, 0.0]), square(&[1.0, 2.0, 2.0, 1.0]));
            let cases = [saddle, mixed, rotated, diag(&[-1.0, -1.0, 1.0]), diag(&[-2.0, -2.0])];
            cases.iter().map(|h| show::result(&(imp.classify_critical_point)(h))).collect()
        },
    }
}

fn from_signs(values: &[f64], tolerance: f64) -> Kind {
    let positive = values.iter().any(|&l| l > tolerance);
    let negative = values.iter().any(|&l| l < -tolerance);
    let zero = values.iter().any(|&l| l.abs() <= tolerance);
    match (positive, negative, zero) {
        (true, true, _) => Kind::Saddle,
        (_, _, true) => Kind::Degenerate,
        (true, _, _) => Kind::Minimum,
        _ => Kind::Maximum,
    }
}

fn two_by_two_rule(h: &DMatrix<f64>) -> Result<Kind, CalculusError> {
    common::checked_hessian(h)?;
    if h.nrows() == 1 {
        return Ok(from_signs(&[h[(0, 0)]], 0.0));
    }
    let d = mathlings_linalg::determinant(h).map_err(CalculusError::from)?;
    let scale = h.amax().powi(h.nrows() as i32);
    Ok(if d.abs() <= f64::EPSILON.sqrt() * scale {
        Kind::Degenerate
    } else if d < 0.0 {
        Kind::Saddle
    } else if h[(0, 0)] > 0.0 {
        Kind::Minimum
    } else {
        Kind::Maximum
    })
}
