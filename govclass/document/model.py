"""Budget documents as the validator sees them.

A :class:`Document` is a list of :class:`Table`; a table has a
classification, a unit, named amount columns, optional column relations and
:class:`Line` objects.  Every amount is a :class:`Cell`: a Decimal with the
number of decimals it was printed with, a blank (no value: never a zero), or
text that is not a number (kept, so the validator can report it).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

import attrs

from govclass import speedups as _accel
from govclass.document.reading import Proof, Reading
from govclass.errors import DocumentError
from govclass.vocabulary import AMOUNT_HEADER, COUNT_HEADER, PERCENT_HEADER, TEXT_HEADER  # what a column holds
from govclass.vocabulary import (AMOUNT_BLANKS, ENUMERATION, TOTAL_LINE_NAMES, TOTAL_WORDS, UNIT_LINE, fold_label,
                                 fold_unquoted, is_total_name, table_words)

__all__ = ["Cell", "Line", "Relation", "Table", "Document", "Item", "Statement", "Problem", "parse_amount", "sum_of_cells", "UNITS",
           "DocumentError", "resolve_codes", "ColumnLines", "column_amounts", "TOTAL_LINE_NAMES", "TOTAL_WORDS",
           "is_total_name", "half_unit", "fold_label", "ENUMERATION", "UNIT_LINE", "find_row", "running_costs_statement",
           "BLANK", "column_kind", "KIND_SAMPLE", "AMOUNT", "PERCENT", "COUNT", "TEXT", "Subject", "Stated", "Claim",
           "Sentence", "ACTUAL", "same_measure", "GOVERNMENT_BUDGET", "GOVERNMENT_FINAL", "GOVERNMENT_FORMS",
           "TABLE_CLASSIFICATIONS", "BUDGET_IDS", "MEASURES", "table_facts"]

#: Document.form: a government's own budget report, or its final accounts (issue 26)
GOVERNMENT_BUDGET, GOVERNMENT_FINAL = "government-budget", "government-final"
GOVERNMENT_FORMS = (GOVERNMENT_BUDGET, GOVERNMENT_FINAL)
#: Table.classification: what a table's codes are of (see Table)
TABLE_CLASSIFICATIONS = ("functional", "economic", "economic-dept", "economic-gov", "revenue", "region", "items")
#: Table.budget: 一般公共预算, 政府性基金预算, 国有资本经营预算, 社会保险基金预算 (Claim.fund's words)
BUDGET_IDS = ("gpb", "gf", "soc", "ssf")
#: the measures of a figure (Table.periods, Claim.measure)
MEASURES = ("预算", "调整预算", "执行", "决算")

# Value of one unit in 元.
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}

_ZERO = Decimal(0)
_AMOUNT_STRIP = str.maketrans("", "", " \t\u3000\u00a0,，'")


class Cell(tuple):
    """One printed amount: ``raw`` as printed (None for a blank), ``value``
    (a Decimal; None when blank or not a number), ``decimals`` shown (for the
    rounding tolerance) and ``amount``, what the cell adds to a sum (its value,
    or 0 for a blank or invalid cell; only for fast sums: every check looks at
    ``value`` before it reports).

    An immutable tuple rather than an attrs class: a document holds one per
    figure, and building them is the hot path of every reader.
    """

    __slots__ = ()

    def __new__(cls, raw: str | None, value: Decimal | None, decimals: int = 0) -> "Cell":
        return tuple.__new__(cls, (raw, value, decimals, _ZERO if value is None else value,
                                   value is None and raw is not None))

    raw = property(itemgetter(0))
    value = property(itemgetter(1))
    decimals = property(itemgetter(2))
    amount = property(itemgetter(3))
    invalid = property(itemgetter(4), doc="text that is not a number")

    @property
    def blank(self) -> bool:
        return self[0] is None

    def __repr__(self) -> str:
        return f"Cell(raw={self[0]!r}, value={self[1]!r}, decimals={self[2]!r})"

    def __getnewargs__(self) -> tuple:  # pickling (multiprocessing) and copying
        return self[:3]


_new = tuple.__new__


BLANK = Cell(None, None, 0)


_WHOLE_FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def two_figures(text: str) -> bool:
    """Two figures or more in one cell, apart by a space (460,451 21,796,872: two rows' figures read into one
    cell), not one figure printed with spaces in it (809. 97, 1 234.56): never read as one number."""
    words = text.split()
    if len(words) < 2 or not all(_WHOLE_FIGURE.match(w) for w in words):
        return False
    return any("," in w for w in words) or sum("." in w for w in words) > 1


def parse_amount(raw: object) -> Cell:
    """Parse a printed figure: ``"1,816.08"``, ``"809. 97"`` (OCR space),
    ``"(12.50)"`` or ``"-12.50"``, full-width digits, JSON numbers.  ``None``,
    ``""`` and a lone dash are blank; anything else that is not a number is
    kept as invalid text."""
    if raw.__class__ is str and raw.isascii():  # fast path: "1234.56", "-12", "0.00", ""
        if not raw:
            return BLANK
        head, dot, tail = raw.partition(".")
        if (head.isdigit() or (head[:1] == "-" and head[1:].isdigit())) and (not dot or tail.isdigit()):
            return _new(Cell, (raw, v := Decimal(raw), len(tail), v, False))
    if raw is None:
        return BLANK
    if isinstance(raw, bool):
        return Cell(str(raw), None, 0)
    if isinstance(raw, (int, Decimal)):
        text = str(raw)
    elif isinstance(raw, float):
        text = repr(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        return Cell(str(raw), None, 0)
    if two_figures(text):
        return Cell(text, None, 0)
    norm = unicodedata.normalize("NFKC", text).translate(_AMOUNT_STRIP)
    if norm in AMOUNT_BLANKS:
        return BLANK
    negative = False
    if norm.startswith("(") and norm.endswith(")"):
        negative, norm = True, norm[1:-1]
    if norm.strip("0123456789.+-"):  # letters, underscores, exponents: not a printed figure
        return Cell(text, None, 0)
    try:
        value = Decimal(norm)
    except InvalidOperation:
        return Cell(text, None, 0)
    if not value.is_finite():
        return Cell(text, None, 0)
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Cell(text, -value if negative else value, decimals)


def resolve_codes(codes: "list[str | None]", functional: bool = True) -> "list[str | None]":
    """Printed codes of a table's lines, in order, with a 2-digit 款 printed
    under its 类 made whole ("01" under 208 -> "20801"; functional tables
    only).  ``None`` (the 合计 line) and text that is not digits stay as they are."""
    out: list[str | None] = []
    lei: str | None = None
    for c in codes:
        if c is not None and c.isdigit():
            if len(c) == 2 and lei is not None and functional:
                c = lei + c
            elif len(c) >= 3:
                lei = c[:3]
        out.append(c)
    return out


@attrs.frozen(slots=True)
class Relation:
    """``total`` column = Σ ``parts`` columns, on every line."""

    total: str
    parts: tuple[str, ...]


class OtherCode(NamedTuple):
    """A code of another classification that a row prints beside its own (Beijing's 报表: 2010801
    行政运行 | 50101 工资奖金津补贴 | 30101 基本工资, one set of figures; Yantai's 301 08 | 501 02):
    its ``classification``, the ``code`` and ``name`` as printed, and the heading of the ``column``
    it stands in."""

    classification: str
    code: str
    name: str | None = None
    column: str | None = None


class Line(NamedTuple):
    """One printed line.  A named tuple (documents hold many; see :class:`Cell`)."""

    code: str | None  # as printed (may be a 2-digit 款 under its 类); None on the 合计 line
    name: str | None
    cells: dict[str, Cell]
    total: bool = False
    number: int = 0  # position in the table, 1-based
    source_line: int | None = None
    level: str | None = None  # the level the printed layout gives the line (类/款/项), when the reader knows it
    page: int | None = None  # the page it is printed on (PDF)
    text: str | None = None  # the row as printed (PDF)
    #: where the row is printed on its page (PDF): x0, top, x1, bottom in points from the page's top left
    #: corner as displayed, the row's band across the table's columns (a report draws it on the page)
    box: tuple[float, float, float, float] | None = None
    #: the code is not printed: the reader matched the printed name to it through the catalog (a government
    #: report's row by name, issue 26); the line is checked as coded, but no census or evidence counts it printed
    named: bool = False
    #: the codes of other classifications the row prints beside ``code``, as printed (a row of several codes
    #: is kept as the one row it is; validation checks the sums per code column: govclass.document.codecolumns)
    others: tuple[OtherCode, ...] = ()


_BLANK_IS_ZERO = {"": "0"}


def column_amounts(raw: "Sequence[str]") -> tuple[list[Decimal], list[int]]:
    """The amounts of one column of printed figures (0 for a blank or invalid
    cell, as :attr:`Cell.amount`) and the positions of its invalid cells.

    A column of plain figures ("1234.56", "-12", blanks) is parsed in one pass
    in C; :func:`parse_amount` reads the others cell by cell (each distinct
    figure once).  Both give the same value for a plain figure: the plain test
    accepts only ASCII digits, points and minus signs that Decimal reads."""
    try:
        values = list(map(Decimal, map(_BLANK_IS_ZERO.get, raw, raw)))
    except (InvalidOperation, TypeError):
        pass
    else:
        rest = "".join(raw).replace(".", "").replace("-", "")
        if not rest or (rest.isascii() and rest.isdigit()):
            return values, []
    parsed = {r: parse_amount(r) for r in set(raw)}
    cells = list(map(parsed.__getitem__, raw))
    return list(map(_CELL_AMOUNT, cells)), list(compress(count(), map(_CELL_INVALID, cells)))


_CELL_AMOUNT = Cell.amount.fget  # what a cell adds to a sum
_CELL_INVALID = Cell.invalid.fget


class ColumnLines(Sequence):
    """The lines of a table read column-wise (a CSV file), built on demand.

    A pipeline's CSV holds hundreds of thousands of lines; building a
    :class:`Line` and a :class:`Cell` per figure would cost more than reading
    the file.  This sequence keeps the printed columns and makes a line only
    when one is asked for (a finding, ``extract``, iteration); the validator
    reads the columns directly (:meth:`screen_amounts`).  It compares equal to the
    tuple of the lines it stands for.
    """

    __slots__ = ("codes", "names", "raw", "source_lines", "_lines", "block", "start")

    def __init__(self, codes: "list[str | None]", names: "list[str | None]", raw: "dict[str, Sequence[str]]",
                 source_lines: "Sequence[int]", block: "ColumnLines | None" = None, start: int = 0) -> None:
        self.codes = codes  # as printed, None when blank
        self.names = names
        self.raw = raw  # column -> printed figures, "" when blank
        self.source_lines = source_lines
        self._lines: tuple[Line, ...] | None = None
        # the lines of every table read with this one from a block of a file (these are block[start:start + n]):
        # the validator screens the block's tables together (govclass.validation.batch)
        self.block = block
        self.start = start

    def __len__(self) -> int:
        return len(self.codes)

    def _line(self, i: int) -> Line:
        code, name = self.codes[i], self.names[i]
        return Line(code, name, {c: parse_amount(col[i]) for c, col in self.raw.items()},
                    code is None and is_total_name(name), i + 1, self.source_lines[i], None)

    def __getitem__(self, i):  # type: ignore[override]
        if self._lines is not None:
            return self._lines[i]
        if isinstance(i, slice):
            return tuple(self)[i]
        n = len(self.codes)
        if not -n <= i < n:
            raise IndexError("line index out of range")
        return self._line(i % n)

    def __iter__(self) -> "Iterator[Line]":
        if self._lines is None:
            self._lines = tuple(map(self._line, range(len(self.codes))))
        return iter(self._lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ColumnLines, tuple)):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ColumnLines: {len(self)} lines>"

    def amounts(self, columns: "Sequence[str]") -> tuple[list[list[Decimal]], list[int]]:
        """Per column, every line's amount; and the lines with an invalid cell."""
        out, invalid = [], set()
        for c in columns:
            values, bad = column_amounts(self.raw[c])
            out.append(values)
            invalid.update(bad)
        return out, sorted(invalid)

    def screen_amounts(self, columns: "Sequence[str]") -> tuple[list[list[Decimal]] | list[list[int]], list[int]]:
        """As :meth:`amounts`, but the figures may come as integers on one
        scale for the whole table (the C speed-up reads plain figures so):
        numbers to add and compare within the table, not to report."""
        speedups = _accel.speedups
        if speedups is not None:
            fixed = speedups.fixed_columns([self.raw[c] for c in columns])
            if fixed is not None:  # every figure plain: none invalid
                return fixed[1], []
        return self.amounts(columns)


_HALF_UNITS = [Decimal(5).scaleb(-(d + 1)) for d in range(12)]


def half_unit(decimals: int) -> Decimal:
    """The rounding tolerance of one printed figure, in its unit: half a unit of
    the last decimal place it shows (a figure printed with ``decimals``
    decimals is off by at most 5 × 10^-(decimals+1)).  A total and its n
    parts may therefore differ by the sum of their half-units ((n + 1) × ½
    unit when all show the same decimals); every sum check in govclass
    (the roll-up and column rules, the cross-table checks, the placement of
    plain-text figures) allows exactly that."""
    return _HALF_UNITS[decimals] if decimals < 12 else Decimal(5).scaleb(-(decimals + 1))


def sum_of_cells(cells: "Sequence[Cell]") -> Cell:
    """Printed figures added into one cell (a code's rows, an item's columns
    by source of funds): blank when every part is blank, the first part that
    is not a number when one is not, else the sum, its decimals lowered so
    that its half-unit covers the rounding of every part (n parts, n
    half-units: 10^k ≥ n)."""
    bad = next((c for c in cells if c.invalid), None)
    if bad is not None:
        return bad
    shown = [c for c in cells if c.value is not None]
    if not shown:
        return BLANK
    if len(shown) == 1:
        return shown[0]
    places = min(c.decimals for c in shown)
    total = sum((c.value for c in shown), _ZERO)
    return Cell(f"{total:.{places}f}", total, max(0, places - len(str(len(shown) - 1))))


#: What a table's column holds (issue 23, family 3). Only amounts add up: a percentage or a ratio
#: (比上年增长%, 完成预算%, 占比), a count (人数, 车辆数) and text (备注) are printed beside the amounts for the
#: reader, and no sum, column relation or invalid-amount check applies to them.
AMOUNT, PERCENT, COUNT, TEXT = "amount", "percent", "count", "text"
#: how many lines of a table (from its first) are looked at to tell a column's kind from its figures: the same
#: for a whole table and for lines streamed one at a time (govclass.stream), which cannot look further ahead
KIND_SAMPLE = 200
#: how many figures, all words, make a column of text: fewer may be an amount column's typing errors
#: (invalid-amount says them)
KIND_MIN_WORDS = 3


def column_kind(header: str, figures: "Iterable[str | None]" = ()) -> str:
    """The kind of a column (:data:`AMOUNT`, :data:`PERCENT`, :data:`COUNT`, :data:`TEXT`): from its header (a
    percentage, a count, text, or money: 合计, 金额, 预算数, 支出 …), else from its printed figures (those of the first
    :data:`KIND_SAMPLE` lines, blanks left out): a column whose figures all end in % holds percentages, one whose
    figures are all words (three at least) holds text, any other holds amounts."""
    name = unicodedata.normalize("NFKC", header)
    if PERCENT_HEADER.search(name):
        return PERCENT
    if COUNT_HEADER.search(name):
        return COUNT
    if TEXT_HEADER.search(name):
        return TEXT
    if AMOUNT_HEADER.search(name):
        return AMOUNT
    shown = [f.strip() for f in figures if f is not None and not parse_amount(f).blank]
    if shown and all(f.endswith(("%", "％")) for f in shown):
        return PERCENT
    if len(shown) >= KIND_MIN_WORDS and all(parse_amount(f).invalid for f in shown):
        return TEXT
    return AMOUNT


@attrs.frozen(slots=False)  # attrs fills a frozen __dict__ directly: 3x faster to make than frozen slots
class Table:
    name: str
    #: what its codes are of: functional | economic (either economic classification: a department's table may print
    #: both) | economic-dept | economic-gov | revenue (收入分类, 9-digit 目 included) | region (rows of regions:
    #: cities, counties, 市本级; no codes) | items (rows that are no classification's: a report's debt by use, a
    #: fund's 保险费收入; no codes)
    classification: str
    unit: str
    columns: tuple[str, ...]
    lines: tuple[Line, ...]  # or ColumnLines (a CSV table): a sequence of Line either way
    relations: tuple[Relation, ...] = ()
    kind: str | None = None  # the standard table it is (see govclass.vocabulary.KINDS), when a reader knows it
    note: str | None = None  # a note printed with the table ("若为空表……")
    source_line: int | None = None  # where its title (or first header line) is printed
    #: each column's kind (:func:`column_kind`) when the reader told it (a CSV file: from its header and its first
    #: lines, whatever table they are of); None: told from the table's own header and first lines when asked
    kinds: tuple[str, ...] | None = None
    # What a government-level report's table is of (issues 24 and 26), when the reader can tell; None when it
    # cannot (never guessed).  The vocabulary is the narrative claims' (Claim.fund, Claim.scope, Claim.measure),
    # so a sentence and a table are matched on the same words.
    #: whose budget: gpb (一般公共预算) | gf (政府性基金) | soc (国有资本经营) | ssf (社会保险基金)
    budget: str | None = None
    #: whose money: whole (全省/全市/全县) | 本级 | region:<name> (a district, a zone) | department | unit
    scope: str | None = None
    #: the year whose book its codes are of (the edition it is checked against); None: the document's year
    year: int | None = None
    #: per column, the year and the measure its figures are of, e.g. (2025, "执行"), (2026, "预算"); None for a
    #: column that does not say (a percentage, a difference), the whole tuple None when the reader did not tell
    periods: tuple[tuple[int | None, str | None] | None, ...] | None = None
    #: the numbers of its lines printed without a code that stand among the classification's rows (a report's row
    #: by name that fits no code of the book: 车船税等其他税收收入): no sum whose rows reach past one is judged
    unplaced: tuple[int, ...] = ()

    def column_kinds(self) -> dict[str, str]:
        """Each column's kind (:func:`column_kind`): as the reader told it, else from the header and the figures
        of the first :data:`KIND_SAMPLE` lines."""
        if self.kinds is not None:
            return dict(zip(self.columns, self.kinds))
        lines = self.lines
        if lines.__class__ is ColumnLines:
            return {c: column_kind(c, lines.raw.get(c, ())[:KIND_SAMPLE]) for c in self.columns}
        first = lines[:KIND_SAMPLE]
        return {c: column_kind(c, (ln.cells[c].raw for ln in first if c in ln.cells)) for c in self.columns}

    def with_relations(self, relations: tuple[Relation, ...]) -> Table:
        """The table with these column relations (attrs.evolve, without its generic cost: a file of
        tables read by columns validates thousands of them)."""
        new = object.__new__(Table)
        new.__dict__.update(self.__dict__)
        new.__dict__["relations"] = relations
        return new

    def summed_columns(self) -> tuple[str, ...]:
        """The columns whose figures add up (:data:`AMOUNT`), in table order."""
        return tuple(c for c, kind in self.column_kinds().items() if kind == AMOUNT)

    #: how a reader read it (a PDF's tables), when it is to be proven; not part of the JSON document format
    reading: Reading | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    #: the printed table a table checked per code column stands for (govclass.document.codecolumns), None
    #: for a printed table; not part of the JSON document format
    printed: "Table | None" = attrs.field(default=None, eq=False, repr=False, kw_only=True)


class Item(NamedTuple):
    """One labelled row of a statement (收支总表, 三公 table): ``label`` as
    printed, ``side`` 收入 or 支出 for two-sided statements, ``row`` its 行次
    when printed, ``cells`` by the side's columns."""

    label: str
    cells: dict[str, Cell]
    side: str | None = None
    row: int | None = None
    source_line: int | None = None
    page: int | None = None  # the page it is printed on (PDF)
    text: str | None = None  # the row as printed (PDF)
    box: tuple[float, float, float, float] | None = None  # where on its page (PDF), as Line.box


@attrs.frozen(slots=True)
class Statement:
    """A table of labelled rows rather than classification codes: the
    收支预算总表, 财政拨款收支总表, 公开01/04/07/10表 and the 三公 table
    (whose rows are budget units).  ``columns`` maps each side (``""`` for a
    one-sided statement) to its amount columns."""

    name: str
    kind: str
    unit: str
    columns: dict[str, tuple[str, ...]]
    items: tuple[Item, ...]
    note: str | None = None
    source_line: int | None = None
    #: how a reader read it (a PDF's statements), when it is to be proven; not part of the JSON document format
    reading: Reading | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def find(self, side: str | None, *labels: str) -> Item | None:
        """The first item on ``side`` whose folded label is one of ``labels``."""
        wanted = {fold_label(x) for x in labels}
        for item in self.items:
            if (side is None or item.side == side) and fold_label(item.label) in wanted:
                return item
        return None


_CARRY = ("结转", "结余")


def find_row(statement: Statement, side: str | None, *labels: str) -> Item | None:
    """The row of a statement that ``labels`` name: the first label printed,
    else one of its printed synonyms (``statement_rows`` in table_titles.yaml);
    a side's 总计 is its bare 合计 when it prints no other total (a synonym printed twice
    names no row: which is meant cannot be told), and its
    本年收入合计/本年支出合计 its 总计 when the side prints no 结转/结余 row
    (nothing carried over: the year's total is the whole)."""
    rows = (table_words().get("statement_rows") or {})
    for label in labels:
        item = statement.find(side, label)
        if item is not None:
            return item
        wanted = {fold_label(x) for x in rows.get(label, ())}
        hits = [it for it in statement.items if (side is None or it.side == side) and fold_label(it.label) in wanted]
        if len(hits) == 1:  # two (本年 and 上年结转 each print 一般公共预算资金): which one is meant cannot be told
            return hits[0]
        if hits:
            return None
    on_side = [it for it in statement.items if side is None or it.side == side]
    for label in labels:
        folded = fold_label(label)
        if folded.endswith("总计"):
            totals = [it for it in on_side if fold_label(it.label) == "合计"]
            if len(totals) == 1:
                return totals[0]
        if folded.startswith("本年") and folded.endswith("合计") and side is not None and not any(
                any(w in fold_label(it.label) for w in _CARRY) for it in on_side):
            whole = find_row(statement, side, side + "总计")
            if whole is not None:
                return whole
    return None


def running_costs_statement(table: Table, title: str) -> Statement | None:
    """A table of 机关运行经费 by economic class (一般公共预算机关运行经费支出预算表)
    as a statement of its 合计 (kind ``admin-running``), for the narrative; None for any other table
    (or one that prints no 合计 line)."""
    folded = fold_unquoted(title)
    if "机关运行经费" not in folded or "三公" in folded:
        return None
    total: Line | None = next((ln for ln in table.lines if ln.total), None)
    if total is None or not table.columns:
        return None
    cell = total.cells.get(table.columns[0])
    if cell is None:
        return None
    return Statement(title, "admin-running", table.unit, {"": ("机关运行经费",)},
                     (Item("合计", {"机关运行经费": cell}, None, None, total.source_line, total.page, total.text),),
                     None, None)


@attrs.frozen(slots=True)
class Problem:
    """Something a reader could not read: a table found by its title that has
    no readable body, a standard table the document lists but does not print,
    a line it could not place.  The validator reports each as a finding."""

    rule: str  # unreadable-table | missing-table | unreadable-line | column-placement | placement-search-bounded
    severity: str
    table: str
    message: str
    message_zh: str
    source_line: int | None = None
    page: int | None = None  # the page (PDF)
    text: str | None = None  # the row or line as printed (PDF)
    box: tuple[float, float, float, float] | None = None  # where on its page (PDF), as Line.box

    def to_dict(self) -> dict:
        d = attrs.asdict(self)
        for key in ("page", "text", "box"):
            if d[key] is None:
                del d[key]
        return d


# -- what the narrative says (govclass.readers.narrative parses it; govclass.validation.rules.narrative checks it)

#: the measures of a figure that are what was spent or collected (a 决算 and an 执行数 say the same of a year)
ACTUAL = ("执行", "决算")


def same_measure(a: str | None, b: str | None) -> bool:
    """Whether two known measures (预算, 调整预算, 执行, 决算) name the same
    figure of a year: 执行 and 决算 both say what was spent."""
    if a is None or b is None:
        return False
    return a == b or (a in ACTUAL and b in ACTUAL)


@attrs.frozen(slots=True)
class Subject:
    """What a stated amount is about.

    ``kind`` is one of: ``total-income``, ``total-expenditure``,
    ``total-both`` (收入支出总计: both sides' 总计),
    ``year-income`` (本年收入合计), ``year-expenditure`` (本年支出合计),
    ``fiscal`` (财政拨款收入/支出), ``gpb`` (一般公共预算拨款), ``gf``
    (政府性基金), ``soc`` (国有资本经营), ``carryover`` (上年结转),
    ``basic``, ``project``, ``personnel``, ``public`` (公用经费),
    ``sangong`` and its items ``sangong-abroad``, ``sangong-reception``,
    ``sangong-vehicle``, ``sangong-vehicle-run``, ``sangong-vehicle-buy``,
    ``admin-running`` (机关运行经费), ``code`` (a classification code: see
    ``code`` and ``classification``), ``item`` (a row a statement prints by
    its label: 事业收入, 其他收入 …, named in ``named``), ``listed-table`` (a
    table the 目录 lists: ``named`` is its title) or ``other`` (nothing a
    table prints).  ``side`` is 收入 or 支出 when the words say so; ``funds``
    narrows the money ("一般公共预算财政拨款基本支出": gpb; 财政拨款: fiscal)."""

    kind: str
    code: str | None = None
    classification: str | None = None  # functional | economic
    side: str | None = None
    named: str | None = None  # the name the text gives a code or an item, as printed
    funds: str | None = None  # gpb | fiscal
    whole: bool = False  # 收入总量/支出总计 of a budget: with transfers and balances, not its own 收入/支出


@attrs.frozen(slots=True)
class Stated:
    """An amount printed in the narrative that another claim rests on (the
    earlier figure a percentage compares with, a side of 大于/小于)."""

    raw: str
    amount: Decimal
    decimals: int
    unit: str
    words: str  # the words before it, as printed
    line: int | None = None
    page: int | None = None


@attrs.frozen(slots=True)
class Claim:
    """One statement of the narrative, structured before it is checked: its
    subject, scope, year and measure, the amount (with its unit and printed
    decimals), and what it says of it (a comparison, a percentage, a share).

    ``scope`` is whose money: ``department``, ``unit``, ``project``,
    ``whole`` (全市/全省 …), ``本级``, ``departments`` (the 部门预算 of a
    government), ``region:<name>`` (a district or a zone) or None when the
    words and their context do not say.  ``year`` and ``measure`` (预算,
    调整预算, 执行, 决算) are the figure's, from the sentence, its paragraph
    and headings, or the document (a department's disclosure speaks of its
    own year); None when unknown, never guessed."""

    subject_text: str
    subject: Subject
    amount: Decimal | None
    decimals: int
    unit: str | None
    raw: str
    section: str  # income | expenditure | fiscal | gpb | basic | gf | soc | sangong | admin | summary | other ...
    sentence: str
    line: int | None = None
    page: int | None = None
    scope: str | None = None
    year: int | None = None  # the year of the figure
    measure: str | None = None  # 预算 | 调整预算 | 执行 | 决算
    fund: str | None = None  # whose budget: gpb (一般公共预算) | gf | soc | ssf (社会保险基金) | special (财政专户)
    named_year: int | None = None  # the year the words before the amount name (2024 年…收入预算)
    block: int = 0  # the paragraph it stands in (since the last heading or list item)
    compare_text: str | None = None  # the comparison as printed (较上年预算安排减少)
    base_year: int | None = None  # 比2025年预算 -> 2025
    direction: str | None = None  # up | down | flat | both (增加（减少）: a template left unfilled)
    change: Decimal | None = None
    change_decimals: int = 0
    change_unit: str | None = None
    percent: Decimal | None = None  # signed as printed (增长-5% -> -5)
    percent_decimals: int = 0
    percent_word: str | None = None  # up | down: the word before the percentage, when it differs
    # a share or a completion: (kind, percent, its decimals, numerator amount/decimals/unit,
    # denominator amount/decimals/unit or None, the words)
    ratio: tuple | None = None
    of: Stated | None = None  # the whole a share or a completion is of, as printed (the ratio's denominator)
    context: str | None = None  # basic | project: an economic class listed under 基本支出/项目支出 (其中：…)
    base: Stated | None = None  # the paragraph's own earlier figure a percentage with no change amount compares with
    versus: tuple[Stated, Stated] | None = None  # (决算, 预算) that "决算数大于预算数" compares
    printed_at: int | None = None  # listed-table: the page (or line) where the body prints its title
    note: str | None = None  # why a claim cannot be tied (said by insufficient-data)

    @property
    def where(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return " ".join(parts)


@attrs.frozen(slots=True)
class Sentence:
    """A sentence of the narrative (prose joined across wrapped lines) and
    where it stands, for the rules that read words rather than figures."""

    text: str
    line: int | None = None
    page: int | None = None
    section: str = "other"


@attrs.frozen(slots=True)
class Document:
    tables: tuple[Table, ...]
    year: int | None = None
    title: str | None = None
    kind: str | None = None
    source: str | None = None
    statements: tuple[Statement, ...] = ()
    problems: tuple[Problem, ...] = ()
    format: str | None = None  # how it was read: json, yaml, csv, text, markdown, tsv, xlsx, pdf
    # The document's text as (text, line, page) units (govclass.readers.narrative.TextUnit), for the narrative
    # rules; empty for tables read from CSV/JSON/YAML.  Not part of the JSON document format.
    narrative: tuple = attrs.field(default=(), eq=False, repr=False)
    #: what a reader saw and read ({"coded_lines_printed": n, "coded_lines_read": m}), when it counts (PDF)
    coverage: dict | None = None
    scope: str | None = None  # 部门 or 单位, when the reader knows it
    # What the narrative says, parsed by a reader (govclass.readers.narrative): its claims, None when the text
    # was not parsed (the api layer parses it then), and its sentences.  Not part of the JSON document format.
    claims: tuple[Claim, ...] | None = attrs.field(default=None, eq=False, repr=False)
    sentences: tuple[Sentence, ...] = attrs.field(default=(), eq=False, repr=False)
    #: what the validator is to prove of how it was read (a PDF's census; govclass.validation.proof), None
    #: once proven or when there is nothing to prove.  Not part of the JSON document format.
    proof: Proof | None = attrs.field(default=None, eq=False, repr=False)
    #: a government's own report (issue 26): ``government-budget`` (预算执行情况和预算草案的报告, 政府预算公开,
    #: 预算附表) or ``government-final`` (财政总决算, 决算报告) of a province, city or county, its 全省/全市 and 本级;
    #: None for a department's or a unit's disclosure, or when the reader cannot tell.  ``kind`` says 预算 or 决算 of
    #: either.
    form: str | None = attrs.field(default=None, kw_only=True)

    def to_dict(self) -> dict:
        """The document in the JSON document format (what ``extract`` prints;
        ``validate`` reads it back): figures as printed, blanks as null."""
        def amounts(cells: dict[str, Cell]) -> dict:
            return {c: cell.raw for c, cell in cells.items()}

        out: dict = {}
        for key in ("title", "year", "kind", "form", "source", "format"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        tables = []
        for t in self.tables:
            d: dict = {"name": t.name}
            if t.kind:
                d["kind"] = t.kind
            d.update(classification=t.classification, unit=t.unit, columns=list(t.columns))
            if t.relations:
                d["relations"] = [{"total": r.total, "parts": list(r.parts)} for r in t.relations]
            if t.note:
                d["note"] = t.note
            if t.source_line is not None:
                d["source_line"] = t.source_line
            for key in ("budget", "scope", "year"):
                value = getattr(t, key)
                if value is not None:
                    d[key] = value
            if t.periods is not None:
                d["periods"] = [None if p is None else list(p) for p in t.periods]
            if t.unplaced:
                d["unplaced"] = list(t.unplaced)
            lines = []
            for ln in t.lines:
                row: dict = {"code": ln.code, "name": ln.name}
                if ln.total:
                    row["total"] = True
                row["amounts"] = amounts(ln.cells)
                if ln.source_line is not None:
                    row["source_line"] = ln.source_line
                if ln.level:
                    row["level"] = ln.level
                if ln.page is not None:
                    row["page"] = ln.page
                if ln.text is not None:
                    row["text"] = ln.text
                if ln.named:
                    row["named"] = True
                if ln.others:
                    row["others"] = [{"classification": o.classification, "code": o.code, "name": o.name,
                                      **({"column": o.column} if o.column is not None else {})} for o in ln.others]
                lines.append(row)
            d["lines"] = lines
            tables.append(d)
        out["tables"] = tables
        if self.statements:
            out["statements"] = [{
                "name": s.name, "kind": s.kind, "unit": s.unit,
                "columns": {side: list(cols) for side, cols in s.columns.items()},
                **({"note": s.note} if s.note else {}),
                **({"source_line": s.source_line} if s.source_line is not None else {}),
                "items": [{"label": it.label, **({"side": it.side} if it.side else {}),
                           **({"row": it.row} if it.row is not None else {}), "amounts": amounts(it.cells),
                           **({"source_line": it.source_line} if it.source_line is not None else {}),
                           **({"page": it.page} if it.page is not None else {}),
                           **({"text": it.text} if it.text is not None else {})}
                          for it in s.items]} for s in self.statements]
        if self.problems:
            out["problems"] = [p.to_dict() for p in self.problems]
        if self.coverage is not None:
            out["coverage"] = dict(self.coverage)
        if self.scope is not None:
            out["scope"] = self.scope
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        """Build from a dict that passed the JSON Schema (see :func:`govclass.document.schema.schema`)."""
        tables = []
        for t in data["tables"]:
            columns = tuple(t["columns"])
            lines = []
            for i, ln in enumerate(t["lines"], 1):
                amounts = ln.get("amounts") or {}
                unknown = set(amounts) - set(columns)
                if unknown:
                    raise DocumentError(
                        f"table {t['name']!r} line {i}: amounts for undeclared columns {sorted(unknown)}")
                cells = {c: parse_amount(amounts.get(c)) for c in columns}
                code = ln.get("code")
                others = tuple(OtherCode(o["classification"], str(o["code"]), o.get("name"), o.get("column"))
                               for o in ln.get("others") or ())
                lines.append(Line(None if code in (None, "") else str(code), ln.get("name"), cells,
                                  bool(ln.get("total")), i, ln.get("source_line"), ln.get("level"),
                                  ln.get("page"), ln.get("text"), named=bool(ln.get("named")), others=others))
            relations = tuple(Relation(r["total"], tuple(r["parts"])) for r in t.get("relations") or ())
            if t.get("periods") is not None and len(t["periods"]) != len(columns):
                raise DocumentError(f"table {t['name']!r}: {len(t['periods'])} periods for {len(columns)} columns")
            for r in relations:
                for c in (r.total, *r.parts):
                    if c not in columns:
                        raise DocumentError(f"table {t['name']!r}: relation names unknown column {c!r}")
            tables.append(Table(t["name"], t["classification"], t["unit"], columns, tuple(lines), relations,
                                t.get("kind"), t.get("note"), t.get("source_line"), **table_facts(t)))
        statements = tuple(
            Statement(s["name"], s["kind"], s["unit"], {k: tuple(v) for k, v in s["columns"].items()}, tuple(
                Item(it["label"], {c: parse_amount((it.get("amounts") or {}).get(c))
                                   for c in s["columns"].get(it.get("side") or "", ())},
                     it.get("side"), it.get("row"), it.get("source_line"), it.get("page"), it.get("text"))
                for it in s["items"]),
                s.get("note"), s.get("source_line"))
            for s in data.get("statements") or ())
        problems = tuple(Problem(**p) for p in data.get("problems") or ())
        return cls(tuple(tables), data.get("year"), data.get("title"), data.get("kind"), data.get("source"),
                   statements, problems, data.get("format"), coverage=data.get("coverage"), scope=data.get("scope"),
                   form=data.get("form"))


def table_facts(data: dict) -> dict:
    """What a table of the JSON document format says of itself beyond its lines (budget, scope, year, the
    periods of its columns, its unplaced lines), as keyword arguments of :class:`Table`; none when it says
    nothing."""
    out = {key: data[key] for key in ("budget", "scope", "year") if data.get(key) is not None}
    periods = data.get("periods")
    if periods is not None:
        out["periods"] = tuple(None if p is None else (p[0], p[1]) for p in periods)
    if data.get("unplaced"):
        out["unplaced"] = tuple(data["unplaced"])
    return out
