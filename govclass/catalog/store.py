"""The data layer: compile the YAML tables once, cache them, serve raw records.

Nothing here imports attrs, yaml, json, re or typing on the warm path: a cold
``python -m govclass lookup`` reads one ``marshal`` file and answers.  YAML is
parsed only when the cache is missing or stale (a data file's size or mtime
changed, or another Python reads it), and the compiled result is written back
to the first writable cache directory.

A compiled year is a plain dict (marshal-able)::

    {"format": FORMAT, "year": 2024,
     "files": [meta dict per source file, with "path"],
     "codes": {code: record tuple (see R_* below)},
     "roots": {classification: (类 codes…)},
     "mappings": ((gov, (dept…), unit or None, note or None), …),
     "partial": {code: (children that may be missing…) or () for any}}
"""

from __future__ import annotations

import marshal
import os
import sys

from govclass.catalog import cache as _cache  # where compiled editions are kept, read and written
from govclass.catalog.layout import (  # noqa: F401  (served from store as before)
    FORMAT, R_NAME, R_CLASSIFICATION, R_LEVEL, R_PARENT, R_CHILDREN, R_BUDGETS, R_DEFINITION, R_DEFINITION_BASIS,
    R_CONFIDENCE, R_NOTE, R_REVISION, R_FILE, R_STATUS, R_EVIDENCE, CONFIDENCES, STATUSES, DEFINITION_BASES,
    LEVEL_OF_LENGTH, REVENUE_LEVEL_OF_LENGTH, LEVEL_NAMES, LEVELS, PARENT_LENGTH, parent_code, ENTRY_KEYS,
    package_dir, data_dir, change_files, named_in_records, evidence_files, plan, available_years, source_files,
    forget_plans)
# The classifications and budgets and their names: govclass.catalog.names (the value objects name them too).
from govclass.catalog.names import (BUDGET_NAMES, BUDGETS, CLASSIFICATION_NAMES, CLASSIFICATIONS,  # noqa: F401
                                    BUDGETED, ECONOMIC_DEPT, ECONOMIC_GOV, FUNCTIONAL, REVENUE)
from govclass.errors import DataError, InvalidCodeError, UnknownYearError
from govclass.normalize import normalize_code


def _fingerprint(year_dir: str, files: list[str]) -> tuple:
    parts = []
    for path in files:
        st = os.stat(path)
        parts.append((os.path.relpath(path, year_dir), st.st_size, st.st_mtime_ns))
    return (FORMAT, sys.version_info[:2], marshal.version, os.path.abspath(year_dir), tuple(parts))


def load_year(year: int) -> dict:
    """Return the compiled tables of one edition: compiled into the wheel when the data is the
    wheel's own (it never changes), else from the cache when fresh (a checkout's or the user's data
    folder), else compiled now and cached."""
    editions = plan()
    if year not in editions:
        raise UnknownYearError(year, tuple(editions))
    packaged = _read_packaged(year)
    if packaged is not None:
        return packaged
    base, steps = editions[year]
    year_dir = os.path.join(data_dir(), str(base))
    files = source_files(year_dir)
    if not files:
        raise DataError(f"no data files in {year_dir}")
    records = change_files()
    step_files = [records[y] for y, _ in steps]
    if steps and year in records and records[year] not in step_files:
        step_files.append(records[year])  # derived backwards: its own record marks what is carried (edition_entries)
    proof = evidence_files().get(year)
    if proof is not None:
        step_files.append(proof)
    fingerprint = _fingerprint(year_dir, files + step_files) + (year, steps)
    name = _cache.cache_name(year, year_dir)
    directories = _cache.cache_dirs()
    for directory in directories:
        data = _cache.read_cache(directory, name, fingerprint)
        if data is not None:
            return data
    data = _compile(year, base, steps, year_dir, files, proof is not None)
    if directories and not any(_cache.write_cache(d, name, fingerprint, data) for d in directories):
        import warnings

        warnings.warn(f"govclass: no writable cache folder ({', '.join(d for d in directories if d != _cache.TEMP_CACHE)}):"
                      " every run compiles the YAML tables, about 5x slower; set GOVCLASS_CACHE_DIR to a writable "
                      "folder (or to 'off' to silence this)", RuntimeWarning, stacklevel=3)
    return data


def _compile(year: int, base: int, steps: tuple, year_dir: str, files: list[str], confirmed: bool) -> dict:
    """One edition compiled from the YAML tables: a curated base, or a base with its change
    records (and its confirmations, ``confirmed``) applied."""
    if steps or confirmed:
        return compile_derived(year, base, steps)
    return compile_year(year, year_dir, files)


