//! `juesuan keymap [--check] [PATH]`: validate a keymap file (exit 2 on any
//! problem), or print the active bindings and the actions.

use super::exit;
use crate::sanitize::visible;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::keymap::{Keymap, KeymapError};
use crate::tui::popups::help;
use std::path::Path;

/// Print keymap problems (or the read error) one per line, then how many.
pub fn report_error(e: &KeymapError) {
    match e {
        KeymapError::Read { .. } => eprintln!("juesuan: {e}"),
        KeymapError::Invalid { problems } => {
            for p in problems {
                eprintln!("{}", visible(&p.to_string()));
            }
            eprintln!(
                "juesuan: {} problem{} in the keymap; nothing was loaded",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
    }
}

/// Check the keymap at `path` (default: the config directory's), or print
/// the bindings and the actions; returns the exit code.
pub fn run(path: Option<&Path>, check: bool) -> i32 {
    let keymap = match Keymap::load(path) {
        Ok(k) => k,
        Err(e) => {
            report_error(&e);
            return exit::BAD_INPUT;
        }
    };
    if check {
        let n = keymap.all().count();
        return exit::emit(&format!(
            "{}: ok ({n} bindings)\n",
            keymap.sources.join(" + ")
        ));
    }
    let mut text = String::new();
    for line in help::lines(&keymap) {
        match line {
            help::HelpLine::Heading(h) => text.push_str(&format!("{h}\n")),
            help::HelpLine::Keys(k, a, d) => text.push_str(&format!("  {k:<24} {a:<18} {d}\n")),
            help::HelpLine::Blank => text.push('\n'),
        }
    }
    text.push_str("Actions (run = \"…\") and the sections they belong in:\n");
    for a in Action::ALL {
        let homes: Vec<&str> = Scope::ALL
            .iter()
            .filter(|s| a.applies_in(**s))
            .map(|s| s.name())
            .collect();
        text.push_str(&format!(
            "  {:<18} {}  [{}]\n",
            a.name(),
            a.doc(),
            homes.join(", ")
        ));
    }
    exit::emit(&text)
}
