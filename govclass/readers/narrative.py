"""The narrative of a disclosure: the sentences that state figures in words.

A 部门预算/决算 disclosure restates its tables in prose (预算编制说明, 情况说明,
“三公”经费说明, 机关运行经费 …): "财政拨款收入1522.89万元，较上年预算安排减少
117.06万元，下降7.1%".  :func:`read_narrative` turns the document's text, given
as :class:`TextUnit` (a line of text with its source line and/or page), into
:class:`Claim` objects: one per amount stated with a unit, with

* the amount, its unit (元/万元/亿元) and printed decimals;
* its subject as printed ("2024 年南昌市医疗保障局收入预算总额为") and as
  understood (:class:`Subject`: a total, a source, a column, a 三公 item,
  机关运行经费, or a classification code resolved with the catalog);
* the section it stands in (收入/支出/财政拨款/一般公共预算/基本支出/三公 …),
  which says which table holds the same figure;
* its comparison: the year compared with, the direction words (增加/减少/持平),
  the change amount and the percentage with its printed decimals;
* the sentence and where it is (page and/or line).

The reader knows nothing of the table reader: it reads text units, so any
reader (plain text, markdown, PDF page text) can hand it its text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import attrs

from govclass.normalize import normalize_name

__all__ = ["TextUnit", "Subject", "Claim", "Narrative", "read_narrative", "text_units", "pdf_page_units"]


class TextUnit(NamedTuple):
    """One line of a document's text and where it is printed."""

    text: str
    line: int | None = None  # 1-based line of the source text
    page: int | None = None  # 1-based page of a PDF


@attrs.frozen(slots=True)
class Subject:
    """What a stated amount is about.

    ``kind`` is one of: ``total-income``, ``total-expenditure``,
    ``year-income`` (本年收入合计), ``year-expenditure`` (本年支出合计),
    ``fiscal`` (财政拨款收入/支出), ``gpb`` (一般公共预算拨款), ``gf``
    (政府性基金), ``soc`` (国有资本经营), ``carryover`` (上年结转),
    ``basic``, ``project``, ``personnel``, ``public`` (公用经费),
    ``sangong`` and its items ``sangong-abroad``, ``sangong-reception``,
    ``sangong-vehicle``, ``sangong-vehicle-run``, ``sangong-vehicle-buy``,
    ``admin-running`` (机关运行经费), ``code`` (a classification code: see
    ``code`` and ``classification``), or ``other`` (nothing a table prints).
    ``side`` is 收入 or 支出 when the words say so."""

    kind: str
    code: str | None = None
    classification: str | None = None  # functional | economic
    side: str | None = None
    named: str | None = None  # the name the text gives a code, as printed
    scope: str | None = None  # gpb | fiscal: "一般公共预算财政拨款基本支出" (the words narrow the section)


@attrs.frozen(slots=True)
class Claim:
    """One amount stated in the narrative, with its comparison."""

    subject_text: str
    subject: Subject
    amount: Decimal
    decimals: int
    unit: str
    raw: str
    section: str  # income | expenditure | fiscal | gpb | basic | gf | soc | sangong | admin | summary | other ...
    sentence: str
    line: int | None = None
    page: int | None = None
    compare_text: str | None = None  # the comparison as printed (较上年预算安排减少)
    base_year: int | None = None  # 比2025年预算 -> 2025
    direction: str | None = None  # up | down | flat | both (增加（减少）: a template left unfilled)
    change: Decimal | None = None
    change_decimals: int = 0
    change_unit: str | None = None
    percent: Decimal | None = None  # signed as printed (增长-5% -> -5)
    percent_decimals: int = 0
    percent_word: str | None = None  # up | down: the word before the percentage, when it differs
    year: int | None = None  # the year the subject names (2024 年…收入预算)
    # a share or a completion: (kind, percent, its decimals, numerator amount/decimals/unit,
    # denominator amount/decimals/unit or None, the words); see _ratio
    ratio: tuple | None = None
    measure: str | None = None  # 预算 | 决算: "年初预算数为 A，决算数为 B" in a 决算
    context: str | None = None  # basic | project: an economic class listed under 基本支出/项目支出 (其中：…)

    @property
    def where(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return " ".join(parts)


@attrs.frozen(slots=True)
class Narrative:
    """What the reader found: the claims, and the sentences it looked at
    (for the rules that read words rather than figures)."""

    claims: tuple[Claim, ...]
    sentences: tuple[tuple[str, int | None, int | None, str], ...]  # (sentence, line, page, section)


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


def _subject_text(gap: str) -> str:
    """The words that name what an amount is: the text since the previous
    figure, cut at the last clause separator."""
    parts = _SUBJECT_CUT.split(gap)
    text = ""
    for part in reversed(parts):
        if part and part.strip(" “”\"'"):
            text = part
            break
    return _LEADING.sub("", text).strip()


# -- subjects --------------------------------------------------------------------

_FOLD = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", '"': "", "‘": "", "’": "", " ": "", "\u3000": "",
                       "\t": "", "《": "", "》": "", "—": "-", "－": "-", "－": "-"})
