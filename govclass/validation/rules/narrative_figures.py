"""Where a narrative claim's figure is printed: the one table figure of the same subject, scope, year and
measure that a sentence restates (a department's tables by section and code, a government report's tables
by budget, scope and period), or Missing saying why none can be told.  The rules that compare a claim with
its figure are in narrative.py; this module only finds the figure, and emits no finding.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govclass.document import (UNITS, Cell, Claim, Document, Statement, Table, find_row, fold_label, half_unit,
                               same_measure)
from govclass.validation.report import Printed
from govclass.validation.rules.cross import coded_lines, total_column, total_line
from govclass.validation.rules.government import (BUDGET_ZH, Row, Sheet, balance_sides, column_period, column_scope,
                                                  line_row, own_row, sheets)
from govclass.vocabulary import KINDS

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_half = half_unit

# -- where a claim's figure is printed ---------------------------------------------


class Missing(Exception):
    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def _not_printed(kind: str) -> Missing:
    """The standard table or statement ``kind`` is not in the document (or not readable)."""
    name = KINDS[kind].name if kind in KINDS else kind
    return Missing(f"the document prints no readable {name}", f"文档中没有可读取的“{name}”")


class Figure:
    """A figure of the tables: cells (summed), their unit, where (a phrase),
    the table's name and what is printed (a Printed per cell)."""

    def __init__(self, cells: list[Cell], unit: str, where: str, table: str = "",
                 printed: tuple[Printed, ...] = ()) -> None:
        self.cells, self.unit, self.where, self.table, self.printed = cells, unit, where, table, printed


def printed_at(table: str, row: str | None, column: str | None, cell: Cell | None, page=None, line=None,
             box=None) -> Printed:
    raw = cell.raw if cell is not None and cell.raw is not None else "（空白）"
    return Printed(raw, table, row, column, page, line, box=box)


class Tables:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # the first of each kind that prints something (a title can be found twice, once with no body)
        self.tables = {t.kind: t for t in sorted(reversed(doc.tables), key=lambda t: bool(t.lines)) if t.kind}
        self.statements = {s.kind: s for s in sorted(reversed(doc.statements), key=lambda s: bool(s.items))
                           if s.kind}
        self.final = doc.kind == "决算" or any(k and k.startswith("final-") for k in self.tables)
        self.sheets = sheets(doc)  # a government report's tables, matched by budget, scope, year and measure
        self.rows: dict[tuple, Row | None] = {}  # (sheet, side, whole, code) -> the row that prints it, once

    def table(self, kind: str) -> Table:
        t = self.tables.get(kind)
        if t is None:
            raise _not_printed(kind)
        return t

    def statement(self, kind: str) -> Statement:
        s = self.statements.get(kind)
        if s is None:
            raise _not_printed(kind)
        return s

    def total(self, kind: str, column: str) -> Figure:
        t = self._lines(kind)
        if not t.lines:
            return Figure([], t.unit, f"{t.name}（空表）", t.name)
        ln = total_line(t)
        column = total_column(t, column) or column
        if ln is None or column not in ln.cells:
            raise Missing(f"{t.name} has no 合计 line with {column}", f"{t.name}没有含“{column}”的合计行")
        cell = ln.cells[column]
        return Figure([cell], t.unit, f"{t.name} 合计 {column}", t.name,
                       (printed_at(t.name, ln.name or "合计", column, cell, ln.page, ln.source_line, ln.box),))

    def _lines(self, kind: str) -> Table:
        """The table, if it prints lines or is empty with the note saying why
        (then every figure of it is zero); else Missing."""
        t = self.table(kind)
        if not t.lines and not t.note:
            raise Missing(f"{t.name} prints no lines and no note saying it is empty",
                           f"{t.name}没有读出任何行，也没有空表说明")
        return t

    def code(self, kind: str, code: str, column: str) -> Figure:
        t = self._lines(kind)
        if not t.lines:
            return Figure([], t.unit, f"{t.name}（空表）", t.name)
        ln = coded_lines(t).get(code)
        if ln is None:
            return Figure([], t.unit, f"{t.name}（无 {code} 行）", t.name)
        if column not in ln.cells:
            raise Missing(f"{t.name} has no column {column}", f"{t.name}没有“{column}”栏")
        cell = ln.cells[column]
        row = f"{code} {ln.name or ''}".strip()
        return Figure([cell], t.unit, f"{t.name} {row} {column}", t.name,
                       (printed_at(t.name, row, column, cell, ln.page, ln.source_line, ln.box),))

    def item(self, kind: str, side: str | None, labels: tuple[str, ...], column: str | None = None) -> Figure:
        st = self.statement(kind)
        for label in labels:
            it = find_row(st, side, label)
            if it is not None:
                col = column or next(iter(st.columns.get(side or "", ()) or it.cells), None)
                if col is None or col not in it.cells:
                    break
                cell = it.cells[col]
                return Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                               (printed_at(st.name, it.label, col, cell, it.page, it.source_line, it.box),))
        raise Missing(f"{st.name} has no row {labels[0]}", f"{st.name}没有“{labels[0]}”行")

    def only_gpb(self) -> bool:
        """The fiscal appropriation is the general public budget alone: the
        fund and capital tables print no lines."""
        for kind in (("final-08", "final-09") if self.final else ("gf-expenditure", "soc-expenditure")):
            t = self.tables.get(kind)
            if t is None or t.lines:
                return False
        return True

    def measure(self) -> str:
        """What the department's tables print: 决算 or 预算."""
        return "决算" if self.final else "预算"


