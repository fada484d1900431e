//! The course's one plotting style: figures that put the learner's answer ("yours") beside
//! the reference, drawn as SVG by plotters.
//!
//! A figure is one or more [`Chart`]s (panels) laid out in a grid, under a title, with the
//! seed in a footer. A chart has two [`Axis`] (linear or logarithmic, labelled with their
//! units), an optional [`Grid`] background (a heat map, an image, or the level bands of a
//! function over the plane) and [`Series`] drawn as lines, dashed lines, points, bars or
//! segments. Every figure of the course is built from these pieces, so none writes SVG or
//! chooses colours of its own.
//!
//! Style: the Okabe–Ito colour-blind-safe palette (yours = vermillion [`YOURS`], the
//! reference = blue [`REFERENCE`], others [`OTHERS`]); a legend on every chart with a
//! series; the learner's series drawn dashed or hollow over the reference's, so that a
//! right answer shows both, one over the other. The output is deterministic: no time
//! stamps, tick labels formatted by [`tick`], pixel coordinates as integers.
#![deny(missing_docs)]

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// One rendered figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable id within its exercise (`pdf`), used in file names.
    pub id: String,
    /// The title drawn on the figure and shown in the gallery.
    pub title: String,
    /// One sentence: what to look at.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
}

/// What the judge's `plot` verb prints: the figures of one target of one exercise.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PlotResponse {
    /// The exercise's figures (empty when it has none).
    pub figures: Vec<Figure>,
    /// Reference items the learner's code called without the exercise allowing them.
    #[serde(default)]
    pub forbidden: Vec<String>,
    /// How many learner processes were started.
    #[serde(default)]
    pub learner_starts: u32,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    fn rgb(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// `#rrggbb`, as the SVG spells it.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// The learner's series: vermillion (Okabe–Ito).
pub const YOURS: Colour = Colour(0xD5, 0x5E, 0x00);
/// The reference's series: blue (Okabe–Ito).
pub const REFERENCE: Colour = Colour(0x00, 0x72, 0xB2);
/// Further series, in order: bluish green, orange, reddish purple, sky blue, black.
pub const OTHERS: [Colour; 5] = [
    Colour(0x00, 0x9E, 0x73),
    Colour(0xE6, 0x9F, 0x00),
    Colour(0xCC, 0x79, 0xA7),
    Colour(0x56, 0xB4, 0xE9),
    Colour(0x00, 0x00, 0x00),
];

/// How values map to positions along an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scale {
    /// Evenly spaced values.
    Linear,
    /// Evenly spaced powers of ten (the range must be positive).
    Log,
}

/// One axis of a chart.
#[derive(Debug, Clone)]
pub struct Axis {
    /// What it measures, with its unit (`x (standard deviations)`).
    pub label: String,
    /// The shown range, low to high.
    pub range: (f64, f64),
    /// Linear or logarithmic.
    pub scale: Scale,
}

impl Axis {
    /// A linear axis.
    pub fn linear(label: impl Into<String>, low: f64, high: f64) -> Axis {
        Axis {
            label: label.into(),
            range: (low, high),
            scale: Scale::Linear,
        }
    }

    /// A logarithmic axis.
    pub fn log(label: impl Into<String>, low: f64, high: f64) -> Axis {
        Axis {
            label: label.into(),
            range: (low, high),
            scale: Scale::Log,
        }
    }

