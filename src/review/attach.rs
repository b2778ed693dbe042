//! Re-attach stored annotations to a fresh check's findings (重新挂接), by
//! fingerprint. Fingerprints leave line numbers out, so annotations survive
//! lines moving; what the auditor saw is compared with what the check says
//! now, and an annotation whose finding is gone is kept as an orphan with its
//! old location and text: never dropped.

use super::model::Document;
use crate::rules::Finding;
use std::collections::BTreeMap;

/// How one annotation relates to the current findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attach {
    /// The finding is there with the values the auditor saw.
    Current,
    /// The finding is there but these fields differ from what the auditor saw
    /// ("changed since review").
    Changed(Vec<&'static str>),
    /// No current finding has this fingerprint; the annotation's `seen` holds
    /// its old location and message.
    Orphaned,
}

/// One annotation's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Attached, changed or orphaned.
    pub attach: Attach,
    /// The verdict was set on a report with another sha256 (the report was
    /// edited since, even if this finding looks the same).
    pub report_changed: bool,
}

/// Every annotation's status against one check of one report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attachment {
    /// sha256 of the report checked now.
    pub report_sha256: String,
    /// The sidecar was last written for a report with another sha256.
    pub report_changed: bool,
    /// Status per annotation key.
    pub statuses: BTreeMap<String, Status>,
}

impl Attachment {
    /// Keys of orphaned annotations, in key order.
    pub fn orphans(&self) -> Vec<&str> {
        self.keys_where(|s| s.attach == Attach::Orphaned)
    }

    /// Keys of annotations whose finding changed since review.
    pub fn changed(&self) -> Vec<&str> {
        self.keys_where(|s| matches!(s.attach, Attach::Changed(_)))
    }

    /// The status of one annotation (None: not annotated).
    pub fn status(&self, id: &str) -> Option<&Status> {
        self.statuses.get(id)
    }

    fn keys_where(&self, pred: impl Fn(&Status) -> bool) -> Vec<&str> {
        self.statuses
            .iter()
            .filter(|(_, s)| pred(s))
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// Attach `doc`'s annotations to `findings` (rule findings of a report whose
/// sha256 is `report_sha256`; the document's own findings are added here).
pub fn attach(doc: &Document, report_sha256: &str, findings: &[Finding]) -> Attachment {
    let own = doc.own_as_findings();
    let by_id: BTreeMap<&str, &Finding> = findings
        .iter()
        .chain(own.iter())
        .map(|f| (f.id.as_str(), f))
        .collect();
    let statuses = doc
        .annotations
        .iter()
        .map(|(key, a)| {
            let attach = match by_id.get(key.as_str()) {
                None => Attach::Orphaned,
                Some(f) => {
                    let diff = a.seen.differences(f);
                    if diff.is_empty() {
                        Attach::Current
                    } else {
                        Attach::Changed(diff)
                    }
                }
            };
            let status = Status {
                attach,
                report_changed: a.seen.report_sha256 != report_sha256,
            };
            (key.clone(), status)
        })
        .collect();
    Attachment {
        report_sha256: report_sha256.to_string(),
        report_changed: !doc.report.sha256.is_empty() && doc.report.sha256 != report_sha256,
        statuses,
    }
}
