"""The narrative of a disclosure: the sentences that state figures in words.

A 部门预算/决算 disclosure restates its tables in prose (预算编制说明, 情况说明,
“三公”经费说明, 机关运行经费 …): "财政拨款收入1522.89万元，较上年预算安排减少
117.06万元，下降7.1%"; a government's budget report states 全市 and 本级
figures of the past year's execution and of the new budget.
:func:`read_narrative` turns the document's text, given as :class:`TextUnit`
(a line of text with its source line and/or page), into structured claims
(:class:`govclass.document.Claim`) before anything is checked:

* the amount, its unit (元/万元/亿元) and printed decimals;
* its subject as printed ("2024 年南昌市医疗保障局收入预算总额为") and as
  understood (:class:`~govclass.document.Subject`: a total, a source, a
  column, a 三公 item, 机关运行经费, or a classification code resolved with
  the catalog, by name, by path or by the codes a path prints);
* whose money it is (``scope``: the department, a unit, a project, 全市/全省,
  本级, the 部门预算 of a government, a district or zone), the year and the
  measure (预算, 调整预算, 执行, 决算) of the figure: from the words before the
  amount, the sentence, the paragraph and the headings above it ("一、2025年
  预算执行情况", "（二）市本级…"), and the document (a department's
  disclosure speaks of its own year); unknown when none of these says;
* the section it stands in (收入/支出/财政拨款/一般公共预算/基本支出/三公 …),
  which says which table holds the same figure, and the paragraph;
* its comparison: the year compared with, the direction words (增加/减少/持平),
  the change amount and the percentage with its printed decimals, or the
  paragraph's own earlier figure the percentage compares with ("2024年预算执行数
  为X万元，2025年预算安排Y万元，比上年减少Z%"); a share or a completion;
  "决算数大于（小于、等于）预算数" with the two figures of its paragraph;
* the sentence and where it is (page and/or line).

The tables a 目录 lists become claims too (``listed-table``: the document
prints this table), with the page where the body prints the title, if it does.

The reader knows nothing of the table reader: it reads text units, so any
reader (plain text, markdown, PDF page text) can hand it its text;
:func:`attach_claims` gives a finished document its claims.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import attrs

from govclass.document import ACTUAL, Claim, Document, Sentence, Stated, Subject
from govclass.readers.contents import listed_tables
from govclass.readers.narrative_subjects import FOLD, understand

__all__ = ["TextUnit", "Subject", "Claim", "Narrative", "read_narrative", "attach_claims", "text_units",
           "pdf_page_units"]


class TextUnit(NamedTuple):
    """One line of a document's text and where it is printed."""

    text: str
    line: int | None = None  # 1-based line of the source text
    page: int | None = None  # 1-based page of a PDF


@attrs.frozen(slots=True)
class Narrative:
    """What the reader found: the claims, and the sentences it looked at
    (for the rules that read words rather than figures)."""

    claims: tuple[Claim, ...]
    sentences: tuple[Sentence, ...]


# -- text units ------------------------------------------------------------------

_TABLE_ROW = re.compile(r"\t|^\s*\|")


def text_units(text: str) -> tuple[TextUnit, ...]:
    """The lines of a plain-text or markdown document, numbered from 1, with
    the PDF page marker of :func:`govclass.sheets.pdf_text` (a line that is
    exactly "\\f") turned into page numbers."""
    out = []
    page = 1 if "\f" in text else None
    for i, line in enumerate(text.split("\n"), 1):
        if line == "\f":
            page = (page or 1) + 1
            continue
        out.append(TextUnit(line, i, page))
    return tuple(out)


def pdf_page_units(path_or_bytes: "str | bytes") -> tuple[TextUnit, ...]:
    """The text of each page of a PDF (PDFium's text, line by line), with its
    page number; the line is counted within the page.  Needs pypdfium2."""
    import pypdfium2  # the optional pdf extra: loaded only for a PDF

    pdf = pypdfium2.PdfDocument(path_or_bytes)
    out = []
    try:
        for p in range(len(pdf)):
            page = pdf[p]
            tp = page.get_textpage()
            try:
                text = tp.get_text_range()
            finally:
                tp.close()
                page.close()
            for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
                out.append(TextUnit(line, i, p + 1))
    finally:
        pdf.close()
    return tuple(out)


# -- sections --------------------------------------------------------------------

_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:-\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|"
                      r"[（(][一二三四五六七八九十]+[)）]|\d{4}\s*年.{0,30}(?:说明|情况)\s*$)")
# First match wins: the more specific words first.
_SECTIONS = (
    ("三公", "sangong"), ("机关运行", "admin"), ("政府采购", "procurement"), ("国有资产", "assets"),
    ("资产占有", "assets"), ("绩效", "performance"), ("附件", "annex"), ("附表", "tables"), ("名词解释", "glossary"), ("项目", "projects"),
    ("基本支出", "basic"), ("一般公共预算", "gpb"), ("财政拨款", "fiscal"), ("政府性基金", "gf"),
    ("国有资本", "soc"), ("收支", "summary"), ("收入", "income"), ("支出", "expenditure"),
    ("编制说明", "summary"), ("情况说明", "summary"),
)


_GENERIC = ("income", "expenditure", "summary")
_SPECIFIC = ("fiscal", "gpb", "basic", "gf", "soc", "sangong", "admin")


def _section_of(heading: str) -> str | None:
    for word, section in _SECTIONS:
        if word in heading:
            return section
    return None


# -- figures ---------------------------------------------------------------------

