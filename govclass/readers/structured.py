"""JSON and YAML documents: the document format itself (see ``python -m
govclass schema``), returned as a dict that the validator checks against the
schema."""

from __future__ import annotations

from govclass.errors import InputError
from govclass.readers.registry import Source, reader


def _document(doc: object, src: Source) -> dict:
    if not isinstance(doc, dict):
        raise InputError(f"{src.path}: a document is a JSON/YAML object with a 'tables' list")
    if src.year is not None:
        doc["year"] = src.year
    return doc


@reader("json", suffixes=(".json",), priority=40)
def read_json(src: Source) -> dict:
    import json

    from govclass.speedups.gc import paused

    try:
        with paused():  # a document is many small objects and no cycle
            doc = json.loads(src.text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{src.path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    return _document(doc, src)


@reader("yaml", suffixes=(".yaml", ".yml"), priority=50)
def read_yaml(src: Source) -> dict:
    import yaml

    try:
        doc = yaml.safe_load(src.text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{src.path}: not valid YAML{where}") from None
    return _document(doc, src)
