"""Read each real PDF as printed and again with its ruling lines hidden, and
compare the two readings: the alignment reader (tables printed without rules,
govclass/readers/pdf/alignment.py) measured against the ruled one.

    python tools/layout_variants.py [--variant none|hrules|vrules|all] [--show N] [FILE ...]

Variants: ``none`` hides every rule, ``hrules`` keeps only the horizontal rules
(three-line tables), ``vrules`` only the vertical ones.  Per document and
variant it prints the lines read with rules, the lines read by the variant,
how many of those are identical (page, code, name and every printed figure), the coded
rows left unread (``unread-line``) and the *false* errors: findings of
severity error other than unread-line and unplaced-row (rows not read) that the ruled reading
does not give
(one per rule beyond the ruled count).  A false error is a misreading; the
goal is none.  ``--show N`` lists N lines read only one way.  Exit 1 when a
variant gives a false error.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter
from pathlib import Path

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
VARIANTS = ("none", "hrules", "vrules")
#: what the reader says of a row it did not read: a finding, never a false one
FAIL_CLOSED = ("unread-line", "unplaced-row")


def hide(pages, variant: str):
    """The pages with the variant's rules hidden."""
    if variant == "none":
        return [p._replace(hrules=[], vrules=[]) for p in pages]
    if variant == "hrules":
        return [p._replace(vrules=[]) for p in pages]
    return [p._replace(hrules=[]) for p in pages]


def line_keys(doc) -> Counter:
    """Each line read: (page, code, name, its printed figures by column).  Blank cells are left
    out: a column printed blank on every row has nothing to show where it stands without rules."""
    return Counter((ln.page, ln.code, ln.name, tuple(sorted((k, v.raw) for k, v in ln.cells.items() if v.raw)))
                   for t in doc.tables for ln in t.lines)


def errors(doc) -> Counter:
    from govclass import validate

    return Counter(f.rule for f in validate(doc).findings if f.severity == "error")


class Reading:
    """One reading of a document: its lines, its errors, the false ones
    against the ruled reading ``base`` (None for the ruled reading itself)."""

    def __init__(self, doc, base: "Reading | None" = None):
        self.lines = line_keys(doc)
        self.errors = errors(doc)
        self.unread = self.errors.get("unread-line", 0)
        self.coverage = doc.coverage
        self.identical = sum((self.lines & base.lines).values()) if base else sum(self.lines.values())
        self.false = Counter() if base is None else Counter(
            {r: n - base.errors.get(r, 0) for r, n in self.errors.items()
             if r not in FAIL_CLOSED and n > base.errors.get(r, 0)})


def _read(path: str, variant: "str | None"):
    """The document as the validator reads it, its rules hidden by ``variant`` (None: as printed)."""
    import govclass.readers.pdf.reader as reader
    from govclass.validation import prove

    original = reader.pdf_pages
    if variant is not None:
        reader.pdf_pages = lambda p: hide(original(p), variant)
    try:
        return prove(reader.read_pdf(path))
    finally:
        reader.pdf_pages = original


def read_hidden(path: str, variant: str):
    """The document read with the variant's rules hidden, and its report."""
    from govclass import validate

    doc = _read(path, variant)
    return doc, validate(doc)


def read_variants(path: str, variants=VARIANTS) -> tuple[Reading, dict[str, Reading]]:
    """The ruled reading of ``path`` and one reading per variant."""
    ruled = Reading(_read(path, None))
    return ruled, {v: Reading(_read(path, v), ruled) for v in variants}


def main(argv: "list[str] | None" = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variant", choices=[*VARIANTS, "all"], default="none")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args(argv)
    files = args.files or sorted(glob.glob(str(REALDOCS / "*.pdf")) + glob.glob(str(REALDOCS / "cities" / "*.pdf")))
    variants = VARIANTS if args.variant == "all" else (args.variant,)
    total = Counter()
    for f in files:
        ruled, readings = read_variants(f, variants)
        for v, r in readings.items():
            n = sum(ruled.lines.values())
            false = sum(r.false.values())
            total.update(lines=n, identical=r.identical, unread=r.unread, false=false)
            print(f"{os.path.basename(f)[:42]:42s} {v:6s} ruled {n:4d} identical {r.identical:4d} "
                  f"read {sum(r.lines.values()):4d} unread {r.unread:4d} false {false:3d} {dict(r.false) or ''}")
            for x in sorted((ruled.lines - r.lines).elements(), key=str)[:args.show]:
                print("    R", x)
            for x in sorted((r.lines - ruled.lines).elements(), key=str)[:args.show]:
                print("    U", x)
    print(f"total: {total['identical']}/{total['lines']} lines identical, {total['unread']} unread, "
          f"{total['false']} false errors")
    return 1 if total["false"] else 0


if __name__ == "__main__":
    sys.exit(main())
