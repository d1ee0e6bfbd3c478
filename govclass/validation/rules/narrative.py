"""Rules on a disclosure's narrative and the identities reviewers check.

The narrative arrives as structured claims (``Document.claims``, parsed by a
reader: govclass.readers.narrative): subject, scope, year and measure, amount,
comparison.  A claim is an error only when it is proven: checked against
exactly one printed figure of the same subject, scope and year, and every
error names the figures it rests on (``Finding.figures``: the table, row,
column, page and printed text of each side, and the sentence).  A claim that
cannot be tied so is ``insufficient-data``, a warning saying why.

Each rule reads like the defect a district finance bureau's reviewer records:

=========================  ========  ==============================================
id                         severity  meaning
=========================  ========  ==============================================
narrative-amount           error     an amount in the text differs from the table's
                                     figure for the same thing, scope and year (after
                                     unit conversion, beyond the rounding of both)
narrative-percent          error     a percentage that does not follow from its two
                                     amounts (the change, the paragraph's earlier
                                     figure, a share or a completion)
narrative-direction        error     增加/减少/持平 or 大于/小于/等于 wording that
                                     contradicts the change, the percentage or the two
                                     figures it compares
narrative-repeat           error     the same thing (subject, scope, year, measure)
                                     stated with two different amounts
narrative-empty-reason     warning   a reason left empty ("主要原因是。")
placeholder-text           warning   template text left in (XX, 待填写, 增加（减少）)
narrative-year             error     the year compared with, or the budget year named,
                                     contradicts the figure's year
narrative-scope            warning   部门 wording in a 单位预算
narrative-name             warning   a class named by a name that is not its name in the
                                     edition (a retired name, another code's name)
listed-table-missing       error     a table the 目录 lists that the document prints
                                     nowhere
sangong-identity           error     三公 合计 ≠ 出国 + 接待 + 公务用车; 公务用车 ≠ 购置 + 运行
sangong-vs-basic           error     the basic-expenditure table's 30217/30231/31013 exceed
                                     the 三公 table's 公务接待费/运行维护费/购置
statement-balance          error     收入总计 ≠ 支出总计 in a statement table
insufficient-data          warning   a statement the tables cannot confirm (names what no
                                     table prints, another scope or year, or is
                                     ambiguous): said, never passed
=========================  ========  ==============================================

An empty table without its note is the reader's ``empty-table`` finding
(govclass.readers.disclosure): not repeated here.  ``insufficient-data`` is
the cross family's rule (govclass.validation.rules.cross), reused.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

import attrs

from govclass.catalog import editions
from govclass.document import (ACTUAL, UNITS, Cell, Claim, Document, Statement, Table, find_row, fold_label,
                               half_unit, same_measure)
from govclass.normalize import normalize_name
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.validation.report import Finding, Printed
from govclass.validation.rules.cross import coded_lines, total_column, total_line
from govclass.validation.rules.government import (BUDGET_ZH, Row, Sheet, balance_sides, column_period, column_scope,
                                                  is_government, line_row, own_row, sheets)
from govclass.vocabulary import KINDS

__all__ = ["NARRATIVE_RULES", "narrative_check", "identity_check", "superseded_by_contents"]

declare("narrative-amount", ERROR, "narrative",
        "an amount in the narrative differs from the table's figure for the same thing, scope and year (after unit "
        "conversion, beyond the rounding of both)", "说明中的金额与表中同一项目、同一口径和年度的数额不符（换算单位后超出两者的舍入误差）")
declare("narrative-percent", ERROR, "narrative",
        "a percentage in the narrative does not follow from its two amounts (the change, the paragraph's earlier "
        "figure it compares with, a share or a completion)",
        "说明中的百分比与其所依据的两个数额不符（增减额、同段所述上年数、占比或完成率）")
declare("narrative-direction", ERROR, "narrative",
        "增加/减少/持平 or 大于/小于/等于 wording contradicts the change, the percentage or the two figures it compares",
        "增减、持平或大于、小于、等于的表述与增减额、百分比或所比较的两个数额矛盾")
declare("narrative-repeat", ERROR, "narrative",
        "the same thing (subject, scope, year and measure) is stated twice in the narrative with different amounts",
        "说明中同一项目（同一口径、年度）前后两处金额不一致")
declare("narrative-empty-reason", WARNING, "narrative", "a reason left empty in the narrative (主要原因是。)",
        "说明中原因未填写（“主要原因是。”）")
declare("placeholder-text", WARNING, "narrative", "template text left in the narrative (XX, 待填写, 增加（减少）)",
        "说明中保留了模板文字（XX、待填写、增加（减少）等）")
declare("narrative-year", ERROR, "narrative",
        "the year compared with, or the budget year named, contradicts the year of the figure (a department's "
        "document: its own year)", "说明中比较年度或所称预算年度与所述数据的年度（部门文档为其本年度）不符")
declare("narrative-scope", WARNING, "narrative", "部门 wording in a 单位预算", "单位预算的说明中使用了部门口径的表述")
declare("narrative-name", WARNING, "narrative",
        "a class named in the narrative by a name that is not its name in the edition (retired, or another code's)",
        "说明中的科目名称不是本版本的名称（旧名称或其他科目的名称）")
declare("listed-table-missing", ERROR, "narrative",
        "a table the document's 目录 lists is printed nowhere in it (no title in its text, no table read by that name)",
        "目录中列出的表在文档中未列示（正文无此表名，也未读到该表）")
declare("sangong-identity", ERROR, "narrative",
        "三公 合计 ≠ 因公出国（境）+ 公务接待 + 公务用车, or 公务用车 ≠ 购置 + 运行维护",
        "“三公”经费合计不等于因公出国（境）、公务接待、公务用车之和，或公务用车不等于购置与运行维护之和")
declare("sangong-vs-basic", ERROR, "narrative",
        "30217/30231/31013 of the basic-expenditure table exceed the 三公 table's 公务接待费/运行维护费/购置",
        "基本支出表的 30217/30231/31013 大于“三公”经费表的公务接待费、公务用车运行维护费、公务用车购置")
declare("statement-balance", ERROR, "narrative", "收入总计 ≠ 支出总计 in a statement table",
        "收支总表中收入总计与支出总计不相等")

#: the narrative rules and their severities (from the declarations above)
NARRATIVE_RULES = {r.id: r.severity for r in DECLARED.values() if r.module == __name__}
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
NARRATIVE = "说明"


_half = half_unit


def _said(claim: Claim) -> Printed:
    """The claim's own amount as printed, in its sentence."""
    return Printed(claim.raw, NARRATIVE, claim.subject_text or None, None, claim.page, claim.line, claim.sentence)


def finding(rule: str, claim: Claim | None, en: str, zh: str, *, table: str = NARRATIVE, sentence=None, line=None,
            page=None, figures: tuple = (), **kw):
    if claim is not None:
        sentence, line, page = claim.sentence, claim.line, claim.page
    return Finding(rule, DECLARED[rule].severity, table, en, zh, source_line=line, page=page, sentence=sentence,
                   figures=tuple(figures), **kw)


def cannot(claim: Claim, en: str, zh: str, actual: str | None = None) -> Finding:
    """insufficient-data on a claim: what it says, and why it cannot be checked."""
    return finding("insufficient-data", claim, en, zh, actual=actual if actual is not None else claim.raw)


# -- where a claim's figure is printed ---------------------------------------------


