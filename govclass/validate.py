"""Validation of budget tables against one edition of the classification.

``validate(document) -> Report``.  Each rule is a small function over one
table with a stable id; every :class:`Finding` carries that id, a severity,
where it is (table, line, column), what was expected and found, and a message
in Chinese and English.

Rule ids:

==================== ======== ==================================================
id                   severity meaning
==================== ======== ==================================================
schema               error    the document does not match the JSON Schema
invalid-amount       error    a cell holds text that is not a number
unknown-code         error    the code is in no edition (suggestions given)
retired-code         error    the code is in other editions, not this one (retired,
                              or not yet created); successors suggested
wrong-classification error    the code belongs to another classification
orphan               error    a 2-digit 款 with no 类 line above it
uncoded-line         warning  a line with no code that is not the 合计 line (not
                              checked, but not dropped either)
duplicate-line       error    the same code printed twice in a table
name-mismatch        error    the printed name is another code's, or unrelated
name-variant         warning  the same name in another spelling, truncated, or
                              an older/alternative wording
low-confidence-code  info     the catalog is not sure the code is in the edition
missing-parent       warning  a 款/项 line whose 类/款 line is not in the table
level-misplaced      error    the layout puts the line at another level than
                              its code (a 项 code where a 款 row stands)
rollup-mismatch      error    类 ≠ Σ 款, 款 ≠ Σ 项 or 合计 ≠ Σ 类 beyond rounding
column-mismatch      error    a column relation (合计 = 基本支出 + 项目支出) fails
rounding-difference  info     a sum is off, but within the rounding tolerance
incomplete-sum       warning  a sum falls short of its total and some parts are
                              blank: the blanks (no value) could hold the rest
==================== ======== ==================================================

Rounding tolerance: each printed figure is rounded to the decimals it shows,
so it is off by at most half a unit of its last place.  A total and its n
parts can therefore differ by at most the sum of their half-units ((n+1) × ½
unit when all show the same decimals), in the table's unit.  Beyond that the
difference is an error; within it and non-zero it is information.  Pass
``tolerance=`` (in the table's unit) to override.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, attrgetter, is_, is_not, itemgetter, ne, sub
from typing import NamedTuple

import functools

import attrs

from govclass import _accel
from govclass._store import PARENT_LENGTH
from govclass.catalog import Catalog, get_catalog
from govclass.document import BLANK, Cell, ColumnLines, Document, Line, Relation, Table, is_total_name
from govclass.errors import GovclassError, InvalidCodeError
from govclass.model import Classification, Code, Confidence
from govclass.formats import FORMAT_VERSION
from govclass.normalize import normalize_code, normalize_name
from govclass.relations import CheckedRelation, RelationError, parse_relation, relations_for

from govclass.crosscheck import CROSS_RULES  # noqa: E402 - rule ids and severities of the cross-table checks

__all__ = ["Finding", "Report", "validate", "RULES", "RULE_GROUPS", "SEVERITY", "RuleIdError", "rule_ids"]

ERROR, WARNING, INFO = "error", "warning", "info"

SEVERITY = {
    "schema": ERROR,
    "invalid-amount": ERROR,
    "unknown-code": ERROR,
    "retired-code": ERROR,
    "wrong-classification": ERROR,
    "orphan": ERROR,
    "uncoded-line": WARNING,
    "duplicate-line": ERROR,
    "name-mismatch": ERROR,
    "name-variant": WARNING,
    "low-confidence-code": INFO,
    "missing-parent": WARNING,
    "level-misplaced": ERROR,
    "rollup-mismatch": ERROR,
    "column-mismatch": ERROR,
    "rounding-difference": INFO,
    "incomplete-sum": WARNING,
    # what a disclosure reader could not read (govclass.document.Problem)
    "unreadable-table": WARNING,
    "missing-table": WARNING,
    "unreadable-line": WARNING,
    "empty-table": INFO,
    "column-placement": INFO,
    # between the tables of a disclosure (govclass.crosscheck)
    **CROSS_RULES,
}


# Not slotted: for a frozen class with a __dict__, attrs writes an __init__
# that fills the dict directly, about 3x faster than setting 15 frozen slots
# through object.__setattr__ (a 100k-line document can carry 10k findings).
@attrs.frozen(slots=False)
class Finding:
    rule: str
    severity: str
    table: str
    message: str  # English
    message_zh: str
    line: int | None = None  # position of the line in its table, 1-based
    source_line: int | None = None  # line of the source file, when known
    code: str | None = None  # the code as resolved (5 digits for a printed "01")
    name: str | None = None  # the name as printed
    column: str | None = None
    expected: str | None = None
    actual: str | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    suggestions: tuple[str, ...] = ()
    blank: tuple[str, ...] = ()  # the parts of a sum that were blank (codes, or columns)

    def to_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        for key in ("difference", "tolerance"):
            if d[key] is not None:
                d[key] = str(d[key])
        d["suggestions"] = list(self.suggestions)
        d["blank"] = list(self.blank)
        return d


@attrs.frozen(slots=True)
class Report:
    findings: tuple[Finding, ...]
    edition: int
    tables: int
    lines: int
    relations: tuple[CheckedRelation, ...] = ()  # the column relations checked, per table
    file: str | None = None  # the file read, when the report is on one ("-": standard input)

    @property
    def summary(self) -> dict[str, int]:
        counts = {ERROR: 0, WARNING: 0, INFO: 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    @property
    def ok(self) -> bool:
        """No error (warnings and information allowed)."""
        return not any(f.severity == ERROR for f in self.findings)

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    def to_dict(self) -> dict:
        """The report in the JSON report format (``govclass schema --report``)."""
        return {
            "version": FORMAT_VERSION,
            "file": self.file,
            "edition": self.edition,
            "tables": self.tables,
            "lines": self.lines,
            "ok": self.ok,
            "summary": self.summary,
            "relations": [r.to_dict() for r in self.relations],
            "findings": [f.to_dict() for f in self.findings],
        }


# -- a table, column-wise -------------------------------------------------------

# The rules read a table as columns (:class:`_Frame`): the resolved codes, the
# catalog's entries, each amount column as a list.  The screens that decide
# which lines need a closer look (a name that differs, a sum that does not
# match) then run over whole columns, in C (govclass/_speedups.c, or C-level
# passes such as map and compress in its Python twins), and only the lines
# they pick are looked at in Python.  Sums are
# first taken over amounts (0 for a blank or invalid cell); only where a total
# and its parts differ does the exact check (_compare, which skips blanks and
# knows the rounding tolerance) run, so a blank is never taken for a zero in
# what is reported.

_CODE, _NAME, _CELLS, _LEVEL = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(6)
_AMOUNT = Cell.amount.fget
_INVALID = Cell.invalid.fget
_ROOT = {None: ""}  # a 类's parent is the table's 合计


@attrs.define(slots=True)
class _Frame:
    """One table as the rules read it.  Row ``r`` is the ``r``-th line that
    has a code (合计 and uncoded lines excluded), at ``lines[pos[r]]``."""

    table: Table
    lines: Sequence[Line]
    csv: ColumnLines | None  # the lines, when they are a CSV table's columns
    pos: Sequence[int]
    codes: list[str]  # as resolved: 5 digits for a printed "01" under its 类
    entries: list[Code | None]  # None: not a code of the edition
    # per column, per row; 0 for a blank or invalid cell.  Decimals, or integers
    # on one scale for the whole table (ColumnLines.screen_amounts): numbers to
    # add and compare, never reported (_compare reads the cells).
    amounts: list[list[Decimal]] | list[list[int]]
    total: int | None  # index in ``lines`` of the 合计 line
    total_amounts: list[Decimal] | list[int] | None
    invalid: list[int]  # indices in ``lines`` of the lines with a cell that is not a number
    unique: bool  # no code printed twice
    _groups: "_Groups | None" = None

    def line(self, r: int) -> Line:
        return self.lines[self.pos[r]]

    def groups(self) -> "_Groups":
        if self._groups is None:
            self._groups = _Groups.of(self)
        return self._groups


class _Groups(NamedTuple):
    """The rows of a frame grouped by what they add up into.  Only the first
    line of a code counts (duplicate-line reports the others), and only codes
    of a level (类/款/项).  ``order`` lists the rows group after group, in
    table order within a group; group ``g`` is ``order[starts[g]:ends[g]]``
    and adds up into ``keys[g]`` ("" for the 合计), printed on row
    ``parents[g]``: ``total`` for the 合计 line, ``absent`` when the table
    does not print it."""

    order: list[int]
    keys: list[str]
    starts: list[int]
    ends: list[int]
    parents: list[int]
    total: int
    absent: int

    @classmethod
    def of(cls, frame: "_Frame") -> "_Groups":
        codes = frame.codes
        n = len(codes)
        rows: list[int] | None = None  # all
        if not frame.unique:  # only the first line of a code
            rows = sorted(dict(zip(reversed(codes), reversed(range(n)))).values())
        order, groups, starts, ends, parents = _group_rows(frame.entries, codes, rows, frame.total is not None)
        return cls(order, groups, starts, ends, parents, n, n + 1)


def _group_rows(entries: list[Code | None], codes: list[str], rows: list[int] | None,
                has_total: bool) -> tuple[list[int], list[str], list[int], list[int], list[int]]:
    """The C speed-up when built, else :func:`_py_group_rows`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.group_rows(entries, codes, rows, has_total)
    return _py_group_rows(entries, codes, rows, has_total)


