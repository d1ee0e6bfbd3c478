"""The column-wise paths: a CSV table read into columns (ColumnLines, split in
C or by csv.reader) must validate exactly like the same table given as lines."""

from __future__ import annotations

import csv
import io
import json
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

import govclass
import govclass.speedups
from govclass.document import TOTAL_LINE_NAMES, ColumnLines, Document, column_amounts, parse_amount
from govclass.readers.csv import csv_columns, read_csv
from govclass.speedups.twins import split_columns
from govclass.validation import validate

CAT = govclass.get_catalog(2024)
COLUMNS = ["合计", "基本支出", "项目支出"]
# Real codes of a few branches (so that parents, children and siblings meet),
# codes of no edition, and text that is no code at all.
REAL = sorted({c for lei in ("201", "208", "301") for c in (lei, *CAT.lookup(lei).descendants)})
CODES = st.one_of(st.sampled_from(REAL), st.sampled_from(["01", "02", "310111", "2019999", "20199", "x1", None]))
FIGURES = st.one_of(
    st.integers(-10**7, 10**9).map(lambda n: f"{n / 100:.2f}"),
    st.sampled_from(["", "0.00", "0", "1,816.08", "809. 97", "(12.50)", "-", "abc", "1e3", "12.5.1", ".5", "-0.00"]),
)


@st.composite
def tables(draw):
    """Rows of (code, name, figures): real and bad codes, the official name or
    another, 合计 and uncoded lines, plain, messy, blank and invalid figures."""
    rows = []
    for code in draw(st.lists(CODES, min_size=1, max_size=25)):
        if code is None:
            name = draw(st.sampled_from([*sorted(TOTAL_LINE_NAMES), "其中：人员经费", None]))
        elif code in CAT and draw(st.booleans()):
            name = CAT.lookup(code).name
        else:
            name = draw(st.sampled_from(["维修费", "差旅费", "行政运行", "其他支出", None]))
        rows.append((code, name, [draw(FIGURES) for _ in COLUMNS]))
    return rows


def as_csv(rows) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["table", "code", "name", *COLUMNS])
    for code, name, figures in rows:
        w.writerow(["t", code or "", name or "", *figures])
    return out.getvalue()


def as_json(rows) -> dict:
    lines = []
    for i, (code, name, figures) in enumerate(rows):
        line = {"code": code, "name": name, "amounts": {c: f or None for c, f in zip(COLUMNS, figures)},
                "source_line": i + 2}
        if code is None and name in TOTAL_LINE_NAMES:
            line["total"] = True
        lines.append(line)
    return {"year": 2024, "tables": [{"name": "t", "classification": "functional", "unit": "万元",
                                      "columns": COLUMNS, "lines": lines}]}


def findings(report):
    return [f.to_dict() for f in report.findings]


@settings(max_examples=200, deadline=None)
@given(tables())
def test_a_csv_table_validates_like_its_lines(rows):
    _validates_like_its_lines(rows)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_a_csv_table_validates_like_its_lines_in_pure_python(rows):
    """The same without the C speed-ups (where they are built, the test above
    runs them; this one the pure-Python code that stands in for them)."""
    with mock.patch.object(govclass.speedups, "speedups", None):
        _validates_like_its_lines(rows)


def _validates_like_its_lines(rows):
    text = as_csv(rows)
    from_csv = read_csv(text, "t.csv", year=2024)
    from_json = Document.from_dict(as_json(rows))
    assert type(from_csv.tables[0].lines) is ColumnLines
    assert from_csv.tables[0].lines == from_json.tables[0].lines
    assert findings(validate(from_csv)) == findings(validate(from_json))
    # and the document read back from its JSON form says the same
    assert findings(validate(json.loads(json.dumps(from_csv.to_dict())))) == findings(validate(from_json))


