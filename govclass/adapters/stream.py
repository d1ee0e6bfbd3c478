"""Validate a CSV file (or JSON Lines) in one pass, in bounded memory.

    >>> from govclass.stream import validate_csv
    >>> report = validate_csv("budget.csv", year=2024)            # doctest: +SKIP

:func:`govclass.readers.read_csv` keeps the whole file as columns; a budget
management system's export holds millions of lines.  Two readers share the
work:

* a file whose tables come one after another (how exports sorted by unit
  are) is read a block at a time and each table validated by the whole-file
  path once its last line has gone by (:func:`_table_runs`): memory holds a
  block and one table, at the whole-file path's speed;
* any other file (a table that comes back after another, quoted fields,
  blank lines, no table column, JSON Lines) is read one line at a time by
  :func:`validate_rows`, in pure Python, and forgotten line by line: what
  stays is, per table, what the rules of a table need at its end,

* each code's first line number (duplicate-line names it), the 类 that a
  2-digit 款 belongs to, and the last 合计 line;
* the printed figures of the lines that can be a parent (类 and 款), and of
  the 合计 line;
* per parent, what its children add up to, column by column: the sum of the
  figures, the sum of their rounding half-units, how many there are, and the
  first child (missing-parent is reported on it);
* the findings, which the rules of a table report in rule order (all of a
  table's invalid amounts before its codes, …), so they wait for the end.

Memory grows with the number of tables and of distinct codes per table, not
with lines.  The findings are those of ``validate(read_csv(...))``, byte for
byte and in the same order (tests/test_stream.py holds the two paths to it).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import chain, islice
from operator import itemgetter

from govclass.catalog import get_catalog
from govclass.document import AMOUNT, BLANK, KIND_SAMPLE, Line, Table, column_kind, is_total_name, parse_amount
from govclass.catalog.store import PARENT_LENGTH
from govclass.errors import InvalidCodeError
from govclass.model import Confidence
from govclass.normalize import normalize_code
from govclass.document import half_unit
from govclass.vocabulary import total_in_code_column
from govclass.errors import InputError
from govclass.readers.csv import code_column as _code_column
from govclass.readers.csv import first_record, header_columns
from govclass.readers.registry import ENCODINGS
from govclass.rulebook import DECLARED, ERROR, INFO
from govclass.speedups.twins import sum_key as _sum_key
from govclass.validation.frame import finding_for as _finding
from govclass.validation.report import Finding, Report
from govclass.validation.rules.codes import code_finding, duplicate_finding, low_confidence_message, other_code_named
from govclass.validation.rules.codes import restated_down
from govclass.validation.rules.codes import wanted_classifications as _wanted
from govclass.validation.rules.names import name_finding
from govclass.validation.rules.sums import misses_a_line as _misses_a_line
from govclass.validation.rules.sums import nearest_printed as _nearest_printed
from govclass.validation.rules.sums import one_gap_one_finding as _one_gap_one_finding
from govclass.validation.rules.sums import rollup_what as _rollup_what
from govclass.validation.rules.structure import flat_list_finding, is_flat_list
from govclass.validation.rules.sums import judge as _judge

__all__ = ["validate_csv", "validate_jsonl", "validate_rows"]

_ZERO = Decimal(0)
_LOW = Confidence.LOW
_RULE_GROUPS = ("invalid-amount", "codes", "names", "structure", "level", "rollup", "columns")


def _group(first: tuple, width: int) -> list:
    """The children of one parent seen so far, as one flat list (a table of
    many parents holds many): how many, the first (code, number, source line,
    name), then per column four integers: the sum of the figures and of their
    rounding half-units, how many figures (blanks and text that is not a
    number left out, as _compare does), and the most decimals one shows ``d``;
    the sum counts in units of 10^-d, the half-units in 10^-(d+1), so that
    the Decimals made of them at the end are those _compare adds up."""
    return [0, first, *([0, 0, 0, 0] * width)]


_POW10 = [10 ** k for k in range(40)]


def _add(group: list, base: int, value: int, d: int) -> None:
    """Add a figure of ``value`` × 10^-``d`` to the column at ``base``."""
    top = group[base + 3]
    if d > top:
        scale = _POW10[d - top] if d - top < 40 else 10 ** (d - top)
        group[base] *= scale
        group[base + 1] *= scale
        group[base + 3] = top = d
    elif d < top:
        value *= _POW10[top - d] if top - d < 40 else 10 ** (top - d)
    group[base] += value
    group[base + 1] += 5 * (_POW10[top - d] if top - d < 40 else 10 ** (top - d))
    group[base + 2] += 1


class _Table:
    """One table's state while its lines stream by."""

    __slots__ = ("table", "index", "n", "lei", "first", "parents", "groups", "total", "unplaced", "missing",
                 "doubtful", "again", "previous")

    def __init__(self, table: Table, index: int) -> None:
        self.table = table
        self.index = index  # tables report in the order they first appear
        self.n = 0  # lines so far
        self.lei: str | None = None  # the last 类 (a 2-digit 款 belongs to it)
        self.first: dict[str, int] = {}  # code -> number of its first line
        # code that can be a parent -> (number, source_line, name, figures): the
        # printed figures joined by NUL when they are plain, else their list
        self.parents: dict[str, tuple] = {}
        self.groups: dict[str, list] = {}  # what lines add up into -> _group
        self.total: tuple | None = None  # the last 合计 line, as a parent
        self.unplaced: list[str] = []  # codes printed that entered no sum (reported as not codes)
        # (what lines add up into, column) -> [(code, blank?)] of the lines with no value there
        self.missing: dict[tuple[str, int], list] = {}
        # what lines add up into -> (_group of its lines whose code is not of the edition or table, their codes)
        self.doubtful: dict[str, tuple[list, set]] = {}
        # what lines add up into -> (_group of the second printings of its codes, [(column, code, blank?)])
        self.again: dict[str, tuple[list, list]] = {}
        self.previous: tuple[str | None, tuple] = (None, ())  # the last coded line: its code and printed figures


