"""The census counts what a person would count (issue 23, family 2): a code starts its row or stands
in a column of codes, and is a code of some classification (functional, economic, revenue) of the
catalog; an amount is never a code, and uncoded rows are not coded rows.  Every family of false
coded rows found on the government reports of ../shared/realdocs is drawn here as a small PDF, with
its twin: the same layout where the number is a code, counted."""

from __future__ import annotations

import pytest

import govclass
from pdfdraw import Page, pdf, ruled

pytest.importorskip("pypdfium2")

from govclass.readers.pdf.census import catalogued_codes, census  # noqa: E402
from govclass.readers.pdf.pages import pdf_pages  # noqa: E402


def _write(tmp_path, *pages: Page) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf(list(pages)))
    return str(path)


def _census(tmp_path, *pages: Page) -> list[str]:
    """The codes the census counts on the drawn pages, with the catalog of 2026."""
    return [row.code for row in census(pdf_pages(_write(tmp_path, *pages)), catalogued_codes(2026))]


def _unread(tmp_path, *pages: Page) -> list[str]:
    """The rows validate() reports as coded rows not read (unread-line), as printed."""
    report = govclass.validate(_write(tmp_path, *pages))
    return [f.text for f in report.by_rule("unread-line")]


def _lines(*lines: tuple[float, str], top: float = 760) -> Page:
    """Lines of text, one under the other, each at its x."""
    return Page(words=[(150, 800, "2026年市本级一般公共预算支出表"), (450, 780, "单位：万元")] +
                [(x, top - 20 * k, text) for k, (x, text) in enumerate(lines)])


# -- an amount is never a code ---------------------------------------------------------------

def test_a_five_digit_amount_alone_in_its_column_is_no_code(tmp_path):
    """24487 万元 printed alone on its line, in the column of the amounts (Wuzhong p.123): no row."""
    page = _lines((50, "212 城乡社区支出 40247"), (50, "21208 国有土地使用权出让收入安排的支出"),
                  (400, "24487"), (50, "2120801 征地和拆迁补偿支出 3315"))
    assert _census(tmp_path, page) == ["212", "21208", "2120801"]


def test_twin_a_code_alone_in_the_column_of_codes_is_counted(tmp_path):
    """The twin: a 项 printed alone where the codes stand (its name wrapped onto the lines around it)."""
    page = _lines((50, "212 城乡社区支出 40247"), (50, "21208 国有土地使用权出让收入安排的支出"),
                  (50, "2120801"), (50, "2120802 土地开发支出 700"))
    assert _census(tmp_path, page) == ["212", "21208", "2120801", "2120802"]


def test_a_number_of_a_codes_shape_the_catalog_lacks_is_no_code(tmp_path):
    """15063 before a project's name (an amount in a 明细 column, Wuzhong p.78) is no code: the
    catalog has no 15063; 10306 before its name is one."""
    assert _census(tmp_path, _lines((300, "15063 历年固定补助基数"), (300, "10306 国有资本经营收入 585"))) == ["10306"]


def test_a_class_shaped_amount_at_the_end_of_a_named_row_is_its_figure(tmp_path):
    """2010105 人大立法 220 (Heilongjiang p.29): the 220 is the row's amount, not a panel's 类."""
    page = _lines((50, "20101 人大事务 76,127"), (50, "2010105 人大立法 220"), (50, "2010106 人大监督 262"))
    assert _census(tmp_path, page) == ["20101", "2010105", "2010106"]


def test_twin_a_panels_class_beside_a_named_row_is_counted(tmp_path):
    """The twin: on a page of panels side by side (人员经费 | 公用经费, each code with its name), a
    panel's 类 printed with no name beside a row is a row of its own."""
    page = _lines((50, "30101 基本工资 262.33 30201 办公费 12.00"), (50, "30108 机关事业单位基本养老保险缴费 302"),
                  (50, "30102 津贴补贴 100.00 30205 水费 3.00"))
    assert _census(tmp_path, page) == ["30101", "30201", "30108", "302", "30102", "30205"]


def test_a_catalogued_class_before_a_name_of_another_family_is_an_amount(tmp_path):
    """510 市政设施维修费 (Wuzhong p.126, a project of 510 万元): 510 is a 类 of the economic
    classification, 对社会保障基金补助, whose family has no such name; 501 机关工资福利支出 is a row."""
    assert _census(tmp_path, _lines((300, "510 市政设施维修费"), (50, "501 机关工资福利支出 58867"))) == ["501"]


def test_codes_heading_columns_are_no_rows(tmp_path):
    """A table whose columns are headed by the codes they are paid from (Wuzhong p.155, 2101202 over
    its column): codes with neither name nor figure, each alone in its column, are no rows."""
    page = _lines((300, "2101202"), (200, "2082601 2082602 2080507"), (100, "2101201 财政对城 2082702 2082701"),
                  (50, "本年预算安排 140840 8500 9155"))
    assert _census(tmp_path, page) == []


def test_twin_codes_alone_in_a_column_of_codes_are_rows(tmp_path):
    """The twin: codes one under the other, their names printed on the lines between (as Shanghai's
    决算 prints them), are rows."""
    page = _lines((50, "2080505"), (120, "机关事业单位基本养老保险缴费支出"), (50, "2080506"), (120, "职业年金缴费支出"))
    assert _census(tmp_path, page) == ["2080505", "2080506"]


# -- uncoded rows are not coded rows ----------------------------------------------------------

