"""Read published 部门预算/部门决算 disclosures as they are.

A disclosure is prose with the standard tables in it, held as text pulled
out of a PDF (one printed row per line, cells separated by spaces), as
markdown tables, as tab-separated rows, or as a spreadsheet.  This module
turns any of them into a :class:`~govclass.document.Document`:

1. rows: each source line becomes a row of cells (TSV, markdown, XLSX) or of
   white-space separated tokens (plain text), with its line number;
2. segments: tables are found by their titles (收支预算总表 … 公开10表, with
   the aliases provinces use) or, when a document prints none, by the header
   that opens them (a ``填报单位`` line followed by a recognisable header), and
   end at the next table, a note, or a section heading;
3. bodies: coded tables (类/款/项 or economic codes) become
   :class:`~govclass.document.Table`; summary tables, the 三公 table and the
   决算 statements become :class:`~govclass.document.Statement`.  Plain text
   loses the cell positions, so :mod:`govclass.readers.placement` decides which
   columns a line's figures belong to.

Nothing is dropped silently: a table found by its title whose body cannot be
read, a standard table the document lists but does not print, a line that
cannot be placed, all become :class:`~govclass.document.Problem` records,
which the validator reports as findings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from govclass.document import Cell, Document, Item, Line, Problem, Relation, Statement, Table, parse_amount, resolve_codes
from govclass.catalog.store import LEVEL_OF_LENGTH
from govclass.rulebook import DECLARED, INFO, WARNING, declare
from govclass.errors import InputError, NoBudgetError
from govclass.readers.government import classification_of
from govclass.readers.narrative import attach_claims, text_units
from govclass.readers.placement import place
from govclass.readers.registry import Source, reader
from govclass.vocabulary import (BUDGET_KINDS, ENUMERATION, FINAL_KINDS, KINDS, NUMBERING_MARK, TEXT_DASHES,
                                 THREE_PUBLIC_FIVE, TOTAL_WORDS, UNIT_LINE, Kind, fold_label, fold_text_title, is_figure,
                                 text_titles)


# What this reader reports when it cannot read something (a Problem of the document; the
# validator reports each as a finding with the same id).
declare("unreadable-table", WARNING, "reading",
        "a table found by its title (or a 填报单位 block) that could not be read; in a PDF, a table that prints "
        "amounts and that no reading gives as a table or statement (pages, rows and first row given): the document "
        "is incomplete, never a pass",
        "按表名（或填报单位栏）找到的表无法读取；PDF 中印有金额却无法读作任何表格的表（给出页码、行数与首行）：文档未读全，"
        "不能通过", leaves_unread=True)
declare("missing-table", WARNING, "reading", "a standard table of the document's kind that it does not print",
        "本类文件应有的标准表未列示")
declare("unreadable-line", WARNING, "reading",
        "a line inside a table that is not a table line, or has figures beyond the columns: the document is "
        "incomplete, never a pass", "表内某行不是表格行，或数字多于栏数：文档未读全，不能通过", leaves_unread=True)
declare("empty-table", INFO, "reading", "an empty table with no note saying why", "空表，且无说明")
declare("column-placement", INFO, "reading", "plain text allowed more than one reading of some lines' columns",
        "纯文本中某些行的数字可有多种分栏方式，取最左的一种")
declare("placement-search-bounded", WARNING, "reading",
        "the column-placement search reached its step limit (docs/limits.md) and took the cheapest reading it had "
        "found; a better one may exist", "分栏搜索达到步数上限（见 docs/limits.md），取已找到的最佳读法，可能另有更好读法")


def _problem(rule: str, table: str, message: str, message_zh: str, source_line: int | None = None) -> Problem:
    """A :class:`Problem` of the declared rule ``rule``, with its declared severity."""
    return Problem(rule, DECLARED[rule].severity, table, message, message_zh, source_line)

__all__ = ["KINDS", "read_disclosure", "detect_format", "fold_label", "document_facts"]  # KINDS, fold_label: the
# vocabulary's (govclass.vocabulary), named here as before

BLANK = parse_amount(None)


_FINAL_NO = re.compile(r"公开(\d{1,2})表")


# -- rows ---------------------------------------------------------------------------

class Row(NamedTuple):
    no: int  # 1-based source line
    text: str  # the line as printed (markdown: cells joined by spaces)
    cells: list[str] | None  # cells for tabular sources, None for plain text
    tokens: list[str]  # white-space tokens of ``text``, OCR-split figures joined (see _tokens)


_INT = re.compile(r"^\d+$")
_CODE = re.compile(r"^\d{2,9}$")
_TAGS = re.compile(r"</?(?:b|u|i|strong|em|span|sup|sub)>", re.I)
_MD_SEP = re.compile(r"^\|?\s*:?-{2,}")


def detect_format(text: str) -> str:
    """``markdown``, ``tsv`` or ``text`` by what the lines look like."""
    lines = [ln for ln in text.splitlines()[:3000] if ln.strip()]
    if not lines:
        return "text"
    md = sum(1 for ln in lines if ln.lstrip().startswith("|") and ln.rstrip().endswith("|"))
    tabs = sum(1 for ln in lines if ln.count("\t") >= 2)
    if md >= 3 and md >= tabs:
        return "markdown"
    if tabs >= 3:
        return "tsv"
    return "text"


def _cell_text(cell: str) -> str:
    return _TAGS.sub("", cell.replace("<br>", "").replace("<br/>", "").replace("<br />", ""))


def make_rows(text: str, fmt: str) -> list[Row]:
    rows: list[Row] = []
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if fmt == "markdown" and line.lstrip().startswith("|"):
            if _MD_SEP.match(line.strip()) and not line.strip("|-: \t"):
                continue
            body = line.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") else body
            cells = [_cell_text(c).strip() for c in body.split("|")]
            if not any(cells):
                continue
            text = " ".join(c for c in cells if c)
        elif fmt == "tsv" and "\t" in line:
            cells = [_cell_text(c) for c in line.split("\t")]
            text = " ".join(c.strip() for c in cells if c.strip())
        else:
            cells = None
            text = _cell_text(line) if fmt == "markdown" else line
        rows.append(Row(no, text, cells, _tokens(text)))
    return rows


def _tokens(text: str) -> list[str]:
    """White-space tokens with OCR-split figures joined: ``809. 97`` ->
    ``809.97``, ``1, 816.08`` -> ``1,816.08``."""
    toks = text.split()
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        while i + 1 < len(toks) and ((t.endswith(".") and t[:-1].replace(",", "").isdigit() and toks[i + 1].isdigit())
                                     or (t.endswith(",") and t[:-1].isdigit() and is_figure(toks[i + 1]))):
            i += 1
            t += toks[i]
        out.append(t)
        i += 1
    return out


_is_fig = is_figure


# -- document-level facts -----------------------------------------------------------

_YEAR_KIND = re.compile(r"(20\d\d|19\d\d)\s*年\s*度?\s*(?:部门|单位)?\s*(预算|决算)")


def _year_kind(rows: list[Row]) -> tuple[int | None, str | None]:
    for r in rows[:400]:
        m = _YEAR_KIND.search(r.text)
        if m:
            return int(m.group(1)), m.group(2)
    for r in rows[:400]:
        m = re.search(r"(20\d\d)\s*年\s*度?", r.text)
        if m:
            return int(m.group(1)), "决算" if "决算" in r.text else None
    return None, None


def _doc_title(rows: list[Row]) -> str | None:
    for r in rows[:400]:
        t = r.text.strip().lstrip("#").strip()
        m = re.match(r"^(?:第[一二三四]部分\s*)?(.{2,40}?)\s*(20\d\d)\s*年\s*度?\s*(部门|单位)\s*(预算|决算)", t)
        if m and "情况" not in t and not m.group(1).strip().startswith("第"):
            return f"{m.group(1).strip()}{m.group(2)}年{'度' if '年度' in t else ''}{m.group(3)}{m.group(4)}"
    year, kind = _year_kind(rows)
    for r in rows[:2000]:
        m = re.match(r"^\s*(?:编制|填报)单位\s*[:：]\s*(?:\[\d+\])?\s*([^\s，,（(]+)", r.text)
        if m and year and kind:
            return f"{m.group(1)}{year}年{'度' if kind == '决算' else ''}部门{kind}"
    return None


# -- segmentation -------------------------------------------------------------------

class Segment:
    __slots__ = ("kind", "name", "line", "rows", "titled", "note", "unit")

    def __init__(self, kind: str | None, name: str, line: int, titled: bool):
        self.kind = kind
        self.name = name
        self.line = line
        self.rows: list[Row] = []
        self.titled = titled
        self.note: str | None = None
        self.unit: str | None = None


def _title_kind(row: Row, final: bool) -> str | None:
    raw = row.text.strip()
    if not raw or raw.lstrip().startswith(("-", "•", "·")) or "《" in raw or "见" in raw or len(raw) > 70:
        return None
    t = fold_text_title(raw)
    m = _FINAL_NO.search(t)
    if m and t == m.group(0):
        return None  # a bare 公开NN表 line confirms the title above it
    t = _FINAL_NO.sub("", t)
    for alias, kind in text_titles():
        if t == alias or (t.endswith(alias) and re.search(r"\d{4}年", t[: len(t) - len(alias)] or "")):
            if final and kind in ("income", "expenditure"):
                continue  # in a 决算, "收入总表"/"支出总表" wordings are not these 预算 tables
            return kind
        if t.endswith(alias) and len(t) - len(alias) <= 2 and not re.search(r"[。，；：:]", t):
            return kind
    return None


_END = re.compile(r"^(?:#+\s*)?(?:第[一二三四五]部分|附件|附表[：:]?$)")
_END_TITLES = ("绩效目标表", "绩效自评表", "绩效评价表", "项目情况说明", "名词解释")


def _is_end(row: Row) -> bool:
    t = fold_text_title(row.text)
    return bool(_END.match(row.text.strip())) or (len(t) <= 30 and t.endswith(_END_TITLES))


def _is_note(row: Row) -> bool:
    t = row.text.strip().lstrip("#").strip()
    return t.startswith(("注", "说明：", "说明:"))


_NOTE_KINDS = (("政府性基金", ("gf-expenditure", "final-08")), ("国有资本经营", ("soc-expenditure", "final-09")),
               ("三公", ("three-public", "final-07")))


def _signature(header: str, seen: set[str]) -> str | None:
    """The kind of an untitled table from its header text (folded)."""
    h = fold_text_title(header)
    if "收入" in h and "支出" in h and "一般公共预算支出" in h:
        return "fiscal-summary"
    if "按支出功能科目" in h or ("收入" in h and "支出" in h and "预算数" in h and "科目编码" not in h):
        return "summary"
    if "上年结转" in h and "功能科目" in h:
        return "income"
    if "经济分类" in h:
        return "gpb-basic"
    if "单位编码" in h or "部门编码" in h:
        return "three-public"
    if "功能分类" in h and "预算数" in h:
        for k in ("gpb-expenditure", "gf-expenditure", "soc-expenditure"):
            if k not in seen:
                return k
        return "soc-expenditure"
    if "功能分类" in h:
        return "expenditure"
    return None


def _has_data(row: Row) -> bool:
    toks = row.tokens
    return any(_is_fig(t) and ("." in t or "," in t) for t in toks) or bool(toks and toks[0] in ("合计", "**"))


def segment(rows: list[Row], final: bool) -> tuple[list[Segment], list[tuple[int, str]]]:
    """Split rows into table segments; also return the notes that speak of a
    table printed later ("若为空表，则……无政府性基金收支" before its title)."""
    segs: list[Segment] = []
    waiting: list[tuple[int, str]] = []
    cur: Segment | None = None
    body = False  # the current segment has data rows
    for row in rows:
        kind = _title_kind(row, final)
        if kind is not None:
            if cur is not None and cur.kind == kind and body and cur.titled:
                continue  # the title repeated on a new page: the same table goes on
            cur = Segment(kind, KINDS[kind].name, row.no, True)
            segs.append(cur)
            body = False
            continue
        if cur is not None and _is_end(row):
            cur = None
            continue
        stripped = row.text.strip()
        if stripped.startswith(("填报单位", "编制单位")) and (cur is None or body):
            cur = Segment(None, "", row.no, False)
            segs.append(cur)
            body = False
            # fall through: the line may carry the unit
        if cur is None:
            continue
        if _is_note(row):
            note = stripped
            target = cur
            for word, kinds in _NOTE_KINDS:
                if word in note and "空表" in note:
                    target = None
                    for s in reversed(segs):
                        if s.kind in kinds:
                            target = s
                            break
                    break
            if target is not None:
                target.note = note if target.note is None else target.note + " " + note
            else:
                waiting.append((row.no, note))
            if body:
                cur = None
            continue
        if cur.unit is None:
            m = UNIT_LINE.search(row.text)
            if m:
                cur.unit = m.group(1)
        cur.rows.append(row)
        if not body and _has_data(row):
            body = True
    return segs, waiting


# -- bodies -------------------------------------------------------------------------

class _Raw:
    __slots__ = ("code", "name", "figs", "line", "indent", "total", "cells")

    def __init__(self, code: str | None, name: str, figs: list[str], line: int, indent: int | None,
                 total: bool = False, cells: list[str] | None = None):
        self.code = code
        self.name = name
        self.figs = figs
        self.line = line
        self.indent = indent
        self.total = total
        self.cells = cells  # positional cells (tabular sources), None for text


def _indent(text: str) -> int:
    n = 0
    for ch in text:
        if ch == "\u3000":
            n += 2
        elif ch == " ":
            n += 1
        else:
            break
    return n // 2


def _numbering(row: Row) -> int | None:
    """Column count from a numbering row (``** ** 1 2 3`` / ``栏次 1 2 3``)."""
    words = [c.strip() for c in row.cells if c.strip()] if row.cells is not None else row.tokens
    nums = [t for t in words if not NUMBERING_MARK.match(t) and t not in ("栏", "次")]
    if nums and len(nums) < len(words) and all(_INT.match(t) for t in nums) \
            and [int(t) for t in nums] == list(range(1, len(nums) + 1)) and any(NUMBERING_MARK.match(t) for t in words):
        return len(nums)
    return None


def _coded_raw(seg: Segment, problems: list[Problem], name: str) -> tuple[list[_Raw], int | None]:
    """Data lines of a coded table, and the column count of its numbering row."""
    out: list[_Raw] = []
    ncols: int | None = None
    first_amount: int | None = None
    pending: _Raw | None = None
    started = False
    for row in seg.rows:
        n = _numbering(row)
        if n is not None:
            ncols = n
            if row.cells is not None:
                idx = [i for i, c in enumerate(row.cells) if c.strip() == "1"]
                first_amount = idx[0] if idx else None
            continue
        if row.cells is not None:
            cells = row.cells
            code = cells[0].strip() if cells else ""
            nm = cells[1].strip() if len(cells) > 1 else ""
            code_clean = code.replace("\u3000", "").strip()
            if _CODE.match(code_clean) or (not code_clean and nm in TOTAL_WORDS):
                started = True
                fa = first_amount if first_amount is not None else 2
                out.append(_Raw(code_clean or None, nm, [], row.no, _indent(cells[0]) if code else None,
                                total=not code_clean, cells=cells[fa:]))
            elif started and any(c.strip() for c in cells):
                problems.append(_problem("unreadable-line", name,
                                        f"line {row.no} is not a code line: {row.text[:60]!r}",
                                        f"第 {row.no} 行不是科目行：{row.text[:60]}", row.no))
            continue
        toks = row.tokens
        if not toks:
            continue
        first = toks[0]
        if (first in TOTAL_WORDS or first == "合计:") and all(_is_fig(t) for t in toks[1:]):
            figs = toks[1:]
            pending = _Raw(None, "合计", figs, row.no, None, total=True)
            out.append(pending)
            started = True
            continue
        if _CODE.match(first):
            rest = toks[1:]
            name_toks: list[str] = []
            figs: list[str] = []
            bad = False
            for t in rest:
                if _is_fig(t) and (figs or "." in t or "," in t or name_toks):
                    figs.append(t)
                elif figs:
                    bad = True
                else:
                    name_toks.append(t)
            if bad:
                problems.append(_problem("unreadable-line", name,
                                        f"line {row.no}: text after the figures: {row.text.strip()[:60]!r}",
                                        f"第 {row.no} 行：数字之后仍有文字：{row.text.strip()[:60]}", row.no))
            pending = _Raw(first, "".join(name_toks), figs, row.no, _indent(row.text))
            out.append(pending)
            started = True
            continue
        if all(_is_fig(t) for t in toks):
            if pending is not None and not pending.figs:
                pending.figs = toks
            elif started:
                problems.append(_problem("unreadable-line", name,
                                        f"line {row.no}: figures with no line to belong to: {row.text.strip()[:60]!r}",
                                        f"第 {row.no} 行：数字不属于任何科目行：{row.text.strip()[:60]}", row.no))
            continue
        if pending is not None and not pending.figs and not pending.total:
            pending.name += "".join(toks)  # a name wrapped over lines
            continue
        if started and not _is_page_header(row):
            problems.append(_problem("unreadable-line", name,
                                    f"line {row.no} inside the table is not a table line: {row.text.strip()[:60]!r}",
                                    f"第 {row.no} 行位于表内但不是表格行：{row.text.strip()[:60]}", row.no))
    return out, ncols


_PAGE_HEADER = re.compile(r"^(?:-\s*\d+\s*-|第\s*\d+\s*页.*|\d+\s*/\s*\d+|单位[:：].*|(?:填报|编制)单位.*|"
                          r"科目编码.*|项目.*|.*支出功能分类科目.*|.*支出经济分类科目.*|金额单位.*)$")


def _is_page_header(row: Row) -> bool:
    return bool(_PAGE_HEADER.match(row.text.strip()))


def _columns(kind: Kind, count: int | None) -> tuple[tuple[str, ...], tuple[Relation, ...]]:
    cols = tuple(kind.columns) if not isinstance(kind.columns, dict) else ()
    rels = kind.relations
    if kind.shape == "units" and count == len(THREE_PUBLIC_FIVE):
        cols = THREE_PUBLIC_FIVE
        rels = (("合计", THREE_PUBLIC_FIVE[1:]),)
    if count is not None and count != len(cols):
        cols = tuple(cols[i] if i < len(cols) else f"第{i + 1}栏" for i in range(count))
        rels = tuple(r for r in rels if r[0] in cols and all(p in cols for p in r[1]))
    return cols, tuple(Relation(t, tuple(p)) for t, p in rels)


def _sum_parent(code: str | None, present: dict[str, int]) -> str | None:
    """The nearest printed ancestor a code adds up into (a missing 款 skipped)."""
    if code is None:
        return None
    c = code
    while len(c) > 3:
        c = c[:-2]
        if c in present:
            return c
    return None


def _place_cells(raws: list[_Raw], cols: tuple[str, ...], rels: tuple[Relation, ...], economic: bool,
                 name: str, problems: list[Problem], seg_line: int, strict: bool = False) -> list[dict[str, Cell]]:
    """Cells by column for every raw line: by position for tabular sources,
    by :func:`govclass.readers.placement.place` for text."""
    n = len(cols)
    result: list[dict[str, Cell] | None] = [None] * len(raws)
    text_idx: list[int] = []
    for i, r in enumerate(raws):
        if r.cells is not None:
            cells = [c.strip() for c in r.cells]
            extra = [c for c in cells[n:] if c]
            if extra:
                problems.append(_problem("unreadable-line", name,
                                        f"line {r.line}: {len(extra)} figure(s) beyond the table's {n} columns",
                                        f"第 {r.line} 行：数字多于表的 {n} 栏", r.line))
            cells += [""] * (n - len(cells))
            result[i] = {c: parse_amount(v or None) for c, v in zip(cols, cells)}
        else:
            if len(r.figs) > n:
                problems.append(_problem("unreadable-line", name,
                                        f"line {r.line}: {len(r.figs)} figures for {n} columns; the last "
                                        f"{len(r.figs) - n} ignored", f"第 {r.line} 行：{len(r.figs)} 个数字多于 {n} 栏",
                                        r.line))
            text_idx.append(i)
    if not text_idx:
        return result  # type: ignore[return-value]
    codes = resolve_codes([r.code for r in raws], functional=not economic)
    present = {c: i for i, c in enumerate(codes) if c is not None}
    total_i = next((i for i, r in enumerate(raws) if r.total), None)
    parents: list[int | None] = []
    for i, c in enumerate(codes):
        if raws[i].total:
            parents.append(None)
            continue
        p = _sum_parent(c, present)
        parents.append(present[p] if p is not None else total_i)
    parsed = [[parse_amount(f) for f in r.figs[:n]] for r in raws]
    values = [[c.value or Decimal(0) for c in cells] for cells in parsed]
    decimals = max((c.decimals for cells in parsed for c in cells), default=2)
    colidx = {c: k for k, c in enumerate(cols)}
    relidx = [(colidx[r.total], tuple(colidx[p] for p in r.parts)) for r in rels]
    pl = place(values, parents, n, relidx, decimals, strict)
    for i in text_idx:
        cells = {c: BLANK for c in cols}
        for p, cell in zip(pl.positions[i], parsed[i]):
            cells[cols[p]] = cell
        result[i] = cells
    if pl.bounded:
        from govclass.limits import MAX_PLACEMENT_STEPS

        problems.append(_problem(
            "placement-search-bounded", name,
            f"the search for which columns the figures stand in stopped being exhaustive after "
            f"{MAX_PLACEMENT_STEPS:,} steps; the cheapest reading found was taken, a better one may exist",
            f"判断数字所在栏次的搜索超过 {MAX_PLACEMENT_STEPS:,} 步后不再穷尽；取已找到的最佳读法，可能另有更好读法",
            seg_line))
    if pl.readings > 1:
        lines = [raws[i].line for i in pl.ambiguous_lines]
        shown = ", ".join(map(str, lines[:8])) + (" …" if len(lines) > 8 else "")
        problems.append(_problem(
            "column-placement", name,
            f"plain text does not show which columns the figures of some lines stand in (source lines {shown}); "
            f"{pl.readings if pl.readings < 1000 else 'many'} readings add up equally well, the left-most was taken",
            f"纯文本未显示部分行的数字所在栏次（源行 {shown}）；有 {pl.readings if pl.readings < 1000 else '多'} 种读法"
            f"同样平衡，取最靠左的读法", seg_line))
    return result  # type: ignore[return-value]


def _any_lines(seg: Segment) -> bool:
    """Does a coded table print any code line (or figures at all)?"""
    for r in seg.rows:
        if r.cells is not None:
            c0 = r.cells[0].replace("\u3000", "").strip() if r.cells else ""
            if _CODE.match(c0) or any("." in c and _is_fig(c.strip().replace(" ", "")) for c in r.cells):
                return True
            continue
        toks = r.tokens
        if toks and (_CODE.match(toks[0]) or any(_is_fig(t) and "." in t for t in toks)):
            return True
    return False


def _table_from(seg: Segment, kind_id: str, problems: list[Problem],
                unit: str) -> Table | Statement | tuple[Table, tuple[Item, ...]]:
    kind = KINDS[kind_id]
    name = seg.name or kind.name
    if kind.shape == "statement":
        return _statement(seg, kind_id, kind, name, problems, unit)
    if kind.shape == "panels":
        return _panels(seg, kind, name, problems, unit)
    raws, count = _coded_raw(seg, problems, name)
    cols, rels = _columns(kind, count)
    economic = kind.shape == "economic"
    if kind.shape == "units":
        cells = _place_cells(raws, cols, rels, False, name, problems, seg.line, strict=True) if raws else []
        items = tuple(Item(f"{r.code or ''} {r.name}".strip(), c, None, None, r.line) for r, c in zip(raws, cells))
        return Statement(name, kind_id, unit, {"": cols}, items, seg.note, seg.line)
    cells = _place_cells(raws, cols, rels, economic, name, problems, seg.line) if raws else []
    indents = [r.indent for r in raws if r.code is not None and r.indent is not None]
    use_level = any(indents) and raws and raws[0].cells is None
    lines = []
    levels = tuple(LEVEL_OF_LENGTH.values())  # the indentation depth is the level
    for no, (r, c) in enumerate(zip(raws, cells), 1):
        level = None
        if use_level and r.code is not None and r.indent is not None and r.indent < len(levels):
            level = levels[r.indent]
        lines.append(Line(r.code, r.name or None, c, r.total, no, r.line, level))
    revenue = classification_of([ln.code for ln in lines if ln.code]) == "revenue"  # a 收入 table by revenue codes
    return Table(name, "revenue" if revenue else "economic" if economic else "functional", unit, cols, tuple(lines),
                 rels, kind_id, seg.note, seg.line)


def _panels(seg: Segment, kind: Kind, name: str, problems: list[Problem],
            unit: str) -> tuple[Table, tuple[Item, ...]]:
    """公开06表: groups of code, name and amount printed side by side, names
    wrapped over lines; read as one stream of groups.  The closing
    ``人员经费合计 … 公用经费合计 …`` line gives the panels' totals."""
    toks: list[tuple[str, int]] = []
    totals: list[Item] = []
    for row in seg.rows:
        words = row.tokens if row.cells is None else [c.strip() for c in row.cells if c.strip()]
        if any(w.startswith(("人员经费合计", "公用经费合计", "公用支出合计")) for w in words):
            label = None
            for w in words:
                if _is_fig(w) and label:
                    totals.append(Item(label, {"金额": parse_amount(w)}, None, None, row.no))
                    label = None
                elif not _is_fig(w):
                    label = w
            continue
        toks.extend((w, row.no) for w in words)
    lines: list[Line] = []
    cur: list = []  # [code, name parts, amount, line]

    def flush() -> None:
        if cur:
            lines.append(Line(cur[0], "".join(cur[1]) or None, {"金额": parse_amount(cur[2])}, False,
                              len(lines) + 1, cur[3], None))
            cur.clear()

    started = False
    for w, no in toks:
        if _CODE.match(w) and len(w) >= 3:
            flush()
            cur.extend([w, [], None, no])
            started = True
        elif not started:
            continue
        elif _is_fig(w):
            if cur and cur[2] is None:
                cur[2] = w
            else:
                problems.append(_problem("unreadable-line", name,
                                        f"line {no}: figure {w} with no code before it",
                                        f"第 {no} 行：数字 {w} 之前没有科目编码", no))
        elif cur and cur[2] is None:
            cur[1].append(w)
        elif w not in ("金额", "科目名称"):
            problems.append(_problem("unreadable-line", name, f"line {no}: stray text {w!r}",
                                    f"第 {no} 行：无法归属的文字“{w}”", no))
    flush()
    return Table(name, "economic", unit, ("金额",), tuple(lines), (), "final-06", seg.note, seg.line), tuple(totals)


