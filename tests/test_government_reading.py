"""Government-level budgets and final accounts (issue 26; the per-table edition of issue 24): the report's
form and year, each table's classification, budget, scope, year and column periods, rows by name matched to
codes, rows of regions, totals, tables printed side by side, and each table checked against its own year's
edition.

The documents are written by the tests: small PDFs drawn here (ruled tables, as the reports print them), a
workbook, JSON documents.  ../shared/realdocs/government is read by test_government_realdocs.py."""

from __future__ import annotations

import pytest

import govclass
from govclass.catalog import get_catalog
from govclass.document import Document, DocumentError, Line, Table, parse_amount
from govclass.readers import read_document
from govclass.readers.government import (NameMatcher, classification_of, column_periods, cover_form,
                                         document_form, finish_table, is_region_name, is_report_total, table_facts)
from conftest import pdf_file

# -- the words of a report ------------------------------------------------------------------------------


@pytest.mark.parametrize("cover, form, year", [
    ("2022年黑龙江省和省本级财政决算 2023年9月", "government-final", 2022),  # published the year after
    ("关于2025年全市及市本级预算执行情况和2026年全市及市本级预算草案的报告 ——2026年1月20日在…会议上",
     "government-budget", 2026),  # two years: the budget proposed
    ("2026年广州市本级政府预算公开", "government-budget", 2026),
    ("丽江市 2025年地方财政预算执行情况和2026年地方财政预算（草案）", "government-budget", 2026),
    ("2025年部门预算", None, None),
    ("2024年度部门决算", None, None),
    ("上海市普陀区财政局2025年单位预算", None, None),
])
def test_the_form_and_year_a_cover_names(cover, form, year):
    assert cover_form(cover) == (form, year)


def test_the_form_from_the_titles_when_no_cover_says_it():
    """Pages without text (a scanned cover): the tables' titles say it is a government's report."""
    titles = ["表一：2024年自治区一般公共预算收入完成情况表", "表十五：2025年自治区一般公共预算收入预算表",
              "表二：2025年自治区社会保险基金预算收入预算表"]
    assert document_form("", titles) == ("government-budget", 2025)
    final = ["2.3 2022年某省一般公共预算收入决算表", "2.11 2022年某省政府性基金收入决算表"]
    assert document_form("", final) == ("government-final", 2022)
    # a department prints its 一般公共预算支出表 and 政府性基金预算支出表 too: no government's report
    assert document_form("", ["一般公共预算支出表", "政府性基金预算支出表", "国有资本经营预算支出表"]) == (None, None)
    assert document_form("2026年某局部门预算", titles) == (None, None)  # a department's cover wins


@pytest.mark.parametrize("title, facts", [
    ("2.3 2022年黑龙江省一般公共预算收入决算表", ("gpb", "whole", 2022, "决算", "revenue")),
    ("3.17 2022年黑龙江省本级社会保险基金预算收入决算表", ("ssf", "本级", 2022, "决算", "revenue")),
    ("2025 年全市一般公共预算支出执行情况表", ("gpb", "whole", 2025, "执行", "expenditure")),
    ("2025 年市本级政府性基金预算收入执行情况表", ("gf", "本级", 2025, "执行", "revenue")),
    ("2026年广州市级国有资本经营预算支出表", ("soc", "本级", 2026, None, "expenditure")),
    ("表二十二：2025年自治区级一般公共预算收支预算表", ("gpb", "本级", 2025, "预算", "both")),
    ("表8 2026 年全市一般公共预算支出草案表", ("gpb", "whole", 2026, "预算", "expenditure")),
    ("表三：2024年自治区一般公共预算收支平衡表", ("gpb", "whole", 2024, None, "balance")),
    # two years named: the table says no year of its own (its columns say them)
    ("表一：2024年自治区社会保险基金预算执行情况和2025年预算安排平衡表", ("ssf", "whole", None, None, "balance")),
    ("2026 年市本级企业职工基本养老保险基金收支预算表", ("ssf", "本级", 2026, "预算", "both")),
    # a table of the transfers to a district: not the district's own money, nor the whole's
    ("2026 年提前下达利通区专项转移支付明细表", (None, None, 2026, None, "transfer")),
    ("一般性转移支付明细表", (None, None, None, None, "transfer")),
])
def test_a_tables_facts_are_what_its_title_says(title, facts):
    assert tuple(table_facts(title))[:5] == facts


def test_column_periods_from_the_headers_and_the_title():
    facts = table_facts("2026 年全市一般公共预算收入草案表")
    columns = ("2025年执行数", "2026年预算数", "比上年增减%", "上年决算数", "金额")
    assert column_periods(columns, columns, facts) == (
        (2025, "执行"), (2026, "预算"), None, (2025, "决算"), (2026, "预算"))
    final = table_facts("2.3 2022年某省一般公共预算收入决算表")
    cols = ("预算数", "调整预算数", "决算数", "完成调整预算数的%", "比上年(同比)+-%")
    assert column_periods(cols, cols, final) == ((2022, "预算"), (2022, "调整预算"), (2022, "决算"), None, None)
    # a title that says neither year nor measure: a column that says neither has no period
    assert column_periods(("合计",), ("合计",), table_facts("一般性转移支付明细表")) is None


