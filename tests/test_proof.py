"""The proof of a doubtful reading is a stage of validation (issue 22): the PDF reader does not run
the validator; it marks how each table was read (govclass.document.Reading), and validation proves
what the alignment placed (govclass.validation.proof).  One `validate x.pdf` runs validate() once.

The documents are small PDFs this file draws: a 部门支出总表 printed without rules, its columns
given by where the words stand."""

from __future__ import annotations

import importlib

import pytest

import govclass
from conftest import pdf_file

pytest.importorskip("pypdfium2")

from govclass.document import How  # noqa: E402
from govclass.readers import read_document  # noqa: E402
from govclass.validation import proof  # noqa: E402

validate_module = importlib.import_module("govclass.validation.validate")

# A Chinese font PDFium knows without embedding (Adobe-GB1, UCS-2 codes), ASCII half-width.
_SONG = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
         b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>] >> >> >>")
#: where each column's words start (code, name, 合计, 基本支出, 项目支出)
_COLUMNS = (40, 110, 300, 380, 460)


def _row(y: int, *cells: str) -> list[tuple[int, int, str]]:
    return [(x, y, text) for x, text in zip(_COLUMNS, cells) if text]


def _pdf(tmp_path, body: list[tuple[str, ...]]) -> str:
    """A one-page 部门预算 whose 部门支出总表 is printed without rules: title, unit line, header, rows."""
    words = [(200, 800, "2025年部门预算"), (220, 770, "部门支出总表"), (460, 750, "单位：万元"),
             *_row(730, "科目编码", "科目名称", "合计", "基本支出", "项目支出")]
    for k, cells in enumerate(body):
        words += _row(712 - 18 * k, *cells)
    ops = [b"BT /F1 9 Tf"] + [b"1 0 0 1 %d %d Tm <%s> Tj" % (x, y, text.encode("utf-16-be").hex().encode())
                             for x, y, text in words] + [b"ET"]
    content = b"\n".join(ops)
    path = tmp_path / "aligned.pdf"
    path.write_bytes(pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources %s >>" % _SONG]))
    return str(path)


_HOLDS = [("201", "一般公共服务支出", "100.00", "60.00", "40.00"),
          ("20103", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"),
          ("2010301", "行政运行", "70.00", "60.00", "10.00"),
          ("2010302", "一般行政管理事务", "30.00", "", "30.00")]
#: 2010302 printed as 35.00: its 款 20103 (100.00) is not the sum of its 项 (70.00 + 35.00)
_FAILS = [*_HOLDS[:3], ("2010302", "一般行政管理事务", "35.00", "", "35.00")]


@pytest.fixture
def counted(monkeypatch):
    """How many times the validator's engine runs (every validate() call runs it once)."""
    calls = []
    engine = validate_module._validate

    def counting(*args, **kwargs):
        calls.append(1)
        return engine(*args, **kwargs)

    monkeypatch.setattr(validate_module, "_validate", counting)
    return calls


def test_the_reader_marks_how_it_read_and_runs_no_validator(tmp_path, counted):
    doc = read_document(_pdf(tmp_path, _HOLDS))
    assert not counted  # reading is reading: the reader judges nothing
    (table,) = doc.tables
    assert table.kind == "expenditure" and len(table.lines) == 4
    assert table.reading is not None and table.reading.how & How.ALIGNED and table.reading.aligned
    assert not table.reading.how & How.RULED  # no rule printed
    assert doc.proof is not None and len(doc.proof.census) == 4 and doc.coverage is None  # to be proven


def test_one_validate_runs_the_validator_once(tmp_path, counted):
    report = govclass.validate(_pdf(tmp_path, _FAILS))
    assert len(counted) == 1
    assert report.coverage is not None and report.coverage["coded_lines_printed"] == 4


def test_a_misplaced_reading_is_no_finding_of_the_table_but_a_row_not_read(tmp_path):
    """The proof stage: what the alignment placed and the table's own checks reject is not read
    (unread-line, with the printed row), never a rollup-mismatch the printed document might not have."""
    report = govclass.validate(_pdf(tmp_path, _FAILS))
    assert not report.by_rule("rollup-mismatch")
    unread = report.by_rule("unread-line")
    assert {f.text.split()[0] for f in unread} == {"20103", "2010301", "2010302"}  # the group of the sum that fails
    assert report.coverage == {"coded_lines_printed": 4, "coded_lines_read": 1}
    assert not report.ok


def test_a_proven_document_is_not_proven_again(tmp_path):
    doc = govclass.read(_pdf(tmp_path, _FAILS))  # read as the validator reads it
    assert doc.proof is None and len(doc.tables[0].lines) == 1
    assert validate_module.prove(doc) is doc
    assert govclass.validate(doc).findings == govclass.validate(_pdf(tmp_path, _FAILS)).findings


def test_a_finding_between_tables_names_what_it_rests_on():
    """A check between tables names the tables it compares as fields (Finding.rests_on), so that the
    proof never goes by a table's name in a message: 支出决算表 is a substring of
    一般公共预算财政拨款支出决算表, yet a finding resting on the one does not rest on the other."""
    from govclass.document import Document, Item, Line, Statement, Table, parse_amount
    from govclass.validation.rules.cross import cross_check
    from govclass.catalog import get_catalog

    def table(name: str, kind: str, total: str) -> Table:
        return Table(name, "functional", "万元", ("本年支出合计", "基本支出", "项目支出"),
                     (Line(None, "合计", {"本年支出合计": parse_amount(total), "基本支出": parse_amount(total),
                                        "项目支出": parse_amount("0")}, True, 1),), (), kind)

    spending, general = table("支出决算表", "final-03", "10.00"), table("一般公共预算财政拨款支出决算表", "final-05", "9.00")
    summary = Statement("财政拨款收入支出决算总表", "final-04", "万元", {"收入": ("决算数",), "支出": ("一般公共预算财政拨款",)},
                        (Item("本年支出合计", {"一般公共预算财政拨款": parse_amount("8.00")}, "支出"),))
    found = [f for f in cross_check(Document((spending, general), 2024, kind="决算", statements=(summary,)),
                                    get_catalog(2024)) if f.rule == "cross-total"]
    assert found and all(any(o is general for o in f.rests_on) for f in found)
    assert not any(any(o is spending for o in f.rests_on) for f in found)
    assert any("支出决算表" in f"{f.table} {f.message}" for f in found)  # what matching by name would have taken
    assert proof.MISREAD == ("column-mismatch", "duplicate-line", "rollup-mismatch", "unknown-code", "name-mismatch",
                             "invalid-amount")