_SIDE_OUT = ("支出", "结转下年", "年末结转和结余", "结余分配", "年末财政拨款结转和结余")
_SIDE_IN = ("收入", "上年结转", "年初结转和结余", "使用非财政拨款结余", "年初财政拨款结转和结余", "财政拨款")
_HEADER_WORDS = {"项目", "预算数", "决算数", "收入", "支出", "收", "入", "支", "出", "合计", "行次", "栏次", "小计",
                 "一般公共预算支出", "政府性基金预算支出", "国有资本经营预算支出", "项目(按支出功能科目类级)",
                 "项目(按支出功能科目)", "项目(按功能分类)", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                 "国有资本经营预算财政拨款", "年初预算数", "**"}


def _side(label: str, position: int) -> str:
    f = fold_label(label)
    if f.endswith("总计"):
        if "收入" in f:
            return "收入"
        if "支出" in f:
            return "支出"
        return "收入" if position == 0 else "支出"
    if any(w in f for w in _SIDE_OUT):
        if not ("收入" in f and "支出" not in f):
            return "支出"
    if any(w in f for w in _SIDE_IN):
        return "收入"
    return "收入" if position == 0 else "支出"


_BLANK_TOKENS = (*TEXT_DASHES, "")  # a statement's cell with no figure: a dash, or nothing


