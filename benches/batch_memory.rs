//! Peak memory and wall-clock throughput of `juesuan check` on generated
//! folders of 1,000 and 5,000 reports: the batch streams, so its peak
//! resident memory must not grow with the number of reports.
//!
//! ```text
//! cargo bench --bench batch_memory            # 1000 and 5000 reports, --jobs 2
//! cargo bench --bench batch_memory -- 200 800 # other sizes
//! ```
//!
//! Each run is the real binary (release build) with stdout to /dev/null;
//! peak memory is the child's maximum resident set size from `wait4`.

use std::path::Path;
#[path = "common/child.rs"]
mod child;

use child::Measured;
use std::process::Command;

const SAMPLE: &str = include_str!("../sample-data/chaoyang-hrss-2024.txt");

fn measure(dir: &Path, format: &str, jobs: usize) -> std::io::Result<Measured> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_juesuan"));
    cmd.args(["check", "--format", format, "--jobs", &jobs.to_string()])
        .arg(dir);
    child::measure(cmd)
}

fn main() {
    // `cargo bench` passes "--bench"; any numbers are corpus sizes.
    let mut sizes: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1000, 5000];
    }
    println!(
        "| reports | format | jobs | wall (s) | reports/s (wall) | CPU (s) | CPU ms/report | peak RSS (MiB) | exit |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("batch_memory: no temporary folder: {e}");
                return;
            }
        };
        if let Err(e) = juesuan::corpus::write_corpus(dir.path(), SAMPLE, n, 1) {
            eprintln!("batch_memory: {e}");
            return;
        }
        for (format, jobs) in [("json", 2), ("text", 2), ("json", 1)] {
            // One warm-up pass so every run reads from the page cache.
            let _ = measure(dir.path(), format, jobs);
            match measure(dir.path(), format, jobs) {
                Ok(m) => println!(
                    "| {n} | {format} | {jobs} | {:.2} | {:.0} | {:.2} | {:.2} | {:.1} | {} |",
                    m.wall.as_secs_f64(),
                    n as f64 / m.wall.as_secs_f64(),
                    m.cpu.as_secs_f64(),
                    m.cpu.as_secs_f64() * 1000.0 / n as f64,
                    m.max_rss_kib as f64 / 1024.0,
                    m.code
                ),
                Err(e) => eprintln!("batch_memory: {n} reports, {format}: {e}"),
            }
        }
    }
}
