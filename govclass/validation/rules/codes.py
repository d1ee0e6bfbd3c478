"""The codes printed: unknown, retired, of another classification, printed twice, of low confidence."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import compress, count, repeat
from operator import attrgetter, is_, itemgetter

import attrs

from govclass.catalog import Catalog
from govclass.catalog.store import LEVELS, R_NAME
from govclass.document import BLANK, Line, Table
from govclass.model import Classification, Code, Confidence
from govclass.normalize import normalize_name
from govclass.rulebook import ERROR, INFO, WARNING, declare
from govclass.validation.frame import Frame, finding_for
from govclass.validation.registry import check, screen
from govclass.validation.report import Finding


# unknown-code is also what resolving a printed code reports when it is not a code at all
# (govclass.validation.frame).
declare("unknown-code", ERROR, "codes",
        "the code is in no edition (or is not a code); nearest legal codes and codes named like the printed name "
        "suggested", "编码不属于任何年版（或不是编码）；给出相近的合法编码及名称相近的科目")
declare("local-subitem", INFO, "codes",
        "a local 7-digit economic item (3021101) of a national code (30211): not in the edition, checked under its "
        "parent", "地方细化的七位经济分类科目（如 3021101），其上级国家科目（30211）存在：按上级科目核对")
declare("uncatalogued-code", WARNING, "codes",
        "a code the edition lacks under a part of the book govclass does not carry whole (a known gap of the data, "
        "docs/data-format.md), or printed with the name govclass holds beside it under a number it is not sure of: not "
        "checked", "编码不在本年版中，但所属部分本库未完整收录（数据的已知缺口），或其名称为本库同级中编号可信度低的科目：未核对")
declare("undated-code", WARNING, "codes",
        "a code the edition lacks that a later edition has, recorded from documents that print it (not from the "
        "book): it may be older than that edition, so its absence proves nothing",
        "编码不在本年版中，但见于以后年版，而该年版据实际文件（非原书）收录：设立时间可能更早，不能据此认定有误")
declare("retired-code", ERROR, "codes",
        "the code is in other editions, not this one (retired, or not yet created); successors suggested",
        "编码见于其他年版而不属于本年版（已取消或尚未设立）；给出接续科目")
declare("carried-over-code", WARNING, "codes",
        "a code of an earlier year's book, retired since, printed in a table of money carried over (结转): the money "
        "keeps the code it was budgeted under", "结转表中列示以前年度版本的科目（已取消）：结转资金沿用其预算时的科目")
declare("wrong-classification", ERROR, "codes", "the code belongs to another classification "
        "(an economic code in a functional table, or the reverse)", "编码属于另一分类（功能分类表中出现经济分类编码，或相反）")
declare("duplicate-line", ERROR, "codes", "the same code printed twice in a table", "同一科目在一张表中重复列示")
LOW_CONFIDENCE = declare("low-confidence-code", INFO, "codes", "the curators are not sure the code is in the edition",
                         "本库未能确认该科目属于本年版")


_WANTED = {
    "functional": frozenset((Classification.FUNCTIONAL,)),
    "economic": frozenset((Classification.ECONOMIC_DEPT, Classification.ECONOMIC_GOV)),
    "economic-dept": frozenset((Classification.ECONOMIC_DEPT,)),
    "economic-gov": frozenset((Classification.ECONOMIC_GOV,)),
    "revenue": frozenset((Classification.REVENUE,)),
    "region": frozenset(),  # rows of regions: no code belongs there
    "items": frozenset(),  # rows that are no classification's (a debt table's uses)
}


def wanted_classifications(table: Table) -> frozenset[Classification]:
    """The classifications a table's codes may be of (Table.classification): a department's economic table may
    print either economic classification."""
    return _WANTED.get(table.classification, _WANTED["economic"])


@check("codes", order=20)
def rule_codes(frame: Frame, catalog: Catalog, tolerance: Decimal | None) -> Iterator[Finding]:
    """unknown-code, retired-code, wrong-classification, low-confidence-code, duplicate-line."""
    table, codes, entries = frame.table, frame.codes, frame.entries
    wanted = wanted_classifications(table)
    low = Confidence.LOW
    if frame.unique:  # only the rows with something to say: a screen of one set lookup per row
        rows: Iterable[int] = compress(count(), map(catalog.notable(wanted).__contains__, codes))
        if frame.pos.__class__ is not range:  # resolved through the slow path: may hold unknown codes
            rows = sorted({*rows, *compress(count(), map(is_, entries, repeat(None)))})
        else:  # every code of the edition: notable and of the table's classification is low confidence
            rows = list(rows)
            picked = list(map(entries.__getitem__, rows))
            if all(map(wanted.__contains__, map(_CLASSIFICATION, picked))):  # the common case, in one pass
                yield from _low_confidence_findings(frame, rows, picked, catalog.year)
                return
    else:
        rows = range(len(codes))
    seen: dict[str, int] = {}
    for r in rows:
        code, entry = codes[r], entries[r]
        if not frame.unique:
            first = seen.setdefault(code, r)
            if first != r and not restated_down(entry, frame.codes[r - 1], code,
                                                printed_figures(frame.line(r - 1), frame.columns),
                                                printed_figures(frame.line(r), frame.columns)):
                line, number = frame.line(r), frame.line(first).number
                yield duplicate_finding(table, line, code, number, entry, catalog)
            if entry is not None and entry.classification in wanted and entry.confidence is not low:
                continue
        if entry is not None and entry.classification in wanted:  # low confidence
            yield from _low_confidence_findings(frame, [r], [entry], catalog.year)
            continue
        yield code_finding(table, frame.line(r), code, entry, catalog)


@screen("codes")
def notable_rows(block) -> Iterable[int]:
    """The rows rule_codes may speak of, over a block whose codes it has resolved: a code of another
    classification or of low confidence (Catalog.notable), a code printed before in its table."""
    off = block.off()
    return off.notable + off.repeated


def code_finding(table: Table, line: Line, code: str, entry: Code | None, catalog: Catalog) -> Finding:
    """What a code that is not of the table's edition and classification calls
    for: retired-code (or not yet created), local-subitem, uncatalogued-code
    (under a part of the book the catalog does not carry whole), unknown-code
    (with the nearest codes), or wrong-classification (``entry`` of another
    classification)."""
    if entry is None:
        st = catalog.status(code)
        if st.state != "unknown" and _carried_over(table, st, catalog.year):
            last = max(e for e in st.editions if e < catalog.year)
            return finding_for("carried-over-code", table, line,
                               f"{code} {st.name or ''} is a code of earlier editions ({st.valid_from}–{last}), not "
                               f"this one, in {table.name}, a table of money carried over from earlier years: kept "
                               "as budgeted", f"{code} {st.name or ''} 为以前年版科目（{st.valid_from}–{last} 年版），"
                               f"列于结转表“{table.name}”：结转资金沿用原预算科目", code=code, name=line.name)
        if st.attested_from is not None:  # in a later edition, dated only by the documents that print it
            return finding_for("undated-code", table, line,
                               f"{code} {st.name or ''} is not in govclass's {catalog.year} edition; it is in the "
                               f"{st.attested_from} edition, recorded from documents that print it, not from the book: "
                               f"it may be older than {st.attested_from}, so its absence in {catalog.year} is no proof",
                               f"{code} {st.name or ''} 不在本库 {catalog.year} 年版中；本库据实际文件将其列入 "
                               f"{st.attested_from} 年版（非据原书），设立时间可能更早，不能据此认定 {catalog.year} 年无此科目",
                               code=code, name=line.name)
        if st.state != "unknown":
            succ = st.successors
            return finding_for("retired-code", table, line, st.message(),
                               f"{code} {st.name or ''} 不属于 {catalog.year} 年科目（"
                               + (f"见于 {st.valid_from}–{st.valid_to} 年版" if st.editions else f"{st.retired_in} 年起取消")
                               + (f"，接续科目：{'、'.join(succ)}" if succ else "") + "）",
                               code=code, name=line.name, expected=" ".join(succ) or None,
                               suggestions=succ or tuple(s.code for s in catalog.suggest(code, line.name)))
        parent = local_parent(code, catalog)
        if parent is not None:  # 3021101 under 30211: a province's own item of a national code
            return finding_for("local-subitem", table, line,
                               f"{code} {line.name or ''} is a local sub-item of {parent.code} {parent.name} "
                               f"(not in the national {catalog.year} edition); checked under its parent",
                               f"{code} {line.name or ''} 为地方细化科目，上级国家科目 {parent.code} {parent.name}"
                               f"（{catalog.year} 年版无此科目）",
                               code=code, name=line.name, expected=parent.code)
        part = catalog.store.uncatalogued_part(code)
        if part is not None:  # a known gap of the data: the code may well be the book's
            part_name = catalog.store.codes[part][R_NAME]
            return finding_for("uncatalogued-code", table, line,
                               f"{code} {line.name or ''} is not in govclass's {catalog.year} edition, which does not "
                               f"carry the lines under {part} {part_name} whole: not checked",
                               f"{code} {line.name or ''} 不在本库 {catalog.year} 年版中；本库未完整收录 {part} {part_name} "
                               "的下级科目：未核对",
                               code=code, name=line.name, expected=part)
        doubtful = _doubtful_number(code, line.name, catalog)
        if doubtful is not None:  # the name is govclass's under another number it is not sure of
            return finding_for("uncatalogued-code", table, line,
                               f"{code} {line.name} is not in govclass's {catalog.year} edition, which holds this name "
                               f"as {doubtful.code} beside it, a number it is not sure of (low confidence): not checked",
                               f"{code} {line.name} 不在本库 {catalog.year} 年版中；本库将同名科目列为同级的 {doubtful.code}，"
                               "但该编号可信度低：未核对", code=code, name=line.name, expected=doubtful.code,
                               suggestions=(doubtful.code,))
        sugg = catalog.suggest(code, line.name)
        hint = "; ".join(f"{s.code} {s.name}" for s in sugg[:3])
        return finding_for("unknown-code", table, line,
                           f"{code} is not in the {catalog.year} edition" + (f"; nearest: {hint}" if hint else ""),
                           f"{code} 不是 {catalog.year} 年科目" + (f"；可能是：{hint}" if hint else ""),
                           code=code, name=line.name, suggestions=tuple(s.code for s in sugg))
    return finding_for("wrong-classification", table, line,
                       f"{code} {entry.name} is a {entry.classification.label} code, not {table.classification}",
                       f"{code} {entry.name} 属于{entry.classification.label}，不应出现在本表",
                       code=code, name=line.name, expected=table.classification,
                       actual=entry.classification.value)


def _doubtful_number(code: str, name: str | None, catalog: Catalog) -> Code | None:
    """The code beside ``code`` (under the same parent) that bears the printed name, when govclass holds it with
    low confidence: its number was recalled, not read (2300271 其他退税减税降费转移支付支出, printed 2300297), so a
    document printing the name under another number proves no unknown code."""
    if not name or len(code) <= 3:
        return None
    parent = code[:-2] if len(code) != 9 else code[:7]
    for other in catalog.codes_named(name):
        if other.parent == parent and other.confidence is Confidence.LOW:
            return other
    return None


def restated_down(entry: Code | None, previous_code: str | None, code: str, previous: tuple, printed: tuple) -> bool:
    """Whether a second printing of ``code`` only restates the line above it down the levels the code does not
    have: a code with no sub-levels in the edition (227 预备费, 21211 农业土地开发资金安排的支出) printed again on the next
    line with the same figures, once on its own level and again where its 款 or 项 would stand (issue 23,
    family 4). Such a line is no duplicate, and only the first printing adds up (as for any repeated code). A code
    of its classification's deepest level (a 项, an economic 款) has no level below to restate on: printed again,
    it is a duplicate."""
    return (entry is not None and entry.is_leaf and len(code) < max(LEVELS[entry.classification.value])
            and previous_code == code and previous == printed)


def printed_figures(line: Line, columns: "Iterable[str]") -> tuple:
    """A line's figures as printed in ``columns`` (a blank as None, white space around a figure left out)."""
    return tuple(None if cell.raw is None else cell.raw.strip() or None
                 for cell in (line.cells.get(c, BLANK) for c in columns))


