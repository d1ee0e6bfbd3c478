"""The words of the domain, written once: what every reader and rule means by
a printed figure, a total, a numbering, a table's title and a standard table.

Before issue 22 each reader wrote these again, and the copies drifted apart.
They live here now, side by side.  Where readers still differ on purpose (or
by history), the difference is a *named variant* next to the common form, with
a comment saying which reader uses it; ``tests/test_vocabulary.py`` pins every
member, so that a change to one is a change seen.

The titles of the standard tables, the column synonyms, the words of the 三公
table and the synonyms of a statement's rows are data, reviewed by people:
``govclass/data/table_titles.yaml``, read by :func:`table_words` (the one
loader).  The standard tables themselves (their columns and relations) are
:data:`KINDS`.

This module imports nothing of govclass but :mod:`govclass.normalize`: the
document model, the readers and the rules all stand on it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import NamedTuple

from govclass.normalize import normalize_name

__all__ = [
    # figures and dashes
    "FIGURE", "FIGURE_ANY_GROUPING", "DASHES", "TEXT_DASHES", "NO_FIGURE_MARKS", "REPORT_NO_FIGURE_MARKS", "AMOUNT_BLANKS",
    "is_figure", "is_figure_cell",
    # what a column holds
    "PERCENT_HEADER", "COUNT_HEADER", "TEXT_HEADER", "AMOUNT_HEADER",
    # totals
    "TOTAL_WORDS", "TOTAL_LINE_NAMES", "is_total_name", "TOTAL_ROW_LABELS", "is_total_label", "SUM_WORDS",
    "TOTAL_COLUMN_NAMES", "STATEMENT_TOTAL_HEADINGS", "RELATION_TOTALS", "SPACED_HEADINGS",
    # numbering and enumeration
    "ENUMERATION", "ENUMERATED_LABEL", "ENUMERATED_ITEM", "NUMBERING_MARK", "NUMBERING_CELL", "NUMBERING_CELL_ROWS",
    # folding
    "fold_cell", "fold_heading", "fold_unquoted", "fold_label", "fold_title", "fold_text_title",
    "TITLE_DROP", "TEXT_TITLE_FIXES",
    # lines that are not table rows
    "SENTENCE", "SENTENCE_NO_ASCII_COMMA", "TITLE_END", "UNIT_LINE", "UNIT_CODE_WORDS",
    # the standard tables
    "Kind", "KINDS", "BUDGET_KINDS", "FINAL_KINDS", "THREE_PUBLIC_FIVE",
    "table_words", "title_vocabulary", "title_kind", "text_titles", "column_synonym",
    # a government budget's tables
    "government_words",
]


# -- figures and dashes ---------------------------------------------------------------------------

#: A printed figure: an optional minus, digits (grouped by commas in threes, or not at all), decimals.
#: "1,816.08", "-12", "0.5"; not "1,81", not "12.".
FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Variant (the PDF 三公 table and 收入总表 by unit, readers/pdf/statements.py): commas anywhere after
#: the first digit ("1,81" is a figure there).
FIGURE_ANY_GROUPING = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?$")
#: A cell that prints a dash where a figure would stand: nothing there (a blank, never a zero).
DASHES = ("-", "—", "－", "--", "——")
#: Variant (the text reader's statements, readers/disclosure.py): the one-character dashes only, as
#: white-space tokens.
TEXT_DASHES = ("-", "—", "－")
#: Variant (PDF and XLSX cells): a dash, or a slash (a cell struck through).
NO_FIGURE_MARKS = DASHES + ("/",)
#: Variant (a government report's tables, readers/pdf/government.py): also a cross, "not applicable" (a fund's
#: 保险费收入 of a budget that has none: ×).
REPORT_NO_FIGURE_MARKS = NO_FIGURE_MARKS + ("×", "╳")
#: document.parse_amount, every reader's last step: what reads as a blank once the figure is
#: NFKC-normalised and stripped of spaces and separators: nothing, or a dash (as in a PDF or XLSX
#: cell: a "——" printed where a figure would stand is no figure, in a CSV as on a page).
AMOUNT_BLANKS = ("", *DASHES)


def is_figure(token: str) -> bool:
    """A white-space token of plain text that is a printed figure (:data:`FIGURE`), as it stands."""
    return bool(FIGURE.match(token))


def is_figure_cell(text: str, *, marks: tuple[str, ...] = NO_FIGURE_MARKS, pattern: re.Pattern = FIGURE) -> bool:
    """A cell that prints a figure or a mark in its place (spaces squeezed out: "809. 97").

    ``marks`` and ``pattern`` are the variants: the PDF reader takes the defaults; the XLSX reader
    ``marks=DASHES`` (a slash is text there); the PDF 三公 table ``pattern=FIGURE_ANY_GROUPING``."""
    t = text.replace(" ", "")
    return bool(pattern.match(t)) or t in marks


# -- what a column holds ----------------------------------------------------------------------------

# The headers that tell a column's kind (govclass.document.column_kind): only amounts add up.
#: a percentage or a ratio: 比上年增长%, 完成预算%, 为上年%, 占比, 增长率
PERCENT_HEADER = re.compile(r"[%％‰]|百分比|比重|占比|比率|比例|增长率|增幅|增速|完成率|执行率|完成预算|为预算|为上年|"
                            r"同比|环比|比上年增长(?!额)|^增长$")
#: a count: 人数, 编制数, 车辆（辆）
COUNT_HEADER = re.compile(r"人数|户数|个数|车辆数|编制数|[（(](?:人|个|辆|户|台|套|次|家|名)[)）]$")
#: text: 备注, 是否政府采购, 项目名称
TEXT_HEADER = re.compile(r"备注|说明|是否|单位名称|项目名称|资金性质|支出类型")
#: money: its column holds amounts whatever its figures (a word there is an invalid amount)
AMOUNT_HEADER = re.compile(r"合计|小计|总计|金额|[预决]算数|执行数|完成数|[收支]出|收入|经费|资金|拨款|[万亿]?元")


# -- totals ---------------------------------------------------------------------------------------

#: The words a disclosure prints on a table's grand total line (a statement's 合计/总计 row).
TOTAL_WORDS = ("合计", "总计")
#: Every name a line with no code may carry as its table's total (see :func:`is_total_name`): the
#: names the PDF reader takes a row for a total by (TOTAL_ROW_LABELS, below), in every reader alike.
TOTAL_LINE_NAMES = frozenset((*TOTAL_WORDS, "支出合计", "本年支出合计", "本年合计", "支出总计", "合计数"))
_TOTAL_KEYS = frozenset(map(normalize_name, TOTAL_LINE_NAMES))


def is_total_name(name: str | None) -> bool:
    """Whether a line with no code and this name is the table's total
    (one of :data:`TOTAL_LINE_NAMES`, after name normalisation: "合  计")."""
    return bool(name) and normalize_name(name) in _TOTAL_KEYS  # type: ignore[arg-type]


def total_in_code_column(code: str | None, name: str | None) -> bool:
    """Whether a line printing ``code`` in its code column is the table's total printed there (合计, 总计,
    with the name blank or a total's too: a spreadsheet's merged cell over the code and name columns):
    a CSV table's total line, never an unknown code (issue 25)."""
    return bool(code) and not code[:1].isdigit() and is_total_name(code) and (not name or is_total_name(name))


