//! Key bindings: the defaults (`keymap.toml` at the repo root, embedded in
//! the binary) merged with the user's file. The format is yazi's: one section
//! per pane, each with `keymap = [ { on, run, desc }, … ]`; a user file may
//! also use `prepend_keymap` (wins over the defaults) and `append_keymap`.
//!
//! Unlike yazi and gitui, every problem is reported with file, line and
//! column, and a user file with problems stops the workbench from starting:
//! it is never dropped silently.
//!
//! One idea in one file (the format, the merge of the two files and the
//! lookup of keys), long because every problem a person can make in it is
//! caught and placed.

use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::{chord, Key};
use crate::tui::input::problem::{Locator, Pos, Problem};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The default keymap, embedded from the repo root.
pub const DEFAULT: &str = include_str!("../../../keymap.toml");

/// The name problems in the default keymap are reported under.
pub const DEFAULT_NAME: &str = "keymap.toml (built-in)";

/// Why a keymap could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The file could not be read.
    #[error("{path}: cannot read keymap: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file (or the defaults) has problems.
    #[error("{}", problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

/// One key binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The key, or the keys of a chord.
    pub keys: Vec<Key>,
    /// What it runs.
    pub action: Action,
    /// The `desc` field, else the action's own description.
    pub desc: String,
    /// Where it was defined (its `on` value).
    pub pos: Pos,
    /// Whether it comes from the user's file.
    pub user: bool,
}

/// The result of looking up the keys pressed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A binding matched: run it.
    Action(Action),
    /// The keys start a chord: wait for the next key.
    Pending,
    /// Nothing is bound to these keys.
    Unbound,
}

/// The active bindings, per section, in priority order.
#[derive(Debug, Clone)]
pub struct Keymap {
    sections: BTreeMap<Scope, Vec<Binding>>,
    /// The files it was built from (for help's title).
    pub sources: Vec<String>,
}

/// Which list of a section an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Keymap,
    Prepend,
    Append,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(rename = "$schema")]
    _schema: Option<String>,
    global: Option<SectionDoc>,
    schedules: Option<SectionDoc>,
    projects: Option<SectionDoc>,
    findings: Option<SectionDoc>,
    table: Option<SectionDoc>,
    project: Option<SectionDoc>,
    source: Option<SectionDoc>,
    evidence: Option<SectionDoc>,
    page: Option<SectionDoc>,
    finder: Option<SectionDoc>,
    cell_info: Option<SectionDoc>,
    help: Option<SectionDoc>,
    input: Option<SectionDoc>,
    editor: Option<SectionDoc>,
    portfolio: Option<SectionDoc>,
}

