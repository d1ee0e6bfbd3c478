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
    # what a disclosure reader could not read (govclass.document.Problem)
    "unreadable-table": WARNING,
    "missing-table": WARNING,
    "unreadable-line": WARNING,
    "empty-table": INFO,
    "column-placement": INFO,
    "local-subitem": INFO,  # 3021101 under 30211: a local item of a national code, checked under it
    "list-restarts": INFO,
    "column-relation": INFO,  # a relation read from a header that the table contradicts on most lines: not checked  # a code list that starts over (one run per budget unit): runs checked apart
    "unchecked-table": INFO,  # a table that is not a coded budget table (政府采购, 绩效目标…): recognised, not checked
    "unread-line": ERROR,  # a row that prints a code could not be read (PDF): never a pass
    "edition-fallback": WARNING,  # no edition of the document's year: another was used, and named
    # between the tables of a disclosure (govclass.validation.rules.cross)
    **CROSS_RULES,
}

