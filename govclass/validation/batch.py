"""Tables checked together: the tables read from one block of a file screened in one pass over its lines.

A CSV file of a million budget lines holds some seventeen thousand tables of sixty lines. Checked one by one,
each table pays the fixed cost of every check (resolving its codes, grouping its rows, each rule's own set-up)
more than the cost of its lines. The reader keeps the lines of the tables it read from one block of the file
as one set of columns (:attr:`govclass.document.ColumnLines.block`); here those columns are read once, by
each check's screen (``@screen`` beside the check, govclass.validation.registry), and only the tables on
which some screen finds a row to look at go through the checks one by one. The others are tables no check
has anything to say of: the report is the same, finding for finding (tests/test_batch.py holds the two
ways to it on every kind of fault).

What a screen may assume of the block: a table with a line that prints no code of the edition, other than one
合计 line, is checked one by one whatever the screens say (resolving its codes says things); the tables are a
CSV file's (no layout, no page) and have the same columns, relations and classification.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import chain, compress, count, repeat
from operator import is_
from typing import NamedTuple

import attrs

from govclass.catalog import Catalog
from govclass.document import ColumnLines, Relation, Table, is_total_name
from govclass.model import Classification
from govclass.speedups.twins import tables_off
from govclass.validation.frame import entries_of
from govclass.validation.relations import relations_for
from govclass.validation.rules.codes import wanted_classifications

__all__ = ["Block", "quiet_tables"]


class Off(NamedTuple):
    """What the lines of a block's tables say, found in one pass (twins.py_tables_off): the rows of a code
    printed before in its table, whose parent the table does not print, that print a parent its rows do not add
    up to, whose name is not the code's, whose code is notable (Catalog.notable: of another classification than
    the tables', or of low confidence)."""

    repeated: list[int]
    unparented: list[int]
    unequal: list[int]
    renamed: list[int]
    notable: list[int]


@attrs.define(slots=True)
class Block:
    """The lines of the tables read from one block of a file, as the screens read them: ``bounds[t]`` to
    ``bounds[t + 1]`` are table ``t``'s rows."""

    tables: list[Table]
    bounds: list[int]
    codes: list[str | None]
    names: list[str | None]
    entries: list  # each code's entry in the edition, None for a line that prints none
    columns: tuple[str, ...]  # the columns that add up (Table.summed_columns)
    amounts: list[list[Decimal]] | list[list[int]]  # per column, 0 for a blank or invalid cell
    invalid: list[int]  # rows with a cell that is not a number
    relations: tuple[Relation, ...]  # every table's relations
    wanted: frozenset[Classification]  # the classifications the tables' codes may be of
    catalog: Catalog
    totals: list[int]  # per table, the row of its 合计 line, -1 when it prints none
    unresolved: list[int]  # the rows that print no code of the edition, but for a table's one 合计 line
    _off: Off | None = None

    @classmethod
    def of(cls, tables: list[Table], relations: tuple[Relation, ...], wanted: frozenset[Classification],
           catalog: Catalog) -> "Block":
        """The block of ``tables``, which follow each other in one block of lines (ColumnLines.block)."""
        lines: ColumnLines = tables[0].lines  # type: ignore[assignment]
        a, b = lines.start, tables[-1].lines.start + len(tables[-1].lines)  # type: ignore[union-attr]
        whole: ColumnLines = lines.block  # type: ignore[assignment]
        block = ColumnLines(whole.codes[a:b], whole.names[a:b], {c: f[a:b] for c, f in whole.raw.items()},
                            whole.source_lines[a:b])
        codes = block.codes if block.codes.__class__ is list else list(block.codes)
        entries, found, _unique = entries_of(codes, catalog)
        columns = tables[0].summed_columns()
        amounts, invalid = block.screen_amounts(columns)
        bounds = [t.lines.start - a for t in tables] + [b - a]  # type: ignore[union-attr]
        names = block.names if block.names.__class__ is list else list(block.names)
        totals, unresolved = ([-1] * len(tables), []) if found else _total_lines(codes, names, entries, bounds)
        return cls(tables, bounds, codes, names, entries, columns, amounts, invalid, relations, wanted, catalog,
                   totals, unresolved)

    def off(self) -> Off:
        if self._off is None:
            self._off = Off(*tables_off(self.entries, self.codes, self.names, self.catalog.notable(self.wanted),
                                        self.amounts, self.bounds, self.totals))
        return self._off

    def tables_at(self, rows: Iterable[int]) -> set[int]:
        """The tables (their index in :attr:`tables`) of ``rows``."""
        return {t - 1 for t in map(bisect_right, repeat(self.bounds), rows)}


