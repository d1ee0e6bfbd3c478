"""The geometry PDF reader on real published disclosures (../shared/realdocs).

Counts per document were measured with govclass.readers.pdf and the sampled lines
read against the rendered pages (pdftoppm) by a person.  Skipped when the
documents are absent, unless GOVCLASS_REQUIRE_SEEDS=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")

import govclass  # noqa: E402 - govclass.read: a document as the validator reads it (a PDF's reading proven)
from govclass.catalog.store import available_years  # noqa: E402
from govclass.validation import validate  # noqa: E402
from conftest import realdoc_path as _path  # noqa: E402

# name: (coded lines printed, coded lines read), as govclass.readers.pdf counts them
COVERAGE = {
    "sh-final-account-template": (80, 80),
    "sh-putuo-finance-2024-final": (121, 121),
    "sh-putuo-finance-2025-dept-budget": (86, 86),
    "sh-putuo-govoffice-2025-unit-budget": (89, 89),
    "sh-putuo-planning-2024-final": (137, 137),
    "sh-putuo-wanli-2024-dept-budget": (229, 229),
    "sh-putuo-welfarehome-2024-unit-budget": (68, 68),
    "beijing-audit-2026-dept-budget-tables": (131, 131),
    "beijing-hrss-2026-dept-budget": (444, 444),
    "changsha-petitions-2026-dept-budget": (41, 41),
    "chongqing-publicity-2026-dept-budget": (175, 175),
    "fuzhou-police-patrol-2026-unit-budget": (146, 146),
    "guangzhou-govoffice-2026-dept-budget": (100, 100),
    "guangzhou-justice-2026-dept-budget": (185, 185),
    "huzhou-finance-2026-dept-budget": (77, 77),
    "nat-petitions-2024-dept-final": (153, 153),
    "shenzhen-justice-2026-dept-budget": (93, 93),
    "shenzhen-ndrc-2026-dept-budget": (106, 106),
    "suzhou-audit-2026-dept-budget": (115, 115),
    "wuxi-statistics-2026-dept-budget": (107, 107),
    "wuxi-transport-2026-budget": (156, 156),
    "xian-emergency-dept-budget": (333, 333),
    "xian-finance-2026-dept-budget": (200, 200),
    "yantai-audit-2026-dept-budget": (145, 145),
    "yantai-finance-2026-dept-budget": (153, 153),
}

# The errors still reported are each read against the page image in the precision record
# (tests/fixtures/verdicts, held by tests/test_verdicts.py), not counted again here.


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_coded_lines_printed_and_read(realdocs, name):
    doc = govclass.read(str(_path(realdocs, name)))
    assert doc.format == "pdf"
    printed, read = COVERAGE[name]
    assert doc.coverage == {"coded_lines_printed": printed, "coded_lines_read": read}
    report = validate(doc)
    unread = report.by_rule("unread-line")
    assert len(unread) == printed - read
    assert all(f.page is not None and f.text for f in unread)
    if printed != read:  # fail closed: unread coded lines never pass
        assert not report.ok
    if doc.year is not None and doc.year not in available_years():
        assert report.by_rule("edition-fallback")


def _line(doc, page, code):
    for t in doc.tables:
        for ln in t.lines:
            if ln.page == page and ln.code == code:
                return t, ln
    raise AssertionError(f"{code} not read on page {page}")


# Read against the page images: (document, page, code, name, {column: figure or None for a blank})
SAMPLES = [
    # Shanghai: 类 / 款 / 项 in columns of their own ("201 | 03 | 01"); blank 事业收入 stays blank
    ("sh-putuo-govoffice-2025-unit-budget", 9, "2010301", "行政运行",
     {"合计": "12,029,501.84", "财政拨款收入": "12,029,501.84", "事业收入": None}),
    ("sh-putuo-govoffice-2025-unit-budget", 9, "2010399", "其他政府办公厅（室）及相关机构事务支出",
     {"合计": "20,120,000.00"}),
    # Yantai: 款 and 项 printed without their 类 (blank 类 cell), a rotated page
    ("yantai-finance-2026-dept-budget", 11, "2010601", "行政运行",
     {"合计": "2,990.74", "财政拨款收入": "2,990.74", "一般公共预算收入": "2,990.74", "政府性基金预算收入": None}),
    # the welfare home prints "7 | 11 | 02" for 210 11 02 (a real misprint, read as printed)
    ("sh-putuo-welfarehome-2024-unit-budget", 9, "71102", "事业单位医疗", {"合计": "503,724"}),
    # Guangzhou: code and name in their own cells, a name wrapped in its cell
    ("guangzhou-justice-2026-dept-budget", 10, "2040608", "国家统一法律职业资格考试",
     {"合计": "578.92", "基本支出": "0.00", "项目支出": "578.92"}),
    ("guangzhou-justice-2026-dept-budget", 10, "20103", "政府办公厅（室）及相关机构事务",
     {"合计": "6.49", "基本支出": "6.49", "项目支出": "0.00"}),
    # a 决算 with 类/款/项 columns, the 合计 row under the 类 款 项 headings (收入决算表)
    ("sh-putuo-finance-2024-final", 8, "2010601", "行政运行",
     {"本年收入合计": "1,511.90", "财政拨款收入": "1,511.89", "上级补助收入": None, "其他收入": "0.01"}),
    # a name wrapped over two lines of its cell; a blank cell stays blank beside a printed 0.00
    ("sh-putuo-planning-2024-final", 10, "2080505", "机关事业单位基本养老保险缴费支出",
     {"本年支出合计": "446.11", "基本支出": "446.11", "项目支出": "0.00", "上缴上级支出": None}),
    # 公开06表: three panels side by side, read one after the other
    ("nat-petitions-2024-dept-final", 12, "30399", "其他对个人和家庭的补助", {"金额": "34.04"}),
    ("nat-petitions-2024-dept-final", 12, "30299", "其他商品和服务支出", {"金额": "484.52"}),
    # Fuzhou: the 项 that is printed under 20402 (the missing one is the real defect)
    ("fuzhou-police-patrol-2026-unit-budget", 10, "2040299", "其他公安支出",
     {"合计": "1,051.46", "基本支出": None, "项目支出": "1,051.46"}),
]


def test_three_codes_on_a_row_and_local_subitems(realdocs):
    """Beijing prints 功能 | 政府经济 | 部门经济 codes on one row (2080101-行政运行 50201-办公经费
    3021101-差旅费 164.400000, page 6, first on page 4): each code column is checked as codes and names, and
    3021101 is a local sub-item of 30211 差旅费, not an unknown code."""
    doc = govclass.read(str(_path(realdocs, "beijing-hrss-2026-dept-budget")))
    printed = {(ln.code, ln.name) for t in doc.tables for ln in t.lines}
    assert {("3021101", "差旅费"), ("2080101", "行政运行"), ("50201", "办公经费")} <= printed
    report = validate(doc)
    local = [f for f in report.by_rule("local-subitem") if f.code == "3021101"]
    assert local and local[0].expected == "30211" and local[0].severity == "info"
    assert not report.by_rule("unknown-code")


@pytest.mark.parametrize("name,page,code,line_name,figures", SAMPLES)
def test_sample_lines(realdocs, name, page, code, line_name, figures):
    doc = govclass.read(str(_path(realdocs, name)))
    table, ln = _line(doc, page, code)
    assert ln.name == line_name
    for column, raw in figures.items():
        assert ln.cells[column].raw == raw, (column, ln.cells[column])
    assert ln.text  # the row as printed


def test_known_real_defect_welfare_home(realdocs):
    """The welfare home renumbers economic codes locally (302 02 咨询费…)."""
    report = validate(govclass.read(str(_path(realdocs, "sh-putuo-welfarehome-2024-unit-budget"))))
    mism = {f.code: f.name for f in report.by_rule("name-mismatch")}
    assert mism.get("30202") == "咨询费" and mism.get("30301") == "退休费"


def test_edition_fallback_is_said(realdocs):
    """A real document of a year govclass has no edition of (its year moved to 2027, one past the newest) is
    checked against the nearest edition, and says so once, naming both years."""
    import attrs

    from govclass.catalog.store import available_years

    doc = govclass.read(str(_path(realdocs, "yantai-audit-2026-dept-budget")))
    assert 2027 not in available_years() and doc.year == 2026
    report = validate(attrs.evolve(doc, year=2027))
    fb = report.by_rule("edition-fallback")
    assert report.edition == max(available_years())
    assert len(fb) == 1 and fb[0].expected == "2027" and fb[0].actual == str(report.edition)


def test_year_kind_from_cover_not_narrative(realdocs):
    doc = govclass.read(str(_path(realdocs, "sh-putuo-finance-2024-final")))
    assert (doc.year, doc.kind) == (2024, "决算")
    doc = govclass.read(str(_path(realdocs, "sh-putuo-govoffice-2025-unit-budget")))
    assert (doc.year, doc.kind, doc.scope) == (2025, "预算", "单位")


def _reading(doc):
    """The coded tables' lines (a 收入总表 printed by unit gives a table of its 合计 line alone, read
    from the ruled grid only: not a coded table, so not part of this comparison)."""
    return [(ln.page, ln.code, ln.name, {c: v.raw for c, v in ln.cells.items()}) for t in doc.tables
            if any(ln.code for ln in t.lines) for ln in t.lines]


def _without_rules(pdfgrid):
    pages = pdfgrid.pdf_pages
    return lambda p: [page._replace(hrules=[], vrules=[]) for page in pages(p)]


@pytest.mark.parametrize("name", ["sh-putuo-govoffice-2025-unit-budget", "guangzhou-justice-2026-dept-budget"])
def test_tables_without_rules_read_by_alignment(realdocs, monkeypatch, name):
    """A PDF whose tables print no ruling lines is read by the text's alignment: every rule of
    a real document taken away, its coded lines read the same (code, name, each figure in its
    column) as with the rules.  Shanghai (类/款/项 in columns of their own, a two-tier header,
    columns blank on every row, a table going on over a page with no header) and Guangzhou
    (code and name apart, a heading wrapped over two lines around the others, a repeated
    header, headings centred over short right-aligned figures)."""
    import govclass.readers.pdf.reader as pdfgrid

    path = str(_path(realdocs, name))
    ruled = govclass.read(path)
    monkeypatch.setattr(pdfgrid, "pdf_pages", _without_rules(pdfgrid))
    bare = govclass.read(path)
    assert not any(p.hrules or p.vrules for p in pdfgrid.pdf_pages(path))
    assert bare.coverage == ruled.coverage
    assert _reading(bare) == _reading(ruled)


def test_rows_without_rules_that_cannot_be_placed_never_pass(realdocs, monkeypatch):
    """Fail closed: what the alignment does not place (Xi'an 2019, rules hidden: a budget unit's
    number 125 heading its section reads as a coded row and is not placed) is counted and
    reported as unread (page and text), so the document cannot exit 0."""
    import govclass.readers.pdf.reader as pdfgrid

    monkeypatch.setattr(pdfgrid, "pdf_pages", _without_rules(pdfgrid))
    doc = govclass.read(str(_path(realdocs, "xian-emergency-dept-budget")))
    report = validate(doc)
    unread = report.by_rule("unread-line")
    printed, read = doc.coverage["coded_lines_printed"], doc.coverage["coded_lines_read"]
    assert read < printed and len(unread) == printed - read and not report.ok
    assert all(f.page is not None and f.text for f in unread)


def test_edition_fallback_is_never_silent():
    """A document of a year govclass has no edition for, or with no year at all (a PDF that
    prints none), says which edition it was checked against."""
    from govclass.document import Document

    later = max(available_years()) + 4
    report = validate(Document((), later, coverage={"coded_lines_printed": 0, "coded_lines_read": 0}))
    (fb,) = report.by_rule("edition-fallback")
    assert fb.expected == str(later) and fb.actual == str(report.edition) and report.edition != later
    report = validate(Document((), None, coverage={"coded_lines_printed": 0, "coded_lines_read": 0}))
    (fb,) = report.by_rule("edition-fallback")
    assert fb.actual == str(report.edition) and "no fiscal year" in fb.message


def test_a_pdf_extracts_to_a_valid_json_document(realdocs):
    """`extract` of a PDF is a JSON document that passes the schema and keeps pages, printed
    text and coverage; validating it gives the same table findings."""
    from govclass.document import Document, check_schema

    doc = govclass.read(str(_path(realdocs, "beijing-hrss-2026-dept-budget")))  # with code-list tables
    data = doc.to_dict()
    assert check_schema(data) == []
    back = Document.from_dict(data)
    assert back.coverage == doc.coverage
    assert [(ln.page, ln.text) for t in back.tables for ln in t.lines] == \
        [(ln.page, ln.text) for t in doc.tables for ln in t.lines]
    table_rules = {"unknown-code", "name-mismatch", "duplicate-line", "rollup-mismatch", "column-mismatch"}
    assert [f for f in validate(back).findings if f.rule in table_rules] == \
        [f for f in validate(doc).findings if f.rule in table_rules]


def test_rows_without_rules_between_them(realdocs, monkeypatch):
    """A table that draws no rule between some of its rows: each text line that starts with a
    code and prints a figure is a row of its own, so the reading does not change when every
    other row rule of a real document is taken away."""
    import govclass.readers.pdf.reader as pdfgrid
    from govclass.readers.pdf.grids import BAND_ROW
    from govclass.readers.pdf.pages import text_lines

    path = str(_path(realdocs, "sh-putuo-govoffice-2025-unit-budget"))
    whole = [(ln.page, ln.code, ln.name, {c: v.raw for c, v in ln.cells.items()})
             for t in govclass.read(path).tables for ln in t.lines]
    pages = pdfgrid.pdf_pages

    removed = []

    def fewer_rules(p):
        out = []
        for page in pages(p):
            rows = [ln.y for ln in text_lines(page.chars) if BAND_ROW.match(ln.text)]
            first = min(rows, default=page.height)  # the first row that starts with a code: the body begins
            ys = sorted({round(r.at) for r in page.hrules if r.at > first})
            body = set(ys[:-1:2])  # every other rule between body rows (the last one kept)
            kept = [r for r in page.hrules if round(r.at) not in body]
            removed.append(len(page.hrules) - len(kept))
            out.append(page._replace(hrules=kept))
        return out

    monkeypatch.setattr(pdfgrid, "pdf_pages", fewer_rules)
    thinned = [(ln.page, ln.code, ln.name, {c: v.raw for c, v in ln.cells.items()})
               for t in govclass.read(path).tables for ln in t.lines]
    assert sum(removed) >= 30  # the test takes rules away
    assert thinned == whole


def test_flat_code_lists_said_once_per_table(realdocs):
    """Beijing's 支出总表 and 基本支出 tables print only 项 codes (预算03表, page 4, read against the page image): one
    flat-code-list (info) per table instead of a missing-parent warning per group (103 before);
    the welfare home's tables print some parents and keep missing-parent."""
    report = validate(govclass.read(str(_path(realdocs, "beijing-hrss-2026-dept-budget"))))
    flat = report.by_rule("flat-code-list")
    assert flat and all(f.severity == "info" and f.page for f in flat)
    assert len({f.table for f in flat}) == len(flat)
    assert len(report.by_rule("missing-parent")) <= 1  # a run of one group of a list that restarts
    report = validate(govclass.read(str(_path(realdocs, "sh-putuo-welfarehome-2024-unit-budget"))))
    assert report.by_rule("missing-parent") and not report.by_rule("flat-code-list")


