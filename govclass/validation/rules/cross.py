"""Checks that tie the tables of one disclosure together.

Each check compares the same quantity printed in two places (a total in the
收支预算总表 and the 合计 line of the 部门支出总表, a 类 row in two tables, the
基本支出 column of one table and the 合计 of another).  The tolerance is the
rounding bound of the figures compared: half a unit of the last shown place
of each printed figure that goes into either side.

When a check cannot be made because a table is missing, unreadable or lacks
the row it needs, the check says so with an ``insufficient-data`` finding:
nothing passes silently.

Rule ids: ``cross-total`` (a total printed in two tables), ``cross-class``
(a 类 in a summary against the detailed table), ``cross-code`` (a code in the
收入 and 支出 tables), ``cross-basic`` (基本支出 against the 基本支出 table),
``cross-personnel`` (人员经费 = 301 + 303, 公用经费 = the other classes),
``insufficient-data``.
"""

from __future__ import annotations

from decimal import Decimal
from govclass.catalog.editions import retired_names
from govclass.normalize import normalize_name
from govclass.document import (Cell, Document, Item, Line, Statement, Table, find_row, half_unit, resolve_codes,
                               sum_of_cells)
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.validation.coverage import unread_rows_of
from govclass.validation.report import Finding
from govclass.vocabulary import KINDS, TOTAL_WORDS, fold_label

__all__ = ["cross_check", "CROSS_RULES", "total_line", "total_column", "coded_lines"]

declare("cross-total", ERROR, "cross", "a total printed in two tables differs (收入总计 vs 部门收入总表 合计, …)",
        "两张表列示的同一合计数不一致（收支总表收入总计与部门收入总表合计等）")
declare("cross-class", ERROR, "cross", "a 类 in a summary statement differs from the detailed table",
        "总表中某类的数额与明细表不一致")
declare("cross-code", ERROR, "cross", "a code's 合计 differs between 部门收入总表 and 部门支出总表",
        "同一科目在部门收入总表与部门支出总表中的合计数不一致")
declare("cross-basic", ERROR, "cross",
        "基本支出 of the 一般公共预算支出表 vs the 合计 of the 基本支出表 (公开05 vs 06) differ",
        "一般公共预算支出表的基本支出与基本支出表合计不一致（公开05表与06表）")
declare("cross-personnel", ERROR, "cross", "人员经费 ≠ 301 + 303, or 公用经费 ≠ the other classes",
        "人员经费不等于 301、303 类之和，或公用经费不等于其余各类之和")
declare("insufficient-data", WARNING, "cross",
        "a cross-table check could not be made (a table or row is missing or unreadable), or a narrative statement "
        "names what no table prints or is ambiguous (with its sentence)",
        "缺少表或行（或无法读取），跨表核对无法进行；或说明中的表述无表可对照、有歧义（附原句）")
declare("personnel-split", WARNING, "cross",
        "a line of the 基本支出 table puts figures off the 人员经费 = 301 + 303 convention while the table adds up "
        "(the document's own split)", "基本支出表某行的人员经费、公用经费划分与“人员经费 = 301 + 303 类”的惯例不同，但表内合计一致")

#: the cross-table rules and their severities (from the declarations above)
CROSS_RULES = {r.id: r.severity for r in DECLARED.values() if r.module == __name__}
_ZERO = Decimal(0)
_PERSONNEL = ("301", "303")


