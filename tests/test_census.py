"""Fail closed (issue 13): the census of coded rows (govclass.readers.pdf.census)
counts what a PDF prints from its page text alone, so that a table the reader
misses is an error instead of a silent pass; pages that cannot be read as text
and budgets with no coded line read never pass either.

The realdocs tests are skipped when ../shared/realdocs is absent (unless
GOVCLASS_REQUIRE_SEEDS=1); the synthetic PDFs are written here by a minimal
PDF writer (a few hundred bytes each, nothing committed)."""

from __future__ import annotations

import pytest

pytest.importorskip("pypdfium2")

from govclass.errors import InputError  # noqa: E402
from govclass.readers import read_document  # noqa: E402
from govclass.readers.pdf import census as pdfcensus, reader  # noqa: E402
from govclass.validation import prove  # noqa: E402
from govclass.validation import validate  # noqa: E402
from conftest import pdf_file, realdoc_path as _path  # noqa: E402
from test_realdocs import COVERAGE  # noqa: E402

# Rows the table reader reads and the census cannot see, read against the pages:
CENSUS_BLIND = {
    # p.29 (结转 table): the two rows start with the unit code 125001; their codes stand in mid-row
    "xian-emergency-dept-budget": 2,
    # pp.9 and 11: "7 | 11 | 02 | 事业单位医疗", the 类 misprinted as 7: no code a census can count
    "sh-putuo-welfarehome-2024-unit-budget": 2,
    # p.17: "310 | | 资本性支出 | 13.58", the 类 at the top of its cell, name and figure on a lower baseline:
    # the census takes the 类 for that of the 310 01 row below it
    "sh-putuo-finance-2024-final": 1,
}

# With every ruling line hidden, the printed count stays the ruled one but for these (measured):
UNRULED_CHANGE = {
    # rows above, which the census cannot see, not read without the rules either (the welfare
    # home's 7 | 11 | 02 rows are: read, or reported when their table's checks reject them)
    "sh-putuo-finance-2024-final": -1,
    # p.29: the two rows that start with the unit code 125001 (census-blind above)
    "xian-emergency-dept-budget": -2,
}


def _census_of(monkeypatch, path: str) -> list:
    seen: list = []
    real = reader.census

    def counting(*args, **kwargs):
        seen.extend(real(*args, **kwargs))
        return seen

    monkeypatch.setattr(reader, "census", counting)
    reader.read_pdf(path)
    return seen


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_the_census_counts_what_the_reader_counts(realdocs, monkeypatch, name):
    rows = _census_of(monkeypatch, str(_path(realdocs, name)))
    printed, read = COVERAGE[name]
    assert len(rows) == printed - CENSUS_BLIND.get(name, 0)
    assert all(r.page and r.text and r.code for r in rows)


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_a_table_missed_fails_instead_of_passing(realdocs, monkeypatch, name):
    """The ruling lines hidden (the reader then misses or misreads tables): the
    document still prints what it printed, and it passes only if read whole."""
    pages_of = reader.pdf_pages
    monkeypatch.setattr(reader, "pdf_pages", lambda p: [x._replace(hrules=[], vrules=[]) for x in pages_of(p)])
    doc = prove(reader.read_pdf(str(_path(realdocs, name))))
    printed = doc.coverage["coded_lines_printed"]
    assert printed == COVERAGE[name][0] + UNRULED_CHANGE.get(name, 0)
    report = validate(doc)
    unread = report.by_rule("unread-line")
    assert len(unread) == printed - doc.coverage["coded_lines_read"]
    if report.ok:
        assert doc.coverage["coded_lines_read"] == printed == COVERAGE[name][0]


def test_the_template_without_rules_is_no_silent_pass(realdocs, monkeypatch):
    """The proof of issue 13: the district's 决算 template, its rules hidden,
    used to report 0 printed, 0 read, no error (exit 0).  Its 80 coded rows are
    counted; the alignment reads most of them (their cells blank), and every one
    it does not read is an error."""
    pages_of = reader.pdf_pages
    monkeypatch.setattr(reader, "pdf_pages", lambda p: [x._replace(hrules=[], vrules=[]) for x in pages_of(p)])
    doc = prove(reader.read_pdf(str(_path(realdocs, "sh-final-account-template"))))
    printed, read = doc.coverage["coded_lines_printed"], doc.coverage["coded_lines_read"]
    assert printed == 80 and 0 < read < printed
    report = validate(doc)
    assert not report.ok
    unread = report.by_rule("unread-line")
    assert len(unread) == printed - read and all(f.page and f.text for f in unread)


