"""Validate what outgrows one machine with Dask (the optional extra ``dask``).

* :func:`validate` takes a Dask DataFrame of budget lines partitioned by
  table or by budget unit (every line of a table in one partition) and
  validates each partition where it lies, as govclass.frame does a pandas
  DataFrame.  The findings are those of ``govclass.frame.validate`` on the
  whole frame (``ddf.compute()``), in the same order: partition after
  partition, and within one as a single process reports them.  A table
  whose lines lie in two partitions is refused (ValueError): its roll-up
  cannot be checked piecewise; repartition by the table column first.
* :func:`validate_documents` validates many documents (published
  disclosures, CSV or JSON files) given as paths, one task per document, and
  returns one JSON report per path, in the order of the paths.

Both run on whatever scheduler is active: a ``distributed.Client`` connected
to a cluster (``Client("tcp://scheduler:8786")``), a LocalCluster, or Dask's
default threads.  See docs/pipelines.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

__all__ = ["validate", "validate_documents"]


def _partition(part, offset: int, options: dict):
    """One partition's findings (as a DataFrame) and its tables and lines."""
    from govclass.adapters import dataframe as frame

    if not len(part):
        return frame.indexed_findings(part, ()), [], 0, None
    rep = frame.report(part, first_line=offset + 2, **options)
    names = list(dict.fromkeys(part[options["table"]].map(frame.name_text).str.strip())) if options.get("table") \
        else [None]
    return frame.indexed_findings(part, rep.findings, offset + 2), names, rep.lines, rep.edition


def validate(ddf, *, code: str = "code", name: str = "name", amounts: Sequence[str] | None = None,
             table: str | None = None, year: int | None = None, classification: str | None = None,
             unit: str | None = None, tolerance: Decimal | str | None = None, skip: Iterable[str] = ()):
    """Validate a Dask DataFrame of budget lines, partition by partition, and
    return the findings as one pandas DataFrame (govclass.frame.FINDING_COLUMNS;
    ``source_line`` counts rows across the whole frame, as in
    ``ddf.compute().to_csv(index=False)``).  The arguments are those of
    :func:`govclass.frame.validate`; the report's edition, table and line
    counts and ``ok`` are in ``.attrs``."""
    import dask
    import pandas as pd

    from govclass.adapters import dataframe as frame

    if amounts is None:
        amounts = [c for c in ddf.columns if c not in (code, name, table)]
    options = dict(code=code, name=name, amounts=list(amounts), table=table, year=year,
                   classification=classification, unit=unit, tolerance=tolerance, skip=tuple(skip))
    parts = ddf.to_delayed()
    if len(parts) > 1 and not table:
        raise ValueError("a frame without a table column is one table: give it one partition, or name the table "
                         "column (table=...)")
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets, at = [], 0
    for n in lengths:
        offsets.append(at)
        at += n
    results = dask.compute(*[dask.delayed(_partition)(p, o, options) for p, o in zip(parts, offsets)])
    where: dict[object, int] = {}
    for i, (_found, names, _lines, _edition) in enumerate(results):
        for t in names:
            if t in where:
                raise ValueError(f"table {t!r} has lines in partitions {where[t]} and {i}: partition the frame by "
                                 "table (e.g. ddf.shuffle(on=...)) so that each table is whole in one partition")
            where[t] = i
    frames = [found for found, *_ in results if len(found)]
    out = pd.concat(frames, ignore_index=True) if frames else frame.indexed_findings(ddf.head(0), ())
    for c in ("line", "source_line"):
        out[c] = out[c].astype("Int64")
    editions = {e for *_, e in results if e is not None}
    from govclass.rulebook import unread_rules

    ok = not (out["severity"] == "error").any()
    complete = not out["rule"].isin(unread_rules()).any()
    out.attrs.update(edition=editions.pop() if len(editions) == 1 else None, tables=len(where),
                     lines=sum(r[2] for r in results), ok=ok,
                     verdict="errors" if not ok else "ok" if complete else "incomplete")
    return out


def _document(path: str, options: dict) -> dict:
    """One document's JSON report (as ``govclass validate --format json``
    prints it), or ``{"file": path, "error": …}`` for a file that cannot be
    read as a budget document (exit 2 on the command line)."""
    from govclass.errors import GovclassError
    from govclass.readers import read_document
    from govclass.validation import validate as validate_one

    try:
        doc = read_document(path, classification=options["classification"], unit=options["unit"],
                            year=options["year"], fmt=options["fmt"])
        report = validate_one(doc, options["year"], tolerance=options["tolerance"], skip=options["skip"])
    except GovclassError as exc:
        return {"file": path, "error": str(exc)}
    return {**report.to_dict(), "file": path}


def validate_documents(paths, *, year: int | None = None, fmt: str | None = None, classification: str | None = None,
                       unit: str | None = None, tolerance: Decimal | str | None = None,
                       skip: Iterable[str] = ()) -> list[dict]:
    """Validate documents, one task each: ``paths`` a list of paths or a
    ``dask.bag`` of them (e.g. ``dask.bag.from_sequence(paths,
    npartitions=…)``).  Returns one dict per path, in order: the JSON report
    with its ``file``, or ``{"file", "error"}`` when the file cannot be read
    as a budget document."""
    import dask.bag as db

    options = dict(year=year, fmt=fmt, classification=classification, unit=unit,
                   tolerance=None if tolerance is None else Decimal(str(tolerance)), skip=tuple(skip))
    bag = paths if isinstance(paths, db.Bag) else db.from_sequence(list(paths), npartitions=max(1, len(paths)))
    return bag.map(_document, options).compute()
