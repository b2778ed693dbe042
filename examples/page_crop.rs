//! Time the page image's crop (issue 16): for every finding's lines of a PDF
//! report, rasterise the region around them and encode it for each image
//! protocol, as the page view does at 200×60 (a 150×16-cell area of
//! 10×20-pixel cells): `cargo run --release --example page_crop -- FILE.pdf`.

#[cfg(feature = "page-image")]
fn main() {
    use juesuan::tui::graphics::ImageProtocol;
    use juesuan::tui::page_image;
    use ratatui::layout::Rect;
    use std::time::Instant;

    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: page_crop FILE.pdf");
        std::process::exit(64);
    };
    let Ok(model) = juesuan::tui::load(std::path::Path::new(&path)) else {
        eprintln!("{path}: cannot read");
        std::process::exit(2);
    };
    let src = &model.report.source;
    let area = Rect::new(0, 0, 150, 16);
    let cell = (10, 20);
    let mut times: Vec<(f64, f64, f64, f64)> = Vec::new();
    for i in 0..model.findings.len() {
        let lines = model.finding_lines(i);
        let Some(page) = lines.iter().find_map(|l| src.position(*l)).map(|p| p.page) else {
            continue;
        };
        let marked: Vec<_> = lines
            .iter()
            .filter_map(|l| src.position(*l))
            .filter(|p| p.page == page)
            .collect();
        let t = Instant::now();
        let Some(r) = page_image::crop(&src.path, &src.sha256, page, &marked, area, cell) else {
            eprintln!("finding {i}: no crop");
            continue;
        };
        let crop = t.elapsed().as_secs_f64() * 1000.0;
        let mut enc = [0.0; 3];
        for (k, p) in [
            ImageProtocol::Kitty,
            ImageProtocol::Iterm2,
            ImageProtocol::Sixel,
        ]
        .into_iter()
        .enumerate()
        {
            let t = Instant::now();
            let e = page_image::encode(&r, p, cell, area);
            enc[k] = t.elapsed().as_secs_f64() * 1000.0;
            if e.is_none() {
                eprintln!("finding {i}: {} not encoded", p.name());
            }
        }
        println!(
            "finding {i:2} page {page:2} {}x{} px: crop {crop:6.1} ms, kitty {:6.1} ms, iTerm2 {:6.1} ms, sixel {:6.1} ms",
            r.width, r.height, enc[0], enc[1], enc[2]
        );
        times.push((crop, enc[0], enc[1], enc[2]));
    }
    let median = |f: fn(&(f64, f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = times.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    println!(
        "median of {}: crop {:.1} ms (file read, sha256, rasterise), kitty {:.1}, iTerm2 {:.1}, sixel {:.1} ms",
        times.len(),
        median(|t| t.0),
        median(|t| t.1),
        median(|t| t.2),
        median(|t| t.3)
    );
}

#[cfg(not(feature = "page-image"))]
fn main() {
    eprintln!("built without the page-image feature");
}
