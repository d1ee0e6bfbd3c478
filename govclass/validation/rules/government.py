"""The identities of a government budget (issue 26): checks over the tables of a province's, a city's or a
county's budget or final account (``Document.form`` government-budget | government-final), run once over
the whole document, as the checks between a department's tables are (govclass.validation.rules.cross).

Each identity is one rule, and reads like the sentence that defines it:

* ``budget-totals``: a budget's 平衡表 (收支总表) prints 收入总计 = 支出总计, for each of the four budgets
  (一般公共预算, 政府性基金, 国有资本经营, 社会保险基金), in each column it prints both;
* ``budget-balance``: the items of a 平衡表 add up to its 总计, on each side: 本级收入 + 上级补助 + 下级上解 +
  调入资金 + 债务收入 + 上年结转 (+ 动用预算稳定调节基金 …) = 收入总计, and 本级支出 + 补助下级 + 上解上级 +
  调出资金 + 债务还本 + 补充预算稳定调节基金 + 结转下年 … = 支出总计, as the table prints them;
* ``debt-over-limit``: a debt 余额 is at most its 限额 of the same kind (一般债务, 专项债务) and year, per
  region where the table prints regions;
* ``region-sum``: 全省/全市 = 本级 + the regions below it (or their subtotal), where a table prints both, in
  rows or in columns.

The report's sentences against these tables (scope, year and measure) are the narrative rules'
(govclass.validation.rules.narrative), which read the tables through :func:`sheets` and
:func:`column_period` of this module: one matcher for both kinds of document.

Precision first.  An item is read by its label (govclass/data/government_words.yaml); what a table does
not print is not assumed to be zero, and a blank is not a zero.  An identity that fails is an error only
when every figure it rests on is printed and every row of the side is accounted for: an item the words
know, or a detail of one (the rows below an item that add up to it, level by level).  Otherwise it is
``insufficient-data`` saying which rows or figures keep it from being proven.  A table some of whose
rows were not read (coverage.unread_rows_of) proves nothing either.  Every error names the printed figures it
rests on (``Finding.figures``) and the table (``Finding.rests_on``); the tolerance is the rounding of
every figure compared (n parts + 1 half-units, document.half_unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache

import attrs

from govclass.catalog.names import BUDGET_NAMES
from govclass.document import (AMOUNT, GOVERNMENT_FORMS, Cell, Document, Line, Statement, Table, column_kind,
                               half_unit)
from govclass.rulebook import DECLARED, ERROR, declare
from govclass.validation.report import Finding, Printed
from govclass.validation.coverage import unread_rows_of
from govclass.validation.rules.cross import cross_check
from govclass.vocabulary import fold_label, government_words

__all__ = ["BUDGET_ZH", "GOVERNMENT_RULES", "is_government", "government_check", "Row", "Sheet",
           "sheets", "title_budget", "table_scope", "table_period", "column_period", "column_scope", "balance_sides",
           "own_row", "between_tables", "line_row"]

declare("budget-totals", ERROR, "government",
        "收入总计 ≠ 支出总计 in a budget's 平衡表 or 收支总表 (一般公共预算, 政府性基金, 国有资本经营, 社会保险基金), "
        "beyond the rounding of both", "预算收支平衡表（收支总表）中收入总计与支出总计不相等（一般公共预算、政府性基金、"
        "国有资本经营、社会保险基金预算），超出两者的舍入误差")
declare("budget-balance", ERROR, "government",
        "the items of a 平衡表 (本级收入, 上级补助, 下级上解, 调入资金, 债务收入, 上年结转 …; 本级支出, 补助下级, 上解上级, "
        "调出资金, 债务还本, 结转下年 …), each read by its label and every other row of the side a detail of one, do not "
        "add up to its 收入总计 or 支出总计", "平衡表中按行名识别的各项（本级收入、上级补助、下级上解、调入资金、债务收入、"
        "上年结转等；本级支出、补助下级、上解上级、调出资金、债务还本、结转下年等）之和与收入总计或支出总计不符（该方其余各行均为某项的明细）")
declare("debt-over-limit", ERROR, "government",
        "a debt 余额 exceeds its 限额 of the same kind (一般债务, 专项债务, all) and year, beyond the rounding of both",
        "政府债务余额超过同类（一般债务、专项债务或合计）同年度的债务限额，超出两者的舍入误差")
declare("region-sum", ERROR, "government",
        "全省/全市 ≠ 本级 + the regions below it (or their subtotal), in a table that prints both, by rows or by "
        "columns, beyond the rounding (n parts + 1 half-units)",
        "分地区列示的表中，全省（全市）数不等于本级与所辖地区（或其小计）之和，超出舍入误差")

#: the government rules and their severities (from the declarations above)
GOVERNMENT_RULES = {r.id: r.severity for r in DECLARED.values() if r.module == __name__}

#: the four budgets by the ids of Table.budget and Claim.fund, and their names (govclass.catalog.names)
BUDGET_ZH = {"gpb": BUDGET_NAMES["general"], "gf": BUDGET_NAMES["fund"], "soc": BUDGET_NAMES["capital"],
             "ssf": BUDGET_NAMES["social"]}
INCOME, SPENDING = "收入", "支出"
_ZERO = Decimal(0)


def is_government(document: Document) -> bool:
    """Whether ``document`` is a government's budget or final account (its reader says so: Document.form)."""
    return document.form in GOVERNMENT_FORMS


