"""Stage 5 of the PDF reader: build.  A printed table (:class:`~govclass.readers.pdf.layout.PrintedTable`)
becomes govclass tables: its columns' roles (code columns, name columns, amount columns) from the
header checked against the body; its coded rows as :class:`~govclass.document.Line` with page and
printed text; the further code columns a row prints as tables of their own; panels printed side
by side read one after the other; a code list printed unit by unit, or starting over, as one run
per unit.  Every row that prints a code and could not be read is an ``unread-line`` problem of its
own.  (Statements, the 三公 table among them, are :mod:`govclass.readers.pdf.statements`'.)
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govclass.document import Item, Line, OtherCode, Problem, Relation, Statement, Table, parse_amount
from govclass.document.codecolumns import main_tables, unit_heading, with_kind
from govclass.readers.codeparts import are_code_parts, group_code, split_code_name
from govclass.readers.government import classification_of
from govclass.readers.headings import header_relations, of_which_relations, standard_names, unique_column_names
from govclass.readers.pdf.census import catalogued, catalogued_codes, row_code
from govclass.readers.pdf.grids import cells_by_leaf, row_box
from govclass.readers.pdf.layout import PrintedTable
from govclass.readers.pdf.settings import SETTINGS
from govclass.readers.pdf.statements import two_sided_statement
from govclass.rulebook import DECLARED, INFO, declare
from govclass.vocabulary import (FIGURE, KINDS, NO_FIGURE_MARKS, UNIT_CODE_WORDS, column_synonym, is_figure_cell,
                                 is_total_label)

__all__ = ["build", "unread_table", "OTHER_TABLE_WORDS"]

declare("unchecked-table", INFO, "reading",
        "(PDF) a table that is not a coded budget table (政府采购, 绩效目标, 会议费…): its pages and rows, not checked",
        "（PDF）非科目表（政府采购、绩效目标、会议费等）：给出页码与行数，未核对")
declare("list-restarts", INFO, "reading",
        "(PDF) a code list that starts over (one run per budget unit, units not printed): each run checked apart",
        "（PDF）科目列表重新开始（按单位分列而未印单位）：各段分别核对")
declare("unit-sections", INFO, "reading",
        "(PDF) a coded table printed unit by unit, each budget unit's codes under a row that names it: each unit "
        "checked apart against its row, the 合计 against the units together",
        "（PDF）科目表按单位分列（单位名称行下列其科目）：各单位分别核对并与单位行核对，合计按各单位之和核对")
declare("column-relation", INFO, "reading",
        "(PDF) a column relation read from the header that the table contradicts: a memo column left out, or not "
        "checked", "（PDF）表头所示栏次关系与表内数字不符：剔除备注栏后核对，或不核对")

#: Header words of tables that are not coded budget tables (绩效目标表, 政府采购…).
OTHER_TABLE_WORDS = ("绩效", "指标", "项目总额", "采购品目", "采购项目", "购买服务", "会议名称", "培训名称")

#: A row of a printed table: its cells by leaf column, its page, its band.
Row = tuple[list[str], int, object]
#: A code group: the columns of one code (类 | 款 | 项, or the one code column) and its name column.
Group = tuple[list[int], "int | None"]


def _page_span(pages: list[int]) -> str:
    """Pages 3 to 5 as "3–5", one page as "3"."""
    return f"{pages[0]}" if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"


def _unread_line(name: str, page: int, text: str, of_a_table: bool = False, box=None) -> Problem:
    """A coded row that could not be read (``of_a_table``: the whole table could not be)."""
    what = "a coded row of a table govclass could not read" if of_a_table else "a coded row could not be read"
    return Problem("unread-line", "error", name, f"page {page}: {what}: {text[:80]!r}",
                   f"第 {page} 页：无法读取的科目行：{text[:80]}", None, page, text[:120], box)



def build(table: PrintedTable, unit: str, problems: list[Problem], catalog,
          listed: "dict[int, Table] | None" = None) -> tuple[int, list[Table] | None, Statement | None]:
    """A printed table as govclass tables (the main coded table, and tables
    of the further code columns a row prints) or a statement; and how many
    coded rows it prints.  A table whose header names no budget table's columns
    (绩效目标, 政府采购…) is marked ``other`` on the way (the census leaves its rows out)."""
    name = table.name
    rows = [(cells_by_leaf(band, table.edges), page, band) for page, band in table.rows]
    if not rows:
        empty = _empty_table(table, unit)
        return 0, [empty] if empty is not None else None, None
    texts = [cells for cells, _page, _band in rows]
    if table.kind is None and any(word in "".join(table.header) for word in OTHER_TABLE_WORDS):
        table.kind = "other"  # a table that is not a coded budget table, known by its header
    elif table.kind == "other" and _coded_header(table.header) and not any(
            word in "".join(table.header) for word in OTHER_TABLE_WORDS):
        table.kind = None  # codes and their names under a title of another kind (政府采购预算表 by 类/款/项, Yantai)
    kind_def = KINDS.get(table.kind) if table.kind not in (None, "other") else None
    if kind_def is not None and kind_def.shape == "statement":
        return 0, None, two_sided_statement(table, name, unit, rows, kind_def)
    roles = _columns_roles(table, texts, catalog) if table.kind != "other" else None
    if roles is None:
        return _no_roles(table, name, rows, problems, catalogued_codes(catalog.year))
    code_cols, name_cols, amount_cols = roles
    labels = [table.header[k] if k < len(table.header) else "" for k in range(len(table.edges) - 1)]
    col_names = unique_column_names(labels, amount_cols)
    if kind_def is not None and not isinstance(kind_def.columns, dict):
        col_names = _standard_names(col_names, kind_def.columns)
    groups = _code_groups(code_cols, name_cols, labels, texts)
    panels = _panels(groups, amount_cols)
    if panels is not None:
        return _panel_tables(table, name, unit, rows, panels, labels, problems, catalog)
    read = _Coded(name, groups, name_cols, amount_cols, col_names, catalog)
    for cells, page, band in rows:
        read.row(cells, page, problems, row_box(band))
    out, summed = _tables(read, table, name, unit, labels, [labels[k] for k in amount_cols], col_names, problems)
    if listed is not None:
        # the census of coded rows (census.py) pairs a row that prints several codes once: to it a
        # table of codes summed over such rows is the list of the codes it stands for
        for index in summed:
            listed[id(out[index])] = attrs.evolve(out[index], columns=(), lines=tuple(
                ln._replace(cells={}) for ln in out[index].lines if ln.code))
    return read.printed, out, None


def _no_roles(table: PrintedTable, name: str, rows: list[Row], problems: list[Problem], classes
              ) -> tuple[int, None, None]:
    """A table with no code column or no amount column: its coded rows (a code of the catalog
    starts the row, census.row_code; an amount is never a code) are unread lines; a table that is
    no budget table is said to be not checked."""
    unit_cols = {k for k, label in enumerate(table.header) if any(w in label for w in UNIT_CODE_WORDS)}
    coded_rows = [(cells, page) for cells, page, _band in rows if row_code(cells, classes, unit_cols)]
    if coded_rows and table.kind != "other":
        for cells, page in coded_rows:
            problems.append(_unread_line(name, page, " ".join(c for c in cells if c), of_a_table=True))
        return len(coded_rows), None, None
    if table.kind == "other":
        pages = sorted({page for _cells, page, _band in rows})
        where = _page_span(pages)
        problems.append(Problem(
            "unchecked-table", "info", name,
            f"pages {where}: {name} is not a coded budget table (政府采购, 绩效目标, 会议费…); its {len(rows)} rows "
            f"are not checked", f"第 {where} 页：{name}不是科目表（政府采购、绩效目标、会议费等），其 {len(rows)} 行未核对",
            None, pages[0], None))
    return 0, None, None


def _empty_table(table: PrintedTable, unit: str) -> Table | None:
    """A coded table printed empty: no row but its 合计, whose cells are blank, so that the 合计 was read
    as the header's last tier (its label under the code and name columns: 功能分类科目名称/合计).
    The table with its 合计 line, every figure blank (a blank is no value), or None."""
    kind_def = KINDS.get(table.kind) if table.kind not in (None, "other") else None
    labels = list(table.header)
    labels_of_codes = [k for k, label in enumerate(labels) if any(w in label for w in ("编码", "名称", "代码"))]
    if kind_def is None or kind_def.shape not in ("functional", "economic") or not labels_of_codes or \
            not all(labels[k].endswith("/合计") for k in labels_of_codes if "名称" in labels[k]) or \
            not any("名称" in labels[k] for k in labels_of_codes):
        return None
    amount_cols = [k for k, label in enumerate(labels) if label and k not in labels_of_codes]
    col_names = unique_column_names([label.removesuffix("/合计") if k in labels_of_codes else label
                                     for k, label in enumerate(labels)], amount_cols)
    if not isinstance(kind_def.columns, dict):
        col_names = _standard_names(col_names, kind_def.columns)
    total = Line(None, "合计", {c: parse_amount(None) for c in col_names}, True, 1, None, None, table.page, "合计")
    return Table(table.name, kind_def.shape, unit, tuple(col_names), (total,), (), table.kind, None, None)


def _coded_header(header: list[str]) -> bool:
    """A coded table's header: a column of codes (科目编码, 类/款/项) and one of their names (科目名称)."""
    return any(w in label for label in header for w in ("科目编码", "科目代码")) and any(
        "科目名称" in label for label in header)


