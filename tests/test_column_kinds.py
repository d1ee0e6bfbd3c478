"""Columns that must never be added (issue 23, family 3): a table prints percentages, ratios, counts and text
beside its amounts; only amounts roll up through 类/款/项 to 合计 and enter column relations."""

from __future__ import annotations

import io

import pytest

from govclass.document import AMOUNT, COUNT, PERCENT, TEXT, column_kind
from govclass.readers import read_csv
from govclass.stream import validate_csv
from govclass.validation import validate


def rules(text: str) -> list[tuple[str, str | None, str | None]]:
    report = validate(read_csv(text, "t.csv", year=2024), 2024)
    streamed = validate_csv(io.StringIO(text), where="t.csv", year=2024)
    assert [f.to_dict() for f in streamed.findings] == [f.to_dict() for f in report.findings]  # one rule, both ways
    return [(f.rule, f.code, f.column) for f in report.findings]


@pytest.mark.parametrize("header, kind", [
    ("比上年增长%", PERCENT), ("完成预算%", PERCENT), ("为上年决算数%", PERCENT), ("占比", PERCENT),
    ("增长率", PERCENT), ("比上年增长", PERCENT), ("增长", PERCENT), ("执行数为预算的％", PERCENT),
    ("人数", COUNT), ("编制数", COUNT), ("车辆（辆）", COUNT), ("备注", TEXT), ("是否政府采购", TEXT),
    ("合计", AMOUNT), ("比上年增减", AMOUNT), ("比上年增长额", AMOUNT), ("决算数", AMOUNT), ("一般公共预算", AMOUNT)])
def test_the_header_tells_the_kind(header, kind):
    assert column_kind(header) == kind


def test_the_figures_tell_the_kind_when_the_header_does_not():
    assert column_kind("2025年", ["12.5%", "", "-3.0%"]) == PERCENT
    assert column_kind("附注", ["新增", "续建", "新增"]) == TEXT
    assert column_kind("金额", ["12.5", "新增"]) == AMOUNT  # a word among figures is an invalid amount
    assert column_kind("金额", ["新增", "续建"]) == AMOUNT  # two words are too few to call a column text


def test_a_percentage_column_is_never_summed_and_its_amounts_still_are():
    # 201 = 20101 + 20102 in 决算数; the percentages (of their own budgets) do not add up, and must not
    text = ("code,name,决算数,完成预算%\n"
            "201,一般公共服务支出,30.00,98.5\n20101,人大事务,10.00,101.2\n20102,政协事务,20.00,97.3\n")
    assert rules(text) == []
    # the same with a 决算数 off by 0.02, one unit beyond the tolerance of three printed figures (3 × 0.005)
    off = text.replace("201,一般公共服务支出,30.00", "201,一般公共服务支出,30.02")
    assert rules(off) == [("rollup-mismatch", "201", "决算数")]
    # and by 0.01, inside it: a rounding difference, no error
    inside = text.replace("201,一般公共服务支出,30.00", "201,一般公共服务支出,30.01")
    assert rules(inside) == [("rounding-difference", "201", "决算数")]


def test_printed_percent_signs_make_a_percentage_column_whatever_its_header():
    text = ("code,name,决算数,2025年\n"
            "201,一般公共服务支出,30.00,98.5%\n20101,人大事务,10.00,101.2%\n20102,政协事务,20.00,97.3%\n")
    assert rules(text) == []  # no rollup of 98.5 ≠ 198.5, no invalid-amount for "98.5%"


def test_a_count_and_a_text_column_are_neither_summed_nor_amounts():
    text = ("code,name,合计,人数,备注\n"
            "201,一般公共服务支出,30,7,含追加\n20101,人大事务,10,3,新增\n20102,政协事务,20,5,续建\n")
    assert rules(text) == []


def test_a_word_in_an_amount_column_is_still_an_invalid_amount():
    text = "code,name,合计,基本支出\n201,一般公共服务支出,30,待定\n20101,人大事务,30,30\n"
    assert ("invalid-amount", "201", "基本支出") in rules(text)


def test_a_relation_is_checked_between_amounts_only():
    # 合计 = 基本支出 + 项目支出 holds; the 占比 column beside them is no part of it
    text = ("code,name,合计,基本支出,项目支出,占比\n"
            "201,一般公共服务支出,30.00,10.00,20.00,100\n20101,人大事务,30.00,10.00,20.00,100\n")
    assert rules(text) == []
    broken = text.replace("20101,人大事务,30.00,10.00,20.00", "20101,人大事务,30.00,10.00,20.10")
    found = rules(broken)
    assert ("column-mismatch", "20101", "合计") in found and not [r for r in found if r[2] == "占比"]


def test_a_header_that_names_money_holds_amounts_whatever_its_figures():
    assert column_kind("合计", ["abc", "-", "abc", "abc"]) == AMOUNT
    text = "code,name,合计\n201,一般公共服务支出,待定\n20101,人大事务,不详\n20102,政协事务,另行\n"
    assert [r[0] for r in rules(text)].count("invalid-amount") == 3
