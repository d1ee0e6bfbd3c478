"""The vocabulary (govclass/vocabulary.py): the words of the domain, written once.

Its members are pinned here: a word added to or dropped from one of them is a
change every reader and rule sees, so it is made here on purpose, never by the
way.  The named variants (where a reader reads a word its own way) are pinned
with the example that tells them apart from the common form."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govclass
from govclass import vocabulary as v

PACKAGE = Path(govclass.__file__).resolve().parent


def test_figures_and_dashes():
    assert v.DASHES == ("-", "—", "－", "--", "——")
    assert v.TEXT_DASHES == ("-", "—", "－")
    assert v.NO_FIGURE_MARKS == ("-", "—", "－", "--", "——", "/")
    assert v.REPORT_NO_FIGURE_MARKS == (*v.NO_FIGURE_MARKS, "×", "╳")
    assert v.AMOUNT_BLANKS == ("", "-", "—", "－", "--", "——")
    for printed in ("1,816.08", "-12", "0.5", "−3.00", "1234"):
        assert v.is_figure(printed) and v.is_figure_cell(printed), printed
    for printed in ("1,81", "12.", "1.2.3", "x", "", "12%"):
        assert not v.is_figure(printed), printed
    assert not v.is_figure("809. 97") and v.is_figure_cell("809. 97")  # a cell squeezes its spaces
    assert v.is_figure_cell("——") and v.is_figure_cell("/") and not v.is_figure_cell("/", marks=v.DASHES)
    assert not v.is_figure_cell("1,81") and v.is_figure_cell("1,81", pattern=v.FIGURE_ANY_GROUPING)


def test_a_dash_is_a_blank_in_every_reader():
    """A "——" printed where a figure would stand is nothing there, in a PDF or XLSX cell and in a CSV, JSON or
    text figure alike (they differed before: parse_amount read it as text that is no number)."""
    from govclass.document import parse_amount

    assert v.is_figure_cell("——")
    assert all(parse_amount(dash).blank for dash in v.DASHES)


def test_totals():
    assert v.TOTAL_WORDS == ("合计", "总计")
    assert v.TOTAL_LINE_NAMES == set(v.TOTAL_ROW_LABELS)  # one set for every reader (they differed before)
    assert v.TOTAL_ROW_LABELS == ("合计", "总计", "支出合计", "本年支出合计", "本年合计", "支出总计", "合计数")
    assert v.SUM_WORDS == ("合计", "小计", "总计")
    assert v.TOTAL_COLUMN_NAMES == ("合计", "总计", "支出总计", "收入总计", "本年合计", "本年支出合计", "本年收入合计",
                                    "合计数")
    assert v.STATEMENT_TOTAL_HEADINGS == ("合计", "总计", "收入总计", "支出总计", "收入合计", "支出合计")
    assert v.RELATION_TOTALS == ("合计", "总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "本年合计",
                                 "金额合计")
    assert v.SPACED_HEADINGS == ("合计", "总计", "小计", "金额", "项目", "科目")
    assert v.is_total_name("合  计") and v.is_total_name("本年支出合计") and v.is_total_name("本年合计")
    assert not v.is_total_name("人员经费合计")  # a part's subtotal is no table's total
    assert v.is_total_label("本年合计") and v.is_total_label("人员经费合计") and not v.is_total_label("一般公共预算支出合计")
    assert not v.is_total_name(None) and not v.is_total_name("")


def test_numbering_and_enumeration():
    assert v.fold_label("（一）其中：一般公共预算拨款") == "一般公共预算拨款"
    assert v.fold_label("一、 “三公”经费") == "三公经费"
    assert v.ENUMERATED_LABEL.match("1.工资") and not v.ENUMERATED_LABEL.match("其中：工资")
    assert v.ENUMERATED_ITEM.match("十一、城乡社区支出") and not v.ENUMERATED_ITEM.match("(1)差旅费")
    assert v.NUMBERING_MARK.match("栏 次") and not v.NUMBERING_MARK.match("1")
    assert v.NUMBERING_CELL.match("12") and v.NUMBERING_CELL.match("**") and not v.NUMBERING_CELL.match("行次")
    assert v.NUMBERING_CELL_ROWS.match("行次")


def test_folding():
    assert v.fold_cell("合 　计") == "合计"
    assert v.fold_heading("事业单位\n经营收入") == "事业单位经营收入" and v.fold_cell("a\nb") == "a\nb"
    assert v.fold_unquoted("“三公”经费") == "三公经费"
    assert v.fold_title("公开 02 表  2026年部门收入总表") == "部门收入总表"
    assert v.fold_title("表1 一般公共预算支出情况表（按功能分类科目）") == "一般公共预算支出情况表"
    assert v.fold_title("预算01表") == ""  # a table's number alone
    assert v.fold_text_title("## 单位收入总表") == "部门收入总表"
    assert v.fold_text_title("2026年部门收入总表") == "2026年部门收入总表"  # the text reader keeps the year


def test_lines_that_are_not_rows():
    assert v.SENTENCE.search("1,234") and not v.SENTENCE_NO_ASCII_COMMA.search("1,234")
    assert v.SENTENCE.search("比上年增加") and v.SENTENCE_NO_ASCII_COMMA.search("比上年增加")
    assert v.UNIT_LINE.search("金额单位: 万元").group(1) == "万元"
    assert v.TITLE_END.search("收支总表（单位：元）") and not v.TITLE_END.search("收支总表说明")
    assert v.UNIT_CODE_WORDS == ("单位编码", "部门编码", "单位代码", "部门代码", "预算单位编码", "单位名称", "部门名称")


def test_the_standard_tables():
    assert list(v.KINDS) == [
        "summary", "income", "expenditure", "fiscal-summary", "gpb-expenditure", "gpb-basic", "three-public",
        "gf-expenditure", "soc-expenditure", "final-01", "final-02", "final-03", "final-04", "final-05",
        "final-06", "final-07", "final-08", "final-09", "final-10"]
    assert v.FINAL_KINDS == tuple(k for k in v.KINDS if k.startswith("final-"))
    assert set(v.BUDGET_KINDS) | set(v.FINAL_KINDS) == set(v.KINDS)
    assert v.THREE_PUBLIC_FIVE == ("合计", "因公出国(境)费", "公务接待费", "公务用车运行维护费", "公务用车购置")
    for kind in v.KINDS.values():  # each kind's relations name its own columns
        columns = kind.columns if isinstance(kind.columns, tuple) else ()
        for total, parts in kind.relations:
            assert total in columns and set(parts) <= set(columns), kind.name


def test_every_kind_is_titled_and_knows_its_own_title():
    words = v.table_words()
    assert set(words["tables"]) == set(v.KINDS)
    for kind, entry in words["tables"].items():
        assert set(entry) <= {"titles", "layout_titles"}, kind  # a 决算's kinds are KINDS', not the data's
        assert entry["titles"], kind
        assert v.title_kind(v.KINDS[kind].name, v.KINDS[kind].final) == kind
        assert (v.fold_text_title(v.KINDS[kind].name), kind) in v.text_titles()


def test_the_text_reader_knows_the_titles_only():
    """Difference kept from before issue 22: the PDF and XLSX readers know the layout titles too."""
    text = {title for title, _kind in v.text_titles()}
    assert "部门财务收支预算总表" not in text
    assert v.title_kind("部门财务收支预算总表", False) == "summary"
    lengths = [len(title) for title, _kind in v.text_titles()]
    assert lengths == sorted(lengths, reverse=True)


def test_titles_of_other_tables_and_column_synonyms():
    assert v.title_kind("2026年政府采购预算表", False) == "other"
    assert v.title_kind("一般公共预算支出表", True) is None  # a 预算 title is no 决算 table
    assert v.title_kind("收支预算总表", True) == "summary"  # but a 决算 may print its 收支总表 so
    assert v.column_synonym("支出总计") == "合计" and v.column_synonym("人员支出") == "人员经费"
    assert v.column_synonym("某某栏") is None


@pytest.mark.parametrize("name", ["TITLE_DROP", "FIGURE", "DASHES", "SENTENCE", "UNIT_CODE_WORDS", "KINDS",
                                  "TOTAL_WORDS", "UNIT_LINE", "ENUMERATION"])
def test_written_once(name):
    """No module of govclass writes a vocabulary word again under the name it had there before."""
    old = {"TITLE_DROP": "_TITLE_DROP", "FIGURE": "_FIGURE", "DASHES": "_DASHES", "SENTENCE": "_SENTENCE",
           "UNIT_CODE_WORDS": "_UNIT_CODE_WORDS", "KINDS": "KINDS", "TOTAL_WORDS": "TOTAL_WORDS",
           "UNIT_LINE": "UNIT_LINE", "ENUMERATION": "ENUMERATION"}[name]
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == old for t in node.targets) \
                    and not (isinstance(node.value, ast.Name) or isinstance(node.value, ast.Tuple)
                             and any(isinstance(e, ast.Starred) for e in node.value.elts)):
                found.append(str(path.relative_to(PACKAGE)))
    assert not found, found
