"""govclass.stream: one pass over a CSV file (or JSON Lines) in bounded
memory gives the findings of the whole-file path, byte for byte."""

from __future__ import annotations

import csv
import io
import json
import random
import tracemalloc
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govclass
import govclass.speedups
from govclass.readers import InputError, read_csv
from govclass.stream import validate_csv, validate_jsonl
from govclass.validation import validate
from test_columnar import COLUMNS, tables

EVIDENCE = Path(__file__).resolve().parents[2] / "shared" / "evidence" / "city-budget-pairs.tsv"


def whole(text: str, **kw) -> list[dict]:
    year = kw.pop("year", 2024)
    return [f.to_dict() for f in validate(read_csv(text, "s.csv", year=year), year, **kw).findings]


def streamed(text: str, **kw) -> list[dict]:
    return [f.to_dict() for f in validate_csv(io.StringIO(text), where="s.csv", year=kw.pop("year", 2024),
                                              **kw).findings]


def csv_text(rows, table_column: bool = True) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow((["table"] if table_column else []) + ["code", "name", *COLUMNS])
    for t, code, name, figures in rows:
        w.writerow(([t] if table_column else []) + [code or "", name or "", *figures])
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(tables(), tables(), st.randoms(use_true_random=False), st.sampled_from([None, "0.5", "0"]),
       st.sampled_from([(), ("rollup",), ("name-variant", "structure")]))
def test_streaming_finds_what_the_whole_file_path_finds(a, b, rnd, tolerance, skip):
    """Two messy tables (bad codes, 2-digit 款, duplicates, 合计 and uncoded
    lines, blank, messy and invalid figures), their lines interleaved."""
    rows = [("甲", *r) for r in a] + [("乙", *r) for r in b]
    rnd.shuffle(rows)
    text = csv_text(rows)
    kw = {"tolerance": tolerance, "skip": skip}
    expected = whole(text, **kw)
    assert streamed(text, **kw) == expected
    with mock.patch.object(govclass.speedups, "speedups", None):  # the whole-file path in pure Python too
        assert whole(text, **kw) == expected


@settings(max_examples=60, deadline=None)
@given(tables())
@example([(None, None, ["", "", ""])])  # every line blank: both refuse the file
def test_one_table_without_a_table_column(rows):
    """Alike, down to the refusal of a file whose every line is blank (a header and no lines)."""
    text = csv_text([("", *r) for r in rows], table_column=False)
    assert _outcome(streamed, text) == _outcome(whole, text)


def _outcome(path, text: str):
    """The findings of a path, or the one line it refuses the file with."""
    try:
        return path(text)
    except InputError as exc:
        return str(exc)


def test_csv_quirks_read_alike():
    """Quoted fields with line breaks and delimiters, CRLF, blank and
    white-space lines, short lines, padded cells, a BOM, tabs."""
    text = ('\ufefftable,code,name,合计\r\n'
            't," 201","一般公共服务\n支出",3.00\r\n'
            '\r\n'
            't,20101,"人大事务, 其他",1.00\r\n'
            '   ,  ,  ,  \r\n'
            't,01\r\n'
            'u, 208 ,社会保障和就业支出 ,(12.50)\r\n'
            't,,合  计,3\r\n')
    assert streamed(text) == whole(text)
    tsv = text.replace(",", "\t")
    assert streamed(tsv) == whole(tsv)


def test_input_errors_are_the_readers():
    for text in ("code,name\n201,x\n", "table,code,name,合计\n", "code,name,a,a\n201,x,1,1\n",
                 "code,name,合计\n201,x,1,2\n"):
        with pytest.raises(InputError) as one:
            read_csv(text, "s.csv")
        with pytest.raises(InputError) as other:
            validate_csv(io.StringIO(text), where="s.csv")
        assert str(other.value) == str(one.value)