# The findings of a table come rule group by rule group (validate.RULES);
# they are kept in one list with the table's index and their group's, and
# put in that order at the end (a stable sort keeps the lines' order).
_RESOLUTION, _INVALID_AMOUNT, _CODES, _NAMES, _STRUCTURE, _ROLLUP = range(6)
# column relations come last: relation r's 合计 line at 6 + 2r, its other lines at 7 + 2r (validate's order)
_COLUMNS = 6


def validate_rows(rows: Iterable[tuple[str, str | None, str | None, list[str], int]], columns: tuple[str, ...], *,
                  where: str = "<stream>", year: int | None = None, classification: str | None = None,
                  unit: str | None = None, tolerance: Decimal | str | None = None,
                  skip: Iterable[str] = ()) -> Report:
    """Validate lines given one at a time as ``(table, code, name, figures,
    source_line)``: ``table`` None for a file without a table column (one
    table named after ``where``), ``code`` and ``name`` stripped (None when
    blank), ``figures`` the printed cells of ``columns`` ("" when blank)."""
    from govclass.speedups.gc import paused

    rows, columns = _amount_columns(iter(rows), tuple(columns))
    with paused():
        return _validate_rows(rows, columns, where, year, classification, unit, tolerance, skip)


def _amount_columns(rows: Iterator, columns: tuple[str, ...]) -> tuple[Iterator, tuple[str, ...]]:
    """The rows with only the columns that add up, told as a whole table tells them
    (:meth:`~govclass.document.Table.summed_columns`: the header, and the figures of the first
    :data:`~govclass.document.KIND_SAMPLE` lines, which are held back that long and no longer)."""
    first = list(islice(rows, KIND_SAMPLE))
    keep = [i for i, c in enumerate(columns)
            if column_kind(c, (r[3][i] if i < len(r[3]) else "" for r in first)) == AMOUNT]
    rows = chain(first, rows)
    if len(keep) == len(columns):
        return rows, columns
    return ((t, code, name, [figures[i] if i < len(figures) else "" for i in keep], source)
            for t, code, name, figures, source in rows), tuple(columns[i] for i in keep)


