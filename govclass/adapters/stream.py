"""Validate a CSV file or JSON Lines one table at a time, in bounded memory.

    >>> from govclass.stream import validate_csv
    >>> report = validate_csv("budget.csv", year=2024)            # doctest: +SKIP

This module only reads: every table is checked by :func:`govclass.validation.validate`, the one
engine (its rules, in their order), on a document of whole tables. What streaming changes is how
many tables are in memory at once:

* a file whose tables come one after another (every line of a table before the next table's, as
  exports sorted by unit are) is read a block of text at a time, split in C, and each run of whole
  tables is validated as soon as its last line has gone by, then let go (:func:`_table_runs`);
  a first pass over the bytes (:func:`_plan`) makes sure of that order and of the encoding before
  anything is reported;
* any other file (a table that comes back after another, quoted fields, blank lines, JSON Lines) is
  read record by record and its lines gathered per table (:class:`_Gatherer`); past a budget the
  gathered lines go to a temporary file, table by table, and come back when the file has been read,
  each table whole, in the order the tables first appear.

Either way memory holds a block of text and the tables being validated, never the file. The
findings, tables and lines are those of ``validate(read_csv(...))``, byte for byte and in the same
order (tests/test_stream.py holds the two to it). :func:`csv_reports` and :func:`jsonl_reports`
give the report of each batch of tables as soon as it is checked, so that a report can be written
as it is found (``govclass validate``'s writers, govclass/cli/writers.py).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import chain, islice, repeat
from operator import or_

from govclass.document import KIND_SAMPLE, Relation
from govclass.errors import InputError
from govclass.readers.csv import code_column as _code_column
from govclass.readers.csv import first_record, header_columns, stripped
from govclass.readers.registry import ENCODINGS
from govclass.validation.report import Report

__all__ = ["validate_csv", "validate_jsonl", "validate_rows", "csv_reports", "jsonl_reports", "combine",
           "streamable"]

#: bytes of a CSV file read (and split) at a time by the first pass and by the reader of whole tables one after another
_BLOCK = 1 << 20
#: lines validated together (whole tables, a table of more lines alone): enough that a call's fixed cost is
#: spread, few enough that a batch whose every line has a finding or two (a finding and its messages take
#: about 2 KB) stays within a few tens of megabytes
BATCH_LINES = 8_192
#: gathered lines (of tables that may come back) kept in memory before they go to a temporary file
SPILL_LINES = 65_536


def combine(reports: Iterable[Report]) -> Report:
    """The reports of a file's batches of tables as the report of the file (in their order)."""
    reports = list(reports)
    return Report(tuple(f for r in reports for f in r.findings), reports[0].edition, sum(r.tables for r in reports),
                  sum(r.lines for r in reports), relations=tuple(c for r in reports for c in r.relations))