def evidence_rows(rnd: random.Random) -> list[tuple]:
    """Real printed (code, name) pairs, one table per year and city, in the
    order the codes sort (类, 款, 项), with figures that add up, then faults."""
    if not EVIDENCE.exists():
        pytest.skip("../shared/evidence not found")
    by_table: dict[str, dict[str, str]] = {}
    with EVIDENCE.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            for city in rec["cities"].split(","):
                by_table.setdefault(f"{rec['year']}-{city.strip()}", {}).setdefault(rec["code"], rec["name"])
    rows = []
    for t, pairs in by_table.items():
        figures = {c: Decimal(rnd.randrange(0, 10**6)).scaleb(-2) for c in pairs}
        for c in sorted(pairs, key=len, reverse=True):  # parents are their printed children's sums
            kids = [k for k in pairs if len(k) > len(c) and k.startswith(c) and len(k) - len(c) == 2]
            if kids:
                figures[c] = sum(figures[k] for k in kids)
        for c in sorted(pairs):
            f = figures[c]
            if rnd.random() < 0.05:
                f += rnd.choice([Decimal("0.01"), Decimal(100)])
            rows.append((t, c, pairs[c], [str(f), "", "x" if rnd.random() < 0.01 else str(f)]))
    return rows


def test_streaming_on_real_printed_codes_and_names():
    rows = evidence_rows(random.Random(7))
    head = rows[: len(rows) // 3]
    random.Random(8).shuffle(head)  # part of the file out of table order
    rows[: len(head)] = head
    text = csv_text(rows)
    expected = whole(text, year=2025)
    assert {"rollup-mismatch", "name-variant", "invalid-amount", "missing-parent"} <= {f["rule"] for f in expected}
    assert streamed(text, year=2025) == expected


def test_a_file_path_and_gb18030(tmp_path):
    text = csv_text([("甲", "201", "一般公共服务支出", ["1", "", "1"]), ("甲", "20101", "人大事务", ["20", "", "20"])])
    for enc in ("utf-8", "gb18030"):
        p = tmp_path / f"b-{enc}.csv"
        p.write_bytes(text.encode(enc))
        report = validate_csv(p, year=2024)
        assert [f.to_dict() for f in report.findings] == [
            x.to_dict() for x in validate(read_csv(text, str(p), year=2024), 2024).findings]
        assert report.lines == 2 and not report.ok


@pytest.mark.parametrize("in_order", [True, False])
def test_memory_holds_a_batch_of_tables_not_the_file(tmp_path, in_order):
    """The same 30-line table printed by 200 and by 2000 units: read a table at a time, the
    reports consumed as they come (as the command line writes them), the peak memory does not
    grow with the file: whole tables one after another are let go batch by batch; tables whose
    lines alternate are gathered in a temporary file past a budget and come back one at a time.
    (Memory grows with the largest table: a table is validated whole, by the one engine.)"""
    import govclass.stream as stream

    cat = govclass.get_catalog(2024)
    block = [(c, cat.lookup(c).name) for c in ("201", *cat.lookup("201").descendants)][:30]

    def peak(units: int) -> int:
        lines = [(f"u{u}", code, name) for u in range(units) for code, name in block]
        if not in_order:
            lines = lines[::2] + lines[1::2]  # every unit's lines in two runs far apart
        path = tmp_path / f"{units}.csv"
        path.write_text("table,code,name,合计\n" + "".join(f"{t},{c},{n},3.00\n" for t, c, n in lines),
                        encoding="utf-8")
        with mock.patch.object(stream, "BATCH_LINES", 600), mock.patch.object(stream, "SPILL_LINES", 600), \
                mock.patch.object(stream, "_BLOCK", 1 << 14):
            tracemalloc.start()
            tables = sum(r.tables for r in stream.csv_reports(path, year=2024, skip=("rollup", "codes")))
            size = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert tables == units
        return size

    small, big = peak(200), peak(2000)
    if in_order:
        assert big < small * 1.5, (small, big)
    else:  # what stays per table is where its lines lie in the temporary file, not its lines (~3 KB here)
        assert (big - small) / 1800 < 1000, (small, big)


def test_json_lines_validate_like_the_csv_rows():
    rnd = random.Random(3)
    rows = evidence_rows(rnd)[:400]
    text = csv_text(rows)
    lines = [json.dumps({"table": t, "code": int(c), "name": n, **dict(zip(COLUMNS, (f or None for f in figs)))},
                        ensure_ascii=False) for t, c, n, figs in rows]
    got = [f.to_dict() for f in validate_jsonl(io.StringIO("\n".join(lines) + "\n"), where="s.csv",
                                               year=2025).findings]
    expected = whole(text, year=2025)
    for f in expected:  # a JSON Lines file has no header line
        if f["source_line"] is not None:
            f["source_line"] -= 1
    assert got == expected


def test_the_cli_prints_the_same_report_with_and_without_stream(tmp_path, capsys):
    from govclass.cli import main

    rows = evidence_rows(random.Random(5))[:600]
    path = tmp_path / "lines.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    outputs = []
    for extra in ([], ["--stream"]):
        code = main(["validate", str(path), "--year", "2025", "--format", "json", *extra])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1 and json.loads(outputs[0][1])["findings"]
    jl = tmp_path / "lines.jsonl"
    jl.write_text("".join(json.dumps({"table": t, "code": c, "name": n, **dict(zip(COLUMNS, f))},
                                     ensure_ascii=False) + "\n" for t, c, n, f in rows), encoding="utf-8")
    assert main(["validate", str(jl), "--year", "2025", "--format", "json", "--stream"]) == 1
    assert json.loads(capsys.readouterr().out)["lines"] == len(rows)


@settings(max_examples=80, deadline=None)
@given(st.lists(tables(), min_size=1, max_size=4), st.booleans(), st.sampled_from(["\n", "\r\n"]),
       st.integers(16, 400))
def test_a_file_of_whole_tables_one_after_another(tmp_path_factory, many, together, newline, block):
    """Tables one after another go block by block through the whole-file path
    (small blocks here, so that tables straddle them); when a
    table comes back after another the file is read again line by line.
    Either way the findings are the whole file's."""
    import govclass.stream as stream

    rows = [(f"t{i}", *r) for i, t in enumerate(many) for r in t]
    if not together:
        rows = rows[::2] + rows[1::2]
    text = csv_text(rows).replace("\n", newline)
    path = tmp_path_factory.mktemp("runs") / "lines.csv"
    path.write_bytes(text.encode("utf-8"))
    expected = [f.to_dict() for f in validate(read_csv(text, str(path), year=2024), 2024).findings]
    line_by_line = mock.patch.object(stream, "_csv_gathered", side_effect=AssertionError("read record by record"))
    with mock.patch.object(stream, "_BLOCK", block):
        if together and '"' not in text and all(r[1] or r[2] or any(r[3]) for r in rows):
            with line_by_line:  # whole tables one after another: block by block, never record by record
                report = validate_csv(path, year=2024)
        else:
            report = validate_csv(path, year=2024)
    assert [f.to_dict() for f in report.findings] == expected
    whole = validate(read_csv(text, str(path), year=2024), 2024)
    assert (report.tables, report.lines, report.edition) == (whole.tables, whole.lines, whole.edition)


@pytest.mark.parametrize("padded_at", ["first", "last", "middle"])
@pytest.mark.parametrize("pad", [" ", "\u3000", "\t"])
def test_white_space_in_one_block_of_a_table_is_stripped_from_all_of_it(tmp_path, padded_at, pad):
    """A table that runs over several blocks, a table name, code and name printed with white space at an
    edge (an ASCII space, a full-width one, a tab) in one block only: the table is one table, its codes and
    names read stripped, whichever block the white space is in (the block reader tells per block whether a
    column needs stripping, and a batch gathers tables from several blocks). The findings are the whole
    file's: a name that kept its white space would be a name-variant, a code an unknown-code, a table name
    a second table."""
    import govclass.stream as stream

    cat = govclass.get_catalog(2024)
    block = [(c, cat.lookup(c).name) for c in ("201", *cat.lookup("201").descendants)][:40]
    rows = [[f"t{u}", code, name, "1.00", "1.00", ""] for u in range(3) for code, name in block]
    i = {"first": 40, "last": 79, "middle": 60}[padded_at]  # a line of the second table, t1
    rows[i][1], rows[i][2] = f"{rows[i][1]}{pad}", f"{pad}{rows[i][2]}{pad}"
    if pad.isascii():  # a table name padded with other white space is told apart by the first pass: read line by line
        rows[i][0] = f"{pad}t1"
    text = "table,code,name," + ",".join(COLUMNS) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    path = tmp_path / "lines.csv"
    path.write_text(text, encoding="utf-8")
    whole = validate(read_csv(text, str(path), year=2024), 2024)
    line_by_line = mock.patch.object(stream, "_csv_gathered", side_effect=AssertionError("read record by record"))
    with mock.patch.object(stream, "_BLOCK", 512), mock.patch.object(stream, "BATCH_LINES", 50):
        if pad.isascii():
            with line_by_line:
                report = validate_csv(path, year=2024)
        else:
            report = validate_csv(path, year=2024)
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in whole.findings]
    assert report.tables == whole.tables == 3
    assert not {"name-variant", "unknown-code", "name-mismatch"} & {f.rule for f in report.findings}


