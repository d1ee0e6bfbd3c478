"""Module-level convenience functions over the shared catalogs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal

from govclass.catalog import Catalog, available_years, clear_cache, get_catalog, latest
from govclass.model import Budget, Classification, Code, Hit, Level, Suggestion

__all__ = [
    "lookup",
    "get",
    "is_valid",
    "search",
    "suggest",
    "get_catalog",
    "available_years",
    "latest",
    "clear_cache",
    "read",
    "validate",
    "Catalog",
]

_default: Catalog | None = None


def _catalog(year: int | None) -> Catalog:
    global _default
    if year is None:
        if _default is None:
            _default = get_catalog()
        return _default
    return get_catalog(year)


def lookup(code: object, parent: object = None, *, name: str | None = None, year: int | None = None) -> Code:
    """The :class:`Code` for ``code`` (any accepted form) in edition ``year``
    (default: the latest).  Raises :class:`~govclass.errors.UnknownCodeError`
    with suggestions (nearby codes; with ``name``, the printed name, also codes
    so named), or :class:`~govclass.errors.InvalidCodeError`."""
    cat = _default if year is None and _default is not None else _catalog(year)
    return cat.lookup(code, parent, name)


def get(code: object, parent: object = None, *, year: int | None = None) -> Code | None:
    """Like :func:`lookup`, but ``None`` for an unknown or malformed code."""
    return _catalog(year).get(code, parent)


def is_valid(code: object, parent: object = None, *, year: int | None = None) -> bool:
    """Whether ``code`` is a code of edition ``year``.  Never raises."""
    try:
        cat = _catalog(year)
    except Exception:
        return False
    return cat.is_valid(code, parent)


def search(
    text: str,
    *,
    classification: Classification | str | None = None,
    level: Level | str | None = None,
    budget: Budget | str | None = None,
    limit: int | None = 20,
    year: int | None = None,
) -> list[Hit]:
    """Find codes by name (exact, then substring, then fuzzy), best first."""
    return _catalog(year).search(text, classification=classification, level=level, budget=budget, limit=limit)


def suggest(code: object, name: str | None = None, *, year: int | None = None) -> tuple[Suggestion, ...]:
    """Legal codes near ``code`` and codes whose name matches ``name``."""
    return _catalog(year).suggest(code, name)


def _reset_default() -> None:
    global _default
    _default = None
    clear_cache()


# -- documents ------------------------------------------------------------------------

TYPE_CHECKING = False
if TYPE_CHECKING:
    from govclass.document import Document, Relation
    from govclass.validation.report import Report


def read(path: str | os.PathLike[str], *, format: str | None = None, classification: str | None = None,
         unit: str | None = None, year: int | None = None) -> Document:
    """Read a budget document from a file ("-": standard input): a JSON or
    YAML document, CSV tables, or a published disclosure (plain text,
    markdown, TSV, XLSX, PDF).  ``format`` forces a reader (default: detected
    from the content and the extension); ``classification``, ``unit`` and
    ``year`` describe a CSV table (``year`` also overrides a document's own).
    Raises :class:`~govclass.errors.InputError` when the file cannot be read
    or a JSON/YAML document does not match the document schema.  The document is as the validator
    reads it: what its reader could not prove (a PDF's rows placed by the text's alignment that a
    check rejects) is taken out and reported (govclass.validation.prove)."""
    from govclass.document import Document, DocumentError, check_schema
    from govclass.errors import InputError
    from govclass.readers import read_document
    from govclass.validation import prove

    where = os.fspath(path)
    doc = read_document(where, classification=classification, unit=unit, year=year, fmt=format)
    if isinstance(doc, Document):
        return prove(doc)
    problems = check_schema(doc)
    if problems:
        raise InputError(f"{where}: {problems[0]}")
    try:
        return Document.from_dict(doc)
    except DocumentError as exc:
        raise InputError(f"{where}: {exc}") from None


def validate(document_or_path: Document | dict | str | os.PathLike[str], year: int | None = None, *,
             tolerance: Decimal | str | None = None, skip: Iterable[str] = (), only: Iterable[str] | None = None,
             relations: Iterable[Relation | str] = (), format: str | None = None,
             classification: str | None = None, unit: str | None = None) -> Report:
    """Validate a document against edition ``year`` (default: the document's
    fiscal year when govclass has it, else the latest) and return the
    :class:`~govclass.validation.report.Report`.

    ``document_or_path`` is a :class:`~govclass.document.Document`, a dict in
    the JSON document format, or a path (str or path-like; read as by
    :func:`read`, with ``format``, ``classification`` and ``unit``).  A JSON or
    YAML file that does not match the schema gives ``schema`` findings rather
    than an exception; a file that cannot be read at all raises
    :class:`~govclass.errors.InputError`.  ``skip``/``only`` name rule ids or
    groups; ``relations`` add or replace column relations
    (``"合计=基本支出+项目支出"``); see :func:`govclass.validation.validate`."""
    import attrs

    from govclass.document import Document
    from govclass.validation import validate as _validate

    options = {"tolerance": tolerance, "skip": skip, "only": only, "relations": relations}
    if isinstance(document_or_path, (str, os.PathLike)):
        from govclass.readers import read_document

        where = os.fspath(document_or_path)
        doc = read_document(where, classification=classification, unit=unit, year=year, fmt=format)
        return attrs.evolve(_validate(doc, year, **options), file=where)  # type: ignore[arg-type]
    if isinstance(document_or_path, Document) and document_or_path.narrative and document_or_path.claims is None:
        # a Document built in Python with its text: its claims are parsed here (validation reads claims only)
        from govclass.readers.disclosure import listed_title_kind
        from govclass.readers.narrative import attach_claims

        document_or_path = attach_claims(document_or_path, year=year, title_kind=listed_title_kind)
    return _validate(document_or_path, year, **options)  # type: ignore[arg-type]
