"""The PDF reader: a published disclosure PDF read by its geometry, stage by stage.

::

    pages       characters with their boxes, ruling lines, the text layer      (pages.py)
      │
    grids       ruled tables: row bands, cells between the rules                (grids.py)
      │  └─ alignment: rules drawn for tables printed without any, from the text's alignment
      │               (alignment.py, headers.py); then cut as grids
    layout      titles, captions, header labels, tables going on over pages   (layout.py)
      │
    build       Table / Statement (build.py, statements.py)
      │
    census      every coded row the pages print, counted from the text alone,  (census.py)
                reconciled with what was read (coverage.py)

Every threshold is a named setting (settings.py).
"""

from __future__ import annotations

import re

import attrs

from govclass.document import Document, Line, Problem, Statement, Table
from govclass.readers.pdf.alignment import aligned_rules
from govclass.readers.pdf.build import build, unread_table
from govclass.readers.pdf.coverage import fail_closed
from govclass.readers.pdf.grids import Grid, cells_by_leaf, ruled_grids
from govclass.readers.pdf.layout import PrintedTable, document_facts, printed_tables
from govclass.readers.pdf.pages import Char, Page, TextLine, cluster_rules, pdf_pages, text_lines
from govclass.readers.pdf.settings import SETTINGS
from govclass.readers.pdf.statements import admin_running_statement, sangong_of, units_total_table
from govclass.rulebook import ERROR, declare
from govclass.vocabulary import SENTENCE

__all__ = ["read_pdf"]

declare("unplaced-row", ERROR, "reading",
        "(PDF) a total or statement row of a table printed without rules whose figures the alignment placed and a "
        "check rejects: not read (a coded row is unread-line); a document with one never passes",
        "（PDF）无表格线表格中的合计行或总表行，按对齐放置的数字未通过校验：未读取（科目行为 unread-line）；有此类行的文档不能通过")


def _inside(char: Char, grids: list[Grid]) -> bool:
    margin = SETTINGS.grid_margin
    return any(g.top - margin <= char.cy <= g.bottom + margin and g.x0 - margin <= char.cx <= g.x1 + margin
               for g in grids)


def _page_grids(page: Page) -> tuple[list[Grid], list[TextLine]]:
    """A page's tables as grids, top to bottom (ruled ones, then those drawn from the alignment of the
    text outside them), and its text lines outside every grid."""
    reach = SETTINGS.loose_rule_reach
    grids = ruled_grids(page)
    outside = [c for c in page.chars if not _inside(c, grids)]
    loose = [v for v in cluster_rules(page.vrules) if not any(
        g.x0 - reach <= v.at <= g.x1 + reach and v.lo < g.bottom and v.hi > g.top for g in grids)]
    hloose = [h for h in cluster_rules(page.hrules) if not any(
        g.top - reach <= h.at <= g.bottom + reach and h.lo < g.x1 and h.hi > g.x0 for g in grids)]
    hrules, vrules = aligned_rules(outside, loose, hloose)  # tables printed without rules, read by their alignment
    if hrules:
        more = ruled_grids(page._replace(chars=outside, hrules=hrules, vrules=vrules), aligned=True)
        grids = sorted(grids + more, key=lambda g: g.top)
        outside = [c for c in outside if not _inside(c, more)]
    return grids, text_lines(outside)


def read_pdf(path: str) -> Document:
    """A published disclosure PDF as a :class:`Document` (see the module docstring)."""
    pages = pdf_pages(path)
    lines_of: dict[int, list[TextLine]] = {}
    grids_of: dict[int, list[Grid]] = {}
    for page in pages:
        grids_of[page.number], lines_of[page.number] = _page_grids(page)
    year, doc_kind, scope, title = document_facts(pages, lines_of)
    final = doc_kind == "决算"
    tables = printed_tables(pages, grids_of, lines_of, final)
    if year is None or doc_kind is None:  # no cover: the tables' own titles and headers ("预算01表", "（2026年度）")
        year, doc_kind = _facts_of_tables(tables, year, doc_kind)
    catalog = _catalog(year)
    built = _Built()
    default_unit = next((t.unit for t in tables if t.unit), None) or "万元"
    for table in tables:
        built.add(table, table.unit or default_unit, year, final, catalog)
    narrative = _narrative_units(pages)
    if built.aligned:  # what the alignment placed and a check between tables rejects is not read
        _unproven_between(built.tables, built.statements, built.aligned, year, narrative, built.problems)
    # Fail closed: every row the pages print with a code (govclass.readers.pdf.census, counted from
    # the text alone, inside and outside the grids) is read, or reported as not read.
    problems, coverage = fail_closed(path, pages, tables, [built.listed.get(id(t), t) for t in built.tables],
                                     built.statements, built.problems, catalog, doc_kind)
    return Document(tuple(built.tables), year, title, doc_kind, path, tuple(built.statements), tuple(problems), "pdf",
                    narrative=narrative, coverage=coverage, scope=scope)