# -- a table as the identities read it ----------------------------------------------------------------


@attrs.frozen(slots=True)
class Row:
    """One printed row of a table or a statement: its label as printed and folded (``key``), its cells,
    the side of a two-sided statement (收入/支出; None for a table), its code, and where it is printed."""

    label: str
    key: str
    cells: dict
    side: str | None = None
    code: str | None = None
    page: int | None = None
    source_line: int | None = None
    text: str | None = None
    total: bool = False  # a table's 合计 line


@attrs.frozen(slots=True)
class Sheet:
    """A table or a statement of a government report as rows: ``columns`` are its amount columns per side
    (None: a one-sided table's); ``budget``, ``scope`` and ``year`` what it is of, as its reader said
    (Table.budget/scope/year) or, where the reader did not, as its title says; None when neither says."""

    source: object  # the Table or Statement (what a finding rests on)
    name: str
    unit: str
    rows: tuple[Row, ...]
    columns: dict
    budget: str | None
    scope: str | None
    year: int | None

    def side_rows(self, side: str | None) -> list[Row]:
        return [r for r in self.rows if r.side == side]


def line_row(line: Line) -> Row:
    """A table's line as a :class:`Row`."""
    return Row(line.name or "", fold_label(line.name), line.cells, None, line.code, line.page, line.source_line,
               line.text, line.total)


def _sheet_of_table(table: Table) -> Sheet:
    rows = tuple(map(line_row, table.lines))
    return Sheet(table, table.name, table.unit, rows, {None: table.summed_columns()},
                 table.budget or title_budget(table.name), table.scope or table_scope(table.name),
                 table.year or table_period(table.name)[0])


def _sheet_of_statement(st: Statement) -> Sheet:
    # a Statement has no budget/scope/year fields: its title says them
    rows = tuple(Row(it.label, fold_label(it.label), it.cells, it.side or None, None, it.page, it.source_line,
                     it.text) for it in st.items)
    columns = {side or None: tuple(c for c in cols if column_kind(c) == AMOUNT) for side, cols in st.columns.items()}
    return Sheet(st, st.name, st.unit, rows, columns, title_budget(st.name), table_scope(st.name),
                 table_period(st.name)[0])


def sheets(document: Document) -> list[Sheet]:
    """Every table and statement of ``document`` as a :class:`Sheet`, tables first."""
    return [*map(_sheet_of_table, document.tables), *map(_sheet_of_statement, document.statements)]


# -- what a title and a header say: budget, scope, year, measure ----------------------------------------

