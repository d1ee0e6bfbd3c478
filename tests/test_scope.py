"""Tables compared that do not describe the same money (issue 23, family 5): the all-funds 收支预算总表 against a
table of 财政拨款 only differs by exactly the other sources of funds; such a difference proves nothing and is
insufficient-data, while any other difference stays an error."""

from __future__ import annotations

from govclass.document import Document, Item, Line, Statement, Table, parse_amount
from govclass.validation import validate


def _budget(expenditure_total: str) -> Document:
    cell = parse_amount
    summary = Statement("收支预算总表", "summary", "万元", {"收入": ("预算数",), "支出": ("预算数",)}, (
        Item("一、一般公共预算拨款收入", {"预算数": cell("80.00")}, "收入"),
        Item("二、事业收入", {"预算数": cell("20.00")}, "收入"),
        Item("收入总计", {"预算数": cell("100.00")}, "收入"),
        Item("一、一般公共服务支出", {"预算数": cell("100.00")}, "支出"),
        Item("本年支出合计", {"预算数": cell("100.00")}, "支出")))
    # the table read as the 部门支出总表, its 合计 as given
    expenditure = Table("部门支出总表", "functional", "万元", ("合计",), (
        Line("201", "一般公共服务支出", {"合计": cell(expenditure_total)}, number=1),
        Line("20101", "人大事务", {"合计": cell(expenditure_total)}, number=2),
        Line(None, "合计", {"合计": cell(expenditure_total)}, total=True, number=3)), kind="expenditure")
    return Document((expenditure,), year=2024, statements=(summary,))


def test_a_difference_equal_to_another_source_of_funds_is_no_error():
    report = validate(_budget("80.00"), 2024)  # 100.00 all funds against 80.00: the 事业收入 20.00
    assert not [f for f in report.findings if f.severity == "error"]
    said = [f for f in report.findings if f.rule == "insufficient-data" and "事业收入" in f.message_zh]
    assert said and all("100.00" in f.message and "80.00" in f.message for f in said)


def test_any_other_difference_stays_an_error():
    report = validate(_budget("90.00"), 2024)  # 10.00 is no source of funds the summary prints
    assert {f.rule for f in report.findings if f.severity == "error"} >= {"cross-total"}


def test_a_difference_one_unit_beyond_the_source_is_still_an_error():
    report = validate(_budget("79.97"), 2024)  # 20.03 against 事业收入 20.00: beyond three half-units of 0.01
    assert {f.rule for f in report.findings if f.severity == "error"} >= {"cross-total"}
