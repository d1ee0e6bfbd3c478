"""Findings and the report: what the validator says about a document."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govclass.document.formats import FORMAT_VERSION
from govclass.rulebook import ERROR, INFO, WARNING
from govclass.validation.relations import CheckedRelation

__all__ = ["Finding", "Printed", "Report", "ERROR", "WARNING", "INFO"]


@attrs.frozen(slots=True)
class Printed:
    """A printed figure a finding rests on: a table's cell (``table``, its
    ``row`` label or code and name, ``column``) or an amount of the narrative
    (``table`` is 说明, ``sentence`` the sentence), with the ``page`` and line
    where it is printed and ``text``, the figure as printed."""

    text: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    page: int | None = None
    line: int | None = None
    sentence: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


# Not slotted: for a frozen class with a __dict__, attrs writes an __init__
# that fills the dict directly, about 3x faster than setting 15 frozen slots
# through object.__setattr__ (a 100k-line document can carry 10k findings).
@attrs.frozen(slots=False)
class Finding:
    """One thing the validator says about a document: the rule it breaks (its
    id; ``severity`` comes from the rule's declaration), where (table, line in
    the table, line of the source file, column), the code and name printed,
    what was expected and found, the difference and the tolerance for sums,
    suggested codes, and a message in English (``message``) and Chinese
    (``message_zh``).  One defect, one finding."""

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
    page: int | None = None  # page of a PDF, when known
    sentence: str | None = None  # the narrative sentence a finding is about
    text: str | None = None  # the table row as printed (PDF)
    blank: tuple[str, ...] = ()  # the parts of a sum that were blank (their codes, or column names)
    figures: tuple[Printed, ...] = ()  # the printed figures the finding rests on (a narrative finding's both sides)
    #: the tables and statements of the document the finding rests on (a check between tables names
    #: both), so that a stage can tell which reading a finding judges without reading its message;
    #: not part of the report's JSON (its ``table`` names them)
    rests_on: tuple = attrs.field(default=(), eq=False, repr=False, kw_only=True)

    def to_dict(self) -> dict:
        """The finding in the JSON report format: its fields in their order, ``page``, ``sentence`` and
        ``text`` only where known, ``figures`` only when it rests on some (written out field by field:
        a report of a million findings makes a million of these dicts)."""
        d = {"rule": self.rule, "severity": self.severity, "table": self.table, "message": self.message,
             "message_zh": self.message_zh, "line": self.line, "source_line": self.source_line, "code": self.code,
             "name": self.name, "column": self.column, "expected": self.expected, "actual": self.actual,
             "difference": None if self.difference is None else str(self.difference),
             "tolerance": None if self.tolerance is None else str(self.tolerance),
             "suggestions": list(self.suggestions)}
        if self.page is not None:
            d["page"] = self.page
        if self.sentence is not None:
            d["sentence"] = self.sentence
        if self.text is not None:
            d["text"] = self.text
        d["blank"] = list(self.blank)
        if self.figures:
            d["figures"] = [p.to_dict() for p in self.figures]
        return d


@attrs.frozen(slots=True)
class Report:
    """What :func:`govclass.validation.validate` found in one document: the
    findings in a stable order (table by table, check by check, then the
    reader's problems, then the cross-table checks), the edition checked
    against, and how many tables and lines were read.  ``ok`` means no
    error (warnings and information allowed)."""

    findings: tuple[Finding, ...]
    edition: int
    tables: int
    lines: int
    #: coded lines the document prints and how many were read and checked (a PDF reader counts them)
    coverage: dict | None = None
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

    def to_dict(self, findings: bool = True) -> dict:
        """The report in the JSON report format (``govclass schema --report``);
        ``findings=False`` leaves the findings out (a summary)."""
        out = {
            "version": FORMAT_VERSION,
            "file": self.file,
            "edition": self.edition,
            "tables": self.tables,
            "lines": self.lines,
            "ok": self.ok,
            "summary": self.summary,
            "relations": [r.to_dict() for r in self.relations],
        }
        if findings:
            out["findings"] = [f.to_dict() for f in self.findings]
        if self.coverage is not None:
            out["coverage"] = dict(self.coverage)
        return out
