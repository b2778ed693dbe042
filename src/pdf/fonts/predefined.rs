//! The predefined Adobe-GB1 CMaps (GBK-EUC-H, UniGB-UCS2-H, …) and the
//! Adobe-GB1 CID → Unicode map (Adobe-GB1-UCS2), compiled into the binary.
//!
//! A font that names a predefined CMap carries neither the CMap nor, often,
//! a ToUnicode map (a page edited after printing, a non-embedded 宋体): the
//! codes are GBK or Unicode bytes, the CMap turns them into Adobe-GB1 CIDs,
//! and Adobe-GB1-UCS2 turns the CIDs into text.
//!
//! The data is Adobe's cmap-resources as Debian's `poppler-data` 0.4.12
//! ships them (`/usr/share/poppler/cMap/Adobe-GB1/`, BSD-3-Clause; the licence
//! and provenance are in `data/README.md`), packed by
//! `examples/gen_cmaps.rs` into `data/adobe-gb1.bin` with [`build`]: each CMap
//! as its code space and its ranges, delta- and varint-coded (≈ 4 bytes a
//! range instead of ≈ 25 in the text form). A CMap is unpacked on first use
//! and kept for the life of the process.

use super::cmap::{self, CidRange, CodeMap, Codespace};
use std::sync::{Arc, OnceLock};

/// The packed CMaps.
static BUNDLE: &[u8] = include_bytes!("data/adobe-gb1.bin");

const MAGIC: &[u8; 8] = b"JSCMAP\x01\n";

/// The name under which the CID → Unicode map is packed.
pub const UCS2: &str = "Adobe-GB1-UCS2";

/// The CMaps that PDF predefines for simplified Chinese (ISO 32000-1,
/// table 118), plus the CID → Unicode map.
pub const NAMES: &[&str] = &[
    "GB-EUC-H",
    "GB-EUC-V",
    "GBpc-EUC-H",
    "GBpc-EUC-V",
    "GBK-EUC-H",
    "GBK-EUC-V",
    "GBKp-EUC-H",
    "GBKp-EUC-V",
    "GBK2K-H",
    "GBK2K-V",
    "UniGB-UCS2-H",
    "UniGB-UCS2-V",
    "UniGB-UTF16-H",
    "UniGB-UTF16-V",
    UCS2,
];

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// The ranges of the CID → Unicode CMap (bfchar/bfrange, CID as a two-byte
/// code) as CID ranges whose "CID" is the Unicode scalar. A variation
/// selector after a character (U+FE00–FE0F, on a few compatibility glyphs)
/// is dropped: the checker compares text, not glyph variants.
fn unicode_ranges(p: &cmap::Parsed) -> Vec<CidRange> {
    let mut singles: Vec<(u32, u32)> = Vec::new();
    for r in &p.bf {
        for code in r.lo..=r.hi {
            let units: Vec<u16> = match &r.dst {
                cmap::BfTarget::Units(u) => {
                    let mut u = u.clone();
                    if let Some(last) = u.last_mut() {
                        *last = last.wrapping_add((code - r.lo) as u16);
                    }
                    u
                }
                cmap::BfTarget::Array(items) => match items.get((code - r.lo) as usize) {
                    Some(u) => u.clone(),
                    None => continue,
                },
            };
            if let Some(Ok(c)) = char::decode_utf16(units.iter().copied()).next() {
                singles.push((code, c as u32));
            }
        }
    }
    singles.sort();
    singles.dedup_by_key(|s| s.0);
    let mut out: Vec<CidRange> = Vec::new();
    for (cid, u) in singles {
        if let Some(last) = out.last_mut() {
            if last.hi + 1 == cid && last.dst + (last.hi - last.lo) + 1 == u {
                last.hi = cid;
                continue;
            }
        }
        out.push(CidRange {
            len: 2,
            lo: cid,
            hi: cid,
            dst: u,
            notdef: false,
        });
    }
    out
}