@pytest.mark.parametrize("name, region", [
    ("哈尔滨市", True), ("宾县", True), ("市本级", True), ("省本级", True), ("大兴安岭地区", True), ("全省", True),
    ("哈尔滨市合计", True), ("地市级及以下", True), ("利通区", True),
    ("城乡社区支出", False), ("城乡社区", False), ("革命老区", False), ("民族地区", False), ("增值税", False),
])
def test_region_names(name, region):
    assert is_region_name(name) is region


@pytest.mark.parametrize("label, total", [
    ("本年收入合计", True), ("收入总计", True), ("一般公共预算支出合计", True), ("全区社会保险基金支出合计", True),
    ("合计", True), ("小计", False), ("市县合计", False), ("增值税", False),
])
def test_report_totals(label, total):
    assert is_report_total(label) is total


def test_classification_by_the_codes_first_digit():
    assert classification_of(["101", "10101", "1030601"]) == "revenue"
    assert classification_of(["201", "2010101"]) == "functional"
    assert classification_of(["501", "50101"]) == "economic-gov"
    assert classification_of(["301", "30101"]) == "economic"
    assert classification_of(["301", "30101"], government=True) == "economic-dept"
    assert classification_of([], table_facts("2025年某市一般公共预算收入执行情况表")) == "revenue"
    assert classification_of([], table_facts("一般性转移支付明细表")) is None


# -- rows by name -------------------------------------------------------------------------------------------


def _match(year: int, classifications, budget, rows: list[str | tuple[str]]) -> list[str | None]:
    """Each row's code: a str is a name to match, a 1-tuple a code printed."""
    matcher = NameMatcher(get_catalog(year), classifications, budget)
    out = []
    for row in rows:
        if isinstance(row, tuple):
            matcher.saw(row[0])
            out.append(row[0])
            continue
        hit = matcher.match(row)
        if hit.code is not None:
            matcher.saw(hit.code, row)
        out.append(hit.code)
    return out


def test_names_matched_in_their_classification_and_budget():
    assert _match(2022, ["revenue"], "gpb", ["一、税收收入", "增值税", "企业所得税", "二、非税收入", "专项收入",
                                             "其他收入"]) == ["101", "10101", "10104", "103", "10302", "10399"]
    # 其他收入 is 10399 under 非税收入, and 1100399 under 专项转移支付收入: the row above tells which
    assert _match(2022, ["revenue"], "gpb", ["专项转移支付收入", "其他收入"]) == ["11003", "1100399"]
    # the budget: 国有土地使用权出让收入 is the fund budget's; in a general-budget table it is no code
    assert _match(2022, ["revenue"], "gf", ["国有土地使用权出让收入"]) == ["1030148"]
    assert _match(2022, ["revenue"], "gpb", ["国有土地使用权出让收入"]) == [None]


def test_a_name_of_many_codes_is_told_by_the_rows_above():
    rows = ["一、一般公共服务支出", "人大事务", "行政运行", "政协事务", "行政运行"]
    assert _match(2025, ["functional"], "gpb", rows) == ["201", "20101", "2010101", "20102", "2010201"]
    # a row under its parent, or beside the row above: 其他共产党事务支出 is the 款 20136 after a 项 of 20134,
    # not the 项 2013699 whose 款 is printed nowhere above
    assert _match(2025, ["functional"], "gpb", [("201",), ("20134",), ("2013499",), "其他共产党事务支出"]) == [
        "201", "20134", "2013499", "20136"]
    # 二十三、其他支出 numbered as the 类 above it: 229, not 21999 under the 219 just above
    assert _match(2022, ["functional"], "gpb", ["十七、援助其他地区支出", "二十三、其他支出"]) == ["219", "229"]


def test_a_xiang_right_under_a_kuan_of_its_lei_is_that_kuans():
    """其他金融发展支出 is the book's 2170399 (under 21703); printed right under 21799 其他金融支出 (Lijiang 2026, its
    code column hidden: 2179999) it is not 2170399, and not guessed; under 21703's rows it is."""
    assert _match(2025, ["functional"], "gpb", ["金融支出", "金融发展支出", "利息费用补贴支出", "其他金融支出",
                                                 "其他金融发展支出"]) == ["217", "21703", "2170302", "21799", None]
    assert _match(2025, ["functional"], "gpb", ["金融支出", "金融发展支出", "其他金融发展支出"]) == [
        "217", "21703", "2170399"]
    assert _match(2025, ["functional"], "gpb", ["金融支出", "金融发展支出", "利息费用补贴支出", "其他金融发展支出"])[-1] \
        == "2170399"


def test_a_name_no_row_above_tells_apart_is_not_guessed():
    assert _match(2025, ["functional"], "gpb", ["行政运行"]) == [None]
    # its 款 not matched (no row above to stand under): 行政运行 is none of the dozens so named
    assert _match(2025, ["functional"], "gpb", ["一、一般公共服务支出", "某某事务", "行政运行"]) == ["201", None, None]
    # a code is printed once: a second row of the same name is not it again
    assert _match(2022, ["revenue"], "gpb", ["增值税", "增值税"]) == ["10101", None]