#: Variant (the PDF reader's row labels, readers/pdf/build.py): the names of a row that is a total,
#: compared after :func:`fold_cell`; any short label ending in 合计 is one too (:func:`is_total_label`).
TOTAL_ROW_LABELS = ("合计", "总计", "支出合计", "本年支出合计", "本年合计", "支出总计", "合计数")
#: how long a label ending in 合计 may be and still be a total row (人员经费合计, 本年收入合计)
TOTAL_LABEL_MAX_CHARS = 6


def is_total_label(text: str) -> bool:
    """A PDF row label that names a total (:data:`TOTAL_ROW_LABELS`, or a short … 合计)."""
    t = fold_cell(text)
    return t in TOTAL_ROW_LABELS or t.endswith("合计") and len(t) <= TOTAL_LABEL_MAX_CHARS


#: Variant (the header tree, readers/headings.py): a heading that adds up the columns beside it
#: (its siblings): it ends in one of these.
#: the names of the four budgets as a class name's qualifier in a government report's tables: 23009 年终结余
#: printed 社会保险基金年终结余 in a 社会保险基金 table is the class with its budget's name before it
BUDGET_QUALIFIERS = ("一般公共预算", "政府性基金预算", "政府性基金", "国有资本经营预算", "国有资本经营", "社会保险基金预算",
                     "社会保险基金")