# -- editions compiled into the wheel ---------------------------------------------------------------
# The data in a wheel never changes: its editions are compiled when the wheel is built
# (hatch_build.py) into govclass/_data/compiled/, and read from there as long as the data read is
# the wheel's own (no GOVCLASS_DATA_DIR).  A file is marshal((key, digest, payload)); the key names
# what it was compiled by and for, so a wheel installed for another Python compiles as before.

def compiled_dir() -> str:
    """Where the wheel carries its compiled editions (``govclass/_data/compiled``)."""
    return os.path.join(package_dir(), "_data", "compiled")


def _packaged_key(year: int) -> tuple:
    return (FORMAT, sys.version_info[:2], marshal.version, year)


def _read_packaged(year: int) -> dict | None:
    """The edition as compiled into the wheel, when the data read is the wheel's and the file was
    compiled for this Python; else None."""
    if os.environ.get("GOVCLASS_DATA_DIR"):
        return None
    return _cache.read_packaged(os.path.join(compiled_dir(), f"catalog-{year}.marshal"), _packaged_key(year))


def compile_for_wheel(out_dir: str) -> list[str]:
    """Compile every edition of the data folder into ``out_dir`` as the wheel carries them (see
    :func:`compiled_dir`); the files written.  The wheel's build hook calls this with the source's
    data folder."""
    written = []
    editions = plan()
    os.makedirs(out_dir, exist_ok=True)
    for year, (base, steps) in sorted(editions.items()):
        year_dir = os.path.join(data_dir(), str(base))
        data = _compile(year, base, steps, year_dir, source_files(year_dir), evidence_files().get(year) is not None)
        payload = marshal.dumps(data)
        path = os.path.join(out_dir, f"catalog-{year}.marshal")
        with open(path, "wb") as fh:
            fh.write(marshal.dumps((_packaged_key(year), _cache.digest(payload), payload)))
        written.append(path)
    return written


# --------------------------------------------------------------------------
# Compiling YAML


