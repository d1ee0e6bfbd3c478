"""Narrative statements as structured claims (issue 23, family 1 and "what
reviewers find"): each test writes a small document with a defect and its
correct twin; the twin must pass, the defect must be one error naming the
figures it rests on, or insufficient-data when no figure of the same
subject, scope and year is printed.  None of these reads ../shared."""

from __future__ import annotations

import ast
import collections
from decimal import Decimal
from pathlib import Path

import pytest

import govclass
from govclass.api import validate
from govclass.catalog import get_catalog
from govclass.document import Document, Item, Line, Statement, Table, parse_amount
from govclass.readers.narrative import document_level, read_narrative, text_units
from govclass.validation.rules.narrative import NARRATIVE_RULES

DEPT_TITLE = "某局2026年部门预算"


def _line(code, name, amount, total=False, number=1, page=None):
    return Line(code, name, {"合计": parse_amount(amount)}, total, number, page=page)


def _expenditure(*rows, name="部门支出总表", kind="expenditure", page=None) -> Table:
    lines = [_line(None, "合计", rows[0][2], True, 1, page)] + [
        _line(code, nm, amount, False, i, page) for i, (code, nm, amount) in enumerate(rows[1:], 2)]
    return Table(name, "functional", "万元", ("合计",), tuple(lines), (), kind)


def _summary(income: str, expenditure: str, *rows) -> Statement:
    items = [Item("收入总计", {"预算数": parse_amount(income)}, "收入", page=3),
             Item("支出总计", {"预算数": parse_amount(expenditure)}, "支出", page=3)]
    items += [Item(label, {"预算数": parse_amount(v)}, "收入", page=3) for label, v in rows]
    return Statement("收支预算总表", "summary", "万元", {"收入": ("预算数",), "支出": ("预算数",)}, tuple(items))


def _doc(text: str, *tables, statements=(), title=DEPT_TITLE, year=2026, kind="预算", scope="部门") -> Document:
    return Document(tuple(tables), year, title, kind, statements=tuple(statements), narrative=text_units(text),
                    scope=scope)


def _said(doc: Document) -> list:
    return [f for f in validate(doc).findings if f.rule in NARRATIVE_RULES or (f.rule == "insufficient-data" and f.sentence)]


def _errors(doc: Document) -> collections.Counter:
    return collections.Counter(f.rule for f in _said(doc) if f.severity == "error")


def _error(doc: Document, rule: str):
    found = [f for f in _said(doc) if f.rule == rule]
    assert len(found) == 1, [(f.rule, f.message) for f in _said(doc)]
    return found[0]


# -- family 1: claims tied to the figure of their own subject, scope and year -------------------------

PATH_TABLE = _expenditure((None, "合计", "100.00"), ("201", "一般公共服务支出", "100.00"),
                          ("20106", "财政事务", "50.00"), ("2010601", "行政运行", "30.00"),
                          ("2010602", "一般行政管理事务", "20.00"), ("20101", "人大事务", "50.00"),
                          ("2010101", "行政运行", "50.00"), page=4)
PATH = "（二）支出预算情况\n一般公共服务支出（201类）财政事务（06款）行政运行（01项）{}万元，主要用于机关运行。"


def test_a_path_that_prints_its_codes_is_its_xiang_not_its_lei():
    """"（201类）…（06款）…（01项）" names 2010601 (30.00), never 201 (100.00)."""
    assert _errors(_doc(PATH.format("30.00"), PATH_TABLE)) == {}
    f = _error(_doc(PATH.format("31.00"), PATH_TABLE), "narrative-amount")
    table, = [p for p in f.figures if p.table == "部门支出总表"]
    assert (table.row, table.column, table.text, table.page) == ("2010601 行政运行", "合计", "30.00", 4)
    said, = [p for p in f.figures if p.sentence]
    assert said.text == "31.00万元" and said.sentence.startswith("一般公共服务支出（201类）")