SUM_WORDS = ("合计", "小计", "总计")
#: Variant (readers/headings.py): a first column so headed is the standard table's total column.
TOTAL_COLUMN_NAMES = ("合计", "总计", "支出总计", "收入总计", "本年合计", "本年支出合计", "本年收入合计", "合计数")
#: Variant (the PDF 收入总表 printed by unit, readers/pdf/statements.py): the headings of the
#: column of the table's whole.
STATEMENT_TOTAL_HEADINGS = ("合计", "总计", "收入总计", "支出总计", "收入合计", "支出合计")
#: Variant (inferred column relations, validation/relations.py): column names of a table's total.
RELATION_TOTALS = ("合计", "总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "本年合计", "金额合计")
#: Headings printed letter-spaced across their column (合    计) in a PDF: two single characters on
#: one line that make one of these are one heading, however far apart.
SPACED_HEADINGS = ("合计", "总计", "小计", "金额", "项目", "科目")


# -- numbering and enumeration --------------------------------------------------------------------

#: The enumeration before a statement's label (一、 （一） 1. 其中：), possibly several: dropped when
#: labels are compared (:func:`fold_label`).
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|其中[:：])+")
#: Variant (the XLSX reader, readers/sheettables.py): a label that starts with one enumeration (一、
#: （一） 1.) is a row of a table, never a heading.
ENUMERATED_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d))")
#: Variant (the PDF census, readers/pdf/census.py): an enumerated item of a statement (十一、 （一）)
#: after its 行次, not a code and its name.
ENUMERATED_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
#: A cell that marks a row as the columns' numbering (** ** 1 2 3, 栏次 1 2 3): the text reader.
NUMBERING_MARK = re.compile(r"^(?:\*\*|栏次|行次|栏\s*次)$")
#: A cell of the column numbering in a header (1, 2, **, 栏次, A): the PDF reader.
NUMBERING_CELL = re.compile(r"^(?:\d{1,2}|\*+|栏次|[A-Z])$")
#: Variant (the XLSX reader): as :data:`NUMBERING_CELL`, and 行次.
NUMBERING_CELL_ROWS = re.compile(r"^(?:\d{1,2}|\*+|栏次|行次|[A-Z])$")


# -- folding: text in comparison form -------------------------------------------------------------

def fold_cell(text: str) -> str:
    """A cell's text in comparison form: NFKC, without spaces (ASCII or ideographic)."""
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


_WHITE = re.compile(r"\s+")


def fold_heading(text: str) -> str:
    """Variant (the XLSX reader): NFKC, without any white space (a heading wrapped in its cell:
    "事业单位⏎经营收入")."""
    return _WHITE.sub("", unicodedata.normalize("NFKC", text))


def fold_unquoted(text: str | None) -> str:
    """Variant (the PDF 三公 table): NFKC, without spaces and quotes (“三公”经费)."""
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("\u3000", "").replace(
        "“", "").replace("”", "").replace('"', "")


_LABEL_DROP = str.maketrans("", "", " \t\u3000“”\"")


def fold_label(text: str | None) -> str:
    """A statement label in comparison form: NFKC, no spaces or quotes, no
    enumeration prefix (一、 （一） 1. 其中：).  The readers fold what they read,
    Statement.find what it is asked for."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text).translate(_LABEL_DROP)
    return ENUMERATION.sub("", t)


#: What a title loses before it is compared: white space, markdown marks, quotes, brackets, slashes.
TITLE_DROP = str.maketrans("", "", " \t\u3000#*“”\"'‘’《》<>/")
_TITLE_HEAD = re.compile(r"^(?:附表|附件)?\d*[：:]?")
_TITLE_NUMBERS = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|表\d+[-－]?\d*|"
                            r"(?:预算|公开|部门预算|单位预算)?\d{1,2}(?:-\d)?表|\d{1,2}[、.．])+")
_TITLE_NUMBER_AFTER = re.compile(r"(?:公开|预算)?\d{1,2}(?:-\d)?表$")
_TITLE_YEAR = re.compile(r"^\d{4}年度?")
_TITLE_BASIS = re.compile(r"\((?:按|分)[^()]*\)$")


def fold_title(text: str) -> str:
    """A printed title in comparison form (the PDF and XLSX readers): NFKC, :data:`TITLE_DROP`, no
    numbering before or after it (表1, 预算01表, 公开 01 表, （一）, 附件2：), no leading year, no
    "（按经济分类科目）".  A table's number alone folds to ""."""
    t = unicodedata.normalize("NFKC", text).translate(TITLE_DROP)
    t = _TITLE_HEAD.sub("", t)
    t = _TITLE_NUMBERS.sub("", t)
    t = _TITLE_NUMBER_AFTER.sub("", t)
    t = _TITLE_YEAR.sub("", t)
    return _TITLE_BASIS.sub("", t)


