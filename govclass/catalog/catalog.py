"""The catalog: one edition's codes as :class:`~govclass.model.Code` objects.

A :class:`Catalog` wraps the raw store of one edition, builds ``Code`` objects
on demand (each once) and answers lookups, hierarchy questions, name searches
and suggestions for unknown codes.
"""

from __future__ import annotations

import sys

import threading
from collections.abc import Callable, Iterator

from govclass.catalog import store as _store
from govclass.catalog.store import (
    R_BUDGETS,
    R_CHILDREN,
    R_CLASSIFICATION,
    R_CONFIDENCE,
    R_DEFINITION,
    R_DEFINITION_BASIS,
    R_FILE,
    R_LEVEL,
    R_NAME,
    R_NOTE,
    R_PARENT,
    R_EVIDENCE,
    R_REVISION,
    R_STATUS,
)
from govclass.errors import InvalidArgumentError, InvalidCodeError, RetiredCodeError, UnknownCodeError
from govclass.model import Budget, Classification, Code, Confidence, Hit, Level, Suggestion
from govclass.normalize import normalize_name

__all__ = ["Catalog", "get_catalog", "available_years", "latest"]

_LEVELS = {lv.value: lv for lv in Level}
_CLASSES = {c.value: c for c in Classification}
_BUDGETS = {b.value: b for b in Budget}
_CONFIDENCES = {c.value: c for c in Confidence}


