"""Command line: ``python -m govclass <command> …``.

Exit codes (the same for every command):

* 0 — success (code found, data clean, document without errors)
* 1 — not found (unknown code, no search hit), or problems found (``check-data``),
  or errors found (``validate``)
* 2 — usage or input error (bad arguments, malformed code, unknown edition,
  unreadable input); one line on stderr, never a traceback
* 3 — internal error (a bug): one line on stderr; ``GOVCLASS_TRACEBACK=1`` shows it

The ``lookup`` path works on raw records and imports neither attrs nor json
(unless ``--json``): a cold lookup should cost little more than starting
Python.
"""

from __future__ import annotations

import os
import sys

from govclass import _store
from govclass.errors import GovclassError

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

EPILOG = """exit codes: 0 found/ok, 1 not found or errors found, 2 usage or unreadable input, 3 internal error.
Codes may be written 2101505, "210 15 05", 210-15-05 or in full-width digits;
a 2-digit 款 relative to its 类 with --parent (lookup 15 --parent 210)."""


TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse


def _parser_class() -> type:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line, exit 2
            self.exit(EXIT_USAGE, f"govclass: error: {message} (see --help)\n")

    return _Parser


def _year(text: str) -> int:
    import argparse

    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    _Parser = _parser_class()
    from govclass.readers import FORMATS
    p = _Parser(
        prog="govclass",
        description="China's government budget classification (政府收支分类科目): look up, search, export.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from govclass import __version__

    p.add_argument("--version", action="version", version=f"govclass {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_, epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.add_argument("--year", type=_year, default=None, help="edition (default: the latest)")
        return sp

    sp = add("lookup", "show one code: name, level, path, definition")
    sp.add_argument("code")
    sp.add_argument("--parent", help="the 类 (or 款) a 2-digit relative code is printed under")
    sp.add_argument("--name", help="the name printed with the code: used to suggest codes when it is unknown")
    sp.add_argument("--json", action="store_true", help="print one JSON object")

    sp = add("search", "find codes by name (exact, substring, fuzzy)")
    sp.add_argument("text")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS)
    sp.add_argument("--level", choices=("类", "款", "项"))
    sp.add_argument("--budget", choices=_store.BUDGETS)
    sp.add_argument("--limit", type=int, default=20)
    sp.add_argument("--json", action="store_true")

    sp = add("tree", "print a code and what lies below it (no code: every 类)")
    sp.add_argument("code", nargs="?")
    sp.add_argument("--depth", type=int, default=None, help="levels below CODE to show")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS, default="functional")

    sp = add("stats", "count 类/款/项 per classification and budget")
    sp.add_argument("--json", action="store_true")

    sp = add("export", "write every code as CSV or JSON")
    sp.add_argument("--format", choices=("csv", "json"), default="csv")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS)
    sp.add_argument("--output", "-o", help="file to write (default: standard output)")

    add("check-data", "check the data tables' integrity; exit 1 when problems are found")

    sp = add("validate", "validate budget documents: JSON, YAML or CSV tables, or published disclosures (plain "
             "text, markdown, TSV, XLSX, PDF); a folder validates every file in it on all cores; exit 1 when "
             "there are errors")
    sp.add_argument("file", nargs="+", help="files or folders")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    sp.add_argument("--input-format", choices=FORMATS, help="how to read the input (default: detected)")
    sp.add_argument("--jobs", "-j", type=int, default=None, help="processes for many files (default: all cores)")
    sp.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                    help="progress bar on standard error for many files (auto: when it is a terminal)")
    sp.add_argument("--classification", choices=("functional", "economic"), help="CSV: the table's classification")
    sp.add_argument("--unit", choices=("元", "万元", "亿元"), help="CSV: the amounts' unit (default 万元)")
    sp.add_argument("--tolerance", help="override the rounding tolerance (in the table's unit)")
    sp.add_argument("--skip", action="append", default=[], metavar="RULE", help="rule id not to report (repeatable)")

    sp = add("extract", "print a disclosure as the validator reads it: tables, columns, lines with their "
             "source line numbers")
    sp.add_argument("file")
    sp.add_argument("--format", choices=("text", "json"), default="json")
    sp.add_argument("--input-format", choices=FORMATS, help="how to read the input (default: detected)")

    sp = sub.add_parser("history", help="every recorded change to a code over the editions",
                        description="every recorded change to a code over the editions", epilog=EPILOG)
    sp.add_argument("code")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("diff", help="what changed between two editions (added, retired, renamed, moved)",
                        description="what changed between two editions (added, retired, renamed, moved)",
                        epilog=EPILOG)
    sp.add_argument("a", type=_year, metavar="YEAR_A")
    sp.add_argument("b", type=_year, metavar="YEAR_B")
    sp.add_argument("--json", action="store_true")

    sp = add("schema", "print the JSON Schema of the document format")
    sp.add_argument("--codes", action="store_true", help="code fields as enums of the edition's legal codes")
    return p


