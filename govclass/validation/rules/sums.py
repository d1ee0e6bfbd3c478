"""Sums down a table: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, within the rounding tolerance."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from govclass.catalog import Catalog
from govclass.document import BLANK, Cell, Line, Table, half_unit
from govclass.errors import GovclassError
from govclass.model import Classification, Code
from govclass.rulebook import ERROR, INFO, WARNING, declare
from govclass.speedups.twins import sum_key, sums_differ
from govclass.validation.frame import Frame, finding_for, is_named_rows
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding, SumColumn
from govclass.validation.rules.codes import wanted_classifications
from govclass.validation.rules.named import check_by_name
from govclass.vocabulary import printed_as_a_part


declare("rollup-mismatch", ERROR, "sums", "类 ≠ Σ 款, 款 ≠ Σ 项 or 合计 ≠ Σ 类, beyond the rounding tolerance",
        "类不等于其款之和、款不等于其项之和或合计不等于各类之和，超出四舍五入容差")
declare("rounding-difference", INFO, "sums", "a sum is off, but within the rounding tolerance (尾差)",
        "合计与分项之差在四舍五入容差以内（尾差）")
declare("sum-not-checked", WARNING, "sums",
        "a sum among whose rows stands a row printed without a code that fits the book (a government report's row by "
        "name: 车船税等其他税收收入): which sum that row is part of is not known, so this one is not checked; the row named",
        "合计或上级科目之下有一行只列名称、无法对应科目编码（如政府预决算中的“车船税等其他税收收入”）：不知其属于哪一级之和，"
        "该项合计不作核对；列出该行")
declare("classes-not-printed", WARNING, "sums",
        "a government report's 类 (or its 合计) exceeds the classes it prints, and the edition holds classes of it "
        "the table leaves out (涉密 国防、国家安全, party organs …, which such reports may not publish): the shortfall "
        "may be theirs, so the sum proves nothing; the classes not printed named",
        "政府预决算表中类（或合计）大于所列下级科目之和，且该表未列出本版本中的部分下级科目（国防、国家安全等涉密科目或"
        "未公开的科目）：差额可能属于未列科目，不作为错误；列出未列科目")
declare("incomplete-sum", WARNING, "sums", "a sum falls short of its total and some parts are blank: the blanks "
        "(no value, not zero) could hold the rest; the blank parts are named",
        "分项合计小于合计且有空白分项：空白不等于零，差额可能在空白项中；列出空白分项")


_ZERO = Decimal(0)


def compare(rule: str, table: Table, line: Line, column: str, total: Cell, parts: list[Cell],
            tolerance: Decimal | None, what_en: str, what_zh: str, code: str | None,
            labels: Sequence[str] = ()) -> Finding | None:
    """The finding on ``total`` = Σ ``parts`` (None when it holds exactly).

    A blank part is no value, not a zero: a sum of the parts present that
    falls short of the total beyond the tolerance is ``incomplete-sum`` (the
    blanks could hold the rest), not a mismatch; one that exceeds the total is
    a mismatch that names the blank parts.  A part that is not a number is
    reported once, by ``invalid-amount``: no sum is called wrong for it.
    ``labels`` name the parts (their codes, or column names)."""
    values = [p for p in parts if p.value is not None]
    if total.value is None or not values:
        return None
    actual = sum((p.value for p in values), _ZERO)  # type: ignore[misc]
    diff = total.value - actual
    if diff == 0:
        return None
    tol = tolerance if tolerance is not None else half_unit(total.decimals) + sum((half_unit(p.decimals) for p in values), _ZERO)
    blank = tuple(label for label, p in zip(labels, parts) if p.raw is None) if len(values) < len(parts) else ()
    invalid = len(values) < len(parts) and any(p.invalid for p in parts)
    return judge(rule, table, line, column, total.value, actual, tol, len(values) < len(parts), blank, invalid,
                 what_en, what_zh, code)


def judge(rule: str, table: Table, line: Line, column: str, printed: Decimal, actual: Decimal, tol: Decimal,
          missing: bool, blank: tuple[str, ...], invalid: bool, what_en: str, what_zh: str,
          code: str | None) -> Finding | None:
    """The finding of a total printed as ``printed`` whose parts that have a
    value add up to ``actual``: None when equal; when some parts have no value
    (``missing``: ``blank`` names the blank ones, ``invalid`` says one is not a
    number) and the sum is off beyond ``tol``, none for a part that is not a
    number (invalid-amount says it), incomplete-sum when the blanks could hold
    the rest; otherwise as :func:`sum_finding` (govclass.stream judges so too)."""
    diff = printed - actual
    if diff == 0:
        return None
    if abs(diff) > tol and missing:
        if invalid:
            return None  # invalid-amount reports the cell that is not a number
        if blank and diff > 0:
            return finding_for("incomplete-sum", table, line,
                               f"{what_en}, {column}: printed {printed}, the parts present add up to {actual} "
                               f"(short by {diff}); blank: {', '.join(blank)} — a blank is no value, and the blanks "
                               "could hold the rest",
                               f"{what_zh}，{column}栏：列示 {printed}，有数分项合计 {actual}（差 {diff}）；"
                               f"空白分项：{'、'.join(blank)}——空白不等于零，差额可能在空白项中",
                               code=code, name=line.name, column=column, expected=str(actual),
                               actual=str(printed), difference=diff, tolerance=tol, blank=blank)
    return sum_finding(rule, table, line, column, printed, actual, diff, tol, what_en, what_zh, code, blank)


def sum_finding(rule: str, table: Table, line: Line, column: str, printed: Decimal, actual: Decimal, diff: Decimal,
                tol: Decimal, what_en: str, what_zh: str, code: str | None, blank: tuple[str, ...] = ()) -> Finding:
    """The finding of a total printed as ``printed`` whose parts add up to
    ``actual`` (``diff`` apart, not zero): ``rule`` beyond the tolerance,
    rounding-difference within it (govclass.stream reports with it too).
    ``blank`` names the parts that were blank (said in the message)."""
    note_en = f"; blank: {', '.join(blank)}" if blank else ""
    note_zh = f"；空白分项：{'、'.join(blank)}" if blank else ""
    if abs(diff) > tol:
        return finding_for(rule, table, line,
                           f"{what_en}, {column}: printed {printed}, parts add up to {actual} "
                           f"(difference {diff}, tolerance {tol} {table.unit}){note_en}",
                           f"{what_zh}，{column}栏：列示 {printed}，分项合计 {actual}（差额 {diff}，容差 {tol}{table.unit}）"
                           f"{note_zh}",
                           code=code, name=line.name, column=column, expected=str(actual), actual=str(printed),
                           difference=diff, tolerance=tol, blank=blank)
    return finding_for("rounding-difference", table, line,
                       f"{what_en}, {column}: differs from its parts by {diff}, within the rounding tolerance {tol}",
                       f"{what_zh}，{column}栏：与分项差 {diff}，在四舍五入容差 {tol} 以内（尾差）",
                       code=code, name=line.name, column=column, expected=str(actual), actual=str(printed),
                       difference=diff, tolerance=tol, blank=blank)


def misses_a_line(key: str | None, unplaced: "list[str]", keys: "list[str]") -> bool:
    """Whether the group of printed parent ``key`` misses a line whose code
    entered no sum (301 2 津贴补贴 printed for 301 02: "3012"): ``key`` is the
    longest printed parent its digits begin with.  The 合计 is never such a
    group (an unplaced 项 line is not one of its 类 lines)."""
    if not key:
        return False
    for u in unplaced:
        if u.startswith(key) and u != key and not any(len(k) > len(key) and u.startswith(k) and u != k for k in keys):
            return True
    return False


def rollup_what(parent: str, k: int) -> tuple[str, str]:
    """What a roll-up finding says is off: a parent line ("" for the 合计) and its ``k`` parts."""
    if parent:
        return f"{parent} ≠ sum of its {k} sub-lines", f"{parent} 不等于其 {k} 个下级科目之和"
    return f"合计 ≠ sum of the {k} 类 lines", f"合计不等于 {k} 个类级科目之和"


@check("rollup", order=60)
def rule_rollup(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, for every column.  A blank parent cell
    is not checked (tables leave sub-columns of class rows blank).

    A screen (:func:`sums_differ`) picks the groups whose printed parent
    differs from the sum of their rows; only those go to compare.  A table whose rows carry names, not
    codes, is checked by name (govclass.validation.rules.named)."""
    if not frame.codes and is_named_rows(frame.table):
        yield from check_by_name(frame.table, catalog, tolerance, compare)
        return
    # long: the screen, the per-column comparison and the one-finding-per-line merge read the same groups;
    # it is the measured hot path of a large CSV (docs/pipelines.md), kept in one frame on purpose.
    gr = frame.groups()
    if not gr.order:
        return
    order, keys = gr.order, gr.keys
    total = frame.total_amounts
    flagged: list[tuple[int, int, int]] = []  # (line index of the parent, column, group)
    for c, differ in enumerate(sums_differ(frame.amounts, order, gr.starts, gr.ends, gr.parents, total)):
        for g in differ:
            p = gr.parents[g]
            flagged.append((frame.total if p == gr.total else frame.pos[p], c, g))  # type: ignore[arg-type]
    flagged.sort()
    table = frame.table
    wanted = wanted_classifications(table)
    again: dict[str, list[int]] = {}  # code -> its rows after the first (duplicate-line), left out of sums
    if not frame.unique:
        firsts: set[str] = set()
        for r, code in enumerate(frame.codes):
            if code in firsts:
                again.setdefault(code, []).append(r)
            firsts.add(code)
    if frame.total is not None and gr.total not in gr.parents and all(p == gr.absent for p in gr.parents):
        # a flat list (no line printed above another): the 合计 adds up every line
        flagged = [(frame.total, c, -1) for c in range(len(frame.columns))]
    if flagged:  # lines printed with a code that entered no sum (reported as not a code) are missing from one
        resolved = set(frame.pos)
        unplaced = [ln.code for j, ln in enumerate(frame.lines)
                    if j not in resolved and ln.code is not None and not ln.total and ln.code.isdigit()]
        unplaced += [code for code, entry in zip(frame.codes, frame.entries)
                     if entry is None and code and sum_key(code) is None]
        printed_keys = [k for k in keys if k]
    found: list[tuple[tuple[int, int], Finding]] = []  # ((parent line, group), finding)
    printed_codes = set(frame.codes)
    unsettled: dict[int, Finding | None] = {}  # parent line -> said once, for a sum a row without a code stands in
    for i, c, g in flagged:
        if table.unplaced:
            if i not in unsettled:
                unsettled[i] = _not_checked(frame, i, "" if g < 0 else keys[g])
                if unsettled[i] is not None:
                    found.append(((i, g), unsettled[i]))  # type: ignore[arg-type]
            if unsettled[i] is not None:
                continue
        if unplaced and g >= 0 and misses_a_line(keys[g], unplaced, printed_keys):
            continue  # one defect, one finding: the sum misses a line already reported as not a code
        line = frame.lines[i]
        parent = "" if g < 0 else keys[g]
        rows = ([] if g < 0 else order[gr.starts[g]:gr.ends[g]]) + orphans_under(gr, parent, printed_codes)
        kids = [frame.line(r) for r in rows]
        labels = [frame.codes[r] for r in rows]
        k, column = len(kids), frame.columns[c]
        what_en, what_zh = rollup_what(parent, k) if g >= 0 else (
            f"合计 ≠ sum of the {k} lines of a flat list", f"合计不等于平铺列表 {k} 行之和")
        printed = line.cells.get(column, BLANK)
        cells = [kid.cells.get(column, BLANK) for kid in kids]
        f = compare("rollup-mismatch", table, line, column, printed, cells, tolerance, what_en, what_zh,
                     parent or None, labels)
        if f is None:
            continue
        if g >= 0 and f.severity != INFO and _a_part_of_its_code(line, catalog.get(parent)):
            if i not in unsettled:
                unsettled[i] = _part_not_whole(table, line, parent)
                found.append(((i, g), unsettled[i]))  # type: ignore[arg-type]
            continue
        if not parent and f.severity != INFO and _holds_with_nested(kids, cells, printed, tolerance, table, line,
                                                                      column, what_en, what_zh, labels):
            continue
        # One defect, one finding: a line whose code is not of the edition (or
        # of the table's classification) is reported by rule_codes.  Whether it
        # belongs in this sum is unknown, so the sum is wrong only if it fails
        # both with and without that line.
        doubtful = [j for j, r in enumerate(rows) if not _counts(frame.entries[r], wanted)]
        if doubtful and f.severity != INFO:
            keep = [j for j in range(k) if j not in doubtful]
            without = compare("rollup-mismatch", table, line, column, printed, [cells[j] for j in keep],
                               tolerance, what_en, what_zh, parent or None, [labels[j] for j in keep])
            if without is None or without.severity != ERROR:  # holds (or may hold) without it
                continue
        # Likewise a second printing of a code (duplicate-line; a mistyped code
        # of a line beside it, often): the sum holds with it, so no second finding.
        extra = [r2 for r in rows for r2 in again.get(frame.codes[r], ())]
        if extra and f.severity != INFO:
            more = [frame.line(r2).cells.get(column, BLANK) for r2 in extra]
            with_it = compare("rollup-mismatch", table, line, column, printed, cells + more, tolerance, what_en,
                              what_zh, parent or None, labels + [frame.codes[r2] for r2 in extra])
            if with_it is None or with_it.severity == INFO:
                continue
        found.append(((i, g), f))
    yield from one_line_one_finding(one_gap_one_finding(found, table.relations))


