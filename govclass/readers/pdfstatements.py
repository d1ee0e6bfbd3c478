"""The “三公” table of a PDF disclosure as a :class:`~govclass.document.Statement`.

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
govclass/data/table_titles.yaml, read by govclass.vocabulary), not code.  A table whose headings or labels
name no item is not read here (None): the caller reads it as before.
"""

from __future__ import annotations

import re

from govclass.document import Item, Line, Statement, Table, parse_amount, sum_of_cells
from govclass.vocabulary import (FIGURE_ANY_GROUPING, NO_FIGURE_MARKS, STATEMENT_TOTAL_HEADINGS, TOTAL_WORDS, fold_label,
                                 fold_unquoted, is_figure_cell, table_words)

__all__ = ["is_sangong_title", "names_sangong", "sangong_statement", "admin_running_statement", "find_row"]

_YEAR = re.compile(r"(20\d\d)\s*年")


def _vocab() -> dict:
    """The words of the 三公 table (``sangong`` in table_titles.yaml)."""
    return table_words()["sangong"]


_fold = fold_unquoted


def _is_fig(text: str) -> bool:
    return is_figure_cell(text, pattern=FIGURE_ANY_GROUPING)


def is_sangong_title(text: str) -> bool:
    return "三公" in _fold(text)


def names_sangong(header: list[str]) -> bool:
    """Whether a header names the 三公 items (two of 因公出国, 公务接待,
    公务用车 at least): the 三公 table printed without its title over it."""
    named = {item_of(part) for h in header for part in h.split("/") if part}
    return len(named & {"因公出国(境)费", "公务接待费", "公务用车购置及运行维护费小计"}) >= 2


def item_of(text: str) -> str | None:
    """The 三公 item a heading part or a row label names, or None."""
    t = _fold(text)
    for name, words in _vocab()["items"]:
        if all(w in t for w in words):
            return name
    return None


def _column_item(label: str) -> tuple[str | None, bool]:
    """The item of a heading path (``parent/leaf``): the leaf's own item,
    unless the leaf says only 合计/小计 and a parent names a part (公务用车购置及运行费/小计);
    and whether the path names 三公 (a 合计 of the 三公, not of 三公 + 会议费 + 培训费)."""
    named = [item_of(p) for p in label.split("/") if p]
    named = [it for it in named if it is not None]  # 预算数, 2026年, 上年…: no item
    if not named:
        return None, False
    leaf = named[-1]
    if leaf == "合计":  # 公务用车购置及运行费/小计: the 小计 of its parent
        leaf = next((it for it in reversed(named) if it != "合计"), leaf)
    return leaf, "三公" in _fold(label)


def _period(label: str, year: int | None) -> str:
    """``other`` (上年, another year, 增减), ``final`` (决算数), ``budget`` (预算数 in a 决算) or ``this``."""
    v = _vocab()
    t = _fold(label)
    if any(w in t for w in v["other_period"]):
        return "other"
    years = {int(y) for y in _YEAR.findall(t)}
    if years and year is not None and year not in years:
        return "other"
    if any(w in t for w in v["final_group"]):
        return "final"
    return "this"


def sangong_statement(name: str, unit: str, header: list[str], rows: list[tuple[list[str], int]], year: int | None,
                      final: bool) -> Statement | None:
    """The 三公 table (see the module docstring), or None when it names no item."""
    n = max([len(header)] + [len(r) for r, _p in rows])
    labels = [header[k] if k < len(header) else "" for k in range(n)]
    figs = [any(k < len(r) and r[k] and _is_fig(r[k]) for r, _p in rows) for k in range(n)]
    words = [any(k < len(r) and r[k] and not _is_fig(r[k]) for r, _p in rows) for k in range(n)]
    # a column of figures (or blank all through: a blank is a cell, not an absent column) under an item's heading
    col_item = [_column_item(lab) if not words[k] else (None, False) for k, lab in enumerate(labels)]
    parts = {it for it, _s in col_item if it not in (None, "合计", "行政经费", "会议费", "培训费")}
    if len(parts) >= 2:
        return _items_as_columns(name, unit, labels, rows, col_item, words, year, final)
    return _items_as_rows(name, unit, labels, rows, figs, words, year, final)


