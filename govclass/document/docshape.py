"""Whether a parsed JSON/YAML document certainly has the shape of the schema,
checked in one pass of plain Python before the document is built.

``validate(dict)`` used to run jsonschema over every document (95% of its
time on a large one).  :func:`conforms` checks the same constraints as
govclass/schemas/document.schema.json, written out for the shapes JSON and
YAML parsers make, and answers True only for a document the schema accepts.
When it answers False the document goes to jsonschema (check_schema), which
explains what is wrong with JSON paths; when jsonschema finds nothing (a
shape this check does not vouch for, such as a year written 2024.0), the
document is built as before.  So jsonschema only ever runs on the unusual.

tests/test_docshape.py holds :func:`conforms` to jsonschema on random
documents and mutations of them: True must never meet a schema error.
"""

from __future__ import annotations

__all__ = ["conforms"]

_DOC_KEYS = frozenset(("year", "kind", "form", "source", "tables", "format", "statements", "problems"))
_TABLE_KEYS = frozenset(("name", "classification", "unit", "columns", "relations", "lines", "kind", "note",
                         "source_line", "budget", "scope", "year", "periods", "unplaced"))
_TABLE_REQUIRED = frozenset(("name", "classification", "unit", "columns", "lines"))
_LINE_KEYS = frozenset(("code", "name", "total", "amounts", "source_line", "level", "named"))
_STATEMENT_KEYS = frozenset(("name", "kind", "unit", "columns", "note", "source_line", "items"))
_STATEMENT_REQUIRED = frozenset(("name", "kind", "unit", "columns", "items"))
_ITEM_KEYS = frozenset(("label", "side", "row", "amounts", "source_line"))
_PROBLEM_KEYS = frozenset(("rule", "severity", "table", "message", "message_zh", "source_line"))
_PROBLEM_REQUIRED = frozenset(("rule", "severity", "table", "message", "message_zh"))
_CLASSIFICATIONS = frozenset(("functional", "economic", "economic-dept", "economic-gov", "revenue", "region", "items"))
_BUDGETS = frozenset(("gpb", "gf", "soc", "ssf"))
_MEASURES = frozenset(("预算", "调整预算", "执行", "决算"))
_FORMS = frozenset(("government-budget", "government-final"))
_UNITS = frozenset(("元", "万元", "亿元"))
_LEVELS = frozenset(("类", "款", "项"))
_KINDS = frozenset(("预算", "决算"))
_SIDES = frozenset(("收入", "支出"))
_SEVERITIES = frozenset(("error", "warning", "info"))
# The exact classes a parser makes: bool is an int subclass (not a number to
# the schema), and any other class is left to jsonschema.
_AMOUNT_CLASSES = frozenset((str, int, float, type(None)))
_STR_OR_NONE = frozenset((str, type(None)))


def _is_int(v: object, minimum: int | None = None) -> bool:
    return v.__class__ is int and (minimum is None or v >= minimum)  # type: ignore[operator]


def _str_keys(d: dict) -> bool:
    return all(k.__class__ is str for k in d)


def _amounts(a: object) -> bool:
    if a.__class__ is not dict or not _str_keys(a):  # type: ignore[arg-type]
        return False
    for v in a.values():  # type: ignore[union-attr]
        cls = v.__class__
        if cls not in _AMOUNT_CLASSES:
            return False
        if cls is float and v != v:  # NaN: a YAML .nan is a number to the schema; leave it to jsonschema
            return False
    return True


def _strings(items: object, min_length: int = 0) -> bool:
    return items.__class__ is list and all(s.__class__ is str and len(s) >= min_length for s in items)  # type: ignore[union-attr]


def _line(ln: object) -> bool:
    if ln.__class__ is not dict or "amounts" not in ln or not _LINE_KEYS.issuperset(ln):  # type: ignore[operator]
        return False
    get = ln.get  # type: ignore[union-attr]
    if get("code").__class__ not in _STR_OR_NONE or get("name").__class__ not in _STR_OR_NONE:
        return False
    if "total" in ln and get("total").__class__ is not bool:  # type: ignore[operator]
        return False
    if "named" in ln and get("named").__class__ is not bool:  # type: ignore[operator]
        return False
    if "source_line" in ln and not _is_int(get("source_line"), 1):  # type: ignore[operator]
        return False
    if "level" in ln and (get("level").__class__ is not str or get("level") not in _LEVELS):  # type: ignore[operator]
        return False
    return _amounts(get("amounts"))