def _py_group_rows(entries: list[Code | None], codes: list[str], rows: list[int] | None,
                   has_total: bool) -> tuple[list[int], list[str], list[int], list[int], list[int]]:
    """Group ``rows`` (None: all) by what they add up into: the entry's
    parent, "" (the 合计) for a root, and for a code the edition does not
    have (entry None) its :func:`_sum_key` (None: no group).  Groups come in
    the order of their first row, table order within a group.  Returns
    ``order``, the groups' keys, ``starts`` and ``ends`` in ``order``, and
    the row printing each group's key as its code (``len(codes)`` for the ""
    group when the table has a 合计 line, ``len(codes) + 1`` when no row
    prints it)."""
    n = len(codes)
    parents = list(map(getattr, entries, repeat("parent"), repeat(_NONE)))
    keys = list(map(_ROOT.get, parents, parents))
    if _NONE in keys:  # codes the edition does not have: by their length
        keys = [_sum_key(c) if k is _NONE else k for k, c in zip(keys, codes)]
    kept: Sequence[int] = range(n) if rows is None else rows
    if None in keys:
        kept = list(compress(kept, map(is_not, map(keys.__getitem__, kept), repeat(None))))
    mine = keys if kept.__class__ is range else list(map(keys.__getitem__, kept))
    groups = list(dict.fromkeys(mine))  # in the order their first row comes
    rank = list(map(dict(zip(groups, count())).get, keys))
    order = sorted(kept, key=rank.__getitem__)  # stable: table order within a group
    ranks = list(map(rank.__getitem__, order))
    starts = [0, *compress(count(1), map(ne, islice(ranks, 1, None), ranks))] if order else []
    where = dict(zip(codes if kept.__class__ is range else map(codes.__getitem__, kept), kept))  # code -> row
    if has_total:
        where[""] = n
    return order, groups, starts, [*islice(starts, 1, None), len(order)] if order else [], \
        list(map(where.get, groups, repeat(n + 1)))


