"""The tables of a workbook, read cell by cell.

A worksheet is a grid already: every figure stands in its column, a blank
cell is blank.  This module reads the budget tables from the cells
(govclass.readers.sheets reads the cells):

1. blocks: a sheet is cut at its title rows (a row whose one text names a
   standard table, by the reviewed vocabulary in
   ``govclass/data/table_titles.yaml``, or reads as a table's title); a
   sheet whose table has no title row is named by the sheet;
2. in each block, the unit line (单位：元 / 万元) and the 编制单位 line; the
   header rows (column headings: words, no code, no figure, no numbered
   label) down to the first data row; each column's label is the header
   cells above it joined by "/" (本年支出/基本支出), a merged header cell
   standing over every column it spans;
3. the columns' roles: the parts of a code (类 | 款 | 项, printed "205 | 02 |
   05", a blank 类 carried from the row above: govclass.readers.codeparts,
   the rule the PDF reader uses), a code column, a name column, amount
   columns;
4. rows: a coded row becomes a :class:`~govclass.document.Line` (its Excel
   row as ``source_line``, its sheet's position in the workbook, 1-based, as
   ``page``, its cells as printed as ``text``); a row that
   prints a code and cannot be read is an ``unread-line`` error with its
   sheet and row (a workbook with one never passes); a template's
   placeholders (…, x,xxx, XXX) are ``placeholder-row`` findings, never
   figures, codes or duplicates; the document's ``coverage`` counts the
   coded rows printed and read.

Hidden sheets are not part of what a reader of the workbook sees: they are
not read, and each is reported (``hidden-sheet``), with the coded rows it
holds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import attrs

from govclass.document import (BLANK, GOVERNMENT_FINAL, Document, Item, Line, Problem, Relation, Statement, Table,
                               parse_amount)
from govclass.errors import InputError
from govclass.limits import MAX_VALUES
from govclass.readers.codeparts import PART_HEADINGS, are_code_parts, group_code, split_code_name
from govclass.readers.government import classification_of, document_form, finish_tables, table_facts
from govclass.readers.headings import header_relations, standard_names, unique_column_names
from govclass.readers.sangong import is_sangong_title, sangong_statement
from govclass.rulebook import DECLARED, ERROR, INFO, WARNING, declare
from govclass.vocabulary import (BUDGET_KINDS, DASHES, ENUMERATED_LABEL, FIGURE, FINAL_KINDS, KINDS, NO_FIGURE_MARKS,
                                 NUMBERING_CELL_ROWS, SENTENCE_NO_ASCII_COMMA, TITLE_END, UNIT_CODE_WORDS, UNIT_LINE,
                                 column_synonym, fold_heading, fold_label, fold_title, is_figure_cell, is_total_name,
                                 title_kind)

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from govclass.readers.sheets import Sheet

__all__ = ["workbook_document"]

declare("placeholder-row", WARNING, "reading",
        "(XLSX) rows of a template left in a table: cells that hold a placeholder (…, x,xxx, XXX) instead of a "
        "code, a name or a figure; sheet and rows given, not read as figures",
        "（XLSX）表中留有模板占位内容（…、x,xxx、XXX）而非科目编码、名称或数字：给出工作表与行号，不作数字读取")
declare("formula-not-calculated", ERROR, "reading",
        "(XLSX) formula cells saved without their values (the workbook was never recalculated): their figures cannot "
        "be read; sheet and cells given", "（XLSX）公式单元格未保存计算结果（工作簿未重新计算）：其数字无法读取；给出工作表与单元格")
declare("external-link", WARNING, "reading",
        "(XLSX) figures that are values cached from another workbook (an external link): that workbook's figures "
        "when this one was last saved, not necessarily now; the link and the cells given",
        "（XLSX）数字为引用其他工作簿（外部链接）的缓存值：是本工作簿上次保存时对方的数字，未必是现在的数字；给出链接与单元格")
declare("hidden-cells", INFO, "reading",
        "(XLSX) hidden rows or columns of a sheet: not what a reader of the workbook sees (nor what it prints), not "
        "read; the rows and columns and the coded rows among them given",
        "（XLSX）工作表中的隐藏行或列：读者看不到（也不打印），未读取；给出行列及其中的科目行数")
declare("hidden-sheet", INFO, "reading",
        "(XLSX) a hidden sheet: not what a reader of the workbook sees, not read; the coded rows it holds are counted",
        "（XLSX）隐藏的工作表：读者看不到，未读取；给出其中的科目行数")

_META = ("编制单位", "编制部门", "填报单位", "单位名称", "部门名称", "预算主管部门", "预算单位：", "部门：")
#: A template's placeholder: an ellipsis, or x's standing for digits or words (x,xxx  XXX  xx.xx).
_PLACEHOLDER = re.compile(r"^(?:[…⋯.．·]{2,}|…|[xX×]{1,3}(?:[,，][xX×]{3})*(?:\.[xX×]+)?|[xX]{2,}[^\d]{0,6})$")
_LEADERS = re.compile(r"…{2,}|\.{4,}|·{4,}")
#: A cell that starts with what reads as a code or a part of one ("205", "02", "[30101]", "2O5" does not).
_PRINTS_CODE = re.compile(r"^[\[【［]?\d{2,9}(?![\d.,])")
_NAME_WORDS = ("名称", "项目", "科目", "摘要")
_norm = fold_heading


def _is_figure(text: str) -> bool:
    return is_figure_cell(text, marks=DASHES)  # a slash in a workbook's cell is text


_MAYBE_PLACEHOLDER = re.compile(r"[…⋯.．·xX×、)）]")


def _is_placeholder(text: str) -> bool:
    """A template's placeholder: "…", "x,xxx", "XXX", or a numbered slot
    left empty ("二、…", "三、")."""
    if not _MAYBE_PLACEHOLDER.search(text) or FIGURE.match(text):
        return False  # most cells: a figure, a code, a name
    t = _norm(text)
    label = fold_label(t)
    return bool(t) and (bool(_PLACEHOLDER.match(label)) or not label)


def _is_code(text: str) -> bool:
    code, _name = split_code_name(text)
    return code is not None and len(code) >= 3


def _problem(rule: str, table: str, en: str, zh: str, row: int | None, text: str | None = None,
             sheet: int | None = None) -> Problem:
    """A Problem at ``row`` of the workbook's ``sheet``-th sheet (its ``page``)."""
    return Problem(rule, DECLARED[rule].severity, table, en, zh, row, sheet, text)