def test_the_kinds_of_columns_are_told_from_the_first_lines_of_the_file_in_every_piece(tmp_path):
    """A column whose header says nothing of its kind is told by the file's first lines (KIND_SAMPLE), as the
    whole-file reader tells it: here percentages in the first table only, which runs over several blocks, so
    that the first batch is that table (carried over) and the tables of a block after it. Told from any other
    lines (blanks), the column would be summed as money."""
    import govclass.stream as stream

    cat = govclass.get_catalog(2024)
    block = [(c, cat.lookup(c).name) for c in ("201", *cat.lookup("201").descendants)][:30]
    rows = [[f"t{u}", code, name, "1.00", "5%" if u == 0 else ""] for u in range(6) for code, name in block]
    text = "table,code,name,合计,甲栏\n" + "".join(",".join(r) + "\n" for r in rows)
    path = tmp_path / "lines.csv"
    path.write_text(text, encoding="utf-8")
    whole = validate(read_csv(text, str(path), year=2024), 2024)
    line_by_line = mock.patch.object(stream, "_csv_gathered", side_effect=AssertionError("read record by record"))
    with mock.patch.object(stream, "_BLOCK", 512), mock.patch.object(stream, "BATCH_LINES", 50), line_by_line:
        report = validate_csv(path, year=2024)
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in whole.findings]
    assert not any(f.column == "甲栏" for f in report.findings)  # percentages: in no sum


