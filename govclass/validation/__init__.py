"""Validation: ``validate(document) -> Report``, the rules and their findings."""

from govclass.validation.report import Finding, Report
from govclass.validation.validate import RULES, SEVERITY, prove, validate

__all__ = ["Finding", "Report", "validate", "prove", "RULES", "SEVERITY"]
