//! Shared pieces of the figures over the plane: the level bands of a function, the path of
//! an optimiser (read from the points where it evaluated the gradient), markers of points,
//! and the level curve of a sampled function (a decision boundary).

use std::cell::RefCell;
use std::fmt::Debug;

use mathlings_plot::{Grid, Shading};

use crate::yours;

/// Bands behind a path or a point: cells of the background grid along each axis.
const CELLS: usize = 90;
/// Bands behind a path or a point: how many levels of grey.
const LEVELS: u32 = 12;

/// The level bands of `f` over the rectangle `x × y` (darker where f is lower).
pub fn bands(x: (f64, f64), y: (f64, f64), f: impl Fn(f64, f64) -> f64) -> Grid {
    Grid::sample(x, y, CELLS, CELLS, Shading::Levels(LEVELS), f)
}

thread_local! {
    /// The points at which a recording gradient was evaluated, in order.
    static VISITED: RefCell<Vec<(f64, f64)>> = const { RefCell::new(Vec::new()) };
}

/// Notes that a gradient was evaluated at `x` (call it first in a recording gradient: a
/// plain `fn`, which the proxies pass to the learner process as a callback).
pub fn visit(x: &[f64]) {
    if let [a, b, ..] = x {
        VISITED.with(|v| v.borrow_mut().push((*a, *b)));
    }
}

/// The curved valley of the optimiser figures (momentum, Adam, Newton), a Rosenbrock valley
/// gentler than the classic: f(x, y) = (1 − x)² + 10 (y − x²)², its minimum 0 at (1, 1) at
/// the end of a curved, narrow floor along y = x².
pub fn valley(x: f64, y: f64) -> f64 {
    (1.0 - x).powi(2) + 10.0 * (y - x * x).powi(2)
}

/// ∇ of [`valley`], recording where it was evaluated (the optimiser's iterates; see
/// [`visit`]).
pub fn valley_gradient(p: &[f64]) -> Vec<f64> {
    visit(p);
    let (x, y) = (p[0], p[1]);
    vec![
        -2.0 * (1.0 - x) - 40.0 * x * (y - x * x),
        20.0 * (y - x * x),
    ]
}

/// Points in the plane, or why there are none.
pub type Points = Result<Vec<(f64, f64)>, String>;

/// The path an optimiser took: the points where `run` evaluated a recording gradient (an
/// optimiser evaluates ∇f once at every iterate), and, when `run` failed after its first
/// step, why it stopped (a path that ran out of steps is still a path). `Err` when it
/// panicked or failed before taking a step.
pub fn path<T, E: Debug>(run: impl FnOnce() -> Result<T, E>) -> (Points, Option<String>) {
    VISITED.with(|v| v.borrow_mut().clear());
    let outcome = yours(run);
    let visited = VISITED.with(|v| std::mem::take(&mut *v.borrow_mut()));
    match outcome {
        Ok(_) => (Ok(visited), None),
        Err(reason) if visited.len() >= 2 => (Ok(visited), Some(reason)),
        Err(reason) => (Err(reason), None),
    }
}

/// How a path ended, for its legend: its steps, and why it stopped when it failed (a last
/// step to a NaN or ±∞, or running out of steps, shortened to "no convergence").
pub fn steps(path: &[(f64, f64)], stopped: Option<&str>) -> String {
    let n = path.len().saturating_sub(1);
    let noun = if n == 1 { "step" } else { "steps" };
    let blew_up = path
        .last()
        .is_some_and(|(a, b)| !(a.is_finite() && b.is_finite()));
    match stopped {
        None => format!("({n} {noun})"),
        Some(_) if blew_up => format!("({n} {noun}, the last to NaN or ∞)"),
        Some(reason) if reason.contains("NoConvergence") => {
            format!("({n} {noun}, no convergence)")
        }
        Some(reason) => format!("({n} {noun}, then {reason})"),
    }
}