@screen("rollup")
def unequal_rows(block) -> list[int]:
    """The rows rule_rollup may speak of, in a block's tables: a 类 or 款 its rows do not add up to in some
    column (the exact screen of sums_differ), a 合计 line its 类 lines do not add up to (or that no 类 line is
    printed under: it may add up every line), and a code printed twice, whose table is summed over its first
    printing."""
    off = block.off()
    return off.unequal + off.repeated


def one_line_one_finding(findings: "Iterable[Finding]") -> list[Finding]:
    """One defect, one finding: a line whose sum fails in several columns (a 类 whose 款 miss the same
    money in 合计, 基本支出 and 上年数) is one rollup-mismatch that lists every failing column with its
    printed and summed figures (``columns``); ``column``, ``expected``, ``actual``, ``difference`` and
    ``tolerance`` stay the first failing column's.  Both engines report so (govclass.stream)."""
    out: list[Finding] = []
    first_of: dict[tuple, int] = {}
    for f in findings:
        if f.rule != "rollup-mismatch":
            out.append(f)
            continue
        key = (f.table, f.line, f.code)
        if key not in first_of:
            first_of[key] = len(out)
            out.append(f)
            continue
        merged = out[first_of[key]]
        columns = merged.columns or (_sum_column(merged),)
        out[first_of[key]] = attrs.evolve(
            merged, columns=columns + (_sum_column(f),), blank=tuple(dict.fromkeys(merged.blank + f.blank)),
            message=f"{merged.message}; {f.column}: printed {f.actual}, parts add up to {f.expected} "
                    f"(difference {f.difference})",
            message_zh=f"{merged.message_zh}；{f.column}栏：列示 {f.actual}，分项合计 {f.expected}（差额 {f.difference}）")
    return out


