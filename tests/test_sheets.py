"""XLSX and PDF input (govclass.readers.sheets): workbooks and PDFs built by hand here."""

from __future__ import annotations

import io
import sys
import types
import zipfile

import pytest

from govclass.readers import sheets
from govclass.readers import InputError
from govclass.readers.sheets import pdf_text, xlsx_rows
from conftest import pdf_file

WHERE = "预算 2024.xlsx"

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst {NS} count="3" uniqueCount="3">
<si><t>一般公共预算支出表</t></si>
<si><r><rPr><b/></rPr><t>科目</t></r><r><t xml:space="preserve">编码</t></r><rPh sb="0" eb="2"><t>kemu</t></rPh></si>
<si><t>合计_x000D_</t></si>
</sst>"""

# cellXfs: 0 General, 1 custom #,##0.00 with a red negative section,
# 2 built-in 0.00, 3 built-in 0.00% (left as stored).
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {NS}>
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00_ ;[Red]\\-#,##0.00\\ "/></numFmts>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
</styleSheet>"""

SHEET1 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {NS} {R_NS}>
<dimension ref="A1:D7"/>
<sheetData>
<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>金额</t></is></c></row>
<row r="3"><c r="A3"><v>208</v></c><c r="B3" t="inlineStr"><is><t>社会保障和就业支出</t></is></c><c r="C3" s="1"><v>1816.08</v></c></row>
<row r="5"><c r="A5"><v>2080101</v></c><c r="C5" s="2"><v>1816.1</v></c><c r="D5" s="3"><v>0.05</v></c></row>
<row r="6"><c r="A6" t="b"><v>1</v></c><c r="B6" t="str"><f>A2</f><v>科目编码</v></c><c r="C6"><f>SUM(C3:C5)</f></c><c r="D6"><v>3816.0800000000004</v></c></row>
<row r="7"><c r="A7" t="s"><v>2</v></c><c r="B7" s="1"><v>-0.001</v></c><c r="C7" s="1"><v>-1234.5</v></c></row>
<row r="8"><c r="A8" s="1"/><c r="B8" s="1"/></row>
<row r="9" customHeight="1" ht="20"/>
</sheetData>
<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>
</worksheet>"""

SHEET2 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {NS}><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Sheet two</t></is></c></row>
<row r="2"><c r="B2"><v>12</v></c></row>
</sheetData></worksheet>"""

EMPTY_SHEET = f'<worksheet {NS}><sheetData/></worksheet>'


def workbook_xml(names: list[str], hidden: tuple[str, ...] = ()) -> str:
    state = ' state="hidden"'
    sheets_xml = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"{state if n in hidden else ""}/>'
                         for i, n in enumerate(names, 1))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} {R_NS}><sheets>{sheets_xml}</sheets></workbook>'


def workbook_rels(n_sheets: int, shared: bool, styles: bool) -> str:
    rels = [f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n_sheets + 1)]
    if shared:
        rels.append(f'<Relationship Id="rId90" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        rels.append(f'<Relationship Id="rId91" Type="{REL}/styles" Target="/xl/styles.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>")


