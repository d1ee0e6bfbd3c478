"""Normalisation of classification codes and names, in one place.

Everything that compares a printed code or name with the catalog goes through
:func:`normalize_code` or :func:`normalize_name`.  Both are pure, cheap and
idempotent (``f(f(x)) == f(x)``, checked by property tests).

This module deliberately imports nothing heavy (no ``re``): it sits on the
path of a cold ``python -m govclass lookup``.
"""

from __future__ import annotations

import unicodedata

from govclass.errors import InvalidArgumentError, InvalidCodeError

__all__ = ["normalize_code", "normalize_name", "code_separators", "RADICAL_FORMS", "marked_only"]

# Characters people and PDF extraction put between the digits of a code.
_CODE_SEPARATORS = " \t\u3000\u00a0-_./·・,，、'’"
code_separators = _CODE_SEPARATORS

_STRIP_CODE = str.maketrans("", "", _CODE_SEPARATORS)

# CJK Radicals Supplement (U+2E80–U+2EFF) characters that PDF text extraction
# emits instead of the ordinary ideograph.  Unicode gives them no
# compatibility decomposition, so NFKC leaves them alone; the Kangxi radicals
# block (U+2F00–U+2FD5) *is* folded by NFKC and needs no entry here.
RADICAL_FORMS: dict[str, str] = {
    "\u2e84": "乙",  # ⺄
    "\u2e86": "冂",  # ⺆
    "\u2e87": "几",  # ⺇
    "\u2e8c": "小",  # ⺌
    "\u2e8d": "小",  # ⺍
    "\u2e95": "彐",  # ⺕
    "\u2e96": "忄",  # ⺖
    "\u2e97": "小",  # ⺗
    "\u2e98": "扌",  # ⺘
    "\u2e99": "攵",  # ⺙
    "\u2e9b": "无",  # ⺛
    "\u2e9d": "月",  # ⺝
    "\u2e9f": "母",  # ⺟
    "\u2ea0": "民",  # ⺠
    "\u2ea1": "氵",  # ⺡
    "\u2ea3": "灬",  # ⺣
    "\u2ea4": "爫",  # ⺤
    "\u2ea6": "丬",  # ⺦
    "\u2eaa": "疋",  # ⺪
    "\u2eab": "罒",  # ⺫
    "\u2eac": "示",  # ⺬
    "\u2ead": "礻",  # ⺭
    "\u2eae": "竹",  # ⺮
    "\u2eb2": "罒",  # ⺲
    "\u2eb7": "羊",  # ⺷
    "\u2ebb": "聿",  # ⺻
    "\u2ebc": "月",  # ⺼
    "\u2ebe": "艹",  # ⺾
    "\u2ec0": "艹",  # ⻀
    "\u2ec1": "虎",  # ⻁
    "\u2ec2": "衤",  # ⻂
    "\u2ec3": "覀",  # ⻃
    "\u2ec4": "西",  # ⻄
    "\u2ec5": "见",  # ⻅
    "\u2ec6": "角",  # ⻆
    "\u2ec8": "讠",  # ⻈
    "\u2ec9": "贝",  # ⻉
    "\u2ecb": "车",  # ⻋
    "\u2ecc": "辶",  # ⻌
    "\u2ecd": "辶",  # ⻍
    "\u2ecf": "阝",  # ⻏
    "\u2ed0": "钅",  # ⻐
    "\u2ed1": "长",  # ⻑ (simplified reading, as printed in mainland documents)
    "\u2ed2": "长",  # ⻒
    "\u2ed3": "长",  # ⻓
    "\u2ed4": "门",  # ⻔
    "\u2ed6": "阝",  # ⻖
    "\u2ed8": "青",  # ⻘
    "\u2ed9": "韦",  # ⻙
    "\u2eda": "页",  # ⻚
    "\u2edb": "风",  # ⻛
    "\u2edc": "飞",  # ⻜
    "\u2edd": "食",  # ⻝
    "\u2edf": "食",  # ⻟
    "\u2ee0": "饣",  # ⻠
    "\u2ee2": "马",  # ⻢
    "\u2ee3": "骨",  # ⻣
    "\u2ee4": "鬼",  # ⻤
    "\u2ee5": "鱼",  # ⻥
    "\u2ee6": "鸟",  # ⻦
    "\u2ee7": "卤",  # ⻧
    "\u2ee8": "麦",  # ⻨
    "\u2ee9": "黄",  # ⻩
    "\u2eea": "黾",  # ⻪
    "\u2eeb": "齐",  # ⻫
    "\u2eec": "齐",  # ⻬
    "\u2eed": "齿",  # ⻭
    "\u2eee": "齿",  # ⻮
    "\u2eef": "龙",  # ⻯
    "\u2ef0": "龙",  # ⻰
    "\u2ef1": "龟",  # ⻱
    "\u2ef2": "龟",  # ⻲
    "\u2ef3": "龟",  # ⻳
}

# After NFKC: brackets, quotes and dashes that still have several spellings.
_NAME_FOLD = {
    **{ord(k): v for k, v in RADICAL_FORMS.items()},
    ord("〔"): "(",
    ord("〕"): ")",
    ord("【"): "(",
    ord("】"): ")",
    ord("["): "(",
    ord("]"): ")",
    ord("{"): "(",
    ord("}"): ")",
    ord("“"): '"',
    ord("”"): '"',
    ord("„"): '"',
    ord("‘"): "'",
    ord("’"): "'",
    ord("「"): '"',
    ord("」"): '"',
    ord("『"): '"',
    ord("』"): '"',
    ord("—"): "-",
    ord("–"): "-",
    ord("―"): "-",
    ord("‐"): "-",
    ord("・"): "·",
    ord("•"): "·",
    ord("、"): ",",
    # White space of every kind disappears: printed tables indent with it and
    # wrap names over lines.
    ord(" "): None,
    ord("\t"): None,
    ord("\n"): None,
    ord("\r"): None,
    ord("\u00a0"): None,
    ord("\u3000"): None,
    ord("\u200b"): None,
    ord("\ufeff"): None,
}


