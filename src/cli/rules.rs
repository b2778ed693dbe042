//! `juesuan rules` and `juesuan explain RULE`: the rule catalogue (规则目录)
//! and one rule's rationale.

use super::exit;
use crate::rules;
use crate::sanitize::visible;

/// `rules`: one line per rule: id, severity, title.
pub fn list() -> i32 {
    let rules = rules::catalogue();
    let w = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let text: String = rules
        .iter()
        .map(|r| format!("{:<w$} {:<8} {}\n", r.id, r.severity, r.title))
        .collect();
    exit::emit(&text)
}

/// `explain RULE`: the rule's id, severity, title and rationale.
pub fn explain(id: &str) -> i32 {
    match rules::find(id) {
        Some(r) => {
            let mut text = format!(
                "{} ({})\n{}\n\n{}\n",
                r.id, r.severity, r.title, r.rationale
            );
            if let Some(policy) = rules::tolerance_policy(r) {
                text.push_str(&format!("\n{policy}\n"));
            }
            exit::emit(&text)
        }
        None => {
            eprintln!(
                "juesuan: no rule with id “{}”; `juesuan rules` lists them",
                visible(id)
            );
            exit::USAGE
        }
    }
}
