"""A table as the rules read it: columns of resolved codes, entries and amounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import compress, count, repeat
from operator import is_, is_not, itemgetter
from typing import NamedTuple

import attrs

from govclass.catalog import Catalog
from govclass.catalog.store import nearest_year
from govclass.document import ColumnLines, Line, Table, is_total_name
from govclass.errors import InvalidCodeError
from govclass.model import Code
from govclass.normalize import normalize_code
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.speedups.twins import group_rows, line_amounts, look_up
from govclass.validation.report import Finding


# -- a table, column-wise -------------------------------------------------------

# The rules read a table as columns (:class:`Frame`): the resolved codes, the
# catalog's entries, each amount column as a list.  The screens that decide
# which lines need a closer look (a name that differs, a sum that does not
# match) then run over whole columns, in C (govclass/speedups/_speedups.c, or C-level
# passes such as map and compress in its Python twins), and only the lines
# they pick are looked at in Python.  Sums are
# first taken over amounts (0 for a blank or invalid cell); only where a total
# and its parts differ does the exact check (compare, which skips blanks and
# knows the rounding tolerance) run, so a blank is never taken for a zero in
# what is reported.

_CODE, _NAME, _CELLS, _LEVEL = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(6)
_ROOT = {None: ""}  # a 类's parent is the table's 合计

# Resolving the printed codes reports these (an unreadable code is ``unknown-code``, declared
# with the code rules in govclass.validation.rules.codes).
declare("orphan", ERROR, "codes", "a 2-digit 款 with no 类 line above it to belong to",
        "两位款级编码之前没有类级科目，无法确定其所属类")
declare("uncoded-line", WARNING, "structure",
        "a line with no code that is not the 合计 line (其中：…, a 小计): reported, not checked, never dropped",
        "没有科目编码且不是合计行的行（“其中：”、小计等）：予以报告，不作校验，也不丢弃")


@attrs.define(slots=True)
class Frame:
    """One table as the rules read it.  Row ``r`` is the ``r``-th line that
    has a code (合计 and uncoded lines excluded), at ``lines[pos[r]]``."""

    table: Table
    lines: Sequence[Line]
    csv: ColumnLines | None  # the lines, when they are a CSV table's columns
    columns: tuple[str, ...]  # the columns that add up (Table.summed_columns): ``amounts`` is theirs
    pos: Sequence[int]
    codes: list[str]  # as resolved: 5 digits for a printed "01" under its 类
    entries: list[Code | None]  # None: not a code of the edition
    # per column, per row; 0 for a blank or invalid cell.  Decimals, or integers
    # on one scale for the whole table (ColumnLines.screen_amounts): numbers to
    # add and compare, never reported (compare reads the cells).
    amounts: list[list[Decimal]] | list[list[int]]
    total: int | None  # index in ``lines`` of the 合计 line
    total_amounts: list[Decimal] | list[int] | None
    invalid: list[int]  # indices in ``lines`` of the lines with a cell that is not a number
    unique: bool  # no code printed twice
    _groups: "Groups | None" = None

    def line(self, r: int) -> Line:
        return self.lines[self.pos[r]]

    def groups(self) -> "Groups":
        if self._groups is None:
            self._groups = Groups.of(self)
        return self._groups


class Groups(NamedTuple):
    """The rows of a frame grouped by what they add up into.  Only the first
    line of a code counts (duplicate-line reports the others), and only codes
    of a level (类/款/项).  ``order`` lists the rows group after group, in
    table order within a group; group ``g`` is ``order[starts[g]:ends[g]]``
    and adds up into ``keys[g]`` ("" for the 合计), printed on row
    ``parents[g]``: ``total`` for the 合计 line, ``absent`` when the table
    does not print it."""

    order: list[int]
    keys: list[str]
    starts: list[int]
    ends: list[int]
    parents: list[int]
    total: int
    absent: int

    @classmethod
    def of(cls, frame: "Frame") -> "Groups":
        codes = frame.codes
        n = len(codes)
        rows: list[int] | None = None  # all
        if not frame.unique:  # only the first line of a code
            rows = sorted(dict(zip(reversed(codes), reversed(range(n)))).values())
        order, groups, starts, ends, parents = group_rows(frame.entries, codes, rows, frame.total is not None)
        return cls(order, groups, starts, ends, parents, n, n + 1)



def table_edition(table: Table, edition: int, asked: int | None = None) -> int:
    """The edition a table's codes are checked against (issue 24): the one asked for (``year=``), else its own
    year's (Table.year: a two-year report prints tables of both years), the nearest when govclass has no
    edition of that year; the document's (``edition``) when the table says no year."""
    if asked is not None or table.year is None:
        return asked if asked is not None else edition
    return nearest_year(table.year)


def finding_for(rule: str, table: Table, line: Line | None, en: str, zh: str, **kw: object) -> Finding:
    if line is not None and line.page is not None:  # a PDF's line: where it is printed, and as printed
        kw.setdefault("page", line.page)
        kw.setdefault("text", line.text)
        kw.setdefault("box", line.box)
    return Finding(rule, DECLARED[rule].severity, table.name, en, zh,
                   line=None if line is None else line.number,
                   source_line=None if line is None else line.source_line, rests_on=(table,),
                   **kw)  # type: ignore[arg-type]


