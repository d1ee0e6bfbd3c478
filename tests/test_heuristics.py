"""Each heuristic of the PDF reader on a small PDF this file draws, with a positive case (the layout it
was written for) and a negative one (the layout beside it that it must leave alone), so that a
heuristic loosened or tightened fails here and not only on the one real document it was written for
(issue 23, "Tests that would catch a loosening"): the one-unit total, unit sections, a code list that
starts over, the 三公 合计 beside a 合计(含其他), a table going on over a page (recut)."""

from __future__ import annotations

import pytest

import govclass
from pdfdraw import Page, pdf, ruled

pytest.importorskip("pypdfium2")

from govclass.document import How  # noqa: E402
from govclass.readers import read_document  # noqa: E402

#: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
EDGES = [40, 110, 250, 330, 410, 490]
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def _expenditure(*rows: list[str], title: str = "部门支出总表", header: "list[str] | None" = HEADER,
                 top: float = 755) -> Page:
    page = Page(words=[(200, 800, "2025年部门预算"), (220, 780, title), (450, 762, "单位：万元")] if title else [])
    return page.add(ruled(EDGES, top, ([header] if header else []) + [list(r) for r in rows], right={2, 3, 4}))


def _read(tmp_path, *pages: Page):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf(list(pages)))
    return read_document(str(path)), govclass.validate(str(path))


