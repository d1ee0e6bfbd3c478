"""Rules on a disclosure's narrative and the identities reviewers check.

Each rule reads like the defect a district finance bureau's reviewer records:

=========================  ========  ==============================================
id                         severity  meaning
=========================  ========  ==============================================
narrative-amount           error     an amount in the text differs from the table's
                                     figure for the same thing (after unit conversion,
                                     beyond the rounding of both printed figures)
narrative-percent          error     a percentage that does not follow from the amount
                                     and the change stated with it
narrative-direction        error     增加/减少/持平 wording that contradicts the change
                                     or the percentage stated with it
narrative-repeat           error     the same thing stated with two different amounts
narrative-empty-reason     warning   a reason left empty ("主要原因是。")
placeholder-text           warning   template text left in (XX, 待填写, 增加（减少）)
narrative-year             error     the year compared with, or the budget year named,
                                     contradicts the document's year
narrative-scope            warning   部门 wording in a 单位预算
narrative-name             warning   a class named by a name that is not its name in the
                                     edition (a retired name, another code's name)
sangong-identity           error     三公 合计 ≠ 出国 + 接待 + 公务用车; 公务用车 ≠ 购置 + 运行
sangong-vs-basic           error     the basic-expenditure table's 30217/30231/31013 exceed
                                     the 三公 table's 公务接待费/运行维护费/购置
statement-balance          error     收入总计 ≠ 支出总计 in a statement table
insufficient-data          warning   a statement the tables cannot confirm (names what no
                                     table prints, or is ambiguous): said, never passed
=========================  ========  ==============================================

An empty table without its note is the reader's ``empty-table`` finding
(govclass.readers.disclosure): not repeated here.  ``insufficient-data`` is
the cross family's rule (govclass.validation.rules.cross), reused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govclass.catalog import editions
from govclass.document import UNITS, Cell, Document, Statement, Table, find_row, half_unit
from govclass.normalize import normalize_name
from govclass.readers.narrative import Claim, Narrative
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.validation.report import Finding
from govclass.validation.rules.cross import coded_lines, total_column, total_line
from govclass.vocabulary import KINDS

__all__ = ["NARRATIVE_RULES", "narrative_check", "identity_check"]

declare("narrative-amount", ERROR, "narrative",
        "an amount in the narrative differs from the table's figure for the same thing (after unit conversion, "
        "beyond the rounding of both)", "说明中的金额与表中同一项目的数额不符（换算单位后超出两者的舍入误差）")
declare("narrative-percent", ERROR, "narrative",
        "a percentage in the narrative does not follow from its two amounts (change, share or completion)",
        "说明中的百分比与句中两个数额不符（增减率、占比或完成率）")
declare("narrative-direction", ERROR, "narrative",
        "增加/减少/持平 wording contradicts the change or the percentage stated with it", "增减、持平的表述与增减额或百分比矛盾")
declare("narrative-repeat", ERROR, "narrative", "the same thing is stated twice in the narrative with different amounts",
        "说明中同一项目前后两处金额不一致")
declare("narrative-empty-reason", WARNING, "narrative", "a reason left empty in the narrative (主要原因是。)",
        "说明中原因未填写（“主要原因是。”）")
declare("placeholder-text", WARNING, "narrative", "template text left in the narrative (XX, 待填写, 增加（减少）)",
        "说明中保留了模板文字（XX、待填写、增加（减少）等）")
declare("narrative-year", ERROR, "narrative",
        "the year compared with, or the budget year named, contradicts the document's year", "说明中比较年度或所称预算年度与文档年度不符")
declare("narrative-scope", WARNING, "narrative", "部门 wording in a 单位预算", "单位预算的说明中使用了部门口径的表述")
declare("narrative-name", WARNING, "narrative",
        "a class named in the narrative by a name that is not its name in the edition (retired, or another code's)",
        "说明中的科目名称不是本版本的名称（旧名称或其他科目的名称）")
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


def finding(rule: str, claim: Claim | None, en: str, zh: str, *, table: str = NARRATIVE, sentence=None, line=None,
             page=None, **kw):
    if claim is not None:
        sentence, line, page = claim.sentence, claim.line, claim.page
    return Finding(rule, DECLARED[rule].severity, table, en, zh, source_line=line, page=page, sentence=sentence,
                   **kw)


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
    """A figure of the tables: cells (summed), their unit, where."""

    def __init__(self, cells: list[Cell], unit: str, where: str) -> None:
        self.cells, self.unit, self.where = cells, unit, where


class _Tables:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # the first of each kind that prints something (a title can be found twice, once with no body)
        self.tables = {t.kind: t for t in sorted(reversed(doc.tables), key=lambda t: bool(t.lines)) if t.kind}
        self.statements = {s.kind: s for s in sorted(reversed(doc.statements), key=lambda s: bool(s.items))
                           if s.kind}
        self.final = doc.kind == "决算" or any(k and k.startswith("final-") for k in self.tables)

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
            return _Figure([], t.unit, f"{t.name}（空表）")
        ln = total_line(t)
        column = total_column(t, column) or column
        if ln is None or column not in ln.cells:
            raise _Missing(f"{t.name} has no 合计 line with {column}", f"{t.name}没有含“{column}”的合计行")
        return _Figure([ln.cells[column]], t.unit, f"{t.name} 合计 {column}")

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
            return _Figure([], t.unit, f"{t.name}（空表）")
        ln = coded_lines(t).get(code)
        if ln is None:
            if len(code) > 3 and any(c.startswith(code[:3]) for c in coded_lines(t)) is False:
                pass
            return _Figure([], t.unit, f"{t.name}（无 {code} 行）")
        if column not in ln.cells:
            raise _Missing(f"{t.name} has no column {column}", f"{t.name}没有“{column}”栏")
        return _Figure([ln.cells[column]], t.unit, f"{t.name} {code} {ln.name or ''} {column}".strip())

    def item(self, kind: str, side: str | None, labels: tuple[str, ...], column: str | None = None) -> _Figure:
        st = self.statement(kind)
        for label in labels:
            it = find_row(st, side, label)
            if it is not None:
                col = column or next(iter(st.columns.get(side or "", ()) or it.cells), None)
                if col is None or col not in it.cells:
                    break
                return _Figure([it.cells[col]], st.unit, f"{st.name} {it.label} {col}")
        raise _Missing(f"{st.name} has no row {labels[0]}", f"{st.name}没有“{labels[0]}”行")

    def only_gpb(self) -> bool:
        """The fiscal appropriation is the general public budget alone: the
        fund and capital tables print no lines."""
        for kind in (("final-08", "final-09") if self.final else ("gf-expenditure", "soc-expenditure")):
            t = self.tables.get(kind)
            if t is None or t.lines:
                return False
        return True


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
        return _Figure([], st.unit, f"{st.name}（空表）")
    if row != "合计":  # 年初预算数 of a 决算's 三公 table
        it = next((it for it in st.items if re.sub(r"\s", "", it.label) == row), None)
        if it is None:
            raise _Missing(f"{st.name} has no row {row}", f"{st.name}没有“{row}”行")
        return _Figure([it.cells.get(col, Cell(None, None))], st.unit, f"{st.name} {row} {col}")
    total = next((it for it in st.items if re.sub(r"\s", "", it.label) in ("合计", "总计")), None)
    if total is not None:
        return _Figure([total.cells.get(col, Cell(None, None))], st.unit, f"{st.name} 合计 {col}")
    if len(st.items) == 1:
        return _Figure([st.items[0].cells.get(col, Cell(None, None))], st.unit, f"{st.name} {st.items[0].label} {col}")
    raise _Missing(f"{st.name} prints several units and no 合计 row", f"{st.name}有多个单位行且没有合计行")


def figure(claim: Claim, tables: _Tables) -> _Figure:
    """The table figure a claim restates, or _Missing saying why none can be told."""
    s, sec = claim.subject, claim.section
    if sec in ("performance", "procurement", "projects") and s.kind not in ("code",) and not s.kind.startswith(
            "sangong"):
        # "涉及一级预算项目6个，预算资金781.5万元，其中财政拨款4.5万元": the money of those projects, not a table's total
        raise _Missing("an amount of the projects a 绩效/采购/项目 section describes: no table prints it",
                       "绩效、采购或项目说明中的项目金额：无表可对照")
    if _PER_UNIT.search(claim.subject_text):
        raise _Missing("an amount per vehicle, person or item (每辆, 人均): no table prints it",
                       "每辆、人均等单位金额：无表可对照")
    sec = s.scope or sec  # "一般公共预算财政拨款基本支出" wherever it stands
    final = tables.final
    if final and claim.measure == "预算" and s.kind.startswith("sangong"):
        return _sangong(tables, s.kind, "年初预算数")  # the 决算 三公 table prints both
    if final and claim.measure == "预算":
        raise _Missing("a 预算数 in a 决算: its tables print the 决算数", "决算文档中的预算数：表中列示的是决算数")
    if s.kind.startswith("sangong"):
        return _sangong(tables, s.kind)
    if s.kind == "admin-running":
        return _sangong(tables, "admin-running")
    if s.kind in ("other",) or (s.kind == "code" and s.code is None):
        raise _Missing("no table prints what this sentence names, or the name is ambiguous",
                       "句中所述内容无表可对照，或名称有歧义")
    summary = "final-01" if final else "summary"
    if s.kind in ("total-income", "total-expenditure"):
        label = "收入总计" if s.kind == "total-income" else "支出总计"
        if sec == "fiscal" and not final:
            return tables.item("fiscal-summary", s.side, (label,), None if s.side == "收入" else "合计")
        if sec in ("gpb", "basic"):
            raise _Missing("a total in a 一般公共预算 section", "一般公共预算部分的总额")
        return tables.item(summary, s.side, (label,))
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
        code = s.code or ""
        if s.classification == "functional":
            if sec in _ALL:
                return tables.code("final-03" if final else "expenditure", code,
                                   "本年支出合计" if final else "合计")
            if sec in ("gpb",) or (sec == "fiscal" and tables.only_gpb()):
                return tables.code("final-05" if final else "gpb-expenditure", code,
                                   "本年支出合计" if final else "合计")
            raise _Missing(f"code {code} in a section no table matches", f"科目 {code} 所在部分无对应表")
        if s.classification == "economic-dept":
            basic_only = claim.context == "basic" or sec == "basic"
            if basic_only and (sec in ("gpb", "basic") or (sec == "fiscal" and tables.only_gpb())):
                return tables.code("final-06" if final else "gpb-basic", code, "金额" if final else "合计")
            raise _Missing(f"economic class {code} over all funds or projects: no table prints it",
                           f"经济分类 {code}（含项目或全部资金）无表列示")
        raise _Missing(f"code {code} of the {s.classification} classification: no table prints it",
                       f"科目 {code} 无表列示")
    raise _Missing("no table prints what this sentence names", "句中所述内容无表可对照")


def _in_unit(value: Decimal, unit: str, to: str) -> Decimal:
    return value * UNITS[unit] / UNITS[to]


# -- the rules ---------------------------------------------------------------------


def rule_amount(claim: Claim, tables: _Tables, out: list) -> bool:
    """narrative-amount: the text's amount against the table's figure."""
    try:
        fig = figure(claim, tables)
    except _Missing as why:
        out.append(finding("insufficient-data", claim, f"cannot check {claim.subject_text} {claim.raw}: {why.en}",
                            f"无法核对“{claim.subject_text}{claim.raw}”：{why.zh}", actual=claim.raw))
        return False
    shown = [c for c in fig.cells if c is not None and c.value is not None]
    text_value = _in_unit(claim.amount, claim.unit, fig.unit)
    tol = _in_unit(_half(claim.decimals), claim.unit, fig.unit) + sum((_half(c.decimals) for c in shown), _ZERO)
    table_value = sum((c.value for c in shown), _ZERO)  # blank or absent: nothing printed
    if not shown and fig.cells and any(c is not None and c.invalid for c in fig.cells):
        out.append(finding("insufficient-data", claim, f"cannot check {claim.raw}: {fig.where} is not a number",
                            f"无法核对“{claim.raw}”：{fig.where}不是数字", actual=claim.raw))
        return False
    diff = text_value - table_value
    if abs(diff) > tol and not shown:
        # the table prints nothing there: a blank cell, no line for the code, or an empty table; from a
        # PDF or plain text that is as often a line the reader missed as a figure the table lacks
        out.append(finding("insufficient-data", claim,
                            f"cannot check {claim.subject_text} {claim.raw}: {fig.where} prints no figure for it",
                            f"无法核对“{claim.subject_text}{claim.raw}”：{fig.where}未列示该数", actual=claim.raw))
        return False
    if abs(diff) > tol and any(p.rule == "column-placement" and fig.where.startswith(p.table)
                               for p in tables.doc.problems):
        out.append(finding("insufficient-data", claim,
                            f"cannot check {claim.subject_text} {claim.raw}: plain text does not show which column of "
                            f"{fig.where} holds {' + '.join(c.raw for c in shown) or 'the figure'}",
                            f"无法核对“{claim.subject_text}{claim.raw}”：纯文本无法确定{fig.where}的栏位", actual=claim.raw))
        return False
    if abs(diff) > tol and shown and _truncated_to(table_value, fig.unit, claim):
        return True  # 877,080 元 stated as 87.70 万元: the text cut the figure to its decimals instead of rounding
    if abs(diff) > tol:
        shown_raw = " + ".join(c.raw for c in shown) if shown else "（未列示）"
        out.append(finding(
            "narrative-amount", claim,
            f"{claim.subject_text} {claim.raw} in the text, {shown_raw} {fig.unit} in {fig.where}",
            f"说明中“{claim.subject_text}{claim.raw}”与{fig.where} {shown_raw}{fig.unit}不符",
            expected=f"{table_value} {fig.unit}", actual=f"{text_value.normalize():f} {fig.unit}", difference=diff,
            tolerance=tol))
    return True


def _truncated_to(table_value: Decimal, table_unit: str, claim: Claim) -> bool:
    """Whether the text's amount is the table's figure cut (not rounded) to
    the decimals the text shows, in the text's unit (some documents truncate
    every amount of their narrative: 782,164 元 -> 78.21 万元)."""
    from decimal import ROUND_DOWN

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
    """narrative-percent: the percentage against amount and change.  True if
    checked, None if there is no percentage."""
    if claim.percent is None:
        return None
    change = _signed_change(claim)
    if change is not None and _ADJUSTED.search(claim.sentence):
        out.append(finding("insufficient-data", claim,
                           f"cannot check {claim.percent}%: the sentence adjusts the amount ({_ADJUSTED.search(claim.sentence).group(0)}), "
                           f"so which two figures it compares the words do not say",
                           f"无法核对 {claim.percent}%：句中对金额作了调整（{_ADJUSTED.search(claim.sentence).group(0)}），比较的是哪两个数不明确",
                           actual=f"{claim.percent}%"))
        return False
    if change is None:
        out.append(finding("insufficient-data", claim,
                            f"cannot check {claim.percent}%: no change amount stated with it (last year's figure is "
                            f"in no table)", f"无法核对 {claim.percent}%：句中没有增减额，上年数无表列示",
                            actual=f"{claim.percent}%"))
        return False
    unit_change = claim.change_unit or claim.unit
    h_amount = _half(claim.decimals)
    h_change = _in_unit(_half(claim.change_decimals), unit_change, claim.unit)
    corners = []
    for a in (claim.amount - h_amount, claim.amount + h_amount):
        for c in (change - h_change, change + h_change):
            base = a - c
            if base == 0:
                continue
            corners.append(abs(c / base * _HUNDRED))
    base = claim.amount - change
    if base == 0 or not corners or (claim.amount - h_amount - (change + h_change)) * (
            claim.amount + h_amount - (change - h_change)) <= 0:
        out.append(finding("insufficient-data", claim, f"cannot check {claim.percent}%: last year's figure is zero",
                            f"无法核对 {claim.percent}%：上年数为零", actual=f"{claim.percent}%"))
        return False
    lo, hi = min(corners), max(corners)
    if (change - h_change) * (change + h_change) <= 0:
        lo = _ZERO  # a change within rounding of zero: 0% follows too
    printed = abs(claim.percent)
    h = _half(claim.percent_decimals)
    expected = abs(change / base * _HUNDRED)
    if printed + 2 * h <= lo or printed - h > hi:  # rounded (± half a unit) or truncated (up to one unit below)
        q = Decimal(1).scaleb(-max(claim.percent_decimals, 2))
        out.append(finding(
            "narrative-percent", claim,
            f"{claim.percent}% does not follow from {claim.raw} and a change of {claim.change}: "
            f"{change:+} / {base} = {expected.quantize(q)}%",
            f"{claim.percent}% 与“{claim.raw}”及增减额 {claim.change} 不符：应为 {expected.quantize(q)}%",
            expected=f"{expected.quantize(q)}%", actual=f"{claim.percent}%",
            difference=(printed - expected).quantize(q), tolerance=h))
    return True


def rule_ratio(claim: Claim, out: list) -> bool | None:
    """narrative-percent for a share (占 Z%) or a completion (完成预算的 Z%):
    the percentage against the two amounts it is the ratio of."""
    if claim.ratio is None:
        return None
    kind, pct, decimals, (num, nd, nu), den, text = claim.ratio
    what = "share" if kind == "share" else "completion"
    if den is None:
        out.append(finding("insufficient-data", claim, f"cannot check the {what} {pct}%: the sentence does not say of "
                            f"which amount", f"无法核对 {pct}%（{text}）：句中未指明是哪一数额的比例", actual=f"{pct}%"))
        return False
    dv, dd, du = den
    n = _in_unit(num, nu, "元")
    d = _in_unit(dv, du, "元")
    hn, hd = _in_unit(_half(nd), nu, "元"), _in_unit(_half(dd), du, "元")
    if d - hd <= 0:
        out.append(finding("insufficient-data", claim, f"cannot check {pct}%: the whole is zero",
                            f"无法核对 {pct}%：基数为零", actual=f"{pct}%"))
        return False
    corners = [(a / b * _HUNDRED) for a in (n - hn, n + hn) for b in (d - hd, d + hd)]
    lo, hi = max(min(corners), _ZERO), max(corners)
    h = _half(decimals)
    # rounded or truncated; a share may also be moved by one unit so that the shares of a whole total 100%
    low, high = (pct - 2 * h, pct + 2 * h) if kind == "share" else (pct - h, pct + 2 * h)
    if high <= lo or low > hi:
        q = Decimal(1).scaleb(-max(decimals, 2))
        expected = (n / d * _HUNDRED).quantize(q)
        out.append(finding("narrative-percent", claim,
                            f"{pct}% ({text}) does not follow from {claim.raw} and {dv}{du}: {expected}%",
                            f"{pct}%（{text}）与“{claim.raw}”和 {dv}{du} 不符：应为 {expected}%",
                            expected=f"{expected}%", actual=f"{pct}%", difference=(pct - expected).quantize(q),
                            tolerance=h))
    return True


_UP, _DOWN = "up", "down"
_ZH_DIR = {"up": "增加", "down": "减少", "flat": "持平"}


def rule_direction(claim: Claim, out: list) -> None:
    """narrative-direction: direction words against the change and the percentage."""
    d = claim.direction
    if d is None or d == "both":
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
                            f"“{claim.subject_text}{claim.raw}”：{problem[1]}", actual=claim.compare_text))


def rule_year(claim: Claim, doc: Document, out: list) -> None:
    """narrative-year: the year compared with is the year before; the year
    named for the budget is the document's."""
    if doc.year is None:
        return
    compared = claim.compare_text or ""
    if claim.base_year is not None and claim.base_year != doc.year - 1 and not (
            doc.kind == "决算" and claim.base_year == doc.year and "预算" in compared) and not (
            "决算" in compared and claim.base_year == doc.year - 2):  # a budget may compare with the last 决算
        out.append(finding("narrative-year", claim,
                            f"compared with {claim.base_year} in a {doc.year} document (expected {doc.year - 1})",
                            f"{doc.year} 年文档中与 {claim.base_year} 年比较（应为 {doc.year - 1} 年）",
                            expected=str(doc.year - 1), actual=str(claim.base_year)))
    if (claim.year is not None and claim.year != doc.year and claim.subject.kind != "other" and claim.measure is None
            and not re.search(r"执行|决算|实际|完成|上年", claim.subject_text)):
        out.append(finding("narrative-year", claim, f"{claim.subject_text}: year {claim.year} in a {doc.year} document",
                            f"“{claim.subject_text}”所称 {claim.year} 年与文档年度 {doc.year} 不符",
                            expected=str(doc.year), actual=str(claim.year)))


