"""The JSON document format's schema: the packaged JSON Schemas, a document checked against them,
and the schema with one edition's codes as enums."""

from __future__ import annotations

from govclass.catalog.store import get_store

__all__ = ["packaged_schema", "schema", "check_schema", "schema_with_codes"]


def packaged_schema(file_name: str) -> dict:
    """A JSON Schema shipped in govclass/schemas/."""
    import json
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", file_name)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of the document format."""
    return packaged_schema("document.schema.json")


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