_ALL = ("income", "expenditure", "summary", "other")
SANGONG_COLUMNS = {
    "sangong": lambda c: c == "合计",
    "sangong-abroad": lambda c: "出国" in c and "一般公务" not in c and "学术" not in c,
    "sangong-reception": lambda c: "接待" in c,
    "sangong-vehicle": lambda c: "购置及运行" in c,
    "sangong-vehicle-run": lambda c: "运行" in c and "购置" not in c and "机关" not in c,
    "admin-running": lambda c: "机关运行经费" in c,
    "sangong-vehicle-buy": lambda c: "购置" in c and "运行" not in c,
}


_PER_UNIT = re.compile(r"每[辆人次台个件天车]|人均|单价|平均")


def sangong_figure(tables: Tables, kind: str, row: str = "合计") -> Figure:
    st = tables.statements.get("three-public")
    if kind == "admin-running" and (st is None or not any(SANGONG_COLUMNS[kind](c) for c in st.columns.get("", ()))):
        st = tables.statements.get("admin-running")  # a table of its own (一般公共预算机关运行经费支出预算表)
        if st is None:
            raise Missing("no table of this document prints 机关运行经费", "本文档没有表列示机关运行经费")
    if st is None:
        raise Missing("the document prints no readable 三公 table", "文档中没有可读取的“三公”经费表")
    cols = st.columns.get("", ())
    col = next((c for c in cols if SANGONG_COLUMNS[kind](c)), None)
    if col is None:
        raise Missing(f"{st.name} has no column for this item", f"{st.name}没有该项目的栏")
    if not st.items:
        if not st.note:
            raise Missing(f"{st.name} prints no rows and no note saying it is empty",
                           f"{st.name}没有读出任何行，也没有空表说明")
        return Figure([], st.unit, f"{st.name}（空表）", st.name)
    if row != "合计":  # 年初预算数 of a 决算's 三公 table
        it = next((it for it in st.items if re.sub(r"\s", "", it.label) == row), None)
        if it is None:
            raise Missing(f"{st.name} has no row {row}", f"{st.name}没有“{row}”行")
    else:
        it = next((it for it in st.items if re.sub(r"\s", "", it.label) in ("合计", "总计")), None)
        if it is None and len(st.items) == 1:
            it = st.items[0]
        if it is None:
            raise Missing(f"{st.name} prints several units and no 合计 row", f"{st.name}有多个单位行且没有合计行")
    cell = it.cells.get(col, Cell(None, None))
    return Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                   (printed_at(st.name, it.label, col, cell, it.page, it.source_line, it.box),))


