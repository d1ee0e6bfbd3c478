"""Stage 6 of the PDF reader: the census of coded rows, what a PDF prints counted from its text alone.

The table reader (the stages before this one) counts the coded rows of the tables it
builds, so a table it misses is missing from its count as well: a document
whose every table went unseen would report nothing printed, nothing read and
no error.  The census counts again, independently of the tables: every line
of every page (characters grouped by baseline, inside and outside the ruled
grids) that prints a budget code in the way a table row does.  The two are
then reconciled page by page, once the validator has proven the reading
(:mod:`govclass.validation.coverage`): a census row that the reader neither read nor reported
becomes an ``unread-line`` error, and the count of coded lines printed is never less than the
census.

This module is the one place that says what a coded row looks like
(docs/disclosures.md, *Fail closed*, lists every form with its example):

- a code at the start of the row (``codeparts.code_shape``): functional or revenue codes of 3, 5 or 7
  digits (``2010301``), economic codes of 3 or 5 (a local sub-item of 7),
  spaced (``201 03 01``), bracketed (``[30101]``), joined to its name
  (``2080101-行政运行``) or split by its glyphs' spacing (``3021 1``);
  followed by a name, by figures, or by nothing (a template's blank row, a
  name wrapped onto the lines around the code);
- the 款 and 项 parts alone (``03 01 行政运行``, ``01 行政运行``) where the
  类 is printed on a row above (a blank 类 cell, or 类/款/项 on separate
  lines), on a page that holds full codes (or after one); a code with no
  name beside it counts only in the column of the named rows' codes;
- several codes of other classifications on one row (功能 | 政府经济 | 部门经济,
  Beijing) are one row; codes of its own classification side by side are
  panels, a row each (公开06表); a line of codes only (``301 01 302``, names
  on the line below) gives a row per 类;
- a row's cells on two baselines (a cell wrapped, or a 类 alone at the top
  of its cell) are put together again (:func:`_wrapped`).

Not coded rows: the table of contents (leader dots), sentences (，。；),
measures (≥ 95%), unit lines (单位：), budget units (327 无锡市统计局),
statement items after a 行次 (11 十一、…), page numbers, dates, phone
numbers, unit codes (6 digits), amounts (a figure with a separator or
decimals), counts, and the rows of tables the reader reports as no budget
tables (unchecked-table).

It also says when a page cannot be read as text at all (no characters, or
glyphs that map to no text: private-use or replacement characters, control
codes from a font without ToUnicode): :func:`unreadable_pages`.
"""

from __future__ import annotations

import functools
import re

from govclass.document import CodedRow, Problem
from govclass.readers.codeparts import code_shape, split_code_name  # what a code looks like: one rule, shared
from govclass.readers.pdf.pages import Page, em_of, line_groups, pages_showing_something, text_lines
from govclass.readers.pdf.settings import SETTINGS
from govclass.rulebook import ERROR, declare
from govclass.vocabulary import ENUMERATED_ITEM

__all__ = ["Catalogued", "CodedRow", "catalogued", "catalogued_codes", "census", "row_code", "unreadable_pages",
           "unreadable_problem"]

declare("unreadable-pages", ERROR, "reading",
        "(PDF) pages that cannot be read as text: no text layer (scanned images) or glyphs that map to no "
        "characters (a font without ToUnicode); their tables are not read, so the document never passes",
        "（PDF）无法作为文字读取的页面：无文字层（扫描图像）或字形无法映射为文字（字体缺少 ToUnicode）；其中表格未读取，文档不能通过")


#: How far right of its line's start a row of a panel beside the first (or of a second code on a line of
#: codes) is placed: never the first code of a line, never in the column of the named rows' codes.
PANEL_OFFSET = 1e6


#: A code at the start of a row: 3 digits and up to three pairs (spaced or not), or the 款/项 pairs
#: alone; then a separator, and what follows (a name, figures or nothing).
_HEAD = re.compile(r"^[\[【［]?(?P<code>\d(?:\d| (?=\d))*)(?![\d.,，、:：%/年月日])"
                   r"[\]】］]?\s*[-－—]?\s*(?P<rest>.*)$")