/// The start of `points` that stays inside `x × y` (plotters would move a point outside
/// onto the edge): a diverging path ends where it leaves the chart.
pub fn inside(points: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> Vec<(f64, f64)> {
    points
        .iter()
        .copied()
        .take_while(|&(a, b)| (x.0..=x.1).contains(&a) && (y.0..=y.1).contains(&b))
        .collect()
}

/// `n × n` grid nodes over `x × y`, the first coordinate varying fastest: (xᵢ, yⱼ) at index
/// `j·n + i`.
pub fn nodes(x: (f64, f64), y: (f64, f64), n: usize) -> Vec<(f64, f64)> {
    let (xs, ys) = (crate::linspace(x.0, x.1, n), crate::linspace(y.0, y.1, n));
    ys.iter()
        .flat_map(|&b| xs.iter().map(move |&a| (a, b)))
        .collect()
}

/// Where the values at the [`nodes`] cross `level`, as segments (pairs of points, for
/// `Mark::Segments`): marching squares, linear between nodes.
pub fn level_curve(
    x: (f64, f64),
    y: (f64, f64),
    n: usize,
    values: &[f64],
    level: f64,
) -> Vec<(f64, f64)> {
    let points = nodes(x, y, n);
    let mut segments = Vec::new();
    if values.len() != n * n || n < 2 {
        return segments;
    }
    let at = |i: usize, j: usize| j * n + i;
    // Where the edge from node a to node b crosses the level, if it does.
    let crossing = |a: usize, b: usize| {
        let (va, vb) = (values[a] - level, values[b] - level);
        ((va < 0.0) != (vb < 0.0) && va.is_finite() && vb.is_finite()).then(|| {
            let t = va / (va - vb);
            let (pa, pb) = (points[a], points[b]);
            (pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1))
        })
    };
    for j in 0..n - 1 {
        for i in 0..n - 1 {
            let corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
            let found: Vec<(f64, f64)> = (0..4)
                .filter_map(|k| crossing(corners[k], corners[(k + 1) % 4]))
                .collect();
            // Two crossings make one segment; four (a saddle cell), two.
            segments.extend(found.chunks_exact(2).flatten());
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_curve_of_a_plane_is_its_line() {
        let (x, y, n) = ((0.0, 1.0), (0.0, 1.0), 11);
        let values: Vec<f64> = nodes(x, y, n).iter().map(|(a, b)| a + b).collect();
        let segments = level_curve(x, y, n, &values, 1.0);
        assert!(!segments.is_empty());
        assert!(segments.iter().all(|(a, b)| (a + b - 1.0).abs() < 1e-12));
    }

    #[test]
    fn a_legend_says_how_a_path_ended() {
        let two = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)];
        assert_eq!(steps(&two, None), "(2 steps)");
        let stuck = "returned Err(NoConvergence { iterations: 2 })";
        assert_eq!(steps(&two, Some(stuck)), "(2 steps, no convergence)");
        let blown = [(0.0, 0.0), (f64::NAN, f64::NAN)];
        let nan = "returned Err(NoConvergence { iterations: 1 })";
        assert_eq!(steps(&blown, Some(nan)), "(1 step, the last to NaN or ∞)");
        assert_eq!(steps(&two, Some("Singular")), "(2 steps, then Singular)");
    }

    fn recording(x: &[f64]) -> Vec<f64> {
        visit(x);
        vec![x[0], x[1]]
    }

    #[test]
    fn a_path_is_where_the_gradient_was_evaluated() {
        let run = || -> Result<(), ()> {
            recording(&[1.0, 2.0]);
            recording(&[0.5, 1.0]);
            Err(())
        };
        let (points, stopped) = path(run);
        assert_eq!(points, Ok(vec![(1.0, 2.0), (0.5, 1.0)]));
        assert_eq!(stopped.as_deref(), Some("returned Err(())"));
        let (points, _) = path(|| -> Result<(), ()> { todo!() });
        assert!(points.is_err());
    }
}