def _same_key(claim: Claim) -> tuple | None:
    s = claim.subject
    if s.kind == "other" or (s.kind == "code" and s.code is None):
        return None
    return (claim.section, s.kind, s.code, s.side, claim.context, claim.measure)


_NOT_TABLES = ("projects", "performance", "procurement", "assets", "glossary", "tables")


def rule_repeat(claims: tuple[Claim, ...], out: list) -> None:
    """narrative-repeat: the same thing stated twice with different amounts
    (within one section: the 财政拨款 section restates the 支出 section's
    classes with other amounts, rightly)."""
    first: dict[tuple, Claim] = {}
    for c in claims:
        if c.section in _NOT_TABLES:
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
                                expected=prev.raw, actual=c.raw))


_EMPTY_REASON = re.compile(r"原因(?:是|为|主要是|在于)[:：]?\s*(?:[。；;，,]|$)|主要原因[:：]\s*(?:[。；;]|$)")
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[xX×]{2,}|[xX],?[xX]{3}|待填写|待补充|待完善|请填写|增加[（(]?减少[)）]?|增[（(]减[)）]|"
                          r"[（(]持平[)）]|增加[/／]减少)")
_SCOPE = re.compile(r"本部门|\d{4}\s*年\s*(?:度)?\s*部门预算|部门预算(?:收支|情况|编制)|部门(?:收入|支出|财政拨款)(?:预算)?总|"
                    r"部门机关运行")


