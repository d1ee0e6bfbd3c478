"""Stage 1 of the PDF reader: pages.  The one module that opens a PDF (pypdfium2, the ``pdf``
extra): every page's characters with their boxes, its ruling lines, and its text layer; and the
characters grouped into lines and words, the units every later stage reads.

Coordinates are the page as displayed (after /Rotate), in points from its top left corner.
"""

from __future__ import annotations

import ctypes
import math
import re
from typing import NamedTuple

from govclass.errors import GovclassError, InputError
from govclass.readers.pdf.settings import SETTINGS

__all__ = ["Char", "TextLine", "Rule", "Page", "Word", "pdf_pages", "page_texts", "pages_showing_something", "em_of",
           "line_groups", "text_lines", "words_of", "cluster_rules"]


class Char(NamedTuple):
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, from the top of the page
    cx: float  # the centre, which decides the cell a character is in
    cy: float


def make_char(text: str, x0: float, x1: float, top: float, bottom: float, base: float) -> Char:
    return Char(text, x0, x1, top, bottom, base, (x0 + x1) / 2, (top + bottom) / 2)


class TextLine(NamedTuple):
    y: float  # baseline
    x0: float
    x1: float
    text: str  # words joined by single spaces


class Rule(NamedTuple):
    at: float  # x of a vertical rule, y of a horizontal one
    lo: float  # where it starts (y for vertical, x for horizontal)
    hi: float


