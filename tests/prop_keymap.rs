//! Property tests for the keymap loader: on any text, and on the default
//! keymap.toml with lines dropped, repeated, swapped, cut and rewritten, it
//! never panics; a rejected file gives problems that point at a line and
//! column inside that file; an accepted one resolves every binding it lists
//! (and every proper prefix of a chord is pending).
//!
//! `JUESUAN_PROPTEST_CASES=2000` runs more cases locally; the fuzz target
//! `keymap_load` (fuzz/) runs the same checks on raw bytes for longer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hostile_common/mod.rs"]
mod common;

use common::cases;
use common::lines::LineEdit;
use juesuan::tui::input::action::Action;
use juesuan::tui::input::keymap::{Keymap, KeymapError, Resolved, DEFAULT};
use juesuan::tui::input::problem::Problem;
use proptest::prelude::*;

const NAME: &str = "user/keymap.toml";

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Load `text` as the user's file and check the loader's promises. Returns
/// the problems when the file is rejected.
fn load_and_check(text: &str) -> Result<Keymap, Vec<Problem>> {
    let result = Keymap::from_texts(Some((NAME, text)));
    match &result {
        Ok(km) => {
            assert_eq!(km.sources.last().map(String::as_str), Some(NAME));
            for (scope, b) in km.all() {
                assert!(!b.keys.is_empty());
                assert_eq!(
                    km.resolve(&[scope], &b.keys),
                    Resolved::Action(b.action),
                    "[{}] {:?} does not resolve to its own action",
                    scope.name(),
                    b.keys
                );
                for cut in 1..b.keys.len() {
                    assert_eq!(
                        km.resolve(&[scope], &b.keys[..cut]),
                        Resolved::Pending,
                        "[{}] a chord's prefix is not pending",
                        scope.name()
                    );
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "rejected without saying why");
            for p in problems {
                points_inside(text, p);
            }
        }
    }
    result
}

/// A problem names the user's file (the built-in one is valid, so nothing
/// can be its fault) at a line and column that exist, and prints as
/// `file:line:column: message`.
fn points_inside(text: &str, p: &Problem) {
    assert_eq!(&*p.pos.file, NAME, "{p}");
    assert!(!p.message.trim().is_empty(), "{p}: no message");
    let Some(line) = text.split('\n').nth(p.pos.line.wrapping_sub(1)) else {
        panic!("{p}: the file has no line {}", p.pos.line);
    };
    assert!(
        (1..=line.chars().count() + 1).contains(&p.pos.column),
        "{p}: column {} is outside {line:?}",
        p.pos.column
    );
    let shown = p.to_string();
    let head = format!("{NAME}:{}:{}: ", p.pos.line, p.pos.column);
    assert!(shown.starts_with(&head), "{shown}");
}

/// Pieces of a keymap file, so random sequences are often almost valid.
const TOKENS: &[&str] = &[
    "[global]\n",
    "[table]\n",
    "[finder]\n",
    "[editor]\n",
    "[source]\n",
    "[nowhere]\n",
    "keymap = [\n",
    "prepend_keymap = [\n",
    "append_keymap = [\n",
    "]\n",
    "{ on = \"j\", run = \"down\" },\n",
    "{ on = \"<C-d>\", run = \"page_down\", desc = \"下一页\" },\n",
    "{ on = [\"g\", \"g\"], run = \"top\" },\n",
    "{ on = [\"g\"], run = \"quit\" },\n",
    "{ on = \"q\", run = \"noop\" },\n",
    "{ on = \"x\", run = \"nope\" },\n",
    "{ on = \"<A-\", run = \"quit\" },\n",
    "{ on = [], run = \"quit\" },\n",
    "{ on = 5, run = \"quit\" },\n",
    "{ run = \"quit\" },\n",
    "on",
    "run",
    " = ",
    "\"",
    "'",
    "{",
    "}",
    ",",
    "\n",
    "\t",
    "# 注释\n",
    "合计",
    "\u{202e}",
    "\u{0}",
    "😀",
    "\r\n",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..40).prop_map(|v| v.concat())
}

