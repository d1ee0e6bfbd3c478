"""The codes printed: unknown, retired, of another classification, printed twice, of low confidence."""

from __future__ import annotations

import functools
from itertools import compress, count, repeat
from operator import attrgetter, is_, itemgetter

from govclass.model import Classification, Code, Confidence
from collections.abc import Iterable, Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.document import Line, Table
from govclass.validation.frame import Frame, finding_for
from govclass.validation.report import Finding
from govclass.validation.severity import SEVERITY

_WANTED = {
    "functional": frozenset((Classification.FUNCTIONAL,)),
    "economic": frozenset((Classification.ECONOMIC_DEPT, Classification.ECONOMIC_GOV)),
}


def wanted_classifications(table: Table) -> frozenset[Classification]:
    return _WANTED["functional" if table.classification == "functional" else "economic"]


def rule_codes(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """unknown-code, wrong-classification, low-confidence-code, duplicate-line."""
    table, codes, entries = frame.table, frame.codes, frame.entries
    wanted = wanted_classifications(table)
    low = Confidence.LOW
    if frame.unique:  # only the rows with something to say: a screen of one set lookup per row
        rows: Iterable[int] = compress(count(), map(catalog.notable(wanted).__contains__, codes))
        if frame.pos.__class__ is not range:  # resolved through the slow path: may hold unknown codes
            rows = sorted({*rows, *compress(count(), map(is_, entries, repeat(None)))})
        else:  # every code of the edition: notable and of the table's classification is low confidence
            rows = list(rows)
            picked = list(map(entries.__getitem__, rows))
            if all(map(wanted.__contains__, map(_CLASSIFICATION, picked))):  # the common case, in one pass
                yield from _low_confidence_findings(frame, rows, picked, catalog.year)
                return
    else:
        rows = range(len(codes))
    seen: dict[str, int] = {}
    for r in rows:
        code, entry = codes[r], entries[r]
        if not frame.unique:
            first = seen.setdefault(code, r)
            if first != r:
                line, number = frame.line(r), frame.line(first).number
                yield _duplicate(table, line, code, number, entry, catalog)
            if entry is not None and entry.classification in wanted and entry.confidence is not low:
                continue
        if entry is not None and entry.classification in wanted:  # low confidence
            yield from _low_confidence_findings(frame, [r], [entry], catalog.year)
            continue
        line = frame.line(r)
        if entry is None:
            st = catalog.status(code)
            if st.state != "unknown":
                succ = st.successors
                yield finding_for("retired-code", table, line, st.message(),
                               f"{code} {st.name or ''} 不属于 {catalog.year} 年科目（"
                               + (f"见于 {st.valid_from}–{st.valid_to} 年版" if st.editions else f"{st.retired_in} 年起取消")
                               + (f"，接续科目：{'、'.join(succ)}" if succ else "") + "）",
                               code=code, name=line.name, expected=" ".join(succ) or None,
                               suggestions=succ or tuple(s.code for s in catalog.suggest(code, line.name)))
                continue
            sugg = catalog.suggest(code, line.name)
            hint = "; ".join(f"{s.code} {s.name}" for s in sugg[:3])
            yield finding_for("unknown-code", table, line,
                           f"{code} is not in the {catalog.year} edition" + (f"; nearest: {hint}" if hint else ""),
                           f"{code} 不是 {catalog.year} 年科目" + (f"；可能是：{hint}" if hint else ""),
                           code=code, name=line.name, suggestions=tuple(s.code for s in sugg))
        else:
            yield finding_for("wrong-classification", table, line,
                           f"{code} {entry.name} is a {entry.classification.label} code, not {table.classification}",
                           f"{code} {entry.name} 属于{entry.classification.label}，不应出现在本表",
                           code=code, name=line.name, expected=table.classification,
                           actual=entry.classification.value)


def _duplicate(table: Table, line: Line, code: str, first: int, entry: Code | None, catalog: Catalog) -> Finding:
    """duplicate-line.  When the second printing bears another code's name,
    the code is likely mistyped: one finding says so (the names rule does not
    report that name again, nor the roll-up the line left out of its sum)."""
    from govclass.validation.rules.names import other_code_named

    other = other_code_named(line.name, entry, catalog) if entry is not None else None
    if other is None:
        return finding_for("duplicate-line", table, line, f"{code} is printed twice (first on line {first})",
                           f"科目 {code} 重复出现（首次在第 {first} 行）", code=code, name=line.name)
    return finding_for("duplicate-line", table, line,
                       f"{code} is printed twice (first on line {first}); this line's name {line.name!r} is that of "
                       f"{other.code}: a mistyped code?",
                       f"科目 {code} 重复出现（首次在第 {first} 行）；本行名称“{line.name}”是 {other.code} 的名称，"
                       "疑为编码录入错误", code=code, name=line.name, expected=other.code, actual=code,
                       suggestions=(other.code,))


_CLASSIFICATION = attrgetter("classification")
_NAME, _NUMBER, _SOURCE_LINE = itemgetter(1), itemgetter(4), itemgetter(5)


def _low_confidence_findings(frame: Frame, rows: list[int], entries: list[Code], year: int) -> list[Finding]:
    """low-confidence-code on ``rows`` (their ``entries``), made in one pass
    and, for a CSV table, without making their :class:`Line`."""
    table, codes, csv, pos = frame.table, frame.codes, frame.csv, frame.pos
    at = rows if pos.__class__ is range else list(map(pos.__getitem__, rows))  # row -> line index
    if csv is not None:
        numbers: Iterable[int] = map((1).__add__, at)
        sources: Iterable[int | None] = map(csv.source_lines.__getitem__, at)
        names: Iterable[str | None] = map(csv.names.__getitem__, at)
    else:
        lines = list(map(frame.lines.__getitem__, at))
        numbers, sources, names = map(_NUMBER, lines), map(_SOURCE_LINE, lines), map(_NAME, lines)
    rule, severity, name = "low-confidence-code", SEVERITY["low-confidence-code"], table.name
    return [Finding(rule, severity, name, *_low_confidence_message(code, entry.name, year), number, source, code,
                    printed)
            for code, entry, number, source, printed in zip(map(codes.__getitem__, rows), entries, numbers, sources,
                                                             names)]


@functools.lru_cache(maxsize=4096)
def _low_confidence_message(code: str, name: str, year: int) -> tuple[str, str]:
    return (f"{code} {name}: govclass is not sure this code is in the {year} edition",
            f"{code} {name}：本库未能确认该科目属于 {year} 年版")

