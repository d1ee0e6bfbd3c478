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
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import attrs

from govclass.catalog import editions
from govclass.document import ACTUAL, Cell, Claim, Document, Statement, find_row, fold_label, half_unit
from govclass.normalize import normalize_name
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.validation.report import Finding, Printed
from govclass.validation.rules.cross import coded_lines
from govclass.validation.rules.government import is_government
from govclass.validation.rules.narrative_figures import (OWN_SCOPES, SANGONG_COLUMNS, Missing, Tables, figure, in_unit,
                                                         printed_at, sangong_figure)

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


# -- the rules ---------------------------------------------------------------------


def rule_amount(claim: Claim, tables: Tables, out: list) -> bool:
    """narrative-amount: the text's amount against the table's figure of the
    same subject, scope and year."""
    try:
        fig = figure(claim, tables)
    except Missing as why:
        out.append(cannot(claim, f"cannot check {claim.subject_text} {claim.raw}: {why.en}",
                          f"无法核对“{claim.subject_text}{claim.raw}”：{why.zh}"))
        return False
    shown = [c for c in fig.cells if c is not None and c.value is not None]
    text_value = in_unit(claim.amount, claim.unit, fig.unit)
    tol = in_unit(_half(claim.decimals), claim.unit, fig.unit) + sum((_half(c.decimals) for c in shown), _ZERO)
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
    if abs(diff) > tol and shown and _rounded_twice_to(table_value, fig.unit, claim):
        return True  # 18,463 万元 stated as 1.9 亿元: rounded to 1.85 亿, then to 1.9
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
    in_text_unit = in_unit(table_value, table_unit, claim.unit)
    return in_text_unit.quantize(Decimal(1).scaleb(-claim.decimals), rounding=ROUND_DOWN) == claim.amount


def _rounded_twice_to(table_value: Decimal, table_unit: str, claim: Claim) -> bool:
    """Whether the text's amount is the table's figure rounded twice, first to one decimal more than the text
    shows, then to the text's (18,463 万元 -> 1.85 亿元 -> 1.9 亿元; 108,480 万元 -> 10.85 -> 10.9 亿元): a
    restatement of the figure, its rounding slipped, not another amount."""
    in_text_unit = in_unit(table_value, table_unit, claim.unit)
    finer = in_text_unit.quantize(Decimal(1).scaleb(-claim.decimals - 1), rounding=ROUND_HALF_UP)
    return finer.quantize(Decimal(1).scaleb(-claim.decimals), rounding=ROUND_HALF_UP) == claim.amount


def _signed_change(claim: Claim) -> Decimal | None:
    direction = claim.direction if claim.direction in ("up", "down") else claim.percent_word
    if claim.change is None or direction not in ("up", "down"):
        return None
    change = in_unit(claim.change, claim.change_unit or claim.unit, claim.unit)
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
    h_change = in_unit(_half(claim.change_decimals), unit_change, claim.unit)
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
    base = in_unit(b.amount, b.unit, claim.unit)
    h_base = in_unit(_half(b.decimals), b.unit, claim.unit)
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
    n = in_unit(num, nu, "元")
    d = in_unit(dv, du, "元")
    hn, hd = in_unit(_half(nd), nu, "元"), in_unit(_half(dd), du, "元")
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
    a = in_unit(actual.amount, actual.unit, "元")
    b = in_unit(budget.amount, budget.unit, "元")
    tol = in_unit(_half(actual.decimals), actual.unit, "元") + in_unit(_half(budget.decimals), budget.unit, "元")
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
    own = claim.scope in OWN_SCOPES
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
        a = in_unit(prev.amount, prev.unit, "元")
        b = in_unit(c.amount, c.unit, "元")
        tol = in_unit(_half(prev.decimals), prev.unit, "元") + in_unit(_half(c.decimals), c.unit, "元")
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
    table_amount = in_unit(Decimal(value), unit, claim.unit).quantize(Decimal(1).scaleb(-claim.decimals))
    probe: list = []
    rule_percent(attrs.evolve(claim, amount=table_amount), probe)
    return not any(p.rule == "narrative-percent" for p in probe)


def narrative_check(doc: Document, catalog) -> tuple[list, dict]:
    """Findings on the narrative's claims (``doc.claims``) and sentences, and
    counts: amounts stated, amounts checked against a table, percentages
    checked; comparisons (决算数大于预算数) and tables listed in the 目录 checked."""
    out: list = []
    tables = Tables(doc)
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
    return printed_at(st.name, it.label, column, cell, it.page, it.source_line, it.box), cell


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
        return next((c for c in cols if SANGONG_COLUMNS[kind](c)), None)

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
    tables = Tables(doc)
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
            fig = sangong_figure(tables, kind)
        except Missing:
            continue
        cell = ln.cells.get("合计")
        if cell is None or cell.value is None:
            continue
        shown = [c for c in fig.cells if c is not None and c.value is not None]
        value = in_unit(cell.value, basic.unit, fig.unit)
        s = sum((c.value for c in shown), _ZERO)
        tol = in_unit(_half(cell.decimals), basic.unit, fig.unit) + sum((_half(c.decimals) for c in shown), _ZERO)
        if value - s > tol:  # the 三公 table counts 基本 and 项目: it is at least the basic part
            row = f"{code} {ln.name or ''}".strip()
            out.append(finding("sangong-vs-basic", None,
                               f"{row} {cell.raw} in {basic.name} exceeds {fig.where} {s}",
                               f"{basic.name} {row} {cell.raw} 大于{fig.where} {s}", table=basic.name,
                               line=ln.source_line, code=code, expected=f"<= {s}", actual=str(value),
                               difference=value - s, tolerance=tol,
                               figures=(printed_at(basic.name, row, "合计", cell, ln.page, ln.source_line, ln.box), *fig.printed)))
