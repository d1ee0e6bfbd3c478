"""A classification code as tables print it: whole ("2050205", "205 02 05",
"2080101-行政运行"), or in parts, 类 | 款 | 项 in cells of their own, a blank
类 (or 款) carried from the row above, a 2-digit 款 or 项 under its 类.

One rule for every reader that sees cells: the PDF reader
(govclass.readers.pdf) and the spreadsheet reader
(govclass.readers.sheettables) both call it.
"""

from __future__ import annotations

import re

from govclass.rulebook import ERROR, declare
from govclass.vocabulary import fold_cell  # the vocabulary's, named here as before

__all__ = ["fold_cell", "CODE_TEXT", "CODE_NAME", "code_shape", "split_code_name", "are_code_parts", "group_code", "PART_HEADINGS"]

declare("unread-line", ERROR, "reading",
        "a row that prints a code and was not read: in a table that could not be read, or in no table read (the "
        "census of a PDF's coded rows): page (PDF) or sheet and row (XLSX) and the printed text given; a document "
        "with one never passes",
        "印有科目编码的行未读取：所在表格无法读取，或不在任何已读表格中（PDF 科目行清点）：给出页码（PDF）或工作表与行号（XLSX）"
        "及原文；有此类行的文档不能通过")

#: A code as a run of digits (2 to 9: a 款 or 项 alone, up to a 9-digit item).
CODE_TEXT = re.compile(r"^\d{2,9}$")
_SPACED_CODE = re.compile(r"^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?$")
CODE_NAME = re.compile(r"^(\d{3}(?:\s?\d{2}){0,3})\s*[]】］)）]?\s*[-－—、.．:：]?\s*([^\d\s.,，、:：()（）\]】］-].*)$")
#: The headings of the columns that hold the parts of one code.
PART_HEADINGS = ("类", "款", "项", "目")


def code_shape(code: str) -> bool:
    """What a classification code looks like: 3, 5, 7 or 9 digits (类, 款, 项,
    目; a local sub-item is 7 digits under a 5-digit economic 款), revenue
    starting with 1, expenditure with 2, economic with 3 or 5."""
    return len(code) in (3, 5, 7, 9) and code[0] in "1235" and code[1:3] != "00"


def split_code_name(text: str) -> tuple[str | None, str]:
    """("2080101", "行政运行") from "2080101-行政运行", "201 03 01 行政运行" or "2080101"."""
    t = text.strip().lstrip("\u3000[【［")  # "[30101]基本工资" prints the code in brackets
    if not t:
        return None, ""
    m = CODE_NAME.match(t)
    if m and code_shape(m.group(1).replace(" ", "")):
        return m.group(1).replace(" ", ""), m.group(2).strip()
    compact = t.replace(" ", "")
    if CODE_TEXT.match(compact) and (" " not in t or _SPACED_CODE.match(t)) and (
            len(compact) == 2 or code_shape(compact)):
        return compact, ""
    return None, t


def are_code_parts(labels: list[str], cols: list[int], rows: list[list[str]]) -> bool:
    """Adjacent code columns that are the parts of one code (类/款/项): so
    headed, or holding nothing but 2- and 3-digit numbers."""
    leaves = [labels[k].split("/")[-1] for k in cols]
    if all(x in PART_HEADINGS for x in leaves):
        return True
    return all(not v or (v.isdigit() and len(v) <= 3) or v in ("类", "款", "项")
               for r in rows for v in (r[k].replace(" ", "") for k in cols))


def group_code(r: list[str], group: tuple[list[int], int | None], last: dict, catalog) -> tuple[str | None, str]:
    """The code and name a row prints in one code group (its code columns,
    and its name column).  ``last`` holds the last 类 (key 3) and 款 (key 5)
    read, for a part printed without the parts above it; it is updated."""
    code_cols, name_col = group
    name = r[name_col].strip() if name_col is not None else ""
    if len(code_cols) > 1:  # 类 / 款 / 项 in columns of their own
        parts = [r[k].replace(" ", "") for k in code_cols]
        if not any(parts):
            return None, name
        if not all(p.isdigit() for p in parts if p):
            return None, name
        lei, kuan, xiang = (parts + ["", "", ""])[:3]
        if lei and len(lei) == 3:
            code = lei + kuan + xiang
        elif not lei and kuan and last.get(3):
            code = last[3] + kuan + xiang
        elif not lei and not kuan and xiang and last.get(5):
            code = last[5] + xiang
        else:
            code = "".join(parts)
    else:
        code, rest = split_code_name(r[code_cols[0]])
        if code is None:
            return None, name
        if rest and not name:
            name = rest
        elif rest and name:
            name = rest + name if not name.startswith(rest) else name
    if len(code) == 2:  # a 款 or 项 printed without its 类 (or 类 and 款)
        candidates = [c for c in ((last[5] + code) if last.get(5) else None, (last[3] + code) if last.get(3) else None)
                      if c]
        chosen = None
        for c in candidates:
            entry = catalog.get(c)
            if entry is not None and name and fold_cell(entry.name) == fold_cell(name):
                chosen = c
                break
        if chosen is None:
            known = [c for c in candidates if catalog.get(c) is not None]
            chosen = known[0] if len(known) == 1 else (candidates[-1] if candidates and not last.get(5) else
                                                       (candidates[0] if candidates else None))
        if chosen is None:
            return None, name
        code = chosen
    if len(code) == 3:
        last[3], last[5] = code, None
    elif len(code) == 5:
        last[3], last[5] = code[:3], code
    elif len(code) == 7:
        last[3], last[5] = code[:3], code[:5]
    return code, name
