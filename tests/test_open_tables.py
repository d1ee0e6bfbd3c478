"""Tables a government's report prints open: no outer vertical rule, no rule between rows, figures without
decimals (万元), names wrapped round their figures (issue 26; Xinjiang's 2025 report reads whole with them).

Each family is drawn here as a small PDF: the reader must read every row and column of it, and two rows' figures
must never be read as one number.
"""

from __future__ import annotations

import pytest

import govclass
from govclass.document import parse_amount
from test_government_reading import _cover, _pdf, _text

pytest.importorskip("pypdfium2")

_PITCH = 22  # a row's height, pt


def _open_table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], edges: list[float],
                wrapped: dict[int, tuple[str, str]] | None = None) -> bytes:
    """A page with ``title`` and a table drawn as government reports draw it: a rule above and below the header
    and one at the bottom, across the whole width (``edges[0]`` to ``edges[-1]``), vertical rules only between
    the columns (none at the two outer edges), no rule between rows.  ``wrapped``: row index -> (first, second)
    line of its name, printed above and below the row's figures."""
    top = 760.0
    ops = [_text(edges[0], top + 40, title, 12), _text(edges[-1] - 60, top + 8, "单位：万元")]
    body_top = top - _PITCH
    bottom = body_top - _PITCH * len(rows) - 6
    for y in (top, body_top, bottom):
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (edges[0], y, edges[-1], y))
    for x in edges[1:-1]:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, bottom))
    for left, cell in zip(edges, header):
        ops.append(_text(left + 3, top - 15, cell))
    for k, row in enumerate(rows):
        y = body_top - _PITCH * k - 15
        for index, (left, right, cell) in enumerate(zip(edges, edges[1:], row)):
            if wrapped and k in wrapped and index == 1:
                first, second = wrapped[k]
                ops.append(_text(left + 3, y + 6, first))
                ops.append(_text(left + 3, y - 6, second))
                continue
            if not cell:
                continue
            figure = cell.replace(",", "").replace(".", "").replace("-", "").isdigit() and index > 0
            x = right - 4 - 4.6 * len(cell) if figure else left + 3
            ops.append(_text(x, y, cell))
    return b"0.5 w\n" + b"\n".join(ops)


_COVER = _cover("关于2024年预算执行情况和2025年预算草案的报告", "2025年1月")


def test_a_table_open_at_its_sides_is_read_with_its_outer_columns(tmp_path):
    """The code column left of the first vertical rule and the percentage right of the last are columns too:
    the rules above and below the rows reach there (an open-sided table)."""
    rows = [("101", "一、税收收入", "13,690,843", "14,097,587", "3.0"),
            ("10101", "增值税", "5,443,160", "5,381,748", "-1.1"),
            ("10104", "企业所得税", "8,247,683", "8,715,839", "5.7")]
    page = _open_table("表一：2024年某区一般公共预算收入完成情况表", ("科目编码", "项目", "2023年决算数", "2024年完成数", "增长%"),
                       rows, [40, 90, 290, 380, 470, 556])
    doc = govclass.read(_pdf(tmp_path, [_COVER, page]))
    (table,) = doc.tables
    assert [ln.code for ln in table.lines] == ["101", "10101", "10104"]
    assert table.lines[1].cells["2024年完成数"].value == 5381748
    assert any("%" in c or "增长" in c for c in table.columns)  # the percentage column is read (never summed)
    assert govclass.validate(doc).ok


def test_rows_without_rules_between_them_are_rows_whatever_their_figures(tmp_path):
    """A band with no rule between its rows is cut at every row: rows whose figures are whole numbers (460, no
    decimals, no separator under 1,000), a coded row that prints no figure (10118 耕地占用税), and the total printed
    by its budget's name after them (一般公共预算收入): none of them is joined to the row above."""
    rows = [("101", "一、税收收入", "1,126,881", "4,502,000"),
            ("10101", "增值税", "39,268", "2,115,000"),
            ("10110", "房产税", "460", ""),
            ("10118", "耕地占用税", "", ""),
            ("10119", "契税", "2", ""),
            ("10199", "其他税收收入", "", "2,387,000"),
            ("", "一般公共预算收入", "1,126,881", "4,502,000")]
    page = _open_table("表十七：2025年某区本级一般公共预算收入预算表", ("科目编码", "项目", "2024年完成数", "2025年预算数"),
                       rows, [40, 90, 290, 400, 510])
    doc = govclass.read(_pdf(tmp_path, [_COVER, page]))
    (table,) = doc.tables
    assert [ln.code for ln in table.lines[:-1]] == [r[0] for r in rows[:-1]]
    assert [ln.name for ln in table.lines[3:5]] == ["耕地占用税", "契税"]
    assert table.lines[2].cells["2024年完成数"].value == 460 and table.lines[3].cells["2024年完成数"].raw is None
    last = table.lines[-1]
    assert last.total and last.code is None and last.name == "一般公共预算收入"  # the table's total, by its budget
    report = govclass.validate(doc)
    assert report.ok, [(f.rule, f.message) for f in report.findings if f.severity == "error"]
    assert not report.by_rule("unread-line")