def _table(t: object, lines: bool = True) -> bool:
    if t.__class__ is not dict or not _TABLE_REQUIRED.issubset(t) or not _TABLE_KEYS.issuperset(t):  # type: ignore[arg-type]
        return False
    name, columns = t["name"], t["columns"]  # type: ignore[index]
    if name.__class__ is not str or not name:
        return False
    if t["classification"].__class__ is not str or t["classification"] not in _CLASSIFICATIONS:  # type: ignore[index]
        return False
    if t["unit"].__class__ is not str or t["unit"] not in _UNITS:  # type: ignore[index]
        return False
    if not _strings(columns, 1) or not columns or len(set(columns)) != len(columns):
        return False
    if "relations" in t:  # type: ignore[operator]
        relations = t["relations"]  # type: ignore[index]
        if relations.__class__ is not list:
            return False
        for r in relations:
            if r.__class__ is not dict or set(r) != {"total", "parts"} or r["total"].__class__ is not str \
                    or not _strings(r["parts"]) or not r["parts"]:
                return False
    for key in ("kind", "note"):
        if key in t and t[key].__class__ is not str:  # type: ignore[operator, index]
            return False
    if "source_line" in t and not _is_int(t["source_line"], 1):  # type: ignore[operator, index]
        return False
    if not _facts(t) or "periods" in t and len(t["periods"]) != len(columns):  # type: ignore[index, operator]
        return False  # periods not one per column: from_dict says so
    rows = t["lines"]  # type: ignore[index]
    return rows.__class__ is list and (not lines or all(map(_line, rows)))


def _facts(t: dict) -> bool:
    """A table's budget, scope, year and the periods of its columns, when it says them."""
    if "budget" in t and (t["budget"].__class__ is not str or t["budget"] not in _BUDGETS):
        return False
    if "scope" in t and (t["scope"].__class__ is not str or not t["scope"]):
        return False
    if "year" in t and not (_is_int(t["year"]) and 1990 <= t["year"] <= 2100):
        return False
    if "unplaced" in t and (t["unplaced"].__class__ is not list or not all(_is_int(n, 1) for n in t["unplaced"])):
        return False
    if "periods" in t:
        periods = t["periods"]
        if periods.__class__ is not list:
            return False
        for p in periods:
            if p is None:
                continue
            if p.__class__ is not list or len(p) != 2 or not (p[0] is None or _is_int(p[0])) or \
                    not (p[1] is None or p[1].__class__ is str and p[1] in _MEASURES):
                return False
    return True


def _statement(s: object) -> bool:
    if s.__class__ is not dict or not _STATEMENT_REQUIRED.issubset(s) or not _STATEMENT_KEYS.issuperset(s):  # type: ignore[arg-type]
        return False
    if any(s[k].__class__ is not str for k in ("name", "kind", "unit")):  # type: ignore[index]
        return False
    if "note" in s and s["note"].__class__ is not str:  # type: ignore[operator, index]
        return False
    if "source_line" in s and not _is_int(s["source_line"], 1):  # type: ignore[operator, index]
        return False
    columns = s["columns"]  # type: ignore[index]
    if columns.__class__ is not dict or not _str_keys(columns) or not all(map(_strings, columns.values())):
        return False
    items = s["items"]  # type: ignore[index]
    if items.__class__ is not list:
        return False
    for it in items:
        if it.__class__ is not dict or "label" not in it or "amounts" not in it or not _ITEM_KEYS.issuperset(it):
            return False
        if it["label"].__class__ is not str or not _amounts(it["amounts"]):
            return False
        if "side" in it and (it["side"].__class__ is not str or it["side"] not in _SIDES):
            return False
        if "row" in it and not _is_int(it["row"]):
            return False
        if "source_line" in it and not _is_int(it["source_line"], 1):
            return False
    return True


def _problem(p: object) -> bool:
    if p.__class__ is not dict or not _PROBLEM_REQUIRED.issubset(p) or not _PROBLEM_KEYS.issuperset(p):  # type: ignore[arg-type]
        return False
    if any(p[k].__class__ is not str for k in ("rule", "severity", "table", "message", "message_zh")):  # type: ignore[index]
        return False
    if p["severity"] not in _SEVERITIES:  # type: ignore[index]
        return False
    return "source_line" not in p or p["source_line"] is None or _is_int(p["source_line"])  # type: ignore[operator, index]


