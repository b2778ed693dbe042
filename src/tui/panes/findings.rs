//! The findings list (问题): grouped by severity, then rule, with counts in
//! the headings; filterable by severity and by rule.

use crate::rules::Severity;
use crate::sanitize::visible;
use crate::tui::draw::{block, cell_left, put_line};
use crate::tui::input::action::Action;
use crate::tui::panes::distinguish;
use crate::tui::panes::list::ListState;
use crate::tui::panes::{Cx, Pane, PaneOutcome};
use crate::tui::view_model::FindingId;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A severity heading with its count.
    Severity(Severity, usize),
    /// A rule heading with its count.
    Rule(String, usize),
    /// A finding (index into `ViewModel::findings`).
    Finding(usize),
    /// The heading of the orphaned annotations (their finding is gone).
    Orphans(usize),
}

/// Whether row `i` is a finding: the movements rest only on findings, never
/// on the headings (only `left` puts the cursor on a rule's heading).
fn is_finding(items: &[Item], i: usize) -> bool {
    matches!(items.get(i), Some(Item::Finding(_)))
}

/// The findings list.
#[derive(Debug, Default)]
pub struct FindingsPane {
    /// The lines shown, headings included.
    pub items: Vec<Item>,
    /// What each finding line shows: its message from where it differs from
    /// its neighbours ([`distinguish::labels`]); "" for headings.
    pub labels: Vec<String>,
    /// The cursor: an index into `items`, always on a finding when there is one.
    pub list: ListState,
    /// Show only this severity.
    pub severity: Option<Severity>,
    /// Show only rules whose id contains this (case-insensitive).
    pub rule: Option<String>,
    /// Show only findings with this verdict (set by the app, which knows them).
    pub verdict: Option<crate::review::Verdict>,
    /// Each finding's verdict, by index, as of the last rebuild (empty: all open).
    pub verdicts: Vec<crate::review::Verdict>,
    /// Whether it has the keyboard.
    pub focused: bool,
}

impl FindingsPane {
    /// The list for a model, unfiltered.
    pub fn new(cx: &Cx) -> Self {
        let mut p = FindingsPane::default();
        p.rebuild(cx, None);
        p
    }