def _figure_or_percent(cell: str) -> bool:
    """A cell of a column of figures: a figure, a mark in its place, or a percentage (88. 2%, 完成预算%: a
    column of kind percentage, read and kept, never summed; document.column_kind)."""
    return is_figure_cell(cell) or is_figure_cell(cell.replace(" ", "").rstrip("%％"))


def _catalogued_column(label: str, printed: list[str], catalog) -> bool:
    """A column headed 科目 (not 科目名称) whose figures are codes of the catalog (501, 50101): a
    column of codes printed as plain numbers, beside amounts printed the same way (whole 万元, a
    government report), so digits alone cannot tell the two apart."""
    if catalog is None or "科目" not in label or "名称" in label:
        return False
    classes = catalogued_codes(catalog.year)
    codes = [v.strip() for v in printed if v.strip().isdigit() and len(v.strip()) >= 3]
    known = [c for c in codes if c in classes.codes]
    return len(known) >= SETTINGS.figure_column_share * len(printed)


def _columns_roles(table: PrintedTable, rows: list[list[str]], catalog=None
                   ) -> tuple[list[int], list[int], list[int]] | None:
    """Code columns, name columns and amount columns of a coded table (by
    the header, checked against the body)."""
    settings = SETTINGS
    code_cols, name_cols, amount_cols = [], [], []
    for index in range(len(table.edges) - 1):
        label = table.header[index] if index < len(table.header) else ""
        if any(w in label for w in UNIT_CODE_WORDS):
            name_cols.append(index)  # unit codes and names: the row's label, not a classification code
            continue
        printed = [r[index] for r in rows if r[index]]
        if not printed:
            if any(w in label for w in ("名称", "科目", "项目")) and not any(
                    w in label for w in ("编码", "代码")) and not label.endswith(("类", "款", "项")):
                name_cols.append(index)
            else:
                amount_cols.append(index)
            continue
        codes = sum(1 for v in printed if split_code_name(v)[0] is not None)
        figures = sum(1 for v in printed if _figure_or_percent(v))
        if figures >= settings.figure_column_share * len(printed) and not (
                any(w in label for w in ("编码", "代码")) or label.endswith(("/类", "/款", "/项")) or
                label in ("类", "款", "项") or _catalogued_column(label, printed, catalog)):
            amount_cols.append(index)
        elif codes >= settings.code_column_share * len(printed):
            code_cols.append(index)
        else:
            name_cols.append(index)
    if not code_cols or not amount_cols:
        return None
    return code_cols, name_cols, amount_cols