def test_one_misprint_one_finding_welfare_home(realdocs):
    """The welfare home prints "7 | 11 | 02" for 210 11 02 (pages 9 and 11, read against the page
    images) while its 收入预算总表 prints 2101102: the misprint is an unknown-code where it is printed,
    and the income/expenditure comparison pairs the two codes (same name, same 款/项 digits) instead
    of two one-sided cross-code findings.  Its statements print 类 210 under the retired name
    医疗卫生与计划生育支出 (pages 7 and 10) with the figures of the detailed tables (503,724 both): the old name is a
    warning (narrative-name on the label, as name-variant in a coded table), and the figures agree, so no
    cross-class error (one fact, one severity wherever it is printed)."""
    report = validate(govclass.read(str(_path(realdocs, "sh-putuo-welfarehome-2024-unit-budget"))))
    assert not report.by_rule("cross-code")
    assert sorted(f.page for f in report.by_rule("unknown-code") if f.code == "71102") == [9, 11]
    assert not report.by_rule("cross-class")
    old_name = [f for f in report.findings if "医疗卫生与计划生育支出" in (f.message or "")]
    assert {f.page for f in old_name} >= {7, 10} and {f.severity for f in old_name} == {"warning"}


def test_one_gap_one_finding_fuzhou(realdocs):
    """Fuzhou (pp. 10 and 12, read against the page images): 20402 公安 prints 7,927.40 | 6,556.70 | 1,370.70,
    its 项 2040201 6,556.70 | 6,556.70 | blank and 2040299 1,051.46 | blank | 1,051.46.  合计 and 项目支出 both
    miss 319.24: one rollup-mismatch per table that names the blank 项目支出 of 2040201.  The p. 12 table
    (一般公共预算拨款支出预算表, 小计 | 其中: 基本支出 | 项目支出) is the 一般公共预算支出表, and its 其中 columns
    add up to its 小计 on every line: a relation checked."""
    doc = govclass.read(str(_path(realdocs, "fuzhou-police-patrol-2026-unit-budget")))
    gpb = next(t for t in doc.tables if t.kind == "gpb-expenditure")
    assert gpb.lines[0].page == 12 and any(r.total == "合计" and set(r.parts) == {"基本支出", "项目支出"}
                                          for r in gpb.relations)
    report = validate(doc)
    assert not report.by_rule("incomplete-sum")
    gaps = report.by_rule("rollup-mismatch")
    assert sorted(f.page for f in gaps) == [10, 12]
    assert all(f.code == "20402" and f.column == "合计" and f.blank == ("2040201",) and str(f.difference) == "319.24"
               for f in gaps)