# A figure starts where no digit or comma precedes it and has at most 40 digits and commas before its
# point: inside a run of digits nothing matches, so a long run costs its length, not its square.
_NUM = r"(?<![\d,])[-−－]?\d(?:[\d,]{0,40}\d)?(?:\s?[.．]\s?\d{1,20})?"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|元)(?!\s*[/／（(]?\s*(?:人|每|台|套|辆|平方|㎡|吨|次|个))")
_PERCENT = re.compile(rf"(?P<num>{_NUM})\s*(?:个百分点)?\s*[%％]")
_THRESHOLD = re.compile(r"\s*(?:[（(]含[)）])?\s*(?:以上|以下|及以上|及以下)")
_LIST_ITEM = re.compile(r"^(?:[-*]\s*)?(?:\d{1,2}\s*[)）、.．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])")
_TABLE_TITLE = re.compile(r"^[^。；，,]{0,40}(?:表|情况表)\s*$|^(?:填报|编制)单位|^\s*单位\s*[:：]")
_PERFORMANCE = re.compile(r"绩效目标|一级指标|指标值|项目名称")
_SENTENCE_END = re.compile(r"[。；;!?！？]")
_UP, _DOWN = "up", "down"
_UP_WORDS = ("增加", "增长", "上升", "提高", "增")
_DOWN_WORDS = ("减少", "下降", "降低", "压减", "减")
_FLAT = re.compile(r"持平|保持一致|与上年一致|与上年[^，。；\d]{0,6}相同|无变化|没有变化|与上年安排数一致")
_COMPARE = re.compile(r"(?:较|比|同比|相比|与)\s*(?P<base>(?:(?P<year>\d{4})\s*年?(?:度)?)?(?:（?上年）?|上年度|去年|年初)?"
                      r"[^，,。；;0-9]{0,12}?)(?P<dir>(?:增加|减少|增长|下降|降低|上升|提高|压减|持平|一致|相同|增|减|[（(/、]|[)）])+)")
_YEAR_LEAD = re.compile(r"(\d{4})\s*年")


def _number(text: str) -> tuple[Decimal, int] | None:
    norm = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").replace("−", "-")
    try:
        value = Decimal(norm)
    except InvalidOperation:
        return None
    exp = value.as_tuple().exponent
    return value, (-exp if isinstance(exp, int) and exp < 0 else 0)


def _direction(word: str) -> str | None:
    word = word.strip("（()）/、")
    if ("增" in word or "上升" in word or "提高" in word) and ("减" in word or "下降" in word or "降低" in word):
        return "both"
    if word in ("持平", "一致", "相同"):
        return "flat"
    if any(word.startswith(w) for w in _UP_WORDS):
        return _UP
    if any(word.startswith(w) for w in _DOWN_WORDS):
        return _DOWN
    return None


_SUBJECT_CUT = re.compile(r"[（(]含|[，,、：:；;（(]?\s*(?:其中|包括|具体为|主要是)?\s*[：:]\s*|[，,、；;]")
_LEADING = re.compile(r"^(?:\s|[-*#>]|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                      r"\d+\s*[)）、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|按支出[^：:]*[：:])+")


# "1.住房公积金(项):支出 1,073.77 万元": the words before the colon name what the bare 支出 is of
_LABELLED = re.compile(r"([^，,、；;：:]{2,40}?)\s*[：:]\s*((?:支出|收入)(?:预算|决算)?数?(?:为|是)?)\s*$")


def _subject_text(gap: str) -> str:
    """The words that name what an amount is: the text since the previous
    figure, cut at the last clause separator."""
    labelled = _LABELLED.search(gap)
    if labelled and not re.search(r"其中|包括|具体为|主要是", labelled.group(1)):
        return _LEADING.sub("", labelled.group(1) + labelled.group(2)).strip()
    parts = _SUBJECT_CUT.split(gap)
    text = ""
    for part in reversed(parts):
        if part and part.strip(" “”\"'"):
            text = part
            break
    return _LEADING.sub("", text).strip()


# -- the reader ------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # amount | percent
    start: int
    end: int
    value: Decimal
    decimals: int
    unit: str | None
    raw: str


_PAGE_NUMBER = re.compile(r"[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")
_SPACED_DIGITS = re.compile(r"\d [\d,.] \d [\d,.]")
_SPACED_JOIN = re.compile(r"(?<=[\d,.]) (?=[\d,.])")


# a heading that names a class (（一）科学技术支出（类）) is a list inside its section
_CLASS_HEADING = re.compile(r"[（(]类[)）]|^[（(][一二三四五六七八九十]+[)）][^，。预情说]{2,20}支出$")


def _page_furniture(units) -> frozenset[str]:
    """Running headers and footers of a PDF: a line printed at the top or the
    bottom of at least three pages."""
    if not units or units[0].page is None:
        return frozenset()
    pages: dict[int, list[str]] = {}
    for u in units:
        if u.text.strip():
            pages.setdefault(u.page, []).append(u.text.strip())
    seen: dict[str, int] = {}
    for lines in pages.values():
        for text in set(lines[:2] + lines[-2:]):
            seen[text] = seen.get(text, 0) + 1
    return frozenset(t for t, n in seen.items() if n >= 3 and not re.search(r"[。；]", t))


class _Raw(NamedTuple):
    """A sentence as :func:`_sentences` cuts it: ``heading`` is its level
    when it is a heading (0 第X部分, 1 一、, 2 （一） or "2025年…情况"), ``block``
    the paragraph it stands in (a new one at each heading, list item, table or
    performance form)."""

    text: str
    line: int | None
    page: int | None
    section: str
    block: int
    heading: int | None = None
    item: bool = False  # its paragraph starts at a list item (1. （1） ①)


def _heading_level(text: str) -> int:
    t = re.sub(r"^\s*(?:#+\s*)?(?:-\s*)?", "", text)
    if t.startswith("第"):
        return 0
    if re.match(r"[一二三四五六七八九十]+[、.．]", t):
        return 1
    return 2


def _sentences(units: "tuple[TextUnit, ...] | list[TextUnit]"):
    """The :class:`_Raw` sentences: prose joined across wrapped lines and
    cut at 。；!?, headings starting a new sentence and setting the section."""
    section = parent = "other"
    buf: list[str] = []
    furniture = _page_furniture(units)
    at: tuple[int | None, int | None] = (None, None)
    block = 0
    item = False

    def flush(heading: int | None = None):
        nonlocal buf
        text = "".join(buf).strip()
        buf = []
        if text:
            yield _Raw(text, at[0], at[1], section, block, heading, item)

    for u in units:
        line = u.text
        if _TABLE_ROW.search(line) and not re.search(r"[。；，]", line):
            yield from flush()
            block, item = block + 1, False
            continue
        stripped = line.strip()
        if not stripped or stripped in furniture or _PAGE_NUMBER.fullmatch(stripped):
            continue
        if _SPACED_DIGITS.search(stripped):
            stripped = _SPACED_JOIN.sub("", stripped)
        if _HEADING.match(stripped) and len(stripped) <= 60 and not _AMOUNT.search(stripped):
            yield from flush()
            block, item = block + 1, False
            found = _section_of(stripped)
            top = re.match(r"\s*(?:#+\s*)?第[一二三四五六七八九十]+部分", stripped) is not None
            first_level = top or re.match(r"\s*(?:#+\s*)?[一二三四五六七八九十]+[、.．]", stripped) is not None
            if found is not None and not _CLASS_HEADING.search(stripped) and (section != "annex" or top):
                if first_level:
                    section = parent = found
                elif not (found in _GENERIC and parent in _SPECIFIC):
                    section = found  # a sub-heading's 收入/支出 stays inside a 财政拨款 or 一般公共预算 part
            at = (u.line, u.page)
            buf.append(stripped)
            yield from flush(_heading_level(stripped))
            continue
        if _LIST_ITEM.match(stripped) or _TABLE_TITLE.search(stripped):
            yield from flush()
            block, item = block + 1, bool(_LIST_ITEM.match(stripped))
            if _TABLE_TITLE.search(stripped):
                section = parent = "tables"
        if _PERFORMANCE.search(stripped):
            yield from flush()
            block, item = block + 1, False
            section = parent = "performance"
        pos = 0
        for m in _SENTENCE_END.finditer(stripped):
            if not buf:
                at = (u.line, u.page)
            buf.append(stripped[pos:m.end()])
            pos = m.end()
            yield from flush()
        if pos < len(stripped):
            if not buf:
                at = (u.line, u.page)
            buf.append(stripped[pos:])
    yield from flush()


def _tokens(sentence: str) -> list[_Token]:
    out = []
    for m in _AMOUNT.finditer(sentence):
        if _THRESHOLD.match(sentence, m.end()):
            continue
        parsed = _number(m.group("num"))
        if parsed is not None:
            out.append(_Token("amount", m.start(), m.end(), parsed[0], parsed[1], m.group("unit"), m.group(0)))
    for m in _PERCENT.finditer(sentence):
        parsed = _number(m.group("num"))
        if parsed is not None:
            out.append(_Token("percent", m.start(), m.end(), parsed[0], parsed[1], None, m.group(0)))
    out.sort(key=lambda t: t.start)
    return out


# -- scope, year and measure ---------------------------------------------------------

# A word that names two (全市及市本级, 2025年执行和2026年预算): the context is known not to say one.
_AMBIGUOUS = "?"
_KEYS = ("scope", "year", "measure", "fund")

_WHOLE = re.compile(r"全(?:省|市|区|县|州|盟|旗|自治区|疆)(?![级内外])|汇总")
_OWN_LEVEL = re.compile(r"(?:省|市|区|县|州|自治区|盟|旗)本级|(?<![全各])本级(?=财政|政府|一般公共|政府性|国有|社会保险|社保|预算|"
                        r"收入|支出|部门|地方)|(?:省|市)级(?=财政|一般公共|政府性|国有|社会保险|社保|预算|收入|支出|安排)")
_DEPARTMENTS = re.compile(r"部门预算")
_REGION = re.compile(r"^(?:其中[：:]?)?(?P<r>(?![全本各])[\u4e00-\u9fff]{2,8}?(?:新区|开发区|高新区|园区|示范区|试验区|合作区|"
                     r"县|区|旗))(?=一般公共|政府性|国有|社会保险|财政|预算|收入|支出|地方|完成|实现)")
# a project named (信息化建设项目, “智慧医保”项目, 该项目), not the word in 项目支出, 支出项目类别, 一级项目 …
_PROJECT = re.compile(r"该项目|本项目|此项目|项目名称|(?<!支出)(?<!预算)(?<![按各级类个])(?<!其他)(?<!部分)(?<!重点)[\u4e00-\u9fff“”\"]{2}"
                      r"项目(?!支出|经费支出|预算支出|类别|个|数|库|绩效|情况|安排经费|资金情况|说明)")
_YEAR_WORD = re.compile(r"(?<![\d-])((?:19|20)\d{2})\s*(?:年度|年)")
_COMPARED_YEAR = re.compile(r"(?:比|较|同比|与|相比|对比|比较|超过|低于)\s*(?:19|20)\d{2}\s*年度?")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)?\d{2}")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|社会保险基金(?:预算)?|社保基金(?:预算)?|"
                         r"部门预算|单位预算|预算单位|预算稳定调节基金|预算绩效|预算管理|预算公开|预算法|预算内")