CELL = st.text(st.characters(blacklist_characters=',"\r\n\x1c\x1d\x1e\x85\u2028\u2029',
                             blacklist_categories=("Cs",)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.integers(3, 6).flatmap(lambda w: st.lists(st.lists(CELL, min_size=w, max_size=w), min_size=1,
                                                      max_size=20)))
def test_the_split_reader_reads_what_csv_reader_reads(grid):
    text = "\n".join(",".join(row) for row in grid) + "\n"
    fast = split_columns(text, ",")
    if any(not "".join(row) for row in grid[1:]) or not "".join(grid[0]):
        return  # blank lines: csv.reader skips them, the split path declines (tested below)
    assert fast is not None
    header, cols, linenos, padded = fast
    assert (header, cols, list(linenos), padded) == csv_columns(text, ",", "<t>")


def test_the_split_reader_declines_what_it_cannot_split():
    assert split_columns('code,name,合计\n201,"a, b",1\n', ",") is None  # quoted
    assert split_columns("code,name,合计\n201,a\n", ",") is None  # a short line
    assert split_columns("code,name,合计\n\n201,a,1\n", ",") is None  # a blank line


def test_quoted_fields_and_line_numbers():
    text = 'code,name,合计\n201,"一般公共服务\n支出",3.00\n20101,"人大事务, 其他",3.00\n\n20102,政协事务,\n'
    doc = read_csv(text, "q.csv")
    lines = list(doc.tables[0].lines)
    assert [(ln.code, ln.name, ln.source_line) for ln in lines] == [
        ("201", "一般公共服务\n支出", 2), ("20101", "人大事务, 其他", 4), ("20102", "政协事务", 6)]
    assert lines[2].cells["合计"].blank


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FIGURES, st.text(max_size=5)), max_size=30))
def test_column_amounts_are_the_cells_amounts(raw):
    cells = [parse_amount(r) for r in raw]
    amounts, invalid = column_amounts(raw)
    assert amounts == [c.amount for c in cells]
    assert [a.as_tuple() for a in amounts] == [c.amount.as_tuple() for c in cells]  # same digits, not just equal
    assert invalid == [i for i, c in enumerate(cells) if c.invalid]


def test_column_lines_behave_as_the_tuple_of_their_lines():
    text = "code,name,合计,基本支出\n201,一般公共服务支出,3.00,1.00\n,合计,3.00,\n"
    lines = read_csv(text, "c.csv").tables[0].lines
    assert len(lines) == 2 and repr(lines) == "<ColumnLines: 2 lines>"
    assert lines[-1].total and lines[-1].code is None and lines[-1].cells["基本支出"].blank
    assert lines[0:1] == (lines[0],)
    assert tuple(lines) == (lines[0], lines[1])
    assert lines == tuple(lines) and lines != tuple(lines)[:1]


def test_an_uncoded_line_is_reported_not_dropped():
    text = "code,name,合计\n201,一般公共服务支出,3.00\n,其中：人员经费,1.00\n,合计,3.00\n"
    report = validate(read_csv(text, "u.csv", year=2024))
    (f,) = report.by_rule("uncoded-line")
    assert (f.severity, f.line, f.source_line, f.name) == ("warning", 2, 3, "其中：人员经费")
    assert not report.by_rule("rollup-mismatch")  # the 合计 line is still the total


def test_the_total_line_is_named_alike_in_every_input():
    """支出合计 (or "合  计") with no code is the total whether it comes from a
    CSV file or a JSON document without a total flag: one list of names."""
    for name in ("支出合计", "合  计", "本年支出合计"):
        text = f"code,name,合计\n201,一般公共服务支出,3.00\n,{name},4.00\n"
        from_csv = validate(read_csv(text, "t.csv", year=2024))
        doc = {"year": 2024, "tables": [{"name": "t", "classification": "functional", "unit": "万元",
                                         "columns": ["合计"], "lines": [
                                             {"code": "201", "name": "一般公共服务支出", "amounts": {"合计": "3.00"}},
                                             {"code": None, "name": name, "amounts": {"合计": "4.00"}}]}]}
        from_json = validate(doc)
        for report in (from_csv, from_json):
            assert not report.by_rule("uncoded-line"), name
            (f,) = report.by_rule("rollup-mismatch")  # 4.00 printed, the 类 adds up to 3.00
            assert (f.actual, f.expected) == ("4.00", "3.00")
        assert read_csv(text, "t.csv", year=2024).tables[0].lines[1].total