class _Check:
    """How each batch of tables is read and validated: the options of validate() and of the reader."""

    def __init__(self, where: str, year: int | None, classification: str | None, unit: str | None,
                 tolerance: Decimal | str | None, skip: Iterable[str], only: Iterable[str] | None,
                 relations: Iterable[Relation | str]) -> None:
        self.where, self.year, self.classification, self.unit = where, year, classification, unit
        self.tolerance, self.skip, self.relations = tolerance, tuple(skip), tuple(relations)
        self.only = None if only is None else tuple(only)
        self.kinds: tuple[str, ...] | None = None  # the columns' kinds, told once from the file's first lines

    def __call__(self, header: list[str], cols: list, lines, padded: list[bool]) -> Report:
        """The report of whole tables given as the columns of their printed cells."""
        return self.pieces(header, [(cols, lines, padded)])

    def pieces(self, header: list[str], pieces: list[tuple[list, Sequence[int], list[bool]]]) -> Report:
        """The report of whole tables given in pieces, each the columns of its printed cells, its lines and
        per column whether a cell may have white space at an edge; every table lies within one piece (the
        block reader's pieces: tables of one block, kept as its split gave them, or a table carried over
        from the blocks before). Validated together, as one document of their tables in their order."""
        import attrs

        from govclass.readers.csv import columns_document
        from govclass.validation import validate

        docs = [columns_document(header, cols, lines, padded, self.where, self.classification, self.unit, self.year,
                                 kinds=self.kinds) for cols, lines, padded in pieces]
        doc = docs[0] if len(docs) == 1 else attrs.evolve(docs[0], tables=tuple(t for d in docs for t in d.tables))
        return validate(doc, self.year, tolerance=self.tolerance, skip=self.skip, only=self.only,
                        relations=self.relations)

    def tell_kinds(self, header: list[str], cols: list) -> None:
        """The kind of each amount column, from the first lines of the file (as the whole-file reader tells it)."""
        from govclass.document import KIND_SAMPLE, column_kind

        if self.kinds is None:
            _header, k, columns = header_columns(header, self.where)
            self.kinds = tuple(column_kind(c, f[:KIND_SAMPLE]) for c, f in zip(columns, cols[k + 2:]))


# -- lines gathered per table ------------------------------------------------------


class _Gatherer:
    """The lines of a file read record by record, gathered per table, the tables in the order they
    first appear. Past :data:`SPILL_LINES` lines in memory, every table's lines so far go to a
    temporary file (marshal, one chunk per table) and are read back, table by table, at the end."""

    def __init__(self) -> None:
        self.tables: dict[object, list[tuple]] = {}  # table -> its lines in memory, in first-appearance order
        self.chunks: dict[object, list[tuple[int, int]]] = {}  # table -> (offset, length) of its spilled chunks
        self.held = 0
        self.spill: io.BufferedRandom | None = None
        self.sample: list[tuple] = []  # the first lines of the file, in its order: they tell the columns' kinds

    def add(self, table: object, line: tuple) -> None:
        if len(self.sample) < KIND_SAMPLE:
            self.sample.append(line)
        mine = self.tables.get(table)
        if mine is None:
            mine = self.tables[table] = []
        mine.append(line)
        self.held += 1
        if self.held >= SPILL_LINES:
            self._spill()

    def _spill(self) -> None:
        import marshal
        import tempfile

        if self.spill is None:
            self.spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed by whole_tables
        for table, lines in self.tables.items():
            if lines:
                data = marshal.dumps(lines)
                self.chunks.setdefault(table, []).append((self.spill.seek(0, io.SEEK_END), len(data)))
                self.spill.write(data)
                lines.clear()
        self.held = 0

    def whole_tables(self) -> Iterator[tuple[object, list[tuple]]]:
        """Each table with all its lines, in the order the tables first appeared."""
        import marshal

        try:
            for table, lines in self.tables.items():
                chunks = self.chunks.get(table)
                if chunks:
                    before: list[tuple] = []
                    for offset, length in chunks:
                        self.spill.seek(offset)  # type: ignore[union-attr]
                        before.extend(marshal.loads(self.spill.read(length)))  # type: ignore[union-attr]
                    lines = before + lines
                yield table, lines
                self.tables[table] = []
        finally:
            if self.spill is not None:
                self.spill.close()


def _gathered_reports(gatherer: _Gatherer, header: list[str], width: int, check: _Check) -> Iterator[Report]:
    """The reports of the gathered tables, a batch of whole tables at a time. A line is (table,
    code, name, source line, *figures); ``width`` the number of figures."""
    check.tell_kinds(header, _columns(gatherer.sample, header, width))
    batch: list[tuple] = []
    for _table, lines in gatherer.whole_tables():
        batch.extend(lines)
        if len(batch) >= BATCH_LINES:
            yield _rows_report(batch, header, width, check)
            batch = []
    if batch:
        yield _rows_report(batch, header, width, check)


