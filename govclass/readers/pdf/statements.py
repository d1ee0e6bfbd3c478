"""Stage 5 of the PDF reader (with :mod:`govclass.readers.pdf.build`): the statements a PDF prints,
tables of labelled rows rather than codes.

- The 收支总表 and the 决算 statements (:func:`two_sided_statement`): each side's label and
  figures, 收入 | 支出 in either order, the figure columns named by the header.
- The “三公” table (:func:`sangong_of`), read from its cells by :mod:`govclass.readers.sangong` (the
  rule the XLSX reader uses too).
- A 收入总表 printed by unit as a table of its total alone (:func:`units_total_table`).  (A table of
  机关运行经费 as a statement of its 合计 is the document model's ``running_costs_statement``: the
  validator makes it again of a table whose rows it did not prove.)
"""

from __future__ import annotations

import re

from govclass.document import Item, Line, Statement, Table, parse_amount
from govclass.readers.pdf.grids import cells_by_leaf, row_box
from govclass.readers.pdf.layout import PrintedTable
from govclass.readers.sangong import is_sangong_title, names_sangong, sangong_statement
from govclass.vocabulary import (FIGURE_ANY_GROUPING, NO_FIGURE_MARKS, STATEMENT_TOTAL_HEADINGS, TOTAL_WORDS,
                                 column_synonym, fold_cell, fold_unquoted, is_figure_cell)

__all__ = ["sangong_of", "units_total_table", "two_sided_statement"]

def _is_fig(text: str) -> bool:
    return is_figure_cell(text, pattern=FIGURE_ANY_GROUPING)


def _cell(cells: list[str], index: int):
    value = cells[index].replace(" ", "") if index < len(cells) else ""
    return parse_amount(None if not value or value in NO_FIGURE_MARKS else value)


# -- the 收支总表 and the 决算 statements --------------------------------------------------------------

_STATEMENT_COLUMN = re.compile(r"预算数|决算数|金额|^合计$|预算$")


def _sides(labels: list[str], count: int, two: bool) -> list[str]:
    """Each column's side: 收入 or 支出 by the headings over it (the last one's when they say neither),
    "" for a one-sided statement."""
    side_of: list[str] = []
    for column in range(count):
        parts = labels[column].split("/") if column < len(labels) else [""]
        top = parts[0]
        if two:
            side = "支出" if "支出" in top and "收入" not in top else "收入" if "收入" in top else (
                "支出" if any("支出" in p and "收入" not in p for p in parts) else
                "收入" if any("收入" in p for p in parts) else (side_of[-1] if side_of else "收入"))
        else:
            side = ""
        side_of.append(side)
    return side_of