def _is_unit_document(doc: Document, narr: Narrative) -> bool:
    """A 单位预算/单位决算: by its title, or, with no title read, by its first
    sentences (the cover) naming 单位 and never 部门."""
    if doc.title:
        return bool(re.search(r"单位(?:预算|决算)", doc.title))
    cover = "".join(s for s, *_rest in narr.sentences[:15])
    return bool(re.search(r"单位(?:预算|决算)", cover)) and not re.search(r"部门(?:预算|决算)", cover)


def rule_sentences(narr: Narrative, doc: Document, out: list) -> None:
    """narrative-empty-reason, placeholder-text, narrative-scope: words, not figures."""
    unit_doc = _is_unit_document(doc, narr)
    for sentence, line, page, section in narr.sentences:
        if section in ("glossary", "tables"):
            continue
        m = _EMPTY_REASON.search(sentence)
        if m:
            out.append(finding("narrative-empty-reason", None, "a reason left empty: " + m.group(0),
                                f"原因未填写：“{m.group(0)}”", sentence=sentence, line=line, page=page,
                                actual=m.group(0)))
        m = _PLACEHOLDER.search(sentence)
        if m:
            out.append(finding("placeholder-text", None, f"template text left in: {m.group(0)}",
                                f"模板文字未替换：“{m.group(0)}”", sentence=sentence, line=line, page=page,
                                actual=m.group(0)))
        if unit_doc:
            m = _SCOPE.search(sentence)
            if m:
                out.append(finding("narrative-scope", None, f"部门 wording in a 单位预算: {m.group(0)}",
                                    f"单位预算中使用部门口径：“{m.group(0)}”", sentence=sentence, line=line, page=page,
                                    expected="单位", actual=m.group(0)))