_SANGONG = tuple((re.compile(p), kind) for p, kind in (
    (r"公务(?:用)?车(?:辆)?购置(?:及|和|与)运行", "sangong-vehicle"), (r"公务(?:用)?车(?:用车|辆)?运行", "sangong-vehicle-run"),
    (r"公务(?:用)?车(?:辆)?购置", "sangong-vehicle-buy"), (r"因公出国", "sangong-abroad"), (r"公务接待", "sangong-reception"),
))
# What a subject can be, as the end of its words: "2024 年某局收入预算总额为" is the income total,
# "事业收入" or "编外人员经费" is not (the words before a pattern must be the document's own: a year,
# the unit's name, 其中, 本部门 …).  First match wins.
_SUFFIX = r"(?:预算数?|决算数?)?(?:总额|总计|合计|总量|小计)?(?:为|是|共计|共|安排|达)?"
_KINDS = tuple((re.compile(f"(?:{pattern}){_SUFFIX}$"), kind, side) for pattern, kind, side in (
    (r"本年收入合计", "year-income", "收入"), (r"本年支出合计", "year-expenditure", "支出"),
    (r"上年结转(?:\(结余\)|和结余|结余)?|年初结转和结余", "carryover", "收入"),
    (r"(?P<scope>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?人员经费", "personnel", "支出"),
    (r"(?P<scope>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?公用经费", "public", "支出"),
    (r"(?P<scope>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?基本支出", "basic", "支出"),
    (r"(?P<scope>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?项目支出", "project", "支出"),
    (r"一般公共预算(?:财政)?(?:拨款)?收入", "gpb", "收入"),
    (r"一般公共预算(?:财政)?(?:拨款)?(?:支出)?", "gpb", "支出"),
    (r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?", "gf", "支出"),
    (r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?", "soc", "支出"),
    (r"财政拨款收入", "fiscal", "收入"), (r"财政拨款(?:支出)?", "fiscal", "支出"),
    (r"收入(?:预算)?", "total-income", "收入"), (r"支出(?:预算)?", "total-expenditure", "支出"),
))
_OWN_PREFIX = re.compile(r"(?:^|年度?|的|局|委|办|院|中心|室|会|处|所|站|队|馆|部门|单位|厅|署|部|其中|全年)$")
_MARKED = re.compile(r"([^()]+?)\((类|款|项)\)")
_CODE_IN_TEXT = re.compile(r"(?<!\d)(\d{3}(?:\s?\d{2}){0,2})(?!\d)\s*(?:类|款|项|科目)?")
_TOTAL_HINT = re.compile(r"(?:预算|决算)?(?:总额|总计|合计|总体|安排|拨款)|预算|决算|收入|支出")


def _catalog_codes(catalog, name: str, classification: str | None) -> list:
    if catalog is None or not name:
        return []
    try:
        return catalog.codes_named(name, classification)
    except Exception:  # noqa: BLE001 - an odd name is no code, never a crash
        return []


def _path_code(catalog, names: list[str]) -> tuple[str | None, str | None]:
    """The code a path of names denotes ("一般公共服务支出-…-行政运行"),
    walking the catalog's children; (None, reason) when it does not resolve."""
    if catalog is None:
        return None, "no catalog"
    roots = [c for c in _catalog_codes(catalog, names[0], "functional") if len(c.code) == 3]
    if not roots:
        return None, names[0]
    code = roots[0]
    for name in names[1:]:
        want = normalize_name(name)
        nxt = None
        for child in catalog.children(code.code):
            if normalize_name(child.name) == want:
                nxt = child
                break
        if nxt is None:
            return None, name
        code = nxt
    return code.code, None


_CLASS_ORDER = ("functional", "economic-dept", "economic-gov")


def understand(subject: str, section: str, catalog) -> Subject:
    """The :class:`Subject` of the printed words before an amount."""
    text = subject.translate(_FOLD)
    text = re.sub(r"^\d{4}年(?:度)?", "", text)
    for pattern, kind in _SANGONG:
        if pattern.search(text):
            return Subject(kind, side="支出")
    if "三公" in text:
        return Subject("sangong", side="支出")
    if re.search(r"机关运行|运行经费$|运行经费(?:预算)?(?:为|是)?$", text) and "人员" not in text:
        return Subject("admin-running", side="支出")
    # a classification path "类-款-项" or a printed code
    core = re.sub(r"(?:科目|预算数|预算|决算数|决算|安排|为|是|共计|合计)+$", "", text)
    if "-" in core:
        names = [n for n in core.split("-") if n]
        if len(names) >= 2 and any(len(c.code) == 3 for c in _catalog_codes(catalog, names[0], "functional")):
            code, _bad = _path_code(catalog, names)
            return Subject("code", code, "functional", "支出", core)
    marked = _MARKED.findall(re.sub(r"^(?:\d+[.、]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))", "", text))
    if marked:
        return _marked_path(marked, catalog, core)
    m = re.search(r"(\d{3}(?:\d{2}){0,2})(?:类|款|项)", text)
    if m:
        named = text[:m.start()].rstrip("(")
        return Subject("code", m.group(1), "functional", "支出", named or None)
    m = re.fullmatch(r"(\d{3}(?:\d{2}){0,2})(.*)", core)
    if m and catalog is not None and m.group(1) in catalog:
        return Subject("code", m.group(1), None, "支出", m.group(2) or None)
    # a classification name: the 类 of any classification first, then 款/项
    found = [c for cls in _CLASS_ORDER for c in _catalog_codes(catalog, core, cls)]
    if found:
        shortest = min(len(c.code) for c in found)
        best = [c for c in found if len(c.code) == shortest]
        if shortest == 3 or (len(best) == 1 and best[0].classification == "economic-dept"):
            return Subject("code", best[0].code, str(best[0].classification), "支出", core)
        # a 款/项 name alone (行政运行, or 公共法律服务 that is also a line of work): which code, the
        # words do not say
        return Subject("code", None, None, "支出", core)
    for pattern, kind, side in _KINDS:
        m = pattern.search(text)
        prefix = text[:m.start()] if m else ""
        if m and _OWN_PREFIX.search(prefix) and not re.search(r"非$|当年$|结转|结余|涉及|安排的|项目", prefix):
            if kind in ("fiscal", "gpb", "gf", "soc") and "收入" in m.group(0):
                side = "收入"
            scope = m.groupdict().get("scope")
            if scope:
                scope = "gpb" if scope.startswith("一般公共预算") else "fiscal"
            return Subject(kind, side=side, scope=scope)
    return Subject("other", named=core or None)


def _marked_path(marked: list[tuple[str, str]], catalog, core: str) -> Subject:
    """"社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）", or from the 款 down
    when the 类 stands in a heading before: the code, or None when the names do not resolve."""
    names = [(n.strip(), level) for n, level in marked]
    if catalog is None:
        return Subject("code", None, "functional", "支出", core)
    if names[0][1] == "类":
        code, _bad = _path_code(catalog, [n for n, _l in names])
        return Subject("code", code, "functional", "支出", core)
    length = 5 if names[0][1] == "款" else 7
    first = [c for c in _catalog_codes(catalog, names[0][0], "functional") if len(c.code) == length]
    if len(first) != 1:
        return Subject("code", None, "functional", "支出", core)
    code = first[0]
    for name, _level in names[1:]:
        want = normalize_name(name)
        code = next((c for c in catalog.children(code.code) if normalize_name(c.name) == want), None)
        if code is None:
            return Subject("code", None, "functional", "支出", core)
    return Subject("code", code.code, "functional", "支出", core)


def _plain_total(text: str, word: str) -> bool:
    """收入预算总额 / 支出预算 / 收入总计 / 本部门收入预算: the words around 收入/支出
    are only the document's own total words (not 事业收入, 其他收入)."""
    i = text.rfind(word)
    before, after = text[:i], text[i + len(word):]
    if before and not re.search(r"(?:本部门|本单位|部门|单位|局|委|办|院|中心|室|会|处|所|站|队|馆|年度?|的|为|总)$", before):
        return False
    return not after or bool(re.fullmatch(r"(?:预算|决算)?(?:总额|总计|合计|总量)?(?:为|是|共计|共)?", after))


def _side(text: str) -> str | None:
    if "收入" in text:
        return "收入"
    if "支出" in text:
        return "支出"
    return None


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


def _sentences(units: "tuple[TextUnit, ...] | list[TextUnit]"):
    """(sentence, line, page, section): prose joined across wrapped lines and
    cut at 。；!?, headings starting a new sentence and setting the section."""
    section = parent = "other"
    buf: list[str] = []
    furniture = _page_furniture(units)
    at: tuple[int | None, int | None] = (None, None)

    def flush():
        nonlocal buf
        text = "".join(buf).strip()
        buf = []
        if text:
            yield text, at[0], at[1], section

    for u in units:
        line = u.text
        if _TABLE_ROW.search(line) and not re.search(r"[。；，]", line):
            yield from flush()
            continue
        stripped = line.strip()
        if not stripped or stripped in furniture or _PAGE_NUMBER.fullmatch(stripped):
            continue
        if _SPACED_DIGITS.search(stripped):
            stripped = _SPACED_JOIN.sub("", stripped)
        if _HEADING.match(stripped) and len(stripped) <= 60 and not _AMOUNT.search(stripped):
            yield from flush()
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
            yield from flush()
            continue
        if _LIST_ITEM.match(stripped) or _TABLE_TITLE.search(stripped):
            yield from flush()
            if _TABLE_TITLE.search(stripped):
                section = parent = "tables"
        if _PERFORMANCE.search(stripped):
            yield from flush()
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


def read_narrative(units: "tuple[TextUnit, ...] | list[TextUnit]", catalog=None) -> Narrative:
    """The claims of a document's narrative (see the module's docstring)."""
    claims: list[Claim] = []
    sentences = []
    context: str | None = None
    last_section = None
    pending: list[tuple[dict, str, int | None, int | None, str]] = []
    history: list[dict] = []
    history_section = None
    last_sentence = None
    for sentence, line, page, section in _sentences(units):
        sentences.append((sentence, line, page, section))
        if section != history_section:
            history, history_section = [], section
        for d in _claims(sentence, line, page, section, catalog, history):
            pending.append((d, sentence, line, page, section))
    for d, sentence, line, page, section in pending:
        d = {k: v for k, v in d.items() if k not in ("done", "whole")}
        r = d.get("ratio")
        if r is not None:
            of = r["of"]
            d["ratio"] = (r["kind"], r["percent"], r["decimals"], (d["amount"], d["decimals"], d["unit"]),
                          None if of is None else (of["amount"], of["decimals"], of["unit"]), r["text"])
        subj = understand(d["subject_text"], section, catalog)
        if subj.kind not in ("code", "other") and re.search(r"该项目|本项目|此项目", sentence):
            subj = Subject("other", named=d["subject_text"])  # a project's own money, not the budget's
        if d["subject_text"].startswith(("（未指明）", "（增减额）")):
            subj = Subject("other", named=d["subject_text"])
        claim = Claim(subject=subj, section=section, sentence=sentence, line=line, page=page, **d)
        if section != last_section or (sentence is not last_sentence and ("按支出" in sentence or "按经济" in sentence)):
            context, last_section = None, section
        last_sentence = sentence
        if True:
            if claim.subject.kind in ("basic", "project"):
                context = claim.subject.kind
            elif claim.subject.kind == "code" and claim.subject.classification != "functional" and context:
                claim = attrs.evolve(claim, context=context)
            elif claim.subject.kind != "code":
                context = None
            claims.append(claim)
    return Narrative(tuple(claims), tuple(sentences))


def _claims(sentence: str, line, page, section: str, catalog, history: list[dict]) -> list[Claim]:
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
            year = _YEAR_LEAD.search(subject)
            measure = "预算" if re.search(r"预算数|年初预算|(?<!公共)预算(?:为|安排)", subject) else None
            if _MEASURE_ONLY.fullmatch(subject) and cur is not None:
                measure = "决算"
                base = _MEASURE_ONLY.sub("", cur["subject_text"])
                subject = f"{base}{subject}" if base else f"（未指明）{subject}"
            elif re.search(r"决算|执行数", subject):
                measure = "决算"
            out.append(dict(subject_text=subject, amount=tok.value, decimals=tok.decimals, unit=tok.unit,
                            raw=tok.raw, compare_text=None, base_year=None, direction=None, change=None,
                            change_decimals=0, change_unit=None, percent=None, percent_decimals=0,
                            percent_word=None, year=int(year.group(1)) if year else None, measure=measure,
                            ratio=None))
        elif cur is not None and cur["percent"] is None and not re.search(r"占|完成|执行率|比重|达到|率", gap):
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
        elif cur is not None and cur.get("ratio") is None and _RATIO_WORDS.search(gap):
            cur["ratio"] = _ratio(sentence, gap, tok, cur, out, history)
        prev_end = tok.end
    if out and out[-1]["direction"] is None:
        _flat(out[-1], sentence[prev_end:])
    for d in out:
        at = sentence.find(d["raw"])
        if at >= 0 and _WHOLE_AFTER.search(sentence[at + len(d["raw"]):]):
            d["whole"] = True
    claims = []
    for d in out:
        if d.get("done"):
            continue  # a claim of an earlier sentence, completed here
        d["done"] = True
        history.append(d)
        claims.append(d)
    return claims


_SUBJECT_BREAK = re.compile(r"[：:]|其中")
_CHANGE_SUBJECT = re.compile(r"(.{2,40}?)(增加|减少|增长|下降|降低|上升)了?")
_MEASURE_ONLY = re.compile(r"(?:支出)?(?:全年)?(?:年初)?(?:预算)?(?:决算|执行)数?(?:为|是)?|(?:年初)?预算数?(?:为|是)?$")


def _cjk(text: str) -> str:
    """The words of a gap (what it names), without punctuation and connectives."""
    words = re.sub(r"[^\u4e00-\u9fff]", "", text)
    words = re.sub(r"^(?:且|并|同时|而|其中|和|及|与)", "", words)
    return words if len(words) >= 2 else ""


_RATIO_WORDS = re.compile(r"(?:占[^，。；;]{0,24}?|完成[^，。；;]{0,12}?的)\s*$")
_RATIO_NAMED = re.compile(r"占[^，。；;\s]{2,}")
_WHOLE_AFTER = re.compile(r"^[^。；;]{0,8}?(?:其中|主要用于|具体构成|构成如下|包括)")
_WHOLE_NAMED = re.compile(r"^(?:[^，。；;：:]{0,6}?)([^，。；;：:]{2,12}?)的?(?:具体)?构成(?:情况)?(?:为|是|如下)?[:：]")


def _ratio(sentence: str, gap: str, tok: "_Token", cur: dict, out: list[dict], history: list[dict]) -> dict:
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
        if cur.get("measure") == "决算" and budget is not None:
            ratio["of"] = budget
        return ratio
    named = re.search(r"占(.{2,20}?)的?\s*$", gap)
    if named:
        want = re.sub(r"[“”\"的]", "", named.group(1))
        for d in reversed(out[:-1] + history):
            if d is not cur and want and want in re.sub(r"[“”\"\s]", "", d["subject_text"]):
                ratio["of"] = d
                break
        return ratio
    # 占 with no name: of the whole this is a part of ("…合计 X 万元，其中：Y 万元，占 …", "本年支出的具体
    # 构成为：基本支出 Y 万元，占 …"), the nearest such whole before it
    named = _WHOLE_NAMED.search(sentence)
    if named:
        want = named.group(1)
        ratio["of"] = next((d for d in reversed(out[:out.index(cur)] + history)
                            if want in re.sub(r"[“”\"\s]", "", d["subject_text"])), None)
        return ratio
    for d in reversed(out[:out.index(cur)] + history):
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
