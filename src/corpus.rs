//! Synthetic reports (合成报告) for benchmarks and batch tests: realistic
//! variants of a real report, so that a thousand files can be made on the fly
//! instead of being committed.
//!
//! A variant is the base report with another city (市) and bureau (局) in
//! every place the unit is named, the report year shifted (every year in the
//! text moves with it, so "last year" stays last year), written in UTF-8,
//! UTF-8 with BOM or GB18030 with LF or CRLF line ends, and with a few
//! injected errors whose expected findings are listed. Amounts are kept:
//! scaling them would scale the rounding gaps (尾差) the real report already
//! has past their tolerance and invent errors nobody injected. Line numbers
//! are kept too (a dropped schedule becomes blank lines), so an injection's
//! line is the line of its finding.

use crate::parse::{self, ParseError};
use crate::report::{Cell, CodeLevel, LineNo, Report, ScheduleId};
use crate::text;
use rust_decimal::Decimal;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The city the sample report names (辽宁省朝阳市).
const BASE_CITY: &str = "朝阳";
/// The bureau the sample report names; the trailing 局 keeps function names
/// such as 人力资源和社会保障管理事务 untouched.
const BASE_BUREAU: &str = "人力资源和社会保障局";

const CITIES: &[&str] = &[
    "沈阳",
    "大连",
    "鞍山",
    "抚顺",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "朝阳",
    "葫芦岛",
];

const BUREAUS: &[&str] = &[
    "人力资源和社会保障局",
    "教育局",
    "民政局",
    "司法局",
    "财政局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化旅游和广播电视局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业和草原局",
    "机关事务服务中心",
];

/// How a variant's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// GB18030 (a superset of GBK), common for Chinese text files.
    Gb18030,
}

/// An error put into a variant on purpose, and the finding it must produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Injection {
    /// `amount` (a 公开03表 项 row's 本年支出合计 raised) or `drop-schedule`.
    pub kind: &'static str,
    /// The line the finding must point at (0 for a dropped schedule).
    pub line: LineNo,
    /// The schedule involved.
    pub schedule: String,
    /// The rule that must report it (at severity error).
    pub rule: &'static str,
    /// What was changed, for people.
    pub what: String,
}

/// One synthetic report.
#[derive(Debug, Clone)]
pub struct Variant {
    /// A file name that sorts in index order: `0042-锦州市教育局-2023.txt`.
    pub file_name: String,
    /// The department name its cover carries.
    pub department: String,
    /// Its report year.
    pub year: i32,
    /// The text (lines joined with LF; see [`Variant::bytes`] for the file).
    pub text: String,
    /// How [`Variant::bytes`] encodes it.
    pub encoding: Encoding,
    /// Whether lines end in CRLF.
    pub crlf: bool,
    /// The errors put in on purpose.
    pub injected: Vec<Injection>,
}

impl Variant {
    /// The file's bytes, in the variant's encoding and line ends.
    pub fn bytes(&self) -> Vec<u8> {
        let text = if self.crlf {
            self.text.replace('\n', "\r\n")
        } else {
            self.text.clone()
        };
        match self.encoding {
            Encoding::Utf8 => text.into_bytes(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            Encoding::Gb18030 => encoding_rs::GB18030.encode(&text).0.into_owned(),
        }
    }
}

/// Makes variants of one base report; parses the base once.
#[derive(Debug)]
pub struct Generator {
    lines: Vec<String>,
    department: String,
    year: i32,
    /// 公开03表 项 rows with a printed 本年支出合计: (line, code).
    amount_rows: Vec<(LineNo, String)>,
    /// Present schedules and their line spans.
    schedules: Vec<(ScheduleId, LineNo, LineNo)>,
}

impl Generator {
    /// Prepare variants of `base` (the text of a real report).
    pub fn new(base: &str) -> Result<Self, ParseError> {
        let report = parse::parse_text("base", base.as_bytes())?;
        Ok(Generator {
            amount_rows: amount_rows(&report),
            schedules: report
                .schedules
                .iter()
                .filter(|s| s.is_present())
                .filter_map(|s| s.lines.map(|(a, b)| (s.id, a, b)))
                .collect(),
            department: report.department,
            year: report.year.unwrap_or(2024),
            lines: report.source.lines,
        })
    }

