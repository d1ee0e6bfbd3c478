"""Read published budget PDFs by their geometry.

Plain text pulled out of a PDF loses the columns: a blank cell vanishes and
every figure after it moves one column to the left.  The PDF itself knows
where each character stands and where the ruling lines of each table run.
This module reads those (with pypdfium2, the ``pdf`` extra) and builds the
tables from them:

1. characters with their boxes -> text lines (by baseline) outside the tables;
2. ruling lines -> grids: row bands between horizontal rules, cells between
   the vertical rules that cross each band; every character goes to the cell
   that holds its centre, so a blank cell stays blank and a name wrapped over
   three lines stays in its cell;
3. a grid's first bands are its header (本年支出 above 基本支出/项目支出); each
   leaf column is named by the header cells above it; the title and the unit
   line are the text lines above the grid; a grid with no header of its own
   (a table going on over a page) reuses the previous table's columns;
4. tables are identified by their title (the vocabulary in
   ``govclass/data/table_titles.yaml``) or, failing that, by their header (code
   columns and amount columns);
5. text outside every ruled grid that prints a table without rules is given
   rules drawn from its alignment (``_unruled_rules``: rows by baseline,
   columns by the gaps between the words, labels from the headings' tree)
   and read as a ruled table;
6. coded rows -> :class:`~govclass.document.Line` with page and printed text;
   every row that prints a code and could not be read is a
   :class:`~govclass.document.Problem` of its own (``unread-line``, an error:
   a document with unread coded lines never passes).
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left
import re
from collections import Counter
from decimal import Decimal
from typing import NamedTuple

import attrs

from govclass.document import (BLANK, Document, Item, Line, Problem, Relation, Statement, Table, parse_amount,
                               sum_of_cells)
from govclass.readers.codeparts import CODE_NAME as _CODE_NAME, CODE_TEXT as _CODE  # the code rules, shared
from govclass.readers.codeparts import are_code_parts as _split_parts, code_shape as _code_shape
from govclass.readers.codeparts import fold_cell as _norm
from govclass.readers.codeparts import group_code as _group_code, split_code_name as _split_code_name
from govclass.readers.headings import header_relations as _relations, of_which_relations, standard_names
from govclass.readers.headings import unique_column_names as _unique_column_names
from govclass.readers.pdfcensus import fail_closed
from govclass.readers.pdfstatements import (admin_running_statement, is_sangong_title, names_sangong,
                                            sangong_statement, units_total_table)
from govclass.rulebook import DECLARED, ERROR, INFO, declare
from govclass.vocabulary import (FIGURE, KINDS, NO_FIGURE_MARKS, NUMBERING_CELL, SENTENCE, SPACED_HEADINGS, TITLE_END,
                                 UNIT_CODE_WORDS,
                                 UNIT_LINE, column_synonym, fold_title, is_figure_cell, is_total_label, title_kind)

__all__ = ["read_pdf", "pdf_pages", "Page", "Grid"]

declare("unplaced-row", ERROR, "reading",
        "(PDF) a total or statement row of a table printed without rules whose figures the alignment placed and a "
        "check rejects: not read (a coded row is unread-line); a document with one never passes",
        "（PDF）无表格线表格中的合计行或总表行，按对齐放置的数字未通过校验：未读取（科目行为 unread-line）；有此类行的文档不能通过")
declare("unchecked-table", INFO, "reading",
        "(PDF) a table that is not a coded budget table (政府采购, 绩效目标, 会议费…): its pages and rows, not checked",
        "（PDF）非科目表（政府采购、绩效目标、会议费等）：给出页码与行数，未核对")
declare("list-restarts", INFO, "reading",
        "(PDF) a code list that starts over (one run per budget unit, units not printed): each run checked apart",
        "（PDF）科目列表重新开始（按单位分列而未印单位）：各段分别核对")
declare("unit-sections", INFO, "reading",
        "(PDF) a coded table printed unit by unit, each budget unit's codes under a row that names it: each unit "
        "checked apart against its row, the 合计 against the units together",
        "（PDF）科目表按单位分列（单位名称行下列其科目）：各单位分别核对并与单位行核对，合计按各单位之和核对")
declare("column-relation", INFO, "reading",
        "(PDF) a column relation read from the header that the table contradicts: a memo column left out, or not "
        "checked", "（PDF）表头所示栏次关系与表内数字不符：剔除备注栏后核对，或不核对")


class Char(NamedTuple):
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, from the top of the page
    cx: float  # the centre, which decides the cell a character is in
    cy: float


def _char(ch: str, x0: float, x1: float, top: float, bottom: float, base: float) -> Char:
    return Char(ch, x0, x1, top, bottom, base, (x0 + x1) / 2, (top + bottom) / 2)


class TextLine(NamedTuple):
    y: float  # baseline
    x0: float
    x1: float
    text: str  # words joined by single spaces


class Rule(NamedTuple):
    a: float  # x of a vertical rule, y of a horizontal one
    lo: float  # where it starts (y for vertical, x for horizontal)
    hi: float


class Page(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    hrules: list[Rule]
    vrules: list[Rule]
    text: str = ""  # PDFium's text of the page (the narrative reads it)


# -- characters and rules -----------------------------------------------------------

def pdf_pages(path: str) -> list[Page]:
    """Every page's characters and ruling lines (pypdfium2)."""
    from govclass.errors import GovclassError

    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:
        from govclass.errors import InputError

        raise InputError(f"{path}: reading PDF needs the optional extra: pip install 'govclass[pdf]'") from None
    from govclass.errors import InputError

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(f"{path}: the PDF is password-protected; decrypt it first") from None
        raise InputError(f"{path}: not a readable PDF ({msg.splitlines()[0] if msg else 'pdfium'})") from None
    pages: list[Page] = []
    l, r, b, t = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    unicode_of, box_of, origin_of = raw.FPDFText_GetUnicode, raw.FPDFText_GetCharBox, raw.FPDFText_GetCharOrigin
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_width(), page.get_height()  # as displayed (after /Rotate)
            rot = page.get_rotation() % 360
            uw, uh = (h, w) if rot in (90, 270) else (w, h)  # user space
            if rot == 90:
                def fx(x, y): return y, x  # noqa: E704  display (from the left, from the top)
            elif rot == 180:
                def fx(x, y): return uw - x, y  # noqa: E704
            elif rot == 270:
                def fx(x, y): return uh - y, uw - x  # noqa: E704
            else:
                def fx(x, y): return x, uh - y  # noqa: E704
            tp = page.get_textpage()
            chars: list[Char] = []
            handle = tp.raw
            for k in range(raw.FPDFText_CountChars(handle)):
                u = unicode_of(handle, k)
                if u <= 32 or u in (0xfffe, 0xffff, 0x3000, 0xa0):
                    continue
                box_of(handle, k, l, r, b, t)
                origin_of(handle, k, ox, oy)
                (ax, ay), (bx, by) = fx(l.value, b.value), fx(r.value, t.value)
                base = fx(ox.value, oy.value)[1]  # the baseline, in the displayed frame
                chars.append(_char(chr(u), min(ax, bx), max(ax, bx), min(ay, by), max(ay, by), base))
            page_text = tp.get_text_range()
            tp.close()
            hr: list[Rule] = []
            vr: list[Rule] = []
            for x0u, y0u, x1u, y1u in _path_bounds(raw, page.raw):
                (ax, ay), (bx, by) = fx(x0u, y0u), fx(x1u, y1u)
                x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
                dw, dh = x1 - x0, bottom - top
                if dw <= 2.5 and dh > 3:
                    vr.append(Rule((x0 + x1) / 2, top, bottom))
                elif dh <= 2.5 and dw > 3:
                    hr.append(Rule((top + bottom) / 2, x0, x1))
                elif dw > 3 and dh > 3 and not (dw > 0.9 * w and dh > 0.9 * h):
                    hr.extend((Rule(top, x0, x1), Rule(bottom, x0, x1)))  # a cell drawn as a box
                    vr.extend((Rule(x0, top, bottom), Rule(x1, top, bottom)))
            page.close()
            pages.append(Page(i + 1, w, h, chars, hr, vr, page_text))
    except GovclassError:
        raise
    except Exception as exc:  # pdfium reports damaged files in many ways
        raise InputError(f"{path}: not a readable PDF ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") \
            from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(f"{path}: the PDF has no pages")
    if not any(p.chars for p in pages):
        raise InputError(f"{path}: the PDF has no text layer (scanned pages?); OCR it first")
    return pages


def _path_bounds(raw, page_handle, depth: int = 3):
    """The bounds of every path object of a page, in form objects too (raw
    PDFium calls: the object wrappers cost more than the page has rules)."""
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    out: list[tuple[float, float, float, float]] = []

    def walk(count: int, get, level: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = get_type(obj)
            if kind == path:
                if get_bounds(obj, l, b, r, t):
                    out.append((l.value, b.value, r.value, t.value))
            elif kind == form and level < depth:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), level + 1)

    walk(raw.FPDFPage_CountObjects(page_handle), lambda k: raw.FPDFPage_GetObject(page_handle, k), 1)
    return out


