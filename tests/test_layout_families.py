"""Layouts that broke the reading into false sums (issue 23, family 6), each on a small PDF this file
draws, with its correct twin."""

from __future__ import annotations

import pytest

import govclass
from pdfdraw import Page, pdf, ruled

pytest.importorskip("pypdfium2")

from govclass.readers import read_document  # noqa: E402

EDGES = [40, 100, 230, 300, 370, 440, 510]
HEADER = ["科目编码", "功能科目", "2024年决算数", "2025年预算数", "2025年完成数", "为预算的%"]


def _write(tmp_path, rows, header=HEADER, edges=EDGES, title="2025年全市一般公共预算支出执行情况表") -> str:
    page = Page(words=[(150, 800, title), (460, 780, "单位：万元")])
    page.add(ruled(edges, 770, [header, *rows], right=set(range(2, len(header)))))
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf([page]))
    return str(path)


_ROWS = [["", "支出合计", "2780860", "3099939", "2735288", "88.2%"],
         ["201", "一般公共服务支出", "2780860", "3099939", "2735288", "88.2%"],
         ["20101", "人大事务", "1000000", "1099939", "1000000", "90.9%"],
         ["20102", "政协事务", "1780860", "2000000", "1735288", "86.8%"]]


def test_a_percentage_column_is_read_and_never_summed(tmp_path):
    """为变动预算的% beside the amounts (Wuzhong p.33): read as printed, kept as a column of kind
    percentage; the 类's 88.2% is not the sum of its 款's percentages, and no finding says so."""
    path = _write(tmp_path, _ROWS)
    (table,) = read_document(path).tables
    assert [ln.cells["为预算的%"].raw for ln in table.lines] == ["88.2%", "88.2%", "90.9%", "86.8%"]
    assert table.column_kinds()["为预算的%"] == "percent"
    report = govclass.validate(path)
    assert not [f for f in report.findings if f.severity == "error"], [f.message for f in report.findings]


def test_twin_the_amounts_beside_it_are_still_summed(tmp_path):
    """The twin: an amount of the same table that does not add up (201's 完成数 2735288 over 款 of
    2735280) is a roll-up mismatch in that column only."""
    rows = [*_ROWS[:3], ["20102", "政协事务", "1780860", "2000000", "1735280", "86.8%"]]
    report = govclass.validate(_write(tmp_path, rows))
    assert {(f.code, f.column) for f in report.by_rule("rollup-mismatch")} == {("201", "2025年完成数")}


# -- a coded table under a title of another kind ----------------------------------------------------

_PROCUREMENT = ["科目编码", "科目名称", "合计", "财政拨款", "单位资金"]
_PROCUREMENT_EDGES = [40, 110, 260, 340, 420, 500]


def test_a_coded_table_titled_as_procurement_is_read_and_checked(tmp_path):
    """政府采购预算表 printing 类/款/项 codes, their names and amounts (Yantai p.25): a coded table, read
    and checked (here the 合计 5.80 over a 类 of 5.60 is a roll-up mismatch), not set aside."""
    rows = [["", "合计", "5.80", "", "5.80"], ["201", "一般公共服务支出", "5.60", "", "5.60"],
            ["20108", "审计事务", "5.60", "", "5.60"], ["2010804", "审计业务", "5.60", "", "5.60"]]
    path = _write(tmp_path, rows, _PROCUREMENT, _PROCUREMENT_EDGES, "政府采购预算表")
    (table,) = read_document(path).tables
    assert [ln.code for ln in table.lines] == [None, "201", "20108", "2010804"]
    report = govclass.validate(path)
    assert [f.code for f in report.by_rule("rollup-mismatch")] == [None] and not report.by_rule("unchecked-table")


def test_twin_a_procurement_table_of_items_stays_set_aside(tmp_path):
    """The twin: a procurement table of items (采购项目, 采购品目) with a code beside each is no coded
    table: set aside as such (unchecked-table), its rows not read."""
    header = ["科目编码", "采购项目", "采购品目", "数量", "预算金额"]
    rows = [["2010804", "审计软件", "软件", "1", "5.80"], ["2010804", "计算机", "台式计算机", "2", "1.20"]]
    path = _write(tmp_path, rows, header, _PROCUREMENT_EDGES, "政府采购预算表")
    assert not read_document(path).tables
    assert govclass.validate(path).by_rule("unchecked-table")


# -- an empty table: a blank 合计 under empty ruled rows ----------------------------------------------