    /// The variant number `index` of the corpus with this `seed`; the same
    /// pair always gives the same variant, whatever the corpus size.
    pub fn variant(&self, seed: u64, index: usize) -> Variant {
        let mut rng = fastrand::Rng::with_seed(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (index as u64).wrapping_add(1),
        );
        let city = CITIES[rng.usize(..CITIES.len())];
        let bureau = BUREAUS[rng.usize(..BUREAUS.len())];
        let shift = -rng.i32(0..=3);
        let rename = |s: &str| {
            shift_years(
                &s.replace(BASE_CITY, city).replace(BASE_BUREAU, bureau),
                shift,
            )
        };
        let mut lines: Vec<String> = self.lines.iter().map(|l| rename(l)).collect();
        let mut injected = Vec::new();
        // About one report in three has a wrong amount, one in ten a missing table.
        if rng.u8(..3) == 0 {
            injected.extend(self.raise_amount(&mut rng, &mut lines));
        }
        if rng.u8(..10) == 0 {
            injected.extend(self.drop_schedule(&mut rng, &mut lines));
        }
        let department = rename(&self.department);
        let year = self.year + shift;
        let mut text = lines.join("\n");
        text.push('\n');
        Variant {
            file_name: format!(
                "{index:05}-{}-{year}.txt",
                department.replace(['/', '\\', '(', ')', '（', '）'], "")
            ),
            department,
            year,
            text,
            encoding: match rng.u8(..10) {
                0 => Encoding::Gb18030,
                1 => Encoding::Utf8Bom,
                _ => Encoding::Utf8,
            },
            crlf: rng.u8(..5) == 0,
            injected,
        }
    }

    fn raise_amount(&self, rng: &mut fastrand::Rng, lines: &mut [String]) -> Option<Injection> {
        let (line, code) = self
            .amount_rows
            .get(rng.usize(..self.amount_rows.len().max(1)))?;
        let text = lines.get_mut(*line as usize - 1)?;
        let mut fields: Vec<String> = text.split('\t').map(String::from).collect();
        // Field 0 is the code and 1 the label; the first amount after them is 本年支出合计.
        let (i, old) = fields
            .iter()
            .enumerate()
            .skip(2)
            .find_map(|(i, f)| text::amount(f).map(|a| (i, a)))?;
        let delta = Decimal::from(rng.u32(1..=9));
        let new = format_amount(old + delta, fields[i].contains(','));
        let what = format!("公开03表 {code} 本年支出合计 {} → {new}", fields[i].trim());
        fields[i] = new;
        *text = fields.join("\t");
        Some(Injection {
            kind: "amount",
            line: *line,
            schedule: "03".into(),
            rule: "SUM-ROW",
            what,
        })
    }