def _validate_rows(rows, columns, where, year, classification, unit, tolerance, skip) -> Report:
    from govclass.catalog.store import R_PARENT, latest_year

    tol = None if tolerance is None else Decimal(str(tolerance))
    edition = year if year is not None else latest_year()  # validate(read_csv(..., year=year), year) decides so
    catalog = get_catalog(edition)
    skipped = set(skip)
    classification, unit = classification or "functional", unit or "万元"
    objs, known, entry_of = catalog.entries, catalog.store.codes, catalog.entry
    # the lengths of the codes that can be a parent: what the edition's parents and _sum_key cut codes to
    parent_lengths = frozenset({3, *PARENT_LENGTH.values(), *(len(r[R_PARENT]) for r in known.values() if r[R_PARENT])})
    width = len(columns)
    bases = range(2, 2 + 4 * width, 4)
    default_name = os.path.splitext(os.path.basename(where))[0]
    tables: dict[str | None, _Table] = {}
    wanted = _wanted(Table("", classification, unit, columns, ()))
    year_of = catalog.year
    sep, last = "\x00", width - 1
    plain = re.compile("(?:-?[0-9]+(?:[.][0-9]+)?)?(?:\x00(?:-?[0-9]+(?:[.][0-9]+)?)?)*").fullmatch
    out: list[tuple[int, int, Finding]] = []
    emit = out.append
    # what is not to be reported is not kept either (findings are the one thing that grows with lines)
    report_invalid = not skipped & {"invalid-amount"}
    report_codes = not skipped & {"codes"}
    report_duplicates = not skipped & {"codes", "duplicate-line"}
    report_names = not skipped & {"names"}
    from govclass.validation.relations import CheckedRelation, infer
    from govclass.validation.rules.sums import compare

    rels = () if "columns" in skipped else infer(columns)
    at_col = {c: i for i, c in enumerate(columns)}
    rel_index = [(r, at_col[r.total], [at_col[p] for p in r.parts]) for r in rels]

    def check_columns(state: _Table, code: str | None, name: str | None, cells: list, number: int,
                      source: int | None, where: int) -> None:
        line = Line(code, name, dict(zip(columns, cells)), code is None, number, source)
        for ri, (rel, ti, pis) in enumerate(rel_index):
            f = compare("column-mismatch", state.table, line, rel.total, cells[ti], [cells[i] for i in pis], tol,
                        f"{rel.total} ≠ {' + '.join(rel.parts)}", f"{rel.total}不等于{'+'.join(rel.parts)}", code,
                        rel.parts)
            if f is not None:
                emit((state.index, _COLUMNS + 2 * ri + where, f))

    state = None
    for tname, code, name, figures, source in rows:
        if code is not None and total_in_code_column(code, name):  # 合计 printed in the code column (as read_csv)
            code, name = None, code
        if state is None or tname != state_name:  # another table (the lines of one usually come together)
            state = tables.get(tname)
            if state is None:
                state = tables[tname] = _Table(Table(default_name if tname is None else tname, classification, unit,
                                                     columns, ()), len(tables))
            state_name, seen, groups, at = tname, state.first, state.groups, state.index
        state.n += 1
        number = state.n
        # Plain figures ("1234.56", "-12", blanks: nearly every line of an
        # export) are read right here; any other line goes through parse_amount.
        joined = sep.join(figures)
        cells = None if plain(joined) and joined.count(sep) == last else [parse_amount(f) for f in figures]
        if cells is not None and report_invalid and True in map(_INVALID, cells):
            table = state.table
            for column, cell in zip(columns, cells):
                if cell[4]:
                    emit((at, _INVALID_AMOUNT, _finding(
                        "invalid-amount", table, Line(code, name, {}, False, number, source),
                        f"{column}: {cell.raw!r} is not a number", f"{column}栏“{cell.raw}”不是数字", code=code,
                        name=name, column=column, actual=cell.raw)))
        if code is None:  # the 合计 line (the last one counts), or a line the rules cannot check
            if is_total_name(name):
                state.total = (number, source, name, joined if cells is None else figures)
            else:
                emit((at, _RESOLUTION, _finding(
                    "uncoded-line", state.table, Line(code, name, {}, False, number, source),
                    f"line {number} ({name or 'no name'}) has no code and is not the 合计 line: it is not checked",
                    f"第 {number} 行（{name or '无名称'}）没有科目编码，也不是合计行，未作校验", name=name)))
            continue
        entry = objs.get(code)
        if entry is None and code in known:
            entry = entry_of(code)
        if entry is None:  # not a clean legal code: normalise, or resolve a 2-digit 款
            try:
                resolved = normalize_code(code)
            except InvalidCodeError as exc:
                if code.isdigit():
                    state.unplaced.append(code)
                emit((at, _RESOLUTION, _finding("unknown-code", state.table, Line(code, name, {}, False, number, source),
                                                f"{code!r} is not a code: {exc.reason}", f"“{code}”不是科目编码",
                                                name=name)))
                continue
            if len(resolved) == 2:
                if state.lei is None:
                    emit((at, _RESOLUTION, _finding(
                        "orphan", state.table, Line(code, name, {}, False, number, source),
                        f"款 {resolved} has no 类 line above it to belong to",
                        f"款级编码 {resolved} 之前没有类级科目，无法确定其所属类", name=name)))
                    continue
                resolved = state.lei + resolved
            code = resolved
            entry = entry_of(code)
        else:
            code = entry.code  # one string for every line that prints it
        state.lei = code[:3]
        if rel_index:
            check_columns(state, code, name, cells if cells is not None else [parse_amount(f) for f in figures],
                          number, source, 1)
        # codes: duplicate-line, then what the code itself calls for
        first = seen.get(code)
        printed = tuple(f.strip() or None for f in figures)
        restated = first is not None and restated_down(entry, state.previous[0], code, state.previous[1], printed)
        state.previous = (code, printed)
        if first is not None:
            if report_duplicates and not restated:
                emit((at, _CODES, duplicate_finding(state.table, Line(code, name, {}, False, number, source), code,
                                                    first, entry, catalog)))
        else:
            seen[code] = number
        if entry is not None and name == entry.name:
            name = entry.name  # one string for every line that prints it
        if report_codes and (entry is None or entry.classification not in wanted or entry.confidence is _LOW):
            finding = _code_finding(state.table, catalog, code, entry, name, number, source, wanted, year_of,
                                    skipped)
            if finding is not None:
                emit((at, _CODES, finding))
        if (report_names and name is not None and entry is not None and name is not entry.name
                and entry.classification in wanted
                and (first is None or other_code_named(name, entry, catalog) is None)):
            emit((at, _NAMES, name_finding(state.table, Line(code, name, {}, False, number, source), code, entry,
                                            catalog)))
        if entry is not None:
            key = entry.parent or ""
        else:
            key = _sum_key(code)
            if key is None:
                state.unplaced.append(code)
                continue
        if first is not None:  # only the first line of a code adds up; a second printing is kept aside
            kept = state.again.get(key)
            if kept is None:
                kept = state.again[key] = (_group((code, number, source, name), width), [])
            _tally(kept[0], bases, figures, cells)
            kept[1].extend((c, code, _is_blank(figures, cells, c)) for c in range(width) if _no_value(figures, cells, c))
            continue
        if entry is None or entry.classification not in wanted:
            kept = state.doubtful.get(key)
            if kept is None:
                kept = state.doubtful[key] = (_group((code, number, source, name), width), set())
            _tally(kept[0], bases, figures, cells)
            kept[1].add(code)
        for c in range(width):
            if _no_value(figures, cells, c):
                state.missing.setdefault((key, c), []).append((code, _is_blank(figures, cells, c)))
        if len(code) in parent_lengths:
            state.parents[code] = (number, source, name, joined if cells is None else figures)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _group((code, number, source, name), width)
        _tally(group, bases, figures, cells)
    if not tables:
        raise InputError(f"{where}: a header and no lines")
    for state in tables.values():
        if rel_index and state.total is not None:
            number, source, name, printed = state.total
            figures = printed.split(sep) if isinstance(printed, str) else printed
            check_columns(state, None, name, [parse_amount(f) for f in figures], number, source, 0)
        if "structure" not in skipped:
            out.extend((state.index, _STRUCTURE, f) for f in _missing_parents(state))
        if "rollup" not in skipped:
            out.extend((state.index, _ROLLUP, f) for f in _rollup(state, columns, tol))
    out.sort(key=_ORDER)
    if rels:  # one misprinted figure, one finding (as validate merges a table's rule findings)
        from govclass.validation.misprints import merge_misprints

        merged: list[tuple[int, int, Finding]] = []
        for index in range(len(tables)):
            mine = [t for t in out if t[0] == index]
            rules = merge_misprints([f for _t, g, f in mine if g != _RESOLUTION], rels, catalog)
            merged.extend(t for t in mine if t[1] == _RESOLUTION)
            merged.extend((index, _COLUMNS, f) for f in rules)
        out = sorted(merged, key=_ORDER) if len(merged) != len(out) or merged != out else out
    findings = [f for _t, _g, f in out if f.rule not in skipped]
    checked = tuple(CheckedRelation(state.table.name, r.total, r.parts, "columns")
                    for state in sorted(tables.values(), key=lambda t: t.index) for r in rels)
    return Report(tuple(findings), edition, len(tables), sum(state.n for state in tables.values()),
                  relations=checked)


