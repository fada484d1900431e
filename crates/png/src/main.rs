//! `mathlings-png SVG PNG [SVG PNG]…`: rasterises each SVG file into the PNG file after it
//! (run by `cargo xtask plot --format png`; see the library).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || !args.len().is_multiple_of(2) {
        eprintln!("usage: mathlings-png SVG PNG [SVG PNG]…");
        return ExitCode::from(2);
    }
    for pair in args.chunks(2) {
        let (svg, png) = (&pair[0], &pair[1]);
        let written = std::fs::read_to_string(svg)
            .map_err(|e| format!("cannot read {svg}: {e}"))
            .and_then(|text| mathlings_png::png(&text).map_err(|e| format!("{svg}: {e}")))
            .and_then(|bytes| {
                std::fs::write(png, bytes).map_err(|e| format!("cannot write {png}: {e}"))
            });
        if let Err(e) = written {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