class Catalog:
    """All codes of one edition of 《政府收支分类科目》.

    >>> cat = Catalog(2024)
    >>> cat.lookup("2101505").name
    '医疗保障政策管理'
    """

    def __init__(self, year: int | None = None) -> None:
        self._store = _store.get_store(year)
        self.year: int = self._store.year
        self._objs: dict[str, Code] = {}
        self._budgets: dict[tuple[str, ...], tuple[Budget, ...]] = {}
        self._names: list[tuple[str, str]] | None = None  # (normalised name, code)
        self._by_name: dict[str, tuple[str, ...]] | None = None
        self._notable: dict[frozenset, frozenset[str]] = {}

    # -- basic access ------------------------------------------------------

    def __repr__(self) -> str:
        return f"<Catalog {self.year}: {len(self)} codes>"

    @property
    def store(self) -> _store.Store:
        """The compiled records of this edition (shared, read-only)."""
        return self._store

    @property
    def entries(self) -> dict[str, Code]:
        """The :class:`Code` entries built so far, by code: the validator's
        screens look codes up in it whole (:meth:`entry` builds a missing one)."""
        return self._objs

    def __len__(self) -> int:
        return len(self._store.codes)

    def __contains__(self, code: object) -> bool:
        return self.is_valid(code)

    def __iter__(self) -> Iterator[Code]:
        return self.codes()

    @property
    def files(self) -> list[dict]:
        """Provenance: the ``meta`` section of every data file of this edition."""
        return self._store.files

    def _make(self, code: str, path: tuple[str, ...] | None = None) -> Code:
        store = self._store
        rec = store.codes[code]
        budgets = self._budgets.get(rec[R_BUDGETS])
        if budgets is None:
            budgets = self._budgets[rec[R_BUDGETS]] = tuple(_BUDGETS[b] for b in rec[R_BUDGETS])
        obj = Code(
            code,
            rec[R_NAME],
            _LEVELS[rec[R_LEVEL]],
            _CLASSES[rec[R_CLASSIFICATION]],
            self.year,
            rec[R_PARENT],
            rec[R_CHILDREN],
            store.path(code) if path is None else path,
            budgets,
            rec[R_DEFINITION],
            rec[R_DEFINITION_BASIS],
            _CONFIDENCES[rec[R_CONFIDENCE]],
            rec[R_NOTE],
            rec[R_REVISION],
            store.files[rec[R_FILE]]["path"],
            rec[R_STATUS],
            rec[R_EVIDENCE],
            store,
        )
        self._objs[code] = obj
        return obj

    def lookup(self, code: object, parent: object = None, name: str | None = None) -> Code:
        """The :class:`Code` for ``code`` in any accepted form.

        Raises :class:`UnknownCodeError` (a ``LookupError``, with
        suggestions: nearby legal codes, and codes named like ``name`` when the
        printed name is given) when the edition has no such code, and
        :class:`InvalidCodeError` (a ``ValueError``) when the value cannot be a
        code at all.
        """
        if name is not None and not isinstance(name, str):
            raise InvalidArgumentError(f"name must be a str, not {type(name).__name__}")
        if parent is None and code.__class__ is str:
            obj = self._objs.get(code)  # type: ignore[arg-type]
            if obj is not None:
                return obj
        key = self._store.resolve(code, parent)
        obj = self._objs.get(key)
        if obj is not None:
            return obj
        if key in self._store.codes:
            return self._make(key)
        st = self.status(key)
        if st.state != "unknown":
            raise RetiredCodeError(st, self.suggest(key, name))
        raise UnknownCodeError(key, self.year, self.suggest(key, name))

    def status(self, code: object):  # -> govclass.catalog.editions.CodeStatus
        """Where ``code`` stands in this edition: current, retired (with
        valid_from/valid_to and successors), not yet created, or unknown."""
        from govclass.catalog.editions import status  # on first use: keeps a cold govclass.lookup() light

        return status(self._store.resolve(code), self.year)

    def history(self, code: object, classification: Classification | str | None = None):
        """Every recorded change to ``code`` over the editions, oldest first (of
        one classification only when given): a tuple of
        :class:`govclass.catalog.editions.Change`."""
        from govclass.catalog.editions import history  # on first use: keeps a cold govclass.lookup() light

        cls = None if classification is None else _classification(classification)
        return history(self._store.resolve(code), cls)

    def entry(self, code: str) -> Code | None:
        """The :class:`Code` for an exact code string, or None: no
        normalisation, for hot loops that already hold clean codes."""
        obj = self._objs.get(code)
        if obj is None and code in self._store.codes:
            obj = self._make(code)
        return obj

    def notable(self, classifications: frozenset[Classification]) -> frozenset[str]:
        """The codes a table of ``classifications`` cannot print without a
        finding: those of another classification, and those of low
        confidence.  For the validator's screen (one set lookup per line)."""
        found = self._notable.get(classifications)
        if found is None:
            wanted = {c.value for c in classifications}
            low = Confidence.LOW.value
            found = self._notable[classifications] = frozenset(
                code for code, rec in self._store.codes.items()
                if rec[R_CLASSIFICATION] not in wanted or rec[R_CONFIDENCE] == low)
        return found

    def get(self, code: object, parent: object = None, default: Code | None = None) -> Code | None:
        """Like :meth:`lookup` but returns ``default`` instead of raising."""
        try:
            return self.lookup(code, parent)
        except (UnknownCodeError, InvalidCodeError):
            return default

    def is_valid(self, code: object, parent: object = None) -> bool:
        """True when ``code`` names a code of this edition.  Never raises."""
        if parent is None and code.__class__ is str and code in self._store.codes:
            return True
        try:
            return self._store.resolve(code, parent) in self._store.codes
        except (InvalidCodeError, RecursionError):
            return False
        except Exception:  # is_valid promises never to raise
            return False

    def codes(
        self,
        classification: Classification | str | None = None,
        level: Level | str | None = None,
        budget: Budget | str | None = None,
    ) -> Iterator[Code]:
        """Every code of the edition, in code order, optionally filtered."""
        keep = _record_filter(classification, level, budget)
        objs = self._objs
        # Codes are stored in code order, so a parent is built before its
        # children and a child's path extends its parent's.
        for code, rec in self._store.codes.items():
            obj = objs.get(code)
            if obj is None:
                parent = rec[R_PARENT]
                pobj = objs.get(parent) if parent is not None else None
                obj = self._make(code, None if pobj is None else pobj.path + (rec[R_NAME],))
            if keep(rec):
                yield obj

    def roots(self, classification: Classification | str = Classification.FUNCTIONAL) -> list[Code]:
        """The 类 of one classification."""
        return [self.lookup(c) for c in self._store.roots[Classification(classification).value]]

    # -- hierarchy -----------------------------------------------------------

    def parent(self, code: object) -> Code | None:
        p = self.lookup(code).parent
        return None if p is None else self.lookup(p)

    def children(self, code: object) -> list[Code]:
        return [self.lookup(c) for c in self.lookup(code).children]

    def ancestors(self, code: object) -> list[Code]:
        """From the 类 down to the parent."""
        return [self.lookup(c) for c in self.lookup(code).ancestors]

    def descendants(self, code: object) -> list[Code]:
        return [self.lookup(c) for c in self.lookup(code).descendants]

    def corresponding(self, code: object) -> list[tuple[Code, str | None]]:
        """Codes of the other economic classification that the book's
        correspondence table (两套支出经济分类科目对照表) maps to ``code``, with the
        kind of unit the mapping is for (``None``: any)."""
        c = self.lookup(code)
        return [(self.lookup(other), unit) for other, unit in self._store.corresponding(c.code)]

    # -- names ---------------------------------------------------------------

    def name_index(self) -> tuple[list[tuple[str, str]], dict[str, tuple[str, ...]]]:
        if self._names is None or self._by_name is None:
            names = [(normalize_name(rec[R_NAME]), code) for code, rec in self._store.codes.items()]
            by_name: dict[str, list[str]] = {}
            for norm, code in names:
                by_name.setdefault(norm, []).append(code)
            self._by_name = {k: tuple(v) for k, v in by_name.items()}
            self._names = names
        return self._names, self._by_name

    def codes_named(self, name: str, classification: Classification | str | None = None) -> list[Code]:
        """Codes whose name equals ``name`` after normalisation.

        Names are not unique: 行政运行 belongs to dozens of 款.
        """
        _, by_name = self.name_index()
        cls = None if classification is None else Classification(classification).value
        found = [self.lookup(c) for c in by_name.get(normalize_name(name), ())]
        return [c for c in found if cls is None or c.classification == cls]

    def search(
        self,
        text: str,
        classification: Classification | str | None = None,
        level: Level | str | None = None,
        budget: Budget | str | None = None,
        limit: int | None = 20,
        min_score: float = 0.3,
    ) -> list[Hit]:
        """Find codes by name: exact after normalisation (score 1.0), then
        substring (0.6–0.95, more for a closer length), then fuzzy (below 0.6).
        """
        from govclass.catalog.matching import rank  # on first use: keeps a cold govclass.lookup() light

        limit = _limit(limit, "limit")
        if isinstance(min_score, bool) or not isinstance(min_score, (int, float)) or not 0 <= min_score <= 1:
            raise InvalidArgumentError(f"min_score must be a number from 0 to 1, not {min_score!r}")
        names, by_name = self.name_index()
        query = normalize_name(text)
        if not query:
            return []
        keep = _record_filter(classification, level, budget)
        records = self._store.codes
        hits = []
        for code, score, match in rank(query, names, by_name, min_score):
            if not keep(records[code]):
                continue
            hits.append(Hit(self.lookup(code), score, match))
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def suggest(self, code: object, name: str | None = None, limit: int = 8) -> tuple[Suggestion, ...]:
        """Legal codes close to an unknown ``code``, and codes whose name
        matches the printed ``name``; best first."""
        from govclass.catalog.matching import suggest  # on first use: keeps a cold govclass.lookup() light

        limit = _limit(limit, "limit")
        try:
            key = self._store.resolve(code)
        except InvalidCodeError:
            key = ""
        return suggest(self, key, name, len(self) if limit is None else limit)

    # -- summary -------------------------------------------------------------

    def stats(self) -> dict[str, dict[str, dict[str, int]]]:
        """Counts of 类/款/项/目 per classification, and per budget for the
        functional and revenue classifications: ``{"functional": {"all":
        {"类": n, …}, "general": {…}, …}, "economic-dept": {"all": {…}},
        "revenue": {"all": {"类": n, …, "目": n}, …}}``."""
        return store_stats(self._store)


