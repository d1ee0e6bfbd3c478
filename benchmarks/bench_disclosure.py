"""Reading and validating whole disclosures, measured against a baseline in the same run.

    python benchmarks/bench_disclosure.py [--pages 100] [--docs 200] [--seeds ../shared/seeds]

Targets (issue #4):
  * read and validate a 100-page disclosure (seed tables repeated) in under a second;
  * documents per second over a folder of disclosures, on all cores (the CLI's
    ``validate FOLDER``, which also draws a progress bar on a terminal).
Baseline: reading the same file and splitting it into white-space tokens in
bare Python (the floor of any text reader), reported as a ratio.
A printed page of these disclosures holds about one table of 20-30 lines, so
a 100-page document is built from 100 tables: the seeds' table sections
repeated (plain text, with full-width indentation, wrapped names and
figures without their column positions, the hardest layout).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:  # run from a checkout without installing: use the checkout's package
    import govclass  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from govclass.readers import read_document  # noqa: E402
from govclass.validation import validate  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_validate import best  # noqa: E402 - best of N wall-clock runs, as the validator benchmark measures


def build(seed: Path, pages: int) -> tuple[str, int]:
    """The seed's table section repeated until it holds ``pages`` tables."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "收支预算总表")
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "部门整体支出绩效目标表")
    head, body = lines[:start], lines[start:end]
    per_copy = 9
    copies = max(1, -(-pages // per_copy))
    return "\n".join(head + body * copies) + "\n", copies * per_copy


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seeds", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds"))
    args = ap.parse_args()
    seed = next(Path(args.seeds).glob("000_*.txt"))
    text, tables = build(seed, args.pages)
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "big.txt"
    big.write_text(text, encoding="utf-8")

    def bare() -> None:
        data = big.read_bytes().decode("utf-8")
        for line in data.splitlines():
            line.split()

    def ours() -> None:
        doc = read_document(str(big))
        validate(doc)

    doc = read_document(str(big))
    report = validate(doc)
    t_bare, t_ours = best(bare), best(ours)
    print(f"{args.pages}-page disclosure: {tables} tables, {sum(len(t.lines) for t in doc.tables)} coded lines, "
          f"{len(text.splitlines())} source lines, {len(report.findings)} findings")
    print(f"  read + validate: {t_ours * 1000:.0f} ms (target < 1000 ms); bare split baseline "
          f"{t_bare * 1000:.1f} ms; ratio {t_ours / t_bare:.0f}x")

    folder = tmp / "docs"
    folder.mkdir()
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    for i in range(args.docs):
        src = seeds[i % len(seeds)]
        (folder / f"{i:04d}_{src.name}").write_bytes(src.read_bytes())
    for jobs in (1, os.cpu_count() or 1):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "govclass", "validate", str(folder), "--jobs", str(jobs),
                        "--progress", "never"], capture_output=True, check=False,
                       env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))})
        dt = time.perf_counter() - t
        print(f"  folder of {args.docs} seed disclosures, {jobs} process(es): {args.docs / dt:.1f} docs/s "
              f"(whole command, start-up included)")


if __name__ == "__main__":
    main()
