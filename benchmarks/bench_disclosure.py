"""Reading and validating whole disclosures, whole process against a baseline in the same run.

    python benchmarks/bench_disclosure.py --python /tmp/v/bin/python [--pages 100] [--docs 200] [--reps 5]

Every figure is a process of the installed govclass run from a temporary folder (harness.py: medians
of interleaved runs, wall and CPU time, peak memory). Targets (issue #4):

  * read and validate a 100-page disclosure (the seeds' table sections repeated: plain text with
    full-width indentation, wrapped names and figures without their column positions, the hardest
    layout) in under a second; baseline: a process that reads the same file and splits it into
    white-space tokens (the floor of any text reader);
  * documents per second over a folder of disclosures with --jobs 1 and on all cores (the CPU time
    includes the workers': on a shared machine the wall time varies with the load).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import harness
from harness import race, show

BARE = "import sys\nfor line in open(sys.argv[1], encoding='utf-8').read().splitlines():\n    line.split()"


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
    harness.python_arg(ap)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seeds", default=str(harness.CHECKOUT.parent / "shared" / "seeds"))
    args = ap.parse_args()
    py, tmp = args.python, harness.workdir()
    try:
        print(f"govclass measured: {harness.installed(py, tmp, args.allow_checkout)}")
        seeds = sorted(Path(args.seeds).glob("*.txt"))
        text, tables = build(next(s for s in seeds if s.name.startswith("000_")), args.pages)
        big = Path(tmp, "big.txt")
        big.write_text(text, encoding="utf-8")
        results = race({"read and split (bare)": ([py, "-c", BARE, str(big)], None),
                        "govclass validate": ([py, "-m", "govclass", "validate", str(big)], None)}, tmp, args.reps)
        show(f"{args.pages}-page disclosure ({tables} tables, {len(text.splitlines())} lines), median of {args.reps} "
             f"interleaved runs ({harness.load()})", results, "read and split (bare)")
        print(f"  goal: read and validate {results['govclass validate'].wall:.2f} s wall, "
              f"{results['govclass validate'].cpu:.2f} s CPU (< 1 s)")
        folder = Path(tmp, "docs")
        folder.mkdir()
        for i in range(args.docs):
            src = seeds[i % len(seeds)]
            (folder / f"{i:04d}_{src.name}").write_bytes(src.read_bytes())
        base = [py, "-m", "govclass", "validate", str(folder), "--progress", "never"]
        jobs = sorted({1, os.cpu_count() or 1})
        results = race({f"--jobs {j}": (base + ["--jobs", str(j)], None) for j in jobs}, tmp, max(1, args.reps // 2))
        show(f"folder of {args.docs} seed disclosures ({harness.load()})", results, "--jobs 1")
        for name, m in results.items():
            print(f"  {name}: {args.docs / m.wall:.1f} docs/s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