def _line(name: str, *figures: str, code: str | None = None) -> Line:
    return Line(code, name, {c: parse_amount(f) for c, f in zip(("预算数", "决算数"), figures)}, False, 0)


def _table(title: str, rows: list[Line]) -> Table:
    lines = tuple(ln._replace(number=k) for k, ln in enumerate(rows, 1))
    return Table(title, "functional", "万元", ("预算数", "决算数"), lines)


def test_a_table_by_name_finished():
    """Names matched, the 合计 a total, and budget, scope, year and periods from the title and the headers."""
    title = "2.3 2022年某省一般公共预算收入决算表"
    rows = [_line("一、税收收入", "300", "310"), _line("增值税", "200", "205"), _line("企业所得税", "100", "105"),
            _line("二、非税收入", "50", "40"), _line("专项收入", "50", "40"), _line("本年收入合计", "350", "350")]
    problems: list = []
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2022), problems)
    assert table.classification == "revenue" and not problems
    assert [ln.code for ln in table.lines] == ["101", "10101", "10104", "103", "10302", None]
    assert table.lines[-1].total
    assert (table.budget, table.scope, table.year) == ("gpb", "whole", 2022)
    assert table.periods == ((2022, "预算"), (2022, "决算"))
    assert govclass.validate(Document((table,), 2022)).ok


def test_a_row_no_code_fits_leaves_the_sums_it_stands_in_unchecked():
    """车船税等其他税收收入 fits no code: the sum of 101 税收收入 it stands in is not checked (sum-not-checked, said
    once, naming the row), the sums it does not stand in are (103, a test that can fail)."""
    title = "2026年某市级一般公共预算收入表"
    rows = [_line("（一）税收收入", "310", "310"), _line("增值税", "200", "200"), _line("企业所得税", "100", "100"),
            _line("车船税等其他税收收入", "10", "10"), _line("（二）非税收入", "40", "40"),
            _line("专项收入", "40", "40"), _line("收入合计", "350", "350")]
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2026), [])
    assert [ln.code for ln in table.lines] == ["101", "10101", "10104", None, "103", "10302", None]
    assert table.unplaced == (4,)
    report = govclass.validate(Document((table,), 2026))
    assert report.ok and not report.by_rule("rollup-mismatch")
    assert [(f.code, f.name) for f in report.by_rule("sum-not-checked")] == [("101", "（一）税收收入")]
    wrong = [*rows[:4], _line("（二）非税收入", "45", "40"), *rows[5:]]
    table = finish_table(_table(title, wrong), table_facts(title), ("预算数", "决算数"), get_catalog(2026), [])
    report = govclass.validate(Document((table,), 2026))
    assert [(f.code, f.column) for f in report.by_rule("rollup-mismatch")] == [("103", "预算数")]
    # the 合计 is not checked either: the row could be a 类 of its own (it ends 101's rows)
    assert {f.code for f in report.by_rule("sum-not-checked")} == {"101", None}


def test_a_row_more_than_the_row_above_is_no_part_of_it():
    """A part is never more than its whole: 其他支出 printed below 22998 超长期特别国债安排的其他支出 with figures
    larger than its in every column is no item of it (in the fund budget the book's only 其他支出 under 229 is
    22998's 2299899), but a part of 229 the layout does not number: left without a code, 229's sum not checked,
    no false rollup-mismatch of 22998.  The twin: the same row with less than 22998's is its item, and a sum
    that fails is said."""
    title = "2026年全市政府性基金预算支出表"
    rows = [_line("十六、其他支出", "1000", "2000"), _line("超长期特别国债安排的其他支出", "300", "1500"),
            _line("其他支出", "700", "1600")]
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2026), [])
    assert [ln.code for ln in table.lines] == ["229", "22998", None] and table.unplaced == (3,)
    report = govclass.validate(Document((table,), 2026))
    assert not report.by_rule("rollup-mismatch")
    assert [f.code for f in report.by_rule("sum-not-checked")] == ["229"]
    twin = [rows[0], rows[1], _line("其他支出", "200", "1400")]
    table = finish_table(_table(title, twin), table_facts(title), ("预算数", "决算数"), get_catalog(2026), [])
    assert [ln.code for ln in table.lines] == ["229", "22998", "2299899"]
    assert [f.code for f in govclass.validate(Document((table,), 2026)).by_rule("rollup-mismatch")] == ["229", "22998"]


def test_rows_of_regions_are_a_table_by_region():
    title = "2022年某省地方政府债务限额和余额情况表（分地区）"
    rows = [_line("全省", "1500", "1200"), _line("省本级", "500", "400"), _line("甲市", "600", "500"),
            _line("乙县", "400", "300")]
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2022), [])
    assert table.classification == "region" and all(ln.code is None for ln in table.lines)
    report = govclass.validate(Document((table,), 2022))
    assert report.ok and not report.by_rule("uncoded-line")  # a region's row wants no code


