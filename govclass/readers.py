"""Readers: files in, documents (JSON-format dicts) out.

Every reader returns a dict in the JSON document format (see
``python -m govclass schema``), so that one schema check and one converter
serve all inputs.  Unreadable input raises :class:`InputError` with a one-line
message (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from operator import getitem, itemgetter

from govclass.errors import GovclassError
from govclass.structured import load_json, load_yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from govclass.document import Document

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]


class InputError(GovclassError):
    """The input cannot be read as a budget document."""


ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK), each
    strictly.  A file that mixes them (UTF-8 lines and lines that are not
    UTF-8) is refused in one line that names the lines, never decoded whole
    as GB18030 (every UTF-8 name would turn to mojibake)."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{where}: binary data, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_chars, other = _utf8_lines(data)
    if utf8_chars >= _MIXED_MIN_CHARS and other:
        shown = ", ".join(map(str, other[:5])) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise InputError(f"{where}: mixed encodings: the file is UTF-8 but line(s) {shown} are not "
                         "(GBK/GB18030?); save it in one encoding")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 or GB18030 text") from None


# UTF-8 characters outside ASCII a file needs before its other lines count as another
# encoding: a GB18030 line can be valid UTF-8 by accident, but hardly four characters' worth.
_MIXED_MIN_CHARS = 4


def _utf8_lines(data: bytes) -> tuple[int, list[int]]:
    """Characters outside ASCII on the lines that are UTF-8, and the numbers
    of the lines that are not."""
    chars, other = 0, []
    for no, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8-sig" if no == 1 else "utf-8")
        except UnicodeDecodeError:
            other.append(no)
            continue
        chars += sum(not ch.isascii() for ch in text)
    return chars, other


def _read_bytes(path: str) -> bytes:
    """The bytes of a regular file, at most ``MAX_FILE_BYTES``.  A FIFO, a
    device or a socket is refused without waiting for a writer."""
    import stat

    from govclass.limits import MAX_FILE_BYTES

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else \
                "a device or socket"
            raise InputError(f"{path}: {what}, not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: {st.st_size} bytes; the largest file read is {MAX_FILE_BYTES} bytes")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES} bytes, the largest file read")
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
        doc = load_json(text, path)
    elif fmt == "yaml":
        doc = load_yaml(text, path)
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
    from itertools import compress, count, islice
    from operator import ne, not_

    from govclass.document import ColumnLines, Document, Table

    text = text.lstrip("\ufeff")
    newline = text.find("\n")  # the first line ends at the first \n or \r
    first = (text if newline < 0 else text[:newline]).split("\r", 1)[0]
    if delimiter is None:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # The figures (the columns after code and name) may stay spans of the
    # text until a line is asked for (the C speed-up's TextColumn).
    k = _code_column([h.strip() for h in first.split(delimiter)])
    split = _split_columns(text, delimiter, -1 if k is None else k + 2)
    header, cols, linenos, padded = split or _csv_columns(text, delimiter, where)
    header = [h.strip() for h in header]
    k = _code_column(header)
    if k is None:
        raise InputError(f"{where}: the header must be [table,]code,name,<amount column>…; got {','.join(header[:4])}")
    columns = tuple(header[k + 2:])
    if len(set(columns)) != len(columns) or any(not c for c in columns):
        raise InputError(f"{where}: amount column names must be unique and non-empty")
    if not linenos:
        raise InputError(f"{where}: a header and no lines")
    # Column-wise, so that the per-line work runs in C; lines are made only
    # when asked for (ColumnLines).
    codes, names = _stripped(cols[k], padded[k]), _stripped(cols[k + 1], padded[k + 1])
    figures = cols[k + 2:]
    if "" in codes:  # a blank line (white space only too) has no code, no name and no figure: drop it
        blank = [i for i in compress(count(), map(not_, codes))
                 if not names[i] and not any(f[i].strip() for f in figures) and not (k and cols[0][i].strip())]
        if blank:
            gone = set(blank)
            keep = [i for i in range(len(codes)) if i not in gone]
            if not keep:
                raise InputError(f"{where}: a header and no lines")
            cols = [_take(c, keep) for c in cols]
            codes, names, figures = _take(codes, keep), _take(names, keep), cols[k + 2:]
            linenos = _take(linenos, keep)
    nones = {"": None}  # a blank code or name is None
    if "" in codes:
        codes = list(map(nones.get, codes, codes))
    if "" in names:
        names = list(map(nones.get, names, names))
    n = len(codes)
    # Group by table (first appearance order); a table's lines need not be contiguous.
    if k:
        tcol = _stripped(cols[0], padded[0])
        starts = [0, *compress(count(1), map(ne, islice(tcol, 1, None), tcol))]
        if len({tcol[i] for i in starts}) == len(starts):  # each table in one run: slices
            members = {tcol[s]: slice(s, e) for s, e in zip(starts, [*starts[1:], n])}
        else:
            groups: dict[str, list[int]] = {}
            for i, t in enumerate(tcol):
                groups.setdefault(t, []).append(i)
            members = groups  # type: ignore[assignment]
    else:
        members = {os.path.splitext(os.path.basename(where))[0]: slice(0, n)}
    tables = []
    classification, unit = classification or "functional", unit or "万元"
    take = _take if k and not isinstance(next(iter(members.values())), slice) else getitem
    by_column = list(zip(columns, figures))
    for name, idx in members.items():
        lines = ColumnLines(take(codes, idx), take(names, idx), {c: take(f, idx) for c, f in by_column},
                            take(linenos, idx))
        tables.append(Table(name, classification, unit, columns, lines))  # type: ignore[arg-type]
    return Document(tuple(tables), year, None, None, where)


def _split_columns(text: str, delimiter: str, lazy_from: int = -1
                   ) -> tuple[list[str], list[Sequence[str]], range, list[bool]] | None:
    """Header, columns and line numbers of a CSV file that quotes nothing,
    and per column whether a cell has white space at an edge (for
    :func:`_stripped`); None when the file quotes a field or its lines do
    not all have the header's number of cells (csv.reader reads those).  The
    C speed-up when it is built, else :func:`_py_split_columns`: the same
    answer, except that the C split keeps the columns from ``lazy_from`` on
    (if not -1) as spans of the text (a TextColumn: a sequence of str that
    makes a cell's string when it is asked for)."""
    from govclass._accel import speedups

    if speedups is not None and len(delimiter) == 1 and delimiter not in '"\r\n':
        split = speedups.split_columns(text, delimiter, lazy_from)
        if split is None:
            return None
        header, cols, rows, padded = split
        return header, cols, range(2, rows + 2), padded
    return _py_split_columns(text, delimiter)


def _py_split_columns(text: str, delimiter: str) -> tuple[list[str], list[list[str]], range, list[bool]] | None:
    """:func:`_split_columns` in Python, split by C string methods: the whole
    body at once on its delimiters, then every column a slice of the flat list."""
    from itertools import repeat

    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return None
    header = lines[0].split(delimiter)
    width = len(header)
    body = lines[1:]
    if body and set(map(str.count, body, repeat(delimiter))) != {width - 1}:
        return None
    flat = delimiter.join(body).split(delimiter) if body else []
    cols = [flat[j::width] for j in range(width)]
    return header, cols, range(2, len(body) + 2), list(map(_padded, cols))


def _csv_columns(text: str, delimiter: str, where: str) -> tuple[list[str], list[list[str]], list[int], list[bool]]:
    """Header, columns and the line number of each record, by csv.reader:
    quoted fields (with delimiters or line breaks inside), short lines
    (padded with blanks), blank lines (skipped); and per column whether a
    cell has white space at an edge."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        while not header:
            header = next(reader)
    except StopIteration:
        raise InputError(f"{where}: empty file") from None
    except csv.Error as exc:
        raise InputError(f"{where}: not a readable CSV file: {exc}") from None
    width = len(header)
    rows, linenos = [], []
    last = reader.line_num
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                continue
            if len(row) != width:
                if len(row) > width:
                    raise InputError(f"{where}: line {start} has {len(row)} cells, the header {width}")
                row = row + [""] * (width - len(row))
            rows.append(row)
            linenos.append(start)
    except csv.Error as exc:
        raise InputError(f"{where}: line {reader.line_num}: not readable as CSV: {exc}") from None
    cols = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(width)]
    return header, cols, linenos, list(map(_padded, cols))


def _take(seq: Sequence, idx: slice | list[int]) -> Sequence:
    """The cells of ``seq`` at ``idx``: a slice, or a list of positions."""
    if isinstance(idx, slice):
        return seq[idx]
    return list(itemgetter(*idx)(seq)) if len(idx) > 1 else [seq[idx[0]]]


def _padded(column: list[str]) -> bool:
    """Whether a cell of ``column`` has white space at an edge (C passes: the
    column joined, split on white space)."""
    joined = "".join(column)
    if joined.split(maxsplit=1) == [joined]:  # no white space at all
        return False
    return column != list(map(str.strip, column))


def _stripped(column: list[str], padded: bool) -> list[str]:
    """The cells without surrounding white space (the column itself when no
    cell is ``padded``)."""
    return list(map(str.strip, column)) if padded else column