def _rows_report(batch: list[tuple], header: list[str], width: int, check: _Check) -> Report:
    lines = [line[3] for line in batch]
    with_table = _code_column(header) == 1
    return check(header, _columns(batch, header, width), lines, [False, False, False, *repeat(True, width)][not with_table:])


def _columns(batch: list[tuple], header: list[str], width: int) -> list[list]:
    """The columns of the header (table, if it has one, code, name, figures) of gathered lines."""
    cols = [list(c) for c in zip(*batch)] if batch else [[] for _ in range(4 + width)]
    return ([cols[0]] if _code_column(header) == 1 else []) + [cols[1], cols[2], *cols[4:]]


# -- CSV ---------------------------------------------------------------------------


def validate_csv(source: str | os.PathLike | io.TextIOBase | Iterable[str], *, where: str | None = None,
                 year: int | None = None, classification: str | None = None, unit: str | None = None,
                 tolerance: Decimal | str | None = None, skip: Iterable[str] = (), only: Iterable[str] | None = None,
                 relations: Iterable[Relation | str] = (), delimiter: str | None = None) -> Report:
    """Validate a CSV file of tables (the format of :func:`govclass.readers.read_csv`) a table at a
    time: ``source`` a path (UTF-8, else GB18030, as the reader decodes files), an open text file or
    its lines.  The report is that of ``validate(read_csv(text, where, year=year, …), year, …)``."""
    return combine(csv_reports(source, where=where, year=year, classification=classification, unit=unit,
                               tolerance=tolerance, skip=skip, only=only, relations=relations, delimiter=delimiter))


def csv_reports(source: str | os.PathLike | io.TextIOBase | Iterable[str], *, where: str | None = None,
                year: int | None = None, classification: str | None = None, unit: str | None = None,
                tolerance: Decimal | str | None = None, skip: Iterable[str] = (), only: Iterable[str] | None = None,
                relations: Iterable[Relation | str] = (), delimiter: str | None = None) -> Iterator[Report]:
    """The reports of :func:`validate_csv`, one per batch of whole tables, each as soon as it is
    checked; a file that cannot be read raises InputError before the first."""
    from govclass.speedups.gc import paused

    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        where = path if where is None else where
        if delimiter is None and os.path.splitext(path)[1].lower() == ".tsv":
            delimiter = "\t"
        encoding, in_runs = _plan(path, where, delimiter)
        check = _Check(where, year, classification, unit, tolerance, skip, only, relations)
        fh = _LineBlocks(path, encoding) if in_runs else open(path, encoding=encoding, newline="")  # noqa: SIM115
        try:  # closed below, also when abandoned
            with paused():
                if in_runs:
                    yield from _table_runs(fh, check, delimiter)
                else:
                    yield from _csv_gathered(fh, check, delimiter)
        except UnicodeDecodeError:  # _plan decoded every byte: the file changed under us
            raise InputError(f"{where}: not UTF-8 or GB18030 text") from None
        finally:
            fh.close()
        return
    where = "<csv>" if where is None else where
    check = _Check(where, year, classification, unit, tolerance, skip, only, relations)
    with paused():
        yield from _csv_gathered(iter(source), check, delimiter)


