"""A coded table as its sums are checked: per code column, per run of a list that starts over.

A printed table is kept as printed (what ``read`` and ``extract`` give).  Two layouts print rows
whose money is not a tree of one code column, and are checked through tables made from the rows:

- **Rows of several codes** (:attr:`Line.others`; Beijing's 报表: 2010801 行政运行 | 50101 工资奖金
  津补贴 | 30101 基本工资 with one set of figures; Yantai's 301 08 | 501 02).  Each row's figures
  belong to every code it prints, so each code column is checked on its own: the rows aggregated by
  that column's code (a code's figures summed over the rows that print it), then rolled up like any
  table.  One 项 printed on as many rows as it has economic codes is then no duplicate line.
- **A code list that starts over**, one run per budget unit, under a row that names the unit
  (:func:`unit_sections`, Xi'an) or with no unit printed (:func:`restarts`, Beijing 预算05表): each
  run is checked on its own, and the whole (the codes at the top of the runs, summed) against the
  合计.

:func:`checked_tables` gives the tables the validator checks for a printed table of several codes
a row; the PDF reader makes the runs of a single code column itself (:func:`main_tables`).
"""

from __future__ import annotations

import attrs

from govclass.document.model import BLANK, Line, Relation, Table, sum_of_cells
from govclass.vocabulary import KINDS

__all__ = ["checked_tables", "main_tables", "restarts", "unit_sections", "unit_heading", "summed_by_code",
           "with_kind", "repeats"]


def checked_tables(table: Table) -> tuple[Table, ...]:
    """The tables the validator checks for ``table``: itself, unless its rows print codes of other
    classifications (:attr:`Line.others`); then the main code column (as printed when each of its
    codes stands on one row, else aggregated by code, or run by run) and one table per further
    code column, aggregated by its code (its 合计 line only when every coded row prints a code
    there), the standard table's kind on the column of its classification (:func:`with_kind`).
    Each made table knows the printed table it stands for (:attr:`Table.printed`)."""
    if not any(ln.others for ln in table.lines):
        return (table,)
    lines = [ln._replace(others=()) for ln in table.lines]
    totals = [ln for ln in lines if ln.total]
    main_codes = [ln.code for ln in lines if ln.code is not None]
    shape = KINDS[table.kind].shape if table.kind in KINDS else None
    kind = table.kind if shape == table.classification else None
    out, _summed, _split = main_tables(table.name, table.classification, table.unit, list(table.columns), lines,
                                       table.relations, kind, True, totals)
    columns: dict[str | None, list[tuple[str, str | None, Line]]] = {}
    classes: dict[str | None, str] = {}
    for printed, line in zip(table.lines, lines):
        for other in printed.others:
            columns.setdefault(other.column, []).append((other.code, other.name, line))
            classes.setdefault(other.column, other.classification)
    for column, rows in columns.items():
        out.append(summed_by_code(f"{table.name}（{column or '科目'}）", classes[column], table.unit,
                                  list(table.columns), rows, totals if len(rows) == len(main_codes) else []))
    return tuple(_of_printed(one, table) for one in with_kind(out, table.kind))


def _of_printed(one: Table, table: Table) -> Table:
    """A table made for one code column, knowing the printed ``table`` it stands for and what that one is of
    (its year's edition, budget and scope; the columns' periods and kinds where it keeps the same columns)."""
    same = one.columns == table.columns
    return attrs.evolve(one, printed=table, reading=table.reading, year=table.year, budget=table.budget,
                        scope=table.scope, periods=table.periods if same else None,
                        kinds=table.kinds if same else None)


def main_tables(name: str, cls: str, unit: str, col_names: list[str], lines: list[Line], rels: tuple[Relation, ...],
                kind: str | None, more_codes: bool, totals: list[Line]) -> tuple[list[Table], list[int], str | None]:
    """The main code column as one table; or, when a row prints a pair of codes and one code stands on
    several rows, as a table of codes summed over their rows; or, when the list runs unit by unit,
    one table per run and the whole.  And which tables are summed codes (by position), and how the
    list was split: "sections" (under rows that name the units), "restarts" (the codes starting
    over), or None."""
    main_codes = [ln.code for ln in lines if ln.code is not None]
    sections = unit_sections(lines)
    parts = sections or [[x for x in part if not x.total] for part in restarts(lines)]
    if more_codes and len(set(main_codes)) < len(main_codes) and \
            (len(parts) == 1 or any(repeats(part) for part in parts)):
        # a row prints a pair (or three) of codes, and one code stands on several rows (30101 under
        # 50101 and under 50501): each row's figures belong to every code it prints, so each code
        # column is a table of its own, a code's figures summed over its rows
        return [summed_by_code(name, cls, unit, col_names, [(ln.code, ln.name, ln) for ln in lines
                                                            if ln.code is not None], totals)], [0], None
    if len(parts) == 1:
        return [Table(name, cls, unit, tuple(col_names), tuple(lines), rels, kind, None, None)], [], None
    # one run of codes per budget unit: under a heading row that names the unit and prints its
    # figures (Xi'an), or starting over with no unit printed (a code already read comes again,
    # lower than the one before it: Beijing 预算05表).  Each run is checked on its own (a
    # unit's heading is its 合计); the table's 合计 against the runs together.
    out = []
    for number, part in enumerate(parts, 1):
        body = tuple(ln._replace(number=index + 1) for index, ln in enumerate(part))
        label = f"（{part[0].name}）" if sections else f"（第{number}段）"
        out.append(Table(f"{name}{label}", cls, unit, tuple(col_names), body, rels, None, None, None))
    out.append(_whole_of_runs(name, cls, unit, col_names, lines, kind))
    return out, [], "sections" if sections else "restarts"


