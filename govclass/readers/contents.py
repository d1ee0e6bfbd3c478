"""The tables a document's 目录 (contents) lists, as claims (``listed-table``: the document prints this table), each
with the page where the body prints its title, if it does: the narrative reader's, for listed-table-missing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from govclass.document import Claim, Subject

# -- the tables the 目录 lists ------------------------------------------------------

_CONTENTS = re.compile(r"^\s*(?:#+\s*)?目\s*录\s*$")
_LEADER = re.compile(r"(?:[.．·…・。\-_—\s]{3,}|\s)\s*\d{1,3}\s*$")
_ENTRY_START = re.compile(r"^\s*(?:[-*#]\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                          r"\d{1,2}(?:\.\d{1,2})?[、.．\s]|表\s*[一二三四五六七八九十\d]+|附表|《|公开\s*\d+\s*表|预算\s*\d+\s*表)")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_TITLE_NUMBER = re.compile(r"^(?:[-*#]\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                           r"\d{1,2}(?:\.\d{1,2})?[、.．]?|附表\s*\d*|表\s*[一二三四五六七八九十\d]+[-—]?\d*[：:]?|"
                           r"(?:公开|预算|部门预算)\s*\d+\s*表[：:]?)+")
# A title naming a whole part of tables (第二部分 …部门预算表, 预算草案报表), not one table
_GROUP = re.compile(r"(?:部门|单位)?(?:综合)?(?:预算|决算)?(?:草案)?(?:公开)?(?:报表|附表|公开表|预算表|决算表)$")
_TABLE_START = re.compile(r"部门|单位|收支|收入|支出|财政拨款|一般公共|政府性基金|国有资本|社会保险|社保|三公|机关运行|项目|"
                          r"整体|政府采购|国有资产|地方政府|债务|转移支付|税收返还|基本")
_KEY_DROP = str.maketrans("", "", " \t\u3000“”\"'‘’《》〈〉<>")
#: how close a printed title must be to the listed one to be the same table (项目绩效目标表 / 项目支出绩效目标表)
TITLE_LIKENESS = 0.8


def _table_key(title: str) -> str:
    """A table's title in comparison form: without numbering, years, the
    publisher's name, a trailing parenthesis (按功能分类) or spaces."""
    t = unicodedata.normalize("NFKC", title).translate(_KEY_DROP)
    t = _LEADER.sub("", t)
    t = _TITLE_NUMBER.sub("", t)
    t = re.sub(r"(?:19|20)\d{2}年度?", "", t)
    t = re.sub(r"[(（][^()（）]*[)）]$", "", t)
    m = _TABLE_START.search(t)
    return t[m.start():] if m else t


def _contents(units: tuple) -> tuple[list[tuple[str, int | None, int | None]], set[int]]:
    """The tables a 目录 lists ((title, line, page)) and the indices of its
    lines.  The 目录 is the block after a line "目录": its entries are short,
    numbered or followed by a page number; it ends at the first line that is
    not an entry (prose, a table row, a title printed alone)."""
    entries: list[tuple[str, int | None, int | None]] = []
    lines: set[int] = set()
    start = next((i for i, u in enumerate(units) if _CONTENTS.match(u.text)), None)
    if start is None:
        return entries, lines
    pending = ""
    for i in range(start + 1, len(units)):
        text = units[i].text.strip()
        if not text:
            continue
        if re.search(r"[。；;\t]|单位\s*[:：]", text) or len(text) > 70:
            break
        entry = _ENTRY_START.match(text) or _LEADER.search(text)
        if not entry and not pending:
            break
        lines.add(i)
        if _ENTRY_START.match(text):
            pending = ""  # a new entry: what was left open was a whole entry of its own (not a table)
        title = pending + text
        if not _LEADER.search(text) and not title.rstrip("》").endswith("表") and len(title) < 40 and not _PART.match(text):
            pending = title  # a title wrapped over two lines
            continue
        pending = ""
        clean = _LEADER.sub("", title).strip()
        if _PART.match(clean.lstrip("-*# ")) or not clean.rstrip("》）) ").rstrip("》").endswith("表"):
            continue
        key = _table_key(clean)
        if len(key) < 4 or _GROUP.fullmatch(key) or _GROUP.search(key) and len(_GROUP.search(key).group(0)) == len(key):
            continue
        entries.append((clean, units[i].line, units[i].page))
    return (entries if len(entries) >= 2 else []), lines


def listed_tables(units: tuple, read: "tuple[tuple[str, str | None], ...]", final: bool, title_kind=None) -> list[Claim]:
    """A ``listed-table`` claim for each table the 目录 lists: printed where
    the body prints its title (``printed_at``: the page, else the line), or
    a read table, statement or unreadable table bears it (its name, or the
    standard table both titles name: 单位收入总表 listed, 部门收入总表 printed);
    None when neither, with a note when some pages carry no text (the title
    may be there).  ``read``: (name, kind) of what the readers read;
    ``title_kind(title, final)``: the standard table a title names (the
    reader's vocabulary of titles), if the reader has one."""
    entries, toc = _contents(units)
    if not entries:
        return []
    kinds = {k for _n, k in read if k}
    pages: dict = {}
    for i, u in enumerate(units):
        if i not in toc:
            pages.setdefault(u.page if u.page is not None else u.line, []).append(u.text)
    text = {p: "".join(t).translate(_KEY_DROP) for p, t in pages.items()}
    textless = sorted(p for p, t in pages.items() if units[0].page is not None and not "".join(t).strip())
    titled = [(p, _table_key(title)) for p, ts in pages.items() for title in _title_lines(ts)]
    names = [_table_key(n) for n, _k in read if n]
    out = []
    for title, line, page in entries:
        key = _table_key(title)
        at = next((p for p, t in text.items() if key in _table_key_text(t)), None)
        if at is None:
            at = next((p for p, k in titled if _alike(key, k)), None)
        kind = title_kind(_bare_title(title), final) if title_kind is not None else None
        if at is None and (any(_alike(key, k) or key in k for k in names) or kind in kinds and kind != "other"):
            at = page if page is not None else line  # read as a table; where its title is, the reader knows
        note = None
        if at is None and textless:
            note = f"pages {', '.join(map(str, textless[:5]))} carry no text: the table may be printed there"
        out.append(Claim(title, Subject("listed-table", named=title), None, 0, None, title, "contents", title, line, page,
                         printed_at=at, note=note))
    return out


def _bare_title(title: str) -> str:
    """A 目录 entry as a title: without its marker, numbering and 《》."""
    return _TITLE_NUMBER.sub("", title.strip().lstrip("-*# ")).strip("《》 ")


def _table_key_text(page_text: str) -> str:
    return unicodedata.normalize("NFKC", page_text)


def _title_lines(lines: list[str]) -> list[str]:
    """The lines of a page that may be a table's title: short, no sentence
    end, with 表 in them or in the line after (a title wrapped over two lines
    is given joined)."""
    out = []
    for i, line in enumerate(lines):
        t = line.strip()
        if not t or len(t) > 60 or re.search(r"[。；;]", t):
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if t.endswith("表"):
            out.append(t)
        elif nxt.endswith("表") and len(nxt) <= 30 and not re.search(r"[。；;]", nxt):
            out.append(t + nxt)
    return out


def _alike(a: str, b: str) -> bool:
    """The same title printed with a word more or less (项目绩效目标表 /
    项目支出绩效目标表; 政府性基金预算转移支付… / 政府性基金转移支付…)."""
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_LIKENESS
