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


def workbook_xml(names: list[str]) -> str:
    sheets_xml = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
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
               names: list[str] | None = None, omit: tuple[str, ...] = ()) -> bytes:
    """A workbook zipped from the given parts, in workbook order."""
    names = names or [f"Sheet{i}" for i in range(1, len(sheet_xml) + 1)]
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(names),
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


def test_pdf_without_pdfplumber_names_the_extra(monkeypatch, tmp_path):
    path = str(tmp_path / "budget.pdf")
    with open(path, "wb") as fh:
        fh.write(minimal_pdf(["208 123.45"]))
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(InputError) as ei:
        pdf_text(path)
    msg = assert_input_error(ei, path)
    assert "pip install 'govclass[pdf]'" in msg


def test_pdf_text_finds_the_lines(tmp_path):
    pytest.importorskip("pdfplumber")
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
    pytest.importorskip("pdfplumber")
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
    class PDFPasswordIncorrect(Exception):
        pass

    class PdfminerException(Exception):  # how pdfplumber 0.11 wraps pdfminer's errors
        pass

    def open_encrypted(path):
        raise PdfminerException(PDFPasswordIncorrect())

    def open_broken(path):
        raise KeyError("line one\nline two")

    path = str(tmp_path / "budget.pdf")
    monkeypatch.setitem(sys.modules, "pdfplumber", types.SimpleNamespace(open=open_encrypted))
    with pytest.raises(InputError) as ei:
        pdf_text(path)
    assert "password-protected" in assert_input_error(ei, path)
    monkeypatch.setitem(sys.modules, "pdfplumber", types.SimpleNamespace(open=open_broken))
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