def test_a_flat_code_list_is_said_once_for_the_table_on_both_paths():
    """A table that prints only 项 codes (no 类/款 line for any of them) is a flat list by layout:
    one flat-code-list finding (info) for the table, not a missing-parent warning per group; a
    table that prints the parent of some codes keeps missing-parent for the others."""
    flat = ("code,name,合计\n2010301,行政运行,10.00\n2010302,一般行政管理事务,5.00\n"
            "2080501,行政单位离退休,3.00\n2101101,行政单位医疗,2.00\n")
    for path in (whole, streamed):
        rules = [f["rule"] for f in path(flat)]
        assert rules.count("flat-code-list") == 1 and "missing-parent" not in rules
    mixed = flat + "20805,行政事业单位养老支出,3.00\n"
    for path in (whole, streamed):
        found = [(f["rule"], f.get("expected")) for f in path(mixed) if f["rule"] in ("flat-code-list", "missing-parent")]
        assert sorted(found) == [("missing-parent", "20103"), ("missing-parent", "208"), ("missing-parent", "21011")]
    assert whole(flat) == streamed(flat) and whole(mixed) == streamed(mixed)


def test_the_reports_written_as_found_are_the_whole_reports(tmp_path, capsys):
    """validate FILE writes the JSON document piece by piece (head, findings one per line, tail),
    csv rows as each batch is checked, and text after its summary: each is the whole-file report,
    in every format, across several batches."""
    import govclass.stream as stream
    from govclass.cli import main
    from govclass.cli.documents import text_report

    rows = evidence_rows(random.Random(11))[:900]
    path = tmp_path / "lines.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    report = validate(read_csv(path.read_text(encoding="utf-8"), str(path), year=2025), 2025)
    assert len(report.findings) > 20
    expected = {**report.to_dict(), "file": str(path)}
    with mock.patch.object(stream, "BATCH_LINES", 50):  # many batches
        assert main(["validate", str(path), "--year", "2025", "--format", "json"]) == 1
        got = capsys.readouterr().out
        assert json.loads(got) == expected
        assert got.count("\n    {\"rule\"") == len(report.findings)  # one finding a line
        assert main(["validate", str(path), "--year", "2025", "--format", "csv"]) == 1
        rows_out = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        assert len(rows_out) == 1 + len(report.findings) and [r[1] for r in rows_out[1:]] == [
            f.rule for f in report.findings]
        assert main(["validate", str(path), "--year", "2025"]) == 1
        text = capsys.readouterr().out
    text_report(str(path), expected, "both")
    assert text == capsys.readouterr().out