# -- blocks: a title, its meta lines, header rows and body rows -------------------------------

class _Block:
    """One table of a sheet being read."""

    def __init__(self, sheet: str, page: int, title: str, row: int, kind: str | None):
        self.sheet = sheet
        self.page = page  # the sheet's position in the workbook (1-based): the page of its lines and findings
        self.title = title
        self.row = row  # where the title (or the table) starts
        self.kind = kind
        self.unit: str | None = None
        self.header: list[int] = []  # Excel rows of the header
        self.body: list[int] = []  # Excel rows after the header
        self.note: str | None = None  # a note printed with the table ("注：若为空表……")


def _texts(cells: list[str]) -> list[str]:
    return [c.strip() for c in cells if c.strip()]


def _title_of(cells: list[str], final: bool) -> tuple[str, str | None] | None:
    """(title, kind) when a row is a table's title: one text, short, not a
    sentence nor a line of the table of contents, naming a standard table or
    reading as a title."""
    texts = _texts(cells)
    if not 1 <= len(texts) <= 2:
        return None
    texts = [t for t in texts if fold_title(t)]  # a table number beside the title ("公开01表") aside
    if len(texts) != 1:
        return None
    t = texts[0]
    flat = _norm(t)
    if not 4 <= len(flat) <= 70 or _LEADERS.search(t) or SENTENCE_NO_ASCII_COMMA.search(flat) or flat.startswith(_META):
        return None
    kind = title_kind(t, final)
    if kind is None and not TITLE_END.search(flat):
        return None
    return t, kind


def _is_meta(cells: list[str]) -> bool:
    """A unit line or a 编制单位 line (possibly both on one row)."""
    texts = _texts(cells)
    if not texts:
        return False
    if all(UNIT_LINE.search(_norm(t)) or _norm(t).startswith(_META) for t in texts):
        return True
    return any(UNIT_LINE.search(_norm(t)) for t in texts) and not any(_is_figure(t) or _is_code(t) for t in texts)


def _is_header_row(cells: list[str]) -> bool:
    """Column headings only: no figure, no code, no placeholder, no numbered
    label (一、财政拨款收入), and not a total row standing alone."""
    texts = _texts(cells)
    if not texts:
        return False
    if len(texts) == 1 and is_total_name(texts[0]) or _is_total_row(cells):
        return False
    return all(not _is_figure(t) or NUMBERING_CELL_ROWS.match(t) for t in texts) and not any(
        _is_code(t) or _is_placeholder(t) or ENUMERATED_LABEL.match(t) for t in texts)


def _is_total_row(cells: list[str]) -> bool:
    """A 合计 row: a total's name in the code or the name column (the first two) and figures beside it.
    Its figures may be small whole numbers (合计 | 5 | 5 | 0), which a header's column numbering
    (栏次 | 1 | 2 | 3) also prints: the total's name at the left tells them apart."""
    shown = [(k, c.strip()) for k, c in enumerate(cells) if c.strip()]
    if not shown or shown[0][0] > 1 or not is_total_name(shown[0][1]):
        return False
    return any(_is_figure(t) for _k, t in shown[1:])


