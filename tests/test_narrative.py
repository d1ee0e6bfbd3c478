"""The narrative of a disclosure against its tables (govclass.readers.narrative, govclass.validation.rules.narrative).

The pinned counts and findings below were read against the documents by hand:
every finding that is not insufficient-data is a real defect of the document
(see the comments), and every insufficient-data finding names a sentence whose
subject no table of the document prints (政府采购, 项目 descriptions, 机关运行经费,
an economic class over all funds) or that the reader cannot tie to one figure.
"""

from __future__ import annotations

import collections
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govclass.api import validate  # parses the claims of a Document built here with its text (the api layer)
from govclass.catalog import get_catalog
from govclass.document import Document, Item, Line, Relation, Statement, Table, parse_amount
from govclass.readers import read_document
from govclass.readers.narrative import TextUnit, read_narrative, text_units
from govclass.validation.rules.narrative import NARRATIVE_RULES, narrative_check

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"

# amounts stated, amounts checked against a table, percentages checked, 决算数大于/小于预算数 comparisons
# checked, tables the 目录 lists
COUNTS = {
    "000": {"claims": 43, "checked": 23, "percents": 4, "comparisons": 0, "listed": 0},
    "001": {"claims": 101, "checked": 58, "percents": 1, "comparisons": 0, "listed": 11},  # 目录 lines 16-26
    "002": {"claims": 38, "checked": 23, "percents": 3, "comparisons": 0, "listed": 10},  # 目录 lines 12-21
    # line 760 "年末结转和结余 15727.83 万元" is checked against 公开01表's row (line 149: 15,727.83), lines 736
    # and 752 "收入总计/支出总计 27655.80 万元" against its 总计 (line 153: 27,655.80 on each side); the
    # three "决算数较年初预算数减少/增加的主要原因" (lines 846, 854, 872) against their paragraphs' figures
    "003": {"claims": 48, "checked": 15, "percents": 22, "comparisons": 3, "listed": 0},
    "004": {"claims": 71, "checked": 18, "percents": 1, "comparisons": 0, "listed": 0},
}

# (rule, source line) of every narrative finding that is not insufficient-data
DEFECTS = {
    # 比上年预算增加减少 3.02 万元: both words left from the template
    "000": {("placeholder-text", 231): 1},
    # 较上年预算安排增加(减少) 0 万元 / 比上年增（减）0万元 left from the template, 36 sentences
    "001": {("placeholder-text", 277): 8, ("placeholder-text", 287): 13, ("placeholder-text", 289): 4,
            ("placeholder-text", 291): 7, ("placeholder-text", 339): 1, ("placeholder-text", 341): 1,
            ("placeholder-text", 343): 1, ("placeholder-text", 345): 1,
            # its 目录 lists 《收支预算总表》 and 《部门收入总表》 (lines 16, 17); the text prints neither
            ("listed-table-missing", 16): 1, ("listed-table-missing", 17): 1},
    "002": {("placeholder-text", 78): 1},  # 较上年预算安排增加(减少)0.00 万元
    "003": {("narrative-direction", 736): 1,  # 增加 10978.73 万元，增长-30404.39%
            ("narrative-percent", 880): 1,  # 178.16 万元，较年初预算数减少 48.81 万元，降低 37.73% (is 21.51%)
            ("narrative-percent", 850): 1,  # 年初预算数为 6.40 万元，决算数为 4.00 万元，完成预算的 60.47% (is 62.50%)
            ("narrative-name", 1075): 1},  # 行政事业单位离退休: 20805's name before the 2020 edition
    "004": {},
}


def _seed(seeds, prefix):
    from conftest import seeds_dir

    return str(seeds_dir() / next(n for n in seeds if n.startswith(prefix)))


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_seed_statements_found_and_checked(seeds, prefix):
    doc = read_document(_seed(seeds, prefix))
    report = validate(doc)
    catalog = get_catalog(report.edition)
    _found, counts = narrative_check(doc, catalog)
    assert counts == COUNTS[prefix]
    defects = collections.Counter((f.rule, f.source_line) for f in report.findings
                                  if f.rule in NARRATIVE_RULES)
    assert dict(defects) == DEFECTS[prefix]
    # every claim is either checked or said to be unchecked: insufficient-data with its sentence
    unchecked = [f for f in report.findings if f.rule == "insufficient-data" and f.sentence]
    assert len(unchecked) >= counts["claims"] - counts["checked"]
    assert all(f.sentence and f.source_line for f in report.findings if f.rule in NARRATIVE_RULES)