#: A code of another classification after a row's code (301 08 501 02 社会保障缴费).
_OTHER_CODE = re.compile(r"^(\d{3}(?:\d{2}){1,2}|\d{3}(?: \d{2}){1,2}|\d{3})(?!\d)\s*[-－]?\s*(.*)$")
#: A code as printed: compact, spaced 201 03 01, or the 款/项 alone (03 01, 01).
_STANDARD = re.compile(r"^(?:\d{3}(?: ?\d{2}){0,3}|\d{2}(?: \d{2})?)$")
#: "1 , 470. 60" as printed by some fonts' spacing.
_FIGURE_SPACE = re.compile(r"(?<=\d) ?([,.]) ?(?=\d)")
_DECIMALS = re.compile(r"\d\.\d{1,6}\b")
#: A name: two Chinese characters at least (a unit such as 天 or 个 is none).
_NAME = re.compile(r"^[（(]?[\u4e00-\u9fff]{2}")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
#: A budget unit (327 无锡市统计局, 341-湖州市财政局): a place, then an office; no classification name is one.
_UNIT_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?<!城)[省市区县州旗][\u4e00-\u9fff（）()]*?"
                        r"(?:局|委员会|委|办公室|办|厅|中心|院|所|站|馆|队|处|部|会|校|室|署|社|司|政府)"
                        r"(?:本级|机关|本部)?$")
_FIGURES_ONLY = re.compile(r"^(?:(?:[-−]?(?:\d{1,3}(?:, ?\d{3})+|\d+)(?:\. ?\d+)?|[-－—/]+)\s*)*$")
#: Further codes on the row, each joined to its name (Beijing's 50101-工资奖金津补贴, 30101 基本工资), or
#: ending the row (its name wrapped onto the lines around it), or before a figure.
_MORE_CODES = re.compile(r"(?<![\d.,])(\d{3}(?:\d{2}){0,3}|\d{3}(?: \d{2}){1,2}(?=\s*[\u4e00-\u9fff]))(?![\d.,])"
                         r"\s*[-－]?\s*(?:([\u4e00-\u9fff])|$|(?=\d[\d,]*\.\d))")
_LEADING_FIGURES = re.compile(r"^(?:[-−]?\d[\d,]*\.\d+\s+)+")
#: Not a table row: a sentence, an entry of the table of contents (leaders), a measure (≥ 95%), a unit line.
_NOT_A_ROW = re.compile(r"[，。；：！？≥≤＞＜%％]|\.{3,}|…|·{3,}|单位\s*[:：]")


class Catalogued(frozenset):
    """What a printed number must be to be a code: the 类 codes of the classifications (functional,
    economic, revenue) for the document's years, as a set (``"201" in classes``), with every code of
    those editions (:attr:`codes`) and, per 类, the pairs of characters of the names in its family
    (:attr:`family_words`).  A plain frozenset of 类 codes stands for a census without a catalog: any
    number of a code's shape is then a code."""

    codes: frozenset
    family_words: dict

    def __new__(cls, codes: "dict[str, str]") -> "Catalogued":
        made = super().__new__(cls, (c for c in codes if len(c) == 3))
        made.codes = frozenset(codes)
        made.family_words = {}
        for code, name in codes.items():
            made.family_words.setdefault(code[:3], set()).update(_pairs(name))
        return made


@functools.lru_cache(maxsize=8)
def catalogued_codes(edition: int) -> Catalogued:
    """The codes a printed number must be one of to be a code, as :class:`Catalogued`: every code of
    every classification of an edition and of the year before it (a government report prints last
    year's execution beside this year's budget), with their names; and the codes of every other
    edition (a retired code a document still prints, 30210 车辆运行费, is a code all the same: the
    validator says it is retired)."""
    from govclass.catalog import get_catalog  # the catalog is loaded once a PDF is read, not on import
    from govclass.catalog.store import available_years

    codes: dict[str, str] = {}
    for year in available_years():
        codes.update(dict.fromkeys(get_catalog(year).store.codes, ""))
    for year in (edition - 1, edition):
        if year in available_years():
            codes.update((entry.code, entry.name) for entry in get_catalog(year))
    return Catalogued(codes)


def row_code(cells: list[str], classes, skip: "frozenset[int] | set[int]" = frozenset()) -> str | None:
    """The code a table's row prints the way a person reads one: in its first cell that prints
    anything (but the columns in ``skip``: unit codes), a code of the catalog of 3 digits or more
    (:func:`catalogued`; a 类 with a name of its family in its cell or the next,
    :func:`names_its_class`).  A figure in a
    later cell is an amount, whatever its digits (市县合计 | 16333236, 运输企业利润收入 | 117)."""
    printed = [c for k, c in enumerate(cells) if c and c.strip() and k not in skip]
    code, name = split_code_name(printed[0] if printed else "")
    if code is None or len(code) < 3 or not catalogued(code, classes):
        return None
    name = name or next((c for c in printed[1:2] if not c.replace(",", "").replace(".", "").strip().isdigit()), "")
    return code if not name or names_its_class(code, name, classes) else None


