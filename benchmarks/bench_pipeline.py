"""Pipelines at scale, whole process against baselines, interleaved, medians.

    python benchmarks/bench_pipeline.py [--rows 1000000] [--reps 5] [--python PY] [--only csv,json,frame,folder]

Every figure is a fresh process (start-up, decoding and output included) of
the installed govclass of ``--python``, run from a temporary directory
(harness.py: medians of interleaved runs, wall and CPU time, peak memory).
In-process figures, where given, are printed beside them and marked so.

Sections (issue 16):
  csv     1M budget lines of real codes (one table per 类 block, 3 amount
          columns, figures that add up; the codes the catalog is unsure of
          left out, so that a report of 100k low-confidence findings does not
          stand in for the validator): a bare csv.reader pass, govclass
          validate (a table at a time, C speed-ups, and GOVCLASS_PURE=1), the
          same lines with two units' lines alternating, the same lines as
          JSON Lines, and frictionless (types + an enum of the codes, no
          roll-up) when it is installed.
  json    the same lines as a JSON document: validate FILE.json against the
          CSV file per line (whole process), and validate(dict) against
          validate(read_csv(text)) in process.  Goal: within 1.5x.
  frame   govclass.frame.validate on a DataFrame of the lines against a
          pandas-only roll-up check (groupby parent, compare with the printed
          parents) on the same frame, in process.
  folder  validate FOLDER of seed disclosures with --jobs 1 and --jobs N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

import harness

COLUMNS = ["合计", "基本支出", "项目支出"]
HERE = Path(__file__).resolve().parent


def race(contenders: dict[str, tuple[list[str], dict | None]], cwd: str, reps: int) -> dict[str, tuple[float, int]]:
    """Median CPU time and median peak memory of each contender, run in turn (harness.race)."""
    return {k: (m.cpu, m.peak) for k, m in harness.race(contenders, cwd, reps).items()}


def run(argv: list[str], cwd: str, env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, int, int]:
    wall, cpu, peak, code = harness.run(argv, cwd, env, stdout)
    return cpu, peak, code


def build_lines(py: str, cwd: str, n: int, path: Path) -> None:
    """Write the benchmark CSV with the installed govclass (a child process: harness.BUDGET_LINES)."""
    subprocess.run([py, "-c", harness.BUDGET_LINES, str(n), str(path)], cwd=cwd, env=harness.environment(), check=True)


def report(title: str, results: dict[str, tuple[float, int]], base: str, n: int | None = None) -> None:
    print(f"\n{title}")
    t0 = results[base][0]
    for name, (t, mb) in results.items():
        rate = f"{n / t:10,.0f} lines/s" if n else ""
        print(f"  {name:<32} {t:7.2f} s CPU  {t / t0:5.2f}x  peak {mb:5d} MB  {rate}")


def csv_section(py: str, tmp: str, path: Path, n: int, reps: int) -> None:
    bare = [py, "-c", harness.BARE_CSV, str(path)]
    validate = [py, "-m", "govclass", "validate", str(path), "--year", "2024", "--format", "json"]
    contenders: dict[str, tuple[list[str], dict | None]] = {
        "csv.reader (bare pass)": (bare, None),
        "govclass validate (C)": (validate, None),
        "govclass validate (pure)": (validate, {"GOVCLASS_PURE": "1"}),
    }
    # the same lines with two units' lines alternating: no table is whole before the file ends, so the
    # lines are gathered per table (in a temporary file past a budget)
    # (written by a child: a child's peak memory counts its parent's at the fork, so this process stays small)
    mixed = Path(tmp, "mixed.csv")
    subprocess.run([py, "-c", "import sys\nsrc, dst = open(sys.argv[1], encoding='utf-8'), "
                              "open(sys.argv[2], 'w', encoding='utf-8')\n"
                              "head, *body = src.read().splitlines(keepends=True)\nhalf = len(body) // 2\n"
                              "dst.write(head)\ndst.writelines(a + b for a, b in zip(body[:half], body[half:]))\n"
                              "dst.writelines(body[2 * half:])\ndst.close()", str(path), str(mixed)], check=True)
    contenders["  units' lines mixed"] = (
        [py, "-m", "govclass", "validate", str(mixed), "--year", "2024", "--format", "json"], None)
    jsonl = Path(tmp, "lines.jsonl")
    subprocess.run([py, "-c", "import csv, json, sys\nr = csv.DictReader(open(sys.argv[1], encoding='utf-8'))\n"
                              "with open(sys.argv[2], 'w', encoding='utf-8') as out:\n"
                              "    for row in r: out.write(json.dumps(row, ensure_ascii=False) + '\\n')",
                    str(path), str(jsonl)], check=True)
    contenders["  the same lines as JSON Lines"] = (
        [py, "-m", "govclass", "validate", str(jsonl), "--year", "2024", "--format", "json"], None)
    has_fl = subprocess.run([py, "-c", "import frictionless"], cwd=tmp, capture_output=True).returncode == 0
    if has_fl:
        fl = f"""
