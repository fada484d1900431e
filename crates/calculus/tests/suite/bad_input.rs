//! Every public function on empty input, NaN, ±∞, mismatched shapes, non-square or
//! non-symmetric matrices, singular systems and invalid parameters: the specific error
//! variant, never a panic. (Dual numbers and the tape are arithmetic: NaN propagates.)

use mathlings_calculus::*;
use nalgebra::DMatrix;

type R<T> = Result<T, CalculusError>;

/// forward_difference or central_difference, behind one signature.
type Difference = fn(&dyn Fn(f64) -> f64, f64, f64) -> R<f64>;

fn is_invalid<T>(result: R<T>, expected: &str) -> bool {
    matches!(result, Err(CalculusError::InvalidParameter { name, .. }) if name == expected)
}

fn square(x: f64) -> f64 {
    x * x
}

fn sum_of_squares(p: &[f64]) -> f64 {
    p.iter().map(|v| v * v).sum()
}

fn gradient_of_sum_of_squares(p: &[f64]) -> Vec<f64> {
    p.iter().map(|v| 2.0 * v).collect()
}

fn identity_hessian(p: &[f64]) -> DMatrix<f64> {
    DMatrix::identity(p.len(), p.len()) * 2.0
}

#[test]
fn finite_differences_reject_bad_points_steps_and_values() {
    let differences: [Difference; 2] = [
        |f, x, h| forward_difference(f, x, h),
        |f, x, h| central_difference(f, x, h),
    ];
    for difference in differences {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(difference(&square, x, 1e-5), Err(CalculusError::NonFinite));
        }
        for h in [0.0, -1e-5, f64::NAN, f64::INFINITY] {
            assert!(is_invalid(difference(&square, 1.0, h), "h"));
        }
        // h below the float spacing at x: x + h == x (the "h too small" mistake).
        assert!(is_invalid(difference(&square, 1e10, 1e-10), "h"));
        // x + h overflows.
        assert!(is_invalid(difference(&square, f64::MAX, f64::MAX), "h"));
        // f returns NaN / ∞.
        assert_eq!(
            difference(&f64::ln, -1.0, 1e-5),
            Err(CalculusError::NonFinite)
        );
        assert_eq!(
            difference(&|x| 1.0 / x, 0.0, 1e-300),
            Err(CalculusError::NonFinite)
        );
        // Finite values whose difference quotient overflows.
        let step = |x: f64| if x > 0.0 { 1e300 } else { -1e300 };
        assert_eq!(
            difference(&step, 0.0, 1e-300),
            Err(CalculusError::NonFinite)
        );
    }
}

#[test]
fn optimal_steps_never_fail() {
    assert!(optimal_central_step(f64::INFINITY).is_infinite());
    assert!(optimal_forward_step(f64::NEG_INFINITY).is_infinite());
    assert_eq!(optimal_hessian_step(f64::NAN), optimal_hessian_step(0.0));
}

#[test]
fn dual_numbers_and_the_tape_propagate_nan() {
    assert!(Dual::variable(-1.0).ln().value.is_nan());
    assert!(derivative(Dual::sqrt, -1.0).is_nan());
    assert!(derivative(|x| x.sqrt(), f64::NAN).is_nan());
    assert!(derivative(|x| x / Dual::constant(0.0), 1.0).is_nan());
    let mut tape = Tape::new();
    let x = tape.var(-1.0);
    let y = tape.ln(x);
    assert!(tape.value(y).is_nan());
    assert!(tape.gradient(y)[x.index()].is_finite()); // d ln x/dx = 1/x = −1 even there
    let z = tape.sqrt(x);
    assert!(tape.gradient(z)[x.index()].is_nan());
}