def test_an_ambiguous_name_is_said_once():
    """行政运行 under a 类 whose 款 is not printed: dozens of codes, none the rows above tell apart; said by the
    reader (with the codes) and not again as a line without a code."""
    title = "2025年某市一般公共预算支出执行情况表"
    problems: list = []
    rows = [_line("一、一般公共服务支出", "10", "10"), _line("行政运行", "10", "10")]
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2025), problems)
    assert [ln.code for ln in table.lines] == ["201", None]
    assert [p.rule for p in problems] == ["ambiguous-name"] and "2010101" in problems[0].message
    report = govclass.validate(Document((table,), 2025, problems=tuple(problems)))
    assert [f.rule for f in report.findings if f.severity != "info"] == ["ambiguous-name"]


def test_a_table_no_row_of_which_is_a_code_is_said_once():
    title = "2025年某市地方政府债务投向情况表"
    problems: list = []
    rows = [_line("一、基础设施", "10", "10"), _line("铁路", "4", "4"), _line("公路", "6", "6")]
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2025), problems)
    assert table.classification == "items" and [p.rule for p in problems] == ["uncoded-table"]
    report = govclass.validate(Document((table,), 2025, problems=tuple(problems)))
    assert [f.rule for f in report.findings] == ["uncoded-table"]


def test_a_code_matched_by_name_is_not_counted_printed():
    """A row the report prints by name (增值税) is checked under the code its name matched, but the code is not
    printed: the line says so (named, kept by the JSON format), and the census of printed (code, name) pairs and
    the page coverage leave it out; a code printed with its row is counted."""
    from govclass.evidence import codes_of_document, printed_codes

    title = "2022年某省一般公共预算收入决算表"
    rows = [_line("一、税收收入", "300", "310"), _line("增值税", "300", "310"), _line("本年收入合计", "300", "310")]
    printed = Line("10104", "企业所得税", {"金额": parse_amount("5")}, number=1)
    table = finish_table(_table(title, rows), table_facts(title), ("预算数", "决算数"), get_catalog(2022), [])
    assert [(ln.code, ln.named) for ln in table.lines] == [("101", True), ("10101", True), (None, False)]
    doc = Document((table, Table("t", "revenue", "万元", ("金额",), (printed,))), 2022)
    assert printed_codes(doc) == [("10104", "企业所得税", None)]
    again = Document.from_dict(doc.to_dict())
    assert [ln.named for ln in again.tables[0].lines] == [True, True, False]
    assert [p.code for p in codes_of_document(again, "d")] == ["10104"]


def test_the_census_judges_each_table_in_its_own_years_edition():
    """2013804 is 市场主体管理 in the 2025 book, 经营主体管理 in 2026's: a 2026 report's 2025 table printing the
    older name is known with its name in its own year's edition, not a variant of the document's year."""
    from govclass.evidence import codes_of_document

    execution = _json_table("2025年全市一般公共预算支出执行情况表", 2025, [("2013804", "市场主体管理", "5")])
    draft = _json_table("2026年全市一般公共预算支出草案表", 2026, [("2013804", "经营主体管理", "5")])
    pairs = codes_of_document(Document.from_dict(_doc(2026, execution, draft)), "d")
    assert sorted((p.year, p.edition, p.name, p.verdict) for p in pairs) == [
        (2025, 2025, "市场主体管理", "known-same-name"), (2026, 2026, "经营主体管理", "known-same-name")]
    # the year asked for judges every table
    asked = codes_of_document(Document.from_dict(_doc(2026, execution, draft)), "d", year=2026)
    assert {(p.name, p.verdict) for p in asked} == {("市场主体管理", "name-variant"), ("经营主体管理", "known-same-name")}


# -- the document format: the new fields ------------------------------------------------------------------


def _doc(year: int | None, *tables: dict, form: str | None = "government-budget") -> dict:
    out: dict = {"tables": list(tables), "kind": "预算"}
    if year is not None:
        out["year"] = year
    if form is not None:
        out["form"] = form
    return out


def _json_table(name: str, table_year: int | None, rows: list[tuple[str | None, str, str]], **facts) -> dict:
    t = {"name": name, "classification": "functional", "unit": "万元", "columns": ["金额"],
         "lines": [{"code": c, "name": n, "amounts": {"金额": a}, **({"total": True} if c is None else {})}
                   for c, n, a in rows]}
    if table_year is not None:
        t["year"] = table_year
    t.update(facts)
    return t


def test_form_and_table_facts_go_through_the_json_document_format():
    data = _doc(2026, _json_table("2025年全市一般公共预算支出执行情况表", 2025, [("201", "一般公共服务支出", "5")],
                                  budget="gpb", scope="whole", periods=[[2025, "执行"]]))
    doc = Document.from_dict(data)
    assert doc.form == "government-budget"
    (table,) = doc.tables
    assert (table.budget, table.scope, table.year, table.periods) == ("gpb", "whole", 2025, ((2025, "执行"),))
    assert Document.from_dict(doc.to_dict()) == doc
    report = govclass.validate(data)
    assert report.to_dict()["form"] == "government-budget" and report.ok
    assert "form" not in govclass.validate(_doc(2026, _json_table("t", None, [("201", "一般公共服务支出", "5")]),
                                                form=None)).to_dict()