class _Ctx:
    def __init__(self, document: Document, catalog) -> None:
        self.doc = document
        self.catalog = catalog
        torn = unread_rows_of(document)  # a table with rows not read proves no sum against another
        self.tables = {k: t for k, t in {t.kind: t for t in reversed(document.tables) if t.kind}.items()
                       if t.name not in torn}
        self.statements = {s.kind: s for s in reversed(document.statements) if s.kind}
        self.findings: list = []

    def finding(self, rule: str, where: str, en: str, zh: str, on: tuple = (), **kw) -> None:
        """A finding at ``where`` (the names of the tables it compares), resting ``on`` those tables
        and statements (:attr:`Finding.rests_on`)."""
        self.findings.append(Finding(rule, DECLARED[rule].severity, where, en, zh, rests_on=on, **kw))

    def missing(self, check: str, what: str, why_en: str, why_zh: str, on: tuple = ()) -> None:
        self.finding("insufficient-data", what, f"cannot check {check}: {why_en}", f"无法核对{check}：{why_zh}", on)

    def need(self, check: str, *kinds: str) -> list | None:
        """The tables/statements of ``kinds``, or None after saying which is missing."""
        out = []
        for k in kinds:
            obj = self.tables.get(k) or self.statements.get(k)
            if obj is None:
                name = KINDS[k].name
                self.missing(check, name, f"{name} is missing or unreadable", f"缺少或无法读取“{name}”")
                return None
            out.append(obj)
        return out

    def compare(self, rule: str, where: str, what_en: str, what_zh: str, a: Cell | None, b_cells: list[Cell],
                column: str | None = None, code: str | None = None, on: tuple = (), **printed_at) -> None:
        """``a`` printed against the sum of ``b_cells`` (blanks skipped), in the tables ``on``;
        ``printed_at``: the source line (and a PDF's page and text) of ``a``."""
        shown = [c for c in b_cells if c is not None and c.value is not None]
        if a is None or a.value is None:
            if shown and any(c.value for c in shown):
                total = sum((c.value for c in shown), _ZERO)
                self.finding(rule, where, f"{what_en}: blank on one side, {total} on the other",
                             f"{what_zh}：一方为空，另一方为 {total}", on, column=column, code=code,
                             expected=str(total), actual=None, **printed_at)
            return
        if not shown:
            if a.value != 0:
                self.finding(rule, where, f"{what_en}: {a.value} on one side, blank on the other",
                             f"{what_zh}：一方为 {a.value}，另一方为空", on, column=column, code=code,
                             expected=None, actual=str(a.value), **printed_at)
            return
        total = sum((c.value for c in shown), _ZERO)
        diff = a.value - total
        tol = half_unit(a.decimals) + sum((half_unit(c.decimals) for c in shown), _ZERO)
        if abs(diff) > tol:
            source = self.source_of_funds(abs(diff), tol)
            if source is not None:  # the two figures describe different money: no proof of a defect
                self.missing(what_zh, where,
                             f"{what_en}: {a.value} against {total}, a difference equal to {source.label.strip()} "
                             f"({source.side} of the summary): the two tables may not describe the same money",
                             f"{what_zh}：{a.value} 与 {total} 之差等于总表“{source.label.strip()}”，"
                             "两表口径可能不同（如全部资金与财政拨款）", on)
                return
            self.finding(rule, where, f"{what_en}: {a.value} against {total} (difference {diff}, tolerance {tol})",
                         f"{what_zh}：{a.value} 与 {total} 不符（差额 {diff}，容差 {tol}）", on, column=column, code=code,
                         expected=str(total), actual=str(a.value), difference=diff, tolerance=tol,
                         **printed_at)

    def source_of_funds(self, difference: Decimal, tol: Decimal) -> Item | None:
        """The summary's income item (a source of funds, not a total) printed as ``difference``, within the
        tolerance and the item's own rounding: what two tables differ by when one describes all funds and the
        other only 财政拨款 (issue 23, family 5). None when no item is."""
        st = self.statements.get("summary") or self.statements.get("final-01")
        if st is None:
            return None
        for it in st.items:
            if it.side not in ("收入", None) or any(w in fold_label(it.label) for w in TOTAL_WORDS):
                continue
            for cell in it.cells.values():
                if cell.value and abs(abs(cell.value) - difference) <= tol + half_unit(cell.decimals):
                    return it
        return None


def _where(at: "Line | Item | None") -> dict:
    """Where a compared row is printed: its source line, and for a PDF its page and text."""
    if at is None:
        return {"source_line": None}
    out: dict = {"source_line": at.source_line}
    if at.page is not None:
        out.update(page=at.page, text=at.text, box=at.box)
    return out


