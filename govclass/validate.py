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
==================== ======== ==================================================

Rounding tolerance: each printed figure is rounded to the decimals it shows,
so it is off by at most half a unit of its last place.  A total and its n
parts can therefore differ by at most the sum of their half-units ((n+1) × ½
unit when all show the same decimals), in the table's unit.  Beyond that the
difference is an error; within it and non-zero it is information.  Pass
``tolerance=`` (in the table's unit) to override.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from operator import attrgetter, itemgetter

import attrs

from govclass.catalog import Catalog, get_catalog
from govclass.document import Cell, Document, Line, Table
from govclass.errors import InvalidCodeError
from govclass.model import Classification, Code, Confidence
from govclass.normalize import normalize_code, normalize_name

from govclass.crosscheck import CROSS_RULES  # noqa: E402 - rule ids and severities of the cross-table checks

__all__ = ["Finding", "Report", "validate", "RULES", "SEVERITY"]

ERROR, WARNING, INFO = "error", "warning", "info"

SEVERITY = {
    "schema": ERROR,
    "invalid-amount": ERROR,
    "unknown-code": ERROR,
    "retired-code": ERROR,
    "wrong-classification": ERROR,
    "orphan": ERROR,
    "duplicate-line": ERROR,
    "name-mismatch": ERROR,
    "name-variant": WARNING,
    "low-confidence-code": INFO,
    "missing-parent": WARNING,
    "level-misplaced": ERROR,
    "rollup-mismatch": ERROR,
    "column-mismatch": ERROR,
    "rounding-difference": INFO,
    # what a disclosure reader could not read (govclass.document.Problem)
    "unreadable-table": WARNING,
    "missing-table": WARNING,
    "unreadable-line": WARNING,
    "empty-table": INFO,
    "column-placement": INFO,
    # between the tables of a disclosure (govclass.crosscheck)
    **CROSS_RULES,
}


@attrs.frozen(slots=True)
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

    def to_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        for key in ("difference", "tolerance"):
            if d[key] is not None:
                d[key] = str(d[key])
        d["suggestions"] = list(self.suggestions)
        return d


@attrs.frozen(slots=True)
class Report:
    findings: tuple[Finding, ...]
    edition: int
    tables: int
    lines: int

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
        return {
            "edition": self.edition,
            "tables": self.tables,
            "lines": self.lines,
            "ok": self.ok,
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }


# -- resolving the printed codes of a table ------------------------------------

# A resolved row is a plain tuple (hot loops): the line, its code as resolved
# (5 digits for a printed "01" under its 类), the catalog's entry (None when
# the edition has no such code) and the line's amounts in column order (0 for
# a blank or invalid cell).  Level and parent follow from the code's length.
#
# Sums are first taken over these amounts: when a total equals the sum of its
# parts that way, nothing is wrong.  Only when they differ does the exact check
# (_compare, which skips blanks and knows the rounding tolerance) run, so a
# blank is never taken for a zero in what is reported.
_Row = tuple  # (Line, str, Code | None, tuple[Decimal, ...])
_AMOUNT = itemgetter(3)  # Cell.amount
_ENTRY = itemgetter(2)
_IS_TOTAL = attrgetter("total")
_INVALID = itemgetter(4)  # Cell.invalid
_NONE = type(None)


def _values_getter(columns: tuple[str, ...]) -> Callable[[Line], tuple[Decimal, ...]]:
    """A function giving a line's amounts in column order (0 for a missing cell)."""
    if len(columns) > 1:
        pick = itemgetter(*columns)
    elif columns:
        one = columns[0]

        def pick(cells: dict) -> tuple:
            return (cells[one],)
    else:
        return lambda line: ()

    def values(line: Line) -> tuple[Decimal, ...]:
        try:
            return tuple(map(_AMOUNT, pick(line.cells)))
        except KeyError:
            return tuple(line.cells[c].amount if c in line.cells else _ZERO for c in columns)

    return values


def _finding(rule: str, table: Table, line: Line | None, en: str, zh: str, **kw: object) -> Finding:
    return Finding(rule, SEVERITY[rule], table.name, en, zh,
                   line=None if line is None else line.number,
                   source_line=None if line is None else line.source_line, **kw)  # type: ignore[arg-type]


_TOTAL_NAMES = frozenset(("合计", "总计"))


def _resolve(table: Table, catalog: Catalog) -> tuple[list[_Row], Line | None, list[Finding]]:
    """Resolve printed codes (2-digit 款 under the last 类 line) and look each
    up once; return rows, the 合计 line and the findings of resolution."""
    cached = catalog._objs.get
    pick = itemgetter(*table.columns) if len(table.columns) > 1 else None
    lines = table.lines
    if pick is not None:
        # Fast path: every line a clean legal code the catalog has already
        # built, every cell present, no 合计 line.  Anything else: the loop below.
        try:
            rows = [(ln, ln.code, cached(ln.code), tuple(map(_AMOUNT, pick(ln.cells)))) for ln in lines]
        except (KeyError, TypeError):
            rows = None
        if rows is not None and _NONE not in map(type, map(_ENTRY, rows)) and not any(map(_IS_TOTAL, lines)):
            return rows, None, []
    rows = []
    append = rows.append
    total: Line | None = None
    findings: list[Finding] = []
    lei: str | None = None
    entry_of = catalog.entry
    values = _values_getter(table.columns)
    for line in lines:
        code = line.code
        if line.total or code is None:
            if line.total or (line.name and normalize_name(line.name) in _TOTAL_NAMES):
                total = line
            continue
        entry = cached(code)
        if entry is None and code.__class__ is str:
            entry = entry_of(code)
        if entry is None:  # not a clean legal code: normalise, or resolve a 2-digit 款
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
        append((line, code, entry, values(line)))
    return rows, total, findings


# -- rules -------------------------------------------------------------------------

Rule = Callable[[Table, list[_Row], Line | None, Catalog, Decimal | None], Iterable[Finding]]


def rule_invalid_amount(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                        tolerance: Decimal | None) -> Iterator[Finding]:
    lines = [r[0] for r in rows] + ([total] if total is not None else [])
    for line in lines:
        if True not in map(_INVALID, line.cells.values()):
            continue
        for column, cell in line.cells.items():
            if cell.invalid:
                yield _finding("invalid-amount", table, line, f"{column}: {cell.raw!r} is not a number",
                               f"{column}栏“{cell.raw}”不是数字", code=line.code, name=line.name, column=column,
                               actual=cell.raw)


_WANTED = {
    "functional": frozenset((Classification.FUNCTIONAL,)),
    "economic": frozenset((Classification.ECONOMIC_DEPT, Classification.ECONOMIC_GOV)),
}


def rule_codes(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
               tolerance: Decimal | None) -> Iterator[Finding]:
    """unknown-code, wrong-classification, low-confidence-code, duplicate-line."""
    seen: dict[str, Line] = {}
    wanted = _WANTED["functional" if table.classification == "functional" else "economic"]
    low = Confidence.LOW
    dups = len({r[1] for r in rows}) != len(rows)
    if not dups:  # only lines with something to say
        rows = [r for r in rows if (e := r[2]) is None or e.classification not in wanted or e.confidence is low]
    for line, code, entry, _ in rows:
        if dups and (first := seen.setdefault(code, line)) is not line:
            yield _finding("duplicate-line", table, line, f"{code} is printed twice (first on line {first.number})",
                           f"科目 {code} 重复出现（首次在第 {first.number} 行）", code=code, name=line.name)
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
        elif entry.classification not in wanted:
            yield _finding("wrong-classification", table, line,
                           f"{code} {entry.name} is a {entry.classification.label} code, not {table.classification}",
                           f"{code} {entry.name} 属于{entry.classification.label}，不应出现在本表",
                           code=code, name=line.name, expected=table.classification,
                           actual=entry.classification.value)
        elif entry.confidence is low:
            yield _finding("low-confidence-code", table, line,
                           f"{code} {entry.name}: govclass is not sure this code is in the {catalog.year} edition",
                           f"{code} {entry.name}：本库未能确认该科目属于 {catalog.year} 年版", code=code, name=line.name)


def rule_names(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
               tolerance: Decimal | None) -> Iterator[Finding]:
    """name-mismatch and name-variant, per code (names are not unique)."""
    wanted = _WANTED["functional" if table.classification == "functional" else "economic"]
    for line, code, entry, _ in rows:
        printed = line.name
        if entry is None or not printed or printed == entry.name or entry.classification not in wanted:
            continue
        finding = _name_finding(table, line, code, entry, catalog)
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
    # The name of another code of the same classification (a sibling first)?
    owners = catalog.codes_named(line.name, entry.classification)  # type: ignore[arg-type]
    if owners:
        owners.sort(key=lambda c: (c.parent != entry.parent, c.code))
        other = owners[0]
        return _finding("name-mismatch", table, line,
                        f"{code} is {entry.name}; {line.name!r} is the name of {other.code}",
                        f"{code} 应为“{entry.name}”；“{line.name}”是 {other.code} 的名称",
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


def rule_structure(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                   tolerance: Decimal | None) -> Iterator[Finding]:
    """missing-parent: a 款/项 line whose 类/款 is not printed."""
    present = {r[1] for r in rows}
    parents = {e.parent if e is not None else c[:-2] for _, c, e, _ in rows if len(c) in (5, 7)}
    if not parents - present:
        return
    reported: set[str] = set()
    for line, code, _, _ in rows:
        n = len(code)
        if n != 5 and n != 7:
            continue
        parent = code[: n - 2]
        if parent not in present and parent not in reported:
            reported.add(parent)
            yield _finding("missing-parent", table, line,
                           f"{code} is printed without its parent line {parent}",
                           f"{code} 的上级科目 {parent} 未列示", code=code, name=line.name,
                           expected=parent)


_LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}


def rule_level(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
               tolerance: Decimal | None) -> Iterator[Finding]:
    """level-misplaced: where the reader knows the level the layout gives a
    line (indentation, the 类/款/项 column), it must be its code's level."""
    for line, code, _, _ in rows:
        printed = line.level
        if printed is None:
            continue
        level = _LEVEL_OF_LENGTH.get(len(code))
        if level is not None and printed != level:
            yield _finding("level-misplaced", table, line,
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
             tolerance: Decimal | None, what_en: str, what_zh: str, code: str | None) -> Finding | None:
    values = [p for p in parts if p.value is not None]
    if total.value is None or not values:
        return None
    actual = sum((p.value for p in values), _ZERO)  # type: ignore[misc]
    diff = total.value - actual
    if diff == 0:
        return None
    tol = tolerance if tolerance is not None else half_unit(total) + sum((half_unit(p) for p in values), _ZERO)
    if abs(diff) > tol:
        return _finding(rule, table, line,
                        f"{what_en}, {column}: printed {total.value}, parts add up to {actual} "
                        f"(difference {diff}, tolerance {tol} {table.unit})",
                        f"{what_zh}，{column}栏：列示 {total.value}，分项合计 {actual}（差额 {diff}，容差 {tol}{table.unit}）",
                        code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                        difference=diff, tolerance=tol)
    return _finding("rounding-difference", table, line,
                    f"{what_en}, {column}: differs from its parts by {diff}, within the rounding tolerance {tol}",
                    f"{what_zh}，{column}栏：与分项差 {diff}，在四舍五入容差 {tol} 以内（尾差）",
                    code=code, name=line.name, column=column, expected=str(actual), actual=str(total.value),
                    difference=diff, tolerance=tol)


def _sum_key(code: str) -> str | None:
    """What a resolved code adds up into: its 类/款 ("" for a 类: the 合计),
    None for a code of no level."""
    n = len(code)
    if n == 3:
        return ""
    if n == 5 or n == 7:
        return code[: n - 2]
    return None


def _children(rows: list[_Row]) -> dict[str, list[Line]]:
    """Parent code ("" for 合计) -> its child lines (first occurrence of each code)."""
    kids: dict[str, list[Line]] = {}
    seen: set[str] = set()
    for line, code, _, _ in rows:
        key = _sum_key(code)
        if code in seen or key is None:
            continue
        seen.add(code)
        kids.setdefault(key, []).append(line)
    return kids


def rule_rollup(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                tolerance: Decimal | None) -> Iterator[Finding]:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, for every column.  A blank parent cell
    is not checked (tables leave sub-columns of class rows blank)."""
    own = {r[1]: r for r in reversed(rows)}  # first occurrence wins; duplicates are rule_codes' business
    vectors: dict[str, list[tuple]] = {}  # parent ("" for 合计) -> its children's amounts
    for row in own.values():
        entry = row[2]
        # The catalog's own parent code (interned, hashed once) when it knows the code.
        parent = (entry.parent or "") if entry is not None else _sum_key(row[1])
        if parent is None:
            continue
        vecs = vectors.get(parent)
        if vecs is None:
            vectors[parent] = [row[3]]
        else:
            vecs.append(row[3])
    sums = {parent: tuple(map(sum, zip(*vecs))) for parent, vecs in vectors.items()}
    if total is not None:
        own[""] = (total, None, None, _values_getter(table.columns)(total))
    kids: dict[str, list[Line]] | None = None
    for parent, acc in sums.items():
        printed = own.get(parent)
        if printed is None or printed[3] == acc:
            continue
        line, vals = printed[0], printed[3]
        if kids is None:
            kids = _children(rows)
        for column, t, s in zip(table.columns, vals, acc):
            if t == s:
                continue
            n = len(kids[parent])
            if parent:
                what_en, what_zh = f"{parent} ≠ sum of its {n} sub-lines", f"{parent} 不等于其 {n} 个下级科目之和"
            else:
                what_en, what_zh = f"合计 ≠ sum of the {n} 类 lines", f"合计不等于 {n} 个类级科目之和"
            f = _compare("rollup-mismatch", table, line, column, line.cells[column],
                         [k.cells[column] for k in kids[parent]], tolerance, what_en, what_zh, parent or None)
            if f is not None:
                yield f


def rule_columns(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                 tolerance: Decimal | None) -> Iterator[Finding]:
    """column-mismatch: on every line, total column = Σ part columns."""
    if not table.relations:
        return
    lines: list[_Row] = rows
    if total is not None:
        lines = [(total, None, None, _values_getter(table.columns)(total)), *rows]
    index = {c: i for i, c in enumerate(table.columns)}
    for rel in table.relations:
        name, parts = rel.total, rel.parts
        ti, pis = index[name], [index[p] for p in parts]
        if len(pis) == 2:  # the common 合计 = 基本支出 + 项目支出, without a generic sum
            a, b = pis
            suspects = [r for r in lines if r[3][ti] != r[3][a] + r[3][b]]
        else:
            suspects = [r for r in lines if r[3][ti] != sum(map(r[3].__getitem__, pis))]
        for line, code, _, _ in suspects:
            cells = line.cells
            f = _compare("column-mismatch", table, line, name, cells[name], [cells[p] for p in parts], tolerance,
                         f"{name} ≠ {' + '.join(parts)}", f"{name}不等于{'+'.join(parts)}", code)
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


def validate(document: Document | dict, year: int | None = None, *, tolerance: Decimal | str | None = None,
             skip: Iterable[str] = ()) -> Report:
    """Check every table of ``document`` against edition ``year`` (default:
    the document's fiscal year when govclass has it, else the latest).

    ``document`` is a :class:`Document` or a dict in the JSON document format;
    a dict is checked against the JSON Schema first, and structural errors are
    reported (rule ``schema``, with their JSON path) instead of running rules.
    ``skip`` names rule ids (or rule groups of :data:`RULES`) not to report.
    """
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
    from govclass._gc import paused

    with paused():
        return _validate(document, year, tolerance, skip)


def _validate(document: Document, year: int | None, tolerance: Decimal | str | None,
              skip: Iterable[str]) -> Report:
    tol = None if tolerance is None else Decimal(str(tolerance))
    edition = _edition(document, year)
    catalog = get_catalog(edition)
    skipped = set(skip)
    findings: list[Finding] = []
    nlines = 0
    for table in document.tables:
        rows, total, resolution = _resolve(table, catalog)
        nlines += len(table.lines)
        findings.extend(resolution)
        for group, rule in RULES.items():
            if group in skipped:
                continue
            findings.extend(rule(table, rows, total, catalog, tol))
    for p in document.problems:
        findings.append(Finding(p.rule, p.severity, p.table, p.message, p.message_zh, source_line=p.source_line))
    if "cross" not in skipped:
        from govclass.crosscheck import cross_check

        findings.extend(cross_check(document, catalog))
    findings = [f for f in findings if f.rule not in skipped]
    return Report(tuple(findings), edition, len(document.tables) + len(document.statements), nlines)