def test_a_path_whose_digits_make_no_code_is_not_checked():
    text = "（二）支出预算情况\n一般公共服务支出（201类）财政事务（99款）行政运行（01项）31.00万元。"
    said = _said(_doc(text, PATH_TABLE))
    assert [f.rule for f in said] == ["insufficient-data"]


REPEAT = ("一、2024年度部门决算情况说明\n本部门2024年度支出决算为1000.00万元，主要用于保障机构运转。\n"
          "二、项目支出绩效情况\n（一）信息化建设项目。信息化建设项目全年预算为100.00万元，支出决算为90.00万元。\n"
          "（二）{subject}。{first}，{second}。")


def test_a_project_stated_in_the_departments_words_is_not_the_department():
    """One project's "全年预算为…，支出决算为…" is not the department's 支出决算 said again."""
    text = REPEAT.format(subject="培训项目", first="培训项目全年预算为20.00万元", second="支出决算为18.00万元")
    doc = _doc(text, title="某局2024年部门决算", year=2024, kind="决算")
    assert _errors(doc) == {}


def test_one_thing_stated_twice_in_a_paragraph_with_two_amounts_is_a_repeat():
    """The twin of the test above: the same subject (公务接待费), scope and year, twice, two amounts."""
    text = ("（三）“三公”经费情况\n2026年公务接待费预算5.00万元，主要用于公务接待。公务接待费预算为{}万元，"
            "比2025年预算减少1.00万元。")
    assert _errors(_doc(text.format("5.00"))) == {}
    f = _error(_doc(text.format("6.00")), "narrative-repeat")
    assert {p.text for p in f.figures} == {"5.00万元", "6.00万元"}


GOV_TITLE = "关于某市2025年预算执行情况和2026年预算草案的报告"
GOV_TABLE = _expenditure((None, "合计", "500.00"), ("201", "一般公共服务支出", "500.00"),
                         name="2026年某市本级一般公共预算支出预算表", kind="gpb-expenditure", page=30)
GOV_TEXT = ("各位代表：\n二、2026年预算草案\n（一）全市一般公共预算\n2026年全市一般公共预算支出{whole}万元。\n"
            "（二）市本级一般公共预算\n2026年市本级一般公共预算支出{own}万元。\n"
            "（三）新区一般公共预算\n高新区一般公共预算支出{zone}万元。")


def test_a_government_report_checks_a_sentence_only_against_a_table_of_its_own_scope():
    doc = _doc(GOV_TEXT.format(whole="800.00", own="500.00", zone="120.00"), GOV_TABLE, title=GOV_TITLE,
               year=None, kind=None, scope=None)
    assert document_level(doc.narrative, None, GOV_TITLE) == "government"
    said = _said(doc)
    assert not [f for f in said if f.severity == "error"]
    whole, zone = [f for f in said if f.rule == "insufficient-data"]
    assert "全市" in whole.sentence and "口径" in whole.message_zh  # 全市 against a 本级 table: another scope
    assert "高新区" in zone.sentence
    wrong = _doc(GOV_TEXT.format(whole="800.00", own="510.00", zone="120.00"), GOV_TABLE, title=GOV_TITLE,
                 year=None, kind=None, scope=None)
    f = _error(wrong, "narrative-amount")
    assert "市本级" in f.sentence and f.figures[1].table == GOV_TABLE.name


def _gov_spending(total_label: str) -> Table:
    """A 本级 一般公共预算支出表 as government reports print it: its own 支出, then 转移性支出 and 债务还本,
    ending in ``total_label`` (支出总计: all of them; 合计 in a table of its own 支出 alone)."""
    rows = [(None, "一、一般公共预算支出", "500.00"), (None, "二、转移性支出", "250.00"), (None, "三、债务还本支出", "50.00")]
    lines = [_line(code, nm, amount, False, i, 30) for i, (code, nm, amount) in enumerate(rows, 1)]
    lines.append(_line(None, total_label, "800.00", True, 4, 30))
    return Table("2026年某市本级一般公共预算支出预算表", None, "万元", ("合计",), tuple(lines), (), "gpb-expenditure")