def _statement(seg: Segment, kind_id: str, kind: Kind, name: str, problems: list[Problem], unit: str) -> Statement:
    sides: dict[str, tuple[str, ...]] = kind.columns  # type: ignore[assignment]
    two = "收入" in sides
    items: list[Item] = []
    started = False
    for row in seg.rows:
        if row.cells is not None:
            words, where = [], []
            for k, c in enumerate(row.cells):
                c = c.strip()
                if c:
                    compact = c.replace(" ", "")
                    words.append(compact if _is_fig(compact) else c)
                    where.append(k)
        else:
            words = row.tokens
            where = list(range(len(words)))
        if not started:
            if not any(_is_fig(w) and ("." in w or "," in w) for w in words) and not any(
                    fold_label(w) in ("本年收入合计", "收入总计") for w in words):
                if not (kind.counts and any(_INT.match(w) for w in words[1:2]) and not _numbering(row)):
                    continue
            started = True
        # label / 行次 / figures groups
        groups: list[list] = []  # [label, row, figs, position of the label cell]
        for w, at in zip(words, where):
            if _is_fig(w) or w in TEXT_DASHES:
                if not groups:
                    groups.append([None, None, [], at - 1])
                g = groups[-1]
                if two and g[0] is not None and len(g[2]) >= len(sides[_side(g[0], len(groups) - 1)]):
                    g = [None, None, [], at - 1]  # the row's other side prints a figure with no label
                    groups.append(g)
                if row.cells is not None and g[1] is None:
                    while len(g[2]) < at - g[3] - 1:  # blank cells between the label and this figure
                        g[2].append("")
                if kind.final and g[1] is None and not g[2] and _INT.match(w) and int(w) < 200:
                    g[1] = int(w)  # 行次 (also of a numbered row with no label: its side is blank)
                elif kind.final and not kind.counts and _INT.match(w) and (g[2] or g[1] is not None):
                    groups.append([None, int(w), [], at])  # the 行次 of the next, unlabelled, item
                else:
                    g[2].append(w)
            else:
                if groups and groups[-1][0] is not None and not groups[-1][2] and groups[-1][1] is None and (
                        not two or _side(groups[-1][0], 0) == _side(w, 1)) and _continues(groups[-1][0], w):
                    groups[-1][0] += w  # a label wrapped or split by a space
                    continue
                groups.append([w, None, [], at])
        pos = 0
        for label, rowno, figs, _at in groups:
            if label is None:
                if not any(figs):
                    pos += 1
                    continue
                label = ""  # figures printed with no label
            if not figs and rowno is None and (fold_label(label) in _HEADER_WORDS or UNIT_LINE.search(label)) \
                    and not ENUMERATION.match(label):
                continue
            side = _side(label, pos) if two else ""
            pos += 1
            cols = sides[side]
            cells = {c: BLANK for c in cols}
            if len(figs) > len(cols):
                problems.append(_problem("unreadable-line", name,
                                        f"line {row.no}: {len(figs)} figures for {len(cols)} column(s) of {label}",
                                        f"第 {row.no} 行：“{label}”的数字多于栏数", row.no))
            for c, f in zip(cols, figs):
                cells[c] = parse_amount(None if f in _BLANK_TOKENS else f)
            items.append(Item(label, cells, side or None, rowno, row.no))
    return Statement(name, kind_id, unit, dict(sides), tuple(items), seg.note, seg.line)