impl FileDoc {
    fn into_sections(self) -> Vec<(Scope, SectionDoc)> {
        let all = [
            (Scope::Global, self.global),
            (Scope::Schedules, self.schedules),
            (Scope::Projects, self.projects),
            (Scope::Findings, self.findings),
            (Scope::Table, self.table),
            (Scope::Project, self.project),
            (Scope::Source, self.source),
            (Scope::Evidence, self.evidence),
            (Scope::Page, self.page),
            (Scope::Finder, self.finder),
            (Scope::CellInfo, self.cell_info),
            (Scope::Help, self.help),
            (Scope::Input, self.input),
            (Scope::Editor, self.editor),
            (Scope::Portfolio, self.portfolio),
        ];
        all.into_iter()
            .filter_map(|(s, d)| d.map(|d| (s, d)))
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionDoc {
    keymap: Option<Vec<EntryDoc>>,
    prepend_keymap: Option<Vec<EntryDoc>>,
    append_keymap: Option<Vec<EntryDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDoc {
    on: Spanned<OnDoc>,
    run: Spanned<String>,
    desc: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OnDoc {
    One(String),
    Chord(Vec<String>),
}

/// One parsed file: its entries per section, and whether a section replaces
/// the defaults (`keymap =` in a user file).
struct Parsed {
    entries: Vec<(Scope, List, Binding)>,
    replaces: Vec<Scope>,
}

fn parse_file(name: &str, text: &str, user: bool, problems: &mut Vec<Problem>) -> Parsed {
    let loc = Locator::new(name, text);
    let mut parsed = Parsed {
        entries: Vec::new(),
        replaces: Vec::new(),
    };
    let doc: FileDoc = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            problems.push(loc.toml_error(&e));
            return parsed;
        }
    };
    for (scope, section) in doc.into_sections() {
        let lists = [
            (List::Keymap, section.keymap),
            (List::Prepend, section.prepend_keymap),
            (List::Append, section.append_keymap),
        ];
        for (list, entries) in lists {
            let Some(entries) = entries else { continue };
            if list == List::Keymap && user {
                parsed.replaces.push(scope);
            }
            for entry in entries {
                if let Some(b) = parse_entry(&loc, scope, entry, user, problems) {
                    parsed.entries.push((scope, list, b));
                }
            }
        }
    }
    parsed
}

fn parse_entry(
    loc: &Locator,
    scope: Scope,
    entry: EntryDoc,
    user: bool,
    problems: &mut Vec<Problem>,
) -> Option<Binding> {
    let on_at = entry.on.span().start;
    let names = match entry.on.into_inner() {
        OnDoc::One(s) => vec![s],
        OnDoc::Chord(v) => v,
    };
    if names.is_empty() {
        problems.push(loc.problem(on_at, "`on` is empty: give a key or an array of keys"));
        return None;
    }
    let mut keys = Vec::new();
    for n in &names {
        match Key::parse(n) {
            Ok(k) => keys.push(k),
            Err(e) => {
                problems.push(loc.problem(on_at, e));
                return None;
            }
        }
    }
    let run_at = entry.run.span().start;
    let run = entry.run.into_inner();
    let Some(action) = Action::from_name(&run) else {
        problems.push(loc.problem(run_at, unknown_action(&run)));
        return None;
    };
    if !action.applies_in(scope) {
        let homes: Vec<String> = Scope::ALL
            .iter()
            .filter(|s| action.applies_in(**s))
            .map(|s| format!("[{}]", s.name()))
            .collect();
        problems.push(loc.problem(
            run_at,
            format!(
                "`{run}` does nothing in [{}]; it belongs in {}",
                scope.name(),
                homes.join(", ")
            ),
        ));
        return None;
    }
    if scope.takes_text() && keys.len() == 1 && keys[0].printable().is_some() {
        problems.push(loc.problem(
            on_at,
            format!(
                "binding `{}` in [{}] would stop it being typed into the input; use a Ctrl key or a named key",
                keys[0],
                scope.name()
            ),
        ));
        return None;
    }
    Some(Binding {
        keys,
        action,
        desc: entry.desc.unwrap_or_else(|| action.doc().to_string()),
        pos: loc.pos(on_at),
        user,
    })
}

fn unknown_action(run: &str) -> String {
    let best = Action::ALL
        .iter()
        .map(|a| (strsim::jaro_winkler(run, a.name()), a.name()))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, name)) if score > 0.8 => {
            format!("unknown action `{run}`; did you mean `{name}`? (`juesuan keymap` lists the actions)")
        }
        _ => format!("unknown action `{run}` (`juesuan keymap` lists the actions)"),
    }
}

/// Whether `a` is a proper prefix of `b`.
fn is_prefix(a: &[Key], b: &[Key]) -> bool {
    a.len() < b.len() && b.starts_with(a)
}

/// How two bindings of one section collide, if they do.
fn collision(a: &[Key], b: &[Key]) -> Option<&'static str> {
    if a == b {
        Some("same keys")
    } else if is_prefix(a, b) || is_prefix(b, a) {
        Some("prefix")
    } else {
        None
    }
}

/// Build one section's effective list in priority order, reporting
/// collisions that a person did not intend.
fn merge_section(scope: Scope, ordered: Vec<Binding>, problems: &mut Vec<Problem>) -> Vec<Binding> {
    let mut out: Vec<Binding> = Vec::new();
    for b in ordered {
        let hit = out
            .iter()
            .find_map(|e| collision(&e.keys, &b.keys).map(|kind| (e, kind)));
        let Some((e, kind)) = hit else {
            out.push(b);
            continue;
        };
        if e.pos.file == b.pos.file {
            let message = match kind {
                "same keys" => format!(
                    "`{}` is bound twice in [{}]: first at line {}, column {} (run = \"{}\")",
                    chord(&b.keys),
                    scope.name(),
                    e.pos.line,
                    e.pos.column,
                    e.action.name()
                ),
                _ => format!(
                    "`{}` and `{}` (line {}, column {}) conflict in [{}]: a key cannot both run an action and start a chord",
                    chord(&b.keys),
                    chord(&e.keys),
                    e.pos.line,
                    e.pos.column,
                    scope.name()
                ),
            };
            problems.push(Problem {
                pos: b.pos.clone(),
                message,
            });
        } else if b.user {
            problems.push(Problem {
                pos: b.pos.clone(),
                message: format!(
                    "`{}` in [{}] can never run: the built-in `{}` (run = \"{}\") comes first; use prepend_keymap to override it",
                    chord(&b.keys),
                    scope.name(),
                    chord(&e.keys),
                    e.action.name()
                ),
            });
        }
        // Otherwise a built-in binding is overridden by the user's: intended.
    }
    out
}