def _blocks(sheet: Sheet, page: int, final: bool) -> list[_Block]:
    blocks: list[_Block] = []
    cur: _Block | None = None
    for i, cells in enumerate(sheet.rows):
        row = i + 1
        if not _texts(cells):
            continue
        title = _title_of(cells, final)
        if title is not None and (cur is None or cur.body or cur.header or title[1] is not None):
            cur = _Block(sheet.name, page, title[0], row, title[1])
            blocks.append(cur)
            continue
        if cur is None:
            if not (_is_header_row(cells) and len(_texts(cells)) >= 2) and not _is_meta(cells):
                continue  # the text of a narrative sheet, a table number ("公开01表") above the title
            cur = _Block(sheet.name, page, sheet.name.strip(), row, title_kind(sheet.name, final))
            blocks.append(cur)
        if len(_texts(cells)) == 1 and _norm(_texts(cells)[0]).startswith(("注:", "注：", "说明:", "说明：")):
            cur.note = _texts(cells)[0] if cur.note is None else f"{cur.note} {_texts(cells)[0]}"
            continue
        if not cur.body and (_is_meta(cells) or not cur.header and len(_texts(cells)) == 1):
            # a unit line, a 编制单位 line, or a caption above the header ("[177]某局"): no row of the table
            m = next((m for t in _texts(cells) for m in [UNIT_LINE.search(_norm(t))] if m), None)
            cur.unit = cur.unit or (m.group(1) if m else None)
            continue
        if not cur.body and _is_header_row(cells):
            cur.header.append(row)
        else:
            cur.body.append(row)
    return blocks


def _grid(sheet: Sheet, rows: list[int], width: int, spread: bool) -> list[list[str]]:
    """The cells of ``rows``, ``width`` wide; with ``spread``, a merged
    cell's text stands in every cell it covers."""
    out = []
    for r in rows:
        cells = sheet.rows[r - 1]
        out.append([cells[k].strip() if k < len(cells) else "" for k in range(width)])
    if spread:
        at = {r: i for i, r in enumerate(rows)}
        for r0, c0, r1, c1 in sheet.merges:
            text = sheet.rows[r0 - 1][c0].strip() if r0 - 1 < len(sheet.rows) and c0 < len(sheet.rows[r0 - 1]) else ""
            for r in range(r0, r1 + 1):
                if r in at:
                    for k in range(c0, min(c1, width - 1) + 1):
                        out[at[r]][k] = text
    return out


def _labels(sheet: Sheet, block: _Block, width: int) -> list[str]:
    """Each column's label: the header cells above it, top to bottom,
    joined by "/"; numbering (栏次 1 2 3) and repeats left out."""
    grid = _grid(sheet, block.header, width, spread=True)
    labels = []
    for k in range(width):
        parts: list[str] = []
        for cells in grid:
            t = _norm(cells[k])
            if t and not NUMBERING_CELL_ROWS.match(t) and (not parts or parts[-1] != t):
                parts.append(t)
        labels.append("/".join(parts))
    return labels


# -- columns ------------------------------------------------------------------------------------

class _Panel(NamedTuple):
    parts: list[int]  # the columns of one code: 类 | 款 | 项, or the one code column
    name: int | None
    amounts: list[int]


def _roles(labels: list[str], body: list[list[str]]) -> list[_Panel] | None:
    """The code, name and amount columns of a coded table, by the header,
    checked against the body: one panel, or panels printed side by side
    (公开06表: 人员经费 codes and figures, then 公用经费 codes and figures),
    each a code group with figure columns of its own.  None when the table
    prints no code column or no amount column."""
    code_cols, name_cols, amounts = [], [], []
    for k, label in enumerate(labels):
        leaf = label.split("/")[-1]
        col = [r[k] for r in body if r[k] and not _is_placeholder(r[k])]
        coded = bool(col) and sum(1 for v in col if _is_code(v)) >= 0.5 * len(col)
        if any(w in label for w in UNIT_CODE_WORDS):
            name_cols.append(k)
        elif leaf in PART_HEADINGS or ("编码" in leaf or "代码" in leaf) or coded:
            code_cols.append(k)  # a column of codes, or of codes with their names ("2050205 高等教育")
        elif leaf.endswith("名称") or leaf in _NAME_WORDS:
            name_cols.append(k)
        elif col and sum(1 for v in col if not _is_figure(v)) > 0.5 * len(col):
            name_cols.append(k)
        elif label or col:
            amounts.append(k)
    if not code_cols or not amounts:
        return None
    groups: list[list[int]] = []
    for k in code_cols:  # adjacent code columns that are the parts of one code form one group
        if groups and k == groups[-1][-1] + 1 and are_code_parts(labels, groups[-1] + [k], body):
            groups[-1].append(k)
        else:
            groups.append([k])
    starts = [g[0] for g in groups[1:]] + [len(labels)]
    panels = [_Panel(g, next((k for k in name_cols if g[-1] < k < end), None),
                     [k for k in amounts if g[-1] < k < end]) for g, end in zip(groups, starts)]
    if sum(1 for p in panels if p.amounts) >= 2:
        return [p for p in panels if p.amounts]
    first = groups[0]  # one code group read (a row that prints more codes: the first, with every figure after it)
    return [_Panel(first, next((k for k in name_cols if k > first[-1]), None), [k for k in amounts if k > first[-1]])]


