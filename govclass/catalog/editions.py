"""Editions over the years: change records, history, status of a code, diff.

govclass stores one curated base edition and, per year, a record of what
changed from the year before (``data/codes/changes/<year>.yaml``, see
docs/changes-format.md).  This module reads those records as :class:`Change`
objects and answers the questions users ask of a versioned code list:
"which editions have this code?", "what happened to it?", "what replaced
it?", "what changed between 2023 and 2024?".
"""

from __future__ import annotations

import attrs

from govclass.catalog import store as _store
from govclass.catalog.store import CLASSIFICATION_NAMES, plan

__all__ = ["Change", "CodeStatus", "changes", "history", "status", "diff", "apply_changes", "editions", "coverage"]


@attrs.frozen(slots=True)
class Change:
    """One typed change between edition ``year - 1`` and edition ``year``."""

    year: int
    type: str  # added | retired | renamed | moved | definition-changed | budgets-changed
    classification: str
    code: str
    name: str | None = None  # added/retired: the code's name; renamed: the new name; moved: name at to_code
    old_name: str | None = None
    to_code: str | None = None  # moved: the new code
    budgets: tuple[str, ...] = ()
    old_budgets: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()  # retired: codes that take over its spending
    definition: str | None = None
    old_definition: str | None = None
    source: str | None = None  # the document the change cites
    confidence: str = "high"
    note: str | None = None
    #: its source is a document that prints the code (``attests: true``: a budget, not the book or a notice): the
    #: change happened in this edition at the latest, and may be older
    attested: bool = False

    def to_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        for k in ("budgets", "old_budgets", "successors"):
            d[k] = list(d[k])
        if not d["attested"]:
            del d["attested"]
        return {k: v for k, v in d.items() if v not in (None, [])}

    def describe(self) -> str:
        """One line, Chinese names, for people."""
        if self.type == "added":
            return f"{self.year}: added {self.code} {self.name}"
        if self.type == "retired":
            succ = f" → {', '.join(self.successors)}" if self.successors else ""
            return f"{self.year}: retired {self.code} {self.name}{succ}"
        if self.type == "renamed":
            return f"{self.year}: renamed {self.code} {self.old_name} → {self.name}"
        if self.type == "moved":
            return f"{self.year}: moved {self.code} {self.old_name or ''} → {self.to_code} {self.name or ''}".rstrip()
        if self.type == "budgets-changed":
            return f"{self.year}: budgets of {self.code} {list(self.old_budgets)} → {list(self.budgets)}"
        return f"{self.year}: 说明 of {self.code} changed"


def _change(year: int, c: dict, sources: dict) -> Change:
    src = sources.get(c.get("source"))
    document = src.get("document") if isinstance(src, dict) else (src or c.get("source"))
    return Change(year, c["type"], c["classification"], c["code"], c.get("name"), c.get("old_name"),
                  c.get("to_code"), tuple(c.get("budgets") or ()), tuple(c.get("old_budgets") or ()),
                  tuple(c.get("successor") or ()), c.get("definition"), c.get("old_definition"), document,
                  c.get("confidence", "high"), c.get("note"), isinstance(src, dict) and src.get("attests") is True)


_CHANGES: dict[int | None, tuple[Change, ...]] = {}  # None: all years, oldest first


def clear() -> None:
    """Forget the records and editions read (the catalog's clear_cache calls it)."""
    _CHANGES.clear()
    _ENTRIES.clear()
    _VIEWS.clear()
    _RETIRED.clear()


def changes(year: int | None = None) -> tuple[Change, ...]:
    """The change records of one year (edition year-1 → year), or of all years."""
    if year is None:
        if None not in _CHANGES:
            _CHANGES[None] = tuple(c for y in sorted(_store.change_files()) for c in changes(y))
        return _CHANGES[None]
    if year not in _CHANGES:
        if year not in _store.change_files():
            _CHANGES[year] = ()
        else:
            meta, raw = _store.read_changes(year)
            _CHANGES[year] = tuple(_change(year, c, meta.get("sources") or {}) for c in raw)
    return _CHANGES[year]


def editions() -> tuple[int, ...]:
    return _store.available_years()


def history(code: str, classification: str | None = None) -> tuple[Change, ...]:
    """Every recorded change to ``code`` (as the changed code or as the target
    of a move), oldest first; of one classification only when given."""
    return tuple(c for c in changes() if code in (c.code, c.to_code)
                 and (classification is None or c.classification == classification))


