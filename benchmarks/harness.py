"""What every benchmark here shares: the installed govclass, whole processes, interleaved runs.

* **The installed package.** Every process runs ``--python`` (an interpreter whose environment has
  govclass installed from a wheel) from a temporary folder outside the checkout, so that neither
  ``python -m govclass`` nor ``import govclass`` can find the checkout's pure-Python tree.
  :func:`installed` refuses an interpreter whose govclass is the checkout (an editable install)
  unless asked to measure it anyway.
* **Whole processes.** Each figure is one process from start to exit: start-up, reading, output.
  :func:`run` takes its wall time, its CPU time (user + system, its children included) and its
  peak resident memory (``os.wait4``'s ``ru_maxrss``).
* **Against a baseline, interleaved.** :func:`race` runs the contenders in turn, rep after rep
  (a, b, c, a, b, c …), so that they meet the same load on a shared machine; each figure is the
  median of its reps. On a machine shared with other work the CPU time is the steadier measure
  (waiting for a core is wall time, not CPU time): both are printed.

In-process figures, where a benchmark gives them, are printed beside these, never instead.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


class Measure:
    """One contender's medians: wall and CPU seconds, peak resident MB."""

    def __init__(self, wall: float, cpu: float, peak: int) -> None:
        self.wall, self.cpu, self.peak = wall, cpu, peak


def workdir() -> str:
    """A temporary folder outside the checkout to run every process from."""
    return tempfile.mkdtemp(prefix="govclass-bench-")


def environment(extra: dict | None = None) -> dict:
    """The environment of a measured process: this one's, with the interpreter free to read its
    compiled modules (PYTHONDONTWRITEBYTECODE only stops writing them) and no PYTHONPATH that could
    lead back to the checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(extra or {})
    return env


def installed(py: str, cwd: str, allow_checkout: bool = False) -> str:
    """Where ``py`` imports govclass from (run from ``cwd``); exits when that is the checkout."""
    where = subprocess.run([py, "-c", "import govclass; print(govclass.__file__)"], cwd=cwd, env=environment(),
                           capture_output=True, text=True, check=True).stdout.strip()
    if Path(where).resolve().is_relative_to(CHECKOUT) and not allow_checkout:
        raise SystemExit(f"{py} imports govclass from the checkout ({where}): install the wheel into a venv "
                         "(python -m venv /tmp/v && /tmp/v/bin/pip install '.[pdf,frame]') and pass --python "
                         "/tmp/v/bin/python, or --allow-checkout")
    return where


def run(argv: list[str], cwd: str, env: dict | None = None, stdout=subprocess.DEVNULL,
        ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system, children included), peak resident MB and exit
    status of one process."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, env=environment(env), stdout=stdout, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    if code not in ok:
        raise SystemExit(f"{' '.join(map(str, argv[:5]))}…: exit {code}: {err.strip()[-400:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, code


def race(contenders: dict[str, tuple[list[str], dict | None]], cwd: str, reps: int) -> dict[str, Measure]:
    """Each contender's medians, the contenders run in turn rep after rep."""
    walls: dict[str, list[float]] = {k: [] for k in contenders}
    cpus: dict[str, list[float]] = {k: [] for k in contenders}
    peaks: dict[str, list[int]] = {k: [] for k in contenders}
    for _ in range(reps):
        for name, (argv, env) in contenders.items():
            wall, cpu, peak, _code = run(argv, cwd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            peaks[name].append(peak)
    return {k: Measure(statistics.median(walls[k]), statistics.median(cpus[k]), int(statistics.median(peaks[k])))
            for k in contenders}


def show(title: str, results: dict[str, Measure], base: str) -> None:
    """The medians as a table, each against ``base``."""
    b = results[base]
    print(f"\n{title}")
    print(f"  {'':44} {'wall s':>8} {'× base':>7} {'CPU s':>8} {'× base':>7} {'peak MB':>8}")
    for name, m in results.items():
        print(f"  {name:44} {m.wall:8.2f} {m.wall / b.wall:7.2f} {m.cpu:8.2f} {m.cpu / b.cpu:7.2f} {m.peak:8d}")


def load() -> str:
    """The machine's load, said with every run (a shared machine's wall times vary with it)."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def python_arg(parser) -> None:
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter whose installed govclass is measured (not the checkout's)")
    parser.add_argument("--allow-checkout", action="store_true",
                        help="measure an interpreter that imports the checkout (an editable install) anyway")

# -- what several benchmarks run: the budget lines they validate, the bare passes they are measured against ---

#: A child process that writes ``argv[1]`` lines of budget tables to ``argv[2]`` with the installed govclass:
#: well-rounded rows of real codes (类, its 款, their 项; one table per 类 block, none of low confidence) in the
#: columns 合计 | 基本支出 | 项目支出; and, when ``argv[3]`` is given, the same lines with 基本支出 off by one on
#: every line there (a finding on every line).
BUDGET_LINES = """
import csv, random, sys
from decimal import Decimal
import govclass
from govclass.model import Confidence
n, path = int(sys.argv[1]), sys.argv[2]
cat = govclass.get_catalog(2024)
rng = random.Random(1)
ok = lambda c: cat.lookup(c).confidence is not Confidence.LOW
leis = [c for c in cat.roots("functional") if c.children and ok(c.code)]
rows, t = [], 0
while len(rows) < n:
    lei = rng.choice(leis)
    block, lei_tot = [], [Decimal(0)] * 3
    for k in (k for k in lei.children if ok(k)):
        kuan, kuan_tot, items = cat.lookup(k), [Decimal(0)] * 3, []
        for x in (x for x in kuan.children if ok(x)):
            b, p = Decimal(rng.randrange(0, 10**7)).scaleb(-2), Decimal(rng.randrange(0, 10**7)).scaleb(-2)
            vals = [b + p, b, p]
            items.append([x, cat.lookup(x).name, *map(str, vals)])
            kuan_tot = [a + v for a, v in zip(kuan_tot, vals)]
        block.append([k, kuan.name, *map(str, kuan_tot)])
        block.extend(items)
        lei_tot = [a + v for a, v in zip(lei_tot, kuan_tot)]
    rows.append([f"unit-{t}", lei.code, lei.name, *map(str, lei_tot)])
    rows.extend([f"unit-{t}", *r] for r in block)
    t += 1
rows = rows[:n]
with open(path, "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["table", "code", "name", "合计", "基本支出", "项目支出"])
    w.writerows(rows)
if len(sys.argv) > 3:
    with open(sys.argv[3], "w", encoding="utf-8", newline="") as fh:  # 基本支出 off by one on every line
        w = csv.writer(fh)
        w.writerow(["table", "code", "name", "合计", "基本支出", "项目支出"])
        w.writerows([r[:4] + [str(Decimal(r[4]) + 1)] + r[5:] for r in rows])
"""

#: A bare csv.reader pass over the file ``argv[1]``: the floor a CSV validation is measured against.
BARE_CSV = "import csv, sys\nwith open(sys.argv[1], encoding='utf-8', newline='') as fh:\n    for _ in csv.reader(fh): pass"

#: A bare pypdfium2 pass over the PDF ``argv[1]``: every character's box and the text of every page.
BARE_PDF = """
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
for page in pdf:
    tp = page.get_textpage()
    for i in range(tp.count_chars()):
        tp.get_charbox(i)
    tp.get_text_range()
"""