class Page(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    hrules: list[Rule]
    vrules: list[Rule]
    text: str = ""  # PDFium's text of the page (the narrative reads it)


class Word(NamedTuple):
    x0: float
    x1: float
    text: str


# -- opening the PDF --------------------------------------------------------------------------------

def pdf_pages(path: str) -> list[Page]:
    """Every page's characters and ruling lines (pypdfium2)."""
    pdfium, raw = _pdfium(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(f"{path}: the PDF is password-protected; decrypt it first") from None
        raise InputError(f"{path}: not a readable PDF ({msg.splitlines()[0] if msg else 'pdfium'})") from None
    pages: list[Page] = []
    try:
        for index in range(len(pdf)):
            pages.append(_page(raw, pdf[index], index + 1))
    except GovclassError:
        raise
    except Exception as exc:  # pdfium reports damaged files in many ways
        raise InputError(f"{path}: not a readable PDF ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") \
            from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(f"{path}: the PDF has no pages")
    if not any(page.chars for page in pages):
        raise InputError(f"{path}: the PDF has no text layer (scanned pages?); OCR it first")
    return pages


def _pdfium(path: str):
    """pypdfium2 and its raw bindings, or the InputError that names the extra."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:
        raise InputError(f"{path}: reading PDF needs pypdfium2, a dependency of govclass: pip install pypdfium2") \
            from None
    return pdfium, raw


def _displayed(rotation: int, user_width: float, user_height: float):
    """The function from user space (x, y from the bottom left) to the displayed page (from the top
    left), for a page turned by ``rotation`` degrees."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (user_width - x, y)
    if rotation == 270:
        return lambda x, y: (user_height - y, user_width - x)
    return lambda x, y: (x, user_height - y)


def _page(raw, page, number: int) -> Page:
    """One page's characters, rules and text (raw PDFium calls: the object wrappers cost more than
    a page holds)."""
    width, height = page.get_width(), page.get_height()  # as displayed (after /Rotate)
    rotation = page.get_rotation() % 360
    user_width, user_height = (height, width) if rotation in (90, 270) else (width, height)
    textpage = page.get_textpage()
    turned = (_text_turn(raw, textpage.raw) + rotation) % 360  # how its text stands as the page is displayed
    if turned:  # text set turned on its page, no /Rotate to say so: the page read the way its text runs
        rotation = (rotation - turned) % 360
        width, height = (user_height, user_width) if rotation in (90, 270) else (user_width, user_height)
    crop = page.get_cropbox()  # the visible page, in user space
    crop_left, crop_bottom = crop[0], crop[1]
    from_origin = _displayed(rotation, user_width, user_height)

    def to_display(across: float, upward: float) -> tuple[float, float]:
        return from_origin(across - crop_left, upward - crop_bottom)

    chars = _on_page(_chars(raw, textpage.raw, to_display), width, height)
    # the text layer of the visible page only (the narrative reads it), when the page hides some of its box
    page_text = textpage.get_text_range() if tuple(crop) == tuple(page.get_mediabox()) else \
        textpage.get_text_bounded(*crop)
    textpage.close()
    hrules, vrules = _rules(raw, page.raw, to_display, width, height)
    page.close()
    return Page(number, width, height, chars, hrules, vrules, page_text)


def _on_page(chars: list[Char], width: float, height: float) -> list[Char]:
    """The characters shown on the page: those whose centre stands inside its crop box.  Text placed
    outside it (a table drawn again beyond the visible page) is not printed, and never read.  Rules
    are kept whole: a table's frame may run past the page (Beijing p.20) and close its last row."""
    return [c for c in chars if 0 <= c.cx <= width and 0 <= c.cy <= height]


def _text_turn(raw, handle) -> int:
    """How far the text of a page is turned in its own space (0, 90, 180 or 270 degrees, as PDFium
    measures a character's angle), when most of its characters are: with the page's /Rotate, how its
    text stands as displayed (a landscape table placed on a portrait page with no /Rotate comes out
    one character a line, or reversed, unless read the way it runs)."""
    count = raw.FPDFText_CountChars(handle)
    step = max(1, count // SETTINGS.turn_sample_chars)
    turns: dict[int, int] = {}
    for index in range(0, count, step):
        if raw.FPDFText_GetUnicode(handle, index) > 32:
            turn = round(math.degrees(raw.FPDFText_GetCharAngle(handle, index)) / 90) * 90 % 360
            turns[turn] = turns.get(turn, 0) + 1
    if not turns:
        return 0
    turn, most = max(turns.items(), key=lambda kv: kv[1])
    return turn if most * 2 > sum(turns.values()) else 0


#: code points that are no printed character: controls and spaces, non-characters, the ideographic
#: and the no-break space
_NOT_PRINTED = (0xfffe, 0xffff, 0x3000, 0xa0)


def _chars(raw, handle, to_display) -> list[Char]:
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    unicode_of, box_of, origin_of = raw.FPDFText_GetUnicode, raw.FPDFText_GetCharBox, raw.FPDFText_GetCharOrigin
    chars: list[Char] = []
    for index in range(raw.FPDFText_CountChars(handle)):
        code = unicode_of(handle, index)
        if code <= 32 or code in _NOT_PRINTED:
            continue
        box_of(handle, index, left, right, bottom, top)
        origin_of(handle, index, origin_x, origin_y)
        (first_x, first_y), (second_x, second_y) = to_display(left.value, bottom.value), to_display(right.value, top.value)
        base = to_display(origin_x.value, origin_y.value)[1]  # the baseline, in the displayed frame
        chars.append(make_char(chr(code), min(first_x, second_x), max(first_x, second_x), min(first_y, second_y),
                               max(first_y, second_y), base))
    return chars


def _rules(raw, handle, to_display, width: float, height: float) -> tuple[list[Rule], list[Rule]]:
    """The page's ruling lines from its path objects: a thin path is a rule; a box (a cell drawn as
    a rectangle) gives its four sides; a box around the whole page is its frame, no rule."""
    settings = SETTINGS
    thin, long = settings.rule_max_thickness, settings.rule_min_length
    hrules: list[Rule] = []
    vrules: list[Rule] = []
    for user_x0, user_y0, user_x1, user_y1 in _path_bounds(raw, handle):
        (first_x, first_y), (second_x, second_y) = to_display(user_x0, user_y0), to_display(user_x1, user_y1)
        x0, x1 = min(first_x, second_x), max(first_x, second_x)
        top, bottom = min(first_y, second_y), max(first_y, second_y)
        across, down = x1 - x0, bottom - top
        if across <= thin and down > long:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
        elif down <= thin and across > long:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif across > long and down > long and not (across > settings.page_frame_share * width and
                                                     down > settings.page_frame_share * height):
            hrules.extend((Rule(top, x0, x1), Rule(bottom, x0, x1)))  # a cell drawn as a box
            vrules.extend((Rule(x0, top, bottom), Rule(x1, top, bottom)))
    return hrules, vrules


def _path_bounds(raw, page_handle) -> list[tuple[float, float, float, float]]:
    """The bounds of every path object of a page, in form objects too."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    out: list[tuple[float, float, float, float]] = []

    def walk(count: int, get, level: int) -> None:
        for index in range(count):
            obj = get(index)
            kind = get_type(obj)
            if kind == path:
                if get_bounds(obj, left, bottom, right, top):
                    out.append((left.value, bottom.value, right.value, top.value))
            elif kind == form and level < SETTINGS.form_depth:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), level + 1)

    walk(raw.FPDFPage_CountObjects(page_handle), lambda k: raw.FPDFPage_GetObject(page_handle, k), 1)
    return out


def _not_readable(path: str, exc: BaseException) -> InputError:
    """A PDF that PDFium (or whatever stands in for it) cannot open or read, in one line."""
    message = str(exc).strip()
    if "password" in message.lower():
        return InputError(f"{path}: the PDF is password-protected; decrypt it first")
    first = message.splitlines()[0] if message else ""
    return InputError(f"{path}: not a readable PDF ({type(exc).__name__}{': ' + first if first else ''})")


def page_texts(path: str) -> list[str]:
    """Every page's text layer as PDFium gives it (its line breaks as "\\n"), in page order; for
    whoever wants a PDF's text alone (govclass.readers.sheets.pdf_text)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise InputError(f"{path}: reading PDF needs pypdfium2, a dependency of govclass: pip install pypdfium2") \
            from None
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or type(exc).__name__}") from None
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:  # PDFium reports damaged and encrypted files in many ways
        raise _not_readable(path, exc) from None
    texts = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except Exception as exc:
        raise _not_readable(path, exc) from None
    finally:
        pdf.close()
    return [text.replace("\r\n", "\n").replace("\r", "\n") for text in texts]


def pages_showing_something(path: str, numbers: list[int]) -> list[int]:
    """Those of the pages (1-based) that hold an image or a text object."""
    pdfium, raw = _pdfium(path)
    wanted = (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_TEXT)
    out = []
    pdf = pdfium.PdfDocument(path)
    try:
        for number in numbers:
            page = pdf[number - 1]
            handle = page.raw
            if any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(handle, index)) in wanted
                   for index in range(raw.FPDFPage_CountObjects(handle))):
                out.append(number)
            page.close()
    finally:
        pdf.close()
    return out


