"""Value objects of the public API (frozen attrs classes)."""

from __future__ import annotations

import enum

import attrs

from govclass.catalog.names import BUDGET_NAMES, CLASSIFICATION_NAMES

__all__ = ["Level", "Classification", "Budget", "Confidence", "Code", "Suggestion", "Hit"]


class Level(enum.StrEnum):
    """Level of a code in its hierarchy."""

    LEI = "类"
    KUAN = "款"
    XIANG = "项"
    MU = "目"  # the revenue classification's fourth level (9 digits)


class Classification(enum.StrEnum):
    FUNCTIONAL = "functional"  # 支出功能分类
    ECONOMIC_DEPT = "economic-dept"  # 部门预算支出经济分类 (301…399)
    ECONOMIC_GOV = "economic-gov"  # 政府预算支出经济分类 (501…599)
    REVENUE = "revenue"  # 收入分类 (101…110, to the 9-digit 目)

    @property
    def label(self) -> str:
        return CLASSIFICATION_NAMES[self.value]


class Budget(enum.StrEnum):
    GENERAL = "general"  # 一般公共预算
    FUND = "fund"  # 政府性基金预算
    CAPITAL = "capital"  # 国有资本经营预算
    SOCIAL = "social"  # 社会保险基金预算

    @property
    def label(self) -> str:
        return BUDGET_NAMES[self.value]


class Confidence(enum.StrEnum):
    """How sure the curators are of a code and its name (see docs/data-format.md)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen(slots=True)
class Code:
    """One code of one edition, with its place in the hierarchy.

    Hierarchy fields hold code strings (``parent``, ``children``, and the
    derived ``ancestors`` from the 类 down and ``descendants`` depth first);
    ``path`` holds the names from the 类 down to this code.  Use the catalog to
    turn codes into :class:`Code` objects (``catalog.lookup(code.parent)``).
    """

    code: str
    name: str
    level: Level
    classification: Classification
    year: int
    parent: str | None
    children: tuple[str, ...]
    path: tuple[str, ...]
    budgets: tuple[Budget, ...]
    definition: str | None
    definition_basis: str | None
    confidence: Confidence
    note: str | None = None
    revision: str | None = None
    source: str | None = None
    # curated | carried (taken unchanged from the year before, in an edition
    # whose book was not read) | confirmed (real documents or a notice of the
    # year attest it; ``evidence`` names them).
    status: str = "curated"
    evidence: tuple[str, ...] = ()
    # The edition's store, to answer ``descendants`` on demand; not part of the
    # value (equality, hash, repr).
    _store: object = attrs.field(default=None, eq=False, repr=False, alias="store")

    @property
    def ancestors(self) -> tuple[str, ...]:
        """Codes from the 类 down to the parent (a code's ancestors are its prefixes)."""
        return tuple(self.code[:n] for n in (3, 5, 7) if n < len(self.code))

    @property
    def descendants(self) -> tuple[str, ...]:
        """Every code below this one, depth first, in code order."""
        if not self.children:
            return ()
        return self._store.descendants(self.code)  # type: ignore[attr-defined]

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def to_dict(self) -> dict:
        """JSON-ready dict; the same keys as ``python -m govclass lookup --json``."""
        return {
            "code": self.code,
            "name": self.name,
            "level": str(self.level),
            "classification": str(self.classification),
            "year": self.year,
            "parent": self.parent,
            "ancestors": list(self.ancestors),
            "path": list(self.path),
            "children": list(self.children),
            "is_leaf": self.is_leaf,
            "budgets": [str(b) for b in self.budgets],
            "definition": self.definition,
            "definition_basis": self.definition_basis,
            "confidence": str(self.confidence),
            "note": self.note,
            "revision": self.revision,
            "source": self.source,
            "status": self.status,
            "evidence": list(self.evidence),
        }


@attrs.frozen(slots=True)
class Suggestion:
    """A legal code offered in place of an unknown one, and why."""

    code: str
    name: str
    reason: str  # "edit" (one digit off), "sibling", "name" (name matches)
    score: float


@attrs.frozen(slots=True)
class Hit:
    """One result of a name search."""

    code: Code
    score: float  # 1.0 exact; below for substring and fuzzy matches
    match: str  # "exact" | "substring" | "fuzzy"
