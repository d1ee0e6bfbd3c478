"""Commands on budget documents: validate, codes, extract, schema."""

from __future__ import annotations

import os
import sys

from govclass.cli.base import (EXIT_INCOMPLETE, EXIT_INTERNAL, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, VERDICT_EXIT, command,
                               err, out, worst_exit)
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
    sp.add_argument("--format", choices=("text", "json", "jsonl", "csv", "html"), default=None,
                    help="text for people (default); json: one JSON document (a report, or for several files one "
                         "document with every report); jsonl: one report per line as files finish, then "
                         "the totals; csv: one row per finding (docs/report-format.md); html: a page with each "
                         "finding beside the crop of its PDF page, its row boxed (one document; -o FILE)")
    sp.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (default: standard output)")
    sp.add_argument("--bom", action="store_true", help="csv: start with a byte-order mark, for Excel")
    sp.add_argument("--lang", choices=("zh", "en", "both"), default=None,
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
    sp.add_argument("--select", "--only", dest="only", action="append", default=None, metavar="RULES",
                    help="report only these: rule ids, check groups or the families `govclass rules` prints "
                         "(sums, reading …), comma-separated, repeatable (--only is the same)")
    sp.add_argument("--ignore", "--skip", dest="skip", action="append", default=None, metavar="RULES",
                    help="rule ids, groups or families not to report, comma-separated, repeatable (--skip is the "
                         "same)")
    sp.add_argument("--show-unchecked", action="store_true", default=None,
                    help="text: list every statement that could not be checked (insufficient-data) instead of "
                         "counting them on one line")
    sp.add_argument("--statistics", action="store_true", default=None,
                    help="text: the verdict and the counts per rule and per table, no finding listed")
    sp.add_argument("--exit-zero", action="store_true", default=None,
                    help="exit 0 even when errors are found or a document is incomplete (2 and 3 still say an "
                         "input that cannot be read and a bug)")
    sp.add_argument("--include", action="append", default=None, metavar="GLOB",
                    help="a folder: read only the files whose name (or path below the folder) matches, repeatable")
    sp.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                    help="a folder: leave out the files whose name (or path below the folder) matches, repeatable")
    sp.add_argument("--config", metavar="FILE", help="the settings file (default: govclass.toml or pyproject.toml's "
                    "[tool.govclass], here or in a folder above)")
    sp.add_argument("--no-config", action="store_true", help="read no settings file")
    sp.add_argument("--relation", action="append", default=[], metavar="TOTAL=PART+PART",
                    help='a column relation to check, e.g. "合计=基本支出+项目支出"; replaces the declared or '
                         "inferred relation of the same total (repeatable)")
    sp.add_argument("--stream", action="store_true",
                    help="accepted and ignored: CSV tables and JSON Lines are always read a table at a time "
                         "(issue 27)")


#: the option (as args holds it) each setting of the configuration file gives a default to
_SETTINGS = {"select": "only", "ignore": "skip", "show-unchecked": "show_unchecked", "statistics": "statistics",
             "exit-zero": "exit_zero", "format": "format", "lang": "lang", "unit": "unit",
             "classification": "classification", "year": "year", "jobs": "jobs", "include": "include",
             "exclude": "exclude", "time-limit": "time_limit", "tolerance": "tolerance"}
#: what an option not given and not set is
_DEFAULTS = {"format": "text", "lang": "both", "skip": [], "show_unchecked": False, "statistics": False,
             "exit_zero": False}


def apply_config(args: argparse.Namespace) -> str | None:
    """Fill the options not given on the command line from the settings file (govclass.cli.present.config),
    then from the defaults; the file's path, when one was read."""
    from govclass.cli.present.config import find_config, load_config

    path = None if args.no_config else (args.config or find_config())
    settings = load_config(path) if path else {}
    for key, value in settings.items():
        name = _SETTINGS[key]
        if getattr(args, name, None) in (None, []):
            setattr(args, name, str(value) if name in ("time_limit", "tolerance") else value)
    for name, value in _DEFAULTS.items():
        if getattr(args, name, None) is None:
            setattr(args, name, value)
    return path


def rule_names(names: list[str] | None) -> tuple[str, ...] | None:
    """``--select a,b --select c`` as the names it gives (a, b, c); None when not given."""
    if names is None:
        return None
    return tuple(n.strip() for name in names for n in name.split(",") if n.strip())


@command('validate', 'validate budget documents: JSON, YAML or CSV tables, or published disclosures (plain text, markdown, TSV, XLSX, PDF); a folder validates every file in it on all cores; exit 1 when there are errors, 4 when a document is incomplete (read only in part)',
         order=70, arguments=_validate_arguments)
