"""invalid-amount: a cell that is not a number."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.validation.frame import Frame, finding_for
from govclass.validation.report import Finding

def rule_invalid_amount(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    table = frame.table
    for i in frame.invalid:
        line = frame.lines[i]
        for column, cell in line.cells.items():
            if cell.invalid:
                yield finding_for("invalid-amount", table, line, f"{column}: {cell.raw!r} is not a number",
                               f"{column}栏“{cell.raw}”不是数字", code=line.code, name=line.name, column=column,
                               actual=cell.raw)

