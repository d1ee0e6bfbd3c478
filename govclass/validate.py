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
unknown-code         error    the code is not in the edition (suggestions given)
wrong-classification error    the code belongs to another classification
orphan               error    a 2-digit 款 with no 类 line above it
duplicate-line       error    the same code printed twice in a table
name-mismatch        error    the printed name is another code's, or unrelated
name-variant         warning  the same name in another spelling, truncated, or
                              an older/alternative wording
low-confidence-code  info     the catalog is not sure the code is in the edition
missing-parent       warning  a 款/项 line whose 类/款 line is not in the table
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

import attrs

from govclass.catalog import Catalog, get_catalog
from govclass.document import Cell, Document, Line, Table
from govclass.errors import InvalidCodeError
from govclass.model import Code
from govclass.normalize import normalize_code, normalize_name

__all__ = ["Finding", "Report", "validate", "RULES", "SEVERITY"]

ERROR, WARNING, INFO = "error", "warning", "info"

SEVERITY = {
    "schema": ERROR,
    "invalid-amount": ERROR,
    "unknown-code": ERROR,
    "wrong-classification": ERROR,
    "orphan": ERROR,
    "duplicate-line": ERROR,
    "name-mismatch": ERROR,
    "name-variant": WARNING,
    "low-confidence-code": INFO,
    "missing-parent": WARNING,
    "rollup-mismatch": ERROR,
    "column-mismatch": ERROR,
    "rounding-difference": INFO,
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


@attrs.frozen(slots=True)
class _Row:
    line: Line
    code: str  # resolved
    level: str  # 类/款/项 by length
    entry: Code | None  # the catalog's entry, None when the edition has no such code


_LEVEL_BY_LENGTH = {3: "类", 5: "款", 7: "项"}


def _finding(rule: str, table: Table, line: Line | None, en: str, zh: str, **kw: object) -> Finding:
    return Finding(rule, SEVERITY[rule], table.name, en, zh,
                   line=None if line is None else line.number,
                   source_line=None if line is None else line.source_line, **kw)  # type: ignore[arg-type]


def _resolve(table: Table, catalog: Catalog) -> tuple[list[_Row], Line | None, list[Finding]]:
    """Resolve printed codes (2-digit 款 under the last 类 line) and look each
    up once; return rows, the 合计 line and the findings of resolution."""
    rows: list[_Row] = []
    total: Line | None = None
    findings: list[Finding] = []
    lei: str | None = None
    for line in table.lines:
        if line.total or line.code is None:
            if line.total or (line.name and normalize_name(line.name) in ("合计", "总计")):
                total = line
            continue
        try:
            code = normalize_code(line.code)
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
        if len(code) == 3:
            lei = code
        elif len(code) in (5, 7):
            lei = code[:3]
        rows.append(_Row(line, code, _LEVEL_BY_LENGTH.get(len(code), "?"), catalog.get(code)))
    return rows, total, findings


# -- rules -------------------------------------------------------------------------

Rule = Callable[[Table, list[_Row], Line | None, Catalog, Decimal | None], Iterable[Finding]]


def rule_invalid_amount(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                        tolerance: Decimal | None) -> Iterator[Finding]:
    lines = [r.line for r in rows] + ([total] if total is not None else [])
    for line in lines:
        for column, cell in line.cells.items():
            if cell.invalid:
                yield _finding("invalid-amount", table, line, f"{column}: {cell.raw!r} is not a number",
                               f"{column}栏“{cell.raw}”不是数字", code=line.code, name=line.name, column=column,
                               actual=cell.raw)


_ECONOMIC = ("economic-dept", "economic-gov")


def rule_codes(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
               tolerance: Decimal | None) -> Iterator[Finding]:
    """unknown-code, wrong-classification, low-confidence-code, duplicate-line."""
    seen: dict[str, Line] = {}
    wanted = ("functional",) if table.classification == "functional" else _ECONOMIC
    for row in rows:
        line, code = row.line, row.code
        if code in seen:
            yield _finding("duplicate-line", table, line, f"{code} is printed twice (first on line {seen[code].number})",
                           f"科目 {code} 重复出现（首次在第 {seen[code].number} 行）", code=code, name=line.name)
        else:
            seen[code] = line
        entry = row.entry
        if entry is None:
            sugg = catalog.suggest(code, line.name)
            hint = "; ".join(f"{s.code} {s.name}" for s in sugg[:3])
            yield _finding("unknown-code", table, line,
                           f"{code} is not in the {catalog.year} edition" + (f"; nearest: {hint}" if hint else ""),
                           f"{code} 不是 {catalog.year} 年科目" + (f"；可能是：{hint}" if hint else ""),
                           code=code, name=line.name, suggestions=tuple(s.code for s in sugg))
            continue
        if entry.classification.value not in wanted:
            yield _finding("wrong-classification", table, line,
                           f"{code} {entry.name} is a {entry.classification.label} code, not {table.classification}",
                           f"{code} {entry.name} 属于{entry.classification.label}，不应出现在本表",
                           code=code, name=line.name, expected=table.classification,
                           actual=entry.classification.value)
            continue
        if entry.confidence.value == "low":
            yield _finding("low-confidence-code", table, line,
                           f"{code} {entry.name}: govclass is not sure this code is in the {catalog.year} edition",
                           f"{code} {entry.name}：本库未能确认该科目属于 {catalog.year} 年版", code=code, name=line.name)


def rule_names(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
               tolerance: Decimal | None) -> Iterator[Finding]:
    """name-mismatch and name-variant, per code (names are not unique)."""
    from govclass.matching import _similarity

    for row in rows:
        line, code, entry = row.line, row.code, row.entry
        if entry is None or not line.name:
            continue
        printed = normalize_name(line.name)
        official = normalize_name(entry.name)
        if printed == official:
            if line.name.strip() != entry.name:
                yield _finding("name-variant", table, line,
                               f"{code}: {line.name!r} is {entry.name} spelled differently",
                               f"{code}：“{line.name}”与规范名称“{entry.name}”写法不同",
                               code=code, name=line.name, expected=entry.name, actual=line.name)
            continue
        # The name of another code of the same classification (a sibling first)?
        owners = catalog.codes_named(line.name, entry.classification)
        if owners:
            owners.sort(key=lambda c: (c.parent != entry.parent, c.code))
            other = owners[0]
            yield _finding("name-mismatch", table, line,
                           f"{code} is {entry.name}; {line.name!r} is the name of {other.code}",
                           f"{code} 应为“{entry.name}”；“{line.name}”是 {other.code} 的名称",
                           code=code, name=line.name, expected=entry.name, actual=line.name,
                           suggestions=tuple(c.code for c in owners[:3]))
            continue
        if official.startswith(printed) and len(printed) >= 4:
            kind_en, kind_zh = "truncated", "名称不完整"
        elif _similarity(printed, official) >= 0.6:
            kind_en, kind_zh = "an older or alternative wording", "旧称或别称"
        else:
            # Unrelated to the code's own name: which codes is it named like?
            alike = [h.code for h in catalog.search(line.name, classification=entry.classification, limit=3,
                                                    min_score=0.35)]
            hint = "; ".join(f"{c.code} {c.name}" for c in alike)
            yield _finding("name-mismatch", table, line,
                           f"{code} is {entry.name}, not {line.name!r}" + (f" (named like: {hint})" if hint else ""),
                           f"{code} 应为“{entry.name}”，而非“{line.name}”" + (f"（名称近似：{hint}）" if hint else ""),
                           code=code, name=line.name, expected=entry.name, actual=line.name,
                           suggestions=tuple(c.code for c in alike))
            continue
        yield _finding("name-variant", table, line, f"{code}: {line.name!r} looks like {kind_en} of {entry.name}",
                       f"{code}：“{line.name}”疑为“{entry.name}”的{kind_zh}",
                       code=code, name=line.name, expected=entry.name, actual=line.name)


def rule_structure(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                   tolerance: Decimal | None) -> Iterator[Finding]:
    """missing-parent: a 款/项 line whose 类/款 is not printed."""
    present = {r.code for r in rows}
    reported: set[str] = set()
    for row in rows:
        if row.level not in ("款", "项"):
            continue
        parent = row.code[:3] if row.level == "款" else row.code[:5]
        if parent not in present and parent not in reported:
            reported.add(parent)
            yield _finding("missing-parent", table, row.line,
                           f"{row.code} is printed without its parent line {parent}",
                           f"{row.code} 的上级科目 {parent} 未列示", code=row.code, name=row.line.name,
                           expected=parent)


def half_unit(cell: Cell) -> Decimal:
    """Half a unit of the last decimal place a figure shows."""
    return Decimal(5).scaleb(-(cell.decimals + 1))


def _compare(rule: str, table: Table, line: Line, column: str, total: Cell, parts: list[Cell],
             tolerance: Decimal | None, what_en: str, what_zh: str, code: str | None) -> Finding | None:
    values = [p for p in parts if p.value is not None]
    if total.value is None or not values:
        return None
    actual = sum((p.value for p in values), Decimal(0))  # type: ignore[misc]
    diff = total.value - actual
    if diff == 0:
        return None
    tol = tolerance if tolerance is not None else half_unit(total) + sum((half_unit(p) for p in values), Decimal(0))
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


def rule_rollup(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                tolerance: Decimal | None) -> Iterator[Finding]:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, for every column.  A blank parent cell
    is not checked (tables leave sub-columns of class rows blank)."""
    children: dict[str, list[_Row]] = {}
    first: dict[str, _Row] = {}
    tops: list[_Row] = []
    for row in rows:
        if row.code in first:
            continue  # a duplicate is reported by rule_codes; sums use the first
        first[row.code] = row
        if row.level == "类":
            tops.append(row)
        elif row.level in ("款", "项"):
            children.setdefault(row.code[: len(row.code) - 2], []).append(row)
    for column in table.columns:
        for code, kids in children.items():
            parent = first.get(code)
            if parent is None:
                continue
            f = _compare("rollup-mismatch", table, parent.line, column, parent.line.cells[column],
                         [k.line.cells[column] for k in kids], tolerance,
                         f"{code} ≠ sum of its {len(kids)} sub-lines", f"{code} 不等于其 {len(kids)} 个下级科目之和", code)
            if f is not None:
                yield f
        if total is not None and tops:
            f = _compare("rollup-mismatch", table, total, column, total.cells[column],
                         [t.line.cells[column] for t in tops], tolerance,
                         f"合计 ≠ sum of the {len(tops)} 类 lines", f"合计不等于 {len(tops)} 个类级科目之和", None)
            if f is not None:
                yield f


def rule_columns(table: Table, rows: list[_Row], total: Line | None, catalog: Catalog,
                 tolerance: Decimal | None) -> Iterator[Finding]:
    """column-mismatch: on every line, total column = Σ part columns."""
    lines = ([(total, None)] if total is not None else []) + [(r.line, r.code) for r in rows]
    for rel in table.relations:
        for line, code in lines:
            f = _compare("column-mismatch", table, line, rel.total, line.cells[rel.total],
                         [line.cells[p] for p in rel.parts], tolerance,
                         f"{rel.total} ≠ {' + '.join(rel.parts)}", f"{rel.total}不等于{'+'.join(rel.parts)}", code)
            if f is not None:
                yield f


RULES: dict[str, Rule] = {
    "invalid-amount": rule_invalid_amount,
    "codes": rule_codes,
    "names": rule_names,
    "structure": rule_structure,
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
    findings = [f for f in findings if f.rule not in skipped]
    return Report(tuple(findings), edition, len(document.tables), nlines)