def _sum_column(f: Finding) -> SumColumn:
    return SumColumn(f.column or "", f.expected or "", f.actual or "", f.difference or _ZERO, f.tolerance or _ZERO)


def _not_checked(frame: Frame, at: int, key: str) -> Finding | None:
    """The finding that the sum printed on line ``at`` (of the codes under ``key``; "" for the 合计) is not
    checked, when one of the table's unplaced lines (Table.unplaced: printed without a code that fits the book)
    may be one of its parts: it stands among the sum's rows (after its line, before the first line of a code
    not under ``key``), and no line of a code under ``key`` holds it (a row inside a 款's rows, the 款's own
    rows going on below it, is part of that 款: the sum above it adds the 款's printed figure).  None when no
    unplaced line may be."""
    table = frame.table
    code_at = {frame.pos[r]: code for r, code in enumerate(frame.codes)}
    lines = frame.lines
    for index in range(at + 1 if key else 0, len(lines)):
        code = code_at.get(index)
        if code is not None and key and not code.startswith(key):
            return None
        line = lines[index]
        if line.number not in table.unplaced or _held(code_at, index, key):
            continue
        what = key or "合计"
        return finding_for("sum-not-checked", table, lines[at],
                           f"{what}: line {line.number} ({line.name}) prints figures without a code that fits the "
                           f"{table.classification} classification: which sum it is part of is not known, so the sum "
                           f"of {what} is not checked",
                           f"{what}：第 {line.number} 行（{line.name}）列有数字但无对应科目编码，不知其属于哪一级之和，"
                           f"{what}的合计不作核对", code=key or None, name=lines[at].name)
    return None