# -- the same money: scope, year and measure ------------------------------------------

OWN_SCOPES = ("department", "unit")  # a department's or unit's disclosure speaking of its own money
_GOVERNMENT = ("whole", "本级")  # a government's report: 全省/全市, or 本级
_SCOPE_ZH = {"department": "本部门", "unit": "本单位", "project": "某一项目", "whole": "全域（全省/全市）", "本级": "本级",
             "departments": "各部门预算"}


def _scope_zh(scope: str | None) -> str:
    if scope is None:
        return "（未说明）"
    return scope.split(":", 1)[1] if scope.startswith("region:") else _SCOPE_ZH.get(scope, scope)


def _own_period(claim: Claim, tables: Tables) -> None:
    """A department's claim is of the document's figures only when it speaks
    of the document's year and what its tables print (预算 or 决算)."""
    doc_year = tables.doc.year
    if claim.year is None or doc_year is None:
        raise Missing("the year of the sentence or of the document is not known",
                       "句子或文档的年度不明")
    if claim.year != doc_year:
        raise Missing(f"the sentence speaks of {claim.year} ({claim.measure or 'measure unknown'}), the tables of "
                       f"{doc_year}", f"句中所述为 {claim.year} 年{claim.measure or ''}数，表中为 {doc_year} 年数")


def _own_measure(claim: Claim, tables: Tables) -> None:
    if claim.measure is None or not same_measure(claim.measure, tables.measure()):
        raise Missing(f"the sentence speaks of a {claim.measure or '(measure unknown)'} figure, the tables print the "
                       f"{tables.measure()}", f"句中所述为{claim.measure or '（不明）'}数，表中为{tables.measure()}数")


# -- a government report's sentences against its tables -------------------------------------------------

_WHOLE_WORDS = re.compile(r"总量|总计")
#: a one-sided table whose title names these is not the table of a budget's whole revenue or expenditure
_NOT_WHOLE_SIDE = re.compile(r"基本支出|项目|转移支付|三公|补助|返还|债务|调入|调出|分地区|结转|平衡")


def _government_subject(claim: Claim) -> tuple[str, str, bool, str | None]:
    """(budget, side, whole, code) of a government report's claim: whose budget (gpb, gf, soc, ssf), 收入 or 支出,
    whether it is the budget's 总量/总计 (with transfers and balances: the 平衡表's 总计) rather than its own
    收入/支出, and the classification code it names; Missing when the words do not say."""
    s = claim.subject
    whole = s.whole or bool(_WHOLE_WORDS.search(claim.subject_text))
    if s.kind in ("gpb", "gf", "soc"):
        return s.kind, s.side or "支出", whole, None
    if s.kind in ("total-income", "total-expenditure") and claim.fund is not None:
        return claim.fund, "收入" if s.kind == "total-income" else "支出", whole, None
    if s.kind == "code" and s.code is not None and s.classification == "functional":
        budget = claim.fund or ("gpb" if s.funds == "gpb" else None)
        if budget is not None:
            return budget, "支出", False, s.code
    if s.kind in ("total-income", "total-expenditure", "code"):
        raise Missing("the sentence does not say (nor its paragraph and headings) of which budget it is",
                       "句子及其所在段落、标题未说明是哪一本预算")
    raise Missing("no table prints what this sentence names, or the name is ambiguous",
                   "句中所述内容无表可对照，或名称有歧义")