def test_a_budgets_own_spending_is_not_its_total_with_transfers():
    """Family: government reports (issue 23, a sentence tied to the wrong figure).  A one-sided table that ends
    in 支出总计 adds transfers and debt repayment to the budget's own 支出; a sentence of the 支出 is not
    proved wrong by that 总计 (insufficient-data), while the same table ending in 合计 is its own 支出."""
    text = "各位代表：\n二、2026年预算草案\n（二）市本级一般公共预算\n2026年市本级一般公共预算支出{}万元。"
    said = _said(_doc(text.format("500.00"), _gov_spending("支出总计"), title=GOV_TITLE, year=None, kind=None,
                      scope=None))
    assert not [f for f in said if f.severity == "error"], [(f.rule, f.message) for f in said]
    assert [f.rule for f in said] == ["insufficient-data"]
    wrong = _doc(text.format("500.00"), _gov_spending("合计"), title=GOV_TITLE, year=None, kind=None, scope=None)
    f = _error(wrong, "narrative-amount")  # the same table, its 合计 is the budget's own: 500 against 800
    assert f.figures[1].row == "合计" and f.figures[1].page == 30


RESERVE_TEXT = "各位代表：\n二、2026年预算草案\n（二）市本级一般公共预算\n2026年市本级一般公共预算支出{}万元，其中安排预备费12.00万元。"


def test_a_budgets_spending_with_its_reserve_is_not_a_functional_table_that_prints_none():
    """Family: government budgets (issue 26, a sentence tied to the wrong figure).  A budget's 一般公共预算支出 holds
    its 预备费; a functional table that prints no 预备费 (227) line may leave it out (printed apart on the balance
    table): its 合计 proves nothing of the sentence (insufficient-data).  The table that prints 227 does."""
    def functional(*rows) -> Table:
        return _expenditure(*rows, name="2026年某市本级一般公共预算支出预算表（按功能分类）", kind=None, page=30)

    without = functional((None, "合计", "500.00"), ("201", "一般公共服务支出", "500.00"))
    said = _said(_doc(RESERVE_TEXT.format("512.00"), without, title=GOV_TITLE, year=None, kind=None, scope=None))
    assert not [f for f in said if f.severity == "error"], [(f.rule, f.message) for f in said]
    assert any(f.rule == "insufficient-data" and "预备费" in f.message_zh for f in said)
    with_reserve = functional((None, "合计", "512.00"), ("201", "一般公共服务支出", "500.00"), ("227", "预备费", "12.00"))
    held = _doc(RESERVE_TEXT.format("512.00"), with_reserve, title=GOV_TITLE, year=None, kind=None, scope=None)
    assert _errors(held) == {} and not [f for f in _said(held) if "2026年市本级" in f.message]  # checked, holds
    wrong = _doc(RESERVE_TEXT.format("520.00"), with_reserve, title=GOV_TITLE, year=None, kind=None, scope=None)
    assert _error(wrong, "narrative-amount").figures[1].row == "合计"


@pytest.mark.parametrize(("table", "printed", "caught"), [
    ("18,463.00", "1.8", False), ("18,463.00", "1.9", False),  # 1.8463 亿: rounded, and rounded twice (1.85, 1.9)
    ("18,463.00", "2.0", True), ("18,440.00", "1.9", True),  # 1.844 -> 1.84 -> 1.8: 1.9 is no rounding of it
    ("108,480.00", "10.9", False), ("108,440.00", "10.9", True)])
def test_an_amount_rounded_twice_is_the_figure_it_restates(table, printed, caught):
    """Family: a text that rounds a figure of 万元 to 亿元 in two steps (18,463 -> 1.85 -> 1.9, Heilongjiang 2022
    p. 9; 108,480 -> 10.85 -> 10.9, Guangzhou 2026 p. 33): a slipped rounding of the same figure, not another
    amount; one step further off is an error."""
    text = f"（二）支出预算情况\n一般公共服务支出{printed}亿元，主要用于机关运行。"
    rules = _errors(_doc(text, _expenditure((None, "合计", table), ("201", "一般公共服务支出", table))))
    assert rules == ({"narrative-amount": 1} if caught else {})