@attrs.frozen(slots=True)
class CodeStatus:
    """Where a code stands relative to one edition."""

    code: str
    year: int
    state: str  # "current" | "retired" | "not-yet-created" | "gap" | "unknown"
    editions: tuple[int, ...]  # editions that contain the code
    name: str | None = None  # its name in the nearest edition that has it
    successors: tuple[str, ...] = ()
    retired_in: int | None = None  # the edition that first lacks it, when a record says so
    #: not in ``year`` but in a later edition, brought in by a change only documents of that later year attest
    #: (Change.attested): that edition, the latest the code can date from; its absence in ``year`` is not proven
    attested_from: int | None = None


    @property
    def valid_from(self) -> int | None:
        return self.editions[0] if self.editions else None

    @property
    def valid_to(self) -> int | None:
        return self.editions[-1] if self.editions else None

    def message(self) -> str:
        if self.state == "retired":
            succ = f"; successor: {', '.join(self.successors)}" if self.successors else ""
            if not self.editions:
                return f"code {self.code} {self.name} was retired in {self.retired_in}{succ}"
            return (f"code {self.code} {self.name} was retired in {self.retired_in}: it is in the editions "
                    f"{year_ranges(self.editions)}, not in {self.year}{succ}")
        if self.state == "not-yet-created":
            return f"code {self.code} {self.name} is not yet created in {self.year}: it first appears in {self.valid_from}"
        if self.state == "gap":
            succ = f"; successor in {self.year}: {', '.join(self.successors)}" if self.successors else ""
            return (f"code {self.code} {self.name} is not in the {self.year} edition, though editions "
                    f"{year_ranges(self.editions)} have it{succ}")
        if self.state == "current":
            return f"code {self.code} {self.name} is in the {self.year} edition"
        return f"code {self.code} is in no edition ({', '.join(map(str, editions()))})"


