"""The tables of a government's report as the PDF prints them (issue 26; the words are
:mod:`govclass.readers.government`'s).

A government's report prints tables a department's disclosure does not: rows by name without a code
(一、税收收入 | 增值税 | 企业所得税 …), revenue and expenditure side by side on one row (收入 | 支出: a code,
a name and figures each), rows of regions, a balance (收入总计 | 支出总计).  The coded tables a
department prints too are read by :mod:`govclass.readers.pdf.build` as they are; here are read:

- a table whose rows print names and figures, with or without a code (:func:`side_tables`): each side
  of a table printed in panels (a code or name column, then the figure columns of its own) a table of
  its own, its rows by name matched to codes later (govclass.readers.government.finish_table);
- every table of the report finished: its classification, names, totals, regions, budget, scope, year
  and column periods (:func:`finish`).
"""

from __future__ import annotations

import re

from govclass.document import TEXT, Line, Problem, Table, column_kind, parse_amount, two_figures
from govclass.readers.codeparts import split_code_name
from govclass.readers.government import TableFacts, finish_tables, table_facts
from govclass.readers.headings import unique_column_names
from govclass.readers.pdf.grids import cells_by_leaf
from govclass.readers.pdf.headers import has_header_words
from govclass.readers.pdf.layout import PrintedTable
from govclass.readers.pdf.settings import SETTINGS
from govclass.vocabulary import REPORT_NO_FIGURE_MARKS, fold_cell, is_figure_cell

__all__ = ["side_tables", "finish", "facts_of", "has_code_column", "is_project_list", "is_prose"]

#: a column's role: the code of a row, its name, or figures
CODE, NAME, FIGURES = "code", "name", "figures"


def facts_of(table: PrintedTable) -> TableFacts:
    """What a printed table's title (else its caption) says of it."""
    return table_facts(table.title or " ".join(table.caption))


_PUNCTUATION = re.compile(r"[，。；！？]")


def is_prose(table: PrintedTable) -> bool:
    """A framed paragraph of the report (its cells sentences, their amounts in words): no table."""
    return _prose([cells_by_leaf(band, table.edges) for _page, band in table.rows])


def _prose(rows: list[list[str]]) -> bool:
    """Rows that are sentences (their cells end in ， 。 ；): the report's words framed, not a table."""
    cells = [c for row in rows for c in row if c.strip()]
    sentences = sum(1 for c in cells if _PUNCTUATION.search(c))
    return bool(cells) and sentences * 4 >= len(cells)


def _is_figure(text: str) -> bool:
    """A cell that prints a figure (without decimals too: 1818054), a percentage (18.1%) or a dash."""
    folded = text.replace(" ", "").rstrip("%％")
    return is_figure_cell(folded) or folded in REPORT_NO_FIGURE_MARKS


def _roles(rows: list[list[str]], width: int, labels: list[str]) -> list[str | None]:
    """Each leaf column's role by what it prints: figures, names, or codes (None: prints nothing).  A
    column of codes stands before the names they are of: a column of whole numbers after the names is
    figures printed without decimals (a region's 2232163), never codes."""
    settings = SETTINGS
    roles: list[str | None] = []
    coded: list[bool] = []
    for index in range(width):
        printed = [r[index] for r in rows if r[index].strip()]
        if not printed:
            roles.append(None)
            coded.append(False)
            continue
        codes = [split_code_name(v)[0] for v in printed if split_code_name(v)[0] is not None and not split_code_name(v)[1]]
        figures = sum(1 for v in printed if _is_figure(v))
        # a list of codes prints a 类, a 项 or a 目 (3, 7, 9 digits), not only 款-long figures (37081, 31581)
        coded.append(len(codes) >= settings.code_column_share * len(printed) and
                     any(len(c) in (3, 7, 9) for c in codes))
        roles.append(FIGURES if figures >= settings.figure_column_share * len(printed) else NAME)
    for index, is_coded in enumerate(coded):
        after = next((role for role in roles[index + 1:] if role is not None), None)
        if is_coded and after == NAME and not _MONEY_HEADING.search(labels[index] if index < len(labels) else ""):
            roles[index] = CODE
    return roles


#: a column headed as money holds figures, whatever they look like (2164017 | 补助下级支出: a figure of the left
#: side before the names of the right)
_MONEY_HEADING = re.compile(r"金额|[预决]算数|执行数|完成数|合计|小计|总计|[万亿]?元")


class _Side:
    """One side of a table printed in panels: its code column (if any), its name column, its figure columns."""

    def __init__(self) -> None:
        self.code: int | None = None
        self.name: int | None = None
        self.figures: list[int] = []


#: the header words of a column of names that starts a side of its own (收入 | 支出 printed side by side)
_SIDE_HEADINGS = ("科目", "项目", "名称", "收入", "支出", "地区", "市县")


def _sides(roles: list[str | None], labels: list[str]) -> list[_Side]:
    """The table's sides, left to right: a side starts at a code column, or at a column of names after
    figures when it is headed as one (科目, 项目, 收入, 支出 …); a column of words among the figures
    (期限, 备注) is one of them (its kind is told later: text is never summed).  A side holds the columns
    up to the next side."""
    sides: list[_Side] = []
    for index, role in enumerate(roles):
        current = sides[-1] if sides else None
        if role == CODE:
            sides.append(_Side())
            sides[-1].code = index
        elif role == NAME and current is not None and current.name is None:
            current.name = index  # the names of the codes before them
        elif role == NAME and (current is None or current.figures and any(w in labels[index] for w in _SIDE_HEADINGS)):
            sides.append(_Side())
            sides[-1].name = index
        elif role is not None and current is not None:
            current.figures.append(index)
    return [side for side in sides if side.name is not None and any(roles[k] == FIGURES for k in side.figures)]


