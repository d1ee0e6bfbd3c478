"""The finding on the page (issue 25): ``validate --format html`` shown in a real browser (Debian's
chromium, headless) and ``annotate``'s PDF rendered as a viewer renders it, each checked on a
screenshot: the red box must enclose the printed row the finding is about, compared pixel by pixel with
that row of the page rendered independently, and not its neighbours.

The PDFs are drawn by the tests (tests/conftest.py: ruled_table_pdf).  With
GOVCLASS_DOCS_SCREENSHOTS=1 the screenshots are also written to docs/images/ (how those in the docs were
made).  CI installs chromium (.ci/run) and sets GOVCLASS_REQUIRE_BROWSER=1, so that a missing browser
fails instead of skipping."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, ruled_table_pdf

pytest.importorskip("pypdfium2")
Image = pytest.importorskip("PIL.Image")

HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出")
#: 20103 prints 100.00 where its 项 add up to 105.00 (合计) and 45.00 (项目支出): its row is the finding's
ROWS = [("合计", "", "100.00", "60.00", "40.00"),
        ("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
        ("20103", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"),
        ("2010301", "行政运行", "70.00", "60.00", "10.00"),
        ("2010302", "一般行政管理事务", "35.00", "", "35.00")]
WRONG_ROW = 3  # 20103, the third body row
EDGES = (36, 100, 300, 380, 460, 540)
RED = (220, 0, 0)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180, cwd=cwd)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("GOVCLASS_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium not found (.ci/run installs Debian's chromium)")
        pytest.skip("chromium not found (apt-get install chromium)")
    return found


def screenshot(page: Path, out: Path, width: int = 1300, height: int = 900) -> Image.Image:
    """The page as headless chromium shows it, at ``width`` × ``height`` CSS pixels (one device pixel each)."""
    profile = out.parent / "chromium-profile"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
                    f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert out.exists(), "chromium wrote no screenshot"
    return Image.open(out).convert("RGB")


def red_boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """The red rectangles drawn on ``image`` (the boxes' colour), each as (left, top, right, bottom): rows
    of red pixels long enough to be a box's top or bottom edge, paired top with bottom."""
    width, height = image.size
    pixels = image.load()

    def red(x: int, y: int) -> bool:
        r, g, b = pixels[x, y]
        return r > 170 and g < 70 and b < 70

    edges = []
    for y in range(height):
        run_start, longest = None, (0, 0, 0)
        for x in range(width):
            if red(x, y):
                run_start = x if run_start is None else run_start
                if x - run_start > longest[0]:
                    longest = (x - run_start, run_start, x)
            else:
                run_start = None
        if longest[0] > 100:
            edges.append((y, longest[1], longest[2]))
    # consecutive rows of an edge (a 2-pixel border) are one edge
    merged: list[tuple[int, int, int]] = []
    for y, x0, x1 in edges:
        if merged and y - merged[-1][0] <= 3 and abs(x0 - merged[-1][1]) < 4:
            continue
        merged.append((y, x0, x1))
    return [(a[1], a[0], a[2], b[0]) for a, b in zip(merged[::2], merged[1::2])]


def ink(image: Image.Image, size=(160, 12)) -> list[float]:
    """A picture reduced to its darkness on a coarse grid: what is printed there, whatever the scale."""
    small = image.convert("L").resize(size, Image.BILINEAR)
    return [255 - v for v in small.tobytes()]


def distance(a: list[float], b: list[float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def page_render(pdf: Path, scale: float) -> Image.Image:
    """The PDF's page rendered independently of govclass's report (pypdfium2 straight)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[0].render(scale=scale, rev_byteorder=True)
        return Image.frombytes("RGB", (bitmap.width, bitmap.height), bytes(bitmap.buffer), "raw", "RGB",
                               bitmap.stride)
    finally:
        doc.close()


def assert_box_on_row(shot: Image.Image, box: tuple[int, int, int, int], pdf: Path, rows: dict) -> None:
    """The inside of ``box`` (a red box on ``shot``) shows the printed row WRONG_ROW of ``pdf``: closer to that
    row, rendered independently at the box's scale, than to any other row of the table."""
    left, top, right, bottom = box
    scale = (right - left) / (EDGES[-1] - EDGES[0])  # device pixels a point, as the box is drawn
    inset = 4
    inside = ink(shot.crop((left + inset, top + inset, right - inset, bottom - inset)))
    page = page_render(pdf, scale)
    distances = {}
    for number, (row_top, row_bottom) in rows.items():
        crop = page.crop((int(EDGES[0] * scale) + inset, int(row_top * scale) + inset,
                          int(EDGES[-1] * scale) - inset, int(row_bottom * scale) - inset))
        distances[number] = distance(inside, ink(crop))
    best = min(distances, key=distances.get)
    assert best == WRONG_ROW, distances
    others = min(d for n, d in distances.items() if n != WRONG_ROW)
    assert distances[WRONG_ROW] < 0.6 * others, distances  # clearly that row, not a near miss


def keep_for_docs(image: Image.Image, name: str) -> None:
    if os.environ.get("GOVCLASS_DOCS_SCREENSHOTS") == "1":
        target = REPO / "docs" / "images" / name
        target.parent.mkdir(exist_ok=True)
        image.save(target, optimize=True)


@pytest.fixture
def drawn(tmp_path) -> tuple[Path, dict]:
    pdf = tmp_path / "部门预算.pdf"
    rows = ruled_table_pdf(pdf, "部门支出总表", HEADER, ROWS, edges=EDGES)
    return pdf, rows


def test_the_html_report_boxes_the_row_of_each_finding_in_a_browser(drawn, tmp_path):
    pdf, rows = drawn
    page = tmp_path / "report.html"
    r = run("validate", pdf.name, "--format", "html", "-o", str(page), "--lang", "both", cwd=pdf.parent)
    assert r.returncode == 1, r.stderr  # the roll-up errors
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "http" not in text.split("<body>", 1)[1]  # self-contained, nothing fetched
    shot = screenshot(page, tmp_path / "report.png")
    keep_for_docs(shot, "report-html.png")
    boxes = red_boxes(shot)
    assert len(boxes) >= 2, boxes  # the two findings (合计 and 项目支出 of 20103), each on its crop
    for box in boxes[:2]:
        assert_box_on_row(shot, box, pdf, rows)
    # the summary comes first: the verdict above the first crop
    assert text.index('id="verdict"') < text.index('class="crop"')


def test_the_html_report_keeps_boxes_on_their_rows_in_a_narrow_window(drawn, tmp_path):
    """A crop shrunk to fit the window keeps its box on the row (the boxes are placed in hundredths of
    the crop, not in pixels)."""
    pdf, rows = drawn
    page = tmp_path / "report.html"
    run("validate", str(pdf), "--format", "html", "-o", str(page))
    shot = screenshot(page, tmp_path / "narrow.png", width=700, height=1100)
    boxes = red_boxes(shot)
    assert boxes, "no box seen"
    assert_box_on_row(shot, boxes[0], pdf, rows)


def test_the_test_sees_a_box_on_the_wrong_row(drawn, tmp_path):
    """The check above can fail: a box moved one row up is caught."""
    pdf, rows = drawn
    page = tmp_path / "report.html"
    run("validate", str(pdf), "--format", "html", "-o", str(page))
    text = page.read_text(encoding="utf-8")
    moved = re.sub(r'class="box" style="left:[0-9.]+%;top:([0-9.]+)%;width:([0-9.]+)%;height:([0-9.]+)%"',
                   _moved, text)
    assert moved != text
    page.write_text(moved, encoding="utf-8")
    shot = screenshot(page, tmp_path / "moved.png")
    box = red_boxes(shot)[0]
    with pytest.raises(AssertionError):
        assert_box_on_row(shot, box, pdf, rows)


def _moved(match) -> str:
    """A box's style with its top raised by its own height (one row up)."""
    style = match.group(0)
    top = float(match.group(1))
    height = float(re.search(r"height:([0-9.]+)%", style).group(1))
    return style.replace(f"top:{match.group(1)}%", f"top:{top - height:.3f}%")


def test_annotate_draws_each_finding_on_its_row_as_a_viewer_shows_it(drawn, tmp_path):
    pdf, rows = drawn
    out = tmp_path / "部门预算.checked.pdf"
    r = run("annotate", str(pdf), "-o", str(out), "--lang", "en")
    assert r.returncode == 1, r.stderr
    assert out.exists() and "2 finding(s) drawn" in r.stdout
    from govclass.cli.present.pdfview import Pdf

    with Pdf(str(out)) as annotated:
        notes = annotated.annotations(1)
    assert len(notes) == 2
    row_top, row_bottom = rows[WRONG_ROW]
    for contents, (x0, top, x1, bottom) in notes:
        assert "rollup-mismatch" in contents and "20103" in contents
        assert abs(top - row_top) < 3 and abs(bottom - row_bottom) < 3 and x0 < EDGES[0] + 3 and x1 > EDGES[-1] - 3
    # as a viewer shows it: the page rendered with its annotations, the red box on the row
    scale = 2.0
    shown = page_render(out, scale)
    keep_for_docs(shown.crop((0, int(80 * scale), shown.width, int(240 * scale))), "annotated-pdf.png")
    boxes = red_boxes(shown)
    assert boxes
    assert_box_on_row(shown, boxes[0], pdf, rows)
    assert not red_boxes(page_render(pdf, scale))  # the original is untouched
    same = run("annotate", str(pdf), "-o", str(pdf))
    assert same.returncode == 2 and "overwrite" in same.stderr