def year_ranges(years: tuple[int, ...] | list[int]) -> str:
    """Editions as runs of consecutive years: 2007–2017, 2019–2026."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def status(code: str, year: int | None = None) -> CodeStatus:
    """Is ``code`` in edition ``year``; if not, was it retired (and what
    replaced it) or is it not yet created?"""
    if year is None:
        year = _store.latest_year()
    present = []
    names = {}
    for y in editions():
        rec = _store.get_store(y).codes.get(code)
        if rec is not None:
            present.append(y)
            names[y] = rec[_store.R_NAME]
    if year in present:
        return CodeStatus(code, year, "current", tuple(present), names[year])
    if not present:
        # Retired or moved before the first edition govclass serves (a history-only record)?
        gone = [c for c in history(code) if c.code == code and c.type in ("retired", "moved") and c.year <= year]
        if gone:
            last = gone[-1]
            return CodeStatus(code, year, "retired", (), last.old_name or last.name, _successors(code, year),
                              retired_in=last.year)
        return CodeStatus(code, year, "unknown", ())
    nearest = min(present, key=lambda y: (abs(y - year), -y))
    retired_in = None
    if all(y < year for y in present):
        state = "retired"
        retired_in = present[-1] + 1
    elif all(y > year for y in present):
        state = "not-yet-created"
    else:
        state = "gap"
    return CodeStatus(code, year, state, tuple(present), names[nearest], _successors(code, year), retired_in,
                      _attested_from(code, year, present) if state != "retired" else None)


def _attested_from(code: str, year: int, present: list[int]) -> int | None:
    """The first edition after ``year`` that has ``code``, when the change that brought it in rests on documents
    that print it (Change.attested), not on the book: the code may be older than that edition."""
    first = min(y for y in present if y > year)
    brought = [c for c in history(code) if c.year == first and (c.type == "added" and c.code == code or
                                                                c.type == "moved" and c.to_code == code)]
    return first if brought and all(c.attested for c in brought) else None


def _successors(code: str, year: int) -> tuple[str, ...]:
    """What took over ``code`` by ``year``: recorded successors and moves,
    followed through later moves."""
    out: list[str] = []
    frontier = [code]
    seen = set()
    while frontier:
        c = frontier.pop()
        if c in seen:
            continue
        seen.add(c)
        for ch in changes():
            if ch.year > year or ch.code != c:
                continue
            if ch.type == "moved" and ch.to_code:
                frontier.append(ch.to_code)
            elif ch.type == "retired":
                frontier.extend(ch.successors)
        if c != code and c in _store.get_store(year).codes:
            out.append(c)
    return tuple(sorted(set(out)))


# -- diff and apply ---------------------------------------------------------------


_ENTRIES: dict[int, dict] = {}


def _entries(year: int) -> dict:
    """{code: (entry, classification, file)} of an edition (not modified by
    callers: step_edition copies before it changes anything)."""
    if year not in _ENTRIES:
        _ENTRIES[year] = _store.edition_entries(year)[1]
    return _ENTRIES[year]


def _view(raw: dict) -> dict[str, tuple]:
    """What a diff must reproduce: code -> (classification, name, budgets)."""
    return {code: (cls, e["name"].strip(), tuple(sorted(e.get("budgets") or ()))) for code, (e, cls, _) in raw.items()}


def diff(a: int, b: int, classification: str | None = None) -> tuple[Change, ...]:
    """What changed from edition ``a`` to edition ``b`` (either order): codes
    added, retired, renamed, moved (as recorded between the two), budgets
    changed.  Applying the result to ``a`` gives ``b`` (see apply_changes).
    With ``classification``, the changes of that classification only."""
    found = _diff(a, b)
    return found if classification is None else tuple(c for c in found if c.classification == classification)


def _diff(a: int, b: int) -> tuple[Change, ...]:
    ra, rb = _view(_entries(a)), _view(_entries(b))
    lo, hi = min(a, b), max(a, b)
    moves = {}
    for ch in changes():
        if lo < ch.year <= hi and ch.type == "moved" and ch.to_code:
            src, dst = (ch.code, ch.to_code) if a < b else (ch.to_code, ch.code)
            moves[src] = dst
    out: list[Change] = []
    gone = sorted(set(ra) - set(rb))
    new = set(rb) - set(ra)
    for code in gone:
        dst = moves.get(code)
        while dst is not None and dst not in new and dst in moves:
            dst = moves[dst]
        if dst is not None and dst in new and ra[code][0] == rb[dst][0]:
            new.discard(dst)
            out.append(Change(b, "moved", ra[code][0], code, rb[dst][1], ra[code][1], dst,
                              source=f"diff {a} → {b}"))
        else:
            out.append(Change(b, "retired", ra[code][0], code, ra[code][1], budgets=ra[code][2],
                              successors=_successors(code, b) if b > a else (), source=f"diff {a} → {b}"))
    for code in sorted(new):
        out.append(Change(b, "added", rb[code][0], code, rb[code][1], budgets=rb[code][2], source=f"diff {a} → {b}"))
    for code in sorted(set(ra) & set(rb)):
        (cls, na, ba), (_, nb, bb) = ra[code], rb[code]
        if na != nb:
            out.append(Change(b, "renamed", cls, code, nb, na, source=f"diff {a} → {b}"))
        if ba != bb:
            out.append(Change(b, "budgets-changed", cls, code, budgets=bb, old_budgets=ba, source=f"diff {a} → {b}"))
    if hi - lo > 1:
        out = [_dated(c, a, b) for c in out]
    order = {"added": 0, "retired": 1, "renamed": 2, "moved": 3, "definition-changed": 4, "budgets-changed": 5}
    return tuple(sorted(out, key=lambda c: (c.classification, c.code, order[c.type])))


def _dated(change: Change, a: int, b: int) -> Change:
    """``change`` (from the diff of editions ``a`` and ``b``) labelled with the
    year it took effect: the edition from which, walking from ``a`` towards
    ``b``, the code is as it is in ``b`` (for a backward diff, the edition in
    which the change happened going forward).  A move keeps its record's year."""
    if change.type == "moved":
        for ch in changes():
            if min(a, b) < ch.year <= max(a, b) and ch.type == "moved" and {ch.code, ch.to_code} == {change.code, change.to_code}:
                return attrs.evolve(change, year=ch.year)
        return change
    part = {"added": 0, "retired": 0, "renamed": 1, "budgets-changed": 2}.get(change.type)
    if part is None:
        return change

    def state(year: int) -> object:
        entry = _cached_view(year).get(change.code)
        return entry is not None if part == 0 else (entry[part] if entry is not None else None)

    years = [y for y in editions() if min(a, b) <= y <= max(a, b)]
    if a > b:
        years.reverse()
    final = state(b)
    # the last step along the path whose far side already looks like b
    took = years[-1]
    for before, after in zip(reversed(years[:-1]), reversed(years[1:])):
        if state(before) == final:
            took = before
        else:
            break
    step_year = took if a < b else years[years.index(took) - 1] if took != years[0] else took
    return attrs.evolve(change, year=step_year)


