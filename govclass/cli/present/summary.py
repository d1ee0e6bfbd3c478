"""A report for people, summary first (``validate``'s text output): the verdict, the counts per rule and
per table (as ``ruff --statistics``), the column relations checked, then the findings, the statements
that could not be checked (``insufficient-data``) folded into one line unless ``--show-unchecked``.
It reads a report as its dict (``Report.to_dict()``), so one file and a batch's files print alike."""

from __future__ import annotations

from govclass.cli.base import out

__all__ = ["print_report", "verdict_line", "UNCHECKED", "VERDICT_WORDS"]

#: the rule of the statements that could not be checked: listed one by one only on demand
UNCHECKED = "insufficient-data"

#: each verdict in English and Chinese, as the first line says it
VERDICT_WORDS = {
    "errors": ("ERRORS", "有错误"),
    "incomplete": ("INCOMPLETE: read only in part, not a pass", "未读全，不能通过"),
    "ok": ("OK: read whole, no error", "通过：已全部读取，无错误"),
}


def verdict_line(path: str, report: dict, lang: str) -> str:
    """The first line: the file, its verdict, the counts by severity, the edition and the size read."""
    verdict = report.get("verdict") or ("ok" if report.get("ok") else "errors")
    en, zh = VERDICT_WORDS[verdict]
    said = zh if lang == "zh" else en if lang == "en" else f"{en} | {zh}"
    s = report["summary"]
    return (f"{path}: {said} — {s['error']} error(s), {s['warning']} warning(s), {s['info']} info; "
            f"edition {report['edition']}, {report['tables']} table(s), {report['lines']} line(s)"
            + (f"; {report['form']}" if report.get("form") else ""))


def counts(findings: list[dict]) -> tuple[list[tuple[str, str, int]], list[tuple[str, dict[str, int]]]]:
    """Per rule (rule, severity, count), most first; per table (table, counts by severity), in the
    order the tables first appear."""
    by_rule: dict[tuple[str, str], int] = {}
    by_table: dict[str, dict[str, int]] = {}
    for f in findings:
        by_rule[(f["rule"], f["severity"])] = by_rule.get((f["rule"], f["severity"]), 0) + 1
        counts = by_table.setdefault(f["table"] or "-", {"error": 0, "warning": 0, "info": 0})
        counts[f["severity"]] += 1
    rules = sorted(((r, s, n) for (r, s), n in by_rule.items()), key=lambda x: (-x[2], x[0]))
    return rules, list(by_table.items())


def statistics_lines(findings: list[dict]) -> list[str]:
    """The counts per rule and per table, as ``ruff --statistics`` prints them."""
    rules, tables = counts(findings)
    if not rules:
        return []
    width = len(str(max(n for _r, _s, n in rules)))
    lines = ["  by rule:"]
    lines += [f"    {n:>{width}}  {severity:<7}  {rule}" for rule, severity, n in rules]
    lines.append("  by table:")
    for table, c in tables:
        parts = ", ".join(f"{n} {sev}" for sev, n in c.items() if n)
        lines.append(f"    {parts}  {table}")
    return lines


def print_report(path: str, report: dict, lang: str, *, show_unchecked: bool = False, statistics: bool = False,
                 relations_line=None) -> None:
    """One report for people: the verdict, the counts, the relations checked, then the findings
    (``statistics``: the counts only; the insufficient-data findings as one line unless
    ``show_unchecked``)."""
    out(verdict_line(path, report, lang))
    if relations_line is not None:
        out(relations_line(report["relations"], lang))
    if report.get("coverage") is not None:
        c = report["coverage"]
        out(f"  coded lines printed {c.get('coded_lines_printed')}, read and checked {c.get('coded_lines_read')}")
    findings = report["findings"]
    for line in statistics_lines(findings):
        out(line)
    if statistics:
        return
    unchecked = 0
    for f in findings:
        if f["rule"] == UNCHECKED and not show_unchecked:
            unchecked += 1
            continue
        out(finding_line(f, lang))
        if f.get("sentence"):
            out(f"        “{f['sentence']}”")
    if unchecked:
        out(f"{unchecked} statements could not be checked (--show-unchecked)")


def finding_line(f: dict, lang: str) -> str:
    """One finding: severity, rule, table, where (line, page), the message, the row as printed."""
    where = f"line {f['line']}" if f["line"] is not None else "-"
    if f.get("page") is not None:  # a PDF's narrative: its line is counted within the page
        where += f" (page {f['page']}" + (f", line {f['source_line']})" if f["source_line"] is not None else ")")
    elif f["source_line"] is not None:
        where += f" (source {f['source_line']})"
    msg = f["message_zh"] if lang == "zh" else f["message"] if lang == "en" else \
        f"{f['message_zh']} | {f['message']}"
    return (f"{f['severity']:<7} {f['rule']:<20} {f['table']} {where}: {msg}"
            + (f" | printed: {f['text']}" if f.get("text") else ""))