def _pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting CJK characters as two columns."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


# -- lookup (fast path: raw records only) --------------------------------------


def _cmd_lookup(args: argparse.Namespace) -> int:
    return lookup_command(args.code, args.parent, args.year, args.json, args.name)


def _fast_lookup_args(argv: list[str]) -> tuple[str, str | None, int | None, bool] | None:
    """Parse ``lookup CODE [--parent P] [--year Y] [--json]`` without argparse.

    argparse (with the shutil and locale imports its help formatter pulls in)
    costs ~10 ms, a third of a cold lookup.  Anything this does not recognise
    (``-h``, typos, missing values) returns None and goes to argparse, which
    then prints the usual help or one-line error.
    """
    if len(argv) < 2 or argv[0] != "lookup":
        return None
    code: str | None = None
    parent: str | None = None
    year: int | None = None
    as_json = False
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif name in ("--year", "--parent"):
            if not eq:
                i += 1
                if i == len(rest):
                    return None
                value = rest[i]
            if name == "--parent":
                parent = value
            elif value.isdigit() and value.isascii():
                year = int(value)
            else:
                return None
        elif arg.startswith("-") or code is not None:
            return None
        else:
            code = arg
        i += 1
    if code is None:
        return None
    return code, parent, year, as_json


def lookup_command(raw_code: str, parent: str | None, year: int | None, as_json: bool,
                   name: str | None = None) -> int:
    store = _store.get_store(year)
    code = store.resolve(raw_code, parent)
    if code not in store.codes:
        from govclass.catalog import get_catalog

        from govclass.editions import status

        st = status(code, store.year)
        cat = get_catalog(store.year)
        suggestions = cat.suggest(code, name)
        _err(f"govclass: {st.message()}" if st.state != "unknown"
             else f"govclass: code {code} is not in the {store.year} edition")
        for c in st.successors:
            _err(f"  successor: {c} {cat.lookup(c).name}")
        for s in suggestions:
            _err(f"  did you mean {s.code} {s.name} ({s.reason})")
        return EXIT_NOT_FOUND
    info = store.as_dict(code)
    if as_json:
        import json

        _out(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    cls = info["classification"]
    _out(f"{code}  {info['name']}  [{info['level']}]")
    _out(f"path:           {' › '.join(info['path'])}")
    _out(f"classification: {_store.CLASSIFICATION_NAMES[cls]} ({cls}), {store.year} edition")
    if info["budgets"]:
        _out("budgets:        " + ", ".join(f"{_store.BUDGET_NAMES[b]} ({b})" for b in info["budgets"]))
    if info["children"]:
        _out(f"children:       {len(info['children'])} ({info['children'][0]} … {info['children'][-1]})")
    counterparts = store.corresponding(code)
    if counterparts:
        parts = [f"{c} {store.codes[c][_store.R_NAME]}" + (f" [{u}]" if u else "") for c, u in counterparts]
        _out("corresponds to: " + "; ".join(parts))
    definition = info["definition"]
    if definition:
        basis = "" if info["definition_basis"] == "book" else f"  ({info['definition_basis']})"
        _out(f"definition:     {definition}{basis}")
    else:
        _out("definition:     (not recorded)")
    if info["confidence"] != "high":
        _out(f"confidence:     {info['confidence']}")
    if info["note"]:
        _out(f"note:           {info['note']}")
    if info["revision"]:
        _out(f"revision:       {info['revision']}")
    return EXIT_OK


# -- the other commands (full API) -----------------------------------------------


def _cmd_search(args: argparse.Namespace) -> int:
    from govclass.catalog import get_catalog

    hits = get_catalog(args.year).search(
        args.text, classification=args.classification, level=args.level, budget=args.budget, limit=args.limit
    )
    if args.json:
        import json

        _out(json.dumps([{"score": h.score, "match": h.match, **h.code.to_dict()} for h in hits],
                        ensure_ascii=False, indent=2))
    else:
        for h in hits:
            _out(f"{h.score:.2f}  {h.match:<9}  {h.code.code:<8} {h.code.name}   ({' › '.join(h.code.path[:-1])})")
    if not hits:
        _err(f"govclass: no code named like {args.text!r}")
        return EXIT_NOT_FOUND
    return EXIT_OK


def _cmd_tree(args: argparse.Namespace) -> int:
    store = _store.get_store(args.year)
    if args.code is None:
        tops = list(store.roots[args.classification])
    else:
        code = store.resolve(args.code)
        if code not in store.codes:
            _err(f"govclass: code {code} is not in the {store.year} edition")
            return EXIT_NOT_FOUND
        tops = [code]
    limit = args.depth

    def walk(code: str, depth: int) -> None:
        rec = store.codes[code]
        _out("  " * depth + f"{code} {rec[_store.R_NAME]}")
        if limit is None or depth < limit:
            for child in rec[_store.R_CHILDREN]:
                walk(child, depth + 1)

    for top in tops:
        walk(top, 0)
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    from govclass.catalog import _store_stats

    store = _store.get_store(args.year)
    stats = _store_stats(store)
    if args.json:
        import json

        _out(json.dumps({"year": store.year, "counts": stats}, ensure_ascii=False, indent=2))
        return EXIT_OK
    _out(f"《{store.year}年政府收支分类科目》  ({len(store.codes)} codes)")
    for cls in _store.CLASSIFICATIONS:
        groups = stats.get(cls)
        if not groups:
            continue
        _out(f"{_store.CLASSIFICATION_NAMES[cls]} ({cls})")
        for group in ("all", *_store.BUDGETS):
            counts = groups.get(group)
            if not counts:
                continue
            label = "all budgets" if group == "all" else f"{_store.BUDGET_NAMES[group]} ({group})"
            if cls != _store.FUNCTIONAL:
                label = "all"
            figures = "  ".join(f"{lv} {counts.get(lv, 0):>4}" for lv in ("类", "款", "项") if lv in counts)
            _out(f"  {_pad(label, 34)} {figures}")
    return EXIT_OK


EXPORT_FIELDS = ("code", "name", "level", "classification", "parent", "budgets", "definition",
                 "definition_basis", "confidence", "note", "revision", "source")


def _cmd_export(args: argparse.Namespace) -> int:
    store = _store.get_store(args.year)
    rows = [store.as_dict(c) for c, rec in store.codes.items()
            if args.classification is None or rec[_store.R_CLASSIFICATION] == args.classification]
    fh = sys.stdout if args.output is None else open(args.output, "w", encoding="utf-8", newline="")
    try:
        if args.format == "json":
            import json

            json.dump({"year": store.year, "files": store.files, "codes": rows}, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        else:
            import csv

            w = csv.writer(fh, lineterminator="\n")
            w.writerow(EXPORT_FIELDS)
            for r in rows:
                w.writerow(["|".join(r[f]) if f == "budgets" else ("" if r[f] is None else r[f])
                            for f in EXPORT_FIELDS])
    finally:
        if fh is not sys.stdout:
            fh.close()
    return EXIT_OK


def _cmd_check_data(args: argparse.Namespace) -> int:
    from govclass.datacheck import check_year

    problems = check_year(args.year)
    for p in problems:
        _out(p)
    _out(f"{len(problems)} problem(s)")
    return EXIT_NOT_FOUND if problems else EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    tolerance = None
    if args.tolerance is not None:
        try:
            tolerance = Decimal(args.tolerance)
        except InvalidOperation:
            _err(f"govclass: error: --tolerance {args.tolerance!r} is not a number")
            return EXIT_USAGE
    files = _expand(args.file)
    if len(files) == 1 and not any(os.path.isdir(f) for f in args.file):
        return _validate_one(args, files[0], tolerance)
    return _validate_many(args, files, tolerance)


def _check(path: str, options: tuple):
    """Read and validate one file; ``options`` as built by :func:`_options`."""
    year, fmt, classification, unit, skip, tolerance = options
    from govclass.readers import read_document
    from govclass.validate import validate

    doc = read_document(path, classification=classification, unit=unit, year=year, fmt=fmt)
    return validate(doc, year, tolerance=tolerance, skip=skip)


def _options(args: argparse.Namespace, tolerance) -> tuple:
    return args.year, args.input_format, args.classification, args.unit, tuple(args.skip), tolerance


def _validate_one(args: argparse.Namespace, path: str, tolerance) -> int:
    report = _check(path, _options(args, tolerance))
    if args.format == "json":
        import json

        _out(json.dumps({**report.to_dict(), "file": path}, ensure_ascii=False, indent=2))
    else:
        s = report.summary
        _out(f"{path}: edition {report.edition}, {report.tables} table(s), {report.lines} line(s): "
             f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info")
        for f in report.findings:
            where = f"line {f.line}" if f.line is not None else "-"
            if f.source_line is not None:
                where += f" (source {f.source_line})"
            _out(f"{f.severity:<7} {f.rule:<20} {f.table} {where}: {f.message_zh} | {f.message}")
    return EXIT_OK if report.ok else EXIT_NOT_FOUND


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith("."))
        else:
            out.append(p)
    return out


def _job(task: tuple) -> tuple[str, int, dict | str]:
    """Validate one file in a worker: (path, exit code, report dict or error line)."""
    path, options = task
    try:
        report = _check(path, options)
    except GovclassError as exc:
        return path, EXIT_USAGE, str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        return path, EXIT_INTERNAL, f"{path}: internal error: {type(exc).__name__}: {exc}"
    return path, EXIT_OK if report.ok else EXIT_NOT_FOUND, report.to_dict()


def _validate_many(args: argparse.Namespace, files: list[str], tolerance) -> int:
    """Many documents on all cores, a progress bar on a terminal, one summary
    line per file (or one JSON object per line), then a total."""
    import json
    import time

    jobs = args.jobs or os.cpu_count() or 1
    options = _options(args, tolerance)
    tasks = [(f, options) for f in files]
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    worst = EXIT_OK
    counts = {"ok": 0, "errors": 0, "unreadable": 0}
    start = time.perf_counter()

    def results():
        if jobs <= 1 or len(tasks) < 4:
            yield from map(_job, tasks)
            return
        import multiprocessing

        with multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork").Pool(jobs) as pool:
            yield from pool.imap(_job, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8) or 1)))

    for done, (path, code, result) in enumerate(results(), 1):
        worst = max(worst, code)
        if isinstance(result, str):
            counts["unreadable"] += 1
            line = json.dumps({"file": path, "error": result}, ensure_ascii=False) if args.format == "json" \
                else f"{path}: unreadable: {result}"
        else:
            counts["errors" if code else "ok"] += 1
            s = result["summary"]
            line = json.dumps({**result, "file": path}, ensure_ascii=False) if args.format == "json" else (
                f"{path}: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info")
        if show:
            sys.stderr.write("\r\033[K")
        _out(line)
        if show:
            width = 30
            filled = int(width * done / len(tasks))
            rate = done / max(time.perf_counter() - start, 1e-9)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{len(tasks)} {rate:.1f} docs/s")
            sys.stderr.flush()
    if show:
        sys.stderr.write("\n")
    elapsed = time.perf_counter() - start
    summary = (f"{len(tasks)} file(s): {counts['ok']} without errors, {counts['errors']} with errors, "
               f"{counts['unreadable']} unreadable; {len(tasks) / max(elapsed, 1e-9):.1f} docs/s on {jobs} process(es)")
    if args.format == "json":
        _out(json.dumps({"summary": summary, **counts, "files": len(tasks)}, ensure_ascii=False))
    else:
        _out(summary)
    return worst