def _csv_gathered(lines: Iterator[str], check: _Check, delimiter: str | None) -> Iterator[Report]:
    """Any CSV file of tables, record by record (csv.reader, as the whole-file reader reads a file it
    cannot split: quoted fields, short lines padded, blank lines skipped, the line where each record
    starts), the lines gathered per table and validated when the file has been read."""
    where = check.where
    first = next(lines, None)
    if first is None:
        raise InputError(f"{where}: empty file")
    first = first.lstrip("\ufeff")
    head = first.split("\n", 1)[0].split("\r", 1)[0]
    if delimiter is None:
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.reader(chain((first,), lines), delimiter=delimiter, strict=True)
    header, k, columns = header_columns(first_record(reader, where), where)
    width, pad = len(header), [""] * len(header)
    gatherer = _Gatherer()
    last = reader.line_num
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if len(row) != width:
                if not row:
                    continue
                if len(row) > width:
                    raise InputError(f"{where}: line {start} has {len(row)} cells, the header {width}")
                row = row + pad[len(row):]
            table = row[0].strip() if k else None
            code, name = row[k].strip(), row[k + 1].strip()
            figures = row[k + 2:]
            if not code and not name and not table and not any(f.strip() for f in figures):
                continue  # a blank line (white space only too)
            gatherer.add(table, (table, code, name, start, *figures))
    except csv.Error as exc:
        raise InputError(f"{where}: line {reader.line_num}: not readable as CSV: {exc}") from None
    if not gatherer.tables:
        raise InputError(f"{where}: a header and no lines")
    yield from _gathered_reports(gatherer, header, len(columns), check)


def _plan(path: str, where: str, delimiter: str | None) -> tuple[str, bool]:
    """A first pass over the bytes of a CSV file, a block at a time: the encoding the whole-file
    reader would decode it with (the same refusals: binary data, white space only, mixed encodings,
    neither UTF-8 nor GB18030, registry.decode), and whether its tables come one after another in
    lines the block reader splits (a ``table`` column, nothing quoted, every line with the header's
    cells, no blank line or blank table name, no table that comes back after another)."""
    from govclass.readers.registry import open_checked

    with open_checked(path) as fh:
        data = fh.read(_BLOCK)
        if b"\x00" in data[:4096]:
            raise InputError(f"{where}: binary data, not a text document")
        plan: _Plan | None = None
        blank = True
        while data:
            data += fh.readline()  # whole lines
            if plan is None:
                plan = _Plan(data, delimiter)
            blank = blank and not data.strip()
            plan.block(data)
            data = fh.read(_BLOCK)
    if blank or plan is None:
        raise InputError(f"{where}: empty file")
    return plan.encoding(path, where), plan.in_runs


class _Plan:
    """What :func:`_plan` learns block by block."""

    def __init__(self, first: bytes, delimiter: str | None) -> None:
        head = first.split(b"\n", 1)[0].rstrip(b"\r")
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        if delimiter is None:
            delimiter = "\t" if head.count(b"\t") > head.count(b",") else ","
        self.delim = delimiter.encode()
        self.cells = head.count(self.delim)
        cells = [c.strip() for c in head.split(self.delim)]
        self.k = _code_column([c.decode("utf-8", "replace") for c in cells])  # 1 after a table column
        self.in_runs = len(delimiter) == 1 and b'"' not in head and self.k is not None
        self.utf8 = True
        self.seen: set[bytes] = set()
        self.last: bytes | None = None
        self.first = True

    def block(self, data: bytes) -> None:
        from govclass.speedups.twins import lone_carriage_return, table_heads, utf8_valid

        if self.utf8 and not utf8_valid(data):
            self.utf8 = False
        if not self.in_runs:
            return
        if b'"' in data or lone_carriage_return(data):
            self.in_runs = False
            return
        if self.first:
            data, self.first = data.partition(b"\n")[2], False
        heads = table_heads(data, self.delim, self.cells)
        if heads is None:  # a short or long line, or a blank one
            self.in_runs = False
            return
        if not self.k:  # no table column: the file is one table
            return
        for name in heads:
            if name == self.last:
                continue
            if not name or name in self.seen:  # a blank table name, or a table that comes back
                self.in_runs = False
                return
            self.seen.add(name)
            self.last = name

    def encoding(self, path: str, where: str) -> str:
        """The whole-file reader's encoding (registry.decode, read a block at a time)."""
        if self.utf8:
            return "utf-8-sig"
        from govclass.readers.registry import decode_file

        return decode_file(path, where)


