"""Validation: ``validate(document) -> Report``, the rules and their findings."""

from govclass.validation.report import Finding, Report
from govclass.validation.validate import RULES, SEVERITY, validate

__all__ = ["Finding", "Report", "validate", "RULES", "SEVERITY"]
