"""Spreadsheet and PDF input: rows of cells from .xlsx, text from .pdf.

:func:`xlsx_rows` reads an Office Open XML workbook with the standard library
only (``zipfile`` and ``xml.etree``).  :func:`pdf_text` needs the optional
dependency pypdfium2 (once the ``pdf`` extra).  Unreadable input raises
:class:`govclass.readers.InputError` with a one-line message that starts with
the file name given by the caller.

XLSX conventions
    * Sheets (worksheets only; chart sheets and the like have no cells) come
      in workbook order, hidden ones included, concatenated with one empty row
      ``[]`` between sheets.  A sheet with no content is left out.
    * Each row is ``(row_number, cells)``; ``row_number`` counts the output
      rows from 1, separators included, so for the first sheet it equals
      Excel's row number.
    * Cells are placed by their reference (``C1`` is index 2), so a gap in a
      row becomes ``""``; trailing empty cells are dropped, so a row with no
      content is ``[]``.  Missing rows inside a sheet become ``[]``; empty
      rows after a sheet's last row with content are dropped.
    * Text: shared strings (rich-text runs joined, phonetic runs left out),
      inline strings and formula string results, as stored (white space and
      line breaks inside a cell kept; ``_xHHHH_`` escapes decoded).  Booleans
      are ``"TRUE"``/``"FALSE"``; error values (``#DIV/0!``) and ISO dates
      (``t="d"``) are the stored text.  A formula without a cached value is
      ``""``.  Merged cells are left as stored: the value is in the top-left
      cell only.
    * Numbers: the stored text, except that a cell whose number format is a
      plain fixed-decimals format (``0``, ``0.00``, ``#,##0.00``,
      ``0.00_);(0.00)`` …) is written with that many decimals, rounded half
      away from zero (``1816.1`` → ``"1816.10"``, ``1816.0799999999999`` →
      ``"1816.08"``), with a ``-`` sign and no thousands separators.  Numbers
      with other formats (General, percent, date, scientific, thousands
      scaling) keep their stored text, except that a stored General number
      with more significant digits than Excel keeps (15) is rounded to 15
      (``3816.0800000000004`` → ``"3816.08"``).  A whole number is padded
      with zeros to the digits its format shows (``00``: 2 → ``"02"``, a
      款 or 项 code kept as a number).
    * :func:`xlsx_sheets` gives the same rows sheet by sheet, with each
      sheet's name, whether it is hidden, its merged ranges, its formula
      cells saved without a value and its hidden rows and columns (the table
      reader needs them).

PDF convention
    The text of each page (PDFium's text layer, line breaks as ``"\\n"``) is
    followed by a line that is exactly ``"\\f"``: ``page1 + "\\n\\f\\n" + page2 + "\\n\\f\\n"``.
    Split it with ``text.split("\\n")``, not ``str.splitlines()``, which
    treats a form feed as a line break and so loses the marker lines.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple
from xml.etree import ElementTree as ET

from govclass.errors import InputError
from govclass.readers.disclosure import document_facts, finished
from govclass.readers.narrative import text_units
from govclass.readers.registry import Source, reader

TYPE_CHECKING = False  # as in errors.py: importing typing costs time on the cold path
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from govclass.document import Document

__all__ = ["xlsx_rows", "xlsx_sheets", "Sheet", "pdf_text", "MAX_PART_SIZE"]

MAX_PART_SIZE = 200 * 1024 * 1024
"""Refuse a workbook part larger than this uncompressed (a zip bomb guard)."""

_MAX_ROW = 1_048_576  # Excel's limits
_MAX_COL = 16_384

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _error(message: str) -> Exception:
    return InputError(" ".join(message.splitlines()))


# --------------------------------------------------------------------- XLSX


def _local(tag: str) -> str:
    """Tag without its namespace (transitional and strict OOXML both work)."""
    return tag.rpartition("}")[2]


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) == name]


class _Package:
    """The zip archive, read part by part with size and XML checks."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        if data[:4] == _OLE_MAGIC:
            raise _error(f"{where}: not an XLSX workbook (an OLE compound file: a legacy .xls or a "
                         f"password-protected workbook; save it as an unprotected .xlsx)")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError) as exc:
            raise _error(f"{where}: not an XLSX workbook (not a zip archive: {exc})") from None
        # Part names are case-insensitive in OPC; look them up that way.
        self.names = {info.filename.lstrip("/").lower(): info for info in self.zip.infolist()}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes:
        info = self.names.get(name.lower())
        if info is None:
            raise _error(f"{self.where}: not a complete XLSX workbook (part {name} is missing)")
        if info.file_size > MAX_PART_SIZE:
            raise _error(f"{self.where}: part {name} is too large ({info.file_size} bytes uncompressed; "
                         f"the limit is {MAX_PART_SIZE})")
        try:
            # zipfile never returns more than the declared size, so the check
            # above also bounds a part whose header lies.
            return self.zip.read(info)
        except RuntimeError as exc:  # an encrypted zip entry
            raise _error(f"{self.where}: cannot read part {name} ({exc})") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _error(f"{self.where}: damaged XLSX workbook (part {name}: {exc})") from None

    def xml(self, name: str) -> ET.Element:
        return _parse(self.read(name), name, self.where)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part name) for ``part``."""
        base = posixpath.dirname(part)
        name = posixpath.join(base, "_rels", posixpath.basename(part) + ".rels")
        if not self.has(name):
            return {}
        out = {}
        for rel in self.xml(name).iter():
            if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(base, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return out


def _parse(data: bytes, name: str, where: str) -> ET.Element:
    _check_xml(data, name, where)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise _error(f"{where}: malformed XML in part {name} ({exc})") from None


def _check_xml(data: bytes, name: str, where: str) -> None:
    # OOXML parts never have a DTD; refusing one rules out entity tricks.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _error(f"{where}: part {name} has a DTD, which XLSX parts never have")


def _workbook_part(pkg: _Package) -> str:
    for rel_type, target in pkg.rels("").values():
        if rel_type.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _sheet_parts(pkg: _Package, workbook: str) -> tuple[list[tuple[str, bool, str]], str | None, str | None]:
    """Worksheets in workbook order as (name, hidden, part name), the shared
    strings part and the styles part (None when the workbook has none)."""
    if workbook.lower().endswith(".bin"):
        raise _error(f"{pkg.where}: not an XLSX workbook (a binary .xlsb workbook; save it as .xlsx)")
    if not pkg.has(workbook):
        raise _error(f"{pkg.where}: not an XLSX workbook (no {workbook} in the archive)")
    root = pkg.xml(workbook)
    if _local(root.tag) != "workbook":
        raise _error(f"{pkg.where}: not an XLSX workbook (its main part {workbook} is a "
                     f"<{_local(root.tag)}>, not a <workbook>)")
    rels = pkg.rels(workbook)
    sheets = []
    for sheets_elem in _children(root, "sheets"):
        for sheet in _children(sheets_elem, "sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            rel = rels.get(rid or "")
            if rel is None:
                raise _error(f"{pkg.where}: damaged XLSX workbook (sheet {sheet.get('name')!r} has no part)")
            if rel[0].endswith("/worksheet"):
                sheets.append((sheet.get("name", ""), sheet.get("state", "visible") != "visible", rel[1]))
    shared = next((t for typ, t in rels.values() if typ.endswith("/sharedStrings")), None)
    styles = next((t for typ, t in rels.values() if typ.endswith("/styles")), None)
    return sheets, shared, styles


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Decode OOXML's ``_xHHHH_`` escapes (``_x000D_`` is a carriage return)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _string_item(elem: ET.Element) -> str:
    """Text of an ``<si>`` or ``<is>``: its ``<t>`` or its runs' ``<t>``;
    phonetic runs (``<rPh>``) are not part of the text."""
    parts = []
    for child in elem:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in _children(child, "t"))
    return _unescape("".join(parts))


def _shared_strings(pkg: _Package, part: str | None) -> list[str]:
    if part is None or not pkg.has(part):
        return []
    return [_string_item(si) for si in _children(pkg.xml(part), "si")]


# Built-in number formats with fixed decimals (ECMA-376 18.8.30); the
# currency and accounting ones are locale-dependent but keep these decimals.
_BUILTIN_DECIMALS = {1: 0, 2: 2, 3: 0, 4: 2, 5: 0, 6: 0, 7: 2, 8: 2, 37: 0, 38: 0, 39: 2, 40: 2,
                     41: 0, 42: 0, 43: 2, 44: 2}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _format_decimals(code: str) -> int | None:
    """Decimals shown by a fixed-decimals number format code, or None when
    the code is anything else (General, percent, date, scientific, text,
    fraction, thousands scaling)."""
    # Quoted text, escapes, [colours], padding and fill blanked out; then the
    # first section (positive numbers).
    body = _QUOTED.sub(lambda m: " " * len(m.group(0)), code).split(";")[0].strip()
    if not body or body.lower() == "general":
        return None
    if re.search(r"[%Ee@/yYmMdDhHsSgGbB]", body) or not re.search(r"[0#?]", body):
        return None
    if re.search(r"[0#?],+(?![,0#?])", body):  # "#,##0," scales by 1000
        return None
    dot = body.find(".")
    if dot < 0:
        return 0
    return len(re.match(r"[0#?]*", body[dot + 1:]).group(0))


def _format_width(code: str) -> int:
    """Digits a number format shows at least before the point: "00" shows 2
    as "02" (a 款 or 项 kept as a number), "#,##0.00" shows 2 as "2.00"."""
    if _format_decimals(code) is None:
        return 1
    body = _QUOTED.sub(lambda m: " " * len(m.group(0)), code).split(";")[0].strip()
    return max(1, body.split(".")[0].count("0"))


def _style_decimals(pkg: _Package, part: str | None) -> list[tuple[int | None, int]]:
    """Per cell style index (the ``s`` attribute): decimals to show (or None)
    and the digits shown at least before the point (see :func:`_format_width`)."""
    if part is None or not pkg.has(part):
        return []
    root = pkg.xml(part)
    custom: dict[int, tuple[int | None, int]] = {}
    for numfmts in _children(root, "numFmts"):
        for fmt in _children(numfmts, "numFmt"):
            code = fmt.get("formatCode", "")
            try:
                custom[int(fmt.get("numFmtId", ""))] = (_format_decimals(code), _format_width(code))
            except ValueError:
                continue
    out: list[tuple[int | None, int]] = []
    for xfs in _children(root, "cellXfs"):
        for xf in _children(xfs, "xf"):
            try:
                fid = int(xf.get("numFmtId", "0"))
            except ValueError:
                fid = 0
            out.append(custom[fid] if fid in custom else (_BUILTIN_DECIMALS.get(fid), 1))
    return out


_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _number(text: str, decimals: int | None) -> str:
    if decimals is None:
        if not _PLAIN_NUMBER.fullmatch(text) or len(text.lstrip("-").replace(".", "").lstrip("0")) <= 15:
            return text
        value = Decimal(text)  # more digits than a double holds: round to 15
        try:
            value = value.quantize(Decimal(1).scaleb(value.adjusted() - 14), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return text
        out = format(value, "f")
        return out.rstrip("0").rstrip(".") if "." in out else out
    try:
        value = Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # not a number, or too many digits
        return text
    if value == 0:
        value = abs(value)  # no "-0.00"
    return format(value, "f")


_DIGITS = "0123456789"
_COLUMNS: dict[str, int | None] = {}


def _column(ref: str) -> int | None:
    """0-based column of a cell reference such as ``C7``, None if it is not one."""
    letters = ref.rstrip(_DIGITS)
    col = _COLUMNS.get(letters, -1)
    if col != -1:
        return col
    if 1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha():
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        col -= 1
    else:
        col = None
    if len(_COLUMNS) < 20_000:
        _COLUMNS[letters] = col
    return col


def _cell_text(c: ET.Element, ns: str, strings: list[str], styles: list[tuple[int | None, int]], where: str,
               part: str) -> str:
    v = inline = None
    for x in c:
        if x.tag == ns + "v":
            v = x
        elif x.tag == ns + "is":
            inline = x
    kind = c.get("t", "n")
    if kind == "inlineStr" or (v is None and inline is not None):
        return _string_item(inline) if inline is not None else ""
    if v is None or v.text is None:
        return ""
    value = v.text
    if kind == "s":
        try:
            return strings[int(value)]
        except (ValueError, IndexError):
            raise _error(f"{where}: damaged XLSX workbook (cell {c.get('r', '?')} in {part} refers to "
                         f"shared string {value!r}, which does not exist)") from None
    if kind == "b":
        return {"1": "TRUE", "0": "FALSE"}.get(value.strip(), value)
    if kind in ("str", "e", "d"):
        return _unescape(value)
    value = value.strip()
    s = c.get("s")
    if s is None or not styles:
        return _number(value, None)
    try:
        style = int(s)
    except ValueError:
        style = 0
    decimals, width = styles[style] if 0 <= style < len(styles) else (None, 1)
    text = _number(value, decimals)
    return text.zfill(width) if width > 1 and text.isdigit() else text  # "00": 2 shows as "02"


_STREAM_OVER = 32 * 1024 * 1024
"""Sheet parts larger than this are parsed row by row (less memory, slower)."""


def _row_elements(data: bytes) -> Iterator[ET.Element]:
    """The ``<row>`` elements of a worksheet part (ET.ParseError on bad XML)."""
    if len(data) <= _STREAM_OVER:
        root = ET.fromstring(data)
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        for sheet_data in root:
            if sheet_data.tag == ns + "sheetData":
                for row in sheet_data:
                    if row.tag == ns + "row":
                        yield row
        return
    for _, elem in ET.iterparse(io.BytesIO(data), events=("end",)):
        if elem.tag == "row" or elem.tag.endswith("}row"):
            yield elem
            elem.clear()


def _sheet_rows(data: bytes, part: str, strings: list[str], styles: list[tuple[int | None, int]],
                where: str, uncalculated: list[tuple[int, int]] | None = None,
                hidden: list[int] | None = None, external: list[tuple[int, int, int]] | None = None
                ) -> list[list[str]]:
    """The rows of one worksheet; empty rows after the last one with content
    are left out.  ``uncalculated`` (when given) receives (row, column) of
    each formula cell saved without its value, ``hidden`` the hidden rows,
    ``external`` (row, column, link number) of each formula cell with a value that refers to
    another workbook (``[1]Sheet1!A1``: the workbook's first external link)."""
    _check_xml(data, part, where)
    rows: list[list[str]] = []
    next_row = 1
    try:
        for elem in _row_elements(data):
            ns = elem.tag[:-3]  # the namespace in braces, if any
            r = elem.get("r")
            try:
                number = int(r) if r is not None else next_row
            except ValueError:
                number = next_row
            if not 1 <= number <= _MAX_ROW:
                raise _error(f"{where}: damaged XLSX workbook (row number {number} in {part})")
            next_row = max(number, next_row) + 1
            if hidden is not None and elem.get("hidden") in ("1", "true"):
                hidden.append(number)
            cells: list[str] = []
            for c in elem:
                if c.tag != ns + "c":
                    continue
                ref = c.get("r")
                col = _column(ref) if ref else len(cells)
                if col is None or not 0 <= col < _MAX_COL:
                    raise _error(f"{where}: damaged XLSX workbook (cell reference {ref!r} in {part})")
                text = _cell_text(c, ns, strings, styles, where, part)
                if uncalculated is not None or external is not None:
                    formula = next((x for x in c if x.tag == ns + "f"), None)
                    if formula is not None and not text and uncalculated is not None \
                            and not _empty_text_result(c, ns):
                        uncalculated.append((number, col))
                    elif formula is not None and text and external is not None and formula.text:
                        link = _EXTERNAL_REF.search(formula.text)
                        if link is not None:
                            external.append((number, col, int(link.group(1))))
                if col >= len(cells):
                    cells.extend([""] * (col + 1 - len(cells)))
                cells[col] = text
            while cells and cells[-1] == "":
                cells.pop()
            if not cells:
                continue
            # Out-of-order rows are appended where they come.
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append(cells)
    except ET.ParseError as exc:
        raise _error(f"{where}: malformed XML in part {part} ({exc})") from None
    return rows


def _empty_text_result(cell, ns: str) -> bool:
    """A formula cell whose saved result is the empty text (``t="str"`` and an empty ``<v>``: =IF(B5=0,"",C5/B5)
    on a row with nothing to divide): calculated, its value is "", not a formula saved without its value (which
    has no ``<v>`` at all, or an empty one that is no text)."""
    return cell.get("t") == "str" and any(x.tag == ns + "v" for x in cell)


#: a formula's reference to another workbook: ``[1]Sheet1!A1`` (the workbook's first external link)
_EXTERNAL_REF = re.compile(r"\[(\d+)\][^\[\]]*!")


def _external_links(pkg: _Package, workbook: str) -> list[str]:
    """The workbooks a workbook links to, in the order its formulas number them ([1], [2] …): each
    link's target as saved (a path or a URL), else its part's name."""
    root = pkg.xml(workbook)
    rels = pkg.rels(workbook)
    out = []
    for refs in _children(root, "externalReferences"):
        for ref in _children(refs, "externalReference"):
            rid = next((v for k, v in ref.attrib.items() if k.endswith("}id")), None)
            part = rels.get(rid or "", ("", ""))[1]
            out.append(_link_target(pkg, part) or part or "an external workbook")
    return out


def _link_target(pkg: _Package, part: str) -> str | None:
    """Where an external link part points: the target of its external relationship."""
    if not part:
        return None
    name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if not pkg.has(name):
        return None
    for rel in pkg.xml(name).iter():
        if _local(rel.tag) == "Relationship" and rel.get("TargetMode") == "External":
            return rel.get("Target") or None
    return None


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3})(\d+):([A-Za-z]{1,3})(\d+)"')