#[test]
fn gradient_jacobian_and_hessian_reject_bad_input() {
    let vector_f = |p: &[f64]| p.to_vec();
    assert_eq!(
        numerical_gradient(sum_of_squares, &[], 1e-5),
        Err(CalculusError::Empty)
    );
    assert_eq!(jacobian(vector_f, &[], 1e-5), Err(CalculusError::Empty));
    assert_eq!(
        hessian(sum_of_squares, &[], 1e-4),
        Err(CalculusError::Empty)
    );
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            numerical_gradient(sum_of_squares, &[1.0, bad], 1e-5),
            Err(CalculusError::NonFinite)
        );
        assert_eq!(
            jacobian(vector_f, &[bad], 1e-5),
            Err(CalculusError::NonFinite)
        );
        assert_eq!(
            hessian(sum_of_squares, &[bad, 1.0], 1e-4),
            Err(CalculusError::NonFinite)
        );
    }
    for h in [0.0, -1.0, f64::NAN] {
        assert!(is_invalid(
            numerical_gradient(sum_of_squares, &[1.0], h),
            "h"
        ));
        assert!(is_invalid(jacobian(vector_f, &[1.0], h), "h"));
        assert!(is_invalid(hessian(sum_of_squares, &[1.0], h), "h"));
    }
    assert!(is_invalid(
        numerical_gradient(sum_of_squares, &[1e10], 1e-10),
        "h"
    ));
    // Function values that are NaN or infinite.
    let ln_sum = |p: &[f64]| p.iter().sum::<f64>().ln();
    assert_eq!(
        numerical_gradient(ln_sum, &[-5.0], 1e-5),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        hessian(ln_sum, &[-5.0], 1e-4),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        jacobian(|p: &[f64]| vec![p[0].ln()], &[-5.0], 1e-5),
        Err(CalculusError::NonFinite)
    );
    // Jacobian: outputs of changing length, and an empty output.
    let ragged = |p: &[f64]| vec![0.0; if p[0] > 0.0 { 2 } else { 3 }];
    assert_eq!(
        jacobian(ragged, &[0.0], 1e-5),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 3
        })
    );
    assert_eq!(
        jacobian(|_: &[f64]| Vec::new(), &[1.0], 1e-5),
        Err(CalculusError::Empty)
    );
}

#[test]
fn softmax_family_rejects_empty_and_non_finite_scores() {
    assert_eq!(softmax(&[]), Err(CalculusError::Empty));
    assert_eq!(log_softmax(&[]), Err(CalculusError::Empty));
    assert_eq!(softmax_jacobian(&[]), Err(CalculusError::Empty));
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(softmax(&[0.0, bad]), Err(CalculusError::NonFinite));
        assert_eq!(log_softmax(&[bad]), Err(CalculusError::NonFinite));
        assert_eq!(softmax_jacobian(&[bad, 1.0]), Err(CalculusError::NonFinite));
    }
}

#[test]
fn first_order_optimizers_reject_bad_input() {
    let g = gradient_of_sum_of_squares;
    let gd = |x0: &[f64], rate: f64, tol: f64, max_iter: usize| {
        gradient_descent(g, x0, rate, tol, max_iter)
    };
    let mo = |x0: &[f64], rate: f64, beta: f64, tol: f64, max_iter: usize| {
        momentum(g, x0, rate, beta, tol, max_iter)
    };
    let ad = |x0: &[f64], rate: f64, b1: f64, b2: f64, eps: f64, tol: f64, max_iter: usize| {
        adam(g, x0, rate, b1, b2, eps, tol, max_iter)
    };

    // Empty and non-finite starts.
    assert_eq!(gd(&[], 0.1, 1e-8, 10), Err(CalculusError::Empty));
    assert_eq!(mo(&[], 0.1, 0.5, 1e-8, 10), Err(CalculusError::Empty));
    assert_eq!(
        ad(&[], 0.1, 0.9, 0.999, 1e-8, 1e-8, 10),
        Err(CalculusError::Empty)
    );
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(gd(&[bad], 0.1, 1e-8, 10), Err(CalculusError::NonFinite));
        assert_eq!(
            mo(&[bad], 0.1, 0.5, 1e-8, 10),
            Err(CalculusError::NonFinite)
        );
        assert_eq!(
            ad(&[bad], 0.1, 0.9, 0.999, 1e-8, 1e-8, 10),
            Err(CalculusError::NonFinite)
        );
    }
    // Invalid parameters.
    for rate in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert!(is_invalid(gd(&[1.0], rate, 1e-8, 10), "learning_rate"));
        assert!(is_invalid(mo(&[1.0], rate, 0.5, 1e-8, 10), "learning_rate"));
        assert!(is_invalid(
            ad(&[1.0], rate, 0.9, 0.999, 1e-8, 1e-8, 10),
            "learning_rate"
        ));
    }
    for tol in [0.0, -1.0, f64::NAN] {
        assert!(is_invalid(gd(&[1.0], 0.1, tol, 10), "tol"));
        assert!(is_invalid(mo(&[1.0], 0.1, 0.5, tol, 10), "tol"));
        assert!(is_invalid(
            ad(&[1.0], 0.1, 0.9, 0.999, 1e-8, tol, 10),
            "tol"
        ));
    }
    assert!(is_invalid(gd(&[1.0], 0.1, 1e-8, 0), "max_iter"));
    assert!(is_invalid(mo(&[1.0], 0.1, 0.5, 1e-8, 0), "max_iter"));
    assert!(is_invalid(
        ad(&[1.0], 0.1, 0.9, 0.999, 1e-8, 1e-8, 0),
        "max_iter"
    ));
    for beta in [-0.1, 1.0, 1.5, f64::NAN] {
        assert!(is_invalid(mo(&[1.0], 0.1, beta, 1e-8, 10), "beta"));
        assert!(is_invalid(
            ad(&[1.0], 0.1, beta, 0.999, 1e-8, 1e-8, 10),
            "beta1"
        ));
        assert!(is_invalid(
            ad(&[1.0], 0.1, 0.9, beta, 1e-8, 1e-8, 10),
            "beta2"
        ));
    }
    assert!(is_invalid(
        ad(&[1.0], 0.1, 0.9, 0.999, 0.0, 1e-8, 10),
        "epsilon"
    ));
    // A gradient of the wrong length.
    let short = |_: &[f64]| vec![1.0];
    assert_eq!(
        gradient_descent(short, &[1.0, 2.0], 0.1, 1e-8, 10),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 1
        })
    );
    assert_eq!(
        momentum(short, &[1.0, 2.0], 0.1, 0.5, 1e-8, 10),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 1
        })
    );
    assert_eq!(
        adam(short, &[1.0, 2.0], 0.1, 0.9, 0.999, 1e-8, 1e-8, 10),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 1
        })
    );
    // A gradient that is NaN at the start is bad input; divergence later is NoConvergence.
    let nan_grad = |_: &[f64]| vec![f64::NAN];
    assert_eq!(
        gradient_descent(nan_grad, &[1.0], 0.1, 1e-8, 10),
        Err(CalculusError::NonFinite)
    );
    assert!(matches!(
        gd(&[1.0], 5.0, 1e-8, 100_000),
        Err(CalculusError::NoConvergence { .. })
    ));
    assert!(matches!(
        mo(&[1.0], 5.0, 0.5, 1e-8, 100_000),
        Err(CalculusError::NoConvergence { .. })
    ));
    // Running out of budget.
    assert_eq!(
        gd(&[1.0], 1e-6, 1e-8, 3),
        Err(CalculusError::NoConvergence { iterations: 3 })
    );
    assert_eq!(
        ad(&[1.0], 1e-6, 0.9, 0.999, 1e-8, 1e-8, 3),
        Err(CalculusError::NoConvergence { iterations: 3 })
    );
}