@pytest.mark.parametrize("bad", [{"budget": "general"}, {"periods": [[2025, "执行"], None]}, {"year": "2025"},
                                 {"periods": [[2025, "实际"]]}])
def test_facts_that_are_not_the_formats_are_refused(bad):
    data = _doc(2026, _json_table("t", None, [("201", "一般公共服务支出", "5")], **bad))
    report = govclass.validate(data)
    assert [f.rule for f in report.findings] == ["schema"]
    if "periods" in bad and len(bad["periods"]) == 2:
        with pytest.raises(DocumentError):
            Document.from_dict(data)


# -- each table against its own year's edition (issue 24) --------------------------------------------------


def test_a_two_year_report_checks_each_table_against_its_own_year():
    """2013804 was 市场主体管理 until 2025 (经营主体管理 from 2026); 20141 数据事务 is new in 2026.  A 2026 report
    prints its 2025 execution with the 2025 book's codes and names, its 2026 draft with the 2026 book's."""
    execution = _json_table("2025年全市一般公共预算支出执行情况表", 2025,
                            [(None, "合计", "5"), ("201", "一般公共服务支出", "5"), ("20138", "市场监督管理事务", "5"),
                             ("2013804", "市场主体管理", "5")])
    draft = _json_table("2026年全市一般公共预算支出草案表", 2026,
                        [(None, "合计", "5"), ("201", "一般公共服务支出", "5"), ("20141", "数据事务", "5"),
                         ("2014101", "行政运行", "5")])
    report = govclass.validate(_doc(2026, execution, draft))
    assert report.ok and not report.by_rule("edition-fallback") and not report.by_rule("name-variant")
    # the same document with no table year: everything against the document's 2026 book
    undated = _doc(2026, {**execution, "year": None}, draft)
    del undated["tables"][0]["year"]
    renamed = govclass.validate(undated)
    assert any(f.code == "2013804" for f in renamed.findings if f.severity != "info")
    # a 2024 table printing a code the 2025 book's mid-year notice created (财预〔2025〕41号, read): not of its year
    early = _json_table("2024年全市一般公共预算支出执行情况表", 2024,
                        [(None, "合计", "5"), ("217", "金融支出", "5"), ("21704", "金融调控支出", "5"),
                         ("2170404", "中央金融机构注资特别国债支出", "5")])
    wrong = govclass.validate(_doc(2025, early))
    assert [(f.rule, f.code) for f in wrong.findings if f.severity == "error"] == [("retired-code", "2170404")]
    # …but one that only documents of a later year date (20141 数据事务, printed from 2025 budgets on) may be older
    # than they are: undated-code, a warning, not an error
    dated_by_documents = _json_table("2024年全市一般公共预算支出执行情况表", 2024,
                                     [(None, "合计", "5"), ("201", "一般公共服务支出", "5"), ("20141", "数据事务", "5")])
    found = govclass.validate(_doc(2025, dated_by_documents)).findings
    assert [(f.rule, f.severity) for f in found if f.code == "20141"] == [("undated-code", "warning")]


def test_a_table_of_a_year_with_no_edition_falls_back_to_the_nearest_and_says_so():
    later = _json_table("2030年全市一般公共预算支出草案表", 2030, [(None, "合计", "5"), ("201", "一般公共服务支出", "5")])
    report = govclass.validate(_doc(2026, later))
    (fallback,) = report.by_rule("edition-fallback")
    assert (fallback.expected, fallback.actual) == ("2030", "2026")
    assert "tables of 2030" in fallback.message and report.edition == 2026
    # the document's own year, with no edition, said once for the document
    whole = govclass.validate(_doc(2030, _json_table("t", None, [(None, "合计", "5"), ("201", "一般公共服务支出", "5")])))
    assert [(f.expected, f.actual) for f in whole.by_rule("edition-fallback")] == [("2030", "2026")]
    assert "the document was checked" in whole.by_rule("edition-fallback")[0].message


def test_the_edition_asked_for_checks_every_table():
    draft = _json_table("2025年全市一般公共预算支出草案表", 2025,
                        [(None, "合计", "5"), ("217", "金融支出", "5"), ("21704", "金融调控支出", "5"),
                         ("2170404", "中央金融机构注资特别国债支出", "5")])
    report = govclass.validate(_doc(2025, draft), year=2024)
    assert report.edition == 2024
    assert not any(f.rule == "unknown-code" for f in report.findings)  # a code of the document's own year, said
    assert "2170404" in report.by_rule("edition-fallback")[0].message


# -- a report drawn as a PDF ---------------------------------------------------------------------------------

pytest.importorskip("pypdfium2")

# A Chinese font PDFium knows without embedding (Adobe-GB1, UCS-2 codes), ASCII half-width.
_SONG = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
         b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >> >> >>")
_ROW = 20  # a row's height, pt