class _Missing(Exception):
    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def _not_printed(kind: str) -> _Missing:
    """The standard table or statement ``kind`` is not in the document (or not readable)."""
    name = KINDS[kind].name if kind in KINDS else kind
    return _Missing(f"the document prints no readable {name}", f"文档中没有可读取的“{name}”")


class _Figure:
    """A figure of the tables: cells (summed), their unit, where (a phrase),
    the table's name and what is printed (a Printed per cell)."""

    def __init__(self, cells: list[Cell], unit: str, where: str, table: str = "",
                 printed: tuple[Printed, ...] = ()) -> None:
        self.cells, self.unit, self.where, self.table, self.printed = cells, unit, where, table, printed


def _printed(table: str, row: str | None, column: str | None, cell: Cell | None, page=None, line=None,
             box=None) -> Printed:
    raw = cell.raw if cell is not None and cell.raw is not None else "（空白）"
    return Printed(raw, table, row, column, page, line, box=box)


class _Tables:
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

    def total(self, kind: str, column: str) -> _Figure:
        t = self._lines(kind)
        if not t.lines:
            return _Figure([], t.unit, f"{t.name}（空表）", t.name)
        ln = total_line(t)
        column = total_column(t, column) or column
        if ln is None or column not in ln.cells:
            raise _Missing(f"{t.name} has no 合计 line with {column}", f"{t.name}没有含“{column}”的合计行")
        cell = ln.cells[column]
        return _Figure([cell], t.unit, f"{t.name} 合计 {column}", t.name,
                       (_printed(t.name, ln.name or "合计", column, cell, ln.page, ln.source_line, ln.box),))

    def _lines(self, kind: str) -> Table:
        """The table, if it prints lines or is empty with the note saying why
        (then every figure of it is zero); else _Missing."""
        t = self.table(kind)
        if not t.lines and not t.note:
            raise _Missing(f"{t.name} prints no lines and no note saying it is empty",
                           f"{t.name}没有读出任何行，也没有空表说明")
        return t

    def code(self, kind: str, code: str, column: str) -> _Figure:
        t = self._lines(kind)
        if not t.lines:
            return _Figure([], t.unit, f"{t.name}（空表）", t.name)
        ln = coded_lines(t).get(code)
        if ln is None:
            return _Figure([], t.unit, f"{t.name}（无 {code} 行）", t.name)
        if column not in ln.cells:
            raise _Missing(f"{t.name} has no column {column}", f"{t.name}没有“{column}”栏")
        cell = ln.cells[column]
        row = f"{code} {ln.name or ''}".strip()
        return _Figure([cell], t.unit, f"{t.name} {row} {column}", t.name,
                       (_printed(t.name, row, column, cell, ln.page, ln.source_line, ln.box),))

    def item(self, kind: str, side: str | None, labels: tuple[str, ...], column: str | None = None) -> _Figure:
        st = self.statement(kind)
        for label in labels:
            it = find_row(st, side, label)
            if it is not None:
                col = column or next(iter(st.columns.get(side or "", ()) or it.cells), None)
                if col is None or col not in it.cells:
                    break
                cell = it.cells[col]
                return _Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                               (_printed(st.name, it.label, col, cell, it.page, it.source_line, it.box),))
        raise _Missing(f"{st.name} has no row {labels[0]}", f"{st.name}没有“{labels[0]}”行")

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
_SANGONG_COLUMNS = {
    "sangong": lambda c: c == "合计",
    "sangong-abroad": lambda c: "出国" in c and "一般公务" not in c and "学术" not in c,
    "sangong-reception": lambda c: "接待" in c,
    "sangong-vehicle": lambda c: "购置及运行" in c,
    "sangong-vehicle-run": lambda c: "运行" in c and "购置" not in c and "机关" not in c,
    "admin-running": lambda c: "机关运行经费" in c,
    "sangong-vehicle-buy": lambda c: "购置" in c and "运行" not in c,
}


_PER_UNIT = re.compile(r"每[辆人次台个件天车]|人均|单价|平均")


def _sangong(tables: _Tables, kind: str, row: str = "合计") -> _Figure:
    st = tables.statements.get("three-public")
    if kind == "admin-running" and (st is None or not any(_SANGONG_COLUMNS[kind](c) for c in st.columns.get("", ()))):
        st = tables.statements.get("admin-running")  # a table of its own (一般公共预算机关运行经费支出预算表)
        if st is None:
            raise _Missing("no table of this document prints 机关运行经费", "本文档没有表列示机关运行经费")
    if st is None:
        raise _Missing("the document prints no readable 三公 table", "文档中没有可读取的“三公”经费表")
    cols = st.columns.get("", ())
    col = next((c for c in cols if _SANGONG_COLUMNS[kind](c)), None)
    if col is None:
        raise _Missing(f"{st.name} has no column for this item", f"{st.name}没有该项目的栏")
    if not st.items:
        if not st.note:
            raise _Missing(f"{st.name} prints no rows and no note saying it is empty",
                           f"{st.name}没有读出任何行，也没有空表说明")
        return _Figure([], st.unit, f"{st.name}（空表）", st.name)
    if row != "合计":  # 年初预算数 of a 决算's 三公 table
        it = next((it for it in st.items if re.sub(r"\s", "", it.label) == row), None)
        if it is None:
            raise _Missing(f"{st.name} has no row {row}", f"{st.name}没有“{row}”行")
    else:
        it = next((it for it in st.items if re.sub(r"\s", "", it.label) in ("合计", "总计")), None)
        if it is None and len(st.items) == 1:
            it = st.items[0]
        if it is None:
            raise _Missing(f"{st.name} prints several units and no 合计 row", f"{st.name}有多个单位行且没有合计行")
    cell = it.cells.get(col, Cell(None, None))
    return _Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                   (_printed(st.name, it.label, col, cell, it.page, it.source_line, it.box),))


# -- the same money: scope, year and measure ------------------------------------------

_OWN = ("department", "unit")  # a department's or unit's disclosure speaking of its own money
_GOVERNMENT = ("whole", "本级")  # a government's report: 全省/全市, or 本级
_SCOPE_ZH = {"department": "本部门", "unit": "本单位", "project": "某一项目", "whole": "全域（全省/全市）", "本级": "本级",
             "departments": "各部门预算"}


def _scope_zh(scope: str | None) -> str:
    if scope is None:
        return "（未说明）"
    return scope.split(":", 1)[1] if scope.startswith("region:") else _SCOPE_ZH.get(scope, scope)


def _own_period(claim: Claim, tables: _Tables) -> None:
    """A department's claim is of the document's figures only when it speaks
    of the document's year and what its tables print (预算 or 决算)."""
    doc_year = tables.doc.year
    if claim.year is None or doc_year is None:
        raise _Missing("the year of the sentence or of the document is not known",
                       "句子或文档的年度不明")
    if claim.year != doc_year:
        raise _Missing(f"the sentence speaks of {claim.year} ({claim.measure or 'measure unknown'}), the tables of "
                       f"{doc_year}", f"句中所述为 {claim.year} 年{claim.measure or ''}数，表中为 {doc_year} 年数")


def _own_measure(claim: Claim, tables: _Tables) -> None:
    if claim.measure is None or not same_measure(claim.measure, tables.measure()):
        raise _Missing(f"the sentence speaks of a {claim.measure or '(measure unknown)'} figure, the tables print the "
                       f"{tables.measure()}", f"句中所述为{claim.measure or '（不明）'}数，表中为{tables.measure()}数")