_CODES = [["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
          ["20106", "财政事务", "100.00", "60.00", "40.00"],
          ["2010601", "行政运行", "60.00", "60.00", ""],
          ["2010602", "一般行政管理事务", "40.00", "", "40.00"]]


# -- the one-unit total (build._one_unit_total) ----------------------------------------------------

def test_one_unit_total_a_units_row_above_every_code_is_the_total(tmp_path):
    """No 合计 line, one row naming the budget unit above every code (Shenzhen): that row is the
    table's total, and checked as one (110.00 against its 类 100.00 is a roll-up mismatch)."""
    doc, report = _read(tmp_path, _expenditure(["", "某某区财政局（本级）", "110.00", "60.00", "50.00"], *_CODES))
    (table,) = doc.tables
    assert [(ln.name, ln.total) for ln in table.lines][:2] == [("某某区财政局（本级）", True), ("一般公共服务支出", False)]
    assert [f.code for f in report.by_rule("rollup-mismatch")] == [None]


def test_one_unit_total_not_when_a_total_is_printed_or_units_are_two(tmp_path):
    """The twins: a 合计 printed as well (the unit's row is then no total), or two units' rows
    (a table by unit): no unit row is taken for the table's total."""
    doc, _report = _read(tmp_path, _expenditure(["", "合计", "100.00", "60.00", "40.00"],
                                                ["", "某某区财政局（本级）", "100.00", "60.00", "40.00"], *_CODES))
    assert [ln.name for ln in doc.tables[0].lines if ln.total] == ["合计"]
    doc, _report = _read(tmp_path, _expenditure(["", "某某区财政局（本级）", "60.00", "60.00", ""], *_CODES[:1],
                                                ["", "某某区财政中心", "40.00", "", "40.00"], *_CODES[1:]))
    assert not any(ln.total and ln.name and "财政" in ln.name for t in doc.tables for ln in t.lines)


# -- unit sections (build._unit_sections) -----------------------------------------------------------

_UNIT_A = [["", "某某区财政局", "70.00", "60.00", "10.00"], ["201", "一般公共服务支出", "70.00", "60.00", "10.00"],
           ["20106", "财政事务", "70.00", "60.00", "10.00"], ["2010601", "行政运行", "70.00", "60.00", "10.00"]]
_UNIT_B = [["", "某某区财政中心", "30.00", "", "30.00"], ["201", "一般公共服务支出", "30.00", "", "30.00"],
           ["20106", "财政事务", "30.00", "", "30.00"], ["2010602", "一般行政管理事务", "30.00", "", "30.00"]]


def test_unit_sections_each_unit_checked_against_its_own_row(tmp_path):
    """Two units, each under a row that names it, the codes starting over (201 again): each unit a
    table of its own whose total is its row, and the 合计 against the units together."""
    doc, report = _read(tmp_path, _expenditure(["", "合计", "100.00", "60.00", "40.00"], *_UNIT_A, *_UNIT_B))
    assert [f.rule for f in report.findings if f.rule == "unit-sections"] == ["unit-sections"]
    names = [t.name for t in doc.tables]
    assert any("某某区财政局" in n for n in names) and any("某某区财政中心" in n for n in names)
    assert not report.by_rule("duplicate-line") and not report.by_rule("rollup-mismatch")


def test_unit_sections_not_when_no_code_starts_over(tmp_path):
    """The twin: rows that name a unit but whose codes never start over (each code printed once) are
    no sections: one table, no unit-sections."""
    unit_b = [["", "某某区财政中心", "30.00", "", "30.00"], ["208", "社会保障和就业支出", "30.00", "", "30.00"],
              ["20805", "行政事业单位养老支出", "30.00", "", "30.00"], ["2080505", "机关事业单位基本养老保险缴费支出",
                                                                    "30.00", "", "30.00"]]
    doc, report = _read(tmp_path, _expenditure(["", "合计", "100.00", "60.00", "40.00"], *_UNIT_A, *unit_b))
    assert not report.by_rule("unit-sections") and len(doc.tables) == 1


# -- a code list that starts over (build._restarts) -------------------------------------------------

def test_restarts_a_list_printed_once_per_unit_is_read_run_by_run(tmp_path):
    """The 项 printed once per budget unit, no unit named, the codes stepping back (Beijing 预算05表):
    each run checked on its own (list-restarts), no duplicate-line."""
    runs = [["2010601", "行政运行", "60.00", "60.00", ""], ["2010602", "一般行政管理事务", "10.00", "", "10.00"],
            ["2010601", "行政运行", "20.00", "", "20.00"], ["2010602", "一般行政管理事务", "10.00", "", "10.00"]]
    doc, report = _read(tmp_path, _expenditure(["", "合计", "100.00", "60.00", "40.00"], *runs))
    assert [f.rule for f in report.findings if f.rule == "list-restarts"] == ["list-restarts"]
    assert not report.by_rule("duplicate-line")


def test_restarts_not_for_a_code_printed_twice_in_a_row(tmp_path):
    """The twin: a code printed twice one under the other (the codes do not step back) is a
    duplicate line, not a list starting over."""
    rows = [["2010601", "行政运行", "60.00", "60.00", ""], ["2010601", "行政运行", "60.00", "60.00", ""],
            ["2010602", "一般行政管理事务", "40.00", "", "40.00"]]
    _doc, report = _read(tmp_path, _expenditure(["", "合计", "160.00", "120.00", "40.00"], *rows))
    assert not report.by_rule("list-restarts") and [f.code for f in report.by_rule("duplicate-line")] == ["2010601"]


# -- the 三公 合计 beside a 合计(含其他) (readers/sangong.py) --------------------------------------

def _sangong(header: list[str], figures: list[str]):
    from govclass.readers.sangong import sangong_statement

    return sangong_statement("“三公”经费预算表", "万元", header, [(figures, 3)], 2025, False)


def test_sangong_total_of_the_three_beside_a_total_with_others():
    """A 三公 table that prints a 合计 of 三公, 会议费 and 培训费 and a “三公”经费合计: the 三公 合计 is
    the one that names 三公; the wider one is kept as 合计(含其他), never checked as the 三公's."""
    statement = _sangong(["合计", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费", "会议费", "培训费"],
                         ["60.00", "35.00", "10.00", "20.00", "5.00", "15.00", "10.00"])
    (item,) = statement.items
    assert (str(item.cells["合计"].value), str(item.cells["合计(含其他)"].value)) == ("35.00", "60.00")


def test_sangong_total_alone_is_the_three():
    """The twin: one 合计 and the three items only: that 合计 is the 三公's, no 合计(含其他)."""
    statement = _sangong(["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"], ["35.00", "10.00", "20.00", "5.00"])
    (item,) = statement.items
    assert str(item.cells["合计"].value) == "35.00" and "合计(含其他)" not in item.cells


# -- a table going on over a page, its last rows recut (layout._Layout.take) ----------------------

def test_a_table_going_on_over_a_page_is_one_table_its_figures_in_their_columns(tmp_path):
    """A ruled table whose 合计 stands alone on the next page, no title, no header, merged over the
    code and name columns (Shanghai): read on as the same table, its row recut by the table's own
    columns, so each figure stands in its own column (not one column to the left)."""
    first = _expenditure(*_CODES)
    rest = Page().add(ruled([40, 250, 330, 410, 490], 800, [["合计", "100.00", "60.00", "40.00"]], right={1, 2, 3}))
    doc, report = _read(tmp_path, first, rest)
    (table,) = doc.tables
    assert table.reading is not None and How.CONTINUED in table.reading.how and How.RECUT in table.reading.how
    (total,) = [ln for ln in table.lines if ln.total]
    assert total.page == 2 and {k: str(c.value) for k, c in total.cells.items()} == {
        "合计": "100.00", "基本支出": "60.00", "项目支出": "40.00"}
    assert not [f for f in report.findings if f.severity == "error"]


def test_a_table_on_the_next_page_with_a_title_of_its_own_is_another_table(tmp_path):
    """The twin: the next page's table prints a title of its own: a table of its own, not the rows of
    the one before."""
    first = _expenditure(["", "合计", "100.00", "60.00", "40.00"], *_CODES)
    second = _expenditure(["", "合计", "100.00", "60.00", "40.00"], *_CODES, title="一般公共预算支出表")
    doc, _report = _read(tmp_path, first, second)
    assert len(doc.tables) == 2 and {ln.page for ln in doc.tables[1].lines} == {2}
