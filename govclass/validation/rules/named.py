"""A table of amounts whose rows carry names, not codes (issue 25): read, and its 合计 checked against its
rows by name, never passed unread.

Guangzhou's 部门预算基本支出预算表 prints each budget unit on a row of its own, then that unit's spending
by economic class (工资福利支出, 商品和服务支出 …), and a 合计 row above them all; no code anywhere.  The
names tell the nesting: a row named as a class of the edition (a 类 or 款 of any classification) is a
part of the row above it that is not; the 合计 is the sum of those.  Where the names tell nothing (every
row a unit or a project), the table holds when its 合计 is the sum of its rows, or of the rows that are
each the sum of the rows under them (a unit over its projects).  A table none of these readings adds up
is reported as not summed (``unsummed-rows``, which leaves the document incomplete), never as an
error: the nesting is inferred, not printed, and an error is a proof.  What the readings confirm within
the rounding of the figures is said as ``rounding-difference``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.document import Cell, Line, Table, half_unit
from govclass.normalize import normalize_name
from govclass.rulebook import ERROR, WARNING, declare
from govclass.validation.report import Finding

__all__ = ["check_by_name"]

declare("unsummed-rows", WARNING, "sums",
        "(no codes) a table whose rows carry names, not codes, whose 合计 is neither the sum of its rows, nor of "
        "the rows its names or its sums show to be groups: its nesting cannot be told, its 合计 not checked; the "
        "document is incomplete",
        "表中各行只有名称没有科目编码，合计既不等于各行之和，也不等于按名称或按小计可识别的分组之和：无法确定层级，合计未核对；"
        "文档未读全", leaves_unread=True)

#: the levels whose names tell a class row (a part) from a group row (a unit, a project)
_CLASS_LEVELS = ("类", "款")

_NAMES: dict[int, frozenset[str]] = {}


def _class_names(catalog: Catalog) -> frozenset[str]:
    """The names of the edition's 类 and 款 (every classification), normalised."""
    key = id(catalog)
    if key not in _NAMES:
        from govclass.catalog import store as _store

        store = catalog.store
        _NAMES[key] = frozenset(normalize_name(rec[_store.R_NAME]) for rec in store.codes.values()
                                if rec[_store.R_LEVEL] in _CLASS_LEVELS)
    return _NAMES[key]


def check_by_name(table: Table, catalog: Catalog, tolerance: Decimal | None, compare) -> Iterator[Finding]:
    """The 合计 of a table read by name against its rows (see the module's docstring); ``compare`` is the
    roll-up's comparison of a total with its parts (govclass.validation.rules.sums.compare, passed in: the
    roll-up check calls this one)."""
    lines = list(table.lines)
    total = next(ln for ln in lines if ln.total)
    rows = [ln for ln in lines if not ln.total and ln.name]
    columns = table.summed_columns()
    classes = _class_names(catalog)
    is_class = [normalize_name(ln.name or "") in classes for ln in rows]
    if any(is_class) and not all(is_class) and not is_class[0]:
        said = list(_by_class_names(table, total, rows, is_class, columns, tolerance, compare))
        if not any(f.severity == ERROR for f in said):  # the nesting the names tell holds (within rounding)
            yield from said
            return
        # it does not: the names told a nesting the table does not have (其中 rows, numbered sections); the
        # figures are not proven wrong by a nesting govclass inferred, so the other readings are tried
    if all(_adds_up(total, rows, column, tolerance) for column in columns):
        return
    nested = _groups_by_sums(rows, columns, tolerance)
    if nested is not None and all(_adds_up(total, [g for g, _p in nested], column, tolerance) for column in columns):
        return
    first = columns[0] if columns else None
    shown = total.cells.get(first, _NONE).raw if first else None
    yield Finding("unsummed-rows", WARNING, table.name,
                  f"{table.name}: its {len(rows)} rows carry names, not codes, and its 合计 ({shown}) is neither their "
                  f"sum nor the sum of groups their names or subtotals show: the nesting cannot be told, the 合计 "
                  f"is not checked", f"{table.name}：{len(rows)} 行只有名称没有编码，合计（{shown}）既不等于各行之和，"
                  f"也不等于可识别分组之和：无法确定层级，合计未核对", line=total.number, source_line=total.source_line,
                  name=total.name, page=total.page, text=total.text, box=total.box, rests_on=(table,))


_NONE = Cell(None, None, 0)


def _by_class_names(table: Table, total: Line, rows: list[Line], is_class: list[bool], columns: tuple[str, ...],
                    tolerance: Decimal | None, compare) -> Iterator[Finding]:
    """The sums the names tell: 合计 = Σ the rows that are not classes, each = Σ the class rows under it."""
    groups: list[tuple[Line, list[Line]]] = []
    for ln, part in zip(rows, is_class):
        if part:
            groups[-1][1].append(ln)
        else:
            groups.append((ln, []))
    for column in columns:
        found = compare("rollup-mismatch", table, total, column, total.cells.get(column, _NONE),
                        [g.cells.get(column, _NONE) for g, _parts in groups], tolerance,
                        f"合计 ≠ sum of the {len(groups)} rows its class rows are under (by name)",
                        f"合计不等于 {len(groups)} 个分组行之和（按名称分组）", None, [g.name for g, _p in groups])
        if found is not None:
            yield found
        for group, parts in groups:
            if not parts:
                continue
            found = compare("rollup-mismatch", table, group, column, group.cells.get(column, _NONE),
                            [p.cells.get(column, _NONE) for p in parts], tolerance,
                            f"{group.name} ≠ sum of its {len(parts)} class rows (by name)",
                            f"{group.name}不等于其下 {len(parts)} 个分类行之和（按名称）", None, [p.name for p in parts])
            if found is not None:
                yield found


def _adds_up(total: Line, parts: list[Line], column: str, tolerance: Decimal | None) -> bool:
    """``total``'s figure in ``column`` is the sum of ``parts``' (within the rounding of them all)."""
    printed = total.cells.get(column, _NONE)
    cells = [p.cells.get(column, _NONE) for p in parts]
    values = [c for c in cells if c.value is not None]
    if printed.value is None:
        return True  # a blank total is not checked (as every sum)
    tol = tolerance if tolerance is not None else half_unit(printed.decimals) + sum(
        (half_unit(c.decimals) for c in values), Decimal(0))
    return abs(printed.value - sum((c.value for c in values), Decimal(0))) <= tol


def _groups_by_sums(rows: list[Line], columns: tuple[str, ...], tolerance: Decimal | None
                    ) -> list[tuple[Line, list[Line]]] | None:
    """The rows as groups, each row followed by the rows that add up to it in every column (a unit over
    its projects), when every row falls in one; None when they do not."""
    out: list[tuple[Line, list[Line]]] = []
    k = 0
    while k < len(rows):
        head = rows[k]
        stop = next((stop for stop in range(k + 2, len(rows) + 1)
                     if all(_adds_up(head, rows[k + 1:stop], c, tolerance) for c in columns)), None)
        if stop is None:
            return None
        out.append((head, rows[k + 1:stop]))
        k = stop
    return out
