//! juesuan: parse a 部门决算 (department final accounts) report into a typed
//! model, check it against a catalogue of audit rules, and review the
//! findings in a terminal workbench.
//!
//! Data flows one way: bytes → [`report::Report`] ([`input`], which hands
//! text to [`parse`] and PDFs to [`pdf`]) → findings ([`rules`], one report
//! at a time through [`check`], many through [`batch`]) → views ([`tui`]) and
//! working papers ([`review`]); [`cli`] sits on top. Each module imports
//! only the layers below it; `tests/layers.rs` holds the table.

/// A `&'static Regex` for a constant pattern, compiled once. The patterns are
/// literals covered by tests, so a failure to compile is a bug, not input.
#[macro_export]
macro_rules! regex {
    ($re:expr) => {{
        static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            #[allow(clippy::expect_used)]
            regex::Regex::new($re).expect("built-in regex compiles")
        });
        &*RE
    }};
}

/// A `&'static DigitRegex` for a constant pattern with `\d`: like
/// [`regex!`], but compiled with `\d` as `[0-9０-９]` for the texts that have
/// no other digits (all reports seen so far), which is a third cheaper to
/// compile, and as written for the others (see `text::DigitRegex`).
#[macro_export]
macro_rules! digit_regex {
    ($re:expr) => {{
        static RE: $crate::text::DigitRegex = $crate::text::DigitRegex::new($re);
        &RE
    }};
}

pub mod batch;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod input;
pub mod parse;
pub mod pdf;
pub mod report;
pub mod review;
pub mod rules;
pub mod sanitize;
pub mod text;
pub mod tui;
