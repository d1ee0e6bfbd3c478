"""``govclass validate`` on each PDF of ../shared/realdocs against a bare pypdfium2 pass over the same
pages (every character's box and the text), whole process.

    python benchmarks/bench_pdf.py --python /tmp/v/bin/python [--reps 5] [DIR]

Every figure is a process of the installed govclass run from a temporary folder (harness.py: medians
of interleaved runs, wall and CPU time, peak memory); per document and per page.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import harness
from harness import race

PAGES = "import sys, pypdfium2 as pdfium\nprint(len(pdfium.PdfDocument(sys.argv[1])))"


def main() -> None:
    ap = argparse.ArgumentParser()
    harness.python_arg(ap)
    ap.add_argument("dir", nargs="?", default=str(harness.CHECKOUT.parent / "shared" / "realdocs"))
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    files = sorted(Path(args.dir).rglob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDF under {args.dir}")
    py, tmp = args.python, harness.workdir()
    try:
        print(f"govclass measured: {harness.installed(py, tmp, args.allow_checkout)}")
        print(f"medians of {args.reps} interleaved runs ({harness.load()}); govclass against the bare pass")
        print(f"{'document':46} {'pages':>5} {'wall s':>7} {'CPU s':>7} {'CPU ms/page':>11} {'× bare CPU':>10} "
              f"{'peak MB':>8}")
        total = [0, 0.0, 0.0, 0.0]
        for f in files:
            pages = int(subprocess.run([py, "-c", PAGES, str(f)], cwd=tmp, env=harness.environment(),
                                       capture_output=True, text=True, check=True).stdout)
            results = race({"bare": ([py, "-c", harness.BARE_PDF, str(f)], None),
                            "govclass": ([py, "-m", "govclass", "validate", str(f), "--format", "json"], None)},
                           tmp, args.reps)
            g, b = results["govclass"], results["bare"]
            total = [total[0] + pages, total[1] + g.wall, total[2] + g.cpu, total[3] + b.cpu]
            print(f"{f.name[:46]:46} {pages:5d} {g.wall:7.2f} {g.cpu:7.2f} {1000 * g.cpu / pages:11.1f} "
                  f"{g.cpu / b.cpu:10.2f} {g.peak:8d}")
        print(f"{'all':46} {total[0]:5d} {total[1]:7.2f} {total[2]:7.2f} {1000 * total[2] / total[0]:11.1f} "
              f"{total[2] / total[3]:10.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