def build_xlsx(sheet_xml: list[str], *, shared: str | None = SHARED, styles: str | None = STYLES,
               names: list[str] | None = None, omit: tuple[str, ...] = (), hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook zipped from the given parts, in workbook order; sheets
    named in ``hidden`` are hidden."""
    names = names or [f"Sheet{i}" for i in range(1, len(sheet_xml) + 1)]
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(names, hidden),
        "xl/_rels/workbook.xml.rels": workbook_rels(len(sheet_xml), shared is not None, styles is not None),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    if styles is not None:
        parts["xl/styles.xml"] = styles
    for i, xml in enumerate(sheet_xml, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            if name not in omit:
                zf.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def test_two_sheets_exact_rows():
    rows = xlsx_rows(build_xlsx([SHEET1, SHEET2], names=["支出表", "Sheet2"]), WHERE)
    assert rows == [
        (1, ["一般公共预算支出表"]),  # merged A1:C1: the value stays in A1
        (2, ["科目编码", "", "金额"]),  # rich-text runs joined, phonetic run left out; gap at B2
        (3, ["208", "社会保障和就业支出", "1816.08"]),
        (4, []),  # row 4 is not in the sheet
        (5, ["2080101", "", "1816.10", "0.05"]),  # 0.00 shows 2 decimals; percent left as stored
        (6, ["TRUE", "科目编码", "", "3816.08"]),  # formula without a cached value is ""
        (7, ["合计\r", "0.00", "-1234.50"]),  # _x000D_ decoded; no "-0.00"
        # rows 8 and 9 have no content: dropped at the end of the sheet
        (8, []),  # between sheets
        (9, ["Sheet two"]),
        (10, ["", "12"]),
    ]


def test_without_styles_numbers_are_as_stored():
    rows = xlsx_rows(build_xlsx([SHEET1], styles=None), WHERE)
    assert rows[2] == (3, ["208", "社会保障和就业支出", "1816.08"])
    assert rows[4] == (5, ["2080101", "", "1816.1", "0.05"])
    assert rows[6] == (7, ["合计\r", "-0.001", "-1234.5"])


def test_empty_sheets_are_left_out_and_separators_are_single():
    rows = xlsx_rows(build_xlsx([EMPTY_SHEET, SHEET2, EMPTY_SHEET, SHEET2]), WHERE)
    assert rows == [(1, ["Sheet two"]), (2, ["", "12"]), (3, []), (4, ["Sheet two"]), (5, ["", "12"])]
    assert xlsx_rows(build_xlsx([EMPTY_SHEET]), WHERE) == []


def test_sheets_follow_workbook_order_not_part_names():
    data = build_xlsx([SHEET1, SHEET2])
    # Swap the relationship targets: sheet "Sheet1" now points at sheet2.xml.
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = (body.replace(b"sheet1.xml", b"TMP").replace(b"sheet2.xml", b"sheet1.xml")
                        .replace(b"TMP", b"sheet2.xml"))
            dst.writestr(info, body)
    rows = xlsx_rows(buf.getvalue(), WHERE)
    assert rows[0] == (1, ["Sheet two"])
    assert rows[2] == (3, [])
    assert rows[3] == (4, ["一般公共预算支出表"])


def test_cells_without_references_follow_each_other():
    sheet = (f'<worksheet {NS}><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
             f'<row><c r="B2"><v>2</v></c></row></sheetData></worksheet>')
    assert xlsx_rows(build_xlsx([sheet], shared=None, styles=None), WHERE) == [(1, ["a", "1"]), (2, ["", "2"])]


@pytest.mark.parametrize(("code", "decimals"), [
    ("0.00", 2), ("#,##0.00", 2), ("#,##0.00_);[Red]\\(#,##0.00\\)", 2), ("0", 0), ("#,##0", 0),
    ('0.0"万元"', 1), ("0.000;-0.000;\"-\"", 3), ("General", None), ("0.00%", None), ("0.00E+00", None),
    ("yyyy-mm-dd", None), ("@", None), ("#,##0.00,", None), ("# ?/?", None),
])
def test_format_decimals(code, decimals):
    assert sheets._format_decimals(code) == decimals


# ------------------------------------------------------------------ errors


def assert_input_error(exc_info: pytest.ExceptionInfo, where: str = WHERE) -> str:
    msg = str(exc_info.value)
    assert msg.startswith(where + ": "), msg
    assert "\n" not in msg and "\r" not in msg, msg
    return msg


def test_not_a_zip():
    with pytest.raises(InputError) as ei:
        xlsx_rows(b"code,name\n208,x\n", WHERE)
    assert "not an XLSX workbook" in assert_input_error(ei)


def test_empty_input():
    with pytest.raises(InputError) as ei:
        xlsx_rows(b"", WHERE)
    assert_input_error(ei)


def test_ole_file():
    with pytest.raises(InputError) as ei:
        xlsx_rows(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, WHERE)
    msg = assert_input_error(ei)
    assert ".xls" in msg and "password-protected" in msg


def test_zip_without_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InputError) as ei:
        xlsx_rows(buf.getvalue(), WHERE)
    assert "xl/workbook.xml" in assert_input_error(ei)
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([SHEET1], omit=("xl/workbook.xml",)), WHERE)
    assert "xl/workbook.xml" in assert_input_error(ei)


def test_missing_sheet_part():
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([SHEET1, SHEET2], omit=("xl/worksheets/sheet2.xml",)), WHERE)
    assert "xl/worksheets/sheet2.xml" in assert_input_error(ei)


def test_malformed_sheet_xml():
    bad = f'<worksheet {NS}><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>'
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([SHEET1, bad]), WHERE)
    msg = assert_input_error(ei)
    assert "malformed XML" in msg and "sheet2.xml" in msg


def test_malformed_shared_strings_and_workbook():
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([SHEET1], shared="<sst><si><t>x</si></sst>"), WHERE)
    assert "sharedStrings.xml" in assert_input_error(ei)


def test_bad_shared_string_index():
    sheet = f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>'
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([sheet]), WHERE)
    assert "shared string" in assert_input_error(ei)


def test_bad_cell_reference():
    sheet = f'<worksheet {NS}><sheetData><row r="1"><c r="1A"><v>7</v></c></row></sheetData></worksheet>'
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([sheet]), WHERE)
    assert "1A" in assert_input_error(ei)


def test_dtd_is_refused():
    sheet = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>'
             f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="str"><v>&a;</v></c></row></sheetData></worksheet>')
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([sheet]), WHERE)
    assert "DTD" in assert_input_error(ei)


def test_oversized_part_is_refused(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_PART_SIZE", 1000)
    big = SHEET2.replace("<sheetData>", "<sheetData>" + " " * 5000)
    with pytest.raises(InputError) as ei:
        xlsx_rows(build_xlsx([big], shared=None, styles=None), WHERE)
    assert "too large" in assert_input_error(ei)


def test_damaged_member_data():
    data = bytearray(build_xlsx([SHEET1, SHEET2]))
    # Corrupt the compressed bytes of the first sheet (its CRC no longer matches).
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        data[i] ^= 0x55
    with pytest.raises(InputError) as ei:
        xlsx_rows(bytes(data), WHERE)
    assert_input_error(ei)


# --------------------------------------------------------------------- PDF


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, xref offsets computed."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode("ascii") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
         b" /Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_file(objects)


def test_pdf_without_pypdfium2_names_what_to_install(monkeypatch, tmp_path):
    """pypdfium2 is a dependency since issue 25 (no longer the pdf extra): a broken install names it."""
    path = str(tmp_path / "budget.pdf")
    with open(path, "wb") as fh:
        fh.write(minimal_pdf(["208 123.45"]))
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(InputError) as ei:
        pdf_text(path)
    msg = assert_input_error(ei, path)
    assert "pip install pypdfium2" in msg


def test_pdf_text_finds_the_lines(tmp_path):
    pytest.importorskip("pypdfium2")
    path = tmp_path / "budget.pdf"
    path.write_bytes(minimal_pdf(["208 123.45", "2080101 100.00"]))
    text = pdf_text(str(path))
    lines = text.split("\n")
    assert "208 123.45" in lines
    assert "2080101 100.00" in lines
    assert lines.index("208 123.45") < lines.index("2080101 100.00")
    assert text.endswith("\n\f\n")  # each page ends with a line "\f"
    assert lines.count("\f") == 1


def test_pdf_errors(tmp_path):
    pytest.importorskip("pypdfium2")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"this is not a PDF at all\n" * 10)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(minimal_pdf(["208 123.45"])[:60])
    blank = tmp_path / "scanned.pdf"
    blank.write_bytes(minimal_pdf([]))
    for path in (garbage, truncated, blank, tmp_path / "missing.pdf"):
        with pytest.raises(InputError) as ei:
            pdf_text(str(path))
        assert_input_error(ei, str(path))
    with pytest.raises(InputError, match="no text layer"):
        pdf_text(str(blank))


def test_pdf_password_and_library_errors_become_one_line(monkeypatch, tmp_path):
    class PdfiumError(Exception):
        pass

    def open_encrypted(path):
        raise PdfiumError("Failed to load document (PDFium: Incorrect password error).")

    def open_broken(path):
        raise KeyError("line one\nline two")

    path = str(tmp_path / "budget.pdf")
    with open(path, "wb") as fh:
        fh.write(minimal_pdf(["208 123.45"]))
    monkeypatch.setitem(sys.modules, "pypdfium2", types.SimpleNamespace(PdfDocument=open_encrypted))
    with pytest.raises(InputError) as ei:
        pdf_text(path)
    assert "password-protected" in assert_input_error(ei, path)
    monkeypatch.setitem(sys.modules, "pypdfium2", types.SimpleNamespace(PdfDocument=open_broken))
    with pytest.raises(InputError) as ei:
        pdf_text(path)
    assert "KeyError" in assert_input_error(ei, path)


def test_other_office_documents_are_not_workbooks():
    docx_rels = ROOT_RELS.replace("xl/workbook.xml", "word/document.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("_rels/.rels", docx_rels)
        zf.writestr("word/document.xml", '<w:document xmlns:w="urn:x"><w:body/></w:document>')
    with pytest.raises(InputError) as ei:
        xlsx_rows(buf.getvalue(), WHERE)
    assert "not an XLSX workbook" in assert_input_error(ei)


# ------------------------------------------------------- tables read cell by cell (sheettables)


def grid_sheet(rows: list[list[object]], merges: tuple[str, ...] = ()) -> str:
    """A worksheet from rows of cells: str as inline text ("" for no cell),
    int/float as a number, ("=", formula, cached) as a formula cell."""
    from xml.sax.saxutils import escape

    out = []
    for i, row in enumerate(rows, 1):
        cells = []
        for k, v in enumerate(row):
            ref = f"{chr(65 + k)}{i}"
            if isinstance(v, tuple):
                cached = "" if v[2] is None else f"<v>{v[2]}</v>"
                cells.append(f'<c r="{ref}"><f>{escape(v[1])}</f>{cached}</c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v != "":
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        out.append(f'<row r="{i}">{"".join(cells)}</row>')
    merged = f'<mergeCells count="{len(merges)}">' + "".join(
        f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>" if merges else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{"".join(out)}</sheetData>{merged}</worksheet>'


#: 部门支出总表 as the Shanghai templates print it: a title, a unit line, a three-row header with merged
#: cells (项目 over 科目编码 over 类/款/项; 本年支出 over 合计/基本支出/项目支出), the code in 类 | 款 | 项.
HEADER_ROWS = [
    ["2026年部门支出预算总表"],
    ["编制部门：某局", "", "", "", "", "", "单位：万元"],
    ["项目", "", "", "", "本年支出"],
    ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项"],
]
HEADER_MERGES = ("A1:G1", "A3:D3", "E3:G3", "A4:C4", "D4:D5", "E4:E5", "F4:F5", "G4:G5")


def read_grid(tmp_path, rows, merges=HEADER_MERGES, **kw):
    from govclass.readers.registry import read_document

    path = tmp_path / "budget.xlsx"
    path.write_bytes(build_xlsx([grid_sheet(rows, merges)], shared=None, styles=None, names=["支出总表"], **kw))
    return read_document(str(path)), path


def validated(path):
    from govclass.api import validate

    return validate(str(path))


def test_split_code_cells_merged_header_and_figures_as_stored(tmp_path):
    rows = HEADER_ROWS + [
        ["205", "", "", "教育支出", 30, ("=", "F7+G7", 20), 10],  # a formula's cached value
        ["", "02", "", "普通教育", 30, 20, 10],  # 类 blank: carried from the row above
        ["", "02", "05", "高等教育", 30, "20.00", "10"],  # numbers stored as text
        ["207", "", "", "文化旅游体育与传媒支出", 5, 5, ""],  # a blank cell
        ["207", "99", "", "其他文化旅游体育与传媒支出", 5, 5, 0],  # a zero
        ["合计", "", "", "", 35, 25, 10],
    ]
    doc, path = read_grid(tmp_path, rows, HEADER_MERGES + ("A11:D11",))
    (t,) = doc.tables
    assert t.kind == "expenditure" and t.unit == "万元" and t.columns == ("合计", "基本支出", "项目支出")
    assert [(ln.code, ln.name) for ln in t.lines] == [
        ("205", "教育支出"), ("20502", "普通教育"), ("2050205", "高等教育"), ("207", "文化旅游体育与传媒支出"),
        ("20799", "其他文化旅游体育与传媒支出"), (None, "合计")]
    assert [ln.source_line for ln in t.lines] == [6, 7, 8, 9, 10, 11]  # Excel's rows
    assert str(t.lines[0].cells["基本支出"].value) == "20" and str(t.lines[2].cells["基本支出"].value) == "20.00"
    assert t.lines[3].cells["项目支出"].blank and t.lines[4].cells["项目支出"].value == 0  # blank is not zero
    assert doc.coverage == {"coded_lines_printed": 5, "coded_lines_read": 5}
    report = validated(path)
    assert not [f for f in report.findings if f.severity == "error"]


def test_a_coded_row_that_cannot_be_read_is_an_error_with_sheet_and_row(tmp_path):
    rows = HEADER_ROWS + [
        ["205", "", "", "教育支出", 30, 20, 10],
        ["2O5", "02", "", "普通教育", 30, 20, 10],  # a letter O for a zero
    ]
    doc, path = read_grid(tmp_path, rows)
    assert doc.coverage == {"coded_lines_printed": 2, "coded_lines_read": 1}
    (p,) = [p for p in doc.problems if p.rule == "unread-line"]
    assert p.severity == "error" and p.source_line == 7 and "'支出总表' row 7" in p.message
    report = validated(path)
    assert [f.rule for f in report.findings if f.severity == "error"] == ["unread-line"]


def test_template_placeholders_are_one_finding_not_a_cascade(tmp_path):
    rows = HEADER_ROWS + [
        ["205", "", "", "教育支出", "x,xxx", "", ""],
        ["205", "02", "", "普通教育", "", "", ""],
        ["…", "", "", "…"],
        ["…", "…", "…", "…"],
    ]
    doc, path = read_grid(tmp_path, rows)
    (p,) = [p for p in doc.problems if p.rule == "placeholder-row"]
    assert "rows 6, 8, 9" in p.message and p.severity == "warning"
    assert doc.coverage == {"coded_lines_printed": 2, "coded_lines_read": 2}
    report = validated(path)
    rules = {f.rule for f in report.findings}
    assert not rules & {"invalid-amount", "duplicate-line", "name-mismatch", "unread-line", "unknown-code"}


def test_a_hidden_sheet_is_reported_and_not_read(tmp_path):
    from govclass.readers.registry import read_document

    table = grid_sheet(HEADER_ROWS + [["205", "", "", "教育支出", 30, 20, 10]], HEADER_MERGES)
    old = grid_sheet(HEADER_ROWS + [["205", "", "", "教育支出", 99, 99, 99]], HEADER_MERGES)
    path = tmp_path / "budget.xlsx"
    path.write_bytes(build_xlsx([table, old], shared=None, styles=None, names=["支出", "旧表"], hidden=("旧表",)))
    doc = read_document(str(path))
    assert [len(t.lines) for t in doc.tables] == [1]
    (p,) = [p for p in doc.problems if p.rule == "hidden-sheet"]
    assert "'旧表' is hidden" in p.message and "1 of them coded" in p.message


def test_csv_with_the_code_in_lei_kuan_xiang_columns(tmp_path):
    from govclass.readers.registry import read_document

    path = tmp_path / "split.csv"
    path.write_text("类,款,项,科目名称,合计,基本支出,项目支出\n205,,,教育支出,30,20,10\n,02,,普通教育,30,20,10\n"
                    ",02,05,高等教育,30,20,10\n合计,,,,30,20,10\n", encoding="utf-8")
    (t,) = read_document(str(path)).tables
    assert [(ln.code, ln.name, ln.total) for ln in t.lines] == [
        ("205", "教育支出", False), ("20502", "普通教育", False), ("2050205", "高等教育", False), (None, "合计", True)]
    assert validated(path).ok


# -- the Shanghai district's two 2026 templates (../shared/realdocs), read against their sheets

TEMPLATES = {
    # file: (coded rows printed = read, tables with placeholder rows: "…" rows, and 收支总表 slots "二、…", "三、")
    "sh-putuo-2026-dept-budget-template.xlsx": (25, 8),
    "sh-putuo-2026-unit-budget-template.xlsx": (19, 8),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_the_district_templates_are_read_whole(realdocs, name):
    from govclass.readers.registry import read_document

    coded, placeholder_tables = TEMPLATES[name]
    doc = read_document(str(realdocs / name))
    assert doc.coverage == {"coded_lines_printed": coded, "coded_lines_read": coded}
    assert {t.kind for t in doc.tables} == {"income", "expenditure", "gpb-expenditure", "gf-expenditure",
                                           "soc-expenditure", "gpb-basic"}
    assert {s.kind for s in doc.statements} == {"summary", "fiscal-summary", "three-public"}
    assert sum(1 for p in doc.problems if p.rule == "placeholder-row") == placeholder_tables
    income = next(t for t in doc.tables if t.kind == "income")
    # 收入预算总表, sheet 部门收入总表 / 单位收入总表: "205 | | | 教育支出", "205 | 02 | | 普通教育",
    # "205 | 02 | 05 | 高等教育" (9 figure-less example rows of the template, a "…" row after them)
    assert [(ln.code, ln.name) for ln in income.lines[:3]] == [
        ("205", "教育支出"), ("20502", "普通教育"), ("2050205", "高等教育")]
    assert income.columns == ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")
    basic = next(t for t in doc.tables if t.kind == "gpb-basic")
    assert [ln.code for ln in basic.lines if ln.code] == ["301", "30101", "303", "30304"]
    assert basic.classification == "economic" and basic.columns == ("合计", "人员经费", "公用经费")
    report = validated(realdocs / name)
    assert not [f for f in report.findings if f.severity == "error"]
    assert not {f.rule for f in report.findings} & {"unreadable-line", "unread-line", "unreadable-table"}


def test_a_formula_saved_without_its_value_is_an_error_not_a_blank(tmp_path):
    rows = HEADER_ROWS + [["205", "", "", "教育支出", ("=", "F6+G6", None), 20, 10]]
    doc, path = read_grid(tmp_path, rows)
    (p,) = [p for p in doc.problems if p.rule == "formula-not-calculated"]
    assert "(E6)" in p.message and p.severity == "error"
    assert not validated(path).ok


def test_code_and_name_in_one_cell_under_a_name_heading(tmp_path):
    rows = [["一般公共预算支出表"], ["单位：元"], ["科目", "合计", "基本支出", "项目支出"],
            ["205 教育支出", "30.00", "20.00", "——"], ["  02 普通教育", "30.00", "20.00", "10.00"],
            ["2050205 高等教育", "30.00", "20.00", "10.00"]]
    doc, _path = read_grid(tmp_path, rows, ())
    (t,) = doc.tables
    assert t.unit == "元" and [(ln.code, ln.name) for ln in t.lines] == [("205", "教育支出"), ("2050205", "高等教育")]
    assert t.lines[0].cells["项目支出"].blank  # a dash is blank, not an invalid figure
    # a 款 printed with its name in one cell under its 类 is not read yet (the shared code rule reads "02" alone,
    # or "20502 普通教育"): the row is an unread-line error, never a label or a dropped row
    (p,) = [p for p in doc.problems if p.rule == "unread-line"]
    assert p.source_line == 5 and doc.coverage == {"coded_lines_printed": 3, "coded_lines_read": 2}


def test_a_far_cell_under_a_long_table_is_refused_not_padded(tmp_path):
    from govclass.readers.registry import read_document

    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>205</t></is></c><c r="B{i}"><v>1</v></c></row>'
                   for i in range(6, 200))
    far = '<row r="200"><c r="XFD200"><v>1</v></c></row>'
    head = "".join(f'<row r="{i}">' + "".join(
        f'<c r="{chr(65 + k)}{i}" t="inlineStr"><is><t>{v}</t></is></c>' for k, v in enumerate(r) if v) + "</row>"
        for i, r in enumerate(HEADER_ROWS, 1))
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{head}{rows}{far}</sheetData></worksheet>'
    path = tmp_path / "far.xlsx"
    path.write_bytes(build_xlsx([sheet], shared=None, styles=None))
    with pytest.raises(InputError, match="more than govclass reads"):
        read_document(str(path))


def test_a_kuan_kept_as_a_number_with_format_00_reads_as_02(tmp_path):
    from govclass.readers.registry import read_document

    styles = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="170" formatCode="00"/></numFmts>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="170" applyNumberFormat="1"/></cellXfs></styleSheet>"""
    sheet = grid_sheet(HEADER_ROWS + [["205", "", "", "教育支出", 30, 20, 10], ["205", 2, 5, "高等教育", 30, 20, 10]],
                       HEADER_MERGES).replace('<c r="B7">', '<c r="B7" s="1">').replace('<c r="C7">', '<c r="C7" s="1">')
    path = tmp_path / "numbers.xlsx"
    path.write_bytes(build_xlsx([sheet], shared=None, styles=styles))
    assert sheets.xlsx_sheets(path.read_bytes(), WHERE)[0].rows[6][:3] == ["205", "02", "05"]
    (t,) = read_document(str(path)).tables
    assert [ln.code for ln in t.lines] == ["205", "2050205"]


def test_an_unknown_title_over_a_known_header_takes_its_relations_from_the_header(tmp_path):
    rows = [["某某专项资金安排表"], ["单位：万元"], ["科目编码", "科目名称", "本年支出", "", ""],
            ["", "", "合计", "基本支出", "项目支出"],
            ["205", "教育支出", "30.00", "20.00", "10.00"], ["20502", "普通教育", "31.00", "20.00", "10.00"]]
    doc, path = read_grid(tmp_path, rows, ("C3:E3", "A3:A4", "B3:B4"))
    (t,) = doc.tables
    assert t.kind is None and t.columns == ("合计", "基本支出", "项目支出")
    assert [(r.total, r.parts) for r in t.relations] == [("合计", ("基本支出", "项目支出"))]
    report = validated(path)
    errors = [(f.rule, f.source_line, f.page) for f in report.findings if f.severity == "error"]
    assert ("column-mismatch", 6, 1) in errors  # 31.00 ≠ 20.00 + 10.00 on sheet 1, row 6
    assert "missing-table" not in {f.rule for f in report.findings}  # no cover: tables exchanged, not a disclosure


def test_panels_side_by_side_are_read_one_after_the_other(tmp_path):
    from govclass.readers.registry import read_document

    cover = grid_sheet([["某局2024年度部门决算"]])
    table = grid_sheet([
        ["一般公共预算财政拨款基本支出决算表"], ["", "", "", "", "", "金额单位：万元"],
        ["人员经费", "", "", "公用经费"], ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "100.00", "302", "商品和服务支出", "50.00"],
        ["30101", "基本工资", "100.00", "30201", "办公费", "50.00"],
        ["人员经费合计", "", "100.00", "公用经费合计", "", "50.00"]], ("A3:C3", "D3:F3"))
    path = tmp_path / "final.xlsx"
    path.write_bytes(build_xlsx([cover, table], shared=None, styles=None, names=["封面", "公开06表"]))
    doc = read_document(str(path))
    (t,) = doc.tables
    assert t.kind == "final-06" and t.columns == ("金额",)  # its one figure column, as the standard table names it
    assert [(ln.code, ln.source_line) for ln in t.lines] == [("301", 5), ("30101", 6), ("302", 5), ("30201", 6)]
    (totals,) = [s for s in doc.statements if s.kind == "final-06-totals"]
    assert [(i.label, str(i.cells["金额"].value)) for i in totals.items] == [
        ("人员经费合计", "100.00"), ("公用经费合计", "50.00")]
    assert doc.coverage == {"coded_lines_printed": 4, "coded_lines_read": 4}


