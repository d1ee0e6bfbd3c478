"""The 三公 table and the statement rows of real PDF disclosures
(govclass.readers.sangong, govclass.readers.pdf.statements).  Figures read against the rendered pages
(pdftoppm -r 60): Guangzhou justice p.22 (items as rows), Huzhou finance p.28
(items as columns, a row per unit), Xi'an finance p.43 (上年 | 当年 | 增减 groups, 元,
a 合计 of 三公 + 会议费 + 培训费 beside the 三公 小计: 219,000 + 461,836 + 1,402,600 =
2,083,436), the central 决算 p.15 (预算数 | 决算数 groups)."""

from __future__ import annotations

import pytest

pytest.importorskip("pypdfium2")

from govclass.document import find_row  # noqa: E402
from govclass import read as _read  # noqa: E402
from govclass.validation import validate  # noqa: E402
from conftest import realdoc_path as _path  # noqa: E402

# name: {item: the 合计 row's figure as printed} (None: a blank cell)
SANGONG = {
    "guangzhou-justice-2026-dept-budget": {"合计": "378.87", "因公出国(境)费": "20.00", "公务接待费": "12.20",
                                          "公务用车购置及运行维护费小计": "346.67", "公务用车购置": "36.00",
                                          "公务用车运行维护费": "310.67"},
    "huzhou-finance-2026-dept-budget": {"合计": "9.30", "因公出国(境)费": None, "公务接待费": "5.80",
                                       "公务用车购置及运行维护费小计": "3.50", "公务用车购置": None,
                                       "公务用车运行维护费": "3.50"},
    "xian-finance-2026-dept-budget": {"合计": "219,000.00", "合计(含其他)": "2,083,436.00", "公务接待费": "80,000.00",
                                     "因公出国(境)费": None, "公务用车购置及运行维护费小计": "139,000.00"},
    "nat-petitions-2024-dept-final": {"合计": "46.21", "因公出国(境)费": "4.69", "公务接待费": "0.90",
                                     "公务用车运行维护费": "40.61"},
}


@pytest.fixture(scope="module")
def docs(realdocs):  # noqa: F811
    return {name: _read(str(_path(realdocs, name))) for name in SANGONG}


@pytest.mark.parametrize("name", sorted(SANGONG))
def test_sangong_table_read_in_its_layout(docs, name):
    st = next(s for s in docs[name].statements if s.kind == "three-public")
    total = next(it for it in st.items if it.label == "合计")
    for item, raw in SANGONG[name].items():
        assert total.cells[item].raw == raw, (item, total.cells[item])


def test_final_keeps_the_budget_figures_as_their_own_row(docs):
    st = next(s for s in docs["nat-petitions-2024-dept-final"].statements if s.kind == "three-public")
    budget = next(it for it in st.items if it.label == "年初预算数")
    assert budget.cells["合计"].raw == "76.43"


def test_units_as_rows_keep_each_unit(docs):
    st = next(s for s in docs["huzhou-finance-2026-dept-budget"].statements if s.kind == "three-public")
    assert [it.label for it in st.items][:2] == ["合计", "湖州市财政局"]
    assert len(st.items) == 6


def test_narrative_finds_the_sangong_table_on_real_documents(realdocs):  # noqa: F811
    for name in SANGONG:
        report = validate(_read(str(_path(realdocs, name))))
        said = [f.message_zh for f in report.findings if f.rule == "insufficient-data"]
        assert not any("没有可读取的“三公”经费表" in m for m in said), name


def test_a_synonym_printed_twice_names_no_row(realdocs):  # noqa: F811
    # Chongqing's 财政拨款收支总体情况表 prints 一般公共预算资金 under 本年收入 and 一般公共预算拨款 under 上年结转
    doc = _read(str(_path(realdocs, "chongqing-publicity-2026-dept-budget")))
    st = next(s for s in doc.statements if s.kind == "fiscal-summary")
    assert find_row(st, "收入", "一般公共预算拨款收入") is None
    assert find_row(st, "收入", "收入总计").cells["预算数"].raw == "41,958.18"


def test_income_table_by_unit_gives_its_total(docs):
    # Guangzhou justice p.9 收入总体情况表: a row per budget unit under 合计 174,177.85, no codes
    inc = next(t for t in docs["guangzhou-justice-2026-dept-budget"].tables if t.kind == "income")
    assert [(ln.name, ln.cells["合计"].raw, ln.total) for ln in inc.lines] == [("合计", "174,177.85", True)]
