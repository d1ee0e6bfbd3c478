"""The report writers of ``validate FILE``: a report is written as it is found.

A file that is read a table at a time (CSV, JSON Lines: govclass.stream) gives the report of each
batch of tables as soon as it is checked; any other file gives one report. The writers take them
one after another and hold none of their findings:

* ``csv``: a row per finding, written as found;
* ``json``: one JSON document written piece by piece: its head (version, govclass, file, edition),
  the findings, one per line, as found, then what is known only at the end (tables, lines, ok, the
  verdict, the summary, the relations checked, the coverage);
* ``text``: the report for people (``text``, govclass.cli.documents.text_report) says its verdict and
  summary before its findings, so the findings wait in a temporary file (marshal, one batch's findings at a
  time) and are read back, as often as the report reads them, once the summary is known.

The verdict (errors, incomplete, ok) is the whole-file report's (Report.verdict): an error in any
batch, else a finding in any batch that says a part was not read.

Memory therefore does not grow with the number of findings. Nothing is written before the first
report: a file that cannot be read is one line on standard error, as always.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse
    from collections.abc import Callable, Iterable, Iterator

    from govclass.validation.report import Report

__all__ = ["write_reports"]


class _Tally:
    """What a report says at its end, added up over the reports of one file."""

    def __init__(self) -> None:
        self.edition: int | None = None
        self.tables = self.lines = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.unread = False  # a finding says a part of the file was not read (Report.complete)
        self.relations: list = []
        self.coverage: dict | None = None

    def add(self, report: Report) -> None:
        if self.edition is None:
            self.edition = report.edition
        self.tables += report.tables
        self.lines += report.lines
        counts = self.counts
        for f in report.findings:
            counts[f.severity] += 1
        if not self.unread and not report.complete:
            self.unread = True
        self.relations.extend(report.relations)
        if report.coverage is not None:
            self.coverage = dict(report.coverage)

    @property
    def verdict(self) -> str:
        """As Report.verdict: errors, else incomplete, else ok."""
        if self.counts["error"]:
            return "errors"
        return "incomplete" if self.unread else "ok"

    def head(self, path: str, release: bool = True) -> dict:
        """What a report says first; ``release``: with the data release that made it (the package,
        its editions, how this edition is made: a JSON report's, which the text report does not print
        and which reads the edition's change record)."""
        from govclass.document.formats import FORMAT_VERSION

        out: dict = {"version": FORMAT_VERSION}
        if release:
            from govclass.validation.report import data_release

            out["govclass"] = data_release(self.edition)
        out.update(file=path, edition=self.edition)
        return out

    def tail(self) -> dict:
        out = {"tables": self.tables, "lines": self.lines, "ok": not self.counts["error"], "verdict": self.verdict,
               "summary": dict(self.counts), "relations": [r.to_dict() for r in self.relations]}
        if self.coverage is not None:
            out["coverage"] = self.coverage
        return out


def write_reports(args: argparse.Namespace, path: str, reports: Iterator[Report], text: Callable,
                  csv_writer: Callable) -> str:
    """Write the reports of one file in ``args.format``; its verdict (errors, incomplete, ok). How a
    report reads (``text(path, report dict)``, ``csv_writer(args)`` -> a function writing one row)
    is govclass.cli.documents'."""
    tally = _Tally()
    if args.format == "json":
        _write_json(path, reports, tally)
    elif args.format == "csv":
        row = csv_writer(args)
        for report in reports:
            tally.add(report)
            for f in report.findings:
                row(path, f.to_dict())
            report = None  # noqa: PLW2901 - let the batch go before the next one is checked
    else:
        _write_text(args, path, reports, tally, text)
    return tally.verdict


def _write_json(path: str, reports: Iterator[Report], tally: _Tally) -> None:
    """One JSON document, head, findings (one per line, as found), tail; json.loads reads it as the
    report's dict (``govclass schema --report``)."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder: one finding at a time
    write = sys.stdout.write
    first = True
    for report in reports:
        if tally.edition is None:
            tally.edition = report.edition
            head = json.dumps(tally.head(path), ensure_ascii=False, indent=2)
            write(head[:-2] + ',\n  "findings": [')
        tally.add(report)
        for f in report.findings:
            write(("\n    " if first else ",\n    ") + encode(f.to_dict()))
            first = False
        report = None  # noqa: PLW2901 - let the batch go before the next one is checked
    write("\n  ]," if not first else "],")
    tail = tally.tail()
    relations = tail.pop("relations")
    body = json.dumps(tail, ensure_ascii=False, indent=2)[1:-2]
    write(body + ',\n  "relations": [')
    write(",".join("\n    " + encode(r) for r in relations) + ("\n  ]" if relations else "]"))
    write("\n}\n")


def _write_text(args: argparse.Namespace, path: str, reports: Iterator[Report], tally: _Tally,
                text_report: Callable) -> None:
    """The text report (its summary first): the findings wait in a temporary file."""
    import marshal
    import tempfile

    with tempfile.TemporaryFile() as spill:
        held, chunks = 0, []
        for report in reports:
            tally.add(report)
            if report.findings:  # a batch's findings in one chunk, read back by marshal.loads (marshal.load
                # from a file reads it a few bytes at a time: 14 µs a finding)
                chunks.append(spill.write(marshal.dumps([f.to_dict() for f in report.findings])))
                held += len(report.findings)
            report = None  # noqa: PLW2901 - let the batch go before the next one is checked

        text_report(path, {**tally.head(path, release=False), **tally.tail(),
                           "findings": _Held(spill, held, chunks)})


class _Held:
    """The findings held in a temporary file, a chunk per batch, read from its start each time they are
    iterated (the text report reads them twice: its counts per rule, then the findings)."""

    def __init__(self, spill, count: int, chunks: list[int]) -> None:
        self.spill, self.count, self.chunks = spill, count, chunks

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict]:
        import marshal

        self.spill.seek(0)
        for size in self.chunks:
            yield from marshal.loads(self.spill.read(size))
