"""The 2026 edition and the status markers: carried vs confirmed, evidence
files checked, confirmations that never add or rename."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govclass
from govclass.catalog import editions
from govclass.catalog import store as _store
from govclass.catalog.datacheck import check_markers
from govclass.errors import DataError

from conftest import REPO


def test_2026_is_the_latest_edition_and_every_entry_is_carried_or_confirmed():
    assert govclass.latest() == 2026
    store = _store.get_store(2026)
    statuses = {rec[_store.R_STATUS] for rec in store.codes.values()}
    assert statuses == {"carried", "confirmed"}
    for code, rec in store.codes.items():
        if rec[_store.R_STATUS] == "confirmed":
            assert rec[_store.R_EVIDENCE], code
        else:
            assert not rec[_store.R_EVIDENCE], code


def test_2026_follows_what_2026_budgets_print():
    cat = govclass.get_catalog(2026)
    assert cat.lookup("2013810").name == "质量基础" and cat.lookup("2013810").status == "confirmed"
    assert cat.lookup("2013808").name == "信息化建设"
    assert cat.lookup("2013804").name == "经营主体管理"
    assert cat.lookup("2100410").name == "突发公共卫生事件应急处置"
    assert govclass.get_catalog(2025).lookup("2100410").name == "突发公共卫生事件应急处理"
    assert cat.lookup("2050702").name == "专门学校教育"
    assert cat.lookup("21598").name == "超长期特别国债安排的支出"
    sure = cat.lookup("2109999")
    assert sure.status == "confirmed" and sure.confidence.value == "high"
    assert any("city-budget-pairs.tsv" in e for e in sure.evidence)
    assert cat.lookup("2029999").status == "carried"  # no document prints it
    # 数据事务: added once a second place printed the 款 line itself (Wuzhong's 2026 budget, p. 60; Beijing printed only
    # its 项): before that the name would have been inferred from 其他数据事务支出, which this project does not do.
    # Xinjiang's 2025 budget prints it too (p. 57): it is in the 2025 edition at the latest, not in 2024's, and a
    # document dates it no earlier (Change.attested: its absence in 2024 is undated-code, not an error)
    assert cat.lookup("20141").name == "数据事务" and "20141" in govclass.get_catalog(2025)
    assert "20141" not in govclass.get_catalog(2024)
    (added,) = [c for c in editions.history("20141") if c.type == "added"]
    assert (added.year, added.attested) == (2025, True)
    assert editions.status("20141", 2024).attested_from == 2025


def test_the_99_kuan_renumbering_has_its_history():
    (move,) = [c for c in editions.history("2109901") if c.type == "moved"]
    assert (move.year, move.to_code) == (2021, "2109999")
    assert govclass.get_catalog(2020).lookup("2089901").name == "其他社会保障和就业支出"
    assert "2089901" not in govclass.get_catalog(2021)


def test_markers_are_clean_in_every_edition():
    for year in _store.available_years():
        assert check_markers(year) == [], year


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    data = tmp_path / "codes"
    shutil.copytree(Path(_store.data_dir()), data)
    monkeypatch.setenv("GOVCLASS_DATA_DIR", str(data))
    monkeypatch.setenv("GOVCLASS_CACHE_DIR", str(tmp_path / "cache"))
    _store.clear()
    editions.clear()
    yield data
    monkeypatch.undo()
    _store.clear()
    editions.clear()


def test_a_malformed_evidence_file_is_reported(data_copy):
    f = data_copy / "evidence" / "2026.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("- code: '2013810'", "- code: 2013810", 1), encoding="utf-8")
    problems = check_markers(2026)
    assert problems and "evidence/2026.yaml" in problems[0]


def test_a_confirmation_never_adds_a_code(data_copy):
    f = data_copy / "evidence" / "2026.yaml"
    text = f.read_text(encoding="utf-8").replace("- code: '2013810'", "- code: '2013811'", 1)
    f.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="never adds a code"):
        _store.load_year(2026)


def test_a_carried_edition_needs_the_marker_to_be_a_boolean(data_copy):
    f = data_copy / "changes" / "2026.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("carried: true", "carried: 'yes'", 1), encoding="utf-8")
    assert any("changes/2026.yaml: meta/carried" in p for p in check_markers(2026))


def test_a_name_known_cut_short_is_marked_not_completed(data_copy):
    f = data_copy / "changes" / "2026.yaml"
    f.write_text(f.read_text(encoding="utf-8") + """- type: added
  classification: functional
  code: '2013817'
  name: 质量安全
  name_truncated: true
  source: pairs-2026
  confidence: low
""", encoding="utf-8")
    assert check_markers(2026) == []
    rec = _store.get_store(2026).codes["2013817"]
    assert rec[_store.R_NAME] == "质量安全" and rec[_store.R_NOTE].startswith("name known only as printed, cut short")


def test_the_curation_tool_proposes_and_never_adds(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("code\tname\tyear\tdocuments\toccurrences\tcities\n"
                   "2029999\t其他外交支出\t2026\t2\t2\t甲市,乙市\n"     # low, two cities: confirm and raise
                   "2039999\t其他国防支出\t2026\t1\t1\t甲市\n"         # low, one city: confirm, no raise
                   "2069803\t技术研究与开发\t2026\t1\t1\t甲市\n"      # not in the edition (20698 unprinted): a question
                   "2013804\t市场主体管理\t2026\t1\t1\t甲市\n",        # another name: a question
                   encoding="utf-8")
    out = tmp_path / "proposal"
    r = subprocess.run([sys.executable, str(REPO / "tools" / "curate_evidence.py"), "--pairs", str(tsv),
                        "--out", str(out)], capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    assert r.returncode == 0, r.stderr
    import yaml

    proposed = yaml.safe_load((out / "evidence-2026.yaml").read_text(encoding="utf-8"))["confirmed"]
    assert [(c["code"], c.get("confidence")) for c in proposed] == [("2029999", "high"), ("2039999", None)]
    md = (out / "proposal.md").read_text(encoding="utf-8")
    assert "2069803" in md and "2013804" in md


def test_lookup_and_export_say_how_an_entry_is_known():
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                              encoding="utf-8", cwd=REPO).stdout
    assert "status:         carried from 2025, not confirmed for 2026" in cli("lookup", "2029999")
    assert "status:         confirmed for 2026" in cli("lookup", "2109999")
    header, *rows = cli("export").splitlines()
    row_201 = next(r for r in rows if r.startswith("201,"))  # in code order: the revenue codes 101… come first
    assert header.endswith(",status") and row_201.endswith(",confirmed")