def test_last_years_execution_is_not_compared_with_the_new_budget():
    gpb = _expenditure((None, "合计", "100.00"), ("201", "一般公共服务支出", "100.00"),
                       name="一般公共预算支出表", kind="gpb-expenditure")
    text = "四、一般公共预算支出情况\n2025年一般公共预算财政拨款支出执行数为120.00万元。\n2026年一般公共预算财政拨款支出{}万元。"
    said = _said(_doc(text.format("100.00"), gpb))
    assert [f.rule for f in said] == ["insufficient-data"] and "2025" in said[0].message_zh
    assert _error(_doc(text.format("110.00"), gpb), "narrative-amount").actual == "110 万元"


DEBT = ("（二）政府债务情况\n1.全市。2025年底，全市地方政府债务余额为344.8亿元，其中：一般债务余额222.4亿元，占64.5%；"
        "专项债务余额122.4亿元，占35.5%。\n2.市本级。2025年底，市本级地方政府债务余额为112.5亿元，其中：一般债务余额"
        "56.9亿元，占{}%；专项债务余额55.6亿元，占49.4%。")


def test_a_share_is_of_the_whole_its_own_paragraph_states():
    doc = _doc(DEBT.format("50.6"), title=GOV_TITLE, year=None, kind=None, scope=None)
    assert _errors(doc) == {}
    f = _error(_doc(DEBT.format("60.6"), title=GOV_TITLE, year=None, kind=None, scope=None), "narrative-percent")
    assert "112.5亿元" in {p.text for p in f.figures} and f.expected == "50.58%"


# -- what reviewers find -------------------------------------------------------------------------------

ITEM = ("（三）“三公”经费预算情况\n1.公务接待费。2025年当年预算执行数为10.00万元，2026年预算安排8.00万元，"
        "比2025年预算执行数{word}{pct}%。主要原因是压减接待。")


def test_an_item_paragraphs_percentage_follows_from_its_own_two_amounts():
    assert _errors(_doc(ITEM.format(word="减少", pct="20.00"))) == {}
    f = _error(_doc(ITEM.format(word="减少", pct="25.00")), "narrative-percent")
    assert f.expected == "20.00%" and {p.text for p in f.figures} == {"8.00万元", "10.00万元"}
    f = _error(_doc(ITEM.format(word="增加", pct="20.00")), "narrative-direction")
    assert f.expected == "减少"


def test_the_percentage_is_not_checked_against_a_figure_of_another_measure():
    """"比上年预算减少Z%" while the paragraph states last year's execution: which budget, no figure says."""
    text = ("（三）“三公”经费预算情况\n1.公务接待费。2025年当年预算执行数为10.00万元，2026年预算安排8.00万元，"
            "比2025年预算减少25.00%。")
    said = _said(_doc(text))
    assert not [f for f in said if f.severity == "error"] and any("%" in f.message for f in said)


VERSUS = ("五、“三公”经费支出决算情况说明\n（二）公务接待费支出年初预算数为6.40万元，决算数为{}万元。"
          "决算数{word}年初预算数的主要原因是：落实过紧日子要求。")


@pytest.mark.parametrize(("final", "word", "wrong"), [
    ("4.00", "小于", False), ("4.00", "大于", True), ("4.00", "等于", True),
    ("6.40", "等于", False), ("6.40", "小于", True), ("7.00", "大于", False), ("7.00", "较年初预算数减少", True)])
def test_greater_or_smaller_follows_from_the_two_figures(final, word, wrong):
    text = VERSUS.format(final, word=word).replace("决算数较年初预算数减少年初预算数", "决算数较年初预算数减少")
    doc = _doc(text, title="某局2024年部门决算", year=2024, kind="决算")
    if wrong:
        f = _error(doc, "narrative-direction")
        assert {p.text for p in f.figures} == {f"{final}万元", "6.40万元"}
    else:
        assert _errors(doc) == {}


