"""What a government's report prints that is no defect, and what still is (issue 23's precision on issue 26's
reports): each family on a small document written here, with the control that stays an error."""

from __future__ import annotations

import govclass
from govclass.readers.pdf.census import catalogued, catalogued_codes
from govclass.vocabulary import balance_part_of
from test_government_reading import _doc, _json_table


def _errors(doc: dict) -> list[tuple[str, str | None]]:
    return [(f.rule, f.code) for f in govclass.validate(doc).findings if f.severity == "error"]


def _found(doc: dict, code: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in govclass.validate(doc).findings if f.code == code]


def _balance(first: str, figure: str = "39,831,239") -> dict:
    """A 平衡表 that prints 110 on 上级补助收入 (a part of 转移性收入) with 上解收入 and 调入资金, 转移性收入's other
    parts, as rows of their own below it (Xinjiang 2025 pp. 5, 8)."""
    return _doc(2025, _json_table("表六：2024年自治区级一般公共预算收支平衡表", 2024, [
        ("110", first, figure), ("11001", "返还性收入", "1,260,093"), ("11002", "一般性转移支付收入", "34,834,973"),
        ("11003", "专项转移支付收入", "3,736,173"), ("11006", "上解收入", "643,657"), ("11009", "调入资金", "240,676")],
        classification="revenue"))


def test_a_class_code_on_a_part_of_the_class_is_a_variant_and_proves_no_sum():
    """110 printed on 上级补助收入: the row is a part of 转移性收入, not its whole, so its name is a variant and the
    sum of 110's rows below it (which hold 上解收入, 调入资金 too) is not checked.  110 printed with an unrelated
    name stays an error."""
    assert balance_part_of("上级补助收入", "转移性收入") and balance_part_of("补助下级支出", "转移性支出")
    assert not balance_part_of("上级补助收入", "返还性收入") and not balance_part_of("一般公共服务支出", "转移性支出")
    found = _found(_balance("上级补助收入"), "110")
    assert ("name-variant", "warning") in found and ("sum-not-checked", "warning") in found
    assert not _errors(_balance("上级补助收入"))
    assert ("name-mismatch", "110") in _errors(_balance("一般公共服务支出"))


def test_a_class_printed_inside_another_is_counted_in_it_by_the_total():
    """A report prints 105 债务收入 inside the block of 110 转移性收入 and counts it in 110's figure: 合计 = 101 +
    110 holds, 105 being a part of 转移性收入 (as a 平衡表 counts its items).  A 合计 that holds neither way is an
    error."""
    def table(total: str) -> dict:
        return _doc(2025, _json_table("表二十二：2025年自治区级一般公共预算收支预算表（收入）", 2025, [
            ("101", "税收收入", "100"), ("10101", "增值税", "100"), ("110", "转移性收入", "80"),
            ("11001", "返还性收入", "50"), ("105", "债务收入", "30"), ("1050401", "一般债务收入", "30"),
            (None, "收入总计", total)], classification="revenue"))
    assert not [e for e in _errors(table("180")) if e[1] is None]
    assert ("rollup-mismatch", None) in _errors(table("170"))


def test_a_code_printed_under_a_number_govclass_is_not_sure_of_is_no_unknown_code():
    """2300297 printed with 其他退税减税降费转移支付支出, the name govclass holds beside it as 2300271, a number recalled
    (low confidence): uncatalogued-code, a warning.  A number no code of its parent bears by that name is unknown."""
    def table(code: str, name: str) -> dict:
        return _doc(2024, _json_table("表八：2024年自治区对各地转移支付补助情况表", 2024, [(code, name, "110,200")]))
    found = _found(table("2300297", "其他退税减税降费转移支付支出"), "2300297")
    assert [f for f in found if "code" in f[0]] == [("uncatalogued-code", "warning")]
    assert ("unknown-code", "2300296") in _errors(table("2300296", "某项新增转移支付支出"))


def test_a_name_the_like_items_of_other_classes_bear_is_a_wording_of_its_own():
    """22998 printed 超长期特别国债安排的支出, the name 20598, 21298 … bear, where its own is 超长期特别国债安排的其他支出:
    a wording of its own name, not a line moved from another class.  A sibling's name stays an error."""
    def table(code: str, name: str) -> dict:
        return _doc(2025, _json_table("表十一：2025年自治区政府性基金预算支出预算表", 2025, [(code, name, "42,687")]))
    assert ("name-variant", "warning") in _found(table("22998", "超长期特别国债安排的支出"), "22998")
    assert ("name-mismatch", "2300601") in _errors(table("2300601", "专项上解支出"))


def test_the_census_reads_no_functional_code_of_nine_digits():
    """2300260 97 (a 项, then a figure of the row whose name wraps round it) is no 9-digit code: only the revenue
    classification has 目 of nine digits (110090102).  A revenue 目 under a known 项 is one."""
    classes = catalogued_codes(2025)
    assert not catalogued("230026097", classes)
    assert catalogued("110090102", classes) and catalogued("2300260", classes)