    /// The findings shown, in list order (what next/previous walk).
    pub fn shown(&self) -> Vec<usize> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Finding(f) => Some(*f),
                _ => None,
            })
            .collect()
    }

    /// The finding under the cursor.
    pub fn selected(&self) -> Option<usize> {
        match self.items.get(self.list.cursor) {
            Some(Item::Finding(f)) => Some(*f),
            _ => None,
        }
    }

    /// The rule group whose heading is under the cursor: its rule and its
    /// findings (as shown), for a verdict on the whole group.
    pub fn selected_group(&self) -> Option<(String, Vec<usize>)> {
        let Some(Item::Rule(rule, _)) = self.items.get(self.list.cursor) else {
            return None;
        };
        let members = self.items[self.list.cursor + 1..]
            .iter()
            .map_while(|i| match i {
                Item::Finding(f) => Some(*f),
                _ => None,
            })
            .collect();
        Some((rule.clone(), members))
    }

    /// Put the cursor on the heading of the selected finding's rule group,
    /// or, on a heading already, on the one before (the cursor rests on
    /// headings only this way).
    fn go_to_group_heading(&mut self) -> bool {
        let before = self.items[..self.list.cursor.min(self.items.len())]
            .iter()
            .rposition(|i| matches!(i, Item::Rule(..) | Item::Orphans(_)));
        match before {
            // Orphans are not judged as a group.
            Some(p) if matches!(self.items[p], Item::Rule(..)) => {
                self.list.cursor = p;
                true
            }
            _ => false,
        }
    }

    /// The id of the finding under the cursor.
    pub fn selected_id(&self, cx: &Cx) -> Option<FindingId> {
        self.selected().and_then(|f| cx.model.id(f))
    }

    /// Preview the finding under the cursor (nothing when there is none).
    fn preview(&self, cx: &Cx) -> PaneOutcome {
        self.selected_id(cx)
            .map_or(PaneOutcome::Changed, PaneOutcome::Preview)
    }

    /// Put the cursor on finding `id`, when it is shown.
    pub fn select_id(&mut self, cx: &Cx, id: &FindingId) -> bool {
        cx.model.position(id).is_some_and(|f| self.select(f))
    }

    /// Put the cursor on finding `f`, when it is shown.
    pub fn select(&mut self, f: usize) -> bool {
        match self.items.iter().position(|i| *i == Item::Finding(f)) {
            Some(p) => {
                self.list.cursor = p;
                true
            }
            None => false,
        }
    }

    fn passes(&self, cx: &Cx, f: usize) -> bool {
        let Some(finding) = cx.model.findings.get(f) else {
            return false;
        };
        self.severity.is_none_or(|s| finding.severity == s)
            && self
                .rule
                .as_ref()
                .is_none_or(|r| finding.rule.to_lowercase().contains(&r.to_lowercase()))
            && self
                .verdict
                .is_none_or(|v| self.verdicts.get(f).copied().unwrap_or_default() == v)
    }

    /// Recompute the lines after a filter change (the findings themselves
    /// unchanged), keeping the selection when shown.
    fn refilter(&mut self, cx: &Cx) {
        let keep = self.selected_id(cx);
        self.rebuild(cx, keep.as_ref());
    }

    /// Recompute the lines from the model, with the cursor on finding
    /// `keep` when it is shown, else on the first finding. After the model's
    /// findings were replaced, `keep` is the selection's id from before:
    /// its position may have moved.
    pub fn rebuild(&mut self, cx: &Cx, keep: Option<&FindingId>) {
        let shown: Vec<usize> = cx
            .model
            .order
            .iter()
            .copied()
            .filter(|f| self.passes(cx, *f))
            .collect();
        let mut items = Vec::new();
        let mut i = 0;
        while i < shown.len() {
            let sev = cx.model.findings[shown[i]].severity;
            let n_sev = shown[i..]
                .iter()
                .take_while(|f| cx.model.findings[**f].severity == sev)
                .count();
            items.push(Item::Severity(sev, n_sev));
            let group = &shown[i..i + n_sev];
            let mut j = 0;
            while j < group.len() {
                let rule = &cx.model.findings[group[j]].rule;
                let n_rule = group[j..]
                    .iter()
                    .take_while(|f| &cx.model.findings[**f].rule == rule)
                    .count();
                items.push(Item::Rule(rule.clone(), n_rule));
                items.extend(group[j..j + n_rule].iter().map(|f| Item::Finding(*f)));
                j += n_rule;
            }
            i += n_sev;
        }
        let orphans: Vec<usize> = (cx.model.orphan_start..cx.model.findings.len())
            .filter(|f| self.passes(cx, *f))
            .collect();
        if !orphans.is_empty() {
            items.push(Item::Orphans(orphans.len()));
            items.extend(orphans.into_iter().map(Item::Finding));
        }
        self.labels = self.labels_of(cx, &items);
        self.items = items;
        self.list.reset_scroll();
        let kept = keep.is_some_and(|id| self.select_id(cx, id));
        if !kept {
            self.list.cursor = self.first_finding_from(0, true).unwrap_or(0);
        }
    }

    /// The label of each line: runs of findings between headings are told
    /// apart from each other.
    fn labels_of(&self, cx: &Cx, items: &[Item]) -> Vec<String> {
        let mut out = vec![String::new(); items.len()];
        let mut i = 0;
        while i < items.len() {
            let start = i;
            while let Some(Item::Finding(_)) = items.get(i) {
                i += 1;
            }
            if i == start {
                i += 1;
                continue;
            }
            let run: Vec<(&str, crate::report::LineNo)> = items[start..i]
                .iter()
                .filter_map(|it| match it {
                    Item::Finding(f) => {
                        let f = &cx.model.findings[*f];
                        Some((f.message.as_str(), f.line()))
                    }
                    _ => None,
                })
                .collect();
            for (k, label) in distinguish::labels(&run).into_iter().enumerate() {
                out[start + k] = label;
            }
        }
        out
    }

    fn first_finding_from(&self, start: usize, forward: bool) -> Option<usize> {
        let items = &self.items;
        self.list
            .first_from(start, forward, items.len(), |i| is_finding(items, i))
    }

    fn filter_label(&self, cx: &Cx) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.severity {
            parts.push(format!("{} {}", cx.theme.severity_mark(s), s.as_str()));
        }
        if let Some(r) = &self.rule {
            parts.push(format!("rule~{r}"));
        }
        if let Some(v) = self.verdict {
            parts.push(format!("{} {}", v.zh(), v.as_str()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" [{}]", parts.join(" "))
        }
    }
}

