"""Validation of budget tables against one edition of the classification.

``validate(document) -> Report``.  Each rule is a small function over one
table with a stable id; every :class:`Finding` carries that id, a severity,
where it is (table, line, column), what was expected and found, and a message
in Chinese and English.

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
edition-fallback     warning  no edition of the document's year: checked against
                              another (named in the finding)
unread-line          error    a row that prints a code could not be read (PDF):
                              page and printed text given
==================== ======== ==================================================
=======
Every rule id is declared once, next to the code that emits it
(:func:`govclass.rulebook.declare`); ``python -m govclass rules`` lists them
and docs/validation.md carries their table.  The checks over one table are
the modules of :mod:`govclass.validation.rules`, found by
:func:`~govclass.validation.registry.load_rules`.

Rounding tolerance: each printed figure is rounded to the decimals it shows,
so it is off by at most half a unit of its last place.  A total and its n
parts can therefore differ by at most the sum of their half-units ((n+1) × ½
unit when all show the same decimals), in the table's unit.  Beyond that the
difference is an error; within it and non-zero it is information.  Pass
``tolerance=`` (in the table's unit) to override.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from govclass.catalog import Catalog, get_catalog
from govclass.document import Document
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.validation.frame import Frame, frame_of
from govclass.validation.registry import checks, load_rules, severities
from govclass.validation.report import Finding, Report
from govclass.validation.rules.cross import cross_check
from govclass.validation.rules.narrative import identity_check, narrative_check
from govclass.readers.narrative import read_narrative
from govclass.catalog.store import available_years, latest_year
from govclass.document import DocumentError, check_schema
from govclass.speedups.gc import paused

__all__ = ["Finding", "Report", "validate", "RULES", "SEVERITY"]

declare("schema", ERROR, "document", "the JSON/YAML document does not match the JSON Schema (with the JSON path)",
        "JSON/YAML 文档不符合 JSON Schema（给出 JSON 路径）")
declare("edition-fallback", WARNING, "document",
        "no edition of the document's year (or no year printed): checked against another, named in the finding",
        "没有该文档年度的科目版本（或文档未标明年度）：按另一版本核对，并在结果中写明")

declare("time-limit", ERROR, "document",
        "a batch run (validate FOLDER) stopped the document at its time limit (--time-limit): it was not checked",
        "批量检查时该文档超过时间限制（--time-limit），未完成检查")

load_rules()

Rule = Callable[[Frame, Catalog, Decimal | None], Iterable[Finding]]

#: the checks over one table, by group (what ``skip=`` names), in the order they run
RULES: dict[str, Rule] = checks()

#: every declared rule id -> its severity
SEVERITY: dict[str, str] = severities()


def _edition(document: Document, year: int | None) -> int:
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
    a dict is checked against the JSON Schema first (in one pass while it is
    built, govclass.docshape; jsonschema explains a document that fails), and
    structural errors are reported (rule ``schema``, with their JSON path)
    instead of running rules.
    ``skip`` names rule ids (or rule groups of :data:`RULES`) not to report.
    """
    if isinstance(document, dict):
        from govclass.docshape import build

        # The shape is checked while the document is built; jsonschema runs only
        # on a document that check does not vouch for (it explains what is wrong).
        problems: list[str] = []
        built: Document | None = None
        try:
            with paused():  # a line and its cells are many small objects, and no cycle among them
                built = build(document)
                if built is None:
                    problems = check_schema(document)
                    if not problems:
                        built = Document.from_dict(document)
        except DocumentError as exc:
            problems = [str(exc)]
        if problems:
            edition = year if year is not None else _edition(Document((), document.get("year") if isinstance(
                document.get("year"), int) else None), None)
            return Report(tuple(Finding("schema", ERROR, "", p, f"文档结构错误：{p}") for p in problems), edition, 0, 0)
        document = built  # type: ignore[assignment]
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
        frame, resolution = frame_of(table, catalog)
        nlines += len(table.lines)
        findings.extend(resolution)
        for group, rule in RULES.items():
            if group in skipped:
                continue
            findings.extend(rule(frame, catalog, tol))
    for p in document.problems:
        findings.append(Finding(p.rule, p.severity, p.table, p.message, p.message_zh, source_line=p.source_line,
                                page=p.page, text=p.text))
    if "cross" not in skipped:
        findings.extend(cross_check(document, catalog))
    if "narrative" not in skipped and (document.narrative or document.statements):
        try:
            checked = identity_check(document)
            if document.narrative:
                checked += narrative_check(document, read_narrative(document.narrative, catalog), catalog)[0]
        except ArithmeticError:  # a figure longer than decimal arithmetic carries (28 digits): not checked, said so
            checked = [Finding("insufficient-data", severities()["insufficient-data"], "-",
                               "the narrative was not checked: a figure has more digits than the arithmetic carries",
                               "文字说明未检查：有数字位数超出运算精度")]
        findings.extend(checked)
    if year is None and document.year is None and document.coverage is not None:
        findings.insert(0, Finding(
            "edition-fallback", DECLARED["edition-fallback"].severity, "",
            f"the document prints no fiscal year govclass could read; checked against the {edition} edition",
            f"文档未标明可识别的年度，本文档按 {edition} 年版核对", actual=str(edition)))
    elif year is None and document.year is not None and edition != document.year:
        findings.insert(0, Finding(
            "edition-fallback", DECLARED["edition-fallback"].severity, "",
            f"govclass has no {document.year} edition; the document was checked against the {edition} edition",
            f"govclass 没有 {document.year} 年版科目，本文档按 {edition} 年版核对",
            expected=str(document.year), actual=str(edition)))
    findings = [f for f in findings if f.rule not in skipped]
    return Report(tuple(findings), edition, len(document.tables) + len(document.statements), nlines,
                  document.coverage)
