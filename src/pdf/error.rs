//! Why a PDF could not be read. Each message says what the auditor can do.

/// A PDF that could not be turned into pages of glyphs and ruling lines.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// The file is not a PDF the decoder understands.
    #[error("not a readable PDF: {0}")]
    Load(String),
    /// The file is password-protected.
    #[error(
        "the PDF is encrypted; remove the protection first (e.g. `qpdf --decrypt in.pdf out.pdf`)"
    )]
    Encrypted,
    /// The decoder rejected the content of a page.
    #[error("cannot extract the text: {0}")]
    Extract(String),
    /// The decoder crashed on this file (a bug or an unsupported feature).
    #[error("the PDF decoder failed on this file ({0}); save it again from a PDF viewer (print to PDF) and retry")]
    Crashed(String),
    /// The decoder did not finish in time (a pathological or hostile file).
    #[error("reading the PDF took longer than {0} s; gave up")]
    Timeout(u64),
    /// More pages than any report has.
    #[error("the PDF has {0} pages, over the {1}-page limit for a report")]
    TooManyPages(usize, usize),
    /// No text layer: a scanned report.
    #[error("the PDF has no text layer (a scanned image?); run OCR first (e.g. `ocrmypdf in.pdf out.pdf`)")]
    NoText,
}
