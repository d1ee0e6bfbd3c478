"""Commands on budget documents: validate, codes, extract, schema."""

from __future__ import annotations

import os
import sys

from govclass.cli.base import EXIT_INTERNAL, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, command, err, out
from govclass.limits import DOCUMENT_TIME_LIMIT

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse



def input_format(text: str) -> str:
    """An ``--input-format`` name. The formats are the readers' (finding them imports every reader):
    looked up only when the option is given, so that building the parser reads no reader."""
    import argparse

    from govclass.readers import FORMATS

    if text not in FORMATS:
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from {', '.join(FORMATS)})")
    return text


def _validate_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", nargs="+", help="files or folders; - reads standard input")
    sp.add_argument("--format", choices=("text", "json", "jsonl", "csv"), default="text",
                    help="text for people; json: one JSON document (a report, or for several files one "
                         "document with every report); jsonl: one report per line as files finish, then "
                         "the totals; csv: one row per finding (docs/report-format.md)")
    sp.add_argument("--bom", action="store_true", help="csv: start with a byte-order mark, for Excel")
    sp.add_argument("--lang", choices=("zh", "en", "both"), default="both",
                    help="language of the messages in text and csv output (json carries both)")
    sp.add_argument("--input-format", type=input_format, metavar="FORMAT",
                    help="how to read the input (default: detected); a name that is no format is refused with "
                         "the list of formats")
    sp.add_argument("--jobs", "-j", type=int, default=None, help="processes for many files (default: all cores)")
    sp.add_argument("--time-limit", default=None, metavar="SECONDS",
                    help=f"many files: time limit per document, reported as a time-limit error when reached "
                         f"(default {DOCUMENT_TIME_LIMIT:g}; 0: none)")
    sp.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                    help="progress bar on standard error for many files (auto: when it is a terminal)")
    sp.add_argument("--classification", choices=("functional", "economic"), help="CSV: the table's classification")
    sp.add_argument("--unit", choices=("元", "万元", "亿元"), help="CSV: the amounts' unit (default 万元)")
    sp.add_argument("--tolerance", help="override the rounding tolerance (in the table's unit)")
    sp.add_argument("--skip", action="append", default=[], metavar="RULE",
                    help="rule id (or group) not to report (repeatable)")
    sp.add_argument("--only", action="append", default=None, metavar="RULE",
                    help="report only this rule id (or group) (repeatable)")
    sp.add_argument("--relation", action="append", default=[], metavar="TOTAL=PART+PART",
                    help='a column relation to check, e.g. "合计=基本支出+项目支出"; replaces the declared or '
                         "inferred relation of the same total (repeatable)")
    sp.add_argument("--stream", action="store_true",
                    help="accepted and ignored: CSV tables and JSON Lines are always read a table at a time "
                         "(issue 27)")


@command('validate', 'validate budget documents: JSON, YAML or CSV tables, or published disclosures (plain text, markdown, TSV, XLSX, PDF); a folder validates every file in it on all cores; exit 1 when there are errors',
         order=70, arguments=_validate_arguments)
def _cmd_validate(args: argparse.Namespace) -> int:
    from govclass.cli.batch import Options
    from govclass.validation.relations import parse_relation
    from govclass.validation.validate import select_rules

    tolerance = None
    if args.tolerance is not None:
        tolerance = _non_negative(args.tolerance, "--tolerance")
        if tolerance is None:
            return EXIT_USAGE
    time_limit = _non_negative(DOCUMENT_TIME_LIMIT if args.time_limit is None else args.time_limit, "--time-limit")
    if time_limit is None:
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 0:
        err(f"govclass: error: --jobs {args.jobs}: a number of processes is 1 or more (0: all cores)")
        return EXIT_USAGE
    select_rules(args.skip, args.only)  # an unknown rule id: RuleIdError, exit 2 with the valid ids
    relations = tuple(parse_relation(r) for r in args.relation)  # RelationError: exit 2
    if args.file.count("-") > 1:
        err("govclass: error: standard input (-) can be read once")
        return EXIT_USAGE
    files = _expand(args.file)
    if not files:
        err(f"govclass: error: no file to validate in {', '.join(args.file)}")
        return EXIT_USAGE
    options = Options(args.year, args.input_format, args.classification, args.unit, tuple(args.skip),
                      None if args.only is None else tuple(args.only), relations, tolerance)
    if len(files) == 1 and not any(os.path.isdir(f) for f in args.file) and args.format != "jsonl":
        return _validate_one(args, files[0], options)  # jsonl is a stream: reports, then the totals, always
    return _validate_many(args, files, options, float(time_limit) or None)