_FUNDS = (("一般公共预算", "gpb"), ("政府性基金", "gf"), ("国有资本经营", "soc"), ("社会保险基金", "ssf"),
          ("社保基金", "ssf"), ("财政专户", "special"))
_ACTUAL_WORD = re.compile(r"执行|完成|实际|决算")
_ADJUSTED_WORD = re.compile(r"调整预算|变动预算|调整后预算|调整数")
_BUDGET_STRONG = re.compile(r"预算草案|预算安排|年初预算|预算数|预计安排|安排")
_RELATIVE_YEAR = re.compile(r"^(?:上年|去年|上一年)(?!结转|结余|末)")


def _one(values: set):
    if not values:
        return None
    return next(iter(values)) if len(values) == 1 else _AMBIGUOUS


def _words(text: str, level: str | None) -> dict:
    """What the words of ``text`` say of scope, year, measure and fund (only
    what they say: a key is absent when they say nothing, _AMBIGUOUS when
    they name two).  ``level``: department | unit | government | None."""
    out: dict = {}
    if not text:
        return out
    t = text.translate(FOLD)
    government = level not in ("department", "unit")
    scopes = set()
    if _PROJECT.search(t):
        scopes.add("project")
    elif government and _DEPARTMENTS.search(t):
        scopes.add("departments")
    else:
        if _WHOLE.search(t):
            scopes.add("whole")
        if government and _OWN_LEVEL.search(t):
            scopes.add("本级")
        m = _REGION.search(t) if government else None
        if m and not scopes:
            scopes.add("region:" + m.group("r"))
    if scopes:
        out["scope"] = _one(scopes)
    if _YEAR_RANGE.search(t):
        out["year"] = _AMBIGUOUS
    else:
        years = {int(y) for y in _YEAR_WORD.findall(_COMPARED_YEAR.sub("", t))}
        if years:
            out["year"] = _one(years)
    plain = _FUND_NAMES.sub("", t)
    actual = _ACTUAL_WORD.search(plain)
    if "快报" in plain:
        out["measure"] = "快报"  # the flash figure, not the execution the text reports
    elif actual and _BUDGET_STRONG.search(plain) and not re.search(r"预算执行|执行预算", plain):
        out["measure"] = _AMBIGUOUS
    elif actual:
        out["measure"] = "决算" if "决算" in actual.group(0) or "决算" in plain else "执行"
    elif _ADJUSTED_WORD.search(plain):
        out["measure"] = "调整预算"
    elif "预算" in plain or _BUDGET_STRONG.search(plain):
        out["measure"] = "预算"
    funds = {f for word, f in _FUNDS if word in t}
    if funds:
        out["fund"] = _one(funds)
    return out