def _kinds(doc):
    return {t.kind: t for t in reversed(doc.tables) if t.kind}


def test_beijing_tables_identified_and_cross_checked(realdocs):
    """Beijing prints 预算02表 as one row of figures, 预算03表 and 预算06表 with two or three codes on a row
    (no amount column of their own per code) and 预算05表 unit after unit without the units.  Read against
    the pages: 02表 合计 134,133.328271 (p. 3), 03表 合计 131,905.904856 (p. 11), 05表 合计 123,259.799847 and
    基本支出 66,156.691126 (p. 18), 06表 合计 66,156.691126 (p. 21); 30101 基本工资 is printed in 06表 at
    3,720.582000 (p. 19, under 50101) and 3,987.777600 (p. 20, under 50501).  Each is now the standard
    table, so the cross-table identities run (and hold): none says a table is missing."""
    doc = govclass.read(str(_path(realdocs, "beijing-hrss-2026-dept-budget")))
    kinds = _kinds(doc)
    totals = {k: next(ln for ln in kinds[k].lines if ln.total) for k in
              ("income", "expenditure", "gpb-expenditure", "gpb-basic")}
    assert {k: (ln.page, ln.cells["合计"].raw) for k, ln in totals.items()} == {
        "income": (3, "134,133.328271"), "expenditure": (11, "131,905.904856"),
        "gpb-expenditure": (18, "123,259.799847"), "gpb-basic": (21, "66,156.691126")}
    # the economic code's figures: the sum of the rows that print it
    basic = coded = {ln.code: ln for ln in kinds["gpb-basic"].lines if ln.code}
    assert str(coded["30101"].cells["合计"].value) == "7708.359600" and coded["30101"].page == 19
    assert basic["3021101"].name == "差旅费"
    report = validate(doc)
    assert not report.by_rule("cross-total") and not report.by_rule("cross-class") and not report.by_rule("cross-basic")
    missing = [f.message for f in report.by_rule("insufficient-data") if f.sentence is None]
    assert not [m for m in missing if "missing or unreadable" in m or "no 合计 line" in m], missing
    # a change of the 合计 is found: the flat lists' totals are checked against their lines
    import attrs
    from govclass.document import parse_amount

    exp = kinds["expenditure"]
    off = attrs.evolve(exp, lines=tuple(ln._replace(cells={**ln.cells, "合计": parse_amount("131,906.904856")})
                                        if ln.total else ln for ln in exp.lines))
    bad = validate(attrs.evolve(doc, tables=tuple(off if t is exp else t for t in doc.tables)))
    assert [f.table for f in bad.by_rule("rollup-mismatch")] == [exp.name]


