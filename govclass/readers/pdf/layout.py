"""Stage 4 of the PDF reader: layout.  The grids of every page become the tables the document
prints: each grid's caption (drawn inside its frame: the title, the table number, the unit line),
its header and its body; its title and unit from the lines above it; each leaf column labelled by
the header cells above it; and a grid with no title and the columns of the table before it (a
table going on over a page) joined to that table.  Also the document's own facts: its year, 预算
or 决算, 部门 or 单位, title.
"""

from __future__ import annotations

import re

from govclass.document import How
from govclass.readers.codeparts import CODE_NAME, CODE_TEXT
from govclass.readers.government import document_form, is_report_total
from govclass.readers.pdf.grids import Band, Grid, cell_text, leaf_edges, recut
from govclass.readers.pdf.headers import column_labels, has_header_words, looks_like_title, tier_names
from govclass.readers.pdf.pages import Page, TextLine
from govclass.readers.pdf.settings import SETTINGS
from govclass.vocabulary import (FIGURE, NUMBERING_CELL, SENTENCE, UNIT_LINE, fold_cell, fold_title, is_figure_cell,
                                 is_total_label, title_kind)

__all__ = ["PrintedTable", "printed_tables", "document_facts", "government_facts", "same_columns", "caption_bands",
           "header_labels"]


class PrintedTable:
    """A table as the pages print it: its title, unit, header columns and rows (page, band), before
    it is built into tables and statements."""

    def __init__(self, title: str, page: int, unit: str | None, kind: str | None):
        self.title = title
        self.page = page
        self.unit = unit
        self.kind = kind
        self.edges: list[float] = []  # x of the leaf column edges
        self.header: list[str] = []  # per leaf column
        self.caption: list[str] = []  # what the frame prints above the header: title, number, unit line, date
        self.rows: list[tuple[int, Band]] = []  # (page, band)
        self.how = How(0)  # how its rows were read: from rules, by alignment, recut, over pages

    @property
    def aligned(self) -> bool:
        """Some of its rows were placed by the text's alignment (no rules)."""
        return bool(self.how & How.ALIGNED)

    @property
    def name(self) -> str:
        """What the table is called in findings: its title, else its header, else where it is."""
        return self.title or (self.header and " ".join(h for h in self.header if h)[:30]) or f"page {self.page} table"


# -- the document's facts -------------------------------------------------------------------------

_YEAR = re.compile(r"(20\d\d)\s*年\s*度?")
_YEAR_KIND = re.compile(r"(20\d\d)年度?(部门|单位)?(预算|决算)")
_KIND_YEAR = re.compile(r"(部门|单位)?(预算|决算)[^\d]{0,8}(20\d\d)")
_COVER_TITLE = re.compile(r"([^\d]{2,40}?)(20\d\d)年度?(部门|单位)(预算|决算)(?:公开)?")
_NOT_A_TITLE = re.compile(r"目录|部分|[一二三四五六七八九十]、")
_UNIT_SCOPE = re.compile(r"单位(?:预算|决算)")


def document_facts(pages: list[Page], lines_of: dict[int, list[TextLine]]) -> tuple[int | None, str | None,
                                                                                        str | None, str | None]:
    """Year, kind (预算/决算), scope (部门/单位) and title from the cover and
    the titles: short lines only, never a sentence of the narrative."""
    candidates = _fact_lines(pages, lines_of)
    year = kind = scope = None
    for text in candidates:
        match = _YEAR_KIND.search(text) or _KIND_YEAR.search(text)
        if match:
            digits = [g for g in match.groups() if g and g.isdigit()]
            year = year or int(digits[0])
            kind = kind or next(g for g in match.groups() if g in ("预算", "决算"))
            scope = scope or next((g for g in match.groups() if g in ("部门", "单位")), None)
            if year and kind:
                break
    if year is None:
        year = next((int(match.group(1)) for text in candidates for match in [_YEAR.search(text)] if match), None)
    joined = "".join(candidates[:3])
    if kind is None:
        kind = "决算" if "决算" in joined else "预算" if "预算" in joined else None
    if scope is None:
        scope = "单位" if _UNIT_SCOPE.search(joined) and "部门预算" not in joined else \
            "部门" if "部门" in joined else None
    return year, kind, scope, _cover_title(pages, lines_of)