class _Context:
    """Scope, year, measure and fund as the headings above a sentence, the
    sentences of its part before it, and the document say them (see
    :meth:`resolve`)."""

    def __init__(self, level: str | None, defaults: dict) -> None:
        self.level = level
        self.defaults = defaults
        self.headings: dict[int, dict] = {}
        self.running: dict = {}  # key -> (value, the block that said it, or None: every block up to the next heading)

    def heading(self, level: int, text: str) -> None:
        for k in [k for k in self.headings if k >= level]:
            del self.headings[k]
        self.headings[level] = _words(text, self.level)
        self.running = {}

    def lead(self, text: str, raw: "_Raw") -> None:
        """The words before a sentence's first amount: its scope, year and
        fund hold for the sentences after it, up to the next heading (its
        measure is its own: "年初预算数为 A" says nothing of the next sentence;
        so is a project it names).  Said in a list item, or anywhere in a
        department's or unit's narrative (each paragraph its own item), they
        hold within the paragraph only; a government report's paragraph that
        introduces a list ("市本级一般公共预算支出…主要项目如下：") holds for
        its items."""
        scoped = raw.item or self.level in ("department", "unit")
        self.running.update((k, (v, raw.block if scoped else None)) for k, v in _words(text, self.level).items()
                            if k != "measure" and v != "project")

    def resolve(self, subject: str, lead: str, block: int) -> dict:
        """Each key from the first that says it: the words before the amount,
        the sentence's lead, the sentences before it, the headings (the
        nearest first), the document."""
        own = _words(subject, self.level)
        running = {k: v for k, (v, b) in self.running.items() if b is None or b == block}
        layers = [own, _words(lead, self.level), running,
                  *(self.headings[k] for k in sorted(self.headings, reverse=True)), self.defaults]
        out = {}
        for key in _KEYS:
            value = next((layer[key] for layer in layers if key in layer), None)
            out[key] = None if value == _AMBIGUOUS else value
        if "year" not in own and _RELATIVE_YEAR.search(subject.translate(FOLD)):
            out["year"] = out["year"] - 1 if out["year"] is not None else None  # 上年执行数: the year before
        return out


_UNIT_DOC = re.compile(r"单位(?:综合)?(?:预算|决算)")
_DEPT_DOC = re.compile(r"部门(?:综合)?(?:预算|决算)")
_GOVERNMENT_DOC = re.compile(r"预算执行情况|预算草案|财政决算|总决算|政府预算|人民代表大会")


