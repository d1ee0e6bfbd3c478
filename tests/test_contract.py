"""The contract a pipeline relies on (issue 18): every check on every input,
one defect one finding, the command line's formats and exit codes, typed API."""

from __future__ import annotations

import json

import pytest

import govclass
from govclass.catalog.editions import diff, history
from govclass.validation import validate


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


# -- every check on every input -------------------------------------------------------

import csv  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from govclass.document.formats import check_report  # noqa: E402

ISSUE_CSV = "code,name,合计,基本支出,项目支出\n,合计,100.00,60.00,50.00\n201,一般公共服务支出,100.00,60.00,50.00\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, input=stdin)


def test_a_csv_table_checks_its_column_relation(tmp_path):
    """The issue's table: 100 ≠ 60 + 50 on both lines, once exit 0 with no finding."""
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    r = run("validate", str(p), "--format", "json")
    assert r.returncode == 1, r.stdout + r.stderr
    rep = json.loads(r.stdout)
    assert check_report(rep) == []
    bad = [f for f in rep["findings"] if f["rule"] == "column-mismatch"]
    assert len(bad) == 2 and {f["difference"] for f in bad} == {"-10.00"}
    assert rep["relations"] == [{"table": rep["relations"][0]["table"], "total": "合计",
                                 "parts": ["基本支出", "项目支出"], "origin": "columns"}]