def government_facts(pages: list[Page], lines_of: dict[int, list[TextLine]]) -> tuple[str | None, int | None]:
    """Whether the document is a government's own report, and its year (govclass.readers.government.
    document_form): from the cover (the first pages' short lines), else from the short lines that name
    tables."""
    candidates = _fact_lines(pages, lines_of)
    covers = len(pages[:3])
    return document_form(" ".join(candidates[:covers]), candidates[covers:])


def _fact_lines(pages: list[Page], lines_of: dict[int, list[TextLine]]) -> list[str]:
    """The lines the facts are read from: each of the first pages' first short lines read together
    (a cover prints "年度部门决算" and "2024" on lines of their own), then every short line that
    names a table."""
    most = SETTINGS.fact_line_max_chars
    candidates: list[str] = []
    for page in pages[:3]:
        texts = [line.text.replace(" ", "") for line in lines_of[page.number]]
        texts = [t for t in texts if len(t) <= most and not SENTENCE.search(t)]
        candidates.append("".join(texts[:12]))
    for page in pages:
        for line in lines_of[page.number]:
            text = line.text.replace(" ", "")
            if len(text) <= most and "表" in text and not SENTENCE.search(text):
                candidates.append(text)
    return candidates


def _cover_title(pages: list[Page], lines_of: dict[int, list[TextLine]]) -> str | None:
    """The cover's title, printed on one to three lines of the first pages (the longest)."""
    for page in pages[:3]:
        texts = [ln.text.replace(" ", "") for ln in lines_of[page.number]]
        found = []
        for start in range(len(texts)):
            for count in (1, 2, 3):
                match = _COVER_TITLE.fullmatch("".join(texts[start:start + count]))
                if match and not _NOT_A_TITLE.search(match.group(1)):
                    found.append(f"{match.group(1)}{match.group(2)}年{match.group(3)}{match.group(4)}")
        if found:
            return max(found, key=len)
    return None


# -- a grid's caption, header and body ----------------------------------------------------------------

_CAPTION_META = re.compile(r"^(?:编制单位|填报单位|金额单位|单位名称|部门名称|部门|单位)[:：]|单位[:：]?(?:万元|亿元|元)$")
_DATE = re.compile(r"^[(（]?\d{4}年度?(?:\d{1,2}月(?:\d{1,2}日)?)?[)）]?$")
#: A line above a table that may be its title (…表, …单, …情况, …预算, …表（…）).
_TITLE_ABOVE = re.compile(r"[表单]$|情况$|明细$|预算$|决算$|[表]\s*[（(]")
#: The words a line that is not a table's title starts with (a 编制单位 line, a unit line).
_NOT_TITLE_START = ("编制单位", "填报单位", "部门：", "单位名称")


def _unit_line(text: str) -> bool:
    """单位：万元, 单位：某局, 编制单位：…, 金额单位：元."""
    folded = fold_cell(text)
    return bool(_CAPTION_META.search(folded) or UNIT_LINE.search(folded))


def _number_or_date(text: str) -> bool:
    """A table's number alone (公开02表, 预算01表, 表1) or its date (2026年度)."""
    folded = fold_cell(text)
    return bool(_DATE.match(folded) or ("表" in folded and not fold_title(folded)))


def _is_caption(band: Band, width: float) -> bool:
    """A band that captions a table rather than heads its columns: unit lines,
    and at most one number, date or title, a title across most of the table
    (2018年 | 2019年 | 增减变化情况 is a header of periods; 预算执行情况 over
    some columns heads them)."""
    rest = [c for c in band.cells if c.text and not _unit_line(c.text)]
    return len(rest) <= 1 and all(_number_or_date(c.text) or (
        c.x1 - c.x0 > SETTINGS.title_width_share * width and looks_like_title(fold_cell(c.text))) for c in rest)


