"""The header of a table printed without rules, read as a tree of headings (part of stage 3,
:mod:`govclass.readers.pdf.alignment`).

With no rules to say which heading stands over which column, the headings are read from where
their words stand: words joined into headings (letter-spaced 合 计, a heading wrapped over two or
three lines), each heading a leaf or the parent of the headings under it, and each column labelled
by the headings over it, top to bottom (基本支出/人员支出), as a ruled header's cells would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from govclass.readers.pdf.grids import Band, Grid
from govclass.readers.pdf.pages import Char, em_of, line_groups, words_of
from govclass.readers.pdf.settings import SETTINGS
from govclass.vocabulary import NUMBERING_CELL, SENTENCE, SPACED_HEADINGS, TITLE_END, UNIT_LINE, fold_cell

__all__ = ["Heading", "heading_blocks", "column_labels", "tier_names", "TIERS", "HEADER_WORD", "has_header_words",
           "looks_like_title"]

#: the headings of a code's tiers (类 款 项 目)
TIERS = re.compile(r"^[类款项目]+$")


#: A column heading: a heading word (项目, 金额, 合计 …), or a word a heading ends in (…编码, …名称,
#: …经费, …(万元)).
HEADER_WORD = re.compile(r"^(?:项目|科目|类|款|项|金额|预算数|决算数|合计|小计|总计|栏次|行次|收入|支出|单位)$|"
                         r"编码$|代码$|名称$|科目$|预算数$|决算数$|经费$|支出$|收入$|预算$|\(万?元\)$")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")


def has_header_words(texts: list[str]) -> bool:
    """Whether cells read as a table header (column headings), not as rows
    of a table that goes on (labels such as 十四、资源勘探工业信息等支出
    with no figures).  A heading is short; a row label rarely is a bare
    heading word."""
    most = SETTINGS.heading_max_chars
    cells = [fold_cell(text) for text in texts if text]
    heads = [c for c in cells if len(c) <= most and HEADER_WORD.search(c) and not _NUMBERED.match(c)]
    return len(heads) >= 2


def looks_like_title(text: str) -> bool:
    """A line that reads as a table's title: short, no sentence, ending as a title does (…表,
    …情况, …明细), not a 编制单位 or unit line."""
    settings = SETTINGS
    squeezed = text.replace(" ", "")
    return settings.title_min_chars <= len(squeezed) <= settings.title_max_chars and not SENTENCE.search(
        squeezed.replace(",", "")) and bool(TITLE_END.search(squeezed)) and not squeezed.startswith(
        ("编制单位", "填报单位", "单位"))


class Heading(NamedTuple):
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    number: bool  # column numbering (1 2 3, **, 栏次)
    leaf: bool  # no heading under it


@dataclass(eq=True)
class _Piece:
    """A heading being put together from the words of a header (mutable while pieces join).  Two
    pieces are equal when every field is (a word printed twice over is one piece twice)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    wrapped: bool = False  # two pieces side by side wrapped together (see _wrapped_rows)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def overlaps(self, other: "_Piece", slack: float = 0.0) -> bool:
        """Whether the two stand over each other (their spans, shrunk by ``slack``, overlap)."""
        return other.x0 < self.x1 - slack and other.x1 > self.x0 + slack

    def is_numbering(self) -> bool:
        return bool(NUMBERING_CELL.match(self.text)) or set(self.text) <= {"*"}


def _pieces(chars: list[Char]) -> list[_Piece]:
    """The words of a header, line by line; letter-spaced single characters (合 计) and a heading
    after a colon or an enumeration comma (其中： 基本支出) joined."""
    settings = SETTINGS
    pieces: list[_Piece] = []
    for group in line_groups(chars):
        top, bottom = min(c.top for c in group), max(c.bottom for c in group)
        em = em_of(group)
        for word in words_of(group):
            prev = pieces[-1] if pieces and pieces[-1].top == top else None
            if prev is not None and (prev.text.endswith(("：", ":", "、")) or (
                    len(prev.text) == 1 and len(word.text) == 1 and ord(word.text) >= 0x2e80 and
                    ord(prev.text[-1]) >= 0x2e80 and
                    (word.x0 - prev.x1 <= settings.spaced_letter_gap_em * em or (
                        prev.text + word.text in SPACED_HEADINGS and
                        word.x0 - prev.x1 <= settings.spaced_heading_gap_em * em)))):
                prev.x1, prev.text = word.x1, prev.text + word.text
                continue
            pieces.append(_Piece(word.x0, word.x1, top, bottom, word.text))
    pieces.sort(key=lambda p: p.top)
    return pieces


