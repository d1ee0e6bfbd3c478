"""Every rule id with its severity."""

from __future__ import annotations

from govclass.validation.report import ERROR, INFO, WARNING
from govclass.validation.rules.cross import CROSS_RULES

SEVERITY = {
    "schema": ERROR,
    "invalid-amount": ERROR,
    "unknown-code": ERROR,
    "retired-code": ERROR,
    "wrong-classification": ERROR,
    "orphan": ERROR,
    "uncoded-line": WARNING,
    "duplicate-line": ERROR,
    "name-mismatch": ERROR,
    "name-variant": WARNING,
    "low-confidence-code": INFO,
    "missing-parent": WARNING,
    "level-misplaced": ERROR,
    "rollup-mismatch": ERROR,
    "column-mismatch": ERROR,
    "rounding-difference": INFO,
    "incomplete-sum": WARNING,
    # what a disclosure reader could not read (govclass.document.Problem)
    "unreadable-table": WARNING,
    "missing-table": WARNING,
    "unreadable-line": WARNING,
    "empty-table": INFO,
    "column-placement": INFO,
    # between the tables of a disclosure (govclass.validation.rules.cross)
    **CROSS_RULES,
}

