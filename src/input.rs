//! Reading a report (读取报告): the file's bytes, its format (a PDF, or text
//! in any supported encoding), and the reader for it: text goes to
//! [`crate::parse`] directly, a PDF through [`crate::pdf`], whose lines the
//! text parser then reads, so PDF and text give the same [`Report`].

use crate::parse::{self, ParseError, MAX_FILE_BYTES};
use crate::pdf::{self, PdfError};
use crate::report::Report;
use std::path::Path;

/// Why a file could not be read as a report. Each names the file and, where
/// it can, the line; the CLI exits with code 2 on any of them.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The file is a PDF that could not be read.
    #[error("{path}: cannot read the PDF: {source}")]
    Pdf {
        /// The path.
        path: String,
        /// What went wrong and what to do.
        #[source]
        source: PdfError,
    },
    /// The content could not be read as a report.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// Read and parse a report file (PDF, or text in any supported encoding).
pub fn read_file(path: &Path) -> Result<Report, ReadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io {
        path: name.clone(),
        source: e,
    })?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(ParseError::too_large(&name, meta.len() as usize).into());
    }
    // Read at most one byte past the limit: a device or pipe (/dev/zero,
    // `<(…)`) has no length to check first and may never end.
    // Sized from the metadata, so a large file is not grown (and copied)
    // by doubling while it is read.
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES as u64) as usize + 1);
    std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| ReadError::Io {
            path: name.clone(),
            source: e,
        })?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ParseError::not_a_report(
            &name,
            None,
            &format!(
                "expected at most {MAX_FILE_BYTES} bytes, but the input goes on \
                 (a device or a stream?); nothing was read"
            ),
        )
        .into());
    }
    if pdf::is_pdf(&bytes) {
        // The reader takes the bytes over and drops them once loaded.
        return read_pdf_owned(&name, bytes);
    }
    read_bytes(&name, &bytes)
}

/// Parse a report from its raw bytes; `path` is only used in messages.
pub fn read_bytes(path: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    if pdf::is_pdf(bytes) {
        return read_pdf(path, bytes);
    }
    Ok(parse::parse_text(path, bytes)?)
}

/// A PDF: the reader synthesizes the source lines, the parser reads them
/// like text; what the reader could not place is added to the parse issues.
fn read_pdf(path: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    read_pdf_owned(path, bytes.to_vec())
}

fn read_pdf_owned(path: &str, bytes: Vec<u8>) -> Result<Report, ReadError> {
    let (source, reader_issues) = pdf::read_owned(path, bytes, pdf::ReadOptions::default())
        .map_err(|e| ReadError::Pdf {
            path: path.to_string(),
            source: e,
        })?;
    let mut report = parse::parse_source(source)?;
    report.parse_issues.extend(reader_issues);
    Ok(report)
}
