"""The catalog: the code tables of each edition, compiled from data/codes
(:mod:`~govclass.catalog.store`), looked up through :class:`Catalog`
(:mod:`~govclass.catalog.catalog`); the editions' history
(:mod:`~govclass.catalog.editions`), fuzzy matching
(:mod:`~govclass.catalog.matching`) and the data check
(:mod:`~govclass.catalog.datacheck`).

The names below are loaded on first use: ``govclass.catalog.store`` is on the
CLI's cold path and must not pull in the catalog class (and attrs) with it.
"""

from __future__ import annotations

__all__ = ["Catalog", "get_catalog", "available_years", "latest", "clear_cache"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module 'govclass.catalog' has no attribute {name!r}")
    # on first use, not at import: keeps ``govclass.catalog.store`` light (the cold ``lookup`` path)
    from govclass.catalog import catalog

    value = getattr(catalog, name)
    globals()[name] = value
    return value


# What type checkers see: the real names (at run time, loaded on first use above).
TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs the cold start an import
if TYPE_CHECKING:
    from govclass.catalog.catalog import Catalog as Catalog
    from govclass.catalog.catalog import available_years as available_years
    from govclass.catalog.catalog import clear_cache as clear_cache
    from govclass.catalog.catalog import get_catalog as get_catalog
    from govclass.catalog.catalog import latest as latest