/// A pane's binding that hides a global one (or the reverse) by a prefix.
fn cross_scope(sections: &BTreeMap<Scope, Vec<Binding>>, problems: &mut Vec<Problem>) {
    let global = sections
        .get(&Scope::Global)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (scope, list) in sections {
        if *scope == Scope::Global || scope.is_modal() {
            continue;
        }
        for b in list {
            for g in global {
                if !(is_prefix(&b.keys, &g.keys) || is_prefix(&g.keys, &b.keys)) {
                    continue;
                }
                // Point at the user's binding when only one is the user's.
                let (at, other) = if g.user && !b.user { (g, b) } else { (b, g) };
                problems.push(Problem {
                    pos: at.pos.clone(),
                    message: format!(
                        "`{}` in [{}] and `{}` in [global] conflict: while the {} pane has focus one of them can never run (other at {})",
                        chord(&b.keys),
                        scope.name(),
                        chord(&g.keys),
                        scope.name(),
                        other.pos
                    ),
                });
            }
        }
    }
}

impl Keymap {
    /// The built-in defaults alone.
    pub fn defaults() -> Result<Keymap, Vec<Problem>> {
        Keymap::from_texts(None)
    }

    /// The defaults merged with a user file given as (name, text).
    pub fn from_texts(user: Option<(&str, &str)>) -> Result<Keymap, Vec<Problem>> {
        let mut problems = Vec::new();
        let defaults = parse_file(DEFAULT_NAME, DEFAULT, false, &mut problems);
        let user = user.map(|(name, text)| (name, parse_file(name, text, true, &mut problems)));
        let mut sections = BTreeMap::new();
        for scope in Scope::ALL {
            let pick = |p: &Parsed, list: List| -> Vec<Binding> {
                p.entries
                    .iter()
                    .filter(|(s, l, _)| *s == scope && *l == list)
                    .map(|(_, _, b)| b.clone())
                    .collect()
            };
            let mut ordered = Vec::new();
            let replaced = user
                .as_ref()
                .is_some_and(|(_, u)| u.replaces.contains(&scope));
            if let Some((_, u)) = &user {
                ordered.extend(pick(u, List::Prepend));
            }
            match &user {
                Some((_, u)) if replaced => ordered.extend(pick(u, List::Keymap)),
                _ => {
                    // The built-in file uses `keymap` only; treat its other lists alike.
                    for list in [List::Prepend, List::Keymap, List::Append] {
                        ordered.extend(pick(&defaults, list));
                    }
                }
            }
            if let Some((_, u)) = &user {
                ordered.extend(pick(u, List::Append));
            }
            let merged = merge_section(scope, ordered, &mut problems);
            sections.insert(scope, merged);
        }
        cross_scope(&sections, &mut problems);
        if !problems.is_empty() {
            problems.sort_by(|a, b| {
                (&a.pos.file, a.pos.line, a.pos.column).cmp(&(
                    &b.pos.file,
                    b.pos.line,
                    b.pos.column,
                ))
            });
            problems.dedup();
            return Err(problems);
        }
        let mut sources = vec![DEFAULT_NAME.to_string()];
        if let Some((name, _)) = user {
            sources.push(name.to_string());
        }
        Ok(Keymap { sections, sources })
    }

    /// Load the defaults and the user's file: `explicit` (from `--keymap`),
    /// else `keymap.toml` in the config directory when it exists.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => user_path().filter(|p| p.exists()),
        };
        let Some(path) = path else {
            return Keymap::defaults().map_err(|problems| KeymapError::Invalid { problems });
        };
        let text = std::fs::read_to_string(&path).map_err(|source| KeymapError::Read {
            path: path.clone(),
            source,
        })?;
        let name = path.display().to_string();
        Keymap::from_texts(Some((&name, &text)))
            .map_err(|problems| KeymapError::Invalid { problems })
    }

    /// The bindings of one section, in priority order.
    pub fn bindings(&self, scope: Scope) -> &[Binding] {
        self.sections.get(&scope).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every binding, section by section.
    pub fn all(&self) -> impl Iterator<Item = (Scope, &Binding)> {
        self.sections
            .iter()
            .flat_map(|(s, l)| l.iter().map(move |b| (*s, b)))
    }

    /// Look up the keys pressed so far in `scopes`, first scope first.
    pub fn resolve(&self, scopes: &[Scope], keys: &[Key]) -> Resolved {
        for scope in scopes {
            let list = self.bindings(*scope);
            if let Some(b) = list.iter().find(|b| b.keys == keys) {
                return Resolved::Action(b.action);
            }
            if list.iter().any(|b| is_prefix(keys, &b.keys)) {
                return Resolved::Pending;
            }
        }
        Resolved::Unbound
    }

    /// The first binding that runs `action` in `scopes` (for key hints).
    pub fn binding_for(&self, scopes: &[Scope], action: Action) -> Option<&Binding> {
        scopes
            .iter()
            .flat_map(|s| self.bindings(*s))
            .find(|b| b.action == action)
    }

    /// The bindings that complete the chord `prefix` (for the pending hint).
    pub fn continuations(&self, scopes: &[Scope], prefix: &[Key]) -> Vec<&Binding> {
        scopes
            .iter()
            .flat_map(|s| self.bindings(*s))
            .filter(|b| is_prefix(prefix, &b.keys))
            .collect()
    }
}