def _items_as_columns(name, unit, labels, rows, col_item, words, year, final) -> Statement | None:
    groups: dict[str, dict[str, int]] = {}  # period -> item -> column
    for k, (it, sangong) in enumerate(col_item):
        if it is None:
            continue
        period = _period(labels[k], year)
        if final and period == "this":
            period = "budget" if any(w in _fold(labels[k]) for w in _vocab()["budget_group"]) else "this"
        if period == "other":
            continue
        g = groups.setdefault(period, {})
        if it in g:
            if it == "合计" and sangong and not col_item[g[it]][1]:
                g["合计(含其他)"] = g[it]  # the table's 合计 of 三公, 会议费 and 培训费: the 三公 合计 is this one
                g[it] = k
            else:
                g[it + "'"] = k
            continue
        if it == "合计" and not sangong and any(s for i, s in col_item if i == "合计" and s):
            it = "合计(含其他)"
        g[it] = k
    main = groups.get("final") if final and "final" in groups else groups.get("this")
    if not main:
        return None
    funds = _fund_columns(main, labels)
    label_cols = [k for k in range(len(labels)) if words[k] and col_item[k][0] is None]
    columns = tuple(c for c in main if c not in funds["parts"])
    items: list[Item] = []
    for r, page in rows:
        label = " ".join(r[k].strip() for k in label_cols if k < len(r) and r[k].strip())
        if label and _period(label, year) == "other":
            continue  # a row of another year or of the change (Shenzhen: 2025 年 / 2026 年 / 增减变化金额)
        cells = {c: _cell(r, k) for c, k in main.items() if c not in funds["parts"]}
        for c, ks in funds["sums"].items():
            cells[c] = sum_of_cells([_cell(r, k) for k in ks])
        if not label and not any(x.strip() for x in r):
            continue
        text = " ".join(x for x in r if x)[:120]
        items.append(Item(label or ("合计" if len(rows) == 1 else ""), cells, None, None, None, page, text))
        other = groups.get("budget") if final else None
        if other:
            items.append(Item("年初预算数", {c: _cell(r, other[c]) if c in other else parse_amount(None)
                                        for c in columns}, None, None, None, page, text))
    return Statement(name, "three-public", unit, {"": columns}, tuple(items), None, None)


def _fund_columns(main: dict[str, int], labels: list[str]) -> dict:
    """An item printed by source of funds (its columns headed 一般公共预算,
    政府性基金预算, 国有资本经营预算 under it, Shenzhen): the item is their sum.
    ``sums``: item -> its columns; ``parts``: the primed names they had."""
    words = _vocab().get("funds", ())
    sums: dict[str, list[int]] = {}
    parts: set[str] = set()
    for c, k in main.items():
        leaf = _fold(labels[k].split("/")[-1])
        if any(w in leaf for w in words):
            base = c.rstrip("'")
            sums.setdefault(base, []).append(k)
            if c != base:
                parts.add(c)
    return {"sums": {c: ks for c, ks in sums.items() if len(ks) > 1}, "parts": parts}


def _items_as_rows(name, unit, labels, rows, figs, words, year, final) -> Statement | None:
    label_k = next((k for k in range(len(labels)) if words[k]), None)
    if label_k is None:
        return None
    fig_cols = [k for k in range(len(labels)) if figs[k] and k != label_k and _period(labels[k], year) != "other"]
    if final:
        fig_cols = [k for k in fig_cols if _period(labels[k], year) == "final"] or fig_cols
    if not fig_cols:
        return None
    k = fig_cols[0]  # 合计 / 预算数 / 决算数: the first column of figures (then 一般公共预算, 政府性基金… by source)
    cells: dict = {}
    page = None
    printed: list[str] = []
    for r, p in rows:
        it = item_of(r[label_k]) if label_k < len(r) else None
        if it is None or it in cells:
            continue
        cells[it] = _cell(r, k)
        page = page or p
        printed.append(f"{r[label_k]} {r[k] if k < len(r) else ''}".strip())
    if len({i for i in cells if i not in ("合计", "行政经费", "会议费", "培训费")}) < 2:
        return None
    columns = tuple(cells)
    return Statement(name, "three-public", unit, {"": columns},
                     (Item("合计", cells, None, None, None, page, "; ".join(printed)[:120]),), None, None)


def _cell(r: list[str], k: int):
    v = r[k].replace(" ", "") if k < len(r) else ""
    return parse_amount(None if not v or v in NO_FIGURE_MARKS else v)