def _right_under(upper: _Piece, lower: _Piece) -> bool:
    """``lower`` stands right under ``upper``, centred under it and no wider than it (within an
    em); the column numbering is no heading's piece."""
    em = upper.height
    if upper.is_numbering() or lower.is_numbering():
        return False
    return lower.x0 < upper.x1 and lower.x1 > upper.x0 and abs(
        (lower.x0 + lower.x1) - (upper.x0 + upper.x1)) / 2 <= em and lower.x1 - lower.x0 <= upper.x1 - upper.x0 + em


def _wrapped_rows(pieces: list[_Piece]) -> list[_Piece]:
    """Headings wrapped over two lines in a row of cells (一般公共预算 / 拨款收入, 政府性基金预 /
    算拨款收入 … side by side): every heading of a line (two at least) has one piece on the next line
    right under it, centred under it, under no other; each pair is one heading.  ``pieces`` are
    sorted by top."""
    while _join_one_wrapped_line(pieces):
        pass
    return pieces


def _join_one_wrapped_line(pieces: list[_Piece]) -> bool:
    """Join the first line of headings wrapped onto the next (see :func:`_wrapped_rows`); whether
    one was."""
    settings = SETTINGS
    for top in sorted({p.top for p in pieces}):
        line = [p for p in pieces if p.top == top]
        height = max(p.height for p in line)
        below = [p for p in pieces if top + settings.wrapped_below_min * height < p.top <=
                 max(x.bottom for x in line) + settings.wrapped_below_max * height and
                 any(_right_under(x, p) for x in line)]
        if len(line) < 2 or not below:
            continue
        next_top = min(p.top for p in below)
        lower = [p for p in below if abs(p.top - next_top) <= settings.same_line]
        if any(x.top >= max(p.bottom for p in line) - settings.touching and x.bottom <= next_top + settings.touching
               for x in pieces) and any(abs(x.top - next_top) <= settings.same_line and not any(x is v for v in lower)
                                        for x in pieces):
            # a line stands between (合计 set between two tiers) and the lower line holds headings of its own
            # (类 款 项 under 科目编码, 小计 人员支出 … under 基本支出): a tier of headings, not pieces of one
            continue
        pairs = [[v for v in lower if _right_under(upper, v)] for upper in line]
        if all(len(pair) == 1 for pair in pairs) and len({id(pair[0]) for pair in pairs}) == len(line) and not any(
                sum(1 for upper in line if v.x0 < upper.x1 and v.x1 > upper.x0) > 1 for pair in pairs for v in pair):
            for upper, (piece,) in zip(line, pairs):
                upper.x0, upper.x1, upper.bottom = min(upper.x0, piece.x0), max(upper.x1, piece.x1), piece.bottom
                upper.text, upper.wrapped = upper.text + piece.text, True
                pieces.remove(piece)
            return True
    return False


def heading_blocks(chars: list[Char]) -> list[Heading]:
    """The headings of a header printed without rules: its words (letter-
    spaced 合 计 and 其中： 基本支出 joined), a heading wrapped over lines
    set close (对附属单 / 位补助支 / 出: each piece has one piece right under
    it, no wider than itself, with no other heading near on that line) joined; a heading is a leaf when no heading
    stands under it (基本支出 over 人员支出 and 公用经费 is not)."""
    pieces = _wrapped_rows(_pieces(chars))
    while _join_one_wrapped_heading(pieces):
        pass
    return [Heading(p.x0, p.x1, p.top, p.bottom, p.text, p.is_numbering(), p.is_numbering() or not _under(p, pieces))
            for p in pieces]


def _under(piece: _Piece, pieces: list[_Piece]) -> list[_Piece]:
    """The pieces that stand under ``piece`` (lower by half its height at least, overlapping it)."""
    settings = SETTINGS
    return [v for v in pieces if v is not piece and v.top >= piece.top + settings.under_min_drop * piece.height
            and piece.overlaps(v, settings.overlap_slack) and not v.is_numbering()]


