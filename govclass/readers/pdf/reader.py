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
    census      every coded row the pages print, counted from the text alone   (census.py)

The reader does not judge what it read: the tables and statements say how they were read
(``Reading``: ruled, aligned, recut, continued over pages), and the validator proves a doubtful
reading and reconciles the census with what was read (govclass.validation.proof, .coverage).

Every threshold is a named setting (settings.py).
"""

from __future__ import annotations

import re

import attrs

from govclass.document import (GOVERNMENT_FINAL, Document, Problem, Proof, Reading, Statement, Table,
                               running_costs_statement)
from govclass.readers.pdf.alignment import aligned_rules
from govclass.readers.pdf.build import build, named_rows_table, unread_table
from govclass.readers.pdf.census import catalogued_codes, census, unreadable_problem
from govclass.readers.pdf.grids import Grid, cells_by_leaf, ruled_grids
from govclass.readers.pdf.government import finish, has_code_column, is_project_list, is_prose, side_tables
from govclass.readers.pdf.layout import PrintedTable, document_facts, government_facts, printed_tables
from govclass.readers.pdf.pages import Char, Page, TextLine, cluster_rules, pdf_pages, text_lines
from govclass.readers.pdf.settings import SETTINGS
from govclass.readers.pdf.statements import sangong_of, units_total_table
from govclass.vocabulary import SENTENCE

__all__ = ["read_pdf"]

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
    """A published disclosure PDF as a :class:`Document` (see the module docstring): its tables and
    statements, each with how it was read (:class:`~govclass.document.Reading`), and the census of
    its coded rows (:class:`~govclass.document.Proof`), for the validator to prove what the
    alignment placed and to reconcile every coded row with what was read."""
    pages = pdf_pages(path)
    lines_of: dict[int, list[TextLine]] = {}
    grids_of: dict[int, list[Grid]] = {}
    for page in pages:
        grids_of[page.number], lines_of[page.number] = _page_grids(page)
    year, doc_kind, scope, title = document_facts(pages, lines_of)
    form, form_year = government_facts(pages, lines_of)
    if form is not None:  # a government's own report: its year is the budget's or the accounts' (issue 26)
        year = form_year if form_year is not None else year
        doc_kind, scope = ("决算" if form == GOVERNMENT_FINAL else "预算"), None
    final = doc_kind == "决算"
    tables = printed_tables(pages, grids_of, lines_of, final, government=form is not None)
    if year is None or doc_kind is None:  # no cover: the tables' own titles and headers ("预算01表", "（2026年度）")
        year, doc_kind = _facts_of_tables(tables, year, doc_kind)
    catalog = _catalog(year)
    built = _Built()
    default_unit = next((t.unit for t in tables if t.unit), None) or "万元"
    for table in tables:
        if form is not None and table.kind not in (None, "other", "three-public"):
            table.kind = None  # a department's standard tables are no government's, whatever their titles share
        built.add(table, table.unit or default_unit, year, final, catalog, government=form is not None)
    proof = _census(path, pages, tables, catalog, year)
    return Document(tuple(built.tables), year, title, doc_kind, path, tuple(built.statements), tuple(built.problems),
                    "pdf", narrative=_narrative_units(pages), scope=scope, proof=proof, form=form)


def _census(path: str, pages: list[Page], tables: list[PrintedTable], catalog, year: int | None) -> Proof:
    """Every row the pages print with a code (govclass.readers.pdf.census, counted from the text
    alone, inside and outside the grids) but in tables that are no budget tables, where the tables
    read stand, and the pages that cannot be read as text: what the validator reconciles with the
    tables once it has proven them (fail closed)."""
    skip: dict[int, list[tuple[float, float]]] = {}  # tables that are no budget tables (unchecked-table)
    listed: dict[int, list[tuple[float, float]]] = {}
    for table in tables:
        spans = skip if table.kind == "other" else listed
        for page, band in table.rows:
            spans.setdefault(page, []).append((band.top, band.bottom))
    return Proof(tuple(census(pages, catalogued_codes(catalog.year), skip)), listed, unreadable_problem(path, pages),
                 year)


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
    """The tables and statements built from the printed tables, in reading order, each with how it
    was read, and the problems said on the way."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.statements: list[Statement] = []
        self.problems: list[Problem] = []
        self.listed: dict[int, Table] = {}  # id -> a table of codes summed over rows (the census counts its codes)
        self.order = 0

    def _reading(self, table: PrintedTable, **more) -> Reading:
        self.order += 1
        return Reading(table.how, self.order, **more)

    def add(self, table: PrintedTable, unit: str, year: int | None, final: bool, catalog,
            government: bool = False) -> None:
        sangong = sangong_of(table, unit, year, final)
        if sangong is not None:  # the 三公 table in any of its layouts (govclass.readers.sangong)
            self.statements.append(attrs.evolve(sangong, reading=self._reading(table)))
            return
        said = len(self.problems)
        if government:
            printed, tables, statement = self._government(table, unit, catalog)
        else:
            printed, tables, statement = build(table, unit, self.problems, catalog, self.listed)
        if table.kind == "income" and not printed and tables is None and statement is None and table.rows:
            by_unit = units_total_table(table.title, unit, table.kind, table.header,  # by unit, not by code
                                        [(cells_by_leaf(band, table.edges), page) for page, band in table.rows])
            tables = [by_unit] if by_unit is not None else None
        if tables is None and statement is None and len(self.problems) == said:
            named = named_rows_table(table, unit, self.problems)  # amounts by name, no code: its 合计 by name
            if named is not None:  # a government's: its names matched to codes, else a table of items (one path)
                tables = finish([(named, None)], table, catalog, self.problems) if government else [named]
            else:
                self.problems.extend(unread_table(table))  # rows that gave nothing and said nothing: never dropped
        said = len(self.problems)  # what the validator's proof says of these tables goes here
        runnings = [(one, running_costs_statement(one, table.title)) for one in tables or ()]
        runnings = [(one, running) for one, running in runnings if running is not None]
        first_table = self.order + len(runnings) + 1
        for one, running in runnings:
            source = first_table + next(k for k, other in enumerate(tables or ()) if other is one)
            self.statements.append(attrs.evolve(running, reading=self._reading(table, derived_from=source)))
        for one in tables or ():
            self.tables.append(attrs.evolve(one, reading=self._reading(
                table, problems_before=said, codes_only=id(one) in self.listed)))
        if statement is not None:
            self.statements.append(attrs.evolve(statement, reading=self._reading(table)))

    def _government(self, table: PrintedTable, unit: str, catalog) -> tuple[int, list[Table] | None, None]:
        """A table of a government's report (issue 26): printed in panels (收入 | 支出) or by name without
        codes, one table per side (readers/pdf/government.py); else a coded table as a department's is read;
        either finished as the report's (its classification, names matched to codes, totals, regions,
        budget, scope, year, column periods).  A list of projects is no table of the classification
        (unchecked-table)."""
        if is_project_list(table):
            table.kind = "other"
        if is_prose(table):
            return 0, None, None  # a framed paragraph of the report, its amounts in words: no table
        sides = side_tables(table, unit) if table.kind != "other" else []
        if len(sides) == 1 and has_code_column(sides[0]) or not sides:
            mine: list[Problem] = []
            printed, tables, statement = build(table, unit, mine, catalog, self.listed)
            if tables or statement is not None or not sides:
                self.problems.extend(mine)
                return printed, finish([(one, None) for one in tables], table, catalog, self.problems) \
                    if tables else tables, statement
        return len(sides), finish(sides, table, catalog, self.problems), None


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
