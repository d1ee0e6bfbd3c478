"""Shared fixtures.  Tests run against the *installed* govclass in CI (from a
temporary directory), so they locate data through govclass itself and the
seed documents through ../shared beside the checkout."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def seeds_dir() -> Path | None:
    env = os.environ.get("GOVCLASS_SEEDS")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "seeds")
    for c in candidates:
        if c.is_dir() and any(c.glob("*.txt")):
            return c
    return None


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The seed documents, by file name.  CI sets GOVCLASS_REQUIRE_SEEDS=1 so a
    missing ../shared fails instead of skipping."""
    d = seeds_dir()
    if d is None:
        if os.environ.get("GOVCLASS_REQUIRE_SEEDS") == "1":
            pytest.fail("seed documents not found (../shared/seeds)")
        pytest.skip("seed documents not found (../shared/seeds)")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))}


# What a classification code looks like: functional codes start with 2 and
# economic ones with 3 or 5 (3/5/7 digits); six digits starting with 3 are kept
# so that misprints such as 310111 are seen.  Other numbers (unit codes such as
# 604, amounts, years) are not classification codes.
_CODE = r"(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2,3})?|5\d{2}(?:\d{2})?)"
# A name starts with a CJK character, but not with a unit or counter word, which
# would make the number an amount or a count ("200 万元", "427 号").
_NAME_START = r"(?=[\u4e00-\u9fff])(?![万元亿千百人个辆台次年月日号家份批户名项余多米平条])"
_SEP = r"[ \t\u3000|]+"
_CODE_NAME = re.compile(rf"(?<![\d.,])({_CODE}){_SEP}{_NAME_START}")
_LINE_START = re.compile(rf"^[ \t\u3000|]*(\d{{2}}){_SEP}{_NAME_START}")
_CODE_LAST = re.compile(rf"(?:^|[ \t\u3000|])({_CODE})[ \t\u3000|]*$")


def printed_codes(text: str) -> list[tuple[int, str]]:
    """(line number, code) for every classification code printed in a
    document's tables, with 2-digit 款 written under their 类 resolved to 5
    digits.  A code ending a line counts when the next non-empty line starts
    with a name (seed 003 wraps its cells that way).  A 2-digit token counts
    only within 3 lines of a table row, so prose such as "31 日" is not a code."""
    found: list[tuple[int, str]] = []
    lei = None
    last_row = -100
    lines = text.splitlines()
    for index, line in enumerate(lines):
        lineno = index + 1
        m = _LINE_START.match(line)
        if m:
            if lei is not None and lineno - last_row <= 3:
                found.append((lineno, lei + m.group(1)))
                last_row = lineno
            continue
        hits = _CODE_NAME.findall(line)
        last = _CODE_LAST.search(line)
        if last:  # the name of a code that ends a line is on the next one
            following = next((n for n in lines[index + 1 : index + 4] if n.strip()), "")
            if re.match(rf"[ \t\u3000|]*{_NAME_START}", following):
                hits = [*hits, last.group(1)]
        for code in hits:
            found.append((lineno, code))
            if len(code) == 3 and code.startswith("2"):
                lei = code
            elif len(code) == 7:
                lei = code[:3]
        if hits:
            last_row = lineno
    # Table rows come in runs; a lone number followed by words is prose or a
    # performance-indicator cell ("280 实际到位资金"), not a classification row.
    rows = sorted({n for n, _ in found})
    return [(n, c) for n, c in found if any(0 < abs(n - m) <= 3 for m in rows)]


def need(module: str):
    """Import an optional extra's module, or skip the test when it is not
    installed; CI sets GOVCLASS_REQUIRE_EXTRAS=1 so that a missing extra fails."""
    if os.environ.get("GOVCLASS_REQUIRE_EXTRAS") == "1":
        import importlib

        return importlib.import_module(module)
    return pytest.importorskip(module)


def realdocs_dir() -> Path | None:
    """../shared/realdocs (beside the seeds when GOVCLASS_SEEDS names them)."""
    d = REPO.parent / "shared" / "realdocs"
    if os.environ.get("GOVCLASS_SEEDS"):
        d = Path(os.environ["GOVCLASS_SEEDS"]).parent / "realdocs"
    return d if d.is_dir() and any(d.glob("*.pdf")) else None


@pytest.fixture(scope="module")
def realdocs() -> Path:
    """The real PDFs of ../shared/realdocs; CI (GOVCLASS_REQUIRE_SEEDS=1) fails
    instead of skipping when they are absent."""
    d = realdocs_dir()
    if d is None:
        if os.environ.get("GOVCLASS_REQUIRE_SEEDS") == "1":
            pytest.fail("../shared/realdocs not found")
        pytest.skip("../shared/realdocs not found")
    return d


def realdoc_path(realdocs: Path, name: str) -> Path:
    """A real document by its file name without .pdf, in realdocs/ or cities/."""
    p = realdocs / f"{name}.pdf"
    return p if p.exists() else realdocs / "cities" / f"{name}.pdf"


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalog), its
    cross-reference offsets computed: the tests' minimal PDF writer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# A Chinese font PDFium knows without embedding (Adobe-GB1, UCS-2 codes), ASCII half-width.
SONG = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >> >> >>")


def ruled_table_pdf(path, title: str, header: tuple[str, ...], rows: list[tuple[str, ...]],
                    edges: tuple[int, ...] = (36, 100, 300, 380, 460, 540), top: int = 730, height: int = 18,
                    heading: str = "2025年部门预算", unit: str = "单位：万元") -> dict[int, tuple[float, float]]:
    """Write a one-page PDF (A4, 595 × 842 pt) that prints ``heading``, ``title``, the unit line and a table
    ruled as a spreadsheet prints it: a horizontal rule above and below every row, a vertical rule at each
    of ``edges``, the header then ``rows`` (cells left-aligned 4 pt inside their column).  Returns where each
    row (1: the first body row) stands: its top and bottom in points from the page's top, as displayed."""
    def text(x: float, y: float, s: str) -> bytes:
        return b"1 0 0 1 %.1f %.1f Tm <%s> Tj" % (x, y, s.encode("utf-16-be").hex().encode())

    ops = [b"BT /F1 12 Tf", text(200, 800, heading), text(220, 775, title), b"ET",
           b"BT /F1 9 Tf", text(edges[-1] - 60, top + 8, unit)]
    lines = [header, *rows]
    for k, cells in enumerate(lines):
        base = top - height * (k + 1) + 5
        ops += [text(x + 4, base, cell) for x, cell in zip(edges, cells) if cell]
    ops.append(b"ET")
    bottom = top - height * len(lines)
    ops.append(b"0.6 w")
    for k in range(len(lines) + 1):
        y = top - height * k
        ops.append(b"%d %d m %d %d l S" % (edges[0], y, edges[-1], y))
    for x in edges:
        ops.append(b"%d %d m %d %d l S" % (x, top, x, bottom))
    content = b"\n".join(ops)
    path.write_bytes(pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources %s >>" % SONG]))
    return {k: (842 - (top - height * k), 842 - (top - height * (k + 1))) for k in range(1, len(lines))}
