//! The project view (项目绩效自评): the summary with the score breakdown
//! 小计 + 执行率得分 − 减分项 = 总得分, the goals, the indicator table, the
//! narrative summary paragraph (beside it when wide), and its findings with
//! the fields they touch marked.

use crate::report::{Indicator, Project};
use crate::sanitize::visible;
use crate::tui::draw::format;
use crate::tui::draw::width;
use crate::tui::draw::{block, cell_left, cell_right};
use crate::tui::input::action::Action;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome};
use crate::tui::view_model::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::cell::Cell;

/// The project view's state: which project, and how far it is scrolled.
#[derive(Debug, Default)]
pub struct ProjectView {
    /// Index into `Report::projects`.
    pub index: usize,
    /// First line shown.
    pub scroll: usize,
    /// Whether it has the keyboard.
    pub focused: bool,
    height: Cell<usize>,
    len: Cell<usize>,
    width: Cell<u16>,
}

/// From this width the narrative summary stands beside the table.
const WIDE_SUMMARY: u16 = 100;

/// Widths of the wide indicator table's columns.
const WIDE: [usize; 10] = [10, 10, 0, 4, 8, 6, 8, 6, 5, 5];

impl ProjectView {
    /// Show project `index` from the top.
    pub fn open(&mut self, index: usize) {
        if self.index != index {
            self.scroll = 0;
        }
        self.index = index;
    }

    /// The fields of this project that the given findings touch.
    fn touched(cx: &Cx, index: usize, findings: &[usize]) -> Vec<String> {
        findings
            .iter()
            .filter_map(|f| cx.model.targets.get(*f))
            .flatten()
            .filter_map(|t| match t {
                Target::Project {
                    index: i,
                    field: Some(f),
                } if *i == index => Some(f.clone()),
                _ => None,
            })
            .collect()
    }

    fn mark<'a>(cx: &Cx, touched: &[String], field: &str) -> Span<'a> {
        if touched.iter().any(|t| t == field) {
            Span::styled(cx.theme.sym.involved, cx.theme.involved())
        } else {
            Span::raw(" ")
        }
    }