# -- rows ---------------------------------------------------------------------------------------

class _Read:
    """What reading a workbook gives: tables, statements, problems, the coded
    rows printed and read."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.statements: list[Statement] = []
        self.problems: list[Problem] = []
        self.printed = 0
        self.read = 0

    def unread(self, block: _Block, row: int, text: str, why: str, why_zh: str) -> None:
        self.printed += 1
        self.problems.append(_problem(
            "unread-line", block.title,
            f"sheet {block.sheet!r} row {row}: a coded row {why}: {text[:80]!r}",
            f"工作表“{block.sheet}”第 {row} 行：{why_zh}的科目行：{text[:80]}", row, text[:120], block.page))


def _printed(cells: list[str]) -> str:
    return " | ".join(c.strip() for c in cells if c.strip())


def _placeholders(read: _Read, block: _Block, rows: list[tuple[int, str]]) -> None:
    """One finding for a table's rows that hold placeholders."""
    if not rows:
        return
    shown = ", ".join(str(r) for r, _t in rows[:12]) + (" …" if len(rows) > 12 else "")
    read.problems.append(_problem(
        "placeholder-row", block.title,
        f"sheet {block.sheet!r}: {len(rows)} row(s) of {block.title} hold template placeholders, not codes or "
        f"figures (rows {shown}; first: {rows[0][1][:40]!r})",
        f"工作表“{block.sheet}”：{block.title}有 {len(rows)} 行为模板占位内容，不是科目或数字（第 {shown} 行；"
        f"首行：{rows[0][1][:40]}）", rows[0][0], rows[0][1][:120], block.page))


_DASHES = ("", *NO_FIGURE_MARKS)  # a cell that reads as blank: nothing, a dash or a slash


def _amount(text: str):
    """A printed figure; a blank or a dash is blank, not zero."""
    t = text.replace(" ", "")
    return BLANK if t in _DASHES else parse_amount(t)


def _panel_lines(read: _Read, block: _Block, panel: _Panel, names: list[str], body: list[list[str]], catalog,
                 lines: list[Line], totals: list[Item] | None) -> None:
    """The lines one panel prints, appended to ``lines``; its 合计 rows go to
    ``totals`` (panels side by side) or are the table's 合计 line (None)."""
    last: dict = {3: None, 5: None}
    own = set(panel.parts) | set(panel.amounts) | ({panel.name} if panel.name is not None else set())
    held: list[tuple[int, str]] = []
    for row, cells in zip(block.body, body):
        mine = [c if k in own else "" for k, c in enumerate(cells)]
        text = _printed(mine)
        if not text:
            continue
        if any(_is_placeholder(c) for c in mine if c):
            held.append((row, text))
            if all(_is_placeholder(c) for c in mine if c):
                continue  # a row of placeholders: the template's "…" row
        code, name = group_code(mine, (panel.parts, panel.name), last, catalog)
        figures = {n: BLANK if _is_placeholder(mine[k]) else _amount(mine[k]) for n, k in zip(names, panel.amounts)}
        if code is not None:
            read.printed += 1
            read.read += 1
            lines.append(Line(code, name or None, figures, False, len(lines) + 1, row, None, block.page, text[:120]))
            continue
        label = next((c for k, c in enumerate(mine) if c and k not in panel.amounts), "")
        if any(_PRINTS_CODE.match(mine[k]) for k in panel.parts):
            read.unread(block, row, text, "could not be read", "无法读取")
        elif (is_total_name(label) or is_total_name(fold_label(label))
              or totals is not None and fold_label(label).endswith("合计")):
            if totals is None:
                lines.append(Line(None, "合计", figures, True, len(lines) + 1, row, None, block.page, text[:120]))
            else:
                totals.append(Item(label, figures, None, None, row, block.page, text[:120]))
        elif label and any(not c.blank for c in figures.values()):  # figures under a label: never dropped
            lines.append(Line(None, label, figures, False, len(lines) + 1, row, None, block.page, text[:120]))
    _placeholders(read, block, held)


