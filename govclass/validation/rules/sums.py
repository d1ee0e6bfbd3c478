"""Sums down a table: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, within the rounding tolerance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.document import BLANK, Cell, Line, Table, half_unit
from govclass.rulebook import ERROR, INFO, declare
from govclass.speedups.twins import sums_differ
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check
from govclass.validation.report import Finding


declare("rollup-mismatch", ERROR, "sums", "类 ≠ Σ 款, 款 ≠ Σ 项 or 合计 ≠ Σ 类, beyond the rounding tolerance",
        "类不等于其款之和、款不等于其项之和或合计不等于各类之和，超出四舍五入容差")
declare("rounding-difference", INFO, "sums", "a sum is off, but within the rounding tolerance (尾差)",
        "合计与分项之差在四舍五入容差以内（尾差）")


_ZERO = Decimal(0)


def compare(rule: str, table: Table, line: Line, column: str, total: Cell, parts: list[Cell],
             tolerance: Decimal | None, what_en: str, what_zh: str, code: str | None) -> Finding | None:
    values = [p for p in parts if p.value is not None]
    if total.value is None or not values:
        return None
    actual = sum((p.value for p in values), _ZERO)  # type: ignore[misc]
    diff = total.value - actual
    if diff == 0:
        return None
    tol = tolerance if tolerance is not None else half_unit(total.decimals) + sum((half_unit(p.decimals) for p in values), _ZERO)
    if abs(diff) > tol:
        return finding_for(rule, table, line,
                        f"{what_en}, {column}: printed {total.value}, parts add up to {actual} "
                        f"(difference {diff}, tolerance {tol} {table.unit})",
                        f"{what_zh}，{column}栏：列示 {total.value}，分项合计 {actual}（差额 {diff}，容差 {tol}{table.unit}）",
                        code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                        difference=diff, tolerance=tol)
    return finding_for("rounding-difference", table, line,
                    f"{what_en}, {column}: differs from its parts by {diff}, within the rounding tolerance {tol}",
                    f"{what_zh}，{column}栏：与分项差 {diff}，在四舍五入容差 {tol} 以内（尾差）",
                    code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                    difference=diff, tolerance=tol)



@check("rollup", order=60)
def rule_rollup(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, for every column.  A blank parent cell
    is not checked (tables leave sub-columns of class rows blank).

    A screen (:func:`sums_differ`) picks the groups whose printed parent
    differs from the sum of their rows; only those go to compare."""
    gr = frame.groups()
    if not gr.order:
        return
    order, keys = gr.order, gr.keys
    total = frame.total_amounts
    flagged: list[tuple[int, int, int]] = []  # (line index of the parent, column, group)
    for c, differ in enumerate(sums_differ(frame.amounts, order, gr.starts, gr.ends, gr.parents, total)):
        for g in differ:
            p = gr.parents[g]
            flagged.append((frame.total if p == gr.total else frame.pos[p], c, g))  # type: ignore[arg-type]
    flagged.sort()
    table = frame.table
    for i, c, g in flagged:
        line = frame.lines[i]
        kids = [frame.line(r) for r in order[gr.starts[g]:gr.ends[g]]]
        parent, k, column = keys[g], len(kids), table.columns[c]
        if parent:
            what_en, what_zh = f"{parent} ≠ sum of its {k} sub-lines", f"{parent} 不等于其 {k} 个下级科目之和"
        else:
            what_en, what_zh = f"合计 ≠ sum of the {k} 类 lines", f"合计不等于 {k} 个类级科目之和"
        f = compare("rollup-mismatch", table, line, column, line.cells.get(column, BLANK),
                     [kid.cells.get(column, BLANK) for kid in kids], tolerance, what_en, what_zh, parent or None)
        if f is not None:
            yield f

