"""Which codes a document prints, and what the catalog says of each.

``python -m govclass codes FILE|FOLDER`` lists every (code, name) pair that the
coded lines of a document print, with the document's year, where it is printed
(page when the reader knows it, else the source line) and how often, and the
catalog's verdict for that year:

* ``known-same-name``: the edition has the code with this name;
* ``known-no-name``: the edition has the code; the document prints no name
  with it (a template, a code-only column);
* ``name-variant``: the edition has the code under another name (``detail``
  says when the printed name is the catalog's cut short, as a wrapped cell is);
* ``another-codes-name``: the printed name is the name of another code next to
  it (its parent or a sibling), not its own;
* ``uncatalogued``: no edition has the code, and it stands under a part of
  the book the catalog does not carry whole (a known gap of the data,
  ``detail`` names the part): not a question of the document;
* ``unknown``: no edition has the code, under a part carried whole;
* ``retired``: earlier editions have it, this one not (retired, or a gap;
  ``detail`` says which and names the successors);
* ``not-yet-created``: only later editions have it;
* ``low-confidence``: the edition holds the code at low confidence (not certain
  it exists); ``name_matches`` says whether the names agree;
* ``local-subitem``: a 7-digit economic code under a known national 5-digit
  款 (a province's own sub-item, such as 3021101 under 30211).

It serves users (what a department's budget is made of) and curation
(tools/curate_evidence.py turns it into proposals a person applies).  It reads
documents through :func:`govclass.readers.read_document`, so it works on
every format the validator reads.
"""

from __future__ import annotations

import os

import attrs

from govclass.catalog import store as _store
from govclass.normalize import normalize_name
from govclass.rulebook import unread_rules

__all__ = ["Printed", "VERDICTS", "printed_codes", "judge", "codes_of_document", "codes_of_paths",
           "DOCUMENT_SUFFIXES", "DocumentCodes"]

VERDICTS = ("known-same-name", "known-no-name", "name-variant", "another-codes-name", "uncatalogued", "unknown",
            "retired", "not-yet-created", "low-confidence", "local-subitem")
DOCUMENT_SUFFIXES = (".txt", ".md", ".tsv", ".csv", ".xlsx", ".pdf", ".json", ".yaml", ".yml")


@attrs.frozen(slots=True)
class Printed:
    """One (code, name) pair as one document prints it, with the verdict."""

    document: str
    year: int | None  # the year of its table (Table.year), else the document's fiscal year, when known
    edition: int  # the edition it was judged against
    code: str
    name: str | None
    count: int
    places: tuple[str, ...]  # "p. 7" or "line 182", in reading order, each once
    verdict: str
    catalog_name: str | None = None  # the edition's name for the code (or the nearest edition's)
    confidence: str | None = None  # the edition's confidence for the code
    status: str | None = None  # curated | carried | confirmed in the edition
    name_matches: bool | None = None
    detail: str | None = None

    def to_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        d["places"] = list(self.places)
        return d


CSV_FIELDS = ("document", "year", "edition", "code", "name", "count", "places", "verdict", "catalog_name",
              "confidence", "status", "name_matches", "detail")


def _place(line: object) -> str | None:
    page = getattr(line, "page", None)
    if page is not None:
        return f"p. {page}"
    source = getattr(line, "source_line", None)
    return None if source is None else f"line {source}"


def printed_codes(doc) -> list[tuple[str, str | None, str | None]]:
    """(code, name, place) of every coded line of a read document, in reading
    order; a 2-digit 款 printed under its 类 is made whole.  A code the reader
    matched to a printed name (Line.named) is not printed: left out."""
    return [(code, name, place) for code, name, place, _year in _printed_by_table(doc)]


def _printed_by_table(doc) -> list[tuple[str, str | None, str | None, int | None]]:
    """As :func:`printed_codes`, with the year of each line's table (Table.year; None: the document's)."""
    from govclass.document import resolve_codes  # on use

    out = []
    for table in doc.tables:
        lines = list(table.lines)
        codes = resolve_codes([ln.code for ln in lines], table.classification == "functional")
        for line, code in zip(lines, codes):
            if code is None or not code.isdigit() or line.total or line.named:
                continue
            name = line.name.strip() if isinstance(line.name, str) and line.name.strip() else None
            out.append((code, name, _place(line), table.year))
    return out


