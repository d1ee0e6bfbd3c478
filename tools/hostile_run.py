"""Run the hostile corpus (tests/hostile_corpus.py) through the real CLI,
one process per run, and count what came back.

    python tools/hostile_run.py [--timeout S] [--jobs N] [--only SUBSTRING]

Every corpus file goes through ``validate`` (text and JSON), ``extract``
(JSON and text) and ``codes``; the folder goes through ``validate`` (text,
JSON, --jobs 2) and ``codes``;
every other command gets hostile arguments.  A run fails when it prints a
traceback, exits with anything but 0/1/2, or does not end within the time
limit.  Prints one line per failing run and the totals; exit 1 if any failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile_corpus  # noqa: E402
from hostile_corpus import argument_runs  # noqa: E402

def plan(corpus: list[str], folder: str) -> list[list[str]]:
    runs: list[list[str]] = []
    for path in corpus:
        runs.append(["validate", "--", path])
        runs.append(["validate", "--format", "json", "--", path])
        runs.append(["extract", "--", path])
        runs.append(["extract", "--format", "text", "--", path])
        runs.append(["codes", "--json", "--", path])
    runs += [["validate", "--time-limit", "30", folder], ["validate", "--format", "json", "--time-limit", "30", folder],
             ["validate", "--jobs", "2", "--time-limit", "30", folder], ["codes", folder], ["codes", "--csv", folder]]
    for argv in argument_runs():
        runs.append([folder if a == "@" else os.path.join(folder, a[1:]) if a.startswith("@") else a for a in argv])
    return runs


def run_one(argv: list[str], timeout: float, env: dict) -> tuple[list[str], int | None, str, float]:
    start = time.perf_counter()
    if any(a.endswith("corpus") for a in argv):  # a folder: every document within its own time limit
        timeout = max(timeout, 900.0)
    try:
        p = subprocess.run([sys.executable, "-m", "govclass", *argv], capture_output=True, timeout=timeout, env=env,
                           stdin=subprocess.DEVNULL)
        code: int | None = p.returncode
        err = p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        code, err = None, (exc.stderr or b"").decode("utf-8", "replace")
    except OSError as exc:  # the system refused the command line itself (too long)
        code, err = -1, f"not run: {exc}"
    return argv, code, err, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="run only argument lists containing this text")
    opts = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("GOVCLASS_CACHE_DIR", tempfile.mkdtemp(prefix="govclass-cache-"))
    env.pop("GOVCLASS_TRACEBACK", None)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = os.path.join(tmp, "corpus")
        corpus = hostile_corpus.build(folder)
        runs = plan(corpus, folder)
        if opts.only:
            runs = [r for r in runs if any(opts.only in a for a in r)]
        codes: dict[str, int] = {}
        tracebacks = hangs = bad = 0
        slowest = (0.0, [])
        with ThreadPoolExecutor(opts.jobs) as pool:
            for argv, code, err, took in pool.map(lambda a: run_one(a, opts.timeout, env), runs):
                if code == -1:
                    codes["not run"] = codes.get("not run", 0) + 1
                    continue
                key = "hang" if code is None else str(code)
                codes[key] = codes.get(key, 0) + 1
                tb = "Traceback (most recent call last)" in err
                tracebacks += tb
                hangs += code is None
                slowest = max(slowest, (took, argv))
                if tb or code not in (0, 1, 2):
                    bad += 1
                    shown = [a if len(a) < 80 else a[:40] + f"…({len(a)} chars)" for a in argv]
                    last = err.strip().splitlines()[-1:] or [""]
                    print(f"FAIL exit={key} {took:.1f}s {shown!r}: {last[0][:300]}", flush=True)
        print(f"{len(corpus)} inputs, {len(runs)} runs; exit codes {dict(sorted(codes.items()))}; "
              f"{tracebacks} tracebacks, {hangs} hangs; slowest {slowest[0]:.1f}s "
              f"{[a[:60] for a in slowest[1]]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
