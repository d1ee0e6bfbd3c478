"""Amount columns named and related by the header above them, one rule for
every reader that sees a table's header tree (govclass.readers.pdfgrid, whose
rule this is, and govclass.readers.sheettables).  A column's label is its
header cells top to bottom joined by "/" (本年支出/基本支出/小计)."""

from __future__ import annotations

from govclass.document import Relation

__all__ = ["unique_column_names", "column_name", "header_relations"]


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


_SUM_WORDS = ("合计", "小计", "总计")


def header_relations(labels: list[str], names: list[str]) -> tuple[Relation, ...]:
    """Column relations from the header tree, only where it leaves no doubt.
    A column headed 合计/小计/总计 adds up its siblings (the columns that
    share its parent header); a sibling that has columns under it counts by
    its own 小计/合计 column, and when it has none no relation is made.
    Nothing under a 其中 heading is added."""
    paths = [lab.split("/") for lab in labels]
    rels: list[Relation] = []

    def is_sum(part: str) -> bool:
        return any(part.endswith(w) for w in _SUM_WORDS)

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
