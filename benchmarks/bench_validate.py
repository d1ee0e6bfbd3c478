"""Validator throughput on a CSV of budget lines, whole process against baselines in the same run.

    python benchmarks/bench_validate.py --python /tmp/v/bin/python [--rows 100000] [--reps 5]

Every figure is a process of the installed govclass run from a temporary folder (harness.py: medians
of interleaved runs, wall and CPU time, peak memory): ``validate FILE.csv`` (with the C speed-ups and
with GOVCLASS_PURE=1) against a bare csv.reader pass over the same file, and frictionless (types and
an enum of the legal codes, no roll-up) when it is installed. Targets (issue #3): within 3x csv.reader;
at least 5x frictionless's rows/s. Beside them, in process: validate(read_csv(text)) and validate() of
the document already in memory, medians of the same number of runs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import harness
from harness import race, show

BUILD = """
import csv, random, sys
from decimal import Decimal
import govclass
cat = govclass.get_catalog(2024)
rng = random.Random(1)
leis = [c for c in cat.roots("functional") if c.children]
rows, t = [], 0
while len(rows) < int(sys.argv[1]):  # well-rounded rows of real codes: 类, its 款, their 项, one table per 类 block
    lei = rng.choice(leis)
    block, lei_tot = [], [Decimal(0)] * 3
    for k in lei.children:
        kuan, kuan_tot, items = cat.lookup(k), [Decimal(0)] * 3, []
        for x in kuan.children:
            b, p = Decimal(rng.randrange(0, 10**7)).scaleb(-2), Decimal(rng.randrange(0, 10**7)).scaleb(-2)
            items.append([x, cat.lookup(x).name, str(b + p), str(b), str(p)])
            kuan_tot = [a + v for a, v in zip(kuan_tot, (b + p, b, p))]
        block.append([k, kuan.name, *map(str, kuan_tot)])
        block.extend(items)
        lei_tot = [a + v for a, v in zip(lei_tot, kuan_tot)]
    rows.append([f"bench-{t}", lei.code, lei.name, *map(str, lei_tot)])
    rows.extend([f"bench-{t}", *r] for r in block)
    t += 1
with open(sys.argv[2], "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["table", "code", "name", "合计", "基本支出", "项目支出"])
    w.writerows(rows[: int(sys.argv[1])])
"""

FRICTIONLESS = """
import os, sys, govclass
from frictionless import Resource, Schema
codes = sorted(c.code for c in govclass.get_catalog(2024).codes(classification="functional"))
schema = Schema.from_descriptor({"fields": [
    {"name": "table", "type": "string"}, {"name": "code", "type": "string", "constraints": {"enum": codes}},
    {"name": "name", "type": "string"}, *({"name": c, "type": "number"} for c in ("合计", "基本支出", "项目支出"))]})
report = Resource(path=os.path.basename(sys.argv[1]), basepath=os.path.dirname(sys.argv[1]), schema=schema).validate()
assert report.valid, report.flatten(["type", "message"])[:3]
"""

IN_PROCESS = """
import statistics, sys, time
from govclass.readers import read_csv
from govclass.validation import validate
text = open(sys.argv[1], encoding="utf-8").read()
doc = read_csv(text, sys.argv[1], year=2024)
validate(doc, 2024)
whole, memory = [], []
for _ in range(int(sys.argv[2])):
    t = time.process_time(); validate(read_csv(text, sys.argv[1], year=2024), 2024); whole.append(time.process_time() - t)
    t = time.process_time(); validate(doc, 2024); memory.append(time.process_time() - t)
n = len(text.splitlines()) - 1
print(f"  in process (CPU, medians): validate(read_csv(text)) {n / statistics.median(whole):,.0f} lines/s; "
      f"validate(document in memory) {n / statistics.median(memory):,.0f} lines/s (target 500,000)")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    harness.python_arg(ap)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    py, tmp = args.python, harness.workdir()
    try:
        print(f"govclass measured: {harness.installed(py, tmp, args.allow_checkout)}")
        path = Path(tmp, "bench.csv")
        subprocess.run([py, "-c", BUILD, str(args.rows), str(path)], cwd=tmp, env=harness.environment(), check=True)
        validate = [py, "-m", "govclass", "validate", str(path), "--year", "2024"]
        contenders = {"csv.reader (bare pass)": ([py, "-c", harness.BARE_CSV, str(path)], None),
                      "govclass validate": (validate, None),
                      "govclass validate, GOVCLASS_PURE=1": (validate, {"GOVCLASS_PURE": "1"})}
        if subprocess.run([py, "-c", "import frictionless"], cwd=tmp, capture_output=True).returncode == 0:
            contenders["frictionless (no roll-up)"] = ([py, "-c", FRICTIONLESS, str(path)], None)
        results = race(contenders, tmp, args.reps)
        show(f"{args.rows:,} lines, median of {args.reps} interleaved runs ({harness.load()})", results,
             "csv.reader (bare pass)")
        b, v = results["csv.reader (bare pass)"], results["govclass validate"]
        print(f"  goal: validate {v.cpu / b.cpu:.2f}x csv.reader's CPU (<= 3)")
        if "frictionless (no roll-up)" in results:
            print(f"  goal: govclass {results['frictionless (no roll-up)'].cpu / v.cpu:.1f}x faster than frictionless "
                  "(>= 5)")
        subprocess.run([py, "-c", IN_PROCESS, str(path), str(args.reps)], cwd=tmp, env=harness.environment(),
                       check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
