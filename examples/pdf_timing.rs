//! Time the stages of opening a PDF report (extraction, layout, parsing),
//! to see where the time goes: `cargo run --release --example pdf_timing -- FILE.pdf`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_timing FILE.pdf");
        std::process::exit(64);
    };
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(2);
    };
    for _ in 0..5 {
        let t = Instant::now();
        let read = juesuan::pdf::read(&path, &bytes);
        let read_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let parsed = read.map(|(s, _)| juesuan::parse::parse_source(s));
        let parse_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "read (extract + layout) {read_ms:.1} ms, parse {parse_ms:.1} ms, ok: {}",
            matches!(parsed, Ok(Ok(_)))
        );
    }
}
