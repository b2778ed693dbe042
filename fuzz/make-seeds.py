#!/usr/bin/env python3
"""Write the seed corpora for the fuzz targets (fuzz/corpus/<target>/).

Seeds come from the real sample: the whole report in each encoding, each
schedule and annex table on its own (small inputs fuzz fast), and one-line
mutations of those pieces (a line dropped, cut in half, made full-width, an
amount negated or replaced by text). `sample_mutations` takes a list of
operations, not a report, so its seeds are short byte strings, one per kind
of operation plus a few random mixes.

Run from the repository root or from fuzz/:  python3 fuzz/make-seeds.py
"""

import hashlib
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "sample-data", "chaoyang-hrss-2024.txt")
COVER = "辽宁省朝阳市人力资源和社会保障局(本级)\n2024 年度部门决算\n\n"


def write(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def pieces(lines):
    """The schedule blocks and annex tables, each as its own small report."""
    starts = [i for i, l in enumerate(lines)
              if re.match(r"^公开\s*0?\d\s*表$", l.strip())
              or l.strip().endswith("绩效自评表")
              or l.strip().startswith("第四部分")
              or l.strip().startswith("第五部分")]
    starts.append(len(lines))
    out = []
    for a, b in zip(starts, starts[1:]):
        block = lines[max(0, a - 2):b]
        head = "第五部分 附件\n" if "绩效" in lines[a] else ""
        out.append(COVER + "公开 02 表\n" * (head != "") + head + "\n".join(block) + "\n")
    return out


def full_width(s):
    table = {c: chr(ord("０") + ord(c) - ord("0")) for c in "0123456789"}
    table.update({",": "，", ".": "．", "(": "（", ")": "）", "%": "％"})
    return "".join(table.get(c, c) for c in s)


def one_line_mutations(text, rng, n):
    lines = text.split("\n")
    out = []
    for _ in range(n):
        i = rng.randrange(len(lines))
        l = list(lines)
        kind = rng.randrange(6)
        if kind == 0:
            del l[i]
        elif kind == 1:
            l[i] = l[i][: len(l[i]) // 2]
        elif kind == 2:
            l[i] = full_width(l[i])
        elif kind == 3:
            l[i] = re.sub(r"\d[\d,]*\.\d\d", lambda m: "(" + m.group(0) + ")", l[i], count=1)
        elif kind == 4:
            l[i] = re.sub(r"\d[\d,]*\.\d\d", "见附表", l[i], count=1)
        else:
            l.insert(i, l[i])
        out.append("\n".join(l))
    return out


def main():
    rng = random.Random(20240)
    text = open(SAMPLE, encoding="utf-8").read()
    lines = text.split("\n")
    small = pieces(lines)
    reports = [text.encode("utf-8"),
               b"\xef\xbb\xbf" + text.encode("utf-8"),
               text.encode("gb18030"),
               text.replace("\n", "\r\n").encode("utf-8"),
               b"\xff\xfe" + text.encode("utf-16-le")]
    for p in small:
        reports.append(p.encode("utf-8"))
        reports.append(p.encode("gb18030"))
        for m in one_line_mutations(p, rng, 6):
            reports.append(m.encode("utf-8"))
    for m in one_line_mutations(text, rng, 10):
        reports.append(m.encode("utf-8"))
    reports += [b"", b"\x00\x01binary", b"%PDF-1.7\n", "公开 02 表\n合计\t\t1\n".encode()]
    for target in ("parse_report", "check_pipeline"):
        for r in reports:
            write(target, r)
    # sample_mutations: 7 bytes per operation (selector, three u16 params).
    for op in range(13):
        write("sample_mutations", bytes([op]) + bytes(rng.randrange(256) for _ in range(6)))
    for _ in range(40):
        write("sample_mutations", bytes(rng.randrange(256) for _ in range(7 * rng.randrange(1, 9))))
    write("sample_mutations", b"")
    print(f"{len(reports)} report seeds, 54 operation seeds under {os.path.join(HERE, 'corpus')}")


if __name__ == "__main__":
    main()