# -- a government report's sentences against its tables -------------------------------------------------

_WHOLE_WORDS = re.compile(r"总量|总计")
#: a one-sided table whose title names these is not the table of a budget's whole revenue or expenditure
_NOT_WHOLE_SIDE = re.compile(r"基本支出|项目|转移支付|三公|补助|返还|债务|调入|调出|分地区|结转|平衡")


def _government_subject(claim: Claim) -> tuple[str, str, bool, str | None]:
    """(budget, side, whole, code) of a government report's claim: whose budget (gpb, gf, soc, ssf), 收入 or 支出,
    whether it is the budget's 总量/总计 (with transfers and balances: the 平衡表's 总计) rather than its own
    收入/支出, and the classification code it names; _Missing when the words do not say."""
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
        raise _Missing("the sentence does not say (nor its paragraph and headings) of which budget it is",
                       "句子及其所在段落、标题未说明是哪一本预算")
    raise _Missing("no table prints what this sentence names, or the name is ambiguous",
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


def _government_figure(claim: Claim, tables: _Tables) -> _Figure:
    """A government report's claim against the one figure its tables print of the same budget, subject,
    scope, year and measure: a table's budget and scope, and each column's year and measure, as its reader
    said them (Table.budget, .scope, .periods), else as its title and headers say them.  Several tables
    printing the same figure agree or prove nothing; none is _Missing saying the nearest reason."""
    budget, side, whole, code = _government_subject(claim)
    if claim.scope is None or claim.year is None or claim.measure is None:
        raise _Missing("the sentence does not say (nor its paragraph and headings) whose money, which year and which "
                       "measure it is", "句子及其所在段落、标题未说明口径、年度或预算/执行")
    found: list[tuple[Sheet, Row, str]] = []
    other_time: list[tuple[str, str]] = []
    other_scope: list[tuple[str, str]] = []
    for sheet in tables.sheets:
        if sheet.budget != budget:
            continue
        key = (id(sheet), side, whole, code)
        if key not in tables.rows:  # a report states many figures of one table: its rows are found once
            tables.rows[key] = _government_row(sheet, side, whole, code)
        row = tables.rows[key]
        if row is None:
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
        reasons = other_time or other_scope
        if reasons:
            raise _Missing("; ".join(en for en, _zh in reasons), "；".join(zh for _en, zh in reasons))
        what = "总计" if whole else code or side
        raise _Missing(f"no table of the {BUDGET_ZH.get(budget, budget)} prints its {what}",
                       f"没有表列示{BUDGET_ZH.get(budget, budget)}的{what}")
    return _agreed(found)


def _agreed(found: list[tuple[Sheet, Row, str]]) -> _Figure:
    """The figure the tables print, when every table that prints it prints the same (within the rounding of
    each); _Missing naming two that differ."""
    sheet, row, column = next(((s, r, c) for s, r, c in found if _printed_value(r, c)), found[0])
    cell = row.cells.get(column) or Cell(None, None)
    for other, orow, ocol in found:
        ocell = orow.cells.get(ocol)
        if cell.value is None or ocell is None or ocell.value is None:
            continue
        there = _in_unit(ocell.value, other.unit, sheet.unit)
        tol = _half(cell.decimals) + _in_unit(_half(ocell.decimals), other.unit, sheet.unit)
        if abs(there - cell.value) > tol:
            raise _Missing(f"{sheet.name} prints {cell.raw}, {other.name} {ocell.raw}: which the sentence restates "
                           "cannot be told", f"{sheet.name}列示 {cell.raw}，{other.name}列示 {ocell.raw}，无法确定句中所指")
    label = f"{row.code} {row.label}".strip() if row.code else row.label
    return _Figure([cell], sheet.unit, f"{sheet.name} {label} {column}", sheet.name,
                   (_printed(sheet.name, label, column, cell, row.page, row.source_line),))


def _printed_value(row: Row, column: str) -> bool:
    cell = row.cells.get(column)
    return cell is not None and cell.value is not None


def figure(claim: Claim, tables: _Tables) -> _Figure:
    """The table figure a claim restates, or _Missing saying why none can be told."""
    if claim.scope in _GOVERNMENT or (claim.scope or "").startswith("region:"):
        return _government_figure(claim, tables)
    if claim.scope not in _OWN:
        raise _Missing(f"the sentence is about {claim.scope or 'money whose scope it does not say'}, not the "
                       f"document's own", f"句中所述口径为{_scope_zh(claim.scope)}，不是本文档的收支")
    _own_period(claim, tables)
    return _figure(claim, tables)


def _figure(claim: Claim, tables: _Tables) -> _Figure:
    s, sec = claim.subject, claim.section
    if sec in ("performance", "procurement", "projects") and s.kind not in ("code",) and not s.kind.startswith(
            "sangong"):
        # "涉及一级预算项目6个，预算资金781.5万元，其中财政拨款4.5万元": the money of those projects, not a table's total
        raise _Missing("an amount of the projects a 绩效/采购/项目 section describes: no table prints it",
                       "绩效、采购或项目说明中的项目金额：无表可对照")
    if _PER_UNIT.search(claim.subject_text):
        raise _Missing("an amount per vehicle, person or item (每辆, 人均): no table prints it",
                       "每辆、人均等单位金额：无表可对照")
    sec = s.funds or sec  # "一般公共预算财政拨款基本支出" wherever it stands
    final = tables.final
    if final and claim.measure == "预算" and s.kind.startswith("sangong"):
        return _sangong(tables, s.kind, "年初预算数")  # the 决算 三公 table prints both
    if claim.scope in _OWN:
        _own_measure(claim, tables)
    if s.kind.startswith("sangong"):
        return _sangong(tables, s.kind)
    if s.kind == "admin-running":
        return _sangong(tables, "admin-running")
    if s.kind == "other" and s.named and sec in ("income", "expenditure", "summary"):
        return _named_row(claim, tables)
    if s.kind in ("other",) or (s.kind == "code" and s.code is None):
        raise _Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    return _classified(claim, tables, sec)


def _named_row(claim: Claim, tables: _Tables) -> _Figure:
    """An item the 收支总表 prints by its label (事业收入, 其他收入 …): its row
    when exactly one row of the statement bears the name, on the side the
    section says."""
    summary = "final-01" if tables.final else "summary"
    st = tables.statements.get(summary)
    name = fold_label(re.sub(r"^(?:其中[:：]?|\d{4}年度?|本年)", "", claim.subject.named or ""))
    name = re.sub(r"(?:预算数?|决算数?)?(?:为|是|共计|安排)?$", "", name)
    side = "收入" if claim.section == "income" else "支出" if claim.section == "expenditure" else None
    if st is None or len(name) < 3:
        raise _Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    rows = [it for it in st.items if fold_label(it.label) == name and (side is None or it.side == side)]
    if len(rows) != 1:
        raise _Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    it = rows[0]
    col = next(iter(st.columns.get(it.side or "", ()) or it.cells), None)
    if col is None or col not in it.cells:
        raise _Missing(f"{st.name} prints no figure in the row {it.label}", f"{st.name}“{it.label}”行没有数")
    cell = it.cells[col]
    return _Figure([cell], st.unit, f"{st.name} {it.label} {col}", st.name,
                   (_printed(st.name, it.label, col, cell, it.page, it.source_line, it.box),))


def _classified(claim: Claim, tables: _Tables, sec: str) -> _Figure:
    """The figure of a total, a source, a column or a code (see Subject)."""
    s = claim.subject
    final = tables.final
    summary = "final-01" if final else "summary"
    if s.kind in ("total-income", "total-expenditure"):
        label = "收入总计" if s.kind == "total-income" else "支出总计"
        if sec == "fiscal" and not final:
            return tables.item("fiscal-summary", s.side, (label,), None if s.side == "收入" else "合计")
        if sec in ("gpb", "basic"):
            raise _Missing("a total in a 一般公共预算 section", "一般公共预算部分的总额")
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
            raise _Missing("a 财政拨款 figure of a 决算", "决算的财政拨款数")
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
            raise _Missing("a fund or capital figure of a 决算", "决算的基金或国有资本经营数")
        return tables.total("gf-expenditure" if s.kind == "gf" else "soc-expenditure", "合计")
    if s.kind in ("basic", "project"):
        col = "基本支出" if s.kind == "basic" else "项目支出"
        if sec in _ALL:
            return tables.total("final-03" if final else "expenditure", col)
        if sec in ("gpb", "basic") or (sec == "fiscal" and tables.only_gpb()):
            return tables.total("final-05" if final else "gpb-expenditure", col)
        raise _Missing(f"{col} of the 财政拨款 where fund or capital tables print lines",
                       f"财政拨款的{col}（政府性基金或国有资本经营表有数）")
    if s.kind in ("personnel", "public"):
        col = "人员经费" if s.kind == "personnel" else "公用经费"
        if final:
            return tables.item("final-06-totals", None, (col + "合计",), "金额")
        return tables.total("gpb-basic", col)
    if s.kind == "code":
        return _coded(claim, tables, sec)
    raise _Missing("no table prints what this sentence names", "句中所述内容无表可对照")


def _coded(claim: Claim, tables: _Tables, sec: str) -> _Figure:
    s = claim.subject
    final = tables.final
    code = s.code or ""
    if s.classification == "functional":
        if sec in _ALL:
            return tables.code("final-03" if final else "expenditure", code, "本年支出合计" if final else "合计")
        if sec in ("gpb",) or (sec == "fiscal" and tables.only_gpb()):
            return tables.code("final-05" if final else "gpb-expenditure", code, "本年支出合计" if final else "合计")
        raise _Missing(f"code {code} in a section no table matches", f"科目 {code} 所在部分无对应表")
    if s.classification == "economic-dept":
        basic_only = claim.context == "basic" or sec == "basic"
        if basic_only and (sec in ("gpb", "basic") or (sec == "fiscal" and tables.only_gpb())):
            return tables.code("final-06" if final else "gpb-basic", code, "金额" if final else "合计")
        raise _Missing(f"economic class {code} over all funds or projects: no table prints it",
                       f"经济分类 {code}（含项目或全部资金）无表列示")
    raise _Missing(f"code {code} of the {s.classification} classification: no table prints it",
                   f"科目 {code} 无表列示")


def _in_unit(value: Decimal, unit: str, to: str) -> Decimal:
    return value * UNITS[unit] / UNITS[to]


# -- the rules ---------------------------------------------------------------------


def rule_amount(claim: Claim, tables: _Tables, out: list) -> bool:
    """narrative-amount: the text's amount against the table's figure of the
    same subject, scope and year."""
    try:
        fig = figure(claim, tables)
    except _Missing as why:
        out.append(cannot(claim, f"cannot check {claim.subject_text} {claim.raw}: {why.en}",
                          f"无法核对“{claim.subject_text}{claim.raw}”：{why.zh}"))
        return False
    shown = [c for c in fig.cells if c is not None and c.value is not None]
    text_value = _in_unit(claim.amount, claim.unit, fig.unit)
    tol = _in_unit(_half(claim.decimals), claim.unit, fig.unit) + sum((_half(c.decimals) for c in shown), _ZERO)
    table_value = sum((c.value for c in shown), _ZERO)  # blank or absent: nothing printed
    if not shown and fig.cells and any(c is not None and c.invalid for c in fig.cells):
        out.append(cannot(claim, f"cannot check {claim.raw}: {fig.where} is not a number",
                          f"无法核对“{claim.raw}”：{fig.where}不是数字"))
        return False
    diff = text_value - table_value
    if abs(diff) > tol and not shown:
        # the table prints nothing there: a blank cell, no line for the code, or an empty table; from a
        # PDF or plain text that is as often a line the reader missed as a figure the table lacks
        out.append(cannot(claim, f"cannot check {claim.subject_text} {claim.raw}: {fig.where} prints no figure for it",
                          f"无法核对“{claim.subject_text}{claim.raw}”：{fig.where}未列示该数"))
        return False
    if abs(diff) > tol and any(p.rule == "column-placement" and fig.where.startswith(p.table)
                               for p in tables.doc.problems):
        out.append(cannot(claim, f"cannot check {claim.subject_text} {claim.raw}: plain text does not show which column "
                                 f"of {fig.where} holds {' + '.join(c.raw for c in shown) or 'the figure'}",
                          f"无法核对“{claim.subject_text}{claim.raw}”：纯文本无法确定{fig.where}的栏位"))
        return False
    if abs(diff) > tol and shown and _truncated_to(table_value, fig.unit, claim):
        return True  # 877,080 元 stated as 87.70 万元: the text cut the figure to its decimals instead of rounding
    if abs(diff) > tol:
        shown_raw = " + ".join(c.raw for c in shown)
        out.append(finding(
            "narrative-amount", claim,
            f"{claim.subject_text} {claim.raw} in the text, {shown_raw} {fig.unit} in {fig.where}",
            f"说明中“{claim.subject_text}{claim.raw}”与{fig.where} {shown_raw}{fig.unit}不符",
            expected=f"{table_value} {fig.unit}", actual=f"{text_value.normalize():f} {fig.unit}", difference=diff,
            tolerance=tol, figures=(_said(claim), *fig.printed)))
    return True


def _truncated_to(table_value: Decimal, table_unit: str, claim: Claim) -> bool:
    """Whether the text's amount is the table's figure cut (not rounded) to
    the decimals the text shows, in the text's unit (some documents truncate
    every amount of their narrative: 782,164 元 -> 78.21 万元)."""
    in_text_unit = _in_unit(table_value, table_unit, claim.unit)
    return in_text_unit.quantize(Decimal(1).scaleb(-claim.decimals), rounding=ROUND_DOWN) == claim.amount


def _signed_change(claim: Claim) -> Decimal | None:
    direction = claim.direction if claim.direction in ("up", "down") else claim.percent_word
    if claim.change is None or direction not in ("up", "down"):
        return None
    change = _in_unit(claim.change, claim.change_unit or claim.unit, claim.unit)
    return change if direction == "up" else -change


_ADJUSTED = re.compile(r"剔除|扣除|不含|除去")


def rule_percent(claim: Claim, out: list) -> bool | None:
    """narrative-percent: the percentage against the amount and its change,
    or the paragraph's own earlier figure it compares with.  True if checked,
    None if there is no percentage."""
    if claim.percent is None or claim.amount is None:
        return None
    adjusted = _ADJUSTED.search(claim.sentence)
    if adjusted and (claim.change is not None or claim.base is not None):
        out.append(cannot(claim, f"cannot check {claim.percent}%: the sentence adjusts the amount ({adjusted.group(0)}), "
                                 f"so which two figures it compares the words do not say",
                          f"无法核对 {claim.percent}%：句中对金额作了调整（{adjusted.group(0)}），比较的是哪两个数不明确",
                          f"{claim.percent}%"))
        return False
    if claim.change is None and claim.base is not None:
        return _percent_of_base(claim, out)
    change = _signed_change(claim)
    if change is None:
        out.append(cannot(claim, f"cannot check {claim.percent}%: no change amount stated with it, and its paragraph "
                                 f"states no earlier figure of the same thing (last year's figure is in no table)",
                          f"无法核对 {claim.percent}%：句中没有增减额，段中也未列出上年数，上年数无表列示",
                          f"{claim.percent}%"))
        return False
    unit_change = claim.change_unit or claim.unit
    h_amount = _half(claim.decimals)
    h_change = _in_unit(_half(claim.change_decimals), unit_change, claim.unit)
    # each printed figure within half a unit of its last place: last year's figure is the amount less the change
    pairs = [(c, a - c) for a in (claim.amount - h_amount, claim.amount + h_amount)
             for c in (change - h_change, change + h_change)]
    printed_change = Printed(f"{claim.change}{unit_change}", NARRATIVE, claim.compare_text, None, claim.page,
                             claim.line, claim.sentence)
    return _check_change(claim, pairs, (change, claim.amount - change), f"a change of {claim.change}",
                         f"增减额 {claim.change} ", (_said(claim), printed_change), out)


def _percent_of_base(claim: Claim, out: list) -> bool:
    """"…执行数为X万元，…预算安排Y万元，比上年减少Z%": Z against (Y − X) / X."""
    b = claim.base
    base = _in_unit(b.amount, b.unit, claim.unit)
    h_base = _in_unit(_half(b.decimals), b.unit, claim.unit)
    h_amount = _half(claim.decimals)
    change = claim.amount - base
    said_base = Printed(b.raw, NARRATIVE, b.words or None, None, b.page, b.line)
    if claim.direction in ("up", "down") and abs(change) > h_amount + h_base and (change > 0) != (claim.direction == "up"):
        out.append(finding("narrative-direction", claim,
                           f"{claim.compare_text}: {claim.raw} against {b.raw} before is a change of {change:+}",
                           f"“{claim.compare_text}”：{claim.raw} 与前述 {b.raw} 相比应为{'增加' if change > 0 else '减少'}",
                           actual=claim.compare_text, expected="增加" if change > 0 else "减少",
                           figures=(_said(claim), said_base)))
        return True
    pairs = [(y - x, x) for y in (claim.amount - h_amount, claim.amount + h_amount)
             for x in (base - h_base, base + h_base)]
    return _check_change(claim, pairs, (change, base), f"{b.raw} ({b.words})", f"前述 {b.raw}",
                         (_said(claim), said_base), out)


def _check_change(claim: Claim, pairs: list, exact: tuple, what_en: str, what_zh: str, figures: tuple,
                  out: list) -> bool:
    """The printed percentage against change / last year's figure over
    ``pairs``, the (change, base) each rounding of the printed figures allows:
    an error only when none gives it (rounded, or truncated to its decimals)."""
    change, base = exact
    bases = [b for _c, b in pairs]
    if base == 0 or min(bases) * max(bases) <= 0:
        out.append(cannot(claim, f"cannot check {claim.percent}%: last year's figure is zero",
                          f"无法核对 {claim.percent}%：上年数为零", f"{claim.percent}%"))
        return False
    corners = [abs(c / b * _HUNDRED) for c, b in pairs]
    lo, hi = min(corners), max(corners)
    changes = [c for c, _b in pairs]
    if min(changes) * max(changes) <= 0:
        lo = _ZERO  # a change within rounding of zero: 0% follows too
    printed = abs(claim.percent)
    h = _half(claim.percent_decimals)
    expected = abs(change / base * _HUNDRED)
    if printed + 2 * h <= lo or printed - h > hi:  # rounded (± half a unit) or truncated (up to one unit below)
        q = Decimal(1).scaleb(-max(claim.percent_decimals, 2))
        out.append(finding(
            "narrative-percent", claim,
            f"{claim.percent}% does not follow from {claim.raw} and {what_en}: {change:+} / {base} = {expected.quantize(q)}%",
            f"{claim.percent}% 与“{claim.raw}”及{what_zh}不符：应为 {expected.quantize(q)}%",
            expected=f"{expected.quantize(q)}%", actual=f"{claim.percent}%",
            difference=(printed - expected).quantize(q), tolerance=h, figures=figures))
    return True


#: how far (in half units of its last place) a printed share may be from its ratio: rounded (1) and then
#: moved by one unit (2 more) so that the shares of a whole total 100%
SHARE_UNITS = 3


def rule_ratio(claim: Claim, out: list) -> bool | None:
    """narrative-percent for a share (占 Z%) or a completion (完成预算的 Z%):
    the percentage against the two amounts it is the ratio of."""
    if claim.ratio is None:
        return None
    kind, pct, decimals, (num, nd, nu), den, text = claim.ratio
    what = "share" if kind == "share" else "completion"
    if den is None:
        out.append(cannot(claim, f"cannot check the {what} {pct}%: the sentence does not say of which amount",
                          f"无法核对 {pct}%（{text}）：句中未指明是哪一数额的比例", f"{pct}%"))
        return False
    dv, dd, du = den
    n = _in_unit(num, nu, "元")
    d = _in_unit(dv, du, "元")
    hn, hd = _in_unit(_half(nd), nu, "元"), _in_unit(_half(dd), du, "元")
    if d - hd <= 0:
        out.append(cannot(claim, f"cannot check {pct}%: the whole is zero", f"无法核对 {pct}%：基数为零", f"{pct}%"))
        return False
    corners = [(a / b * _HUNDRED) for a in (n - hn, n + hn) for b in (d - hd, d + hd)]
    lo, hi = max(min(corners), _ZERO), max(corners)
    h = _half(decimals)
    # rounded (± half a unit) or truncated (up to one unit below); a share may also be moved by one unit
    # from its rounding so that the shares of a whole total 100%
    low, high = (pct - SHARE_UNITS * h, pct + SHARE_UNITS * h) if kind == "share" else (pct - h, pct + 2 * h)
    if high <= lo or low > hi:
        q = Decimal(1).scaleb(-max(decimals, 2))
        expected = (n / d * _HUNDRED).quantize(q)
        of = claim.of
        whole = (Printed(of.raw, NARRATIVE, of.words or None, None, of.page, of.line) if of is not None
                 else Printed(f"{dv}{du}", NARRATIVE, None, None, claim.page, claim.line, claim.sentence))
        out.append(finding("narrative-percent", claim,
                           f"{pct}% ({text}) does not follow from {claim.raw} and {dv}{du}: {expected}%",
                           f"{pct}%（{text}）与“{claim.raw}”和 {dv}{du} 不符：应为 {expected}%",
                           expected=f"{expected}%", actual=f"{pct}%", difference=(pct - expected).quantize(q),
                           tolerance=h, figures=(_said(claim), whole)))
    return True


_UP, _DOWN = "up", "down"
_ZH_DIR = {"up": "增加", "down": "减少", "flat": "持平"}


def rule_direction(claim: Claim, out: list) -> None:
    """narrative-direction: direction words against the change and the percentage."""
    d = claim.direction
    if d is None or d == "both" or claim.amount is None:
        return
    problem = None
    if claim.change is not None and claim.change < 0 and d in (_UP, _DOWN):
        problem = (f"{claim.compare_text} followed by a negative amount {claim.change}",
                   f"“{claim.compare_text}”后为负数 {claim.change}")
    elif d == "flat" and claim.change not in (None, _ZERO):
        problem = (f"持平 with a change of {claim.change}", f"称持平但增减额为 {claim.change}")
    elif claim.percent is not None:
        word = claim.percent_word or d
        if claim.percent < 0 and word in (_UP, _DOWN):
            problem = (f"a negative percentage {claim.percent}% after {_ZH_DIR[word]}",
                       f"“{_ZH_DIR[word]}”后为负百分比 {claim.percent}%")
        elif d in (_UP, _DOWN) and word in (_UP, _DOWN) and word != d:  # the words contradict, even over 0.00%
            problem = (f"{_ZH_DIR[d]} then {_ZH_DIR[word]} {claim.percent}%",
                       f"先称{_ZH_DIR[d]}，后称{_ZH_DIR[word]} {claim.percent}%")
        elif d == "flat" and claim.percent != 0:
            problem = (f"持平 with {claim.percent}%", f"称持平但百分比为 {claim.percent}%")
    if problem:
        out.append(finding("narrative-direction", claim, f"{claim.subject_text} {claim.raw}: {problem[0]}",
                           f"“{claim.subject_text}{claim.raw}”：{problem[1]}", actual=claim.compare_text,
                           figures=(_said(claim),)))


_VERSUS_ZH = {"up": "大于", "down": "小于", "flat": "等于"}


def rule_versus(claim: Claim, out: list) -> bool:
    """narrative-direction for "决算数大于（小于、等于）预算数": the words
    against the two figures the paragraph states (each within its rounding)."""
    if claim.note is not None:
        out.append(cannot(claim, f"cannot check {claim.compare_text}: {claim.note}",
                          f"无法核对“{claim.compare_text}”：段中未同时列出决算数和预算数", claim.compare_text))
        return False
    if claim.versus is None:
        return False
    actual, budget = claim.versus
    a = _in_unit(actual.amount, actual.unit, "元")
    b = _in_unit(budget.amount, budget.unit, "元")
    tol = _in_unit(_half(actual.decimals), actual.unit, "元") + _in_unit(_half(budget.decimals), budget.unit, "元")
    truth = "flat" if abs(a - b) <= tol else "up" if a > b else "down"
    if truth == claim.direction:
        return True
    figures = (Printed(actual.raw, NARRATIVE, actual.words or None, None, actual.page, actual.line),
               Printed(budget.raw, NARRATIVE, budget.words or None, None, budget.page, budget.line))
    out.append(finding("narrative-direction", claim,
                       f"{claim.compare_text}: the paragraph states {actual.raw} ({actual.words}) against "
                       f"{budget.raw} ({budget.words})",
                       f"“{claim.compare_text}”与段中所列决算数 {actual.raw}、预算数 {budget.raw} 矛盾（应为"
                       f"{_VERSUS_ZH[truth]}）", expected=_VERSUS_ZH[truth], actual=claim.compare_text, figures=figures))
    return True


def rule_year(claim: Claim, doc: Document, out: list) -> None:
    """narrative-year: the year compared with is the year before the figure's
    (a department's document: its own year); the budget year a department's
    document names is its own."""
    own = claim.scope in _OWN
    year = claim.year if claim.year is not None else (doc.year if own else None)
    if year is None or claim.amount is None:
        return
    compared = claim.compare_text or ""
    if claim.base_year is not None and claim.base_year != year - 1 and not (
            claim.measure in ACTUAL and claim.base_year == year and "预算" in compared) and not (
            "决算" in compared and claim.base_year == year - 2):  # a budget may compare with the last 决算
        out.append(finding("narrative-year", claim,
                           f"compared with {claim.base_year} for a figure of {year} (expected {year - 1})",
                           f"{year} 年的数据与 {claim.base_year} 年比较（应为 {year - 1} 年）",
                           expected=str(year - 1), actual=str(claim.base_year), figures=(_said(claim),)))
    if (own and doc.year is not None and claim.named_year is not None and claim.named_year != doc.year
            and claim.subject.kind != "other" and claim.measure == "预算"
            and not re.search(r"执行|决算|实际|完成|上年", claim.subject_text)):
        out.append(finding("narrative-year", claim,
                           f"{claim.subject_text}: year {claim.named_year} in a {doc.year} document",
                           f"“{claim.subject_text}”所称 {claim.named_year} 年与文档年度 {doc.year} 不符",
                           expected=str(doc.year), actual=str(claim.named_year), figures=(_said(claim),)))


_NOT_TABLES = ("projects", "performance", "procurement", "assets", "glossary", "tables", "contents")


def _same_key(claim: Claim) -> tuple | None:
    """What makes two statements the same thing: subject, scope, year,
    measure and fund, each known; None when one is not (no repeat can be
    proven).  A subject no table prints is the same only within its paragraph
    and by the same words."""
    s = claim.subject
    if claim.amount is None or claim.scope is None or claim.year is None or claim.measure is None:
        return None
    if claim.scope.startswith("region:") or claim.scope == "project":
        return None  # a district's or a project's: which, the words do not always say
    if s.kind == "code" and s.code is None:
        return None
    if s.kind in ("other", "listed-table"):
        return None  # words no table prints: "实际支出", "安排" name different things in one paragraph
    period = (claim.scope, claim.year, "actual" if claim.measure in ACTUAL else claim.measure, claim.fund)
    return (claim.section, s.kind, s.code, s.side, s.funds, s.whole, claim.context, *period)


def rule_repeat(claims: tuple[Claim, ...], out: list, wrong: "set[int]" = frozenset()) -> None:
    """narrative-repeat: the same thing (subject, scope, year, measure) stated
    twice with different amounts, within one section (the 财政拨款 section
    restates the 支出 section's classes with other amounts, rightly).  A
    statement its table already proves wrong (``wrong``: ids of claims with a
    narrative-amount error) is that one finding, not a repeat too."""
    first: dict[tuple, Claim] = {}
    for c in claims:
        if c.section in _NOT_TABLES:
            continue
        if id(c) in wrong:
            continue
        key = _same_key(c)
        if key is None:
            continue
        prev = first.setdefault(key, c)
        if prev is c:
            continue
        a = _in_unit(prev.amount, prev.unit, "元")
        b = _in_unit(c.amount, c.unit, "元")
        tol = _in_unit(_half(prev.decimals), prev.unit, "元") + _in_unit(_half(c.decimals), c.unit, "元")
        if abs(a - b) > tol:
            out.append(finding("narrative-repeat", c,
                               f"{c.subject_text} {c.raw} here, {prev.raw} earlier ({prev.where})",
                               f"“{c.subject_text}”此处为 {c.raw}，前文（{prev.where}）为 {prev.raw}",
                               expected=prev.raw, actual=c.raw, figures=(_said(c), _said(prev))))


def rule_listed(claim: Claim, out: list) -> bool:
    """listed-table-missing: a table the 目录 lists and the document prints
    nowhere (no title in its text, no table read by that name)."""
    if claim.subject.kind != "listed-table" or claim.printed_at is not None:
        return False
    title = claim.subject.named or claim.raw
    if claim.note is not None:
        out.append(cannot(claim, f"cannot tell whether {title} is printed: {claim.note}",
                          f"无法确定目录所列“{title}”是否列示：部分页面没有文字层", title))
        return False
    out.append(finding("listed-table-missing", claim,
                       f"the 目录 lists {title}; the document prints it nowhere",
                       f"目录列有“{title}”，文档中未列示该表", table=_listed_name(title),
                       actual=title, figures=(Printed(title, "目录", None, None, claim.page, claim.line),)))
    return True


def _listed_name(title: str) -> str:
    return re.sub(r"^[-*#\s]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])?\s*", "",
                  title).strip("《》 ")


def superseded_by_contents(findings: list, said: list) -> list:
    """One defect, one finding: a standard table the reader said is missing
    (``missing-table``, a warning) that the 目录 lists is the
    listed-table-missing error; the warning goes."""
    listed = [fold_label(f.table) for f in said if f.rule == "listed-table-missing"]
    if not listed:
        return findings
    return [f for f in findings if not (f.rule == "missing-table" and any(fold_label(f.table) in t for t in listed))]


_EMPTY_REASON = re.compile(r"原因(?:是|为|主要是|在于)[:：]?\s*(?:[。；;，,]|$)|主要原因[:：]\s*(?:[。；;]|$)")
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[xX×]{2,}|[xX],?[xX]{3}|待填写|待补充|待完善|请填写|增加[（(]?减少[)）]?|增[（(]减[)）]|"
                          r"[（(]持平[)）]|增加[/／]减少)")