#: Variant (the text reader): words OCR and 单位 documents print for the standard titles' words.
TEXT_TITLE_FIXES = (("收人", "收入"), ("单位收入总表", "部门收入总表"), ("单位支出总表", "部门支出总表"),
                    ("单位收支总表", "部门收支总表"))
_TAG = re.compile(r"</?[a-z]+>")


def fold_text_title(text: str) -> str:
    """Variant (the text reader, readers/disclosure.py): NFKC, HTML tags and :data:`TITLE_DROP` out,
    :data:`TEXT_TITLE_FIXES` applied; numbering and years stay (the reader matches a title's end)."""
    t = unicodedata.normalize("NFKC", text)
    t = _TAG.sub("", t).translate(TITLE_DROP)
    for wrong, right in TEXT_TITLE_FIXES:
        t = t.replace(wrong, right)
    return t


# -- lines that are not table rows ----------------------------------------------------------------

#: A sentence of the narrative, not a title or a row: punctuation, or words of a comparison.
SENTENCE = re.compile(r"[，。；,;]|比|增加|减少|持平")
#: Variant (the XLSX reader): without the ASCII comma (a cell's figures print "1,234").
SENTENCE_NO_ASCII_COMMA = re.compile(r"[，。；;]|比|增加|减少|持平")
#: How a table's title ends (…表, …表（单位：万元）, …情况, …明细).
TITLE_END = re.compile(r"表$|表[（(][^）)]*[)）]$|情况$|明细$")
#: A table's unit line ("单位：万元", "金额单位: 元"): group 1 is the unit its figures are in.
UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|亿元|元)")
#: Header words of columns that hold budget units (单位编码 327001, 单位名称), not classification codes.
UNIT_CODE_WORDS = ("单位编码", "部门编码", "单位代码", "部门代码", "预算单位编码", "单位名称", "部门名称")


# -- the standard tables --------------------------------------------------------------------------

class Kind(NamedTuple):
    """A standard table of a 部门预算/部门决算 disclosure."""

    name: str  # the standard title
    shape: str  # functional | economic | panels | statement | units
    columns: tuple[str, ...] | dict[str, tuple[str, ...]]
    relations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    final: bool = False
    counts: bool = False  # a statement whose figures include counts (vehicles, trips), not only money


_BASIC3 = ("合计", "基本支出", "项目支出")
_BASIC_REL = (("合计", ("基本支出", "项目支出")),)
_INCOME = ("合计", "上年结转", "财政拨款小计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算收入",
           "教育收费资金收入", "事业收入", "事业单位经营收入", "附属单位上缴收入", "上级补助收入", "其他收入",
           "使用非财政拨款结余")
_THREE8 = ("合计", "因公出国(境)费小计", "一般公务出国(境)费", "高等院校和科研院所学术交流合作出国(境)费", "公务接待费",
           "公务用车购置及运行维护费小计", "公务用车运行维护费", "公务用车购置")
#: The 三公 table printed with five columns (合计 and its four items, no 小计 columns).
THREE_PUBLIC_FIVE = ("合计", "因公出国(境)费", "公务接待费", "公务用车运行维护费", "公务用车购置")

