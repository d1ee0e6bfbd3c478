"""The names printed against the edition's names."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import compress, count, repeat
from operator import itemgetter, ne

from govclass.catalog import Catalog
from govclass.catalog.matching import similarity
from govclass.document import Line, Table
from govclass.model import Code, Confidence
from govclass.normalize import marked_only, normalize_name
from govclass.catalog.editions import retired_names
from govclass.rulebook import ERROR, WARNING, declare
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding
from govclass.validation.rules.codes import other_code_named, owners_named, wanted_classifications
from govclass.vocabulary import BUDGET_QUALIFIERS, printed_as_a_part


declare("name-mismatch", ERROR, "names",
        "the printed name is another code's (one of its own sub-lines or a code beside it is named; a name many "
        "codes share with none beside it is said to be shared), or unrelated",
        "列示的名称是另一科目的名称（指明其下级或同级科目；多个科目共用且同级中没有的名称，说明为共用名称），或与本科目无关")
declare("name-variant", WARNING, "names",
        "the same name in another spelling, truncated, the code's name in another edition (older or newer than "
        "the document's edition, said which), or an alternative wording",
        "名称写法不同、不完整，为本科目在其他年版的名称（注明是旧名称还是新名称），或为别称")


_NAME = itemgetter(1)
#: how near a name several other codes bear (none of them beside or under this one) must be to the code's own name to read
#: as a wording of it (超长期特别国债安排的支出 against 超长期特别国债安排的其他支出: 0.92; 行政运行 against 事业运行: 0.5)
SHARED_NAME_NEAR_OWN = 0.8
#: how long a printed name must be to read as the code's own name cut short (营业收入 of 营业收入合计), not a word
TRUNCATED_MIN_CHARS = 4


@check("names", order=30)
def rule_names(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """name-mismatch and name-variant, per code (names are not unique)."""
    lines, pos, entries = frame.lines, frame.pos, frame.entries
    names = frame.csv.names if frame.csv is not None else list(map(_NAME, lines))
    if len(pos) != len(names):
        names = list(map(names.__getitem__, pos))
    official = map(getattr, entries, repeat("name"), repeat(None))
    wanted = wanted_classifications(frame.table)
    firsts = None if frame.unique else {c: r for r, c in reversed(list(enumerate(frame.codes)))}
    for r in compress(count(), map(ne, names, official)):
        entry = entries[r]
        if entry is None or not names[r] or entry.classification not in wanted:
            continue
        if firsts is not None and firsts[frame.codes[r]] != r \
                and other_code_named(names[r], entry, catalog) is not None:
            continue  # a second printing with another code's name: duplicate-line says it (a mistyped code)
        finding = name_finding(frame.table, frame.line(r), frame.codes[r], entry, catalog)
        if finding is not None:
            yield finding


@screen("names")
def renamed_rows(block) -> list[int]:
    """The rows rule_names looks at: a printed name that is not the code's name in the edition."""
    return block.off().renamed


def name_finding(table: Table, line: Line, code: str, entry: Code, catalog: Catalog) -> Finding | None:
    """The finding on a line's printed name against its code's name in the edition, if any.  A name the
    curators hold with low confidence proves no mismatch: the printed name is then a variant to look at."""
    finding = _name_finding(table, line, code, entry, catalog)
    if finding is None or finding.rule != "name-mismatch" or entry.confidence != Confidence.LOW:
        return finding
    return finding_for("name-variant", table, line,
                       f"{code}: {line.name!r} is not {entry.name}, the edition's name as govclass holds it with low "
                       "confidence (not verified against the book): no proof of a wrong name",
                       f"{code}：“{line.name}”与本库所列名称“{entry.name}”不同，但本库该名称可信度低（未经年版原书核实），"
                       "不能据此认定名称错误",
                       code=code, name=line.name, expected=entry.name, actual=line.name,
                       suggestions=finding.suggestions)