_SCOPE = re.compile(r"本部门|\d{4}\s*年\s*(?:度)?\s*部门预算|部门预算(?:收支|情况|编制)|部门(?:收入|支出|财政拨款)(?:预算)?总|"
                    r"部门机关运行")


def _is_unit_document(doc: Document) -> bool:
    """A 单位预算/单位决算: by its title, or, with no title read, by its first
    sentences (the cover) naming 单位 and never 部门."""
    if doc.title:
        return bool(re.search(r"单位(?:预算|决算)", doc.title))
    cover = "".join(s.text for s in doc.sentences[:15])
    return bool(re.search(r"单位(?:预算|决算)", cover)) and not re.search(r"部门(?:预算|决算)", cover)


def rule_sentences(doc: Document, out: list) -> None:
    """narrative-empty-reason, placeholder-text, narrative-scope: words, not figures."""
    unit_doc = _is_unit_document(doc)
    for s in doc.sentences:
        if s.section in ("glossary", "tables"):
            continue
        where = {"sentence": s.text, "line": s.line, "page": s.page}
        m = _EMPTY_REASON.search(s.text)
        if m:
            out.append(finding("narrative-empty-reason", None, "a reason left empty: " + m.group(0),
                               f"原因未填写：“{m.group(0)}”", actual=m.group(0), **where))
        m = _PLACEHOLDER.search(s.text)
        if m:
            out.append(finding("placeholder-text", None, f"template text left in: {m.group(0)}",
                               f"模板文字未替换：“{m.group(0)}”", actual=m.group(0), **where))
        if unit_doc:
            m = _SCOPE.search(s.text)
            if m:
                out.append(finding("narrative-scope", None, f"部门 wording in a 单位预算: {m.group(0)}",
                                   f"单位预算中使用部门口径：“{m.group(0)}”", expected="单位", actual=m.group(0), **where))