def _code_groups(code_cols: list[int], name_cols: list[int], labels: list[str], texts: list[list[str]]
                 ) -> list[Group]:
    """The code groups: adjacent code columns (类/款/项 split) form one code; a code column followed by
    its name column forms one (code, name) group."""
    groups: list[Group] = []
    current: list[int] = []
    for column in sorted(code_cols + name_cols):
        if column in code_cols:
            if current and current[-1] == column - 1 and all(c in code_cols for c in current) and \
                    are_code_parts(labels, current + [column], texts):
                current.append(column)
            else:
                if current:
                    groups.append((current, None))
                current = [column]
        else:
            if current:
                groups.append((current, column))
                current = []
            elif groups and groups[-1][1] is None:
                groups[-1] = (groups[-1][0], column)
            elif not groups:
                groups.append(([], column))
    if current:
        groups.append((current, None))
    return [g for g in groups if g[0]]


class _Coded:
    """The rows of a coded table read one by one: its lines (codes of the main group), the codes the
    further groups print on each line, how many coded rows it prints."""

    def __init__(self, name: str, groups: list[Group], name_cols: list[int], amount_cols: list[int],
                 col_names: list[str], catalog) -> None:
        self.name, self.groups, self.catalog = name, groups, catalog
        self.name_cols, self.amount_cols, self.col_names = name_cols, amount_cols, col_names
        self.lines: list[Line] = []
        self.by_group: list[list[tuple[str, str | None, Line]]] = [[] for _ in groups[1:]]  # (code, name, row)
        self.printed = 0
        self.last: dict = {3: None, 5: None}  # the last 类 and 款 read

    def row(self, cells: list[str], page: int, problems: list[Problem], box=None) -> None:
        main = self.groups[0]
        text = " | ".join(c for c in cells if c)
        code, printed_name = group_code(cells, main, self.last, self.catalog)
        figures = {}
        for index, column in zip(self.amount_cols, self.col_names):
            value = cells[index].replace(" ", "")
            figures[column] = parse_amount(None if value in NO_FIGURE_MARKS or not value else value)
        if code is None:
            self._uncoded(cells, page, text, figures, problems, box)
            return
        self.printed += 1
        line = Line(code, printed_name or None, figures, False, len(self.lines) + 1, None, None, page, text[:120], box)
        self.lines.append(line)
        for group, rows_of in zip(self.groups[1:], self.by_group):
            other, other_name = group_code(cells, group, {3: None, 5: None}, self.catalog)
            if other is not None:
                rows_of.append((other, other_name or None, line))

    def _uncoded(self, cells: list[str], page: int, text: str, figures: dict, problems: list[Problem],
                 box=None) -> None:
        """A row with no code read: a coded row not read, the 合计, a labelled row of figures, or nothing."""
        main = self.groups[0]
        label = " ".join(cells[k] for k in self.name_cols if cells[k])
        if not label:  # a merged cell over the code columns (合计)
            label = next((cells[k] for k in sorted(main[0] + self.name_cols) if cells[k] and
                          not is_figure_cell(cells[k])), "") or \
                next((cells[k] for k in range(len(cells)) if k not in self.amount_cols and
                      is_total_label(cells[k])), "")
        classes = catalogued_codes(self.catalog.year)
        if any(catalogued(split_code_name(cells[k])[0] or "", classes) and split_code_name(cells[k])[0]
               for k in main[0]) or row_code(cells, classes, skip=set(self.amount_cols)):
            # a code in its column, or starting the row (a figure printed bare, 2780860, is no code)
            self.printed += 1
            problems.append(_unread_line(self.name, page, text, box=box))
            return
        shows = any(not c.blank for c in figures.values())
        if is_total_label(label or "") or (not label and shows and not self.lines):
            self.lines.append(Line(None, "合计", figures, True, len(self.lines) + 1, None, None, page, text[:120], box))
        elif label and shows:
            self.lines.append(Line(None, label, figures, False, len(self.lines) + 1, None, None, page, text[:120], box))