def _beside(upper: _Piece, piece: _Piece, pieces: list[_Piece]) -> bool:
    """``piece`` stands under another heading of ``upper``'s line (the next heading wraps too), not
    beside the piece under ``upper`` as one of its children would."""
    settings = SETTINGS
    return any(other is not upper and abs(other.top - upper.top) <= settings.same_line and
               other.x0 < piece.x1 - settings.overlap_slack and other.x1 > piece.x0 + settings.overlap_slack
               for other in pieces)


def _flush(upper: _Piece, piece: _Piece) -> bool:
    """``piece`` goes on ``upper``'s text: set on the next line with no leading, from the same left
    edge (使用非财 / 政拨款结 / 余), however near the next column's heading stands."""
    settings = SETTINGS
    return abs(piece.x0 - upper.x0) <= settings.flush_left and \
        piece.top - upper.bottom <= settings.flush_leading * upper.height


def _join_one_wrapped_heading(pieces: list[_Piece]) -> bool:
    """Join, from the bottom up, the first heading wrapped over lines set close with the one piece
    right under it (see :func:`heading_blocks`); whether one was."""
    settings = SETTINGS
    for upper in reversed(pieces):  # from the bottom up: a heading wrapped over several lines joins upwards
        if upper.is_numbering():
            continue
        below = _under(upper, pieces)
        near = [v for v in below if v.top - upper.bottom <= settings.wrapped_leading * upper.height
                and not v.wrapped]  # (not a whole heading)
        if len(near) != 1:
            continue
        piece = near[0]
        # (the headings further down stand beside the lower piece, under the joined heading:
        # 部门预算经济分类科目 / 编码 over 类 and 款; one under the lower piece makes it a heading of its own)
        if _alone_under(piece, below) and _fits_under(upper, piece) and (
                _flush(upper, piece) or _clear_beside(upper, piece, pieces)):
            upper.x0, upper.x1, upper.bottom = min(upper.x0, piece.x0), max(upper.x1, piece.x1), piece.bottom
            upper.text, upper.wrapped = upper.text + piece.text, False
            pieces.remove(piece)
            return True
    return False


def _alone_under(piece: _Piece, below: list[_Piece]) -> bool:
    """The headings under ``upper`` other than ``piece`` stand lower than it and not under it."""
    slack = SETTINGS.overlap_slack
    return all(v is piece or v.top >= piece.bottom and not piece.overlaps(v, slack) for v in below)


def _fits_under(upper: _Piece, piece: _Piece) -> bool:
    """``piece`` is no wider than ``upper`` (with a point to spare), or stands within a reach of it."""
    settings = SETTINGS
    reach = settings.wrapped_reach_em * upper.height
    return piece.width <= upper.width + settings.wrapped_wider or (
        piece.x0 >= upper.x0 - reach and piece.x1 <= upper.x1 + reach)


def _clear_beside(upper: _Piece, piece: _Piece, pieces: list[_Piece]) -> bool:
    """No other heading stands on ``piece``'s line near ``upper`` (unless under another heading of
    ``upper``'s line)."""
    settings = SETTINGS
    near = settings.wrapped_clear_em * upper.height
    return not any(v is not piece and abs(v.top - piece.top) <= settings.same_line and
                   v.x0 < upper.x1 + near and v.x1 > upper.x0 - near and not _beside(upper, v, pieces)
                   for v in pieces)


def _centred_reach(heading: Heading, x0: float, x1: float, free: list[Heading]) -> tuple[float, float]:
    """A heading over others stands centred over all its children: the reach [x0, x1] of the ones
    found under it widened by the next heading on the left or right (on their line or lower, under no
    other heading) while that brings the reach's centre nearer the heading's (2026年政府采购项目 over
    its 小计 set lower than its two 其中 columns)."""
    settings = SETTINGS
    centre = (heading.x0 + heading.x1) / 2
    while True:
        left = max((v for v in free if v.x1 <= x0 + settings.overlap_slack), key=lambda v: v.x1, default=None)
        right = min((v for v in free if v.x0 >= x1 - settings.overlap_slack), key=lambda v: v.x0, default=None)
        now = abs((x0 + x1) / 2 - centre)
        options = [(abs((a + b) / 2 - centre), a, b) for a, b in
                   ([(left.x0, x1)] if left else []) + ([(x0, right.x1)] if right else [])]
        best = min(options, default=None)
        if best is None or best[0] >= now - settings.centring_gain:
            return x0, x1
        x0, x1 = best[1], best[2]


