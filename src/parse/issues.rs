//! The parse issues collected while reading a report, capped: a hostile
//! file can make every cell a problem (a 13 MB file of text cells made
//! 6.4 million issues, 19 GB and three minutes), and past a few thousand
//! the list helps no auditor anyway.

use crate::report::{LineNo, ParseIssue};

/// The most parse issues listed; further ones are counted in one
/// `PARSE-LIMIT` issue at the line of the first one left out.
pub const MAX_PARSE_ISSUES: usize = 10_000;

/// Parse issues in the order found, at most [`MAX_PARSE_ISSUES`].
#[derive(Debug, Default)]
pub struct Issues {
    list: Vec<ParseIssue>,
    dropped: usize,
    first_dropped: Option<LineNo>,
}

impl Issues {
    /// Record an issue (or count it, once the list is full).
    pub fn push(&mut self, issue: ParseIssue) {
        if self.list.len() < MAX_PARSE_ISSUES {
            self.list.push(issue);
        } else {
            self.dropped += 1;
            self.first_dropped.get_or_insert(issue.line);
        }
    }

    /// Record several issues.
    pub fn extend(&mut self, issues: impl IntoIterator<Item = ParseIssue>) {
        for i in issues {
            self.push(i);
        }
    }

    /// The issues, with a closing `PARSE-LIMIT` issue when some were left out.
    pub fn into_vec(mut self) -> Vec<ParseIssue> {
        if let Some(line) = self.first_dropped {
            self.list.push(ParseIssue {
                code: crate::report::IssueCode::Limit,
                line,
                message: format!(
                    "expected at most {MAX_PARSE_ISSUES} parse problems, found {} more from \
                     this line on; they are not listed and the cells they concern are not checked",
                    self.dropped
                ),
                schedule: None,
                project: None,
            });
        }
        self.list
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn at(line: LineNo) -> ParseIssue {
        ParseIssue {
            code: crate::report::IssueCode::Row,
            line,
            message: String::new(),
            schedule: None,
            project: None,
        }
    }

    #[test]
    fn issues_past_the_cap_are_counted_in_one() {
        let mut issues = Issues::default();
        issues.extend((1..=MAX_PARSE_ISSUES as LineNo + 5).map(at));
        let v = issues.into_vec();
        assert_eq!(v.len(), MAX_PARSE_ISSUES + 1);
        let last = v.last().unwrap();
        assert_eq!(
            (last.code, last.line),
            (
                crate::report::IssueCode::Limit,
                MAX_PARSE_ISSUES as LineNo + 1
            )
        );
        assert!(last.message.contains("found 5 more"), "{}", last.message);
        let mut few = Issues::default();
        few.push(at(3));
        assert_eq!(few.into_vec().len(), 1);
    }
}
