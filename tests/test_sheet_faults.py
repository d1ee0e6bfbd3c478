"""Spreadsheet faults (issue 27): nothing of a workbook is lost or misplaced without a word.

Each test writes its own small workbook: a 合计 row whose figures are whole numbers (read, and
checked); a figure cached from another workbook (a warning naming the link); a formula saved
without its value (located on its row); a table too large to read (refused, naming the file).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from govclass.readers import InputError, read_document
from govclass.validation import validate

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
LINES = [[208, "社会保障和就业支出", 1, 1, 0], [20801, "人力资源和社会保障管理事务", 1, 1, 0],
         [2080101, "行政运行", 1, 1, 0]]


def _letters(col: int) -> str:
    out, col = "", col + 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def workbook(path: Path, rows: list[list], *, sheet: str = "部门支出总表", formulas: dict[str, str] | None = None,
             links: list[str] = (), extra_rows: str = "") -> Path:
    """An .xlsx of one sheet: numbers as numeric cells, text inline; ``formulas`` cell -> formula
    (the cell keeps its value when it has one in ``rows``); ``links`` the external workbooks."""
    formulas = formulas or {}
    xml = ['<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           "<sheetData>"]
    for r, row in enumerate(rows, 1):
        cells = ""
        for c, value in enumerate(row):
            ref = f"{_letters(c)}{r}"
            f = f"<f>{formulas[ref]}</f>" if ref in formulas else ""
            if value == "" or value is None:
                cells += f'<c r="{ref}">{f}</c>' if f else ""
            elif isinstance(value, (int, float)):
                cells += f'<c r="{ref}">{f}<v>{value}</v></c>'
            else:
                cells += f'<c r="{ref}" t="inlineStr">{f}<is><t>{value}</t></is></c>'
        xml.append(f'<row r="{r}">{cells}</row>')
    xml.append(extra_rows + "</sheetData></worksheet>")
    refs = "".join(f'<externalReference r:id="rIdL{k}"/>' for k in range(1, len(links) + 1))
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets>'
          + (f"<externalReferences>{refs}</externalReferences>" if links else "") + "</workbook>")
    rel = '<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}" ' \
          'Target="{}"{}/>'
    rels = ['<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
            rel.format("rId1", "worksheet", "worksheets/sheet1.xml", "")]
    rels += [rel.format(f"rIdL{k}", "externalLink", f"externalLinks/externalLink{k}.xml", "")
             for k in range(1, len(links) + 1)]
    members = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": "".join(rels) + "</Relationships>",
        "xl/worksheets/sheet1.xml": "".join(xml)}
    for k, target in enumerate(links, 1):
        members[f"xl/externalLinks/externalLink{k}.xml"] = (
            '<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<externalBook/></externalLink>")
        members[f"xl/externalLinks/_rels/externalLink{k}.xml.rels"] = (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rel.format("rId1", "externalLinkPath", target, ' TargetMode="External"') + "</Relationships>")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _findings(path: Path) -> list:
    return list(validate(read_document(str(path))).findings)


@pytest.mark.parametrize("where", ["code", "name"])
@pytest.mark.parametrize("first", [True, False])
def test_a_total_row_of_whole_numbers_is_read_and_checked(tmp_path, where, first):
    """合计 | 5 | 5 | 0 looks like a header's column numbering (栏次 | 1 | 2 | 3): before, a 合计 row
    printed first (as most disclosures print it) was taken for a header row and dropped, and a
    wrong total passed. Wherever it stands, in the code or the name column, it is the table's 合计."""
    total = ["合计", "", 5, 5, 0] if where == "code" else ["", "合计", 5, 5, 0]
    rows = [HEADER, total, *LINES] if first else [HEADER, *LINES, total]
    found = _findings(workbook(tmp_path / "t.xlsx", rows))
    wrong = [f for f in found if f.rule == "rollup-mismatch"]
    assert wrong and all(f.code is None and f.actual == "5" and f.expected == "1" for f in wrong), found
    doc = read_document(str(tmp_path / "t.xlsx"))
    assert [ln.name for ln in doc.tables[0].lines if ln.total] == ["合计"]
    rows[rows.index(total)] = [*total[:2], 1, 1, 0]  # a total that adds up: nothing to say about it
    assert not [f for f in _findings(workbook(tmp_path / "ok.xlsx", rows)) if f.rule == "rollup-mismatch"]


