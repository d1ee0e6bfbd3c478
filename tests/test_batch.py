"""Tables screened together (govclass.validation.batch) are reported as tables checked one by one.

The law: a CSV file's tables, validated with the block screens, give the report they give each checked on
its own, finding for finding, whatever the faults. Each fault a check reports is drawn into one table among
clean ones, so that every screen must pick exactly the tables it has to.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from unittest import mock

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govclass
from govclass.document import ColumnLines
from govclass.model import Confidence
from govclass.readers import read_csv
from govclass.speedups import twins
from govclass.validation import validate
from govclass.validation import batch

YEAR = 2024
CAT = govclass.get_catalog(YEAR)
COLUMNS = ["合计", "基本支出", "项目支出"]
#: 类 of the edition whose whole branch is held with confidence: a table of one adds up and says nothing
CLEAN = [lei.code for lei in CAT.roots("functional")
         if lei.children and all(CAT.lookup(c).confidence is not Confidence.LOW for c in lei.descendants)][:12]
LOW = sorted(c.code for c in CAT.codes() if c.confidence is Confidence.LOW and c.classification.value == "functional")

FAULTS = ("none", "name", "sum", "column", "parent", "twice", "blank", "invalid", "comma", "unknown", "low",
          "economic", "total", "total-off", "uncoded", "decimals", "huge", "short-kuan", "alone-invalid",
          "alone-column", "two-totals", "total-no-class", "total-blank",
          "total-only")


def clean_table(lei: str, seed: int) -> list[list[str]]:
    """The lines of a 类 that add up, each with its official name: 类, then each 款 and its 项."""
    rows, n = [], seed
    lei_sum = [0, 0, 0]
    block = []
    for k in CAT.lookup(lei).children:
        kuan = CAT.lookup(k)
        sums, items = [0, 0], []
        for x in kuan.children:
            n = (n * 1103515245 + 12345) % 2**31
            b, p = n % 10**6, (n // 7) % 10**6
            items.append([x, CAT.lookup(x).name, b + p, b, p])
            sums = [sums[0] + b, sums[1] + p]
        block.append([k, kuan.name, sums[0] + sums[1], *sums])
        block.extend(items)
        lei_sum = [a + v for a, v in zip(lei_sum, block[-len(items) - 1][2:])]
    rows.append([lei, CAT.lookup(lei).name, *lei_sum])
    rows.extend(block)
    return [[code, name, *(f"{v / 100:.2f}" for v in figures)] for code, name, *figures in rows]


def faulty(rows: list[list[str]], fault: str, at: int) -> list[list[str]]:
    """``rows`` with one fault of the kind ``fault`` on (or after) row ``at``."""
    rows = [list(r) for r in rows]
    i = at % len(rows)
    if fault == "name":
        rows[i][1] = rows[i][1] + "费"
    elif fault == "sum":  # every column off alike: a roll-up off, the columns still hold
        rows[i][2:] = [f"{Decimal(v) + 1:.2f}" for v in rows[i][2:4]] + [rows[i][4]]
    elif fault == "column":
        rows[i][2] = f"{Decimal(rows[i][2]) + 1:.2f}"
    elif fault == "parent" and len(rows) > 1:
        del rows[0]
    elif fault == "twice":
        rows.insert(i + 1, list(rows[i]))
    elif fault == "blank":
        rows[i][3] = ""
    elif fault == "invalid":
        rows[i][4] = "abc"
    elif fault == "comma":
        rows[i][2] = f"{Decimal(rows[i][2]):,.2f}"
    elif fault == "unknown":
        rows[i][0] = "2019999"
    elif fault == "low" and LOW:
        rows.append([LOW[at % len(LOW)], "低可信", "0.00", "0.00", "0.00"])
    elif fault == "economic":
        # a class of the economic classification, its name as the book has it: only wrong-classification speaks
        rows.append(["301", CAT.lookup("301").name, "0.00", "0.00", "0.00"])
    elif fault in ("total", "total-off"):
        total = list(rows[0][2:])
        if fault == "total-off":
            total[0] = f"{Decimal(total[0]) + 5:.2f}"
        rows.append(["", "合计", *total])
    elif fault == "two-totals":
        rows += [["", "合计", *rows[0][2:]], ["", "合计", *rows[0][2:]]]
    elif fault == "total-no-class":  # a 合计 over 款 and 项 lines, the 类 line not printed
        rows = rows[1:] + [["", "合计", *rows[0][2:]]]
    elif fault == "total-only":  # a table of its 合计 line alone: checked by name
        rows = [["", "合计", "5.00", "5.00", "1.00"]]
    elif fault == "total-blank":
        rows.insert(0, ["", "总计", "", rows[0][3], rows[0][4]])
    elif fault == "uncoded":
        rows.insert(i, ["", "其中：人员经费", "1.00", "1.00", ""])
    elif fault == "decimals":
        rows[i][2:] = [f"{Decimal(v):.3f}" for v in rows[i][2:]]
    elif fault == "huge":  # beyond 64 bits on the common scale: summed as Python numbers
        rows[i][2:] = ["9" * 17 + ".99", "9" * 17 + ".99", "0"]
    elif fault == "alone-invalid":  # a 类 printed alone, a cell not a number: only invalid-amount speaks
        rows = [[rows[0][0], rows[0][1], "5.00", "5.00", "abc"]]
    elif fault == "alone-column":  # a 类 printed alone, off across: only column-mismatch speaks
        rows = [[rows[0][0], rows[0][1], "6.00", "5.00", "0.00"]]
    elif fault == "short-kuan" and len(rows[i][0]) == 5:
        rows[i][0] = rows[i][0][3:]  # 01 under its 类
    return rows


def as_csv(tables: list[list[list[str]]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["table", "code", "name", *COLUMNS])
    for t, rows in enumerate(tables):
        for row in rows:
            w.writerow([f"unit-{t}", *row])
    return out.getvalue()


def one_by_one(doc):
    """The document with each table's lines on their own, not a block's: the checks run table by table."""
    return attrs.evolve(doc, tables=tuple(
        attrs.evolve(t, lines=ColumnLines(t.lines.codes, t.lines.names, t.lines.raw, t.lines.source_lines))
        for t in doc.tables))


def reports(text: str, **kw) -> tuple[dict, dict]:
    doc = read_csv(text, "b.csv", year=YEAR)
    return validate(doc, YEAR, **kw).to_dict(), validate(one_by_one(doc), YEAR, **kw).to_dict()


tables_drawn = st.lists(st.tuples(st.sampled_from(CLEAN), st.integers(0, 10**6), st.sampled_from(FAULTS),
                                  st.integers(0, 200)), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(tables_drawn)
@example([(CLEAN[0], 1, "none", 0), (CLEAN[1], 2, "sum", 3), (CLEAN[2], 3, "none", 0)])
@example([(lei, 7, fault, 2) for lei, fault in zip(CLEAN * 2, FAULTS)])
def test_tables_screened_together_report_as_one_by_one(drawn):
    tables = [faulty(clean_table(lei, seed), fault, at) for lei, seed, fault, at in drawn]
    together, alone = reports(as_csv(tables))
    assert together == alone
    with mock.patch.object(batch, "PART_LINES", 40):  # a block screened in parts of a few tables
        assert reports(as_csv(tables))[0] == alone


@settings(max_examples=40, deadline=None)
@given(tables_drawn, st.sampled_from([{"skip": ["names"]}, {"only": ["rollup"]}, {"skip": ["duplicate-line"]},
                                      {"relations": ["合计=基本支出+项目支出"]}, {"tolerance": "0.5"}]))
def test_with_options_too(drawn, kw):
    tables = [faulty(clean_table(lei, seed), fault, at) for lei, seed, fault, at in drawn]
    together, alone = reports(as_csv(tables), **kw)
    assert together == alone


def test_clean_tables_are_screened_and_a_faulty_one_is_not():
    """The screens do their work: of three tables, the two clean ones pass without their checks, the one with a
    roll-up off is checked, and reports the roll-up."""
    tables = [clean_table(CLEAN[0], 1), faulty(clean_table(CLEAN[1], 2), "sum", 0), clean_table(CLEAN[2], 3)]
    doc = read_csv(as_csv(tables), "b.csv", year=YEAR)
    from govclass.validation import registry
    screens = registry.screens()
    quiet = batch.quiet_tables(doc.tables, lambda t: True, (), CAT, screens.values())
    assert quiet == {0, 2}
    report = validate(doc, YEAR)
    assert {f.rule for f in report.findings} == {"rollup-mismatch"}
    assert {f.table for f in report.findings} == {"unit-1"}
    assert report.tables == 3 and len(report.relations) == 3


def test_a_table_with_its_total_line_is_screened_too():
    """A table's one 合计 line (no code, a total's name) is no reason to check it one by one: it is screened, its
    sum over the 类 lines with it; a 合计 off, or a second one, is not."""
    good = clean_table(CLEAN[0], 1)
    total = ["", "合计", *good[0][2:]]
    tables = [good + [total], good + [["", "合计", f"{Decimal(total[2]) + 1:.2f}", *total[3:]]], good + [total, total]]
    doc = read_csv(as_csv(tables), "b.csv", year=YEAR)
    from govclass.validation import registry
    assert batch.quiet_tables(doc.tables, lambda t: True, (), CAT, registry.screens().values()) == {0}


def test_every_check_has_a_screen():
    """A check without a screen turns the block screens off for every table: each check declares one."""
    from govclass.validation import registry
    from govclass.validation.validate import RULES
    assert set(RULES) <= set(registry.screens())


# -- the C pass and its twin ---------------------------------------------------------

class Entry:
    __slots__ = ("name", "parent")

    def __init__(self, name, parent):
        self.name, self.parent = name, parent


@st.composite
def blocks(draw):
    codes = draw(st.lists(st.sampled_from(["201", "20101", "2010101", "2010102", "20102", "205", "20501",
                                           "2050101", "2019999"]), max_size=20))
    entries = [draw(st.sampled_from([None, Entry("n" + c, c[:-2] if len(c) > 3 else None),
                                     Entry("n" + c, c[:-2] if len(c) > 3 else None), Entry("x", "209")]))
               for c in codes]
    names = [draw(st.sampled_from(["n" + c, "x", None])) for c in codes]
    kind = draw(st.sampled_from(["int", "big", "decimal"]))
    num = {"int": st.integers(-10**6, 10**6), "big": st.integers(-2**70, 2**70),
           "decimal": st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**4,
                                  max_value=10**4)}[kind]
    cols = [draw(st.lists(num, min_size=len(codes), max_size=len(codes))) for _ in range(draw(st.integers(0, 3)))]
    bounds = [0, *sorted(draw(st.lists(st.integers(0, len(codes)), max_size=4))), len(codes)]
    notable = frozenset(draw(st.sets(st.sampled_from(["201", "20101", "2050101"]))))
    totals = [draw(st.sampled_from([-1, *(r for r in range(s, e) if entries[r] is None)]))
              for s, e in zip(bounds, bounds[1:])]
    return entries, codes, names, notable, cols, bounds, totals


@settings(max_examples=400, deadline=None)
@given(blocks())
@example(([Entry("n201", None), Entry("n20101", "201"), None], ["201", "20101", None], ["n201", "n20101", "合计"],
          frozenset(), [[0, 1, 2**63]], [0, 3], [2]))  # 201 off, then a 合计 beyond 64 bits: said once
def test_tables_off_is_its_python_twin(case):
    from govclass import speedups
    if speedups.speedups is None:
        return
    assert speedups.speedups.tables_off(*case) == twins.py_tables_off(*case)


def test_tables_off_finds_each_kind_of_row():
    e = {c: Entry("n" + c, c[:-2] if len(c) > 3 else None) for c in ("201", "20101", "2010101", "2010102")}
    codes = ["201", "20101", "2010101", "2010102", "2010101", "201", "2010101"]
    entries = [e[c] for c in codes]
    names = ["n201", "n20101", "n2010101", "x", "n2010101", "n201", "n2010101"]
    cols = [[10, 10, 4, 6, 4, 3, 3]]
    # table 1 rows 0-4: 2010101 twice (row 4), 2010102 renamed (row 3), 20101 = 4 + 6 + 4 != 10 (its second 2010101
    # counted too: the rule sums the first only, so its table is the rule's anyway); table 2 rows 5-6: 201 = 3 holds,
    # 2010101's 款 not printed (row 6)
    off = twins.py_tables_off(entries, codes, names, frozenset({"2010102"}), cols, [0, 5, 7], [-1, -1])
    assert off == ([4], [6], [1], [3], [3])
    # a 合计 line (row 2, no code) over the 类 201 = 10: holds at 10, not at 11
    codes, entries, names = ["201", "20101", None], [e["201"], e["20101"], None], ["n201", "n20101", "合计"]
    assert twins.py_tables_off(entries, codes, names, frozenset(), [[10, 10, 10]], [0, 3], [2])[2] == []
    assert twins.py_tables_off(entries, codes, names, frozenset(), [[10, 10, 11]], [0, 3], [2])[2] == [2]
    # a 合计 over no 类 line: picked (rule_rollup may add up every line)
    assert twins.py_tables_off(entries[1:], codes[1:], names[1:], frozenset(), [[10, 10]], [0, 2], [1])[2] == [1]


@st.composite
def columns_and_relations(draw):
    n, width = draw(st.integers(0, 12)), draw(st.integers(1, 4))
    num = draw(st.sampled_from([st.integers(-10**6, 10**6), st.integers(-2**70, 2**70),
                                st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**4,
                                            max_value=10**4)]))
    cols = [draw(st.lists(num, min_size=n, max_size=n)) for _ in range(width)]
    for i in range(n):  # totals that hold, so that equal and unequal rows both occur
        if width > 2 and draw(st.booleans()):
            cols[0][i] = cols[1][i] + cols[2][i]
    rels = draw(st.lists(st.lists(st.integers(0, width - 1), min_size=1, max_size=4), max_size=3))
    return cols, rels


@settings(max_examples=300, deadline=None)
@given(columns_and_relations())
@example(([[3, 4], [1, 2], [2, 2]], [[0, 1, 2]]))
def test_rows_across_is_its_python_twin(case):
    from govclass import speedups
    if speedups.speedups is None:
        return
    assert speedups.speedups.rows_across(*case) == twins.py_rows_across(*case)


def test_rows_across_finds_the_rows_a_relation_fails_on():
    assert twins.py_rows_across([[3, 5, 0], [1, 2, 0], [2, 2, 0]], [[0, 1, 2]]) == [1]
    assert twins.py_rows_across([[3, 4], [1, 2], [2, 2]], [[0]]) == [0, 1]  # a total of no part: 0