def _one_sided_total(sheet: Sheet, side: str, own: bool = True) -> Row | None:
    """The 合计 row of a table of one side of a budget (一般公共预算收入表, …支出表 by function or by economic
    class): its own revenue or expenditure.  None for a table of both sides, of a part (基本支出, 转移支付,
    债务 …) or without one 合计 row.  A 总计 is no budget's own 收入/支出: a one-sided table that ends in
    支出总计 adds 转移性支出, 调出资金 and 债务还本 to it (Guangzhou's 市级一般公共预算支出表: 支出 1,051 亿,
    支出总计 2,224 亿), so the sentence's 支出 is not its 总计; ``own=False`` asks only whether the table is
    one side's whole, whatever its total is called."""
    name = sheet.name.replace("收支", "")
    other = "支出" if side == "收入" else "收入"
    if side not in name or other in name or _NOT_WHOLE_SIDE.search(name):
        return None
    whole = re.compile(rf"(?:本年|本级)?(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)?(?:{side})?(?:合计|总计)")
    totals = [r for r in sheet.rows if r.total or whole.fullmatch(r.key)]
    if len(totals) != 1 or (own and "总计" in totals[0].key):
        return None
    return totals[0]


#: the class of the 预备费 a budget's 一般公共预算支出 holds (预算法 art. 40: 1-3 % of it, spent into the other
#: classes through the year, so no 执行 or 决算 prints it)
RESERVE_CODE = "227"
#: the words of a sentence that says its 支出 holds the 预备费
RESERVE_WORD = "预备费"


def _leaves_out_the_reserve(sheet: Sheet, claim: Claim, code: str | None, whole: bool) -> bool:
    """Whether ``sheet`` is a functional table of the 一般公共预算's budget that prints no 预备费 line, against a
    sentence of the budget's own 支出 that says it holds one: such a table's 合计 leaves the 预备费 out
    (Guangzhou 2026 prints it on the balance table, 三、预备费 12 亿, beside a functional table of 1,051 亿; its
    text says 支出 1,063 亿, 其中安排预备费 12 亿), so it is no proof of the 支出."""
    table = sheet.source
    return (code is None and not whole and sheet.budget == "gpb" and claim.measure == "预算"
            and RESERVE_WORD in (claim.sentence or "")
            and isinstance(table, Table) and table.classification == "functional"
            and RESERVE_CODE not in coded_lines(table))


def _government_row(sheet: Sheet, side: str, whole: bool, code: str | None) -> Row | None:
    """The row of ``sheet`` that prints the subject: a 平衡表's 总计 (whole) or its own item, a one-sided
    table's 合计, a functional table's line of the code."""
    if code is not None:
        table = sheet.source
        functional = isinstance(table, Table) and table.classification == "functional"
        if not functional or _one_sided_total(sheet, side, own=False) is None:
            return None
        line = coded_lines(table).get(code)
        return None if line is None else line_row(line)
    if whole:
        sides = balance_sides(sheet)
        return None if sides is None else sides[side][1]
    return own_row(sheet, side) or _one_sided_total(sheet, side)


def _periods_zh(sheet: Sheet, columns) -> str:
    said = []
    for c in columns:
        period = column_period(sheet, c)
        if period is not None:
            said.append(f"{period[0] or '？'}年{period[1] or '（未说明）'}数")
    return "、".join(dict.fromkeys(said)) or "（未说明）"


