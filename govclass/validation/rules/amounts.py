"""invalid-amount: a cell that is not a number."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govclass.catalog import Catalog
from govclass.rulebook import ERROR, declare
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding


declare("invalid-amount", ERROR, "amounts", "a cell holds text that is not a number (a blank is no value, never 0)",
        "单元格内容不是数字（空白不是 0，是没有数值）")


@check("invalid-amount", order=10)
def rule_invalid_amount(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    table = frame.table
    for i in frame.invalid:
        line = frame.lines[i]
        for column in frame.columns:
            cell = line.cells.get(column)
            if cell is not None and cell.invalid:
                yield finding_for("invalid-amount", table, line, f"{column}: {cell.raw!r} is not a number",
                               f"{column}栏“{cell.raw}”不是数字", code=line.code, name=line.name, column=column,
                               actual=cell.raw)



@screen("invalid-amount")
def invalid_rows(block) -> list[int]:
    """The rows rule_invalid_amount speaks of: a cell that is not a number."""
    return block.invalid