def duplicate_finding(table: Table, line: Line, code: str, first: int, entry: Code | None, catalog: Catalog) -> Finding:
    """duplicate-line.  When the second printing bears another code's name,
    the code is likely mistyped: one finding says so (the names rule does not
    report that name again, nor the roll-up the line left out of its sum)."""
    other = other_code_named(line.name, entry, catalog) if entry is not None else None
    if other is None:
        return finding_for("duplicate-line", table, line, f"{code} is printed twice (first on line {first})",
                           f"科目 {code} 重复出现（首次在第 {first} 行）", code=code, name=line.name)
    return finding_for("duplicate-line", table, line,
                       f"{code} is printed twice (first on line {first}); this line's name {line.name!r} is that of "
                       f"{other.code}: a mistyped code?",
                       f"科目 {code} 重复出现（首次在第 {first} 行）；本行名称“{line.name}”是 {other.code} 的名称，"
                       "疑为编码录入错误", code=code, name=line.name, expected=other.code, actual=code,
                       suggestions=(other.code,))


def owners_named(name: str, entry: Code, catalog: Catalog) -> list[Code]:
    """The other codes of ``entry``'s classification named ``name``: its own
    sub-lines first, then the codes beside it, then those of its 类."""
    owners = [c for c in catalog.codes_named(name, entry.classification) if c.code != entry.code]
    owners.sort(key=lambda c: (c.parent != entry.code, c.parent != entry.parent, c.code[:3] != entry.code[:3], c.code))
    return owners


