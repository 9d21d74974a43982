//! Charts to PNG or SVG with plotters and an embedded DejaVu Sans (no system fonts).
//!
//! A [`Chart`] is a plain description (title, axis labels, named line and scatter series,
//! shaded bands); [`Chart::render`] draws it to a file whose extension (`.png` or `.svg`)
//! chooses the backend. Non-finite points split a line (poles are not drawn across);
//! [`Chart::y_range`] clips, [`Chart::log_y`] plots `log10 y` with the ticks labelled in y.

use std::path::Path;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use crate::error::{Error, Result};
use crate::profile::Profile;

/// How a [`Series`] is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    /// A polyline through the points (split where a point is not finite).
    Line,
    /// A small filled circle per point.
    Scatter,
}

/// A named set of `(x, y)` points.
#[derive(Clone, Debug)]
pub struct Series {
    /// Legend entry.
    pub name: String,
    /// The points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Line or scatter.
    pub kind: SeriesKind,
}

/// A shaded band between `lo` and `hi` over `xs` (e.g. simulation quantiles).
#[derive(Clone, Debug)]
pub struct Band {
    /// Legend entry.
    pub name: String,
    /// Abscissae, increasing.
    pub xs: Vec<f64>,
    /// Lower edge.
    pub lo: Vec<f64>,
    /// Upper edge.
    pub hi: Vec<f64>,
}

/// A chart description, rendered by [`Chart::render`].
///
/// # Examples
///
/// ```no_run
/// use anyon_numeric::plot::Chart;
/// let pts: Vec<(f64, f64)> = (0..100).map(|i| (i as f64, (i as f64).sqrt())).collect();
/// Chart::new("sqrt").x_label("x").y_label("y").line("sqrt x", pts).render("sqrt.png")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Chart {
    title: String,
    x_label: String,
    y_label: String,
    series: Vec<Series>,
    bands: Vec<Band>,
    log_y: bool,
    x_range: Option<(f64, f64)>,
    y_range: Option<(f64, f64)>,
    size: (u32, u32),
}

const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

const FONT: &str = "sans-serif";

/// Registers the embedded DejaVu Sans as the `sans-serif` family, once per process.
fn ensure_font() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        [FontStyle::Normal, FontStyle::Bold]
            .into_iter()
            .zip([dejavu::sans::regular(), dejavu::sans::bold()])
            .all(|(style, bytes)| register_font(FONT, style, bytes).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Plot(
            "the embedded font could not be registered".into(),
        ))
    }
}

fn plot_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Plot(e.to_string())
}

impl Chart {
    /// An empty chart with a title, 1000x650 pixels.
    pub fn new(title: impl Into<String>) -> Self {
        Chart {
            title: title.into(),
            x_label: String::new(),
            y_label: String::new(),
            series: Vec::new(),
            bands: Vec::new(),
            log_y: false,
            x_range: None,
            y_range: None,
            size: (1000, 650),
        }
    }

    /// Sets the x axis label.
    pub fn x_label(mut self, label: impl Into<String>) -> Self {
        self.x_label = label.into();
        self
    }

    /// Sets the y axis label.
    pub fn y_label(mut self, label: impl Into<String>) -> Self {
        self.y_label = label.into();
        self
    }

    /// Adds a line series.
    pub fn line(mut self, name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        self.series.push(Series {
            name: name.into(),
            points,
            kind: SeriesKind::Line,
        });
        self
    }

    /// Adds a scatter series.
    pub fn scatter(mut self, name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        self.series.push(Series {
            name: name.into(),
            points,
            kind: SeriesKind::Scatter,
        });
        self
    }

    /// Adds a shaded band between `lo` and `hi` over `xs`.
    ///
    /// # Errors
    ///
    /// If the three vectors differ in length.
    pub fn band(
        mut self,
        name: impl Into<String>,
        xs: Vec<f64>,
        lo: Vec<f64>,
        hi: Vec<f64>,
    ) -> Result<Self> {
        if xs.len() != lo.len() || xs.len() != hi.len() {
            return Err(crate::error::invalid(format!(
                "band needs equal lengths, got {}, {}, {}",
                xs.len(),
                lo.len(),
                hi.len()
            )));
        }
        self.bands.push(Band {
            name: name.into(),
            xs,
            lo,
            hi,
        });
        Ok(self)
    }

    /// Plots `log10 y` (points with `y <= 0` are dropped); ticks are labelled in `y`.
    pub fn log_y(mut self, on: bool) -> Self {
        self.log_y = on;
        self
    }

