"""A table's caption drawn inside its ruled frame, the 收入总表 printed by
budget unit, and tables that print amounts but cannot be read
(govclass.readers.pdf: layout.py, statements.py).

Read against the rendered pages: Wuxi transport p. 15, Suzhou audit p. 10
and Wuxi statistics p. 9 print 公开 02 表, 收入总表 and the unit line as bands
inside the grid, then a row per unit under 合计; Shenzhen (p. 22 / p. 17) prints
the one unit's row and no 合计; Xi'an finance p. 26 heads the whole 部门预算/合计
(元); Xi'an 2019 (pp. 3–6) frames each title alone above its grid; Guangzhou justice pp. 25–28 prints 部门预算基本支出预算表 by unit and
economic class with no code."""

from __future__ import annotations

import attrs
import pytest

pytest.importorskip("pypdfium2")

from govclass.document import parse_amount  # noqa: E402
import govclass  # noqa: E402 - govclass.read: a document as the validator reads it (a PDF's reading proven)
from govclass.readers.pdf.grids import Band, Cellbox  # noqa: E402
from govclass.readers.pdf.layout import caption_bands as _caption_bands  # noqa: E402
from govclass.validation import validate  # noqa: E402
from conftest import realdoc_path as _path  # noqa: E402

# name: (title, page, the 合计 figure as printed, unit)
INCOME_BY_UNIT = {
    "wuxi-transport-2026-budget": ("收入总表", 15, "984,760.87", "万元"),
    "suzhou-audit-2026-dept-budget": ("收入总表", 10, "4,651.67", "万元"),
    "wuxi-statistics-2026-dept-budget": ("收入总表", 9, "3,210.10", "万元"),
    "shenzhen-justice-2026-dept-budget": ("收入总表", 22, "21,796.12", "万元"),
    "shenzhen-ndrc-2026-dept-budget": ("收入总表", 17, "1,273,725.18", "万元"),
    "xian-finance-2026-dept-budget": ("部门综合预算收入总表", 26, "303,312,586.17", "元"),
    # the title in a ruled frame of its own above the grid (and an empty frame drawn over it, p. 5)
    "xian-emergency-dept-budget": ("2019年部门综合预算收入总表", 4, "3,695.91", "万元"),
}


@pytest.mark.parametrize("name", sorted(INCOME_BY_UNIT))
def test_income_table_by_unit_is_read_and_cross_checked(realdocs, name):
    """The 收入总表 is the standard income table (its title, not 公开 02 表), its 合计 the printed whole, and
    the summary's 收入总计 is checked against it: the check runs and holds (both print the same figure)."""
    title, page, figure, unit = INCOME_BY_UNIT[name]
    doc = govclass.read(str(_path(realdocs, name)))
    (inc,) = [t for t in doc.tables if t.kind == "income"]
    assert (inc.name.replace(" ", ""), inc.unit) == (title, unit)
    assert [(ln.total, ln.page, ln.cells["合计"].raw) for ln in inc.lines] == [(True, page, figure)]
    report = validate(doc)
    said = [f.message for f in report.by_rule("insufficient-data") if "收支预算总表与部门收入总表" in f.message]
    assert not said and not report.by_rule("cross-total")
    # the check runs: another 合计 is found
    off = attrs.evolve(inc, lines=tuple(ln._replace(cells={"合计": parse_amount("1.00")}) for ln in inc.lines))
    bad = validate(attrs.evolve(doc, tables=tuple(off if t is inc else t for t in doc.tables)))
    assert any("收入总计" in f.message for f in bad.by_rule("cross-total"))


def _band(*texts: str, width: float = 800.0) -> Band:
    step = width / len(texts)
    return Band(0, 10, [Cellbox(k * step, (k + 1) * step, t) for k, t in enumerate(texts)])


def test_caption_bands_are_not_header_rows():
    bands = [_band("", ""), _band("公开 02 表"), _band("收入总表"), _band("单位：无锡市交通运输局（本级）", "单位：万元"),
             _band("", "", "本年收入", "上年结转结余"), _band("单位代码", "单位名称", "合计", "小计")]
    assert _caption_bands(bands, 800.0) == 4
    assert _caption_bands([_band("(2026年度)"), _band("部门名称", "总体资金情况(万元)")], 800.0) == 1
    assert _caption_bands([_band("金额单位：万元"), _band("预算01表"), _band("项目", "预算数")], 800.0) == 2
    # a header of periods, and a heading over some columns only, head columns
    assert _caption_bands([_band("", "", "2018年", "2019年", "增减变化情况")], 800.0) == 0
    assert _caption_bands([Band(0, 10, [Cellbox(0, 200, "项目"), Cellbox(200, 400, "预算执行情况")])], 800.0) == 0


def test_a_table_of_amounts_with_no_codes_is_read_by_name(realdocs):
    """Guangzhou justice 部门预算基本支出预算表 (pp. 25–28: a row per unit and per economic class, no code,
    合计 151,664.25) was reported unreadable; since issue 25 it is read by name (govclass.validation.rules
    .named): each unit against the class rows under it, the units against the 合计.  Read against page 25:
    广州市法律援助处 prints 1,543.36, its classes 1,278.42 + 116.34 + 148.61 = 1,543.37, one cent within the
    rounding of four figures."""
    doc = govclass.read(str(_path(realdocs, "guangzhou-justice-2026-dept-budget")))
    (table,) = [t for t in doc.tables if t.name == "部门预算基本支出预算表"]
    total = next(ln for ln in table.lines if ln.total)
    assert total.page == 25 and total.cells["总计"].raw == "151,664.25"
    assert {ln.page for ln in table.lines} == {25, 26, 27, 28}
    report = validate(doc)
    mine = [f for f in report.findings if f.table == "部门预算基本支出预算表"]
    assert not [f for f in mine if f.rule in ("unreadable-table", "unsummed-rows") or f.severity == "error"]
    legal_aid = [f for f in mine if f.name == "广州市法律援助处" and f.column == "总计"]
    assert [(f.rule, f.page, str(f.difference)) for f in legal_aid] == [("rounding-difference", 25, "-0.01")]


def test_framed_text_is_no_unreadable_table(realdocs):
    """Changsha frames paragraphs of its narrative (pp. 2–10) that the alignment reader takes for grids:
    text with no amount is no table, and is not reported as one."""
    report = validate(govclass.read(str(_path(realdocs, "changsha-petitions-2026-dept-budget"))))
    assert not report.by_rule("unreadable-table")


def test_a_total_row_alone_on_the_next_page_ends_its_table(realdocs):
    """Shanghai Wanli prints the 合计 of its 收入预算总表 alone at the top of p. 15 and of its 支出预算总表 at
    the top of p. 20, the 合计 cell merged over the code columns (read against the page images): each is the
    last row of its table, and the summary's totals are checked against it."""
    doc = govclass.read(str(_path(realdocs, "sh-putuo-wanli-2024-dept-budget")))
    totals = {t.kind: [(ln.page, ln.cells["合计"].raw) for ln in t.lines if ln.total] for t in doc.tables
              if t.kind in ("income", "expenditure")}
    assert totals == {"income": [(15, "156,211,123")], "expenditure": [(20, "156,211,123")]}
    report = validate(doc)
    assert not [f for f in report.by_rule("insufficient-data") if "no 合计 line" in f.message]
    assert not report.by_rule("unreadable-table") and not report.by_rule("cross-total")
