"""Precision of the installed govclass on the real documents (issue 23): per document, the errors it reports,
how many a person judged real and false (tests/fixtures/verdicts/, see tools/verdicts.py), how many are not
judged yet, and the coded lines it could not read (unread-line). Precision is real / (real + false); the
unjudged errors are shown apart, never counted as either.

Runs `python -m govclass validate FILE --format json` per document, whole process, from a folder outside the
checkout so that the installed package is what is measured.

    python benchmarks/precision.py [--python PY] [REALDOCS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import verdicts  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(verdicts.REALDOCS))
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose installed govclass is measured")
    args = ap.parse_args()
    root = Path(args.dir)
    totals = dict.fromkeys(("errors", "real", "false", "unjudged", "unread"), 0)
    print(f"{'document':58} {'errors':>6} {'real':>5} {'false':>5} {'unjudged':>8} {'unread':>6}")
    with tempfile.TemporaryDirectory() as away:
        for path in verdicts.documents(root):
            out = subprocess.run([args.python, "-m", "govclass", "validate", str(path), "--format", "json"],
                                 capture_output=True, text=True, encoding="utf-8", cwd=away)
            try:
                report = json.loads(out.stdout)
            except json.JSONDecodeError:
                print(f"{str(path.relative_to(root)):58} exit {out.returncode}: {out.stderr.strip()[-80:]}")
                continue
            result = verdicts.compare(verdicts.errors_of(report), verdicts.load_record(path, root))
            row = {"errors": result["errors"], "real": result["real"], "false": result["false"],
                   "unjudged": sum(result["unjudged"].values()), "unread": verdicts.unread_lines(report)}
            for k, v in row.items():
                totals[k] += v
            print(f"{str(path.relative_to(root)):58} {row['errors']:6} {row['real']:5} {row['false']:5} "
                  f"{row['unjudged']:8} {row['unread']:6}")
    judged = totals["real"] + totals["false"]
    precision = f"{totals['real'] / judged:.1%}" if judged else "-"
    print(f"{'all':58} {totals['errors']:6} {totals['real']:5} {totals['false']:5} {totals['unjudged']:8} "
          f"{totals['unread']:6}")
    print(f"precision of the judged errors: {precision}; errors not judged yet: {totals['unjudged']}")


if __name__ == "__main__":
    main()