def _tables(read: _Coded, table: PrintedTable, name: str, unit: str, labels: list[str], amount_labels: list[str],
            col_names: list[str], problems: list[Problem]) -> tuple[list[Table], list[int]]:
    """The tables a coded table's lines give (see :func:`_runs`), and the further code columns' tables;
    and which of them are codes summed over the rows that print them (by position)."""
    lines = read.lines
    # functional or economic: by the codes (2xx functional, 3xx/5xx economic)
    cls = _classification([ln.code for ln in lines if ln.code], table.title + "".join(labels))
    kind = table.kind if table.kind not in (None, "other") and KINDS[table.kind].shape in ("functional", "economic") \
        else None
    if kind is not None and KINDS[kind].shape != ("functional" if cls == "revenue" else cls):  # a 收入 table by revenue
        kind = None
    rels = header_relations(amount_labels, col_names)
    rels = _relations_that_hold(rels, lines, name, problems, table.page) + _whole_of_which(
        amount_labels, col_names, rels, lines)
    totals = [ln for ln in lines if ln.total]
    lines = _one_unit_total(lines)
    out, summed = _runs(name, cls, unit, col_names, lines, rels, kind, len(read.groups) > 1, totals, problems)
    if any(read.by_group):
        # rows that print codes of other classifications (政府经济 beside 部门经济, 功能 | 政府经济 | 部门经济):
        # kept as printed, each line carrying its other codes; validation checks the sums per code column
        # (govclass.document.codecolumns.checked_tables)
        others: dict[int, list[OtherCode]] = {}
        for group, rows_of in zip(read.groups[1:], read.by_group):
            column = labels[group[0][0]] or None
            other_cls = _classification([c for c, _n, _l in rows_of], labels[group[0][0]])
            for code, other_name, line in rows_of:
                others.setdefault(line.number, []).append(OtherCode(other_cls, code, other_name, column))
        printed = tuple(ln._replace(others=tuple(others.get(ln.number, ()))) for ln in lines)
        shapes = {cls} | {o.classification for more in others.values() for o in more}
        # the standard kind, when one of its code columns is of its classification (checked_tables puts it there)
        kind_printed = table.kind if table.kind in KINDS and KINDS[table.kind].shape in shapes else None
        return [Table(name, cls, unit, tuple(col_names), printed, rels, kind_printed, None, None)], []
    return with_kind(out, table.kind), summed