def other_code_named(name: str | None, entry: Code, catalog: Catalog) -> Code | None:
    """The code beside ``entry`` (same parent) that is named ``name``, when
    the name is not ``entry``'s own: what a mistyped code was meant to be."""
    if not name or normalize_name(name) == normalize_name(entry.name):
        return None
    owners = owners_named(name, entry, catalog)
    return owners[0] if owners and owners[0].parent == entry.parent else None


_CLASSIFICATION = attrgetter("classification")
_NAME, _NUMBER, _SOURCE_LINE = itemgetter(1), itemgetter(4), itemgetter(5)


def _low_confidence_findings(frame: Frame, rows: list[int], entries: list[Code], year: int) -> list[Finding]:
    """low-confidence-code on ``rows`` (their ``entries``), made in one pass
    and, for a CSV table, without making their :class:`Line`."""
    table, codes, csv, pos = frame.table, frame.codes, frame.csv, frame.pos
    at = rows if pos.__class__ is range else list(map(pos.__getitem__, rows))  # row -> line index
    if csv is not None:
        numbers: Iterable[int] = map((1).__add__, at)
        sources: Iterable[int | None] = map(csv.source_lines.__getitem__, at)
        names: Iterable[str | None] = map(csv.names.__getitem__, at)
    else:
        lines = list(map(frame.lines.__getitem__, at))
        numbers, sources, names = map(_NUMBER, lines), map(_SOURCE_LINE, lines), map(_NAME, lines)
    rule, severity, name = "low-confidence-code", LOW_CONFIDENCE.severity, table.name
    found = [Finding(rule, severity, name, *low_confidence_message(code, entry.name, year), number, source, code,
                     printed)
             for code, entry, number, source, printed in zip(map(codes.__getitem__, rows), entries, numbers, sources,
                                                              names)]
    if csv is None and any(ln.page is not None for ln in lines):  # a PDF's lines: where they are printed
        found = [attrs.evolve(f, page=ln.page, text=ln.text, box=ln.box) for f, ln in zip(found, lines)]
    return found