def _government_figure(claim: Claim, tables: Tables) -> Figure:
    """A government report's claim against the one figure its tables print of the same budget, subject,
    scope, year and measure: a table's budget and scope, and each column's year and measure, as its reader
    said them (Table.budget, .scope, .periods), else as its title and headers say them.  Several tables
    printing the same figure agree or prove nothing; none is Missing saying the nearest reason."""
    budget, side, whole, code = _government_subject(claim)
    if claim.scope is None or claim.year is None or claim.measure is None:
        raise Missing("the sentence does not say (nor its paragraph and headings) whose money, which year and which "
                       "measure it is", "句子及其所在段落、标题未说明口径、年度或预算/执行")
    found: list[tuple[Sheet, Row, str]] = []
    other_time: list[tuple[str, str]] = []
    other_scope: list[tuple[str, str]] = []
    no_reserve: list[tuple[str, str]] = []
    for sheet in tables.sheets:
        if sheet.budget != budget:
            continue
        key = (id(sheet), side, whole, code)
        if key not in tables.rows:  # a report states many figures of one table: its rows are found once
            tables.rows[key] = _government_row(sheet, side, whole, code)
        row = tables.rows[key]
        if row is None:
            continue
        if side == "支出" and _leaves_out_the_reserve(sheet, claim, code, whole):
            no_reserve.append((f"{sheet.name} prints no 预备费 ({RESERVE_CODE}), which the budget's 支出 holds: its "
                               "合计 may leave it out", f"{sheet.name}未列预备费（{RESERVE_CODE}），而预算支出含预备费："
                               "其合计可能不含预备费"))
            continue
        columns = sheet.columns.get(row.side, ())
        scoped = [c for c in columns if column_scope(sheet, c) == claim.scope]
        timed = [c for c in scoped if (p := column_period(sheet, c)) is not None and p[0] == claim.year
                 and same_measure(p[1], claim.measure)]
        if len(timed) == 1:
            found.append((sheet, row, timed[0]))
        elif timed:
            other_time.append((f"{sheet.name} prints it in {len(timed)} columns of that year ({', '.join(timed)})",
                               f"{sheet.name}有 {len(timed)} 栏为该年度数（{'、'.join(timed)}）"))
        elif scoped:
            other_time.append((f"the sentence speaks of {claim.year} {claim.measure}, {sheet.name} prints "
                               f"{_periods_zh(sheet, scoped)}", f"句中为 {claim.year} 年{claim.measure}数，"
                               f"{sheet.name}为{_periods_zh(sheet, scoped)}"))
        else:
            scopes = sorted({column_scope(sheet, c) or "" for c in columns})  # "": not said
            other_scope.append((f"the sentence is about {claim.scope}, {sheet.name} about "
                                f"{', '.join(x or '(not said)' for x in scopes)}", f"句中口径为{_scope_zh(claim.scope)}，"
                                f"{sheet.name}为{'、'.join(_scope_zh(x or None) for x in scopes)}"))
    if not found:
        reasons = other_time or other_scope or no_reserve
        if reasons:
            raise Missing("; ".join(en for en, _zh in reasons), "；".join(zh for _en, zh in reasons))
        what = "总计" if whole else code or side
        raise Missing(f"no table of the {BUDGET_ZH.get(budget, budget)} prints its {what}",
                       f"没有表列示{BUDGET_ZH.get(budget, budget)}的{what}")
    return _agreed(found)


def _agreed(found: list[tuple[Sheet, Row, str]]) -> Figure:
    """The figure the tables print, when every table that prints it prints the same (within the rounding of
    each); Missing naming two that differ."""
    sheet, row, column = next(((s, r, c) for s, r, c in found if _printed_value(r, c)), found[0])
    cell = row.cells.get(column) or Cell(None, None)
    for other, orow, ocol in found:
        ocell = orow.cells.get(ocol)
        if cell.value is None or ocell is None or ocell.value is None:
            continue
        there = in_unit(ocell.value, other.unit, sheet.unit)
        tol = _half(cell.decimals) + in_unit(_half(ocell.decimals), other.unit, sheet.unit)
        if abs(there - cell.value) > tol:
            raise Missing(f"{sheet.name} prints {cell.raw}, {other.name} {ocell.raw}: which the sentence restates "
                           "cannot be told", f"{sheet.name}列示 {cell.raw}，{other.name}列示 {ocell.raw}，无法确定句中所指")
    label = f"{row.code} {row.label}".strip() if row.code else row.label
    return Figure([cell], sheet.unit, f"{sheet.name} {label} {column}", sheet.name,
                   (printed_at(sheet.name, label, column, cell, row.page, row.source_line),))


def _printed_value(row: Row, column: str) -> bool:
    cell = row.cells.get(column)
    return cell is not None and cell.value is not None