def test_reader_understands_a_seed_sentence():
    units = text_units("（一）收入预算情况\n2024 年某局收入预算总额为 1816.08 万元，\n较上年增加 176.13 万元，增长 10.7%，主要原因是结余。")
    (claim,) = read_narrative(units, get_catalog(2024)).claims
    assert claim.subject.kind == "total-income" and claim.section == "income"
    assert (claim.amount, claim.unit, claim.direction, claim.change, claim.percent, claim.percent_decimals) == (
        Decimal("1816.08"), "万元", "up", Decimal("176.13"), Decimal("10.7"), 1)
    assert claim.line == 2


def test_path_and_code_subjects_resolve_with_the_catalog():
    cat = get_catalog(2024)
    units = [TextUnit("1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于基本支出。", 1, 6)]
    (claim,) = read_narrative(units, cat).claims
    assert (claim.subject.kind, claim.subject.code, claim.page) == ("code", "2010301", 6)
    assert claim.amount == Decimal("1202.95")


# -- real PDFs (skipped without ../shared/realdocs or pypdfium2) --------------------

PDF_DEFECTS = {
    # 主要原因是。 (p.16) and 医疗卫生与计划生育支出 for 210 in a 2024 budget (p.6 text, p.7 and p.10 table labels);
    # p.6 "社会福利事业单位（项）738.66万元": its tables (read by geometry since issue 13) print 2081005 as
    # 9,584,796 元 (支出预算总表, p.9) and 6,964,796 元 (一般公共预算支出功能分类预算表, p.11): neither is 738.66 万元
    "sh-putuo-welfarehome-2024-unit-budget.pdf": {("narrative-empty-reason", 16): 1, ("narrative-name", 6): 1,
                                                  ("narrative-name", 7): 1, ("narrative-name", 10): 1,
                                                  ("narrative-amount", 6): 1},
    # 其他国土资源事务支出 (2200199 is 其他自然资源事务支出); "一般公共预算财政拨款基本支出 5377.64 万元，其中：
    # 人员经费 4896.98 万元": 5377.64 is the 基本支出 of all funds (支出决算表); the 财政拨款 tables print
    # 5364.75 (公开05表) = 人员经费合计 4884.09 + 公用经费合计 480.66 (公开06表)
    "sh-putuo-planning-2024-final.pdf": {("narrative-name", 24): 1, ("narrative-amount", 24): 2},
    "sh-putuo-govoffice-2025-unit-budget.pdf": {},
    # a 2024 决算 naming 20805 行政事业单位离退休（款） (行政事业单位养老支出 since the 2020 edition), 5 sentences
    "cities/nat-petitions-2024-dept-final.pdf": {("narrative-name", 22): 3, ("narrative-name", 23): 1,
                                                 ("narrative-name", 40): 1},
    # clean narratives (41 and 33 percentages checked): no false alarm
    "cities/wuxi-transport-2026-budget.pdf": {},
    "cities/suzhou-audit-2026-dept-budget.pdf": {},
    # p.9 item 31: "住房公积金（项）”350.35万元 … 2024年预算安排352.67万元，比2023年预算执行数增加0.53%": the
    # tables print 3,503,499 元, and 0.53% is 350.35 against 348.52 (the 32 other items' percentages hold)
    "sh-putuo-wanli-2024-dept-budget.pdf": {("narrative-amount", 9): 1},
    # p.21 "财政拨款收入支出总计0.3万元" (公开04表 p.13 prints 总计 2,961.68); "一般公共服务支出（类）2106.66万元，
    # 占71.73%" of 2940.05 is 71.65% (the four shares printed total 100.07%)
    "sh-putuo-finance-2024-final.pdf": {("narrative-amount", 21): 1, ("narrative-percent", 21): 1},
    # pp.7-8 "机关事业单位职业年金缴费支出（项）887.36万元" twice; the tables print 873,617.00 元 (87.36 万元)
    "sh-putuo-finance-2025-dept-budget.pdf": {("narrative-amount", 7): 1, ("narrative-amount", 8): 1},
}