def _tally(group: list, bases: range, figures: list[str], cells: list | None) -> None:
    """Add a line's figures to ``group`` (as the main loop adds a first line)."""
    group[0] += 1
    if cells is None:  # plain figures: "-12.50" is -1250 in units of 10^-2
        for base, f in zip(bases, figures):
            if f:
                point = f.find(".")
                if point < 0:
                    _add(group, base, int(f), 0)
                else:
                    _add(group, base, int(f[:point] + f[point + 1:]), len(f) - point - 1)
        return
    for base, cell in zip(bases, cells):
        value = cell[1]
        if value is not None:
            d = cell[2]
            _add(group, base, int(value.scaleb(d)), d)


def _no_value(figures: list[str], cells: list | None, c: int) -> bool:
    return not figures[c] if cells is None else cells[c][1] is None


def _is_blank(figures: list[str], cells: list | None, c: int) -> bool:
    return True if cells is None else cells[c][0] is None


_ORDER = itemgetter(0, 1)
_INVALID = BLANK.__class__.invalid.fget


def _code_finding(table: Table, catalog, code: str, entry, name: str | None, number: int, source: int | None,
                  wanted, year: int, skipped: set[str]) -> Finding | None:
    """low-confidence-code, or what rules.codes.code_finding says (retired-code,
    unknown-code, wrong-classification)."""
    if entry is not None and entry.classification in wanted:  # low confidence
        if "low-confidence-code" in skipped:
            return None
        en, zh = low_confidence_message(code, entry.name, year)
        return Finding("low-confidence-code", DECLARED["low-confidence-code"].severity, table.name, en, zh, number, source,
                       code, name)
    return code_finding(table, Line(code, name, {}, False, number, source), code, entry, catalog)


