"""The contract a pipeline relies on (issue 18): every check on every input,
one defect one finding, the command line's formats and exit codes, typed API."""

from __future__ import annotations

import json

import pytest

import govclass
from govclass.editions import diff, history
from govclass.validate import validate


def _doc(year, lines, columns=("合计",), relations=()):
    return {"year": year, "tables": [{"name": "支出表", "classification": "functional", "unit": "万元",
                                      "columns": list(columns), "relations": list(relations), "lines": lines}]}


# -- the catalog --------------------------------------------------------------------


def test_a_multi_year_diff_dates_each_change_by_its_own_record():
    """diff 2019 2025 once labelled every change 2025; each must carry the year
    its own record gives (history), for additions and renamings alike."""
    items = diff(2019, 2025)
    checked = 0
    for c in items:
        if c.type not in ("added", "renamed"):
            continue
        recorded = [h.year for h in history(c.code) if h.type == c.type and h.code == c.code and 2019 < h.year <= 2025]
        if len(recorded) == 1:
            assert c.year == recorded[0], c.describe()
            checked += 1
    assert checked > 10
    by_code = {(c.code, c.type): c.year for c in items}
    assert by_code[("31304", "added")] == 2022  # history 31304: added 2022
    assert by_code[("20805", "renamed")] == 2020
    # the same labels read backwards: 31304 disappears going back past 2022
    back = {(c.code, c.type): c.year for c in diff(2025, 2019)}
    assert back[("31304", "retired")] == 2022


def test_a_newer_name_in_an_older_edition_is_called_newer():
    """20805 was renamed 行政事业单位养老支出 in 2020: in a 2019 document that
    is the newer name, not an older wording."""
    doc = _doc(2019, [{"code": "208", "name": "社会保障和就业支出", "amounts": {"合计": "10"}},
                      {"code": "20805", "name": "行政事业单位养老支出", "amounts": {"合计": "10"}}])
    f = [x for x in validate(doc).findings if x.code == "20805"]
    assert [x.rule for x in f] == ["name-variant"]
    assert "newer name" in f[0].message and "2020" in f[0].message and "新名称" in f[0].message_zh
    doc["year"] = 2024
    doc["tables"][0]["lines"][1]["name"] = "行政事业单位离退休"
    f = [x for x in validate(doc).findings if x.code == "20805"]
    assert [x.rule for x in f] == ["name-variant"] and "older name" in f[0].message


def test_a_shared_name_is_not_pinned_on_one_far_away_code():
    """事业运行 is the name of dozens of 项; printed against a code whose 款 has
    no 事业运行, the finding says the name is shared, not '… is the name of 2010150'."""
    cat = govclass.get_catalog(2024)
    owners = cat.codes_named("事业运行", "functional")
    assert len(owners) > 10
    kuan = next(k for k in ("21101", "20101") if not any(c.parent == k for c in owners))
    item = next(c for c in cat.lookup(kuan).children)
    doc = _doc(2024, [{"code": item[:3], "name": cat.lookup(item[:3]).name, "amounts": {"合计": "1"}},
                      {"code": kuan, "name": cat.lookup(kuan).name, "amounts": {"合计": "1"}},
                      {"code": item, "name": "事业运行", "amounts": {"合计": "1"}}])
    f = [x for x in validate(doc).findings if x.rule == "name-mismatch"]
    assert len(f) == 1
    assert "codes share" in f[0].message and "共用" in f[0].message_zh
    # under a 款 that has its own 事业运行, that code is named
    sibling = owners[0]
    other = next(c for c in cat.lookup(sibling.parent).children if c != sibling.code)
    doc = _doc(2024, [{"code": other, "name": "事业运行", "amounts": {"合计": "1"}}])
    f = [x for x in validate(doc).findings if x.rule == "name-mismatch"]
    assert f and f"the name of {sibling.code}" in f[0].message