#[test]
fn newton_rejects_bad_input_and_singular_hessians() {
    let g = gradient_of_sum_of_squares;
    let h = identity_hessian;
    assert_eq!(
        newton_method(g, h, &[], 1e-8, 10),
        Err(CalculusError::Empty)
    );
    assert_eq!(
        newton_method(g, h, &[f64::NAN], 1e-8, 10),
        Err(CalculusError::NonFinite)
    );
    assert!(is_invalid(newton_method(g, h, &[1.0], 0.0, 10), "tol"));
    assert!(is_invalid(newton_method(g, h, &[1.0], 1e-8, 0), "max_iter"));
    let wrong_size = |_: &[f64]| DMatrix::identity(3, 3);
    assert_eq!(
        newton_method(g, wrong_size, &[1.0, 1.0], 1e-8, 10),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 3
        })
    );
    let not_square = |_: &[f64]| DMatrix::zeros(2, 3);
    assert_eq!(
        newton_method(g, not_square, &[1.0, 1.0], 1e-8, 10),
        Err(CalculusError::DimensionMismatch {
            expected: 2,
            got: 3
        })
    );
    let nan_hessian = |_: &[f64]| DMatrix::from_element(1, 1, f64::NAN);
    assert_eq!(
        newton_method(g, nan_hessian, &[1.0], 1e-8, 10),
        Err(CalculusError::NonFinite)
    );
    let singular = |_: &[f64]| DMatrix::zeros(2, 2);
    assert_eq!(
        newton_method(g, singular, &[1.0, 1.0], 1e-8, 10),
        Err(CalculusError::Singular)
    );
}