def _non_negative(text: object, option: str):
    """A finite number ≥ 0 (a Decimal), or None after a one-line usage error:
    NaN, sNaN, infinities and negative numbers are refused (an infinite
    tolerance would pass every table)."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0:
        err(f"govclass: error: {option} {text!r}: expected a finite number ≥ 0")
        return None
    return value


def text_report(path: str, report: dict, lang: str) -> None:
    """A report (as its dict; its findings any iterable of their dicts, read once) for people: a
    summary line, then every finding."""
    s = report["summary"]
    out(f"{path}: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info; "
        f"edition {report['edition']}, {report['tables']} table(s), {report['lines']} line(s)")
    if report.get("coverage") is not None:
        c = report["coverage"]
        out(f"coded lines printed {c.get('coded_lines_printed')}, read and checked {c.get('coded_lines_read')}")
    out(_relations_line(report["relations"], lang))
    for f in report["findings"]:
        where = f"line {f['line']}" if f["line"] is not None else "-"
        if f.get("page") is not None:  # a PDF's narrative: its line is counted within the page
            where += f" (page {f['page']}" + (f", line {f['source_line']})" if f["source_line"] is not None else ")")
        elif f["source_line"] is not None:
            where += f" (source {f['source_line']})"
        msg = f["message_zh"] if lang == "zh" else f["message"] if lang == "en" else \
            f"{f['message_zh']} | {f['message']}"
        out(f"{f['severity']:<7} {f['rule']:<20} {f['table']} {where}: {msg}"
            + (f" | printed: {f['text']}" if f.get("text") else ""))
        if f.get("sentence"):
            out(f"        “{f['sentence']}”")


_ORIGIN = {"document": ("declared by the document or its standard table", "文件或标准表规定"), "columns": ("inferred from the column names", "据栏名推断"),
           "option": ("--relation", "--relation")}


def _relations_line(relations: list[dict], lang: str) -> str:
    """Which column relations were checked, each with how many tables and where it came from."""
    counts: dict[tuple[str, str], int] = {}
    for r in relations:
        key = (f"{r['total']} = {' + '.join(r['parts'])}", r["origin"])
        counts[key] = counts.get(key, 0) + 1
    en = "; ".join(f"{rel} ({n} table(s), {_ORIGIN[o][0]})" for (rel, o), n in counts.items()) or "none"
    zh = "；".join(f"{rel}（{n} 张表，{_ORIGIN[o][1]}）" for (rel, o), n in counts.items()) or "无"
    if lang == "zh":
        return f"  栏间关系核对：{zh}"
    if lang == "en":
        return f"  column relations checked: {en}"
    return f"  栏间关系核对：{zh} | column relations checked: {en}"


#: The columns of ``validate --format csv`` (the message columns follow --lang).
CSV_FIELDS = ("file", "rule", "severity", "table", "line", "source_line", "page", "code", "name", "column",
              "expected", "actual", "difference", "tolerance", "blank", "suggestions", "sentence", "text")


def csv_writer(args: argparse.Namespace):
    import csv

    if args.bom:
        sys.stdout.write("\ufeff")
    messages = {"zh": ("message_zh",), "en": ("message",), "both": ("message", "message_zh")}[args.lang]
    w = csv.writer(sys.stdout, lineterminator="\r\n" if args.bom else "\n")
    w.writerow(CSV_FIELDS + messages)

    def row(path: str, f: dict) -> None:
        cells = [path] + ["" if f.get(k) is None else " ".join(f[k]) if isinstance(f.get(k), list) else f[k]
                          for k in CSV_FIELDS[1:]]
        w.writerow(cells + [f[m] for m in messages])

    return row


def _validate_one(args: argparse.Namespace, path: str, options) -> int:
    from govclass.cli.batch import file_reports
    from govclass.cli.writers import write_reports

    ok = write_reports(args, path, file_reports(path, options), text_report, csv_writer)
    return EXIT_OK if ok else EXIT_NOT_FOUND


def _expand(paths: list[str]) -> list[str]:
    """The files of ``paths``, folders walked in name order.  Files whose
    name starts with a dot are left out; everything else is listed, links to
    folders and special files included, so that the reader reports them (a
    folder that cannot be listed is listed itself, and reported unreadable)."""
    found: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            def unlistable(exc: OSError, top: str = p) -> None:
                found.append(exc.filename if isinstance(exc.filename, str) else top)

            for root, dirs, names in os.walk(p, onerror=unlistable):
                dirs.sort()
                linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
                found.extend(os.path.join(root, n) for n in sorted(names + linked) if not n.startswith("."))
        else:
            found.append(p)
    return found


def _validate_many(args: argparse.Namespace, files: list[str], options, time_limit: float | None) -> int:
    """Many documents in worker processes (all cores, govclass.cli.batch: every
    file reported, in order, a killed worker replaced, a time limit per
    document), a progress bar on a terminal; each file's report as it finishes
    (text, jsonl, csv) or all in one document (json); then the totals."""
    import json
    import time

    from govclass.catalog.store import latest_year
    from govclass.cli.batch import run_batch
    from govclass.document.formats import FORMAT_VERSION

    jobs = args.jobs or os.cpu_count() or 1
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    worst = EXIT_OK
    # the totals as the report schema has them: "unreadable" counts every file without a report,
    # crashed ones included (each entry says which by its exit, 3); the text summary tells them apart
    counts = {"files": len(files), "ok": 0, "errors": 0, "unreadable": 0}
    crashed = 0
    reports: list[dict] = []  # --format json: printed together at the end
    row = csv_writer(args) if args.format == "csv" else None
    start = time.perf_counter()
    edition = args.year or latest_year()
    for done, (path, code, result) in enumerate(run_batch(files, options, jobs, time_limit, edition), 1):
        if show:
            sys.stderr.write("\r\033[K")
        try:
            lines = _batch_entry(args, path, code, result, reports, row)
        except Exception as exc:  # noqa: BLE001 - a report that cannot be printed is still reported
            code, result = EXIT_INTERNAL, f"{path!r}: internal error: cannot print the report: {type(exc).__name__}"
            path = repr(path)
            lines = _batch_entry(args, path, code, result, reports, row)
        worst = max(worst, code)
        if isinstance(result, str):
            counts["unreadable"] += 1
            crashed += code == EXIT_INTERNAL
        else:
            counts["errors" if code else "ok"] += 1
        for line in lines:
            out(line)
        if show:
            width = 30
            filled = int(width * done / len(files))
            rate = done / max(time.perf_counter() - start, 1e-9)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{len(files)} {rate:.1f} docs/s")
            sys.stderr.flush()
    if show:
        sys.stderr.write("\n")
    elapsed = time.perf_counter() - start
    summary = (f"{len(files)} file(s): {counts['ok']} without errors, {counts['errors']} with errors, "
               f"{counts['unreadable'] - crashed} unreadable, {crashed} crashed; "
               f"{len(files) / max(elapsed, 1e-9):.1f} docs/s on {jobs} process(es)")
    if args.format == "json":
        out(json.dumps({"version": FORMAT_VERSION, "files": reports, "totals": counts}, ensure_ascii=False, indent=1))
    elif args.format == "jsonl":
        out(json.dumps({"version": FORMAT_VERSION, "totals": counts}, ensure_ascii=False))
    elif args.format == "csv":
        err(summary)
    else:
        out(summary)
    return worst


def _batch_entry(args: argparse.Namespace, path: str, code: int, result: dict | str, reports: list,
                 row) -> list[str]:
    """One file of a batch in the output format: the lines to print now
    (--format json keeps the entry for the one document printed at the end;
    text prints the report's findings itself)."""
    import json

    from govclass.document.formats import FORMAT_VERSION

    if isinstance(result, str):  # unreadable (exit 2) or crashed (exit 3): why it has no report
        entry = {"version": FORMAT_VERSION, "file": path, "error": result, "exit": code}
        if args.format == "json":
            reports.append(entry)
        elif args.format == "jsonl":
            return [json.dumps(entry, ensure_ascii=False)]
        elif row is not None:
            rule = "unreadable-file" if code == EXIT_USAGE else "internal-error"
            row(path, {"rule": rule, "severity": "error", "message": result, "message_zh": result})
        else:
            return [f"{path}: {'unreadable' if code == EXIT_USAGE else 'crashed'}: {result}"]
        return []
    result["file"] = path
    if args.format == "json":
        reports.append(result)
    elif args.format == "jsonl":
        return [json.dumps(result, ensure_ascii=False)]
    elif row is not None:
        for f in result["findings"]:
            row(path, f)
    else:
        text_report(path, result, args.lang)
    return []


def _codes_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", nargs="+", help="files or folders")
    out_fmt = sp.add_mutually_exclusive_group()
    out_fmt.add_argument("--json", action="store_true", help="one JSON object per document")
    out_fmt.add_argument("--csv", action="store_true", help="one CSV row per (document, code, name)")
    sp.add_argument("--input-format", type=input_format, metavar="FORMAT",
                    help="how to read the input (default: detected); a name that is no format is refused with "
                         "the list of formats")


@command('codes', "list every (code, name) a document prints, with year, where, how often and the catalog's verdict "
         "for that year (known-same-name, known-no-name, name-variant, another-codes-name, uncatalogued, unknown, "
         "retired, not-yet-created, low-confidence, local-subitem); a folder lists every document in it; exit 1 when a "
         "document was read only in part", order=75, arguments=_codes_arguments)
def _cmd_codes(args: argparse.Namespace) -> int:
    from collections import Counter

    from govclass.evidence import CSV_FIELDS, codes_of_paths  # on use: keeps the parser light

    results = codes_of_paths(args.file, args.year, args.input_format)
    if not results:
        err("govclass: error: no document found in " + ", ".join(args.file))
        return EXIT_USAGE
    for r in results:
        if r.error is not None:
            err(f"govclass: error: {r.error}")
    read = [r for r in results if r.error is None]
    if args.csv:
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_FIELDS)
        for r in read:
            for p in r.pairs:
                d = p.to_dict()
                d["places"] = " ".join(p.places)
                w.writerow(["" if d[k] is None else d[k] for k in CSV_FIELDS])
        out(buf.getvalue().rstrip("\n"))
    elif args.json:
        import json

        for r in results:
            out(json.dumps(r.to_dict(), ensure_ascii=False))
    else:
        for r in read:
            counts = Counter(p.verdict for p in r.pairs)
            summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "none"
            extra = f"; {r.parts_not_read} part(s) not read" if r.parts_not_read else ""
            out(f"{r.path}: year {r.year or '?'}, edition {r.edition}, {len(r.pairs)} (code, name) "
                 f"pair(s): {summary}{extra}")
            for p in r.pairs:
                where = ", ".join(p.places[:3]) + (" …" if len(p.places) > 3 else "")
                other = f" [catalog: {p.catalog_name}]" if p.catalog_name and not p.name_matches else ""
                why = f" ({p.detail})" if p.detail else ""
                out(f"  {p.code:<8} {p.name or '-'} ×{p.count}  {p.verdict}{other}{why}  {where}")
    if any(r.crashed for r in results):
        return EXIT_INTERNAL
    if len(read) < len(results):
        return EXIT_USAGE
    return EXIT_NOT_FOUND if any(r.parts_not_read for r in read) else EXIT_OK


