"""Start-up does only what the command needs (issue 27): ``validate`` of a CSV imports no reader of
another format (the PDF reader above all), and its text report reads no YAML, so that a cold
``validate small.csv`` costs about what a cold ``lookup`` does (benchmarks/bench_scale.py, startup)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from govclass.rulebook import DECLARED, leaves_unread, load_declarations, unread_rules

#: what a CSV's validation must not import: the readers of the other formats, and PyYAML (the
#: editions come compiled or cached; a YAML parse is the change record the text report never prints)
NOT_FOR_A_CSV = ("govclass.readers.pdf", "govclass.readers.narrative", "govclass.readers.disclosure",
                 "govclass.readers.sheets", "govclass.readers.government", "pypdfium2", "yaml")

#: run in a fresh interpreter: the edition is loaded first (a test run may have to compile it from its
#: YAML tables), then ``validate`` runs as the command line runs it; the modules it imported are printed
_RUN = """
import json, sys
from govclass.catalog import get_catalog
from govclass.catalog.store import latest_year
get_catalog(latest_year())
before = set(sys.modules)
from govclass.cli import main
code = main(["validate", sys.argv[1]])
sys.stdout.flush()
sys.stderr.write("\\n@@" + json.dumps({"exit": code, "new": sorted(set(sys.modules) - before)}) + "\\n")
"""

_LINES = "code,name,合计\n201,一般公共服务支出,{total}\n20101,人大事务,3.00\n2010101,行政运行,3.00\n"


def _validate_in_a_fresh_process(path) -> tuple[int, list[str], str]:
    r = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, encoding="utf-8")
    assert "@@" in r.stderr, r.stderr[-2000:]
    said = json.loads(r.stderr.rpartition("@@")[2])
    return said["exit"], said["new"], r.stdout


@pytest.mark.parametrize("total, exit_code, rule", [("3.00", 0, None), ("4.00", 1, "rollup-mismatch")])
def test_validate_of_a_csv_imports_no_reader_of_another_format(tmp_path, total, exit_code, rule):
    """Clean and with an error (a finding asks whether it leaves the document unread): neither imports
    the PDF reader, the text readers, the spreadsheet reader or PyYAML."""
    path = tmp_path / "small.csv"
    path.write_text(_LINES.format(total=total), encoding="utf-8")
    code, new, out = _validate_in_a_fresh_process(path)
    assert code == exit_code, out
    if rule:
        assert rule in out
    assert "govclass.validation" in new and "govclass.readers.csv" in new  # the run did validate a CSV
    imported = [m for m in new if m in NOT_FOR_A_CSV or m.startswith(tuple(p + "." for p in NOT_FOR_A_CSV))]
    assert imported == []


def test_leaves_unread_is_unread_rules_for_every_rule():
    load_declarations()
    unread = unread_rules()
    assert unread  # some rules do leave a document unread
    for rule_id in [*DECLARED, "no-such-rule"]:
        assert leaves_unread([rule_id]) is (rule_id in unread), rule_id
    assert leaves_unread(["rollup-mismatch", sorted(unread)[0]]) is True
    assert leaves_unread([]) is False


def test_leaves_unread_loads_a_rule_declared_in_a_module_not_yet_imported():
    """A finding made in another process (a --jobs worker) may name a rule whose module this process never
    imported (unreadable-line is a text reader's): it is looked up, not taken for a rule that reads whole."""
    code = ("import sys; from govclass.rulebook import DECLARED, leaves_unread; "
            "assert 'unreadable-line' not in DECLARED; "
            "print(leaves_unread(['rollup-mismatch', 'unreadable-line']), leaves_unread(['no-such-rule']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.split() == ["True", "False"], r.stderr


@pytest.mark.parametrize("files, readers", [(["a.csv", "b.jsonl"], False), (["a.csv", "b.pdf"], True),
                                            (["a.txt"], True)])
def test_a_batch_loads_before_forking_what_its_workers_need(files, readers):
    """validate FOLDER forks its workers after importing the validator, and the readers unless every file
    is read as a stream, so that --jobs 2 does not import them twice (issue 27, folder throughput)."""
    code = ("import sys; from govclass.cli.batch import _preload; _preload(sys.argv[1:]); "
            "print('govclass.validation' in sys.modules, 'govclass.readers.pdf' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True)
    assert r.stdout.split() == ["True", str(readers)], r.stderr