def test_a_header_numbering_row_is_still_a_header(tmp_path):
    """栏次 | 1 | 2 | 3 under the header is column numbering, not a row of figures."""
    rows = [HEADER, ["栏次", "", 1, 2, 3], *LINES]
    doc = read_document(str(workbook(tmp_path / "n.xlsx", rows)))
    assert [ln.code for ln in doc.tables[0].lines] == ["208", "20801", "2080101"]


def test_a_figure_cached_from_another_workbook_is_a_warning_naming_the_link(tmp_path):
    rows = [HEADER, *LINES, ["合计", "", 1, 1, 0]]
    path = workbook(tmp_path / "linked.xlsx", rows, links=["file:///D:/预算/2024汇总.xlsx"],
                    formulas={"C2": "[1]Sheet1!C9", "C3": "[1]Sheet1!C10", "D2": "SUM(D3:D4)"})
    found = [f for f in _findings(path) if f.rule == "external-link"]
    assert len(found) == 1, found
    f = found[0]
    assert f.severity == "warning" and f.source_line == 2 and f.table == "部门支出总表"
    assert "file:///D:/预算/2024汇总.xlsx" in f.message and "C2, C3" in f.message
    assert "file:///D:/预算/2024汇总.xlsx" in f.message_zh
    # a formula within the workbook is no link
    plain = workbook(tmp_path / "plain.xlsx", rows, formulas={"D2": "SUM(D3:D4)"})
    assert not [f for f in _findings(plain) if f.rule == "external-link"]


def test_a_formula_saved_without_its_value_is_located_on_its_row(tmp_path):
    """Before, the finding's line was the first letter of the list of cells ("line C")."""
    rows = [HEADER, *LINES, ["合计", "", 1, 1, 0]]
    rows[3][2] = ""  # C4: a formula saved without its value
    path = workbook(tmp_path / "uncalc.xlsx", rows, formulas={"C4": "C5"})
    found = [f for f in _findings(path) if f.rule == "formula-not-calculated"]
    assert len(found) == 1 and found[0].source_line == 4 and "C4" in found[0].message, found
    assert isinstance(found[0].source_line, int)


def test_a_formula_whose_result_is_empty_text_is_calculated(tmp_path):
    """=IF(B5=0,"",C5/B5) on a row with nothing to divide is saved as t="str" with an empty <v>: the workbook was
    calculated and the value is "" (Lijiang 2026: 7,072 such cells, reported as 39 sheets never recalculated).
    The same cell with no <v> at all, or an empty <v> of a number, was never calculated."""
    rows = [HEADER, *LINES, ["合计", "", 1, 1, 0]]
    def found(cell: str) -> list:
        path = workbook(tmp_path / "ratio.xlsx", rows, extra_rows=f'<row r="9">{cell}</row>')
        return [f.source_line for f in _findings(path) if f.rule == "formula-not-calculated"]
    assert found('<c r="F9" t="str"><f>IF(B9=0,"",C9/B9)</f><v></v></c>') == []
    assert found('<c r="F9" t="str"><f>IF(B9=0,"",C9/B9)</f></c>') == [9]
    assert found('<c r="F9"><f>C9/B9</f><v></v></c>') == [9]


def test_a_table_too_large_to_read_is_refused_naming_the_file(tmp_path):
    """One cell far to the right (XFD) under a long table: more cells than govclass reads."""
    from govclass.limits import MAX_VALUES

    n = MAX_VALUES // 16_384 + 2
    far = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(3, n))
    far += f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'
    path = workbook(tmp_path / "wide.xlsx", [HEADER, LINES[0]], extra_rows=far)
    with pytest.raises(InputError) as exc:
        read_document(str(path))
    assert str(exc.value).startswith(f"{path}: ") and "more than govclass reads" in str(exc.value)