def total_column(table: Table, column: str) -> str | None:
    """The column of ``table`` that is ``column``: itself, or for 合计 a table's
    first column when the table prints none named 合计 and that first column
    heads 基本支出 and 项目支出 (一般公共预算支出 | 基本支出 | 项目支出); None when the
    table prints no such column (not a blank)."""
    if column in table.columns:
        return column
    if column == "合计" and table.columns and {"基本支出", "项目支出"} <= set(table.columns[1:]) and \
            table.columns[0] not in ("基本支出", "项目支出"):
        return table.columns[0]
    return None


def total_line(table: Table) -> Line | None:
    for ln in table.lines:
        if ln.total or (ln.code is None and ln.name in TOTAL_WORDS):
            return ln
    return None


def coded_lines(table: Table) -> dict[str, Line]:
    """Lines by resolved code (a printed 2-digit 款 under its 类), first occurrence."""
    out: dict[str, Line] = {}
    codes = resolve_codes([ln.code for ln in table.lines], table.classification == "functional")
    for code, ln in zip(codes, table.lines):
        if code is not None and code.isdigit():
            out.setdefault(code, ln)
    return out


def _classes(table: Table) -> dict[str, Line]:
    """The table's 类 lines by code.  A table that prints no 类 line and no
    code beside one of its parents (a flat list: 项 codes only, Beijing's
    预算03表) gives each 类 as the sum of its codes: every code is money of its
    own there, so the sum is the 类."""
    lines = coded_lines(table)
    classes = {c: ln for c, ln in lines.items() if len(c) == 3}
    if classes or not lines or any(c[:k] in lines for c in lines for k in range(3, len(c))):
        return classes
    return _summed_classes(table, lines)


def _summed_classes(table: Table, lines: dict[str, Line]) -> dict[str, Line]:
    by_class: dict[str, list[Line]] = {}
    for code, ln in lines.items():
        by_class.setdefault(code[:3], []).append(ln)
    out = {}
    for code, members in by_class.items():
        cells = {column: sum_of_cells([ln.cells[column] for ln in members if column in ln.cells])
                 for column in table.columns}
        first = members[0]
        out[code] = Line(code, None, cells, False, first.number, first.source_line, "类", first.page,
                         f"Σ {len(members)} lines under {code} ({', '.join(ln.code or '' for ln in members[:4])}"
                         f"{'…' if len(members) > 4 else ''})")
    return out


def _item_class(ctx: _Ctx, item: Item) -> str | None:
    label = fold_label(item.label)
    for code in ctx.catalog.codes_named(label, "functional"):
        if len(code.code) == 3:
            return code.code
    return None


def _retired_class(ctx: _Ctx, item: Item) -> str | None:
    """The 类 an item names by a name it had before the edition (医疗卫生与计划生育支出 for 210)."""
    hit = retired_names(ctx.catalog).get(normalize_name(fold_label(item.label)))
    return hit[0] if hit and len(hit[0]) == 3 else None


def _statement_classes(ctx: _Ctx, st: Statement, side: str, retired: "dict[str, Item] | None" = None
                       ) -> dict[str, Item]:
    """The statement's 类 items on ``side`` by code; an item named by a retired
    name goes to ``retired`` (code -> item) instead."""
    out: dict[str, Item] = {}
    for it in st.items:
        if it.side == side:
            c = _item_class(ctx, it)
            if c:
                out.setdefault(c, it)
            elif retired is not None:
                c = _retired_class(ctx, it)
                if c:
                    retired.setdefault(c, it)
    return out


def _gpb_alone(st: Statement, side: str, column: str) -> str:
    """A 财政拨款收支总表 that prints one 支出 column (合计) and whose 收入 side
    prints 政府性基金 and 国有资本经营 as nothing (blank or 0): its 合计 is the
    一般公共预算支出.  Otherwise ``column`` as asked."""
    if column != "一般公共预算支出" or column in st.columns.get(side, ()) or st.columns.get(side) != ("合计",):
        return column
    others = [it for it in st.items if it.side == "收入" and any(w in fold_label(it.label) for w in ("政府性基金", "国有资本"))]
    if others and all(not c.value for it in others for c in it.cells.values()):
        return "合计"
    return column