def _continues(label: str, word: str) -> bool:
    """Is ``word`` the rest of ``label`` (wrapped), not a new label?"""
    if re.match(r"^(?:[一二三四五六七八九十]+、|[（(]|\d+[.．、]|其中)", word):
        return False
    f = fold_label(label)
    return not f.endswith(("收入", "支出", "合计", "总计", "结余", "结转", "拨款", "费", ")", "）", "数")) and len(word) <= 6


# -- the reader ---------------------------------------------------------------------

def read_disclosure(text: str, where: str = "<text>", fmt: str | None = None) -> Document:
    fmt = fmt or detect_format(text)
    rows = make_rows(text, fmt)
    year, doc_kind = _year_kind(rows)
    final = doc_kind == "决算"
    segs, waiting = segment(rows, final)
    problems: list[Problem] = []
    tables: list[Table] = []
    statements: list[Statement] = []
    seen: set[str] = set()
    default_unit = next((s.unit for s in segs if s.unit), None) or "万元"
    for seg in segs:
        if seg.kind is None:
            header = " ".join(r.text for r in seg.rows[:12] if not _has_data(r))
            seg.kind = _signature(header, seen)
            if seg.kind is None:
                problems.append(_problem("unreadable-table", f"line {seg.line}",
                                        f"a table opened at line {seg.line} has no title and no header govclass "
                                        f"knows; not read", f"第 {seg.line} 行开始的表没有标题，表头无法识别，未读取",
                                        seg.line))
                continue
            seg.name = KINDS[seg.kind].name
        seen.add(seg.kind)
        for at, note in waiting:
            if at < seg.line and any(w in note and seg.kind in ks for w, ks in _NOTE_KINDS) and seg.note is None:
                seg.note = note
        unit = seg.unit or default_unit
        if KINDS[seg.kind].shape != "statement" and not _any_lines(seg):
            empty_ok = seg.note is not None
            kind = KINDS[seg.kind]
            if kind.shape in ("functional", "economic"):
                cols, rels = _columns(kind, None)
                tables.append(Table(seg.name, kind.shape, unit, cols, (), rels, seg.kind, seg.note, seg.line))
            elif kind.shape == "units":
                cols, _r = _columns(kind, None)
                statements.append(Statement(seg.name, seg.kind, unit, {"": cols}, (), seg.note, seg.line))
            else:
                problems.append(_problem("unreadable-table", seg.name,
                                        f"{seg.name} (line {seg.line}) has a title but no rows govclass can read",
                                        f"{seg.name}（第 {seg.line} 行）只有标题，没有可读取的行", seg.line))
            if not empty_ok:
                problems.append(_problem("empty-table", seg.name,
                                        f"{seg.name} (line {seg.line}) prints no lines and no note saying why",
                                        f"{seg.name}（第 {seg.line} 行）为空表，且没有说明", seg.line))
            continue
        obj = _table_from(seg, seg.kind, problems, unit)
        totals: tuple[Item, ...] = ()
        if isinstance(obj, tuple):
            obj, totals = obj
        if isinstance(obj, Table):
            if not obj.lines:
                problems.append(_problem("unreadable-table", obj.name,
                                        f"{obj.name} (line {seg.line}) has rows but no code lines could be read",
                                        f"{obj.name}（第 {seg.line} 行）有内容但读不出科目行", seg.line))
            tables.append(obj)
            if totals:
                statements.append(Statement(obj.name + "（合计行）", "final-06-totals", unit, {"": ("金额",)},
                                            totals, None, seg.line))
        elif obj is not None:
            if not obj.items:
                problems.append(_problem("unreadable-table", obj.name,
                                        f"{obj.name} (line {seg.line}) has rows but none could be read",
                                        f"{obj.name}（第 {seg.line} 行）有内容但读不出任何行", seg.line))
            statements.append(obj)
    found = {t.kind for t in tables} | {s.kind for s in statements} | {
        p.table for p in problems if p.rule == "unreadable-table"}
    expected = FINAL_KINDS if final else BUDGET_KINDS
    if tables or statements:
        for k in expected:
            if k not in found and KINDS[k].name not in found:
                problems.append(_problem("missing-table", KINDS[k].name,
                                        f"the document does not print the standard table {KINDS[k].name}",
                                        f"文档中没有标准表“{KINDS[k].name}”", None))
    return Document(tuple(tables), year, _doc_title(rows), doc_kind, where, tuple(statements), tuple(problems), fmt)