def test_a_row_named_on_two_lines_round_its_figures_stays_one_row(tmp_path):
    """A name wrapped over two lines with the figures between them, with its code on the figures' line
    (22904 | 6,473,407), is one row; so is a row of projects by name only (no code), its figures centred."""
    rows = [("229", "十一、其他支出", "6,710,044", "3,806,686"),
            ("22904", "", "6,710,044", "3,806,686"),
            ("", "政府性基金支出", "6,710,044", "3,806,686")]
    page = _open_table("表二：2024年某区政府性基金预算支出完成情况表", ("科目编码", "项目", "2023年决算数", "2024年完成数"),
                       rows, [40, 90, 290, 400, 510],
                       wrapped={1: ("其他政府性基金及对应专项债务", "收入安排的支出")})
    doc = govclass.read(_pdf(tmp_path, [_COVER, page]))
    (table,) = doc.tables
    assert [ln.code for ln in table.lines] == ["229", "22904", None]
    assert table.lines[1].name == "其他政府性基金及对应专项债务收入安排的支出"
    assert table.lines[1].cells["2023年决算数"].value == 6710044
    assert govclass.validate(doc).ok


def test_projects_by_region_without_codes_or_rules_are_a_row_each(tmp_path):
    """A table of projects by region (no codes, no rule between rows, names wrapped round their figures): each
    line of figures is a row, and no cell holds two rows' figures."""
    rows = [("", "提前下达老年人补助资金预算", "13,900", "1,274", "1,844"),
            ("", "提前下达残疾人福利项目预算", "400", "", "400"),
            ("", "提前下达儿童福利项目预算", "2,238", "560", "")]
    wrapped = {0: ("提前下达老年人生活", "补助资金预算"), 2: ("提前下达儿童福利", "基本建设项目预算")}
    page = _open_table("表十四：2025年某区对各地转移支付预算表（分项目、分地州）", ("", "项目名称", "合计", "甲市", "乙州"),
                       rows, [40, 60, 290, 360, 430, 500], wrapped=wrapped)
    doc = govclass.read(_pdf(tmp_path, [_COVER, page]))
    lines = [ln for t in doc.tables for ln in t.lines]
    assert [ln.cells["合计"].raw for ln in lines] == ["13,900", "400", "2,238"]
    assert not govclass.validate(doc).by_rule("invalid-amount")


def test_two_figures_in_one_cell_are_never_one_number():
    """Two rows read into one cell (460,451 over 21,796,872) are two figures: an invalid cell, never the number
    46,045,121,796,872.  A figure printed with spaces in it (809. 97, 1 234.56) is still one figure."""
    assert parse_amount("460,451 21,796,872").value is None
    assert parse_amount("12.5 3.4").value is None
    assert parse_amount("809. 97").value == parse_amount("809.97").value
    assert parse_amount("1 234.56").value == parse_amount("1234.56").value


def test_a_names_last_characters_printed_past_its_cell_go_back_to_the_name(tmp_path):
    """国有土地使用权出让收入对应专项债务 | 收 6,360,359: the name's last character printed into the figure's cell is
    the name's, and the figure a figure (not an invalid amount)."""
    rows = [("212", "五、城乡社区支出", "6,360,359", "6,400,000"), ("21219", "国有土地使用权出让收入对应专项债务", "", "6,400,000")]
    page = _open_table("表十一：2025年某区政府性基金预算支出预算表", ("科目编码", "项目", "2024年完成数", "2025年预算数"),
                       rows, [40, 90, 250, 400, 510])
    page += b"\n" + _text(251, 760 - _PITCH - _PITCH - 15, "收") + b"\n" + _text(400 - 4 - 4.6 * 9, 760 - _PITCH * 2 - 15,
                                                                                  "6,360,359")
    doc = govclass.read(_pdf(tmp_path, [_COVER, page]))
    (table,) = doc.tables
    line = table.lines[1]
    assert line.name == "国有土地使用权出让收入对应专项债务收" and line.cells["2024年完成数"].value == 6360359
    assert not govclass.validate(doc).by_rule("invalid-amount")