def test_a_list_that_starts_over_is_one_table_too(realdocs):
    """Beijing 预算05表 (pp. 14–18) lists its 16 budget units one after the other without naming them: the
    codes start over (2101103 行政单位医疗, then 2050305 高等职业教育, p. 14).  Each run is checked on its own
    (第N段), and the whole list is the 一般公共预算支出表 whose 合计 is checked against the runs."""
    doc = govclass.read(str(_path(realdocs, "beijing-hrss-2026-dept-budget")))
    runs = [t for t in doc.tables if "第" in t.name and "段" in t.name and "预算05表" in t.name]
    assert len(runs) == 16 and all(t.kind is None for t in runs)
    whole = _kinds(doc)["gpb-expenditure"]
    assert "段" not in whole.name and len({ln.code for ln in whole.lines if ln.code}) == \
        len({ln.code for t in runs for ln in t.lines if ln.code})
    report = validate(doc)
    assert len(report.by_rule("list-restarts")) == 1 and not report.by_rule("rollup-mismatch")


def test_units_as_sections_xian(realdocs):
    """Xi'an 2019 prints each budget unit's codes under a row that names it ("125001 西安市安全生产监督管理局
    2,080.32 972.99 98.88 1,008.45", p. 10, read against the page image): each unit is a table of its own
    whose heading row is its total (970.84 + 1,032.18 + 2.15 + 75.15 = 2,080.32), no uncoded-line; the
    tables by function and by economic classification are the 一般公共预算支出表 and 基本支出表."""
    doc = govclass.read(str(_path(realdocs, "xian-emergency-dept-budget")))
    unit = next(t for t in doc.tables if t.name.endswith("（西安市安全生产监督管理局）") and "经济" in t.name
                and "基本" not in t.name)
    head = unit.lines[0]
    assert head.total and head.page == 10 and head.cells["合计"].raw == "2,080.32"
    assert [(ln.code, ln.cells["合计"].raw) for ln in unit.lines if ln.code and len(ln.code) == 3] == \
        [("301", "970.84"), ("302", "1,032.18"), ("303", "2.15"), ("310", "75.15")]
    assert {"gpb-expenditure", "gpb-basic"} <= set(_kinds(doc))
    report = validate(doc)
    assert not report.by_rule("uncoded-line") and len(report.by_rule("unit-sections")) == 4
    assert not report.by_rule("rollup-mismatch")