def _old_names(catalog) -> dict[str, tuple[str, str]]:
    """Retired names of the catalog's edition: old name -> (code, current name)."""
    return editions.retired_names(catalog)


_CODE_AND_NAME = re.compile(r"([\u4e00-\u9fff（）()、]{2,30}?)\s*[（(]\s*(\d{3}(?:\d{2}){0,2})\s*(?:类|款|项)?\s*[)）]")


def rule_names(doc: Document, catalog, out: list) -> None:
    """narrative-name: a class named by a name that is not its name in the
    edition: "医疗卫生与计划生育支出（210类）" (the name of another edition),
    or a code printed with another code's name."""
    old = _old_names(catalog)
    seen: set[tuple[str, int | None]] = set()
    for s in doc.sentences:
        sentence, line, page = s.text, s.line, s.page
        for m in _CODE_AND_NAME.finditer(sentence):
            name, code = m.group(1), m.group(2)
            if code not in catalog:
                continue
            current = catalog.lookup(code).name
            if normalize_name(name).endswith(normalize_name(current)):
                continue
            why = old.get(normalize_name(name))
            extra = " (its name before the edition)" if why and why[0] == code else ""
            out.append(finding("narrative-name", None, f"{name}（{code}）: the {catalog.year} edition names {code} "
                               f"{current}{extra}", f"“{name}（{code}）”：{catalog.year} 年版科目 {code} 名称为“{current}”",
                               sentence=sentence, line=line, page=page, code=code, expected=current, actual=name))
            seen.add((code, line))
        folded = normalize_name(sentence)
        # a retired name in running text: a long one (医疗卫生与计划生育支出) anywhere, a short one (法律援助,
        # also an everyday word) only where the text marks it as a class: （类）（款）（项）
        hits = [k for k in old if k in folded and (len(k) >= 8 or re.search(
            re.escape(k) + r"[(（](?:类|款|项)[)）]", folded))]
        for name_key in hits:
            code, current = old[name_key]
            if any(name_key != other and name_key in other for other in hits):
                continue  # 医疗卫生 inside 医疗卫生与计划生育支出: the longer name is the one printed
            if (code, line) not in seen:
                # the old name as a whole word: not inside the current name
                if normalize_name(current).find(name_key) >= 0:
                    continue
                seen.add((code, line))
                out.append(finding("narrative-name", None,
                                   f"{name_key}: a retired name; the {catalog.year} edition names {code} {current}",
                                   f"“{name_key}”为旧科目名称，{catalog.year} 年版科目 {code} 名称为“{current}”",
                                   sentence=sentence, line=line, page=page, code=code, expected=current,
                                   actual=name_key))