def _missing_parents(state: _Table) -> list[Finding]:
    """missing-parent: a group whose parent no line prints, on its first child."""
    out = []
    orphans = [(k, g) for k, g in sorted(state.groups.items(), key=lambda kv: kv[1][1][1]) if k and k not in state.parents]
    if is_flat_list(len(orphans), sum(1 for k in state.groups if k)):
        code, number, source, name = orphans[0][1][1]
        return [flat_list_finding(state.table, Line(code, name, {}, False, number, source), len(orphans))]
    for key, group in sorted(state.groups.items(), key=lambda kv: kv[1][1][1]):
        if key and key not in state.parents:
            code, number, source, name = group[1]
            out.append(_finding("missing-parent", state.table, Line(code, name, {}, False, number, source),
                                f"{code} is printed without its parent line {key}",
                                f"{code} 的上级科目 {key} 未列示", code=code, name=name, expected=key))
    return out


def _rollup(state: _Table, columns: tuple[str, ...], tolerance: Decimal | None) -> list[Finding]:
    """rollup-mismatch, incomplete-sum and rounding-difference: each printed
    parent against its children's sums, by the parent's line, then column,
    judged as the whole-file roll-up judges (rules.sums.judge; a line whose
    code is not of the edition, or a code's second printing, as rule_rollup
    weighs them)."""
    flagged = []
    printed_keys = [k for k in state.groups if k]
    orphans = _orphans(state)  # groups whose parent line is not printed, by their nearest printed ancestor
    todo = list(state.groups.items())
    if state.total is not None and "" not in state.groups and orphans.get("") and \
            all(not k or (state.parents.get(k) is None) for k in state.groups):
        todo.append(("", None))  # a flat list: the 合计 adds up every line
    for key, own in todo:
        parent = state.parents.get(key) if key else state.total
        if parent is None:
            continue
        if own is not None and state.unplaced and _misses_a_line(key, state.unplaced, printed_keys):
            continue  # one defect, one finding (govclass.validation.rules.sums.misses_a_line)
        under = orphans.get(key, [])
        members = ([own] if own is not None else []) + [g for _k, g in under]
        group = members[0] if len(members) == 1 else _merged(members)
        number, source, name, figures = parent
        cells = [parse_amount(f) for f in (figures.split("\x00") if figures.__class__ is str else figures)]
        doubtful = _kept_together([state.doubtful.get(k) for k in [key, *(k for k, _g in under)]], set.union, set())
        again = _kept_together([state.again.get(k) for k in [key, *(k for k, _g in under)]], list.__add__, [])
        what_en, what_zh = _rollup_what(key, group[0]) if own is not None else (
            f"合计 ≠ sum of the {group[0]} lines of a flat list", f"合计不等于平铺列表 {group[0]} 行之和")
        line = Line(key or None, name, {}, not key, number, source)
        for c, column in enumerate(columns):
            cell = cells[c]
            printed = cell[1]
            base = 2 + 4 * c
            if printed is None or not group[base + 2]:
                continue
            if own is not None and under and printed == Decimal(own[base]).scaleb(-own[base + 3]):
                continue  # the printed lines add up (what the whole-file screen passes): not looked at again
            missing = [*state.missing.get((key, c), ()), *(m for k, _g in under for m in state.missing.get((k, c), ()))]

            def verdict(groups_in: list[list], groups_out: list[list], rows: int, gone: set[str], extra: list):
                count = sum(g[base + 2] for g in groups_in) - sum(g[base + 2] for g in groups_out)
                if not count:
                    return None
                actual = sum((Decimal(g[base]).scaleb(-g[base + 3]) for g in groups_in), _ZERO) - \
                    sum((Decimal(g[base]).scaleb(-g[base + 3]) for g in groups_out), _ZERO)
                half = sum((Decimal(g[base + 1]).scaleb(-(g[base + 3] + 1)) for g in groups_in), _ZERO) - \
                    sum((Decimal(g[base + 1]).scaleb(-(g[base + 3] + 1)) for g in groups_out), _ZERO)
                tol = tolerance if tolerance is not None else half_unit(cell[2]) + half
                lacking = [(code, blank) for code, blank in missing if code not in gone] + extra
                return _judge("rollup-mismatch", state.table, line, column, printed, actual, tol, rows > count,
                              tuple(code for code, blank in lacking if blank),
                              any(not blank for _code, blank in lacking), what_en, what_zh, key or None)

            f = verdict([group], [], group[0], set(), [])
            if f is None:
                continue
            if doubtful is not None and f.severity != INFO:
                without = verdict([group], [doubtful[0]], group[0] - doubtful[0][0], doubtful[1], [])
                if without is None or without.severity != ERROR:
                    continue
            if again is not None and f.severity != INFO:
                extra = [(code, blank) for col, code, blank in again[1] if col == c]
                with_it = verdict([group, again[0]], [], group[0] + again[0][0], set(), extra)
                if with_it is None or with_it.severity == INFO:
                    continue
            flagged.append((number, c, f))
    flagged.sort(key=_ORDER)
    return list(_one_gap_one_finding([((n, 0), f) for n, _c, f in flagged], state.table.relations))


