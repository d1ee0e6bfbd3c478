"""Propose confirmations of the code tables from real documents (a curation step).

    python tools/curate_evidence.py [--pairs TSV] [--pdftotext] [--out DIR] PATH...

Reads every document under PATH with ``govclass codes`` (the document model),
and, with ``--pdftotext``, the text layer of every PDF through poppler's
``pdftotext -layout`` as well (rows that start with a code, as the field notes'
evidence was extracted; pages from the form feeds), plus the (code, name, year)
rows of a pairs TSV such as ../shared/evidence/city-budget-pairs.tsv.  Each
printed (code, name) is judged against the edition of its year.

It writes, for a person to review and apply, never into data/ itself:

* ``DIR/evidence-<year>.yaml``: confirmations in the format of
  data/codes/evidence/<year>.yaml (docs/data-format.md, "Evidence"): the codes
  the edition has with exactly the printed name, with the documents (and pages)
  as sources, and a raised confidence where the evidence allows it;
* ``DIR/proposal.md``: the same in words, and everything it cannot decide:
  codes the edition lacks, names printed otherwise, retired codes, local
  sub-items, names cut short.  Those are questions for a person; the tool
  never adds a code or a name.

Confidence it proposes: ``high`` when two or more independent sources print
the code with the edition's name: documents of two or more cities in the pairs
TSV, or two or more documents read here (never a city of the pairs plus a
document read here: they may be the same document); otherwise it proposes no
change of confidence.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govclass.catalog import store as _store  # noqa: E402
from govclass.evidence import codes_of_paths, document_files, judge  # noqa: E402
from govclass.normalize import normalize_name  # noqa: E402

# A table row that starts with a code: "2013801 行政运行", "201 38 01 行政运行",
# "2080101-行政运行 50101-…" (Beijing), "103060103 烟草企业利润收入", with the name up to the next wide gap.
_ROW = re.compile(r"^\s*(?P<code>[1235]\d{2}(?: *\d{2}){0,3})(?:\s*[-－]\s*|\s+)(?P<name>[^\s\d][^\s]*(?: [^\s\d][^\s]*)*)")


def pdftotext_pairs(path: str) -> list[tuple[str, str, str]]:
    """(code, name, "p. N") of the rows that start with a code in a PDF's
    text layer.  Needs poppler's pdftotext; [] when it is missing."""
    if shutil.which("pdftotext") is None:
        return []
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=False).stdout.decode(
        "utf-8", "replace")
    out = []
    for page_no, page in enumerate(text.split("\f"), 1):
        for line in page.splitlines():
            m = _ROW.match(line)
            if not m:
                continue
            code = m.group("code").replace(" ", "")
            if not _could_be_a_code(code):
                continue
            name = re.split(r"\s{2,}", m.group("name"))[0].strip()
            if re.search(r"[0-9,.%]", name) or len(name) < 2:
                continue
            out.append((code, name, f"p. {page_no}"))
    return out


def _could_be_a_code(code: str) -> bool:
    """An expenditure code (类 2xx, 3xx, 5xx to the 7-digit 项) or a revenue code (类 1xx to the 9-digit 目)."""
    if code[:1] == "1":
        return len(code) in _store.LEVELS[_store.REVENUE]
    return code[:1] in ("2", "3", "5") and len(code) in _store.LEVEL_OF_LENGTH


def _year_from_name(path: str) -> int | None:
    m = re.search(r"(20[1-3]\d)", os.path.basename(path))
    return int(m.group(1)) if m else None