def _pairs(name: str) -> set[str]:
    name = _CJK_SPACE.sub("", name or "")
    return {name[k:k + 2] for k in range(len(name) - 1)}


def catalogued(code: str, classes) -> bool:
    """Whether a printed number of a code's shape is a code of the catalog (:class:`Catalogued`): a
    code of one of the document's editions, a local sub-item under a 款 of it (3021101 under 30211,
    a revenue 目 under its 项), or the 款/项 parts alone (03 01, 01: their 类 is printed above, so no
    lookup can say).  An amount that merely looks like a code (24487 万元 alone in its column, 15063
    before a project's name) is none.  Without a catalog (a plain set of 类), any code's shape is one."""
    known = getattr(classes, "codes", None)
    if known is None or len(code) in (2, 4) or code in known:
        return True
    # a 9-digit code is a revenue 目 (1xx): a functional 项 with a figure after it (2300260 97) is no 目
    return (len(code) == 7 or len(code) == 9 and code[0] == "1") and code[:len(code) - 2] in known


def names_its_class(code: str, name: str, classes) -> bool:
    """Whether a 类 printed with a name is of that 类: the name shares a pair of characters with a
    name of the 类's family in the catalog (301 工资福利支出; 310 信息网络及软件购置更新, a 项's name
    beside the 类 at the top of its cell), not 510 市政设施维修费 (an amount of 510 before a
    project's name).  Without a catalog, or for a longer code, any name does."""
    words = getattr(classes, "family_words", {}).get(code) if len(code) == 3 else None
    return words is None or not words.isdisjoint(_pairs(name))


def _row_of(text: str, classes=frozenset()) -> tuple[str, str] | None:
    """(code, rest) when a line of text starts the way a coded row does."""
    text = text.strip()
    if _NOT_A_ROW.search(text):
        return None
    match = _HEAD.match(text)
    if match is None:
        return None
    parts, after = match.group("code").split(" "), match.group("rest").strip()
    for count in range(len(parts), 0, -1):  # "215 1 , 470. 60": the code, then a figure spaced by its font
        hit = _code_then(" ".join(parts[:count]), " ".join(parts[count:] + [after]).strip(), classes)
        if hit is not None:
            return hit
    return None


def _code_then(printed: str, rest: str, classes) -> tuple[str, str] | None:
    """(code, rest) when ``printed`` (digits, single spaces between) is the row's code and ``rest``
    what a coded row prints after it."""
    code = printed.replace(" ", "")
    rest = _FIGURE_SPACE.sub(r"\1", rest)
    name = _CJK_SPACE.sub("", rest)
    if _NAME.match(name):
        return _named_code(printed, code, rest, name, classes)
    other = _OTHER_CODE.match(_LEADING_FIGURES.sub("", rest))
    if other and code_shape(code) and code_shape(other.group(1).replace(" ", "")) and catalogued(code, classes) \
            and catalogued(other.group(1).replace(" ", ""), classes) \
            and (_NAME.match(_CJK_SPACE.sub("", other.group(2))) or _FIGURES_ONLY.match(other.group(2))):
        # its name wrapped around it, then the code of another classification (Yantai: 301 08 501 02 社会保障缴费)
        # or of the panel beside it (30108 30206 电费, 30108 446.11 30206 电费)
        return code, rest
    if len(code) in (2, 4) and _STANDARD.match(printed) and (not rest or _DECIMALS.search(rest)) \
            and _FIGURES_ONLY.match(rest):
        return code, rest  # 款/项 alone or with its figures, its name beside them (kept where a named row aligns)
    if not code_shape(code) or not _FIGURES_ONLY.match(rest):
        return None
    if " " in printed and not (_STANDARD.match(printed) and len(code) >= 5 and _DECIMALS.search(rest)):
        return None  # "201 03 01" with its figures, its name wrapped around it ("120 30 90" are counts)
    # a code alone, or with its figures: its name wrapped onto the lines around it; a 类 alone (or a
    # page number, a count) only when the catalog has it, and kept only in a column of codes (census)
    if not catalogued(code, classes):
        return None  # an amount of a code's shape (24487 alone in its column), not a code of the catalog
    return (code, rest) if len(code) >= 5 or code in classes else None