def _old_names(catalog) -> dict[str, tuple[str, str]]:
    """Retired names of the catalog's edition: old name -> (code, current name)."""
    return editions.retired_names(catalog)


_CODE_AND_NAME = re.compile(r"([\u4e00-\u9fff（）()、]{2,30}?)\s*[（(]\s*(\d{3}(?:\d{2}){0,2})\s*(?:类|款|项)?\s*[)）]")


def rule_names(narr: Narrative, catalog, out: list) -> None:
    """narrative-name: a class named by a name that is not its name in the
    edition: "医疗卫生与计划生育支出（210类）" (the name of another edition),
    or a code printed with another code's name."""
    old = _old_names(catalog)
    seen: set[tuple[str, int | None]] = set()
    for sentence, line, page, section in narr.sentences:
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


def narrative_check(doc: Document, narr: Narrative, catalog) -> tuple[list, dict]:
    """Findings on the narrative, and counts: claims found, checked against a
    table, percentages checked."""
    out: list = []
    tables = _Tables(doc)
    checked = percents = 0
    for claim in narr.claims:
        if rule_amount(claim, tables, out):
            checked += 1
        if rule_percent(claim, out):
            percents += 1
        if rule_ratio(claim, out):
            percents += 1
        rule_direction(claim, out)
        rule_year(claim, doc, out)
    rule_repeat(narr.claims, out)
    rule_sentences(narr, doc, out)
    rule_names(narr, catalog, out)
    return out, {"claims": len(narr.claims), "checked": checked, "percents": percents}


