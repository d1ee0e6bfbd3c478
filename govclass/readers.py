"""Readers: files in, documents (JSON-format dicts) out.

Every reader returns a dict in the JSON document format (see
``python -m govclass schema``), so that one schema check and one converter
serve all inputs.  Unreadable input raises :class:`InputError` with a one-line
message (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import os

from govclass.errors import GovclassError

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
                  year: int | None = None) -> dict:
    """Read a JSON, YAML or CSV document by its extension."""
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


def read_csv(text: str, where: str = "<csv>", *, classification: str | None = None, unit: str | None = None,
             year: int | None = None, delimiter: str | None = None) -> dict:
    """One table from CSV: header ``code,name,<column>,<column>…``, first
    column the code as printed.  A line with no code named 合计 is the total."""
    import csv

    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{where}: empty file") from None
    header = [h.strip() for h in header]
    if len(header) < 3 or header[0].lower() not in ("code", "科目编码") or header[1].lower() not in ("name", "科目名称"):
        raise InputError(f"{where}: the header must be code,name,<amount column>…; got {','.join(header[:4])}")
    columns = header[2:]
    if len(set(columns)) != len(columns) or any(not c for c in columns):
        raise InputError(f"{where}: amount column names must be unique and non-empty")
    lines = []
    for lineno, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(f"{where}: line {lineno} has {len(row)} cells, the header {len(header)}")
        row = row + [""] * (len(header) - len(row))
        code, name = row[0].strip(), row[1].strip()
        amounts = {c: (v.strip() or None) for c, v in zip(columns, row[2:])}
        line: dict = {"code": code or None, "name": name or None, "amounts": amounts, "source_line": lineno}
        if not code and name in TOTAL_NAMES:
            line["total"] = True
        lines.append(line)
    doc: dict = {
        "source": where,
        "tables": [{
            "name": os.path.splitext(os.path.basename(where))[0],
            "classification": classification or "functional",
            "unit": unit or "万元",
            "columns": columns,
            "lines": lines,
        }],
    }
    if year is not None:
        doc["year"] = year
    return doc