def _cmd_validate(args: argparse.Namespace) -> int:
    from govclass.cli.batch import Options
    from govclass.validation.relations import parse_relation
    from govclass.validation.validate import expand_families, select_rules

    given = {k for k, v in vars(args).items() if v not in (None, [], False)}
    apply_config(args)
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
    skip, only = rule_names(args.skip) or (), rule_names(args.only)
    select_rules(skip, only)  # an unknown rule id: RuleIdError, exit 2 with the valid ids
    skip = expand_families(skip)  # a family as its ids: what every path (the stream too) knows
    only = None if only is None else expand_families(only)
    relations = tuple(parse_relation(r) for r in args.relation)  # RelationError: exit 2
    if args.file.count("-") > 1:
        err("govclass: error: standard input (-) can be read once")
        return EXIT_USAGE
    files, skipped = _expand(args.file, args.include or (), args.exclude or ())
    for path, why in skipped:
        err(f"govclass: note: skipped: {path}: {why}")
    if not files:
        err(f"govclass: error: no file to validate in {', '.join(args.file)}")
        return EXIT_USAGE
    many = len(files) > 1 or any(os.path.isdir(f) for f in args.file) or args.format == "jsonl"
    if not _options_apply(args, files, many, given):
        return EXIT_USAGE
    options = Options(args.year, args.input_format, args.classification, args.unit, skip, only, relations,
                      tolerance)
    with _output(args.output):
        if not many:
            code = _validate_one(args, files[0], options)  # jsonl is a stream: reports, then the totals, always
        else:
            code = _validate_many(args, files, options, float(time_limit) or None,
                                  {f for f in files if f not in args.file}, len(skipped))
    if args.exit_zero and code in (EXIT_NOT_FOUND, EXIT_INCOMPLETE):
        return EXIT_OK
    return code


class _output:
    """Standard output, or the file ``-o`` names for the time of a run (every writer writes to
    ``sys.stdout``)."""

    def __init__(self, path: str | None) -> None:
        self.path, self.saved, self.fh = path, None, None

    def __enter__(self):
        if self.path is not None:
            self.fh = open(self.path, "w", encoding="utf-8", newline="")
            self.saved, sys.stdout = sys.stdout, self.fh

    def __exit__(self, *exc) -> None:
        if self.fh is not None:
            sys.stdout = self.saved
            self.fh.close()


#: the suffixes of tables --classification and --unit describe (the other inputs print their own)
_CSV_LIKE = (".csv", ".jsonl", ".ndjson", ".tsv")


def _options_apply(args: argparse.Namespace, files: list[str], many: bool, given: set[str]) -> bool:
    """Every option given on the command line applies to the inputs, or a warning says which does not
    (an error, False, where the output would not be what was asked): never silently ignored."""
    def suffix(path: str) -> str:
        return os.path.splitext(path)[1].lower()

    if args.format == "html" and (many or files[0] == "-"):
        err("govclass: error: --format html writes one document's page: give one file (not standard input)")
        return False
    if args.stream:  # what --stream asked for is what always happens to CSV and JSON Lines; the rest is read whole
        from govclass.adapters.stream import streamable

        others = [f for f in files if streamable(f, args.input_format) is None]
        if others:
            err(f"govclass: warning: --stream applies to CSV and JSON Lines files (always read a table at a "
                f"time); {others[0]}" + (f" and {len(others) - 1} other file(s)" if len(others) > 1 else "")
                + " read whole")
    if args.classification or args.unit:
        others = [f for f in files if f != "-" and suffix(f) not in _CSV_LIKE]
        if others and args.input_format not in ("csv", "tsv"):
            which = " and ".join(o for o, v in (("--classification", args.classification), ("--unit", args.unit))
                                 if v)
            err(f"govclass: warning: {which} describe(s) CSV tables; {others[0]} prints its own"
                + (f" (and {len(others) - 1} other file(s))" if len(others) > 1 else ""))
    if args.bom and args.format != "csv":
        err("govclass: warning: --bom applies to --format csv only")
    if not many:
        named = [o for o, k in (("--jobs", "jobs"), ("--time-limit", "time_limit"), ("--include", "include"),
                                ("--exclude", "exclude")) if k in given]
        if named or args.progress != "auto":
            err(f"govclass: warning: {', '.join(named or ['--progress'])} apply to a run over many files or a "
                f"folder; one file was given")
    if args.format not in ("text",) and ({"show_unchecked", "statistics"} & given):
        err(f"govclass: warning: --show-unchecked and --statistics shape the text output; --format {args.format} "
            "carries every finding")
    return True


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

    if args.format == "html":  # one page of one document: the report whole (the findings of a PDF)
        from govclass.cli.batch import check_file
        from govclass.cli.present.html import write_html  # on use: keeps the parser light

        report = check_file(path, options)
        write_html(path, report, sys.stdout, lang=args.lang)
        return VERDICT_EXIT[report.verdict]
    verdict = write_reports(args, path, file_reports(path, options), lambda p, r: _text(args, p, r), csv_writer)
    return VERDICT_EXIT[verdict]


