"""Reports a reviewer acts on (issue 25): the verdict first and the counts per rule and per table, the
statements that could not be checked folded, a document read only in part never a pass (validate and
codes agree), the conventions of ruff (--select/--ignore with families, --statistics, --exit-zero, a
settings file), the report's provenance, folders with other files in them, and options that do not
apply said so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govclass.document.formats import check_report

#: one table: 201 prints 100.00 | 60.00 where its one 款 20101 prints 60.00 | 20.00 (two roll-up errors)
CSV = ("code,name,合计,基本支出,项目支出\n"
       "201,一般公共服务支出,100.00,60.00,40.00\n"
       "20101,人大事务,60.00,20.00,40.00\n"
       "2010101,行政运行,60.00,20.00,40.00\n")
#: a disclosure whose second table cannot be read (no title, no header govclass knows): read in part
PART_READ = ("部门支出总表\n单位：万元\n208 社会保障和就业支出 10.00\n"
             "填报单位：某单位 单位：万元\n甲 乙 丙\n1 2 3\n")


def run(*args: str, cwd: str | os.PathLike | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180, cwd=cwd, env=env)


@pytest.fixture
def table(tmp_path) -> Path:
    p = tmp_path / "t.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


# -- fail closed: a document read only in part is incomplete, never a pass -----------------------

def test_a_document_read_in_part_is_incomplete_for_validate_and_codes(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text(PART_READ, encoding="utf-8")
    r = run("validate", str(p), "--format", "json")
    report = json.loads(r.stdout)
    assert report["verdict"] == "incomplete" and report["ok"]  # no error in what was read, yet no pass
    assert r.returncode == 4, r.stderr
    assert run("codes", str(p)).returncode == 4  # the two commands agree
    text = run("validate", str(p), "--lang", "en")
    assert text.returncode == 4 and text.stdout.startswith(f"{p}: INCOMPLETE")
    assert run("validate", str(p), "--exit-zero").returncode == 0


def test_the_verdicts_and_their_exit_codes(table, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("code,name,合计,基本支出,项目支出\n201,一般公共服务支出,100.00,60.00,40.00\n"
                    "20101,人大事务,100.00,60.00,40.00\n2010101,行政运行,100.00,60.00,40.00\n", encoding="utf-8")
    ok = run("validate", str(good), "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["verdict"] == "ok", ok.stdout
    bad = run("validate", str(table), "--format", "json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["verdict"] == "errors"
    assert run("validate", str(table), "--exit-zero").returncode == 0
    assert run("validate", str(tmp_path / "missing.csv"), "--exit-zero").returncode == 2  # unreadable stays 2


# -- summary first, details on demand -------------------------------------------------------------

def test_text_opens_with_the_verdict_and_counts_per_rule_and_table(table):
    r = run("validate", str(table), "--lang", "en")
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"{table}: ERRORS — 2 error(s)")
    assert lines[1].startswith("  column relations checked:")
    rules = lines.index("  by rule:")
    tables = lines.index("  by table:")
    assert rules < tables < next(k for k, line in enumerate(lines) if line.startswith("error "))
    assert "    2  error    rollup-mismatch" in lines[rules + 1:tables]
    assert lines[tables + 1] == "    2 error  t"
    stats = run("validate", str(table), "--statistics", "--lang", "en")
    assert stats.returncode == 1 and "rollup-mismatch" in stats.stdout
    assert not any(line.startswith("error ") for line in stats.stdout.splitlines())  # counts only


def test_statements_that_could_not_be_checked_are_one_line_unless_asked(seeds, tmp_path):
    from conftest import seeds_dir

    seed = str(seeds_dir() / next(name for name in seeds if name.startswith("000")))
    default = run("validate", seed, "--lang", "en")
    unchecked = [line for line in default.stdout.splitlines() if line.startswith("warning insufficient-data")]
    folded = [line for line in default.stdout.splitlines() if line.endswith("statements could not be checked "
                                                                             "(--show-unchecked)")]
    full = run("validate", seed, "--lang", "en", "--show-unchecked")
    listed = [line for line in full.stdout.splitlines() if line.startswith("warning insufficient-data")]
    data = json.loads(run("validate", seed, "--format", "json").stdout)
    in_json = [f for f in data["findings"] if f["rule"] == "insufficient-data"]
    assert in_json, "the seed must have statements that cannot be checked for this test to mean anything"
    assert not unchecked and folded == [f"{len(in_json)} statements could not be checked (--show-unchecked)"]
    assert len(listed) == len(in_json)  # listed one by one on demand; JSON keeps them all


# -- the conventions of ruff -----------------------------------------------------------------------

def test_select_and_ignore_take_families_ids_and_commas(table):
    every = {f["rule"] for f in json.loads(run("validate", str(table), "--format", "json").stdout)["findings"]}
    assert "rollup-mismatch" in every
    sums = run("validate", str(table), "--select", "sums", "--format", "json")
    assert sums.returncode == 1, sums.stderr
    assert {f["rule"] for f in json.loads(sums.stdout)["findings"]} == {"rollup-mismatch"}
    for option in ("--only", "--select"):
        reading = run("validate", str(table), option, "reading", "--format", "json")
        assert reading.returncode == 0 and json.loads(reading.stdout)["findings"] == [], reading.stderr
    ignored = run("validate", str(table), "--ignore", "sums,columns", "--format", "json")
    assert ignored.returncode == 0 and not {"rollup-mismatch", "column-mismatch"} & {
        f["rule"] for f in json.loads(ignored.stdout)["findings"]}
    assert run("validate", str(table), "--skip", "rollup-mismatch,column-mismatch").returncode == 0
    bad = run("validate", str(table), "--select", "sums,nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr and "families:" in bad.stderr


def test_every_family_rules_prints_can_be_selected(table):
    families = {r["family"] for r in json.loads(run("rules", "--json").stdout)}
    assert {"reading", "sums", "codes", "narrative"} <= families
    r = run("validate", str(table), "--select", ",".join(sorted(families)))
    assert r.returncode == 1, r.stderr


def test_rules_explains_one_rule_with_an_example():
    r = run("rules", "rollup-mismatch")
    assert r.returncode == 0, r.stderr
    assert "rollup-mismatch" in r.stdout and "error" in r.stdout and "sums" in r.stdout
    assert "类不等于其款之和" in r.stdout  # the meaning, both languages
    assert "example" in r.stdout.lower() and "rollup-mismatch" in r.stdout.split("xample", 1)[1]
    missing = run("rules", "no-such-rule")
    assert missing.returncode == 2 and "no-such-rule" in missing.stderr


def test_settings_come_from_govclass_toml_or_pyproject(table, tmp_path):
    work = tmp_path / "project" / "sub"
    work.mkdir(parents=True)
    (tmp_path / "project" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.govclass]\nignore = ["sums"]\nexit-zero = false\n', encoding="utf-8")
    from_pyproject = run("validate", str(table), "--format", "json", cwd=work)
    assert from_pyproject.returncode == 0, from_pyproject.stderr  # the roll-up error ignored by the file
    assert not json.loads(from_pyproject.stdout)["findings"]
    (work / "govclass.toml").write_text('exit-zero = true\nformat = "json"\n', encoding="utf-8")
    near = run("validate", str(table), cwd=work)  # the nearest file wins: sums reported, exit 0 all the same
    assert near.returncode == 0 and {f["rule"] for f in json.loads(near.stdout)["findings"]} == {"rollup-mismatch"}
    assert run("validate", str(table), "--no-config", cwd=work).returncode == 1
    (work / "govclass.toml").write_text('selcet = ["sums"]\n', encoding="utf-8")
    typo = run("validate", str(table), cwd=work)
    assert typo.returncode == 2 and "selcet" in typo.stderr and typo.stderr.count("\n") == 1


def test_every_report_says_which_govclass_and_which_data_made_it(table):
    import govclass

    report = json.loads(run("validate", str(table), "--format", "json").stdout)
    assert check_report(report) == []
    release = report["govclass"]
    years = govclass.available_years()
    assert release["version"] == govclass.__version__
    assert release["editions"] == [years[0], years[-1]] and release["newest"] == years[-1]
    assert release["edition"]["year"] == report["edition"]
    assert report["version"] == "1.1"


# -- folders, and options that do not apply --------------------------------------------------------

def test_a_folder_skips_what_is_no_budget_with_a_note_and_takes_globs(table, tmp_path):
    folder = tmp_path / "budgets"
    folder.mkdir()
    (folder / "README.md").write_text("# Budgets of 2025\n\nDownloaded from the city's site.\n", encoding="utf-8")
    (folder / "fetch.py").write_text("print('hi')\n", encoding="utf-8")
    (folder / "a.csv").write_text(CSV, encoding="utf-8")
    (folder / "draft-b.csv").write_text(CSV, encoding="utf-8")
    r = run("validate", str(folder), "--format", "json", "--jobs", "1")
    assert r.returncode == 1, r.stderr  # the errors of the tables, not exit 2 for the README
    doc = json.loads(r.stdout)
    assert check_report(doc) == []
    assert [Path(f["file"]).name for f in doc["files"]] == ["a.csv", "draft-b.csv"]
    assert doc["totals"]["skipped"] == 2 and doc["totals"]["files"] == 4
    assert "README.md" in r.stderr and "fetch.py" in r.stderr and "skipped" in r.stderr
    globbed = json.loads(run("validate", str(folder), "--format", "json", "--exclude", "draft-*").stdout)
    assert [Path(f["file"]).name for f in globbed["files"]] == ["a.csv"]
    only = json.loads(run("validate", str(folder), "--format", "json", "--include", "draft-*.csv").stdout)
    assert [Path(f["file"]).name for f in only["files"]] == ["draft-b.csv"]
    named = run("validate", str(folder / "README.md"))  # named on the command line, it is no budget: exit 2
    assert named.returncode == 2


def test_an_option_that_does_not_apply_is_said(table, tmp_path):
    pdf = tmp_path / "x.pdf"
    from conftest import ruled_table_pdf

    ruled_table_pdf(pdf, "部门支出总表", ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                    [("201", "一般公共服务支出", "10.00", "10.00", "")])
    r = run("validate", str(pdf), "--stream")
    assert "--stream" in r.stderr and "warning" in r.stderr
    r = run("validate", str(pdf), "--unit", "元")
    assert "--unit" in r.stderr and "warning" in r.stderr
    r = run("validate", str(table), "--jobs", "2")
    assert "--jobs" in r.stderr and "one file" in r.stderr
    r = run("validate", str(table), str(table), "--format", "html")
    assert r.returncode == 2 and "one document" in r.stderr


def test_codes_takes_jobs_and_progress(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.csv").write_text(CSV, encoding="utf-8")
    one = run("codes", str(folder), "--json", "--jobs", "1")
    two = run("codes", str(folder), "--json", "--jobs", "2", "--progress", "always")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 3
    assert "3/3" in two.stderr  # the progress bar, on standard error


# -- small defects a pipeline trips over -----------------------------------------------------------

@pytest.mark.parametrize("word", ["合计", "总计", "合 计"])
@pytest.mark.parametrize("stream", [False, True])
def test_a_total_printed_in_the_code_column_is_the_total_line(tmp_path, word, stream):
    """A spreadsheet prints 合计 over the code and name columns: the CSV's code column holds it.  It is the
    table's total line (its sum checked), never an unknown code; alike read whole and streamed."""
    p = tmp_path / "t.csv"
    p.write_text(f"code,name,合计\n{word},,10.51\n201,一般公共服务支出,3.34\n205,教育支出,6.66\n", encoding="utf-8")
    r = run("validate", str(p), "--format", "json", *(["--stream"] if stream else []))
    findings = json.loads(r.stdout)["findings"]
    assert [(f["rule"], f["difference"]) for f in findings] == [("rollup-mismatch", "0.51")], findings
    p.write_text(f"code,name,合计\n{word},,10.00\n201,一般公共服务支出,3.34\n205,教育支出,6.66\n", encoding="utf-8")
    assert run("validate", str(p), *(["--stream"] if stream else [])).returncode == 0


