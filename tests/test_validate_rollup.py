"""Laws of the roll-up and column checks, on random trees of real codes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import govclass
from govclass.document import Document, Line, Relation, Table, parse_amount
from govclass.validation import validate

CAT = govclass.get_catalog(2024)
LEIS = [c for c in CAT.roots("functional") if any(CAT.lookup(k).children for k in c.children)]
COLUMNS = ("合计", "基本支出", "项目支出")
CENT = Decimal("0.01")


@st.composite
def trees(draw):
    """A table's worth of real codes: some 类, some of their 款, some 项, each
    leaf with exact amounts in 4 decimals (基本支出, 项目支出; 合计 their sum)."""
    leis = draw(st.lists(st.sampled_from(LEIS), min_size=1, max_size=3, unique_by=lambda c: c.code))
    amount = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-4))
    tree = []
    for lei in leis:
        kuans = [CAT.lookup(k) for k in lei.children if CAT.lookup(k).children]
        chosen = draw(st.lists(st.sampled_from(kuans), min_size=1, max_size=3, unique_by=lambda c: c.code))
        kuan_nodes = []
        for kuan in sorted(chosen, key=lambda c: c.code):
            xiangs = draw(st.lists(st.sampled_from(list(kuan.children)), min_size=1, max_size=4, unique=True))
            leaves = []
            for x in sorted(xiangs):
                basic, project = draw(amount), draw(amount)
                leaves.append((x, {"基本支出": basic, "项目支出": project, "合计": basic + project}))
            kuan_nodes.append((kuan.code, leaves))
        tree.append((lei.code, kuan_nodes))
    return sorted(tree)


def exact_rows(tree):
    """(code, exact amounts) in printed order, 类 then its 款 then their 项; and the 合计."""
    rows, grand = [], {c: Decimal(0) for c in COLUMNS}
    for lei, kuans in tree:
        lei_sum = {c: Decimal(0) for c in COLUMNS}
        lei_rows = []
        for kuan, leaves in kuans:
            kuan_sum = {c: sum((a[c] for _, a in leaves), Decimal(0)) for c in COLUMNS}
            lei_rows.append((kuan, kuan_sum))
            lei_rows.extend(leaves)
            for c in COLUMNS:
                lei_sum[c] += kuan_sum[c]
        rows.append((lei, lei_sum))
        rows.extend(lei_rows)
        for c in COLUMNS:
            grand[c] += lei_sum[c]
    return rows, grand


def table(rows, grand, perturb=None):
    def cells(amounts, code):
        out = {}
        for c in COLUMNS:
            v = amounts[c].quantize(CENT, rounding=ROUND_HALF_UP)  # printed to 2 decimals
            if perturb is not None and perturb == (code, c):
                v += Decimal("1.00")
            out[c] = parse_amount(f"{v:,.2f}")
        return out

    lines = [Line(None, "合计", cells(grand, None), True, 1)]
    for i, (code, amounts) in enumerate(rows, 2):
        lines.append(Line(code, CAT.lookup(code).name, cells(amounts, code), False, i))
    return Document((Table("一般公共预算支出表", "functional", "万元", COLUMNS, tuple(lines),
                           (Relation("合计", ("基本支出", "项目支出")),)),), year=2024)


@settings(max_examples=150, deadline=None)
@given(trees())
def test_any_well_rounded_tree_has_no_error(tree):
    rows, grand = exact_rows(tree)
    report = validate(table(rows, grand))
    assert report.ok, [f.message for f in report.findings if f.severity == "error"]
    for f in report.by_rule("rounding-difference"):
        assert abs(f.difference) <= f.tolerance


@settings(max_examples=150, deadline=None)
@given(trees(), st.data())
def test_a_perturbed_figure_is_one_finding_on_its_line(tree, data):
    """A misprinted figure breaks its line's 合计 = 基本 + 项目, its parent's
    roll-up in its column and, for a 类 or 款, its own sub-lines' roll-up:
    one defect, reported once, on its line, naming the figure."""
    rows, grand = exact_rows(tree)
    code, _ = data.draw(st.sampled_from(rows))
    column = data.draw(st.sampled_from(COLUMNS))
    report = validate(table(rows, grand, perturb=(code, column)))
    errors = [f for f in report.findings if f.severity == "error"]
    assert [(f.rule, f.code, f.column) for f in errors] == [("column-mismatch", code, "合计")]
    assert f"the figure {column} of this line looks misprinted" in errors[0].message


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_findings_do_not_depend_on_the_order_lines_are_printed_in(tree, data):
    """The roll-up groups lines by what they add up into, wherever they stand:
    a table printed in any order says the same about every code and column."""
    rows, grand = exact_rows(tree)
    code, _ = data.draw(st.sampled_from(rows))
    perturb = (code, data.draw(st.sampled_from(COLUMNS)))
    doc = table(rows, grand, perturb=perturb)
    lines = list(doc.tables[0].lines)
    shuffled = [lines[0], *data.draw(st.permutations(lines[1:]))]
    shuffled = [ln._replace(number=i) for i, ln in enumerate(shuffled, 1)]
    moved = Document((Table("一般公共预算支出表", "functional", "万元", COLUMNS, tuple(shuffled),
                            doc.tables[0].relations),), year=2024)

    def said(report):
        return sorted(repr((f.rule, f.code, f.name, f.column, f.expected, f.actual, f.difference))
                      for f in report.findings)

    assert said(validate(moved)) == said(validate(doc))


def test_missing_parent_is_reported_in_a_table_of_more_than_256_lines():
    """The screen compared group numbers by identity: only ints up to 256 are
    one object in CPython, so a long table lost its missing-parent findings."""
    from govclass.readers import read_csv

    cat = govclass.get_catalog(2024)
    codes = [c for lei in ("201", "208", "210") for c in (lei, *cat.lookup(lei).descendants)]
    assert len(codes) > 300
    text = "code,name,合计\n" + "".join(f"{c},{cat.lookup(c).name},\n" for c in codes) + "2140101,行政运行,\n"
    report = validate(read_csv(text, "long.csv"), 2024)
    assert [(f.code, f.expected, f.line) for f in report.by_rule("missing-parent")] == [
        ("2140101", "21401", len(codes) + 1)]


def _both_engines(text: str) -> list[dict]:
    """The findings of a CSV table on the whole-file path, held equal to the streaming path's."""
    import io

    from govclass.readers import read_csv
    from govclass.stream import validate_csv

    whole = [f.to_dict() for f in validate(read_csv(text, "t.csv", year=2024), 2024).findings]
    assert [f.to_dict() for f in validate_csv(io.StringIO(text), where="t.csv", year=2024).findings] == whole
    return whole