def figure(claim: Claim, tables: Tables) -> Figure:
    """The table figure a claim restates, or Missing saying why none can be told."""
    if claim.scope in _GOVERNMENT or (claim.scope or "").startswith("region:"):
        return _government_figure(claim, tables)
    if claim.scope not in OWN_SCOPES:
        raise Missing(f"the sentence is about {claim.scope or 'money whose scope it does not say'}, not the "
                       f"document's own", f"句中所述口径为{_scope_zh(claim.scope)}，不是本文档的收支")
    _own_period(claim, tables)
    return _figure(claim, tables)


def _figure(claim: Claim, tables: Tables) -> Figure:
    s, sec = claim.subject, claim.section
    if sec in ("performance", "procurement", "projects") and s.kind not in ("code",) and not s.kind.startswith(
            "sangong"):
        # "涉及一级预算项目6个，预算资金781.5万元，其中财政拨款4.5万元": the money of those projects, not a table's total
        raise Missing("an amount of the projects a 绩效/采购/项目 section describes: no table prints it",
                       "绩效、采购或项目说明中的项目金额：无表可对照")
    if _PER_UNIT.search(claim.subject_text):
        raise Missing("an amount per vehicle, person or item (每辆, 人均): no table prints it",
                       "每辆、人均等单位金额：无表可对照")
    sec = s.funds or sec  # "一般公共预算财政拨款基本支出" wherever it stands
    final = tables.final
    if final and claim.measure == "预算" and s.kind.startswith("sangong"):
        return sangong_figure(tables, s.kind, "年初预算数")  # the 决算 三公 table prints both
    if claim.scope in OWN_SCOPES:
        _own_measure(claim, tables)
    if s.kind.startswith("sangong"):
        return sangong_figure(tables, s.kind)
    if s.kind == "admin-running":
        return sangong_figure(tables, "admin-running")
    if s.kind == "other" and s.named and sec in ("income", "expenditure", "summary"):
        return _named_row(claim, tables)
    if s.kind in ("other",) or (s.kind == "code" and s.code is None):
        raise Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    return _classified(claim, tables, sec)


def _named_row(claim: Claim, tables: Tables) -> Figure:
    """An item the 收支总表 prints by its label (事业收入, 其他收入 …): its row
    when exactly one row of the statement bears the name, on the side the
    section says."""
    summary = "final-01" if tables.final else "summary"
    st = tables.statements.get(summary)
    name = fold_label(re.sub(r"^(?:其中[:：]?|\d{4}年度?|本年)", "", claim.subject.named or ""))
    name = re.sub(r"(?:预算数?|决算数?)?(?:为|是|共计|安排)?$", "", name)
    side = "收入" if claim.section == "income" else "支出" if claim.section == "expenditure" else None
    if st is None or len(name) < 3:
        raise Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    rows = [it for it in st.items if fold_label(it.label) == name and (side is None or it.side == side)]
    if len(rows) != 1:
        raise Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    it = rows[0]
    col = next(iter(st.columns.get(it.side or "", ()) or it.cells), None)
    if col is None or col not in it.cells:
        raise Missing(f"{st.name} prints no figure in the row {it.label}", f"{st.name}“{it.label}”行没有数")
    cell = it.cells[col]
    return Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                   (printed_at(st.name, it.label, col, cell, it.page, it.source_line, it.box),))


