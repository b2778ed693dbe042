//! How long compiling the built-in regexes takes, one by one: every
//! `regex!(r"…")` and `digit_regex!(r"…")` literal under `src/` (the lazily
//! compiled patterns of the parser, the PDF layout and the rules), compiled
//! as the macro does; a `digit_regex!` in the form a report without digits
//! other than 0-9 and ０-９ uses (`\d` as `[0-9０-９]`), marked `d`.
//!
//! ```text
//! cargo run --release --example regex_compile          # the ten slowest, and the total
//! cargo run --release --example regex_compile -- all   # every pattern
//! ```
//!
//! A process compiles a pattern the first time it is used; this measures the
//! total a process that uses all of them pays, once.

use std::time::Instant;

fn main() {
    let all = std::env::args().nth(1).as_deref() == Some("all");
    let mut patterns = Vec::new();
    collect(std::path::Path::new("src"), &mut patterns);
    if patterns.is_empty() {
        eprintln!("regex_compile: run from the repository root (no patterns found under src/)");
        std::process::exit(2);
    }
    let mut times: Vec<(f64, String, String)> = Vec::new();
    for (file, p) in &patterns {
        let (compiled, shown) = match p.strip_prefix("d ") {
            Some(p) => (juesuan::text::common_digits(p), format!("d {p}")),
            None => (p.clone(), format!("  {p}")),
        };
        let t = Instant::now();
        let ok = regex::Regex::new(&compiled).is_ok();
        let ms = t.elapsed().as_secs_f64() * 1e3;
        times.push((
            ms,
            file.clone(),
            if ok {
                shown
            } else {
                format!("(error) {shown}")
            },
        ));
    }
    let total: f64 = times.iter().map(|t| t.0).sum();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let shown = if all {
        times.len()
    } else {
        10.min(times.len())
    };
    for (ms, file, p) in &times[..shown] {
        println!("{ms:7.3} ms  {file}  {p}");
    }
    println!("{} patterns, {total:.2} ms in all", times.len());
}

/// Every `regex!(r"…")` / `regex!(r#"…"#)` literal in the `.rs` files under
/// `dir`; a `digit_regex!` one prefixed with `d `.
fn collect(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            // Test modules (at the end of a file) compile theirs in tests only.
            let src = src.split("#[cfg(test)]").next().unwrap_or(&src);
            for p in literals(src) {
                out.push((path.display().to_string(), p));
            }
        }
    }
}

/// The raw-string arguments of `regex!(` and `digit_regex!(` in `src`,
/// however the call is wrapped (the latter prefixed with `d `).
fn literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("regex!(") {
        let digit = rest[..i].ends_with("digit_");
        rest = &rest[i + "regex!(".len()..];
        let arg = rest.trim_start();
        let (open, close) = if arg.starts_with("r#\"") {
            ("r#\"", "\"#")
        } else if arg.starts_with("r\"") {
            ("r\"", "\"")
        } else {
            continue; // the macro's own definition, or a non-literal
        };
        let body = &arg[open.len()..];
        if let Some(end) = body.find(close) {
            let prefix = if digit { "d " } else { "" };
            out.push(format!("{prefix}{}", &body[..end]));
        }
    }
    out
}