def _runs(name: str, cls: str, unit: str, col_names: list[str], lines: list[Line], rels: tuple[Relation, ...],
          kind: str | None, more_codes: bool, totals: list[Line], problems: list[Problem]
          ) -> tuple[list[Table], list[int]]:
    """The main code column's tables (govclass.document.codecolumns.main_tables: one table; a table of
    codes summed over the rows that print them; or one table per run of a list printed unit by unit,
    and the whole), and which are summed codes (by position); a list split into runs is said
    (unit-sections, list-restarts)."""
    out, summed, split = main_tables(name, cls, unit, col_names, lines, rels, kind, more_codes, totals)
    page = lines[0].page if lines else None
    parts = len(out) - 1
    if split == "sections":
        problems.append(Problem(
            "unit-sections", "info", name,
            f"page {page}: the table lists {parts} budget units, each under a row that names it: "
            f"each unit's codes checked on their own against its row; the 合计 line against the units together",
            f"第 {page} 页：表中按单位分列 {parts} 个单位（单位名称行）：各单位科目分别核对并与单位行"
            f"核对；合计行按各单位之和核对", None, page, None))
    elif split == "restarts":
        problems.append(Problem(
            "list-restarts", "info", name,
            f"page {page}: the code list starts over {parts - 1} time(s) (one run per budget unit?); "
            f"each run checked on its own; the 合计 line against the sum of the runs' top codes",
            f"第 {page} 页：科目列表重新开始 {parts - 1} 次（疑为按单位分列）；各段分别核对，"
            f"合计行按各段最上级科目之和核对",
            None, page, None))
    return out, summed


