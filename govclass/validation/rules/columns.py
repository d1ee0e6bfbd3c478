"""Sums across a table: on every line, the total column = Σ its part columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.document import BLANK, Line, Relation
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
    for rel, (ti, *pis) in summed_relations(table.relations, frame.columns):
        name, parts = rel.total, rel.parts
        suspects: list[tuple[Line, str | None]] = []
        t = frame.total_amounts
        if t is not None and t[ti] != sum(map(t.__getitem__, pis), _ZERO):
            suspects.append((frame.lines[frame.total], None))  # type: ignore[index]
        suspects.extend((frame.line(r), frame.codes[r]) for r in rows_across(frame.amounts, [[ti, *pis]]))
        for line, code in suspects:
            cells = line.cells
            f = compare("column-mismatch", table, line, name, cells.get(name, BLANK),
                         [cells.get(p, BLANK) for p in parts], tolerance,
                         f"{name} ≠ {' + '.join(parts)}", f"{name}不等于{'+'.join(parts)}", code, parts)
            if f is not None:
                yield f


def summed_relations(relations: Iterable[Relation], columns: tuple[str, ...]) -> list[tuple[Relation, list[int]]]:
    """Each relation whose columns all add up (``columns``: a percentage, count or text column is in no sum, and
    relations_for keeps amounts only), with the indices in ``columns`` of its total and then its parts."""
    index = {c: i for i, c in enumerate(columns)}
    return [(rel, [index[rel.total], *(index[p] for p in rel.parts)]) for rel in relations
            if rel.total in index and all(p in index for p in rel.parts)]


@screen("columns")
def unequal_rows(block) -> list[int]:
    """The rows rule_columns looks at: a line whose total column is not the sum of its part columns (the same
    screen, over every table of the block at once)."""
    return rows_across(block.amounts, [at for _rel, at in summed_relations(block.relations, block.columns)])