def _em(chars: list[Char]) -> float:
    """The size of the text: the median width of its CJK characters, else
    twice the median width of the others."""
    wide = sorted(c.x1 - c.x0 for c in chars if ord(c.ch) >= 0x2e80)
    if wide:
        return max(wide[len(wide) // 2], 4.0)
    narrow = sorted(c.x1 - c.x0 for c in chars)
    return max(2 * narrow[len(narrow) // 2], 4.0) if narrow else 10.0


def text_lines(chars: list[Char], splits: "list[float] | None" = None) -> list[TextLine]:
    """Characters grouped into lines by baseline, left to right, a space
    where the gap between two characters is wide (or a vertical rule runs)."""
    out = []
    for g in _line_groups(chars):
        em = _em(g)
        parts: list[str] = []
        prev = None
        for c in g:
            if prev is not None:
                gap = c.x0 - prev.x1
                ruled = splits is not None and any(prev.cx < s < c.cx for s in splits)
                if gap > 0.3 * em or ruled:
                    parts.append(" ")
            parts.append(c.ch)
            prev = c
        out.append(TextLine(sum(c.base for c in g) / len(g), g[0].x0, g[-1].x1, "".join(parts)))
    return out


def _cluster(values: list[Rule], tol: float = 1.5) -> list[Rule]:
    """Rules on the same line (within ``tol``) whose extents touch merged into one."""
    out: list[Rule] = []
    for rule in sorted(values, key=lambda v: (v.a, v.lo)):
        for k in range(len(out) - 1, -1, -1):
            o = out[k]
            if rule.a - o.a > tol:
                out.append(rule)
                break
            if rule.lo <= o.hi + 3 and rule.hi >= o.lo - 3:
                out[k] = Rule(o.a, min(o.lo, rule.lo), max(o.hi, rule.hi))
                break
        else:
            out.append(rule)
    return out


# -- grids --------------------------------------------------------------------------

class Cellbox(NamedTuple):
    x0: float
    x1: float
    text: str


class Band(NamedTuple):
    top: float
    bottom: float
    cells: list[Cellbox]

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


class Grid(NamedTuple):
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    bands: list[Band]
    hrules: list[Rule]  # the horizontal rules of the grid
    chars: list[Char]


def _grids(page: Page) -> list[Grid]:
    """The ruled tables of a page, top to bottom."""
    hs = [h for h in _cluster(page.hrules) if h.hi - h.lo > 8]
    vs = [v for v in _cluster(page.vrules) if v.hi - v.lo > 4]
    if len(hs) < 2 or len(vs) < 2:
        return []
    # connected components of crossing rules
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.lo - 2 <= v.a <= h.hi + 2 and v.lo - 2 <= h.a <= v.hi + 2:
                parent[find(i)] = find(len(hs) + j)
    comps: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        comps.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        comps.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for hh, vv in comps.values():
        if len(hh) < 2 or len(vv) < 2:
            continue
        ys = sorted({round(h.a, 1) for h in hh})
        merged: list[float] = []
        for y in ys:
            if not merged or y - merged[-1] > 2.5:
                merged.append(y)
        top, bottom = merged[0], merged[-1]
        x0, x1 = min(h.lo for h in hh), max(h.hi for h in hh)
        chars = sorted((c for c in page.chars if top - 1 <= c.cy <= bottom + 1 and x0 - 1 <= c.cx <= x1 + 1),
                       key=lambda c: c.cy)
        centres = [c.cy for c in chars]
        bands = []
        for ya, yb in zip(merged, merged[1:]):
            mid = (ya + yb) / 2
            xs = sorted({v.a for v in vv if v.lo - 1 <= mid <= v.hi + 1})
            if len(xs) < 2:
                continue
            inside = chars[bisect_left(centres, ya):bisect_left(centres, yb)]
            for sa, sb, part in _rows_of_band(ya, yb, inside):
                cells = []
                for xa, xb in zip(xs, xs[1:]):
                    if xb - xa < 2:
                        continue
                    these = [c for c in part if xa <= c.cx < xb]
                    cells.append(Cellbox(xa, xb, _cell_text(these)))
                bands.append(Band(sa, sb, cells))
        if bands:
            grids.append(Grid(page.number, top, bottom, x0, x1, bands, hh, chars))
    grids.sort(key=lambda g: g.top)
    return grids


def _rows_of_band(ya: float, yb: float, chars: list[Char]) -> list[tuple[float, float, list[Char]]]:
    """A band between two horizontal rules is one row, unless the table draws
    no rule between its rows: then two or more of its text lines start with a
    code and print a figure, and each such line is a row of its own (a
    wrapped name's other lines go to the row nearest them).  A figure split
    over two lines of its cell does not start a row."""
    lines = text_lines(chars)
    anchors = [ln.y for ln in lines if _BAND_ROW.match(ln.text) and _BAND_FIGURE.search(ln.text.replace(" ", ""))]
    if len(anchors) < 2:
        return [(ya, yb, chars)]
    cuts = [ya] + [(a + b) / 2 for a, b in zip(anchors, anchors[1:])] + [yb]
    out = []
    for sa, sb in zip(cuts, cuts[1:]):
        part = [c for c in chars if sa <= c.base < sb] if sb != yb else [c for c in chars if sa <= c.base]
        out.append((sa, sb, part))
    return out


_BAND_ROW = re.compile(r"^\s*(?:[\[【]?[1235]\d{2}(?:\s?\d{2}){0,3}(?![\d.,])|合\s*计|总\s*计)")
_BAND_FIGURE = re.compile(r"\d\.\d{2}(?!\d)|\d,\d{3}(?![\d])")


# -- tables printed without rules ---------------------------------------------------

def _line_groups(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by baseline, each line left to right."""
    ordered = sorted(chars, key=lambda c: c.base)
    groups: list[list[Char]] = []
    last = None
    for c in ordered:
        height = max(c.bottom - c.top, 2.0)
        if last is not None and abs(c.base - last) <= max(1.5, 0.3 * height):
            groups[-1].append(c)
        else:
            groups.append([c])
            last = c.base
    for g in groups:
        g.sort(key=lambda c: c.x0)
    return groups


def _words(group: list[Char]) -> list[tuple[float, float, str]]:
    """The words of a line: runs of characters closer than half an em; a
    figure that ends in its decimals ends its word when a digit follows
    after any gap (two figures of adjacent columns)."""
    em = _em(group)
    out: list[list[Char]] = []
    for c in group:
        gap = c.x0 - out[-1][-1].x1 if out else 0.0
        ended = out and c.ch.isdigit() and gap > min(0.8, 0.15 * em) and re.search(
            r"\d\.\s?\d{2}$", "".join(x.ch for x in out[-1][-4:]))
        if out and gap <= 0.5 * em and not ended:
            out[-1].append(c)
        else:
            out.append([c])
    return [(w[0].x0, w[-1].x1, "".join(c.ch for c in w)) for w in out]


_PART_ROW = re.compile(r"^\s*\d{2}\s+[\u4e00-\u9fff]")
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])")  # a whole figure in thousands (257,700)
# the headings of a code's tiers (类 款 项 目): a line of figures beside them is a row's, set high, not a row
_TIERS = re.compile(r"^[类款项目]+$")
_UNRULED_ROW = re.compile(r"^\s*(?:[\[【]?[1235]\d{2}(?:\s?\d{2}){0,3}(?![\d.,])|合\s*计|总\s*计)")


class _Heading(NamedTuple):
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    number: bool  # column numbering (1 2 3, **, 栏次)
    leaf: bool  # no heading under it


def _wrapped_rows(words: list[list]) -> list[list]:
    """Headings wrapped over two lines in a row of cells (一般公共预算 / 拨款收入, 政府性基金预 /
    算拨款收入 … side by side): every heading of a line (two at least) has one word on the next line
    right under it, centred under it, under no other; each pair is one heading.  Words are
    [x0, x1, top, bottom, text], sorted by top."""
    def under(upper: list, lower: list) -> bool:
        em = upper[3] - upper[2]
        if any(NUMBERING_CELL.match(x[4]) or set(x[4]) <= {"*"} for x in (upper, lower)):
            return False  # the column numbering is not a heading's piece
        return lower[0] < upper[1] and lower[1] > upper[0] and abs(
            (lower[0] + lower[1]) - (upper[0] + upper[1])) / 2 <= em and lower[1] - lower[0] <= upper[1] - upper[0] + em

    changed = True
    while changed:
        changed = False
        tops = sorted({w[2] for w in words})
        for top in tops:
            line = [w for w in words if w[2] == top]
            h = max(w[3] - w[2] for w in line)
            below = [w for w in words if top + 0.6 * h < w[2] <= max(x[3] for x in line) + 1.5 * h and
                     any(under(x, w) for x in line)]
            if len(line) < 2 or not below:
                continue
            nxt = min(w[2] for w in below)
            lower = [w for w in below if abs(w[2] - nxt) <= 2]
            if any(x[2] >= max(w[3] for w in line) - 1 and x[3] <= nxt + 1 for x in words) and any(
                    abs(x[2] - nxt) <= 2 and not any(x is v for v in lower) for x in words):
                # a line stands between (合计 set between two tiers) and the lower line holds headings of its own
                # (类 款 项 under 科目编码, 小计 人员支出 … under 基本支出): a tier of headings, not pieces of one
                continue
            pairs = [[v for v in lower if under(w, v)] for w in line]
            if all(len(p) == 1 for p in pairs) and len({id(p[0]) for p in pairs}) == len(line) and not any(
                    sum(1 for w in line if v[0] < w[1] and v[1] > w[0]) > 1 for p in pairs for v in p):
                for w, (v,) in zip(line, pairs):
                    w[:] = [min(w[0], v[0]), max(w[1], v[1]), w[2], v[3], w[4] + v[4], "wrapped"]
                    words.remove(v)
                changed = True
                break
    return words


def _heading_blocks(chars: list[Char]) -> list[_Heading]:
    """The headings of a header printed without rules: its words (letter-
    spaced 合 计 and 其中： 基本支出 joined), a heading wrapped over lines
    set close (对附属单 / 位补助支 / 出: each piece has one piece right under
    it, no wider than itself, with no other heading near on that line) joined; a heading is a leaf when no heading
    stands under it (基本支出 over 人员支出 and 公用经费 is not)."""
    words = []
    for g in _line_groups(chars):
        top, bottom = min(c.top for c in g), max(c.bottom for c in g)
        em = _em(g)
        for a, b, w in _words(g):
            prev = words[-1] if words and words[-1][2] == top else None
            if prev is not None and (prev[4].endswith(("：", ":", "、")) or (
                    len(prev[4]) == 1 and len(w) == 1 and ord(w) >= 0x2e80 and ord(prev[4][-1]) >= 0x2e80 and
                    (a - prev[1] <= 1.0 * em or (prev[4] + w in SPACED_HEADINGS and a - prev[1] <= 8 * em)))):
                prev[1], prev[4] = b, prev[4] + w
                continue
            words.append([a, b, top, bottom, w])
    words.sort(key=lambda w: w[2])
    words = _wrapped_rows(words)

    def numbering(v) -> bool:
        return bool(NUMBERING_CELL.match(v[4])) or set(v[4]) <= {"*"}

    def under(w) -> list:
        h = w[3] - w[2]
        return [v for v in words if v is not w and v[2] >= w[2] + 0.5 * h and v[0] < w[1] - 0.5 and v[1] > w[0] + 0.5
                and not numbering(v)]

    def beside(w, v) -> bool:
        """``v`` stands under another heading of ``w``'s line (the next heading wraps too), not beside
        the piece under ``w`` as one of ``w``'s children would."""
        return any(o is not w and abs(o[2] - w[2]) <= 2 and o[0] < v[1] - 0.5 and o[1] > v[0] + 0.5 for o in words)

    def flush(w, v) -> bool:
        """``v`` goes on ``w``'s text: set on the next line with no leading, from the same left edge
        (使用非财 / 政拨款结 / 余), however near the next column's heading stands."""
        return abs(v[0] - w[0]) <= 1.0 and v[2] - w[3] <= 0.3 * (w[3] - w[2])

    merged = True
    while merged:
        merged = False
        for w in reversed(words):  # from the bottom up: a heading wrapped over several lines joins upwards
            if numbering(w):
                continue
            below = under(w)
            near = [v for v in below if v[2] - w[3] <= 0.7 * (w[3] - w[2]) and len(v) == 5]  # (not a whole heading)
            em = w[3] - w[2]
            # (the headings further down stand beside the lower piece, under the joined heading:
            # 部门预算经济分类科目 / 编码 over 类 and 款; one under the lower piece makes it a heading of its own)
            if len(near) == 1 and all(v is near[0] or v[2] >= near[0][3] and not (
                    v[0] < near[0][1] - 0.5 and v[1] > near[0][0] + 0.5) for v in below) and \
                    (near[0][1] - near[0][0] <= w[1] - w[0] + 1.0 or
                     near[0][0] >= w[0] - 1.5 * em and near[0][1] <= w[1] + 1.5 * em) and \
                    (flush(w, near[0]) or not any(v is not near[0] and abs(v[2] - near[0][2]) <= 2 and
                                                  v[0] < w[1] + 2 * em and v[1] > w[0] - 2 * em and not beside(w, v)
                                                  for v in words)):
                v = near[0]
                w[:] = [min(w[0], v[0]), max(w[1], v[1]), w[2], v[3], w[4] + v[4]]
                words.remove(v)
                merged = True
                break
    return [_Heading(w[0], w[1], w[2], w[3], w[4], numbering(w), numbering(w) or not under(w)) for w in words]


def _centred_reach(h: "_Heading", x0: float, x1: float, free: list) -> tuple[float, float]:
    """A heading over others stands centred over all its children: the reach [x0, x1] of the ones
    found under it widened by the next heading on the left or right (on their line or lower, under no
    other heading) while that brings the reach's centre nearer the heading's (2026年政府采购项目 over
    its 小计 set lower than its two 其中 columns)."""
    centre = (h.x0 + h.x1) / 2
    while True:
        left = max((v for v in free if v.x1 <= x0 + 0.5), key=lambda v: v.x1, default=None)
        right = min((v for v in free if v.x0 >= x1 - 0.5), key=lambda v: v.x0, default=None)
        now = abs((x0 + x1) / 2 - centre)
        options = [(abs((a + b) / 2 - centre), a, b) for a, b in
                   ([(left.x0, x1)] if left else []) + ([(x0, right.x1)] if right else [])]
        best = min(options, default=None)
        if best is None or best[0] >= now - 1.0:
            return x0, x1
        x0, x1 = best[1], best[2]


def _unruled_labels(chars: list[Char], edges: list[float]) -> list[str]:
    """Each leaf column's label in a header printed without rules: the
    headings over it, top to bottom (基本支出/人员支出).  A heading over
    others reaches over the headings it stands above and over their
    neighbours on the same line up to a heading another one stands above
    (基本支出 over 小计, 人员经费 and 公用经费)."""
    blocks = [h for h in _heading_blocks(chars) if not h.number]
    span: dict[int, tuple[float, float]] = {}
    for k, h in enumerate(blocks):
        if h.leaf:
            span[k] = (h.x0, h.x1)
            continue
        kids = [v for v in blocks if v.top >= h.top + 0.5 * (h.bottom - h.top) and v.x0 < h.x1 - 0.5 and
                v.x1 > h.x0 + 0.5]
        line = min(v.top for v in kids)
        x0, x1 = min(v.x0 for v in kids), max(v.x1 for v in kids)
        row = sorted((v for v in blocks if abs(v.top - line) <= 2), key=lambda v: v.x0)
        other = [o for o in blocks if o is not h and not o.leaf and o.bottom <= line]

        def claimed(v) -> bool:
            return any(o.x0 < v.x1 and o.x1 > v.x0 for o in other)

        inside = [i for i, v in enumerate(row) if v.x0 < x1 and v.x1 > x0]
        if inside:
            lo, hi = inside[0], inside[-1]
            # (a heading set higher than the children's line stands between as a column of its own:
            # 科目名称 and 合计 beside 科目编码's 类 款 项 stop it)
            beside = [v for v in blocks if v.leaf and v.top < line - 2 and v.top > h.bottom - 2 and v is not h]

            def between(a, b) -> bool:
                return any(v.x0 >= a.x1 - 0.5 and v.x1 <= b.x0 + 0.5 for v in beside)

            while lo > 0 and not claimed(row[lo - 1]) and row[lo - 1].top > h.bottom and \
                    not between(row[lo - 1], row[lo]):
                lo -= 1
            while hi + 1 < len(row) and not claimed(row[hi + 1]) and row[hi + 1].top > h.bottom and \
                    not between(row[hi], row[hi + 1]):
                hi += 1
            x0, x1 = min(x0, row[lo].x0), max(x1, row[hi].x1)
        x0, x1 = _centred_reach(h, x0, x1, [v for v in blocks if v.top >= line - 2 and not claimed(v) and v.leaf])
        span[k] = (min(x0, h.x0), max(x1, h.x1))
    labels = []
    for xa, xb in zip(edges, edges[1:]):
        over = [h for k, h in enumerate(blocks)
                if min(span[k][1], xb) - max(span[k][0], xa) >= 0.25 * min(span[k][1] - span[k][0], xb - xa)]
        parts: list[str] = []
        for h in sorted(over, key=lambda h: h.top):
            t = _norm(h.text)
            if t and not UNIT_LINE.search(t) and (not parts or parts[-1] != t):
                parts.append(t)
        labels.append("/".join(parts))
    return labels


def _tier_names(bands: list[Band], g: "Grid") -> list[Char]:
    """The characters of the tier names (类 款 项) printed in a first row's code cells, on its figures'
    line: the headings of their columns, under the heading over them (科目编码)."""
    return [c for b in bands for cell in b.cells if _TIERS.match(_norm(cell.text))
            for c in g.chars if b.top <= c.cy < b.bottom and cell.x0 <= c.cx < cell.x1]


def _drawn_columns(vrules: "list[Rule]", first: list[Char], last: list[Char]) -> list[float]:
    """The vertical rules drawn down a body, through most of it from its first row to its last (a
    merged cell such as 合计 over the code and name may stop one): the columns as the printer drew them."""
    top, bottom = min(c.top for c in first), max(c.bottom for c in last)
    xs: list[float] = []
    for v in sorted(vrules, key=lambda v: v.a):
        if min(v.hi, bottom) - max(v.lo, top) >= 0.8 * (bottom - top) and (not xs or v.a - xs[-1] > 3):
            xs.append(v.a)
    return xs


def _unruled_rules(chars: list[Char], vrules: "list[Rule] | None" = None,
                   hrules: "list[Rule] | None" = None) -> tuple[list[Rule], list[Rule]]:
    """Ruling lines for the tables of a page printed without any, drawn from
    the text's own alignment, so that such a table is read as a ruled one:

    - the body is a run of lines in which rows start with a code (or 合计)
      and print a figure; a line with neither (a wrapped name) belongs to
      the nearest row, so a rule is drawn half-way between two rows;
    - the header is the lines just above the body, up to the title or the
      unit line (at most four), a rule between each;
    - columns are the gaps that no word of the body crosses, widened by the
      header's lowest words (a heading over a column left blank in every
      row is still a column).

    - where vertical rules are drawn down the body (``vrules``: a table whose
      horizontal rules are missing or not seen), they are its columns;
    - where horizontal rules are drawn across it (``hrules``: a three-line table, or vertical
      rules missing or not seen), the one under the header and the one between two rows are the
      cuts, in place of the half-way lines.

    Returns (horizontal, vertical) rules; none when the page prints no such
    table."""
    vrules = vrules or []
    groups = _line_groups(chars)
    if not groups:
        return [], []
    texts = [" ".join(w for _a, _b, w in _words(g)) for g in groups]
    ys = [sum(c.base for c in g) / len(g) for g in groups]
    heights = [max(max(c.bottom for c in g) - min(c.top for c in g), 2.0) for g in groups]
    centres = [sum(c.cy for c in g) / len(g) for g in groups]

    def is_row(i: int) -> bool:
        t = texts[i]
        compact = re.sub(r"([,.])\s+(?=\d)", r"\1", t)
        return bool(_UNRULED_ROW.match(t)) and bool(_LOOSE_FIGURE.search(compact) or _GROUPED.search(compact) or
                                                   _BAND_FIGURE.search(compact.replace(" ", "")))

    def figure_only(i: int) -> bool:
        return bool(_LOOSE_FIGURE.search(texts[i])) and not re.search(r"[\u4e00-\u9fff]{8}", texts[i])

    def labelled_figures(i: int) -> bool:
        """A row of figures under a label that is not a code (a unit's name, 合计): two figures or more
        and a short label."""
        compact = re.sub(r"([,.])\s+(?=\d)", r"\1", texts[i])
        figures = _LOOSE_FIGURE.findall(compact)
        label = _LOOSE_FIGURE.sub("", compact).replace(" ", "")
        return len(figures) >= 2 and 0 < len(label) <= 24 and not SENTENCE.search(label) and bool(
            re.search(r"[\u4e00-\u9fff]", label)) and not _TIERS.match(label)

    def part_row(i: int) -> bool:
        """Within a body, a row of a 款 or 项 printed under its 类 (05 行政事业单位离退休 22.12)."""
        compact = re.sub(r"([,.])\s+(?=\d)", r"\1", texts[i])
        return bool(_PART_ROW.match(texts[i])) and bool(_LOOSE_FIGURE.search(compact) or _GROUPED.search(compact))

    def under_tiers(i: int) -> bool:
        """A 款 or 项 row right under the 类 款 项 tier names: the first row of a table going on from
        the page before (its 类's row printed there)."""
        return part_row(i) and i > 0 and ys[i] - ys[i - 1] <= 3.0 * heights[i] and len(
            texts[i - 1].split()) >= 2 and all(_TIERS.match(w) for w in texts[i - 1].split())

    def beside_row(i: int) -> bool:
        """Figures set a little above or below a row's line, their boxes meeting it: that row's."""
        return any(0 <= q < n and abs(ys[q] - ys[i]) <= max(heights[q], heights[i]) and (is_row(q) or part_row(q))
                   for q in (i - 1, i + 1))

    def coded(i: int) -> bool:
        """A row that starts with a code and its name and prints no figure (its cells blank), set apart
        from the lines around it (a code and name wrapped around a line of figures are that line's)."""
        m = _LOOSE_ROW.match(texts[i])
        return bool(m) and _code_shape(m.group(1).replace(" ", "")) and not (
            i > 0 and touching(i - 1, i) or i + 1 < n and touching(i, i + 1))

    def blank_rows(i: int) -> bool:
        """A run of coded rows, three at least, printing no figure (a template, a table left blank)."""
        run = [i]
        for j in range(i + 1, min(n, i + 8)):
            if ys[j] - ys[run[-1]] > 3.0 * heights[j] or sentence(j):
                break
            if coded(j):
                run.append(j)
        return coded(i) and not sentence(i) and len(run) >= 3

    def short_label(i: int) -> bool:
        t = texts[i].replace(" ", "")
        return len(t) <= 16 and not any(ch.isdigit() for ch in t) and not headings(i) and not sentence(i)

    def touching(a: int, b: int) -> bool:
        """Two lines set so close that their boxes meet: one printed row."""
        return ys[b] - ys[a] <= max(heights[a], heights[b])

    def headings(i: int, least: int = 2) -> bool:
        """A line of column headings (科目编码 科目名称 支出总计 …)."""
        return sum(1 for _a, _b, w in _words(groups[i]) if len(w) <= 12 and _HEADER_WORD.search(_norm(w))) >= least

    def sentence(i: int) -> bool:
        t = re.sub(r"(?<=\d),(?=\d)", "", texts[i].replace(" ", ""))
        return t.startswith(("注", "说明")) or (len(t) > 30 and bool(SENTENCE.search(t)) and not is_row(i))

    hr: list[Rule] = []
    vr: list[Rule] = []
    i = 0
    n = len(groups)
    while i < n:
        if not (is_row(i) or blank_rows(i) or under_tiers(i)):
            i += 1
            continue
        # the body: rows, and the lines between them that are near (wrapped names, figure rows)
        rows = [i]
        j = i + 1
        step = 4.0 * heights[i]  # rows of small type may stand far apart (7 pt text on a 21 pt pitch)
        while j < n and not sentence(j) and ys[j] - ys[j - 1] <= step:
            if is_row(j) or part_row(j) or figure_only(j) or labelled_figures(j) or coded(j):
                rows.append(j)
            j += 1
        last = rows[-1]
        if len(rows) < 2:
            i = j
            continue
        body = list(range(i, last + 1))
        # trailing wrapped lines of the last row
        while last + 1 < n and not sentence(last + 1) and not is_row(last + 1) and \
                ys[last + 1] - ys[last] <= 1.6 * heights[last] and not _looks_like_title(texts[last + 1]):
            last += 1
            body.append(last)
        # rows with figures and no code just above (合计, a unit's own line) open the body
        # (a label wrapped around its figures' line, the figures set between its lines, goes with them)
        while i > 0 and not sentence(i - 1) and ys[i] - ys[i - 1] <= step:
            k = i - 1
            if not (figure_only(k) or labelled_figures(k) or short_label(k) and (
                    k > 0 and touching(k - 1, k) and (figure_only(k - 1) or labelled_figures(k - 1)) or
                    touching(k, i) and (figure_only(i) or labelled_figures(i)))):
                break
            i = k
            body.insert(0, i)
        # the header: up to four lines above, stopping at a title, a unit line or a sentence
        head: list[int] = []
        k = i - 1
        n_tiers = 0
        while k >= 0 and (ys[k + 1] - ys[k] <= 3.0 * max(heights[k], heights[k + 1]) or (
                not head and ys[k + 1] - ys[k] <= 6.0 * heights[k] and headings(k, 1))):
            t = texts[k].replace(" ", "")
            if UNIT_LINE.search(t) or _looks_like_title(t) or sentence(k) or t.startswith(("编制单位", "填报单位")):
                break
            if not head or max(c.bottom for c in groups[k]) + 0.5 * heights[k] < min(c.top for c in groups[head[0]]):
                n_tiers += 1  # a new tier of headings (lines whose boxes touch are one)
                if n_tiers > 3:
                    break
            head.insert(0, k)
            k -= 1
        # wrapped name lines just above the first row belong to it, not to the header
        while head and not _has_header_words([Band(0, 0, [Cellbox(0, 0, w) for _a, _b, w in _words(groups[head[-1]])])]) \
                and not any(_HEADER_WORD.search(_norm(w)) for _a, _b, w in _words(groups[head[-1]])) \
                and ys[i] - ys[head[-1]] <= 1.6 * heights[i]:
            body.insert(0, head.pop())
        # columns: the gaps that no word of the body crosses, widened by the headings with no heading
        # under them and by the column numbering (1 2 3, **)
        # (the numbering stands where its column is, neither a heading nor a figure of the body)
        spans = sorted((a, b, 3) for r in body for a, b, _w in _words(groups[r]))
        blocks = _heading_blocks([c for r in head for c in groups[r]])
        spans += [(h.x0, h.x1, 4 if h.number else 2) for h in blocks if h.leaf]
        spans.sort()
        merged: list[list] = []  # [x0, x1, holds a heading, holds a figure or name, holds a number]
        for a, b, what in spans:
            if merged and a <= merged[-1][1] + 1.0:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b, False, False, False])
            merged[-1][what] = True
        # a heading centred over short right-aligned figures (or left-aligned codes) stands clear of them:
        # heading and figures are one column when nothing comes between, the heading nearer the figures
        # when one stands on each side (a heading alone between two headed columns is a blank column)
        merged = _join_headings(merged)
        merged = _join_broken(merged, [_words(groups[r]) for r in body], _em([c for r in body for c in groups[r]]))
        rows_all = [*head, *body]
        top = min(min(c.top for c in groups[r]) for r in rows_all) - 2
        bottom = max(max(c.bottom for c in groups[r]) for r in rows_all) + 2
        left, right = merged[0][0] - 2, merged[-1][1] + 2
        xs = [left] + [(merged[m][1] + merged[m + 1][0]) / 2 for m in range(len(merged) - 1)] + [right]
        drawn = _drawn_columns(vrules, groups[body[0]], groups[body[-1]])
        drawn = [x for x in drawn if left - 20 <= x <= right + 20]
        if len(drawn) >= 2:  # the printer drew the columns (no horizontal rules, or ones not seen): its lines
            xs = sorted({*drawn, *([left] if min(drawn) > left + 4 else []), *([right] if max(drawn) < right - 4 else [])})
        if len(xs) < 3:
            i = j
            continue
        # one band for the header (its labels are read from the headings' tree, _unruled_labels), one per row
        body_top = (max(c.bottom for c in groups[head[-1]]) + min(c.top for c in groups[body[0]])) / 2 \
            if head else top
        across = _drawn_across(hrules or [], xs[0], xs[-1])
        if head:
            body_top = _drawn_between(across, max(c.bottom for c in groups[head[-1]]) - 1,
                                      min(c.top for c in groups[body[0]]) + 1, body_top)
        vr += [Rule(x, top, bottom) for x in xs]
        cuts = [top, body_top]
        anchors = [r for r in body if is_row(r) or part_row(r) or labelled_figures(r) or coded(r) or (
            figure_only(r) and not beside_row(r))]
        cuts += [_drawn_between(across, centres[a], centres[b], (centres[a] + centres[b]) / 2)
                 for a, b in zip(anchors, anchors[1:])]
        cuts.append(bottom)
        hr += [Rule(y, xs[0], xs[-1]) for y in sorted(set(cuts))]
        i = last + 1
    return hr, vr


def _drawn_across(hrules: "list[Rule]", x0: float, x1: float) -> list[float]:
    """The heights of the horizontal rules drawn across most of a table's width [x0, x1]."""
    return sorted(h.a for h in hrules if min(h.hi, x1) - max(h.lo, x0) >= 0.8 * (x1 - x0))


def _drawn_between(across: list[float], lo: float, hi: float, otherwise: float) -> float:
    """The one rule drawn between ``lo`` and ``hi``, else ``otherwise`` (none, or several: not a cut
    the alignment can trust)."""
    inside = [y for y in across if lo < y < hi]
    return inside[0] if len(inside) == 1 else otherwise


def _join_broken(spans: list[list], lines: list[list], em: float) -> list[list]:
    """Two spans side by side, one with no heading, are one column when the words of one
    of them each go on, on their own line, within an em into the other (深圳市司法局 （本级）, 因公出国
    （境） 费用: names broken by a space), not a stray column that splits the table from its
    continuation.  ``lines``: the words of each body line."""
    def inside(w, s) -> bool:
        return s[0] - 0.5 <= w[0] and w[1] <= s[1] + 0.5

    def goes_on(a, b, first: bool) -> bool:
        """Every line with a word in ``a`` (``first``) or in ``b`` has one in ``a`` followed within an
        em by one in ``b``."""
        mine = [ln for ln in lines if any(inside(w, a if first else b) for w in ln)]
        return bool(mine) and all(any(inside(w, a) and any(inside(v, b) and 0 <= v[0] - w[1] <= em for v in ln)
                                      for w in ln) for ln in mine)

    m = 0
    while m + 1 < len(spans):
        a, b = spans[m], spans[m + 1]
        unheaded = (not a[2] and not a[4]) or (not b[2] and not b[4])  # (a column's numbering heads it)
        if unheaded and (goes_on(a, b, True) or goes_on(a, b, False)):
            spans[m:m + 2] = [[a[0], b[1], a[2] or b[2], True, a[4] or b[4]]]
            continue
        m += 1
    return spans


def _join_headings(spans: list[list]) -> list[list]:
    """Column spans [x0, x1, holds a heading, holds body text, holds a number]: each span of body text
    with no heading joined to the span of a heading with no body text beside it, the nearer one when
    both sides have one (a number under the heading goes with it)."""
    def alone(k: int, head: bool) -> bool:
        return 0 <= k < len(spans) and spans[k][2] == head and spans[k][3] != head and not (
            not head and spans[k][4])

    m = 0
    while m < len(spans):
        if alone(m, False):
            left = spans[m][0] - spans[m - 1][1] if alone(m - 1, True) else None
            right = spans[m + 1][0] - spans[m][1] if alone(m + 1, True) else None
            if left is not None and (right is None or left <= right):
                spans[m - 1:m + 1] = [[spans[m - 1][0], spans[m][1], True, True, True]]
                continue
            if right is not None:
                spans[m:m + 2] = [[spans[m][0], spans[m + 1][1], True, True, True]]
        m += 1
    return spans


def _cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines in order, joined without a break (a name
    wrapped in its cell), words within a line by one space."""
    if not chars:
        return ""
    lines = text_lines(chars)
    text = "".join(ln.text if i == 0 or not _needs_space(lines[i - 1].text, ln.text) else " " + ln.text
                   for i, ln in enumerate(lines)).strip()
    compact = text.replace(" ", "")
    if FIGURE.match(compact) or _CODE.match(compact) or not any(ch.isdigit() for ch in compact):
        return compact  # a figure, a code or a name: spaces there are only wide letter spacing
    return _CJK_SPACE.sub("", text)


_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +(?=[()])|(?<=[()]) +(?=[^\x00-\x7f])")


def _needs_space(before: str, after: str) -> bool:
    """Two lines of one cell stay apart when both are codes or figures."""
    return bool(before and after and before[-1].isdigit() and after[0].isdigit() and
                (FIGURE.match(after.split()[0]) or FIGURE.match(before.split()[-1])) and
                not (before.split()[-1].endswith((",", ".")) or after.startswith((",", "."))))


# -- reading ------------------------------------------------------------------------

_YEAR = re.compile(r"(20\d\d)\s*年\s*度?")


def _document_facts(pages: list[Page], lines_of: dict[int, list[TextLine]]) -> tuple[int | None, str | None,
                                                                                         str | None, str | None]:
    """Year, kind (预算/决算), scope (部门/单位) and title from the cover and
    the titles: short lines only, never a sentence of the narrative."""
    candidates: list[str] = []
    for p in pages[:3]:
        ls = [ln.text.replace(" ", "") for ln in lines_of[p.number]]
        ls = [t for t in ls if len(t) <= 40 and not SENTENCE.search(t)]
        candidates.append("".join(ls[:12]))  # a cover's lines read together ("年度部门决算" / "2024")
    for p in pages:
        for ln in lines_of[p.number]:
            t = ln.text.replace(" ", "")
            if len(t) <= 40 and "表" in t and not SENTENCE.search(t):
                candidates.append(t)
    year = kind = scope = title = None
    for text in candidates:
        m = re.search(r"(20\d\d)年度?(部门|单位)?(预算|决算)", text) or re.search(
            r"(部门|单位)?(预算|决算)[^\d]{0,8}(20\d\d)", text)
        if m:
            digits = [g for g in m.groups() if g and g.isdigit()]
            year = year or int(digits[0])
            kind = kind or next(g for g in m.groups() if g in ("预算", "决算"))
            scope = scope or next((g for g in m.groups() if g in ("部门", "单位")), None)
            if year and kind:
                break
    if year is None:
        for text in candidates:
            m = _YEAR.search(text)
            if m:
                year = int(m.group(1))
                break
    if kind is None:
        joined = "".join(candidates[:3])
        kind = "决算" if "决算" in joined else "预算" if "预算" in joined else None
    if scope is None:
        joined = "".join(candidates[:3])
        scope = "单位" if re.search(r"单位(?:预算|决算)", joined) and "部门预算" not in joined else \
            "部门" if "部门" in joined else None
    for p in pages[:3]:  # the cover's title, printed on one to three lines
        ls = [ln.text.replace(" ", "") for ln in lines_of[p.number]]
        found = []
        for i in range(len(ls)):
            for n in (1, 2, 3):
                text = "".join(ls[i:i + n])
                m = re.fullmatch(r"([^\d]{2,40}?)(20\d\d)年度?(部门|单位)(预算|决算)(?:公开)?", text)
                if m and not re.search(r"目录|部分|[一二三四五六七八九十]、", m.group(1)):
                    found.append(f"{m.group(1)}{m.group(2)}年{m.group(3)}{m.group(4)}")
        if found:
            title = max(found, key=len)
            break
    return year, kind, scope, title


class _Table:
    """A table being read: its title, unit, header columns and rows."""

    def __init__(self, title: str, page: int, unit: str | None, kind: str | None):
        self.title = title
        self.page = page
        self.unit = unit
        self.kind = kind
        self.edges: list[float] = []  # x of the leaf column edges
        self.header: list[str] = []  # per leaf column
        self.caption: list[str] = []  # what the frame prints above the header: title, number, unit line, date
        self.rows: list[tuple[int, Band]] = []  # (page, band)
        self.aligned = False  # some of its rows were placed by the text's alignment (no rules)


_HEADER_WORD = re.compile(r"^(?:项目|科目|类|款|项|金额|预算数|决算数|合计|小计|总计|栏次|行次|收入|支出|单位)$|"
                          r"编码$|代码$|名称$|科目$|预算数$|决算数$|经费$|支出$|收入$|预算$|\(万?元\)$")


def _has_header_words(bands: list[Band]) -> bool:
    """Whether bands read as a table header (column headings), not as rows
    of a table that goes on (labels such as 十四、资源勘探工业信息等支出
    with no figures).  A heading is short; a row label rarely is a bare
    heading word."""
    cells = [_norm(c.text) for b in bands for c in b.cells if c.text]
    heads = [c for c in cells if len(c) <= 12 and _HEADER_WORD.search(c) and not re.match(r"^[一二三四五六七八九十]+、", c)]
    return len(heads) >= 2


def _same_columns(a: list[float], b: list[float]) -> bool:
    """Two grids with the same columns: every edge of one within 6 pt of an
    edge of the other, but for at most one narrow margin column."""
    def missing(x: list[float], y: list[float]) -> int:
        return sum(1 for e in x if not any(abs(e - f) < 6 for f in y))
    return bool(a and b) and missing(a, b) <= 1 and missing(b, a) <= 1 and abs(len(a) - len(b)) <= 1


def _merged_columns(a: list[float], b: list[float]) -> bool:
    """A grid whose columns are a table's with some merged (a 合计 cell over
    the code columns): the same outer edges, every edge of it one of the
    table's, fewer of them."""
    return bool(a and b) and len(a) < len(b) and abs(a[0] - b[0]) < 6 and abs(a[-1] - b[-1]) < 6 and all(
        any(abs(e - f) < 6 for f in b) for e in a)


def _looks_like_title(text: str) -> bool:
    t = text.replace(" ", "")
    return 4 <= len(t) <= 70 and not SENTENCE.search(t.replace(",", "")) and bool(
        TITLE_END.search(t)) and not t.startswith(("编制单位", "填报单位", "单位"))


_CAPTION_META = re.compile(r"^(?:编制单位|填报单位|金额单位|单位名称|部门名称|部门|单位)[:：]|单位[:：]?(?:万元|亿元|元)$")
_DATE = re.compile(r"^[(（]?\d{4}年度?(?:\d{1,2}月(?:\d{1,2}日)?)?[)）]?$")


def _unit_line(text: str) -> bool:
    """单位：万元, 单位：某局, 编制单位：…, 金额单位：元."""
    t = _norm(text)
    return bool(_CAPTION_META.search(t) or UNIT_LINE.search(t))


def _number_or_date(text: str) -> bool:
    """A table's number alone (公开02表, 预算01表, 表1) or its date (2026年度)."""
    t = _norm(text)
    return bool(_DATE.match(t) or ("表" in t and not fold_title(t)))


def _is_caption(band: Band, width: float) -> bool:
    """A band that captions a table rather than heads its columns: unit lines,
    and at most one number, date or title, a title across most of the table
    (2018年 | 2019年 | 增减变化情况 is a header of periods; 预算执行情况 over
    some columns heads them)."""
    rest = [c for c in band.cells if c.text and not _unit_line(c.text)]
    return len(rest) <= 1 and all(_number_or_date(c.text) or (
        c.x1 - c.x0 > 0.6 * width and _looks_like_title(_norm(c.text))) for c in rest)


def _caption_bands(bands: list[Band], width: float) -> int:
    """How many of a grid's first bands are its caption, drawn inside its
    ruled frame (the title, the table number, the unit line, the date; see
    :func:`_is_caption`), with the blank bands among them."""
    n = 0
    for k, b in enumerate(bands):
        texts = [c.text for c in b.cells if c.text]
        if texts and not _is_caption(b, width):
            break
        if texts:
            n = k + 1
    return n


def _leaf_edges(bands: list[Band]) -> list[float]:
    xs: Counter = Counter()
    for b in bands:
        for c in b.cells:
            xs[round(c.x0)] += 1
            xs[round(c.x1)] += 1
    edges = sorted(xs)
    out: list[float] = []
    for x in edges:
        if not out or x - out[-1] > 3:
            out.append(x)
    return out


def _is_data_band(band: Band) -> bool:
    texts = [t for t in band.texts() if t]
    if not texts:
        return False
    first = texts[0].replace(" ", "")
    if _CODE.match(first) or _CODE_NAME.match(texts[0]):
        return True
    if is_total_label(texts[0]) and any(is_figure_cell(t) for t in texts[1:]):
        return True
    figs = [t for t in texts if FIGURE.match(t.replace(" ", "")) and ("." in t or "," in t)]
    return bool(figs)


def _header_labels(header: list[Band], edges: list[float], grid: "Grid | None" = None) -> list[str]:
    """Each leaf column's label: the header cells above it, top to bottom,
    joined by "/" ("本年支出/基本支出").  A header cell that spans two bands
    (no rule crosses it) is read whole."""
    labels = []
    if not header:
        return [""] * (len(edges) - 1)
    top, bottom = header[0].top, header[-1].bottom
    for xa, xb in zip(edges, edges[1:]):
        mid = (xa + xb) / 2
        cuts = [top, bottom]
        if grid is not None:
            cuts += [h.a for h in grid.hrules if top + 1 < h.a < bottom - 1 and h.lo - 1 <= mid <= h.hi + 1]
        else:
            cuts += [b.top for b in header[1:]]
        cuts = sorted(set(cuts))
        parts: list[str] = []
        for ya, yb in zip(cuts, cuts[1:]):
            # the cell around (mid, segment): the widest span of the bands' cells holding mid
            x0, x1 = xa, xb
            for b in header:
                if b.top >= ya - 1 and b.bottom <= yb + 1:
                    for c in b.cells:
                        if c.x0 - 1 <= mid <= c.x1 + 1:
                            x0, x1 = min(x0, c.x0), max(x1, c.x1)
            if grid is not None:
                t = _cell_text([c for c in grid.chars if ya <= c.cy < yb and x0 <= c.cx < x1])
            else:
                t = "".join(c.text for b in header if b.top >= ya - 1 and b.bottom <= yb + 1 for c in b.cells
                            if c.x0 - 1 <= mid <= c.x1 + 1)
            t = _norm(t)
            if not t or UNIT_LINE.search(t) or t.startswith(("编制单位", "填报单位", "部门：", "单位名称")) or (
                    x1 - x0 > 0.6 * (edges[-1] - edges[0]) and _looks_like_title(t)) or NUMBERING_CELL.match(t):
                continue  # a title, a unit line, or the column numbering (栏次 1 2 3, **)
            if not parts or parts[-1] != t:
                parts.append(t)
        labels.append("/".join(parts))
    return labels


def _recut(bands: list[Band], g: Grid, edges: list[float], whole_words: bool = False) -> list[Band]:
    """Rows of a grid cut again by the columns of the table they go on.  ``whole_words`` (rows drawn
    from the alignment): a word that reaches past one of their edges by a third of its width at
    most stays whole in the column it starts in (a longer name on this page reaching past where the
    first page's names ended: 国家电影事业发展专项资金安排, 2080505机关事业单位… printed as one word)."""
    out = []
    for b in bands:
        chars = [c for c in g.chars if b.top <= c.cy < b.bottom]
        at: dict[int, float] = {}
        for line in _line_groups(chars) if whole_words else []:
            for x0, x1, w in _words(line):
                crossed = [e for e in edges if x0 < e < x1]
                if len(crossed) == 1 and x1 - crossed[0] <= (x1 - x0) / 3:
                    at.update((id(c), x0) for c in line if x0 <= c.x0 and c.x1 <= x1)
        out.append(Band(b.top, b.bottom, [Cellbox(xa, xb, _cell_text(
            [c for c in chars if xa <= at.get(id(c), c.cx) < xb])) for xa, xb in zip(edges, edges[1:])]))
    return out


def _cells_by_leaf(band: Band, edges: list[float]) -> list[str]:
    """The band's texts by leaf column ("" for a blank; a merged cell's text
    in its first leaf)."""
    out = [""] * (len(edges) - 1)
    for c in band.cells:
        for k, (xa, xb) in enumerate(zip(edges, edges[1:])):
            if c.x0 - 2 <= xa and xb <= c.x1 + 2:
                out[k] = c.text
                break
            if xa - 2 <= (c.x0 + c.x1) / 2 <= xb + 2 and c.x0 >= xa - 2:
                out[k] = c.text
                break
    return out


def read_pdf(path: str) -> Document:
    """A published disclosure PDF as a :class:`Document` (see the module docstring)."""
    pages = pdf_pages(path)
    lines_of: dict[int, list[TextLine]] = {}
    grids_of: dict[int, list[Grid]] = {}
    unruled: set[int] = set()  # the grids drawn from the text's alignment
    for p in pages:
        grids = _grids(p)
        outside = [c for c in p.chars if not any(g.top - 1 <= c.cy <= g.bottom + 1 and g.x0 - 1 <= c.cx <= g.x1 + 1
                                                 for g in grids)]
        loose = [v for v in _cluster(p.vrules) if not any(g.x0 - 2 <= v.a <= g.x1 + 2 and v.lo < g.bottom and
                                                            v.hi > g.top for g in grids)]
        hloose = [h for h in _cluster(p.hrules) if not any(g.top - 2 <= h.a <= g.bottom + 2 and h.lo < g.x1 and
                                                            h.hi > g.x0 for g in grids)]
        hr, vr = _unruled_rules(outside, loose, hloose)  # tables printed without rules, read by their alignment
        if hr:
            more = _grids(p._replace(chars=outside, hrules=hr, vrules=vr))
            unruled.update(id(g) for g in more)
            grids = sorted(grids + more, key=lambda g: g.top)
            outside = [c for c in outside if not any(
                g.top - 1 <= c.cy <= g.bottom + 1 and g.x0 - 1 <= c.cx <= g.x1 + 1 for g in more)]
        grids_of[p.number] = grids
        lines_of[p.number] = text_lines(outside)
    year, doc_kind, scope, title = _document_facts(pages, lines_of)
    final = doc_kind == "决算"
    tables: list[_Table] = []
    problems: list[Problem] = []
    current: _Table | None = None
    for p in pages:
        prev_bottom = 0.0
        framed: tuple[list[str], str | None] = ([], None)  # the titles and unit of a frame that holds them alone
        for g in grids_of[p.number]:
            if not any(c.text for b in g.bands for c in b.cells):
                continue  # an empty frame (drawn twice over a title's frame, Xi'an): nothing to read
            above = [ln for ln in lines_of[p.number] if prev_bottom <= ln.y <= g.top + 2]
            prev_bottom = g.bottom
            unit = None
            name = None
            titles: list[str] = []
            for ln in reversed(above[-6:]):
                m = UNIT_LINE.search(ln.text.replace(" ", ""))
                if m and unit is None:
                    unit = m.group(1)
                t = ln.text.replace(" ", "")
                if not m and not t.startswith(("编制单位", "填报单位", "部门：", "单位名称")) \
                        and re.search(r"[表单]$|情况$|明细$|预算$|决算$|[表]\s*[（(]", t) and len(t) <= 70 \
                        and not SENTENCE.search(t.replace(",", "")):
                    titles.append(ln.text.strip())
            # the header: bands before the first data band, after the caption drawn inside the frame
            first_data = next((i for i, b in enumerate(g.bands) if _is_data_band(b)), len(g.bands))
            header, body = g.bands[:first_data], g.bands[first_data:]
            n_caption = _caption_bands(header, g.x1 - g.x0)
            caption, header = header[:n_caption], header[n_caption:]
            for k, b in enumerate(caption + header):  # a title or a unit printed inside the table's frame
                texts = [c.text for c in b.cells if c.text]
                for t in texts:
                    m = UNIT_LINE.search(_norm(t))
                    if m and unit is None:
                        unit = m.group(1)
                if k < n_caption and len(texts) == 1 and _looks_like_title(texts[0]):
                    titles.append(texts[0])
            titles, unit, framed = titles + framed[0], unit or framed[1], ([], None)
            if caption and not header and not body:  # a frame around the title alone: it titles the next grid
                framed = (titles, unit)
                continue
            # the nearest title that names a known table, else the nearest that is more than a number (公开02表)
            name = next((x for x in titles if title_kind(x, final)), None) or next(
                (x for x in titles if fold_title(x)), None) or (titles[0] if titles else None)
            edges = _leaf_edges(body or header)
            if id(g) in unruled and not header and name is None and current is not None:
                # a table without rules going on over a page: its columns are the table's, where its
                # text stands (the gaps between this page's words need not fall where they did)
                body = _recut(body, g, current.edges, whole_words=True)
                edges = current.edges
            if current is not None and name is None and header and not _has_header_words(header) \
                    and _same_columns(_leaf_edges(g.bands), current.edges):
                header, body = [], g.bands  # rows with no figures at the top of a continued table, not a header
                edges = current.edges
            if current is not None and name is None and not header and id(g) not in unruled and \
                    _merged_columns(edges, current.edges):
                # the last rows of a table on a page of their own, a 合计 merged over its code columns (Shanghai)
                body = _recut(body, g, current.edges)
                edges = current.edges
            labels = _unruled_labels([c for c in g.chars if header[0].top <= c.cy < header[-1].bottom] +
                                     _tier_names(body[:1], g), edges) \
                if id(g) in unruled and header else _header_labels(header, edges, g)
            go_on = current is not None and name is None and (not any(labels) or labels == current.header) \
                and _same_columns(edges, current.edges)
            same_title = current is not None and name is not None and _norm(name) == _norm(current.title) \
                and _same_columns(edges, current.edges)
            if current is not None and id(g) in unruled and header and labels == current.header and \
                    len(edges) == len(current.edges) and not _same_columns(edges, current.edges) and \
                    (name is None or _norm(name) == _norm(current.title)):
                # the same table, its header repeated on the next page: the gaps between this page's words
                # need not fall where they did, its rows are cut by the table's own columns
                body = _recut(body, g, current.edges, whole_words=True)
                go_on = True
            if go_on or same_title:
                current.rows.extend((p.number, b) for b in body)  # type: ignore[union-attr]
                current.aligned |= id(g) in unruled  # type: ignore[union-attr]
                continue
            kind = title_kind(name, final) if name else None
            current = _Table(name or "", p.number, unit, kind)
            current.edges = edges
            current.header = labels
            current.caption = [c.text for b in caption for c in b.cells if c.text]
            current.rows = [(p.number, b) for b in body]
            current.aligned = id(g) in unruled
            tables.append(current)
    out_tables: list[Table] = []
    listed: dict[int, Table] = {}  # tables of codes summed over rows, as the census sees them: lists of codes
    statements: list[Statement] = []
    if year is None or doc_kind is None:  # no cover: the tables' own titles and headers ("预算01表", "（2026年度）")
        words = [t.title for t in tables] + [part for t in tables for h in t.header for part in h.split("/")] + [
            c for t in tables for c in t.caption]
        words = [w.replace(" ", "") for w in words if w and len(w) <= 60 and not SENTENCE.search(w)]
        if year is None:
            year = next((int(m.group(1)) for w in words for m in [_YEAR.search(w)] if m), None)
        if doc_kind is None:
            titles = "".join(t.title for t in tables)
            doc_kind = "决算" if "决算" in titles else "预算" if "预算" in titles else None
    default_unit = next((t.unit for t in tables if t.unit), None) or "万元"
    catalog = _catalog(year)
    aligned: list = []  # the statements and tables read by the text's alignment
    for t in tables:
        sangong = _sangong(t, t.unit or default_unit, year, final)
        if sangong is not None:  # the 三公 table in any of its layouts (govclass.readers.pdfstatements)
            statements.append(sangong)
            if t.aligned:
                aligned.append(sangong)
            continue
        said = len(problems)
        n_printed, tbl, stmt = _build(t, t.unit or default_unit, final, problems, catalog, KINDS, listed)
        if t.kind == "income" and not n_printed and tbl is None and stmt is None and t.rows:  # by unit, not by code
            by_unit = units_total_table(t.title, t.unit or default_unit, t.kind, t.header,
                                        [(_cells_by_leaf(b, t.edges), page) for page, b in t.rows])
            tbl = [by_unit] if by_unit is not None else None
        if tbl is None and stmt is None and len(problems) == said:
            problems.extend(_unread_table(t))  # rows that gave nothing and said nothing: never dropped silently
        if t.aligned and tbl:  # what the alignment placed and the table's own checks reject is not read
            tbl = _unproven_lines(tbl, year, problems)
        for one in tbl or ():
            running = admin_running_statement(one, t.title)
            if running is not None:
                statements.append(running)
                if t.aligned:
                    aligned.append(running)
        if tbl is not None:
            out_tables.extend(tbl)
            if t.aligned:
                aligned.extend(tbl)
        if stmt is not None:
            statements.append(stmt)
            if t.aligned:
                aligned.append(stmt)
    narrative = _narrative_units(pages)
    if aligned:  # what the alignment placed and a check between tables rejects is not read
        _unproven_between(out_tables, statements, aligned, year, narrative, problems)
    # Fail closed: every row the pages print with a code (govclass.readers.pdfcensus, counted from
    # the text alone, inside and outside the grids) is read, or reported as not read.
    problems, coverage = fail_closed(path, pages, tables, [listed.get(id(t), t) for t in out_tables], statements,
                                     problems, catalog, doc_kind, text_lines, _line_groups)
    return Document(tuple(out_tables), year, title, doc_kind, path, tuple(statements), tuple(problems), "pdf",
                    narrative=narrative, coverage=coverage, scope=scope)


def _unread_table(t: _Table) -> list[Problem]:
    """A table that prints amounts yet gives no table, no statement and no
    problem of its own (its rows carry no code, and neither its title nor its
    header says how to read them): reported as ``unreadable-table`` with its
    pages and first row, so that it is never dropped without a word.  Text
    with no amount (a framed paragraph, a list of the tables) is no table."""
    if not any(FIGURE.match(x.replace(" ", "")) and ("." in x or "," in x) for _page, b in t.rows
               for x in b.texts()):
        return []
    printed = [(page, " ".join(c for c in b.texts() if c)) for page, b in t.rows]
    printed = [(page, text) for page, text in printed if text]
    name = t.title or (t.header and " ".join(h for h in t.header if h)[:30]) or f"page {t.page} table"
    pages = sorted({page for page, _x in printed})
    where = f"{pages[0]}" if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"
    first = printed[0][1][:80]
    return [Problem("unreadable-table", DECLARED["unreadable-table"].severity, name,
                    f"pages {where}: {name} prints {len(printed)} rows that govclass could not read as any table it "
                    f"knows (first: {first!r}); not checked",
                    f"第 {where} 页：{name}有 {len(printed)} 行，无法按已知表格读取（首行：{first}），未核对",
                    None, pages[0], first)]


# What a table's own checks say when a line read by alignment has a figure, a code or a name of
# another column or row: the line is not proven read.
_MISREAD = ("column-mismatch", "duplicate-line", "rollup-mismatch", "unknown-code", "name-mismatch", "invalid-amount")


def _unproven_lines(tables: list[Table], year: int | None, problems: list[Problem]) -> list[Table]:
    """Fail closed on a table whose rows were placed by the text's alignment
    (no rules to say which column a figure stands in): every line its own
    checks reject is taken out and reported as ``unread-line`` instead, the
    lines of a group whose sum fails with its parent and every line of a
    duplicated code with it, until the rest holds.  A misplaced figure then
    never turns into a column-mismatch, duplicate-line or rollup-mismatch."""
    from govclass.validation.validate import validate

    out = []
    for tbl in tables:
        while True:
            report = validate(Document((tbl,), year), skip=("cross", "narrative"))
            bad: set[int] = set()
            for f in report.findings:
                if f.rule not in _MISREAD or f.line is None:
                    continue
                bad.add(f.line)
                if f.rule == "rollup-mismatch" and f.code:  # the group: its parent and every line under it
                    bad.update(ln.number for ln in tbl.lines if ln.code and ln.code.startswith(f.code))
                elif f.rule == "duplicate-line":  # which of the two is misread is not known
                    bad.update(ln.number for ln in tbl.lines if ln.code == f.code)
            if not bad:
                break
            kept = []
            for ln in tbl.lines:
                if ln.number not in bad:
                    kept.append(ln)
                    continue
                problems.append(_unplaced(tbl.name, ln.page, ln.text or "", bool(ln.code)))
            tbl = attrs.evolve(tbl, lines=tuple(kept))
            if not kept:
                break
        if tbl.lines:
            out.append(tbl)
    return out


# The checks that compare a statement with a table, with the narrative or with itself.
_STATEMENT_CHECKS = ("cross", "sangong-identity", "sangong-vs-basic", "statement-balance", "narrative-amount")


def _unproven_between(tables: list[Table], statements: list[Statement], aligned: list, year: int | None,
                      narrative: tuple, problems: list[Problem]) -> None:
    """Fail closed between tables: a check that compares a statement or a table read by the text's
    alignment (收支总表, the 三公 table, a coded table) with another table, the narrative or its own
    identity and fails takes out what it names there: a statement whole, a table's line of the code
    it names (its total line when it names none; the whole table when a check between tables
    names no line of it, such as 人员经费 against the classes 301 and 303).  Each is reported as ``unread-line``; a figure the
    alignment may have put in another column is never compared.  ``aligned``: the statements and
    tables read by alignment."""
    from govclass.validation.validate import validate

    for _round in range(3):
        report = validate(Document(tuple(tables), year, statements=tuple(statements), problems=tuple(problems),
                                   narrative=narrative), only=_STATEMENT_CHECKS)
        failed = [f for f in report.findings if f.severity == ERROR]
        said = " ".join(f"{f.table} {f.message}" for f in failed)
        changed = False
        for obj in aligned:
            if not obj.name or obj.name not in said:
                continue
            if isinstance(obj, Statement):
                if obj in statements:
                    statements.remove(obj)
                    problems.extend(_unplaced(obj.name, it.page, it.text or it.label, False) for it in obj.items)
                    changed = True
                continue
            k = next((k for k, t in enumerate(tables) if t is obj), None)
            if k is None:
                continue
            mine = [f for f in failed if obj.name in f"{f.table} {f.message}"]
            bad = [ln for f in mine for ln in obj.lines
                   if (ln.code == f.code if ln.code else f.code is None) and _suspect(ln, f)]
            bad = list({id(ln): ln for ln in bad}.values())
            if not bad and any(f.rule.startswith("cross-") for f in mine):  # no line of it named: the table
                bad = list(obj.lines)
            if not bad:
                continue
            problems.extend(_unplaced(obj.name, ln.page, ln.text or "", bool(ln.code)) for ln in bad)
            # what is left must still add up without the lines taken out
            kept = _unproven_lines([attrs.evolve(obj, lines=tuple(ln for ln in obj.lines if ln not in bad))], year,
                                   problems)
            tables[k] = kept[0] if kept else attrs.evolve(obj, lines=())
            aligned = [tables[k] if a is obj else a for a in aligned]
            changed = True
        if not changed:
            break


def _suspect(ln: Line, f) -> bool:
    """Whether a failed comparison may come from this line's reading: when one side is blank, the
    line that shows the column blank (or lacks it), else either."""
    if f.expected is not None and f.actual is not None or not f.column:
        return True
    cell = ln.cells.get(f.column)
    return cell is None or cell.value is None


def _unplaced(table: str, page: int | None, text: str, coded: bool = True) -> Problem:
    """A row of a table read by alignment whose figures a check rejects: not read (``unread-line``
    for a coded row, which the census counts; ``unplaced-row`` for a total or a statement's row)."""
    en = f"page {page}: a row of a table without rules whose figures the alignment cannot place " \
         f"(a check rejects them): {text[:80]!r}"
    zh = f"第 {page} 页：无表格线表格中无法按对齐确定各栏数字的行（校验不符）：{text[:80]}"
    if coded:
        return Problem("unread-line", "error", table, en, zh, None, page, text[:120])
    return Problem("unplaced-row", "error", table, en, zh, None, page, text[:120])


def _narrative_units(pages: list[Page]) -> tuple:
    """The pages' text as the narrative reader's units (line by line, numbered
    within the page), as govclass.readers.narrative.pdf_page_units makes them,
    without opening the PDF a second time."""
    from govclass.readers.narrative import TextUnit

    out = []
    for p in pages:
        for i, line in enumerate(p.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
            out.append(TextUnit(line, i, p.number))
    return tuple(out)


def _catalog(year: int | None):
    from govclass.catalog.store import available_years, latest_year
    from govclass.catalog import get_catalog

    return get_catalog(year if year in available_years() else latest_year())


_LOOSE_ROW = re.compile(r"^\s*[\[【]?(\d{3}(?: ?\d{2}){0,3})[\]】]?\s*[-－]?\s*[\u4e00-\u9fff]")  # a code, then a name
_LOOSE_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{1,6}(?![\d.])|(?<![\d.,])\d+\.\d{2}(?![\d.])")


#: Header words of tables that are not coded budget tables (绩效目标表, 政府采购…).
_OTHER_TABLE_WORDS = ("绩效", "指标", "项目总额", "采购品目", "采购项目", "购买服务", "会议名称", "培训名称")


def _columns_roles(t: _Table, rows: list[list[str]]) -> tuple[list[int], list[int], list[int]] | None:
    """Code columns, name columns and amount columns of a coded table (by
    the header, checked against the body)."""
    n = len(t.edges) - 1
    code_cols, name_cols, amount_cols = [], [], []
    for k in range(n):
        label = t.header[k] if k < len(t.header) else ""
        if any(w in label for w in UNIT_CODE_WORDS):
            name_cols.append(k)  # unit codes and names: the row's label, not a classification code
            continue
        col = [r[k] for r in rows if r[k]]
        if not col:
            if any(w in label for w in ("名称", "科目", "项目")) and not any(
                    w in label for w in ("编码", "代码")) and not label.endswith(("类", "款", "项")):
                name_cols.append(k)
            else:
                amount_cols.append(k)
            continue
        codes = sum(1 for v in col if _split_code_name(v)[0] is not None)
        figs = sum(1 for v in col if is_figure_cell(v))
        if figs >= 0.8 * len(col) and not (any(w in label for w in ("编码", "代码")) or label.endswith(
                ("/类", "/款", "/项")) or label in ("类", "款", "项")):
            amount_cols.append(k)
        elif codes >= 0.5 * len(col):
            code_cols.append(k)
        else:
            name_cols.append(k)
    if not code_cols or not amount_cols:
        return None
    return code_cols, name_cols, amount_cols


def _sangong(t: _Table, unit: str, year: int | None, final: bool) -> Statement | None:
    """The 三公 table as a statement, when the table's title or header names 三公."""
    if not (is_sangong_title(t.title) or any(is_sangong_title(h) for h in t.header) or names_sangong(t.header)) \
            or not t.rows:
        return None
    name = t.title or f"page {t.page} table"
    rows = [(_cells_by_leaf(b, t.edges), page) for page, b in t.rows]
    return sangong_statement(name, unit, t.header, rows, year, final)


def _build(t: _Table, unit: str, final: bool, problems: list[Problem], catalog, KINDS,
           listed: "dict[int, Table] | None" = None) -> tuple[int, list[Table] | None, Statement | None]:
    """A read table as govclass tables (the main coded table, and tables
    of the further code columns a row prints) or a statement; and how many
    coded rows it prints."""
    name = t.title or (t.header and " ".join(h for h in t.header if h)[:30]) or f"page {t.page} table"
    rows = [(_cells_by_leaf(b, t.edges), page, b) for page, b in t.rows]
    if not rows:
        return 0, None, None
    texts = [r for r, _p, _b in rows]
    header_text = "".join(t.header)
    if t.kind is None and any(w in header_text for w in _OTHER_TABLE_WORDS):
        t.kind = "other"  # a table that is not a coded budget table, known by its header
    unit_cols = {k for k, lab in enumerate(t.header) if any(w in lab for w in UNIT_CODE_WORDS)}
    roles = _columns_roles(t, texts) if t.kind != "other" else None
    kind_def = KINDS.get(t.kind) if t.kind not in (None, "other") else None
    coded_rows = [(r, p, b) for r, p, b in rows if any(
        k not in unit_cols and _split_code_name(c)[0] and len(_split_code_name(c)[0]) >= 3 for k, c in enumerate(r[:3]))]
    if kind_def is not None and kind_def.shape == "statement" or (roles is None and t.kind not in (None, "other")
                                                                   and kind_def and kind_def.shape != "units"):
        if kind_def is not None and kind_def.shape == "statement":
            return 0, None, _statement(t, name, unit, rows, kind_def)
    if roles is None:
        if coded_rows and t.kind != "other":
            for r, p, b in coded_rows:
                text = " ".join(c for c in r if c)
                problems.append(Problem("unread-line", "error", name,
                                        f"page {p}: a coded row of a table govclass could not read: {text[:80]!r}",
                                        f"第 {p} 页：无法读取的科目行：{text[:80]}", None, p, text[:120]))
            return len(coded_rows), None, None
        if t.kind == "other":
            pages = sorted({p for _r, p, _b in rows})
            where = f"{pages[0]}" if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"
            problems.append(Problem(
                "unchecked-table", "info", name,
                f"pages {where}: {name} is not a coded budget table (政府采购, 绩效目标, 会议费…); its {len(rows)} rows "
                f"are not checked", f"第 {where} 页：{name}不是科目表（政府采购、绩效目标、会议费等），其 {len(rows)} 行未核对",
                None, pages[0], None))
        return 0, None, None
    code_cols, name_cols, amount_cols = roles
    labels = [t.header[k] if k < len(t.header) else "" for k in range(len(t.edges) - 1)]
    col_names = _unique_column_names(labels, amount_cols)
    if kind_def is not None and not isinstance(kind_def.columns, dict):
        col_names = _standard_names(col_names, kind_def.columns)
    rels = _relations([labels[k] for k in amount_cols], col_names)
    # code groups: adjacent code columns (类/款/项 split) form one code; a code
    # column followed by its name column forms one (code, name) group
    groups: list[tuple[list[int], int | None]] = []
    k_sorted = sorted(code_cols + name_cols)
    cur: list[int] = []
    for k in k_sorted:
        if k in code_cols:
            if cur and cur[-1] == k - 1 and all(c in code_cols for c in cur) and _split_parts(labels, cur + [k], texts):
                cur.append(k)
            else:
                if cur:
                    groups.append((cur, None))
                cur = [k]
        else:
            if cur:
                groups.append((cur, k))
                cur = []
            elif groups and groups[-1][1] is None:
                groups[-1] = (groups[-1][0], k)
            elif not groups:
                groups.append(([], k))
    if cur:
        groups.append((cur, None))
    groups = [g for g in groups if g[0]]
    panels = _panels(groups, amount_cols)
    if panels is not None:
        return _panel_tables(t, name, unit, rows, panels, labels, problems, catalog)
    main = groups[0]
    lines: list[Line] = []
    by_group: list[list[tuple[str, str | None, Line]]] = [[] for _ in groups[1:]]  # (code, name, row) per group
    printed = 0
    last = {3: None, 5: None}  # the last 类 and 款 read
    for r, page, band in rows:
        text = " | ".join(c for c in r if c)
        code, nm = _group_code(r, main, last, catalog)
        cells = {}
        for k, cname in zip(amount_cols, col_names):
            v = r[k].replace(" ", "")
            cells[cname] = parse_amount(None if v in NO_FIGURE_MARKS or not v else v)
        label = " ".join(r[k] for k in name_cols if r[k]) if code is None else nm
        if code is None and not label:  # a merged cell over the code columns (合计)
            label = next((r[k] for k in sorted(main[0] + name_cols) if r[k] and not is_figure_cell(r[k])), "") or \
                next((r[k] for k in range(len(r)) if k not in amount_cols and is_total_label(r[k])), "")
        has_code_text = any(_split_code_name(r[k])[0] for k in main[0])
        if code is None:
            if has_code_text or any(_split_code_name(c)[0] and len(_split_code_name(c)[0] or "") >= 3
                                    for c in r[:3]):
                printed += 1
                problems.append(Problem("unread-line", "error", name,
                                        f"page {page}: a coded row could not be read: {text[:80]!r}",
                                        f"第 {page} 页：无法读取的科目行：{text[:80]}", None, page, text[:120]))
                continue
            if is_total_label(label or "") or (not label and any(not c.blank for c in cells.values()) and not lines):
                lines.append(Line(None, "合计", cells, True, len(lines) + 1, None, None, page, text[:120]))
            elif label and any(not c.blank for c in cells.values()):
                lines.append(Line(None, label, cells, False, len(lines) + 1, None, None, page, text[:120]))
            continue
        printed += 1
        ln = Line(code, nm or None, cells, False, len(lines) + 1, None, None, page, text[:120])
        lines.append(ln)
        for g, rows_of in zip(groups[1:], by_group):
            c2, n2 = _group_code(r, g, {3: None, 5: None}, catalog)
            if c2 is not None:
                rows_of.append((c2, n2 or None, ln))
    # functional or economic: by the codes (2xx functional, 3xx/5xx economic)
    cls = _classification([ln.code for ln in lines if ln.code], t.title + "".join(labels))
    kind = t.kind if t.kind not in (None, "other") and KINDS[t.kind].shape in ("functional", "economic") else None
    if kind is not None and KINDS[kind].shape != cls:
        kind = None
    rels = _relations_that_hold(rels, lines, name, problems, t.page) + _whole_of_which(
        [labels[k] for k in amount_cols], col_names, rels, lines)
    main_codes = [ln.code for ln in lines if ln.code is not None]
    totals = [ln for ln in lines if ln.total]
    lines = _one_unit_total(lines)
    summed: list[int] = []  # the tables of codes summed over the rows that print them (by position in out)
    sections = _unit_sections(lines)
    parts = sections or [[x for x in part if not x.total] for part in _restarts(lines)]
    if len(groups) > 1 and len(set(main_codes)) < len(main_codes) and \
            (len(parts) == 1 or any(_repeats(part) for part in parts)):
        # a row prints a pair (or three) of codes, and one code stands on
        # several rows (30101 under 50101 and under 50501): each row's figures
        # belong to every code it prints, so each code column is a table of
        # its own, a code's figures summed over its rows (below).
        out = [_code_column_table(name, cls, unit, col_names, [(ln.code, ln.name, ln) for ln in lines
                                                                if ln.code is not None], totals)]
        summed.append(0)
    elif len(parts) == 1:
        out = [Table(name, cls, unit, tuple(col_names), tuple(lines), rels, kind, None, None)]
    else:
        # one run of codes per budget unit: under a heading row that names the unit and prints its
        # figures (Xi'an), or starting over with no unit printed (a code already read comes again,
        # lower than the one before it: Beijing 预算05表).  Each run is checked on its own (a
        # unit's heading is its 合计); the table's 合计 against the runs together.
        out = []
        for k, part in enumerate(parts, 1):
            body = tuple(ln._replace(number=i + 1) for i, ln in enumerate(part))
            label = f"（{part[0].name}）" if sections else f"（第{k}段）"
            out.append(Table(f"{name}{label}", cls, unit, tuple(col_names), body, rels, None, None, None))
        out.append(_whole_of_runs(name, cls, unit, col_names, lines, kind))
        if sections:
            problems.append(Problem(
                "unit-sections", "info", name,
                f"page {lines[0].page}: the table lists {len(parts)} budget units, each under a row that names it: "
                f"each unit's codes checked on their own against its row; the 合计 line against the units together",
                f"第 {lines[0].page} 页：表中按单位分列 {len(parts)} 个单位（单位名称行）：各单位科目分别核对并与单位行"
                f"核对；合计行按各单位之和核对", None, lines[0].page, None))
        else:
            problems.append(Problem(
                "list-restarts", "info", name,
                f"page {lines[0].page}: the code list starts over {len(parts) - 1} time(s) (one run per budget unit?); "
                f"each run checked on its own; the 合计 line against the sum of the runs' top codes",
                f"第 {lines[0].page} 页：科目列表重新开始 {len(parts) - 1} 次（疑为按单位分列）；各段分别核对，"
                f"合计行按各段最上级科目之和核对",
                None, lines[0].page, None))
    for g, rows_of in zip(groups[1:], by_group):
        # a further code column (政府经济 beside 部门经济): its codes with the figures of the rows that
        # print them; the 合计 line only when every coded row prints a code there
        if rows_of:
            gcls = _classification([c for c, _n, _l in rows_of], labels[g[0][0]])
            summed.append(len(out))
            out.append(_code_column_table(f"{name}（{labels[g[0][0]] or '科目'}）", gcls, unit, col_names, rows_of,
                                          totals if len(rows_of) == len(main_codes) else []))
    out = _with_kind(out, t.kind, KINDS)
    if listed is not None:
        # the census of coded rows (pdfcensus) pairs a row that prints several codes once: to it a
        # table of codes summed over such rows is the list of the codes it stands for
        for k in summed:
            listed[id(out[k])] = attrs.evolve(out[k], columns=(), lines=tuple(
                ln._replace(cells={}) for ln in out[k].lines if ln.code))
    return printed, out, None


def _code_column_table(name: str, cls: str, unit: str, col_names: list[str],
                       rows: list[tuple[str, str | None, Line]], totals: list[Line]) -> Table:
    """One code column of rows that print several codes: each code once, its
    figures summed over the rows that print it (page and text of its first
    row), after the table's 合计 line.  Summing keeps a tree a tree (301 over
    30101 printed twice, Xi'an); but codes that nest in a list that prints no
    类 line (30211 and its local item 3021101 on rows of their own, Beijing)
    are each their own money, no tree: codes only, not added up."""
    by_code: dict[str, list[tuple[str | None, Line]]] = {}
    for code, nm, ln in rows:
        by_code.setdefault(code, []).append((nm, ln))
    if _nests(by_code) and not any(len(c) == 3 for c in by_code):
        body = [Line(c, v[0][0], {}, False, i + 1, None, None, v[0][1].page, v[0][1].text)
                for i, (c, v) in enumerate(by_code.items())]
        return Table(name, cls, unit, (), tuple(body), (), None, None, None)
    body = [ln._replace(number=i + 1) for i, ln in enumerate(totals)]
    for c, v in by_code.items():
        first = v[0][1]
        cells = {col: sum_of_cells([ln.cells.get(col, BLANK) for _n, ln in v]) for col in col_names}
        body.append(Line(c, v[0][0], cells, False, len(body) + 1, None, None, first.page, first.text))
    return Table(name, cls, unit, tuple(col_names), tuple(body), (), None, None, None)


def _repeats(lines: list[Line]) -> bool:
    """Whether a code stands on two lines."""
    codes = [ln.code for ln in lines if ln.code is not None]
    return len(set(codes)) < len(codes)


def _nests(codes) -> bool:
    """Whether a code of ``codes`` is printed with one of its parents (301 and 30101: a tree)."""
    codes = set(codes)
    return any(c[:k] in codes for c in codes for k in range(3, len(c)))


def _with_kind(tables: list[Table], kind: str | None, KINDS) -> list[Table]:
    """The standard table among a row's code columns: the first of the kind's
    classification that prints figures; for an economic kind (一般公共预算基本支出表)
    the column of 部门预算 economic codes (3xx) before the 政府预算 one (5xx)."""
    if kind in (None, "other") or KINDS[kind].shape not in ("functional", "economic") or \
            any(t.kind == kind for t in tables):
        return tables
    fits = [k for k, t in enumerate(tables) if t.classification == KINDS[kind].shape and t.columns]
    fits.sort(key=lambda k: not all(ln.code.startswith("3") for ln in tables[k].lines if ln.code))
    if fits:
        tables[fits[0]] = attrs.evolve(tables[fits[0]], kind=kind)
    return tables


def _whole_of_runs(name: str, cls: str, unit: str, col_names: list[str], lines: list[Line],
                   kind: str | None) -> Table:
    """A code list that starts over (one run per budget unit) as the one table
    it is: its 合计 line and the codes at the top of the runs (no code of the
    list above them), each summed over the runs that print it.  The runs are
    checked line by line on their own; this table checks the 合计 against
    them and stands for the document's table in the cross-table checks.  Its
    column relations are the runs' (checked there, not again); a finding on a
    row it shares with a run is reported once (validate)."""
    codes = {ln.code for ln in lines if ln.code is not None}
    top = [(ln.code, ln.name, ln) for ln in lines if ln.code is not None
           and not any(ln.code[:k] in codes for k in range(3, len(ln.code)))]
    whole = _code_column_table(name, cls, unit, col_names, top, [ln for ln in lines if ln.total])
    return attrs.evolve(whole, kind=kind)


def _standard_names(names: list[str], standard: tuple[str, ...]) -> list[str]:
    """The printed column names as the standard table's (govclass.readers.headings), synonyms from the vocabulary."""
    return standard_names(names, standard, column_synonym)


def _fails(rel: Relation, lines: list[Line]) -> tuple[int, int]:
    """On how many lines (of those that print every figure) ``rel`` fails
    beyond rounding, and how many lines could be tested."""
    bad = tested = 0
    for ln in lines:
        cells = [ln.cells.get(c) for c in (rel.total, *rel.parts)]
        if any(c is None or c.value is None for c in cells):
            continue
        tested += 1
        total, parts = cells[0], cells[1:]
        tol = sum((Decimal(5).scaleb(-(c.decimals + 1)) for c in cells), Decimal(0))
        if abs(total.value - sum((c.value for c in parts), Decimal(0))) > tol:
            bad += 1
    return bad, tested


def _whole_of_which(labels: list[str], names: list[str], rels: tuple[Relation, ...], lines: list[Line]
                    ) -> tuple[Relation, ...]:
    """A 合计/小计 column beside a 其中 heading over two or more columns (小计 |
    其中: 基本支出 | 项目支出, Fuzhou p. 12): "of which" need not be the whole,
    so the header alone gives no relation.  It is one where the table shows
    it: the parts add up to the total on every line that prints them all
    (three lines at least).  Checked then like any other relation."""
    out = []
    for rel in of_which_relations(labels, names):
        bad, tested = _fails(rel, lines)
        if bad == 0 and tested >= 3 and not any(r.total == rel.total for r in rels):
            out.append(rel)
    return tuple(out)


def _relations_that_hold(rels: tuple[Relation, ...], lines: list[Line], name: str, problems: list[Problem],
                         page: int) -> tuple[Relation, ...]:
    """A relation read from the header is checked against the table itself.
    A part that is a memo column (政府采购 "of which" figures beside the
    parts) shows itself: on every line where the relation fails, and on at
    least two, the excess is exactly that column; the relation is checked
    without it.  A relation that fails on most lines with no such column is
    a misreading of the header: dropped.  Either way the report says so
    (column-relation, info)."""
    out = []
    for rel in rels:
        bad, tested = _fails(rel, lines)
        if bad == 0 or tested < 2:
            out.append(rel)
            continue
        fixed = None
        for drop in rel.parts:
            parts = tuple(p for p in rel.parts if p != drop)
            if len(parts) >= 2 and bad >= 2 and _fails(Relation(rel.total, parts), lines)[0] == 0:
                fixed = Relation(rel.total, parts)
                break
        if fixed is None and bad * 2 <= tested:
            out.append(rel)  # fails on a few lines: what the document prints, reported by the rules
            continue
        if fixed is not None:
            out.append(fixed)
        problems.append(Problem(
            "column-relation", "info", name,
            f"page {page}: the header reads as {rel.total} = {' + '.join(rel.parts)}, but that fails on {bad} of "
            f"{tested} lines; " + (f"checked as {fixed.total} = {' + '.join(fixed.parts)}" if fixed else "not checked"),
            f"第 {page} 页：表头读作 {rel.total} = {' + '.join(rel.parts)}，但 {tested} 行中 {bad} 行不成立；"
            + (f"改按 {fixed.total} = {' + '.join(fixed.parts)} 核对" if fixed else "未核对该栏次关系"),
            None, page, None))
    return tuple(out)


def _unit_heading(ln: Line) -> bool:
    """A row that names a budget unit inside a coded table: no code, not the
    合计, not a 其中 row, and figures."""
    return ln.code is None and not ln.total and bool(ln.name) and not ln.name.startswith("其中") and \
        any(c.value is not None for c in ln.cells.values())


def _one_unit_total(lines: list[Line]) -> list[Line]:
    """A table that prints no 合计 line and one row naming a budget unit,
    above every code (Shenzhen: "深圳市发展和改革委员会（本级） 1,273,725.18 …",
    a department of one unit): that row is the table's total."""
    if any(ln.total for ln in lines) or not lines or not _unit_heading(lines[0]) or \
            any(_unit_heading(ln) for ln in lines[1:]) or not any(ln.code for ln in lines[1:]):
        return lines
    return [lines[0]._replace(total=True), *lines[1:]]


def _unit_sections(lines: list[Line]) -> list[list[Line]] | None:
    """A coded table printed unit by unit: each budget unit's codes under a
    row that names the unit and prints its figures, no code (Xi'an:
    "西安市安全生产监督管理局 2,080.32 …", its unit code in a column of labels).
    Two such rows at least, every code after the first of them, each unit's
    codes printed once, and some code printed again by another unit (the list
    starts over): then each section is the unit's heading, as its 合计 line,
    and its codes.  None otherwise (a 其中 row is no unit)."""
    heading = _unit_heading
    if sum(1 for ln in lines if heading(ln)) < 2 or not _repeats(lines):
        return None
    sections: list[list[Line]] = []
    for ln in lines:
        if heading(ln):
            sections.append([ln._replace(total=True)])
        elif ln.total:
            continue  # the table's 合计
        elif not sections or ln.code is None:
            return None
        else:
            sections[-1].append(ln)
    if any(len(sec) < 2 or _repeats(sec) for sec in sections):
        return None
    return sections


def _restarts(lines: list[Line]) -> list[list[Line]]:
    """Runs of a code list that starts over.  Only a list that prints some
    code twice is split, and only where the codes step back (each unit's
    codes go up): a code printed twice in a row stays a duplicate."""
    codes = [ln.code for ln in lines if ln.code is not None]
    if len(set(codes)) == len(codes):
        return [lines]
    runs: list[list[Line]] = [[]]
    prev: str | None = None
    for ln in lines:
        if ln.code is not None and prev is not None and ln.code < prev:
            runs.append([])
        runs[-1].append(ln)
        if ln.code is not None:
            prev = ln.code
    return runs


def _panels(groups: list[tuple[list[int], int | None]], amount_cols: list[int]
            ) -> list[tuple[tuple[list[int], int | None], list[int]]] | None:
    """Panels printed side by side (公开06表: 人员经费 codes and figures on the
    left, 公用经费 on the right): code groups each followed by figure columns
    of their own.  None when the figures come only after the last group
    (one row that prints several codes)."""
    if len(groups) < 2:
        return None
    starts = [min(g[0]) for g in groups] + [10 ** 6]
    out = []
    for g, nxt in zip(groups, starts[1:]):
        end = max(g[0] + ([g[1]] if g[1] is not None else []))
        out.append((g, [k for k in amount_cols if end < k < nxt]))
    return out if sum(1 for _g, cols in out if cols) >= 2 else None


def _panel_tables(t: "_Table", name: str, unit: str, rows, panels, labels: list[str], problems: list[Problem],
                  catalog) -> tuple[int, list[Table], Statement | None]:
    """The panels of a side-by-side table read one after the other, as one
    table: each panel's lines with the figures of its own columns (named
    as the first panel's).  A panel's 合计 rows (人员经费合计, 公用经费合计)
    become a statement of their own."""
    first_cols = panels[0][1]
    col_names = _unique_column_names(labels, first_cols)
    if t.kind in KINDS and not isinstance(KINDS[t.kind].columns, dict):
        col_names = _standard_names(col_names, KINDS[t.kind].columns)
    lines: list[Line] = []
    totals: list[Item] = []
    printed = 0
    body = []
    for r, page, band in rows:  # the panels' 合计 rows: each label with the first figure to its right
        if any(c and not is_figure_cell(c) and is_total_label(c) for c in r) and not any(
                _split_code_name(c)[0] for c in r if c):
            label = None
            for c in r:
                if c and not is_figure_cell(c):
                    label = c
                elif c and label is not None:
                    totals.append(Item(label, {col_names[0]: parse_amount(c.replace(" ", ""))}, None, None, None,
                                       page, " ".join(x for x in r if x)[:120]))
                    label = None
            continue
        body.append((r, page, band))
    rows = body
    for group, cols in panels:
        last = {3: None, 5: None}
        for r, page, _band in rows:
            text = " | ".join(c for c in [*(r[k] for k in group[0]), r[group[1]] if group[1] is not None else "",
                                          *(r[k] for k in cols)] if c)
            code, nm = _group_code(r, group, last, catalog)
            cells = {c: parse_amount(None if not r[k].replace(" ", "") or r[k].strip() in NO_FIGURE_MARKS
                                     else r[k].replace(" ", "")) for c, k in zip(col_names, cols)}
            if code is None:
                label = next((r[k] for k in [*group[0], *( [group[1]] if group[1] is not None else [])]
                              if r[k] and not is_figure_cell(r[k])), "")
                if any(_split_code_name(r[k])[0] for k in group[0]):
                    printed += 1
                    problems.append(Problem("unread-line", "error", name,
                                            f"page {page}: a coded row could not be read: {text[:80]!r}",
                                            f"第 {page} 页：无法读取的科目行：{text[:80]}", None, page, text[:120]))
                elif label and is_total_label(label):
                    totals.append(Item(label, cells, None, None, None, page, text[:120]))
                continue
            printed += 1
            lines.append(Line(code, nm or None, cells, False, len(lines) + 1, None, None, page, text[:120]))
    cls = _classification([ln.code for ln in lines if ln.code], t.title + "".join(labels))
    kind = t.kind if t.kind in ("final-06", "gpb-basic") else None
    table = Table(name, cls, unit, tuple(col_names), tuple(lines), (), kind, None, None)
    stmt = Statement(name + "（合计行）", "final-06-totals", unit, {"": tuple(col_names)}, tuple(totals), None, None) \
        if totals else None
    return printed, [table], stmt


def _classification(codes: list[str], text: str) -> str:
    """Functional codes start with 1 or 2, economic ones with 3 or 5: the
    codes decide; the header words only when there are none."""
    if codes:
        econ = sum(1 for c in codes if c[:1] in ("3", "5"))
        return "economic" if econ > len(codes) / 2 else "functional"
    return "economic" if "经济" in text and "功能" not in text else "functional"


def _statement(t: _Table, name: str, unit: str, rows, kind_def) -> Statement:
    """A two-sided (收入 | 支出, in either order) or one-sided statement:
    each side's label and figures, the figure columns named by the header
    (the standard column they are, when the header says so).  A column the
    table does not print is absent, not blank."""
    labels = t.header
    n = len(t.edges) - 1
    sides_def: dict = kind_def.columns
    two = "收入" in sides_def
    side_of: list[str] = []
    for k in range(n):
        parts = labels[k].split("/") if k < len(labels) else [""]
        top = parts[0]
        if two:
            side = "支出" if "支出" in top and "收入" not in top else "收入" if "收入" in top else (
                "支出" if any("支出" in p and "收入" not in p for p in parts) else
                "收入" if any("收入" in p for p in parts) else (side_of[-1] if side_of else "收入"))
        else:
            side = ""
        side_of.append(side)
    spans: list[tuple[str, list[int]]] = []
    for k, side in enumerate(side_of):
        if spans and spans[-1][0] == side:
            spans[-1][1].append(k)
        else:
            spans.append((side, [k]))
    texts = [r for r, _p, _b in rows]
    columns: dict[str, list[str]] = {}
    plan: list[tuple[str, int | None, int | None, list[tuple[int, str]]]] = []
    for side, ks in spans:
        row_k = next((k for k in ks if k < len(labels) and _norm(labels[k].split("/")[-1]) in ("行次", "栏次")), None)
        # a margin column (no heading, nothing printed in it) is no column of the statement
        ks = [k for k in ks if k != row_k and (any(r[k] for r in texts) or (k < len(labels) and labels[k]))]
        wanted = sides_def.get(side, ())
        # the label column: the first whose cells are words, not figures
        label_k = next((k for k in ks if sum(1 for r in texts if r[k] and not is_figure_cell(r[k])) >=
                        max(1, sum(1 for r in texts if r[k]) // 2)), None)
        named: list[tuple[int, str]] = []
        for k in ks:
            if k == label_k:
                continue
            leaf = _norm(labels[k].split("/")[-1]) if k < len(labels) else ""
            syn = column_synonym(leaf)
            col = next((c for c in wanted if _norm(c) == leaf or c == syn), None)
            if col is None and wanted and (not leaf or re.search(r"预算数|决算数|金额|^合计$|预算$", leaf)):
                col = wanted[0]
            if col is None:
                col = leaf or f"第{k + 1}栏"
            while col in [c for _k, c in named]:
                col += "'"
            named.append((k, col))
        columns.setdefault(side, []).extend(c for _k, c in named)
        plan.append((side, label_k, row_k, named))
    items: list[Item] = []
    for r, page, _b in rows:
        for side, label_k, row_k, named in plan:
            label = r[label_k] if label_k is not None else ""
            number = int(r[row_k]) if row_k is not None and r[row_k].strip().isdigit() else None
            values = {c: r[k].replace(" ", "") for k, c in named}
            if not label and not any(values.values()):
                continue
            cells = {c: parse_amount(None if not v or v in NO_FIGURE_MARKS else v) for c, v in values.items()}
            printed = " ".join(x for x in [label, *values.values()] if x)
            items.append(Item(label, cells, side or None, number, None, page, printed[:120]))
    return Statement(name, t.kind, unit, {k: tuple(v) for k, v in columns.items()}, tuple(items), None, None)


def _dump(path: str, only: "set[int] | None" = None) -> None:  # pragma: no cover - a debugging aid
    """Print what the reader sees: grids, bands and cells per page."""
    for p in pdf_pages(path):
        if only and p.number not in only:
            continue
        for g in _grids(p):
            print(f"== page {p.number} grid {g.top:.0f}-{g.bottom:.0f} x {g.x0:.0f}-{g.x1:.0f}")
            for b in g.bands:
                print(f"  {b.top:6.1f} " + " | ".join(f"{c.text}" for c in b.cells))


if __name__ == "__main__":  # pragma: no cover
    import sys

    _dump(sys.argv[1], {int(a) for a in sys.argv[2:]} or None)