def admin_running_statement(table: Table, title: str) -> Statement | None:
    """A table of 机关运行经费 by economic class (一般公共预算机关运行经费支出预算表)
    as a statement of its 合计 (kind ``admin-running``), for the narrative."""
    if "机关运行经费" not in _fold(title) or is_sangong_title(title):
        return None
    total: Line | None = next((ln for ln in table.lines if ln.total), None)
    if total is None or not table.columns:
        return None
    cell = total.cells.get(table.columns[0])
    if cell is None:
        return None
    return Statement(title, "admin-running", table.unit, {"": ("机关运行经费",)},
                     (Item("合计", {"机关运行经费": cell}, None, None, total.source_line, total.page, total.text),),
                     None, None)


_CARRY = ("结转", "结余")


def find_row(st: Statement, side: str | None, *labels: str) -> Item | None:
    """The row of a statement that ``labels`` name: the first label printed,
    else one of its printed synonyms (``statement_rows`` in table_titles.yaml);
    a side's 总计 is its bare 合计 when it prints no other total (a synonym printed twice
    names no row: which is meant cannot be told), and its
    本年收入合计/本年支出合计 its 总计 when the side prints no 结转/结余 row
    (nothing carried over: the year's total is the whole)."""
    rows = (table_words().get("statement_rows") or {})
    for label in labels:
        it = st.find(side, label)
        if it is not None:
            return it
        wanted = {fold_label(x) for x in rows.get(label, ())}
        hits = [it for it in st.items if (side is None or it.side == side) and fold_label(it.label) in wanted]
        if len(hits) == 1:  # two (本年 and 上年结转 each print 一般公共预算资金): which one is meant cannot be told
            return hits[0]
        if hits:
            return None
    on_side = [it for it in st.items if side is None or it.side == side]
    for label in labels:
        f = fold_label(label)
        if f.endswith("总计"):
            totals = [it for it in on_side if fold_label(it.label) == "合计"]
            if len(totals) == 1:
                return totals[0]
        if f.startswith("本年") and f.endswith("合计") and side is not None and not any(
                any(w in fold_label(it.label) for w in _CARRY) for it in on_side):
            whole = find_row(st, side, side + "总计")
            if whole is not None:
                return whole
    return None


def _total_column(labels: list[str], label_k: int | None) -> int | None:
    """The column of the table's whole: headed 合计 / 收入总计, or 合计 under
    the one group that holds every column of figures (部门预算/合计, Xi'an); not
    the 合计 of one group among others (本年收入/合计 beside 上年结转结余)."""
    parts = [[_fold(p) for p in lab.split("/") if p] for lab in labels]
    top = next((k for k, ps in enumerate(parts) if k != label_k and ps and ps[0] in STATEMENT_TOTAL_HEADINGS), None)
    if top is not None:
        return top
    under = [k for k, ps in enumerate(parts) if k != label_k and len(ps) == 2 and ps[1] in STATEMENT_TOTAL_HEADINGS]
    groups = {ps[0] for k, ps in enumerate(parts) if len(ps) >= 2}
    return under[0] if under and len(groups) == 1 else None


def units_total_table(name: str, unit: str, kind: str, header: list[str], rows: list[tuple[list[str], int]]
                      ) -> Table | None:
    """A 收入总表 printed by budget unit rather than by code (a row per unit under
    合计, columns by source; or the one unit of a department of one unit, with
    no 合计 row: its row is the whole), or as one row of figures with no label (its
    total alone): its 合计 row's 合计 figure, as a table of that one total line, so that the summary's 收入总计 can be checked against it.  The
    units' rows carry no code and are not lines of it (the by-code checks say
    they cannot be made)."""
    n = max([len(header)] + [len(r) for r, _p in rows])
    labels = [header[k] if k < len(header) else "" for k in range(n)]
    label_k = next((k for k in range(n) if any(k < len(r) and r[k] and not _is_fig(r[k]) for r, _p in rows)), None)
    total_k = _total_column(labels, label_k)
    if total_k is None or (label_k is None and len(rows) != 1):
        return None
    if label_k is None:  # one row of figures and no label (Beijing 预算02表): the table's total
        found = rows
    else:
        found = [(r, p) for r, p in rows if label_k < len(r) and _fold(r[label_k]) in TOTAL_WORDS]
        if not found:  # no 合计 row: the table's one row of figures, if it prints one only
            found = [(r, p) for r, p in rows if any(_is_fig(x) for x in r)]
    if len(found) != 1:
        return None
    r, page = found[0]
    line = Line(None, "合计", {"合计": _cell(r, total_k)}, True, 1, None, None, page, " ".join(x for x in r if x)[:120])
    return Table(name, "functional", unit, ("合计",), (line,), (), kind, None, None)
