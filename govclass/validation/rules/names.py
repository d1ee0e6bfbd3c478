"""The names printed against the edition's names."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import compress, count, repeat
from operator import itemgetter, ne

from govclass.catalog import Catalog
from govclass.catalog.matching import similarity
from govclass.document import Line, Table
from govclass.model import Code
from govclass.normalize import normalize_name
from govclass.rulebook import ERROR, WARNING, declare
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check
from govclass.validation.report import Finding
from govclass.validation.rules.codes import wanted_classifications


declare("name-mismatch", ERROR, "names", "the printed name is another code's (which one is said), or unrelated",
        "列示的名称是另一科目的名称（指明是哪一个），或与本科目无关")
declare("name-variant", WARNING, "names", "the same name in another spelling, truncated, or an older/alternative wording",
        "名称写法不同、不完整，或为旧称、别称")


_NAME = itemgetter(1)


@check("names", order=30)
def rule_names(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """name-mismatch and name-variant, per code (names are not unique)."""
    lines, pos, entries = frame.lines, frame.pos, frame.entries
    names = frame.csv.names if frame.csv is not None else list(map(_NAME, lines))
    if len(pos) != len(names):
        names = list(map(names.__getitem__, pos))
    official = map(getattr, entries, repeat("name"), repeat(None))
    wanted = wanted_classifications(frame.table)
    for r in compress(count(), map(ne, names, official)):
        entry = entries[r]
        if entry is None or not names[r] or entry.classification not in wanted:
            continue
        finding = name_finding(frame.table, frame.line(r), frame.codes[r], entry, catalog)
        if finding is not None:
            yield finding


def name_finding(table: Table, line: Line, code: str, entry: Code, catalog: Catalog) -> Finding | None:
    printed = normalize_name(line.name)  # type: ignore[arg-type]
    official = normalize_name(entry.name)
    if printed == official:
        if line.name.strip() == entry.name:  # type: ignore[union-attr]
            return None
        return finding_for("name-variant", table, line,
                        f"{code}: {line.name!r} is {entry.name} spelled differently",
                        f"{code}：“{line.name}”与规范名称“{entry.name}”写法不同",
                        code=code, name=line.name, expected=entry.name, actual=line.name)
    # The name of another code of the same classification (a sibling first)?
    owners = catalog.codes_named(line.name, entry.classification)  # type: ignore[arg-type]
    if owners:
        owners.sort(key=lambda c: (c.parent != entry.parent, c.code))
        other = owners[0]
        return finding_for("name-mismatch", table, line,
                        f"{code} is {entry.name}; {line.name!r} is the name of {other.code}",
                        f"{code} 应为“{entry.name}”；“{line.name}”是 {other.code} 的名称",
                        code=code, name=line.name, expected=entry.name, actual=line.name,
                        suggestions=tuple(c.code for c in owners[:3]))
    if official.startswith(printed) and len(printed) >= 4:
        kind_en, kind_zh = "truncated", "名称不完整"
    elif similarity(printed, official) >= 0.6:
        kind_en, kind_zh = "an older or alternative wording", "旧称或别称"
    else:
        # Unrelated to the code's own name: which codes is it named like?
        alike = [h.code for h in catalog.search(line.name, classification=entry.classification, limit=3,  # type: ignore[arg-type]
                                                min_score=0.35)]
        hint = "; ".join(f"{c.code} {c.name}" for c in alike)
        return finding_for("name-mismatch", table, line,
                        f"{code} is {entry.name}, not {line.name!r}" + (f" (named like: {hint})" if hint else ""),
                        f"{code} 应为“{entry.name}”，而非“{line.name}”" + (f"（名称近似：{hint}）" if hint else ""),
                        code=code, name=line.name, expected=entry.name, actual=line.name,
                        suggestions=tuple(c.code for c in alike))
    return finding_for("name-variant", table, line, f"{code}: {line.name!r} looks like {kind_en} of {entry.name}",
                    f"{code}：“{line.name}”疑为“{entry.name}”的{kind_zh}",
                    code=code, name=line.name, expected=entry.name, actual=line.name)

