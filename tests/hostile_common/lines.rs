//! Line-level edits of a text file, shared by the keymap and sidecar
//! mutation properties (each adds edits of its own format).

use proptest::prelude::*;

/// One edit of one line; indices wrap around the number of lines.
#[derive(Debug, Clone)]
pub enum LineEdit {
    /// Remove the line.
    Drop(usize),
    /// Write the line twice.
    Repeat(usize),
    /// Swap two lines.
    Swap(usize, usize),
    /// Keep only the first characters of the line.
    Cut(usize, usize),
}

impl LineEdit {
    /// Any such edit of a text of `lines` lines; a cut keeps fewer than
    /// `max_cut` characters.
    pub fn any(lines: usize, max_cut: usize) -> impl Strategy<Value = LineEdit> {
        prop_oneof![
            (0..lines).prop_map(LineEdit::Drop),
            (0..lines).prop_map(LineEdit::Repeat),
            (0..lines, 0..lines).prop_map(|(a, b)| LineEdit::Swap(a, b)),
            (0..lines, 0..max_cut).prop_map(|(a, b)| LineEdit::Cut(a, b)),
        ]
    }

    /// Apply to `lines`, which must not be empty.
    pub fn apply(&self, lines: &mut Vec<String>) {
        let n = lines.len();
        match *self {
            LineEdit::Drop(i) => {
                lines.remove(i % n);
            }
            LineEdit::Repeat(i) => lines.insert(i % n, lines[i % n].clone()),
            LineEdit::Swap(a, b) => lines.swap(a % n, b % n),
            LineEdit::Cut(i, at) => {
                let l = &lines[i % n];
                lines[i % n] = l.chars().take(at % (l.chars().count() + 1)).collect();
            }
        }
    }
}