def _empty(tmp_path, *rows: list[str]) -> str:
    header = ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"]
    edges = [40, 130, 270, 350, 430, 510]
    page = Page(words=[(200, 800, "2025年部门预算"), (150, 780, "2025年部门政府性基金预算支出功能分类预算表"),
                       (460, 762, "单位：万元")])
    words, hlines, vlines = ruled(edges, 755, [header, *rows], right={2, 3, 4})
    if rows and rows[-1][0] == "合计":  # the 合计 cell merged over the code and name columns
        vlines = [(x, y0 + (18 if x == edges[1] else 0), y1) for x, y0, y1 in vlines]
    page.add((words, hlines, vlines))
    path = tmp_path / "empty.pdf"
    path.write_bytes(pdf([page]))
    return str(path)


def test_an_empty_table_is_read_as_its_blank_total(tmp_path):
    """A 政府性基金 table the department prints empty (Shanghai p.17, Beijing 预算07表): its 合计 row,
    blank, is read as the table's total line with every figure blank (a blank is no value, not 0)."""
    doc = read_document(_empty(tmp_path, ["", "", "", "", ""], ["合计", "", "", "", ""]))
    (table,) = doc.tables
    assert table.kind == "gf-expenditure"
    assert [(ln.total, [c.raw for c in ln.cells.values()]) for ln in table.lines] == [(True, [None, None, None])]
    report = govclass.validate(_empty(tmp_path, ["", "", "", "", ""], ["合计", "", "", "", ""]))
    # a document of that table alone prints no coded line (never passes); the blank total is no defect
    assert [f.rule for f in report.findings if f.severity == "error"] == ["no-coded-lines"]


def test_twin_a_table_with_rows_is_read_as_printed(tmp_path):
    """The twin: the same table printing a row of figures is read with its rows (no blank total made)."""
    doc = read_document(_empty(tmp_path, ["2120801", "征地和拆迁补偿支出", "10.00", "", "10.00"],
                               ["合计", "", "10.00", "", "10.00"]))
    (table,) = doc.tables
    assert [(ln.code, ln.total, str(ln.cells["合计"].value)) for ln in table.lines] == [
        ("2120801", False, "10.00"), (None, True, "10.00")]


# -- a page whose text is set turned --------------------------------------------------------------

def _turned(tmp_path, turn: int, rotate: int = 0) -> str:
    edges = [40, 110, 250, 330, 410, 490]
    page = Page(words=[(200, 560, "2025年部门预算"), (220, 540, "部门支出总表"), (450, 522, "单位：万元")],
                turn=turn, rotate=rotate)
    page.add(ruled(edges, 515, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                                ["", "合计", "100.00", "60.00", "40.00"],
                                ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
                                ["2010601", "行政运行", "100.00", "60.00", "40.00"]], right={2, 3, 4}))
    path = tmp_path / f"turned{turn}-{rotate}.pdf"
    path.write_bytes(pdf([page]))
    return str(path)


def _read_lines(path: str) -> list:
    return [(t.name, [(ln.code, ln.name, [c.raw for c in ln.cells.values()]) for ln in t.lines])
            for t in read_document(path).tables]


@pytest.mark.parametrize("turn", [90, 270])
def test_a_table_set_turned_on_its_page_is_read_the_way_its_text_runs(tmp_path, turn):
    """A landscape table placed on a portrait page with no /Rotate (its text runs up or down the
    page): read as the same table upright, not reversed (出支目项 for 项目支出) or one character a line."""
    assert _read_lines(_turned(tmp_path, turn)) == _read_lines(_turned(tmp_path, 0)) != []


def test_twin_a_page_turned_by_its_rotate_is_not_turned_again(tmp_path):
    """The twin: the same turned drawing on a page whose /Rotate turns it upright for display
    (Yantai's 财政局 pp. 11-27) is read as displayed, not turned a second time."""
    assert _read_lines(_turned(tmp_path, 90, rotate=90)) == _read_lines(_turned(tmp_path, 0))


# -- text placed outside the visible page (the crop box) ----------------------------------------------

def _cropped(tmp_path, crop) -> str:
    edges = [40, 110, 250, 330, 410, 490]
    page = Page(words=[(200, 800, "2025年部门预算"), (220, 780, "部门支出总表"), (450, 762, "单位：万元")], crop=crop)
    page.add(ruled(edges, 755, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                                ["", "合计", "100.00", "60.00", "40.00"],
                                ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
                                ["2010601", "行政运行", "100.00", "60.00", "40.00"]], right={2, 3, 4}))
    # the same rows again, with other figures, below the visible page when the crop box hides them
    page.add(ruled(edges, 300, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                                ["201", "一般公共服务支出", "999.00", "60.00", "40.00"]], right={2, 3, 4}))
    path = tmp_path / "cropped.pdf"
    path.write_bytes(pdf([page]))
    return str(path)


