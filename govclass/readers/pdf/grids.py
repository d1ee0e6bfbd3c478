"""Stage 2 of the PDF reader: grids.  A page's ruling lines make its ruled tables: row bands
between the horizontal rules, cells between the vertical rules that cross each band.  Every
character goes to the cell that holds its centre, so a blank cell stays blank and a name wrapped
over three lines stays in its cell.

A table printed without rules gets rules drawn from its alignment first
(:mod:`govclass.readers.pdf.alignment`) and is then cut here like any other.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import NamedTuple

from govclass.readers.codeparts import CODE_TEXT
from govclass.readers.pdf.pages import Char, Page, Rule, TextLine, cluster_rules, line_groups, text_lines, words_of
from govclass.readers.pdf.settings import SETTINGS
from govclass.vocabulary import FIGURE

__all__ = ["Cellbox", "Band", "Grid", "ruled_grids", "cell_text", "leaf_edges", "cells_by_leaf", "recut",
           "BAND_ROW", "BAND_FIGURE", "row_box"]


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


def row_box(band: Band) -> tuple[float, float, float, float] | None:
    """Where a printed row stands on its page (``Line.box``): its band, from its first cell's left edge
    to its last cell's right edge, in points from the page's top left corner."""
    if not band.cells:
        return None
    return (min(c.x0 for c in band.cells), band.top, max(c.x1 for c in band.cells), band.bottom)


class Grid(NamedTuple):
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    bands: list[Band]
    hrules: list[Rule]  # the horizontal rules of the grid
    chars: list[Char]
    aligned: bool = False  # its rules were drawn from the text's alignment (no rules printed)


def ruled_grids(page: Page, aligned: bool = False) -> list[Grid]:
    """The ruled tables of a page, top to bottom (``aligned``: the page's rules were drawn from the
    text's alignment, and its grids say so)."""
    settings = SETTINGS
    hrules = [h for h in cluster_rules(page.hrules) if h.hi - h.lo > settings.hrule_min_length]
    vrules = [v for v in cluster_rules(page.vrules) if v.hi - v.lo > settings.vrule_min_length]
    if len(hrules) < 2 or len(vrules) < 2:
        return []
    grids = []
    for across, down in _crossing_sets(hrules, vrules):
        if len(across) < 2 or len(down) < 2:
            continue
        grid = _grid(page, across, down, aligned)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: g.top)
    return grids


