"""The proof of a doubtful reading: the first stage of validation for a document a reader marked
as read by means that may misplace a figure (a PDF's tables printed without rules, whose columns
come from the text's alignment: :class:`~govclass.document.Reading`).

A reading is not proven by the reader that made it: it says how it read each table, and this stage
decides what such a reading may claim.

1. **A table's own checks.**  Every line of a table read by alignment that its own checks reject
   (a column that does not add up, a duplicated code, a group whose sum fails with its parent, an
   unknown code, a name of another code, text in an amount cell) is taken out and reported as not
   read (``unread-line``; ``unplaced-row`` for a total), the lines of a failing group and every line
   of a duplicated code with it, until the rest holds.  A misplaced figure never turns into a
   column-mismatch, duplicate-line or rollup-mismatch.
2. **Checks between tables.**  A check that compares a statement or a table read by alignment with
   another table, the narrative or its own identity, and fails, takes out what rests on that
   reading: a statement whole, a table's line of the code it names (the whole table when a check
   between tables names no line of it, such as 人员经费 against the classes 301 and 303).  Which
   tables a finding rests on is a field of the finding (:attr:`Finding.rests_on`), never read from
   its message.
3. **The census.**  The coded rows the pages print, counted from their text alone, reconciled with
   what was read and proven (:mod:`govclass.validation.coverage`): every row is read, or reported
   as not read, and the document's coverage says how many.

The result is the document as the validator reads it; its ``proof`` is consumed (None), so a
document proven once is not proven again.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from govclass.catalog import get_catalog
from govclass.catalog.store import latest_year, nearest_year
from govclass.document import Document, Line, Problem, Statement, Table, running_costs_statement
from govclass.document.codecolumns import checked_tables
from govclass.rulebook import ERROR, declare
from govclass.validation.coverage import closed
from govclass.validation.frame import table_edition
from govclass.validation.report import Finding
from govclass.validation.rules.government import between_tables
from govclass.validation.rules.narrative import identity_check, narrative_check

__all__ = ["prove", "MISREAD", "STATEMENT_CHECKS"]

declare("unplaced-row", ERROR, "reading",
        "(PDF) a total or statement row of a table printed without rules whose figures the alignment placed and a "
        "check rejects: not read (a coded row is unread-line); a document with one never passes",
        "（PDF）无表格线表格中的合计行或总表行，按对齐放置的数字未通过校验：未读取（科目行为 unread-line）；有此类行的文档不能通过")

#: What a table's own checks say when a line read by alignment has a figure, a code or a name of
#: another column or row: the line is not proven read.
MISREAD = ("column-mismatch", "duplicate-line", "rollup-mismatch", "unknown-code", "name-mismatch", "invalid-amount")
#: The checks that compare a statement with a table, with the narrative or with itself (the cross
#: group, and these rule ids of the narrative wing).
STATEMENT_CHECKS = ("sangong-identity", "sangong-vs-basic", "statement-balance", "narrative-amount")
#: How many times the checks between tables are run again after a reading was taken out.
BETWEEN_ROUNDS = 3

#: The checks over one table, as validate() runs them on a document of that table alone.
TableChecks = Callable[[Table, object], list[Finding]]


def prove(document: Document, table_checks: TableChecks) -> Document:
    """The document with its doubtful readings proven or taken out and its census reconciled (see
    the module docstring); a document with nothing to prove as it is.  ``table_checks`` runs the
    checks over one table; the narrative's claims are the document's (a reader parsed them)."""
    proof = document.proof
    if proof is None:
        return document
    year = proof.year
    catalog = get_catalog(latest_year() if year is None else nearest_year(year))  # as validate judges it
    tables, statements, problems = _own_checks(document, catalog, table_checks)
    aligned = sorted((obj for obj in [*tables, *statements] if obj.reading is not None and obj.reading.aligned),
                     key=lambda obj: obj.reading.order)  # type: ignore[union-attr]
    if aligned:
        _between(document, tables, statements, aligned, catalog, year, problems, table_checks)
    problems, coverage = closed(proof, tables, statements, problems, document.kind)
    return attrs.evolve(document, tables=tuple(tables), statements=tuple(statements), problems=tuple(problems),
                        coverage=coverage, proof=None)


def _own_checks(document: Document, catalog, table_checks: TableChecks
                ) -> tuple[list[Table], list[Statement], list[Problem]]:
    """Each table read by alignment proven by its own checks (:func:`_proven_lines`), in reading
    order; what is said of it goes where the reader stood when it made the table (after what the
    reader said of it).  A table left with no line is dropped; a statement made of a table (its
    机关运行经费 合计) is made again of the lines proven, or dropped with them."""
    said: dict[int, list[Problem]] = {}  # the reader's problems before -> what the proof says there
    tables: list[Table] = []
    remade: dict[int, Table | None] = {}  # order -> the table as proven (None: dropped), when changed
    for table in document.tables:
        reading = table.reading
        if reading is None or not reading.aligned:
            tables.append(table)
            continue
        here = said.setdefault(reading.problems_before, [])
        proven = _proven_lines(table, _table_catalog(table, catalog), table_checks, here)
        if proven is not table:
            remade[reading.order] = proven
        if proven is not None:
            tables.append(proven)
    statements = []
    for statement in document.statements:
        source = statement.reading.derived_from if statement.reading is not None else None
        if source in remade:
            again = remade[source]
            remade_statement = None if again is None else running_costs_statement(again, statement.name)
            if remade_statement is None:
                continue
            statement = attrs.evolve(remade_statement, reading=statement.reading)
        statements.append(statement)
    problems: list[Problem] = []
    for index, problem in enumerate(document.problems):
        problems.extend(said.pop(index, ()))
        problems.append(problem)
    for at in sorted(said):
        problems.extend(said[at])
    return tables, statements, problems


def _table_catalog(table: Table, catalog):
    """The catalog a table's codes are checked against: its own year's edition (validation.frame.table_edition)."""
    edition = table_edition(table, catalog.year)
    return catalog if edition == catalog.year else get_catalog(edition)


def _proven_lines(table: Table, catalog, table_checks: TableChecks, problems: list[Problem]) -> Table | None:
    """Fail closed on a table whose rows were placed by the text's alignment
    (no rules to say which column a figure stands in): every line its own
    checks reject is taken out and reported as ``unread-line`` instead, the
    lines of a group whose sum fails with its parent and every line of a
    duplicated code with it, until the rest holds.  The table as proven (itself
    when every line holds; None when none is left)."""
    while True:
        bad: set[int] = set()
        several = any(line.others for line in table.lines)
        for finding in table_checks(table, catalog):
            if finding.rule not in MISREAD or finding.line is None:
                continue
            if several:  # checked per code column: the rows that print the code (or the 合计)
                bad.update(line.number for line in table.lines if (
                    _prints(line, finding.code, finding.rule == "rollup-mismatch") if finding.code else line.total))
                continue
            bad.add(finding.line)
            if finding.rule == "rollup-mismatch" and finding.code:  # the group: its parent and every line under it
                bad.update(line.number for line in table.lines if line.code and line.code.startswith(finding.code))
            elif finding.rule == "duplicate-line":  # which of the two is misread is not known
                bad.update(line.number for line in table.lines if line.code == finding.code)
        if not bad:
            break
        kept = []
        for line in table.lines:
            if line.number not in bad:
                kept.append(line)
                continue
            problems.append(_unplaced(table.name, line.page, line.text or "", bool(line.code), line.box))
        table = _changed(table, kept)
        if not kept:
            break
    return table if table.lines else None


def _prints(line: Line, code: str, under: bool = False) -> bool:
    """Whether a row prints ``code`` (as its own code or another classification's beside it), or with
    ``under`` a code under it."""
    return any(c == code or under and c.startswith(code) for c in (line.code, *(o.code for o in line.others)) if c)


def _changed(table: Table, lines: list[Line]) -> Table:
    """The table with only ``lines``.  A table of codes summed over the rows that print them, changed
    by the proof, is counted by the census by its lines thereafter, no longer as the list of its codes
    (as the reader did before issue 22; whether that is right is an open question of the census)."""
    reading = table.reading
    if reading is not None and reading.codes_only:
        reading = attrs.evolve(reading, codes_only=False)
    return attrs.evolve(table, lines=tuple(lines), reading=reading)


def _statement_findings(document: Document, catalog) -> list[Finding]:
    """The errors of the checks between tables (cross) and of the statements' identities and the
    narrative's amounts (STATEMENT_CHECKS), as validate(document, only=…) gives them."""
    found = list(between_tables(document, catalog))
    if document.narrative or document.statements:
        try:
            said = identity_check(document)
            if document.claims is not None:
                said += narrative_check(document, catalog)[0]
        except ArithmeticError:  # a figure longer than decimal arithmetic carries: nothing to say here
            said = []
        found += [f for f in said if f.rule in STATEMENT_CHECKS]
    return [f for f in found if f.severity == ERROR]


def _rests_on(finding: Finding, obj: Table | Statement) -> bool:
    """Whether a failed finding rests on ``obj``: one of the tables it names as fields (a check between
    tables: :attr:`Finding.rests_on`; the narrative's and the statements' identities: the tables of the
    printed figures they name, :attr:`Finding.figures`)."""
    if finding.rests_on:  # a table checked per code column stands for its printed table
        return any(other is obj or getattr(other, "printed", None) is obj for other in finding.rests_on)
    return any(printed.table == obj.name for printed in finding.figures)


def _between(document: Document, tables: list[Table], statements: list[Statement], aligned: list, catalog,
             year: int | None, problems: list[Problem], table_checks: TableChecks) -> None:
    """Fail closed between tables (see the module docstring): a statement read by alignment that a
    failed check rests on is taken out whole; a table's lines of the codes the failed checks name (of
    its total when they name none), the whole table when a check between tables names no line of it;
    what is left of the table proven again by its own checks.  Each is reported as not read.
    ``aligned``: the statements and tables read by alignment, in reading order."""
    for _round in range(BETWEEN_ROUNDS):
        # the document the checks see: its tables, statements, problems, narrative and claims, the year it
        # was read for and what it says it is (the claims' scope and kind go by them)
        seen = Document(tuple(one for table in tables for one in checked_tables(table)), year, document.title,
                        document.kind, statements=tuple(statements),
                        problems=tuple(problems), narrative=document.narrative, scope=document.scope,
                        claims=document.claims, sentences=document.sentences, form=document.form)
        failed = _statement_findings(seen, catalog)
        changed = False
        for obj in aligned:
            mine = [f for f in failed if obj.name and _rests_on(f, obj)]
            if not mine:
                continue
            if isinstance(obj, Statement):
                if obj in statements:
                    statements.remove(obj)
                    problems.extend(_unplaced(obj.name, item.page, item.text or item.label, False, item.box)
                                    for item in obj.items)
                    changed = True
                continue
            index = next((k for k, table in enumerate(tables) if table is obj), None)
            if index is None:
                continue
            bad = [line for finding in mine for line in obj.lines
                   if (_prints(line, finding.code) if line.code and finding.code else
                       not line.code and finding.code is None) and _suspect(line, finding)]
            bad = list({id(line): line for line in bad}.values())
            if not bad and any(finding.rule.startswith("cross-") for finding in mine):  # no line of it named: the table
                bad = list(obj.lines)
            if not bad:
                continue
            problems.extend(_unplaced(obj.name, line.page, line.text or "", bool(line.code), line.box)
                            for line in bad)
            # what is left must still add up without the lines taken out
            left = _changed(obj, [line for line in obj.lines if line not in bad])
            proven = _proven_lines(left, _table_catalog(left, catalog), table_checks, problems)
            tables[index] = proven if proven is not None else _changed(obj, [])
            aligned = [tables[index] if other is obj else other for other in aligned]
            changed = True
        if not changed:
            break


def _suspect(line: Line, finding: Finding) -> bool:
    """Whether a failed comparison may come from this line's reading: when one side is blank, the
    line that shows the column blank (or lacks it), else either."""
    if finding.expected is not None and finding.actual is not None or not finding.column:
        return True
    cell = line.cells.get(finding.column)
    return cell is None or cell.value is None


def _unplaced(table: str, page: int | None, text: str, coded: bool = True, box=None) -> Problem:
    """A row of a table read by alignment whose figures a check rejects: not read (``unread-line``
    for a coded row, which the census counts; ``unplaced-row`` for a total or a statement's row)."""
    english = f"page {page}: a row of a table without rules whose figures the alignment cannot place " \
              f"(a check rejects them): {text[:80]!r}"
    chinese = f"第 {page} 页：无表格线表格中无法按对齐确定各栏数字的行（校验不符）：{text[:80]}"
    if coded:
        return Problem("unread-line", "error", table, english, chinese, None, page, text[:120], box)
    return Problem("unplaced-row", "error", table, english, chinese, None, page, text[:120], box)
