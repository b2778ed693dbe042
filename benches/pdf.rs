//! Opening the Putuo PDF: extraction, table recovery and parsing, end to end
//! (target: under 300 ms for the 25-page report).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

const PUTUO: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

fn open_pdf(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PUTUO);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping the PDF bench: {} not found", path.display());
        return;
    };
    c.bench_function("open putuo pdf (25 pages)", |b| {
        b.iter(|| juesuan::input::read_bytes(PUTUO, std::hint::black_box(&bytes)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = open_pdf
}
criterion_main!(benches);