    /// A linear axis over the finite values given, with 5 % margin on each side (and a unit
    /// range around a single value); `(0, 1)` when there are none.
    pub fn fit(label: impl Into<String>, values: impl IntoIterator<Item = f64>) -> Axis {
        let (low, high) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let (low, high) = if low > high {
            (0.0, 1.0)
        } else if high - low < 1e-12 {
            (low - 0.5, high + 0.5)
        } else {
            let pad = 0.05 * (high - low);
            (low - pad, high + pad)
        };
        Axis::linear(label, low, high)
    }
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Mark {
    /// A solid polyline of this width in pixels.
    Line(u32),
    /// A dashed polyline of this width in pixels.
    Dashed(u32),
    /// Filled dots of this radius in pixels.
    Dots(u32),
    /// Hollow circles of this radius in pixels.
    Rings(u32),
    /// Vertical bars from 0 to each point's y, centred on its x, this wide (in x units);
    /// opaque, so two series of bars are drawn side by side (their x shifted apart).
    Bars(f64),
    /// Separate segments: the points taken in pairs, drawn this many pixels wide.
    Segments(u32),
    /// Filled triangles pointing up (a peak), this many pixels from centre to corner.
    Peaks(u32),
    /// Filled triangles pointing down (a pit), this many pixels from centre to corner.
    Pits(u32),
    /// Crosses (×), this many pixels from centre to tip, drawn 3 pixels wide.
    Crosses(u32),
}

/// One named series of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// The legend's words.
    pub name: String,
    /// Its colour.
    pub colour: Colour,
    /// How it is drawn.
    pub mark: Mark,
    /// Its points (x, y); non-finite points are left out.
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// A series.
    pub fn new(
        name: impl Into<String>,
        colour: Colour,
        mark: Mark,
        points: Vec<(f64, f64)>,
    ) -> Self {
        Series {
            name: name.into(),
            colour,
            mark,
            points,
        }
    }

    /// The reference's series, named "reference".
    pub fn reference(mark: Mark, points: Vec<(f64, f64)>) -> Self {
        Series::new("reference", REFERENCE, mark, points)
    }

    /// The learner's series named "yours `suffix`", or, when the learner's values could not
    /// be had, an entry of the legend alone: "yours: not available — `reason`".
    pub fn yours(suffix: &str, mark: Mark, points: Result<Vec<(f64, f64)>, String>) -> Self {
        let name = if suffix.is_empty() {
            "yours".to_string()
        } else {
            format!("yours {suffix}")
        };
        match points {
            Ok(points) => Series::new(name, YOURS, mark, points),
            Err(reason) => Series::new(
                format!("{name}: not available — {reason}"),
                YOURS,
                mark,
                Vec::new(),
            ),
        }
    }
}

/// How a [`Grid`]'s values are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shading {
    /// Black (lowest) to white (highest): an image.
    Gray,
    /// This many bands of light grey, darker where the value is lower: the level sets of a
    /// function, as a filled contour map (for paths over a landscape).
    Levels(u32),
    /// From a light [`REFERENCE`] blue (lowest) through white to a light orange,
    /// `OTHERS[1]` (highest): two classes' probabilities behind a scatter.
    Diverging,
}

/// Values on a regular grid over a rectangle of the chart, drawn behind the series.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The x range covered (left edge of the first column to right edge of the last).
    pub x: (f64, f64),
    /// The y range covered (bottom edge of the last row to top edge of the first).
    pub y: (f64, f64),
    /// Rows of values, the first row at the top.
    pub values: Vec<Vec<f64>>,
    /// How values become colours.
    pub shading: Shading,
}

impl Grid {
    /// Samples `f` on `columns × rows` cell centres over the rectangle `x × y`.
    pub fn sample(
        x: (f64, f64),
        y: (f64, f64),
        columns: usize,
        rows: usize,
        shading: Shading,
        f: impl Fn(f64, f64) -> f64,
    ) -> Grid {
        let dx = (x.1 - x.0) / columns as f64;
        let dy = (y.1 - y.0) / rows as f64;
        let values = (0..rows)
            .map(|r| {
                let yc = y.1 - (r as f64 + 0.5) * dy;
                (0..columns)
                    .map(|c| f(x.0 + (c as f64 + 0.5) * dx, yc))
                    .collect()
            })
            .collect();
        Grid {
            x,
            y,
            values,
            shading,
        }
    }

