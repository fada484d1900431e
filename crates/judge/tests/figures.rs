//! Every figure renders, draws both the learner's series and the reference's, tells a
//! registered misconception from the solution at a glance, and is the same for the same
//! seed. Run in process on the trusted targets (the solution, the misconceptions); the
//! learner's path through the learner process is tested end to end in `xtask/tests/plots.rs`.

use mathlings_checks::{Options, fnv1a};
use mathlings_judge::{EXERCISES, Entry, Target};
use mathlings_plot::{Colour, Figure, REFERENCE, YOURS};
use mathlings_png::{Text, tiny_skia};

const SEED: u64 = 2026;

/// Misconceptions a figure cannot show, with the reason: they differ from the solution
/// only on input a picture of the function does not draw (bad input that must be
/// rejected, numbers past overflow).
const INVISIBLE: &[(&str, &str, &str)] = &[
    (
        "s1_4_simpson_ecdf",
        "odd_intervals_accepted",
        "differs only for an odd number of strips, which must be an error",
    ),
    (
        "s1_5_normal_distribution",
        "sigma_not_checked",
        "differs only for σ ≤ 0, which must be an error",
    ),
    (
        "s1_5_binomial_pmf",
        "zero_times_log_zero",
        "differs only at p = 0 or p = 1",
    ),
    (
        "s1_5_binomial_pmf",
        "p_not_checked",
        "differs only for p outside [0, 1], which must be an error",
    ),
    (
        "s1_10_logistic_regression",
        "sigmoid_overflows",
        "differs only for |z| in the hundreds, where e^z overflows",
    ),
    (
        "s1_10_logistic_regression",
        "separation_not_reported",
        "differs only on separable data, which must be an error",
    ),
    (
        "s2_6_svd",
        "via_gram_matrix",
        "loses accuracy only on ill-conditioned matrices (squared condition number)",
    ),
    (
        "s2_6_low_rank_pinv",
        "inverts_zero_singular_values",
        "a pseudo-inverse of a singular matrix; the figure draws approximations",
    ),
    (
        "s2_6_svd",
        "v_not_transposed",
        "a 2×2 V comes out as a reflection, which is symmetric: V = Vᵀ in the picture",
    ),
    (
        "s4_3_logistic_iris",
        "log_of_probabilities",
        "a wrong deviance; the figure draws predict_proba's boundary",
    ),
    (
        "s4_3_logistic_iris",
        "confusion_transposed",
        "a transposed confusion matrix; the figure draws predict_proba's boundary",
    ),
    (
        "s3_3_critical_points",
        "exact_zero_test",
        "differs only on singular Hessians; the figure's four critical points are not degenerate",
    ),
    (
        "s3_3_critical_points",
        "two_by_two_rule",
        "differs only for n > 2 variables; the figure's landscape has two",
    ),
    (
        "s4_5_pca_iris_2d",
        "ratios_of_kept_only",
        "wrong variance ratios; the figure draws the scores",
    ),
];

fn options() -> Options {
    Options {
        seed: SEED,
        cases: 64,
        first_failure: false,
        deterministic: false,
    }
}

fn figures(entry: &Entry, target: Target) -> Option<Vec<Figure>> {
    (entry.figures)(target, &options())
}

fn plotted() -> impl Iterator<Item = (&'static Entry, Vec<Figure>)> {
    EXERCISES.iter().filter_map(|e| {
        let figs = figures(e, Target::Solution).expect("the solution exists");
        (!figs.is_empty()).then_some((e, figs))
    })
}

/// The figure as pixels (text is not needed to tell series apart, so no fonts are loaded).
fn raster(figure: &Figure) -> tiny_skia::Pixmap {
    mathlings_png::pixmap(&figure.svg, Text::Omitted)
        .unwrap_or_else(|e| panic!("{}: {e}", figure.id))
}

/// Pixels within a small distance of `colour` (anti-aliasing and half-transparent bars
/// shift colours a little).
fn pixels_of(pixmap: &tiny_skia::Pixmap, colour: Colour) -> usize {
    pixmap
        .pixels()
        .iter()
        .filter(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            p.alpha() == 255
                && d(p.red(), colour.0) + d(p.green(), colour.1) + d(p.blue(), colour.2) < 40
        })
        .count()
}

/// Pixels that differ visibly between two renderings (different sizes differ everywhere).
fn differing_pixels(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap) -> usize {
    if (a.width(), a.height()) != (b.width(), b.height()) {
        return a.pixels().len().max(b.pixels().len());
    }
    a.pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| {
            let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
            d(p.red(), q.red()) + d(p.green(), q.green()) + d(p.blue(), q.blue()) > 60
        })
        .count()
}

#[test]
fn every_solution_figure_draws_yours_and_the_reference() {
    let mut count = 0;
    for (entry, figs) in plotted() {
        for figure in &figs {
            let pixmap = raster(figure);
            let (yours, reference) = (pixels_of(&pixmap, YOURS), pixels_of(&pixmap, REFERENCE));
            assert!(
                yours > 40 && reference > 40,
                "{}/{}: yours {yours} px, reference {reference} px",
                entry.id,
                figure.id
            );
            assert!(!figure.caption.is_empty() && !figure.title.is_empty());
            assert!(
                figure.svg.contains(&format!("seed {SEED}")),
                "{}: no seed",
                entry.id
            );
            count += 1;
        }
    }
    assert!(count > 0, "no figures at all");
}

#[test]
fn a_registered_misconception_looks_different() {
    for (entry, solution) in plotted() {
        let solution: Vec<_> = solution.iter().map(raster).collect();
        for (i, (id, _)) in (entry.describe)().misconceptions.iter().enumerate() {
            let wrong = figures(entry, Target::Misconception(i)).expect("registered");
            let differing: usize = wrong
                .iter()
                .map(raster)
                .zip(&solution)
                .map(|(w, s)| differing_pixels(&w, s))
                .sum();
            let invisible = INVISIBLE.iter().any(|(e, m, _)| *e == entry.id && m == id);
            assert!(
                invisible || differing > 100,
                "{}: misconception {id} differs from the solution in {differing} pixels only",
                entry.id
            );
        }
    }
}

#[test]
fn solution_figures_are_deterministic_for_a_seed() {
    let hashes = || -> String {
        plotted()
            .flat_map(|(entry, figs)| {
                figs.into_iter()
                    .map(move |f| format!("{}/{}: {:016x}\n", entry.id, f.id, fnv1a(&f.svg)))
            })
            .collect()
    };
    let first = hashes();
    assert_eq!(first, hashes());
    insta::assert_snapshot!(first);
}

#[test]
fn sixteen_exercises_or_more_are_plotted_across_the_four_parts() {
    let ids: Vec<&str> = plotted().map(|(e, _)| e.id).collect();
    assert!(ids.len() >= 16, "{} plotted: {ids:?}", ids.len());
    for part in ["s1_", "s2_", "s3_", "s4_"] {
        assert!(
            ids.iter().any(|id| id.starts_with(part)),
            "no figure in part {part}"
        );
    }
}
