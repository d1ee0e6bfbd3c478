"""The parts of the book the catalog does not carry whole (``meta.known_gaps``, docs/data-format.md).

A code the edition lacks, printed under a part the data says it does not hold whole, may well be the book's:
``uncatalogued-code``, a warning (not checked), and the verdict ``uncatalogued`` of ``govclass codes``. Under a
part carried whole it stays ``unknown-code``, an error. Both engines (whole document and stream) and the verdicts
ask one predicate, ``Store.uncatalogued_part``."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govclass.catalog import clear_cache
from govclass.catalog import store as _store
from govclass.catalog.datacheck import check_year
from govclass.errors import DataError
from govclass.evidence import codes_of_paths, judge
from govclass.readers import read_csv
from govclass.stream import validate_csv
from govclass.validation import validate

HEAD = "code,name,合计\n"
CODE_RULES = ("uncatalogued-code", "unknown-code", "retired-code")


def code_findings(text: str, year: int = 2024) -> list[tuple[str, str, str | None, int | None]]:
    """(rule, severity, code, line) of the code findings of a CSV the test writes, the same in both engines."""
    whole = validate(read_csv(text, "t.csv", year=year), year)
    streamed = validate_csv(io.StringIO(text), where="t.csv", year=year)
    assert [f.to_dict() for f in streamed.findings] == [f.to_dict() for f in whole.findings]
    return [(f.rule, f.severity, f.code, f.line) for f in whole.findings if f.rule in CODE_RULES]


# --- on the shipped data -------------------------------------------------------------------------------------


def test_the_data_names_partial_parts_and_leaves_whole_ones_unnamed():
    store = _store.get_store(2024)
    assert store.partial["1010101"] == ()  # 国内增值税: 目 beyond 01-06 not listed (any may be missing)
    assert store.partial["101"] == ("10103", "10108")  # only 营业税 and 固定资产投资方向调节税 may be missing
    assert "1030148" not in store.partial  # 国有土地使用权出让收入: its five 目 are the book's
    assert all(code in store.codes for code in store.partial)


def test_a_mu_under_a_partial_xiang_is_a_warning_under_a_whole_one_an_error():
    got = code_findings(HEAD + "101010199,其他增值税,6\n103014804,某项土地收入,4\n")
    assert got == [("uncatalogued-code", "warning", "101010199", 1), ("unknown-code", "error", "103014804", 2)]


def test_only_the_children_a_gap_names_are_uncatalogued():
    # 101's only gaps are 10103 and 10108: another 款 number of 101 is no code of the book
    got = code_findings(HEAD + "10103,营业税,1\n10177,某税,1\n")
    assert got == [("uncatalogued-code", "warning", "10103", 1), ("unknown-code", "error", "10177", 2)]


def test_the_gap_is_found_through_a_missing_level():
    # 10503 (款) is not in the edition, 105 lacks it: its 项 1050303 is uncatalogued under 105
    assert code_findings(HEAD + "1050303,抗疫特别国债收入,1\n") == [
        ("uncatalogued-code", "warning", "1050303", 1)]
    # a code of no level under its nearest ancestor (eight digits) is not placed under it
    assert code_findings(HEAD + "10101019,某,1\n")[0][0] == "unknown-code"


def test_a_code_of_another_edition_is_said_so_before_any_gap():
    # 1030184 is a 2025 addition under the partial 10301: in 2024 it is not yet created, not uncatalogued
    assert code_findings(HEAD + "1030184,中央金融机构注资特别国债财务基金收入,1\n") == [
        ("retired-code", "error", "1030184", 1)]


def test_the_codes_verdicts_ask_the_same_question(tmp_path):
    v = judge("101010199", "其他增值税", 2024)
    assert v["verdict"] == "uncatalogued" and "1010101 国内增值税" in v["detail"]
    assert judge("103014804", None, 2024)["verdict"] == "unknown"
    assert judge("101010101", "国有企业增值税", 2024)["verdict"] == "known-same-name"
    doc = tmp_path / "t.csv"
    doc.write_text(HEAD + "101010199,其他增值税,6\n103014804,某项土地收入,4\n", encoding="utf-8")
    (result,) = codes_of_paths([str(doc)], year=2024)
    assert {(p.code, p.verdict) for p in result.pairs} == {("101010199", "uncatalogued"), ("103014804", "unknown")}


def test_lookup_says_where_the_lines_below_are_not_all_carried():
    def lookup(code: str) -> str:
        r = subprocess.run([sys.executable, "-m", "govclass", "lookup", code, "--year", "2024"], capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert "known gap:      the lines under it are not all carried (may be missing: 10103, 10108)" in lookup("101")
    assert "known gap:      the lines under it are not all carried;" in lookup("1010101")
    assert "known gap" not in lookup("1030148")


# --- the mechanism on data the test changes --------------------------------------------------------------------


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    data = tmp_path / "codes"
    shutil.copytree(Path(_store.data_dir()), data)
    monkeypatch.setenv("GOVCLASS_DATA_DIR", str(data))
    monkeypatch.setenv("GOVCLASS_CACHE_DIR", str(tmp_path / "cache"))
    clear_cache()
    yield data
    monkeypatch.undo()
    clear_cache()


GAPS_LINE = "  known_gaps:"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_gap(path: Path, gap: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(GAPS_LINE, 1)
    comment, body = rest.split("\n", 1)
    path.write_text(f"{head}{GAPS_LINE}{comment}\n{gap}{body}", encoding="utf-8")


def test_a_gap_added_or_taken_away_turns_the_finding(data_copy):
    revenue = data_copy / "2024" / "revenue"
    _add_gap(revenue / "103.yaml", '    - under: "1030148"\n      what: a gap the test declares\n')
    _edit(revenue / "101.yaml", '"10101", "1010101", ', '"10101", ')  # 国内增值税 now carried whole
    clear_cache()
    assert check_year(2024) == []
    got = code_findings(HEAD + "101010199,其他增值税,6\n103014804,某项土地收入,4\n")
    assert got == [("unknown-code", "error", "101010199", 1), ("uncatalogued-code", "warning", "103014804", 2)]


def test_a_gap_naming_its_missing_children_keeps_the_others_errors(data_copy):
    _add_gap(data_copy / "2024" / "revenue" / "103.yaml",
             '    - under: "1030148"\n      missing: ["103014804"]\n      what: a gap the test declares\n')
    clear_cache()
    got = code_findings(HEAD + "103014804,某项土地收入,4\n103014805,另一项,1\n")
    assert got == [("uncatalogued-code", "warning", "103014804", 1), ("unknown-code", "error", "103014805", 2)]


@pytest.mark.parametrize("gap", [
    '    - under: "1030148"\n      missing: ["1030149"]\n      what: not one level below\n',
    '    - under: "103014"\n      what: no level of the revenue classification\n',
    '    - under: ["1030148", "1030155"]\n      missing: ["103014804"]\n      what: missing needs one under\n',
    '    - under: "1030148"\n',
    '    - under: "1030148"\n      codes: "1030148xx"\n      what: an unknown key\n',
])
def test_a_malformed_gap_is_refused_by_the_compiler(data_copy, gap):
    _add_gap(data_copy / "2024" / "revenue" / "103.yaml", gap)
    clear_cache()
    with pytest.raises(DataError, match="known_gaps"):
        _store.read_edition(2024, str(data_copy / "2024"))


def test_check_data_reports_a_gap_that_names_the_wrong_part(data_copy):
    revenue = data_copy / "2024" / "revenue"
    _add_gap(revenue / "103.yaml", '    - under: "1010101"\n      what: a part of another file\n')
    _add_gap(revenue / "110.yaml", '    - under: "11001"\n      missing: ["1100102"]\n      what: a code the file holds\n')
    clear_cache()
    problems = check_year(2024)
    assert any("103.yaml" in p and "under 1010101, which is not an entry of this file" in p for p in problems)
    assert any("110.yaml" in p and "names as missing 1100102, which this file holds" in p for p in problems)


def test_a_change_records_gap_holds_in_the_edition_it_derives(data_copy):
    """A 款 a change record adds from documents is known only as far as they print it (changes/<year>.yaml
    meta.known_gaps): a 项 under it that the record lacks is uncatalogued, not an unknown-code error; without
    the gap the same line is an error."""
    line = HEAD + "2149899,其他交通运输支出,10\n"
    assert code_findings(line, 2026) == [("uncatalogued-code", "warning", "2149899", 1)]
    _edit(data_copy / "changes" / "2026.yaml", "'21498', ", "")
    clear_cache()  # the 2025 record, which adds 21498, still names the gap: it holds in 2026, derived with it
    assert code_findings(line, 2026) == [("uncatalogued-code", "warning", "2149899", 1)]
    _edit(data_copy / "changes" / "2025.yaml", "'21498', ", "")
    clear_cache()
    assert code_findings(line, 2026) == [("unknown-code", "error", "2149899", 1)]


def test_a_malformed_gap_of_a_change_record_is_refused(data_copy):
    _edit(data_copy / "changes" / "2026.yaml", "  - under: ['20141',", "  - under: ['2014',")
    clear_cache()
    with pytest.raises(DataError, match="known_gaps"):
        _store.read_changes(2026)