/// Where the user's keymap lives when `--keymap` is not given.
pub fn user_path() -> Option<PathBuf> {
    crate::tui::input::config::config_dir().map(|d| d.join("keymap.toml"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn defaults_load_without_problems() {
        let km = Keymap::defaults().unwrap_or_else(|p| {
            panic!(
                "{}",
                p.iter()
                    .map(Problem::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(km.bindings(Scope::Global).len() > 10);
        for scope in Scope::ALL {
            assert!(!km.bindings(scope).is_empty(), "[{}] empty", scope.name());
        }
    }

    #[test]
    fn chords_resolve_in_steps_and_panes_come_before_global() {
        let km = Keymap::defaults().unwrap();
        let scopes = [Scope::Table, Scope::Global];
        let g = Key::char('g');
        assert_eq!(km.resolve(&scopes, &[g]), Resolved::Pending);
        assert_eq!(km.resolve(&scopes, &[g, g]), Resolved::Action(Action::Top));
        assert_eq!(
            km.resolve(&scopes, &[Key::char('q')]),
            Resolved::Action(Action::Quit)
        );
        assert_eq!(
            km.resolve(&scopes, &[Key::plain(KeyCode::F(12))]),
            Resolved::Unbound
        );
        // Popups do not fall through to global keys.
        assert_eq!(
            km.resolve(&[Scope::Finder], &[Key::char('q')]),
            Resolved::Unbound
        );
    }

    #[test]
    fn vim_and_arrow_keys_both_move() {
        let km = Keymap::defaults().unwrap();
        for scope in [
            Scope::Schedules,
            Scope::Projects,
            Scope::Findings,
            Scope::Table,
            Scope::Source,
        ] {
            let s = [scope, Scope::Global];
            assert_eq!(
                km.resolve(&s, &[Key::char('j')]),
                Resolved::Action(Action::Down)
            );
            assert_eq!(
                km.resolve(&s, &[Key::plain(KeyCode::Down)]),
                Resolved::Action(Action::Down)
            );
        }
    }

    #[test]
    fn nothing_in_the_defaults_needs_alt_or_esc_then_key() {
        let km = Keymap::defaults().unwrap();
        for (scope, b) in km.all() {
            assert!(
                !b.keys.iter().any(|k| k.alt),
                "[{}] {}",
                scope.name(),
                chord(&b.keys)
            );
            if b.keys.len() > 1 {
                assert!(
                    !b.keys.iter().any(|k| k.code == KeyCode::Esc),
                    "[{}] {}",
                    scope.name(),
                    chord(&b.keys)
                );
            }
        }
    }

    #[test]
    fn user_prepend_overrides_and_append_behind_a_default_is_reported() {
        let user = r#"
[table]
prepend_keymap = [ { on = "j", run = "up", desc = "inverted" } ]
append_keymap = [ { on = "k", run = "down" } ]
"#;
        let problems = Keymap::from_texts(Some(("user.toml", user))).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].pos.line, 4);
        assert!(problems[0].message.contains("can never run"));

        let user = "[table]\nprepend_keymap = [ { on = \"j\", run = \"up\" } ]\n";
        let km = Keymap::from_texts(Some(("user.toml", user))).unwrap();
        assert_eq!(
            km.resolve(&[Scope::Table], &[Key::char('j')]),
            Resolved::Action(Action::Up)
        );
    }

    #[test]
    fn user_keymap_replaces_a_section() {
        let user = "[source]\nkeymap = [ { on = \"x\", run = \"down\" } ]\n";
        let km = Keymap::from_texts(Some(("user.toml", user))).unwrap();
        assert_eq!(km.bindings(Scope::Source).len(), 1);
        assert_eq!(
            km.resolve(&[Scope::Source], &[Key::char('j')]),
            Resolved::Unbound
        );
    }
}
