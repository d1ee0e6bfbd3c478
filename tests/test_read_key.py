"""govclass's reading of six real documents held to a hand-made key (issue 23).

tests/fixtures/keys/<document>.yaml holds every coded line (and total) of some
tables of one document in ../shared/realdocs, typed by a person from the page
images before govclass read them.  Each keyed line must be read on its page with
a code the row prints and every figure as printed (tools/read_accuracy.py says
how lines are paired), and nothing else may be read on the covered pages.

Where govclass misreads today, the key stays as printed: the misreading is
listed in tests/fixtures/keys/misreadings.yaml with what govclass reads instead,
and the line's test is an expected failure (strict).  It fails when the line is
read right (the fix must remove it from the ledger) and when it reads otherwise
than recorded; an extra line not in the ledger fails too.  So the reading cannot
change in either direction without a test saying so.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("pypdfium2")

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("read_accuracy", REPO / "tools" / "read_accuracy.py")
read_accuracy = importlib.util.module_from_spec(_spec)
sys.modules["read_accuracy"] = read_accuracy  # dataclasses look their module up
_spec.loader.exec_module(read_accuracy)

KEYS = read_accuracy.keys()
LEDGER = yaml.safe_load((read_accuracy.KEYS / "misreadings.yaml").read_text(encoding="utf-8"))


class KnownMisreading(Exception):
    """Raised when a line reads exactly as the ledger says: the expected failure."""


def _known_lines(stem: str) -> dict[str, dict]:
    return {e["line"]: e for e in LEDGER["documents"].get(stem, {}).get("lines", [])}


def _known_extra(stem: str) -> dict[str, dict]:
    return {e["line"]: e for e in LEDGER["documents"].get(stem, {}).get("extra", [])}


def _line_params():
    for key in KEYS:
        known = _known_lines(key.stem)
        for line in key.lines:
            marks = []
            if line.ident in known:
                entry = known[line.ident]
                marks.append(pytest.mark.xfail(
                    strict=True, raises=KnownMisreading,
                    reason=f"{entry['family']}: {line.ident} {entry['reads']}"))
            yield pytest.param(key.stem, line.ident, marks=marks, id=f"{key.stem}:{line.ident}")


def _extra_params():
    for stem in sorted(LEDGER["documents"]):
        for text, entry in _known_extra(stem).items():
            yield pytest.param(stem, text, marks=pytest.mark.xfail(
                strict=True, raises=KnownMisreading, reason=f"{entry['family']}: reads {text}"),
                id=f"{stem}:extra {text}")


@pytest.fixture(scope="module")
def comparisons(realdocs) -> dict:
    """Each keyed document read once and compared with its key."""
    return {key.stem: read_accuracy.measure(key, realdocs) for key in KEYS}


@pytest.mark.parametrize(("stem", "ident"), list(_line_params()))
def test_keyed_line_is_read_as_printed(comparisons, stem, ident):
    verdict = next(v for v in comparisons[stem].verdicts if v.key.ident == ident)
    reads = verdict.reads()
    known = _known_lines(stem).get(ident)
    if known is None:
        assert reads == "right", f"{stem} {ident} [{verdict.key.table}]: {reads}"
        return
    if reads == "right":
        return  # an expected failure that passes: strict xfail reports the fix
    assert reads == known["reads"], f"{stem} {ident}: reads {reads!r}, the ledger says {known['reads']!r}"
    raise KnownMisreading(f"{ident}: {reads}")


@pytest.mark.parametrize(("stem", "text"), list(_extra_params()))
def test_known_extra_line_is_gone(comparisons, stem, text):
    if text in {read_accuracy.describe(r) for r in comparisons[stem].extra}:
        raise KnownMisreading(text)


@pytest.mark.parametrize("stem", [k.stem for k in KEYS])
def test_no_extra_line_beyond_the_ledger(comparisons, stem):
    extra = [read_accuracy.describe(r) for r in comparisons[stem].extra]
    assert [e for e in extra if e not in _known_extra(stem)] == []


def test_ledger_names_only_keyed_lines():
    """Every ledger entry names a line of its document's key and a family it defines."""
    idents = {k.stem: {line.ident for line in k.lines} for k in KEYS}
    for stem, entries in LEDGER["documents"].items():
        assert stem in idents, stem
        for entry in entries.get("lines", []):
            assert entry["line"] in idents[stem], entry["line"]
        for entry in entries.get("lines", []) + entries.get("extra", []):
            assert entry["family"] in LEDGER["families"], entry


def test_keys_cover_the_families_the_issue_asks_for():
    """At least six documents of different families, a government report and an older Jiangsu budget among them."""
    documents = [k.document for k in KEYS]
    assert len(documents) >= 6
    assert any(d.startswith("government/") for d in documents)
    assert any(d.startswith("provinces/jiangsu") for d in documents)