def _classified(claim: Claim, tables: Tables, sec: str) -> Figure:
    """The figure of a total, a source, a column or a code (see Subject)."""
    s = claim.subject
    final = tables.final
    summary = "final-01" if final else "summary"
    if s.kind in ("total-income", "total-expenditure"):
        label = "收入总计" if s.kind == "total-income" else "支出总计"
        if sec == "fiscal" and not final:
            return tables.item("fiscal-summary", s.side, (label,), None if s.side == "收入" else "合计")
        if sec in ("gpb", "basic"):
            raise Missing("a total in a 一般公共预算 section", "一般公共预算部分的总额")
        return tables.item(summary, s.side, (label, "总计"))  # a 决算's 公开01表 prints 总计 on each side
    if s.kind == "total-both":  # 收入支出总计: the 收支总表's 总计 (each side's; statement-balance holds them equal)
        if sec == "fiscal" or s.funds == "fiscal":
            return tables.item("final-04" if final else "fiscal-summary", "收入", ("收入总计", "总计"))
        return tables.item(summary, "收入", ("收入总计", "总计"))
    if s.kind in ("year-income", "year-expenditure"):
        label = "本年收入合计" if s.kind == "year-income" else "本年支出合计"
        return tables.item(summary, s.side, (label,))
    if s.kind == "carryover":
        return tables.item(summary, "收入", ("上年结转", "上年结转（结余）", "上年结转(结余)", "年初结转和结余"))
    if s.kind == "fiscal":
        if final:
            raise Missing("a 财政拨款 figure of a 决算", "决算的财政拨款数")
        if s.side == "收入":
            return tables.item("fiscal-summary", "收入", ("财政拨款收入", "本年收入", "收入总计"))
        return tables.item("fiscal-summary", "支出", ("本年支出", "本年支出合计"), "合计")
    if s.kind == "gpb":
        if final and s.side == "收入":
            return tables.item("final-01", "收入", ("一般公共预算财政拨款收入", "一般公共预算财政拨款"))
        if final:
            return tables.total("final-05", "本年支出合计")
        if s.side == "收入":
            return tables.item("fiscal-summary", "收入", ("一般公共预算拨款收入", "一般公共预算收入"))
        return tables.total("gpb-expenditure", "合计")
    if s.kind in ("gf", "soc"):
        if final:
            raise Missing("a fund or capital figure of a 决算", "决算的基金或国有资本经营数")
        return tables.total("gf-expenditure" if s.kind == "gf" else "soc-expenditure", "合计")
    if s.kind in ("basic", "project"):
        col = "基本支出" if s.kind == "basic" else "项目支出"
        if sec in _ALL:
            return tables.total("final-03" if final else "expenditure", col)
        if sec in ("gpb", "basic") or (sec == "fiscal" and tables.only_gpb()):
            return tables.total("final-05" if final else "gpb-expenditure", col)
        raise Missing(f"{col} of the 财政拨款 where fund or capital tables print lines",
                       f"财政拨款的{col}（政府性基金或国有资本经营表有数）")
    if s.kind in ("personnel", "public"):
        col = "人员经费" if s.kind == "personnel" else "公用经费"
        if final:
            return tables.item("final-06-totals", None, (col + "合计",), "金额")
        return tables.total("gpb-basic", col)
    if s.kind == "code":
        return _coded(claim, tables, sec)
    raise Missing("no table prints what this sentence names", "句中所述内容无表可对照")


def _coded(claim: Claim, tables: Tables, sec: str) -> Figure:
    s = claim.subject
    final = tables.final
    code = s.code or ""
    if s.classification == "functional":
        if sec in _ALL:
            return tables.code("final-03" if final else "expenditure", code, "本年支出合计" if final else "合计")
        if sec in ("gpb",) or (sec == "fiscal" and tables.only_gpb()):
            return tables.code("final-05" if final else "gpb-expenditure", code, "本年支出合计" if final else "合计")
        raise Missing(f"code {code} in a section no table matches", f"科目 {code} 所在部分无对应表")
    if s.classification == "economic-dept":
        basic_only = claim.context == "basic" or sec == "basic"
        if basic_only and (sec in ("gpb", "basic") or (sec == "fiscal" and tables.only_gpb())):
            return tables.code("final-06" if final else "gpb-basic", code, "金额" if final else "合计")
        raise Missing(f"economic class {code} over all funds or projects: no table prints it",
                       f"经济分类 {code}（含项目或全部资金）无表列示")
    raise Missing(f"code {code} of the {s.classification} classification: no table prints it",
                   f"科目 {code} 无表列示")


def in_unit(value: Decimal, unit: str, to: str) -> Decimal:
    return value * UNITS[unit] / UNITS[to]