def document_level(units, scope: str | None = None, title: str | None = None) -> str | None:
    """Whose narrative this is: ``department`` or ``unit`` (a 部门/单位
    disclosure, which speaks of its own money), ``government`` (a budget report
    or final account of a province or city, 全省/全市 and 本级), or None when the
    cover does not say."""
    if scope == "单位":
        return "unit"
    if scope == "部门":
        return "department"
    cover = (title or "") + "".join(u.text for u in list(units)[:80]).replace(" ", "")
    if _UNIT_DOC.search(cover) and not _DEPT_DOC.search(cover):
        return "unit"
    if _DEPT_DOC.search(cover):
        return "department"
    if _GOVERNMENT_DOC.search(cover):
        return "government"
    return None


# -- the reader ------------------------------------------------------------------


def read_narrative(units: "tuple[TextUnit, ...] | list[TextUnit]", catalog=None, *, level: str | None = None,
                   year: int | None = None, kind: str | None = None,
                   read: "tuple[tuple[str, str | None], ...]" = (), title_kind=None) -> Narrative:
    """The claims of a document's narrative (see the module's docstring).
    ``level`` (see :func:`document_level`), ``year`` and ``kind`` (预算/决算)
    are the document's: a department's or unit's narrative speaks of its own
    year and measure where its words do not say otherwise.  ``read`` are the
    (name, kind) of the tables read (a table the 目录 lists is printed if one
    of them is it) and ``title_kind`` the reader's vocabulary of titles (see
    :func:`attach_claims`)."""
    units = tuple(units)
    defaults: dict = {}
    if level in ("department", "unit"):
        defaults = {"scope": level, "year": year, "measure": "决算" if kind == "决算" else "预算" if kind == "预算" else None}
    ctx = _Context(level, defaults)
    sentences = []
    pending: list[tuple[dict, _Raw]] = []
    history: list[dict] = []
    history_section = None
    labels: dict[int, str] = {}  # block -> the item its paragraph is about ("1.公务接待费。", "（二）公务接待费")
    for raw in _sentences(units):
        sentences.append(Sentence(raw.text, raw.line, raw.page, raw.section))
        label = _label(raw)
        if label and raw.block not in labels:
            labels[raw.block] = label
        if raw.heading is not None:
            ctx.heading(raw.heading, raw.text)
            continue
        if raw.section != history_section:
            history, history_section = [], raw.section
        first = _AMOUNT.search(raw.text)
        lead = raw.text[:first.start()] if first else ""
        if first:
            ctx.lead(lead, raw)
        block = [d for d, r in pending if r.block == raw.block]
        for d in _claims(raw.text, raw.line, raw.page, raw.section, catalog, history, block, labels.get(raw.block)):
            d.update(ctx.resolve(d["subject_text"], lead, raw.block), block=raw.block, line=raw.line, page=raw.page)
            pending.append((d, raw))
        versus = _versus(raw, [d for d, r in pending if r.block == raw.block])
        if versus is not None:
            pending.append((versus, raw))
    claims = _finish(pending, catalog)
    claims.extend(listed_tables(units, read, kind == "决算", title_kind))
    return Narrative(tuple(claims), tuple(sentences))


def _finish(pending: list[tuple[dict, _Raw]], catalog) -> list[Claim]:
    """The claims of the parsed sentences: subjects understood, the base of a
    percentage stated without its change found in the paragraph, an economic
    class listed under 基本支出/项目支出 marked so."""
    claims: list[Claim] = []
    context: str | None = None
    last_section = None
    last_sentence = None
    for i, (d, raw) in enumerate(pending):
        sentence, section = raw.text, raw.section
        base = _base_of(d, [e for e, r in pending[:i] if r.block == raw.block])
        d = {k: v for k, v in d.items() if k not in _WORK_KEYS}
        r = d.get("ratio")
        if r is not None:
            of = r["of"]
            d["ratio"] = (r["kind"], r["percent"], r["decimals"], (d["amount"], d["decimals"], d["unit"]),
                          None if of is None else (of["amount"], of["decimals"], of["unit"]), r["text"])
            d["of"] = None if of is None else _stated(of)
        if d.get("subject") is None:
            subj = understand(d["subject_text"], section, catalog)
            if subj.kind not in ("code", "other") and re.search(r"该项目|本项目|此项目", sentence):
                subj = Subject("other", named=d["subject_text"])  # a project's own money, not the budget's
            if d["subject_text"].startswith(("（未指明）", "（增减额）")):
                subj = Subject("other", named=d["subject_text"])
            d["subject"] = subj
        claim = Claim(section=section, sentence=sentence, base=base, **d)
        if section != last_section or (sentence is not last_sentence and ("按支出" in sentence or "按经济" in sentence)):
            context, last_section = None, section
        last_sentence = sentence
        if claim.subject.kind in ("basic", "project"):
            context = claim.subject.kind
        elif claim.subject.kind == "code" and claim.subject.classification != "functional" and context:
            claim = attrs.evolve(claim, context=context)
        elif claim.subject.kind != "code":
            context = None
        claims.append(claim)
    return claims


# the working keys of a claim being parsed (not the claim's fields)
_WORK_KEYS = ("done", "whole", "core", "start")


def _stated(d: dict) -> Stated:
    return Stated(d["raw"], d["amount"], d["decimals"], d["unit"], d["subject_text"], d.get("line"), d.get("page"))