def _plain(value: object) -> object:
    """Make YAML meta values marshal-able (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _check_keys(where: str, item: object, allowed: frozenset, what: str) -> None:
    """An entry of a data file is a mapping with known keys only."""
    if not isinstance(item, dict):
        raise DataError(f"{where}: {what} is a mapping")
    extra = set(item) - allowed
    if extra:
        raise DataError(f"{where}: unknown keys {sorted(extra)}")


def read_yaml(path: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        try:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError as exc:
            raise DataError(f"{path}: not valid YAML: {exc}") from None


def compile_year(year: int, year_dir: str, files: list[str] | None = None) -> dict:
    """Parse every YAML table of one edition and build the indexed form."""
    metas, raw, mappings = read_edition(year, year_dir, files)
    return index_edition(year, metas, raw, mappings)


def read_edition(year: int, year_dir: str, files: list[str] | None = None) -> tuple[list[dict], dict, list]:
    """The checked entries of one curated edition: (file metas, {code: (entry,
    classification, file index)}, correspondence rows)."""
    if files is None:
        files = source_files(year_dir)
    metas: list[dict] = []
    raw: dict[str, tuple] = {}  # code -> (entry, classification, file index)
    mappings: list[tuple] = []
    for path in files:
        doc = read_yaml(path)
        rel = os.path.relpath(path, year_dir)
        if not isinstance(doc, dict) or not isinstance(doc.get("meta"), dict):
            raise DataError(f"{rel}: a data file is a mapping with a 'meta' section")
        meta = _plain(doc["meta"])
        meta["path"] = rel.replace(os.sep, "/")
        index = len(metas)
        metas.append(meta)
        edition = meta.get("edition")
        if edition != year:
            raise DataError(f"{rel}: meta.edition is {edition!r}, expected {year}")
        if "mappings" in doc:
            for i, m in enumerate(doc["mappings"] or ()):
                if not isinstance(m, dict) or "gov" not in m or "dept" not in m:
                    raise DataError(f"{rel}: mappings[{i}] needs 'gov' and 'dept'")
                dept = m["dept"] if isinstance(m["dept"], list) else [m["dept"]]
                mappings.append(
                    (str(m["gov"]), tuple(str(d) for d in dept), m.get("unit"), m.get("note"))
                )
            continue
        classification = meta.get("classification")
        if classification not in LEVELS:
            raise DataError(f"{rel}: meta.classification must be one of {', '.join(LEVELS)}")
        _check_gaps(rel, meta.get("known_gaps"), classification)
        for i, entry in enumerate(doc.get("codes") or ()):
            where = f"{rel}: codes[{i}]"
            _check_keys(where, entry, ENTRY_KEYS, "an entry")
            code = entry.get("code")
            if not isinstance(code, str) or not code.isdigit() or not code.isascii():
                raise DataError(f"{where}: code must be a quoted digit string, got {code!r}")
            if len(code) not in LEVELS[classification]:
                raise DataError(f"{where}: code {code} has no level in {classification}")
            if code in raw:
                other = metas[raw[code][2]]["path"]
                raise DataError(f"{where}: duplicate code {code} (also in {other})")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise DataError(f"{where}: code {code} has no name")
            confidence = entry.get("confidence")
            if confidence not in CONFIDENCES:
                raise DataError(f"{where}: code {code}: confidence must be one of {CONFIDENCES}")
            if entry.get("definition") is not None and entry.get("definition_basis") not in DEFINITION_BASES:
                raise DataError(f"{where}: code {code}: definition_basis must be one of {DEFINITION_BASES}")
            raw[code] = (entry, classification, index)
    return metas, raw, mappings


def gap_parts(gap: dict) -> list[str]:
    """The codes a known gap is ``under`` (one code, or a list)."""
    under = gap.get("under")
    return [under] if isinstance(under, str) else list(under or ())


def _check_gaps(rel: str, gaps: object, classification: str) -> None:
    """``meta.known_gaps`` is a list of ``{under, missing?, what}`` (docs/data-format.md): ``under`` a code or a
    list of codes, ``missing`` the codes one level below ``under`` that may be missing, ``what`` a sentence."""
    if gaps is None:
        return
    if not isinstance(gaps, list):
        raise DataError(f"{rel}: meta.known_gaps is a list")
    levels = LEVELS[classification]
    for i, gap in enumerate(gaps):
        where = f"{rel}: meta.known_gaps[{i}]"
        _check_keys(where, gap, _GAP_KEYS, "a known gap")
        under = gap_parts(gap)
        if not under or not all(isinstance(c, str) and c.isdigit() and len(c) in levels for c in under):
            raise DataError(f"{where}: under must be a quoted code of {classification} or a list of them")
        if not isinstance(gap.get("what"), str) or not gap["what"].strip():
            raise DataError(f"{where}: what says in words what is missing")
        missing = gap.get("missing")
        if missing is None:
            continue
        if len(under) != 1 or not isinstance(missing, list) or not missing or not all(
                isinstance(c, str) and c.isdigit() and c[:-2] == under[0] and len(c) in levels for c in missing):
            raise DataError(f"{where}: missing lists quoted codes one level below its single under code")


_GAP_KEYS = frozenset({"under", "missing", "what"})


def partial_parts(metas: list[dict], codes: dict) -> dict[str, tuple[str, ...]]:
    """The parts of the book an edition does not carry whole, from its files' ``meta.known_gaps``: {code of the
    edition: the children that may be missing, or () when any child may be}.  A gap under a code the edition does
    not hold (an edition derived without it) says nothing of that edition."""
    anything: set[str] = set()
    named: dict[str, set[str]] = {}
    for meta in metas:
        for gap in meta.get("known_gaps") or ():
            for under in gap_parts(gap):
                if under not in codes:
                    continue
                if gap.get("missing") is None:
                    anything.add(under)
                else:
                    named.setdefault(under, set()).update(gap["missing"])
    parts = {code: () for code in anything}
    parts.update((code, tuple(sorted(kids))) for code, kids in named.items() if code not in anything)
    return dict(sorted(parts.items()))


def index_edition(year: int, metas: list[dict], raw: dict, mappings: list) -> dict:
    """Build the indexed (cached) form of an edition from its entries."""
    codes: dict[str, tuple] = {}
    children: dict[str, list[str]] = {}
    roots: dict[str, list[str]] = {c: [] for c in CLASSIFICATIONS}
    for code in sorted(raw, key=lambda c: (len(c), c)):  # parents before children
        entry, classification, index = raw[code]
        level = LEVELS[classification][len(code)]
        parent = parent_code(code)
        budgets = entry.get("budgets")
        if classification in BUDGETED:
            if budgets is None:
                if parent is None or level == "款":
                    raise DataError(f"{code}: a {classification} 类 or 款 must list its budgets")
                budgets = codes[parent][R_BUDGETS]
            else:
                if not isinstance(budgets, list) or not budgets or set(budgets) - set(BUDGETS):
                    raise DataError(f"{code}: budgets must be a non-empty list from {BUDGETS}")
                budgets = tuple(b for b in BUDGETS if b in budgets)
        elif budgets is not None:
            raise DataError(f"{code}: {classification} codes carry no budgets")
        else:
            budgets = ()
        if parent is not None:
            if parent not in raw:
                raise DataError(f"{code}: parent {parent} is not in the tables")
            if raw[parent][1] != classification:
                raise DataError(f"{code}: parent {parent} is in another classification")
            children.setdefault(parent, []).append(code)
        else:
            roots[classification].append(code)
        codes[code] = (
            entry["name"].strip(),
            classification,
            level,
            parent,
            (),  # children, filled below
            budgets,
            entry.get("definition"),
            entry.get("definition_basis") if entry.get("definition") is not None else None,
            entry["confidence"],
            entry.get("note"),
            entry.get("revision"),
            index,
            entry.get("status", "curated"),
            tuple(entry.get("evidence") or ()),
        )
    for parent, kids in children.items():
        rec = codes[parent]
        codes[parent] = rec[:R_CHILDREN] + (tuple(sorted(kids)),) + rec[R_CHILDREN + 1 :]
    for gov, dept, _unit, _note in mappings:
        for c in (gov, *dept):
            if c not in codes:
                raise DataError(f"correspondence table names {c}, which is not in the tables")
    return {
        "format": FORMAT,
        "year": year,
        "files": metas,
        "codes": dict(sorted(codes.items())),
        "roots": {k: tuple(sorted(v)) for k, v in roots.items()},
        "mappings": tuple(sorted(mappings, key=lambda m: (m[0], m[2] or "", m[1]))),
        "partial": partial_parts(metas, codes),
    }


# --------------------------------------------------------------------------
# Editions derived from a base edition and change records (docs/changes-format.md)

CHANGE_TYPES = ("added", "retired", "renamed", "moved", "definition-changed", "budgets-changed")
_CHANGE_KEYS = frozenset({"type", "classification", "code", "to_code", "name", "old_name", "budgets",
                          "old_budgets", "successor", "definition", "old_definition", "source", "confidence",
                          "note", "name_truncated"})


def _year_document(files: dict[int, str], year: int, folder: str, what: str, a_what: str) -> tuple[str, dict, dict]:
    """``<folder>/<year>.yaml`` read: its path for messages, the document and
    its plain ``meta``; a missing file or one without a ``meta`` mapping is a
    DataError naming ``what`` it should be (``a_what``: with its article)."""
    path = files.get(year)
    if path is None:
        raise DataError(f"no {what} for {year}")
    rel = f"{folder}/{os.path.basename(path)}"
    doc = read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("meta"), dict):
        raise DataError(f"{rel}: {a_what} is a mapping with a 'meta' section")
    return rel, doc, _plain(doc["meta"])


def read_changes(year: int) -> tuple[dict, list[dict]]:
    """The checked meta and changes of ``changes/<year>.yaml``."""
    rel, doc, meta = _year_document(change_files(), year, "changes", "change record", "a change record")
    if meta.get("from") != year - 1 or meta.get("to") != year:
        raise DataError(f"{rel}: meta.from/to must be {year - 1}/{year}")
    sources = meta.get("sources") or {}
    # a part added from documents is known only as far as they print it: its gaps, as a base file's
    _check_gaps(rel, meta.get("known_gaps"), FUNCTIONAL)
    changes = []
    for i, c in enumerate(doc.get("changes") or ()):
        where = f"{rel}: changes[{i}]"
        _check_keys(where, c, _CHANGE_KEYS, "a change")
        c = dict(c)
        c.setdefault("classification", FUNCTIONAL)
        if c.get("type") not in CHANGE_TYPES:
            raise DataError(f"{where}: type must be one of {CHANGE_TYPES}")
        if c["classification"] not in LEVELS:
            raise DataError(f"{where}: unknown classification {c['classification']!r}")
        for key in ("code", "to_code"):
            v = c.get(key)
            if v is not None and (not isinstance(v, str) or not v.isdigit()
                                  or len(v) not in LEVELS[c["classification"]]):
                raise DataError(f"{where}: {key} must be a quoted code of {c['classification']}, got {v!r}")
        if c.get("source") not in sources:
            raise DataError(f"{where}: source {c.get('source')!r} is not in meta.sources")
        if c.get("confidence") not in CONFIDENCES:
            raise DataError(f"{where}: confidence must be one of {CONFIDENCES}")
        need = {"added": ("name",), "retired": ("name",), "renamed": ("name", "old_name"),
                "moved": ("to_code",), "definition-changed": (), "budgets-changed": ("budgets", "old_budgets")}
        for key in need[c["type"]]:
            if not c.get(key):
                raise DataError(f"{where}: a {c['type']} change needs {key}")
        c["where"] = where
        changes.append(c)
    return meta, changes


def _lower(a: str, b: str) -> str:
    return a if CONFIDENCES.index(a) >= CONFIDENCES.index(b) else b


def _entry(base: dict | None, **update: object) -> dict:
    e = dict(base or {})
    e.update({k: v for k, v in update.items()})
    return {k: v for k, v in e.items() if v is not None}


def step_edition(raw: dict, changes: list[dict], year: int, direction: int, file_index: int) -> dict:
    """Apply (direction +1: edition year-1 -> year) or undo (-1: year ->
    year-1) one change record on ``raw`` ({code: (entry, classification,
    file index)}); returns the new mapping.  Every change must apply cleanly:
    no adding a code that exists, no retiring, renaming or moving one that
    does not, names as the record says."""
    raw = dict(raw)
    seq = changes if direction > 0 else list(reversed(changes))

    def need(code: str, c: dict, present: bool) -> None:
        if (code in raw) != present:
            state = "is not" if present else "is already"
            raise DataError(f"{c['where']}: {c['type']} {code} cannot be "
                            f"{'applied' if direction > 0 else 'undone'}: {code} {state} in edition "
                            f"{year - 1 if direction > 0 else year}")

    def name_is(code: str, name: str, c: dict) -> None:
        if raw[code][0]["name"].strip() != name.strip():
            raise DataError(f"{c['where']}: {code} is named {raw[code][0]['name']!r}, the record says {name!r}")

    note_of = {+1: f"changed in {year}", -1: f"as before the {year} change record"}
    for c in seq:
        t, code, cls = c["type"], c["code"], c["classification"]
        conf = c["confidence"]
        note = c.get("note")
        if (t == "added" and direction > 0) or (t == "retired" and direction < 0):  # a code appears
            need(code, c, False)
            if c.get("name_truncated"):  # evidence prints the name cut short: never completed by guess
                note = "name known only as printed, cut short; the rest is not known" + (f"; {note}" if note else "")
            raw[code] = (_entry(None, code=code, name=c["name"], budgets=c.get("budgets"), confidence=conf,
                                note=note), cls, file_index)
        elif t in ("added", "retired"):  # a code goes (apply retired / undo added)
            need(code, c, True)
            name_is(code, c["name"], c)
            del raw[code]
        elif t == "renamed":
            new, old = (c["name"], c["old_name"]) if direction > 0 else (c["old_name"], c["name"])
            need(code, c, True)
            name_is(code, old, c)
            e, k, _ = raw[code]
            raw[code] = (_entry(e, name=new, confidence=_lower(e["confidence"], conf),
                                note=f"{note_of[direction]}: named {old} → {new}" + (f"; {note}" if note else "")),
                         k, file_index)
        elif t == "moved":
            src, dst = (code, c["to_code"]) if direction > 0 else (c["to_code"], code)
            need(src, c, True)
            need(dst, c, False)
            e, k, _ = raw.pop(src)
            name = (c.get("name") if direction > 0 else c.get("old_name")) or e["name"]
            raw[dst] = (_entry(e, code=dst, name=name, confidence=_lower(e["confidence"], conf),
                               note=f"{note_of[direction]}: {src} → {dst}" + (f"; {note}" if note else "")),
                        k, file_index)
        elif t == "budgets-changed":
            new, old = (c["budgets"], c["old_budgets"]) if direction > 0 else (c["old_budgets"], c["budgets"])
            need(code, c, True)
            e, k, _ = raw[code]
            if sorted(e.get("budgets") or ()) != sorted(old):
                raise DataError(f"{c['where']}: {code} has budgets {e.get('budgets')}, the record says {old}")
            raw[code] = (_entry(e, budgets=list(new)), k, file_index)
        else:  # definition-changed
            need(code, c, True)
            e, k, _ = raw[code]
            new = c.get("definition") if direction > 0 else c.get("old_definition")
            if new is not None:
                e = _entry(e, definition=new, definition_basis="paraphrase")
            elif direction < 0 and e.get("definition") is not None:
                e = _entry(e, note=(e.get("note") or "") + f" (说明 changed in {year}; the earlier wording is not "
                                                            f"curated, this is the {year} one)")
            raw[code] = (e, k, file_index)
    return raw


def compile_derived(year: int, base: int, steps: tuple[tuple[int, int], ...]) -> dict:
    """An edition as its base edition with change records applied or undone."""
    return index_edition(year, *edition_entries(year, base, steps))


def edition_entries(year: int, base: int | None = None,
                    steps: tuple[tuple[int, int], ...] | None = None) -> tuple[list[dict], dict, list]:
    """(file metas, {code: (entry, classification, file index)}, correspondence
    rows) of any edition, base or derived."""
    if base is None or steps is None:
        editions = plan()
        if year not in editions:
            raise UnknownYearError(year, tuple(editions))
        base, steps = editions[year]
    metas, raw, mappings = read_edition(base, os.path.join(data_dir(), str(base)))
    for record_year, direction in steps:
        meta, changes = read_changes(record_year)
        meta["path"] = f"changes/{record_year}.yaml"
        meta["applied"] = "applied" if direction > 0 else "undone"
        meta["source"] = [dict(v) if isinstance(v, dict) else {"document": str(v)}
                          for v in (meta.get("sources") or {}).values()]
        metas.append(meta)
        raw = step_edition(raw, changes, record_year, direction, len(metas) - 1)
        if record_year == year and direction > 0 and meta.get("carried"):
            raw = _mark_carried(raw, changes, meta, len(metas) - 1)
    if steps and steps[-1][1] < 0 and year in change_files():
        # An edition derived backwards (undoing the record of year+1) whose own record says its book was
        # not read: what that record attests of it is marked, everything else is carried from year+1.
        meta, changes = read_changes(year)
        if meta.get("carried"):
            raw = _mark_carried(raw, changes, meta, len(metas) - 1)
    if year in evidence_files():
        meta, confirmations = read_evidence(year)
        meta["path"] = f"evidence/{year}.yaml"
        meta["source"] = [dict(v) for v in (meta.get("sources") or {}).values()]
        metas.append(meta)
        raw = confirm_entries(raw, confirmations, meta)
    # The correspondence table is not versioned: keep the rows whose 政府预算 款 exists, each with the 部门预算 款
    # of the edition (50999 ← 30309, 30399 before 30311 代缴社会保险费 was added); none before the 2018 reform.
    kept = []
    for gov, dept, unit, note in mappings:
        present = tuple(c for c in dept if c in raw)
        if gov in raw and present:
            kept.append((gov, present, unit, note))
    return metas, raw, kept


def _document(sources: dict, key: str) -> str:
    src = sources.get(key)
    doc = src.get("document") if isinstance(src, dict) else src
    return " ".join(str(doc or key).split())


def _mark_carried(raw: dict, changes: list[dict], meta: dict, file_index: int) -> dict:
    """An edition whose book was not read (its record says ``carried: true``):
    what the record changed is attested by the change's source, ``confirmed``
    when that source is a document, ``curated`` when it is a curator's
    recollection (its source says ``recollection: true``); everything else is
    carried from the neighbouring edition, not confirmed."""
    sources = meta.get("sources") or {}
    attested: dict[str, list[str]] = {}
    recalled: set[str] = set()
    for c in changes:
        if c["type"] == "retired":
            continue
        code = c["to_code"] if c["type"] == "moved" else c["code"]
        src = sources.get(c["source"])
        if isinstance(src, dict) and src.get("recollection") is True:
            recalled.add(code)
        else:
            attested.setdefault(code, []).append(_document(sources, c["source"]))
    out = {}
    for code, (e, cls, index) in raw.items():
        if code in attested:
            e = _entry(e, status="confirmed", evidence=list(dict.fromkeys(attested[code])))
        elif code in recalled:
            e = _entry(e, status="curated", evidence=None)
        else:
            e = _entry(e, status="carried", evidence=None)
        out[code] = (e, cls, index)
    return out


def carried_from(year: int) -> int | None:
    """The edition a carried entry of edition ``year`` is taken from: the year
    before for an edition derived forwards from its base, the year after for
    one derived backwards; None for a base edition."""
    base, steps = plan().get(year, (year, ()))
    if not steps:
        return None
    return year - 1 if year > base else year + 1


_EVIDENCE_KEYS = frozenset({"code", "name", "classification", "sources", "where", "confidence", "note"})


def read_evidence(year: int) -> tuple[dict, list[dict]]:
    """The checked meta and confirmations of ``evidence/<year>.yaml``."""
    rel, doc, meta = _year_document(evidence_files(), year, "evidence", "evidence file", "an evidence file")
    if meta.get("edition") != year:
        raise DataError(f"{rel}: meta.edition must be {year}")
    sources = meta.get("sources") or {}
    if not isinstance(sources, dict) or not all(isinstance(v, dict) and v.get("document") for v in sources.values()):
        raise DataError(f"{rel}: meta.sources maps a key to {{document: ...}}")
    out = []
    for i, c in enumerate(doc.get("confirmed") or ()):
        where = f"{rel}: confirmed[{i}]"
        _check_keys(where, c, _EVIDENCE_KEYS, "a confirmation")
        c = dict(c)
        c.setdefault("classification", FUNCTIONAL)
        code = c.get("code")
        if c["classification"] not in LEVELS or not isinstance(code, str) or not code.isdigit() \
                or len(code) not in LEVELS[c["classification"]]:
            raise DataError(f"{where}: code must be a quoted code of {c['classification']!r}, got {code!r}")
        if not isinstance(c.get("name"), str) or not c["name"].strip():
            raise DataError(f"{where}: {code} needs the name the documents print")
        keys = c.get("sources")
        if not isinstance(keys, list) or not keys or any(k not in sources for k in keys):
            raise DataError(f"{where}: sources must list keys of meta.sources, got {keys!r}")
        if c.get("confidence") is not None and c["confidence"] not in CONFIDENCES:
            raise DataError(f"{where}: confidence must be one of {CONFIDENCES}")
        c["where_in_file"] = where
        out.append(c)
    return meta, out


def confirm_entries(raw: dict, confirmations: list[dict], meta: dict) -> dict:
    """Mark the entries that real documents of the edition's year confirm: the
    code is in the edition with the name the documents print.  A confirmation
    may raise an entry's confidence, never lower it, and never adds a code or
    changes a name (a human records that as a change)."""
    from govclass.normalize import normalize_name

    sources = meta.get("sources") or {}
    raw = dict(raw)
    for c in confirmations:
        code = c["code"]
        if code not in raw or raw[code][1] != c["classification"]:
            raise DataError(f"{c['where_in_file']}: {code} is not in the edition; a confirmation never adds a code")
        e, cls, index = raw[code]
        if normalize_name(e["name"]) != normalize_name(c["name"]):
            raise DataError(f"{c['where_in_file']}: {code} is named {e['name']!r} in the edition, the documents "
                            f"print {c['name']!r}; a confirmation never renames")
        docs = [_document(sources, k) for k in c["sources"]]
        if c.get("where"):
            docs.append(f"printed at: {c['where']}")
        confidence = e["confidence"]
        if c.get("confidence") and CONFIDENCES.index(c["confidence"]) < CONFIDENCES.index(confidence):
            confidence = c["confidence"]
        evidence = list(dict.fromkeys([*(e.get("evidence") or ()), *docs]))
        raw[code] = (_entry(e, status="confirmed", evidence=evidence, confidence=confidence), cls, index)
    return raw


# --------------------------------------------------------------------------
# Raw queries (no attrs): what the CLI's fast path and the API share


class Store:
    """One edition's tables, indexed.  Records are tuples; see ``R_*``."""

    __slots__ = ("year", "codes", "roots", "mappings", "files", "partial")

    def __init__(self, data: dict) -> None:
        self.year: int = data["year"]
        self.codes: dict[str, tuple] = data["codes"]
        self.roots: dict[str, tuple[str, ...]] = data["roots"]
        self.mappings: tuple = data["mappings"]
        self.files: list[dict] = data["files"]
        # The parts of the book the edition does not carry whole (the files' known gaps): code -> the children
        # that may be missing, () for any.
        self.partial: dict[str, tuple[str, ...]] = data["partial"]

    def uncatalogued_part(self, code: str) -> str | None:
        """Where a code the edition lacks stands in a part of the book govclass does not carry whole: the code's
        nearest ancestor in the edition, when that ancestor is a known gap for any child or for the child line
        ``code`` falls under (docs/data-format.md, ``known_gaps``).  None for a code of the edition, for a code
        under a part carried whole (the code is then unknown), and for a code with no ancestor in the edition.
        The validator (rules.codes.code_finding) and the ``codes`` verdicts (govclass.evidence) both ask this."""
        if not self.partial or code in self.codes or not code.isdigit():
            return None
        for length in range(len(code) - 2, 2, -2):
            part = code[:length]
            rec = self.codes.get(part)
            if rec is None:
                continue
            if len(code) not in LEVELS[rec[R_CLASSIFICATION]]:
                return None  # no level of the part's classification: not a code under it
            missing = self.partial.get(part)
            if missing is None or (missing and code[:length + 2] not in missing):
                return None
            return part
        return None

    def resolve(self, value: object, parent: object = None) -> str:
        """Normalise ``value`` (relative to ``parent`` if given) to a code string."""
        return normalize_code(value, None if parent is None else self.resolve(parent))

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes from the 类 down to the parent (root first)."""
        out = []
        parent = self.codes[code][R_PARENT]
        while parent is not None:
            out.append(parent)
            parent = self.codes[parent][R_PARENT]
        out.reverse()
        return tuple(out)

    def path(self, code: str) -> tuple[str, ...]:
        """Names from the 类 down to the code itself."""
        return tuple(self.codes[c][R_NAME] for c in (*self.ancestors(code), code))

    def descendants(self, code: str) -> tuple[str, ...]:
        """Every code below ``code``, depth first, in code order."""
        out: list[str] = []
        stack = list(reversed(self.codes[code][R_CHILDREN]))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(self.codes[c][R_CHILDREN]))
        return tuple(out)

    def corresponding(self, code: str) -> tuple[tuple[str, str | None], ...]:
        """Codes of the other economic classification mapped to ``code``.

        Returns ``(code, unit)`` pairs; ``unit`` says for which kind of unit
        the book gives that correspondence (``None``: for all).
        """
        out = []
        for gov, dept, unit, _note in self.mappings:
            if gov == code:
                out.extend((d, unit) for d in dept)
            elif code in dept:
                out.append((gov, unit))
        seen = set()
        uniq = []
        for item in out:
            if item not in seen:
                seen.add(item)
                uniq.append(item)
        return tuple(uniq)

    def as_dict(self, code: str) -> dict:
        """The JSON-ready view of one code (the CLI's ``--json`` output)."""
        rec = self.codes[code]
        return {
            "code": code,
            "name": rec[R_NAME],
            "level": rec[R_LEVEL],
            "classification": rec[R_CLASSIFICATION],
            "year": self.year,
            "parent": rec[R_PARENT],
            "ancestors": list(self.ancestors(code)),
            "path": list(self.path(code)),
            "children": list(rec[R_CHILDREN]),
            "is_leaf": not rec[R_CHILDREN],
            "budgets": list(rec[R_BUDGETS]),
            "definition": rec[R_DEFINITION],
            "definition_basis": rec[R_DEFINITION_BASIS],
            "confidence": rec[R_CONFIDENCE],
            "note": rec[R_NOTE],
            "revision": rec[R_REVISION],
            "source": self.files[rec[R_FILE]]["path"],
            "status": rec[R_STATUS],
            "evidence": list(rec[R_EVIDENCE]),
        }


_STORES: dict[int, Store] = {}


def nearest_year(year: int) -> int:
    """The edition a document of ``year`` is judged against: its own when
    govclass has it, else the nearest one (the later of two as near), never
    the newest by default."""
    years = available_years()
    if not years:
        raise DataError(f"no editions found in {data_dir()}")
    if year in years:
        return year
    return min(years, key=lambda y: (abs(y - year), -y))


def latest_year() -> int:
    years = available_years()
    if not years:
        raise DataError(f"no editions found in {data_dir()}")
    return years[-1]


def get_store(year: int | None = None) -> Store:
    """The store of one edition (default: the latest), loaded once per process."""
    if year is None:
        year = latest_year()
    elif year.__class__ is not int:
        year = year_number(year)
    store = _STORES.get(year)
    if store is None:
        store = _STORES[year] = Store(load_year(year))
    return store


def year_number(year: object) -> int:
    """An edition year given as any integer type (numpy, pandas:
    ``numbers.Integral``); anything else is no edition."""
    import numbers

    if isinstance(year, numbers.Integral) and not isinstance(year, bool):
        return int(year)
    raise UnknownYearError(year, available_years())


def clear() -> None:
    """Forget loaded editions (tests use it after changing the data dir)."""
    _STORES.clear()
    forget_plans()


__all__ = [
    "Store",
    "get_store",
    "load_year",
    "compile_year",
    "available_years",
    "latest_year",
    "nearest_year",
    "carried_from",
    "plan",
    "change_files",
    "read_changes",
    "step_edition",
    "compile_derived",
    "data_dir",
    "clear",
    "InvalidCodeError",
]
