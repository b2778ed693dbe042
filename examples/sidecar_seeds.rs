//! Write real sidecars of the sample report (made by the review code) into
//! a folder, as seeds for the `sidecar_load` fuzz target:
//!   cargo run --example sidecar_seeds -- fuzz/corpus/sidecar_seeds
//! (fuzz/make-seeds.py runs it and adds one-line mutations.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/hostile_common/sidecars.rs"]
mod sidecars;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: sidecar_seeds DIR"));
    std::fs::create_dir_all(&out).unwrap();
    let work = tempfile::tempdir().unwrap();
    let report_path = work.path().join("chaoyang-hrss-2024.txt");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-data/chaoyang-hrss-2024.txt"
        ),
        &report_path,
    )
    .unwrap();
    let report = juesuan::input::read_file(&report_path).unwrap();
    let findings = juesuan::rules::check(&report);
    let all = sidecars::real_sidecars(work.path(), &report_path, &report, &findings);
    for (i, bytes) in all.iter().enumerate() {
        std::fs::write(out.join(format!("sidecar-{i}.json")), bytes).unwrap();
    }
    println!("{} sidecars in {}", all.len(), out.display());
}
