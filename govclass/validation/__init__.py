"""Validation: ``validate(document) -> Report``, the rules and their findings."""

from govclass.validation.report import Finding, Report
from govclass.validation.validate import RULES, prove, validate

__all__ = ["Finding", "Report", "validate", "prove", "RULES", "SEVERITY"]


def __getattr__(name: str):
    if name == "SEVERITY":  # every rule id's severity: loads the readers' declarations too, when asked for
        import sys

        return sys.modules["govclass.validation.validate"].SEVERITY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
