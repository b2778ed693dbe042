//! Keymap files: each fixture in tests/keymaps/invalid/ is wrong in one way
//! and says on its first line where the problem must be reported
//! (`# expect: LINE:COLUMN message fragment`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::tui::input::action::{Action, Scope};
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::{Keymap, Resolved};
use std::path::Path;

fn fixtures(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_invalid_fixture_is_reported_where_it_is_wrong() {
    let files = fixtures("tests/keymaps/invalid");
    assert!(files.len() >= 15, "fixtures missing: {files:?}");
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{}: no `# expect:` line", path.display()));
        let (at, fragment) = expect.split_once(' ').unwrap();
        let (line, column) = at.split_once(':').unwrap();
        let (line, column): (usize, usize) = (line.parse().unwrap(), column.parse().unwrap());
        let name = path.display().to_string();
        let problems = match Keymap::from_texts(Some((&name, &text))) {
            Ok(_) => {
                failures.push(format!("{name}: loaded without problems"));
                continue;
            }
            Err(p) => p,
        };
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let hit = problems.iter().any(|p| {
            *p.pos.file == *name
                && p.pos.line == line
                && p.pos.column == column
                && p.message.contains(fragment)
        });
        // The display form is what `keymap --check` prints: file:line:column: message.
        let printed = shown
            .iter()
            .any(|s| s.starts_with(&format!("{name}:{line}:{column}: ")));
        if !hit || !printed {
            failures.push(format!(
                "{name}: expected a problem at {line}:{column} containing {fragment:?}, got:\n{}",
                shown.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_valid_user_file_overrides_unbinds_and_adds() {
    for path in fixtures("tests/keymaps/valid") {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let km =
            Keymap::from_texts(Some((&name, &text))).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let table = [Scope::Table, Scope::Global];
        assert_eq!(
            km.resolve(&table, &[Key::ctrl('n')]),
            Resolved::Action(Action::NextFinding)
        );
        assert_eq!(
            km.resolve(&table, &[Key::char('s')]),
            Resolved::Action(Action::Noop)
        );
        assert_eq!(
            km.resolve(&table, &[Key::char('g'), Key::char('s')]),
            Resolved::Action(Action::ToggleSource)
        );
        // The default chord with the same first key still works.
        assert_eq!(
            km.resolve(&table, &[Key::char('g'), Key::char('g')]),
            Resolved::Action(Action::Top)
        );
        assert_eq!(
            km.resolve(&table, &[Key::char('w')]),
            Resolved::Action(Action::Right)
        );
        assert_eq!(km.sources.len(), 2);
    }
}

#[test]
fn the_repo_root_keymap_is_the_embedded_one() {
    let on_disk =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("keymap.toml")).unwrap();
    assert_eq!(on_disk, juesuan::tui::input::keymap::DEFAULT);
}