def caption_bands(bands: list[Band], width: float) -> int:
    """How many of a grid's first bands are its caption, drawn inside its
    ruled frame (the title, the table number, the unit line, the date; see
    :func:`_is_caption`), with the blank bands among them."""
    count = 0
    for index, band in enumerate(bands):
        texts = [c.text for c in band.cells if c.text]
        if texts and not _is_caption(band, width):
            break
        if texts:
            count = index + 1
    return count


def _is_data_band(band: Band, government: bool = False) -> bool:
    """A band of the body: it starts with a code (or a code and its name), a total with a figure, or
    prints a figure with decimals or thousands.  In a government's report (issue 26), whose figures are
    often printed whole and bare (1818054), a total of its own words (一般公共预算支出合计) or a figure that is
    not the columns' numbering (1 2 3) makes one too."""
    texts = [t for t in band.texts() if t]
    if not texts:
        return False
    first = texts[0].replace(" ", "")
    if CODE_TEXT.match(first) or CODE_NAME.match(texts[0]):
        return True
    if (is_total_label(texts[0]) or government and is_report_total(texts[0])) and \
            any(is_figure_cell(t) for t in texts[1:]):
        return True
    figures = [t.replace(" ", "") for t in texts if FIGURE.match(t.replace(" ", ""))]
    if government and figures and not _is_numbering(figures):
        return True
    return any(FIGURE.match(t.replace(" ", "")) and ("." in t or "," in t) for t in texts)


def _is_numbering(figures: list[str]) -> bool:
    """Whether a band's figures are its columns' numbering (栏次 1 2 3): numbering cells whose numbers run by ones,
    a lone one being 1.  A row whose figures are whole and small is no numbering (Heilongjiang 2022 p. 86 opens
    the page the table goes on to with 土地储备专项债券发行费用支出 19, 棚户区改造… 89)."""
    if not all(NUMBERING_CELL.match(f) for f in figures):
        return False
    numbers = [int(f) for f in figures if f.isdigit()]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:])) and (len(numbers) != 1 or numbers[0] == 1)


def header_labels(header: list[Band], edges: list[float], grid: Grid) -> list[str]:
    """Each leaf column's label: the header cells above it, top to bottom,
    joined by "/" ("本年支出/基本支出").  A header cell that spans two bands
    (no rule crosses it) is read whole."""
    if not header:
        return [""] * (len(edges) - 1)
    settings = SETTINGS
    slack = settings.grid_margin
    top, bottom = header[0].top, header[-1].bottom
    labels = []
    for left, right in zip(edges, edges[1:]):
        middle = (left + right) / 2
        cuts = [top, bottom] + [h.at for h in grid.hrules if top + slack < h.at < bottom - slack and
                                h.lo - slack <= middle <= h.hi + slack]
        cuts = sorted(set(cuts))
        parts: list[str] = []
        for upper, lower in zip(cuts, cuts[1:]):
            # the cell around (middle, segment): the widest span of the bands' cells holding middle
            x0, x1 = left, right
            for band in header:
                if band.top >= upper - slack and band.bottom <= lower + slack:
                    for cell in band.cells:
                        if cell.x0 - slack <= middle <= cell.x1 + slack:
                            x0, x1 = min(x0, cell.x0), max(x1, cell.x1)
            text = fold_cell(cell_text([c for c in grid.chars if upper <= c.cy < lower and x0 <= c.cx < x1]))
            if not text or UNIT_LINE.search(text) or text.startswith(_NOT_TITLE_START) or (
                    x1 - x0 > settings.title_width_share * (edges[-1] - edges[0]) and looks_like_title(text)) or \
                    NUMBERING_CELL.match(text):
                continue  # a title, a unit line, or the column numbering (栏次 1 2 3, **)
            if not parts or parts[-1] != text:
                parts.append(text)
        labels.append("/".join(parts))
    return labels