# -- the comparison itself, on lines the tests make (no real document needed) ------------------


def _key(*lines):
    return read_accuracy.Key("k", "k.pdf", frozenset({1}), tuple(lines))


def _keyed(code, figures, codes=None, ident=None, total=False, name="名称"):
    columns = ("合计", "基本支出", "项目支出")
    return read_accuracy.KeyLine("表", 1, None if total else code, tuple(codes or ([code] if code else [])), name,
                                 (name,), tuple(zip(columns, figures)), total, ident or f"p.1 {code} {name}")


def _read(code, figures, number=0, columns=("合计", "基本支出", "项目支出"), total=False, text=None):
    return read_accuracy.ReadLine("表", columns, 1, code, "名称", tuple(zip(columns, figures)), total, text, number)


def test_compare_sorts_right_wrong_missed_and_extra():
    key = _key(_keyed("2010101", ("10.00", "10.00", "")), _keyed("2010102", ("5.00", "", "5.00")),
               _keyed("2010103", ("1.00", "1.00", "")))
    result = read_accuracy.compare(key, [
        _read("2010101", ("10.00", "10.00", "")),
        _read("2010102", ("5.00", "5.00", ""), 1),  # the figure of the next column
        _read("2010199", ("7.00", "7.00", ""), 2),  # a line the page does not print
    ])
    assert [v.outcome for v in result.verdicts] == ["right", "wrong", "missed"]
    assert result.verdicts[1].differences == ["基本支出: read 5.00, printed blank", "项目支出: read blank, printed 5.00"]
    assert [r.code for r in result.extra] == ["2010199"]


def test_a_blank_cell_is_not_a_zero_and_commas_do_not_matter():
    key = _key(_keyed("30101", ("1,234.50", "", "0.00")))
    assert read_accuracy.compare(key, [_read("30101", ("1234.5", "", "0"))]).verdicts[0].outcome == "right"
    assert read_accuracy.compare(key, [_read("30101", ("1234.5", "0", "0"))]).verdicts[0].outcome == "wrong"


def test_a_multi_code_row_summed_with_another_is_missed_and_the_sum_is_extra():
    """Two rows print the same 政府经济 code 50101 with different 部门经济 codes; a reader that
    sums them per code reads neither row, and its sum is a line the page does not print."""
    key = _key(_keyed("2010801", ("3.00", "3.00", ""), codes=["2010801", "50101", "30101"], ident="a"),
               _keyed("2010801", ("4.00", "4.00", ""), codes=["2010801", "50101", "30102"], ident="b"))
    summed = _read("50101", ("7.00", "7.00", ""), text="2010801-行政运行 | 50101-工资 | 30101-基本工资 | 3.00")
    result = read_accuracy.compare(key, [summed])
    assert [v.outcome for v in result.verdicts] == ["missed", "missed"]
    assert result.extra == [summed]
    kept = read_accuracy.compare(key, [_read("30101", ("3.00", "3.00", "")), _read("30102", ("4.00", "4.00", ""), 1)])
    assert [v.outcome for v in kept.verdicts] == ["right", "right"]


def test_a_row_kept_in_two_tables_is_a_repeat_not_an_extra():
    key = _key(_keyed("50101", ("3.00", "3.00", ""), codes=["50101", "30101"]))
    result = read_accuracy.compare(key, [_read("50101", ("3.00", "3.00", "")), _read("30101", ("3.00", "3.00", ""), 1)])
    assert result.verdicts[0].outcome == "right"
    assert result.extra == [] and len(result.repeats) == 1


def test_columns_map_by_heading_then_by_position():
    assert read_accuracy.map_columns(("合计", "基本支出 小计", "项目支出"), ("第1栏", "合计", "基本支出", "项目支出")) == {
        "合计": "合计", "基本支出 小计": "基本支出", "项目支出": "项目支出"}
    assert read_accuracy.map_columns(("小计", "人员支出", "日常公用支出"), ("合计", "人员经费", "公用经费")) == {
        "小计": "合计", "人员支出": "人员经费", "日常公用支出": "公用经费"}


def test_a_percentage_column_left_unread_makes_the_line_wrong():
    key = _key(read_accuracy.KeyLine("表", 1, "201", ("201",), "一般公共服务支出", ("一般公共服务支出",),
                                     (("2025年完成数", "168453"), ("较上年增减%", "18.9%")), False, "p.1 201"))
    result = read_accuracy.compare(key, [_read("201", ("168453",), columns=("2025年完成数",))])
    assert result.verdicts[0].reads() == "read as 201: 较上年增减%: not read, printed 18.9%"