# -- what a coded row is ---------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("2010301 行政运行 1,511.90", "2010301"),
    ("201 03 01 行政运行 12,029,501.84", "2010301"),
    ("2080101-行政运行 50101-工资奖金津补贴 30101-基本工资 3,720.58", "2080101"),
    ("[30101]基本工资 262.33", "30101"),
    ("05 统计信息事务", "05"),  # 类/款/项 on lines of their own (Yantai)
    ("03 01 行政运行 588.75", "0301"),
    ("208 05 05 160.75 160.75", "2080505"),  # the name wrapped around the code
    ("21599 1 , 470. 60 0. 00", "21599"),
    ("3021 1 差旅费 41.60", "30211"),  # a code split by its glyphs' spacing
    ("301 08 501 02 社会保障缴费 170.61", "30108"),  # its name wrapped, the 政府经济 code beside it
    ("301 2 津贴补贴 100.00", "3012"),  # a 款 misprinted in one digit is a row all the same
    ("2010301", "2010301"),  # a template's blank row, its name on the lines around it
])
def test_coded_rows(text, code):
    assert pdfcensus._row_of(text, frozenset({"201", "208", "215", "301", "302"}))[0] == code


@pytest.mark.parametrize("text", [
    "2026年部门预算", "588.75 588.75", "3,720.58", "120 30 90", "327001 单位名称",
    "341-湖州市财政局 单位： 万元", "327 无锡市统计局 3, 210. 10", "11 十一、城乡社区支出 43",
    "95 全市信访事项及时受理率 % ≥ 4", "355 天 ≥ 4", "一、部门收支总表 ........ 5",
    "2010301行政运行（项）主要用于机关运行，比上年增加 10.00 万元。", "2010301 行政运行（项）：主要用于机关运行",
    "0571 8888 8888", "第 20 页",
])
def test_not_coded_rows(text):
    assert pdfcensus._row_of(text, frozenset({"201", "208", "215", "301", "302"})) is None


def test_panels_and_three_codes_on_a_row():
    classes = frozenset({"301", "302", "303"})
    line = "30106 伙食补助费 30204 手续费 0. 66 31001 房屋建筑物购建"
    rows = pdfcensus._panels(5, 100.0, 50.0, line, *pdfcensus._row_of(line, classes), classes)
    assert [r.code for r in rows] == ["30106", "30204", "31001"]  # 公开06表: three panels side by side
    line = "2080101-行政运行 50101-工资奖金津补贴 30101-基本工资 3,720.58"
    rows = pdfcensus._panels(5, 100.0, 50.0, line, *pdfcensus._row_of(line, classes), classes)
    assert [r.codes for r in rows] == [("2080101", "50101", "30101")]  # Beijing: one row, three codes


# -- synthetic PDFs: whole-document faults ----------------------------------------------

def _pdf(pages: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF of pages given as (content stream, resources), xref offsets computed."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content, resources in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
                       % (len(objects), resources))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_file(objects)


# A Chinese font PDFium knows without embedding (Adobe-GB1, UCS-2 codes), ASCII half-width.
_SONG = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
         b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >> >> >>")