def _base_of(d: dict, before: list[dict]) -> Stated | None:
    """The paragraph's own figure a percentage with no change amount compares
    with: "2024年…预算执行数为X万元，2025年预算安排Y万元，比上年减少Z%" (Z of Y
    against X).  The nearest earlier amount of the paragraph with the same
    subject and the year compared with (and the measure, when the comparison
    names one); None when the paragraph states none."""
    if d.get("percent") is None or d.get("change") is not None or d.get("direction") not in ("up", "down"):
        return None
    if d.get("amount") is None or d.get("year") is None or not d.get("core"):
        return None
    want_year = d["base_year"] if d.get("base_year") is not None else d["year"] - 1
    words = d.get("compare_text") or ""
    want_measure = "actual" if _ACTUAL_WORD.search(words) else "预算" if "预算" in words else None
    for e in reversed(before):
        if e.get("amount") is None or e.get("core") != d["core"] or e.get("year") != want_year:
            continue
        if want_measure == "actual" and e.get("measure") not in ACTUAL:
            continue
        if want_measure == "预算" and e.get("measure") != "预算":
            continue
        return _stated(e)
    return None


_VERSUS_WORD = r"大于|小于|等于|高于|低于|超过|少于|多于|增加|减少|持平|一致|相等|相同"
_ACTUAL_SIDE = r"(?:决算数?|执行数?|实际支出数?|实际数)"
_BUDGET_SIDE = r"(?:年初)?(?:预算数?|预算安排数?)"
# "决算数大于预算数", "决算数较年初预算数减少", "预算数大于决算数"
_VERSUS = re.compile(rf"{_ACTUAL_SIDE}\s*(?P<w>{_VERSUS_WORD})\s*{_BUDGET_SIDE}"
                     rf"|{_ACTUAL_SIDE}\s*(?:较|比|与)\s*{_BUDGET_SIDE}\s*(?:相比)?\s*(?P<w2>{_VERSUS_WORD})"
                     rf"|{_BUDGET_SIDE}\s*(?P<rw>{_VERSUS_WORD})\s*{_ACTUAL_SIDE}"
                     rf"|{_BUDGET_SIDE}\s*(?:较|比|与)\s*{_ACTUAL_SIDE}\s*(?:相比)?\s*(?P<rw2>{_VERSUS_WORD})")
_VERSUS_UP = ("大于", "高于", "超过", "多于", "增加")
_VERSUS_DOWN = ("小于", "低于", "少于", "减少")


def _versus(raw: _Raw, block: list[dict]) -> dict | None:
    """"决算数大于（小于、等于）预算数的主要原因…" as a claim on the two figures
    its paragraph states of one subject: the nearest 决算数 before it and the
    预算数 of the same subject (``versus``), or a note saying which is missing."""
    m = _VERSUS.search(raw.text.replace(" ", ""))
    if m is None:
        return None
    word = m.group("w") or m.group("w2") or m.group("rw") or m.group("rw2")
    direction = "up" if word in _VERSUS_UP else "down" if word in _VERSUS_DOWN else "flat"
    if (m.group("rw") or m.group("rw2")) and direction != "flat":
        direction = "down" if direction == "up" else "up"  # 预算数大于决算数: the 决算 is the smaller
    actual = next((d for d in reversed(block) if d.get("amount") is not None and d.get("measure") in ACTUAL), None)
    budget = None if actual is None else next(
        (d for d in reversed(block) if d.get("amount") is not None and d.get("measure") == "预算"
         and d.get("core") == actual.get("core")), None)
    subject_text = actual["subject_text"] if actual is not None else m.group(0)
    d = dict(subject_text=subject_text, subject=Subject("other", named=actual.get("core") if actual else None),
             amount=None, decimals=0, unit=None, raw=m.group(0), compare_text=m.group(0), direction=direction,
             block=raw.block, scope=None, year=None, measure=None, line=raw.line, page=raw.page)
    if actual is None or budget is None:
        d["note"] = "the paragraph does not state both the 决算数 and the 预算数 it compares"
    else:
        d["versus"] = (_stated(actual), _stated(budget))
        d.update(scope=actual.get("scope"), year=actual.get("year"), measure=actual.get("measure"))
    return d


_LABEL = re.compile(r"^(?:[-*#\s]*)(?:[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.．、)）]|[①②③④⑤⑥⑦⑧⑨⑩])\s*"
                    r"(?P<name>[^，,。；;：:\d]{2,20}?)[。．.：:]?$")


def _label(raw: "_Raw") -> str | None:
    """The item a paragraph is about when its first line names it alone:
    "1.公务接待费。", "（二）公务接待费" (not a heading of a part: …情况, …说明)."""
    m = _LABEL.match(raw.text)
    if m is None or _AMOUNT.search(raw.text) or re.search(r"(?:情况|说明|概况|表|部分)$", m.group("name")):
        return None
    return m.group("name").translate(FOLD)


