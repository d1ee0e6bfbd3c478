"""Stage 3 of the PDF reader: alignment.  A table printed without ruling lines is given rules drawn
from its text's own alignment, so that the grid stage reads it as a ruled one:

- the body is a run of lines in which rows start with a code (or 合计) and print a figure; a line
  with neither (a wrapped name) belongs to the nearest row, so a rule is drawn half-way between
  two rows;
- the header is the lines just above the body, up to the title or the unit line (at most three
  tiers of headings), a rule between header and body (its labels are read from the headings'
  tree, :mod:`govclass.readers.pdf.headers`);
- columns are the gaps that no word of the body crosses, widened by the headings with no heading
  under them (a heading over a column left blank in every row is still a column);
- where vertical rules are drawn down the body (a table whose horizontal rules are missing or not
  seen), they are its columns; where horizontal rules are drawn across it (a three-line table),
  the one under the header and the ones between rows are the cuts, in place of the half-way lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govclass.readers.codeparts import code_shape
from govclass.readers.pdf.grids import BAND_FIGURE
from govclass.readers.pdf.headers import HEADER_WORD, TIERS, has_header_words, heading_blocks, looks_like_title
from govclass.readers.pdf.pages import Char, Rule, Word, em_of, line_groups, words_of
from govclass.readers.pdf.settings import SETTINGS
from govclass.vocabulary import SENTENCE, UNIT_LINE, fold_cell

__all__ = ["aligned_rules", "LOOSE_ROW", "LOOSE_FIGURE"]

#: A row of a table without rules: a code (3 digits, then pairs), or 合计/总计.
_ROW_START = re.compile(r"^\s*(?:[\[【]?[1235]\d{2}(?:\s?\d{2}){0,3}(?![\d.,])|合\s*计|总\s*计)")
#: A row of a 款 or 项 printed under its 类: two digits, then a name.
_PART_ROW = re.compile(r"^\s*\d{2}\s+[\u4e00-\u9fff]")
#: A whole figure in thousands (257,700).
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])")
#: A code, then a name (the code may be spaced, bracketed, followed by a dash).
LOOSE_ROW = re.compile(r"^\s*[\[【]?(\d{3}(?: ?\d{2}){0,3})[\]】]?\s*[-－]?\s*[\u4e00-\u9fff]")
#: A figure with decimals inside a line (1,234.56; 12.50).
LOOSE_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{1,6}(?![\d.])|(?<![\d.,])\d+\.\d{2}(?![\d.])")
_SPACED_SEPARATOR = re.compile(r"([,.])\s+(?=\d)")  # "1, 234. 56" as printed by some fonts' spacing
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{%d}" % SETTINGS.figure_line_max_cjk)


class _Lines:
    """The text lines of a page outside its ruled tables, with what the alignment asks of each: its
    text, baseline, height and centre, and whether it reads as a row, a heading, a sentence…"""

    def __init__(self, chars: list[Char]) -> None:
        settings = SETTINGS
        self.groups = line_groups(chars)
        self.words = [words_of(group) for group in self.groups]
        self.texts = [" ".join(word.text for word in words) for words in self.words]
        self.ys = [sum(c.base for c in group) / len(group) for group in self.groups]
        self.heights = [max(max(c.bottom for c in group) - min(c.top for c in group), settings.char_min_height)
                        for group in self.groups]
        self.centres = [sum(c.cy for c in group) / len(group) for group in self.groups]
        self.count = len(self.groups)

    def top(self, index: int) -> float:
        return min(c.top for c in self.groups[index])

    def bottom(self, index: int) -> float:
        return max(c.bottom for c in self.groups[index])

    def _compact(self, index: int) -> str:
        return _SPACED_SEPARATOR.sub(r"\1", self.texts[index])

    def is_row(self, index: int) -> bool:
        """A row: it starts with a code (or 合计) and prints a figure."""
        text = self.texts[index]
        compact = self._compact(index)
        return bool(_ROW_START.match(text)) and bool(LOOSE_FIGURE.search(compact) or _GROUPED.search(compact) or
                                                     BAND_FIGURE.search(compact.replace(" ", "")))

    def figure_only(self, index: int) -> bool:
        """Figures, and no run of words long enough to be a sentence."""
        text = self.texts[index]
        return bool(LOOSE_FIGURE.search(text)) and not _CJK_RUN.search(text)

    def labelled_figures(self, index: int) -> bool:
        """A row of figures under a label that is not a code (a unit's name, 合计): two figures or more
        and a short label."""
        compact = self._compact(index)
        figures = LOOSE_FIGURE.findall(compact)
        label = LOOSE_FIGURE.sub("", compact).replace(" ", "")
        return len(figures) >= 2 and 0 < len(label) <= SETTINGS.row_label_max_chars and not SENTENCE.search(label) \
            and bool(_CJK.search(label)) and not TIERS.match(label)

    def part_row(self, index: int) -> bool:
        """Within a body, a row of a 款 or 项 printed under its 类 (05 行政事业单位离退休 22.12)."""
        compact = self._compact(index)
        return bool(_PART_ROW.match(self.texts[index])) and bool(LOOSE_FIGURE.search(compact) or _GROUPED.search(compact))

    def under_tiers(self, index: int) -> bool:
        """A 款 or 项 row right under the 类 款 项 tier names: the first row of a table going on from
        the page before (its 类's row printed there)."""
        above = self.texts[index - 1].split() if index > 0 else []
        return self.part_row(index) and index > 0 and \
            self.ys[index] - self.ys[index - 1] <= SETTINGS.tiers_gap_heights * self.heights[index] and \
            len(above) >= 2 and all(TIERS.match(word) for word in above)

    def beside_row(self, index: int) -> bool:
        """Figures set a little above or below a row's line, their boxes meeting it: that row's."""
        return any(0 <= other < self.count and abs(self.ys[other] - self.ys[index]) <= max(
            self.heights[other], self.heights[index]) and (self.is_row(other) or self.part_row(other))
            for other in (index - 1, index + 1))

    def touching(self, upper: int, lower: int) -> bool:
        """Two lines set so close that their boxes meet: one printed row."""
        return self.ys[lower] - self.ys[upper] <= max(self.heights[upper], self.heights[lower])

    def coded(self, index: int) -> bool:
        """A row that starts with a code and its name and prints no figure (its cells blank), set apart
        from the lines around it (a code and name wrapped around a line of figures are that line's)."""
        match = LOOSE_ROW.match(self.texts[index])
        return bool(match) and code_shape(match.group(1).replace(" ", "")) and not (
            index > 0 and self.touching(index - 1, index) or index + 1 < self.count and self.touching(index, index + 1))

    def blank_rows(self, index: int) -> bool:
        """A run of coded rows, three at least, printing no figure (a template, a table left blank)."""
        settings = SETTINGS
        run = [index]
        for later in range(index + 1, min(self.count, index + settings.blank_run_lookahead)):
            if self.ys[later] - self.ys[run[-1]] > settings.blank_run_gap_heights * self.heights[later] or \
                    self.sentence(later):
                break
            if self.coded(later):
                run.append(later)
        return self.coded(index) and not self.sentence(index) and len(run) >= 3

    def short_label(self, index: int) -> bool:
        """A short label with no digit: a unit's or a 合计's name wrapped around its figures."""
        text = self.texts[index].replace(" ", "")
        return len(text) <= SETTINGS.short_label_max_chars and not any(ch.isdigit() for ch in text) and \
            not self.headings(index) and not self.sentence(index)

    def headings(self, index: int, least: int = 2) -> bool:
        """A line of column headings (科目编码 科目名称 支出总计 …)."""
        most = SETTINGS.heading_max_chars
        return sum(1 for word in self.words[index]
                   if len(word.text) <= most and HEADER_WORD.search(fold_cell(word.text))) >= least

    def sentence(self, index: int) -> bool:
        """A sentence of the text (or a note), not a row."""
        text = _THOUSANDS_COMMA.sub("", self.texts[index].replace(" ", ""))
        return text.startswith(("注", "说明")) or (
            len(text) > SETTINGS.sentence_min_chars and bool(SENTENCE.search(text)) and not self.is_row(index))

    def opens_table(self, index: int) -> bool:
        """A line a table's body may start at."""
        return self.is_row(index) or self.blank_rows(index) or self.under_tiers(index)

    def row_in_body(self, index: int) -> bool:
        """A line of a body that is a row of its own (not a wrapped name)."""
        return self.is_row(index) or self.part_row(index) or self.figure_only(index) or \
            self.labelled_figures(index) or self.coded(index)

    def anchors_a_row(self, index: int) -> bool:
        """A body line a rule is drawn above and below (a row's line), figures set beside a row aside."""
        return self.is_row(index) or self.part_row(index) or self.labelled_figures(index) or self.coded(index) or (
            self.figure_only(index) and not self.beside_row(index))


@dataclass
class _Table:
    """A table found in the lines: its header and body lines, and where the search goes on."""

    head: list[int]
    body: list[int]
    resume: int  # the line after the table: where the search for the next one starts


def aligned_rules(chars: list[Char], vrules: "list[Rule] | None" = None,
                  hrules: "list[Rule] | None" = None) -> tuple[list[Rule], list[Rule]]:
    """Ruling lines for the tables of a page printed without any (see the module docstring):
    ``chars`` the characters outside the page's ruled tables, ``vrules`` and ``hrules`` the rules
    drawn outside them.  Returns (horizontal, vertical) rules; none when the page prints no such
    table."""
    vrules = vrules or []
    lines = _Lines(chars)
    hrules_out: list[Rule] = []
    vrules_out: list[Rule] = []
    index = 0
    while index < lines.count:
        if not lines.opens_table(index):
            index += 1
            continue
        found, skip_to = _table_at(lines, index)
        if found is None:
            index = skip_to
            continue
        edges = _columns(lines, found, vrules)
        if len(edges) < 3:
            index = skip_to
            continue
        across, down = _table_rules(lines, found, edges, hrules or [])
        hrules_out += across
        vrules_out += down
        index = found.resume
    return hrules_out, vrules_out


def _table_at(lines: _Lines, start: int) -> tuple[_Table | None, int]:
    """The table whose body opens at line ``start`` (its header above it), or None; and the line
    after the run looked at (where to go on when there is no table)."""
    settings = SETTINGS
    step = settings.body_gap_heights * lines.heights[start]  # rows of small type may stand far apart
    rows = [start]
    after = start + 1
    while after < lines.count and not lines.sentence(after) and lines.ys[after] - lines.ys[after - 1] <= step:
        if lines.row_in_body(after):
            rows.append(after)
        after += 1
    if len(rows) < 2:
        return None, after
    last = rows[-1]
    body = list(range(start, last + 1))
    while last + 1 < lines.count and not lines.sentence(last + 1) and not lines.is_row(last + 1) and \
            lines.ys[last + 1] - lines.ys[last] <= settings.wrapped_gap_heights * lines.heights[last] and \
            not looks_like_title(lines.texts[last + 1]):
        last += 1  # the last row's name wrapped onto the lines under it
        body.append(last)
    first = _opening_rows(lines, start, step, body)
    head = _header(lines, first)
    while head and _wrapped_name(lines, head[-1], first):
        body.insert(0, head.pop())  # a name wrapped onto the lines above its row belongs to it
    return _Table(head, body, last + 1), after


def _opening_rows(lines: _Lines, first: int, step: float, body: list[int]) -> int:
    """Rows with figures and no code just above the first coded row (合计, a unit's own line) open
    the body (a label wrapped around its figures' line, the figures set between its lines, goes
    with them); they are put at the front of ``body``.  The body's first line."""
    while first > 0 and not lines.sentence(first - 1) and lines.ys[first] - lines.ys[first - 1] <= step:
        above = first - 1
        if not (lines.figure_only(above) or lines.labelled_figures(above) or _label_of_figures(lines, above, first)):
            break
        first = above
        body.insert(0, first)
    return first


def _label_of_figures(lines: _Lines, index: int, first: int) -> bool:
    """A short label wrapped around a line of figures: the line above or below it, touching it,
    prints them."""
    return lines.short_label(index) and (
        index > 0 and lines.touching(index - 1, index) and (
            lines.figure_only(index - 1) or lines.labelled_figures(index - 1)) or
        lines.touching(index, first) and (lines.figure_only(first) or lines.labelled_figures(first)))


def _header(lines: _Lines, first: int) -> list[int]:
    """The header over a body that starts at line ``first``: up to three tiers of headings above
    it, stopping at a title, a unit line, a 编制单位 line or a sentence."""
    settings = SETTINGS
    head: list[int] = []
    above = first - 1
    tiers = 0
    while above >= 0 and (
            lines.ys[above + 1] - lines.ys[above] <= settings.header_gap_heights * max(
                lines.heights[above], lines.heights[above + 1]) or (
                not head and lines.ys[above + 1] - lines.ys[above] <= settings.header_first_gap_heights *
                lines.heights[above] and lines.headings(above, 1))):
        text = lines.texts[above].replace(" ", "")
        if UNIT_LINE.search(text) or looks_like_title(text) or lines.sentence(above) or \
                text.startswith(("编制单位", "填报单位")):
            break
        if not head or lines.bottom(above) + settings.tier_leading * lines.heights[above] < lines.top(head[0]):
            tiers += 1  # a new tier of headings (lines whose boxes touch are one)
            if tiers > settings.header_max_tiers:
                break
        head.insert(0, above)
        above -= 1
    return head


def _wrapped_name(lines: _Lines, index: int, first: int) -> bool:
    """The header's lowest line holds no heading and stands close over the first row: that row's
    name wrapped onto the line above it, not a heading."""
    words = lines.words[index]
    return not has_header_words([word.text for word in words]) and \
        not any(HEADER_WORD.search(fold_cell(word.text)) for word in words) and \
        lines.ys[first] - lines.ys[index] <= SETTINGS.wrapped_gap_heights * lines.heights[first]


@dataclass
class _Span:
    """A column being found: the reach of what stands in it, and what does."""

    x0: float
    x1: float
    heading: bool = False
    body: bool = False  # a figure or a name of the body
    number: bool = False  # the column numbering (1 2 3, **)


def _columns(lines: _Lines, table: _Table, vrules: list[Rule]) -> list[float]:
    """The column edges of a table: the gaps no word of the body crosses, widened by the headings
    with no heading under them and by the column numbering (it stands where its column is, neither
    a heading nor a figure of the body); the vertical rules where the printer drew them down the
    body."""
    settings = SETTINGS
    spans = _spans(lines, table)
    left, right = spans[0].x0 - settings.table_margin, spans[-1].x1 + settings.table_margin
    edges = [left] + [(spans[k].x1 + spans[k + 1].x0) / 2 for k in range(len(spans) - 1)] + [right]
    drawn = _drawn_columns(vrules, lines.groups[table.body[0]], lines.groups[table.body[-1]])
    drawn = [x for x in drawn if left - settings.drawn_column_reach <= x <= right + settings.drawn_column_reach]
    if len(drawn) >= 2:  # the printer drew the columns (no horizontal rules, or ones not seen): its lines
        edge = settings.drawn_column_edge
        edges = sorted({*drawn, *([left] if min(drawn) > left + edge else []),
                        *([right] if max(drawn) < right - edge else [])})
    return edges


def _spans(lines: _Lines, table: _Table) -> list[_Span]:
    """The columns as spans of what stands in them, left to right."""
    marks = [(word.x0, word.x1, "body") for index in table.body for word in lines.words[index]]
    headings = heading_blocks([c for index in table.head for c in lines.groups[index]])
    marks += [(h.x0, h.x1, "number" if h.number else "heading") for h in headings if h.leaf]
    order = {"heading": 2, "body": 3, "number": 4}  # (the order the marks sort in where they start together)
    marks.sort(key=lambda mark: (mark[0], mark[1], order[mark[2]]))
    spans: list[_Span] = []
    for x0, x1, what in marks:
        if spans and x0 <= spans[-1].x1 + SETTINGS.column_join_gap:
            spans[-1].x1 = max(spans[-1].x1, x1)
        else:
            spans.append(_Span(x0, x1))
        setattr(spans[-1], what, True)
    # a heading centred over short right-aligned figures (or left-aligned codes) stands clear of them:
    # heading and figures are one column when nothing comes between, the heading nearer the figures
    # when one stands on each side (a heading alone between two headed columns is a blank column)
    spans = _join_headings(spans)
    body_words = [lines.words[index] for index in table.body]
    return _join_broken(spans, body_words, em_of([c for index in table.body for c in lines.groups[index]]))


def _table_rules(lines: _Lines, table: _Table, edges: list[float], hrules: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    """The rules drawn for a table: a vertical one at each column edge; a horizontal one above and
    below it, one under its header (one band for the whole header: its labels come from the
    headings' tree) and one between each two rows (half-way, or the rule the printer drew there)."""
    settings = SETTINGS
    everything = [*table.head, *table.body]
    top = min(lines.top(index) for index in everything) - settings.table_margin
    bottom = max(lines.bottom(index) for index in everything) + settings.table_margin
    body_top = top
    across = _drawn_across(hrules, edges[0], edges[-1])
    if table.head:
        head_bottom, body_first = lines.bottom(table.head[-1]), lines.top(table.body[0])
        body_top = _drawn_between(across, head_bottom - settings.cut_slack, body_first + settings.cut_slack,
                                  (head_bottom + body_first) / 2)
    cuts = [top, body_top]
    anchors = [index for index in table.body if lines.anchors_a_row(index)]
    centres = lines.centres
    cuts += [_drawn_between(across, centres[a], centres[b], (centres[a] + centres[b]) / 2)
             for a, b in zip(anchors, anchors[1:])]
    cuts.append(bottom)
    down = [Rule(x, top, bottom) for x in edges]
    return [Rule(y, edges[0], edges[-1]) for y in sorted(set(cuts))], down


def _drawn_columns(vrules: list[Rule], first: list[Char], last: list[Char]) -> list[float]:
    """The vertical rules drawn down a body, through most of it from its first row to its last (a
    merged cell such as 合计 over the code and name may stop one): the columns as the printer drew them."""
    settings = SETTINGS
    top, bottom = min(c.top for c in first), max(c.bottom for c in last)
    edges: list[float] = []
    for rule in sorted(vrules, key=lambda v: v.at):
        if min(rule.hi, bottom) - max(rule.lo, top) >= settings.drawn_rule_share * (bottom - top) and (
                not edges or rule.at - edges[-1] > settings.edge_merge):
            edges.append(rule.at)
    return edges


def _drawn_across(hrules: list[Rule], x0: float, x1: float) -> list[float]:
    """The heights of the horizontal rules drawn across most of a table's width [x0, x1]."""
    return sorted(h.at for h in hrules if min(h.hi, x1) - max(h.lo, x0) >= SETTINGS.drawn_rule_share * (x1 - x0))


def _drawn_between(across: list[float], low: float, high: float, otherwise: float) -> float:
    """The one rule drawn between ``low`` and ``high``, else ``otherwise`` (none, or several: not a
    cut the alignment can trust)."""
    inside = [y for y in across if low < y < high]
    return inside[0] if len(inside) == 1 else otherwise


def _join_broken(spans: list[_Span], lines: list[list[Word]], em: float) -> list[_Span]:
    """Two spans side by side, one with no heading, are one column when the words of one
    of them each go on, on their own line, within an em into the other (深圳市司法局 （本级）, 因公出国
    （境） 费用: names broken by a space), not a stray column that splits the table from its
    continuation.  ``lines``: the words of each body line."""
    slack = SETTINGS.overlap_slack

    def inside(word: Word, span: _Span) -> bool:
        return span.x0 - slack <= word.x0 and word.x1 <= span.x1 + slack

    def goes_on(first: _Span, second: _Span, from_first: bool) -> bool:
        """Every line with a word in ``first`` (``from_first``) or in ``second`` has one in ``first``
        followed within an em by one in ``second``."""
        mine = [line for line in lines if any(inside(word, first if from_first else second) for word in line)]
        return bool(mine) and all(any(inside(word, first) and any(
            inside(later, second) and 0 <= later.x0 - word.x1 <= em for later in line) for word in line)
            for line in mine)

    index = 0
    while index + 1 < len(spans):
        first, second = spans[index], spans[index + 1]
        unheaded = (not first.heading and not first.number) or (not second.heading and not second.number)
        if unheaded and (goes_on(first, second, True) or goes_on(first, second, False)):
            spans[index:index + 2] = [_Span(first.x0, second.x1, first.heading or second.heading, True,
                                            first.number or second.number)]
            continue
        index += 1
    return spans


def _join_headings(spans: list[_Span]) -> list[_Span]:
    """Each span of body text with no heading joined to the span of a heading with no body text beside
    it, the nearer one when both sides have one (a number under the heading goes with it)."""
    def alone(index: int, heading: bool) -> bool:
        if not 0 <= index < len(spans):
            return False
        span = spans[index]
        return span.heading == heading and span.body != heading and not (not heading and span.number)

    index = 0
    while index < len(spans):
        if alone(index, False):
            left = spans[index].x0 - spans[index - 1].x1 if alone(index - 1, True) else None
            right = spans[index + 1].x0 - spans[index].x1 if alone(index + 1, True) else None
            if left is not None and (right is None or left <= right):
                spans[index - 1:index + 1] = [_Span(spans[index - 1].x0, spans[index].x1, True, True, True)]
                continue
            if right is not None:
                spans[index:index + 2] = [_Span(spans[index].x0, spans[index + 1].x1, True, True, True)]
        index += 1
    return spans