def _classes_against(ctx: _Ctx, st: Statement, side: str, column: str, table: Table, tcol: str, where: str) -> None:
    column = _gpb_alone(st, side, column)
    if column not in st.columns.get(side, (column,)):  # the statement does not print that column (not a blank)
        ctx.missing(f"{column}（类）", st.name, f"{st.name} prints no {column} column", f"{st.name}没有“{column}”栏",
                    (st,))
        return
    if total_column(table, tcol) is None:
        ctx.missing(f"{column}（类）", table.name, f"{table.name} prints no {tcol} column", f"{table.name}没有“{tcol}”栏",
                    (table,))
        return
    tcol = total_column(table, tcol)
    retired: dict[str, Item] = {}
    mine = _statement_classes(ctx, st, side, retired)
    theirs = _classes(table)
    # A 类 printed under its retired name (三、医疗卫生与计划生育支出 for 210) is compared as any 类; the old name is
    # the narrative rules' narrative-name warning on that label, as a coded table's is name-variant: one fact,
    # one severity wherever it is printed (issue 23, family 8).
    for code, it in retired.items():
        mine.setdefault(code, it)
    if not mine and st.items:  # the statement lists no 类 on that side (基本支出/项目支出 instead): nothing to compare
        ctx.missing(f"{column}（类）", st.name, f"{st.name} lists no 类 on its {side} side",
                    f"{st.name}的{side}方未按类列示", (st,))
        return
    for code in sorted(set(mine) | set(theirs)):
        it = mine.get(code)
        ln = theirs.get(code)
        a = it.cells.get(column) if it is not None else None
        b = ln.cells.get(tcol) if ln is not None else None
        if a is not None and a.value is None and b is None:
            continue
        name = ln.name if ln is not None else it.label if it is not None else code
        ctx.compare("cross-class", where, f"类 {code} {name}: {st.name} {column} vs {table.name} {tcol}",
                    f"类 {code} {name}：{st.name}“{column}”与{table.name}“{tcol}”", a, [b] if b is not None else [],
                    column=column, code=code, on=(st, table), **_where(it if it is not None else ln))


def _statement_total(ctx: _Ctx, st: Statement, side: str, column: str, labels: tuple[str, ...], table: Table,
                     tcol: str, check: str, check_zh: str) -> None:
    where = f"{st.name} ↔ {table.name}"
    column = _gpb_alone(st, side, column)
    if column not in st.columns.get(side, (column,)):  # the statement does not print that column (not a blank)
        ctx.missing(check_zh, st.name, f"{st.name} prints no {column} column", f"{st.name}没有“{column}”栏", (st,))
        return
    it = find_row(st, side, *labels)
    tot = total_line(table)
    if total_column(table, tcol) is None:
        ctx.missing(check_zh, table.name, f"{table.name} prints no {tcol} column", f"{table.name}没有“{tcol}”栏",
                    (table,))
        return
    tcol = total_column(table, tcol)
    if it is None:
        ctx.missing(check_zh, st.name, f"{st.name} has no {labels[0]} row", f"{st.name}没有“{labels[0]}”行", (st,))
        return
    if tot is None:
        ctx.missing(check_zh, table.name, f"{table.name} has no 合计 line", f"{table.name}没有合计行", (table,))
        return
    ctx.compare("cross-total", where, f"{check}: {st.name} {it.label} vs {table.name} 合计 {tcol}",
                f"{check_zh}：{st.name}“{it.label}”与{table.name}合计行“{tcol}”", it.cells.get(column),
                [tot.cells.get(tcol)], column=tcol, on=(st, table), **_where(it))


