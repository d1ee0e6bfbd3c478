"""The census of coded rows: what a PDF prints, counted from its text alone.

The table reader (``pdfgrid``) counts the coded rows of the tables it
builds, so a table it misses is missing from its count as well: a document
whose every table went unseen would report nothing printed, nothing read and
no error.  The census counts again, independently of the tables: every line
of every page (characters grouped by baseline, inside and outside the ruled
grids) that prints a budget code in the way a table row does.  The two are
then reconciled page by page (:func:`reconcile`): a census row that the
reader neither read nor reported becomes an ``unread-line`` error, and the
count of coded lines printed is never less than the census.

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

import re
from typing import NamedTuple

from govclass.document import Problem
from govclass.readers.codeparts import code_shape as _code_shape  # what a code looks like: one rule, shared
from govclass.rulebook import ERROR, declare
from govclass.vocabulary import ENUMERATED_ITEM

__all__ = ["CodedRow", "census", "reconcile", "unreadable_pages", "fail_closed"]

declare("unreadable-pages", ERROR, "reading",
        "(PDF) pages that cannot be read as text: no text layer (scanned images) or glyphs that map to no "
        "characters (a font without ToUnicode); their tables are not read, so the document never passes",
        "（PDF）无法作为文字读取的页面：无文字层（扫描图像）或字形无法映射为文字（字体缺少 ToUnicode）；其中表格未读取，文档不能通过")
declare("no-coded-lines", ERROR, "reading",
        "(PDF) a budget document in which no coded line was read at all: nothing was checked, so it never passes",
        "（PDF）预算文档中未读取到任何科目行：未作任何核对，不能通过")


class CodedRow(NamedTuple):
    page: int
    y: float  # baseline
    x: float  # where the row's first code starts
    code: str  # the code printed at the start of the row, digits only ("2010301", "0301", "01")
    codes: tuple[str, ...]  # every code the row prints (Beijing prints three)
    text: str  # the row as printed
    named: bool = True  # False: a code printed with no name beside it (its name on a line above or below)


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
_ITEM = ENUMERATED_ITEM  # an enumerated item of a statement (行次 11, then 十一、城乡社区支出)
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


def _row_of(text: str, classes=frozenset()) -> tuple[str, str] | None:
    """(code, rest) when a line of text starts the way a coded row does."""
    t = text.strip()
    if _NOT_A_ROW.search(t):
        return None
    m = _HEAD.match(t)
    if m is None:
        return None
    parts, after = m.group("code").split(" "), m.group("rest").strip()
    for k in range(len(parts), 0, -1):  # "215 1 , 470. 60": the code, then a figure spaced by its font
        hit = _code_then(" ".join(parts[:k]), " ".join(parts[k:] + [after]).strip(), classes)
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
        if _UNIT_NAME.match(rest.split(" ")[0]) or _UNIT_NAME.match(name.split(" ")[0]) or _ITEM.match(name):
            return None
        parts = printed.split(" ")
        if parts[0] in classes and all(len(x) <= 2 for x in parts[1:]) and len(parts) > 1 \
                and not _STANDARD.match(printed):
            return code, rest  # a 款 misprinted in one digit ("301 2 津贴补贴" for 301 02): a row all the same
        if len(code) in (2, 4):  # 款 / 项 under a 类 printed above
            return (code, rest) if _STANDARD.match(printed) else None
        # a code split by the spacing of its glyphs ("3021 1 差旅费") is still a code before its name
        return (code, rest) if _code_shape(code) and len(printed.split(" ")[0]) >= 3 else None
    other = _OTHER_CODE.match(_LEADING_FIGURES.sub("", rest))
    if other and _code_shape(code) and _code_shape(other.group(1).replace(" ", "")) \
            and (_NAME.match(_CJK_SPACE.sub("", other.group(2))) or _FIGURES_ONLY.match(other.group(2))):
        # its name wrapped around it, then the code of another classification (Yantai: 301 08 501 02 社会保障缴费)
        # or of the panel beside it (30108 30206 电费, 30108 446.11 30206 电费)
        return code, rest
    if len(code) in (2, 4) and _STANDARD.match(printed) and (not rest or _DECIMALS.search(rest)) \
            and _FIGURES_ONLY.match(rest):
        return code, rest  # 款/项 alone or with its figures, its name beside them (kept where a named row aligns)
    if not _code_shape(code) or not _FIGURES_ONLY.match(rest):
        return None
    if " " in printed and not (_STANDARD.match(printed) and len(code) >= 5 and _DECIMALS.search(rest)):
        return None  # "201 03 01" with its figures, its name wrapped around it ("120 30 90" are counts)
    # a code alone, or with its figures: its name wrapped onto the lines around it; a 类 alone (or a
    # page number, a count) only when the catalog has it, and kept only in a column of codes (census)
    return (code, rest) if len(code) >= 5 or code in classes else None


def _panels(page: int, y: float, x: float, text: str, code: str, rest: str, classes) -> list[CodedRow]:
    """The rows a printed line holds: one, whatever codes of other
    classifications it prints beside its own (功能 | 政府经济 | 部门经济 on one
    row), but one per code of its own classification (panels side by side,
    公开06表: 人员经费 | 公用经费 | 资本性支出, each with its code; a panel's
    类 printed with no name, its 款 on the next line: ``301 2,082.85 302 171.07``)."""
    kind = code[0] if len(code) >= 3 else None
    out = [[code]]
    starts = [0]
    named = [bool(_NAME.match(_CJK_SPACE.sub("", rest)))]
    for m in _MORE_CODES.finditer(rest):
        c, with_name = m.group(1).replace(" ", ""), bool(m.group(2))
        if not _code_shape(c) or not (with_name or len(c) >= 5 or c in classes):
            continue
        if kind is not None and c[0] == kind:
            out.append([c])
            named.append(with_name)
            starts.append(len(text) - len(rest) + m.start())
        elif with_name:
            out[-1].append(c)
    starts.append(len(text))
    return [CodedRow(page, y, x if k == 0 else x + 1e6, codes[0], tuple(codes), text[a:b].strip(), nm)
            for k, (codes, a, b, nm) in enumerate(zip(out, starts, starts[1:], named))]


def _code_only(page: int, y: float, x: float, text: str, classes) -> list[CodedRow]:
    """The rows of a line that prints codes and no name (their names on the
    line below: ``301 01 302`` over ``基本工资 262.33 01 办公费``): each 类 of
    the catalog with the 款/项 parts after it is a row.  A line of one number
    (a page number) is none."""
    tokens = _FIGURE_SPACE.sub(r"\1", text).split()
    if len(tokens) < 2 or not all(t.isdigit() or _DECIMALS.fullmatch(t.replace(",", "")) for t in tokens):
        return []
    groups: list[list[str]] = []
    for t in tokens:
        if len(t) == 3 and t in classes:
            groups.append([t])
        elif len(t) == 2 and groups and len(groups[-1]) < 3:
            groups[-1].append(t)
        elif t.isdigit():
            return []  # a count, a year: not a line of codes
        else:
            groups.append([])  # a figure ends the code before it
    return [CodedRow(page, y, x + 1e6 * bool(k), "".join(g), ("".join(g),), " ".join(g), False)
            for k, g in enumerate(x for x in groups if x)]


def _wrapped(rows: list[CodedRow], height: float) -> list[CodedRow]:
    """A row whose cells stand on two baselines, a cell wrapped over two lines
    being centred on neither: the line of the row's codes of another
    classification (Beijing: 2080199-其他人力资源和社会保障管理事 / 50205-委托业务费
    30226-劳务费 …), to the right of the row's first code and within a line of
    it, is part of that row; so is a 类 printed alone in its cell (``310``)
    beside the line of its 款 and name (``01 房屋建筑物购建``)."""
    rows = sorted(rows, key=lambda r: r.y)
    keep: list[CodedRow | None] = list(rows)
    for k, r in enumerate(rows):
        if keep[k] is None or r.x >= 1e6:
            continue
        for j in (k - 1, k + 1):
            n = keep[j] if 0 <= j < len(rows) else None
            if n is None or abs(n.y - r.y) >= 1.6 * height:
                continue
            if len(r.code) == 3 and not (r.named and n.named) and len(n.code) in (2, 4) and n.x > r.x + height:
                keep[j] = n._replace(code=r.code + n.code, codes=(r.code + n.code,) + n.codes[1:],
                                     text=f"{r.text} {n.text}")
                keep[k] = None
                break
            if n.x < r.x - height and n.code[0] != r.code[0] and len(n.code) >= 3 and len(r.code) >= 3:
                keep[j] = n._replace(codes=n.codes + r.codes, text=f"{n.text} {r.text}")
                keep[k] = None
                break
    return [r for r in keep if r is not None]


def _starting_with_a_digit(chars, line_groups) -> list:
    """The characters of the lines that start with a digit (or a bracket before one): every coded row
    does; the others are not made into text at all (most of the cost of a census)."""
    out = []
    for g in line_groups(chars):
        if g[0].ch.isdigit() or g[0].ch in "[【［" and len(g) > 1 and g[1].ch.isdigit():
            out.extend(g)
    return out


def census(pages, text_lines, line_groups, classes=frozenset(),
           skip: "dict[int, list[tuple[float, float]]] | None" = None) -> list[CodedRow]:
    """Every row of every page that prints a budget code (see the module
    docstring), but those in ``skip`` (page -> spans of y: tables that are
    not budget tables, reported as such); ``classes`` are the catalog's 类
    codes (a code printed without its name counts only under one).
    ``text_lines`` and ``line_groups`` are pdfgrid's: characters by baseline."""
    out: list[CodedRow] = []
    full_codes_before = False
    for p in pages:
        rows: list[CodedRow] = []
        for ln in text_lines(_starting_with_a_digit(p.chars, line_groups)):
            if any(a <= ln.y <= b for a, b in (skip or {}).get(p.number, ())):
                continue
            text = _FIGURE_SPACE.sub(r"\1", ln.text.strip())  # "1, 000. 00" as 1,000.00
            hit = _row_of(text, classes)
            if hit is not None:
                rows.extend(_panels(p.number, ln.y, ln.x0, text, *hit, classes))
            elif not _NOT_A_ROW.search(text):
                rows.extend(_code_only(p.number, ln.y, ln.x0, text, classes))
        if len(rows) > 1:
            heights = sorted(c.bottom - c.top for c in p.chars[::7])
            rows = _wrapped(rows, max(heights[len(heights) // 2], 4.0))
        # a 类, 款 or 项 with no name beside it: where a named row's code stands (a column of codes)
        # (a panel's code beside a row stands on that row's line)
        rows = [r for r in rows if r.named or len(r.code) >= 5 or r.x >= 1e6
                or any(n.named and abs(n.x - r.x) < 2 for n in rows)]
        full_codes = any(len(r.code) >= 3 for r in rows)
        # a 款/项 alone only where its table prints full codes, on its page or the one before
        out.extend(r for r in rows if len(r.code) >= 3 or full_codes or full_codes_before)
        full_codes_before = full_codes
    return out


def _compatible(printed: str, read: str, exact: bool = False) -> bool:
    """A code read (resolved: 2010301) for one printed whole, or in part: the 款/项 alone (0301, 01 under
    its 类), or a 类 in a cell of its own beside the rows under it (Shanghai repeats it on every row)."""
    return read == printed or not exact and (
        len(printed) in (2, 4) and len(read) in (5, 7) and read.endswith(printed)
        or len(printed) == 3 and len(read) > 3 and read.startswith(printed))


_PROBLEM_CODE = re.compile(r"^\s*[\[【［]?(\d{3}(?: ?\d{2}){0,3}|\d{2}(?: \d{2})?)(?!\d)")


def reconcile(rows: list[CodedRow], tables, problems: list[Problem],
              listed: "dict[int, list[tuple[float, float]]] | None" = None,
              statements=()) -> tuple[list[Problem], int, int]:
    """The census against what the reader read (``tables``' lines) and
    reported (``problems``' unread-line rows), page by page: the problems of
    census rows neither read nor reported, and how many coded rows the
    document prints and how many were read.

    Each unread-line problem answers for one census row of its page with its
    code, each line read for one (the code as printed first, then a part of
    it: 0301 for 2010301).  A table read as a list of codes keeps each code
    once, so a row inside ``listed`` (page -> spans of y of the tables read)
    whose code such a list holds is read.  A census row left over is an
    unread-line problem; a line read or reported that no census row prints is
    counted too: the count is what the census and the reader together
    establish, never less than the census.  A 类 row read as an item of a
    statement (a 收支总表 that prints the 类 code beside its item) is read."""
    lines: dict[int, list[str]] = {}  # page -> the codes of the lines read there, one per row
    listed_codes: set[str] = set()  # the codes of the lists of codes (Beijing's 功能 | 政府经济 | 部门经济)
    listed_on: dict[int, dict[str, str]] = {}  # page -> the rows listed codes were read from -> their first code
    texts: set[tuple[int, str | None]] = set()
    bare: set[tuple[int, str]] = set()  # lines read with a code and nothing else
    for t in tables:
        for ln in t.lines:
            if ln.code and ln.page is not None and t.columns:
                lines.setdefault(ln.page, []).append(ln.code)
                texts.add((ln.page, ln.text))
                if not ln.name and all(c is None or c.blank for c in ln.cells.values()):
                    bare.add((ln.page, ln.code))
    for t in tables:
        for ln in t.lines:
            if ln.code and ln.page is not None and not t.columns:
                listed_codes.add(ln.code)
                if (ln.page, ln.text) not in texts:  # a row counted once, whatever codes it prints
                    m = _PROBLEM_CODE.match((ln.text or "").replace(" | ", " "))
                    listed_on.setdefault(ln.page, {}).setdefault(
                        ln.text or ln.code, m.group(1).replace(" ", "") if m else ln.code)
    reported: dict[int, list[str]] = {}
    unread = [p for p in problems if p.rule == "unread-line"]
    loose = 0  # problems with no page or code: rows the census cannot pair
    for prob in unread:
        m = _PROBLEM_CODE.match((prob.text or "").replace(" | ", " "))
        if prob.page is not None and m:
            reported.setdefault(prob.page, []).append(m.group(1).replace(" ", ""))
        else:
            loose += 1
    left = list(rows)
    read = 0
    for pool, counts_as_read in ((reported, False), (lines, True)):
        for exact in (True, False):  # the code as printed first, then a part of it
            rest = []
            for r in left:
                there = pool.get(r.page, [])
                k = next((i for i, c in enumerate(there) if _compatible(r.code, c, exact)
                          or not exact and _compatible(c, r.code)), None)
                if k is None:
                    rest.append(r)
                    continue
                there.pop(k)
                read += counts_as_read
            left = rest
    stated = _statement_rows(statements)
    new: list[Problem] = []
    for r in left:
        if len(r.code) == 3 and _squeezed(r.text)[:8] in stated.get(r.page, ""):
            read += 1  # a 类 read as a statement's item (a 收支总表 prints 类 at most; a 款 or 项 is a table's)
            continue
        if any(_compatible(r.code, c) for c in listed_on.get(r.page, {}).values()) or (
                any(a <= r.y <= b for a, b in (listed or {}).get(r.page, ())) and any(c in listed_codes for c in r.codes)):
            read += 1
            continue
        new.append(Problem(
            "unread-line", "error", f"page {r.page}",
            f"page {r.page}: a coded row that no table read: {r.text[:80]!r}",
            f"第 {r.page} 页：未读入任何表格的科目行：{r.text[:80]}", None, r.page, r.text[:120]))
    printed_codes: dict[int, list[str]] = {}
    for r in rows:
        printed_codes.setdefault(r.page, []).extend(r.codes)
    extra_listed = sum(1 for page, heads in listed_on.items() for c in heads.values()
                       if not any(_compatible(pc, c) for pc in printed_codes.get(page, ())))
    # a 类 read with no name and no figure where the page prints that 类 only in its rows' codes (a 类 cell
    # read as a row of its own) is none of the page's rows
    extra_read = sum(1 for page, codes in lines.items() for c in codes
                     if not any(_compatible(pc, c) or (page, c) in bare and len(c) == 3 and pc.startswith(c)
                                for pc in printed_codes.get(page, ()))) + extra_listed
    extra_reported = sum(len(codes) for codes in reported.values()) + loose
    return new, len(rows) + extra_read + extra_reported, read + extra_read


def _squeezed(text: str | None) -> str:
    return re.sub(r"\s|\|", "", text or "")


def _statement_rows(statements) -> dict[int, str]:
    """Page -> the printed rows of the statements' items read there, spaces and cell marks squeezed out."""
    out: dict[int, str] = {}
    for st in statements:
        for it in st.items:
            if it.page is not None and it.text:
                out[it.page] = out.get(it.page, "") + "\n" + _squeezed(it.text)
    return out


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
    out = []
    empty = []
    for p in pages:
        text = re.sub(r"\s", "", p.text or "")
        if not p.chars:
            empty.append(p.number)
            continue
        bad = len(_UNMAPPED.findall(text))
        foreign = len(text) - len(_EXPECTED.findall(text))
        if bad >= 8 and bad * 4 >= len(text) or foreign >= 8 and foreign * 2 >= len(text):
            out.append(p.number)
    if empty:
        out.extend(_shows_something(path, empty))
    return sorted(out)


def _shows_something(path: str, numbers: list[int]) -> list[int]:
    """Those of the pages (1-based) that hold an image or a text object."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    wanted = (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_TEXT)
    out = []
    pdf = pdfium.PdfDocument(path)
    try:
        for n in numbers:
            page = pdf[n - 1]
            handle = page.raw
            if any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(handle, i)) in wanted
                   for i in range(raw.FPDFPage_CountObjects(handle))):
                out.append(n)
            page.close()
    finally:
        pdf.close()
    return out


def _pages_text(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> "1–3, 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def fail_closed(path: str, pages, tables, out_tables, statements, problems: list[Problem], catalog,
                doc_kind: str | None, text_lines, line_groups) -> tuple[list[Problem], dict]:
    """The census reconciled with what ``pdfgrid.read_pdf`` read (its tables,
    ``_Table`` objects with their row bands, and the govclass tables built
    from them): the problems with a finding for every coded row not read and
    for what makes the whole document unreadable, and the coverage.
    ``text_lines`` and ``line_groups`` are pdfgrid's (characters by baseline)."""
    skip: dict[int, list[tuple[float, float]]] = {}  # tables that are no budget tables (unchecked-table)
    listed: dict[int, list[tuple[float, float]]] = {}
    for t in tables:
        spans = skip if t.kind == "other" else listed
        for page, band in t.rows:
            spans.setdefault(page, []).append((band.top, band.bottom))
    classes = frozenset(c.code for c in catalog if len(c.code) == 3)
    rows = census(pages, text_lines, line_groups, classes, skip)
    new, printed, read = reconcile(rows, out_tables, problems, listed, statements)
    problems = list(problems) + new
    bad = unreadable_pages(path, pages)
    if bad:
        where = _pages_text(bad)
        problems.append(Problem(
            "unreadable-pages", "error", "document",
            f"{'page' if len(bad) == 1 else 'pages'} {where} of {len(pages)} cannot be read as text (no text layer: scanned images; or glyphs that "
            f"map to no characters: a font without ToUnicode); their tables were not read",
            f"第 {where} 页（共 {len(pages)} 页）无法作为文字读取（无文字层，为扫描图像；或字形无法映射为文字，字体缺少 "
            f"ToUnicode）；其中表格未读取", None, bad[0], None))
    if printed == 0 and (doc_kind is not None or out_tables or statements):
        problems.append(Problem(
            "no-coded-lines", "error", "document",
            f"a budget document ({doc_kind or 'tables found'}) in which no coded line was read: nothing was checked",
            f"预算文档（{doc_kind or '有表格'}）中未读取到任何科目行：未作任何核对", None, None, None))
    return problems, {"coded_lines_printed": printed, "coded_lines_read": read}
