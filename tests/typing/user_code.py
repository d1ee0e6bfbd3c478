"""Typical user code, checked by ``mypy --strict`` (tests/test_contract.py):
the README's examples, reading and validating.  Every name comes from the top
level, as a user writes it; reveal_type-free, so it also runs."""

from __future__ import annotations

from decimal import Decimal

import govclass


def look_up() -> list[str]:
    c: govclass.Code = govclass.lookup("2101505")
    name: str = c.name
    path: tuple[str, ...] = c.path
    level: govclass.Level = c.level
    parent: str | None = c.parent
    kids: tuple[str, ...] = c.children
    out = [name, " › ".join(path), level.value, parent or "", str(len(kids))]
    out.append(govclass.lookup("15", parent="210").code)
    ok: bool = govclass.is_valid("310111")
    out.append(str(ok))
    try:
        govclass.lookup("310111")
    except govclass.UnknownCodeError as e:
        first: govclass.Suggestion = e.suggestions[0]
        out.append(first.code)
    hits: list[govclass.Hit] = govclass.search("行政运行", level="项", classification="functional")
    out.extend(h.code.code for h in hits[:2])
    cat: govclass.Catalog = govclass.get_catalog(2024)
    out.append(str(cat.year))
    years: tuple[int, ...] = govclass.available_years()
    newest: int = govclass.latest()
    out.append(f"{years[0]}-{newest}")
    try:
        govclass.lookup("22911", year=2024)
    except govclass.RetiredCodeError as e:
        out.append(e.state)
    out.append(govclass.normalize_code("210 15 05"))
    return out


def check(path: str) -> int:
    doc: govclass.Document = govclass.read(path)
    tables: int = len(doc.tables)
    report: govclass.Report = govclass.validate(doc, year=2024)
    same: govclass.Report = govclass.validate(path)
    for f in report.findings:
        finding: govclass.Finding = f
        rule: str = finding.rule
        where: int | None = finding.line
        diff: Decimal | None = finding.difference
        print(rule, where, diff, finding.message_zh)
    checked: list[govclass.CheckedRelation] = list(report.relations)
    as_json: dict[str, object] = report.to_dict()
    return tables + len(checked) + len(as_json) + (0 if same.ok else 1)


if __name__ == "__main__":
    print(look_up())