def _said_before(f: Finding, claim: Claim, reported: set) -> bool:
    """One defect, one finding: the same wrong amount of the same subject
    stated twice in one paragraph ("…（项）”738.66万元 … 2024年预算安排738.66万元")
    against the same figure is said once."""
    key = (claim.subject.kind, claim.subject.code, claim.block, f.actual, f.expected, f.table, f.figures[1:])
    if key in reported:
        return True
    reported.add(key)
    return False


def _follows_from_table(claim: Claim, f: Finding) -> bool:
    """Whether the claim's percentage follows from the table's figure in
    place of the amount the text states: then the amount is the one defect
    ("2024年预算安排352.67万元，比2023年预算执行数增加0.53%" where the table prints
    350.35: 0.53% is 350.35 against 348.52)."""
    if claim.percent is None or f.expected is None:
        return False
    value, unit = f.expected.split(" ")
    table_amount = _in_unit(Decimal(value), unit, claim.unit).quantize(Decimal(1).scaleb(-claim.decimals))
    probe: list = []
    rule_percent(attrs.evolve(claim, amount=table_amount), probe)
    return not any(p.rule == "narrative-percent" for p in probe)


def narrative_check(doc: Document, catalog) -> tuple[list, dict]:
    """Findings on the narrative's claims (``doc.claims``) and sentences, and
    counts: amounts stated, amounts checked against a table, percentages
    checked; comparisons (决算数大于预算数) and tables listed in the 目录 checked."""
    out: list = []
    tables = _Tables(doc)
    claims = doc.claims or ()
    counts = {"claims": 0, "checked": 0, "percents": 0, "comparisons": 0, "listed": 0}
    wrong: set[int] = set()  # claims a table proves wrong (narrative-amount)
    reported: set[tuple] = set()  # (subject, paragraph, amount, figure) of each narrative-amount said
    for claim in claims:
        if claim.subject.kind == "listed-table":
            counts["listed"] += 1
            rule_listed(claim, out)
            continue
        if claim.amount is None:
            counts["comparisons"] += bool(rule_versus(claim, out))
            continue
        counts["claims"] += 1
        said: list = []
        if rule_amount(claim, tables, said):
            counts["checked"] += 1
        wrong_amount = [f for f in said if f.rule == "narrative-amount"]
        if wrong_amount:
            wrong.add(id(claim))
            if _said_before(wrong_amount[0], claim, reported):
                said = [f for f in said if f.rule != "narrative-amount"]
        more: list = []
        if rule_percent(claim, more):
            counts["percents"] += 1
        if wrong_amount and _follows_from_table(claim, wrong_amount[0]):
            more = [f for f in more if f.rule != "narrative-percent"]  # the percentage is right; the amount is the defect
        out.extend(said + more)
        if rule_ratio(claim, out):
            counts["percents"] += 1
        rule_direction(claim, out)
        rule_year(claim, doc, out)
    rule_repeat(claims, out, wrong)
    rule_sentences(doc, out)
    rule_names(doc, catalog, out)
    return out, counts