# Glyphs named as private-use characters (what a font without ToUnicode often gives).
_PRIVATE = (b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/Differences [65 " + b" ".join(b"/uniE%03X" % i for i in range(26)) + b"] >> >> >> >>")
# Glyph numbers of a font with no ToUnicode, read as characters (Identity-H).
_IDENTITY = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H "
             b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo "
             b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >> >> >>")


def _text(*lines: "str | tuple[int, str]") -> tuple[bytes, bytes]:
    ops = [b"BT /F1 10 Tf"]
    for k, line in enumerate(lines):
        x, text = line if isinstance(line, tuple) else (50, line)
        ops.append(b"1 0 0 1 %d %d Tm <%s> Tj" % (x, 800 - 20 * k, text.encode("utf-16-be").hex().encode()))
    return b"\n".join(ops + [b"ET"]), _SONG


_BUDGET = _text("2025年部门预算", "201 一般公共服务支出 1,000.00", "2010301 行政运行 1,000.00")
_SCAN = (b"q 400 0 0 300 50 400 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x80\x10\x20\x30 EI Q", b"<< >>")
_BLANK = (b"", b"<< >>")


def _read(tmp_path, pages) -> tuple:
    path = tmp_path / "doc.pdf"
    path.write_bytes(_pdf(pages))
    assert path.stat().st_size < 4000
    doc = prove(read_document(str(path)))  # as the validator reads it (the census reconciled)
    return doc, validate(doc)


def test_coded_rows_no_table_holds_are_errors(tmp_path):
    doc, report = _read(tmp_path, [_BUDGET])
    assert doc.coverage["coded_lines_printed"] == 2
    unread = report.by_rule("unread-line")
    assert len(unread) == 2 - doc.coverage["coded_lines_read"] > 0
    assert not report.ok


def test_a_page_number_is_no_row(tmp_path):
    """A 类 alone on its line counts only in the column of the codes (a page number stands elsewhere)."""
    doc, _report = _read(tmp_path, [_text("2025年部门预算", "201 一般公共服务支出 1,000.00", "2010301 行政运行 1,000.00",
                                          (290, "201"), (50, "205"), (80, "教育支出"), (290, "12"))])
    assert doc.coverage["coded_lines_printed"] == 3  # 201, 2010301 and 205, not the page number 201


@pytest.mark.parametrize("page", [
    _SCAN,  # a scanned page: an image, no text layer
    (b"BT /F1 10 Tf 1 0 0 1 50 700 Tm (ABCDEFGHIJKLMNOPQRSTUVWXYZ) Tj ET", _PRIVATE),
    (b"BT /F1 10 Tf 1 0 0 1 50 700 Tm <" + b"".join(b"%04X" % (0x1000 + 37 * i) for i in range(40)) + b"> Tj ET",
     _IDENTITY),
])
def test_pages_that_cannot_be_read_as_text(tmp_path, page):
    doc, report = _read(tmp_path, [_BUDGET, page, _BLANK])
    found = report.by_rule("unreadable-pages")
    assert len(found) == 1 and found[0].severity == "error" and found[0].page == 2
    assert "page 2 of 3" in found[0].message and "第 2 页" in found[0].message_zh
    assert not report.ok


def test_a_blank_page_is_no_fault(tmp_path):
    doc, report = _read(tmp_path, [_BUDGET, _BLANK])
    assert not report.by_rule("unreadable-pages")


def test_a_document_of_scans_only_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([_SCAN, _SCAN]))
    with pytest.raises(InputError, match="no text layer"):
        read_document(str(path))


def test_a_budget_with_no_coded_line_never_passes(tmp_path):
    doc, report = _read(tmp_path, [_text("2025年部门预算", "部门收支总表", "收入总计 1,000.00 支出总计 1,000.00")])
    assert doc.coverage == {"coded_lines_printed": 0, "coded_lines_read": 0}
    found = report.by_rule("no-coded-lines")
    assert len(found) == 1 and found[0].severity == "error"
    assert not report.ok


def test_a_table_the_reader_drops_is_counted_and_reported(realdocs, monkeypatch):
    """Whatever makes the reader miss a table (here: its rows dropped after they were found), the
    census still counts its coded rows, and each is an unread-line error with its page."""
    build = reader.build
    dropped: list = []

    def drop_basic(t, *args, **kwargs):
        if "基本支出" in t.title:
            dropped.extend(page for page, _band in t.rows)
            return 0, None, None
        return build(t, *args, **kwargs)

    monkeypatch.setattr(reader, "build", drop_basic)
    doc = prove(reader.read_pdf(str(_path(realdocs, "sh-putuo-finance-2025-dept-budget"))))
    assert dropped
    printed, read = doc.coverage["coded_lines_printed"], doc.coverage["coded_lines_read"]
    assert printed == COVERAGE["sh-putuo-finance-2025-dept-budget"][0]  # what the document prints, all the same
    report = validate(doc)
    unread = report.by_rule("unread-line")
    assert len(unread) == printed - read > 0 and not report.ok
    assert {f.page for f in unread} <= set(dropped)


def test_a_class_row_read_as_a_statement_item_is_read():
    """A 收支总表 that prints the 类 code beside its item: the row was read (as the
    statement's item), no unread-line; a 项 row there is still a table's row."""
    from govclass.document import Item, Statement, parse_amount
    from govclass.document import CodedRow
    from govclass.validation.coverage import reconcile

    rows = [CodedRow(3, 100.0, 50.0, "201", ("201",), "201 一般公共服务支出 1,234.00"),
            CodedRow(3, 120.0, 50.0, "2010101", ("2010101",), "2010101 行政运行 1,234.00")]
    summary = Statement("收支总表", "summary", "万元", {"支出": ("预算数",)}, (
        Item("一般公共服务支出", {"预算数": parse_amount("1,234.00")}, "支出", None, None, 3,
             "201 | 一般公共服务支出 | 1,234.00"),
        Item("行政运行", {"预算数": parse_amount("1,234.00")}, "支出", None, None, 3, "2010101 | 行政运行 | 1,234.00")))
    new, printed, read = reconcile(rows, [], [], None, [summary])
    assert (printed, read) == (2, 1)
    assert [p.text for p in new] == ["2010101 行政运行 1,234.00"]
    new, printed, read = reconcile(rows, [], [], None, [])
    assert (printed, read) == (2, 0) and len(new) == 2
