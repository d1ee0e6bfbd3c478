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

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]


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


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{path}: empty file")
    return data


#: Formats ``read_document`` knows (``fmt=``); ``None`` detects by extension and content.
FORMATS = ("json", "yaml", "csv", "text", "markdown", "tsv", "xlsx", "pdf")


def _is_table_csv(text: str) -> bool:
    """A pipeline CSV (header ``[table,]code,name,<amount column>…``), not a disclosure."""
    for line in text.splitlines():
        if line.strip():
            delimiter = "\t" if line.count("\t") > line.count(",") else ","
            return _code_column(line.split(delimiter)) is not None
    return False


def read_document(path: str, *, classification: str | None = None, unit: str | None = None,
                  year: int | None = None, fmt: str | None = None) -> "dict | Document":
    """Read a document: a JSON or YAML document (a dict, checked against the
    schema by the validator), CSV tables, or a published disclosure (plain
    text, markdown, TSV, XLSX, PDF) whose standard tables are found and read
    (a :class:`Document`).  The format comes from ``fmt``, else from the
    content (XLSX and PDF signatures) and the extension."""
    ext = os.path.splitext(path)[1].lower()
    data = _read_bytes(path)
    if fmt is None:
        if data[:4] == b"PK\x03\x04" or ext == ".xlsx":
            fmt = "xlsx"
        elif data[:5] == b"%PDF-" or ext == ".pdf":
            fmt = "pdf"
        elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError(f"{path}: an old binary .xls (or encrypted) workbook; save it as .xlsx")
        elif ext == ".json":
            fmt = "json"
        elif ext in (".yaml", ".yml"):
            fmt = "yaml"
    if fmt == "xlsx":
        from govclass.disclosure import read_disclosure
        from govclass.sheets import xlsx_rows

        rows = xlsx_rows(data, path)
        text = "\n".join("\t".join(cells) for _no, cells in rows)
        return _disclosure(read_disclosure(text, path, "tsv"), path, "xlsx", year)
    if fmt == "pdf":
        from govclass.disclosure import read_disclosure
        from govclass.sheets import pdf_text

        return _disclosure(read_disclosure(pdf_text(path), path, "text"), path, "pdf", year)
    text = decode(data, path)
    if fmt == "json":
        import json

        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    elif fmt == "yaml":
        import yaml

        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise InputError(f"{path}: not valid YAML{where}") from None
    elif fmt == "csv" or (fmt is None and ext in (".csv", ".tsv", ".txt", ".md", "") and _is_table_csv(text)):
        return read_csv(text, path, classification=classification, unit=unit, year=year,
                        delimiter="\t" if ext == ".tsv" else None)
    elif fmt in (None, "text", "markdown", "tsv"):
        from govclass.disclosure import read_disclosure

        return _disclosure(read_disclosure(text, path, fmt), path, None, year)
    else:
        raise InputError(f"{path}: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not isinstance(doc, dict):
        raise InputError(f"{path}: a document is a JSON/YAML object with a 'tables' list")
    if year is not None:
        doc["year"] = year
    return doc


def _disclosure(doc: "Document", path: str, fmt: str | None, year: int | None) -> "Document":
    import attrs

    if not doc.tables and not doc.statements:
        unread = [p for p in doc.problems if p.rule == "unreadable-table"]
        if unread:
            raise InputError(f"{path}: {unread[0].message}")
        raise InputError(f"{path}: no budget table found (no standard table title or header, and not a "
                         "code,name,… CSV table)")
    changes: dict = {}
    if fmt is not None:
        changes["format"] = fmt
    if year is not None:
        changes["year"] = year
    return attrs.evolve(doc, **changes) if changes else doc


TOTAL_NAMES = ("合计", "总计", "支出合计", "本年支出合计")
_TABLE_HEADERS = ("table", "表", "表名")


def _code_column(header: list[str]) -> int | None:
    """Where the code column of a CSV header ``[table,]code,name,<amount column>…``
    is (0, or 1 after a ``table`` column); None when it is not such a header."""
    h = [c.strip().strip('"').lower() for c in header]
    k = 1 if h and h[0] in _TABLE_HEADERS else 0
    if len(h) >= k + 3 and h[k] in ("code", "科目编码") and h[k + 1] in ("name", "科目名称"):
        return k
    return None


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
    k = _code_column(header)
    if k is None:
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