def _standard_names(names: list[str], standard: tuple[str, ...]) -> list[str]:
    """The printed column names as the standard table's (govclass.readers.headings), synonyms from the vocabulary."""
    return standard_names(names, standard, column_synonym)


def _fails(rel: Relation, lines: list[Line]) -> tuple[int, int]:
    """On how many lines (of those that print every figure) ``rel`` fails
    beyond rounding, and how many lines could be tested."""
    bad = tested = 0
    for line in lines:
        cells = [line.cells.get(c) for c in (rel.total, *rel.parts)]
        if any(c is None or c.value is None for c in cells):
            continue
        tested += 1
        total, parts = cells[0], cells[1:]
        tolerance = sum((Decimal(5).scaleb(-(c.decimals + 1)) for c in cells), Decimal(0))
        if abs(total.value - sum((c.value for c in parts), Decimal(0))) > tolerance:
            bad += 1
    return bad, tested


def _whole_of_which(labels: list[str], names: list[str], rels: tuple[Relation, ...], lines: list[Line]
                    ) -> tuple[Relation, ...]:
    """A 合计/小计 column beside a 其中 heading over two or more columns (小计 |
    其中: 基本支出 | 项目支出, Fuzhou p. 12): "of which" need not be the whole,
    so the header alone gives no relation.  It is one where the table shows
    it: the parts add up to the total on every line that prints them all
    (three lines at least).  Checked then like any other relation."""
    out = []
    for rel in of_which_relations(labels, names):
        bad, tested = _fails(rel, lines)
        if bad == 0 and tested >= SETTINGS.of_which_min_lines and not any(r.total == rel.total for r in rels):
            out.append(rel)
    return tuple(out)


def _relations_that_hold(rels: tuple[Relation, ...], lines: list[Line], name: str, problems: list[Problem],
                         page: int) -> tuple[Relation, ...]:
    """A relation read from the header is checked against the table itself.
    A part that is a memo column (政府采购 "of which" figures beside the
    parts) shows itself: on every line where the relation fails, and on at
    least two, the excess is exactly that column; the relation is checked
    without it.  A relation that fails on most lines with no such column is
    a misreading of the header: dropped.  Either way the report says so
    (column-relation, info)."""
    out = []
    for rel in rels:
        bad, tested = _fails(rel, lines)
        if bad == 0 or tested < 2:
            out.append(rel)
            continue
        fixed = None
        for drop in rel.parts:
            parts = tuple(p for p in rel.parts if p != drop)
            if len(parts) >= 2 and bad >= 2 and _fails(Relation(rel.total, parts), lines)[0] == 0:
                fixed = Relation(rel.total, parts)
                break
        if fixed is None and bad * 2 <= tested:
            out.append(rel)  # fails on a few lines: what the document prints, reported by the rules
            continue
        if fixed is not None:
            out.append(fixed)
        problems.append(Problem(
            "column-relation", "info", name,
            f"page {page}: the header reads as {rel.total} = {' + '.join(rel.parts)}, but that fails on {bad} of "
            f"{tested} lines; " + (f"checked as {fixed.total} = {' + '.join(fixed.parts)}" if fixed else "not checked"),
            f"第 {page} 页：表头读作 {rel.total} = {' + '.join(rel.parts)}，但 {tested} 行中 {bad} 行不成立；"
            + (f"改按 {fixed.total} = {' + '.join(fixed.parts)} 核对" if fixed else "未核对该栏次关系"),
            None, page, None))
    return tuple(out)


def _one_unit_total(lines: list[Line]) -> list[Line]:
    """A table that prints no 合计 line and one row naming a budget unit,
    above every code (Shenzhen: "深圳市发展和改革委员会（本级） 1,273,725.18 …",
    a department of one unit): that row is the table's total."""
    if any(ln.total for ln in lines) or not lines or not unit_heading(lines[0]) or \
            any(unit_heading(ln) for ln in lines[1:]) or not any(ln.code for ln in lines[1:]):
        return lines
    return [lines[0]._replace(total=True), *lines[1:]]