    fn drop_schedule(&self, rng: &mut fastrand::Rng, lines: &mut [String]) -> Option<Injection> {
        let &(id, first, last) = self
            .schedules
            .get(rng.usize(..self.schedules.len().max(1)))?;
        for l in lines
            .iter_mut()
            .take(last as usize)
            .skip(first as usize - 1)
        {
            l.clear();
        }
        Some(Injection {
            kind: "drop-schedule",
            line: 0,
            schedule: id.two_digit(),
            rule: "SCHEDULE-MISSING",
            what: format!("{} (lines {first}–{last}) blanked", id.label()),
        })
    }
}

fn amount_rows(report: &Report) -> Vec<(LineNo, String)> {
    let Some(panel) = report.schedule(ScheduleId(3)).and_then(|s| s.main_panel()) else {
        return Vec::new();
    };
    panel
        .rows
        .iter()
        .filter(|r| r.level() == Some(CodeLevel::Item))
        .filter(|r| matches!(r.cells.first(), Some(Cell::Amount(_))))
        .map(|r| (r.line, r.key()))
        .collect()
}

/// Two decimals, with thousands separators when the original had them.
fn format_amount(a: Decimal, separators: bool) -> String {
    let plain = format!("{:.2}", a.round_dp(2));
    if !separators {
        return plain;
    }
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// Move every year (a run of four digits 1990–2099 that is not part of an
/// amount such as `2,024.50` or `2024.50`) by `shift`.
fn shift_years(s: &str, shift: i32) -> String {
    if shift == 0 {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|k| b[k]);
        let after = b.get(i).copied();
        let in_amount = matches!(before, Some(b'.' | b',')) || after == Some(b'.');
        if i - start == 4 && !in_amount {
            if let Ok(y @ 1990..=2099) = s[start..i].parse::<i32>() {
                out.push_str(&s[last..start]);
                out.push_str(&(y + shift).to_string());
                last = i;
            }
        }
    }
    out.push_str(&s[last..]);
    out
}

/// One corpus file and what it should give, as written to `expected.jsonl`.
#[derive(Debug, Clone, Serialize)]
pub struct Expected {
    /// The file written.
    pub file: PathBuf,
    /// Its department.
    pub department: String,
    /// Its year.
    pub year: i32,
    /// Its encoding.
    pub encoding: Encoding,
    /// The errors put in on purpose.
    pub injected: Vec<Injection>,
}

/// Name of the manifest [`write_corpus`] writes beside the reports (not a
/// `.txt`, so batch checking skips it).
pub const MANIFEST: &str = "expected.jsonl";

/// Write `count` variants of `base` into `dir` (created if need be), one file
/// at a time, and a manifest of what each should give. Returns the manifest.
pub fn write_corpus(
    dir: &Path,
    base: &str,
    count: usize,
    seed: u64,
) -> Result<Vec<Expected>, CorpusError> {
    let generator = Generator::new(base)?;
    let io = |what: String| move |source| CorpusError::Io { what, source };
    std::fs::create_dir_all(dir).map_err(io(format!("create {}", dir.display())))?;
    let manifest_path = dir.join(MANIFEST);
    let mut manifest = std::fs::File::create(&manifest_path)
        .map(std::io::BufWriter::new)
        .map_err(io(format!("create {}", manifest_path.display())))?;
    let mut expected = Vec::with_capacity(count);
    for index in 0..count {
        let v = generator.variant(seed, index);
        let file = dir.join(&v.file_name);
        std::fs::write(&file, v.bytes()).map_err(io(format!("write {}", file.display())))?;
        let e = Expected {
            file,
            department: v.department,
            year: v.year,
            encoding: v.encoding,
            injected: v.injected,
        };
        let line = serde_json::to_string(&e).map_err(|e| CorpusError::Io {
            what: "serialise the manifest".into(),
            source: e.into(),
        })?;
        writeln!(manifest, "{line}").map_err(io(format!("write {}", manifest_path.display())))?;
        expected.push(e);
    }
    manifest
        .flush()
        .map_err(io(format!("write {}", manifest_path.display())))?;
    Ok(expected)
}

/// Why a corpus could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The base is not a report.
    #[error("base report: {0}")]
    Base(#[from] ParseError),
    /// A file could not be written.
    #[error("cannot {what}: {source}")]
    Io {
        /// The operation and file.
        what: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn years_move_but_amounts_and_codes_do_not() {
        assert_eq!(
            shift_years(
                "2024 年度，2023年，〔2025〕17号，2,024.50 2024.50 2080101 12024",
                -2
            ),
            "2022 年度，2021年，〔2023〕17号，2,024.50 2024.50 2080101 12024"
        );
    }

    #[test]
    fn amounts_keep_their_print_style() {
        assert_eq!(format_amount(Decimal::new(203895, 2), true), "2,038.95");
        assert_eq!(format_amount(Decimal::new(94861, 2), true), "948.61");
        assert_eq!(
            format_amount(Decimal::new(123456789, 2), true),
            "1,234,567.89"
        );
        assert_eq!(format_amount(Decimal::new(540, 2), false), "5.40");
    }
}
