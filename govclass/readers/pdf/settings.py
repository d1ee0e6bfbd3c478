"""The thresholds of the PDF reader, each named, with what it measures (pdfplumber's
``table_settings`` is the model).  One frozen object, :data:`SETTINGS`, which every stage reads.

Units: lengths are PDF points (1/72 inch) of the page as displayed; ``…_em`` is a multiple of the
size of the text (the median width of its CJK characters, :func:`govclass.readers.pdf.pages.em_of`);
``…_heights`` a multiple of a line's height; ``…_share`` a fraction; ``…_chars`` a count of
characters; ``…_parts`` a divisor.  The values are those the reader was measured with on the real
documents (docs/disclosures.md); changing one changes what is read.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "SETTINGS"]


@dataclass(frozen=True)
class Settings:
    # -- pages: characters, rules, lines and words (pages.py) ----------------------------------------
    #: a drawn path at most this thick is a rule (thicker and longer both ways: a cell drawn as a box)
    rule_max_thickness: float = 2.5
    #: ... and longer than this (a shorter one is a dot, a tick, a glyph's stroke)
    rule_min_length: float = 3
    #: a box covering this share of the page both ways is the page's frame, not a cell
    page_frame_share: float = 0.9
    #: how deep form objects (drawings placed as a unit) are searched for rules
    form_depth: int = 3
    #: how many characters of a page are looked at to tell whether its text is set turned (no /Rotate)
    turn_sample_chars: int = 200
    #: the size of the text is never taken as less than this (tiny glyph boxes of some fonts)
    em_min: float = 4.0
    #: the size of text with no characters to measure
    em_default: float = 10.0
    #: a character's height is never taken as less than this (a flat box: a dash, a dot)
    char_min_height: float = 2.0
    #: two characters whose baselines differ by at most this are on one line ...
    baseline_same: float = 1.5
    #: ... or by at most this share of the character's height, when that is more
    baseline_same_share: float = 0.3
    #: a gap wider than this between two characters of a line is a space in its text
    word_space_em: float = 0.3
    #: a gap at most this wide keeps two characters in one word
    word_gap_em: float = 0.5
    #: two figures of adjacent columns printed close: a digit after a figure that ends in its decimals
    #: starts a word of its own when the gap is wider than the smaller of this (pt) ...
    figure_apart_max: float = 0.8
    #: ... and this (em)
    figure_apart_em: float = 0.15
    #: rules whose positions differ by at most this are on one line ...
    rule_same_line: float = 1.5
    #: ... and are one rule when their extents come within this of each other
    rule_join_gap: float = 3

    # -- grids: ruled tables (grids.py) --------------------------------------------------------------
    #: a horizontal rule shorter than this is none of a table's (an underline, a tick)
    hrule_min_length: float = 8
    #: a vertical rule shorter than this is none of a table's
    vrule_min_length: float = 4
    #: a horizontal and a vertical rule that come within this of each other cross (one table)
    rule_cross_tolerance: float = 2
    #: horizontal rules of a table closer than this are one row edge (a rule drawn twice)
    row_rule_merge: float = 2.5
    #: a character (or a rule) within this of a table's frame is inside it
    grid_margin: float = 1
    #: a column narrower than this is no column (two rules drawn side by side)
    column_min_width: float = 2
    #: a table printed open at its sides: the rules above and below a row reach this far past its outer
    #: vertical rule (a column of codes or percentages is wider; a rule drawn a little long is not)
    open_side_min_width: float = 12
    #: vertical rules that run this far past a table's first (last) horizontal rule frame a row above (below) it
    open_row_min_height: float = 8
    #: two vertical rules closer than this with nothing printed between them are one column edge (a cell's inner box
    #: or shading drawn inside its rules); the longer rule stays
    sliver_max_width: float = 8
    #: column edges closer than this are one edge
    edge_merge: float = 3
    #: a cell counts as covering a leaf column when it reaches within this of the column's edges
    cell_edge_slack: float = 2
    #: a word of a table going on over a page may reach past one of the table's column edges by
    #: 1/N of its width and stay whole in the column it starts in
    recut_overhang_parts: int = 3

    # -- the header of a table without rules (headers.py) ----------------------------------------------
    #: a column heading is at most this long (a longer text is a row's label or a sentence)
    heading_max_chars: int = 12
    #: a table's title is at least this long ...
    title_min_chars: int = 4
    #: ... and at most this long
    title_max_chars: int = 70
    #: letter-spaced single characters this close are one heading (合 计) ...
    spaced_letter_gap_em: float = 1.0
    #: ... and this far apart, when they make a heading known to be printed so (SPACED_HEADINGS)
    spaced_heading_gap_em: float = 8
    #: pieces of a heading wrapped onto the next line stand lower than this share of its height ...
    wrapped_below_min: float = 0.6
    #: ... and not lower than this share of its height below its bottom
    wrapped_below_max: float = 1.5
    #: words whose tops differ by at most this stand on one line of the header
    same_line: float = 2
    #: a line whose box comes within this of two others stands between them
    touching: float = 1
    #: a heading under another stands lower by at least this share of the upper one's height
    under_min_drop: float = 0.5
    #: two headings overlap only when their spans overlap by more than this
    overlap_slack: float = 0.5
    #: a piece set flush under a heading starts within this of the heading's left edge ...
    flush_left: float = 1.0
    #: ... with a leading (gap between the lines) of at most this share of the heading's height
    flush_leading: float = 0.3
    #: a heading wrapped over lines set close: its next piece stands at most this share of its
    #: height below it ...
    wrapped_leading: float = 0.7
    #: ... no wider than it by more than this ...
    wrapped_wider: float = 1.0
    #: ... or within this (em of the heading) of its edges ...
    wrapped_reach_em: float = 1.5
    #: ... with no other heading on the piece's line within this (em of the heading) of it
    wrapped_clear_em: float = 2
    #: a heading's reach is widened to centre it over its children only when that brings the centres
    #: nearer by more than this
    centring_gain: float = 1.0
    #: a heading stands over a column when its reach covers this share of the narrower of the two
    label_overlap_share: float = 0.25

    # -- tables without rules (alignment.py) --------------------------------------------------------
    #: a line of figures holds no run of this many Chinese characters (a sentence with figures does)
    figure_line_max_cjk: int = 8
    #: a row of figures under a label that is not a code: the label is at most this long
    row_label_max_chars: int = 24
    #: the first row of a table going on under the tier names (类 款 项) stands within this many of
    #: its heights of them
    tiers_gap_heights: float = 3.0
    #: a run of coded rows printing no figure (a template) is looked for within this many lines
    blank_run_lookahead: int = 8
    #: ... each within this many of its heights of the one before
    blank_run_gap_heights: float = 3.0
    #: a label wrapped around its figures' line is at most this long
    short_label_max_chars: int = 16
    #: a line longer than this with sentence punctuation is a sentence, not a row
    sentence_min_chars: int = 30
    #: the lines of a body stand within this many of the first row's heights of each other (rows of
    #: small type may stand far apart: 7 pt text on a 21 pt pitch)
    body_gap_heights: float = 4.0
    #: a row's name wrapped onto a line above or below stands within this many of its heights
    wrapped_gap_heights: float = 1.6
    #: the lines of a header stand within this many of their heights of each other ...
    header_gap_heights: float = 3.0
    #: ... the header's lowest line within this many of its heights of the body, when it holds a heading
    header_first_gap_heights: float = 6.0
    #: a header line starts a new tier when a gap of this share of its height stands between it and
    #: the tier below
    tier_leading: float = 0.5
    #: a header holds at most this many tiers of headings
    header_max_tiers: int = 3
    #: the rules drawn around a table stand this far from its text
    table_margin: float = 2
    #: spans of words (or headings) that come within this of each other are one column
    column_join_gap: float = 1.0
    #: a vertical rule drawn down a body counts as one of its columns within this of the body's text
    drawn_column_reach: float = 20
    #: ... and the body's own outer edge is kept when the drawn rules stop more than this inside it
    drawn_column_edge: float = 4
    #: a rule drawn down (or across) a table counts when it runs through this share of it
    drawn_rule_share: float = 0.8
    #: a rule drawn between the header and the body is looked for this far into both
    cut_slack: float = 1

    # -- layout: captions, titles, tables over pages (layout.py) ----------------------------------
    #: a line the document's facts (year, 预算/决算, title) are read from is at most this long
    fact_line_max_chars: int = 40
    #: ... a table's title or heading they are read from, when no cover prints them
    fact_word_max_chars: int = 60
    #: a caption cell (or a header cell read as a title) reaches over this share of the table's width
    title_width_share: float = 0.6
    #: two column edges within this are the same edge (a table going on over a page)
    same_edge: float = 6
    #: ... or all of them moved by the same distance, at most this far (a report printed for binding: its
    #: left and right pages' margins differ, Wuzhong's by 5-6 pt)
    page_shift_max: float = 36
    #: a table's title and unit are looked for in this many lines above it
    lines_above: int = 6
    #: ... which may reach this far into the table's frame
    title_gap: float = 2
    #: rules within this of a ruled table are its, not a table without rules beside it
    loose_rule_reach: float = 2

    # -- build: columns' roles (build.py) -----------------------------------------------------------
    #: a column of figures: this share of its cells are figures (or dashes)
    figure_column_share: float = 0.8
    #: a column of codes: this share of its cells print a code
    code_column_share: float = 0.5
    #: a 合计 beside a 其中 heading adds up its columns when it does on at least this many lines
    of_which_min_lines: int = 3

    # -- the census of coded rows (census.py) -------------------------------------------------------
    #: a row's cells on two baselines are one row when they stand within this many line heights
    census_wrap_heights: float = 1.6
    #: the line height of a page is the median of every this-many-th character's
    census_height_sample: int = 7
    #: a code printed with no name counts where a named row's code stands within this
    census_same_column: float = 2
    #: a 款 or 项 printed alone (its 类 on a row above) stands at most this many em right of a full
    #: code of its page or the page before (类, 款 and 项 indented by level); farther, it is a figure
    census_part_indent_em: float = 8
    #: a page is unreadable when at least this many of its glyphs map to no text ...
    unreadable_min_glyphs: int = 8
    #: ... and they are at least 1/N of its text (glyphs that map to nothing) ...
    unmapped_parts: int = 4
    #: ... or at least 1/N of its text is in scripts a Chinese budget is not written in
    foreign_parts: int = 2


SETTINGS = Settings()
