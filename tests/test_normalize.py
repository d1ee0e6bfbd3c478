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
