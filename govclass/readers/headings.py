"""Amount columns named and related by the header above them, one rule for
every reader that sees a table's header tree (govclass.readers.pdf, whose
rule this is, and govclass.readers.sheettables).  A column's label is its
header cells top to bottom joined by "/" (本年支出/基本支出/小计)."""

from __future__ import annotations

from collections.abc import Callable

from govclass.document import Relation
from govclass.vocabulary import SUM_WORDS, TOTAL_COLUMN_NAMES, fold_cell as _fold

__all__ = ["unique_column_names", "column_name", "header_relations", "of_which_relations", "standard_names"]


def unique_column_names(labels: list[str], columns: list[int]) -> list[str]:
    """The names of ``columns`` from their header labels, a repeated name
    marked with a prime (基本支出, 基本支出')."""
    names: list[str] = []
    for k in columns:
        nm = column_name(labels[k], k)
        while nm in names:
            nm += "'"
        names.append(nm)
    return names


def column_name(label: str, k: int) -> str:
    """A column's name: the lowest header cell above it; a 小计 is named by
    its parent (基本支出/小计 is the 基本支出 column)."""
    parts = [p for p in label.split("/") if p and p not in ("金额", "预算数", "本年预算", "决算数")]
    if not parts:
        return label.split("/")[-1] or f"第{k + 1}栏"
    if parts[-1] == "小计" and len(parts) > 1:
        return parts[-2]
    return parts[-1]


def header_relations(labels: list[str], names: list[str]) -> tuple[Relation, ...]:
    """Column relations from the header tree, only where it leaves no doubt.
    A column headed 合计/小计/总计 adds up its siblings (the columns that
    share its parent header); a sibling that has columns under it counts by
    its own 小计/合计 column, and when it has none no relation is made.
    Nothing under a 其中 heading is added."""
    paths = [lab.split("/") for lab in labels]
    rels: list[Relation] = []

    def is_sum(part: str) -> bool:
        return any(part.endswith(w) for w in SUM_WORDS)

    for i, path in enumerate(paths):
        if not is_sum(path[-1]) or any("其中" in p for p in path):
            continue
        parent = path[:-1]
        depth = len(parent)
        groups: dict[str, list[int]] = {}
        for j, q in enumerate(paths):
            if j != i and len(q) > depth and q[:depth] == parent:
                groups.setdefault(q[depth], []).append(j)
        if len(groups) < 2 and not (len(groups) == 1 and len(next(iter(groups.values()))) == 1):
            continue
        parts_: list[int] = []
        ok = True
        for head, members in groups.items():
            if "其中" in head:
                continue
            if len(members) == 1 and not is_sum(head):
                parts_.append(members[0])
                continue
            subtotal = [j for j in members if is_sum(paths[j][-1]) and len(paths[j]) == depth + 2]
            if len(subtotal) == 1:
                parts_.append(subtotal[0])
            else:
                ok = False
                break
        if ok and len(parts_) >= 2:
            rels.append(Relation(names[i], tuple(names[j] for j in parts_)))
    return tuple(rels)


def of_which_relations(labels: list[str], names: list[str]) -> tuple[Relation, ...]:
    """Relations the header suggests but does not settle: a 合计/小计 column
    beside a 其中 heading over two or more columns, the only columns of their
    parent (小计 | 其中: 基本支出 | 项目支出).  "Of which" need not be the whole:
    the caller keeps one only where the table shows it holds."""
    paths = [lab.split("/") for lab in labels]
    out = []
    for i, path in enumerate(paths):
        if not any(path[-1].endswith(w) for w in SUM_WORDS) or any("其中" in p for p in path):
            continue
        parent = path[:-1]
        parts = [j for j, q in enumerate(paths) if len(q) == len(parent) + 2 and q[:len(parent)] == parent
                 and "其中" in q[len(parent)]]
        if len(parts) >= 2 and len(parts) + 1 == sum(1 for q in paths if q[:len(parent)] == parent):
            out.append(Relation(names[i], tuple(names[j] for j in parts)))
    return tuple(out)




def standard_names(names: list[str], standard: tuple[str, ...], synonym: Callable[[str], str | None]) -> list[str]:
    """The printed column names as the standard table's columns where they
    say the same ("支出总计" is the 合计 of a 支出总表, "其中:基本支出" its
    基本支出), so that the tables can be checked against each other."""
    out: list[str] = []
    for i, nm in enumerate(names):
        f = _fold(nm).replace("其中:", "").replace("其中：", "").strip("'")
        col = next((c for c in standard if _fold(c) == f), None)
        if col is None and synonym(f) in standard:
            col = synonym(f)
            if col == "合计" and i != 0:
                col = None  # a 小计 further right is some group's, not the table's
        if col is None and i == 0 and f in TOTAL_COLUMN_NAMES and standard and standard[0] in TOTAL_COLUMN_NAMES:
            col = standard[0]
        if col is None and len(names) == 1 and standard:
            col = standard[0]  # the one figure column of the table is its total
        if col is None or col in out:
            col = nm
        while col in out:
            col += "'"
        out.append(col)
    return out
