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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from govclass.document import Document

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]


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
    """The file's bytes; ``"-"`` reads standard input."""
    try:
        if path == "-":
            import sys

            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{path}: empty " + ("input" if path == "-" else "file"))
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
        elif ext == ".json" or (path == "-" and data.lstrip()[:1] == b"{"):
            fmt = "json"
        elif ext in (".yaml", ".yml"):
            fmt = "yaml"
    if fmt == "xlsx":
        rows = xlsx_rows(data, path)
        text = "\n".join("\t".join(cells) for _no, cells in rows)
        return _disclosure(read_disclosure(text, path, "tsv"), path, "xlsx", year)
    if fmt == "pdf":
        if path == "-":  # the PDF reader opens a file
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
                tmp.write(data)
                tmp.flush()
                text = pdf_text(tmp.name)
        else:
            text = pdf_text(path)
        return _disclosure(read_disclosure(text, path, "text"), path, "pdf", year)
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