def same_columns(first: list[float], second: list[float]) -> bool:
    """Two grids with the same columns: every edge of one within 6 pt of an
    edge of the other, but for at most one narrow margin column; or the same
    columns moved as a whole (:func:`page_shift`)."""
    near = SETTINGS.same_edge

    def missing(edges: list[float], others: list[float]) -> int:
        return sum(1 for e in edges if not any(abs(e - f) < near for f in others))
    if not (first and second):
        return False
    if missing(first, second) <= 1 and missing(second, first) <= 1 and abs(len(first) - len(second)) <= 1:
        return True
    return page_shift(first, second) is not None


def page_shift(first: list[float], second: list[float]) -> float | None:
    """How far the columns ``second`` stand from ``first`` when they are the same columns moved as a whole
    (a report printed for binding: its left and right pages' margins differ), else None: as many edges, each
    the same distance from its own, within half the same-edge tolerance of that distance."""
    settings = SETTINGS
    if len(first) != len(second) or len(first) < 2:
        return None
    moves = [b - a for a, b in zip(first, second)]
    shift = sorted(moves)[len(moves) // 2]
    if abs(shift) <= settings.page_shift_max and all(abs(m - shift) < settings.same_edge / 2 for m in moves):
        return shift
    return None


def _moved(bands: list[Band], shift: float) -> list[Band]:
    """Bands moved back by ``shift`` (their page printed its table further right or left)."""
    return [band._replace(cells=[c._replace(x0=c.x0 - shift, x1=c.x1 - shift) for c in band.cells])
            for band in bands]


def _merged_columns(edges: list[float], table: list[float]) -> bool:
    """A grid whose columns are a table's with some merged (a 合计 cell over
    the code columns): the same outer edges, every edge of it one of the
    table's, fewer of them."""
    near = SETTINGS.same_edge
    return bool(edges and table) and len(edges) < len(table) and abs(edges[0] - table[0]) < near and \
        abs(edges[-1] - table[-1]) < near and all(any(abs(e - f) < near for f in table) for e in edges)


# -- tables over the pages --------------------------------------------------------------------------

class _Grid:
    """One grid as the layout reads it: caption, header and body bands, titles and unit."""

    def __init__(self, grid: Grid, above: list[TextLine], government: bool = False) -> None:
        self.grid = grid
        self.unit: str | None = None
        self.titles: list[str] = []
        self._read_above(above)
        # the header: bands before the first data band, after the caption drawn inside the frame
        first_data = next((index for index, band in enumerate(grid.bands) if _is_data_band(band, government)),
                          len(grid.bands))
        header, self.body = grid.bands[:first_data], grid.bands[first_data:]
        captions = caption_bands(header, grid.x1 - grid.x0)
        self.caption, self.header = header[:captions], header[captions:]
        self._read_frame(captions)

    def _read_above(self, above: list[TextLine]) -> None:
        """The unit and the titles printed above the grid, nearest first."""
        settings = SETTINGS
        for line in reversed(above[-settings.lines_above:]):
            text = line.text.replace(" ", "")
            match = UNIT_LINE.search(text)
            if match and self.unit is None:
                self.unit = match.group(1)
            if not match and not text.startswith(_NOT_TITLE_START) and _TITLE_ABOVE.search(text) and \
                    len(text) <= settings.title_max_chars and not SENTENCE.search(text.replace(",", "")):
                self.titles.append(line.text.strip())

    def _read_frame(self, captions: int) -> None:
        """A title or a unit printed inside the table's frame."""
        for index, band in enumerate(self.caption + self.header):
            texts = [c.text for c in band.cells if c.text]
            for text in texts:
                match = UNIT_LINE.search(fold_cell(text))
                if match and self.unit is None:
                    self.unit = match.group(1)
            if index < captions and len(texts) == 1 and looks_like_title(texts[0]):
                self.titles.append(texts[0])

    def name(self, final: bool) -> str | None:
        """The nearest title that names a known table, else the nearest that is more than a number (公开02表)."""
        titles = self.titles
        return next((x for x in titles if title_kind(x, final)), None) or next(
            (x for x in titles if fold_title(x)), None) or (titles[0] if titles else None)


class _Layout:
    """The tables of the document as the pages print them, table by table."""

    def __init__(self, final: bool) -> None:
        self.final = final
        self.tables: list[PrintedTable] = []
        self.current: PrintedTable | None = None

    def take(self, page: int, one: _Grid) -> None:
        """A grid: a table of its own, or the rows of the table before it going on."""
        grid, header, body = one.grid, one.header, one.body
        current = self.current
        name = one.name(self.final)
        edges = leaf_edges(body or header)
        how = How.ALIGNED if grid.aligned else How.RULED
        if grid.aligned and not header and name is None and current is not None:
            # a table without rules going on over a page: its columns are the table's, where its
            # text stands (the gaps between this page's words need not fall where they did)
            body = recut(body, grid, current.edges, whole_words=True)
            edges = current.edges
            how |= How.RECUT
        if current is not None and name is None and header and \
                not has_header_words([c.text for band in header for c in band.cells]) and \
                same_columns(leaf_edges(grid.bands), current.edges):
            header, body = [], grid.bands  # rows with no figures at the top of a continued table, not a header
            edges = current.edges
        if current is not None and name is None and not header and not grid.aligned and \
                _merged_columns(edges, current.edges):
            # the last rows of a table on a page of their own, a 合计 merged over its code columns (Shanghai)
            body = recut(body, grid, current.edges)
            edges = current.edges
            how |= How.RECUT
        labels = column_labels([c for c in grid.chars if header[0].top <= c.cy < header[-1].bottom] +
                               tier_names(body[:1], grid), edges) \
            if grid.aligned and header else header_labels(header, edges, grid)
        goes_on = current is not None and (
            name is None and (not any(labels) or labels == current.header) or
            name is not None and fold_cell(name) == fold_cell(current.title)) and same_columns(edges, current.edges)
        if current is not None and grid.aligned and header and labels == current.header and \
                len(edges) == len(current.edges) and not same_columns(edges, current.edges) and \
                (name is None or fold_cell(name) == fold_cell(current.title)):
            # the same table, its header repeated on the next page: the gaps between this page's words
            # need not fall where they did, its rows are cut by the table's own columns
            body = recut(body, grid, current.edges, whole_words=True)
            goes_on = True
            how |= How.RECUT
        if goes_on:
            shift = page_shift(current.edges, edges) if current is not None and edges != current.edges else None
            if shift:  # the same columns moved as a whole: the rows put back under the table's own
                body = _moved(body, shift)
            current.rows.extend((page, band) for band in body)  # type: ignore[union-attr]
            current.how |= how | How.CONTINUED  # type: ignore[union-attr]
            return
        table = PrintedTable(name or "", page, one.unit, title_kind(name, self.final) if name else None)
        table.edges = edges
        table.header = labels
        table.caption = [c.text for band in one.caption for c in band.cells if c.text]
        table.rows = [(page, band) for band in body]
        table.how = how
        self.tables.append(table)
        self.current = table


def printed_tables(pages: list[Page], grids_of: dict[int, list[Grid]], lines_of: dict[int, list[TextLine]],
                   final: bool, government: bool = False) -> list[PrintedTable]:
    """The tables the pages print (see the module docstring), in reading order (``government``: a
    government's own report, whose figures are often printed without decimals, see :func:`_is_data_band`)."""
    layout = _Layout(final)
    reach = SETTINGS.title_gap
    for page in pages:
        prev_bottom = 0.0
        framed: tuple[list[str], str | None] = ([], None)  # the titles and unit of a frame that holds them alone
        for grid in grids_of[page.number]:
            if not any(c.text for band in grid.bands for c in band.cells):
                continue  # an empty frame (drawn twice over a title's frame, Xi'an): nothing to read
            above = [ln for ln in lines_of[page.number] if prev_bottom <= ln.y <= grid.top + reach]
            prev_bottom = grid.bottom
            one = _Grid(grid, above, government)
            one.titles, one.unit, framed = one.titles + framed[0], one.unit or framed[1], ([], None)
            if one.caption and not one.header and not one.body:  # a frame around the title alone: it titles the next
                framed = (one.titles, one.unit)
                continue
            layout.take(page.number, one)
    return layout.tables