def _classification(value: Classification | str) -> str:
    try:
        return Classification(value).value
    except (ValueError, TypeError) as exc:
        raise InvalidArgumentError(str(exc)) from None


def _record_filter(
    classification: Classification | str | None,
    level: Level | str | None,
    budget: Budget | str | None,
) -> Callable[[tuple], bool]:
    """A predicate on raw records for the usual filters (None: any)."""
    try:
        cls = None if classification is None else Classification(classification).value
        lev = None if level is None else Level(level).value
        bud = None if budget is None else Budget(budget).value
    except (ValueError, TypeError) as exc:
        raise InvalidArgumentError(str(exc)) from None

    def keep(rec: tuple) -> bool:
        return ((cls is None or rec[R_CLASSIFICATION] == cls) and (lev is None or rec[R_LEVEL] == lev)
                and (bud is None or bud in rec[R_BUDGETS]))

    return keep


def _limit(value: object, what: str) -> int | None:
    """A count argument: None (no limit) or a whole number ≥ 0 of any integer type."""
    import numbers

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise InvalidArgumentError(f"{what} must be a whole number ≥ 0 or None, not {value!r}")
    return int(value)


def store_stats(store: _store.Store) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for code, rec in store.codes.items():
        cls = rec[R_CLASSIFICATION]
        groups = ["all", *rec[R_BUDGETS]]
        for g in groups:
            counts = out.setdefault(cls, {}).setdefault(g, {})
            counts[rec[R_LEVEL]] = counts.get(rec[R_LEVEL], 0) + 1
    return out


_CATALOGS: dict[int, Catalog] = {}
_LOCK = threading.Lock()


def get_catalog(year: int | None = None) -> Catalog:
    """The shared catalog of one edition (default: the latest), loaded once."""
    if year is None:
        year = _store.latest_year()
    elif year.__class__ is not int:
        year = _store.year_number(year)
    cat = _CATALOGS.get(year)
    if cat is None:
        with _LOCK:
            cat = _CATALOGS.get(year)
            if cat is None:
                cat = _CATALOGS[year] = Catalog(year)
    return cat


def available_years() -> tuple[int, ...]:
    """Editions shipped with this govclass."""
    return _store.available_years()


def latest() -> int:
    """The newest edition shipped."""
    return _store.latest_year()


def clear_cache() -> None:
    """Forget every loaded edition (after changing GOVCLASS_DATA_DIR)."""
    with _LOCK:
        _CATALOGS.clear()
        _store.clear()
        editions = sys.modules.get("govclass.catalog.editions")
        if editions is not None:
            editions.clear()