# The narrative errors (warnings aside: their names are the editions issue's) of documents read against
# the page images: every one a real defect, none of the false ones before (issue 23).
REALDOC_ERRORS = {
    # 全市 and 市本级部门预算 sentences against the 本级 tables, 全市 and 本级 totals said "again": all gone
    "government/guangzhou-2026-city-budget.pdf": {},
    # p.9 "省本级国有资本经营预算收入 1.9 亿元" against 合计 18,463 万元 (p.150): a figure rounded twice (1.8463 ->
    # 1.85 -> 1.9 亿元) is no error (narrative.rule_amount, main's rule: precision first)
    "government/heilongjiang-2022-final-accounts.pdf": {},
    "government/wuzhong-2025-execution-2026-budget.pdf": {},
    # p.22 "提租补贴（项）支出 1959.99 万元，与上年相比增加 865.57 万元，增长 79.05%" (79.09%)
    "provinces/jiangsu-court-2017-dept-budget.pdf": {("narrative-percent", 22): 1},
    # p.23 "增加3,958.67 万元，增长 21.95%" of 21,955.35 (22.00%); p.26 "增长 0.06%" (0.60%), "降幅 0.66%" (6.60%)
    "provinces/jiangsu-procuratorate-2018-dept-budget.pdf": {("narrative-percent", 23): 1, ("narrative-percent", 26): 2},
}


@pytest.mark.parametrize("name", sorted(REALDOC_ERRORS))
def test_realdoc_narrative_errors_are_real(name):
    pytest.importorskip("pypdfium2")
    path = REALDOCS / name
    if not path.exists():
        pytest.skip("../shared/realdocs not found")
    report = validate(read_document(str(path)))
    got = collections.Counter((f.rule, f.page) for f in report.findings
                              if f.rule in NARRATIVE_RULES and f.severity == "error")
    assert dict(got) == REALDOC_ERRORS[name]


@pytest.mark.parametrize("name", sorted(PDF_DEFECTS))
def test_realdoc_narrative_defects(name):
    pytest.importorskip("pypdfium2")
    path = REALDOCS / name
    if not path.exists():
        pytest.skip("../shared/realdocs not found")
    report = validate(read_document(str(path)))
    got = collections.Counter((f.rule, f.page) for f in report.findings if f.rule in NARRATIVE_RULES)
    assert dict(got) == PDF_DEFECTS[name]


# -- properties: a narrative computed from its tables -------------------------------