def _text(x: float, y: float, text: str, size: int = 9) -> bytes:
    return b"BT /F1 %d Tf 1 0 0 1 %.1f %.1f Tm <%s> Tj ET" % (size, x, y, text.encode("utf-16-be").hex().encode())


def _ruled(title: str, edges: list[float], rows: list[tuple[str, ...]], top: float = 760, shift: float = 0,
           above: tuple[str, ...] = ("单位：万元",)) -> bytes:
    """A page with ``title`` and a table ruled on every row and column: ``rows`` (the header first), each
    cell's text from its column's left edge (a figure right-aligned), the whole moved right by ``shift``."""
    edges = [e + shift for e in edges]
    ops = [_text(edges[0], top + 40, title, 12)]
    ops += [_text(edges[-1] - 60, top + 8, line) for line in above]
    bottom = top - _ROW * len(rows)
    for k in range(len(rows) + 1):
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (edges[0], top - _ROW * k, edges[-1], top - _ROW * k))
    for x in edges:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, bottom))
    for k, row in enumerate(rows):
        y = top - _ROW * k - 14
        for left, right, cell in zip(edges, edges[1:], row):
            if not cell:
                continue
            figure = cell.replace(",", "").replace(".", "").replace("-", "").replace("%", "").isdigit()
            x = right - 4 - 4.6 * len(cell) if figure else left + 3
            ops.append(_text(x, y, cell))
    return b"0.5 w\n" + b"\n".join(ops)


def _cover(*lines: str) -> bytes:
    return b"\n".join(_text(150, 600 - 40 * k, line, 16) for k, line in enumerate(lines))


def _pdf(tmp_path, pages: list[bytes], name: str = "report.pdf") -> str:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
                       % (len(objects), _SONG))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    path = tmp_path / name
    path.write_bytes(pdf_file(objects))
    return str(path)


_REVENUE = [("预算科目", "预算数", "决算数", "完成预算数的%"),
            ("一、税收收入", "300", "310", "103.3"), ("增值税", "200", "205", "102.5"), ("企业所得税", "100", "105", "105.0"),
            ("二、非税收入", "50", "40", "80.0"), ("专项收入", "30", "25", "83.3"), ("其他收入", "20", "15", "75.0"),
            ("本年收入合计", "350", "350", "100.0")]
_SIDES = [("科目编码", "项目名称", "决算数", "科目编码", "项目名称", "决算数"),
          ("101", "税收收入", "310", "201", "一般公共服务支出", "120"),
          ("10101", "增值税", "205", "20101", "人大事务", "120"),
          ("10104", "企业所得税", "105", "2010101", "行政运行", "120")]
_REGIONS = [("地区", "债务限额", "债务余额"), ("全省", "1500", "1200"), ("省本级", "500", "400"), ("甲市", "600", "500"),
            ("乙县", "400", "300")]


@pytest.fixture
def final_accounts(tmp_path):
    """A province's 2022 final accounts, published in 2023: revenue by name, revenue and expenditure side by
    side on one row, debt by region."""
    return _pdf(tmp_path, [
        _cover("2022年某省和省本级财政决算", "2023年9月"),
        _ruled("2.3 2022年某省一般公共预算收入决算表", [60, 220, 300, 380, 470], _REVENUE),
        _ruled("表三：2022年某省一般公共预算收支决算表", [40, 90, 170, 230, 290, 420, 480], _SIDES),
        _ruled("2.21 2022年某省地方政府债务限额和余额情况表（分地区）", [60, 220, 320, 420], _REGIONS)])


def test_a_final_account_drawn_is_read_whole(final_accounts):
    doc = govclass.read(final_accounts)
    assert (doc.form, doc.year, doc.kind) == ("government-final", 2022, "决算")  # its year, not the year it appeared
    revenue, income, spending, regions = doc.tables
    assert revenue.classification == "revenue"
    assert [ln.code for ln in revenue.lines] == ["101", "10101", "10104", "103", "10302", "10399", None]
    assert revenue.lines[-1].total and revenue.lines[-1].name == "本年收入合计"
    assert (revenue.budget, revenue.scope, revenue.year) == ("gpb", "whole", 2022)
    assert revenue.periods == ((2022, "预算"), (2022, "决算"), None)  # a percentage has no period: never summed
    assert "完成预算数的%" not in revenue.summed_columns()
    # revenue and expenditure printed side by side: two tables, each of its own classification
    assert (income.classification, spending.classification) == ("revenue", "functional")
    assert [ln.code for ln in income.lines] == ["101", "10101", "10104"]
    assert [ln.code for ln in spending.lines] == ["201", "20101", "2010101"]
    assert regions.classification == "region" and [ln.name for ln in regions.lines] == ["全省", "省本级", "甲市", "乙县"]
    assert regions.lines[0].cells["债务限额"].value == 1500  # a figure printed whole, without separators
    report = govclass.validate(final_accounts)
    assert report.ok, [(f.rule, f.message) for f in report.findings if f.severity == "error"]
    assert report.to_dict()["form"] == "government-final"
    assert not report.by_rule("unreadable-table") and not report.by_rule("wrong-classification")


