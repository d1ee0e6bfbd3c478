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
from govclass.readers.pdf.pages import Char, Page, Rule, cluster_rules, line_groups, text_lines, words_of
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
    top, bottom = cuts[0], cuts[-1]
    x0, x1 = min(h.lo for h in across), max(h.hi for h in across)
    chars = sorted((c for c in page.chars if top - margin <= c.cy <= bottom + margin and
                    x0 - margin <= c.cx <= x1 + margin), key=lambda c: c.cy)
    centres = [c.cy for c in chars]
    bands = []
    for upper, lower in zip(cuts, cuts[1:]):
        middle = (upper + lower) / 2
        edges = sorted({v.at for v in down if v.lo - margin <= middle <= v.hi + margin})
        if len(edges) < 2:
            continue
        inside = chars[bisect_left(centres, upper):bisect_left(centres, lower)]
        for row_top, row_bottom, part in _rows_of_band(upper, lower, inside):
            cells = []
            for left, right in zip(edges, edges[1:]):
                if right - left < settings.column_min_width:
                    continue
                these = [c for c in part if left <= c.cx < right]
                cells.append(Cellbox(left, right, cell_text(these)))
            bands.append(Band(row_top, row_bottom, cells))
    if not bands:
        return None
    return Grid(page.number, top, bottom, x0, x1, bands, across, chars, aligned)


#: A line that starts a row of a table: a code (3 digits, then pairs), or 合计/总计.
BAND_ROW = re.compile(r"^\s*(?:[\[【]?[1235]\d{2}(?:\s?\d{2}){0,3}(?![\d.,])|合\s*计|总\s*计)")
#: A figure inside a line (its decimals, or its thousands).
BAND_FIGURE = re.compile(r"\d\.\d{2}(?!\d)|\d,\d{3}(?![\d])")


def _rows_of_band(upper: float, lower: float, chars: list[Char]) -> list[tuple[float, float, list[Char]]]:
    """A band between two horizontal rules is one row, unless the table draws
    no rule between its rows: then two or more of its text lines start with a
    code and print a figure, and each such line is a row of its own (a
    wrapped name's other lines go to the row nearest them).  A figure split
    over two lines of its cell does not start a row."""
    lines = text_lines(chars)
    anchors = [ln.y for ln in lines if BAND_ROW.match(ln.text) and BAND_FIGURE.search(ln.text.replace(" ", ""))]
    if len(anchors) < 2:
        return [(upper, lower, chars)]
    cuts = [upper] + [(a + b) / 2 for a, b in zip(anchors, anchors[1:])] + [lower]
    out = []
    for row_top, row_bottom in zip(cuts, cuts[1:]):
        part = [c for c in chars if row_top <= c.base < row_bottom] if row_bottom != lower else \
            [c for c in chars if row_top <= c.base]
        out.append((row_top, row_bottom, part))
    return out


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