def text_report(path: str, report: dict, lang: str, *, show_unchecked: bool = False,
                statistics: bool = False) -> None:
    """A report (as its dict; its findings any iterable of their dicts that can be read again) for
    people, summary first (govclass.cli.present.summary)."""
    from govclass.cli.present.summary import print_report

    print_report(path, report, lang, show_unchecked=show_unchecked, statistics=statistics,
                 relations_line=_relations_line)


def _text(args: argparse.Namespace, path: str, report: dict) -> None:
    """A report for people as the options shape it."""
    text_report(path, report, args.lang, show_unchecked=args.show_unchecked, statistics=args.statistics)


#: the suffixes of the files a folder run reads (a budget document's formats); other files are skipped
#: with a note (a folder of budgets often holds a README, a script, a picture)
FOLDER_SUFFIXES = (".txt", ".md", ".tsv", ".csv", ".xlsx", ".pdf", ".json", ".yaml", ".yml", ".jsonl", ".ndjson")


def _expand(paths: list[str], include=(), exclude=()) -> tuple[list[str], list[tuple[str, str]]]:
    """The files of ``paths``, folders walked in name order, and the files of the folders left out with
    why.  A file named is always read.  In a folder, files whose name starts with a dot are left out
    unsaid; a file of no budget format (by its suffix, :data:`FOLDER_SUFFIXES`) or that ``include`` /
    ``exclude`` (globs on its name or its path below the folder) leave out is skipped with a note; links
    to folders and special files are listed, so that the reader reports them (a folder that cannot be
    listed is listed itself, and reported unreadable)."""
    from fnmatch import fnmatch

    def matches(globs, name: str, below: str) -> bool:
        return any(fnmatch(name, g) or fnmatch(below, g) for g in globs)

    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        if not os.path.isdir(p):
            found.append(p)
            continue

        def unlistable(exc: OSError, top: str = p) -> None:
            found.append(exc.filename if isinstance(exc.filename, str) else top)

        for root, dirs, names in os.walk(p, onerror=unlistable):
            dirs.sort()
            linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
            for name in sorted(names + linked):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                below = os.path.relpath(path, p).replace(os.sep, "/")
                if include and not matches(include, name, below):
                    skipped.append((path, "not matched by --include"))
                elif exclude and matches(exclude, name, below):
                    skipped.append((path, "matched by --exclude"))
                elif not name.lower().endswith(FOLDER_SUFFIXES) and not os.path.isdir(path):
                    skipped.append((path, "not a budget document's format (" + ", ".join(FOLDER_SUFFIXES) + ")"))
                else:
                    found.append(path)
    return found, skipped


#: the suffixes of files a folder of budgets often holds as prose (a README, notes): found in a folder and
#: holding no budget table, such a file is skipped with a note; a CSV, a sheet or a PDF that holds none is
#: unreadable (exit 2), whatever folder it is in
_PROSE = (".md", ".txt")


