"""The last stage of the proof of a PDF's reading (govclass.validation.proof): the census of coded
rows (govclass.readers.pdf.census, counted from the pages' text alone) reconciled with what was read
and proven.  Every row a page prints with a code is read, or reported as not read
(``unread-line``), and the coverage says how many rows the document prints and how many were read:
fail closed.
"""

from __future__ import annotations

import re

import attrs

from govclass.document import CodedRow, Problem, Proof, Statement, Table
from govclass.rulebook import ERROR, declare

__all__ = ["reconcile", "closed", "unread_rows_of"]

declare("no-coded-lines", ERROR, "reading",
        "(PDF) a budget document in which no coded line was read at all: nothing was checked, so it never passes",
        "（PDF）预算文档中未读取到任何科目行：未作任何核对，不能通过")

def unread_rows_of(document) -> dict[str, list[Problem]]:
    """The tables some of whose rows were printed and not read (``unread-line``, ``unplaced-row``: PDF), each with
    those rows: such a table proves no sum, of its own or against another table, since its sums would be short by
    what was not read.  A row not read in any table counts against the tables printed on its page."""
    unread = [p for p in document.problems if p.rule in ("unread-line", "unplaced-row")]
    if not unread:
        return {}
    torn: dict[str, list[Problem]] = {}
    names = {t.name for t in document.tables}
    for problem in unread:
        if problem.table in names:
            torn.setdefault(problem.table, []).append(problem)
        elif problem.page is not None:
            for table in document.tables:
                if any(line.page == problem.page for line in table.lines):
                    torn.setdefault(table.name, []).append(problem)
    return torn


#: how many characters of a 类 row's printed text must be found among a page's statement rows for the row
#: to be read as a statement's item
_ITEM_PREFIX_CHARS = 8
_PROBLEM_CODE = re.compile(r"^\s*[\[【［]?(\d{3}(?: ?\d{2}){0,3}|\d{2}(?: \d{2})?)(?!\d)")


def _compatible(printed: str, read: str, exact: bool = False) -> bool:
    """A code read (resolved: 2010301) for one printed whole, or in part: the 款/项 alone (0301, 01 under
    its 类), or a 类 in a cell of its own beside the rows under it (Shanghai repeats it on every row)."""
    return read == printed or not exact and (
        len(printed) in (2, 4) and len(read) in (5, 7) and read.endswith(printed)
        or len(printed) == 3 and len(read) > 3 and read.startswith(printed))


def _code_of(text: str | None) -> str | None:
    """The code a row's printed text starts with (spaced or not), digits only."""
    match = _PROBLEM_CODE.match((text or "").replace(" | ", " "))
    return match.group(1).replace(" ", "") if match else None


class _Read:
    """What the reader read, as the census sees it, by page: the codes of the lines of tables with
    columns (one per row), the codes listed by tables of codes summed over their rows (a row counted
    once, whatever codes it prints), and the lines read with a code and nothing else."""

    def __init__(self, tables) -> None:
        self.lines: dict[int, list[str]] = {}  # page -> the codes of the lines read there, one per row
        self.listed_codes: set[str] = set()  # the codes of the lists of codes (Beijing's 功能 | 政府经济 | 部门经济)
        self.listed_on: dict[int, dict[str, str]] = {}  # page -> the rows listed codes were read from -> first code
        self.bare: set[tuple[int, str]] = set()  # lines read with a code and nothing else
        texts: set[tuple[int, str | None]] = set()
        for table in tables:
            for line in table.lines:
                if line.code and line.page is not None and table.columns and not line.named:
                    self.lines.setdefault(line.page, []).append(line.code)
                    texts.add((line.page, line.text))
                    if not line.name and all(c is None or c.blank for c in line.cells.values()):
                        self.bare.add((line.page, line.code))
        for table in tables:
            for line in table.lines:
                if line.code and line.page is not None and not table.columns:
                    self.listed_codes.add(line.code)
                    if (line.page, line.text) not in texts:  # a row counted once, whatever codes it prints
                        self.listed_on.setdefault(line.page, {}).setdefault(
                            line.text or line.code, _code_of(line.text) or line.code)


def _reported(problems: list[Problem]) -> tuple[dict[int, list[str]], int]:
    """The unread-line problems by page (the code each row prints), and those with no page or code (rows
    the census cannot pair)."""
    reported: dict[int, list[str]] = {}
    loose = 0
    for problem in problems:
        if problem.rule != "unread-line":
            continue
        code = _code_of(problem.text)
        if problem.page is not None and code is not None:
            reported.setdefault(problem.page, []).append(code)
        else:
            loose += 1
    return reported, loose


def _pair(rows: list[CodedRow], reported: dict[int, list[str]], lines: dict[int, list[str]]) -> tuple[list[CodedRow], int]:
    """Each census row paired with a problem that reports it, else with a line read (the code as printed
    first, then a part of it: 0301 for 2010301); paired entries leave their pools.  The rows left, and
    how many were read."""
    left = list(rows)
    read = 0
    for pool, counts_as_read in ((reported, False), (lines, True)):
        for exact in (True, False):
            rest = []
            for row in left:
                there = pool.get(row.page, [])
                found = next((index for index, code in enumerate(there) if _compatible(row.code, code, exact)
                              or not exact and _compatible(code, row.code)), None)
                if found is None:
                    rest.append(row)
                    continue
                there.pop(found)
                read += counts_as_read
            left = rest
    return left, read