class _LineBlocks:
    """A text file read as :func:`_table_runs` reads it, a line or a block of whole lines at a time, its
    lines as they are (newline=""): each block's bytes are read and then decoded in one call (a text file's
    read(n) decodes 8 KB at a time, three times slower on a file of Chinese names)."""

    def __init__(self, path: str, encoding: str) -> None:
        import codecs

        self.raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.decode = codecs.getincrementaldecoder(encoding)().decode

    def readline(self) -> str:
        line = self.raw.readline()
        return self.decode(line, final=not line)

    def read(self, size: int) -> str:
        """About ``size`` bytes of text up to the end of a line ("" at the end of the file)."""
        data = self.raw.read(size)
        if data[-1:] not in (b"\n", b""):
            data += self.raw.readline()
        return self.decode(data, final=not data)

    def close(self) -> None:
        self.raw.close()


def _table_runs(fh, check: _Check, delimiter: str | None) -> Iterator[Report]:
    """A file whose tables come one after another (:func:`_plan` made sure) is validated block by
    block: each block of text is split in C (the figures stay spans of its text), the tables that
    end in it are validated at once, and the one that runs on into the next block is carried over.
    Memory holds a block and the tables of one batch."""
    from itertools import compress, count, islice
    from operator import ne

    from govclass.speedups.twins import split_columns

    head = fh.readline().lstrip("\ufeff")
    if not head.endswith("\n"):  # the header alone
        raise InputError(f"{check.where}: a header and no lines")
    head = head[:-2] if head.endswith("\r\n") else head[:-1]
    if delimiter is None:
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
    header = head.split(delimiter)
    _header, k, _columns = header_columns(header, check.where)  # not [table,]code,name,<amounts>: the reader's refusal
    # The tables gathered for the next batch, in pieces (Check.pieces): the whole tables of a block as its
    # split gave them (the figures stay spans of its text, read by fixed_columns without a string per cell),
    # a table carried over from the blocks before; each with its lines and the split's padded flags
    held: list[tuple[list, Sequence[int], list[bool]]] = []
    held_lines = 0

    def flush() -> Report:
        nonlocal held, held_lines
        pieces, held, held_lines = held, [], 0
        if check.kinds is None:
            check.tell_kinds(header, _first_lines(pieces, KIND_SAMPLE))
        return check.pieces(header, pieces)

    at = 2  # the line of the block's first row
    carried: str | None = None  # the table that may run on into the next block
    carry: list[list[str]] = []
    carry_lines: list[int] = []
    carry_padded: list[bool] = []
    while True:
        block = fh.read(_BLOCK)  # whole lines (_LineBlocks)
        if not block:
            break
        split = split_columns(head + "\n" + block, delimiter, k + 2)
        if split is None:  # _plan said it splits: the file changed while it was read
            raise InputError(f"{check.where}: the file changed while it was read")
        block_cols, n, block_padded = split[1], len(split[2]), split[3]
        names = stripped(block_cols[0], block_padded[0]) if k else [""] * n  # no table column: one table
        starts = [0, *compress(count(1), map(ne, islice(names, 1, None), names))]
        runs = list(zip(starts, [*starts[1:], n]))
        if carried is not None and names[0] == carried:  # the carried table goes on into this block
            first, end = runs.pop(0)
            for mine, theirs in zip(carry, block_cols):
                mine.extend(theirs[first:end])
            carry_lines.extend(range(at + first, at + end))
            carry_padded = _either(carry_padded, block_padded)
        if runs:
            if carried is not None:  # it ended before this block's first whole run: whole now
                held.append((carry, carry_lines, carry_padded))
                held_lines += len(carry_lines)
            last = runs.pop()  # may go on into the next block
            if runs:
                a, b = runs[0][0], runs[-1][1]
                held.append(([c[a:b] for c in block_cols], range(at + a, at + b), block_padded))
                held_lines += b - a
            carried = names[last[0]]
            carry = [list(c[last[0]:last[1]]) for c in block_cols]
            carry_lines = list(range(at + last[0], at + last[1]))
            carry_padded = block_padded
        if held_lines >= BATCH_LINES:
            yield flush()
        at += n
    if carried is None:
        raise InputError(f"{check.where}: a header and no lines")
    held.append((carry, carry_lines, carry_padded))
    yield flush()


