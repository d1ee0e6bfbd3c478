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

__version__ = "0.2.0"

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
    "read": "govclass.api",
    "validate": "govclass.api",
    # classes
    "Catalog": "govclass.catalog",
    "Code": "govclass.model",
    "Hit": "govclass.model",
    "Suggestion": "govclass.model",
    "Level": "govclass.model",
    "Classification": "govclass.model",
    "Budget": "govclass.model",
    "Confidence": "govclass.model",
    "Document": "govclass.document",
    "Table": "govclass.document",
    "Line": "govclass.document",
    "Cell": "govclass.document",
    "Relation": "govclass.document",
    "Report": "govclass.validation.report",
    "Finding": "govclass.validation.report",
    "CheckedRelation": "govclass.validation.relations",
    # errors
    "GovclassError": "govclass.errors",
    "InvalidCodeError": "govclass.errors",
    "UnknownCodeError": "govclass.errors",
    "RetiredCodeError": "govclass.errors",
    "UnknownYearError": "govclass.errors",
    "DataError": "govclass.errors",
    "InputError": "govclass.errors",
    "RuleIdError": "govclass.errors",
    "RelationError": "govclass.errors",
    "InvalidArgumentError": "govclass.errors",
}

# What type checkers see: the same names, imported for real.  At run time
# TYPE_CHECKING is False and the names above are imported on first use
# (tests/test_contract.py checks that the two lists agree).
TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs the cold start an import
if TYPE_CHECKING:
    from govclass.api import available_years as available_years
    from govclass.api import get as get
    from govclass.api import get_catalog as get_catalog
    from govclass.api import is_valid as is_valid
    from govclass.api import latest as latest
    from govclass.api import lookup as lookup
    from govclass.api import read as read
    from govclass.api import search as search
    from govclass.api import suggest as suggest
    from govclass.api import validate as validate
    from govclass.catalog import Catalog as Catalog
    from govclass.document import Cell as Cell
    from govclass.document import Document as Document
    from govclass.document import Line as Line
    from govclass.document import Relation as Relation
    from govclass.document import Table as Table
    from govclass.errors import DataError as DataError
    from govclass.errors import GovclassError as GovclassError
    from govclass.errors import InputError as InputError
    from govclass.errors import InvalidArgumentError as InvalidArgumentError
    from govclass.errors import InvalidCodeError as InvalidCodeError
    from govclass.errors import RelationError as RelationError
    from govclass.errors import RetiredCodeError as RetiredCodeError
    from govclass.errors import RuleIdError as RuleIdError
    from govclass.errors import UnknownCodeError as UnknownCodeError
    from govclass.errors import UnknownYearError as UnknownYearError
    from govclass.model import Budget as Budget
    from govclass.model import Classification as Classification
    from govclass.model import Code as Code
    from govclass.model import Confidence as Confidence
    from govclass.model import Hit as Hit
    from govclass.model import Level as Level
    from govclass.model import Suggestion as Suggestion
    from govclass.normalize import normalize_code as normalize_code
    from govclass.normalize import normalize_name as normalize_name
    from govclass.validation.relations import CheckedRelation as CheckedRelation
    from govclass.validation.report import Finding as Finding
    from govclass.validation.report import Report as Report

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
