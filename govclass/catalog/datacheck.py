"""Integrity checks of the data tables (``python -m govclass check-data``).

The compiler (:mod:`govclass.catalog.store`) refuses tables it cannot index at all
(duplicate codes, missing parents, unknown keys); these checks catch what
would index fine but is wrong or unreviewable: unsorted files, siblings with
the same name, budgets that do not nest, missing provenance.
"""

from __future__ import annotations

import os

from govclass.catalog import store as _store
from govclass.errors import DataError
from govclass.normalize import normalize_name

REQUIRED_META = ("classification", "edition", "title", "source", "revisions", "curation")


def check_year(year: int | None = None) -> list[str]:
    """Every problem found in one edition's files, one line each."""
    if year is None:
        year = _store.latest_year()
    return _check_edition(year) + check_markers(year)


def check_evidence_file(year: int) -> list[str]:
    """``evidence/<year>.yaml`` against its JSON Schema, and its entries sorted."""
    path = _store.evidence_files().get(year)
    if path is None:
        return []
    rel = f"evidence/{os.path.basename(path)}"
    try:
        doc = _store.read_yaml(path)
    except DataError as exc:
        return [str(exc)]
    out = _schema_problems(rel, doc, "evidence.schema.json")
    if out:
        return out
    codes = [c["code"] for c in doc["confirmed"]]
    if codes != sorted(codes):
        out.append(f"{rel}: confirmations are not sorted by code")
    if len(set(codes)) != len(codes):
        out.append(f"{rel}: a code is confirmed twice (merge its sources)")
    unused = set(doc["meta"]["sources"]) - {k for c in doc["confirmed"] for k in c["sources"]}
    if unused:
        out.append(f"{rel}: sources no confirmation cites: {', '.join(sorted(unused))}")
    return out


