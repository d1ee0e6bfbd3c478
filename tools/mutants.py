"""Named mutations of govclass, each caught by a test (issue 23: tests that would catch a loosening).

    python tools/mutants.py [--only NAME ...] [--tests PATH ...] [--list]

Each mutation loosens or breaks one thing on purpose: a tolerance made wider (the rounding tolerance
``document.half_unit``, the narrative percentage tolerance), a threshold of the PDF census
(readers/pdf/settings.py), the order of a table's columns, a rule switched off.  For each, the
checkout is copied to a temporary folder (beside a link to ../shared, so the tests on the real
documents run too), the one change is made there (a literal replacement that must match exactly
once, so a mutation that no longer applies fails loudly instead of passing), and the chosen tests run
against the copy (``pytest -x``: the first test that fails is the one that caught it).  The closing
table says, per mutation, which test caught it; a mutation no test catches is a loosening the suite
would let through, and the tool exits 1.

Outside CI: a run of every mutation takes some minutes (one pytest run each).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

#: the tests run against each mutant unless --tests says otherwise: fast ones that hold the tolerances,
#: the rules, the census and the reading of the real documents
DEFAULT_TESTS = (
    "tests/test_validate_rollup.py", "tests/test_validate_seeds.py", "tests/test_narrative_claims.py",
    "tests/test_narrative.py", "tests/test_census_families.py", "tests/test_heuristics.py", "tests/test_census.py",
    "tests/test_proof.py", "tests/test_columnar.py", "tests/test_multicode_rows.py", "tests/test_layout_families.py",
    "tests/test_read_key.py",
)


@dataclass(frozen=True)
class Mutation:
    name: str
    what: str  # what it loosens or breaks, in words
    path: str  # the file changed, from the checkout's root
    old: str  # the text replaced (must occur exactly once)
    new: str
    more: tuple[tuple[str, str], ...] = ()  # further (old, new) in the same file, for one change made in two places


MUTATIONS = (
    # -- tolerances -----------------------------------------------------------------------------
    Mutation("half-unit-x100", "the rounding tolerance of every sum made 100 times wider",
             "govclass/document/model.py",
             "    return _HALF_UNITS[decimals] if decimals < 12 else Decimal(5).scaleb(-(decimals + 1))",
             "    return 100 * (_HALF_UNITS[decimals] if decimals < 12 else Decimal(5).scaleb(-(decimals + 1)))"),
    Mutation("half-unit-x2", "the rounding tolerance of every sum made twice as wide",
             "govclass/document/model.py",
             "    return _HALF_UNITS[decimals] if decimals < 12 else Decimal(5).scaleb(-(decimals + 1))",
             "    return 2 * (_HALF_UNITS[decimals] if decimals < 12 else Decimal(5).scaleb(-(decimals + 1)))"),
    Mutation("narrative-percent-x10", "the narrative percentage tolerance made 10 times wider",
             "govclass/validation/rules/narrative.py",
             "    h = _half(claim.percent_decimals)\n",
             "    h = 10 * _half(claim.percent_decimals)\n"),
    # -- the census thresholds (readers/pdf/settings.py) -------------------------------------------
    Mutation("census-same-column-x10", "a code with no name counts 10 times farther from the column of codes",
             "govclass/readers/pdf/settings.py", "    census_same_column: float = 2\n",
             "    census_same_column: float = 20\n"),
    Mutation("census-part-indent-x10", "a 款/项 alone counts 10 times farther right of the page's codes",
             "govclass/readers/pdf/settings.py", "    census_part_indent_em: float = 8\n",
             "    census_part_indent_em: float = 80\n"),
    Mutation("census-part-indent-0", "a 款/项 alone counts only exactly under a full code (no indent by level)",
             "govclass/readers/pdf/settings.py", "    census_part_indent_em: float = 8\n",
             "    census_part_indent_em: float = 0\n"),
    Mutation("census-wrap-heights-x10", "a row's cells on two baselines joined 10 times farther apart",
             "govclass/readers/pdf/settings.py", "    census_wrap_heights: float = 1.6\n",
             "    census_wrap_heights: float = 16\n"),
    Mutation("census-any-number-a-code", "the census takes any number of a code's shape for a code (no catalog)",
             "govclass/readers/pdf/census.py",
             "    if known is None or len(code) in (2, 4) or code in known:\n",
             "    if True:\n"),
    Mutation("census-figure-as-panel", "a nameless number after a named row counted as a panel's code",
             "govclass/readers/pdf/census.py",
             "    if any(r.x >= PANEL_OFFSET and r.named for r in rows):\n        return rows\n",
             "    if True:\n        return rows\n"),
    Mutation("figure-column-share-0.3", "a column of figures needs only 30% of its cells to be figures",
             "govclass/readers/pdf/settings.py", "    figure_column_share: float = 0.8\n",
             "    figure_column_share: float = 0.3\n"),
    # -- column order ---------------------------------------------------------------------------
    Mutation("column-order-reversed", "a table's figures put under its column names in reverse order",
             "govclass/readers/pdf/build.py",
             "        for index, column in zip(self.amount_cols, self.col_names):\n",
             "        for index, column in zip(self.amount_cols, list(reversed(self.col_names))):\n"),
    # -- reader heuristics (each held by tests/test_heuristics.py) ---------------------------------
    Mutation("binding-shift-off", "a table over pages set for binding (columns moved alike) read as one table a page",
             "govclass/readers/pdf/layout.py",
             "    if abs(shift) <= settings.page_shift_max and all(abs(m - shift) < settings.same_edge / 2 for m in moves):\n",
             "    if False:\n"),
    Mutation("one-unit-total-off", "a table of one unit's row above its codes read with no total",
             "govclass/readers/pdf/build.py", "    lines = _one_unit_total(lines)\n", "    lines = lines\n"),
    Mutation("unit-sections-off", "a table printed unit by unit read as one list",
             "govclass/document/codecolumns.py", "    sections = unit_sections(lines)\n", "    sections = None\n"),
    Mutation("restarts-off", "a code list that starts over read as one list",
             "govclass/document/codecolumns.py",
             "    if len(set(codes)) == len(codes):\n        return [lines]\n", "    return [lines]\n"),
    Mutation("restarts-on-any-repeat", "a code printed twice in a row taken for a list starting over",
             "govclass/document/codecolumns.py", "line.code < prev:", "line.code <= prev:"),
    Mutation("several-codes-not-per-column", "rows of several codes checked as printed, not per code column",
             "govclass/document/codecolumns.py",
             "    if not any(ln.others for ln in table.lines):\n        return (table,)\n",
             "    if True:\n        return (table,)\n"),
    Mutation("sangong-total-swapped", "the 合计 of 三公, 会议费 and 培训费 taken for the 三公 合计 (both places)",
             "govclass/readers/sangong.py",
             'if item == "合计" and sangong and not col_item[group[item]][1]:', "if False:",
             (('if item == "合计" and not sangong and any(', 'if item == "合计" and sangong and any('),)),
    Mutation("recut-off", "the last rows of a table on a page of their own not recut by its columns",
             "govclass/readers/pdf/layout.py",
             "            body = recut(body, grid, current.edges)\n            edges = current.edges\n"
             "            how |= How.RECUT\n", "            pass\n"),
    # -- rule switches --------------------------------------------------------------------------
    Mutation("rule-rollup-off", "the roll-up (类 = Σ 款 …) never checked",
             "govclass/validation/rules/sums.py", '@check("rollup", order=60)\n', ""),
    Mutation("rule-columns-off", "the column relations (合计 = 基本支出 + 项目支出) never checked",
             "govclass/validation/rules/columns.py", '@check("columns", order=70)\n', ""),
    Mutation("rule-codes-off", "codes never looked up in the catalog",
             "govclass/validation/rules/codes.py", '@check("codes", order=20)\n', ""),
    Mutation("rule-structure-off", "duplicate lines and the structure never checked",
             "govclass/validation/rules/structure.py", '@check("structure", order=40)\n', ""),
    Mutation("unread-line-off", "a census row no table read never reported (fail open)",
             "govclass/validation/coverage.py", "    new: list[Problem] = []\n    for row in left:\n",
             "    new: list[Problem] = []\n    for row in left[:0]:\n"),
    Mutation("rollup-one-finding-per-column", "a roll-up failing in several columns reported once per column",
             "govclass/validation/rules/sums.py",
             "    yield from one_line_one_finding(one_gap_one_finding(found, table.relations))\n",
             "    yield from one_gap_one_finding(found, table.relations)\n"),
)

_IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info",
                                 ".mypy_cache", "build", "dist")
_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.M)


def _apply(root: Path, mutation: Mutation) -> None:
    path = root / mutation.path
    text = path.read_text(encoding="utf-8")
    for old, new in ((mutation.old, mutation.new), *mutation.more):
        found = text.count(old)
        if found != 1:
            raise SystemExit(f"{mutation.name}: the text to replace occurs {found} times in {mutation.path}; "
                             "the mutation no longer applies: update it")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def run(mutation: Mutation, tests: list[str], python: str) -> tuple[str, str]:
    """(verdict, test): "caught" and the first test that failed, or "SURVIVED"."""
    with tempfile.TemporaryDirectory(prefix="govclass-mutant-") as away:
        root = Path(away) / "repo"
        shutil.copytree(REPO, root, ignore=_IGNORE)
        if SHARED.is_dir():
            os.symlink(SHARED, Path(away) / "shared")
        _apply(root, mutation)
        env = dict(os.environ, PYTHONPATH=str(root), GOVCLASS_CACHE_DIR=str(Path(away) / "cache"))
        out = subprocess.run([python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests], cwd=root,
                             env=env, capture_output=True, text=True, encoding="utf-8")
        if out.returncode == 0:
            return "SURVIVED", "-"
        failed = _FAILED.search(out.stdout)
        if failed is None:
            return f"broke (pytest exit {out.returncode})", out.stdout.strip().splitlines()[-1] if out.stdout.strip() \
                else out.stderr.strip()[-120:]
        return "caught", failed.group(1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", default=None, help="the mutations to run (default: all)")
    ap.add_argument("--tests", nargs="*", default=list(DEFAULT_TESTS), help="the tests to run against each mutant")
    ap.add_argument("--list", action="store_true", help="list the mutations and stop")
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    chosen = [m for m in MUTATIONS if args.only is None or m.name in args.only]
    if args.list:
        for m in MUTATIONS:
            print(f"{m.name:32} {m.what}")
        return 0
    width = max(len(m.name) for m in chosen)
    print(f"{'mutation':{width}}  verdict   caught by")
    survived = 0
    for mutation in chosen:
        verdict, test = run(mutation, args.tests, args.python)
        survived += verdict != "caught"
        print(f"{mutation.name:{width}}  {verdict:8}  {test}", flush=True)
    print(f"{len(chosen) - survived} of {len(chosen)} mutations caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