def test_a_rollup_that_fails_in_several_columns_is_one_finding_naming_each():
    """One defect, one finding (issue 23): the 款 2010302 missing from the 款 20103 leaves it short in
    本年 and in 上年 alike; one rollup-mismatch on 20103 lists both columns with their printed and
    summed figures, its own column (and figures) the first's.  Its twin, short in one column only,
    is the one finding it always was, with no list."""
    head = "code,name,本年预算数,上年预算数\n"
    both = head + ("201,一般公共服务支出,30.00,28.00\n20103,政府办公厅（室）及相关机构事务,30.00,28.00\n"
                   "2010301,行政运行,20.00,19.00\n")
    found = [f for f in _both_engines(both) if f["rule"] == "rollup-mismatch"]
    assert len(found) == 1, found
    f = found[0]
    assert (f["code"], f["column"], f["actual"], f["expected"], f["difference"]) == (
        "20103", "本年预算数", "30.00", "20.00", "10.00")
    assert [(c["column"], c["actual"], c["expected"], c["difference"]) for c in f["columns"]] == [
        ("本年预算数", "30.00", "20.00", "10.00"), ("上年预算数", "28.00", "19.00", "9.00")]
    assert "上年预算数" in f["message"] and "上年预算数" in f["message_zh"]
    one = both.replace("2010301,行政运行,20.00,19.00", "2010301,行政运行,20.00,28.00")
    found = [f for f in _both_engines(one) if f["rule"] == "rollup-mismatch"]
    assert [(f["code"], f["column"]) for f in found] == [("20103", "本年预算数")] and "columns" not in found[0]
    from govclass.document.formats import check_report
    from govclass.readers import read_csv

    assert check_report(validate(read_csv(both, "t.csv", year=2024), 2024).to_dict()) == []
