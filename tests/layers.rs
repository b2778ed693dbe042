//! The layer rule (分层规则): each top-level module of `src/` may import only
//! the modules below it, so data flows one way (bytes → report → findings →
//! views and working papers, with the command line on top). This test reads
//! every file under `src/` and checks its `crate::X` paths against the
//! table; a module missing from the table fails the test by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which top-level modules a module may name with `crate::X`.
enum May {
    /// Only these (its own module is always allowed).
    Only(&'static [&'static str]),
    /// Any module but these.
    AllBut(&'static [&'static str]),
}

/// The table, lowest layer first.
const LAYERS: &[(&str, May)] = &[
    ("report", May::Only(&[])),
    ("sanitize", May::Only(&[])),
    ("text", May::Only(&["report"])),
    ("parse", May::Only(&["report", "text"])),
    ("pdf", May::Only(&["report", "text"])),
    ("input", May::Only(&["report", "text", "parse", "pdf"])),
    ("rules", May::Only(&["report", "text"])),
    ("review", May::Only(&["report", "rules", "sanitize"])),
    ("check", May::Only(&["report", "input", "rules", "review"])),
    ("corpus", May::Only(&["report", "text", "parse"])),
    ("batch", May::AllBut(&["cli", "tui"])),
    ("tui", May::AllBut(&["cli"])),
    ("cli", May::AllBut(&[])),
];

/// Paths under `crate::` that are macros exported at the crate root, not modules.
const MACROS: &[&str] = &["regex"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under `src/` belongs to; `None` for the crate
/// root files (lib.rs declares the modules, main.rs calls the library).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules named after `crate::` in code (comment lines are
/// skipped), with `use crate::{a, b::c}` groups split; macros are left out.
fn imports(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            // `$crate::` or `my_crate::` are not this crate's root.
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| is_ident(c) || c == '$') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut item = String::new();
                let mut items = Vec::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                        _ if depth == 0 => item.push(c),
                        _ => {}
                    }
                }
                items.push(item);
                for i in items {
                    let name: String = i.trim().chars().take_while(|&c| is_ident(c)).collect();
                    if !name.is_empty() && name != "self" {
                        found.push(name);
                    }
                }
                continue;
            }
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            let is_macro = rest[name.len()..].starts_with('!') || MACROS.contains(&name.as_str());
            if !name.is_empty() && !is_macro {
                found.push(name);
            }
        }
    }
    found
}

/// Every breach of the table: (file, module, what it imports).
fn breaches(src: &Path) -> Result<Vec<(String, String, String)>, String> {
    let table: BTreeMap<&str, &May> = LAYERS.iter().map(|(m, may)| (*m, may)).collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let Some(may) = table.get(module.as_str()) else {
            return Err(format!(
                "module `{module}` ({}) is not in the layer table in tests/layers.rs; add it",
                file.display()
            ));
        };
        let code =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for target in imports(&code) {
            if target == module {
                continue;
            }
            if !table.contains_key(target.as_str()) {
                return Err(format!(
                    "{} names `crate::{target}`, a module not in the layer table in tests/layers.rs",
                    file.display()
                ));
            }
            let allowed = match may {
                May::Only(ok) => ok.contains(&target.as_str()),
                May::AllBut(banned) => !banned.contains(&target.as_str()),
            };
            if !allowed {
                out.push((file.display().to_string(), module.clone(), target));
            }
        }
    }
    Ok(out)
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = breaches(&src).unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<String> = found
        .iter()
        .map(|(file, module, target)| {
            format!("{file}: `{module}` may not import `crate::{target}`")
        })
        .collect();
    assert!(lines.is_empty(), "layer rule broken:\n{}", lines.join("\n"));
}

#[test]
fn the_scanner_sees_plain_grouped_and_qualified_paths_but_not_comments_or_macros() {
    let code = "use crate::cli::exit;\n\
                use crate::{tui::run, report};\n\
                // use crate::batch;\n\
                let x = crate::parse::parse_text(p, b);\n\
                let r = crate::regex!(\"a\");\n\
                $crate::pdf::read();\n";
    assert_eq!(imports(code), ["cli", "tui", "report", "parse"]);
}