def _reach(heading: Heading, blocks: list[Heading]) -> tuple[float, float]:
    """How far a heading over others reaches: over the headings it stands above and over their
    neighbours on the same line, up to a heading another one stands above or one set higher
    between them, then centred (:func:`_centred_reach`)."""
    settings = SETTINGS
    slack = settings.overlap_slack
    kids = [v for v in blocks if v.top >= heading.top + settings.under_min_drop * (heading.bottom - heading.top)
            and v.x0 < heading.x1 - slack and v.x1 > heading.x0 + slack]
    line = min(v.top for v in kids)
    x0, x1 = min(v.x0 for v in kids), max(v.x1 for v in kids)
    row = sorted((v for v in blocks if abs(v.top - line) <= settings.same_line), key=lambda v: v.x0)
    others = [o for o in blocks if o is not heading and not o.leaf and o.bottom <= line]

    def claimed(piece: Heading) -> bool:
        return any(o.x0 < piece.x1 and o.x1 > piece.x0 for o in others)

    inside = [index for index, v in enumerate(row) if v.x0 < x1 and v.x1 > x0]
    if inside:
        low, high = inside[0], inside[-1]
        # (a heading set higher than the children's line stands between as a column of its own:
        # 科目名称 and 合计 beside 科目编码's 类 款 项 stop it)
        higher = [v for v in blocks if v.leaf and v.top < line - settings.same_line and
                  v.top > heading.bottom - settings.same_line and v is not heading]

        def between(first: Heading, second: Heading) -> bool:
            return any(v.x0 >= first.x1 - slack and v.x1 <= second.x0 + slack for v in higher)

        while low > 0 and not claimed(row[low - 1]) and row[low - 1].top > heading.bottom and \
                not between(row[low - 1], row[low]):
            low -= 1
        while high + 1 < len(row) and not claimed(row[high + 1]) and row[high + 1].top > heading.bottom and \
                not between(row[high], row[high + 1]):
            high += 1
        x0, x1 = min(x0, row[low].x0), max(x1, row[high].x1)
    x0, x1 = _centred_reach(heading, x0, x1, [v for v in blocks if v.top >= line - settings.same_line and
                                             not claimed(v) and v.leaf])
    return min(x0, heading.x0), max(x1, heading.x1)


def column_labels(chars: list[Char], edges: list[float]) -> list[str]:
    """Each leaf column's label in a header printed without rules: the
    headings over it, top to bottom (基本支出/人员支出).  A heading over
    others reaches over the headings it stands above and over their
    neighbours on the same line up to a heading another one stands above
    (基本支出 over 小计, 人员经费 and 公用经费)."""
    blocks = [h for h in heading_blocks(chars) if not h.number]
    span = [(h.x0, h.x1) if h.leaf else _reach(h, blocks) for h in blocks]
    share = SETTINGS.label_overlap_share
    labels = []
    for left, right in zip(edges, edges[1:]):
        over = [h for h, (start, end) in zip(blocks, span)
                if min(end, right) - max(start, left) >= share * min(end - start, right - left)]
        parts: list[str] = []
        for heading in sorted(over, key=lambda h: h.top):
            text = fold_cell(heading.text)
            if text and not UNIT_LINE.search(text) and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append("/".join(parts))
    return labels


def tier_names(bands: list[Band], grid: Grid) -> list[Char]:
    """The characters of the tier names (类 款 项) printed in a first row's code cells, on its figures'
    line: the headings of their columns, under the heading over them (科目编码)."""
    return [c for band in bands for cell in band.cells if TIERS.match(fold_cell(cell.text))
            for c in grid.chars if band.top <= c.cy < band.bottom and cell.x0 <= c.cx < cell.x1]
