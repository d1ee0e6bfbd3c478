"""Take a snapshot of govclass's findings on the shared documents, or compare two.

    python tools/findings_snapshot.py OUT_DIR [--jobs N] [DOCS_DIR ...]
    python tools/findings_snapshot.py OUT_DIR --variants [DOCS_DIR ...]
    python tools/findings_snapshot.py --compare A B

The first form runs the real CLI, one process per run, on every file of
../shared/seeds and ../shared/realdocs (recursively; the README is skipped):
``validate FILE --format json``, ``codes FILE --json`` and ``extract FILE
--format json`` (the document as read), and writes one JSON per file into
OUT_DIR: each run's exit code, standard output (parsed when it is JSON) and
standard error.  Output is written with sorted keys, so two snapshots of the
same findings are byte-identical.

The second form reads every PDF again with its ruling lines hidden (the
variants of tools/layout_variants.py: none, hrules, vrules), in this process,
and writes the document as read and its report per file and variant
(``variants__…json``): the tables printed without rules are what the
alignment reader and the proof of its readings see.

The third form says which files differ between two snapshots (and which runs
of them), and exits 1 when any does.  A refactor takes a snapshot before its
first change (outside the repository, e.g. /tmp/arch-base) and compares after
each step.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
#: the runs per file: a name, and the CLI arguments before the file
RUNS = {
    "validate": ["validate", "--format", "json"],
    "codes": ["codes", "--json"],
    "extract": ["extract", "--format", "json"],
}
#: a run longer than this (seconds) is recorded as a time-out, not waited for
RUN_TIMEOUT = 600


def documents(roots: list[Path]) -> list[Path]:
    """Every file under the roots, in a stable order; READMEs are notes, not documents."""
    found = []
    for root in roots:
        found += [p for p in sorted(root.rglob("*")) if p.is_file() and p.name.lower() != "readme.md"]
    return found


def snapshot_name(path: Path, roots: list[Path]) -> str:
    """The snapshot file's name: the document's path under its shared folder, '/' as '__'."""
    for root in roots:
        if path.is_relative_to(root):
            return f"{root.name}__" + "__".join(path.relative_to(root).parts) + ".json"
    return path.name + ".json"


def run_one(args: list[str], path: Path) -> dict:
    try:
        done = subprocess.run([sys.executable, "-m", "govclass", *args, "--", str(path)],
                              capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=REPO)
    except subprocess.TimeoutExpired:
        return {"rc": "timeout"}
    try:
        out: object = json.loads(done.stdout)
    except ValueError:
        out = done.stdout
    return {"rc": done.returncode, "stdout": out, "stderr": done.stderr}


def take(out_dir: Path, roots: list[Path], jobs: int) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = documents(roots)

    def one(path: Path) -> str:
        record = {"file": str(path.relative_to(path.anchor)), **{name: run_one(args, path) for name, args in RUNS.items()}}
        name = snapshot_name(path, roots)
        (out_dir / name).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
        return name

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name in pool.map(one, docs):
            print(name, file=sys.stderr)
    print(f"{len(docs)} documents -> {out_dir}", file=sys.stderr)
    return 0


def take_variants(out_dir: Path, roots: list[Path]) -> int:
    """The shared PDFs read with their rules hidden: the document as read and the report, per variant."""
    sys.path.insert(0, str(REPO / "tools"))
    import layout_variants  # the variants, and how they are read

    out_dir.mkdir(parents=True, exist_ok=True)
    docs = [p for p in documents(roots) if p.suffix.lower() == ".pdf"]
    for path in docs:
        record = {}
        for variant in layout_variants.VARIANTS:
            doc, report = layout_variants.read_hidden(str(path), variant)
            record[variant] = {"document": doc.to_dict(), "report": report.to_dict()}
        name = "variants__" + snapshot_name(path, roots)
        (out_dir / name).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n",
                                    encoding="utf-8")
        print(name, file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    names_before = {p.name for p in before.glob("*.json")}
    names_after = {p.name for p in after.glob("*.json")}
    differ = 0
    for name in sorted(names_before ^ names_after):
        print(f"{name}: only in {before if name in names_before else after}")
        differ += 1
    for name in sorted(names_before & names_after):
        a, b = (before / name).read_bytes(), (after / name).read_bytes()
        if a == b:
            continue
        differ += 1
        ja, jb = json.loads(a), json.loads(b)
        runs = [run for run in sorted(set(ja) | set(jb)) if ja.get(run) != jb.get(run)]
        print(f"{name}: differs in {', '.join(runs)}")
    total = len(names_before | names_after)
    print(f"{total - differ} of {total} identical" + ("" if differ else " (all)"))
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--variants", action="store_true", help="the PDFs with their rules hidden, in process")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.paths:
        parser.error("give the snapshot's folder (or --compare A B)")
    roots = [p.resolve() for p in args.paths[1:]] or [SHARED / "seeds", SHARED / "realdocs"]
    if args.variants:
        return take_variants(args.paths[0], roots)
    return take(args.paths[0], roots, args.jobs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
