//! The drill-down box under the main view: the current finding's message,
//! expected / actual / difference / tolerance, where it is, and the rule's
//! rationale (`rules::find(id).rationale`).

use super::format;
use super::pane::{block, Cx};
use super::width;
use crate::rules;
use crate::sanitize::visible;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Rows the box wants for an area of `height` rows.
pub fn height_for(height: u16) -> u16 {
    match height {
        0..=15 => 0,
        16..=30 => 6,
        _ => 9,
    }
}

/// Draw finding `f` (its place in the list is `pos` of `of`).
pub fn draw(cx: &Cx, f: usize, pos: Option<(usize, usize)>, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let Some(finding) = cx.model.findings.get(f) else {
        return;
    };
    let mut title = vec![
        Span::styled(
            format!("{} {}", t.severity_mark(finding.severity), finding.severity),
            t.severity(finding.severity),
        ),
        Span::styled(format!(" {}", finding.rule), t.heading()),
    ];
    if let Some((i, n)) = pos {
        title.push(Span::styled(format!(" · 问题 {i}/{n}"), t.dim()));
    }
    title.push(Span::styled(
        format!(
            " · {}处 locations · 行{}",
            finding.locations.len(),
            finding.line()
        ),
        t.dim(),
    ));
    if let Some((mark, style)) = cx.decorations.marker(finding) {
        title.push(Span::raw(" "));
        title.push(Span::styled(mark, style));
    }
    let b = block(t, title, false);
    let inner = b.inner(area);
    b.render(area, buf);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let msg = width::wrap(&visible(&finding.message), w);
    lines.extend(msg.into_iter().take(2).map(Line::raw));
    let mut values = Vec::new();
    let mut pair = |label: &str, v: Option<String>| {
        if let Some(v) = v {
            if !values.is_empty() {
                values.push(Span::styled(format!(" {} ", t.sym.bar), t.dim()));
            }
            values.push(Span::styled(format!("{label} "), t.dim()));
            values.push(Span::styled(v, t.heading()));
        }
    };
    pair("应为", finding.expected.map(format::amount));
    pair("实际", finding.actual.map(format::amount));
    pair("差额", finding.difference.map(format::signed));
    pair("容差", finding.tolerance.map(|d| format!("±{d}")));
    if !values.is_empty() {
        lines.push(Line::from(values));
    }
    if let Some(rule) = rules::find(&finding.rule) {
        let room = (inner.height as usize).saturating_sub(lines.len());
        let text = format!("规则 {}：{}", rule.title, rule.rationale);
        for l in width::wrap(&visible(&text), w).into_iter().take(room) {
            lines.push(Line::styled(l, t.dim()));
        }
    }
    for (y, l) in lines.iter().take(inner.height as usize).enumerate() {
        buf.set_line(inner.x, inner.y + y as u16, l, inner.width);
    }
}
