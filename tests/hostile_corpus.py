"""A corpus of hostile inputs: files that try to make govclass print a
traceback, hang, eat the machine's memory or stop a batch half-way.

``build(folder)`` writes the corpus and returns the paths; ``python
tests/hostile_corpus.py FOLDER`` does the same from a shell.  Every input is
made here from a few bytes of recipe (nothing is downloaded, nothing is
copied from ../shared: the seeds, when present, are only mutated in memory).

The families follow docs/limits.md: nesting depth, sizes, number sizes,
encodings, YAML aliases and tags, CSV quoting, XLSX/PDF containers, names of
files, and files that are not regular files (a FIFO, a symbolic-link loop).
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "seed000_tables.json"

# A small valid table every structural mutation starts from.
_LINE = {"code": "2080101", "name": "行政运行", "amounts": {"合计": "10.00"}}


def _doc(**table_changes: object) -> dict:
    table = {"name": "t", "classification": "functional", "unit": "万元", "columns": ["合计"],
             "lines": [dict(_LINE)]}
    table.update(table_changes)
    return {"year": 2024, "tables": [table]}


def _j(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=True).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


_CT = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="xml" ContentType="application/xml"/></Types>')
_WB = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       b'<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _xlsx(sheet: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    members = {"[Content_Types].xml": _CT, "xl/workbook.xml": _WB, "xl/_rels/workbook.xml.rels": _RELS,
               "xl/worksheets/sheet1.xml": sheet}
    members.update(extra or {})
    return _zip(members)


def _sheet(rows: list[list[str]]) -> bytes:
    out = [b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<sheetData>"]
    for r, row in enumerate(rows, 1):
        cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row)
        out.append(f'<row r="{r}">{cells}</row>'.encode())
    out.append(b"</sheetData></worksheet>")
    return b"".join(out)


def _seed_texts() -> list[str]:
    env = os.environ.get("GOVCLASS_SEEDS")
    for d in ([Path(env)] if env else []) + [HERE.parent.parent / "shared" / "seeds"]:
        if d.is_dir():
            found = sorted(d.glob("*.txt"))
            if found:
                return [p.read_text(encoding="utf-8") for p in found[:2]]
    return []


_CSV_HEAD = "code,name,合计,基本支出,项目支出\n"
_CSV_OK = _CSV_HEAD + ",合计,30.00,20.00,10.00\n208,社会保障和就业支出,30.00,20.00,10.00\n" \
    "20801,人力资源和社会保障管理事务,30.00,20.00,10.00\n2080101,行政运行,30.00,20.00,10.00\n"


def placement_bomb(lines: int = 60) -> str:
    """A plain-text expenditure table whose lines print fewer figures than it
    has columns, with figures that fit many placements: the case that made
    the placement search exponential (docs/limits.md, "placement")."""
    out = ["部门支出总表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出"]
    out.append(f"合计 {lines * 2}.00")
    out.append(f"208 社会保障和就业支出 {lines * 2}.00")
    out.append(f"20801 人力资源和社会保障管理事务 {lines * 2}.00")
    for i in range(lines):
        out.append(f"2080101 行政运行 {1 + i % 3}.00")
        out.append(f"2080102 一般行政管理事务 {1 + (i * 7) % 3}.00 {1 + (i * 7) % 3}.00")
    return "\n".join(out) + "\n"


def entries() -> list[tuple[str, bytes]]:
    """(file name, content) of every regular file of the corpus."""
    e: list[tuple[str, bytes]] = []
    add = lambda name, data: e.append((name, data if isinstance(data, bytes) else data.encode()))  # noqa: E731

    # -- anything ---------------------------------------------------------------
    add("empty.txt", b"")
    add("blank.txt", b" \n\t\n\r\n")
    add("nul.txt", b"\x00" * 64)
    add("binary.bin", bytes(range(256)) * 16)
    add("bom-only.csv", b"\xef\xbb\xbf")
    add("utf16.json", json.dumps(_doc(), ensure_ascii=False).encode("utf-16"))
    add("long-line.txt", "部门支出总表\n" + "2080101 行政运行 " + "1" * 200_000 + "\n")
    add("control-chars.txt", "部门支出总表\n\x1b[2J\x07\x08 2080101 行政运行 1.00\n")
    add("no-extension", _CSV_OK)

    # -- JSON ---------------------------------------------------------------------
    add("deep-list.json", "[" * 1000)
    add("deep-list-closed.json", "[" * 1000 + "]" * 1000)
    add("deep-object.json", '{"a":' * 5000 + "1" + "}" * 5000)
    add("deep-in-table.json", _j(_doc(note=None)).replace(b"null", b"[" * 3000 + b"]" * 3000))
    add("int-digits-year.json", '{"year": ' + "9" * 4301 + ', "tables": []}')
    add("int-digits-amount.json", _j(_doc()).replace(b'"10.00"', b"9" * 5000))
    add("float-huge.json", _j(_doc()).replace(b'"10.00"', b"1e999999"))
    add("exponent-huge.json", _j(_doc()).replace(b'"10.00"', b'"1e999999999999"'))
    add("nan.json", _j(_doc()).replace(b'"10.00"', b"NaN"))
    add("infinity-string.json", _j(_doc()).replace(b'"10.00"', b'"Infinity"'))
    add("snan-string.json", _j(_doc()).replace(b'"10.00"', b'"sNaN"'))
    add("surrogate-name.json", _j(_doc(name="\udfff")))
    add("surrogate-line-name.json", _j(_doc()).replace(json.dumps("行政运行")[1:-1].encode(), b"\\ud800"))
    add("surrogate-column.json", _j(_doc(columns=["\udc80"], lines=[{"amounts": {"\udc80": "1"}}])))
    add("top-list.json", "[]")
    add("top-string.json", '"tables"')
    add("top-null.json", "null")
    add("top-number.json", "12")
    add("tables-not-list.json", '{"tables": {"a": 1}}')
    add("lines-not-list.json", _j(_doc(lines="x")))
    add("line-not-object.json", _j(_doc(lines=[1, None, "x"])))
    add("amounts-list.json", _j(_doc(lines=[{"amounts": [1, 2]}])))
    add("code-number.json", _j(_doc(lines=[{"code": 2080101, "amounts": {"合计": "1"}}])))
    add("code-huge.json", _j(_doc(lines=[{"code": "2" * 100_000, "amounts": {"合计": "1"}}])))
    add("name-huge.json", _j(_doc(lines=[{"code": "2089999", "name": "行政" * 200_000, "amounts": {"合计": "1"}}])))
    add("year-string.json", _j({**_doc(), "year": "2024"}))
    add("year-float.json", _j({**_doc(), "year": 2024.5}))
    add("year-bool.json", _j({**_doc(), "year": True}))
    add("year-far.json", _j({**_doc(), "year": 99999}))
    add("duplicate-keys.json", '{"tables": [], "tables": 1}')
    add("truncated.json", _j(_doc())[:-7])
    add("columns-many.json", _j(_doc(columns=[f"c{i}" for i in range(20_000)])))
    add("lines-many.json", _j(_doc(lines=[dict(_LINE) for _ in range(50_000)])))
    add("relations-loop.json", _j(_doc(columns=["a", "b"], relations=[{"total": "a", "parts": ["a", "b"]},
                                                                     {"total": "b", "parts": ["a"]}],
                                       lines=[{"amounts": {"a": "1", "b": "2"}}])))
    add("relations-unknown.json", _j(_doc(relations=[{"total": "x", "parts": ["y"]}])))
    add("statement-weird.json", _j({**_doc(), "statements": [{"name": "\udfff", "items": [[]]}]}))
    add("problems-weird.json", _j({**_doc(), "problems": [{"rule": "x" * 10_000}]}))
    add("bom.json", b"\xef\xbb\xbf" + _j(_doc()))
    if FIXTURE.is_file():
        add("valid-seed000.json", FIXTURE.read_bytes())

    # -- YAML ---------------------------------------------------------------------
    laughs = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        laughs.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    add("billion-laughs.yaml", "\n".join(laughs) + "\ntables: *i\n")
    add("billion-laughs-in-table.yaml", "\n".join(laughs) + "\ntables:\n- name: t\n  note: *i\n")
    add("alias-loop.yaml", "tables: &a [*a]\n")
    add("alias-self-map.yaml", "a: &a {b: *a}\ntables: []\n")
    add("deep-yaml.yaml", "tables: " + "[" * 10_000 + "]" * 10_000 + "\n")
    add("deep-yaml-block.yaml", "".join("  " * i + "- \n" for i in range(2000)))
    add("bad-date.yaml", "year: 2024-13-01\ntables: []\n")
    add("bad-date-key.yaml", "2024-02-30: x\ntables: []\n")
    add("date-year.yaml", "year: 2024-01-01\ntables: []\n")
    add("python-tag.yaml", "!!python/object/apply:os.system ['echo pwned']\n")
    add("unknown-tag.yaml", "tables: !custom [1]\n")
    add("binary-tag.yaml", "tables: !!binary aGVsbG8=\n")
    add("set-tag.yaml", "tables: !!set {a, b}\n")
    add("big-int.yaml", "year: " + "9" * 5000 + "\ntables: []\n")
    add("hex-int.yaml", "year: 0x7e8\ntables: []\n")
    add("sexagesimal.yaml", "year: 33:44\ntables: []\n")
    add("merge-keys.yaml", "base: &b {name: t}\ntables:\n- <<: [*b, *b, *b]\n  classification: functional\n")
    add("multi-doc.yaml", "tables: []\n---\ntables: []\n")
    add("tab-indent.yaml", "tables:\n\t- name: t\n")
    add("surrogate.yaml", 'tables:\n- name: "\\udfff"\n')
    add("yaml-null-key.yaml", "? [a, b]\n: 1\ntables: []\n")
    add("yaml-float-nan.yaml", "tables:\n- name: t\n  classification: functional\n  unit: 万元\n  columns: [合计]\n"
        "  lines:\n  - {code: '2080101', amounts: {合计: .nan}}\n  - {code: '2080102', amounts: {合计: .inf}}\n")

    # -- CSV ----------------------------------------------------------------------
    add("valid.csv", _CSV_OK)
    add("header-only.csv", _CSV_HEAD)
    add("mixed-encoding.csv", _CSV_OK.encode() + "2080102,一般行政管理事务,1.00,1.00,0.00\n".encode("gbk"))
    add("gbk.csv", _CSV_OK.encode("gbk"))
    add("invalid-bytes.csv", _CSV_OK.encode() + b"2080199,\xff\xfe\x80,1,1,0\n")
    add("utf8-surrogate-bytes.csv", _CSV_OK.encode() + b"2080199,\xed\xa0\x80,1,1,0\n")
    add("name-10mb.csv", _CSV_HEAD + "2089999," + "行" * 3_500_000 + ",1,1,0\n")
    add("name-128k.csv", _CSV_HEAD + "2089999," + "政策管理事务" * 22_000 + ",1,1,0\n")
    add("columns-10k.csv", "code,name," + ",".join(f"c{i}" for i in range(10_000)) + "\n2080101,行政运行"
        + ",1" * 10_000 + "\n")
    add("code-letters.csv", _CSV_HEAD + "abc,x,1,1,0\n２０８,全角,1,1,0\n")
    add("code-huge.csv", _CSV_HEAD + "2" * 50_000 + ",x,1,1,0\n")
    add("amount-weird.csv", _CSV_HEAD + "2080101,行政运行,NaN,sNaN,Infinity\n2080102,x,1e999999,-,1,2\n"
        "2080103,y," + "9" * 5000 + ",0x10,１２\n")
    add("amount-exponent.csv", _CSV_HEAD + "2080101,行政运行,1E+999999999,1e-999999999,0E+99999\n")
    add("unclosed-quote.csv", _CSV_HEAD + '2080101,"行政运行,1,1,0\n')
    add("quoted-newlines.csv", _CSV_HEAD + '2080101,"行政\n运行",1,1,0\n')
    add("long-row.csv", _CSV_HEAD + "2080101,行政运行,1,1,0,9,9,9\n")
    add("cr-only.csv", _CSV_OK.replace("\n", "\r"))
    add("nul-in-csv.csv", _CSV_OK.encode() + b"2080101,\x00,1,1,0\n")
    add("tables-many.csv", "table,code,name,合计\n" + "".join(f"t{i},2080101,行政运行,1\n" for i in range(20_000)))
    add("duplicate-columns.csv", "code,name,a,a\n208,x,1,1\n")
    add("huge-field.csv", '"' + "x" * 200_000 + '"\n')
    add("lines-200k.csv", _CSV_HEAD + "2080101,行政运行,1.00,1.00,0.00\n" * 200_000)
    add("surrogate-escape-name.csv", _CSV_OK.replace("行政运行", "行政\\udfff运行"))

    # -- plain text, markdown, TSV disclosures -------------------------------------
    for i, text in enumerate(_seed_texts()):
        lines = text.splitlines()
        add(f"seed{i}-half.txt", "\n".join(lines[: len(lines) // 2]))
        add(f"seed{i}-huge-figures.txt", "".join(ch if not ch.isdigit() else ch * 40 for ch in text))
        add(f"seed{i}-no-digits.txt", "".join(ch for ch in text if not ch.isdigit()))
        add(f"seed{i}-reversed.txt", "\n".join(reversed(lines)))
        add(f"seed{i}-repeated.txt", text * 20)
        add(f"seed{i}-gbk.txt", text.encode("gb18030"))
        add(f"seed{i}-mixed.txt", text.encode() + "\n附注：说明\n".encode("gbk"))
    add("placement-bomb.txt", placement_bomb(60))
    add("placement-bomb-large.txt", placement_bomb(240))
    add("table-title-only.txt", "部门支出总表\n" * 1000)
    add("markdown.md", "| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n| 208 | 社会保障 | " + "|" * 50_000 + "\n")
    add("tsv.tsv", "科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t" + "\t" * 50_000 + "1\n")
    add("html.html", "<html><body><table><tr><td>208</td></tr></table></body></html>")

    # -- XLSX ---------------------------------------------------------------------
    add("not-a-zip.xlsx", b"PK\x03\x04" + b"\x00" * 100)
    add("zip-no-workbook.xlsx", _zip({"a.txt": b"x"}))
    add("xlsx-bad-xml.xlsx", _xlsx(b"<worksheet><sheetData><row>"))
    add("xlsx-entities.xlsx", _xlsx(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                                    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
                                               for i in range(8))
                                    + b']><worksheet><sheetData><row><c t="inlineStr"><is><t>&i;</t></is></c></row>'
                                    b"</sheetData></worksheet>"))
    add("xlsx-external-entity.xlsx", _xlsx(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                           b'<worksheet><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row>'
                                           b"</sheetData></worksheet>"))
    add("xlsx-zip-bomb.xlsx", _xlsx(_sheet([["部门支出总表"]])[:-len(b"</sheetData></worksheet>")]
                                    + b"<row/>" * 3_000_000 + b"</sheetData></worksheet>"))
    add("xlsx-huge-cell-ref.xlsx", _xlsx(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                         b'<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                         b'</c></row><row r="99999999999999999999"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>'
                                         b"</sheetData></worksheet>"))
    add("xlsx-table.xlsx", _xlsx(_sheet([["部门支出总表"], ["单位：万元"], ["科目编码", "科目名称", "合计"],
                                         ["208", "社会保障和就业支出", "1.00"], ["合计", "", "1.00"]])))
    add("xlsx-shared-strings-bad.xlsx", _xlsx(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                              b'<sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c><c r="B1" t="s">'
                                              b"<v>-1</v></c><c r=\"C1\" t=\"s\"><v>x</v></c></row></sheetData></worksheet>",
                                              {"xl/sharedStrings.xml": b"<sst><si><t>a</t></si></sst>"}))
    add("xls-old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)

    # -- PDF ----------------------------------------------------------------------
    add("pdf-header-only.pdf", b"%PDF-1.7\n")
    add("pdf-garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 64)
    add("pdf-bad-xref.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
        b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 9999999 9999999]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n")
    add("pdf-loop-pages.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]"
        b"/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    add("pdf-named-txt.txt", b"%PDF-1.4\n%%EOF\n")

    # -- names ----------------------------------------------------------------------
    add("name with spaces and 中文.csv", _CSV_OK)
    add("-dash-first.csv", _CSV_OK)
    add("new\nline.csv", _CSV_OK)
    return e


LONG = "政策管理" * 7_500  # 30k characters


def argument_runs() -> list[list[str]]:
    """Hostile arguments for every command; ``@name`` stands for the corpus
    file ``name`` and ``@`` for the corpus folder."""
    runs = []
    for code in ("", "x", "-1", "2101505.0", "9" * 5000, "２１０１５０５", "\udcff", LONG, "1e5"):
        runs.append(["lookup", "--", code])
        runs.append(["lookup", "--json", "--", code])
    runs += [["lookup", "2101599", "--name", LONG], ["lookup", "15", "--parent", "x" * 10_000],
             ["lookup", "2101505", "--year", "9" * 5000], ["lookup", "2101505", "--year=0"]]
    for text in ("", " ", LONG, "\udcff", "行政" * 15_000, "%s%n", "(((((((((("):
        runs.append(["search", "--", text])
    runs += [["search", "行政", "--limit", "-1"], ["search", "行政", "--limit", "0"],
             ["search", "行政", "--limit", "9" * 5000], ["search", "行政", "--level", "x"]]
    runs += [["tree", "--depth", "-5"], ["tree", "210", "--depth", "9" * 5000], ["tree", "x"],
             ["tree", "--", LONG], ["tree", "--classification", "economic-gov"]]
    runs += [["stats", "--year", "1"], ["stats", "--json", "--year", "2024"]]
    runs += [["export", "--output", "/nonexistent/dir/out.csv"], ["export", "--output", "/dev/full"],
             ["export", "--format", "json", "--output", "/"]]
    runs += [["check-data", "--year", "9" * 5000], ["history", "--", "\udcff"], ["history", "--", LONG],
             ["history", "2101505"], ["diff", "2023", "99999999999"], ["diff", "x", "y"], ["diff", "2025", "2024"],
             ["schema", "--codes", "--year", "1900"]]
    for tol in ("NaN", "sNaN", "Infinity", "-Infinity", "-1", "1e999999999", "x", "0x10", "-0"):
        runs.append(["validate", "--tolerance", tol, "@valid.csv"])
    runs += [["validate", "--jobs", "0", "@valid.csv", "@valid.csv"], ["validate", "--jobs", "-3", "@"],
             ["validate", "--skip", LONG, "@valid.csv"], ["validate", "--input-format", "pdf", "@valid.csv"],
             ["validate", "--input-format", "xlsx", "@valid.csv"], ["validate", "--input-format", "yaml", "@gbk.csv"],
             ["validate", "--input-format", "json", "@billion-laughs.yaml"], ["extract", "@"], ["validate", "/dev/null"],
             ["validate", "--unit", "元", "--classification", "economic", "@valid.csv"], [], ["--bogus"], ["\udcff"]]
    return runs


#: The inputs that take seconds each (sizes near the limits): the full run
#: (tools/hostile_run.py) has them, the test suite's folder run leaves them out.
HEAVY = frozenset({"lines-many.json", "lines-200k.csv", "xlsx-zip-bomb.xlsx", "name-10mb.csv", "seed0-repeated.txt",
                   "seed1-repeated.txt", "seed0-reversed.txt", "seed1-reversed.txt", "xlsx-huge-cell-ref.xlsx"})


def build(folder: str | os.PathLike, special: bool = True, heavy: bool = True) -> list[str]:
    """Write the corpus into ``folder`` and return the paths (str).  With
    ``special``: also a file name that is not UTF-8 (a lone surrogate once
    decoded), a FIFO, a symbolic-link loop, a dangling link and a directory
    named like a document (where the platform allows them).  Without
    ``heavy``: not the inputs of :data:`HEAVY`."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in entries():
        if not heavy and name in HEAVY:
            continue
        p = root / name
        p.write_bytes(data)
        paths.append(str(p))
    if special and sys.platform != "win32":
        raw = os.fsencode(str(root)) + b"/bad-\xff-name.csv"
        with open(raw, "wb") as fh:
            fh.write(_CSV_OK.encode())
        paths.append(os.fsdecode(raw))
        fifo = root / "fifo.csv"
        os.mkfifo(fifo)
        paths.append(str(fifo))
        (root / "loop-a.json").symlink_to("loop-b.json")
        (root / "loop-b.json").symlink_to("loop-a.json")
        paths += [str(root / "loop-a.json"), str(root / "loop-b.json")]
        (root / "dangling.csv").symlink_to("does-not-exist.csv")
        paths.append(str(root / "dangling.csv"))
        (root / "dir.json").mkdir()
        paths.append(str(root / "dir.json"))
    return paths


if __name__ == "__main__":  # pragma: no cover
    made = build(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(f"{len(made)} inputs")
