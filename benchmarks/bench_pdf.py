"""Whole-process time of `govclass validate` on each realdocs PDF, next to a
bare pypdfium2 open-and-extract (every page's text and character boxes).

Runs are interleaved (govclass, bare, govclass, bare …) so that both see the
same machine load; the median of each is reported, per document and per page,
with the peak resident memory of the govclass process.

    python benchmarks/bench_pdf.py [--runs 5] [DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = r"""
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
n = 0
for page in pdf:
    tp = page.get_textpage()
    for i in range(tp.count_chars()):
        tp.get_charbox(i)
    tp.get_text_range()
    n += 1
print(n)
"""


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one child process: on a
    shared machine the wall time includes waiting for a core, the CPU time
    does not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return dt, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    files = sorted(Path(args.dir).glob("*.pdf")) + sorted(Path(args.dir).glob("cities/*.pdf"))
    if not files:
        raise SystemExit(f"no PDF under {args.dir}")
    import pypdfium2 as pdfium

    py = sys.executable
    print(os.getloadavg() and f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of "
          f"{args.runs} interleaved runs; wall (cpu) seconds")
    print(f"{'document':42} {'pages':>5} {'govclass s':>14} {'ms/page':>8} {'bare s':>14} {'ms/page':>8} {'peak MB':>8}")
    tot_g = tot_b = tot_p = tot_gc = tot_bc = 0.0
    for f in files:
        pages = len(pdfium.PdfDocument(str(f)))
        g, b, gc, bc, peak = [], [], [], [], 0
        for _ in range(args.runs):
            dt, cpu = _run([py, "-m", "govclass", "validate", str(f), "--format", "json"])
            g.append(dt)
            gc.append(cpu)
            dt, cpu = _run([py, "-c", BARE, str(f)])
            b.append(dt)
            bc.append(cpu)
        # peak memory of one govclass run, measured alone (ru_maxrss of children is a running maximum)
        out = subprocess.run([py, "-c", "import resource,runpy,sys;sys.argv=['govclass','validate',sys.argv[1],"
                              "'--format','json'];\ntry:\n runpy.run_module('govclass',run_name='__main__')\n"
                              "except SystemExit: pass\nsys.stderr.write(str(resource.getrusage("
                              "resource.RUSAGE_SELF).ru_maxrss))", str(f)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            peak = int(out.stderr.strip().splitlines()[-1]) // 1024
        except (ValueError, IndexError):
            peak = -1
        mg, mb = statistics.median(g), statistics.median(b)
        mgc, mbc = statistics.median(gc), statistics.median(bc)
        tot_g, tot_b, tot_p = tot_g + mg, tot_b + mb, tot_p + pages
        tot_gc, tot_bc = tot_gc + mgc, tot_bc + mbc
        print(f"{f.name[:42]:42} {pages:5d} {mg:6.3f} ({mgc:5.3f}) {1000 * mg / pages:8.1f} {mb:6.3f} ({mbc:5.3f}) "
              f"{1000 * mb / pages:8.1f} {peak:8d}")
    print(f"{'all':42} {int(tot_p):5d} {tot_g:6.2f} ({tot_gc:5.2f}) {1000 * tot_g / tot_p:8.1f} {tot_b:6.2f} "
          f"({tot_bc:5.2f}) {1000 * tot_b / tot_p:8.1f}")


if __name__ == "__main__":
    os.environ.setdefault("GOVCLASS_CACHE_DIR", str(Path.cwd() / ".cache-gc"))
    main()
