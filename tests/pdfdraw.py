"""Small PDFs the tests draw: words placed where a table prints them, ruling lines, pages turned or
cropped.  The font is one PDFium knows without embedding (Adobe-GB1, UCS-2 codes), so Chinese and
ASCII text come out of the text layer as drawn.

    page = Page(words=[(50, 800, "2010301 行政运行")], hlines=[(40, 500, 790)], vlines=[(40, 700, 800)])
    path.write_bytes(pdf([page]))

``ruled(edges, top, rows)`` draws a table whose every cell is framed: ``edges`` the x of the column
rules, ``rows`` the cells' texts top to bottom (the first row is the header); it gives the words and
rules to put on a Page.  Coordinates are PDF points from the bottom left, y of a word its baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conftest import pdf_file

SONG = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >> >> >>")

#: the height of a ruled row, and how far above its bottom rule a cell's baseline stands
ROW = 18
BASELINE = 5


@dataclass
class Page:
    words: list[tuple[float, float, str]] = field(default_factory=list)  # (x, baseline y, text)
    hlines: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y)
    vlines: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)
    size: float = 9
    box: tuple[float, float, float, float] = (0, 0, 595, 842)
    rotate: int = 0
    crop: tuple[float, float, float, float] | None = None
    #: a text matrix other than upright (a, b, c, d), for text set turned on its page
    matrix: tuple[float, float, float, float] = (1, 0, 0, 1)
    #: the whole content (text and rules) turned on the page by this many degrees counter-clockwise
    #: (90: a landscape table placed on a portrait page, no /Rotate), drawn in the turned frame
    turn: int = 0

    def add(self, other: "tuple[list, list, list]") -> "Page":
        words, hlines, vlines = other
        self.words += words
        self.hlines += hlines
        self.vlines += vlines
        return self

    def content(self) -> bytes:
        ops = [b"0.5 w"]
        ops += [b"%.2f %.2f m %.2f %.2f l S" % (x0, y, x1, y) for x0, x1, y in self.hlines]
        ops += [b"%.2f %.2f m %.2f %.2f l S" % (x, y0, x, y1) for x, y0, y1 in self.vlines]
        a, b, c, d = self.matrix
        ops.append(b"BT /F1 %.1f Tf" % self.size)
        ops += [b"%g %g %g %g %.2f %.2f Tm <%s> Tj" % (a, b, c, d, x, y, text.encode("utf-16-be").hex().encode())
                for x, y, text in self.words]
        ops.append(b"ET")
        if self.turn == 90:  # (x, y) of the landscape drawing -> (width - y, x) on the page
            ops = [b"q 0 1 -1 0 %g 0 cm" % self.box[2], *ops, b"Q"]
        elif self.turn == 270:  # (x, y) -> (y, height - x)
            ops = [b"q 0 -1 1 0 0 %g cm" % self.box[3], *ops, b"Q"]
        return b"\n".join(ops)

    def dictionary(self, contents: int) -> bytes:
        extra = b""
        if self.rotate:
            extra += b" /Rotate %d" % self.rotate
        if self.crop is not None:
            extra += b" /CropBox [%g %g %g %g]" % self.crop
        return (b"<< /Type /Page /Parent 2 0 R /MediaBox [%g %g %g %g] /Contents %d 0 R /Resources %s%s >>"
                % (*self.box, contents, SONG, extra))


def pdf(pages: list[Page]) -> bytes:
    """A PDF of the pages, xref offsets computed."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for page in pages:
        content = page.content()
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(page.dictionary(len(objects)))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_file(objects)


def ruled(edges: list[float], top: float, rows: list[list[str]], row: float = ROW,
          right: "set[int] | None" = None) -> tuple[list, list, list]:
    """A table framed cell by cell: words (each cell's text at the left of its cell, or right-aligned
    at its right edge for the columns in ``right``, by a guess of the text's width), horizontal and
    vertical rules.  ``rows[0]`` is the header."""
    words: list[tuple[float, float, str]] = []
    bottom = top - row * len(rows)
    for index, cells in enumerate(rows):
        base = top - row * (index + 1) + BASELINE
        for column, text in enumerate(cells):
            if not text:
                continue
            if right and column in right:
                width = sum(9 if ord(ch) > 0x2e80 else 4.5 for ch in text)
                words.append((edges[column + 1] - 3 - width, base, text))
            else:
                words.append((edges[column] + 3, base, text))
    hlines = [(edges[0], edges[-1], top - row * k) for k in range(len(rows) + 1)]
    vlines = [(x, bottom, top) for x in edges]
    return words, hlines, vlines


def title(words: list[tuple[float, float, str]], *lines: str, x: float = 150, top: float = 800) -> list:
    """Lines of text above a table (a title, the unit line), one under the other."""
    return words + [(x, top - 20 * k, text) for k, text in enumerate(lines)]
