"""The optional C speed-ups (govclass/speedups/_speedups.c) against their definitions.

Each C function has a pure-Python twin or a law it must keep; these tests
hold it to them on random input.  They skip when the module is not built (a
checkout; build it with ``python hatch_build.py``), except in CI, which
installs the wheel and sets GOVCLASS_REQUIRE_SPEEDUPS=1: there a wheel built
without them fails instead of passing on the Python code alone.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import NamedTuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govclass.speedups.twins import py_split_columns

try:
    from govclass.speedups import _speedups
except ImportError:
    if os.environ.get("GOVCLASS_REQUIRE_SPEEDUPS") == "1":
        raise
    pytest.skip("C speed-ups not built (python hatch_build.py)", allow_module_level=True)


def test_the_package_uses_them():
    from govclass.speedups import speedups

    assert speedups is _speedups or os.environ.get("GOVCLASS_PURE")


# -- split_columns == twins.py_split_columns ----------------------------------

_cell = st.text(alphabet=st.sampled_from(list('ab 1.-\t,;"表（）\r\n') + ["𠀀", "é"]), max_size=6)


@st.composite
def csv_texts(draw):
    """Mostly regular grids, sometimes broken: a quote, a short or long line,
    blank lines, any line ending, text of each character width."""
    delim = draw(st.sampled_from([",", "\t", ";"]))
    width = draw(st.integers(1, 5))
    safe = st.text(alphabet=st.sampled_from(list("ab 1.-表（）\u3000\x0b") + ["𠀀", "é"]), max_size=6)
    rows = draw(st.lists(st.lists(safe, min_size=width, max_size=width), min_size=1, max_size=8))
    if draw(st.booleans()):  # a broken row
        rows.insert(draw(st.integers(0, len(rows))), draw(st.lists(_cell, min_size=0, max_size=width + 1)))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join(delim.join(r) for r in rows)
    text += draw(st.sampled_from(["", "\n", "\r\n", "\n\n", "\r\n\r\n", " \n"]))
    return text, delim


@settings(max_examples=400)
@given(csv_texts())
@example(("a,b\n1,2\n\n3,4", ","))  # a blank line inside: csv.reader's work
@example(("a,b\r\r\n1,2", ","))
@example(("\n\r\n", ","))
@example(("code,name\n", ","))
@example(("a\n\nb", ","))  # one column: a blank line is a blank cell
def test_split_columns_is_its_python_twin(case):
    text, delim = case
    py = py_split_columns(text, delim)
    for lazy_from in (-1, 0, 1, 2, 9):  # columns from lazy_from on as TextColumns: equal all the same
        c = _speedups.split_columns(text, delim, lazy_from)
        if py is None:
            assert c is None
            continue
        header, cols, rows, padded = c
        assert (header, cols, range(2, rows + 2), padded) == py
        if 0 <= lazy_from < len(cols):
            lazy = cols[lazy_from]
            assert type(lazy) is _speedups.TextColumn and len(lazy) == len(py[1][lazy_from])
            assert list(lazy) == py[1][lazy_from]  # iteration makes the strings
            assert _speedups.fixed_columns([lazy]) == _speedups.fixed_columns([list(lazy)])


def test_a_text_column_is_a_sequence_of_its_cells():
    import pickle

    _, cols, _, _ = _speedups.split_columns("code,amount\n201,1.5\n202,\n203,-2\n204,x\n", ",", 1)
    col = cols[1]
    plain = ["1.5", "", "-2", "x"]
    assert col == plain and plain == col and not (col != plain)
    assert col[0] == "1.5" and col[-1] == "x" and col[1] == ""
    assert col[1:3] == ["", "-2"] and type(col[1:3]) is _speedups.TextColumn  # a view
    assert col[1:3][1] == "-2" and col[::2] == ["1.5", "-2"] and col[::-1] == plain[::-1]
    assert col[5:] == [] and len(col[-2:]) == 2
    assert "x" in col and "y" not in col
    with pytest.raises(IndexError):
        col[4]
    with pytest.raises(TypeError):
        col["a"]
    with pytest.raises(TypeError):
        hash(col)
    assert pickle.loads(pickle.dumps(col)) == plain
    view = cols[1][1:]
    del cols, col  # a view keeps the text and the spans it reads alive
    assert list(view) == ["", "-2", "x"]


def test_split_columns_reuses_a_repeated_cell():
    header, cols, rows, padded = _speedups.split_columns("t,code\n甲,201\n甲,202\n乙,203\n", ",")
    assert cols == [["甲", "甲", "乙"], ["201", "202", "203"]] and rows == 3 and padded == [False, False]
    assert cols[0][0] is cols[0][1]


@pytest.mark.parametrize("delim", ['"', "\n", "\r", ",,", ""])
def test_split_columns_refuses_a_delimiter_it_cannot_split_on(delim):
    with pytest.raises(ValueError):
        _speedups.split_columns("a,b\n1,2", delim)


# -- fixed_columns: exact figures on one scale ----------------------------------

_PLAIN = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def _law(columns):
    """What fixed_columns must return, from Decimal: None unless every cell is
    blank or a plain figure of at most 18 significant digits that still fits
    18 digits on the common scale."""
    scale = 0
    for col in columns:
        for cell in col:
            if cell == "":
                continue
            if not (cell.isascii() and _PLAIN.fullmatch(cell)):
                return None
            digits = cell.lstrip("-").replace(".", "").lstrip("0")
            decimals = len(cell.partition(".")[2])
            if len(digits) > 18 or decimals > 18:
                return None
            scale = max(scale, decimals)
    out = []
    for col in columns:
        vals = [int(Decimal(cell or "0").scaleb(scale)) for cell in col]
        if any(abs(v) >= 10**18 for v in vals):
            return None
        out.append(vals)
    return scale, out


_figure = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**9, max_value=10**9).map(str),
    st.from_regex(r"-?[0-9]{0,20}(\.[0-9]{0,20})?", fullmatch=True),
    st.sampled_from(["", "-", ".", "-.", ".5", "5.", "-0", "007", "1e5", " 1", "1,000", "１２", "+3", "nan",
                     "0.000000000000000000001", "999999999999999999", "1000000000000000000"]),
)


@settings(max_examples=500)
@given(st.lists(st.lists(_figure, max_size=6), min_size=0, max_size=3))
@example([["999999999999999999", "0.5"]])  # fits alone, not on scale 1
@example([["12.5", "", "-3"], ["0.05"]])
def test_fixed_columns_keeps_its_law(columns):
    assert _speedups.fixed_columns(columns) == _law(columns)


def test_fixed_columns_refuses_what_is_not_a_list_of_lists():
    with pytest.raises(TypeError):
        _speedups.fixed_columns(("1",))
    with pytest.raises(TypeError):
        _speedups.fixed_columns([("1",)])
    assert _speedups.fixed_columns([[1.5]]) is None  # not a string: the Decimal path reads it


# -- group_rows == twins.py_group_rows --------------------------------------

from govclass.speedups.twins import py_group_rows, py_sums_differ  # noqa: E402


class Entry(NamedTuple):  # what group_rows reads of a catalog entry
    parent: str | None


@st.composite
def keyed_rows(draw):
    """Codes with their entries (None: not in the edition, grouped by the
    code's length; a parent of None: a root), some rows left out (a
    duplicate's later lines), with or without a 合计."""
    codes = draw(st.lists(st.sampled_from(["201", "20101", "2010101", "2010102", "20102", "205", "20501",
                                           "2050101", "2019999", "2", "2010"]), max_size=14, unique=True))
    entries = []
    for c in codes:
        parent = c[:-2] if len(c) in (5, 7) else None
        entries.append(draw(st.sampled_from([None, Entry(parent), Entry(parent), Entry("209")])))
    rows = None
    if codes and draw(st.booleans()):
        rows = sorted(draw(st.sets(st.integers(0, len(codes) - 1))))
    return entries, codes, rows, draw(st.booleans())


@settings(max_examples=300)
@given(keyed_rows())
def test_group_rows_is_its_python_twin(case):
    entries, codes, rows, has_total = case
    assert _speedups.group_rows(entries, codes, rows, has_total) == py_group_rows(entries, codes, rows, has_total)


def test_group_rows_refuses_bad_input():
    with pytest.raises(ValueError):
        _speedups.group_rows([None, None], ["201"], None, False)
    with pytest.raises(IndexError):
        _speedups.group_rows([None], ["201"], [3], False)


# -- sums_differ == twins.py_sums_differ ------------------------------------

@st.composite
def grouped_columns(draw):
    entries, codes, rows, has_total = draw(keyed_rows())
    order, groups, starts, ends, parents = py_group_rows(entries, codes, rows, has_total)
    as_decimal = draw(st.booleans())
    num = (st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6)
           if as_decimal else st.integers(-10**12, 10**12))
    col = draw(st.lists(num, min_size=len(codes), max_size=len(codes)))
    # parents that are their children's sum, so that equal and unequal both occur
    for g, p in enumerate(parents):
        if p < len(col) and draw(st.booleans()):
            col[p] = sum((col[r] for r in order[starts[g]:ends[g]]), Decimal(0) if as_decimal else 0)
    total = draw(st.one_of(st.none(), num)) if has_total else None
    return col, order, starts, ends, parents, total