def _named_code(printed: str, code: str, rest: str, name: str, classes) -> tuple[str, str] | None:
    """(code, rest) when a code before a name is a row's code: not a budget unit (327 无锡市统计局)
    nor a statement's enumerated item."""
    if _UNIT_NAME.match(rest.split(" ")[0]) or _UNIT_NAME.match(name.split(" ")[0]) or ENUMERATED_ITEM.match(name):
        return None
    parts = printed.split(" ")
    if parts[0] in classes and all(len(x) <= 2 for x in parts[1:]) and len(parts) > 1 \
            and not _STANDARD.match(printed):
        return code, rest  # a 款 misprinted in one digit ("301 2 津贴补贴" for 301 02): a row all the same
    if len(code) in (2, 4):  # 款 / 项 under a 类 printed above
        return (code, rest) if _STANDARD.match(printed) else None
    # a code split by the spacing of its glyphs ("3021 1 差旅费") is still a code before its name; an
    # amount before a project's name (15063 历年固定补助基数, 510 市政设施维修费) is none
    if not (code_shape(code) and len(printed.split(" ")[0]) >= 3 and catalogued(code, classes)):
        return None
    return (code, rest) if names_its_class(code, name, classes) else None


def _panels(page: int, baseline: float, left: float, text: str, code: str, rest: str, classes) -> list[CodedRow]:
    """The rows a printed line holds: one, whatever codes of other
    classifications it prints beside its own (功能 | 政府经济 | 部门经济 on one
    row), but one per code of its own classification (panels side by side,
    公开06表: 人员经费 | 公用经费 | 资本性支出, each with its code; a panel's
    类 printed with no name, its 款 on the next line: ``301 2,082.85 302 171.07``)."""
    kind = code[0] if len(code) >= 3 else None
    out = [[code]]
    starts = [0]
    named = [bool(_NAME.match(_CJK_SPACE.sub("", rest)))]
    for match in _MORE_CODES.finditer(rest):
        more, with_name = match.group(1).replace(" ", ""), bool(match.group(2))
        if not code_shape(more) or not (with_name or len(more) >= 5 or more in classes) or \
                not catalogued(more, classes):
            continue
        if kind is not None and more[0] == kind:
            out.append([more])
            named.append(with_name)
            starts.append(len(text) - len(rest) + match.start())
        elif with_name:
            out[-1].append(more)
    starts.append(len(text))
    return [CodedRow(page, baseline, left if index == 0 else left + PANEL_OFFSET, codes[0], tuple(codes), text[start:end].strip(),
                     is_named)
            for index, (codes, start, end, is_named) in enumerate(zip(out, starts, starts[1:], named))]


def _heads_columns(code: str, rest: str, classes) -> bool:
    """A line of codes of one classification side by side with no figure, and no name but a
    fragment (``2101201 财政对城 2082702 2082701 20827999``): the headings of a table whose columns
    are the codes it pays from, no rows."""
    tokens = rest.split()
    first = next((k for k, t in enumerate(tokens) if t.isdigit()), len(tokens))
    more = tokens[first:]
    return first <= 1 and sum(1 for t in more if catalogued(t, classes)) >= 2 and all(
        t.isdigit() and len(t) >= 5 and t[0] == code[0] for t in more)


def _bare(row: CodedRow) -> bool:
    """A row that prints its code and nothing else on its line (no name, no figure)."""
    return not row.named and row.text.replace(" ", "").isdigit()


def _no_figure_as_panel(rows: list[CodedRow]) -> list[CodedRow]:
    """A code with no name after a row (``301 08 机关事业单位基本养老保险缴 302``: a panel's 类, its
    name on the line below) is a panel only on a page whose rows print panels with names; on a page
    of one panel it is the row's last figure (``2010105 人大立法 220``, ``50399 其他资本性支出 59906``:
    amounts).  A line of three codes or more of one classification with no name but a fragment
    (``2101201 财政对城 2082702 2082701``) heads the columns of a table turned on its side: no row."""
    if any(r.x >= PANEL_OFFSET and r.named for r in rows):
        return rows
    dropped = [r for r in rows if r.x >= PANEL_OFFSET and not r.named]
    headings = {y for y in {r.y for r in dropped}
                if sum(1 for r in dropped if r.y == y and len(r.code) >= 5) >= 2}
    return [r for r in rows if r not in dropped and r.y not in headings]