impl Pane for FindingsPane {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let (e, w, i) = cx.model.counts();
        let title = vec![
            Span::styled("问题 Findings ", t.heading()),
            Span::styled(format!("{}{e}", t.sym.error), t.severity(Severity::Error)),
            Span::raw(" "),
            Span::styled(
                format!("{}{w}", t.sym.warning),
                t.severity(Severity::Warning),
            ),
            Span::raw(" "),
            Span::styled(format!("{}{i}", t.sym.info), t.severity(Severity::Info)),
        ];
        let b = block(t, title, self.focused);
        let mut inner = b.inner(area);
        b.render(area, buf);
        // An active filter gets its own line, so a narrow sidebar still shows it.
        let filter = self.filter_label(cx);
        if !filter.is_empty() && inner.height > 1 {
            let line = Line::from(vec![
                Span::styled("过滤 filter", t.dim()),
                Span::styled(filter, t.heading()),
                Span::styled(
                    format!(" {}/{}", self.shown().len(), cx.model.findings.len()),
                    t.dim(),
                ),
            ]);
            put_line(buf, inner, 0, &line);
            inner.y += 1;
            inner.height -= 1;
        }
        if self.items.is_empty() {
            let msg = if cx.model.findings.is_empty() {
                "没有问题 No findings"
            } else {
                "过滤后无结果 Nothing passes the filter (x clears)"
            };
            put_line(buf, inner, 0, &Line::styled(msg, t.dim()));
            return;
        }
        let w = inner.width as usize;
        let len = self.items.len();
        self.list
            .draw(t, self.focused, len, inner, buf, |i, is_cursor| {
                match &self.items[i] {
                    Item::Severity(s, n) => vec![
                        Span::styled(format!("{} ", t.severity_mark(*s)), t.severity(*s)),
                        Span::styled(format!("{} {} ({n})", s.zh(), s.as_str()), t.heading()),
                    ],
                    Item::Rule(r, n) => vec![
                        Span::raw("  "),
                        Span::styled(format!("{r} ({n})"), t.heading()),
                    ],
                    Item::Orphans(n) => vec![
                        Span::styled("? ", t.heading()),
                        Span::styled(format!("孤立 Orphaned ({n})"), t.heading()),
                    ],
                    Item::Finding(f) => {
                        let finding = &cx.model.findings[*f];
                        let (dmark, dstyle) = cx
                            .decorations
                            .marker(finding)
                            .unwrap_or(("  ", Style::new()));
                        let mut spans = vec![
                            Span::raw("  "),
                            Span::styled(dmark, dstyle),
                            Span::styled(
                                t.severity_mark(finding.severity).to_string(),
                                t.severity(finding.severity),
                            ),
                            Span::raw(" "),
                            cell_left(
                                t,
                                &visible(self.labels.get(i).map_or(&finding.message, |l| l)),
                                w.saturating_sub(6),
                                Style::new(),
                            ),
                        ];
                        // The cursor's highlight covers the involved mark.
                        if !is_cursor && Some(*f) == cx.current {
                            spans[4].style = spans[4].style.patch(t.involved());
                        }
                        spans
                    }
                }
            });
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let items = &self.items;
        if self
            .list
            .step(action, items.len(), |i| is_finding(items, i))
        {
            return self.preview(cx);
        }
        match action {
            Action::Open => match self.selected_id(cx) {
                Some(id) => PaneOutcome::Drill(id),
                None => PaneOutcome::Ignored,
            },
            Action::Left => {
                if !self.go_to_group_heading() {
                    return PaneOutcome::Changed;
                }
                let Some((rule, members)) = self.selected_group() else {
                    return PaneOutcome::Changed;
                };
                let open = members
                    .iter()
                    .filter(|f| !self.verdicts.get(**f).is_some_and(|v| v.is_reviewed()))
                    .count();
                PaneOutcome::Flash(format!(
                    "整组 group {}: {open} open of {}; a verdict key judges the open ones",
                    visible(&rule),
                    members.len()
                ))
            }
            Action::FilterSeverity => {
                self.severity = match self.severity {
                    None => Some(Severity::Error),
                    Some(Severity::Error) => Some(Severity::Warning),
                    Some(Severity::Warning) => Some(Severity::Info),
                    Some(Severity::Info) => None,
                };
                self.refilter(cx);
                self.preview(cx)
            }
            Action::FilterRule => {
                let start = self
                    .rule
                    .clone()
                    .or_else(|| self.selected().map(|f| cx.model.findings[f].rule.clone()))
                    .unwrap_or_default();
                PaneOutcome::AskRule(start)
            }
            Action::FilterVerdict => {
                use crate::review::Verdict;
                self.verdict = match self.verdict {
                    None => Some(Verdict::Open),
                    Some(v) => Verdict::ALL
                        .iter()
                        .position(|x| *x == v)
                        .and_then(|i| Verdict::ALL.get(i + 1))
                        .copied(),
                };
                self.refilter(cx);
                self.preview(cx)
            }
            Action::ClearFilter => {
                self.severity = None;
                self.rule = None;
                self.verdict = None;
                self.refilter(cx);
                PaneOutcome::Changed
            }
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        let texts: Vec<String> = self
            .items
            .iter()
            .map(|i| match i {
                Item::Finding(f) => {
                    let x = &cx.model.findings[*f];
                    format!("{} {}", x.rule, x.message)
                }
                _ => String::new(),
            })
            .collect();
        self.list.find(&texts, query, forward)
    }
}

impl FindingsPane {
    /// Set the rule filter (empty clears it).
    pub fn set_rule(&mut self, cx: &Cx, rule: &str) {
        let rule = rule.trim();
        self.rule = (!rule.is_empty()).then(|| rule.to_string());
        self.refilter(cx);
    }
}
