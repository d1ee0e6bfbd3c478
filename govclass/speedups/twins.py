"""The pure-Python twins of the C speed-ups (govclass/speedups/_speedups.c)
and the functions that pick one or the other: both give the same answer.
The twins are public so that tests can hold the C code to them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import is_not, itemgetter, ne, sub

from govclass import speedups as _accel
from govclass.catalog.store import PARENT_LENGTH
from govclass.document import BLANK, Cell, Line
from govclass.model import Code

_CELLS = itemgetter(2)
_AMOUNT = Cell.amount.fget
_INVALID = Cell.invalid.fget
_ROOT = {None: ""}  # a 类's parent is the table's 合计
_ZERO = Decimal(0)


def group_rows(entries: list[Code | None], codes: list[str], rows: list[int] | None,
                has_total: bool) -> tuple[list[int], list[str], list[int], list[int], list[int]]:
    """The C speed-up when built, else :func:`py_group_rows`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.group_rows(entries, codes, rows, has_total)
    return py_group_rows(entries, codes, rows, has_total)


def py_group_rows(entries: list[Code | None], codes: list[str], rows: list[int] | None,
                   has_total: bool) -> tuple[list[int], list[str], list[int], list[int], list[int]]:
    """Group ``rows`` (None: all) by what they add up into: the entry's
    parent, "" (the 合计) for a root, and for a code the edition does not
    have (entry None) its :func:`sum_key` (None: no group).  Groups come in
    the order of their first row, table order within a group.  Returns
    ``order``, the groups' keys, ``starts`` and ``ends`` in ``order``, and
    the row printing each group's key as its code (``len(codes)`` for the ""
    group when the table has a 合计 line, ``len(codes) + 1`` when no row
    prints it)."""
    n = len(codes)
    parents = list(map(getattr, entries, repeat("parent"), repeat(_NONE)))
    keys = list(map(_ROOT.get, parents, parents))
    if _NONE in keys:  # codes the edition does not have: by their length
        keys = [sum_key(c) if k is _NONE else k for k, c in zip(keys, codes)]
    kept: Sequence[int] = range(n) if rows is None else rows
    if None in keys:
        kept = list(compress(kept, map(is_not, map(keys.__getitem__, kept), repeat(None))))
    mine = keys if kept.__class__ is range else list(map(keys.__getitem__, kept))
    groups = list(dict.fromkeys(mine))  # in the order their first row comes
    rank = list(map(dict(zip(groups, count())).get, keys))
    order = sorted(kept, key=rank.__getitem__)  # stable: table order within a group
    ranks = list(map(rank.__getitem__, order))
    starts = [0, *compress(count(1), map(ne, islice(ranks, 1, None), ranks))] if order else []
    where = dict(zip(codes if kept.__class__ is range else map(codes.__getitem__, kept), kept))  # code -> row
    if has_total:
        where[""] = n
    return order, groups, starts, [*islice(starts, 1, None), len(order)] if order else [], \
        list(map(where.get, groups, repeat(n + 1)))


_NONE = object()  # a missing attribute (None is a 类's parent)


def look_up(codes: list[str | None], objs: dict[str, Code]) -> tuple[list[Code | None], bool, bool]:
    """The C speed-up when built, else :func:`py_look_up`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.look_up(codes, objs)
    return py_look_up(codes, objs)


def py_look_up(codes: list[str | None], objs: dict[str, Code]) -> tuple[list[Code | None], bool, bool]:
    """Each code's entry (None when ``objs`` lacks it), whether every code was
    found, whether no code repeats."""
    entries = list(map(objs.get, codes))
    return entries, None not in entries, len(set(codes)) == len(codes)


def line_amounts(lines: Sequence[Line], columns: tuple[str, ...]) -> tuple[list[list[Decimal]], list[int]]:
    """The C speed-up when built, else :func:`py_line_amounts`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.line_amounts(lines, columns if columns.__class__ is tuple else tuple(columns), BLANK)
    return py_line_amounts(lines, columns)