def _validate_many(args: argparse.Namespace, files: list[str], options, time_limit: float | None,
                   walked: set[str] = frozenset(), skipped: int = 0) -> int:  # type: ignore[assignment]
    """Many documents in worker processes (all cores, govclass.cli.batch: every
    file reported, in order, a killed worker replaced, a time limit per
    document), a progress bar on a terminal; each file's report as it finishes
    (text, jsonl, csv) or all in one document (json); then the totals.  A file
    found in a folder (``walked``) that holds no budget table at all is skipped
    with a note; named, it is unreadable.  ``skipped``: the files of the folders
    already skipped by their suffix or --include/--exclude (counted in the totals)."""
    import json
    import time

    from govclass.catalog.store import latest_year
    from govclass.cli.batch import NO_BUDGET, run_batch
    from govclass.document.formats import FORMAT_VERSION

    jobs = args.jobs or os.cpu_count() or 1
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    worst = EXIT_OK
    # the totals as the report schema has them: "unreadable" counts every file without a report,
    # crashed ones included (each entry says which by its exit, 3); the text summary tells them apart
    counts = {"files": len(files) + skipped, "ok": 0, "errors": 0, "unreadable": 0, "incomplete": 0,
              "skipped": skipped}
    crashed = 0
    reports: list[dict] = []  # --format json: printed together at the end
    row = csv_writer(args) if args.format == "csv" else None
    start = time.perf_counter()
    edition = args.year or latest_year()
    for done, (path, code, result) in enumerate(run_batch(files, options, jobs, time_limit, edition), 1):
        if show:
            sys.stderr.write("\r\033[K")
        if code == NO_BUDGET:
            if path in walked and path.lower().endswith(_PROSE):
                err(f"govclass: note: skipped: {result}")
                counts["skipped"] += 1
                continue
            code = EXIT_USAGE
        try:
            lines = _batch_entry(args, path, code, result, reports, row)
        except Exception as exc:  # noqa: BLE001 - a report that cannot be printed is still reported
            code, result = EXIT_INTERNAL, f"{path!r}: internal error: cannot print the report: {type(exc).__name__}"
            path = repr(path)
            lines = _batch_entry(args, path, code, result, reports, row)
        worst = worst_exit(worst, code)
        if isinstance(result, str):
            counts["unreadable"] += 1
            crashed += code == EXIT_INTERNAL
        else:
            counts[{EXIT_OK: "ok", EXIT_INCOMPLETE: "incomplete"}.get(code, "errors")] += 1
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
    summary = (f"{counts['files']} file(s): {counts['ok']} without errors, {counts['errors']} with errors, "
               f"{counts['incomplete']} incomplete, {counts['unreadable'] - crashed} unreadable, {crashed} crashed"
               + (f", {counts['skipped']} skipped (no budget document)" if counts["skipped"] else "") + "; "
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
        _text(args, path, result)
    return []


def _codes_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", nargs="+", help="files or folders")
    out_fmt = sp.add_mutually_exclusive_group()
    out_fmt.add_argument("--json", action="store_true", help="one JSON object per document")
    out_fmt.add_argument("--csv", action="store_true", help="one CSV row per (document, code, name)")
    sp.add_argument("--input-format", type=input_format, metavar="FORMAT",
                    help="how to read the input (default: detected); a name that is no format is refused with "
                         "the list of formats")
    sp.add_argument("--jobs", "-j", type=int, default=1,
                    help="processes for many documents (default 1; 0: all cores); the output is in the files' order")
    sp.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                    help="progress bar on standard error for many documents (auto: when it is a terminal)")


@command('codes', "list every (code, name) a document prints, with year, where, how often and the catalog's verdict "
         "for that year (known-same-name, known-no-name, name-variant, another-codes-name, uncatalogued, unknown, "
         "retired, not-yet-created, low-confidence, local-subitem); a folder lists every document in it; exit 4 (incomplete, as "
         "validate) when a document was read only in part", order=75, arguments=_codes_arguments)
def _cmd_codes(args: argparse.Namespace) -> int:
    from collections import Counter

    from govclass.evidence import CSV_FIELDS  # on use: keeps the parser light

    if args.jobs < 0:
        err(f"govclass: error: --jobs {args.jobs}: a number of processes is 1 or more (0: all cores)")
        return EXIT_USAGE
    results = _codes_of(args)
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
    # a part not read: incomplete, the exit validate gives a document read only in part (issue 25)
    return EXIT_INCOMPLETE if any(r.parts_not_read for r in read) else EXIT_OK


def _codes_of(args: argparse.Namespace) -> list:
    """Every document's codes (govclass.evidence), in the files' order: in ``--jobs`` processes, with a
    progress bar on standard error when asked (or on a terminal)."""
    import time

    from govclass.evidence import codes_of_paths, document_files

    files = document_files(args.file)
    jobs = args.jobs or os.cpu_count() or 1
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    if jobs == 1 or len(files) < 2:
        results = []
        for path in files:
            results.extend(codes_of_paths([path], args.year, args.input_format))
            _progress(show, len(results), len(files))
        if show:
            sys.stderr.write("\n")
        return results
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    start = time.perf_counter()
    results = []
    context = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context) as pool:
        for found in pool.map(codes_of_paths, [[p] for p in files], [args.year] * len(files),
                              [args.input_format] * len(files)):
            results.extend(found)
            _progress(show, len(results), len(files), time.perf_counter() - start)
    if show:
        sys.stderr.write("\n")
    return results


def _progress(show: bool, done: int, total: int, elapsed: float | None = None) -> None:
    """The progress bar of a run over many files, on standard error."""
    if not show:
        return
    width = 30
    filled = int(width * done / max(total, 1))
    rate = f" {done / max(elapsed, 1e-9):.1f} docs/s" if elapsed else ""
    sys.stderr.write(f"\r\033[K[{'#' * filled}{'.' * (width - filled)}] {done}/{total}{rate}")
    sys.stderr.flush()


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