def _holds_with_nested(kids: list[Line], cells: list[Cell], printed: Cell, tolerance: Decimal | None, table: Table,
                       line: Line, column: str, what_en: str, what_zh: str, labels: list[str]) -> bool:
    """Whether a 合计 holds once the classes printed as parts of another printed class are left out of it: a
    report prints 105 债务收入 inside the block of 110 转移性收入 and counts it in 110's figure (231 债务还本支出 in
    230's), as a 平衡表 counts its items (vocabulary.printed_as_a_part).  The sum then proves nothing either way."""
    nested = [j for j, kid in enumerate(kids)
              if any(other is not kid and printed_as_a_part(kid.code, kid.name, other.name) for other in kids)]
    if not nested:
        return False
    keep = [j for j in range(len(kids)) if j not in nested]
    without = compare("rollup-mismatch", table, line, column, printed, [cells[j] for j in keep], tolerance,
                      what_en, what_zh, None, [labels[j] for j in keep])
    return without is None or without.severity == INFO


def _a_part_of_its_code(line: Line, entry: Code | None) -> bool:
    """A line whose printed name is a part of its code (110 上级补助收入 in a 平衡表: vocabulary.printed_as_a_part):
    its figure is not the code's whole, so the code's rows below it need not add up to it."""
    return entry is not None and printed_as_a_part(entry.code, line.name, entry.name)


