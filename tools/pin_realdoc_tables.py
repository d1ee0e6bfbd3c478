"""Write tests/fixtures/realdoc_tables.yaml: each real document's coded tables as
govclass reads them (name, kind, first page, coded lines), for a person to read
against the pages before pinning (the document's coverage already says that the
census of coded rows and the tables agree on the whole).

    python tools/pin_realdoc_tables.py [--check] [REALDOCS_DIR]

--check compares with the pinned file instead of writing it (exit 1 on a
difference).  The tests (tests/test_realdoc_tables.py) compare the same way."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PIN = REPO / "tests" / "fixtures" / "realdoc_tables.yaml"


def tables_of(path: Path) -> list[str]:
    """The coded tables of one PDF, in reading order: "p.<first page> <kind> <coded lines> <name>"."""
    from govclass import read  # the document as the validator reads it (a PDF's reading proven)

    doc = read(str(path))
    out = []
    for t in doc.tables:
        pages = sorted({ln.page for ln in t.lines if ln.page is not None})
        out.append(f"p.{pages[0] if pages else '-'} {t.kind or '-'} {sum(1 for ln in t.lines if ln.code)} {t.name}")
    return out


def documents(root: Path) -> list[Path]:
    return sorted(root.glob("*.pdf")) + sorted((root / "cities").glob("*.pdf"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = Path(args[0]) if args else REPO.parent / "shared" / "realdocs"
    found = {p.stem: tables_of(p) for p in documents(root)}
    if check:
        pinned = yaml.safe_load(PIN.read_text(encoding="utf-8"))
        bad = [name for name in found if found[name] != pinned.get(name)]
        for name in bad:
            print(f"{name}: differs from the pin")
        return 1 if bad else 0
    PIN.write_text("# Each real document's coded tables as govclass reads them: written by\n"
                   "# tools/pin_realdoc_tables.py; the whole agrees with the census of coded rows, and\n"
                   "# the tables were sampled against the page images before pinning (tests/test_realdoc_tables.py).\n"
                   + yaml.safe_dump(found, allow_unicode=True, sort_keys=True, width=200), encoding="utf-8")
    print(f"wrote {PIN.relative_to(REPO)}: {sum(len(v) for v in found.values())} tables of {len(found)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