_NONE = object()  # a missing attribute (None is a 类's parent)


def _look_up(codes: list[str | None], objs: dict[str, Code]) -> tuple[list[Code | None], bool, bool]:
    """The C speed-up when built, else :func:`_py_look_up`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.look_up(codes, objs)
    return _py_look_up(codes, objs)


def _py_look_up(codes: list[str | None], objs: dict[str, Code]) -> tuple[list[Code | None], bool, bool]:
    """Each code's entry (None when ``objs`` lacks it), whether every code was
    found, whether no code repeats."""
    entries = list(map(objs.get, codes))
    return entries, None not in entries, len(set(codes)) == len(codes)


def _line_amounts(lines: Sequence[Line], columns: tuple[str, ...]) -> tuple[list[list[Decimal]], list[int]]:
    """The C speed-up when built, else :func:`_py_line_amounts`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.line_amounts(lines, columns if columns.__class__ is tuple else tuple(columns), BLANK)
    return _py_line_amounts(lines, columns)


def _py_line_amounts(lines: Sequence[Line], columns: tuple[str, ...]) -> tuple[list[list[Decimal]], list[int]]:
    """Per column, every line's amount (a missing cell is a blank); and the
    lines with an invalid cell."""
    k = len(columns)
    if not k:
        return [], []
    pick = itemgetter(*columns) if k > 1 else (lambda cells, c=columns[0]: (cells[c],))
    try:  # row after row into one flat list, then a slice per column
        cells = list(chain.from_iterable(map(pick, map(_CELLS, lines))))
    except KeyError:  # a line without a cell for some column: a blank
        cells = list(chain.from_iterable(zip(*(map(dict.get, map(_CELLS, lines), repeat(c), repeat(BLANK))
                                               for c in columns))))
    amounts = list(map(_AMOUNT, cells))
    out = [amounts[j::k] for j in range(k)]
    if True in map(_INVALID, cells):
        return out, sorted({i // k for i in compress(count(), map(_INVALID, cells))})
    return out, []


def _finding(rule: str, table: Table, line: Line | None, en: str, zh: str, **kw: object) -> Finding:
    return Finding(rule, SEVERITY[rule], table.name, en, zh,
                   line=None if line is None else line.number,
                   source_line=None if line is None else line.source_line, **kw)  # type: ignore[arg-type]


def _frame(table: Table, catalog: Catalog) -> tuple[_Frame, list[Finding]]:
    """Resolve printed codes (a 2-digit 款 under the last 类 line), look each
    up once, find the 合计 line; return the frame and the findings of
    resolution (codes that are not codes, orphan 款, uncoded lines)."""
    lines = table.lines
    csv = lines if lines.__class__ is ColumnLines else None
    if csv is not None:
        printed = csv.codes
        amounts, invalid = csv.screen_amounts(table.columns)
    else:
        printed = list(map(_CODE, lines))
        amounts, invalid = _line_amounts(lines, table.columns)
    objs = catalog._objs
    if printed.__class__ is not list:
        printed = list(printed)
    entries, found, unique = _look_up(printed, objs)
    if not found:  # codes met for the first time: build those the edition has, and look again
        known = catalog._store.codes
        new = {c for c, e in zip(printed, entries) if e is None and c.__class__ is str and c in known}
        for code in new:
            catalog.entry(code)
        if new:
            entries, found, unique = _look_up(printed, objs)
    if found:  # every line a clean code of the edition
        return _Frame(table, lines, csv, range(len(printed)), printed, entries, amounts, None, None, invalid,
                      unique), []
    findings: list[Finding] = []
    total: int | None = None
    unresolved = list(compress(count(), map(is_, entries, repeat(None))))
    if all(printed[i] is None for i in unresolved):  # only lines with no code: 合计, or uncoded
        for i in unresolved:
            total = _uncoded(table, lines[i], i, total, findings)
        pos: Sequence[int] = list(compress(count(), map(is_not, entries, repeat(None))))
        codes = list(map(printed.__getitem__, pos))
        entries = list(map(entries.__getitem__, pos))
    else:
        looked_up = entries
        pos, codes, entries = [], [], []
        lei: str | None = None
        entry_of = catalog.entry
        for i, (code, entry) in enumerate(zip(printed, looked_up)):
            if code is None:
                total = _uncoded(table, lines[i], i, total, findings)
                continue
            if entry is None:  # not a clean legal code: normalise, or resolve a 2-digit 款
                line = lines[i]
                try:
                    code = normalize_code(code)
                except InvalidCodeError as exc:
                    findings.append(_finding("unknown-code", table, line, f"{line.code!r} is not a code: {exc.reason}",
                                             f"“{line.code}”不是科目编码", name=line.name))
                    continue
                if len(code) == 2:
                    if lei is None:
                        findings.append(_finding("orphan", table, line,
                                                 f"款 {code} has no 类 line above it to belong to",
                                                 f"款级编码 {code} 之前没有类级科目，无法确定其所属类", name=line.name))
                        continue
                    code = lei + code
                entry = entry_of(code)
            lei = code[:3]
            pos.append(i)
            codes.append(code)
            entries.append(entry)
    total_amounts = None if total is None else [col[total] for col in amounts]
    if len(pos) != len(printed):
        amounts = [list(map(col.__getitem__, pos)) for col in amounts] if pos else [[] for _ in amounts]
    return _Frame(table, lines, csv, pos, codes, entries, amounts, total, total_amounts, invalid,
                  len(set(codes)) == len(codes)), findings


def _uncoded(table: Table, line: Line, i: int, total: int | None, findings: list[Finding]) -> int | None:
    """A line with no code: the 合计 line (the last one wins), or a line the
    rules cannot check, which is reported rather than dropped."""
    if line.total or is_total_name(line.name):
        return i
    findings.append(_finding("uncoded-line", table, line,
                             f"line {line.number} ({line.name or 'no name'}) has no code and is not the 合计 line: "
                             "it is not checked",
                             f"第 {line.number} 行（{line.name or '无名称'}）没有科目编码，也不是合计行，未作校验",
                             name=line.name))
    return total


# -- rules -------------------------------------------------------------------------

Rule = Callable[[_Frame, Catalog, Decimal | None], Iterable[Finding]]


def rule_invalid_amount(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    table = frame.table
    for i in frame.invalid:
        line = frame.lines[i]
        for column, cell in line.cells.items():
            if cell.invalid:
                yield _finding("invalid-amount", table, line, f"{column}: {cell.raw!r} is not a number",
                               f"{column}栏“{cell.raw}”不是数字", code=line.code, name=line.name, column=column,
                               actual=cell.raw)


_WANTED = {
    "functional": frozenset((Classification.FUNCTIONAL,)),
    "economic": frozenset((Classification.ECONOMIC_DEPT, Classification.ECONOMIC_GOV)),
}


def _wanted(table: Table) -> frozenset[Classification]:
    return _WANTED["functional" if table.classification == "functional" else "economic"]


def rule_codes(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """unknown-code, wrong-classification, low-confidence-code, duplicate-line."""
    table, codes, entries = frame.table, frame.codes, frame.entries
    wanted = _wanted(table)
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
                yield _finding("duplicate-line", table, line, f"{code} is printed twice (first on line {number})",
                               f"科目 {code} 重复出现（首次在第 {number} 行）", code=code, name=line.name)
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
                yield _finding("retired-code", table, line, st.message(),
                               f"{code} {st.name or ''} 不属于 {catalog.year} 年科目（"
                               + (f"见于 {st.valid_from}–{st.valid_to} 年版" if st.editions else f"{st.retired_in} 年起取消")
                               + (f"，接续科目：{'、'.join(succ)}" if succ else "") + "）",
                               code=code, name=line.name, expected=" ".join(succ) or None,
                               suggestions=succ or tuple(s.code for s in catalog.suggest(code, line.name)))
                continue
            sugg = catalog.suggest(code, line.name)
            hint = "; ".join(f"{s.code} {s.name}" for s in sugg[:3])
            yield _finding("unknown-code", table, line,
                           f"{code} is not in the {catalog.year} edition" + (f"; nearest: {hint}" if hint else ""),
                           f"{code} 不是 {catalog.year} 年科目" + (f"；可能是：{hint}" if hint else ""),
                           code=code, name=line.name, suggestions=tuple(s.code for s in sugg))
        else:
            yield _finding("wrong-classification", table, line,
                           f"{code} {entry.name} is a {entry.classification.label} code, not {table.classification}",
                           f"{code} {entry.name} 属于{entry.classification.label}，不应出现在本表",
                           code=code, name=line.name, expected=table.classification,
                           actual=entry.classification.value)


_CLASSIFICATION = attrgetter("classification")
_NUMBER, _SOURCE_LINE = itemgetter(4), itemgetter(5)


def _low_confidence_findings(frame: _Frame, rows: list[int], entries: list[Code], year: int) -> list[Finding]:
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


def rule_names(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """name-mismatch and name-variant, per code (names are not unique)."""
    lines, pos, entries = frame.lines, frame.pos, frame.entries
    names = frame.csv.names if frame.csv is not None else list(map(_NAME, lines))
    if len(pos) != len(names):
        names = list(map(names.__getitem__, pos))
    official = map(getattr, entries, repeat("name"), repeat(None))
    wanted = _wanted(frame.table)
    for r in compress(count(), map(ne, names, official)):
        entry = entries[r]
        if entry is None or not names[r] or entry.classification not in wanted:
            continue
        finding = _name_finding(frame.table, frame.line(r), frame.codes[r], entry, catalog)
        if finding is not None:
            yield finding


def _name_finding(table: Table, line: Line, code: str, entry: Code, catalog: Catalog) -> Finding | None:
    from govclass.matching import _similarity

    printed = normalize_name(line.name)  # type: ignore[arg-type]
    official = normalize_name(entry.name)
    if printed == official:
        if line.name.strip() == entry.name:  # type: ignore[union-attr]
            return None
        return _finding("name-variant", table, line,
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
        return _finding("name-variant", table, line,
                        f"{code}: {line.name!r} is {kind_en} of {entry.name}, not its name in {catalog.year}",
                        f"{code}：“{line.name}”是“{entry.name}”的{kind_zh}，不是 {catalog.year} 年版的名称",
                        code=code, name=line.name, expected=entry.name, actual=line.name)
    # The name of another code of the same classification: a code under the
    # same parent if there is one; otherwise a name many codes may share.
    owners = catalog.codes_named(line.name, entry.classification)  # type: ignore[arg-type]
    if owners:
        owners.sort(key=lambda c: (c.parent != entry.code, c.parent != entry.parent, not _same_root(c, entry),
                                   c.code))
        other = owners[0]
        if other.parent == entry.code:  # the name of one of its own sub-lines: a line shifted by one level?
            whose_en, whose_zh = f"the name of {other.code}, one of its own sub-lines", f"其下级科目 {other.code} 的名称"
        elif other.parent == entry.parent or len(owners) == 1:
            whose_en, whose_zh = f"the name of {other.code}", f"{other.code} 的名称"
        else:
            whose_en = f"a name {len(owners)} codes share, none of them beside it (e.g. {other.code})"
            whose_zh = f"{len(owners)} 个科目共用的名称，同级科目中没有（如 {other.code}）"
        return _finding("name-mismatch", table, line,
                        f"{code} is {entry.name}; {line.name!r} is {whose_en}",
                        f"{code} 应为“{entry.name}”；“{line.name}”是{whose_zh}",
                        code=code, name=line.name, expected=entry.name, actual=line.name,
                        suggestions=tuple(c.code for c in owners[:3]))
    if official.startswith(printed) and len(printed) >= 4:
        kind_en, kind_zh = "truncated", "名称不完整"
    elif _similarity(printed, official) >= 0.6:
        kind_en, kind_zh = "an older or alternative wording", "旧称或别称"
    else:
        # Unrelated to the code's own name: which codes is it named like?
        alike = [h.code for h in catalog.search(line.name, classification=entry.classification, limit=3,  # type: ignore[arg-type]
                                                min_score=0.35)]
        hint = "; ".join(f"{c.code} {c.name}" for c in alike)
        return _finding("name-mismatch", table, line,
                        f"{code} is {entry.name}, not {line.name!r}" + (f" (named like: {hint})" if hint else ""),
                        f"{code} 应为“{entry.name}”，而非“{line.name}”" + (f"（名称近似：{hint}）" if hint else ""),
                        code=code, name=line.name, expected=entry.name, actual=line.name,
                        suggestions=tuple(c.code for c in alike))
    return _finding("name-variant", table, line, f"{code}: {line.name!r} looks like {kind_en} of {entry.name}",
                    f"{code}：“{line.name}”疑为“{entry.name}”的{kind_zh}",
                    code=code, name=line.name, expected=entry.name, actual=line.name)


def _same_root(a: Code, b: Code) -> bool:
    return a.code[:3] == b.code[:3]


def _edition_name_years(code: str, printed: str, year: int) -> list[int]:
    """The editions (other than ``year``) in which ``code`` bore the name
    ``printed`` (normalised), oldest first."""
    from govclass import _store

    out = []
    for y in _store.available_years():
        if y == year:
            continue
        rec = _store.get_store(y).codes.get(code)
        if rec is not None and normalize_name(rec[_store.R_NAME]) == printed:
            out.append(y)
    return out


def rule_structure(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """missing-parent: a 款/项 line whose 类/款 is not printed (reported once
    per missing parent, on its first child)."""
    groups = frame.groups()
    absent = groups.absent
    if absent not in groups.parents:
        return
    for g in sorted(compress(count(), map(is_, groups.parents, repeat(absent))),
                    key=lambda g: groups.order[groups.starts[g]]):
        parent = groups.keys[g]
        if not parent:  # the 合计 line: tables need not print one
            continue
        r = groups.order[groups.starts[g]]
        code, line = frame.codes[r], frame.line(r)
        yield _finding("missing-parent", frame.table, line,
                       f"{code} is printed without its parent line {parent}",
                       f"{code} 的上级科目 {parent} 未列示", code=code, name=line.name,
                       expected=parent)


_LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}


def rule_level(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
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
        level = _LEVEL_OF_LENGTH.get(len(code))
        if level is not None and printed != level:
            line = lines[i]
            yield _finding("level-misplaced", frame.table, line,
                           f"{code} is a {level} code printed where a {printed} row stands",
                           f"{code} 是{level}级科目，却列在{printed}级位置", code=code, name=line.name,
                           expected=printed, actual=level)


_HALF = [Decimal(5).scaleb(-(d + 1)) for d in range(12)]
_ZERO = Decimal(0)


def half_unit(cell: Cell) -> Decimal:
    """Half a unit of the last decimal place a figure shows."""
    d = cell.decimals
    return _HALF[d] if d < 12 else Decimal(5).scaleb(-(d + 1))


def _compare(rule: str, table: Table, line: Line, column: str, total: Cell, parts: list[Cell],
             tolerance: Decimal | None, what_en: str, what_zh: str, code: str | None,
             labels: Sequence[str] = ()) -> Finding | None:
    """The finding on ``total`` = Σ ``parts`` (None when it holds exactly).

    A blank part is no value, not a zero: a sum of the parts present that
    falls short of the total beyond the tolerance is ``incomplete-sum`` (the
    blanks could hold the rest), not a mismatch; one that exceeds the total is
    a mismatch that names the blank parts.  A part that is not a number is
    reported once, by ``invalid-amount``: no sum is called wrong for it.
    ``labels`` name the parts (their codes, or column names)."""
    values = [p for p in parts if p.value is not None]
    if total.value is None or not values:
        return None
    actual = sum((p.value for p in values), _ZERO)  # type: ignore[misc]
    diff = total.value - actual
    if diff == 0:
        return None
    tol = tolerance if tolerance is not None else half_unit(total) + sum((half_unit(p) for p in values), _ZERO)
    blank = tuple(label for label, p in zip(labels, parts) if p.raw is None) if len(values) < len(parts) else ()
    if abs(diff) > tol:
        if len(values) < len(parts) and any(p.invalid for p in parts):
            return None  # invalid-amount reports the cell that is not a number
        if blank and diff > 0:
            return _finding("incomplete-sum", table, line,
                            f"{what_en}, {column}: printed {total.value}, the parts present add up to {actual} "
                            f"(short by {diff}); blank: {', '.join(blank)} — a blank is no value, and the blanks "
                            "could hold the rest",
                            f"{what_zh}，{column}栏：列示 {total.value}，有数分项合计 {actual}（差 {diff}）；"
                            f"空白分项：{'、'.join(blank)}——空白不等于零，差额可能在空白项中",
                            code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                            difference=diff, tolerance=tol, blank=blank)
        note_en = f"; blank: {', '.join(blank)}" if blank else ""
        note_zh = f"；空白分项：{'、'.join(blank)}" if blank else ""
        return _finding(rule, table, line,
                        f"{what_en}, {column}: printed {total.value}, parts add up to {actual} "
                        f"(difference {diff}, tolerance {tol} {table.unit}){note_en}",
                        f"{what_zh}，{column}栏：列示 {total.value}，分项合计 {actual}（差额 {diff}，容差 {tol}{table.unit}）"
                        f"{note_zh}",
                        code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                        difference=diff, tolerance=tol, blank=blank)
    return _finding("rounding-difference", table, line,
                    f"{what_en}, {column}: differs from its parts by {diff}, within the rounding tolerance {tol}",
                    f"{what_zh}，{column}栏：与分项差 {diff}，在四舍五入容差 {tol} 以内（尾差）",
                    code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                    difference=diff, tolerance=tol, blank=blank)


def _sum_key(code: str) -> str | None:
    """What a resolved code adds up into: its 类/款 ("" for a 类: the 合计),
    None for a code of no level."""
    n = len(code)
    if n == 3:
        return ""
    cut = PARENT_LENGTH.get(n)
    return None if cut is None else code[:cut]


def rule_rollup(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, for every column.  A blank parent cell
    is not checked (tables leave sub-columns of class rows blank).

    A screen (:func:`_sums_differ`) picks the groups whose printed parent
    differs from the sum of their rows; only those go to _compare."""
    gr = frame.groups()
    if not gr.order:
        return
    order, keys = gr.order, gr.keys
    total = frame.total_amounts
    flagged: list[tuple[int, int, int]] = []  # (line index of the parent, column, group)
    for c, differ in enumerate(_sums_differ(frame.amounts, order, gr.starts, gr.ends, gr.parents, total)):
        for g in differ:
            p = gr.parents[g]
            flagged.append((frame.total if p == gr.total else frame.pos[p], c, g))  # type: ignore[arg-type]
    flagged.sort()
    table = frame.table
    wanted = _wanted(table)
    for i, c, g in flagged:
        line = frame.lines[i]
        rows = order[gr.starts[g]:gr.ends[g]]
        kids = [frame.line(r) for r in rows]
        labels = [frame.codes[r] for r in rows]
        parent, k, column = keys[g], len(kids), table.columns[c]
        if parent:
            what_en, what_zh = f"{parent} ≠ sum of its {k} sub-lines", f"{parent} 不等于其 {k} 个下级科目之和"
        else:
            what_en, what_zh = f"合计 ≠ sum of the {k} 类 lines", f"合计不等于 {k} 个类级科目之和"
        printed = line.cells.get(column, BLANK)
        cells = [kid.cells.get(column, BLANK) for kid in kids]
        f = _compare("rollup-mismatch", table, line, column, printed, cells, tolerance, what_en, what_zh,
                     parent or None, labels)
        if f is None:
            continue
        # One defect, one finding: a line whose code is not of the edition (or
        # of the table's classification) is reported by rule_codes.  Whether it
        # belongs in this sum is unknown, so the sum is wrong only if it fails
        # both with and without that line.
        doubtful = [j for j, r in enumerate(rows) if not _counts(frame.entries[r], wanted)]
        if doubtful and f.severity != INFO:
            keep = [j for j in range(k) if j not in doubtful]
            without = _compare("rollup-mismatch", table, line, column, printed, [cells[j] for j in keep],
                               tolerance, what_en, what_zh, parent or None, [labels[j] for j in keep])
            if without is None or without.severity != ERROR:  # holds (or may hold) without it
                continue
        yield f


def _counts(entry: Code | None, wanted: frozenset[Classification]) -> bool:
    """Whether a line with this catalog entry surely belongs in its parent's
    sum: its code is of the edition and of the table's classification."""
    return entry is not None and entry.classification in wanted


def _sums_differ(cols: list[list], order: list[int], starts: list[int], ends: list[int], parents: list[int],
                 totals: list | None) -> list[list[int]]:
    """The C speed-up when built, else :func:`_py_sums_differ`: the same answer."""
    speedups = _accel.speedups
    if speedups is not None:
        return speedups.sums_differ(cols, order, starts, ends, parents, totals)
    return _py_sums_differ(cols, order, starts, ends, parents, totals)


def _py_sums_differ(cols: list[list], order: list[int], starts: list[int], ends: list[int], parents: list[int],
                    totals: list | None) -> list[list[int]]:
    """Per column, the groups whose printed parent differs from the sum of
    their rows: the parent on row ``parents[g]``, the column's total when
    that is ``len(col)`` (the 合计 line, if ``totals`` are given), none
    beyond.  Each group's sum is the difference of two running totals over
    the rows in group order."""
    out = []
    for c, col in enumerate(cols):
        n = len(col)
        total = None if totals is None else totals[c]
        values = [*col, total]
        printed = list(compress(count(), map(n.__gt__, parents)))  # the groups whose parent is a printed line
        if total is not None and n in parents:
            printed.append(parents.index(n))
        running = [_ZERO, *accumulate(map(col.__getitem__, order))]
        out.append(sorted(compress(printed, map(ne, map(values.__getitem__, map(parents.__getitem__, printed)),
                                                map(sub, map(running.__getitem__, map(ends.__getitem__, printed)),
                                                    map(running.__getitem__, map(starts.__getitem__, printed)))))))
    return out


def rule_columns(frame: _Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """column-mismatch: on every line, total column = Σ part columns."""
    table = frame.table
    if not table.relations:
        return
    index = {c: i for i, c in enumerate(table.columns)}
    amounts = frame.amounts
    for rel in table.relations:
        name, parts = rel.total, rel.parts
        ti, pis = index[name], [index[p] for p in parts]
        suspects: list[tuple[Line, str | None]] = []
        t = frame.total_amounts
        if t is not None and t[ti] != sum(map(t.__getitem__, pis), _ZERO):
            suspects.append((frame.lines[frame.total], None))  # type: ignore[index]
        if len(pis) == 2:  # the common 合计 = 基本支出 + 项目支出
            sums: Iterable[Decimal] = map(add, amounts[pis[0]], amounts[pis[1]])
        elif pis:
            sums = map(sum, zip(*(amounts[p] for p in pis)))
        else:
            sums = repeat(_ZERO)
        suspects.extend((frame.line(r), frame.codes[r]) for r in compress(count(), map(ne, amounts[ti], sums)))
        for line, code in suspects:
            cells = line.cells
            f = _compare("column-mismatch", table, line, name, cells.get(name, BLANK),
                         [cells.get(p, BLANK) for p in parts], tolerance,
                         f"{name} ≠ {' + '.join(parts)}", f"{name}不等于{'+'.join(parts)}", code, parts)
            if f is not None:
                yield f


RULES: dict[str, Rule] = {
    "invalid-amount": rule_invalid_amount,
    "codes": rule_codes,
    "names": rule_names,
    "structure": rule_structure,
    "level": rule_level,
    "rollup": rule_rollup,
    "columns": rule_columns,
}


def _edition(document: Document, year: int | None) -> int:
    from govclass._store import available_years, latest_year

    if year is not None:
        return year
    if document.year is not None and document.year in available_years():
        return document.year
    return latest_year()


#: The rule ids each group of :data:`RULES` (and the cross-table checks) reports.
RULE_GROUPS: dict[str, frozenset[str]] = {
    "invalid-amount": frozenset(("invalid-amount",)),
    "codes": frozenset(("unknown-code", "retired-code", "wrong-classification", "low-confidence-code",
                        "duplicate-line")),
    "names": frozenset(("name-mismatch", "name-variant")),
    "structure": frozenset(("missing-parent",)),
    "level": frozenset(("level-misplaced",)),
    "rollup": frozenset(("rollup-mismatch", "rounding-difference", "incomplete-sum")),
    "columns": frozenset(("column-mismatch", "rounding-difference", "incomplete-sum")),
    "cross": frozenset(CROSS_RULES),
}


class RuleIdError(GovclassError, ValueError):
    """``skip`` or ``only`` names a rule id that does not exist."""


def rule_ids() -> tuple[str, ...]:
    """Every rule id a finding can carry, sorted."""
    return tuple(sorted(SEVERITY))


def _selected(skip: Iterable[str], only: Iterable[str] | None) -> tuple[set[str], set[str] | None]:
    """The rule ids to drop and (with ``only``) to keep; group names expand to
    their ids.  An id or group that does not exist raises RuleIdError."""
    def expand(names: Iterable[str], option: str) -> set[str]:
        out: set[str] = set()
        for n in names:
            if n in SEVERITY:
                out.add(n)
            elif n in RULE_GROUPS:
                out |= RULE_GROUPS[n]
            else:
                raise RuleIdError(f"{option}: no rule {n!r}; rule ids: {', '.join(rule_ids())} "
                                  f"(groups: {', '.join(sorted(RULE_GROUPS))})")
        return out
    return expand(skip, "skip"), None if only is None else expand(only, "only")


def validate(document: Document | dict, year: int | None = None, *, tolerance: Decimal | str | None = None,
             skip: Iterable[str] = (), only: Iterable[str] | None = None,
             relations: Iterable[Relation | str] = ()) -> Report:
    """Check every table of ``document`` against edition ``year`` (default:
    the document's fiscal year when govclass has it, else the latest).

    ``document`` is a :class:`Document` or a dict in the JSON document format;
    a dict is checked against the JSON Schema first, and structural errors are
    reported (rule ``schema``, with their JSON path) instead of running rules.
    ``skip`` names rule ids (or rule groups of :data:`RULE_GROUPS`) not to
    report; ``only``, the only ones to report.  An unknown id raises
    :class:`RuleIdError`.  ``relations`` (``"合计=基本支出+项目支出"`` or
    :class:`~govclass.document.Relation`) add to or replace the column
    relations declared by the document or inferred from its column names (see
    :mod:`govclass.relations`); one that fits no table raises
    :class:`~govclass.relations.RelationError`.
    """
    dropped, kept = _selected(skip, only)
    given = tuple(parse_relation(r) if isinstance(r, str) else r for r in relations)
    if isinstance(document, dict):
        from govclass.document import DocumentError, check_schema

        problems = check_schema(document)
        if not problems:
            try:
                document = Document.from_dict(document)
            except DocumentError as exc:
                problems = [str(exc)]
        if problems:
            edition = year if year is not None else _edition(Document((), document.get("year") if isinstance(
                document.get("year"), int) else None), None)
            return Report(tuple(Finding("schema", ERROR, "", p, f"文档结构错误：{p}") for p in problems), edition, 0, 0)
    for rel in given:
        if document.tables and not any(rel.total in t.columns and set(rel.parts) <= set(t.columns)
                                       for t in document.tables):
            raise RelationError(f"relation {rel.total}={'+'.join(rel.parts)}: no table has these columns "
                                f"({'; '.join(' | '.join(t.columns) for t in document.tables[:3])})")
    from govclass._gc import paused

    with paused():
        return _validate(document, year, tolerance, dropped, kept, given)


def _validate(document: Document, year: int | None, tolerance: Decimal | str | None,
              dropped: set[str], kept: set[str] | None, given: tuple[Relation, ...]) -> Report:
    tol = None if tolerance is None else Decimal(str(tolerance))
    edition = _edition(document, year)
    catalog = get_catalog(edition)

    def runs(group: str) -> bool:
        ids = RULE_GROUPS.get(group, frozenset((group,)))
        return not ids <= dropped and (kept is None or bool(ids & kept))

    findings: list[Finding] = []
    checked: list[CheckedRelation] = []
    nlines = 0
    for table in document.tables:
        rels, used = relations_for(table, given)
        if rels != table.relations:
            table = attrs.evolve(table, relations=rels)
        checked.extend(used)
        frame, resolution = _frame(table, catalog)
        nlines += len(table.lines)
        findings.extend(resolution)
        for group, rule in RULES.items():
            if runs(group):
                findings.extend(rule(frame, catalog, tol))
    for p in document.problems:
        findings.append(Finding(p.rule, p.severity, p.table, p.message, p.message_zh, source_line=p.source_line))
    if runs("cross"):
        from govclass.crosscheck import cross_check

        findings.extend(cross_check(document, catalog))
    findings = [f for f in findings if f.rule not in dropped and (kept is None or f.rule in kept)]
    return Report(tuple(findings), edition, len(document.tables) + len(document.statements), nlines,
                  tuple(checked) if runs("columns") else ())
