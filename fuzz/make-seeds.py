#!/usr/bin/env python3
"""Write the seed corpora for the fuzz targets (fuzz/corpus/<target>/).

Seeds come from the real sample: the whole report in each encoding, each
schedule and annex table on its own (small inputs fuzz fast), and one-line
mutations of those pieces (a line dropped, cut in half, made full-width, an
amount negated or replaced by text). `sample_mutations` takes a list of
operations, not a report, so its seeds are short byte strings, one per kind
of operation plus a few random mixes. `keymap_load` starts from the
default keymap.toml and the fixtures in tests/keymaps/, `sidecar_load` from
real sidecars written by the review code (`cargo run --example
sidecar_seeds`), each with one-line mutations.

Run from the repository root or from fuzz/:  python3 fuzz/make-seeds.py
"""

import hashlib
import os
import random
import re
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
SAMPLE = os.path.join(ROOT, "sample-data", "chaoyang-hrss-2024.txt")
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


def edit_line(text, rng, n, edits):
    """n copies of `text`, each with one line changed by a random edit."""
    lines = text.split("\n")
    out = []
    for _ in range(n):
        i = rng.randrange(len(lines))
        l = list(lines)
        l[i:i + 1] = rng.choice(edits)(l[i], rng)
        out.append("\n".join(l))
    return out


def swap_digit(line, rng):
    return [re.sub(r"\d", lambda m: str(rng.randrange(10)), line, count=1)]


def drop_char(line, rng):
    if not line:
        return [line]
    k = rng.randrange(len(line))
    return [line[:k] + line[k + 1:]]


COMMON_EDITS = [
    lambda line, rng: [],                              # line dropped
    lambda line, rng: [line[: len(line) // 2]],        # cut in half
    lambda line, rng: [line, line],                    # duplicated
    drop_char,                                         # a quote, comma or bracket lost
    swap_digit,
]

KEYMAP_EDITS = COMMON_EDITS + [
    lambda line, rng: [re.sub(r'on = "[^"]*"', 'on = "' + rng.choice(["<C-x>", "gg", "q", "<F13>", "<Enter>", "", "<A-"]) + '"', line, count=1)],
    lambda line, rng: [re.sub(r'run = "[^"]*"', 'run = "' + rng.choice(["quit", "down", "nope", "open_finder", ""]) + '"', line, count=1)],
    lambda line, rng: [line.replace("keymap", rng.choice(["prepend_keymap", "append_keymap", "keymaps"]), 1)],
    lambda line, rng: [re.sub(r"^\[(\w+)\]", "[" + rng.choice(["global", "table", "finder", "editor", "nowhere"]) + "]", line)],
]

SIDECAR_EDITS = COMMON_EDITS + [
    lambda line, rng: [re.sub(r'": "[^"]*"', '": "' + rng.choice(["", "x", "confirmed", "dismissed", "\\ud800", "2024-13-40T25:61:61Z", "公开02表"]) + '"', line, count=1)],
    lambda line, rng: [re.sub(r'": -?\d+', '": ' + rng.choice(["-1", "0", "2", "4294967296", "1e400", "null", "\"1\""]), line, count=1)],
    lambda line, rng: [line.replace("true", "false", 1) if "true" in line else line.replace("false", "null", 1)],
    lambda line, rng: [line.replace("{", "[", 1).replace("}", "]", 1)],
]


def keymap_seeds(rng):
    texts = [open(os.path.join(ROOT, "keymap.toml"), encoding="utf-8").read()]
    for sub in ("valid", "invalid"):
        d = os.path.join(ROOT, "tests", "keymaps", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".toml"):
                texts.append(open(os.path.join(d, name), encoding="utf-8").read())
    out = list(texts)
    out += edit_line(texts[0], rng, 40, KEYMAP_EDITS)
    for t in texts[1:]:
        out += edit_line(t, rng, 4, KEYMAP_EDITS)
    out += ["", "[global]\nkeymap = []\n", "[table]\nprepend_keymap = [ { on = \"j\", run = \"up\" } ]\n"]
    return [t.encode("utf-8") for t in out] + [b"\xff\xfe[global]", b"[global]\nkeymap = [ { on = \"\xe4\", run = \"quit\" } ]\n"]


def sidecar_seeds(rng):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["cargo", "run", "--quiet", "--example", "sidecar_seeds", "--", d],
                       cwd=ROOT, check=True)
        texts = [open(os.path.join(d, n), encoding="utf-8").read() for n in sorted(os.listdir(d))]
    out = list(texts)
    for t in texts:
        out += edit_line(t, rng, 25, SIDECAR_EDITS)
    out += ["", "{}", '{"schema": 1}', '{"schema": 2}', "[]", "null"]
    return [t.encode("utf-8") for t in out] + [texts[0].encode("utf-16"), b"\xef\xbb\xbf" + texts[0].encode()]


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
    keymaps = keymap_seeds(rng)
    for k in keymaps:
        write("keymap_load", k)
    sidecars = sidecar_seeds(rng)
    for k in sidecars:
        write("sidecar_load", k)
    print(f"{len(keymaps)} keymap seeds, {len(sidecars)} sidecar seeds")
    print(f"{len(reports)} report seeds, 54 operation seeds under {os.path.join(HERE, 'corpus')}")


if __name__ == "__main__":
    main()