def test_a_sum_that_fails_in_a_table_read_by_name_is_an_error(tmp_path):
    """The checks apply to the codes matched by name as to codes printed: 一、税收收入 printed as 300 when its
    rows add up to 310 is a rollup-mismatch (a test that can fail)."""
    wrong = [_REVENUE[0], ("一、税收收入", "300", "300", "100.0"), *_REVENUE[2:]]
    path = _pdf(tmp_path, [_cover("2022年某省和省本级财政决算"),
                           _ruled("2.3 2022年某省一般公共预算收入决算表", [60, 220, 300, 380, 470], wrong)])
    report = govclass.validate(path)
    assert {(f.code, f.column) for f in report.by_rule("rollup-mismatch")} >= {("101", "决算数")}


def test_a_two_year_report_dates_each_table(tmp_path):
    """A report on the 2025 execution and the 2026 draft is a 2026 budget; its tables say their own year, and
    its columns theirs."""
    execution = [("科目编码", "科目名称", "2025年预算数", "2025年执行数"), ("", "支出合计", "20", "18"),
                 ("201", "一般公共服务支出", "20", "18"), ("20138", "市场监督管理事务", "20", "18"),
                 ("2013804", "市场主体管理", "20", "18")]
    draft = [("科目编码", "科目名称", "2025年执行数", "2026年预算数"), ("", "支出合计", "18", "30"),
             ("201", "一般公共服务支出", "18", "30"), ("20141", "数据事务", "", "30"), ("2014101", "行政运行", "", "30")]
    path = _pdf(tmp_path, [_cover("关于2025年全市预算执行情况和", "2026年全市预算草案的报告", "2026年1月20日"),
                           _ruled("2025 年全市一般公共预算支出执行情况表", [60, 130, 300, 380, 460], execution),
                           _ruled("2026 年全市一般公共预算支出草案表", [60, 130, 300, 380, 460], draft)])
    doc = govclass.read(path)
    assert (doc.form, doc.year) == ("government-budget", 2026)
    first, second = doc.tables
    assert (first.year, second.year) == (2025, 2026)
    assert first.periods == ((2025, "预算"), (2025, "执行")) and second.periods == ((2025, "执行"), (2026, "预算"))
    report = govclass.validate(path)
    assert report.ok, [(f.rule, f.message) for f in report.findings if f.severity != "info"]
    assert not report.by_rule("name-variant")  # 市场主体管理: the 2025 book's name, in the 2025 table


def test_a_table_going_on_to_a_page_printed_further_right(tmp_path):
    """A report printed for binding: the next page's table stands 6 pt to the right; its rows are the same
    table's (the sum of 201 over both pages holds)."""
    head = ("科目编码", "科目名称", "合计")
    first = [head, ("", "合计", "30"), ("201", "一般公共服务支出", "30"), ("20101", "人大事务", "10"),
             ("2010101", "行政运行", "10")]
    second = [head, ("20102", "政协事务", "20"), ("2010201", "行政运行", "20")]
    title = "2026 年市本级一般公共预算支出功能分类科目表"
    path = _pdf(tmp_path, [_cover("2026年某市本级政府预算公开"), _ruled(title, [78, 202, 440, 527], first),
                           _ruled(title, [78, 202, 440, 527], second, shift=-5.5)])
    doc = govclass.read(path)
    (table,) = doc.tables
    assert [ln.code for ln in table.lines] == [None, "201", "20101", "2010101", "20102", "2010201"]
    assert govclass.validate(path).ok


def test_rows_of_small_whole_figures_at_the_top_of_a_continued_page_are_rows(tmp_path):
    """Heilongjiang 2022 2.12 pp. 85-86: the page the table goes on to opens with rows whose one figure is whole
    and small (土地储备专项债券发行费用支出 19, 棚户区改造… 89), as a header's column numbering (1 2 3) looks.  A band
    that prints a name beside such a figure is a row, not the header: the sum of 23304 over both pages holds."""
    head = ("项目", "决算数")
    first = [head, ("债务发行费用支出", "300"), ("地方政府专项债务发行费用支出", "300"),
             ("国有土地使用权出让金债务发行费用支出", "155")]
    second = [head, ("土地储备专项债券发行费用支出", "19"), ("棚户区改造专项债券发行费用支出", "89"),
              ("其他地方自行试点项目收益专项债券发行费用支出", "37")]
    title = "2.12 2022年某省政府性基金支出决算表"
    path = _pdf(tmp_path, [_cover("2022年某省财政决算"), _ruled(title, [78, 360, 527], first),
                           _ruled(title, [78, 360, 527], second)])
    (table,) = govclass.read(path).tables
    assert [ln.cells["决算数"].raw for ln in table.lines] == ["300", "300", "155", "19", "89", "37"]
    assert [ln.code for ln in table.lines][:2] == ["233", "23304"]
    assert not govclass.validate(path).by_rule("rollup-mismatch")


# -- a workbook ------------------------------------------------------------------------------------------------


