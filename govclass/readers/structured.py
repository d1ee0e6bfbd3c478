"""JSON and YAML documents: the document format itself (see ``python -m
govclass schema``), returned as a dict that the validator checks against the
schema, read within the limits of docs/limits.md.

Whatever a JSON or YAML file holds, reading it either gives a tree of plain
values (dict, list, str, int, float, bool, None) that is at most
``MAX_DEPTH`` deep, holds at most ``MAX_VALUES`` values (a YAML alias counted
every time it is used) and no lone surrogate, or raises
:class:`~govclass.errors.InputError` with one line.  Nothing a document holds
reaches the validator as a RecursionError, a ValueError from a constructor or
an exponential walk.
"""

from __future__ import annotations

from govclass.errors import InputError
from govclass.limits import MAX_DEPTH, MAX_NUMBER_CHARS, MAX_VALUES
from govclass.readers.registry import Source, reader

__all__ = ["load_json", "load_yaml", "check_tree", "read_json", "read_yaml"]


def _document(doc: object, src: Source) -> dict:
    if not isinstance(doc, dict):
        raise InputError(f"{src.path}: a document is a JSON/YAML object with a 'tables' list")
    if src.year is not None:
        doc["year"] = src.year
    return doc


@reader("json", suffixes=(".json",), priority=40)
def read_json(src: Source) -> dict:
    from govclass.speedups.gc import paused

    with paused():  # a document is many small objects and no cycle
        doc = load_json(src.text, src.path)
    return _document(doc, src)


@reader("yaml", suffixes=(".yaml", ".yml"), priority=50)
def read_yaml(src: Source) -> dict:
    return _document(load_yaml(src.text, src.path), src)


def _error(where: str, message: str) -> InputError:
    return InputError(f"{where}: {message}")


def load_json(text: str, where: str) -> object:
    """A JSON document, strictly: no NaN/Infinity, no number longer than
    ``MAX_NUMBER_CHARS`` characters, nesting at most ``MAX_DEPTH``."""
    import json

    def number(kind):
        def parse(raw: str):
            if len(raw) > MAX_NUMBER_CHARS:
                raise _error(where, f"a number of {len(raw)} characters (at most {MAX_NUMBER_CHARS})")
            return kind(raw)
        return parse

    def constant(name: str):
        raise _error(where, f"{name} is not a JSON number")

    try:
        doc = json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise _error(where, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise _error(where, f"nested deeper than {MAX_DEPTH} levels") from None
    check_tree(doc, where)
    return doc


def _loader_class():
    """SafeLoader without implicit timestamps (a document has no dates: a
    ``2024-13-01`` stays a string for the schema to refuse), with numbers
    bounded in length."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def bounded(construct):
        def build(loader, node):
            if isinstance(node.value, str) and len(node.value) > MAX_NUMBER_CHARS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a number of {len(node.value)} characters (at most {MAX_NUMBER_CHARS})",
                    node.start_mark)
            return construct(loader, node)
        return build

    Loader.add_constructor("tag:yaml.org,2002:int", bounded(yaml.SafeLoader.construct_yaml_int))
    Loader.add_constructor("tag:yaml.org,2002:float", bounded(yaml.SafeLoader.construct_yaml_float))
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return Loader


_LOADER = None


def load_yaml(text: str, where: str) -> object:
    """A YAML document (safe tags only), within the same limits as JSON;
    aliases count every time they are used, so that a few hundred bytes
    cannot expand to billions of values."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _loader_class()
    try:
        doc = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or ""
        raise _error(where, f"not valid YAML{at}" + (f": {problem}" if problem else "")) from None
    except RecursionError:
        raise _error(where, f"nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, OverflowError, TypeError) as exc:  # a constructor refused a value
        raise _error(where, f"not valid YAML: {exc}") from None
    check_tree(doc, where)
    return doc


def check_tree(doc: object, where: str) -> None:
    """Refuse a tree deeper than ``MAX_DEPTH``, with more than ``MAX_VALUES``
    values (shared subtrees counted every time they occur: what a walker such
    as the schema check would visit), or holding a lone surrogate (which no
    UTF-8 output can carry).  Iterative and bounded: stops at the first
    excess."""
    stack: list[tuple[object, int]] = [(doc, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise _error(where, f"more than {MAX_VALUES} values (YAML aliases count every time they are used)")
        if depth > MAX_DEPTH:
            raise _error(where, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, str):
            _check_text(node, where)
        elif isinstance(node, dict):
            for k, v in node.items():
                if isinstance(k, str):
                    _check_text(k, where)
                stack.append((v, depth + 1))
        elif isinstance(node, (list, tuple)):
            stack.extend((v, depth + 1) for v in node)


def _check_text(text: str, where: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _error(where, f"a lone surrogate {text[exc.start]!r} in {text[:40]!r}: not Unicode text") from None
