"""The CSV reader: tables in the pipeline's ``[table,]code,name,<amount column>…`` form."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from operator import getitem, itemgetter

from govclass.errors import InputError
from govclass.speedups.twins import padded, split_columns
from govclass.document import KIND_SAMPLE, ColumnLines, Document, Table, column_kind, is_total_name
from govclass.vocabulary import total_in_code_column
from govclass.speedups.gc import paused
from govclass.readers.registry import Source, reader

__all__ = ["read_csv", "code_column", "columns_document"]


_TABLE_HEADERS = ("table", "表", "表名")


def code_column(header: list[str]) -> int | None:
    """Where the code column of a CSV header ``[table,]code,name,<amount column>…``
    is (0, or 1 after a ``table`` column); None when it is not such a header."""
    h = [c.strip().strip('"').lower() for c in header]
    k = 1 if h and h[0] in _TABLE_HEADERS else 0
    if len(h) >= k + 3 and h[k] in ("code", "科目编码") and h[k + 1] in ("name", "科目名称"):
        return k
    return None


_PART_HEADERS = ("类", "款", "项")
_NAME_HEADERS = ("name", "科目名称", "名称")


def part_columns(header: list[str]) -> tuple[int, int] | None:
    """Where a header ``[table,]类,款[,项],name,<amount column>…`` prints a
    code in parts: (index of the 类 column, number of part columns); None
    for any other header."""
    h = [c.strip().strip('"').lower() for c in header]
    k = 1 if h and h[0] in _TABLE_HEADERS else 0
    n = 0
    while k + n < len(h) and n < 3 and h[k + n] == _PART_HEADERS[n]:
        n += 1
    if n >= 2 and len(h) >= k + n + 2 and h[k + n] in _NAME_HEADERS:
        return k, n
    return None


def is_table_csv(src: Source) -> bool:
    """A pipeline CSV (header ``[table,]code,name,<amount column>…``, or with
    the code in 类,款[,项] columns), not a disclosure."""
    for line in src.text.splitlines():
        if line.strip():
            delimiter = "\t" if line.count("\t") > line.count(",") else ","
            cells = line.split(delimiter)
            return code_column(cells) is not None or part_columns(cells) is not None
    return False


@reader("csv", suffixes=(".csv", ".tsv", ".txt", ".md", ""), sniff=is_table_csv, priority=60)
def read_csv_source(src: Source) -> Document:
    return read_csv(src.text, src.path, classification=src.classification, unit=src.unit, year=src.year,
                    delimiter="\t" if src.ext == ".tsv" else None)


def read_csv(text: str, where: str = "<csv>", *, classification: str | None = None, unit: str | None = None,
             year: int | None = None, delimiter: str | None = None) -> Document:
    """Tables from CSV: header ``code,name,<column>,<column>…``, first column
    the code as printed.  A line with no code named 合计 is the total.

    An optional first column ``table`` names the table each line belongs to,
    so one file can carry many tables (a pipeline's long format); lines of a
    table need not be contiguous.  Without it the file is one table named
    after the file.  The document is built directly (no schema pass: the
    reader only makes well-formed documents).
    """
    with paused():
        return _read_csv(text, where, classification, unit, year, delimiter)


def _read_csv(text: str, where: str, classification: str | None, unit: str | None, year: int | None,
              delimiter: str | None) -> Document:
    text = text.lstrip("\ufeff")
    newline = text.find("\n")  # the first line ends at the first \n or \r
    first = (text if newline < 0 else text[:newline]).split("\r", 1)[0]
    if delimiter is None:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # The figures (the columns after code and name) may stay spans of the
    # text until a line is asked for (the C speed-up's TextColumn).
    k = code_column([h.strip() for h in first.split(delimiter)])
    if k is None and part_columns(first.split(delimiter)) is not None:
        return _parts_document(text, delimiter, where, classification, unit, year)
    split = split_columns(text, delimiter, -1 if k is None else k + 2)
    header, cols, linenos, padded_ = split or csv_columns(text, delimiter, where)
    return columns_document(header, cols, linenos, padded_, where, classification, unit, year)


def _parts_document(text: str, delimiter: str, where: str, classification: str | None, unit: str | None,
                    year: int | None) -> Document:
    """The document of a CSV whose code stands in 类,款[,项] columns."""
    header, cols, linenos, _padded = csv_columns(text, delimiter, where)
    header, joined = joined_parts(header, cols, year)
    return columns_document(header, joined, linenos, [padded(list(c)) for c in joined], where, classification, unit,
                            year)


def joined_parts(header: list[str], cols: list[list[str]], year: int | None) -> tuple[list[str], list[Sequence[str]]]:
    """A table whose code stands in 类,款[,项] columns as one with a ``code``
    column: each row's parts joined by the rule every reader uses
    (govclass.readers.codeparts: "205 | 02 | 05", a blank 类 carried from the
    row above in the same table).  Parts that are no code ("2O5") are kept
    as printed, joined by spaces, for the validator to report; 合计 printed
    over the parts with no name is the total line."""
    from govclass.catalog import get_catalog
    from govclass.catalog.store import available_years, latest_year
    from govclass.readers.codeparts import group_code

    k, n = part_columns(header)  # type: ignore[misc]
    catalog = get_catalog(year if year in available_years() else latest_year())
    tables = cols[0] if k else [""] * len(cols[k])
    last_of: dict[str, dict] = {}
    codes, names = [], list(cols[k + n])
    for i, table in enumerate(tables):
        parts = [cols[k + j][i] for j in range(n)]
        last = last_of.setdefault(table.strip(), {3: None, 5: None})
        code, _name = group_code(parts, (list(range(n)), None), last, catalog)
        printed = " ".join(p.strip() for p in parts if p.strip())
        if code is None and is_total_name(printed) and not names[i].strip():
            code, names[i] = "", printed
        codes.append(code if code is not None else printed)
    return [*header[:k], "code", "name", *header[k + n + 1:]], [*cols[:k], codes, names, *cols[k + n + 1:]]


def columns_document(header: list[str], cols: list[Sequence[str]], linenos: Sequence[int], padded: list[bool],
                     where: str, classification: str | None, unit: str | None, year: int | None,
                     kinds: tuple[str, ...] | None = None) -> Document:
    """The document of a CSV table given as its columns of printed cells (``""``
    for a blank): what :func:`read_csv` builds after splitting the text, and
    what govclass.frame builds from a DataFrame's columns, so both validate alike.
    ``padded[j]``: whether a cell of column ``j`` may have white space at an edge.
    ``kinds``: what each amount column holds, when told already from the first lines of the
    file these tables are part of (govclass.stream reads a file a few tables at a time)."""
    from itertools import compress, count, islice
    from operator import ne, not_

    header, k, columns = header_columns(header, where)
    if not linenos:
        raise InputError(f"{where}: a header and no lines")
    # Column-wise, so that the per-line work runs in C; lines are made only
    # when asked for (ColumnLines).
    codes, names = stripped(cols[k], padded[k]), stripped(cols[k + 1], padded[k + 1])
    figures = cols[k + 2:]
    if "" in codes:  # a blank line (white space only too) has no code, no name and no figure: drop it
        blank = [i for i in compress(count(), map(not_, codes))
                 if not names[i] and not any(f[i].strip() for f in figures) and not (k and cols[0][i].strip())]
        if blank:
            gone = set(blank)
            keep = [i for i in range(len(codes)) if i not in gone]
            if not keep:
                raise InputError(f"{where}: a header and no lines")
            cols = [_take(c, keep) for c in cols]
            codes, names, figures = _take(codes, keep), _take(names, keep), cols[k + 2:]
            linenos = _take(linenos, keep)
    codes, names = _totals_in_code_column(codes, names)
    nones = {"": None}  # a blank code or name is None
    if "" in codes:
        codes = list(map(nones.get, codes, codes))
    if "" in names:
        names = list(map(nones.get, names, names))
    n = len(codes)
    # Group by table (first appearance order); a table's lines need not be contiguous.
    if k:
        tcol = stripped(cols[0], padded[0])
        starts = [0, *compress(count(1), map(ne, islice(tcol, 1, None), tcol))]
        if len({tcol[i] for i in starts}) == len(starts):  # each table in one run: slices
            members = {tcol[s]: slice(s, e) for s, e in zip(starts, [*starts[1:], n])}
        else:
            groups: dict[str, list[int]] = {}
            for i, t in enumerate(tcol):
                groups.setdefault(t, []).append(i)
            members = groups  # type: ignore[assignment]
    else:
        members = {os.path.splitext(os.path.basename(where))[0]: slice(0, n)}
    tables = []
    classification, unit = classification or "functional", unit or "万元"
    take = _take if k and not isinstance(next(iter(members.values())), slice) else getitem
    by_column = list(zip(columns, figures))
    # what each column holds, from the header and the file's first lines (as govclass.stream tells it)
    if kinds is None:
        kinds = tuple(column_kind(c, f[:KIND_SAMPLE]) for c, f in by_column)
    # tables in runs share the lines of them all, which the validator screens together (validation.batch)
    block = ColumnLines(codes, names, dict(by_column), linenos) if take is getitem and len(members) > 1 else None
    for name, idx in members.items():
        lines = ColumnLines(take(codes, idx), take(names, idx), {c: take(f, idx) for c, f in by_column},
                            take(linenos, idx), block, idx.start if block is not None else 0)
        tables.append(Table(name, classification, unit, columns, lines, kinds=kinds))  # type: ignore[arg-type]
    return Document(tuple(tables), year, None, None, where)


def _totals_in_code_column(codes: Sequence[str], names: Sequence[str]) -> tuple[Sequence[str], Sequence[str]]:
    """A total printed in the code column (合计, 总计 with the name blank, as a spreadsheet prints it over
    the code and name columns) is the table's total line: its code blank, its name the total's, as if
    printed in the name column (issue 25: it was an unknown code, and its sum went unchecked)."""
    if not codes or ("0" <= min(codes)[:1] and max(codes)[:1] <= "9"):  # every code begins with a digit (two C passes)
        return codes, names
    odd = {c for c in set(codes) if c and not c[:1].isdigit()}  # a pass over the distinct codes only
    if not odd or not any(is_total_name(c) for c in odd):
        return codes, names
    codes, names = list(codes), list(names)
    for i, code in enumerate(codes):
        if code in odd and total_in_code_column(code, names[i]):
            codes[i], names[i] = "", code
    return codes, names


def header_columns(header: list[str], where: str) -> tuple[list[str], int, tuple[str, ...]]:
    """A CSV table's header (stripped), the index of its code column and its
    amount columns; a header that is not ``[table,]code,name,<amounts>…`` with
    unique, non-empty amount names is an InputError."""
    header = [h.strip() for h in header]
    k = code_column(header)
    if k is None:
        raise InputError(f"{where}: the header must be [table,]code,name,<amount column>…; got {','.join(header[:4])}")
    columns = tuple(header[k + 2:])
    if len(set(columns)) != len(columns) or any(not c for c in columns):
        raise InputError(f"{where}: amount column names must be unique and non-empty")
    return header, k, columns


def first_record(reader: Iterator[list[str]], where: str) -> list[str]:
    """The first non-blank record of a csv.reader (the header); an empty or
    unreadable file is an InputError."""
    import csv

    try:
        header = next(reader)
        while not header:
            header = next(reader)
    except StopIteration:
        raise InputError(f"{where}: empty file") from None
    except csv.Error as exc:
        raise InputError(f"{where}: not a readable CSV file: {exc}") from None
    return header


def csv_columns(text: str, delimiter: str, where: str) -> tuple[list[str], list[list[str]], list[int], list[bool]]:
    """Header, columns and the line number of each record, by csv.reader:
    quoted fields (with delimiters or line breaks inside), short lines
    (padded with blanks), blank lines (skipped); and per column whether a
    cell has white space at an edge."""
    import csv
    import io

    # strict: a quote left open does not swallow the rest of the file into one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = first_record(reader, where)
    width = len(header)
    rows, linenos = [], []
    last = reader.line_num
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                continue
            if len(row) != width:
                if len(row) > width:
                    raise InputError(f"{where}: line {start} has {len(row)} cells, the header {width}")
                row = row + [""] * (width - len(row))
            rows.append(row)
            linenos.append(start)
    except csv.Error as exc:
        raise InputError(f"{where}: line {reader.line_num}: not readable as CSV: {exc}") from None
    cols = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(width)]
    return header, cols, linenos, list(map(padded, cols))


def _take(seq: Sequence, idx: slice | list[int]) -> Sequence:
    """The cells of ``seq`` at ``idx``: a slice, or a list of positions."""
    if isinstance(idx, slice):
        return seq[idx]
    return list(itemgetter(*idx)(seq)) if len(idx) > 1 else [seq[idx[0]]]


def stripped(column: list[str], padded: bool) -> list[str]:
    """The cells without surrounding white space (the column itself when no
    cell is ``padded``)."""
    return list(map(str.strip, column)) if padded else column