    /// The left column: summary, goals, indicators, findings.
    fn main_lines(&self, cx: &Cx, p: &Project, w: usize, with_summary: bool) -> Vec<Line<'static>> {
        let t = cx.theme;
        let findings = cx.model.findings_on_project(self.index);
        let touched = Self::touched(cx, self.index, findings);
        let mut out = Vec::new();
        let m = |f: &str| Self::mark(cx, &touched, f);
        out.push(Line::from(vec![
            Span::styled("预算 ", t.dim()),
            m("项目预算金额"),
            Span::styled(format::cell(&p.budget), t.heading()),
            Span::styled("  执行 ", t.dim()),
            m("全年执行数"),
            Span::styled(format::cell(&p.executed), t.heading()),
            Span::styled("  执行率 ", t.dim()),
            m("执行率"),
            Span::styled(format::percent(p.rate), t.heading()),
            Span::styled(format!("  {}", cx.model.report.unit), t.dim()),
        ]));
        out.push(Line::from(vec![
            Span::styled("得分 ", t.dim()),
            m("指标自评得分小计"),
            Span::raw(format::opt(p.indicator_subtotal)),
            Span::styled(" 小计 + ", t.dim()),
            m("预算执行率得分"),
            Span::raw(format::opt(p.rate_score)),
            Span::styled(" 执行率得分 − ", t.dim()),
            m("减分项"),
            Span::raw(format::opt(p.deduction)),
            Span::styled(" 减分项 = ", t.dim()),
            m("绩效自评总得分"),
            Span::styled(format::opt(p.total), t.heading()),
            Span::styled(" 总得分", t.dim()),
        ]));
        out.push(Line::styled(
            width::truncate(
                &format!(
                    "主管部门 {}  实施单位 {}",
                    visible(&p.department),
                    visible(&p.implementer)
                ),
                w,
                t.sym.ellipsis,
            ),
            t.dim(),
        ));
        out.push(Line::raw(""));
        for (label, text) in [("年初目标", &p.goal_planned), ("实际完成", &p.goal_actual)] {
            let body = width::wrap(&visible(text), w.saturating_sub(9).max(10));
            for (k, l) in body.into_iter().enumerate() {
                let head = if k == 0 {
                    format!("{label} ")
                } else {
                    " ".repeat(9)
                };
                out.push(Line::from(vec![Span::styled(head, t.dim()), Span::raw(l)]));
            }
        }
        out.push(Line::raw(""));
        out.extend(self.indicator_lines(cx, p, w, &touched));
        if with_summary {
            out.push(Line::raw(""));
            out.extend(self.summary_lines(cx, p, w));
        }
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!("问题 Findings ({})", findings.len()),
            t.heading(),
        ));
        if findings.is_empty() {
            out.push(Line::styled("此项目无问题 no findings", t.dim()));
        }
        for f in findings {
            let finding = &cx.model.findings[*f];
            let text = format!("{} {}", finding.rule, visible(&finding.message));
            for (k, l) in width::wrap(&text, w.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let head = if k == 0 {
                    Span::styled(
                        format!("{} ", t.severity_mark(finding.severity)),
                        t.severity(finding.severity),
                    )
                } else {
                    Span::raw("  ")
                };
                let style = if Some(*f) == cx.current {
                    t.involved()
                } else {
                    Style::new()
                };
                out.push(Line::from(vec![head, Span::styled(l, style)]));
            }
        }
        out
    }

    fn indicator_lines(
        &self,
        cx: &Cx,
        p: &Project,
        w: usize,
        touched: &[String],
    ) -> Vec<Line<'static>> {
        let t = cx.theme;
        let mut out = vec![Line::styled(
            format!("绩效指标 Indicators ({})", p.indicators.len()),
            t.heading(),
        )];
        let ell = t.sym.ellipsis;
        let fixed_wide: usize = WIDE.iter().sum::<usize>() + WIDE.len() + 1;
        if w >= fixed_wide + 14 {
            let mut widths = WIDE;
            widths[2] = w - fixed_wide;
            let heads = [
                "一级指标",
                "二级指标",
                "三级指标",
                "符号",
                "目标值",
                "单位",
                "实际值",
                "完成",
                "分值",
                "得分",
            ];
            let mut spans = vec![Span::raw(" ")];
            for (h, cw) in heads.iter().zip(widths) {
                spans.push(Span::styled(width::pad_right(h, cw, ell), t.dim()));
                spans.push(Span::raw(" "));
            }
            out.push(Line::from(spans));
            for ind in &p.indicators {
                let cells = [
                    ind.level1.as_str(),
                    ind.level2.as_str(),
                    ind.name.as_str(),
                    ind.operator.as_str(),
                    ind.target.as_str(),
                    ind.unit.as_str(),
                    ind.actual.as_str(),
                    ind.completion.as_str(),
                ];
                let mut spans = vec![Self::mark(cx, touched, &ind.name)];
                for (k, (c, cw)) in cells.iter().zip(widths).enumerate() {
                    let s = visible(c);
                    let span = if k == 4 || k == 6 {
                        cell_right(t, &s, cw, Style::new())
                    } else {
                        cell_left(t, &s, cw, Style::new())
                    };
                    spans.push(span);
                    spans.push(Span::raw(" "));
                }
                spans.push(cell_right(
                    t,
                    &format::opt(ind.weight),
                    widths[8],
                    Style::new(),
                ));
                spans.push(Span::raw(" "));
                spans.push(cell_right(
                    t,
                    &format::opt(ind.score),
                    widths[9],
                    t.heading(),
                ));
                out.push(Line::from(spans));
            }
            return out;
        }
        // Compact: the level headings become group lines.
        let num = 5;
        let target_w = 12.min(w / 5);
        let actual_w = 10.min(w / 6);
        let name_w = w.saturating_sub(1 + target_w + actual_w + 2 * num + 4);
        out.push(Line::from(vec![
            Span::raw(" "),
            cell_left(t, "三级指标", name_w, t.dim()),
            Span::raw(" "),
            cell_right(t, "目标", target_w, t.dim()),
            Span::raw(" "),
            cell_right(t, "实际", actual_w, t.dim()),
            Span::raw(" "),
            cell_right(t, "分值", num, t.dim()),
            Span::raw(" "),
            cell_right(t, "得分", num, t.dim()),
        ]));
        let mut group = (String::new(), String::new());
        for ind in &p.indicators {
            if (ind.level1.as_str(), ind.level2.as_str()) != (group.0.as_str(), group.1.as_str()) {
                group = (ind.level1.clone(), ind.level2.clone());
                out.push(Line::styled(
                    width::truncate(
                        &visible(&format!("{} / {}", ind.level1, ind.level2)),
                        w,
                        ell,
                    ),
                    t.dim(),
                ));
            }
            out.push(Self::compact_row(
                cx,
                ind,
                touched,
                [name_w, target_w, actual_w, num],
            ));
        }
        out
    }

    fn compact_row(cx: &Cx, ind: &Indicator, touched: &[String], w: [usize; 4]) -> Line<'static> {
        let t = cx.theme;
        let target = format!("{}{}{}", ind.operator, ind.target, ind.unit);
        let actual = format!(
            "{}{}",
            ind.actual,
            if ind.actual.is_empty() {
                ""
            } else {
                ind.unit.as_str()
            }
        );
        Line::from(vec![
            Self::mark(cx, touched, &ind.name),
            cell_left(t, &visible(&ind.name), w[0], Style::new()),
            Span::raw(" "),
            cell_right(t, &visible(&target), w[1], Style::new()),
            Span::raw(" "),
            cell_right(t, &visible(&actual), w[2], Style::new()),
            Span::raw(" "),
            cell_right(t, &format::opt(ind.weight), w[3], Style::new()),
            Span::raw(" "),
            cell_right(t, &format::opt(ind.score), w[3], t.heading()),
        ])
    }

    /// The narrative summary paragraph linked to this project.
    fn summary_lines(&self, cx: &Cx, p: &Project, w: usize) -> Vec<Line<'static>> {
        let t = cx.theme;
        let summary = p
            .link
            .as_ref()
            .and_then(|l| cx.model.report.narrative.project_summaries.get(l.summary));
        let mut out = vec![Line::styled(
            "情况说明中的综述 Narrative summary",
            t.heading(),
        )];
        match summary {
            Some(s) => {
                out.push(Line::styled(
                    format!("行{}–{}  “{}”", s.line, s.end_line, visible(&s.name)),
                    t.dim(),
                ));
                for l in width::wrap(&visible(&s.text), w.max(10)) {
                    out.push(Line::raw(l));
                }
            }
            None => out.push(Line::styled(
                "未找到对应的综述段落 (no summary paragraph matched)",
                t.dim(),
            )),
        }
        out
    }
}