def test_every_rule_example_gives_its_rule():
    """`rules ID` validates its example there and then: each example must give its rule (an example that
    no longer shows its rule fails here, not in front of a user), and only rules that exist have one."""
    from govclass.cli.rules import examples, run_example
    from govclass.rulebook import DECLARED, load_declarations

    load_declarations()
    shown = examples()
    assert len(shown) >= 20
    for rule, example in shown.items():
        assert rule in DECLARED, rule
        assert {"format", "what", "text"} <= set(example), rule
        assert any(f.rule == rule for f in run_example(example).findings), rule


# -- a table of amounts with no codes is read by name ---------------------------------------------

NAMED_HEADER = ("支出项目类别", "总计", "财政拨款", "财政专户拨款", "其他资金")
#: Guangzhou's 部门预算基本支出预算表 in small: the 合计, each budget unit, under it its economic classes
NAMED_ROWS = [("合计", "100.00", "100.00", "0.00", "0.00"),
              ("某某局（本级）", "60.00", "60.00", "0.00", "0.00"),
              ("工资福利支出", "40.00", "40.00", "0.00", "0.00"),
              ("商品和服务支出", "20.00", "20.00", "0.00", "0.00"),
              ("某某中心", "40.00", "40.00", "0.00", "0.00"),
              ("工资福利支出", "40.00", "40.00", "0.00", "0.00")]


