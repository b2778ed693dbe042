//! Speed of checking: one report (target < 1 ms) and a batch of 1,000
//! generated reports on 2 workers (target ≥ 2,000 reports/s).
//!
//! ```text
//! cargo bench --bench check
//! ```

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use juesuan::batch::CheckFormat;
use juesuan::batch::{self, Options};
use juesuan::check::FailOn;
use std::hint::black_box;
use std::time::Duration;

// The same allocator as the `juesuan` binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SAMPLE: &[u8] = include_bytes!("../sample-data/chaoyang-hrss-2024.txt");

fn one_report(c: &mut Criterion) {
    let mut g = c.benchmark_group("sample");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("parse+check", |b| {
        b.iter(|| {
            let r = juesuan::input::read_bytes("sample", black_box(SAMPLE)).ok();
            r.map(|r| juesuan::rules::check(&r))
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| juesuan::input::read_bytes("sample", black_box(SAMPLE)).ok())
    });
    let report = juesuan::input::read_bytes("sample", SAMPLE).ok();
    g.bench_function("check", |b| {
        b.iter(|| report.as_ref().map(|r| juesuan::rules::check(black_box(r))))
    });
    if let Some(r) = &report {
        let checked = juesuan::check::Checked {
            path: "sample".into(),
            outcome: Ok((r.clone(), juesuan::rules::check(r))),
        };
        g.bench_function("json line", |b| {
            b.iter(|| juesuan::batch::render::json_object(black_box(&checked)).to_string())
        });
    }
    g.finish();
}

fn batch_of_1000(c: &mut Criterion) {
    const COUNT: usize = 1000;
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("batch bench skipped: no temporary folder");
        return;
    };
    let base = String::from_utf8_lossy(SAMPLE);
    if let Err(e) = juesuan::corpus::write_corpus(dir.path(), &base, COUNT, 1) {
        eprintln!("batch bench skipped: {e}");
        return;
    }
    let args = [dir.path().to_path_buf()];
    let mut g = c.benchmark_group("batch");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(COUNT as u64));
    for (name, format) in [("json", CheckFormat::Json), ("text", CheckFormat::Text)] {
        for jobs in [1, 2] {
            let opts = Options {
                format,
                fail_on: FailOn::Error,
                jobs,
                progress: false,
                baseline: Default::default(),
            };
            g.bench_function(format!("1000 reports, {name}, --jobs {jobs}"), |b| {
                b.iter_batched(
                    std::io::sink,
                    |mut out| batch::run_to(&args, &opts, &mut out),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, one_report, batch_of_1000);
criterion_main!(benches);
