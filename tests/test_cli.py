"""The command line, run as users run it: ``python -m govclass …``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_lookup_text():
    r = run("lookup", "2101505")
    assert r.returncode == 0, r.stderr
    assert "医疗保障政策管理" in r.stdout
    assert "卫生健康支出 › 医疗保障管理事务 › 医疗保障政策管理" in r.stdout
    assert "项" in r.stdout and "反映" in r.stdout


def test_lookup_json_has_the_documented_keys():
    r = run("lookup", "210-15-05", "--json")
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    for key in ("code", "name", "level", "classification", "parent", "path", "definition"):
        assert key in obj
    assert obj["code"] == "2101505" and obj["parent"] == "21015" and obj["level"] == "项"
    assert obj["path"] == ["卫生健康支出", "医疗保障管理事务", "医疗保障政策管理"]


def test_lookup_relative():
    r = run("lookup", "15", "--parent", "210", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["code"] == "21015"


def test_unknown_code_exits_1_with_suggestions_on_stderr():
    r = run("lookup", "310111")
    assert r.returncode == 1
    assert r.stdout == ""
    assert "310111" in r.stderr and "31011" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_code_with_name_suggests_by_name():
    r = run("lookup", "30230", "--name", "差旅费")
    assert r.returncode == 1 and "30211 差旅费 (name)" in r.stderr


@pytest.mark.parametrize("args", [("lookup", "abc"), ("lookup",), ("frobnicate",), ("lookup", "2101505", "--year", "1999"),
                                  ("tree", "2x"), ("lookup", "2101505", "--year", "x")])
def test_usage_and_input_errors_exit_2_in_one_line(args):
    r = run(*args)
    assert r.returncode == 2, (args, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 or r.stderr.startswith("usage"), r.stderr


def test_search():
    r = run("search", "维修（护）费")
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].split()[2] == "30213"
    r = run("search", "zzzz-no-such-name")
    assert r.returncode == 1


def test_tree_depth():
    r = run("tree", "210", "--depth", "1")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("210 卫生健康支出")
    assert all(line.startswith("  210") and len(line.split()[0]) == 5 for line in lines[1:])
    full = run("tree", "21015").stdout.splitlines()
    assert "    " not in full[1] and full[1].strip().startswith("2101501")


def test_stats():
    r = run("stats", "--json")
    assert r.returncode == 0
    counts = json.loads(r.stdout)["counts"]
    assert counts["functional"]["all"]["项"] > 900
    text = run("stats").stdout
    assert "支出功能分类" in text and "一般公共预算" in text and "政府性基金预算" in text


def test_export_csv_and_json_agree():
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    data = json.loads(run("export", "--format", "json").stdout)
    assert len(rows) == len(data["codes"]) > 1000
    assert {r["code"] for r in rows} == {c["code"] for c in data["codes"]}
    assert data["files"] and all("source" in f for f in data["files"])


def test_check_data_is_clean():
    r = run("check-data")
    assert r.returncode == 0, r.stdout


FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def test_validate_json_report_and_exit_codes(tmp_path):
    r = run("validate", str(FIXTURES / "seed000_tables.json"), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["summary"] == {"error": 0, "warning": 0, "info": 1}
    assert {"rule", "severity", "table", "code", "message"} <= set(report["findings"][0])
    r = run("validate", str(FIXTURES / "seed003_tables.json"))
    assert r.returncode == 1 and "310111" in r.stdout


def test_validate_csv(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("code,name,合计,基本支出,项目支出\n,合计,30.00,20.00,10.00\n210,卫生健康支出,30.00,20.00,10.00\n"
                 "15,医疗保障管理事务,30.00,20.00,10.00\n2101501,行政运行,20.00,20.00,\n"
                 "2101505,医疗保障政策管理,10.00,,10.00\n", encoding="gb18030")
    r = run("validate", str(f), "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["lines"] == 5
    f.write_text("code,name,合计\n2101501,行政运行,20.00\n2101505,医疗保障政策管理,10.00\n15,医疗保障管理事务,31.00\n",
                 encoding="utf-8")
    r = run("validate", str(f), "--format", "json")
    rules = {x["rule"] for x in json.loads(r.stdout)["findings"]}
    # "15" after 2101505 resolves under 210; it prints 31.00 over 项 of 30.00, and 210 is missing
    assert r.returncode == 1 and rules == {"rollup-mismatch", "missing-parent"}


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"{not json", b'["a list"]', b"\xff\xfe\xfa\xfb" * 3])
def test_unreadable_input_exits_2_in_one_line(tmp_path, content):
    f = tmp_path / "bad.json"
    f.write_bytes(content)
    r = run("validate", str(f))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_validate_missing_file_exits_2(tmp_path):
    r = run("validate", str(tmp_path / "nope.json"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_schema_commands():
    plain = json.loads(run("schema").stdout)
    assert plain["$schema"].endswith("2020-12/schema")
    codes = json.loads(run("schema", "--codes").stdout)
    enum = codes["$defs"]["line"]["properties"]["code"]["anyOf"][0]["enum"]
    assert "2101505" in enum and "310111" not in enum and len(enum) > 1900


def test_check_data_checks_every_edition_unless_a_year_is_named(monkeypatch, capsys):
    """An older edition's change record is read only when that edition is
    built: check-data with no --year must check them all, or a broken
    changes/2019.yaml passes unseen."""
    from govclass.catalog import datacheck
    from govclass.catalog.store import available_years
    from govclass.cli.main import main

    seen: list[int] = []
    monkeypatch.setattr(datacheck, "check_year", lambda year=None: seen.append(year) or [f"bad {year}"])
    assert main(["check-data"]) == 1
    assert seen == list(available_years())
    out = capsys.readouterr().out
    assert f"{seen[0]}: bad {seen[0]}" in out
    seen.clear()
    assert main(["check-data", "--year", "2024"]) == 1
    assert seen == [2024]