def summed_by_code(name: str, cls: str, unit: str, col_names: list[str],
                   rows: list[tuple[str, str | None, Line]], totals: list[Line]) -> Table:
    """One code column of rows that print several codes: each code once, its
    figures summed over the rows that print it (page and text of its first
    row), after the table's 合计 line.  Summing keeps a tree a tree (301 over
    30101 printed twice, Xi'an); but codes that nest in a list that prints no
    类 line (30211 and its local item 3021101 on rows of their own, Beijing)
    are each their own money, no tree: codes only, not added up."""
    by_code: dict[str, list[tuple[str | None, Line]]] = {}
    for code, printed_name, line in rows:
        by_code.setdefault(code, []).append((printed_name, line))
    if _nests(by_code) and not any(len(c) == 3 for c in by_code):
        body = [Line(code, held[0][0], {}, False, index + 1, None, None, held[0][1].page, held[0][1].text,
                     held[0][1].box)
                for index, (code, held) in enumerate(by_code.items())]
        return Table(name, cls, unit, (), tuple(body), (), None, None, None)
    body = [ln._replace(number=index + 1) for index, ln in enumerate(totals)]
    for code, held in by_code.items():
        first = held[0][1]
        cells = {col: sum_of_cells([ln.cells.get(col, BLANK) for _n, ln in held]) for col in col_names}
        body.append(Line(code, held[0][0], cells, False, len(body) + 1, None, None, first.page, first.text,
                         first.box))
    return Table(name, cls, unit, tuple(col_names), tuple(body), (), None, None, None)


def repeats(lines: list[Line]) -> bool:
    """Whether a code stands on two lines."""
    codes = [ln.code for ln in lines if ln.code is not None]
    return len(set(codes)) < len(codes)


def _nests(codes) -> bool:
    """Whether a code of ``codes`` is printed with one of its parents (301 and 30101: a tree)."""
    codes = set(codes)
    return any(c[:k] in codes for c in codes for k in range(3, len(c)))


def with_kind(tables: list[Table], kind: str | None) -> list[Table]:
    """The standard table among a row's code columns: the first of the kind's
    classification that prints figures; for an economic kind (一般公共预算基本支出表)
    the column of 部门预算 economic codes (3xx) before the 政府预算 one (5xx)."""
    if kind in (None, "other") or KINDS[kind].shape not in ("functional", "economic") or \
            any(t.kind == kind for t in tables):
        return tables
    fits = [k for k, t in enumerate(tables) if t.classification == KINDS[kind].shape and t.columns]
    fits.sort(key=lambda k: not all(ln.code.startswith("3") for ln in tables[k].lines if ln.code))
    if fits:
        tables[fits[0]] = attrs.evolve(tables[fits[0]], kind=kind)
    return tables


def _whole_of_runs(name: str, cls: str, unit: str, col_names: list[str], lines: list[Line],
                   kind: str | None) -> Table:
    """A code list that starts over (one run per budget unit) as the one table
    it is: its 合计 line and the codes at the top of the runs (no code of the
    list above them), each summed over the runs that print it.  The runs are
    checked line by line on their own; this table checks the 合计 against
    them and stands for the document's table in the cross-table checks.  Its
    column relations are the runs' (checked there, not again); a finding on a
    row it shares with a run is reported once (validate)."""
    codes = {ln.code for ln in lines if ln.code is not None}
    top = [(ln.code, ln.name, ln) for ln in lines if ln.code is not None
           and not any(ln.code[:k] in codes for k in range(3, len(ln.code)))]
    whole = summed_by_code(name, cls, unit, col_names, top, [ln for ln in lines if ln.total])
    return attrs.evolve(whole, kind=kind)


def unit_heading(line: Line) -> bool:
    """A row that names a budget unit inside a coded table: no code, not the
    合计, not a 其中 row, and figures."""
    return line.code is None and not line.total and bool(line.name) and not line.name.startswith("其中") and \
        any(c.value is not None for c in line.cells.values())


def unit_sections(lines: list[Line]) -> list[list[Line]] | None:
    """A coded table printed unit by unit: each budget unit's codes under a
    row that names the unit and prints its figures, no code (Xi'an:
    "西安市安全生产监督管理局 2,080.32 …", its unit code in a column of labels).
    Two such rows at least, every code after the first of them, each unit's
    codes printed once, and some code printed again by another unit (the list
    starts over): then each section is the unit's heading, as its 合计 line,
    and its codes.  None otherwise (a 其中 row is no unit)."""
    if sum(1 for ln in lines if unit_heading(ln)) < 2 or not repeats(lines):
        return None
    sections: list[list[Line]] = []
    for line in lines:
        if unit_heading(line):
            sections.append([line._replace(total=True)])
        elif line.total:
            continue  # the table's 合计
        elif not sections or line.code is None:
            return None
        else:
            sections[-1].append(line)
    if any(len(section) < 2 or repeats(section) for section in sections):
        return None
    return sections


def restarts(lines: list[Line]) -> list[list[Line]]:
    """Runs of a code list that starts over.  Only a list that prints some
    code twice is split, and only where the codes step back (each unit's
    codes go up): a code printed twice in a row stays a duplicate."""
    codes = [ln.code for ln in lines if ln.code is not None]
    if len(set(codes)) == len(codes):
        return [lines]
    runs: list[list[Line]] = [[]]
    prev: str | None = None
    for line in lines:
        if line.code is not None and prev is not None and line.code < prev:
            runs.append([])
        runs[-1].append(line)
        if line.code is not None:
            prev = line.code
    return runs