/// Pack CMap files (name, text) into the bundle format. Every `usecmap`
/// must name a CMap packed before it.
pub fn build(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut out = MAGIC.to_vec();
    put_varint(&mut out, files.len() as u64);
    let mut names: Vec<&str> = Vec::new();
    for (name, text) in files {
        let p = cmap::parse(text);
        let ranges = if name == UCS2 {
            unicode_ranges(&p)
        } else {
            p.cids.clone()
        };
        if ranges.is_empty() {
            return Err(format!("{name}: no ranges found"));
        }
        let parent = match &p.usecmap {
            Some(u) => names
                .iter()
                .position(|n| n == u)
                .map(|i| i as u64 + 1)
                .ok_or_else(|| format!("{name}: uses {u}, which is not packed before it"))?,
            None => 0,
        };
        put_varint(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
        out.push(p.wmode);
        put_varint(&mut out, parent);
        put_varint(&mut out, p.codespace.len() as u64);
        for c in &p.codespace {
            out.push(c.len);
            out.extend_from_slice(&c.lo[..c.len as usize]);
            out.extend_from_slice(&c.hi[..c.len as usize]);
        }
        let mut sorted = ranges;
        sorted.sort_by_key(|r| (r.len, r.lo));
        put_varint(&mut out, sorted.len() as u64);
        let (mut len, mut prev_lo, mut prev_dst) = (0u8, 0u32, 0u32);
        for r in &sorted {
            if r.len != len {
                (len, prev_lo, prev_dst) = (r.len, 0, 0);
            }
            out.push(r.len | if r.notdef { 0x10 } else { 0 });
            put_varint(&mut out, (r.lo - prev_lo) as u64);
            put_varint(&mut out, (r.hi - r.lo) as u64);
            put_varint(&mut out, zigzag(r.dst as i64 - prev_dst as i64));
            prev_lo = r.lo;
            prev_dst = r.dst;
        }
        names.push(name);
    }
    Ok(out)
}

/// One packed CMap, decoded.
struct Entry {
    name: String,
    wmode: u8,
    parent: Option<usize>,
    codespace: Vec<Codespace>,
    ranges: Vec<CidRange>,
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.s.get(self.i)?;
        self.i += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.s.get(self.i..self.i + n)?;
        self.i += n;
        Some(s)
    }
}

fn decode(bundle: &[u8]) -> Option<Vec<Entry>> {
    let mut r = Reader { s: bundle, i: 0 };
    if r.bytes(MAGIC.len())? != MAGIC {
        return None;
    }
    let n = r.varint()? as usize;
    let mut out = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        let name_len = r.varint()? as usize;
        let name = String::from_utf8(r.bytes(name_len)?.to_vec()).ok()?;
        let wmode = r.byte()?;
        let parent = (r.varint()? as usize).checked_sub(1);
        let mut codespace = Vec::new();
        for _ in 0..r.varint()? {
            let len = r.byte()?;
            if !(1..=4).contains(&len) {
                return None;
            }
            let mut c = Codespace {
                len,
                lo: [0; 4],
                hi: [0; 4],
            };
            c.lo[..len as usize].copy_from_slice(r.bytes(len as usize)?);
            c.hi[..len as usize].copy_from_slice(r.bytes(len as usize)?);
            codespace.push(c);
        }
        let count = r.varint()? as usize;
        let mut ranges = Vec::with_capacity(count.min(1 << 16));
        let (mut len, mut prev_lo, mut prev_dst) = (0u8, 0u32, 0u32);
        for _ in 0..count {
            let kind = r.byte()?;
            let this_len = kind & 0x0f;
            if this_len != len {
                (len, prev_lo, prev_dst) = (this_len, 0, 0);
            }
            let lo = prev_lo.checked_add(u32::try_from(r.varint()?).ok()?)?;
            let hi = lo.checked_add(u32::try_from(r.varint()?).ok()?)?;
            let dst = u32::try_from(prev_dst as i64 + unzigzag(r.varint()?)).ok()?;
            ranges.push(CidRange {
                len,
                lo,
                hi,
                dst,
                notdef: kind & 0x10 != 0,
            });
            (prev_lo, prev_dst) = (lo, dst);
        }
        out.push(Entry {
            name,
            wmode,
            parent,
            codespace,
            ranges,
        });
    }
    Some(out)
}

/// The decoded bundle and each CMap's lookup form, built on first use.
struct Cache {
    entries: Vec<Entry>,
    maps: Vec<OnceLock<Arc<CodeMap>>>,
    unicode: OnceLock<Vec<u32>>,
}

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| {
        // The bundle is compiled in and checked by the tests; a damaged one
        // reads as empty (every predefined CMap then reports as unknown).
        let entries = decode(BUNDLE).unwrap_or_default();
        let maps = entries.iter().map(|_| OnceLock::new()).collect();
        Cache {
            entries,
            maps,
            unicode: OnceLock::new(),
        }
    })
}