def test_relations_are_inferred_for_personnel_and_income_columns(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("code,name,基本支出,人员经费,公用经费\n201,一般公共服务支出,100,70,20\n", encoding="utf-8")
    rep = json.loads(run("validate", str(p), "--format", "json").stdout)
    assert [(r["total"], r["parts"]) for r in rep["relations"]] == [("基本支出", ["人员经费", "公用经费"])]
    assert [f["rule"] for f in rep["findings"]] == ["column-mismatch"]


def test_text_output_says_which_relations_were_checked(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    second = run("validate", str(p), "--lang", "en").stdout.splitlines()[1]
    assert second == "  column relations checked: 合计 = 基本支出 + 项目支出 (1 table(s), inferred from the column names)"
    p.write_text("code,name,总计,甲\n201,一般公共服务支出,100,60\n", encoding="utf-8")
    assert run("validate", str(p), "--lang", "en").stdout.splitlines()[1] == "  column relations checked: none"


def test_relation_option_adds_or_replaces(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("code,name,总计,甲,乙\n201,一般公共服务支出,100,60,50\n", encoding="utf-8")
    r = run("validate", str(p), "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["relations"] == []
    r = run("validate", str(p), "--format", "json", "--relation", "总计=甲+乙")
    rep = json.loads(r.stdout)
    assert r.returncode == 1 and rep["relations"][0]["origin"] == "option"
    assert [f["rule"] for f in rep["findings"]] == ["column-mismatch"]
    # replacing the inferred relation of the issue's table with one that holds
    q = tmp_path / "u.csv"
    q.write_text(ISSUE_CSV.replace("100.00", "110.00"), encoding="utf-8")
    assert run("validate", str(q)).returncode == 0
    r = run("validate", str(q), "--relation", "合计=基本支出")
    assert r.returncode == 1
    assert run("validate", str(q), "--relation", "合计=").returncode == 2
    assert run("validate", str(q), "--relation", "合计=基本支出+无此列").returncode == 2


def _tbl(lines, year=2024):
    return _doc(year, lines)


def test_an_unknown_code_line_does_not_also_fail_its_parents_rollup():
    """20801 holds with its known 项 alone: the unknown code is one finding, not three."""
    lines = [{"code": None, "name": "合计", "total": True, "amounts": {"合计": "100"}},
             {"code": "208", "name": "社会保障和就业支出", "amounts": {"合计": "100"}},
             {"code": "20801", "name": "人力资源和社会保障管理事务", "amounts": {"合计": "100"}},
             {"code": "2080101", "name": "行政运行", "amounts": {"合计": "100"}},
             {"code": "2080188", "name": "不存在的科目", "amounts": {"合计": "30"}}]
    rep = validate(_tbl(lines))
    assert [(f.rule, f.code) for f in rep.findings if f.severity == "error"] == [("unknown-code", "2080188")]
    # it holds with the line too (20801 = 70 + 30): still one finding
    lines[3]["amounts"]["合计"] = "70"
    rep = validate(_tbl(lines))
    assert [(f.rule, f.code) for f in rep.findings if f.severity == "error"] == [("unknown-code", "2080188")]
    # fails both ways (20801 = 100, parts 50 or 80): the roll-up is a second defect
    lines[3]["amounts"]["合计"] = "50"
    rep = validate(_tbl(lines))
    assert sorted((f.rule, f.code) for f in rep.findings if f.severity == "error") == [
        ("rollup-mismatch", "20801"), ("unknown-code", "2080188")]
    # a retired code's line is the same: a 项 of 2019 that 2024 no longer has, under its 款
    retired = next(c for c in diff(2019, 2024) if c.type == "retired" and len(c.code) == 7
                   and c.classification == "functional" and govclass.get(c.code[:5], year=2024) is not None)
    kuan, lei = govclass.lookup(retired.code[:5], year=2024), govclass.lookup(retired.code[:3], year=2024)
    legal = kuan.children[0]
    lines = [{"code": lei.code, "name": lei.name, "amounts": {"合计": "100"}},
             {"code": kuan.code, "name": kuan.name, "amounts": {"合计": "100"}},
             {"code": legal, "name": govclass.lookup(legal, year=2024).name, "amounts": {"合计": "100"}},
             {"code": retired.code, "name": retired.name, "amounts": {"合计": "30"}}]
    rep = validate(_tbl(lines))
    assert [(f.rule, f.code) for f in rep.findings if f.severity == "error"] == [("retired-code", retired.code)]


def test_a_blank_part_that_could_explain_a_sum_is_not_called_wrong():
    lines = [{"code": "208", "name": "社会保障和就业支出", "amounts": {"合计": "100", "基本支出": "60", "项目支出": None}}]
    doc = _doc(2024, lines, ("合计", "基本支出", "项目支出"))
    rep = validate(doc)
    assert not [f for f in rep.findings if f.severity == "error"]
    f = [x for x in rep.findings if x.rule == "incomplete-sum"]
    assert len(f) == 1 and f[0].blank == ("项目支出",) and f[0].severity == "warning"
    assert "blank" in f[0].message and "空白" in f[0].message_zh
    # the present parts already exceed the total: no blank can explain that
    lines[0]["amounts"]["基本支出"] = "120"
    rep = validate(doc)
    f = [x for x in rep.findings if x.rule == "column-mismatch"]
    assert len(f) == 1 and f[0].blank == ("项目支出",) and "blank" in f[0].message
    # a roll-up with a blank 项
    lines = [{"code": "208", "name": "社会保障和就业支出", "amounts": {"合计": "100"}},
             {"code": "20801", "name": "人力资源和社会保障管理事务", "amounts": {"合计": "100"}},
             {"code": "2080101", "name": "行政运行", "amounts": {"合计": "70"}},
             {"code": "2080102", "name": "一般行政管理事务", "amounts": {"合计": None}}]
    rep = validate(_tbl(lines))
    assert [(f.rule, f.blank) for f in rep.findings if f.severity != "info"] == [("incomplete-sum", ("2080102",))]


def test_one_gap_in_a_total_and_its_part_is_one_finding():
    """Fuzhou's shape (realdocs p.10): 20402 is 319.24 over its 项 lines in 合计 (every 项 printed) and in
    项目支出 (one 项 blank there): the same money missing, one error that names the blank, not a
    rollup-mismatch and an incomplete-sum.  A gap of another amount stays two findings."""
    def lines(project_total):
        return [{"code": "204", "name": "公共安全支出", "amounts": {"合计": "1000", "基本支出": "600", "项目支出": "400"}},
                {"code": "20402", "name": "公安", "amounts": {"合计": "1000", "基本支出": "600", "项目支出": project_total}},
                {"code": "2040201", "name": "行政运行", "amounts": {"合计": "600", "基本支出": "600", "项目支出": None}},
                {"code": "2040299", "name": "其他公安支出", "amounts": {"合计": "300", "基本支出": None,
                                                                  "项目支出": "300"}}]
    rel = [{"total": "合计", "parts": ["基本支出", "项目支出"]}]
    cols = ("合计", "基本支出", "项目支出")
    rep = validate(_doc(2024, lines("400"), cols, rel))
    sums = [f for f in rep.findings if f.rule in ("rollup-mismatch", "incomplete-sum") and f.code == "20402"]
    assert [(f.rule, f.column, f.blank) for f in sums] == [("rollup-mismatch", "合计", ("2040201",))]
    assert "项目支出 is short by the same 100" in sums[0].message and "同一差额" in sums[0].message_zh
    # 项目支出 short by another amount (150, with 基本支出 and 项目支出 of 20402 then off its 合计 too)
    rep = validate(_doc(2024, lines("450"), cols, rel))
    assert sorted(f.rule for f in rep.findings if f.code == "20402" and f.rule in ("rollup-mismatch", "incomplete-sum")) \
        == ["incomplete-sum", "rollup-mismatch"]


def test_a_flat_lists_total_adds_up_its_lines():
    """A list of 项 with no 类/款 line (Beijing's tables): the 合计 is the sum of the lines."""
    def lines(total):
        return [{"code": None, "name": "合计", "total": True, "amounts": {"合计": total}},
                {"code": "2080101", "name": "行政运行", "amounts": {"合计": "100"}},
                {"code": "2080102", "name": "一般行政管理事务", "amounts": {"合计": "20"}},
                {"code": "2010101", "name": "行政运行", "amounts": {"合计": "30"}}]
    assert not [f for f in validate(_tbl(lines("150"))).findings if f.severity != "info"]
    (f,) = validate(_tbl(lines("160"))).by_rule("rollup-mismatch")
    assert f.column == "合计" and f.expected == "150" and "flat list" in f.message


def test_a_line_under_a_parent_not_printed_counts_in_the_nearest_printed_one():
    """Xi'an prints 3010201 津贴补贴 and 3010202 改革性补贴 (local items of 30102) under 301 without 30102:
    their money is 301's; the missing 30102 is missing-parent's finding, not a sum's."""
    lines = [{"code": "301", "name": "工资福利支出", "amounts": {"合计": "60"}},
             {"code": "30101", "name": "基本工资", "amounts": {"合计": "30"}},
             {"code": "3010201", "name": "津贴补贴", "amounts": {"合计": "20"}},
             {"code": "3010202", "name": "改革性补贴", "amounts": {"合计": "10"}}]
    doc = {"year": 2024, "tables": [{"name": "基本支出表", "classification": "economic", "unit": "万元",
                                      "columns": ["合计"], "lines": lines}]}
    rep = validate(doc)
    assert not rep.by_rule("rollup-mismatch") and [f.expected for f in rep.by_rule("missing-parent")] == ["30102"]
    lines[0]["amounts"]["合计"] = "70"
    assert [f.code for f in validate(doc).by_rule("rollup-mismatch")] == ["301"]


def test_the_rules_on_blanks_are_stated_in_the_docs():
    text = (Path(__file__).resolve().parents[1] / "docs" / "validation.md").read_text(encoding="utf-8")
    assert "incomplete-sum" in text and "blank" in text.lower()


# -- the command line ------------------------------------------------------------------


def test_validate_reads_standard_input():
    r = run("validate", "-", "--format", "json", stdin=ISSUE_CSV)
    assert r.returncode == 1, r.stderr
    rep = json.loads(r.stdout)
    assert rep["file"] == "-" and check_report(rep) == []


def test_an_empty_folder_is_a_usage_error(tmp_path):
    r = run("validate", str(tmp_path))
    assert r.returncode == 2 and "no file" in r.stderr and r.stderr.count("\n") == 1


def test_unknown_rule_ids_are_usage_errors_that_list_the_valid_ids(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    for opt in ("--skip", "--only"):
        r = run("validate", str(p), opt, "no-such-rule")
        assert r.returncode == 2, (opt, r.stderr)
        assert "no-such-rule" in r.stderr and "column-mismatch" in r.stderr and r.stderr.count("\n") == 1
    r = run("validate", str(p), "--only", "unknown-code", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["findings"] == []
    r = run("validate", str(p), "--only", "column-mismatch", "--format", "json")
    assert r.returncode == 1 and {f["rule"] for f in json.loads(r.stdout)["findings"]} == {"column-mismatch"}


def _two_files(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.csv").write_text(ISSUE_CSV, encoding="utf-8")
    (d / "b.csv").write_text(ISSUE_CSV.replace("201,", "2019988,"), encoding="utf-8")
    return d


def test_several_files_in_text_mode_print_every_finding(tmp_path):
    d = _two_files(tmp_path)
    r = run("validate", str(d), "--jobs", "1")
    assert r.returncode == 1
    assert r.stdout.count("column-mismatch") >= 3 and "unknown-code" in r.stdout
    assert "a.csv" in r.stdout and "b.csv" in r.stdout


def test_json_on_a_folder_is_one_document_and_jsonl_streams(tmp_path):
    d = _two_files(tmp_path)
    (d / "c.csv").write_text("not a table at all\n", encoding="utf-8")
    r = run("validate", str(d), "--format", "json", "--jobs", "1")
    doc = json.loads(r.stdout)
    assert check_report(doc) == []
    assert [Path(f["file"]).name for f in doc["files"]] == ["a.csv", "b.csv", "c.csv"]
    assert doc["totals"] == {"files": 3, "ok": 0, "errors": 2, "unreadable": 1, "incomplete": 0, "skipped": 0}
    assert r.returncode == 2
    r = run("validate", str(d), "--format", "jsonl", "--jobs", "1")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 4 and all(check_report(x) == [] for x in rows)
    assert rows[-1]["totals"]["files"] == 3
    # one file streams the same way: its report, then the totals
    r = run("validate", str(d / "a.csv"), "--format", "jsonl")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 1 and len(rows) == 2 and rows[0]["file"] == str(d / "a.csv")
    assert rows[1]["totals"] == {"files": 1, "ok": 0, "errors": 1, "unreadable": 0, "incomplete": 0, "skipped": 0}


def test_every_json_output_carries_a_version(tmp_path):
    outs = [run("lookup", "2101505", "--json"), run("search", "行政运行", "--json"), run("stats", "--json"),
            run("history", "20805", "--json"), run("diff", "2023", "2024", "--json"),
            run("export", "--format", "json"), run("schema"), run("schema", "--report")]
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    outs.append(run("extract", str(p)))
    for r in outs:
        assert r.returncode == 0, r.args
        obj = json.loads(r.stdout)
        if "$schema" in obj:  # a schema describes the version its documents carry
            assert "version" in obj.get("properties", obj.get("$defs", {}).get("report", {}).get("properties")), r.args
        else:
            assert obj["version"] == "1.1", r.args
    # extract's output, version and all, is a document validate reads
    doc = tmp_path / "doc.json"
    doc.write_text(outs[-1].stdout, encoding="utf-8")
    assert json.loads(run("validate", str(doc), "--format", "json").stdout)["summary"]["error"] == 2


def test_findings_as_csv_for_excel_and_pandas(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govclass", "validate", str(p), "--format", "csv", "--bom"],
                       capture_output=True, timeout=120)
    assert r.returncode == 1
    assert r.stdout.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[0]["rule"] == "column-mismatch" and rows[0]["file"] == str(p)
    assert rows[0]["code"] in ("", "201") and rows[0]["message_zh"] and rows[0]["message"]


def test_lang_chooses_the_messages_language(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    zh, en, both = ([x for x in run("validate", str(p), "--lang", lang).stdout.splitlines() if x.startswith("error")]
                    for lang in ("zh", "en", "both"))
    assert len(zh) == len(en) == len(both) == 2
    assert all("列示" in x and "printed" not in x for x in zh)
    assert all("printed" in x and "列示" not in x for x in en)
    assert all("printed" in x and "列示" in x for x in both)
    r = run("validate", str(p), "--format", "csv", "--lang", "zh")
    assert "message_zh" in r.stdout.splitlines()[0] and "printed" not in r.stdout
    assert run("validate", str(p), "--lang", "fr").returncode == 2


def test_lookup_json_not_found_is_a_json_error_object():
    missing = "2109988"
    assert not any(govclass.is_valid(missing, year=y) for y in govclass.available_years())
    for argv in (("lookup", missing, "--json"), ("lookup", "--json", missing, "--year", "2020")):
        r = run(*argv)
        assert r.returncode == 1
        obj = json.loads(r.stdout)
        assert obj["version"] == "1.1" and obj["error"] == "not-found" and obj["code"] == missing
        assert isinstance(obj["suggestions"], list)


def test_search_limit():
    every = json.loads(run("search", "运行", "--limit", "0", "--json").stdout)
    assert every["total"] == len(every["hits"]) > 20
    r = run("search", "运行", "--limit", "5")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 5
    assert f"{every['total'] - 5} more" in r.stderr
    capped = json.loads(run("search", "运行", "--limit", "5", "--json").stdout)
    assert len(capped["hits"]) == 5 and capped["total"] == every["total"]
    r = run("search", "运行", "--limit", "-1")
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_tree_without_a_code_shows_every_classification():
    out = run("tree", "--depth", "0").stdout.split()
    for root in ("201", "301", "501"):
        assert root in out
    only = run("tree", "--depth", "0", "--classification", "economic-dept").stdout.split()
    assert "301" in only and "201" not in only


def test_short_version_names_the_newest_edition():
    a, b = run("-V"), run("--version")
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout
    assert f"newest {govclass.latest()}" in a.stdout and govclass.__version__ in a.stdout


def test_export_csv_keeps_codes_as_text_for_excel_and_documents_dtypes(tmp_path):
    r = subprocess.run([sys.executable, "-m", "govclass", "export", "--excel"], capture_output=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
    assert rows[1][0].startswith('="') and rows[1][0].endswith('"')
    text = (Path(__file__).resolve().parents[1] / "docs" / "report-format.md").read_text(encoding="utf-8")
    assert 'dtype={"code": str' in text and 'orient="records"' in text
    # the JSON export's "codes" are records: one object per code with the same keys
    obj = json.loads(run("export", "--format", "json").stdout)
    keys = {tuple(sorted(c)) for c in obj["codes"]}
    assert len(keys) == 1 and obj["version"] == "1.1"


def test_report_schema_is_shipped_and_documented():
    r = run("schema", "--report")
    schema = json.loads(r.stdout)
    assert schema["title"] == "govclass validation report" and "finding" in schema["$defs"]
    docs = Path(__file__).resolve().parents[1] / "docs"
    text = (docs / "report-format.md").read_text(encoding="utf-8")
    for word in ("exit code", "relations", "mypy", "jsonl", "version"):
        assert word in text.lower(), word


# -- the Python API --------------------------------------------------------------------


def test_validate_and_read_at_top_level(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(ISSUE_CSV, encoding="utf-8")
    doc = govclass.read(str(p))
    assert isinstance(doc, govclass.Document) and len(doc.tables) == 1
    a, b = govclass.validate(doc, year=2024), govclass.validate(p)
    assert [f.rule for f in a.findings] == [f.rule for f in b.findings] == ["column-mismatch"] * 2
    assert callable(govclass.validate)


def test_typical_user_code_passes_mypy_strict():
    from mypy import api as mypy_api

    user = Path(__file__).resolve().parent / "typing" / "user_code.py"
    out, err, status = mypy_api.run(["--strict", "--no-incremental", "--cache-dir", os.devnull, str(user)])
    assert status == 0, out + err


def test_the_names_type_checkers_see_are_the_names_exported():
    """govclass/__init__.py lists its lazy names twice: for run time (_EXPORTS)
    and for type checkers (the TYPE_CHECKING block).  They must agree, and
    each must be the object the lazy import gives."""
    import ast

    source = Path(govclass.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    typed = {a.asname: (n.module, a.name) for n in block.body for a in n.names}
    exports = govclass._EXPORTS
    assert set(typed) == set(exports)
    import importlib

    for name, (module, attr) in typed.items():
        assert getattr(importlib.import_module(module), attr) is getattr(govclass, name), name


def test_a_mistyped_code_that_repeats_a_sibling_is_one_finding():
    """2080101 printed for 2080102 (its name says so): once duplicate-line,
    name-mismatch and rollup-mismatch (the second printing is left out of the
    sum); now one duplicate-line that names the code meant."""
    lines = [{"code": "208", "name": "社会保障和就业支出", "amounts": {"合计": "100"}},
             {"code": "20801", "name": "人力资源和社会保障管理事务", "amounts": {"合计": "100"}},
             {"code": "2080101", "name": "行政运行", "amounts": {"合计": "70"}},
             {"code": "2080101", "name": "一般行政管理事务", "amounts": {"合计": "30"}}]
    rep = validate(_tbl(lines))
    errors = [f for f in rep.findings if f.severity == "error"]
    assert [(f.rule, f.line) for f in errors] == [("duplicate-line", 4)]
    assert errors[0].suggestions == ("2080102",) and "mistyped" in errors[0].message
    # a line printed twice with the same name and figure: the sum holds without it, one finding
    lines[3] = dict(lines[2])
    lines[2]["amounts"] = {"合计": "100"}
    lines[3]["amounts"] = {"合计": "100"}
    rep = validate(_tbl(lines))
    assert [(f.rule, f.line) for f in rep.findings if f.severity == "error"] == [("duplicate-line", 4)]
