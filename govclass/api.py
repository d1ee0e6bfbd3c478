"""Module-level convenience functions over the shared catalogs."""

from __future__ import annotations

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