def _cell(ref: str, text: str) -> str:
    if text.replace("-", "").replace(".", "").isdigit():
        return f'<c r="{ref}"><v>{text}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet(rows: list[tuple[str, ...]], hidden_columns: str = "") -> str:
    from test_sheets import NS
    body = "".join(f'<row r="{r}">' + "".join(_cell(f"{chr(65 + k)}{r}", v) for k, v in enumerate(row) if v)
                   + "</row>" for r, row in enumerate(rows, 1))
    cols = f'<cols><col min="{hidden_columns}" max="{hidden_columns}" hidden="1"/></cols>' if hidden_columns else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{cols}<sheetData>{body}</sheetData></worksheet>'


def test_a_workbook_whose_code_column_is_hidden_is_read_by_its_names(tmp_path):
    """The tables a city's workbook prints (one a sheet), their codes in a hidden column: what a reader sees is
    names and figures, read by name; percentages (stored as fractions) never summed."""
    from test_sheets import build_xlsx
    cover = _sheet([("某市",), ("2025年地方财政预算执行情况和2026年地方财政预算（草案）",), ("某市财政局编制",)])
    revenue = _sheet([("", "2025年某市一般公共预算收支情况表"), ("", "", "", "单位：万元"),
                      ("科目编码", "项目", "2024年决算数", "2025年执行数", "比2024年决算数增长%"),
                      ("101", "一、税收收入", "300", "330", "0.1"), ("10101", "增值税", "200", "220", "0.1"),
                      ("10104", "企业所得税", "100", "110", "0.1"), ("", "各项收入合计", "300", "330", "0.1")],
                     hidden_columns="1")
    path = tmp_path / "city.xlsx"
    path.write_bytes(build_xlsx([cover, revenue], shared=None, styles=None, names=["封面", "01"]))
    doc = read_document(str(path))
    assert (doc.form, doc.year, doc.kind) == ("government-budget", 2026, "预算")
    (table,) = doc.tables
    assert table.classification == "revenue" and [ln.code for ln in table.lines] == ["101", "10101", "10104", None]
    assert table.periods == ((2024, "决算"), (2025, "执行"), None) and table.scope == "whole"
    report = govclass.validate(str(path))
    assert report.ok, [(f.rule, f.message) for f in report.findings if f.severity == "error"]
    assert report.by_rule("hidden-cells")  # the hidden column is said, as ever


# -- a department's 收入 table by revenue codes -------------------------------------------------------------

_DEPARTMENT_FINAL = """2024年度部门决算
收入决算表
公开02表
编制单位：某市某局 2024年度 金额单位：万元
项目 本年收入合计 财政拨款收入 其他收入
科目编码 科目名称
合计 30.00 20.00 10.00
103 非税收入 30.00 20.00 10.00
10304 行政事业性收费收入 20.00 20.00
10399 其他收入 10.00 10.00
"""


def test_a_departments_income_table_by_revenue_codes(tmp_path):
    """Some 决算 print their 收入 table by the revenue classification: read as revenue, its codes checked as
    revenue codes (not wrong-classification errors), the standard table it is kept."""
    path = tmp_path / "final.txt"
    path.write_text(_DEPARTMENT_FINAL, encoding="utf-8")
    doc = read_document(str(path))
    (table,) = [t for t in doc.tables if t.kind == "final-02"]
    assert table.classification == "revenue" and doc.form is None
    report = govclass.validate(str(path))
    assert not report.by_rule("wrong-classification") and not report.by_rule("rollup-mismatch")
    # a revenue code that is no code of the book is still an error
    path.write_text(_DEPARTMENT_FINAL.replace("10399 其他收入", "10398 其他收入"), encoding="utf-8")
    assert [f.code for f in govclass.validate(str(path)).by_rule("unknown-code")] == ["10398"]


def test_a_funds_revenue_then_expenditure_in_one_column(tmp_path):
    """A fund's 收支预算表 prints its revenue, 收入合计, then its expenditure in one column: two tables, each
    matched in its own classification; a cross stands where no figure applies (no invalid amount); a column of
    words among the figures holds text (never summed, never an invalid amount)."""
    rows = [("项目", "2025年执行数", "2026年预算数", "备注说明"),
            ("一、社会保险基金收入", "100", "110", "按规定"), ("其他收入", "×", "×", "不适用"),
            ("收入合计", "100", "110", "按规定"),
            ("一、社会保险基金支出", "90", "95", "按规定"), ("支出合计", "90", "95", "按规定")]
    path = _pdf(tmp_path, [_cover("2026年某市本级政府预算公开"),
                           _ruled("2026 年市本级企业职工基本养老保险基金收支预算表", [60, 220, 300, 380, 470], rows)])
    doc = govclass.read(path)
    income, spending = doc.tables
    assert income.name.endswith("（收入）") and spending.name.endswith("（支出）")
    assert [ln.name for ln in spending.lines] == ["一、社会保险基金支出", "支出合计"]
    assert income.budget == "ssf" and income.column_kinds()["备注说明"] == "text"
    assert income.lines[1].cells["2025年执行数"].blank  # ×: nothing there, never a zero
    report = govclass.validate(path)
    assert not report.by_rule("invalid-amount") and not report.by_rule("wrong-classification")