def _code_only(page: int, baseline: float, left: float, text: str, classes) -> list[CodedRow]:
    """The rows of a line that prints codes and no name (their names on the
    line below: ``301 01 302`` over ``基本工资 262.33 01 办公费``): each 类 of
    the catalog with the 款/项 parts after it is a row.  A line of one number
    (a page number) is none."""
    tokens = _FIGURE_SPACE.sub(r"\1", text).split()
    if len(tokens) < 2 or not all(t.isdigit() or _DECIMALS.fullmatch(t.replace(",", "")) for t in tokens):
        return []
    groups: list[list[str]] = []
    for token in tokens:
        if len(token) == 3 and token in classes:
            groups.append([token])
        elif len(token) == 2 and groups and len(groups[-1]) < 3:
            groups[-1].append(token)
        elif token.isdigit():
            return []  # a count, a year: not a line of codes
        else:
            groups.append([])  # a figure ends the code before it
    return [CodedRow(page, baseline, left + PANEL_OFFSET * bool(index), "".join(group), ("".join(group),), " ".join(group), False)
            for index, group in enumerate(g for g in groups if g)]


def _wrapped(rows: list[CodedRow], height: float) -> list[CodedRow]:
    """A row whose cells stand on two baselines, a cell wrapped over two lines
    being centred on neither: the line of the row's codes of another
    classification (Beijing: 2080199-其他人力资源和社会保障管理事 / 50205-委托业务费
    30226-劳务费 …), to the right of the row's first code and within a line of
    it, is part of that row; so is a 类 printed alone in its cell (``310``)
    beside the line of its 款 and name (``01 房屋建筑物购建``)."""
    reach = SETTINGS.census_wrap_heights * height
    rows = sorted(rows, key=lambda r: r.y)
    keep: list[CodedRow | None] = list(rows)
    for index, row in enumerate(rows):
        if keep[index] is None or row.x >= PANEL_OFFSET:
            continue
        for near in (index - 1, index + 1):
            other = keep[near] if 0 <= near < len(rows) else None
            if other is None or abs(other.y - row.y) >= reach:
                continue
            if len(row.code) == 3 and not (row.named and other.named) and len(other.code) in (2, 4) and \
                    other.x > row.x + height:
                keep[near] = other._replace(code=row.code + other.code, codes=(row.code + other.code,) + other.codes[1:],
                                            text=f"{row.text} {other.text}")
                keep[index] = None
                break
            if other.x < row.x - height and other.code[0] != row.code[0] and len(other.code) >= 3 and len(row.code) >= 3:
                keep[near] = other._replace(codes=other.codes + row.codes, text=f"{other.text} {row.text}")
                keep[index] = None
                break
    return [row for row in keep if row is not None]


def _starting_with_a_digit(chars) -> list:
    """The characters of the lines that start with a digit (or a bracket before one): every coded row
    does; the others are not made into text at all (most of the cost of a census)."""
    out = []
    for group in line_groups(chars):
        if group[0].ch.isdigit() or group[0].ch in "[【［" and len(group) > 1 and group[1].ch.isdigit():
            out.extend(group)
    return out