def _misprinted_pairs(ctx: _Ctx, a: dict[str, Line], b: dict[str, Line]) -> list[tuple[str, str]]:
    """Codes printed on one side only that are one line: the same name, one
    of the two codes not in the catalog (a misprint such as 71102 for
    2101102, with the same 款/项 digits), each pairing the only candidate."""
    only_a = [c for c in a if c not in b]
    only_b = [c for c in b if c not in a]
    pairs = []
    for ca in only_a:
        candidates = [cb for cb in only_b if a[ca].name and b[cb].name and
                      normalize_name(a[ca].name) == normalize_name(b[cb].name) and
                      (ctx.catalog.get(ca) is None) != (ctx.catalog.get(cb) is None) and
                      len(ca) >= 5 and len(cb) >= 5 and ca[-4:] == cb[-4:]]
        if len(candidates) == 1:
            pairs.append((ca, candidates[0]))
            only_b.remove(candidates[0])
    return pairs


def _budget(ctx: _Ctx) -> None:
    got = ctx.need("收支预算总表与部门收入总表", "summary", "income")
    if got:
        st, inc = got
        _statement_total(ctx, st, "收入", "预算数", ("收入总计",), inc, "合计", "income total", "收入总计")
    got = ctx.need("收支预算总表与部门支出总表", "summary", "expenditure")
    if got:
        st, exp = got
        _statement_total(ctx, st, "支出", "预算数", ("本年支出合计",), exp, "合计", "expenditure total", "本年支出合计")
        _classes_against(ctx, st, "支出", "预算数", exp, "合计", f"{st.name} ↔ {exp.name}")
    got = ctx.need("部门收入总表与部门支出总表的科目", "income", "expenditure")
    if got:
        inc, exp = got
        a, b = coded_lines(inc), coded_lines(exp)
        ta, tb = total_line(inc), total_line(exp)
        where = f"{inc.name} ↔ {exp.name}"
        if ta is not None and tb is not None and not _carried_over(ctx, ta.cells.get("合计"), tb.cells.get("合计")):
            ctx.compare("cross-total", where, "合计 of income and expenditure", "收入与支出合计",
                        ta.cells.get("合计"), [tb.cells.get("合计")], column="合计", on=(inc, exp), **_where(ta))
        if not a and inc.lines and b:  # the 收入总表 is printed by budget unit, not by code
            ctx.missing("部门收入总表与部门支出总表的科目", inc.name,
                        f"{inc.name} prints no codes (its rows are units or its total alone)",
                        f"{inc.name}未按科目列示（按单位列示或仅列合计）", (inc,))
            a = b = {}
        for code_a, code_b in _misprinted_pairs(ctx, a, b):
            # one printed line under two codes: the code misprinted in one table (reported there as a code
            # that does not exist) is compared under the code the other table prints; one defect, one finding
            b[code_a] = b.pop(code_b)
        for code in sorted(set(a) | set(b)):
            la, lb = a.get(code), b.get(code)
            ctx.compare("cross-code", where, f"{code} {(la or lb).name}: 合计 in {inc.name} vs {exp.name}",
                        f"{code} {(la or lb).name}：{inc.name}与{exp.name}的合计", la.cells.get("合计") if la else None,
                        [lb.cells.get("合计")] if lb else [], column="合计", code=code, on=(inc, exp),
                        **_where(la or lb))
    got = ctx.need("财政拨款收支总表与一般公共预算支出表", "fiscal-summary", "gpb-expenditure")
    if got:
        st, gpb = got
        _statement_total(ctx, st, "支出", "一般公共预算支出", ("本年支出", "本年支出合计"), gpb, "合计",
                         "general public budget expenditure", "一般公共预算支出")
        _classes_against(ctx, st, "支出", "一般公共预算支出", gpb, "合计", f"{st.name} ↔ {gpb.name}")
    got = ctx.need("一般公共预算支出表的基本支出", "gpb-expenditure", "gpb-basic")
    if got:
        gpb, basic = got
        t1, t2 = total_line(gpb), total_line(basic)
        if t1 is None or t2 is None:
            ctx.missing("一般公共预算支出表的基本支出", gpb.name if t1 is None else basic.name, "no 合计 line",
                        "没有合计行", (gpb if t1 is None else basic,))
        elif "基本支出" not in gpb.columns or total_column(basic, "合计") is None:  # not printed: not a blank
            ctx.missing("一般公共预算支出表的基本支出", gpb.name, f"{gpb.name} prints no 基本支出 column or "
                        f"{basic.name} no 合计 column", f"{gpb.name}没有“基本支出”栏或{basic.name}没有“合计”栏",
                        (gpb, basic))
        else:
            ctx.compare("cross-basic", f"{gpb.name} ↔ {basic.name}", f"{gpb.name} 基本支出 vs {basic.name} 合计",
                        f"{gpb.name}基本支出与{basic.name}合计", t1.cells.get("基本支出"), [t2.cells.get("合计")],
                        column="基本支出", on=(gpb, basic), **_where(t1))
        _personnel(ctx, basic, "人员经费", "公用经费")
    elif "gpb-basic" in ctx.tables:
        _personnel(ctx, ctx.tables["gpb-basic"], "人员经费", "公用经费")