    /// Fixes the x range instead of fitting the data.
    pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
        self.x_range = Some((lo, hi));
        self
    }

    /// Fixes (clips to) the y range instead of fitting the data.
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Sets the image size in pixels.
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.size = (width, height);
        self
    }

    /// The series added so far.
    pub fn series(&self) -> &[Series] {
        &self.series
    }

    /// Renders to `path`: PNG for `.png`, SVG for `.svg`.
    ///
    /// # Errors
    ///
    /// Unknown extension, nothing finite to draw, a bad range, or a drawing/IO failure.
    pub fn render(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        ensure_font()?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => {
                let root = BitMapBackend::new(path, self.size).into_drawing_area();
                self.draw(&root)?;
                root.present().map_err(plot_err)
            }
            Some("svg") => {
                let root = SVGBackend::new(path, self.size).into_drawing_area();
                self.draw(&root)?;
                root.present().map_err(plot_err)
            }
            _ => Err(crate::error::invalid(format!(
                "{}: the file must end in .png or .svg",
                path.display()
            ))),
        }
    }

    /// Renders to an SVG document in memory.
    ///
    /// # Errors
    ///
    /// As [`Chart::render`].
    pub fn to_svg_string(&self) -> Result<String> {
        ensure_font()?;
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, self.size).into_drawing_area();
            self.draw(&root)?;
            root.present().map_err(plot_err)?;
        }
        Ok(buf)
    }

    fn ty(&self, y: f64) -> f64 {
        if self.log_y {
            if y > 0.0 { y.log10() } else { f64::NAN }
        } else {
            y
        }
    }

    fn ranges(&self) -> Result<((f64, f64), (f64, f64))> {
        let mut xs = (f64::INFINITY, f64::NEG_INFINITY);
        let mut ys = (f64::INFINITY, f64::NEG_INFINITY);
        let mut add = |x: f64, y: f64| {
            if x.is_finite() && y.is_finite() {
                xs = (xs.0.min(x), xs.1.max(x));
                ys = (ys.0.min(y), ys.1.max(y));
            }
        };
        for s in &self.series {
            for &(x, y) in &s.points {
                add(x, self.ty(y));
            }
        }
        for b in &self.bands {
            for i in 0..b.xs.len() {
                add(b.xs[i], self.ty(b.lo[i]));
                add(b.xs[i], self.ty(b.hi[i]));
            }
        }
        let xr = self.x_range.unwrap_or(xs);
        let yr = match self.y_range {
            Some((lo, hi)) => (self.ty(lo), self.ty(hi)),
            None => {
                let pad = 0.05 * (ys.1 - ys.0).max(1e-12 * ys.1.abs().max(1.0));
                (ys.0 - pad, ys.1 + pad)
            }
        };
        let ok = |r: (f64, f64)| r.0.is_finite() && r.1.is_finite() && r.0 < r.1;
        let xr = if ok(xr) || !(xr.0 == xr.1 && xr.0.is_finite()) {
            xr
        } else {
            (xr.0 - 0.5, xr.1 + 0.5)
        };
        if !ok(xr) || !ok(yr) {
            return Err(Error::Plot(format!(
                "nothing finite to draw or an empty range (x {xr:?}, y {yr:?})"
            )));
        }
        Ok((xr, yr))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let ((x0, x1), (y0, y1)) = self.ranges()?;
        root.fill(&WHITE).map_err(plot_err)?;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, (FONT, 30))
            .margin(12)
            .margin_right(40)
            .x_label_area_size(55)
            .y_label_area_size(80)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(plot_err)?;
        let log = self.log_y;
        let fmt_y = move |v: &f64| {
            if log {
                let y = 10f64.powf(*v);
                if (1e-3..1e4).contains(&y.abs()) {
                    format!("{y:.3}")
                } else {
                    format!("{y:.1e}")
                }
            } else {
                format!("{v}")
            }
        };
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .axis_desc_style((FONT, 20))
            .label_style((FONT, 15))
            .light_line_style(RGBColor(235, 235, 235));
        if log {
            mesh.y_label_formatter(&fmt_y);
        }
        mesh.draw().map_err(plot_err)?;

        let clip = |y: f64| y.clamp(y0, y1);
        let mut color_idx = 0;
        let mut next_color = || {
            let c = PALETTE[color_idx % PALETTE.len()];
            color_idx += 1;
            c
        };
        for b in &self.bands {
            let color = next_color();
            let mut poly: Vec<(f64, f64)> = Vec::with_capacity(2 * b.xs.len());
            for i in 0..b.xs.len() {
                let (x, lo) = (b.xs[i], self.ty(b.lo[i]));
                if x.is_finite() && lo.is_finite() {
                    poly.push((x, clip(lo)));
                }
            }
            for i in (0..b.xs.len()).rev() {
                let (x, hi) = (b.xs[i], self.ty(b.hi[i]));
                if x.is_finite() && hi.is_finite() {
                    poly.push((x, clip(hi)));
                }
            }
            chart
                .draw_series(std::iter::once(Polygon::new(
                    poly,
                    color.mix(0.25).filled(),
                )))
                .map_err(plot_err)?
                .label(b.name.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 20, y + 6)], color.mix(0.25).filled())
                });
        }
        for s in &self.series {
            let color = next_color();
            let style = color.stroke_width(2);
            let points: Vec<(f64, f64)> = s.points.iter().map(|&(x, y)| (x, self.ty(y))).collect();
            match s.kind {
                SeriesKind::Line => {
                    // Split at non-finite points; clip the rest to the y range.
                    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                    for &(x, y) in &points {
                        if x.is_finite() && y.is_finite() {
                            if let Some(seg) = segments.last_mut() {
                                seg.push((x, clip(y)));
                            }
                        } else if segments.last().is_some_and(|seg| !seg.is_empty()) {
                            segments.push(Vec::new());
                        }
                    }
                    let mut first = true;
                    for seg in segments.into_iter().filter(|s| !s.is_empty()) {
                        let anno = chart
                            .draw_series(LineSeries::new(seg, style))
                            .map_err(plot_err)?;
                        if first {
                            anno.label(s.name.as_str()).legend(move |(x, y)| {
                                PathElement::new(vec![(x, y), (x + 20, y)], style)
                            });
                            first = false;
                        }
                    }
                }
                SeriesKind::Scatter => {
                    let inside = points
                        .into_iter()
                        .filter(|&(x, y)| x.is_finite() && y.is_finite() && y >= y0 && y <= y1);
                    chart
                        .draw_series(inside.map(|p| Circle::new(p, 2, color.filled())))
                        .map_err(plot_err)?
                        .label(s.name.as_str())
                        .legend(move |(x, y)| Circle::new((x + 10, y), 4, color.filled()));
                }
            }
        }
        chart
            .configure_series_labels()
            .label_font((FONT, 17))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(plot_err)?;
        Ok(())
    }
}