def census(pages: list[Page], classes=frozenset(),
           skip: "dict[int, list[tuple[float, float]]] | None" = None) -> list[CodedRow]:
    """Every row of every page that prints a budget code (see the module
    docstring), but those in ``skip`` (page -> spans of y: tables that are
    not budget tables, reported as such); ``classes`` are the catalog's 类
    codes (a code printed without its name counts only under one)."""
    settings = SETTINGS
    out: list[CodedRow] = []
    full_codes_before: list[float] = []
    for page in pages:
        rows: list[CodedRow] = []
        for line in text_lines(_starting_with_a_digit(page.chars)):
            if any(low <= line.y <= high for low, high in (skip or {}).get(page.number, ())):
                continue
            text = _FIGURE_SPACE.sub(r"\1", line.text.strip())  # "1, 000. 00" as 1,000.00
            hit = _row_of(text, classes)
            if hit is not None and _heads_columns(*hit, classes):
                continue
            if hit is not None:
                rows.extend(_panels(page.number, line.y, line.x0, text, *hit, classes))
            elif not _NOT_A_ROW.search(text):
                rows.extend(_code_only(page.number, line.y, line.x0, text, classes))
        if len(rows) > 1:
            heights = sorted(c.bottom - c.top for c in page.chars[::settings.census_height_sample])
            rows = _wrapped(rows, max(heights[len(heights) // 2], settings.em_min))
        # a 类, 款 or 项 with no name beside it: where a named row's code stands (a column of codes;
        # a panel's code beside a row stands on that row's line); a full code with neither name nor
        # figure, where another code stands (303 05 over 303 07, names on the lines below); elsewhere
        # a figure (24487 alone) or a code heading a column (2101202 over the money it names)
        rows = [r for r in rows if r.named or len(r.code) >= 5 and not _bare(r) or r.x >= PANEL_OFFSET
                or any(n.named and abs(n.x - r.x) < settings.census_same_column for n in rows)
                or len(r.code) >= 5 and any(n is not r and abs(n.x - r.x) < settings.census_same_column for n in rows)]
        rows = _no_figure_as_panel(rows)
        full_codes = [r.x for r in rows if len(r.code) >= 3 and r.x < PANEL_OFFSET]
        out.extend(_parts_in_code_columns(rows, full_codes + full_codes_before, em_of(page.chars)))
        full_codes_before = full_codes
    return out


def _parts_in_code_columns(rows: list[CodedRow], full_codes: list[float], em: float) -> list[CodedRow]:
    """The rows but the 款/项 printed alone outside a column of codes.  A part alone counts only
    where its table prints full codes, on its page or the one before, in their column: at one, or
    indented by level (类, then its 款 a little right, its 项 a little further) within
    ``census_part_indent_em`` of one or of a part kept; farther right it is a figure (an amount
    before a project's name: ``81 选调生到村任职补助资金``)."""
    settings = SETTINGS
    reach = settings.census_part_indent_em * em
    anchors = list(full_codes)
    kept: set[int] = set()
    for index, row in sorted(enumerate(rows), key=lambda pair: pair[1].x):
        if len(row.code) >= 3 or row.x >= PANEL_OFFSET:
            kept.add(index)
        elif any(-settings.census_same_column <= row.x - x <= reach for x in anchors):
            kept.add(index)
            anchors.append(row.x)
    return [row for index, row in enumerate(rows) if index in kept]


#: Characters that are no text: private use, the replacement character, control codes (a glyph of a font
#: without ToUnicode, or a CID read as a character).
_UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What the text of a Chinese budget is written in: ASCII and Latin-1, punctuation, number forms (Ⅰ ①),
#: arrows, mathematical signs (≥ ×), box drawing and shapes (■ ★), Greek, CJK radicals, punctuation,
#: ideographs and their compatibility forms, full-width forms.  A page whose text is mostly in other
#: scripts (Myanmar, Ethiopic, Canadian syllabics…) shows glyph numbers read as characters: a font
#: without ToUnicode.
_EXPECTED = re.compile(r"[\x20-\x7e\xa0-\xff\u0391-\u03c9\u2000-\u27bf\u2e80-\u33ff\u3400-\u4dbf"
                       r"\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def unreadable_pages(path: str, pages) -> list[int]:
    """Pages that cannot be read as text: mostly glyphs that map to no text,
    or no characters at all where the page shows an image (a scan) or draws
    text (glyphs that map to nothing).  A page with no text and only rules
    (an empty table's last row) or nothing at all is blank, not unreadable."""
    settings = SETTINGS
    least = settings.unreadable_min_glyphs
    out = []
    empty = []
    for page in pages:
        text = re.sub(r"\s", "", page.text or "")
        if not page.chars:
            empty.append(page.number)
            continue
        bad = len(_UNMAPPED.findall(text))
        foreign = len(text) - len(_EXPECTED.findall(text))
        if bad >= least and bad * settings.unmapped_parts >= len(text) or \
                foreign >= least and foreign * settings.foreign_parts >= len(text):
            out.append(page.number)
    if empty:
        out.extend(pages_showing_something(path, empty))
    return sorted(out)


def _pages_text(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> "1–3, 7"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def unreadable_problem(path: str, pages) -> Problem | None:
    """The problem of a PDF's pages that cannot be read as text (:func:`unreadable_pages`), or None."""
    bad = unreadable_pages(path, pages)
    if not bad:
        return None
    where = _pages_text(bad)
    return Problem(
        "unreadable-pages", "error", "document",
        f"{'page' if len(bad) == 1 else 'pages'} {where} of {len(pages)} cannot be read as text (no text layer: scanned images; or glyphs that "
        f"map to no characters: a font without ToUnicode); their tables were not read",
        f"第 {where} 页（共 {len(pages)} 页）无法作为文字读取（无文字层，为扫描图像；或字形无法映射为文字，字体缺少 "
        f"ToUnicode）；其中表格未读取", None, bad[0], None)