_BUDGET_WORDS = (("一般公共预算", "gpb"), ("政府性基金", "gf"), ("国有资本经营", "soc"), ("社会保险基金", "ssf"),
                 ("社保基金", "ssf"))
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|社保基金预算")
_TABLE_OWN_LEVEL = re.compile(r"本级|(?:省|市|区|县)级")
_TABLE_WHOLE = re.compile(r"全(?:省|市|区|县|州|盟|自治区)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LAST_YEAR = re.compile(r"上年|上一年|去年")


def title_budget(title: str | None) -> str | None:
    """The one budget a title names (gpb, gf, soc, ssf); None when it names none or two (…调入一般公共预算)."""
    found = {budget for word, budget in _BUDGET_WORDS if word in (title or "")}
    return found.pop() if len(found) == 1 else None


def table_scope(name: str | None) -> str | None:
    """Whose money a government's table prints, by its title: 本级 (市本级, 省级 …), whole (全市, 全省 …), or
    None when the title does not say."""
    if _TABLE_OWN_LEVEL.search(name or ""):
        return "本级"
    if _TABLE_WHOLE.search(name or ""):
        return "whole"
    return None


def _measures(text: str) -> set[str]:
    plain = _FUND_NAMES.sub("", text).replace("预算执行", "执行")
    found = set()
    if re.search(r"执行|完成|实际", plain):
        found.add("执行")
    if "决算" in plain:
        found.add("决算")
    if re.search(r"调整(?:后)?预算|变动预算|调整数", plain):
        found.add("调整预算")
    elif re.search(r"预算|草案|安排", plain):
        found.add("预算")
    return found


def table_period(name: str | None) -> tuple[int | None, str | None]:
    """The year and the measure (预算, 调整预算, 执行, 决算) a title names, each None unless it names exactly
    one ("2026年广州市本级一般公共预算支出预算表" -> 2026, 预算; "2024年…执行情况与2025年预算安排" -> None, None)."""
    years = {int(y) for y in _YEAR.findall(name or "")}
    measures = _measures(name or "")
    return (years.pop() if len(years) == 1 else None), (measures.pop() if len(measures) == 1 else None)


def column_period(sheet: Sheet, column: str) -> tuple[int | None, str | None] | None:
    """The year and measure the figures of ``column`` are of: as the reader said (Table.periods), else as
    its header says, what the header leaves unsaid from the table's title ("预算数" of a 2026 预算表); the
    header's 上年 is the year before the title's.  None when the reader said the column is of no period
    (a percentage, a difference)."""
    source = sheet.source
    periods = getattr(source, "periods", None)  # a Statement has none: its headers and title say
    if periods is not None and column in source.columns:
        return periods[source.columns.index(column)]
    title_year, title_measure = table_period(sheet.name)
    years = {int(y) for y in _YEAR.findall(column)}
    if len(years) == 1:
        year = years.pop()
    elif not years and _LAST_YEAR.search(column) and title_year is not None:
        year = title_year - 1
    else:
        year = title_year if not years else None
    measures = _measures(column)
    measure = measures.pop() if len(measures) == 1 else title_measure if not measures else None
    return year, measure


def _last_heading(column: str) -> str:
    """The lowest heading of a column ("2024年执行数/合计" -> 合计), without the marks a reader adds to a heading
    printed twice (合计')."""
    return fold_label(column.rsplit("/", 1)[-1]).rstrip("'′")


def column_scope(sheet: Sheet, column: str) -> str | None:
    """Whose money a column holds: 本级 when its heading says so (省本级, 市本级, 本级), whole (全省, 全市),
    None for the regions below (下级, 地市级及以下), else the table's."""
    kind = _region_kind(_last_heading(column))
    if kind == "own":
        return "本级"
    if kind == "whole" and _TABLE_WHOLE.search(column):
        return "whole"
    if kind == "below":
        return None
    return sheet.scope


# -- findings ------------------------------------------------------------------------------------------


def _printed(sheet: Sheet, row: Row, column: str | None) -> Printed:
    cell = row.cells.get(column) if column is not None else None
    raw = cell.raw if cell is not None and cell.raw is not None else "（空白）"
    return Printed(raw, sheet.name, row.label or row.code, column, row.page, row.source_line)


def finding(rule: str, sheet: Sheet, en: str, zh: str, at: Row | None = None, **kw) -> Finding:
    where: dict = {}
    if at is not None:
        where = {"source_line": at.source_line, "page": at.page, "text": at.text}
    return Finding(rule, DECLARED[rule].severity, sheet.name, en, zh, rests_on=(sheet.source,), **where, **kw)


def _cannot(sheet: Sheet, what_en: str, what_zh: str, why_en: str, why_zh: str) -> Finding:
    return finding("insufficient-data", sheet, f"cannot check {what_en}: {why_en}", f"无法核对{what_zh}：{why_zh}")


def _shown(cells: Sequence[Cell | None]) -> list[Cell]:
    return [c for c in cells if c is not None and c.value is not None]


def _blank_short(diff: Decimal, rows: Sequence[Row], cells: Sequence[Cell | None]) -> list[str]:
    """The labels of the blank parts of a sum that falls short of its total (``diff`` > 0): a blank is no value,
    and the blanks could hold the rest.  None when the parts present exceed the total already: a blank does not
    make them less (as incomplete-sum and rollup-mismatch judge a table's sums)."""
    if diff <= 0:
        return []
    return [r.label for r, c in zip(rows, cells) if c is None or c.value is None]


def _reasons(blank: Sequence[str] = (), unknown: Sequence[str] = (), torn: bool = False,
             more: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """Why a sum that fails is not proven wrong, in English and Chinese: blank parts short of it, rows that are
    not accounted for, rows of the table not read, and ``more``."""
    out = []
    if blank:
        out.append((f"blank (not zero): {', '.join(blank)}", f"空白（不等于零）：{'、'.join(blank)}"))
    if unknown:
        out.append((f"not an item the words know nor a detail that adds up to one: {', '.join(unknown)}",
                    f"既非可识别的项目，也非合计相符的明细：{'、'.join(unknown)}"))
    out.extend(more)
    if torn:
        out.append(("some of its rows were not read", "该表有未读取的行"))
    return out


def _tolerance(*cells: Cell) -> Decimal:
    """The rounding of every printed figure compared: half a unit of each one's last place."""
    return sum((half_unit(c.decimals) for c in cells), _ZERO)


# -- 1. 收入总计 = 支出总计 ---------------------------------------------------------------------------------


def _words(*path: str):
    node = government_words()
    for key in path:
        node = node[key]
    return node


@lru_cache(maxsize=1)
def _total_keys() -> dict[str, frozenset[str]]:
    return {side: frozenset(map(fold_label, _words("balance", "totals", side))) for side in (INCOME, SPENDING)}


def balance_sides(sheet: Sheet) -> dict[str, tuple[list[Row], Row]] | None:
    """A 平衡表's two sides: side -> (its rows, its 总计 row).  A statement's sides are its own; a table prints
    them in turn (the rows down to the first 总计 are that side's, the rows after it down to the other 总计
    the other's).  None when the sheet does not print both 收入总计 and 支出总计, each once."""
    totals = _total_keys()
    found = {side: [r for r in sheet.rows if r.key in totals[side]] for side in (INCOME, SPENDING)}
    if any(len(rows) != 1 for rows in found.values()):
        return None
    income, spending = found[INCOME][0], found[SPENDING][0]
    if income.side is not None or spending.side is not None:  # a statement's sides
        if income.side != INCOME or spending.side != SPENDING:
            return None
        return {side: ([r for r in sheet.rows if r.side == side and r is not found[side][0]], found[side][0])
                for side in (INCOME, SPENDING)}
    rows = list(sheet.rows)
    at = {id(row): k for k, row in enumerate(rows)}
    (i, first), (j, second) = sorted(((at[id(income)], INCOME), (at[id(spending)], SPENDING)))
    return {first: (rows[:i], found[first][0]), second: (rows[i + 1:j], found[second][0])}


def _pairs(sheet: Sheet) -> list[tuple[str, str]] | None:
    """The (收入 column, 支出 column) pairs of the same figures: a table's own columns; a statement's by name,
    else by position when both sides print as many; None when they cannot be paired."""
    if None in sheet.columns:
        return [(c, c) for c in sheet.columns[None]]
    inc, out = sheet.columns.get(INCOME, ()), sheet.columns.get(SPENDING, ())
    if set(inc) == set(out):
        return [(c, c) for c in inc]
    if len(inc) == len(out):
        return list(zip(inc, out))
    return None


def _check_totals(sheet: Sheet, sides: dict, torn: bool) -> Iterator[Finding]:
    """budget-totals: 收入总计 = 支出总计, column by column."""
    inc, out = sides[INCOME][1], sides[SPENDING][1]
    pairs = _pairs(sheet)
    if pairs is None:
        yield _cannot(sheet, "收入总计 = 支出总计", "收入总计与支出总计", "its two sides print different columns",
                      "收入方与支出方的栏目不同，无法对应")
        return
    for ci, co in pairs:
        a, b = inc.cells.get(ci), out.cells.get(co)
        shown = _shown([a, b])
        if not shown:
            continue
        if len(shown) == 1:
            yield _cannot(sheet, f"收入总计 = 支出总计 ({ci})", f"收入总计与支出总计（{ci}）",
                          "one of the two is blank (a blank is not a zero)", "其中一方为空白（空白不等于零）")
            continue
        diff, tol = a.value - b.value, _tolerance(a, b)
        if abs(diff) <= tol:
            continue
        if torn:
            yield _cannot(sheet, f"收入总计 = 支出总计 ({ci})", f"收入总计与支出总计（{ci}）",
                          "some of its rows were not read", "该表有未读取的行")
            continue
        yield finding("budget-totals", sheet, f"收入总计 {a.raw} ≠ 支出总计 {b.raw} ({ci}; difference {diff}, "
                      f"tolerance {tol})", f"收入总计 {a.raw} 与支出总计 {b.raw} 不相等（{ci}；差额 {diff}，容差 {tol}）",
                      at=inc, column=ci, expected=str(b.value), actual=str(a.value), difference=diff, tolerance=tol,
                      figures=(_printed(sheet, inc, ci), _printed(sheet, out, co)))


# -- 2. the balance: the items of each side add up to its 总计 -----------------------------------------------


@attrs.define
class _Node:
    """An item of a side, read by its label, with the items printed below it that are its parts
    (``children``) and the rows the words do not know that follow it (``details``)."""

    row: Row
    item: str
    children: list["_Node"] = attrs.Factory(list)
    details: list[Row] = attrs.Factory(list)


_BUDGET_PREFIX = re.compile(r"^(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|社会保险基金(?:预算)?)")


@lru_cache(maxsize=8)
def _item_words(side: str, budget: str | None) -> tuple[frozenset[str], dict[str, tuple[str, tuple[str, ...]]]]:
    """The side's own labels (of ``budget``; of every budget when it is not known) and its other items:
    folded label -> (item, the items it is a part of)."""
    own = _words("balance", "own", side)
    labels = own.get(budget, ()) if budget is not None else [x for v in own.values() for x in v]
    items = {fold_label(label): (entry["item"], tuple(entry.get("under", ())))
             for entry in _words("balance", "items", side) for label in entry["labels"]}
    return frozenset(map(fold_label, labels)), items


def _item_of(row: Row, side: str, budget: str | None) -> tuple[str, tuple[str, ...]] | None:
    own, items = _item_words(side, budget)
    if row.key in own:
        return "本级", ()
    return items.get(row.key) or items.get(_BUDGET_PREFIX.sub("", row.key))


def _outline(rows: list[Row], side: str, budget: str | None) -> tuple[list[_Node], list[Row]]:
    """The side's items as printed, each under the nearest item above it that it is a part of; the rows the
    words do not know are the details of the item above them.  Returns the top items and the rows printed
    before the first item."""
    tops: list[_Node] = []
    before: list[Row] = []
    open_: list[_Node] = []  # the items a row can be a part of, the nearest last
    last: _Node | None = None
    for row in rows:
        known = _item_of(row, side, budget)
        if known is None:
            (last.details if last is not None else before).append(row)
            continue
        item, under = known
        while open_ and open_[-1].item not in under:
            open_.pop()
        node = _Node(row, item)
        (open_[-1].children if open_ else tops).append(node)
        open_.append(node)
        last = node
    return tops, before


def _details_add_up(head: Cell | None, details: list[Row], column: str) -> bool:
    """Whether rows below an item are its details in ``column``: they add up to it, level by level (a whole
    multiple k ≥ 1 of it, within the rounding of every figure), or print nothing."""
    cells = _shown([r.cells.get(column) for r in details])
    if not cells:
        return True
    if head is None or head.value is None:
        return False
    total = sum((c.value for c in cells), _ZERO)
    if head.value == 0:
        return all(c.value == 0 for c in cells)
    k = (total / head.value).to_integral_value()
    return k >= 1 and abs(total - k * head.value) <= k * half_unit(head.decimals) + _tolerance(*cells)


def _unaccounted(node: _Node, column: str) -> list[Row]:
    """The rows below ``node`` that cannot be told to be parts or details of it in ``column``: none when its
    parts add up to it and each part is accounted for, or (no parts) its details add up to it."""
    head = node.row.cells.get(column)
    if not node.children:
        return [] if _details_add_up(head, node.details, column) else node.details
    parts = [child.row.cells.get(column) for child in node.children]
    shown = _shown(parts)
    printed = head is not None and head.value is not None and len(shown) == len(parts)
    loose = _shown([r.cells.get(column) for r in node.details])  # rows between the item and its first part
    if not printed or loose or abs(head.value - sum((c.value for c in shown), _ZERO)) > _tolerance(head, *shown):
        return [node.row, *(child.row for child in node.children)]
    return [row for child in node.children for row in _unaccounted(child, column)]


def _check_side(sheet: Sheet, side: str, rows: list[Row], total: Row, torn: bool) -> Iterator[Finding]:
    """budget-balance on one side: Σ its top items = its 总计, column by column."""
    if not rows:  # the side prints its 总计 alone
        return
    tops, before = _outline(rows, side, sheet.budget)
    if not tops:
        yield _cannot(sheet, f"the {side} side's items", f"{side}方各项之和", "no row of it is an item of a balance "
                      "the words know (govclass/data/government_words.yaml)", "该方没有可按行名识别的平衡表项目")
        return
    columns = sheet.columns.get(None if total.side is None else side, ())
    doubts: dict[str, list[str]] = {}
    for column in columns:
        t = total.cells.get(column)
        if t is None or t.value is None:
            continue
        cells = [n.row.cells.get(column) for n in tops]
        shown = _shown(cells)
        s = sum((c.value for c in shown), _ZERO)
        diff, tol = t.value - s, _tolerance(t, *shown)
        if abs(diff) <= tol:
            continue
        unknown = [r.label for r in before if _shown([r.cells.get(column)])]
        unknown += [r.label for n in tops for r in _unaccounted(n, column)]
        why = _reasons(_blank_short(diff, [n.row for n in tops], cells), unknown, torn)
        if why:
            doubts[column] = why
            continue
        figures = (_printed(sheet, total, column), *(_printed(sheet, n.row, column) for n in tops))
        yield finding("budget-balance", sheet,
                      f"{side}: the items ({' + '.join(n.row.label for n in tops)}) add up to {s}, {total.label} is "
                      f"{t.raw} ({column}; difference {diff}, tolerance {tol})",
                      f"{side}方：各项（{'＋'.join(n.row.label for n in tops)}）之和为 {s}，{total.label}为 {t.raw}"
                      f"（{column}；差额 {diff}，容差 {tol}）", at=total, column=column, expected=str(s),
                      actual=str(t.value), difference=diff, tolerance=tol, figures=figures)
    if doubts:
        en = "; ".join(f"{c}: {' / '.join(e for e, _z in why)}" for c, why in doubts.items())
        zh = "；".join(f"{c}：{'，'.join(z for _e, z in why)}" for c, why in doubts.items())
        yield _cannot(sheet, f"the {side} side's items against {total.label}", f"{side}方各项之和与{total.label}",
                      f"the items do not add up to it and cannot be proven wrong ({en})",
                      f"各项之和与之不符，但无法证明有误（{zh}；空白不等于零，未识别的行可能是平衡表的项目）")


def _balance(sheet: Sheet, torn: bool) -> list[Finding]:
    """budget-totals and budget-balance on a 平衡表.  One defect, one finding: when 收入总计 ≠ 支出总计 and one
    side's items make the other side's 总计 (the side's own 总计 is off from its items by as much as the two
    totals differ), the misprinted 总计 is that side's: its budget-balance says so, naming its items, and the
    budget-totals finding of that column goes."""
    sides = balance_sides(sheet)
    if sides is None:
        return []
    totals = list(_check_totals(sheet, sides, torn))
    if sheet.budget == "ssf":  # a 社会保险基金 平衡表 is by fund, not by these items
        return totals
    items = [f for side in (INCOME, SPENDING) for f in _check_side(sheet, side, *sides[side], torn)]
    explained = {(f.column, abs(f.difference)) for f in items if f.rule == "budget-balance"}
    return [f for f in totals if f.rule != "budget-totals" or (f.column, abs(f.difference)) not in explained] + items


def own_row(sheet: Sheet, side: str) -> Row | None:
    """The row of a 平衡表 that prints the budget's own revenue (side 收入) or expenditure (支出): the one top
    item the words read as 本级; None when the sheet is no 平衡表 or prints none or two."""
    sides = balance_sides(sheet)
    if sides is None:
        return None
    tops, _before = _outline(sides[side][0], side, sheet.budget)
    own = [n.row for n in tops if n.item == "本级"]
    return own[0] if len(own) == 1 else None


# -- 3. debt: 余额 ≤ 限额 -----------------------------------------------------------------------------------

_LIMIT, _STOCK = "限额", "余额"


def _debt_kind(text: str, title: str) -> str | None:
    """general | special | all (neither named, or 小计/合计): by the words, else by the title; None when it
    names both."""
    kinds = _words("debt", "kinds")
    found = {k for k, words in kinds.items() if any(w in text for w in words)}
    if not found:
        found = {k for k, words in kinds.items() if any(w in title for w in words)}
        if len(found) != 1:
            return "all"
    return found.pop() if len(found) == 1 else None


def _stock(text: str) -> str | None:
    """限额 or 余额 when ``text`` names a year-end limit or balance (余额限额 is a limit); None for a flow
    (新增限额, 发行额, 还本额 …) or anything else."""
    if any(w in text for w in _words("debt", "not_stock")):
        return None
    if _LIMIT in text:
        return _LIMIT
    return _STOCK if _STOCK in text else None


def _year_of(text: str, sheet: Sheet) -> int | None:
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) == 1:
        return years.pop()
    return sheet.year if not years else None


def _over(sheet: Sheet, stock: tuple[Row, str], limit: tuple[Row, str], what_zh: str, at: Row) -> Finding | None:
    """debt-over-limit when the balance printed exceeds the limit beyond the rounding of both."""
    b, l = stock[0].cells.get(stock[1]), limit[0].cells.get(limit[1])
    if b is None or l is None or b.value is None or l.value is None:
        return None
    over, tol = b.value - l.value, _tolerance(b, l)
    if over <= tol:
        return None
    return finding("debt-over-limit", sheet, f"{what_zh}: 余额 {b.raw} exceeds 限额 {l.raw} (by {over}, tolerance {tol})",
                   f"{what_zh}：债务余额 {b.raw} 超过限额 {l.raw}（超出 {over}，容差 {tol}）", at=at, column=stock[1],
                   expected=f"<= {l.value}", actual=str(b.value), difference=over, tolerance=tol,
                   figures=(_printed(sheet, stock[0], stock[1]), _printed(sheet, limit[0], limit[1])))


def _debt_columns(sheet: Sheet) -> Iterator[Finding]:
    """A debt table by region or item whose columns print 限额 and 余额: each row's 余额 against the 限额 of the
    same kind and year."""
    columns = sheet.columns.get(None, ())
    found: dict[tuple, dict[str, list[str]]] = {}
    for column in columns:
        stock = _stock(column)
        period = column_period(sheet, column)
        year = period[0] if period is not None and period[0] is not None else _year_of(column, sheet)
        kind = _debt_kind(column, sheet.name)
        if stock is not None and year is not None and kind is not None:
            found.setdefault((kind, year), {}).setdefault(stock, []).append(column)
    for (kind, year), both in found.items():
        stocks, limits = both.get(_STOCK, []), both.get(_LIMIT, [])
        if len(limits) != 1 or not stocks:
            continue
        for row in sheet.rows:
            for column in stocks:
                f = _over(sheet, (row, column), (row, limits[0]), f"{row.label} {year}年 {column}", row)
                if f is not None:
                    yield f


def _debt_rows(sheet: Sheet) -> Iterator[Finding]:
    """A debt table whose rows print 限额 and 余额 (一、2021年末…余额, 二、2022年末…余额限额, …): each 余额 against
    the one 限额 of the same kind and year, in the column where each prints its one figure (or column by
    column where both print)."""
    columns = sheet.columns.get(None, ())
    found: dict[tuple, dict[str, list[Row]]] = {}
    for row in sheet.rows:
        stock, year, kind = _stock(row.key), _year_of(row.key, sheet), _debt_kind(row.key, sheet.name)
        if stock is not None and year is not None and kind is not None:
            found.setdefault((kind, year), {}).setdefault(stock, []).append(row)
    for (kind, year), both in found.items():
        stocks, limits = both.get(_STOCK, []), both.get(_LIMIT, [])
        if not stocks or not limits:
            continue
        if len(limits) > 1:
            yield _cannot(sheet, f"余额 ≤ 限额 ({year})", f"{year}年债务余额不超过限额", "the table prints two limits of "
                          "that kind and year", "该表列有两个同类同年度的限额")
            continue
        limit = limits[0]
        printed_at = [c for c in columns if _shown([limit.cells.get(c)])]
        for stock in stocks:
            for column in [c for c in columns if _shown([stock.cells.get(c)])]:
                at = column if column in printed_at else printed_at[0] if len(printed_at) == 1 else None
                if at is None:
                    continue
                f = _over(sheet, (stock, column), (limit, at), f"{stock.label} ({column})", stock)
                if f is not None:
                    yield f


def _debt(sheet: Sheet) -> Iterator[Finding]:
    if "债" not in sheet.name and not any("债" in c for c in sheet.columns.get(None, ())):
        return
    if any(_stock(c) for c in sheet.columns.get(None, ())):
        yield from _debt_columns(sheet)
    else:
        yield from _debt_rows(sheet)


# -- 4. 全省/全市 = 本级 + the regions ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _region_words() -> dict[str, frozenset[str] | tuple[str, ...]]:
    words = _words("regions")
    return {"whole": frozenset(map(fold_label, words["whole"])), "below": frozenset(map(fold_label, words["below"])),
            "own": tuple(words["own_endings"]), "place": tuple(words["place_endings"])}


def _region_kind(key: str) -> str | None:
    """whole | own (本级) | below (the regions together) | place (a region's name) | None."""
    words = _region_words()
    if key in words["whole"]:
        return "whole"
    if key in words["below"]:
        return "below"
    if key.endswith(words["own"]):
        return "own"
    if key.endswith(words["place"]) and len(key) <= 12:
        return "place"
    return None


def _region_rows(rows: Sequence[Row]) -> tuple[Row, Row, Row | None, list[Row], list[Row]] | None:
    """A table's rows by region: (whole, 本级, the subtotal of the levels below or None, the regions, the rows
    that are neither), or None when it does not print one whole and one 本级.  The whole is 全省/全市/合计,
    or the place printed just above its 本级 (广州市 above 广州市本级, 吴忠市 above 其中：市本级).  The rows
    between the 本级 and the subtotal below it are the 本级's own (its projects), not regions."""
    kinds = [_region_kind(r.key) for r in rows]
    own = [i for i, k in enumerate(kinds) if k == "own"]
    if len(own) != 1:
        return None
    o = own[0]
    whole = [i for i, k in enumerate(kinds) if k == "whole"]
    if not whole and o > 0 and kinds[o - 1] == "place" and (
            rows[o].key == rows[o - 1].key + "本级" or rows[o].label.lstrip().startswith("其中")):
        whole = [o - 1]
    below = [i for i, k in enumerate(kinds) if k == "below"]
    if len(whole) != 1 or len(below) > 1:
        return None
    w, b = whole[0], (below[0] if below else None)
    own_details = set(range(o + 1, b)) if b is not None and b > o else set()
    rest = [i for i in range(len(rows)) if i not in {w, o, b} and i not in own_details]
    regions = [rows[i] for i in rest if kinds[i] == "place" or _region_code(rows[i])]
    others = [rows[i] for i in rest if not (kinds[i] == "place" or _region_code(rows[i]))]
    return rows[w], rows[o], (rows[b] if b is not None else None), regions, others


def _region_code(row: Row) -> bool:
    return bool(row.code) and row.code.isdigit() and len(row.code) in (4, 6)


def _top_level(regions: list[Row]) -> list[Row]:
    """The regions of the first level below: where their 区划 codes differ in length (a city and its counties),
    those of the shortest."""
    lengths = {len(r.code) for r in regions if _region_code(r)}
    if len(lengths) < 2:
        return regions
    return [r for r in regions if not _region_code(r) or len(r.code) == min(lengths)]


def _off_by(total: Cell | None, cells: list) -> tuple[list, Decimal, Decimal, Decimal] | None:
    """(the parts printed, their sum, total - sum, tolerance) when a printed total is off from its printed
    parts beyond the rounding of both; None when it holds, or nothing is printed to compare."""
    shown = _shown(cells)
    if total is None or total.value is None or not shown:
        return None
    s = sum((c.value for c in shown), _ZERO)
    diff, tol = total.value - s, _tolerance(total, *shown)
    return None if abs(diff) <= tol else (shown, s, diff, tol)


def _sum_check(sheet: Sheet, column: str, whole: Row, parts: list[Row], what_en: str, what_zh: str,
               doubt: list[tuple[str, str]], torn: bool) -> Finding | None:
    """region-sum: ``whole`` = Σ ``parts`` in ``column``; insufficient-data when it fails and a part is blank,
    ``doubt`` says why the parts may not be the regions (rows that are none, regions of two levels), the
    difference is one part's figure (a level printed twice), or rows were not read."""
    t = whole.cells.get(column)
    cells = [p.cells.get(column) for p in parts]
    off = _off_by(t, cells)
    if off is None:
        return None
    shown, s, diff, tol = off
    twice = [p.label for p, c in zip(parts, cells)
             if c is not None and c.value is not None and abs(abs(diff) - abs(c.value)) <= tol + half_unit(c.decimals)]
    more = [*doubt, *([(f"the difference is the figure of {', '.join(twice)}: a level may be printed twice",
                        f"差额等于{'、'.join(twice)}的数额，可能重复列示了一个层级")] if twice else [])]
    why = _reasons(_blank_short(diff, parts, cells), (), torn, more)
    if why:
        return _cannot(sheet, f"{what_en} ({column})", f"{what_zh}（{column}）", "; ".join(e for e, _z in why),
                       "；".join(z for _e, z in why))
    figures = (_printed(sheet, whole, column), *(_printed(sheet, p, column) for p in parts))
    return finding("region-sum", sheet, f"{what_en} ({column}): {whole.label} {t.raw} against {s} (difference {diff}, "
                   f"tolerance {tol})", f"{what_zh}（{column}）：{whole.label} {t.raw} 与各部分之和 {s} 不符（差额 {diff}，"
                   f"容差 {tol}）", at=whole, column=column, expected=str(s), actual=str(t.value), difference=diff,
                   tolerance=tol, figures=figures)


def _regions_by_rows(sheet: Sheet, torn: bool) -> Iterator[Finding]:
    found = _region_rows(sheet.side_rows(None))
    if found is None:
        return
    whole, own, below, regions, others = found
    top = _top_level(regions)
    doubt = [(f"rows that are not regions: {', '.join(r.label for r in others)}",
              f"有不是地区的行：{'、'.join(r.label for r in others)}")] if others else []
    if len(top) < len(regions):
        doubt.append(("regions of two levels (区划 codes of two lengths)", "地区有两个层级（区划编码长度不同）"))
    for column in sheet.columns.get(None, ()):
        if below is not None:
            found = [_sum_check(sheet, column, whole, [own, below], "全域 = 本级 + 下级", "全域数等于本级与下级之和", [],
                                torn),
                     _sum_check(sheet, column, below, top, "下级 = Σ the regions", "下级数等于所辖各地区之和", doubt, torn)]
        else:
            found = [_sum_check(sheet, column, whole, [own, *top], "全域 = 本级 + Σ the regions",
                                "全域数等于本级与所辖各地区之和", doubt, torn)]
        yield from (f for f in found if f is not None)


def _regions_by_columns(sheet: Sheet, torn: bool) -> Iterator[Finding]:
    """Columns by region (合计 | 自治区本级 | 地市级及以下, per year): on every row, the whole column = the 本级
    column + the columns below it, within each group of columns of one period."""
    table = sheet.source
    # a relation the table declares is checked by the column rule on its coded lines and its 合计 line
    declared = {r.total for r in getattr(table, "relations", ())}
    for side, columns in sheet.columns.items():
        groups: dict[object, list[str]] = {}
        for column in columns:
            told = getattr(table, "periods", None) is not None
            groups.setdefault(column_period(sheet, column) if told else column.rpartition("/")[0], []).append(column)
        for group in groups.values():
            kinds = {c: _region_kind(_last_heading(c)) for c in group}
            whole = [c for c, k in kinds.items() if k == "whole"]
            own = [c for c, k in kinds.items() if k == "own"]
            below = [c for c, k in kinds.items() if k in ("below", "place")]
            if len(whole) != 1 or len(own) != 1 or not below or len(group) != 2 + len(below):
                continue
            for row in sheet.side_rows(side):
                if whole[0] in declared and (row.code or row.total):
                    continue
                shown = _shown([row.cells.get(c) for c in (whole[0], own[0], *below)])
                if not shown:
                    continue
                f = _column_sum(sheet, row, whole[0], [own[0], *below], torn)
                if f is not None:
                    yield f


def _column_sum(sheet: Sheet, row: Row, whole: str, parts: list[str], torn: bool) -> Finding | None:
    t = row.cells.get(whole)
    cells = [row.cells.get(p) for p in parts]
    off = _off_by(t, cells)
    if off is None:
        return None
    shown, s, diff, tol = off
    what_en, what_zh = f"{row.label}: {whole} = {' + '.join(parts)}", f"{row.label}：{whole}等于{'＋'.join(parts)}"
    if len(shown) < len(cells) or torn:
        why = "a part is blank (not zero)" if len(shown) < len(cells) else "some of its rows were not read"
        return _cannot(sheet, what_en, what_zh, why, "有空白分项（空白不等于零）" if len(shown) < len(cells) else "该表有未读取的行")
    return finding("region-sum", sheet, f"{what_en}: {t.raw} against {s} (difference {diff}, tolerance {tol})",
                   f"{what_zh}：{t.raw} 与 {s} 不符（差额 {diff}，容差 {tol}）", at=row, column=whole, expected=str(s),
                   actual=str(t.value), difference=diff, tolerance=tol,
                   figures=(_printed(sheet, row, whole), *(_printed(sheet, row, p) for p in parts)))


# -- the check ---------------------------------------------------------------------------------------------


def _not_whole(document: Document) -> set[str]:
    """The tables and statements some of whose rows were printed and not read (coverage.unread_rows_of; a
    statement named by such a row, or printed on its page): their identities prove nothing."""
    torn = set(unread_rows_of(document))
    unread = [p for p in document.problems if p.rule in ("unread-line", "unplaced-row")]
    pages = {p.page for p in unread if p.page is not None}
    torn.update(st.name for st in document.statements
                if any(p.table == st.name for p in unread) or any(it.page in pages for it in st.items))
    return torn


def government_check(document: Document, catalog=None) -> list[Finding]:
    """Findings of the identities of a government budget over every table and statement of ``document``
    (see the module's docstring); none for a document that is not a government's."""
    if not is_government(document):
        return []
    torn = _not_whole(document)
    out: list[Finding] = []
    for sheet in sheets(document):
        broken = sheet.name in torn
        out.extend(_balance(sheet, broken))
        out.extend(_debt(sheet))
        out.extend(_regions_by_rows(sheet, broken))
        out.extend(_regions_by_columns(sheet, broken))
    return out


def between_tables(document: Document, catalog) -> list[Finding]:
    """The checks over a document's tables taken together: a government's identities (government_check) for
    a government's budget or final account, the checks between a department's tables (cross_check) for any
    other."""
    return government_check(document, catalog) if is_government(document) else cross_check(document, catalog)
