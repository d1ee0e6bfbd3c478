"""govclass.frame: a DataFrame (or an Arrow table) of budget lines validates
exactly as the CSV file of the same lines, and the catalog comes as a frame."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import need
from test_columnar import COLUMNS, tables

pd = need("pandas")

import govclass  # noqa: E402
from govclass import frame  # noqa: E402
from govclass.readers import read_csv  # noqa: E402
from govclass.validation import validate  # noqa: E402


def csv_text(rows) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["table", "code", "name", *COLUMNS])
    for t, code, name, figures in rows:
        w.writerow([t, code or "", name or "", *figures])
    return out.getvalue()


def as_frame(rows):
    return pd.DataFrame([{"table": t, "code": code, "name": name, **dict(zip(COLUMNS, figures))}
                         for t, code, name, figures in rows])


def from_csv(text: str) -> list[dict]:
    """The JSON report's findings, as the frame holds them: its flat keys (frame.FINDING_COLUMNS); the
    optional ``columns`` of a roll-up failing in several columns stays in the JSON report (the frame's
    ``column`` … ``tolerance`` are the first's, its message names every one), like the CSV report."""
    return [{k: v for k, v in f.to_dict().items() if k in frame.FINDING_COLUMNS}
            for f in validate(read_csv(text, "frame.csv", year=2024), 2024).findings]


def records(df) -> list[dict]:
    """The findings frame back as the JSON report's dicts."""
    out = []
    for row in df.drop(columns=["index"], errors="ignore").to_dict("records"):
        row = {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
        for k in ("line", "source_line"):
            row[k] = None if row[k] is None else int(row[k])
        out.append(row)
    return out


@settings(max_examples=100, deadline=None)
@given(tables(), tables(), st.randoms(use_true_random=False))
def test_a_frame_validates_like_its_csv_file(a, b, rnd):
    """Two messy tables, their lines interleaved, as a frame of strings and as CSV."""
    rows = [("甲", *r) for r in a] + [("乙", *r) for r in b]
    rnd.shuffle(rows)
    expected = from_csv(csv_text(rows))
    got = frame.validate(as_frame(rows), table="table", amounts=COLUMNS, year=2024)
    assert list(got.columns) == ["index", *frame.FINDING_COLUMNS]  # the frame's index first (issue 25)
    assert records(got) == expected


def real_rows():
    """Real codes (a 类, its 款 and 项) with figures that add up, then faults."""
    cat = govclass.get_catalog(2024)
    rows = []
    for lei in ("201", "208"):
        for code in (lei, *cat.lookup(lei).descendants):
            rows.append([code, cat.lookup(code).name, 0])
    value = {r[0]: 0 for r in rows}
    for r in rows:  # leaves get figures, parents their sums
        if not cat.lookup(r[0]).children:
            r[2] = len(r[0]) * 3 + int(r[0][-1])
            for a in cat.lookup(r[0]).ancestors:
                value[a] += r[2]
    for r in rows:
        if cat.lookup(r[0]).children:
            r[2] = value[r[0]]
    at = {r[0]: r for r in rows}
    at["20101"][2] += 1000  # a roll-up fault
    at["2010102"][1] = "差旅费"  # a name fault
    rows.append(["2010198", "其他", 1])  # a code of no edition
    return rows


def test_an_arrow_table_validates_like_its_frame():
    """A pyarrow Table of the lines (pyarrow is optional: govclass never imports it, it reads the
    table's columns)."""
    pa = need("pyarrow")
    df = pd.DataFrame(real_rows(), columns=["code", "name", "amount"]).astype({"code": str})
    expected = records(frame.validate(df, amounts=["amount"], year=2024))
    assert {"rollup-mismatch", "name-mismatch", "unknown-code"} <= {f["rule"] for f in expected}
    assert records(frame.validate(pa.Table.from_pandas(df), amounts=["amount"], year=2024)) == expected


def test_integer_codes_and_amounts_are_read_like_their_digits():
    rows = real_rows()
    df = pd.DataFrame(rows, columns=["code", "name", "amount"])
    df["code"] = df["code"].astype("int64")
    assert df["code"].dtype == "int64" and df["amount"].dtype == "int64"
    text = "code,name,amount\n" + "".join(f"{c},{n},{a}\n" for c, n, a in rows)
    expected = [f.to_dict() for f in validate(read_csv(text, "frame.csv", year=2024), 2024).findings]
    got = frame.validate(df, amounts=["amount"], year=2024)
    assert {"rollup-mismatch", "name-mismatch", "unknown-code"} <= set(got["rule"])
    assert records(got) == expected
    # numpy integers in an object column, Python ints, and whole floats as codes say the same
    for codes in (df["code"].astype(object), df["code"].map(int).astype(object), df["code"].astype(float)):
        assert records(frame.validate(df.assign(code=codes), amounts=["amount"], year=2024)) == expected


def test_a_float_code_with_a_fraction_is_refused():
    df = pd.DataFrame({"code": [201.0, 20101.5], "name": ["一般公共服务支出", "人大事务"], "amount": [1, 1]})
    with pytest.raises(ValueError, match="20101.5 is a number with a fraction"):
        frame.validate(df, amounts=["amount"])
    ok = frame.validate(df.iloc[:1], amounts=["amount"], year=2024)  # 201.0 is code 201
    assert list(ok["rule"]) == []


def test_missing_codes_and_amounts_are_blanks_not_zeros():
    df = pd.DataFrame({"code": pd.array([201, 20101, None], dtype="Int64"),
                       "name": ["一般公共服务支出", "人大事务", "合计"], "amount": [5.0, None, 5.0]})
    got = frame.validate(df, amounts=["amount"], year=2024)
    # the blank 款 is no value: 201 is not checked against it, and the 合计 line is the total
    assert list(got["rule"]) == []
    assert got.attrs["lines"] == 3 and got.attrs["ok"]


def test_the_catalog_as_a_frame_joins_on_string_codes():
    codes = frame.codes(2024, classification="functional")
    cat = govclass.get_catalog(2024)
    assert len(codes) == sum(1 for _ in cat.codes(classification="functional"))
    row = codes.set_index("code").loc["2010101"]
    assert (row["name"], row["level"], row["parent"]) == (cat.lookup("2010101").name, "项", "20101")
    assert row["path"] == " / ".join(cat.lookup("2010101").path)
    assert codes.loc[codes["code"] == "201", "parent"].isna().all()
    lines = pd.DataFrame({"code": [2010101, 20101]})
    joined = lines.assign(code=lines["code"].astype(str)).merge(codes, on="code", how="left")
    assert list(joined["name"]) == [cat.lookup("2010101").name, cat.lookup("20101").name]


def test_a_float_column_reads_as_each_float_one_by_one():
    """The column-at-once text of a float64 column is each value's amount_text."""
    import random

    rnd = random.Random(4)
    values = [rnd.uniform(-1e7, 1e7) for _ in range(500)] + [round(rnd.uniform(0, 1e6), 2) for _ in range(500)] + [
        0.0, -0.0, 1e16, 1.5e-5, 123456789012345.67, float("nan"), float("inf"), 0.1, 100.0]
    series = pd.Series(values, dtype="float64")
    assert frame._float_column(pd.DataFrame({"a": series}), "a") == [frame.amount_text(v) for v in values]


#: floats at the edges of repr's plain form: the least float it writes with an exponent (1e16) and the
#: greatest below it, the least it writes plainly (the float 1e-4) and the greatest below it
_REPR_EDGES = (1e16, 9999999999999998.0, 1e-4, 9.999999999999999e-05, 5e-324, 1.7976931348623157e308)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(_REPR_EDGES)
                | st.sampled_from(_REPR_EDGES).map(lambda v: -v), min_size=1, max_size=60))