@settings(max_examples=300)
@given(st.lists(grouped_columns(), min_size=1, max_size=3))
def test_sums_differ_is_its_python_twin(cases):
    # the columns of one table share its grouping: take the first case's, and
    # each case's column and total
    _, order, starts, ends, parents, _ = cases[0]
    n = len(cases[0][0])
    cols = [c[0] for c in cases if len(c[0]) == n]
    totals = [c[5] for c in cases if len(c[0]) == n]
    for t in (totals, None):
        assert _speedups.sums_differ(cols, order, starts, ends, parents, t) == \
            py_sums_differ(cols, order, starts, ends, parents, t)


def test_sums_differ_refuses_bad_input():
    with pytest.raises(ValueError):
        _speedups.sums_differ([[1]], [0], [0], [1], [5], [1, 2])  # totals for two columns, one column
    with pytest.raises(IndexError):
        _speedups.sums_differ([[1]], [3], [0], [1], [0], None)


# -- line_amounts == twins.py_line_amounts ----------------------------------

from govclass.document import BLANK, Line, parse_amount  # noqa: E402
from govclass.speedups.twins import py_line_amounts  # noqa: E402

_COLUMNS = ("合计", "基本支出", "项目支出")


@st.composite
def lines_with_cells(draw):
    """Lines whose cells are plain, blank, invalid, or missing for a column."""
    raw = st.sampled_from(["1.5", "", None, "x", "-2", "809. 97", "(3)", "0"])
    out = []
    for i in range(draw(st.integers(0, 8))):
        cells = {c: parse_amount(draw(raw)) for c in _COLUMNS if draw(st.integers(0, 5))}
        out.append(Line("201", "名称", cells, False, i + 1))
    columns = tuple(draw(st.lists(st.sampled_from(_COLUMNS), unique=True, max_size=3)))
    return out, columns