#: The standard tables: id -> (title, shape, columns, relations).
KINDS: dict[str, Kind] = {
    "summary": Kind("收支预算总表", "statement", {"收入": ("预算数",), "支出": ("预算数",)}),
    "income": Kind("部门收入总表", "functional", _INCOME, (
        ("合计", ("上年结转", "财政拨款小计", "教育收费资金收入", "事业收入", "事业单位经营收入", "附属单位上缴收入",
                "上级补助收入", "其他收入", "使用非财政拨款结余")),
        ("财政拨款小计", ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算收入")))),
    "expenditure": Kind("部门支出总表", "functional", _BASIC3, _BASIC_REL),
    "fiscal-summary": Kind("财政拨款收支总表", "statement", {
        "收入": ("预算数",), "支出": ("合计", "一般公共预算支出", "政府性基金预算支出", "国有资本经营预算支出")}),
    "gpb-expenditure": Kind("一般公共预算支出表", "functional", _BASIC3, _BASIC_REL),
    "gpb-basic": Kind("一般公共预算基本支出表", "economic", ("合计", "人员经费", "公用经费"),
                      (("合计", ("人员经费", "公用经费")),)),
    "three-public": Kind("财政拨款“三公”经费支出表", "units", _THREE8, (
        ("合计", ("因公出国(境)费小计", "公务接待费", "公务用车购置及运行维护费小计")),
        ("因公出国(境)费小计", ("一般公务出国(境)费", "高等院校和科研院所学术交流合作出国(境)费")),
        ("公务用车购置及运行维护费小计", ("公务用车运行维护费", "公务用车购置")))),
    "gf-expenditure": Kind("政府性基金预算支出表", "functional", _BASIC3, _BASIC_REL),
    "soc-expenditure": Kind("国有资本经营预算支出表", "functional", _BASIC3, _BASIC_REL),
    "final-01": Kind("收入支出决算总表", "statement", {"收入": ("决算数",), "支出": ("决算数",)}, final=True),
    "final-02": Kind("收入决算表", "functional", (
        "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"), (
        ("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),),
        final=True),
    "final-03": Kind("支出决算表", "functional", (
        "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"), (
        ("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),), final=True),
    "final-04": Kind("财政拨款收入支出决算总表", "statement", {
        "收入": ("决算数",),
        "支出": ("小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")}, final=True),
    "final-05": Kind("一般公共预算财政拨款支出决算表", "functional", ("本年支出合计", "基本支出", "项目支出"),
                     (("本年支出合计", ("基本支出", "项目支出")),), final=True),
    "final-06": Kind("一般公共预算财政拨款基本支出决算表", "panels", ("金额",), final=True),
    "final-07": Kind("一般公共预算财政拨款“三公”经费支出决算表", "statement", {"": ("年初预算数", "决算数")}, final=True,
                     counts=True),
    "final-08": Kind("政府性基金预算财政拨款收入支出决算表", "functional", (
        "年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"),
        (("本年支出小计", ("基本支出", "项目支出")),), final=True),
    "final-09": Kind("国有资本经营预算财政拨款支出决算表", "functional", _BASIC3, _BASIC_REL, final=True),
    "final-10": Kind("国有资产占用情况表", "statement", {"": ("决算数",)}, final=True, counts=True),
}

BUDGET_KINDS = tuple(k for k, v in KINDS.items() if not v.final)
FINAL_KINDS = tuple(k for k, v in KINDS.items() if v.final)


# -- the reviewed words: govclass/data/table_titles.yaml ------------------------------------------

_WORDS: dict | None = None
_TITLES: dict | None = None
_TEXT_TITLES: list[tuple[str, str]] | None = None


def table_words() -> dict:
    """govclass/data/table_titles.yaml as it is written (read once): the titles of the standard
    tables (``tables``), the titles of tables that are not coded tables (``other_tables``), the
    column synonyms (``columns``), the words of the 三公 table (``sangong``) and the synonyms of a
    statement's rows (``statement_rows``)."""
    global _WORDS
    if _WORDS is None:
        import yaml  # on first use: a cold lookup never reads the vocabulary

        path = os.path.join(os.path.dirname(__file__), "data", "table_titles.yaml")
        with open(path, encoding="utf-8") as fh:
            _WORDS = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe either way
    return _WORDS


def title_vocabulary() -> dict:
    """The titles as the PDF and XLSX readers compare them: ``kinds`` (kind -> its titles and layout
    titles, folded by :func:`fold_title`, longest first), ``other`` (titles of tables that are not
    coded tables), ``columns`` (a folded column heading -> the standard column it means) and
    ``final`` (the kinds of a 决算)."""
    global _TITLES
    if _TITLES is None:
        data = table_words()
        kinds = {k: tuple(sorted({fold_title(a) for a in (*v["titles"], *(v.get("layout_titles") or ()))},
                                 key=len, reverse=True))
                 for k, v in data["tables"].items()}
        other = tuple(fold_title(a) for a in data["other_tables"])
        columns = {fold_title(s): std for std, syns in (data.get("columns") or {}).items() for s in [std, *syns]}
        _TITLES = {"kinds": kinds, "other": other, "columns": columns, "final": frozenset(FINAL_KINDS)}
    return _TITLES


#: how many characters a printed title may hold beyond a known title inside it ("2026年…" before it,
#: "（按功能分类）" after it) and still be that title
TITLE_SLACK_CHARS = 8


def title_kind(title: str, final: bool) -> str | None:
    """The standard table a title names (a kind of :data:`KINDS`), 'other'
    for a known non-standard table, None when unknown (the PDF and XLSX readers)."""
    vocab = title_vocabulary()
    t = fold_title(title)
    if not t:
        return None
    best: tuple[int, str] | None = None
    for kind, aliases in vocab["kinds"].items():
        if (kind in vocab["final"]) != final and not (final and kind in ("summary",)):
            if final or kind in vocab["final"]:
                continue
        for a in aliases:
            if t == a or t.endswith(a) or (a in t and len(t) - len(a) <= TITLE_SLACK_CHARS):
                if best is None or len(a) > best[0]:
                    best = (len(a), kind)
                break
    if best:
        return best[1]
    for word in vocab["other"]:
        if word in t:
            return "other"
    return None


def text_titles() -> list[tuple[str, str]]:
    """The titles as the text reader compares them: (title folded by :func:`fold_text_title`, kind),
    longest first.  Only each kind's ``titles``: the ``layout_titles`` are the PDF and XLSX
    readers' alone (see table_titles.yaml)."""
    global _TEXT_TITLES
    if _TEXT_TITLES is None:
        data = table_words()["tables"]
        _TEXT_TITLES = sorted(((fold_text_title(a), k) for k, v in data.items() for a in v["titles"]),
                              key=lambda x: -len(x[0]))
    return _TEXT_TITLES


def column_synonym(heading: str) -> str | None:
    """The standard column a printed heading means (``columns`` of table_titles.yaml), or None."""
    return title_vocabulary()["columns"].get(fold_title(heading))


# -- the reviewed words of a government budget's tables: govclass/data/government_words.yaml ------

_GOVERNMENT_WORDS: dict | None = None


def government_words() -> dict:
    """govclass/data/government_words.yaml as it is written (read once): the items of a 平衡表
    (``balance``: each side's 总计, the budgets' own revenue and expenditure, the other items and what
    each is a part of), the words of a table by region (``regions``) and of a debt table (``debt``)."""
    global _GOVERNMENT_WORDS
    if _GOVERNMENT_WORDS is None:
        import yaml  # on first use, as table_words

        path = os.path.join(os.path.dirname(__file__), "data", "government_words.yaml")
        with open(path, encoding="utf-8") as fh:
            _GOVERNMENT_WORDS = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return _GOVERNMENT_WORDS


_BALANCE_PARTS: dict[str, frozenset[str]] | None = None
#: the classes whose rows a 平衡表 prints as its items (债务收入, 转移性收入; 转移性支出, 债务还本支出): only their codes
#: can stand on a balance item's row (balance_part_of is asked of them alone, so a department's CSV loads no words)
BALANCE_CLASSES = frozenset({"105", "110", "230", "231"})


def printed_as_a_part(code: str | None, label: str | None, whole: str | None) -> bool:
    """Whether a line printing ``code`` as ``label`` stands for a part of what ``whole`` names: a code of a class a
    平衡表 prints as its items (BALANCE_CLASSES) on an item that is a part of ``whole`` (:func:`balance_part_of`)."""
    return bool(code and label and whole) and code[:3] in BALANCE_CLASSES and balance_part_of(label, whole)


def balance_part_of(label: str | None, whole: str | None) -> bool:
    """Whether ``label`` names an item of a 平衡表 that is a part of the item ``whole`` names (上级补助收入 and
    上解收入 of 转移性收入; 补助下级支出 of 转移性支出), by the reviewed items of government_words.yaml.  A report
    prints the class's code on such a row (110 上级补助收入): the row is a part of the class, not its whole."""
    global _BALANCE_PARTS
    if _BALANCE_PARTS is None:
        labels_of: dict[str, set[str]] = {}  # an item -> its labels, folded
        wholes: dict[str, set[str]] = {}  # a label, folded -> the items its item is a part of
        for side in government_words()["balance"]["items"].values():
            for entry in side:
                labels_of.setdefault(entry["item"], set()).update(fold_label(x) for x in entry["labels"])
                for printed in entry["labels"]:
                    wholes.setdefault(fold_label(printed), set()).update(entry.get("under", ()))
        _BALANCE_PARTS = {printed: frozenset(x for item in items for x in labels_of.get(item, ()))
                          for printed, items in wholes.items()}
    return fold_label(whole) in _BALANCE_PARTS.get(fold_label(label), frozenset())