def test_text_outside_the_crop_box_is_not_read(tmp_path):
    """A table's rows drawn again below the visible page (the crop box hides them): only what the
    page shows is read, so no false sum, no restart of the list (the hidden 201 999.00)."""
    report = govclass.validate(_cropped(tmp_path, (30, 400, 560, 842)))
    (table,) = read_document(_cropped(tmp_path, (30, 400, 560, 842))).tables
    assert [(ln.code, ln.cells["合计"].raw) for ln in table.lines] == [(None, "100.00"), ("201", "100.00"), ("2010601", "100.00")]
    assert not report.by_rule("list-restarts") and not [f for f in report.findings if f.severity == "error"]


def test_twin_the_same_rows_on_the_visible_page_are_read(tmp_path):
    """The twin: with no crop box both tables are on the page, and both are read (the list starting
    over is said)."""
    assert govclass.validate(_cropped(tmp_path, None)).by_rule("list-restarts")


# -- a table over pages set for binding ------------------------------------------------------------

_BOUND_HEADER = ["科目编码", "功能分类科目名称", "合计"]


def _bound(tmp_path, second_edges: list[float]) -> str:
    """表12 over two pages, its title, 表号 and header printed again on the second; the 类 201 on the
    first page, its second 款 on the second."""
    pages = []
    for edges, rows in (([78, 202, 440, 527], [["", "合计", "300"], ["201", "一般公共服务支出", "300"],
                                               ["20101", "人大事务", "100"], ["2010101", "行政运行", "100"]]),
                        (second_edges, [["20102", "政协事务", "200"], ["2010201", "行政运行", "200"]])):
        page = Page(words=[(150, 800, "2026年市本级一般公共预算支出功能分类科目表"), (edges[0], 780, "表12"),
                           (460, 780, "单位：万元")])
        page.add(ruled(edges, 770, [_BOUND_HEADER, *rows], right={2}))
        pages.append(page)
    path = tmp_path / "bound.pdf"
    path.write_bytes(pdf(pages))
    return str(path)


def test_a_table_over_pages_set_for_binding_is_one_table(tmp_path):
    """Odd and even pages with mirrored margins (Wuzhong 表12 over 14 pages): the second page's
    columns stand 5-6 pt left of the first's, every edge moved alike, beyond the 6 pt that makes two
    edges one.  The same title and header: the table going on, one table whose 201 adds up (no
    rollup-mismatch on 201 or the 合计)."""
    path = _bound(tmp_path, [73, 197, 434, 521])
    (table,) = read_document(path).tables
    assert [ln.code for ln in table.lines] == [None, "201", "20101", "2010101", "20102", "2010201"]
    assert not [f for f in govclass.validate(path).findings if f.rule == "rollup-mismatch"]


def test_twin_columns_not_moved_alike_are_another_table(tmp_path):
    """The twin: the same title over columns cut otherwise (three of its edges elsewhere, not alike) is not
    the table going on: two tables, and the first page's 201 does not add up on its own."""
    path = _bound(tmp_path, [60, 142, 400, 527])
    assert len(read_document(path).tables) == 2
    assert [f.code for f in govclass.validate(path).findings if f.rule == "rollup-mismatch"] == ["201"]


def test_a_column_of_words_with_some_figures_is_no_column_of_amounts(tmp_path):
    """A 备注 column holding a figure now and then (a year, a count) among its words is not a column of
    amounts: the table's amounts are its 预算数 alone, the words are no invalid amounts, the sums hold
    (the share of figures that makes a column of figures, settings.figure_column_share, is what this holds:
    a column half figures is words)."""
    header = ["科目编码", "功能科目", "2025年预算数", "备注"]
    rows = [["", "支出合计", "300", "续建项目"], ["201", "一般公共服务支出", "300", "12"],
            ["20101", "人大事务", "100", "新增项目"], ["20102", "政协事务", "200", "2025"]]
    path = _write(tmp_path, rows, header=header, edges=[40, 100, 230, 300, 420])
    (table,) = read_document(path).tables
    assert table.columns == ("2025年预算数",), table.columns
    assert [f.rule for f in govclass.validate(path).findings if f.severity == "error"] == []