def _part_not_whole(table: Table, line: Line, code: str) -> Finding:
    return finding_for("sum-not-checked", table, line,
                       f"{code}: line {line.number} is printed as {line.name}, a part of {code}, not its whole: "
                       f"whether the rows of {code} below it add up to it is not known, so the sum is not checked",
                       f"{code}：第 {line.number} 行列为“{line.name}”，是该科目的组成部分而非全额，其下各行是否应合计为该行"
                       "不能确定，不作核对", code=code, name=line.name)


def _held(code_at: dict[int, str], index: int, key: str) -> bool:
    """Whether the line at ``index`` stands inside the rows of a code under ``key`` (printed above it, with rows of
    its own below it too)."""
    above = [code_at[k] for k in sorted(code_at) if k < index]
    below = [code_at[k] for k in sorted(code_at) if k > index]
    for code in reversed(above):
        if code == key or not code.startswith(key):
            return False
        if below and below[0] != code and below[0].startswith(code):
            return True
    return False


def one_gap_one_finding(found: "list[tuple[tuple[int, int], Finding]]", relations) -> Iterator[Finding]:
    """One defect, one finding: when a parent's sub-lines fall short by the
    same amount in a total column (合计, a mismatch: every part printed) and in
    a part of it (项目支出 in 合计 = 基本支出 + 项目支出, incomplete-sum: a
    blank part), the two sums miss the same money.  The mismatch is reported
    once, naming the blank part and the short column; the incomplete-sum is
    not reported again.  A gap of another amount stays two findings."""
    by_parent: dict[tuple[int, int], list[Finding]] = {}
    for key, f in found:
        by_parent.setdefault(key, []).append(f)
    for fs in by_parent.values():
        merged: dict[int, Finding] = {}
        dropped: set[int] = set()
        for a, total in enumerate(fs):
            if total.rule != "rollup-mismatch":
                continue
            for b, part in enumerate(fs):
                if b in dropped or part.rule != "incomplete-sum" or not _is_part(part.column, total.column, relations):
                    continue
                if abs(total.difference - part.difference) <= total.tolerance + part.tolerance:
                    merged[a] = attrs.evolve(
                        merged.get(a, total),
                        message=f"{merged.get(a, total).message}; {part.column} is short by the same {part.difference} "
                                f"with {', '.join(part.blank)} blank there: one gap",
                        message_zh=f"{merged.get(a, total).message_zh}；{part.column}栏同样短缺 {part.difference}，"
                                   f"其中{'、'.join(part.blank)}为空白：同一差额",
                        blank=tuple(dict.fromkeys(total.blank + part.blank)))
                    dropped.add(b)
        for k, f in enumerate(fs):
            if k not in dropped:
                yield merged.get(k, f)


def _is_part(column: str | None, total: str | None, relations) -> bool:
    """Whether ``column`` is a part of ``total`` by one of the table's column relations."""
    return any(rel.total == total and column in rel.parts for rel in relations)


