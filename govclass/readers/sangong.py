"""The “三公” table as a :class:`~govclass.document.Statement`, read from its cells: one rule for every
reader that sees cells (the PDF reader, govclass.readers.pdf.statements, and the XLSX reader,
govclass.readers.sheettables).

Provinces print the 三公 table in several layouts; each becomes the same
statement, of kind ``three-public``, whose columns are the items the
narrative and identity rules look for (合计, 因公出国(境)费, 公务接待费,
公务用车购置及运行维护费小计, 公务用车购置, 公务用车运行维护费, and
机关运行经费 when the table prints it) and whose rows are what the table
prints a figure for:

- the items as columns, one row of figures (Beijing, Shanghai, Chongqing,
  Suzhou/Wuxi), or one row per budget unit under a 合计 row (Huzhou,
  Changsha, Xi'an: 单位编码 and 单位名称 as labels);
- the items as rows with the figures in a column (Guangzhou's 行政经费 and
  “三公”经费 table, Fuzhou): read as one row, 合计;
- column groups of other periods (上年 / 2025年预算数 / 增减变化情况) are not
  this year's figures and are left out; in a 决算 the 决算数 group is the
  row 合计 and the 预算数 group a row 年初预算数.

Which words name an item or a period is data (``sangong`` in
govclass/data/table_titles.yaml, read by govclass.vocabulary), not code.  A table whose headings or
labels name no item is not read here (None): the caller reads it as before.
"""

from __future__ import annotations

import re

from govclass.document import Item, Statement, parse_amount, sum_of_cells
from govclass.vocabulary import FIGURE_ANY_GROUPING, NO_FIGURE_MARKS, fold_unquoted, is_figure_cell, table_words

__all__ = ["is_sangong_title", "names_sangong", "sangong_statement", "item_of"]

_YEAR = re.compile(r"(20\d\d)\s*年")
#: the items a table of 三公 may print beside the 三公 items: not among the parts that make it one
_BESIDE_SANGONG = ("合计", "行政经费", "会议费", "培训费")


def _vocab() -> dict:
    """The words of the 三公 table (``sangong`` in table_titles.yaml)."""
    return table_words()["sangong"]


def _is_fig(text: str) -> bool:
    return is_figure_cell(text, pattern=FIGURE_ANY_GROUPING)


def _cell(cells: list[str], index: int):
    value = cells[index].replace(" ", "") if index < len(cells) else ""
    return parse_amount(None if not value or value in NO_FIGURE_MARKS else value)


def is_sangong_title(text: str) -> bool:
    return "三公" in fold_unquoted(text)


def names_sangong(header: list[str]) -> bool:
    """Whether a header names the 三公 items (two of 因公出国, 公务接待,
    公务用车 at least): the 三公 table printed without its title over it."""
    named = {item_of(part) for heading in header for part in heading.split("/") if part}
    return len(named & {"因公出国(境)费", "公务接待费", "公务用车购置及运行维护费小计"}) >= 2


def item_of(text: str) -> str | None:
    """The 三公 item a heading part or a row label names, or None."""
    folded = fold_unquoted(text)
    for name, words in _vocab()["items"]:
        if all(w in folded for w in words):
            return name
    return None


def _column_item(label: str) -> tuple[str | None, bool]:
    """The item of a heading path (``parent/leaf``): the leaf's own item,
    unless the leaf says only 合计/小计 and a parent names a part (公务用车购置及运行费/小计);
    and whether the path names 三公 (a 合计 of the 三公, not of 三公 + 会议费 + 培训费)."""
    named = [item_of(part) for part in label.split("/") if part]
    named = [item for item in named if item is not None]  # 预算数, 2026年, 上年…: no item
    if not named:
        return None, False
    leaf = named[-1]
    if leaf == "合计":  # 公务用车购置及运行费/小计: the 小计 of its parent
        leaf = next((item for item in reversed(named) if item != "合计"), leaf)
    return leaf, "三公" in fold_unquoted(label)


def _period(label: str, year: int | None) -> str:
    """``other`` (上年, another year, 增减), ``final`` (决算数), ``budget`` (预算数 in a 决算) or ``this``."""
    vocab = _vocab()
    folded = fold_unquoted(label)
    if any(w in folded for w in vocab["other_period"]):
        return "other"
    years = {int(y) for y in _YEAR.findall(folded)}
    if years and year is not None and year not in years:
        return "other"
    if any(w in folded for w in vocab["final_group"]):
        return "final"
    return "this"


def sangong_statement(name: str, unit: str, header: list[str], rows: list[tuple[list[str], int]], year: int | None,
                      final: bool) -> Statement | None:
    """The 三公 table (see the module docstring), or None when it names no item."""
    width = max([len(header)] + [len(cells) for cells, _page in rows])
    labels = [header[k] if k < len(header) else "" for k in range(width)]
    figures = [any(k < len(cells) and cells[k] and _is_fig(cells[k]) for cells, _page in rows) for k in range(width)]
    words = [any(k < len(cells) and cells[k] and not _is_fig(cells[k]) for cells, _page in rows) for k in range(width)]
    # a column of figures (or blank all through: a blank is a cell, not an absent column) under an item's heading
    col_item = [_column_item(label) if not words[k] else (None, False) for k, label in enumerate(labels)]
    parts = {item for item, _s in col_item if item not in (None, *_BESIDE_SANGONG)}
    if len(parts) >= 2:
        return _items_as_columns(name, unit, labels, rows, col_item, words, year, final)
    return _items_as_rows(name, unit, labels, rows, figures, words, year, final)