impl Pane for ProjectView {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let Some(p) = cx.model.report.projects.get(self.index) else {
            return;
        };
        let n = cx.model.report.projects.len();
        let title = vec![
            Span::styled(format!("项目 {}/{n} ", self.index + 1), t.dim()),
            Span::styled(visible(&p.name).into_owned(), t.heading()),
            Span::styled(format!(" 行{}–{}", p.line, p.end_line), t.dim()),
        ];
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        let wide = inner.width >= WIDE_SUMMARY;
        self.width.set(inner.width);
        let (left_w, right) = if wide {
            let lw = inner.width * 3 / 5;
            (
                lw,
                Some(Rect {
                    x: inner.x + lw + 1,
                    width: inner.width - lw - 1,
                    ..inner
                }),
            )
        } else {
            (inner.width, None)
        };
        let lines = self.main_lines(cx, p, left_w as usize, !wide);
        let h = inner.height as usize;
        let max_scroll = lines.len().saturating_sub(h);
        let top = self.scroll.min(max_scroll);
        self.height.set(h);
        self.len.set(lines.len());
        let left = Rect {
            width: left_w,
            ..inner
        };
        for (y, l) in lines.iter().skip(top).take(h).enumerate() {
            buf.set_line(left.x, left.y + y as u16, l, left.width);
        }
        if let Some(r) = right {
            for yy in r.y..r.y + r.height {
                buf.set_string(r.x - 1, yy, t.sym.bar, t.dim());
            }
            for (y, l) in self
                .summary_lines(cx, p, r.width as usize)
                .iter()
                .take(h)
                .enumerate()
            {
                buf.set_line(r.x, r.y + y as u16, l, r.width);
            }
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let h = self.height.get().max(1);
        let max = self.len.get().saturating_sub(h);
        let page = h;
        if let Some(to) = moved(action, self.scroll.min(max), max + 1, page) {
            self.scroll = to;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Copy => match cx.model.report.projects.get(self.index) {
                Some(p) => PaneOutcome::Copy(format!(
                    "{}\t预算 {}\t执行 {}\t执行率 {}\t总得分 {}",
                    p.name,
                    format::cell_plain(&p.budget),
                    format::cell_plain(&p.executed),
                    format::percent(p.rate),
                    format::opt(p.total)
                )),
                None => PaneOutcome::Ignored,
            },
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        // Search the lines as drawn at the last width, from the line below the top.
        let Some(p) = cx.model.report.projects.get(self.index) else {
            return false;
        };
        let w = self.width.get().max(20);
        let (w, with_summary) = if w >= WIDE_SUMMARY {
            (w * 3 / 5, false)
        } else {
            (w, true)
        };
        let lines = self.main_lines(cx, p, w as usize, with_summary);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        if texts.is_empty() {
            return false;
        }
        match crate::tui::panes::list::next_match(&texts, self.scroll, query, forward) {
            Some(i) => {
                self.scroll = i;
                true
            }
            None => false,
        }
    }
}