def _crossing_sets(hrules: list[Rule], vrules: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """The connected sets of rules that cross each other (each a table's frame): its horizontal and
    its vertical rules."""
    reach = SETTINGS.rule_cross_tolerance
    parent = list(range(len(hrules) + len(vrules)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for row, hrule in enumerate(hrules):
        for column, vrule in enumerate(vrules):
            if hrule.lo - reach <= vrule.at <= hrule.hi + reach and vrule.lo - reach <= hrule.at <= vrule.hi + reach:
                parent[find(row)] = find(len(hrules) + column)
    sets: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for row, hrule in enumerate(hrules):
        sets.setdefault(find(row), ([], []))[0].append(hrule)
    for column, vrule in enumerate(vrules):
        sets.setdefault(find(len(hrules) + column), ([], []))[1].append(vrule)
    return list(sets.values())


def _grid(page: Page, across: list[Rule], down: list[Rule], aligned: bool) -> Grid | None:
    """The table one set of crossing rules frames, or None when it holds no band."""
    settings = SETTINGS
    margin = settings.grid_margin
    heights = sorted({round(h.at, 1) for h in across})
    cuts: list[float] = []
    for height in heights:
        if not cuts or height - cuts[-1] > settings.row_rule_merge:
            cuts.append(height)
    x0, x1 = min(h.lo for h in across), max(h.hi for h in across)
    cuts = _open_ends(cuts, down, page.chars, x0, x1)
    top, bottom = cuts[0], cuts[-1]
    chars = sorted((c for c in page.chars if top - margin <= c.cy <= bottom + margin and
                    x0 - margin <= c.cx <= x1 + margin), key=lambda c: c.cy)
    centres = [c.cy for c in chars]
    framed = []  # each band between two rules: its edges, its characters and their text lines
    for upper, lower in zip(cuts, cuts[1:]):
        middle = (upper + lower) / 2
        edges = _open_sides(sorted({v.at for v in down if v.lo - margin <= middle <= v.hi + margin}),
                            across, upper, lower)
        if len(edges) < 2:
            continue
        inside = chars[bisect_left(centres, upper):bisect_left(centres, lower)]
        framed.append((upper, lower, _without_slivers(edges, down, inside), inside, text_lines(inside)))
    whole = _whole_numbers([line for *_band, lines in framed for line in lines])
    bands = []
    for upper, lower, edges, inside, lines in framed:
        for row_top, row_bottom, part in _rows_of_band(upper, lower, inside, lines, whole):
            cells = []
            for left, right in zip(edges, edges[1:]):
                if right - left < settings.column_min_width:
                    continue
                these = [c for c in part if left <= c.cx < right]
                cells.append(Cellbox(left, right, cell_text(these)))
            bands.append(Band(row_top, row_bottom, _spilt_back(cells)))
    if not bands:
        return None
    return Grid(page.number, top, bottom, x0, x1, bands, across, chars, aligned)


def _open_ends(cuts: list[float], down: list[Rule], chars: list[Char], x0: float, x1: float) -> list[float]:
    """A table's row edges, with a row above its first horizontal rule (or below its last) where its vertical
    rules run on past it and something is printed there (``chars`` between ``x0`` and ``x1``): a table going on from the page before whose first row
    has no rule above it (Jiangsu 2017 p. 14: 2210201 住房公积金 above the first rule), or one whose last row has
    none below it."""
    reach = SETTINGS.open_row_min_height
    above = [v.lo for v in down if v.lo < cuts[0] - reach]
    below = [v.hi for v in down if v.hi > cuts[-1] + reach]
    if len(above) >= 2 and any(min(above) <= c.cy < cuts[0] and x0 <= c.cx <= x1 for c in chars):
        cuts = [min(above), *cuts]
    if len(below) >= 2 and any(cuts[-1] < c.cy <= max(below) and x0 <= c.cx <= x1 for c in chars):
        cuts = [*cuts, max(below)]
    return cuts


def _without_slivers(edges: list[float], down: list[Rule], chars: list[Char]) -> list[float]:
    """A band's column edges without the slivers between two rules drawn close together with nothing between them
    (a cell's shading or inner box drawn a few points inside its rules: Jiangsu 2017 p. 14): of the two, the edge
    whose rule runs longer down the table stays."""
    settings = SETTINGS
    length = {}
    for rule in down:
        length[rule.at] = max(length.get(rule.at, 0.0), rule.hi - rule.lo)
    out: list[float] = []
    for edge in edges:
        if out and edge - out[-1] < settings.sliver_max_width and \
                not any(out[-1] <= c.cx < edge for c in chars):
            if length.get(edge, 0.0) > length.get(out[-1], 0.0) and len(out) > 1:
                out[-1] = edge  # the longer rule stays (never the table's outer edge, kept as drawn)
            continue
        out.append(edge)
    return out


def _open_sides(edges: list[float], across: list[Rule], upper: float, lower: float) -> list[float]:
    """A band's column edges, with the ends of the rules above and below it where the table is printed
    open at its sides (no outer vertical rule: its first and last columns, 科目编码 and 比上年增减%, stand
    between the last vertical rule and the ends of the horizontal ones)."""
    settings = SETTINGS
    if not edges:
        return edges

    def rule_at(height: float) -> Rule | None:
        return next((h for h in across if abs(h.at - height) <= settings.row_rule_merge), None)

    above, below = rule_at(upper), rule_at(lower)
    if above is None or below is None:
        return edges
    left, right = max(above.lo, below.lo), min(above.hi, below.hi)
    if left < edges[0] - settings.open_side_min_width:
        edges = [left, *edges]
    if right > edges[-1] + settings.open_side_min_width:
        edges = [*edges, right]
    return edges


#: a figure cell that starts with the last characters of the name beside it, printed past its cell's edge
#: (国有土地使用权出让收入对应专项债务 | 收 6,360,359: 收 is the name's)
_SPILT_CELL = re.compile(r"^([\u4e00-\u9fff）)]{1,2})\s*([-−]?\d[\d,. ]*)$")


def _spilt_back(cells: list[Cellbox]) -> list[Cellbox]:
    """The cells of a row with a name's last characters, printed past the name's cell into the figure beside
    it, given back to the name."""
    out = list(cells)
    for index in range(1, len(out)):
        left, right = out[index - 1], out[index]
        spilt = _SPILT_CELL.match(right.text)
        figure = spilt.group(2).replace(" ", "") if spilt else ""
        if spilt and FIGURE.match(figure) and left.text and _CJK_CHAR.search(left.text[-1]):
            out[index - 1] = left._replace(text=left.text + spilt.group(1))
            out[index] = right._replace(text=figure)
    return out


#: A line that starts a row of a table: a code (3 digits, then pairs), or 合计/总计.
BAND_ROW = re.compile(r"^\s*(?:[\[【]?[1235]\d{2}(?:\s?\d{2}){0,3}(?![\d.,])|合\s*计|总\s*计)")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: A figure inside a line (its decimals, or its thousands).
BAND_FIGURE = re.compile(r"\d\.\d{2}(?!\d)|\d,\d{3}(?![\d])")
#: the most digits a whole number without separators may print and still be read as a figure (400 400; 2082601
#: 2082602 is a line of codes printed above their names)
WHOLE_FIGURE_MAX_DIGITS = 4
#: A figure standing as a word of its own: grouped (590,898) or with decimals (3.0, 262.33)
_FIGURE_WORD = re.compile(r"(?<![\d,.])[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?(?![\d,.])|(?<![\d,.])[-−]?\d+\.\d+%?(?![\d,.])")
#: ... or, in a table that prints no figure with two decimals (a government's report in 万元, 1,000 and more grouped),
#: a short whole number too (460); where figures print decimals, a whole number beside a name is a code of the panel
#: beside it (302), and a long one without separators may be a code (2082602 printed above its name)
_WHOLE_WORD = re.compile(r"(?<![\d,.])[-−]?\d{1,%d}%%?(?![\d,.])" % WHOLE_FIGURE_MAX_DIGITS)
#: a figure with two decimals: a table whose figures print them
_TWO_DECIMALS = re.compile(r"\d\.\d{2}(?!\d)")
#: the dashes a row prints for no figure
_DASH_WORDS = ("-", "—", "－", "--", "——")


def _is_figure_word(word: str, whole: bool) -> bool:
    return word in _DASH_WORDS or bool(_FIGURE_WORD.fullmatch(word)) or whole and bool(_WHOLE_WORD.fullmatch(word))


def _labelled_figures(text: str, whole: bool) -> bool:
    """A text line that prints a name (Chinese words: 一、税收收入, 合 计, 项目XZZFC004预算) and then figures: a row
    by name (a total, a side's row, a project).  ``whole``: whole numbers are figures (see _WHOLE_WORD)."""
    words = text.split()
    label_end = len(words)  # the figures at the line's end; the words before them are its name
    while label_end > 0 and _is_figure_word(words[label_end - 1], whole):
        label_end -= 1
    trailing = words[label_end:]
    return 0 < label_end < len(words) and any(ch.isdigit() for w in trailing for ch in w) \
        and bool(_CJK_CHAR.search(words[0]))


#: a line of digits alone starts a coded row only with a code this long (a 款 or below, its name wrapped above and
#: below it); a 类 prints its short name beside it, and a 3-digit first word of a line of figures is a figure
CODE_WITHOUT_NAME_MIN_DIGITS = 5


def _starts_row(text: str, whole: bool = False) -> bool:
    """A text line that starts a row of a band without rules between its rows: a code (or 合计), then a
    figure, however it is printed (the figures of a row without decimals stand apart only by their spaces).
    ``whole``: whole numbers are figures (see _WHOLE_WORD)."""
    start = BAND_ROW.match(text)
    if start is None or _figures_only(text) and len(text.split()[0]) < CODE_WITHOUT_NAME_MIN_DIGITS:
        return False  # 548 43 68 15 23: figures, the first one no code (22904 | 6,473,407: a name wrapped round it)
    rest = text[start.end():]
    return bool(BAND_FIGURE.search(text.replace(" ", "")) or _FIGURE_WORD.search(rest) or
                whole and _WHOLE_WORD.search(rest))


def _whole_numbers(lines: list[TextLine]) -> bool:
    """Whether a table (its text lines) prints its figures as whole numbers (no figure of it has two decimals: a
    government's report in 万元): then a whole number is a figure (see _WHOLE_WORD)."""
    return not any(_TWO_DECIMALS.search(line.text) for line in lines)


def _rows_of_band(upper: float, lower: float, chars: list[Char], lines: list[TextLine], whole: bool
                  ) -> list[tuple[float, float, list[Char]]]:
    """A band between two horizontal rules is one row, unless the table draws
    no rule between its rows: then two or more of its text lines start with a
    code and print a figure, and each such line is a row of its own (a
    wrapped name's other lines go to the row nearest them).  A figure split
    over two lines of its cell does not start a row.  ``lines``: the band's text lines."""
    starts = [_starts_row(ln.text, whole) for ln in lines]
    if sum(starts) < 2:
        return _rows_by_figures(upper, lower, chars, lines, whole)
    done = False  # the last row that printed a code printed its figures too (a wrapped name's rest may follow)
    for index in range(len(lines)):  # a row by name (一般公共预算收入 | 21,796,872) after a whole row
        if BAND_ROW.match(lines[index].text):
            done = starts[index]
        elif done and _labelled_figures(lines[index].text, whole):
            starts[index] = True
    if len(lines) > 1 and not starts[0] and starts[1] and _labelled_figures(lines[0].text, whole):
        starts[0] = True  # the band's first row, by name, right before a coded one
    for index, line in enumerate(lines):  # a coded row that prints no figure (10118 耕地占用税 | blank)
        after = lines[index + 1].text if index + 1 < len(lines) else None
        if not starts[index] and _CODE_AND_NAME.match(line.text) and (after is None or BAND_ROW.match(after)):
            starts[index] = True  # …when the next line starts a coded row too: it is no name wrapped round figures
    return _cut_at(upper, lower, chars, [ln.y for ln, start in zip(lines, starts) if start])


#: a line that prints a code and then a name (10118 耕地占用税): a row, when it is whole on its line
_CODE_AND_NAME = re.compile(r"^\s*[1235]\d{2}(?:\d{2}){0,3}\s+(?:[一二三四五六七八九十]+、\s*)?[\u4e00-\u9fff]")


def _cut_at(upper: float, lower: float, chars: list[Char], anchors: list[float]) -> list[tuple[float, float, list[Char]]]:
    """The band cut into one row per anchor line, halfway between them: each other line goes to the row nearest it."""
    cuts = [upper] + [(a + b) / 2 for a, b in zip(anchors, anchors[1:])] + [lower]
    ordered = sorted(chars, key=lambda c: c.base)
    bases = [c.base for c in ordered]
    out = []
    for row_top, row_bottom in zip(cuts, cuts[1:]):
        end = bisect_left(bases, row_bottom) if row_bottom != lower else len(ordered)  # the last row: all below
        out.append((row_top, row_bottom, ordered[bisect_left(bases, row_top):end]))
    return out


def _rows_by_figures(upper: float, lower: float, chars: list[Char], lines: list, whole: bool
                     ) -> list[tuple[float, float, list[Char]]]:
    """A band of rows without codes and without rules between them (a table of projects by region): each line
    of figures is a row, the lines of its name above and below it (a name wrapped over two lines, its figures
    printed between them) go to the row nearest them.  One row when fewer than two lines print figures, or when
    a row so cut would hold no name (a figure wrapped over two lines of its cell is one row's)."""
    if any(BAND_ROW.match(ln.text) and not _prints_figure(ln.text, whole) for ln in lines):
        return [(upper, lower, chars)]  # codes without figures beside them (303 05 | 302: 类 and 款 on lines apart)
    anchors = [ln.y for ln in lines if _a_line_of_figures(ln.text, whole)
               or _labelled_figures(ln.text, whole) or _starts_row(ln.text, whole)]
    if len(anchors) < 2:
        return [(upper, lower, chars)]
    rows = _cut_at(upper, lower, chars, anchors)
    if not all(any(_CJK_CHAR.match(c.ch) for c in part) for _top, _bottom, part in rows):
        return [(upper, lower, chars)]
    return rows


def _prints_figure(text: str, whole: bool) -> bool:
    """Whether a line prints a figure as a word of its own (see _WHOLE_WORD for ``whole``)."""
    return any(_is_figure_word(w, whole) and any(ch.isdigit() for ch in w) for w in text.split()) or \
        bool(BAND_FIGURE.search(text.replace(" ", "")))




def _a_line_of_figures(text: str, whole: bool) -> bool:
    """A line of figures alone that a row prints between the lines of its wrapped name: a grouped or decimal figure
    (13,900 1,274), or short whole numbers in a table of whole numbers (400 400), never a line of codes."""
    if not _figures_only(text):
        return False
    if _FIGURE_WORD.search(text):
        return True
    numbers = [w for w in text.split() if any(ch.isdigit() for ch in w)]
    return whole and bool(numbers) and all(sum(ch.isdigit() for ch in w) <= WHOLE_FIGURE_MAX_DIGITS for w in numbers)


def _figures_only(text: str) -> bool:
    """A text line of figures alone (13,900 1,274 1,844; 1 , 1 12 printed with wide spacing)."""
    return any(ch.isdigit() for ch in text) and not _CJK_CHAR.search(text) and not any(ch.isalpha() for ch in text)


# -- a cell's text ----------------------------------------------------------------------------------

_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +(?=[()])|(?<=[()]) +(?=[^\x00-\x7f])")


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines in order, joined without a break (a name
    wrapped in its cell), words within a line by one space."""
    if not chars:
        return ""
    lines = text_lines(chars)
    text = "".join(ln.text if index == 0 or not _needs_space(lines[index - 1].text, ln.text) else " " + ln.text
                   for index, ln in enumerate(lines)).strip()
    compact = text.replace(" ", "")
    if FIGURE.match(compact) or CODE_TEXT.match(compact) or not any(ch.isdigit() for ch in compact):
        return compact  # a figure, a code or a name: spaces there are only wide letter spacing
    return _CJK_SPACE.sub("", text)


def _needs_space(before: str, after: str) -> bool:
    """Two lines of one cell stay apart when both are codes or figures."""
    return bool(before and after and before[-1].isdigit() and after[0].isdigit() and
                (FIGURE.match(after.split()[0]) or FIGURE.match(before.split()[-1])) and
                not (before.split()[-1].endswith((",", ".")) or after.startswith((",", "."))))


# -- columns --------------------------------------------------------------------------------------

def leaf_edges(bands: list[Band]) -> list[float]:
    """The edges of the narrowest columns the bands' cells give (a merged cell spans several)."""
    counts: Counter = Counter()
    for band in bands:
        for cell in band.cells:
            counts[round(cell.x0)] += 1
            counts[round(cell.x1)] += 1
    out: list[float] = []
    for edge in sorted(counts):
        if not out or edge - out[-1] > SETTINGS.edge_merge:
            out.append(edge)
    return out


def cells_by_leaf(band: Band, edges: list[float]) -> list[str]:
    """The band's texts by leaf column ("" for a blank; a merged cell's text
    in its first leaf)."""
    slack = SETTINGS.cell_edge_slack
    out = [""] * (len(edges) - 1)
    for cell in band.cells:
        for index, (left, right) in enumerate(zip(edges, edges[1:])):
            if cell.x0 - slack <= left and right <= cell.x1 + slack:
                out[index] = cell.text
                break
            if left - slack <= (cell.x0 + cell.x1) / 2 <= right + slack and cell.x0 >= left - slack:
                out[index] = cell.text
                break
    return out


def recut(bands: list[Band], grid: Grid, edges: list[float], whole_words: bool = False) -> list[Band]:
    """Rows of a grid cut again by the columns of the table they go on.  ``whole_words`` (rows drawn
    from the alignment): a word that reaches past one of their edges by a third of its width at
    most stays whole in the column it starts in (a longer name on this page reaching past where the
    first page's names ended: 国家电影事业发展专项资金安排, 2080505机关事业单位… printed as one word)."""
    out = []
    for band in bands:
        chars = [c for c in grid.chars if band.top <= c.cy < band.bottom]
        placed: dict[int, float] = {}  # id(char) -> the x it counts as standing at
        for line in line_groups(chars) if whole_words else []:
            for word in words_of(line):
                crossed = [e for e in edges if word.x0 < e < word.x1]
                if len(crossed) == 1 and word.x1 - crossed[0] <= (word.x1 - word.x0) / SETTINGS.recut_overhang_parts:
                    placed.update((id(c), word.x0) for c in line if word.x0 <= c.x0 and c.x1 <= word.x1)
        out.append(Band(band.top, band.bottom, [Cellbox(left, right, cell_text(
            [c for c in chars if left <= placed.get(id(c), c.cx) < right])) for left, right in zip(edges, edges[1:])]))
    return out