def py_line_amounts(lines: Sequence[Line], columns: tuple[str, ...]) -> tuple[list[list[Decimal]], list[int]]:
    """Per column, every line's amount (a missing cell is a blank); and the
    lines with an invalid cell."""
    k = len(columns)
    if not k:
        return [], []
    pick = itemgetter(*columns) if k > 1 else (lambda cells, c=columns[0]: (cells[c],))
    try:  # row after row into one flat list, then a slice per column
        cells = list(chain.from_iterable(map(pick, map(_CELLS, lines))))
    except KeyError:  # a line without a cell for some column: a blank
        cells = list(chain.from_iterable(zip(*(map(dict.get, map(_CELLS, lines), repeat(c), repeat(BLANK))
                                               for c in columns))))
    amounts = list(map(_AMOUNT, cells))
    out = [amounts[j::k] for j in range(k)]
    if True in map(_INVALID, cells):
        return out, sorted({i // k for i in compress(count(), map(_INVALID, cells))})
    return out, []



def sum_key(code: str) -> str | None:
    """What a resolved code adds up into: its 类/款 ("" for a 类: the 合计),
    None for a code of no level."""
    n = len(code)
    if n == 3:
        return ""
    cut = PARENT_LENGTH.get(n)
    return None if cut is None else code[:cut]


def sums_differ(cols: list[list], order: list[int], starts: list[int], ends: list[int], parents: list[int],
                 totals: list | None) -> list[list[int]]:
    """The C speed-up when built, else :func:`py_sums_differ`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.sums_differ(cols, order, starts, ends, parents, totals)
    return py_sums_differ(cols, order, starts, ends, parents, totals)


def py_sums_differ(cols: list[list], order: list[int], starts: list[int], ends: list[int], parents: list[int],
                    totals: list | None) -> list[list[int]]:
    """Per column, the groups whose printed parent differs from the sum of
    their rows: the parent on row ``parents[g]``, the column's total when
    that is ``len(col)`` (the 合计 line, if ``totals`` are given), none
    beyond.  Each group's sum is the difference of two running totals over
    the rows in group order."""
    out = []
    for c, col in enumerate(cols):
        n = len(col)
        total = None if totals is None else totals[c]
        values = [*col, total]
        printed = list(compress(count(), map(n.__gt__, parents)))  # the groups whose parent is a printed line
        if total is not None and n in parents:
            printed.append(parents.index(n))
        running = [_ZERO, *accumulate(map(col.__getitem__, order))]
        out.append(sorted(compress(printed, map(ne, map(values.__getitem__, map(parents.__getitem__, printed)),
                                                map(sub, map(running.__getitem__, map(ends.__getitem__, printed)),
                                                    map(running.__getitem__, map(starts.__getitem__, printed)))))))
    return out


def tables_off(entries: list[Code | None], codes: list[str | None], names: list[str | None], notable: frozenset[str],
               cols: list[list], bounds: list[int], totals: list[int]
               ) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """The C speed-up when built, else :func:`py_tables_off`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.tables_off(entries, codes, names, notable, cols, bounds, totals)
    return py_tables_off(entries, codes, names, notable, cols, bounds, totals)


def py_tables_off(entries: list[Code | None], codes: list[str | None], names: list[str | None],
                  notable: frozenset[str], cols: list[list], bounds: list[int], totals: list[int]
                  ) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """What a block of tables' lines says, in one pass: table ``t`` is rows ``bounds[t]`` to ``bounds[t + 1]``,
    ``totals[t]`` the row of its 合计 line (a row of no code) or -1, and only its rows of a code of the edition
    (entry not None) count. Returns, each in row order, the rows whose code the table printed before
    (``repeated``), whose parent (a 款 or 类) the table does not print (``unparented``), that print a parent (the
    合计 for a 类) differing from the sum of its rows in some column (``unequal``; a 合计 over no 类 line after the
    table's other rows), whose name is not the code's (``renamed``), and whose code is in ``notable``
    (``marked``)."""
    if len(totals) != max(len(bounds) - 1, 0):
        raise ValueError("totals must give one row (or -1) per table")
    repeated: list[int] = []
    unparented: list[int] = []
    unequal: list[int] = []
    renamed: list[int] = []
    marked: list[int] = []
    for s, e, total in zip(bounds, bounds[1:], totals):
        if total < -1 or (total >= 0 and not (s <= total < e and entries[total] is None)):
            raise ValueError("a table's 合计 line must be one of its rows, of no code")
        where: dict[str | None, int] = {}
        for r in range(s, e):
            entry = entries[r]
            if entry is None:
                continue
            if codes[r] in notable:
                marked.append(r)
            if names[r] != entry.name:
                renamed.append(r)
            if where.setdefault(codes[r], r) != r:
                repeated.append(r)
        sums: dict[int, list] = {}
        for r in range(s, e):
            entry = entries[r]
            if entry is None or (entry.parent is None and total < 0):
                continue
            q = total if entry.parent is None else where.get(entry.parent)
            if q is None:
                unparented.append(r)
                continue
            mine = sums.get(q)
            sums[q] = [col[r] for col in cols] if mine is None else [a + col[r] for a, col in zip(mine, cols)]
        unequal.extend(q for q in sorted(sums) if any(col[q] != a for col, a in zip(cols, sums[q])))
        if total >= 0 and total not in sums:
            unequal.append(total)
    return repeated, unparented, unequal, renamed, marked


def rows_across(cols: list[list], relations: list[list[int]]) -> list[int]:
    """The C speed-up when built, else :func:`py_rows_across`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.rows_across(cols, relations)
    return py_rows_across(cols, relations)


def py_rows_across(cols: list[list], relations: list[list[int]]) -> list[int]:
    """The rows (in order, each once) where for some relation (the total's column in ``cols``, then the parts')
    the total is not the sum of the parts (0 for none)."""
    rows: set[int] = set()
    for total, *parts in relations:
        sums = map(sum, zip(*(cols[p] for p in parts))) if parts else repeat(0)
        rows.update(compress(count(), map(ne, cols[total], sums)))
    return sorted(rows)


def split_columns(text: str, delimiter: str, lazy_from: int = -1
                   ) -> tuple[list[str], list[Sequence[str]], range, list[bool]] | None:
    """Header, columns and line numbers of a CSV file that quotes nothing,
    and per column whether a cell has white space at an edge (for
    :func:`govclass.readers.csv.stripped`); None when the file quotes a field or its lines do
    not all have the header's number of cells (csv.reader reads those).  The
    C speed-up when it is built, else :func:`py_split_columns`: the same
    answer, except that the C split keeps the columns from ``lazy_from`` on
    (if not -1) as spans of the text (a TextColumn: a sequence of str that
    makes a cell's string when it is asked for)."""
    speedups = _accel.speedups
    if speedups is not None and len(delimiter) == 1 and delimiter not in '"\r\n':
        split = speedups.split_columns(text, delimiter, lazy_from)
        if split is None:
            return None
        header, cols, rows, padded = split
        return header, cols, range(2, rows + 2), padded
    return py_split_columns(text, delimiter)


def py_split_columns(text: str, delimiter: str) -> tuple[list[str], list[list[str]], range, list[bool]] | None:
    """:func:`split_columns` in Python, split by C string methods: the whole
    body at once on its delimiters, then every column a slice of the flat list."""
    from itertools import repeat

    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return None
    header = lines[0].split(delimiter)
    width = len(header)
    body = lines[1:]
    if body and set(map(str.count, body, repeat(delimiter))) != {width - 1}:
        return None
    flat = delimiter.join(body).split(delimiter) if body else []
    cols = [flat[j::width] for j in range(width)]
    return header, cols, range(2, len(body) + 2), list(map(padded, cols))


def padded(column: list[str]) -> bool:
    """Whether a cell of ``column`` has white space at an edge (C passes: the
    column joined, split on white space)."""
    joined = "".join(column)
    if joined.split(maxsplit=1) == [joined]:  # no white space at all
        return False
    return column != list(map(str.strip, column))


def table_heads(data: bytes, delimiter: bytes, cells: int) -> list[bytes] | None:
    """The C speed-up when built, else :func:`py_table_heads`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.table_heads(data, delimiter[0], cells)
    return py_table_heads(data, delimiter, cells)


def py_table_heads(data: bytes, delimiter: bytes, cells: int) -> list[bytes] | None:
    """The first cell (white space stripped) of each run of lines of ``data`` (whole lines of a CSV
    file), a run of lines with the same first cell given once; None when a line has not ``cells``
    delimiters (a short, long or blank line)."""
    from itertools import groupby

    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    if set(map(bytes.count, lines, repeat(delimiter))) - {cells}:
        return None
    heads = map(bytes.strip, map(_FIRST, map(bytes.partition, lines, repeat(delimiter))))
    return [head for head, _run in groupby(heads)]


_FIRST = itemgetter(0)


def utf8_valid(data: bytes) -> bool:
    """The C speed-up when built, else :func:`py_utf8_valid`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.utf8_valid(data)
    return py_utf8_valid(data)


def py_utf8_valid(data: bytes) -> bool:
    """Whether ``data`` decodes as strict UTF-8 (C checks it without making the text)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def lone_carriage_return(data: bytes) -> bool:
    """The C speed-up when built, else :func:`py_lone_carriage_return`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.lone_carriage_return(data)
    return py_lone_carriage_return(data)


def py_lone_carriage_return(data: bytes) -> bool:
    """Whether a carriage return in ``data`` does not end a line (\\r without \\n after it): the two
    counts differ (C walks from one carriage return to the next instead)."""
    return b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
