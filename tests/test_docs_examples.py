"""docs/index.md, run as written (issue 25: docs that are true): each section's files are written, its
``$`` commands run in a shell with ``govclass`` on the PATH, and what they print is held to the lines
under them; its Python examples run as doctests.  The README's Python examples that show a value in a
comment (``expr  # 'value'``) show the value the expression has."""

from __future__ import annotations

import ast
import doctest
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, need, ruled_table_pdf

INDEX = REPO / "docs" / "index.md"
README = REPO / "README.md"

HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出")
#: the budget the index's first section validates (the screenshots' table): 20103 prints 100.00, its 项 105.00
ROWS = [("合计", "", "100.00", "60.00", "40.00"), ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
        ("20103", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"),
        ("2010301", "行政运行", "70.00", "60.00", "10.00"), ("2010302", "一般行政管理事务", "35.00", "", "35.00")]


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.M)
    return {p.split("\n", 1)[0].strip(): p for p in parts[1:]}


def files_of(section: str) -> dict[str, str]:
    """The blocks marked ``<!-- file: PATH -->``."""
    return {m.group(1): m.group(2) for m in re.finditer(r"<!-- file: (\S+) -->\n```[^\n]*\n(.*?)```", section, re.S)}


def commands_of(section: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the console blocks, with the lines printed under it."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                out.append((line[2:], []))
            else:
                out[-1][1].append(line)
    return out


def matches(expected: list[str], got: list[str]) -> bool:
    """``got`` is ``expected``: line by line, ``...`` any lines, a line ending in ``…`` any rest; a lone
    ``…`` line any lines to the end."""
    if not expected:
        return True
    head, rest = expected[0], expected[1:]
    if head in ("...", "…"):
        return any(matches(rest, got[k:]) for k in range(len(got) + 1))
    if not got:
        return False
    line = got[0]
    if head.endswith("…"):
        ok = _like(head[:-1], line, prefix=True)
    else:
        ok = _like(head, line, prefix=False)
    return ok and matches(rest, got[1:])


def _like(pattern: str, line: str, prefix: bool) -> bool:
    """``line`` as ``pattern``, where ``…`` inside the pattern stands for any text."""
    regex = ".*".join(map(re.escape, pattern.split("…")))
    return re.match(regex + ("" if prefix else r"\Z"), line) is not None


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A folder with ``govclass`` on the PATH (this Python's), and the drawn 部门预算.pdf."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "govclass"
    script.write_text(f"#!/bin/sh\nexec {sys.executable} -m govclass \"$@\"\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    work = tmp_path / "work"
    work.mkdir()
    ruled_table_pdf(work / "部门预算.pdf", "部门支出总表", HEADER, ROWS)
    return work


def run_section(title: str, work: Path, prepare=None) -> None:
    section = sections(INDEX.read_text(encoding="utf-8"))[title]
    for path, body in files_of(section).items():
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    if prepare is not None:
        prepare(work)
    commands = commands_of(section)
    assert commands, title
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GOVCLASS_DATA_DIR")}
    env["PATH"] = f"{work.parent / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["GOVCLASS_CACHE_DIR"] = str(work.parent / "cache")
    for command, expected in commands:
        r = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True,
                           encoding="utf-8", timeout=300)
        assert r.returncode in (0, 1, 4), (command, r.returncode, r.stderr)
        got = r.stdout.rstrip("\n").split("\n") if r.stdout.strip() else []
        assert matches(expected, got), (command, expected, got)


def test_validate_my_budget_pdf(workdir):
    run_section("Validate my budget PDF", workdir)
    assert (workdir / "部门预算.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert (workdir / "部门预算.checked.pdf").read_bytes()[:5] == b"%PDF-"


def test_what_does_this_rule_mean(workdir):
    run_section("What does this rule mean?", workdir)


def test_add_a_new_years_edition(workdir):
    import shutil

    def copy_tables(work: Path) -> None:  # the example's record is written into a copy of the tables
        record = (work / "data" / "changes" / "2027.yaml").read_text(encoding="utf-8")
        shutil.rmtree(work / "data")
        shutil.copytree(REPO / "data" / "codes", work / "data")
        (work / "data" / "changes" / "2027.yaml").write_text(record, encoding="utf-8")

    if not (REPO / "data" / "codes").is_dir():
        pytest.skip("no checkout's data/codes beside the tests")
    run_section("Add a new year's edition", workdir, copy_tables)


def test_use_it_in_a_pipeline(workdir):
    run_section("Use it in a pipeline", workdir)
    need("pandas")
    section = sections(INDEX.read_text(encoding="utf-8"))["Use it in a pipeline"]
    python = "\n".join(re.findall(r"```python\n(.*?)```", section, re.S))
    test = doctest.DocTestParser().get_doctest(python, {}, "index.md", str(INDEX), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert test.examples and runner.failures == 0


def test_the_example_checker_can_fail():
    assert matches(["a", "...", "c…"], ["a", "b", "b", "cde"])
    assert not matches(["a", "c"], ["a", "b", "c"])
    assert not matches(["x…"], ["y"])
    assert matches(["govclass … (editions 2007–2027, newest 2027)"], ["govclass 0.2.0 (editions 2007–2027, newest 2027)"])


# -- the README's values -----------------------------------------------------------------------------

def _literal(comment: str):
    """The Python literal a comment starts with (``'医疗费': the 部门 …`` → '医疗费'), or None."""
    text = comment.strip()
    for end in range(len(text), 0, -1):
        try:
            return ast.literal_eval(text[:end])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return None


def test_the_readmes_python_examples_show_what_they_print(tmp_path, monkeypatch):
    """Every line of the README's Python example that ends in ``# <a literal>`` shows the value its
    expression has (issue 25: the README showed values that were no longer printed)."""
    import govclass

    monkeypatch.chdir(tmp_path)
    block = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    namespace = {"govclass": govclass}
    checked = 0
    for line in block.split("\n"):
        code, _sep, comment = line.partition("  #")
        code = code.rstrip()
        if not code or code.startswith(("import ", "for ", " ", "doc =", "report", "try:", "except")) or \
                "部门预算" in code or "tables.csv" in code:
            continue
        if code.endswith(":"):
            continue
        value = _literal(comment) if comment else None
        expression = code.split("=", 1)[1].strip() if re.match(r"^\w+ = ", code) else code
        if re.match(r"^\w+ = ", code):
            exec(code, namespace)  # noqa: S102 - the README's own example
        if value is None or isinstance(value, str) and not comment.strip().startswith(("'", '"')):
            continue
        got = eval(expression if not re.match(r"^\w+ = ", code) else code.split("=", 1)[0], namespace)  # noqa: S307
        if isinstance(value, str) and value.endswith("…"):  # a long text shown by its start
            assert isinstance(got, str) and got.startswith(value.rstrip("…")), (code, got, value)
        else:
            assert got == value, (code, got, value)
        checked += 1
    assert checked >= 5


def test_the_readmes_retired_code_example(tmp_path):
    """The README's example inside try/except (the generic check above reads lines at the left margin)."""
    import govclass

    text = README.read_text(encoding="utf-8")
    shown = _literal(re.search(r"e\.state, e\.valid_from, e\.valid_to, e\.successors\s+#(.*)", text).group(1))
    with pytest.raises(govclass.RetiredCodeError) as caught:
        govclass.lookup("22911", year=2024)
    e = caught.value
    assert (e.state, e.valid_from, e.valid_to, e.successors) == shown