def _orphans(state: _Table) -> dict[str, list[tuple[str, list]]]:
    """The groups whose parent line is not printed, by the nearest printed
    line above them ("" for the 合计): their money reaches it all the same
    (govclass.validation.rules.sums.orphans_under, with the same nearest_printed)."""
    out: dict[str, list[tuple[str, list]]] = {}
    for key, group in state.groups.items():
        if not key or state.parents.get(key) is not None:
            continue
        out.setdefault(_nearest_printed(key, state.parents), []).append((key, group))
    return out


def _kept_together(kept: list, join, empty):
    """The lines kept aside (doubtful codes, second printings) of a group and
    of the groups under it whose parent is not printed, as one."""
    kept = [k for k in kept if k is not None]
    if len(kept) < 2:
        return kept[0] if kept else None
    extra = empty
    for _g, more in kept:
        extra = join(extra, more)
    return _merged([g for g, _m in kept]), extra


def _merged(groups: list[list]) -> list:
    """Groups added together (a group: its row count, then per column its tallies)."""
    out = list(groups[0])
    for g in groups[1:]:
        out[0] += g[0]
        for base in range(2, len(out), 4):
            top = max(out[base + 3], g[base + 3])
            for src, k in ((out, 1), (g, 0)):
                scale = 10 ** (top - src[base + 3])
                if k:  # rescale what is summed so far to the finer scale
                    out[base] *= scale
                    out[base + 1] *= scale
                else:
                    out[base] += g[base] * scale
                    out[base + 1] += g[base + 1] * scale
            out[base + 2] += g[base + 2]
            out[base + 3] = top
    return out


# -- CSV ---------------------------------------------------------------------------


def _csv_rows(lines: Iterator[str], where: str, delimiter: str | None):
    """The header's columns and a generator of rows as :func:`validate_rows`
    takes them, read with csv.reader as govclass.readers reads a file it
    cannot split (quoted fields, short lines padded, blank lines skipped,
    the line number where each record starts)."""
    first = next(lines, None)
    if first is None:
        raise InputError(f"{where}: empty file")
    first = first.lstrip("\ufeff")
    head = first.split("\n", 1)[0].split("\r", 1)[0]
    if delimiter is None:
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.reader(chain((first,), lines), delimiter=delimiter)
    header, k, columns = header_columns(first_record(reader, where), where)
    return columns, _records(reader, len(header), k, where)


def _records(reader, width: int, k: int, where: str):
    last = reader.line_num
    pad = [""] * width
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if len(row) != width:
                if not row:
                    continue
                if len(row) > width:
                    raise InputError(f"{where}: line {start} has {len(row)} cells, the header {width}")
                row = row + pad[len(row):]
            table = row[0].strip() if k else None
            code, name = row[k].strip(), row[k + 1].strip()
            figures = row[k + 2:]
            if not code and not name and not table and not any(f.strip() for f in figures):
                continue  # a blank line (white space only too)
            yield table, code or None, name or None, figures, start
    except csv.Error as exc:
        raise InputError(f"{where}: line {reader.line_num}: not readable as CSV: {exc}") from None