def _side_plan(side: str, columns: list[int], labels: list[str], texts: list[list[str]], wanted: tuple[str, ...]
               ) -> tuple[int | None, int | None, list[tuple[int, str]]]:
    """One side's label column, 行次 column and figure columns (each with the name the statement
    gives it: the standard column the heading means, else the heading)."""
    row_k = next((k for k in columns if k < len(labels) and fold_cell(labels[k].split("/")[-1]) in ("行次", "栏次")),
                 None)
    # a margin column (no heading, nothing printed in it) is no column of the statement
    columns = [k for k in columns if k != row_k and (any(r[k] for r in texts) or (k < len(labels) and labels[k]))]
    # the label column: the first whose cells are words, not figures
    label_k = next((k for k in columns if sum(1 for r in texts if r[k] and not is_figure_cell(r[k])) >=
                    max(1, sum(1 for r in texts if r[k]) // 2)), None)
    named: list[tuple[int, str]] = []
    for index in columns:
        if index == label_k:
            continue
        leaf = fold_cell(labels[index].split("/")[-1]) if index < len(labels) else ""
        synonym = column_synonym(leaf)
        column = next((c for c in wanted if fold_cell(c) == leaf or c == synonym), None)
        if column is None and wanted and (not leaf or _STATEMENT_COLUMN.search(leaf)):
            column = wanted[0]
        if column is None:
            column = leaf or f"第{index + 1}栏"
        while column in [c for _k, c in named]:
            column += "'"
        named.append((index, column))
    return label_k, row_k, named


def two_sided_statement(table: PrintedTable, name: str, unit: str, rows, kind_def) -> Statement:
    """A two-sided (收入 | 支出, in either order) or one-sided statement:
    each side's label and figures, the figure columns named by the header
    (the standard column they are, when the header says so).  A column the
    table does not print is absent, not blank."""
    labels = table.header
    sides_def: dict = kind_def.columns
    side_of = _sides(labels, len(table.edges) - 1, "收入" in sides_def)
    spans: list[tuple[str, list[int]]] = []
    for index, side in enumerate(side_of):
        if spans and spans[-1][0] == side:
            spans[-1][1].append(index)
        else:
            spans.append((side, [index]))
    texts = [cells for cells, _page, _band in rows]
    columns: dict[str, list[str]] = {}
    plan: list[tuple[str, int | None, int | None, list[tuple[int, str]]]] = []
    for side, side_columns in spans:
        label_k, row_k, named = _side_plan(side, side_columns, labels, texts, sides_def.get(side, ()))
        columns.setdefault(side, []).extend(c for _k, c in named)
        plan.append((side, label_k, row_k, named))
    items: list[Item] = []
    for cells, page, band in rows:
        for side, label_k, row_k, named in plan:
            label = cells[label_k] if label_k is not None else ""
            number = int(cells[row_k]) if row_k is not None and cells[row_k].strip().isdigit() else None
            values = {c: cells[k].replace(" ", "") for k, c in named}
            if not label and not any(values.values()):
                continue
            figures = {c: parse_amount(None if not v or v in NO_FIGURE_MARKS else v) for c, v in values.items()}
            printed = " ".join(x for x in [label, *values.values()] if x)
            items.append(Item(label, figures, side or None, number, None, page, printed[:120], row_box(band)))
    return Statement(name, table.kind, unit, {k: tuple(v) for k, v in columns.items()}, tuple(items), None, None)


# -- the 三公 table as a PDF prints it --------------------------------------------------------------

def sangong_of(table: PrintedTable, unit: str, year: int | None, final: bool) -> Statement | None:
    """The 三公 table as a statement (govclass.readers.sangong), when the table's title or header names 三公."""
    if not (is_sangong_title(table.title) or any(is_sangong_title(h) for h in table.header) or
            names_sangong(table.header)) or not table.rows:
        return None
    name = table.title or f"page {table.page} table"
    rows = [(cells_by_leaf(band, table.edges), page) for page, band in table.rows]
    return sangong_statement(name, unit, table.header, rows, year, final)


# -- a 收入总表 by unit ----------------------------------------------------------------------------------

def _total_column(labels: list[str], label_k: int | None) -> int | None:
    """The column of the table's whole: headed 合计 / 收入总计, or 合计 under
    the one group that holds every column of figures (部门预算/合计, Xi'an); not
    the 合计 of one group among others (本年收入/合计 beside 上年结转结余)."""
    parts = [[fold_unquoted(p) for p in label.split("/") if p] for label in labels]
    top = next((k for k, ps in enumerate(parts) if k != label_k and ps and ps[0] in STATEMENT_TOTAL_HEADINGS), None)
    if top is not None:
        return top
    under = [k for k, ps in enumerate(parts) if k != label_k and len(ps) == 2 and ps[1] in STATEMENT_TOTAL_HEADINGS]
    groups = {ps[0] for ps in parts if len(ps) >= 2}
    return under[0] if under and len(groups) == 1 else None


def units_total_table(name: str, unit: str, kind: str, header: list[str], rows: list[tuple[list[str], int]]
                      ) -> Table | None:
    """A 收入总表 printed by budget unit rather than by code (a row per unit under
    合计, columns by source; or the one unit of a department of one unit, with
    no 合计 row: its row is the whole), or as one row of figures with no label (its
    total alone): its 合计 row's 合计 figure, as a table of that one total line, so that the summary's 收入总计
    can be checked against it.  The units' rows carry no code and are not lines of it (the by-code checks
    say they cannot be made)."""
    width = max([len(header)] + [len(cells) for cells, _page in rows])
    labels = [header[k] if k < len(header) else "" for k in range(width)]
    label_k = next((k for k in range(width) if any(k < len(cells) and cells[k] and not _is_fig(cells[k])
                                                   for cells, _page in rows)), None)
    total_k = _total_column(labels, label_k)
    if total_k is None or (label_k is None and len(rows) != 1):
        return None
    if label_k is None:  # one row of figures and no label (Beijing 预算02表): the table's total
        found = rows
    else:
        found = [(cells, page) for cells, page in rows if label_k < len(cells) and
                 fold_unquoted(cells[label_k]) in TOTAL_WORDS]
        if not found:  # no 合计 row: the table's one row of figures, if it prints one only
            found = [(cells, page) for cells, page in rows if any(_is_fig(x) for x in cells)]
    if len(found) != 1:
        return None
    cells, page = found[0]
    line = Line(None, "合计", {"合计": _cell(cells, total_k)}, True, 1, None, None, page,
                " ".join(x for x in cells if x)[:120])
    return Table(name, "functional", unit, ("合计",), (line,), (), kind, None, None)