def reconcile(rows: list[CodedRow], tables, problems: list[Problem],
              listed: "dict[int, list[tuple[float, float]]] | None" = None,
              statements=()) -> tuple[list[Problem], int, int]:
    """The census against what the reader read (``tables``' lines) and
    reported (``problems``' unread-line rows), page by page: the problems of
    census rows neither read nor reported, and how many coded rows the
    document prints and how many were read.

    Each unread-line problem answers for one census row of its page with its
    code, each line read for one (the code as printed first, then a part of
    it: 0301 for 2010301).  A table read as a list of codes keeps each code
    once, so a row inside ``listed`` (page -> spans of y of the tables read)
    whose code such a list holds is read.  A census row left over is an
    unread-line problem; a line read or reported that no census row prints is
    counted too: the count is what the census and the reader together
    establish, never less than the census.  A 类 row read as an item of a
    statement (a 收支总表 that prints the 类 code beside its item) is read."""
    seen = _Read(tables)
    reported, loose = _reported(problems)
    left, read = _pair(rows, reported, seen.lines)
    stated = _statement_rows(statements)
    new: list[Problem] = []
    for row in left:
        if len(row.code) == 3 and _squeezed(row.text)[:_ITEM_PREFIX_CHARS] in stated.get(row.page, ""):
            read += 1  # a 类 read as a statement's item (a 收支总表 prints 类 at most; a 款 or 项 is a table's)
            continue
        if any(_compatible(row.code, c) for c in seen.listed_on.get(row.page, {}).values()) or (
                any(low <= row.y <= high for low, high in (listed or {}).get(row.page, ())) and
                any(c in seen.listed_codes for c in row.codes)):
            read += 1
            continue
        new.append(Problem(
            "unread-line", "error", f"page {row.page}",
            f"page {row.page}: a coded row that no table read: {row.text[:80]!r}",
            f"第 {row.page} 页：未读入任何表格的科目行：{row.text[:80]}", None, row.page, row.text[:120]))
    printed_codes: dict[int, list[str]] = {}
    for row in rows:
        printed_codes.setdefault(row.page, []).extend(row.codes)
    extra_listed = sum(1 for page, heads in seen.listed_on.items() for code in heads.values()
                       if not any(_compatible(printed, code) for printed in printed_codes.get(page, ())))
    # a 类 read with no name and no figure where the page prints that 类 only in its rows' codes (a 类 cell
    # read as a row of its own) is none of the page's rows
    extra_read = sum(1 for page, codes in seen.lines.items() for code in codes
                     if not any(_compatible(printed, code) or (page, code) in seen.bare and len(code) == 3
                                and printed.startswith(code) for printed in printed_codes.get(page, ()))) + extra_listed
    extra_reported = sum(len(codes) for codes in reported.values()) + loose
    return new, len(rows) + extra_read + extra_reported, read + extra_read


def _squeezed(text: str | None) -> str:
    return re.sub(r"\s|\|", "", text or "")


def _statement_rows(statements) -> dict[int, str]:
    """Page -> the printed rows of the statements' items read there, spaces and cell marks squeezed out."""
    out: dict[int, str] = {}
    for statement in statements:
        for item in statement.items:
            if item.page is not None and item.text:
                out[item.page] = out.get(item.page, "") + "\n" + _squeezed(item.text)
    return out


def closed(proof: Proof, tables: list[Table], statements: list[Statement], problems: list[Problem],
           document_kind: str | None) -> tuple[list[Problem], dict]:
    """The census reconciled with the tables and statements read and proven (a table of codes summed
    over the rows that print them counted as the list of its codes, :attr:`Reading.codes_only`): the
    problems with a finding for every coded row not read and for what makes the whole document
    unreadable, and the coverage."""
    seen = [_as_census_sees(t) for t in tables]
    new, printed, read = reconcile(list(proof.census), seen, problems, proof.listed, statements)
    problems = list(problems) + new
    if proof.unreadable is not None:
        problems.append(proof.unreadable)
    if printed == 0 and (document_kind is not None or tables or statements):
        problems.append(Problem(
            "no-coded-lines", "error", "document",
            f"a budget document ({document_kind or 'tables found'}) in which no coded line was read: nothing was checked",
            f"预算文档（{document_kind or '有表格'}）中未读取到任何科目行：未作任何核对", None, None, None))
    return problems, {"coded_lines_printed": printed, "coded_lines_read": read}


def _as_census_sees(table: Table) -> Table:
    """A table of codes summed over the rows that print them is, to the census (which pairs a row
    that prints several codes once), the list of the codes it stands for."""
    if table.reading is None or not table.reading.codes_only:
        return table
    return attrs.evolve(table, columns=(), lines=tuple(ln._replace(cells={}) for ln in table.lines if ln.code))
