"""The revenue classification (收入分类科目): its tables, the API and the command line on revenue codes, and the
confirmations the government reports in ../shared give its entries (docs/curation/revenue.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govclass
from govclass.catalog import store as _store
from govclass.catalog.datacheck import check_year
from govclass.catalog.editions import diff
from govclass.errors import DataError, RetiredCodeError
from govclass.evidence import judge
from govclass.model import Budget, Classification, Level
from govclass.normalize import normalize_name

from conftest import REPO

EXPENDITURE = ("functional", "economic-dept", "economic-gov")
REVENUE_LEI = {"101", "102", "103", "104", "105", "110"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=REPO)


# --- the tables --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", _store.available_years())
def test_revenue_codes_never_clash_with_expenditure_codes(year):
    """One code, one meaning in an edition: no revenue code is an expenditure code, and the 类 tell them apart by
    their first digit (revenue 1xx, functional 2xx, economic 3xx/5xx)."""
    codes = _store.get_store(year).codes
    revenue = {c for c, rec in codes.items() if rec[_store.R_CLASSIFICATION] == "revenue"}
    expenditure = {c for c, rec in codes.items() if rec[_store.R_CLASSIFICATION] in EXPENDITURE}
    assert revenue and expenditure and not revenue & expenditure
    assert {c[0] for c in revenue} == {"1"} and "1" not in {c[0] for c in expenditure}
    assert set(_store.get_store(year).roots["revenue"]) == REVENUE_LEI


def test_a_revenue_file_holding_an_expenditure_code_is_refused(tmp_path, monkeypatch):
    """A code held by two classifications would make a lookup ambiguous: the compiler refuses it."""
    import shutil

    data = tmp_path / "codes"
    shutil.copytree(Path(_store.data_dir()), data)
    f = data / "2024" / "revenue" / "104.yaml"
    f.write_text(f.read_text(encoding="utf-8") + '  - code: "2010101"\n    name: 行政运行\n    confidence: low\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match="duplicate code 2010101"):
        _store.read_edition(2024, str(data / "2024"))


@pytest.mark.parametrize("year", _store.available_years())
def test_levels_follow_code_length_and_parents_exist(year):
    codes = _store.get_store(year).codes
    revenue = {c: rec for c, rec in codes.items() if rec[_store.R_CLASSIFICATION] == "revenue"}
    assert {rec[_store.R_LEVEL] for rec in revenue.values()} == {"类", "款", "项", "目"}
    for code, rec in revenue.items():
        assert rec[_store.R_LEVEL] == {3: "类", 5: "款", 7: "项", 9: "目"}[len(code)], code
        parent = rec[_store.R_PARENT]
        assert parent == (code[:-2] if len(code) > 3 else None), code
        if parent is not None:
            assert codes[parent][_store.R_CLASSIFICATION] == "revenue" and code in codes[parent][_store.R_CHILDREN]


@pytest.mark.parametrize("year", _store.available_years())
def test_budgets_nest_and_every_budget_has_revenue(year):
    codes = _store.get_store(year).codes
    revenue = {c: rec for c, rec in codes.items() if rec[_store.R_CLASSIFICATION] == "revenue"}
    for code, rec in revenue.items():
        assert rec[_store.R_BUDGETS], code
        if rec[_store.R_PARENT]:
            assert set(rec[_store.R_BUDGETS]) <= set(codes[rec[_store.R_PARENT]][_store.R_BUDGETS]), code
    by_budget = {b: {c[:3] for c, rec in revenue.items() if b in rec[_store.R_BUDGETS]} for b in _store.BUDGETS}
    # 一般公共预算收入 101/103/104/105/110; 政府性基金 10301, 10310, 105 专项债务, 110; 国有资本经营 10306, 110;
    # 社会保险基金 102, 110
    assert by_budget == {"general": {"101", "103", "104", "105", "110"}, "fund": {"103", "105", "110"},
                         "capital": {"103", "110"}, "social": {"102", "110"}}


def test_siblings_are_named_apart_and_every_entry_is_sourced():
    store = _store.get_store(2024)
    for code, rec in store.codes.items():
        if rec[_store.R_CLASSIFICATION] != "revenue":
            continue
        names = [normalize_name(store.codes[k][_store.R_NAME]) for k in rec[_store.R_CHILDREN]]
        assert len(names) == len(set(names)), code
        meta = store.files[rec[_store.R_FILE]]
        assert meta["path"] == f"revenue/{code[:3]}.yaml" and meta["source"] and meta["curation"], code
        assert meta.get("known_gaps"), code  # every file says what it does not hold
        if rec[_store.R_CONFIDENCE] == "low":
            assert rec[_store.R_NOTE], f"{code}: a low entry says why"


def test_check_data_is_clean_for_revenue():
    assert check_year(2024) == []


# --- the API -------------------------------------------------------------------------------------------


def test_lookup_of_a_xiang_and_a_mu():
    vat = govclass.lookup("1010101", year=2024)
    assert (vat.name, vat.level, vat.classification, vat.parent) == ("国内增值税", Level.XIANG, Classification.REVENUE,
                                                                     "10101")
    tobacco = govclass.lookup("103060103", year=2024)
    assert (tobacco.name, tobacco.level, tobacco.parent) == ("烟草企业利润收入", Level.MU, "1030601")
    assert tobacco.ancestors == ("103", "10306", "1030601")
    assert tobacco.path == ("非税收入", "国有资本经营收入", "利润收入", "烟草企业利润收入")
    assert tobacco.budgets == (Budget.CAPITAL,) and tobacco.is_leaf
    assert govclass.lookup("103 06 01 03", year=2024).code == "103060103"


def test_lookup_and_tree_of_the_second_pass():
    """化工企业利润收入 is 103060112 (the 2008 book and a 2019 budget print it so); 103060110 is no code."""
    chem = govclass.lookup("103060112", year=2024)
    assert (chem.name, chem.parent, chem.confidence.value) == ("化工企业利润收入", "1030601", "medium")
    assert govclass.get_catalog(2024).status("103060110").state == "unknown"
    assert [c.code for c in govclass.get_catalog(2024).children("1030102")] == ["103010201", "103010202"]
    fund = govclass.lookup("1030153", year=2024)
    assert fund.confidence.value == "low" and fund.note and fund.budgets == (Budget.FUND,)
    r = run("tree", "1030102")
    assert r.returncode == 0 and r.stdout.splitlines() == ["1030102 农网还贷资金收入", "  103010201 中央农网还贷资金收入",
                                                            "  103010202 地方农网还贷资金收入"]
    r = run("lookup", "103060110")
    assert r.returncode == 1


def test_children_descendants_and_roots():
    cat = govclass.get_catalog(2024)
    assert [c.code for c in cat.roots("revenue")] == sorted(REVENUE_LEI)
    assert [c.name for c in cat.children("1030148")] == ["土地出让价款收入", "补缴的土地价款", "划拨土地收入",
                                                         "缴纳新增建设用地土地有偿使用费", "其他土地出让收入"]
    below = cat.descendants("10306")
    assert below[0].code == "1030601" and below[1].code == "103060103"  # depth first, in code order
    assert {c.level for c in below} == {Level.XIANG, Level.MU}
    assert all(c.code.startswith("10306") for c in below)


def test_search_and_filters():
    hits = govclass.search("土地出让价款收入", classification="revenue", year=2024)
    assert hits[0].code.code == "103014801" and hits[0].match == "exact"
    mu = govclass.search("利润收入", level="目", year=2024, limit=None)
    assert mu and all(h.code.level is Level.MU and h.code.code.startswith("1030601") for h in mu)
    assert not govclass.search("利润收入", classification="functional", level="目", year=2024)
    social = govclass.search("企业职工基本养老保险基金收入", classification="revenue", budget="social", year=2024)
    assert social[0].code.code == "10201" and all(Budget.SOCIAL in h.code.budgets for h in social)


def test_history_diff_and_status_of_the_notices_additions():
    cat = govclass.get_catalog(2024)
    (added,) = cat.history("1030182")
    assert (added.year, added.type, added.classification) == (2024, "added", "revenue")
    assert "财预〔2024〕22号" in added.source
    assert cat.history("1030182", classification="functional") == ()
    assert {(c.type, c.code) for c in diff(2023, 2024, classification="revenue")} == {("added", "1030182"),
                                                                                   ("added", "1100412")}
    assert {(c.type, c.code) for c in diff(2024, 2025, classification="revenue")} == {("added", "1030184")}
    assert all(c.classification == "revenue" for c in diff(2019, 2026, classification="revenue"))
    with pytest.raises(RetiredCodeError) as exc:
        govclass.lookup("1030184", year=2024)
    assert exc.value.status.state == "not-yet-created" and exc.value.status.valid_from == 2025
    assert govclass.lookup("1030184", year=2025).parent == "10301"


def test_stats_count_the_mu_per_budget():
    counts = govclass.get_catalog(2024).stats()["revenue"]
    assert counts["all"]["类"] == 6 and counts["all"]["目"] > 0
    assert set(counts) == {"all", "general", "fund", "capital", "social"}
    assert counts["capital"]["目"] == sum(1 for c in govclass.get_catalog(2024).codes("revenue", "目", "capital"))


def test_suggestions_for_an_unknown_mu_name_its_siblings():
    sugg = govclass.suggest("103060199", year=2024)
    assert "103060198" in {s.code for s in sugg}


# --- the command line ----------------------------------------------------------------------------------


def test_cli_lookup_and_tree():
    r = run("lookup", "1010101")
    assert r.returncode == 0 and "国内增值税  [项]" in r.stdout and "收入分类 (revenue)" in r.stdout
    r = run("lookup", "103060103", "--json")
    obj = json.loads(r.stdout)
    assert r.returncode == 0 and (obj["level"], obj["parent"], obj["ancestors"]) == ("目", "1030601",
                                                                                    ["103", "10306", "1030601"])
    r = run("tree", "101")
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and lines[0] == "101 税收收入" and "  10101 增值税" in lines
    assert "      101010101 国有企业增值税" in lines  # a 目, three levels down


def test_cli_classification_option():
    assert run("lookup", "1010101", "--classification", "revenue").returncode == 0
    r = run("lookup", "2010101", "--classification", "revenue")
    assert r.returncode == 1 and "支出功能分类 (functional) code, not 收入分类 (revenue)" in r.stderr
    assert run("tree", "2010101", "--classification", "revenue").returncode == 1
    r = run("tree", "--classification", "revenue", "--depth", "0")
    assert r.stdout.split() == ["101", "税收收入", "102", "社会保险基金收入", "103", "非税收入", "104",
                                "贷款转贷回收本金收入", "105", "债务收入", "110", "转移性收入"]
    r = run("search", "利润收入", "--classification", "revenue", "--level", "目", "--limit", "0")
    assert r.returncode == 0 and all(line.split()[2].startswith("1030601") for line in r.stdout.splitlines())
    r = run("history", "1100412", "--classification", "revenue")
    assert r.returncode == 0 and "2024: added 1100412 自然资源海洋气象等" in r.stdout
    assert run("history", "1100412", "--classification", "functional").returncode == 1
    r = run("diff", "2024", "2025", "--classification", "revenue")
    assert r.returncode == 0 and r.stdout.splitlines() == ["2025: added 1030184 中央金融机构注资特别国债财务基金收入",
                                                          "2024 → 2025: 1 added"]


def test_cli_stats_shows_revenue_by_budget():
    r = run("stats", "--year", "2024")
    assert r.returncode == 0
    part = r.stdout.split("收入分类 (revenue)")[1]
    assert "目" in part and "国有资本经营预算 (capital)" in part


# --- what documents print, judged -------------------------------------------------------------------------


def test_codes_verdicts_judge_revenue_codes_against_the_revenue_classification():
    assert judge("103060103", "烟草企业利润收入", 2026)["verdict"] == "known-same-name"
    assert judge("1030602", "股息红利收入", 2024)["verdict"] == "name-variant"
    # Xinjiang's 本级 table prints the 销售机构 name beside 103018001 (the 发行机构 item): another code's name
    v = judge("103018001", "福利彩票销售机构的业务费用", 2024)
    assert v["verdict"] == "another-codes-name" and "103018003" in v["detail"]
    assert judge("1030184", "中央金融机构注资特别国债财务基金收入", 2024)["verdict"] == "not-yet-created"


def test_the_curation_tool_takes_revenue_codes(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("code\tname\tyear\tdocuments\toccurrences\tcities\n"
                   "103060103\t烟草企业利润收入\t2026\t2\t2\t甲市,乙市\n"   # known: a confirmation of a revenue code
                   "1030602\t股息红利收入\t2026\t1\t1\t甲市\n",           # another wording: a question
                   encoding="utf-8")
    out = tmp_path / "proposal"
    r = subprocess.run([sys.executable, str(REPO / "tools" / "curate_evidence.py"), "--pairs", str(tsv),
                        "--out", str(out)], capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    assert r.returncode == 0, r.stderr
    import yaml

    proposed = yaml.safe_load((out / "evidence-2026.yaml").read_text(encoding="utf-8"))["confirmed"]
    assert [(c["code"], c.get("classification")) for c in proposed] == [("103060103", "revenue")]
    assert "股息红利收入" in (out / "proposal.md").read_text(encoding="utf-8")


# --- the confirmations, checked against the documents in ../shared --------------------------------------------

GOVERNMENT = REPO.parent / "shared" / "realdocs" / "government"
_ENUM = r"(?:[一二三四五六七八九十]+,)?"  # "一、" after normalize_name (、 folds to ,)


def _confirmations(document: str) -> list[tuple[int, dict, list[str]]]:
    """(year, confirmation, places) of every revenue confirmation in data/codes/evidence that cites ``document``."""
    out = []
    for year, path in sorted(_store.evidence_files().items()):
        doc = _store.read_yaml(path)
        for c in doc["confirmed"]:
            if c.get("classification") == "revenue" and any(k.endswith("/" + document) for k in c["sources"]):
                part = next(p for p in c["where"].split("; ") if p.startswith(document + ":"))
                out.append((year, c, [p.strip() for p in part.split(":", 1)[1].split(", ")]))
    return out


def _pdf_pages(path: Path) -> list[str]:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [normalize_name(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()


def _check_pdf_source(name: str, expected_years: set[int]) -> int:
    path = GOVERNMENT / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    pages = _pdf_pages(path)
    found = _confirmations(name)
    assert {y for y, _, _ in found} == expected_years
    for year, c, places in found:
        for place in places:
            page = int(re.match(r"p\. (\d+)", place).group(1))
            printed = rf"{c['code']}{_ENUM}{re.escape(normalize_name(c['name']))}"
            assert re.search(printed, pages[page - 1]), f"{year}: {c['code']} {c['name']} not on {name} {place}"
    return len(found)


def test_xinjiang_prints_every_revenue_confirmation_it_is_cited_for():
    """Each (code, name) of evidence/2024.yaml and 2025.yaml citing the Xinjiang report is on the page named (the
    text layer, white space removed: a name wrapped over two lines reads whole)."""
    assert _check_pdf_source("xinjiang-2024-execution-2025-budget.pdf", {2024, 2025}) > 200


def test_wuzhong_prints_every_revenue_confirmation_it_is_cited_for():
    assert _check_pdf_source("wuzhong-2025-execution-2026-budget.pdf", {2026}) == 20  # p. 170: 10306 not confirmed


def test_lijiang_prints_every_revenue_confirmation_it_is_cited_for():
    """Each (code, name) citing the Lijiang workbook is a row of the sheet named: the code in one cell, the name
    (after its enumeration 一、) in the next."""
    from govclass.readers.sheets import xlsx_sheets

    path = GOVERNMENT / "lijiang-2026-budget-tables.xlsx"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    sheets = {s.name.strip(): s for s in xlsx_sheets(path.read_bytes(), str(path))}
    found = _confirmations(path.name)
    assert {y for y, _, _ in found} == {2025, 2026} and len(found) > 50
    for year, c, places in found:
        for place in places:
            sheet = sheets[re.match(r"sheet (\S+)", place).group(1)]
            rows = {(row[i].strip(), re.sub(f"^{_ENUM}", "", normalize_name(row[i + 1])))
                    for row in sheet.rows for i in range(len(row) - 1)}
            assert (c["code"], normalize_name(c["name"])) in rows, f"{year}: {c['code']} {c['name']} not in {place}"


RE_READ = {"xinjiang-2024-execution-2025-budget.pdf", "wuzhong-2025-execution-2026-budget.pdf",
           "lijiang-2026-budget-tables.xlsx"}  # the documents the three tests above read again


def test_confirmations_cite_only_the_government_reports_the_tests_read_again():
    for year, path in _store.evidence_files().items():
        for c in _store.read_yaml(path)["confirmed"]:
            if c.get("classification") == "revenue":
                assert all(k.startswith("doc:realdocs/government/") and k.rsplit("/", 1)[1] in RE_READ
                           for k in c["sources"]), (year, c["code"])
