"""Rows that print a code again are not always duplicates (issue 23, family 4): a code with no sub-levels (227
预备费) printed on its 类, 款 and 项 lines with the same figures restates itself down the levels it lacks."""

from __future__ import annotations

import io

from govclass.readers import read_csv
from govclass.stream import validate_csv
from govclass.validation import validate


def findings(text: str) -> list[tuple[str, str | None, int | None]]:
    whole = validate(read_csv(text, "t.csv", year=2024), 2024)
    streamed = validate_csv(io.StringIO(text), where="t.csv", year=2024)
    assert [f.to_dict() for f in streamed.findings] == [f.to_dict() for f in whole.findings]
    return [(f.rule, f.code, f.line) for f in whole.findings]


HEAD = "code,name,合计\n"


def test_a_code_without_sub_levels_restated_on_the_next_lines_is_no_duplicate():
    text = HEAD + "227,预备费,4900\n227,预备费,4900\n227,预备费,4900\n"
    assert findings(text) == []


def test_restated_with_other_figures_is_a_duplicate():
    text = HEAD + "227,预备费,4900\n227,预备费,4800\n"
    assert findings(text) == [("duplicate-line", "227", 2)]


def test_a_code_without_sub_levels_printed_again_further_down_is_a_duplicate():
    text = HEAD + "227,预备费,4900\n201,一般公共服务支出,10\n20101,人大事务,10\n227,预备费,4900\n"
    assert ("duplicate-line", "227", 4) in findings(text)


def test_a_code_with_sub_levels_printed_twice_in_a_row_is_a_duplicate():
    text = HEAD + "20101,人大事务,10\n20101,人大事务,10\n2010101,行政运行,10\n"
    assert ("duplicate-line", "20101", 2) in findings(text)


def test_a_code_of_the_deepest_level_printed_twice_in_a_row_is_a_duplicate():
    # a 项 has no level below to restate on: the same line twice is printed twice
    text = HEAD + "2080101,行政运行,100\n2080101,行政运行,100\n"
    assert ("duplicate-line", "2080101", 2) in findings(text)


def test_a_retired_code_in_a_table_of_money_carried_over_is_kept_as_budgeted():
    """Family: carry-over tables (Xi'an 2019 表11 财拨结转支出表 prints 2150510, a code until 2018): money carried
    over keeps the code of the book it was budgeted under, a carried-over-code warning; the same code in any other
    table of the year is retired-code, an error, and a code not yet created is never excused."""
    from govclass.api import validate

    def rules(title: str, code: str, year: int = 2019) -> list:
        doc = {"year": year, "tables": [{"name": title, "classification": "functional", "unit": "万元",
                                         "columns": ["合计"], "lines": [{"code": code, "name": "某支出",
                                                                         "amounts": {"合计": "5.00"}}]}]}
        return [(f.rule, f.severity) for f in validate(doc).findings if f.code == code and "code" in f.rule]

    assert rules("表11-财拨结转支出表", "2150510") == [("carried-over-code", "warning")]
    assert rules("一般公共预算支出表", "2150510") == [("retired-code", "error")]
    # a code not yet created by the book (2170404, 财预〔2025〕41号) is never excused in a carry-over table
    assert rules("上年结转支出表", "2170404", 2024) == [("retired-code", "error")]