@functools.lru_cache(maxsize=4096)
def low_confidence_message(code: str, name: str, year: int) -> tuple[str, str]:
    return (f"{code} {name}: govclass is not sure this code is in the {year} edition",
            f"{code} {name}：本库未能确认该科目属于 {year} 年版")


def local_parent(code: str, catalog: Catalog):
    """The national 款 of a local economic sub-item (7 digits, 3xx or 5xx, whose
    first five digits are an economic code of the edition), else None."""
    if len(code) != 7 or not code.isdigit() or code[0] not in "35":
        return None
    parent = catalog.get(code[:5])
    if parent is None or not parent.classification.value.startswith("economic"):
        return None
    return parent


#: a table of money carried over from earlier years (财拨结转支出表, 上年结转结余情况表)
CARRY_OVER_TITLE = re.compile(r"结转")


def _carried_over(table: Table, status, year: int) -> bool:
    """Whether a code retired before ``year`` stands in a table of money carried over from earlier years, where
    the money keeps the code of the book it was budgeted under (Xi'an 2019 表11 财拨结转支出表: 2150510, a code
    until 2018).  A code not yet created, or one printed in any other table, is retired-code as before."""
    return bool(CARRY_OVER_TITLE.search(table.name or "")) and status.state in ("retired", "gap") \
        and any(edition < year for edition in status.editions)
