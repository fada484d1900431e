//! The class report's charts, drawn in the course's one plotting style (`mathlings-plot`,
//! the crate that draws learners' figures): the score distribution, and per status the
//! share of the class in it for each exercise (small multiples, one panel per status).
//! Each is an SVG document made fit to inline in the HTML page.

use mathlings_plot::{Axis, Chart, Colour, Mark, OTHERS, REFERENCE, Series, YOURS, figure};

/// The score distribution: `counts[i]` submissions in the i-th of `counts.len()` equal
/// bands of 0–100 %.
pub fn score_histogram(counts: &[usize], seed: u64) -> String {
    let width = 100.0 / counts.len().max(1) as f64;
    let highest = counts.iter().copied().max().unwrap_or(0).max(1);
    let points = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| ((i as f64 + 0.5) * width, c as f64))
        .collect();
    let chart = Chart::new(
        "",
        Axis::linear("score (%)", 0.0, 100.0),
        Axis::linear("submissions", 0.0, highest as f64 * 1.1),
    )
    .with(Series::new(
        "submissions",
        REFERENCE,
        Mark::Bars(width * 0.9),
        points,
    ));
    inline(
        figure(
            "scores",
            "Score distribution",
            "",
            seed,
            1,
            std::slice::from_ref(&chart),
        )
        .svg,
    )
}

/// One panel per status: for each exercise (numbered from 1, as in the report's table),
/// the share of the class with that status. `shares` holds, per status, its name and its
/// percentage per exercise.
pub fn status_panels(shares: &[(&str, Vec<f64>)], seed: u64) -> String {
    let exercises = shares.first().map_or(0, |(_, s)| s.len());
    let panels: Vec<Chart> = shares
        .iter()
        .enumerate()
        .map(|(k, (status, share))| {
            let points = share
                .iter()
                .enumerate()
                .map(|(i, &p)| (i as f64 + 1.0, p))
                .collect();
            Chart::new(
                *status,
                Axis::linear(
                    "exercise (as numbered in the table)",
                    0.5,
                    exercises as f64 + 0.5,
                ),
                Axis::linear("share of the class (%)", 0.0, 105.0),
            )
            .with(Series::new(*status, colour(k), Mark::Bars(0.8), points))
        })
        .collect();
    inline(figure("statuses", "Statuses per exercise", "", seed, 2, &panels).svg)
}

/// The colour of the k-th status panel (pass, fail, not started, crashed, then the others
/// shown): Okabe–Ito, with the learner's vermillion for failures.
fn colour(k: usize) -> Colour {
    let palette = [
        OTHERS[0], YOURS, OTHERS[3], OTHERS[2], OTHERS[1], OTHERS[4], REFERENCE,
    ];
    palette[k % palette.len()]
}

/// The SVG without its namespace declaration (the HTML page gives inline SVG its
/// namespace) nor any XML declaration, so the page names no outside address.
fn inline(svg: String) -> String {
    let svg = match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    };
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}