# -- identities of the tables ------------------------------------------------------


def _cell_sum(cells) -> tuple[Decimal, Decimal, bool]:
    shown = [c for c in cells if c is not None and c.value is not None]
    return sum((c.value for c in shown), _ZERO), sum((_half(c.decimals) for c in shown), _ZERO), bool(shown)


def compare(rule: str, where: str, what_en: str, what_zh: str, total: Printed, parts: list[Printed],
            cells: tuple, out: list, line=None, at_most: bool = False) -> None:
    """``total`` against the sum of ``parts`` (their cells ``cells`` = (total
    cell, part cells)), within the rounding of each: the finding names each
    printed figure."""
    total_cell, part_cells = cells
    t, th, t_shown = _cell_sum([total_cell])
    p, ph, p_shown = _cell_sum(part_cells)
    if not t_shown or not p_shown:
        return  # a blank is not a zero: a total or all its parts not printed proves nothing
    diff = t - p
    tol = th + ph
    bad = diff < -tol if at_most else abs(diff) > tol
    if bad:
        out.append(finding(rule, None, f"{what_en}: {t} against {p} (difference {diff}, tolerance {tol})",
                           f"{what_zh}：{t} 与 {p} 不符（差额 {diff}，容差 {tol}）", table=where, line=line,
                           expected=str(p), actual=str(t), difference=diff, tolerance=tol, figures=(total, *parts)))


