//! The compiled-in CMap bundle is exactly what `examples/gen_cmaps.rs` makes
//! from Adobe's cmap-resources (Debian's poppler-data, installed by `.ci/run`):
//! the data is never hand-edited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

const CMAP_DIR: &str = "/usr/share/poppler/cMap/Adobe-GB1";

#[test]
fn the_bundled_cmaps_are_built_from_poppler_data() {
    let dir = Path::new(CMAP_DIR);
    assert!(
        dir.is_dir(),
        "{CMAP_DIR} is missing: install poppler-data (apt-get install poppler-data), as .ci/run does"
    );
    let files: Vec<(String, Vec<u8>)> = juesuan::pdf::fonts::predefined::NAMES
        .iter()
        .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let built = juesuan::pdf::fonts::predefined::build(&files).unwrap();
    let committed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pdf/fonts/data/adobe-gb1.bin"),
    )
    .unwrap();
    assert!(
        built == committed,
        "src/pdf/fonts/data/adobe-gb1.bin differs from what poppler-data gives; \
         regenerate with: cargo run --release --example gen_cmaps"
    );
}