def test_a_part_alone_right_of_every_code_is_a_figure(tmp_path):
    """81 选调生到村任职补助资金 (Wuzhong p.78-83): an amount before a project's name, far right of
    the page's codes, is no 款 under a 类 above."""
    page = _lines((50, "2013812 药品事务 9"), (300, "81 选调生到村任职补助资金"), (300, "24 文化人才专项经费"))
    assert _census(tmp_path, page) == ["2013812"]


def test_twin_parts_indented_under_their_class_are_rows(tmp_path):
    """The twin: 类, 款 and 项 on lines of their own, each indented a little (Yantai)."""
    page = _lines((50, "201 一般公共服务支出 2,731.79"), (72, "08 审计事务 2,731.79"), (94, "01 行政运行 1,535.86"))
    assert _census(tmp_path, page) == ["201", "08", "01"]


def _table(*rows: list[str], header=("项目", "上年执行数", "预算数", "增长%")) -> Page:
    page = Page(words=[(150, 800, "2026年市本级国有资本经营预算收入表"), (450, 780, "单位：万元")])
    return page.add(ruled([50, 250, 330, 410, 490], 770, [list(header), *map(list, rows)], right={1, 2, 3}))


@pytest.mark.parametrize("row", [
    ["收入合计", "2780860", "3099939", "11.5"],  # a 7-digit amount in 万元 beside a total (Wuzhong p.33)
    ["运输企业利润收入", "117", "480", "410.3"],  # a revenue item by name, its first figure of three digits
    ["哈尔滨市", "16333236", "1846228", "3.4"],  # a row of a region (Heilongjiang p.61)
    ["一、一般公共服务支出", "201", "157", "-21.9"],  # a 类 named and numbered 一、, no code printed
])
def test_a_row_that_prints_no_code_is_no_coded_row(tmp_path, row):
    """Rows by name whose figures have a code's digits (a 类's three, a 项's seven) are no coded
    rows: no unread-line (Heilongjiang: 190 such errors before)."""
    assert _unread(tmp_path, _table(["合计", "3099939", "3100000", "0.1"], row)) == []
    assert _census(tmp_path, _table(row)) == []


def test_twin_a_row_that_starts_with_its_code_is_a_coded_row(tmp_path):
    """The twin: the same table with a code starting a row: the census counts it, and the table
    is read as a coded table (the row's line carries its code)."""
    from govclass.readers import read_document
    from govclass.validation import prove

    page = _table(["收入合计", "2780860", "3099939", "11.5"], ["10306 国有资本经营收入", "117", "480", "410.3"])
    assert _census(tmp_path, page) == ["10306"]
    doc = prove(read_document(_write(tmp_path, page)))
    assert doc.coverage == {"coded_lines_printed": 1, "coded_lines_read": 1}
    assert [ln.code for t in doc.tables for ln in t.lines if ln.code] == ["10306"]


# -- a column of codes printed as plain numbers beside whole amounts ----------------------------

def _economic(*rows: list[str]) -> Page:
    page = Page(words=[(120, 800, "2026年市本级一般公共预算基本支出经济分类科目表"), (450, 780, "单位：万元")])
    return page.add(ruled([50, 170, 330, 430], 770, [["政府经济分类科目", "科目名称", "金额"], ["", "合计", "160295"],
                                                     *map(list, rows)], right={2}))


def test_a_column_of_catalogued_codes_is_read_as_codes_beside_whole_amounts(tmp_path):
    """A government report prints its codes and its amounts alike, as whole numbers (501 | 机关工资
    福利支出 | 58867, Wuzhong p.74): the column headed 科目 whose numbers are codes of the catalog is
    the code column, and the table is read, not set aside with every row an unread-line."""
    from govclass.readers import read_document

    page = _economic(["501", "机关工资福利支出", "58867"], ["50101", "工资奖金津补贴", "42614"],
                     ["50102", "社会保障缴费", "16253"], ["505", "对事业单位经常性补助", "101428"],
                     ["50501", "工资福利支出", "101428"])
    assert _unread(tmp_path, page) == []
    (table,) = read_document(_write(tmp_path, page)).tables
    assert [(ln.code, str(ln.cells["金额"].value)) for ln in table.lines if ln.code] == [
        ("501", "58867"), ("50101", "42614"), ("50102", "16253"), ("505", "101428"), ("50501", "101428")]


def test_twin_a_column_of_numbers_the_catalog_lacks_is_no_code_column(tmp_path):
    """The twin: the same column printing numbers the catalog lacks (amounts headed 科目 by a
    careless header) stays a column of figures: no line is read with one of them as its code."""
    from govclass.readers import read_document

    page = _economic(["5811", "机关工资福利支出", "58867"], ["6734", "工资奖金津补贴", "42614"],
                     ["5229", "社会保障缴费", "16253"])
    doc = read_document(_write(tmp_path, page))
    assert not [ln.code for t in doc.tables for ln in t.lines if ln.code]


def test_a_class_alone_counts_only_in_the_column_of_the_codes(tmp_path):
    """A 类 printed with no name (its name on the line below) counts only where the named rows'
    codes stand, within census_same_column (2 pt): the same 207 a few points right of that column is
    a figure of another column."""
    def page(x: float) -> Page:
        return _lines((50, "205 教育支出 1,000.00"), (50, "20501 教育管理事务 1,000.00"), (x, "207"),
                      (80, "文化旅游体育与传媒支出"))
    assert _census(tmp_path, page(50.5)) == ["205", "20501", "207"]
    assert _census(tmp_path, page(58)) == ["205", "20501"]
