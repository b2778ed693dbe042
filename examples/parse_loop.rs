//! Parse and check the sample report N times, for profilers and CPU-time
//! measurements on a busy machine (where wall-clock benchmarks mislead):
//!
//! ```text
//! cargo build --release --example parse_loop
//! perf stat -e task-clock target/release/examples/parse_loop 1000        # parse+check
//! perf stat -e task-clock target/release/examples/parse_loop 1000 parse  # parse only
//! perf record -g target/release/examples/parse_loop 1000
//! ```
//!
//! task-clock divided by N is the CPU time of one report.

// The same allocator as the `juesuan` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let what = args.next().unwrap_or_default();
    let bytes = match std::fs::read(juesuan::cli::SAMPLE) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "parse_loop: run from the repository root: {}: {e}",
                juesuan::cli::SAMPLE
            );
            std::process::exit(2);
        }
    };
    let mut findings = 0usize;
    for _ in 0..n {
        if let Ok(r) = juesuan::input::read_bytes("sample", &bytes) {
            if what != "parse" {
                findings += juesuan::rules::check(&r).len();
            }
        }
    }
    println!("{n} reports, {findings} findings");
}
