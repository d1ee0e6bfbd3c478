"""Findings and the report: what the validator says about a document."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govclass.document.formats import FORMAT_VERSION
from govclass.rulebook import ERROR, INFO, WARNING, leaves_unread
from govclass.validation.relations import CheckedRelation

__all__ = ["Finding", "Printed", "Report", "SumColumn", "ERROR", "WARNING", "INFO", "VERDICTS", "data_release"]

#: what a report says of its document as a whole: errors found; read only in part (a table or a
#: line not read, and no error in what was read); read whole with no error
VERDICTS = ("errors", "incomplete", "ok")


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
    box: tuple[float, float, float, float] | None = None  # where on its page (PDF), as Finding.box

    def to_dict(self) -> dict:
        d = {k: v for k, v in attrs.asdict(self).items() if v is not None}
        if self.box is not None:
            d["box"] = _rounded(self.box)
        return d


def _rounded(box: tuple[float, float, float, float]) -> list[float]:
    """A box in points to a tenth of a point (what a page shows; the JSON stays short)."""
    return [round(v, 1) for v in box]


@attrs.frozen(slots=True)
class SumColumn:
    """One column in which a sum fails: the total as printed (``actual``), what its parts add up to
    (``expected``), the ``difference`` and the rounding ``tolerance`` (a roll-up that fails in several
    columns is one finding that lists them all)."""

    column: str
    expected: str
    actual: str
    difference: Decimal
    tolerance: Decimal

    def to_dict(self) -> dict:
        return {"column": self.column, "expected": self.expected, "actual": self.actual,
                "difference": str(self.difference), "tolerance": str(self.tolerance)}


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
    #: every column in which a sum fails, when more than one does (``column`` … ``tolerance`` are the first's)
    columns: tuple[SumColumn, ...] = ()
    #: where the row it is about is printed on its page (PDF): x0, top, x1, bottom in points from the page's
    #: top left corner as displayed (``validate --format html`` and ``annotate`` draw it)
    box: tuple[float, float, float, float] | None = None
    #: the tables and statements of the document the finding rests on (a check between tables names
    #: both), so that a stage can tell which reading a finding judges without reading its message;
    #: not part of the report's JSON (its ``table`` names them)
    rests_on: tuple = attrs.field(default=(), eq=False, repr=False, kw_only=True)

    def to_dict(self) -> dict:
        """The finding in the JSON report format: its fields in their order, ``page``, ``sentence``,
        ``text`` and ``box`` only where known, ``figures`` only when it rests on some, ``columns`` only
        when a sum fails in several (written out field by field: a report of a million findings makes a
        million of these dicts)."""
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
        if self.columns:  # a sum failing in several columns: each of them
            d["columns"] = [c.to_dict() for c in self.columns]
        if self.box is not None:  # last, as attrs.asdict ordered it
            d["box"] = _rounded(self.box)
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
    #: the document's form (Document.form): government-budget | government-final, None for a department's
    form: str | None = None

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

    @property
    def complete(self) -> bool:
        """Read whole: no finding says a part of the document was not read (the rules declared
        ``leaves_unread``: a table or a line that could not be read)."""
        return not leaves_unread(f.rule for f in self.findings)

    @property
    def verdict(self) -> str:
        """``errors`` (an error found), else ``incomplete`` (part of the document not read), else
        ``ok`` (read whole, no error): the exit code of ``validate`` follows it (1, 4, 0)."""
        if not self.ok:
            return "errors"
        return "ok" if self.complete else "incomplete"

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    def to_dict(self, findings: bool = True) -> dict:
        """The report in the JSON report format (``govclass schema --report``);
        ``findings=False`` leaves the findings out (a summary)."""
        out = {
            "version": FORMAT_VERSION,
            "govclass": data_release(self.edition),
            "file": self.file,
            "edition": self.edition,
            "tables": self.tables,
            "lines": self.lines,
            "ok": self.ok,
            "verdict": self.verdict,
            "summary": self.summary,
            "relations": [r.to_dict() for r in self.relations],
        }
        if findings:
            out["findings"] = [f.to_dict() for f in self.findings]
        if self.coverage is not None:
            out["coverage"] = dict(self.coverage)
        if self.form is not None:
            out["form"] = self.form
        return out


def data_release(edition: int | None = None) -> dict:
    """Which govclass and which data made a report: the package version (the data ships in it: a
    correction of the data is a patch release), the editions it carries (first and newest year), and
    for ``edition`` how that edition is made (its base, the change records applied or undone, whether
    its book was read or its structure carried from a neighbour: ``govclass editions``)."""
    from govclass import __version__
    from govclass.catalog.editions import coverage, editions

    years = editions()
    out: dict = {"version": __version__, "editions": [years[0], years[-1]], "newest": years[-1]}
    if edition is not None and edition in years:
        made = coverage(edition)
        out["edition"] = {"year": edition, "base": made["base"], "records": len(made["steps"]),
                          "carried_from": made["carried_from"] if made["carried"] else None}
    return out