_CLASSES = [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出")]


def _money(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


@st.composite
def budgets(draw):
    n = draw(st.integers(1, len(_CLASSES)))
    amounts = [draw(st.integers(1_000, 10_000_000)) for _ in range(n)]  # cents of 万元
    last = [draw(st.integers(1_000, 10_000_000)) for _ in range(n)]
    return _CLASSES[:n], amounts, last


def _document(classes, amounts, last, mutate=None):
    """A budget whose narrative states each class and the total with its change
    and percentage, computed from the figures; ``mutate`` = (sentence index,
    what) changes one thing in one sentence."""
    total = sum(amounts)
    lines = [Line(None, "合计", {"合计": parse_amount(_money(total)), "基本支出": parse_amount(_money(total)),
                                  "项目支出": parse_amount("0.00")}, True, 1)]
    for i, ((code, name), a) in enumerate(zip(classes, amounts), 2):
        lines.append(Line(code, name, {"合计": parse_amount(_money(a)), "基本支出": parse_amount(_money(a)),
                                       "项目支出": parse_amount("0.00")}, False, i))
    table = Table("部门支出总表", "functional", "万元", ("合计", "基本支出", "项目支出"), tuple(lines),
                  (Relation("合计", ("基本支出", "项目支出")),), "expenditure")
    summary = Statement("收支预算总表", "summary", "万元", {"收入": ("预算数",), "支出": ("预算数",)}, (
        Item("收入总计", {"预算数": parse_amount(_money(total))}, "收入"),
        Item("支出总计", {"预算数": parse_amount(_money(total))}, "支出")))
    texts = ["（二）支出预算情况"]
    rows = [("本部门支出预算总额为", total, sum(last))] + [(name, a, b) for (_c, name), a, b in
                                                         zip(classes, amounts, last)]
    for k, (subject, now, before) in enumerate(rows):
        change = now - before
        word, pword = ("增加", "增长") if change >= 0 else ("减少", "下降")
        pct = (Decimal(abs(change)) / Decimal(before) * 100).quantize(Decimal("0.01"))
        figures = [_money(now), _money(abs(change)), f"{pct}"]
        if mutate is not None and mutate[0] == k:
            what = mutate[1]
            if what == "amount":
                figures[0] = _money(now + 500)  # 5.00 万元 more than the table
            elif what == "percent":
                figures[2] = f"{(pct * Decimal('1.1') + 1).quantize(Decimal('0.01'))}"  # beyond the amounts' rounding
            else:
                pword = "下降" if pword == "增长" else "增长"
        texts.append(f"{subject}{figures[0]}万元，比2023年预算{word}{figures[1]}万元，{pword}{figures[2]}%。")
    units = tuple(TextUnit(t, i) for i, t in enumerate(texts, 1))
    return Document((table,), 2024, "某局2024年部门预算", "预算", statements=(summary,), narrative=units)


def _flagged(doc):
    return {f.source_line for f in validate(doc).findings if f.rule in NARRATIVE_RULES}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets())
def test_a_narrative_computed_from_its_tables_raises_nothing(budget):
    doc = _document(*budget)
    report = validate(doc)
    assert not [f for f in report.findings if f.rule in NARRATIVE_RULES or
                (f.rule == "insufficient-data" and f.sentence)], report.findings


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets(), st.data(), st.sampled_from(["amount", "percent", "direction"]))
def test_one_changed_figure_or_word_flags_exactly_its_sentence(budget, data, what):
    classes, amounts, last = budget
    k = data.draw(st.integers(0, len(classes)))
    now, before = (sum(amounts), sum(last)) if k == 0 else (amounts[k - 1], last[k - 1])  # sentence 0: the total
    if what == "direction" and now == before:
        return  # 增加 0: no word to contradict
    doc = _document(classes, amounts, last, (k, what))
    assert _flagged(doc) == {k + 2}


# -- the identities and the word rules, on made documents ---------------------------


def _three_public(total, abroad, reception, vehicle, run, buy):
    cols = ("合计", "因公出国(境)费小计", "公务接待费", "公务用车购置及运行维护费小计", "公务用车运行维护费", "公务用车购置")
    cells = {c: parse_amount(v) for c, v in zip(cols, (total, abroad, reception, vehicle, run, buy))}
    return Statement("财政拨款“三公”经费支出表", "three-public", "万元", {"": cols}, (Item("604 某局", cells),))


def test_sangong_identities():
    doc = Document((), 2024, statements=(_three_public("11.06", None, "11.06", None, None, None),))
    assert not [f for f in validate(doc).findings if f.rule == "sangong-identity"]
    doc = Document((), 2024, statements=(_three_public("12.06", "1.00", "8.06", "2.50", "1.50", "0.50"),))
    found = [f for f in validate(doc).findings if f.rule == "sangong-identity"]
    # 12.06 ≠ 1.00 + 8.06 + 2.50, and 2.50 ≠ 1.50 + 0.50
    assert len(found) == 2 and {f.actual for f in found} == {"12.06", "2.50"}


def test_sangong_against_the_basic_table():
    basic = Table("一般公共预算基本支出表", "economic", "万元", ("合计", "人员经费", "公用经费"), (
        Line(None, "合计", {c: parse_amount("20.00") for c in ("合计", "公用经费")} | {"人员经费": parse_amount(None)},
             True, 1),
        Line("302", "商品和服务支出", {"合计": parse_amount("20.00")}, False, 2),
        Line("30217", "公务接待费", {"合计": parse_amount("12.00")}, False, 3)), (), "gpb-basic")
    doc = Document((basic,), 2024, statements=(_three_public("11.06", None, "11.06", None, None, None),))
    (f,) = [f for f in validate(doc).findings if f.rule == "sangong-vs-basic"]
    assert f.code == "30217" and f.actual == "12.00"