def quiet_tables(tables: Sequence[Table], runs: Callable[[Table], bool], given: tuple[Relation, ...],
                 catalog: Catalog, screens: Iterable[Callable]) -> set[int]:
    """The positions in ``tables`` of the tables none of the checks of ``screens`` says anything of, as their
    screens find them over each block of lines; ``runs(table)``: whether the table may be screened (checked
    against ``catalog`` by exactly those checks); ``given``: the relations validate() was given."""
    screens = list(screens)
    quiet: set[int] = set()
    at = 0
    while at < len(tables):
        lines = tables[at].lines
        if lines.__class__ is not ColumnLines or lines.block is None or lines.start != 0:  # type: ignore[union-attr]
            at += 1
            continue
        block = lines.block  # type: ignore[union-attr]
        end, stop = at, 0
        while end < len(tables) and tables[end].lines.__class__ is ColumnLines \
                and tables[end].lines.block is block and tables[end].lines.start == stop:  # type: ignore[union-attr]
            stop += len(tables[end].lines)
            end += 1
        mine = list(tables[at:end])
        if stop == len(block) and all(map(runs, mine)) and _alike(mine):
            first = mine[0]
            relations, wanted = relations_for(first, given)[0], wanted_classifications(first)
            for a, b in _parts(mine):  # a few thousand lines at a time: the screens' memory stays small
                found = Block.of(mine[a:b], relations, wanted, catalog)
                loud = found.tables_at(chain(found.unresolved, *(fn(found) for fn in screens)))
                quiet.update(at + a + t for t in range(b - a) if t not in loud)
        at = end
    return quiet


#: lines screened at a time (whole tables; a table of more lines alone): a frame's million lines in one block
#: would hold a million amounts per column at once
PART_LINES = 8_192


def _parts(tables: list[Table]) -> Iterator[tuple[int, int]]:
    """``tables`` cut into runs of whole tables of about :data:`PART_LINES` lines: (first, end) of each."""
    first, lines = 0, 0
    for i, table in enumerate(tables):
        lines += len(table.lines)
        if lines >= PART_LINES:
            yield first, i + 1
            first, lines = i + 1, 0
    if first < len(tables):
        yield first, len(tables)


def _alike(tables: list[Table]) -> bool:
    """Whether the tables of a block are checked alike: the same columns, kinds of column, relations and
    classification (so the same relations are inferred for each)."""
    first = tables[0]
    if first.kinds is None:  # kinds told from each table's own lines: its relations may be its own
        return False
    shape = (first.kind, first.relations, first.columns, first.kinds, first.classification)
    return all((t.kind, t.relations, t.columns, t.kinds, t.classification) == shape for t in tables)


def _total_lines(codes: list[str | None], names: list[str | None], entries: list, bounds: list[int]
                 ) -> tuple[list[int], list[int]]:
    """Per table, the row of its 合计 line (-1: none), and the rows that print no code of the edition other than
    those: a table's one line of no code named as a total is its 合计 (frame_of's resolution, which says nothing
    of it); any other such line, or a second, is something resolving says."""
    totals = [-1] * (len(bounds) - 1)
    unresolved: list[int] = []
    for r in compress(count(), map(is_, entries, repeat(None))):
        t = bisect_right(bounds, r) - 1
        if codes[r] is None and is_total_name(names[r]) and totals[t] == -1:
            totals[t] = r
        else:
            unresolved.append(r)
    return totals, unresolved
