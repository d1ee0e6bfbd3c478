"""How a document was read, for the validator to prove (govclass.validation.proof): how each table
or statement was read (:class:`Reading`), and what a PDF's pages print counted from their text alone
(:class:`Proof`: the census of :class:`CodedRow`).  Typed data between the readers and validation;
not part of the JSON document format."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NamedTuple

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from govclass.document.model import Problem

__all__ = ["How", "Reading", "CodedRow", "Proof"]


class How(enum.Flag):
    """How a reader read a table's rows (a PDF's: several at once when a table goes on over pages)."""

    RULED = enum.auto()  # from a grid of ruling lines the document prints
    ALIGNED = enum.auto()  # from rules drawn from the text's alignment (a table printed without rules)
    RECUT = enum.auto()  # rows cut again by the columns of the table they go on (their own gaps not trusted)
    CONTINUED = enum.auto()  # rows of a table going on over a page, joined to it by its columns


@attrs.frozen(slots=True)
class Reading:
    """How a table or statement was read, for the validator's proof of a doubtful reading
    (govclass.validation.proof): a row placed by the text's alignment is proven by the checks, or
    not read.

    ``order``: its place among the tables and statements the reader made, in reading order;
    ``problems_before``: how many of the reader's problems it had said when the table was made
    (what the proof says of the table is said there); ``codes_only``: a table of codes summed over
    the rows that print them, which the census of coded rows counts as the list of its codes;
    ``derived_from``: the ``order`` of the table a statement is made of (a 机关运行经费 table's 合计)."""

    how: How
    order: int
    problems_before: int = 0
    codes_only: bool = False
    derived_from: int | None = None

    @property
    def aligned(self) -> bool:
        return bool(self.how & How.ALIGNED)


class CodedRow(NamedTuple):
    """A row a page prints with a budget code, as the census of a PDF's text counts it."""

    page: int
    y: float  # baseline
    x: float  # where the row's first code starts (a panel's row beside it: far further right)
    code: str  # the code printed at the start of the row, digits only ("2010301", "0301", "01")
    codes: tuple[str, ...]  # every code the row prints (Beijing prints three)
    text: str  # the row as printed
    named: bool = True  # False: a code printed with no name beside it (its name on a line above or below)


@attrs.frozen(slots=True, eq=False)
class Proof:
    """What a reader leaves for the validator to prove of its reading (a PDF's; the tables and
    statements carry how they were read, :class:`Reading`): ``census``, every row its pages print
    with a code, counted from their text alone; ``listed``, page -> the spans of height of the tables
    read there (their rows are the tables'); ``unreadable``, the problem its unreadable pages make;
    ``year``, the year it was read for (its catalog)."""

    census: tuple[CodedRow, ...]
    listed: dict[int, list[tuple[float, float]]]
    unreadable: Problem | None = None
    year: int | None = None

    def fails_without_tables(self, kind: str | None) -> bool:
        """Whether the proof of a document that holds no table or statement says an error all the
        same: a coded row its pages print (no table read it), a page that cannot be read as text, or
        a budget document (``kind``: 预算/决算) in which nothing was read."""
        return bool(self.census) or self.unreadable is not None or kind is not None