def _cmd_extract(args: argparse.Namespace) -> int:
    from govclass.document import Document
    from govclass.readers import read_document

    doc = read_document(args.file, fmt=args.input_format)
    if not isinstance(doc, Document):  # a JSON/YAML document: show it as the validator will read it
        from govclass.document import check_schema

        problems = check_schema(doc)
        if problems:
            _err(f"govclass: error: {args.file}: {problems[0]}")
            return EXIT_USAGE
        doc = Document.from_dict(doc)
    if args.format == "json":
        import json

        _out(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))
        return EXIT_OK
    _out(f"{args.file}: {doc.title or '-'}, {doc.year or '-'} {doc.kind or ''}, read as {doc.format or '-'}")
    for t in doc.tables:
        _out(f"table {t.name} [{t.kind or '-'}] {t.classification}, {t.unit}, {len(t.lines)} line(s), "
             f"columns {' | '.join(t.columns)}" + (f", source line {t.source_line}" if t.source_line else ""))
        for ln in t.lines:
            figs = " | ".join(c.raw or "" for c in ln.cells.values())
            _out(f"  {ln.source_line or '-':>5} {ln.level or '':2} {ln.code or '':8} {ln.name or ''}: {figs}")
    for st in doc.statements:
        _out(f"statement {st.name} [{st.kind}] {st.unit}, {len(st.items)} item(s)")
        for it in st.items:
            figs = " | ".join(f"{c}={v.raw}" for c, v in it.cells.items() if v.raw)
            _out(f"  {it.source_line or '-':>5} {it.side or '':2} {it.label}: {figs}")
    for p in doc.problems:
        _out(f"{p.severity} {p.rule} {p.table}: {p.message}")
    return EXIT_OK


