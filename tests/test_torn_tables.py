"""An error is a proof (issue 23): a table some of whose coded rows were printed and not read proves no sum
down it; one insufficient-data finding names the rows not read, and what rests on one read line stands."""

from __future__ import annotations

from govclass.document import Document, Line, Problem, Table, parse_amount
from govclass.validation import validate


def _document(unread: bool) -> Document:
    cell = parse_amount
    table = Table("一般公共预算支出表", "functional", "万元", ("合计", "基本支出", "项目支出"), (
        Line("201", "一般公共服务支出", {"合计": cell("30.00"), "基本支出": cell("10.00"), "项目支出": cell("20.00")},
             number=1, page=5, text="201 | 一般公共服务支出 | 30.00 | 10.00 | 20.00"),
        Line("20101", "人大事务", {"合计": cell("10.00"), "基本支出": cell("10.00"), "项目支出": cell("1.00")},
             number=2, page=5, text="20101 | 人大事务 | 10.00 | 10.00 | 1.00")))
    problems = (Problem("unread-line", "error", "一般公共预算支出表", "page 5: a coded row could not be read",
                        "第 5 页：科目行未能读取", page=5, text="20102 | 政协事务 | 20.00 | 0.00 | 20.00"),) if unread else ()
    return Document((table,), 2024, problems=problems)


def test_a_sum_down_a_table_with_rows_not_read_is_not_judged():
    report = validate(_document(unread=True), 2024)
    rules = [f.rule for f in report.findings]
    assert "rollup-mismatch" not in rules and "incomplete-sum" not in rules
    (said,) = [f for f in report.findings if f.rule == "insufficient-data" and f.table == "一般公共预算支出表"]
    assert said.page == 5 and "1 coded row" in said.message
    # what rests on one read line stands: 20101's 合计 10.00 ≠ 10.00 + 1.00
    assert ("column-mismatch", "20101") in [(f.rule, f.code) for f in report.findings]
    assert "unread-line" in rules  # and the row not read is said, an error: the document never passes


def test_the_same_table_read_whole_proves_its_sums():
    report = validate(_document(unread=False), 2024)
    assert "rollup-mismatch" in [f.rule for f in report.findings]