    fn colours(&self) -> Vec<Vec<RGBColor>> {
        let finite = self.values.iter().flatten().filter(|v| v.is_finite());
        let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
        let span = if high > low { high - low } else { 1.0 };
        let mix =
            |a: u8, b: u8, t: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        let blend = |from: Colour, to: Colour, t: f64| {
            RGBColor(
                mix(from.0, to.0, t),
                mix(from.1, to.1, t),
                mix(from.2, to.2, t),
            )
        };
        const WHITE_: Colour = Colour(255, 255, 255);
        self.values
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&v| {
                        if !v.is_finite() {
                            return RGBColor(255, 255, 255);
                        }
                        let t = ((v - low) / span).clamp(0.0, 1.0);
                        match self.shading {
                            Shading::Gray => blend(Colour(0, 0, 0), WHITE_, t),
                            Shading::Levels(n) => {
                                let n = n.max(2);
                                let band = (t * f64::from(n)).floor().min(f64::from(n - 1));
                                blend(Colour(150, 150, 150), WHITE_, band / f64::from(n - 1))
                            }
                            Shading::Diverging => {
                                if t < 0.5 {
                                    blend(REFERENCE, WHITE_, 0.55 + 0.45 * t / 0.5)
                                } else {
                                    blend(WHITE_, OTHERS[1], 0.45 * (t - 0.5) / 0.5)
                                }
                            }
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

/// One panel: axes, an optional background grid, series and a legend.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The panel's own title (empty for none).
    pub title: String,
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
    /// Drawn first, behind everything.
    pub background: Option<Grid>,
    /// Drawn in order (the reference first, then yours over it, by convention).
    pub series: Vec<Series>,
    /// Where the legend goes (the corner the data leave empty).
    pub legend: Corner,
}

/// A corner of a chart's plotting area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Corner {
    /// Top left.
    UpperLeft,
    /// Top right.
    UpperRight,
    /// Bottom left.
    LowerLeft,
    /// Bottom right.
    LowerRight,
}

impl Chart {
    /// A chart with no series yet.
    pub fn new(title: impl Into<String>, x: Axis, y: Axis) -> Chart {
        Chart {
            title: title.into(),
            x,
            y,
            background: None,
            series: Vec::new(),
            legend: Corner::UpperRight,
        }
    }

    /// Puts the legend in `corner`.
    pub fn legend_at(mut self, corner: Corner) -> Chart {
        self.legend = corner;
        self
    }

    /// Adds a series.
    pub fn with(mut self, series: Series) -> Chart {
        self.series.push(series);
        self
    }

    /// Sets the background grid.
    pub fn behind(mut self, grid: Grid) -> Chart {
        self.background = Some(grid);
        self
    }
}

/// Width and height of one panel, in pixels.
const PANEL: (u32, u32) = (560, 400);
/// Height of the figure's title band and footer.
const TITLE: u32 = 40;
const FOOTER: u32 = 24;
const FONT: &str = "sans-serif";

/// Draws `panels` in rows of `columns` under `title`, with the seed in the footer.
///
/// The figure's `caption` is not drawn (the gallery shows it beside the picture).
pub fn figure(
    id: &str,
    title: &str,
    caption: &str,
    seed: u64,
    columns: usize,
    panels: &[Chart],
) -> Figure {
    let columns = columns.clamp(1, panels.len().max(1));
    let rows = panels.len().div_ceil(columns).max(1);
    let size = (
        PANEL.0 * columns as u32,
        PANEL.1 * rows as u32 + TITLE + FOOTER,
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a string cannot fail but for a panel whose ranges are not finite:
        // such a panel is left blank, and the rest of the figure is drawn.
        let _ = root.fill(&WHITE);
        let (top, rest) = root.split_vertically(TITLE);
        let (body, footer) = rest.split_vertically(size.1 - TITLE - FOOTER);
        let _ = top.titled(title, (FONT, 22).into_font().color(&BLACK));
        let _ = footer.draw_text(
            &format!("seed {seed} · mathlings"),
            &(FONT, 13).into_font().color(&RGBColor(90, 90, 90)),
            (8, 4),
        );
        for (area, chart) in body.split_evenly((rows, columns)).iter().zip(panels) {
            let _ = draw_chart(area, chart);
        }
        let _ = root.present();
    }
    Figure {
        id: id.into(),
        title: title.into(),
        caption: caption.into(),
        svg,
    }
}

/// A tick label: at most four significant digits, no trailing zeros, powers of ten in
/// scientific notation beyond 10⁴ or under 10⁻³ — the same text for the same value on any
/// platform.
pub fn tick(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e4).contains(&a) {
        let text = format!("{v:.1e}");
        return text.replace(".0e", "e");
    }
    let text = format!("{:.*}", (3 - a.log10().floor() as i32).max(0) as usize, v);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

fn draw_chart(area: &Area<'_>, chart: &Chart) -> Drawn {
    let (x0, x1) = chart.x.range;
    let (y0, y1) = chart.y.range;
    match (chart.x.scale, chart.y.scale) {
        (Scale::Linear, Scale::Linear) => draw_in(area, chart, x0..x1, y0..y1),
        (Scale::Log, Scale::Linear) => draw_in(area, chart, (x0..x1).log_scale(), y0..y1),
        (Scale::Linear, Scale::Log) => draw_in(area, chart, x0..x1, (y0..y1).log_scale()),
        (Scale::Log, Scale::Log) => {
            draw_in(area, chart, (x0..x1).log_scale(), (y0..y1).log_scale())
        }
    }
}

fn draw_in<X, Y>(area: &Area<'_>, chart: &Chart, x: X, y: Y) -> Drawn
where
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
    X::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(10)
        .x_label_area_size(42)
        .y_label_area_size(62);
    if !chart.title.is_empty() {
        builder.caption(&chart.title, (FONT, 17));
    }
    let mut ctx = builder.build_cartesian_2d(x, y)?;
    let label = (FONT, 13).into_font();
    ctx.configure_mesh()
        .x_desc(chart.x.label.as_str())
        .y_desc(chart.y.label.as_str())
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .x_labels(6)
        .y_labels(6)
        .label_style(label.clone())
        .axis_desc_style((FONT, 14))
        .max_light_lines(2)
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()?;
    if let Some(grid) = &chart.background {
        let colours = grid.colours();
        let rows = colours.len().max(1) as f64;
        let dy = (grid.y.1 - grid.y.0) / rows;
        let cells = colours.iter().enumerate().flat_map(|(r, row)| {
            let dx = (grid.x.1 - grid.x.0) / row.len().max(1) as f64;
            row.iter().enumerate().map(move |(c, colour)| {
                let left = grid.x.0 + c as f64 * dx;
                let top = grid.y.1 - r as f64 * dy;
                Rectangle::new([(left, top), (left + dx, top - dy)], colour.filled())
            })
        });
        ctx.draw_series(cells)?;
    }
    let mut legend = false;
    for series in &chart.series {
        let colour = series.colour.rgb();
        let points: Vec<(f64, f64)> = series
            .points
            .iter()
            .copied()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .collect();
        let drawn =
            match series.mark {
                Mark::Line(w) => {
                    ctx.draw_series(LineSeries::new(points, colour.stroke_width(w)))?
                }
                Mark::Dashed(w) => {
                    ctx.draw_series(DashedLineSeries::new(points, 8, 5, colour.stroke_width(w)))?
                }
                Mark::Dots(r) => ctx.draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, r, colour.mix(0.85).filled())),
                )?,
                Mark::Rings(r) => ctx.draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, r, colour.stroke_width(2))),
                )?,
                Mark::Bars(width) => ctx.draw_series(points.into_iter().map(|(px, py)| {
                    Rectangle::new(
                        [(px - width / 2.0, 0.0), (px + width / 2.0, py)],
                        colour.filled(),
                    )
                }))?,
                Mark::Segments(w) => ctx.draw_series(points.chunks_exact(2).map(|pair| {
                    PathElement::new(vec![pair[0], pair[1]], colour.stroke_width(w))
                }))?,
                Mark::Peaks(r) | Mark::Pits(r) => {
                    let corners = triangle(matches!(series.mark, Mark::Peaks(_)), r, (0, 0));
                    ctx.draw_series(points.into_iter().map(|p| {
                        EmptyElement::at(p) + Polygon::new(corners.clone(), colour.filled())
                    }))?
                }
                Mark::Crosses(r) => ctx.draw_series(
                    points
                        .into_iter()
                        .map(|p| Cross::new(p, r, colour.stroke_width(3))),
                )?,
            };
        if !series.name.is_empty() {
            legend = true;
            let mark = series.mark;
            drawn
                .label(series.name.as_str())
                .legend(move |(lx, ly)| legend_mark(mark, colour, lx, ly));
        }
    }
    if legend {
        ctx.configure_series_labels()
            .position(match chart.legend {
                Corner::UpperLeft => SeriesLabelPosition::UpperLeft,
                Corner::UpperRight => SeriesLabelPosition::UpperRight,
                Corner::LowerLeft => SeriesLabelPosition::LowerLeft,
                Corner::LowerRight => SeriesLabelPosition::LowerRight,
            })
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(160, 160, 160))
            .label_font(label)
            .draw()?;
    }
    Ok(())
}