def _item_figure(st: Statement, it, column: str | None) -> tuple[Printed, Cell | None]:
    cell = it.cells.get(column) if column else None
    return _printed(st.name, it.label, column, cell, it.page, it.source_line, it.box), cell


def _printed_column(item, columns) -> str | None:
    """The first of ``columns`` in which ``item`` prints a figure (a two-sided
    statement's label columns are read as columns too: 收入 | 预算数)."""
    return next((c for c in columns if (cell := item.cells.get(c)) is not None and cell.value is not None), None)


def identity_check(doc: Document) -> list:
    """sangong-identity, sangong-vs-basic, statement-balance."""
    out: list = []
    for st in doc.statements:
        if st.kind == "three-public":
            _sangong_identities(st, out)
        # a government's 收支总表 is budget-totals' (rules/government.py): its 总计 only, never a 收入合计
        if st.kind in ("summary", "fiscal-summary", "final-01") and not is_government(doc):
            inc = find_row(st, "收入", "收入总计")
            exp = find_row(st, "支出", "支出总计")
            if inc is not None and exp is not None:
                ci = _printed_column(inc, st.columns.get("收入", ()))
                ce = _printed_column(exp, ("合计",) if "合计" in st.columns.get("支出", ()) else st.columns.get("支出", ()))
                (pi, cell_i), (pe, cell_e) = _item_figure(st, inc, ci), _item_figure(st, exp, ce)
                compare("statement-balance", st.name, "收入总计 vs 支出总计", "收入总计与支出总计", pi, [pe],
                        (cell_i, [cell_e]), out, inc.source_line)
    _sangong_vs_basic(doc, out)
    return out


def _sangong_identities(st: Statement, out: list) -> None:
    cols = st.columns.get("", ())

    def col(kind: str) -> str | None:
        return next((c for c in cols if _SANGONG_COLUMNS[kind](c)), None)

    total, abroad, reception = col("sangong"), col("sangong-abroad"), col("sangong-reception")
    vehicle, run, buy = col("sangong-vehicle"), col("sangong-vehicle-run"), col("sangong-vehicle-buy")
    for it in st.items:
        def fig(column: str) -> tuple[Printed, Cell | None]:
            return _item_figure(st, it, column)

        if total and abroad and reception and vehicle:
            figs = [fig(c) for c in (total, abroad, reception, vehicle)]
            compare("sangong-identity", st.name, f"{it.label}: 合计 vs 因公出国（境）+ 公务接待 + 公务用车",
                    f"{it.label}：合计与因公出国（境）、公务接待、公务用车之和", figs[0][0], [f for f, _c in figs[1:]],
                    (figs[0][1], [c for _f, c in figs[1:]]), out, it.source_line)
        if vehicle and run and buy:
            figs = [fig(c) for c in (vehicle, run, buy)]
            compare("sangong-identity", st.name, f"{it.label}: 公务用车 vs 购置 + 运行维护",
                    f"{it.label}：公务用车购置及运行维护费与购置、运行维护之和", figs[0][0], [f for f, _c in figs[1:]],
                    (figs[0][1], [c for _f, c in figs[1:]]), out, it.source_line)


def _sangong_vs_basic(doc: Document, out: list) -> None:
    tables = _Tables(doc)
    st = tables.statements.get("three-public")
    basic = tables.tables.get("gpb-basic")
    if st is None or basic is None or not basic.lines:
        return
    coded = coded_lines(basic)
    for code, kind in (("30217", "sangong-reception"), ("30231", "sangong-vehicle-run"), ("31013", "sangong-vehicle-buy")):
        ln = coded.get(code)
        if ln is None:
            continue
        try:
            fig = _sangong(tables, kind)
        except _Missing:
            continue
        cell = ln.cells.get("合计")
        if cell is None or cell.value is None:
            continue
        shown = [c for c in fig.cells if c is not None and c.value is not None]
        value = _in_unit(cell.value, basic.unit, fig.unit)
        s = sum((c.value for c in shown), _ZERO)
        tol = _in_unit(_half(cell.decimals), basic.unit, fig.unit) + sum((_half(c.decimals) for c in shown), _ZERO)
        if value - s > tol:  # the 三公 table counts 基本 and 项目: it is at least the basic part
            row = f"{code} {ln.name or ''}".strip()
            out.append(finding("sangong-vs-basic", None,
                               f"{row} {cell.raw} in {basic.name} exceeds {fig.where} {s}",
                               f"{basic.name} {row} {cell.raw} 大于{fig.where} {s}", table=basic.name,
                               line=ln.source_line, code=code, expected=f"<= {s}", actual=str(value),
                               difference=value - s, tolerance=tol,
                               figures=(_printed(basic.name, row, "合计", cell, ln.page, ln.source_line, ln.box), *fig.printed)))