def _panels(groups: list[Group], amount_cols: list[int]) -> list[tuple[Group, list[int]]] | None:
    """Panels printed side by side (公开06表: 人员经费 codes and figures on the
    left, 公用经费 on the right): code groups each followed by figure columns
    of their own.  None when the figures come only after the last group
    (one row that prints several codes)."""
    if len(groups) < 2:
        return None
    starts = [min(g[0]) for g in groups] + [10 ** 6]
    out = []
    for group, following in zip(groups, starts[1:]):
        end = max(group[0] + ([group[1]] if group[1] is not None else []))
        out.append((group, [k for k in amount_cols if end < k < following]))
    return out if sum(1 for _g, cols in out if cols) >= 2 else None


def _panel_totals(rows: list[Row], first_column: str) -> tuple[list[Row], list[Item]]:
    """The panels' 合计 rows (人员经费合计 … 公用经费合计 …), each label with the first figure to its
    right, as items; and the other rows."""
    totals: list[Item] = []
    body = []
    for cells, page, band in rows:
        if any(c and not is_figure_cell(c) and is_total_label(c) for c in cells) and not any(
                split_code_name(c)[0] for c in cells if c):
            label = None
            for cell in cells:
                if cell and not is_figure_cell(cell):
                    label = cell
                elif cell and label is not None:
                    totals.append(Item(label, {first_column: parse_amount(cell.replace(" ", ""))}, None, None, None,
                                       page, " ".join(x for x in cells if x)[:120], row_box(band)))
                    label = None
            continue
        body.append((cells, page, band))
    return body, totals


def _panel_tables(table: PrintedTable, name: str, unit: str, rows: list[Row], panels, labels: list[str],
                  problems: list[Problem], catalog) -> tuple[int, list[Table], Statement | None]:
    """The panels of a side-by-side table read one after the other, as one
    table: each panel's lines with the figures of its own columns (named
    as the first panel's).  A panel's 合计 rows (人员经费合计, 公用经费合计)
    become a statement of their own."""
    col_names = unique_column_names(labels, panels[0][1])
    if table.kind in KINDS and not isinstance(KINDS[table.kind].columns, dict):
        col_names = _standard_names(col_names, KINDS[table.kind].columns)  # type: ignore[arg-type]
    rows, totals = _panel_totals(rows, col_names[0])
    lines: list[Line] = []
    printed = 0
    for group, cols in panels:
        last: dict = {3: None, 5: None}
        own = [*group[0], *([group[1]] if group[1] is not None else [])]
        for cells, page, band in rows:
            text = " | ".join(c for c in [*(cells[k] for k in group[0]), cells[group[1]] if group[1] is not None
                                          else "", *(cells[k] for k in cols)] if c)
            code, printed_name = group_code(cells, group, last, catalog)
            figures = {c: parse_amount(None if not cells[k].replace(" ", "") or cells[k].strip() in NO_FIGURE_MARKS
                                       else cells[k].replace(" ", "")) for c, k in zip(col_names, cols)}
            if code is None:
                label = next((cells[k] for k in own if cells[k] and not is_figure_cell(cells[k])), "")
                if any(split_code_name(cells[k])[0] for k in group[0]):
                    printed += 1
                    problems.append(_unread_line(name, page, text, box=row_box(band)))
                elif label and is_total_label(label):
                    totals.append(Item(label, figures, None, None, None, page, text[:120], row_box(band)))
                continue
            printed += 1
            lines.append(Line(code, printed_name or None, figures, False, len(lines) + 1, None, None, page, text[:120],
                              row_box(band)))
    cls = _classification([ln.code for ln in lines if ln.code], table.title + "".join(labels))
    kind = table.kind if table.kind in ("final-06", "gpb-basic") else None
    built = Table(name, cls, unit, tuple(col_names), tuple(lines), (), kind, None, None)
    statement = Statement(name + "（合计行）", "final-06-totals", unit, {"": tuple(col_names)}, tuple(totals), None,
                          None) if totals else None
    return printed, [built], statement