def _classified(block: _Block, lines: list[Line], labels: list[str]) -> tuple[bool, str | None]:
    """Whether a coded table is economic (its codes say so: 3xx/5xx; the
    header when it prints none), and its standard kind unless its codes
    contradict its title."""
    codes = [ln.code for ln in lines if ln.code]
    economic = sum(1 for c in codes if c[0] in "35") > len(codes) / 2 if codes else "经济" in "".join(labels)
    kind = block.kind if block.kind in KINDS and KINDS[block.kind].shape in ("functional", "economic", "panels") \
        else None
    if kind is not None and (KINDS[kind].shape in ("economic", "panels")) != economic:
        kind = None
    return economic, kind


def _coded_table(read: _Read, block: _Block, panels: list[_Panel], labels: list[str], body: list[list[str]],
                 unit: str, catalog) -> None:
    """A coded table: its panels' lines one after the other, each panel's
    figures named as the first panel's columns."""
    names = unique_column_names(labels, panels[0].amounts)
    standard = KINDS[block.kind].columns if block.kind in KINDS else {}
    if isinstance(standard, tuple):  # named as the standard table's columns where they say the same
        names = standard_names(names, standard, column_synonym)
    lines: list[Line] = []
    totals: list[Item] | None = [] if len(panels) > 1 else None
    for panel in panels:
        _panel_lines(read, block, panel, names, body, catalog, lines, totals)
    if totals:
        read.statements.append(Statement(block.title + "（合计行）", "final-06-totals", unit, {"": tuple(names)},
                                         tuple(totals), None, block.row))
    economic, kind = _classified(block, lines, labels)
    # the header tree's relations (合计 over its siblings), as in a PDF; else the standard table's that fit
    relations = header_relations([labels[k] for k in panels[0].amounts], names) or tuple(
        Relation(t, tuple(p)) for t, p in (KINDS[kind].relations if kind else ())
        if t in names and all(x in names for x in p))
    if not lines and block.note is None:
        read.problems.append(_problem("empty-table", block.title,
                                      f"sheet {block.sheet!r}: {block.title} prints no lines and no note saying why",
                                      f"工作表“{block.sheet}”：{block.title}为空表，且没有说明", block.row,
                                      sheet=block.page))
    revenue = classification_of([ln.code for ln in lines if ln.code]) == "revenue"  # a 收入 table by revenue codes
    read.tables.append(Table(block.title, "revenue" if revenue else "economic" if economic else "functional", unit,
                             tuple(names), tuple(lines), relations, kind, block.note, block.row))


def _statement(read: _Read, block: _Block, kind_id: str, labels: list[str], body: list[list[str]], unit: str) -> None:
    """A statement (收支总表, 财政拨款收支总表): each side's label column and
    figure columns, by the header (收入 | 支出 in either order)."""
    wanted: dict = KINDS[kind_id].columns  # type: ignore[assignment]
    two = "收入" in wanted
    sides: list[str] = []
    for label in labels:
        side = "" if not two else "支出" if "支出" in label.split("/")[0] else "收入" if "收入" in label.split("/")[0] \
            else (sides[-1] if sides else "收入")
        sides.append(side)
    plan: dict[str, tuple[int | None, list[tuple[int, str]]]] = {}
    for side in dict.fromkeys(sides):
        ks = [k for k, s in enumerate(sides) if s == side and (labels[k] or any(r[k] for r in body))]
        label_k = next((k for k in ks if labels[k].split("/")[-1] in ("项目", "科目", "项目名称") or any(
            r[k] and not _is_figure(r[k]) and not _is_placeholder(r[k]) for r in body)), None)
        named: list[tuple[int, str]] = []
        for k in ks:
            if k == label_k:
                continue
            leaf = labels[k].split("/")[-1]
            synonym = column_synonym(leaf)
            col = next((c for c in wanted.get(side, ()) if _norm(c) == leaf or c == synonym), None) or (
                wanted.get(side, ("",))[0] if not leaf or re.search(r"预算数|决算数|金额|^合计$", leaf) else leaf)
            while col in [c for _k, c in named]:
                col += "'"
            named.append((k, col))
        plan[side] = (label_k, named)
    items: list[Item] = []
    held: list[tuple[int, str]] = []
    for row, cells in zip(block.body, body):
        if any(_is_placeholder(c) for c in cells if c):
            held.append((row, _printed(cells)))
        for side, (label_k, named) in plan.items():
            label = cells[label_k] if label_k is not None else ""
            values = {c: cells[k] for k, c in named}
            if (not label or _is_placeholder(label)) and not any(values.values()):
                continue  # nothing, or a template's empty slot (held above)
            figures = {c: BLANK if _is_placeholder(v) else _amount(v) for c, v in values.items()}
            items.append(Item(label, figures, side or None, None, row, block.page, _printed(cells)[:120]))
    _placeholders(read, block, held)
    read.statements.append(Statement(block.title, kind_id, unit, {s: tuple(c for _k, c in n)
                                                                      for s, (_l, n) in plan.items()}, tuple(items),
                                     None, block.row))


