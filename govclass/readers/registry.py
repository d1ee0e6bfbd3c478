"""Readers: files in, documents (JSON-format dicts) out.

Every reader returns a dict in the JSON document format (see
``python -m govclass schema``), so that one schema check and one converter
serve all inputs.  Unreadable input raises :class:`InputError` with a one-line
message (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import os

from govclass.errors import InputError
from govclass.readers.csv import code_column, read_csv
from govclass.readers.disclosure import read_disclosure
from govclass.readers.sheets import pdf_text, xlsx_rows
from govclass.readers.structured import load_json, load_yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from govclass.document import Document

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]


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
            return code_column(line.split(delimiter)) is not None
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
        rows = xlsx_rows(data, path)
        text = "\n".join("\t".join(cells) for _no, cells in rows)
        return _disclosure(read_disclosure(text, path, "tsv"), path, "xlsx", year)
    if fmt == "pdf":
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