def orphans_under(gr, key: str, printed: set[str]) -> list[int]:
    """The rows of the groups whose parent line is not printed and whose
    nearest printed ancestor is ``key`` ("" for the 合计: none printed): their
    money reaches ``key`` all the same (3010201 津贴补贴 printed under 301
    without 30102; a list of 项 without 类 or 款 under the 合计).  The missing
    line is missing-parent's finding, not a sum's."""
    out: list[int] = []
    for g, k in enumerate(gr.keys):
        if gr.parents[g] != gr.absent or not k or k == key or not k.startswith(key):
            continue
        if nearest_printed(k, printed, shortest=len(key) + 1):
            continue  # a printed line nearer than ``key`` takes it
        out.extend(gr.order[gr.starts[g]:gr.ends[g]])
    return out


def nearest_printed(code: str, printed, shortest: int = 3) -> str:
    """The nearest line above ``code`` that is printed: its longest proper
    prefix of ``shortest`` digits or more in ``printed``; "" (the 合计) when
    none is."""
    return next((code[:n] for n in range(len(code) - 1, shortest - 1, -1) if code[:n] in printed), "")


def _counts(entry: Code | None, wanted: frozenset[Classification]) -> bool:
    """Whether a line with this catalog entry surely belongs in its parent's
    sum: its code is of the edition and of the table's classification."""
    return entry is not None and entry.classification in wanted


#: the levels whose sums a government report may print whole over parts it leaves out: its 合计 ("") and 类 (the
#: 涉密 classes 国防, 国家安全 … are left out whole); a 款 over the 项 it prints stays an error, the arithmetic of the
#: printed page (Wuzhong 2026 p. 61 and Xinjiang 2025 p. 57 both print 20402 公安 over its 项, read as real)
_WHOLE_OVER_PARTS_LEVELS = (0, 3)


def classes_not_printed(table: Table, findings: list[Finding], catalog: Catalog) -> list[Finding]:
    """A government report's table by function prints the whole of a 类 (and its 合计) while it may leave out
    classes it does not publish: 涉密 国防 and 国家安全, party organs (20131-20136), … (Heilongjiang's 2022 决算
    prints 204 公共安全支出 2,801,401 over 款 adding to 2,390,415, without 20403 国家安全).  A rollup-mismatch of
    a 类 or the 合计 whose printed parts fall short of it, where the edition holds classes under it the table
    does not print, proves nothing: classes-not-printed (a warning) naming them.  Parts that exceed the whole,
    and a 款 short of its 项, stay errors.  Only for a government's report (validate passes its tables)."""
    printed = {line.code for line in table.lines if line.code}
    out = []
    for f in findings:
        parent = f.code or ""
        if f.rule != "rollup-mismatch" or len(parent) not in _WHOLE_OVER_PARTS_LEVELS or f.difference is None \
                or f.difference <= 0:
            out.append(f)
            continue
        under = catalog.roots(Classification.FUNCTIONAL) if not parent else _children(catalog, parent)
        left_out = [c for c in under if c.code not in printed]
        if not left_out or table.classification not in (None, "functional"):
            out.append(f)
            continue
        named = "、".join(f"{c.code} {c.name}" for c in left_out[:6]) + (" …" if len(left_out) > 6 else "")
        what = parent or "合计"
        where = {k: v for k, v in attrs.asdict(f, recurse=False).items() if k not in _SAID}  # line, page, figures …
        out.append(Finding(
            "classes-not-printed", WARNING, f.table,
            f"{what}: printed {f.actual}, the classes printed under it add up to {f.expected} (short by "
            f"{f.difference}); the table does not print {len(left_out)} of its classes ({named}), which a "
            "government report may leave unpublished: not checked",
            f"{what}：列示 {f.actual}，所列下级科目合计 {f.expected}（差 {f.difference}）；表中未列出其 "
            f"{len(left_out)} 个下级科目（{named}），政府预决算可能未公开这些科目：不作核对", **where))
    return out


#: what a finding says, as against where it is and what it rests on
_SAID = ("rule", "severity", "table", "message", "message_zh")


def _children(catalog: Catalog, code: str) -> list[Code]:
    try:
        return catalog.children(code)
    except GovclassError:  # a code the edition lacks: rule_codes says so
        return []