def _read_block(read: _Read, sheet: Sheet, block: _Block, unit: str, year: int | None, final: bool,
                catalog) -> None:
    width = max([len(sheet.rows[r - 1]) for r in block.header + block.body] + [0])
    if width * len(block.header + block.body) > MAX_VALUES:  # one far cell would widen every row
        raise InputError(f"sheet {block.sheet!r}: a table of {len(block.header + block.body)} rows and {width} columns "
                         f"is more than govclass reads ({MAX_VALUES:,} cells; docs/limits.md)")
    labels = _labels(sheet, block, width)
    body = _grid(sheet, block.body, width, spread=False)
    if block.kind == "three-public" or is_sangong_title(block.title) and block.kind != "other":
        st = sangong_statement(block.title, unit, labels, [(r, block.page) for r in body if any(r)], year, final)
        if st is not None and not any(any(r) for r in body):
            read.problems.append(_problem(
                "empty-table", block.title, f"sheet {block.sheet!r}: {block.title} prints no rows",
                f"工作表“{block.sheet}”：{block.title}没有任何行", block.row, sheet=block.page))
        if st is not None:
            read.statements.append(attrs.evolve(st, source_line=block.row))
            return
    if block.kind in KINDS and KINDS[block.kind].shape == "statement":
        _statement(read, block, block.kind, labels, body, unit)
        return
    panels = _roles(labels, body) if block.kind != "other" else None
    if panels is not None:
        _coded_table(read, block, panels, labels, body, unit, catalog)
        return
    if block.kind == "other" and any(any(r) for r in body):  # 政府采购, 绩效目标…: said, not checked
        read.problems.append(_problem(
            "unchecked-table", block.title,
            f"sheet {block.sheet!r}: {block.title} is not a coded budget table (政府采购, 绩效目标, 会议费…); its "
            f"{len(block.body)} rows are not checked", f"工作表“{block.sheet}”：{block.title}不是科目表（政府采购、绩效目标、"
            f"会议费等），其 {len(block.body)} 行未核对", block.row, sheet=block.page))
    for row, cells in zip(block.body, body):  # no table govclass can read: its coded rows are not passed over
        texts = _texts(cells)
        if texts and _is_code(texts[0]) and any(_is_figure(t) for t in texts[1:]) or (
                block.kind not in (None, "other") and texts and _is_code(texts[0])):
            read.unread(block, row, _printed(cells), "of a table govclass could not read", "无法识别的表中")


def _uncalculated(read: _Read, sheet: Sheet, page: int) -> None:
    """One finding for a sheet's shown formula cells saved without a value, on the row of the first."""
    shown = [(r, c) for r, c in sheet.uncalculated if r not in sheet.hidden_rows and c not in sheet.hidden_columns]
    if not shown:
        return
    cells = [f"{_letters(c)}{r}" for r, c in shown]
    listed = ", ".join(cells[:12]) + (" …" if len(cells) > 12 else "")
    read.problems.append(_problem(
        "formula-not-calculated", sheet.name,
        f"sheet {sheet.name!r}: {len(cells)} formula cell(s) saved without a value ({listed}); recalculate the "
        f"workbook and save it", f"工作表“{sheet.name}”：{len(cells)} 个公式单元格未保存计算结果（{listed}）；请重新计算后保存",
        shown[0][0], sheet=page))


def _external(read: _Read, sheet: Sheet, page: int) -> None:
    """One finding per linked workbook for a sheet's shown figures cached from it, on the row of the first."""
    by_link: dict[str, list[tuple[int, int]]] = {}
    for r, c, link in sheet.external:
        if r not in sheet.hidden_rows and c not in sheet.hidden_columns:
            by_link.setdefault(link, []).append((r, c))
    for link, shown in by_link.items():
        cells = [f"{_letters(c)}{r}" for r, c in shown]
        listed = ", ".join(cells[:12]) + (" …" if len(cells) > 12 else "")
        read.problems.append(_problem(
            "external-link", sheet.name,
            f"sheet {sheet.name!r}: {len(cells)} figure(s) are values cached from another workbook, {link} "
            f"({listed}): its figures when this workbook was last saved, not necessarily now",
            f"工作表“{sheet.name}”：{len(cells)} 个数字为引用其他工作簿 {link} 的缓存值（{listed}）："
            "是本工作簿上次保存时对方的数字，未必是现在的数字", shown[0][0], sheet=page))


