"""The precision record: a person's verdict on every error govclass reports on a real document.

One YAML file per document of ../shared/realdocs, in tests/fixtures/verdicts/ (the document's path
below realdocs, with "/" written "__", and ".yaml"):

    document: cities/fuzhou-police-patrol-2026-unit-budget.pdf
    errors:
      - rule: rollup-mismatch
        page: 10                 # or line: N for a spreadsheet or a text document (the source line)
        table: 2026 年度支出预算总表
        code: "20402"            # absent or null where the finding has none
        column: 合计              # likewise
        count: 1                 # how many findings share this key (default 1)
        verdict: real            # real: a defect of the document; false: a defect of govclass
        reason: why, read against the page

An error matches an entry by (rule, page or line, table, code, column). The rows govclass could not read
(unread-line, unplaced-row, unreadable-pages) are errors by design (fail closed) but no claim about the document: they are counted
apart as unread, not judged. tests/test_verdicts.py holds
every document to its record: an error without an entry fails (a person must read it first), and an
entry without its error fails too (a real defect no longer found, or a false one gone: remove it).
benchmarks/precision.py prints, per document, errors, real, false and unread lines from the same
record.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import yaml

REPO = Path(__file__).resolve().parent.parent
VERDICTS = REPO / "tests" / "fixtures" / "verdicts"
REALDOCS = REPO.parent / "shared" / "realdocs"
SUFFIXES = (".pdf", ".xlsx")
VERDICT_WORDS = ("real", "false")

Key = tuple[str, int | None, str, str | None, str | None]


def documents(root: Path = REALDOCS) -> list[Path]:
    """Every real document below ``root`` (PDF and XLSX), in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES)


def record_path(document: Path, root: Path = REALDOCS) -> Path:
    return VERDICTS / (str(document.relative_to(root)).replace("/", "__") + ".yaml")


def key_of(finding: dict[str, Any]) -> Key:
    """What identifies an error across runs: its rule, where it is printed, and what it is about
    (messages may be reworded; the place and the subject stay)."""
    where = finding.get("page") if finding.get("page") is not None else finding.get("source_line")
    return (finding["rule"], where, finding.get("table") or "", finding.get("code"), finding.get("column"))


def _entry_key(entry: dict[str, Any]) -> Key:
    where = entry.get("page", entry.get("line"))
    code = entry.get("code")
    return (entry["rule"], where, entry.get("table") or "", None if code is None else str(code), entry.get("column"))


def load_record(document: Path, root: Path = REALDOCS) -> dict[Key, tuple[str, int, str]]:
    """The record of one document: key -> (verdict, count, reason); an empty record when none is written."""
    path = record_path(document, root)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    record: dict[Key, tuple[str, int, str]] = {}
    for entry in data.get("errors") or ():
        verdict = entry.get("verdict")
        verdict = "false" if verdict is False else verdict  # YAML reads a bare false as a boolean
        if verdict not in VERDICT_WORDS or not entry.get("reason"):
            raise ValueError(f"{path.name}: an entry needs verdict real|false and a reason: {entry}")
        key = _entry_key(entry)
        if key in record:
            raise ValueError(f"{path.name}: two entries for {key}; give one a count instead")
        record[key] = (verdict, int(entry.get("count", 1)), entry["reason"])
    return record


#: errors that say rows or pages were not read: govclass's limits, counted apart as unread (never judged real or
#: false): a coded row no table read, a total not placed, pages with no text layer to read
UNREAD = ("unread-line", "unplaced-row", "unreadable-pages")


def errors_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The errors a person judges: every error but the rows not read (:data:`UNREAD`)."""
    return [f for f in report.get("findings", ()) if f.get("severity") == "error" and f.get("rule") not in UNREAD]


def compare(errors: Iterable[dict[str, Any]], record: dict[Key, tuple[str, int, str]]) -> dict[str, Any]:
    """Errors against their record: counts of real and false ones, the errors with no entry and the entries
    with no error (each with how many are missing)."""
    found = Counter(key_of(e) for e in errors)
    real = sum(min(n, record[k][1]) for k, n in found.items() if k in record and record[k][0] == "real")
    false = sum(min(n, record[k][1]) for k, n in found.items() if k in record and record[k][0] == "false")
    unjudged = {k: n - (record[k][1] if k in record else 0) for k, n in found.items()
                if n > (record[k][1] if k in record else 0)}
    lost = {k: v[1] - found.get(k, 0) for k, v in record.items() if found.get(k, 0) < v[1]}
    return {"errors": sum(found.values()), "real": real, "false": false, "unjudged": unjudged, "lost": lost}


def unread_lines(report: dict[str, Any]) -> int:
    return sum(1 for f in report.get("findings", ()) if f.get("rule") in UNREAD)


def _draft(paths: list[str]) -> None:
    """Print the record entries a document's errors lack, with ``verdict: TODO`` for a person to fill in
    after reading each against its page."""
    import json
    import subprocess
    import sys

    for name in paths:
        path = Path(name).resolve()
        out = subprocess.run([sys.executable, "-m", "govclass", "validate", str(path), "--format", "json"],
                             capture_output=True, text=True, encoding="utf-8")
        report = json.loads(out.stdout)
        result = compare(errors_of(report), load_record(path))
        examples = {key_of(e): e for e in errors_of(report)}
        print(f"# {record_path(path).name}: {result['errors']} errors, {len(result['unjudged'])} keys unjudged, "
              f"{len(result['lost'])} entries lost")
        for key, n in sorted(result["unjudged"].items(), key=str):
            rule, where, table, code, column = key
            e = examples[key]
            print(f"  - rule: {rule}\n    {'page' if e.get('page') is not None else 'line'}: {where}\n"
                  f"    table: {json.dumps(table, ensure_ascii=False)}")
            if code is not None:
                print(f"    code: \"{code}\"")
            if column is not None:
                print(f"    column: {json.dumps(column, ensure_ascii=False)}")
            if n > 1:
                print(f"    count: {n}")
            print(f"    verdict: TODO\n    reason: {json.dumps(e['message'][:200], ensure_ascii=False)}")


RECORD_HEADING = "### Every error on realdocs, read against the page (the precision record)"


def markdown() -> str:
    """The record as docs/disclosures.md prints it: one row per entry (document, page or line, rule, code,
    count, verdict, reason), documents in order; tests/test_verdicts.py holds the doc to it."""
    rows = ["| document | page | rule | code | × | verdict | why |", "|---|---|---|---|---|---|---|"]
    for path in sorted(VERDICTS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in data.get("errors") or ():
            where = e.get("page", e.get("line"))
            where = f"p. {where}" if "page" in e else f"line {where}"
            reason = " ".join(str(e["reason"]).split()).replace("|", "/")
            verdict = "false" if e.get("verdict") is False else e.get("verdict")
            rows.append(f"| {data['document']} | {where} | {e['rule']} | {e.get('code') or ''} | {e.get('count', 1)} "
                        f"| {verdict} | {reason} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["draft"]:
        _draft(sys.argv[2:])
    elif sys.argv[1:2] == ["markdown"]:
        print(markdown(), end="")
    else:
        print("usage: python tools/verdicts.py draft DOCUMENT... | markdown")
