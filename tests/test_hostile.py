"""Hostile input (issue 15): never a traceback, never a hang, never a
half-finished batch.  A corpus of hostile files (tests/hostile_corpus.py)
through every command, property-based fuzzing of every reader and of the
public API, and one regression test per item of the issue, each built from
its reproduction.  Time-outs here guard against hangs; they are not speed
goals (those live in benchmarks/)."""

from __future__ import annotations

import contextlib
import io
import json
import marshal
import numbers
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govclass
import hostile_corpus
from govclass.catalog import cache as _cache, store as _store
from govclass.errors import GovclassError, InputError, InvalidArgumentError, InvalidCodeError
from govclass.readers import decode, read_document
from govclass.readers.structured import load_json, load_yaml

HANG = 600  # seconds after which a run counts as hung (the documented limits are far below)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- running the CLI ---------------------------------------------------------------


class _Hung(Exception):
    pass


def run_main(argv: list[str], seconds: int = HANG) -> tuple[int, str, str]:
    """``govclass.cli.main(argv)`` in this process: (exit code, stdout,
    stderr).  An exception escaping main (a traceback) fails the test."""
    from govclass.cli.main import main

    out, err = io.StringIO(), io.StringIO()

    def alarm(_signum, _frame):
        raise _Hung(f"{argv!r} ran over {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue()


def run_cli(args: list[str], env: dict | None = None, timeout: int = HANG) -> subprocess.CompletedProcess:
    """``python -m govclass ARGS`` in its own process."""
    return subprocess.run([sys.executable, "-m", "govclass", *args], capture_output=True, timeout=timeout,
                          env=env, stdin=subprocess.DEVNULL)


def _one_line_error(stderr: str) -> bool:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return len(lines) == 1 and lines[0].startswith("govclass: ") and "Traceback" not in stderr


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, hostile_corpus.build(folder, heavy=False)


# -- the corpus through every command ------------------------------------------------


def test_every_corpus_file_extracts_or_is_refused_in_one_line(corpus):
    _folder, paths = corpus
    seen = {}
    for path in paths:
        for args in (["extract", "--", path], ["extract", "--format", "text", "--", path]):
            code, _out, err = run_main(args)
            assert code in (0, 2), (path, code, err)
            if code == 2:
                assert _one_line_error(err), (path, err)
            seen[code] = seen.get(code, 0) + 1
    assert seen.get(0) and seen.get(2)  # both outcomes happen: the corpus is not all one kind


def test_every_corpus_file_validates_or_is_refused_in_one_line(corpus):
    _folder, paths = corpus
    for path in paths:
        code, _out, err = run_main(["validate", "--", path])
        assert code in (0, 1, 2, 4), (path, code, err)  # 4: incomplete, a part not read (issue 25)
        if code == 2:
            assert _one_line_error(err), (path, err)


def test_every_corpus_file_through_codes(corpus):
    folder, paths = corpus
    for path in paths:
        code, _out, err = run_main(["codes", "--json", "--", path])
        assert code in (0, 2, 4), (path, code, err)  # 4: a part not read (issue 25: as validate says it)
    code, out, err = run_main(["codes", str(folder)])
    assert code == 2 and "Traceback" not in err and "internal error" not in err


def test_every_command_with_hostile_arguments(corpus):
    folder, _paths = corpus
    for argv in hostile_corpus.argument_runs():
        argv = [str(folder) if a == "@" else str(folder / a[1:]) if a.startswith("@") else a for a in argv]
        code, _out, err = run_main(argv)
        assert code in (0, 1, 2), (argv[:4], code, err[-300:])
        assert "Traceback" not in err


def test_a_folder_of_the_corpus_reports_every_file_once(corpus):
    """Item 2 and the batch contract: every file of a folder (FIFO, link
    loop, non-UTF-8 name, surrogates inside documents) is reported with its
    status; nothing crashes, the run ends."""
    folder, _paths = corpus
    expected = sorted(str(p) for p in _walk(folder))
    r = run_cli(["validate", "--format", "jsonl", "--jobs", "2", "--time-limit", "120", str(folder)])
    assert "Traceback" not in r.stderr.decode("utf-8", "replace")
    assert r.returncode in (1, 2), r.stderr
    rows = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    files = [row for row in rows if "file" in row]
    # a file of no budget format (by its suffix), or prose (.md, .txt) that holds no budget table, is
    # skipped with a note on standard error (issue 25: a README must not fail a folder); every other
    # file has its line
    notes = [line for line in r.stderr.decode("utf-8", "replace").splitlines() if "govclass: note: skipped" in line]
    reported = sorted(os.fsencode(f["file"]) for f in files)
    assert len(reported) + len(notes) == len(expected)
    assert set(reported) <= {os.fsencode(p) for p in expected}
    assert all(os.fsdecode(p).lower().endswith((".csv", ".json", ".jsonl", ".pdf", ".xlsx", ".yaml", ".yml", ".tsv",
                                                ".md", ".txt")) for p in reported)
    assert {_status(f) for f in files} <= {"ok", "errors", "unreadable", "incomplete"}
    assert rows[-1]["totals"]["files"] == len(expected) and "crashed" not in map(_status, files)
    by_name = {os.path.basename(f["file"]): f for f in files}
    assert "a FIFO" in by_name["fifo.csv"]["error"]
    assert "lone surrogate" in by_name["surrogate-name.json"]["error"]


def _status(row: dict) -> str:
    """A batch line's outcome (docs/report-format.md): a report has errors or
    not; an entry without one is unreadable (exit 2) or crashed (exit 3)."""
    if "error" in row:
        return {2: "unreadable", 3: "crashed"}[row["exit"]]
    return row.get("verdict") or ("errors" if row["summary"]["error"] else "ok")


def _walk(folder: Path):
    for root, dirs, names in os.walk(folder):
        for n in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            if not n.startswith("."):
                yield os.path.join(root, n)


# -- item 1: the internal-error handler ---------------------------------------------------


def test_generic_handler_turns_a_bug_into_one_line_and_exit_3(monkeypatch):
    from govclass.cli import base

    def broken(_args):
        raise RuntimeError("a bug")

    monkeypatch.setitem(base.COMMANDS, "stats", base.Command("stats", "h", 0, broken, None, True))
    monkeypatch.delenv("GOVCLASS_TRACEBACK", raising=False)
    code, _out, err = run_main(["stats"])
    assert code == 3
    assert _one_line_error(err) and "internal error: RuntimeError: a bug" in err
    monkeypatch.setenv("GOVCLASS_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        run_main(["stats"])


def test_deeply_nested_json_is_an_input_error_not_a_bug(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1000)  # the reproduction
    r = run_cli(["validate", str(deep)])
    assert r.returncode == 2 and _one_line_error(r.stderr.decode()), r.stderr
    assert "nested deeper than" in r.stderr.decode()


# -- item 2: a batch is reported whole -------------------------------------------------------


def test_lone_surrogates_in_a_folder_do_not_end_the_batch(tmp_path):
    good = "code,name,合计\n2080101,行政运行,1.00\n"
    for i in range(6):
        (tmp_path / f"{i}-good.csv").write_text(good, encoding="utf-8")
    (tmp_path / "3-bad.json").write_text(json.dumps({"tables": [{"name": "\udfff"}]}), encoding="utf-8")
    with open(os.fsencode(str(tmp_path)) + b"/4-\xff.csv", "wb") as fh:
        fh.write(good.encode())
    r = run_cli(["validate", "--format", "jsonl", "--jobs", "2", str(tmp_path)])
    rows = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert len([row for row in rows if "file" in row]) == 8, r.stdout
    totals = rows[-1]["totals"]
    assert totals["files"] == 8 and totals["unreadable"] == 1 and totals["ok"] == 7
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()


def test_an_empty_folder_is_a_usage_error(tmp_path):
    code, _out, err = run_main(["validate", str(tmp_path)])
    assert code == 2 and "no file to validate" in err


# -- item 3: hangs ---------------------------------------------------------------------------------


def test_yaml_billion_laughs_is_refused(tmp_path):
    laughs = ["a: &a [x,x,x,x,x,x,x,x,x]"] + [
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(laughs) + "\ntables: *i\n")
    assert len(path.read_bytes()) < 400
    for cmd in ("validate", "extract"):
        code, _out, err = run_main([cmd, str(path)])
        assert code == 2 and "values" in err and "aliases" in err, err


def test_a_recursive_yaml_alias_is_refused():
    with pytest.raises(InputError, match="nested deeper"):
        load_yaml("tables: &a [*a]\n", "loop.yaml")


def _long_csv(path: Path, lines: int) -> None:
    path.write_text("code,name,合计\n" + "2080101,行政运行,1.00\n" * lines, encoding="utf-8")


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_a_killed_worker_neither_hangs_the_batch_nor_loses_a_file(tmp_path):
    for i in range(3):
        _long_csv(tmp_path / f"big-{i}.csv", 100_000)
    for i in range(3):
        _long_csv(tmp_path / f"small-{i}.csv", 3)
    proc = subprocess.Popen([sys.executable, "-m", "govclass", "validate", "--jobs", "2", "--format", "jsonl",
                             str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = []
    deadline = time.monotonic() + 60
    while not killed and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.3)
        for kid in _children(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(kid, signal.SIGKILL)
                killed.append(kid)
    out, err = proc.communicate(timeout=HANG)
    assert killed, "no worker process seen"
    rows = [json.loads(line) for line in out.decode().splitlines()]
    files = [r for r in rows if "file" in r]
    assert len(files) == 6 and rows[-1]["totals"]["files"] == 6, out
    crashed = [f for f in files if _status(f) == "crashed"]
    assert crashed and all("worker process died (killed by signal 9)" in f["error"] for f in crashed)
    assert proc.returncode == 3 and b"Traceback" not in err


def test_a_fifo_does_not_block_a_run(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    (tmp_path / "ok.csv").write_text(hostile_corpus._CSV_OK, encoding="utf-8")
    code, out, err = run_main(["validate", str(fifo)], seconds=60)
    assert code == 2 and "a FIFO, not a regular file" in err
    code, out, _err = run_main(["validate", str(tmp_path)], seconds=60)
    assert code == 2 and "pipe.csv: unreadable:" in out and "ok.csv: OK" in out and "— 0 error(s)" in out


def test_the_time_limit_per_document_is_a_finding(tmp_path):
    _long_csv(tmp_path / "big.csv", 200_000)
    (tmp_path / "small.csv").write_text(hostile_corpus._CSV_OK, encoding="utf-8")
    code, out, _err = run_main(["validate", "--format", "jsonl", "--time-limit", "0.2", str(tmp_path)])
    rows = {os.path.basename(r["file"]): r for r in map(json.loads, out.splitlines()) if "file" in r}
    assert code == 1
    assert [f["rule"] for f in rows["big.csv"]["findings"]] == ["time-limit"]
    assert _status(rows["big.csv"]) == "errors" and _status(rows["small.csv"]) == "ok"
    for bad in ("-1", "NaN", "inf", "x"):
        assert run_main(["validate", "--time-limit", bad, str(tmp_path)])[0] == 2


# -- item 4: bad input is exit 2, not an internal error ---------------------------------------


@pytest.mark.parametrize("name,text,message", [
    ("deep.json", "[" * 1000 + "]" * 1000, "nested deeper"),
    ("deep.yaml", "tables: " + "[" * 10_000 + "]" * 10_000, "nested deeper"),
    ("digits.json", '{"year": ' + "9" * 4301 + ', "tables": []}', "a number of 4301 characters"),
    ("digits.yaml", "year: " + "9" * 4301 + "\ntables: []\n", "a number of 4301 characters"),
    ("surrogate.json", '{"tables": [{"name": "\\udfff"}]}', "lone surrogate"),
    ("surrogate.yaml", 'tables:\n- name: "\\udfff"\n', "lone surrogate"),
    ("nan.json", '{"year": NaN, "tables": []}', "NaN is not a JSON number"),
])
def test_malformed_documents_are_input_errors(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _out, err = run_main(["validate", str(path)])
    assert code == 2 and message in err and _one_line_error(err), err


def test_a_bad_yaml_date_is_a_schema_finding_not_a_crash(tmp_path):
    path = tmp_path / "date.yaml"
    path.write_text("year: 2024-13-01\ntables: []\n")
    code, out, _err = run_main(["validate", str(path)])
    assert code == 1 and "schema" in out and "'2024-13-01' is not of type 'integer'" in out
    assert load_yaml("d: 2024-01-01\n", "x") == {"d": "2024-01-01"}  # dates stay text


# -- item 5: tolerance -----------------------------------------------------------------------------


@pytest.mark.parametrize("tolerance", ["NaN", "sNaN", "Infinity", "-Infinity", "-0.01", "abc", ""])
def test_only_finite_non_negative_tolerances(tmp_path, tolerance):
    _long_csv(tmp_path / "t.csv", 2)
    code, _out, err = run_main(["validate", f"--tolerance={tolerance}", str(tmp_path / "t.csv")])
    assert code == 2 and _one_line_error(err) and "finite number" in err


def test_a_finite_tolerance_is_still_used(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,name,合计\n,合计,1.05\n208,社会保障和就业支出,1.00\n", encoding="utf-8")
    assert run_main(["validate", str(path)])[0] == 1
    assert run_main(["validate", "--tolerance", "0.1", str(path)])[0] == 0


# -- item 6: pathological slowness -----------------------------------------------------------------


def _tree(n: int, shape: tuple[int, ...], k: int):
    import random

    rnd = random.Random(1)
    values, parents = [[Decimal(rnd.randint(1, 9)) for _ in range(k)]], [None]

    def grow(p, depth):
        for _ in range(shape[depth] if depth < len(shape) else 0):
            parents.append(p)
            values.append([Decimal(rnd.randint(1, 9)) for _ in range(k)])
            grow(len(values) - 1, depth + 1)

    grow(0, 0)
    return values, parents


def test_the_placement_search_is_bounded_and_says_so():
    from govclass.readers.placement import place

    values, parents = _tree(13, (2, 2, 2, 2, 2), 3)
    pl = place(values, parents, 13, [])
    assert pl.bounded and len(pl.positions) == len(values)
    assert all(len(p) == 3 for p in pl.positions[1:])
    small_values, small_parents = _tree(3, (3, 3), 1)
    assert not place(small_values, small_parents, 3, [(0, (1, 2))]).bounded


def test_a_bounded_placement_is_a_finding(seeds):
    from govclass.readers.disclosure import read_disclosure

    text = next(iter(seeds.values()))
    doc = read_disclosure("\n".join(reversed(text.splitlines())), "reversed.txt", "text")
    assert "placement-search-bounded" in {p.rule for p in doc.problems}
    for name, original in seeds.items():  # never on the real documents
        assert "placement-search-bounded" not in {p.rule for p in read_disclosure(original, name, "text").problems}


def test_long_names_are_never_fuzzy_matched():
    from govclass.catalog.matching import similarity
    from govclass.limits import MAX_MATCH_NAME_CHARS

    long_name = "医疗保障政策管理" * 16_000  # 128k characters
    assert similarity(long_name, "医疗保障政策管理") == 0.0
    assert govclass.search(long_name) == []
    assert govclass.search("政策管理" * 7_500) == []
    assert govclass.search("医疗保障政策管理")[0].code.code == "2101505"  # short names still match
    assert similarity("医疗保障政策管" + "理" * (MAX_MATCH_NAME_CHARS - 7), "医疗保障政策管理") > 0
    assert govclass.suggest("2" * 100_000) == ()
    assert not govclass.is_valid("2101598")
    with pytest.raises(govclass.UnknownCodeError):
        govclass.lookup("2101598", name=long_name)


def test_a_ten_megabyte_name_cell_is_validated(tmp_path):
    path = tmp_path / "big-cell.csv"
    path.write_text("code,name,合计\n2101505," + "行" * 3_500_000 + ",1.00\n", encoding="utf-8")
    code, out, _err = run_main(["validate", str(path)])
    assert code == 1 and "name-mismatch" in out


# -- item 7: mixed encodings -------------------------------------------------------------------------


def test_a_utf8_file_with_a_gbk_line_is_refused_naming_the_line():
    data = "code,name,合计\n2080101,行政运行,1\n".encode() + "2080102,一般行政管理事务,1\n".encode("gbk")
    with pytest.raises(InputError, match=r"mixed encodings.*line\(s\) 3 are not"):
        decode(data, "mixed.csv")
    assert decode("科目,名称\n".encode("gbk") * 3, "gbk.csv") == "科目,名称\n" * 3  # one encoding: read
    assert decode("科目,名称\n".encode(), "utf8.csv") == "科目,名称\n"


def test_a_mixed_file_is_exit_2_in_one_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("code,name,合计\n2080101,行政运行,1\n".encode() + "2080102,一般行政管理事务,1\n".encode("gbk"))
    code, _out, err = run_main(["validate", str(path)])
    assert code == 2 and _one_line_error(err) and "mixed encodings" in err


# -- item 8: the API's errors and number types -----------------------------------------------------


class FakeInt64:
    """Stands in for numpy.int64: an Integral that is not an int."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __int__(self) -> int:
        return self.v

    __index__ = __int__

    def __eq__(self, other: object) -> bool:
        return self.v == other

    def __lt__(self, other: object) -> bool:
        return self.v < other  # type: ignore[operator]

    def __hash__(self) -> int:
        return hash(self.v)


numbers.Integral.register(FakeInt64)


def _integers():
    found = [FakeInt64]
    with contextlib.suppress(ImportError):
        import numpy

        found += [numpy.int64, numpy.int32, numpy.uint64]
    return found


@pytest.mark.parametrize("kind", _integers())
def test_integral_codes_and_years_are_accepted(kind):
    assert govclass.is_valid(kind(201))
    assert govclass.lookup(kind(2101505)).name == "医疗保障政策管理"
    assert govclass.lookup(kind(2101505), year=kind(2024)).year == 2024
    assert govclass.search("行政运行", limit=kind(1))[0].code.code.endswith("01")


@pytest.mark.parametrize("value", [2101505.5, 2101505.0, Decimal("2101505.0"), "2101505.0", "210.00",
                                   float("nan"), float("inf")])
def test_floats_are_refused_never_read_as_another_code(value):
    with pytest.raises(InvalidCodeError):
        govclass.lookup(value)
    assert govclass.is_valid(value) is False


def test_lookup_of_a_float_string_on_the_command_line():
    code, _out, err = run_main(["lookup", "2101505.0"])
    assert code == 2 and "decimal number" in err


@pytest.mark.parametrize("call", [
    lambda: govclass.search(None),
    lambda: govclass.search("行政", limit=""),
    lambda: govclass.search("行政", limit=-1),
    lambda: govclass.search("行政", limit=1.5),
    lambda: govclass.search("行政", level="x"),
    lambda: govclass.search("行政", classification=5),
    lambda: govclass.lookup("2101599", name=5),
    lambda: govclass.get_catalog().suggest("2101599", limit="x"),
    lambda: govclass.normalize_name(b"x"),
])
def test_wrong_argument_types_raise_the_package_error(call):
    with pytest.raises(InvalidArgumentError) as info:
        call()
    assert isinstance(info.value, GovclassError) and isinstance(info.value, TypeError)


@pytest.mark.parametrize("year", [["210"], {"a": 1}, "2024", 2024.0, True, object()])
def test_a_year_of_the_wrong_type_is_an_unknown_year(year):
    with pytest.raises(govclass.UnknownYearError):
        govclass.lookup("210", year=year)


# -- item 9: the compiled cache ---------------------------------------------------------------------


SNIPPET = "import govclass; print(govclass.lookup('2101505', year=2024).name)"


@pytest.fixture()
def cache_env(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "codes"
    shutil.copytree(Path(_store.data_dir()), data)
    return {**os.environ, "GOVCLASS_DATA_DIR": str(data), "GOVCLASS_CACHE_DIR": str(tmp_path / "cache")}


def _py(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8")


def test_a_same_length_edit_of_the_cache_is_not_served(cache_env):
    assert _py(SNIPPET, cache_env).stdout.strip() == "医疗保障政策管理"
    (cache,) = Path(cache_env["GOVCLASS_CACHE_DIR"]).glob("catalog-2024-*.marshal")
    raw = cache.read_bytes()
    target = "医疗保障政策管理".encode()
    assert target in raw
    cache.write_bytes(raw.replace(target, "医疗保障政策管X".encode().ljust(len(target), b" "), 1))
    r = _py(SNIPPET, cache_env)
    assert r.returncode == 0 and r.stdout.strip() == "医疗保障政策管理", r.stderr


def test_an_unwritable_cache_folder_is_said_once(cache_env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache_env["GOVCLASS_CACHE_DIR"] = str(blocker)
    r = _py(SNIPPET, cache_env)
    assert r.stdout.strip() == "医疗保障政策管理"
    assert r.stderr.count("no writable cache folder") == 1
    cache_env["GOVCLASS_CACHE_DIR"] = "off"
    assert "cache" not in _py(SNIPPET, cache_env).stderr


def test_the_cache_never_goes_into_the_package(monkeypatch, tmp_path):
    monkeypatch.delenv("GOVCLASS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    dirs = _cache.cache_dirs()
    assert not any(d.startswith(_store.package_dir()) for d in dirs)
    assert dirs[0] == str(tmp_path / "xdg" / "govclass")


def test_old_caches_are_pruned(cache_env):
    folder = Path(cache_env["GOVCLASS_CACHE_DIR"])
    folder.mkdir()
    old, recent, other = folder / "catalog-2024-deadbeef-py311.marshal", folder / "catalog-2023-0badf00d-py311.marshal", \
        folder / "notes.txt"
    for f in (old, recent, other):
        f.write_bytes(b"x")
    past = time.time() - 60 * 86400
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    assert _py(SNIPPET, cache_env).returncode == 0
    assert not old.exists() and recent.exists() and other.exists()


# -- fuzzing: every reader, the public API ---------------------------------------------------------


_READ_FORMATS = [None, "json", "yaml", "csv", "text", "markdown", "tsv", "xlsx", "pdf"]
_EXTS = [".json", ".yaml", ".csv", ".txt", ".md", ".tsv", ".xlsx", ".pdf", ""]
_SEEDS = [b"code,name,\xe5\x90\x88\xe8\xae\xa1\n2080101,x,1\n", b'{"tables": [{"name": "t"}]}', b"tables: [*a]",
          "部门支出总表\n科目编码 科目名称 合计\n208 社会保障和就业支出 1.00\n".encode(), b"PK\x03\x04", b"%PDF-1.4\n"]


def _read_and_validate(path: str, fmt: str | None) -> None:
    from govclass.validation import validate

    try:
        doc = read_document(path, fmt=fmt)
        validate(doc)
    except GovclassError:
        pass


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), st.sampled_from(_SEEDS).flatmap(
           lambda s: st.binary(max_size=200).map(lambda b: s + b))),
       ext=st.sampled_from(_EXTS), fmt=st.sampled_from(_READ_FORMATS))
def test_fuzz_every_reader_raises_only_its_own_errors(tmp_path_factory, data, ext, fmt):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"doc{ext}"
    path.write_bytes(data)
    _read_and_validate(str(path), fmt)


_JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=30)
_TABLE_KEYS = st.sampled_from(["name", "classification", "unit", "columns", "lines", "relations", "kind", "note",
                               "code", "amounts", "total", "parts", "tables", "year", "statements", "problems"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.dictionaries(_TABLE_KEYS, _JSONISH | st.lists(st.dictionaries(_TABLE_KEYS, _JSONISH), max_size=3),
                           max_size=6))
def test_fuzz_structured_documents_validate_or_are_refused(tmp_path_factory, doc):
    text = json.dumps(doc)
    path = tmp_path_factory.mktemp("fuzzdoc") / "doc.json"
    path.write_text(text)
    _read_and_validate(str(path), None)
    code, _out, err = run_main(["extract", str(path)])
    assert code in (0, 2), err


@FUZZ
@given(text=st.text(max_size=300))
def test_fuzz_json_and_yaml_text(text):
    for load in (load_json, load_yaml):
        try:
            load(text, "fuzz")
        except InputError:
            pass


_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.text(max_size=30),
                 st.binary(max_size=10), st.lists(st.integers(), max_size=3), st.builds(object),
                 st.integers(min_value=0, max_value=10**8).map(FakeInt64))


@FUZZ
@given(code=_ANY, parent=_ANY, name=_ANY, year=_ANY, limit=_ANY)
def test_fuzz_the_public_api_raises_only_package_errors(code, parent, name, year, limit):
    calls = [lambda: govclass.lookup(code, parent, name=name, year=year),
             lambda: govclass.get(code, parent, year=year),
             lambda: govclass.suggest(code, name, year=year),
             lambda: govclass.search(name, limit=limit, year=year),
             lambda: govclass.normalize_code(code, parent),
             lambda: govclass.normalize_name(name),
             lambda: govclass.get_catalog(year),
             lambda: govclass.get_catalog().suggest(code, name, limit=limit)]
    for call in calls:
        try:
            call()
        except GovclassError:
            pass
    assert govclass.is_valid(code, parent, year=year) in (True, False)


# -- atheris (where it installs) ----------------------------------------------------------------


def test_atheris_short_run(tmp_path):
    """A coverage-guided run over the readers (tests/fuzz_atheris.py).  CI
    installs atheris where it has a wheel; elsewhere this is skipped."""
    pytest.importorskip("atheris")
    runs = os.environ.get("GOVCLASS_ATHERIS_RUNS", "2000")
    r = subprocess.run([sys.executable, str(Path(__file__).with_name("fuzz_atheris.py")), f"-runs={runs}",
                        "-max_len=4096", "-timeout=60", "-rss_limit_mb=4096"],
                       capture_output=True, timeout=HANG, cwd=tmp_path, env={**os.environ, "GOVCLASS_FUZZ_TMP": str(tmp_path)})
    tail = r.stderr.decode("utf-8", "replace")[-3000:]
    assert r.returncode == 0, tail
    assert "Done" in tail


def test_warnings_module_is_quiet_on_a_normal_load():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert govclass.lookup("2101505").name == "医疗保障政策管理"


def test_marshal_cache_format_has_a_digest(cache_env):
    assert _py(SNIPPET, cache_env).returncode == 0
    (cache,) = Path(cache_env["GOVCLASS_CACHE_DIR"]).glob("catalog-2024-*.marshal")
    fingerprint, digest, payload = marshal.loads(cache.read_bytes())
    assert digest == _cache.digest(payload) and marshal.loads(payload)["year"] == 2024
