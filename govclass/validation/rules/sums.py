"""Sums down a table: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, within the rounding tolerance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.document import BLANK, Cell, Line, Table, half_unit
from govclass.rulebook import ERROR, INFO, declare
from govclass.speedups.twins import sum_key, sums_differ
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
    return sum_finding(rule, table, line, column, total.value, actual, diff, tol, what_en, what_zh, code)


def sum_finding(rule: str, table: Table, line: Line, column: str, printed: Decimal, actual: Decimal, diff: Decimal,
                tol: Decimal, what_en: str, what_zh: str, code: str | None) -> Finding:
    """The finding of a total printed as ``printed`` whose parts add up to
    ``actual`` (``diff`` apart, not zero): ``rule`` beyond the tolerance,
    rounding-difference within it (govclass.stream reports with it too)."""
    if abs(diff) > tol:
        return finding_for(rule, table, line,
                        f"{what_en}, {column}: printed {printed}, parts add up to {actual} "
                        f"(difference {diff}, tolerance {tol} {table.unit})",
                        f"{what_zh}，{column}栏：列示 {printed}，分项合计 {actual}（差额 {diff}，容差 {tol}{table.unit}）",
                        code=code, name=line.name, column=column, expected=str(actual), actual=str(printed),
                        difference=diff, tolerance=tol)
    return finding_for("rounding-difference", table, line,
                    f"{what_en}, {column}: differs from its parts by {diff}, within the rounding tolerance {tol}",
                    f"{what_zh}，{column}栏：与分项差 {diff}，在四舍五入容差 {tol} 以内（尾差）",
                    code=code, name=line.name, column=column, expected=str(actual), actual=str(printed),
                    difference=diff, tolerance=tol)


def misses_a_line(key: str | None, unplaced: "list[str]", keys: "list[str]") -> bool:
    """Whether the group of printed parent ``key`` misses a line whose code
    entered no sum (301 2 津贴补贴 printed for 301 02: "3012"): ``key`` is the
    longest printed parent its digits begin with.  The 合计 is never such a
    group (an unplaced 项 line is not one of its 类 lines)."""
    if not key:
        return False
    for u in unplaced:
        if u.startswith(key) and u != key and not any(len(k) > len(key) and u.startswith(k) and u != k for k in keys):
            return True
    return False


def rollup_what(parent: str, k: int) -> tuple[str, str]:
    """What a roll-up finding says is off: a parent line ("" for the 合计) and its ``k`` parts."""
    if parent:
        return f"{parent} ≠ sum of its {k} sub-lines", f"{parent} 不等于其 {k} 个下级科目之和"
    return f"合计 ≠ sum of the {k} 类 lines", f"合计不等于 {k} 个类级科目之和"



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
    if flagged:  # lines printed with a code that entered no sum (reported as not a code) are missing from one
        resolved = set(frame.pos)
        unplaced = [ln.code for j, ln in enumerate(frame.lines)
                    if j not in resolved and ln.code is not None and not ln.total and ln.code.isdigit()]
        unplaced += [code for code, entry in zip(frame.codes, frame.entries)
                     if entry is None and code and sum_key(code) is None]
        printed_keys = [k for k in keys if k]
    for i, c, g in flagged:
        if unplaced and misses_a_line(keys[g], unplaced, printed_keys):
            continue  # one defect, one finding: the sum misses a line already reported as not a code
        line = frame.lines[i]
        kids = [frame.line(r) for r in order[gr.starts[g]:gr.ends[g]]]
        parent, column = keys[g], table.columns[c]
        what_en, what_zh = rollup_what(parent, len(kids))
        f = compare("rollup-mismatch", table, line, column, line.cells.get(column, BLANK),
                     [kid.cells.get(column, BLANK) for kid in kids], tolerance, what_en, what_zh, parent or None)
        if f is not None:
            yield f

