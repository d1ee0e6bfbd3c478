"""The versions of what govclass prints as JSON, and the report's schema.

Every JSON output carries ``"version": FORMAT_VERSION``.  The version follows
semantic versioning for its readers: the minor number grows when a field is
added, the major when a field is removed or changes meaning (see the README's
version policy and docs/report-format.md).
"""

from __future__ import annotations

FORMAT_VERSION = "1.1"


def report_schema() -> dict:
    """The JSON Schema (draft 2020-12) of ``validate --format json|jsonl``."""
    from govclass.document.schema import packaged_schema

    return packaged_schema("report.schema.json")


def check_report(data: object) -> list[str]:
    """Where ``data`` departs from the report schema (empty when it conforms)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema())
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
