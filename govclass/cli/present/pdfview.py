"""A PDF's pages as a reviewer sees them: crops of a page rendered to PNG, a finding's row found by its
text where the reader gave no box, and the findings written into a copy of the PDF as annotations.
The same library the reader opens PDFs with (pypdfium2); every box is in the reader's coordinates
(govclass.readers.pdf.pages: points from the top left corner of the page as displayed, after /Rotate).
Nothing here is imported when the command line starts: only ``validate --format html`` and ``annotate``
load it."""

from __future__ import annotations

import ctypes
import struct
import zlib

from govclass.errors import InputError

__all__ = ["Pdf", "png", "finding_boxes", "RENDER_SCALE", "BOX_COLOUR", "ROW", "CELL", "FOUND"]

#: pixels per point of a rendered crop (2: sharp on a high-density screen, and a row of 9-point figures
#: stays readable at half size)
RENDER_SCALE = 2.0
#: the colour a finding's box is drawn in (red, as a reviewer's pen), in the HTML page and the annotations
BOX_COLOUR = (220, 0, 0)
#: how thick an annotation's border is, in points
BORDER_WIDTH = 1.5
#: pages kept rendered while a report is written (findings come table by table: a page's are together)
PAGES_KEPT = 4


def png(width: int, height: int, rgb: bytes) -> bytes:
    """A PNG file of ``rgb`` (8-bit red, green, blue, row after row, no padding): the format a browser
    shows, written with the standard library (zlib) alone."""
    raw = b"".join(b"\x00" + rgb[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


class Pdf:
    """One PDF opened for a report: its pages' sizes, crops rendered, rows found by their text, and
    annotations added and saved in a copy.  Close it (or use it as a context manager)."""

    def __init__(self, path: str) -> None:
        try:
            import pypdfium2 as pdfium
        except ImportError:  # pragma: no cover - pypdfium2 is a dependency since issue 25
            raise InputError(f"{path}: drawing on a PDF needs pypdfium2 (pip install pypdfium2)") from None
        self.path = path
        self.pdfium = pdfium
        self.cache: dict[tuple[int, float], tuple[int, int, int, int, bytes]] = {}
        try:
            self.doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            raise InputError(f"{path}: not a readable PDF ({str(exc).splitlines()[0] if str(exc) else 'pdfium'})") \
                from None

    def __enter__(self) -> "Pdf":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.doc.close()

    def __len__(self) -> int:
        return len(self.doc)

    def size(self, number: int) -> tuple[float, float]:
        """Page ``number``'s width and height in points, as displayed."""
        page = self.doc[number - 1]
        return page.get_width(), page.get_height()

    def crop(self, number: int, top: float, bottom: float, scale: float = RENDER_SCALE) -> tuple[bytes, int, int]:
        """Page ``number`` rendered at ``scale`` pixels per point, the band from ``top`` to ``bottom``
        (points from the top) across its whole width: (PNG, width, height in pixels)."""
        width, height, stride, channels, buffer = self._rendered(number, scale)
        first = max(0, int(top * scale))
        last = min(height, int(bottom * scale + 0.999))
        rows = []
        for y in range(first, last):
            row = buffer[y * stride:y * stride + width * channels]
            if channels == 4:  # RGBA/RGBX: the colour without the fourth byte
                row = bytes(b for k, b in enumerate(row) if k % 4 != 3)
            rows.append(row)
        return png(width, last - first, b"".join(rows)), width, last - first

    def _rendered(self, number: int, scale: float) -> tuple[int, int, int, int, bytes]:
        """Page ``number`` rendered (width, height, stride, channels, pixels); the last
        :data:`PAGES_KEPT` pages are kept, as a page's findings come together."""
        key = (number, scale)
        if key not in self.cache:
            bitmap = self.doc[number - 1].render(scale=scale, rev_byteorder=True, draw_annots=True)
            if len(self.cache) >= PAGES_KEPT:
                self.cache.pop(next(iter(self.cache)))
            self.cache[key] = (bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels, bytes(bitmap.buffer))
        return self.cache[key]

    def locate(self, number: int, text: str) -> tuple[float, float, float, float] | None:
        """Where ``text`` is printed on page ``number`` (the first place it is found, as PDFium's text
        search finds it): the box around its characters, or None.  For a finding whose reader gave no box
        (a sentence of the narrative), so that its page still shows where it is."""
        found = self.find_all(number, text, first_only=True)
        return found[0] if found else None

    def find_all(self, number: int, text: str, first_only: bool = False) -> list[tuple[float, float, float, float]]:
        """Every place ``text`` is printed on page ``number`` (PDFium's text search, case and whole
        words not minded), each as the box around its characters, in the reader's coordinates."""
        raw = self.pdfium.raw
        wanted = text.strip()
        if not wanted or not 0 < number <= len(self.doc):
            return []
        page = self.doc[number - 1]
        to_displayed = _displayed(page.get_rotation(), page.get_width(), page.get_height())
        textpage = page.get_textpage()
        out = []
        try:
            search = raw.FPDFText_FindStart(textpage, _wide(wanted), 0, 0)
            try:
                while raw.FPDFText_FindNext(search):
                    start, count = raw.FPDFText_GetSchResultIndex(search), raw.FPDFText_GetSchCount(search)
                    boxes = [b for b in (textpage.get_charbox(k) for k in range(start, start + count))
                             if b[2] > b[0] or b[3] > b[1]]
                    if boxes:
                        corners = [to_displayed(x, y) for left, bottom, right, top in boxes
                                   for x, y in ((left, bottom), (right, top))]
                        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
                        out.append((min(xs), min(ys), max(xs), max(ys)))
                    if first_only and out:
                        break
            finally:
                raw.FPDFText_FindClose(search)
        finally:
            textpage.close()
        return out

    def annotate(self, number: int, box: tuple[float, float, float, float], title: str, message: str) -> None:
        """A square annotation around ``box`` on page ``number``, its border red, titled ``title`` (the rule)
        and holding ``message``, with an appearance stream, so that every viewer draws it."""
        raw = self.pdfium.raw
        page = self.doc[number - 1]
        width, height = page.get_width(), page.get_height()
        to_user = _user(page.get_rotation(), width, height)
        (x0, y0), (x1, y1) = to_user(box[0], box[1]), to_user(box[2], box[3])
        left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        pad = BORDER_WIDTH
        annot = raw.FPDFPage_CreateAnnot(page, raw.FPDF_ANNOT_SQUARE)
        if not annot:
            raise InputError(f"{self.path}: page {number}: PDFium cannot add an annotation")
        try:
            rect = raw.FS_RECTF(left - pad, top + pad, right + pad, bottom - pad)
            raw.FPDFAnnot_SetRect(annot, rect)
            red, green, blue = BOX_COLOUR
            raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255)
            raw.FPDFAnnot_SetBorder(annot, 0, 0, BORDER_WIDTH)
            raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)
            for key, value in (("Contents", message), ("T", title)):
                raw.FPDFAnnot_SetStringValue(annot, key.encode("ascii"), _wide(value))
            stream = (f"{red / 255:.3f} {green / 255:.3f} {blue / 255:.3f} RG {BORDER_WIDTH} w "
                      f"{left - pad / 2:.2f} {bottom - pad / 2:.2f} {right - left + pad:.2f} {top - bottom + pad:.2f} re S")
            raw.FPDFAnnot_SetAP(annot, raw.FPDF_ANNOT_APPEARANCEMODE_NORMAL, _wide(stream))
        finally:
            raw.FPDFPage_CloseAnnot(annot)

    def annotations(self, number: int) -> list[tuple[str, tuple[float, float, float, float]]]:
        """The annotations of page ``number``: (its Contents, its rect in displayed coordinates)."""
        raw = self.pdfium.raw
        page = self.doc[number - 1]
        to_displayed = _displayed(page.get_rotation(), page.get_width(), page.get_height())
        out = []
        for index in range(raw.FPDFPage_GetAnnotCount(page)):
            annot = raw.FPDFPage_GetAnnot(page, index)
            try:
                rect = raw.FS_RECTF()
                raw.FPDFAnnot_GetRect(annot, rect)
                size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                             size)
                contents = buffer.raw[:max(0, size - 2)].decode("utf-16-le")
            finally:
                raw.FPDFPage_CloseAnnot(annot)
            (x0, y0), (x1, y1) = to_displayed(rect.left, rect.top), to_displayed(rect.right, rect.bottom)
            out.append((contents, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
        return out

    def save(self, path: str) -> None:
        self.doc.save(path)


#: the longest piece of a sentence searched for on its page (a sentence wraps over lines: its start is
#: on one line)
SEARCH_CHARS = 12
#: the kinds of box a report draws: the row a finding is about (red), the figure of its column in that row
#: (blue), the row or sentence found by searching the page's text (red, dashed)
ROW, CELL, FOUND = "box", "cell", "found"


def finding_boxes(pdf: "Pdf", finding) -> list[tuple[int, list[tuple[str, tuple[float, float, float, float]]]]]:
    """The pages a finding is shown on, each with the boxes to draw: the rows the reader placed (the
    finding's, and each printed figure's it rests on), in that row the figure of the finding's column
    when it is printed there once, and where the reader gave no box the printed text found on the page."""
    drawn: dict[int, list] = {}
    if finding.page is not None and finding.box is not None:
        drawn.setdefault(finding.page, []).append((ROW, finding.box))
        cell = _cell(finding, pdf)
        if cell is not None:
            drawn[finding.page].append((CELL, cell))
    for figure in finding.figures:
        if figure.page is not None and figure.box is not None:
            drawn.setdefault(figure.page, []).append((ROW, figure.box))
    if finding.page is not None and finding.page not in drawn:
        wanted = (finding.sentence or "")[:SEARCH_CHARS] or (finding.text or "").split(" | ")[0].strip("[] ")
        box = pdf.locate(finding.page, wanted) if wanted else None
        drawn[finding.page] = [(FOUND, box)] if box else []
    return sorted(drawn.items(), key=lambda kv: kv[0])


def _cell(finding, pdf: "Pdf") -> tuple[float, float, float, float] | None:
    """The figure of the finding's column in its row (what it printed: ``actual``), when that figure is
    printed in the row exactly once (as written, or with thousands separators); None otherwise."""
    if not finding.actual or finding.column is None:
        return None
    x0, top, x1, bottom = finding.box
    shown = {finding.actual}
    try:
        from decimal import Decimal

        value = Decimal(finding.actual)
        shown.add(f"{value:,}")
    except ArithmeticError:
        pass
    found = {b for text in shown for b in pdf.find_all(finding.page, text)
             if x0 <= (b[0] + b[2]) / 2 <= x1 and top <= (b[1] + b[3]) / 2 <= bottom}
    return found.pop() if len(found) == 1 else None


def _wide(text: str):
    """A string as PDFium's FPDF_WIDESTRING (UTF-16LE, ending in a zero)."""
    encoded = (text + "\x00").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(encoded, len(encoded)), ctypes.POINTER(ctypes.c_ushort))


def _user_size(rotation: int, width: float, height: float) -> tuple[float, float]:
    """The page's width and height in user space, from its size as displayed (turned a quarter: swapped)."""
    return (height, width) if rotation in (90, 270) else (width, height)


def _displayed(rotation: int, width: float, height: float):
    """User space (from the bottom left) to the page as displayed (from the top left), the reader's
    convention (govclass.readers.pdf.pages); ``width`` and ``height`` as displayed."""
    user_width, user_height = _user_size(rotation, width, height)
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (user_width - x, y)
    if rotation == 270:
        return lambda x, y: (user_height - y, user_width - x)
    return lambda x, y: (x, user_height - y)


def _user(rotation: int, width: float, height: float):
    """The page as displayed back to user space: the inverse of :func:`_displayed`."""
    user_width, user_height = _user_size(rotation, width, height)
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (user_width - x, y)
    if rotation == 270:
        return lambda x, y: (user_width - y, user_height - x)
    return lambda x, y: (x, user_height - y)