import sys, os, govclass
from frictionless import Resource, Schema
codes = sorted(c.code for c in govclass.get_catalog(2024).codes(classification="functional"))
schema = Schema.from_descriptor({{"fields": [
    {{"name": "table", "type": "string"}},
    {{"name": "code", "type": "string", "constraints": {{"enum": codes}}}},
    {{"name": "name", "type": "string"}},
    *({{"name": c, "type": "number"}} for c in {COLUMNS!r})]}})
report = Resource(path=os.path.basename(sys.argv[1]), basepath=os.path.dirname(sys.argv[1]), schema=schema).validate()
assert report.valid, report.flatten(["type", "message"])[:3]
"""
        contenders["frictionless (no roll-up)"] = ([py, "-c", fl, str(path)], None)
    # the same findings, byte for byte, read whole in one table at a time or gathered, before anything is timed
    for i, argv in enumerate((validate, contenders["  units' lines mixed"][0])):
        with open(os.path.join(tmp, f"out{i}.json"), "wb") as fh:
            run(argv, tmp, None, stdout=fh)
    found = subprocess.run([py, "-c", "import json; a, b = (json.load(open(f'out{i}.json')) for i in (0, 1)); "
                                      "print(len(a['findings']), len(b['findings']))"],
                           cwd=tmp, capture_output=True, text=True, check=True).stdout.strip()
    results = race(contenders, tmp, reps)
    report(f"{n:,} lines, {path.stat().st_size / 1e6:.0f} MB CSV, whole process, median of {reps} interleaved runs "
           f"({found} findings in order and mixed; {harness.load()})", results, "csv.reader (bare pass)", n)
    c, p, b = results["govclass validate (C)"], results["govclass validate (pure)"], results["csv.reader (bare pass)"]
    print(f"  goals: validate {c[0] / b[0]:.1f}x csv.reader's CPU (goal <= 2x), peak {c[1]} MB (goal <= 100); "
          f"pure Python {p[0] / c[0]:.1f}x C")
    if has_fl:
        f = results["frictionless (no roll-up)"]
        print(f"         validate peak {c[1] / f[1]:.1f}x frictionless's")


def json_section(py: str, tmp: str, path: Path, n: int, reps: int) -> None:
    jpath = Path(tmp, "lines.json")
    subprocess.run([py, "-c", "import json, sys\nfrom govclass.readers import read_csv\n"
                              "d = read_csv(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], year=2024)"
                              ".to_dict()\njson.dump(d, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)",
                    str(path), str(jpath)], cwd=tmp, check=True)
    base = [py, "-m", "govclass", "validate", "--year", "2024", "--format", "json"]
    results = race({"validate FILE.csv": (base + [str(path)], None),
                    "validate FILE.json": (base + [str(jpath)], None)}, tmp, reps)
    report(f"the same {n:,} lines as a JSON document, whole process, median of {reps} interleaved runs", results,
           "validate FILE.csv", n)
    inproc = f"""
import json, statistics, time
from govclass.readers import read_csv
from govclass.validation import validate
text = open({str(path)!r}, encoding="utf-8").read()
doc = json.loads(open({str(jpath)!r}, encoding="utf-8").read())
a = [f.to_dict() for f in validate(read_csv(text, "x", year=2024), 2024).findings]
b = [f.to_dict() for f in validate(doc, 2024).findings]
assert a == b, "the dict and the CSV file disagree"
tc, td = [], []
for _ in range({reps}):
    t = time.perf_counter(); validate(read_csv(text, "x", year=2024), 2024); tc.append(time.perf_counter() - t)
    t = time.perf_counter(); validate(doc, 2024); td.append(time.perf_counter() - t)