def has_code_column(side: tuple[Table, str | None]) -> bool:
    """Whether a side read by :func:`side_tables` printed codes (the code as printed on some line)."""
    return any(line.code for line in side[0].lines)


def _side_word(labels: list[str], side: _Side) -> str | None:
    """收入 or 支出, when the side's headers say which."""
    words = "".join(labels[k] for k in [side.name, *side.figures] if k is not None and k < len(labels))
    if "收入" in words and "支出" not in words:
        return "收入"
    if "支出" in words and "收入" not in words:
        return "支出"
    return None


def side_tables(table: PrintedTable, unit: str) -> list[tuple[Table, str | None]]:
    """A printed table whose rows print names and figures (a code too, or not) as one table per side
    (a table printed in panels, 收入 | 支出, gives two), each row a line with its code as printed (None when
    it prints none) and its name: the names are matched to codes afterwards; with the side's word (收入,
    支出) when its header says it.  Rows that print neither a
    name nor a code are no lines.  Empty when the table prints no column of names and figures."""
    rows = [(cells_by_leaf(band, table.edges), page) for page, band in table.rows]
    if not rows:
        return []
    width = len(table.edges) - 1
    labels = [table.header[k] if k < len(table.header) else "" for k in range(width)]
    if _prose([cells for cells, _page in rows]):
        return []  # a framed paragraph of the report, its amounts in words: no table
    roles = _roles([cells for cells, _page in rows], width, labels)
    sides = _sides(roles, labels)
    out = []
    for number, side in enumerate(sides, 1):
        names = unique_column_names(labels, side.figures)
        lines = _side_lines(side, names, rows, labels)
        if not lines:
            continue
        word = _side_word(labels, side)
        suffix = "" if len(sides) == 1 else f"（{word}）" if word else f"（第{number}栏）"
        # a column of words among the figures (地区, 偿还资金来源, 期限) holds text, however few its words
        kinds = tuple(TEXT if roles[k] == NAME else column_kind(n, (ln.cells[n].raw for ln in lines))
                      for k, n in zip(side.figures, names))
        out.append((Table(table.name + suffix, "functional", unit, tuple(names), tuple(lines), (), None, None, None,
                          kinds), word))
    return out


def _side_lines(side: _Side, names: list[str], rows: list[tuple[list[str], int]], labels: list[str]) -> list[Line]:
    lines: list[Line] = []
    for cells, page in rows:
        code = split_code_name(cells[side.code])[0] if side.code is not None else None
        name = cells[side.name].strip() if side.name is not None else ""
        if code is None and side.code is not None:  # a code and its name in the code's cell
            code, rest = split_code_name(cells[side.code])
            name = name or rest
        figures = {}
        for column, index in zip(names, side.figures):
            value = cells[index].strip()  # its spaces kept when they part two figures (never one number)
            value = value if two_figures(value) else value.replace(" ", "")
            blank = not value or value.replace(" ", "") in REPORT_NO_FIGURE_MARKS
            figures[column] = parse_amount(None if blank else value)
        if code is None and not name or _repeated_header(name, [cells[k] for k in side.figures], side, labels):
            continue
        own = [cells[k] for k in [side.code, side.name, *side.figures] if k is not None and cells[k]]
        lines.append(Line(code, name or None, figures, False, len(lines) + 1, None, None, page,
                          " | ".join(own)[:120]))
    return lines


def _repeated_header(name: str, figures: list[str], side: _Side, labels: list[str]) -> bool:
    """A table's header printed again on the page it goes on to (项目 | 越秀区 | 海珠区 …), or a row of headings
    under it (一般公共预算科目和名称 | 2082601财政对企业职工… | …: the classification of each column): no row."""
    if any(_is_figure(f) and f.strip() not in REPORT_NO_FIGURE_MARKS for f in figures if f):
        return False  # a figure: a row
    if sum(1 for f in figures if f.strip() and not _is_figure(f)) >= 2:
        return True
    heads = [fold_cell(labels[k].split("/")[-1]) for k in [side.name, *side.figures] if k is not None and k < len(labels)]
    printed = [fold_cell(x) for x in [name, *figures]]
    return printed == heads or has_header_words([name, *figures])


#: a table of projects (债券项目明细, 项目用途, 基础资料): rows that are no classification's
_PROJECTS = re.compile(r"项目(?:明细|用途|表$|情况表$)|基础资料|绩效")


def is_project_list(table: PrintedTable) -> bool:
    """A table whose rows are projects (2025年新增专项债券项目明细情况表, 新增债券和政府外贷项目用途情况表) or
    facts that are no money of the classification (基本医疗保险基础资料表): not a table govclass checks."""
    return bool(_PROJECTS.search((table.title or "").replace(" ", "")))


def finish(tables: list[tuple[Table, str | None]], printed: PrintedTable, catalog, problems: list[Problem]
           ) -> list[Table]:
    """Every table read from ``printed`` (with its side's word, 收入 or 支出, when known) finished as a
    government's report's (govclass.readers.government.finish_table): the facts its title says, its columns'
    periods by their names."""
    facts = facts_of(printed)
    return [part for one, side in tables for part in finish_tables(one, facts, catalog, problems, side=side)]
