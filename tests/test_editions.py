"""Editions 2007-2026: change records apply cleanly, every edition passes the
integrity checks, diff/apply round-trip, retired codes, history, docs; the
2018 economic reform as a typed change set; the nearest-edition fallback."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govclass
from govclass.catalog import store as _store
from govclass.catalog.datacheck import check_year
from govclass.catalog.editions import apply_changes, changes, diff, edition_page, history, status, view
from govclass.errors import RetiredCodeError, UnknownCodeError
from govclass.validation import validate

YEARS = govclass.available_years()


def test_editions_2007_to_2026_are_served():
    assert YEARS == tuple(range(2007, 2027))
    assert govclass.latest() == 2026


@pytest.mark.parametrize("year", YEARS)
def test_every_edition_passes_the_integrity_checks(year):
    assert check_year(year) == []


def test_every_record_applies_cleanly_and_an_empty_one_says_its_book_was_not_read():
    for year in _store.change_files():
        meta, record = _store.read_changes(year)
        # a record without a change is one of a book nobody read: it says so (carried) and what is known (coverage)
        assert record or (meta.get("carried") and meta.get("coverage")), year
        if year > YEARS[0]:
            _store.step_edition(_store.edition_entries(year)[1], record, year, -1, 0)
    # 2007, the reform year, is the first edition: its record is history only and derives nothing before it
    meta, record = _store.read_changes(2007)
    assert meta["history_only"] and not record and 2006 not in YEARS


def test_a_record_that_does_not_apply_is_refused():
    raw = _store.edition_entries(2024)[1]
    bad = [{"type": "added", "classification": "functional", "code": "2101505", "name": "x", "confidence": "high",
            "where": "test"}]
    with pytest.raises(govclass.errors.DataError, match="2101505 is already in edition"):
        _store.step_edition(raw, bad, 2025, +1, 0)
    bad = [{"type": "renamed", "classification": "functional", "code": "210", "old_name": "医疗卫生与计划生育支出",
            "name": "卫生健康支出", "confidence": "high", "where": "test"}]
    with pytest.raises(govclass.errors.DataError, match="named"):
        _store.step_edition(raw, bad, 2025, +1, 0)  # 210 is already 卫生健康支出 in 2024


# every pair of the editions 2016-2026 (the records of recollection and documents), and 2007 against each
PAIRS = sorted({*itertools.permutations([y for y in YEARS if y >= 2016], 2), *((2007, y) for y in YEARS[1:]),
                *((y, 2007) for y in YEARS[1:])})


@pytest.mark.parametrize("a,b", PAIRS)
def test_diff_applied_to_a_gives_b(a, b):
    assert apply_changes(a, diff(a, b)) == view(b)


def test_known_renames_and_new_classes_are_recorded():
    def renamed(code):
        return {(c.old_name, c.name) for c in history(code) if c.type == "renamed"}

    assert ("医疗卫生与计划生育支出", "卫生健康支出") in renamed("210")
    assert ("文化体育与传媒支出", "文化旅游体育与传媒支出") in renamed("207")
    assert ("国土海洋气象等支出", "自然资源海洋气象等支出") in renamed("220")
    assert ("行政事业单位离退休", "行政事业单位养老支出") in renamed("20805")
    assert any(c.type == "added" and c.year == 2019 for c in history("224"))
    # mid-year notices: 22006 by 财预〔2024〕22号, 22911 and 23107 by 财预〔2025〕41号
    assert [(c.year, c.type) for c in history("22006")] == [(2024, "added")]
    assert "22号" in history("22006")[0].source
    assert {c.code for c in changes(2025) if c.type == "added"} >= {"22911", "23107", "2170404"}


def test_names_follow_the_edition():
    assert govclass.lookup("210", year=2024).name == "卫生健康支出"
    assert govclass.lookup("20805", year=2019).name == "行政事业单位离退休"
    assert govclass.lookup("20805", year=2020).name == "行政事业单位养老支出"
    assert govclass.lookup("2101504", year=2020).year == 2020


def test_a_retired_code_is_not_unknown():
    retired = [c for c in diff(2019, 2024) if c.type == "retired"]
    assert retired
    for ch in retired[:10]:
        with pytest.raises(RetiredCodeError) as info:
            govclass.lookup(ch.code, year=2024)
        err = info.value
        assert isinstance(err, UnknownCodeError) and err.state == "retired"
        assert err.valid_from <= 2019 and err.valid_to < 2024
        assert govclass.lookup(ch.code, year=err.valid_to).name == ch.name
    # successors come from the records: 2010409 moved to 2110108 in 2019
    st = status("2010409", 2024)
    assert st.state == "retired" and st.successors == ("2110108",) and st.retired_in == 2019


def test_a_code_not_yet_created():
    st = status("22911", 2024)
    assert st.state == "not-yet-created" and st.valid_from == 2025
    with pytest.raises(RetiredCodeError, match="first appears in 2025"):
        govclass.lookup("22911", year=2024)
    assert status("310111", 2024).state == "unknown"


def test_validator_reports_retired_code_with_successor():
    doc = {"year": 2024, "tables": [{"name": "t", "classification": "functional", "unit": "万元",
                                     "columns": ["合计"], "lines": [
        {"code": "2010409", "name": "应对气候变化管理事务", "amounts": {"合计": "1.00"}}]}]}
    report = validate(doc)
    assert report.edition == 2024
    (f,) = report.by_rule("retired-code")
    assert f.code == "2010409" and f.suggestions == ("2110108",)
    assert not report.by_rule("unknown-code")


def test_seed003_is_checked_against_2020_without_false_unknown_codes():
    doc = json.loads((Path(__file__).parent / "fixtures" / "seed003_tables.json").read_text(encoding="utf-8"))
    report = validate(doc)
    assert report.edition == 2020
    assert [f.code for f in report.by_rule("unknown-code")] == ["310111"]  # the seed's misprint, nothing else
    assert not report.by_rule("retired-code")


def run(*args):
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_cli_history_diff_and_year():
    r = run("history", "20805")
    assert r.returncode == 0 and "行政事业单位离退休 → 行政事业单位养老支出" in r.stdout
    r = run("diff", "2023", "2024", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["from"] == 2023 and any(c["code"] == "22006" for c in data["changes"])
    r = run("lookup", "2101504", "--year", "2020")
    assert r.returncode == 0 and "2020 edition" in r.stdout
    r = run("lookup", "22911", "--year", "2024")
    assert r.returncode == 1 and "first appears in 2025" in r.stderr and "Traceback" not in r.stderr
    r = run("diff", "2023", "1990")
    assert r.returncode == 2 and "available: 2007" in r.stderr


@pytest.mark.parametrize("year", YEARS)
def test_edition_docs_are_generated_from_the_data(year):
    page = Path(__file__).resolve().parent.parent / "docs" / "editions" / f"{year}.md"
    if not page.exists():
        pytest.skip("docs/ is not shipped in the installed package")
    assert page.read_text(encoding="utf-8") == edition_page(year), "run python tools/make_edition_docs.py"
