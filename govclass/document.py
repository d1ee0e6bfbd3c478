"""Budget documents as the validator sees them.

A :class:`Document` is a list of :class:`Table`; a table has a
classification, a unit, named amount columns, optional column relations and
:class:`Line` objects.  Every amount is a :class:`Cell`: a Decimal with the
number of decimals it was printed with, a blank (no value: never a zero), or
text that is not a number (kept, so the validator can report it).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import attrs

__all__ = ["Cell", "Line", "Relation", "Table", "Document", "parse_amount", "UNITS", "DocumentError"]

# Value of one unit in 元.
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}

_AMOUNT_STRIP = str.maketrans("", "", " \t\u3000\u00a0,，'")


class DocumentError(ValueError):
    """The document is not of the expected shape (reported before any rule runs)."""


@attrs.frozen(slots=True)
class Cell:
    """One printed amount."""

    raw: str | None  # as printed; None for a blank
    value: Decimal | None  # None when blank or not a number
    decimals: int = 0  # decimals shown, for the rounding tolerance

    @property
    def blank(self) -> bool:
        return self.raw is None

    @property
    def invalid(self) -> bool:
        return self.raw is not None and self.value is None


BLANK = Cell(None, None, 0)


def parse_amount(raw: object) -> Cell:
    """Parse a printed figure: ``"1,816.08"``, ``"809. 97"`` (OCR space),
    ``"(12.50)"`` or ``"-12.50"``, full-width digits, JSON numbers.  ``None``,
    ``""`` and a lone dash are blank; anything else that is not a number is
    kept as invalid text."""
    if raw is None:
        return BLANK
    if isinstance(raw, bool):
        return Cell(str(raw), None, 0)
    if isinstance(raw, (int, Decimal)):
        text = str(raw)
    elif isinstance(raw, float):
        text = repr(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        return Cell(str(raw), None, 0)
    norm = unicodedata.normalize("NFKC", text).translate(_AMOUNT_STRIP)
    if norm in ("", "-", "—", "--", "－"):
        return BLANK
    negative = False
    if norm.startswith("(") and norm.endswith(")"):
        negative, norm = True, norm[1:-1]
    try:
        value = Decimal(norm)
    except InvalidOperation:
        return Cell(text, None, 0)
    if not value.is_finite():
        return Cell(text, None, 0)
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Cell(text, -value if negative else value, decimals)


@attrs.frozen(slots=True)
class Relation:
    """``total`` column = Σ ``parts`` columns, on every line."""

    total: str
    parts: tuple[str, ...]


@attrs.frozen(slots=True)
class Line:
    code: str | None  # as printed (may be a 2-digit 款 under its 类); None on the 合计 line
    name: str | None
    cells: dict[str, Cell] = attrs.field(eq=False)
    total: bool = False
    number: int = 0  # position in the table, 1-based
    source_line: int | None = None


@attrs.frozen(slots=True)
class Table:
    name: str
    classification: str  # "functional" | "economic"
    unit: str
    columns: tuple[str, ...]
    lines: tuple[Line, ...]
    relations: tuple[Relation, ...] = ()


@attrs.frozen(slots=True)
class Document:
    tables: tuple[Table, ...]
    year: int | None = None
    title: str | None = None
    kind: str | None = None
    source: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        """Build from a dict that passed the JSON Schema (see :func:`schema`)."""
        tables = []
        for t in data["tables"]:
            columns = tuple(t["columns"])
            lines = []
            for i, ln in enumerate(t["lines"], 1):
                amounts = ln.get("amounts") or {}
                unknown = set(amounts) - set(columns)
                if unknown:
                    raise DocumentError(
                        f"table {t['name']!r} line {i}: amounts for undeclared columns {sorted(unknown)}")
                cells = {c: parse_amount(amounts.get(c)) for c in columns}
                code = ln.get("code")
                lines.append(Line(None if code in (None, "") else str(code), ln.get("name"), cells,
                                  bool(ln.get("total")), i, ln.get("source_line")))
            relations = tuple(Relation(r["total"], tuple(r["parts"])) for r in t.get("relations") or ())
            for r in relations:
                for c in (r.total, *r.parts):
                    if c not in columns:
                        raise DocumentError(f"table {t['name']!r}: relation names unknown column {c!r}")
            tables.append(Table(t["name"], t["classification"], t["unit"], columns, tuple(lines), relations))
        return cls(tuple(tables), data.get("year"), data.get("title"), data.get("kind"), data.get("source"))


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of the document format."""
    import json
    import os

    path = os.path.join(os.path.dirname(__file__), "schemas", "document.schema.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def check_schema(data: object) -> list[str]:
    """Structural errors of a parsed JSON/YAML document, each with its JSON path."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def schema_with_codes(year: int | None = None) -> dict:
    """The document schema with every line's ``code`` restricted to the legal
    codes of one edition (or a 2-digit 款 printed under its 类), so that any
    JSON Schema validator, in any language, can check codes without Python."""
    import copy

    from govclass._store import get_store

    store = get_store(year)
    s = copy.deepcopy(schema())
    s["$id"] = s["$id"].replace("document.schema.json", f"document-codes-{store.year}.schema.json")
    s["title"] += f" (codes of the {store.year} edition)"
    s["$defs"]["line"]["properties"]["code"] = {
        "description": f"a legal code of the {store.year} edition, a 2-digit 款 under its 类, or null on the 合计 line",
        "anyOf": [
            {"enum": sorted(store.codes)},
            {"type": "string", "pattern": "^[0-9]{2}$"},
            {"type": "null"},
        ],
    }
    return s