#[test]
fn armijo_rejects_bad_input() {
    let f = sum_of_squares;
    let arm = |g: &[f64], x: &[f64], d: &[f64], step: f64, c: f64, shrink: f64| {
        armijo_backtracking(f, g, x, d, step, c, shrink)
    };
    assert_eq!(
        arm(&[], &[], &[], 1.0, 1e-4, 0.5),
        Err(CalculusError::Empty)
    );
    assert_eq!(
        arm(&[2.0], &[f64::NAN], &[-2.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        arm(&[f64::INFINITY], &[1.0], &[-2.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        arm(&[2.0], &[1.0], &[f64::NEG_INFINITY], 1.0, 1e-4, 0.5),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        arm(&[2.0, 1.0], &[1.0], &[-2.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::DimensionMismatch {
            expected: 1,
            got: 2
        })
    );
    assert_eq!(
        arm(&[2.0], &[1.0], &[-2.0, 0.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::DimensionMismatch {
            expected: 1,
            got: 2
        })
    );
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(is_invalid(
            arm(&[2.0], &[1.0], &[-2.0], bad, 1e-4, 0.5),
            "initial_step"
        ));
    }
    for bad in [0.0, 1.0, -0.5, f64::NAN] {
        assert!(is_invalid(arm(&[2.0], &[1.0], &[-2.0], 1.0, bad, 0.5), "c"));
        assert!(is_invalid(
            arm(&[2.0], &[1.0], &[-2.0], 1.0, 1e-4, bad),
            "shrink"
        ));
    }
    assert_eq!(
        arm(&[2.0], &[1.0], &[2.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NotDescentDirection)
    );
    assert_eq!(
        arm(&[2.0], &[1.0], &[0.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NotDescentDirection)
    );
    // f(x) itself not finite.
    let ln = |p: &[f64]| p[0].ln();
    assert_eq!(
        armijo_backtracking(ln, &[1.0], &[-1.0], &[-1.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NonFinite)
    );
    // A wrong gradient: "downhill" according to it, but f only rises along d.
    assert!(matches!(
        arm(&[-2.0], &[1.0], &[1.0], 1.0, 1e-4, 0.5),
        Err(CalculusError::NoConvergence { .. })
    ));
    // With shrink near 1 the budget of MAX_BACKTRACKS runs out first.
    assert_eq!(
        arm(&[-2.0], &[1.0], &[1.0], 1.0, 1e-4, 0.999),
        Err(CalculusError::NoConvergence {
            iterations: MAX_BACKTRACKS
        })
    );
}

#[test]
fn classification_rejects_bad_matrices() {
    let empty = DMatrix::<f64>::zeros(0, 0);
    assert_eq!(classify_critical_point(&empty), Err(CalculusError::Empty));
    let not_square = DMatrix::<f64>::zeros(2, 3);
    assert_eq!(
        classify_critical_point(&not_square),
        Err(CalculusError::NotSquare { rows: 2, cols: 3 })
    );
    let mut nan = DMatrix::<f64>::identity(2, 2);
    nan[(0, 1)] = f64::NAN;
    assert_eq!(classify_critical_point(&nan), Err(CalculusError::NonFinite));
    let mut inf = DMatrix::<f64>::identity(2, 2);
    inf[(1, 1)] = f64::INFINITY;
    assert_eq!(classify_critical_point(&inf), Err(CalculusError::NonFinite));
    let skew = DMatrix::from_row_slice(2, 2, &[1.0, 1.0, -1.0, 1.0]);
    assert_eq!(
        classify_critical_point(&skew),
        Err(CalculusError::NotSymmetric)
    );
    for tol in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(is_invalid(
            classify_critical_point_with_tolerance(&DMatrix::identity(2, 2), tol),
            "tolerance"
        ));
    }
    assert_eq!(
        classify_critical_point_with_tolerance(&not_square, 1e-8),
        Err(CalculusError::NotSquare { rows: 2, cols: 3 })
    );
}

#[test]
fn convexity_test_rejects_bad_input() {
    let f = sum_of_squares;
    assert_eq!(is_convex_on(f, &[], 1e-4), Err(CalculusError::Empty));
    assert_eq!(is_convex_on(f, &[vec![]], 1e-4), Err(CalculusError::Empty));
    assert_eq!(
        is_convex_on(f, &[vec![f64::NAN]], 1e-4),
        Err(CalculusError::NonFinite)
    );
    assert_eq!(
        is_convex_on(f, &[vec![1.0], vec![1.0, 2.0]], 1e-4),
        Err(CalculusError::DimensionMismatch {
            expected: 1,
            got: 2
        })
    );
    assert!(is_invalid(is_convex_on(f, &[vec![1.0]], 0.0), "h"));
    let ln = |p: &[f64]| p[0].ln();
    assert_eq!(
        is_convex_on(ln, &[vec![-1.0]], 1e-4),
        Err(CalculusError::NonFinite)
    );
}

#[test]
fn multi_start_rejects_no_starts_and_reports_failures() {
    let local = |x0: &[f64]| gradient_descent(gradient_of_sum_of_squares, x0, 0.1, 1e-8, 1_000);
    assert_eq!(
        multi_start(sum_of_squares, local, &[]),
        Err(CalculusError::Empty)
    );
    // The local method's own error comes back when every run fails.
    assert_eq!(
        multi_start(sum_of_squares, local, &[vec![]]),
        Err(CalculusError::Empty)
    );
    // Runs that end where f is not finite are failures too.
    let nan_f = |_: &[f64]| f64::NAN;
    assert_eq!(
        multi_start(nan_f, local, &[vec![1.0]]),
        Err(CalculusError::NonFinite)
    );
}