def apply_changes(year: int, items: tuple[Change, ...] | list[Change]) -> dict[str, tuple]:
    """Edition ``year`` with ``items`` applied in order; returns code ->
    (classification, name, budgets), the view diff() reproduces.  Raises
    DataError when a change does not apply cleanly."""
    raw = _entries(year)
    records = []
    for i, c in enumerate(items):
        d = {"type": c.type, "classification": c.classification, "code": c.code, "name": c.name,
             "old_name": c.old_name, "to_code": c.to_code, "budgets": list(c.budgets) or None,
             "old_budgets": list(c.old_budgets), "successor": list(c.successors), "confidence": c.confidence,
             "where": f"change {i} ({c.describe()})"}
        records.append(d)
    return _view(_store.step_edition(raw, records, year + 1, +1, 0))


_VIEWS: dict[int, dict[str, tuple]] = {}


def _cached_view(year: int) -> dict[str, tuple]:
    """view(year), shared: not to be changed by the caller."""
    if year not in _VIEWS:
        _VIEWS[year] = _view(_entries(year))
    return _VIEWS[year]


def view(year: int) -> dict[str, tuple]:
    """Edition ``year`` as diff() sees it (computed once per edition: _dated
    asks it for every change and every year between two editions)."""
    return dict(_cached_view(year))


# -- what each edition is worth -------------------------------------------------------


def coverage(year: int) -> dict:
    """How much of edition ``year`` is known: how it is made (its base and the
    records applied or undone), the coverage statement of its record
    (``meta.coverage`` of changes/<year>.yaml), whether its book was read
    (``carried``), and its entries counted by status and by confidence."""
    from collections import Counter

    base, steps = plan()[year]
    store = _store.get_store(year)
    meta = _store.read_changes(year)[0] if year in _store.change_files() else {}
    statuses = Counter(rec[_store.R_STATUS] for rec in store.codes.values())
    confidences = Counter(rec[_store.R_CONFIDENCE] for rec in store.codes.values())
    classes = Counter(rec[_store.R_CLASSIFICATION] for rec in store.codes.values())
    return {"year": year, "base": base, "steps": [[y, "apply" if d > 0 else "undo"] for y, d in steps],
            "carried": bool(meta.get("carried")), "carried_from": _store.carried_from(year) if meta.get("carried") else None,
            "coverage": " ".join(str(meta.get("coverage") or "").split()) or None,
            "entries": len(store.codes), "status": {k: statuses.get(k, 0) for k in _store.STATUSES},
            "confidence": {k: confidences.get(k, 0) for k in _store.CONFIDENCES},
            "classifications": {k: classes.get(k, 0) for k in _store.CLASSIFICATIONS}}


# -- one documentation page per edition ----------------------------------------------

_TYPE_TITLES = {"added": "Added 新增", "retired": "Retired 取消", "renamed": "Renamed 更名", "moved": "Moved 调整编码",
                "definition-changed": "说明 changed 说明调整", "budgets-changed": "Budgets changed 预算归属调整"}


