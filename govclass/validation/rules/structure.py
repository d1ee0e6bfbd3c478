"""The layout of a table: parents printed, lines at their code's level."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import compress, count, repeat
from operator import eq, itemgetter

from govclass.catalog import Catalog
from govclass.document import Line
from govclass.catalog.store import LEVEL_OF_LENGTH
from govclass.rulebook import ERROR, INFO, WARNING, declare
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding


declare("missing-parent", WARNING, "structure", "a 款/项 line whose 类/款 line is not in the table",
        "款、项级科目的上级类、款未在表中列示")
declare("flat-code-list", INFO, "structure",
        "a table that prints no 类/款 line above any of its codes (a flat list by layout, such as a list of 项 "
        "only): roll-up through 类/款 cannot be checked; said once for the table, not per line",
        "表中所有科目均未列示上级类、款（版式即为平铺列表，如仅列项级）：无法逐级核对汇总；按表提示一次，不逐行提示")
declare("level-misplaced", ERROR, "structure",
        "the layout puts the line at another level than its code (a 项 code where a 款 row stands)",
        "版式所示级次与编码级次不符（项级编码列在款级位置等）")


_LEVEL = itemgetter(6)


@check("structure", order=40)
def rule_structure(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """missing-parent: a 款/项 line whose 类/款 is not printed (reported once
    per missing parent, on its first child)."""
    groups = frame.groups()
    absent = groups.absent
    if absent not in groups.parents:
        return
    orphans = sorted(compress(count(), map(eq, groups.parents, repeat(absent))),  # ints: ==, not is (only small ints are one object)
                     key=lambda g: groups.order[groups.starts[g]])
    keyed = [g for g in orphans if groups.keys[g]]
    if is_flat_list(len(keyed), sum(1 for k in groups.keys if k)):
        r = groups.order[groups.starts[keyed[0]]]
        # the resolved code (a 2-digit 款 under its 类), as missing-parent and the streaming path give it
        yield flat_list_finding(frame.table, frame.line(r)._replace(code=frame.codes[r]), len(keyed))
        return
    for g in orphans:
        parent = groups.keys[g]
        if not parent:  # the 合计 line: tables need not print one
            continue
        r = groups.order[groups.starts[g]]
        code, line = frame.codes[r], frame.line(r)
        yield finding_for("missing-parent", frame.table, line,
                       f"{code} is printed without its parent line {parent}",
                       f"{code} 的上级科目 {parent} 未列示", code=code, name=line.name,
                       expected=parent)




@screen("structure")
def unparented_rows(block) -> list[int]:
    """The rows rule_structure may speak of: a code whose 类 or 款 its table does not print (and a code printed
    twice, whose table is grouped by its first printing)."""
    off = block.off()
    return off.unparented + off.repeated


def is_flat_list(orphan_groups: int, parent_groups: int) -> bool:
    """A table prints a flat list by layout when it prints no parent line for
    any of its codes (two groups at least, every one without its 类/款 line);
    a table that prints parents for some codes and not for others does not."""
    return orphan_groups >= 2 and orphan_groups == parent_groups


def flat_list_finding(table, first: Line, groups: int) -> Finding:
    """Said of the table (its page, for a PDF), not of a line."""
    return finding_for("flat-code-list", table, None,
                       f"the table prints no 类/款 line above any of its codes ({groups} groups): a flat list by "
                       f"layout; roll-up through 类/款 cannot be checked",
                       f"表中所有科目（{groups} 组）均未列示上级类、款，版式为平铺列表；无法逐级核对汇总",
                       **({"page": first.page} if first.page is not None else {}))


@screen("level")
def misplaced_rows(block) -> tuple[()]:
    """None: a block's tables are a CSV file's, which prints no layout (rule_level's own first test)."""
    return ()


@check("level", order=50)
def rule_level(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """level-misplaced: where the reader knows the level the layout gives a
    line (indentation, the 类/款/项 column), it must be its code's level."""
    lines = frame.lines
    if frame.csv is not None:  # a CSV table prints no layout
        return
    if not any(map(_LEVEL, lines)):
        return
    levels = list(map(_LEVEL, lines))
    for r, (i, code) in enumerate(zip(frame.pos, frame.codes)):
        printed = levels[i]
        if printed is None:
            continue
        level = LEVEL_OF_LENGTH.get(len(code))
        if level is not None and printed != level:
            line = lines[i]
            yield finding_for("level-misplaced", frame.table, line,
                           f"{code} is a {level} code printed where a {printed} row stands",
                           f"{code} 是{level}级科目，却列在{printed}级位置", code=code, name=line.name,
                           expected=printed, actual=level)