def test_the_report_options_hold_on_a_file_read_a_table_at_a_time(tmp_path, capsys, monkeypatch):
    """A CSV file read a batch of tables at a time honours every option of the reports (issue 25)
    as the whole-file report does: --select/--ignore by family, the settings file, --exit-zero,
    --statistics, and the verdict with its exit (4 when a batch says a part was not read)."""
    import govclass.cli.batch as batch
    import govclass.stream as stream
    from govclass.cli import main
    from govclass.cli.documents import text_report
    from govclass.validation.report import Finding, Report
    from govclass.validation.validate import expand_families

    rows = evidence_rows(random.Random(11))[:900]
    path = tmp_path / "lines.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    doc = read_csv(path.read_text(encoding="utf-8"), str(path), year=2025)
    monkeypatch.chdir(tmp_path)

    def json_run(*options: str) -> tuple[int, dict]:
        code = main(["validate", str(path), "--year", "2025", "--format", "json", *options])
        return code, json.loads(capsys.readouterr().out)

    def expected(**kw) -> dict:
        return {**validate(doc, 2025, **kw).to_dict(), "file": str(path)}

    sums = expand_families(["sums"])
    with mock.patch.object(stream, "BATCH_LINES", 50):  # many batches
        code, got = json_run("--select", "sums")
        assert got == expected(only=sums) and got["findings"] and code == 1
        assert {f["rule"] for f in got["findings"]} <= set(sums)
        code, got = json_run("--ignore", "sums,names")
        assert got == expected(skip=expand_families(["sums", "names"]))
        assert not {f["rule"] for f in got["findings"]} & {*sums, "name-mismatch", "name-variant"}
        (tmp_path / "govclass.toml").write_text('ignore = ["sums"]\nexit-zero = true\n', encoding="utf-8")
        code, got = json_run()
        assert got == expected(skip=sums) and not got["ok"] and code == 0  # --exit-zero from the file
        code, got = json_run("--no-config")
        assert got == expected() and code == 1
        assert main(["validate", str(path), "--year", "2025", "--no-config", "--statistics"]) == 1
        text = capsys.readouterr().out
    text_report(str(path), expected(), "both", statistics=True)
    assert text == capsys.readouterr().out and "by rule:" in text

    # a batch that says a part was not read makes the file incomplete, on the path that writes as it finds
    checked = validate(doc, 2025, only=("name-variant",))  # warnings only: no error
    assert checked.findings and all(f.severity != "error" for f in checked.findings)
    unread = Finding("unreadable-line", "warning", "乙", "a line not read", "一行未读")
    reports = [checked, Report((unread,), checked.edition, 1, 1)]
    with mock.patch.object(batch, "file_reports", lambda *_a: iter(reports)):
        code, got = json_run("--no-config")
        assert code == 4 and got["verdict"] == "incomplete" and got["ok"]
        assert main(["validate", str(path), "--no-config"]) == 4
        assert "INCOMPLETE" in capsys.readouterr().out
        assert main(["validate", str(path), "--no-config", "--exit-zero", "--format", "csv"]) == 0
        capsys.readouterr()