def _carried_over(ctx: _Ctx, income: Cell | None, spending: Cell | None) -> bool:
    """Whether the 收入总表's 合计 is the 支出总表's plus what the 收支总表 carries
    into next year (年终结转结余, Beijing): income counts the carry-over in,
    this year's spending does not.  Then the two totals agree."""
    st = ctx.statements.get("summary")
    if st is None or income is None or spending is None or income.value is None or spending.value is None:
        return False
    carry = [it for it in st.items if it.side == "支出" and "年终结转" in fold_label(it.label)]
    cells = [c for it in carry for c in it.cells.values() if c.value]
    if len(cells) != 1:
        return False
    tol = half_unit(income.decimals) + half_unit(spending.decimals) + half_unit(cells[0].decimals)
    return abs(income.value - spending.value - cells[0].value) <= tol


def _personnel(ctx: _Ctx, basic: Table, personnel: str, public: str) -> None:
    """人员经费 = 301 + 303, 公用经费 = the other classes (these documents' practice)."""
    tot = total_line(basic)
    if tot is None:
        ctx.missing("人员经费与公用经费", basic.name, f"{basic.name} has no 合计 line", f"{basic.name}没有合计行",
                    (basic,))
        return
    if personnel not in basic.columns or public not in basic.columns:
        ctx.missing("人员经费与公用经费", basic.name, f"{basic.name} prints no {personnel}/{public} columns",
                    f"{basic.name}未分列{personnel}与{public}", (basic,))
        return
    if _split_explains(ctx, basic, tot, personnel, public):
        return
    classes = _classes(basic)
    mine = [ln.cells.get("合计") for c, ln in classes.items() if c in _PERSONNEL]
    other = [ln.cells.get("合计") for c, ln in classes.items() if c not in _PERSONNEL]
    ctx.compare("cross-personnel", basic.name, f"{personnel} total vs classes 301 + 303",
                f"{personnel}合计与 301、303 类之和", tot.cells.get(personnel), mine, column=personnel, on=(basic,),
                **_where(tot))
    ctx.compare("cross-personnel", basic.name, f"{public} total vs classes other than 301 and 303",
                f"{public}合计与 301、303 以外各类之和", tot.cells.get(public), other, column=public, on=(basic,),
                **_where(tot))


