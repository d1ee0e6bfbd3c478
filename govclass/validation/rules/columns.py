"""Sums across a table: on every line, the total column = Σ its part columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import compress, count, repeat
from operator import add, ne

from govclass.catalog import Catalog
from govclass.document import BLANK, Line
from govclass.rulebook import ERROR, declare
from govclass.speedups.twins import rows_across
from govclass.validation.frame import Frame
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding
from govclass.validation.rules.sums import compare


_ZERO = Decimal(0)

declare("column-mismatch", ERROR, "columns", "a column relation (合计 = 基本支出 + 项目支出) fails beyond the tolerance",
        "栏间关系（合计 = 基本支出 + 项目支出）不成立，超出容差")


@check("columns", order=70)
def rule_columns(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """column-mismatch: on every line, total column = Σ part columns."""
    table = frame.table
    if not table.relations:
        return
    index = {c: i for i, c in enumerate(frame.columns)}
    amounts = frame.amounts
    for rel in table.relations:
        name, parts = rel.total, rel.parts
        if name not in index or not all(p in index for p in parts):
            continue  # a percentage, count or text column is in no sum (relations_for keeps amounts only)
        ti, pis = index[name], [index[p] for p in parts]
        suspects: list[tuple[Line, str | None]] = []
        t = frame.total_amounts
        if t is not None and t[ti] != sum(map(t.__getitem__, pis), _ZERO):
            suspects.append((frame.lines[frame.total], None))  # type: ignore[index]
        if len(pis) == 2:  # the common 合计 = 基本支出 + 项目支出
            sums: Iterable[Decimal] = map(add, amounts[pis[0]], amounts[pis[1]])
        elif pis:
            sums = map(sum, zip(*(amounts[p] for p in pis)))
        else:
            sums = repeat(_ZERO)
        suspects.extend((frame.line(r), frame.codes[r]) for r in compress(count(), map(ne, amounts[ti], sums)))
        for line, code in suspects:
            cells = line.cells
            f = compare("column-mismatch", table, line, name, cells.get(name, BLANK),
                         [cells.get(p, BLANK) for p in parts], tolerance,
                         f"{name} ≠ {' + '.join(parts)}", f"{name}不等于{'+'.join(parts)}", code, parts)
            if f is not None:
                yield f



@screen("columns")
def unequal_rows(block) -> list[int]:
    """The rows rule_columns looks at: a line whose total column is not the sum of its part columns (the same
    screen, over every table of the block at once)."""
    index = {c: i for i, c in enumerate(block.columns)}
    return rows_across(block.amounts, [[index[r.total], *(index[p] for p in r.parts)] for r in block.relations
                                       if r.total in index and all(p in index for p in r.parts)])
