"""Government-level budgets and final accounts (issue 26): what a report of a province, city or county
says of itself and of each of its tables, whatever format it comes in (PDF, XLSX, text).

A government's report is a different kind of document from a department's disclosure: a report in
words, then dozens of tables of the four budgets (一般公共预算, 政府性基金预算, 国有资本经营预算,
社会保险基金预算), of revenue as well as expenditure, transfers, debt, by region; columns of 预算数,
调整预算数, 执行数/决算数 and percentages; 全省/全市 and 本级 side by side or in turn.  This module says:

- the document's form (:func:`document_form`): ``government-budget`` or ``government-final``, and its
  year: the year of the budget it proposes (a 2026 草案 reported in 2026 with the 2025 执行), the year of
  the accounts it closes (a 2022 决算 published in 2023);
- a table's facts from its title (:func:`table_facts`): whose budget (``gpb``, ``gf``, ``soc``,
  ``ssf``), whose money (``whole``, ``本级``), the year and the measure (预算, 调整预算, 执行, 决算), and
  from its column headers the period of each column (:func:`column_periods`): ``2025年执行数`` is
  (2025, 执行), ``上年决算数`` the year before, a percentage none;
- what a table's codes are of (:func:`classification_of`): revenue (1xx, 收入分类), functional (2xx),
  the economic classifications (3xx, 5xx);
- a row printed by name without a code, matched to its code through the catalog
  (:class:`NameMatcher`): 增值税 is 10101 in a revenue table of the general budget; a name that fits
  several codes is said (``ambiguous-name``), one that fits none stays a line without a code;
- rows of regions (cities, counties, 市本级: :func:`is_region_name`), read as a table by region;
- a report's totals rows (收入合计, 支出总计, 全省收入合计 …: :func:`is_report_total`).

Every fact is None when the words do not say it, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from govclass.document import (AMOUNT, ENUMERATION, GOVERNMENT_BUDGET, GOVERNMENT_FINAL, Line, Problem, Table,
                               column_kind, fold_label, is_total_name)
from govclass.catalog import get_catalog
from govclass.catalog.editions import retired_names
from govclass.catalog.store import nearest_year
from govclass.normalize import normalize_name
from govclass.rulebook import INFO, WARNING, declare

__all__ = ["document_form", "cover_form", "titles_form", "TableFacts", "table_facts", "column_periods",
           "classification_of", "NameMatcher", "is_region_name", "is_report_total", "finish_table",
           "is_government_title", "CATALOG_BUDGET", "finish_tables"]

declare("uncoded-table", INFO, "reading",
        "(government report) a table whose rows print no code and match none of the book by name (debt by use, a "
        "summary of every budget, a fund's 保险费收入): read, its figures, column relations and 合计 (against its rows, "
        "as every table of named rows: unsummed-rows) checked, its rows not checked against the classification",
        "（政府预决算）各行既无编码、按名称也对应不到科目的表（债务投向、各预算汇总、社保基金的保险费收入等）：已读取，"
        "核对数字、栏次关系及合计（与各行核对，同只有名称的表：unsummed-rows），不按科目核对")
declare("ambiguous-name", WARNING, "reading",
        "(government report) a row printed by name without a code whose name fits several codes of its table's "
        "classification and budget, the rows above it telling none of them apart: not matched, not checked",
        "（政府预决算）只列名称未列编码的行，其名称对应本表分类和预算中的多个科目，且上方各行无法确定是哪一个：未匹配，未核对")

# -- the document -----------------------------------------------------------------------------------

#: words of a department's or a unit's own disclosure: no government report says them of itself
_DEPARTMENT = re.compile(r"部门(?:综合)?(?:预算|决算)|单位(?:预算|决算)|部门财务收支")
#: what a government's budget report calls itself (its cover, its title): the report on the budget's
#: execution and the draft of the next, the budget made public, the tables attached to the report
_BUDGET_REPORT = re.compile(r"预算执行情况和|预算草案|预算[（(]草案[)）]|政府预算(?:公开)?|预算报告|预算附表|"
                            r"地方财政预算|本级预算|财政预算")
#: what a government's final accounts call themselves
_FINAL_REPORT = re.compile(r"财政(?:总)?决算|总决算|决算(?:报告|草案|报表)|和[省市县区]本级(?:财政)?决算")
#: a year the words name, and what they name it for
_YEAR_OF = re.compile(r"(20\d\d)\s*年度?")
#: the four budgets' names (and their short forms), whose tables only a government prints
#: (a department prints its 一般公共预算支出表 and 政府性基金预算支出表 too, never a budget's revenue, balance or debt)
_GOVERNMENT_TABLE = re.compile(r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|社会保险基金(?:预算)?|社保基金)"
                               r"(?:收入|收支|结余|转移支付|平衡)|地方政府(?:一般|专项)?债务|债务限额|财政收支")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


def cover_form(cover: str) -> tuple[str | None, int | None]:
    """The form a cover (or a report's title) names, and the document's year: ``government-final`` and the
    year of the accounts it closes (2022年黑龙江省和省本级财政决算, 2023年9月 → 2022); ``government-budget``
    and the year of the budget it proposes (2025年预算执行情况和2026年预算草案 → 2026).  (None, None) for a
    department's disclosure or a cover that names neither."""
    text = _fold(cover)
    if not text or _DEPARTMENT.search(text):
        return None, None
    final = _FINAL_REPORT.search(text)
    budget = _BUDGET_REPORT.search(text)
    if final and not budget:
        year = _year_before(text, final.start())
        return GOVERNMENT_FINAL, year
    if budget:
        years = [int(m.group(1)) for m in _YEAR_OF.finditer(text) if not _is_date(text, m.end())]
        return GOVERNMENT_BUDGET, max(years) if years else None
    return None, None


def _is_date(text: str, end: int) -> bool:
    """A year that starts a date (2023年9月, 2026 年 1 月 20 日): when the report was given, not what it is of."""
    return bool(re.match(r"\d{1,2}月", text[end:]))


def _year_before(text: str, at: int) -> int | None:
    """The last year named before ``at`` (the year of the accounts a 决算 closes), else the first after it."""
    before = [int(m.group(1)) for m in _YEAR_OF.finditer(text[:at])]
    if before:
        return before[-1]
    after = [int(m.group(1)) for m in _YEAR_OF.finditer(text[at:]) if not _is_date(text[at:], m.end())]
    return after[0] if after else None


def is_government_title(title: str) -> bool:
    """A table's title that only a government's report prints: the revenue, the balance or the transfers of
    one of the four budgets, its debt (一般公共预算收入决算表, 政府性基金收支总表, 地方政府债务限额), not a
    department's (部门预算, 财政拨款)."""
    text = _fold(title)
    return bool(_GOVERNMENT_TABLE.search(text)) and not _DEPARTMENT.search(text) and "财政拨款" not in text


#: how many tables of a government's own must a document's titles name, with no cover to say what it is
GOVERNMENT_TITLES_MIN = 2


def titles_form(titles: Sequence[str]) -> tuple[str | None, int | None]:
    """The form and year the tables' titles say, when no cover does (a report's tables whose first pages
    cannot be read): a document whose titles name at least :data:`GOVERNMENT_TITLES_MIN` tables only a
    government prints, and none of a department's, is a government's; its 决算 tables make final accounts,
    else it is a budget, of the latest year its 预算 tables name."""
    folded = [_fold(t) for t in titles if t]
    if any(_DEPARTMENT.search(t) for t in folded):
        return None, None
    own = [t for t in folded if is_government_title(t)]
    if len(own) < GOVERNMENT_TITLES_MIN:
        return None, None
    measures = [(table_facts(t).year, table_facts(t).measure) for t in own]
    if all(m == "决算" for _y, m in measures if m is not None) and any(m == "决算" for _y, m in measures):
        years = [y for y, m in measures if y is not None]
        return GOVERNMENT_FINAL, max(years) if years else None
    budget_years = [y for y, m in measures if y is not None and m == "预算"]
    years = budget_years or [y for y, _m in measures if y is not None]
    return GOVERNMENT_BUDGET, max(years) if years else None


def document_form(cover: str, titles: Sequence[str]) -> tuple[str | None, int | None]:
    """The document's form and year: from its cover (:func:`cover_form`), else from its tables' titles
    (:func:`titles_form`)."""
    if _DEPARTMENT.search(_fold(cover)):
        return None, None  # a department's or a unit's own disclosure, whatever tables it prints
    form, year = cover_form(cover)
    if form is None:
        return titles_form(titles)
    if year is None:
        _form, year = titles_form(titles)
    return form, year


# -- a table's facts ----------------------------------------------------------------------------------

#: the budgets' names, in the words of Claim.fund and Table.budget
_BUDGETS = (("gpb", ("一般公共预算",)), ("gf", ("政府性基金",)), ("soc", ("国有资本经营",)),
            ("ssf", ("社会保险基金", "社保基金", "保险基金")))
#: Table.budget -> the catalog's budget (govclass.catalog.names.BUDGETS)
CATALOG_BUDGET = {"gpb": "general", "gf": "fund", "soc": "capital", "ssf": "social"}
_BUDGET_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|社保基金预算")
#: the numbering before a title (表三：, 2.3, 表8, 附表1-2, 一、)
_TITLE_NUMBER = re.compile(r"^\s*(?:附?表\s*[一二三四五六七八九十\d\-－]+\s*[：:、.]?|\d{1,2}(?:\s*\.\s*\d{1,2})+(?!\d)|\d{1,2}、|"
                           r"[一二三四五六七八九十]+、)")
_PLACE = r"[\u4e00-\u9fff]{0,10}?(?:自治区|省|市|自治州|州|盟|县|区|旗)"
#: 全省/全市/全区/全县 …: the whole of a government's territory
_WHOLE = re.compile(r"^全(?:省|市|区|县|州|盟|旗|自治区)")
#: 市本级, 省本级, 自治区本级, 广州市本级; 广州市级, 自治区级: the government's own level
_OWN_LEVEL = re.compile(r"^(?:" + _PLACE + r")?(?:本级|级)")
#: a government named before what the table is of (黑龙江省…, 丽江市…, 自治区…): its whole territory
_NAMED = re.compile(r"^(?P<place>" + _PLACE + r")(?=一般|政府|国有|社会|社保|地方|财政|新增|对|税收|预算|"
                    r"[\u4e00-\u9fff]{0,6}(?:收入|支出|收支|债务|债券|转移支付))")
#: words a place's name never holds (提前下达利通区…: a table of the transfers to a region, not of it)
_NOT_A_PLACE = re.compile(r"下达|提前|对|安排|补助|转移|分")


class TableFacts(NamedTuple):
    """What a table's title says: whose budget, whose money, the year and the measure of its figures, and
    what it is of (revenue, expenditure, both, balance, debt, transfer); each None when it does not say."""

    budget: str | None = None
    scope: str | None = None
    year: int | None = None
    measure: str | None = None
    subject: str | None = None
    by_region: bool = False


def _budget_of(text: str) -> str | None:
    named = {budget for budget, words in _BUDGETS if any(w in text for w in words)}
    return named.pop() if len(named) == 1 else None


def _scope_of(text: str) -> str | None:
    """whole, 本级 or None, from a title with its numbering and year taken off."""
    if _WHOLE.match(text):
        return "whole"
    own = _OWN_LEVEL.match(text)
    if own and not _NOT_A_PLACE.search(own.group(0)):
        return "本级"
    named = _NAMED.match(text)
    if named and not _NOT_A_PLACE.search(named.group("place")):
        return "whole"
    return None


def _measure_of(text: str) -> str | None:
    """The measure a title names once its budgets' names are taken off (they all say 预算)."""
    text = _BUDGET_NAMES.sub("", text).replace("预算执行", "执行")
    found = {m for m, words in (("决算", ("决算",)), ("执行", ("执行", "完成")), ("调整预算", ("调整预算", "变动预算")),
                                 ("预算", ("预算", "草案"))) if any(w in text for w in words)}
    if found == {"调整预算", "预算"}:
        return "调整预算"
    return found.pop() if len(found) == 1 else None


def _subject_of(text: str) -> str | None:
    if re.search(r"债务|债券|限额|还本付息", text):
        return "debt"
    if re.search(r"转移支付|税收返还|补助下级", text):
        return "transfer"
    if "平衡" in text or "总表" in text:
        return "balance"
    revenue, spending = "收入" in text or "收支" in text, "支出" in text or "收支" in text
    if revenue and spending:
        return "both"
    if revenue:
        return "revenue"
    if spending:
        return "expenditure"
    if "结余" in text:
        return "balance"
    return None


def table_facts(title: str) -> TableFacts:
    """A table's facts from its title (see :class:`TableFacts`): ``2025年全市一般公共预算收入执行情况表`` is
    (gpb, whole, 2025, 执行, revenue); a title that names two years (…2024年执行情况和2025年预算…) says no
    year and no measure of its own (its columns say them)."""
    text = _fold(_TITLE_NUMBER.sub("", unicodedata.normalize("NFKC", title)))
    years = sorted({int(m.group(1)) for m in _YEAR_OF.finditer(text)})
    rest = _YEAR_OF.sub("", text, count=1) if years and _YEAR_OF.match(text) else text
    two = len(years) > 1
    return TableFacts(_budget_of(text), _scope_of(rest), None if two else (years[0] if years else None),
                      None if two else _measure_of(text), _subject_of(text), bool(re.search(r"[分按]地区", text)))


#: a column's measure, by the words of its header (the first that fits)
_COLUMN_MEASURES = (("调整预算", ("调整预算", "变动预算", "调整后预算")), ("执行", ("执行", "完成")),
                    ("决算", ("决算",)), ("预算", ("预算", "草案", "年初")))
_COLUMN_YEAR = re.compile(r"(20\d\d)\s*年?")


def column_period(label: str, facts: TableFacts, kind: str) -> tuple[int | None, str | None] | None:
    """The (year, measure) of a column's figures: from its header ("2025年/执行数", "上年决算数"), else the
    table's title; None for a column that is not of amounts (a percentage) or that no words date."""
    if kind != AMOUNT:
        return None
    text = _BUDGET_NAMES.sub("", _fold(label))
    match = _COLUMN_YEAR.search(text)
    year = int(match.group(1)) if match else None
    if year is None and facts.year is not None:
        year = facts.year - 1 if "上年" in text else facts.year
    measure = next((m for m, words in _COLUMN_MEASURES if any(w in text for w in words)), None)
    if measure is None and match is None:
        measure = facts.measure
    if year is None and measure is None:
        return None
    return year, measure


def column_periods(columns: Sequence[str], labels: Sequence[str], facts: TableFacts,
                   figures: "Sequence[Iterable[str | None]] | None" = None) -> tuple | None:
    """Each column's period (:func:`column_period`), in the order of ``columns`` (their printed headers in
    ``labels``); None when no column says one."""
    kinds = [column_kind(c, figures[k] if figures is not None else ()) for k, c in enumerate(columns)]
    periods = tuple(column_period(label, facts, kind) for label, kind in zip(labels, kinds))
    return periods if any(p is not None for p in periods) else None


# -- what a table's codes are of ----------------------------------------------------------------------

_CLASS_OF_DIGIT = {"1": "revenue", "2": "functional", "3": "economic", "5": "economic-gov"}


def classification_of(codes: Iterable[str], facts: TableFacts | None = None, government: bool = False) -> str | None:
    """What most codes are of, by their first digit: revenue (101…110), functional (201…234), economic (3xx:
    a department's; ``economic-dept`` in a government's report) or economic-gov (5xx); with no code, what the
    title says (revenue, expenditure: functional; 经济分类 in a government's report: economic-gov); None when
    neither tells."""
    counts: dict[str, int] = {}
    total = 0
    for code in codes:
        cls = _CLASS_OF_DIGIT.get(code[:1])
        if cls is not None:
            counts[cls] = counts.get(cls, 0) + 1
            total += 1
    if counts:
        best = max(counts, key=lambda c: counts[c])
        if best == "economic" and government:
            return "economic-dept"
        return best
    if facts is None:
        return None
    if facts.subject == "revenue":
        return "revenue"
    if facts.subject == "expenditure":
        return "functional"
    return None


# -- rows by name -------------------------------------------------------------------------------------

#: words before a name that say how it is counted, not what it is (加：, 减：, 其中：)
_NAME_PREFIX = re.compile(r"^(?:加|减|其中)[:：]")
#: a level printed after a name to tell a 项 from its 款 of the same name (其他国有资本经营预算支出（项）)
_LEVEL_MARK = re.compile(r"[（(](类|款|项|目)[)）]$")
_LEVEL_LENGTH = {"类": 3, "款": 5, "项": 7, "目": 9}


def _printed_name(name: str) -> tuple[str, int | None]:
    """A row's name as the catalog names codes, and the code length its level mark asks for."""
    text = ENUMERATION.sub("", unicodedata.normalize("NFKC", name).replace(" ", "").replace("\u3000", ""))
    text = _NAME_PREFIX.sub("", text)
    level = _LEVEL_MARK.search(text)
    if level:
        text = text[:level.start()]
    return text.rstrip("*＊"), _LEVEL_LENGTH[level.group(1)] if level else None


_NUMBERINGS = (("一、", re.compile(r"^[一二三四五六七八九十]+[、.．]")), ("（一）", re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
                ("1.", re.compile(r"^\d+[、.．](?!\d)")), ("（1）", re.compile(r"^[（(]\d+[)）]")))


def _numbering(name: str | None) -> str | None:
    """The kind of numbering a row's name starts with (一、 （一） 1. （1）), None when it has none."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    return next((kind for kind, pattern in _NUMBERINGS if pattern.match(text)), None)


class NameMatch(NamedTuple):
    code: str | None  # the one code the name is, in its table and after the rows above it
    candidates: tuple[str, ...]  # every code of the table's classification and budget so named


#: the lengths of a 款's code and a 项's
KUAN_LENGTH, XIANG_LENGTH = 5, 7


class NameMatcher:
    """Rows printed by name matched to their codes (issue 26): a name is a code of the table's
    classification and budget that the catalog names so (a 类 of any budget: 教育支出 holds the fund budget's
    教育费附加安排的支出 too, whatever budgets the book lists for the 类 itself); several codes so named (行政运行 under every 款)
    are told apart by the rows above it: the code under the nearest row matched whose children hold exactly
    one of them.  A name that fits several codes none of the rows above tells apart is ambiguous, one that
    fits none is no code: neither is guessed."""

    def __init__(self, catalog, classifications: Sequence[str], budget: str | None) -> None:
        self.catalog = catalog
        self.classifications = tuple(classifications)
        self.budget = CATALOG_BUDGET.get(budget) if budget else None
        self.above: list[str] = []  # the codes of the rows above, in order (printed or matched)
        self.seen: set[str] = set()
        self.level_of: dict[str, int] = {}  # a numbering (一、 （一） 1.) -> the length of the codes so numbered

    def candidates(self, name: str) -> tuple[str, ...]:
        """The codes of the table's classifications and budget named ``name`` in its edition; else the code
        whose name it was before (a rename the editions record: 资源勘探信息等支出 is 215's name before 2019)."""
        printed, length = _printed_name(name)
        if not printed:
            return ()
        entries = [entry for cls in self.classifications for entry in self.catalog.codes_named(printed, cls)]
        if not entries:
            former = retired_names(self.catalog).get(normalize_name(printed))
            entries = [self.catalog.lookup(former[0])] if former else []
        found = [entry.code for entry in entries if entry.classification.value in self.classifications and
                 (self.budget is None or not entry.budgets or len(entry.code) == 3 or
                  self.budget in {b.value for b in entry.budgets}) and (length is None or len(entry.code) == length)]
        return tuple(dict.fromkeys(found))

    def saw(self, code: str, name: str | None = None) -> None:
        """A row above printed (or was matched to) ``code``, under its name as printed (its numbering tells
        the level of the rows numbered alike)."""
        self.above.append(code)
        self.seen.add(code)
        numbering = _numbering(name)
        if numbering is not None:
            self.level_of.setdefault(numbering, len(code))

    def match(self, name: str) -> NameMatch:
        """The code of a row printed by name: the one code so named that is not yet a row's (a code is printed
        once), that can stand here (a 类, or a code whose parent is the row above or one of its parents:
        parents print before their children) and, among several, the one numbered as the rows of its level
        are (二十三、其他支出 among the 类 numbered 一、…: 229, not 21999)."""
        every = self.candidates(name)
        if len(self.classifications) > 1 and self.above and len(every) > 1:  # the side the rows above are of
            every = tuple(c for c in every if c[:1] == self.above[-1][:1]) or every
        found = [c for c in every if c not in self.seen]
        path = self._path()
        here = [c for c in found if len(c) == 3 or c[:-2] in path] if len(found) > 1 else \
            [c for c in found if not self._under_another(c)]
        if len(here) > 1:
            length = self.level_of.get(_numbering(name) or "")
            here = [c for c in here if len(c) == length] or here
        return NameMatch(here[0] if len(here) == 1 else None, every)

    def _under_another(self, code: str) -> bool:
        """Whether the row above is a 款 of ``code``'s 类 that is not its parent: a 项 printed right under a 款 is
        that 款's, whatever other 项 its name is (Lijiang 2026 prints 2179999 as 其他金融发展支出 under 21799
        其他金融支出: not 2170399, the book's 其他金融发展支出 under 21703)."""
        if len(code) != XIANG_LENGTH or not self.above:
            return False
        last = self.above[-1]
        return len(last) == KUAN_LENGTH and last[:3] == code[:3] and code[:-2] != last

    def _path(self) -> set[str]:
        """The row above and its parents (as far as rows above print them): where a row below may stand under."""
        if not self.above:
            return set()
        last = self.above[-1]
        return {last[:k] for k in range(3, len(last) + 1, 2)} & self.seen


# -- regions and totals ---------------------------------------------------------------------------------

#: a region's name: a city, county, district or zone (哈尔滨市, 宾县, 大兴安岭地区, 利通区, 高新区, 市本级,
#: 省本级, 市辖区), the whole (全省, 全市) or a group of them (市县, 地市级及以下)
_REGION = re.compile(r"^(?:全(?:省|市|区|县|州|盟|旗|自治区)|(?:[\u4e00-\u9fff]{0,8}?(?:自治区|省|市|州|盟|县|区|旗))?本级|"
                     r"市县|市辖区|[省市县区]级|地市级及以下|[\u4e00-\u9fff]{1,12}(?:地区|自治州|自治县|自治旗|市|县|区|旗|州|盟|"
                     r"新区|开发区|高新区|管委会|林区|垦区|农垦|森工|管理局|示范区|合作区))(?:合计|小计)?$")
#: a name that ends like a region's but is a classification's (城乡社区, 革命老区 …)
_NOT_REGION = re.compile(r"(?:社区|老区|灾区|矿区|保护区|民族地区|边境地区|贫困地区|欠发达地区)$")


def is_region_name(name: str | None) -> bool:
    """Whether a row's name is a region's (哈尔滨市, 宾县, 市本级, 全省, 哈尔滨市合计) rather than an item's."""
    if not name:
        return False
    text = fold_label(name)
    return bool(_REGION.match(text)) and not _NOT_REGION.search(text.removesuffix("合计").removesuffix("小计"))


#: how long a label ending in 合计/总计 may be and still be a report's total row (社会保险基金收入合计,
#: 全区社会保险基金支出合计, 各项收入合计): the longest such total the five reports print, with room
REPORT_TOTAL_MAX_CHARS = 16
_TOTAL_END = re.compile(r"(?:合计|总计)$")


def is_report_total(label: str | None) -> bool:
    """A report's total row (收入合计, 支出总计, 本年收入合计, 一般公共预算支出合计, 全省收入合计): a short label
    ending in 合计 or 总计 (a subtotal, 小计, is a row of its own)."""
    if not label:
        return False
    text = fold_label(label)
    return bool(_TOTAL_END.search(text)) and len(text) <= REPORT_TOTAL_MAX_CHARS and not is_region_name(text)


# -- a table finished -----------------------------------------------------------------------------------

#: how many of a table's named rows (its totals left out) must name regions for it to be a table by region
REGION_SHARE = 0.6
REGION_MIN_ROWS = 3


def _by_region(lines: Sequence[Line]) -> bool:
    named = [ln for ln in lines if ln.code is None and ln.name and not ln.total]
    regions = sum(1 for ln in named if is_region_name(ln.name))
    return regions >= REGION_MIN_ROWS and regions >= REGION_SHARE * len(named) and not any(ln.code for ln in lines)


def _classifications_to_match(cls: str | None, facts: TableFacts, side: str | None) -> tuple[str, ...]:
    """The classifications a table's names are looked up in: its codes', else what its title says (收入表:
    revenue, 支出表: functional), else its side (收入 | 支出 printed side by side); a table of both sides, a
    balance or transfers with no side said looks in revenue and functional alike."""
    if cls in ("revenue", "functional", "economic-gov", "economic-dept"):
        return (cls,)
    if side is not None:
        return (_SIDE_CLASSIFICATION[side],)
    if facts.subject in ("both", "balance", "transfer") or facts.subject is None:
        return ("revenue", "functional")
    return ()


_SIDE_CLASSIFICATION = {"收入": "revenue", "支出": "functional"}


#: a row that closes the revenue of a table printing revenue, then expenditure, in one column
_REVENUE_TOTAL = re.compile(r"收入(?:合计|总计|小计)$")


def finish_tables(table: Table, facts: TableFacts, catalog, problems: list[Problem], government: bool = True,
                  side: str | None = None) -> list[Table]:
    """A table of a government's report finished (:func:`finish_table`), first cut in two when it prints its
    revenue, then its expenditure, in one column (收入合计 closing the first: a fund's 收支预算表): each part a
    table of its side (收入, 支出)."""
    lines = list(table.lines)
    cut = next((k for k, ln in enumerate(lines) if ln.code is None and _REVENUE_TOTAL.search(fold_label(ln.name))),
               None) if side is None and facts.subject in ("both", "balance") else None
    if cut is None or not any("支出" in (ln.name or "") for ln in lines[cut + 1:]):
        return [finish_table(table, facts, table.columns, catalog, problems, government, side)]
    parts = []
    for word, part in (("收入", lines[:cut + 1]), ("支出", lines[cut + 1:])):
        numbered = tuple(ln._replace(number=k) for k, ln in enumerate(part, 1))
        one = attrs.evolve(table, name=f"{table.name}（{word}）", lines=numbered)
        parts.append(finish_table(one, facts, table.columns, catalog, problems, government, word))
    return parts


def finish_table(table: Table, facts: TableFacts, labels: Sequence[str], catalog, problems: list[Problem],
                 government: bool = True, side: str | None = None) -> Table:
    """A table of a government's report as the validator is to read it: what its codes are of
    (:func:`classification_of`), its rows printed by name matched to codes (:class:`NameMatcher`; an
    ambiguous one said), its totals, a table of regions said so, and its budget, scope, year and the periods of
    its columns (``labels``: the printed header of each column).  ``side``: 收入 or 支出, when the table is one
    side of a table printed in panels and its header says which."""
    if facts.year is not None and facts.year != catalog.year:  # a two-year report: names of the table's own year
        catalog = get_catalog(nearest_year(facts.year))
    balance = facts.subject == "balance"  # 收支平衡表, 收支总表: its 总计 is no roll-up of the classification
    lines = [ln._replace(total=True) if ln.code is None and not ln.total and not balance and is_report_total(ln.name)
             else ln for ln in table.lines]
    if lines and not balance and _closes_with_its_budget(lines[-1]):
        lines[-1] = lines[-1]._replace(total=True)
    codes = [ln.code for ln in lines if ln.code]
    cls = classification_of(codes, facts, government)
    unplaced: tuple[int, ...] = ()
    if _by_region(lines):
        cls = "region"
    elif not (facts.subject == "balance" and facts.budget is None):  # a summary of every budget: its rows are
        lines = _matched(lines, table.name, cls, facts, side, catalog, problems)  # the budgets' totals
        if not codes:
            cls = classification_of([ln.code for ln in lines if ln.code], facts, government)
        if any(ln.code for ln in lines):
            unplaced = _unplaced(lines)
    if cls is None:
        cls = _SIDE_CLASSIFICATION.get(side or "", table.classification)
    if cls != "region" and lines and not any(ln.code for ln in lines):
        cls = "items"  # no row a code: one finding for the table, not one per row
        problems.append(_uncoded_table(table.name, lines))
    figures = [[ln.cells[c].raw if c in ln.cells else None for ln in lines[:200]] for c in table.columns]
    periods = column_periods(table.columns, labels, facts, figures)
    return attrs.evolve(table, classification=cls, lines=tuple(lines), budget=facts.budget, scope=facts.scope,
                        year=facts.year, periods=periods, unplaced=unplaced)


def _matched(lines: list[Line], name: str, cls: str | None, facts: TableFacts, side: str | None, catalog,
             problems: list[Problem]) -> list[Line]:
    """The lines with every row printed by name alone given the code its name is (the rows above telling
    apart codes of one name); a name that fits several codes said (ambiguous-name), one that fits none left
    as it is (a line without a code, which the validator reports), and the sums it may stand in not claimed
    (:func:`_unplaced`, once matched)."""
    wanted = _classifications_to_match(cls, facts, side)
    if not wanted or not any(ln.code is None and ln.name and not ln.total for ln in lines):
        return lines
    matcher = NameMatcher(catalog, wanted, facts.budget)
    out: list[Line] = []
    for line in lines:
        if line.code is not None:
            matcher.saw(line.code, line.name)
        elif line.name and not line.total:
            hit = matcher.match(line.name)
            if hit.code is not None and _more_than_its_whole(line, hit.code, out):
                pass  # the figures say it is no part of the row above: which sum it is part of is not known
            elif hit.code is not None:
                matcher.saw(hit.code, line.name)
                line = line._replace(code=hit.code, named=True)
            elif len(hit.candidates) > 1:
                problems.append(_ambiguous(name, line, hit.candidates))
        out.append(line)
    return out


def _more_than_its_whole(line: Line, code: str, above: list[Line]) -> bool:
    """Whether the code a row's name fits is a part of the row printed right above it (its parent) while the
    row's figures are more than that row's in every column both print, none of them negative: a part is never
    more than its whole, so the figures refute the nesting the name suggests (Wuzhong 2026 p. 106 prints
    其他支出 1,774 | 2,830, of 229, below 22998 超长期特别国债安排的其他支出 314 | 2,769; in the fund budget the
    book's only 其他支出 under 229 is 2299899, 22998's item)."""
    parent = above[-1] if above else None
    if parent is None or parent.code is None or code[:-2] != parent.code:
        return False
    pairs = [(line.cells[c].value, parent.cells[c].value) for c in line.cells if c in parent.cells]
    pairs = [(mine, its) for mine, its in pairs if mine is not None and its is not None]
    return bool(pairs) and all(mine > its >= 0 for mine, its in pairs)


def _shows(line: Line) -> bool:
    return any(cell.value is not None for cell in line.cells.values())


#: a row that names a budget's own revenue or spending as a whole (一般公共预算收入, 全市政府性基金预算支出): a
#: subtotal the report prints above or below the classification's rows, no item of it
_BUDGET_SUBTOTAL = re.compile(r"^(?:全(?:省|市|区|县)|(?:[省市县区]|自治区)?本级|[省市县区]级)?(?:一般公共预算|政府性基金(?:预算)?|"
                              r"国有资本经营(?:预算)?|社会保险基金(?:预算)?)(?:收入|支出)(?:合计|小计)?$")


def _unplaced(lines: list[Line]) -> tuple[int, ...]:
    """The numbers of the rows left without a code that stand among the classification's rows: a row that shows
    figures, is no total and no budget's subtotal (一般公共预算收入), in a table whose other rows matched codes
    (车船税等其他税收收入 among the taxes; 五、长期护理保险基金收入, a fund the book has no code for).  Which sum
    such a row is part of is not known: the validator judges no sum whose rows it may be among
    (Table.unplaced, rule sum-not-checked)."""
    return tuple(ln.number for ln in lines if ln.code is None and not ln.total and ln.name and _shows(ln)
                 and not _is_subtotal(ln) and not is_total_name(ln.name) and not _OF_WHICH.match(ln.name.strip()))


#: a row that details the row above it (其中：…): of which, not a part
_OF_WHICH = re.compile(r"^其中[:：]?")


def _is_subtotal(line: Line) -> bool:
    return bool(line.name) and bool(_BUDGET_SUBTOTAL.match(_printed_name(line.name)[0]))


def _closes_with_its_budget(line: Line) -> bool:
    """The last row of a table, printed without a code, that names its budget's revenue or spending as a whole
    (一般公共预算收入 | 21,796,872; 政府性基金支出): the table's total, as 合计 is (a row matched by name to 10301
    政府性基金收入 would leave out the 款 beside it, 10310)."""
    return line.code is None and not line.total and _is_subtotal(line) and _shows(line)


def _uncoded_table(table: str, lines: list[Line]) -> Problem:
    pages = sorted({ln.page for ln in lines if ln.page is not None})
    where = f"page {pages[0]}: " if pages else ""
    where_zh = f"第 {pages[0]} 页：" if pages else ""
    return Problem("uncoded-table", "info", table,
                   f"{where}{table}: its {len(lines)} rows print no code and match none of the book by name: read, its "
                   "figures, column relations and 合计 checked, its rows not checked against the classification",
                   f"{where_zh}{table}：{len(lines)} 行均无编码，按名称也对应不到科目：已读取，核对数字、栏次关系与合计，不按科目核对",
                   lines[0].source_line, pages[0] if pages else None, None)


def _ambiguous(table: str, line: Line, candidates: tuple[str, ...]) -> Problem:
    shown = ", ".join(candidates[:6]) + (" …" if len(candidates) > 6 else "")
    where = f"page {line.page}: " if line.page is not None else ""
    where_zh = f"第 {line.page} 页：" if line.page is not None else ""
    return Problem("ambiguous-name", "warning", table,
                   f"{where}{line.name!r} is printed without a code and names {len(candidates)} codes ({shown}); "
                   "the rows above tell none apart: not matched, not checked",
                   f"{where_zh}“{line.name}”未列编码，对应 {len(candidates)} 个科目（{shown}），上方各行无法确定："
                   "未匹配，未核对", line.source_line, line.page, line.text or line.name)