def _name_finding(table: Table, line: Line, code: str, entry: Code, catalog: Catalog) -> Finding | None:
    printed = normalize_name(line.name)  # type: ignore[arg-type]
    official = normalize_name(entry.name)
    if printed == official:
        if line.name.strip() == entry.name or marked_only(line.name, entry.name):  # type: ignore[union-attr, arg-type]
            return None  # the name, or the name with its level marker or enumeration ("一、城乡社区支出")
        return finding_for("name-variant", table, line,
                        f"{code}: {line.name!r} is {entry.name} spelled differently",
                        f"{code}：“{line.name}”与规范名称“{entry.name}”写法不同",
                        code=code, name=line.name, expected=entry.name, actual=line.name)
    # The code's own name in another edition: older or newer than the document's?
    when = _edition_name_years(code, printed, catalog.year)
    if when:
        newer = [y for y in when if y > catalog.year]
        if newer:
            kind_en = f"the newer name (from the {newer[0]} edition)"
            kind_zh = f"新名称（{newer[0]} 年版起）"
        else:
            kind_en = f"an older name (until the {when[-1]} edition)"
            kind_zh = f"旧名称（沿用至 {when[-1]} 年版）"
        return finding_for("name-variant", table, line,
                           f"{code}: {line.name!r} is {kind_en} of {entry.name}, not its name in {catalog.year}",
                           f"{code}：“{line.name}”是“{entry.name}”的{kind_zh}，不是 {catalog.year} 年版的名称",
                           code=code, name=line.name, expected=entry.name, actual=line.name)
    # A name the code bore before every edition govclass carries (a rename of the change records: 210
    # 医疗卫生与计划生育支出): an older name, said as the same fact is said in a summary table (cross.py).
    if retired_names(catalog).get(printed, ("",))[0] == code:
        return finding_for("name-variant", table, line,
                           f"{code}: {line.name!r} is an older name of {entry.name}, not its name in {catalog.year}",
                           f"{code}：“{line.name}”是“{entry.name}”的旧名称，不是 {catalog.year} 年版的名称",
                           code=code, name=line.name, expected=entry.name, actual=line.name)
    # Its own name with a budget's name before it (23009 年终结余 printed 社会保险基金年终结余 in a 社会保险基金
    # table): the class as the budget calls it, a variant, not another code's name.
    qualifier = next((q for q in BUDGET_QUALIFIERS if printed == normalize_name(q) + official), None)
    if qualifier is not None:
        return finding_for("name-variant", table, line,
                           f"{code}: {line.name!r} is {entry.name} with the budget's name {qualifier} before it",
                           f"{code}：“{line.name}”是“{entry.name}”前加预算名称“{qualifier}”",
                           code=code, name=line.name, expected=entry.name, actual=line.name)
    # A part of its class, as a 平衡表 prints the class's code on it (110 上级补助收入, a part of 转移性收入; 230
    # 补助下级支出): the row is a part of the code, not its whole (rule_rollup does not judge its sum either).
    if printed_as_a_part(code, line.name, entry.name):
        return finding_for("name-variant", table, line,
                           f"{code}: {line.name!r} is a part of {entry.name} (an item of a 平衡表 printed with its "
                           "class's code), not the code's whole",
                           f"{code}：“{line.name}”是“{entry.name}”的组成部分（平衡表项目沿用所属类的编码），不是该科目全额",
                           code=code, name=line.name, expected=entry.name, actual=line.name)
    return _another_name(table, line, code, entry, catalog, printed, official)


def _another_name(table: Table, line: Line, code: str, entry: Code, catalog: Catalog, printed: str,
                  official: str) -> Finding:
    """A printed name that is neither the code's nor a form of it: another code's name (name-mismatch naming it),
    the code's own name cut short or reworded (name-variant), or unrelated (name-mismatch naming codes alike)."""
    # The name of another code of the same classification: one of its own
    # sub-lines, or a code beside it, if there is one; otherwise a name many
    # codes may share (行政运行, 事业运行), which is not pinned on one far away.
    owners = owners_named(line.name, entry, catalog)  # type: ignore[arg-type]
    cut_short = official.startswith(printed) and len(printed) >= TRUNCATED_MIN_CHARS
    if owners and cut_short and owners[0].parent not in (entry.code, entry.parent):
        # its own name cut short is nearer than a code neither under it nor beside it (Wuzhong 2026 p. 81 prints
        # 2130804 创业担保贷款贴息, its name without 及奖补, which is also 2340203's under 234): a variant, not a proof
        owners = []
    if len(owners) > 1 and not any(o.parent in (entry.code, entry.parent) for o in owners) and \
            similarity(printed, official) >= SHARED_NAME_NEAR_OWN:
        # a name other 类 give their like items, nearly this code's own (22998 超长期特别国债安排的其他支出 printed as
        # 超长期特别国债安排的支出, 20598's … name): a wording of its own name, not a line moved
        owners = []
    if owners:
        other = owners[0]
        if other.parent == entry.code:  # the name of one of its own sub-lines: a line shifted by one level?
            whose_en, whose_zh = f"the name of {other.code}, one of its own sub-lines", f"其下级科目 {other.code} 的名称"
        elif other.parent == entry.parent or len(owners) == 1:
            whose_en, whose_zh = f"the name of {other.code}", f"{other.code} 的名称"
        else:
            whose_en = f"a name {len(owners)} codes share, none of them beside it (e.g. {other.code})"
            whose_zh = f"{len(owners)} 个科目共用的名称，同级科目中没有（如 {other.code}）"
        return finding_for("name-mismatch", table, line,
                        f"{code} is {entry.name}; {line.name!r} is {whose_en}",
                        f"{code} 应为“{entry.name}”；“{line.name}”是{whose_zh}",
                        code=code, name=line.name, expected=entry.name, actual=line.name,
                        suggestions=tuple(c.code for c in owners[:3]))
    if cut_short:
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



def _edition_name_years(code: str, printed: str, year: int) -> list[int]:
    """The editions other than ``year`` in which ``code`` bore the name
    ``printed`` (normalised), oldest first."""
    from govclass.catalog import store

    out = []
    for y in store.available_years():
        if y == year:
            continue
        rec = store.get_store(y).codes.get(code)
        if rec is not None and normalize_name(rec[store.R_NAME]) == printed:
            out.append(y)
    return out