def conforms(data: object, lines: bool = True) -> bool:
    """True only if ``data`` satisfies the document schema (False: ask
    jsonschema); ``lines=False`` leaves the tables' lines unchecked."""
    if data.__class__ is not dict or "tables" not in data or not _DOC_KEYS.issuperset(data):  # type: ignore[operator, arg-type]
        return False
    if "year" in data and not (_is_int(data["year"]) and 1990 <= data["year"] <= 2100):  # type: ignore[index, operator]
        return False
    if "kind" in data and (data["kind"].__class__ is not str or data["kind"] not in _KINDS):  # type: ignore[index, operator]
        return False
    if "form" in data and (data["form"].__class__ is not str or data["form"] not in _FORMS):  # type: ignore[index, operator]
        return False
    for key in ("source", "format"):
        if key in data and data[key].__class__ is not str:  # type: ignore[index, operator]
            return False
    tables = data["tables"]  # type: ignore[index]
    if tables.__class__ is not list or not all(_table(t, lines) for t in tables):
        return False
    for key, check in (("statements", _statement), ("problems", _problem)):
        if key in data:  # type: ignore[operator]
            items = data[key]  # type: ignore[index]
            if items.__class__ is not list or not all(map(check, items)):
                return False
    return True


_PLAIN_LINE_KEYS = frozenset(("code", "name", "amounts", "source_line", "total"))


def build(data: object) -> "Document | None":
    """The :class:`~govclass.document.Document` of ``data`` if :func:`conforms`
    would vouch for it, else None (ask jsonschema), checking each line while
    it is read.  What ``Document.from_dict`` builds, except that a table
    whose lines print no layout (no ``level``) and whose figures are strings
    or null is kept as columns (a ColumnLines, as a CSV table is), so that
    the validator reads it at the CSV path's speed; any other table is built
    line by line.  Raises DocumentError as from_dict does."""
    import attrs

    from govclass.document.model import Document

    if not conforms(data, lines=False):
        return None
    tables = []
    for t in data["tables"]:  # type: ignore[index]
        table = _columnar(t)
        if table is None:
            if not all(map(_line, t["lines"])):
                return None
            table = Document.from_dict({"tables": [t]}).tables[0]
        tables.append(table)
    rest = Document.from_dict({**data, "tables": []})  # type: ignore[dict-item]
    return attrs.evolve(rest, tables=tuple(tables))


def _columnar(t: dict):
    from govclass.document.model import ColumnLines, Relation, Table, is_total_name, table_facts

    columns = tuple(t["columns"])
    known = frozenset(columns)
    codes: list = []
    names: list = []
    sources: list = []
    raws: list[list[str]] = [[] for _ in columns]
    pick = [(raw.append, c) for raw, c in zip(raws, columns)]
    for ln in t["lines"]:
        # the line's shape (what _line checks), and that it can be a column's row
        if ln.__class__ is not dict or "amounts" not in ln or not _PLAIN_LINE_KEYS.issuperset(ln):
            return None
        amounts = ln["amounts"]
        if amounts.__class__ is not dict or not known.issuperset(amounts):
            return None  # amounts of undeclared columns: from_dict says which
        code, name, source = ln.get("code"), ln.get("name"), ln.get("source_line")
        if code.__class__ not in _STR_OR_NONE or name.__class__ not in _STR_OR_NONE:
            return None
        if source is not None and not (source.__class__ is int and source >= 1):
            return None
        if "source_line" in ln and source is None:
            return None
        if code == "":
            code = None
        if "total" in ln and ln["total"] is not (code is None and is_total_name(name)):
            return None  # a 合计 flag that the name does not give (or not a boolean)
        for append, c in pick:
            v = amounts.get(c)
            if v is None:
                append("")
            elif v.__class__ is str:
                append(v)
            else:
                return None  # a JSON number: kept as the number it is, line by line
        codes.append(code)
        names.append(name)
        sources.append(ln.get("source_line"))
    relations = tuple(Relation(r["total"], tuple(r["parts"])) for r in t.get("relations") or ())
    for r in relations:
        if not known.issuperset((r.total, *r.parts)):
            return None  # from_dict says which column is unknown
    lines = ColumnLines(codes, names, dict(zip(columns, raws)), sources)
    return Table(t["name"], t["classification"], t["unit"], columns, lines, relations,  # type: ignore[arg-type]
                 t.get("kind"), t.get("note"), t.get("source_line"), **table_facts(t))