def test_a_float64_column_reads_as_each_float_one_by_one_at_every_magnitude(values):
    """The floats the column-at-once reading sends to amount_text (exponent, NaN, infinities: told in
    one numpy pass) are those whose repr is not plain digits, so every cell is its amount_text."""
    series = pd.Series(values, dtype="float64")
    assert frame._float_column(pd.DataFrame({"a": series}), "a") == [frame.amount_text(v) for v in values]


@pytest.mark.parametrize("dtype", ["Float64", "Float32"])
def test_a_nullable_float_column_with_a_missing_value_validates_like_its_csv_file(dtype):
    """pandas' nullable floats hold pd.NA for a missing value: a blank, as in the CSV file (it was a
    TypeError from the float column's reading)."""
    df = pd.DataFrame({"code": ["201", "20101", "2010101", "2010102"],
                       "name": ["一般公共服务支出", "人大事务", "行政运行", "一般行政管理事务"],
                       "amount": pd.Series([10.5, 10.5, 9.5, None], dtype=dtype)})
    text = "code,name,amount\n201,一般公共服务支出,10.5\n20101,人大事务,10.5\n2010101,行政运行,9.5\n2010102,一般行政管理事务,\n"
    found = records(frame.validate(df, amounts=["amount"], year=2024))
    assert found == from_csv(text)
    assert [f["rule"] for f in found] == ["incomplete-sum"]  # 20101 over a blank 项: not checked, said so


def test_a_column_of_strings_is_read_as_it_is_only_when_every_cell_is_a_str():
    class Code(str):
        pass

    for values, whole in ((["201", "20101"], True), (["201", None], False), (["201", 3], False),
                          (["201", Code("20101")], False)):
        got = frame._text_column(pd.DataFrame({"a": pd.Series(values, dtype=object)}), "a")
        assert (got == values) if whole else got is None, values


def test_findings_carry_the_frames_index():
    """Each finding names its row by the DataFrame's own index (issue 25: it was dropped), so that
    ``df.loc[found["index"]]`` gives the rows found; a pyarrow Table's rows by position."""
    df = pd.DataFrame({"code": ["201", "20101", "2010101", "205"], "name": ["一般公共服务支出", "人大事务", "行政运行", "教育支出"],
                       "amount": ["10.00", "10.00", "9.00", "abc"]}, index=["a", "b", "c", "d"])
    found = frame.validate(df, amounts=["amount"], year=2024)
    by_rule = dict(zip(found["rule"], found["index"]))
    assert by_rule["rollup-mismatch"] == "b" and by_rule["invalid-amount"] == "d"
    assert df.loc[found["index"].dropna()].shape[0] == found["index"].notna().sum()
    pa = pytest.importorskip("pyarrow")
    arrow = frame.validate(pa.Table.from_pandas(df.reset_index(drop=True)), amounts=["amount"], year=2024)
    assert dict(zip(arrow["rule"], arrow["index"]))["invalid-amount"] == 3