/// The legend's sample of a mark.
fn legend_mark<DB: DrawingBackend>(
    mark: Mark,
    colour: RGBColor,
    x: i32,
    y: i32,
) -> DynElement<'static, DB, (i32, i32)> {
    match mark {
        Mark::Dots(_) | Mark::Rings(_) => Circle::new((x + 9, y), 5, colour.filled()).into_dyn(),
        Mark::Bars(_) => {
            Rectangle::new([(x + 2, y - 5), (x + 16, y + 5)], colour.filled()).into_dyn()
        }
        Mark::Line(w) | Mark::Dashed(w) | Mark::Segments(w) => {
            PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(w.max(2))).into_dyn()
        }
        Mark::Peaks(_) | Mark::Pits(_) => Polygon::new(
            triangle(matches!(mark, Mark::Peaks(_)), 6, (x + 9, y)),
            colour.filled(),
        )
        .into_dyn(),
        Mark::Crosses(_) => Cross::new((x + 9, y), 5, colour.stroke_width(3)).into_dyn(),
    }
}

/// The corners of a triangle pointing up (or down) around `centre`, `r` pixels from its
/// centre to a corner (screen y grows downwards).
fn triangle(up: bool, r: u32, centre: (i32, i32)) -> Vec<(i32, i32)> {
    let r = i32::try_from(r).unwrap_or(1000);
    let (half, low) = ((r * 7) / 8, r / 2);
    let sign = if up { 1 } else { -1 };
    [(0, -r), (half, low), (-half, low)]
        .iter()
        .map(|&(dx, dy)| (centre.0 + dx, centre.1 + sign * dy))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_short_and_stable() {
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(1.0), "1");
        assert_eq!(tick(123.456), "123.5");
        assert_eq!(tick(-2.5), "-2.5");
        assert_eq!(tick(1e-6), "1e-6");
        assert_eq!(tick(25000.0), "2.5e4");
    }

    fn chart() -> Chart {
        let axis = |l: &str| Axis::linear(l, 0.0, 1.0);
        Chart::new("", axis("x (units)"), axis("y (units)"))
            .with(Series::reference(
                Mark::Line(3),
                vec![(0.0, 0.0), (1.0, 1.0)],
            ))
            .with(Series::yours(
                "",
                Mark::Dashed(2),
                Err("not yet implemented".into()),
            ))
    }

    #[test]
    fn a_figure_names_yours_and_the_reference_and_its_seed() {
        let f = figure("id", "Title", "Look.", 7, 1, &[chart()]);
        assert!(f.svg.contains("reference"));
        assert!(f.svg.contains("yours: not available — not yet implemented"));
        assert!(f.svg.contains("seed 7"));
        assert!(f.svg.to_uppercase().contains(&REFERENCE.hex()));
        assert_eq!(f, figure("id", "Title", "Look.", 7, 1, &[chart()]));
    }
}