def _boxed(title: str, rows: list[tuple[str, str, str]], edges: list[float], inset: float = 5,
           open_top: bool = False) -> bytes:
    """A ruled table of three columns whose header cells, and the first row's figure, carry an inner box drawn
    ``inset`` points inside their rules (a word processor's cell shading), as Jiangsu's 2017 budgets print them.  ``open_top``: the first body
    row stands above the table's first horizontal rule, its vertical rules running up past it (a table going on
    from the page before)."""
    top = 700.0
    ops = [_text(edges[0], top + 60, title, 12)]
    n = len(rows)
    first = top - _PITCH if open_top else top  # the first horizontal rule drawn
    ys = [top - _PITCH * k for k in range(n + 1)]
    for y in ys:
        if y <= first:
            ops.append(b"%.1f %.1f m %.1f %.1f l S" % (edges[0], y, edges[-1], y))
    for x in edges:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, ys[-1]))
    if not open_top:  # the header's cells, each with its inner box, and the first row's figure with one too
        for left, right in zip(edges, edges[1:]):
            ops.append(b"%.1f %.1f %.1f %.1f re S" % (left + inset, ys[1] + 2, right - left - 2 * inset, _PITCH - 4))
        left, right = edges[-2], edges[-1]
        ops.append(b"%.1f %.1f %.1f %.1f re S" % (left + inset, ys[2] + 2, right - left - 2 * inset, _PITCH - 4))
    for k, row in enumerate(rows):
        y = top - _PITCH * k - 15
        for index, (left, right, cell) in enumerate(zip(edges, edges[1:], row)):
            if cell:
                figure = index == 2 and k > (0 if not open_top else -1)
                ops.append(_text(right - 4 - 4.6 * len(cell) if figure else left + 8, y, cell))
    return b"0.5 w\n" + b"\n".join(ops)


def test_a_cells_inner_box_makes_no_column_of_its_own(tmp_path):
    """Cells drawn with an inner box a few points inside their rules: the slivers between the box and the rule
    hold nothing and are no columns, so every row's figure stands in the one 金额 column and the rows are read."""
    rows = [("科目编码", "科目名称", "金额"), ("301", "工资福利支出", "7,687.65"), ("30101", "基本工资", "2,509.00"),
            ("30102", "津贴补贴", "5,178.65")]
    page = _boxed("六、2017年度某单位部门财政拨款基本支出预算表", rows, [62, 211, 402, 537])
    doc = govclass.read(_pdf(tmp_path, [_cover("2017年度某单位部门预算"), page]))
    (table,) = doc.tables
    assert [ln.code for ln in table.lines] == ["301", "30101", "30102"]
    (column,) = table.columns  # one column of figures (its standard name), no sliver beside it
    assert [str(ln.cells[column].value) for ln in table.lines] == ["7687.65", "2509.00", "5178.65"]
    report = govclass.validate(doc)
    assert not report.by_rule("unread-line") and not report.by_rule("unreadable-table")


def test_a_first_row_above_the_first_rule_is_a_row(tmp_path):
    """A table going on from the page before, whose first row has no rule above it (its vertical rules run up past
    the first horizontal rule): that row is read with the others, not left unread."""
    header = ("科目编码", "科目名称", "金额")
    first_page = _boxed("五、2017年度某单位部门财政拨款支出预算表", [header, ("221", "住房保障支出", "2,989.14"),
                                                          ("22102", "住房改革支出", "2,989.14")], [62, 211, 402, 537])
    rest = _boxed("", [("2210201", "住房公积金", "1,029.15"), ("2210202", "提租补贴", "1,959.99")], [62, 211, 402, 537],
                  open_top=True)
    doc = govclass.read(_pdf(tmp_path, [_cover("2017年度某单位部门预算"), first_page, rest]))
    codes = [ln.code for t in doc.tables for ln in t.lines]
    assert codes == ["221", "22102", "2210201", "2210202"]
    assert not govclass.validate(doc).by_rule("unread-line")
