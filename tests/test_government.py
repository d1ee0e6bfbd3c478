"""The identities of a government budget (issue 26): each on a small document the test builds, a correct one and
its defective twin, the rounding tolerance one unit either side, a blank or an unknown row that leaves an identity
unproven (insufficient-data, never an error), and a table of another year or scope that must not be compared.
The figures follow the layouts of the reports in ../shared/realdocs/government (Xinjiang 2024 表三 p. 5, Heilongjiang
2022 2.2 pp. 24-26, 2.9 p. 79 and 2.21 p. 99, Guangzhou 2025 表22 p. 115 and 表27 p. 128), but none of these tests
reads ../shared."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govclass.api import validate
from govclass.document import Document, Item, Line, Problem, Relation, Statement, Table, parse_amount
from govclass.readers.narrative import text_units
from govclass.validation.rules.government import GOVERNMENT_RULES, column_period, sheets

WAN = "万元"


def _doc(*tables, statements=(), form="government-budget", year=2025, problems=(), text=None, title=None):
    return Document(tuple(tables), year, title, "预算", form=form, statements=tuple(statements), problems=tuple(problems),
                    narrative=text_units(text) if text else ())


def _found(doc, rule=None, severity=None):
    found = [f for f in validate(doc).findings if f.rule in GOVERNMENT_RULES or f.rule == "insufficient-data"]
    return [f for f in found if (rule is None or f.rule == rule) and (severity is None or f.severity == severity)]


def _errors(doc):
    return [f for f in validate(doc).findings if f.severity == "error"]


def _statement(name, income, spending, column="执行数", kind="summary"):
    """A 平衡表 with its two sides side by side (收入 | 执行数 | 支出 | 执行数): (label, figure) each side."""
    items = [Item(label, {column: parse_amount(v)}, "收入", page=5) for label, v in income]
    items += [Item(label, {column: parse_amount(v)}, "支出", page=5) for label, v in spending]
    return Statement(name, kind, WAN, {"收入": (column,), "支出": (column,)}, tuple(items))


def _table(name, rows, columns=("执行数",), **fields):
    """A table of labelled rows (code, label, figures…); a label 合计/总计 is its total line."""
    lines = []
    for i, (code, label, *figures) in enumerate(rows, 1):
        cells = {c: parse_amount(v) for c, v in zip(columns, figures)}
        lines.append(Line(code, label, cells, label in ("合计", "总计"), i, page=7))
    return Table(name, "functional", WAN, tuple(columns), tuple(lines), **fields)


# -- Xinjiang 2024 表三: 一般公共预算收支平衡表, both sides add up to 81,260,507 ------------------------------------------

INCOME = [("一般公共预算收入", "24,089,234"), ("上级补助收入", "39,831,239"), ("返还性收入", "1,260,093"),
          ("一般性转移支付收入", "34,834,973"), ("专项转移支付收入", "3,736,173"), ("上解收入", "-"),
          ("体制上解收入", ""), ("专项上解收入", ""), ("上年结余收入", "6,500,425"), ("调入资金", "1,460,000"),
          ("从政府性基金预算调入一般公共预算", "1,279,265"), ("从国有资本经营预算调入一般公共预算", "95,085"),
          ("从其他资金调入一般公共预算", "85,650"), ("债务收入", "5,527,557"), ("一般债务收入", "5,527,557"),
          ("动用预算稳定调节基金", "3,566,867"), ("区域间转移性收入", "285,185"), ("收入总计", "81,260,507")]
SPENDING = [("一般公共预算支出", "62,403,691"), ("补助下级支出", "-"), ("返还性支出", ""), ("一般性转移支付", ""),
            ("专项转移支付支出", ""), ("上解上级支出", "541,640"), ("体制上解支出", "24,500"), ("专项上解支出", "517,140"),
            ("调出资金", "2,865,185"), ("债务还本支出", "3,228,462"), ("地方政府一般债务还本", "3,228,462"),
            ("安排预算稳定调节基金", "5,720,817"), ("年终结余", "6,500,712"), ("结转下年的支出", "6,500,712"),
            ("支出总计", "81,260,507")]
BALANCE = "表三：2024年自治区一般公共预算收支平衡表"


def _replaced(rows, label, figure):
    return [(lab, figure if lab == label else v) for lab, v in rows]


def test_the_balance_as_printed_holds():
    assert _found(_doc(statements=[_statement(BALANCE, INCOME, SPENDING)])) == []


def test_an_item_off_the_balance_is_one_error_naming_every_figure_it_rests_on():
    wrong = _statement(BALANCE, _replaced(INCOME, "动用预算稳定调节基金", "3,566,967"), SPENDING)
    found = _found(_doc(statements=[wrong]))
    assert [(f.rule, f.severity) for f in found] == [("budget-balance", "error")]
    f = found[0]
    assert f.difference == -100 and f.column == "执行数" and f.rests_on == (wrong,)
    texts = [(p.row, p.text) for p in f.figures]
    assert texts[0] == ("收入总计", "81,260,507")
    # the seven items of the side, none of their details (返还性收入 is in 上级补助收入's figure)
    assert [row for row, _t in texts[1:]] == ["一般公共预算收入", "上级补助收入", "上解收入", "上年结余收入", "调入资金",
                                             "债务收入", "动用预算稳定调节基金", "区域间转移性收入"]
    assert ("动用预算稳定调节基金", "3,566,967") in texts and all(p.page == 5 for p in f.figures)


def test_the_same_balance_printed_as_a_table_in_turn():
    rows = [(None, label, v) for label, v in INCOME + SPENDING]
    table = _table(BALANCE, rows)
    assert _found(_doc(table)) == []
    wrong = _table(BALANCE, [(c, lab, "2,865,285" if lab == "调出资金" else v) for c, lab, v in rows])
    assert [(f.rule, f.actual, f.expected) for f in _found(_doc(wrong))] == [("budget-balance", "81260507", "81260607")]


def test_totals_that_differ_are_budget_totals_and_the_side_that_holds_says_nothing():
    wrong = _statement(BALANCE, INCOME, _replaced(SPENDING, "支出总计", "81,260,607"))
    found = _found(_doc(statements=[wrong]))
    # 收入总计 ≠ 支出总计; the 支出 side's items fall short of its 总计, and its 补助下级支出 is blank ("-": no value,
    # which could hold the rest): that side is not proven wrong
    assert [f.rule for f in found] == ["budget-totals", "insufficient-data"]
    assert {p.text for p in found[0].figures} == {"81,260,507", "81,260,607"}
    assert "补助下级支出" in found[1].message


def test_a_misprinted_total_whose_items_make_the_other_total_is_one_finding():
    spending = [("一般公共预算支出", "62,403,691"), ("上解上级支出", "541,640"), ("调出资金", "2,865,185"),
                ("债务还本支出", "3,228,462"), ("安排预算稳定调节基金", "5,720,817"), ("年终结余", "6,500,712"),
                ("支出总计", "81,260,607")]
    found = _found(_doc(statements=[_statement(BALANCE, INCOME, spending)]))
    # the 支出 side's items make 81,260,507, the 收入总计: its own 总计 is the one figure wrong
    assert [(f.rule, f.table, f.actual, f.expected) for f in found] == [
        ("budget-balance", BALANCE, "81260607", "81260507")]


@pytest.mark.parametrize("budget", ["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"])
def test_income_total_equals_spending_total_in_every_budget(budget):
    name = f"2022年某省{budget}收支总表"
    good = _statement(name, [("收入总计", "1,000")], [("支出总计", "1,000")], "决算数")
    bad = _statement(name, [("收入总计", "1,000")], [("支出总计", "1,002")], "决算数")
    assert _found(_doc(statements=[good], form="government-final")) == []
    assert [f.rule for f in _found(_doc(statements=[bad], form="government-final"))] == ["budget-totals"]


def test_a_social_insurance_fund_prints_its_income_and_spending_totals_that_differ_by_the_years_surplus():
    """收入合计 and 支出合计 are no 总计: a 社会保险基金 平衡表 that prints them unequal is no defect (the
    department's statement-balance, which takes a 合计 for the 总计, does not run on a government's tables)."""
    st = _statement("2024年自治区社会保险基金预算执行情况和2025年预算安排平衡表", [("收入合计", "9,000")],
                    [("支出合计", "8,000")])
    assert _errors(_doc(statements=[st])) == []
    assert _errors(attrs.evolve(_doc(statements=[st]), form=None))[0].rule == "statement-balance"


@pytest.mark.parametrize("spent, caught", [("100.01", False), ("100.02", True), ("99.99", False), ("99.98", True)])
def test_the_balance_tolerance_is_the_rounding_of_every_figure(spent, caught):
    """收入总计 100.00 against two items: three figures of two decimals, 0.015 at most; a sum off by one unit of
    the last place beyond it is caught, one unit inside is not."""
    income = [("一般公共预算收入", "60.00"), ("上级补助收入", str(parse_amount(spent).value - 60)), ("收入总计", "100.00")]
    spending = [("一般公共预算支出", "100.00"), ("支出总计", "100.00")]
    found = _found(_doc(statements=[_statement("某市本级一般公共预算收支平衡表", income, spending)]))
    assert [f.rule for f in found] == (["budget-balance"] if caught else [])


def test_a_blank_item_leaves_the_balance_unproven():
    income = [("一般公共预算收入", "60"), ("上级补助收入", "-"), ("上年结余收入", "30"), ("收入总计", "100")]
    spending = [("一般公共预算支出", "100"), ("支出总计", "100")]
    found = _found(_doc(statements=[_statement("某市本级一般公共预算收支平衡表", income, spending)]))
    assert [(f.rule, f.severity) for f in found] == [("insufficient-data", "warning")]
    assert "上级补助收入" in found[0].message and "空白不等于零" in found[0].message_zh
    filled = _replaced(income, "上级补助收入", "5")  # printed, and five short: proven
    assert [f.rule for f in _found(_doc(statements=[_statement("某市本级一般公共预算收支平衡表", filled, spending)]))] \
        == ["budget-balance"]


def test_a_row_the_words_do_not_know_leaves_the_balance_unproven():
    """A row that is no item the words know and does not add up as a detail of the item above it may be an item
    of the balance: the sum cannot be proven wrong."""
    income = [("一般公共预算收入", "60"), ("上级补助收入", "30"), ("援疆资金收入", "10"), ("收入总计", "100")]
    spending = [("一般公共预算支出", "100"), ("支出总计", "100")]
    found = _found(_doc(statements=[_statement("某市本级一般公共预算收支平衡表", income, spending)]))
    assert [f.rule for f in found] == ["insufficient-data"] and "援疆资金收入" in found[0].message


HEILONGJIANG_INCOME = [
    ("一般公共预算收入", "12,906,637"), ("上级补助收入", "41,998,590"), ("返还性收入", "1,185,795"),
    ("所得税基数返还收入", "122,592"), ("成品油税费改革税收返还收入", "312,400"), ("增值税税收返还收入", "672,403"),
    ("消费税税收返还收入", "137,800"), ("增值税“五五分享”税收返还收入", "-59,400"), ("其他返还性收入", "0"),
    ("一般性转移支付收入", "38,095,011"), ("均衡性转移支付收入", "38,095,011"), ("专项转移支付收入", "2,717,784"),
    ("一般公共服务", "2,717,784"), ("下级上解收入", "0"), ("待偿债再融资一般债券上年结余", "0"),
    ("上年结余收入", "8,622,822"), ("调入资金", "814,714"), ("债务收入", "7,360,015"), ("国债转贷资金上年结余", "22"),
    ("动用预算稳定调节基金", "2,997,508"), ("收入总计", "74,700,308")]
HEILONGJIANG_SPENDING = [
    ("一般公共预算支出", "54,519,886"), ("上解上级支出", "356,229"), ("补充预算周转金", "0"), ("调出资金", "45,622"),
    ("债务还本支出", "3,975,477"), ("国债转贷资金结余", "22"), ("安排预算稳定调节基金", "3,980,422"),
    ("待偿债再融资一般债券结余", "0"), ("年终结余", "11,822,650"), ("减:结转下年的支出", "11,822,650"),
    ("净结余", "0"), ("支出总计", "74,700,308")]


def test_details_of_two_levels_under_an_item_are_in_its_figure():
    """上级补助收入 = 返还性 + 一般性 + 专项, each with its own details: the rows below it add up to it twice."""
    st = _statement("2.2 2022年黑龙江省一般公共预算收支总表", HEILONGJIANG_INCOME, HEILONGJIANG_SPENDING, "决算数")
    assert _found(_doc(statements=[st], form="government-final")) == []
    wrong = _statement(st.name, _replaced(HEILONGJIANG_INCOME, "上年结余收入", "8,622,922"), HEILONGJIANG_SPENDING,
                       "决算数")
    assert [f.rule for f in _found(_doc(statements=[wrong], form="government-final"))] == ["budget-balance"]
    # a detail off its item: the rows below 上级补助收入 no longer add up to it, and the side fails: unproven
    torn = _statement(st.name, _replaced(_replaced(HEILONGJIANG_INCOME, "一般公共服务", "2,717,884"), "上年结余收入",
                                         "8,622,922"), HEILONGJIANG_SPENDING, "决算数")
    found = _found(_doc(statements=[torn], form="government-final"))
    assert [f.rule for f in found] == ["insufficient-data"] and "一般公共服务" in found[0].message


def test_transfers_under_the_transfer_total_are_its_parts():
    """收入总计 = 一般公共预算收入 + 转移性收入, the transfers printed below 转移性收入 its parts."""
    income = [("一般公共预算收入", "300"), ("转移性收入", "900"), ("上级补助收入", "600"), ("返还性收入", "100"),
              ("一般性转移支付收入", "500"), ("上年结余", "200"), ("调入资金", "100"), ("收入总计", "1,200")]
    spending = [("一般公共预算支出", "1,000"), ("转移性支出", "200"), ("上解上级支出", "50"), ("结转下年", "150"),
                ("支出总计", "1,200")]
    name = "2025年某市本级一般公共预算收支平衡表"
    assert _found(_doc(statements=[_statement(name, income, spending)])) == []
    wrong = _replaced(income, "一般公共预算收入", "310")
    assert [f.rule for f in _found(_doc(statements=[_statement(name, wrong, spending)]))] == ["budget-balance"]
    # parts that do not make their group: which of the two is wrong the table does not prove
    loose = _replaced(_replaced(income, "调入资金", "110"), "一般公共预算收入", "310")
    assert [f.rule for f in _found(_doc(statements=[_statement(name, loose, spending)]))] == ["insufficient-data"]


def test_a_fund_balance_reads_its_items_without_the_budgets_name():
    income = [("政府性基金收入", "500"), ("政府性基金上级补助收入", "120"), ("上年结余收入", "80"),
              ("专项债务转贷收入", "300"), ("收入总计", "1,000")]
    spending = [("政府性基金支出", "700"), ("政府性基金上解上级支出", "10"), ("调出资金", "90"), ("债务还本支出", "100"),
                ("年终结余", "100"), ("支出总计", "1,000")]
    name = "2025年某市政府性基金预算收支平衡表"
    assert _found(_doc(statements=[_statement(name, income, spending)])) == []
    wrong = _replaced(spending, "调出资金", "95")
    found = _found(_doc(statements=[_statement(name, income, wrong)]))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("budget-balance", "1005", "1000")]


def test_a_table_with_rows_not_read_proves_no_balance():
    wrong = _statement(BALANCE, _replaced(INCOME, "动用预算稳定调节基金", "3,566,967"), SPENDING)
    unread = Problem("unread-line", "error", BALANCE, "a row was not read", "有一行未读取", page=5, text="…")
    found = _found(_doc(statements=[wrong], problems=[unread]))
    assert [f.rule for f in found] == ["insufficient-data"] and "not read" in found[0].message


def test_a_department_document_is_not_checked_as_a_governments():
    wrong = _statement(BALANCE, _replaced(INCOME, "动用预算稳定调节基金", "3,566,967"), SPENDING)
    assert not [f for f in validate(_doc(statements=[wrong], form=None)).findings if f.rule in GOVERNMENT_RULES]


# -- debt: 余额 ≤ 限额 ---------------------------------------------------------------------------------------------

DEBT_ROWS = [(None, "一、2021年末地方政府一般债务余额实际数", "", "44,337,424"),
             (None, "二、2022年末地方政府一般债务余额限额", "48,644,302", ""),
             (None, "三、2022年地方政府一般债务发行额", "", "7,360,015"),
             (None, "四、2022年地方政府一般债务还本额", "", "3,975,477"),
             (None, "六、2022年末地方政府一般债务余额实际数", "", "{}")]


def _debt_rows(balance):
    rows = [(c, label, a, b.format(balance)) for c, label, a, b in DEBT_ROWS]
    return _table("2.9 2022年黑龙江省地方政府一般债务余额表", rows, ("预算数", "决算数"))


def test_a_balance_within_its_limit_passes_and_one_over_it_is_an_error():
    assert _found(_doc(_debt_rows("47,661,789"), form="government-final")) == []
    found = _found(_doc(_debt_rows("48,644,304"), form="government-final"))
    assert [(f.rule, f.difference) for f in found] == [("debt-over-limit", 2)]
    assert [(p.row, p.column, p.text) for p in found[0].figures] == [
        ("六、2022年末地方政府一般债务余额实际数", "决算数", "48,644,304"),
        ("二、2022年末地方政府一般债务余额限额", "预算数", "48,644,302")]


def test_a_balance_at_its_limit_within_the_rounding_passes():
    assert _found(_doc(_debt_rows("48,644,303"), form="government-final")) == []  # one unit: the rounding of both


def test_last_years_balance_is_not_compared_with_this_years_limit():
    """The 2021 year-end balance above the 2022 limit is no defect: another year."""
    rows = [(c, label, a, "49,000,000" if label.startswith("一、") else b.format("47,661,789"))
            for c, label, a, b in DEBT_ROWS]
    table = _table("2.9 2022年黑龙江省地方政府一般债务余额表", rows, ("预算数", "决算数"))
    assert _found(_doc(table, form="government-final")) == []


DEBT_COLUMNS = ("2025年债务限额/小计", "2025年债务限额/一般债务", "2025年债务限额/专项债务",
                "2025年末债务余额执行数/小计", "2025年末债务余额执行数/一般债务", "2025年末债务余额执行数/专项债务")
DISTRICTS = [(None, "广州市", "1,900.00", "600.00", "1,300.00", "1,850.00", "590.00", "1,260.00"),
             (None, "广州市本级", "1,000.00", "300.00", "700.00", "980.00", "295.00", "685.00"),
             (None, "越秀区", "400.00", "100.00", "300.00", "390.00", "{}", "290.00"),
             (None, "海珠区", "500.00", "200.00", "300.00", "480.00", "195.00", "285.00")]


def _debt_by_region(yuexiu_general="95.00"):
    rows = [tuple(x.format(yuexiu_general) for x in row[1:]) for row in DISTRICTS]
    return _table("表22 2025年广州市地方政府债务限额及余额情况表", [(None, *r) for r in rows], DEBT_COLUMNS)


@pytest.mark.parametrize("balance, caught", [("100.01", False), ("100.02", True)])
def test_each_regions_balance_against_its_limit_of_the_same_kind(balance, caught):
    table = _debt_by_region(balance)
    found = _found(_doc(table))
    if not caught:
        assert found == []
        return
    # the region over its 一般债务 limit; the 小计 still under its own: one finding, its two figures
    assert [(f.rule, f.column) for f in found] == [("debt-over-limit", "2025年末债务余额执行数/一般债务")]
    assert {(p.row, p.column) for p in found[0].figures} == {("越秀区", "2025年末债务余额执行数/一般债务"),
                                                            ("越秀区", "2025年债务限额/一般债务")}


def test_a_new_limit_is_no_limit_of_the_balance():
    columns = ("一般债务限额总额", "其中：当年新增一般债务限额", "一般债务余额执行数")
    rows = [("6500", "自治区本级", "12,964,400", "178,700", "10,200,222"),
            ("6501", "乌鲁木齐市", "5,350,100", "165,300", "4,946,042")]
    table = _table("表十二：2024年自治区政府一般债务限额、余额情况表", rows, columns)
    assert _found(_doc(table)) == []
    over = _table(table.name, [(*rows[0][:3], "178,700", "12,964,402"), rows[1]], columns)
    assert [(f.rule, f.difference) for f in _found(_doc(over))] == [("debt-over-limit", 2)]


# -- 全省/全市 = 本级 + the regions ------------------------------------------------------------------------------------

PROVINCE = [(None, "全省", "44,337,424"), (None, "省本级", "6,063,044"), (None, "地市合计", "38,274,380"),
            (None, "哈尔滨市", "15,747,370"), (None, "齐齐哈尔市", "2,759,849"), (None, "大兴安岭地区", "19,767,161")]


def test_the_whole_is_its_own_level_and_the_subtotal_of_the_regions():
    table = _table("2.21 2022年黑龙江省地方政府债务限额和余额情况表（分地区）", PROVINCE, ("2021年末余额",))
    assert _found(_doc(table, form="government-final")) == []
    wrong = _table(table.name, [(c, lab, "2,759,859" if lab == "齐齐哈尔市" else v) for c, lab, v in PROVINCE],
                   ("2021年末余额",))
    found = _found(_doc(wrong, form="government-final"))
    assert [(f.rule, f.difference) for f in found] == [("region-sum", Decimal(-10))]
    assert [p.row for p in found[0].figures] == ["地市合计", "哈尔滨市", "齐齐哈尔市", "大兴安岭地区"]


def test_the_subtotal_of_the_regions_off_by_two_units_is_caught():
    """地市合计 against three regions: four figures without decimals, 2 at most; 3 off is caught."""
    wrong = [(c, lab, "38,274,383" if lab == "地市合计" else "6,063,041" if lab == "省本级" else v) for c, lab, v in PROVINCE]
    found = _found(_doc(_table("分地区表", wrong, ("余额",)), form="government-final"))
    assert sorted((f.rule, f.expected, f.actual) for f in found) == [("region-sum", "38274380", "38274383")]
    near = [(c, lab, "38,274,382" if lab == "地市合计" else "6,063,042" if lab == "省本级" else v) for c, lab, v in PROVINCE]
    assert _found(_doc(_table("分地区表", near, ("余额",)), form="government-final")) == []


def test_the_place_above_its_own_level_is_the_whole():
    rows = [(None, "广州市", "1,900.00"), (None, "广州市本级", "1,000.00"), (None, "越秀区", "400.00"),
            (None, "海珠区", "500.00")]
    assert _found(_doc(_table("表22 2025年广州市地方政府债务限额及余额情况表", rows, ("合计",)))) == []
    wrong = [(c, lab, "510.00" if lab == "海珠区" else v) for c, lab, v in rows]
    found = _found(_doc(_table("表22", wrong, ("合计",))))
    assert [(f.rule, f.actual, f.expected) for f in found] == [("region-sum", "1900.00", "1910.00")]
    assert [p.row for p in found[0].figures] == ["广州市", "广州市本级", "越秀区", "海珠区"]


def test_the_own_levels_projects_under_it_are_not_regions():
    rows = [(None, "合计", "6,397,700.00"), (None, "市本级", "2,340,000.00"), (None, "土地储备项目", "1,000,000.00"),
            (None, "轨道交通项目", "1,340,000.00"), (None, "各区小计", "4,057,700.00"), (None, "越秀区", "75,000.00"),
            (None, "海珠区", "3,982,700.00")]
    assert _found(_doc(_table("表27 2026年广州市提前下达新增债务限额安排情况表", rows, ("合计",)))) == []


def test_a_row_that_is_not_a_region_leaves_the_sum_unproven():
    rows = [(None, "全市", "1,000"), (None, "市本级", "400"), (None, "甲区", "300"), (None, "其他", "250")]
    found = _found(_doc(_table("分地区表", rows, ("合计",))))
    assert [f.rule for f in found] == ["insufficient-data"] and "其他" in found[0].message


def test_a_blank_region_leaves_the_sum_unproven():
    rows = [(None, "全市", "1,000"), (None, "市本级", "400"), (None, "甲区", "300"), (None, "乙县", "")]
    found = _found(_doc(_table("分地区表", rows, ("合计",))))
    assert [f.rule for f in found] == ["insufficient-data"] and "乙县" in found[0].message


def test_columns_by_region_each_period_on_its_own():
    columns = ("2024年执行数/合计", "2024年执行数/自治区本级", "2024年执行数/地市级及以下",
               "2025年预算数/合计", "2025年预算数/自治区本级", "2025年预算数/地市级及以下")
    rows = [(None, "一、利润收入", "300", "110", "190", "320", "105", "215"),
            (None, "二、股利、股息收入", "50", "20", "30", "60", "25", "35")]
    name = "表二：2024年自治区国有资本经营预算收入执行情况表"
    assert _found(_doc(_table(name, rows, columns))) == []
    wrong = [rows[0], (None, "二、股利、股息收入", "50", "20", "30", "60", "25", "37")]
    found = _found(_doc(_table(name, wrong, columns)))
    assert [(f.rule, f.column) for f in found] == [("region-sum", "2025年预算数/合计")]
    assert [p.column for p in found[0].figures] == ["2025年预算数/合计", "2025年预算数/自治区本级", "2025年预算数/地市级及以下"]
    # a relation the table declares is the column rule's on a coded line (one finding), region-sum's on the others
    relation = (Relation("2025年预算数/合计", ("2025年预算数/自治区本级", "2025年预算数/地市级及以下")),)
    coded = _table(name, [rows[0], ("10306", *wrong[1][1:])], columns, relations=relation)
    sums = ("column-mismatch", "region-sum")
    found = [(f.rule, f.code) for f in validate(_doc(coded)).findings if f.rule in sums]
    assert found == [("column-mismatch", "10306")]
    assert [f.rule for f in _errors(_doc(_table(name, wrong, columns, relations=relation)))] == ["region-sum"]


def test_the_periods_the_reader_gives_group_the_columns():
    columns = ("合计", "本级", "下级", "合计'", "本级'", "下级'")
    rows = [(None, "一、2025年地方政府债务限额", "300", "110", "190", "320", "105", "215")]
    plain = _table("2026年某市地方政府债务限额提前下达情况表", rows, columns)
    assert _found(_doc(plain)) == []  # two 合计: which columns belong together the headers do not say
    told = attrs.evolve(plain, periods=((2025, None),) * 3 + ((2026, None),) * 3)
    assert _found(_doc(told)) == []
    line = told.lines[0]
    wrong = attrs.evolve(told, lines=(line._replace(cells={**line.cells, "下级'": parse_amount("217")}),))
    assert [(f.rule, f.column) for f in _found(_doc(wrong))] == [("region-sum", "合计'")]


# -- what a title and a header say ----------------------------------------------------------------------------------


def test_a_columns_period_from_the_reader_then_its_header_then_the_title():
    table = _table("2026年某市本级一般公共预算支出预算表", [(None, "合计", "1", "2", "3")],
                   ("上年执行数", "预算数", "2026年调整预算数"))
    sheet = sheets(_doc(table))[0]
    assert [column_period(sheet, c) for c in table.columns] == [(2025, "执行"), (2026, "预算"), (2026, "调整预算")]
    assert sheet.budget == "gpb" and sheet.scope == "本级" and sheet.year == 2026
    told = sheets(_doc(attrs.evolve(table, periods=((2025, "执行"), None, (2026, "预算")), budget="gf", scope="whole")))[0]
    assert [column_period(told, c) for c in table.columns] == [(2025, "执行"), None, (2026, "预算")]
    assert told.budget == "gf" and told.scope == "whole"


# -- the report's sentences against its tables, with scope, year and measure -----------------------------------------

REPORT = "关于某市2025年预算执行情况和2026年预算草案的报告"
OWN_BALANCE = "2026年某市本级一般公共预算收支平衡表"
BUDGET_TEXT = ("二、2026年预算草案\n（一）市本级一般公共预算\n2026年市本级一般公共预算收入安排{own}万元，加上级补助收入等，"
               "收入总量为{whole}万元。市本级一般公共预算支出安排750.00万元。主要支出安排如下：教育支出{edu}万元。\n")


def _own_balance(column="预算数"):
    income = [("一般公共预算收入", "320.00"), ("上级补助收入", "680.00"), ("收入总计", "1,000.00")]
    spending = [("一般公共预算支出", "750.00"), ("补助下级支出", "250.00"), ("支出总计", "1,000.00")]
    return _statement(OWN_BALANCE, income, spending, column)


EXPENDITURE = _table("2026年某市本级一般公共预算支出预算表", [
    ("205", "教育支出", "100.00"), ("206", "科学技术支出", "650.00"), (None, "合计", "750.00")], ("预算数",))


def _report(text, *tables, statements=()):
    return _doc(*tables, statements=statements, text=REPORT + "\n" + text, title=REPORT, year=2026)


def _narrative(doc, rule=None):
    return [f for f in validate(doc).findings if f.sentence and (rule is None or f.rule == rule)]


def test_a_sentence_of_the_budgets_own_revenue_is_the_balances_own_item():
    doc = _report(BUDGET_TEXT.format(own="320.00", whole="1,000.00", edu="100.00"), EXPENDITURE,
                  statements=[_own_balance()])
    assert [f for f in _narrative(doc) if f.severity == "error"] == []
    wrong = _report(BUDGET_TEXT.format(own="330.00", whole="1,000.00", edu="100.00"), EXPENDITURE,
                    statements=[_own_balance()])
    (f,) = _narrative(wrong, "narrative-amount")
    assert [(p.table, p.row, p.text) for p in f.figures] == [
        ("说明", f.figures[0].row, "330.00万元"), (OWN_BALANCE, "一般公共预算收入", "320.00")]


def test_a_budgets_total_is_the_balances_total_and_a_code_its_expenditure_tables_line():
    wrong = _report(BUDGET_TEXT.format(own="320.00", whole="1,010.00", edu="110.00"), EXPENDITURE,
                    statements=[_own_balance()])
    found = {f.figures[1].row: f for f in _narrative(wrong, "narrative-amount")}
    assert set(found) == {"收入总计", "205 教育支出"}
    assert found["收入总计"].figures[1].table == OWN_BALANCE and found["205 教育支出"].figures[1].table == EXPENDITURE.name


def test_a_sentence_of_the_whole_city_is_not_compared_with_the_own_levels_tables():
    text = "二、2026年预算草案\n（一）全市一般公共预算\n2026年全市一般公共预算收入安排900.00万元。\n"
    found = _narrative(_report(text, EXPENDITURE, statements=[_own_balance()]))
    assert [f.rule for f in found] == ["insufficient-data"] and "口径" in found[0].message_zh


def test_last_years_execution_is_not_compared_with_the_new_budgets_table():
    text = "一、2025年预算执行情况\n（一）市本级一般公共预算\n市本级一般公共预算收入为300.00万元。\n"
    found = _narrative(_report(text, EXPENDITURE, statements=[_own_balance()]))
    assert [f.rule for f in found] == ["insufficient-data"] and "2025" in found[0].message_zh


def test_the_column_of_the_sentences_year_and_measure_as_the_reader_gives_it():
    """A table the reader says is the 本级 一般公共预算's, its columns 2025 执行 and 2026 预算 (its title and headers
    say neither): the 2025 sentence is checked against the first column, the 2026 sentence against the second."""
    table = _table("一般公共预算收入表", [(None, "税收收入", "280.00", "300.00"), (None, "合计", "300.00", "320.00")],
                   ("执行", "安排"), budget="gpb", scope="本级", periods=((2025, "执行"), (2026, "预算")))
    text = ("一、2025年预算执行情况\n（一）市本级一般公共预算\n市本级一般公共预算收入为{past}万元。\n"
            "二、2026年预算草案\n（一）市本级一般公共预算\n2026年市本级一般公共预算收入安排{new}万元。\n")
    assert _narrative(_report(text.format(past="300.00", new="320.00"), table)) == []
    found = _narrative(_report(text.format(past="320.00", new="320.00"), table))
    assert [(f.rule, f.figures[1].column, f.figures[1].text) for f in found] == [("narrative-amount", "执行", "300.00")]
    other = attrs.evolve(table, scope="whole")  # the whole city's table: no figure of the sentence's scope
    assert [f.rule for f in _narrative(_report(text.format(past="320.00", new="320.00"), other))] == [
        "insufficient-data", "insufficient-data"]


def test_two_tables_that_print_the_figure_differently_prove_nothing():
    revenue = _table("2026年某市本级一般公共预算收入预算表", [(None, "税收收入", "325.00"), (None, "合计", "325.00")],
                     ("预算数",))
    text = BUDGET_TEXT.format(own="330.00", whole="1,000.00", edu="100.00")
    found = [f for f in _narrative(_report(text, revenue, statements=[_own_balance()])) if "330.00" in f.message]
    assert [f.rule for f in found] == ["insufficient-data"] and "325.00" in found[0].message
    agreeing = attrs.evolve(revenue, lines=tuple(ln._replace(cells={"预算数": parse_amount("320.00")})
                                                 for ln in revenue.lines))
    found = [f for f in _narrative(_report(text, agreeing, statements=[_own_balance()])) if "330.00" in f.message]
    assert [f.rule for f in found] == ["narrative-amount"]


def test_last_years_budget_is_not_this_years():
    """The same measure a year apart: 上年预算数 is 2025's, 预算数 the title's 2026."""
    table = _table("2026年某市本级一般公共预算收入预算表", [(None, "税收收入", "300.00", "320.00"),
                                                  (None, "合计", "300.00", "320.00")], ("上年预算数", "预算数"))
    text = "二、2026年预算草案\n（一）市本级一般公共预算\n2026年市本级一般公共预算收入安排{}万元。\n"
    assert _narrative(_report(text.format("320.00"), table)) == []
    (f,) = _narrative(_report(text.format("300.00"), table))
    assert f.rule == "narrative-amount" and f.figures[1].column == "预算数"
    last_year = _table(table.name.replace("2026", "2025"), [(None, "合计", "300.00")], ("预算数",))
    (f,) = _narrative(_report(text.format("300.00"), last_year))
    assert f.rule == "insufficient-data" and "2025" in f.message_zh


def test_a_one_sided_tables_total_may_name_its_budget():
    """The 合计 line of a 支出表 printed as 一般公共预算支出合计 is the budget's whole expenditure; a 基本支出 table's
    合计 is not."""
    table = _table("2026年某市本级一般公共预算支出预算表", [("205", "教育支出", "750.00"), (None, "一般公共预算支出合计",
                                                                             "750.00")], ("预算数",))
    text = "二、2026年预算草案\n（一）市本级一般公共预算\n市本级一般公共预算支出安排{}万元。\n"
    assert _narrative(_report(text.format("750.00"), table)) == []
    assert [f.rule for f in _narrative(_report(text.format("760.00"), table))] == ["narrative-amount"]
    basic = _table("2026年某市本级一般公共预算基本支出预算表", [(None, "合计", "750.00")], ("预算数",))
    assert [f.rule for f in _narrative(_report(text.format("760.00"), basic))] == ["insufficient-data"]


def test_regions_by_their_codes_the_first_level_only_and_the_total_printed_last():
    rows = [("6500", "自治区本级", "12,964,400"), ("6501", "乌鲁木齐市", "5,350,100"), ("650102", "天山区", "1,000,000"),
            ("6540", "伊犁州", "3,272,900"), (None, "合计", "21,587,400")]
    name = "表十二：2024年自治区政府一般债务限额、余额情况表"
    assert _found(_doc(_table(name, rows, ("一般债务限额总额",)))) == []  # 天山区 is in 乌鲁木齐市's figure
    wrong = [(c, lab, "3,272,910" if lab == "伊犁州" else v) for c, lab, v in rows]
    found = _found(_doc(_table(name, wrong, ("一般债务限额总额",))))
    assert [f.rule for f in found] == ["insufficient-data"] and "两个层级" in found[0].message_zh
    one_level = [r for r in wrong if r[0] != "650102"]
    assert [f.rule for f in _found(_doc(_table(name, one_level, ("一般债务限额总额",))))] == ["region-sum"]


# -- a 类 printed whole over the classes a report publishes (issue 23/26) ------------------------------------------

def _security(whole: str, police: str = "1,676,045", court: str = "398,529") -> Table:
    """Heilongjiang 2022 p. 33 in small: 204 公共安全支出 printed whole, 20403 国家安全 and 20409 国家保密 not printed."""
    return _table("2022年一般公共预算支出功能分类决算表", [("204", "公共安全支出", whole), ("20402", "公安", police),
                                                          ("20405", "法院", court)], columns=("决算数",))


def test_a_class_over_the_classes_a_report_prints_proves_nothing_in_a_government_report():
    """A government's report may leave out classes it does not publish (涉密 国家安全, 国家保密 …) and print the
    类 whole: parts short of the 类 are classes-not-printed (a warning naming them), not an error.  Parts more
    than the 类, a 款 short of its 项, and the same table in a department's disclosure stay errors."""
    short = _security("2,801,401")
    found = [f for f in validate(_doc(short, form="government-final")).findings if f.code == "204"]
    assert [(f.rule, f.severity) for f in found] == [("classes-not-printed", "warning")]
    assert "20403 国家安全" in found[0].message_zh
    over = _security("2,000,000")  # the printed parts exceed the 类: no class left out explains it
    assert [f.rule for f in _errors(_doc(over, form="government-final"))] == ["rollup-mismatch"]
    assert [f.rule for f in _errors(_doc(short, form=None))] == ["rollup-mismatch"]  # a department's table
    kuan = _table("2022年一般公共预算支出功能分类决算表", [("20402", "公安", "35,265"), ("2040201", "行政运行", "30,894")],
                  columns=("决算数",))
    assert [f.rule for f in _errors(_doc(kuan, form="government-final"))] == ["rollup-mismatch"]


def test_classes_not_printed_is_selected_with_the_sums_it_comes_from():
    """Selecting the roll-up's check keeps the warning it became; selecting the column relations does not."""
    doc = _doc(_security("2,801,401"), form="government-final")
    assert "classes-not-printed" in {f.rule for f in validate(doc, only=["rollup"]).findings}
    assert "classes-not-printed" not in {f.rule for f in validate(doc, only=["columns"]).findings}