class Evidence:
    """Observations: (year, code) -> printed name -> list of (source key,
    place, the places that print it: cities of a pairs row, or the document)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[int, str], dict[str, list[tuple[str, str | None, frozenset]]]] = defaultdict(
            lambda: defaultdict(list))
        self.sources: dict[str, str] = {}
        self.unread: list[str] = []
        self.not_codes: list[str] = []

    def add(self, year: int, code: str, name: str, key: str, place: str | None, who: frozenset) -> None:
        if not _could_be_a_code(code):  # not a classification code (a unit, a year…)
            self.not_codes.append(f"{self.sources.get(key, key)}: {code} {name[:30]}")
            return
        self.seen[(year, code)][name].append((key, place, who))


def gather_documents(ev: Evidence, paths: list[str], use_pdftotext: bool) -> None:
    results = {r.path: r for r in codes_of_paths(paths)}
    for path in document_files(paths):
        r = results.get(path)
        key = "doc:" + os.path.relpath(path, os.path.commonpath([os.path.abspath(p) for p in paths]))
        year = r.year if r is not None and r.error is None and r.year else _year_from_name(path)
        if year is None:
            ev.unread.append(f"{path}: no year known; not used")
            continue
        pairs: list[tuple[str, str, str | None]] = []
        if r is not None and r.error is None:
            for p in r.pairs:
                if p.name:
                    pairs.extend((p.code, p.name, place) for place in (p.places or (None,)))
        elif r is not None:
            ev.unread.append(r.error or path)
        if use_pdftotext and path.lower().endswith(".pdf"):
            # pages from the text layer; the reader's pairs only where the text layer has none
            text_pairs = pdftotext_pairs(path)
            seen = {(c, normalize_name(n)) for c, n, _ in text_pairs}
            pairs = text_pairs + [t for t in pairs if (t[0], normalize_name(t[1])) not in seen]
        if not pairs:
            continue
        ev.sources[key] = f"{os.path.relpath(path)} ({year})"
        for code, name, place in pairs:
            ev.add(year, code, name, key, place, frozenset([key]))


def gather_pairs(ev: Evidence, tsv: str) -> None:
    with open(tsv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            year = int(row["year"])
            key = f"pairs-{year}"
            ev.sources[key] = f"{os.path.basename(tsv)}, the rows of {year} budgets"
            cities = [c for c in row["cities"].split(",") if c]
            place = f"{row['documents']} document(s): {'、'.join(cities)}"
            ev.add(year, row["code"], row["name"], key, place, frozenset(cities))


def _edition(year: int) -> int | None:
    return year if year in _store.available_years() else None


def decide(ev: Evidence) -> tuple[dict[int, list[dict]], list[dict]]:
    """(confirmations per edition year, questions for a person)."""
    confirm: dict[int, list[dict]] = defaultdict(list)
    questions: list[dict] = []
    for (year, code), names in sorted(ev.seen.items()):
        edition = _edition(year)
        if edition is None:
            questions.append({"year": year, "code": code, "names": sorted(names), "verdict": "no-edition"})
            continue
        for name, hits in sorted(names.items()):
            v = judge(code, name, edition)
            sources = sorted({h[0] for h in hits})
            where = "; ".join(f"{ev.sources[k]}: {', '.join(sorted({h[1] for h in hits if h[0] == k and h[1]}))}"
                              for k in sources)
            # Places: the cities of the pairs rows; documents read here are
            # counted apart (one of them may be a document the pairs come from).
            places = set().union(*(h[2] for h in hits if not h[0].startswith("doc:")))
            docs = sum(1 for k in sources if k.startswith("doc:"))
            if v["verdict"] in ("known-same-name", "low-confidence") and v.get("name_matches"):
                item = {"code": code, "name": v["catalog_name"], "sources": sources, "where": where}
                cls = _store.get_store(edition).codes[code][_store.R_CLASSIFICATION]
                if cls != _store.FUNCTIONAL:
                    item["classification"] = cls
                item["_places"] = places
                item["_docs"] = docs
                item["_current"] = v.get("confidence")
                confirm[year].append(item)
            else:
                verdict = v["verdict"]
                if verdict == "name-variant" and (v.get("detail") or "").endswith("cut short"):
                    verdict = "cut-short"
                questions.append({"year": year, "code": code, "name": name, "verdict": verdict,
                                  "catalog_name": v.get("catalog_name"), "detail": v.get("detail"),
                                  "places": len(places), "where": where,
                                  "single": len(places) < 2 and docs < 2})
    return {year: _merged(items) for year, items in confirm.items()}, questions


def _merged(items: list[dict]) -> list[dict]:
    """One confirmation per code (a code printed under names that differ only
    in width or brackets is one confirmation), confidence raised where two or
    more independent places print it."""
    by_code: dict[str, dict] = {}
    for it in items:
        have = by_code.get(it["code"])
        if have is None:
            by_code[it["code"]] = dict(it)
            continue
        have["sources"] = sorted(set(have["sources"]) | set(it["sources"]))
        have["where"] = f"{have['where']}; {it['where']}"
        have["_places"] = have["_places"] | it["_places"]
        have["_docs"] += it["_docs"]
    out = []
    for code in sorted(by_code):
        it = by_code[code]
        places, docs, current = it.pop("_places"), it.pop("_docs"), it.pop("_current")
        if (len(places) >= 2 or docs >= 2) and current != "high":
            it["confidence"] = "high"
            it["note"] = (f"raises confidence from {current}: printed with this name by "
                          + (f"{len(places)} cities of the pairs" if len(places) >= 2 else f"{docs} documents read"))
        out.append(it)
    return out


def write_yaml(path: Path, year: int, items: list[dict], ev: Evidence) -> None:
    import yaml

    used = sorted({k for i in items for k in i["sources"]})
    doc = {"meta": {"edition": year, "proposed_by": "tools/curate_evidence.py (review before applying)",
                    "sources": {k: {"document": ev.sources[k]} for k in used},
                    "curation": "Proposed confirmations: each code is in the edition with exactly the name the "
                                "documents print. Review, then copy into data/codes/evidence/."},
           "confirmed": items}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def write_markdown(path: Path, confirm: dict[int, list[dict]], questions: list[dict], ev: Evidence) -> None:
    out = ["# Evidence proposal (tools/curate_evidence.py)", "",
           "Confirmations are in evidence-<year>.yaml next to this file. Nothing here is applied to data/ by the "
           "tool: a person decides.", "", "| year | confirmations | raising confidence |", "|---|---|---|"]
    for year, items in sorted(confirm.items()):
        out.append(f"| {year} | {len(items)} | {sum(1 for i in items if 'confidence' in i)} |")
    groups = [("unknown", "Codes the edition lacks"),
              ("uncatalogued", "Codes under a part the catalog does not carry whole (a known gap: candidates to add)"),
              ("name-variant", "Names printed otherwise"),
              ("another-codes-name", "Another code's name"), ("retired", "Codes retired before the year's edition"),
              ("not-yet-created", "Codes only later editions have"),
              ("local-subitem", "Local sub-items"), ("cut-short", "Names printed cut short (code attested, name not)"), ("low-confidence", "Low-confidence codes printed with another name"),
              ("no-edition", "Years without an edition")]
    for verdict, title in groups:
        rows = [q for q in questions if q["verdict"] == verdict]
        if not rows:
            continue
        out += ["", f"## {title} ({len(rows)})", "", "| year | code | printed | catalog | places | where |",
                "|---|---|---|---|---|---|"]
        for q in rows:
            printed = q.get("name") or "、".join(q.get("names", []))
            flag = " (one source: may be that document's error)" if q.get("single") else ""
            out.append(f"| {q['year']} | {q['code']} | {printed}{flag} | {q.get('catalog_name') or '–'} "
                       f"| {q.get('places', '')} | {(q.get('where') or '').replace('|', '/')[:160]} |")
    if ev.not_codes:
        out += ["", f"## Read as codes, but not expenditure codes ({len(ev.not_codes)})", ""]
        out += [f"- {n}" for n in ev.not_codes]
    if ev.unread:
        out += ["", "## Not read", ""] + [f"- {u}" for u in ev.unread]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="documents or folders")
    ap.add_argument("--pairs", help="a TSV of code, name, year, documents, occurrences, cities")
    ap.add_argument("--pdftotext", action="store_true", help="also read PDFs' text layer with pdftotext -layout")
    ap.add_argument("--out", default="curation-proposal", help="folder for the proposal (default: %(default)s)")
    args = ap.parse_args(argv)
    if not args.paths and not args.pairs:
        ap.error("give documents, folders or --pairs")
    ev = Evidence()
    if args.paths:
        gather_documents(ev, args.paths, args.pdftotext)
    if args.pairs:
        gather_pairs(ev, args.pairs)
    confirm, questions = decide(ev)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for year, items in confirm.items():
        write_yaml(out / f"evidence-{year}.yaml", year, items, ev)
    write_markdown(out / "proposal.md", confirm, questions, ev)
    total = sum(len(v) for v in confirm.values())
    print(f"{out}/: {total} confirmation(s) in {len(confirm)} year(s), {len(questions)} question(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