def _merges(data: bytes) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges of a worksheet part as (first row, first column,
    last row, last column): rows 1-based as in Excel, columns 0-based."""
    out = []
    for m in _MERGE.finditer(data):
        c0, c1 = _column(m.group(1).decode()), _column(m.group(3).decode())
        if c0 is not None and c1 is not None:
            out.append((int(m.group(2)), c0, int(m.group(4)), c1))
    return tuple(out)


_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(min|max|hidden)="([^"]*)"')


def _hidden_columns(data: bytes) -> tuple[int, ...]:
    """The hidden columns of a worksheet part (0-based), from its ``<cols>``."""
    out: list[int] = []
    for m in _COL.finditer(data):
        attrs = dict(_ATTR.findall(m.group(0)))
        if attrs.get(b"hidden") in (b"1", b"true"):
            try:
                lo, hi = int(attrs.get(b"min", b"0")), int(attrs.get(b"max", b"0"))
            except ValueError:
                continue
            out.extend(range(max(lo, 1) - 1, min(hi, _MAX_COL)))
    return tuple(out)


class Sheet(NamedTuple):
    """One worksheet: its name, whether it is hidden, its rows (``rows[i]``
    is Excel's row ``i + 1``, cells as in the module docstring) and its merged
    ranges (see :func:`_merges`)."""

    name: str
    hidden: bool
    rows: list[list[str]]
    merges: tuple[tuple[int, int, int, int], ...]
    uncalculated: tuple[tuple[int, int], ...] = ()  # formula cells saved without a value: (row, column)
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()  # 0-based
    #: formula cells whose value was cached from another workbook (an external link): (row, column, the link)
    external: tuple[tuple[int, int, str], ...] = ()


def xlsx_sheets(data: bytes, where: str) -> list[Sheet]:
    """Every worksheet of an .xlsx workbook, in workbook order, hidden ones
    included (marked).  ``where`` (usually the file name) starts every error
    message."""
    pkg = _Package(data, where)
    with pkg.zip:
        workbook = _workbook_part(pkg)
        sheets, shared, styles_part = _sheet_parts(pkg, workbook)
        strings = _shared_strings(pkg, shared)
        styles = _style_decimals(pkg, styles_part)
        links = _external_links(pkg, workbook)
        out = []
        for name, hidden, part in sheets:
            xml = pkg.read(part)
            uncalculated: list[tuple[int, int]] = []
            hidden_rows: list[int] = []
            external: list[tuple[int, int, int]] = []
            rows = _sheet_rows(xml, part, strings, styles, where, uncalculated, hidden_rows, external)
            named = tuple((r, c, links[k - 1] if 0 < k <= len(links) else f"external workbook [{k}]")
                          for r, c, k in external)
            out.append(Sheet(name, hidden, rows, _merges(xml), tuple(uncalculated), tuple(hidden_rows),
                             _hidden_columns(xml), named))
    return out


def xlsx_rows(data: bytes, where: str) -> list[tuple[int, list[str]]]:
    """The rows of every worksheet of an .xlsx workbook, as ``(row_number,
    cells)`` with ``row_number`` counting the output rows from 1 and one
    empty row ``[]`` between sheets (see the module docstring).

    ``where`` (usually the file name) starts every error message.
    """
    out: list[tuple[int, list[str]]] = []
    for sheet in xlsx_sheets(data, where):
        if not sheet.rows:
            continue
        if out:
            out.append((len(out) + 1, []))
        out.extend(enumerate(sheet.rows, len(out) + 1))
    return out


# ---------------------------------------------------------------------- PDF


def pdf_text(path: str) -> str:
    """The text of a PDF, page by page, each page followed by a line ``"\\f"``
    (see the module docstring).  Needs pypdfium2 (a dependency)."""
    from govclass.readers.pdf.pages import page_texts

    pages = page_texts(path)
    if not pages:
        raise _error(f"{path}: the PDF has no pages")
    if not any(p.strip() for p in pages):
        raise _error(f"{path}: the PDF has no text layer (scanned pages?); OCR it first")
    return "".join(p + "\n\f\n" for p in pages)


# ---------------------------------------------------------------------- the readers


@reader("xlsx", suffixes=(".xlsx",), magic=(b"PK\x03\x04",), priority=10, binary=True)
def read_xlsx(src: Source) -> Document:
    """A disclosure published as a workbook: its tables read cell by cell
    (govclass.readers.sheettables), its rows as text for the narrative and
    for the document's year, kind and title."""
    from govclass.readers.sheettables import workbook_document

    from govclass.readers.narrative import TextUnit

    sheets = xlsx_sheets(src.data, src.path)
    # the narrative: each visible sheet's rows (cells joined by tabs), the sheet's position as the page
    units = tuple(TextUnit("\t".join(cells), row, page) for page, sheet in enumerate(sheets, 1) if not sheet.hidden
                  for row, cells in enumerate(sheet.rows, 1) if row not in sheet.hidden_rows)
    year, kind, title = document_facts("\n".join(u.text for u in units[:2000]), "tsv")  # as far as it looks
    doc = workbook_document(sheets, src.path, year, kind, title)
    return finished(doc, src.path, "xlsx", src.year, units)


@reader("pdf", suffixes=(".pdf",), magic=(b"%PDF-",), priority=20, binary=True, extra="pdf")
def read_pdf(src: Source) -> Document:
    """A disclosure published as PDF: its tables read by their geometry
    (govclass.readers.pdf: character boxes and ruling lines), its text
    layer as the narrative."""
    from govclass.readers.pdf import read_pdf as read_pdf_grid

    if src.path == "-":  # standard input: the PDF is read from a file
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            tmp.write(src.data)
            tmp.flush()
            doc = read_pdf_grid(tmp.name)
        import attrs

        doc = attrs.evolve(doc, source="-")
    else:
        doc = read_pdf_grid(src.path)  # its narrative: PDFium's page text, read in the same pass
    return finished(doc, src.path, "pdf", src.year, doc.narrative)


@reader(magic=(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), priority=30, binary=True)
def refuse_xls(src: Source) -> Document:
    """An OLE compound file (old .xls, or an encrypted workbook): recognised only to say what to do."""
    raise InputError(f"{src.path}: an old binary .xls (or encrypted) workbook; save it as .xlsx")