# -- characters into lines and words ----------------------------------------------------------------

def em_of(chars: list[Char]) -> float:
    """The size of the text: the median width of its CJK characters, else
    twice the median width of the others."""
    settings = SETTINGS
    wide = sorted(c.x1 - c.x0 for c in chars if ord(c.ch) >= 0x2e80)
    if wide:
        return max(wide[len(wide) // 2], settings.em_min)
    narrow = sorted(c.x1 - c.x0 for c in chars)
    return max(2 * narrow[len(narrow) // 2], settings.em_min) if narrow else settings.em_default


def line_groups(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by baseline, each line left to right."""
    least_height, same, share = SETTINGS.char_min_height, SETTINGS.baseline_same, SETTINGS.baseline_same_share
    ordered = sorted(chars, key=lambda c: c.base)
    groups: list[list[Char]] = []
    last = None
    for char in ordered:
        height = char.bottom - char.top
        reach = share * (height if height > least_height else least_height)  # max(same, share * height), inlined:
        if last is not None and abs(char.base - last) <= (reach if reach > same else same):  # the measured hot loop
            groups[-1].append(char)
        else:
            groups.append([char])
            last = char.base
    for group in groups:
        group.sort(key=lambda c: c.x0)
    return groups


def text_lines(chars: list[Char], splits: "list[float] | None" = None) -> list[TextLine]:
    """Characters grouped into lines by baseline, left to right, a space
    where the gap between two characters is wide (or a vertical rule runs)."""
    space = SETTINGS.word_space_em
    out = []
    for group in line_groups(chars):
        em = em_of(group)
        parts: list[str] = []
        prev = None
        for char in group:
            if prev is not None:
                gap = char.x0 - prev.x1
                ruled = splits is not None and any(prev.cx < s < char.cx for s in splits)
                if gap > space * em or ruled:
                    parts.append(" ")
            parts.append(char.ch)
            prev = char
        out.append(TextLine(sum(c.base for c in group) / len(group), group[0].x0, group[-1].x1, "".join(parts)))
    return out


_ENDS_IN_DECIMALS = re.compile(r"\d\.\s?\d{2}$")


def words_of(group: list[Char]) -> list[Word]:
    """The words of a line: runs of characters closer than half an em; a
    figure that ends in its decimals ends its word when a digit follows
    after any gap (two figures of adjacent columns)."""
    settings = SETTINGS
    em = em_of(group)
    apart = min(settings.figure_apart_max, settings.figure_apart_em * em)
    out: list[list[Char]] = []
    for char in group:
        gap = char.x0 - out[-1][-1].x1 if out else 0.0
        ended = out and char.ch.isdigit() and gap > apart and _ENDS_IN_DECIMALS.search(
            "".join(x.ch for x in out[-1][-4:]))
        if out and gap <= settings.word_gap_em * em and not ended:
            out[-1].append(char)
        else:
            out.append([char])
    return [Word(w[0].x0, w[-1].x1, "".join(c.ch for c in w)) for w in out]


def cluster_rules(rules: list[Rule]) -> list[Rule]:
    """Rules on the same line whose extents touch merged into one."""
    same, gap = SETTINGS.rule_same_line, SETTINGS.rule_join_gap
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.at, r.lo)):
        for index in range(len(out) - 1, -1, -1):
            other = out[index]
            if rule.at - other.at > same:
                out.append(rule)
                break
            if rule.lo <= other.hi + gap and rule.hi >= other.lo - gap:
                out[index] = Rule(other.at, min(other.lo, rule.lo), max(other.hi, rule.hi))
                break
        else:
            out.append(rule)
    return out