@settings(max_examples=300)
@given(lines_with_cells())
def test_line_amounts_is_its_python_twin(case):
    lines, columns = case
    for seq in (lines, tuple(lines)):
        assert _speedups.line_amounts(seq, columns, BLANK) == py_line_amounts(seq, columns)


def test_line_amounts_refuses_what_is_not_a_line():
    with pytest.raises(TypeError):
        _speedups.line_amounts([("201", "x", [])], ("合计",), BLANK)
    with pytest.raises(TypeError):
        _speedups.line_amounts([("201", "x", {"合计": 5})], ("合计",), BLANK)


# -- look_up == twins.py_look_up ----------------------------------------------

from govclass.speedups.twins import py_look_up  # noqa: E402


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["201", "20101", "2010101", "999", "x", ""])), max_size=10),
       st.dictionaries(st.sampled_from(["201", "20101", "2010101", "205"]), st.integers(), max_size=4))
def test_look_up_is_its_python_twin(codes, objs):
    assert _speedups.look_up(codes, objs) == py_look_up(codes, objs)


def test_look_up_refuses_an_unhashable_code():
    with pytest.raises(TypeError):
        _speedups.look_up([["201"]], {})


# -- any input: a Python exception, never a crash ----------------------------------

_scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.text(max_size=3),
                    st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=-9, max_value=9))
_junk = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner),
                                                     st.dictionaries(st.text(max_size=2), inner, max_size=3)),
                     max_leaves=12)


@settings(max_examples=400)
@given(st.sampled_from(["split_columns", "fixed_columns", "group_rows", "sums_differ", "look_up", "line_amounts",
                        "tables_off", "rows_across"]),
       st.lists(_junk, max_size=6))
def test_any_arguments_give_an_exception_or_an_answer(name, args):
    """A C function given anything raises an ordinary exception (or answers);
    a crash would end the test run."""
    try:
        getattr(_speedups, name)(*args)
    except (TypeError, ValueError, IndexError, AttributeError, OverflowError, ArithmeticError):
        pass


_index = st.integers(-3, 12)
_indices = st.lists(_index, max_size=8)


@settings(max_examples=400)
@given(st.lists(st.lists(st.one_of(st.integers(-5, 5), st.none(), st.text(max_size=1)), max_size=8), max_size=3),
       _indices, _indices, _indices, _indices, st.one_of(st.none(), st.lists(st.integers(-5, 5), max_size=3)))
def test_sums_differ_with_indices_out_of_range_raises(cols, order, starts, ends, parents, totals):
    try:
        _speedups.sums_differ(cols, order, starts, ends, parents, totals)
    except (TypeError, ValueError, IndexError):
        pass