def _column_groups(labels: list[str], col_item: list[tuple[str | None, bool]], year: int | None, final: bool
                   ) -> dict[str, dict[str, int]]:
    """The item columns by period (``this``, ``final``, ``budget``): period -> item -> column."""
    groups: dict[str, dict[str, int]] = {}
    for k, (item, sangong) in enumerate(col_item):
        if item is None:
            continue
        period = _period(labels[k], year)
        if final and period == "this":
            period = "budget" if any(w in fold_unquoted(labels[k]) for w in _vocab()["budget_group"]) else "this"
        if period == "other":
            continue
        group = groups.setdefault(period, {})
        if item in group:
            if item == "合计" and sangong and not col_item[group[item]][1]:
                group["合计(含其他)"] = group[item]  # the table's 合计 of 三公, 会议费 and 培训费: the 三公 合计 is this one
                group[item] = k
            else:
                group[item + "'"] = k
            continue
        if item == "合计" and not sangong and any(s for other, s in col_item if other == "合计" and s):
            item = "合计(含其他)"
        group[item] = k
    return groups


def _items_as_columns(name, unit, labels, rows, col_item, words, year, final) -> Statement | None:
    groups = _column_groups(labels, col_item, year, final)
    main = groups.get("final") if final and "final" in groups else groups.get("this")
    if not main:
        return None
    funds = _fund_columns(main, labels)
    label_cols = [k for k in range(len(labels)) if words[k] and col_item[k][0] is None]
    columns = tuple(c for c in main if c not in funds["parts"])
    items: list[Item] = []
    for cells, page in rows:
        label = " ".join(cells[k].strip() for k in label_cols if k < len(cells) and cells[k].strip())
        if label and _period(label, year) == "other":
            continue  # a row of another year or of the change (Shenzhen: 2025 年 / 2026 年 / 增减变化金额)
        figures = {c: _cell(cells, k) for c, k in main.items() if c not in funds["parts"]}
        for column, ks in funds["sums"].items():
            figures[column] = sum_of_cells([_cell(cells, k) for k in ks])
        if not label and not any(x.strip() for x in cells):
            continue
        text = " ".join(x for x in cells if x)[:120]
        items.append(Item(label or ("合计" if len(rows) == 1 else ""), figures, None, None, None, page, text))
        other = groups.get("budget") if final else None
        if other:
            items.append(Item("年初预算数", {c: _cell(cells, other[c]) if c in other else parse_amount(None)
                                        for c in columns}, None, None, None, page, text))
    return Statement(name, "three-public", unit, {"": columns}, tuple(items), None, None)


def _fund_columns(main: dict[str, int], labels: list[str]) -> dict:
    """An item printed by source of funds (its columns headed 一般公共预算,
    政府性基金预算, 国有资本经营预算 under it, Shenzhen): the item is their sum.
    ``sums``: item -> its columns; ``parts``: the primed names they had."""
    words = _vocab().get("funds", ())
    sums: dict[str, list[int]] = {}
    parts: set[str] = set()
    for column, k in main.items():
        leaf = fold_unquoted(labels[k].split("/")[-1])
        if any(w in leaf for w in words):
            base = column.rstrip("'")
            sums.setdefault(base, []).append(k)
            if column != base:
                parts.add(column)
    return {"sums": {c: ks for c, ks in sums.items() if len(ks) > 1}, "parts": parts}


def _items_as_rows(name, unit, labels, rows, figures, words, year, final) -> Statement | None:
    label_k = next((k for k in range(len(labels)) if words[k]), None)
    if label_k is None:
        return None
    fig_cols = [k for k in range(len(labels)) if figures[k] and k != label_k and _period(labels[k], year) != "other"]
    if final:
        fig_cols = [k for k in fig_cols if _period(labels[k], year) == "final"] or fig_cols
    if not fig_cols:
        return None
    column = fig_cols[0]  # 合计 / 预算数 / 决算数: the first column of figures (then 一般公共预算, 政府性基金… by source)
    found: dict = {}
    page = None
    printed: list[str] = []
    for cells, row_page in rows:
        item = item_of(cells[label_k]) if label_k < len(cells) else None
        if item is None or item in found:
            continue
        found[item] = _cell(cells, column)
        page = page or row_page
        printed.append(f"{cells[label_k]} {cells[column] if column < len(cells) else ''}".strip())
    if len({i for i in found if i not in _BESIDE_SANGONG}) < 2:
        return None
    return Statement(name, "three-public", unit, {"": tuple(found)},
                     (Item("合计", found, None, None, None, page, "; ".join(printed)[:120]),), None, None)