def frame_of(table: Table, catalog: Catalog) -> tuple[Frame, list[Finding]]:
    """Resolve printed codes (a 2-digit 款 under the last 类 line), look each
    up once, find the 合计 line; return the frame and the findings of
    resolution (codes that are not codes, orphan 款, uncoded lines)."""
    lines = table.lines
    csv = lines if lines.__class__ is ColumnLines else None
    columns = table.summed_columns()
    if csv is not None:
        printed = csv.codes
        amounts, invalid = csv.screen_amounts(columns)
    else:
        printed = list(map(_CODE, lines))
        amounts, invalid = line_amounts(lines, columns)
    if printed.__class__ is not list:
        printed = list(printed)
    entries, found, unique = entries_of(printed, catalog)
    if found:  # every line a clean code of the edition
        return Frame(table, lines, csv, columns, range(len(printed)), printed, entries, amounts, None, None, invalid,
                     unique), []
    findings: list[Finding] = []
    total: int | None = None
    unresolved = list(compress(count(), map(is_, entries, repeat(None))))
    if all(printed[i] is None for i in unresolved):  # only lines with no code: 合计, or uncoded
        for i in unresolved:
            total = _uncoded(table, lines[i], i, total, findings)
        pos: Sequence[int] = list(compress(count(), map(is_not, entries, repeat(None))))
        if not pos and findings and is_named_rows(table):  # read by name (rules.named): no uncoded-line each
            findings = [f for f in findings if f.rule != "uncoded-line"]
        codes = list(map(printed.__getitem__, pos))
        entries = list(map(entries.__getitem__, pos))
    else:
        looked_up = entries
        pos, codes, entries = [], [], []
        lei: str | None = None
        entry_of = catalog.entry
        for i, (code, entry) in enumerate(zip(printed, looked_up)):
            if code is None:
                total = _uncoded(table, lines[i], i, total, findings)
                continue
            if entry is None:  # not a clean legal code: normalise, or resolve a 2-digit 款
                line = lines[i]
                try:
                    code = normalize_code(code)
                except InvalidCodeError as exc:
                    findings.append(finding_for("unknown-code", table, line, f"{line.code!r} is not a code: {exc.reason}",
                                             f"“{line.code}”不是科目编码", name=line.name))
                    continue
                if len(code) == 2:
                    if lei is None:
                        findings.append(finding_for("orphan", table, line,
                                                 f"款 {code} has no 类 line above it to belong to",
                                                 f"款级编码 {code} 之前没有类级科目，无法确定其所属类", name=line.name))
                        continue
                    code = lei + code
                entry = entry_of(code)
            lei = code[:3]
            pos.append(i)
            codes.append(code)
            entries.append(entry)
    total_amounts = None if total is None else [col[total] for col in amounts]
    if len(pos) != len(printed):
        amounts = [list(map(col.__getitem__, pos)) for col in amounts] if pos else [[] for _ in amounts]
    return Frame(table, lines, csv, columns, pos, codes, entries, amounts, total, total_amounts, invalid,
                 len(set(codes)) == len(codes)), findings


def entries_of(printed: list[str | None], catalog: Catalog) -> tuple[list[Code | None], bool, bool]:
    """Each printed code's entry in the edition (None: not a clean code of it), whether every code has one, and
    whether no code repeats: one look-up per line, in C when built."""
    objs = catalog.entries
    entries, found, unique = look_up(printed, objs)
    if not found:  # codes met for the first time: build those the edition has, and look again
        known = catalog.store.codes
        new = {c for c, e in zip(printed, entries) if e is None and c.__class__ is str and c in known}
        for code in new:
            catalog.entry(code)
        if new:
            entries, found, unique = look_up(printed, objs)
    return entries, found, unique


#: how many named rows (beside the 合计) make a table read by name
MIN_NAMED_ROWS = 2


def is_named_rows(table: Table) -> bool:
    """Whether ``table`` is read by name: no line prints a code, one is its 合计, and at least
    :data:`MIN_NAMED_ROWS` others are named."""
    lines = table.lines
    if lines.__class__ is ColumnLines:
        if any(c is not None for c in lines.codes):
            return False
    elif any(ln.code is not None for ln in lines):
        return False
    named = [ln for ln in lines if not ln.total and ln.name]
    totals = [ln for ln in lines if ln.total]
    if not totals:
        return False
    # a table that prints only its 合计, of zeros (nothing budgeted: 政府性基金预算支出表 of a department
    # with no fund money) holds as the sum of no rows
    return len(named) >= MIN_NAMED_ROWS or (len(lines) == 1 and all(
        c.value == 0 for c in totals[0].cells.values() if c.value is not None))


def _uncoded(table: Table, line: Line, i: int, total: int | None, findings: list[Finding]) -> int | None:
    """A line with no code: the 合计 line (the last one wins), or a line the
    rules cannot check, which is reported rather than dropped."""
    if line.total or is_total_name(line.name):
        return i
    if table.classification in ("region", "items"):
        return total  # a region's row, an item's: no code is printed there, none is wanted
    findings.append(finding_for("uncoded-line", table, line,
                             f"line {line.number} ({line.name or 'no name'}) has no code and is not the 合计 line: "
                             "it is not checked",
                             f"第 {line.number} 行（{line.name or '无名称'}）没有科目编码，也不是合计行，未作校验",
                             name=line.name))
    return total

