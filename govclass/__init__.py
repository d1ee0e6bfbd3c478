"""govclass: China's government budget classification (政府收支分类科目).

Reference tables of the functional (支出功能分类) and economic (支出经济分类)
classifications, edition by edition, and a validator of budget tables.

    >>> import govclass
    >>> govclass.lookup("2101505").path
    ('卫生健康支出', '医疗保障管理事务', '医疗保障政策管理')

The public names are loaded lazily, so that ``python -m govclass lookup``
starts without importing what it does not need.
"""

from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    # functions
    "lookup": "govclass.api",
    "get": "govclass.api",
    "is_valid": "govclass.api",
    "search": "govclass.api",
    "suggest": "govclass.api",
    "get_catalog": "govclass.api",
    "available_years": "govclass.api",
    "latest": "govclass.api",
    "normalize_code": "govclass.normalize",
    "normalize_name": "govclass.normalize",
    # classes
    "Catalog": "govclass.catalog",
    "Code": "govclass.model",
    "Hit": "govclass.model",
    "Suggestion": "govclass.model",
    "Level": "govclass.model",
    "Classification": "govclass.model",
    "Budget": "govclass.model",
    "Confidence": "govclass.model",
    # errors
    "GovclassError": "govclass.errors",
    "InvalidCodeError": "govclass.errors",
    "UnknownCodeError": "govclass.errors",
    "RetiredCodeError": "govclass.errors",
    "UnknownYearError": "govclass.errors",
    "DataError": "govclass.errors",
    "InvalidArgumentError": "govclass.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govclass' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
