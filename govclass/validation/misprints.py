"""One misprinted figure, one finding.

A figure printed wrong by ``e`` breaks every identity it is in: its line's
column relation (合计 = 基本支出 + 项目支出), the roll-up of its parent in its
column, and, for a 类 or 款 line, the roll-up of its own sub-lines in its
column.  Each check reports its own failure, so one misprint used to give two
or three errors.

:func:`merge_misprints` reads the findings of one table and, where a line's
``column-mismatch`` and the roll-ups it touches are all off by what one
misprinted figure of that line would make them (the same amount, with the
signs that figure implies, up to the rounding tolerance of the checks), keeps the ``column-mismatch`` (it names the line)
and says which figure looks misprinted, and drops the roll-ups it explains.
When two figures of the line could explain the findings equally, or the
amounts do not match, nothing is merged: every finding stays.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govclass.catalog import Catalog
from govclass.document import Relation
from govclass.validation.report import ERROR, Finding

__all__ = ["merge_misprints"]


def merge_misprints(findings: list[Finding], relations: tuple[Relation, ...], catalog: Catalog) -> list[Finding]:
    """``findings`` of one table with each misprint's findings merged into one."""
    columns = [f for f in findings if f.rule == "column-mismatch" and f.severity == ERROR and f.difference is not None]
    if not columns:
        return findings
    rollups: dict[tuple[str | None, str | None], Finding] = {}
    for f in findings:
        if f.rule == "rollup-mismatch" and f.severity == ERROR and f.difference is not None:
            rollups.setdefault((f.code, f.column), f)
    if not rollups:
        return findings
    by_total = {r.total: r for r in relations}
    dropped: set[int] = set()  # id() of the findings merged away
    replaced: dict[int, Finding] = {}
    claimed: set[tuple[int | None, str, Decimal]] = set()  # (line, column, error) of a misprint already said
    for f in columns:
        rel = by_total.get(f.column)  # type: ignore[arg-type]
        if rel is None:
            continue
        if f.code is None:  # the 合计 line: no parent, its own group is the 类 lines
            parent: object = _NONE
        else:
            entry = catalog.get(f.code)
            if entry is None:
                continue
            parent = entry.parent  # None (the 合计 line's roll-up) for a 类
        readings = []
        for x in (rel.total, *rel.parts):
            e = f.difference if x == rel.total else -f.difference  # type: ignore[operator]
            if (f.line, x, e) in claimed:
                readings = [(x, e, [])]
                break
            explained = [r for r, want in ((rollups.get((parent, x)), -e), (rollups.get((f.code, x)), e))
                         if r is not None and id(r) not in dropped and _same(r, want, f)]
            if explained:
                readings.append((x, e, explained))
        if len(readings) != 1:
            continue
        x, e, explained = readings[0]
        if not explained:  # a second relation of the line broken by the misprint already said
            dropped.add(id(f))
            continue
        claimed.add((f.line, x, e))
        dropped.update(id(r) for r in explained)
        who_en = " and ".join(r.code or "the 合计 line" for r in explained)
        who_zh = "、".join(r.code or "合计行" for r in explained)
        replaced[id(f)] = attrs.evolve(
            f,
            message=f"{f.message}; the figure {x} of this line looks misprinted (by about {e}): it also puts the "
                    f"{x} roll-up of {who_en} off by as much",
            message_zh=f"{f.message_zh}；本行{x}栏数字疑有误（约差 {e}），{who_zh} 的{x}栏汇总因此也不平")
    return [replaced.get(id(f), f) for f in findings if id(f) not in dropped]


_NONE = object()  # no roll-up above the line


def _same(r: Finding, want: Decimal, f: Finding) -> bool:
    """Whether roll-up ``r`` is off by ``want`` up to the rounding both
    checks allow (each figure is off by up to half a unit of its last place)."""
    slack = (r.tolerance or 0) + (f.tolerance or 0)
    return abs(r.difference - want) <= slack  # type: ignore[operator]