def _schema_problems(rel: str, doc: object, schema_name: str) -> list[str]:
    """``doc`` against one of the JSON Schemas of the data (govclass/schemas/)."""
    import json  # on use: check-data only

    import jsonschema  # on use: check-data only

    schema_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", schema_name)
    with open(schema_path, encoding="utf-8") as fh:
        validator = jsonschema.Draft202012Validator(json.load(fh))
    return [f"{rel}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))]


def check_markers(year: int) -> list[str]:
    """The status markers of an edition: its change record and evidence file
    match their JSON Schemas (govclass/schemas/), a ``carried`` edition (its
    change record says ``carried: true``) marks every entry carried or
    confirmed, and every confirmed entry names its evidence."""
    out = check_evidence_file(year)
    record = _store.change_files().get(year)
    carried = False
    recalled: set[str] = set()  # codes a change from a curator's recollection sets: curated, not confirmed
    if record is not None:
        doc = _store.read_yaml(record) or {}
        out += _schema_problems(f"changes/{year}.yaml", doc, "changes.schema.json")
        meta = ((doc.get("meta") or {}) if isinstance(doc, dict) else {})
        carried = meta.get("carried") is True
        recalled = _recalled_codes(doc, meta)
    if out:
        return out
    try:
        codes = _store.load_year(year)["codes"]
    except DataError as exc:
        return [f"derive {year}: {exc}"]
    for code, rec in codes.items():
        st = rec[_store.R_STATUS]
        if st not in _store.STATUSES:
            out.append(f"{code}: status {st!r} is not one of {_store.STATUSES}")
        elif st == "confirmed" and not rec[_store.R_EVIDENCE]:
            out.append(f"{code}: confirmed in {year} without evidence")
        elif carried and st == "curated" and code not in recalled:
            out.append(f"{code}: neither carried nor confirmed in the carried edition {year}")
        elif not carried and st == "carried":
            out.append(f"{code}: carried in {year}, whose record does not say carried: true")
    return out


def _recalled_codes(doc: dict, meta: dict) -> set[str]:
    """The codes a change record sets from a source marked ``recollection: true``."""
    sources = meta.get("sources") or {}
    out = set()
    for c in doc.get("changes") or ():
        src = sources.get(c.get("source")) if isinstance(c, dict) else None
        if isinstance(src, dict) and src.get("recollection") is True and c.get("type") != "retired":
            out.add(str(c.get("to_code") if c.get("type") == "moved" else c.get("code")))
    return out


def _check_edition(year: int) -> list[str]:
    year_dir = os.path.join(_store.data_dir(), str(year))
    if not os.path.isdir(year_dir):  # a derived edition: its records must apply, the result must pass
        try:
            data = _store.load_year(year)
        except DataError as exc:
            return [f"derive {year}: {exc}"]
        return check_compiled(data)
    files = _store.source_files(year_dir)
    problems: list[str] = []
    for path in files:
        rel = os.path.relpath(path, year_dir).replace(os.sep, "/")
        try:
            doc = _store.read_yaml(path)
        except DataError as exc:
            problems.append(str(exc))
            continue
        problems.extend(f"{rel}: {p}" for p in check_file(rel, doc, year))
    try:
        data = _store.compile_year(year, year_dir, files)
    except DataError as exc:
        problems.append(f"compile: {exc}")
        return problems
    problems.extend(check_compiled(data))
    return problems


def check_file(rel: str, doc: object, year: int) -> list[str]:
    out: list[str] = []
    if not isinstance(doc, dict):
        return ["not a mapping"]
    meta = doc.get("meta")
    if not isinstance(meta, dict):
        return ["no meta section"]
    for key in REQUIRED_META:
        if key == "classification" and "mappings" in doc:
            continue
        if meta.get(key) in (None, "", []) and not (key == "revisions" and meta.get(key) == []):
            out.append(f"meta.{key} is missing")
    if meta.get("edition") != year:
        out.append(f"meta.edition is {meta.get('edition')!r}, not {year}")
    if "mappings" in doc:
        govs = [m.get("gov") for m in doc["mappings"] or () if isinstance(m, dict)]
        keys = [(m.get("gov"), m.get("unit") or "") for m in doc["mappings"] or () if isinstance(m, dict)]
        if govs != sorted(govs):
            out.append("mappings are not sorted by gov code")
        if len(set(keys)) != len(keys):
            out.append("a gov code is mapped twice for the same unit")
        return out
    entries = [e for e in doc.get("codes") or () if isinstance(e, dict)]
    codes = [str(e.get("code")) for e in entries]
    if codes != sorted(codes):
        bad = next(b for a, b in zip(codes, codes[1:]) if b < a)
        out.append(f"codes are not sorted (first out of place: {bad})")
    if len(set(codes)) != len(codes):
        out.append("duplicate codes")
    stem = os.path.splitext(os.path.basename(rel))[0]
    if rel.startswith(("functional/", "revenue/")):  # one file per 类
        foreign = [c for c in codes if not c.startswith(stem)]
        if foreign:
            out.append(f"codes outside 类 {stem}: {', '.join(foreign[:5])}")
    for e in entries:
        code, name = e.get("code"), e.get("name")
        if not isinstance(code, str):
            out.append(f"code {code!r} is not a quoted string")
        if isinstance(name, str):
            if name != name.strip():
                out.append(f"{code}: name has surrounding white space")
            if "(" in name or ")" in name:
                out.append(f"{code}: name uses ASCII brackets; the book prints （）")
        if e.get("definition") is not None and not str(e.get("definition")).strip():
            out.append(f"{code}: empty definition")
    out.extend(gap_problems(meta.get("known_gaps"), set(codes)))
    return out


def gap_problems(gaps: object, codes: set[str]) -> list[str]:
    """A file's ``meta.known_gaps`` against its entries (the compiler checks their shape): a gap stands under an
    entry of the file, and names as missing no code the file holds.  The validator reads the gaps
    (``uncatalogued-code``), so a gap that names the wrong part would hide errors or raise false ones."""
    out = []
    for i, gap in enumerate(gaps if isinstance(gaps, list) else ()):
        if not isinstance(gap, dict):
            continue
        for under in _store.gap_parts(gap):
            if under not in codes:
                out.append(f"meta.known_gaps[{i}]: under {under}, which is not an entry of this file")
        held = sorted(set(gap.get("missing") or ()) & codes)
        if held:
            out.append(f"meta.known_gaps[{i}]: names as missing {', '.join(held)}, which this file holds")
    return out


def check_compiled(data: dict) -> list[str]:
    out: list[str] = []
    codes = data["codes"]
    for code, rec in codes.items():
        kids = rec[_store.R_CHILDREN]
        names: dict[str, str] = {}
        for k in kids:
            n = normalize_name(codes[k][_store.R_NAME])
            if n in names:
                out.append(f"{code}: children {names[n]} and {k} share the name {codes[k][_store.R_NAME]}")
            names[n] = k
        budgets = set(rec[_store.R_BUDGETS])
        if kids and rec[_store.R_CLASSIFICATION] in _store.BUDGETED:
            below = set().union(*(codes[k][_store.R_BUDGETS] for k in kids))
            if not below <= budgets:
                out.append(f"{code}: children use budgets {sorted(below - budgets)} that it does not list")
            if rec[_store.R_LEVEL] == "类" and below != budgets:
                out.append(f"{code}: lists budgets {sorted(budgets - below)} that none of its 款 uses")
    # Every 部门预算 款 has a 政府预算 counterpart in the book's table, unless the
    # mapping file says why not (meta.unmapped); 政府预算 款 such as 51201 债务还本
    # have no 部门预算 counterpart, so only the 部门预算 side is checked.
    mapped = {c for gov, dept, _u, _n in data["mappings"] for c in (gov, *dept)}
    excused = {str(c) for f in data["files"] for c in (f.get("unmapped") or ())}
    if data["mappings"]:
        for code, rec in codes.items():
            if (rec[_store.R_CLASSIFICATION] == _store.ECONOMIC_DEPT and rec[_store.R_LEVEL] == "款"
                    and code not in mapped and code not in excused):
                out.append(f"{code}: 部门预算 款 missing from the correspondence table")
    return out