def _named(tmp_path, rows) -> list:
    from conftest import ruled_table_pdf
    from govclass import validate

    pdf = tmp_path / "named.pdf"
    ruled_table_pdf(pdf, "部门预算基本支出预算表", NAMED_HEADER, rows)
    report = validate(str(pdf))
    return [f for f in report.findings if f.table.startswith("部门预算基本支出预算表")]


def test_a_table_of_named_rows_is_read_and_its_total_checked_by_name(tmp_path):
    """No code anywhere: the rows named as classes (工资福利支出 …) are parts of the unit above them, the
    units add up to the 合计.  It was an unreadable table (issue 25); now it is read and it holds."""
    found = _named(tmp_path, NAMED_ROWS)
    assert not [f for f in found if f.rule in ("unreadable-table", "unsummed-rows", "uncoded-line")
                or f.severity == "error"], found


def test_named_rows_that_do_not_add_up_leave_the_document_incomplete(tmp_path):
    """A misprinted class row (45 where 40 is printed… the unit no longer adds up): the nesting is inferred,
    so no error is claimed; the 合计 is said not to be checked, and the document is incomplete."""
    rows = [*NAMED_ROWS[:2], ("工资福利支出", "45.00", "45.00", "0.00", "0.00"), *NAMED_ROWS[3:]]
    found = _named(tmp_path, rows)
    assert [f.rule for f in found if f.rule == "unsummed-rows"] == ["unsummed-rows"]
    assert not [f for f in found if f.severity == "error"], found


def test_a_table_that_prints_only_a_total_of_zeros_is_read(tmp_path):
    """政府性基金预算支出表 of a department with no fund money: one 合计 row of zeros, the sum of no rows."""
    found = _named(tmp_path, [("合计", "0.00", "0.00", "0.00", "0.00")])
    assert not [f for f in found if f.rule in ("unreadable-table", "unsummed-rows")], found


def test_pdf_reading_is_part_of_the_default_install():
    """`pip install govclass` reads PDFs (issue 25: a newcomer's first `validate budget.pdf` exited 2): pypdfium2
    is a dependency with no extra marker, in the installed package's metadata (or the checkout's pyproject)."""
    import importlib.metadata
    import tomllib

    from conftest import REPO

    try:
        required = importlib.metadata.requires("govclass") or []
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a checkout run without an install
        required = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    plain = [r for r in required if "extra ==" not in r]
    assert any(r.replace(" ", "").startswith("pypdfium2") for r in plain), required