def _letters(col: int) -> str:
    """Excel's column letters of a 0-based column (0 is A)."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _shown(read: _Read, sheet: Sheet, page: int) -> Sheet:
    """The sheet as a reader sees it: hidden rows empty, hidden columns blank;
    one finding saying what was hidden."""
    rows_off, cols_off = set(sheet.hidden_rows), set(sheet.hidden_columns)
    shown = [[] if r in rows_off else [c if k not in cols_off else "" for k, c in enumerate(cells)]
             for r, cells in enumerate(sheet.rows, 1)]
    coded = sum(1 for r, cells in enumerate(sheet.rows, 1) for t in [_texts(cells)]
                if r in rows_off and t and _is_code(t[0]))
    used = {k for cells in sheet.rows for k, c in enumerate(cells) if c.strip()}
    cols = sorted(cols_off & used)  # hidden columns that hold something
    rows = sorted(r for r in rows_off if r <= len(sheet.rows) and _texts(sheet.rows[r - 1]))
    if rows or cols:
        where = ", ".join([*(f"row {r}" for r in rows[:8]), *(f"column {_letters(k)}" for k in cols[:8])])
        read.problems.append(_problem(
            "hidden-cells", sheet.name,
            f"sheet {sheet.name!r}: {len(rows)} hidden row(s) and {len(cols)} hidden column(s) not read ({where}); "
            f"{coded} of the rows coded", f"工作表“{sheet.name}”：隐藏的 {len(rows)} 行、{len(cols)} 列未读取（{where}）；"
            f"其中科目行 {coded} 行", rows[0] if rows else None, sheet=page))
    return sheet._replace(rows=shown)


def _hidden(read: _Read, sheet: Sheet, page: int) -> None:
    coded = sum(1 for cells in sheet.rows for t in [_texts(cells)] if t and _is_code(t[0]))
    read.problems.append(_problem(
        "hidden-sheet", sheet.name,
        f"sheet {sheet.name!r} is hidden: not read ({len(sheet.rows)} rows, {coded} of them coded)",
        f"工作表“{sheet.name}”为隐藏表：未读取（{len(sheet.rows)} 行，其中科目行 {coded} 行）", None, sheet=page))


_COVER = re.compile(r"[^\d]{2,40}?(20\d\d)年度?[^\d]{0,4}?(部门|单位)(预算|决算)(?:公开)?")


def _cover_title(sheets: list[Sheet]) -> str | None:
    """The title on the workbook's cover: the first row, among the first
    sheets' first rows, that prints one text such as 上海市普陀区2026年区级部门预算."""
    for sheet in [s for s in sheets if not s.hidden][:2]:
        for cells in sheet.rows[:30]:
            texts = _texts(cells)
            if len(texts) == 1 and _COVER.fullmatch(_norm(texts[0])):
                return _norm(texts[0])
    return None


def _missing_tables(read: _Read, final: bool) -> None:
    found = {t.kind for t in read.tables} | {s.kind for s in read.statements}
    for k in FINAL_KINDS if final else BUDGET_KINDS:
        if k not in found:
            read.problems.append(_problem("missing-table", KINDS[k].name,
                                          f"the workbook does not print the standard table {KINDS[k].name}",
                                          f"工作簿中没有标准表“{KINDS[k].name}”", None))


def workbook_document(sheets: list[Sheet], where: str, year: int | None, doc_kind: str | None,
                      title: str | None) -> Document:
    """The document a workbook's sheets print (see the module docstring);
    ``year``, ``doc_kind`` (预算/决算) and ``title`` as found in its text."""
    from govclass.catalog import get_catalog
    from govclass.catalog.store import available_years, latest_year

    form, form_year = document_form(_cover_text(sheets), [_texts(cells)[0] for sheet in sheets if not sheet.hidden
                                                           for cells in sheet.rows[:3] if len(_texts(cells)) == 1])
    if form is not None:  # a government's own report: its year is the budget's or the accounts' (issue 26)
        year = form_year if form_year is not None else year
        doc_kind = "决算" if form == GOVERNMENT_FINAL else "预算"
    final = doc_kind == "决算"
    catalog = get_catalog(year if year in available_years() else latest_year())
    read = _Read()
    blocks: list[tuple[Sheet, _Block]] = []
    for page, sheet in enumerate(sheets, 1):
        if sheet.hidden:
            if sheet.rows:
                _hidden(read, sheet, page)
            continue
        if sheet.uncalculated:
            _uncalculated(read, sheet, page)
        if sheet.external:
            _external(read, sheet, page)
        if sheet.hidden_rows or sheet.hidden_columns:
            sheet = _shown(read, sheet, page)
        blocks.extend((sheet, b) for b in _blocks(sheet, page, final))
    if form is not None:
        for _sheet, block in blocks:
            if block.kind not in (None, "other", "three-public"):
                block.kind = None  # a department's standard tables are no government's, whatever their titles share
    default_unit = next((b.unit for _s, b in blocks if b.unit), None) or "万元"
    for sheet, block in blocks:
        if not block.header and not block.body:
            continue  # a title with no table under it: a line of the table of contents
        try:
            if form is not None:
                _read_government_block(read, sheet, block, block.unit or default_unit, catalog)
            else:
                _read_block(read, sheet, block, block.unit or default_unit, year, final, catalog)
        except InputError as exc:  # a table too large to read: the refusal names the file
            raise InputError(f"{where}: {exc}") from None
    cover = _cover_title(sheets)
    if cover is not None and form is None:  # a whole disclosure (its cover says so), not a few tables exchanged
        _missing_tables(read, final)
    coverage = {"coded_lines_printed": read.printed, "coded_lines_read": read.read}
    title = cover or title
    scope = next((m.group(1) for b in [title or "", *(b.title for _s, b in blocks)]
                  for m in [re.search(r"(部门|单位)(?:预算|决算)", _norm(b))] if m), None)
    if form is not None:
        scope = None
    return Document(tuple(read.tables), year, title, doc_kind, where, tuple(read.statements), tuple(read.problems),
                    "xlsx", coverage=coverage, scope=scope, form=form)


