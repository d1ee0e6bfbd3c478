"""Rows that print several codes are kept as printed (issue 23, family 4).  A Beijing 报表 row prints a
functional, a 政府经济分类 and a 部门经济分类 code with one set of figures (2010801 行政运行 | 50101
工资奖金津补贴 | 30101 基本工资); one 项 stands on as many rows as it has economic codes.  The reader
keeps every row, each line carrying its other codes (Line.others, in the JSON document format as
"others"); validation checks the sums per code column (the rows aggregated by each column's code,
then rolled up: govclass.document.codecolumns), so the repeated 项 is no duplicate line.  The
documents are small PDFs this file draws."""

from __future__ import annotations

import json

import pytest

import govclass
from pdfdraw import Page, pdf, ruled

pytest.importorskip("pypdfium2")

from govclass.document import Document, OtherCode  # noqa: E402
from govclass.readers import read_document  # noqa: E402

EDGES = [30, 130, 240, 350, 420, 490, 560]
HEADER = ["功能分类科目编码", "政府经济分类科目编码", "部门经济分类科目编码", "合计", "基本支出", "项目支出"]
ROWS = [["2010801-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "50.00", "50.00", ""],
        ["2010801-行政运行", "50101-工资奖金津补贴", "30102-津贴补贴", "30.00", "30.00", ""],
        ["2010804-审计业务", "50205-委托业务费", "30226-劳务费", "20.00", "", "20.00"]]


def _write(tmp_path, total: str = "100.00", rows=ROWS) -> str:
    page = Page(words=[(200, 800, "2026年部门预算"), (230, 780, "支出总表"), (480, 762, "单位：万元")])
    page.add(ruled(EDGES, 755, [HEADER, ["合计", "", "", total, "80.00", "20.00"], *rows], right={3, 4, 5}))
    path = tmp_path / "multicode.pdf"
    path.write_bytes(pdf([page]))
    return str(path)


def test_each_row_of_several_codes_is_read_as_printed(tmp_path):
    doc = govclass.read(_write(tmp_path))
    (table,) = doc.tables
    coded = [ln for ln in table.lines if ln.code]
    assert [(ln.code, [o.code for o in ln.others], str(ln.cells["合计"].value)) for ln in coded] == [
        ("2010801", ["50101", "30101"], "50.00"), ("2010801", ["50101", "30102"], "30.00"),
        ("2010804", ["50205", "30226"], "20.00")]
    assert coded[0].others[1] == OtherCode("economic", "30101", "基本工资", "部门经济分类科目编码")
    assert doc.coverage == {"coded_lines_printed": 3, "coded_lines_read": 3}


def test_a_repeated_item_with_other_economic_codes_is_no_duplicate_and_the_document_passes(tmp_path):
    report = govclass.validate(_write(tmp_path))
    assert not report.by_rule("duplicate-line")
    assert report.ok, [f.message for f in report.findings if f.severity == "error"]


def test_twin_the_sums_per_code_column_catch_a_total_that_does_not_add_up(tmp_path):
    """The twin: the 合计 printed as 110.00 over rows of 100.00: a roll-up mismatch, found by the
    sums per code column (the rows aggregated by code, then added up to the 合计)."""
    report = govclass.validate(_write(tmp_path, total="110.00"))
    assert [(f.code, f.column) for f in report.by_rule("rollup-mismatch")][:1] == [(None, "合计")]
    assert not report.ok


def test_the_rows_of_several_codes_go_through_the_json_document_format(tmp_path):
    """extract prints each row with its other codes; the JSON read back is the same document and
    validates the same."""
    path = _write(tmp_path, total="110.00")
    doc = govclass.read(path)
    data = doc.to_dict()
    row = next(ln for ln in data["tables"][0]["lines"] if ln["code"] == "2010804")
    assert row["others"] == [{"classification": "economic", "code": "50205", "name": "委托业务费",
                              "column": "政府经济分类科目编码"},
                             {"classification": "economic", "code": "30226", "name": "劳务费",
                              "column": "部门经济分类科目编码"}]
    again = Document.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert [ln.others for ln in again.tables[0].lines] == [ln.others for ln in doc.tables[0].lines]
    from govclass.document import check_schema

    assert not check_schema(data)
    json_path = tmp_path / "doc.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [(f.rule, f.code, f.column) for f in govclass.validate(str(json_path)).findings if f.severity == "error"] == \
        [(f.rule, f.code, f.column) for f in govclass.validate(path).findings if f.severity == "error"]