def _classification(codes: list[str], text: str) -> str:
    """Revenue codes start with 1 (a 收入 table of a 决算 may print them: issue 26), functional ones with 2,
    economic ones with 3 or 5: the codes decide; the header words only when there are none."""
    if codes:
        if classification_of(codes) == "revenue":
            return "revenue"
        economic = sum(1 for c in codes if c[:1] in ("3", "5"))
        return "economic" if economic > len(codes) / 2 else "functional"
    return "economic" if "经济" in text and "功能" not in text else "functional"


def named_rows_table(table: PrintedTable, unit: str, problems: list[Problem]) -> Table | None:
    """A table of amounts whose rows carry no code, only names (部门预算基本支出预算表 by budget unit, then
    by economic class, as Guangzhou prints it): a table of named lines (no code) with its 合计 line, its
    figures in the columns its header names, and the column relations the header gives that the table
    holds; the validator checks its 合计 against its rows by name (govclass.validation.rules.named).
    None when it is not one: no column of names, no column of figures, no 合计 row."""
    rows = [(cells_by_leaf(band, table.edges), page, band) for page, band in table.rows]
    width = len(table.edges) - 1
    if not rows or width < 2:
        return None

    def share(column: int, test) -> float:
        printed = [cells[column] for cells, _page, _band in rows if column < len(cells) and cells[column].strip()]
        return sum(1 for c in printed if test(c)) / len(printed) if printed else 0.0

    label_k = next((col for col in range(width) if share(col, lambda c: not is_figure_cell(c)) >= 0.5), None)
    if label_k is None:
        return None
    amount_cols = [col for col in range(label_k + 1, width) if share(col, is_figure_cell) >= 0.8]
    if not amount_cols:
        return None
    labels = [table.header[col] if col < len(table.header) else "" for col in range(width)]
    col_names = unique_column_names(labels, amount_cols)
    lines: list[Line] = []
    for cells, page, band in rows:
        label = cells[label_k].strip()
        figures = {column: parse_amount(None if not cells[col].replace(" ", "") or cells[col].strip() in NO_FIGURE_MARKS
                                        else cells[col].replace(" ", "")) for col, column in zip(amount_cols, col_names)}
        if not label and all(c.blank for c in figures.values()):
            continue
        text = " | ".join(c for c in cells if c)[:120]
        lines.append(Line(None, label or None, figures, is_total_label(label), len(lines) + 1, None, None, page, text,
                          row_box(band)))
    if not any(ln.total for ln in lines) or any(c.invalid for ln in lines for c in ln.cells.values()):
        return None  # no 合计, or words where the figures stand (a header printed again, a reading astray): unread
    rels = header_relations([labels[col] for col in amount_cols], col_names)
    rels = _relations_that_hold(rels, lines, table.name, problems, table.page)
    return Table(table.name, "functional", unit, tuple(col_names), tuple(lines), rels, None, None, None)


def unread_table(table: PrintedTable) -> list[Problem]:
    """A table that prints amounts yet gives no table, no statement and no
    problem of its own (its rows carry no code, and neither its title nor its
    header says how to read them): reported as ``unreadable-table`` with its
    pages and first row, so that it is never dropped without a word.  Text
    with no amount (a framed paragraph, a list of the tables) is no table."""
    if not any(FIGURE.match(x.replace(" ", "")) and ("." in x or "," in x) for _page, band in table.rows
               for x in band.texts()):
        return []
    printed = [(page, " ".join(c for c in band.texts() if c)) for page, band in table.rows]
    printed = [(page, text) for page, text in printed if text]
    name = table.name
    pages = sorted({page for page, _x in printed})
    where = _page_span(pages)
    first = printed[0][1][:80]
    return [Problem("unreadable-table", DECLARED["unreadable-table"].severity, name,
                    f"pages {where}: {name} prints {len(printed)} rows that govclass could not read as any table it "
                    f"knows (first: {first!r}); not checked",
                    f"第 {where} 页：{name}有 {len(printed)} 行，无法按已知表格读取（首行：{first}），未核对",
                    None, pages[0], first)]
