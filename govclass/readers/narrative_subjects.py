"""What a narrative sentence's subject is: its words (2024 年某局收入预算总额为, 一般公共服务支出（201类）财政事务（06款）…)
understood as a Subject: a total, a source, a column, a 三公 item, 机关运行经费, or a classification code resolved
with the catalog by name, by path or by the codes a path prints.  The narrative reader's, apart from its tokens.
"""

from __future__ import annotations

import re

from govclass.document import Subject
from govclass.normalize import normalize_name

# -- subjects --------------------------------------------------------------------

FOLD = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", '"': "", "‘": "", "’": "", " ": "", "\u3000": "",
                       "\t": "", "《": "", "》": "", "—": "-", "－": "-", "－": "-"})
_SANGONG = tuple((re.compile(p), kind) for p, kind in (
    (r"公务(?:用)?车(?:辆)?购置(?:及|和|与)运行", "sangong-vehicle"), (r"公务(?:用)?车(?:用车|辆)?运行", "sangong-vehicle-run"),
    (r"公务(?:用)?车(?:辆)?购置", "sangong-vehicle-buy"), (r"因公出国", "sangong-abroad"), (r"公务接待", "sangong-reception"),
))
# What a subject can be, as the end of its words: "2024 年某局收入预算总额为" is the income total,
# "事业收入" or "编外人员经费" is not (the words before a pattern must be the document's own: a year,
# the unit's name, 其中, 本部门 …).  First match wins.
_SUFFIX = r"(?:年初)?(?:预算数?|决算数?)?(?:总额|总计|合计|总量|小计)?(?:为|是|共计|共|安排|达)?"
_KINDS = tuple((re.compile(f"(?:{pattern}){_SUFFIX}$"), kind, side) for pattern, kind, side in (
    (r"本年收入合计", "year-income", "收入"), (r"本年支出合计", "year-expenditure", "支出"),
    (r"上年结转(?:\(结余\)|和结余|结余)?|年初结转和结余", "carryover", "收入"),
    (r"(?P<funds>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?人员经费", "personnel", "支出"),
    (r"(?P<funds>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?公用经费", "public", "支出"),
    (r"(?P<funds>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?基本支出", "basic", "支出"),
    (r"(?P<funds>一般公共预算(?:财政)?(?:拨款)?|财政拨款)?项目支出", "project", "支出"),
    # "收入支出总计", "收入、支出预算总计": both sides' 总计 of the 收支总表 (财政拨款…: of the 财政拨款 one)
    (r"(?P<funds>财政拨款)?(?:收入支出|收支|收入、支出)", "total-both", None),
    (r"一般公共预算(?:财政)?(?:拨款)?收入", "gpb", "收入"),
    (r"一般公共预算(?:财政)?(?:拨款)?(?:支出)?", "gpb", "支出"),
    (r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?", "gf", "支出"),
    (r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|支出)?", "soc", "支出"),
    (r"财政拨款收入", "fiscal", "收入"), (r"财政拨款(?:支出)?", "fiscal", "支出"),
    (r"收入(?:预算)?", "total-income", "收入"), (r"支出(?:预算)?", "total-expenditure", "支出"),
))
# the words before a subject that are its document's own: a year, a publisher, 其中; or a scope (全市, 市本级),
# which the claim's scope then says
_OWN_PREFIX = re.compile(r"(?:^|年度?|的|局|委|办|院|中心|室|会|处|所|站|队|馆|部门|单位|厅|署|部|其中|全年|"
                         r"全(?:省|市|区|县|州|盟|自治区)|本级|(?:省|市)级)$")
_MARKED = re.compile(r"([^()]+?)\((类|款|项)\)")


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
    text = subject.translate(FOLD)
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
    unlisted = re.sub(r"^(?:\d+[.、]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))", "", text)
    coded = _CODED.findall(unlisted)
    if coded:
        return _coded_path(coded, catalog, core)
    marked = _MARKED.findall(unlisted)
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
        if m and kind in ("total-income", "total-expenditure") and prefix.endswith("本年"):
            prefix = re.sub(r"^(?:包括|其中)", "", prefix[:-2])  # 本年收入: the year's (本年收入合计), not the 总计
            kind = "year-income" if kind == "total-income" else "year-expenditure"
        if m and _OWN_PREFIX.search(prefix) and not re.search(r"非$|当年$|结转|结余|涉及|安排的|项目", prefix):
            if kind in ("fiscal", "gpb", "gf", "soc") and "收入" in m.group(0):
                side = "收入"
            funds = m.groupdict().get("funds")
            if funds:
                funds = "gpb" if funds.startswith("一般公共预算") else "fiscal"
            whole = kind in ("gpb", "gf", "soc") and re.search(r"总量|总计|总额|合计", m.group(0)) is not None
            return Subject(kind, side=side, funds=funds, whole=whole)
    return Subject("other", named=core or None)


# "一般公共服务支出（201类）财政事务（06款）行政运行（01项）": each level's name with its own digits
_CODED = re.compile(r"([^()\d]*?)\((\d{2,7})(类|款|项)\)")
_LEVEL_DIGITS = {"类": (3,), "款": (2, 5), "项": (2, 7)}


def _coded_path(coded: list[tuple[str, str, str]], catalog, core: str) -> Subject:
    """The code a path that prints each level's digits denotes: the 项 of
    "（201类）…（06款）…（01项）" (2010601), never its 类; None when the digits
    do not make a code of the edition."""
    code = ""
    for _name, digits, level in coded:
        if len(digits) not in _LEVEL_DIGITS[level]:
            return Subject("code", None, None, "支出", core)
        if len(digits) == 2:
            if len(code) != (3 if level == "款" else 5):
                return Subject("code", None, None, "支出", core)  # a 款's digits with no 类 before them
            code += digits
        else:
            code = digits
    classification = {"2": "functional", "3": "economic-dept", "5": "economic-gov"}.get(code[:1])
    if catalog is not None and code not in catalog:
        return Subject("code", None, classification, "支出", core)
    return Subject("code", code, classification, "支出", core)


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
