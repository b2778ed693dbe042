//! The keymap loader on arbitrary bytes: never panics; a rejected file gives
//! problems that point inside it (file:line:column); an accepted one resolves
//! every binding it lists. Some inputs also go through the file path
//! (`Keymap::load`), which reads bytes: non-UTF-8 must be a read error naming
//! the file, UTF-8 must load exactly as the text does.
#![no_main]

use juesuan::tui::keymap::{Keymap, KeymapError, Problem, Resolved};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const NAME: &str = "user.toml";

fn check(name: &str, text: &str) -> Result<usize, Vec<(usize, usize)>> {
    match Keymap::from_texts(Some((name, text))) {
        Ok(km) => {
            assert_eq!(km.sources.len(), 2);
            let mut n = 0;
            for (scope, b) in km.all() {
                assert!(!b.keys.is_empty());
                assert_eq!(
                    km.resolve(&[scope], &b.keys),
                    Resolved::Action(b.action),
                    "binding {:?} in {scope:?} does not resolve to itself",
                    b.keys
                );
                for cut in 1..b.keys.len() {
                    assert_eq!(km.resolve(&[scope], &b.keys[..cut]), Resolved::Pending);
                }
                n += 1;
            }
            Ok(n)
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "rejected without a problem");
            Err(problems.iter().map(|p| located(name, text, p)).collect())
        }
    }
}

/// Every problem is in the user's file (the built-in one is valid), at a
/// line and column that exist in it. (Messages may quote the file name, so
/// only the position is compared between the text and file paths.)
fn located(name: &str, text: &str, p: &Problem) -> (usize, usize) {
    assert_eq!(&*p.pos.file, name, "{p}");
    assert!(!p.message.is_empty());
    let line = text.split('\n').nth(p.pos.line.wrapping_sub(1));
    let Some(line) = line else {
        panic!("{p}: line {} is not in the file", p.pos.line)
    };
    assert!(
        p.pos.column >= 1 && p.pos.column <= line.chars().count() + 1,
        "{p}: column outside line {:?}",
        line
    );
    assert!(p
        .to_string()
        .starts_with(&format!("{name}:{}:", p.pos.line)));
    (p.pos.line, p.pos.column)
}

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("juesuan-fuzz-keymap-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("scratch folder");
        d.join("keymap.toml")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let from_text = check(NAME, &text);
    // The file path, for one input in eight (it costs a write and a read).
    if data.last().is_some_and(|b| b % 8 == 0) {
        let path = scratch();
        std::fs::write(path, data).expect("write scratch keymap");
        let name = path.display().to_string();
        match (Keymap::load(Some(path)), std::str::from_utf8(data)) {
            (Err(KeymapError::Read { path: p, .. }), Err(_)) => assert_eq!(&p, path),
            (Ok(_), Ok(t)) => assert!(matches!(check(&name, t), Ok(_)) && from_text.is_ok()),
            (Err(KeymapError::Invalid { problems }), Ok(t)) => {
                let via_file: Vec<_> = problems.iter().map(|p| located(&name, t, p)).collect();
                assert_eq!(from_text.err(), Some(via_file));
            }
            (r, u) => panic!(
                "file path and text disagree: {:?} / utf-8 {}",
                r.is_ok(),
                u.is_ok()
            ),
        }
    }
});