def _cover_text(sheets: list[Sheet]) -> str:
    """The first visible sheet's short texts (a workbook's cover: 丽江市 / 2025年地方财政预算执行情况和2026年地方财政
    预算（草案） / 丽江市财政局编制), read together."""
    for sheet in [s for s in sheets if not s.hidden][:1]:
        return " ".join(t for cells in sheet.rows[:30] for t in _texts(cells) if len(_norm(t)) <= 60)
    return ""


def _read_government_block(read: _Read, sheet: Sheet, block: _Block, unit: str, catalog) -> None:
    """A table of a government's report (issue 26): read as a department's coded table is, or by its names
    when it prints no code (a workbook whose code column is hidden prints names alone); either finished as
    the report's (govclass.readers.government.finish_table: classification, names matched to codes, totals,
    regions, budget, scope, year, column periods)."""
    before = len(read.tables)
    facts = table_facts(block.title)
    width = max([len(sheet.rows[r - 1]) for r in block.header + block.body] + [0])
    labels = _labels(sheet, block, width)
    body = _grid(sheet, block.body, width, spread=False)
    if _PROJECTS.search(_norm(block.title)):
        block.kind = "other"
    if block.kind not in ("other", "three-public") and not _codes_before_names(labels, body):
        _named_table(read, block, labels, body, unit)
    else:
        _read_block(read, sheet, block, unit, facts.year, facts.measure == "决算", catalog)
    read.tables[before:] = [part for one in read.tables[before:]
                            for part in finish_tables(one, facts, catalog, read.problems)]


def _codes_before_names(labels: list[str], body: list[list[str]]) -> bool:
    """Whether a table prints a column of codes before its names (a column of whole numbers after the names is
    figures printed without decimals, never codes; a workbook whose code column is hidden prints none)."""
    for k, label in enumerate(labels):
        col = [r[k] for r in body if r[k] and not _is_placeholder(r[k])]
        if not col:
            continue
        if sum(1 for v in col if _is_code(v)) >= 0.5 * len(col):
            return True
        if sum(1 for v in col if not _is_figure(v)) > 0.5 * len(col):
            return False  # the names come first
    return False


#: a table of projects or facts that are no money of the classification (项目明细, 基础资料, 绩效): not checked
_PROJECTS = re.compile(r"项目(?:明细|用途|表$|情况表$)|基础资料|绩效")


def _named_table(read: _Read, block: _Block, labels: list[str], body: list[list[str]], unit: str) -> None:
    """A table that prints names and figures and no code: its first column of names, the figure columns after
    it; each row with a name a line (its code matched afterwards, by name)."""
    texts = [[c for c in column] for column in zip(*body)] if body else []
    name_k = next((k for k, col in enumerate(texts) if any(c for c in col) and
                   sum(1 for c in col if c and not _is_figure(c)) > 0.5 * sum(1 for c in col if c)), None)
    if name_k is None:
        return
    amounts = [k for k in range(name_k + 1, len(labels)) if labels[k] or any(r[k] for r in body)]
    names = unique_column_names(labels, amounts)
    lines: list[Line] = []
    for row, cells in zip(block.body, body):
        name = cells[name_k].strip()
        if not name:
            continue
        figures = {n: _amount(cells[k]) for n, k in zip(names, amounts)}
        lines.append(Line(None, name, figures, False, len(lines) + 1, row, None, block.page, _printed(cells)[:120]))
    if lines:
        read.tables.append(Table(block.title, "functional", unit, tuple(names), tuple(lines), (), None, block.note,
                                 block.row))