def _either(flags: list[bool], more: list[bool]) -> list[bool]:
    """Per column, whether a cell may have white space at an edge in either of two sets of lines (a table
    carried over several blocks). A flag for a whole block stands for every table taken from it: at worst
    a column is stripped that needs no stripping (str.strip keeps such a cell as it is), never the other
    way round."""
    return list(map(or_, flags, more))


def _first_lines(pieces: list[tuple[list, Sequence[int], list[bool]]], n: int) -> list[list[str]]:
    """The columns of the first ``n`` lines of the pieces of a batch (the file's first lines, in the first batch:
    they tell the columns' kinds as the whole-file reader tells them)."""
    width = len(pieces[0][0])
    return [list(islice(chain.from_iterable(cols[j][:n] for cols, _lines, _padded in pieces), n))
            for j in range(width)]


# -- JSON Lines --------------------------------------------------------------------


def validate_jsonl(source: str | os.PathLike | io.TextIOBase, *, amounts: Iterable[str] | None = None,
                   where: str | None = None, year: int | None = None, classification: str | None = None,
                   unit: str | None = None, tolerance: Decimal | str | None = None,
                   skip: Iterable[str] = (), only: Iterable[str] | None = None,
                   relations: Iterable[Relation | str] = ()) -> Report:
    """Validate JSON Lines a table at a time: one object per line, a budget line as a CSV row would
    hold it, ``{"table": …, "code": …, "name": …, "<column>": …}`` (``table`` optional).  The amount
    columns are ``amounts``, else the keys of the first object other than table, code and name.
    Codes may be JSON integers; a figure may be a string as printed, a number, or null (a blank).
    ``source_line`` is the line of the JSON Lines file."""
    return combine(jsonl_reports(source, amounts=amounts, where=where, year=year, classification=classification,
                                 unit=unit, tolerance=tolerance, skip=skip, only=only, relations=relations))


def jsonl_reports(source: str | os.PathLike | io.TextIOBase, *, amounts: Iterable[str] | None = None,
                  where: str | None = None, year: int | None = None, classification: str | None = None,
                  unit: str | None = None, tolerance: Decimal | str | None = None,
                  skip: Iterable[str] = (), only: Iterable[str] | None = None,
                  relations: Iterable[Relation | str] = ()) -> Iterator[Report]:
    """The reports of :func:`validate_jsonl`, one per batch of whole tables."""
    from govclass.speedups.gc import paused

    opened = isinstance(source, (str, os.PathLike))
    if opened:
        where = os.fspath(source) if where is None else where
        from govclass.readers.registry import open_checked

        with open_checked(os.fspath(source)) as raw:
            head = raw.read(4096)
            if b"\x00" in head:
                raise InputError(f"{where}: binary data, not a text document")
        fh = open(source, encoding="utf-8-sig")  # noqa: SIM115 - closed below
    else:
        where = "<jsonl>" if where is None else where
        fh = source
    check = _Check(where, year, classification, unit, tolerance, skip, only, relations)
    try:
        with paused():
            gatherer, columns = _jsonl_gathered(fh, where, amounts)
            yield from _gathered_reports(gatherer, ["table", "code", "name", *columns], len(columns), check)
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    finally:
        if opened:
            fh.close()