def test_a_table_number_above_the_title_and_a_sheet_named_for_its_table(tmp_path):
    from govclass.readers.registry import read_document

    numbered = [["", "", "", "", "", "", "公开03表"], ["2026年部门支出预算总表"]] + HEADER_ROWS[1:] + [
        ["205", "", "", "教育支出", "30.00", "20.00", "10.00"]]
    untitled = HEADER_ROWS[1:] + [["205", "", "", "教育支出", "30.00", "30.00", ""]]
    merges = tuple(m for m in HEADER_MERGES if m != "A1:G1")
    path = tmp_path / "two.xlsx"
    below = tuple(m.replace("5", "6").replace("4", "5").replace("3", "4") for m in merges)  # one row lower
    path.write_bytes(build_xlsx([grid_sheet(numbered, below), grid_sheet(untitled, tuple(
        m.replace("3", "2").replace("4", "3").replace("5", "4") for m in merges))], shared=None, styles=None,
        names=["公开03表", "一般公共预算支出表"]))
    doc = read_document(str(path))
    assert [(t.name, t.kind, len(t.lines)) for t in doc.tables] == [
        ("2026年部门支出预算总表", "expenditure", 1), ("一般公共预算支出表", "gpb-expenditure", 1)]
    assert doc.tables[0].columns == ("合计", "基本支出", "项目支出")
    assert doc.tables[1].lines[0].cells["项目支出"].blank and doc.tables[1].lines[0].page == 2


