//! SVG figures to pixels, with resvg.
//!
//! The course tool (`xtask`) does not link this crate: resvg and its font stack are a large
//! build (≈ 250 000 lines), paid by every learner's first start for a format few ask for.
//! `cargo xtask plot --format png` builds the `mathlings-png` binary the first time it is
//! needed and runs it; the judge's figure tests link the library.

pub use resvg::tiny_skia;
use resvg::usvg;

/// Whether text is drawn: with the system's fonts, or not at all (pixels of series and
/// bands do not need text, and loading fonts costs time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Text in the system's sans-serif font.
    SystemFonts,
    /// No fonts loaded: text is left out.
    Omitted,
}

/// Rasterises `svg` at its own size.
///
/// # Errors
/// When the SVG cannot be read or has no area.
pub fn pixmap(svg: &str, text: Text) -> Result<tiny_skia::Pixmap, String> {
    let mut options = usvg::Options::default();
    if text == Text::SystemFonts {
        let fonts = options.fontdb_mut();
        fonts.load_system_fonts();
        // fontdb's default sans-serif family is Arial; use the system's own when it is absent.
        let families: Vec<String> = fonts
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        if !families.iter().any(|f| f == "Arial")
            && let Some(sans) = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Helvetica"]
                .iter()
                .find(|want| families.iter().any(|f| f == *want))
        {
            fonts.set_sans_serif_family(*sans);
        }
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("unreadable SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the figure has no area")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Rasterises `svg` to PNG bytes, with text in the system's sans-serif font.
///
/// # Errors
/// When the SVG cannot be read or has no area.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    pixmap(svg, Text::SystemFonts)?
        .encode_png()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect x="0" y="0" width="2" height="3" fill="#ff0000"/></svg>"##;

    #[test]
    fn a_figure_keeps_its_size_and_colours() {
        let p = pixmap(SQUARE, Text::Omitted).unwrap();
        assert_eq!((p.width(), p.height()), (4, 3));
        let red = p
            .pixels()
            .iter()
            .filter(|c| c.red() == 255 && c.alpha() == 255);
        assert_eq!(red.count(), 6, "the left half is red");
        let bytes = png(SQUARE).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(
            pixmap("not svg", Text::Omitted)
                .unwrap_err()
                .contains("unreadable")
        );
        let empty = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#;
        assert!(pixmap(empty, Text::Omitted).is_err());
    }
}