def _cmd_history(args: argparse.Namespace) -> int:
    from govclass.editions import editions, history, status

    code = _store.get_store(None).resolve(args.code)
    items = history(code)
    present = status(code).editions
    if args.json:
        import json

        _out(json.dumps({"code": code, "editions": list(present), "changes": [c.to_dict() for c in items]},
                        ensure_ascii=False, indent=2))
    else:
        span = f"in editions {', '.join(map(str, present))}" if present else f"in no edition ({', '.join(map(str, editions()))})"
        _out(f"{code}: {span}")
        for c in items:
            _out(f"  {c.describe()}  [{c.confidence}; {c.source}]")
        if not items:
            _out("  no recorded change")
    return EXIT_OK if present else EXIT_NOT_FOUND


def _cmd_diff(args: argparse.Namespace) -> int:
    from govclass.editions import diff

    for y in (args.a, args.b):
        _store.get_store(y)  # UnknownYearError -> exit 2
    items = diff(args.a, args.b)
    if args.json:
        import json

        _out(json.dumps({"from": args.a, "to": args.b, "changes": [c.to_dict() for c in items]},
                        ensure_ascii=False, indent=2))
    else:
        counts: dict[str, int] = {}
        for c in items:
            counts[c.type] = counts.get(c.type, 0) + 1
            _out(c.describe())
        _out(f"{args.a} → {args.b}: " + (", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "no change"))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from govclass.document import schema, schema_with_codes

    _out(json.dumps(schema_with_codes(args.year) if args.codes else schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


COMMANDS = {
    "validate": _cmd_validate,
    "extract": _cmd_extract,
    "schema": _cmd_schema,
    "history": _cmd_history,
    "diff": _cmd_diff,
    "lookup": _cmd_lookup,
    "search": _cmd_search,
    "tree": _cmd_tree,
    "stats": _cmd_stats,
    "export": _cmd_export,
    "check-data": _cmd_check_data,
}


def main(argv: list[str] | None = None) -> int:
    if (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") not in ("utf8", "utf8sig"):
        try:
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    if argv is None:
        argv = sys.argv[1:]
    fast = _fast_lookup_args(argv)
    try:
        if fast is not None:
            return lookup_command(*fast)
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except GovclassError as exc:  # InvalidCodeError, UnknownYearError, DataError, InputError
        _err(f"govclass: error: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. piped into head
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        _err(f"govclass: error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug must still give one line, not a traceback
        _err(f"govclass: internal error: {type(exc).__name__}: {exc} (please report it; "
             "GOVCLASS_TRACEBACK=1 shows where)")
        if os.environ.get("GOVCLASS_TRACEBACK"):
            raise
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
