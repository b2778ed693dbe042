//! Copy with OSC 52: the terminal (even at the far end of an SSH session)
//! puts the text on the auditor's own clipboard. In tmux this needs
//! `set -g set-clipboard on`.

use base64::Engine;

/// The escape sequence that asks the terminal to copy `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn encodes_utf8_as_base64() {
        assert_eq!(osc52("合计"), "\x1b]52;c;5ZCI6K6h\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }
}