def _split_explains(ctx: _Ctx, basic: Table, tot: Line, personnel: str, public: str) -> bool:
    """When the 合计 line's 人员经费 and 公用经费 are the sums of the 类 lines'
    own columns, a difference from "301 + 303" is where the document puts
    some items (30399 under 公用经费, part of 30228 工会经费 under 人员经费),
    not arithmetic: one ``personnel-split`` warning per such line, and True."""
    classes = _classes(basic)
    for column in (personnel, public):
        total = tot.cells.get(column)
        parts = [ln.cells.get(column) for ln in classes.values()]
        shown = [c for c in parts if c is not None and c.value is not None]
        if total is None or total.value is None or not shown:
            return False
        if abs(total.value - sum((c.value for c in shown), _ZERO)) > half_unit(total.decimals) + sum((half_unit(c.decimals) for c in shown), _ZERO):
            return False
    odd = []
    for ln in basic.lines:
        if ln.code is None or len(ln.code) < 5 or not ln.code.isdigit():
            continue
        wrong = public if ln.code[:3] in _PERSONNEL else personnel
        cell = ln.cells.get(wrong)
        if cell is not None and cell.value:
            odd.append((ln, wrong, cell))
    if not odd:
        return False
    from govclass.validation.frame import finding_for

    for ln, wrong, cell in odd:
        ctx.findings.append(finding_for(
            "personnel-split", basic, ln,
            f"{ln.code} {ln.name or ''}: {cell.value} under {wrong} (人员经费 is usually 301 + 303)",
            f"{ln.code} {ln.name or ''}：{cell.value} 列入{wrong}（人员经费通常为 301、303 类）",
            code=ln.code, name=ln.name, column=wrong, actual=str(cell.value)))
    return True


def _final(ctx: _Ctx) -> None:
    got = ctx.need("公开01表与公开02表", "final-01", "final-02")
    if got:
        st, inc = got
        _statement_total(ctx, st, "收入", "决算数", ("本年收入合计",), inc, "本年收入合计", "income total",
                         "本年收入合计")
    got = ctx.need("公开01表与公开03表", "final-01", "final-03")
    if got:
        st, exp = got
        _statement_total(ctx, st, "支出", "决算数", ("本年支出合计",), exp, "本年支出合计", "expenditure total",
                         "本年支出合计")
        _classes_against(ctx, st, "支出", "决算数", exp, "本年支出合计", f"{st.name} ↔ {exp.name}")
    got = ctx.need("公开04表与公开05表", "final-04", "final-05")
    if got:
        st, gpb = got
        _statement_total(ctx, st, "支出", "一般公共预算财政拨款", ("本年支出合计",), gpb, "本年支出合计",
                         "general public budget expenditure", "一般公共预算财政拨款支出")
        _classes_against(ctx, st, "支出", "一般公共预算财政拨款", gpb, "本年支出合计", f"{st.name} ↔ {gpb.name}")
    got = ctx.need("公开05表的基本支出与公开06表", "final-05", "final-06")
    if got:
        gpb, basic = got
        totals = ctx.statements.get("final-06-totals")
        t1 = total_line(gpb)
        if totals is None or t1 is None:
            ctx.missing("公开05表的基本支出与公开06表", basic.name, "no 人员经费合计 / 公用经费合计 line",
                        "没有人员经费合计、公用经费合计行", (basic,))
            return
        parts = [it.cells.get("金额") for it in totals.items]
        ctx.compare("cross-basic", f"{gpb.name} ↔ {basic.name}", f"{gpb.name} 基本支出 vs {basic.name} 人员经费合计 + "
                    "公用经费合计", f"{gpb.name}基本支出与{basic.name}人员经费、公用经费合计之和",
                    t1.cells.get("基本支出"), parts, column="基本支出", on=(gpb, basic), **_where(t1))
        classes = _classes(basic)
        for it in totals.items:
            personnel = it.label.startswith("人员")
            cells = [ln.cells.get("金额") for c, ln in classes.items() if (c in _PERSONNEL) == personnel]
            ctx.compare("cross-personnel", basic.name, f"{it.label} vs classes "
                        f"{'301 + 303' if personnel else 'other than 301 and 303'}",
                        f"{it.label}与{'301、303 类之和' if personnel else '301、303 以外各类之和'}",
                        it.cells.get("金额"), cells, column="金额", on=(basic,), **_where(it))


def cross_check(document: Document, catalog) -> list:
    """Findings of the checks between the tables of a disclosure (a document
    whose tables a disclosure reader has identified); none for a document of
    plain tables."""
    if not any(t.kind for t in document.tables) and not document.statements:
        return []
    ctx = _Ctx(document, catalog)
    if document.kind == "决算" or any(k.startswith("final-") for k in ctx.tables):
        _final(ctx)
    else:
        _budget(ctx)
    return ctx.findings
