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

from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from govclass.catalog import Catalog, get_catalog
from govclass.document import Document, Relation
from govclass.errors import GovclassError
from govclass.validation.frame import Frame, frame_of
from govclass.validation.report import ERROR, Finding, Report
from govclass.validation.rules.amounts import rule_invalid_amount
from govclass.validation.rules.codes import rule_codes
from govclass.validation.rules.columns import rule_columns
from govclass.validation.rules.names import rule_names
from govclass.validation.rules.structure import rule_level, rule_structure
from govclass.validation.rules.sums import rule_rollup
from govclass.validation.misprints import merge_misprints
from govclass.validation.relations import CheckedRelation, RelationError, parse_relation, relations_for
from govclass.validation.rules.cross import CROSS_RULES
from govclass.validation.severity import SEVERITY

__all__ = ["Finding", "Report", "validate", "RULES", "RULE_GROUPS", "SEVERITY", "RuleIdError", "rule_ids"]

Rule = Callable[[Frame, Catalog, Decimal | None], Iterable[Finding]]

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
    from govclass.catalog.store import available_years, latest_year

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
    from govclass.speedups.gc import paused

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
        frame, resolution = frame_of(table, catalog)
        nlines += len(table.lines)
        findings.extend(resolution)
        mine: list[Finding] = []
        for group, rule in RULES.items():
            if runs(group):
                mine.extend(rule(frame, catalog, tol))
        findings.extend(merge_misprints(mine, rels, catalog))
    for p in document.problems:
        findings.append(Finding(p.rule, p.severity, p.table, p.message, p.message_zh, source_line=p.source_line))
    if runs("cross"):
        from govclass.validation.rules.cross import cross_check

        findings.extend(cross_check(document, catalog))
    findings = [f for f in findings if f.rule not in dropped and (kept is None or f.rule in kept)]
    return Report(tuple(findings), edition, len(document.tables) + len(document.statements), nlines,
                  tuple(checked) if runs("columns") else ())