def test_hidden_rows_and_columns_are_not_read_and_are_reported(tmp_path):
    from govclass.readers.registry import read_document

    rows = [r + [""] * (7 - len(r)) for r in HEADER_ROWS] + [
        ["205", "", "", "教育支出", "30.00", "20.00", "10.00", "999.00"],  # H: a hidden working column
        ["205", "02", "", "普通教育", "99.00", "99.00", "", ""],  # a hidden row (last year's figures)
        ["205", "02", "", "普通教育", "30.00", "20.00", "10.00", "999.00"]]
    rows[3] = rows[3] + ["备注"]
    sheet = grid_sheet(rows, HEADER_MERGES).replace('<row r="7">', '<row r="7" hidden="1">').replace(
        "<sheetData>", '<cols><col min="8" max="8" width="0" hidden="1"/></cols><sheetData>')
    path = tmp_path / "hidden.xlsx"
    path.write_bytes(build_xlsx([sheet], shared=None, styles=None))
    doc = read_document(str(path))
    (t,) = doc.tables
    assert t.columns == ("合计", "基本支出", "项目支出") and [ln.source_line for ln in t.lines] == [6, 8]
    (p,) = [p for p in doc.problems if p.rule == "hidden-cells"]
    assert "(row 7, column H)" in p.message and "1 of the rows coded" in p.message
    assert validated(path).ok