# Printed around a name, not part of it: its level after it ("其他教育支出(项)", "武装警察部队（款）") and
# an enumeration before it ("一、城乡社区支出", "（二）交通运输支出"), as budget reports print them.
_LEVEL_MARKS = ("(类)", "(款)", "(项)")
_ENUMERATION_NUMERALS = frozenset("一二三四五六七八九十")
_ENUMERATION_ENDS = ",."  # 、 and ． after the fold


def _without_marks(name: str) -> str:
    """``name`` (folded) without trailing level markers and leading enumerations."""
    while name.endswith(_LEVEL_MARKS):
        name = name[:-3]
    while name:
        if name[0] == "(":
            end = name.find(")")
            if end > 1 and all(c in _ENUMERATION_NUMERALS for c in name[1:end]):
                name = name[end + 1:]
                continue
            break
        k = 0
        while k < len(name) and name[k] in _ENUMERATION_NUMERALS:
            k += 1
        if 0 < k < len(name) and name[k] in _ENUMERATION_ENDS:
            name = name[k + 1:]
            continue
        break
    return name


_MARK_FOLD = str.maketrans({"（": "(", "）": ")", "、": ",", "．": "."})


def marked_only(printed: str, official: str) -> bool:
    """True when ``printed`` is ``official`` as it is, only with a level marker
    or an enumeration around it (``其他教育支出（项）``, ``一、城乡社区支出``)."""
    bare = _without_marks(printed.strip().translate(_MARK_FOLD))
    return bare != printed.strip().translate(_MARK_FOLD) and bare == official.translate(_MARK_FOLD)


def normalize_name(text: str) -> str:
    """Fold a printed classification name to its comparison form.

    NFKC (full-width letters, digits and brackets to their ASCII forms,
    Kangxi radicals to ideographs), CJK radical-supplement forms to their
    ideographs, one spelling for brackets/quotes/dashes, no white space, and
    without the level marker or enumeration a report prints around a name
    (``其他教育支出（项）``, ``一、城乡社区支出``): the same name.

    >>> normalize_name("维修（护）费") == normalize_name("维修(护)费")
    True
    >>> normalize_name("⻔诊 费")
    '门诊费'
    >>> normalize_name("一、城乡社区支出") == normalize_name("城乡社区支出（类）")
    True
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"name must be a str, not {type(text).__name__}")
    # NFKC first (it may produce characters the fold handles), then fold, then
    # NFKC again so that the result is a fixed point.
    folded = unicodedata.normalize("NFKC", text).translate(_NAME_FOLD)
    folded = unicodedata.normalize("NFKC", folded).translate(_NAME_FOLD)
    if folded.endswith(")") or (folded and (folded[0] == "(" or folded[0] in _ENUMERATION_NUMERALS)):
        return _without_marks(folded)
    return folded


def normalize_code(value: object, parent: str | int | None = None) -> str:
    """Return the canonical digit string of a code as printed.

    Accepts ``"2101505"``, ``2101505``, ``"210 15 05"``, ``"210-15-05"``,
    full-width digits (``"２１０１５０５"``) and, with ``parent``, a code written
    relative to its parent as printed tables do (``"15"`` under ``"210"``).

    Raises :class:`~govclass.errors.InvalidCodeError` (a ``ValueError``) when
    the value cannot be a code at all; whether the code *exists* is the
    catalog's business, not this function's.
    """
    if isinstance(value, bool):  # bool is an int; True is not a code
        raise InvalidCodeError(value, "a bool is not a code")
    if isinstance(value, str):
        text = value
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        head, dot, tail = text.strip().rpartition(".")
        if dot and head.isdigit() and tail and not tail.strip("0"):  # "2101505.0": a number, not "21015050"
            raise InvalidCodeError(value, "a decimal number, not a code (write the code's digits only)")
        text = text.translate(_STRIP_CODE)
    else:
        text = str(_whole_number(value))
    if not text:
        raise InvalidCodeError(value, "empty")
    if not (text.isascii() and text.isdigit()):
        raise InvalidCodeError(value, "a code is made of digits only")
    if parent is not None:
        base = normalize_code(parent)
        # A code printed relative to its parent has two digits; a full code
        # already starting with the parent is accepted as it is.
        if len(text) == 2:
            text = base + text
        elif not text.startswith(base):
            raise InvalidCodeError(value, f"not a child of {base}")
    return text


def _whole_number(value: object) -> int:
    """A code given as a number: any integer type (int, numpy and pandas
    integers: ``numbers.Integral``).  A float or Decimal is refused, with or
    without a fractional part: ``2101505.5`` is no code, and reading
    ``2101505.0`` as a code would hide a column read as numbers (leading
    zeros and digit groups are lost that way)."""
    import numbers
    from decimal import Decimal

    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, (numbers.Real, Decimal)):
        try:
            whole = value == int(value)  # type: ignore[call-overload]
        except (ValueError, OverflowError):  # NaN, infinity
            raise InvalidCodeError(value, "not a finite number") from None
        if not whole:
            raise InvalidCodeError(value, "a number with a fractional part is not a code")
        raise InvalidCodeError(value, f"a {type(value).__name__} is not a code; pass the code as str or int "
                                      f"({int(value)})")  # type: ignore[call-overload]
    else:
        raise InvalidCodeError(value, f"expected str or int, not {type(value).__name__}")
    if number < 0:
        raise InvalidCodeError(value, "a code cannot be negative")
    return number