def test_greater_or_smaller_without_its_two_figures_cannot_be_checked():
    text = "五、“三公”经费支出决算情况说明\n决算数大于预算数的主要原因是：新增车辆。"
    said = _said(_doc(text, title="某局2024年部门决算", year=2024, kind="决算"))
    assert [f.rule for f in said] == ["insufficient-data"]


TOTALS = "一、收支预算总体情况\n本部门2026年收入预算总额为{total}万元，其中：财政拨款收入100.00万元，事业收入{other}万元。"


@pytest.mark.parametrize(("total", "other", "wrong"), [("105.00", "5.00", None), ("0", "5.00", "105.00 万元"),
                                                       ("105.00", "0", "5.00 万元")])
def test_a_total_or_a_row_stated_against_the_summary_table(total, other, wrong):
    summary = _summary("105.00", "105.00", ("财政拨款收入", "100.00"), ("事业收入", "5.00"))
    doc = _doc(TOTALS.format(total=total, other=other), statements=(summary,))
    if wrong is None:
        assert _errors(doc) == {}
    else:
        f = _error(doc, "narrative-amount")
        assert f.expected == wrong and f.figures[1].table == "收支预算总表"


CONTENTS = ("某局2026年部门预算\n目 录\n第一部分 部门概况\n第二部分 2026年部门预算表\n一、收支预算总表\n二、部门收入总表\n"
            "三、{third}\n第三部分 情况说明\n第一部分 部门概况\n某局是市政府工作部门。\n收支预算总表\n单位：万元\n"
            "部门收入总表\n单位：万元\n{printed}\n单位：万元\n")


def test_a_table_the_contents_list_and_the_document_does_not_print():
    twin = _doc(CONTENTS.format(third="项目绩效目标表", printed="项目支出绩效目标表"))  # the same table, a word more
    assert _errors(twin) == {}
    doc = _doc(CONTENTS.format(third="政府性基金预算支出表", printed="部门支出总表"))
    f = _error(doc, "listed-table-missing")
    assert f.actual == "三、政府性基金预算支出表" and f.figures[0].table == "目录" and f.source_line == 7


def test_a_listed_table_read_under_another_title_is_printed():
    """单位收入总表 listed, 部门收入总表 read (the standard table both titles name)."""
    text = CONTENTS.format(third="单位支出总表", printed="")
    table = Table("部门支出总表", "functional", "万元", ("合计",), (), (), "expenditure", note="本表无数据")
    assert _errors(_doc(text, table)) == {}


def test_the_seeds_comparisons_that_hold_pass():
    """Seed 003's form: "决算数较年初预算数减少的主要原因" after 6.40 → 4.00, written here."""
    assert _errors(_doc(VERSUS.format("4.00", word="较").replace("较年初预算数", "较年初预算数减少"),
                        title="某局2024年部门决算", year=2024, kind="决算")) == {}


# -- boundaries: one unit beyond the tolerance is caught, one inside is not ------------------------------

PERCENT = "（二）支出预算情况\n本部门2026年支出预算总额为11000.00万元，比2025年预算增加1000.00万元，增长{}%。"


@pytest.mark.parametrize(("printed", "caught"), [("10.00", False), ("9.99", False), ("10.01", True), ("9.98", True)])
def test_a_percentage_one_unit_off_in_its_last_decimal(printed, caught):
    """1000.00 / 10000.00 = 10.00% within the rounding of both amounts (9.99994%–10.00006%): 10.01 is one
    unit over; 9.99 is 10.00 truncated (allowed), 9.98 one unit below that."""
    rules = _errors(_doc(PERCENT.format(printed)))
    assert rules == ({"narrative-percent": 1} if caught else {})


AMOUNT_TABLE = _expenditure((None, "合计", "100.00"), ("201", "一般公共服务支出", "100.00"))


@pytest.mark.parametrize(("printed", "caught"), [("100.00", False), ("100.01", False), ("99.99", False),
                                                 ("100.02", True), ("99.98", True)])