c, d = statistics.median(tc), statistics.median(td)
print(f"  in process: validate(read_csv(text)) {{c:.2f}} s, validate(dict) {{d:.2f}} s: {{d / c:.2f}}x per line "
      f"(goal <= 1.5x; same findings)")
"""
    subprocess.run([py, "-c", inproc], cwd=tmp, check=True)


def frame_section(py: str, tmp: str, path: Path, n: int, reps: int) -> None:
    code = f"""
import statistics, time
import pandas as pd
from govclass import frame
df = pd.read_csv({str(path)!r}, dtype={{"table": str, "name": str}})  # codes int64, figures float64: pandas' defaults
cols = {COLUMNS!r}

def pandas_rollup():
    # what a pandas-only check does: each line's parent by the code's length,
    # children's sums by (table, parent), compared with the printed parents
    code = df["code"].astype(str)
    parent = code.str[:-2].where(code.str.len() > 3, "")
    sums = df.groupby([df["table"], parent])[cols].sum()
    printed = df.set_index(["table", code])[cols]
    both = sums.merge(printed, left_index=True, right_index=True, suffixes=("", "_printed"))
    return both[(both[cols].values - both[[c + "_printed" for c in cols]].values).__abs__().max(axis=1) > 0.005]

def ours():
    return frame.validate(df, table="table", amounts=cols, year=2024)

found = ours()
tp, tg = [], []
for _ in range({reps}):
    t = time.perf_counter(); pandas_rollup(); tp.append(time.perf_counter() - t)
    t = time.perf_counter(); ours(); tg.append(time.perf_counter() - t)
p, g = statistics.median(tp), statistics.median(tg)
print(f"\\nDataFrame of {{len(df):,}} lines (int64 codes, float64 figures), in process, median of {reps} interleaved:")
print(f"  pandas-only groupby roll-up   {{p:6.2f}} s  (roll-up only, float tolerance)")
print(f"  govclass.frame.validate       {{g:6.2f}} s  {{g / p:.1f}}x  (every rule; {{len(found)}} findings)")
"""
    subprocess.run([py, "-c", code], cwd=tmp, check=True)


def folder_section(py: str, tmp: str, seeds: Path, docs: int, reps: int) -> None:
    folder = Path(tmp, "docs")
    folder.mkdir(exist_ok=True)
    files = sorted(seeds.glob("*.txt"))
    if not files:
        print("\nfolder: no seed disclosures found (--seeds)")
        return
    for i in range(docs):
        shutil.copyfile(files[i % len(files)], folder / f"{i:04d}_{files[i % len(files)].name}")
    cores = os.cpu_count() or 1
    base = [py, "-m", "govclass", "validate", str(folder), "--progress", "never", "--format", "json"]
    contenders = {f"--jobs {j}": (base + ["--jobs", str(j)], None) for j in sorted({1, cores})}
    results = race(contenders, tmp, reps)
    print(f"\nfolder of {docs} seed disclosures, whole command, median of {reps} interleaved runs:")
    for name, (t, mb) in results.items():
        print(f"  {name:<10} {t:6.2f} s  {docs / t:6.1f} docs/s  peak {mb} MB (parent process)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=5)
    harness.python_arg(ap)
    ap.add_argument("--only", default="csv,json,frame,folder")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seeds", default=str(HERE.parents[1] / "shared" / "seeds"))
    args = ap.parse_args()
    only = set(args.only.split(","))
    tmp = harness.workdir()
    try:
        print(f"govclass measured: {harness.installed(args.python, tmp, args.allow_checkout)}")
        path = Path(tmp, "lines.csv")
        if only & {"csv", "json", "frame"}:
            build_lines(args.python, tmp, args.rows, path)
        if "csv" in only:
            csv_section(args.python, tmp, path, args.rows, args.reps)
        if "json" in only:
            json_section(args.python, tmp, path, args.rows, args.reps)
        if "frame" in only:
            frame_section(args.python, tmp, path, args.rows, args.reps)
        if "folder" in only:
            folder_section(args.python, tmp, Path(args.seeds), args.docs, args.reps)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