def _as_template_sheet(table) -> str:
    """A coded table written as the district's templates lay it out: title, unit line, 项目/本年支出 over
    科目编码 (类 | 款 | 项) and the amount columns, the code split over three cells."""
    n = len(table.columns)
    last = chr(ord("E") + n - 1)
    rows: list[list[object]] = [[table.name], ["编制部门：某局"] + [""] * (n + 2) + [f"单位：{table.unit}"],
                                ["项目", "", "", "", "本年支出"], ["科目编码", "", "", "科目名称", *table.columns],
                                ["类", "款", "项"]]
    for ln in table.lines:
        code = ln.code or ""
        parts = [code[:3], code[3:5], code[5:]] if code else ["合计" if ln.total else "", "", ""]
        rows.append([*parts, "" if ln.total else ln.name or "", *(ln.cells[c].raw or "" for c in table.columns)])
    merges = ("A3:D3", f"E3:{last}3", "A4:C4", "D4:D5", *(f"{chr(ord('E') + k)}4:{chr(ord('E') + k)}5" for k in range(n)))
    return grid_sheet(rows, merges)


@pytest.mark.parametrize("name", ["sh-putuo-finance-2025-dept-budget", "sh-putuo-welfarehome-2024-unit-budget",
                                  "sh-putuo-govoffice-2025-unit-budget", "sh-putuo-wanli-2024-dept-budget"])