@settings(max_examples=400)
@given(st.lists(st.one_of(st.none(), st.builds(Entry, st.one_of(st.none(), st.text(max_size=3), st.integers())),
                          st.integers()), max_size=8),
       st.lists(st.one_of(st.none(), st.text(alphabet="0123456789", max_size=8), st.integers()), max_size=8),
       st.one_of(st.none(), _indices), st.booleans())
def test_group_rows_with_odd_entries_and_rows_raises(entries, codes, rows, has_total):
    try:
        _speedups.group_rows(entries, codes, rows, has_total)
    except (TypeError, ValueError, IndexError, AttributeError):
        pass


def test_python_code_they_call_cannot_pull_a_list_from_under_them():
    """An amount's __add__, a key's __eq__ or an entry's attribute may be
    Python code that empties the lists passed in; the C functions work on
    their own copies, so they answer (or raise) instead of reading freed memory."""
    col, order, codes, entries = [], [0, 1, 2], [], []

    class Amount:
        def __add__(self, other):
            col.clear(), order.clear()
            return self

        def __ne__(self, other):
            col.clear()
            return True

    col.extend([Amount(), Amount(), Amount()])
    assert _speedups.sums_differ([col], order, [1], [3], [0], None) == [[0]]

    class Code(str):
        __hash__ = str.__hash__

        def __eq__(self, other):
            codes.clear(), entries.clear()
            return str.__eq__(self, other)

    class Sneaky:
        @property
        def parent(self):
            codes.clear(), entries.clear()
            return "201"

    codes.extend([Code("201"), Code("20101"), Code("20102")])
    entries.extend([Sneaky(), Sneaky(), Sneaky()])
    order, groups, starts, ends, parents = _speedups.group_rows(entries, codes, None, False)
    assert order == [0, 1, 2] and groups == ["201"]
    codes.extend([Code("201"), Code("20101")])
    assert _speedups.look_up(codes, {"201": 1, "20101": 2}) == ([1, 2], True, True)


# -- table_heads == twins.py_table_heads ----------------------------------------------

@settings(max_examples=400)
@given(csv_texts(), st.integers(0, 4))
@example(("t1,a\n t1 ,b\r\nt2,c\n\nt1,d", ","), 1)  # runs stripped, a CRLF, a blank line
@example(("\u3000t,a\nt,b\n", ","), 1)  # only ASCII white space is stripped, as bytes.strip does
def test_table_heads_is_its_twin(case, cells):
    from govclass.speedups.twins import py_table_heads

    (text, delim), data = case, case[0].encode("utf-8")
    assert _speedups.table_heads(data, delim.encode()[0], cells) == py_table_heads(data, delim.encode(), cells)


# -- utf8_valid == twins.py_utf8_valid, lone_carriage_return == twins.py_lone_carriage_return -----------

#: the bytes where strict UTF-8 draws its lines: lead bytes of each length and their edges, continuation bytes
#: at the edges of the ranges after E0, ED, F0 and F4, bytes that never occur
UTF8_EDGES = st.sampled_from([0x00, 0x0A, 0x0D, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                              0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF])


@settings(max_examples=600)
@given(st.one_of(st.binary(max_size=40), st.lists(UTF8_EDGES, max_size=12).map(bytes),
                 st.tuples(st.text(max_size=30), st.lists(UTF8_EDGES, max_size=4).map(bytes), st.text(max_size=12))
                 .map(lambda t: t[0].encode("utf-8") + t[1] + t[2].encode("utf-8"))))
@example("一般公共服务支出,3.00\n".encode("utf-8") * 3)  # the eight-byte ASCII steps around 3-byte characters
@example("𝄞x".encode("utf-8"))  # a 4-byte character
@example(b"\xed\xa0\x80")  # a surrogate: refused by bytes.decode
@example(b"\xf4\x90\x80\x80")  # above U+10FFFF
@example(b"\xe0\x9f\xbf")  # overlong
@example(b"abcdefg\xe4\xb8")  # cut short at the end
def test_utf8_valid_is_its_twin(data):
    from govclass.speedups.twins import py_utf8_valid

    assert _speedups.utf8_valid(data) is py_utf8_valid(data)


@settings(max_examples=300)
@given(st.lists(st.sampled_from([b"a", b",", b"\r", b"\n", b"\r\n", "一".encode("utf-8")]), max_size=30).map(b"".join))
@example(b"a\r\r\n")  # a carriage return before a CRLF
@example(b"a\r")  # at the very end
def test_lone_carriage_return_is_its_twin(data):
    from govclass.speedups.twins import py_lone_carriage_return

    assert _speedups.lone_carriage_return(data) is py_lone_carriage_return(data)