def _jsonl_gathered(fh, where: str, amounts: Iterable[str] | None) -> tuple[_Gatherer, tuple[str, ...]]:
    """The lines of a JSON Lines file gathered per table, and its amount columns."""
    import json

    from govclass.adapters.dataframe import amount_text, code_text, name_text

    gatherer = _Gatherer()
    columns: tuple[str, ...] | None = None
    known: set[str] = set()
    unnamed = os.path.splitext(os.path.basename(where))[0]  # a line without a table: the file's one table
    for number, text in enumerate(fh, 1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: line {number}: not valid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: line {number}: a budget line is a JSON object")
        if columns is None:
            columns = tuple(amounts) if amounts is not None else tuple(
                k for k in obj if k not in ("table", "code", "name"))
            if not columns:
                raise InputError(f"{where}: no amount column")
            known = {"table", "code", "name", *columns}
        try:
            code = code_text(obj.get("code"), "code", number)
        except ValueError as exc:
            raise InputError(f"{where}: line {number}: {exc}") from None
        extra = set(obj) - known
        if extra:
            raise InputError(f"{where}: line {number}: unknown key {sorted(extra)[0]!r}")
        table = obj.get("table")
        figures = [amount_text(obj.get(c)) for c in columns]
        code, name = code.strip(), name_text(obj.get("name")).strip()
        tname = unnamed if table is None else name_text(table).strip()
        if not code and not name and not tname and not any(f.strip() for f in figures):
            continue
        gatherer.add(tname, (tname, code, name, number, *figures))
    if columns is None:
        raise InputError(f"{where}: empty file")
    if not gatherer.tables:
        raise InputError(f"{where}: a header and no lines")
    return gatherer, columns


# -- lines given one at a time -----------------------------------------------------


def validate_rows(rows: Iterable[tuple[str | None, str | None, str | None, list[str], int]], columns: tuple[str, ...],
                  *, where: str = "<stream>", year: int | None = None, classification: str | None = None,
                  unit: str | None = None, tolerance: Decimal | str | None = None,
                  skip: Iterable[str] = ()) -> Report:
    """Validate lines given one at a time as ``(table, code, name, figures, source_line)``: ``table``
    None for lines without a table column (one table named after ``where``), ``figures`` the
    printed cells of ``columns`` ("" when blank)."""
    from govclass.speedups.gc import paused

    columns = tuple(columns)
    check = _Check(where, year, classification, unit, tolerance, skip, None, ())
    gatherer = _Gatherer()
    unnamed = os.path.splitext(os.path.basename(where))[0]  # a line without a table: the file's one table
    with paused():
        for table, code, name, figures, source in rows:
            table = unnamed if table is None else table
            gatherer.add(table, (table, code or "", name or "", source, *figures))
        if not gatherer.tables:
            raise InputError(f"{where}: a header and no lines")
        header = ["table", "code", "name", *columns]
        return combine(_gathered_reports(gatherer, header, len(columns), check))


def streamable(path: str, fmt: str | None = None) -> str | None:
    """How ``validate`` reads ``path`` a table at a time: "jsonl" (.jsonl, .ndjson), "csv" (a table
    CSV: ``fmt`` csv, or a .csv/.tsv/.txt file whose first line is a ``[table,]code,name,…``
    header), None (the whole-file reader: JSON, YAML, disclosures, standard input)."""
    import stat

    try:
        if path == "-" or not stat.S_ISREG(os.stat(path).st_mode):
            return None  # standard input, a FIFO, a device, a folder: the whole-file reader (or its refusal)
    except (OSError, ValueError):
        return None  # the whole-file reader says why
    ext = os.path.splitext(path)[1].lower()
    if ext in (".jsonl", ".ndjson") and fmt in (None, "json"):
        return "jsonl"
    if fmt not in (None, "csv") or (fmt is None and ext not in (".csv", ".tsv", ".txt", "")):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None  # the whole-file reader says why
    for encoding in ENCODINGS:
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the end of the block
                text = head[:exc.start].decode(encoding)
                break
    else:
        return None
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            delimiter = "\t" if line.count("\t") > line.count(",") else ","
            return "csv" if _code_column(line.split(delimiter)) is not None else None
    return None
