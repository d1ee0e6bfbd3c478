"""The tables themselves: structure, provenance, and the seed documents' codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import govclass
from govclass.catalog import store as _store
from govclass.catalog.datacheck import check_year
from govclass.normalize import normalize_name

from conftest import printed_codes

YEAR = 2024


@pytest.fixture(scope="module")
def data() -> dict:
    year_dir = os.path.join(_store.data_dir(), str(YEAR))
    return _store.compile_year(YEAR, year_dir)


@pytest.fixture(scope="module")
def raw_files() -> dict[str, dict]:
    year_dir = Path(_store.data_dir()) / str(YEAR)
    return {str(p.relative_to(year_dir)): _store.read_yaml(str(p)) for p in sorted(year_dir.rglob("*.yaml"))}


def test_check_data_finds_no_problem():
    assert check_year(YEAR) == []


def test_every_file_states_its_provenance(raw_files):
    assert raw_files, "no data files shipped"
    for rel, doc in raw_files.items():
        meta = doc["meta"]
        assert meta["edition"] == YEAR, rel
        assert meta.get("title"), rel
        assert meta.get("source") and all(s.get("document") for s in meta["source"]), rel
        assert isinstance(meta.get("revisions"), list), rel
        assert meta.get("curation"), rel


def test_codes_unique_sorted_and_well_formed(raw_files):
    seen: dict[str, str] = {}
    for rel, doc in raw_files.items():
        codes = [e["code"] for e in doc.get("codes") or ()]
        assert codes == sorted(codes), rel
        for c in codes:
            assert isinstance(c, str) and c.isdigit(), (rel, c)
            assert c not in seen, f"{c} in {rel} and {seen.get(c)}"
            seen[c] = rel


def test_code_length_matches_level(data):
    lengths = {"类": 3, "款": 5, "项": 7, "目": 9}
    for code, rec in data["codes"].items():
        assert len(code) == lengths[rec[_store.R_LEVEL]], code
        # the 9-digit 目 is a level of the revenue classification only
        assert rec[_store.R_LEVEL] != "目" or rec[_store.R_CLASSIFICATION] == "revenue", code


def test_parent_is_prefix_and_exists(data):
    codes = data["codes"]
    for code, rec in codes.items():
        parent = rec[_store.R_PARENT]
        if rec[_store.R_LEVEL] == "类":
            assert parent is None
            continue
        assert parent in codes, code
        assert code.startswith(parent) and len(code) == len(parent) + 2, code
        assert code in codes[parent][_store.R_CHILDREN]
        assert codes[parent][_store.R_CLASSIFICATION] == rec[_store.R_CLASSIFICATION]


def test_names_non_empty_and_siblings_distinct(data):
    codes = data["codes"]
    for code, rec in codes.items():
        assert rec[_store.R_NAME].strip(), code
        kids = [normalize_name(codes[k][_store.R_NAME]) for k in rec[_store.R_CHILDREN]]
        assert len(kids) == len(set(kids)), f"siblings under {code} share a name"


def test_functional_budgets_nest(data):
    codes = data["codes"]
    for code, rec in codes.items():
        if rec[_store.R_CLASSIFICATION] != "functional":
            continue
        assert rec[_store.R_BUDGETS], code
        if rec[_store.R_PARENT]:
            assert set(rec[_store.R_BUDGETS]) <= set(codes[rec[_store.R_PARENT]][_store.R_BUDGETS]), code


def test_every_classification_and_budget_is_covered(data):
    roots = data["roots"]
    assert len(roots["functional"]) >= 25
    assert {"301", "302", "303", "310", "399"} <= set(roots["economic-dept"])
    assert {"501", "502", "509", "599"} <= set(roots["economic-gov"])
    budgets = {b for rec in data["codes"].values() for b in rec[_store.R_BUDGETS]}
    assert budgets == {"general", "fund", "capital", "social"}


def test_every_definition_has_a_basis(data):
    for code, rec in data["codes"].items():
        if rec[_store.R_DEFINITION] is not None:
            assert rec[_store.R_DEFINITION_BASIS] in _store.DEFINITION_BASES, code


def test_correspondence_table_names_real_codes_of_both_sides(data):
    codes = data["codes"]
    assert data["mappings"]
    for gov, dept, _unit, _note in data["mappings"]:
        assert codes[gov][_store.R_CLASSIFICATION] == "economic-gov"
        assert all(codes[d][_store.R_CLASSIFICATION] == "economic-dept" for d in dept)


# --- the seed documents -----------------------------------------------------

# Codes printed in the seeds that are not classification codes of the book.
# Each is a documented fact about a seed, not a gap in the data: it must stay
# absent from the tables (a misprint must never be "fixed" by adding it).
NOT_IN_BOOK = {
    "310111": "seed 003 公开06表 misprints 31011 地上附着物和青苗补偿",
}


def test_every_code_printed_in_the_seeds_resolves(seeds):
    catalog = govclass.get_catalog(YEAR)
    missing = []
    count = 0
    for name, text in seeds.items():
        for lineno, code in printed_codes(text):
            if code in NOT_IN_BOOK:
                continue
            count += 1
            if not catalog.is_valid(code):
                missing.append(f"{name}:{lineno} {code}")
    assert count > 150, "the seed reader found too few codes to mean anything"
    assert missing == []


def test_non_codes_in_the_seeds_stay_out_of_the_tables(seeds):
    catalog = govclass.get_catalog(YEAR)
    printed = {code for text in seeds.values() for _, code in printed_codes(text)}
    for code, why in NOT_IN_BOOK.items():
        assert code in printed, f"{code} is no longer printed in the seeds ({why}); drop it here"
        assert not catalog.is_valid(code), why


def test_misprint_310111_suggests_31011():
    with pytest.raises(govclass.UnknownCodeError) as info:
        govclass.lookup("310111", year=YEAR)
    assert info.value.suggestions[0].code == "31011"


def test_no_data_file_repeats_a_key():
    """YAML keeps the last of two equal keys without a word: a source or an entry written twice (two branches
    adding the same source) would silently lose one. Every data file is read with a loader that refuses it."""
    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _v in node.value]
        repeated = {k for k in keys if keys.count(k) > 1}
        assert not repeated, f"{node.start_mark}: key repeated: {sorted(map(str, repeated))}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    root = Path(__file__).resolve().parents[1] / "data"
    files = sorted(root.rglob("*.yaml"))
    assert files
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)
