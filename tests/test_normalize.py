from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govclass.errors import InvalidCodeError
from govclass.normalize import RADICAL_FORMS, normalize_code, normalize_name


@pytest.mark.parametrize(
    "value",
    ["2101505", 2101505, "210 15 05", "210-15-05", "２１０１５０５", " 2101505\u3000", "210.15.05", "210\u300015\u300005"],
)
def test_code_forms(value):
    assert normalize_code(value) == "2101505"


def test_relative_code():
    assert normalize_code("15", parent="210") == "21015"
    assert normalize_code("\u300001", parent="208") == "20801"
    assert normalize_code("05", parent="21015") == "2101505"
    assert normalize_code("21015", parent="210") == "21015"
    with pytest.raises(InvalidCodeError):
        normalize_code("22102", parent="210")


@pytest.mark.parametrize("value", ["", "   ", "abc", "21O1505", True, 3.0, None, -5, "21015a"])
def test_invalid_codes(value):
    with pytest.raises(InvalidCodeError) as info:
        normalize_code(value)
    assert isinstance(info.value, ValueError)


def test_names_fold_brackets_spaces_and_radicals():
    assert normalize_name("维修(护)费") == normalize_name("维修（护）费")
    assert normalize_name("机关事业单位基本养老保险缴\n费支出") == "机关事业单位基本养老保险缴费支出"
    assert normalize_name("　　行政运行") == "行政运行"
    assert normalize_name("⻔诊") == "门诊"
    assert normalize_name("⾏政运⾏") == "行政运行"  # Kangxi radicals, folded by NFKC
    assert normalize_name("财政拨款“三公”经费") == normalize_name('财政拨款"三公"经费')
    assert normalize_name("因公出国〔境〕费用") == normalize_name("因公出国（境）费用")


def test_radical_map_targets_are_ordinary_ideographs():
    for radical, ideograph in RADICAL_FORMS.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF
        assert len(ideograph) == 1 and 0x4E00 <= ord(ideograph) <= 0x9FFF, (radical, ideograph)


@given(st.text())
def test_normalize_name_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(st.text(alphabet="0123456789 -._\u3000０１２３４５６７８９", min_size=1))
def test_normalize_code_is_idempotent_or_rejects(text):
    try:
        once = normalize_code(text)
    except InvalidCodeError:
        return
    assert once.isdigit() and normalize_code(once) == once


@given(st.integers(min_value=0, max_value=10**9))
def test_int_and_str_agree(n):
    assert normalize_code(n) == normalize_code(str(n)) == str(n)


def test_a_level_marker_or_an_enumeration_around_a_name_is_the_same_name():
    """Government reports print 其他教育支出（项）, 武装警察部队(款), 一、城乡社区支出, （二）交通运输支出: the
    name with its level or its place in a list, not another name. A name's own brackets stay (资本性支出（一）,
    政府办公厅（室）及相关机构事务)."""
    from govclass.normalize import marked_only

    assert normalize_name("其他教育支出（项）") == normalize_name("其他教育支出(项)") == "其他教育支出"
    assert normalize_name("武装警察部队(款)") == "武装警察部队"
    assert normalize_name("一、城乡社区支出") == normalize_name("十三、城乡社区支出") == "城乡社区支出"
    assert normalize_name("（二）交通运输支出") == "交通运输支出"
    assert normalize_name("资本性支出（一）") == "资本性支出(一)"
    assert normalize_name("政府办公厅（室）及相关机构事务") == "政府办公厅(室)及相关机构事务"
    assert normalize_name("一般公共服务支出") == "一般公共服务支出"  # 一 that begins a name is no enumeration
    assert marked_only("一、城乡社区支出", "城乡社区支出") and marked_only("其他教育支出（项）", "其他教育支出")
    assert not marked_only("城乡社区支出", "城乡社区支出")
    assert not marked_only("其他教育支出（项）", "其他卫生健康支出")


def test_no_name_of_any_edition_loses_anything_to_the_marker_rule():
    import unicodedata

    import govclass
    from govclass.normalize import _NAME_FOLD, _without_marks

    for year in govclass.available_years():
        for code in govclass.get_catalog(year).codes():
            folded = unicodedata.normalize("NFKC", code.name).translate(_NAME_FOLD)
            assert _without_marks(folded) == folded == normalize_name(code.name), (year, code.code)