def test_an_amount_one_unit_beyond_the_rounding(printed, caught):
    """Two figures printed to 0.01 may differ by 0.005 + 0.005: 100.01 against 100.00 is within, 100.02 not."""
    text = f"（二）支出预算情况\n一般公共服务支出{printed}万元，主要用于机关运行。"
    rules = _errors(_doc(text, AMOUNT_TABLE))
    assert rules == ({"narrative-amount": 1} if caught else {})


# -- claims are part of the document model: validation reads them, it does not parse text ------------------


def test_validation_does_not_import_the_narrative_reader():
    root = Path(govclass.__file__).parent / "validation"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "govclass.readers.narrative" not in names, path


def test_a_document_with_text_but_no_claims_is_said_unchecked_by_validation_and_parsed_by_the_api():
    from govclass.validation import validate as validate_only

    doc = _doc(PATH.format("31.00"), PATH_TABLE)
    assert doc.claims is None
    said = validate_only(doc).findings
    assert not [f for f in said if f.rule == "narrative-amount"]
    assert [f for f in said if f.rule == "insufficient-data" and "not checked" in f.message]
    assert [f for f in validate(doc).findings if f.rule == "narrative-amount"]


def test_a_read_document_carries_its_claims(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text("某局2026年部门预算\n部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t100.00\n"
                    "201\t一般公共服务支出\t100.00\n（二）支出预算情况\n一般公共服务支出100.00万元，主要用于机关运行。\n",
                    encoding="utf-8")
    doc = govclass.read(path)
    assert doc.claims and doc.claims[0].amount == Decimal("100.00") and doc.sentences


def test_scope_year_and_measure_come_from_the_headings_and_stay_unknown_when_nothing_says():
    text = ("一、2025年预算执行情况\n（一）全市一般公共预算\n全市一般公共预算收入完成100.00亿元。\n"
            "二、2026年预算草案\n（二）市本级一般公共预算\n市本级一般公共预算支出安排50.00亿元。\n"
            "三、其他\n收入总量为10.00亿元。")
    claims = read_narrative(text_units(text), get_catalog(2025), level="government").claims
    got = [(c.scope, c.year, c.measure) for c in claims]
    assert got == [("whole", 2025, "执行"), ("本级", 2026, "预算"), (None, None, None)]


SHARE = "（二）支出预算情况\n本部门2026年支出预算总额为3000.00万元，其中：基本支出1000.00万元，占{}%。"


@pytest.mark.parametrize(("printed", "caught"), [("33.33", False), ("33.34", False), ("33.32", False),
                                                 ("33.35", True), ("33.31", True)])
def test_a_share_may_be_one_unit_off_its_rounding_never_two(printed, caught):
    """1000.00 of 3000.00 is 33.333%: 33.33 rounded, 33.34 or 33.32 moved one unit so that shares total 100%;
    33.35 and 33.31 are two units off."""
    rules = _errors(_doc(SHARE.format(printed)))
    assert rules == ({"narrative-percent": 1} if caught else {})


def test_the_readers_missing_table_warning_gives_way_to_the_contents_error_only_when_it_is_said():
    """One defect, one finding: 收支预算总表 listed and not printed is listed-table-missing, not also the
    reader's missing-table; skipping the error keeps the warning (nothing is dropped)."""
    from govclass.document import Problem

    text = CONTENTS.format(third="政府性基金预算支出表", printed="部门支出总表").replace("收支预算总表\n单位：万元\n", "")
    missing = Problem("missing-table", "warning", "收支预算总表", "the document does not print 收支预算总表", "缺")
    doc = Document((), 2026, DEPT_TITLE, "预算", problems=(missing,), narrative=text_units(text), scope="部门")
    rules = collections.Counter(f.rule for f in validate(doc).findings if f.table.endswith("收支预算总表"))
    assert rules == {"listed-table-missing": 1}
    kept = collections.Counter(f.rule for f in validate(doc, skip=["listed-table-missing"]).findings
                               if f.table.endswith("收支预算总表"))
    assert kept == {"missing-table": 1}
