"""One fact, one severity wherever it is printed (issue 23, family 8): a 类 printed under a name it had before
the edition is a warning (name-variant) in a coded table, in a CSV streamed line by line and in a summary
statement alike; only figures that disagree make an error."""

from __future__ import annotations

import io

from govclass.document import Document, Item, Line, Statement, Table, parse_amount
from govclass.readers import read_csv
from govclass.stream import validate_csv
from govclass.validation import validate

OLD_210 = "医疗卫生与计划生育支出"  # 210 until the 2019 book (卫生健康支出 since)


def test_an_old_class_name_in_a_coded_table_is_a_warning_both_ways():
    text = f"code,name,合计\n210,{OLD_210},10\n21011,行政事业单位医疗,10\n"
    for report in (validate(read_csv(text, "t.csv", year=2024), 2024),
                   validate_csv(io.StringIO(text), where="t.csv", year=2024)):
        assert [(f.rule, f.severity, f.code, f.expected) for f in report.findings] == [
            ("name-variant", "warning", "210", "卫生健康支出")]


def _disclosure(statement_figure: str) -> Document:
    """A 收支预算总表 whose 支出 side prints 类 210 under its old name, and the 部门支出总表 with 210."""
    cell = parse_amount
    summary = Statement("收支预算总表", "summary", "万元", {"收入": ("预算数",), "支出": ("预算数",)}, (
        Item("一、一般公共预算拨款收入", {"预算数": cell("10")}, "收入"),
        Item("收入总计", {"预算数": cell("10")}, "收入"),
        Item(f"一、{OLD_210}", {"预算数": cell(statement_figure)}, "支出"),
        Item("本年支出合计", {"预算数": cell(statement_figure)}, "支出")))
    expenditure = Table("部门支出总表", "functional", "万元", ("合计",), (
        Line("210", "卫生健康支出", {"合计": cell("10")}, number=1),
        Line("21011", "行政事业单位医疗", {"合计": cell("10")}, number=2),
        Line(None, "合计", {"合计": cell("10")}, total=True, number=3)), kind="expenditure")
    return Document((expenditure,), year=2024, statements=(summary,))


def test_an_old_class_name_in_a_summary_with_equal_figures_is_no_error():
    report = validate(_disclosure("10"), 2024)
    assert not [f for f in report.findings if f.severity == "error"]


def test_the_same_class_with_other_figures_is_an_error_about_the_figures():
    report = validate(_disclosure("12"), 2024)
    errors = [(f.rule, f.code) for f in report.findings if f.severity == "error"]
    assert ("cross-class", "210") in errors