@pytest.mark.parametrize("name,page,figures", [
    ("shenzhen-ndrc-2026-dept-budget", 37, ("149.76", "123.60", "16.16", "10.00", "0.00", "10.00")),
    ("shenzhen-justice-2026-dept-budget", 39, ("103.23", "80.00", "5.13", "18.10", "0.00", "18.10"))])
def test_shenzhen_sangong_table(realdocs, name, page, figures):
    """Shenzhen's 财政拨款“三公”经费支出表 (read against the page image): its title stands apart from the grid,
    each item is printed by source of funds (一般公共预算 | 政府性基金预算 | 国有资本经营预算), and the rows are
    2025 年, 2026 年 and 增减变化金额.  Read: the 2026 row, each item the sum of its funds."""
    doc = govclass.read(str(_path(realdocs, name)))
    (st,) = [s for s in doc.statements if s.kind == "three-public"]
    (item,) = st.items
    assert item.page == page and "2026" in item.label
    cols = ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行维护费小计", "公务用车购置", "公务用车运行维护费")
    assert tuple(item.cells[c].raw for c in cols) == figures
    assert not validate(doc).by_rule("sangong-identity")


def test_one_unit_row_is_the_total_shenzhen(realdocs):
    """Shenzhen's tables print no 合计 line but one row naming the department's one unit above every code
    ("深圳市发展和改革委员会（本级） 1,273,725.18", pp. 18, 30, 33): that row is the table's total."""
    doc = govclass.read(str(_path(realdocs, "shenzhen-ndrc-2026-dept-budget")))
    kinds = _kinds(doc)
    for k, page in (("expenditure", 18), ("gpb-expenditure", 30)):
        tot = next(ln for ln in kinds[k].lines if ln.total)
        assert (tot.page, tot.cells["合计"].raw) == (page, "1,273,725.18")
    report = validate(doc)
    assert not report.by_rule("uncoded-line")
    assert not [f for f in report.by_rule("insufficient-data") if f.sentence is None and "合计 line" in f.message]
