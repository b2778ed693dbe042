//! Pack the predefined Adobe-GB1 CMaps into `src/pdf/fonts/data/adobe-gb1.bin`
//! (the format is in `src/pdf/fonts/predefined.rs`).
//!
//! ```sh
//! apt-get install poppler-data     # or: apt-get download poppler-data && dpkg -x poppler-data_*.deb /tmp/pd
//! cargo run --example gen_cmaps -- /usr/share/poppler/cMap/Adobe-GB1 src/pdf/fonts/data/adobe-gb1.bin
//! ```
//!
//! Prints each input with its SHA-256 (for `data/README.md`); the test
//! `tests/pdf_cmaps.rs` checks that the committed file is what this makes
//! from the installed poppler-data.

use sha2::{Digest, Sha256};

/// The inputs, read from `dir`, in the order they are packed.
pub fn inputs(dir: &std::path::Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    juesuan::pdf::fonts::predefined::NAMES
        .iter()
        .map(|name| {
            let path = dir.join(name);
            std::fs::read(&path)
                .map(|bytes| (name.to_string(), bytes))
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "/usr/share/poppler/cMap/Adobe-GB1".into());
    let out = args
        .next()
        .unwrap_or_else(|| "src/pdf/fonts/data/adobe-gb1.bin".into());
    let files = match inputs(std::path::Path::new(&dir)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gen_cmaps: {e}");
            std::process::exit(1);
        }
    };
    for (name, bytes) in &files {
        println!("{:x}  {name}", Sha256::digest(bytes));
    }
    match juesuan::pdf::fonts::predefined::build(&files) {
        Ok(bin) => {
            if let Err(e) = std::fs::write(&out, &bin) {
                eprintln!("gen_cmaps: {out}: {e}");
                std::process::exit(1);
            }
            println!("{:x}  {out} ({} bytes)", Sha256::digest(&bin), bin.len());
        }
        Err(e) => {
            eprintln!("gen_cmaps: {e}");
            std::process::exit(1);
        }
    }
}
