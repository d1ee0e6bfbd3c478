"""Readers: files in, documents (JSON-format dicts) out.

Every reader returns a dict in the JSON document format (see
``python -m govclass schema``), so that one schema check and one converter
serve all inputs.  Unreadable input raises :class:`InputError` with a one-line
message (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import os

from govclass.errors import GovclassError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from govclass.document import Document

__all__ = ["InputError", "read_document", "read_csv", "decode"]


class InputError(GovclassError):
    """The input cannot be read as a budget document."""


ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{where}: binary data, not a text document")
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{where}: not UTF-8 or GB18030 text")


def _read(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{path}: empty file")
    return decode(data, path)


def read_document(path: str, *, classification: str | None = None, unit: str | None = None,
                  year: int | None = None) -> "dict | Document":
    """Read a JSON or YAML document (a dict, checked against the schema by
    the validator) or CSV tables (a :class:`Document`) by the extension."""
    ext = os.path.splitext(path)[1].lower()
    text = _read(path)
    if ext == ".json":
        import json

        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    elif ext in (".yaml", ".yml"):
        import yaml

        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise InputError(f"{path}: not valid YAML{where}") from None
    elif ext in (".csv", ".tsv", ".txt"):
        return read_csv(text, path, classification=classification, unit=unit, year=year,
                        delimiter="\t" if ext == ".tsv" else None)
    else:
        raise InputError(f"{path}: unknown format {ext or '(no extension)'}; expected .json, .yaml or .csv")
    if not isinstance(doc, dict):
        raise InputError(f"{path}: a document is a JSON/YAML object with a 'tables' list")
    if year is not None:
        doc["year"] = year
    return doc


TOTAL_NAMES = ("合计", "总计", "支出合计", "本年支出合计")
_TABLE_HEADERS = ("table", "表", "表名")


def read_csv(text: str, where: str = "<csv>", *, classification: str | None = None, unit: str | None = None,
             year: int | None = None, delimiter: str | None = None) -> Document:
    """Tables from CSV: header ``code,name,<column>,<column>…``, first column
    the code as printed.  A line with no code named 合计 is the total.

    An optional first column ``table`` names the table each line belongs to,
    so one file can carry many tables (a pipeline's long format); lines of a
    table need not be contiguous.  Without it the file is one table named
    after the file.  The document is built directly (no schema pass: the
    reader only makes well-formed documents).
    """
    from govclass._gc import paused

    with paused():
        return _read_csv(text, where, classification, unit, year, delimiter)


def _read_csv(text: str, where: str, classification: str | None, unit: str | None, year: int | None,
              delimiter: str | None) -> Document:
    import csv
    from functools import partial
    from itertools import repeat
    from operator import itemgetter

    from govclass.document import Document, Line, Table, parse_amount

    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{where}: empty file") from None
    header = [h.strip() for h in header]
    k = 1 if header and header[0].lower() in _TABLE_HEADERS else 0
    if (len(header) < k + 3 or header[k].lower() not in ("code", "科目编码")
            or header[k + 1].lower() not in ("name", "科目名称")):
        raise InputError(f"{where}: the header must be [table,]code,name,<amount column>…; got {','.join(header[:4])}")
    columns = tuple(header[k + 2:])
    if len(set(columns)) != len(columns) or any(not c for c in columns):
        raise InputError(f"{where}: amount column names must be unique and non-empty")
    width = len(header)
    rows = list(reader)
    widths = set(map(len, rows))
    if widths - {width}:
        rows = _even(rows, width, where)
    linenos = range(2, len(rows) + 2)
    filled = list(map(str.strip, map("".join, rows)))
    if not all(filled):  # drop blank lines (white space only too), keep the others' source line numbers
        kept = [(r, n) for r, n, f in zip(rows, linenos, filled) if f]
        rows, linenos = [r for r, _ in kept], [n for _, n in kept]  # type: ignore[assignment]
    if not rows:
        raise InputError(f"{where}: a header and no lines")
    # Column-wise, so that the per-figure work runs in C: each distinct printed
    # figure is parsed once (tables repeat 0.00, totals, blanks), then mapped.
    cols = list(zip(*rows))
    codes = [c or None for c in map(str.strip, cols[k])]
    names = [n or None for n in map(str.strip, cols[k + 1])]
    cell_cols = []
    for col in cols[k + 2:]:
        parsed = {raw: parse_amount(raw) for raw in set(col)}
        cell_cols.append(map(parsed.__getitem__, col))
    cells = list(map(dict, map(zip, repeat(columns), zip(*cell_cols))))
    totals = [c is None and n in TOTAL_NAMES for c, n in zip(codes, names)]
    # Group by table (first appearance order), then number the lines.
    members: dict[str, list[int]] = {}
    if k:
        for i, t in enumerate(cols[0]):
            members.setdefault(t.strip(), []).append(i)
    else:
        members[os.path.splitext(os.path.basename(where))[0]] = list(range(len(rows)))
    make = partial(tuple.__new__, Line)
    tables: dict[str, tuple[Line, ...]] = {}
    for name, idx in members.items():
        pick = itemgetter(*idx) if len(idx) > 1 else (lambda seq, i=idx[0]: (seq[i],))
        tables[name] = tuple(map(make, zip(pick(codes), pick(names), pick(cells), pick(totals),
                                           range(1, len(idx) + 1), pick(linenos), repeat(None))))
    return Document(tuple(Table(name, classification or "functional", unit or "万元", columns, lines)
                          for name, lines in tables.items()), year, None, None, where)


def _even(rows: list[list[str]], width: int, where: str) -> list[list[str]]:
    """Pad short rows with blanks; a row longer than the header is an error."""
    out = []
    for lineno, row in enumerate(rows, 2):
        if len(row) > width:
            raise InputError(f"{where}: line {lineno} has {len(row)} cells, the header {width}")
        out.append(row + [""] * (width - len(row)))
    return out