def _names_equal(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and normalize_name(a) == normalize_name(b)


def _edition_for(year: int | None) -> tuple[int, str | None]:
    """The edition a document of ``year`` is judged against (its own, else the
    nearest: store.nearest_year), and why when it is not its own."""
    if year is None:
        return _store.latest_year(), "the document states no year: judged against the latest edition"
    edition = _store.nearest_year(year)
    return edition, None if edition == year else f"no {year} edition: judged against the nearest, {edition}"


def judge(code: str, name: str | None, edition: int) -> dict:
    """The verdict fields for one printed (code, name) in one edition."""
    store = _store.get_store(edition)
    rec = store.codes.get(code)
    if rec is not None:
        own = rec[_store.R_NAME]
        same = _names_equal(own, name)
        out = {"catalog_name": own, "confidence": rec[_store.R_CONFIDENCE], "status": rec[_store.R_STATUS],
               "name_matches": same if name is not None else None}
        if rec[_store.R_CONFIDENCE] == "low":
            return {**out, "verdict": "low-confidence"}
        if name is None:
            return {**out, "verdict": "known-no-name"}
        if same:
            return {**out, "verdict": "known-same-name"}
        printed = normalize_name(name)
        parent = rec[_store.R_PARENT]
        near = [parent] if parent else []
        if parent:
            near += [c for c in store.codes[parent][_store.R_CHILDREN] if c != code]
        other = next((c for c in near if normalize_name(store.codes[c][_store.R_NAME]) == printed), None)
        if other is not None:
            return {**out, "verdict": "another-codes-name", "detail": f"{other} is named {name}"}
        detail = "the printed name is the catalog's cut short" if normalize_name(own).startswith(printed) else None
        return {**out, "verdict": "name-variant", "detail": detail}
    if len(code) == 7 and code[0] in "35":
        parent = store.codes.get(code[:5])
        if parent is not None and parent[_store.R_CLASSIFICATION] != _store.FUNCTIONAL:
            return {"verdict": "local-subitem", "catalog_name": None,
                    "detail": f"under {code[:5]} {parent[_store.R_NAME]}"}
    from govclass.catalog.editions import status  # on use: the history of every edition

    st = status(code, edition)
    if st.state == "unknown":
        part = store.uncatalogued_part(code)  # the validator's uncatalogued-code asks the same
        if part is not None:
            return {"verdict": "uncatalogued", "catalog_name": None,
                    "detail": f"under {part} {store.codes[part][_store.R_NAME]}, which the catalog does not carry "
                              "whole (a known gap)"}
        return {"verdict": "unknown"}
    succ = f"; successor {', '.join(st.successors)}" if st.successors else ""
    return {"verdict": "not-yet-created" if st.state == "not-yet-created" else "retired", "catalog_name": st.name, "name_matches": _names_equal(st.name, name),
            "detail": f"{st.state}: in the editions {', '.join(map(str, st.editions)) or 'none served'}{succ}"}


def codes_of_document(doc, document: str, year: int | None = None) -> list[Printed]:
    """Every (code, name) pair of a read document, counted, with verdicts: against the edition of the year
    asked for, else of its table's own year (a two-year report prints tables of both), else the document's."""
    asked = year
    year = year if year is not None else doc.year
    grouped: dict[tuple[str, str | None, int | None], list[str | None]] = {}
    for code, name, place, table_year in _printed_by_table(doc):
        own = asked if asked is not None else table_year if table_year is not None else year
        grouped.setdefault((code, name, own), []).append(place)
    out = []
    for (code, name, own), places in grouped.items():
        edition, why = _edition_for(own)
        v = judge(code, name, edition)
        detail = "; ".join(x for x in (v.get("detail"), why) if x) or None
        out.append(Printed(document, own, edition, code, name, len(places),
                           tuple(dict.fromkeys(p for p in places if p is not None)), v["verdict"],
                           v.get("catalog_name"), v.get("confidence"), v.get("status"), v.get("name_matches"),
                           detail))
    out.sort(key=lambda p: (p.code, p.name or ""))
    return out


def read(path: str, year: int | None = None, fmt: str | None = None):
    """Read one document as the validator does; a JSON/YAML document is
    checked against the schema first."""
    from govclass.document import Document, check_schema
    from govclass.errors import InputError
    from govclass.readers import read_document

    from govclass.validation import prove

    doc = read_document(path, year=year, fmt=fmt)
    if isinstance(doc, Document):
        return prove(doc)  # as the validator reads it: a doubtful reading proven (a PDF's)
    problems = check_schema(doc)
    if problems:
        raise InputError(f"{path}: {problems[0]}")
    return Document.from_dict(doc)


def document_files(paths: list[str]) -> list[str]:
    """The files named, and the documents inside the folders named (by suffix,
    sorted, recursively)."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, n) for n in sorted(names)
                           if not n.startswith(".") and n.lower().endswith(DOCUMENT_SUFFIXES))
        else:
            out.append(p)
    return out


@attrs.frozen(slots=True)
class DocumentCodes:
    """What one file gave: its pairs, or why it could not be read."""

    path: str
    year: int | None = None
    edition: int | None = None
    pairs: tuple[Printed, ...] = ()
    parts_not_read: int = 0  # reader problems that may hide coded lines
    error: str | None = None  # the file could not be read at all
    crashed: bool = False  # ... because of a bug in govclass (the error says which)

    def to_dict(self) -> dict:
        from collections import Counter

        if self.error is not None:
            return {"document": self.path, "error": self.error}
        return {"document": self.path, "year": self.year, "edition": self.edition,
                "parts_not_read": self.parts_not_read,
                "verdicts": dict(sorted(Counter(p.verdict for p in self.pairs).items())),
                "codes": [p.to_dict() for p in self.pairs]}


def codes_of_paths(paths: list[str], year: int | None = None, fmt: str | None = None) -> list[DocumentCodes]:
    """Every document named or inside a folder named, in order: its pairs
    with verdicts, or the reason it could not be read (never dropped)."""
    from govclass.errors import GovclassError

    out: list[DocumentCodes] = []
    for path in document_files(paths):
        try:
            doc = read(path, year, fmt)
            pairs = codes_of_document(doc, path, year)
        except GovclassError as exc:
            why = str(exc)
            out.append(DocumentCodes(path, error=why if why.startswith(path) else f"{path}: {why}"))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not end the others
            out.append(DocumentCodes(path, error=f"{path}: internal error: {type(exc).__name__}: {exc}",
                                     crashed=True))
            continue
        doc_year = year if year is not None else doc.year
        # reader problems that may hide coded lines (a table or a line not read): the rules that make
        # validate's verdict "incomplete" too (declared leaves_unread), so that the two commands agree
        lost = sum(1 for p in doc.problems if p.rule in unread_rules())
        out.append(DocumentCodes(path, doc_year, _edition_for(doc_year)[0], tuple(pairs), lost))
    return out