/// One change to one line of the default keymap.
#[derive(Debug, Clone)]
enum Edit {
    Line(LineEdit),
    On(usize, &'static str),
    Run(usize, &'static str),
    Section(usize, &'static str),
    List(usize, &'static str),
}

const KEYS: &[&str] = &[
    "j", "q", "g", "G", "?", "<C-x>", "<F13>", "<Enter>", "<S-Tab>", "", "<A-", "gg", "合", "<c-D>",
];
const RUNS: &[&str] = &[
    "quit",
    "down",
    "up",
    "noop",
    "top",
    "open_finder",
    "toggle_source",
    "nope",
    "",
    "Quit",
];
const SECTIONS: &[&str] = &[
    "global",
    "table",
    "finder",
    "editor",
    "input",
    "help",
    "portfolio",
    "nowhere",
    "",
];
const LISTS: &[&str] = &["keymap", "prepend_keymap", "append_keymap", "keymaps", ""];

fn edit() -> impl Strategy<Value = Edit> {
    let n = DEFAULT.lines().count();
    prop_oneof![
        4 => LineEdit::any(n, 200).prop_map(Edit::Line),
        1 => (0..n, prop::sample::select(KEYS)).prop_map(|(a, k)| Edit::On(a, k)),
        1 => (0..n, prop::sample::select(RUNS)).prop_map(|(a, r)| Edit::Run(a, r)),
        1 => (0..n, prop::sample::select(SECTIONS)).prop_map(|(a, s)| Edit::Section(a, s)),
        1 => (0..n, prop::sample::select(LISTS)).prop_map(|(a, l)| Edit::List(a, l)),
    ]
}

/// Replace the first `field = "…"` value on a line.
fn set_field(line: &str, field: &str, value: &str) -> String {
    let key = format!("{field} = \"");
    let Some(start) = line.find(&key).map(|i| i + key.len()) else {
        return line.to_string();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_string();
    };
    format!("{}{value}{}", &line[..start], &line[start + len..])
}

fn apply(edits: &[Edit]) -> String {
    let mut lines: Vec<String> = DEFAULT.lines().map(str::to_string).collect();
    for e in edits {
        let n = lines.len();
        if n == 0 {
            break;
        }
        match *e {
            Edit::Line(ref l) => l.apply(&mut lines),
            Edit::On(i, k) => lines[i % n] = set_field(&lines[i % n], "on", k),
            Edit::Run(i, r) => lines[i % n] = set_field(&lines[i % n], "run", r),
            Edit::Section(i, s) => {
                if lines[i % n].starts_with('[') {
                    lines[i % n] = format!("[{s}]");
                }
            }
            Edit::List(i, l) => {
                if let Some(rest) = lines[i % n].strip_prefix("keymap") {
                    lines[i % n] = format!("{l}{rest}");
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_default_file_as_a_user_file_loads_and_a_broken_one_does_not() {
    let km = load_and_check(DEFAULT).unwrap();
    assert!(km.all().count() > 100);
    // Negative control: the checks above must be able to fail.
    let problems =
        load_and_check("[global]\nkeymap = [ { on = \"q\", run = \"nope\" } ]\n").unwrap_err();
    assert_eq!((problems[0].pos.line, problems[0].pos.column), (2, 30));
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn any_text_is_loaded_or_rejected_with_positions(text in "(?s).{0,400}") {
        let _ = load_and_check(&text);
    }

    #[test]
    fn token_sequences_are_loaded_or_rejected_with_positions(text in token_soup()) {
        let _ = load_and_check(&text);
    }

}

// The default keymap as the user's file doubles the work of each case.
proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn mutated_defaults_are_loaded_or_rejected_with_positions(
        edits in prop::collection::vec(edit(), 1..5)
    ) {
        let _ = load_and_check(&apply(&edits));
    }

    /// One binding's action renamed to something unknown: the file is
    /// rejected with a problem at that `run` value's opening quote.
    #[test]
    fn an_unknown_action_is_reported_at_its_run_value(
        pick in any::<prop::sample::Index>(),
        suffix in "[a-z_]{1,12}",
    ) {
        let lines: Vec<&str> = DEFAULT.lines().collect();
        let runs: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim_start().starts_with('{') && lines[i].contains("run = \""))
            .collect();
        let i = runs[pick.index(runs.len())];
        let bogus = format!("zz_{suffix}");
        prop_assume!(Action::from_name(&bogus).is_none());
        let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        edited[i] = set_field(lines[i], "run", &bogus);
        let text = edited.join("\n");
        let problems = load_and_check(&text).expect_err("an unknown action is rejected");
        let column = edited[i][..edited[i].find("run = \"").unwrap() + 6].chars().count() + 1;
        prop_assert!(
            problems.iter().any(|p| p.pos.line == i + 1
                && p.pos.column == column
                && p.message.contains(&format!("unknown action `{bogus}`"))),
            "{problems:?}"
        );
    }

}

proptest! {
    #![proptest_config(config(128))]

    /// The file path reads bytes: a file that is not UTF-8 is a read error
    /// naming the file; one that is loads exactly as its text does.
    #[test]
    fn a_keymap_file_of_any_bytes_is_read_or_refused_by_name(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300),
            token_soup().prop_map(String::into_bytes),
        ]
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, &bytes).unwrap();
        let name = path.display().to_string();
        match (Keymap::load(Some(&path)), std::str::from_utf8(&bytes)) {
            (Err(e @ KeymapError::Read { .. }), Err(_)) => {
                prop_assert!(e.to_string().starts_with(&format!("{name}: cannot read keymap")), "{}", e);
            }
            (Ok(_), Ok(text)) => prop_assert!(load_and_check(text).is_ok()),
            (Err(KeymapError::Invalid { problems }), Ok(text)) => {
                let at = |p: &Problem| (p.pos.line, p.pos.column);
                let via_text = load_and_check(text).expect_err("refused from the file, not as text");
                prop_assert_eq!(
                    problems.iter().map(at).collect::<Vec<_>>(),
                    via_text.iter().map(at).collect::<Vec<_>>()
                );
                prop_assert!(problems.iter().all(|p| *p.pos.file == name));
            }
            (r, u) => prop_assert!(false, "file and text disagree: loaded {} / UTF-8 {}", r.is_ok(), u.is_ok()),
        }
    }
}