def _extract_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file")
    sp.add_argument("--format", choices=("text", "json"), default="json")
    sp.add_argument("--input-format", type=input_format, metavar="FORMAT",
                    help="how to read the input (default: detected); a name that is no format is refused with "
                         "the list of formats")


@command('extract', 'print a disclosure as the validator reads it: tables, columns, lines with their source line numbers',
         order=80, arguments=_extract_arguments)
def _cmd_extract(args: argparse.Namespace) -> int:
    from govclass.document import Document  # on use: keeps the parser light (it loads every command)
    from govclass.readers import read_document  # on use: keeps the parser light (it loads every command)

    doc = read_document(args.file, fmt=args.input_format)
    if isinstance(doc, Document):  # as the validator reads it: a doubtful reading proven (a PDF's)
        from govclass.validation import prove  # on use: keeps the parser light (it loads every command)

        doc = prove(doc)
    else:  # a JSON/YAML document: show it as the validator will read it
        from govclass.document import check_schema  # on use: keeps the parser light (it loads every command)

        problems = check_schema(doc)
        if problems:
            err(f"govclass: error: {args.file}: {problems[0]}")
            return EXIT_USAGE
        doc = Document.from_dict(doc)
    if args.format == "json":
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, **doc.to_dict()}, ensure_ascii=False, indent=1))
        return EXIT_OK
    out(f"{args.file}: {doc.title or '-'}, {doc.year or '-'} {doc.kind or ''}, read as {doc.format or '-'}")
    for t in doc.tables:
        out(f"table {t.name} [{t.kind or '-'}] {t.classification}, {t.unit}, {len(t.lines)} line(s), "
             f"columns {' | '.join(t.columns)}" + (f", source line {t.source_line}" if t.source_line else ""))
        for ln in t.lines:
            figs = " | ".join(c.raw or "" for c in ln.cells.values())
            out(f"  {ln.source_line or '-':>5} {ln.level or '':2} {ln.code or '':8} {ln.name or ''}: {figs}")
    for st in doc.statements:
        out(f"statement {st.name} [{st.kind}] {st.unit}, {len(st.items)} item(s)")
        for it in st.items:
            figs = " | ".join(f"{c}={v.raw}" for c, v in it.cells.items() if v.raw)
            out(f"  {it.source_line or '-':>5} {it.side or '':2} {it.label}: {figs}")
    for p in doc.problems:
        out(f"{p.severity} {p.rule} {p.table}: {p.message}")
    return EXIT_OK


def _schema_arguments(sp: argparse.ArgumentParser) -> None:
    what = sp.add_mutually_exclusive_group()
    what.add_argument("--codes", action="store_true", help="code fields as enums of the edition's legal codes")
    what.add_argument("--report", action="store_true",
                      help="the schema of the validation report (validate --format json|jsonl) instead")


@command('schema', 'print the JSON Schema of the document format (--report: of the validation report)',
         order=110, arguments=_schema_arguments)
def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from govclass.document import schema, schema_with_codes  # on use: keeps the parser light (it loads every command)

    if args.report:
        from govclass.document.formats import report_schema

        out(json.dumps(report_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK
    out(json.dumps(schema_with_codes(args.year) if args.codes else schema(), ensure_ascii=False, indent=2))
    return EXIT_OK
