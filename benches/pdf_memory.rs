//! Wall time, CPU time and peak memory of the whole process for
//! `juesuan check FILE.pdf --format json` on the sample PDFs (issues 13 and
//! 15: the 25-page Putuo report within 60 ms and 30 MiB).
//!
//! ```text
//! cargo bench --bench pdf_memory               # 10 runs of each sample PDF
//! cargo bench --bench pdf_memory -- 30 a.pdf   # 30 runs of another file
//! ```
//!
//! Each run is the real binary (release build; `JUESUAN_BIN=path` measures
//! another, e.g. an older build) with stdout to /dev/null; peak memory is
//! the child's maximum resident set size from `wait4`.

#[path = "common/child.rs"]
mod child;

use child::Measured;
use std::process::Command;

fn measure(file: &str) -> std::io::Result<Measured> {
    let bin = std::env::var("JUESUAN_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_juesuan").into());
    let mut cmd = Command::new(bin);
    cmd.args(["check", file, "--format", "json"]);
    child::measure(cmd)
}

fn spread(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    match (v.first(), v.get(v.len() / 2), v.last()) {
        (Some(lo), Some(mid), Some(hi)) => format!("{lo:.1} / {mid:.1} / {hi:.1}"),
        _ => "-".into(),
    }
}

fn main() {
    // `cargo bench` passes "--bench"; a number is the run count, anything
    // else ending in .pdf a file.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(10);
    let mut files: Vec<String> = args
        .iter()
        .filter(|a| a.to_ascii_lowercase().ends_with(".pdf"))
        .cloned()
        .collect();
    if files.is_empty() {
        let root = env!("CARGO_MANIFEST_DIR");
        files = [
            "shanghai-putuo-finance-2024.pdf",
            "template-shanghai-2024.pdf",
        ]
        .iter()
        .map(|f| format!("{root}/sample-data/{f}"))
        .collect();
    }
    println!("| file | runs | wall ms (min / median / max) | CPU ms (min / median / max) | peak RSS MiB (min / median / max) |");
    println!("|---|---:|---|---|---|");
    for file in &files {
        // One warm-up run so every measured run reads from the page cache.
        let _ = measure(file);
        let mut wall = Vec::new();
        let mut cpu = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..runs {
            match measure(file) {
                Ok(m) => {
                    wall.push(m.wall.as_secs_f64() * 1000.0);
                    cpu.push(m.cpu.as_secs_f64() * 1000.0);
                    rss.push(m.max_rss_kib as f64 / 1024.0);
                }
                Err(e) => eprintln!("pdf_memory: {file}: {e}"),
            }
        }
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        println!(
            "| {name} | {} | {} | {} | {} |",
            wall.len(),
            spread(wall),
            spread(cpu),
            spread(rss)
        );
    }
}