fn map_at(c: &'static Cache, i: usize, depth: usize) -> Option<Arc<CodeMap>> {
    let e = c.entries.get(i)?;
    if let Some(m) = c.maps[i].get() {
        return Some(m.clone());
    }
    let base = match e.parent {
        Some(p) if depth < 4 && p < i => map_at(c, p, depth + 1),
        _ => None,
    };
    let m = Arc::new(CodeMap::from_parts(
        e.codespace.clone(),
        e.ranges.clone(),
        e.wmode,
        base,
    ));
    Some(c.maps[i].get_or_init(|| m).clone())
}

/// The predefined CMap of that name (codes → Adobe-GB1 CIDs), if juesuan
/// carries it.
pub fn code_map(name: &str) -> Option<Arc<CodeMap>> {
    if name == UCS2 {
        return None;
    }
    let c = cache();
    let i = c.entries.iter().position(|e| e.name == name)?;
    map_at(c, i, 0)
}

/// The Unicode character of an Adobe-GB1 CID (Adobe-GB1-UCS2).
pub fn gb1_unicode(cid: u32) -> Option<char> {
    let c = cache();
    let table = c.unicode.get_or_init(|| {
        let Some(e) = c.entries.iter().find(|e| e.name == UCS2) else {
            return Vec::new();
        };
        let size = e
            .ranges
            .iter()
            .map(|r| r.hi as usize + 1)
            .max()
            .unwrap_or(0);
        let mut t = vec![0u32; size.min(1 << 16)];
        for r in &e.ranges {
            for cid in r.lo..=r.hi {
                if let Some(slot) = t.get_mut(cid as usize) {
                    *slot = r.dst + (cid - r.lo);
                }
            }
        }
        t
    });
    table
        .get(cid as usize)
        .copied()
        .filter(|&u| u != 0)
        .and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn every_predefined_gb1_cmap_is_carried() {
        for name in NAMES.iter().filter(|n| **n != UCS2) {
            assert!(code_map(name).is_some(), "{name}");
        }
        assert!(code_map("90ms-RKSJ-H").is_none());
    }

    #[test]
    fn gbk_codes_become_the_right_text() {
        // 公开 01 表, 万元 in GBK: B9AB BFAA, CDF2 D4AA.
        let m = code_map("GBK-EUC-H").unwrap();
        let text: String = [0xb9ab, 0xbfaa, 0xcdf2, 0xd4aa]
            .iter()
            .map(|&c| gb1_unicode(m.cid(c, 2).unwrap()).unwrap())
            .collect();
        assert_eq!(text, "公开万元");
        assert_eq!(gb1_unicode(m.cid(b'7' as u32, 1).unwrap()), Some('7'));
    }

    #[test]
    fn unicode_cmaps_map_to_the_same_cids_as_gbk() {
        let gbk = code_map("GBK-EUC-H").unwrap();
        let ucs2 = code_map("UniGB-UCS2-H").unwrap();
        let utf16 = code_map("UniGB-UTF16-H").unwrap();
        assert_eq!(ucs2.cid('决' as u32, 2), gbk.cid(0xbef6, 2));
        assert_eq!(utf16.cid('算' as u32, 2), gbk.cid(0xcbe3, 2));
        // The vertical form extends the horizontal one.
        let v = code_map("GBK-EUC-V").unwrap();
        assert_eq!(v.wmode, 1);
        assert_eq!(v.cid(0xbef6, 2), gbk.cid(0xbef6, 2));
    }

    #[test]
    fn the_bundle_round_trips() {
        let text = b"/CMapName /T-H def 1 begincodespacerange <00> <ff> endcodespacerange \
            2 begincidrange <20> <7e> 1 <80> <80> 9 endcidrange"
            .to_vec();
        let bin = build(&[("T-H".into(), text)]).unwrap();
        let e = decode(&bin).unwrap();
        assert_eq!(e[0].name, "T-H");
        assert_eq!(e[0].ranges.len(), 2);
        assert_eq!((e[0].ranges[1].lo, e[0].ranges[1].dst), (0x80, 9));
    }
}