# -- identities of the tables ------------------------------------------------------


def _cell_sum(cells) -> tuple[Decimal, Decimal, bool]:
    shown = [c for c in cells if c is not None and c.value is not None]
    return sum((c.value for c in shown), _ZERO), sum((_half(c.decimals) for c in shown), _ZERO), bool(shown)


def compare(rule: str, where: str, what_en: str, what_zh: str, total: Cell | None, parts: list, out: list,
              line=None, at_most: bool = False) -> None:
    t, th, t_shown = _cell_sum([total])
    p, ph, p_shown = _cell_sum(parts)
    if not t_shown and not p_shown:
        return
    diff = t - p
    tol = th + ph
    bad = diff < -tol if at_most else abs(diff) > tol
    if bad:
        out.append(finding(rule, None, f"{what_en}: {t} against {p} (difference {diff}, tolerance {tol})",
                            f"{what_zh}：{t} 与 {p} 不符（差额 {diff}，容差 {tol}）", table=where, line=line,
                            expected=str(p), actual=str(t), difference=diff, tolerance=tol))


def identity_check(doc: Document) -> list:
    """sangong-identity, sangong-vs-basic, statement-balance."""
    out: list = []
    for st in doc.statements:
        if st.kind == "three-public":
            cols = st.columns.get("", ())

            def col(kind: str) -> str | None:
                return next((c for c in cols if _SANGONG_COLUMNS[kind](c)), None)

            total, abroad, reception = col("sangong"), col("sangong-abroad"), col("sangong-reception")
            vehicle, run, buy = col("sangong-vehicle"), col("sangong-vehicle-run"), col("sangong-vehicle-buy")
            for it in st.items:
                if total and abroad and reception and vehicle:
                    compare("sangong-identity", st.name, f"{it.label}: 合计 vs 因公出国（境）+ 公务接待 + 公务用车",
                              f"{it.label}：合计与因公出国（境）、公务接待、公务用车之和", it.cells.get(total),
                              [it.cells.get(abroad), it.cells.get(reception), it.cells.get(vehicle)], out,
                              it.source_line)
                if vehicle and run and buy:
                    compare("sangong-identity", st.name, f"{it.label}: 公务用车 vs 购置 + 运行维护",
                              f"{it.label}：公务用车购置及运行维护费与购置、运行维护之和", it.cells.get(vehicle),
                              [it.cells.get(run), it.cells.get(buy)], out, it.source_line)
        if st.kind in ("summary", "fiscal-summary", "final-01"):
            inc = find_row(st, "收入", "收入总计")
            exp = find_row(st, "支出", "支出总计")
            if inc is not None and exp is not None:
                ci = next(iter(st.columns.get("收入", ())), None)
                ce = "合计" if "合计" in st.columns.get("支出", ()) else next(iter(st.columns.get("支出", ())), None)
                compare("statement-balance", st.name, "收入总计 vs 支出总计", "收入总计与支出总计",
                          inc.cells.get(ci), [exp.cells.get(ce)], out, inc.source_line)
    _sangong_vs_basic(doc, out)
    return out


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
            out.append(finding("sangong-vs-basic", None,
                                f"{code} {ln.name} {cell.raw} in {basic.name} exceeds {fig.where} {s}",
                                f"{basic.name} {code} {ln.name} {cell.raw} 大于{fig.where} {s}", table=basic.name,
                                line=ln.source_line, code=code, expected=f"<= {s}", actual=str(value),
                                difference=value - s, tolerance=tol))