def _claims(sentence: str, line, page, section: str, catalog, history: list[dict], block: list[dict],
            label: str | None = None) -> list[dict]:
    """The claims a sentence states, as dicts (see :func:`_finish`); ``history``
    holds the claims of the section so far, ``block`` those of the paragraph,
    ``label`` the item the paragraph names, if it does."""
    tokens = _tokens(sentence)
    out: list[dict] = []
    prev_end = 0
    for tok in tokens:
        gap = sentence[prev_end:tok.start]
        cur = out[-1] if out else None
        if tok.kind == "amount":
            cmp = _COMPARE.search(gap)
            if cur is not None and cmp is not None and not _SUBJECT_BREAK.search(gap[:cmp.start()]):
                named = _cjk(gap[:cmp.start()])
                target = cur if not named else next(
                    (d for d in reversed(out) if d["change"] is None and named in d["subject_text"]), None)
                if target is not None and target["change"] is None:
                    _set_compare(target, cmp)
                    target["change"], target["change_decimals"], target["change_unit"] = tok.value, tok.decimals, tok.unit
                    if target is not cur:
                        out.append(target)  # the percentage that follows is its (listed once: see "done")
                    prev_end = tok.end
                    continue
            if cur is not None and cur["direction"] is None:
                _flat(cur, gap)
            subject = _subject_text(gap)
            moved = _CHANGE_SUBJECT.fullmatch(subject)
            if moved and (re.search(r"相比|较|比", sentence[:tok.start]) or history):
                named = moved.group(1)
                target = next((d for d in reversed(out + history[-3:]) if d["change"] is None and
                               d["subject_text"].endswith(named) and d.get("direction") is None), None)
                if target is None:
                    subject = "（增减额）" + subject  # the change of something stated where we cannot tell
                else:
                    target["compare_text"] = subject
                    target["direction"] = _direction(moved.group(2))
                    y = re.search(r"(\d{4})\s*年", sentence[:tok.start])
                    if y:
                        target["base_year"] = int(y.group(1))
                    target["change"], target["change_decimals"], target["change_unit"] = tok.value, tok.decimals, tok.unit
                    out.append(target)  # the percentage that follows is its
                    prev_end = tok.end
                    continue
            prev = cur if cur is not None else (block[-1] if block else None)
            out.append(_amount(subject, tok, prev, label))
            if _WHOLE_AFTER.search(sentence[tok.end:]):
                out[-1]["whole"] = True  # "…余额为112.5 亿元，其中：": the whole of the shares after it
        elif cur is not None and cur["percent"] is None and not re.search(r"占|完成|执行率|比重|达到|率", gap):
            _percent(cur, gap, tok)
        elif cur is not None and cur.get("ratio") is None and _RATIO_WORDS.search(gap):
            cur["ratio"] = _ratio(sentence, gap, tok, cur, out, history, block)
        prev_end = tok.end
    if out and out[-1]["direction"] is None:
        _flat(out[-1], sentence[prev_end:])
    claims = []
    for d in out:
        if d.get("done"):
            continue  # a claim of an earlier sentence, completed here
        d["done"] = True
        history.append(d)
        claims.append(d)
    return claims


def _amount(subject: str, tok: "_Token", prev: dict | None, label: str | None) -> dict:
    """A new claim of ``tok``; a subject of only a year and a measure ("决算数为",
    "2025年预算安排") is of the item before it in the paragraph (``prev``), or of
    the item the paragraph names (``label``)."""
    named_year = _YEAR_LEAD.search(subject)
    core = _stem(subject)
    if subject and not core:
        core = prev["core"] if prev is not None else (label or "")
        own = subject[2:] if core.endswith("支出") and subject.startswith("支出") else subject
        subject = f"{core}{own}" if core else f"（未指明）{subject}"
    return dict(subject_text=subject, amount=tok.value, decimals=tok.decimals, unit=tok.unit, raw=tok.raw,
                compare_text=None, base_year=None, direction=None, change=None, change_decimals=0, change_unit=None,
                percent=None, percent_decimals=0, percent_word=None,
                named_year=int(named_year.group(1)) if named_year else None, ratio=None, core=core,
                measure=_words(subject, None).get("measure"))


def _percent(cur: dict, gap: str, tok: "_Token") -> None:
    """A percentage after an amount: its change's, when the words before it
    compare (比上年增长) or name a direction (下降 5%)."""
    cmp = _COMPARE.search(gap)
    if cmp is not None and cur["direction"] is None:
        _set_compare(cur, cmp)
    word = re.search(r"(增长|增加|上升|提高|下降|减少|降低|增幅|降幅)[了为]?\s*$", gap)
    if cur["direction"] is not None or word:
        cur["percent"], cur["percent_decimals"] = tok.value, tok.decimals
        if word:
            w = _direction(word.group(1)) or (_UP if word.group(1) == "增幅" else _DOWN)
            cur["percent_word"] = w
            if cur["direction"] is None:
                cur["direction"] = w


_SUBJECT_BREAK = re.compile(r"[：:]|其中")
_PERIOD_TAIL = re.compile(r"(?:(?:全年|当年|年初|年末|预算执行|调整预算|变动预算|预算|决算|执行|实际|完成)(?:数据|数)?(?:安排)?"
                          r"(?:为|是|达|共计)?)+$")
# "支出决算为" after "…（项）年初预算为 A，": the 决算 of the same item, not the department's 支出
_SPENT_AS = re.compile(r"^支出(?=(?:全年|当年|年初|年末|预算执行|预算|决算|执行|实际|完成))")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?|^(?:上年|去年|上一年|当年|本年度?)")


def _stem(subject: str) -> str:
    """What a subject names without its year and measure ("2024年公务接待费
    预算执行数为" -> 公务接待费): two amounts of one paragraph with the same
    stem are the same thing in two years or measures."""
    return _PERIOD_TAIL.sub("", _SPENT_AS.sub("", _ANY_YEAR.sub("", subject.translate(FOLD))))
_CHANGE_SUBJECT = re.compile(r"(.{2,40}?)(增加|减少|增长|下降|降低|上升)了?")