def edition_page(year: int) -> str:
    """A markdown page on one edition, generated from the data (docs/editions/)."""
    base, steps = plan()[year]
    store = _store.get_store(year)
    lines = [f"# The {year} edition 《{year}年政府收支分类科目》", "",
             "<!-- generated by tools/make_edition_docs.py from data/codes; do not edit by hand -->", ""]
    if not steps:
        lines.append(f"The curated base edition: `data/codes/{year}/`, one YAML file per 类 (see data-format.md).")
    else:
        how = ", then ".join(f"{'undo' if d < 0 else 'apply'} `changes/{y}.yaml`" for y, d in steps)
        lines.append(f"Derived from the {base} base edition: {how} (see changes-format.md). Codes no record "
                     f"touches are assumed unchanged from {base}; their confidence is the base's.")
    levels = _store.LEVEL_NAMES
    lines += ["", "| classification | " + " | ".join(levels) + " |", "|---" * (len(levels) + 1) + "|"]
    for cls in _store.CLASSIFICATIONS:
        counts = dict.fromkeys(levels, 0)
        for rec in store.codes.values():
            if rec[_store.R_CLASSIFICATION] == cls:
                counts[rec[_store.R_LEVEL]] += 1
        figures = [str(counts[lv]) if lv in _store.LEVELS[cls].values() else "–" for lv in levels]
        lines.append(f"| {CLASSIFICATION_NAMES[cls]} ({cls}) | " + " | ".join(figures) + " |")
    lines += _status_section(year, store)
    record = changes(year)
    lines += ["", f"## Changes from {year - 1}", ""]
    if year not in _store.change_files():
        lines.append(f"No change record for {year} ({year - 1} is not an edition govclass curates).")
    else:
        meta, _ = _store.read_changes(year)
        if meta.get("history_only"):
            lines.append(f"Kept for history: govclass serves no {year - 1} edition, so this record only dates "
                         "the codes it names.")
            lines.append("")
        conf = {k: sum(1 for c in record if c.confidence == k) for k in ("high", "medium", "low")}
        lines.append(f"{len(record)} recorded changes (confidence: {conf['high']} high, {conf['medium']} medium, "
                     f"{conf['low']} low). Sources:")
        lines.append("")
        for key, src in sorted((meta.get("sources") or {}).items()):
            doc = src.get("document") if isinstance(src, dict) else src
            lines.append(f"- `{key}`: {' '.join(str(doc).split())}")
        for t, title in _TYPE_TITLES.items():
            items = [c for c in record if c.type == t]
            if not items:
                continue
            lines += ["", f"### {title} ({len(items)})", "", "| code | change | confidence | source |", "|---|---|---|---|"]
            for c in items:
                what = c.describe().split(": ", 1)[1].replace("|", "\\|")
                lines.append(f"| {c.code} | {what} | {c.confidence} | {c.source and ' '.join(c.source.split())[:60]} |")
    return "\n".join(lines) + "\n"


def _status_section(year: int, store) -> list[str]:
    """How much of the edition is known: entries confirmed by documents or
    notices of the year, carried unchanged from the year before, curated."""
    from collections import Counter

    counts = Counter(rec[_store.R_STATUS] for rec in store.codes.values())
    conf = Counter((rec[_store.R_STATUS], rec[_store.R_CONFIDENCE]) for rec in store.codes.values())
    if set(counts) == {"curated"}:
        return []
    lines = ["", "## How much of it is known", ""]
    if counts.get("carried"):
        lines.append(f"The {year} book was not read (see changes/{year}.yaml). An entry is **confirmed** when a change "
                     f"of the {year} record or a real {year} document attests it (data/codes/evidence/{year}.yaml), "
                     f"**curated** when a change of that record sets it from the curators' recollection; "
                     f"every other entry is **carried** from {_store.carried_from(year)}, not confirmed.")
        coverage_note = (_store.read_changes(year)[0].get("coverage") if year in _store.change_files() else None)
        if coverage_note:
            lines += ["", f"Coverage: {' '.join(str(coverage_note).split())}."]
    else:
        lines.append(f"An entry is **confirmed** when a real {year} document prints it with its name "
                     f"(data/codes/evidence/{year}.yaml); the others are as curated.")
    lines += ["", "| status | entries | high | medium | low |", "|---|---|---|---|---|"]
    for st in _store.STATUSES:
        if counts.get(st):
            lines.append(f"| {st} | {counts[st]} | {conf[(st, 'high')]} | {conf[(st, 'medium')]} | {conf[(st, 'low')]} |")
    lines.append(f"| all | {len(store.codes)} | | | |")
    return lines


_RETIRED: dict[int, dict[str, tuple[str, str]]] = {}


def retired_names(catalog) -> dict[str, tuple[str, str]]:
    """Names the codes of ``catalog`` had before its edition (renames and moves
    up to its year, not those of low confidence), normalized: old name ->
    (code, current name)."""
    from govclass.normalize import normalize_name

    cached = _RETIRED.get(catalog.year)
    if cached is None:
        cached = {}
        for ch in changes():
            old = getattr(ch, "old_name", None)
            # a moved item takes its name with it: the old name is its target's, not that of a code reusing the number
            # (30311 住房公积金 moved to 30113 in 2018; 30311 is 代缴社会保险费 from 2019)
            code = ch.to_code if ch.type == "moved" else ch.code
            if ch.confidence == "low":  # a rename the curators are not sure of makes no name "retired"
                continue
            if old and ch.year <= catalog.year and code in catalog:
                current = catalog.lookup(code).name
                if normalize_name(old) != normalize_name(current):
                    cached.setdefault(normalize_name(old), (code, current))
        _RETIRED[catalog.year] = cached
    return cached