def test_a_published_budget_written_as_a_workbook_reads_as_its_pdf(realdocs, tmp_path, name):
    """The coded tables of a real PDF (read by the PDF reader), written into a workbook in the templates' layout,
    read back line for line: same codes, names and figures, and the same errors."""
    pytest.importorskip("pypdfium2")
    from govclass.readers.registry import read_document

    pdf = read_document(str(realdocs / f"{name}.pdf"))
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(build_xlsx([_as_template_sheet(t) for t in pdf.tables], shared=None, styles=None))
    book = read_document(str(path))

    def lines(doc):
        return {t.kind: [(ln.code, ln.name, ln.total, {c: ln.cells[c].raw for c in t.columns}) for ln in t.lines]
                for t in doc.tables}

    assert lines(book) == lines(pdf) and len(book.tables) == 4
    assert book.coverage["coded_lines_printed"] == book.coverage["coded_lines_read"] == sum(
        1 for t in pdf.tables for ln in t.lines if ln.code)

    def errors(path_):
        return sorted((f.rule, f.code, f.column) for f in validated(path_).findings
                      if f.severity == "error" and f.rule.startswith(("rollup", "column", "name", "unknown", "dup")))

    assert errors(path) == errors(realdocs / f"{name}.pdf")  # welfarehome: 15 (its renumbered 302 codes, 71102 ×2,
    # docs/disclosures.md), wanli: 3012 and 3017 (the 款 cell prints "2" and "7"), the other two: none