/// The theory curve `loss(t) = exp(-n(e^t))` of `profile` on `points` evenly spaced `t`.
///
/// # Errors
///
/// If the range is not finite or `points < 2`.
pub fn theory_points(
    profile: &Profile,
    from: f64,
    to: f64,
    points: usize,
) -> Result<Vec<(f64, f64)>> {
    let ts = crate::curve::linspace(from, to, points)?;
    let ys = crate::curve::loss_many(profile, &ts);
    Ok(ts.into_iter().zip(ys).collect())
}

/// The post's theory chart for one group: `loss(t)` against `t`, titled by `name`.
///
/// # Examples
///
/// ```no_run
/// use anyon_numeric::{Profile, plot::theory_chart};
/// theory_chart("Z_6", &Profile::cyclic(6)?, -2.0, 20.0, 10_000)?.render("z6.svg")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// If the range is not finite or `points < 2`.
pub fn theory_chart(
    name: &str,
    profile: &Profile,
    from: f64,
    to: f64,
    points: usize,
) -> Result<Chart> {
    let pts = theory_points(profile, from, to, points)?;
    Ok(Chart::new(format!("Loss curve of {name}"))
        .x_label("t  (x = exp t)")
        .y_label("loss = exp(-n(x))")
        .line(format!("{name} theory"), pts))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The post's three theory plots, written to a temporary directory.
    #[test]
    fn theory_plots_render() {
        let dir = std::env::temp_dir().join(format!("anyon-numeric-plots-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cases = [
            ("Z_1", 1, 1.0, 10.0),
            ("Z_2", 2, -10.0, 10.0),
            ("Z_6", 6, -2.0, 20.0),
        ];
        for (name, n, from, to) in cases {
            let chart = theory_chart(name, &Profile::cyclic(n).unwrap(), from, to, 10_000).unwrap();
            for ext in ["png", "svg"] {
                let path = dir.join(format!("z{n}.{ext}"));
                chart.render(&path).unwrap();
                assert!(std::fs::metadata(&path).unwrap().len() > 1000);
            }
        }
        let svg = std::fs::read_to_string(dir.join("z6.svg")).unwrap();
        assert!(svg.contains("Loss curve of Z_6"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_charts_are_errors() {
        assert!(
            Chart::new("x")
                .line("a", vec![(0.0, 1.0), (1.0, 2.0)])
                .render("/tmp/a.jpg")
                .is_err()
        );
        assert!(Chart::new("empty").to_svg_string().is_err());
        assert!(
            Chart::new("nan")
                .line("a", vec![(f64::NAN, 1.0)])
                .to_svg_string()
                .is_err()
        );
        assert!(
            Chart::new("b")
                .band("b", vec![0.0], vec![], vec![])
                .is_err()
        );
    }

    #[test]
    fn poles_split_lines_and_log_scale() {
        let pts = theory_points(&Profile::cyclic(1).unwrap(), -2.0, 2.0, 1001).unwrap();
        let svg = Chart::new("Z_1 across its pole")
            .line("Z_1", pts)
            .log_y(true)
            .to_svg_string()
            .unwrap();
        assert!(svg.contains("<polyline"));
    }
}