_YEAR = re.compile(r"(20\d\d)\s*年\s*度?")


def _facts_of_tables(tables: list[PrintedTable], year: int | None, doc_kind: str | None
                     ) -> tuple[int | None, str | None]:
    """The year and kind the tables' own titles, headers and captions print, when no cover does."""
    words = [t.title for t in tables] + [part for t in tables for h in t.header for part in h.split("/")] + [
        c for t in tables for c in t.caption]
    words = [w.replace(" ", "") for w in words if w and len(w) <= SETTINGS.fact_word_max_chars and not SENTENCE.search(w)]
    if year is None:
        year = next((int(m.group(1)) for w in words for m in [_YEAR.search(w)] if m), None)
    if doc_kind is None:
        titles = "".join(t.title for t in tables)
        doc_kind = "决算" if "决算" in titles else "预算" if "预算" in titles else None
    return year, doc_kind


class _Built:
    """The tables and statements built from the printed tables, in reading order, with the problems
    said on the way."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.statements: list[Statement] = []
        self.problems: list[Problem] = []
        self.listed: dict[int, Table] = {}  # tables of codes summed over rows, as the census sees them: lists of codes
        self.aligned: list = []  # the statements and tables read by the text's alignment

    def add(self, table: PrintedTable, unit: str, year: int | None, final: bool, catalog) -> None:
        sangong = sangong_of(table, unit, year, final)
        if sangong is not None:  # the 三公 table in any of its layouts (govclass.readers.pdf.statements)
            self.statements.append(sangong)
            if table.aligned:
                self.aligned.append(sangong)
            return
        said = len(self.problems)
        printed, tables, statement = build(table, unit, self.problems, catalog, self.listed)
        if table.kind == "income" and not printed and tables is None and statement is None and table.rows:
            by_unit = units_total_table(table.title, unit, table.kind, table.header,  # by unit, not by code
                                        [(cells_by_leaf(band, table.edges), page) for page, band in table.rows])
            tables = [by_unit] if by_unit is not None else None
        if tables is None and statement is None and len(self.problems) == said:
            self.problems.extend(unread_table(table))  # rows that gave nothing and said nothing: never dropped silently
        if table.aligned and tables:  # what the alignment placed and the table's own checks reject is not read
            tables = _unproven_lines(tables, year, self.problems)
        for one in tables or ():
            running = admin_running_statement(one, table.title)
            if running is not None:
                self.statements.append(running)
                if table.aligned:
                    self.aligned.append(running)
        if tables is not None:
            self.tables.extend(tables)
            if table.aligned:
                self.aligned.extend(tables)
        if statement is not None:
            self.statements.append(statement)
            if table.aligned:
                self.aligned.append(statement)


# What a table's own checks say when a line read by alignment has a figure, a code or a name of
# another column or row: the line is not proven read.
_MISREAD = ("column-mismatch", "duplicate-line", "rollup-mismatch", "unknown-code", "name-mismatch", "invalid-amount")


def _unproven_lines(tables: list[Table], year: int | None, problems: list[Problem]) -> list[Table]:
    """Fail closed on a table whose rows were placed by the text's alignment
    (no rules to say which column a figure stands in): every line its own
    checks reject is taken out and reported as ``unread-line`` instead, the
    lines of a group whose sum fails with its parent and every line of a
    duplicated code with it, until the rest holds.  A misplaced figure then
    never turns into a column-mismatch, duplicate-line or rollup-mismatch."""
    from govclass.validation.validate import validate

    out = []
    for tbl in tables:
        while True:
            report = validate(Document((tbl,), year), skip=("cross", "narrative"))
            bad: set[int] = set()
            for finding in report.findings:
                if finding.rule not in _MISREAD or finding.line is None:
                    continue
                bad.add(finding.line)
                if finding.rule == "rollup-mismatch" and finding.code:  # the group: its parent and every line under it
                    bad.update(line.number for line in tbl.lines if line.code and line.code.startswith(finding.code))
                elif finding.rule == "duplicate-line":  # which of the two is misread is not known
                    bad.update(line.number for line in tbl.lines if line.code == finding.code)
            if not bad:
                break
            kept = []
            for line in tbl.lines:
                if line.number not in bad:
                    kept.append(line)
                    continue
                problems.append(_unplaced(tbl.name, line.page, line.text or "", bool(line.code)))
            tbl = attrs.evolve(tbl, lines=tuple(kept))
            if not kept:
                break
        if tbl.lines:
            out.append(tbl)
    return out


# The checks that compare a statement with a table, with the narrative or with itself.
_STATEMENT_CHECKS = ("cross", "sangong-identity", "sangong-vs-basic", "statement-balance", "narrative-amount")


def _unproven_between(tables: list[Table], statements: list[Statement], aligned: list, year: int | None,
                      narrative: tuple, problems: list[Problem]) -> None:
    """Fail closed between tables: a check that compares a statement or a table read by the text's
    alignment (收支总表, the 三公 table, a coded table) with another table, the narrative or its own
    identity and fails takes out what it names there: a statement whole, a table's line of the code
    it names (its total line when it names none; the whole table when a check between tables
    names no line of it, such as 人员经费 against the classes 301 and 303).  Each is reported as ``unread-line``; a figure the
    alignment may have put in another column is never compared.  ``aligned``: the statements and
    tables read by alignment."""
    from govclass.validation.validate import validate

    for _round in range(3):
        report = validate(Document(tuple(tables), year, statements=tuple(statements), problems=tuple(problems),
                                   narrative=narrative), only=_STATEMENT_CHECKS)
        failed = [finding for finding in report.findings if finding.severity == ERROR]
        said = " ".join(f"{finding.table} {finding.message}" for finding in failed)
        changed = False
        for obj in aligned:
            if not obj.name or obj.name not in said:
                continue
            if isinstance(obj, Statement):
                if obj in statements:
                    statements.remove(obj)
                    problems.extend(_unplaced(obj.name, item.page, item.text or item.label, False) for item in obj.items)
                    changed = True
                continue
            index = next((k for k, table in enumerate(tables) if table is obj), None)
            if index is None:
                continue
            mine = [finding for finding in failed if obj.name in f"{finding.table} {finding.message}"]
            bad = [line for finding in mine for line in obj.lines
                   if (line.code == finding.code if line.code else finding.code is None) and _suspect(line, finding)]
            bad = list({id(line): line for line in bad}.values())
            if not bad and any(finding.rule.startswith("cross-") for finding in mine):  # no line of it named: the table
                bad = list(obj.lines)
            if not bad:
                continue
            problems.extend(_unplaced(obj.name, line.page, line.text or "", bool(line.code)) for line in bad)
            # what is left must still add up without the lines taken out
            kept = _unproven_lines([attrs.evolve(obj, lines=tuple(line for line in obj.lines if line not in bad))], year,
                                   problems)
            tables[index] = kept[0] if kept else attrs.evolve(obj, lines=())
            aligned = [tables[index] if a is obj else a for a in aligned]
            changed = True
        if not changed:
            break


def _suspect(line: Line, finding) -> bool:
    """Whether a failed comparison may come from this line's reading: when one side is blank, the
    line that shows the column blank (or lacks it), else either."""
    if finding.expected is not None and finding.actual is not None or not finding.column:
        return True
    cell = line.cells.get(finding.column)
    return cell is None or cell.value is None


def _unplaced(table: str, page: int | None, text: str, coded: bool = True) -> Problem:
    """A row of a table read by alignment whose figures a check rejects: not read (``unread-line``
    for a coded row, which the census counts; ``unplaced-row`` for a total or a statement's row)."""
    english = f"page {page}: a row of a table without rules whose figures the alignment cannot place " \
         f"(a check rejects them): {text[:80]!r}"
    chinese = f"第 {page} 页：无表格线表格中无法按对齐确定各栏数字的行（校验不符）：{text[:80]}"
    if coded:
        return Problem("unread-line", "error", table, english, chinese, None, page, text[:120])
    return Problem("unplaced-row", "error", table, english, chinese, None, page, text[:120])


def _narrative_units(pages: list[Page]) -> tuple:
    """The pages' text as the narrative reader's units (line by line, numbered
    within the page), as govclass.readers.narrative.pdf_page_units makes them,
    without opening the PDF a second time."""
    from govclass.readers.narrative import TextUnit

    out = []
    for page in pages:
        for number, line in enumerate(page.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
            out.append(TextUnit(line, number, page.number))
    return tuple(out)


def _catalog(year: int | None):
    from govclass.catalog import get_catalog
    from govclass.catalog.store import available_years, latest_year

    return get_catalog(year if year in available_years() else latest_year())