def test_statement_balance():
    st = Statement("收支预算总表", "summary", "万元", {"收入": ("预算数",), "支出": ("预算数",)}, (
        Item("收入总计", {"预算数": parse_amount("1,816.08")}, "收入"),
        Item("支出总计", {"预算数": parse_amount("1,816.18")}, "支出")))
    (f,) = [f for f in validate(Document((), 2024, statements=(st,))).findings if f.rule == "statement-balance"]
    assert f.difference == Decimal("-0.10")


def _narrative_doc(text, title="某局2026年部门预算", year=2026):
    return Document((), year, title, "预算", narrative=text_units(text))


def _rules(doc):
    return collections.Counter(f.rule for f in validate(doc).findings if f.rule in NARRATIVE_RULES)


def test_year_scope_reason_and_placeholder_words():
    assert _rules(_narrative_doc("财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元。")) == {"narrative-year": 1}
    assert _rules(_narrative_doc("财政拨款收入9,101.68万元，比2025年预算减少2,389.52万元。")) == {}
    unit = "某中心2026年单位预算"
    assert _rules(_narrative_doc("本部门2026年收入预算100万元。", unit)) == {"narrative-scope": 1}
    assert _rules(_narrative_doc("本单位2026年收入预算100万元。", unit)) == {}
    assert _rules(_narrative_doc("公务接待费5万元，比上年减少2万元，主要原因是。")) == {"narrative-empty-reason": 1}
    assert _rules(_narrative_doc("财政拨款收入x,xxx万元，比2025年预算增加（减少）XXX万元（持平）。")) == {
        "placeholder-text": 1}


def test_names_of_another_edition():
    doc = _narrative_doc("医疗卫生与计划生育支出（210类）50.37万元。", year=2024)
    (f,) = [f for f in validate(doc).findings if f.rule == "narrative-name"]
    assert f.code == "210" and f.expected == "卫生健康支出"
    assert _rules(_narrative_doc("卫生健康支出（210类）50.37万元。", year=2024)) == {}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.,，。；：%％万元亿增加减少持平较比上年2025年预算其中占完成的（）()类款项-XX主要原因是 \n",
                        max_size=80), max_size=8))
def test_the_reader_answers_any_text(lines):
    """Any text gives claims or none, never an exception."""
    units = tuple(TextUnit(t, i, 1 + i // 3) for i, t in enumerate(lines, 1))
    narrative = read_narrative(units, get_catalog(2024))
    doc = Document((), 2024, "某局2024年部门预算", "预算", narrative=units)
    validate(doc)
    assert all(c.sentence for c in narrative.claims)


def test_a_printed_code_is_a_subject():
    units = [TextUnit("2010301行政运行1,202.95万元，主要用于行政单位的基本支出。", 3)]
    (claim,) = read_narrative(units, get_catalog(2024)).claims
    assert (claim.subject.kind, claim.subject.code) == ("code", "2010301")


def test_a_sub_heading_stays_in_its_part():
    text = "四、财政拨款支出预算情况说明\n（一）支出预算总体情况\n基本支出100.00万元。"
    (claim,) = read_narrative(text_units(text), get_catalog(2024)).claims
    assert claim.section == "fiscal"
    text = "一、部门预算收支情况说明\n（二）支出预算情况\n基本支出100.00万元。"
    (claim,) = read_narrative(text_units(text), get_catalog(2024)).claims
    assert claim.section == "expenditure"


def test_a_budget_may_compare_with_the_last_final_account():
    assert _rules(_narrative_doc("财政拨款收入100万元，比2024年决算数减少10万元。")) == {}
    assert _rules(_narrative_doc("2025年执行数为100万元。")) == {}


def test_contradicting_direction_words_are_flagged_over_a_zero_percentage():
    """减少 3.57 万元 then 增长 0.00%: the words contradict each other even where the
    percentage rounds to zero (a case hypothesis found)."""
    doc = _document(_CLASSES[:3], [7139241, 1000, 1000], [1102, 1000, 7139496], (0, "direction"))
    assert _flagged(doc) == {2}
    unchanged = _document(_CLASSES[:3], [7139241, 1000, 1000], [1102, 1000, 7139496])
    assert _flagged(unchanged) == set()