def document_facts(text: str, fmt: str) -> tuple[int | None, str | None, str | None]:
    """The year, kind (预算/决算) and title a disclosure's text prints, as this
    reader finds them (the spreadsheet reader reads its tables itself)."""
    rows = make_rows(text, fmt)
    year, kind = _year_kind(rows)
    return year, kind, _doc_title(rows)


def finished(doc: Document, path: str, fmt: str | None, year: int | None, narrative: tuple = ()) -> Document:
    """The document a disclosure reader returns: refused (:class:`InputError`)
    when no table at all was found; ``fmt`` (when given) names the file's
    format, ``year`` (when given) overrides the printed year and
    ``narrative`` is the document's text as units (govclass.readers.narrative)."""
    import attrs

    proven_wrong = doc.proof is not None and doc.proof.fails_without_tables(doc.kind)  # the census says what is not read
    if not doc.tables and not doc.statements and not any(p.severity == "error" for p in doc.problems) \
            and not proven_wrong:
        unread = [p for p in doc.problems if p.rule == "unreadable-table"]
        if unread:
            raise InputError(f"{path}: {unread[0].message}")
        raise NoBudgetError(f"{path}: no budget table found (no standard table title or header, and not a "
                            "code,name,… CSV table)")
    changes: dict = {}
    if narrative:
        changes["narrative"] = narrative
    if fmt is not None:
        changes["format"] = fmt
    if year is not None:
        changes["year"] = year
    doc = attrs.evolve(doc, **changes) if changes else doc
    return attach_claims(doc, title_kind=listed_title_kind)  # what its narrative says, as claims the validator checks


def listed_title_kind(title: str, final: bool) -> str | None:
    """The standard table a title (as a 目录 lists it) names, by this reader's vocabulary."""
    return _title_kind(Row(0, title, None, title.split()), final)


def _any_text(src: Source) -> bool:
    return True  # the last resort: any text may hold a disclosure; the reader says when it does not


@reader("text", "markdown", "tsv", sniff=_any_text, priority=100)
def read_disclosure_source(src: Source) -> Document:
    """A published disclosure as text; its layout (``src.fmt``) detected when not given."""
    return finished(read_disclosure(src.text, src.path, src.fmt), src.path, None, src.year, text_units(src.text))
