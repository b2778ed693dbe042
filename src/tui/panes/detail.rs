//! The drill-down box under the main view: the current finding's message,
//! expected / actual / difference / tolerance, where it is, and the rule's
//! rationale (`rules::find(id).rationale`).

use crate::rules;
use crate::sanitize::visible;
use crate::tui::draw::block;
use crate::tui::draw::format;
use crate::tui::draw::width;
use crate::tui::panes::Cx;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Rows the box wants for an area of `height` rows, with `extra` lines of
/// annotation (verdict, note, history) to show besides the finding; those
/// get at most half of the area.
pub fn height_for(height: u16, extra: usize) -> u16 {
    let base = match height {
        0..=15 => 0,
        16..=30 => 6,
        _ => 9,
    };
    if base == 0 || extra == 0 {
        return base;
    }
    let room = (height / 2).max(base);
    (base + extra as u16).min(room)
}

/// The annotation lines of a finding: verdict with who/when and the
/// sign-off, reason, note, and the history (append-only), newest last.
pub fn annotation_lines(cx: &Cx, id: &str, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let Some(a) = cx.session.and_then(|s| s.annotation(id)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut head = format!(
        "审核 {} {} · {} {}",
        a.verdict.zh(),
        a.verdict.as_str(),
        visible(&a.by),
        when(a.at)
    );
    if let Some(so) = &a.sign_off {
        head.push_str(&format!(
            " · 复核 signed off {} {}",
            visible(&so.by),
            when(so.at)
        ));
        if a.self_reviewed() {
            head.push_str(" (同一人 same person!)");
        }
    }
    if let Some(st) = cx
        .session
        .and_then(|s| s.attachment())
        .and_then(|x| x.status(id))
    {
        match &st.attach {
            crate::review::Attach::Changed(fields) => head.push_str(&format!(
                " · 审后变化 changed since review: {}",
                fields.join(", ")
            )),
            crate::review::Attach::Orphaned => {
                head.push_str(" · 孤立 orphaned: the finding is gone; old location and text shown")
            }
            crate::review::Attach::Current => {}
        }
    }
    out.extend(
        width::wrap(&head, width)
            .into_iter()
            .map(|l| Line::styled(l, t.heading())),
    );
    if let Some(r) = &a.reason {
        out.extend(
            width::wrap(&format!("理由 reason: {}", visible(r)), width)
                .into_iter()
                .map(Line::raw),
        );
    }
    if !a.note.is_empty() {
        for (i, l) in a.note.lines().enumerate() {
            let text = if i == 0 {
                format!("备注 note: {}", visible(l))
            } else {
                format!("           {}", visible(l))
            };
            out.extend(width::wrap(&text, width).into_iter().map(Line::raw));
        }
    }
    if !a.history.is_empty() {
        out.push(Line::styled(
            format!("历史 history ({})", a.history.len()),
            t.dim(),
        ));
        for e in &a.history {
            let what = match &e.change {
                crate::review::Change::Verdict { verdict, reason } => match reason {
                    Some(r) => format!("verdict {verdict} ({})", visible(r)),
                    None => format!("verdict {verdict}"),
                },
                crate::review::Change::Note { note } => {
                    let first = note.lines().next().unwrap_or("");
                    format!("note: {}", visible(first))
                }
                crate::review::Change::SignOff {
                    verdict,
                    same_person,
                } => {
                    if *same_person {
                        format!("signed off {verdict} (same person)")
                    } else {
                        format!("signed off {verdict}")
                    }
                }
                crate::review::Change::Raised { title, .. } => {
                    format!("raised: {}", visible(title))
                }
                crate::review::Change::Withdrawn => "withdrawn".to_string(),
                crate::review::Change::Ticked { examined } => format!("ticked {examined}"),
            };
            let l = format!("  {} {} {}", when(e.at), visible(&e.by), what);
            out.push(Line::styled(
                width::truncate(&l, width, t.sym.ellipsis),
                t.dim(),
            ));
        }
    }
    out
}

/// A timestamp as `2026-11-25 20:10` (UTC, as recorded).
fn when(at: time::OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
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
    let notes = annotation_lines(cx, &finding.id, w);
    let keep = (inner.height as usize)
        .saturating_sub(lines.len())
        .min(notes.len());
    // The history's newest entries matter most: keep the head and the end.
    if keep < notes.len() && keep > 2 {
        let head: Vec<Line> = notes.iter().take(keep / 2).cloned().collect();
        let tail: Vec<Line> = notes
            .iter()
            .skip(notes.len() - (keep - head.len()))
            .cloned()
            .collect();
        lines.extend(head);
        lines.extend(tail);
    } else {
        lines.extend(notes.into_iter().take(keep));
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