def validate_csv(source: str | os.PathLike | io.TextIOBase, *, where: str | None = None, year: int | None = None,
                 classification: str | None = None, unit: str | None = None,
                 tolerance: Decimal | str | None = None, skip: Iterable[str] = (),
                 delimiter: str | None = None) -> Report:
    """Validate a CSV file of tables (the format of :func:`govclass.readers.read_csv`)
    in one pass: ``source`` a path (UTF-8, else GB18030, as the reader
    decodes files) or an open text file.  The report is that of
    ``validate(read_csv(text, where, year=year, …), year)``."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        where = path if where is None else where
        if delimiter is None and os.path.splitext(path)[1].lower() == ".tsv":
            delimiter = "\t"
        _check_file(path)
        for encoding in ENCODINGS:
            try:
                with open(path, encoding=encoding, newline="") as fh:
                    try:
                        return _table_runs(fh, where, delimiter, year, classification, unit, tolerance, skip)
                    except _NotRuns:
                        fh.seek(0)
                    columns, rows = _csv_rows(iter(fh), where, delimiter)
                    return validate_rows(rows, columns, where=where, year=year, classification=classification,
                                         unit=unit, tolerance=tolerance, skip=skip)
            except UnicodeDecodeError:
                continue
        raise InputError(f"{where}: not UTF-8 or GB18030 text")
    where = "<csv>" if where is None else where
    columns, rows = _csv_rows(iter(source), where, delimiter)
    return validate_rows(rows, columns, where=where, year=year, classification=classification, unit=unit,
                         tolerance=tolerance, skip=skip)


class _NotRuns(Exception):
    """The file is not whole tables one after another that the block reader
    can split: it is read again, line by line (validate_rows)."""


_BLOCK = 1 << 20  # characters of text split at a time


def _table_runs(fh, where: str, delimiter: str | None, year, classification, unit, tolerance, skip) -> Report:
    """A file whose tables come one after another (every line of a table
    before the next table's: how exports are sorted by unit) is validated
    block by block through the whole-file path: each block of text is split
    in C (the figures stay spans of its text), the tables that end in it are
    validated at once, and the one that runs on into the next block is
    carried over.  Memory holds a block and one table; the findings are
    those of the whole file, table after table.  Raises _NotRuns, having
    read part of the file, when a table comes back after another (its lines
    are not together), a field is quoted, a line is blank or short, or
    there is no table column: the caller reads the file again line by line."""
    from itertools import compress, count, islice
    from operator import ne

    from govclass.readers.csv import columns_document
    from govclass.speedups.gc import paused
    from govclass.speedups.twins import padded, split_columns
    from govclass.validation import validate

    head = fh.readline().lstrip("\ufeff")
    if not head.endswith("\n") or '"' in head:
        raise _NotRuns
    head = head[:-2] if head.endswith("\r\n") else head[:-1]
    if delimiter is None:
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
    header = head.split(delimiter)
    if _code_column([h.strip() for h in header]) != 1:  # one table, or not a table header: line by line
        raise _NotRuns
    columns = [h.strip() for h in header[3:]]
    if len(set(columns)) != len(columns) or not all(columns):
        raise _NotRuns  # the line reader says what is wrong
    reports: list[Report] = []
    done: set[str] = set()
    # The table that runs on past the end of a block, its cells taken out of the block's text
    carried: str | None = None
    carry: list[list[str]] = []
    carry_lines: list[int] = []

    def check(cols: list, lines, flags: list[bool]) -> None:
        """Validate whole tables given as columns of cells."""
        try:
            doc = columns_document(header, cols, lines, flags, where, classification, unit, year)
        except InputError:  # only blank lines
            raise _NotRuns from None
        reports.append(validate(doc, year, tolerance=tolerance, skip=skip))

    at = 2  # the line of the block's first row
    with paused():
        while True:
            block = fh.read(_BLOCK)
            if not block:
                break
            if block[-1] != "\n":
                block += fh.readline()
            if '"' in block:
                raise _NotRuns
            # the figures stay spans of the block's text (as the whole-file reader keeps them)
            split = split_columns(head + "\n" + block, delimiter, 3)
            if split is None:
                raise _NotRuns
            block_cols, n, flags = split[1], len(split[2]), split[3]
            names = list(map(str.strip, block_cols[0]))
            starts = [0, *compress(count(1), map(ne, islice(names, 1, None), names))]
            ends = [*starts[1:], n]
            runs = list(zip(starts, ends))
            if carried is not None:
                if names[0] == carried:  # the carried table goes on into this block
                    first, end = runs.pop(0)
                    for mine, theirs in zip(carry, block_cols):
                        mine.extend(theirs[first:end])
                    carry_lines.extend(range(at + first, at + end))
                if runs:  # it ends in this block: whole now
                    check(carry, carry_lines, list(map(padded, carry)))
                    done.add(carried)
                    carried, carry, carry_lines = None, [], []
            if runs:
                last = runs.pop()  # may go on into the next block
                for first, _end in runs:
                    if names[first] in done:
                        raise _NotRuns
                    done.add(names[first])
                if runs:
                    a, b = runs[0][0], runs[-1][1]
                    check([c[a:b] for c in block_cols], range(at + a, at + b), flags)
                carried = names[last[0]]
                if carried in done:
                    raise _NotRuns
                carry = [list(c[last[0]:last[1]]) for c in block_cols]
                carry_lines = list(range(at + last[0], at + last[1]))
            at += n
        if carried is None:
            raise _NotRuns
        check(carry, carry_lines, list(map(padded, carry)))
    findings = tuple(f for r in reports for f in r.findings)
    return Report(findings, reports[0].edition, sum(r.tables for r in reports), sum(r.lines for r in reports),
                  relations=tuple(c for r in reports for c in r.relations))


def _check_file(path: str) -> None:
    """What the whole-file reader refuses before reading: a file it cannot
    open, binary data, a file of white space only."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
            if b"\x00" in head:
                raise InputError(f"{path}: binary data, not a text document")
            blank = not head.strip()
            while blank:
                block = fh.read(1 << 16)
                if not block:
                    raise InputError(f"{path}: empty file")
                blank = not block.strip()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


# -- JSON Lines --------------------------------------------------------------------


def validate_jsonl(source: str | os.PathLike | io.TextIOBase, *, amounts: Iterable[str] | None = None,
                   where: str | None = None, year: int | None = None, classification: str | None = None,
                   unit: str | None = None, tolerance: Decimal | str | None = None,
                   skip: Iterable[str] = ()) -> Report:
    """Validate JSON Lines in one pass: one object per line, a budget line as
    a CSV row would hold it, ``{"table": …, "code": …, "name": …, "<column>": …}``
    (``table`` optional).  The amount columns are ``amounts``, else the keys
    of the first object other than table, code and name.  Codes may be JSON
    integers; a figure may be a string as printed, a number, or null (a blank).
    ``source_line`` is the line of the JSON Lines file."""
    import json

    from govclass.adapters.dataframe import amount_text, code_text, name_text

    def lines() -> Iterator[tuple[int, dict]]:
        for number, text in enumerate(fh, 1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: line {number}: not valid JSON: {exc.msg}") from None
            if not isinstance(obj, dict):
                raise InputError(f"{where}: line {number}: a budget line is a JSON object")
            yield number, obj

    def rows(stream: Iterator[tuple[int, dict]], first: tuple[int, dict]):
        for number, obj in chain((first,), stream):
            try:
                code = code_text(obj.get("code"), "code", number)
            except ValueError as exc:
                raise InputError(f"{where}: line {number}: {exc}") from None
            table = obj.get("table")
            extra = set(obj) - known
            if extra:
                raise InputError(f"{where}: line {number}: unknown key {sorted(extra)[0]!r}")
            figures = [amount_text(obj.get(c)) for c in columns]
            code, name = code.strip(), name_text(obj.get("name")).strip()
            tname = None if table is None else name_text(table).strip()
            if not code and not name and not tname and not any(f.strip() for f in figures):
                continue
            yield tname, code or None, name or None, figures, number

    opened = isinstance(source, (str, os.PathLike))
    if opened:
        where = os.fspath(source) if where is None else where
        _check_file(os.fspath(source))
        fh = open(source, encoding="utf-8-sig")
    else:
        where = "<jsonl>" if where is None else where
        fh = source
    try:
        stream = lines()
        first = next(stream, None)
        if first is None:
            raise InputError(f"{where}: empty file")
        columns = tuple(amounts) if amounts is not None else tuple(
            k for k in first[1] if k not in ("table", "code", "name"))
        if not columns:
            raise InputError(f"{where}: no amount column")
        known = {"table", "code", "name", *columns}
        return validate_rows(rows(stream, first), columns, where=where, year=year, classification=classification,
                             unit=unit, tolerance=tolerance, skip=skip)
    finally:
        if opened:
            fh.close()


def streamable(path: str, fmt: str | None = None) -> str | None:
    """How ``validate --stream`` reads ``path``: "jsonl" (.jsonl, .ndjson),
    "csv" (a table CSV: ``fmt`` csv, or a .csv/.tsv/.txt file whose first
    line is a ``[table,]code,name,…`` header), None (the whole-file reader:
    JSON, YAML, disclosures)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".jsonl", ".ndjson") and fmt in (None, "json"):
        return "jsonl"
    if fmt == "csv":
        return "csv"
    if fmt is not None or ext not in (".csv", ".tsv", ".txt", ""):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None  # the whole-file reader says why
    for encoding in ENCODINGS:
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the end of the block
                text = head[:exc.start].decode(encoding)
                break
    else:
        return None
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            delimiter = "\t" if line.count("\t") > line.count(",") else ","
            return "csv" if _code_column(line.split(delimiter)) is not None else None
    return None
