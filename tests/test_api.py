"""The Python API on the real 2024 tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govclass
from govclass import Budget, Classification, Code, Level, UnknownCodeError

YEAR = 2024


def test_lookup_returns_a_frozen_code_with_its_place():
    c = govclass.lookup("2101505")
    assert isinstance(c, Code)
    assert (c.code, c.name, c.level, c.classification) == (
        "2101505", "医疗保障政策管理", Level.XIANG, Classification.FUNCTIONAL)
    assert c.parent == "21015" and c.ancestors == ("210", "21015")
    assert c.path == ("卫生健康支出", "医疗保障管理事务", "医疗保障政策管理")
    assert c.is_leaf and c.children == () and c.descendants == ()
    assert Budget.GENERAL in c.budgets
    assert c.definition and c.definition.startswith("反映")
    assert c.year == govclass.latest() == max(govclass.available_years())
    with pytest.raises(AttributeError):
        c.name = "x"  # type: ignore[misc]


def test_hierarchy_is_consistent_from_the_top():
    cat = govclass.get_catalog(YEAR)
    lei = cat.lookup("208")
    assert lei.level == Level.LEI and lei.parent is None and not lei.is_leaf
    assert "20805" in lei.children and "2080505" in lei.descendants
    assert [c.code for c in cat.children("20805")] == list(cat.lookup("20805").children)
    assert [c.code for c in cat.ancestors("2080505")] == ["208", "20805"]
    assert cat.parent("2080505").code == "20805"
    # descendants of a 类 = its 款 and all their 项
    expected = set(lei.children) | {x for k in lei.children for x in cat.lookup(k).children}
    assert set(lei.descendants) == expected


@pytest.mark.parametrize("form", ["2101505", 2101505, "210 15 05", "210-15-05", "２１０１５０５"])
def test_lookup_accepts_every_printed_form(form):
    assert govclass.lookup(form).code == "2101505"


def test_relative_kuan_under_its_lei():
    assert govclass.lookup("15", parent="210").code == "21015"
    assert govclass.lookup("\u300001", parent=208).name == "人力资源和社会保障管理事务"


def test_unknown_code_raises_lookup_error_with_suggestions():
    with pytest.raises(LookupError) as info:
        govclass.lookup("2101509")
    err = info.value
    assert isinstance(err, UnknownCodeError) and err.code == "2101509"
    assert err.suggestions and all(govclass.is_valid(s.code) for s in err.suggestions)
    assert err.suggestions[0].code.startswith("21015")  # nearest legal codes first


def test_suggestions_use_the_printed_name():
    # seed 001 prints 30211 as 维修费; the name points at 30213 维修（护）费 too
    hits = govclass.suggest("30299x".rstrip("x"), name="维修(护)费")
    assert "30213" in [s.code for s in hits]
    by_name = govclass.suggest("30230", name="差旅费")
    assert by_name[0].code == "30211" and by_name[0].reason == "name"


def test_unknown_code_with_printed_name_suggests_the_named_code():
    # a 项 printed under the wrong 款 number: the name finds the real code
    with pytest.raises(UnknownCodeError) as info:
        govclass.lookup("2101305", name="医疗保障政策管理")
    assert info.value.suggestions[0].code == "2101505"
    assert info.value.suggestions[0].reason == "name"


def test_invalid_code_is_a_value_error():
    with pytest.raises(ValueError):
        govclass.lookup("21O1505")


@given(st.one_of(st.text(), st.integers(), st.none(), st.floats(), st.binary(), st.lists(st.integers())))
def test_is_valid_never_raises(value):
    assert govclass.is_valid(value) in (True, False)


def test_is_valid_agrees_with_lookup():
    cat = govclass.get_catalog(YEAR)
    for code in list(cat.codes())[::37]:
        assert govclass.is_valid(code.code, year=YEAR) and govclass.lookup(code.code, year=YEAR) is code
    assert not govclass.is_valid("2101509")
    assert not govclass.is_valid("310111")


def test_search_exact_then_substring_then_fuzzy():
    hits = govclass.search("维修(护)费")
    assert hits[0].code.code == "30213" and hits[0].match == "exact" and hits[0].score == 1.0
    sub = govclass.search("医疗保障政策", level="项")
    assert sub[0].code.code == "2101505" and sub[0].match == "substring"
    assert 0.6 < sub[0].score < 1.0
    fuzzy = govclass.search("医疗保障政策管里")  # a typo
    assert fuzzy and fuzzy[0].code.code == "2101505" and fuzzy[0].match == "fuzzy"
    scores = [h.score for h in govclass.search("行政运行")]
    assert scores == sorted(scores, reverse=True)


def test_search_filters():
    hits = govclass.search("工资福利支出", classification="economic-dept")
    assert hits and all(h.code.classification == Classification.ECONOMIC_DEPT for h in hits)
    assert hits[0].code.code == "301"
    hits = govclass.search("行政运行", level="项", limit=None)
    assert len(hits) > 50 and all(h.code.level == Level.XIANG for h in hits)


def test_names_are_per_code_not_global():
    runs = govclass.get_catalog(YEAR).codes_named("行政运行")
    assert len(runs) > 50
    assert all(c.code.endswith("01") and c.level == Level.XIANG for c in runs)


def test_economic_correspondence():
    cat = govclass.get_catalog(YEAR)
    gov = {c.code for c, _unit in cat.corresponding("30101")}
    assert "50101" in gov
    dept = {c.code for c, _unit in cat.corresponding("50101")}
    assert {"30101", "30102", "30103"} <= dept


def test_stats_counts_every_level():
    stats = govclass.get_catalog(YEAR).stats()
    f = stats["functional"]["all"]
    assert f["类"] >= 25 and f["款"] > 150 and f["项"] > 900
    assert set(stats["functional"]) == {"all", "general", "fund", "capital", "social"}
    assert stats["economic-dept"]["all"]["类"] == 10


def test_years():
    assert YEAR in govclass.available_years()
    assert govclass.latest() == max(govclass.available_years())
    with pytest.raises(govclass.UnknownYearError):
        govclass.lookup("2101505", year=1999)