def _cjk(text: str) -> str:
    """The words of a gap (what it names), without punctuation and connectives."""
    words = re.sub(r"[^\u4e00-\u9fff]", "", text)
    words = re.sub(r"^(?:且|并|同时|而|其中|和|及|与)", "", words)
    return words if len(words) >= 2 else ""


_RATIO_WORDS = re.compile(r"(?:占[^，。；;]{0,24}?|完成[^，。；;]{0,12}?的)\s*$")
_RATIO_NAMED = re.compile(r"占[^，。；;\s]{2,}")
_WHOLE_AFTER = re.compile(r"^[^。；;]{0,8}?(?:其中|主要用于|具体构成|构成如下|包括)")
_WHOLE_NAMED = re.compile(r"^(?:[^，。；;：:]{0,6}?)([^，。；;：:]{2,12}?)的?(?:具体)?构成(?:情况)?(?:为|是|如下)?[:：]")


def _ratio(sentence: str, gap: str, tok: "_Token", cur: dict, out: list[dict], history: list[dict],
           block: list[dict]) -> dict:
    """A share ("财政拨款收入 16713.19 万元，占 100%": of the total stated before
    其中, or of what 占 names) or a completion ("年初预算数为 A，决算数为 B，完成年初
    预算的 Z%": B / A).  ``of`` is the denominator's claim, or None when the
    words do not tell which amount it is."""
    kind = "completion" if "完成" in gap else "share"
    ratio = {"kind": kind, "percent": tok.value, "decimals": tok.decimals, "of": None, "text": gap.strip("，,、 ")}
    if re.search(r"剔除|扣除|不含|除去", gap):
        return ratio  # of an amount the sentence adjusts: which, the words do not say
    if kind == "completion":
        i = out.index(cur)
        budget = out[i - 1] if i >= 1 and out[i - 1].get("measure") == "预算" else None
        if cur.get("measure") in ACTUAL and budget is not None:
            ratio["of"] = budget
        return ratio
    named = re.search(r"占(.{2,20}?)的?\s*$", gap)
    if named:
        want = re.sub(r"[“”\"的]", "", named.group(1))
        for d in reversed(history + out[:-1]):
            if d is not cur and want and want in re.sub(r"[“”\"\s]", "", d["subject_text"]):
                ratio["of"] = d
                break
        return ratio
    # 占 with no name: of the whole this is a part of ("…合计 X 万元，其中：Y 万元，占 …", "本年支出的具体
    # 构成为：基本支出 Y 万元，占 …"), the nearest such whole before it
    named = _WHOLE_NAMED.search(sentence)
    if named:
        want = named.group(1)
        ratio["of"] = next((d for d in reversed(history + out[:out.index(cur)])
                            if want in re.sub(r"[“”\"\s]", "", d["subject_text"])), None)
        return ratio
    # the whole is in the paragraph when it states amounts before the share; else the paragraph is a list
    # its whole introduced ("…支出预算 6838.41 万元。2.按支出用途分类，包括人员支出 4944.99 万元，占72.3%")
    before = block + out[:out.index(cur)]
    for d in reversed(before if before else history):
        if d.get("whole"):
            ratio["of"] = d
            break
        if d.get("ratio") and d["ratio"]["kind"] == "share" and d["ratio"]["of"] is not None and not _RATIO_NAMED.search(
                d["ratio"]["text"]):
            ratio["of"] = d["ratio"]["of"]  # the list goes on: 基本支出 …，占 x%；项目支出 …，占 y%
            break
    return ratio


def _set_compare(cur: dict, m: re.Match) -> None:
    cur["compare_text"] = m.group(0)
    cur["direction"] = _direction(m.group("dir"))
    if m.group("year"):
        cur["base_year"] = int(m.group("year"))


def _flat(cur: dict, gap: str) -> None:
    """持平 / 与上年保持一致 after an amount with no change amount."""
    m = _FLAT.search(gap)
    if m and not re.search(r"\d", gap[:m.start()]):
        cur["direction"] = "flat"
        cur["compare_text"] = m.group(0)
        y = re.search(r"(\d{4})\s*年", gap[:m.start()])
        if y:
            cur["base_year"] = int(y.group(1))


# -- a finished document's claims ---------------------------------------------------


def attach_claims(doc: Document, catalog=None, year: int | None = None, title_kind=None) -> Document:
    """``doc`` with the claims and sentences of its narrative (none when it has
    no narrative).  ``catalog``: the edition the subjects' codes are resolved
    in (default: the document's year's when govclass has it, ``year``'s when
    given, else the latest).  ``title_kind(title, final)``: the standard table
    (a kind) a title names, from the reader's vocabulary of titles, so that a
    table the 目录 lists under one wording (单位收入总表) is found read under
    another (部门收入总表)."""
    if not doc.narrative:
        return attrs.evolve(doc, claims=(), sentences=())
    if catalog is None:
        from govclass.catalog import get_catalog
        from govclass.catalog.store import available_years, latest_year

        edition = year if year is not None else doc.year if doc.year in available_years() else latest_year()
        catalog = get_catalog(edition)
    level = document_level(doc.narrative, doc.scope, doc.title)
    read = tuple((t.name, t.kind) for t in doc.tables) + tuple((s.name, s.kind) for s in doc.statements) + tuple(
        (p.table, None) for p in doc.problems if p.rule == "unreadable-table")
    narr = read_narrative(doc.narrative, catalog, level=level, year=doc.year, kind=doc.kind, read=read,
                          title_kind=title_kind)
    return attrs.evolve(doc, claims=narr.claims, sentences=narr.sentences)
